// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Core {

class SqlConnection;

struct Migration
{
    int version = 0;
    QString description;
    std::function<Result<void>(SqlConnection &)> apply;
};

/// Every schema step, oldest first. Versions are consecutive from 1.
[[nodiscard]] const QList<Migration> &migrations();
[[nodiscard]] int latestSchemaVersion();

/// Brings the database to the latest version (or upTo), one transaction per step. Refuses a
/// database written by a newer Forgedesk. Returns the resulting version.
[[nodiscard]] Result<int> migrate(SqlConnection &connection, std::optional<int> upTo = std::nullopt);

} // namespace Core
