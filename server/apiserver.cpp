// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/apiserver.h"

#include "core/apikeyservice.h"
#include "core/engine.h"
#include "server/apienvelope.h"
#include "server/httptransport.h"
#include "server/routes.h"
#include "server/webhookdispatcher.h"
#include "server/websockethub.h"

#include <QDateTime>
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

/// Requests that arrive in the moment before the stored keys are known wait; beyond this many
/// they are turned away.
constexpr std::size_t maxWaitingForKeys = 1000;

Core::Error keysLoading()
{
    return Core::Error{Core::ErrorCode::Unavailable,
                       u"the server is starting (loading API keys); retry"_s,
                       {}};
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
    , m_engine(engine)
    , m_hub(std::make_unique<WebSocketHub>(engine.events()))
    , m_webhooks(std::make_unique<WebhookDispatcher>(engine.database(), engine.events()))
{
    addSystemRoutes(m_router, this);
    addProjectRoutes(m_router, engine, this);
    addTaskRoutes(m_router, engine, this);
    addAttemptRoutes(m_router, engine, this);
    addDeliveryRoutes(m_router, engine, this);
    addWebhookRoutes(m_router, engine.webhooks(), *m_webhooks, this);
    addDraftRoutes(m_router, engine.drafts(), this);
    addApprovalRoutes(m_router, engine.approvals(), this);
    addApiKeyRoutes(m_router, engine.apiKeys(), this);
    m_webhooks->start();
    connect(&engine.apiKeys(), &Core::ApiKeyService::loaded, this, &ApiServer::onApiKeysLoaded);
}

ApiServer::~ApiServer()
{
    close();
}

Core::Result<quint16> ApiServer::listen(const Options &options)
{
    Core::ApiKeyService &storedKeys = m_engine.apiKeys();
    const bool keysRequired = options.requireApiKeys || !AccessPolicy::isLoopback(options.address);
    // Keys that cannot be known yet count as none: the caller waits for ApiKeyService::loaded()
    // before listening where it matters (app/main.cpp does).
    if (keysRequired && options.apiKeys.isEmpty()
        && !(storedKeys.isLoaded() && storedKeys.hasActiveKeys())) {
        return Core::fail(Core::Error{
            Core::ErrorCode::Forbidden,
            u"refusing to listen on %1 without API keys: a non-loopback address exposes the API "
            "to the network; set FORGEDESK_API_KEYS or create a key (POST /api/api-keys) while "
            "bound to loopback"_s.arg(options.address.toString()),
            {}});
    }
    m_transport = new HttpTransport(options.limits, this);
    m_transport->setRequestHandler([this](const HttpRequest &request, const Responder &responder) {
        dispatch(request, responder);
    });
    m_transport->setWebSocketHandlers(
        [this](const HttpRequest &request) { return filterUpgrade(request); },
        [this](std::unique_ptr<QWebSocket> socket) {
            // ws/projects/:id/drafts was let through by filterUpgrade.
            const QStringList path = socket->requestUrl().path().split(u'/', Qt::SkipEmptyParts);
            if (path.size() == 4 && path.at(1) == "projects"_L1)
                m_hub->acceptProjectDrafts(std::move(socket), path.at(2));
            else
                m_hub->accept(std::move(socket));
        });
    auto port = m_transport->listenOn(options.address, options.port);
    if (!port) {
        delete m_transport;
        m_transport = nullptr;
        return port;
    }
    m_policy = AccessPolicy(
        options.address,
        *port,
        options.apiKeys,
        [&storedKeys](QByteArrayView secret) { return storedKeys.authenticate(secret); },
        options.requireApiKeys);
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
    // An upgrade cannot wait like a request: one that needs the stored keys before they are
    // known is told to come back.
    if (!m_engine.apiKeys().isLoaded() && !request.header("authorization").isEmpty()) {
        HttpResponse busy = errorResponse(keysLoading());
        busy.headers.append({"Retry-After"_ba, "1"_ba});
        return busy;
    }
    if (auto denied = m_policy.check(request))
        return AccessPolicy::refusal(*denied);
    const QStringList &path = request.pathSegments;
    const bool drafts = path.size() == 4 && path.at(0) == "ws"_L1 && path.at(1) == "projects"_L1
                        && path.at(3) == "drafts"_L1 && !path.at(2).isEmpty();
    if (path != QStringList{u"ws"_s} && !drafts)
        return errorResponse(Core::Error::notFound(u"WebSocket endpoint"_s, request.path));
    return std::nullopt;
}

void ApiServer::onApiKeysLoaded()
{
    const auto waiting = std::exchange(m_beforeKeysLoaded, {});
    for (const auto &[request, responder] : waiting)
        dispatch(request, responder);
}

Principal ApiServer::principalFor(const AccessPolicy::Access &access) const
{
    if (access.via == AccessPolicy::Access::Via::StoredKey)
        return Principal{access.key.identity, access.key.id.toString()};
    // Without a stored key (none, or one from FORGEDESK_API_KEYS, which names nobody) the
    // request acts for the person at the desktop.
    return Principal{m_engine.desktopIdentity(), {}};
}

bool ApiServer::admit(const HttpRequest &request,
                      const QStringList &segments,
                      const Responder &responder)
{
    const int limit = m_engine.settings().rateLimitPerMinute;
    // The health check stays free, so monitoring never eats into a client's budget.
    if (limit <= 0 || !isApiPath(segments) || segments == QStringList{u"api"_s, u"health"_s})
        return true;
    const QString client = request.principal.apiKeyId.isEmpty()
                               ? u"peer:"_s + request.peer.toString()
                               : u"key:"_s + request.principal.apiKeyId;
    const RateLimiter::Decision decision = m_rateLimiter.hit(client,
                                                             limit,
                                                             QDateTime::currentMSecsSinceEpoch());
    responder.addHeaders(RateLimiter::headers(decision));
    if (decision.allowed)
        return true;
    responder.sendError(
        Core::Error{Core::ErrorCode::RateLimited,
                    u"too many requests: at most %1 a minute; retry in %2 s"_s.arg(limit).arg(
                        decision.retryAfterSeconds),
                    QJsonObject{{u"limit"_s, limit},
                                {u"retryAfter"_s, decision.retryAfterSeconds}}});
    return false;
}

void ApiServer::dispatch(const HttpRequest &incoming, const Responder &responder)
{
    if (!m_engine.apiKeys().isLoaded()) {
        if (m_beforeKeysLoaded.size() >= maxWaitingForKeys)
            return responder.sendError(keysLoading());
        m_beforeKeysLoaded.emplace_back(incoming, responder);
        return;
    }
    auto access = m_policy.authorize(incoming);
    if (!access)
        return responder.send(AccessPolicy::refusal(access.error()));
    HttpRequest request = incoming;
    request.principal = principalFor(*access);

    const QStringList segments = canonicalSegments(request.pathSegments);
    if (!admit(request, segments, responder))
        return;
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
