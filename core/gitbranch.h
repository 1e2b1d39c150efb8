// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Core {

/// Where an attempt's branch stands against its target branch, and what its worktree holds.
struct BranchStatus
{
    QString branch;
    QString baseBranch;
    QString headCommit;
    QString baseCommit; ///< The target branch's tip.
    QString mergeBase;
    int ahead = 0;
    int behind = 0;
    QStringList conflicts; ///< Files a merge into the target would conflict on (found in memory).
    QStringList conflictedFiles; ///< Unmerged files in the worktree (a rebase or merge stopped).
    QStringList modifiedFiles;
    QStringList untrackedFiles;
    bool rebaseInProgress = false;
    bool mergeInProgress = false;
    QString conflictOp; ///< "rebase", "merge", "cherry_pick", "revert", or empty.
    bool worktreeExists = false;

    /// "clean", "dirty", "conflicted", "rebasing" or "merging".
    [[nodiscard]] QString state() const;
};

enum class MergeStrategy { FastForward, NoFastForward, Squash, Rebase };

[[nodiscard]] QString wireName(MergeStrategy strategy);

struct MergeOutcome
{
    QString commit;      ///< The target branch's new tip.
    QString previousTip; ///< Where it was.
    bool fastForward = false;
    int commitsReplayed = 0; ///< Rebase merges.
    int filesChanged = 0;
    int insertions = 0;
    int deletions = 0;
    QString updatedCheckout; ///< The checkout of the target branch that was updated, if any.
};

struct RebaseOutcome
{
    bool conflicted = false;
    QStringList conflicts;
    int commitsReplayed = 0;
    QString headCommit;
};

struct CommitInfo
{
    QString commitId;
    QString message;
    QString author; ///< "Name <email>".
    QDateTime timestamp;
    int commitCount = 0; ///< Commits on the branch since the merge-base.
    int filesChanged = 0;
    int insertions = 0;
    int deletions = 0;
};

/// Branch-level git for review and delivery: status, in-memory merges, rebases, pushes. Every
/// call blocks: run them off the main thread. Reads and merges use libgit2 (a merge is built in
/// memory, so a conflict leaves nothing behind); a rebase uses the git CLI, because a rebase
/// that stops on a conflict must leave its state for the user (or the agent) to resolve.
class GitBranch final
{
public:
    [[nodiscard]] static Result<bool> branchExists(const QString &repoPath, const QString &branch);
    [[nodiscard]] static Result<QString> tip(const QString &repoPath, const QString &branch);
    [[nodiscard]] static Result<QString> mergeBase(const QString &repoPath,
                                                   const QString &branch,
                                                   const QString &targetBranch);

    /// worktreePath may be missing (removed worktree): then only the branch is looked at.
    [[nodiscard]] static Result<BranchStatus> status(const QString &repoPath,
                                                     const QString &worktreePath,
                                                     const QString &branch,
                                                     const QString &targetBranch);

    /// Files that merging branch into targetBranch would conflict on; nothing is written.
    [[nodiscard]] static Result<QStringList> conflictsWith(const QString &repoPath,
                                                           const QString &branch,
                                                           const QString &targetBranch);

    /// Lands branch on targetBranch. Conflicts: Conflict with details.conflicts, nothing
    /// written. If targetBranch is checked out somewhere with local changes to files the merge
    /// changes: Conflict with details.localChanges, nothing written. Otherwise that checkout's
    /// files follow the branch.
    [[nodiscard]] static Result<MergeOutcome> merge(const QString &repoPath,
                                                    const QString &branch,
                                                    const QString &targetBranch,
                                                    MergeStrategy strategy,
                                                    const QString &message);

    /// Replays the worktree's commits since upstream (default: its merge-base with onto) onto
    /// the tip of onto. On a conflict the rebase stays in progress, as git leaves it.
    [[nodiscard]] static Result<RebaseOutcome> rebase(const QString &worktreePath,
                                                      const QString &onto,
                                                      const QString &upstream = {});
    /// "rebase", "merge", "cherry_pick" or "revert" when one is in progress (stopped on a
    /// conflict), else empty.
    [[nodiscard]] static Result<QString> operationInProgress(const QString &worktreePath);
    /// Aborts a rebase or merge in progress; returns which. Conflict if there is none.
    [[nodiscard]] static Result<QString> abortInProgress(const QString &worktreePath);

    /// The branch's latest commit, with what the branch changed since its merge-base with
    /// targetBranch; since startedFrom (a commit) instead when targetBranch already holds the
    /// whole branch (it was merged), where the merge-base is the branch's tip.
    [[nodiscard]] static Result<CommitInfo> commitInfo(const QString &repoPath,
                                                       const QString &branch,
                                                       const QString &targetBranch,
                                                       const QString &startedFrom = {});

    /// `git push remote branch:branch` with the user's credentials; token (if any) is given
    /// to git through the environment for https remotes, never on a command line.
    struct PushOutcome
    {
        QString remote;
        QString branch;
        QString url; ///< The remote's URL, credentials removed.
    };
    [[nodiscard]] static Result<PushOutcome> push(const QString &repoPath,
                                                  const QString &remote,
                                                  const QString &branch,
                                                  bool force,
                                                  const QString &httpsToken = {});
    [[nodiscard]] static Result<QString> remoteUrl(const QString &repoPath, const QString &remote);
};

} // namespace Core
