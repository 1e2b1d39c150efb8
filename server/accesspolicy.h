// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "server/httpmessage.h"

#include <QByteArrayList>
#include <QHostAddress>

#include <optional>

namespace Server {

/// Who may talk to the server. Bound to loopback, the Host header must name that loopback
/// address (a DNS-rebinding page sends its own host name) and an Origin, when sent, must be the
/// server's own. Bound elsewhere, every request needs one of the API keys.
class AccessPolicy final
{
public:
    AccessPolicy() = default;
    AccessPolicy(const QHostAddress &address, quint16 port, QByteArrayList apiKeys);

    /// Nothing when the request may proceed; otherwise a Forbidden or Unauthorized error.
    [[nodiscard]] std::optional<Core::Error> check(const HttpRequest &request) const;
    [[nodiscard]] bool requiresApiKey() const { return !m_apiKeys.isEmpty(); }

    [[nodiscard]] static bool isLoopback(const QHostAddress &address);

private:
    [[nodiscard]] bool hostAllowed(const QByteArray &host) const;
    [[nodiscard]] bool originAllowed(const QByteArray &origin, const QByteArray &host) const;
    [[nodiscard]] bool apiKeyAccepted(const QByteArray &authorization) const;

    bool m_loopback = true;
    quint16 m_port = 0;
    QByteArrayList m_hostNames;
    QByteArrayList m_apiKeys;
};

} // namespace Server
