// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/projectservice.h"

#include "core/database.h"
#include "core/eventbus.h"
#include "core/gitrepository.h"
#include "core/projectstore.h"
#include "core/timestamps.h"
#include "core/validation.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

Result<void> checkBaseBranch(const RepositoryInfo &repo, const QString &branch)
{
    if (repo.localBranches.contains(branch) || (repo.headUnborn && branch == repo.currentBranch))
        return {};
    return fail(Error::validation(u"baseBranch"_s,
                                  u"branch '%1' does not exist in '%2' (local branches: %3)"_s
                                      .arg(branch,
                                           repo.topLevel,
                                           repo.localBranches.isEmpty()
                                               ? u"none"_s
                                               : repo.localBranches.join(u", "_s))));
}

/// The repository-independent fields of a new project, validated and normalised.
Result<NewProject> validated(NewProject input)
{
    auto name = Validate::requiredLine(u"name"_s, input.name, Validate::maxNameLength);
    if (!name)
        return fail(name.error());
    input.name = *name;
    for (auto [field, script] : {std::pair{u"setupScript"_s, &input.setupScript},
                                 std::pair{u"devScript"_s, &input.devScript},
                                 std::pair{u"cleanupScript"_s, &input.cleanupScript}}) {
        auto checked = Validate::optionalText(field, *script, Validate::maxScriptLength);
        if (!checked)
            return fail(checked.error());
    }
    auto copyFiles = Validate::relativePaths(u"copyFiles"_s, input.copyFiles);
    if (!copyFiles)
        return fail(copyFiles.error());
    input.copyFiles = *copyFiles;
    auto llm = Validate::llm(u"defaultLlm"_s, input.defaultLlm);
    if (!llm)
        return fail(llm.error());
    if (input.mergeApprovers.size() > 50)
        return fail(Error::validation(u"mergeApprovers"_s, u"must list at most 50 approvers"_s));
    for (QString &approver : input.mergeApprovers) {
        approver = approver.trimmed();
        if (approver.isEmpty() || approver.size() > 254 || approver.contains(u' '))
            return fail(Error::validation(u"mergeApprovers"_s,
                                          u"'%1' is not an identity (an e-mail address or API "
                                          "key name)"_s.arg(approver.left(80))));
    }
    input.mergeApprovers.removeDuplicates();
    if (input.baseBranch) {
        auto branch = Validate::branchName(u"baseBranch"_s, *input.baseBranch);
        if (!branch)
            return fail(branch.error());
        input.baseBranch = *branch;
    }
    return input;
}

Result<void> ensureRepoUnused(SqlConnection &sql, const QString &repoPath, const ProjectId &except)
{
    auto existing = ProjectStore::findByRepoPath(sql, repoPath);
    if (!existing)
        return fail(existing.error());
    if (*existing && (*existing)->id != except) {
        return fail(
            Error::conflict(u"project '%1' (%2) already uses the repository at '%3'"_s
                                .arg((*existing)->name, (*existing)->id.toString(), repoPath),
                            QJsonObject{{u"field"_s, u"repoPath"_s},
                                        {u"projectId"_s, (*existing)->id.toString()}}));
    }
    return {};
}

} // namespace

ProjectService::ProjectService(Database &database,
                               EventBus &events,
                               QThreadPool &blockingPool,
                               QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_events(events)
    , m_blockingPool(blockingPool)
{}

Future<Result<Project>> ProjectService::create(const NewProject &input)
{
    auto checked = validated(input);
    if (!checked)
        return Future<Result<Project>>::ready(Result<Project>(fail(checked.error())));
    const NewProject valid = *checked;
    return runOnPool(m_blockingPool,
                     [path = valid.repoPath] { return GitRepository::inspect(path, u"repoPath"_s); })
        .then(this,
              [this, valid](const Result<RepositoryInfo> &repo) -> Future<Result<Project>> {
                  if (!repo)
                      return Future<Result<Project>>::ready(Result<Project>(fail(repo.error())));
                  Project project;
                  project.id = ProjectId::generate();
                  project.name = valid.name;
                  project.repoPath = repo->topLevel;
                  project.baseBranch = valid.baseBranch.value_or(repo->currentBranch);
                  if (project.baseBranch.isEmpty()) {
                      return Future<Result<Project>>::ready(Result<Project>(fail(Error::validation(
                          u"baseBranch"_s,
                          u"the repository's HEAD is detached; name the base branch"_s))));
                  }
                  if (auto branch = checkBaseBranch(*repo, project.baseBranch); !branch)
                      return Future<Result<Project>>::ready(Result<Project>(fail(branch.error())));
                  project.setupScript = valid.setupScript;
                  project.devScript = valid.devScript;
                  project.cleanupScript = valid.cleanupScript;
                  project.copyFiles = valid.copyFiles;
                  project.defaultLlm = valid.defaultLlm;
                  project.mergeRequiresApproval = valid.mergeRequiresApproval;
                  project.mergeApprovers = valid.mergeApprovers;
                  project.createdAt = project.updatedAt = nowUtc();
                  return m_database.write([project](SqlConnection &sql) -> Result<Project> {
                      if (auto unused = ensureRepoUnused(sql, project.repoPath, project.id); !unused)
                          return fail(unused.error());
                      if (auto inserted = ProjectStore::insert(sql, project); !inserted)
                          return fail(inserted.error());
                      return project;
                  });
              })
        .then(this, [this](const Result<Project> &created) {
            if (created)
                m_events.publish(ProjectEvent{ChangeKind::Created, *created, created->updatedAt});
            return created;
        });
}

Future<Result<Project>> ProjectService::update(const ProjectId &id, const ProjectPatch &patch)
{
    // The new values obey the same rules as at creation.
    NewProject probe;
    probe.name = patch.name.value_or(u"unchanged"_s);
    probe.setupScript = patch.setupScript.value_or(std::nullopt);
    probe.devScript = patch.devScript.value_or(std::nullopt);
    probe.cleanupScript = patch.cleanupScript.value_or(std::nullopt);
    probe.copyFiles = patch.copyFiles.value_or(QStringList());
    probe.defaultLlm = patch.defaultLlm.value_or(std::nullopt);
    probe.mergeApprovers = patch.mergeApprovers.value_or(QStringList());
    probe.baseBranch = patch.baseBranch;
    auto checked = validated(probe);
    if (!checked)
        return Future<Result<Project>>::ready(Result<Project>(fail(checked.error())));
    ProjectPatch clean = patch;
    if (clean.name)
        clean.name = checked->name;
    if (clean.copyFiles)
        clean.copyFiles = checked->copyFiles;
    if (clean.mergeApprovers)
        clean.mergeApprovers = checked->mergeApprovers;
    if (clean.baseBranch)
        clean.baseBranch = checked->baseBranch;

    if (!clean.repoPath && !clean.baseBranch)
        return commitUpdate(id, clean, std::nullopt);
    // A new repository or base branch is checked against the repository first, off this thread.
    return get(id)
        .then(this, [this, id, clean](const Result<Project> &current) -> Future<Result<Project>> {
            if (!current)
                return Future<Result<Project>>::ready(Result<Project>(fail(current.error())));
            const QString path = clean.repoPath.value_or(current->repoPath);
            return runOnPool(m_blockingPool,
                             [path] { return GitRepository::inspect(path, u"repoPath"_s); })
                .then(this,
                      [this, id, clean](
                          const Result<RepositoryInfo> &repo) -> Future<Result<Project>> {
                          if (!repo)
                              return Future<Result<Project>>::ready(
                                  Result<Project>(fail(repo.error())));
                          return commitUpdate(id, clean, *repo);
                      });
        });
}

Future<Result<Project>> ProjectService::commitUpdate(const ProjectId &id,
                                                     const ProjectPatch &patch,
                                                     const std::optional<RepositoryInfo> &repo)
{
    return m_database
        .write([id, patch, repo](SqlConnection &sql) -> Result<Project> {
            auto found = ProjectStore::find(sql, id);
            if (!found)
                return fail(found.error());
            if (!*found)
                return fail(Error::notFound(u"project"_s, id.toString()));
            Project project = **found;
            if (patch.name)
                project.name = *patch.name;
            if (patch.baseBranch)
                project.baseBranch = *patch.baseBranch;
            if (repo) {
                project.repoPath = repo->topLevel;
                if (auto branch = checkBaseBranch(*repo, project.baseBranch); !branch)
                    return fail(branch.error());
            }
            if (patch.setupScript)
                project.setupScript = *patch.setupScript;
            if (patch.devScript)
                project.devScript = *patch.devScript;
            if (patch.cleanupScript)
                project.cleanupScript = *patch.cleanupScript;
            if (patch.copyFiles)
                project.copyFiles = *patch.copyFiles;
            if (patch.defaultLlm)
                project.defaultLlm = *patch.defaultLlm;
            if (patch.mergeRequiresApproval)
                project.mergeRequiresApproval = *patch.mergeRequiresApproval;
            if (patch.mergeApprovers)
                project.mergeApprovers = *patch.mergeApprovers;
            project.updatedAt = nowUtc();
            if (auto unused = ensureRepoUnused(sql, project.repoPath, project.id); !unused)
                return fail(unused.error());
            if (auto updated = ProjectStore::update(sql, project); !updated)
                return fail(updated.error());
            return project;
        })
        .then(this, [this](const Result<Project> &updated) {
            if (updated)
                m_events.publish(ProjectEvent{ChangeKind::Updated, *updated, updated->updatedAt});
            return updated;
        });
}

Future<Result<Project>> ProjectService::remove(const ProjectId &id)
{
    using Removed = std::pair<Project, QList<TaskId>>;
    return m_database
        .write([id](SqlConnection &sql) -> Result<Removed> {
            auto found = ProjectStore::find(sql, id);
            if (!found)
                return fail(found.error());
            if (!*found)
                return fail(Error::notFound(u"project"_s, id.toString()));
            auto tasks = ProjectStore::remove(sql, id);
            if (!tasks)
                return fail(tasks.error());
            return Removed{**found, *tasks};
        })
        .then(this, [this](const Result<Removed> &removed) -> Result<Project> {
            if (!removed)
                return fail(removed.error());
            const QDateTime at = nowUtc();
            // The cascade removed the tasks too; say so, so no face keeps showing them.
            for (const TaskId &taskId : removed->second) {
                Task task;
                task.id = taskId;
                task.projectId = removed->first.id;
                m_events.publish(TaskEvent{ChangeKind::Deleted, task, std::nullopt, at});
            }
            m_events.publish(ProjectEvent{ChangeKind::Deleted, removed->first, at});
            return removed->first;
        });
}

Future<Result<Project>> ProjectService::get(const ProjectId &id)
{
    return m_database.read([id](SqlConnection &sql) -> Result<Project> {
        auto found = ProjectStore::find(sql, id);
        if (!found)
            return fail(found.error());
        if (!*found)
            return fail(Error::notFound(u"project"_s, id.toString()));
        return **found;
    });
}

Future<Result<Page<Project>>> ProjectService::list(const ProjectQuery &query)
{
    if (auto valid = query.page.validate(); !valid)
        return Future<Result<Page<Project>>>::ready(Result<Page<Project>>(fail(valid.error())));
    return m_database.read([query](SqlConnection &sql) {
        const ReadTransaction snapshot(sql);
        return ProjectStore::list(sql, query);
    });
}

Future<Result<QList<Project>>> ProjectService::all()
{
    return m_database.read([](SqlConnection &sql) { return ProjectStore::all(sql); });
}

Future<Result<std::optional<Project>>> ProjectService::findByRepoPath(const QString &path)
{
    // Resolving the path touches the disk, so it happens on the reader thread too.
    return m_database.read([path](SqlConnection &sql) -> Result<std::optional<Project>> {
        const QString canonical = QFileInfo(path).canonicalFilePath();
        if (canonical.isEmpty())
            return std::optional<Project>();
        return ProjectStore::findByRepoPath(sql, canonical);
    });
}

} // namespace Core
