// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/httptransport.h"

#include "server/apienvelope.h"

#include <QHttpServerRequest>
#include <QTcpSocket>
#include <QUrl>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Server {

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{}

void GuardedTcpServer::hookAfterHttpServer()
{
    connect(this, &QTcpServer::newConnection, this, [this] {
        for (const QPointer<QTcpSocket> &socket : m_fresh) {
            if (auto *connection = HttpConnection::of(socket))
                connection->attachAfterReadHook();
        }
        m_fresh.clear();
    });
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // Qt stops reading from the kernel once this much is buffered: a flood cannot grow memory.
    socket->setReadBufferSize(m_limits.maxBodyBytes + m_limits.maxHeadBytes + 64 * 1024);
    new HttpConnection(socket, m_limits);
    m_fresh.emplace_back(socket);
    addPendingConnection(socket);
}

HttpTransport::HttpTransport(const HttpLimits &limits, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_limits(limits)
{
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (hasPendingWebSocketConnections()) {
            auto socket = nextPendingWebSocketConnection();
            if (m_webSocketHandler)
                m_webSocketHandler(std::move(socket));
        }
    });
}

void HttpTransport::setRequestHandler(RequestHandler handler)
{
    m_requestHandler = std::move(handler);
}

void HttpTransport::setWebSocketHandlers(UpgradeFilter filter, WebSocketHandler handler)
{
    m_upgradeFilter = std::move(filter);
    m_webSocketHandler = std::move(handler);
}

Core::Result<quint16> HttpTransport::listenOn(const QHostAddress &address, quint16 port)
{
    auto *server = new GuardedTcpServer(m_limits, this);
    if (!server->listen(address, port)) {
        const QString reason = server->errorString();
        delete server;
        return Core::fail(
            Core::Error{Core::ErrorCode::Unavailable,
                        u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(reason),
                        {}});
    }
    bind(server);
    server->hookAfterHttpServer();
    m_tcpServer = server;
    return server->serverPort();
}

quint16 HttpTransport::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

void HttpTransport::stopListening()
{
    if (m_tcpServer)
        m_tcpServer->close();
}

HttpRequest HttpTransport::convert(const QHttpServerRequest &request, const QByteArray &method)
{
    HttpRequest out;
    out.method = method;
    const QUrl url = request.url();
    const QString encodedPath = url.path(QUrl::FullyEncoded);
    out.path = QUrl::fromPercentEncoding(encodedPath.toUtf8());
    for (const QString &segment : encodedPath.split(u'/', Qt::SkipEmptyParts))
        out.pathSegments.append(QUrl::fromPercentEncoding(segment.toUtf8()));
    out.query = parseQueryString(url.query(QUrl::FullyEncoded).toUtf8());
    for (const auto &[name, value] : request.headers()) {
        const QByteArray key = name.toLower();
        out.headers.insert(key,
                           out.headers.contains(key) ? out.headers.value(key) + ", " + value
                                                     : value);
    }
    out.body = request.body();
    out.peer = request.remoteAddress();
    return out;
}

bool HttpTransport::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    auto *connection = HttpConnection::of(socket);
    const auto head = connection ? connection->takeRequest() : std::nullopt;
    if (!connection || !head) {
        // QHttpServer saw a request our framing did not: never guess, refuse it.
        if (connection)
            connection->rejectAndClose(
                HttpResponse::json(400,
                                   errorEnvelope("BAD_REQUEST"_ba, u"malformed request"_s, {})));
        else
            socket->disconnectFromHost();
        return true;
    }
    HttpRequest converted = convert(request, head->method);

    if (head->upgrade) {
        // QHttpServer 6.4 hands the socket to its WebSocket server when this returns true having
        // written nothing; there is no upgrade verifier before 6.8, so refusals happen here.
        std::optional<HttpResponse> refusal;
        if (converted.header("upgrade").compare("websocket", Qt::CaseInsensitive) != 0
            || !m_webSocketHandler)
            refusal = HttpResponse::json(400,
                                         errorEnvelope("BAD_REQUEST"_ba,
                                                       u"only WebSocket upgrades are served"_s,
                                                       {}));
        else if (m_upgradeFilter)
            refusal = m_upgradeFilter(converted);
        if (refusal) {
            connection->rejectAndClose(*refusal);
            return false;
        }
        connection->detachForUpgrade();
        return true;
    }

    Responder responder(connection, connection->reserve(*head));
    if (m_requestHandler)
        m_requestHandler(converted, responder);
    return true;
}

void HttpTransport::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // Every request is answered in handleRequest (refused upgrades included), so nothing is
    // missing; QHttpServer calls this for a refused upgrade before closing.
}

} // namespace Server
