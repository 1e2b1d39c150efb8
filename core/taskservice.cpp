// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/taskservice.h"

#include "core/attemptstore.h"
#include "core/database.h"
#include "core/eventbus.h"
#include "core/projectstore.h"
#include "core/taskstore.h"
#include "core/timestamps.h"
#include "core/validation.h"

using namespace Qt::StringLiterals;

namespace Core {
namespace {

Result<NewTask> validated(NewTask input)
{
    if (input.projectId.isNull())
        return fail(Error::validation(u"projectId"_s, u"is required"_s));
    auto title = Validate::requiredLine(u"title"_s, input.title, Validate::maxTitleLength);
    if (!title)
        return fail(title.error());
    input.title = *title;
    auto description = Validate::text(u"description"_s,
                                      input.description,
                                      Validate::maxDescriptionLength);
    if (!description)
        return fail(description.error());
    auto labels = Validate::labels(u"labels"_s, input.labels);
    if (!labels)
        return fail(labels.error());
    input.labels = *labels;
    if (auto llm = Validate::llm(u"llm"_s, input.llm); !llm)
        return fail(llm.error());
    if (auto parent = Validate::attemptReference(u"parentAttemptId"_s, input.parentAttemptId);
        !parent)
        return fail(parent.error());
    return input;
}

Result<TaskPatch> validated(TaskPatch patch)
{
    if (patch.isEmpty()) {
        return fail(Error::validation(u"body"_s,
                                      u"nothing to update; send at least one of title, description, "
                                      "status, priority, labels, llm, parentAttemptId"_s));
    }
    if (patch.title) {
        auto title = Validate::requiredLine(u"title"_s, *patch.title, Validate::maxTitleLength);
        if (!title)
            return fail(title.error());
        patch.title = *title;
    }
    if (patch.description) {
        if (auto description
            = Validate::text(u"description"_s, *patch.description, Validate::maxDescriptionLength);
            !description)
            return fail(description.error());
    }
    if (patch.labels) {
        auto labels = Validate::labels(u"labels"_s, *patch.labels);
        if (!labels)
            return fail(labels.error());
        patch.labels = *labels;
    }
    if (patch.llm) {
        if (auto llm = Validate::llm(u"llm"_s, *patch.llm); !llm)
            return fail(llm.error());
    }
    if (patch.parentAttemptId) {
        if (auto parent = Validate::attemptReference(u"parentAttemptId"_s, *patch.parentAttemptId);
            !parent)
            return fail(parent.error());
    }
    return patch;
}

Result<Task> findTask(SqlConnection &sql, const TaskId &id)
{
    auto found = TaskStore::find(sql, id);
    if (!found)
        return fail(found.error());
    if (!*found)
        return fail(Error::notFound(u"task"_s, id.toString()));
    return **found;
}

Error unknownProject(const ProjectId &id)
{
    Error error = Error::notFound(u"project"_s, id.toString());
    error.details.insert(u"field"_s, u"projectId"_s);
    return error;
}

/// A subtask names the attempt it came from: that attempt must exist.
Result<void> checkParentAttempt(SqlConnection &sql, const std::optional<QString> &parent)
{
    if (!parent)
        return {};
    auto found = AttemptStore::find(sql, AttemptId(*parent));
    if (!found)
        return fail(found.error());
    if (!*found)
        return fail(
            Error::validation(u"parentAttemptId"_s, u"there is no attempt '%1'"_s.arg(*parent)));
    return {};
}

} // namespace

TaskService::TaskService(Database &database, EventBus &events, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_events(events)
{}

Future<Result<Task>> TaskService::create(const NewTask &input)
{
    auto checked = validated(input);
    if (!checked)
        return Future<Result<Task>>::ready(Result<Task>(fail(checked.error())));
    Task task;
    task.id = TaskId::generate();
    task.projectId = checked->projectId;
    task.title = checked->title;
    task.description = checked->description;
    task.status = checked->status;
    task.priority = checked->priority;
    task.labels = checked->labels;
    task.llm = checked->llm;
    task.parentAttemptId = checked->parentAttemptId;
    task.createdAt = task.updatedAt = nowUtc();
    return m_database
        .write([task](SqlConnection &sql) -> Result<Task> {
            auto project = ProjectStore::find(sql, task.projectId);
            if (!project)
                return fail(project.error());
            if (!*project)
                return fail(unknownProject(task.projectId));
            if (auto parent = checkParentAttempt(sql, task.parentAttemptId); !parent)
                return fail(parent.error());
            if (auto inserted = TaskStore::insert(sql, task); !inserted)
                return fail(inserted.error());
            return task;
        })
        .then(this, [this](const Result<Task> &created) {
            if (created)
                m_events.publish(
                    TaskEvent{ChangeKind::Created, *created, std::nullopt, created->updatedAt});
            return created;
        });
}

Future<Result<Task>> TaskService::update(const TaskId &id, const TaskPatch &patch)
{
    auto checked = validated(patch);
    if (!checked)
        return Future<Result<Task>>::ready(Result<Task>(fail(checked.error())));
    using Change = std::pair<TaskStatus, Task>;
    return m_database
        .write([id, patch = *checked](SqlConnection &sql) -> Result<Change> {
            auto found = findTask(sql, id);
            if (!found)
                return fail(found.error());
            Task task = *found;
            const TaskStatus previous = task.status;
            if (patch.title)
                task.title = *patch.title;
            if (patch.description)
                task.description = *patch.description;
            if (patch.status)
                task.status = *patch.status;
            if (patch.priority)
                task.priority = *patch.priority;
            if (patch.labels)
                task.labels = *patch.labels;
            if (patch.llm)
                task.llm = *patch.llm;
            if (patch.parentAttemptId) {
                if (auto parent = checkParentAttempt(sql, *patch.parentAttemptId); !parent)
                    return fail(parent.error());
                task.parentAttemptId = *patch.parentAttemptId;
            }
            task.updatedAt = nowUtc();
            if (auto updated = TaskStore::update(sql, task); !updated)
                return fail(updated.error());
            return Change{previous, task};
        })
        .then(this, [this](const Result<Change> &changed) -> Result<Task> {
            if (!changed)
                return fail(changed.error());
            m_events.publish(TaskEvent{ChangeKind::Updated,
                                       changed->second,
                                       changed->first,
                                       changed->second.updatedAt});
            return changed->second;
        });
}

Future<Result<Task>> TaskService::remove(const TaskId &id)
{
    return m_database
        .write([id](SqlConnection &sql) -> Result<Task> {
            auto found = findTask(sql, id);
            if (!found)
                return found;
            if (auto removed = TaskStore::remove(sql, id); !removed)
                return fail(removed.error());
            return found;
        })
        .then(this, [this](const Result<Task> &removed) {
            if (removed)
                m_events.publish(TaskEvent{ChangeKind::Deleted, *removed, std::nullopt, nowUtc()});
            return removed;
        });
}

void TaskService::announce(const TaskId &id)
{
    get(id).then(this, [this](const Result<Task> &task) {
        if (task)
            m_events.publish(TaskEvent{ChangeKind::Updated, *task, std::nullopt, nowUtc()});
    });
}

Future<Result<Task>> TaskService::get(const TaskId &id)
{
    return m_database.read([id](SqlConnection &sql) { return findTask(sql, id); });
}

Future<Result<Page<Task>>> TaskService::list(const TaskQuery &query)
{
    if (auto valid = query.page.validate(); !valid)
        return Future<Result<Page<Task>>>::ready(Result<Page<Task>>(fail(valid.error())));
    return m_database.read([query](SqlConnection &sql) -> Result<Page<Task>> {
        const ReadTransaction snapshot(sql);
        if (query.projectId) {
            auto project = ProjectStore::find(sql, *query.projectId);
            if (!project)
                return fail(project.error());
            if (!*project)
                return fail(unknownProject(*query.projectId));
        }
        return TaskStore::list(sql, query);
    });
}

} // namespace Core
