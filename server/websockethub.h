// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/events.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

#include <memory>
#include <vector>

class QWebSocket;

namespace Core {
class EventBus;
}

namespace Server {

/// The WebSocket face of the event bus: clients subscribe to channels with optional filters and
/// receive the typed events that match.
///
/// Log lines are not pushed blindly: each client has a cursor per process log. While the client
/// keeps up it gets the lines carried by the events; when it falls behind, it gets them read
/// from the log file in chunks as its socket drains, so a slow follower costs disk reads, not
/// server memory, and loses nothing. Other events for a lagging client wait, in order, behind
/// the lines that came before them.
class WebSocketHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketHub)

public:
    /// Past this many unsent bytes a client is too slow: it is told to resync and dropped,
    /// instead of letting the server's memory grow.
    static constexpr qint64 maxPendingBytes = 16 * 1024 * 1024;
    /// How long a dropped client has to read the resync notice before its socket is aborted.
    static constexpr int dropGraceMs = 5000;
    /// Log lines are only queued to a client with less than this unsent.
    static constexpr qint64 logLowWater = 512 * 1024;
    /// The most read from a log file at once for a lagging client.
    static constexpr qint64 logChunkBytes = 256 * 1024;

    explicit WebSocketHub(Core::EventBus &events, QObject *parent = nullptr);
    ~WebSocketHub() override;

    void accept(std::unique_ptr<QWebSocket> socket);
    /// A client of ws/projects/:projectId/drafts (seed 000): subscribed to that project's
    /// drafts from the start, with nothing to send.
    void acceptProjectDrafts(std::unique_ptr<QWebSocket> socket, const QString &projectId);
    [[nodiscard]] int clientCount() const;
    /// Bytes waiting to go out to all clients (socket buffers and held-back messages).
    [[nodiscard]] qint64 queuedBytes() const;
    void closeAll();

    [[nodiscard]] static QStringList channels();

private:
    struct Subscription
    {
        QString channel;
        QString projectId;
        QString taskId;
        QString attemptId;
        friend bool operator==(const Subscription &, const Subscription &) = default;
    };
    /// Where a client is in one process's log.
    struct LogCursor
    {
        Core::LogEvent source; ///< Ids and file (without lines).
        qint64 sent = 0;       ///< File offset delivered up to.
        qint64 known = 0;      ///< File offset known to exist.
        bool reading = false;
        [[nodiscard]] bool behind() const { return reading || sent < known; }
    };
    /// A message held back until the log lines published before it have been sent.
    struct Deferred
    {
        QString message;
        QHash<QString, qint64> waitFor; ///< Process id → offset.
    };
    /// Chunks of one log recently read for lagging clients, as ready messages.
    struct LogChunk
    {
        qint64 from = 0;
        qint64 end = 0;
        QString message; ///< Empty if the file could not be read.
    };
    struct LogShare
    {
        QList<LogChunk> recent;
        QSet<qint64> reading; ///< Offsets being read.
    };
    static constexpr qsizetype maxSharedChunks = 4;

    struct Client
    {
        QWebSocket *socket = nullptr;
        QList<Subscription> subscriptions;
        QHash<QString, LogCursor> logs; ///< By process id.
        QList<Deferred> deferred;
        qint64 deferredBytes = 0;
    };
    /// Which channel an event belongs to, and the ids its filters compare against.
    struct Topic
    {
        QString channel;
        QString projectId;
        QString taskId;
        QString attemptId;
        QString alsoChannel; ///< A second channel that carries the event (processes).
    };
    [[nodiscard]] static Topic topicOf(const Core::Event &event);

    void onEvent(const Core::Event &event);
    void onMessage(QWebSocket *socket, const QString &text);
    void onLog(Client &client, const Core::LogEvent &event, const QString &message);
    /// Sends now, or defers behind the client's log backlog.
    void deliver(Client &client, const QString &message);
    /// Reads the next chunk of every lagging log of client, while its socket has room.
    void pump(Client &client);
    void readChunk(const QString &processId, const Core::LogEvent &source, qint64 from, qint64 to);
    void pruneShares();
    void flushDeferred(Client &client);
    void send(Client &client, const QString &message);
    void dropSlow(Client &client);
    [[nodiscard]] static bool wants(const Client &client, const Topic &topic);
    [[nodiscard]] Client *clientFor(const QWebSocket *socket);

    std::vector<std::unique_ptr<Client>> m_clients;
    QHash<QString, LogShare> m_shares; ///< By process id.
};

} // namespace Server
