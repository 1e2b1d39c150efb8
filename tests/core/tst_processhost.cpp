// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/processhost.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cerrno>
#include <csignal>

using namespace Qt::StringLiterals;
using Core::ProcessId;
using Core::ProcessOutcome;

/// Real processes in their own groups: output to NDJSON, cancel escalation, timeouts, and no
/// survivors in the group afterwards.
class TestProcessHost final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Run
    {
        ProcessOutcome outcome;
        qint64 pid = 0;
        QList<QJsonObject> entries;
        qint64 finishedAtMs = 0; ///< When processFinished arrived (ms since the epoch).
    };

    Core::ProcessSpec shell(const QString &script, const QString &format = u"plain"_s)
    {
        Core::ProcessSpec spec;
        spec.id = ProcessId::generate();
        spec.program = u"/bin/bash"_s;
        spec.arguments = {u"-c"_s, script};
        spec.workingDirectory = m_dir.path();
        spec.environment = QProcessEnvironment::systemEnvironment();
        spec.logFormat = format;
        return spec;
    }

    QList<QJsonObject> readLog(const QString &path)
    {
        QList<QJsonObject> entries;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : file.readAll().split('\n')) {
                if (!line.isEmpty())
                    entries.append(QJsonDocument::fromJson(line).object());
            }
        }
        return entries;
    }

    /// Starts spec; calls afterStart() right after asking for the start, during() once it runs
    /// (with its pid); waits for the end.
    Run run(Core::ProcessHost &host,
            const Core::ProcessSpec &spec,
            const std::function<void(qint64)> &during = {},
            const std::function<void()> &afterStart = {})
    {
        Run result;
        const QString log = m_dir.filePath(spec.id.toString() + u".ndjson"_s);
        bool finished = false;
        QObject context;
        connect(&host,
                &Core::ProcessHost::processStarted,
                &context,
                [&](const ProcessId &id, qint64 pid, qint64) {
                    if (id != spec.id)
                        return;
                    result.pid = pid;
                    if (during)
                        during(pid);
                });
        connect(&host,
                &Core::ProcessHost::processFinished,
                &context,
                [&](const ProcessOutcome &outcome) {
                    if (outcome.id == spec.id) {
                        result.outcome = outcome;
                        result.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
                        finished = true;
                    }
                });
        host.openLog(spec.id, log);
        host.start(spec);
        if (afterStart)
            afterStart();
        if (!QTest::qWaitFor([&] { return finished; }, 30'000))
            qWarning("the process did not finish");
        host.closeLog(spec.id);
        const auto synced = host.sync();
        (void) QTest::qWaitFor([&synced] { return synced.isFinished(); }, 5000);
        result.entries = readLog(log);
        return result;
    }

    static bool groupAlive(qint64 pgid) { return ::kill(-pid_t(pgid), 0) == 0 || errno != ESRCH; }

private Q_SLOTS:
    void writesOutputAsNormalizedLines()
    {
        Core::ProcessHost host;
        const Run result = run(host,
                               shell(u"echo hello; echo oops >&2; printf 'no newline'; exit 3"_s));
        QVERIFY(result.outcome.started);
        QCOMPARE(result.outcome.exitCode, 3);
        QVERIFY(result.pid > 0);
        QStringList messages;
        for (const QJsonObject &entry : result.entries)
            messages.append(entry.value(u"message"_s).toString());
        QVERIFY(messages.contains(u"hello"_s));
        QVERIFY(messages.contains(u"no newline"_s)); // the last line without its newline is kept
        QVERIFY(messages.contains(u"oops"_s));
        for (const QJsonObject &entry : result.entries) {
            if (entry.value(u"message"_s).toString() == "oops"_L1)
                QCOMPARE(entry.value(u"stream"_s).toString(), u"stderr"_s);
        }
        QCOMPARE(result.outcome.logEntries, result.entries.size());
        QCOMPARE(result.entries.last().value(u"seq"_s).toInt(), result.entries.size());
    }

    void stdinStaysOpenOnRequestAndControlLinesArePassedOn()
    {
        Core::ProcessHost host;
        // Echoes what it is sent, as an agent speaking a protocol answers on stdout.
        Core::ProcessSpec spec
            = shell(u"while IFS= read -r line; do printf '%s\\n' \"$line\"; done; echo eof >&2"_s,
                    u"claude"_s);
        spec.keepStdinOpen = true;
        QList<QJsonObject> control;
        int ends = 0;
        QObject context;
        connect(&host,
                &Core::ProcessHost::controlMessage,
                &context,
                [&](const ProcessId &id, const QJsonObject &message) {
                    if (id == spec.id)
                        control.append(message);
                });
        // As the attempt service does: the closing line ends the input.
        connect(&host,
                &Core::ProcessHost::factsChanged,
                &context,
                [&](const ProcessId &id, const Core::ProcessFacts &facts) {
                    if (id == spec.id && facts.reportedEnd && ends++ == 0)
                        host.closeStdin(id);
                });
        const QByteArray request = "{\"type\":\"control_request\",\"request_id\":\"r1\","
                                   "\"request\":{\"subtype\":\"can_use_tool\",\"tool_name\":"
                                   "\"Bash\",\"input\":{\"command\":\"ls\"}}}\n";
        // Mentions "control_ in its text, but is no control line.
        const QByteArray text = "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":"
                                "\"text\",\"text\":\"a \\\"control_ word\"}]}}\n";
        const QByteArray result = "{\"type\":\"result\",\"is_error\":false,\"result\":\"done\"}\n";
        const Run finished = run(host, spec, {}, [&] {
            // Written before the process has started: held until it has.
            host.writeStdin(spec.id, request + text);
            host.writeStdin(spec.id, result);
        });
        QVERIFY(finished.outcome.started);
        QCOMPARE(finished.outcome.exitCode, 0);
        QVERIFY(!finished.outcome.cancelled);
        QVERIFY(finished.outcome.facts.reportedEnd);
        QCOMPARE(ends, 1);
        QCOMPARE(control.size(), 1);
        QCOMPARE(control.first().value(u"request_id"_s).toString(), u"r1"_s);
        QStringList messages;
        for (const QJsonObject &entry : finished.entries) {
            QVERIFY2(entry.value(u"kind"_s).toString() != "raw"_L1,
                     qPrintable(entry.value(u"message"_s).toString()));
            messages.append(entry.value(u"message"_s).toString());
        }
        QVERIFY2(messages.contains(u"Waiting for approval: Bash: ls"_s),
                 qPrintable(messages.join(u'|')));
        QVERIFY(messages.contains(u"a \"control_ word"_s));
        QVERIFY(messages.contains(u"eof"_s)); // stdin was closed, so the loop ended
        // Written after the end: dropped, no crash.
        host.writeStdin(spec.id, request);
        host.closeStdin(spec.id);
        const auto synced = host.sync();
        QTRY_VERIFY_WITH_TIMEOUT(synced.isFinished(), 5000);
    }

    void stdinIsClosedUnlessAsked()
    {
        Core::ProcessHost host;
        Core::ProcessSpec spec = shell(
            u"cat; echo '{\"type\":\"control_request\",\"request_id\":\"r\",\"request\":{}}'"_s,
            u"claude"_s);
        int control = 0;
        QObject context;
        connect(&host, &Core::ProcessHost::controlMessage, &context, [&] { ++control; });
        const Run finished = run(host, spec, {}, [&] { host.writeStdin(spec.id, "ignored\n"); });
        // cat met the end of its input at once; nobody could answer a control line.
        QCOMPARE(finished.outcome.exitCode, 0);
        QCOMPARE(control, 0);
        for (const QJsonObject &entry : finished.entries)
            QVERIFY(!entry.value(u"message"_s).toString().contains(u"ignored"_s));
    }

    void runsInItsOwnDirectoryAndGroup()
    {
        Core::ProcessHost host;
        const Run result = run(host, shell(u"echo \"$PWD\"; ps -o pgid= -p $$ | tr -d ' '"_s));
        QCOMPARE(result.entries.value(0).value(u"message"_s).toString(), m_dir.path());
        // A group of its own, led by the process itself.
        QCOMPARE(result.entries.value(1).value(u"message"_s).toString(),
                 QString::number(result.pid));
    }

    void reportsAProgramThatCannotStart()
    {
        Core::ProcessHost host;
        Core::ProcessSpec spec = shell(QString());
        spec.program = u"/nonexistent/agent"_s;
        const Run result = run(host, spec);
        QVERIFY(!result.outcome.started);
        QVERIFY(!result.outcome.startError.isEmpty());
    }

    void cancelEscalatesAndLeavesNoSurvivor()
    {
        Core::ProcessHost host;
        host.setCancelStepMs(300);
        // Everything in the group ignores SIGINT and SIGTERM: only SIGKILL ends it.
        const Core::ProcessSpec spec = shell(
            u"trap '' INT TERM; sleep 300 & sleep 300 & echo ready; wait"_s);
        qint64 cancelledAtMs = 0;
        const Run result = run(host, spec, [&host, &spec, &cancelledAtMs](qint64) {
            QTimer::singleShot(200, &host, [&host, &spec, &cancelledAtMs] {
                cancelledAtMs = QDateTime::currentMSecsSinceEpoch();
                host.cancel(spec.id, u"test"_s);
            });
        });
        QVERIFY(result.outcome.cancelled);
        QVERIFY(result.outcome.crashed); // ended by SIGKILL
        const qint64 took = result.finishedAtMs - cancelledAtMs;
        QVERIFY2(took >= 550, qPrintable(QString::number(took))); // two steps of 300 ms
        QTRY_VERIFY_WITH_TIMEOUT(!groupAlive(result.pid), 5000);
        QStringList messages;
        for (const QJsonObject &entry : result.entries)
            messages.append(entry.value(u"message"_s).toString());
        QVERIFY(messages.contains(u"Cancelling: test"_s));
        QVERIFY(messages.join(u'\n').contains(u"Sent SIGINT"_s));
        QVERIFY(messages.join(u'\n').contains(u"Sent SIGKILL"_s));
    }

    void aPoliteProcessStopsAtSigint()
    {
        Core::ProcessHost host;
        host.setCancelStepMs(2000);
        const Core::ProcessSpec spec = shell(u"exec sleep 300"_s);
        qint64 cancelledAtMs = 0;
        const Run result = run(host, spec, [&host, &spec, &cancelledAtMs](qint64) {
            QTimer::singleShot(100, &host, [&host, &spec, &cancelledAtMs] {
                cancelledAtMs = QDateTime::currentMSecsSinceEpoch();
                host.cancel(spec.id, u"test"_s);
            });
        });
        QVERIFY(result.outcome.cancelled);
        // SIGINT was enough: no second step 2 s later.
        const qint64 took = result.finishedAtMs - cancelledAtMs;
        QVERIFY2(took < 1500, qPrintable(QString::number(took)));
        QTRY_VERIFY_WITH_TIMEOUT(!groupAlive(result.pid), 5000);
    }

    void childrenLeftBehindAreStopped()
    {
        Core::ProcessHost host;
        const Run result = run(host, shell(u"sleep 300 & echo $!"_s));
        QCOMPARE(result.outcome.exitCode, 0);
        const qint64 child = result.entries.value(0).value(u"message"_s).toString().toLongLong();
        QVERIFY(child > 0);
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(child), 0) != 0, 5000);
    }

    void timeoutStopsTheProcess()
    {
        Core::ProcessHost host;
        host.setCancelStepMs(300);
        Core::ProcessSpec spec = shell(u"sleep 300"_s);
        spec.timeoutMs = 300;
        const Run result = run(host, spec);
        QVERIFY(result.outcome.timedOut);
        QVERIFY(result.outcome.cancelled);
    }

    void endlessLinesAreCutNotHoarded()
    {
        Core::ProcessHost host;
        // 10 MiB without a newline: kept, in pieces of at most 4 MiB.
        const Run result = run(host, shell(u"head -c 10485760 /dev/zero | tr '\\\\0' a"_s));
        QCOMPARE(result.outcome.exitCode, 0);
        qint64 characters = 0;
        for (const QJsonObject &entry : result.entries)
            characters += entry.value(u"text"_s).toString().size();
        QCOMPARE(characters, 10 * 1024 * 1024);
        QVERIFY(result.entries.size() >= 3);
    }

    void startTicksIdentifyAProcess()
    {
        const auto mine = Core::processStartTicks(QCoreApplication::applicationPid());
        QVERIFY(mine.has_value());
        QVERIFY(*mine > 0);
        QVERIFY(!Core::processStartTicks(999'999'999).has_value());
    }
};

QTEST_GUILESS_MAIN(TestProcessHost)
#include "tst_processhost.moc"
