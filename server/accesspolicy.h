// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/apikey.h"
#include "core/error.h"
#include "server/httpmessage.h"

#include <QByteArrayList>
#include <QHostAddress>

#include <functional>
#include <optional>

namespace Server {

/// Who may talk to the server. Bound to loopback, the Host header must name that loopback
/// address (a DNS-rebinding page sends its own host name) and an Origin, when sent, must be the
/// server's own. Bound elsewhere, every request needs an API key: one of the configured ones
/// (FORGEDESK_API_KEYS) or a stored one that is not revoked. On loopback a key is optional, but
/// one that is sent must be valid: a script with a revoked key learns so at once.
class AccessPolicy final
{
public:
    /// Finds the stored key a secret belongs to (main thread, no I/O; see Core::ApiKeyService).
    using KeyLookup = std::function<std::optional<Core::ApiKeyGrant>(QByteArrayView secret)>;

    /// How a request that may proceed identified itself.
    struct Access
    {
        enum class Via { Nothing, ConfiguredKey, StoredKey };
        Via via = Via::Nothing;
        Core::ApiKeyGrant key; ///< For StoredKey.
    };

    AccessPolicy() = default;
    /// Keys are required when address is not loopback, when configuredKeys is not empty (the
    /// operator asked for them) or when requireApiKey says so (tests, and anyone who wants keys
    /// on loopback too).
    AccessPolicy(const QHostAddress &address,
                 quint16 port,
                 QByteArrayList configuredKeys,
                 KeyLookup storedKeys = {},
                 bool requireApiKey = false);

    /// How the request identified itself, or a Forbidden or Unauthorized error.
    [[nodiscard]] Core::Result<Access> authorize(const HttpRequest &request) const;
    /// Nothing when the request may proceed; otherwise the error authorize() gives.
    [[nodiscard]] std::optional<Core::Error> check(const HttpRequest &request) const;
    [[nodiscard]] bool requiresApiKey() const { return m_requireKey; }

    [[nodiscard]] static bool isLoopback(const QHostAddress &address);
    /// The error response for a refusal; 401s carry the WWW-Authenticate challenge.
    [[nodiscard]] static HttpResponse refusal(const Core::Error &error);

private:
    [[nodiscard]] bool hostAllowed(const QByteArray &host) const;
    [[nodiscard]] bool originAllowed(const QByteArray &origin, const QByteArray &host) const;
    [[nodiscard]] bool isConfiguredKey(const QByteArray &key) const;

    bool m_loopback = true;
    bool m_requireKey = false;
    quint16 m_port = 0;
    QByteArrayList m_hostNames;
    QByteArrayList m_configuredKeys;
    KeyLookup m_storedKeys;
};

} // namespace Server
