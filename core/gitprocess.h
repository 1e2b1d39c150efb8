// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Core {

struct GitOutput
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    [[nodiscard]] bool ok() const { return exitCode == 0; }
    /// The last lines of err (else out), for an error message.
    [[nodiscard]] QString message() const;
};

/// Runs the git CLI and waits for it: for pool threads only. Used where the CLI beats libgit2
/// (content diffs) or does what libgit2 cannot (rebase with conflicts left for the user, push
/// with the user's credential helpers). No shell; the environment is ours plus LC_ALL=C and
/// GIT_TERMINAL_PROMPT=0, so git never waits for a password nobody can type.
class GitProcess final
{
public:
    struct Options
    {
        QHash<QString, QString> environment; ///< Added to (or replacing) the inherited one.
        QByteArray input;                    ///< Written to stdin, which is then closed.
        int timeoutMs = 120'000;             ///< Then the process is killed: Unavailable.
        qint64 maxOutputBytes = 512LL * 1024 * 1024;
    };

    /// Unavailable when git is not installed or timed out; otherwise whatever git exited with.
    [[nodiscard]] static Result<GitOutput> run(const QString &workingDirectory,
                                               const QStringList &arguments,
                                               const Options &options);
    [[nodiscard]] static Result<GitOutput> run(const QString &workingDirectory,
                                               const QStringList &arguments);
    /// The git binary on PATH, or empty.
    [[nodiscard]] static QString program();
    /// Removes credentials from URLs in text ("https://user:token@host" → "https://***@host"),
    /// so git's messages can be shown and logged.
    [[nodiscard]] static QString redact(const QString &text);
};

} // namespace Core
