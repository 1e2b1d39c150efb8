// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QDateTime>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace Core {

/// Conversions between model values and what the stores keep in SQLite columns.
[[nodiscard]] QVariant nullableText(const std::optional<QString> &value);
[[nodiscard]] std::optional<QString> optionalText(const QVariant &value);
[[nodiscard]] QString stringListToJson(const QStringList &list);
[[nodiscard]] QStringList stringListFromJson(const QString &json);
/// A timestamp column that may be NULL: an invalid QDateTime is stored as NULL, and read back.
[[nodiscard]] QVariant optionalTimestamp(const QDateTime &time);
[[nodiscard]] QDateTime timestampFrom(const QVariant &value);

} // namespace Core
