// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/events.h"
#include "core/future.h"
#include "core/query.h"
#include "core/webhook.h"

#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

namespace Core {
class Database;
class EventBus;
} // namespace Core

namespace Server {

/// Seed 002's webhooks: a projection of the core's events onto other people's HTTP endpoints,
/// like the REST API and the WebSocket are projections onto ours. Each event a webhook wants
/// becomes a delivery row in the database first (so a restart loses none, and no API request
/// waits for a receiver), then a POST, retried with growing delays until the receiver answers
/// 2xx or the tries run out. Bodies are signed with the webhook's secret (HMAC-SHA256).
/// The subscriptions themselves are Core::WebhookService's; this keeps a copy, current through
/// the WebhookEvents it announces.
class WebhookDispatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookDispatcher)

public:
    /// Tries at most this many times; the delays before tries 2, 3, … are retryDelays().
    static constexpr int maxAttempts = 8;
    static constexpr int timeoutMs = 10'000;
    static constexpr int maxInFlight = 4;

    WebhookDispatcher(Core::Database &database, Core::EventBus &events, QObject *parent = nullptr);
    ~WebhookDispatcher() override;

    /// Loads the webhooks and the deliveries a previous run left pending, then starts sending.
    void start();

    /// A webhook's delivery log, newest first; NotFound if there is no such webhook.
    [[nodiscard]] Core::Future<Core::Result<Core::Page<Core::WebhookDelivery>>> deliveries(
        const Core::WebhookId &id, const Core::PageRequest &page);

    /// Delays in ms before the 2nd, 3rd, … try (the last repeats); tests shorten them.
    void setRetryDelays(const QList<int> &delays) { m_retryDelays = delays; }
    [[nodiscard]] const QList<int> &retryDelays() const { return m_retryDelays; }

    /// "sha256=<hex HMAC-SHA256 of body with secret>".
    [[nodiscard]] static QByteArray signature(const QByteArray &secret, const QByteArray &body);
    /// The webhook event names event stands for (none, one or two).
    [[nodiscard]] static QList<std::pair<QString, QByteArray>> payloadsFor(const Core::Event &event);

private:
    void onEvent(const Core::Event &event);
    /// Keeps m_webhooks current; what was announced while start() was loading is replayed.
    void onWebhookEvent(const Core::WebhookEvent &event);
    void schedule();
    void pump();
    void send(const Core::WebhookDelivery &delivery, const Core::Webhook &webhook);
    void finish(Core::WebhookDelivery delivery, std::optional<int> status, const QString &error);

    Core::Database &m_database;
    QList<Core::Webhook> m_webhooks;            ///< All of them, as stored.
    QList<Core::WebhookEvent> m_earlyChanges;   ///< Announced before start() had loaded.
    QList<Core::WebhookDelivery> m_queue;       ///< Pending, oldest first.
    QHash<QString, QNetworkReply *> m_inFlight; ///< By delivery id.
    QNetworkAccessManager m_network;
    QTimer m_wake;
    QList<int> m_retryDelays{1000, 5000, 30'000, 120'000, 600'000, 1'800'000, 3'600'000};
    bool m_started = false;
};

} // namespace Server
