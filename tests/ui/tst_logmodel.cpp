// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attemptservice.h"
#include "core/eventbus.h"
#include "core/taskservice.h"
#include "tests/support/futures.h"
#include "tests/support/scriptedengine.h"
#include "tests/ui/logfixture.h"
#include "ui/logmodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Gui::LogEntryKind;
using Gui::LogModel;

namespace {

constexpr auto sampleDir = FORGEDESK_SOURCE_DIR "/tests/agents/samples/";

/// Where every row should come from: (process, byte offset of its line), in the attempt's order.
using Origins = QList<std::pair<QString, qint64>>;

Origins originsInFiles(Core::Engine &engine, const Core::AttemptId &attempt)
{
    Origins origins;
    const auto processes = Test::await(engine.attempts().processesOf(attempt));
    if (!processes || !*processes)
        return origins;
    for (const Core::ExecutionProcess &process : **processes) {
        QFile file(engine.attempts().absoluteLogPath(process));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = file.readAll();
        for (qsizetype start = 0; start < data.size();) {
            const qsizetype end = data.indexOf('\n', start);
            if (end < 0)
                break;
            if (end > start)
                origins.append({process.id.toString(), start});
            start = end + 1;
        }
    }
    return origins;
}

Origins originsInModel(const LogModel &model)
{
    Origins origins;
    for (int row = 0; row < model.rowCount(); ++row)
        origins.append({model.processId(row).toString(), model.info(row).offset});
    return origins;
}

QStringList summaries(const LogModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.summary(row));
    return list;
}

QStringList numbered(const QString &prefix, int first, int count)
{
    QStringList list;
    for (int i = first; i < first + count; ++i)
        list.append(u"%1 %2"_s.arg(prefix).arg(i));
    return list;
}

/// A scripted agent that prints a captured Claude Code session, a line every delayMs.
QJsonObject replayingProfile(const QString &sample, int delayMs)
{
    const QString script
        = delayMs > 0
              ? u"while IFS= read -r line; do printf '%s\\n' \"$line\"; sleep %1; done < '%2'"_s
                    .arg(delayMs / 1000.0)
                    .arg(QString::fromUtf8(sampleDir) + sample)
              : u"cat '%1'"_s.arg(QString::fromUtf8(sampleDir) + sample);
    return QJsonObject{{u"replay"_s,
                        QJsonObject{{u"binary"_s, u"/bin/sh"_s},
                                    {u"args"_s, QJsonArray{u"-c"_s, script}},
                                    {u"logFormat"_s, u"claude"_s}}}};
}

std::optional<Core::Attempt> createAttempt(Test::ScriptedEngine &f, const QString &title)
{
    Core::NewTask task;
    task.projectId = f.project.id;
    task.title = title;
    auto created = Test::await(f.engine->tasks().create(task));
    if (!created || !*created)
        return std::nullopt;
    Core::NewAttempt input;
    input.taskId = (*created)->id;
    input.llm = u"replay"_s;
    auto attempt = Test::await(f.engine->attempts().create(input));
    if (!attempt || !*attempt)
        return std::nullopt;
    return **attempt;
}

} // namespace

class tst_LogModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replaysTheLogOfARealRun();
    void followsARealRunLive();
    void joinsARealRunMidway();
    void eventsDuringTheReplayAreNeitherLostNorDoubled();
    void readsTheFileWhenEventsComeWithoutLines();
    void keepsProcessesInOrder();
    void loadsBodiesOnDemand();
    void appendsAHundredThousandEntries();
    void deletedAttemptEmptiesTheModel();
};

void tst_LogModel::replaysTheLogOfARealRun()
{
    auto f = Test::ScriptedEngine::open(replayingProfile(u"claude_write_file.jsonl"_s, 0));
    QVERIFY(f);
    const auto attempt = f->finishedAttempt(u"Create hello.txt"_s, u"replay"_s);
    QVERIFY(attempt);
    const Origins expected = originsInFiles(*f->engine, attempt->id);
    QVERIFY(expected.size() >= 6);

    LogModel model(*f->engine);
    QAbstractItemModelTester tester(&model);
    QSignalSpy replayed(&model, &LogModel::replayFinished);
    model.setAttempt(attempt->id);
    QVERIFY(model.isReplaying());
    QVERIFY(replayed.wait(5000));
    QCOMPARE(originsInModel(model), expected);

    // What the normalizer made of Claude Code's lines, kind by kind.
    QList<LogEntryKind> kinds;
    for (int row = 0; row < model.rowCount(); ++row)
        kinds.append(model.info(row).kind);
    QVERIFY(kinds.contains(LogEntryKind::AssistantMessage));
    QVERIFY(kinds.contains(LogEntryKind::ToolUse));
    QVERIFY(kinds.contains(LogEntryKind::FileEdit));
    QVERIFY(kinds.contains(LogEntryKind::Usage));
    QVERIFY(!kinds.contains(LogEntryKind::Raw));
    const int edit = int(kinds.indexOf(LogEntryKind::FileEdit));
    QVERIFY(model.summary(edit).endsWith(u"/hello.txt"_s));
    QCOMPARE(model.label(edit), u"create"_s);
    const int assistant = int(kinds.indexOf(LogEntryKind::AssistantMessage));
    QTRY_COMPARE(model.index(assistant).data(LogModel::TextRole).toString(),
                 u"I'll create hello.txt."_s);
}

void tst_LogModel::followsARealRunLive()
{
    auto f = Test::ScriptedEngine::open(
        replayingProfile(u"claude_write_file_partial_messages.jsonl"_s, 40));
    QVERIFY(f);
    const auto attempt = createAttempt(*f, u"Create hello.txt"_s);
    QVERIFY(attempt);

    LogModel model(*f->engine);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setAttempt(attempt->id);
    QTRY_VERIFY(!model.isReplaying());
    QCOMPARE(model.rowCount(), 0);

    const auto started = Test::await(f->engine->attempts().start(attempt->id));
    QVERIFY(started && *started);
    QVERIFY(f->waitFinished(attempt->id));
    const Origins expected = originsInFiles(*f->engine, attempt->id);
    QVERIFY(expected.size() >= 20);
    QTRY_COMPARE(originsInModel(model), expected);
    // Line by line as the agent printed them, not in one read at the end.
    QVERIFY2(inserted.size() >= 10, qPrintable(QString::number(inserted.size())));
}

void tst_LogModel::joinsARealRunMidway()
{
    auto f = Test::ScriptedEngine::open(
        replayingProfile(u"claude_write_file_partial_messages.jsonl"_s, 60));
    QVERIFY(f);
    const auto attempt = createAttempt(*f, u"Create hello.txt"_s);
    QVERIFY(attempt);
    const auto started = Test::await(f->engine->attempts().start(attempt->id));
    QVERIFY(started && *started);
    // Some lines are on disk already: they are replayed, the rest arrive as events.
    QTRY_VERIFY_WITH_TIMEOUT(originsInFiles(*f->engine, attempt->id).size() >= 5, 10000);

    LogModel model(*f->engine);
    model.setAttempt(attempt->id);
    QVERIFY(f->waitFinished(attempt->id));
    const Origins expected = originsInFiles(*f->engine, attempt->id);
    QTRY_COMPARE(originsInModel(model), expected);
}

void tst_LogModel::eventsDuringTheReplayAreNeitherLostNorDoubled()
{
    Test::LogFixture f;
    QVERIFY(f.isValid());
    const Core::ProcessId process = f.addProcess();
    // A long history, so that the replay takes several reads.
    const int history = 20000;
    f.write(process, f.linesFor(process, Test::LogFixture::entries(u"e"_s, 0, history)));

    LogModel model(f.engine());
    model.setAttempt(f.attemptId());
    // Lines announced while the process list is still loading…
    f.append(process, Test::LogFixture::entries(u"e"_s, history, 10));
    QTRY_VERIFY(model.rowCount() > 0);
    QVERIFY2(model.isReplaying(), "the replay should still be reading");
    // …and while the replay reads: with their lines, twice, and overlapping.
    int next = history + 10;
    for (int round = 0; round < 5; ++round) {
        const QByteArray lines = f.linesFor(process, Test::LogFixture::entries(u"e"_s, next, 50));
        const auto [start, end] = f.write(process, lines);
        f.announce(process, start, end, lines);
        f.announce(process, start, end, lines);
        next += 50;
        QCoreApplication::processEvents();
    }
    QTRY_VERIFY_WITH_TIMEOUT(!model.isReplaying(), 10000);
    // Live from here on.
    const QByteArray first = f.linesFor(process, Test::LogFixture::entries(u"e"_s, next, 20));
    const QByteArray second = f.linesFor(process, Test::LogFixture::entries(u"e"_s, next + 20, 20));
    const auto [start, middle] = f.write(process, first);
    const auto [middle2, end] = f.write(process, second);
    QCOMPARE(middle2, middle);
    f.announce(process, start, middle, first);
    f.announce(process, start, end, first + second); // overlaps what came before
    f.announce(process, start, middle, first);       // stale
    next += 40;
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), next, 10000);
    QCOMPARE(summaries(model), numbered(u"e"_s, 0, next));
    QCOMPARE(originsInModel(model), originsInFiles(f.engine(), f.attemptId()));
}

void tst_LogModel::readsTheFileWhenEventsComeWithoutLines()
{
    Test::LogFixture f;
    QVERIFY(f.isValid());
    const Core::ProcessId process = f.addProcess();
    LogModel model(f.engine());
    model.setAttempt(f.attemptId());
    QTRY_VERIFY(!model.isReplaying());

    f.append(process, Test::LogFixture::entries(u"n"_s, 0, 10));
    QTRY_COMPARE(model.rowCount(), 10);
    // The engine fell behind: offsets only, then lines again after a stretch not announced.
    const QByteArray quiet = f.linesFor(process, Test::LogFixture::entries(u"n"_s, 10, 10));
    const auto [start, end] = f.write(process, quiet);
    f.announce(process, start, end, {});
    const QByteArray unannounced = f.linesFor(process, Test::LogFixture::entries(u"n"_s, 20, 10));
    f.write(process, unannounced);
    f.append(process, Test::LogFixture::entries(u"n"_s, 30, 10));
    QTRY_COMPARE(model.rowCount(), 40);
    QCOMPARE(summaries(model), numbered(u"n"_s, 0, 40));
    // And back to lines carried by the events.
    f.append(process, Test::LogFixture::entries(u"n"_s, 40, 5));
    QTRY_COMPARE(model.rowCount(), 45);
    QCOMPARE(summaries(model), numbered(u"n"_s, 0, 45));
}

void tst_LogModel::keepsProcessesInOrder()
{
    Test::LogFixture f;
    QVERIFY(f.isValid());
    const Core::ProcessId setup = f.addProcess();
    const Core::ProcessId agent = f.addProcess();
    f.append(setup, Test::LogFixture::entries(u"setup"_s, 0, 10));
    f.append(agent, Test::LogFixture::entries(u"agent"_s, 0, 10));

    LogModel model(f.engine());
    QAbstractItemModelTester tester(&model);
    model.setAttempt(f.attemptId());
    QTRY_VERIFY(!model.isReplaying());
    QCOMPARE(summaries(model), numbered(u"setup"_s, 0, 10) + numbered(u"agent"_s, 0, 10));

    // Live lines of the agent, then late lines of the setup: each goes with its process.
    f.append(agent, Test::LogFixture::entries(u"agent"_s, 10, 5));
    QTRY_COMPARE(model.rowCount(), 25);
    f.append(setup, Test::LogFixture::entries(u"setup"_s, 10, 3));
    QTRY_COMPARE(model.rowCount(), 28);
    // A process announced now comes last; so does one only its lines announce.
    const Core::ProcessId cleanup = f.addProcess();
    f.append(cleanup, Test::LogFixture::entries(u"cleanup"_s, 0, 2));
    const Core::ProcessId quiet = f.addProcess(false);
    f.append(quiet, Test::LogFixture::entries(u"quiet"_s, 0, 2));
    QTRY_COMPARE(model.rowCount(), 32);
    QCOMPARE(summaries(model),
             numbered(u"setup"_s, 0, 13) + numbered(u"agent"_s, 0, 15)
                 + numbered(u"cleanup"_s, 0, 2) + numbered(u"quiet"_s, 0, 2));
    QCOMPARE(model.index(0).data(LogModel::ProcessIdRole).toString(), setup.toString());
    QCOMPARE(model.index(13).data(LogModel::ProcessIdRole).toString(), agent.toString());
    QCOMPARE(model.index(31).data(LogModel::ProcessIdRole).toString(), quiet.toString());
}

void tst_LogModel::loadsBodiesOnDemand()
{
    Test::LogFixture f;
    QVERIFY(f.isValid());
    const Core::ProcessId process = f.addProcess();
    f.write(process, f.linesFor(process, Test::LogFixture::entries(u"b"_s, 0, 5000)));
    LogModel model(f.engine());
    model.setAttempt(f.attemptId());
    QTRY_VERIFY(!model.isReplaying());
    QCOMPARE(model.rowCount(), 5000);

    // Only the last rows of each read come with their bodies; the others are read on demand.
    QCOMPARE(model.info(0).kind, LogEntryKind::AssistantMessage);
    QVERIFY(model.detail(0) == nullptr);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QTRY_VERIFY(model.detail(0) != nullptr);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(model.index(0).data(LogModel::TextRole).toString(),
             u"b 0\n\nSome **bold** words and `code`."_s);
    const int command = 2;
    QCOMPARE(model.info(command).kind, LogEntryKind::Command);
    QTRY_COMPARE(model.index(command).data(LogModel::LinesRole).toStringList(),
                 (QStringList{u"total 0"_s, u"file-a"_s, u"file-b"_s}));
    QCOMPARE(model.index(command).data(LogModel::ExitCodeRole).toInt(), 0);
    QCOMPARE(model.info(command).lineCount, 3u);
    // The last rows drawn from their text came with it; folded ones need none to be drawn.
    QCOMPARE(model.info(4995).kind, LogEntryKind::AssistantMessage);
    QVERIFY(model.detail(4995) != nullptr);
    QCOMPARE(model.info(4999).kind, LogEntryKind::Thinking);
    QVERIFY(model.detail(4999) == nullptr);
}

void tst_LogModel::appendsAHundredThousandEntries()
{
    Test::LogFixture f;
    QVERIFY(f.isValid());
    const Core::ProcessId process = f.addProcess();
    LogModel model(f.engine());
    model.setAttempt(f.attemptId());
    QTRY_VERIFY(!model.isReplaying());

    const int total = 100'000;
    const int perEvent = 500;
    for (int first = 0; first < total; first += perEvent) {
        f.append(process, Test::LogFixture::entries(u"x"_s, first, perEvent));
        if ((first / perEvent) % 8 == 0)
            QCoreApplication::processEvents();
    }
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), total, 60000);
    for (int row = 0; row < total; row += 997)
        QCOMPARE(model.summary(row), u"x %1"_s.arg(row));
    QCOMPARE(model.summary(total - 1), u"x %1"_s.arg(total - 1));
    for (int row = 1; row < total; ++row)
        QVERIFY(model.info(row).offset > model.info(row - 1).offset);
    QCOMPARE(model.info(total - 1).kind, LogEntryKind::Thinking);
}

void tst_LogModel::deletedAttemptEmptiesTheModel()
{
    Test::LogFixture f;
    QVERIFY(f.isValid());
    const Core::ProcessId process = f.addProcess();
    f.append(process, Test::LogFixture::entries(u"d"_s, 0, 3));
    LogModel model(f.engine());
    model.setAttempt(f.attemptId());
    QTRY_COMPARE(model.rowCount(), 3);
    Core::Attempt gone;
    gone.id = f.attemptId();
    f.engine().events().publish(Core::AttemptEvent{Core::ChangeKind::Deleted, gone, {}, {}});
    QCOMPARE(model.rowCount(), 0);
    f.append(process, Test::LogFixture::entries(u"d"_s, 3, 3));
    QTest::qWait(50);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(tst_LogModel)
#include "tst_logmodel.moc"
