// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
// kill -9 of Forgedesk in the middle of an attempt run by the real Claude Code, then a restart.
#include "tests/support/agentkit.h"
#include "tests/support/httpclient.h"
#include "tests/support/tempgitrepo.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>

using namespace Qt::StringLiterals;

class TestRecovery final : public QObject
{
    Q_OBJECT

private:
    struct Running
    {
        std::unique_ptr<QProcess> process;
        QString url;
    };

    Running start(const QString &dataDir)
    {
        Running running;
        running.process = std::make_unique<QProcess>();
        running.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        running.process->start(QStringLiteral(FORGEDESK_BINARY),
                               {u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, dataDir});
        QByteArray out;
        QDeadlineTimer deadline(15'000);
        while (!out.contains('\n') && !deadline.hasExpired()
               && running.process->state() != QProcess::NotRunning) {
            running.process->waitForReadyRead(100);
            out += running.process->readAllStandardOutput();
        }
        static const QRegularExpression line(u"forgedesk listening on (\\S+)"_s);
        running.url = line.match(QString::fromUtf8(out)).captured(1);
        return running;
    }

private Q_SLOTS:
    void aKilledForgedeskLeavesNothingRunning()
    {
        Test::MockModel mock(Test::MockModel::Api::Anthropic, u"slow.json"_s);
        QVERIFY(mock.isRunning());
        Test::AgentEnvironment environment(mock);
        Test::TempGitRepo repo;
        QTemporaryDir data;

        Running first = start(data.path());
        QVERIFY(!first.url.isEmpty());
        QString attemptId;
        qint64 agentPid = 0;
        QString worktree;
        {
            Test::HttpClient http(first.url);
            const QString project = http.post(u"/api/projects"_s,
                                              {{u"name"_s, u"P"_s}, {u"repoPath"_s, repo.path()}})
                                        .data()
                                        .value(u"id"_s)
                                        .toString();
            const QString task = http.post(u"/api/tasks"_s,
                                           {{u"projectId"_s, project}, {u"title"_s, u"Slow"_s}})
                                     .data()
                                     .value(u"id"_s)
                                     .toString();
            attemptId = http.post(u"/api/attempts"_s, {{u"taskId"_s, task}, {u"llm"_s, u"claude"_s}})
                            .data()
                            .value(u"id"_s)
                            .toString();
            QCOMPARE(http.post(u"/api/attempts/"_s + attemptId + u"/start"_s, {}).status, 200);
            QTRY_VERIFY_WITH_TIMEOUT(mock.requestCount() > 0, 30'000);
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    for (const QJsonValue &p :
                         http.get(u"/api/processes?attemptId="_s + attemptId).dataArray()) {
                        const QJsonObject process = p.toObject();
                        if (process.value(u"kind"_s).toString() == "agent"_L1
                            && process.value(u"status"_s).toString() == "running"_L1
                            && !process.value(u"pid"_s).isNull())
                            agentPid = process.value(u"pid"_s).toInteger();
                    }
                    return agentPid > 0;
                }(),
                15'000);
            worktree = http.get(u"/api/attempts/"_s + attemptId)
                           .data()
                           .value(u"worktreePath"_s)
                           .toString();
        }
        // No goodbye: the agent keeps running, an orphan in its own group.
        ::kill(pid_t(first.process->processId()), SIGKILL);
        QVERIFY(first.process->waitForFinished(10'000));
        QCOMPARE(::kill(-pid_t(agentPid), 0), 0);

        Running second = start(data.path());
        QVERIFY(!second.url.isEmpty());
        Test::HttpClient http(second.url);
        // The restarted Forgedesk ends the orphan's group and records what happened.
        QTRY_VERIFY_WITH_TIMEOUT(::kill(-pid_t(agentPid), 0) != 0 && errno == ESRCH, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(http.get(u"/api/attempts/"_s + attemptId)
                                      .data()
                                      .value(u"status"_s)
                                      .toString(),
                                  u"failed"_s,
                                  10'000);
        const QJsonObject attempt = http.get(u"/api/attempts/"_s + attemptId).data();
        QCOMPARE(attempt.value(u"failureReason"_s).toString(), u"interrupted"_s);
        bool agentInterrupted = false;
        for (const QJsonValue &p :
             http.get(u"/api/processes?attemptId="_s + attemptId).dataArray()) {
            const QJsonObject process = p.toObject();
            QVERIFY(process.value(u"status"_s).toString() != "running"_L1);
            if (process.value(u"kind"_s).toString() == "agent"_L1)
                agentInterrupted = process.value(u"failureReason"_s).toString() == "interrupted"_L1;
        }
        QVERIFY(agentInterrupted);
        // Logs and worktree are kept.
        QVERIFY(QDir(worktree).exists());
        const QByteArray logs = http.get(u"/api/attempts/"_s + attemptId + u"/logs"_s).body;
        QVERIFY(logs.contains("Interrupted"));
        QVERIFY(logs.contains("Starting Claude Code"));
        const QJsonObject task
            = http.get(u"/api/tasks/"_s + attempt.value(u"taskId"_s).toString()).data();
        QCOMPARE(task.value(u"status"_s).toString(), u"in_review"_s);
        ::kill(pid_t(second.process->processId()), SIGTERM);
        QVERIFY(second.process->waitForFinished(10'000));
        QCOMPARE(second.process->exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRecovery)
#include "tst_recovery.moc"
