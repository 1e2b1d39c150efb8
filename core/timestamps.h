// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QDateTime>
#include <QString>

namespace Core {

/// The current time in UTC, truncated to milliseconds (what we store).
[[nodiscard]] QDateTime nowUtc();
/// ISO-8601 UTC with milliseconds and "Z": "2026-01-15T10:30:00.123Z". Sorts as text.
[[nodiscard]] QString toTimestamp(const QDateTime &time);
/// Parses what toTimestamp writes (and any ISO-8601 with an offset); invalid on failure.
[[nodiscard]] QDateTime fromTimestamp(const QString &text);

} // namespace Core
