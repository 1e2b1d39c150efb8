// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/support/httpclient.h"
#include "tests/support/tempgitrepo.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

/// The forgedesk executable as a user runs it: flags, the listening line, signals, restarts.
class TestForgedesk final : public QObject
{
    Q_OBJECT

private:
    struct Running
    {
        std::unique_ptr<QProcess> process;
        QString url;
    };

    static QString binary() { return QStringLiteral(FORGEDESK_BINARY); }

    /// Starts forgedesk and waits for its one listening line.
    Running start(const QStringList &arguments)
    {
        Running running;
        running.process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        env.remove(u"QT_QPA_PLATFORM"_s);
        running.process->setProcessEnvironment(env);
        running.process->start(binary(), arguments);
        if (!running.process->waitForStarted(5000))
            return running;
        QByteArray out;
        QDeadlineTimer deadline(10000);
        while (!out.contains('\n') && !deadline.hasExpired()
               && running.process->state() == QProcess::Running) {
            running.process->waitForReadyRead(200);
            out += running.process->readAllStandardOutput();
        }
        static const QRegularExpression line(
            u"^forgedesk listening on (http://127\\.0\\.0\\.1:\\d+)\n$"_s);
        const auto match = line.match(QString::fromUtf8(out));
        if (match.hasMatch())
            running.url = match.captured(1);
        else
            qWarning() << "unexpected output" << out << running.process->readAllStandardError();
        return running;
    }

    static bool stop(QProcess &process, int signal)
    {
        ::kill(pid_t(process.processId()), signal);
        return process.waitForFinished(10000);
    }

    QTemporaryDir m_dataDir;
    Test::TempGitRepo m_repo;

private Q_SLOTS:
    void servesHeadlessAndPersistsAcrossRestarts()
    {
        QString taskId;
        {
            Running app = start(
                {u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, m_dataDir.path()});
            QVERIFY(!app.url.isEmpty());
            Test::HttpClient http(app.url);
            const QString project = http.post(u"/api/projects"_s,
                                              {{u"name"_s, u"Demo"_s},
                                               {u"repoPath"_s, m_repo.path()}})
                                        .data()
                                        .value(u"id"_s)
                                        .toString();
            QVERIFY(project.startsWith(u"proj_"_s));
            const Test::HttpReply task = http.post(u"/api/tasks"_s,
                                                   {{u"projectId"_s, project},
                                                    {u"title"_s, u"Survive a restart"_s}});
            QCOMPARE(task.status, 201);
            taskId = task.data().value(u"id"_s).toString();
            QVERIFY(stop(*app.process, SIGTERM));
            QCOMPARE(app.process->exitStatus(), QProcess::NormalExit);
            QCOMPARE(app.process->exitCode(), 0);
            // Exactly one line on stdout.
            QCOMPARE(app.process->readAllStandardOutput(), QByteArray());
        }
        {
            Running app = start(
                {u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, m_dataDir.path()});
            QVERIFY(!app.url.isEmpty());
            Test::HttpClient http(app.url);
            const Test::HttpReply task = http.get(u"/api/tasks/"_s + taskId);
            QCOMPARE(task.status, 200);
            QCOMPARE(task.data().value(u"title"_s).toString(), u"Survive a restart"_s);
            QVERIFY(stop(*app.process, SIGINT));
            QCOMPARE(app.process->exitCode(), 0);
        }
    }

    void runsHeadlessWhenThereIsNoDisplay()
    {
        Running app = start({u"--port"_s, u"0"_s, u"--data-dir"_s, m_dataDir.path()});
        QVERIFY(!app.url.isEmpty());
        QVERIFY(stop(*app.process, SIGTERM));
        const QByteArray err = app.process->readAllStandardError();
        QVERIFY2(err.contains("no display") || err.contains("no window"), err.constData());
    }

    void oneInstancePerDataDirectory()
    {
        Running first = start(
            {u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, m_dataDir.path()});
        QVERIFY(!first.url.isEmpty());
        QProcess second;
        second.start(binary(),
                     {u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, m_dataDir.path()});
        QVERIFY(second.waitForFinished(10000));
        QCOMPARE(second.exitCode(), 1);
        QVERIFY2(second.readAllStandardError().contains("another Forgedesk"),
                 "the refusal names the reason");
        QVERIFY(stop(*first.process, SIGTERM));
    }

    void reportsBadFlagsAndBusyPorts()
    {
        QTemporaryDir dir;
        QProcess badPort;
        badPort.start(binary(),
                      {u"--headless"_s, u"--port"_s, u"http"_s, u"--data-dir"_s, dir.path()});
        QVERIFY(badPort.waitForFinished(10000));
        QCOMPARE(badPort.exitCode(), 2);
        QVERIFY(badPort.readAllStandardError().contains("--port"));

        QProcess badHost;
        badHost
            .start(binary(),
                   {u"--headless"_s, u"--host"_s, u"not an address"_s, u"--data-dir"_s, dir.path()});
        QVERIFY(badHost.waitForFinished(10000));
        QCOMPARE(badHost.exitCode(), 2);

        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
        QProcess busy;
        busy.start(binary(),
                   {u"--headless"_s,
                    u"--port"_s,
                    QString::number(occupant.serverPort()),
                    u"--data-dir"_s,
                    dir.path()});
        QVERIFY(busy.waitForFinished(10000));
        QCOMPARE(busy.exitCode(), 1);
        QVERIFY(busy.readAllStandardError().contains("cannot listen"));

        QProcess exposed;
        exposed.start(binary(),
                      {u"--headless"_s,
                       u"--host"_s,
                       u"0.0.0.0"_s,
                       u"--port"_s,
                       u"0"_s,
                       u"--data-dir"_s,
                       dir.path()});
        QVERIFY(exposed.waitForFinished(10000));
        QCOMPARE(exposed.exitCode(), 1);
        QVERIFY(exposed.readAllStandardError().contains("API keys"));
    }
};

QTEST_GUILESS_MAIN(TestForgedesk)
#include "tst_forgedesk.moc"
