// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/taskstore.h"

#include "core/sqlconnection.h"
#include "core/sqlvalues.h"
#include "core/timestamps.h"

using namespace Qt::StringLiterals;

namespace Core {
namespace {

constexpr auto columns
    = "t.id, t.project_id, t.title, t.description, t.status, t.priority, t.labels, "
      "t.llm, t.parent_attempt_id, t.created_at, t.updated_at, "
      // Kept by triggers on attempts (migration 4).
      "t.attempt_count, t.latest_attempt_status, t.has_running_attempt, t.has_merged_attempt"_L1;

Task taskFrom(const Statement &row)
{
    Task task;
    task.id = TaskId(row.value(0).toString());
    task.projectId = ProjectId(row.value(1).toString());
    task.title = row.value(2).toString();
    task.description = row.value(3).toString();
    task.status = taskStatusFromString(row.value(4).toString()).value_or(TaskStatus::Todo);
    task.priority = taskPriorityFromString(row.value(5).toString()).value_or(TaskPriority::Medium);
    task.labels = stringListFromJson(row.value(6).toString());
    task.llm = optionalText(row.value(7));
    task.parentAttemptId = optionalText(row.value(8));
    task.createdAt = fromTimestamp(row.value(9).toString());
    task.updatedAt = fromTimestamp(row.value(10).toString());
    task.attempts.attemptCount = row.value(11).toInt();
    task.attempts.latestStatus = attemptStatusFromString(row.value(12).toString());
    task.attempts.hasRunningAttempt = row.value(13).toBool();
    task.attempts.lastAttemptFailed = task.attempts.latestStatus == AttemptStatus::Failed;
    task.attempts.hasMergedAttempt = row.value(14).toBool();
    return task;
}

QString searchText(const Task &task)
{
    return QString(task.title + u'\n' + task.description).toCaseFolded();
}

/// Ranks for enum columns, so they sort in their meaning's order rather than alphabetically.
QString rankExpression(const QString &column, const QStringList &names)
{
    QString expression = u"CASE "_s + column;
    for (qsizetype i = 0; i < names.size(); ++i)
        expression += u" WHEN '%1' THEN %2"_s.arg(names.at(i)).arg(i);
    return expression + u" END"_s;
}

QString sortExpression(const QString &field)
{
    if (field == "priority"_L1)
        return rankExpression(u"t.priority"_s, taskPriorityNames());
    if (field == "status"_L1)
        return rankExpression(u"t.status"_s, taskStatusNames());
    if (field == "title"_L1)
        return u"t.title COLLATE NOCASE"_s;
    return u"t."_s + field; // created_at, updated_at: ISO text sorts chronologically
}

QString orderBy(const QList<SortKey> &sort)
{
    if (sort.isEmpty())
        return u" ORDER BY t.created_at DESC, t.rowid DESC"_s;
    QStringList terms;
    for (const SortKey &key : sort)
        terms.append(sortExpression(key.field) + (key.descending ? u" DESC"_s : u" ASC"_s));
    terms.append(sort.constLast().descending ? u"t.rowid DESC"_s : u"t.rowid ASC"_s);
    return u" ORDER BY "_s + terms.join(u", "_s);
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.fill(u"?"_s, count);
    return marks.join(u", "_s);
}

/// The WHERE clause for query and, in order, the values its placeholders take.
std::pair<QString, QVariantList> whereClause(const TaskQuery &query)
{
    QStringList conditions;
    QVariantList values;
    if (query.projectId) {
        conditions.append(u"t.project_id = ?"_s);
        values.append(query.projectId->toString());
    }
    if (query.parentAttemptId) {
        conditions.append(u"t.parent_attempt_id = ?"_s);
        values.append(query.parentAttemptId->toString());
    }
    if (!query.statuses.isEmpty()) {
        conditions.append(u"t.status IN ("_s + placeholders(query.statuses.size()) + u')');
        for (TaskStatus status : query.statuses)
            values.append(wireName(status));
    }
    if (!query.priorities.isEmpty()) {
        conditions.append(u"t.priority IN ("_s + placeholders(query.priorities.size()) + u')');
        for (TaskPriority priority : query.priorities)
            values.append(wireName(priority));
    }
    if (!query.labels.isEmpty()) {
        QStringList labels = query.labels;
        labels.removeDuplicates();
        conditions.append(
            u"(SELECT COUNT(DISTINCT j.value) FROM json_each(t.labels) AS j WHERE j.value IN ("_s
            + placeholders(labels.size()) + u")) = %1"_s.arg(labels.size()));
        for (const QString &label : std::as_const(labels))
            values.append(label);
    }
    if (!query.latestAttemptStatuses.isEmpty()) {
        conditions.append(u"t.latest_attempt_status IN ("_s
                          + placeholders(query.latestAttemptStatuses.size()) + u')');
        for (AttemptStatus status : query.latestAttemptStatuses)
            values.append(wireName(status));
    }
    if (query.hasRunningAttempt) {
        conditions.append(u"t.has_running_attempt = ?"_s);
        values.append(*query.hasRunningAttempt ? 1 : 0);
    }
    if (query.lastAttemptFailed) {
        conditions.append(u"COALESCE(t.latest_attempt_status = 'failed', 0) = ?"_s);
        values.append(*query.lastAttemptFailed ? 1 : 0);
    }
    if (query.hasMergedAttempt) {
        conditions.append(u"t.has_merged_attempt = ?"_s);
        values.append(*query.hasMergedAttempt ? 1 : 0);
    }
    if (!query.text.isEmpty()) {
        conditions.append(u"instr(t.search_text, ?) > 0"_s);
        values.append(query.text.toCaseFolded());
    }
    if (conditions.isEmpty())
        return {QString(), values};
    return {u" WHERE "_s + conditions.join(u" AND "_s), values};
}

} // namespace

Result<void> TaskStore::insert(SqlConnection &sql, const Task &task)
{
    auto query = sql.prepare(
        u"INSERT INTO tasks (id, project_id, title, description, status, priority, "
        "labels, llm, parent_attempt_id, created_at, updated_at, search_text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    if (!query)
        return fail(query.error());
    query->bind(0, task.id.toString())
        .bind(1, task.projectId.toString())
        .bind(2, task.title)
        .bind(3, task.description)
        .bind(4, wireName(task.status))
        .bind(5, wireName(task.priority))
        .bind(6, stringListToJson(task.labels))
        .bind(7, nullableText(task.llm))
        .bind(8, nullableText(task.parentAttemptId))
        .bind(9, toTimestamp(task.createdAt))
        .bind(10, toTimestamp(task.updatedAt))
        .bind(11, searchText(task));
    return query->exec();
}

Result<void> TaskStore::update(SqlConnection &sql, const Task &task)
{
    auto query = sql.prepare(
        u"UPDATE tasks SET title = ?, description = ?, status = ?, priority = ?, "
        "labels = ?, llm = ?, parent_attempt_id = ?, updated_at = ?, search_text = ? "
        "WHERE id = ?"_s);
    if (!query)
        return fail(query.error());
    query->bind(0, task.title)
        .bind(1, task.description)
        .bind(2, wireName(task.status))
        .bind(3, wireName(task.priority))
        .bind(4, stringListToJson(task.labels))
        .bind(5, nullableText(task.llm))
        .bind(6, nullableText(task.parentAttemptId))
        .bind(7, toTimestamp(task.updatedAt))
        .bind(8, searchText(task))
        .bind(9, task.id.toString());
    if (auto ran = query->exec(); !ran)
        return ran;
    if (query->numRowsAffected() != 1)
        return fail(Error::notFound(u"task"_s, task.id.toString()));
    return {};
}

Result<void> TaskStore::remove(SqlConnection &sql, const TaskId &id)
{
    auto query = sql.prepare(u"DELETE FROM tasks WHERE id = ?"_s);
    if (!query)
        return fail(query.error());
    query->bind(0, id.toString());
    if (auto ran = query->exec(); !ran)
        return ran;
    if (query->numRowsAffected() != 1)
        return fail(Error::notFound(u"task"_s, id.toString()));
    return {};
}

Result<std::optional<Task>> TaskStore::find(SqlConnection &sql, const TaskId &id)
{
    auto query = sql.prepare(u"SELECT "_s + columns + u" FROM tasks AS t WHERE t.id = ?"_s);
    if (!query)
        return fail(query.error());
    query->bind(0, id.toString());
    if (auto ran = query->exec(); !ran)
        return fail(ran.error());
    if (!query->next())
        return std::optional<Task>();
    return std::optional<Task>(taskFrom(*query));
}

Result<Page<Task>> TaskStore::list(SqlConnection &sql, const TaskQuery &query)
{
    if (auto valid = query.page.validate(); !valid)
        return fail(valid.error());
    const auto [where, values] = whereClause(query);
    Page<Task> page;
    page.page = query.page.page;
    page.limit = query.page.limit;

    {
        auto count = sql.prepare(u"SELECT COUNT(*) FROM tasks AS t"_s + where);
        if (!count)
            return fail(count.error());
        for (qsizetype i = 0; i < values.size(); ++i)
            count->bind(int(i), values.at(i));
        if (auto ran = count->exec(); !ran)
            return fail(ran.error());
        page.total = count->next() ? count->value(0).toLongLong() : 0;
    }
    if (query.page.offset() >= page.total)
        return page; // past the last page: nothing to fetch
    auto select = sql.prepare(u"SELECT "_s + columns + u" FROM tasks AS t"_s + where
                              + orderBy(query.sort) + u" LIMIT ? OFFSET ?"_s);
    if (!select)
        return fail(select.error());
    qsizetype position = 0;
    for (; position < values.size(); ++position)
        select->bind(int(position), values.at(position));
    select->bind(int(position), query.page.limit).bind(int(position + 1), query.page.offset());
    if (auto ran = select->exec(); !ran)
        return fail(ran.error());
    page.items.reserve(query.page.limit);
    while (select->next())
        page.items.append(taskFrom(*select));
    return page;
}

} // namespace Core
