// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/future.h"
#include "core/logentry.h"

#include <QJsonObject>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <memory>
#include <optional>

namespace Core {

/// What the agent told us about itself while it ran.
struct ProcessFacts
{
    std::optional<QString> sessionId;
    std::optional<QString> model;
    Usage usage;
    QString summary;
    bool reportedFailure = false;
    bool reportedEnd = false;
};

struct ProcessSpec
{
    ProcessId id;
    QString program;
    QStringList arguments;
    QString workingDirectory;
    QProcessEnvironment environment;
    QString logFormat; ///< LogNormalizer format for stdout.
    std::optional<int> timeoutMs;
    /// Stdin stays a pipe for writeStdin() (an agent spoken to over a protocol), and control
    /// lines on stdout are passed on as controlMessage(). Otherwise stdin is /dev/null.
    bool keepStdinOpen = false;
};

struct ProcessOutcome
{
    ProcessId id;
    bool started = false;
    QString startError; ///< Why it could not start.
    int exitCode = 0;
    bool crashed = false; ///< Ended by a signal.
    bool cancelled = false;
    bool timedOut = false;
    ProcessFacts facts;
    qint64 logBytes = 0;
    qint64 logEntries = 0;
};

/// Runs processes and writes their logs on a thread of its own, so that however much an agent
/// prints, parsing and writing never run on the main thread. Each process is an async QProcess
/// in its own process group (setsid) with stdin closed (or a pipe, on request); stdout is
/// normalized line by line into an append-only NDJSON file, stderr kept as warnings. Cancelling
/// sends SIGINT, then SIGTERM, then SIGKILL to the group, 2 s apart, and leaves no member of the
/// group alive.
///
/// Calls are made on the main thread; signals arrive there.
class ProcessHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessHost)

public:
    /// Grace between the steps of a cancel; tests shorten it.
    static constexpr int defaultCancelStepMs = 2000;

    explicit ProcessHost(QObject *parent = nullptr);
    ~ProcessHost() override;

    void setCancelStepMs(int ms);

    /// Opens (appending) the log file of process id; entry sequence numbers continue after
    /// firstSeq - 1. Must come before log() or start() for that id.
    void openLog(const ProcessId &id, const QString &path, qint64 firstSeq = 1);
    /// Writes one of the engine's own entries to the log of id.
    void log(const ProcessId &id, const LogEntry &entry);
    /// Starts a process (its log must be open). Ends in processFinished.
    void start(const ProcessSpec &spec);
    /// Stops a running process, escalating as described above. reason goes to its log.
    void cancel(const ProcessId &id, const QString &reason);
    /// Writes to the stdin of a process started with keepStdinOpen (held until it has started);
    /// dropped once it has ended or its stdin is closed.
    void writeStdin(const ProcessId &id, const QByteArray &data);
    /// Closes that stdin once what was written has gone out: the end of input for the agent.
    void closeStdin(const ProcessId &id);
    /// Flushes and closes the log of id.
    void closeLog(const ProcessId &id);
    /// Resolves once every call made before it has been carried out on the host's thread, so
    /// that a reader then finds everything written that was asked to be.
    [[nodiscard]] Future<bool> sync();
    /// Waits for the thread to finish writing, then stops it; running processes are killed.
    void shutdown();

Q_SIGNALS:
    void processStarted(const Core::ProcessId &id, qint64 pid, qint64 startTicks);
    /// New NDJSON lines in the log of id, at [bytesStart, bytesEnd) of its file. lines is empty
    /// when the main thread lags behind: then read that range from the file.
    void logAppended(const Core::ProcessId &id,
                     const QByteArray &lines,
                     qint64 bytesStart,
                     qint64 bytesEnd,
                     qint64 entries);
    /// When the session id is known, and when the agent printed its closing line.
    void factsChanged(const Core::ProcessId &id, const Core::ProcessFacts &facts);
    /// A line of a keepStdinOpen process whose type is control_request, control_response or
    /// control_cancel_request (Claude Code's SDK control protocol), after the log lines before
    /// it.
    void controlMessage(const Core::ProcessId &id, const QJsonObject &message);
    void processFinished(const Core::ProcessOutcome &outcome);

private:
    class Worker;
    class Thread;
    std::unique_ptr<Thread> m_thread;
    Worker *m_worker = nullptr;
};

/// The start time of pid in clock ticks since boot (/proc/<pid>/stat), to tell it apart from a
/// later process that reuses the number; nothing if there is no such process.
[[nodiscard]] std::optional<qint64> processStartTicks(qint64 pid);
/// Signals the whole group; true if any member was there to receive it.
bool signalProcessGroup(qint64 pgid, int signal);

} // namespace Core
