// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/query.h"
#include "core/webhook.h"

namespace Core {

class SqlConnection;

/// SQL for webhooks and their delivery queue. Runs inside Database jobs.
class WebhookStore final
{
public:
    [[nodiscard]] static Result<void> insert(SqlConnection &sql, const Webhook &webhook);
    /// Removes the webhook and its deliveries; false if there was none.
    [[nodiscard]] static Result<bool> remove(SqlConnection &sql, const WebhookId &id);
    [[nodiscard]] static Result<std::optional<Webhook>> find(SqlConnection &sql,
                                                             const WebhookId &id);
    [[nodiscard]] static Result<QList<Webhook>> all(SqlConnection &sql);

    [[nodiscard]] static Result<void> insert(SqlConnection &sql, const WebhookDelivery &delivery);
    [[nodiscard]] static Result<void> update(SqlConnection &sql, const WebhookDelivery &delivery);
    /// Deliveries still to make, oldest first.
    [[nodiscard]] static Result<QList<WebhookDelivery>> pending(SqlConnection &sql);
    /// A webhook's delivery log, newest first.
    [[nodiscard]] static Result<Page<WebhookDelivery>> deliveries(SqlConnection &sql,
                                                                  const WebhookId &id,
                                                                  const PageRequest &page);
};

} // namespace Core
