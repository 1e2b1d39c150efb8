// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/apikey.h"
#include "core/apikeyservice.h"
#include "core/database.h"
#include "core/sqlconnection.h"
#include "server/apienvelope.h"
#include "server/router.h"
#include "tests/support/futures.h"
#include "tests/support/serverfixture.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using Test::HttpReply;

/// API keys over HTTP: created with the secret shown once, listed without it, accepted as
/// Bearer tokens, refused once revoked; servers that require keys refuse requests and WebSocket
/// upgrades without one; each request knows whom it acts for.
class TestApiKeys final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ServerFixture> m_fixture;

    Test::HttpClient &http() { return *m_fixture->http; }

    static QList<std::pair<QByteArray, QByteArray>> bearer(const QString &key)
    {
        return {{"Authorization"_ba, "Bearer " + key.toLatin1()}};
    }

    /// POST /api/api-keys; the created key's data (with its secret under "key").
    QJsonObject createKey(const QString &name, const QString &email = {})
    {
        QJsonObject body{{u"name"_s, name}};
        if (!email.isEmpty())
            body.insert(u"email"_s, email);
        const HttpReply reply = http().post(u"/api/api-keys"_s, body);
        if (reply.status != 201)
            qWarning() << reply.status << reply.body;
        return reply.data();
    }

    /// A route that answers with the request's principal, to see what handlers see.
    static void addWhoAmI(Server::ApiServer &server)
    {
        server.router()
            .add("GET",
                 u"/api/test/whoami"_s,
                 u"test only"_s,
                 [](const Server::ApiRequest &request, const Server::Responder &responder) {
                     responder.sendJson(200,
                                        Server::successEnvelope(
                                            QJsonObject{{u"identity"_s,
                                                         request.http.principal.identity},
                                                        {u"apiKeyId"_s,
                                                         request.http.principal.apiKeyId}}));
                 });
    }

    /// What the server answers a WebSocket handshake on /ws with: its status line and headers.
    static QByteArray upgrade(quint16 port, const QByteArray &authorization = {})
    {
        Test::RawClient client(port);
        QByteArray request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                             + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                               "Sec-WebSocket-Version: 13\r\n";
        if (!authorization.isEmpty())
            request += "Authorization: " + authorization + "\r\n";
        client.write(request + "\r\n");
        return client.readUntil("\r\n\r\n");
    }

    /// A second server over the fixture's engine that requires a key even on loopback, as one
    /// bound to a network address does.
    std::unique_ptr<Server::ApiServer> keyedServer(Core::Result<quint16> *listening)
    {
        auto server = std::make_unique<Server::ApiServer>(*m_fixture->engine);
        addWhoAmI(*server);
        Server::ApiServer::Options options;
        options.port = 0;
        options.requireApiKeys = true;
        *listening = server->listen(options);
        return server;
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<Test::ServerFixture>();
        QVERIFY(m_fixture->isValid());
        QTRY_VERIFY(m_fixture->engine->apiKeys().isLoaded());
    }

    void cleanup() { m_fixture.reset(); }

    void createShowsTheKeyOnceAndStoresOnlyItsHash()
    {
        const HttpReply created = http().post(u"/api/api-keys"_s,
                                              {{u"name"_s, u"CI"_s},
                                               {u"email"_s, u"ci@example.com"_s}});
        QCOMPARE(created.status, 201);
        const QJsonObject key = created.data();
        const QString secret = key.value(u"key"_s).toString();
        const QString id = key.value(u"id"_s).toString();
        QVERIFY2(secret.startsWith(u"fdk_"_s) && secret.size() == 36, qPrintable(secret));
        QVERIFY(id.startsWith(u"key_"_s));
        QCOMPARE(key.value(u"name"_s).toString(), u"CI"_s);
        QCOMPARE(key.value(u"identity"_s).toString(), u"ci@example.com"_s);
        QCOMPARE(key.value(u"prefix"_s).toString(), secret.left(8));
        QVERIFY(key.value(u"lastUsedAt"_s).isNull());
        QVERIFY(key.value(u"revokedAt"_s).isNull());
        QVERIFY(!key.contains(u"keyHash"_s));
        QCOMPARE(created.headers.value("location"), "/api/api-keys/" + id.toLatin1());
        QCOMPARE(created.headers.value("cache-control"), "no-store"_ba); // every answer says so

        const QByteArray hash = Core::ApiKey::hashOf(secret.toLatin1()).toLatin1();
        const HttpReply list = http().get(u"/api/api-keys"_s);
        QCOMPARE(list.status, 200);
        QCOMPARE(list.dataArray().size(), 1);
        const QJsonObject listed = list.dataArray().first().toObject();
        QCOMPARE(listed.value(u"id"_s).toString(), id);
        QCOMPARE(listed.value(u"prefix"_s).toString(), secret.left(8));
        QVERIFY(!listed.contains(u"key"_s));
        QVERIFY(!list.body.contains(secret.toLatin1()));
        QVERIFY(!list.body.contains(secret.mid(8).toLatin1()));
        QVERIFY(!list.body.contains(hash));
        QCOMPARE(list.json().value(u"pagination"_s).toObject().value(u"total"_s).toInt(), 1);

        const HttpReply one = http().get(u"/api/api-keys/"_s + id);
        QCOMPARE(one.status, 200);
        QVERIFY(!one.body.contains(secret.toLatin1()));
        QVERIFY(!one.body.contains(hash));

        // In the database: the hash, never the secret (the file and its log, byte for byte).
        auto stored = Test::await(m_fixture->engine->database().read(
            [](Core::SqlConnection &sql) -> Core::Result<QString> {
                auto statement = sql.prepare(u"SELECT key_hash FROM api_keys"_s);
                if (!statement)
                    return Core::fail(statement.error());
                if (auto ran = statement->exec(); !ran)
                    return Core::fail(ran.error());
                return statement->next() ? statement->value(0).toString() : QString();
            }));
        QVERIFY(stored && *stored);
        QCOMPARE(**stored, QString::fromLatin1(hash));
        QVERIFY(**stored != secret);
        m_fixture->engine->shutdown();
        QByteArray bytes;
        for (const QString &suffix : {u""_s, u"-wal"_s}) {
            QFile file(m_fixture->engine->databasePath() + suffix);
            if (file.open(QIODevice::ReadOnly))
                bytes += file.readAll();
        }
        QVERIFY(bytes.contains(hash));
        QVERIFY(!bytes.contains(secret.toLatin1()));
    }

    void theV1SpellingWorksToo()
    {
        const HttpReply created = http().post(u"/api/v1/api-keys"_s, {{u"name"_s, u"v1"_s}});
        QCOMPARE(created.status, 201);
        // Without an email, the key acts as its name.
        QCOMPARE(created.data().value(u"identity"_s).toString(), u"v1"_s);
        QCOMPARE(http().get(u"/api/v1/api-keys"_s).dataArray().size(), 1);
        const QString id = created.data().value(u"id"_s).toString();
        QCOMPARE(http().del(u"/api/v1/api-keys/"_s + id).status, 200);
    }

    void aKeyWorksUntilRevoked()
    {
        const QJsonObject key = createKey(u"script"_s, u"bot@example.com"_s);
        const QString secret = key.value(u"key"_s).toString();
        const QString id = key.value(u"id"_s).toString();
        QVERIFY(!secret.isEmpty());

        // On loopback a key is optional, but one that is sent is checked.
        QCOMPARE(http().get(u"/api/projects"_s).status, 200);
        QCOMPARE(http().send("GET", u"/api/projects"_s, {}, bearer(secret)).status, 200);
        const HttpReply wrong = http().send("GET", u"/api/projects"_s, {}, bearer(u"fdk_nope"_s));
        QCOMPARE(wrong.status, 401);
        QCOMPARE(wrong.errorCode(), u"UNAUTHORIZED"_s);
        QVERIFY(wrong.headers.value("www-authenticate").startsWith("Bearer"));
        QVERIFY(wrong.headers.value("www-authenticate").contains("invalid_token"));

        // Its use is recorded (in the background, within a moment).
        QTRY_VERIFY(
            !http().get(u"/api/api-keys/"_s + id).data().value(u"lastUsedAt"_s).toString().isEmpty());

        const HttpReply revoked = http().del(u"/api/api-keys/"_s + id);
        QCOMPARE(revoked.status, 200);
        QCOMPARE(revoked.data().value(u"id"_s).toString(), id);
        QVERIFY(!revoked.data().value(u"revokedAt"_s).toString().isEmpty());
        const HttpReply refused = http().send("GET", u"/api/projects"_s, {}, bearer(secret));
        QCOMPARE(refused.status, 401);
        QVERIFY(refused.headers.value("www-authenticate").startsWith("Bearer"));
        // Still listed, as revoked.
        const QJsonObject listed = http().get(u"/api/api-keys"_s).dataArray().first().toObject();
        QVERIFY(!listed.value(u"revokedAt"_s).toString().isEmpty());
        // Revoking again changes nothing.
        const HttpReply again = http().del(u"/api/api-keys/"_s + id);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.data().value(u"revokedAt"_s), revoked.data().value(u"revokedAt"_s));
    }

    void unknownKeysAreNotFound()
    {
        for (const QByteArray &method : {"GET"_ba, "DELETE"_ba}) {
            const HttpReply reply = http().send(method, u"/api/api-keys/key_unknown"_s);
            QCOMPARE(reply.status, 404);
            QCOMPARE(reply.errorCode(), u"NOT_FOUND"_s);
        }
    }

    void badBodiesNameTheField_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::addRow("no name") << "{}"_ba << u"name"_s;
        QTest::addRow("empty name") << "{\"name\": \"  \"}"_ba << u"name"_s;
        QTest::addRow("name not a string") << "{\"name\": 42}"_ba << u"name"_s;
        QTest::addRow("name too long")
            << "{\"name\": \"" + QByteArray(101, 'x') + "\"}" << u"name"_s;
        QTest::addRow("email not a string")
            << "{\"name\": \"a\", \"email\": true}"_ba << u"email"_s;
        QTest::addRow("email not an address")
            << "{\"name\": \"a\", \"email\": \"nobody\"}"_ba << u"email"_s;
        QTest::addRow("not an object") << "[]"_ba << u"body"_s;
        QTest::addRow("not JSON") << "{name"_ba << u"body"_s;
    }

    void badBodiesNameTheField()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const HttpReply reply = http().send("POST", u"/api/api-keys"_s, body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), u"VALIDATION_ERROR"_s);
        QCOMPARE(reply.errorField(), field);
        QCOMPARE(http().get(u"/api/api-keys"_s).dataArray().size(), 0);
    }

    void aServerThatRequiresKeysRefusesRequestsWithout()
    {
        addWhoAmI(*m_fixture->server);
        // With no key at all, such a server does not start, as on a network address.
        Core::Result<quint16> listening;
        auto refused = keyedServer(&listening);
        QVERIFY(!listening);
        QVERIFY(listening.error().message.contains(u"FORGEDESK_API_KEYS"_s));
        refused.reset();

        const QJsonObject key = createKey(u"remote"_s, u"remote@example.com"_s);
        const QString secret = key.value(u"key"_s).toString();
        auto server = keyedServer(&listening);
        QVERIFY2(listening, qPrintable(listening ? QString() : listening.error().message));
        Test::HttpClient client(server->baseUrl());

        const HttpReply missing = client.get(u"/api/projects"_s);
        QCOMPARE(missing.status, 401);
        QCOMPARE(missing.errorCode(), u"UNAUTHORIZED"_s);
        QCOMPARE(missing.headers.value("www-authenticate"), "Bearer realm=\"forgedesk\""_ba);
        QCOMPARE(client.get(u"/api/health"_s).status, 401);
        QCOMPARE(client.send("GET", u"/api/projects"_s, {}, {{"Authorization"_ba, "Basic eDp5"_ba}})
                     .status,
                 401);
        QCOMPARE(client.send("GET", u"/api/projects"_s, {}, bearer(u"fdk_wrong"_s)).status, 401);

        const HttpReply allowed = client.send("GET", u"/api/test/whoami"_s, {}, bearer(secret));
        QCOMPARE(allowed.status, 200);
        QCOMPARE(allowed.data().value(u"identity"_s).toString(), u"remote@example.com"_s);
        QCOMPARE(allowed.data().value(u"apiKeyId"_s).toString(), key.value(u"id"_s).toString());

        // WebSocket upgrades are checked the same way.
        const QByteArray noKey = upgrade(server->port());
        QVERIFY2(noKey.startsWith("HTTP/1.1 401"), noKey.constData());
        QVERIFY(noKey.toLower().contains("www-authenticate: bearer"));
        QVERIFY(upgrade(server->port(), "Bearer fdk_wrong").startsWith("HTTP/1.1 401"));
        const QByteArray withKey = upgrade(server->port(), "Bearer " + secret.toLatin1());
        QVERIFY2(withKey.startsWith("HTTP/1.1 101"), withKey.constData());

        // Revoked, the key opens nothing.
        QCOMPARE(http().del(u"/api/api-keys/"_s + key.value(u"id"_s).toString()).status, 200);
        QCOMPARE(client.send("GET", u"/api/projects"_s, {}, bearer(secret)).status, 401);
        QVERIFY(upgrade(server->port(), "Bearer " + secret.toLatin1()).startsWith("HTTP/1.1 401"));
    }

    void loopbackWebSocketsCheckASentKey()
    {
        QVERIFY(upgrade(m_fixture->port).startsWith("HTTP/1.1 101"));
        const QByteArray wrong = upgrade(m_fixture->port, "Bearer fdk_wrong");
        QVERIFY2(wrong.startsWith("HTTP/1.1 401"), wrong.constData());
    }

    void withoutAKeyRequestsActForTheDesktopUser()
    {
        addWhoAmI(*m_fixture->server);
        const HttpReply before = http().get(u"/api/test/whoami"_s);
        QCOMPARE(before.status, 200);
        QCOMPARE(before.data().value(u"identity"_s).toString(),
                 m_fixture->engine->desktopIdentity());
        QVERIFY(before.data().value(u"apiKeyId"_s).toString().isEmpty());
        QVERIFY(!m_fixture->engine->desktopIdentity().isEmpty());

        const HttpReply set = http().patch(u"/api/settings"_s,
                                           {{u"userEmail"_s, u"me@example.com"_s}});
        QCOMPARE(set.status, 200);
        QCOMPARE(set.data().value(u"userEmail"_s).toString(), u"me@example.com"_s);
        QTRY_COMPARE(http().get(u"/api/test/whoami"_s).data().value(u"identity"_s).toString(),
                     u"me@example.com"_s);

        // A key without an email acts as its name.
        const QJsonObject key = createKey(u"nightly build"_s);
        const HttpReply withKey
            = http().send("GET", u"/api/test/whoami"_s, {}, bearer(key.value(u"key"_s).toString()));
        QCOMPARE(withKey.data().value(u"identity"_s).toString(), u"nightly build"_s);
        QCOMPARE(withKey.data().value(u"apiKeyId"_s).toString(), key.value(u"id"_s).toString());

        const HttpReply bad = http().patch(u"/api/settings"_s, {{u"userEmail"_s, u"not mail"_s}});
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.errorField(), u"userEmail"_s);
        const HttpReply cleared = http().patch(u"/api/settings"_s, {{u"userEmail"_s, u""_s}});
        QCOMPARE(cleared.status, 200);
        QTRY_VERIFY(http().get(u"/api/test/whoami"_s).data().value(u"identity"_s).toString()
                    != u"me@example.com"_s);
    }

    void keysSurviveARestart()
    {
        const QJsonObject kept = createKey(u"kept"_s);
        const QJsonObject dropped = createKey(u"dropped"_s);
        QCOMPARE(http().del(u"/api/api-keys/"_s + dropped.value(u"id"_s).toString()).status, 200);
        m_fixture->restart();
        QVERIFY(m_fixture->isValid());
        // Requests that arrive before the keys are loaded wait for them.
        QCOMPARE(http()
                     .send("GET", u"/api/projects"_s, {}, bearer(kept.value(u"key"_s).toString()))
                     .status,
                 200);
        QCOMPARE(http()
                     .send("GET", u"/api/projects"_s, {}, bearer(dropped.value(u"key"_s).toString()))
                     .status,
                 401);
        QCOMPARE(http().get(u"/api/api-keys"_s).dataArray().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestApiKeys)
#include "tst_apikeys.moc"
