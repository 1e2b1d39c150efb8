// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/error.h"

#include <QString>
#include <QStringList>

namespace Core {

struct WorktreeInfo
{
    QString path;
    QString branch;
    QString baseCommit; ///< The commit the branch starts from.
};

/// libgit2 work on attempt worktrees. Every call blocks: run them off the main thread.
class GitWorktree final
{
public:
    /// "Add JWT login!" → "add-jwt-login", at most maxLength characters.
    [[nodiscard]] static QString slug(const QString &text, int maxLength = 24);

    /// Creates branch from baseBranch and checks it out at path, a new linked worktree of the
    /// repository at repoPath. The user's own checkout (HEAD, index, files) is not touched.
    /// Also keeps ".forge/" out of git status through .git/info/exclude.
    [[nodiscard]] static Result<WorktreeInfo> create(const QString &repoPath,
                                                     const QString &baseBranch,
                                                     const QString &path,
                                                     const QString &branch);
    /// Checks out the existing branch at path again, as a linked worktree (after it was
    /// removed). Returns the canonical path; nothing to do if it is there.
    [[nodiscard]] static Result<QString> restore(const QString &repoPath,
                                                 const QString &path,
                                                 const QString &branch);
    /// Removes the worktree directory, its git metadata and, unless branch is empty, its
    /// branch. Missing parts are fine.
    [[nodiscard]] static Result<void> remove(const QString &repoPath,
                                             const QString &path,
                                             const QString &branch);

    /// Stages everything (new, changed and deleted files, .gitignore respected) and commits it on
    /// the worktree's branch. Returns the new commit, or nothing when there was nothing to commit.
    [[nodiscard]] static Result<std::optional<QString>> commitAll(const QString &worktreePath,
                                                                  const QString &message);
    [[nodiscard]] static Result<QString> headCommit(const QString &worktreePath);
    /// The branch checked out in the worktree; empty when HEAD is detached (e.g. mid-rebase).
    [[nodiscard]] static Result<QString> headBranch(const QString &worktreePath);
    /// True when the worktree has staged, unstaged or untracked (not ignored) changes; also
    /// when it cannot be read, to be on the safe side.
    [[nodiscard]] static bool isDirty(const QString &worktreePath);
    /// Forgets worktrees whose directories are gone (`git worktree prune`).
    static void prune(const QString &repoPath);
    /// What HEAD of the worktree changed against baseCommit.
    [[nodiscard]] static Result<ChangeStats> changesSince(const QString &worktreePath,
                                                          const QString &baseCommit);

    /// Copies repository-relative files or directories into the worktree. Paths that do not
    /// exist are reported in the result; paths that resolve outside the repository are refused.
    struct CopyReport
    {
        QStringList copied;
        QStringList missing;
        QStringList refused;
    };
    [[nodiscard]] static CopyReport copyFiles(const QString &repoPath,
                                              const QString &worktreePath,
                                              const QStringList &relativePaths);
};

} // namespace Core
