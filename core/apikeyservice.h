// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/apikey.h"
#include "core/future.h"
#include "core/query.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace Core {

class Database;

/// The stored API keys. Lives on the main thread, where it keeps the hashes of the keys that
/// work in memory, so checking a request's key is a hash lookup and never a database read.
/// The set is loaded once (load()) and kept current by create() and revoke(). When a key was
/// last used is written in the background, at most once a minute per key.
class ApiKeyService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeyService)

public:
    /// A key's last use is recorded again only after this long.
    static constexpr qint64 usageIntervalMs = 60'000;

    explicit ApiKeyService(Database &database, QObject *parent = nullptr);
    ~ApiKeyService() override;

    /// Reads the hashes of the keys that work; emits loaded() when done (also on failure, which
    /// is logged: stored keys then do not work, the configured ones still do).
    void load();
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    /// Whether any stored key works; meaningful once loaded.
    [[nodiscard]] bool hasActiveKeys() const { return !m_active.isEmpty(); }

    /// Validates (name 1..100 characters, email optional: the identity defaults to the name)
    /// and stores a new key; the result carries the secret, which is not kept anywhere.
    [[nodiscard]] Future<Result<NewApiKey>> create(const QString &name,
                                                   const std::optional<QString> &email);
    /// Every key, revoked ones included, newest first.
    [[nodiscard]] Future<Result<Page<ApiKey>>> list(const PageRequest &page);
    /// NotFound if there is no such key.
    [[nodiscard]] Future<Result<ApiKey>> get(const ApiKeyId &id);
    /// Revokes the key: from the moment the future resolves, it is refused. NotFound if unknown.
    [[nodiscard]] Future<Result<ApiKey>> revoke(const ApiKeyId &id);

    /// The working key whose secret this is, and notes its use. Main thread; no I/O.
    [[nodiscard]] std::optional<ApiKeyGrant> authenticate(QByteArrayView secret);
    /// Writes the last-use times noted so far now rather than after the short coalescing delay.
    Future<Result<void>> flushUsage();

Q_SIGNALS:
    void loaded();

private:
    void noteUse(const ApiKeyId &id);

    Database &m_database;
    QHash<QString, ApiKeyGrant> m_active; ///< By key hash.
    QSet<ApiKeyId> m_revoked;             ///< Revoked since load() started: a late load must not
                                          ///< bring them back.
    QHash<ApiKeyId, qint64> m_lastNoted;  ///< Milliseconds since the epoch.
    QHash<ApiKeyId, QDateTime> m_unwritten;
    QTimer m_flushTimer;
    bool m_loaded = false;
};

} // namespace Core
