// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/ids.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>

#include <optional>

namespace Core {

struct WebhookIdTag
{
    static constexpr QLatin1StringView prefix{"webhook_"};
};
using WebhookId = Id<WebhookIdTag>;

struct DeliveryIdTag
{
    static constexpr QLatin1StringView prefix{"delivery_"};
};
using DeliveryId = Id<DeliveryIdTag>;

/// A receiver of events: seed 002's POST /api/webhooks {url, events, secret}.
struct Webhook
{
    WebhookId id;
    QString url;
    QStringList events; ///< Event names, or "*" for all.
    QString secret;     ///< Signs each body (HMAC-SHA256); never shown by the API.
    QDateTime createdAt;

    [[nodiscard]] bool wants(const QString &event) const
    {
        return events.contains(event) || events.contains(QStringLiteral("*"));
    }
    /// The event names a webhook may ask for.
    [[nodiscard]] static QStringList eventNames();
    /// Checks url (http or https), events (known, at least one) and secret (at most 256 bytes).
    [[nodiscard]] static Result<void> validate(const QString &url,
                                               const QStringList &events,
                                               const QString &secret);
};

enum class DeliveryStatus { Pending, Delivered, Failed };

[[nodiscard]] QString wireName(DeliveryStatus status);
[[nodiscard]] std::optional<DeliveryStatus> deliveryStatusFromString(const QString &text);

/// One event on its way to one webhook; queued in the database so a restart loses nothing.
struct WebhookDelivery
{
    DeliveryId id;
    WebhookId webhookId;
    QString event;
    QByteArray body; ///< The exact bytes sent, and signed.
    DeliveryStatus status = DeliveryStatus::Pending;
    int attempts = 0; ///< Tries made so far.
    QDateTime nextAttemptAt;
    std::optional<int> lastStatusCode;
    QString lastError;
    QDateTime createdAt;
    QDateTime deliveredAt;
};

} // namespace Core
