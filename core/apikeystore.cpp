// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/apikeystore.h"

#include "core/sqlconnection.h"
#include "core/sqlselect.h"
#include "core/sqlvalues.h"
#include "core/timestamps.h"

using namespace Qt::StringLiterals;

namespace Core {
namespace {

constexpr auto columns
    = "id, name, identity, prefix, key_hash, created_at, last_used_at, revoked_at"_L1;

ApiKey keyFrom(const Statement &row)
{
    ApiKey key;
    key.id = ApiKeyId(row.value(0).toString());
    key.name = row.value(1).toString();
    key.identity = row.value(2).toString();
    key.prefix = row.value(3).toString();
    key.keyHash = row.value(4).toString();
    key.createdAt = fromTimestamp(row.value(5).toString());
    key.lastUsedAt = timestampFrom(row.value(6));
    key.revokedAt = timestampFrom(row.value(7));
    return key;
}

Result<int> change(SqlConnection &sql, const QString &text, const QVariantList &values)
{
    auto statement = sql.prepare(text);
    if (!statement)
        return fail(statement.error());
    if (auto ran = run(*statement, values); !ran)
        return fail(ran.error());
    return statement->numRowsAffected();
}

} // namespace

Result<void> ApiKeyStore::insert(SqlConnection &sql, const ApiKey &key)
{
    auto inserted = change(sql,
                           u"INSERT INTO api_keys ("_s + columns
                               + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                           {key.id.toString(),
                            key.name,
                            key.identity,
                            key.prefix,
                            key.keyHash,
                            toTimestamp(key.createdAt),
                            optionalTimestamp(key.lastUsedAt),
                            optionalTimestamp(key.revokedAt)});
    if (!inserted)
        return fail(inserted.error());
    return {};
}

Result<std::optional<ApiKey>> ApiKeyStore::find(SqlConnection &sql, const ApiKeyId &id)
{
    auto rows = selectAll<ApiKey>(sql,
                                  u"SELECT "_s + columns + u" FROM api_keys WHERE id = ?"_s,
                                  {id.toString()},
                                  keyFrom);
    if (!rows)
        return fail(rows.error());
    return rows->isEmpty() ? std::optional<ApiKey>() : std::optional<ApiKey>(rows->first());
}

Result<Page<ApiKey>> ApiKeyStore::list(SqlConnection &sql, const PageRequest &page)
{
    return selectPage<ApiKey>(sql, "api_keys"_L1, columns, {}, {}, page, keyFrom);
}

Result<QList<ApiKey>> ApiKeyStore::active(SqlConnection &sql)
{
    return selectAll<ApiKey>(sql,
                             u"SELECT "_s + columns
                                 + u" FROM api_keys WHERE revoked_at IS NULL "
                                   "ORDER BY created_at, rowid"_s,
                             {},
                             keyFrom);
}

Result<std::optional<ApiKey>> ApiKeyStore::revoke(SqlConnection &sql,
                                                  const ApiKeyId &id,
                                                  const QDateTime &at)
{
    auto changed
        = change(sql,
                 u"UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"_s,
                 {toTimestamp(at), id.toString()});
    if (!changed)
        return fail(changed.error());
    return find(sql, id);
}

Result<void> ApiKeyStore::touch(SqlConnection &sql, const QHash<ApiKeyId, QDateTime> &lastUsed)
{
    for (auto it = lastUsed.cbegin(); it != lastUsed.cend(); ++it) {
        // Never move the time backwards: a batch may land after a later one.
        auto changed
            = change(sql,
                     u"UPDATE api_keys SET last_used_at = ? WHERE id = ? "
                     "AND (last_used_at IS NULL OR last_used_at < ?)"_s,
                     {toTimestamp(it.value()), it.key().toString(), toTimestamp(it.value())});
        if (!changed)
            return fail(changed.error());
    }
    return {};
}

} // namespace Core
