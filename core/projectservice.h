// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/future.h"
#include "core/gitrepository.h"
#include "core/project.h"
#include "core/query.h"

#include <QObject>

class QThreadPool;

namespace Core {

class Database;
class EventBus;

/// Creates, changes and removes projects; validates them, checks their repository with libgit2
/// off the main thread, and announces each committed change on the event bus.
class ProjectService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectService)

public:
    ProjectService(Database &database,
                   EventBus &events,
                   QThreadPool &blockingPool,
                   QObject *parent = nullptr);

    [[nodiscard]] Future<Result<Project>> create(const NewProject &input);
    [[nodiscard]] Future<Result<Project>> update(const ProjectId &id, const ProjectPatch &patch);
    /// Removes the project and its tasks; returns the project as it was.
    [[nodiscard]] Future<Result<Project>> remove(const ProjectId &id);
    [[nodiscard]] Future<Result<Project>> get(const ProjectId &id);
    [[nodiscard]] Future<Result<Page<Project>>> list(const ProjectQuery &query);
    /// Every project, by name; for pickers.
    [[nodiscard]] Future<Result<QList<Project>>> all();
    /// The project whose repository is at path (compared canonically), if any.
    [[nodiscard]] Future<Result<std::optional<Project>>> findByRepoPath(const QString &path);

private:
    [[nodiscard]] Future<Result<Project>> commitUpdate(const ProjectId &id,
                                                       const ProjectPatch &patch,
                                                       const std::optional<RepositoryInfo> &repo);

    Database &m_database;
    EventBus &m_events;
    QThreadPool &m_blockingPool;
};

} // namespace Core
