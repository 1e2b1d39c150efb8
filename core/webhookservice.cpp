// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/webhookservice.h"

#include "core/database.h"
#include "core/eventbus.h"
#include "core/sqlconnection.h"
#include "core/timestamps.h"
#include "core/webhookstore.h"

using namespace Qt::StringLiterals;

namespace Core {

WebhookService::WebhookService(Database &database, EventBus &events, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_events(events)
{}

WebhookService::~WebhookService() = default;

Future<Result<Webhook>> WebhookService::create(const QString &url,
                                               const QStringList &events,
                                               const QString &secret)
{
    if (auto valid = Webhook::validate(url, events, secret); !valid)
        return Future<Result<Webhook>>::ready(fail(valid.error()));
    Webhook webhook;
    webhook.id = WebhookId::generate();
    webhook.url = url;
    webhook.events = events;
    webhook.events.removeDuplicates();
    webhook.secret = secret;
    webhook.createdAt = nowUtc();
    return m_database
        .write([webhook](SqlConnection &sql) -> Result<Webhook> {
            if (auto inserted = WebhookStore::insert(sql, webhook); !inserted)
                return fail(inserted.error());
            return webhook;
        })
        .then(this, [this](const Result<Webhook> &created) {
            if (created)
                m_events.publish(WebhookEvent{ChangeKind::Created, *created, nowUtc()});
            return created;
        });
}

Future<Result<QList<Webhook>>> WebhookService::list()
{
    return m_database.read([](SqlConnection &sql) { return WebhookStore::all(sql); });
}

Future<Result<Webhook>> WebhookService::get(const WebhookId &id)
{
    return m_database.read([id](SqlConnection &sql) -> Result<Webhook> {
        auto found = WebhookStore::find(sql, id);
        if (!found)
            return fail(found.error());
        if (!*found)
            return fail(Error::notFound(u"webhook"_s, id.toString()));
        return **found;
    });
}

Future<Result<Webhook>> WebhookService::remove(const WebhookId &id)
{
    return m_database
        .write([id](SqlConnection &sql) -> Result<Webhook> {
            auto found = WebhookStore::find(sql, id);
            if (!found)
                return fail(found.error());
            if (!*found)
                return fail(Error::notFound(u"webhook"_s, id.toString()));
            if (auto removed = WebhookStore::remove(sql, id); !removed)
                return fail(removed.error());
            return **found;
        })
        .then(this, [this](const Result<Webhook> &removed) {
            if (removed)
                m_events.publish(WebhookEvent{ChangeKind::Deleted, *removed, nowUtc()});
            return removed;
        });
}

} // namespace Core
