// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/approval.h"
#include "core/attempt.h"
#include "core/engine.h"
#include "core/project.h"
#include "core/task.h"
#include "tests/support/tempgitrepo.h"

#include <QTemporaryDir>

#include <memory>
#include <optional>
#include <vector>

namespace Test {

/// A real engine in a temporary data directory, plus helpers that change it through the
/// services and wait, the way the HTTP API would from outside the window.
class BoardFixture final
{
public:
    BoardFixture();
    ~BoardFixture();
    BoardFixture(const BoardFixture &) = delete;
    BoardFixture &operator=(const BoardFixture &) = delete;

    [[nodiscard]] bool isValid() const { return m_engine != nullptr; }
    [[nodiscard]] Core::Engine &engine() const { return *m_engine; }

    /// A project over a fresh git repository of its own.
    std::optional<Core::Project> createProject(const QString &name);
    std::optional<Core::Task> createTask(const Core::ProjectId &project,
                                         const QString &title,
                                         Core::TaskStatus status = Core::TaskStatus::Todo,
                                         Core::TaskPriority priority = Core::TaskPriority::Medium,
                                         const QStringList &labels = {},
                                         const QString &description = {});
    std::optional<Core::Task> updateTask(const Core::TaskId &id, const Core::TaskPatch &patch);
    bool removeTask(const Core::TaskId &id);
    bool removeProject(const Core::ProjectId &id);
    /// The task as the store has it now.
    std::optional<Core::Task> storedTask(const Core::TaskId &id);

    /// An attempt through the service (not started: no worktree, no agent).
    std::optional<Core::Attempt> createAttempt(const Core::TaskId &task,
                                               const QString &llm = QStringLiteral("claude"));
    /// Writes what a run would have changed (status, usage, merge) straight to the store and
    /// announces it as AttemptService does: the attempt's event, then its task's.
    bool writeAttempt(const Core::Attempt &attempt);
    std::optional<Core::Approval> createApproval(const Core::AttemptId &attempt,
                                                 const QString &title);
    bool approve(const Core::ApprovalId &id);

private:
    QTemporaryDir m_dataDir;
    std::vector<std::unique_ptr<TempGitRepo>> m_repos;
    std::unique_ptr<Core::Engine> m_engine;
};

} // namespace Test
