// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/timestamps.h"

namespace Core {
namespace {

// Days from 1970-01-01 to year-month-day in the proleptic Gregorian calendar and back
// (Howard Hinnant's algorithms). Lists format and parse two timestamps per row, and QDateTime's
// general ISO code was the largest cost of a 100-task page.
constexpr qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

struct Civil
{
    qint64 year;
    unsigned month;
    unsigned day;
};

constexpr Civil civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 y = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

bool digits(const QString &text, qsizetype from, qsizetype count, int *value)
{
    int result = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < u'0' || c > u'9')
            return false;
        result = result * 10 + (c - u'0');
    }
    *value = result;
    return true;
}

void appendDigits(char16_t *&out, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
    out += width;
}

} // namespace

QDateTime nowUtc()
{
    return QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
}

QString toTimestamp(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const qint64 ms = time.toMSecsSinceEpoch();
    qint64 days = ms / 86'400'000;
    qint64 rest = ms % 86'400'000;
    if (rest < 0) {
        rest += 86'400'000;
        --days;
    }
    const Civil civil = civilFromDays(days);
    if (civil.year < 0 || civil.year > 9999)
        return time.toUTC().toString(Qt::ISODateWithMs);
    QString text(24, Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(text.data());
    appendDigits(out, int(civil.year), 4);
    *out++ = u'-';
    appendDigits(out, int(civil.month), 2);
    *out++ = u'-';
    appendDigits(out, int(civil.day), 2);
    *out++ = u'T';
    appendDigits(out, int(rest / 3'600'000), 2);
    *out++ = u':';
    appendDigits(out, int(rest / 60'000 % 60), 2);
    *out++ = u':';
    appendDigits(out, int(rest / 1000 % 60), 2);
    *out++ = u'.';
    appendDigits(out, int(rest % 1000), 3);
    *out = u'Z';
    return text;
}

QDateTime fromTimestamp(const QString &text)
{
    // Fast path for exactly what toTimestamp writes: "YYYY-MM-DDTHH:MM:SS.mmmZ".
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, milli = 0;
    if (text.size() == 24 && text.at(4) == u'-' && text.at(7) == u'-' && text.at(10) == u'T'
        && text.at(13) == u':' && text.at(16) == u':' && text.at(19) == u'.' && text.at(23) == u'Z'
        && digits(text, 0, 4, &year) && digits(text, 5, 2, &month) && digits(text, 8, 2, &day)
        && digits(text, 11, 2, &hour) && digits(text, 14, 2, &minute)
        && digits(text, 17, 2, &second) && digits(text, 20, 3, &milli) && month >= 1 && month <= 12
        && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 60) {
        const qint64 days = daysFromCivil(year, unsigned(month), unsigned(day));
        const qint64 ms = ((days * 24 + hour) * 60 + minute) * 60'000 + second * 1000 + milli;
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    }
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    return time.isValid() ? time.toUTC() : QDateTime();
}

} // namespace Core
