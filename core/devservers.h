// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/error.h"
#include "core/future.h"
#include "core/task.h"

#include <QHash>
#include <QObject>

class QThreadPool;

namespace Core {

class Database;
class EventBus;
class ProcessHost;
struct ProcessFacts;
struct ProcessOutcome;

/// Development servers run in attempts' worktrees: the project's dev script (through the shell,
/// like its other scripts) or a named npm script (without one). Each is an execution process of
/// kind dev_server with its own log; the address it prints is found and recorded. One per
/// attempt: starting another stops the first. They stop when their attempt is cancelled or
/// deleted, and with Forgedesk.
class DevServers final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DevServers)

public:
    DevServers(Database &database,
               EventBus &events,
               ProcessHost &host,
               QString dataDir,
               QObject *parent = nullptr);
    ~DevServers() override;

    /// script: an npm script name, or empty for the project's devScript. port: given to the
    /// server as PORT.
    [[nodiscard]] Future<Result<ExecutionProcess>> start(const AttemptId &attempt,
                                                         const QString &script,
                                                         std::optional<int> port);
    [[nodiscard]] bool owns(const ProcessId &id) const;
    /// Stops one; resolves once it has ended.
    [[nodiscard]] Future<Result<ExecutionProcess>> stop(const ProcessId &id);
    /// Stops every dev server of attempt; resolves once they have ended.
    [[nodiscard]] Future<bool> stopAttempt(const AttemptId &attempt);

    /// The address in a line of output ("http://localhost:5173/", "http://0.0.0.0:3000" is
    /// reported as localhost), or empty.
    [[nodiscard]] static QString detectUrl(QByteArrayView text);

private:
    struct Server
    {
        ExecutionProcess process;
        TaskId taskId;
        bool urlDetected = false;
        QList<Promise<Result<ExecutionProcess>>> stopWaiters;
    };

    void onProcessStarted(const ProcessId &id, qint64 pid, qint64 startTicks);
    void onLogAppended(const ProcessId &id,
                       const QByteArray &lines,
                       qint64 bytesStart,
                       qint64 bytesEnd,
                       qint64 entries);
    void onProcessFinished(const ProcessOutcome &outcome);
    void save(const Server &server, std::optional<ProcessStatus> previous, bool created = false);

    Database &m_database;
    EventBus &m_events;
    ProcessHost &m_host;
    QString m_dataDir;
    QHash<QString, std::shared_ptr<Server>> m_servers; ///< Running ones, by process id.
};

} // namespace Core
