// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QJsonObject>
#include <QString>

namespace Core {

/// The app's settings, kept as settings.json in the data directory.
struct Settings
{
    static constexpr int defaultMaxConcurrentAttempts = 4;
    int maxConcurrentAttempts = defaultMaxConcurrentAttempts; ///< Beyond it, started attempts wait.

    [[nodiscard]] QJsonObject toJson() const;
    /// Applies the fields object sets; errors name the field.
    [[nodiscard]] Result<void> applyJson(const QJsonObject &object);

    [[nodiscard]] static Result<Settings> load(const QString &path);
    [[nodiscard]] Result<void> save(const QString &path) const;
};

} // namespace Core
