// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attempt.h"
#include "core/ids.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <type_traits>

using namespace Qt::StringLiterals;
using namespace Core;

// A TaskId must never stand in for a ProjectId, nor be made from a bare string by accident.
static_assert(!std::is_convertible_v<TaskId, ProjectId>);
static_assert(!std::is_convertible_v<ProjectId, TaskId>);
static_assert(!std::is_convertible_v<AttemptId, TaskId>);
static_assert(!std::is_convertible_v<QString, TaskId>);
static_assert(std::is_constructible_v<TaskId, QString>);

/// Generated identifiers: prefix, alphabet, length and uniqueness; the typed wrapper.
class TestIds final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatedIdsCarryTheirTypePrefix_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("project") << ProjectId::generate().toString() << u"proj_"_s;
        QTest::newRow("task") << TaskId::generate().toString() << u"task_"_s;
        QTest::newRow("attempt") << AttemptId::generate().toString() << u"attempt_"_s;
        QTest::newRow("process") << ProcessId::generate().toString() << u"proc_"_s;
        QTest::newRow("any prefix") << generateId("x-"_L1) << u"x-"_s;
        QTest::newRow("empty prefix") << generateId(QLatin1StringView()) << QString();
    }

    void generatedIdsCarryTheirTypePrefix()
    {
        QFETCH(QString, id);
        QFETCH(QString, prefix);
        QVERIFY2(id.startsWith(prefix), qPrintable(id));
        // 16 base62 characters after the prefix: URL-safe, no separators, no padding.
        static const QRegularExpression body(u"^[0-9A-Za-z]{16}$"_s);
        QVERIFY2(body.match(id.mid(prefix.size())).hasMatch(), qPrintable(id));
    }

    void tenThousandIdsAreAllDistinct()
    {
        QSet<QString> seen;
        constexpr int count = 10'000;
        seen.reserve(count);
        for (int i = 0; i < count; ++i)
            seen.insert(TaskId::generate().toString());
        QCOMPARE(seen.size(), count);
    }

    void theWholeAlphabetIsUsed()
    {
        // 160,000 characters over 62 symbols: a missing one would mean a skewed generator.
        QSet<QChar> used;
        for (int i = 0; i < 10'000; ++i) {
            const QString id = generateId(QLatin1StringView());
            for (QChar c : id)
                used.insert(c);
        }
        QCOMPARE(used.size(), 62);
    }

    void aDefaultIdIsNull()
    {
        const TaskId none;
        QVERIFY(none.isNull());
        QVERIFY(none.toString().isEmpty());
        QVERIFY(TaskId(QString()).isNull());
        QVERIFY(!TaskId::generate().isNull());
    }

    void idsCompareAndHashByValue()
    {
        const TaskId a(u"task_abc"_s);
        const TaskId same(u"task_abc"_s);
        const TaskId other(u"task_abd"_s);
        QVERIFY(a == same);
        QVERIFY(!(a == other));
        QCOMPARE(qHash(a), qHash(same));
        QSet<TaskId> set{a, same, other};
        QCOMPARE(set.size(), 2);
        QVERIFY(set.contains(TaskId(u"task_abc"_s)));
        QVERIFY(!set.contains(TaskId(u"task_zzz"_s)));
    }

    void anIdKeepsAnyTextItIsGiven()
    {
        // Ids read from the database or a URL are taken as they come; validation is elsewhere.
        const QString odd = u"not a generated id ✓"_s;
        QCOMPARE(ProjectId(odd).toString(), odd);
        QVERIFY(!ProjectId(odd).isNull());
    }
};

QTEST_GUILESS_MAIN(TestIds)
#include "tst_ids.moc"
