// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/gitworktree.h"

#include "core/git2util.h"
#include "core/gitrepository.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <git2.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace Core {
using namespace Git2;
namespace {

/// Adds "/.forge/" to the repository's info/exclude once, so worktrees never show up in the
/// user's `git status`.
void excludeForgeDirectory(git_repository *repo)
{
    const QString common = QString::fromUtf8(git_repository_commondir(repo));
    const QString excludePath = QDir(common).filePath(u"info/exclude"_s);
    QFile file(excludePath);
    QByteArray content;
    if (file.open(QIODevice::ReadOnly)) {
        content = file.readAll();
        file.close();
    }
    for (const QByteArray &line : content.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed == "/.forge/" || trimmed == "/.forge" || trimmed == ".forge/"
            || trimmed == ".forge")
            return;
    }
    QDir().mkpath(QFileInfo(excludePath).absolutePath());
    if (file.open(QIODevice::Append)) {
        if (!content.isEmpty() && !content.endsWith('\n'))
            file.write("\n");
        file.write("# Forgedesk keeps attempt worktrees here\n/.forge/\n");
    }
}

/// Checks branch out at path as a linked worktree named after the directory.
Result<void> addWorktree(git_repository *repo, const QString &path, git_reference *branch)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    excludeForgeDirectory(repo);
    git_worktree_add_options options = GIT_WORKTREE_ADD_OPTIONS_INIT;
    options.ref = branch;
    git_worktree *rawWorktree = nullptr;
    const QByteArray name = QFileInfo(path).fileName().toUtf8();
    if (git_worktree_add(&rawWorktree,
                         repo,
                         name.constData(),
                         QFile::encodeName(path).constData(),
                         &options)
        != 0)
        return fail(gitError(u"cannot add the worktree '%1'"_s.arg(path)));
    Worktree worktree(rawWorktree);
    return {};
}

bool copyRecursively(const QString &source, const QString &target)
{
    const QFileInfo info(source);
    if (info.isDir()) {
        if (!QDir().mkpath(target))
            return false;
        QDirIterator it(source,
                        QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::NoSymLinks,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString destination = target + path.mid(source.size());
            if (it.fileInfo().isDir()) {
                if (!QDir().mkpath(destination))
                    return false;
            } else {
                QFile::remove(destination);
                if (!QFile::copy(path, destination))
                    return false;
            }
        }
        return true;
    }
    QDir().mkpath(QFileInfo(target).absolutePath());
    QFile::remove(target);
    return QFile::copy(source, target);
}

} // namespace

QString GitWorktree::slug(const QString &text, int maxLength)
{
    QString out;
    bool dash = false;
    // Decomposed, so that "Crème brûlée" keeps its letters ("creme-brulee") without the accents.
    for (QChar c : text.normalized(QString::NormalizationForm_KD).toLower()) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) {
            const bool separate = dash && !out.isEmpty();
            if (out.size() + (separate ? 2 : 1) > maxLength)
                break;
            if (separate)
                out.append(u'-');
            out.append(c);
            dash = false;
        } else {
            dash = true;
        }
    }
    while (out.endsWith(u'-'))
        out.chop(1);
    return out.isEmpty() ? u"task"_s : out;
}

Result<WorktreeInfo> GitWorktree::create(const QString &repoPath,
                                         const QString &baseBranch,
                                         const QString &path,
                                         const QString &branch)
{
    auto repo = open(repoPath);
    if (!repo)
        return fail(repo.error());
    git_reference *rawBase = nullptr;
    if (git_branch_lookup(&rawBase, repo->get(), baseBranch.toUtf8().constData(), GIT_BRANCH_LOCAL)
        != 0) {
        return fail(Error::conflict(
            u"the base branch '%1' does not exist (or has no commit yet) in '%2'"_s.arg(baseBranch,
                                                                                        repoPath)));
    }
    Reference base(rawBase);
    git_object *peeled = nullptr;
    if (git_reference_peel(&peeled, base.get(), GIT_OBJECT_COMMIT) != 0)
        return fail(gitError(u"cannot resolve the base branch '%1'"_s.arg(baseBranch)));
    Commit baseCommit(reinterpret_cast<git_commit *>(peeled));

    git_reference *rawBranch = nullptr;
    const int created = git_branch_create(&rawBranch,
                                          repo->get(),
                                          branch.toUtf8().constData(),
                                          baseCommit.get(),
                                          0);
    if (created == GIT_EEXISTS)
        return fail(Error::conflict(u"the branch '%1' already exists"_s.arg(branch)));
    if (created != 0)
        return fail(gitError(u"cannot create the branch '%1'"_s.arg(branch)));
    Reference newBranch(rawBranch);

    if (QFileInfo::exists(path)) {
        git_branch_delete(newBranch.get());
        return fail(Error::conflict(u"the worktree path '%1' already exists"_s.arg(path)));
    }
    if (auto added = addWorktree(repo->get(), path, newBranch.get()); !added) {
        git_branch_delete(newBranch.get());
        return fail(added.error());
    }
    return WorktreeInfo{QFileInfo(path).canonicalFilePath(),
                        branch,
                        oidString(git_commit_id(baseCommit.get()))};
}

Result<QString> GitWorktree::restore(const QString &repoPath,
                                     const QString &path,
                                     const QString &branch)
{
    if (QFileInfo::exists(QDir(path).filePath(u".git"_s)))
        return QFileInfo(path).canonicalFilePath();
    // Stale metadata or an empty directory left by whoever removed it would stop the add.
    if (auto cleared = remove(repoPath, path, QString()); !cleared)
        return fail(cleared.error());
    auto repo = open(repoPath);
    if (!repo)
        return fail(repo.error());
    git_reference *rawBranch = nullptr;
    if (git_branch_lookup(&rawBranch, repo->get(), branch.toUtf8().constData(), GIT_BRANCH_LOCAL)
        != 0)
        return fail(Error::conflict(
            u"the attempt's branch '%1' is gone, so its worktree cannot be made again"_s.arg(
                branch)));
    Reference ref(rawBranch);
    if (auto added = addWorktree(repo->get(), path, ref.get()); !added)
        return fail(added.error());
    return QFileInfo(path).canonicalFilePath();
}

Result<void> GitWorktree::remove(const QString &repoPath, const QString &path, const QString &branch)
{
    auto repo = open(repoPath);
    if (!repo)
        return fail(repo.error());
    const QByteArray name = QFileInfo(path).fileName().toUtf8();
    git_worktree *rawWorktree = nullptr;
    if (!name.isEmpty() && git_worktree_lookup(&rawWorktree, repo->get(), name.constData()) == 0) {
        Worktree worktree(rawWorktree);
        git_worktree_prune_options options = GIT_WORKTREE_PRUNE_OPTIONS_INIT;
        options.flags = GIT_WORKTREE_PRUNE_VALID | GIT_WORKTREE_PRUNE_LOCKED
                        | GIT_WORKTREE_PRUNE_WORKING_TREE;
        if (git_worktree_prune(worktree.get(), &options) != 0)
            return fail(gitError(u"cannot remove the worktree '%1'"_s.arg(path)));
    }
    // The prune deletes the directory only while git still knows it; make sure it is gone.
    if (!path.isEmpty() && QFileInfo::exists(path) && path.contains(u"/.forge/worktrees/"_s))
        QDir(path).removeRecursively();
    git_reference *rawBranch = nullptr;
    if (!branch.isEmpty()
        && git_branch_lookup(&rawBranch, repo->get(), branch.toUtf8().constData(), GIT_BRANCH_LOCAL)
               == 0) {
        Reference ref(rawBranch);
        if (git_branch_delete(ref.get()) != 0)
            return fail(gitError(u"cannot delete the branch '%1'"_s.arg(branch)));
    }
    return {};
}

Result<std::optional<QString>> GitWorktree::commitAll(const QString &worktreePath,
                                                      const QString &message)
{
    auto repo = open(worktreePath);
    if (!repo)
        return fail(repo.error());
    git_index *rawIndex = nullptr;
    if (git_repository_index(&rawIndex, repo->get()) != 0)
        return fail(gitError(u"cannot read the index"_s));
    Index index(rawIndex);
    char star[] = "*";
    char *patterns[] = {star};
    const git_strarray all = {patterns, 1};
    if (git_index_add_all(index.get(), &all, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr) != 0
        || git_index_update_all(index.get(), &all, nullptr, nullptr) != 0
        || git_index_write(index.get()) != 0)
        return fail(gitError(u"cannot stage the changes"_s));
    git_oid treeId;
    if (git_index_write_tree(&treeId, index.get()) != 0)
        return fail(gitError(u"cannot write the tree"_s));

    git_oid headId;
    Commit parent;
    if (git_reference_name_to_id(&headId, repo->get(), "HEAD") == 0) {
        git_commit *rawParent = nullptr;
        if (git_commit_lookup(&rawParent, repo->get(), &headId) != 0)
            return fail(gitError(u"cannot read HEAD"_s));
        parent.reset(rawParent);
        if (git_oid_equal(git_commit_tree_id(parent.get()), &treeId))
            return std::optional<QString>(); // nothing changed
    }
    git_tree *rawTree = nullptr;
    if (git_tree_lookup(&rawTree, repo->get(), &treeId) != 0)
        return fail(gitError(u"cannot read the new tree"_s));
    Tree tree(rawTree);
    auto signature = signatureFor(repo->get());
    if (!signature)
        return fail(signature.error());
    const git_commit *parents[] = {parent.get()};
    git_oid commitId;
    const QByteArray text = message.toUtf8();
    if (git_commit_create(&commitId,
                          repo->get(),
                          "HEAD",
                          signature->get(),
                          signature->get(),
                          nullptr,
                          text.constData(),
                          tree.get(),
                          parent ? 1 : 0,
                          parents)
        != 0)
        return fail(gitError(u"cannot commit"_s));
    return std::optional<QString>(oidString(&commitId));
}

Result<QString> GitWorktree::headCommit(const QString &worktreePath)
{
    auto repo = open(worktreePath);
    if (!repo)
        return fail(repo.error());
    git_oid headId;
    if (git_reference_name_to_id(&headId, repo->get(), "HEAD") != 0)
        return fail(gitError(u"cannot resolve HEAD"_s));
    return oidString(&headId);
}

Result<QString> GitWorktree::headBranch(const QString &worktreePath)
{
    auto repo = open(worktreePath);
    if (!repo)
        return fail(repo.error());
    if (git_repository_head_detached(repo->get()) == 1)
        return QString();
    git_reference *head = nullptr;
    if (git_repository_head(&head, repo->get()) != 0)
        return fail(gitError(u"cannot read HEAD"_s));
    Reference owned(head);
    return QString::fromUtf8(git_reference_shorthand(head));
}

bool GitWorktree::isDirty(const QString &worktreePath)
{
    auto repo = open(worktreePath);
    if (!repo)
        return true;
    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED;
    git_status_list *raw = nullptr;
    if (git_status_list_new(&raw, repo->get(), &options) != 0)
        return true;
    StatusList list(raw);
    return git_status_list_entrycount(raw) > 0;
}

void GitWorktree::prune(const QString &repoPath)
{
    auto repo = open(repoPath);
    if (!repo)
        return;
    git_strarray names = {nullptr, 0};
    if (git_worktree_list(&names, repo->get()) != 0)
        return;
    for (size_t i = 0; i < names.count; ++i) {
        git_worktree *raw = nullptr;
        if (git_worktree_lookup(&raw, repo->get(), names.strings[i]) != 0)
            continue;
        Worktree worktree(raw);
        git_worktree_prune_options options = GIT_WORKTREE_PRUNE_OPTIONS_INIT;
        // Only worktrees whose directory is gone: without the VALID flag, valid ones are kept.
        if (git_worktree_is_prunable(raw, &options) == 1)
            git_worktree_prune(raw, &options);
    }
    git_strarray_dispose(&names);
}

Result<ChangeStats> GitWorktree::changesSince(const QString &worktreePath, const QString &baseCommit)
{
    auto repo = open(worktreePath);
    if (!repo)
        return fail(repo.error());
    auto head = headCommit(worktreePath);
    if (!head)
        return fail(head.error());
    auto oldTree = treeOf(repo->get(), baseCommit, u"baseCommit"_s);
    if (!oldTree)
        return fail(oldTree.error());
    auto newTree = treeOf(repo->get(), *head);
    if (!newTree)
        return fail(newTree.error());
    git_diff *rawDiff = nullptr;
    if (git_diff_tree_to_tree(&rawDiff, repo->get(), oldTree->get(), newTree->get(), nullptr) != 0)
        return fail(gitError(u"cannot diff"_s));
    Diff diff(rawDiff);
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    git_diff_find_similar(diff.get(), &find);

    ChangeStats stats;
    const size_t count = git_diff_num_deltas(diff.get());
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta *delta = git_diff_get_delta(diff.get(), i);
        const QString newPath = QString::fromUtf8(delta->new_file.path);
        const QString oldPath = QString::fromUtf8(delta->old_file.path);
        switch (delta->status) {
        case GIT_DELTA_ADDED:
            ++stats.filesCreated;
            stats.descriptions.append(u"Created "_s + newPath);
            break;
        case GIT_DELTA_DELETED:
            ++stats.filesDeleted;
            stats.descriptions.append(u"Deleted "_s + oldPath);
            break;
        case GIT_DELTA_RENAMED:
            ++stats.filesModified;
            stats.descriptions.append(u"Renamed %1 to %2"_s.arg(oldPath, newPath));
            break;
        default: ++stats.filesModified; stats.descriptions.append(u"Modified "_s + newPath);
        }
    }
    stats.filesChanged = int(count);
    git_diff_stats *rawStats = nullptr;
    if (git_diff_get_stats(&rawStats, diff.get()) == 0) {
        DiffStats owned(rawStats);
        stats.linesAdded = int(git_diff_stats_insertions(rawStats));
        stats.linesRemoved = int(git_diff_stats_deletions(rawStats));
    }
    return stats;
}

GitWorktree::CopyReport GitWorktree::copyFiles(const QString &repoPath,
                                               const QString &worktreePath,
                                               const QStringList &relativePaths)
{
    CopyReport report;
    const QString root = QFileInfo(repoPath).canonicalFilePath();
    const QString target = QFileInfo(worktreePath).canonicalFilePath();
    for (const QString &relative : relativePaths) {
        const QString source = QDir(repoPath).filePath(relative);
        const QString canonical = QFileInfo(source).canonicalFilePath();
        if (canonical.isEmpty()) {
            report.missing.append(relative);
            continue;
        }
        // A symlink pointing out of the repository must not smuggle files in.
        if (!canonical.startsWith(root + u'/')) {
            report.refused.append(relative);
            continue;
        }
        // Nor may a copy hold the worktree itself (".forge", or "." which the check above
        // refuses): it would copy into itself until paths grow too long.
        if (!target.isEmpty() && (target == canonical || target.startsWith(canonical + u'/'))) {
            report.refused.append(relative);
            continue;
        }
        if (copyRecursively(canonical, QDir(worktreePath).filePath(QDir::cleanPath(relative))))
            report.copied.append(relative);
        else
            report.refused.append(relative);
    }
    return report;
}

} // namespace Core
