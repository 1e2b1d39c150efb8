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

    /// Stands in for Core::ApiKeyService: one working key.
    static AccessPolicy::KeyLookup storedKeys()
    {
        return [](QByteArrayView secret) -> std::optional<Core::ApiKeyGrant> {
            if (secret == "fdk_stored")
                return Core::ApiKeyGrant{Core::ApiKeyId(u"key_1"_s), u"ci@example.com"_s};
            return std::nullopt;
        };
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

    void storedKeysOpenANetworkServer()
    {
        // What a server bound to a network address decides, without binding one.
        const AccessPolicy policy(QHostAddress(u"192.0.2.10"_s), 8887, {}, storedKeys());
        QVERIFY(policy.requiresApiKey());
        const QByteArray host = "forge.example:8887";

        const auto missing = policy.authorize(request({{"host", host}}));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Core::ErrorCode::Unauthorized);
        QCOMPARE(missing.error().details.value(u"reason"_s).toString(), u"missing"_s);
        const auto basic = policy.authorize(
            request({{"host", host}, {"authorization", "Basic dXNlcjpwYXNz"}}));
        QVERIFY(!basic);
        QCOMPARE(basic.error().code, Core::ErrorCode::Unauthorized);
        const auto wrong = policy.authorize(
            request({{"host", host}, {"authorization", "Bearer fdk_wrong"}}));
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().details.value(u"reason"_s).toString(), u"invalid"_s);

        const auto allowed = policy.authorize(
            request({{"host", host}, {"authorization", "Bearer fdk_stored"}}));
        QVERIFY(allowed);
        QCOMPARE(allowed->via, AccessPolicy::Access::Via::StoredKey);
        QCOMPARE(allowed->key.id.toString(), u"key_1"_s);
        QCOMPARE(allowed->key.identity, u"ci@example.com"_s);
    }

    void onLoopbackAKeyIsOptionalButChecked()
    {
        const AccessPolicy policy(QHostAddress::LocalHost, 8887, {}, storedKeys());
        QVERIFY(!policy.requiresApiKey());
        const QByteArray host = "127.0.0.1:8887";
        const auto anonymous = policy.authorize(request({{"host", host}}));
        QVERIFY(anonymous);
        QCOMPARE(anonymous->via, AccessPolicy::Access::Via::Nothing);
        // Another scheme is not an API key: it is none of our business.
        QVERIFY(policy.authorize(request({{"host", host}, {"authorization", "Basic eDp5"}})));
        const auto keyed = policy.authorize(
            request({{"host", host}, {"authorization", "bearer fdk_stored"}}));
        QVERIFY(keyed);
        QCOMPARE(keyed->via, AccessPolicy::Access::Via::StoredKey);
        const auto wrong = policy.authorize(
            request({{"host", host}, {"authorization", "Bearer fdk_revoked"}}));
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, Core::ErrorCode::Unauthorized);
        // The Host check still comes first.
        const auto rebinding = policy.authorize(
            request({{"host", "evil.example"}, {"authorization", "Bearer fdk_stored"}}));
        QVERIFY(!rebinding);
        QCOMPARE(rebinding.error().code, Core::ErrorCode::Forbidden);

        const AccessPolicy required(QHostAddress::LocalHost, 8887, {}, storedKeys(), true);
        QVERIFY(required.requiresApiKey());
        QVERIFY(!required.authorize(request({{"host", host}})));
        QVERIFY(
            required.authorize(request({{"host", host}, {"authorization", "Bearer fdk_stored"}})));
    }

    void configuredKeysActForNobodyInParticular()
    {
        const AccessPolicy policy(QHostAddress(u"192.0.2.10"_s), 8887, {"s3cret"_ba}, storedKeys());
        const auto configured = policy.authorize(
            request({{"host", "forge.example"}, {"authorization", "Bearer s3cret"}}));
        QVERIFY(configured);
        QCOMPARE(configured->via, AccessPolicy::Access::Via::ConfiguredKey);
        QVERIFY(configured->key.id.isNull());
        // Stored keys work beside them.
        QVERIFY(policy.authorize(
            request({{"host", "forge.example"}, {"authorization", "Bearer fdk_stored"}})));
    }

    void unauthorizedAnswersCarryAChallenge()
    {
        const AccessPolicy policy(QHostAddress(u"192.0.2.10"_s), 8887, {}, storedKeys());
        const auto missing = policy.check(request({}));
        QVERIFY(missing);
        const Server::HttpResponse challenge = AccessPolicy::refusal(*missing);
        QCOMPARE(challenge.status, 401);
        QVERIFY(challenge.headers.contains(
            std::pair("WWW-Authenticate"_ba, "Bearer realm=\"forgedesk\""_ba)));
        const auto wrong = policy.check(request({{"authorization", "Bearer x"}}));
        QVERIFY(wrong);
        QVERIFY(AccessPolicy::refusal(*wrong).headers.contains(
            std::pair("WWW-Authenticate"_ba,
                      "Bearer realm=\"forgedesk\", error=\"invalid_token\""_ba)));
        const AccessPolicy loopback(QHostAddress::LocalHost, 8887, {});
        const auto forbidden = loopback.check(request({{"host", "evil.example"}}));
        QVERIFY(forbidden);
        const Server::HttpResponse refused = AccessPolicy::refusal(*forbidden);
        QCOMPARE(refused.status, 403);
        for (const auto &header : refused.headers)
            QVERIFY(header.first != "WWW-Authenticate"_ba);
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
