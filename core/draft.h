// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/ids.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace Core {

struct DraftIdTag
{
    static constexpr QLatin1StringView prefix{"draft_"};
};
using DraftId = Id<DraftIdTag>;

struct QueueItemIdTag
{
    static constexpr QLatin1StringView prefix{"queue_item_"};
};
using QueueItemId = Id<QueueItemIdTag>;

struct QueueDraftIdTag
{
    static constexpr QLatin1StringView prefix{"queue_draft_"};
};
using QueueDraftId = Id<QueueDraftIdTag>;

enum class DraftType { FollowUp, Retry, Initial };
/// draft: kept until someone sends it; scheduled: sends itself (autoSend or sendAfter);
/// sent: its run started; failed: it could not be sent (error says why).
enum class DraftStatus { Draft, Scheduled, Sent, Failed };

[[nodiscard]] QString wireName(DraftType type);
[[nodiscard]] QString wireName(DraftStatus status);
[[nodiscard]] std::optional<DraftType> draftTypeFromString(const QString &text);
[[nodiscard]] std::optional<DraftStatus> draftStatusFromString(const QString &text);

/// A prompt prepared for an attempt (seed 000). Follow-up drafts (POST follow-up-draft) and retry
/// drafts (POST retry-follow-up-draft) are drafts of those types: one model, several views.
struct Draft
{
    DraftId id;
    AttemptId attemptId;
    ProjectId projectId;
    DraftType type = DraftType::FollowUp;
    QString content; ///< The prompt; a retry draft's retryPrompt.
    QJsonObject metadata;
    bool autoSend = false;
    QDateTime sendAfter; ///< Invalid: as soon as possible (with autoSend) or never by itself.
    DraftStatus status = DraftStatus::Draft;
    std::optional<QString> originalPrompt; ///< Retry drafts.
    std::optional<QString> retryReason;    ///< Retry drafts.
    /// Once sent: the process it started (follow-ups) or the new attempt (retries).
    std::optional<QString> resultId;
    QString error;
    int version = 1; ///< Bumped by every change; an update naming an older one is refused.
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime sentAt;

    /// Sent without anyone asking: autoSend, or a sendAfter time.
    [[nodiscard]] bool sendsItself() const { return autoSend || sendAfter.isValid(); }
};

/// A partial update of a draft; version must match the stored one.
struct DraftPatch
{
    int version = 0;
    std::optional<QString> content;
    std::optional<QJsonObject> metadata;
    std::optional<bool> autoSend;
    std::optional<QDateTime> sendAfter; ///< An invalid QDateTime clears it.
    std::optional<QString> originalPrompt;
    std::optional<QString> retryReason;
};

enum class QueueItemStatus { Pending, Running, Completed, Failed, Cancelled };
[[nodiscard]] QString wireName(QueueItemStatus status);
[[nodiscard]] std::optional<QueueItemStatus> queueItemStatusFromString(const QString &text);

struct FollowUpQueueItem
{
    QueueItemId id;
    QString prompt;
    int order = 0;
    QueueItemStatus status = QueueItemStatus::Pending;
    std::optional<QString> processId;
    QString error;
    QDateTime createdAt;
    QDateTime updatedAt;
};

/// idle: nothing running; running: an item's process runs; stopped: an item failed and the rest
/// wait for someone to look; done: every item ran.
enum class QueueStatus { Idle, Running, Stopped, Done };
[[nodiscard]] QString wireName(QueueStatus status);
[[nodiscard]] std::optional<QueueStatus> queueStatusFromString(const QString &text);

/// Follow-ups sent one after another (seed 000's follow-up queue).
struct FollowUpQueue
{
    AttemptId attemptId;
    bool autoExecute = false;
    QueueStatus status = QueueStatus::Idle;
    QString error;                  ///< Why it stopped.
    QList<FollowUpQueueItem> items; ///< In execution order.
    QDateTime createdAt;
    QDateTime updatedAt;

    [[nodiscard]] const FollowUpQueueItem *nextPending() const;
};

enum class QueueDraftStatus { Queued, Created, Failed };
[[nodiscard]] QString wireName(QueueDraftStatus status);
[[nodiscard]] std::optional<QueueDraftStatus> queueDraftStatusFromString(const QString &text);

/// A task waiting to be created (seed 000's draft queue).
struct QueueDraft
{
    QueueDraftId id;
    AttemptId attemptId;
    ProjectId projectId;
    QString title;
    QString description;
    int order = 0;
    QueueDraftStatus status = QueueDraftStatus::Queued;
    std::optional<QString> taskId;
    QString error;
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace Core
