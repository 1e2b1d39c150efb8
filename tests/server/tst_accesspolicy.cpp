// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/engine.h"
#include "server/accesspolicy.h"
#include "server/apiserver.h"

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
};

QTEST_GUILESS_MAIN(TestAccessPolicy)
#include "tst_accesspolicy.moc"
