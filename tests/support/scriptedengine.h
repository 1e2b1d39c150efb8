// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/engine.h"
#include "core/project.h"
#include "tests/support/tempgitrepo.h"

#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace Test {

/// A real engine on a temporary data directory, with a project on a temporary repository whose
/// agents are shell one-liners (user profiles): any CLI is an agent to Forgedesk, and tests of
/// what happens after an agent has worked need no model.
struct ScriptedEngine
{
    QTemporaryDir data;
    TempGitRepo repo;
    std::unique_ptr<Core::Engine> engine;
    Core::Project project;

    /// profiles: name → {binary, args, …}; settings: as PATCH /api/settings. Null on failure.
    static std::unique_ptr<ScriptedEngine> open(const QJsonObject &profiles,
                                                const QJsonObject &settings = {},
                                                const std::optional<QString> &devScript = {});
    /// Creates a task titled title and an attempt with llm, starts it and waits for its end.
    std::optional<Core::Attempt> finishedAttempt(const QString &title, const QString &llm);
    /// Waits until the attempt has ended and its chain is over.
    std::optional<Core::Attempt> waitFinished(const Core::AttemptId &id, int timeoutMs = 20000);
};

} // namespace Test
