// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/logentry.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using Core::readLogLines;

/// Log entries as stored, and reading whole lines back from a growing log file.
class TestLogEntry final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QByteArray &content)
    {
        const QString path = m_dir.filePath(u"log.ndjson"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(content);
        return path;
    }

private Q_SLOTS:
    void anEntryIsOneJsonLineWithTheEnvelopeFirst()
    {
        Core::LogEntry entry = Core::engineEntry(Core::LogLevel::Warn,
                                                 u"line\nbreak"_s,
                                                 {{u"level"_s, u"shadowed"_s}, {u"tool"_s, u"x"_s}});
        const QByteArray line = entry.toJsonLine(7, u"proc_1"_s);
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1);
        QVERIFY(line.startsWith("{\"seq\":7,\"timestamp\":\""));
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        QCOMPARE(object.value(u"level"_s).toString(), u"warn"_s); // a field cannot override it
        QCOMPARE(object.value(u"message"_s).toString(), u"line\nbreak"_s);
        QCOMPARE(object.value(u"tool"_s).toString(), u"x"_s);
        QCOMPARE(object.value(u"processId"_s).toString(), u"proc_1"_s);
    }

    void readsWholeLinesOnly()
    {
        const QString path = write("one\ntwo\nthree-without-newline");
        constexpr qint64 end = std::numeric_limits<qint64>::max();
        QCOMPARE(readLogLines(path, 0, end, 1024), "one\ntwo\n"_ba);
        QCOMPARE(readLogLines(path, 4, end, 1024), "two\n"_ba);
        QCOMPARE(readLogLines(path, 8, end, 1024), QByteArray());
        // A chunk ends at the last whole line in it.
        QCOMPARE(readLogLines(path, 0, end, 6), "one\n"_ba);
        // "to" bounds the read.
        QCOMPARE(readLogLines(path, 0, 4, 1024), "one\n"_ba);
        QCOMPARE(readLogLines(path, 0, 3, 1024), QByteArray());
        QCOMPARE(readLogLines(path, 4, 4, 1024), QByteArray());
    }

    void aLineLongerThanAChunkIsReadWhole()
    {
        const QByteArray longLine = QByteArray(100'000, 'x') + '\n';
        const QString path = write(longLine + "next\n");
        // Read on until the first newline; the short line in that last chunk comes along.
        QCOMPARE(readLogLines(path, 0, std::numeric_limits<qint64>::max(), 4096),
                 longLine + "next\n");
        QCOMPARE(readLogLines(path, 0, longLine.size(), 4096), longLine);
    }

    void aMissingFileReadsAsNothing()
    {
        QCOMPARE(readLogLines(m_dir.filePath(u"nope"_s), 0, 100, 10), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestLogEntry)
#include "tst_logentry.moc"
