// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/query.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Core::SortKey;

class TestQuery final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesSortLists()
    {
        auto keys = Core::parseSort(u"-priority, created_at"_s, Core::TaskQuery::sortFields());
        QVERIFY(keys);
        QCOMPARE(*keys, (QList<SortKey>{{u"priority"_s, true}, {u"created_at"_s, false}}));
        auto camel = Core::parseSort(u"-updatedAt,+createdAt"_s, Core::TaskQuery::sortFields());
        QVERIFY(camel);
        QCOMPARE(*camel, (QList<SortKey>{{u"updated_at"_s, true}, {u"created_at"_s, false}}));
    }

    void refusesBadSortLists_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown") << u"colour"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("empty item") << u"title,"_s;
        QTest::newRow("repeated") << u"title,-title"_s;
        QTest::newRow("sql") << u"title; DROP TABLE tasks"_s;
    }

    void refusesBadSortLists()
    {
        QFETCH(QString, text);
        auto keys = Core::parseSort(text, Core::TaskQuery::sortFields());
        QVERIFY(!keys);
        QCOMPARE(keys.error().field(), u"sort"_s);
    }

    void validatesPages()
    {
        QVERIFY((Core::PageRequest{1, 1}).validate());
        QVERIFY((Core::PageRequest{1, 100}).validate());
        QCOMPARE((Core::PageRequest{0, 20}).validate().error().field(), u"page"_s);
        QCOMPARE((Core::PageRequest{1, 0}).validate().error().field(), u"limit"_s);
        QCOMPARE((Core::PageRequest{1, 101}).validate().error().field(), u"limit"_s);
        QCOMPARE((Core::PageRequest{3, 20}).offset(), 40);
        Core::Page<int> page{{}, 2, 20, 41};
        QCOMPARE(page.pages(), 3);
        QVERIFY(page.hasNext());
        QVERIFY(page.hasPrev());
        Core::Page<int> empty{{}, 1, 20, 0};
        QCOMPARE(empty.pages(), 0);
        QVERIFY(!empty.hasNext());
    }
};

QTEST_GUILESS_MAIN(TestQuery)
#include "tst_query.moc"
