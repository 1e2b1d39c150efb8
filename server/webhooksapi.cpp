// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/jsonwriter.h"
#include "core/timestamps.h"
#include "core/webhookservice.h"
#include "server/jsonbody.h"
#include "server/queryparams.h"
#include "server/router.h"
#include "server/routes.h"
#include "server/webhookdispatcher.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

/// The secret is never shown: only whether there is one.
QJsonObject webhookJson(const Core::Webhook &w)
{
    return {{u"id"_s, w.id.toString()},
            {u"url"_s, w.url},
            {u"events"_s, QJsonArray::fromStringList(w.events)},
            {u"hasSecret"_s, !w.secret.isEmpty()},
            {u"createdAt"_s, Core::toTimestamp(w.createdAt)}};
}

void writeDelivery(Core::JsonWriter &json, const Core::WebhookDelivery &d)
{
    json.beginObject();
    json.key("id"_L1).value(d.id.toString());
    json.key("webhookId"_L1).value(d.webhookId.toString());
    json.key("event"_L1).value(d.event);
    json.key("status"_L1).value(Core::wireName(d.status));
    json.key("attempts"_L1).value(d.attempts);
    json.key("lastStatusCode"_L1);
    if (d.lastStatusCode)
        json.value(*d.lastStatusCode);
    else
        json.null();
    json.key("lastError"_L1).value(d.lastError);
    json.key("nextAttemptAt"_L1);
    if (d.status == Core::DeliveryStatus::Pending)
        json.value(Core::toTimestamp(d.nextAttemptAt));
    else
        json.null();
    json.key("createdAt"_L1).value(Core::toTimestamp(d.createdAt));
    json.key("deliveredAt"_L1);
    if (d.deliveredAt.isValid())
        json.value(Core::toTimestamp(d.deliveredAt));
    else
        json.null();
    json.key("payload"_L1).raw(d.body);
    json.endObject();
}

} // namespace

void addWebhookRoutes(Router &router,
                      Core::WebhookService &webhooks,
                      WebhookDispatcher &dispatcher,
                      QObject *context)
{
    router.add("POST",
               u"/api/webhooks"_s,
               u"Subscribe a URL to events (url, events, secret)"_s,
               [&webhooks, context](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   auto url = body->requiredString(u"url"_s);
                   if (!url)
                       return responder.sendError(url.error());
                   auto events = body->stringList(u"events"_s);
                   if (!events)
                       return responder.sendError(events.error());
                   if (!*events)
                       return responder.sendError(Core::Error::validation(
                           u"events"_s, u"is required: a list of event names (or [\"*\"])"_s));
                   auto secret = body->string(u"secret"_s);
                   if (!secret)
                       return responder.sendError(secret.error());
                   webhooks.create(url->trimmed(), **events, secret->value_or(QString()))
                       .then(context, [responder](const Core::Result<Core::Webhook> &created) {
                           if (!created)
                               return responder.sendError(created.error());
                           HttpResponse response
                               = HttpResponse::json(201, successEnvelope(webhookJson(*created)));
                           response.headers.append(
                               {"Location"_ba, "/api/webhooks/" + created->id.toString().toUtf8()});
                           responder.send(response);
                       });
               });

    router.add("GET",
               u"/api/webhooks"_s,
               u"List webhooks"_s,
               [&webhooks, context](const ApiRequest &request, const Responder &responder) {
                   auto page = pageParams(request.http);
                   if (!page)
                       return responder.sendError(page.error());
                   webhooks.list()
                       .then(context,
                             [responder,
                              page = *page](const Core::Result<QList<Core::Webhook>> &all) {
                                 if (!all)
                                     return responder.sendError(all.error());
                                 QJsonArray items;
                                 for (const Core::Webhook &w : all->mid(page.offset(), page.limit))
                                     items.append(webhookJson(w));
                                 responder.sendJson(200,
                                                    pageEnvelope(QJsonDocument(items).toJson(
                                                                     QJsonDocument::Compact),
                                                                 page.page,
                                                                 page.limit,
                                                                 all->size()));
                             });
               });

    router.add("GET",
               u"/api/webhooks/:id"_s,
               u"Get a webhook"_s,
               [&webhooks, context](const ApiRequest &request, const Responder &responder) {
                   webhooks.get(Core::WebhookId(request.param(u"id"_s)))
                       .then(context, [responder](const Core::Result<Core::Webhook> &found) {
                           if (!found)
                               return responder.sendError(found.error());
                           responder.sendJson(200, successEnvelope(webhookJson(*found)));
                       });
               });

    router.add("DELETE",
               u"/api/webhooks/:id"_s,
               u"Delete a webhook and its pending deliveries"_s,
               [&webhooks, context](const ApiRequest &request, const Responder &responder) {
                   webhooks.remove(Core::WebhookId(request.param(u"id"_s)))
                       .then(context, [responder](const Core::Result<Core::Webhook> &removed) {
                           if (!removed)
                               return responder.sendError(removed.error());
                           responder.sendJson(200,
                                              successEnvelope(
                                                  QJsonObject{{u"deleted"_s, true},
                                                              {u"webhookId"_s,
                                                               removed->id.toString()}}));
                       });
               });

    router.add("GET",
               u"/api/webhooks/:id/deliveries"_s,
               u"The webhook's delivery log, newest first"_s,
               [&dispatcher, context](const ApiRequest &request, const Responder &responder) {
                   auto page = pageParams(request.http);
                   if (!page)
                       return responder.sendError(page.error());
                   dispatcher.deliveries(Core::WebhookId(request.param(u"id"_s)), *page)
                       .thenInline([](const Core::Result<Core::Page<Core::WebhookDelivery>> &found)
                                       -> Core::Result<QByteArray> {
                           if (!found)
                               return Core::fail(found.error());
                           Core::JsonWriter json;
                           json.beginArray();
                           for (const Core::WebhookDelivery &d : found->items)
                               writeDelivery(json, d);
                           json.endArray();
                           return pageEnvelope(json.take(), found->page, found->limit, found->total);
                       })
                       .then(context, [responder](const Core::Result<QByteArray> &body) {
                           if (!body)
                               return responder.sendError(body.error());
                           responder.sendJson(200, *body);
                       });
               });
}

} // namespace Server
