// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/error.h"
#include "core/executorprofile.h"
#include "core/future.h"
#include "core/logentry.h"
#include "core/project.h"
#include "core/query.h"
#include "core/settings.h"
#include "core/task.h"
#include "core/toolapproval.h"

#include <QHash>
#include <QObject>

#include <memory>

class QThreadPool;

namespace Core {

class Database;
class DevServers;
class EventBus;
class ProcessHost;
class TaskService;
struct ClaudeControlRequest;
struct ProcessFacts;
struct ProcessOutcome;

struct NewAttempt
{
    TaskId taskId;
    std::optional<QString> llm;      ///< A profile name…
    std::optional<QString> executor; ///< …or executorProfileId.executor ("CLAUDE_CODE").
    std::optional<QString> variant;
    QString description;
    AttemptOptions options;
};

/// Runs attempts: creates each one's worktree and branch, then the chain setup script → agent →
/// cleanup script as execution processes, commits what the agent changed, measures it, and
/// moves the task along (in_progress while running, in_review after). At most
/// Settings::maxConcurrentAttempts run at once; later starts wait, in order. Lives on the main
/// thread; git and disk work go to the blocking pool, processes to the ProcessHost.
class AttemptService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptService)

public:
    struct Replacement
    {
        std::optional<ProcessId> oldProcessId;
        ExecutionProcess newProcess;
    };

    AttemptService(Database &database,
                   EventBus &events,
                   TaskService &tasks,
                   ProcessHost &host,
                   ProfileRegistry &profiles,
                   Settings &settings,
                   QThreadPool &blockingPool,
                   QString dataDir,
                   QObject *parent = nullptr);
    ~AttemptService() override;

    [[nodiscard]] Future<Result<Attempt>> create(const NewAttempt &input);
    /// Running, or (at the limit) created with queued set.
    [[nodiscard]] Future<Result<Attempt>> start(const AttemptId &id);
    [[nodiscard]] Future<Result<Attempt>> cancel(const AttemptId &id);
    /// Stops it if running, removes its worktree, branch, rows and logs; returns it as it was.
    [[nodiscard]] Future<Result<Attempt>> remove(const AttemptId &id);
    [[nodiscard]] Future<Result<Attempt>> get(const AttemptId &id);
    [[nodiscard]] Future<Result<Page<Attempt>>> list(const AttemptQuery &query);
    /// A new agent process in the same worktree, resuming the agent's own session.
    [[nodiscard]] Future<Result<ExecutionProcess>> followUp(const AttemptId &id,
                                                            const QString &prompt,
                                                            const std::optional<QString> &variant);
    /// Stops the running agent (if any) and starts a new one with prompt, optionally with
    /// another executor.
    [[nodiscard]] Future<Result<Replacement>> replaceProcess(const AttemptId &id,
                                                             const std::optional<QString> &llm,
                                                             const std::optional<QString> &executor,
                                                             const std::optional<QString> &variant,
                                                             const QString &prompt);

    [[nodiscard]] Future<Result<ExecutionProcess>> getProcess(const ProcessId &id);
    [[nodiscard]] Future<Result<Page<ExecutionProcess>>> listProcesses(const ProcessQuery &query);
    [[nodiscard]] Future<Result<QList<ExecutionProcess>>> processesOf(const AttemptId &id);
    [[nodiscard]] Future<Result<ExecutionProcess>> cancelProcess(const ProcessId &id);

    /// After a crash: processes recorded as running are failed ("interrupted") with their
    /// attempts, process groups they left are terminated, and queued attempts resume.
    [[nodiscard]] Future<Result<int>> recover();

    /// True while an attempt's chain runs (its logs may still grow).
    [[nodiscard]] bool isActive(const AttemptId &id) const;
    [[nodiscard]] QString absoluteLogPath(const ExecutionProcess &process) const;
    [[nodiscard]] QStringList profileNames() const;
    /// The variants profile offers (e.g. "PLAN", "APPROVALS"), by name.
    [[nodiscard]] QStringList variantsOf(const QString &profile) const;
    /// The attempt limit may have risen: start whatever waits.
    void settingsChanged() { dequeue(); }
    /// Dev servers stop when their attempt is cancelled or deleted.
    void setDevServers(DevServers *devServers) { m_devServers = devServers; }
    /// Who decides on the tool calls of agents whose profile variant has approvals. Without
    /// one, such calls are refused (and the agent told why).
    void setToolApprovals(ToolApprovalBroker *broker) { m_toolApprovals = broker; }

private:
    struct Run;
    struct AgentControl;
    enum class Step { Worktree, Setup, Agent, Commit, Cleanup, Finish };

    [[nodiscard]] Result<ExecutorProfile> profileFor(const std::optional<QString> &llm,
                                                     const std::optional<QString> &executor) const;
    [[nodiscard]] Future<Result<Attempt>> launch(const Attempt &attempt);
    [[nodiscard]] Future<Result<Attempt>> removeNow(const AttemptId &id);
    /// Checks the attempt's branch out again where its worktree was.
    [[nodiscard]] Future<Result<Attempt>> restoreWorktree(const Attempt &attempt,
                                                          const QString &repoPath);
    void advance(const std::shared_ptr<Run> &run);
    void runWorktreeStep(const std::shared_ptr<Run> &run);
    void runScriptStep(const std::shared_ptr<Run> &run, ProcessKind kind);
    void runAgentStep(const std::shared_ptr<Run> &run);
    void runCommitStep(const std::shared_ptr<Run> &run);
    void finishRun(const std::shared_ptr<Run> &run);
    void failRun(const std::shared_ptr<Run> &run, const QString &reason, const QString &message);
    void dequeue();

    void onProcessStarted(const ProcessId &id, qint64 pid, qint64 startTicks);
    void onLogAppended(const ProcessId &id,
                       const QByteArray &lines,
                       qint64 bytesStart,
                       qint64 bytesEnd,
                       qint64 entries);
    void onFactsChanged(const ProcessId &id, const ProcessFacts &facts);
    void onProcessFinished(const ProcessOutcome &outcome);
    void onControlMessage(const ProcessId &id, const QJsonObject &message);
    void onControlRequest(const ProcessId &id,
                          const std::shared_ptr<AgentControl> &control,
                          const QJsonObject &message);
    /// Sends decision to the agent unless the request was withdrawn or its process ended.
    void answerToolCall(const ProcessId &id,
                        const ClaudeControlRequest &request,
                        const ToolDecision &decision);

    /// Writes process and announces it (process events are for the attempts channel).
    void saveProcess(const std::shared_ptr<Run> &run,
                     const ExecutionProcess &process,
                     std::optional<ProcessStatus> previous);
    void saveAttempt(const std::shared_ptr<Run> &run, std::optional<AttemptStatus> previous);
    /// To in_review when an attempt ends, unless the user moved the task on meanwhile.
    [[nodiscard]] Future<Result<Task>> moveTaskToReview(const TaskId &task);
    [[nodiscard]] Future<Result<Task>> setTaskStatus(const TaskId &task, TaskStatus status);
    void log(const ProcessId &process, LogLevel level, const QString &message);
    [[nodiscard]] ExecutionProcess newProcess(const Attempt &attempt,
                                              ProcessKind kind,
                                              const QString &executor) const;
    [[nodiscard]] ExecutionProcess *processIn(Run &run, const ProcessId &id) const;

    Database &m_database;
    EventBus &m_events;
    TaskService &m_tasks;
    ProcessHost &m_host;
    ProfileRegistry &m_profiles;
    Settings &m_settings;
    QThreadPool &m_blockingPool;
    QString m_dataDir;
    QHash<QString, std::shared_ptr<Run>> m_runs;      ///< Active chains, by attempt id.
    QHash<QString, std::shared_ptr<Run>> m_byProcess; ///< The same, by process id.
    /// Agents that ask before acting, by process id, while they run.
    QHash<QString, std::shared_ptr<AgentControl>> m_controls;
    bool m_dequeueing = false;
    DevServers *m_devServers = nullptr;
    ToolApprovalBroker *m_toolApprovals = nullptr;
};

} // namespace Core
