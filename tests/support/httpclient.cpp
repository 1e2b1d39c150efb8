// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/support/httpclient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>

namespace Test {
namespace {

template<typename Done>
void spinUntil(Done done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

} // namespace

HttpReply HttpClient::send(const QByteArray &method,
                           const QString &path,
                           const QByteArray &body,
                           const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(QUrl(m_baseUrl + path));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    // A custom "HEAD" verb would make Qt wait for a body that never comes.
    QNetworkReply *reply = method == "HEAD" ? m_manager.head(request)
                                            : m_manager.sendCustomRequest(request, method, body);
    spinUntil([reply] { return reply->isFinished(); }, 15000);
    HttpReply result;
    if (reply->isFinished()) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return result;
}

RawClient::RawClient(quint16 port)
    : m_socket(new QTcpSocket)
{
    QObject::connect(m_socket, &QTcpSocket::readyRead, m_socket, [this] {
        m_buffer += m_socket->readAll();
    });
    QObject::connect(m_socket, &QTcpSocket::disconnected, m_socket, [this] { m_closed = true; });
    m_socket->connectToHost(QStringLiteral("127.0.0.1"), port);
    spinUntil([this] { return m_socket->state() == QAbstractSocket::ConnectedState; }, 5000);
}

RawClient::~RawClient()
{
    m_socket->abort();
    delete m_socket;
}

bool RawClient::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void RawClient::write(const QByteArray &bytes)
{
    m_socket->write(bytes);
    m_socket->flush();
}

QByteArray RawClient::readUntilClosed(int timeoutMs)
{
    spinUntil([this] { return m_closed; }, timeoutMs);
    return m_buffer;
}

QByteArray RawClient::readUntil(const QByteArray &marker, int timeoutMs)
{
    spinUntil([this, &marker] { return m_buffer.contains(marker) || m_closed; }, timeoutMs);
    return m_buffer;
}

} // namespace Test
