// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/sqlvalues.h"

#include "core/timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Core {

QVariant nullableText(const std::optional<QString> &value)
{
    return value ? QVariant(*value) : QVariant();
}

std::optional<QString> optionalText(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toString();
}

QString stringListToJson(const QStringList &list)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList stringListFromJson(const QString &json)
{
    // The stores write plain arrays of strings; read the common escape-free case directly.
    if (json.size() >= 2 && json.front() == u'[' && json.back() == u']' && !json.contains(u'\\')) {
        QStringList list;
        const QStringView inner = QStringView(json).sliced(1, json.size() - 2).trimmed();
        bool simple = true;
        if (!inner.isEmpty()) {
            for (QStringView part : inner.split(u',')) {
                part = part.trimmed();
                if (part.size() < 2 || part.front() != u'"' || part.back() != u'"'
                    || part.sliced(1, part.size() - 2).contains(u'"')) {
                    simple = false;
                    break;
                }
                list.append(part.sliced(1, part.size() - 2).toString());
            }
        }
        if (simple)
            return list;
    }
    QStringList list;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    list.reserve(array.size());
    for (const QJsonValue &value : array)
        list.append(value.toString());
    return list;
}

QVariant optionalTimestamp(const QDateTime &time)
{
    return time.isValid() ? QVariant(toTimestamp(time)) : QVariant();
}

QDateTime timestampFrom(const QVariant &value)
{
    return value.isNull() ? QDateTime() : fromTimestamp(value.toString());
}

} // namespace Core
