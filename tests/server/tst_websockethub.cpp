// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/eventbus.h"
#include "core/timestamps.h"
#include "server/websockethub.h"
#include "tests/support/rawwebsocket.h"
#include "tests/support/serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTest>
#include <QWebSocket>

using namespace Qt::StringLiterals;

/// The WebSocket channel with a real QWebSocket client on the API's own port.
class TestWebSocketHub final : public QObject
{
    Q_OBJECT

private:
    struct Client
    {
        QWebSocket socket;
        QList<QJsonObject> messages;
        bool closed = false;

        QList<QJsonObject> ofType(const QString &type) const
        {
            QList<QJsonObject> found;
            for (const QJsonObject &message : messages) {
                if (message.value(u"type"_s).toString() == type)
                    found.append(message);
            }
            return found;
        }
        void send(const QJsonObject &message)
        {
            socket.sendTextMessage(
                QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
        }
    };

    std::unique_ptr<Test::ServerFixture> m_fixture;
    QString m_project;

    std::unique_ptr<Client> connectClient(const QByteArray &origin = {},
                                          const QString &path = u"/ws"_s)
    {
        auto client = std::make_unique<Client>();
        Client *raw = client.get();
        connect(&client->socket, &QWebSocket::textMessageReceived, this, [raw](const QString &text) {
            raw->messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        connect(&client->socket, &QWebSocket::disconnected, this, [raw] { raw->closed = true; });
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1%2"_s.arg(m_fixture->port).arg(path)));
        if (!origin.isEmpty())
            request.setRawHeader("Origin", origin);
        client->socket.open(request);
        return client;
    }

    QString createTask(const QString &title)
    {
        return m_fixture->http
            ->post(u"/api/tasks"_s, {{u"projectId"_s, m_project}, {u"title"_s, title}})
            .data()
            .value(u"id"_s)
            .toString();
    }

    QString createAttempt(const QString &title)
    {
        return m_fixture->http
            ->post(u"/api/attempts"_s, {{u"taskId"_s, createTask(title)}, {u"llm"_s, u"claude"_s}})
            .data()
            .value(u"id"_s)
            .toString();
    }

    std::unique_ptr<Client> subscribed(const QJsonObject &subscription)
    {
        auto client = connectClient();
        Client *raw = client.get();
        if (!QTest::qWaitFor([raw] { return !raw->ofType(u"connected"_s).isEmpty(); }, 5000))
            return nullptr;
        QJsonObject message = subscription;
        message.insert(u"type"_s, u"subscribe"_s);
        raw->send(message);
        if (!QTest::qWaitFor([raw] { return !raw->ofType(u"subscribed"_s).isEmpty(); }, 5000))
            return nullptr;
        return client;
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<Test::ServerFixture>();
        QVERIFY(m_fixture->isValid());
        m_project = m_fixture->createProject();
    }

    void cleanup() { m_fixture.reset(); }

    void taskEventsReachSubscribers()
    {
        auto client = subscribed({{u"channel"_s, u"tasks"_s}});
        QVERIFY(client);
        const Test::HttpReply created = m_fixture->http->post(u"/api/tasks"_s,
                                                              {{u"projectId"_s, m_project},
                                                               {u"title"_s, u"ws"_s}});
        const QString id = created.data().value(u"id"_s).toString();
        QTRY_COMPARE(client->ofType(u"task.created"_s).size(), 1);
        const QJsonObject createdEvent = client->ofType(u"task.created"_s).first();
        QCOMPARE(createdEvent.value(u"taskId"_s).toString(), id);
        QCOMPARE(createdEvent.value(u"projectId"_s).toString(), m_project);
        QCOMPARE(createdEvent.value(u"task"_s).toObject().value(u"title"_s).toString(), u"ws"_s);
        QVERIFY(createdEvent.value(u"timestamp"_s).toString().endsWith(u'Z'));

        m_fixture->http->patch(u"/api/tasks/"_s + id, {{u"status"_s, u"in_progress"_s}});
        QTRY_COMPARE(client->ofType(u"task.status_changed"_s).size(), 1);
        const QJsonObject status = client->ofType(u"task.status_changed"_s).first();
        // The seed's shape: {type, taskId, status, timestamp}.
        QCOMPARE(status.value(u"taskId"_s).toString(), id);
        QCOMPARE(status.value(u"status"_s).toString(), u"in_progress"_s);
        QCOMPARE(status.value(u"previousStatus"_s).toString(), u"todo"_s);
        QCOMPARE(client->ofType(u"task.updated"_s).size(), 1);

        m_fixture->http->patch(u"/api/tasks/"_s + id, {{u"title"_s, u"renamed"_s}});
        QTRY_COMPARE(client->ofType(u"task.updated"_s).size(), 2);
        QCOMPARE(client->ofType(u"task.status_changed"_s).size(), 1); // a rename is no status change

        m_fixture->http->del(u"/api/tasks/"_s + id);
        QTRY_COMPARE(client->ofType(u"task.deleted"_s).size(), 1);
        QCOMPARE(client->ofType(u"task.deleted"_s).first().value(u"taskId"_s).toString(), id);
    }

    void filtersByProjectAndTask()
    {
        Test::TempGitRepo otherRepo;
        const QString other = m_fixture->http
                                  ->post(u"/api/projects"_s,
                                         {{u"name"_s, u"Other"_s},
                                          {u"repoPath"_s, otherRepo.path()}})
                                  .data()
                                  .value(u"id"_s)
                                  .toString();
        QVERIFY(!other.isEmpty());
        const QString watched = createTask(u"a"_s);
        auto byProject = subscribed({{u"channel"_s, u"tasks"_s}, {u"projectId"_s, other}});
        auto byTask = subscribed({{u"channel"_s, u"tasks"_s}, {u"taskId"_s, watched}});
        QVERIFY(byProject && byTask);

        m_fixture->http->post(u"/api/tasks"_s,
                              {{u"projectId"_s, m_project}, {u"title"_s, u"not for byProject"_s}});
        m_fixture->http->post(u"/api/tasks"_s,
                              {{u"projectId"_s, other}, {u"title"_s, u"for byProject"_s}});
        m_fixture->http->patch(u"/api/tasks/"_s + watched, {{u"status"_s, u"done"_s}});
        QTRY_COMPARE(byTask->ofType(u"task.status_changed"_s).size(), 1);
        QTRY_COMPARE(byProject->ofType(u"task.created"_s).size(), 1);
        QTest::qWait(50);
        QCOMPARE(byProject->ofType(u"task.created"_s).first().value(u"projectId"_s).toString(),
                 other);
        QCOMPARE(byProject->ofType(u"task.updated"_s).size(), 0);
        QCOMPARE(byTask->ofType(u"task.created"_s).size(), 0);

        // Unsubscribing stops the flow.
        byTask->send(
            {{u"type"_s, u"unsubscribe"_s}, {u"channel"_s, u"tasks"_s}, {u"taskId"_s, watched}});
        QTRY_COMPARE(byTask->ofType(u"unsubscribed"_s).size(), 1);
        m_fixture->http->patch(u"/api/tasks/"_s + watched, {{u"status"_s, u"todo"_s}});
        QTest::qWait(100);
        QCOMPARE(byTask->ofType(u"task.status_changed"_s).size(), 1);
    }

    void attemptsChannelFiltersByAttempt()
    {
        const QString task = createTask(u"t"_s);
        auto createAttempt = [this, &task] {
            return m_fixture->http
                ->post(u"/api/attempts"_s, {{u"taskId"_s, task}, {u"llm"_s, u"claude"_s}})
                .data()
                .value(u"id"_s)
                .toString();
        };
        auto byTask = subscribed({{u"channel"_s, u"attempts"_s}, {u"taskId"_s, task}});
        QVERIFY(byTask);
        const QString watched = createAttempt();
        const QString other = createAttempt();
        QVERIFY(!watched.isEmpty() && !other.isEmpty());
        QTRY_COMPARE(byTask->ofType(u"attempt.created"_s).size(), 2);

        auto byAttempt = subscribed({{u"channel"_s, u"attempts"_s}, {u"attemptId"_s, watched}});
        QVERIFY(byAttempt);
        QCOMPARE(byAttempt->ofType(u"subscribed"_s).first().value(u"attemptId"_s).toString(),
                 watched);
        QCOMPARE(m_fixture->http->del(u"/api/attempts/"_s + other).status, 200);
        QCOMPARE(m_fixture->http->del(u"/api/attempts/"_s + watched).status, 200);
        QTRY_COMPARE(byTask->ofType(u"attempt.deleted"_s).size(), 2);
        QTRY_COMPARE(byAttempt->ofType(u"attempt.deleted"_s).size(), 1);
        QTest::qWait(50);
        QCOMPARE(byAttempt->ofType(u"attempt.deleted"_s).size(), 1);
        QCOMPARE(byAttempt->ofType(u"attempt.deleted"_s).first().value(u"attemptId"_s).toString(),
                 watched);
    }
    void processesChannelCarriesProcessesOnly()
    {
        const QJsonObject quick{{u"binary"_s, u"/bin/sh"_s},
                                {u"args"_s, QJsonArray{u"-c"_s, u"echo hello"_s}},
                                {u"logFormat"_s, u"plain"_s}};
        QCOMPARE(m_fixture->http
                     ->send("PUT",
                            u"/api/profiles"_s,
                            QJsonDocument(
                                QJsonObject{{u"profiles"_s, QJsonObject{{u"quick"_s, quick}}}})
                                .toJson())
                     .status,
                 200);
        const QString task = createTask(u"quick"_s);
        auto create = [this, &task] {
            return m_fixture->http
                ->post(u"/api/attempts"_s, {{u"taskId"_s, task}, {u"llm"_s, u"quick"_s}})
                .data()
                .value(u"id"_s)
                .toString();
        };
        auto start = [this](const QString &id) {
            return m_fixture->http->post(u"/api/attempts/"_s + id + u"/start"_s, {}).status;
        };
        const QString watched = create();
        const QString other = create();
        QVERIFY(!watched.isEmpty() && !other.isEmpty());
        auto all = subscribed({{u"channel"_s, u"processes"_s}});
        QVERIFY(all);
        auto byAttempt = subscribed({{u"channel"_s, u"processes"_s}, {u"attemptId"_s, watched}});
        QVERIFY(byAttempt);
        QCOMPARE(start(watched), 200);
        QCOMPARE(start(other), 200);
        // Each run has a setup and an agent process, each created, then updated to its end.
        auto ended = [](const Client &s, const QString &attempt) {
            int count = 0;
            for (const QJsonObject &m : s.ofType(u"process.updated"_s))
                if (m.value(u"attemptId"_s).toString() == attempt
                    && m.value(u"status"_s).toString() == u"completed"_s)
                    ++count;
            return count;
        };
        QTRY_VERIFY_WITH_TIMEOUT(ended(*all, watched) >= 2 && ended(*all, other) >= 2, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(ended(*byAttempt, other) == 0 && ended(*byAttempt, watched) >= 1,
                                 15000);
        // Neither attempt nor log events travel on this channel.
        QVERIFY(all->ofType(u"attempt.updated"_s).isEmpty());
        QVERIFY(all->ofType(u"attempt.log"_s).isEmpty());
        for (const QJsonObject &m : byAttempt->ofType(u"process.updated"_s))
            QCOMPARE(m.value(u"attemptId"_s).toString(), watched);
    }

    void projectEventsAndCascade()
    {
        auto client = subscribed({{u"channel"_s, u"projects"_s}});
        auto tasks = subscribed({{u"channel"_s, u"tasks"_s}, {u"projectId"_s, m_project}});
        QVERIFY(client && tasks);
        const QString task = createTask(u"t"_s);
        m_fixture->http->del(u"/api/projects/"_s + m_project);
        QTRY_COMPARE(client->ofType(u"project.deleted"_s).size(), 1);
        QTRY_COMPARE(tasks->ofType(u"task.deleted"_s).size(), 1);
        QCOMPARE(tasks->ofType(u"task.deleted"_s).first().value(u"taskId"_s).toString(), task);
    }

    void badMessagesGetErrorsNotDisconnects()
    {
        auto client = connectClient();
        Client *raw = client.get();
        QTRY_COMPARE(raw->ofType(u"connected"_s).size(), 1);
        raw->socket.sendTextMessage(u"not json"_s);
        raw->send({{u"type"_s, u"subscribe"_s}, {u"channel"_s, u"weather"_s}});
        raw->send({{u"type"_s, u"dance"_s}});
        raw->send({{u"type"_s, u"subscribe"_s}, {u"channel"_s, u"tasks"_s}, {u"taskId"_s, 5}});
        raw->socket.sendBinaryMessage("\x01\x02");
        QTRY_COMPARE(raw->ofType(u"error"_s).size(), 5);
        for (const QJsonObject &error : raw->ofType(u"error"_s))
            QCOMPARE(error.value(u"error"_s).toObject().value(u"code"_s).toString(),
                     u"VALIDATION_ERROR"_s);
        raw->send({{u"type"_s, u"ping"_s}});
        QTRY_COMPARE(raw->ofType(u"pong"_s).size(), 1);
        QVERIFY(!raw->closed);
    }

    // A follower that stops reading while an agent prints ~20 MB of log: the server holds back
    // instead of buffering, then serves the backlog from disk; nothing is lost or reordered and
    // the status change comes after the lines written before it.
    void aFollowerThatStopsReadingGetsEveryLineLater()
    {
        constexpr int lines = 100'000;
        const QJsonObject counter{{u"binary"_s, u"seq"_s},
                                  {u"args"_s, QJsonArray{u"1"_s, QString::number(lines)}},
                                  {u"logFormat"_s, u"plain"_s}};
        QCOMPARE(m_fixture->http
                     ->send("PUT",
                            u"/api/profiles"_s,
                            QJsonDocument(
                                QJsonObject{{u"profiles"_s, QJsonObject{{u"counter"_s, counter}}}})
                                .toJson())
                     .status,
                 200);
        const QString task = createTask(u"count"_s);
        const QString attempt = m_fixture->http
                                    ->post(u"/api/attempts"_s,
                                           {{u"taskId"_s, task}, {u"llm"_s, u"counter"_s}})
                                    .data()
                                    .value(u"id"_s)
                                    .toString();
        QVERIFY(!attempt.isEmpty());

        Test::RawWebSocket follower(m_fixture->port);
        QVERIFY(follower.open());
        QList<QJsonObject> received = follower.read();
        follower.send(
            {{u"type"_s, u"subscribe"_s}, {u"channel"_s, u"attempts"_s}, {u"attemptId"_s, attempt}});
        QTRY_VERIFY(std::any_of(received.cbegin(), received.cend(), [&](const QJsonObject &m) {
            received += follower.read(50);
            return m.value(u"type"_s).toString() == "subscribed"_L1;
        }));
        QCOMPARE(m_fixture->http->post(u"/api/attempts/"_s + attempt + u"/start"_s, {}).status, 200);

        // Not reading until the attempt is over.
        qint64 mostQueued = 0;
        QVERIFY(QTest::qWaitFor(
            [&] {
                mostQueued = std::max(mostQueued, m_fixture->server->webSockets().queuedBytes());
                return m_fixture->http->get(u"/api/attempts/"_s + attempt)
                           .data()
                           .value(u"status"_s)
                           .toString()
                       == "completed"_L1;
            },
            60'000));
        QVERIFY2(mostQueued
                     < Server::WebSocketHub::logLowWater + 2 * Server::WebSocketHub::logChunkBytes,
                 qPrintable(QString::number(mostQueued)));

        follower.stopThrottling();
        auto isCompletion = [](const QJsonObject &m) {
            return m.value(u"type"_s).toString() == "attempt.status_changed"_L1
                   && m.value(u"status"_s).toString() == "completed"_L1;
        };
        QVERIFY(QTest::qWaitFor(
            [&] {
                received += follower.read(50);
                return std::any_of(received.cbegin(), received.cend(), isCompletion);
            },
            60'000));
        QVERIFY(follower.isConnected());

        int expected = 1;
        QHash<QString, qint64> ends;
        bool completed = false;
        for (const QJsonObject &message : std::as_const(received)) {
            const QString type = message.value(u"type"_s).toString();
            QVERIFY2(type != "resync"_L1, "the follower was dropped");
            completed = completed || isCompletion(message);
            if (type != "attempt.log"_L1)
                continue;
            QVERIFY2(!completed, "log lines after the completion");
            // Contiguous ranges of each process's file.
            const QString process = message.value(u"processId"_s).toString();
            if (ends.contains(process))
                QCOMPARE(message.value(u"bytesStart"_s).toInteger(), ends.value(process));
            ends.insert(process, message.value(u"bytesEnd"_s).toInteger());
            for (const QJsonValue &value : message.value(u"entries"_s).toArray()) {
                const QJsonObject entry = value.toObject();
                if (entry.value(u"kind"_s).toString() != "assistant_message"_L1)
                    continue;
                QCOMPARE(entry.value(u"text"_s).toString().toInt(), expected);
                ++expected;
            }
        }
        QCOMPARE(expected, lines + 1);
    }

    void approvalsChannelCarriesRequestsAndDecisions()
    {
        const QString attempt = createAttempt(u"needs a yes"_s);
        QVERIFY(!attempt.isEmpty());
        auto client = subscribed({{u"channel"_s, u"approvals"_s}});
        QVERIFY(client);
        auto other = subscribed(
            {{u"channel"_s, u"approvals"_s}, {u"attemptId"_s, u"attempt_other"_s}});
        QVERIFY(other);
        const Test::HttpReply created = m_fixture->http->post(u"/api/approvals"_s,
                                                              {{u"taskAttemptId"_s, attempt},
                                                               {u"type"_s, u"deploy"_s},
                                                               {u"title"_s, u"Ship it?"_s}});
        QCOMPARE(created.status, 201);
        const QString id = created.data().value(u"id"_s).toString();
        QTRY_COMPARE(client->ofType(u"approval.requested"_s).size(), 1);
        const QJsonObject requested = client->ofType(u"approval.requested"_s).first();
        QCOMPARE(requested.value(u"approvalId"_s).toString(), id);
        QCOMPARE(requested.value(u"taskAttemptId"_s).toString(), attempt);
        QCOMPARE(requested.value(u"approval"_s).toObject().value(u"title"_s).toString(),
                 u"Ship it?"_s);
        QVERIFY(!requested.value(u"timestamp"_s).toString().isEmpty());
        QCOMPARE(m_fixture->http
                     ->post(u"/api/approvals/"_s + id + u"/respond"_s,
                            {{u"decision"_s, u"approved"_s}})
                     .status,
                 200);
        QTRY_COMPARE(client->ofType(u"approval.resolved"_s).size(), 1);
        QCOMPARE(client->ofType(u"approval.resolved"_s).first().value(u"status"_s).toString(),
                 u"approved"_s);
        QTest::qWait(100);
        QVERIFY(other->ofType(u"approval.requested"_s).isEmpty());
    }

    void projectDraftsEndpointStreamsDraftChanges()
    {
        const QString attempt = createAttempt(u"drafted"_s);
        QVERIFY(!attempt.isEmpty());
        auto client = connectClient({}, u"/ws/projects/"_s + m_project + u"/drafts"_s);
        Client *raw = client.get();
        QVERIFY(QTest::qWaitFor([raw] { return !raw->ofType(u"connected"_s).isEmpty(); }, 5000));
        auto elsewhere = connectClient({}, u"/ws/projects/proj_elsewhere/drafts"_s);
        Client *away = elsewhere.get();
        QVERIFY(QTest::qWaitFor([away] { return !away->ofType(u"connected"_s).isEmpty(); }, 5000));

        const QString base = u"/api/task-attempts/"_s + attempt;
        const Test::HttpReply saved = m_fixture->http->post(base + u"/drafts"_s,
                                                            {{u"content"_s, u"Add tests"_s},
                                                             {u"type"_s, u"follow_up"_s}});
        QCOMPARE(saved.status, 201);
        const QString draft = saved.data().value(u"id"_s).toString();
        QTRY_COMPARE(raw->ofType(u"draft_created"_s).size(), 1);
        QCOMPARE(raw->ofType(u"draft_created"_s)
                     .first()
                     .value(u"draft"_s)
                     .toObject()
                     .value(u"content"_s)
                     .toString(),
                 u"Add tests"_s);
        QCOMPARE(m_fixture->http
                     ->patch(base + u"/drafts/"_s + draft,
                             {{u"content"_s, u"Add more tests"_s}, {u"version"_s, 1}})
                     .status,
                 200);
        QTRY_COMPARE(raw->ofType(u"draft_updated"_s).size(), 1);
        QCOMPARE(raw->ofType(u"draft_updated"_s)
                     .first()
                     .value(u"draft"_s)
                     .toObject()
                     .value(u"version"_s)
                     .toInt(),
                 2);
        QCOMPARE(m_fixture->http->del(base + u"/drafts/"_s + draft).status, 200);
        QTRY_COMPARE(raw->ofType(u"draft_deleted"_s).size(), 1);
        QCOMPARE(raw->ofType(u"draft_deleted"_s).first().value(u"draftId"_s).toString(), draft);
        QTest::qWait(100);
        QVERIFY(away->ofType(u"draft_created"_s).isEmpty());
    }

    void aClientThatStopsReadingIsToldToResyncAndDropped()
    {
        // 100k events while the client reads nothing: the server must not hold them all.
        Test::RawWebSocket stalled(m_fixture->port);
        QVERIFY(stalled.open());
        (void) stalled.read();
        stalled.send({{u"type"_s, u"subscribe"_s}, {u"channel"_s, u"tasks"_s}});
        QTest::qWait(200);
        const Server::WebSocketHub &hub = m_fixture->server->webSockets();
        QCOMPARE(hub.clientCount(), 1);
        Core::Task task;
        task.id = Core::TaskId::generate();
        task.projectId = Core::ProjectId(m_project);
        task.title = QString(400, u'x');
        qint64 mostQueued = 0;
        for (int i = 0; i < 100'000; ++i) {
            m_fixture->engine->events().publish(
                Core::TaskEvent{Core::ChangeKind::Updated, task, std::nullopt, Core::nowUtc()});
            if (i % 1000 == 0) {
                QCoreApplication::processEvents();
                mostQueued = std::max(mostQueued, hub.queuedBytes());
            }
        }
        mostQueued = std::max(mostQueued, hub.queuedBytes());
        QVERIFY2(mostQueued <= 2 * Server::WebSocketHub::maxPendingBytes,
                 qPrintable(QString::number(mostQueued)));
        // Reading again, it finds what was sent before it was dropped, ending with the notice.
        stalled.stopThrottling();
        QList<QJsonObject> got;
        for (int round = 0; round < 200; ++round) {
            const QList<QJsonObject> more = stalled.read(200);
            got += more;
            if (!more.isEmpty() && more.last().value(u"type"_s).toString() == "resync"_L1)
                break;
        }
        QVERIFY(!got.isEmpty());
        QCOMPARE(got.last().value(u"type"_s).toString(), u"resync"_s);
        QVERIFY(got.size() < 100'000);
        QTRY_COMPARE_WITH_TIMEOUT(hub.clientCount(), 0, 3 * Server::WebSocketHub::dropGraceMs);
        QCOMPARE(m_fixture->http->get(u"/api/health"_s).status, 200);
    }

    void refusesForeignOriginsAndUnknownPaths()
    {
        auto foreign = connectClient("https://evil.example");
        Client *raw = foreign.get();
        QTRY_VERIFY(raw->closed || raw->socket.state() == QAbstractSocket::UnconnectedState);
        QVERIFY(raw->messages.isEmpty());
        QCOMPARE(m_fixture->server->webSockets().clientCount(), 0);

        auto unknown = connectClient({}, u"/ws/elsewhere"_s);
        Client *lost = unknown.get();
        QTRY_VERIFY(lost->closed || lost->socket.state() == QAbstractSocket::UnconnectedState);
        QVERIFY(lost->messages.isEmpty());

        // Our own origin is welcome.
        auto own = connectClient("http://127.0.0.1:" + QByteArray::number(m_fixture->port));
        Client *ok = own.get();
        QTRY_COMPARE(ok->ofType(u"connected"_s).size(), 1);
        QCOMPARE(m_fixture->server->webSockets().clientCount(), 1);
        // The HTTP API still works next to the sockets.
        QCOMPARE(m_fixture->http->get(u"/api/health"_s).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketHub)
#include "tst_websockethub.moc"
