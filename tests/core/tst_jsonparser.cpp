// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/jsonparser.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

/// parseJson() must read what Qt's parser reads, refuse what it refuses, and never crash.
class TestJsonParser final : public QObject
{
    Q_OBJECT

private:
    static std::optional<QJsonValue> qtParse(const QByteArray &text)
    {
        // QJsonDocument only takes objects and arrays at the top: wrap the text.
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson("[" + text + "]", &error);
        if (error.error != QJsonParseError::NoError || document.array().size() != 1)
            return std::nullopt;
        return document.array().first();
    }

private Q_SLOTS:
    void agreesWithQtOnValidText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("object") << "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}"_ba;
        QTest::newRow("spaces") << " \t\r\n{ \"a\" : [ 1 , 2 ] }\n"_ba;
        QTest::newRow("empty containers") << "{\"a\":{},\"b\":[],\"c\":\"\"}"_ba;
        QTest::newRow("escapes") << "\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\""_ba;
        QTest::newRow("unicode escapes") << "\"\\u00e9\\u65e5\\ud83d\\ude80\\u0000\""_ba;
        QTest::newRow("raw utf-8") << "\"é 日本 🚀\""_ba;
        QTest::newRow("mixed") << "\"plain run \\n then é and \\u00e9 and more plain text\""_ba;
        QTest::newRow("integers") << "[0,-0,7,-12,9007199254740993,-9223372036854775808]"_ba;
        QTest::newRow("reals") << "[0.5,-1.25e3,1E-7,2e+10,123456789.125]"_ba;
        QTest::newRow("duplicate keys") << "{\"a\":1,\"a\":2}"_ba;
        QTest::newRow("deep") << QByteArray(100, '[') + QByteArray(100, ']');
        QTest::newRow("long escaped") << "\"" + QByteArray("line\\n").repeated(100'000) + "\"";
    }
    void agreesWithQtOnValidText()
    {
        QFETCH(QByteArray, text);
        const auto ours = Core::parseJson(text);
        const auto qts = qtParse(text);
        QVERIFY(qts);
        QVERIFY(ours);
        QCOMPARE(*ours, *qts);
    }

    void refusesInvalidText_data()
    {
        QTest::addColumn<QByteArray>("text");
        for (const char *bad : {"",
                                " ",
                                "{",
                                "}",
                                "[1,]",
                                "{\"a\":1,}",
                                "{\"a\" 1}",
                                "{a:1}",
                                "\"unterminated",
                                "\"bad escape \\x\"",
                                "\"short \\u12\"",
                                "\"raw\ncontrol\"",
                                "01",
                                "1.",
                                ".5",
                                "1e",
                                "-",
                                "+1",
                                "tru",
                                "nul",
                                "NaN",
                                "1e999",
                                "{} {}",
                                "[1] x"})
            QTest::newRow(bad) << QByteArray(bad);
        QTest::newRow("too deep") << QByteArray(10'000, '[') + QByteArray(10'000, ']');
    }
    void refusesInvalidText()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!Core::parseJson(text));
    }

    void loneSurrogatesAndBadUtf8AreReplaced()
    {
        QCOMPARE(Core::parseJson("\"a\\ud800b\""_ba)->toString(), u"a\ufffdb"_s);
        QCOMPARE(Core::parseJson("\"\\udc00\""_ba)->toString(), u"\ufffd"_s);
        QCOMPARE(Core::parseJson("\"x\xff y\""_ba)->toString(), u"x\ufffd y"_s);
    }

    void objectsOnlyWhereAnObjectIsWanted()
    {
        QVERIFY(Core::parseJsonObject("{\"type\":\"x\"}"_ba));
        QVERIFY(!Core::parseJsonObject("[1]"_ba));
        QVERIFY(!Core::parseJsonObject("\"s\""_ba));
    }

    // Every line every agent printed in the captured samples parses as Qt parses it.
    void everySampleLineAgreesWithQt()
    {
        const QDir samples(QStringLiteral(FORGEDESK_AGENT_FIXTURES "/samples"));
        int lines = 0;
        for (const QString &name : samples.entryList({u"*.jsonl"_s})) {
            QFile file(samples.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            while (!file.atEnd()) {
                const QByteArray line = file.readLine().trimmed();
                if (line.isEmpty())
                    continue;
                const auto qts = qtParse(line);
                const auto ours = Core::parseJson(line);
                QCOMPARE(bool(ours), bool(qts));
                if (ours)
                    QCOMPARE(*ours, *qts);
                ++lines;
            }
        }
        QVERIFY(lines > 100);
    }

    // Cut every sample line at every tenth byte: refused or read, never a crash or a hang.
    void truncatedLinesAreRefusedCleanly()
    {
        QFile file(QStringLiteral(FORGEDESK_AGENT_FIXTURES "/samples/claude_bash_command.jsonl"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const QByteArray &line : lines) {
            for (qsizetype cut = 0; cut < line.size(); cut += 10) {
                const QByteArray part = line.left(cut);
                QCOMPARE(bool(Core::parseJson(part)), bool(qtParse(part)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonParser)
#include "tst_jsonparser.moc"
