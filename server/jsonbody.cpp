// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/jsonbody.h"

#include "core/timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

Core::Error wrongType(const QString &key, const QString &expected, const QJsonValue &value)
{
    Core::Error error
        = Core::Error::validation(key, u"must be %1, got %2"_s.arg(expected, jsonTypeName(value)));
    error.details.insert(u"expected"_s, expected);
    return error;
}

} // namespace

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return u"null"_s;
    case QJsonValue::Bool: return u"a boolean"_s;
    case QJsonValue::Double: return u"a number"_s;
    case QJsonValue::String: return u"a string"_s;
    case QJsonValue::Array: return u"an array"_s;
    case QJsonValue::Object: return u"an object"_s;
    case QJsonValue::Undefined: return u"nothing"_s;
    }
    return u"unknown"_s;
}

Core::Result<JsonBody> JsonBody::parse(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return Core::fail(Core::Error::validation(u"body"_s, u"a JSON object is required"_s));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        Core::Error invalid = Core::Error::validation(u"body"_s,
                                                      u"malformed JSON at offset %1: %2"_s
                                                          .arg(error.offset)
                                                          .arg(error.errorString()));
        invalid.details.insert(u"offset"_s, error.offset);
        return Core::fail(invalid);
    }
    if (!document.isObject())
        return Core::fail(Core::Error::validation(u"body"_s, u"must be a JSON object"_s));
    return JsonBody(document.object());
}

Core::Result<std::optional<QString>> JsonBody::string(const QString &key) const
{
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd())
        return std::optional<QString>();
    if (!it->isString())
        return Core::fail(wrongType(field(key), u"a string"_s, *it));
    return std::optional<QString>(it->toString());
}

Core::Result<std::optional<std::optional<QString>>> JsonBody::nullableString(const QString &key) const
{
    using Value = std::optional<std::optional<QString>>;
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd())
        return Value();
    if (it->isNull())
        return Value(std::optional<QString>());
    if (!it->isString())
        return Core::fail(wrongType(field(key), u"a string or null"_s, *it));
    return Value(std::optional<QString>(it->toString()));
}

Core::Result<std::optional<QDateTime>> JsonBody::timestamp(const QString &key) const
{
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd())
        return std::optional<QDateTime>();
    if (it->isNull())
        return std::optional<QDateTime>(QDateTime());
    const QDateTime at = it->isString() ? Core::fromTimestamp(it->toString().trimmed())
                                        : QDateTime();
    if (!at.isValid())
        return Core::fail(
            wrongType(field(key), u"an ISO-8601 timestamp such as 2026-01-15T11:00:00Z"_s, *it));
    return std::optional<QDateTime>(at);
}

Core::Result<std::optional<QJsonObject>> JsonBody::rawObject(const QString &key) const
{
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd() || it->isNull())
        return std::optional<QJsonObject>();
    if (!it->isObject())
        return Core::fail(wrongType(field(key), u"an object"_s, *it));
    return std::optional<QJsonObject>(it->toObject());
}

Core::Result<std::optional<QStringList>> JsonBody::stringList(const QString &key) const
{
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd())
        return std::optional<QStringList>();
    if (!it->isArray())
        return Core::fail(wrongType(field(key), u"an array of strings"_s, *it));
    QStringList list;
    const QJsonArray array = it->toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            return Core::fail(
                wrongType(u"%1[%2]"_s.arg(field(key)).arg(i), u"a string"_s, array.at(i)));
        list.append(array.at(i).toString());
    }
    return std::optional<QStringList>(list);
}

Core::Result<QString> JsonBody::requiredString(const QString &key) const
{
    auto value = string(key);
    if (!value)
        return Core::fail(value.error());
    if (!*value)
        return Core::fail(Core::Error::validation(field(key), u"is required"_s));
    return **value;
}

} // namespace Server

namespace Server {

Core::Result<std::optional<bool>> JsonBody::boolean(const QString &key) const
{
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd())
        return std::optional<bool>();
    if (!it->isBool())
        return Core::fail(wrongType(field(key), u"a boolean"_s, *it));
    return std::optional<bool>(it->toBool());
}

Core::Result<std::optional<JsonBody>> JsonBody::object(const QString &key) const
{
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd() || it->isNull())
        return std::optional<JsonBody>();
    if (!it->isObject())
        return Core::fail(wrongType(field(key), u"an object"_s, *it));
    return std::optional<JsonBody>(JsonBody(it->toObject(), field(key) + u'.'));
}

Core::Result<std::optional<double>> JsonBody::number(const QString &key) const
{
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd() || it->isNull())
        return std::optional<double>();
    if (!it->isDouble())
        return Core::fail(wrongType(field(key), u"a number"_s, *it));
    return std::optional<double>(it->toDouble());
}

Core::Result<std::optional<int>> JsonBody::integer(const QString &key,
                                                   int minimum,
                                                   int maximum) const
{
    auto value = number(key);
    if (!value)
        return Core::fail(value.error());
    if (!*value)
        return std::optional<int>();
    const double number = **value;
    if (number != double(qint64(number)) || number < minimum || number > maximum) {
        return Core::fail(
            Core::Error::validation(field(key),
                                    u"must be a whole number from %1 to %2"_s.arg(minimum).arg(
                                        maximum)));
    }
    return std::optional<int>(int(number));
}

} // namespace Server
