// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attemptservice.h"
#include "core/devservers.h"
#include "core/engine.h"
#include "core/processhost.h"
#include "core/projectservice.h"
#include "core/taskservice.h"
#include "tests/support/futures.h"
#include "tests/support/scriptedengine.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using Core::ErrorCode;
using Core::ProcessStatus;

class TestDevServers final : public QObject
{
    Q_OBJECT

    using Fixture = Test::ScriptedEngine;

    /// An engine whose "agent" writes one file; the project runs devScript.
    static std::unique_ptr<Fixture> fixture(const std::optional<QString> &devScript)
    {
        const QJsonObject profiles{
            {u"scripted"_s,
             QJsonObject{{u"binary"_s, u"/bin/sh"_s},
                         {u"args"_s, QJsonArray{u"-c"_s, u"echo made > made.txt"_s}},
                         {u"logFormat"_s, u"plain"_s}}}};
        auto f = Fixture::open(profiles, {}, devScript);
        if (f)
            f->engine->processes().setCancelStepMs(200);
        return f;
    }

    static std::optional<Core::Attempt> finishedAttempt(Fixture &f)
    {
        return f.finishedAttempt(u"Serve the app"_s, u"scripted"_s);
    }

    static std::optional<Core::ExecutionProcess> processWhen(
        Fixture &f,
        const Core::ProcessId &id,
        const std::function<bool(const Core::ExecutionProcess &)> &wanted)
    {
        QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired()) {
            auto process = Test::await(f.engine->attempts().getProcess(id));
            if (process && *process && wanted(**process))
                return **process;
            QTest::qWait(50);
        }
        return std::nullopt;
    }

    static bool groupAlive(qint64 pgid) { return ::kill(pid_t(-pgid), 0) == 0; }

private Q_SLOTS:
    void detectsTheAddressServersPrint_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("url");
        QTest::newRow("vite") << "  \xe2\x9e\x9c  Local:   http://localhost:5173/"_ba
                              << u"http://localhost:5173/"_s;
        QTest::newRow("any address")
            << "listening on http://0.0.0.0:3000"_ba << u"http://localhost:3000"_s;
        QTest::newRow("loopback") << "ready - started server on http://127.0.0.1:8080/app"_ba
                                  << u"http://127.0.0.1:8080/app"_s;
        QTest::newRow("json log line")
            << "{\"message\":\"Server at http://localhost:4000\",\"level\":\"info\"}"_ba
            << u"http://localhost:4000"_s;
        QTest::newRow("no port") << "see http://example.com for docs"_ba << QString();
        QTest::newRow("nothing") << "compiling..."_ba << QString();
    }

    void detectsTheAddressServersPrint()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, url);
        QCOMPARE(Core::DevServers::detectUrl(line), url);
    }

    void runsTheProjectsDevScriptAndFindsItsAddress()
    {
        auto f = fixture(u"echo \"  Local:   http://0.0.0.0:$PORT/\"; exec sleep 60"_s);
        QVERIFY(f);
        auto attempt = finishedAttempt(*f);
        QVERIFY(attempt);
        auto started = Test::await(f->engine->devServers().start(attempt->id, {}, 4173));
        QVERIFY(started);
        QVERIFY2(*started, qPrintable(*started ? QString() : started->error().message));
        QCOMPARE((*started)->kind, Core::ProcessKind::DevServer);
        QCOMPARE((*started)->port, 4173);

        auto running = processWhen(*f, (*started)->id, [](const Core::ExecutionProcess &p) {
            return p.status == ProcessStatus::Running && p.url == u"http://localhost:4173/"_s;
        });
        QVERIFY2(running, "the dev server never reported its address");
        QVERIFY(running->pid);
        QVERIFY(groupAlive(*running->pid));

        // Listed with the attempt's other processes.
        auto processes = Test::await(f->engine->attempts().processesOf(attempt->id));
        QVERIFY(processes && *processes);
        bool listed = false;
        for (const auto &p : **processes)
            listed = listed || p.id == running->id;
        QVERIFY(listed);

        // Stopped like any other process.
        auto stopped = Test::await(f->engine->attempts().cancelProcess(running->id), 15000);
        QVERIFY(stopped && *stopped);
        auto ended = processWhen(*f, running->id, [](const Core::ExecutionProcess &p) {
            return p.status == ProcessStatus::Cancelled;
        });
        QVERIFY(ended);
        QTRY_VERIFY_WITH_TIMEOUT(!groupAlive(*running->pid), 5000);
    }

    void runsANamedNpmScriptWithoutAShell()
    {
        if (QStandardPaths::findExecutable(u"npm"_s).isEmpty()
            || QStandardPaths::findExecutable(u"node"_s).isEmpty())
            QSKIP("npm and node are needed for npm scripts");
        auto f = fixture(std::nullopt);
        QVERIFY(f);
        QVERIFY(f->repo.commitFile(
            u"package.json"_s,
            "{\"name\":\"web\",\"version\":\"1.0.0\",\"scripts\":{\"serve\":\"node -e "
            "\\\"console.log('ready on http://127.0.0.1:' + process.env.PORT + '/npm'); "
            "setInterval(() => {}, 1000)\\\"\"}}"_ba,
            u"Add package.json"_s));
        auto attempt = finishedAttempt(*f);
        QVERIFY(attempt);
        auto started = Test::await(f->engine->devServers().start(attempt->id, u"serve"_s, 5001));
        QVERIFY(started && *started);
        QCOMPARE((*started)->command.value(1), u"run"_s);
        QCOMPARE((*started)->command.value(2), u"serve"_s);
        auto running = processWhen(*f, (*started)->id, [](const Core::ExecutionProcess &p) {
            // What it printed, not what the port alone suggests: npm really ran it.
            return p.url == u"http://127.0.0.1:5001/npm"_s && p.pid.has_value();
        });
        QVERIFY2(running, "npm run serve never printed its address");

        // A second one replaces the first.
        auto second = Test::await(f->engine->devServers().start(attempt->id, u"serve"_s, 5002),
                                  15000);
        QVERIFY(second && *second);
        QVERIFY(processWhen(*f, running->id, [](const Core::ExecutionProcess &p) {
            return p.status == ProcessStatus::Cancelled;
        }));
        QTRY_VERIFY_WITH_TIMEOUT(!groupAlive(*running->pid), 5000);

        // Deleting the attempt stops it before the worktree goes.
        auto secondRunning = processWhen(*f, (*second)->id, [](const Core::ExecutionProcess &p) {
            return p.pid.has_value();
        });
        QVERIFY(secondRunning);
        auto removed = Test::await(f->engine->attempts().remove(attempt->id), 15000);
        QVERIFY(removed && *removed);
        QTRY_VERIFY_WITH_TIMEOUT(!groupAlive(*secondRunning->pid), 5000);
        QVERIFY(!QFileInfo::exists(attempt->worktreePath));
    }

    void badRequestsAreRefused()
    {
        auto f = fixture(std::nullopt);
        QVERIFY(f);
        auto attempt = finishedAttempt(*f);
        QVERIFY(attempt);
        Core::DevServers &servers = f->engine->devServers();

        auto noScript = Test::await(servers.start(attempt->id, {}, std::nullopt));
        QVERIFY(noScript && !*noScript);
        QCOMPARE(noScript->error().field(), u"script"_s);

        auto hostile = Test::await(servers.start(attempt->id, u"dev; rm -rf /"_s, std::nullopt));
        QVERIFY(hostile && !*hostile);
        QCOMPARE(hostile->error().field(), u"script"_s);

        auto badPort = Test::await(servers.start(attempt->id, u"dev"_s, 70000));
        QVERIFY(badPort && !*badPort);
        QCOMPARE(badPort->error().field(), u"port"_s);

        auto unknown = Test::await(
            servers.start(Core::AttemptId(u"attempt_nope"_s), u"dev"_s, 3000));
        QVERIFY(unknown && !*unknown);
        QCOMPARE(unknown->error().code, ErrorCode::NotFound);

        auto notRunning = Test::await(servers.stop(Core::ProcessId(u"proc_nope"_s)));
        QVERIFY(notRunning && !*notRunning);
        QCOMPARE(notRunning->error().code, ErrorCode::Conflict);
    }
};

QTEST_GUILESS_MAIN(TestDevServers)
#include "tst_devservers.moc"
