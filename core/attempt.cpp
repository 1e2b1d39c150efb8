// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attempt.h"

#include <array>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

template<typename Enum, size_t N>
std::optional<Enum> fromName(const std::array<Enum, N> &values, const QString &text)
{
    for (Enum value : values) {
        if (wireName(value) == text)
            return value;
    }
    return std::nullopt;
}

constexpr std::array allAttemptStatuses{AttemptStatus::Created,
                                        AttemptStatus::Running,
                                        AttemptStatus::Completed,
                                        AttemptStatus::Failed,
                                        AttemptStatus::Cancelled};
constexpr std::array allProcessKinds{ProcessKind::Setup,
                                     ProcessKind::Agent,
                                     ProcessKind::Cleanup,
                                     ProcessKind::DevServer};
constexpr std::array allProcessStatuses{ProcessStatus::Pending,
                                        ProcessStatus::Running,
                                        ProcessStatus::Completed,
                                        ProcessStatus::Failed,
                                        ProcessStatus::Cancelled};

} // namespace

QString wireName(AttemptStatus status)
{
    switch (status) {
    case AttemptStatus::Created: return u"created"_s;
    case AttemptStatus::Running: return u"running"_s;
    case AttemptStatus::Completed: return u"completed"_s;
    case AttemptStatus::Failed: return u"failed"_s;
    case AttemptStatus::Cancelled: return u"cancelled"_s;
    }
    return {};
}

std::optional<AttemptStatus> attemptStatusFromString(const QString &text)
{
    return fromName(allAttemptStatuses, text);
}

QStringList attemptStatusNames()
{
    QStringList names;
    for (AttemptStatus status : allAttemptStatuses)
        names.append(wireName(status));
    return names;
}

bool isFinished(AttemptStatus status)
{
    return status == AttemptStatus::Completed || status == AttemptStatus::Failed
           || status == AttemptStatus::Cancelled;
}

std::optional<qint64> Attempt::durationMs() const
{
    if (!startedAt.isValid())
        return std::nullopt;
    const QDateTime end = completedAt.isValid() && isFinished(status)
                              ? completedAt
                              : QDateTime::currentDateTimeUtc();
    return startedAt.msecsTo(end);
}

QString wireName(ProcessKind kind)
{
    switch (kind) {
    case ProcessKind::Setup: return u"setup"_s;
    case ProcessKind::Agent: return u"agent"_s;
    case ProcessKind::Cleanup: return u"cleanup"_s;
    case ProcessKind::DevServer: return u"dev_server"_s;
    }
    return {};
}

QString wireName(ProcessStatus status)
{
    switch (status) {
    case ProcessStatus::Pending: return u"pending"_s;
    case ProcessStatus::Running: return u"running"_s;
    case ProcessStatus::Completed: return u"completed"_s;
    case ProcessStatus::Failed: return u"failed"_s;
    case ProcessStatus::Cancelled: return u"cancelled"_s;
    }
    return {};
}

std::optional<ProcessKind> processKindFromString(const QString &text)
{
    return fromName(allProcessKinds, text);
}

std::optional<ProcessStatus> processStatusFromString(const QString &text)
{
    return fromName(allProcessStatuses, text);
}

} // namespace Core
