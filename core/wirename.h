// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

// Internal to core: reading enums back from their wire names.

#include <QString>

#include <cstddef>
#include <optional>

namespace Core {

/// The value of all whose wireName() is text, if any.
template<typename E, std::size_t N>
std::optional<E> fromWireName(const QString &text, const E (&all)[N])
{
    for (E value : all) {
        if (wireName(value) == text)
            return value;
    }
    return std::nullopt;
}

} // namespace Core
