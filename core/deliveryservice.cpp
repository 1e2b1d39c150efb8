// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/deliveryservice.h"

#include "core/approvalservice.h"
#include "core/attemptservice.h"
#include "core/attemptstore.h"
#include "core/database.h"
#include "core/devservers.h"
#include "core/eventbus.h"
#include "core/events.h"
#include "core/gitprocess.h"
#include "core/gitworktree.h"
#include "core/logging.h"
#include "core/projectstore.h"
#include "core/settings.h"
#include "core/sqlconnection.h"
#include "core/taskservice.h"
#include "core/taskstore.h"
#include "core/timestamps.h"
#include "core/worktreefiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

/// One git operation per repository at a time: a merge and a rebase of two attempts of the
/// same repository must not interleave. Held on the pool thread doing the work.
std::shared_ptr<QMutex> repositoryLock(const QString &repoPath)
{
    static QMutex guard;
    static QHash<QString, std::shared_ptr<QMutex>> locks;
    QMutexLocker locked(&guard);
    auto &lock = locks[QDir::cleanPath(repoPath)];
    if (!lock)
        lock = std::make_shared<QMutex>();
    return lock;
}

/// Runs job on the pool with its repository locked.
template<typename F>
auto inRepository(QThreadPool &pool, const QString &repoPath, F job)
{
    return runOnPool(pool, [repoPath, job = std::move(job)]() mutable {
        const std::shared_ptr<QMutex> lock = repositoryLock(repoPath);
        QMutexLocker locked(lock.get());
        return job();
    });
}

template<typename T>
Future<Result<T>> failed(Error error)
{
    return Future<Result<T>>::ready(fail(std::move(error)));
}

bool worktreeExists(const Attempt &attempt)
{
    return !attempt.worktreeRemoved && !attempt.worktreePath.isEmpty()
           && QFileInfo::exists(QDir(attempt.worktreePath).filePath(u".git"_s));
}

Result<void> requireBranch(const Attempt &attempt)
{
    if (attempt.branch.isEmpty() || attempt.baseCommit.isEmpty())
        return fail(Error::conflict(u"The attempt has not run yet: it has no branch to work with"_s,
                                    QJsonObject{{u"attemptId"_s, attempt.id.toString()}}));
    return {};
}

/// Commits what the agent left uncommitted, so nothing is lost or left behind by what
/// follows (a merge, a push, a removed worktree).
Result<std::optional<QString>> commitLeftovers(const Attempt &attempt, const QString &why)
{
    if (!worktreeExists(attempt))
        return std::optional<QString>();
    // A rebase or merge stopped on a conflict owns the worktree: committing now would record
    // its conflict markers and move HEAD under git's feet.
    auto operation = GitBranch::operationInProgress(attempt.worktreePath);
    if (!operation)
        return fail(operation.error());
    if (!operation->isEmpty())
        return fail(
            Error::conflict(u"A %1 is in progress in the attempt's worktree; finish or abort it "
                            "(abort-conflicts) first"_s.arg(*operation),
                            QJsonObject{{u"operation"_s, *operation}}));
    return GitWorktree::commitAll(attempt.worktreePath,
                                  u"Uncommitted changes of attempt %1 (%2)"_s
                                      .arg(attempt.id.toString(), why));
}

QString shortId(const AttemptId &id)
{
    const QString text = id.toString();
    return text.mid(text.indexOf(u'_') + 1).left(8);
}

QString defaultMessage(const Task &task,
                       const Attempt &attempt,
                       MergeStrategy strategy,
                       const QString &target)
{
    QString message = strategy == MergeStrategy::Squash
                          ? u"%1 (forgedesk %2)"_s.arg(task.title, shortId(attempt.id))
                          : u"Merge branch '%1' into %2"_s.arg(attempt.branch, target);
    QString body = strategy == MergeStrategy::Squash ? task.description.trimmed() : task.title;
    if (!body.isEmpty())
        message += u"\n\n"_s + body;
    return message;
}

Error missingToken()
{
    return Error{ErrorCode::Unprocessable,
                 u"No GitHub token: set githubToken in the settings or GITHUB_TOKEN in "
                 "Forgedesk's environment"_s,
                 QJsonObject{{u"setting"_s, u"githubToken"_s}}};
}

/// The token for remoteUrl: ours only goes to the GitHub host it is for.
QString tokenForRemote(const QString &remoteUrl, const QString &token, const QString &apiBase)
{
    if (token.isEmpty())
        return {};
    const QString host = QUrl(remoteUrl).host().toLower();
    QString apiHost = QUrl(apiBase).host().toLower();
    if (apiHost.startsWith(u"api."_s))
        apiHost = apiHost.mid(4);
    return !host.isEmpty() && (host == u"github.com"_s || host == apiHost) ? token : QString();
}

} // namespace

DeliveryService::DeliveryService(Database &database,
                                 EventBus &events,
                                 TaskService &tasks,
                                 AttemptService &attempts,
                                 const Settings &settings,
                                 QThreadPool &blockingPool,
                                 QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_events(events)
    , m_tasks(tasks)
    , m_attempts(attempts)
    , m_settings(settings)
    , m_blockingPool(blockingPool)
{
    connect(&m_prPoll, &QTimer::timeout, this, [this] { (void) pollPullRequests(); });
    connect(&m_sweep, &QTimer::timeout, this, [this] { (void) sweepWorktrees(); });
}

DeliveryService::~DeliveryService() = default;

void DeliveryService::startHousekeeping()
{
    m_prPoll.start(std::max(5, m_settings.prPollSeconds) * 1000);
    m_sweep.start(60 * 60 * 1000);
    (void) sweepWorktrees();
}

void DeliveryService::settingsChanged()
{
    if (m_prPoll.isActive())
        m_prPoll.start(std::max(5, m_settings.prPollSeconds) * 1000);
}

Future<Result<DeliveryService::Context>> DeliveryService::context(const AttemptId &id)
{
    return m_database.read([id](SqlConnection &sql) { return AttemptStore::findContext(sql, id); });
}

template<typename T, typename Job>
Future<Result<T>> DeliveryService::onBranch(const AttemptId &id, Job job)
{
    return context(id).then(this, [this, job](const Result<Context> &found) {
        if (!found)
            return failed<T>(found.error());
        if (auto ok = requireBranch(found->attempt); !ok)
            return failed<T>(ok.error());
        const Attempt attempt = found->attempt;
        const QString repo = found->project.repoPath;
        return runOnPool(m_blockingPool,
                         [job, attempt, repo]() -> Result<T> { return job(attempt, repo); });
    });
}

Result<void> DeliveryService::refuseWhileActive(const Attempt &attempt, const QString &what) const
{
    if (m_attempts.isActive(attempt.id) || attempt.status == AttemptStatus::Running)
        return fail(Error::conflict(
            u"The attempt is running; wait for it to finish (or cancel it) before you %1"_s.arg(
                what),
            QJsonObject{{u"attemptId"_s, attempt.id.toString()},
                        {u"status"_s, wireName(attempt.status)}}));
    return {};
}

Future<Result<Attempt>> DeliveryService::saveDelivery(const Attempt &changed, bool alsoRun)
{
    Attempt attempt = changed;
    attempt.updatedAt = nowUtc();
    return m_database
        .write([attempt, alsoRun](SqlConnection &sql) -> Result<Attempt> {
            if (alsoRun) {
                if (auto done = AttemptStore::update(sql, attempt); !done)
                    return fail(done.error());
            }
            if (auto done = AttemptStore::updateDelivery(sql, attempt); !done)
                return fail(done.error());
            auto stored = AttemptStore::find(sql, attempt.id);
            if (!stored)
                return fail(stored.error());
            return stored->value_or(attempt);
        })
        .then(this, [this](const Result<Attempt> &saved) {
            if (saved)
                m_events.publish(AttemptEvent{ChangeKind::Updated, *saved, std::nullopt, nowUtc()});
            return saved;
        });
}

Future<Result<Attempt>> DeliveryService::markMerged(Attempt attempt,
                                                    const QString &commit,
                                                    const QString &strategy,
                                                    bool worktreeRemoved)
{
    attempt.mergedAt = nowUtc();
    attempt.mergeCommit = commit;
    attempt.mergeStrategy = strategy;
    attempt.worktreeRemoved = attempt.worktreeRemoved || worktreeRemoved;
    const TaskId task = attempt.taskId;
    return saveDelivery(attempt).then(this, [this, task](const Result<Attempt> &saved) {
        if (!saved)
            return Future<Result<Attempt>>::ready(saved);
        // Landed work is done work.
        return m_tasks.update(task, {.status = TaskStatus::Done})
            .then(this, [saved](const Result<Task> &moved) -> Result<Attempt> {
                if (!moved)
                    qCWarning(lcEngine).noquote()
                        << "moving a merged task to done:" << moved.error().message;
                return saved;
            });
    });
}

Future<Result<AttemptDiff>> DeliveryService::diff(const AttemptId &id, const QString &file)
{
    return onBranch<AttemptDiff>(
        id, [file](const Attempt &attempt, const QString &repo) -> Result<AttemptDiff> {
            // Against the merge-base with the target: what the attempt did, not what the target
            // did since. Once the target holds the whole branch (it was merged), that merge-base
            // is the branch's tip and would show nothing: then from where it started.
            auto head = GitBranch::tip(repo, attempt.branch);
            if (!head)
                return fail(head.error());
            auto base = GitBranch::mergeBase(repo, attempt.branch, attempt.baseBranch);
            const QString from = base && *base != *head ? *base : attempt.baseCommit;
            if (worktreeExists(attempt))
                return GitDiff::ofWorktree(attempt.worktreePath, from, file);
            return GitDiff::between(repo, from, *head, file);
        });
}

Future<Result<BranchStatus>> DeliveryService::branchStatus(const AttemptId &id)
{
    return onBranch<BranchStatus>(id, [](const Attempt &attempt, const QString &repo) {
        return GitBranch::status(repo,
                                 worktreeExists(attempt) ? attempt.worktreePath : QString(),
                                 attempt.branch,
                                 attempt.baseBranch);
    });
}

Future<Result<DeliveryService::HeadComparison>> DeliveryService::compareToHead(const AttemptId &id)
{
    return onBranch<HeadComparison>(
        id, [](const Attempt &attempt, const QString &repo) -> Result<HeadComparison> {
            auto status = GitBranch::status(repo, QString(), attempt.branch, attempt.baseBranch);
            if (!status)
                return fail(status.error());
            // From the target's tip to the branch: what taking the branch as it is would change.
            auto diff = GitDiff::between(repo, status->baseCommit, status->headCommit);
            if (!diff)
                return fail(diff.error());
            return HeadComparison{*diff, *status};
        });
}

Future<Result<CommitInfo>> DeliveryService::commitInfo(const AttemptId &id)
{
    return onBranch<CommitInfo>(id, [](const Attempt &attempt, const QString &repo) {
        return GitBranch::commitInfo(repo, attempt.branch, attempt.baseBranch, attempt.baseCommit);
    });
}

namespace {

Error mergeNeedsApproval(const Approval &approval)
{
    return Error::conflict(u"merging needs approval %1 (%2) to be approved first"_s
                               .arg(approval.id.toString(), wireName(approval.status)),
                           {{u"approvalId"_s, approval.id.toString()},
                            {u"approvalStatus"_s, wireName(approval.status)}});
}

} // namespace

Future<Result<DeliveryService::MergeResult>> DeliveryService::merge(const AttemptId &id,
                                                                    const MergeRequest &request)
{
    return context(id).then(this, [this, request](const Result<Context> &found) {
        if (!found)
            return failed<MergeResult>(found.error());
        const Context ctx = *found;
        if (auto ok = requireBranch(ctx.attempt); !ok)
            return failed<MergeResult>(ok.error());
        if (auto ok = refuseWhileActive(ctx.attempt, u"merge it"_s); !ok)
            return failed<MergeResult>(ok.error());
        if (ctx.project.mergeRequiresApproval && m_approvals) {
            return requireMergeApproval(ctx, request.requestedBy)
                .then(this, [this, ctx, request](const Result<void> &approved) {
                    if (!approved)
                        return failed<MergeResult>(approved.error());
                    return landMerge(ctx, request);
                });
        }
        return landMerge(ctx, request);
    });
}

Future<Result<void>> DeliveryService::requireMergeApproval(const Context &ctx,
                                                           const QString &requestedBy)
{
    // The approval is for what would land now: the diff's head commit is in its metadata, so
    // commits made after the approval need another one.
    return diff(ctx.attempt.id)
        .then(this,
              [this, ctx](const Result<AttemptDiff> &changes)
                  -> Future<std::pair<Result<AttemptDiff>, Result<std::optional<Approval>>>> {
                  using Pair = std::pair<Result<AttemptDiff>, Result<std::optional<Approval>>>;
                  if (!changes)
                      return Future<Pair>::ready(Pair(changes, std::optional<Approval>()));
                  return m_approvals->latest(ctx.attempt.id, ApprovalType::Merge)
                      .thenInline([changes](const Result<std::optional<Approval>> &latest) {
                          return Pair(changes, latest);
                      });
              })
        .then(this,
              [this, ctx, requestedBy](
                  const std::pair<Result<AttemptDiff>, Result<std::optional<Approval>>> &found)
                  -> Future<Result<void>> {
                  if (!found.first)
                      return Future<Result<void>>::ready(fail(found.first.error()));
                  if (!found.second)
                      return Future<Result<void>>::ready(fail(found.second.error()));
                  const AttemptDiff &changes = *found.first;
                  const std::optional<Approval> &latest = *found.second;
                  const bool current = latest
                                       && latest->metadata.value(u"headCommit"_s).toString()
                                              == changes.headCommit;
                  if (current && latest->status == ApprovalStatus::Approved)
                      return Future<Result<void>>::ready(Result<void>());
                  if (current && latest->isPending())
                      return Future<Result<void>>::ready(fail(mergeNeedsApproval(*latest)));
                  NewApproval input;
                  input.attemptId = ctx.attempt.id;
                  input.type = ApprovalType::Merge;
                  input.title = u"Approve merge: %1"_s.arg(ctx.task.title.left(250));
                  input.description = u"This will merge %1 files with %2 additions and %3 "
                                      "deletions from %4 into %5"_s
                                          .arg(changes.summary.filesChanged)
                                          .arg(changes.summary.additions)
                                          .arg(changes.summary.deletions)
                                          .arg(ctx.attempt.branch, ctx.attempt.baseBranch);
                  input.metadata = {{u"filesChanged"_s, changes.summary.filesChanged},
                                    {u"linesAdded"_s, changes.summary.additions},
                                    {u"linesRemoved"_s, changes.summary.deletions},
                                    {u"targetBranch"_s, ctx.attempt.baseBranch},
                                    {u"branch"_s, ctx.attempt.branch},
                                    {u"headCommit"_s, changes.headCommit},
                                    {u"diffUrl"_s,
                                     u"/api/task-attempts/%1/diff"_s.arg(
                                         ctx.attempt.id.toString())}};
                  input.approvers = ctx.project.mergeApprovers;
                  return m_approvals
                      ->create(input, requestedBy.isEmpty() ? u"forgedesk"_s : requestedBy)
                      .thenInline([](const Result<Approval> &created) -> Result<void> {
                          if (!created)
                              return fail(created.error());
                          return fail(mergeNeedsApproval(*created));
                      });
              });
}

Future<Result<DeliveryService::MergeResult>> DeliveryService::landMerge(const Context &ctx,
                                                                        const MergeRequest &request)
{
    {
        const QString message
            = request.message.trimmed().isEmpty()
                  ? defaultMessage(ctx.task, ctx.attempt, request.strategy, ctx.attempt.baseBranch)
                  : request.message;
        using Landed = std::pair<MergeOutcome, bool>;
        // A dev server must not keep running in a worktree about to be removed.
        Future<bool> stopped = request.cleanup && m_devServers
                                   ? m_devServers->stopAttempt(ctx.attempt.id)
                                   : Future<bool>::ready(true);
        return stopped.then(this, [this, ctx, request, message](bool) {
            return inRepository(
                       m_blockingPool,
                       ctx.project.repoPath,
                       [ctx, request, message]() -> Result<Landed> {
                           const Attempt &attempt = ctx.attempt;
                           if (worktreeExists(attempt)) {
                               auto status = GitBranch::status(ctx.project.repoPath,
                                                               attempt.worktreePath,
                                                               attempt.branch,
                                                               attempt.baseBranch);
                               if (status && !status->conflictOp.isEmpty())
                                   return fail(Error::conflict(
                                       u"A %1 is in progress in the attempt's worktree; finish or "
                                       "abort it (abort-conflicts) before merging"_s.arg(
                                           status->conflictOp),
                                       QJsonObject{{u"operation"_s, status->conflictOp}}));
                           }
                           if (auto committed = commitLeftovers(attempt, u"before merge"_s);
                               !committed)
                               return fail(committed.error());
                           auto merged = GitBranch::merge(ctx.project.repoPath,
                                                          attempt.branch,
                                                          attempt.baseBranch,
                                                          request.strategy,
                                                          message);
                           if (!merged)
                               return fail(merged.error());
                           bool removed = false;
                           if (request.cleanup && worktreeExists(attempt)) {
                               // The branch stays: it is the record of what the agent did.
                               if (auto gone = GitWorktree::remove(ctx.project.repoPath,
                                                                   attempt.worktreePath,
                                                                   QString());
                                   gone)
                                   removed = true;
                           }
                           return Landed{*merged, removed};
                       })
                .then(this, [this, ctx, request](const Result<Landed> &landed) {
                    if (!landed)
                        return failed<MergeResult>(landed.error());
                    const MergeOutcome outcome = landed->first;
                    const bool removed = landed->second;
                    const QString target = ctx.attempt.baseBranch;
                    return markMerged(ctx.attempt, outcome.commit, request.strategyName, removed)
                        .then(this,
                              [outcome, removed, target](
                                  const Result<Attempt> &saved) -> Result<MergeResult> {
                                  if (!saved)
                                      return fail(saved.error());
                                  return MergeResult{*saved, outcome, target, removed};
                              });
                });
        });
    }
}

Future<Result<DeliveryService::RebaseResult>> DeliveryService::rebase(const AttemptId &id)
{
    return context(id).then(this, [this](const Result<Context> &found) {
        if (!found)
            return failed<RebaseResult>(found.error());
        const Context ctx = *found;
        if (auto ok = requireBranch(ctx.attempt); !ok)
            return failed<RebaseResult>(ok.error());
        if (auto ok = refuseWhileActive(ctx.attempt, u"rebase it"_s); !ok)
            return failed<RebaseResult>(ok.error());
        if (!worktreeExists(ctx.attempt))
            return failed<RebaseResult>(
                Error::conflict(u"The attempt's worktree was removed; a rebase needs it"_s));
        using Rebased = std::pair<RebaseOutcome, QString>;
        return inRepository(m_blockingPool,
                            ctx.project.repoPath,
                            [ctx]() -> Result<Rebased> {
                                const Attempt &attempt = ctx.attempt;
                                if (auto committed = commitLeftovers(attempt, u"before rebase"_s);
                                    !committed)
                                    return fail(committed.error());
                                // From the commit the attempt started on, so commits of an
                                // earlier target are not replayed after a change of target.
                                auto rebased = GitBranch::rebase(attempt.worktreePath,
                                                                 attempt.baseBranch,
                                                                 attempt.baseCommit);
                                if (!rebased)
                                    return fail(rebased.error());
                                auto tip = GitBranch::tip(ctx.project.repoPath, attempt.baseBranch);
                                return Rebased{*rebased, tip ? *tip : QString()};
                            })
            .then(this, [this, ctx](const Result<Rebased> &done) {
                if (!done)
                    return failed<RebaseResult>(done.error());
                const RebaseOutcome outcome = done->first;
                if (outcome.conflicted || done->second.isEmpty())
                    return Future<Result<RebaseResult>>::ready(RebaseResult{outcome, ctx.attempt});
                Attempt attempt = ctx.attempt;
                attempt.baseCommit = done->second;
                if (!outcome.headCommit.isEmpty())
                    attempt.commitSha = outcome.headCommit;
                return saveDelivery(attempt, true)
                    .then(this, [outcome](const Result<Attempt> &saved) -> Result<RebaseResult> {
                        if (!saved)
                            return fail(saved.error());
                        return RebaseResult{outcome, *saved};
                    });
            });
    });
}

Future<Result<QString>> DeliveryService::abortConflicts(const AttemptId &id)
{
    return context(id).then(this, [this](const Result<Context> &found) {
        if (!found)
            return failed<QString>(found.error());
        const Context ctx = *found;
        if (!worktreeExists(ctx.attempt))
            return failed<QString>(
                Error::conflict(u"The attempt has no worktree, so nothing to abort"_s));
        return inRepository(m_blockingPool, ctx.project.repoPath, [ctx]() {
            return GitBranch::abortInProgress(ctx.attempt.worktreePath);
        });
    });
}

Future<Result<DeliveryService::TargetChange>> DeliveryService::changeTargetBranch(
    const AttemptId &id, const QString &newBase)
{
    return context(id).then(this, [this, newBase](const Result<Context> &found) {
        if (!found)
            return failed<TargetChange>(found.error());
        const Context ctx = *found;
        if (auto ok = requireBranch(ctx.attempt); !ok)
            return failed<TargetChange>(ok.error());
        if (auto ok = refuseWhileActive(ctx.attempt, u"change its target branch"_s); !ok)
            return failed<TargetChange>(ok.error());
        if (newBase == ctx.attempt.branch)
            return failed<TargetChange>(
                Error::validation(u"newBaseBranch"_s, u"is the attempt's own branch"_s));
        return inRepository(m_blockingPool,
                            ctx.project.repoPath,
                            [ctx, newBase]() -> Result<TargetChange> {
                                auto exists = GitBranch::branchExists(ctx.project.repoPath, newBase);
                                if (!exists)
                                    return fail(exists.error());
                                if (!*exists)
                                    return fail(
                                        Error::validation(u"newBaseBranch"_s,
                                                          u"there is no local branch '%1'"_s.arg(
                                                              newBase)));
                                auto status = GitBranch::status(ctx.project.repoPath,
                                                                QString(),
                                                                ctx.attempt.branch,
                                                                newBase);
                                if (!status)
                                    return fail(status.error());
                                return TargetChange{ctx.attempt.baseBranch,
                                                    newBase,
                                                    status->conflicts,
                                                    status->ahead,
                                                    status->behind};
                            })
            .then(this, [this, ctx](const Result<TargetChange> &change) {
                if (!change)
                    return failed<TargetChange>(change.error());
                Attempt attempt = ctx.attempt;
                attempt.baseBranch = change->newBase;
                return saveDelivery(attempt)
                    .then(this, [change](const Result<Attempt> &saved) -> Result<TargetChange> {
                        if (!saved)
                            return fail(saved.error());
                        return *change;
                    });
            });
    });
}

GitHubConfig DeliveryService::githubConfig() const
{
    GitHubConfig config;
    config.apiBase = m_settings.githubApiUrl;
    config.token = GitHubClient::tokenFrom(m_settings.githubToken);
    return config;
}

Future<Result<DeliveryService::PushResult>> DeliveryService::push(const AttemptId &id,
                                                                  const QString &remote,
                                                                  bool force)
{
    return context(id).then(this, [this, remote, force](const Result<Context> &found) {
        if (!found)
            return failed<PushResult>(found.error());
        const Context ctx = *found;
        if (auto ok = requireBranch(ctx.attempt); !ok)
            return failed<PushResult>(ok.error());
        if (auto ok = refuseWhileActive(ctx.attempt, u"push it"_s); !ok)
            return failed<PushResult>(ok.error());
        const GitHubConfig github = githubConfig();
        return inRepository(
                   m_blockingPool,
                   ctx.project.repoPath,
                   [ctx, remote, force, github]() -> Result<PushResult> {
                       auto url = GitBranch::remoteUrl(ctx.project.repoPath, remote);
                       if (!url)
                           return fail(url.error());
                       if (auto committed = commitLeftovers(ctx.attempt, u"before push"_s);
                           !committed)
                           return fail(committed.error());
                       auto pushed
                           = GitBranch::push(ctx.project.repoPath,
                                             remote,
                                             ctx.attempt.branch,
                                             force,
                                             tokenForRemote(*url, github.token, github.apiBase));
                       if (!pushed)
                           return fail(pushed.error());
                       return PushResult{pushed->remote, pushed->branch, pushed->url, nowUtc()};
                   })
            .then(this, [this, ctx](const Result<PushResult> &pushed) {
                if (!pushed)
                    return failed<PushResult>(pushed.error());
                Attempt attempt = ctx.attempt;
                attempt.pushedAt = pushed->pushedAt;
                attempt.pushedRemote = pushed->remote;
                return saveDelivery(attempt)
                    .then(this, [pushed](const Result<Attempt> &saved) -> Result<PushResult> {
                        if (!saved)
                            return fail(saved.error());
                        return *pushed;
                    });
            });
    });
}

Future<Result<PullRequest>> DeliveryService::createPullRequest(const AttemptId &id,
                                                               const NewPullRequestInput &input)
{
    const GitHubConfig github = githubConfig();
    if (github.token.isEmpty())
        return failed<PullRequest>(missingToken());
    return context(id).then(this, [this, id, input, github](const Result<Context> &found) {
        if (!found)
            return failed<PullRequest>(found.error());
        const Context ctx = *found;
        if (ctx.attempt.pullRequest && ctx.attempt.pullRequest->status == "open"_L1)
            return failed<PullRequest>(
                Error::conflict(u"The attempt already has an open pull request: %1"_s.arg(
                                    ctx.attempt.pullRequest->url),
                                QJsonObject{{u"prNumber"_s, ctx.attempt.pullRequest->number},
                                            {u"url"_s, ctx.attempt.pullRequest->url}}));
        QString repository;
        if (input.repository) {
            repository = *input.repository;
        } else {
            auto url = GitBranch::remoteUrl(ctx.project.repoPath, input.remote);
            if (!url)
                return failed<PullRequest>(url.error());
            auto parsed = GitHubClient::repositoryFromRemoteUrl(*url);
            if (!parsed)
                return failed<PullRequest>(
                    Error{ErrorCode::Unprocessable,
                          u"The remote '%1' (%2) is not a GitHub repository; name one with "
                          "\"repository\": \"owner/repo\""_s.arg(input.remote,
                                                                 GitProcess::redact(*url)),
                          QJsonObject{{u"field"_s, u"repository"_s}}});
            repository = *parsed;
        }
        NewPullRequest request;
        request.title = input.title.value_or(ctx.task.title);
        request.body = input.body.value_or(ctx.task.description.trimmed().isEmpty()
                                               ? ctx.attempt.summary
                                               : ctx.task.description.trimmed()
                                                     + (ctx.attempt.summary.isEmpty()
                                                            ? QString()
                                                            : u"\n\n"_s + ctx.attempt.summary));
        request.head = ctx.attempt.branch;
        request.base = input.baseBranch.value_or(ctx.attempt.baseBranch);
        request.draft = input.draft;
        // GitHub only knows branches it has: push first.
        return push(id, input.remote, false)
            .then(this,
                  [this, github, repository, request](const Result<PushResult> &pushed) {
                      if (!pushed)
                          return failed<PullRequest>(pushed.error());
                      return m_github.createPullRequest(github, repository, request);
                  })
            .then(this, [this, id, repository](const Result<PullRequest> &created) {
                if (!created)
                    return failed<PullRequest>(created.error());
                const PullRequest pr = *created;
                return context(id).then(this, [this, pr, repository](const Result<Context> &now) {
                    if (!now)
                        return failed<PullRequest>(now.error());
                    Attempt attempt = now->attempt;
                    attempt.pullRequest = PullRequestLink{pr.number, pr.url, repository, pr.state};
                    return saveDelivery(attempt)
                        .then(this, [pr](const Result<Attempt> &saved) -> Result<PullRequest> {
                            if (!saved)
                                return fail(saved.error());
                            return pr;
                        });
                });
            });
    });
}

Future<Result<PullRequest>> DeliveryService::attachPullRequest(const AttemptId &id,
                                                               std::optional<int> number,
                                                               std::optional<QString> repository)
{
    const GitHubConfig github = githubConfig();
    if (github.token.isEmpty())
        return failed<PullRequest>(missingToken());
    return context(id).then(this, [this, number, repository, github](const Result<Context> &found) {
        if (!found)
            return failed<PullRequest>(found.error());
        const Context ctx = *found;
        QString repo;
        if (repository) {
            repo = *repository;
        } else {
            auto url = GitBranch::remoteUrl(ctx.project.repoPath, u"origin"_s);
            auto parsed = url ? GitHubClient::repositoryFromRemoteUrl(*url) : std::nullopt;
            if (!parsed)
                return failed<PullRequest>(Error::validation(
                    u"repository"_s,
                    u"is required: the remote 'origin' is not a GitHub repository"_s));
            repo = *parsed;
        }
        Future<Result<PullRequest>> fetched
            = number ? m_github.pullRequest(github, repo, *number)
                     : m_github.pullRequestForBranch(github, repo, ctx.attempt.branch);
        return fetched.then(this, [this, ctx, repo](const Result<PullRequest> &pr) {
            if (!pr)
                return failed<PullRequest>(pr.error());
            const PullRequest value = *pr;
            Attempt attempt = ctx.attempt;
            attempt.pullRequest = PullRequestLink{value.number, value.url, repo, value.state};
            Future<Result<Attempt>> saved
                = value.state == "merged"_L1 && !attempt.mergedAt
                      ? markMerged(attempt, value.mergeCommitSha.value_or(QString()), u"pr"_s, false)
                      : saveDelivery(attempt);
            return saved.then(this, [value](const Result<Attempt> &done) -> Result<PullRequest> {
                if (!done)
                    return fail(done.error());
                return value;
            });
        });
    });
}

Future<Result<int>> DeliveryService::pollPullRequests()
{
    if (m_polling)
        return Future<Result<int>>::ready(0);
    const GitHubConfig github = githubConfig();
    if (github.token.isEmpty())
        return Future<Result<int>>::ready(0);
    m_polling = true;
    return m_database
        .read([](SqlConnection &sql) { return AttemptStore::withOpenPullRequests(sql); })
        .then(this, [this, github](const Result<QList<Attempt>> &open) {
            if (!open || open->isEmpty()) {
                m_polling = false;
                return Future<Result<int>>::ready(open ? Result<int>(0) : fail(open.error()));
            }
            auto remaining = std::make_shared<int>(int(open->size()));
            auto changed = std::make_shared<int>(0);
            Promise<Result<int>> done;
            for (const Attempt &attempt : *open) {
                const PullRequestLink link = *attempt.pullRequest;
                const AttemptId id = attempt.id;
                m_github.pullRequest(github, link.repository, link.number)
                    .then(this,
                          [this, id, link](const Result<PullRequest> &pr) {
                              if (!pr || pr->state == link.status)
                                  return Future<Result<bool>>::ready(false);
                              const PullRequest value = *pr;
                              return context(id).then(this, [this, value](const Result<Context> &ctx) {
                                  if (!ctx)
                                      return Future<Result<bool>>::ready(false);
                                  Attempt current = ctx->attempt;
                                  if (!current.pullRequest)
                                      return Future<Result<bool>>::ready(false);
                                  current.pullRequest->status = value.state;
                                  Future<Result<Attempt>> saved
                                      = value.state == "merged"_L1 && !current.mergedAt
                                            ? markMerged(current,
                                                         value.mergeCommitSha.value_or(QString()),
                                                         u"pr"_s,
                                                         false)
                                            : saveDelivery(current);
                                  return saved.then(this,
                                                    [](const Result<Attempt> &s) -> Result<bool> {
                                                        return bool(s);
                                                    });
                              });
                          })
                    .then(this, [this, remaining, changed, done](const Result<bool> &updated) {
                        if (updated && *updated)
                            ++*changed;
                        if (--*remaining == 0) {
                            m_polling = false;
                            done.resolve(*changed);
                        }
                    });
            }
            return done.future();
        });
}

Future<Result<QString>> DeliveryService::deleteFile(const AttemptId &id, const QString &path)
{
    return context(id).then(this, [this, path](const Result<Context> &found) {
        if (!found)
            return failed<QString>(found.error());
        const Attempt attempt = found->attempt;
        if (!worktreeExists(attempt))
            return failed<QString>(Error::conflict(u"The attempt has no worktree"_s));
        return runOnPool(m_blockingPool, [attempt, path]() -> Result<QString> {
            if (auto removed = WorktreeFiles::remove(attempt.worktreePath, path); !removed)
                return fail(removed.error());
            return path;
        });
    });
}

Future<Result<EditorLaunch>> DeliveryService::openInEditor(const AttemptId &id,
                                                           const QString &editor,
                                                           const QString &command)
{
    const QString chosen = editor.isEmpty() ? m_settings.editor : editor;
    const QString custom = command.isEmpty() ? m_settings.editorCommand : command;
    return context(id).then(this, [this, chosen, custom](const Result<Context> &found) {
        if (!found)
            return failed<EditorLaunch>(found.error());
        const Attempt attempt = found->attempt;
        if (!worktreeExists(attempt))
            return failed<EditorLaunch>(Error::conflict(u"The attempt has no worktree to open"_s));
        // Looking the editor up on PATH touches the disk; startDetached needs no event loop.
        const QString path = attempt.worktreePath;
        return runOnPool(m_blockingPool, [chosen, custom, path] {
            return EditorLauncher::launch(chosen, custom, path);
        });
    });
}

Future<Result<QList<Task>>> DeliveryService::children(const AttemptId &id)
{
    return m_database.read([id](SqlConnection &sql) -> Result<QList<Task>> {
        auto attempt = AttemptStore::find(sql, id);
        if (!attempt)
            return fail(attempt.error());
        if (!*attempt)
            return fail(Error::notFound(u"attempt"_s, id.toString()));
        TaskQuery query;
        query.parentAttemptId = id;
        query.sort = {SortKey{u"created_at"_s, false}};
        query.page.limit = 100;
        QList<Task> all;
        for (int page = 1; page <= 100; ++page) {
            query.page.page = page;
            auto listed = TaskStore::list(sql, query);
            if (!listed)
                return fail(listed.error());
            all += listed->items;
            if (all.size() >= listed->total || listed->items.isEmpty())
                break;
        }
        return all;
    });
}

Future<Result<DeliveryService::Comparison>> DeliveryService::compare(const QList<AttemptId> &ids)
{
    return m_database.read([ids](SqlConnection &sql) -> Result<Comparison> {
        Comparison comparison;
        for (const AttemptId &id : ids) {
            auto attempt = AttemptStore::find(sql, id);
            if (!attempt)
                return fail(attempt.error());
            if (!*attempt)
                return fail(Error::notFound(u"attempt"_s, id.toString()));
            comparison.attempts.append(**attempt);
        }
        const Attempt *faster = nullptr;
        const Attempt *cheaper = nullptr;
        const Attempt *complete = nullptr;
        auto completeness = [](const Attempt &a) {
            return std::tuple(a.status == AttemptStatus::Completed,
                              a.changes.filesChanged,
                              a.changes.linesAdded + a.changes.linesRemoved);
        };
        for (const Attempt &attempt : std::as_const(comparison.attempts)) {
            if (attempt.durationMs() && isFinished(attempt.status)
                && (!faster || *attempt.durationMs() < *faster->durationMs()))
                faster = &attempt;
            if (isFinished(attempt.status)
                && (!cheaper || attempt.usage.totalCost < cheaper->usage.totalCost))
                cheaper = &attempt;
            if (!complete || completeness(attempt) > completeness(*complete))
                complete = &attempt;
        }
        if (faster)
            comparison.fasterAttempt = faster->id;
        if (cheaper)
            comparison.cheaperAttempt = cheaper->id;
        if (complete && completeness(*complete) > std::tuple(false, 0, 0))
            comparison.moreCompleteAttempt = complete->id;
        return comparison;
    });
}

Future<Result<DeliveryService::HygieneReport>> DeliveryService::sweepWorktrees()
{
    const int retentionHours = m_settings.worktreeRetentionHours;
    struct Inventory
    {
        QList<Project> projects;
        QList<Attempt> attempts;
    };
    return m_database
        .read([](SqlConnection &sql) -> Result<Inventory> {
            auto projects = ProjectStore::all(sql);
            if (!projects)
                return fail(projects.error());
            auto attempts = AttemptStore::withWorktrees(sql);
            if (!attempts)
                return fail(attempts.error());
            return Inventory{*projects, *attempts};
        })
        .then(this, [this, retentionHours](const Result<Inventory> &inventory) {
            if (!inventory)
                return failed<HygieneReport>(inventory.error());
            QSet<QString> active;
            for (const Attempt &attempt : inventory->attempts)
                if (m_attempts.isActive(attempt.id) || attempt.status == AttemptStatus::Running
                    || attempt.status == AttemptStatus::Created)
                    active.insert(attempt.id.toString());
            const QDateTime now = nowUtc();
            return runOnPool(
                       m_blockingPool,
                       [inventory = *inventory, active, retentionHours, now]() {
                           HygieneReport report;
                           QList<AttemptId> expired;
                           QHash<QString, const Attempt *> owners;
                           for (const Attempt &attempt : inventory.attempts)
                               owners.insert(QFileInfo(attempt.worktreePath).absoluteFilePath(),
                                             &attempt);
                           for (const Project &project : inventory.projects) {
                               const std::shared_ptr<QMutex> lock = repositoryLock(project.repoPath);
                               QMutexLocker locked(lock.get());
                               const QString root
                                   = QDir(project.repoPath).filePath(u".forge/worktrees"_s);
                               const QStringList entries = QDir(root).entryList(
                                   QDir::Dirs | QDir::NoDotAndDotDot);
                               for (const QString &name : entries) {
                                   const QString path
                                       = QFileInfo(QDir(root).filePath(name)).absoluteFilePath();
                                   const Attempt *owner = owners.value(path);
                                   if (owner && owner->worktreeRemoved)
                                       owner = nullptr;
                                   if (!owner) {
                                       // Nobody owns it: prune it, but never lose work silently. Work on a
                                       // branch is committed there first; a detached, dirty one is kept.
                                       auto branch = GitWorktree::headBranch(path);
                                       if (!branch
                                           || (branch->isEmpty() && GitWorktree::isDirty(path))) {
                                           report.orphansKept.append(path);
                                           continue;
                                       }
                                       if (!branch->isEmpty()) {
                                           auto committed = GitWorktree::commitAll(
                                               path,
                                               u"Uncommitted changes found in an orphaned worktree"_s);
                                           if (!committed) {
                                               report.orphansKept.append(path);
                                               continue;
                                           }
                                           if (*committed)
                                               report.committedFirst.append(path);
                                       }
                                       if (GitWorktree::remove(project.repoPath, path, QString()))
                                           report.orphansRemoved.append(path);
                                       continue;
                                   }
                                   if (active.contains(owner->id.toString()))
                                       continue;
                                   const QDateTime finished = owner->completedAt.isValid()
                                                                  ? owner->completedAt
                                                                  : owner->updatedAt;
                                   if (!finished.isValid()
                                       || finished.secsTo(now) < qint64(retentionHours) * 3600)
                                       continue;
                                   auto branch = GitWorktree::headBranch(path);
                                   if (!branch || branch->isEmpty())
                                       continue; // detached: a rebase or the user is busy there
                                   auto committed
                                       = commitLeftovers(*owner, u"before its worktree expired"_s);
                                   if (!committed)
                                       continue;
                                   if (*committed)
                                       report.committedFirst.append(path);
                                   if (GitWorktree::remove(project.repoPath, path, QString())) {
                                       report.expiredRemoved.append(path);
                                       expired.append(owner->id);
                                   }
                               }
                               GitWorktree::prune(project.repoPath);
                           }
                           return std::pair<HygieneReport, QList<AttemptId>>{report, expired};
                       })
                .then(this, [this](const std::pair<HygieneReport, QList<AttemptId>> &swept) {
                    const auto &[report, expired] = swept;
                    for (const QString &path : report.orphansRemoved)
                        qCInfo(lcEngine).noquote() << "removed orphaned worktree" << path;
                    for (const QString &path : report.orphansKept)
                        qCWarning(lcEngine).noquote()
                            << "kept orphaned worktree with uncommitted work" << path;
                    for (const QString &path : report.expiredRemoved)
                        qCInfo(lcEngine).noquote() << "removed expired worktree" << path;
                    auto remaining = std::make_shared<int>(int(expired.size()));
                    Promise<Result<HygieneReport>> done;
                    if (expired.isEmpty())
                        done.resolve(report);
                    for (const AttemptId &id : expired) {
                        context(id)
                            .then(this,
                                  [this](const Result<Context> &ctx) {
                                      if (!ctx)
                                          return Future<Result<Attempt>>::ready(fail(ctx.error()));
                                      Attempt attempt = ctx->attempt;
                                      attempt.worktreeRemoved = true;
                                      return saveDelivery(attempt);
                                  })
                            .then(this, [remaining, done, report](const Result<Attempt> &) {
                                if (--*remaining == 0)
                                    done.resolve(report);
                            });
                    }
                    return done.future();
                });
        });
}

} // namespace Core
