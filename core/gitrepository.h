// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QString>
#include <QStringList>

namespace Core {

/// What Forgedesk needs to know about a repository before it adopts it as a project.
struct RepositoryInfo
{
    QString topLevel; ///< Canonical absolute path of the working tree.
    QString currentBranch; ///< Branch HEAD points at (also when it has no commit yet); empty if detached.
    bool headUnborn = false;
    QStringList localBranches;
};

/// Blocking libgit2 calls: run them off the main thread.
class GitRepository final
{
public:
    /// Checks that path is the top level of a non-bare, main (not linked-worktree) repository.
    /// Errors are validation errors naming field.
    [[nodiscard]] static Result<RepositoryInfo> inspect(const QString &path, const QString &field);

    /// Makes sure libgit2 is initialised; safe to call from any thread, any number of times.
    static void ensureInitialised();
};

} // namespace Core
