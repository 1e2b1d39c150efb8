// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/apikeyservice.h"
#include "core/timestamps.h"
#include "server/jsonbody.h"
#include "server/queryparams.h"
#include "server/router.h"
#include "server/routes.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

QJsonValue optionalTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(Core::toTimestamp(time)) : QJsonValue(QJsonValue::Null);
}

/// Never the secret or its hash: the prefix is what tells keys apart.
QJsonObject apiKeyJson(const Core::ApiKey &key)
{
    return {{u"id"_s, key.id.toString()},
            {u"name"_s, key.name},
            {u"identity"_s, key.identity},
            {u"prefix"_s, key.prefix},
            {u"createdAt"_s, Core::toTimestamp(key.createdAt)},
            {u"lastUsedAt"_s, optionalTime(key.lastUsedAt)},
            {u"revokedAt"_s, optionalTime(key.revokedAt)}};
}

void replyWithKey(Core::Future<Core::Result<Core::ApiKey>> future,
                  QObject *context,
                  const Responder &responder)
{
    future.then(context, [responder](const Core::Result<Core::ApiKey> &key) {
        if (!key)
            return responder.sendError(key.error());
        responder.sendJson(200, successEnvelope(apiKeyJson(*key)));
    });
}

} // namespace

void addApiKeyRoutes(Router &router, Core::ApiKeyService &keys, QObject *context)
{
    router.add("POST",
               u"/api/api-keys"_s,
               u"Create an API key (name, email); the key itself is shown only in this answer"_s,
               [&keys, context](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   auto name = body->requiredString(u"name"_s);
                   if (!name)
                       return responder.sendError(name.error());
                   auto email = body->nullableString(u"email"_s);
                   if (!email)
                       return responder.sendError(email.error());
                   keys.create(*name, email->value_or(std::nullopt))
                       .then(context, [responder](const Core::Result<Core::NewApiKey> &created) {
                           if (!created)
                               return responder.sendError(created.error());
                           QJsonObject data = apiKeyJson(created->key);
                           data.insert(u"key"_s, created->secret);
                           HttpResponse response = HttpResponse::json(201, successEnvelope(data));
                           response.headers.append(
                               {"Location"_ba,
                                "/api/api-keys/" + created->key.id.toString().toUtf8()});
                           responder.send(response);
                       });
               });

    router.add("GET",
               u"/api/api-keys"_s,
               u"List API keys, newest first (never the keys themselves)"_s,
               [&keys, context](const ApiRequest &request, const Responder &responder) {
                   auto page = pageParams(request.http);
                   if (!page)
                       return responder.sendError(page.error());
                   keys.list(*page)
                       .then(context,
                             [responder](const Core::Result<Core::Page<Core::ApiKey>> &found) {
                                 if (!found)
                                     return responder.sendError(found.error());
                                 QJsonArray items;
                                 for (const Core::ApiKey &key : found->items)
                                     items.append(apiKeyJson(key));
                                 responder.sendJson(200,
                                                    pageEnvelope(QJsonDocument(items).toJson(
                                                                     QJsonDocument::Compact),
                                                                 found->page,
                                                                 found->limit,
                                                                 found->total));
                             });
               });

    router.add("GET",
               u"/api/api-keys/:id"_s,
               u"Get an API key (never the key itself)"_s,
               [&keys, context](const ApiRequest &request, const Responder &responder) {
                   replyWithKey(keys.get(Core::ApiKeyId(request.param(u"id"_s))),
                                context,
                                responder);
               });

    router.add("DELETE",
               u"/api/api-keys/:id"_s,
               u"Revoke an API key: it is refused from now on"_s,
               [&keys, context](const ApiRequest &request, const Responder &responder) {
                   replyWithKey(keys.revoke(Core::ApiKeyId(request.param(u"id"_s))),
                                context,
                                responder);
               });
}

} // namespace Server
