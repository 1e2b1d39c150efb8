// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QJsonObject>
#include <QString>

namespace Core {

/// The app's settings, kept as settings.json in the data directory.
struct Settings
{
    static constexpr int defaultMaxConcurrentAttempts = 4;
    int maxConcurrentAttempts = defaultMaxConcurrentAttempts; ///< Beyond it, started attempts wait.
    QString githubToken; ///< Else GITHUB_TOKEN. Never shown by the API.
    QString githubApiUrl = QStringLiteral(
        "https://api.github.com");             ///< GitHub Enterprise: …/api/v3.
    int prPollSeconds = 60;                    ///< How often open pull requests are checked.
    QString editor = QStringLiteral("vscode"); ///< For open-in-editor without an editor.
    QString editorCommand;                     ///< The "custom" editor's command line.
    int worktreeRetentionHours = 72;           ///< Finished attempts keep their worktree this long.
    /// Who the desktop user is (approvals, requests without an API key); empty: git's
    /// user.email, else $USER@localhost. See resolveDesktopIdentity().
    QString userEmail;
    static constexpr int maxRateLimitPerMinute = 1'000'000;
    int rateLimitPerMinute = 0; ///< API requests per client per minute; 0: no limit.
    /// Where the API listens when the command line does not say (read at start).
    int serverPort = 8887;
    QString serverHost = QStringLiteral("127.0.0.1");
    /// The window's language: empty follows the system, else "en", "pt_BR", "es".
    QString language;
    /// "system" follows the desktop's light or dark scheme; "light" or "dark" forces one.
    QString theme = QStringLiteral("system");

    enum class Secrets { Hidden, Included };
    /// Hidden (for the API) replaces the token by githubTokenSet.
    [[nodiscard]] QJsonObject toJson(Secrets secrets = Secrets::Hidden) const;
    /// Applies the fields object sets; errors name the field.
    [[nodiscard]] Result<void> applyJson(const QJsonObject &object);

    [[nodiscard]] static Result<Settings> load(const QString &path);
    [[nodiscard]] Result<void> save(const QString &path) const;
};

} // namespace Core
