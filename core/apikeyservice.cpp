// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/apikeyservice.h"

#include "core/apikeystore.h"
#include "core/database.h"
#include "core/logging.h"
#include "core/timestamps.h"

using namespace Qt::StringLiterals;

namespace Core {

ApiKeyService::ApiKeyService(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
    // Uses are coalesced briefly so a burst of requests with several keys is one write.
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(500);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { (void) flushUsage(); });
}

ApiKeyService::~ApiKeyService() = default;

void ApiKeyService::load()
{
    m_database.read([](SqlConnection &sql) { return ApiKeyStore::active(sql); })
        .then(this, [this](const Result<QList<ApiKey>> &keys) {
            if (!keys) {
                qCWarning(lcEngine).noquote() << "API keys:" << keys.error().message;
            } else {
                // Merge rather than replace: keys created or revoked while the read ran are
                // already accounted for.
                for (const ApiKey &key : *keys) {
                    if (!m_revoked.contains(key.id))
                        m_active.insert(key.keyHash, ApiKeyGrant{key.id, key.identity});
                }
            }
            m_loaded = true;
            Q_EMIT loaded();
        });
}

Future<Result<NewApiKey>> ApiKeyService::create(const QString &name,
                                                const std::optional<QString> &email)
{
    auto checked = ApiKey::validate(name, email);
    if (!checked)
        return Future<Result<NewApiKey>>::ready(fail(checked.error()));
    NewApiKey created;
    created.secret = ApiKey::generateSecret();
    created.key.id = ApiKeyId::generate();
    created.key.name = checked->first;
    created.key.identity = checked->second;
    created.key.prefix = created.secret.left(ApiKey::displayPrefixLength);
    created.key.keyHash = ApiKey::hashOf(created.secret.toLatin1());
    created.key.createdAt = nowUtc();
    return m_database
        .write([created](SqlConnection &sql) -> Result<NewApiKey> {
            if (auto inserted = ApiKeyStore::insert(sql, created.key); !inserted)
                return fail(inserted.error());
            return created;
        })
        .then(this, [this](const Result<NewApiKey> &stored) {
            if (stored)
                m_active.insert(stored->key.keyHash,
                                ApiKeyGrant{stored->key.id, stored->key.identity});
            return stored;
        });
}

Future<Result<Page<ApiKey>>> ApiKeyService::list(const PageRequest &page)
{
    return m_database.read([page](SqlConnection &sql) { return ApiKeyStore::list(sql, page); });
}

Future<Result<ApiKey>> ApiKeyService::get(const ApiKeyId &id)
{
    return m_database.read([id](SqlConnection &sql) -> Result<ApiKey> {
        auto found = ApiKeyStore::find(sql, id);
        if (!found)
            return fail(found.error());
        if (!*found)
            return fail(Error::notFound(u"API key"_s, id.toString()));
        return **found;
    });
}

Future<Result<ApiKey>> ApiKeyService::revoke(const ApiKeyId &id)
{
    return m_database
        .write([id](SqlConnection &sql) -> Result<ApiKey> {
            auto revoked = ApiKeyStore::revoke(sql, id, nowUtc());
            if (!revoked)
                return fail(revoked.error());
            if (!*revoked)
                return fail(Error::notFound(u"API key"_s, id.toString()));
            return **revoked;
        })
        .then(this, [this](const Result<ApiKey> &revoked) {
            if (revoked) {
                m_active.remove(revoked->keyHash);
                m_revoked.insert(revoked->id);
                m_lastNoted.remove(revoked->id);
            }
            return revoked;
        });
}

std::optional<ApiKeyGrant> ApiKeyService::authenticate(QByteArrayView secret)
{
    if (m_active.isEmpty() || secret.isEmpty())
        return std::nullopt;
    // Looking the digest up reveals nothing useful through timing: finding a stored hash's
    // neighbours would take preimages of SHA-256.
    const auto found = m_active.constFind(ApiKey::hashOf(secret));
    if (found == m_active.cend())
        return std::nullopt;
    const ApiKeyGrant grant = found.value();
    noteUse(grant.id);
    return grant;
}

void ApiKeyService::noteUse(const ApiKeyId &id)
{
    const QDateTime now = nowUtc();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const auto last = m_lastNoted.constFind(id);
    if (last != m_lastNoted.cend() && nowMs - last.value() < usageIntervalMs)
        return;
    m_lastNoted.insert(id, nowMs);
    m_unwritten.insert(id, now);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

Future<Result<void>> ApiKeyService::flushUsage()
{
    m_flushTimer.stop();
    if (m_unwritten.isEmpty())
        return Future<Result<void>>::ready({});
    const QHash<ApiKeyId, QDateTime> batch = std::exchange(m_unwritten, {});
    return m_database.write([batch](SqlConnection &sql) { return ApiKeyStore::touch(sql, batch); })
        .then(this, [](const Result<void> &written) {
            // Losing a last-used time is harmless; say so and go on.
            if (!written)
                qCWarning(lcEngine).noquote()
                    << "API keys: recording last use:" << written.error().message;
            return written;
        });
}

} // namespace Core
