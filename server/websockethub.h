// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/events.h"

#include <QList>
#include <QObject>

#include <memory>

class QWebSocket;

namespace Core {
class EventBus;
}

namespace Server {

/// The WebSocket face of the event bus: clients subscribe to channels with optional filters and
/// receive the typed events that match.
class WebSocketHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketHub)

public:
    /// Past this many unsent bytes a client is too slow: it is told to resync and dropped,
    /// instead of letting the server's memory grow.
    static constexpr qint64 maxPendingBytes = 16 * 1024 * 1024;

    explicit WebSocketHub(Core::EventBus &events, QObject *parent = nullptr);
    ~WebSocketHub() override;

    void accept(std::unique_ptr<QWebSocket> socket);
    [[nodiscard]] int clientCount() const;
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
    struct Client
    {
        QWebSocket *socket = nullptr;
        QList<Subscription> subscriptions;
    };

    void onEvent(const Core::Event &event);
    void onMessage(QWebSocket *socket, const QString &text);
    void send(Client &client, const QByteArray &json);
    [[nodiscard]] Client *clientFor(QWebSocket *socket);

    QList<Client> m_clients;
};

} // namespace Server
