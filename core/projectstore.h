// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/project.h"
#include "core/query.h"

namespace Core {

class SqlConnection;

/// SQL for the projects table. Runs on a database thread, inside Database::read/write jobs.
class ProjectStore final
{
public:
    [[nodiscard]] static Result<void> insert(SqlConnection &sql, const Project &project);
    /// Writes every column of project over the row with its id.
    [[nodiscard]] static Result<void> update(SqlConnection &sql, const Project &project);
    /// Deletes the project and, by cascade, its tasks; returns the ids of the tasks removed.
    [[nodiscard]] static Result<QList<TaskId>> remove(SqlConnection &sql, const ProjectId &id);
    [[nodiscard]] static Result<std::optional<Project>> find(SqlConnection &sql,
                                                             const ProjectId &id);
    [[nodiscard]] static Result<std::optional<Project>> findByRepoPath(SqlConnection &sql,
                                                                       const QString &repoPath);
    [[nodiscard]] static Result<Page<Project>> list(SqlConnection &sql, const ProjectQuery &query);
    [[nodiscard]] static Result<QList<Project>> all(SqlConnection &sql);
};

} // namespace Core
