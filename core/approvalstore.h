// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/approval.h"
#include "core/query.h"

namespace Core {

class SqlConnection;

/// SQL for approvals and their responses. Runs inside Database jobs.
class ApprovalStore final
{
public:
    [[nodiscard]] static Result<void> insert(SqlConnection &sql, const Approval &approval);
    /// Writes status, updated_at and resolved_at.
    [[nodiscard]] static Result<void> updateStatus(SqlConnection &sql, const Approval &approval);
    [[nodiscard]] static Result<void> insertResponse(SqlConnection &sql,
                                                     const ApprovalId &id,
                                                     const ApprovalResponse &response);
    /// With its responses, in the order given.
    [[nodiscard]] static Result<std::optional<Approval>> find(SqlConnection &sql,
                                                              const ApprovalId &id);
    /// Newest first, with responses.
    [[nodiscard]] static Result<Page<Approval>> list(SqlConnection &sql,
                                                     const ApprovalQuery &query,
                                                     const PageRequest &page);
    /// Every pending approval, oldest first, with responses.
    [[nodiscard]] static Result<QList<Approval>> pending(SqlConnection &sql);
    /// The newest approval of type for attempt, if any.
    [[nodiscard]] static Result<std::optional<Approval>> latest(SqlConnection &sql,
                                                                const AttemptId &attempt,
                                                                ApprovalType type);
};

} // namespace Core
