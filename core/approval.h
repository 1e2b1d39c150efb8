// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/error.h"
#include "core/ids.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace Core {

struct ApprovalIdTag
{
    static constexpr QLatin1StringView prefix{"approval_"};
};
using ApprovalId = Id<ApprovalIdTag>;

/// merge, deploy and custom come from seed 003; tool_use is an agent asking before a tool call.
enum class ApprovalType { Merge, Deploy, Custom, ToolUse };
enum class ApprovalStatus { Pending, Approved, Rejected, Expired, Cancelled };
enum class ApprovalDecision { Approved, Rejected };

[[nodiscard]] QString wireName(ApprovalType type);
[[nodiscard]] QString wireName(ApprovalStatus status);
[[nodiscard]] QString wireName(ApprovalDecision decision);
[[nodiscard]] std::optional<ApprovalType> approvalTypeFromString(const QString &text);
[[nodiscard]] std::optional<ApprovalStatus> approvalStatusFromString(const QString &text);
[[nodiscard]] std::optional<ApprovalDecision> approvalDecisionFromString(const QString &text);

struct ApprovalResponse
{
    QString approver;
    ApprovalDecision decision = ApprovalDecision::Approved;
    std::optional<QString> comment;
    QDateTime respondedAt;
};

/// A request for people to approve something an attempt wants to do (seed 003).
struct Approval
{
    ApprovalId id;
    AttemptId attemptId;
    ApprovalType type = ApprovalType::Custom;
    QString title;
    std::optional<QString> description;
    QJsonObject metadata;
    ApprovalStatus status = ApprovalStatus::Pending;
    QString createdBy;
    QStringList approvers; ///< Empty: anyone may respond, and one approval decides.
    QList<ApprovalResponse> responses;
    std::optional<ProcessId> processId; ///< For tool_use: the agent process that asked.
    std::optional<QString> toolUseId;
    QDateTime expiresAt; ///< Invalid: never expires.
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime resolvedAt;

    [[nodiscard]] bool isPending() const { return status == ApprovalStatus::Pending; }
    [[nodiscard]] bool isExpiredAt(const QDateTime &now) const
    {
        return isPending() && expiresAt.isValid() && expiresAt <= now;
    }
    /// Whether identity may respond at all (listed, or nobody listed).
    [[nodiscard]] bool mayRespond(const QString &identity) const;
    [[nodiscard]] const ApprovalResponse *responseOf(const QString &identity) const;
    /// The status the responses so far add up to: rejected once anyone rejects, approved when
    /// every listed approver (or, with none listed, anyone) approved, else pending.
    [[nodiscard]] ApprovalStatus decidedStatus() const;
};

/// What a caller supplies to POST /api/approvals.
struct NewApproval
{
    AttemptId attemptId;
    ApprovalType type = ApprovalType::Custom;
    QString title;
    std::optional<QString> description;
    QJsonObject metadata;
    QStringList approvers;
    QDateTime expiresAt;
    std::optional<ProcessId> processId;
    std::optional<QString> toolUseId;

    /// Checks title (1..300 characters), approvers (e-mail-like, at most 50) and expiresAt (in
    /// the future, when set); errors name the field.
    [[nodiscard]] Result<void> validate(const QDateTime &now) const;
};

struct ApprovalQuery
{
    std::optional<ApprovalStatus> status;
    std::optional<ApprovalType> type;
    std::optional<AttemptId> attemptId;
    /// Only those this identity may still answer (pending, listed or open to all, not answered).
    std::optional<QString> awaiting;
};

/// Identities compare without regard to case, as e-mail addresses do in practice.
[[nodiscard]] bool sameIdentity(const QString &a, const QString &b);

} // namespace Core
