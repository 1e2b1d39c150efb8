// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/workflowprojection.h"

#include "core/timestamps.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

QJsonValue timestampOrNull(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(Core::toTimestamp(at)) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const std::optional<QString> &text)
{
    return text ? QJsonValue(*text) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject approvalJson(const Core::Approval &a)
{
    QJsonArray responses;
    for (const Core::ApprovalResponse &r : a.responses)
        responses.append(QJsonObject{{u"approver"_s, r.approver},
                                     {u"decision"_s, Core::wireName(r.decision)},
                                     {u"comment"_s, textOrNull(r.comment)},
                                     {u"respondedAt"_s, Core::toTimestamp(r.respondedAt)}});
    return {{u"id"_s, a.id.toString()},
            {u"taskAttemptId"_s, a.attemptId.toString()},
            {u"type"_s, Core::wireName(a.type)},
            {u"title"_s, a.title},
            {u"description"_s, textOrNull(a.description)},
            {u"status"_s, Core::wireName(a.status)},
            {u"createdBy"_s, a.createdBy},
            {u"createdAt"_s, Core::toTimestamp(a.createdAt)},
            {u"updatedAt"_s, Core::toTimestamp(a.updatedAt)},
            {u"expiresAt"_s, timestampOrNull(a.expiresAt)},
            {u"resolvedAt"_s, timestampOrNull(a.resolvedAt)},
            {u"approvers"_s, QJsonArray::fromStringList(a.approvers)},
            {u"responses"_s, responses},
            {u"metadata"_s, a.metadata}};
}

QJsonObject draftJson(const Core::Draft &d)
{
    QJsonObject json{{u"id"_s, d.id.toString()},
                     {u"taskAttemptId"_s, d.attemptId.toString()},
                     {u"projectId"_s, d.projectId.toString()},
                     {u"type"_s, Core::wireName(d.type)},
                     {u"content"_s, d.content},
                     {u"metadata"_s, d.metadata},
                     {u"status"_s, Core::wireName(d.status)},
                     {u"autoSend"_s, d.autoSend},
                     {u"sendAfter"_s, timestampOrNull(d.sendAfter)},
                     {u"version"_s, d.version},
                     {u"error"_s, d.error.isEmpty() ? QJsonValue(QJsonValue::Null) : d.error},
                     {u"createdAt"_s, Core::toTimestamp(d.createdAt)},
                     {u"updatedAt"_s, Core::toTimestamp(d.updatedAt)},
                     {u"sentAt"_s, timestampOrNull(d.sentAt)}};
    switch (d.type) {
    case Core::DraftType::FollowUp:
        json.insert(u"prompt"_s, d.content);
        json.insert(u"processId"_s, textOrNull(d.resultId));
        break;
    case Core::DraftType::Retry:
        json.insert(u"retryPrompt"_s, d.content);
        json.insert(u"originalPrompt"_s, textOrNull(d.originalPrompt));
        json.insert(u"retryReason"_s, textOrNull(d.retryReason));
        json.insert(u"retryAttemptId"_s, textOrNull(d.resultId));
        break;
    case Core::DraftType::Initial: break;
    }
    return json;
}

QJsonObject followUpQueueJson(const Core::FollowUpQueue &q)
{
    QJsonArray items;
    for (const Core::FollowUpQueueItem &item : q.items)
        items.append(QJsonObject{{u"id"_s, item.id.toString()},
                                 {u"prompt"_s, item.prompt},
                                 {u"order"_s, item.order},
                                 {u"status"_s, Core::wireName(item.status)},
                                 {u"processId"_s, textOrNull(item.processId)},
                                 {u"error"_s,
                                  item.error.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                       : QJsonValue(item.error)},
                                 {u"updatedAt"_s, Core::toTimestamp(item.updatedAt)}});
    return {{u"taskAttemptId"_s, q.attemptId.toString()},
            {u"queue"_s, items},
            {u"autoExecute"_s, q.autoExecute},
            {u"status"_s, Core::wireName(q.status)},
            {u"error"_s, q.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.error)},
            {u"createdAt"_s, timestampOrNull(q.createdAt)},
            {u"updatedAt"_s, timestampOrNull(q.updatedAt)}};
}

QJsonObject queueDraftJson(const Core::QueueDraft &q)
{
    return {{u"id"_s, q.id.toString()},
            {u"title"_s, q.title},
            {u"description"_s, q.description},
            {u"order"_s, q.order},
            {u"status"_s, Core::wireName(q.status)},
            {u"taskId"_s, textOrNull(q.taskId)},
            {u"error"_s, q.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.error)},
            {u"createdAt"_s, Core::toTimestamp(q.createdAt)},
            {u"updatedAt"_s, Core::toTimestamp(q.updatedAt)}};
}

} // namespace Server
