// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "server/accesspolicy.h"
#include "server/httpconnection.h"
#include "server/ratelimiter.h"
#include "server/router.h"

#include <QHostAddress>
#include <QObject>

#include <memory>
#include <vector>

namespace Core {
class Engine;
}

namespace Server {

class HttpTransport;
class WebSocketHub;
class WebhookDispatcher;

/// The REST + WebSocket server: routes, access checks and the envelope, over one Engine.
class ApiServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    struct Options
    {
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 8887;
        HttpLimits limits;
        /// Keys from the environment (FORGEDESK_API_KEYS), accepted besides the stored ones
        /// (POST /api/api-keys). When there are any, every request needs a key, even on loopback.
        QByteArrayList apiKeys;
        /// Every request needs a key (Authorization: Bearer) even on loopback. A non-loopback
        /// address always requires one; tests use this to play such a server.
        bool requireApiKeys = false;
    };

    explicit ApiServer(Core::Engine &engine, QObject *parent = nullptr);
    ~ApiServer() override;

    /// Starts listening; returns the port (useful with port 0).
    [[nodiscard]] Core::Result<quint16> listen(const Options &options);
    void close();

    [[nodiscard]] QString baseUrl() const;
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] Router &router() { return m_router; }
    [[nodiscard]] const WebSocketHub &webSockets() const { return *m_hub; }
    [[nodiscard]] WebhookDispatcher &webhooks() { return *m_webhooks; }

private:
    void dispatch(const HttpRequest &request, const Responder &responder);
    [[nodiscard]] std::optional<HttpResponse> filterUpgrade(const HttpRequest &request) const;
    /// Replays the requests that came before the stored keys were known.
    void onApiKeysLoaded();
    [[nodiscard]] Principal principalFor(const AccessPolicy::Access &access) const;
    /// Counts the request when rate limiting is on; false when it was refused (answered 429).
    [[nodiscard]] bool admit(const HttpRequest &request,
                             const QStringList &segments,
                             const Responder &responder);

    Core::Engine &m_engine;
    Router m_router;
    AccessPolicy m_policy;
    RateLimiter m_rateLimiter;
    std::vector<std::pair<HttpRequest, Responder>> m_beforeKeysLoaded;
    QString m_baseUrl;
    std::unique_ptr<WebSocketHub> m_hub;
    std::unique_ptr<WebhookDispatcher> m_webhooks;
    HttpTransport *m_transport = nullptr;
};

} // namespace Server
