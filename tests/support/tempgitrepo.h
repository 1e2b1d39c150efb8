// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace Test {

/// A real git repository in a temporary directory, made with libgit2: one commit on `branch`
/// holding README.md. Removed when the object goes away.
class TempGitRepo final
{
public:
    explicit TempGitRepo(const QString &branch = QStringLiteral("main"));
    TempGitRepo(const TempGitRepo &) = delete;
    TempGitRepo &operator=(const TempGitRepo &) = delete;

    [[nodiscard]] bool isValid() const { return m_valid; }
    /// Canonical path of the working tree.
    [[nodiscard]] QString path() const { return m_path; }
    /// Creates another local branch at HEAD.
    bool createBranch(const QString &name);
    /// Writes a file and commits it on the current branch.
    bool commitFile(const QString &relativePath, const QByteArray &content, const QString &message);

private:
    QTemporaryDir m_dir;
    QString m_path;
    bool m_valid = false;
};

} // namespace Test
