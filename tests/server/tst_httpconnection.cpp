// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/router.h"
#include "tests/support/serverfixture.h"

#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

/// What a polite HTTP client never sends, over raw sockets: the per-connection guard's limits,
/// timeouts, framing, ordering and streaming.
class TestHttpConnection final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ServerFixture> m_fixture;

    static QByteArray get(const QByteArray &path, const QByteArray &extra = {})
    {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
    }
    static int statusOf(const QByteArray &response)
    {
        return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
    }

private Q_SLOTS:
    void init()
    {
        Server::HttpLimits limits;
        limits.maxBodyBytes = 1024 * 1024;
        limits.maxHeadBytes = 8 * 1024;
        limits.headTimeoutMs = 400;
        limits.bodyStallTimeoutMs = 400;
        limits.idleTimeoutMs = 800;
        m_fixture = std::make_unique<Test::ServerFixture>(limits);
        QVERIFY(m_fixture->isValid());
        // A route that streams three chunks, for the chunked-response helper.
        m_fixture->server->router()
            .add("GET",
                 u"/api/test/stream"_s,
                 u"test"_s,
                 [this](const Server::ApiRequest &, const Server::Responder &responder) {
                     responder.beginStream(200, {{"Content-Type"_ba, "application/x-ndjson"_ba}});
                     responder.write("{\"n\":1}\n");
                     auto *timer = new QTimer(m_fixture->server.get());
                     auto count = std::make_shared<int>(1);
                     connect(timer, &QTimer::timeout, timer, [responder, timer, count] {
                         ++*count;
                         responder.write("{\"n\":" + QByteArray::number(*count) + "}\n");
                         if (*count == 3) {
                             responder.end();
                             timer->deleteLater();
                         }
                     });
                     timer->start(30);
                 });
    }

    void cleanup() { m_fixture.reset(); }

    void aDroppedRequestGets500NotAHang()
    {
        // A handler that forgets to answer (a bug) must not leave the client waiting.
        m_fixture->server->router().add("GET",
                                        u"/api/test/forgetful"_s,
                                        u"test"_s,
                                        [](const Server::ApiRequest &, const Server::Responder &) {
                                        });
        const Test::HttpReply reply = m_fixture->http->get(u"/api/test/forgetful"_s);
        QCOMPARE(reply.status, 500);
        QCOMPARE(reply.errorCode(), u"INTERNAL_ERROR"_s);
        QCOMPARE(m_fixture->http->get(u"/api/health"_s).status, 200);
    }

    void garbageGets400AndIsClosed()
    {
        Test::RawClient client(m_fixture->port);
        client.write("THIS IS NOT HTTP\r\n\r\n");
        const QByteArray response = client.readUntilClosed();
        QCOMPARE(statusOf(response), 400);
        QVERIFY(response.contains("\"success\":false"));
        QVERIFY(client.wasClosedByPeer());
    }

    void malformedHeadersGet400_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("no version") << "GET /api/health\r\nHost: x\r\n\r\n"_ba << 400;
        QTest::newRow("absolute URL")
            << "GET http://x/api/health HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
        QTest::newRow("folded header") << "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n"_ba << 400;
        QTest::newRow("space in name")
            << "GET / HTTP/1.1\r\nHost: x\r\nBad Name: y\r\n\r\n"_ba << 400;
        QTest::newRow("missing host") << "GET /api/health HTTP/1.1\r\n\r\n"_ba << 400;
        QTest::newRow("bad length")
            << "POST /api/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"_ba << 400;
        QTest::newRow("two lengths")
            << "POST /api/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"_ba
            << 400;
        QTest::newRow("HTTP/2") << "GET / HTTP/2.0\r\nHost: x\r\n\r\n"_ba << 505;
        QTest::newRow("chunked body")
            << "POST /api/tasks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba
            << 411;
    }

    void malformedHeadersGet400()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        Test::RawClient client(m_fixture->port);
        client.write(request);
        const QByteArray response = client.readUntilClosed();
        QCOMPARE(statusOf(response), status);
        QVERIFY(client.wasClosedByPeer());
    }

    void oversizedBodiesGet413AtOnce()
    {
        Test::RawClient client(m_fixture->port);
        // The head announces 20 MiB; the answer comes before any of it is sent.
        client.write(
            "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: 20971520\r\n\r\n");
        const QByteArray response = client.readUntilClosed(3000);
        QCOMPARE(statusOf(response), 413);
        QVERIFY(response.contains("PAYLOAD_TOO_LARGE"));
    }

    void a20MiBBodyOverRealHttpIsRefused()
    {
        const QByteArray big(20 * 1024 * 1024, 'a');
        const Test::HttpReply reply = m_fixture->http->send("POST", u"/api/tasks"_s, big);
        // Qt's client may see the 413 or a reset once the server closes mid-upload.
        QVERIFY2(reply.status == 413 || reply.status == 0,
                 qPrintable(QString::number(reply.status)));
        QCOMPARE(m_fixture->http->get(u"/api/health"_s).status, 200);
    }

    void hugeHeadersGet431()
    {
        Test::RawClient client(m_fixture->port);
        client.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                     + QByteArray(20000, 'x') + "\r\n\r\n");
        QCOMPARE(statusOf(client.readUntilClosed()), 431);
    }

    void headersThatNeverFinishTimeOut()
    {
        Test::RawClient client(m_fixture->port);
        client.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // and then nothing
        const QByteArray response = client.readUntilClosed(3000);
        QCOMPARE(statusOf(response), 408);
        QVERIFY(client.wasClosedByPeer());
    }

    void aTricklingClientStillTimesOut()
    {
        Test::RawClient client(m_fixture->port);
        const QByteArray request = get("/api/health");
        // One byte every 100 ms would take far longer than the head timeout.
        for (int i = 0; i < 12 && !client.wasClosedByPeer(); ++i) {
            client.write(request.mid(i, 1));
            QTest::qWait(100);
        }
        QCOMPARE(statusOf(client.readUntilClosed(3000)), 408);
    }

    void aStalledBodyTimesOut()
    {
        Test::RawClient client(m_fixture->port);
        client.write(
            "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"tit");
        QCOMPARE(statusOf(client.readUntilClosed(3000)), 408);
    }

    void idleConnectionsAreClosedQuietly()
    {
        Test::RawClient client(m_fixture->port);
        QVERIFY(client.isConnected());
        QCOMPARE(client.readUntilClosed(3000), QByteArray());
        QVERIFY(client.wasClosedByPeer());
    }

    void pipelinedRequestsAnswerInOrder()
    {
        Test::RawClient client(m_fixture->port);
        // A slow database read, a fast 404, then a close: responses must not overtake.
        client.write(get("/api/tasks?limit=5") + get("/api/nope")
                     + get("/api/health", "Connection: close\r\n"));
        const QByteArray response = client.readUntilClosed();
        const qsizetype first = response.indexOf("HTTP/1.1 200");
        const qsizetype second = response.indexOf("HTTP/1.1 404");
        const qsizetype third = response.indexOf("HTTP/1.1 200", second);
        QVERIFY(first == 0);
        QVERIFY(second > first);
        QVERIFY(third > second);
        QVERIFY(response.contains("\"pagination\""));
        QVERIFY(client.wasClosedByPeer());
    }

    void keepAliveAndClose()
    {
        Test::RawClient keep(m_fixture->port);
        keep.write(get("/api/health"));
        QVERIFY(keep.readUntil("}}").contains("Connection: keep-alive"));
        QVERIFY(keep.isConnected());

        Test::RawClient http10(m_fixture->port);
        http10.write("GET /api/health HTTP/1.0\r\n\r\n");
        const QByteArray response = http10.readUntilClosed();
        QCOMPARE(statusOf(response), 200);
        QVERIFY(response.contains("Connection: close"));
    }

    void expectContinueIsAnswered()
    {
        Test::RawClient client(m_fixture->port);
        const QByteArray body = "{\"projectId\":\"proj_x\",\"title\":\"t\"}";
        client.write(
            "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n");
        QVERIFY(client.readUntil("\r\n\r\n").startsWith("HTTP/1.1 100 Continue"));
        client.write(body);
        QVERIFY(client.readUntil("NOT_FOUND").contains("HTTP/1.1 404"));
    }

    void streamsChunkedResponses()
    {
        Test::RawClient client(m_fixture->port);
        client.write(get("/api/test/stream") + get("/api/health", "Connection: close\r\n"));
        const QByteArray response = client.readUntilClosed();
        QVERIFY(response.startsWith("HTTP/1.1 200"));
        QVERIFY(response.contains("Transfer-Encoding: chunked"));
        QVERIFY(response.contains("8\r\n{\"n\":1}\n\r\n"));
        QVERIFY(response.contains("8\r\n{\"n\":3}\n\r\n0\r\n\r\n"));
        // The pipelined request waited for the stream to end.
        QVERIFY(response.indexOf("0\r\n\r\nHTTP/1.1 200") > 0);

        const Test::HttpReply viaClient = m_fixture->http->get(u"/api/test/stream"_s);
        QCOMPARE(viaClient.status, 200);
        QCOMPARE(viaClient.body, "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n"_ba);
    }
};

QTEST_GUILESS_MAIN(TestHttpConnection)
#include "tst_httpconnection.moc"
