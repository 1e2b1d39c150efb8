// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/approval.h"
#include "core/attempt.h"
#include "core/draft.h"
#include "core/project.h"
#include "core/task.h"
#include "core/webhook.h"

#include <QDateTime>
#include <QMetaType>

#include <optional>
#include <variant>

namespace Core {

enum class ChangeKind { Created, Updated, Deleted };

struct ProjectEvent
{
    ChangeKind kind = ChangeKind::Created;
    Project project; ///< After the change; for Deleted, as it was.
    QDateTime at;
};

struct TaskEvent
{
    ChangeKind kind = ChangeKind::Created;
    Task task; ///< After the change; for Deleted, as it was.
    /// Set on an update that moved the task to another column.
    std::optional<TaskStatus> previousStatus;
    QDateTime at;

    [[nodiscard]] bool statusChanged() const
    {
        return previousStatus && *previousStatus != task.status;
    }
};

struct AttemptEvent
{
    ChangeKind kind = ChangeKind::Created;
    Attempt attempt;
    std::optional<AttemptStatus> previousStatus;
    QDateTime at;

    [[nodiscard]] bool statusChanged() const
    {
        return previousStatus && *previousStatus != attempt.status;
    }
};

struct ProcessEvent
{
    ChangeKind kind = ChangeKind::Created;
    ExecutionProcess process;
    TaskId taskId;
    std::optional<ProcessStatus> previousStatus;
    QDateTime at;
};

/// New lines in a process's log: [bytesStart, bytesEnd) of the file at logPath. lines holds
/// them as stored (NDJSON) unless the reader fell behind, in which case it is empty and whoever
/// wants them reads that range from the file.
struct LogEvent
{
    AttemptId attemptId;
    TaskId taskId;
    ProcessId processId;
    QString logPath;
    QByteArray lines;
    qint64 bytesStart = 0;
    qint64 bytesEnd = 0;
    qint64 entries = 0;
};

struct ApprovalEvent
{
    ChangeKind kind = ChangeKind::Created;
    Approval approval;
    std::optional<ApprovalStatus> previousStatus;
    QDateTime at;

    /// It was pending and is decided now (approved, rejected, expired or cancelled).
    [[nodiscard]] bool resolved() const
    {
        return previousStatus == ApprovalStatus::Pending && !approval.isPending();
    }
};

/// A draft or a queue of an attempt changed. Queues travel as their attempt's drafts do.
struct DraftEvent
{
    ChangeKind kind = ChangeKind::Created;
    Draft draft;
    QDateTime at;
};

/// A webhook subscription was created or deleted. It carries the secret, which the dispatcher
/// signs with: no face may show it (the WebSocket does not relay these).
struct WebhookEvent
{
    ChangeKind kind = ChangeKind::Created;
    Webhook webhook; ///< For Deleted, as it was.
    QDateTime at;
};

/// One change to the model. Every face (window, WebSocket, webhooks) is fed from these.
using Event = std::variant<ProjectEvent,
                           TaskEvent,
                           AttemptEvent,
                           ProcessEvent,
                           LogEvent,
                           ApprovalEvent,
                           DraftEvent,
                           WebhookEvent>;

} // namespace Core

Q_DECLARE_METATYPE(Core::Event)
