// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/httpmessage.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace Server {

bool HttpRequest::hasQueryItem(const QString &key) const
{
    return std::any_of(query.cbegin(), query.cend(), [&](const auto &item) {
        return item.first == key;
    });
}

QString HttpRequest::queryItem(const QString &key) const
{
    for (const auto &[name, value] : query) {
        if (name == key)
            return value;
    }
    return {};
}

HttpResponse HttpResponse::json(int status, QByteArray body)
{
    return {status, {{"Content-Type"_ba, "application/json"_ba}}, std::move(body)};
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue"_ba;
    case 101: return "Switching Protocols"_ba;
    case 200: return "OK"_ba;
    case 201: return "Created"_ba;
    case 202: return "Accepted"_ba;
    case 204: return "No Content"_ba;
    case 400: return "Bad Request"_ba;
    case 401: return "Unauthorized"_ba;
    case 403: return "Forbidden"_ba;
    case 404: return "Not Found"_ba;
    case 405: return "Method Not Allowed"_ba;
    case 408: return "Request Timeout"_ba;
    case 409: return "Conflict"_ba;
    case 411: return "Length Required"_ba;
    case 413: return "Payload Too Large"_ba;
    case 414: return "URI Too Long"_ba;
    case 422: return "Unprocessable Entity"_ba;
    case 429: return "Too Many Requests"_ba;
    case 431: return "Request Header Fields Too Large"_ba;
    case 500: return "Internal Server Error"_ba;
    case 502: return "Bad Gateway"_ba;
    case 503: return "Service Unavailable"_ba;
    case 505: return "HTTP Version Not Supported"_ba;
    default: return {};
    }
}

QList<std::pair<QString, QString>> parseQueryString(const QByteArray &raw)
{
    QList<std::pair<QString, QString>> items;
    for (QByteArray part : raw.split('&')) {
        if (part.isEmpty())
            continue;
        part.replace('+', ' ');
        const qsizetype equals = part.indexOf('=');
        const QByteArray key = equals < 0 ? part : part.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : part.mid(equals + 1);
        items.append({QUrl::fromPercentEncoding(key), QUrl::fromPercentEncoding(value)});
    }
    return items;
}

} // namespace Server
