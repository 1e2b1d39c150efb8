// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/apikeyservice.h"
#include "server/ratelimiter.h"
#include "tests/support/futures.h"
#include "tests/support/serverfixture.h"

#include <QDateTime>
#include <QTest>

using namespace Qt::StringLiterals;
using Server::RateLimiter;
using Test::HttpReply;

/// The fixed-window limiter on its own (with a clock the test sets), then over HTTP: headers on
/// every /api answer, 429 with Retry-After past the limit, one client's budget not another's.
class TestRateLimiter final : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 t0 = 1'700'000'000'000; ///< Some instant, in ms since the epoch.

    std::unique_ptr<Test::ServerFixture> m_fixture;

    Test::HttpClient &http() { return *m_fixture->http; }

    static QByteArray bearer(const QString &key) { return "Bearer " + key.toLatin1(); }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<Test::ServerFixture>();
        QVERIFY(m_fixture->isValid());
    }

    void cleanup() { m_fixture.reset(); }

    void countsDownThenRefusesUntilTheWindowEnds()
    {
        RateLimiter limiter;
        for (int i = 1; i <= 3; ++i) {
            const auto decision = limiter.hit(u"a"_s, 3, t0 + i * 1000);
            QVERIFY(decision.allowed);
            QCOMPARE(decision.limit, 3);
            QCOMPARE(decision.remaining, 3 - i);
            // The window opened with the first request, at t0 + 1 s.
            QCOMPARE(decision.resetAt, (t0 + 1000 + RateLimiter::windowMs) / 1000);
        }
        const auto refused = limiter.hit(u"a"_s, 3, t0 + 21'500);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.remaining, 0);
        QCOMPARE(refused.retryAfterSeconds, 40); // 39.5 s left, rounded up
        // Refusals do not extend the window.
        QVERIFY(!limiter.hit(u"a"_s, 3, t0 + 60'999).allowed);
        const auto fresh = limiter.hit(u"a"_s, 3, t0 + 61'000);
        QVERIFY(fresh.allowed);
        QCOMPARE(fresh.remaining, 2);
        QCOMPARE(fresh.resetAt, (t0 + 61'000 + RateLimiter::windowMs) / 1000);
    }

    void clientsHaveTheirOwnWindows()
    {
        RateLimiter limiter;
        QVERIFY(limiter.hit(u"a"_s, 1, t0).allowed);
        QVERIFY(!limiter.hit(u"a"_s, 1, t0 + 1).allowed);
        const auto other = limiter.hit(u"b"_s, 1, t0 + 2);
        QVERIFY(other.allowed);
        QCOMPARE(other.remaining, 0);
    }

    void retryAfterIsAtLeastOneSecond()
    {
        RateLimiter limiter;
        QVERIFY(limiter.hit(u"a"_s, 1, t0).allowed);
        const auto refused = limiter.hit(u"a"_s, 1, t0 + RateLimiter::windowMs - 1);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.retryAfterSeconds, 1);
    }

    void memoryIsBounded()
    {
        RateLimiter limiter(3);
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.hit(u"client-%1"_s.arg(i), 2, t0).allowed);
        QCOMPARE(limiter.size(), 3);
        // A full table: newcomers share one overflow window instead of growing it.
        QVERIFY(limiter.hit(u"new-1"_s, 2, t0 + 1).allowed);
        QVERIFY(limiter.hit(u"new-2"_s, 2, t0 + 2).allowed);
        QVERIFY(!limiter.hit(u"new-3"_s, 2, t0 + 3).allowed);
        QCOMPARE(limiter.size(), 4);
        // Known clients keep their own budget meanwhile.
        QVERIFY(limiter.hit(u"client-0"_s, 2, t0 + 4).allowed);
        // Once the windows have ended they are dropped.
        QVERIFY(limiter.hit(u"late"_s, 2, t0 + RateLimiter::windowMs + 10).allowed);
        QCOMPARE(limiter.size(), 1);
        for (int i = 0; i < 10'000; ++i)
            (void) limiter.hit(u"flood-%1"_s.arg(i), 2, t0 + 2 * RateLimiter::windowMs + i);
        QVERIFY(limiter.size() <= 4);
    }

    void headersFollowTheSeed()
    {
        RateLimiter::Decision allowed{true, 60, 45, 1'642'248'000, 0};
        const auto headers = RateLimiter::headers(allowed);
        QCOMPARE(headers.size(), 3);
        QCOMPARE(headers.at(0), std::pair("X-RateLimit-Limit"_ba, "60"_ba));
        QCOMPARE(headers.at(1), std::pair("X-RateLimit-Remaining"_ba, "45"_ba));
        QCOMPARE(headers.at(2), std::pair("X-RateLimit-Reset"_ba, "1642248000"_ba));
        RateLimiter::Decision refused{false, 60, 0, 1'642'248'000, 12};
        QCOMPARE(RateLimiter::headers(refused).last(), std::pair("Retry-After"_ba, "12"_ba));
    }

    void offByDefault()
    {
        QCOMPARE(m_fixture->engine->settings().rateLimitPerMinute, 0);
        for (int i = 0; i < 5; ++i) {
            const HttpReply reply = http().get(u"/api/projects"_s);
            QCOMPARE(reply.status, 200);
            QVERIFY(!reply.headers.contains("x-ratelimit-limit"));
        }
    }

    void limitsEachClientOverHttp()
    {
        // A second client: an API key counts as its own client, whatever its address.
        const HttpReply key = http().post(u"/api/api-keys"_s, {{u"name"_s, u"other"_s}});
        QCOMPARE(key.status, 201);
        const QString secret = key.data().value(u"key"_s).toString();

        HttpReply set = http().patch(u"/api/settings"_s, {{u"rateLimitPerMinute"_s, 3}});
        QCOMPARE(set.status, 200);
        QCOMPARE(set.data().value(u"rateLimitPerMinute"_s).toInt(), 3);

        const qint64 before = QDateTime::currentSecsSinceEpoch();
        for (int i = 1; i <= 3; ++i) {
            const HttpReply reply = http().get(i == 2 ? u"/api/v1/tasks"_s : u"/api/projects"_s);
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.headers.value("x-ratelimit-limit"), "3"_ba);
            QCOMPARE(reply.headers.value("x-ratelimit-remaining"), QByteArray::number(3 - i));
            const qint64 reset = reply.headers.value("x-ratelimit-reset").toLongLong();
            QVERIFY(reset >= before + 59 && reset <= before + 62);
        }
        const HttpReply refused = http().get(u"/api/projects"_s);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.errorCode(), u"RATE_LIMIT"_s);
        QCOMPARE(refused.headers.value("x-ratelimit-remaining"), "0"_ba);
        const int retryAfter = refused.headers.value("retry-after").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 60,
                 refused.headers.value("retry-after").constData());
        // Unknown paths and wrong verbs count and say so too.
        const HttpReply unknown = http().get(u"/api/nothing-here"_s);
        QCOMPARE(unknown.status, 429);

        // The health check is free.
        const HttpReply health = http().get(u"/api/health"_s);
        QCOMPARE(health.status, 200);
        QVERIFY(!health.headers.contains("x-ratelimit-limit"));

        // The other client has its whole budget.
        const HttpReply other
            = http().send("GET", u"/api/projects"_s, {}, {{"Authorization"_ba, bearer(secret)}});
        QCOMPARE(other.status, 200);
        QCOMPARE(other.headers.value("x-ratelimit-remaining"), "2"_ba);

        // Turning the limit off takes effect at once.
        QVERIFY(Test::await(m_fixture->engine->updateSettings({{u"rateLimitPerMinute"_s, 0}})));
        QCOMPARE(m_fixture->engine->settings().rateLimitPerMinute, 0);
        const HttpReply free = http().get(u"/api/projects"_s);
        QCOMPARE(free.status, 200);
        QVERIFY(!free.headers.contains("x-ratelimit-limit"));
    }

    void theSettingIsValidated()
    {
        for (const QJsonValue &bad : {QJsonValue(-1), QJsonValue(1.5), QJsonValue(u"10"_s)}) {
            const HttpReply reply = http().patch(u"/api/settings"_s,
                                                 {{u"rateLimitPerMinute"_s, bad}});
            QCOMPARE(reply.status, 400);
            QCOMPARE(reply.errorField(), u"rateLimitPerMinute"_s);
        }
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
