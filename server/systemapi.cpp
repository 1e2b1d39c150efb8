// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/version.h"
#include "server/openapi.h"
#include "server/router.h"
#include "server/routes.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Server {

void addSystemRoutes(Router &router, QObject *)
{
    router.add("GET",
               u"/api/health"_s,
               u"Liveness and version"_s,
               [](const ApiRequest &, const Responder &responder) {
                   responder.sendJson(200,
                                      successEnvelope(QJsonObject{{u"status"_s, u"ok"_s},
                                                                  {u"version"_s,
                                                                   QString::fromLatin1(
                                                                       Core::forgedeskVersion)}}));
               });
    // The router is complete by the time these run, so the document covers every route.
    router.add("GET",
               u"/api/openapi.json"_s,
               u"This API as OpenAPI 3.1 (JSON)"_s,
               [&router](const ApiRequest &, const Responder &responder) {
                   responder.sendJson(200,
                                      QJsonDocument(openApiDocument(router))
                                          .toJson(QJsonDocument::Indented));
               });
    router.add("GET",
               u"/api/openapi.yaml"_s,
               u"This API as OpenAPI 3.1 (YAML)"_s,
               [&router](const ApiRequest &, const Responder &responder) {
                   responder.send({200,
                                   {{"Content-Type"_ba, "application/yaml"_ba}},
                                   toYaml(openApiDocument(router))});
               });
}

} // namespace Server
