// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attemptstore.h"

#include "core/projectstore.h"
#include "core/sqlconnection.h"
#include "core/sqlselect.h"
#include "core/sqlvalues.h"
#include "core/taskstore.h"
#include "core/timestamps.h"

#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

constexpr auto attemptColumns
    = "id, task_id, llm, variant, model, description, options, status, queued, branch, worktree_path, "
      "base_branch, base_commit, failure_reason, files_changed, files_created, files_modified, "
      "files_deleted, lines_added, lines_removed, change_list, input_tokens, output_tokens, total_cost, "
      "summary, commit_sha, agent_process_id, merged_at, worktree_removed, created_at, queued_at, started_at, "
      "completed_at, updated_at, merge_commit, merge_strategy, pr_number, pr_url, pr_repository, "
      "pr_status, pushed_at, pushed_remote"_L1;
constexpr int attemptColumnCount = 42;

constexpr auto processColumns
    = "id, attempt_id, kind, status, executor, command, prompt, session_id, pid, "
      "pid_start_ticks, exit_code, failure_reason, log_path, log_bytes, "
      "log_entries, input_tokens, output_tokens, total_cost, created_at, started_at, completed_at, url, "
      "port"_L1;
constexpr int processColumnCount = 23;

QString optionsToJson(const AttemptOptions &options)
{
    QJsonObject object;
    if (options.temperature)
        object.insert(u"temperature"_s, *options.temperature);
    if (options.maxTokens)
        object.insert(u"maxTokens"_s, *options.maxTokens);
    if (options.timeoutMs)
        object.insert(u"timeout"_s, *options.timeoutMs);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

AttemptOptions optionsFromJson(const QString &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    AttemptOptions options;
    if (object.contains(u"temperature"_s))
        options.temperature = object.value(u"temperature"_s).toDouble();
    if (object.contains(u"maxTokens"_s))
        options.maxTokens = object.value(u"maxTokens"_s).toInt();
    if (object.contains(u"timeout"_s))
        options.timeoutMs = object.value(u"timeout"_s).toInt();
    return options;
}

QVariantList attemptValues(const Attempt &a)
{
    return {a.id.toString(),
            a.taskId.toString(),
            a.llm,
            nullableText(a.variant),
            nullableText(a.model),
            a.description,
            optionsToJson(a.options),
            wireName(a.status),
            a.queued ? 1 : 0,
            a.branch,
            a.worktreePath,
            a.baseBranch,
            a.baseCommit,
            nullableText(a.failureReason),
            a.changes.filesChanged,
            a.changes.filesCreated,
            a.changes.filesModified,
            a.changes.filesDeleted,
            a.changes.linesAdded,
            a.changes.linesRemoved,
            stringListToJson(a.changes.descriptions),
            a.usage.inputTokens,
            a.usage.outputTokens,
            a.usage.totalCost,
            a.summary,
            nullableText(a.commitSha),
            a.agentProcessId ? QVariant(a.agentProcessId->toString()) : QVariant(),
            a.mergedAt ? QVariant(toTimestamp(*a.mergedAt)) : QVariant(),
            a.worktreeRemoved ? 1 : 0,
            toTimestamp(a.createdAt),
            optionalTimestamp(a.queuedAt),
            optionalTimestamp(a.startedAt),
            optionalTimestamp(a.completedAt),
            toTimestamp(a.updatedAt),
            nullableText(a.mergeCommit),
            nullableText(a.mergeStrategy),
            a.pullRequest ? QVariant(a.pullRequest->number) : QVariant(),
            a.pullRequest ? QVariant(a.pullRequest->url) : QVariant(),
            a.pullRequest ? QVariant(a.pullRequest->repository) : QVariant(),
            a.pullRequest ? QVariant(a.pullRequest->status) : QVariant(),
            a.pushedAt ? QVariant(toTimestamp(*a.pushedAt)) : QVariant(),
            nullableText(a.pushedRemote)};
}

Attempt attemptFrom(const Statement &row)
{
    Attempt a;
    a.id = AttemptId(row.value(0).toString());
    a.taskId = TaskId(row.value(1).toString());
    a.llm = row.value(2).toString();
    a.variant = optionalText(row.value(3));
    a.model = optionalText(row.value(4));
    a.description = row.value(5).toString();
    a.options = optionsFromJson(row.value(6).toString());
    a.status = attemptStatusFromString(row.value(7).toString()).value_or(AttemptStatus::Failed);
    a.queued = row.value(8).toBool();
    a.branch = row.value(9).toString();
    a.worktreePath = row.value(10).toString();
    a.baseBranch = row.value(11).toString();
    a.baseCommit = row.value(12).toString();
    a.failureReason = optionalText(row.value(13));
    a.changes.filesChanged = row.value(14).toInt();
    a.changes.filesCreated = row.value(15).toInt();
    a.changes.filesModified = row.value(16).toInt();
    a.changes.filesDeleted = row.value(17).toInt();
    a.changes.linesAdded = row.value(18).toInt();
    a.changes.linesRemoved = row.value(19).toInt();
    a.changes.descriptions = stringListFromJson(row.value(20).toString());
    a.usage.inputTokens = row.value(21).toLongLong();
    a.usage.outputTokens = row.value(22).toLongLong();
    a.usage.totalCost = row.value(23).toDouble();
    a.summary = row.value(24).toString();
    a.commitSha = optionalText(row.value(25));
    if (!row.value(26).isNull())
        a.agentProcessId = ProcessId(row.value(26).toString());
    if (!row.value(27).isNull())
        a.mergedAt = fromTimestamp(row.value(27).toString());
    a.worktreeRemoved = row.value(28).toBool();
    a.createdAt = fromTimestamp(row.value(29).toString());
    a.queuedAt = timestampFrom(row.value(30));
    a.startedAt = timestampFrom(row.value(31));
    a.completedAt = timestampFrom(row.value(32));
    a.updatedAt = fromTimestamp(row.value(33).toString());
    a.mergeCommit = optionalText(row.value(34));
    a.mergeStrategy = optionalText(row.value(35));
    if (!row.value(36).isNull())
        a.pullRequest = PullRequestLink{row.value(36).toInt(),
                                        row.value(37).toString(),
                                        row.value(38).toString(),
                                        row.value(39).toString()};
    if (!row.value(40).isNull())
        a.pushedAt = fromTimestamp(row.value(40).toString());
    a.pushedRemote = optionalText(row.value(41));
    return a;
}

QVariantList processValues(const ExecutionProcess &p)
{
    return {p.id.toString(),
            p.attemptId.toString(),
            wireName(p.kind),
            wireName(p.status),
            p.executor,
            stringListToJson(p.command),
            p.prompt,
            nullableText(p.sessionId),
            p.pid ? QVariant(*p.pid) : QVariant(),
            p.pidStartTicks ? QVariant(*p.pidStartTicks) : QVariant(),
            p.exitCode ? QVariant(*p.exitCode) : QVariant(),
            nullableText(p.failureReason),
            p.logPath,
            p.logBytes,
            p.logEntries,
            p.usage.inputTokens,
            p.usage.outputTokens,
            p.usage.totalCost,
            toTimestamp(p.createdAt),
            optionalTimestamp(p.startedAt),
            optionalTimestamp(p.completedAt),
            nullableText(p.url),
            p.port ? QVariant(*p.port) : QVariant()};
}

ExecutionProcess processFrom(const Statement &row)
{
    ExecutionProcess p;
    p.id = ProcessId(row.value(0).toString());
    p.attemptId = AttemptId(row.value(1).toString());
    p.kind = processKindFromString(row.value(2).toString()).value_or(ProcessKind::Agent);
    p.status = processStatusFromString(row.value(3).toString()).value_or(ProcessStatus::Failed);
    p.executor = row.value(4).toString();
    p.command = stringListFromJson(row.value(5).toString());
    p.prompt = row.value(6).toString();
    p.sessionId = optionalText(row.value(7));
    if (!row.value(8).isNull())
        p.pid = row.value(8).toLongLong();
    if (!row.value(9).isNull())
        p.pidStartTicks = row.value(9).toLongLong();
    if (!row.value(10).isNull())
        p.exitCode = row.value(10).toInt();
    p.failureReason = optionalText(row.value(11));
    p.logPath = row.value(12).toString();
    p.logBytes = row.value(13).toLongLong();
    p.logEntries = row.value(14).toLongLong();
    p.usage.inputTokens = row.value(15).toLongLong();
    p.usage.outputTokens = row.value(16).toLongLong();
    p.usage.totalCost = row.value(17).toDouble();
    p.createdAt = fromTimestamp(row.value(18).toString());
    p.startedAt = timestampFrom(row.value(19));
    p.completedAt = timestampFrom(row.value(20));
    p.url = optionalText(row.value(21));
    if (!row.value(22).isNull())
        p.port = row.value(22).toInt();
    return p;
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.fill(u"?"_s, count);
    return marks.join(u", "_s);
}

/// The columns review and delivery own. A running chain rewrites its attempt often from its
/// own copy; leaving these out of that write means it never undoes a merge or a PR poll.
bool isDeliveryColumn(const QString &name)
{
    static const QSet<QString> names{u"merged_at"_s,
                                     u"merge_commit"_s,
                                     u"merge_strategy"_s,
                                     u"pr_number"_s,
                                     u"pr_url"_s,
                                     u"pr_repository"_s,
                                     u"pr_status"_s,
                                     u"pushed_at"_s,
                                     u"pushed_remote"_s,
                                     u"worktree_removed"_s,
                                     u"base_branch"_s,
                                     u"updated_at"_s};
    return names.contains(name);
}

enum class Columns { All, Run, Delivery };

/// Inserts values into table, or updates the row with the same id (values[0]) in the columns
/// which selects.
Result<void> write(SqlConnection &sql,
                   QLatin1StringView table,
                   QLatin1StringView columns,
                   const QVariantList &values,
                   bool insert,
                   Columns which = Columns::All)
{
    QString text;
    QVariantList ordered;
    if (insert) {
        text = u"INSERT INTO "_s + table + u" ("_s + columns + u") VALUES ("_s
               + placeholders(values.size()) + u')';
        ordered = values;
    } else {
        QStringList assignments;
        const QStringList names = QString(columns).split(u", "_s);
        for (qsizetype i = 1; i < names.size(); ++i) {
            const QString name = names.at(i).trimmed();
            const bool delivery = isDeliveryColumn(name);
            if ((which == Columns::Run && delivery && name != "updated_at"_L1)
                || (which == Columns::Delivery && !delivery))
                continue;
            assignments.append(name + u" = ?"_s);
            ordered.append(values.at(i));
        }
        text = u"UPDATE "_s + table + u" SET "_s + assignments.join(u", "_s) + u" WHERE id = ?"_s;
        ordered.append(values.first()); // id goes last, into WHERE
    }
    auto statement = sql.prepare(text);
    if (!statement)
        return fail(statement.error());
    if (auto done = run(*statement, ordered); !done)
        return done;
    if (!insert && statement->numRowsAffected() != 1)
        return fail(Error::notFound(table == "attempts"_L1 ? u"attempt"_s : u"process"_s,
                                    values.first().toString()));
    return {};
}

template<typename Enum>
void addInFilter(QStringList &conditions,
                 QVariantList &values,
                 const QString &column,
                 const QList<Enum> &wanted)
{
    if (wanted.isEmpty())
        return;
    conditions.append(column + u" IN ("_s + placeholders(wanted.size()) + u')');
    for (Enum value : wanted)
        values.append(wireName(value));
}

} // namespace

Result<void> AttemptStore::insert(SqlConnection &sql, const Attempt &attempt)
{
    static_assert(attemptColumnCount == 42);
    return write(sql, "attempts"_L1, attemptColumns, attemptValues(attempt), true);
}

Result<void> AttemptStore::update(SqlConnection &sql, const Attempt &attempt)
{
    return write(sql, "attempts"_L1, attemptColumns, attemptValues(attempt), false, Columns::Run);
}

Result<void> AttemptStore::updateDelivery(SqlConnection &sql, const Attempt &attempt)
{
    return write(sql,
                 "attempts"_L1,
                 attemptColumns,
                 attemptValues(attempt),
                 false,
                 Columns::Delivery);
}

Result<void> AttemptStore::remove(SqlConnection &sql, const AttemptId &id)
{
    auto statement = sql.prepare(u"DELETE FROM attempts WHERE id = ?"_s);
    if (!statement)
        return fail(statement.error());
    if (auto done = run(*statement, {id.toString()}); !done)
        return done;
    if (statement->numRowsAffected() != 1)
        return fail(Error::notFound(u"attempt"_s, id.toString()));
    return {};
}

Result<std::optional<Attempt>> AttemptStore::find(SqlConnection &sql, const AttemptId &id)
{
    auto rows = selectAll<Attempt>(sql,
                                   u"SELECT "_s + attemptColumns + u" FROM attempts WHERE id = ?"_s,
                                   {id.toString()},
                                   attemptFrom);
    if (!rows)
        return fail(rows.error());
    return rows->isEmpty() ? std::optional<Attempt>() : std::optional<Attempt>(rows->first());
}

Result<Page<Attempt>> AttemptStore::list(SqlConnection &sql, const AttemptQuery &query)
{
    QStringList conditions;
    QVariantList values;
    if (query.taskId) {
        conditions.append(u"task_id = ?"_s);
        values.append(query.taskId->toString());
    }
    if (query.llm) {
        conditions.append(u"llm = ?"_s);
        values.append(*query.llm);
    }
    addInFilter(conditions, values, u"status"_s, query.statuses);
    return selectPage<Attempt>(sql,
                               "attempts"_L1,
                               attemptColumns,
                               conditions,
                               values,
                               query.page,
                               attemptFrom);
}

Result<QList<Attempt>> AttemptStore::queued(SqlConnection &sql)
{
    return selectAll<Attempt>(sql,
                              u"SELECT "_s + attemptColumns
                                  + u" FROM attempts WHERE queued = 1 ORDER BY queued_at, rowid"_s,
                              {},
                              attemptFrom);
}

Result<QList<Attempt>> AttemptStore::withStatus(SqlConnection &sql, AttemptStatus status)
{
    return selectAll<Attempt>(sql,
                              u"SELECT "_s + attemptColumns
                                  + u" FROM attempts WHERE status = ? ORDER BY rowid"_s,
                              {wireName(status)},
                              attemptFrom);
}

Result<QList<Attempt>> AttemptStore::forTask(SqlConnection &sql, const TaskId &task)
{
    return selectAll<Attempt>(sql,
                              u"SELECT "_s + attemptColumns
                                  + u" FROM attempts WHERE task_id = ? ORDER BY created_at, rowid"_s,
                              {task.toString()},
                              attemptFrom);
}

Result<AttemptContext> AttemptStore::findContext(SqlConnection &sql, const AttemptId &id)
{
    auto attempt = find(sql, id);
    if (!attempt)
        return fail(attempt.error());
    if (!*attempt)
        return fail(Error::notFound(u"attempt"_s, id.toString()));
    auto task = TaskStore::find(sql, (*attempt)->taskId);
    if (!task)
        return fail(task.error());
    if (!*task)
        return fail(Error::notFound(u"task"_s, (*attempt)->taskId.toString()));
    auto project = ProjectStore::find(sql, (*task)->projectId);
    if (!project)
        return fail(project.error());
    if (!*project)
        return fail(Error::notFound(u"project"_s, (*task)->projectId.toString()));
    return AttemptContext{**attempt, **task, **project};
}

Result<QList<Attempt>> AttemptStore::withOpenPullRequests(SqlConnection &sql)
{
    return selectAll<Attempt>(
        sql,
        u"SELECT "_s + attemptColumns
            + u" FROM attempts WHERE pr_number IS NOT NULL AND pr_status = 'open'"_s,
        {},
        attemptFrom);
}

Result<QList<Attempt>> AttemptStore::withWorktrees(SqlConnection &sql)
{
    return selectAll<Attempt>(
        sql,
        u"SELECT "_s + attemptColumns
            + u" FROM attempts WHERE worktree_removed = 0 AND worktree_path <> ''"_s,
        {},
        attemptFrom);
}

Result<void> AttemptStore::insert(SqlConnection &sql, const ExecutionProcess &process)
{
    static_assert(processColumnCount == 23);
    return write(sql, "processes"_L1, processColumns, processValues(process), true);
}

Result<void> AttemptStore::update(SqlConnection &sql, const ExecutionProcess &process)
{
    return write(sql, "processes"_L1, processColumns, processValues(process), false);
}

Result<std::optional<ExecutionProcess>> AttemptStore::findProcess(SqlConnection &sql,
                                                                  const ProcessId &id)
{
    auto rows = selectAll<ExecutionProcess>(sql,
                                            u"SELECT "_s + processColumns
                                                + u" FROM processes WHERE id = ?"_s,
                                            {id.toString()},
                                            processFrom);
    if (!rows)
        return fail(rows.error());
    return rows->isEmpty() ? std::optional<ExecutionProcess>()
                           : std::optional<ExecutionProcess>(rows->first());
}

Result<Page<ExecutionProcess>> AttemptStore::listProcesses(SqlConnection &sql,
                                                           const ProcessQuery &query)
{
    QStringList conditions;
    QVariantList values;
    if (query.attemptId) {
        conditions.append(u"attempt_id = ?"_s);
        values.append(query.attemptId->toString());
    }
    addInFilter(conditions, values, u"status"_s, query.statuses);
    addInFilter(conditions, values, u"kind"_s, query.kinds);
    return selectPage<ExecutionProcess>(sql,
                                        "processes"_L1,
                                        processColumns,
                                        conditions,
                                        values,
                                        query.page,
                                        processFrom);
}

Result<QList<ExecutionProcess>> AttemptStore::processesOf(SqlConnection &sql, const AttemptId &id)
{
    return selectAll<ExecutionProcess>(
        sql,
        u"SELECT "_s + processColumns
            + u" FROM processes WHERE attempt_id = ? ORDER BY created_at, rowid"_s,
        {id.toString()},
        processFrom);
}

Result<QList<ExecutionProcess>> AttemptStore::processesWithStatus(SqlConnection &sql,
                                                                  ProcessStatus status)
{
    return selectAll<ExecutionProcess>(sql,
                                       u"SELECT "_s + processColumns
                                           + u" FROM processes WHERE status = ?"_s,
                                       {wireName(status)},
                                       processFrom);
}

} // namespace Core
