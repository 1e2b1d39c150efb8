// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/engine.h"
#include "server/accesspolicy.h"
#include "server/apiserver.h"
#include "server/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Server::AccessPolicy;
using Server::HttpRequest;

class TestAccessPolicy final : public QObject
{
    Q_OBJECT

private:
    static HttpRequest request(const QHash<QByteArray, QByteArray> &headers)
    {
        HttpRequest r;
        r.method = "GET";
        r.headers = headers;
        return r;
    }

private Q_SLOTS:
    void loopbackChecksHostAndOrigin()
    {
        const AccessPolicy policy(QHostAddress::LocalHost, 8887, {});
        QVERIFY(!policy.check(request({{"host", "127.0.0.1:8887"}})));
        QVERIFY(!policy.check(request({{"host", "localhost:8887"}})));
        QVERIFY(!policy.check(request({{"host", "LOCALHOST"}})));
        QVERIFY(!policy.check(request({{"host", "[::1]:8887"}})));
        QVERIFY(!policy.check(request({}))); // HTTP/1.0 without Host
        QVERIFY(policy.check(request({{"host", "attacker.example:8887"}})));
        QVERIFY(policy.check(request({{"host", "127.0.0.1:8888"}})));
        QVERIFY(policy.check(request({{"host", "127.0.0.1.attacker.example"}})));
        QVERIFY(!policy.check(
            request({{"host", "127.0.0.1:8887"}, {"origin", "http://127.0.0.1:8887"}})));
        const auto foreign = policy.check(
            request({{"host", "127.0.0.1:8887"}, {"origin", "http://evil.example"}}));
        QVERIFY(foreign);
        QCOMPARE(foreign->code, Core::ErrorCode::Forbidden);
        QVERIFY(policy.check(
            request({{"host", "127.0.0.1:8887"}, {"origin", "http://localhost:8887"}})));
    }

    void otherAddressesNeedAnApiKey()
    {
        const AccessPolicy policy(QHostAddress(u"192.0.2.10"_s), 8887, {"s3cret"_ba});
        QVERIFY(policy.requiresApiKey());
        const auto missing = policy.check(request({{"host", "forge.example:8887"}}));
        QVERIFY(missing);
        QCOMPARE(missing->code, Core::ErrorCode::Unauthorized);
        QVERIFY(policy.check(
            request({{"host", "forge.example:8887"}, {"authorization", "Bearer wrong"}})));
        QVERIFY(
            policy.check(request({{"host", "forge.example:8887"}, {"authorization", "s3cret"}})));
        QVERIFY(!policy.check(
            request({{"host", "forge.example:8887"}, {"authorization", "Bearer s3cret"}})));
        QVERIFY(!policy.check(
            request({{"host", "forge.example:8887"}, {"authorization", "bearer  s3cret "}})));
    }

    void refusesToListenOnTheNetworkWithoutKeys()
    {
        QTemporaryDir dir;
        auto engine = Core::Engine::open(dir.path());
        QVERIFY(engine);
        Server::ApiServer server(**engine);
        Server::ApiServer::Options options;
        options.address = QHostAddress(u"0.0.0.0"_s);
        options.port = 0;
        auto listening = server.listen(options);
        QVERIFY(!listening);
        QVERIFY(listening.error().message.contains(u"FORGEDESK_API_KEYS"_s));
    }

    void jsonWriterEscapesEverything()
    {
        Server::JsonWriter json;
        const QString nasty = u"quote \" backslash \\ newline \n tab \t bell \u0007 é 日本 🚀 "_s
                              + QChar(0xd800) /* lone surrogate */;
        json.beginObject().key("text"_L1).value(nasty).key("n"_L1).value(qint64(-5)).key("list"_L1);
        json.value(QStringList{u"a"_s, u"b"_s})
            .key("none"_L1)
            .null()
            .key("flag"_L1)
            .value(false)
            .endObject();
        QJsonParseError error;
        const QJsonObject parsed = QJsonDocument::fromJson(json.bytes(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QString expected = nasty;
        expected.chop(1);
        expected.append(QChar(0xfffd));
        QCOMPARE(parsed.value(u"text"_s).toString(), expected);
        QCOMPARE(parsed.value(u"n"_s).toInt(), -5);
        QCOMPARE(parsed.value(u"list"_s).toArray().size(), 2);
        QVERIFY(parsed.value(u"none"_s).isNull());
        QVERIFY(json.bytes().startsWith("{\"text\":"));
    }
};

QTEST_GUILESS_MAIN(TestAccessPolicy)
#include "tst_accesspolicy.moc"
