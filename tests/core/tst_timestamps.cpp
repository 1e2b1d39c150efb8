// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/timestamps.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestTimestamps final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsIsoUtcWithMilliseconds()
    {
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(1'705'314'600'123, Qt::UTC);
        QCOMPARE(Core::toTimestamp(time), u"2024-01-15T10:30:00.123Z"_s);
        // Any offset is written as UTC.
        QCOMPARE(Core::toTimestamp(time.toOffsetFromUtc(3600)), u"2024-01-15T10:30:00.123Z"_s);
        QCOMPARE(Core::toTimestamp(QDateTime()), QString());
    }

    void agreesWithQtOverManyDates()
    {
        // Leap years, month ends, the epoch and before it.
        for (qint64 ms = -2'000'000'000'000; ms < 4'000'000'000'000; ms += 7'777'777'777) {
            const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
            const QString text = Core::toTimestamp(time);
            QCOMPARE(text, time.toString(Qt::ISODateWithMs));
            QCOMPARE(Core::fromTimestamp(text), time);
        }
        QCOMPARE(Core::toTimestamp(QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC)),
                 u"2024-02-29T23:59:59.999Z"_s);
    }

    void parsesOtherIsoForms()
    {
        QCOMPARE(Core::fromTimestamp(u"2024-01-15T10:30:00Z"_s).toMSecsSinceEpoch(),
                 1'705'314'600'000);
        QCOMPARE(Core::fromTimestamp(u"2024-01-15T12:30:00+02:00"_s).toMSecsSinceEpoch(),
                 1'705'314'600'000);
        QVERIFY(!Core::fromTimestamp(u"yesterday"_s).isValid());
        QVERIFY(!Core::fromTimestamp(u"2024-13-45T99:99:99.999Z"_s).isValid());
    }
};

QTEST_GUILESS_MAIN(TestTimestamps)
#include "tst_timestamps.moc"
