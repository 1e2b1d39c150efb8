// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/claudecontrol.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::ClaudeControl;
using Core::ClaudeControlRequest;

/// Claude Code's control protocol, against the lines the real CLI printed
/// (tests/agents/samples/claude_approvals*.jsonl, made by tests/agents/claude_approvals.py).
class TestClaudeControl final : public QObject
{
    Q_OBJECT

private:
    static QList<QJsonObject> sample(const QString &name)
    {
        QList<QJsonObject> lines;
        QFile file(QStringLiteral(FORGEDESK_AGENT_FIXTURES) + u"/samples/"_s + name);
        if (!file.open(QIODevice::ReadOnly))
            return lines;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (!line.isEmpty())
                lines.append(QJsonDocument::fromJson(line).object());
        }
        return lines;
    }

    /// The sample's control requests of subtype, in order.
    static QList<QJsonObject> requests(const QList<QJsonObject> &lines, const QString &subtype)
    {
        QList<QJsonObject> found;
        for (const QJsonObject &line : lines) {
            if (line.value(u"type"_s).toString() == "control_request"_L1
                && line.value(u"request"_s).toObject().value(u"subtype"_s).toString() == subtype)
                found.append(line);
        }
        return found;
    }

    /// One line, newline-terminated, holding one JSON object.
    static QJsonObject single(const QByteArray &line)
    {
        if (!line.endsWith('\n') || line.count('\n') != 1)
            return {};
        return QJsonDocument::fromJson(line).object();
    }

private Q_SLOTS:
    void theInitializeRequestRegistersTheApprovalHook()
    {
        const QJsonObject line = single(ClaudeControl::initializeRequest(u"init_1"_s));
        QCOMPARE(line.value(u"type"_s).toString(), u"control_request"_s);
        QCOMPARE(line.value(u"request_id"_s).toString(), u"init_1"_s);
        const QJsonObject request = line.value(u"request"_s).toObject();
        QCOMPARE(request.value(u"subtype"_s).toString(), u"initialize"_s);
        const QJsonArray matchers
            = request.value(u"hooks"_s).toObject().value(u"PreToolUse"_s).toArray();
        QCOMPARE(matchers.size(), 1);
        const QJsonObject matcher = matchers.first().toObject();
        QCOMPARE(matcher.value(u"matcher"_s).toString(),
                 u"^(?!(Glob|Grep|NotebookRead|Read|Task|TodoWrite)$).*"_s);
        QCOMPARE(matcher.value(u"hookCallbackIds"_s).toArray(),
                 QJsonArray{ClaudeControl::approvalCallbackId()});
    }

    void thePromptIsOneUserLine()
    {
        const QString prompt = u"Two lines\nwith \"quotes\" and é"_s;
        const QJsonObject line = single(ClaudeControl::userMessage(prompt));
        QCOMPARE(line.value(u"type"_s).toString(), u"user"_s);
        const QJsonObject message = line.value(u"message"_s).toObject();
        QCOMPARE(message.value(u"role"_s).toString(), u"user"_s);
        QCOMPARE(message.value(u"content"_s).toString(), prompt);
    }

    void controlLinesAreToldApart()
    {
        const QList<QJsonObject> lines = sample(u"claude_approvals_interrupted.jsonl"_s);
        QVERIFY(lines.size() > 5);
        QStringList types;
        for (const QJsonObject &line : lines) {
            if (const QString type = ClaudeControl::controlType(line); !type.isEmpty())
                types.append(type);
        }
        QCOMPARE(types,
                 (QStringList{u"control_response"_s,
                              u"control_request"_s,
                              u"control_request"_s,
                              u"control_cancel_request"_s}));
    }

    void theRealInitializeAnswerIsReadAsSuccess()
    {
        const QList<QJsonObject> lines = sample(u"claude_approvals.jsonl"_s);
        QVERIFY(!lines.isEmpty());
        // The CLI answers initialize before it prints anything else.
        const auto response = ClaudeControl::parseResponse(lines.first());
        QVERIFY2(response, qPrintable(response ? QString() : response.error().message));
        QCOMPARE(response->requestId, u"init_1"_s);
        QVERIFY(response->success);
        QCOMPARE(response->response.value(u"hooks_applied"_s).toBool(), true);
        QVERIFY(ClaudeControl::checkInitialized(*response));
    }

    void aRefusedInitializeStopsThePrompt_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("expected");
        // Printed by 2.1.330 for hooks of the wrong shape; it then runs on without them.
        QTest::newRow("error") << QByteArray(
            "{\"type\":\"control_response\",\"response\":{\"subtype\":\"error\","
            "\"request_id\":\"init-1\",\"error\":\"initialize: hooks must map hook "
            "events to arrays of matchers carrying hookCallbackIds arrays and "
            "string matchers\"}}")
                               << u"hooks must map"_s;
        QTest::newRow("hooks not applied")
            << QByteArray("{\"type\":\"control_response\",\"response\":{\"subtype\":\"success\","
                          "\"request_id\":\"init-1\",\"response\":{\"hooks_applied\":false}}}")
            << u"did not apply"_s;
    }

    void aRefusedInitializeStopsThePrompt()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, expected);
        const auto response = ClaudeControl::parseResponse(QJsonDocument::fromJson(line).object());
        QVERIFY(response);
        QCOMPARE(response->requestId, u"init-1"_s);
        const auto checked = ClaudeControl::checkInitialized(*response);
        QVERIFY(!checked);
        QVERIFY2(checked.error().message.contains(expected), qPrintable(checked.error().message));
    }

    void anInitializeAnswerWithoutTheFlagIsAccepted()
    {
        // Versions before 2.1.330 do not say whether they applied the hooks.
        const auto response = ClaudeControl::parseResponse(
            QJsonDocument::fromJson(
                "{\"type\":\"control_response\",\"response\":{\"subtype\":\"success\","
                "\"request_id\":\"i\",\"response\":{\"commands\":[]}}}")
                .object());
        QVERIFY(response);
        QVERIFY(ClaudeControl::checkInitialized(*response));
    }

    void theRealHookCallbackIsRead()
    {
        const QList<QJsonObject> hooks = requests(sample(u"claude_approvals.jsonl"_s),
                                                  u"hook_callback"_s);
        QCOMPARE(hooks.size(), 1);
        const auto request = ClaudeControl::parseRequest(hooks.first());
        QVERIFY(request);
        QCOMPARE(request->kind, ClaudeControlRequest::Kind::HookCallback);
        QCOMPARE(request->requestId, hooks.first().value(u"request_id"_s).toString());
        QCOMPARE(request->callbackId, ClaudeControl::approvalCallbackId());
        QCOMPARE(request->toolName, u"Write"_s);
        QVERIFY(request->toolUseId.startsWith(u"toolu_"_s));
        QVERIFY(request->input.value(u"file_path"_s).toString().endsWith(u"/approved.txt"_s));
    }

    void theRealToolRequestIsRead_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("approved") << u"claude_approvals.jsonl"_s;
        QTest::newRow("denied") << u"claude_approvals_denied.jsonl"_s;
        QTest::newRow("interrupted") << u"claude_approvals_interrupted.jsonl"_s;
    }

    void theRealToolRequestIsRead()
    {
        QFETCH(QString, file);
        const QList<QJsonObject> lines = sample(file);
        const QList<QJsonObject> asked = requests(lines, u"can_use_tool"_s);
        QCOMPARE(asked.size(), 1);
        const auto request = ClaudeControl::parseRequest(asked.first());
        QVERIFY(request);
        QCOMPARE(request->kind, ClaudeControlRequest::Kind::CanUseTool);
        QCOMPARE(request->subtype, u"can_use_tool"_s);
        QVERIFY(!request->requestId.isEmpty());
        QCOMPARE(request->toolName, u"Write"_s);
        QCOMPARE(request->input.value(u"content"_s).toString(), u"written after approval\n"_s);
        QCOMPARE(request->decisionReason, u"Forgedesk asks first"_s);
        // The same call the hook was asked about.
        const auto hook = ClaudeControl::parseRequest(requests(lines, u"hook_callback"_s).first());
        QVERIFY(hook);
        QCOMPARE(request->toolUseId, hook->toolUseId);
    }

    void theRealWithdrawalNamesTheRequest()
    {
        const QList<QJsonObject> lines = sample(u"claude_approvals_interrupted.jsonl"_s);
        const auto asked = ClaudeControl::parseRequest(requests(lines, u"can_use_tool"_s).first());
        QVERIFY(asked);
        std::optional<QString> withdrawn;
        for (const QJsonObject &line : lines) {
            if (ClaudeControl::controlType(line) == "control_cancel_request"_L1) {
                const auto parsed = ClaudeControl::parseCancel(line);
                QVERIFY(parsed);
                withdrawn = *parsed;
            }
        }
        QCOMPARE(withdrawn, std::optional<QString>(asked->requestId));
    }

    void theHookIsAnsweredWithAsk()
    {
        const QJsonObject line = single(ClaudeControl::hookAskResponse(u"req-9"_s));
        QCOMPARE(line.value(u"type"_s).toString(), u"control_response"_s);
        const QJsonObject body = line.value(u"response"_s).toObject();
        QCOMPARE(body.value(u"subtype"_s).toString(), u"success"_s);
        QCOMPARE(body.value(u"request_id"_s).toString(), u"req-9"_s);
        const QJsonObject output
            = body.value(u"response"_s).toObject().value(u"hookSpecificOutput"_s).toObject();
        QCOMPARE(output.value(u"hookEventName"_s).toString(), u"PreToolUse"_s);
        QCOMPARE(output.value(u"permissionDecision"_s).toString(), u"ask"_s);
    }

    void anAllowCarriesTheInputUnchanged()
    {
        const QJsonObject input{{u"file_path"_s, u"/w/approved.txt"_s}, {u"content"_s, u"x\n"_s}};
        const QByteArray line = ClaudeControl::toolDecisionResponse(u"r1"_s, {true, u"ok"_s}, input);
        const auto parsed = ClaudeControl::parseResponse(single(line));
        QVERIFY(parsed);
        QCOMPARE(parsed->requestId, u"r1"_s);
        QVERIFY(parsed->success);
        QCOMPARE(parsed->response,
                 (QJsonObject{{u"behavior"_s, u"allow"_s}, {u"updatedInput"_s, input}}));
    }

    void aDenialCarriesTheReasonAndDoesNotInterrupt_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("told");
        QTest::newRow("with a reason") << u"Not this file"_s << u"Not this file"_s;
        QTest::newRow("without one") << u"  "_s << u"The tool call was refused."_s;
    }

    void aDenialCarriesTheReasonAndDoesNotInterrupt()
    {
        QFETCH(QString, reason);
        QFETCH(QString, told);
        const QByteArray line = ClaudeControl::toolDecisionResponse(u"r2"_s,
                                                                    {false, reason},
                                                                    {{u"command"_s, u"ls"_s}});
        const auto parsed = ClaudeControl::parseResponse(single(line));
        QVERIFY(parsed);
        QCOMPARE(parsed->requestId, u"r2"_s);
        QCOMPARE(parsed->response,
                 (QJsonObject{{u"behavior"_s, u"deny"_s},
                              {u"message"_s, told},
                              {u"interrupt"_s, false}}));
    }

    void anUnhandledRequestGetsAnError()
    {
        const auto request = ClaudeControl::parseRequest(
            QJsonDocument::fromJson(
                "{\"type\":\"control_request\",\"request_id\":\"q\",\"request\":{\"subtype\":"
                "\"mcp_message\"}}")
                .object());
        QVERIFY(request);
        QCOMPARE(request->kind, ClaudeControlRequest::Kind::Other);
        QCOMPARE(request->subtype, u"mcp_message"_s);
        const auto parsed = ClaudeControl::parseResponse(
            single(ClaudeControl::errorResponse(u"q"_s, u"not handled"_s)));
        QVERIFY(parsed);
        QCOMPARE(parsed->requestId, u"q"_s);
        QVERIFY(!parsed->success);
        QCOMPARE(parsed->error, u"not handled"_s);
    }

    void malformedLinesAreErrors_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("request without id")
            << QByteArray("{\"type\":\"control_request\",\"request\":{\"subtype\":\"can_use_tool\","
                          "\"tool_name\":\"Bash\"}}");
        QTest::newRow("can_use_tool without tool")
            << QByteArray("{\"type\":\"control_request\",\"request_id\":\"a\",\"request\":{"
                          "\"subtype\":\"can_use_tool\"}}");
        QTest::newRow("response without id")
            << QByteArray("{\"type\":\"control_response\",\"response\":{\"subtype\":\"success\"}}");
        QTest::newRow("cancel without id") << QByteArray("{\"type\":\"control_cancel_request\"}");
        QTest::newRow("not a control line") << QByteArray("{\"type\":\"result\"}");
    }

    void malformedLinesAreErrors()
    {
        QFETCH(QByteArray, line);
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        const QString type = ClaudeControl::controlType(object);
        if (type == "control_request"_L1 || type.isEmpty())
            QVERIFY(!ClaudeControl::parseRequest(object));
        if (type == "control_response"_L1 || type.isEmpty())
            QVERIFY(!ClaudeControl::parseResponse(object));
        if (type == "control_cancel_request"_L1 || type.isEmpty())
            QVERIFY(!ClaudeControl::parseCancel(object));
        const auto error = type == "control_response"_L1
                               ? ClaudeControl::parseResponse(object).error()
                               : ClaudeControl::parseRequest(object).error();
        QCOMPARE(error.code, Core::ErrorCode::BadGateway);
    }
};

QTEST_GUILESS_MAIN(TestClaudeControl)
#include "tst_claudecontrol.moc"
