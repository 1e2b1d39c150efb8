// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/query.h"
#include "core/task.h"

namespace Core {

class SqlConnection;

/// SQL for the tasks table. Filtering, sorting and paging all happen in SQLite.
class TaskStore final
{
public:
    [[nodiscard]] static Result<void> insert(SqlConnection &sql, const Task &task);
    [[nodiscard]] static Result<void> update(SqlConnection &sql, const Task &task);
    [[nodiscard]] static Result<void> remove(SqlConnection &sql, const TaskId &id);
    [[nodiscard]] static Result<std::optional<Task>> find(SqlConnection &sql, const TaskId &id);
    /// Run it inside a ReadTransaction so the total and the page come from one snapshot.
    [[nodiscard]] static Result<Page<Task>> list(SqlConnection &sql, const TaskQuery &query);
};

} // namespace Core
