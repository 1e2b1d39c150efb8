// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <memory>

class QTcpSocket;

namespace Test {

/// A WebSocket client over a bare TCP socket that reads only when told to, so that a test can
/// play a follower that stops reading: its socket's read buffer is small, so once it is full
/// the kernel's buffers fill and the server sees a client that does not keep up.
class RawWebSocket final
{
public:
    explicit RawWebSocket(quint16 port);
    ~RawWebSocket();

    /// The opening handshake on path; true on "101 Switching Protocols".
    bool open(const QByteArray &path = "/ws");
    /// Sends one masked text frame.
    void send(const QJsonObject &message);
    /// Reads what arrived (waiting up to timeoutMs for at least one whole message) and returns
    /// the whole text messages in it.
    QList<QJsonObject> read(int timeoutMs = 5000);
    [[nodiscard]] bool isConnected() const;
    /// From now on, reads as fast as the server sends.
    void stopThrottling();

private:
    QList<QJsonObject> takeMessages();

    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
    QByteArray m_fragments; ///< Payload of a message split over frames.
};

} // namespace Test
