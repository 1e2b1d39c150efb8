// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/jsonprojection.h"

#include "core/jsonwriter.h"
#include "core/timestamps.h"
#include "server/workflowprojection.h"

#include <QHash>
#include <QJsonDocument>

#include <cstring>

using namespace Qt::StringLiterals;

namespace Server {

using Core::JsonWriter;
namespace {

QLatin1StringView changeName(Core::ChangeKind kind)
{
    switch (kind) {
    case Core::ChangeKind::Created: return "created"_L1;
    case Core::ChangeKind::Updated: return "updated"_L1;
    case Core::ChangeKind::Deleted: return "deleted"_L1;
    }
    return {};
}

} // namespace

void writeJson(JsonWriter &json, const Core::Project &project)
{
    json.beginObject()
        .key("id"_L1)
        .value(project.id.toString())
        .key("name"_L1)
        .value(project.name)
        .key("repoPath"_L1)
        .value(project.repoPath)
        .key("baseBranch"_L1)
        .value(project.baseBranch)
        .key("setupScript"_L1)
        .value(project.setupScript)
        .key("devScript"_L1)
        .value(project.devScript)
        .key("cleanupScript"_L1)
        .value(project.cleanupScript)
        .key("copyFiles"_L1)
        .value(project.copyFiles)
        .key("defaultLlm"_L1)
        .value(project.defaultLlm)
        .key("mergeRequiresApproval"_L1)
        .value(project.mergeRequiresApproval)
        .key("mergeApprovers"_L1)
        .value(project.mergeApprovers)
        .key("createdAt"_L1)
        .value(Core::toTimestamp(project.createdAt))
        .key("updatedAt"_L1)
        .value(Core::toTimestamp(project.updatedAt))
        .endObject();
}

void writeJson(JsonWriter &json, const Core::Task &task)
{
    json.beginObject()
        .key("id"_L1)
        .value(task.id.toString())
        .key("projectId"_L1)
        .value(task.projectId.toString())
        .key("title"_L1)
        .value(task.title)
        .key("description"_L1)
        .value(task.description)
        .key("status"_L1)
        .value(Core::wireName(task.status))
        .key("priority"_L1)
        .value(Core::wireName(task.priority))
        .key("labels"_L1)
        .value(task.labels)
        .key("llm"_L1)
        .value(task.llm)
        .key("parentAttemptId"_L1)
        .value(task.parentAttemptId)
        .key("createdAt"_L1)
        .value(Core::toTimestamp(task.createdAt))
        .key("updatedAt"_L1)
        .value(Core::toTimestamp(task.updatedAt))
        .key("attemptCount"_L1)
        .value(task.attempts.attemptCount)
        .key("latestAttemptStatus"_L1);
    if (task.attempts.latestStatus)
        json.value(Core::wireName(*task.attempts.latestStatus));
    else
        json.null();
    json.key("hasRunningAttempt"_L1).value(task.attempts.hasRunningAttempt);
    json.key("lastAttemptFailed"_L1).value(task.attempts.lastAttemptFailed);
    json.key("hasMergedAttempt"_L1).value(task.attempts.hasMergedAttempt);
    json.endObject();
}

namespace {

void timestampOrNull(JsonWriter &json, QLatin1StringView key, const QDateTime &time)
{
    json.key(key);
    if (time.isValid())
        json.value(Core::toTimestamp(time));
    else
        json.null();
}

template<typename T>
void optionalNumber(JsonWriter &json, QLatin1StringView key, const std::optional<T> &value)
{
    json.key(key);
    if (value)
        json.value(qint64(*value));
    else
        json.null();
}

QString executorOf(const QString &llm)
{
    static const QHash<QString, QString> executors{{u"claude"_s, u"CLAUDE_CODE"_s},
                                                   {u"codex"_s, u"CODEX"_s},
                                                   {u"gemini"_s, u"GEMINI"_s},
                                                   {u"opencode"_s, u"OPENCODE"_s},
                                                   {u"cursor"_s, u"CURSOR_AGENT"_s},
                                                   {u"amp"_s, u"AMP"_s},
                                                   {u"qwen"_s, u"QWEN_CODE"_s},
                                                   {u"copilot"_s, u"COPILOT"_s}};
    return executors.value(llm, QString(llm).toUpper().replace(u'-', u'_'));
}

std::optional<QString> nonEmpty(const QString &text)
{
    return text.isEmpty() ? std::nullopt : std::optional<QString>(text);
}

} // namespace

void writeJson(JsonWriter &json, const Core::Attempt &a)
{
    const Core::ChangeStats &c = a.changes;
    json.beginObject();
    json.key("id"_L1).value(a.id.toString());
    json.key("taskId"_L1).value(a.taskId.toString());
    json.key("llm"_L1).value(a.llm);
    json.key("executorProfileId"_L1).beginObject();
    json.key("executor"_L1).value(executorOf(a.llm));
    json.key("variant"_L1).value(a.variant);
    json.endObject();
    json.key("model"_L1).value(a.model);
    json.key("description"_L1).value(a.description);
    json.key("options"_L1).beginObject();
    if (a.options.temperature)
        json.key("temperature"_L1).raw(QByteArray::number(*a.options.temperature));
    if (a.options.maxTokens)
        json.key("maxTokens"_L1).value(*a.options.maxTokens);
    if (a.options.timeoutMs)
        json.key("timeout"_L1).value(*a.options.timeoutMs);
    json.endObject();
    json.key("status"_L1).value(Core::wireName(a.status));
    json.key("queued"_L1).value(a.queued);
    json.key("failureReason"_L1).value(a.failureReason);
    json.key("branch"_L1).value(a.branch);
    json.key("baseBranch"_L1).value(a.baseBranch);
    json.key("baseCommit"_L1).value(nonEmpty(a.baseCommit));
    json.key("worktreePath"_L1).value(a.worktreePath);
    json.key("processId"_L1)
        .value(a.agentProcessId ? nonEmpty(a.agentProcessId->toString()) : std::nullopt);
    json.key("commitSha"_L1).value(a.commitSha);
    timestampOrNull(json, "createdAt"_L1, a.createdAt);
    timestampOrNull(json, "startedAt"_L1, a.startedAt);
    timestampOrNull(json,
                    "completedAt"_L1,
                    Core::isFinished(a.status) ? a.completedAt : QDateTime());
    if (a.status == Core::AttemptStatus::Cancelled)
        timestampOrNull(json, "cancelledAt"_L1, a.completedAt);
    optionalNumber(json, "duration"_L1, a.durationMs());
    json.key("filesChanged"_L1).value(c.filesChanged);
    json.key("linesAdded"_L1).value(c.linesAdded);
    json.key("linesRemoved"_L1).value(c.linesRemoved);
    json.key("changes"_L1).beginObject();
    json.key("filesChanged"_L1).value(c.filesChanged);
    json.key("filesCreated"_L1).value(c.filesCreated);
    json.key("filesModified"_L1).value(c.filesModified);
    json.key("filesDeleted"_L1).value(c.filesDeleted);
    json.key("linesAdded"_L1).value(c.linesAdded);
    json.key("linesRemoved"_L1).value(c.linesRemoved);
    json.endObject();
    json.key("cost"_L1).beginObject();
    json.key("inputTokens"_L1).value(a.usage.inputTokens);
    json.key("outputTokens"_L1).value(a.usage.outputTokens);
    json.key("totalCost"_L1).raw(QByteArray::number(a.usage.totalCost, 'g', 10));
    json.endObject();
    json.key("output"_L1).beginObject();
    json.key("summary"_L1).value(a.summary);
    json.key("changes"_L1).value(c.descriptions);
    json.endObject();
    json.key("merged"_L1).value(a.mergedAt.has_value());
    timestampOrNull(json, "mergedAt"_L1, a.mergedAt.value_or(QDateTime()));
    json.key("mergeCommit"_L1).value(a.mergeCommit);
    json.key("mergeStrategy"_L1).value(a.mergeStrategy);
    timestampOrNull(json, "pushedAt"_L1, a.pushedAt.value_or(QDateTime()));
    json.key("pushedRemote"_L1).value(a.pushedRemote);
    json.key("pullRequest"_L1);
    if (a.pullRequest) {
        json.beginObject();
        json.key("prNumber"_L1).value(a.pullRequest->number);
        json.key("url"_L1).value(a.pullRequest->url);
        json.key("repository"_L1).value(a.pullRequest->repository);
        json.key("status"_L1).value(a.pullRequest->status);
        json.endObject();
    } else {
        json.null();
    }
    json.key("worktreeRemoved"_L1).value(a.worktreeRemoved);
    timestampOrNull(json, "updatedAt"_L1, a.updatedAt);
    json.endObject();
}

void writeJson(JsonWriter &json, const Core::ExecutionProcess &p)
{
    json.beginObject();
    json.key("id"_L1).value(p.id.toString());
    json.key("attemptId"_L1).value(p.attemptId.toString());
    json.key("kind"_L1).value(Core::wireName(p.kind));
    json.key("status"_L1).value(Core::wireName(p.status));
    json.key("executor"_L1).value(nonEmpty(p.executor));
    json.key("command"_L1).value(p.command);
    json.key("prompt"_L1).value(nonEmpty(p.prompt));
    json.key("sessionId"_L1).value(p.sessionId);
    optionalNumber(json, "pid"_L1, p.pid);
    optionalNumber(json, "exitCode"_L1, p.exitCode);
    json.key("failureReason"_L1).value(p.failureReason);
    json.key("logEntries"_L1).value(p.logEntries);
    json.key("logBytes"_L1).value(p.logBytes);
    if (p.kind == Core::ProcessKind::DevServer) {
        json.key("url"_L1).value(p.url);
        optionalNumber(json, "port"_L1, p.port);
    }
    timestampOrNull(json, "createdAt"_L1, p.createdAt);
    timestampOrNull(json, "startedAt"_L1, p.startedAt);
    timestampOrNull(json, "completedAt"_L1, p.completedAt);
    optionalNumber(json,
                   "duration"_L1,
                   p.startedAt.isValid() && p.completedAt.isValid()
                       ? std::optional<qint64>(p.startedAt.msecsTo(p.completedAt))
                       : std::nullopt);
    json.endObject();
}

template<typename T>
QByteArray toJsonBytes(const T &value)
{
    JsonWriter json(512);
    writeJson(json, value);
    return json.take();
}

template<typename T>
QByteArray toJsonArrayBytes(const QList<T> &values)
{
    // A task is about 500 bytes: one allocation for the whole page.
    JsonWriter json(values.size() * 640 + 2);
    json.beginArray();
    for (const T &value : values)
        writeJson(json, value);
    json.endArray();
    return json.take();
}

template QByteArray toJsonBytes(const Core::Project &);
template QByteArray toJsonBytes(const Core::Task &);
template QByteArray toJsonBytes(const Core::Attempt &);
template QByteArray toJsonBytes(const Core::ExecutionProcess &);
template QByteArray toJsonArrayBytes(const QList<Core::Project> &);
template QByteArray toJsonArrayBytes(const QList<Core::Task> &);
template QByteArray toJsonArrayBytes(const QList<Core::Attempt> &);
template QByteArray toJsonArrayBytes(const QList<Core::ExecutionProcess> &);

QByteArray attemptLogMessage(const Core::LogEvent &event,
                             QByteArrayView lines,
                             qint64 bytesStart,
                             qint64 bytesEnd)
{
    // The stored NDJSON lines become a JSON array without parsing them again: each newline
    // but the last becomes a comma (memchr finds them far faster than a byte loop).
    const QByteArrayView trimmed = lines.trimmed();
    QByteArray entries;
    entries.reserve(trimmed.size() + 2);
    entries += '[';
    entries += trimmed;
    entries += ']';
    char *data = entries.data();
    const char *end = data + entries.size();
    for (char *at = data; (at = static_cast<char *>(std::memchr(at, '\n', end - at)));)
        *at++ = ',';
    JsonWriter json;
    json.beginObject()
        .key("type"_L1)
        .value("attempt.log"_L1)
        .key("attemptId"_L1)
        .value(event.attemptId.toString())
        .key("taskId"_L1)
        .value(event.taskId.toString())
        .key("processId"_L1)
        .value(event.processId.toString())
        .key("entries"_L1)
        .raw(entries)
        .key("bytesStart"_L1)
        .value(bytesStart)
        .key("bytesEnd"_L1)
        .value(bytesEnd)
        .endObject();
    return json.take();
}

namespace {

/// The ids a change message names: its own, then its parent's.
struct ChangeIds
{
    QLatin1StringView idKey;
    QString id;
    QLatin1StringView parentKey;
    QString parent;
};

/// "<entity>.created|updated|deleted", then "<entity>.status_changed" when the status moved
/// (the seed's {type, <id>, status, previousStatus, timestamp}).
template<typename T>
void appendChange(QList<QByteArray> &messages,
                  QLatin1StringView entity,
                  const ChangeIds &ids,
                  Core::ChangeKind kind,
                  const T &value,
                  const QDateTime &at,
                  const std::optional<std::pair<QString, QString>> &statusChange)
{
    const QString timestamp = Core::toTimestamp(at);
    JsonWriter json;
    json.beginObject()
        .key("type"_L1)
        .value(QString(entity + u'.' + changeName(kind)))
        .key(ids.idKey)
        .value(ids.id)
        .key(ids.parentKey)
        .value(ids.parent);
    if (kind != Core::ChangeKind::Deleted)
        writeJson(json.key(entity), value);
    json.key("timestamp"_L1).value(timestamp).endObject();
    messages.append(json.take());
    if (!statusChange)
        return;
    JsonWriter status;
    status.beginObject()
        .key("type"_L1)
        .value(QString(entity + u".status_changed"_s))
        .key(ids.idKey)
        .value(ids.id)
        .key(ids.parentKey)
        .value(ids.parent)
        .key("status"_L1)
        .value(statusChange->first)
        .key("previousStatus"_L1)
        .value(statusChange->second)
        .key("timestamp"_L1)
        .value(timestamp)
        .endObject();
    messages.append(status.take());
}

} // namespace

QList<QByteArray> webSocketMessages(const Core::Event &event)
{
    QList<QByteArray> messages;
    if (const auto *taskEvent = std::get_if<Core::TaskEvent>(&event)) {
        const Core::Task &task = taskEvent->task;
        appendChange(messages,
                     "task"_L1,
                     {"taskId"_L1, task.id.toString(), "projectId"_L1, task.projectId.toString()},
                     taskEvent->kind,
                     task,
                     taskEvent->at,
                     taskEvent->statusChanged()
                         ? std::optional(std::pair(Core::wireName(task.status),
                                                   Core::wireName(*taskEvent->previousStatus)))
                         : std::nullopt);
    } else if (const auto *attemptEvent = std::get_if<Core::AttemptEvent>(&event)) {
        const Core::Attempt &attempt = attemptEvent->attempt;
        appendChange(messages,
                     "attempt"_L1,
                     {"attemptId"_L1, attempt.id.toString(), "taskId"_L1, attempt.taskId.toString()},
                     attemptEvent->kind,
                     attempt,
                     attemptEvent->at,
                     attemptEvent->statusChanged()
                         ? std::optional(std::pair(Core::wireName(attempt.status),
                                                   Core::wireName(*attemptEvent->previousStatus)))
                         : std::nullopt);
    } else if (const auto *processEvent = std::get_if<Core::ProcessEvent>(&event)) {
        JsonWriter json;
        json.beginObject()
            .key("type"_L1)
            .value(QString(u"process."_s + changeName(processEvent->kind)))
            .key("processId"_L1)
            .value(processEvent->process.id.toString())
            .key("attemptId"_L1)
            .value(processEvent->process.attemptId.toString())
            .key("taskId"_L1)
            .value(processEvent->taskId.toString())
            .key("status"_L1)
            .value(Core::wireName(processEvent->process.status));
        writeJson(json.key("process"_L1), processEvent->process);
        json.key("timestamp"_L1).value(Core::toTimestamp(processEvent->at)).endObject();
        messages.append(json.take());
    } else if (const auto *logEvent = std::get_if<Core::LogEvent>(&event)) {
        // Without lines the event only says where they are; WebSocketHub reads them itself.
        if (!logEvent->lines.isEmpty()) {
            messages.append(attemptLogMessage(*logEvent,
                                              logEvent->lines,
                                              logEvent->bytesStart,
                                              logEvent->bytesEnd));
        }
    } else if (const auto *approvalEvent = std::get_if<Core::ApprovalEvent>(&event)) {
        const Core::Approval &approval = approvalEvent->approval;
        const QString type = approvalEvent->kind == Core::ChangeKind::Created
                                 ? u"approval.requested"_s
                             : approvalEvent->resolved() ? u"approval.resolved"_s
                                                         : u"approval.updated"_s;
        messages.append(
            QJsonDocument(QJsonObject{{u"type"_s, type},
                                      {u"approvalId"_s, approval.id.toString()},
                                      {u"taskAttemptId"_s, approval.attemptId.toString()},
                                      {u"status"_s, Core::wireName(approval.status)},
                                      {u"approval"_s, approvalJson(approval)},
                                      {u"timestamp"_s, Core::toTimestamp(approvalEvent->at)}})
                .toJson(QJsonDocument::Compact));
    } else if (const auto *draftEvent = std::get_if<Core::DraftEvent>(&event)) {
        // Seed 000's names: draft_created, draft_updated, draft_deleted.
        const Core::Draft &draft = draftEvent->draft;
        QJsonObject message{{u"type"_s, QString(u"draft_"_s + changeName(draftEvent->kind))},
                            {u"draftId"_s, draft.id.toString()},
                            {u"projectId"_s, draft.projectId.toString()},
                            {u"taskAttemptId"_s, draft.attemptId.toString()},
                            {u"timestamp"_s, Core::toTimestamp(draftEvent->at)}};
        if (draftEvent->kind != Core::ChangeKind::Deleted)
            message.insert(u"draft"_s, draftJson(draft));
        messages.append(QJsonDocument(message).toJson(QJsonDocument::Compact));
    } else if (const auto *projectEvent = std::get_if<Core::ProjectEvent>(&event)) {
        JsonWriter json;
        json.beginObject()
            .key("type"_L1)
            .value(QString(u"project."_s + changeName(projectEvent->kind)))
            .key("projectId"_L1)
            .value(projectEvent->project.id.toString());
        if (projectEvent->kind != Core::ChangeKind::Deleted)
            writeJson(json.key("project"_L1), projectEvent->project);
        json.key("timestamp"_L1).value(Core::toTimestamp(projectEvent->at)).endObject();
        messages.append(json.take());
    }
    // A WebhookEvent has no message: it carries the webhook's secret.
    return messages;
}

} // namespace Server
