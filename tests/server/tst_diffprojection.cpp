// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/gitdiff.h"
#include "server/diffprojection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Core;

/// The three formats of GET /api/attempts/:id/diff, read back with QJsonDocument.
class TestDiffProjection final : public QObject
{
    Q_OBJECT

private:
    static QByteArray patch()
    {
        return QByteArray("diff --git a/src/app.cpp b/src/app.cpp\n"
                          "index 1111111..2222222 100644\n"
                          "--- a/src/app.cpp\n"
                          "+++ b/src/app.cpp\n"
                          "@@ -1,4 +1,3 @@ int main()\n"
                          " keep \"quoted\" \\ back\tslash\n"
                          "-old one\n"
                          "-old two\n"
                          "+new \xc3\xa9t\xc3\xa9 \xf0\x9f\x90\x9b\r\n"
                          " tail\n"
                          "@@ -10,0 +10,1 @@\n"
                          "+control \x01 and latin1 caf\xe9\n"
                          "diff --git a/old.txt b/new.txt\n"
                          "similarity index 100%\n"
                          "rename from old.txt\n"
                          "rename to new.txt\n"
                          "diff --git a/logo.png b/logo.png\n"
                          "index 1111111..2222222 100644\n"
                          "Binary files a/logo.png and b/logo.png differ\n"
                          "diff --git a/run.sh b/run.sh\n"
                          "old mode 100644\n"
                          "new mode 100755\n"
                          "diff --git a/gone.txt b/gone.txt\n"
                          "deleted file mode 100644\n"
                          "index 1111111..0000000\n"
                          "--- a/gone.txt\n"
                          "+++ /dev/null\n"
                          "@@ -1 +0,0 @@\n"
                          "-last\n"
                          "\\ No newline at end of file\n");
    }

    static AttemptDiff diff()
    {
        AttemptDiff out;
        out.baseCommit = u"1111111111111111111111111111111111111111"_s;
        out.headCommit = u"2222222222222222222222222222222222222222"_s;
        out.files = GitDiff::parse(patch());
        out.summary = GitDiff::summarize(out.files);
        return out;
    }

    static QJsonObject parsed(const QByteArray &json)
    {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json, &error);
        if (error.error != QJsonParseError::NoError)
            qWarning() << error.errorString() << "at" << error.offset
                       << json.mid(error.offset - 40, 80);
        return document.object();
    }

    static QJsonObject line(const QString &type,
                            QJsonValue number,
                            QJsonValue oldNumber,
                            QJsonValue newNumber,
                            const QString &content)
    {
        return QJsonObject{{u"type"_s, type},
                           {u"lineNumber"_s, number},
                           {u"oldLineNumber"_s, oldNumber},
                           {u"newLineNumber"_s, newNumber},
                           {u"content"_s, content}};
    }

    static QJsonObject side(int number, const QString &type, const QString &content)
    {
        return QJsonObject{{u"lineNumber"_s, number}, {u"type"_s, type}, {u"content"_s, content}};
    }

    static void checkCommon(const QJsonObject &data, const QString &linesKey)
    {
        QCOMPARE(data.value(u"baseCommit"_s).toString(),
                 u"1111111111111111111111111111111111111111"_s);
        QCOMPARE(data.value(u"headCommit"_s).toString(),
                 u"2222222222222222222222222222222222222222"_s);
        QCOMPARE(data.value(u"summary"_s).toObject(),
                 (QJsonObject{{u"filesChanged"_s, 5}, {u"additions"_s, 2}, {u"deletions"_s, 3}}));
        const QJsonArray files = data.value(u"files"_s).toArray();
        QCOMPARE(files.size(), 5);
        QStringList keys = files[0].toObject().keys();
        keys.sort();
        QStringList expected{u"path"_s,
                             u"status"_s,
                             u"additions"_s,
                             u"deletions"_s,
                             u"binary"_s,
                             u"tooLarge"_s};
        if (!linesKey.isEmpty())
            expected.append(linesKey);
        expected.sort();
        QCOMPARE(keys, expected);

        const QJsonObject app = files[0].toObject();
        QCOMPARE(app.value(u"path"_s).toString(), u"src/app.cpp"_s);
        QCOMPARE(app.value(u"status"_s).toString(), u"modified"_s);
        QCOMPARE(app.value(u"additions"_s).toInt(), 2);
        QCOMPARE(app.value(u"deletions"_s).toInt(), 2);
        QCOMPARE(app.value(u"binary"_s).toBool(), false);
        QCOMPARE(app.value(u"tooLarge"_s).toBool(), false);

        const QJsonObject renamed = files[1].toObject();
        QCOMPARE(renamed.value(u"path"_s).toString(), u"new.txt"_s);
        QCOMPARE(renamed.value(u"oldPath"_s).toString(), u"old.txt"_s);
        QCOMPARE(renamed.value(u"status"_s).toString(), u"renamed"_s);
        QCOMPARE(renamed.value(u"similarity"_s).toInt(), 100);
        QCOMPARE(files[2].toObject().value(u"binary"_s).toBool(), true);
        QCOMPARE(files[3].toObject().value(u"oldMode"_s).toString(), u"100644"_s);
        QCOMPARE(files[3].toObject().value(u"newMode"_s).toString(), u"100755"_s);
        QCOMPARE(files[4].toObject().value(u"status"_s).toString(), u"deleted"_s);
        for (const QJsonValue &file : files)
            QCOMPARE(file.toObject().contains(u"oldPath"_s), file == files[1]);
    }

private Q_SLOTS:
    void jsonHasEveryChangedLine()
    {
        const QJsonObject data = parsed(Server::diffJson(diff()));
        QVERIFY(!data.isEmpty());
        checkCommon(data, u"changes"_s);
        const QJsonArray files = data.value(u"files"_s).toArray();
        const QJsonArray changes = files[0].toObject().value(u"changes"_s).toArray();
        QCOMPARE(changes.size(), 6);
        QCOMPARE(changes[0].toObject(),
                 line(u"context"_s, 1, 1, 1, u"keep \"quoted\" \\ back\tslash"_s));
        QCOMPARE(changes[1].toObject(), line(u"delete"_s, 2, 2, QJsonValue::Null, u"old one"_s));
        QCOMPARE(changes[2].toObject(), line(u"delete"_s, 3, 3, QJsonValue::Null, u"old two"_s));
        QCOMPARE(changes[3].toObject(),
                 line(u"add"_s, 2, QJsonValue::Null, 2, u"new \u00e9t\u00e9 \U0001f41b\r"_s));
        QCOMPARE(changes[4].toObject(), line(u"context"_s, 3, 4, 3, u"tail"_s));
        // Bytes that are not UTF-8 read as QString::fromUtf8 reads them.
        QCOMPARE(changes[5].toObject(),
                 line(u"add"_s,
                      10,
                      QJsonValue::Null,
                      10,
                      QString::fromUtf8("control \x01 and latin1 caf\xe9")));
        for (int i = 1; i < 4; ++i)
            QCOMPARE(files[i].toObject().value(u"changes"_s).toArray(), QJsonArray());
        QJsonObject last = line(u"delete"_s, 1, 1, QJsonValue::Null, u"last"_s);
        last.insert(u"noNewline"_s, true);
        QCOMPARE(files[4].toObject().value(u"changes"_s).toArray(), QJsonArray{last});
    }

    void splitPairsDeletionsWithAdditions()
    {
        const QJsonObject data = parsed(Server::diffSplitJson(diff()));
        QVERIFY(!data.isEmpty());
        checkCommon(data, u"rows"_s);
        const QJsonArray rows
            = data.value(u"files"_s).toArray()[0].toObject().value(u"rows"_s).toArray();
        const QJsonArray expected{
            QJsonObject{{u"hunk"_s, u"@@ -1,4 +1,3 @@ int main()"_s}},
            QJsonObject{{u"left"_s, side(1, u"context"_s, u"keep \"quoted\" \\ back\tslash"_s)},
                        {u"right"_s, side(1, u"context"_s, u"keep \"quoted\" \\ back\tslash"_s)}},
            QJsonObject{{u"left"_s, side(2, u"delete"_s, u"old one"_s)},
                        {u"right"_s, side(2, u"add"_s, u"new \u00e9t\u00e9 \U0001f41b\r"_s)}},
            QJsonObject{{u"left"_s, side(3, u"delete"_s, u"old two"_s)},
                        {u"right"_s, QJsonValue::Null}},
            QJsonObject{{u"left"_s, side(4, u"context"_s, u"tail"_s)},
                        {u"right"_s, side(3, u"context"_s, u"tail"_s)}},
            QJsonObject{{u"hunk"_s, u"@@ -10,0 +10,1 @@"_s}},
            QJsonObject{{u"left"_s, QJsonValue::Null},
                        {u"right"_s,
                         side(10, u"add"_s, QString::fromUtf8("control \x01 and latin1 caf\xe9"))}},
        };
        QCOMPARE(rows.size(), expected.size());
        for (qsizetype i = 0; i < rows.size(); ++i)
            QCOMPARE(rows[i], expected[i]);
    }

    void unifiedCarriesThePatch()
    {
        const AttemptDiff attemptDiff = diff();
        const QJsonObject data = parsed(Server::diffUnifiedJson(attemptDiff));
        QVERIFY(!data.isEmpty());
        checkCommon(data, QString());
        QCOMPARE(data.value(u"diff"_s).toString(), QString::fromUtf8(patch()));
        QCOMPARE(GitDiff::unifiedText(attemptDiff), patch());
    }

    void tooLargeFilesHaveHeadersOnly()
    {
        DiffLimits limits;
        limits.maxFileLines = 3;
        AttemptDiff attemptDiff = diff();
        attemptDiff.files = GitDiff::parse(patch(), limits);
        const QJsonObject data = parsed(Server::diffJson(attemptDiff));
        const QJsonObject app = data.value(u"files"_s).toArray()[0].toObject();
        QCOMPARE(app.value(u"tooLarge"_s).toBool(), true);
        QCOMPARE(app.value(u"additions"_s).toInt(), 2);
        QCOMPARE(app.value(u"changes"_s).toArray(), QJsonArray());
        const QString unified
            = parsed(Server::diffUnifiedJson(attemptDiff)).value(u"diff"_s).toString();
        QVERIFY(unified.startsWith(
            u"diff --git a/src/app.cpp b/src/app.cpp\nindex 1111111..2222222 100644\n--- a/src/app.cpp\n+++ b/src/app.cpp\ndiff --git a/old.txt"_s));
    }

    void everyByteMakesValidJson()
    {
        QByteArray content;
        for (int c = 1; c < 256; ++c)
            if (c != '\n')
                content.append(char(c));
        content += "\xe2\x82"          // a truncated sequence
                   "\xed\xa0\x80"      // a surrogate
                   "\xc0\xaf"          // an overlong slash
                   "\xf4\x90\x80\x80"; // past U+10FFFF
        const QByteArray text = "diff --git a/b b/b\n--- a/b\n+++ b/b\n@@ -1 +1 @@\n-" + content
                                + "\n+" + content + "\n";
        AttemptDiff attemptDiff;
        attemptDiff.files = GitDiff::parse(text);
        QCOMPARE(attemptDiff.files.size(), 1);
        for (const QByteArray &json : {Server::diffJson(attemptDiff),
                                       Server::diffSplitJson(attemptDiff),
                                       Server::diffUnifiedJson(attemptDiff)}) {
            QJsonParseError error;
            QJsonDocument::fromJson(json, &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
        }
        const QString decoded = parsed(Server::diffJson(attemptDiff))
                                    .value(u"files"_s)
                                    .toArray()[0]
                                    .toObject()
                                    .value(u"changes"_s)
                                    .toArray()[0]
                                    .toObject()
                                    .value(u"content"_s)
                                    .toString();
        // The ASCII part survives as it was; nothing but U+FFFD stands for the rest.
        QCOMPARE(decoded.left(126), QString::fromLatin1(content.left(126)));
        for (QChar c : decoded.mid(126))
            QCOMPARE(c, QChar(QChar::ReplacementCharacter));
    }

    void emptyDiff()
    {
        AttemptDiff empty;
        empty.baseCommit = u"b"_s;
        empty.headCommit = u"h"_s;
        QCOMPARE(
            Server::diffJson(empty),
            QByteArray(
                R"({"baseCommit":"b","headCommit":"h","files":[],"summary":{"filesChanged":0,"additions":0,"deletions":0}})"));
        QCOMPARE(
            Server::diffUnifiedJson(empty),
            QByteArray(
                R"({"baseCommit":"b","headCommit":"h","diff":"","files":[],"summary":{"filesChanged":0,"additions":0,"deletions":0}})"));
    }
};

QTEST_GUILESS_MAIN(TestDiffProjection)
#include "tst_diffprojection.moc"
