// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/projectstore.h"

#include "core/sqlconnection.h"
#include "core/sqlvalues.h"
#include "core/timestamps.h"

using namespace Qt::StringLiterals;

namespace Core {
namespace {

constexpr auto columns
    = "id, name, repo_path, base_branch, setup_script, dev_script, cleanup_script, "
      "copy_files, default_llm, created_at, updated_at, merge_requires_approval, merge_approvers"_L1;

Project projectFrom(const Statement &row)
{
    Project project;
    project.id = ProjectId(row.value(0).toString());
    project.name = row.value(1).toString();
    project.repoPath = row.value(2).toString();
    project.baseBranch = row.value(3).toString();
    project.setupScript = optionalText(row.value(4));
    project.devScript = optionalText(row.value(5));
    project.cleanupScript = optionalText(row.value(6));
    project.copyFiles = stringListFromJson(row.value(7).toString());
    project.defaultLlm = optionalText(row.value(8));
    project.createdAt = fromTimestamp(row.value(9).toString());
    project.updatedAt = fromTimestamp(row.value(10).toString());
    project.mergeRequiresApproval = row.value(11).toInt() != 0;
    project.mergeApprovers = stringListFromJson(row.value(12).toString());
    return project;
}

Result<std::optional<Project>> findOne(SqlConnection &sql,
                                       const QString &where,
                                       const QString &value)
{
    auto query = sql.prepare(u"SELECT "_s + columns + u" FROM projects WHERE "_s + where);
    if (!query)
        return fail(query.error());
    query->bind(0, value);
    if (auto ran = query->exec(); !ran)
        return fail(ran.error());
    if (!query->next())
        return std::optional<Project>();
    return std::optional<Project>(projectFrom(*query));
}

QString orderBy(const QList<SortKey> &sort)
{
    if (sort.isEmpty())
        return u" ORDER BY created_at DESC, rowid DESC"_s;
    QStringList terms;
    for (const SortKey &key : sort) {
        const QString expression = key.field == "name"_L1 ? u"name COLLATE NOCASE"_s : key.field;
        terms.append(expression + (key.descending ? u" DESC"_s : u" ASC"_s));
    }
    terms.append(sort.constLast().descending ? u"rowid DESC"_s : u"rowid ASC"_s);
    return u" ORDER BY "_s + terms.join(u", "_s);
}

} // namespace

Result<void> ProjectStore::insert(SqlConnection &sql, const Project &project)
{
    auto query = sql.prepare(u"INSERT INTO projects ("_s + columns
                             + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    if (!query)
        return fail(query.error());
    query->bind(0, project.id.toString())
        .bind(1, project.name)
        .bind(2, project.repoPath)
        .bind(3, project.baseBranch)
        .bind(4, nullableText(project.setupScript))
        .bind(5, nullableText(project.devScript))
        .bind(6, nullableText(project.cleanupScript))
        .bind(7, stringListToJson(project.copyFiles))
        .bind(8, nullableText(project.defaultLlm))
        .bind(9, toTimestamp(project.createdAt))
        .bind(10, toTimestamp(project.updatedAt))
        .bind(11, project.mergeRequiresApproval ? 1 : 0)
        .bind(12, stringListToJson(project.mergeApprovers));
    return query->exec();
}

Result<void> ProjectStore::update(SqlConnection &sql, const Project &project)
{
    auto query = sql.prepare(u"UPDATE projects SET name = ?, repo_path = ?, base_branch = ?, "
                             "setup_script = ?, dev_script = ?, cleanup_script = ?, copy_files = ?, "
                             "default_llm = ?, updated_at = ?, merge_requires_approval = ?, "
                             "merge_approvers = ? WHERE id = ?"_s);
    if (!query)
        return fail(query.error());
    query->bind(0, project.name)
        .bind(1, project.repoPath)
        .bind(2, project.baseBranch)
        .bind(3, nullableText(project.setupScript))
        .bind(4, nullableText(project.devScript))
        .bind(5, nullableText(project.cleanupScript))
        .bind(6, stringListToJson(project.copyFiles))
        .bind(7, nullableText(project.defaultLlm))
        .bind(8, toTimestamp(project.updatedAt))
        .bind(9, project.mergeRequiresApproval ? 1 : 0)
        .bind(10, stringListToJson(project.mergeApprovers))
        .bind(11, project.id.toString());
    if (auto ran = query->exec(); !ran)
        return ran;
    if (query->numRowsAffected() != 1)
        return fail(Error::notFound(u"project"_s, project.id.toString()));
    return {};
}

Result<QList<TaskId>> ProjectStore::remove(SqlConnection &sql, const ProjectId &id)
{
    QList<TaskId> tasks;
    {
        auto select = sql.prepare(u"SELECT id FROM tasks WHERE project_id = ? ORDER BY rowid"_s);
        if (!select)
            return fail(select.error());
        select->bind(0, id.toString());
        if (auto ran = select->exec(); !ran)
            return fail(ran.error());
        while (select->next())
            tasks.append(TaskId(select->value(0).toString()));
    }
    auto query = sql.prepare(u"DELETE FROM projects WHERE id = ?"_s);
    if (!query)
        return fail(query.error());
    query->bind(0, id.toString());
    if (auto ran = query->exec(); !ran)
        return fail(ran.error());
    if (query->numRowsAffected() != 1)
        return fail(Error::notFound(u"project"_s, id.toString()));
    return tasks;
}

Result<std::optional<Project>> ProjectStore::find(SqlConnection &sql, const ProjectId &id)
{
    return findOne(sql, u"id = ?"_s, id.toString());
}

Result<std::optional<Project>> ProjectStore::findByRepoPath(SqlConnection &sql,
                                                            const QString &repoPath)
{
    return findOne(sql, u"repo_path = ?"_s, repoPath);
}

Result<Page<Project>> ProjectStore::list(SqlConnection &sql, const ProjectQuery &query)
{
    if (auto valid = query.page.validate(); !valid)
        return fail(valid.error());
    Page<Project> page;
    page.page = query.page.page;
    page.limit = query.page.limit;
    {
        auto count = sql.prepare(u"SELECT COUNT(*) FROM projects"_s);
        if (!count)
            return fail(count.error());
        if (auto ran = count->exec(); !ran)
            return fail(ran.error());
        page.total = count->next() ? count->value(0).toLongLong() : 0;
    }
    auto select = sql.prepare(u"SELECT "_s + columns + u" FROM projects"_s + orderBy(query.sort)
                              + u" LIMIT ? OFFSET ?"_s);
    if (!select)
        return fail(select.error());
    select->bind(0, query.page.limit).bind(1, query.page.offset());
    if (auto ran = select->exec(); !ran)
        return fail(ran.error());
    while (select->next())
        page.items.append(projectFrom(*select));
    return page;
}

Result<QList<Project>> ProjectStore::all(SqlConnection &sql)
{
    auto select = sql.prepare(u"SELECT "_s + columns
                              + u" FROM projects ORDER BY name COLLATE NOCASE, rowid"_s);
    if (!select)
        return fail(select.error());
    if (auto ran = select->exec(); !ran)
        return fail(ran.error());
    QList<Project> projects;
    while (select->next())
        projects.append(projectFrom(*select));
    return projects;
}

} // namespace Core
