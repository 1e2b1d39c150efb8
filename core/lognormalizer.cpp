// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/lognormalizer.h"

#include "core/jsonparser.h"
#include "core/timestamps.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

/// What a tool call does, from its name; the same vocabulary for every agent.
QString actionOf(const QString &tool)
{
    const QString t = tool.toLower();
    if (t == "bash"_L1 || t == "shell"_L1 || t == "exec_command"_L1 || t == "run_shell_command"_L1
        || t == "local_shell"_L1 || t == "command"_L1)
        return u"command"_s;
    if (t == "write"_L1 || t == "edit"_L1 || t == "multiedit"_L1 || t == "notebookedit"_L1
        || t == "write_file"_L1 || t == "replace"_L1 || t == "apply_patch"_L1 || t == "patch"_L1
        || t == "str_replace_editor"_L1)
        return u"file_edit"_s;
    if (t == "read"_L1 || t == "read_file"_L1 || t == "read_many_files"_L1 || t == "notebookread"_L1
        || t == "view"_L1)
        return u"file_read"_s;
    if (t == "glob"_L1 || t == "grep"_L1 || t == "ls"_L1 || t == "list"_L1
        || t == "list_directory"_L1 || t == "search_file_content"_L1 || t == "grep_search"_L1
        || t == "tool_search"_L1)
        return u"search"_s;
    if (t == "webfetch"_L1 || t == "web_fetch"_L1 || t == "websearch"_L1 || t == "web_search"_L1
        || t == "google_web_search"_L1)
        return u"web"_s;
    if (t == "todowrite"_L1 || t == "todoread"_L1 || t == "write_todos"_L1)
        return u"todo"_s;
    return u"other"_s;
}

QString firstString(const QJsonObject &object, std::initializer_list<QLatin1StringView> keys)
{
    for (QLatin1StringView key : keys) {
        const QJsonValue value = object.value(key);
        if (value.isString() && !value.toString().isEmpty())
            return value.toString();
    }
    return {};
}

/// Text of a tool result's content: a string, or an array of {type:text, text} blocks.
QString contentText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QStringList parts;
    for (const QJsonValue &block : content.toArray()) {
        const QJsonObject object = block.toObject();
        if (object.value(u"type"_s).toString() == "text"_L1)
            parts.append(object.value(u"text"_s).toString());
    }
    return parts.join(u'\n');
}

std::optional<int> exitCodeIn(const QString &text)
{
    static const QRegularExpression pattern(u"(?:^|\\n)\\s*Exit [Cc]ode:?\\s+(-?\\d+)"_s);
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toInt();
}

QString describeTool(const QString &tool, const QJsonObject &input)
{
    const QString detail = firstString(input,
                                       {"command"_L1,
                                        "cmd"_L1,
                                        "file_path"_L1,
                                        "filePath"_L1,
                                        "path"_L1,
                                        "pattern"_L1,
                                        "query"_L1,
                                        "url"_L1,
                                        "description"_L1});
    return detail.isEmpty() ? tool : tool + u": "_s + detail;
}

// ---------------------------------------------------------------------------------------------

/// Claude Code --output-format stream-json (Cursor and Amp print the same shape).
/// Agents that print one JSON object per line; a line that is not one is kept raw.
class JsonLinesNormalizer : public LogNormalizer
{
protected:
    void feedStdout(QByteArrayView line, QList<LogEntry> &out) final
    {
        const std::optional<QJsonObject> parsed = parseJsonObject(line);
        if (!parsed) {
            beforeRaw(out);
            out.append(rawEntry(line, u"not JSON"_s));
            return;
        }
        feedObject(*parsed, line, out);
    }
    virtual void feedObject(const QJsonObject &object, QByteArrayView line, QList<LogEntry> &out)
        = 0;
    /// What is held back must come out before a raw line does.
    virtual void beforeRaw(QList<LogEntry> &) {}
};

class ClaudeNormalizer final : public JsonLinesNormalizer
{
protected:
    void feedObject(const QJsonObject &object, QByteArrayView line, QList<LogEntry> &out) override
    {
        const QString type = object.value(u"type"_s).toString();
        if (const QString session = object.value(u"session_id"_s).toString(); !session.isEmpty())
            m_sessionId = session;
        if (type == "system"_L1)
            system(object, out);
        else if (type == "assistant"_L1)
            assistant(object, out);
        else if (type == "user"_L1)
            user(object, out);
        else if (type == "result"_L1)
            result(object, out);
        else if (type == "stream_event"_L1)
            streamEvent(object, out);
        else if (type == "control_request"_L1)
            controlRequest(object, out);
        else if (type == "control_cancel_request"_L1)
            out.append(entry(LogKind::system,
                             LogLevel::Info,
                             u"Approval request withdrawn"_s,
                             {{u"subtype"_s, u"approval_withdrawn"_s},
                              {u"requestId"_s, object.value(u"request_id"_s)}}));
        else if (type != "control_response"_L1) // answers to our own requests are plumbing
            out.append(rawEntry(line, u"unknown type '%1'"_s.arg(type)));
    }

private:
    struct ToolCall
    {
        QString name;
        QJsonObject input;
    };

    void system(const QJsonObject &object, QList<LogEntry> &out)
    {
        const QString subtype = object.value(u"subtype"_s).toString();
        if (subtype == "init"_L1) {
            if (const QString model = object.value(u"model"_s).toString(); !model.isEmpty())
                m_model = model;
            out.append(entry(LogKind::system,
                             LogLevel::Info,
                             u"Session %1 started (model %2)"_s.arg(m_sessionId.value_or(u"?"_s),
                                                                    m_model.value_or(u"?"_s)),
                             {{u"subtype"_s, subtype},
                              {u"sessionId"_s, m_sessionId.value_or(QString())},
                              {u"model"_s, m_model.value_or(QString())},
                              {u"cwd"_s, object.value(u"cwd"_s)},
                              {u"tools"_s, object.value(u"tools"_s)}}));
        } else if (subtype == "permission_denied"_L1) {
            const QString tool = object.value(u"tool_name"_s).toString();
            out.append(entry(LogKind::error,
                             LogLevel::Warn,
                             u"Permission denied for %1: %2"_s
                                 .arg(tool, preview(object.value(u"message"_s).toString())),
                             {{u"errorType"_s, u"permission_denied"_s},
                              {u"tool"_s, tool},
                              {u"toolUseId"_s, object.value(u"tool_use_id"_s)},
                              {u"text"_s, object.value(u"message"_s)}}));
        } else {
            const bool chatter = subtype == "status"_L1 || subtype == "thinking_tokens"_L1;
            out.append(entry(LogKind::system,
                             chatter ? LogLevel::Debug : LogLevel::Info,
                             subtype.isEmpty() ? u"system"_s : u"system: "_s + subtype,
                             {{u"subtype"_s, subtype}, {u"data"_s, object}}));
        }
    }

    /// With approvals (stdin kept open), the CLI asks before acting. Whoever answers logs the
    /// decision; the hook callbacks that lead to the question are plumbing.
    void controlRequest(const QJsonObject &object, QList<LogEntry> &out)
    {
        const QJsonObject request = object.value(u"request"_s).toObject();
        const QString subtype = request.value(u"subtype"_s).toString();
        if (subtype == "hook_callback"_L1)
            return;
        if (subtype != "can_use_tool"_L1) {
            out.append(entry(LogKind::system,
                             LogLevel::Debug,
                             u"control request: "_s + subtype,
                             {{u"subtype"_s, u"control_request"_s}, {u"data"_s, request}}));
            return;
        }
        const QString tool = request.value(u"tool_name"_s).toString();
        const QJsonObject input = request.value(u"input"_s).toObject();
        out.append(entry(LogKind::system,
                         LogLevel::Info,
                         u"Waiting for approval: "_s + preview(describeTool(tool, input)),
                         {{u"subtype"_s, u"approval_requested"_s},
                          {u"tool"_s, tool},
                          {u"toolUseId"_s, request.value(u"tool_use_id"_s)},
                          {u"requestId"_s, object.value(u"request_id"_s)},
                          {u"input"_s, input}}));
    }

    void assistant(const QJsonObject &object, QList<LogEntry> &out)
    {
        const QJsonObject message = object.value(u"message"_s).toObject();
        if (const QString model = message.value(u"model"_s).toString(); !model.isEmpty())
            m_model = model;
        for (const QJsonValue &value : message.value(u"content"_s).toArray()) {
            const QJsonObject block = value.toObject();
            const QString type = block.value(u"type"_s).toString();
            if (type == "text"_L1) {
                const QString text = block.value(u"text"_s).toString();
                m_summary = text;
                out.append(entry(LogKind::assistantMessage,
                                 LogLevel::Info,
                                 preview(text),
                                 {{u"text"_s, text}}));
            } else if (type == "thinking"_L1 || type == "redacted_thinking"_L1) {
                const QString text = block.value(u"thinking"_s).toString();
                out.append(
                    entry(LogKind::thinking, LogLevel::Info, preview(text), {{u"text"_s, text}}));
            } else if (type == "tool_use"_L1 || type == "server_tool_use"_L1) {
                const QString id = block.value(u"id"_s).toString();
                const QString name = block.value(u"name"_s).toString();
                const QJsonObject input = block.value(u"input"_s).toObject();
                m_calls.insert(id, {name, input});
                out.append(entry(LogKind::toolUse,
                                 LogLevel::Info,
                                 describeTool(name, input),
                                 {{u"tool"_s, name},
                                  {u"toolUseId"_s, id},
                                  {u"action"_s, actionOf(name)},
                                  {u"input"_s, input}}));
            } else {
                out.append(entry(LogKind::system,
                                 LogLevel::Debug,
                                 u"assistant block: "_s + type,
                                 {{u"subtype"_s, type}, {u"data"_s, block}}));
            }
        }
    }

    void user(const QJsonObject &object, QList<LogEntry> &out)
    {
        const QJsonValue content = object.value(u"message"_s).toObject().value(u"content"_s);
        if (content.isString()) {
            out.append(entry(LogKind::userMessage,
                             LogLevel::Info,
                             preview(content.toString()),
                             {{u"text"_s, content.toString()}}));
            return;
        }
        const QJsonObject structured = object.value(u"tool_use_result"_s).toObject();
        for (const QJsonValue &value : content.toArray()) {
            const QJsonObject block = value.toObject();
            const QString type = block.value(u"type"_s).toString();
            if (type == "text"_L1) {
                out.append(entry(LogKind::userMessage,
                                 LogLevel::Info,
                                 preview(block.value(u"text"_s).toString()),
                                 {{u"text"_s, block.value(u"text"_s)}}));
            } else if (type == "tool_result"_L1) {
                toolResult(block, structured, out);
            } else {
                out.append(entry(LogKind::system,
                                 LogLevel::Debug,
                                 u"user block: "_s + type,
                                 {{u"subtype"_s, type}, {u"data"_s, block}}));
            }
        }
    }

    void toolResult(const QJsonObject &block, const QJsonObject &structured, QList<LogEntry> &out)
    {
        const QString id = block.value(u"tool_use_id"_s).toString();
        const bool isError = block.value(u"is_error"_s).toBool();
        const QString text = contentText(block.value(u"content"_s));
        const ToolCall call = m_calls.take(id);
        const QString action = actionOf(call.name);
        if (action == "command"_L1) {
            const QString command = call.input.value(u"command"_s).toString();
            QString output = text;
            if (structured.contains(u"stdout"_s)) {
                output = structured.value(u"stdout"_s).toString();
                const QString stderrText = structured.value(u"stderr"_s).toString();
                if (!stderrText.isEmpty())
                    output += (output.isEmpty() ? QString() : u"\n"_s) + stderrText;
            }
            const std::optional<int> exitCode = isError ? exitCodeIn(text).value_or(1) : 0;
            out.append(entry(LogKind::command,
                             isError ? LogLevel::Warn : LogLevel::Info,
                             u"$ %1 → exit %2"_s.arg(preview(command, 120)).arg(*exitCode),
                             {{u"command"_s, command},
                              {u"output"_s, output},
                              {u"exitCode"_s, *exitCode},
                              {u"isError"_s, isError},
                              {u"toolUseId"_s, id},
                              {u"tool"_s, call.name}}));
        } else if (action == "file_edit"_L1) {
            const QString path = firstString(call.input,
                                             {"file_path"_L1, "notebook_path"_L1, "path"_L1});
            const QString kind = structured.value(u"type"_s).toString(); // "create" or "update"
            const QString verb = isError               ? u"Failed to edit"_s
                                 : kind == "create"_L1 ? u"Created"_s
                                                       : u"Edited"_s;
            out.append(entry(LogKind::fileEdit,
                             isError ? LogLevel::Warn : LogLevel::Info,
                             verb + u' ' + path,
                             {{u"path"_s, path},
                              {u"action"_s, kind == "create"_L1 ? u"create"_s : u"edit"_s},
                              {u"isError"_s, isError},
                              {u"toolUseId"_s, id},
                              {u"tool"_s, call.name},
                              {u"output"_s, text}}));
        } else {
            out.append(
                entry(LogKind::toolResult,
                      isError ? LogLevel::Warn : LogLevel::Info,
                      (call.name.isEmpty() ? u"tool"_s : call.name) + u": "_s + preview(text, 160),
                      {{u"toolUseId"_s, id},
                       {u"tool"_s, call.name},
                       {u"output"_s, text},
                       {u"isError"_s, isError}}));
        }
    }

    void result(const QJsonObject &object, QList<LogEntry> &out)
    {
        m_reportedEnd = true;
        const QJsonObject usage = object.value(u"usage"_s).toObject();
        Usage run;
        run.inputTokens = qint64(usage.value(u"input_tokens"_s).toDouble()
                                 + usage.value(u"cache_creation_input_tokens"_s).toDouble()
                                 + usage.value(u"cache_read_input_tokens"_s).toDouble());
        run.outputTokens = qint64(usage.value(u"output_tokens"_s).toDouble());
        run.totalCost = object.value(u"total_cost_usd"_s).toDouble();
        m_usage.inputTokens += run.inputTokens;
        m_usage.outputTokens += run.outputTokens;
        m_usage.totalCost += run.totalCost;
        const QString text = object.value(u"result"_s).toString();
        if (object.value(u"is_error"_s).toBool()) {
            m_reportedFailure = true;
            out.append(
                entry(LogKind::error,
                      LogLevel::Error,
                      preview(text.isEmpty() ? u"the agent failed"_s : text),
                      {{u"errorType"_s,
                        firstString(object, {"api_error"_L1, "terminal_reason"_L1, "subtype"_L1})},
                       {u"text"_s, text}}));
        } else if (!text.isEmpty()) {
            m_summary = text;
        }
        out.append(entry(LogKind::usage,
                         LogLevel::Info,
                         u"%1 input / %2 output tokens, $%3"_s.arg(run.inputTokens)
                             .arg(run.outputTokens)
                             .arg(run.totalCost, 0, 'f', 4),
                         {{u"inputTokens"_s, run.inputTokens},
                          {u"outputTokens"_s, run.outputTokens},
                          {u"totalCost"_s, run.totalCost},
                          {u"durationMs"_s, object.value(u"duration_ms"_s)},
                          {u"numTurns"_s, object.value(u"num_turns"_s)}}));
    }

    void streamEvent(const QJsonObject &object, QList<LogEntry> &out)
    {
        // Partial messages repeat what the assistant lines carry whole; keep them, quietly.
        const QJsonObject event = object.value(u"event"_s).toObject();
        out.append(entry(LogKind::system,
                         LogLevel::Debug,
                         u"stream: "_s + event.value(u"type"_s).toString(),
                         {{u"subtype"_s, u"stream_event"_s}, {u"data"_s, event}}));
    }

    QHash<QString, ToolCall> m_calls;
};

// ---------------------------------------------------------------------------------------------

/// codex exec --json
class CodexNormalizer final : public JsonLinesNormalizer
{
protected:
    void feedObject(const QJsonObject &object, QByteArrayView line, QList<LogEntry> &out) override
    {
        const QString type = object.value(u"type"_s).toString();
        if (type == "thread.started"_L1) {
            m_sessionId = object.value(u"thread_id"_s).toString();
            out.append(entry(LogKind::system,
                             LogLevel::Info,
                             u"Thread %1 started"_s.arg(*m_sessionId),
                             {{u"subtype"_s, type}, {u"sessionId"_s, *m_sessionId}}));
        } else if (type == "turn.started"_L1) {
            out.append(
                entry(LogKind::system, LogLevel::Debug, u"Turn started"_s, {{u"subtype"_s, type}}));
        } else if (type == "item.started"_L1 || type == "item.updated"_L1) {
            itemStarted(object.value(u"item"_s).toObject(), type, out);
        } else if (type == "item.completed"_L1) {
            itemCompleted(object.value(u"item"_s).toObject(), out);
        } else if (type == "turn.completed"_L1) {
            m_reportedEnd = true;
            const QJsonObject usage = object.value(u"usage"_s).toObject();
            const qint64 input = qint64(usage.value(u"input_tokens"_s).toDouble());
            const qint64 output = qint64(usage.value(u"output_tokens"_s).toDouble());
            m_usage.inputTokens += input;
            m_usage.outputTokens += output;
            out.append(
                entry(LogKind::usage,
                      LogLevel::Info,
                      u"%1 input / %2 output tokens"_s.arg(input).arg(output),
                      {{u"inputTokens"_s, input},
                       {u"outputTokens"_s, output},
                       {u"totalCost"_s, 0},
                       {u"cachedInputTokens"_s, usage.value(u"cached_input_tokens"_s)},
                       {u"reasoningOutputTokens"_s, usage.value(u"reasoning_output_tokens"_s)}}));
        } else if (type == "turn.failed"_L1 || type == "error"_L1) {
            m_reportedFailure = true;
            if (type == "turn.failed"_L1)
                m_reportedEnd = true;
            const QString message
                = type == "error"_L1
                      ? object.value(u"message"_s).toString()
                      : object.value(u"error"_s).toObject().value(u"message"_s).toString();
            out.append(entry(LogKind::error,
                             LogLevel::Error,
                             preview(message),
                             {{u"errorType"_s, type}, {u"text"_s, message}}));
        } else {
            out.append(rawEntry(line, u"unknown type '%1'"_s.arg(type)));
        }
    }

private:
    void itemStarted(const QJsonObject &item, const QString &eventType, QList<LogEntry> &out)
    {
        const QString type = item.value(u"type"_s).toString();
        const QString id = item.value(u"id"_s).toString();
        if (type == "command_execution"_L1 && eventType == "item.started"_L1) {
            const QString command = item.value(u"command"_s).toString();
            out.append(entry(LogKind::toolUse,
                             LogLevel::Info,
                             u"shell: "_s + preview(command, 160),
                             {{u"tool"_s, u"shell"_s},
                              {u"toolUseId"_s, id},
                              {u"action"_s, u"command"_s},
                              {u"input"_s, QJsonObject{{u"command"_s, command}}}}));
        } else if (type == "file_change"_L1 && eventType == "item.started"_L1) {
            QStringList paths;
            for (const QJsonValue &change : item.value(u"changes"_s).toArray())
                paths.append(change.toObject().value(u"path"_s).toString());
            out.append(entry(LogKind::toolUse,
                             LogLevel::Info,
                             u"apply_patch: "_s + paths.join(u", "_s),
                             {{u"tool"_s, u"apply_patch"_s},
                              {u"toolUseId"_s, id},
                              {u"action"_s, u"file_edit"_s},
                              {u"input"_s, QJsonObject{{u"changes"_s, item.value(u"changes"_s)}}}}));
        } else {
            out.append(entry(LogKind::system,
                             LogLevel::Debug,
                             u"%1: %2"_s.arg(eventType, type),
                             {{u"subtype"_s, eventType}, {u"data"_s, item}}));
        }
    }

    void itemCompleted(const QJsonObject &item, QList<LogEntry> &out)
    {
        const QString type = item.value(u"type"_s).toString();
        const QString id = item.value(u"id"_s).toString();
        if (type == "agent_message"_L1) {
            const QString text = item.value(u"text"_s).toString();
            m_summary = text;
            out.append(entry(LogKind::assistantMessage,
                             LogLevel::Info,
                             preview(text),
                             {{u"text"_s, text}}));
        } else if (type == "reasoning"_L1) {
            const QString text = item.value(u"text"_s).toString();
            out.append(entry(LogKind::thinking, LogLevel::Info, preview(text), {{u"text"_s, text}}));
        } else if (type == "command_execution"_L1) {
            const QString command = item.value(u"command"_s).toString();
            const QJsonValue exit = item.value(u"exit_code"_s);
            const bool failed = item.value(u"status"_s).toString() == "failed"_L1
                                || (exit.isDouble() && exit.toInt() != 0);
            out.append(entry(LogKind::command,
                             failed ? LogLevel::Warn : LogLevel::Info,
                             u"$ %1 → exit %2"_s.arg(preview(command, 120),
                                                     exit.isDouble() ? QString::number(exit.toInt())
                                                                     : u"?"_s),
                             {{u"command"_s, command},
                              {u"output"_s, item.value(u"aggregated_output"_s)},
                              {u"exitCode"_s, exit},
                              {u"isError"_s, failed},
                              {u"toolUseId"_s, id},
                              {u"status"_s, item.value(u"status"_s)}}));
        } else if (type == "file_change"_L1) {
            const bool failed = item.value(u"status"_s).toString() == "failed"_L1;
            for (const QJsonValue &value : item.value(u"changes"_s).toArray()) {
                const QJsonObject change = value.toObject();
                const QString kind = change.value(u"kind"_s).toString();
                const QString path = change.value(u"path"_s).toString();
                const QString action = kind == "add"_L1      ? u"create"_s
                                       : kind == "delete"_L1 ? u"delete"_s
                                                             : u"edit"_s;
                const QString verb = action == "create"_L1   ? u"Created"_s
                                     : action == "delete"_L1 ? u"Deleted"_s
                                                             : u"Edited"_s;
                out.append(entry(LogKind::fileEdit,
                                 failed ? LogLevel::Warn : LogLevel::Info,
                                 verb + u' ' + path,
                                 {{u"path"_s, path},
                                  {u"action"_s, action},
                                  {u"isError"_s, failed},
                                  {u"toolUseId"_s, id},
                                  {u"tool"_s, u"apply_patch"_s}}));
            }
        } else if (type == "error"_L1) {
            // Item errors are advisories (for example an unknown model's metadata); the turn goes on.
            const QString message = item.value(u"message"_s).toString();
            out.append(entry(LogKind::error,
                             LogLevel::Warn,
                             preview(message),
                             {{u"errorType"_s, u"item"_s}, {u"text"_s, message}}));
        } else if (type == "mcp_tool_call"_L1 || type == "web_search"_L1) {
            out.append(entry(LogKind::toolResult,
                             LogLevel::Info,
                             type,
                             {{u"toolUseId"_s, id}, {u"tool"_s, type}, {u"output"_s, item}}));
        } else if (type == "todo_list"_L1) {
            out.append(entry(LogKind::system,
                             LogLevel::Info,
                             u"todo list updated"_s,
                             {{u"subtype"_s, type}, {u"data"_s, item}}));
        } else {
            out.append(entry(LogKind::raw, LogLevel::Info, u"item: "_s + type, {{u"raw"_s, item}}));
        }
    }
};

// ---------------------------------------------------------------------------------------------

/// gemini --output-format stream-json (Qwen Code prints the same)
class GeminiNormalizer final : public JsonLinesNormalizer
{
public:
    void finish(QList<LogEntry> &out) override { flushText(out); }

protected:
    void beforeRaw(QList<LogEntry> &out) override { flushText(out); }
    void feedObject(const QJsonObject &object, QByteArrayView line, QList<LogEntry> &out) override
    {
        const QString type = object.value(u"type"_s).toString();
        const bool assistantDelta = type == "message"_L1
                                    && object.value(u"role"_s).toString() == "assistant"_L1;
        if (!assistantDelta)
            flushText(out);
        if (type == "init"_L1) {
            m_sessionId = object.value(u"session_id"_s).toString();
            if (const QString model = object.value(u"model"_s).toString();
                !model.isEmpty() && model != "auto"_L1)
                m_model = model;
            out.append(entry(LogKind::system,
                             LogLevel::Info,
                             u"Session %1 started"_s.arg(*m_sessionId),
                             {{u"subtype"_s, type},
                              {u"sessionId"_s, *m_sessionId},
                              {u"model"_s, object.value(u"model"_s)}}));
        } else if (type == "message"_L1) {
            const QString text = object.value(u"content"_s).toString();
            if (assistantDelta) {
                m_text += text;
                if (object.value(u"delta"_s).toBool() == false)
                    flushText(out);
            } else {
                out.append(
                    entry(LogKind::userMessage, LogLevel::Info, preview(text), {{u"text"_s, text}}));
            }
        } else if (type == "tool_use"_L1) {
            const QString name = object.value(u"tool_name"_s).toString();
            const QString id = object.value(u"tool_id"_s).toString();
            const QJsonObject input = object.value(u"parameters"_s).toObject();
            m_calls.insert(id, {name, input});
            out.append(entry(LogKind::toolUse,
                             LogLevel::Info,
                             describeTool(name, input),
                             {{u"tool"_s, name},
                              {u"toolUseId"_s, id},
                              {u"action"_s, actionOf(name)},
                              {u"input"_s, input}}));
        } else if (type == "tool_result"_L1) {
            toolResult(object, out);
        } else if (type == "result"_L1) {
            m_reportedEnd = true;
            const QJsonObject stats = object.value(u"stats"_s).toObject();
            const qint64 input = qint64(stats.value(u"input_tokens"_s).toDouble());
            const qint64 output = qint64(stats.value(u"output_tokens"_s).toDouble());
            m_usage.inputTokens += input;
            m_usage.outputTokens += output;
            if (object.value(u"status"_s).toString() != "success"_L1) {
                m_reportedFailure = true;
                const QString message
                    = object.value(u"error"_s).toObject().value(u"message"_s).toString();
                out.append(
                    entry(LogKind::error,
                          LogLevel::Error,
                          preview(message.isEmpty() ? u"the agent failed"_s : message),
                          {{u"errorType"_s, object.value(u"error"_s).toObject().value(u"type"_s)},
                           {u"text"_s, message}}));
            }
            out.append(entry(LogKind::usage,
                             LogLevel::Info,
                             u"%1 input / %2 output tokens"_s.arg(input).arg(output),
                             {{u"inputTokens"_s, input},
                              {u"outputTokens"_s, output},
                              {u"totalCost"_s, 0},
                              {u"durationMs"_s, stats.value(u"duration_ms"_s)},
                              {u"models"_s, stats.value(u"models"_s)}}));
        } else if (type == "error"_L1) {
            const bool warning = object.value(u"severity"_s).toString() == "warning"_L1;
            const QString message = object.value(u"message"_s).toString();
            if (!warning)
                m_reportedFailure = true;
            out.append(entry(LogKind::error,
                             warning ? LogLevel::Warn : LogLevel::Error,
                             preview(message),
                             {{u"errorType"_s, object.value(u"severity"_s)}, {u"text"_s, message}}));
        } else {
            out.append(rawEntry(line, u"unknown type '%1'"_s.arg(type)));
        }
    }

private:
    struct ToolCall
    {
        QString name;
        QJsonObject input;
    };

    void flushText(QList<LogEntry> &out)
    {
        if (m_text.isEmpty())
            return;
        m_summary = m_text;
        out.append(entry(LogKind::assistantMessage,
                         LogLevel::Info,
                         preview(m_text),
                         {{u"text"_s, m_text}}));
        m_text.clear();
    }

    void toolResult(const QJsonObject &object, QList<LogEntry> &out)
    {
        const QString id = object.value(u"tool_id"_s).toString();
        const ToolCall call = m_calls.take(id);
        const bool isError = object.value(u"status"_s).toString() == "error"_L1;
        const QString output
            = object.value(u"output"_s).toString().isEmpty()
                  ? object.value(u"error"_s).toObject().value(u"message"_s).toString()
                  : object.value(u"output"_s).toString();
        const QString action = actionOf(call.name);
        if (action == "command"_L1) {
            const QString command = call.input.value(u"command"_s).toString();
            const std::optional<int> exitCode = exitCodeIn(output);
            out.append(entry(LogKind::command,
                             isError ? LogLevel::Warn : LogLevel::Info,
                             u"$ %1%2"_s.arg(preview(command, 120),
                                             exitCode ? u" → exit %1"_s.arg(*exitCode) : QString()),
                             {{u"command"_s, command},
                              {u"output"_s, output},
                              {u"exitCode"_s,
                               exitCode ? QJsonValue(*exitCode) : QJsonValue(isError ? 1 : 0)},
                              {u"isError"_s, isError},
                              {u"toolUseId"_s, id},
                              {u"tool"_s, call.name}}));
        } else if (action == "file_edit"_L1) {
            const QString path = firstString(call.input, {"file_path"_L1, "path"_L1});
            out.append(entry(LogKind::fileEdit,
                             isError ? LogLevel::Warn : LogLevel::Info,
                             (isError ? u"Failed to edit "_s : u"Edited "_s) + path,
                             {{u"path"_s, path},
                              {u"action"_s, call.name == "write_file"_L1 ? u"write"_s : u"edit"_s},
                              {u"isError"_s, isError},
                              {u"toolUseId"_s, id},
                              {u"tool"_s, call.name},
                              {u"output"_s, output}}));
        } else {
            out.append(entry(LogKind::toolResult,
                             isError ? LogLevel::Warn : LogLevel::Info,
                             (call.name.isEmpty() ? u"tool"_s : call.name) + u": "_s
                                 + preview(output, 160),
                             {{u"toolUseId"_s, id},
                              {u"tool"_s, call.name},
                              {u"output"_s, output},
                              {u"isError"_s, isError}}));
        }
    }

    QHash<QString, ToolCall> m_calls;
    QString m_text;
};

// ---------------------------------------------------------------------------------------------

/// opencode run --format json
class OpencodeNormalizer final : public JsonLinesNormalizer
{
protected:
    void feedObject(const QJsonObject &object, QByteArrayView line, QList<LogEntry> &out) override
    {
        const QString type = object.value(u"type"_s).toString();
        if (const QString session = object.value(u"sessionID"_s).toString(); !session.isEmpty())
            m_sessionId = session;
        const QJsonObject part = object.value(u"part"_s).toObject();
        if (type == "step_start"_L1) {
            out.append(
                entry(LogKind::system, LogLevel::Debug, u"Step started"_s, {{u"subtype"_s, type}}));
        } else if (type == "text"_L1) {
            const QString text = part.value(u"text"_s).toString();
            m_summary = text;
            out.append(entry(LogKind::assistantMessage,
                             LogLevel::Info,
                             preview(text),
                             {{u"text"_s, text}}));
        } else if (type == "reasoning"_L1) {
            const QString text = part.value(u"text"_s).toString();
            out.append(entry(LogKind::thinking, LogLevel::Info, preview(text), {{u"text"_s, text}}));
        } else if (type == "tool_use"_L1) {
            toolUse(part, out);
        } else if (type == "step_finish"_L1) {
            const QJsonObject tokens = part.value(u"tokens"_s).toObject();
            const qint64 input = qint64(tokens.value(u"input"_s).toDouble());
            const qint64 output = qint64(tokens.value(u"output"_s).toDouble());
            const double cost = part.value(u"cost"_s).toDouble();
            m_usage.inputTokens += input;
            m_usage.outputTokens += output;
            m_usage.totalCost += cost;
            if (part.value(u"reason"_s).toString() == "stop"_L1)
                m_reportedEnd = true;
            out.append(entry(LogKind::usage,
                             LogLevel::Info,
                             u"%1 input / %2 output tokens"_s.arg(input).arg(output),
                             {{u"inputTokens"_s, input},
                              {u"outputTokens"_s, output},
                              {u"totalCost"_s, cost},
                              {u"reason"_s, part.value(u"reason"_s)}}));
        } else if (type == "error"_L1) {
            m_reportedFailure = true;
            const QJsonObject errorObject = object.value(u"error"_s).toObject();
            QString message = errorObject.value(u"data"_s).toObject().value(u"message"_s).toString();
            if (message.isEmpty())
                message = errorObject.value(u"name"_s).toString();
            out.append(entry(LogKind::error,
                             LogLevel::Error,
                             preview(message),
                             {{u"errorType"_s, errorObject.value(u"name"_s)},
                              {u"text"_s, message},
                              {u"statusCode"_s,
                               errorObject.value(u"data"_s).toObject().value(u"statusCode"_s)}}));
        } else {
            out.append(rawEntry(line, u"unknown type '%1'"_s.arg(type)));
        }
    }

private:
    void toolUse(const QJsonObject &part, QList<LogEntry> &out)
    {
        const QString tool = part.value(u"tool"_s).toString();
        const QString id = part.value(u"callID"_s).toString();
        const QJsonObject state = part.value(u"state"_s).toObject();
        const QJsonObject input = state.value(u"input"_s).toObject();
        out.append(entry(LogKind::toolUse,
                         LogLevel::Info,
                         describeTool(tool, input),
                         {{u"tool"_s, tool},
                          {u"toolUseId"_s, id},
                          {u"action"_s, actionOf(tool)},
                          {u"input"_s, input}}));
        const QString status = state.value(u"status"_s).toString();
        if (status != "completed"_L1 && status != "error"_L1)
            return; // the call is still running; its completion comes as another line
        const bool isError = status == "error"_L1;
        const QString output = isError ? state.value(u"error"_s).toString()
                                       : state.value(u"output"_s).toString();
        const QJsonValue exit = state.value(u"metadata"_s).toObject().value(u"exit"_s);
        const QString action = actionOf(tool);
        if (action == "command"_L1) {
            const QString command = input.value(u"command"_s).toString();
            const bool failed = isError || (exit.isDouble() && exit.toInt() != 0);
            out.append(entry(LogKind::command,
                             failed ? LogLevel::Warn : LogLevel::Info,
                             u"$ %1 → exit %2"_s.arg(preview(command, 120),
                                                     exit.isDouble() ? QString::number(exit.toInt())
                                                                     : u"?"_s),
                             {{u"command"_s, command},
                              {u"output"_s, output},
                              {u"exitCode"_s, exit},
                              {u"isError"_s, failed},
                              {u"toolUseId"_s, id},
                              {u"tool"_s, tool}}));
        } else if (action == "file_edit"_L1) {
            const QString path = firstString(input, {"filePath"_L1, "file_path"_L1, "path"_L1});
            out.append(entry(LogKind::fileEdit,
                             isError ? LogLevel::Warn : LogLevel::Info,
                             (isError ? u"Failed to edit "_s : u"Edited "_s) + path,
                             {{u"path"_s, path},
                              {u"action"_s, tool == "write"_L1 ? u"write"_s : u"edit"_s},
                              {u"isError"_s, isError},
                              {u"toolUseId"_s, id},
                              {u"tool"_s, tool},
                              {u"output"_s, output}}));
        } else {
            out.append(entry(LogKind::toolResult,
                             isError ? LogLevel::Warn : LogLevel::Info,
                             tool + u": "_s + preview(output, 160),
                             {{u"toolUseId"_s, id},
                              {u"tool"_s, tool},
                              {u"output"_s, output},
                              {u"isError"_s, isError}}));
        }
    }
};

// ---------------------------------------------------------------------------------------------

/// Any CLI printing plain text: each line is something the agent said.
class PlainNormalizer final : public LogNormalizer
{
protected:
    void feedStdout(QByteArrayView line, QList<LogEntry> &out) override
    {
        const QString text = QString::fromUtf8(line);
        if (!text.trimmed().isEmpty())
            m_summary = text;
        out.append(
            entry(LogKind::assistantMessage, LogLevel::Info, preview(text), {{u"text"_s, text}}));
    }
};

} // namespace

std::unique_ptr<LogNormalizer> LogNormalizer::create(const QString &format)
{
    if (format == "claude"_L1)
        return std::make_unique<ClaudeNormalizer>();
    if (format == "codex"_L1)
        return std::make_unique<CodexNormalizer>();
    if (format == "gemini"_L1)
        return std::make_unique<GeminiNormalizer>();
    if (format == "opencode"_L1)
        return std::make_unique<OpencodeNormalizer>();
    return std::make_unique<PlainNormalizer>();
}

QStringList LogNormalizer::formats()
{
    return {u"claude"_s, u"codex"_s, u"gemini"_s, u"opencode"_s, u"plain"_s};
}

void LogNormalizer::feed(QByteArrayView line, bool isStderr, QList<LogEntry> &out)
{
    while (!line.isEmpty() && (line.back() == '\r' || line.back() == '\n'))
        line.chop(1);
    if (isStderr) {
        const QString text = QString::fromUtf8(line);
        LogEntry stderrEntry
            = entry(LogKind::system, LogLevel::Warn, preview(text), {{u"text"_s, text}});
        stderrEntry.stream = u"stderr"_s;
        out.append(stderrEntry);
        return;
    }
    if (line.trimmed().isEmpty())
        return;
    feedStdout(line, out);
}

void LogNormalizer::finish(QList<LogEntry> &) {}

LogEntry LogNormalizer::entry(QLatin1StringView kind,
                              LogLevel level,
                              const QString &message,
                              QJsonObject fields)
{
    return {kind, level, message, nowUtc(), u"stdout"_s, std::move(fields)};
}

LogEntry LogNormalizer::rawEntry(QByteArrayView line, const QString &why)
{
    const QString text = QString::fromUtf8(line);
    QJsonObject fields{{u"reason"_s, why}};
    const std::optional<QJsonObject> object = parseJsonObject(line);
    fields.insert(u"raw"_s, object ? QJsonValue(*object) : QJsonValue(text));
    return entry(LogKind::raw, LogLevel::Info, preview(text), fields);
}

QString LogNormalizer::preview(const QString &text, int length)
{
    QString line = text.simplified();
    if (line.size() > length)
        line = line.left(length - 1) + u'…';
    return line;
}

} // namespace Core
