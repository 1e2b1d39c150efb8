// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/engine.h"
#include "core/taskservice.h"
#include "server/jsonbody.h"
#include "server/jsonprojection.h"
#include "server/queryparams.h"
#include "server/router.h"
#include "server/routes.h"

using namespace Qt::StringLiterals;

namespace Server {
namespace {

Core::Result<std::optional<Core::TaskStatus>> statusField(const JsonBody &body)
{
    auto text = body.string(u"status"_s);
    if (!text)
        return Core::fail(text.error());
    if (!*text)
        return std::optional<Core::TaskStatus>();
    const auto status = Core::taskStatusFromString(**text);
    if (!status) {
        return Core::fail(
            Core::Error::validation(u"status"_s,
                                    u"unknown status '%1'; use one of %2 (or pending for todo)"_s
                                        .arg((*text)->left(40),
                                             Core::taskStatusNames().join(u", "_s))));
    }
    return std::optional<Core::TaskStatus>(*status);
}

Core::Result<std::optional<Core::TaskPriority>> priorityField(const JsonBody &body)
{
    auto text = body.string(u"priority"_s);
    if (!text)
        return Core::fail(text.error());
    if (!*text)
        return std::optional<Core::TaskPriority>();
    const auto priority = Core::taskPriorityFromString(**text);
    if (!priority) {
        return Core::fail(
            Core::Error::validation(u"priority"_s,
                                    u"unknown priority '%1'; use one of %2"_s
                                        .arg((*text)->left(40),
                                             Core::taskPriorityNames().join(u", "_s))));
    }
    return std::optional<Core::TaskPriority>(*priority);
}

/// The fields POST and PATCH share.
Core::Result<Core::TaskPatch> readTaskFields(const JsonBody &body)
{
    Core::TaskPatch patch;
    auto title = body.string(u"title"_s);
    if (!title)
        return Core::fail(title.error());
    patch.title = *title;
    // A null description clears it, like an empty one.
    auto description = body.nullableString(u"description"_s);
    if (!description)
        return Core::fail(description.error());
    if (*description)
        patch.description = (*description)->value_or(QString());
    auto status = statusField(body);
    if (!status)
        return Core::fail(status.error());
    patch.status = *status;
    auto priority = priorityField(body);
    if (!priority)
        return Core::fail(priority.error());
    patch.priority = *priority;
    auto labels = body.stringList(u"labels"_s);
    if (!labels)
        return Core::fail(labels.error());
    patch.labels = *labels;
    auto llm = body.nullableString(u"llm"_s);
    if (!llm)
        return Core::fail(llm.error());
    patch.llm = *llm;
    auto parent = body.nullableString(u"parentAttemptId"_s);
    if (!parent)
        return Core::fail(parent.error());
    patch.parentAttemptId = *parent;
    return patch;
}

} // namespace

void addTaskRoutes(Router &router, Core::Engine &engine, QObject *context)
{
    Core::TaskService &tasks = engine.tasks();

    router.add("GET",
               u"/api/tasks"_s,
               u"List tasks, filtered, sorted and paged"_s,
               [&tasks, context](const ApiRequest &request, const Responder &responder) {
                   auto query = taskQueryParams(request.http);
                   if (!query)
                       return responder.sendError(query.error());
                   replyWithPage(tasks.list(*query), context, responder);
               });

    router.add("POST",
               u"/api/tasks"_s,
               u"Create a task"_s,
               [&tasks, context](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   auto projectId = body->requiredString(u"projectId"_s);
                   if (!projectId)
                       return responder.sendError(projectId.error());
                   auto fields = readTaskFields(*body);
                   if (!fields)
                       return responder.sendError(fields.error());
                   if (!fields->title)
                       return responder.sendError(
                           Core::Error::validation(u"title"_s, u"is required"_s));
                   Core::NewTask input;
                   input.projectId = Core::ProjectId(*projectId);
                   input.title = *fields->title;
                   input.description = fields->description.value_or(QString());
                   input.status = fields->status.value_or(Core::TaskStatus::Todo);
                   input.priority = fields->priority.value_or(Core::TaskPriority::Medium);
                   input.labels = fields->labels.value_or(QStringList());
                   input.llm = fields->llm.value_or(std::nullopt);
                   input.parentAttemptId = fields->parentAttemptId.value_or(std::nullopt);
                   replyCreated(tasks.create(input), context, responder, "/api/tasks/"_ba);
               });

    router.add("GET",
               u"/api/tasks/:id"_s,
               u"Get a task"_s,
               [&tasks, context](const ApiRequest &request, const Responder &responder) {
                   replyWhenDone(tasks.get(Core::TaskId(request.param(u"id"_s))),
                                 context,
                                 responder,
                                 200);
               });

    router.add("PATCH",
               u"/api/tasks/:id"_s,
               u"Change a task (status moves it on the board)"_s,
               [&tasks, context](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   if (body->has(u"projectId"_s)) {
                       return responder.sendError(
                           Core::Error::validation(u"projectId"_s,
                                                   u"a task cannot move to another project"_s));
                   }
                   auto patch = readTaskFields(*body);
                   if (!patch)
                       return responder.sendError(patch.error());
                   replyWhenDone(tasks.update(Core::TaskId(request.param(u"id"_s)), *patch),
                                 context,
                                 responder,
                                 200);
               });

    router.add("DELETE",
               u"/api/tasks/:id"_s,
               u"Delete a task"_s,
               [&tasks, context](const ApiRequest &request, const Responder &responder) {
                   replyDeleted(tasks.remove(Core::TaskId(request.param(u"id"_s))),
                                context,
                                responder,
                                "taskId"_L1);
               });
}

} // namespace Server
