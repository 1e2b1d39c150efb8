// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/future.h"
#include "core/webhook.h"

#include <QList>
#include <QObject>

namespace Core {

class Database;
class EventBus;

/// The webhook subscriptions (seed 002): who wants which events at which URL. Every change is
/// announced as a WebhookEvent once committed, so whoever delivers (Server::WebhookDispatcher)
/// keeps its copy current whichever face (API, window) made it. Delivering is not done here.
/// Lives on the main thread.
class WebhookService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookService)

public:
    WebhookService(Database &database, EventBus &events, QObject *parent = nullptr);
    ~WebhookService() override;

    /// Validates (Webhook::validate: errors name url, events or secret), drops repeated event
    /// names, stores the webhook and announces it.
    [[nodiscard]] Future<Result<Webhook>> create(const QString &url,
                                                 const QStringList &events,
                                                 const QString &secret);
    /// Every webhook, oldest first.
    [[nodiscard]] Future<Result<QList<Webhook>>> list();
    /// NotFound if there is no such webhook.
    [[nodiscard]] Future<Result<Webhook>> get(const WebhookId &id);
    /// Removes the webhook and its deliveries and announces it; NotFound if there is none.
    [[nodiscard]] Future<Result<Webhook>> remove(const WebhookId &id);

private:
    Database &m_database;
    EventBus &m_events;
};

} // namespace Core
