// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/accesspolicy.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

/// Compares digests so the time taken does not reveal how much of a key matched.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    const QByteArray da = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray db = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    unsigned char diff = 0;
    for (qsizetype i = 0; i < da.size(); ++i)
        diff |= static_cast<unsigned char>(da[i] ^ db[i]);
    return diff == 0;
}

} // namespace

AccessPolicy::AccessPolicy(const QHostAddress &address, quint16 port, QByteArrayList apiKeys)
    : m_loopback(isLoopback(address))
    , m_port(port)
    , m_apiKeys(std::move(apiKeys))
{
    m_hostNames = {"localhost"_ba, "127.0.0.1"_ba, "[::1]"_ba};
    const QByteArray bound = address.protocol() == QAbstractSocket::IPv6Protocol
                                 ? '[' + address.toString().toLatin1() + ']'
                                 : address.toString().toLatin1();
    if (!m_hostNames.contains(bound))
        m_hostNames.append(bound);
}

bool AccessPolicy::isLoopback(const QHostAddress &address)
{
    return address.isLoopback();
}

bool AccessPolicy::hostAllowed(const QByteArray &host) const
{
    QByteArray name = host.trimmed().toLower();
    // Split off ":port", minding "[::1]:8887".
    const qsizetype bracket = name.lastIndexOf(']');
    const qsizetype colon = name.lastIndexOf(':');
    if (colon > bracket) {
        bool ok = false;
        const uint port = name.mid(colon + 1).toUInt(&ok);
        if (!ok || port != m_port)
            return false;
        name.truncate(colon);
    }
    return m_hostNames.contains(name);
}

bool AccessPolicy::originAllowed(const QByteArray &origin, const QByteArray &host) const
{
    // Same-origin only: the page must have been served by this very server.
    return origin.compare(QByteArray("http://" + host.trimmed()), Qt::CaseInsensitive) == 0;
}

bool AccessPolicy::apiKeyAccepted(const QByteArray &authorization) const
{
    const QByteArray prefix = "bearer ";
    if (authorization.size() <= prefix.size()
        || authorization.left(prefix.size()).toLower() != prefix)
        return false;
    const QByteArray key = authorization.mid(prefix.size()).trimmed();
    bool accepted = false;
    for (const QByteArray &candidate : m_apiKeys)
        accepted |= sameSecret(key, candidate);
    return accepted;
}

std::optional<Core::Error> AccessPolicy::check(const HttpRequest &request) const
{
    const QByteArray host = request.header("host");
    if (m_loopback && !host.isEmpty() && !hostAllowed(host)) {
        return Core::Error{
            Core::ErrorCode::Forbidden,
            u"Host '%1' is not this server; requests must address it by its loopback address"_s.arg(
                QString::fromLatin1(host.left(100))),
            QJsonObject{{u"header"_s, u"Host"_s}}};
    }
    const QByteArray origin = request.header("origin");
    if (!origin.isEmpty() && !originAllowed(origin, host)) {
        return Core::Error{Core::ErrorCode::Forbidden,
                           u"cross-origin requests are refused (Origin '%1')"_s.arg(
                               QString::fromLatin1(origin.left(100))),
                           QJsonObject{{u"header"_s, u"Origin"_s}}};
    }
    if (!m_apiKeys.isEmpty() && !apiKeyAccepted(request.header("authorization"))) {
        return Core::Error{Core::ErrorCode::Unauthorized,
                           u"an API key is required: send 'Authorization: Bearer <key>'"_s,
                           QJsonObject{{u"header"_s, u"Authorization"_s}}};
    }
    return std::nullopt;
}

} // namespace Server
