// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QString>

#include <utility>

namespace Test {

struct HttpReply
{
    int status = 0; ///< 0: no answer (connection failed or timed out).
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< Lower-case names.

    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    [[nodiscard]] QJsonObject data() const
    {
        return json().value(QStringLiteral("data")).toObject();
    }
    [[nodiscard]] QJsonArray dataArray() const
    {
        return json().value(QStringLiteral("data")).toArray();
    }
    [[nodiscard]] QString errorCode() const
    {
        return json()
            .value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }
    [[nodiscard]] QString errorField() const
    {
        return json()
            .value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("details"))
            .toObject()
            .value(QStringLiteral("field"))
            .toString();
    }
};

/// A real HTTP client (QNetworkAccessManager) for tests; waits for each reply while keeping this
/// thread's event loop (and so an in-process server) running.
class HttpClient final
{
public:
    explicit HttpClient(QString baseUrl)
        : m_baseUrl(std::move(baseUrl))
    {}

    HttpReply send(const QByteArray &method,
                   const QString &path,
                   const QByteArray &body = {},
                   const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    HttpReply get(const QString &path) { return send("GET", path); }
    HttpReply del(const QString &path) { return send("DELETE", path); }
    HttpReply post(const QString &path, const QJsonObject &body)
    {
        return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    HttpReply patch(const QString &path, const QJsonObject &body)
    {
        return send("PATCH", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

private:
    QString m_baseUrl;
    QNetworkAccessManager m_manager;
};

/// A bare TCP client for what a polite client never sends: garbage, stalls, pipelines.
class RawClient final
{
public:
    RawClient(quint16 port);
    ~RawClient();
    bool isConnected() const;
    void write(const QByteArray &bytes);
    /// Waits until the peer closed the connection or timeoutMs passed; returns all bytes read.
    QByteArray readUntilClosed(int timeoutMs = 5000);
    /// Waits until at least count bytes or the given marker arrived.
    QByteArray readUntil(const QByteArray &marker, int timeoutMs = 5000);
    bool wasClosedByPeer() const { return m_closed; }

private:
    class QTcpSocket *m_socket;
    QByteArray m_buffer;
    bool m_closed = false;
};

} // namespace Test
