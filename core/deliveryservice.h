// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/attemptstore.h"
#include "core/editorlauncher.h"
#include "core/error.h"
#include "core/future.h"
#include "core/gitbranch.h"
#include "core/gitdiff.h"
#include "core/github.h"
#include "core/project.h"
#include "core/task.h"

#include <QObject>
#include <QTimer>

class QThreadPool;

namespace Core {

class ApprovalService;
class AttemptService;
class Database;
class DevServers;
class EventBus;
class TaskService;
struct Settings;

/// What happens to an attempt after its agent has worked: look at the change (diff, branch
/// status, commit info), land it (merge, rebase, change of target), hand it on (push, pull
/// request, editor), and keep the worktrees tidy. Lives on the main thread; git and disk work
/// go to the blocking pool, one operation per repository at a time.
class DeliveryService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryService)

public:
    struct MergeRequest
    {
        MergeStrategy strategy = MergeStrategy::Squash;
        QString strategyName; ///< As asked, recorded on the attempt.
        QString message;      ///< Empty: a message made from the task.
        bool cleanup = true;  ///< Remove the worktree (the branch stays).
        QString requestedBy;  ///< Who asks; requests the approval when the policy needs one.
    };
    struct MergeResult
    {
        Attempt attempt;
        MergeOutcome outcome;
        QString targetBranch;
        bool cleanedUp = false;
    };
    struct RebaseResult
    {
        RebaseOutcome outcome;
        Attempt attempt;
    };
    struct TargetChange
    {
        QString previousBase;
        QString newBase;
        QStringList conflicts;
        int ahead = 0;
        int behind = 0;
    };
    struct HeadComparison
    {
        AttemptDiff diff;
        BranchStatus status;
    };
    struct PushResult
    {
        QString remote;
        QString branch;
        QString url;
        QDateTime pushedAt;
    };
    struct NewPullRequestInput
    {
        std::optional<QString> title;
        std::optional<QString> body;
        std::optional<QString> baseBranch;
        std::optional<QString> repository;
        QString remote = QStringLiteral("origin");
        bool draft = false;
    };
    struct Comparison
    {
        QList<Attempt> attempts;
        std::optional<AttemptId> fasterAttempt;
        std::optional<AttemptId> cheaperAttempt;
        std::optional<AttemptId> moreCompleteAttempt;
    };
    struct HygieneReport
    {
        QStringList orphansRemoved; ///< Worktree directories no attempt owns.
        QStringList orphansKept;    ///< …kept because they hold uncommitted work.
        QStringList expiredRemoved; ///< Finished attempts' worktrees past the retention time.
        QStringList committedFirst; ///< Worktrees whose uncommitted work went to their branch.
    };

    DeliveryService(Database &database,
                    EventBus &events,
                    TaskService &tasks,
                    AttemptService &attempts,
                    const Settings &settings,
                    QThreadPool &blockingPool,
                    QObject *parent = nullptr);
    ~DeliveryService() override;

    [[nodiscard]] Future<Result<AttemptDiff>> diff(const AttemptId &id, const QString &file = {});
    [[nodiscard]] Future<Result<BranchStatus>> branchStatus(const AttemptId &id);
    [[nodiscard]] Future<Result<HeadComparison>> compareToHead(const AttemptId &id);
    [[nodiscard]] Future<Result<CommitInfo>> commitInfo(const AttemptId &id);

    /// With the project's "merging needs approval" policy, refused (409, with approvalId in
    /// the details) until a merge approval of the attempt's current head is approved; the first
    /// refusal requests that approval, with the diff's files and lines in its metadata.
    [[nodiscard]] Future<Result<MergeResult>> merge(const AttemptId &id,
                                                    const MergeRequest &request);
    [[nodiscard]] Future<Result<RebaseResult>> rebase(const AttemptId &id);
    [[nodiscard]] Future<Result<QString>> abortConflicts(const AttemptId &id);
    [[nodiscard]] Future<Result<TargetChange>> changeTargetBranch(const AttemptId &id,
                                                                  const QString &newBase);
    [[nodiscard]] Future<Result<PushResult>> push(const AttemptId &id,
                                                  const QString &remote,
                                                  bool force);
    [[nodiscard]] Future<Result<PullRequest>> createPullRequest(const AttemptId &id,
                                                                const NewPullRequestInput &input);
    [[nodiscard]] Future<Result<PullRequest>> attachPullRequest(const AttemptId &id,
                                                                std::optional<int> number,
                                                                std::optional<QString> repository);
    /// Polls the open pull requests now; a merged one marks its attempt merged, its task done.
    [[nodiscard]] Future<Result<int>> pollPullRequests();

    [[nodiscard]] Future<Result<QString>> deleteFile(const AttemptId &id, const QString &path);
    [[nodiscard]] Future<Result<EditorLaunch>> openInEditor(const AttemptId &id,
                                                            const QString &editor,
                                                            const QString &command);
    [[nodiscard]] Future<Result<QList<Task>>> children(const AttemptId &id);
    [[nodiscard]] Future<Result<Comparison>> compare(const QList<AttemptId> &ids);

    /// At start and then hourly: prunes orphaned worktrees and those of attempts finished
    /// longer ago than the retention time. Uncommitted work is committed to its branch first.
    [[nodiscard]] Future<Result<HygieneReport>> sweepWorktrees();
    /// Starts the pull request poll and the worktree sweep timers.
    void startHousekeeping();
    /// The poll interval may have changed.
    void settingsChanged();
    void setDevServers(DevServers *devServers) { m_devServers = devServers; }
    void setApprovals(ApprovalService *approvals) { m_approvals = approvals; }

private:
    using Context = AttemptContext;
    [[nodiscard]] Future<Result<void>> requireMergeApproval(const Context &ctx,
                                                            const QString &requestedBy);
    [[nodiscard]] Future<Result<MergeResult>> landMerge(const Context &ctx,
                                                        const MergeRequest &request);
    [[nodiscard]] Future<Result<Context>> context(const AttemptId &id);
    /// Reads the attempt, refuses one without a branch, runs job(attempt, repoPath) on the pool.
    template<typename T, typename Job>
    [[nodiscard]] Future<Result<T>> onBranch(const AttemptId &id, Job job);
    /// Saves attempt's delivery state and announces the change.
    [[nodiscard]] Future<Result<Attempt>> saveDelivery(const Attempt &attempt, bool alsoRun = false);
    [[nodiscard]] Future<Result<Attempt>> markMerged(Attempt attempt,
                                                     const QString &commit,
                                                     const QString &strategy,
                                                     bool worktreeRemoved);
    [[nodiscard]] GitHubConfig githubConfig() const;
    [[nodiscard]] Result<void> refuseWhileActive(const Attempt &attempt, const QString &what) const;

    Database &m_database;
    EventBus &m_events;
    TaskService &m_tasks;
    AttemptService &m_attempts;
    const Settings &m_settings;
    QThreadPool &m_blockingPool;
    GitHubClient m_github;
    QTimer m_prPoll;
    QTimer m_sweep;
    bool m_polling = false;
    DevServers *m_devServers = nullptr;
    ApprovalService *m_approvals = nullptr;
};

} // namespace Core
