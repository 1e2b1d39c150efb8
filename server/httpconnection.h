// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "server/httpmessage.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <optional>

class QTcpSocket;

namespace Server {

/// Limits QHttpServer 6.4 does not enforce itself (see shared/reference/qt64.md §2e).
struct HttpLimits
{
    qint64 maxHeadBytes = 64 * 1024;
    qint64 maxBodyBytes = 10 * 1024 * 1024;
    int headTimeoutMs = 10'000;      ///< From a request's first byte to the end of its headers.
    int bodyStallTimeoutMs = 15'000; ///< Longest pause while a body is arriving.
    int idleTimeoutMs = 120'000;     ///< Keep-alive connection with nothing to do.
};

/// Guards one client connection. It sees every byte before QHttpServer parses it, frames the
/// requests itself (request line, headers, Content-Length) and answers what QHttpServer 6.4 would
/// get wrong: 400 for garbage (6.4 just hangs up), 413 for a body over the cap (6.4 buffers
/// anything), 408 for a client that stalls (6.4 waits forever), 100-continue (missing before 6.5).
/// It also owns the response side: responses leave in request order even when handlers finish
/// out of order, Connection: close and HTTP/1.0 are honoured, and a response may be streamed.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    /// What the framing parser learnt about a request QHttpServer will hand over.
    struct RequestHead
    {
        QByteArray method;
        bool keepAlive = true;
        bool http10 = false;
        bool upgrade = false;
    };

    HttpConnection(QTcpSocket *socket, const HttpLimits &limits);
    [[nodiscard]] static HttpConnection *of(QTcpSocket *socket);

    /// Must be connected after QHttpServer's own readyRead handler; see GuardedTcpServer.
    void attachAfterReadHook();

    /// The head of the next complete request, in arrival order.
    [[nodiscard]] std::optional<RequestHead> takeRequest();

    /// Reserves the place of a response in the outgoing order.
    [[nodiscard]] quint64 reserve(const RequestHead &head);
    void complete(quint64 slot, const HttpResponse &response);
    void beginStream(quint64 slot,
                     int status,
                     const QList<std::pair<QByteArray, QByteArray>> &headers);
    void writeChunk(quint64 slot, const QByteArray &data);
    void endStream(quint64 slot);
    /// Bytes accepted for sending but not yet handed to the kernel; for stream back-pressure.
    [[nodiscard]] qint64 pendingBytes() const;
    [[nodiscard]] bool isOpen() const;

    /// The socket now belongs to the WebSocket server: stop guarding it.
    void detachForUpgrade();
    /// Answers immediately (ahead of nothing pending) and closes.
    void rejectAndClose(const HttpResponse &response);

Q_SIGNALS:
    /// A stream's client went away or the connection closed; producers should stop.
    void closed();
    /// Most of what was queued for the client has gone out; a streaming producer may go on.
    void drained();

private:
    enum class ParseState { Head, Body, Upgraded, Closed };
    struct Slot
    {
        quint64 id = 0;
        bool keepAlive = true;
        bool http10 = false;
        bool headOnly = false;
        bool ready = false;     ///< Complete response bytes are in data.
        bool streaming = false; ///< Headers written; chunks follow.
        bool finished = false;  ///< Stream ended.
        QByteArray data;
    };

    void onReadyRead();
    void onAfterReadyRead();
    void onTimeout();
    void consume(const QByteArray &bytes);
    bool parseHead();
    void fail(int status, const QByteArray &code, const QString &message);
    void flush();
    void armTimer();
    [[nodiscard]] Slot *slotFor(quint64 id);
    [[nodiscard]] QByteArray serializeHead(int status,
                                           const QList<std::pair<QByteArray, QByteArray>> &headers,
                                           const Slot &slot,
                                           qint64 contentLength) const;

    QPointer<QTcpSocket> m_socket;
    HttpLimits m_limits;
    ParseState m_state = ParseState::Head;
    QByteArray m_head;
    qint64 m_bodyRemaining = 0;
    qint64 m_unreadAfterHandler = 0;
    std::deque<RequestHead> m_complete;
    std::deque<Slot> m_slots;
    quint64 m_nextSlot = 1;
    bool m_closing = false;
    QTimer m_timer;
};

} // namespace Server
