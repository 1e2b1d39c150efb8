// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
// Attempts run by the REAL agent CLIs (installed from npm by scripts/install-agents) against the
// loopback mock models, driven through the HTTP API as a user would.
#include "core/attemptservice.h"
#include "core/toolapproval.h"
#include "tests/support/agentkit.h"
#include "tests/support/serverfixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QWebSocket>

#include <cerrno>
#include <csignal>

using namespace Qt::StringLiterals;
using Test::MockModel;

/// Stands in for the approval service: records what the agent asks, answers when told to.
class RecordingBroker final : public Core::ToolApprovalBroker
{
public:
    struct Asked
    {
        Core::ToolApprovalRequest request;
        Answer answer;
    };

    QList<Asked> asked;
    QStringList ended; ///< Process ids, in the order they were reported.

    void requestToolApproval(const Core::ToolApprovalRequest &request, Answer answer) override
    {
        asked.append({request, std::move(answer)});
    }
    void processEnded(const Core::ProcessId &process) override { ended.append(process.toString()); }
};

class TestAgentRuns final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ServerFixture> m_fixture;
    QString m_project;
    /// Outlives the engine (reset after it), which may report a process end until it stops.
    std::unique_ptr<RecordingBroker> m_broker;

    /// A Claude attempt with the APPROVALS variant, its tool calls going to a RecordingBroker;
    /// returns the attempt id once the agent has asked its first question.
    QString startAskingAttempt(const QString &title)
    {
        m_broker = std::make_unique<RecordingBroker>();
        m_fixture->engine->attempts().setToolApprovals(m_broker.get());
        const QString id = startAttempt(title, u"claude"_s, {{u"variant"_s, u"APPROVALS"_s}});
        if (id.isEmpty())
            return {};
        if (!QTest::qWaitFor([this] { return !m_broker->asked.isEmpty(); }, 60'000))
            qWarning("the agent did not ask for approval");
        return id;
    }

    /// The log entries of subtype (the engine's and the normalizer's system entries).
    static QList<QJsonObject> ofSubtype(const QList<QJsonObject> &entries, const QString &subtype)
    {
        QList<QJsonObject> found;
        for (const QJsonObject &entry : entries) {
            if (entry.value(u"subtype"_s).toString() == subtype)
                found.append(entry);
        }
        return found;
    }

    void dumpLogsWhenDebugging(const QString &id)
    {
        if (!qEnvironmentVariableIsSet("FORGEDESK_TEST_DEBUG"))
            return;
        for (const QJsonObject &entry : logs(id))
            qWarning().noquote() << QJsonDocument(entry).toJson(QJsonDocument::Compact).left(400);
    }

    Test::HttpClient &http() { return *m_fixture->http; }

    /// A task, an attempt with llm, started; returns the attempt id.
    QString startAttempt(const QString &title, const QString &llm, const QJsonObject &extra = {})
    {
        const QString task = http()
                                 .post(u"/api/tasks"_s,
                                       {{u"projectId"_s, m_project}, {u"title"_s, title}})
                                 .data()
                                 .value(u"id"_s)
                                 .toString();
        QJsonObject body = extra;
        body.insert(u"taskId"_s, task);
        body.insert(u"llm"_s, llm);
        const Test::HttpReply created = http().post(u"/api/attempts"_s, body);
        if (created.status != 201)
            return {};
        const QString id = created.data().value(u"id"_s).toString();
        const Test::HttpReply started = http().post(u"/api/attempts/"_s + id + u"/start"_s, {});
        if (started.status != 200)
            return {};
        return id;
    }

    QJsonObject attempt(const QString &id) { return http().get(u"/api/attempts/"_s + id).data(); }

    /// Waits (bounded) for the attempt to end; returns it.
    QJsonObject waitForEnd(const QString &id, int timeoutMs = 90'000)
    {
        QJsonObject current;
        (void) QTest::qWaitFor(
            [&] {
                current = attempt(id);
                const QString status = current.value(u"status"_s).toString();
                return status == "completed"_L1 || status == "failed"_L1
                       || status == "cancelled"_L1;
            },
            timeoutMs);
        return current;
    }

    QList<QJsonObject> logs(const QString &id, const QString &query = {})
    {
        const Test::HttpReply reply = http().get(u"/api/attempts/"_s + id + u"/logs"_s + query);
        QList<QJsonObject> entries;
        for (const QByteArray &line : reply.body.split('\n')) {
            if (!line.trimmed().isEmpty())
                entries.append(QJsonDocument::fromJson(line).object());
        }
        return entries;
    }

    static QList<QJsonObject> ofKind(const QList<QJsonObject> &entries, const QString &kind)
    {
        QList<QJsonObject> found;
        for (const QJsonObject &entry : entries) {
            if (entry.value(u"kind"_s).toString() == kind)
                found.append(entry);
        }
        return found;
    }

    QString readInWorktree(const QJsonObject &attempt, const QString &file)
    {
        QFile f(attempt.value(u"worktreePath"_s).toString() + u'/' + file);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    QList<QJsonObject> processes(const QString &attemptId)
    {
        QList<QJsonObject> list;
        for (const QJsonValue &p :
             http().get(u"/api/processes?attemptId="_s + attemptId + u"&limit=100"_s).dataArray())
            list.append(p.toObject());
        std::reverse(list.begin(), list.end()); // the API lists newest first
        return list;
    }

    /// What every successful write-a-file run must show, whichever the agent.
    void verifyWroteHello(const QString &id, const QJsonObject &done)
    {
        if (qEnvironmentVariableIsSet("FORGEDESK_TEST_DEBUG")) {
            for (const QJsonObject &entry : logs(id))
                qWarning().noquote()
                    << QJsonDocument(entry).toJson(QJsonDocument::Compact).left(400);
        }
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
        QVERIFY(readInWorktree(done, u"hello.txt"_s).contains(u"hello"_s));
        // Committed on the attempt's own branch, not on the user's.
        const QString branch = done.value(u"branch"_s).toString();
        QVERIFY(branch.startsWith(u"forge/"_s));
        const QString files = Test::git(m_fixture->repo.path(),
                                        {u"show"_s, u"--name-only"_s, u"--format="_s, branch});
        QVERIFY2(files.contains(u"hello.txt"_s), qPrintable(files));
        QCOMPARE(Test::git(m_fixture->repo.path(), {u"rev-parse"_s, u"--abbrev-ref"_s, u"HEAD"_s}),
                 u"main"_s);
        QVERIFY(!QFile::exists(m_fixture->repo.path() + u"/hello.txt"_s));
        QCOMPARE(Test::git(m_fixture->repo.path(), {u"status"_s, u"--porcelain"_s}), QString());
        // The attempt's record.
        QCOMPARE(done.value(u"changes"_s).toObject().value(u"filesCreated"_s).toInt(), 1);
        QVERIFY(done.value(u"linesAdded"_s).toInt() >= 1);
        QVERIFY(done.value(u"output"_s)
                    .toObject()
                    .value(u"changes"_s)
                    .toArray()
                    .contains(u"Created hello.txt"_s));
        QVERIFY(!done.value(u"output"_s).toObject().value(u"summary"_s).toString().isEmpty());
        QVERIFY(done.value(u"cost"_s).toObject().value(u"inputTokens"_s).toInteger() > 0);
        QVERIFY(done.value(u"duration"_s).toInteger() > 0);
        QCOMPARE(done.value(u"commitSha"_s).toString(),
                 Test::git(m_fixture->repo.path(), {u"rev-parse"_s, branch}));
        // The normalized log: a file edit, no line left unread.
        const QList<QJsonObject> entries = logs(id);
        QVERIFY(!ofKind(entries, u"file_edit"_s).isEmpty());
        QVERIFY(!ofKind(entries, u"usage"_s).isEmpty());
        QVERIFY(!ofKind(entries, u"assistant_message"_s).isEmpty());
        QVERIFY2(ofKind(entries, u"raw"_s).isEmpty(), "every line the agent printed was understood");
        for (const QJsonObject &entry : entries) {
            for (const QString &key : {u"level"_s, u"message"_s, u"timestamp"_s, u"kind"_s})
                QVERIFY(entry.contains(key));
        }
        // The task went in progress, then to review.
        const QJsonObject task
            = http().get(u"/api/tasks/"_s + done.value(u"taskId"_s).toString()).data();
        QCOMPARE(task.value(u"status"_s).toString(), u"in_review"_s);
        QCOMPARE(task.value(u"latestAttemptStatus"_s).toString(), u"completed"_s);
        QCOMPARE(task.value(u"hasRunningAttempt"_s).toBool(), false);
    }

    /// A follow-up that appends a second line, resuming the agent's own session.
    void verifyFollowUp(const QString &id)
    {
        const Test::HttpReply sent = http().post(u"/api/task-attempts/"_s + id + u"/follow-up"_s,
                                                 {{u"prompt"_s, u"Now append a second line"_s}});
        QCOMPARE(sent.status, 200);
        QCOMPARE(sent.data().value(u"status"_s).toString(), u"running"_s);
        const QJsonObject done = waitForEnd(id);
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
        QVERIFY2(readInWorktree(done, u"hello.txt"_s).contains(u"second line"_s),
                 qPrintable(readInWorktree(done, u"hello.txt"_s)));
        QList<QJsonObject> agents;
        for (const QJsonObject &process : processes(id)) {
            if (process.value(u"kind"_s).toString() == "agent"_L1)
                agents.append(process);
        }
        QCOMPARE(agents.size(), 2);
        const QString session = agents.at(0).value(u"sessionId"_s).toString();
        QVERIFY(!session.isEmpty());
        QCOMPARE(agents.at(1).value(u"sessionId"_s).toString(), session);
        QVERIFY(agents.at(1).value(u"command"_s).toArray().contains(session));
        const QString branch = done.value(u"branch"_s).toString();
        QCOMPARE(Test::git(m_fixture->repo.path(),
                           {u"rev-list"_s, u"--count"_s, u"main.."_s + branch}),
                 u"2"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!Test::agentBinDirectory().isEmpty(),
                 "scripts/install-agents must provide the agent CLIs");
        QVERIFY(QFile::exists(Test::agentBinDirectory() + u"/claude"_s));
    }

    void init()
    {
        m_fixture = std::make_unique<Test::ServerFixture>();
        QVERIFY(m_fixture->isValid());
        m_project = m_fixture->createProject();
        QVERIFY(!m_project.isEmpty());
    }

    void cleanup()
    {
        m_fixture.reset();
        m_broker.reset();
    }

    void claudeWritesAFileAndFollowsUp()
    {
        MockModel mock(MockModel::Api::Anthropic, u"write_file.json"_s);
        QVERIFY(mock.isRunning());
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Create hello.txt"_s, u"claude"_s);
        QVERIFY(!id.isEmpty());
        const QJsonObject done = waitForEnd(id);
        verifyWroteHello(id, done);
        QVERIFY(done.value(u"cost"_s).toObject().value(u"totalCost"_s).toDouble() > 0);
        QVERIFY(!done.value(u"model"_s).toString().isEmpty());
        verifyFollowUp(id);
    }

    void claudesToolCallIsAnApprovalAnsweredOverTheApi()
    {
        // The engine's own approval service is the broker: the question is an approval of
        // type tool_use, and answering it over HTTP lets the agent write.
        MockModel mock(MockModel::Api::Anthropic, u"approval_write.json"_s);
        QVERIFY(mock.isRunning());
        Test::AgentEnvironment environment(mock);
        QCOMPARE(http().patch(u"/api/settings"_s, {{u"userEmail"_s, u"me@example.com"_s}}).status,
                 200);
        const QString id = startAttempt(u"Write approved.txt"_s,
                                        u"claude"_s,
                                        {{u"variant"_s, u"APPROVALS"_s}});
        QVERIFY(!id.isEmpty());
        QJsonArray pending;
        QTRY_VERIFY_WITH_TIMEOUT(
            (pending = http().get(u"/api/approvals/pending?type=tool_use"_s).dataArray()).size()
                == 1,
            60'000);
        const QJsonObject approval = pending.first().toObject();
        QCOMPARE(approval.value(u"type"_s).toString(), u"tool_use"_s);
        QCOMPARE(approval.value(u"taskAttemptId"_s).toString(), id);
        QCOMPARE(approval.value(u"createdBy"_s).toString(), u"agent"_s);
        const QJsonObject metadata = approval.value(u"metadata"_s).toObject();
        QCOMPARE(metadata.value(u"toolName"_s).toString(), u"Write"_s);
        QVERIFY(metadata.value(u"toolInput"_s)
                    .toObject()
                    .value(u"file_path"_s)
                    .toString()
                    .endsWith(u"/approved.txt"_s));
        QVERIFY(approval.value(u"title"_s).toString().startsWith(u"Allow Write"_s));
        QVERIFY(!approval.value(u"expiresAt"_s).isNull());
        QVERIFY(readInWorktree(attempt(id), u"approved.txt"_s).isEmpty());

        const Test::HttpReply answered
            = http().post(u"/api/approvals/"_s + approval.value(u"id"_s).toString() + u"/respond"_s,
                          {{u"decision"_s, u"approved"_s}, {u"comment"_s, u"go ahead"_s}});
        QCOMPARE(answered.status, 200);
        QCOMPARE(answered.data().value(u"approvalStatus"_s).toString(), u"approved"_s);
        const QJsonObject done = waitForEnd(id);
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
        QCOMPARE(readInWorktree(done, u"approved.txt"_s), u"written after approval\n"_s);
        const QList<QJsonObject> granted = ofSubtype(logs(id), u"approval_granted"_s);
        QCOMPARE(granted.size(), 1);
        QVERIFY(granted.first().value(u"message"_s).toString().contains(u"go ahead"_s));
        QVERIFY(http().get(u"/api/approvals/pending?type=tool_use"_s).dataArray().isEmpty());
    }

    void claudeAsksBeforeWritingAndAnApprovalLetsItWrite()
    {
        MockModel mock(MockModel::Api::Anthropic, u"approval_write.json"_s);
        QVERIFY(mock.isRunning());
        Test::AgentEnvironment environment(mock);
        const QString id = startAskingAttempt(u"Write approved.txt"_s);
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_broker->asked.size(), 1);
        const Core::ToolApprovalRequest request = m_broker->asked.first().request;
        QCOMPARE(request.attemptId.toString(), id);
        const QString process = attempt(id).value(u"processId"_s).toString();
        QCOMPARE(request.processId.toString(), process);
        QCOMPARE(request.toolName, u"Write"_s);
        QVERIFY(request.input.value(u"file_path"_s).toString().endsWith(u"/approved.txt"_s));
        QVERIFY(request.toolUseId.startsWith(u"toolu_"_s));
        // Nothing happens while the question is open.
        QTest::qWait(500);
        QCOMPARE(attempt(id).value(u"status"_s).toString(), u"running"_s);
        QVERIFY(readInWorktree(attempt(id), u"approved.txt"_s).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(ofSubtype(logs(id), u"approval_requested"_s).size(), 1, 10'000);
        QVERIFY(ofSubtype(logs(id), u"approval_requested"_s)
                    .first()
                    .value(u"message"_s)
                    .toString()
                    .startsWith(u"Waiting for approval: Write"_s));

        m_broker->asked.first().answer({true, u"looks right"_s});
        const QJsonObject done = waitForEnd(id);
        dumpLogsWhenDebugging(id);
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
        QCOMPARE(readInWorktree(done, u"approved.txt"_s), u"written after approval\n"_s);
        QCOMPARE(m_broker->ended, QStringList{process});
        const QList<QJsonObject> entries = logs(id);
        const QList<QJsonObject> granted = ofSubtype(entries, u"approval_granted"_s);
        QCOMPARE(granted.size(), 1);
        QVERIFY(granted.first().value(u"message"_s).toString().contains(u"(looks right)"_s));
        const QList<QJsonObject> edits = ofKind(entries, u"file_edit"_s);
        QCOMPARE(edits.size(), 1);
        QCOMPARE(edits.first().value(u"isError"_s).toBool(), false);
        QVERIFY2(ofKind(entries, u"raw"_s).isEmpty(), "every line the agent printed was understood");
        // The prompt went over stdin, not on the command line.
        const QJsonArray command
            = http().get(u"/api/processes/"_s + process).data().value(u"command"_s).toArray();
        QVERIFY(command.contains(u"--permission-prompt-tool"_s));
        QVERIFY(!command.contains(u"Write approved.txt"_s));
        QCOMPARE(done.value(u"changes"_s).toObject().value(u"filesCreated"_s).toInt(), 1);

        // A follow-up resumes the session the same way; this turn asks nothing.
        const Test::HttpReply sent = http().post(u"/api/task-attempts/"_s + id + u"/follow-up"_s,
                                                 {{u"prompt"_s, u"Anything else?"_s}});
        QCOMPARE(sent.status, 200);
        QCOMPARE(waitForEnd(id).value(u"status"_s).toString(), u"completed"_s);
        QList<QJsonObject> agents;
        for (const QJsonObject &p : processes(id)) {
            if (p.value(u"kind"_s).toString() == "agent"_L1)
                agents.append(p);
        }
        QCOMPARE(agents.size(), 2);
        const QString session = agents.at(0).value(u"sessionId"_s).toString();
        QVERIFY(!session.isEmpty());
        QCOMPARE(agents.at(1).value(u"sessionId"_s).toString(), session);
        QVERIFY(agents.at(1).value(u"command"_s).toArray().contains(session));
        QCOMPARE(agents.at(1).value(u"status"_s).toString(), u"completed"_s);
        QCOMPARE(m_broker->asked.size(), 1);
        QCOMPARE(m_broker->ended.size(), 2);
    }

    void aDenialReachesTheAgentWithItsReason()
    {
        MockModel mock(MockModel::Api::Anthropic, u"approval_write.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAskingAttempt(u"Write approved.txt"_s);
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_broker->asked.size(), 1);
        const QString reason = u"Not in this repository, please"_s;
        m_broker->asked.first().answer({false, reason});
        const QJsonObject done = waitForEnd(id);
        dumpLogsWhenDebugging(id);
        // The agent hears why, says so and ends its turn normally (its result is no error):
        // the attempt completes, with nothing written.
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
        QVERIFY(!QFile::exists(done.value(u"worktreePath"_s).toString() + u"/approved.txt"_s));
        QCOMPARE(done.value(u"filesChanged"_s).toInt(), 0);
        const QList<QJsonObject> entries = logs(id);
        const QList<QJsonObject> denied = ofSubtype(entries, u"approval_denied"_s);
        QCOMPARE(denied.size(), 1);
        QVERIFY(denied.first().value(u"message"_s).toString().endsWith(reason));
        QCOMPARE(denied.first().value(u"level"_s).toString(), u"warn"_s);
        // The tool result the agent got carries the reason…
        const QList<QJsonObject> edits = ofKind(entries, u"file_edit"_s);
        QCOMPARE(edits.size(), 1);
        QCOMPARE(edits.first().value(u"isError"_s).toBool(), true);
        QCOMPARE(edits.first().value(u"output"_s).toString(), reason);
        // …and the scripted model echoes it in its last words.
        QVERIFY(done.value(u"output"_s).toObject().value(u"summary"_s).toString().contains(reason));
        QCOMPARE(m_broker->ended.size(), 1);
    }

    void theDefaultVariantWritesWithoutAsking()
    {
        MockModel mock(MockModel::Api::Anthropic, u"approval_write.json"_s);
        Test::AgentEnvironment environment(mock);
        m_broker = std::make_unique<RecordingBroker>();
        m_fixture->engine->attempts().setToolApprovals(m_broker.get());
        const QString id = startAttempt(u"Write approved.txt"_s, u"claude"_s);
        const QJsonObject done = waitForEnd(id);
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
        QCOMPARE(readInWorktree(done, u"approved.txt"_s), u"written after approval\n"_s);
        QVERIFY(m_broker->asked.isEmpty());
        QVERIFY(m_broker->ended.isEmpty());
    }

    void withoutAnApproverToolCallsAreRefused()
    {
        MockModel mock(MockModel::Api::Anthropic, u"approval_write.json"_s);
        Test::AgentEnvironment environment(mock);
        m_fixture->engine->attempts().setToolApprovals(nullptr);
        const QString id = startAttempt(u"Write approved.txt"_s,
                                        u"claude"_s,
                                        {{u"variant"_s, u"APPROVALS"_s}});
        QVERIFY(!id.isEmpty());
        const QJsonObject done = waitForEnd(id);
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
        QVERIFY(!QFile::exists(done.value(u"worktreePath"_s).toString() + u"/approved.txt"_s));
        const QList<QJsonObject> edits = ofKind(logs(id), u"file_edit"_s);
        QCOMPARE(edits.size(), 1);
        QVERIFY(edits.first().value(u"output"_s).toString().contains(u"no approval service"_s));
    }

    void cancellingWhileAQuestionIsOpenEndsIt()
    {
        MockModel mock(MockModel::Api::Anthropic, u"approval_write.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAskingAttempt(u"Write approved.txt"_s);
        QVERIFY(!id.isEmpty());
        const QString process = attempt(id).value(u"processId"_s).toString();
        const qint64 pid
            = http().get(u"/api/processes/"_s + process).data().value(u"pid"_s).toInteger();
        QVERIFY(pid > 0);
        const Test::HttpReply cancelled = http().post(u"/api/attempts/"_s + id + u"/cancel"_s, {});
        QCOMPARE(cancelled.status, 200);
        QCOMPARE(cancelled.data().value(u"status"_s).toString(), u"cancelled"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_broker->ended, QStringList{process}, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(::kill(-pid_t(pid), 0) != 0, 10'000);
        // An answer after the end goes nowhere.
        m_broker->asked.first().answer({true, QString()});
        QTest::qWait(200);
        QVERIFY(!QFile::exists(cancelled.data().value(u"worktreePath"_s).toString()
                               + u"/approved.txt"_s));
        const QList<QJsonObject> entries = logs(id);
        QVERIFY(ofSubtype(entries, u"approval_granted"_s).isEmpty());
        QCOMPARE(ofSubtype(entries, u"approval_withdrawn"_s).size(), 1);
        QCOMPARE(http().get(u"/api/processes/"_s + process).data().value(u"status"_s).toString(),
                 u"cancelled"_s);
    }

    void claudeRunsACommand()
    {
        MockModel mock(MockModel::Api::Anthropic, u"bash_command.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Show the repository"_s, u"claude"_s);
        const QJsonObject done = waitForEnd(id);
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
        const auto commands = ofKind(logs(id), u"command"_s);
        QCOMPARE(commands.size(), 1);
        QCOMPARE(commands.first().value(u"exitCode"_s).toInt(), 0);
        QVERIFY(commands.first().value(u"output"_s).toString().contains(u"total"_s));
        // Nothing changed: nothing committed beyond the base.
        QCOMPARE(done.value(u"filesChanged"_s).toInt(), 0);
    }

    void claudeToolErrorIsReportedButNotFatal()
    {
        MockModel mock(MockModel::Api::Anthropic, u"tool_error.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Run a failing command"_s, u"claude"_s);
        const QJsonObject done = waitForEnd(id);
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
        const auto commands = ofKind(logs(id), u"command"_s);
        QVERIFY(!commands.isEmpty());
        QVERIFY(commands.first().value(u"exitCode"_s).toInt() != 0);
        QCOMPARE(commands.first().value(u"level"_s).toString(), u"warn"_s);
    }

    void claudeApiErrorsFailTheAttempt_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::newRow("HTTP 400") << u"error_400.json"_s;
        QTest::newRow("mid-stream error") << u"stream_error.json"_s;
    }

    void claudeApiErrorsFailTheAttempt()
    {
        QFETCH(QString, scenario);
        MockModel mock(MockModel::Api::Anthropic, scenario);
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Fail please"_s, u"claude"_s);
        const QJsonObject done = waitForEnd(id);
        QCOMPARE(done.value(u"status"_s).toString(), u"failed"_s);
        QCOMPARE(done.value(u"failureReason"_s).toString(), u"agent_failed"_s);
        const auto entries = logs(id);
        QVERIFY(!ofKind(entries, u"error"_s).isEmpty());
        QVERIFY(!logs(id, u"?level=error"_s).isEmpty());
        for (const QJsonObject &entry : logs(id, u"?level=error"_s))
            QCOMPARE(entry.value(u"level"_s).toString(), u"error"_s);
        const QJsonObject task
            = http().get(u"/api/tasks/"_s + done.value(u"taskId"_s).toString()).data();
        QCOMPARE(task.value(u"lastAttemptFailed"_s).toBool(), true);
        QCOMPARE(http().get(u"/api/tasks?lastAttemptFailed=true"_s).dataArray().size(), 1);
    }

    void claudeBigOutputStreamsToDisk()
    {
        MockModel mock(MockModel::Api::Anthropic, u"big_output.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Print a lot"_s, u"claude"_s);
        const QJsonObject done = waitForEnd(id);
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
        const auto entries = logs(id);
        QVERIFY(ofKind(entries, u"raw"_s).isEmpty());
        qint64 bytes = 0;
        for (const QJsonObject &process : processes(id))
            bytes += process.value(u"logBytes"_s).toInteger();
        QVERIFY2(bytes > 100'000, qPrintable(QString::number(bytes)));
    }

    void claudeSlowRunIsCancelledAndItsGroupDies()
    {
        MockModel mock(MockModel::Api::Anthropic, u"slow.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Take your time"_s, u"claude"_s);
        QVERIFY(!id.isEmpty());
        // Wait until the agent is really working (the model was asked).
        QTRY_VERIFY_WITH_TIMEOUT(mock.requestCount() > 0, 30'000);
        qint64 pid = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QJsonObject &process : processes(id)) {
                    if (process.value(u"kind"_s).toString() == "agent"_L1
                        && process.value(u"status"_s).toString() == "running"_L1)
                        pid = process.value(u"pid"_s).toInteger();
                }
                return pid > 0;
            }(),
            10'000);
        QCOMPARE(::kill(pid_t(pid), 0), 0);
        const Test::HttpReply cancelled = http().post(u"/api/attempts/"_s + id + u"/cancel"_s, {});
        QCOMPARE(cancelled.status, 200);
        QCOMPARE(cancelled.data().value(u"status"_s).toString(), u"cancelled"_s);
        QVERIFY(!cancelled.data().value(u"cancelledAt"_s).toString().isEmpty());
        // No member of the agent's process group survives.
        QTRY_VERIFY_WITH_TIMEOUT(::kill(-pid_t(pid), 0) != 0, 10'000);
        QCOMPARE(errno, ESRCH);
        const QJsonObject task
            = http().get(u"/api/tasks/"_s + cancelled.data().value(u"taskId"_s).toString()).data();
        QCOMPARE(task.value(u"status"_s).toString(), u"in_review"_s);
        // Cancelling again is a conflict.
        QCOMPARE(http().post(u"/api/attempts/"_s + id + u"/cancel"_s, {}).status, 409);
    }

    void aTaskMovedOnDuringARunStaysWhereTheUserPutIt()
    {
        MockModel mock(MockModel::Api::Anthropic, u"slow.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Take your time"_s, u"claude"_s);
        QTRY_VERIFY_WITH_TIMEOUT(mock.requestCount() > 0, 30'000);
        const QString task
            = http().get(u"/api/attempts/"_s + id).data().value(u"taskId"_s).toString();
        QCOMPARE(http().get(u"/api/tasks/"_s + task).data().value(u"status"_s).toString(),
                 u"in_progress"_s);
        QCOMPARE(http().patch(u"/api/tasks/"_s + task, {{u"status"_s, u"done"_s}}).status, 200);
        QCOMPARE(http().post(u"/api/attempts/"_s + id + u"/cancel"_s, {}).status, 200);
        QCOMPARE(http().get(u"/api/tasks/"_s + task).data().value(u"status"_s).toString(),
                 u"done"_s);
    }

    void followedLogsStreamUntilTheEnd()
    {
        MockModel mock(MockModel::Api::Anthropic, u"slow.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Take your time"_s, u"claude"_s);
        QTRY_VERIFY_WITH_TIMEOUT(mock.requestCount() > 0, 30'000);
        // A chunked response that stays open while the agent runs…
        QNetworkAccessManager manager;
        QNetworkReply *reply = manager.get(QNetworkRequest(QUrl(
            m_fixture->server->baseUrl() + u"/api/attempts/"_s + id + u"/logs?follow=true"_s)));
        QByteArray received;
        connect(reply, &QNetworkReply::readyRead, this, [&] { received += reply->readAll(); });
        QTRY_VERIFY_WITH_TIMEOUT(received.contains("Starting Claude Code"), 10'000);
        QTest::qWait(300);
        QVERIFY(!reply->isFinished());
        QCOMPARE(reply->rawHeader("Transfer-Encoding").toLower(), QByteArray("chunked"));
        // …and ends with the attempt, its last lines included.
        QCOMPARE(http().post(u"/api/attempts/"_s + id + u"/cancel"_s, {}).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
        received += reply->readAll();
        QVERIFY(received.contains("Cancelling"));
        QVERIFY(received.contains("Attempt cancelled"));
        for (const QByteArray &line : received.split('\n')) {
            if (!line.isEmpty())
                QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
        }
        reply->deleteLater();
    }

    void theAttemptsChannelCarriesStatusAndLogs()
    {
        MockModel mock(MockModel::Api::Anthropic, u"write_file.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString task = http()
                                 .post(u"/api/tasks"_s,
                                       {{u"projectId"_s, m_project}, {u"title"_s, u"Watch me"_s}})
                                 .data()
                                 .value(u"id"_s)
                                 .toString();
        QWebSocket socket;
        QList<QJsonObject> messages;
        connect(&socket, &QWebSocket::textMessageReceived, this, [&](const QString &text) {
            messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        socket.open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(m_fixture->port)));
        QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
        socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(QJsonObject{{u"type"_s, u"subscribe"_s},
                                                        {u"channel"_s, u"attempts"_s},
                                                        {u"taskId"_s, task}})
                                  .toJson(QJsonDocument::Compact)));
        auto count = [&messages](const QString &type) {
            return std::count_if(messages.cbegin(), messages.cend(), [&type](const QJsonObject &m) {
                return m.value(u"type"_s).toString() == type;
            });
        };
        QTRY_COMPARE(count(u"subscribed"_s), 1);
        const QString id = http()
                               .post(u"/api/attempts"_s,
                                     {{u"taskId"_s, task}, {u"llm"_s, u"claude"_s}})
                               .data()
                               .value(u"id"_s)
                               .toString();
        QCOMPARE(http().post(u"/api/attempts/"_s + id + u"/start"_s, {}).status, 200);
        QCOMPARE(waitForEnd(id).value(u"status"_s).toString(), u"completed"_s);
        QTRY_VERIFY(count(u"attempt.created"_s) == 1);
        QStringList statuses;
        int logEntries = 0;
        for (const QJsonObject &message : std::as_const(messages)) {
            if (message.value(u"type"_s).toString() == "attempt.status_changed"_L1) {
                QCOMPARE(message.value(u"attemptId"_s).toString(), id);
                statuses.append(message.value(u"status"_s).toString());
            }
            if (message.value(u"type"_s).toString() == "attempt.log"_L1)
                logEntries += int(message.value(u"entries"_s).toArray().size());
        }
        QCOMPARE(statuses, (QStringList{u"running"_s, u"completed"_s}));
        QVERIFY2(logEntries >= 8, qPrintable(QString::number(logEntries)));
        QVERIFY(count(u"process.updated"_s) > 0);
    }

    void replaceProcessSwapsTheRunningAgent()
    {
        MockModel mock(MockModel::Api::Anthropic, u"slow.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Try one way"_s, u"claude"_s);
        QTRY_VERIFY_WITH_TIMEOUT(mock.requestCount() > 0, 30'000);
        const QString first = attempt(id).value(u"processId"_s).toString();
        QTRY_COMPARE_WITH_TIMEOUT(
            http().get(u"/api/processes/"_s + first).data().value(u"status"_s).toString(),
            u"running"_s,
            10'000);
        const Test::HttpReply replaced
            = http().post(u"/api/task-attempts/"_s + id + u"/replace-process"_s,
                          {{u"prompt"_s, u"Continue with a different approach"_s},
                           {u"executorProfileId"_s,
                            QJsonObject{{u"executor"_s, u"CLAUDE_CODE"_s},
                                        {u"variant"_s, QJsonValue()}}}});
        QCOMPARE(replaced.status, 200);
        QCOMPARE(replaced.data().value(u"oldProcessId"_s).toString(), first);
        const QString second = replaced.data().value(u"newProcessId"_s).toString();
        QVERIFY(second.startsWith(u"proc_"_s) && second != first);
        QCOMPARE(replaced.data().value(u"status"_s).toString(), u"running"_s);
        QTRY_COMPARE_WITH_TIMEOUT(
            http().get(u"/api/processes/"_s + first).data().value(u"status"_s).toString(),
            u"cancelled"_s,
            10'000);
        QTRY_COMPARE_WITH_TIMEOUT(
            http().get(u"/api/processes/"_s + second).data().value(u"status"_s).toString(),
            u"running"_s,
            20'000);
        QCOMPARE(attempt(id).value(u"status"_s).toString(), u"running"_s);
        QCOMPARE(attempt(id).value(u"processId"_s).toString(), second);
        const QJsonObject replacement = http().get(u"/api/processes/"_s + second).data();
        QCOMPARE(replacement.value(u"prompt"_s).toString(), u"Continue with a different approach"_s);
        // The same agent carries on in its own session.
        QVERIFY(replacement.value(u"command"_s).toArray().contains(u"--resume"_s));
        QCOMPARE(http().post(u"/api/processes/"_s + second + u"/cancel"_s, {}).status, 200);
        QCOMPARE(waitForEnd(id).value(u"status"_s).toString(), u"cancelled"_s);
    }

    void codexWritesAFileAndFollowsUp()
    {
        MockModel mock(MockModel::Api::OpenAi, u"codex_write_file.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Create hello.txt"_s, u"codex"_s);
        const QJsonObject done = waitForEnd(id);
        verifyWroteHello(id, done);
        verifyFollowUp(id);
    }

    void geminiWritesAFileAndFollowsUp()
    {
        MockModel mock(MockModel::Api::Gemini, u"gemini_write_file.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Create hello.txt"_s, u"gemini"_s);
        const QJsonObject done = waitForEnd(id);
        verifyWroteHello(id, done);
        verifyFollowUp(id);
    }

    void opencodeWritesAFileAndFollowsUp()
    {
        MockModel mock(MockModel::Api::OpenAi, u"opencode_write_file.json"_s);
        Test::AgentEnvironment environment(mock);
        // User profile overrides travel through the API: opencode runs here with --pure.
        const Test::HttpReply profiles
            = http().send("PUT",
                          u"/api/profiles"_s,
                          R"({"profiles": {"opencode": {"extraArgs": ["--pure"]}}})");
        QCOMPARE(profiles.status, 200);
        const QString id = startAttempt(u"Create hello.txt"_s, u"opencode"_s);
        const QJsonObject done = waitForEnd(id);
        verifyWroteHello(id, done);
        verifyFollowUp(id);
    }

    void attemptsBeyondTheLimitWaitInOrder()
    {
        MockModel mock(MockModel::Api::Anthropic, u"slow.json"_s);
        Test::AgentEnvironment environment(mock);
        QCOMPARE(http().send("PATCH", u"/api/settings"_s, R"({"maxConcurrentAttempts": 1})").status,
                 200);
        const QString first = startAttempt(u"First"_s, u"claude"_s);
        const QString second = startAttempt(u"Second"_s, u"claude"_s);
        QCOMPARE(attempt(first).value(u"status"_s).toString(), u"running"_s);
        const QJsonObject waiting = attempt(second);
        QCOMPARE(waiting.value(u"status"_s).toString(), u"created"_s);
        QCOMPARE(waiting.value(u"queued"_s).toBool(), true);
        QCOMPARE(http()
                     .post(u"/api/attempts/"_s + first + u"/cancel"_s, {})
                     .data()
                     .value(u"status"_s)
                     .toString(),
                 u"cancelled"_s);
        // The first slot freed: the second one runs now.
        QTRY_COMPARE_WITH_TIMEOUT(attempt(second).value(u"status"_s).toString(),
                                  u"running"_s,
                                  20'000);
        QCOMPARE(attempt(second).value(u"queued"_s).toBool(), false);
        QCOMPARE(http().post(u"/api/attempts/"_s + second + u"/cancel"_s, {}).status, 200);
    }

    void claudesWorkIsReviewedAndMerged()
    {
        MockModel mock(MockModel::Api::Anthropic, u"write_file.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Create hello.txt"_s, u"claude"_s);
        const QJsonObject done = waitForEnd(id);
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);

        const Test::HttpReply diff = http().get(u"/api/attempts/"_s + id + u"/diff?format=json"_s);
        QCOMPARE(diff.status, 200);
        const QJsonArray files = diff.data().value(u"files"_s).toArray();
        QCOMPARE(files.size(), 1);
        const QJsonObject file = files.first().toObject();
        QCOMPARE(file.value(u"path"_s).toString(), u"hello.txt"_s);
        QCOMPARE(file.value(u"status"_s).toString(), u"added"_s);
        QVERIFY(file.value(u"changes"_s)
                    .toArray()
                    .first()
                    .toObject()
                    .value(u"content"_s)
                    .toString()
                    .contains(u"hello"_s));

        const Test::HttpReply status = http().get(u"/api/task-attempts/"_s + id
                                                  + u"/branch-status"_s);
        QCOMPARE(status.status, 200);
        QCOMPARE(status.data().value(u"ahead"_s).toInt(), 1);
        QCOMPARE(status.data().value(u"status"_s).toString(), u"clean"_s);

        const Test::HttpReply merged = http().post(u"/api/task-attempts/"_s + id + u"/merge"_s,
                                                   QJsonObject{{u"strategy"_s, u"squash"_s}});
        QCOMPARE(merged.status, 200);
        const QString commit = merged.data().value(u"commitId"_s).toString();
        QCOMPARE(Test::git(m_fixture->repo.path(), {u"rev-parse"_s, u"main"_s}), commit);
        QFile landed(m_fixture->repo.path() + u"/hello.txt"_s);
        QVERIFY(landed.open(QIODevice::ReadOnly));
        QVERIFY(landed.readAll().contains("hello"));
        QCOMPARE(Test::git(m_fixture->repo.path(), {u"status"_s, u"--porcelain"_s}), QString());
        const QJsonObject task
            = http().get(u"/api/tasks/"_s + done.value(u"taskId"_s).toString()).data();
        QCOMPARE(task.value(u"status"_s).toString(), u"done"_s);
        QCOMPARE(task.value(u"hasMergedAttempt"_s).toBool(), true);
        QVERIFY(!QDir(done.value(u"worktreePath"_s).toString()).exists());
    }

    void deleteRemovesTheWorktreeAndBranch()
    {
        MockModel mock(MockModel::Api::Anthropic, u"write_file.json"_s);
        Test::AgentEnvironment environment(mock);
        const QString id = startAttempt(u"Create hello.txt"_s, u"claude"_s);
        const QJsonObject done = waitForEnd(id);
        QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
        const QString worktree = done.value(u"worktreePath"_s).toString();
        QVERIFY(QDir(worktree).exists());
        const Test::HttpReply removed = http().del(u"/api/task-attempts/"_s + id);
        QCOMPARE(removed.status, 200);
        QCOMPARE(removed.data().value(u"deleted"_s).toBool(), true);
        QVERIFY(!QDir(worktree).exists());
        QCOMPARE(Test::git(m_fixture->repo.path(),
                           {u"branch"_s, u"--list"_s, done.value(u"branch"_s).toString()}),
                 QString());
        QCOMPARE(http().get(u"/api/attempts/"_s + id).status, 404);
    }

    void badRequestsAreRefused()
    {
        const QString task = http()
                                 .post(u"/api/tasks"_s,
                                       {{u"projectId"_s, m_project}, {u"title"_s, u"t"_s}})
                                 .data()
                                 .value(u"id"_s)
                                 .toString();
        auto post = [this](const QByteArray &body) {
            return http().send("POST", u"/api/attempts"_s, body);
        };
        Test::HttpReply unknown = post("{\"taskId\":\"" + task.toUtf8()
                                       + "\",\"llm\":\"gpt-human\"}");
        QCOMPARE(unknown.status, 400);
        QCOMPARE(unknown.errorField(), u"llm"_s);
        QVERIFY(unknown.json()
                    .value(u"error"_s)
                    .toObject()
                    .value(u"message"_s)
                    .toString()
                    .contains(u"claude"_s));
        QCOMPARE(post("{\"llm\":\"claude\"}").errorField(), u"taskId"_s);
        QCOMPARE(post("{\"taskId\":\"task_nope\",\"llm\":\"claude\"}").status, 404);
        QCOMPARE(post("{\"taskId\":\"" + task.toUtf8()
                      + "\",\"llm\":\"claude\",\"options\":{\"timeout\":\"soon\"}}")
                     .errorField(),
                 u"options.timeout"_s);
        QCOMPARE(post("{\"taskId\":\"" + task.toUtf8()
                      + "\",\"executorProfileId\":{\"executor\":\"NOPE\"}}")
                     .errorField(),
                 u"executorProfileId.executor"_s);
        Test::HttpReply byExecutor = post(
            "{\"taskId\":\"" + task.toUtf8()
            + "\",\"executorProfileId\":{\"executor\":\"CLAUDE_CODE\",\"variant\":null}}");
        QCOMPARE(byExecutor.status, 201);
        QCOMPARE(byExecutor.data().value(u"llm"_s).toString(), u"claude"_s);
        QCOMPARE(byExecutor.data().value(u"status"_s).toString(), u"created"_s);
        const QString id = byExecutor.data().value(u"id"_s).toString();
        QCOMPARE(http()
                     .post(u"/api/attempts/"_s + id + u"/follow-up"_s, {{u"prompt"_s, u"x"_s}})
                     .status,
                 409);
        QCOMPARE(http()
                     .post(u"/api/attempts/"_s + id + u"/follow-up"_s, {{u"prompt"_s, u""_s}})
                     .errorField(),
                 u"prompt"_s);
        QCOMPARE(http().get(u"/api/attempts/attempt_nope"_s).status, 404);
        QCOMPARE(http().get(u"/api/attempts/"_s + id + u"/logs?level=loud"_s).errorField(),
                 u"level"_s);
        QCOMPARE(http().get(u"/api/attempts/"_s + id + u"/logs?since=yesterday"_s).errorField(),
                 u"since"_s);
        QCOMPARE(http().get(u"/api/attempts?status=flying"_s).errorField(), u"status"_s);
        QCOMPARE(http().get(u"/api/processes?kind=robot"_s).errorField(), u"kind"_s);
        QCOMPARE(http().post(u"/api/processes/proc_nope/cancel"_s, {}).status, 404);
        QCOMPARE(http().send("PUT", u"/api/profiles"_s, R"({"profiles": {"Bad Name": {}}})").status,
                 400);
        QCOMPARE(http()
                     .send("PUT", u"/api/profiles"_s, R"({"profiles": {"mine": {"binary": "x"}}})")
                     .errorField(),
                 u"profiles.mine.args"_s);
        QCOMPARE(http()
                     .send("PATCH", u"/api/settings"_s, R"({"maxConcurrentAttempts": 0})")
                     .errorField(),
                 u"maxConcurrentAttempts"_s);
        // The cancelled never-started attempt.
        QCOMPARE(http()
                     .post(u"/api/attempts/"_s + id + u"/cancel"_s, {})
                     .data()
                     .value(u"status"_s)
                     .toString(),
                 u"cancelled"_s);
        QCOMPARE(http().post(u"/api/attempts/"_s + id + u"/start"_s, {}).status, 409);
    }
};

QTEST_GUILESS_MAIN(TestAgentRuns)
#include "tst_agentruns.moc"
