// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/webhookdispatcher.h"

#include "core/database.h"
#include "core/eventbus.h"
#include "core/jsonwriter.h"
#include "core/logging.h"
#include "core/sqlconnection.h"
#include "core/timestamps.h"
#include "core/version.h"
#include "core/webhookstore.h"
#include "server/jsonprojection.h"
#include "server/workflowprojection.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

/// {event, timestamp, data}: data names the object and carries it whole.
QByteArray payload(const QString &event,
                   const QDateTime &at,
                   const std::function<void(Core::JsonWriter &)> &data)
{
    Core::JsonWriter json;
    json.beginObject();
    json.key("event"_L1).value(event);
    json.key("timestamp"_L1).value(Core::toTimestamp(at));
    json.key("data"_L1).beginObject();
    data(json);
    json.endObject();
    json.endObject();
    return json.take();
}

} // namespace

WebhookDispatcher::WebhookDispatcher(Core::Database &database,
                                     Core::EventBus &events,
                                     QObject *parent)
    : QObject(parent)
    , m_database(database)
{
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &WebhookDispatcher::pump);
    connect(&events, &Core::EventBus::published, this, &WebhookDispatcher::onEvent);
}

WebhookDispatcher::~WebhookDispatcher()
{
    for (QNetworkReply *reply : std::as_const(m_inFlight)) {
        reply->disconnect(this);
        reply->abort();
    }
}

QByteArray WebhookDispatcher::signature(const QByteArray &secret, const QByteArray &body)
{
    return "sha256="
           + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

QList<std::pair<QString, QByteArray>> WebhookDispatcher::payloadsFor(const Core::Event &event)
{
    QList<std::pair<QString, QByteArray>> out;
    if (const auto *e = std::get_if<Core::TaskEvent>(&event)) {
        const Core::Task &task = e->task;
        auto taskData = [&task, e](Core::JsonWriter &json) {
            json.key("taskId"_L1).value(task.id.toString());
            json.key("projectId"_L1).value(task.projectId.toString());
            json.key("status"_L1).value(Core::wireName(task.status));
            if (e->previousStatus)
                json.key("previousStatus"_L1).value(Core::wireName(*e->previousStatus));
            json.key("task"_L1);
            writeJson(json, task);
        };
        switch (e->kind) {
        case Core::ChangeKind::Created:
            out.append({u"task.created"_s, payload(u"task.created"_s, e->at, taskData)});
            break;
        case Core::ChangeKind::Deleted:
            out.append({u"task.deleted"_s, payload(u"task.deleted"_s, e->at, taskData)});
            break;
        case Core::ChangeKind::Updated:
            out.append({u"task.updated"_s, payload(u"task.updated"_s, e->at, taskData)});
            if (e->statusChanged() && task.status == Core::TaskStatus::Done) {
                out.append(
                    {u"task.completed"_s,
                     payload(u"task.completed"_s, e->at, [&](Core::JsonWriter &json) {
                         taskData(json);
                         json.key("duration"_L1).value(task.createdAt.msecsTo(task.updatedAt));
                     })});
            }
            break;
        }
        return out;
    }
    if (const auto *e = std::get_if<Core::AttemptEvent>(&event)) {
        if (e->kind != Core::ChangeKind::Updated || !e->statusChanged())
            return out;
        const Core::Attempt &attempt = e->attempt;
        QString name;
        switch (attempt.status) {
        case Core::AttemptStatus::Running: name = u"attempt.started"_s; break;
        case Core::AttemptStatus::Completed: name = u"attempt.completed"_s; break;
        case Core::AttemptStatus::Failed: name = u"attempt.failed"_s; break;
        case Core::AttemptStatus::Cancelled: name = u"attempt.cancelled"_s; break;
        case Core::AttemptStatus::Created: return out;
        }
        out.append({name, payload(name, e->at, [&](Core::JsonWriter &json) {
                        json.key("attemptId"_L1).value(attempt.id.toString());
                        json.key("taskId"_L1).value(attempt.taskId.toString());
                        json.key("llm"_L1).value(attempt.llm);
                        json.key("status"_L1).value(Core::wireName(attempt.status));
                        if (e->previousStatus)
                            json.key("previousStatus"_L1).value(Core::wireName(*e->previousStatus));
                        if (const auto duration = attempt.durationMs())
                            json.key("duration"_L1).value(*duration);
                        json.key("failureReason"_L1).value(attempt.failureReason);
                        json.key("attempt"_L1);
                        writeJson(json, attempt);
                    })});
        return out;
    }
    if (const auto *e = std::get_if<Core::ApprovalEvent>(&event)) {
        QString name;
        if (e->kind == Core::ChangeKind::Created)
            name = u"approval.requested"_s;
        else if (e->resolved())
            name = u"approval.resolved"_s;
        else
            return out;
        const Core::Approval &approval = e->approval;
        out.append(
            {name, payload(name, e->at, [&](Core::JsonWriter &json) {
                 json.key("approvalId"_L1).value(approval.id.toString());
                 json.key("taskAttemptId"_L1).value(approval.attemptId.toString());
                 json.key("type"_L1).value(Core::wireName(approval.type));
                 json.key("status"_L1).value(Core::wireName(approval.status));
                 json.key("approval"_L1)
                     .raw(QJsonDocument(approvalJson(approval)).toJson(QJsonDocument::Compact));
             })});
        return out;
    }
    if (const auto *e = std::get_if<Core::DraftEvent>(&event)) {
        if (e->kind != Core::ChangeKind::Created)
            return out;
        const Core::Draft &draft = e->draft;
        out.append(
            {u"draft.created"_s, payload(u"draft.created"_s, e->at, [&](Core::JsonWriter &json) {
                 json.key("draftId"_L1).value(draft.id.toString());
                 json.key("taskAttemptId"_L1).value(draft.attemptId.toString());
                 json.key("projectId"_L1).value(draft.projectId.toString());
                 json.key("type"_L1).value(Core::wireName(draft.type));
                 json.key("draft"_L1)
                     .raw(QJsonDocument(draftJson(draft)).toJson(QJsonDocument::Compact));
             })});
    }
    return out;
}

void WebhookDispatcher::start()
{
    using Loaded = std::pair<QList<Core::Webhook>, QList<Core::WebhookDelivery>>;
    m_database
        .read([](Core::SqlConnection &sql) -> Core::Result<Loaded> {
            auto webhooks = Core::WebhookStore::all(sql);
            if (!webhooks)
                return Core::fail(webhooks.error());
            auto pending = Core::WebhookStore::pending(sql);
            if (!pending)
                return Core::fail(pending.error());
            return Loaded{*webhooks, *pending};
        })
        .then(this, [this](const Core::Result<Loaded> &loaded) {
            if (!loaded) {
                qCWarning(Core::lcEngine).noquote() << "webhooks:" << loaded.error().message;
                return;
            }
            m_webhooks = loaded->first;
            // Deliveries queued since (events while loading) come after the older ones.
            m_queue = loaded->second + m_queue;
            m_started = true;
            // The read may have seen these changes or not: replaying them is harmless either way,
            // and drops what the read found of a webhook deleted since.
            for (const Core::WebhookEvent &change : std::exchange(m_earlyChanges, {}))
                onWebhookEvent(change);
            pump();
        });
}

Core::Future<Core::Result<Core::Page<Core::WebhookDelivery>>> WebhookDispatcher::deliveries(
    const Core::WebhookId &id, const Core::PageRequest &page)
{
    return m_database.read(
        [id, page](Core::SqlConnection &sql) -> Core::Result<Core::Page<Core::WebhookDelivery>> {
            auto found = Core::WebhookStore::find(sql, id);
            if (!found)
                return Core::fail(found.error());
            if (!*found)
                return Core::fail(Core::Error::notFound(u"webhook"_s, id.toString()));
            return Core::WebhookStore::deliveries(sql, id, page);
        });
}

void WebhookDispatcher::onWebhookEvent(const Core::WebhookEvent &event)
{
    if (!m_started) {
        m_earlyChanges.append(event);
        return;
    }
    const Core::WebhookId id = event.webhook.id;
    const auto sameId = [&id](const Core::Webhook &w) { return w.id == id; };
    if (event.kind != Core::ChangeKind::Deleted) {
        const auto known = std::find_if(m_webhooks.begin(), m_webhooks.end(), sameId);
        if (known != m_webhooks.end())
            *known = event.webhook;
        else
            m_webhooks.append(event.webhook);
        return;
    }
    m_webhooks.removeIf(sameId);
    m_queue.removeIf([&id](const Core::WebhookDelivery &d) { return d.webhookId == id; });
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (it.value()->property("webhookId").toString() == id.toString()) {
            it.value()->disconnect(this);
            it.value()->abort();
            it.value()->deleteLater();
            it = m_inFlight.erase(it);
        } else {
            ++it;
        }
    }
}

void WebhookDispatcher::onEvent(const Core::Event &event)
{
    if (const auto *change = std::get_if<Core::WebhookEvent>(&event)) {
        onWebhookEvent(*change);
        return;
    }
    if (m_webhooks.isEmpty())
        return;
    QList<Core::WebhookDelivery> fresh;
    const QDateTime now = Core::nowUtc();
    for (const auto &[name, body] : payloadsFor(event)) {
        for (const Core::Webhook &webhook : std::as_const(m_webhooks)) {
            if (!webhook.wants(name))
                continue;
            Core::WebhookDelivery delivery;
            delivery.id = Core::DeliveryId::generate();
            delivery.webhookId = webhook.id;
            delivery.event = name;
            // Seed 002 puts a signature in the body too: that of the body without it, so it
            // is the last member and a receiver can cut it off to check.
            delivery.body = webhook.secret.isEmpty()
                                ? body
                                : body.chopped(1) + ",\"signature\":\""
                                      + signature(webhook.secret.toUtf8(), body) + "\"}";
            delivery.nextAttemptAt = now;
            delivery.createdAt = now;
            fresh.append(delivery);
        }
    }
    if (fresh.isEmpty())
        return;
    // Stored before it is sent: the receiver may be down until after a restart.
    m_database
        .write([fresh](Core::SqlConnection &sql) -> Core::Result<QList<Core::WebhookDelivery>> {
            for (const Core::WebhookDelivery &delivery : fresh) {
                if (auto inserted = Core::WebhookStore::insert(sql, delivery); !inserted)
                    return Core::fail(inserted.error());
            }
            return fresh;
        })
        .then(this, [this](const Core::Result<QList<Core::WebhookDelivery>> &stored) {
            if (!stored) {
                // Its webhook was deleted meanwhile, most likely: nothing to deliver to.
                qCDebug(Core::lcEngine).noquote() << "webhook delivery:" << stored.error().message;
                return;
            }
            m_queue += *stored;
            pump();
        });
}

void WebhookDispatcher::pump()
{
    if (!m_started)
        return;
    const QDateTime now = Core::nowUtc();
    for (const Core::WebhookDelivery &delivery : std::as_const(m_queue)) {
        if (m_inFlight.size() >= maxInFlight)
            break;
        if (m_inFlight.contains(delivery.id.toString()) || delivery.nextAttemptAt > now)
            continue;
        const auto webhook = std::find_if(m_webhooks.cbegin(),
                                          m_webhooks.cend(),
                                          [&delivery](const Core::Webhook &w) {
                                              return w.id == delivery.webhookId;
                                          });
        if (webhook != m_webhooks.cend())
            send(delivery, *webhook);
    }
    schedule();
}

void WebhookDispatcher::schedule()
{
    QDateTime next;
    for (const Core::WebhookDelivery &delivery : std::as_const(m_queue)) {
        if (m_inFlight.contains(delivery.id.toString()))
            continue;
        if (!next.isValid() || delivery.nextAttemptAt < next)
            next = delivery.nextAttemptAt;
    }
    if (!next.isValid()) {
        m_wake.stop();
        return;
    }
    m_wake.start(int(std::clamp<qint64>(Core::nowUtc().msecsTo(next), 0, 3'600'000)));
}

void WebhookDispatcher::send(const Core::WebhookDelivery &delivery, const Core::Webhook &webhook)
{
    QNetworkRequest request{QUrl(webhook.url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArray(QByteArray("Forgedesk/") + Core::forgedeskVersion));
    request.setRawHeader("X-Forge-Event", delivery.event.toUtf8());
    request.setRawHeader("X-Forge-Delivery", delivery.id.toString().toUtf8());
    if (!webhook.secret.isEmpty())
        request.setRawHeader("X-Forge-Signature", signature(webhook.secret.toUtf8(), delivery.body));
    // A receiver answers for itself: a redirect is an answer, not a new address to post to.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = m_network.post(request, delivery.body);
    reply->setProperty("webhookId", webhook.id.toString());
    m_inFlight.insert(delivery.id.toString(), reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, delivery] {
        reply->deleteLater();
        if (m_inFlight.value(delivery.id.toString()) != reply)
            return;
        m_inFlight.remove(delivery.id.toString());
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        const std::optional<int> code = status.isValid() ? std::optional<int>(status.toInt())
                                                         : std::nullopt;
        QString error;
        if (!code)
            error = reply->errorString();
        else if (*code < 200 || *code > 299)
            error = u"the receiver answered %1"_s.arg(*code);
        finish(delivery, code, error);
    });
}

void WebhookDispatcher::finish(Core::WebhookDelivery delivery,
                               std::optional<int> status,
                               const QString &error)
{
    ++delivery.attempts;
    delivery.lastStatusCode = status;
    delivery.lastError = error;
    const QDateTime now = Core::nowUtc();
    if (error.isEmpty()) {
        delivery.status = Core::DeliveryStatus::Delivered;
        delivery.deliveredAt = now;
    } else if (delivery.attempts >= maxAttempts) {
        delivery.status = Core::DeliveryStatus::Failed;
    } else {
        const int delay = m_retryDelays.isEmpty()
                              ? 1000
                              : m_retryDelays.at(std::min<qsizetype>(delivery.attempts - 1,
                                                                     m_retryDelays.size() - 1));
        delivery.nextAttemptAt = now.addMSecs(delay);
    }
    for (Core::WebhookDelivery &queued : m_queue) {
        if (queued.id == delivery.id)
            queued = delivery;
    }
    if (delivery.status != Core::DeliveryStatus::Pending)
        m_queue.removeIf(
            [&delivery](const Core::WebhookDelivery &d) { return d.id == delivery.id; });
    m_database
        .write([delivery](Core::SqlConnection &sql) -> Core::Result<bool> {
            if (auto updated = Core::WebhookStore::update(sql, delivery); !updated)
                return Core::fail(updated.error());
            return true;
        })
        .then(this, [](const Core::Result<bool> &saved) {
            if (!saved)
                qCWarning(Core::lcEngine).noquote() << "webhook delivery:" << saved.error().message;
        });
    pump();
}

} // namespace Server
