// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/draft.h"
#include "core/query.h"

namespace Core {

class SqlConnection;

/// SQL for drafts, follow-up queues and draft queues. Runs inside Database jobs.
class DraftStore final
{
public:
    [[nodiscard]] static Result<void> insert(SqlConnection &sql, const Draft &draft);
    /// Writes every field of draft; false if it is gone.
    [[nodiscard]] static Result<bool> update(SqlConnection &sql, const Draft &draft);
    [[nodiscard]] static Result<bool> remove(SqlConnection &sql, const DraftId &id);
    [[nodiscard]] static Result<std::optional<Draft>> find(SqlConnection &sql, const DraftId &id);
    /// An attempt's drafts, oldest first; type narrows them.
    [[nodiscard]] static Result<QList<Draft>> ofAttempt(SqlConnection &sql,
                                                        const AttemptId &attempt,
                                                        std::optional<DraftType> type);
    /// Drafts that send themselves and have not been sent, oldest first.
    [[nodiscard]] static Result<QList<Draft>> scheduled(SqlConnection &sql);

    /// Replaces the attempt's queue (its items included).
    [[nodiscard]] static Result<void> replaceQueue(SqlConnection &sql, const FollowUpQueue &queue);
    /// Writes the queue's own fields and every item's status.
    [[nodiscard]] static Result<void> updateQueue(SqlConnection &sql, const FollowUpQueue &queue);
    [[nodiscard]] static Result<bool> removeQueue(SqlConnection &sql, const AttemptId &attempt);
    [[nodiscard]] static Result<std::optional<FollowUpQueue>> queue(SqlConnection &sql,
                                                                    const AttemptId &attempt);
    /// Queues with work left: auto-executing, not stopped, with a pending or running item.
    [[nodiscard]] static Result<QList<FollowUpQueue>> activeQueues(SqlConnection &sql);

    /// Replaces the attempt's draft queue.
    [[nodiscard]] static Result<void> replaceDraftQueue(SqlConnection &sql,
                                                        const AttemptId &attempt,
                                                        const QList<QueueDraft> &items);
    [[nodiscard]] static Result<void> updateQueueDraft(SqlConnection &sql, const QueueDraft &item);
    /// In order.
    [[nodiscard]] static Result<QList<QueueDraft>> draftQueue(SqlConnection &sql,
                                                              const AttemptId &attempt);
    /// Attempts with queued drafts left.
    [[nodiscard]] static Result<QList<AttemptId>> attemptsWithQueuedDrafts(SqlConnection &sql);
};

} // namespace Core
