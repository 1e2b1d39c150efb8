// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QObject>
#include <QString>

#include <memory>

class QLockFile;
class QThreadPool;

namespace Core {

class Database;
class EventBus;
class ProjectService;
class TaskService;

/// The core, assembled: data directory, store, event bus and services. One per process; the
/// window and the API server are both built on top of the same Engine.
class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)

public:
    /// Creates dataDir if needed, takes its lock (one Forgedesk per data directory), opens and
    /// migrates the database. Call on the main thread.
    [[nodiscard]] static Result<std::unique_ptr<Engine>> open(const QString &dataDir);
    ~Engine() override;

    [[nodiscard]] QString dataDir() const;
    [[nodiscard]] QString databasePath() const;

    [[nodiscard]] EventBus &events() const;
    [[nodiscard]] ProjectService &projects() const;
    [[nodiscard]] TaskService &tasks() const;
    [[nodiscard]] Database &database() const;

    /// Lets queued writes finish, then closes the database and releases the lock.
    void shutdown();

    /// The default data directory of this platform (~/.local/share/forgedesk on Linux).
    [[nodiscard]] static QString defaultDataDir();

private:
    Engine();

    QString m_dataDir;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<QThreadPool> m_blockingPool;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<EventBus> m_events;
    std::unique_ptr<ProjectService> m_projects;
    std::unique_ptr<TaskService> m_tasks;
};

} // namespace Core
