// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace Server {

/// A request body that must be a JSON object, with typed field readers whose errors name the
/// field: absent fields are nullopt, present ones of the wrong type are validation errors.
class JsonBody final
{
public:
    [[nodiscard]] static Core::Result<JsonBody> parse(const QByteArray &body);

    [[nodiscard]] bool has(const QString &key) const { return m_object.contains(key); }

    [[nodiscard]] Core::Result<std::optional<QString>> string(const QString &key) const;
    /// Absent → nullopt; null → an engaged optional holding nullopt.
    [[nodiscard]] Core::Result<std::optional<std::optional<QString>>> nullableString(
        const QString &key) const;
    [[nodiscard]] Core::Result<std::optional<QStringList>> stringList(const QString &key) const;
    [[nodiscard]] Core::Result<QString> requiredString(const QString &key) const;
    [[nodiscard]] Core::Result<std::optional<bool>> boolean(const QString &key) const;
    /// An ISO-8601 timestamp; null gives an invalid QDateTime (to clear a time).
    [[nodiscard]] Core::Result<std::optional<QDateTime>> timestamp(const QString &key) const;
    /// A JSON object kept as it is (metadata).
    [[nodiscard]] Core::Result<std::optional<QJsonObject>> rawObject(const QString &key) const;
    /// A nested object, read with the same rules; field names in errors get the key as prefix.
    [[nodiscard]] Core::Result<std::optional<JsonBody>> object(const QString &key) const;
    [[nodiscard]] Core::Result<std::optional<double>> number(const QString &key) const;
    [[nodiscard]] Core::Result<std::optional<int>> integer(const QString &key,
                                                           int minimum,
                                                           int maximum) const;

    [[nodiscard]] const QJsonObject &json() const { return m_object; }

private:
    explicit JsonBody(QJsonObject object, QString prefix = {})
        : m_object(std::move(object))
        , m_prefix(std::move(prefix))
    {}
    [[nodiscard]] QString field(const QString &key) const { return m_prefix + key; }

    QJsonObject m_object;
    QString m_prefix;
};

/// "string", "number", … for messages about a value of the wrong type.
[[nodiscard]] QString jsonTypeName(const QJsonValue &value);

} // namespace Server
