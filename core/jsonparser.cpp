// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/jsonparser.h"

#include <QJsonArray>

#include <charconv>
#include <cmath>
#include <cstring>

namespace Core {
namespace {

/// Deeper nesting than this is refused instead of risking the stack.
constexpr int maxDepth = 512;

class Parser
{
public:
    explicit Parser(QByteArrayView text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    {}

    std::optional<QJsonValue> document()
    {
        QJsonValue result;
        if (!value(result))
            return std::nullopt;
        skipSpace();
        if (m_p != m_end)
            return std::nullopt;
        return result;
    }

private:
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    bool value(QJsonValue &out)
    {
        skipSpace();
        if (m_p == m_end)
            return false;
        switch (*m_p) {
        case '{': return object(out);
        case '[': return array(out);
        case '"': {
            QString text;
            if (!string(text))
                return false;
            out = QJsonValue(std::move(text));
            return true;
        }
        case 't': return literal("true", QJsonValue(true), out);
        case 'f': return literal("false", QJsonValue(false), out);
        case 'n': return literal("null", QJsonValue(QJsonValue::Null), out);
        default: return number(out);
        }
    }

    bool literal(const char *word, const QJsonValue &meaning, QJsonValue &out)
    {
        const size_t length = std::strlen(word);
        if (size_t(m_end - m_p) < length || std::memcmp(m_p, word, length) != 0)
            return false;
        m_p += length;
        out = meaning;
        return true;
    }

    bool object(QJsonValue &out)
    {
        if (++m_depth > maxDepth)
            return false;
        ++m_p; // {
        QJsonObject object;
        skipSpace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
        } else {
            for (;;) {
                skipSpace();
                if (m_p == m_end || *m_p != '"')
                    return false;
                QString key;
                if (!string(key))
                    return false;
                skipSpace();
                if (m_p == m_end || *m_p != ':')
                    return false;
                ++m_p;
                QJsonValue member;
                if (!value(member))
                    return false;
                object.insert(key, member);
                skipSpace();
                if (m_p == m_end)
                    return false;
                if (*m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (*m_p != '}')
                    return false;
                ++m_p;
                break;
            }
        }
        --m_depth;
        out = QJsonValue(std::move(object));
        return true;
    }

    bool array(QJsonValue &out)
    {
        if (++m_depth > maxDepth)
            return false;
        ++m_p; // [
        QJsonArray array;
        skipSpace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
        } else {
            for (;;) {
                QJsonValue item;
                if (!value(item))
                    return false;
                array.append(item);
                skipSpace();
                if (m_p == m_end)
                    return false;
                if (*m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (*m_p != ']')
                    return false;
                ++m_p;
                break;
            }
        }
        --m_depth;
        out = QJsonValue(std::move(array));
        return true;
    }

    static bool isPlain(char c)
    {
        return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
    }

    static int hexDigit(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    bool hex4(char32_t &code)
    {
        if (m_end - m_p < 4)
            return false;
        code = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hexDigit(m_p[i]);
            if (digit < 0)
                return false;
            code = (code << 4) | char32_t(digit);
        }
        m_p += 4;
        return true;
    }

    static void appendUtf8(QByteArray &out, char32_t c)
    {
        if (c < 0x80) {
            out += char(c);
        } else if (c < 0x800) {
            out += char(0xc0 | (c >> 6));
            out += char(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            out += char(0xe0 | (c >> 12));
            out += char(0x80 | ((c >> 6) & 0x3f));
            out += char(0x80 | (c & 0x3f));
        } else {
            out += char(0xf0 | (c >> 18));
            out += char(0x80 | ((c >> 12) & 0x3f));
            out += char(0x80 | ((c >> 6) & 0x3f));
            out += char(0x80 | (c & 0x3f));
        }
    }

    bool escape(QByteArray &out)
    {
        ++m_p; // backslash
        if (m_p == m_end)
            return false;
        const char c = *m_p++;
        switch (c) {
        case '"': out += '"'; return true;
        case '\\': out += '\\'; return true;
        case '/': out += '/'; return true;
        case 'b': out += '\b'; return true;
        case 'f': out += '\f'; return true;
        case 'n': out += '\n'; return true;
        case 'r': out += '\r'; return true;
        case 't': out += '\t'; return true;
        case 'u': break;
        default: return false;
        }
        char32_t code = 0;
        if (!hex4(code))
            return false;
        if (QChar::isHighSurrogate(code) && m_end - m_p >= 6 && m_p[0] == '\\' && m_p[1] == 'u') {
            const char *mark = m_p;
            m_p += 2;
            char32_t low = 0;
            if (hex4(low) && QChar::isLowSurrogate(low)) {
                code = QChar::surrogateToUcs4(char16_t(code), char16_t(low));
            } else {
                m_p = mark; // not a pair: the second escape is read on its own
            }
        }
        if (QChar::isSurrogate(code))
            code = 0xfffd; // a lone half cannot be represented in UTF-8
        appendUtf8(out, code);
        return true;
    }

    bool string(QString &out)
    {
        ++m_p; // "
        const char *start = m_p;
        while (m_p < m_end && isPlain(*m_p))
            ++m_p;
        if (m_p == m_end)
            return false;
        if (*m_p == '"') {
            out = QString::fromUtf8(start, m_p - start);
            ++m_p;
            return true;
        }
        // Escapes: collect UTF-8, copying the plain runs between them whole.
        QByteArray bytes;
        bytes.reserve((m_p - start) * 2 + 16);
        bytes.append(start, m_p - start);
        for (;;) {
            if (m_p == m_end)
                return false;
            if (*m_p == '"')
                break;
            if (*m_p != '\\')
                return false; // a raw control character
            if (!escape(bytes))
                return false;
            const char *run = m_p;
            while (m_p < m_end && isPlain(*m_p))
                ++m_p;
            bytes.append(run, m_p - run);
        }
        ++m_p;
        out = QString::fromUtf8(bytes);
        return true;
    }

    bool number(QJsonValue &out)
    {
        const char *start = m_p;
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        if (m_p == m_end)
            return false;
        if (*m_p == '0') {
            ++m_p;
        } else if (*m_p >= '1' && *m_p <= '9') {
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        } else {
            return false;
        }
        bool integral = true;
        if (m_p < m_end && *m_p == '.') {
            integral = false;
            ++m_p;
            const char *digits = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            if (m_p == digits)
                return false;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            integral = false;
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            const char *digits = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            if (m_p == digits)
                return false;
        }
        if (integral) {
            qint64 whole = 0;
            const auto [end, error] = std::from_chars(start, m_p, whole);
            if (error == std::errc() && end == m_p) {
                out = QJsonValue(whole);
                return true;
            }
        }
        double real = 0;
        const auto [end, error] = std::from_chars(start, m_p, real);
        if (end != m_p || error != std::errc() || !std::isfinite(real))
            return false;
        out = QJsonValue(real);
        return true;
    }

    const char *m_p;
    const char *m_end;
    int m_depth = 0;
};

} // namespace

std::optional<QJsonValue> parseJson(QByteArrayView text)
{
    return Parser(text).document();
}

std::optional<QJsonObject> parseJsonObject(QByteArrayView text)
{
    auto value = parseJson(text);
    if (!value || !value->isObject())
        return std::nullopt;
    return value->toObject();
}

} // namespace Core
