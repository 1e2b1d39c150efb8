// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/accesspolicy.h"

#include "server/apienvelope.h"

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

AccessPolicy::AccessPolicy(const QHostAddress &address,
                           quint16 port,
                           QByteArrayList configuredKeys,
                           KeyLookup storedKeys,
                           bool requireApiKey)
    : m_loopback(isLoopback(address))
    , m_requireKey(requireApiKey || !m_loopback || !configuredKeys.isEmpty())
    , m_port(port)
    , m_configuredKeys(std::move(configuredKeys))
    , m_storedKeys(std::move(storedKeys))
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

HttpResponse AccessPolicy::refusal(const Core::Error &error)
{
    HttpResponse response = errorResponse(error);
    if (error.code == Core::ErrorCode::Unauthorized) {
        // RFC 6750 §3: a wrong key says invalid_token; a missing one just names the scheme.
        const bool invalid = error.details.value(u"reason"_s).toString() == "invalid"_L1;
        response.headers.append({"WWW-Authenticate"_ba,
                                 invalid ? "Bearer realm=\"forgedesk\", error=\"invalid_token\""_ba
                                         : "Bearer realm=\"forgedesk\""_ba});
    }
    return response;
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

bool AccessPolicy::isConfiguredKey(const QByteArray &key) const
{
    bool accepted = false;
    for (const QByteArray &candidate : m_configuredKeys)
        accepted |= sameSecret(key, candidate);
    return accepted;
}

Core::Result<AccessPolicy::Access> AccessPolicy::authorize(const HttpRequest &request) const
{
    const QByteArray host = request.header("host");
    if (m_loopback && !host.isEmpty() && !hostAllowed(host)) {
        return Core::fail(Core::Error{
            Core::ErrorCode::Forbidden,
            u"Host '%1' is not this server; requests must address it by its loopback address"_s.arg(
                QString::fromLatin1(host.left(100))),
            QJsonObject{{u"header"_s, u"Host"_s}}});
    }
    const QByteArray origin = request.header("origin");
    if (!origin.isEmpty() && !originAllowed(origin, host)) {
        return Core::fail(Core::Error{Core::ErrorCode::Forbidden,
                                      u"cross-origin requests are refused (Origin '%1')"_s.arg(
                                          QString::fromLatin1(origin.left(100))),
                                      QJsonObject{{u"header"_s, u"Origin"_s}}});
    }

    const QByteArray authorization = request.header("authorization").trimmed();
    const QByteArray scheme = "bearer ";
    const bool bearer = authorization.size() > scheme.size()
                        && authorization.left(scheme.size()).toLower() == scheme;
    if (!bearer) {
        if (!m_requireKey)
            return Access{};
        return Core::fail(
            Core::Error{Core::ErrorCode::Unauthorized,
                        u"an API key is required: send 'Authorization: Bearer <key>'"_s,
                        QJsonObject{{u"header"_s, u"Authorization"_s},
                                    {u"reason"_s, u"missing"_s}}});
    }
    const QByteArray key = authorization.mid(scheme.size()).trimmed();
    if (isConfiguredKey(key))
        return Access{Access::Via::ConfiguredKey, {}};
    if (m_storedKeys) {
        if (auto grant = m_storedKeys(key))
            return Access{Access::Via::StoredKey, *grant};
    }
    return Core::fail(
        Core::Error{Core::ErrorCode::Unauthorized,
                    u"the API key is not valid (unknown or revoked)"_s,
                    QJsonObject{{u"header"_s, u"Authorization"_s}, {u"reason"_s, u"invalid"_s}}});
}

std::optional<Core::Error> AccessPolicy::check(const HttpRequest &request) const
{
    auto access = authorize(request);
    if (!access)
        return access.error();
    return std::nullopt;
}

} // namespace Server
