// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/ids.h"

#include <QRandomGenerator>

namespace Core {

QString generateId(QLatin1StringView prefix)
{
    // 16 characters of base62 carry about 95 bits: collisions are not a concern.
    static constexpr char alphabet[]
        = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static constexpr int idLength = 16;
    QString id;
    id.reserve(prefix.size() + idLength);
    id.append(prefix);
    auto *random = QRandomGenerator::global();
    for (int i = 0; i < idLength; ++i)
        id.append(QLatin1Char(alphabet[random->bounded(int(sizeof(alphabet) - 1))]));
    return id;
}

} // namespace Core
