// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "server/httpmessage.h"

#include <QPointer>

#include <memory>

namespace Core {
struct Error;
}

namespace Server {

class HttpConnection;

/// The way back to the client for one request. Cheap to copy, so it can ride along a chain of
/// future continuations; the first send() wins. If every copy is dropped unanswered, the client
/// gets a 500 rather than a hang.
class Responder final
{
public:
    Responder(HttpConnection *connection, quint64 slot);

    /// Headers every response sent through this responder (and its copies) carries besides its
    /// own, such as the rate-limit headers; set before anything is sent.
    void addHeaders(const QList<std::pair<QByteArray, QByteArray>> &headers) const;

    void send(const HttpResponse &response) const;
    void sendJson(int status, const QByteArray &body) const;
    void sendError(const Core::Error &error) const;

    /// Starts a chunked response; follow with write() and end().
    void beginStream(int status, const QList<std::pair<QByteArray, QByteArray>> &headers) const;
    void write(const QByteArray &chunk) const;
    void end() const;

    [[nodiscard]] bool isConnected() const;
    [[nodiscard]] qint64 pendingBytes() const;
    [[nodiscard]] HttpConnection *connection() const;

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace Server
