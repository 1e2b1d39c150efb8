// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/claudecontrol.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

QByteArray line(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray success(const QString &requestId, const QJsonObject &payload)
{
    return line({{u"type"_s, u"control_response"_s},
                 {u"response"_s,
                  QJsonObject{{u"subtype"_s, u"success"_s},
                              {u"request_id"_s, requestId},
                              {u"response"_s, payload}}}});
}

Error protocolError(const QString &message)
{
    return Error{ErrorCode::BadGateway, u"Claude Code control protocol: "_s + message, {}};
}

} // namespace

QString ClaudeControl::approvalCallbackId()
{
    return u"tool_approval"_s;
}

QString ClaudeControl::approvalMatcher()
{
    return u"^(?!(Glob|Grep|NotebookRead|Read|Task|TodoWrite)$).*"_s;
}

QByteArray ClaudeControl::initializeRequest(const QString &requestId)
{
    const QJsonObject matcher{{u"matcher"_s, approvalMatcher()},
                              {u"hookCallbackIds"_s, QJsonArray{approvalCallbackId()}}};
    return line({{u"type"_s, u"control_request"_s},
                 {u"request_id"_s, requestId},
                 {u"request"_s,
                  QJsonObject{{u"subtype"_s, u"initialize"_s},
                              {u"hooks"_s, QJsonObject{{u"PreToolUse"_s, QJsonArray{matcher}}}}}}});
}

QByteArray ClaudeControl::userMessage(const QString &prompt)
{
    return line({{u"type"_s, u"user"_s},
                 {u"message"_s, QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, prompt}}}});
}

QByteArray ClaudeControl::hookAskResponse(const QString &requestId)
{
    return success(requestId,
                   {{u"hookSpecificOutput"_s,
                     QJsonObject{{u"hookEventName"_s, u"PreToolUse"_s},
                                 {u"permissionDecision"_s, u"ask"_s},
                                 {u"permissionDecisionReason"_s,
                                  u"Forgedesk asks for approval"_s}}}});
}

QByteArray ClaudeControl::toolDecisionResponse(const QString &requestId,
                                               const ToolDecision &decision,
                                               const QJsonObject &input)
{
    if (decision.allow)
        return success(requestId, {{u"behavior"_s, u"allow"_s}, {u"updatedInput"_s, input}});
    // interrupt false: the agent hears why and carries on (or ends its turn) on its own.
    const QString message = decision.message.trimmed().isEmpty() ? u"The tool call was refused."_s
                                                                 : decision.message;
    return success(requestId,
                   {{u"behavior"_s, u"deny"_s}, {u"message"_s, message}, {u"interrupt"_s, false}});
}

QByteArray ClaudeControl::errorResponse(const QString &requestId, const QString &message)
{
    return line({{u"type"_s, u"control_response"_s},
                 {u"response"_s,
                  QJsonObject{{u"subtype"_s, u"error"_s},
                              {u"request_id"_s, requestId},
                              {u"error"_s, message}}}});
}

QString ClaudeControl::controlType(const QJsonObject &line)
{
    const QString type = line.value(u"type"_s).toString();
    if (type == "control_request"_L1 || type == "control_response"_L1
        || type == "control_cancel_request"_L1)
        return type;
    return {};
}

Result<ClaudeControlRequest> ClaudeControl::parseRequest(const QJsonObject &line)
{
    if (line.value(u"type"_s).toString() != "control_request"_L1)
        return fail(protocolError(u"not a control_request"_s));
    ClaudeControlRequest parsed;
    parsed.requestId = line.value(u"request_id"_s).toString();
    if (parsed.requestId.isEmpty())
        return fail(protocolError(u"a control_request without request_id"_s));
    const QJsonObject request = line.value(u"request"_s).toObject();
    parsed.subtype = request.value(u"subtype"_s).toString();
    parsed.toolUseId = request.value(u"tool_use_id"_s).toString();
    if (parsed.subtype == "can_use_tool"_L1) {
        parsed.kind = ClaudeControlRequest::Kind::CanUseTool;
        parsed.toolName = request.value(u"tool_name"_s).toString();
        if (parsed.toolName.isEmpty())
            return fail(protocolError(u"can_use_tool without tool_name"_s));
        parsed.input = request.value(u"input"_s).toObject();
        parsed.decisionReason = request.value(u"decision_reason"_s).toString();
    } else if (parsed.subtype == "hook_callback"_L1) {
        parsed.kind = ClaudeControlRequest::Kind::HookCallback;
        parsed.callbackId = request.value(u"callback_id"_s).toString();
        const QJsonObject hookInput = request.value(u"input"_s).toObject();
        parsed.toolName = hookInput.value(u"tool_name"_s).toString();
        parsed.input = hookInput.value(u"tool_input"_s).toObject();
        if (parsed.toolUseId.isEmpty())
            parsed.toolUseId = hookInput.value(u"tool_use_id"_s).toString();
    }
    return parsed;
}

Result<ClaudeControlResponse> ClaudeControl::parseResponse(const QJsonObject &line)
{
    if (line.value(u"type"_s).toString() != "control_response"_L1)
        return fail(protocolError(u"not a control_response"_s));
    const QJsonObject body = line.value(u"response"_s).toObject();
    ClaudeControlResponse parsed;
    parsed.requestId = body.value(u"request_id"_s).toString();
    if (parsed.requestId.isEmpty())
        return fail(protocolError(u"a control_response without request_id"_s));
    const QString subtype = body.value(u"subtype"_s).toString();
    parsed.success = subtype == "success"_L1;
    if (parsed.success) {
        parsed.response = body.value(u"response"_s).toObject();
    } else {
        parsed.error = body.value(u"error"_s).toString();
        if (parsed.error.isEmpty())
            parsed.error = subtype.isEmpty() ? u"no subtype"_s : subtype;
    }
    return parsed;
}

Result<QString> ClaudeControl::parseCancel(const QJsonObject &line)
{
    if (line.value(u"type"_s).toString() != "control_cancel_request"_L1)
        return fail(protocolError(u"not a control_cancel_request"_s));
    const QString requestId = line.value(u"request_id"_s).toString();
    if (requestId.isEmpty())
        return fail(protocolError(u"a control_cancel_request without request_id"_s));
    return requestId;
}

Result<void> ClaudeControl::checkInitialized(const ClaudeControlResponse &response)
{
    if (!response.success)
        return fail(protocolError(u"initialize failed: "_s + response.error));
    // 2.1.330 says whether it applied the hooks; older versions say nothing, and then the
    // absence of an error is all there is to go by.
    const QJsonValue applied = response.response.value(u"hooks_applied"_s);
    if (applied.isBool() && !applied.toBool())
        return fail(protocolError(u"initialize did not apply the approval hook"_s));
    return {};
}

} // namespace Core
