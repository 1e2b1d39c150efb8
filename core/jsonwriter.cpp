// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/jsonwriter.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace Core {

char *JsonWriter::grow(qsizetype size)
{
    const qsizetype at = m_out.size();
    if (m_out.capacity() - at < size)
        m_out.reserve(std::max(m_out.capacity() * 2, at + size));
    m_out.resize(at + size);
    return m_out.data() + at;
}

void JsonWriter::put(const char *data, qsizetype size)
{
    std::memcpy(grow(size), data, size_t(size));
}

void JsonWriter::separate()
{
    if (m_needComma)
        put(',');
    m_needComma = true;
}

JsonWriter &JsonWriter::beginObject()
{
    separate();
    put('{');
    m_needComma = false;
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    put('}');
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    separate();
    put('[');
    m_needComma = false;
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    put(']');
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::key(QLatin1StringView name)
{
    separate();
    char *out = grow(name.size() + 3);
    *out++ = '"';
    std::memcpy(out, name.data(), size_t(name.size()));
    out += name.size();
    *out++ = '"';
    *out = ':';
    m_needComma = false;
    return *this;
}

JsonWriter &JsonWriter::key(const QString &name)
{
    separate();
    appendString(name);
    put(':');
    m_needComma = false;
    return *this;
}

void JsonWriter::appendString(QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    // Encode UTF-16 to UTF-8 and escape in one pass, straight into the output buffer.
    char *out = grow(text.size() * 6 + 2);
    *out++ = '"';
    const char16_t *p = text.utf16();
    const char16_t *end = p + text.size();
    while (p < end) {
        char32_t c = *p++;
        if (c < 0x80) {
            if (c >= 0x20 && c != '"' && c != '\\') {
                *out++ = char(c);
                continue;
            }
            *out++ = '\\';
            switch (c) {
            case '"': *out++ = '"'; break;
            case '\\': *out++ = '\\'; break;
            case '\n': *out++ = 'n'; break;
            case '\r': *out++ = 'r'; break;
            case '\t': *out++ = 't'; break;
            case '\b': *out++ = 'b'; break;
            case '\f': *out++ = 'f'; break;
            default:
                *out++ = 'u';
                *out++ = '0';
                *out++ = '0';
                *out++ = hex[c >> 4];
                *out++ = hex[c & 0xf];
            }
            continue;
        }
        if (QChar::isHighSurrogate(c) && p < end && QChar::isLowSurrogate(*p))
            c = QChar::surrogateToUcs4(char16_t(c), *p++);
        else if (QChar::isSurrogate(c))
            c = 0xfffd; // a lone surrogate cannot be encoded; JSON parsers would reject it
        if (c < 0x800) {
            *out++ = char(0xc0 | (c >> 6));
        } else if (c < 0x10000) {
            *out++ = char(0xe0 | (c >> 12));
            *out++ = char(0x80 | ((c >> 6) & 0x3f));
        } else {
            *out++ = char(0xf0 | (c >> 18));
            *out++ = char(0x80 | ((c >> 12) & 0x3f));
            *out++ = char(0x80 | ((c >> 6) & 0x3f));
        }
        *out++ = char(0x80 | (c & 0x3f));
    }
    *out++ = '"';
    m_out.truncate(out - m_out.constData());
}

JsonWriter &JsonWriter::value(const QString &text)
{
    separate();
    appendString(text);
    return *this;
}

JsonWriter &JsonWriter::value(QLatin1StringView text)
{
    return value(QString(text));
}

JsonWriter &JsonWriter::value(const std::optional<QString> &text)
{
    return text ? value(*text) : null();
}

JsonWriter &JsonWriter::value(bool flag)
{
    separate();
    if (flag)
        put("true", 4);
    else
        put("false", 5);
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number)
{
    separate();
    char buffer[24];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
    put(buffer, error == std::errc() ? end - buffer : 0);
    return *this;
}

JsonWriter &JsonWriter::value(const QStringList &list)
{
    beginArray();
    for (const QString &item : list)
        value(item);
    return endArray();
}

JsonWriter &JsonWriter::value(double number)
{
    if (!std::isfinite(number))
        return null();
    // Whole numbers as integers ("3", not "3.0"), the rest with the shortest exact form.
    if (std::abs(number) < 9007199254740992.0 && number == std::trunc(number))
        return value(qint64(number));
    separate();
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
    put(buffer, error == std::errc() ? end - buffer : 0);
    return *this;
}

JsonWriter &JsonWriter::value(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: return null();
    case QJsonValue::Bool: return value(json.toBool());
    case QJsonValue::Double:
        if (json.isDouble() && json.toDouble() == double(json.toInteger()))
            return value(json.toInteger());
        return value(json.toDouble());
    case QJsonValue::String: return value(json.toString());
    case QJsonValue::Array: return value(json.toArray());
    case QJsonValue::Object: return value(json.toObject());
    }
    return null();
}

JsonWriter &JsonWriter::value(const QJsonObject &object)
{
    beginObject();
    members(object);
    return endObject();
}

JsonWriter &JsonWriter::members(const QJsonObject &object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        key(it.key());
        value(it.value());
    }
    return *this;
}

JsonWriter &JsonWriter::value(const QJsonArray &array)
{
    beginArray();
    for (const QJsonValue &item : array)
        value(item);
    return endArray();
}

JsonWriter &JsonWriter::null()
{
    separate();
    put("null", 4);
    return *this;
}

JsonWriter &JsonWriter::raw(const QByteArray &json)
{
    separate();
    put(json.constData(), json.size());
    return *this;
}

} // namespace Core
