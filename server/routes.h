// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/future.h"
#include "core/query.h"
#include "server/apienvelope.h"
#include "server/jsonprojection.h"
#include "server/responder.h"

#include <QJsonObject>
#include <QObject>

namespace Core {
class ApiKeyService;
class ApprovalService;
class DraftService;
class Engine;
class WebhookService;
} // namespace Core

namespace Server {

class Router;

/// Each adds one resource's routes under /api. context owns the continuations.
void addSystemRoutes(Router &router, QObject *context);
void addProjectRoutes(Router &router, Core::Engine &engine, QObject *context);
void addTaskRoutes(Router &router, Core::Engine &engine, QObject *context);
/// Attempts (at /api/attempts and /api/task-attempts), processes, executor profiles, settings.
void addAttemptRoutes(Router &router, Core::Engine &engine, QObject *context);
/// Review and delivery: diffs, branch status, merge, rebase, push, pull requests, editors, dev
/// servers, children, compare, file deletion.
void addDeliveryRoutes(Router &router, Core::Engine &engine, QObject *context);
class WebhookDispatcher;
/// Webhooks: subscribe, list, get, delete (the core's), and each one's delivery log (the
/// dispatcher's).
void addWebhookRoutes(Router &router,
                      Core::WebhookService &webhooks,
                      WebhookDispatcher &dispatcher,
                      QObject *context);
/// Drafts, follow-up and retry drafts, the follow-up queue and the draft queue (seed 000), at
/// /api/attempts and /api/task-attempts.
void addDraftRoutes(Router &router, Core::DraftService &drafts, QObject *context);
/// Approvals (seed 003): request, list, pending, get, respond, cancel.
void addApprovalRoutes(Router &router, Core::ApprovalService &approvals, QObject *context);
/// API keys: create (the secret is shown once), list, get, revoke.
void addApiKeyRoutes(Router &router, Core::ApiKeyService &keys, QObject *context);

/// Answers with the envelope once future is done: the value as JSON on success, the error
/// otherwise. Serialising happens on the thread that produced the value, off the main thread.
template<typename T>
void replyWhenDone(Core::Future<Core::Result<T>> future,
                   QObject *context,
                   const Responder &responder,
                   int status)
{
    future
        .thenInline([](const Core::Result<T> &result) -> Core::Result<QByteArray> {
            if (!result)
                return Core::fail(result.error());
            return successEnvelope(toJsonBytes(*result));
        })
        .then(context, [responder, status](const Core::Result<QByteArray> &body) {
            if (!body)
                responder.sendError(body.error());
            else
                responder.sendJson(status, *body);
        });
}

/// Answers a list with the envelope and its pagination block.
template<typename T>
void replyWithPage(Core::Future<Core::Result<Core::Page<T>>> future,
                   QObject *context,
                   const Responder &responder)
{
    future
        .thenInline([](const Core::Result<Core::Page<T>> &page) -> Core::Result<QByteArray> {
            if (!page)
                return Core::fail(page.error());
            return pageEnvelope(toJsonArrayBytes(page->items), page->page, page->limit, page->total);
        })
        .then(context, [responder](const Core::Result<QByteArray> &body) {
            if (!body)
                responder.sendError(body.error());
            else
                responder.sendJson(200, *body);
        });
}

/// Answers a creation with 201, the envelope and a Location of locationPrefix + id.
template<typename T>
void replyCreated(Core::Future<Core::Result<T>> future,
                  QObject *context,
                  const Responder &responder,
                  const QByteArray &locationPrefix)
{
    future.then(context, [responder, locationPrefix](const Core::Result<T> &created) {
        if (!created)
            return responder.sendError(created.error());
        HttpResponse response = HttpResponse::json(201, successEnvelope(toJsonBytes(*created)));
        response.headers.append({QByteArrayLiteral("Location"),
                                 QByteArray(locationPrefix.data(), locationPrefix.size())
                                     + created->id.toString().toUtf8()});
        responder.send(response);
    });
}

/// Answers a DELETE with {deleted: true, <idKey>: id}.
template<typename T>
void replyDeleted(Core::Future<Core::Result<T>> future,
                  QObject *context,
                  const Responder &responder,
                  QLatin1StringView idKey)
{
    future.then(context, [responder, idKey](const Core::Result<T> &removed) {
        if (!removed)
            return responder.sendError(removed.error());
        responder.sendJson(200,
                           successEnvelope(QJsonObject{{QStringLiteral("deleted"), true},
                                                       {idKey, removed->id.toString()}}));
    });
}

} // namespace Server
