// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/deliveryservice.h"
#include "core/devservers.h"
#include "core/engine.h"
#include "core/jsonwriter.h"
#include "core/timestamps.h"
#include "server/diffprojection.h"
#include "server/jsonbody.h"
#include "server/jsonprojection.h"
#include "server/router.h"
#include "server/routes.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

Core::AttemptId attemptIdOf(const ApiRequest &request)
{
    return Core::AttemptId(request.param(u"id"_s));
}

/// Bodies are optional on these routes: none means every default.
Core::Result<JsonBody> optionalBody(const HttpRequest &request)
{
    if (request.body.trimmed().isEmpty())
        return JsonBody::parse("{}");
    return JsonBody::parse(request.body);
}

/// Answers with the envelope around what project makes of the value.
template<typename T, typename Project>
void reply(Core::Future<Core::Result<T>> future,
           QObject *context,
           const Responder &responder,
           Project project)
{
    future.then(context, [responder, project](const Core::Result<T> &result) {
        if (!result)
            return responder.sendError(result.error());
        responder.sendJson(200, successEnvelope(project(*result)));
    });
}

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject branchStatusJson(const Core::BranchStatus &s)
{
    return {{u"branch"_s, s.branch},
            {u"baseBranch"_s, s.baseBranch},
            {u"headCommit"_s, s.headCommit},
            {u"baseCommit"_s, s.baseCommit},
            {u"mergeBase"_s, s.mergeBase},
            {u"ahead"_s, s.ahead},
            {u"behind"_s, s.behind},
            {u"conflicted"_s, !s.conflictedFiles.isEmpty() || !s.conflicts.isEmpty()},
            {u"conflicts"_s, strings(s.conflicts)},
            {u"conflictedFiles"_s, strings(s.conflictedFiles)},
            {u"modifiedFiles"_s, strings(s.modifiedFiles)},
            {u"untrackedFiles"_s, strings(s.untrackedFiles)},
            {u"rebaseInProgress"_s, s.rebaseInProgress},
            {u"mergeInProgress"_s, s.mergeInProgress},
            {u"conflictOp"_s, s.conflictOp.isEmpty() ? QJsonValue() : QJsonValue(s.conflictOp)},
            {u"worktreeExists"_s, s.worktreeExists},
            {u"status"_s, s.state()}};
}

Core::Result<Core::MergeStrategy> strategyFrom(const QString &name)
{
    if (name == "ff"_L1)
        return Core::MergeStrategy::FastForward;
    if (name == "no-ff"_L1 || name == "merge"_L1)
        return Core::MergeStrategy::NoFastForward;
    if (name == "squash"_L1)
        return Core::MergeStrategy::Squash;
    if (name == "rebase"_L1)
        return Core::MergeStrategy::Rebase;
    return Core::fail(Core::Error::validation(u"strategy"_s,
                                              u"must be one of ff, no-ff, squash, merge, rebase"_s));
}

void addMergeRoute(Router &router,
                   const QString &base,
                   const QString &defaultStrategy,
                   Core::DeliveryService &delivery,
                   QObject *context)
{
    router.add(
        "POST",
        base + u"/:id/merge"_s,
        u"Merge the attempt into its target branch (strategy ff, no-ff, squash, merge or rebase)"_s,
        [&delivery, context, defaultStrategy](const ApiRequest &request,
                                              const Responder &responder) {
            auto body = optionalBody(request.http);
            if (!body)
                return responder.sendError(body.error());
            auto strategyName = body->string(u"strategy"_s);
            if (!strategyName)
                return responder.sendError(strategyName.error());
            const QString name = strategyName->value_or(defaultStrategy);
            auto strategy = strategyFrom(name);
            if (!strategy)
                return responder.sendError(strategy.error());
            auto message = body->string(u"message"_s);
            if (!message)
                return responder.sendError(message.error());
            if (message->has_value() && (*message)->size() > 20000)
                return responder.sendError(
                    Core::Error::validation(u"message"_s, u"must be at most 20000 characters"_s));
            auto cleanup = body->boolean(u"cleanup"_s);
            if (!cleanup)
                return responder.sendError(cleanup.error());
            Core::DeliveryService::MergeRequest merge;
            merge.strategy = *strategy;
            merge.strategyName = name;
            merge.message = message->value_or(QString());
            merge.cleanup = cleanup->value_or(true);
            merge.requestedBy = request.http.principal.identity;
            reply(delivery.merge(attemptIdOf(request), merge),
                  context,
                  responder,
                  [](const Core::DeliveryService::MergeResult &r) {
                      return QJsonObject{{u"attemptId"_s, r.attempt.id.toString()},
                                         {u"merged"_s, true},
                                         {u"commitSha"_s, r.outcome.commit},
                                         {u"commitId"_s, r.outcome.commit},
                                         {u"previousCommit"_s, r.outcome.previousTip},
                                         {u"mergedAt"_s,
                                          Core::toTimestamp(
                                              r.attempt.mergedAt.value_or(QDateTime()))},
                                         {u"branch"_s, r.targetBranch},
                                         {u"strategy"_s,
                                          r.attempt.mergeStrategy.value_or(QString())},
                                         {u"fastForward"_s, r.outcome.fastForward},
                                         {u"commitsReplayed"_s, r.outcome.commitsReplayed},
                                         {u"filesChanged"_s, r.outcome.filesChanged},
                                         {u"insertions"_s, r.outcome.insertions},
                                         {u"deletions"_s, r.outcome.deletions},
                                         {u"cleanup"_s, r.cleanedUp},
                                         {u"updatedCheckout"_s,
                                          r.outcome.updatedCheckout.isEmpty()
                                              ? QJsonValue()
                                              : QJsonValue(r.outcome.updatedCheckout)},
                                         {u"taskStatus"_s, u"done"_s}};
                  });
        });
}

QJsonObject pullRequestJson(const Core::PullRequest &pr)
{
    return {{u"prNumber"_s, pr.number},
            {u"url"_s, pr.url},
            {u"status"_s, pr.state},
            {u"draft"_s, pr.draft},
            {u"title"_s, pr.title},
            {u"headBranch"_s, pr.headBranch},
            {u"baseBranch"_s, pr.baseBranch},
            {u"createdAt"_s, Core::toTimestamp(pr.createdAt)},
            {u"mergedAt"_s,
             pr.mergedAt ? QJsonValue(Core::toTimestamp(*pr.mergedAt)) : QJsonValue()},
            {u"mergeCommitSha"_s,
             pr.mergeCommitSha ? QJsonValue(*pr.mergeCommitSha) : QJsonValue()}};
}

void addRoutes(Router &router, const QString &base, Core::Engine &engine, QObject *context)
{
    Core::DeliveryService &delivery = engine.delivery();
    Core::DevServers &devServers = engine.devServers();

    router.add("GET",
               base + u"/:id/diff"_s,
               u"The attempt's changes against the merge-base with its target (format unified, split "
               "or json; file)"_s,
               [&delivery, context](const ApiRequest &request, const Responder &responder) {
                   const QString format = request.http.hasQueryItem(u"format"_s)
                                              ? request.http.queryItem(u"format"_s)
                                              : u"unified"_s;
                   if (format != "unified"_L1 && format != "split"_L1 && format != "json"_L1)
                       return responder.sendError(
                           Core::Error::validation(u"format"_s,
                                                   u"must be one of unified, split, json"_s));
                   const QString file = request.http.queryItem(u"file"_s);
                   if (request.http.hasQueryItem(u"file"_s) && file.trimmed().isEmpty())
                       return responder.sendError(
                           Core::Error::validation(u"file"_s, u"must not be empty"_s));
                   // A script that wants a patch to apply asks for text/x-diff.
                   const QByteArray accept = request.http.headers.value("accept");
                   const bool rawPatch = accept.contains("text/x-diff")
                                         || accept.contains("text/x-patch");
                   delivery.diff(attemptIdOf(request), file)
                       .thenInline([format, rawPatch](const Core::Result<Core::AttemptDiff> &diff)
                                       -> Core::Result<HttpResponse> {
                           if (!diff)
                               return Core::fail(diff.error());
                           if (rawPatch) {
                               HttpResponse response;
                               response.body = Core::GitDiff::unifiedText(*diff);
                               response.headers.append(
                                   {"Content-Type"_ba, "text/x-diff; charset=utf-8"_ba});
                               return response;
                           }
                           const QByteArray data = format == "json"_L1    ? diffJson(*diff)
                                                   : format == "split"_L1 ? diffSplitJson(*diff)
                                                                          : diffUnifiedJson(*diff);
                           return HttpResponse::json(200, successEnvelope(data));
                       })
                       .then(context, [responder](const Core::Result<HttpResponse> &response) {
                           if (!response)
                               return responder.sendError(response.error());
                           responder.send(*response);
                       });
               });

    router.add("GET",
               base + u"/:id/branch-status"_s,
               u"The attempt branch against its target: ahead/behind, conflicts, worktree state"_s,
               [&delivery, context](const ApiRequest &request, const Responder &responder) {
                   reply(delivery.branchStatus(attemptIdOf(request)),
                         context,
                         responder,
                         branchStatusJson);
               });

    router.add("GET",
               base + u"/:id/compare-to-head"_s,
               u"The attempt branch against the current head of its target branch"_s,
               [&delivery, context](const ApiRequest &request, const Responder &responder) {
                   reply(delivery.compareToHead(attemptIdOf(request)),
                         context,
                         responder,
                         [](const Core::DeliveryService::HeadComparison &c) {
                             return QJsonObject{{u"diff"_s,
                                                 QString::fromUtf8(
                                                     Core::GitDiff::unifiedText(c.diff))},
                                                {u"filesChanged"_s, c.diff.summary.filesChanged},
                                                {u"additions"_s, c.diff.summary.additions},
                                                {u"deletions"_s, c.diff.summary.deletions},
                                                {u"ahead"_s, c.status.ahead},
                                                {u"behind"_s, c.status.behind},
                                                {u"conflicts"_s, strings(c.status.conflicts)},
                                                {u"headCommit"_s, c.status.headCommit},
                                                {u"baseCommit"_s, c.status.baseCommit},
                                                {u"baseBranch"_s, c.status.baseBranch}};
                         });
               });

    router.add("GET",
               base + u"/:id/commit-info"_s,
               u"The branch's latest commit, with what the branch changed since its merge-base"_s,
               [&delivery, context](const ApiRequest &request, const Responder &responder) {
                   reply(delivery.commitInfo(attemptIdOf(request)),
                         context,
                         responder,
                         [](const Core::CommitInfo &i) {
                             return QJsonObject{{u"commitId"_s, i.commitId},
                                                {u"message"_s, i.message},
                                                {u"author"_s, i.author},
                                                {u"timestamp"_s, Core::toTimestamp(i.timestamp)},
                                                {u"commitCount"_s, i.commitCount},
                                                {u"filesChanged"_s, i.filesChanged},
                                                {u"insertions"_s, i.insertions},
                                                {u"deletions"_s, i.deletions}};
                         });
               });

    router.add(
        "POST",
        base + u"/:id/rebase"_s,
        u"Rebase the attempt onto the latest target branch; a conflict leaves the rebase in "
        "progress (409)"_s,
        [&delivery, context](const ApiRequest &request, const Responder &responder) {
            auto body = optionalBody(request.http);
            if (!body)
                return responder.sendError(body.error());
            auto interactive = body->boolean(u"interactive"_s);
            if (!interactive)
                return responder.sendError(interactive.error());
            if (interactive->value_or(false))
                return responder.sendError(
                    Core::Error::validation(u"interactive"_s,
                                            u"interactive rebases are not supported"_s));
            delivery.rebase(attemptIdOf(request))
                .then(context,
                      [responder](const Core::Result<Core::DeliveryService::RebaseResult> &rebased) {
                          if (!rebased)
                              return responder.sendError(rebased.error());
                          const Core::RebaseOutcome &o = rebased->outcome;
                          if (o.conflicted) {
                              // Seed 001: success false with the conflict in data.
                              Core::Error error = Core::Error::conflict(
                                  u"The rebase stopped on conflicts in %1 file(s); resolve them "
                                  "in the worktree or abort-conflicts"_s.arg(o.conflicts.size()),
                                  QJsonObject{{u"conflicts"_s, strings(o.conflicts)}});
                              QJsonObject envelope
                                  = QJsonDocument::fromJson(errorEnvelope(error)).object();
                              envelope.insert(u"data"_s,
                                              QJsonObject{{u"status"_s, u"conflict"_s},
                                                          {u"conflicts"_s, strings(o.conflicts)}});
                              return responder.sendJson(409,
                                                        QJsonDocument(envelope).toJson(
                                                            QJsonDocument::Compact));
                          }
                          responder.sendJson(200,
                                             successEnvelope(
                                                 QJsonObject{{u"status"_s, u"success"_s},
                                                             {u"conflicts"_s, QJsonArray()},
                                                             {u"commitsReplayed"_s,
                                                              o.commitsReplayed},
                                                             {u"headCommit"_s, o.headCommit}}));
                      });
        });

    router.add(
        "POST",
        base + u"/:id/abort-conflicts"_s,
        u"Abort the rebase or merge in progress in the attempt's worktree"_s,
        [&delivery, context](const ApiRequest &request, const Responder &responder) {
            reply(delivery.abortConflicts(attemptIdOf(request)), context, responder, [](const QString &operation) {
                return QJsonObject{{u"status"_s, u"clean"_s}, {u"abortedOperation"_s, operation}};
            });
        });

    router.add("POST",
               base + u"/:id/change-target-branch"_s,
               u"Change the branch the attempt merges into; reports the conflicts it would bring"_s,
               [&delivery, context](const ApiRequest &request, const Responder &responder) {
                   auto body = JsonBody::parse(request.http.body);
                   if (!body)
                       return responder.sendError(body.error());
                   auto branch = body->requiredString(u"newBaseBranch"_s);
                   if (!branch)
                       return responder.sendError(branch.error());
                   if (branch->trimmed().isEmpty())
                       return responder.sendError(
                           Core::Error::validation(u"newBaseBranch"_s, u"must not be empty"_s));
                   reply(delivery.changeTargetBranch(attemptIdOf(request), branch->trimmed()),
                         context,
                         responder,
                         [](const Core::DeliveryService::TargetChange &c) {
                             return QJsonObject{{u"previousBase"_s, c.previousBase},
                                                {u"newBase"_s, c.newBase},
                                                {u"conflicts"_s, strings(c.conflicts)},
                                                {u"ahead"_s, c.ahead},
                                                {u"behind"_s, c.behind}};
                         });
               });

    router.add("POST",
               base + u"/:id/push"_s,
               u"Push the attempt branch to a remote with the user's git credentials"_s,
               [&delivery, context](const ApiRequest &request, const Responder &responder) {
                   auto body = optionalBody(request.http);
                   if (!body)
                       return responder.sendError(body.error());
                   auto remote = body->string(u"remote"_s);
                   if (!remote)
                       return responder.sendError(remote.error());
                   auto force = body->boolean(u"force"_s);
                   if (!force)
                       return responder.sendError(force.error());
                   const QString name = remote->value_or(u"origin"_s).trimmed();
                   if (name.isEmpty() || name.startsWith(u'-'))
                       return responder.sendError(
                           Core::Error::validation(u"remote"_s, u"must be a remote's name"_s));
                   reply(delivery.push(attemptIdOf(request), name, force->value_or(false)),
                         context,
                         responder,
                         [](const Core::DeliveryService::PushResult &p) {
                             return QJsonObject{{u"remote"_s, p.remote},
                                                {u"branch"_s, p.branch},
                                                {u"url"_s, p.url},
                                                {u"pushedAt"_s, Core::toTimestamp(p.pushedAt)}};
                         });
               });

    router.add("POST",
               base + u"/:id/create-pr"_s,
               u"Push the branch and open a GitHub pull request"_s,
               [&delivery, context](const ApiRequest &request, const Responder &responder) {
                   auto body = optionalBody(request.http);
                   if (!body)
                       return responder.sendError(body.error());
                   Core::DeliveryService::NewPullRequestInput input;
                   for (const auto &[key, target] :
                        {std::pair{u"title"_s, &input.title},
                         std::pair{u"body"_s, &input.body},
                         std::pair{u"baseBranch"_s, &input.baseBranch},
                         std::pair{u"repository"_s, &input.repository}}) {
                       auto value = body->string(key);
                       if (!value)
                           return responder.sendError(value.error());
                       *target = *value;
                   }
                   if (input.title && input.title->trimmed().isEmpty())
                       return responder.sendError(
                           Core::Error::validation(u"title"_s, u"must not be empty"_s));
                   if (input.repository && !input.repository->contains(u'/'))
                       return responder.sendError(
                           Core::Error::validation(u"repository"_s, u"must be \"owner/repo\""_s));
                   auto remote = body->string(u"remote"_s);
                   if (!remote)
                       return responder.sendError(remote.error());
                   input.remote = remote->value_or(u"origin"_s);
                   auto draft = body->boolean(u"draft"_s);
                   if (!draft)
                       return responder.sendError(draft.error());
                   input.draft = draft->value_or(false);
                   reply(delivery.createPullRequest(attemptIdOf(request), input),
                         context,
                         responder,
                         pullRequestJson);
               });

    router.add("POST",
               base + u"/:id/attach-pr"_s,
               u"Attach an existing GitHub pull request (by number, or the one for the branch)"_s,
               [&delivery, context](const ApiRequest &request, const Responder &responder) {
                   auto body = optionalBody(request.http);
                   if (!body)
                       return responder.sendError(body.error());
                   auto number = body->integer(u"prNumber"_s, 1, 100'000'000);
                   if (!number)
                       return responder.sendError(number.error());
                   auto repository = body->string(u"repository"_s);
                   if (!repository)
                       return responder.sendError(repository.error());
                   if (*repository && !(*repository)->contains(u'/'))
                       return responder.sendError(
                           Core::Error::validation(u"repository"_s, u"must be \"owner/repo\""_s));
                   reply(delivery.attachPullRequest(attemptIdOf(request), *number, *repository),
                         context,
                         responder,
                         pullRequestJson);
               });

    router.add("POST",
               base + u"/:id/open-in-editor"_s,
               u"Open the worktree in an editor (vscode, cursor, idea, sublime, zed, windsurf, "
               "custom)"_s,
               [&delivery, context](const ApiRequest &request, const Responder &responder) {
                   auto body = optionalBody(request.http);
                   if (!body)
                       return responder.sendError(body.error());
                   auto editor = body->string(u"editor"_s);
                   if (!editor)
                       return responder.sendError(editor.error());
                   auto command = body->string(u"command"_s);
                   if (!command)
                       return responder.sendError(command.error());
                   reply(delivery.openInEditor(attemptIdOf(request),
                                               editor->value_or(QString()),
                                               command->value_or(QString())),
                         context,
                         responder,
                         [](const Core::EditorLaunch &launch) {
                             return QJsonObject{{u"editor"_s, launch.editor},
                                                {u"worktreePath"_s, launch.worktreePath},
                                                {u"command"_s,
                                                 strings(QStringList{launch.program}
                                                         + launch.arguments)},
                                                {u"opened"_s, true}};
                         });
               });

    router.add("POST",
               base + u"/:id/start-dev-server"_s,
               u"Run the project's dev script (or an npm script) in the worktree"_s,
               [&devServers, context](const ApiRequest &request, const Responder &responder) {
                   auto body = optionalBody(request.http);
                   if (!body)
                       return responder.sendError(body.error());
                   auto script = body->string(u"script"_s);
                   if (!script)
                       return responder.sendError(script.error());
                   auto port = body->integer(u"port"_s, 1, 65535);
                   if (!port)
                       return responder.sendError(port.error());
                   reply(devServers.start(attemptIdOf(request), script->value_or(QString()), *port),
                         context,
                         responder,
                         [](const Core::ExecutionProcess &p) {
                             return QJsonObject{{u"processId"_s, p.id.toString()},
                                                {u"port"_s,
                                                 p.port ? QJsonValue(*p.port) : QJsonValue()},
                                                {u"url"_s,
                                                 p.url ? QJsonValue(*p.url) : QJsonValue()},
                                                {u"status"_s, u"running"_s},
                                                {u"command"_s, strings(p.command)}};
                         });
               });

    router.add("GET",
               base + u"/:id/children"_s,
               u"Tasks created from this attempt (parentAttemptId)"_s,
               [&delivery, context](const ApiRequest &request, const Responder &responder) {
                   delivery.children(attemptIdOf(request))
                       .thenInline([](const Core::Result<QList<Core::Task>> &tasks)
                                       -> Core::Result<QByteArray> {
                           if (!tasks)
                               return Core::fail(tasks.error());
                           return successEnvelope(toJsonArrayBytes(*tasks));
                       })
                       .then(context, [responder](const Core::Result<QByteArray> &body) {
                           if (!body)
                               return responder.sendError(body.error());
                           responder.sendJson(200, *body);
                       });
               });

    router.add("DELETE",
               base + u"/:id/files/*path"_s,
               u"Delete a file from the attempt's worktree"_s,
               [&delivery, context](const ApiRequest &request, const Responder &responder) {
                   // From the whole path, not the segments: "files//etc/passwd" must stay
                   // absolute (and be refused), not lose its empty segment.
                   const QString &full = request.http.path;
                   const qsizetype at = full.indexOf(u"/files/"_s);
                   const QString relative = at >= 0 ? full.mid(at + 7) : request.param(u"path"_s);
                   reply(delivery.deleteFile(attemptIdOf(request), relative),
                         context,
                         responder,
                         [](const QString &path) {
                             return QJsonObject{{u"path"_s, path}, {u"deleted"_s, true}};
                         });
               });

    router
        .add("POST",
             base + u"/compare"_s,
             u"Compare attempts: duration, cost, changes; which is faster, cheaper, more complete"_s,
             [&delivery, context](const ApiRequest &request, const Responder &responder) {
                 auto body = JsonBody::parse(request.http.body);
                 if (!body)
                     return responder.sendError(body.error());
                 auto ids = body->stringList(u"attemptIds"_s);
                 if (!ids)
                     return responder.sendError(ids.error());
                 if (!*ids || (*ids)->size() < 2 || (*ids)->size() > 20)
                     return responder.sendError(
                         Core::Error::validation(u"attemptIds"_s,
                                                 u"must list from 2 to 20 attempt ids"_s));
                 QList<Core::AttemptId> list;
                 for (const QString &id : **ids)
                     list.append(Core::AttemptId(id));
                 reply(delivery.compare(list),
                       context,
                       responder,
                       [](const Core::DeliveryService::Comparison &c) {
                           QJsonArray attempts;
                           for (const Core::Attempt &a : c.attempts) {
                               const auto duration = a.durationMs();
                               attempts.append(
                                   QJsonObject{{u"id"_s, a.id.toString()},
                                               {u"llm"_s, a.llm},
                                               {u"status"_s, Core::wireName(a.status)},
                                               {u"duration"_s,
                                                duration ? QJsonValue(double(*duration))
                                                         : QJsonValue()},
                                               {u"cost"_s, a.usage.totalCost},
                                               {u"filesChanged"_s, a.changes.filesChanged},
                                               {u"linesAdded"_s, a.changes.linesAdded},
                                               {u"linesRemoved"_s, a.changes.linesRemoved}});
                           }
                           auto idOrNull = [](const std::optional<Core::AttemptId> &id) {
                               return id ? QJsonValue(id->toString()) : QJsonValue();
                           };
                           return QJsonObject{{u"attempts"_s, attempts},
                                              {u"comparison"_s,
                                               QJsonObject{{u"fasterAttempt"_s,
                                                            idOrNull(c.fasterAttempt)},
                                                           {u"cheaperAttempt"_s,
                                                            idOrNull(c.cheaperAttempt)},
                                                           {u"moreCompleteAttempt"_s,
                                                            idOrNull(c.moreCompleteAttempt)}}}};
                       });
             });
}

} // namespace

void addDeliveryRoutes(Router &router, Core::Engine &engine, QObject *context)
{
    // compare must come before anything that would take "compare" for an id.
    addRoutes(router, u"/api/attempts"_s, engine, context);
    addRoutes(router, u"/api/task-attempts"_s, engine, context);
    // Seed 001 gives the two spellings different default strategies.
    addMergeRoute(router, u"/api/attempts"_s, u"ff"_s, engine.delivery(), context);
    addMergeRoute(router, u"/api/task-attempts"_s, u"squash"_s, engine.delivery(), context);
}

} // namespace Server
