// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "bench/logs/subscribers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QUrlQuery>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;

namespace Bench {
namespace {

qint64 nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

QJsonObject percentiles(std::vector<qint64> samples)
{
    if (samples.empty())
        return {};
    std::sort(samples.begin(), samples.end());
    auto at = [&samples](double q) {
        return double(samples[std::min(samples.size() - 1, size_t(q * double(samples.size())))])
               / 1000.0;
    };
    return {{u"samples"_s, qint64(samples.size())},
            {u"p50Ms"_s, at(0.50)},
            {u"p99Ms"_s, at(0.99)},
            {u"maxMs"_s, double(samples.back()) / 1000.0}};
}

} // namespace

Subscribers::Subscribers(SubscriberOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

void Subscribers::fail(const QString &message)
{
    std::fprintf(stderr, "bench subscribers: %s\n", qUtf8Printable(message));
    std::fflush(stderr);
    std::_Exit(1);
}

void Subscribers::call(const QByteArray &method,
                       const QString &path,
                       const QJsonObject &body,
                       const Handler &handler)
{
    QNetworkRequest request(QUrl(m_options.baseUrl + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    const QByteArray payload = body.isEmpty() ? QByteArray()
                                              : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, payload);
    connect(reply, &QNetworkReply::finished, this, [this, reply, method, path, handler] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        if (status < 200 || status >= 300)
            fail(u"%1 %2 answered %3: %4"_s.arg(QString::fromLatin1(method),
                                                path,
                                                QString::number(status),
                                                QString::fromUtf8(answer)));
        const QJsonValue data = QJsonDocument::fromJson(answer).object().value(u"data"_s);
        handler(data.isArray() ? QJsonObject{{u"items"_s, data}} : data.toObject());
    });
}

void Subscribers::run()
{
    const QJsonObject profile{{u"displayName"_s, u"Firehose"_s},
                              {u"binary"_s, u"python3"_s},
                              {u"args"_s,
                               QJsonArray{m_options.generator,
                                          u"--bytes"_s,
                                          QString::number(m_options.bytes)}},
                              {u"logFormat"_s, u"claude"_s}};
    call("PUT",
         u"/api/profiles"_s,
         {{u"profiles"_s, QJsonObject{{u"firehose"_s, profile}}}},
         [this](const QJsonObject &) {
             call("POST",
                  u"/api/projects"_s,
                  {{u"name"_s, u"Logs bench"_s}, {u"repoPath"_s, m_options.repoPath}},
                  [this](const QJsonObject &project) {
                      call("POST",
                           u"/api/tasks"_s,
                           {{u"projectId"_s, project.value(u"id"_s)},
                            {u"title"_s, u"Fix the parser's trailing backslash"_s}},
                           [this](const QJsonObject &task) {
                               call("POST",
                                    u"/api/attempts"_s,
                                    {{u"taskId"_s, task.value(u"id"_s)}, {u"llm"_s, u"firehose"_s}},
                                    [this](const QJsonObject &attempt) {
                                        m_attemptId = attempt.value(u"id"_s).toString();
                                        connectFollowers();
                                    });
                           });
                  });
         });
}

void Subscribers::connectFollowers()
{
    const QUrl url(m_options.baseUrl);
    m_followers.resize(size_t(m_options.subscribers));
    for (size_t i = 0; i < m_followers.size(); ++i) {
        auto *socket = new QTcpSocket(this);
        m_followers[i].socket = socket;
        connect(socket, &QTcpSocket::connected, this, [socket, url] {
            const QByteArray host = url.host().toLatin1() + ':' + QByteArray::number(url.port());
            socket->write("GET /ws HTTP/1.1\r\nHost: " + host
                          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            "Sec-WebSocket-Key: Zm9yZ2VkZXNrLWJlbmNoIQ==\r\n"
                            "Sec-WebSocket-Version: 13\r\n\r\n");
        });
        connect(socket, &QTcpSocket::readyRead, this, [this, i] { onReadyRead(m_followers[i]); });
        connect(socket, &QTcpSocket::disconnected, this, [this, i] {
            m_followers[i].done = true;
            maybeFinish();
        });
        socket->connectToHost(url.host(), quint16(url.port()));
    }
}

void Subscribers::sendText(Follower &follower, const QByteArray &text)
{
    QByteArray frame;
    frame += char(0x81); // FIN, text
    if (text.size() < 126) {
        frame += char(0x80 | text.size());
    } else {
        frame += char(0x80 | 126);
        frame += char((text.size() >> 8) & 0xff);
        frame += char(text.size() & 0xff);
    }
    const char mask[4] = {0x0b, 0x1e, 0x2d, 0x3c};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < text.size(); ++i)
        frame += char(text.at(i) ^ mask[i % 4]);
    follower.socket->write(frame);
}

void Subscribers::onReadyRead(Follower &follower)
{
    follower.buffer += follower.socket->readAll();
    if (!follower.upgraded) {
        const qsizetype end = follower.buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        if (!follower.buffer.startsWith("HTTP/1.1 101"))
            fail(u"the WebSocket upgrade was refused: "_s + QString::fromUtf8(follower.buffer));
        follower.upgraded = true;
        follower.buffer.remove(0, end + 4);
    }
    qsizetype at = 0;
    const QByteArray &data = follower.buffer;
    for (;;) {
        const qsizetype available = data.size() - at;
        if (available < 2)
            break;
        const auto byte = [&data, at](qsizetype i) { return quint8(data.at(at + i)); };
        qsizetype header = 2;
        quint64 length = byte(1) & 0x7f;
        if (length == 126) {
            if (available < 4)
                break;
            length = (quint64(byte(2)) << 8) | byte(3);
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                break;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | byte(i);
            header = 10;
        }
        if (quint64(available - header) < length)
            break;
        const bool fin = byte(0) & 0x80;
        const int opcode = byte(0) & 0x0f;
        const QByteArrayView payload(data.constData() + at + header, qsizetype(length));
        at += header + qsizetype(length);
        if (opcode == 0x8) {
            follower.socket->disconnectFromHost();
            break;
        }
        if (opcode != 0x1 && opcode != 0x0)
            continue;
        if (fin && follower.fragments.isEmpty()) {
            onMessage(follower, payload.toByteArray());
        } else {
            follower.fragments += payload;
            if (fin) {
                onMessage(follower, follower.fragments);
                follower.fragments.clear();
            }
        }
    }
    follower.buffer.remove(0, at);
}

void Subscribers::onMessage(Follower &follower, const QByteArray &text)
{
    follower.bytes += text.size();
    if (text.startsWith("{\"type\":\"attempt.log\"")) {
        ++follower.logMessages;
        static constexpr QByteArrayView tick("forgedesk-bench-tick ");
        const qint64 now = nowUs();
        const char *const begin = text.constData();
        const char *const end = begin + text.size();
        // glibc's memmem: the follower's scanning must cost little next to the server's work.
        for (const char *at = begin;
             (at = static_cast<const char *>(
                  memmem(at, size_t(end - at), tick.data(), size_t(tick.size()))));) {
            at += tick.size();
            qint64 sent = 0;
            while (at < end && *at >= '0' && *at <= '9')
                sent = sent * 10 + (*at++ - '0');
            // An entry carries its text twice (message and fields.text): count each tick once.
            if (sent != 0 && sent != follower.lastTick) {
                follower.lastTick = sent;
                ++follower.ticks;
                m_latenciesUs.push_back(now - sent);
            }
        }
        return;
    }
    const QJsonObject message = QJsonDocument::fromJson(text).object();
    const QString type = message.value(u"type"_s).toString();
    if (type == "connected"_L1) {
        sendText(follower,
                 QJsonDocument(QJsonObject{{u"type"_s, u"subscribe"_s},
                                           {u"channel"_s, u"attempts"_s},
                                           {u"attemptId"_s, m_attemptId}})
                     .toJson(QJsonDocument::Compact));
    } else if (type == "subscribed"_L1) {
        follower.subscribed = true;
        const bool all = std::all_of(m_followers.cbegin(),
                                     m_followers.cend(),
                                     [](const Follower &f) { return f.subscribed; });
        if (all && m_startedUs == 0) {
            m_startedUs = nowUs();
            call("POST",
                 u"/api/attempts/"_s + m_attemptId + u"/start"_s,
                 {},
                 [](const QJsonObject &) {});
        }
    } else if (type == "resync"_L1) {
        follower.resynced = true;
    } else if (type == "attempt.status_changed"_L1) {
        const QString status = message.value(u"status"_s).toString();
        if (status == "completed"_L1 || status == "failed"_L1 || status == "cancelled"_L1) {
            follower.done = true;
            const qint64 now = nowUs();
            if (m_firstDoneUs == 0)
                m_firstDoneUs = now;
            m_lastDoneUs = now;
            maybeFinish();
        }
    }
}

void Subscribers::maybeFinish()
{
    const bool all = std::all_of(m_followers.cbegin(), m_followers.cend(), [](const Follower &f) {
        return f.done;
    });
    if (!all || m_finishing)
        return;
    m_finishing = true;
    call("GET", u"/api/attempts/"_s + m_attemptId, {}, [this](const QJsonObject &attempt) {
        call("GET",
             u"/api/processes?attemptId="_s + m_attemptId,
             {},
             [this, attempt](const QJsonObject &list) {
                 QJsonObject agent;
                 for (const QJsonValue &process : list.value(u"items"_s).toArray()) {
                     if (process.toObject().value(u"kind"_s).toString() == "agent"_L1)
                         agent = process.toObject();
                 }
                 report(attempt, agent);
             });
    });
}

void Subscribers::report(const QJsonObject &attempt, const QJsonObject &agentProcess)
{
    QJsonArray followers;
    for (const Follower &f : m_followers) {
        followers.append(QJsonObject{{u"bytes"_s, f.bytes},
                                     {u"logMessages"_s, f.logMessages},
                                     {u"ticks"_s, f.ticks},
                                     {u"resynced"_s, f.resynced}});
    }
    const QJsonObject result{{u"attemptStatus"_s, attempt.value(u"status"_s)},
                             {u"failureReason"_s, attempt.value(u"failureReason"_s)},
                             {u"agentStatus"_s, agentProcess.value(u"status"_s)},
                             {u"agentStartedAt"_s, agentProcess.value(u"startedAt"_s)},
                             {u"agentCompletedAt"_s, agentProcess.value(u"completedAt"_s)},
                             {u"agentLogBytes"_s, agentProcess.value(u"logBytes"_s)},
                             {u"agentLogEntries"_s, agentProcess.value(u"logEntries"_s)},
                             {u"startToFirstDoneMs"_s, double(m_firstDoneUs - m_startedUs) / 1000.0},
                             {u"startToLastDoneMs"_s, double(m_lastDoneUs - m_startedUs) / 1000.0},
                             {u"latency"_s, percentiles(m_latenciesUs)},
                             {u"followers"_s, followers}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    for (Follower &f : m_followers)
        f.socket->disconnect(this);
    QCoreApplication::quit();
}

} // namespace Bench
