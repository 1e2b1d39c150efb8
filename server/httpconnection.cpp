// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/httpconnection.h"

#include "server/apienvelope.h"

#include <QDateTime>
#include <QLocale>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool headerHasToken(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &part : value.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

/// RFC 9110 IMF-fixdate, recomputed at most once a second.
QByteArray httpDate()
{
    static qint64 cachedSecond = -1;
    static QByteArray cached;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != cachedSecond) {
        cachedSecond = now;
        cached = QLocale::c()
                     .toString(QDateTime::fromSecsSinceEpoch(now, Qt::UTC),
                               u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s)
                     .toLatin1();
    }
    return cached;
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
{
    setObjectName(u"HttpConnection"_s);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    // Connected before QHttpServer's handler, so the guard sees each byte first.
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        flush();
        if (m_socket && m_socket->bytesToWrite() < 256 * 1024)
            Q_EMIT drained();
    });
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        m_state = ParseState::Closed;
        m_timer.stop();
        Q_EMIT closed();
    });
    armTimer();
}

HttpConnection *HttpConnection::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<HttpConnection *>(u"HttpConnection"_s,
                                                        Qt::FindDirectChildrenOnly)
                  : nullptr;
}

void HttpConnection::attachAfterReadHook()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onAfterReadyRead);
}

void HttpConnection::onReadyRead()
{
    if (!m_socket)
        return;
    // QHttpServer reads inside a transaction and may leave bytes behind between handler runs;
    // only what arrived since then is new to us.
    const qint64 available = m_socket->bytesAvailable();
    const qint64 fresh = available - m_unreadAfterHandler;
    if (fresh <= 0)
        return;
    const QByteArray all = m_socket->peek(available);
    consume(all.right(fresh));
}

void HttpConnection::onAfterReadyRead()
{
    if (m_socket)
        m_unreadAfterHandler = m_socket->bytesAvailable();
}

void HttpConnection::consume(const QByteArray &bytes)
{
    qsizetype position = 0;
    while (position < bytes.size()) {
        switch (m_state) {
        case ParseState::Upgraded:
        case ParseState::Closed: return;
        case ParseState::Body: {
            const qint64 take = std::min<qint64>(m_bodyRemaining, bytes.size() - position);
            m_bodyRemaining -= take;
            position += take;
            if (m_bodyRemaining == 0)
                m_state = ParseState::Head;
            armTimer();
            break;
        }
        case ParseState::Head: {
            // Blank lines between requests are allowed (RFC 9112 §2.2).
            if (m_head.isEmpty()) {
                while (position < bytes.size()
                       && (bytes[position] == '\r' || bytes[position] == '\n'))
                    ++position;
                if (position == bytes.size())
                    return;
            }
            const qsizetype searchFrom = std::max<qsizetype>(0, m_head.size() - 3);
            m_head.append(bytes.mid(position));
            const qsizetype end = m_head.indexOf("\r\n\r\n", searchFrom);
            if (end < 0) {
                if (m_head.size() > m_limits.maxHeadBytes) {
                    fail(431,
                         "REQUEST_HEADERS_TOO_LARGE"_ba,
                         u"request headers exceed %1 bytes"_s.arg(m_limits.maxHeadBytes));
                    return;
                }
                armTimer();
                return;
            }
            // Bytes after the head belong to the body or the next request.
            const qsizetype headEnd = end + 4;
            const qsizetype surplus = m_head.size() - headEnd;
            position = bytes.size() - surplus;
            m_head.truncate(headEnd);
            if (!parseHead())
                return;
            m_head.clear();
            armTimer();
            break;
        }
        }
    }
}

bool HttpConnection::parseHead()
{
    if (m_head.size() > m_limits.maxHeadBytes) {
        fail(431,
             "REQUEST_HEADERS_TOO_LARGE"_ba,
             u"request headers exceed %1 bytes"_s.arg(m_limits.maxHeadBytes));
        return false;
    }
    const QList<QByteArray> lines = m_head.chopped(4).split('\n');
    const QByteArray requestLine = lines.first().endsWith('\r') ? lines.first().chopped(1)
                                                                : lines.first();
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty()
        || !(parts[1].startsWith('/') || (parts[1] == "*" && parts[0] == "OPTIONS"))
        || !parts[2].startsWith("HTTP/")) {
        fail(400, "BAD_REQUEST"_ba, u"malformed request line"_s);
        return false;
    }
    if (parts[2] != "HTTP/1.1" && parts[2] != "HTTP/1.0") {
        fail(505, "HTTP_VERSION_NOT_SUPPORTED"_ba, u"only HTTP/1.0 and HTTP/1.1 are served"_s);
        return false;
    }
    RequestHead head;
    head.method = parts[0];
    head.http10 = parts[2] == "HTTP/1.0";

    QHash<QByteArray, QByteArray> headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        // Obsolete line folding and names with spaces are both request-smuggling material.
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon))) {
            fail(400, "BAD_REQUEST"_ba, u"malformed header line"_s);
            return false;
        }
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length" && headers.contains(name) && headers.value(name) != value) {
            fail(400, "BAD_REQUEST"_ba, u"conflicting Content-Length headers"_s);
            return false;
        }
        headers.insert(name,
                       headers.contains(name) && name != "content-length"
                           ? headers.value(name) + ", " + value
                           : value);
    }
    if (!head.http10 && !headers.contains("host")) {
        fail(400, "BAD_REQUEST"_ba, u"the Host header is required"_s);
        return false;
    }
    if (headers.contains("transfer-encoding")) {
        fail(411,
             "LENGTH_REQUIRED"_ba,
             u"chunked request bodies are not accepted; send Content-Length"_s);
        return false;
    }
    qint64 length = 0;
    if (headers.contains("content-length")) {
        const QByteArray text = headers.value("content-length");
        bool ok = !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) {
            return c >= '0' && c <= '9';
        });
        length = ok ? text.toLongLong(&ok) : -1;
        if (!ok || length < 0) {
            fail(400, "BAD_REQUEST"_ba, u"invalid Content-Length"_s);
            return false;
        }
        if (length > m_limits.maxBodyBytes) {
            fail(413,
                 "PAYLOAD_TOO_LARGE"_ba,
                 u"the request body is %1 bytes; the limit is %2"_s.arg(length).arg(
                     m_limits.maxBodyBytes));
            return false;
        }
    }
    const QByteArray connection = headers.value("connection");
    head.keepAlive = head.http10 ? headerHasToken(connection, "keep-alive")
                                 : !headerHasToken(connection, "close");
    head.upgrade = headerHasToken(connection, "upgrade") && headers.contains("upgrade");

    if (length > 0 && headers.value("expect").compare("100-continue", Qt::CaseInsensitive) == 0
        && m_slots.empty())
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");

    m_complete.push_back(head);
    if (head.upgrade) {
        m_state = ParseState::Upgraded; // what follows is the WebSocket's, not ours
    } else if (length > 0) {
        m_bodyRemaining = length;
        m_state = ParseState::Body;
    }
    return true;
}

std::optional<HttpConnection::RequestHead> HttpConnection::takeRequest()
{
    if (m_complete.empty())
        return std::nullopt;
    RequestHead head = m_complete.front();
    m_complete.pop_front();
    return head;
}

quint64 HttpConnection::reserve(const RequestHead &head)
{
    Slot slot;
    slot.id = m_nextSlot++;
    slot.keepAlive = head.keepAlive;
    slot.http10 = head.http10;
    slot.headOnly = head.method == "HEAD";
    m_slots.push_back(slot);
    armTimer();
    return slot.id;
}

HttpConnection::Slot *HttpConnection::slotFor(quint64 id)
{
    for (Slot &slot : m_slots) {
        if (slot.id == id)
            return &slot;
    }
    return nullptr;
}

QByteArray HttpConnection::serializeHead(int status,
                                         const QList<std::pair<QByteArray, QByteArray>> &headers,
                                         const Slot &slot,
                                         qint64 contentLength) const
{
    const bool close = !slot.keepAlive || m_closing;
    QByteArray out;
    out.reserve(256);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (contentLength >= 0)
        out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    else if (!slot.http10)
        out += "Transfer-Encoding: chunked\r\n";
    out += "Date: " + httpDate() + "\r\n";
    out += close || (contentLength < 0 && slot.http10) ? "Connection: close\r\n"
                                                       : "Connection: keep-alive\r\n";
    out += "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n\r\n";
    return out;
}

void HttpConnection::complete(quint64 id, const HttpResponse &response)
{
    Slot *slot = slotFor(id);
    if (!slot || slot->ready || slot->streaming)
        return;
    slot->data = serializeHead(response.status, response.headers, *slot, response.body.size());
    if (!slot->headOnly)
        slot->data += response.body;
    slot->ready = true;
    slot->finished = true;
    flush();
}

void HttpConnection::beginStream(quint64 id,
                                 int status,
                                 const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    Slot *slot = slotFor(id);
    if (!slot || slot->ready || slot->streaming)
        return;
    slot->streaming = true;
    slot->data = serializeHead(status, headers, *slot, -1);
    flush();
}

void HttpConnection::writeChunk(quint64 id, const QByteArray &data)
{
    Slot *slot = slotFor(id);
    if (!slot || !slot->streaming || slot->finished || data.isEmpty() || slot->headOnly)
        return;
    if (slot->http10)
        slot->data += data;
    else
        slot->data += QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
    flush();
}

void HttpConnection::endStream(quint64 id)
{
    Slot *slot = slotFor(id);
    if (!slot || !slot->streaming || slot->finished)
        return;
    if (!slot->http10 && !slot->headOnly)
        slot->data += "0\r\n\r\n";
    slot->finished = true;
    if (slot->http10)
        slot->keepAlive = false; // without chunks, only closing marks the end
    flush();
}

qint64 HttpConnection::pendingBytes() const
{
    qint64 pending = m_socket ? m_socket->bytesToWrite() : 0;
    for (const Slot &slot : m_slots)
        pending += slot.data.size();
    return pending;
}

bool HttpConnection::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState
           && m_state != ParseState::Closed;
}

void HttpConnection::flush()
{
    if (!m_socket)
        return;
    while (!m_slots.empty()) {
        Slot &front = m_slots.front();
        if (!front.ready && !front.streaming)
            break;
        if (!front.data.isEmpty()) {
            m_socket->write(front.data);
            front.data.clear();
        }
        if (!front.finished)
            break;
        const bool keepAlive = front.keepAlive && !m_closing;
        m_slots.pop_front();
        if (!keepAlive) {
            m_closing = true;
            m_slots.clear();
            m_state = ParseState::Closed;
            QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
            m_socket->disconnectFromHost();
            return;
        }
    }
    armTimer();
}

void HttpConnection::fail(int status, const QByteArray &code, const QString &message)
{
    // Stop QHttpServer from parsing what we reject, queue the answer behind any pending ones,
    // and close once it is out.
    m_state = ParseState::Closed;
    if (m_socket)
        QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    m_complete.clear();
    Slot slot;
    slot.id = m_nextSlot++;
    slot.keepAlive = false;
    m_slots.push_back(slot);
    m_closing = true;
    complete(slot.id, HttpResponse::json(status, errorEnvelope(code, message, {})));
}

void HttpConnection::rejectAndClose(const HttpResponse &response)
{
    m_state = ParseState::Closed;
    m_closing = true;
    Slot slot;
    slot.id = m_nextSlot++;
    slot.keepAlive = false;
    m_slots.clear();
    m_slots.push_back(slot);
    complete(slot.id, response);
}

void HttpConnection::detachForUpgrade()
{
    m_state = ParseState::Upgraded;
    m_timer.stop();
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->setReadBufferSize(0);
    }
}

void HttpConnection::armTimer()
{
    if (m_state == ParseState::Upgraded || m_state == ParseState::Closed) {
        m_timer.stop();
        return;
    }
    int timeout = 0;
    if (m_state == ParseState::Body)
        timeout = m_limits.bodyStallTimeoutMs;
    else if (!m_head.isEmpty())
        timeout = m_limits.headTimeoutMs;
    else if (m_slots.empty())
        timeout = m_limits.idleTimeoutMs;
    // A head timer runs from the request's first byte: re-arming on every byte would let a
    // client trickle one byte a second forever.
    if (timeout == 0) {
        m_timer.stop();
    } else if (!(m_timer.isActive() && m_state == ParseState::Head && !m_head.isEmpty()
                 && m_timer.interval() == timeout)) {
        m_timer.start(timeout);
    }
}

void HttpConnection::onTimeout()
{
    if (!m_socket)
        return;
    if (m_state == ParseState::Body || !m_head.isEmpty()) {
        fail(408,
             "REQUEST_TIMEOUT"_ba,
             m_state == ParseState::Body ? u"the request body stalled"_s
                                         : u"the request headers did not arrive in time"_s);
    } else if (m_slots.empty()) {
        m_state = ParseState::Closed;
        m_socket->disconnectFromHost();
    }
}

} // namespace Server
