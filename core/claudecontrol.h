// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/toolapproval.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Core {

/// A control request Claude Code sent on stdout.
struct ClaudeControlRequest
{
    enum class Kind { CanUseTool, HookCallback, Other };

    Kind kind = Kind::Other;
    QString requestId;
    QString subtype;
    QString toolName;  ///< can_use_tool, and the hook's tool for hook_callback.
    QJsonObject input; ///< The tool's input.
    QString toolUseId;
    QString callbackId;     ///< hook_callback: which of our callbacks.
    QString decisionReason; ///< can_use_tool: why the CLI asks (our hook's reason).
};

/// Claude Code's answer to one of our control requests.
struct ClaudeControlResponse
{
    QString requestId;
    bool success = false;
    QString error;        ///< When not success.
    QJsonObject response; ///< When success: the payload.
};

/// Claude Code's SDK control protocol (stream-json on stdin and stdout, with
/// --permission-prompt-tool stdio), as far as approvals need it: values in, lines out, no I/O.
/// tests/agents/README.md describes the exchange as the real CLI does it.
class ClaudeControl final
{
public:
    ClaudeControl() = delete;

    /// The id our PreToolUse hook is registered under.
    [[nodiscard]] static QString approvalCallbackId();
    /// Every tool but the read-only ones goes through the hook (Forge's matcher).
    [[nodiscard]] static QString approvalMatcher();

    /// One line each, newline included, ready for the CLI's stdin.
    [[nodiscard]] static QByteArray initializeRequest(const QString &requestId);
    [[nodiscard]] static QByteArray userMessage(const QString &prompt);
    /// The hook's answer: "ask", so that the CLI sends can_use_tool, which may wait as long as
    /// it takes (a hook callback times out after 60 s).
    [[nodiscard]] static QByteArray hookAskResponse(const QString &requestId);
    /// The answer to can_use_tool. An allowed call runs with input unchanged.
    [[nodiscard]] static QByteArray toolDecisionResponse(const QString &requestId,
                                                         const ToolDecision &decision,
                                                         const QJsonObject &input);
    /// For a request we do not handle, so that the CLI does not wait for it.
    [[nodiscard]] static QByteArray errorResponse(const QString &requestId, const QString &message);

    /// "control_request", "control_response", "control_cancel_request", or empty for any other
    /// line.
    [[nodiscard]] static QString controlType(const QJsonObject &line);
    [[nodiscard]] static Result<ClaudeControlRequest> parseRequest(const QJsonObject &line);
    [[nodiscard]] static Result<ClaudeControlResponse> parseResponse(const QJsonObject &line);
    /// The request a control_cancel_request withdraws.
    [[nodiscard]] static Result<QString> parseCancel(const QJsonObject &line);
    /// Whether initialize took our hooks. The CLI goes on without them after an error, and
    /// then nothing would ask: the prompt must not be sent.
    [[nodiscard]] static Result<void> checkInitialized(const ClaudeControlResponse &response);
};

} // namespace Core
