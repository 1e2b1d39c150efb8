// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/responder.h"

#include "core/error.h"
#include "server/apienvelope.h"
#include "server/httpconnection.h"

#include <QCoreApplication>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Server {

struct Responder::State
{
    QPointer<HttpConnection> connection;
    quint64 slot = 0;
    bool answered = false;
    bool streaming = false;
    QList<std::pair<QByteArray, QByteArray>> extraHeaders;

    ~State()
    {
        if (answered && !streaming)
            return;
        // The last copy can be released on a database thread, where a continuation chain ends;
        // the connection may only be touched on its own (the main) thread.
        auto finish = [target = connection, slot = slot, unanswered = !answered] {
            if (!target)
                return;
            if (unanswered) {
                target->complete(
                    slot,
                    HttpResponse::json(500,
                                       errorEnvelope("INTERNAL_ERROR"_ba,
                                                     u"the request was dropped unanswered"_s,
                                                     {})));
            } else {
                target->endStream(slot);
            }
        };
        QCoreApplication *app = QCoreApplication::instance();
        if (app && QThread::currentThread() != app->thread())
            QMetaObject::invokeMethod(app, finish, Qt::QueuedConnection);
        else
            finish();
    }
};

Responder::Responder(HttpConnection *connection, quint64 slot)
    : m_state(std::make_shared<State>())
{
    m_state->connection = connection;
    m_state->slot = slot;
}

void Responder::addHeaders(const QList<std::pair<QByteArray, QByteArray>> &headers) const
{
    m_state->extraHeaders.append(headers);
}

void Responder::send(const HttpResponse &response) const
{
    if (m_state->answered)
        return;
    m_state->answered = true;
    if (!m_state->connection)
        return;
    if (m_state->extraHeaders.isEmpty())
        return m_state->connection->complete(m_state->slot, response);
    HttpResponse withExtras = response;
    withExtras.headers.append(m_state->extraHeaders);
    m_state->connection->complete(m_state->slot, withExtras);
}

void Responder::sendJson(int status, const QByteArray &body) const
{
    send(HttpResponse::json(status, body));
}

void Responder::sendError(const Core::Error &error) const
{
    send(errorResponse(error));
}

void Responder::beginStream(int status,
                            const QList<std::pair<QByteArray, QByteArray>> &headers) const
{
    if (m_state->answered)
        return;
    m_state->answered = true;
    m_state->streaming = true;
    if (m_state->connection)
        m_state->connection->beginStream(m_state->slot, status, headers + m_state->extraHeaders);
}

void Responder::write(const QByteArray &chunk) const
{
    if (m_state->streaming && m_state->connection)
        m_state->connection->writeChunk(m_state->slot, chunk);
}

void Responder::end() const
{
    if (!m_state->streaming)
        return;
    m_state->streaming = false;
    if (m_state->connection)
        m_state->connection->endStream(m_state->slot);
}

bool Responder::isConnected() const
{
    return m_state->connection && m_state->connection->isOpen();
}

qint64 Responder::pendingBytes() const
{
    return m_state->connection ? m_state->connection->pendingBytes() : 0;
}

HttpConnection *Responder::connection() const
{
    return m_state->connection;
}

} // namespace Server
