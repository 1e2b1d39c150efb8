// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/webhook.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace Core {

QStringList Webhook::eventNames()
{
    return {u"task.created"_s,
            u"task.updated"_s,
            u"task.completed"_s,
            u"task.deleted"_s,
            u"attempt.started"_s,
            u"attempt.completed"_s,
            u"attempt.failed"_s,
            u"attempt.cancelled"_s,
            u"attempt.merged"_s,
            u"approval.requested"_s,
            u"approval.resolved"_s,
            u"draft.created"_s};
}

Result<void> Webhook::validate(const QString &url, const QStringList &events, const QString &secret)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (url.size() > 2000 || !parsed.isValid()
        || (parsed.scheme() != "http"_L1 && parsed.scheme() != "https"_L1)
        || parsed.host().isEmpty())
        return fail(Error::validation(u"url"_s, u"must be an http:// or https:// URL"_s));
    if (events.isEmpty())
        return fail(Error::validation(u"events"_s, u"must name at least one event (or \"*\")"_s));
    const QStringList known = eventNames();
    for (const QString &event : events) {
        if (event != "*"_L1 && !known.contains(event))
            return fail(Error::validation(u"events"_s,
                                          u"'%1' is not an event; use %2 or \"*\""_s
                                              .arg(event.left(80), known.join(u", "_s))));
    }
    if (secret.toUtf8().size() > 256)
        return fail(Error::validation(u"secret"_s, u"must be at most 256 bytes"_s));
    return {};
}

QString wireName(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Pending: return u"pending"_s;
    case DeliveryStatus::Delivered: return u"delivered"_s;
    case DeliveryStatus::Failed: return u"failed"_s;
    }
    return {};
}

std::optional<DeliveryStatus> deliveryStatusFromString(const QString &text)
{
    for (DeliveryStatus status :
         {DeliveryStatus::Pending, DeliveryStatus::Delivered, DeliveryStatus::Failed}) {
        if (wireName(status) == text)
            return status;
    }
    return std::nullopt;
}

} // namespace Core
