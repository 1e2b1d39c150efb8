// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/error.h"
#include "core/project.h"
#include "core/query.h"
#include "core/task.h"

namespace Core {

class SqlConnection;

/// An attempt with the task and project it belongs to.
struct AttemptContext
{
    Attempt attempt;
    Task task;
    Project project;
};

/// SQL for attempts and their execution processes. Runs inside Database jobs.
class AttemptStore final
{
public:
    [[nodiscard]] static Result<void> insert(SqlConnection &sql, const Attempt &attempt);
    /// Writes what a run changes over the row: everything but the delivery state (merge,
    /// push, pull request, target branch, worktree removal), which updateDelivery writes.
    [[nodiscard]] static Result<void> update(SqlConnection &sql, const Attempt &attempt);
    [[nodiscard]] static Result<void> updateDelivery(SqlConnection &sql, const Attempt &attempt);
    [[nodiscard]] static Result<void> remove(SqlConnection &sql, const AttemptId &id);
    [[nodiscard]] static Result<std::optional<Attempt>> find(SqlConnection &sql,
                                                             const AttemptId &id);
    /// The attempt, its task and its project; NotFound naming whichever is missing.
    [[nodiscard]] static Result<AttemptContext> findContext(SqlConnection &sql, const AttemptId &id);
    [[nodiscard]] static Result<Page<Attempt>> list(SqlConnection &sql, const AttemptQuery &query);
    /// Attempts waiting for a slot, oldest first.
    [[nodiscard]] static Result<QList<Attempt>> queued(SqlConnection &sql);
    [[nodiscard]] static Result<QList<Attempt>> withStatus(SqlConnection &sql, AttemptStatus status);
    [[nodiscard]] static Result<QList<Attempt>> forTask(SqlConnection &sql, const TaskId &task);
    /// Attempts whose pull request was open when last looked at.
    [[nodiscard]] static Result<QList<Attempt>> withOpenPullRequests(SqlConnection &sql);
    /// Attempts that have (or are about to have) a worktree on disk.
    [[nodiscard]] static Result<QList<Attempt>> withWorktrees(SqlConnection &sql);

    [[nodiscard]] static Result<void> insert(SqlConnection &sql, const ExecutionProcess &process);
    [[nodiscard]] static Result<void> update(SqlConnection &sql, const ExecutionProcess &process);
    [[nodiscard]] static Result<std::optional<ExecutionProcess>> findProcess(SqlConnection &sql,
                                                                             const ProcessId &id);
    [[nodiscard]] static Result<Page<ExecutionProcess>> listProcesses(SqlConnection &sql,
                                                                      const ProcessQuery &query);
    /// Every process of an attempt, in the order they were created.
    [[nodiscard]] static Result<QList<ExecutionProcess>> processesOf(SqlConnection &sql,
                                                                     const AttemptId &id);
    [[nodiscard]] static Result<QList<ExecutionProcess>> processesWithStatus(SqlConnection &sql,
                                                                             ProcessStatus status);
};

} // namespace Core
