// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/engine.h"
#include "core/projectservice.h"
#include "server/jsonbody.h"
#include "server/jsonprojection.h"
#include "server/queryparams.h"
#include "server/router.h"
#include "server/routes.h"

using namespace Qt::StringLiterals;

namespace Server {
namespace {

/// Reads the fields shared by POST and PATCH into patch; POST then requires name and repoPath.
Core::Result<Core::ProjectPatch> readProjectFields(const JsonBody &body)
{
    Core::ProjectPatch patch;
    for (auto [key, target] : {std::pair{u"name"_s, &patch.name},
                               std::pair{u"repoPath"_s, &patch.repoPath},
                               std::pair{u"baseBranch"_s, &patch.baseBranch}}) {
        auto value = body.string(key);
        if (!value)
            return Core::fail(value.error());
        *target = *value;
    }
    for (auto [key, target] : {std::pair{u"setupScript"_s, &patch.setupScript},
                               std::pair{u"devScript"_s, &patch.devScript},
                               std::pair{u"cleanupScript"_s, &patch.cleanupScript},
                               std::pair{u"defaultLlm"_s, &patch.defaultLlm}}) {
        auto value = body.nullableString(key);
        if (!value)
            return Core::fail(value.error());
        *target = *value;
    }
    auto copyFiles = body.stringList(u"copyFiles"_s);
    if (!copyFiles)
        return Core::fail(copyFiles.error());
    patch.copyFiles = *copyFiles;
    auto approvers = body.stringList(u"mergeApprovers"_s);
    if (!approvers)
        return Core::fail(approvers.error());
    patch.mergeApprovers = *approvers;
    auto needsApproval = body.boolean(u"mergeRequiresApproval"_s);
    if (!needsApproval)
        return Core::fail(needsApproval.error());
    patch.mergeRequiresApproval = *needsApproval;
    return patch;
}

} // namespace

void addProjectRoutes(Router &router, Core::Engine &engine, QObject *context)
{
    Core::ProjectService &projects = engine.projects();

    router.add("GET",
               u"/api/projects"_s,
               u"List projects"_s,
               [&projects, context](const ApiRequest &request, const Responder &responder) {
                   auto query = projectQueryParams(request.http);
                   if (!query)
                       return responder.sendError(query.error());
                   replyWithPage(projects.list(*query), context, responder);
               });

    router.add("POST",
               u"/api/projects"_s,
               u"Create a project for a git repository"_s,
               [&projects, context](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   auto fields = readProjectFields(*body);
                   if (!fields)
                       return responder.sendError(fields.error());
                   if (!fields->name)
                       return responder.sendError(
                           Core::Error::validation(u"name"_s, u"is required"_s));
                   if (!fields->repoPath)
                       return responder.sendError(
                           Core::Error::validation(u"repoPath"_s, u"is required"_s));
                   Core::NewProject input;
                   input.name = *fields->name;
                   input.repoPath = *fields->repoPath;
                   input.baseBranch = fields->baseBranch;
                   input.setupScript = fields->setupScript.value_or(std::nullopt);
                   input.devScript = fields->devScript.value_or(std::nullopt);
                   input.cleanupScript = fields->cleanupScript.value_or(std::nullopt);
                   input.copyFiles = fields->copyFiles.value_or(QStringList());
                   input.defaultLlm = fields->defaultLlm.value_or(std::nullopt);
                   input.mergeRequiresApproval = fields->mergeRequiresApproval.value_or(false);
                   input.mergeApprovers = fields->mergeApprovers.value_or(QStringList());
                   replyCreated(projects.create(input), context, responder, "/api/projects/"_ba);
               });

    router.add("GET",
               u"/api/projects/:id"_s,
               u"Get a project"_s,
               [&projects, context](const ApiRequest &request, const Responder &responder) {
                   replyWhenDone(projects.get(Core::ProjectId(request.param(u"id"_s))),
                                 context,
                                 responder,
                                 200);
               });

    router.add("PATCH",
               u"/api/projects/:id"_s,
               u"Change a project"_s,
               [&projects, context](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   auto patch = readProjectFields(*body);
                   if (!patch)
                       return responder.sendError(patch.error());
                   replyWhenDone(projects.update(Core::ProjectId(request.param(u"id"_s)), *patch),
                                 context,
                                 responder,
                                 200);
               });

    router.add("DELETE",
               u"/api/projects/:id"_s,
               u"Delete a project and its tasks"_s,
               [&projects, context](const ApiRequest &request, const Responder &responder) {
                   replyDeleted(projects.remove(Core::ProjectId(request.param(u"id"_s))),
                                context,
                                responder,
                                "projectId"_L1);
               });
}

} // namespace Server
