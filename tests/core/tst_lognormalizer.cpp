// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/lognormalizer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::LogEntry;

/// Every line the real agent CLIs printed (tests/agents/samples) normalizes to a known kind,
/// and each agent's facts (session, usage, summary, failure) are read right.
class TestLogNormalizer final : public QObject
{
    Q_OBJECT

private:
    static QString samples() { return QStringLiteral(FORGEDESK_AGENT_FIXTURES) + u"/samples"_s; }

    static QString formatOf(const QString &file)
    {
        if (file.startsWith("claude"_L1))
            return u"claude"_s;
        return file.section(u'_', 0, 0);
    }

    struct Run
    {
        QList<LogEntry> entries;
        std::unique_ptr<Core::LogNormalizer> normalizer;
        int lines = 0;
    };

    static Run normalize(const QString &file)
    {
        Run run;
        run.normalizer = Core::LogNormalizer::create(formatOf(file));
        QFile input(samples() + u'/' + file);
        if (!input.open(QIODevice::ReadOnly))
            return run;
        while (!input.atEnd()) {
            const QByteArray line = input.readLine();
            if (line.trimmed().isEmpty())
                continue;
            ++run.lines;
            run.normalizer->feed(line, false, run.entries);
        }
        run.normalizer->finish(run.entries);
        return run;
    }

    static QList<LogEntry> ofKind(const Run &run, QLatin1StringView kind)
    {
        QList<LogEntry> found;
        for (const LogEntry &entry : run.entries) {
            if (entry.kind == kind)
                found.append(entry);
        }
        return found;
    }

private Q_SLOTS:
    void everySampleLineIsUnderstood_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files = QDir(samples()).entryList({u"*.jsonl"_s}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 30);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << file;
    }

    void everySampleLineIsUnderstood()
    {
        QFETCH(QString, file);
        const Run run = normalize(file);
        QVERIFY(run.lines > 0);
        QVERIFY(!run.entries.isEmpty());
        for (const LogEntry &entry : run.entries) {
            QVERIFY2(entry.kind != Core::LogKind::raw,
                     qPrintable(u"%1: a line was not understood: %2"_s.arg(file, entry.message)));
            QVERIFY(Core::LogKind::all().contains(entry.kind));
            QVERIFY(!entry.message.isNull());
            QVERIFY(entry.timestamp.isValid());
        }
        // The NDJSON form carries at least level, message and timestamp, and the kind.
        const QJsonObject stored
            = QJsonDocument::fromJson(run.entries.first().toJsonLine(1, u"proc_x"_s)).object();
        for (const QString &key :
             {u"level"_s, u"message"_s, u"timestamp"_s, u"kind"_s, u"seq"_s, u"processId"_s})
            QVERIFY2(stored.contains(key), qPrintable(key));
    }

    void claudeWriteFile()
    {
        const Run run = normalize(u"claude_write_file.jsonl"_s);
        QVERIFY(run.normalizer->sessionId().has_value());
        QVERIFY(run.normalizer->model().has_value());
        QVERIFY(run.normalizer->reportedEnd());
        QVERIFY(!run.normalizer->reportedFailure());
        const auto edits = ofKind(run, Core::LogKind::fileEdit);
        QCOMPARE(edits.size(), 1);
        QVERIFY(edits.first().fields.value(u"path"_s).toString().endsWith(u"hello.txt"_s));
        QVERIFY(!ofKind(run, Core::LogKind::toolUse).isEmpty());
        QVERIFY(!ofKind(run, Core::LogKind::assistantMessage).isEmpty());
        QCOMPARE(ofKind(run, Core::LogKind::usage).size(), 1);
        QVERIFY(run.normalizer->usage().inputTokens > 0);
        QVERIFY(run.normalizer->usage().totalCost > 0);
        QVERIFY(!run.normalizer->summary().isEmpty());
    }

    void claudeCommandsCarryOutputAndExitCode()
    {
        const Run ok = normalize(u"claude_bash_command.jsonl"_s);
        const auto commands = ofKind(ok, Core::LogKind::command);
        QCOMPARE(commands.size(), 1);
        QVERIFY(commands.first().fields.value(u"command"_s).toString().contains(u"git status"_s));
        QVERIFY(commands.first().fields.value(u"output"_s).toString().contains(u"total"_s));
        QCOMPARE(commands.first().fields.value(u"exitCode"_s).toInt(), 0);

        const Run failing = normalize(u"claude_tool_error.jsonl"_s);
        const auto failed = ofKind(failing, Core::LogKind::command);
        QVERIFY(!failed.isEmpty());
        QVERIFY(failed.first().fields.value(u"exitCode"_s).toInt() != 0);
        QCOMPARE(failed.first().level, Core::LogLevel::Warn);
    }

    void claudeFailuresAreReported()
    {
        for (const QString &file : {u"claude_error_400.jsonl"_s,
                                    u"claude_stream_error.jsonl"_s,
                                    u"claude_connection_refused.jsonl"_s}) {
            const Run run = normalize(file);
            QVERIFY2(run.normalizer->reportedFailure(), qPrintable(file));
            QVERIFY2(!ofKind(run, Core::LogKind::error).isEmpty(), qPrintable(file));
        }
        const Run denied = normalize(u"claude_permission_denied.jsonl"_s);
        bool permission = false;
        for (const LogEntry &entry : ofKind(denied, Core::LogKind::error))
            permission |= entry.fields.value(u"errorType"_s).toString() == "permission_denied"_L1;
        QVERIFY(permission);
    }

    void claudeApprovalQuestionsAreLoggedButNotTheirPlumbing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("withdrawn");
        QTest::newRow("approved") << u"claude_approvals.jsonl"_s << false;
        QTest::newRow("denied") << u"claude_approvals_denied.jsonl"_s << false;
        QTest::newRow("interrupted") << u"claude_approvals_interrupted.jsonl"_s << true;
    }

    void claudeApprovalQuestionsAreLoggedButNotTheirPlumbing()
    {
        QFETCH(QString, file);
        QFETCH(bool, withdrawn);
        const Run run = normalize(file);
        QStringList subtypes;
        for (const LogEntry &entry : ofKind(run, Core::LogKind::system))
            subtypes.append(entry.fields.value(u"subtype"_s).toString());
        // The initialize answer and the hook callback leave no entry; the question does.
        QCOMPARE(subtypes.count(u"approval_requested"_s), 1);
        QCOMPARE(subtypes.count(u"approval_withdrawn"_s), withdrawn ? 1 : 0);
        QVERIFY(!subtypes.contains(u"control_response"_s));
        QVERIFY(!subtypes.contains(u"control_request"_s));
        for (const LogEntry &entry : ofKind(run, Core::LogKind::system)) {
            if (entry.fields.value(u"subtype"_s).toString() == "approval_requested"_L1) {
                QVERIFY2(entry.message.startsWith(u"Waiting for approval: Write: /"_s),
                         qPrintable(entry.message));
                QCOMPARE(entry.fields.value(u"tool"_s).toString(), u"Write"_s);
                QVERIFY(entry.fields.value(u"toolUseId"_s).toString().startsWith(u"toolu_"_s));
            }
        }
        QCOMPARE(run.normalizer->reportedEnd(), !withdrawn);
    }

    void codex()
    {
        const Run run = normalize(u"codex_bash_command.jsonl"_s);
        QVERIFY(run.normalizer->sessionId().has_value());
        const auto commands = ofKind(run, Core::LogKind::command);
        QCOMPARE(commands.size(), 1);
        QCOMPARE(commands.first().fields.value(u"exitCode"_s).toInt(), 0);
        QVERIFY(run.normalizer->usage().inputTokens > 0);
        QVERIFY(run.normalizer->reportedEnd());
        const Run write = normalize(u"codex_write_file.jsonl"_s);
        QVERIFY(!ofKind(write, Core::LogKind::fileEdit).isEmpty());
        const Run failing = normalize(u"codex_error_400.jsonl"_s);
        QVERIFY(failing.normalizer->reportedFailure());
    }

    void geminiCoalescesDeltas()
    {
        const Run run = normalize(u"gemini_write_file.jsonl"_s);
        QVERIFY(run.normalizer->sessionId().has_value());
        QVERIFY(!ofKind(run, Core::LogKind::fileEdit).isEmpty());
        // Assistant text arrives in pieces; one entry per message, not per piece.
        QFile input(samples() + u"/gemini_write_file.jsonl"_s);
        QVERIFY(input.open(QIODevice::ReadOnly));
        int deltas = 0;
        while (!input.atEnd())
            deltas += input.readLine().contains("\"delta\":true") ? 1 : 0;
        QVERIFY(ofKind(run, Core::LogKind::assistantMessage).size() <= deltas);
        QVERIFY(!run.normalizer->summary().isEmpty());
        QVERIFY(normalize(u"gemini_error_400.jsonl"_s).normalizer->reportedFailure());
    }

    void opencode()
    {
        const Run run = normalize(u"opencode_tool_error.jsonl"_s);
        QVERIFY(run.normalizer->sessionId().has_value());
        QVERIFY(run.normalizer->sessionId()->startsWith(u"ses_"_s));
        const auto commands = ofKind(run, Core::LogKind::command);
        QVERIFY(!commands.isEmpty());
        QCOMPARE(commands.first().fields.value(u"exitCode"_s).toInt(), 3);
        QVERIFY(normalize(u"opencode_error_400.jsonl"_s).normalizer->reportedFailure());
        QVERIFY(normalize(u"opencode_write_file.jsonl"_s).normalizer->reportedEnd());
    }

    void unknownLinesAreKeptRaw()
    {
        for (const QString &format : Core::LogNormalizer::formats()) {
            auto normalizer = Core::LogNormalizer::create(format);
            QList<LogEntry> entries;
            normalizer->feed(R"({"type":"from_the_future","payload":{"x":1}})", false, entries);
            normalizer->feed("not json at all", false, entries);
            normalizer->feed("oops on stderr", true, entries);
            normalizer->finish(entries);
            QCOMPARE(entries.size(), 3);
            if (format != "plain"_L1) {
                QCOMPARE(entries.at(0).kind, Core::LogKind::raw);
                QCOMPARE(entries.at(0).fields.value(u"raw"_s).toObject().value(u"type"_s).toString(),
                         u"from_the_future"_s);
                QCOMPARE(entries.at(1).kind, Core::LogKind::raw);
                QCOMPARE(entries.at(1).fields.value(u"raw"_s).toString(), u"not json at all"_s);
            }
            QCOMPARE(entries.at(2).stream, u"stderr"_s);
            QCOMPARE(entries.at(2).level, Core::LogLevel::Warn);
        }
    }
};

QTEST_GUILESS_MAIN(TestLogNormalizer)
#include "tst_lognormalizer.moc"
