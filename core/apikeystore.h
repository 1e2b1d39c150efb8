// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/apikey.h"
#include "core/query.h"

#include <QHash>

namespace Core {

class SqlConnection;

/// SQL for API keys. Runs inside Database jobs.
class ApiKeyStore final
{
public:
    [[nodiscard]] static Result<void> insert(SqlConnection &sql, const ApiKey &key);
    [[nodiscard]] static Result<std::optional<ApiKey>> find(SqlConnection &sql, const ApiKeyId &id);
    /// Every key, revoked ones included, newest first.
    [[nodiscard]] static Result<Page<ApiKey>> list(SqlConnection &sql, const PageRequest &page);
    /// The keys that still work, oldest first.
    [[nodiscard]] static Result<QList<ApiKey>> active(SqlConnection &sql);
    /// Marks the key revoked at `at` (a second revocation keeps the first time) and returns it
    /// as it is now; nullopt if there is no such key.
    [[nodiscard]] static Result<std::optional<ApiKey>> revoke(SqlConnection &sql,
                                                              const ApiKeyId &id,
                                                              const QDateTime &at);
    /// Records when keys were last used; ids that no longer exist are skipped.
    [[nodiscard]] static Result<void> touch(SqlConnection &sql,
                                            const QHash<ApiKeyId, QDateTime> &lastUsed);
};

} // namespace Core
