// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/websockethub.h"

#include "core/eventbus.h"
#include "core/timestamps.h"
#include "core/version.h"
#include "server/jsonprojection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray errorMessage(const QString &code, const QString &message)
{
    return compact({{u"type"_s, u"error"_s},
                    {u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}}},
                    {u"timestamp"_s, Core::toTimestamp(Core::nowUtc())}});
}

/// Which channel an event belongs to, and the ids its filters compare against.
struct Topic
{
    QString channel;
    QString projectId;
    QString taskId;
    QString attemptId;
};

Topic topicOf(const Core::Event &event)
{
    if (const auto *task = std::get_if<Core::TaskEvent>(&event))
        return {u"tasks"_s, task->task.projectId.toString(), task->task.id.toString(), {}};
    if (const auto *attempt = std::get_if<Core::AttemptEvent>(&event))
        return {u"attempts"_s,
                {},
                attempt->attempt.taskId.toString(),
                attempt->attempt.id.toString()};
    if (const auto *process = std::get_if<Core::ProcessEvent>(&event))
        return {u"attempts"_s,
                {},
                process->taskId.toString(),
                process->process.attemptId.toString()};
    if (const auto *log = std::get_if<Core::LogEvent>(&event))
        return {u"attempts"_s, {}, log->taskId.toString(), log->attemptId.toString()};
    const auto &project = std::get<Core::ProjectEvent>(event);
    return {u"projects"_s, project.project.id.toString(), {}, {}};
}

} // namespace

WebSocketHub::WebSocketHub(Core::EventBus &events, QObject *parent)
    : QObject(parent)
{
    connect(&events, &Core::EventBus::published, this, &WebSocketHub::onEvent);
}

WebSocketHub::~WebSocketHub()
{
    closeAll();
}

QStringList WebSocketHub::channels()
{
    return {u"tasks"_s, u"projects"_s, u"attempts"_s};
}

void WebSocketHub::accept(std::unique_ptr<QWebSocket> owned)
{
    QWebSocket *socket = owned.release();
    socket->setParent(this);
    socket->setMaxAllowedIncomingMessageSize(64 * 1024);
    socket->setMaxAllowedIncomingFrameSize(64 * 1024);
    m_clients.append(Client{socket, {}});
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) {
        onMessage(socket, text);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, socket](const QByteArray &) {
        if (Client *client = clientFor(socket))
            send(*client, errorMessage(u"VALIDATION_ERROR"_s, u"send JSON text messages"_s));
    });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        // Deferred: this can fire while onEvent() walks the client list.
        QMetaObject::invokeMethod(
            this,
            [this, socket] {
                m_clients.removeIf(
                    [socket](const Client &client) { return client.socket == socket; });
                socket->deleteLater();
            },
            Qt::QueuedConnection);
    });
    send(m_clients.last(),
         compact({{u"type"_s, u"connected"_s},
                  {u"version"_s, QString::fromLatin1(Core::forgedeskVersion)},
                  {u"channels"_s, QJsonArray::fromStringList(channels())},
                  {u"timestamp"_s, Core::toTimestamp(Core::nowUtc())}}));
}

int WebSocketHub::clientCount() const
{
    return int(m_clients.size());
}

void WebSocketHub::closeAll()
{
    const QList<Client> clients = m_clients;
    m_clients.clear();
    for (const Client &client : clients) {
        client.socket->disconnect(this);
        client.socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
        client.socket->deleteLater();
    }
}

WebSocketHub::Client *WebSocketHub::clientFor(QWebSocket *socket)
{
    for (Client &client : m_clients) {
        if (client.socket == socket)
            return &client;
    }
    return nullptr;
}

void WebSocketHub::send(Client &client, const QByteArray &json)
{
    QWebSocket *socket = client.socket;
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (socket->bytesToWrite() > maxPendingBytes) {
        socket->sendTextMessage(QString::fromUtf8(compact(
            {{u"type"_s, u"resync"_s}, {u"reason"_s, u"client too slow; reconnect and reload"_s}})));
        socket->close(QWebSocketProtocol::CloseCodeAbnormalDisconnection, u"client too slow"_s);
        return;
    }
    socket->sendTextMessage(QString::fromUtf8(json));
}

void WebSocketHub::onMessage(QWebSocket *socket, const QString &text)
{
    Client *client = clientFor(socket);
    if (!client)
        return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        send(*client, errorMessage(u"VALIDATION_ERROR"_s, u"messages must be JSON objects"_s));
        return;
    }
    const QJsonObject message = document.object();
    const QString type = message.value(u"type"_s).toString();
    if (type == "ping"_L1) {
        send(*client,
             compact({{u"type"_s, u"pong"_s}, {u"timestamp"_s, Core::toTimestamp(Core::nowUtc())}}));
        return;
    }
    if (type != "subscribe"_L1 && type != "unsubscribe"_L1) {
        send(*client,
             errorMessage(u"VALIDATION_ERROR"_s, u"type must be subscribe, unsubscribe or ping"_s));
        return;
    }
    for (const QString &key : {u"channel"_s, u"projectId"_s, u"taskId"_s, u"attemptId"_s}) {
        if (message.contains(key) && !message.value(key).isString()
            && !message.value(key).isNull()) {
            send(*client, errorMessage(u"VALIDATION_ERROR"_s, u"%1 must be a string"_s.arg(key)));
            return;
        }
    }
    Subscription subscription{message.value(u"channel"_s).toString(),
                              message.value(u"projectId"_s).toString(),
                              message.value(u"taskId"_s).toString(),
                              message.value(u"attemptId"_s).toString()};
    if (!channels().contains(subscription.channel)) {
        send(*client,
             errorMessage(u"VALIDATION_ERROR"_s,
                          u"channel must be one of %1"_s.arg(channels().join(u", "_s))));
        return;
    }
    QJsonObject reply{{u"type"_s, type == "subscribe"_L1 ? u"subscribed"_s : u"unsubscribed"_s},
                      {u"channel"_s, subscription.channel},
                      {u"timestamp"_s, Core::toTimestamp(Core::nowUtc())}};
    if (!subscription.projectId.isEmpty())
        reply.insert(u"projectId"_s, subscription.projectId);
    if (!subscription.taskId.isEmpty())
        reply.insert(u"taskId"_s, subscription.taskId);
    if (!subscription.attemptId.isEmpty())
        reply.insert(u"attemptId"_s, subscription.attemptId);
    if (type == "subscribe"_L1) {
        if (!client->subscriptions.contains(subscription))
            client->subscriptions.append(subscription);
    } else {
        client->subscriptions.removeAll(subscription);
    }
    send(*client, compact(reply));
}

void WebSocketHub::onEvent(const Core::Event &event)
{
    if (m_clients.isEmpty())
        return;
    const Topic topic = topicOf(event);
    // Serialise once, whatever the number of clients.
    QList<QByteArray> messages;
    for (Client &client : m_clients) {
        const bool wanted
            = std::any_of(client.subscriptions.cbegin(),
                          client.subscriptions.cend(),
                          [&topic](const Subscription &s) {
                              return s.channel == topic.channel
                                     && (s.projectId.isEmpty() || s.projectId == topic.projectId)
                                     && (s.taskId.isEmpty() || s.taskId == topic.taskId)
                                     && (s.attemptId.isEmpty() || s.attemptId == topic.attemptId);
                          });
        if (!wanted)
            continue;
        if (messages.isEmpty())
            messages = webSocketMessages(event);
        for (const QByteArray &message : std::as_const(messages))
            send(client, message);
    }
}

} // namespace Server
