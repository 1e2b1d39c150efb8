// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "server/httpconnection.h"
#include "server/responder.h"

#include <QAbstractHttpServer>
#include <QTcpServer>

#include <functional>
#include <memory>
#include <vector>

class QWebSocket;

namespace Server {

/// Our own listening socket: every accepted connection gets an HttpConnection guard and a read
/// buffer bounded by the request-size cap before QHttpServer sees a byte.
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)

public:
    explicit GuardedTcpServer(const HttpLimits &limits, QObject *parent = nullptr);
    /// Call after QAbstractHttpServer::bind(): our hook must run after its newConnection handler.
    void hookAfterHttpServer();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpLimits m_limits;
    std::vector<QPointer<QTcpSocket>> m_fresh;
};

/// The only class that touches QtHttpServer types: it turns QHttpServerRequest into our
/// HttpRequest and hands WebSocket upgrades over. A later Qt (6.8 changed handleRequest and
/// friends) means changing this file only.
class HttpTransport final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpTransport)

public:
    using RequestHandler = std::function<void(const HttpRequest &, const Responder &)>;
    /// Returns an error response to refuse an upgrade, or nothing to accept it.
    using UpgradeFilter = std::function<std::optional<HttpResponse>(const HttpRequest &)>;
    using WebSocketHandler = std::function<void(std::unique_ptr<QWebSocket>)>;

    explicit HttpTransport(const HttpLimits &limits, QObject *parent = nullptr);

    void setRequestHandler(RequestHandler handler);
    void setWebSocketHandlers(UpgradeFilter filter, WebSocketHandler handler);

    /// Listens on address:port (0 picks one); returns the port.
    [[nodiscard]] Core::Result<quint16> listenOn(const QHostAddress &address, quint16 port);
    [[nodiscard]] quint16 port() const;
    void stopListening();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    [[nodiscard]] static HttpRequest convert(const QHttpServerRequest &request,
                                             const QByteArray &method);

    HttpLimits m_limits;
    GuardedTcpServer *m_tcpServer = nullptr;
    RequestHandler m_requestHandler;
    UpgradeFilter m_upgradeFilter;
    WebSocketHandler m_webSocketHandler;
};

} // namespace Server
