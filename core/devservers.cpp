// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/devservers.h"

#include "core/attemptstore.h"
#include "core/database.h"
#include "core/eventbus.h"
#include "core/events.h"
#include "core/logentry.h"
#include "core/logging.h"
#include "core/processhost.h"
#include "core/sqlconnection.h"
#include "core/timestamps.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

struct Launch
{
    Attempt attempt;
    TaskId taskId;
    QString devScript;
};

QString shell()
{
    const QString bash = QStandardPaths::findExecutable(u"bash"_s);
    return bash.isEmpty() ? u"/bin/sh"_s : bash;
}

} // namespace

DevServers::DevServers(
    Database &database, EventBus &events, ProcessHost &host, QString dataDir, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_events(events)
    , m_host(host)
    , m_dataDir(std::move(dataDir))
{
    connect(&m_host, &ProcessHost::processStarted, this, &DevServers::onProcessStarted);
    connect(&m_host, &ProcessHost::logAppended, this, &DevServers::onLogAppended);
    connect(&m_host, &ProcessHost::processFinished, this, &DevServers::onProcessFinished);
}

DevServers::~DevServers() = default;

QString DevServers::detectUrl(QByteArrayView text)
{
    static const QRegularExpression address(
        u"https?://(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1?\\]|[A-Za-z0-9][A-Za-z0-9.-]*):\\d{2,5}(?:/[^\\s\"'\\\\<>]*)?"_s);
    const QRegularExpressionMatch match = address.match(QString::fromUtf8(text));
    if (!match.hasMatch())
        return {};
    QString url = match.captured();
    url.replace(u"://0.0.0.0:"_s, u"://localhost:"_s);
    url.replace(u"://[::]:"_s, u"://localhost:"_s);
    return url;
}

bool DevServers::owns(const ProcessId &id) const
{
    return m_servers.contains(id.toString());
}

Future<Result<ExecutionProcess>> DevServers::start(const AttemptId &attemptId,
                                                   const QString &script,
                                                   std::optional<int> port)
{
    static const QRegularExpression npmScript(u"^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$"_s);
    if (!script.isEmpty() && !npmScript.match(script).hasMatch())
        return Future<Result<ExecutionProcess>>::ready(fail(Error::validation(
            u"script"_s,
            u"must be the name of an npm script (letters, digits, ':', '.', '_', '-')"_s)));
    if (port && (*port < 1 || *port > 65535))
        return Future<Result<ExecutionProcess>>::ready(
            fail(Error::validation(u"port"_s, u"must be from 1 to 65535"_s)));
    return m_database
        .read([attemptId](SqlConnection &sql) -> Result<Launch> {
            auto found = AttemptStore::findContext(sql, attemptId);
            if (!found)
                return fail(found.error());
            return Launch{found->attempt,
                          found->task.id,
                          found->project.devScript.value_or(QString())};
        })
        .then(this, [this, script, port](const Result<Launch> &launch) {
            if (!launch)
                return Future<Result<ExecutionProcess>>::ready(fail(launch.error()));
            const Attempt &attempt = launch->attempt;
            if (attempt.worktreeRemoved || attempt.worktreePath.isEmpty()
                || !QFileInfo::exists(attempt.worktreePath))
                return Future<Result<ExecutionProcess>>::ready(
                    fail(Error::conflict(u"The attempt has no worktree to run a dev server in"_s)));
            if (script.isEmpty() && launch->devScript.trimmed().isEmpty())
                return Future<Result<ExecutionProcess>>::ready(fail(Error::validation(
                    u"script"_s,
                    u"is required: the project has no devScript (set one, or name an npm script)"_s)));
            const Launch chosen = *launch;
            // One dev server per attempt: a new one replaces the old.
            return stopAttempt(attempt.id).then(this, [this, chosen, script, port](bool) {
                ExecutionProcess process;
                process.id = ProcessId::generate();
                process.attemptId = chosen.attempt.id;
                process.kind = ProcessKind::DevServer;
                process.status = ProcessStatus::Pending;
                process.executor = u"dev_server"_s;
                process.logPath = u"logs/%1/%2.ndjson"_s.arg(chosen.attempt.id.toString(),
                                                             process.id.toString());
                process.port = port;
                if (port)
                    process.url = u"http://localhost:%1"_s.arg(*port);
                process.createdAt = nowUtc();
                ProcessSpec spec;
                spec.id = process.id;
                if (script.isEmpty()) {
                    spec.program = shell();
                    spec.arguments = {u"-c"_s, chosen.devScript};
                } else {
                    spec.program = QStandardPaths::findExecutable(u"npm"_s);
                    if (spec.program.isEmpty())
                        return Future<Result<ExecutionProcess>>::ready(fail(Error{
                            ErrorCode::Unprocessable,
                            u"npm is not installed (no 'npm' on PATH), so npm scripts cannot run"_s,
                            QJsonObject{{u"field"_s, u"script"_s}}}));
                    spec.arguments = {u"run"_s, script};
                }
                spec.workingDirectory = chosen.attempt.worktreePath;
                spec.environment = QProcessEnvironment::systemEnvironment();
                if (port)
                    spec.environment.insert(u"PORT"_s, QString::number(*port));
                spec.logFormat = u"plain"_s;
                process.command = QStringList{spec.program} + spec.arguments;

                auto server = std::make_shared<Server>();
                server->process = process;
                server->taskId = chosen.taskId;
                m_servers.insert(process.id.toString(), server);
                return m_database
                    .write([process](SqlConnection &sql) -> Result<ExecutionProcess> {
                        if (auto done = AttemptStore::insert(sql, process); !done)
                            return fail(done.error());
                        return process;
                    })
                    .then(this, [this, server, spec](const Result<ExecutionProcess> &inserted) {
                        if (!inserted) {
                            m_servers.remove(server->process.id.toString());
                            return Result<ExecutionProcess>(fail(inserted.error()));
                        }
                        m_events.publish(ProcessEvent{ChangeKind::Created,
                                                      server->process,
                                                      server->taskId,
                                                      std::nullopt,
                                                      nowUtc()});
                        m_host.openLog(spec.id, QDir(m_dataDir).filePath(server->process.logPath));
                        m_host.log(spec.id,
                                   engineEntry(LogLevel::Info,
                                               u"Starting the dev server: %1"_s.arg(
                                                   QStringList(spec.arguments).join(u' '))));
                        m_host.start(spec);
                        return Result<ExecutionProcess>(server->process);
                    });
            });
        });
}

Future<Result<ExecutionProcess>> DevServers::stop(const ProcessId &id)
{
    const auto server = m_servers.value(id.toString());
    if (!server)
        return Future<Result<ExecutionProcess>>::ready(
            fail(Error::conflict(u"the dev server is not running"_s)));
    Promise<Result<ExecutionProcess>> waiter;
    server->stopWaiters.append(waiter);
    m_host.cancel(id, u"dev server stopped"_s);
    return waiter.future();
}

Future<bool> DevServers::stopAttempt(const AttemptId &attempt)
{
    QList<ProcessId> running;
    for (const auto &server : std::as_const(m_servers))
        if (server->process.attemptId == attempt)
            running.append(server->process.id);
    if (running.isEmpty())
        return Future<bool>::ready(true);
    Promise<bool> all;
    auto remaining = std::make_shared<int>(int(running.size()));
    for (const ProcessId &id : running) {
        stop(id).then(this, [all, remaining](const Result<ExecutionProcess> &) {
            if (--*remaining == 0)
                all.resolve(true);
        });
    }
    return all.future();
}

void DevServers::save(const Server &server, std::optional<ProcessStatus> previous, bool created)
{
    const ExecutionProcess process = server.process;
    const TaskId taskId = server.taskId;
    m_database
        .write([process](SqlConnection &sql) -> Result<ExecutionProcess> {
            if (auto done = AttemptStore::update(sql, process); !done)
                return fail(done.error());
            return process;
        })
        .then(this, [this, taskId, previous, created](const Result<ExecutionProcess> &saved) {
            if (!saved) {
                // Its attempt was deleted meanwhile: nothing left to record.
                qCDebug(lcEngine).noquote() << "saving dev server" << saved.error().message;
                return;
            }
            m_events.publish(ProcessEvent{created ? ChangeKind::Created : ChangeKind::Updated,
                                          *saved,
                                          taskId,
                                          previous == saved->status ? std::nullopt : previous,
                                          nowUtc()});
        });
}

void DevServers::onProcessStarted(const ProcessId &id, qint64 pid, qint64 startTicks)
{
    const auto server = m_servers.value(id.toString());
    if (!server)
        return;
    const ProcessStatus before = server->process.status;
    server->process.status = ProcessStatus::Running;
    server->process.pid = pid;
    server->process.pidStartTicks = startTicks;
    server->process.startedAt = nowUtc();
    save(*server, before);
}

void DevServers::onLogAppended(const ProcessId &id,
                               const QByteArray &lines,
                               qint64 bytesStart,
                               qint64 bytesEnd,
                               qint64 entries)
{
    const auto server = m_servers.value(id.toString());
    if (!server)
        return;
    m_events.publish(LogEvent{server->process.attemptId,
                              server->taskId,
                              id,
                              QDir(m_dataDir).filePath(server->process.logPath),
                              lines,
                              bytesStart,
                              bytesEnd,
                              entries});
    // The first address it prints wins over the one guessed from the port.
    if (!server->process.pid || lines.isEmpty() || server->urlDetected)
        return;
    const QString url = detectUrl(lines);
    if (url.isEmpty())
        return;
    server->urlDetected = true;
    server->process.url = url;
    save(*server, server->process.status);
}

void DevServers::onProcessFinished(const ProcessOutcome &outcome)
{
    const auto server = m_servers.take(outcome.id.toString());
    if (!server)
        return;
    const ProcessStatus before = server->process.status;
    server->process.status = outcome.cancelled ? ProcessStatus::Cancelled
                             : outcome.started && !outcome.crashed && outcome.exitCode == 0
                                 ? ProcessStatus::Completed
                                 : ProcessStatus::Failed;
    server->process.exitCode = outcome.started ? std::optional<int>(outcome.exitCode)
                                               : std::nullopt;
    if (!outcome.started)
        server->process.failureReason = u"start_failed"_s;
    else if (server->process.status == ProcessStatus::Failed)
        server->process.failureReason = u"failed"_s;
    server->process.completedAt = nowUtc();
    if (!server->process.startedAt.isValid())
        server->process.startedAt = server->process.completedAt;
    server->process.logBytes = outcome.logBytes;
    server->process.logEntries = outcome.logEntries;
    m_host.closeLog(outcome.id);
    save(*server, before);
    for (const auto &waiter : std::as_const(server->stopWaiters))
        waiter.resolve(server->process);
}

} // namespace Core
