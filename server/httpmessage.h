// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace Server {

/// Who a request acts for. Set by the server once the access check has passed, before any
/// handler runs.
struct Principal
{
    QString identity; ///< An e-mail address: the API key's identity, else the desktop user's.
    QString apiKeyId; ///< The stored key the request came with ("key_…"); empty without one.
};

/// A complete request, independent of the HTTP library underneath.
struct HttpRequest
{
    QByteArray method;        ///< Upper case, as sent: "GET", "PATCH", …
    QString path;             ///< Percent-decoded path, for logs and messages.
    QStringList pathSegments; ///< Each segment decoded on its own, so "%2F" stays inside one.
    QList<std::pair<QString, QString>> query; ///< Decoded, '+' read as a space, in order.
    QHash<QByteArray, QByteArray> headers;    ///< Lower-case names.
    QByteArray body;
    QHostAddress peer;
    Principal principal;

    [[nodiscard]] QByteArray header(const QByteArray &lowerCaseName) const
    {
        return headers.value(lowerCaseName);
    }
    [[nodiscard]] bool hasQueryItem(const QString &key) const;
    [[nodiscard]] QString queryItem(const QString &key) const;
};

struct HttpResponse
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    [[nodiscard]] static HttpResponse json(int status, QByteArray body);
};

/// "Not Found" for 404 and so on; empty for codes we do not use.
[[nodiscard]] QByteArray reasonPhrase(int status);

/// Splits a raw query string: '&'-separated, '+' as space, percent-decoded.
[[nodiscard]] QList<std::pair<QString, QString>> parseQueryString(const QByteArray &raw);

} // namespace Server
