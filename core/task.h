// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/ids.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <array>
#include <optional>

namespace Core {

/// Columns of the board, in board order.
enum class TaskStatus { Todo, InProgress, InReview, Done, Cancelled };

/// Ordered from least to most pressing; sorting follows this order.
enum class TaskPriority { Low, Medium, High, Urgent };

inline constexpr std::array allTaskStatuses{TaskStatus::Todo,
                                            TaskStatus::InProgress,
                                            TaskStatus::InReview,
                                            TaskStatus::Done,
                                            TaskStatus::Cancelled};
inline constexpr std::array allTaskPriorities{TaskPriority::Low,
                                              TaskPriority::Medium,
                                              TaskPriority::High,
                                              TaskPriority::Urgent};

/// The wire spelling: "todo", "in_progress", … (not toString: QTest would pick that up for enums)
[[nodiscard]] QString wireName(TaskStatus status);
[[nodiscard]] QString wireName(TaskPriority priority);
/// Accepts the wire spelling and "pending" as a synonym of "todo".
[[nodiscard]] std::optional<TaskStatus> taskStatusFromString(const QString &text);
[[nodiscard]] std::optional<TaskPriority> taskPriorityFromString(const QString &text);
[[nodiscard]] QStringList taskStatusNames();
[[nodiscard]] QStringList taskPriorityNames();

struct Task
{
    TaskId id;
    ProjectId projectId;
    QString title;
    QString description;
    TaskStatus status = TaskStatus::Todo;
    TaskPriority priority = TaskPriority::Medium;
    QStringList labels;
    std::optional<QString> llm;
    std::optional<QString> parentAttemptId;
    QDateTime createdAt;
    QDateTime updatedAt;
    TaskAttemptState attempts; ///< Derived from the task's attempts when read.
};

struct NewTask
{
    ProjectId projectId;
    QString title;
    QString description;
    TaskStatus status = TaskStatus::Todo;
    TaskPriority priority = TaskPriority::Medium;
    QStringList labels;
    std::optional<QString> llm;
    std::optional<QString> parentAttemptId;
};

/// A partial update: an outer nullopt leaves the field alone, an inner one clears it.
struct TaskPatch
{
    std::optional<QString> title;
    std::optional<QString> description;
    std::optional<TaskStatus> status;
    std::optional<TaskPriority> priority;
    std::optional<QStringList> labels;
    std::optional<std::optional<QString>> llm;
    std::optional<std::optional<QString>> parentAttemptId;

    [[nodiscard]] bool isEmpty() const;
};

} // namespace Core
