// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <utility>

namespace Server {

/// Fixed-window request counting per client (an API key, else a peer address): a client's
/// window opens with its first request and lasts windowMs; within it, at most `limit` requests
/// pass. Memory is bounded: ended windows are dropped as time goes on, and beyond maxClients
/// live windows, new clients share one overflow window rather than each getting their own.
class RateLimiter final
{
public:
    static constexpr qint64 windowMs = 60'000;
    static constexpr qsizetype defaultMaxClients = 10'000;

    struct Decision
    {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;         ///< Requests left in the window after this one.
        qint64 resetAt = 0;        ///< When the window ends, in Unix seconds (rounded up).
        int retryAfterSeconds = 0; ///< For a refused request: when to try again (at least 1).
    };

    explicit RateLimiter(qsizetype maxClients = defaultMaxClients);

    /// Counts one request of client at nowMs (milliseconds since the epoch) against limit.
    [[nodiscard]] Decision hit(const QString &client, int limit, qint64 nowMs);
    /// Windows held, the overflow one included.
    [[nodiscard]] qsizetype size() const { return m_windows.size(); }

    /// X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, and Retry-After when the
    /// request was refused.
    [[nodiscard]] static QList<std::pair<QByteArray, QByteArray>> headers(const Decision &decision);

private:
    struct Window
    {
        qint64 startMs = 0;
        int count = 0;
    };

    void expire(qint64 nowMs);

    QHash<QString, Window> m_windows;
    qsizetype m_maxClients;
    qint64 m_lastSweepMs = 0;
};

} // namespace Server
