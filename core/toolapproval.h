// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/ids.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace Core {

/// A tool call an agent wants to make and asks permission for first (Claude Code's
/// can_use_tool control request, forge.md §3.4).
struct ToolApprovalRequest
{
    AttemptId attemptId;
    ProcessId processId;
    QString toolName;  ///< "Bash", "Write", "Edit", …
    QJsonObject input; ///< The tool's input as the agent sent it.
    QString toolUseId; ///< The agent's id for the call, when it gave one.
};

struct ToolDecision
{
    bool allow = false;
    /// Why it was refused (or the approver's comment); the agent is told this.
    QString message;
};

/// Decides on agents' tool calls. The engine's approval service implements it; whoever runs an
/// agent that asks before acting calls it. All calls happen on the main thread.
class ToolApprovalBroker
{
public:
    using Answer = std::function<void(const ToolDecision &)>;

    virtual ~ToolApprovalBroker() = default;

    /// Asks for a decision. answer is called exactly once, on the main thread, possibly much
    /// later (when a person responds, or the request expires: then it is a refusal).
    virtual void requestToolApproval(const ToolApprovalRequest &request, Answer answer) = 0;
    /// The process has ended: requests it left open are cancelled and their answers dropped.
    virtual void processEnded(const ProcessId &process) = 0;
};

} // namespace Core
