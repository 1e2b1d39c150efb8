// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/ids.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Core {

struct ApiKeyIdTag
{
    static constexpr QLatin1StringView prefix{"key_"};
};
using ApiKeyId = Id<ApiKeyIdTag>;

/// A credential for the REST and WebSocket API (Authorization: Bearer <secret>). The secret is
/// shown once, when the key is created; only its SHA-256 is kept, so a copy of the database
/// does not let anyone in.
struct ApiKey
{
    static constexpr qsizetype maxNameLength = 100;
    static constexpr QLatin1StringView secretPrefix{"fdk_"};
    static constexpr int secretRandomLength = 32; ///< 192 bits after the prefix.
    static constexpr int displayPrefixLength = 8; ///< "fdk_" and four random characters.

    ApiKeyId id;
    QString name;
    QString identity; ///< Who requests with this key act as (approvals record it).
    QString prefix;   ///< The secret's first characters, to tell keys apart in a list.
    QString keyHash;  ///< Lower-case hex SHA-256 of the secret.
    QDateTime createdAt;
    QDateTime lastUsedAt; ///< Invalid: never used. Recorded at most once a minute.
    QDateTime revokedAt;  ///< Invalid: the key works.

    [[nodiscard]] bool isRevoked() const { return revokedAt.isValid(); }

    /// "fdk_" + 32 URL-safe characters from the system's CSPRNG.
    [[nodiscard]] static QString generateSecret();
    /// Lower-case hex SHA-256 of the secret's bytes, as stored.
    [[nodiscard]] static QString hashOf(QByteArrayView secret);
    /// Checks the name (1..100 characters, one line) and the e-mail address (optional), and
    /// returns the new key's name and identity: the address, else the name.
    [[nodiscard]] static Result<std::pair<QString, QString>> validate(
        const QString &name, const std::optional<QString> &email);
};

/// A key as created: the only time its secret exists outside the client.
struct NewApiKey
{
    ApiKey key;
    QString secret;
};

/// What a presented secret resolves to: enough to name the caller, nothing to look up.
struct ApiKeyGrant
{
    ApiKeyId id;
    QString identity;
};

} // namespace Core
