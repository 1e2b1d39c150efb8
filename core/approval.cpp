// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/approval.h"

#include "core/wirename.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Core {

QString wireName(ApprovalType type)
{
    switch (type) {
    case ApprovalType::Merge: return u"merge"_s;
    case ApprovalType::Deploy: return u"deploy"_s;
    case ApprovalType::Custom: return u"custom"_s;
    case ApprovalType::ToolUse: return u"tool_use"_s;
    }
    return {};
}

QString wireName(ApprovalStatus status)
{
    switch (status) {
    case ApprovalStatus::Pending: return u"pending"_s;
    case ApprovalStatus::Approved: return u"approved"_s;
    case ApprovalStatus::Rejected: return u"rejected"_s;
    case ApprovalStatus::Expired: return u"expired"_s;
    case ApprovalStatus::Cancelled: return u"cancelled"_s;
    }
    return {};
}

QString wireName(ApprovalDecision decision)
{
    return decision == ApprovalDecision::Approved ? u"approved"_s : u"rejected"_s;
}

std::optional<ApprovalType> approvalTypeFromString(const QString &text)
{
    static constexpr ApprovalType all[]
        = {ApprovalType::Merge, ApprovalType::Deploy, ApprovalType::Custom, ApprovalType::ToolUse};
    return fromWireName(text, all);
}

std::optional<ApprovalStatus> approvalStatusFromString(const QString &text)
{
    static constexpr ApprovalStatus all[] = {ApprovalStatus::Pending,
                                             ApprovalStatus::Approved,
                                             ApprovalStatus::Rejected,
                                             ApprovalStatus::Expired,
                                             ApprovalStatus::Cancelled};
    return fromWireName(text, all);
}

std::optional<ApprovalDecision> approvalDecisionFromString(const QString &text)
{
    static constexpr ApprovalDecision all[] = {ApprovalDecision::Approved,
                                               ApprovalDecision::Rejected};
    return fromWireName(text, all);
}

bool sameIdentity(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool Approval::mayRespond(const QString &identity) const
{
    if (approvers.isEmpty())
        return !identity.isEmpty();
    for (const QString &approver : approvers) {
        if (sameIdentity(approver, identity))
            return true;
    }
    return false;
}

const ApprovalResponse *Approval::responseOf(const QString &identity) const
{
    for (const ApprovalResponse &response : responses) {
        if (sameIdentity(response.approver, identity))
            return &response;
    }
    return nullptr;
}

ApprovalStatus Approval::decidedStatus() const
{
    for (const ApprovalResponse &response : responses) {
        if (response.decision == ApprovalDecision::Rejected)
            return ApprovalStatus::Rejected;
    }
    if (approvers.isEmpty())
        return responses.isEmpty() ? ApprovalStatus::Pending : ApprovalStatus::Approved;
    for (const QString &approver : approvers) {
        if (!responseOf(approver))
            return ApprovalStatus::Pending;
    }
    return ApprovalStatus::Approved;
}

Result<void> NewApproval::validate(const QDateTime &now) const
{
    if (title.trimmed().isEmpty())
        return fail(Error::validation(u"title"_s, u"is required"_s));
    if (title.size() > 300)
        return fail(Error::validation(u"title"_s, u"must be at most 300 characters"_s));
    if (description && description->size() > 20000)
        return fail(Error::validation(u"description"_s, u"must be at most 20000 characters"_s));
    if (approvers.size() > 50)
        return fail(Error::validation(u"approvers"_s, u"must list at most 50 approvers"_s));
    // Approvers are identities: e-mail addresses, or the names API keys act as.
    static const QRegularExpression identity(u"^\\S+$"_s);
    for (const QString &approver : approvers) {
        if (approver.size() > 254 || !identity.match(approver).hasMatch())
            return fail(
                Error::validation(u"approvers"_s,
                                  u"'%1' is not an identity (an e-mail address or API key name)"_s
                                      .arg(approver.left(80))));
    }
    if (expiresAt.isValid() && expiresAt <= now)
        return fail(Error::validation(u"expiresAt"_s, u"must be in the future"_s));
    return {};
}

} // namespace Core
