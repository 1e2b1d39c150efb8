// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/future.h"
#include "core/ids.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QStringList>

namespace Core {

class Database;
class SqlConnection;

/// What a task's attempts add up to, beyond the TaskAttemptState every Task carries: what the
/// board shows on a card and filters by.
struct TaskActivity
{
    double totalCost = 0;     ///< USD, the sum of the attempts' usage.totalCost.
    int pendingApprovals = 0; ///< Approvals on its attempts still waiting for an answer.
    QStringList agents;       ///< The executor profiles its attempts ran, distinct and sorted.

    [[nodiscard]] bool isEmpty() const
    {
        return totalCost <= 0 && pendingApprovals == 0 && agents.isEmpty();
    }
    friend bool operator==(const TaskActivity &, const TaskActivity &) = default;
};

using TaskActivities = QHash<TaskId, TaskActivity>;

/// Reads TaskActivity per task, a whole project at once in two queries (one for cost and agents,
/// one for pending approvals), on a reader thread. An approval whose expiresAt has passed no
/// longer counts as pending, even before ApprovalService marks it expired. Cheap to copy;
/// database must outlive it.
class TaskActivityReader final
{
public:
    explicit TaskActivityReader(Database &database);

    /// The project's tasks that have any activity; the others are left out.
    [[nodiscard]] Future<Result<TaskActivities>> forProject(const ProjectId &project) const;
    /// Every task asked for, with an empty TaskActivity when it has none (or does not exist).
    [[nodiscard]] Future<Result<TaskActivities>> forTasks(const QList<TaskId> &tasks) const;
    /// The tasks the attempts belong to, each with its whole activity; unknown attempts are
    /// skipped.
    [[nodiscard]] Future<Result<TaskActivities>> forAttempts(const QList<AttemptId> &attempts) const;

    /// The same reads, inside a Database read job (each opens its own read transaction).
    [[nodiscard]] static Result<TaskActivities> readProject(SqlConnection &sql,
                                                            const ProjectId &project,
                                                            const QDateTime &now);
    [[nodiscard]] static Result<TaskActivities> readTasks(SqlConnection &sql,
                                                          const QList<TaskId> &tasks,
                                                          const QDateTime &now);
    [[nodiscard]] static Result<TaskActivities> readAttempts(SqlConnection &sql,
                                                             const QList<AttemptId> &attempts,
                                                             const QDateTime &now);

private:
    Database *m_database;
};

} // namespace Core
