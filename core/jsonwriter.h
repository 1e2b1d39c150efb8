// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core {

/// Writes compact JSON straight into UTF-8 bytes, keys in the order given. Lists of a hundred
/// tasks are the hot path of the API, log lines that of agent output; building QJsonObjects
/// and QJsonDocument::toJson() for them cost several times more.
class JsonWriter final
{
public:
    explicit JsonWriter(qsizetype reserve = 256) { m_out.reserve(reserve); }

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(QLatin1StringView name);
    JsonWriter &key(const QString &name);

    JsonWriter &value(const QString &text);
    JsonWriter &value(QLatin1StringView text);
    JsonWriter &value(const std::optional<QString> &text); ///< null when unset
    JsonWriter &value(bool flag);
    JsonWriter &value(qint64 number);
    JsonWriter &value(int number) { return value(qint64(number)); }
    JsonWriter &value(const QStringList &list);
    JsonWriter &value(double number); ///< null when not finite, as JSON has no NaN
    JsonWriter &value(const QJsonValue &json);
    JsonWriter &value(const QJsonObject &object);
    JsonWriter &value(const QJsonArray &array);
    /// The members of object, into the object being written.
    JsonWriter &members(const QJsonObject &object);
    JsonWriter &null();
    /// Inserts already-serialised JSON as the next value.
    JsonWriter &raw(const QByteArray &json);

    [[nodiscard]] const QByteArray &bytes() const { return m_out; }
    [[nodiscard]] QByteArray take() { return std::move(m_out); }

private:
    /// size more bytes at the end, to be written through the pointer; capacity grows
    /// geometrically. Cheaper than QByteArray::append's general path, a third of the writer's
    /// time in a task list.
    char *grow(qsizetype size);
    void put(const char *data, qsizetype size);
    void put(char c) { *grow(1) = c; }
    void separate();
    void appendString(QStringView text);

    QByteArray m_out;
    bool m_needComma = false;
};

} // namespace Core
