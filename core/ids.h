// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QHashFunctions>
#include <QString>

namespace Core {

/// Random URL-safe characters after a type prefix ("task_3fZ…").
[[nodiscard]] QString generateId(QLatin1StringView prefix);

/// A typed identifier, so a TaskId can never be passed where a ProjectId is meant.
template<typename Tag>
class Id
{
public:
    Id() = default;
    explicit Id(QString value)
        : m_value(std::move(value))
    {}

    [[nodiscard]] static Id generate() { return Id(generateId(Tag::prefix)); }

    [[nodiscard]] const QString &toString() const { return m_value; }
    [[nodiscard]] bool isNull() const { return m_value.isEmpty(); }

    friend bool operator==(const Id &, const Id &) = default;
    friend size_t qHash(const Id &id, size_t seed = 0) noexcept { return qHash(id.m_value, seed); }

private:
    QString m_value;
};

struct ProjectIdTag
{
    static constexpr QLatin1StringView prefix{"proj_"};
};
struct TaskIdTag
{
    static constexpr QLatin1StringView prefix{"task_"};
};
struct AttemptIdTag
{
    static constexpr QLatin1StringView prefix{"attempt_"};
};

using ProjectId = Id<ProjectIdTag>;
using TaskId = Id<TaskIdTag>;
using AttemptId = Id<AttemptIdTag>;

} // namespace Core
