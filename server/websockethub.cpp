// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/websockethub.h"

#include "core/eventbus.h"
#include "core/future.h"
#include "core/logentry.h"
#include "core/timestamps.h"
#include "core/version.h"
#include "server/jsonprojection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString errorMessage(const QString &code, const QString &message)
{
    return compact({{u"type"_s, u"error"_s},
                    {u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}}},
                    {u"timestamp"_s, Core::toTimestamp(Core::nowUtc())}});
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

WebSocketHub::Topic WebSocketHub::topicOf(const Core::Event &event)
{
    if (const auto *task = std::get_if<Core::TaskEvent>(&event))
        return {u"tasks"_s, task->task.projectId.toString(), task->task.id.toString(), {}};
    if (const auto *attempt = std::get_if<Core::AttemptEvent>(&event))
        return {u"attempts"_s,
                {},
                attempt->attempt.taskId.toString(),
                attempt->attempt.id.toString()};
    // Processes come and go with their attempts, and have a channel of their own for those who
    // watch only them (no log lines there).
    if (const auto *process = std::get_if<Core::ProcessEvent>(&event))
        return {u"attempts"_s,
                {},
                process->taskId.toString(),
                process->process.attemptId.toString(),
                u"processes"_s};
    if (const auto *log = std::get_if<Core::LogEvent>(&event))
        return {u"attempts"_s, {}, log->taskId.toString(), log->attemptId.toString()};
    if (const auto *approval = std::get_if<Core::ApprovalEvent>(&event))
        return {u"approvals"_s, {}, {}, approval->approval.attemptId.toString()};
    if (const auto *draft = std::get_if<Core::DraftEvent>(&event))
        return {u"drafts"_s,
                draft->draft.projectId.toString(),
                {},
                draft->draft.attemptId.toString()};
    // Webhook subscriptions carry their secret and are nobody's channel (onEvent drops them).
    if (std::holds_alternative<Core::WebhookEvent>(event))
        return {};
    const auto &project = std::get<Core::ProjectEvent>(event);
    return {u"projects"_s, project.project.id.toString(), {}, {}};
}

QStringList WebSocketHub::channels()
{
    return {u"tasks"_s, u"projects"_s, u"attempts"_s, u"processes"_s, u"approvals"_s, u"drafts"_s};
}

void WebSocketHub::accept(std::unique_ptr<QWebSocket> owned)
{
    QWebSocket *socket = owned.release();
    socket->setParent(this);
    socket->setMaxAllowedIncomingMessageSize(64 * 1024);
    socket->setMaxAllowedIncomingFrameSize(64 * 1024);
    m_clients.push_back(std::make_unique<Client>());
    m_clients.back()->socket = socket;
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) {
        onMessage(socket, text);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, socket](const QByteArray &) {
        if (Client *client = clientFor(socket))
            deliver(*client, errorMessage(u"VALIDATION_ERROR"_s, u"send JSON text messages"_s));
    });
    connect(socket, &QWebSocket::bytesWritten, this, [this, socket] {
        if (Client *client = clientFor(socket))
            pump(*client);
    });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        // Deferred: this can fire while onEvent() walks the client list.
        QMetaObject::invokeMethod(
            this,
            [this, socket] {
                std::erase_if(m_clients, [socket](const std::unique_ptr<Client> &client) {
                    return client->socket == socket;
                });
                socket->deleteLater();
                pruneShares();
            },
            Qt::QueuedConnection);
    });
    send(*m_clients.back(),
         compact({{u"type"_s, u"connected"_s},
                  {u"version"_s, QString::fromLatin1(Core::forgedeskVersion)},
                  {u"channels"_s, QJsonArray::fromStringList(channels())},
                  {u"timestamp"_s, Core::toTimestamp(Core::nowUtc())}}));
}

void WebSocketHub::acceptProjectDrafts(std::unique_ptr<QWebSocket> socket, const QString &projectId)
{
    QWebSocket *raw = socket.get();
    accept(std::move(socket));
    if (Client *client = clientFor(raw))
        client->subscriptions.append(Subscription{u"drafts"_s, projectId, {}, {}});
}

int WebSocketHub::clientCount() const
{
    return int(m_clients.size());
}

qint64 WebSocketHub::queuedBytes() const
{
    qint64 bytes = 0;
    for (const std::unique_ptr<Client> &client : m_clients)
        bytes += client->socket->bytesToWrite() + client->deferredBytes;
    return bytes;
}

void WebSocketHub::closeAll()
{
    const std::vector<std::unique_ptr<Client>> clients = std::move(m_clients);
    m_clients.clear();
    for (const std::unique_ptr<Client> &client : clients) {
        client->socket->disconnect(this);
        client->socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
        client->socket->deleteLater();
    }
}

WebSocketHub::Client *WebSocketHub::clientFor(const QWebSocket *socket)
{
    for (const std::unique_ptr<Client> &client : m_clients) {
        if (client->socket == socket)
            return client.get();
    }
    return nullptr;
}

void WebSocketHub::send(Client &client, const QString &message)
{
    QWebSocket *socket = client.socket;
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (socket->bytesToWrite() > maxPendingBytes)
        return dropSlow(client);
    socket->sendTextMessage(message);
}

void WebSocketHub::dropSlow(Client &client)
{
    QWebSocket *socket = client.socket;
    client.logs.clear();
    client.deferred.clear();
    client.deferredBytes = 0;
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    socket->sendTextMessage(compact(
        {{u"type"_s, u"resync"_s}, {u"reason"_s, u"client too slow; reconnect and reload"_s}}));
    socket->close(QWebSocketProtocol::CloseCodeAbnormalDisconnection, u"client too slow"_s);
    // A client that still reads nothing would keep its backlog in memory until the close
    // handshake times out: give it a moment to read the notice, then cut it off.
    QTimer::singleShot(dropGraceMs, socket, [socket] { socket->abort(); });
}

void WebSocketHub::deliver(Client &client, const QString &message)
{
    QHash<QString, qint64> waitFor;
    for (auto it = client.logs.cbegin(); it != client.logs.cend(); ++it) {
        if (it->behind())
            waitFor.insert(it.key(), it->known);
    }
    if (waitFor.isEmpty() && client.deferred.isEmpty())
        return send(client, message);
    client.deferredBytes += message.size() * qint64(sizeof(QChar));
    client.deferred.append(Deferred{message, waitFor});
    if (client.deferredBytes > maxPendingBytes)
        return dropSlow(client);
    flushDeferred(client);
}

void WebSocketHub::flushDeferred(Client &client)
{
    while (!client.deferred.isEmpty()) {
        const Deferred &next = client.deferred.first();
        for (auto it = next.waitFor.cbegin(); it != next.waitFor.cend(); ++it) {
            const auto cursor = client.logs.constFind(it.key());
            if (cursor != client.logs.cend() && cursor->sent < *it)
                return;
        }
        const QString message = next.message;
        client.deferredBytes -= message.size() * qint64(sizeof(QChar));
        client.deferred.removeFirst();
        send(client, message);
    }
}

void WebSocketHub::onLog(Client &client, const Core::LogEvent &event, const QString &message)
{
    const QString key = event.processId.toString();
    auto cursor = client.logs.find(key);
    if (cursor == client.logs.end()) {
        // Followed from the first lines published after subscribing; earlier ones are in
        // GET /api/attempts/:id/logs.
        LogCursor fresh;
        fresh.source = event;
        fresh.source.lines.clear();
        fresh.sent = event.bytesStart;
        fresh.known = event.bytesStart;
        cursor = client.logs.insert(key, fresh);
    }
    cursor->known = std::max(cursor->known, event.bytesEnd);
    const bool caughtUp = !cursor->reading && cursor->sent == event.bytesStart;
    // Big batches go the chunked way too, so that a client never has much more than
    // logLowWater + logChunkBytes queued.
    const bool small = event.bytesEnd - event.bytesStart <= logChunkBytes;
    if (caughtUp && small && !message.isEmpty() && client.socket->bytesToWrite() < logLowWater) {
        cursor->sent = event.bytesEnd;
        send(client, message);
        return;
    }
    pump(client);
}

void WebSocketHub::pump(Client &client)
{
    for (auto cursor = client.logs.begin(); cursor != client.logs.end(); ++cursor) {
        while (!cursor->reading && cursor->sent < cursor->known) {
            if (client.socket->bytesToWrite() >= logLowWater)
                return; // resumed by bytesWritten
            LogShare &share = m_shares[cursor.key()];
            // Followers that lag together read the same chunks: one read serves them all.
            const auto chunk = std::find_if(share.recent.cbegin(),
                                            share.recent.cend(),
                                            [&cursor](const LogChunk &c) {
                                                return c.from == cursor->sent
                                                       && c.end <= cursor->known;
                                            });
            if (chunk != share.recent.cend()) {
                cursor->sent = chunk->end;
                // May drop the client and its cursors: none of them is used after it.
                if (!chunk->message.isEmpty())
                    send(client, chunk->message);
                flushDeferred(client);
                return pump(client);
            }
            cursor->reading = true;
            if (!share.reading.contains(cursor->sent))
                readChunk(cursor.key(), cursor->source, cursor->sent, cursor->known);
        }
    }
}

void WebSocketHub::readChunk(const QString &processId,
                             const Core::LogEvent &source,
                             qint64 from,
                             qint64 to)
{
    m_shares[processId].reading.insert(from);
    const QString path = source.logPath;
    Core::runOnPool(*QThreadPool::globalInstance(), [path, from, to] {
        return Core::readLogLines(path, from, to, logChunkBytes);
    }).then(this, [this, processId, source, from, to](const QByteArray &lines) {
        LogShare &share = m_shares[processId];
        share.reading.remove(from);
        // Unreadable (the attempt was deleted): skip to where the reader meant to stop rather
        // than retry forever.
        const qint64 end = lines.isEmpty() ? to : from + lines.size();
        share.recent.append({from,
                             end,
                             lines.isEmpty()
                                 ? QString()
                                 : QString::fromUtf8(attemptLogMessage(source, lines, from, end))});
        if (share.recent.size() > maxSharedChunks)
            share.recent.removeFirst();
        // Everyone waiting at that offset goes on; pump() finds the chunk.
        QList<QWebSocket *> waiting;
        for (const std::unique_ptr<Client> &client : m_clients) {
            const auto cursor = client->logs.find(processId);
            if (cursor != client->logs.end() && cursor->reading && cursor->sent == from) {
                cursor->reading = false;
                waiting.append(client->socket);
            }
        }
        for (QWebSocket *socket : std::as_const(waiting)) {
            if (Client *client = clientFor(socket))
                pump(*client);
        }
        pruneShares();
    });
}

void WebSocketHub::pruneShares()
{
    m_shares.removeIf([this](const QHash<QString, LogShare>::iterator &share) {
        if (!share->reading.isEmpty())
            return false;
        return std::none_of(m_clients.cbegin(),
                            m_clients.cend(),
                            [&share](const std::unique_ptr<Client> &client) {
                                return client->logs.contains(share.key());
                            });
    });
}

void WebSocketHub::onMessage(QWebSocket *socket, const QString &text)
{
    Client *client = clientFor(socket);
    if (!client)
        return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        deliver(*client, errorMessage(u"VALIDATION_ERROR"_s, u"messages must be JSON objects"_s));
        return;
    }
    const QJsonObject message = document.object();
    const QString type = message.value(u"type"_s).toString();
    if (type == "ping"_L1) {
        deliver(*client,
                compact(
                    {{u"type"_s, u"pong"_s}, {u"timestamp"_s, Core::toTimestamp(Core::nowUtc())}}));
        return;
    }
    if (type != "subscribe"_L1 && type != "unsubscribe"_L1) {
        deliver(*client,
                errorMessage(u"VALIDATION_ERROR"_s,
                             u"type must be subscribe, unsubscribe or ping"_s));
        return;
    }
    for (const QString &key : {u"channel"_s, u"projectId"_s, u"taskId"_s, u"attemptId"_s}) {
        if (message.contains(key) && !message.value(key).isString()
            && !message.value(key).isNull()) {
            deliver(*client, errorMessage(u"VALIDATION_ERROR"_s, u"%1 must be a string"_s.arg(key)));
            return;
        }
    }
    Subscription subscription{message.value(u"channel"_s).toString(),
                              message.value(u"projectId"_s).toString(),
                              message.value(u"taskId"_s).toString(),
                              message.value(u"attemptId"_s).toString()};
    if (!channels().contains(subscription.channel)) {
        deliver(*client,
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
        client->logs.removeIf([client](const QHash<QString, LogCursor>::iterator &cursor) {
            const Core::LogEvent &source = cursor->source;
            return !wants(*client,
                          {u"attempts"_s, {}, source.taskId.toString(), source.attemptId.toString()});
        });
        flushDeferred(*client);
        pruneShares();
    }
    deliver(*client, compact(reply));
}

bool WebSocketHub::wants(const Client &client, const Topic &topic)
{
    return std::any_of(client.subscriptions.cbegin(),
                       client.subscriptions.cend(),
                       [&topic](const Subscription &s) {
                           return (s.channel == topic.channel
                                   || (!topic.alsoChannel.isEmpty()
                                       && s.channel == topic.alsoChannel))
                                  && (s.projectId.isEmpty() || s.projectId == topic.projectId)
                                  && (s.taskId.isEmpty() || s.taskId == topic.taskId)
                                  && (s.attemptId.isEmpty() || s.attemptId == topic.attemptId);
                       });
}

void WebSocketHub::onEvent(const Core::Event &event)
{
    if (m_clients.empty() || std::holds_alternative<Core::WebhookEvent>(event))
        return;
    const Topic topic = topicOf(event);
    const auto *log = std::get_if<Core::LogEvent>(&event);
    // Serialised once, whatever the number of clients.
    std::optional<QStringList> messages;
    for (const std::unique_ptr<Client> &client : m_clients) {
        if (!wants(*client, topic))
            continue;
        if (!messages) {
            messages.emplace();
            for (const QByteArray &message : webSocketMessages(event))
                messages->append(QString::fromUtf8(message));
        }
        if (log) {
            onLog(*client, *log, messages->value(0));
            continue;
        }
        for (const QString &message : std::as_const(*messages))
            deliver(*client, message);
    }
}

} // namespace Server
