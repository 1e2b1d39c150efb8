// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/webhookstore.h"

#include "core/sqlconnection.h"
#include "core/sqlselect.h"
#include "core/sqlvalues.h"
#include "core/timestamps.h"

using namespace Qt::StringLiterals;

namespace Core {
namespace {

constexpr auto webhookColumns = "id, url, events, secret, created_at"_L1;
constexpr auto deliveryColumns = "id, webhook_id, event, body, status, attempts, next_attempt_at, "
                                 "last_status_code, last_error, created_at, delivered_at"_L1;

Webhook webhookFrom(const Statement &row)
{
    Webhook webhook;
    webhook.id = WebhookId(row.value(0).toString());
    webhook.url = row.value(1).toString();
    webhook.events = stringListFromJson(row.value(2).toString());
    webhook.secret = row.value(3).toString();
    webhook.createdAt = fromTimestamp(row.value(4).toString());
    return webhook;
}

WebhookDelivery deliveryFrom(const Statement &row)
{
    WebhookDelivery d;
    d.id = DeliveryId(row.value(0).toString());
    d.webhookId = WebhookId(row.value(1).toString());
    d.event = row.value(2).toString();
    d.body = row.value(3).toByteArray();
    d.status = deliveryStatusFromString(row.value(4).toString()).value_or(DeliveryStatus::Failed);
    d.attempts = row.value(5).toInt();
    d.nextAttemptAt = fromTimestamp(row.value(6).toString());
    if (!row.value(7).isNull())
        d.lastStatusCode = row.value(7).toInt();
    d.lastError = row.value(8).toString();
    d.createdAt = fromTimestamp(row.value(9).toString());
    if (!row.value(10).isNull())
        d.deliveredAt = fromTimestamp(row.value(10).toString());
    return d;
}

Result<void> run(SqlConnection &sql, const QString &text, const QVariantList &values)
{
    auto statement = sql.prepare(text);
    if (!statement)
        return fail(statement.error());
    return run(*statement, values);
}

} // namespace

Result<void> WebhookStore::insert(SqlConnection &sql, const Webhook &w)
{
    return run(sql,
               u"INSERT INTO webhooks ("_s + webhookColumns + u") VALUES (?, ?, ?, ?, ?)"_s,
               {w.id.toString(),
                w.url,
                stringListToJson(w.events),
                w.secret,
                toTimestamp(w.createdAt)});
}

Result<bool> WebhookStore::remove(SqlConnection &sql, const WebhookId &id)
{
    auto statement = sql.prepare(u"DELETE FROM webhooks WHERE id = ?"_s);
    if (!statement)
        return fail(statement.error());
    statement->bind(0, id.toString());
    if (auto ran = statement->exec(); !ran)
        return fail(ran.error());
    return statement->numRowsAffected() == 1;
}

Result<std::optional<Webhook>> WebhookStore::find(SqlConnection &sql, const WebhookId &id)
{
    auto rows = selectAll<Webhook>(sql,
                                   u"SELECT "_s + webhookColumns + u" FROM webhooks WHERE id = ?"_s,
                                   {id.toString()},
                                   webhookFrom);
    if (!rows)
        return fail(rows.error());
    return rows->isEmpty() ? std::optional<Webhook>() : std::optional<Webhook>(rows->first());
}

Result<QList<Webhook>> WebhookStore::all(SqlConnection &sql)
{
    return selectAll<Webhook>(sql,
                              u"SELECT "_s + webhookColumns
                                  + u" FROM webhooks ORDER BY created_at, rowid"_s,
                              {},
                              webhookFrom);
}

Result<void> WebhookStore::insert(SqlConnection &sql, const WebhookDelivery &d)
{
    return run(sql,
               u"INSERT INTO webhook_deliveries ("_s + deliveryColumns
                   + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
               {d.id.toString(),
                d.webhookId.toString(),
                d.event,
                d.body,
                wireName(d.status),
                d.attempts,
                toTimestamp(d.nextAttemptAt),
                d.lastStatusCode ? QVariant(*d.lastStatusCode) : QVariant(),
                d.lastError,
                toTimestamp(d.createdAt),
                d.deliveredAt.isValid() ? QVariant(toTimestamp(d.deliveredAt)) : QVariant()});
}

Result<void> WebhookStore::update(SqlConnection &sql, const WebhookDelivery &d)
{
    // The webhook may have been deleted meanwhile: then there is nothing left to update.
    return run(sql,
               u"UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, "
               "last_status_code = ?, last_error = ?, delivered_at = ? WHERE id = ?"_s,
               {wireName(d.status),
                d.attempts,
                toTimestamp(d.nextAttemptAt),
                d.lastStatusCode ? QVariant(*d.lastStatusCode) : QVariant(),
                d.lastError,
                d.deliveredAt.isValid() ? QVariant(toTimestamp(d.deliveredAt)) : QVariant(),
                d.id.toString()});
}

Result<QList<WebhookDelivery>> WebhookStore::pending(SqlConnection &sql)
{
    return selectAll<WebhookDelivery>(sql,
                                      u"SELECT "_s + deliveryColumns
                                          + u" FROM webhook_deliveries WHERE status = 'pending' "
                                            "ORDER BY created_at, rowid"_s,
                                      {},
                                      deliveryFrom);
}

Result<Page<WebhookDelivery>> WebhookStore::deliveries(SqlConnection &sql,
                                                       const WebhookId &id,
                                                       const PageRequest &request)
{
    return selectPage<WebhookDelivery>(sql,
                                       "webhook_deliveries"_L1,
                                       deliveryColumns,
                                       {u"webhook_id = ?"_s},
                                       {id.toString()},
                                       request,
                                       deliveryFrom);
}

} // namespace Core
