// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/approvalservice.h"
#include "core/timestamps.h"
#include "server/jsonbody.h"
#include "server/queryparams.h"
#include "server/router.h"
#include "server/routes.h"
#include "server/workflowprojection.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

constexpr auto typeNames = "merge, deploy or custom"_L1;

void replyApproval(Core::Future<Core::Result<Core::Approval>> future,
                   QObject *context,
                   const Responder &responder,
                   int status)
{
    future.then(context, [responder, status](const Core::Result<Core::Approval> &approval) {
        if (!approval)
            return responder.sendError(approval.error());
        HttpResponse response = HttpResponse::json(status, successEnvelope(approvalJson(*approval)));
        if (status == 201)
            response.headers.append(
                {"Location"_ba, "/api/approvals/" + approval->id.toString().toUtf8()});
        responder.send(response);
    });
}

void replyApprovalPage(Core::Future<Core::Result<Core::Page<Core::Approval>>> future,
                       QObject *context,
                       const Responder &responder)
{
    future.then(context, [responder](const Core::Result<Core::Page<Core::Approval>> &page) {
        if (!page)
            return responder.sendError(page.error());
        QJsonArray items;
        for (const Core::Approval &approval : page->items)
            items.append(approvalJson(approval));
        responder.sendJson(200,
                           pageEnvelope(QJsonDocument(items).toJson(QJsonDocument::Compact),
                                        page->page,
                                        page->limit,
                                        page->total));
    });
}

/// A type filter: merge, deploy, custom or tool_use.
Core::Result<std::optional<Core::ApprovalType>> typeParam(const HttpRequest &request)
{
    if (!request.hasQueryItem(u"type"_s))
        return std::optional<Core::ApprovalType>();
    const auto type = Core::approvalTypeFromString(request.queryItem(u"type"_s));
    if (!type)
        return Core::fail(
            Core::Error::validation(u"type"_s, u"must be merge, deploy, custom or tool_use"_s));
    return std::optional<Core::ApprovalType>(*type);
}

Core::Error noIdentity()
{
    return Core::Error{Core::ErrorCode::Unauthorized,
                       u"no identity: set your e-mail in the settings (userEmail) or use an API "
                       "key with an identity"_s,
                       {}};
}

} // namespace

void addApprovalRoutes(Router &router, Core::ApprovalService &approvals, QObject *context)
{
    router.add("POST",
               u"/api/approvals"_s,
               u"Request an approval (taskAttemptId, type, title, description, metadata, "
               "approvers, expiresAt)"_s,
               [&approvals, context](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   auto attempt = body->requiredString(u"taskAttemptId"_s);
                   if (!attempt)
                       return responder.sendError(attempt.error());
                   auto typeName = body->requiredString(u"type"_s);
                   if (!typeName)
                       return responder.sendError(typeName.error());
                   const auto type = Core::approvalTypeFromString(*typeName);
                   // tool_use approvals come from agents, not from this route.
                   if (!type || *type == Core::ApprovalType::ToolUse)
                       return responder.sendError(
                           Core::Error::validation(u"type"_s, u"must be "_s + typeNames));
                   auto title = body->requiredString(u"title"_s);
                   if (!title)
                       return responder.sendError(title.error());
                   auto description = body->nullableString(u"description"_s);
                   if (!description)
                       return responder.sendError(description.error());
                   auto metadata = body->rawObject(u"metadata"_s);
                   if (!metadata)
                       return responder.sendError(metadata.error());
                   auto approvers = body->stringList(u"approvers"_s);
                   if (!approvers)
                       return responder.sendError(approvers.error());
                   auto expiresAt = body->timestamp(u"expiresAt"_s);
                   if (!expiresAt)
                       return responder.sendError(expiresAt.error());
                   if (request.http.principal.identity.isEmpty())
                       return responder.sendError(noIdentity());
                   Core::NewApproval input;
                   input.attemptId = Core::AttemptId(attempt->trimmed());
                   input.type = *type;
                   input.title = *title;
                   input.description = description->value_or(std::nullopt);
                   input.metadata = metadata->value_or(QJsonObject());
                   input.approvers = approvers->value_or(QStringList());
                   input.expiresAt = expiresAt->value_or(QDateTime());
                   replyApproval(approvals.create(input, request.http.principal.identity),
                                 context,
                                 responder,
                                 201);
               });

    router.add("GET",
               u"/api/approvals"_s,
               u"List approvals (status, type, taskAttemptId, page, limit)"_s,
               [&approvals, context](const ApiRequest &request, const Responder &responder) {
                   auto page = pageParams(request.http);
                   if (!page)
                       return responder.sendError(page.error());
                   auto type = typeParam(request.http);
                   if (!type)
                       return responder.sendError(type.error());
                   Core::ApprovalQuery query;
                   query.type = *type;
                   if (request.http.hasQueryItem(u"status"_s)) {
                       query.status = Core::approvalStatusFromString(
                           request.http.queryItem(u"status"_s));
                       if (!query.status)
                           return responder.sendError(Core::Error::validation(
                               u"status"_s,
                               u"must be pending, approved, rejected, expired or cancelled"_s));
                   }
                   const QString attempt = request.http.queryItem(u"taskAttemptId"_s);
                   if (!attempt.isEmpty())
                       query.attemptId = Core::AttemptId(attempt);
                   replyApprovalPage(approvals.list(query, *page), context, responder);
               });

    // Before /api/approvals/:id, which would take "pending" for an id.
    router.add("GET",
               u"/api/approvals/pending"_s,
               u"Pending approvals the caller may answer (type, page, limit)"_s,
               [&approvals, context](const ApiRequest &request, const Responder &responder) {
                   auto page = pageParams(request.http);
                   if (!page)
                       return responder.sendError(page.error());
                   auto type = typeParam(request.http);
                   if (!type)
                       return responder.sendError(type.error());
                   if (request.http.principal.identity.isEmpty())
                       return responder.sendError(noIdentity());
                   Core::ApprovalQuery query;
                   query.type = *type;
                   query.awaiting = request.http.principal.identity;
                   replyApprovalPage(approvals.list(query, *page), context, responder);
               });

    router.add("GET",
               u"/api/approvals/:id"_s,
               u"Get an approval with its responses"_s,
               [&approvals, context](const ApiRequest &request, const Responder &responder) {
                   replyApproval(approvals.get(Core::ApprovalId(request.param(u"id"_s))),
                                 context,
                                 responder,
                                 200);
               });

    router
        .add("POST",
             u"/api/approvals/:id/respond"_s,
             u"Approve or reject (decision, comment); only a listed approver, once"_s,
             [&approvals, context](const ApiRequest &request, const Responder &responder) {
                 auto body = JsonBody::parse(request.http.body);
                 if (!body)
                     return responder.sendError(body.error());
                 auto decisionName = body->requiredString(u"decision"_s);
                 if (!decisionName)
                     return responder.sendError(decisionName.error());
                 // "approve"/"reject" and Forge's "denied" are what people type; accept them.
                 QString name = decisionName->trimmed().toLower();
                 if (name == "approve"_L1)
                     name = u"approved"_s;
                 else if (name == "reject"_L1 || name == "denied"_L1 || name == "deny"_L1)
                     name = u"rejected"_s;
                 const auto decision = Core::approvalDecisionFromString(name);
                 if (!decision)
                     return responder.sendError(
                         Core::Error::validation(u"decision"_s, u"must be approved or rejected"_s));
                 auto comment = body->nullableString(u"comment"_s);
                 if (!comment)
                     return responder.sendError(comment.error());
                 if (request.http.principal.identity.isEmpty())
                     return responder.sendError(noIdentity());
                 approvals
                     .respond(Core::ApprovalId(request.param(u"id"_s)),
                              request.http.principal.identity,
                              *decision,
                              comment->value_or(std::nullopt))
                     .then(context,
                           [responder](const Core::Result<Core::ApprovalService::Responded> &done) {
                               if (!done)
                                   return responder.sendError(done.error());
                               const Core::ApprovalResponse &r = done->response;
                               responder.sendJson(
                                   200,
                                   successEnvelope(
                                       QJsonObject{{u"approvalId"_s, done->approval.id.toString()},
                                                   {u"approver"_s, r.approver},
                                                   {u"decision"_s, Core::wireName(r.decision)},
                                                   {u"comment"_s,
                                                    r.comment ? QJsonValue(*r.comment)
                                                              : QJsonValue(QJsonValue::Null)},
                                                   {u"respondedAt"_s,
                                                    Core::toTimestamp(r.respondedAt)},
                                                   {u"approvalStatus"_s,
                                                    Core::wireName(done->approval.status)}}));
                           });
             });

    router.add("POST",
               u"/api/approvals/:id/cancel"_s,
               u"Cancel a pending approval; only whoever requested it"_s,
               [&approvals, context](const ApiRequest &request, const Responder &responder) {
                   if (request.http.principal.identity.isEmpty())
                       return responder.sendError(noIdentity());
                   replyApproval(approvals.cancel(Core::ApprovalId(request.param(u"id"_s)),
                                                  request.http.principal.identity),
                                 context,
                                 responder,
                                 200);
               });
}

} // namespace Server
