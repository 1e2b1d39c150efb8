// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/draft.h"

#include "core/wirename.h"

using namespace Qt::StringLiterals;

namespace Core {

QString wireName(DraftType type)
{
    switch (type) {
    case DraftType::FollowUp: return u"follow_up"_s;
    case DraftType::Retry: return u"retry"_s;
    case DraftType::Initial: return u"initial"_s;
    }
    return {};
}

QString wireName(DraftStatus status)
{
    switch (status) {
    case DraftStatus::Draft: return u"draft"_s;
    case DraftStatus::Scheduled: return u"scheduled"_s;
    case DraftStatus::Sent: return u"sent"_s;
    case DraftStatus::Failed: return u"failed"_s;
    }
    return {};
}

std::optional<DraftType> draftTypeFromString(const QString &text)
{
    static constexpr DraftType all[] = {DraftType::FollowUp, DraftType::Retry, DraftType::Initial};
    return fromWireName(text, all);
}

std::optional<DraftStatus> draftStatusFromString(const QString &text)
{
    static constexpr DraftStatus all[]
        = {DraftStatus::Draft, DraftStatus::Scheduled, DraftStatus::Sent, DraftStatus::Failed};
    return fromWireName(text, all);
}

QString wireName(QueueItemStatus status)
{
    switch (status) {
    case QueueItemStatus::Pending: return u"pending"_s;
    case QueueItemStatus::Running: return u"running"_s;
    case QueueItemStatus::Completed: return u"completed"_s;
    case QueueItemStatus::Failed: return u"failed"_s;
    case QueueItemStatus::Cancelled: return u"cancelled"_s;
    }
    return {};
}

std::optional<QueueItemStatus> queueItemStatusFromString(const QString &text)
{
    static constexpr QueueItemStatus all[] = {QueueItemStatus::Pending,
                                              QueueItemStatus::Running,
                                              QueueItemStatus::Completed,
                                              QueueItemStatus::Failed,
                                              QueueItemStatus::Cancelled};
    return fromWireName(text, all);
}

QString wireName(QueueStatus status)
{
    switch (status) {
    case QueueStatus::Idle: return u"idle"_s;
    case QueueStatus::Running: return u"running"_s;
    case QueueStatus::Stopped: return u"stopped"_s;
    case QueueStatus::Done: return u"done"_s;
    }
    return {};
}

std::optional<QueueStatus> queueStatusFromString(const QString &text)
{
    static constexpr QueueStatus all[]
        = {QueueStatus::Idle, QueueStatus::Running, QueueStatus::Stopped, QueueStatus::Done};
    return fromWireName(text, all);
}

QString wireName(QueueDraftStatus status)
{
    switch (status) {
    case QueueDraftStatus::Queued: return u"queued"_s;
    case QueueDraftStatus::Created: return u"created"_s;
    case QueueDraftStatus::Failed: return u"failed"_s;
    }
    return {};
}

std::optional<QueueDraftStatus> queueDraftStatusFromString(const QString &text)
{
    static constexpr QueueDraftStatus all[] = {QueueDraftStatus::Queued,
                                               QueueDraftStatus::Created,
                                               QueueDraftStatus::Failed};
    return fromWireName(text, all);
}

const FollowUpQueueItem *FollowUpQueue::nextPending() const
{
    for (const FollowUpQueueItem &item : items) {
        if (item.status == QueueItemStatus::Pending)
            return &item;
    }
    return nullptr;
}

} // namespace Core
