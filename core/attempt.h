// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/ids.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace Core {

struct ProcessIdTag
{
    static constexpr QLatin1StringView prefix{"proc_"};
};
using ProcessId = Id<ProcessIdTag>;

/// created: not started, or started and waiting for a free slot (queued); then running, and
/// one of the three ends. A follow-up takes an ended attempt back to running.
enum class AttemptStatus { Created, Running, Completed, Failed, Cancelled };

[[nodiscard]] QString wireName(AttemptStatus status);
[[nodiscard]] std::optional<AttemptStatus> attemptStatusFromString(const QString &text);
[[nodiscard]] QStringList attemptStatusNames();
[[nodiscard]] bool isFinished(AttemptStatus status);

/// What a finished agent changed, against the commit its branch started from.
struct ChangeStats
{
    int filesChanged = 0;
    int filesCreated = 0;
    int filesModified = 0;
    int filesDeleted = 0;
    int linesAdded = 0;
    int linesRemoved = 0;
    QStringList descriptions; ///< "Created src/a.ts", "Modified README.md", …

    friend bool operator==(const ChangeStats &, const ChangeStats &) = default;
};

struct Usage
{
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    double totalCost = 0; ///< USD, as the agent reported it.

    friend bool operator==(const Usage &, const Usage &) = default;
};

struct AttemptOptions
{
    std::optional<double> temperature;
    std::optional<int> maxTokens;
    std::optional<int> timeoutMs; ///< The agent is cancelled after this long.
};

/// A GitHub pull request made from (or attached to) an attempt's branch.
struct PullRequestLink
{
    int number = 0;
    QString url;
    QString repository; ///< "owner/repo".
    QString status;     ///< "open", "closed" or "merged", as last polled.

    friend bool operator==(const PullRequestLink &, const PullRequestLink &) = default;
};

/// One try at a task: an agent working in its own worktree and branch.
struct Attempt
{
    AttemptId id;
    TaskId taskId;
    QString llm;                    ///< Executor profile name.
    std::optional<QString> variant; ///< Profile variant, from executorProfileId.
    std::optional<QString> model;   ///< As reported by the agent, else as configured.
    QString description;            ///< Added to the task's prompt.
    AttemptOptions options;
    AttemptStatus status = AttemptStatus::Created;
    bool queued = false; ///< Started, waiting for a free slot.
    QString branch;
    QString worktreePath;
    QString baseBranch;
    QString baseCommit;
    std::optional<QString> failureReason; ///< "interrupted", "timeout", "setup_failed", …
    ChangeStats changes;
    Usage usage;
    QString summary; ///< The agent's final message.
    std::optional<QString> commitSha;
    std::optional<ProcessId> agentProcessId; ///< The latest agent process.
    std::optional<QDateTime> mergedAt;
    std::optional<QString> mergeCommit;   ///< The commit the merge put on the target branch.
    std::optional<QString> mergeStrategy; ///< As asked: ff, no-ff, squash, merge, rebase, or pr.
    std::optional<PullRequestLink> pullRequest;
    std::optional<QDateTime> pushedAt;
    std::optional<QString> pushedRemote;
    bool worktreeRemoved = false;
    QDateTime createdAt;
    QDateTime queuedAt;
    QDateTime startedAt;
    QDateTime completedAt;
    QDateTime updatedAt;

    [[nodiscard]] std::optional<qint64> durationMs() const;
};

/// The attempt summary every task carries (seed 002: "tasks with attempt status").
struct TaskAttemptState
{
    int attemptCount = 0;
    std::optional<AttemptStatus> latestStatus;
    bool hasRunningAttempt = false;
    bool lastAttemptFailed = false;
    bool hasMergedAttempt = false;

    friend bool operator==(const TaskAttemptState &, const TaskAttemptState &) = default;
};

enum class ProcessKind { Setup, Agent, Cleanup, DevServer };
enum class ProcessStatus { Pending, Running, Completed, Failed, Cancelled };

[[nodiscard]] QString wireName(ProcessKind kind);
[[nodiscard]] QString wireName(ProcessStatus status);
[[nodiscard]] std::optional<ProcessKind> processKindFromString(const QString &text);
[[nodiscard]] std::optional<ProcessStatus> processStatusFromString(const QString &text);

/// One program run for an attempt: its setup, its agent (one per prompt), its cleanup.
struct ExecutionProcess
{
    ProcessId id;
    AttemptId attemptId;
    ProcessKind kind = ProcessKind::Agent;
    ProcessStatus status = ProcessStatus::Pending;
    QString executor;                    ///< Profile name for agents.
    QStringList command;                 ///< argv, as run.
    QString prompt;                      ///< For agents.
    std::optional<QString> sessionId;    ///< The agent's own session/thread id.
    std::optional<qint64> pid;           ///< Also the process group id.
    std::optional<qint64> pidStartTicks; ///< /proc start time, so a reused pid is not mistaken.
    std::optional<int> exitCode;
    std::optional<QString> failureReason;
    QString logPath; ///< Relative to the data directory.
    qint64 logBytes = 0;
    qint64 logEntries = 0;
    Usage usage;                ///< What this run of the agent used.
    std::optional<QString> url; ///< Dev servers: the address found in their output.
    std::optional<int> port;    ///< Dev servers: the port asked for.
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime completedAt;
};

} // namespace Core
