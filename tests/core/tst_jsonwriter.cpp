// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

/// What JsonWriter writes, read back by Qt's own parser.
class TestJsonWriter final : public QObject
{
    Q_OBJECT

private:
    static QJsonObject parsed(const QByteArray &bytes)
    {
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(bytes, &error).object();
        if (error.error != QJsonParseError::NoError)
            qWarning("not JSON: %s", bytes.constData());
        return object;
    }

private Q_SLOTS:
    void escapesEverything()
    {
        Core::JsonWriter json;
        const QString nasty = u"quote \" backslash \\ newline \n tab \t bell \u0007 é 日本 🚀 "_s
                              + QChar(0xd800) /* lone surrogate */;
        json.beginObject().key("text"_L1).value(nasty).key("n"_L1).value(qint64(-5)).key("list"_L1);
        json.value(QStringList{u"a"_s, u"b"_s})
            .key("none"_L1)
            .null()
            .key("flag"_L1)
            .value(false)
            .endObject();
        const QJsonObject object = parsed(json.bytes());
        QString expected = nasty;
        expected.chop(1);
        expected.append(QChar(0xfffd));
        QCOMPARE(object.value(u"text"_s).toString(), expected);
        QCOMPARE(object.value(u"n"_s).toInt(), -5);
        QCOMPARE(object.value(u"list"_s).toArray().size(), 2);
        QVERIFY(object.value(u"none"_s).isNull());
        QVERIFY(json.bytes().startsWith("{\"text\":"));
    }

    void writesQtJsonValuesAsTheyAre()
    {
        const QJsonObject source{{u"int"_s, 42},
                                 {u"big"_s, qint64(9'007'199'254'740'993)},
                                 {u"real"_s, 0.1},
                                 {u"negative"_s, -2.5e-300},
                                 {u"zero"_s, 0.0},
                                 {u"text"_s, u"line\nnext \"quoted\" ✓"_s},
                                 {u"null"_s, QJsonValue::Null},
                                 {u"nested"_s,
                                  QJsonObject{
                                      {u"array"_s,
                                       QJsonArray{1, u"two"_s, true, QJsonArray{}, QJsonObject{}}}}},
                                 {u"key with \"quotes\""_s, u"v"_s}};
        Core::JsonWriter json;
        json.value(source);
        const QJsonObject back = parsed(json.bytes());
        QCOMPARE(back, source);
        QCOMPARE(back.value(u"big"_s).toInteger(), qint64(9'007'199'254'740'993));
        QVERIFY(json.bytes().contains("\"int\":42,"));
        QVERIFY(json.bytes().contains("\"zero\":0}"));
    }

    void notANumberBecomesNull()
    {
        Core::JsonWriter json;
        json.beginArray()
            .value(std::numeric_limits<double>::quiet_NaN())
            .value(std::numeric_limits<double>::infinity())
            .endArray();
        QCOMPARE(json.bytes(), "[null,null]"_ba);
    }

    void doublesAreWrittenShortAndExact()
    {
        Core::JsonWriter json;
        json.beginArray().value(3.0).value(2.5).value(-1.0).value(0.1).value(1e20).value(1e300);
        json.endArray();
        QCOMPARE(json.bytes(), "[3,2.5,-1,0.1,1e+20,1e+300]"_ba);
    }

    void membersGoIntoTheObjectBeingWritten()
    {
        Core::JsonWriter json;
        json.beginObject().key("first"_L1).value(1);
        json.members(QJsonObject{{u"b"_s, 2}, {u"a"_s, 3}});
        json.endObject();
        QVERIFY(json.bytes().startsWith("{\"first\":1,"));
        QCOMPARE(parsed(json.bytes()).size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
