// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/webhookdispatcher.h"
#include "tests/support/serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using Test::HttpReply;

namespace {

/// A loopback receiver: answers each POST with the next status of its script (then 200), and
/// keeps what it was sent.
class Receiver final : public QObject
{
public:
    struct Request
    {
        QHash<QByteArray, QByteArray> headers;
        QByteArray body;
    };

    explicit Receiver(QList<int> statuses)
        : m_statuses(std::move(statuses))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            }
        });
    }

    QString url() const { return u"http://127.0.0.1:%1/hook"_s.arg(m_server.serverPort()); }
    QList<Request> requests;

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Request request;
        for (const QByteArray &line : buffer.left(end).split('\n').mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.insert(line.left(colon).trimmed().toLower(),
                                       line.mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        request.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        requests.append(request);
        const int status = m_statuses.isEmpty() ? 200 : m_statuses.takeFirst();
        socket->write("HTTP/1.1 " + QByteArray::number(status)
                      + " X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QList<int> m_statuses;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray hmac(const QByteArray &secret, const QByteArray &body)
{
    return "sha256="
           + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

} // namespace

class TestWebhooks final : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::ServerFixture> m_fixture;
    Test::HttpClient &http() { return *m_fixture->http; }

    QString createWebhook(const QString &url, const QJsonArray &events, const QString &secret)
    {
        const HttpReply reply
            = http().post(u"/api/webhooks"_s,
                          {{u"url"_s, url}, {u"events"_s, events}, {u"secret"_s, secret}});
        if (reply.status != 201)
            return {};
        return reply.data().value(u"id"_s).toString();
    }

    QString createTask(const QString &project, const QString &title)
    {
        return http()
            .post(u"/api/tasks"_s, {{u"projectId"_s, project}, {u"title"_s, title}})
            .data()
            .value(u"id"_s)
            .toString();
    }

    QJsonArray deliveries(const QString &webhook)
    {
        return http().get(u"/api/webhooks/"_s + webhook + u"/deliveries"_s).dataArray();
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<Test::ServerFixture>();
        QVERIFY(m_fixture->isValid());
        m_fixture->server->webhooks().setRetryDelays({50, 100});
    }

    void cleanup() { m_fixture.reset(); }

    void subscriptionsAreCheckedListedAndDeleted()
    {
        auto post = [this](const QJsonObject &body) {
            return http().post(u"/api/webhooks"_s, body);
        };
        const QJsonArray some{u"task.created"_s};
        QCOMPARE(post({{u"events"_s, some}}).errorField(), u"url"_s);
        QCOMPARE(post({{u"url"_s, u"ftp://127.0.0.1/x"_s}, {u"events"_s, some}}).errorField(),
                 u"url"_s);
        QCOMPARE(post({{u"url"_s, 5}, {u"events"_s, some}}).errorField(), u"url"_s);
        QCOMPARE(post({{u"url"_s, u"http://127.0.0.1:9/x"_s}}).errorField(), u"events"_s);
        QCOMPARE(post({{u"url"_s, u"http://127.0.0.1:9/x"_s}, {u"events"_s, QJsonArray()}})
                     .errorField(),
                 u"events"_s);
        QCOMPARE(post({{u"url"_s, u"http://127.0.0.1:9/x"_s},
                       {u"events"_s, QJsonArray{u"task.exploded"_s}}})
                     .errorField(),
                 u"events"_s);
        QCOMPARE(post({{u"url"_s, u"http://127.0.0.1:9/x"_s},
                       {u"events"_s, some},
                       {u"secret"_s, QString(300, u'x')}})
                     .errorField(),
                 u"secret"_s);
        QCOMPARE(post({{u"url"_s, u"http://127.0.0.1:9/x"_s}, {u"events"_s, some}}).status, 201);

        const HttpReply created = post({{u"url"_s, u"http://127.0.0.1:9/y"_s},
                                        {u"events"_s, QJsonArray{u"*"_s}},
                                        {u"secret"_s, u"hush"_s}});
        QCOMPARE(created.status, 201);
        const QJsonObject webhook = created.data();
        QVERIFY(webhook.value(u"id"_s).toString().startsWith(u"webhook_"_s));
        QCOMPARE(webhook.value(u"hasSecret"_s).toBool(), true);
        QVERIFY(!created.body.contains("hush"));
        const QString id = webhook.value(u"id"_s).toString();

        const HttpReply list = http().get(u"/api/webhooks"_s);
        QCOMPARE(list.status, 200);
        QCOMPARE(list.dataArray().size(), 2);
        QVERIFY(!list.body.contains("hush"));
        QCOMPARE(http().get(u"/api/webhooks/"_s + id).data().value(u"url"_s).toString(),
                 u"http://127.0.0.1:9/y"_s);
        QCOMPARE(http().del(u"/api/webhooks/"_s + id).status, 200);
        QCOMPARE(http().get(u"/api/webhooks/"_s + id).status, 404);
        QCOMPARE(http().del(u"/api/webhooks/"_s + id).status, 404);
        QCOMPARE(http().get(u"/api/webhooks/webhook_nope/deliveries"_s).status, 404);
    }

    void aReceiverThatFailsTwiceGetsItInTheEndSigned()
    {
        Receiver receiver({500, 503});
        const QString webhook = createWebhook(receiver.url(),
                                              {u"task.created"_s, u"task.completed"_s},
                                              u"s3cret"_s);
        QVERIFY(!webhook.isEmpty());
        const QString project = m_fixture->createProject();
        const QString task = createTask(project, u"Ship it"_s);
        QVERIFY(!task.isEmpty());

        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 3, 10000);
        for (const Receiver::Request &request : std::as_const(receiver.requests)) {
            QCOMPARE(request.body, receiver.requests.first().body); // the same bytes each time
            QCOMPARE(request.headers.value("x-forge-signature"), hmac("s3cret", request.body));
            QCOMPARE(request.headers.value("x-forge-event"), "task.created"_ba);
            QVERIFY(request.headers.value("x-forge-delivery").startsWith("delivery_"));
        }
        const QByteArray body = receiver.requests.first().body;
        const QJsonObject payload = QJsonDocument::fromJson(body).object();
        QCOMPARE(payload.value(u"event"_s).toString(), u"task.created"_s);
        QVERIFY(!payload.value(u"timestamp"_s).toString().isEmpty());
        QCOMPARE(payload.value(u"data"_s).toObject().value(u"taskId"_s).toString(), task);
        QCOMPARE(payload.value(u"data"_s)
                     .toObject()
                     .value(u"task"_s)
                     .toObject()
                     .value(u"title"_s)
                     .toString(),
                 u"Ship it"_s);
        // The signature in the body is that of the body without it (its last member).
        const qsizetype cut = body.lastIndexOf(",\"signature\":");
        QVERIFY(cut > 0);
        QCOMPARE(payload.value(u"signature"_s).toString().toUtf8(),
                 hmac("s3cret", body.left(cut) + '}'));

        QJsonObject delivery;
        QTRY_VERIFY_WITH_TIMEOUT((delivery = deliveries(webhook).first().toObject(),
                                  delivery.value(u"status"_s).toString() == u"delivered"_s),
                                 5000);
        QCOMPARE(delivery.value(u"attempts"_s).toInt(), 3);
        QCOMPARE(delivery.value(u"lastStatusCode"_s).toInt(), 200);
        QCOMPARE(delivery.value(u"event"_s).toString(), u"task.created"_s);

        // Done is task.completed too; a plain update is not wanted by this webhook.
        QCOMPARE(http().patch(u"/api/tasks/"_s + task, {{u"status"_s, u"done"_s}}).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 4, 10000);
        QCOMPARE(receiver.requests.last().headers.value("x-forge-event"), "task.completed"_ba);
        const QJsonObject completed
            = QJsonDocument::fromJson(receiver.requests.last().body).object();
        QCOMPARE(completed.value(u"data"_s).toObject().value(u"status"_s).toString(), u"done"_s);
        QVERIFY(completed.value(u"data"_s).toObject().contains(u"duration"_s));
        QTest::qWait(300);
        QCOMPARE(receiver.requests.size(), 4);
    }

    void approvalsAndDraftsAreDeliveredToo()
    {
        Receiver receiver({503});
        const QString webhook
            = createWebhook(receiver.url(),
                            {u"approval.requested"_s, u"approval.resolved"_s, u"draft.created"_s},
                            u"gate"_s);
        QVERIFY(!webhook.isEmpty());
        const QString project = m_fixture->createProject();
        const QString task = createTask(project, u"Gate it"_s);
        const QString attempt = http()
                                    .post(u"/api/attempts"_s,
                                          {{u"taskId"_s, task}, {u"llm"_s, u"claude"_s}})
                                    .data()
                                    .value(u"id"_s)
                                    .toString();
        QVERIFY(attempt.startsWith(u"attempt_"_s));

        const HttpReply approval = http().post(u"/api/approvals"_s,
                                               {{u"taskAttemptId"_s, attempt},
                                                {u"type"_s, u"deploy"_s},
                                                {u"title"_s, u"Deploy to staging"_s}});
        QCOMPARE(approval.status, 201);
        const QString approvalId = approval.data().value(u"id"_s).toString();
        QCOMPARE(http()
                     .post(u"/api/approvals/"_s + approvalId + u"/respond"_s,
                           {{u"decision"_s, u"approve"_s}})
                     .status,
                 200);
        const HttpReply draft = http().post(u"/api/attempts/"_s + attempt + u"/drafts"_s,
                                            {{u"content"_s, u"Then add tests"_s},
                                             {u"type"_s, u"follow_up"_s}});
        QCOMPARE(draft.status, 201);

        // The first try of the first event fails; each arrives in the end, signed.
        QHash<QByteArray, QJsonObject> received;
        QTRY_VERIFY_WITH_TIMEOUT((received.clear(),
                                  std::ranges::for_each(receiver.requests,
                                                        [&received](
                                                            const Receiver::Request &request) {
                                                            received.insert(request.headers.value(
                                                                                "x-forge-event"),
                                                                            QJsonDocument::fromJson(
                                                                                request.body)
                                                                                .object()
                                                                                .value(u"data"_s)
                                                                                .toObject());
                                                        }),
                                  received.size() == 3),
                                 10000);
        for (const Receiver::Request &request : std::as_const(receiver.requests))
            QCOMPARE(request.headers.value("x-forge-signature"), hmac("gate", request.body));
        QCOMPARE(received.value("approval.requested").value(u"approvalId"_s).toString(), approvalId);
        QCOMPARE(received.value("approval.requested").value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(received.value("approval.resolved").value(u"status"_s).toString(), u"approved"_s);
        QCOMPARE(received.value("approval.resolved").value(u"taskAttemptId"_s).toString(), attempt);
        QCOMPARE(received.value("draft.created").value(u"draftId"_s).toString(),
                 draft.data().value(u"id"_s).toString());
        QCOMPARE(received.value("draft.created")
                     .value(u"draft"_s)
                     .toObject()
                     .value(u"content"_s)
                     .toString(),
                 u"Then add tests"_s);
        const auto allDelivered = [this, &webhook] {
            const QJsonArray all = deliveries(webhook);
            return all.size() == 3 && std::all_of(all.begin(), all.end(), [](const QJsonValue &d) {
                       return d.toObject().value(u"status"_s).toString() == u"delivered"_s;
                   });
        };
        QTRY_VERIFY_WITH_TIMEOUT(allDelivered(), 5000);
    }

    void pendingDeliveriesSurviveARestart()
    {
        Receiver receiver({});
        // Nobody listens here yet.
        QTcpServer placeholder;
        QVERIFY(placeholder.listen(QHostAddress::LocalHost, 0));
        const quint16 port = placeholder.serverPort();
        placeholder.close();
        const QString webhook = createWebhook(u"http://127.0.0.1:%1/hook"_s.arg(port),
                                              {u"task.created"_s},
                                              QString());
        QVERIFY(!webhook.isEmpty());
        const QString project = m_fixture->createProject();
        QVERIFY(!createTask(project, u"While it was down"_s).isEmpty());
        QJsonObject delivery;
        QTRY_VERIFY_WITH_TIMEOUT((delivery = deliveries(webhook).first().toObject(),
                                  delivery.value(u"attempts"_s).toInt() >= 1),
                                 5000);
        QCOMPARE(delivery.value(u"status"_s).toString(), u"pending"_s);
        QVERIFY(!delivery.value(u"lastError"_s).toString().isEmpty());

        // Forgedesk stops; the receiver comes up where the webhook points; Forgedesk starts again.
        m_fixture->restart();
        QVERIFY(m_fixture->isValid());
        m_fixture->server->webhooks().setRetryDelays({50});
        QTcpServer revived;
        QVERIFY(revived.listen(QHostAddress::LocalHost, port));
        int answered = 0;
        connect(&revived, &QTcpServer::newConnection, this, [&revived, &answered] {
            QTcpSocket *socket = revived.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &answered] {
                if (!socket->readAll().contains("While it was down"))
                    return;
                ++answered;
                socket->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
        });
        QTRY_COMPARE_WITH_TIMEOUT(answered, 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(deliveries(webhook).first().toObject().value(u"status"_s).toString(),
                                  u"delivered"_s,
                                  5000);
        QCOMPARE(deliveries(webhook).size(), 1);
    }

    void requestsDoNotWaitForReceivers()
    {
        // A receiver that accepts but never answers: every request is still answered.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        QVERIFY(!createWebhook(u"http://127.0.0.1:%1/"_s.arg(silent.serverPort()), {u"*"_s}, u"k"_s)
                     .isEmpty());
        const QString project = m_fixture->createProject();
        for (int i = 0; i < 20; ++i)
            QVERIFY(!createTask(project, u"Task %1"_s.arg(i)).isEmpty());
        QCOMPARE(http().get(u"/api/tasks?limit=100"_s).dataArray().size(), 20);
    }
};

QTEST_GUILESS_MAIN(TestWebhooks)
#include "tst_webhooks.moc"
