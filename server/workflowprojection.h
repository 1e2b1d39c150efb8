// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

// JSON of approvals, drafts and queues, shared by the REST routes, the WebSocket channels and
// the webhooks so every face shows the same object the same way.

#include "core/approval.h"
#include "core/draft.h"

#include <QJsonObject>

namespace Server {

/// Seed 003's approval: id, taskAttemptId, type, title, description, status, createdBy,
/// createdAt, expiresAt, approvers, responses, metadata (+ updatedAt, resolvedAt).
[[nodiscard]] QJsonObject approvalJson(const Core::Approval &approval);
/// Seed 000's draft, with the fields of its kind: prompt (follow_up), originalPrompt,
/// retryPrompt and retryReason (retry), besides content, status and version.
[[nodiscard]] QJsonObject draftJson(const Core::Draft &draft);
[[nodiscard]] QJsonObject followUpQueueJson(const Core::FollowUpQueue &queue);
[[nodiscard]] QJsonObject queueDraftJson(const Core::QueueDraft &item);

} // namespace Server
