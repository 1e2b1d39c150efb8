// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/taskactivity.h"

#include "core/database.h"
#include "core/sqlconnection.h"
#include "core/sqlselect.h"
#include "core/sqlvalues.h"
#include "core/timestamps.h"

using namespace Qt::StringLiterals;

namespace Core {
namespace {

// Both queries group the attempts by task; `scope` picks the tasks and binds one value. Profile
// names are [a-z0-9_-] (Validate::llm), so GROUP_CONCAT's comma cannot occur inside one.
constexpr auto costAndAgents = "SELECT a.task_id, SUM(a.total_cost), GROUP_CONCAT(DISTINCT a.llm) "
                               "FROM attempts a %1 GROUP BY a.task_id"_L1;
constexpr auto pendingApprovals = "SELECT a.task_id, COUNT(*) FROM approvals p "
                                  "JOIN attempts a ON a.id = p.attempt_id %1 "
                                  "AND p.status = 'pending' "
                                  "AND (p.expires_at IS NULL OR p.expires_at > ?) "
                                  "GROUP BY a.task_id"_L1;
constexpr auto byProject = "JOIN tasks t ON t.id = a.task_id WHERE t.project_id = ?"_L1;
constexpr auto byTasks = "WHERE a.task_id IN (SELECT value FROM json_each(?))"_L1;

template<typename IdList>
QString idsToJson(const IdList &ids)
{
    QStringList texts;
    texts.reserve(ids.size());
    for (const auto &id : ids)
        texts.append(id.toString());
    return stringListToJson(texts);
}

Result<TaskActivities> readScoped(SqlConnection &sql,
                                  QLatin1StringView scope,
                                  const QString &value,
                                  const QDateTime &now)
{
    TaskActivities activities;
    {
        auto rows = sql.prepare(QString(costAndAgents).arg(scope));
        if (!rows)
            return fail(rows.error());
        if (auto done = run(*rows, {value}); !done)
            return fail(done.error());
        while (rows->next()) {
            TaskActivity &activity = activities[TaskId(rows->value(0).toString())];
            activity.totalCost = rows->value(1).toDouble();
            activity.agents = rows->value(2).toString().split(u',', Qt::SkipEmptyParts);
            activity.agents.sort();
        }
    }
    auto rows = sql.prepare(QString(pendingApprovals).arg(scope));
    if (!rows)
        return fail(rows.error());
    if (auto done = run(*rows, {value, toTimestamp(now)}); !done)
        return fail(done.error());
    while (rows->next())
        activities[TaskId(rows->value(0).toString())].pendingApprovals = rows->value(1).toInt();
    return activities;
}

Result<TaskActivities> readTaskList(SqlConnection &sql,
                                    const QList<TaskId> &tasks,
                                    const QDateTime &now)
{
    if (tasks.isEmpty())
        return TaskActivities();
    auto found = readScoped(sql, byTasks, idsToJson(tasks), now);
    if (!found)
        return found;
    for (const TaskId &task : tasks) {
        if (!found->contains(task))
            found->insert(task, TaskActivity());
    }
    return found;
}

} // namespace

TaskActivityReader::TaskActivityReader(Database &database)
    : m_database(&database)
{}

Future<Result<TaskActivities>> TaskActivityReader::forProject(const ProjectId &project) const
{
    return m_database->read(
        [project](SqlConnection &sql) { return readProject(sql, project, nowUtc()); });
}

Future<Result<TaskActivities>> TaskActivityReader::forTasks(const QList<TaskId> &tasks) const
{
    return m_database->read([tasks](SqlConnection &sql) { return readTasks(sql, tasks, nowUtc()); });
}

Future<Result<TaskActivities>> TaskActivityReader::forAttempts(const QList<AttemptId> &attempts) const
{
    return m_database->read(
        [attempts](SqlConnection &sql) { return readAttempts(sql, attempts, nowUtc()); });
}

Result<TaskActivities> TaskActivityReader::readProject(SqlConnection &sql,
                                                       const ProjectId &project,
                                                       const QDateTime &now)
{
    const ReadTransaction snapshot(sql); // both queries see one state
    return readScoped(sql, byProject, project.toString(), now);
}

Result<TaskActivities> TaskActivityReader::readTasks(SqlConnection &sql,
                                                     const QList<TaskId> &tasks,
                                                     const QDateTime &now)
{
    const ReadTransaction snapshot(sql);
    return readTaskList(sql, tasks, now);
}

Result<TaskActivities> TaskActivityReader::readAttempts(SqlConnection &sql,
                                                        const QList<AttemptId> &attempts,
                                                        const QDateTime &now)
{
    if (attempts.isEmpty())
        return TaskActivities();
    const ReadTransaction snapshot(sql);
    auto tasks = selectAll<TaskId>(sql,
                                   u"SELECT DISTINCT task_id FROM attempts "
                                   "WHERE id IN (SELECT value FROM json_each(?))"_s,
                                   {idsToJson(attempts)},
                                   [](const Statement &row) {
                                       return TaskId(row.value(0).toString());
                                   });
    if (!tasks)
        return fail(tasks.error());
    return readTaskList(sql, *tasks, now);
}

} // namespace Core
