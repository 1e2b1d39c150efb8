// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attemptservice.h"
#include "core/engine.h"
#include "core/timestamps.h"
#include "server/attemptlogstream.h"
#include "server/jsonbody.h"
#include "server/jsonprojection.h"
#include "server/queryparams.h"
#include "server/router.h"
#include "server/routes.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

/// llm, or executorProfileId {executor, variant}.
struct ExecutorChoice
{
    std::optional<QString> llm;
    std::optional<QString> executor;
    std::optional<QString> variant;
};

Core::Result<ExecutorChoice> readExecutorChoice(const JsonBody &body)
{
    ExecutorChoice choice;
    auto llm = body.string(u"llm"_s);
    if (!llm)
        return Core::fail(llm.error());
    choice.llm = *llm;
    auto profile = body.object(u"executorProfileId"_s);
    if (!profile)
        return Core::fail(profile.error());
    if (*profile) {
        auto executor = (*profile)->requiredString(u"executor"_s);
        if (!executor)
            return Core::fail(executor.error());
        choice.executor = *executor;
        auto variant = (*profile)->nullableString(u"variant"_s);
        if (!variant)
            return Core::fail(variant.error());
        if (*variant)
            choice.variant = **variant;
    }
    auto variant = body.nullableString(u"variant"_s);
    if (!variant)
        return Core::fail(variant.error());
    if (*variant && **variant)
        choice.variant = **variant;
    return choice;
}

Core::Result<Core::AttemptOptions> readOptions(const JsonBody &body)
{
    Core::AttemptOptions options;
    auto object = body.object(u"options"_s);
    if (!object)
        return Core::fail(object.error());
    if (!*object)
        return options;
    auto temperature = (*object)->number(u"temperature"_s);
    if (!temperature)
        return Core::fail(temperature.error());
    options.temperature = *temperature;
    auto maxTokens = (*object)->integer(u"maxTokens"_s, 1, 10'000'000);
    if (!maxTokens)
        return Core::fail(maxTokens.error());
    options.maxTokens = *maxTokens;
    auto timeout = (*object)->integer(u"timeout"_s, 1, 7 * 24 * 3600 * 1000);
    if (!timeout)
        return Core::fail(timeout.error());
    options.timeoutMs = *timeout;
    return options;
}

Core::AttemptId attemptIdOf(const ApiRequest &request)
{
    return Core::AttemptId(request.param(u"id"_s));
}

void addAttemptRoutes(Router &router, const QString &base, Core::Engine &engine, QObject *context)
{
    Core::AttemptService &attempts = engine.attempts();

    router.add("GET",
               base,
               u"List attempts"_s,
               [&attempts, context](const ApiRequest &request, const Responder &responder) {
                   auto query = attemptQueryParams(request.http);
                   if (!query)
                       return responder.sendError(query.error());
                   replyWithPage(attempts.list(*query), context, responder);
               });

    router.add("POST",
               base,
               u"Create an attempt (status created; start it to run)"_s,
               [&attempts, context, base](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   auto taskId = body->requiredString(u"taskId"_s);
                   if (!taskId)
                       return responder.sendError(taskId.error());
                   auto choice = readExecutorChoice(*body);
                   if (!choice)
                       return responder.sendError(choice.error());
                   auto options = readOptions(*body);
                   if (!options)
                       return responder.sendError(options.error());
                   auto description = body->nullableString(u"description"_s);
                   if (!description)
                       return responder.sendError(description.error());
                   Core::NewAttempt input;
                   input.taskId = Core::TaskId(*taskId);
                   input.llm = choice->llm;
                   input.executor = choice->executor;
                   input.variant = choice->variant;
                   input.options = *options;
                   input.description = description->value_or(std::nullopt).value_or(QString());
                   replyCreated(attempts.create(input), context, responder, base.toUtf8() + '/');
               });

    router.add("GET",
               base + u"/:id"_s,
               u"Get an attempt"_s,
               [&attempts, context](const ApiRequest &request, const Responder &responder) {
                   replyWhenDone(attempts.get(attemptIdOf(request)), context, responder, 200);
               });

    router.add("DELETE",
               base + u"/:id"_s,
               u"Delete an attempt, its worktree and its branch"_s,
               [&attempts, context](const ApiRequest &request, const Responder &responder) {
                   replyDeleted(attempts.remove(attemptIdOf(request)),
                                context,
                                responder,
                                "attemptId"_L1);
               });

    router.add("POST",
               base + u"/:id/start"_s,
               u"Start an attempt (it may wait for a free slot)"_s,
               [&attempts, context](const ApiRequest &request, const Responder &responder) {
                   replyWhenDone(attempts.start(attemptIdOf(request)), context, responder, 200);
               });

    router.add("POST",
               base + u"/:id/cancel"_s,
               u"Cancel an attempt; answers once its processes stopped"_s,
               [&attempts, context](const ApiRequest &request, const Responder &responder) {
                   replyWhenDone(attempts.cancel(attemptIdOf(request)), context, responder, 200);
               });

    router.add("GET",
               base + u"/:id/logs"_s,
               u"The attempt's log as NDJSON (level, since, follow)"_s,
               [&engine, context](const ApiRequest &request, const Responder &responder) {
                   AttemptLogStream::Filter filter;
                   if (request.http.hasQueryItem(u"level"_s)) {
                       const QString text = request.http.queryItem(u"level"_s).trimmed().toLower();
                       filter.minimumLevel = Core::logLevelFromString(text);
                       if (!filter.minimumLevel) {
                           return responder.sendError(Core::Error::validation(
                               u"level"_s,
                               u"must be debug, info, warn or error (entries at or above it)"_s));
                       }
                   }
                   if (request.http.hasQueryItem(u"since"_s)) {
                       const QDateTime since = Core::fromTimestamp(
                           request.http.queryItem(u"since"_s).trimmed());
                       if (!since.isValid()) {
                           return responder.sendError(Core::Error::validation(
                               u"since"_s,
                               u"must be an ISO-8601 timestamp such as 2026-01-15T10:30:00Z"_s));
                       }
                       filter.since = Core::toTimestamp(since).toLatin1();
                   }
                   auto follow = booleanParam(request.http, u"follow"_s);
                   if (!follow)
                       return responder.sendError(follow.error());
                   AttemptLogStream::serve(engine,
                                           attemptIdOf(request),
                                           filter,
                                           follow->value_or(false),
                                           responder,
                                           context);
               });

    router.add("POST",
               base + u"/:id/follow-up"_s,
               u"Send a follow-up prompt, resuming the agent's session"_s,
               [&attempts, context](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   auto prompt = body->requiredString(u"prompt"_s);
                   if (!prompt)
                       return responder.sendError(prompt.error());
                   auto variant = body->nullableString(u"variant"_s);
                   if (!variant)
                       return responder.sendError(variant.error());
                   const Core::AttemptId id = attemptIdOf(request);
                   attempts.followUp(id, *prompt, variant->value_or(std::nullopt))
                       .then(context,
                             [&attempts, context, responder, id](
                                 const Core::Result<Core::ExecutionProcess> &started) {
                                 if (!started)
                                     return responder.sendError(started.error());
                                 replyWhenDone(attempts.get(id), context, responder, 200);
                             });
               });

    router.add("POST",
               base + u"/:id/replace-process"_s,
               u"Replace the running agent process with a new one"_s,
               [&attempts, context](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   auto prompt = body->requiredString(u"prompt"_s);
                   if (!prompt)
                       return responder.sendError(prompt.error());
                   auto choice = readExecutorChoice(*body);
                   if (!choice)
                       return responder.sendError(choice.error());
                   attempts
                       .replaceProcess(attemptIdOf(request),
                                       choice->llm,
                                       choice->executor,
                                       choice->variant,
                                       *prompt)
                       .then(context,
                             [responder](
                                 const Core::Result<Core::AttemptService::Replacement> &replaced) {
                                 if (!replaced)
                                     return responder.sendError(replaced.error());
                                 responder.sendJson(200,
                                                    successEnvelope(QJsonObject{
                                                        {u"oldProcessId"_s,
                                                         replaced->oldProcessId ? QJsonValue(
                                                             replaced->oldProcessId->toString())
                                                                                : QJsonValue()},
                                                        {u"newProcessId"_s,
                                                         replaced->newProcess.id.toString()},
                                                        {u"status"_s, u"running"_s}}));
                             });
               });
}

} // namespace

void addAttemptRoutes(Router &router, Core::Engine &engine, QObject *context)
{
    // Seed 001 documents both spellings; they address the same attempts.
    addAttemptRoutes(router, u"/api/attempts"_s, engine, context);
    addAttemptRoutes(router, u"/api/task-attempts"_s, engine, context);

    Core::AttemptService &attempts = engine.attempts();
    router.add("GET",
               u"/api/processes"_s,
               u"List execution processes (attemptId, status, kind)"_s,
               [&attempts, context](const ApiRequest &request, const Responder &responder) {
                   auto query = processQueryParams(request.http);
                   if (!query)
                       return responder.sendError(query.error());
                   replyWithPage(attempts.listProcesses(*query), context, responder);
               });
    router.add("GET",
               u"/api/processes/:id"_s,
               u"Get an execution process"_s,
               [&attempts, context](const ApiRequest &request, const Responder &responder) {
                   replyWhenDone(attempts.getProcess(Core::ProcessId(request.param(u"id"_s))),
                                 context,
                                 responder,
                                 200);
               });
    router.add("POST",
               u"/api/processes/:id/cancel"_s,
               u"Cancel a running process (and its attempt's chain)"_s,
               [&attempts, context](const ApiRequest &request, const Responder &responder) {
                   const Core::ProcessId id(request.param(u"id"_s));
                   attempts.cancelProcess(id)
                       .then(context,
                             [&attempts, context, responder, id](
                                 const Core::Result<Core::ExecutionProcess> &cancelled) {
                                 if (!cancelled)
                                     return responder.sendError(cancelled.error());
                                 replyWhenDone(attempts.getProcess(id), context, responder, 200);
                             });
               });

    router.add("GET",
               u"/api/profiles"_s,
               u"Executor profiles (built-in and user-defined)"_s,
               [&engine](const ApiRequest &, const Responder &responder) {
                   QJsonArray profiles;
                   for (const Core::ExecutorProfile &profile : engine.profiles().profiles())
                       profiles.append(profile.toJson());
                   responder.sendJson(200,
                                      successEnvelope(
                                          QJsonObject{{u"path"_s, engine.profiles().path()},
                                                      {u"profiles"_s, profiles},
                                                      {u"user"_s,
                                                       engine.profiles().userProfiles()}}));
               });
    router.add("PUT",
               u"/api/profiles"_s,
               u"Replace the user-defined profiles and overrides"_s,
               [&engine, context](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   auto user = body->object(u"profiles"_s);
                   if (!user)
                       return responder.sendError(user.error());
                   if (!*user)
                       return responder.sendError(
                           Core::Error::validation(u"profiles"_s, u"is required"_s));
                   engine.replaceProfiles((*user)->json())
                       .then(context, [responder](const Core::Result<Core::ProfileRegistry> &saved) {
                           if (!saved)
                               return responder.sendError(saved.error());
                           QJsonArray profiles;
                           for (const Core::ExecutorProfile &profile : saved->profiles())
                               profiles.append(profile.toJson());
                           responder.sendJson(200,
                                              successEnvelope(
                                                  QJsonObject{{u"path"_s, saved->path()},
                                                              {u"profiles"_s, profiles},
                                                              {u"user"_s, saved->userProfiles()}}));
                       });
               });

    router.add("GET",
               u"/api/settings"_s,
               u"Settings (maxConcurrentAttempts)"_s,
               [&engine](const ApiRequest &, const Responder &responder) {
                   responder.sendJson(200, successEnvelope(engine.settings().toJson()));
               });
    router.add("PATCH",
               u"/api/settings"_s,
               u"Change settings"_s,
               [&engine, context](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   engine.updateSettings(body->json())
                       .then(context, [responder](const Core::Result<Core::Settings> &saved) {
                           if (!saved)
                               return responder.sendError(saved.error());
                           responder.sendJson(200, successEnvelope(saved->toJson()));
                       });
               });
}

} // namespace Server
