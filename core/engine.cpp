// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/engine.h"

#include "core/apikeyservice.h"
#include "core/approvalservice.h"
#include "core/attemptservice.h"
#include "core/database.h"
#include "core/deliveryservice.h"
#include "core/devservers.h"
#include "core/draftservice.h"
#include "core/eventbus.h"
#include "core/future.h"
#include "core/gitrepository.h"
#include "core/identity.h"
#include "core/logging.h"
#include "core/processhost.h"
#include "core/projectservice.h"
#include "core/taskservice.h"
#include "core/webhookservice.h"

#include <QDir>
#include <QLockFile>
#include <QStandardPaths>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace Core {

Engine::Engine() = default;

Engine::~Engine()
{
    shutdown();
}

Result<std::unique_ptr<Engine>> Engine::open(const QString &dataDir)
{
    qRegisterMetaType<Core::Event>();
    std::unique_ptr<Engine> engine(new Engine());
    engine->m_dataDir = QDir(dataDir).absolutePath();
    if (!QDir().mkpath(engine->m_dataDir))
        return fail(
            Error::internal(u"cannot create the data directory '%1'"_s.arg(engine->m_dataDir)));

    engine->m_lock = std::make_unique<QLockFile>(engine->m_dataDir + u"/forgedesk.lock"_s);
    engine->m_lock->setStaleLockTime(0); // a lock is stale only when its process is gone
    if (!engine->m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host;
        QString app;
        engine->m_lock->getLockInfo(&pid, &host, &app);
        return fail(Error::conflict(
            engine->m_lock->error() == QLockFile::LockFailedError
                ? u"another Forgedesk (pid %1) is using the data directory '%2'"_s.arg(pid).arg(
                    engine->m_dataDir)
                : u"cannot lock the data directory '%1'"_s.arg(engine->m_dataDir)));
    }

    GitRepository::ensureInitialised();
    // Opening waits for the writer thread to migrate: nothing (window, server) exists yet that
    // could be kept waiting, and nothing may run before the schema is current.
    auto database = Database::open(engine->databasePath());
    if (!database)
        return fail(database.error());
    engine->m_database = std::move(*database);

    engine->m_blockingPool = std::make_unique<QThreadPool>();
    engine->m_blockingPool->setObjectName(u"blocking-io"_s);
    engine->m_blockingPool->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    engine->m_events = std::make_unique<EventBus>();
    engine->m_projects = std::make_unique<ProjectService>(*engine->m_database,
                                                          *engine->m_events,
                                                          *engine->m_blockingPool);
    engine->m_tasks = std::make_unique<TaskService>(*engine->m_database, *engine->m_events);

    auto settings = Settings::load(engine->settingsPath());
    if (!settings)
        return fail(settings.error());
    engine->m_settings = *settings;
    auto profiles = ProfileRegistry::load(engine->m_dataDir);
    if (!profiles)
        return fail(profiles.error());
    engine->m_profiles = *profiles;
    engine->m_processHost = std::make_unique<ProcessHost>();
    engine->m_attempts = std::make_unique<AttemptService>(*engine->m_database,
                                                          *engine->m_events,
                                                          *engine->m_tasks,
                                                          *engine->m_processHost,
                                                          engine->m_profiles,
                                                          engine->m_settings,
                                                          *engine->m_blockingPool,
                                                          engine->m_dataDir);
    engine->m_devServers = std::make_unique<DevServers>(*engine->m_database,
                                                        *engine->m_events,
                                                        *engine->m_processHost,
                                                        engine->m_dataDir);
    engine->m_attempts->setDevServers(engine->m_devServers.get());
    engine->m_delivery = std::make_unique<DeliveryService>(*engine->m_database,
                                                           *engine->m_events,
                                                           *engine->m_tasks,
                                                           *engine->m_attempts,
                                                           engine->m_settings,
                                                           *engine->m_blockingPool);
    engine->m_delivery->setDevServers(engine->m_devServers.get());
    engine->m_approvals = std::make_unique<ApprovalService>(*engine->m_database, *engine->m_events);
    engine->m_delivery->setApprovals(engine->m_approvals.get());
    engine->m_attempts->setToolApprovals(engine->m_approvals.get());
    engine->m_drafts = std::make_unique<DraftService>(*engine->m_database,
                                                      *engine->m_events,
                                                      *engine->m_attempts,
                                                      *engine->m_tasks);
    engine->m_apiKeys = std::make_unique<ApiKeyService>(*engine->m_database);
    engine->m_apiKeys->load();
    engine->m_webhooks = std::make_unique<WebhookService>(*engine->m_database, *engine->m_events);
    engine->m_desktopIdentity = fallbackDesktopIdentity(engine->m_settings.userEmail);
    engine->refreshDesktopIdentity();
    // Whatever a previous run left running is over: say so, and let waiting attempts go. Only
    // then are worktrees swept, so none of a recovered attempt is taken for an orphan.
    Engine *raw = engine.get();
    engine->m_attempts->recover().then(raw, [raw](const Result<int> &recovered) {
        if (!recovered)
            qCWarning(lcEngine).noquote() << "recovery:" << recovered.error().message;
        else if (*recovered > 0)
            qCInfo(lcEngine) << *recovered << "attempts were interrupted by the last shutdown";
        raw->m_delivery->startHousekeeping();
        // Idle attempts are idle for real only now: scheduled drafts and queues may go.
        raw->m_approvals->start().then(raw, [raw](const Result<int> &approvals) {
            if (!approvals)
                qCWarning(lcEngine).noquote() << "approvals:" << approvals.error().message;
            raw->m_drafts->start().then(raw, [](const Result<int> &drafts) {
                if (!drafts)
                    qCWarning(lcEngine).noquote() << "drafts:" << drafts.error().message;
            });
        });
    });
    qCInfo(lcEngine).noquote() << "data directory" << engine->m_dataDir;
    return engine;
}

QString Engine::dataDir() const
{
    return m_dataDir;
}

QString Engine::databasePath() const
{
    return m_dataDir + u"/forgedesk.sqlite"_s;
}

EventBus &Engine::events() const
{
    return *m_events;
}

ProjectService &Engine::projects() const
{
    return *m_projects;
}

TaskService &Engine::tasks() const
{
    return *m_tasks;
}

Database &Engine::database() const
{
    return *m_database;
}

AttemptService &Engine::attempts() const
{
    return *m_attempts;
}

ProcessHost &Engine::processes() const
{
    return *m_processHost;
}

QString Engine::settingsPath() const
{
    return m_dataDir + u"/settings.json"_s;
}

Future<Result<Settings>> Engine::updateSettings(const QJsonObject &changes)
{
    Settings next = m_settings;
    if (auto applied = next.applyJson(changes); !applied)
        return Future<Result<Settings>>::ready(fail(applied.error()));
    const QString path = settingsPath();
    return runOnPool(*m_blockingPool,
                     [next, path]() -> Result<Settings> {
                         if (auto saved = next.save(path); !saved)
                             return fail(saved.error());
                         return next;
                     })
        .then(this, [this](const Result<Settings> &saved) {
            if (saved) {
                m_settings = *saved;
                // A higher limit lets waiting attempts start; the service reads it from here.
                m_attempts->settingsChanged();
                m_delivery->settingsChanged();
                refreshDesktopIdentity();
                Q_EMIT settingsChanged(m_settings);
            }
            return saved;
        });
}

Future<Result<ProfileRegistry>> Engine::replaceProfiles(const QJsonObject &userProfiles)
{
    ProfileRegistry next = m_profiles;
    return runOnPool(*m_blockingPool,
                     [next, userProfiles]() mutable -> Result<ProfileRegistry> {
                         if (auto replaced = next.replaceUserProfiles(userProfiles); !replaced)
                             return fail(replaced.error());
                         return next;
                     })
        .then(this, [this](const Result<ProfileRegistry> &replaced) {
            if (replaced)
                m_profiles = *replaced;
            return replaced;
        });
}

ApiKeyService &Engine::apiKeys() const
{
    return *m_apiKeys;
}

WebhookService &Engine::webhooks() const
{
    return *m_webhooks;
}

void Engine::refreshDesktopIdentity()
{
    const quint64 generation = ++m_identityGeneration;
    // libgit2 reads the git configuration files: on the pool, never here.
    runOnPool(*m_blockingPool, [userEmail = m_settings.userEmail] {
        return Core::resolveDesktopIdentity(userEmail);
    }).then(this, [this, generation](const QString &identity) {
        if (generation != m_identityGeneration || identity == m_desktopIdentity)
            return;
        m_desktopIdentity = identity;
        Q_EMIT desktopIdentityChanged(identity);
    });
}

DeliveryService &Engine::delivery() const
{
    return *m_delivery;
}

ApprovalService &Engine::approvals() const
{
    return *m_approvals;
}

DraftService &Engine::drafts() const
{
    return *m_drafts;
}

DevServers &Engine::devServers() const
{
    return *m_devServers;
}

void Engine::shutdown()
{
    if (m_processHost)
        m_processHost->shutdown();
    if (m_apiKeys)
        (void) m_apiKeys->flushUsage();
    if (m_blockingPool)
        m_blockingPool->waitForDone();
    if (m_database)
        m_database->close();
    if (m_lock)
        m_lock->unlock();
}

QString Engine::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/forgedesk"_s;
}

} // namespace Core
