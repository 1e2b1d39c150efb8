// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/ui/boardfixture.h"

#include "core/approvalservice.h"
#include "core/attemptservice.h"
#include "core/attemptstore.h"
#include "core/database.h"
#include "core/eventbus.h"
#include "core/events.h"
#include "core/projectservice.h"
#include "core/taskservice.h"
#include "core/timestamps.h"
#include "tests/support/futures.h"

#include <QDebug>

using namespace Qt::StringLiterals;

namespace Test {

BoardFixture::BoardFixture()
{
    if (!m_dataDir.isValid())
        return;
    auto engine = Core::Engine::open(m_dataDir.path());
    if (!engine) {
        qWarning().noquote() << "cannot open the engine:" << engine.error().message;
        return;
    }
    m_engine = std::move(*engine);
}

BoardFixture::~BoardFixture() = default;

std::optional<Core::Project> BoardFixture::createProject(const QString &name)
{
    auto repo = std::make_unique<TempGitRepo>();
    if (!repo->isValid())
        return std::nullopt;
    Core::NewProject input;
    input.name = name;
    input.repoPath = repo->path();
    const auto created = await(m_engine->projects().create(input));
    if (!created || !*created) {
        qWarning().noquote() << "cannot create project:"
                             << (created ? created->error().message : QString());
        return std::nullopt;
    }
    m_repos.push_back(std::move(repo));
    return **created;
}

std::optional<Core::Task> BoardFixture::createTask(const Core::ProjectId &project,
                                                   const QString &title,
                                                   Core::TaskStatus status,
                                                   Core::TaskPriority priority,
                                                   const QStringList &labels,
                                                   const QString &description)
{
    Core::NewTask input;
    input.projectId = project;
    input.title = title;
    input.status = status;
    input.priority = priority;
    input.labels = labels;
    input.description = description;
    const auto created = await(m_engine->tasks().create(input));
    if (!created || !*created) {
        qWarning().noquote() << "cannot create task:"
                             << (created ? created->error().message : QString());
        return std::nullopt;
    }
    return **created;
}

std::optional<Core::Task> BoardFixture::updateTask(const Core::TaskId &id,
                                                   const Core::TaskPatch &patch)
{
    const auto updated = await(m_engine->tasks().update(id, patch));
    if (!updated || !*updated)
        return std::nullopt;
    return **updated;
}

bool BoardFixture::removeTask(const Core::TaskId &id)
{
    const auto removed = await(m_engine->tasks().remove(id));
    return removed && *removed;
}

bool BoardFixture::removeProject(const Core::ProjectId &id)
{
    const auto removed = await(m_engine->projects().remove(id));
    return removed && *removed;
}

std::optional<Core::Task> BoardFixture::storedTask(const Core::TaskId &id)
{
    const auto found = await(m_engine->tasks().get(id));
    if (!found || !*found)
        return std::nullopt;
    return **found;
}

std::optional<Core::Attempt> BoardFixture::createAttempt(const Core::TaskId &task,
                                                         const QString &llm)
{
    Core::NewAttempt input;
    input.taskId = task;
    input.llm = llm;
    const auto created = await(m_engine->attempts().create(input));
    if (!created || !*created) {
        qWarning().noquote() << "cannot create attempt:"
                             << (created ? created->error().message : QString());
        return std::nullopt;
    }
    return **created;
}

bool BoardFixture::writeAttempt(const Core::Attempt &attempt)
{
    const auto written = await(
        m_engine->database().write([attempt](Core::SqlConnection &sql) -> Core::Result<void> {
            if (auto run = Core::AttemptStore::update(sql, attempt); !run)
                return run;
            return Core::AttemptStore::updateDelivery(sql, attempt);
        }));
    if (!written || !*written) {
        qWarning().noquote() << "cannot write attempt:"
                             << (written ? written->error().message : QString());
        return false;
    }
    m_engine->events().publish(
        Core::AttemptEvent{Core::ChangeKind::Updated, attempt, std::nullopt, Core::nowUtc()});
    m_engine->tasks().announce(attempt.taskId);
    return true;
}

std::optional<Core::Approval> BoardFixture::createApproval(const Core::AttemptId &attempt,
                                                           const QString &title)
{
    Core::NewApproval input;
    input.attemptId = attempt;
    input.type = Core::ApprovalType::Custom;
    input.title = title;
    const auto created = await(m_engine->approvals().create(input, u"lead@example.com"_s));
    if (!created || !*created) {
        qWarning().noquote() << "cannot create approval:"
                             << (created ? created->error().message : QString());
        return std::nullopt;
    }
    return **created;
}

bool BoardFixture::approve(const Core::ApprovalId &id)
{
    const auto answered = await(m_engine->approvals().respond(id,
                                                              u"reviewer@example.com"_s,
                                                              Core::ApprovalDecision::Approved,
                                                              std::nullopt));
    return answered && *answered;
}

} // namespace Test
