// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/gitbranch.h"

#include "core/git2util.h"
#include "core/gitprocess.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Core {
using namespace Git2;
namespace {

using Revwalk = Owned<git_revwalk, git_revwalk_free>;
using ConflictIterator = Owned<git_index_conflict_iterator, git_index_conflict_iterator_free>;
using WorktreeList = std::unique_ptr<git_strarray, void (*)(git_strarray *)>;

Error nothingToLand(const QString &branch, const QString &targetBranch)
{
    return Error::conflict(
        u"Nothing to merge: '%1' already has every change of '%2'"_s.arg(targetBranch, branch));
}

Error conflictError(const QString &message, const QString &key, const QStringList &files)
{
    return Error::conflict(message, QJsonObject{{key, QJsonArray::fromStringList(files)}});
}

QString pathOf(const git_index_entry *ancestor,
               const git_index_entry *ours,
               const git_index_entry *theirs)
{
    for (const git_index_entry *entry : {ours, theirs, ancestor})
        if (entry && entry->path)
            return QString::fromUtf8(entry->path);
    return {};
}

QStringList conflictsIn(git_index *index)
{
    QStringList files;
    if (!git_index_has_conflicts(index))
        return files;
    git_index_conflict_iterator *raw = nullptr;
    if (git_index_conflict_iterator_new(&raw, index) != 0)
        return files;
    ConflictIterator iterator(raw);
    const git_index_entry *ancestor = nullptr;
    const git_index_entry *ours = nullptr;
    const git_index_entry *theirs = nullptr;
    while (git_index_conflict_next(&ancestor, &ours, &theirs, iterator.get()) == 0) {
        const QString path = pathOf(ancestor, ours, theirs);
        if (!path.isEmpty() && !files.contains(path))
            files.append(path);
    }
    files.sort();
    return files;
}

/// Merges theirs into ours in memory. The index holds the result (maybe with conflicts).
Result<Index> mergeIndex(git_repository *repo, const git_oid &ours, const git_oid &theirs)
{
    git_commit *rawOurs = nullptr;
    git_commit *rawTheirs = nullptr;
    if (git_commit_lookup(&rawOurs, repo, &ours) != 0)
        return fail(gitError(u"cannot read the target commit"_s));
    Commit ourCommit(rawOurs);
    if (git_commit_lookup(&rawTheirs, repo, &theirs) != 0)
        return fail(gitError(u"cannot read the branch commit"_s));
    Commit theirCommit(rawTheirs);
    git_merge_options options = GIT_MERGE_OPTIONS_INIT;
    options.flags = GIT_MERGE_FIND_RENAMES;
    git_index *raw = nullptr;
    if (git_merge_commits(&raw, repo, ourCommit.get(), theirCommit.get(), &options) != 0)
        return fail(gitError(u"cannot merge in memory"_s));
    return Index(raw);
}

Result<git_oid> mergeBaseOf(git_repository *repo, const git_oid &a, const git_oid &b)
{
    git_oid base;
    const int found = git_merge_base(&base, repo, &a, &b);
    if (found == GIT_ENOTFOUND)
        return fail(Error::conflict(u"the branches have no common history"_s));
    if (found != 0)
        return fail(gitError(u"cannot find the merge-base"_s));
    return base;
}

struct Stats
{
    QStringList paths; ///< Old and new paths of every change.
    int files = 0;
    int insertions = 0;
    int deletions = 0;
};

Result<Stats> diffStats(git_repository *repo, const git_oid &from, const git_oid &to, bool counts)
{
    auto fromTree = treeOf(repo, oidString(&from));
    if (!fromTree)
        return fail(fromTree.error());
    auto toTree = treeOf(repo, oidString(&to));
    if (!toTree)
        return fail(toTree.error());
    git_diff *raw = nullptr;
    if (git_diff_tree_to_tree(&raw, repo, fromTree->get(), toTree->get(), nullptr) != 0)
        return fail(gitError(u"cannot diff"_s));
    Diff diff(raw);
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    git_diff_find_similar(diff.get(), &find);
    Stats stats;
    const size_t count = git_diff_num_deltas(diff.get());
    stats.files = int(count);
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta *delta = git_diff_get_delta(diff.get(), i);
        for (const char *path : {delta->old_file.path, delta->new_file.path}) {
            const QString text = QString::fromUtf8(path);
            if (!text.isEmpty() && (stats.paths.isEmpty() || stats.paths.constLast() != text))
                stats.paths.append(text);
        }
    }
    if (counts && count > 0) {
        git_diff_stats *rawStats = nullptr;
        if (git_diff_get_stats(&rawStats, diff.get()) == 0) {
            DiffStats owned(rawStats);
            stats.insertions = int(git_diff_stats_insertions(rawStats));
            stats.deletions = int(git_diff_stats_deletions(rawStats));
        }
    }
    return stats;
}

/// Paths with staged, unstaged or untracked changes in a checkout.
Result<QSet<QString>> localChanges(git_repository *checkout)
{
    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS
                    | GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX;
    git_status_list *raw = nullptr;
    if (git_status_list_new(&raw, checkout, &options) != 0)
        return fail(gitError(u"cannot read the checkout's status"_s));
    StatusList list(raw);
    QSet<QString> paths;
    const size_t count = git_status_list_entrycount(raw);
    for (size_t i = 0; i < count; ++i) {
        const git_status_entry *entry = git_status_byindex(raw, i);
        for (const git_diff_delta *delta : {entry->head_to_index, entry->index_to_workdir}) {
            if (!delta)
                continue;
            if (delta->old_file.path)
                paths.insert(QString::fromUtf8(delta->old_file.path));
            if (delta->new_file.path)
                paths.insert(QString::fromUtf8(delta->new_file.path));
        }
    }
    return paths;
}

bool headIsBranch(git_repository *repo, const QByteArray &refName)
{
    git_reference *raw = nullptr;
    if (git_reference_lookup(&raw, repo, "HEAD") != 0)
        return false;
    Reference head(raw);
    const char *target = git_reference_symbolic_target(raw);
    return target && refName == target;
}

/// The checkout (main or linked worktree) that has branch checked out, if any.
Result<std::optional<Repository>> checkoutOf(git_repository *repo, const QString &branch)
{
    const QByteArray refName = "refs/heads/" + branch.toUtf8();
    if (!git_repository_is_bare(repo) && headIsBranch(repo, refName)) {
        auto again = open(QString::fromUtf8(git_repository_workdir(repo)));
        if (!again)
            return fail(again.error());
        return std::optional<Repository>(std::move(*again));
    }
    git_strarray names = {nullptr, 0};
    if (git_worktree_list(&names, repo) != 0)
        return fail(gitError(u"cannot list worktrees"_s));
    WorktreeList owned(&names, git_strarray_dispose);
    for (size_t i = 0; i < names.count; ++i) {
        git_worktree *rawWorktree = nullptr;
        if (git_worktree_lookup(&rawWorktree, repo, names.strings[i]) != 0)
            continue;
        Worktree worktree(rawWorktree);
        if (git_worktree_validate(rawWorktree) != 0)
            continue;
        git_repository *rawRepo = nullptr;
        if (git_repository_open_from_worktree(&rawRepo, rawWorktree) != 0)
            continue;
        Repository linked(rawRepo);
        if (headIsBranch(rawRepo, refName))
            return std::optional<Repository>(std::move(linked));
    }
    return std::optional<Repository>();
}

Result<git_oid> createCommit(git_repository *repo,
                             const git_oid &treeId,
                             const QList<const git_commit *> &parents,
                             const git_signature *author,
                             const QString &message)
{
    auto signature = signatureFor(repo);
    if (!signature)
        return fail(signature.error());
    git_tree *rawTree = nullptr;
    if (git_tree_lookup(&rawTree, repo, &treeId) != 0)
        return fail(gitError(u"cannot read the merged tree"_s));
    Tree tree(rawTree);
    std::vector<const git_commit *> parentList(parents.cbegin(), parents.cend());
    git_oid commitId;
    const QByteArray text = message.toUtf8();
    if (git_commit_create(&commitId,
                          repo,
                          nullptr,
                          author ? author : signature->get(),
                          signature->get(),
                          nullptr,
                          text.constData(),
                          tree.get(),
                          parentList.size(),
                          parentList.data())
        != 0)
        return fail(gitError(u"cannot write the merge commit"_s));
    return commitId;
}

Result<Commit> lookup(git_repository *repo, const git_oid &oid)
{
    git_commit *raw = nullptr;
    if (git_commit_lookup(&raw, repo, &oid) != 0)
        return fail(gitError(u"cannot read commit %1"_s.arg(oidString(&oid))));
    return Commit(raw);
}

/// Replays branch's own commits onto onto, in memory; the new tip, or the conflicting files.
Result<std::pair<git_oid, int>> replay(git_repository *repo,
                                       const git_oid &branchTipId,
                                       const git_oid &ontoId)
{
    git_revwalk *rawWalk = nullptr;
    if (git_revwalk_new(&rawWalk, repo) != 0)
        return fail(gitError(u"cannot walk the branch"_s));
    Revwalk walk(rawWalk);
    git_revwalk_sorting(rawWalk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
    git_revwalk_push(rawWalk, &branchTipId);
    git_revwalk_hide(rawWalk, &ontoId);
    git_oid current = ontoId;
    int replayed = 0;
    git_oid next;
    while (git_revwalk_next(&next, rawWalk) == 0) {
        auto commit = lookup(repo, next);
        if (!commit)
            return fail(commit.error());
        if (git_commit_parentcount(commit->get()) > 1)
            continue; // like git rebase: merges are flattened away
        auto onto = lookup(repo, current);
        if (!onto)
            return fail(onto.error());
        git_index *rawIndex = nullptr;
        git_merge_options options = GIT_MERGE_OPTIONS_INIT;
        if (git_cherrypick_commit(&rawIndex, repo, commit->get(), onto->get(), 0, &options) != 0)
            return fail(gitError(u"cannot replay a commit"_s));
        Index index(rawIndex);
        if (const QStringList conflicts = conflictsIn(rawIndex); !conflicts.isEmpty())
            return fail(conflictError(
                u"Rebasing the branch onto the target conflicts in %n file(s); nothing was changed"_s
                    .replace(u"%n"_s, QString::number(conflicts.size())),
                u"conflicts"_s,
                conflicts));
        git_oid treeId;
        if (git_index_write_tree_to(&treeId, rawIndex, repo) != 0)
            return fail(gitError(u"cannot write the replayed tree"_s));
        if (git_oid_equal(&treeId, git_commit_tree_id(onto->get())))
            continue; // already on the target
        auto created = createCommit(repo,
                                    treeId,
                                    {onto->get()},
                                    git_commit_author(commit->get()),
                                    QString::fromUtf8(git_commit_message(commit->get())));
        if (!created)
            return fail(created.error());
        current = *created;
        ++replayed;
    }
    return std::pair{current, replayed};
}

QString stateName(int state)
{
    switch (state) {
    case GIT_REPOSITORY_STATE_REBASE:
    case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
    case GIT_REPOSITORY_STATE_REBASE_MERGE:
    case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE: return u"rebase"_s;
    case GIT_REPOSITORY_STATE_MERGE: return u"merge"_s;
    case GIT_REPOSITORY_STATE_CHERRYPICK:
    case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE: return u"cherry_pick"_s;
    case GIT_REPOSITORY_STATE_REVERT:
    case GIT_REPOSITORY_STATE_REVERT_SEQUENCE: return u"revert"_s;
    default: return {};
    }
}

/// git needs a committer to replay commits; without a configured identity, ours.
QHash<QString, QString> identityEnvironment(const QString &path)
{
    QHash<QString, QString> environment;
    auto repo = open(path);
    git_signature *raw = nullptr;
    if (repo && git_signature_default(&raw, repo->get()) == 0) {
        git_signature_free(raw);
        return environment;
    }
    environment.insert(u"GIT_COMMITTER_NAME"_s, u"Forgedesk"_s);
    environment.insert(u"GIT_COMMITTER_EMAIL"_s, u"forgedesk@localhost"_s);
    environment.insert(u"GIT_AUTHOR_NAME"_s, u"Forgedesk"_s);
    environment.insert(u"GIT_AUTHOR_EMAIL"_s, u"forgedesk@localhost"_s);
    return environment;
}

QStringList unmergedFiles(const QString &worktreePath)
{
    auto listed = GitProcess::run(worktreePath,
                                  {u"diff"_s, u"--name-only"_s, u"--diff-filter=U"_s, u"-z"_s});
    QStringList files;
    if (!listed || !listed->ok())
        return files;
    for (const QByteArray &name : listed->out.split('\0'))
        if (!name.isEmpty())
            files.append(QString::fromUtf8(name));
    return files;
}

bool validRefName(const QString &name)
{
    int valid = 0;
    const QByteArray ref = "refs/heads/" + name.toUtf8();
    return !name.startsWith(u'-') && git_reference_name_is_valid(&valid, ref.constData()) == 0
           && valid;
}

/// A repository with the tips of an attempt's branch and of its target.
struct BranchPair
{
    Repository repo;
    git_oid head;
    git_oid target;
};

Result<BranchPair> openPair(const QString &repoPath,
                            const QString &branch,
                            const QString &targetBranch)
{
    auto repo = open(repoPath);
    if (!repo)
        return fail(repo.error());
    auto head = branchTip(repo->get(), branch, u"branch"_s);
    if (!head)
        return fail(head.error());
    auto target = branchTip(repo->get(), targetBranch, u"baseBranch"_s);
    if (!target)
        return fail(target.error());
    return BranchPair{std::move(*repo), *head, *target};
}

} // namespace

QString BranchStatus::state() const
{
    if (rebaseInProgress)
        return u"rebasing"_s;
    if (!conflictedFiles.isEmpty())
        return u"conflicted"_s;
    if (mergeInProgress)
        return u"merging"_s;
    if (!modifiedFiles.isEmpty() || !untrackedFiles.isEmpty())
        return u"dirty"_s;
    return u"clean"_s;
}

QString wireName(MergeStrategy strategy)
{
    switch (strategy) {
    case MergeStrategy::FastForward: return u"ff"_s;
    case MergeStrategy::NoFastForward: return u"no-ff"_s;
    case MergeStrategy::Squash: return u"squash"_s;
    case MergeStrategy::Rebase: return u"rebase"_s;
    }
    return {};
}

Result<bool> GitBranch::branchExists(const QString &repoPath, const QString &branch)
{
    if (!validRefName(branch))
        return false;
    auto repo = open(repoPath);
    if (!repo)
        return fail(repo.error());
    git_reference *raw = nullptr;
    const int found
        = git_branch_lookup(&raw, repo->get(), branch.toUtf8().constData(), GIT_BRANCH_LOCAL);
    if (found == 0) {
        git_reference_free(raw);
        return true;
    }
    return false;
}

Result<QString> GitBranch::tip(const QString &repoPath, const QString &branch)
{
    auto repo = open(repoPath);
    if (!repo)
        return fail(repo.error());
    auto oid = branchTip(repo->get(), branch, u"branch"_s);
    if (!oid)
        return fail(oid.error());
    return oidString(&*oid);
}

Result<QString> GitBranch::mergeBase(const QString &repoPath,
                                     const QString &branch,
                                     const QString &targetBranch)
{
    auto pair = openPair(repoPath, branch, targetBranch);
    if (!pair)
        return fail(pair.error());
    const Repository &repo = pair->repo;
    const git_oid *head = &pair->head;
    const git_oid *target = &pair->target;
    auto base = mergeBaseOf(repo.get(), *head, *target);
    if (!base)
        return fail(base.error());
    return oidString(&*base);
}

Result<QStringList> GitBranch::conflictsWith(const QString &repoPath,
                                             const QString &branch,
                                             const QString &targetBranch)
{
    auto pair = openPair(repoPath, branch, targetBranch);
    if (!pair)
        return fail(pair.error());
    const Repository &repo = pair->repo;
    const git_oid *head = &pair->head;
    const git_oid *target = &pair->target;
    if (git_oid_equal(&*head, &*target)
        || git_graph_descendant_of(repo.get(), &*head, &*target) == 1
        || git_graph_descendant_of(repo.get(), &*target, &*head) == 1)
        return QStringList();
    auto index = mergeIndex(repo.get(), *target, *head);
    if (!index)
        return fail(index.error());
    return conflictsIn(index->get());
}

Result<BranchStatus> GitBranch::status(const QString &repoPath,
                                       const QString &worktreePath,
                                       const QString &branch,
                                       const QString &targetBranch)
{
    auto repo = open(repoPath);
    if (!repo)
        return fail(repo.error());
    BranchStatus status;
    status.branch = branch;
    status.baseBranch = targetBranch;
    auto head = branchTip(repo->get(), branch, u"branch"_s);
    if (!head)
        return fail(head.error());
    auto target = branchTip(repo->get(), targetBranch, u"baseBranch"_s);
    if (!target)
        return fail(target.error());
    status.headCommit = oidString(&*head);
    status.baseCommit = oidString(&*target);
    if (auto base = mergeBaseOf(repo->get(), *head, *target))
        status.mergeBase = oidString(&*base);
    size_t ahead = 0;
    size_t behind = 0;
    if (git_graph_ahead_behind(&ahead, &behind, repo->get(), &*head, &*target) != 0)
        return fail(gitError(u"cannot count commits"_s));
    status.ahead = int(ahead);
    status.behind = int(behind);
    auto conflicts = conflictsWith(repoPath, branch, targetBranch);
    if (!conflicts)
        return fail(conflicts.error());
    status.conflicts = *conflicts;

    status.worktreeExists = !worktreePath.isEmpty()
                            && QFileInfo::exists(QDir(worktreePath).filePath(u".git"_s));
    if (!status.worktreeExists)
        return status;
    auto worktree = open(worktreePath);
    if (!worktree)
        return fail(worktree.error());
    status.conflictOp = stateName(git_repository_state(worktree->get()));
    status.rebaseInProgress = status.conflictOp == "rebase"_L1;
    status.mergeInProgress = status.conflictOp == "merge"_L1;

    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
    git_status_list *raw = nullptr;
    if (git_status_list_new(&raw, worktree->get(), &options) != 0)
        return fail(gitError(u"cannot read the worktree's status"_s));
    StatusList list(raw);
    const size_t count = git_status_list_entrycount(raw);
    for (size_t i = 0; i < count; ++i) {
        const git_status_entry *entry = git_status_byindex(raw, i);
        const git_diff_delta *delta = entry->index_to_workdir ? entry->index_to_workdir
                                                              : entry->head_to_index;
        if (!delta)
            continue;
        const QString path = QString::fromUtf8(delta->new_file.path ? delta->new_file.path
                                                                    : delta->old_file.path);
        if (entry->status & GIT_STATUS_CONFLICTED)
            status.conflictedFiles.append(path);
        else if (entry->status == GIT_STATUS_WT_NEW)
            status.untrackedFiles.append(path);
        else
            status.modifiedFiles.append(path);
    }
    return status;
}

Result<MergeOutcome> GitBranch::merge(const QString &repoPath,
                                      const QString &branch,
                                      const QString &targetBranch,
                                      MergeStrategy strategy,
                                      const QString &message)
{
    auto pair = openPair(repoPath, branch, targetBranch);
    if (!pair)
        return fail(pair.error());
    const Repository &repo = pair->repo;
    const git_oid *head = &pair->head;
    const git_oid *target = &pair->target;
    git_repository *r = repo.get();
    if (git_oid_equal(&*head, &*target) || git_graph_descendant_of(r, &*target, &*head) == 1)
        return fail(Error::conflict(
            u"Nothing to merge: '%1' already contains every commit of '%2'"_s.arg(targetBranch,
                                                                                  branch)));
    const bool canFastForward = git_graph_descendant_of(r, &*head, &*target) == 1;

    MergeOutcome outcome;
    outcome.previousTip = oidString(&*target);
    git_oid newTip;
    if (canFastForward
        && (strategy == MergeStrategy::FastForward || strategy == MergeStrategy::Rebase)) {
        newTip = *head;
        outcome.fastForward = true;
    } else if (strategy == MergeStrategy::Rebase) {
        auto replayed = replay(r, *head, *target);
        if (!replayed)
            return fail(replayed.error());
        newTip = replayed->first;
        outcome.commitsReplayed = replayed->second;
        if (git_oid_equal(&newTip, &*target))
            return fail(nothingToLand(branch, targetBranch));
    } else {
        auto index = mergeIndex(r, *target, *head);
        if (!index)
            return fail(index.error());
        if (const QStringList conflicts = conflictsIn(index->get()); !conflicts.isEmpty())
            return fail(conflictError(
                u"Merging '%1' into '%2' conflicts in %3 file(s): %4. Nothing was changed; "
                "rebase the attempt and resolve them first"_s.arg(branch, targetBranch)
                    .arg(conflicts.size())
                    .arg(conflicts.mid(0, 10).join(u", "_s)),
                u"conflicts"_s,
                conflicts));
        git_oid treeId;
        if (git_index_write_tree_to(&treeId, index->get(), r) != 0)
            return fail(gitError(u"cannot write the merged tree"_s));
        auto targetCommit = lookup(r, *target);
        if (!targetCommit)
            return fail(targetCommit.error());
        // A squash that changes nothing (the changes are on the target already, e.g. merged
        // before) would only add an empty commit.
        if (strategy == MergeStrategy::Squash
            && git_oid_equal(&treeId, git_commit_tree_id(targetCommit->get())))
            return fail(nothingToLand(branch, targetBranch));
        auto branchCommit = lookup(r, *head);
        if (!branchCommit)
            return fail(branchCommit.error());
        QList<const git_commit *> parents{targetCommit->get()};
        if (strategy != MergeStrategy::Squash)
            parents.append(branchCommit->get());
        auto created = createCommit(r, treeId, parents, nullptr, message);
        if (!created)
            return fail(created.error());
        newTip = *created;
    }
    outcome.commit = oidString(&newTip);

    auto changed = diffStats(r, *target, newTip, true);
    if (!changed)
        return fail(changed.error());
    outcome.filesChanged = changed->files;
    outcome.insertions = changed->insertions;
    outcome.deletions = changed->deletions;

    // A checkout of the target branch follows the merge, unless the user changed those files.
    auto checkout = checkoutOf(r, targetBranch);
    if (!checkout)
        return fail(checkout.error());
    QStringList checkoutPaths;
    if (*checkout) {
        git_repository *checked = (*checkout)->get();
        outcome.updatedCheckout = QDir::cleanPath(
            QString::fromUtf8(git_repository_workdir(checked)));
        auto local = localChanges(checked);
        if (!local)
            return fail(local.error());
        QStringList touched;
        for (const QString &path : changed->paths)
            if (local->contains(path))
                touched.append(path);
        if (!touched.isEmpty()) {
            touched.sort();
            Error error = conflictError(
                u"'%1' is checked out at %2 with local changes to %3 file(s) the merge would "
                "change (%4). Commit or stash them there, then merge again; nothing was changed"_s
                    .arg(targetBranch, outcome.updatedCheckout)
                    .arg(touched.size())
                    .arg(touched.mid(0, 10).join(u", "_s)),
                u"localChanges"_s,
                touched);
            error.details.insert(u"checkout"_s, outcome.updatedCheckout);
            return fail(error);
        }
        checkoutPaths = changed->paths;
    }

    const QByteArray refName = "refs/heads/" + targetBranch.toUtf8();
    auto moveRef = [&](const git_oid &to, const git_oid &from) -> Result<void> {
        git_reference *rawRef = nullptr;
        const QByteArray log = "forgedesk: merge " + branch.toUtf8() + " ("
                               + wireName(strategy).toUtf8() + ")";
        const int moved = git_reference_create_matching(&rawRef,
                                                        r,
                                                        refName.constData(),
                                                        &to,
                                                        1,
                                                        &from,
                                                        log.constData());
        if (moved == GIT_EMODIFIED)
            return fail(Error::conflict(u"'%1' moved while merging; try again"_s.arg(targetBranch)));
        if (moved != 0)
            return fail(gitError(u"cannot move '%1'"_s.arg(targetBranch)));
        git_reference_free(rawRef);
        return {};
    };

    if (*checkout && !checkoutPaths.isEmpty()) {
        git_repository *checked = (*checkout)->get();
        auto newTree = treeOf(checked, outcome.commit);
        auto oldTree = treeOf(checked, outcome.previousTip);
        if (!newTree || !oldTree)
            return fail(!newTree ? newTree.error() : oldTree.error());
        std::vector<QByteArray> pathBytes;
        for (const QString &path : checkoutPaths)
            pathBytes.push_back(path.toUtf8());
        std::vector<char *> pathPointers;
        for (QByteArray &path : pathBytes)
            pathPointers.push_back(path.data());
        git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;
        options.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
        options.baseline = oldTree->get();
        options.paths = {pathPointers.data(), pathPointers.size()};
        if (git_checkout_tree(checked, reinterpret_cast<git_object *>(newTree->get()), &options)
            != 0)
            return fail(Error::conflict(
                u"cannot update the checkout at %1: %2"_s.arg(outcome.updatedCheckout,
                                                              gitError({}).message)));
        if (auto moved = moveRef(newTip, *target); !moved) {
            // Put the files back as they were, so the checkout matches its branch again.
            options.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
            options.baseline = newTree->get();
            git_checkout_tree(checked, reinterpret_cast<git_object *>(oldTree->get()), &options);
            return fail(moved.error());
        }
    } else if (auto moved = moveRef(newTip, *target); !moved) {
        return fail(moved.error());
    }
    if (!*checkout)
        outcome.updatedCheckout.clear();
    return outcome;
}

Result<RebaseOutcome> GitBranch::rebase(const QString &worktreePath,
                                        const QString &onto,
                                        const QString &upstream)
{
    auto repo = open(worktreePath);
    if (!repo)
        return fail(repo.error());
    const QString inProgress = stateName(git_repository_state(repo->get()));
    if (!inProgress.isEmpty())
        return fail(Error::conflict(
            u"A %1 is already in progress in the worktree; resolve it or abort it first"_s.arg(
                inProgress),
            QJsonObject{{u"operation"_s, inProgress}}));
    auto ontoTip = branchTip(repo->get(), onto, u"baseBranch"_s);
    if (!ontoTip)
        return fail(ontoTip.error());
    git_oid headId;
    if (git_reference_name_to_id(&headId, repo->get(), "HEAD") != 0)
        return fail(gitError(u"cannot resolve the worktree's HEAD"_s));
    QString from = upstream;
    if (from.isEmpty()) {
        auto base = mergeBaseOf(repo->get(), headId, *ontoTip);
        if (!base)
            return fail(base.error());
        from = oidString(&*base);
    }
    RebaseOutcome outcome;
    const QString ontoSha = oidString(&*ontoTip);
    if (from == ontoSha) {
        outcome.headCommit = oidString(&headId);
        return outcome; // already on the latest base
    }
    GitProcess::Options options;
    options.environment = identityEnvironment(worktreePath);
    options.environment.insert(u"GIT_EDITOR"_s, u"true"_s);
    auto rebased = GitProcess::run(worktreePath,
                                   {u"rebase"_s, u"--no-autostash"_s, u"--onto"_s, ontoSha, from},
                                   options);
    if (!rebased)
        return fail(rebased.error());
    auto after = open(worktreePath);
    if (!after)
        return fail(after.error());
    if (!rebased->ok()) {
        if (stateName(git_repository_state(after->get())) == "rebase"_L1) {
            outcome.conflicted = true;
            outcome.conflicts = unmergedFiles(worktreePath);
            outcome.commitsReplayed = 0;
            return outcome;
        }
        return fail(
            Error{ErrorCode::Conflict, u"git rebase failed: %1"_s.arg(rebased->message()), {}});
    }
    if (git_reference_name_to_id(&headId, after->get(), "HEAD") == 0)
        outcome.headCommit = oidString(&headId);
    // Counted after the fact: git drops commits that come out empty (already on onto).
    auto counted
        = GitProcess::run(worktreePath,
                          {u"rev-list"_s, u"--count"_s, u"--no-merges"_s, ontoSha + u"..HEAD"_s});
    if (counted && counted->ok())
        outcome.commitsReplayed = counted->out.trimmed().toInt();
    return outcome;
}

Result<QString> GitBranch::operationInProgress(const QString &worktreePath)
{
    auto repo = open(worktreePath);
    if (!repo)
        return fail(repo.error());
    return stateName(git_repository_state(repo->get()));
}

Result<QString> GitBranch::abortInProgress(const QString &worktreePath)
{
    auto repo = open(worktreePath);
    if (!repo)
        return fail(repo.error());
    const QString operation = stateName(git_repository_state(repo->get()));
    if (operation.isEmpty())
        return fail(Error::conflict(u"No rebase or merge is in progress in the worktree"_s));
    const QString command = operation == "cherry_pick"_L1 ? u"cherry-pick"_s : operation;
    auto aborted = GitProcess::run(worktreePath, {command, u"--abort"_s});
    if (!aborted)
        return fail(aborted.error());
    if (!aborted->ok())
        return fail(
            Error::conflict(u"git %1 --abort failed: %2"_s.arg(command, aborted->message())));
    return operation;
}

Result<CommitInfo> GitBranch::commitInfo(const QString &repoPath,
                                         const QString &branch,
                                         const QString &targetBranch,
                                         const QString &startedFrom)
{
    auto repo = open(repoPath);
    if (!repo)
        return fail(repo.error());
    git_repository *r = repo->get();
    auto head = branchTip(r, branch, u"branch"_s);
    if (!head)
        return fail(head.error());
    auto commit = lookup(r, *head);
    if (!commit)
        return fail(commit.error());
    CommitInfo info;
    info.commitId = oidString(&*head);
    info.message = QString::fromUtf8(git_commit_message(commit->get())).trimmed();
    const git_signature *author = git_commit_author(commit->get());
    info.author = u"%1 <%2>"_s.arg(QString::fromUtf8(author->name),
                                   QString::fromUtf8(author->email));
    info.timestamp = QDateTime::fromSecsSinceEpoch(author->when.time, Qt::UTC);
    auto target = branchTip(r, targetBranch, u"baseBranch"_s);
    if (!target)
        return fail(target.error());
    auto base = mergeBaseOf(r, *head, *target);
    if (!base)
        return fail(base.error());
    git_oid started;
    if (git_oid_equal(&*base, &*head) && !startedFrom.isEmpty()
        && git_oid_fromstr(&started, startedFrom.toLatin1().constData()) == 0
        && git_graph_descendant_of(r, &*head, &started) == 1)
        base = started;
    size_t ahead = 0;
    size_t behind = 0;
    if (git_graph_ahead_behind(&ahead, &behind, r, &*head, &*base) == 0)
        info.commitCount = int(ahead);
    auto stats = diffStats(r, *base, *head, true);
    if (!stats)
        return fail(stats.error());
    info.filesChanged = stats->files;
    info.insertions = stats->insertions;
    info.deletions = stats->deletions;
    return info;
}

Result<QString> GitBranch::remoteUrl(const QString &repoPath, const QString &remote)
{
    auto repo = open(repoPath);
    if (!repo)
        return fail(repo.error());
    git_remote *raw = nullptr;
    if (remote.isEmpty() || remote.startsWith(u'-')
        || git_remote_lookup(&raw, repo->get(), remote.toUtf8().constData()) != 0)
        return fail(Error{ErrorCode::NotFound,
                          u"The repository has no remote named '%1'"_s.arg(remote),
                          QJsonObject{{u"field"_s, u"remote"_s}, {u"remote"_s, remote}}});
    Remote owned(raw);
    const char *url = git_remote_pushurl(raw) ? git_remote_pushurl(raw) : git_remote_url(raw);
    return QString::fromUtf8(url ? url : "");
}

Result<GitBranch::PushOutcome> GitBranch::push(const QString &repoPath,
                                               const QString &remote,
                                               const QString &branch,
                                               bool force,
                                               const QString &httpsToken)
{
    auto url = remoteUrl(repoPath, remote);
    if (!url)
        return fail(url.error());
    if (auto exists = branchExists(repoPath, branch); !exists || !*exists)
        return fail(Error::notFound(u"branch"_s, branch));

    GitProcess::Options options;
    options.timeoutMs = 300'000;
    const QUrl parsed(*url);
    if (!httpsToken.isEmpty() && parsed.scheme() == "https"_L1) {
        // Handed to git through its environment: never on a command line, never in a URL.
        const QByteArray basic
            = QByteArray(QByteArrayLiteral("x-access-token:") + httpsToken.toUtf8()).toBase64();
        options.environment.insert(u"GIT_CONFIG_COUNT"_s, u"1"_s);
        options.environment.insert(u"GIT_CONFIG_KEY_0"_s,
                                   u"http.https://%1/.extraheader"_s.arg(
                                       parsed.adjusted(QUrl::RemoveUserInfo).authority()));
        options.environment.insert(u"GIT_CONFIG_VALUE_0"_s,
                                   u"Authorization: Basic "_s + QString::fromLatin1(basic));
    }
    const QString refspec = (force ? u"+"_s : QString())
                            + u"refs/heads/%1:refs/heads/%1"_s.arg(branch);
    auto pushed = GitProcess::run(repoPath, {u"push"_s, u"--porcelain"_s, remote, refspec}, options);
    if (!pushed)
        return fail(pushed.error());
    if (!pushed->ok()) {
        QString message = pushed->message();
        if (!httpsToken.isEmpty())
            message.replace(httpsToken, u"***"_s);
        const QString all = QString::fromUtf8(pushed->out + pushed->err);
        if (all.contains(u"[rejected]"_s) || all.contains(u"non-fast-forward"_s)
            || all.contains(u"fetch first"_s) || all.contains(u"stale info"_s))
            return fail(Error::conflict(
                u"The remote '%1' has commits that '%2' does not: rebase, or push with force. %3"_s
                    .arg(remote, branch, message)));
        return fail(Error{ErrorCode::BadGateway,
                          u"git push to '%1' failed: %2"_s.arg(remote, message),
                          QJsonObject{{u"remote"_s, remote}}});
    }
    return PushOutcome{remote, branch, GitProcess::redact(*url)};
}

} // namespace Core
