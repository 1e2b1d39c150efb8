// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/task.h"

using namespace Qt::StringLiterals;

namespace Core {

QString wireName(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Todo: return u"todo"_s;
    case TaskStatus::InProgress: return u"in_progress"_s;
    case TaskStatus::InReview: return u"in_review"_s;
    case TaskStatus::Done: return u"done"_s;
    case TaskStatus::Cancelled: return u"cancelled"_s;
    }
    return {};
}

QString wireName(TaskPriority priority)
{
    switch (priority) {
    case TaskPriority::Low: return u"low"_s;
    case TaskPriority::Medium: return u"medium"_s;
    case TaskPriority::High: return u"high"_s;
    case TaskPriority::Urgent: return u"urgent"_s;
    }
    return {};
}

std::optional<TaskStatus> taskStatusFromString(const QString &text)
{
    if (text == "pending"_L1)
        return TaskStatus::Todo;
    for (TaskStatus status : allTaskStatuses) {
        if (wireName(status) == text)
            return status;
    }
    return std::nullopt;
}

std::optional<TaskPriority> taskPriorityFromString(const QString &text)
{
    for (TaskPriority priority : allTaskPriorities) {
        if (wireName(priority) == text)
            return priority;
    }
    return std::nullopt;
}

QStringList taskStatusNames()
{
    QStringList names;
    for (TaskStatus status : allTaskStatuses)
        names.append(wireName(status));
    return names;
}

QStringList taskPriorityNames()
{
    QStringList names;
    for (TaskPriority priority : allTaskPriorities)
        names.append(wireName(priority));
    return names;
}

bool TaskPatch::isEmpty() const
{
    return !title && !description && !status && !priority && !labels && !llm && !parentAttemptId;
}

} // namespace Core
