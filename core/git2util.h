// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

// libgit2 helpers shared by core's git classes. Internal to core: do not include from outside it.

#include "core/error.h"

#include <QString>

#include <git2.h>

#include <memory>

namespace Core::Git2 {

template<typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
template<typename T, void (*Free)(T *)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using Repository = Owned<git_repository, git_repository_free>;
using Reference = Owned<git_reference, git_reference_free>;
using Commit = Owned<git_commit, git_commit_free>;
using Tree = Owned<git_tree, git_tree_free>;
using Index = Owned<git_index, git_index_free>;
using Worktree = Owned<git_worktree, git_worktree_free>;
using Diff = Owned<git_diff, git_diff_free>;
using Signature = Owned<git_signature, git_signature_free>;
using DiffStats = Owned<git_diff_stats, git_diff_stats_free>;
using StatusList = Owned<git_status_list, git_status_list_free>;
using Remote = Owned<git_remote, git_remote_free>;
using Object = Owned<git_object, git_object_free>;

/// An Internal error carrying libgit2's last message after what.
[[nodiscard]] Error gitError(const QString &what);
/// Opens exactly path (no search upwards); a linked worktree opens as itself.
[[nodiscard]] Result<Repository> open(const QString &path);
[[nodiscard]] QString oidString(const git_oid *oid);
[[nodiscard]] Result<git_oid> parseOid(const QString &sha, const QString &field);
/// The user's configured identity, else "Forgedesk <forgedesk@localhost>".
[[nodiscard]] Result<Signature> signatureFor(git_repository *repo);
/// A bad sha is a validation error naming field.
[[nodiscard]] Result<Commit> commitOf(git_repository *repo,
                                      const QString &sha,
                                      const QString &field = QStringLiteral("commit"));
[[nodiscard]] Result<Tree> treeOf(git_repository *repo,
                                  const QString &commitSha,
                                  const QString &field = QStringLiteral("commit"));
/// The commit a local branch points at; NotFound naming field when there is no such branch.
[[nodiscard]] Result<git_oid> branchTip(git_repository *repo,
                                        const QString &branch,
                                        const QString &field);

} // namespace Core::Git2
