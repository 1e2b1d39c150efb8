// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QJsonObject>
#include <QMap>
#include <QProcessEnvironment>
#include <QStringList>

#include <optional>

namespace Core {

/// How to run one agent CLI headless. Argument templates hold placeholders: "{prompt}",
/// "{sessionId}" and "{model}" are replaced inside an argument; an argument that is exactly
/// "{modelArgs}" or "{extraArgs}" expands to those lists (or to nothing). The prompt is always
/// one argument: nothing goes through a shell.
struct ExecutorProfile
{
    QString name;     ///< "claude"; what `llm` names.
    QString executor; ///< "CLAUDE_CODE"; what executorProfileId.executor names.
    QString displayName;
    QString binary;     ///< Looked up on PATH (or an absolute path).
    QString npxPackage; ///< Used through `npx -y` when the binary is not installed.
    QStringList args;
    QStringList followUpArgs; ///< Resuming the agent's own session; empty if it cannot.
    QStringList modelArgs;
    std::optional<QString> model;
    QStringList extraArgs;
    QMap<QString, QString> env;
    QString logFormat;
    /// Tool calls wait for approval: the agent is spoken to over stdin with Claude Code's SDK
    /// control protocol, and the prompt goes there too (so no argument holds "{prompt}").
    bool approvals = false;
    /// Variant name (e.g. "PLAN") → overrides of any of the fields above.
    QMap<QString, QJsonObject> variants;
    bool builtin = false;

    [[nodiscard]] QJsonObject toJson() const;
    /// Overrides the fields object sets; errors name "profiles.<name>.<field>".
    [[nodiscard]] Result<void> applyJson(const QJsonObject &object);
};

/// A ready command line.
struct ResolvedCommand
{
    QString program;
    QStringList arguments;
    QProcessEnvironment environment;
    bool viaNpx = false;
    bool approvals = false; ///< See ExecutorProfile::approvals: the prompt is not in arguments.
};

/// The built-in profiles merged with the user's profiles.json in the data directory.
class ProfileRegistry final
{
public:
    /// Loads dataDir/profiles.json if present; a broken file is an error (nothing is guessed).
    [[nodiscard]] static Result<ProfileRegistry> load(const QString &dataDir);
    [[nodiscard]] static QList<ExecutorProfile> builtins();

    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] const QList<ExecutorProfile> &profiles() const { return m_profiles; }
    [[nodiscard]] QStringList names() const;
    [[nodiscard]] std::optional<ExecutorProfile> find(const QString &name) const;
    /// By executorProfileId.executor ("CLAUDE_CODE", "CURSOR", …), case-insensitively.
    [[nodiscard]] std::optional<ExecutorProfile> findByExecutor(const QString &executor) const;
    /// The user's overrides, as stored.
    [[nodiscard]] QJsonObject userProfiles() const { return m_user; }

    /// Replaces the user's overrides after validating them; writes profiles.json.
    [[nodiscard]] Result<void> replaceUserProfiles(const QJsonObject &profiles);

    /// The command line for a run of profile (variant applied). With sessionId the follow-up
    /// template is used. base is the environment the agent inherits (the app's own).
    [[nodiscard]] static Result<ResolvedCommand> resolve(const ExecutorProfile &profile,
                                                         const std::optional<QString> &variant,
                                                         const QString &prompt,
                                                         const std::optional<QString> &sessionId,
                                                         const QProcessEnvironment &base);

private:
    [[nodiscard]] static Result<QList<ExecutorProfile>> merge(const QJsonObject &user);

    QString m_path;
    QJsonObject m_user;
    QList<ExecutorProfile> m_profiles;
};

} // namespace Core
