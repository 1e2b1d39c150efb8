// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/processhost.h"

#include "core/jsonparser.h"
#include "core/lognormalizer.h"
#include "core/timestamps.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <utility>

#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

/// A line longer than this is cut and written in pieces, so one endless line cannot grow memory.
constexpr qsizetype maxLineBytes = 4 * 1024 * 1024;
/// Past this many bytes of log lines not yet taken by the main thread, notifications carry
/// offsets only and readers go to the file.
constexpr qint64 maxBytesInFlight = 16 * 1024 * 1024;

} // namespace

std::optional<qint64> processStartTicks(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray text = stat.readAll();
    // The command name (field 2) may hold spaces and parentheses: count from its last ')'.
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    // Field 22 (starttime) overall is index 19 after "state" (field 3).
    if (fields.size() <= 19)
        return std::nullopt;
    bool ok = false;
    const qint64 ticks = fields.at(19).toLongLong(&ok);
    return ok ? std::optional<qint64>(ticks) : std::nullopt;
}

bool signalProcessGroup(qint64 pgid, int signal)
{
    return pgid > 1 && ::kill(-pid_t(pgid), signal) == 0;
}

/// Lives on the host's thread: the QProcess objects, the normalizers and the open log files.
class ProcessHost::Worker final : public QObject
{
public:
    struct Entry
    {
        QFile file;
        qint64 nextSeq = 1;
        qint64 entries = 0;
        std::unique_ptr<LogNormalizer> normalizer;
        QProcess *process = nullptr;
        qint64 pid = 0;
        QByteArray stdoutTail;
        QByteArray stderrTail;
        bool cancelled = false;
        bool timedOut = false;
        QTimer *escalation = nullptr;
        int cancelStep = 0;
        std::optional<QString> lastSessionId;
        bool endReported = false;
        bool interactive = false; ///< keepStdinOpen: control lines are passed on.
        bool stdinClosed = false;
        QByteArray stdinBeforeStart; ///< Written before the process had started.
    };

    ProcessHost *host = nullptr;
    int cancelStepMs = defaultCancelStepMs;
    QHash<QString, std::shared_ptr<Entry>> entries;
    QAtomicInteger<qint64> bytesInFlight = 0;

    void openLog(const ProcessId &id, const QString &path, qint64 firstSeq)
    {
        auto entry = std::make_shared<Entry>();
        QDir().mkpath(QFileInfo(path).absolutePath());
        entry->file.setFileName(path);
        // Unbuffered: each batch goes to the kernel at once, so a killed Forgedesk loses no line.
        if (!entry->file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
            qWarning("forgedesk: cannot open log %s", qPrintable(path));
        entry->nextSeq = firstSeq;
        entries.insert(id.toString(), entry);
    }

    void write(const ProcessId &id, Entry &entry, const QList<LogEntry> &batch)
    {
        if (batch.isEmpty())
            return;
        QByteArray lines;
        for (const LogEntry &item : batch)
            lines += item.toJsonLine(entry.nextSeq++, id.toString());
        entry.entries += batch.size();
        entry.file.write(lines);
        // Notifications carry the lines while the main thread keeps up; past the budget they
        // carry the offsets only, and whoever needs the lines reads them from the file.
        const qint64 size = lines.size();
        const bool withLines = bytesInFlight.loadRelaxed() < maxBytesInFlight;
        if (withLines)
            bytesInFlight.fetchAndAddRelaxed(size);
        const qint64 end = entry.file.pos();
        const qint64 count = entry.entries;
        QByteArray payload = withLines ? lines : QByteArray();
        QMetaObject::invokeMethod(
            host,
            [host = host, id, payload, end, count, size, withLines, worker = this] {
                if (withLines)
                    worker->bytesInFlight.fetchAndSubRelaxed(size);
                Q_EMIT host->logAppended(id, payload, end - size, end, count);
            },
            Qt::QueuedConnection);
    }

    void log(const ProcessId &id, const LogEntry &item)
    {
        if (auto entry = entries.value(id.toString()))
            write(id, *entry, {item});
    }

    void consume(
        const ProcessId &id, Entry &entry, QByteArray &tail, const QByteArray &chunk, bool isStderr)
    {
        tail += chunk;
        QList<LogEntry> batch;
        QList<QJsonObject> control;
        qsizetype start = 0;
        for (;;) {
            const qsizetype newline = tail.indexOf('\n', start);
            qsizetype end = newline;
            qsizetype next = newline + 1;
            if (newline < 0) {
                if (tail.size() - start <= maxLineBytes)
                    break;
                end = next = start + maxLineBytes; // an endless line, cut into pieces
            }
            const QByteArrayView line = QByteArrayView(tail).sliced(start, end - start);
            if (entry.interactive && !isStderr)
                collectControl(line, control);
            entry.normalizer->feed(line, isStderr, batch);
            start = next;
        }
        tail.remove(0, std::min(start, tail.size()));
        write(id, entry, batch);
        reportFacts(id, entry);
        // After the log lines: a request is answered once what led to it is on record.
        for (const QJsonObject &message : std::as_const(control)) {
            QMetaObject::invokeMethod(
                host,
                [host = host, id, message] { Q_EMIT host->controlMessage(id, message); },
                Qt::QueuedConnection);
        }
    }

    static void collectControl(QByteArrayView line, QList<QJsonObject> &out)
    {
        // Cheap test first: control lines are few, and every other line would be parsed twice.
        if (!line.contains("\"control_"))
            return;
        const std::optional<QJsonObject> object = parseJsonObject(line);
        if (!object)
            return;
        const QString type = object->value(u"type"_s).toString();
        if (type == "control_request"_L1 || type == "control_response"_L1
            || type == "control_cancel_request"_L1)
            out.append(*object);
    }

    void reportFacts(const ProcessId &id, Entry &entry)
    {
        // Only the session id matters before the end (a crash must not lose it), and the
        // closing line, after which an agent spoken to over stdin is told there is no more.
        const auto &session = entry.normalizer->sessionId();
        const bool newSession = session && session != entry.lastSessionId;
        const bool newEnd = entry.normalizer->reportedEnd() && !entry.endReported;
        if (!newSession && !newEnd)
            return;
        entry.lastSessionId = session;
        entry.endReported = entry.normalizer->reportedEnd();
        const ProcessFacts facts = factsOf(entry);
        QMetaObject::invokeMethod(
            host,
            [host = host, id, facts] { Q_EMIT host->factsChanged(id, facts); },
            Qt::QueuedConnection);
    }

    static ProcessFacts factsOf(const Entry &entry)
    {
        const LogNormalizer &n = *entry.normalizer;
        return {n.sessionId(),
                n.model(),
                n.usage(),
                n.summary(),
                n.reportedFailure(),
                n.reportedEnd()};
    }

    void start(const ProcessSpec &spec)
    {
        auto entry = entries.value(spec.id.toString());
        if (!entry) {
            openLog(spec.id, QDir::temp().filePath(spec.id.toString() + u".ndjson"_s), 1);
            entry = entries.value(spec.id.toString());
        }
        entry->normalizer = LogNormalizer::create(spec.logFormat);
        auto *process = new QProcess(this);
        entry->process = process;
        entry->interactive = spec.keepStdinOpen;
        process->setProgram(spec.program);
        process->setArguments(spec.arguments);
        process->setWorkingDirectory(spec.workingDirectory);
        // Some CLIs (opencode) take their directory from $PWD, which would still be ours.
        QProcessEnvironment environment = spec.environment;
        environment.insert(u"PWD"_s, spec.workingDirectory);
        process->setProcessEnvironment(environment);
        if (!spec.keepStdinOpen)
            process->setStandardInputFile(QProcess::nullDevice());
        process->setChildProcessModifier([] {
            // A process group of its own, so a cancel reaches everything the agent started.
            ::setsid();
            // Default signal handling whatever we inherited: a Forgedesk started from a
            // background shell has SIGINT ignored, and its agents would ignore the first step
            // of a cancel.
            for (int signalNumber : {SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGPIPE})
                ::signal(signalNumber, SIG_DFL);
            sigset_t none;
            sigemptyset(&none);
            ::sigprocmask(SIG_SETMASK, &none, nullptr);
        });
        const ProcessId id = spec.id;
        connect(process, &QProcess::readyReadStandardOutput, this, [this, id, entry, process] {
            consume(id, *entry, entry->stdoutTail, process->readAllStandardOutput(), false);
        });
        connect(process, &QProcess::readyReadStandardError, this, [this, id, entry, process] {
            consume(id, *entry, entry->stderrTail, process->readAllStandardError(), true);
        });
        connect(process, &QProcess::started, this, [this, id, entry, process] {
            entry->pid = process->processId();
            if (!entry->stdinBeforeStart.isEmpty())
                process->write(std::exchange(entry->stdinBeforeStart, {}));
            if (entry->stdinClosed)
                process->closeWriteChannel();
            const qint64 ticks = processStartTicks(entry->pid).value_or(0);
            QMetaObject::invokeMethod(
                host,
                [host = host, id, pid = entry->pid, ticks] {
                    Q_EMIT host->processStarted(id, pid, ticks);
                },
                Qt::QueuedConnection);
        });
        connect(process,
                &QProcess::errorOccurred,
                this,
                [this, id, entry, process](QProcess::ProcessError error) {
                    if (error != QProcess::FailedToStart)
                        return;
                    ProcessOutcome outcome;
                    outcome.id = id;
                    outcome.startError = process->errorString();
                    finish(id, *entry, outcome);
                });
        connect(process,
                &QProcess::finished,
                this,
                [this, id, entry, process](int exitCode, QProcess::ExitStatus status) {
                    consume(id, *entry, entry->stdoutTail, process->readAllStandardOutput(), false);
                    consume(id, *entry, entry->stderrTail, process->readAllStandardError(), true);
                    // The last line may lack its newline.
                    for (QByteArray *tail : {&entry->stdoutTail, &entry->stderrTail}) {
                        if (!tail->isEmpty())
                            consume(id,
                                    *entry,
                                    *tail,
                                    QByteArrayLiteral("\n"),
                                    tail == &entry->stderrTail);
                    }
                    // Whatever the agent left behind in its group goes with it.
                    signalProcessGroup(entry->pid, SIGKILL);
                    ProcessOutcome outcome;
                    outcome.id = id;
                    outcome.started = true;
                    outcome.exitCode = exitCode;
                    outcome.crashed = status == QProcess::CrashExit;
                    finish(id, *entry, outcome);
                });
        if (spec.timeoutMs && *spec.timeoutMs > 0) {
            QTimer::singleShot(*spec.timeoutMs, process, [this, id, entry] {
                if (entry->process && entry->process->state() != QProcess::NotRunning
                    && !entry->cancelled) {
                    entry->timedOut = true;
                    cancel(id, u"the attempt's timeout passed"_s);
                }
            });
        }
        process->start();
    }

    void finish(const ProcessId &id, Entry &entry, ProcessOutcome outcome)
    {
        QList<LogEntry> tail;
        if (entry.normalizer)
            entry.normalizer->finish(tail);
        write(id, entry, tail);
        if (entry.escalation)
            entry.escalation->stop();
        outcome.cancelled = entry.cancelled;
        outcome.timedOut = entry.timedOut;
        if (entry.normalizer)
            outcome.facts = factsOf(entry);
        entry.file.flush();
        outcome.logBytes = entry.file.pos();
        outcome.logEntries = entry.entries;
        if (entry.process) {
            entry.process->deleteLater();
            entry.process = nullptr;
        }
        QMetaObject::invokeMethod(
            host,
            [host = host, outcome] { Q_EMIT host->processFinished(outcome); },
            Qt::QueuedConnection);
    }

    void cancel(const ProcessId &id, const QString &reason)
    {
        auto entry = entries.value(id.toString());
        if (!entry || !entry->process || entry->process->state() == QProcess::NotRunning
            || entry->cancelled)
            return;
        entry->cancelled = true;
        write(id, *entry, {engineEntry(LogLevel::Warn, u"Cancelling: %1"_s.arg(reason))});
        entry->cancelStep = 0;
        entry->escalation = new QTimer(entry->process);
        auto step = [this, id, entry] {
            static constexpr int signals[] = {SIGINT, SIGTERM, SIGKILL};
            static constexpr const char *names[] = {"SIGINT", "SIGTERM", "SIGKILL"};
            if (entry->cancelStep >= 3 || !entry->process)
                return;
            const int index = entry->cancelStep++;
            if (signalProcessGroup(entry->pid, signals[index])) {
                write(id,
                      *entry,
                      {engineEntry(LogLevel::Debug,
                                   u"Sent %1 to process group %2"_s
                                       .arg(QLatin1StringView(names[index]))
                                       .arg(entry->pid))});
            }
        };
        connect(entry->escalation, &QTimer::timeout, this, step);
        step();
        entry->escalation->start(cancelStepMs);
    }

    void writeStdin(const ProcessId &id, const QByteArray &data)
    {
        auto entry = entries.value(id.toString());
        if (!entry || !entry->interactive || !entry->process || entry->stdinClosed)
            return;
        if (entry->process->state() == QProcess::Running)
            entry->process->write(data);
        else if (entry->process->state() == QProcess::Starting)
            entry->stdinBeforeStart += data;
    }

    void closeStdin(const ProcessId &id)
    {
        auto entry = entries.value(id.toString());
        if (!entry || !entry->interactive || !entry->process || entry->stdinClosed)
            return;
        entry->stdinClosed = true;
        // While starting, the started handler closes it after writing what waits.
        if (entry->process->state() == QProcess::Running)
            entry->process->closeWriteChannel();
    }

    void closeLog(const ProcessId &id)
    {
        if (auto entry = entries.take(id.toString()))
            entry->file.close();
    }

    void killAll()
    {
        for (const auto &entry : std::as_const(entries)) {
            if (entry->process && entry->process->state() != QProcess::NotRunning) {
                signalProcessGroup(entry->pid, SIGKILL);
                entry->process->disconnect(this);
                entry->process->kill();
            }
            entry->file.close();
        }
        entries.clear();
    }
};

class ProcessHost::Thread final : public QThread
{
public:
    Thread() { setObjectName(u"agent-io"_s); }
};

ProcessHost::ProcessHost(QObject *parent)
    : QObject(parent)
    , m_thread(std::make_unique<Thread>())
    , m_worker(new Worker)
{
    qRegisterMetaType<Core::ProcessId>();
    m_worker->host = this;
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

ProcessHost::~ProcessHost()
{
    shutdown();
}

void ProcessHost::setCancelStepMs(int ms)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, ms] { worker->cancelStepMs = ms; }, Qt::QueuedConnection);
}

void ProcessHost::openLog(const ProcessId &id, const QString &path, qint64 firstSeq)
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, id, path, firstSeq] { worker->openLog(id, path, firstSeq); },
        Qt::QueuedConnection);
}

void ProcessHost::log(const ProcessId &id, const LogEntry &entry)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, id, entry] { worker->log(id, entry); }, Qt::QueuedConnection);
}

void ProcessHost::start(const ProcessSpec &spec)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, spec] { worker->start(spec); }, Qt::QueuedConnection);
}

void ProcessHost::cancel(const ProcessId &id, const QString &reason)
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, id, reason] { worker->cancel(id, reason); },
        Qt::QueuedConnection);
}

void ProcessHost::writeStdin(const ProcessId &id, const QByteArray &data)
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, id, data] { worker->writeStdin(id, data); },
        Qt::QueuedConnection);
}

void ProcessHost::closeStdin(const ProcessId &id)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, id] { worker->closeStdin(id); }, Qt::QueuedConnection);
}

void ProcessHost::closeLog(const ProcessId &id)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, id] { worker->closeLog(id); }, Qt::QueuedConnection);
}

Future<bool> ProcessHost::sync()
{
    Promise<bool> done;
    if (!m_thread || !m_thread->isRunning()) {
        done.resolve(false);
        return done.future();
    }
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, done] {
            for (const auto &entry : std::as_const(worker->entries))
                entry->file.flush();
            done.resolve(true);
        },
        Qt::QueuedConnection);
    return done.future();
}

void ProcessHost::shutdown()
{
    if (!m_thread || !m_thread->isRunning())
        return;
    // Blocking on purpose: this runs once, at exit, after the event loop has stopped.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->killAll(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

} // namespace Core
