// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/ratelimiter.h"

using namespace Qt::StringLiterals;

namespace Server {
namespace {

/// Not a valid key id or address, so no client can be it by accident.
const QString overflowClient = u"\u0001overflow"_s;

qint64 ceilSeconds(qint64 ms)
{
    return (ms + 999) / 1000;
}

} // namespace

RateLimiter::RateLimiter(qsizetype maxClients)
    : m_maxClients(std::max<qsizetype>(1, maxClients))
{}

void RateLimiter::expire(qint64 nowMs)
{
    m_lastSweepMs = nowMs;
    m_windows.removeIf([nowMs](QHash<QString, Window>::iterator it) {
        return nowMs >= it.value().startMs + windowMs;
    });
}

RateLimiter::Decision RateLimiter::hit(const QString &client, int limit, qint64 nowMs)
{
    // A sweep once a window keeps the cost per request constant on average. A full table may
    // be full of ended windows, so a newcomer sweeps it, but at most once a second: a flood of
    // new clients must not make every request walk the whole table.
    const qint64 sinceSweep = nowMs - m_lastSweepMs;
    if (sinceSweep >= windowMs || sinceSweep < 0
        || (sinceSweep >= 1000 && m_windows.size() >= m_maxClients && !m_windows.contains(client)))
        expire(nowMs);

    QString key = client;
    if (!m_windows.contains(key) && m_windows.size() >= m_maxClients)
        key = overflowClient;
    Window &window = m_windows[key];
    if (window.count == 0 || nowMs >= window.startMs + windowMs || nowMs < window.startMs)
        window = Window{nowMs, 0};

    Decision decision;
    decision.limit = limit;
    const qint64 endMs = window.startMs + windowMs;
    decision.resetAt = ceilSeconds(endMs);
    if (window.count >= limit) {
        decision.allowed = false;
        decision.remaining = 0;
        decision.retryAfterSeconds = int(std::max<qint64>(1, ceilSeconds(endMs - nowMs)));
        return decision;
    }
    ++window.count;
    decision.remaining = limit - window.count;
    return decision;
}

QList<std::pair<QByteArray, QByteArray>> RateLimiter::headers(const Decision &decision)
{
    QList<std::pair<QByteArray, QByteArray>> out{{"X-RateLimit-Limit"_ba,
                                                  QByteArray::number(decision.limit)},
                                                 {"X-RateLimit-Remaining"_ba,
                                                  QByteArray::number(decision.remaining)},
                                                 {"X-RateLimit-Reset"_ba,
                                                  QByteArray::number(decision.resetAt)}};
    if (!decision.allowed)
        out.append({"Retry-After"_ba, QByteArray::number(decision.retryAfterSeconds)});
    return out;
}

} // namespace Server
