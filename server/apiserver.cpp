// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/apiserver.h"

#include "core/engine.h"
#include "server/apienvelope.h"
#include "server/httptransport.h"
#include "server/routes.h"
#include "server/webhookdispatcher.h"
#include "server/websockethub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

bool isApiPath(const QStringList &segments)
{
    return !segments.isEmpty() && segments.first() == "api"_L1;
}

/// /api/v1/… is the same API as /api/….
QStringList canonicalSegments(QStringList segments)
{
    if (segments.size() >= 2 && segments.at(0) == "api"_L1 && segments.at(1) == "v1"_L1)
        segments.removeAt(1);
    return segments;
}

QByteArray methodList(const QList<QByteArray> &methods)
{
    QByteArrayList names(methods.cbegin(), methods.cend());
    return names.join(", ");
}

} // namespace

ApiServer::ApiServer(Core::Engine &engine, QObject *parent)
    : QObject(parent)
    , m_hub(std::make_unique<WebSocketHub>(engine.events()))
    , m_webhooks(std::make_unique<WebhookDispatcher>(engine.database(), engine.events()))
{
    addSystemRoutes(m_router, this);
    addProjectRoutes(m_router, engine, this);
    addTaskRoutes(m_router, engine, this);
    addAttemptRoutes(m_router, engine, this);
    addDeliveryRoutes(m_router, engine, this);
    addWebhookRoutes(m_router, *m_webhooks, this);
    m_webhooks->start();
}

ApiServer::~ApiServer()
{
    close();
}

Core::Result<quint16> ApiServer::listen(const Options &options)
{
    if (!AccessPolicy::isLoopback(options.address) && options.apiKeys.isEmpty()) {
        return Core::fail(
            Core::Error{Core::ErrorCode::Forbidden,
                        u"refusing to listen on %1 without API keys: a non-loopback address exposes "
                        "the API to the network; set FORGEDESK_API_KEYS"_s.arg(
                            options.address.toString()),
                        {}});
    }
    m_transport = new HttpTransport(options.limits, this);
    m_transport->setRequestHandler([this](const HttpRequest &request, const Responder &responder) {
        dispatch(request, responder);
    });
    m_transport
        ->setWebSocketHandlers([this](const HttpRequest &request) { return filterUpgrade(request); },
                               [this](std::unique_ptr<QWebSocket> socket) {
                                   m_hub->accept(std::move(socket));
                               });
    auto port = m_transport->listenOn(options.address, options.port);
    if (!port) {
        delete m_transport;
        m_transport = nullptr;
        return port;
    }
    m_policy = AccessPolicy(options.address, *port, options.apiKeys);
    const QString host = options.address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + options.address.toString() + u']'
                             : options.address.toString();
    m_baseUrl = u"http://%1:%2"_s.arg(host).arg(*port);
    return port;
}

void ApiServer::close()
{
    if (m_transport)
        m_transport->stopListening();
    if (m_hub)
        m_hub->closeAll();
}

QString ApiServer::baseUrl() const
{
    return m_baseUrl;
}

quint16 ApiServer::port() const
{
    return m_transport ? m_transport->port() : 0;
}

std::optional<HttpResponse> ApiServer::filterUpgrade(const HttpRequest &request) const
{
    if (auto denied = m_policy.check(request))
        return errorResponse(*denied);
    if (request.pathSegments != QStringList{u"ws"_s})
        return errorResponse(Core::Error::notFound(u"WebSocket endpoint"_s, request.path));
    return std::nullopt;
}

void ApiServer::dispatch(const HttpRequest &request, const Responder &responder)
{
    if (auto denied = m_policy.check(request))
        return responder.sendError(*denied);

    const QStringList segments = canonicalSegments(request.pathSegments);
    const Router::Match match = m_router.match(request.method, segments);
    if (match.route)
        return match.route->handler(ApiRequest{request, match.params}, responder);

    if (request.method == "OPTIONS" && !match.allowedMethods.isEmpty()) {
        HttpResponse response{204,
                              {{"Allow"_ba,
                                methodList(match.allowedMethods + QList<QByteArray>{"OPTIONS"})}},
                              {}};
        return responder.send(response);
    }
    if (!match.allowedMethods.isEmpty()) {
        HttpResponse response = errorResponse(
            Core::Error{Core::ErrorCode::MethodNotAllowed,
                        u"%1 is not allowed on %2; use %3"_s.arg(QString::fromLatin1(request.method),
                                                                 request.path,
                                                                 QString::fromLatin1(methodList(
                                                                     match.allowedMethods))),
                        QJsonObject{{u"allowed"_s,
                                     QString::fromLatin1(methodList(match.allowedMethods))}}});
        response.headers.append({"Allow"_ba, methodList(match.allowedMethods)});
        return responder.send(response);
    }
    if (isApiPath(segments)) {
        return responder.sendError(
            Core::Error{Core::ErrorCode::NotFound,
                        u"no API route %1 %2"_s.arg(QString::fromLatin1(request.method),
                                                    request.path),
                        QJsonObject{{u"path"_s, request.path}}});
    }
    // Outside /api the Draft-compatible API will live; it speaks FastAPI's error shape.
    responder.sendJson(404,
                       QJsonDocument(QJsonObject{{u"detail"_s, u"Not Found"_s}})
                           .toJson(QJsonDocument::Compact));
}

} // namespace Server
