// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/executorprofile.h"
#include "core/future.h"
#include "core/settings.h"

#include <QObject>
#include <QString>

#include <memory>

class QLockFile;
class QThreadPool;

namespace Core {

class ApiKeyService;
class ApprovalService;
class AttemptService;
class DeliveryService;
class DevServers;
class DraftService;
class Database;
class EventBus;
class ProcessHost;
class ProjectService;
class TaskService;
class WebhookService;

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
    [[nodiscard]] AttemptService &attempts() const;
    [[nodiscard]] DeliveryService &delivery() const;
    [[nodiscard]] DevServers &devServers() const;
    [[nodiscard]] ApprovalService &approvals() const;
    [[nodiscard]] DraftService &drafts() const;
    [[nodiscard]] ProcessHost &processes() const;
    [[nodiscard]] Database &database() const;
    [[nodiscard]] ApiKeyService &apiKeys() const;
    [[nodiscard]] WebhookService &webhooks() const;

    /// Who the desktop user is (see resolveDesktopIdentity()): resolved off the main thread at
    /// open and whenever the settings change, and kept, so reading it costs nothing. Until the
    /// first resolution lands it is userEmail or $USER@localhost.
    [[nodiscard]] const QString &desktopIdentity() const { return m_desktopIdentity; }

    [[nodiscard]] const Settings &settings() const { return m_settings; }
    /// Validates and stores the fields object sets (settings.json); a higher attempt limit lets
    /// waiting attempts start.
    [[nodiscard]] Future<Result<Settings>> updateSettings(const QJsonObject &changes);
    [[nodiscard]] const ProfileRegistry &profiles() const { return m_profiles; }
    /// Replaces the user's executor profiles (profiles.json) after validating them.
    [[nodiscard]] Future<Result<ProfileRegistry>> replaceProfiles(const QJsonObject &userProfiles);

    /// Lets queued writes finish, then closes the database and releases the lock.
    void shutdown();

    /// The default data directory of this platform (~/.local/share/forgedesk on Linux).
    [[nodiscard]] static QString defaultDataDir();

Q_SIGNALS:
    /// A resolution of desktopIdentity() landed with a different answer.
    void desktopIdentityChanged(const QString &identity);
    /// updateSettings() stored new settings (the window follows its language and theme).
    void settingsChanged(const Core::Settings &settings);

private:
    Engine();
    [[nodiscard]] QString settingsPath() const;
    void refreshDesktopIdentity();

    QString m_dataDir;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<QThreadPool> m_blockingPool;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<EventBus> m_events;
    std::unique_ptr<ProjectService> m_projects;
    std::unique_ptr<TaskService> m_tasks;
    Settings m_settings;
    ProfileRegistry m_profiles;
    std::unique_ptr<ProcessHost> m_processHost;
    std::unique_ptr<AttemptService> m_attempts;
    std::unique_ptr<DevServers> m_devServers;
    std::unique_ptr<DeliveryService> m_delivery;
    std::unique_ptr<ApprovalService> m_approvals;
    std::unique_ptr<DraftService> m_drafts;
    std::unique_ptr<ApiKeyService> m_apiKeys;
    std::unique_ptr<WebhookService> m_webhooks;
    QString m_desktopIdentity;
    quint64 m_identityGeneration = 0; ///< Only the latest resolution may land.
};

} // namespace Core
