// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/project.h"
#include "core/task.h"

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

/// One change to the model. Every face (window, WebSocket, later webhooks) is fed from these.
using Event = std::variant<ProjectEvent, TaskEvent>;

} // namespace Core

Q_DECLARE_METATYPE(Core::Event)
