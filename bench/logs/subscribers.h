// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>

#include <functional>
#include <vector>

class QTcpSocket;

namespace Bench {

struct SubscriberOptions
{
    QString baseUrl;
    QString repoPath;
    QString generator; ///< firehose.py
    qint64 bytes = 0;
    int subscribers = 10;
};

/// The client side, in a process of its own so that its work and memory do not count as the
/// server's: drives the API as a user would (project, firehose profile, task, attempt), follows
/// the attempt with N WebSocket subscribers, and prints what they saw as one JSON object.
class Subscribers final : public QObject
{
    Q_OBJECT

public:
    explicit Subscribers(SubscriberOptions options, QObject *parent = nullptr);
    void run();

private:
    /// A WebSocket follower on a bare TCP socket: it scans the frames' bytes for what it
    /// measures, where QWebSocket would turn each message into UTF-16 first and take as much
    /// CPU as the server it measures.
    struct Follower
    {
        QTcpSocket *socket = nullptr;
        QByteArray buffer;
        QByteArray fragments;
        bool upgraded = false;
        bool subscribed = false;
        bool done = false;
        bool resynced = false;
        qint64 bytes = 0;
        qint64 logMessages = 0;
        qint64 ticks = 0;
        qint64 lastTick = 0;
    };
    using Handler = std::function<void(const QJsonObject &data)>;

    void call(const QByteArray &method,
              const QString &path,
              const QJsonObject &body,
              const Handler &handler);
    void connectFollowers();
    void onReadyRead(Follower &follower);
    void onMessage(Follower &follower, const QByteArray &text);
    static void sendText(Follower &follower, const QByteArray &text);
    void maybeFinish();
    void report(const QJsonObject &attempt, const QJsonObject &agentProcess);
    [[noreturn]] void fail(const QString &message);

    SubscriberOptions m_options;
    QNetworkAccessManager m_network;
    QString m_attemptId;
    std::vector<Follower> m_followers;
    std::vector<qint64> m_latenciesUs;
    qint64 m_startedUs = 0;
    qint64 m_firstDoneUs = 0;
    qint64 m_lastDoneUs = 0;
    bool m_finishing = false;
};

} // namespace Bench
