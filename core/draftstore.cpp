// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/draftstore.h"

#include "core/sqlconnection.h"
#include "core/sqlselect.h"
#include "core/sqlvalues.h"
#include "core/timestamps.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

constexpr auto draftColumns = "id, attempt_id, project_id, type, content, metadata, auto_send, "
                              "send_after, status, original_prompt, retry_reason, process_id, "
                              "error, version, created_at, updated_at, sent_at"_L1;
constexpr auto queueColumns = "attempt_id, auto_execute, status, error, created_at, updated_at"_L1;
constexpr auto itemColumns = "id, prompt, position, status, process_id, error, created_at, "
                             "updated_at"_L1;
constexpr auto queueDraftColumns = "id, attempt_id, project_id, title, description, position, "
                                   "status, task_id, error, created_at, updated_at"_L1;

Draft draftFrom(const Statement &row)
{
    Draft d;
    d.id = DraftId(row.value(0).toString());
    d.attemptId = AttemptId(row.value(1).toString());
    d.projectId = ProjectId(row.value(2).toString());
    d.type = draftTypeFromString(row.value(3).toString()).value_or(DraftType::FollowUp);
    d.content = row.value(4).toString();
    d.metadata = QJsonDocument::fromJson(row.value(5).toString().toUtf8()).object();
    d.autoSend = row.value(6).toInt() != 0;
    d.sendAfter = timestampFrom(row.value(7));
    d.status = draftStatusFromString(row.value(8).toString()).value_or(DraftStatus::Failed);
    d.originalPrompt = optionalText(row.value(9));
    d.retryReason = optionalText(row.value(10));
    d.resultId = optionalText(row.value(11));
    d.error = row.value(12).toString();
    d.version = row.value(13).toInt();
    d.createdAt = fromTimestamp(row.value(14).toString());
    d.updatedAt = fromTimestamp(row.value(15).toString());
    d.sentAt = timestampFrom(row.value(16));
    return d;
}

QVariantList draftValues(const Draft &d)
{
    return {d.id.toString(),
            d.attemptId.toString(),
            d.projectId.toString(),
            wireName(d.type),
            d.content,
            QString::fromUtf8(QJsonDocument(d.metadata).toJson(QJsonDocument::Compact)),
            d.autoSend ? 1 : 0,
            optionalTimestamp(d.sendAfter),
            wireName(d.status),
            nullableText(d.originalPrompt),
            nullableText(d.retryReason),
            nullableText(d.resultId),
            d.error,
            d.version,
            toTimestamp(d.createdAt),
            toTimestamp(d.updatedAt),
            optionalTimestamp(d.sentAt)};
}

FollowUpQueue queueFrom(const Statement &row)
{
    FollowUpQueue q;
    q.attemptId = AttemptId(row.value(0).toString());
    q.autoExecute = row.value(1).toInt() != 0;
    q.status = queueStatusFromString(row.value(2).toString()).value_or(QueueStatus::Stopped);
    q.error = row.value(3).toString();
    q.createdAt = fromTimestamp(row.value(4).toString());
    q.updatedAt = fromTimestamp(row.value(5).toString());
    return q;
}

FollowUpQueueItem itemFrom(const Statement &row)
{
    FollowUpQueueItem item;
    item.id = QueueItemId(row.value(0).toString());
    item.prompt = row.value(1).toString();
    item.order = row.value(2).toInt();
    item.status
        = queueItemStatusFromString(row.value(3).toString()).value_or(QueueItemStatus::Failed);
    item.processId = optionalText(row.value(4));
    item.error = row.value(5).toString();
    item.createdAt = fromTimestamp(row.value(6).toString());
    item.updatedAt = fromTimestamp(row.value(7).toString());
    return item;
}

QueueDraft queueDraftFrom(const Statement &row)
{
    QueueDraft q;
    q.id = QueueDraftId(row.value(0).toString());
    q.attemptId = AttemptId(row.value(1).toString());
    q.projectId = ProjectId(row.value(2).toString());
    q.title = row.value(3).toString();
    q.description = row.value(4).toString();
    q.order = row.value(5).toInt();
    q.status
        = queueDraftStatusFromString(row.value(6).toString()).value_or(QueueDraftStatus::Failed);
    q.taskId = optionalText(row.value(7));
    q.error = row.value(8).toString();
    q.createdAt = fromTimestamp(row.value(9).toString());
    q.updatedAt = fromTimestamp(row.value(10).toString());
    return q;
}

Result<int> exec(SqlConnection &sql, const QString &text, const QVariantList &values)
{
    auto statement = sql.prepare(text);
    if (!statement)
        return fail(statement.error());
    if (auto done = run(*statement, values); !done)
        return fail(done.error());
    return statement->numRowsAffected();
}

Result<QList<FollowUpQueueItem>> itemsOf(SqlConnection &sql, const AttemptId &attempt)
{
    return selectAll<FollowUpQueueItem>(sql,
                                        u"SELECT "_s + itemColumns
                                            + u" FROM follow_up_queue_items WHERE attempt_id = ? "
                                              "ORDER BY position, rowid"_s,
                                        {attempt.toString()},
                                        itemFrom);
}

} // namespace

Result<void> DraftStore::insert(SqlConnection &sql, const Draft &draft)
{
    auto done = exec(sql,
                     u"INSERT INTO drafts ("_s + draftColumns
                         + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                     draftValues(draft));
    if (!done)
        return fail(done.error());
    return {};
}

Result<bool> DraftStore::update(SqlConnection &sql, const Draft &d)
{
    QVariantList values = draftValues(d);
    values.removeFirst();
    values.append(d.id.toString());
    auto done = exec(sql,
                     u"UPDATE drafts SET attempt_id = ?, project_id = ?, type = ?, content = ?, "
                     "metadata = ?, auto_send = ?, send_after = ?, status = ?, original_prompt = ?, "
                     "retry_reason = ?, process_id = ?, error = ?, version = ?, created_at = ?, "
                     "updated_at = ?, sent_at = ? WHERE id = ?"_s,
                     values);
    if (!done)
        return fail(done.error());
    return *done == 1;
}

Result<bool> DraftStore::remove(SqlConnection &sql, const DraftId &id)
{
    auto done = exec(sql, u"DELETE FROM drafts WHERE id = ?"_s, {id.toString()});
    if (!done)
        return fail(done.error());
    return *done == 1;
}

Result<std::optional<Draft>> DraftStore::find(SqlConnection &sql, const DraftId &id)
{
    auto rows = selectAll<Draft>(sql,
                                 u"SELECT "_s + draftColumns + u" FROM drafts WHERE id = ?"_s,
                                 {id.toString()},
                                 draftFrom);
    if (!rows)
        return fail(rows.error());
    return rows->isEmpty() ? std::optional<Draft>() : std::optional<Draft>(rows->first());
}

Result<QList<Draft>> DraftStore::ofAttempt(SqlConnection &sql,
                                           const AttemptId &attempt,
                                           std::optional<DraftType> type)
{
    QString text = u"SELECT "_s + draftColumns + u" FROM drafts WHERE attempt_id = ?"_s;
    QVariantList values{attempt.toString()};
    if (type) {
        text += u" AND type = ?"_s;
        values << wireName(*type);
    }
    return selectAll<Draft>(sql, text + u" ORDER BY created_at, rowid"_s, values, draftFrom);
}

Result<QList<Draft>> DraftStore::scheduled(SqlConnection &sql)
{
    return selectAll<Draft>(sql,
                            u"SELECT "_s + draftColumns
                                + u" FROM drafts WHERE status = 'scheduled' "
                                  "ORDER BY created_at, rowid"_s,
                            {},
                            draftFrom);
}

Result<void> DraftStore::replaceQueue(SqlConnection &sql, const FollowUpQueue &queue)
{
    if (auto removed = removeQueue(sql, queue.attemptId); !removed)
        return fail(removed.error());
    auto inserted = exec(sql,
                         u"INSERT INTO follow_up_queues ("_s + queueColumns
                             + u") VALUES (?, ?, ?, ?, ?, ?)"_s,
                         {queue.attemptId.toString(),
                          queue.autoExecute ? 1 : 0,
                          wireName(queue.status),
                          queue.error,
                          toTimestamp(queue.createdAt),
                          toTimestamp(queue.updatedAt)});
    if (!inserted)
        return fail(inserted.error());
    for (const FollowUpQueueItem &item : queue.items) {
        auto added = exec(sql,
                          u"INSERT INTO follow_up_queue_items (id, attempt_id, prompt, position, "
                          "status, process_id, error, created_at, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                          {item.id.toString(),
                           queue.attemptId.toString(),
                           item.prompt,
                           item.order,
                           wireName(item.status),
                           nullableText(item.processId),
                           item.error,
                           toTimestamp(item.createdAt),
                           toTimestamp(item.updatedAt)});
        if (!added)
            return fail(added.error());
    }
    return {};
}

Result<void> DraftStore::updateQueue(SqlConnection &sql, const FollowUpQueue &queue)
{
    auto updated = exec(sql,
                        u"UPDATE follow_up_queues SET auto_execute = ?, status = ?, error = ?, "
                        "updated_at = ? WHERE attempt_id = ?"_s,
                        {queue.autoExecute ? 1 : 0,
                         wireName(queue.status),
                         queue.error,
                         toTimestamp(queue.updatedAt),
                         queue.attemptId.toString()});
    if (!updated)
        return fail(updated.error());
    for (const FollowUpQueueItem &item : queue.items) {
        auto done = exec(sql,
                         u"UPDATE follow_up_queue_items SET status = ?, process_id = ?, error = ?, "
                         "updated_at = ? WHERE id = ?"_s,
                         {wireName(item.status),
                          nullableText(item.processId),
                          item.error,
                          toTimestamp(item.updatedAt),
                          item.id.toString()});
        if (!done)
            return fail(done.error());
    }
    return {};
}

Result<bool> DraftStore::removeQueue(SqlConnection &sql, const AttemptId &attempt)
{
    auto items = exec(sql,
                      u"DELETE FROM follow_up_queue_items WHERE attempt_id = ?"_s,
                      {attempt.toString()});
    if (!items)
        return fail(items.error());
    auto done = exec(sql,
                     u"DELETE FROM follow_up_queues WHERE attempt_id = ?"_s,
                     {attempt.toString()});
    if (!done)
        return fail(done.error());
    return *done == 1;
}

Result<std::optional<FollowUpQueue>> DraftStore::queue(SqlConnection &sql, const AttemptId &attempt)
{
    auto rows = selectAll<FollowUpQueue>(sql,
                                         u"SELECT "_s + queueColumns
                                             + u" FROM follow_up_queues WHERE attempt_id = ?"_s,
                                         {attempt.toString()},
                                         queueFrom);
    if (!rows)
        return fail(rows.error());
    if (rows->isEmpty())
        return std::optional<FollowUpQueue>();
    FollowUpQueue queue = rows->first();
    auto items = itemsOf(sql, attempt);
    if (!items)
        return fail(items.error());
    queue.items = *items;
    return std::optional<FollowUpQueue>(queue);
}

Result<QList<FollowUpQueue>> DraftStore::activeQueues(SqlConnection &sql)
{
    auto rows = selectAll<FollowUpQueue>(
        sql,
        u"SELECT "_s + queueColumns
            + u" FROM follow_up_queues q WHERE status <> 'stopped' AND (auto_execute = 1 OR "
              "status = 'running') AND EXISTS (SELECT 1 FROM follow_up_queue_items i WHERE "
              "i.attempt_id = q.attempt_id AND i.status IN ('pending', 'running'))"_s,
        {},
        queueFrom);
    if (!rows)
        return rows;
    for (FollowUpQueue &queue : *rows) {
        auto items = itemsOf(sql, queue.attemptId);
        if (!items)
            return fail(items.error());
        queue.items = *items;
    }
    return rows;
}

Result<void> DraftStore::replaceDraftQueue(SqlConnection &sql,
                                           const AttemptId &attempt,
                                           const QList<QueueDraft> &items)
{
    // Drafts already turned into tasks stay, as a record of where those tasks came from.
    auto removed = exec(sql,
                        u"DELETE FROM draft_queue_items WHERE attempt_id = ? AND status <> "
                        "'created'"_s,
                        {attempt.toString()});
    if (!removed)
        return fail(removed.error());
    for (const QueueDraft &q : items) {
        auto added = exec(sql,
                          u"INSERT INTO draft_queue_items ("_s + queueDraftColumns
                              + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                          {q.id.toString(),
                           q.attemptId.toString(),
                           q.projectId.toString(),
                           q.title,
                           q.description,
                           q.order,
                           wireName(q.status),
                           nullableText(q.taskId),
                           q.error,
                           toTimestamp(q.createdAt),
                           toTimestamp(q.updatedAt)});
        if (!added)
            return fail(added.error());
    }
    return {};
}

Result<void> DraftStore::updateQueueDraft(SqlConnection &sql, const QueueDraft &q)
{
    auto done = exec(sql,
                     u"UPDATE draft_queue_items SET status = ?, task_id = ?, error = ?, "
                     "updated_at = ? WHERE id = ?"_s,
                     {wireName(q.status),
                      nullableText(q.taskId),
                      q.error,
                      toTimestamp(q.updatedAt),
                      q.id.toString()});
    if (!done)
        return fail(done.error());
    return {};
}

Result<QList<QueueDraft>> DraftStore::draftQueue(SqlConnection &sql, const AttemptId &attempt)
{
    return selectAll<QueueDraft>(sql,
                                 u"SELECT "_s + queueDraftColumns
                                     + u" FROM draft_queue_items WHERE attempt_id = ? "
                                       "ORDER BY position, rowid"_s,
                                 {attempt.toString()},
                                 queueDraftFrom);
}

Result<QList<AttemptId>> DraftStore::attemptsWithQueuedDrafts(SqlConnection &sql)
{
    return selectAll<AttemptId>(sql,
                                u"SELECT DISTINCT attempt_id FROM draft_queue_items "
                                "WHERE status = 'queued'"_s,
                                {},
                                [](const Statement &row) {
                                    return AttemptId(row.value(0).toString());
                                });
}

} // namespace Core
