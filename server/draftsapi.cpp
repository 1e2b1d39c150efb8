// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/draftservice.h"
#include "server/jsonbody.h"
#include "server/router.h"
#include "server/routes.h"
#include "server/workflowprojection.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

Core::AttemptId attemptOf(const ApiRequest &request)
{
    return Core::AttemptId(request.param(u"id"_s));
}

Core::DraftId draftOf(const ApiRequest &request)
{
    return Core::DraftId(request.param(u"draftId"_s));
}

/// Answers with draft as JSON, 201 (with Location) when created.
void replyDraft(Core::Future<Core::Result<Core::Draft>> future,
                QObject *context,
                const Responder &responder,
                int status)
{
    future.then(context, [responder, status](const Core::Result<Core::Draft> &draft) {
        if (!draft)
            return responder.sendError(draft.error());
        HttpResponse response = HttpResponse::json(status, successEnvelope(draftJson(*draft)));
        if (status == 201)
            response.headers.append({"Location"_ba,
                                     "/api/task-attempts/" + draft->attemptId.toString().toUtf8()
                                         + "/drafts/" + draft->id.toString().toUtf8()});
        // The version travels as an ETag too, for clients that prefer If-Match.
        response.headers.append({"ETag"_ba, '"' + QByteArray::number(draft->version) + '"'});
        responder.send(response);
    });
}

void replyDraftList(Core::Future<Core::Result<QList<Core::Draft>>> future,
                    QObject *context,
                    const Responder &responder)
{
    future.then(context, [responder](const Core::Result<QList<Core::Draft>> &drafts) {
        if (!drafts)
            return responder.sendError(drafts.error());
        QJsonArray items;
        for (const Core::Draft &draft : *drafts)
            items.append(draftJson(draft));
        responder.sendJson(200,
                           successEnvelope(QJsonDocument(items).toJson(QJsonDocument::Compact)));
    });
}

void replyDraftDeleted(Core::Future<Core::Result<Core::Draft>> future,
                       QObject *context,
                       const Responder &responder)
{
    future.then(context, [responder](const Core::Result<Core::Draft> &removed) {
        if (!removed)
            return responder.sendError(removed.error());
        responder.sendJson(200,
                           successEnvelope(QJsonObject{{u"deleted"_s, true},
                                                       {u"draftId"_s, removed->id.toString()}}));
    });
}

void replyQueue(Core::Future<Core::Result<Core::FollowUpQueue>> future,
                QObject *context,
                const Responder &responder,
                int status)
{
    future.then(context, [responder, status](const Core::Result<Core::FollowUpQueue> &queue) {
        if (!queue)
            return responder.sendError(queue.error());
        responder.sendJson(status, successEnvelope(followUpQueueJson(*queue)));
    });
}

void replyDraftQueue(Core::Future<Core::Result<QList<Core::QueueDraft>>> future,
                     const Core::AttemptId &attempt,
                     QObject *context,
                     const Responder &responder,
                     int status)
{
    future.then(context,
                [responder, status, attempt](const Core::Result<QList<Core::QueueDraft>> &queue) {
                    if (!queue)
                        return responder.sendError(queue.error());
                    QJsonArray items;
                    for (const Core::QueueDraft &item : *queue)
                        items.append(queueDraftJson(item));
                    responder.sendJson(status,
                                       successEnvelope(QJsonObject{
                                           {u"projectId"_s,
                                            queue->isEmpty()
                                                ? QJsonValue(QJsonValue::Null)
                                                : QJsonValue(queue->first().projectId.toString())},
                                           {u"taskAttemptId"_s, attempt.toString()},
                                           {u"queue"_s, items}}));
                });
}

Core::Result<JsonBody> bodyOf(const ApiRequest &request)
{
    return JsonBody::parse(request.http.body);
}

/// The draft version a change is made from: the body's "version", else an If-Match header.
Core::Result<int> versionOf(const ApiRequest &request, const JsonBody &body)
{
    auto version = body.integer(u"version"_s, 1, std::numeric_limits<int>::max());
    if (!version)
        return Core::fail(version.error());
    if (*version)
        return **version;
    QByteArray match = request.http.header("if-match").trimmed();
    if (match.startsWith("W/"))
        match = match.mid(2);
    if (match.size() >= 2 && match.startsWith('"') && match.endsWith('"'))
        match = match.mid(1, match.size() - 2);
    bool ok = false;
    const int fromHeader = match.toInt(&ok);
    if (ok && fromHeader > 0)
        return fromHeader;
    return Core::fail(Core::Error::validation(
        u"version"_s,
        u"is required: the version you changed (from GET), so a concurrent change is not lost; "
        "or send it as If-Match"_s));
}

/// queue[i].order: an integer, or the item's place (1-based) when left out.
Core::Result<int> queueOrder(const QJsonObject &item, qsizetype index, const QString &prefix)
{
    const QJsonValue order = item.value(u"order"_s);
    if (order.isUndefined())
        return int(index) + 1;
    if (!order.isDouble() || order.toDouble() != double(order.toInt()))
        return Core::fail(Core::Error::validation(prefix + u"order"_s, u"must be an integer"_s));
    return order.toInt();
}

void addDraftRoutesAt(Router &router,
                      const QString &base,
                      Core::DraftService &drafts,
                      QObject *context)
{
    router.add("POST",
               base + u"/:id/drafts"_s,
               u"Save a draft (content, type, metadata)"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   auto body = bodyOf(request);
                   if (!body)
                       return responder.sendError(body.error());
                   auto content = body->requiredString(u"content"_s);
                   if (!content)
                       return responder.sendError(content.error());
                   auto typeName = body->requiredString(u"type"_s);
                   if (!typeName)
                       return responder.sendError(typeName.error());
                   const auto type = Core::draftTypeFromString(*typeName);
                   if (!type)
                       return responder.sendError(
                           Core::Error::validation(u"type"_s,
                                                   u"must be follow_up, retry or initial"_s));
                   auto metadata = body->rawObject(u"metadata"_s);
                   if (!metadata)
                       return responder.sendError(metadata.error());
                   auto autoSend = body->boolean(u"autoSend"_s);
                   if (!autoSend)
                       return responder.sendError(autoSend.error());
                   auto sendAfter = body->timestamp(u"sendAfter"_s);
                   if (!sendAfter)
                       return responder.sendError(sendAfter.error());
                   Core::NewDraft input;
                   input.type = *type;
                   input.content = *content;
                   input.metadata = metadata->value_or(QJsonObject());
                   input.autoSend = autoSend->value_or(false);
                   input.sendAfter = sendAfter->value_or(QDateTime());
                   replyDraft(drafts.create(attemptOf(request), input), context, responder, 201);
               });

    router.add("GET",
               base + u"/:id/drafts"_s,
               u"List an attempt's drafts (type filters)"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   std::optional<Core::DraftType> type;
                   if (request.http.hasQueryItem(u"type"_s)) {
                       type = Core::draftTypeFromString(request.http.queryItem(u"type"_s));
                       if (!type)
                           return responder.sendError(
                               Core::Error::validation(u"type"_s,
                                                       u"must be follow_up, retry or initial"_s));
                   }
                   replyDraftList(drafts.list(attemptOf(request), type), context, responder);
               });

    router.add("GET",
               base + u"/:id/drafts/:draftId"_s,
               u"Get a draft"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   replyDraft(drafts.get(attemptOf(request), draftOf(request)),
                              context,
                              responder,
                              200);
               });

    router.add("PATCH",
               base + u"/:id/drafts/:draftId"_s,
               u"Change a draft; version (or If-Match) must be the current one, else 409"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   auto body = bodyOf(request);
                   if (!body)
                       return responder.sendError(body.error());
                   auto version = versionOf(request, *body);
                   if (!version)
                       return responder.sendError(version.error());
                   Core::DraftPatch patch;
                   patch.version = *version;
                   for (const QString &key : {u"content"_s, u"prompt"_s, u"retryPrompt"_s}) {
                       auto text = body->string(key);
                       if (!text)
                           return responder.sendError(text.error());
                       if (*text)
                           patch.content = **text;
                   }
                   for (auto [key, target] : {std::pair{u"originalPrompt"_s, &patch.originalPrompt},
                                              std::pair{u"retryReason"_s, &patch.retryReason}}) {
                       auto text = body->string(key);
                       if (!text)
                           return responder.sendError(text.error());
                       *target = *text;
                   }
                   auto metadata = body->rawObject(u"metadata"_s);
                   if (!metadata)
                       return responder.sendError(metadata.error());
                   patch.metadata = *metadata;
                   auto autoSend = body->boolean(u"autoSend"_s);
                   if (!autoSend)
                       return responder.sendError(autoSend.error());
                   patch.autoSend = *autoSend;
                   auto sendAfter = body->timestamp(u"sendAfter"_s);
                   if (!sendAfter)
                       return responder.sendError(sendAfter.error());
                   patch.sendAfter = *sendAfter;
                   replyDraft(drafts.update(attemptOf(request), draftOf(request), patch),
                              context,
                              responder,
                              200);
               });

    router.add("DELETE",
               base + u"/:id/drafts/:draftId"_s,
               u"Delete a draft"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   replyDraftDeleted(drafts.remove(attemptOf(request), draftOf(request)),
                                     context,
                                     responder);
               });

    router.add("POST",
               base + u"/:id/drafts/:draftId/send"_s,
               u"Send a draft now: a follow-up, or for a retry draft a new attempt"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   replyDraft(drafts.send(attemptOf(request), draftOf(request)),
                              context,
                              responder,
                              200);
               });

    router.add("POST",
               base + u"/:id/follow-up-draft"_s,
               u"Save a follow-up draft (prompt, autoSend, sendAfter)"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   auto body = bodyOf(request);
                   if (!body)
                       return responder.sendError(body.error());
                   auto prompt = body->requiredString(u"prompt"_s);
                   if (!prompt)
                       return responder.sendError(prompt.error());
                   auto autoSend = body->boolean(u"autoSend"_s);
                   if (!autoSend)
                       return responder.sendError(autoSend.error());
                   auto sendAfter = body->timestamp(u"sendAfter"_s);
                   if (!sendAfter)
                       return responder.sendError(sendAfter.error());
                   auto metadata = body->rawObject(u"metadata"_s);
                   if (!metadata)
                       return responder.sendError(metadata.error());
                   Core::NewDraft input;
                   input.type = Core::DraftType::FollowUp;
                   input.content = *prompt;
                   input.autoSend = autoSend->value_or(false);
                   input.sendAfter = sendAfter->value_or(QDateTime());
                   input.metadata = metadata->value_or(QJsonObject());
                   if (auto valid = input.validate(u"prompt"_s); !valid)
                       return responder.sendError(valid.error());
                   replyDraft(drafts.create(attemptOf(request), input), context, responder, 201);
               });

    router.add("POST",
               base + u"/:id/retry-follow-up-draft"_s,
               u"Save a retry draft (originalPrompt, retryPrompt, retryReason)"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   auto body = bodyOf(request);
                   if (!body)
                       return responder.sendError(body.error());
                   auto retryPrompt = body->requiredString(u"retryPrompt"_s);
                   if (!retryPrompt)
                       return responder.sendError(retryPrompt.error());
                   auto original = body->string(u"originalPrompt"_s);
                   if (!original)
                       return responder.sendError(original.error());
                   auto reason = body->string(u"retryReason"_s);
                   if (!reason)
                       return responder.sendError(reason.error());
                   auto metadata = body->rawObject(u"metadata"_s);
                   if (!metadata)
                       return responder.sendError(metadata.error());
                   Core::NewDraft input;
                   input.type = Core::DraftType::Retry;
                   input.content = *retryPrompt;
                   input.originalPrompt = *original;
                   input.retryReason = *reason;
                   input.metadata = metadata->value_or(QJsonObject());
                   replyDraft(drafts.create(attemptOf(request), input), context, responder, 201);
               });

    // The follow-up and retry drafts are the drafts of one type, listed and deleted alike.
    struct TypedDrafts
    {
        QString path;
        Core::DraftType type;
        QString listSummary;
        QString deleteSummary;
    };
    for (const TypedDrafts &kind : {TypedDrafts{u"follow-up-draft"_s,
                                                Core::DraftType::FollowUp,
                                                u"List an attempt's follow-up drafts"_s,
                                                u"Delete a follow-up draft"_s},
                                    TypedDrafts{u"retry-follow-up-draft"_s,
                                                Core::DraftType::Retry,
                                                u"List an attempt's retry drafts"_s,
                                                u"Delete a retry draft"_s}}) {
        const Core::DraftType type = kind.type;
        router.add("GET",
                   base + u"/:id/"_s + kind.path,
                   kind.listSummary,
                   [&drafts, context, type](const ApiRequest &request, const Responder &responder) {
                       replyDraftList(drafts.list(attemptOf(request), type), context, responder);
                   });
        router.add("DELETE",
                   base + u"/:id/"_s + kind.path + u"/:draftId"_s,
                   kind.deleteSummary,
                   [&drafts, context, type](const ApiRequest &request, const Responder &responder) {
                       replyDraftDeleted(drafts.remove(attemptOf(request), draftOf(request), type),
                                         context,
                                         responder);
                   });
    }

    router.add("POST",
               base + u"/:id/follow-up-queue"_s,
               u"Set the follow-up queue (queue[{prompt, order}], autoExecute)"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   auto body = bodyOf(request);
                   if (!body)
                       return responder.sendError(body.error());
                   const QJsonValue queue = body->json().value(u"queue"_s);
                   if (!queue.isArray())
                       return responder.sendError(
                           Core::Error::validation(u"queue"_s,
                                                   u"is required: an array of {prompt, order}"_s));
                   QList<Core::NewQueueItem> items;
                   const QJsonArray array = queue.toArray();
                   for (qsizetype i = 0; i < array.size(); ++i) {
                       const QString prefix = u"queue[%1]."_s.arg(i);
                       const QJsonObject item = array.at(i).toObject();
                       if (!array.at(i).isObject())
                           return responder.sendError(
                               Core::Error::validation(u"queue[%1]"_s.arg(i),
                                                       u"must be an object {prompt, order}"_s));
                       if (!item.value(u"prompt"_s).isString())
                           return responder.sendError(
                               Core::Error::validation(prefix + u"prompt"_s, u"must be a string"_s));
                       const auto order = queueOrder(item, i, prefix);
                       if (!order)
                           return responder.sendError(order.error());
                       items.append({item.value(u"prompt"_s).toString(), *order});
                   }
                   auto autoExecute = body->boolean(u"autoExecute"_s);
                   if (!autoExecute)
                       return responder.sendError(autoExecute.error());
                   replyQueue(drafts.setQueue(attemptOf(request),
                                              items,
                                              autoExecute->value_or(false)),
                              context,
                              responder,
                              201);
               });

    router.add("GET",
               base + u"/:id/follow-up-queue"_s,
               u"The follow-up queue and each item's status"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   replyQueue(drafts.queue(attemptOf(request)), context, responder, 200);
               });

    router.add("DELETE",
               base + u"/:id/follow-up-queue"_s,
               u"Clear the follow-up queue"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   replyQueue(drafts.clearQueue(attemptOf(request)), context, responder, 200);
               });

    router.add("POST",
               base + u"/:id/follow-up-queue/next"_s,
               u"Send the queue's next pending item now (also resumes a stopped queue)"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   replyQueue(drafts.runNext(attemptOf(request)), context, responder, 200);
               });

    router.add(
        "POST",
        base + u"/:id/draft-queue"_s,
        u"Set the draft queue: tasks created in order once the attempt is idle"_s,
        [&drafts, context](const ApiRequest &request, const Responder &responder) {
            auto body = bodyOf(request);
            if (!body)
                return responder.sendError(body.error());
            const QJsonValue queue = body->json().value(u"queue"_s);
            if (!queue.isArray())
                return responder.sendError(Core::Error::validation(
                    u"queue"_s, u"is required: an array of {title, description, order}"_s));
            QList<Core::NewQueueDraft> items;
            const QJsonArray array = queue.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                const QString prefix = u"queue[%1]."_s.arg(i);
                if (!array.at(i).isObject())
                    return responder.sendError(
                        Core::Error::validation(u"queue[%1]"_s.arg(i),
                                                u"must be an object {title, description, order}"_s));
                const QJsonObject item = array.at(i).toObject();
                if (!item.value(u"title"_s).isString())
                    return responder.sendError(
                        Core::Error::validation(prefix + u"title"_s, u"must be a string"_s));
                const QJsonValue description = item.value(u"description"_s);
                if (!description.isUndefined() && !description.isNull() && !description.isString())
                    return responder.sendError(
                        Core::Error::validation(prefix + u"description"_s, u"must be a string"_s));
                const auto order = queueOrder(item, i, prefix);
                if (!order)
                    return responder.sendError(order.error());
                items.append({item.value(u"title"_s).toString(), description.toString(), *order});
            }
            replyDraftQueue(drafts.setDraftQueue(attemptOf(request), items),
                            attemptOf(request),
                            context,
                            responder,
                            201);
        });

    router.add("GET",
               base + u"/:id/draft-queue"_s,
               u"The draft queue and each item's status"_s,
               [&drafts, context](const ApiRequest &request, const Responder &responder) {
                   replyDraftQueue(drafts.draftQueue(attemptOf(request)),
                                   attemptOf(request),
                                   context,
                                   responder,
                                   200);
               });
}

} // namespace

void addDraftRoutes(Router &router, Core::DraftService &drafts, QObject *context)
{
    addDraftRoutesAt(router, u"/api/attempts"_s, drafts, context);
    addDraftRoutesAt(router, u"/api/task-attempts"_s, drafts, context);
}

} // namespace Server
