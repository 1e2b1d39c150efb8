// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/support/rawwebsocket.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

namespace Test {

RawWebSocket::RawWebSocket(quint16 port)
    : m_socket(std::make_unique<QTcpSocket>())
{
    m_socket->setReadBufferSize(16 * 1024);
    m_socket->connectToHost(QStringLiteral("127.0.0.1"), port);
}

RawWebSocket::~RawWebSocket()
{
    m_socket->abort();
}

bool RawWebSocket::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void RawWebSocket::stopThrottling()
{
    m_socket->setReadBufferSize(0);
}

bool RawWebSocket::open(const QByteArray &path)
{
    if (!QTest::qWaitFor([this] { return isConnected(); }, 5000))
        return false;
    const QByteArray host = "127.0.0.1:" + QByteArray::number(m_socket->peerPort());
    m_socket->write("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      "Sec-WebSocket-Version: 13\r\n\r\n");
    const bool answered = QTest::qWaitFor(
        [this] {
            m_buffer += m_socket->readAll();
            return m_buffer.contains("\r\n\r\n");
        },
        5000);
    if (!answered || !m_buffer.startsWith("HTTP/1.1 101"))
        return false;
    m_buffer.remove(0, m_buffer.indexOf("\r\n\r\n") + 4);
    return true;
}

void RawWebSocket::send(const QJsonObject &message)
{
    const QByteArray payload = QJsonDocument(message).toJson(QJsonDocument::Compact);
    QByteArray frame;
    frame += char(0x81); // FIN, text
    if (payload.size() < 126) {
        frame += char(0x80 | payload.size());
    } else {
        frame += char(0x80 | 126);
        frame += char((payload.size() >> 8) & 0xff);
        frame += char(payload.size() & 0xff);
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame += char(payload.at(i) ^ mask[i % 4]);
    m_socket->write(frame);
    m_socket->flush();
}

QList<QJsonObject> RawWebSocket::read(int timeoutMs)
{
    QList<QJsonObject> messages;
    const QDeadlineTimer deadline(timeoutMs);
    do {
        m_buffer += m_socket->readAll();
        messages += takeMessages();
        if (!messages.isEmpty() || !isConnected())
            break;
        QTest::qWait(5);
    } while (!deadline.hasExpired());
    return messages;
}

QList<QJsonObject> RawWebSocket::takeMessages()
{
    QList<QJsonObject> messages;
    for (;;) {
        if (m_buffer.size() < 2)
            break;
        const auto byte = [this](qsizetype i) { return quint8(m_buffer.at(i)); };
        const bool fin = byte(0) & 0x80;
        const int opcode = byte(0) & 0x0f;
        qsizetype header = 2;
        quint64 length = byte(1) & 0x7f;
        if (length == 126) {
            if (m_buffer.size() < 4)
                break;
            length = (quint64(byte(2)) << 8) | byte(3);
            header = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                break;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | byte(i);
            header = 10;
        }
        if (quint64(m_buffer.size() - header) < length)
            break;
        const QByteArray payload = m_buffer.mid(header, qsizetype(length));
        m_buffer.remove(0, header + qsizetype(length));
        if (opcode == 0x1 || opcode == 0x0) { // text or continuation
            m_fragments += payload;
            if (fin) {
                messages.append(QJsonDocument::fromJson(m_fragments).object());
                m_fragments.clear();
            }
        }
    }
    return messages;
}

} // namespace Test
