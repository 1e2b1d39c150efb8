// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/support/scriptedengine.h"

#include "core/attemptservice.h"
#include "core/projectservice.h"
#include "core/taskservice.h"
#include "tests/support/futures.h"

#include <QDeadlineTimer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace Test {

std::unique_ptr<ScriptedEngine> ScriptedEngine::open(const QJsonObject &profiles,
                                                     const QJsonObject &settings,
                                                     const std::optional<QString> &devScript)
{
    auto f = std::make_unique<ScriptedEngine>();
    if (!f->data.isValid() || !f->repo.isValid())
        return nullptr;
    auto engine = Core::Engine::open(f->data.path());
    if (!engine)
        return nullptr;
    f->engine = std::move(*engine);
    auto replaced = await(f->engine->replaceProfiles(profiles));
    if (!replaced || !*replaced)
        return nullptr;
    if (!settings.isEmpty()) {
        auto updated = await(f->engine->updateSettings(settings));
        if (!updated || !*updated)
            return nullptr;
    }
    Core::NewProject input;
    input.name = u"scripted"_s;
    input.repoPath = f->repo.path();
    input.devScript = devScript;
    auto project = await(f->engine->projects().create(input));
    if (!project || !*project)
        return nullptr;
    f->project = **project;
    return f;
}

std::optional<Core::Attempt> ScriptedEngine::finishedAttempt(const QString &title,
                                                             const QString &llm)
{
    Core::NewTask task;
    task.projectId = project.id;
    task.title = title;
    auto created = await(engine->tasks().create(task));
    if (!created || !*created)
        return std::nullopt;
    Core::NewAttempt input;
    input.taskId = (*created)->id;
    input.llm = llm;
    auto attempt = await(engine->attempts().create(input));
    if (!attempt || !*attempt)
        return std::nullopt;
    auto started = await(engine->attempts().start((*attempt)->id));
    if (!started || !*started)
        return std::nullopt;
    return waitFinished((*attempt)->id);
}

std::optional<Core::Attempt> ScriptedEngine::waitFinished(const Core::AttemptId &id, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        auto now = await(engine->attempts().get(id));
        if (now && *now && Core::isFinished((*now)->status) && !engine->attempts().isActive(id))
            return **now;
        QTest::qWait(50);
    }
    return std::nullopt;
}

} // namespace Test
