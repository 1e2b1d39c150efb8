// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/ids.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace Core {

/// A git repository Forgedesk runs agents against.
struct Project
{
    ProjectId id;
    QString name;
    QString repoPath;   ///< Absolute, canonical top level of a non-bare repository.
    QString baseBranch; ///< Branch new attempt worktrees start from.
    std::optional<QString> setupScript;
    std::optional<QString> devScript;
    std::optional<QString> cleanupScript;
    QStringList copyFiles; ///< Paths relative to the repository, copied into new worktrees.
    std::optional<QString> defaultLlm;
    /// Policy: merging an attempt needs an approved merge approval.
    bool mergeRequiresApproval = false;
    QStringList mergeApprovers; ///< Who approves merges; empty: anyone.
    QDateTime createdAt;
    QDateTime updatedAt;
};

/// What a caller supplies to create a project. Unset optionals take their defaults.
struct NewProject
{
    QString name;
    QString repoPath;
    std::optional<QString> baseBranch;
    std::optional<QString> setupScript;
    std::optional<QString> devScript;
    std::optional<QString> cleanupScript;
    QStringList copyFiles;
    std::optional<QString> defaultLlm;
    bool mergeRequiresApproval = false;
    QStringList mergeApprovers;
};

/// A partial update: an outer nullopt leaves the field alone, an inner one clears it.
struct ProjectPatch
{
    std::optional<QString> name;
    std::optional<QString> repoPath;
    std::optional<QString> baseBranch;
    std::optional<std::optional<QString>> setupScript;
    std::optional<std::optional<QString>> devScript;
    std::optional<std::optional<QString>> cleanupScript;
    std::optional<QStringList> copyFiles;
    std::optional<std::optional<QString>> defaultLlm;
    std::optional<bool> mergeRequiresApproval;
    std::optional<QStringList> mergeApprovers;
};

} // namespace Core
