// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/draftservice.h"

#include "core/attemptservice.h"
#include "core/attemptstore.h"
#include "core/database.h"
#include "core/draftstore.h"
#include "core/eventbus.h"
#include "core/logging.h"
#include "core/taskservice.h"
#include "core/timestamps.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

constexpr qsizetype maxPromptLength = 100000;
constexpr qsizetype maxQueueItems = 100;

Error draftNotFound(const DraftId &id)
{
    return Error::notFound(u"draft"_s, id.toString());
}

Result<Draft> findDraft(SqlConnection &sql,
                        const AttemptId &attempt,
                        const DraftId &id,
                        std::optional<DraftType> type)
{
    auto found = DraftStore::find(sql, id);
    if (!found)
        return fail(found.error());
    // A draft seen through another attempt's (or another kind's) URL does not exist there.
    if (!*found || (*found)->attemptId != attempt || (type && (*found)->type != *type))
        return fail(draftNotFound(id));
    return **found;
}

Result<AttemptContext> attemptContext(SqlConnection &sql, const AttemptId &attempt)
{
    return AttemptStore::findContext(sql, attempt);
}

DraftStatus restingStatus(const Draft &draft)
{
    return draft.type == DraftType::FollowUp && draft.sendsItself() ? DraftStatus::Scheduled
                                                                    : DraftStatus::Draft;
}

bool isFinal(AttemptStatus status)
{
    return status == AttemptStatus::Completed || status == AttemptStatus::Failed
           || status == AttemptStatus::Cancelled;
}

} // namespace

Result<void> NewDraft::validate(const QString &contentField) const
{
    if (content.trimmed().isEmpty())
        return fail(Error::validation(contentField, u"is required"_s));
    if (content.size() > maxPromptLength)
        return fail(Error::validation(contentField,
                                      u"must be at most %1 characters"_s.arg(maxPromptLength)));
    if (originalPrompt && originalPrompt->size() > maxPromptLength)
        return fail(Error::validation(u"originalPrompt"_s,
                                      u"must be at most %1 characters"_s.arg(maxPromptLength)));
    if (retryReason && retryReason->size() > 10000)
        return fail(Error::validation(u"retryReason"_s, u"must be at most 10000 characters"_s));
    return {};
}

DraftService::DraftService(Database &database,
                           EventBus &events,
                           AttemptService &attempts,
                           TaskService &tasks,
                           QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_events(events)
    , m_attempts(attempts)
    , m_tasks(tasks)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DraftService::pumpDue);
    connect(&events, &EventBus::published, this, &DraftService::onEvent);
}

DraftService::~DraftService() = default;

Future<Result<int>> DraftService::start()
{
    struct Loaded
    {
        QList<Draft> scheduled;
        QList<FollowUpQueue> queues;
        QList<AttemptId> draftQueues;
    };
    return m_database
        .read([](SqlConnection &sql) -> Result<Loaded> {
            Loaded loaded;
            auto scheduled = DraftStore::scheduled(sql);
            if (!scheduled)
                return fail(scheduled.error());
            loaded.scheduled = *scheduled;
            auto queues = DraftStore::activeQueues(sql);
            if (!queues)
                return fail(queues.error());
            loaded.queues = *queues;
            auto draftQueues = DraftStore::attemptsWithQueuedDrafts(sql);
            if (!draftQueues)
                return fail(draftQueues.error());
            loaded.draftQueues = *draftQueues;
            return loaded;
        })
        .then(this, [this](const Result<Loaded> &loaded) -> Result<int> {
            if (!loaded)
                return fail(loaded.error());
            QSet<QString> attempts;
            for (const Draft &draft : loaded->scheduled) {
                m_scheduled.insert(draft.id.toString(), draft);
                attempts.insert(draft.attemptId.toString());
            }
            for (const FollowUpQueue &queue : loaded->queues) {
                const QString attempt = queue.attemptId.toString();
                if (queue.autoExecute)
                    m_autoQueues.insert(attempt);
                // An item that was running when Forgedesk stopped: its run was interrupted
                // (crash recovery failed it), so the queue stops there.
                for (const FollowUpQueueItem &item : queue.items) {
                    if (item.status == QueueItemStatus::Running)
                        m_runningItems.insert(attempt, item.id.toString());
                }
                attempts.insert(attempt);
            }
            for (const AttemptId &attempt : loaded->draftQueues) {
                m_draftQueues.insert(attempt.toString());
                attempts.insert(attempt.toString());
            }
            m_started = true;
            for (const QString &attempt : std::as_const(attempts)) {
                if (m_runningItems.contains(attempt) && !m_attempts.isActive(AttemptId(attempt))) {
                    finishFromStore(AttemptId(attempt));
                    continue;
                }
                pump(AttemptId(attempt));
            }
            rearm();
            return int(m_scheduled.size() + loaded->queues.size() + loaded->draftQueues.size());
        });
}

Future<Result<Draft>> DraftService::create(const AttemptId &attempt, const NewDraft &input)
{
    const QString contentField = input.type == DraftType::Retry ? u"retryPrompt"_s : u"content"_s;
    if (auto valid = input.validate(contentField); !valid)
        return Future<Result<Draft>>::ready(fail(valid.error()));
    const QDateTime now = nowUtc();
    Draft draft;
    draft.id = DraftId::generate();
    draft.attemptId = attempt;
    draft.type = input.type;
    draft.content = input.content;
    draft.metadata = input.metadata;
    draft.autoSend = input.autoSend;
    draft.sendAfter = input.sendAfter;
    draft.originalPrompt = input.originalPrompt;
    draft.retryReason = input.retryReason;
    draft.status = restingStatus(draft);
    draft.createdAt = now;
    draft.updatedAt = now;
    return m_database
        .write([draft](SqlConnection &sql) mutable -> Result<Draft> {
            auto context = attemptContext(sql, draft.attemptId);
            if (!context)
                return fail(context.error());
            draft.projectId = context->project.id;
            if (auto inserted = DraftStore::insert(sql, draft); !inserted)
                return fail(inserted.error());
            return draft;
        })
        .then(this, [this](const Result<Draft> &created) {
            if (created)
                announce(ChangeKind::Created, *created);
            return created;
        });
}

Future<Result<Draft>> DraftService::get(const AttemptId &attempt,
                                        const DraftId &id,
                                        std::optional<DraftType> type)
{
    return m_database.read(
        [attempt, id, type](SqlConnection &sql) { return findDraft(sql, attempt, id, type); });
}

Future<Result<QList<Draft>>> DraftService::list(const AttemptId &attempt,
                                                std::optional<DraftType> type)
{
    return m_database.read([attempt, type](SqlConnection &sql) -> Result<QList<Draft>> {
        if (auto context = attemptContext(sql, attempt); !context)
            return fail(context.error());
        return DraftStore::ofAttempt(sql, attempt, type);
    });
}

Future<Result<Draft>> DraftService::update(const AttemptId &attempt,
                                           const DraftId &id,
                                           const DraftPatch &patch)
{
    if (patch.content) {
        NewDraft check;
        check.content = *patch.content;
        if (auto valid = check.validate(u"content"_s); !valid)
            return Future<Result<Draft>>::ready(fail(valid.error()));
    }
    const QDateTime now = nowUtc();
    return m_database
        .write([attempt, id, patch, now](SqlConnection &sql) -> Result<Draft> {
            auto found = findDraft(sql, attempt, id, std::nullopt);
            if (!found)
                return found;
            Draft draft = *found;
            // Last writer must not silently win: a change names the version it was made from.
            if (patch.version != draft.version)
                return fail(Error::conflict(
                    u"draft %1 changed since version %2 (it is at version %3); reload it and "
                    "apply your change again"_s.arg(id.toString())
                        .arg(patch.version)
                        .arg(draft.version),
                    {{u"draftId"_s, id.toString()}, {u"currentVersion"_s, draft.version}}));
            if (draft.status == DraftStatus::Sent)
                return fail(Error::conflict(u"draft %1 was sent already"_s.arg(id.toString()),
                                            {{u"draftId"_s, id.toString()}}));
            if (patch.content)
                draft.content = *patch.content;
            if (patch.metadata)
                draft.metadata = *patch.metadata;
            if (patch.autoSend)
                draft.autoSend = *patch.autoSend;
            if (patch.sendAfter)
                draft.sendAfter = *patch.sendAfter;
            if (patch.originalPrompt)
                draft.originalPrompt = *patch.originalPrompt;
            if (patch.retryReason)
                draft.retryReason = *patch.retryReason;
            draft.status = restingStatus(draft);
            draft.error.clear();
            ++draft.version;
            draft.updatedAt = now;
            auto updated = DraftStore::update(sql, draft);
            if (!updated)
                return fail(updated.error());
            if (!*updated)
                return fail(draftNotFound(id));
            return draft;
        })
        .then(this, [this](const Result<Draft> &updated) {
            if (updated)
                announce(ChangeKind::Updated, *updated);
            return updated;
        });
}

Future<Result<Draft>> DraftService::remove(const AttemptId &attempt,
                                           const DraftId &id,
                                           std::optional<DraftType> type)
{
    return m_database
        .write([attempt, id, type](SqlConnection &sql) -> Result<Draft> {
            auto found = findDraft(sql, attempt, id, type);
            if (!found)
                return found;
            if (auto removed = DraftStore::remove(sql, id); !removed)
                return fail(removed.error());
            return *found;
        })
        .then(this, [this](const Result<Draft> &removed) {
            if (removed)
                announce(ChangeKind::Deleted, *removed);
            return removed;
        });
}

Future<Result<Draft>> DraftService::send(const AttemptId &attempt, const DraftId &id)
{
    return get(attempt, id).then(this, [this](const Result<Draft> &found) -> Future<Result<Draft>> {
        if (!found)
            return Future<Result<Draft>>::ready(found);
        const Draft &draft = *found;
        if (draft.status == DraftStatus::Sent)
            return Future<Result<Draft>>::ready(
                fail(Error::conflict(u"draft %1 was sent already"_s.arg(draft.id.toString()),
                                     {{u"draftId"_s, draft.id.toString()},
                                      {u"resultId"_s, draft.resultId.value_or(QString())}})));
        if (draft.type == DraftType::Retry)
            return startRetry(draft);
        if (isBusy(draft.attemptId.toString()) || m_attempts.isActive(draft.attemptId))
            return Future<Result<Draft>>::ready(fail(Error::conflict(
                u"attempt %1 is running; send the draft when it is idle, or set autoSend"_s.arg(
                    draft.attemptId.toString()),
                {{u"attemptId"_s, draft.attemptId.toString()}})));
        const QString busyKey = draft.attemptId.toString();
        hold(busyKey);
        return m_attempts.followUp(draft.attemptId, draft.content, std::nullopt)
            .then(this,
                  [this, draft, busyKey](
                      const Result<ExecutionProcess> &process) -> Future<Result<Draft>> {
                      release(busyKey);
                      if (!process)
                          return Future<Result<Draft>>::ready(fail(process.error()));
                      Draft sent = draft;
                      sent.status = DraftStatus::Sent;
                      sent.resultId = process->id.toString();
                      sent.sentAt = nowUtc();
                      sent.error.clear();
                      return saveDraft(sent, ChangeKind::Updated);
                  });
    });
}

Future<Result<Draft>> DraftService::startRetry(const Draft &draft)
{
    return m_attempts.get(draft.attemptId)
        .then(this,
              [this, draft](const Result<Attempt> &original) -> Future<Result<Attempt>> {
                  if (!original)
                      return Future<Result<Attempt>>::ready(fail(original.error()));
                  NewAttempt input;
                  input.taskId = original->taskId;
                  input.llm = original->llm;
                  input.variant = original->variant;
                  input.options = original->options;
                  // The retry prompt joins the task's own; the reason is kept with it so the
                  // new attempt says why it exists.
                  QString description = draft.content.trimmed();
                  if (draft.retryReason && !draft.retryReason->trimmed().isEmpty())
                      description += u"\n\n(Retry of %1: %2)"_s.arg(original->id.toString(),
                                                                    draft.retryReason->trimmed());
                  input.description = description;
                  return m_attempts.create(input);
              })
        .then(this,
              [this](const Result<Attempt> &created) -> Future<Result<Attempt>> {
                  if (!created)
                      return Future<Result<Attempt>>::ready(created);
                  return m_attempts.start(created->id);
              })
        .then(this, [this, draft](const Result<Attempt> &started) -> Future<Result<Draft>> {
            if (!started)
                return Future<Result<Draft>>::ready(fail(started.error()));
            Draft sent = draft;
            sent.status = DraftStatus::Sent;
            sent.resultId = started->id.toString();
            sent.sentAt = nowUtc();
            sent.error.clear();
            return saveDraft(sent, ChangeKind::Updated);
        });
}

Future<Result<Draft>> DraftService::saveDraft(const Draft &draft, ChangeKind kind)
{
    Draft saved = draft;
    ++saved.version;
    saved.updatedAt = nowUtc();
    return m_database
        .write([saved](SqlConnection &sql) -> Result<Draft> {
            auto updated = DraftStore::update(sql, saved);
            if (!updated)
                return fail(updated.error());
            if (!*updated)
                return fail(draftNotFound(saved.id));
            return saved;
        })
        .then(this, [this, kind](const Result<Draft> &done) {
            if (done)
                announce(kind, *done);
            return done;
        });
}

Future<Result<FollowUpQueue>> DraftService::setQueue(const AttemptId &attempt,
                                                     const QList<NewQueueItem> &items,
                                                     bool autoExecute)
{
    if (items.isEmpty())
        return Future<Result<FollowUpQueue>>::ready(
            fail(Error::validation(u"queue"_s, u"must hold at least one item"_s)));
    if (items.size() > maxQueueItems)
        return Future<Result<FollowUpQueue>>::ready(fail(
            Error::validation(u"queue"_s, u"must hold at most %1 items"_s.arg(maxQueueItems))));
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString field = u"queue[%1].prompt"_s.arg(i);
        if (items.at(i).prompt.trimmed().isEmpty())
            return Future<Result<FollowUpQueue>>::ready(
                fail(Error::validation(field, u"is required"_s)));
        if (items.at(i).prompt.size() > maxPromptLength)
            return Future<Result<FollowUpQueue>>::ready(fail(
                Error::validation(field, u"must be at most %1 characters"_s.arg(maxPromptLength))));
    }
    if (m_runningItems.contains(attempt.toString()) || isBusy(attempt.toString()))
        return Future<Result<FollowUpQueue>>::ready(fail(Error::conflict(
            u"an item of attempt %1's queue is running; replace the queue when it is done"_s.arg(
                attempt.toString()),
            {{u"attemptId"_s, attempt.toString()}})));
    QList<NewQueueItem> ordered = items;
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto &a, const auto &b) {
        return a.order < b.order;
    });
    const QDateTime now = nowUtc();
    FollowUpQueue queue;
    queue.attemptId = attempt;
    queue.autoExecute = autoExecute;
    queue.createdAt = now;
    queue.updatedAt = now;
    for (const NewQueueItem &item : ordered)
        queue.items.append(FollowUpQueueItem{QueueItemId::generate(),
                                             item.prompt,
                                             item.order,
                                             QueueItemStatus::Pending,
                                             std::nullopt,
                                             {},
                                             now,
                                             now});
    return m_database
        .write([queue](SqlConnection &sql) -> Result<FollowUpQueue> {
            if (auto context = attemptContext(sql, queue.attemptId); !context)
                return fail(context.error());
            if (auto replaced = DraftStore::replaceQueue(sql, queue); !replaced)
                return fail(replaced.error());
            return queue;
        })
        .then(this, [this](const Result<FollowUpQueue> &saved) {
            if (saved) {
                const QString key = saved->attemptId.toString();
                if (saved->autoExecute)
                    m_autoQueues.insert(key);
                else
                    m_autoQueues.remove(key);
                pump(saved->attemptId);
            }
            return saved;
        });
}

Future<Result<FollowUpQueue>> DraftService::enqueue(const AttemptId &attempt, const QString &prompt)
{
    if (prompt.trimmed().isEmpty())
        return Future<Result<FollowUpQueue>>::ready(
            fail(Error::validation(u"prompt"_s, u"is required"_s)));
    if (prompt.size() > maxPromptLength)
        return Future<Result<FollowUpQueue>>::ready(
            fail(Error::validation(u"prompt"_s,
                                   u"must be at most %1 characters"_s.arg(maxPromptLength))));
    const QDateTime now = nowUtc();
    // Read, change and write in one job on the writer thread: a run that ends meanwhile updates
    // the queue before or after it, never in between.
    return m_database
        .write([attempt, prompt, now](SqlConnection &sql) -> Result<FollowUpQueue> {
            if (auto context = attemptContext(sql, attempt); !context)
                return fail(context.error());
            auto found = DraftStore::queue(sql, attempt);
            if (!found)
                return fail(found.error());
            FollowUpQueue queue;
            if (*found && (*found)->status != QueueStatus::Done) {
                queue = **found;
            } else {
                queue.attemptId = attempt;
                queue.autoExecute = true;
                queue.createdAt = now;
            }
            if (queue.items.size() >= maxQueueItems)
                return fail(Error::validation(u"queue"_s,
                                              u"must hold at most %1 items"_s.arg(maxQueueItems)));
            int order = 0;
            for (const FollowUpQueueItem &item : std::as_const(queue.items))
                order = std::max(order, item.order + 1);
            queue.items.append(FollowUpQueueItem{QueueItemId::generate(),
                                                 prompt,
                                                 order,
                                                 QueueItemStatus::Pending,
                                                 std::nullopt,
                                                 {},
                                                 now,
                                                 now});
            queue.updatedAt = now;
            if (auto replaced = DraftStore::replaceQueue(sql, queue); !replaced)
                return fail(replaced.error());
            return queue;
        })
        .then(this, [this](const Result<FollowUpQueue> &saved) {
            if (saved) {
                if (saved->autoExecute)
                    m_autoQueues.insert(saved->attemptId.toString());
                pump(saved->attemptId);
            }
            return saved;
        });
}

Future<Result<FollowUpQueue>> DraftService::reorderQueue(const AttemptId &attempt,
                                                         const QList<QueueItemId> &pending)
{
    const QDateTime now = nowUtc();
    return m_database.write([attempt, pending, now](SqlConnection &sql) -> Result<FollowUpQueue> {
        auto found = DraftStore::queue(sql, attempt);
        if (!found)
            return fail(found.error());
        if (!*found)
            return fail(Error::notFound(u"follow-up queue of"_s, attempt.toString()));
        FollowUpQueue queue = **found;
        QList<FollowUpQueueItem> settled;
        QHash<QString, FollowUpQueueItem> waiting;
        for (const FollowUpQueueItem &item : std::as_const(queue.items)) {
            if (item.status == QueueItemStatus::Pending)
                waiting.insert(item.id.toString(), item);
            else
                settled.append(item);
        }
        QSet<QString> seen;
        for (const QueueItemId &id : pending)
            seen.insert(id.toString());
        if (seen.size() != pending.size()
            || seen != QSet<QString>(waiting.keyBegin(), waiting.keyEnd()))
            return fail(Error::conflict(
                u"the pending items of attempt %1's queue are not those given; read it again"_s.arg(
                    attempt.toString()),
                {{u"attemptId"_s, attempt.toString()}}));
        int order = 0;
        for (FollowUpQueueItem &item : settled)
            order = std::max(order, item.order + 1);
        queue.items = settled;
        for (const QueueItemId &id : pending) {
            FollowUpQueueItem item = waiting.value(id.toString());
            item.order = order++;
            item.updatedAt = now;
            queue.items.append(item);
        }
        queue.updatedAt = now;
        if (auto replaced = DraftStore::replaceQueue(sql, queue); !replaced)
            return fail(replaced.error());
        return queue;
    });
}

Future<Result<FollowUpQueue>> DraftService::queue(const AttemptId &attempt)
{
    return m_database.read([attempt](SqlConnection &sql) -> Result<FollowUpQueue> {
        auto found = DraftStore::queue(sql, attempt);
        if (!found)
            return fail(found.error());
        if (*found)
            return **found;
        if (auto context = attemptContext(sql, attempt); !context)
            return fail(context.error());
        // No queue yet reads as an empty one.
        FollowUpQueue empty;
        empty.attemptId = attempt;
        return empty;
    });
}

Future<Result<FollowUpQueue>> DraftService::clearQueue(const AttemptId &attempt)
{
    if (m_runningItems.contains(attempt.toString()) || isBusy(attempt.toString()))
        return Future<Result<FollowUpQueue>>::ready(fail(
            Error::conflict(u"an item of attempt %1's queue is running"_s.arg(attempt.toString()),
                            {{u"attemptId"_s, attempt.toString()}})));
    return m_database
        .write([attempt](SqlConnection &sql) -> Result<FollowUpQueue> {
            auto found = DraftStore::queue(sql, attempt);
            if (!found)
                return fail(found.error());
            if (!*found)
                return fail(Error::notFound(u"follow-up queue of"_s, attempt.toString()));
            if (auto removed = DraftStore::removeQueue(sql, attempt); !removed)
                return fail(removed.error());
            return **found;
        })
        .then(this, [this, attempt](const Result<FollowUpQueue> &removed) {
            if (removed)
                m_autoQueues.remove(attempt.toString());
            return removed;
        });
}

Future<Result<FollowUpQueue>> DraftService::runNext(const AttemptId &attempt)
{
    const QString id = attempt.toString();
    if (m_runningItems.contains(id) || isBusy(id) || m_attempts.isActive(attempt))
        return Future<Result<FollowUpQueue>>::ready(fail(
            Error::conflict(u"attempt %1 is running; the next item goes when it is idle"_s.arg(id),
                            {{u"attemptId"_s, id}})));
    return queue(attempt)
        .then(this,
              [this, attempt, id](
                  const Result<FollowUpQueue> &found) -> Future<Result<FollowUpQueue>> {
                  if (!found)
                      return Future<Result<FollowUpQueue>>::ready(found);
                  const FollowUpQueueItem *next = found->nextPending();
                  if (!next)
                      return Future<Result<FollowUpQueue>>::ready(
                          fail(Error::conflict(u"attempt %1's queue has no pending item"_s.arg(id),
                                               {{u"attemptId"_s, id}})));
                  if (found->autoExecute)
                      m_autoQueues.insert(id);
                  return sendQueueItem(attempt, next->id);
              });
}

Future<Result<QList<QueueDraft>>> DraftService::setDraftQueue(const AttemptId &attempt,
                                                              const QList<NewQueueDraft> &items)
{
    if (items.isEmpty())
        return Future<Result<QList<QueueDraft>>>::ready(
            fail(Error::validation(u"queue"_s, u"must hold at least one item"_s)));
    if (items.size() > maxQueueItems)
        return Future<Result<QList<QueueDraft>>>::ready(fail(
            Error::validation(u"queue"_s, u"must hold at most %1 items"_s.arg(maxQueueItems))));
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString title = items.at(i).title.trimmed();
        if (title.isEmpty() || title.size() > 500)
            return Future<Result<QList<QueueDraft>>>::ready(
                fail(Error::validation(u"queue[%1].title"_s.arg(i),
                                       u"is required, at most 500 characters"_s)));
        if (items.at(i).description.size() > maxPromptLength)
            return Future<Result<QList<QueueDraft>>>::ready(
                fail(Error::validation(u"queue[%1].description"_s.arg(i),
                                       u"must be at most %1 characters"_s.arg(maxPromptLength))));
    }
    if (isBusy(attempt.toString()))
        return Future<Result<QList<QueueDraft>>>::ready(
            fail(Error::conflict(u"attempt %1's draft queue is being turned into tasks"_s.arg(
                                     attempt.toString()),
                                 {{u"attemptId"_s, attempt.toString()}})));
    QList<NewQueueDraft> ordered = items;
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto &a, const auto &b) {
        return a.order < b.order;
    });
    const QDateTime now = nowUtc();
    return m_database
        .write([attempt, ordered, now](SqlConnection &sql) -> Result<QList<QueueDraft>> {
            auto context = attemptContext(sql, attempt);
            if (!context)
                return fail(context.error());
            QList<QueueDraft> queue;
            for (const NewQueueDraft &item : ordered)
                queue.append(QueueDraft{QueueDraftId::generate(),
                                        attempt,
                                        context->project.id,
                                        item.title.trimmed(),
                                        item.description,
                                        item.order,
                                        QueueDraftStatus::Queued,
                                        std::nullopt,
                                        {},
                                        now,
                                        now});
            if (auto replaced = DraftStore::replaceDraftQueue(sql, attempt, queue); !replaced)
                return fail(replaced.error());
            return queue;
        })
        .then(this, [this, attempt](const Result<QList<QueueDraft>> &saved) {
            if (saved) {
                m_draftQueues.insert(attempt.toString());
                pump(attempt);
            }
            return saved;
        });
}

Future<Result<QList<QueueDraft>>> DraftService::draftQueue(const AttemptId &attempt)
{
    return m_database.read([attempt](SqlConnection &sql) -> Result<QList<QueueDraft>> {
        if (auto context = attemptContext(sql, attempt); !context)
            return fail(context.error());
        return DraftStore::draftQueue(sql, attempt);
    });
}

void DraftService::onEvent(const Event &event)
{
    const auto *e = std::get_if<AttemptEvent>(&event);
    if (!e)
        return;
    const QString attempt = e->attempt.id.toString();
    if (e->kind == ChangeKind::Deleted) {
        // The database dropped its drafts and queues with it.
        m_scheduled.removeIf([&attempt](const QHash<QString, Draft>::iterator &it) {
            return it->attemptId.toString() == attempt;
        });
        m_runningItems.remove(attempt);
        m_autoQueues.remove(attempt);
        m_draftQueues.remove(attempt);
        rearm();
        return;
    }
    if (!e->statusChanged() || !isFinal(e->attempt.status))
        return;
    if (m_runningItems.contains(attempt)) {
        // While the item's own run goes, a final event is a late one from the run before it.
        if (!m_attempts.isActive(e->attempt.id))
            finishQueueItem(e->attempt.id, e->attempt);
        return;
    }
    pump(e->attempt.id);
}

void DraftService::pump(const AttemptId &attempt)
{
    const QString id = attempt.toString();
    if (!m_started || isBusy(id) || m_runningItems.contains(id) || m_attempts.isActive(attempt))
        return;
    const QDateTime now = nowUtc();
    const Draft *due = nullptr;
    for (const Draft &draft : std::as_const(m_scheduled)) {
        if (draft.attemptId != attempt || (draft.sendAfter.isValid() && draft.sendAfter > now))
            continue;
        if (!due || draft.createdAt < due->createdAt)
            due = &draft;
    }
    if (due)
        return sendDraft(*due);
    if (m_autoQueues.contains(id)) {
        hold(id);
        queue(attempt).then(this, [this, attempt, id](const Result<FollowUpQueue> &found) {
            release(id);
            const FollowUpQueueItem *next = found ? found->nextPending() : nullptr;
            if (!found || !found->autoExecute || found->status == QueueStatus::Stopped || !next) {
                m_autoQueues.remove(id);
                return pump(attempt);
            }
            (void) sendQueueItem(attempt, next->id);
        });
        return;
    }
    if (m_draftQueues.contains(id))
        createQueuedTasks(attempt);
}

void DraftService::pumpDue()
{
    const QDateTime now = nowUtc();
    QSet<QString> attempts;
    for (const Draft &draft : std::as_const(m_scheduled)) {
        if (!draft.sendAfter.isValid() || draft.sendAfter <= now)
            attempts.insert(draft.attemptId.toString());
    }
    for (const QString &attempt : std::as_const(attempts))
        pump(AttemptId(attempt));
    rearm();
}

void DraftService::rearm()
{
    const QDateTime now = nowUtc();
    QDateTime next;
    for (const Draft &draft : std::as_const(m_scheduled)) {
        if (draft.sendAfter.isValid() && draft.sendAfter > now
            && (!next.isValid() || draft.sendAfter < next))
            next = draft.sendAfter;
    }
    if (!next.isValid()) {
        m_timer.stop();
        return;
    }
    // QTimer takes an int of milliseconds: wake at least daily and look again.
    m_timer.start(int(std::clamp<qint64>(now.msecsTo(next) + 5, 0, 24LL * 3600 * 1000)));
}

void DraftService::sendDraft(Draft draft)
{
    // By value: it may be m_scheduled's own copy, which the next line removes.
    const QString attempt = draft.attemptId.toString();
    hold(attempt);
    m_scheduled.remove(draft.id.toString());
    m_attempts.followUp(draft.attemptId, draft.content, std::nullopt)
        .then(this, [this, draft, attempt](const Result<ExecutionProcess> &process) {
            release(attempt);
            Draft after = draft;
            if (process) {
                after.status = DraftStatus::Sent;
                after.resultId = process->id.toString();
                after.sentAt = nowUtc();
                after.error.clear();
            } else if (process.error().code == ErrorCode::Conflict
                       && m_attempts.isActive(draft.attemptId)) {
                // Someone started a run meanwhile: wait for it to end.
                m_scheduled.insert(draft.id.toString(), draft);
                return;
            } else {
                after.status = DraftStatus::Failed;
                after.error = process.error().message;
                qCWarning(lcEngine) << "scheduled follow-up" << draft.id.toString()
                                    << "could not be sent:" << after.error;
            }
            saveDraft(after, ChangeKind::Updated).then(this, [this, attempt](const Result<Draft> &) {
                pump(AttemptId(attempt));
            });
        });
}

Future<Result<FollowUpQueue>> DraftService::sendQueueItem(const AttemptId &attempt,
                                                          const QueueItemId &itemId)
{
    const QString id = attempt.toString();
    hold(id);
    return queue(attempt)
        .then(this,
              [this, attempt, itemId](const Result<FollowUpQueue> &found)
                  -> Future<std::pair<Result<FollowUpQueue>, Result<ExecutionProcess>>> {
                  using Pair = std::pair<Result<FollowUpQueue>, Result<ExecutionProcess>>;
                  if (!found)
                      return Future<Pair>::ready(Pair(found, fail(found.error())));
                  const auto item = std::find_if(found->items.cbegin(),
                                                 found->items.cend(),
                                                 [&itemId](const FollowUpQueueItem &i) {
                                                     return i.id == itemId;
                                                 });
                  if (item == found->items.cend() || item->status != QueueItemStatus::Pending) {
                      const Error notPending = Error::conflict(u"queue item %1 is not pending"_s.arg(
                                                                   itemId.toString()),
                                                               {{u"itemId"_s, itemId.toString()}});
                      return Future<Pair>::ready(Pair(fail(notPending), fail(notPending)));
                  }
                  const FollowUpQueue queue = *found;
                  return m_attempts.followUp(attempt, item->prompt, std::nullopt)
                      .thenInline([queue](const Result<ExecutionProcess> &process) {
                          return Pair(queue, process);
                      });
              })
        .then(this,
              [this, attempt, itemId, id](
                  const std::pair<Result<FollowUpQueue>, Result<ExecutionProcess>> &sent)
                  -> Future<Result<FollowUpQueue>> {
                  if (!sent.first) {
                      release(id);
                      return Future<Result<FollowUpQueue>>::ready(sent.first);
                  }
                  FollowUpQueue queue = *sent.first;
                  const QDateTime now = nowUtc();
                  for (FollowUpQueueItem &item : queue.items) {
                      if (item.id != itemId)
                          continue;
                      item.updatedAt = now;
                      if (sent.second) {
                          item.status = QueueItemStatus::Running;
                          item.processId = sent.second->id.toString();
                      } else {
                          item.status = QueueItemStatus::Failed;
                          item.error = sent.second.error().message;
                      }
                  }
                  if (sent.second) {
                      queue.status = QueueStatus::Running;
                      queue.error.clear();
                      m_runningItems.insert(id, itemId.toString());
                  } else {
                      queue.status = QueueStatus::Stopped;
                      queue.error = u"%1 could not be sent: %2"_s.arg(itemId.toString(),
                                                                      sent.second.error().message);
                      m_autoQueues.remove(id);
                  }
                  queue.updatedAt = now;
                  const Result<ExecutionProcess> process = sent.second;
                  return m_database
                      .write([queue](SqlConnection &sql) {
                          return DraftStore::updateQueue(sql, queue);
                      })
                      .then(this,
                            [this, attempt, id, queue, process](
                                const Result<void> &saved) -> Result<FollowUpQueue> {
                                release(id);
                                if (!saved)
                                    qCWarning(lcEngine) << "queue of" << id
                                                        << "not saved:" << saved.error().message;
                                // A run that ended before we knew it was ours: its final event
                                // may have come and gone.
                                if (m_runningItems.contains(id) && !m_attempts.isActive(attempt))
                                    finishFromStore(attempt);
                                if (!saved)
                                    return fail(saved.error());
                                if (!process)
                                    return fail(process.error());
                                return queue;
                            });
              });
}

void DraftService::finishQueueItem(const AttemptId &attempt, const Attempt &after)
{
    const QString id = attempt.toString();
    // The final event and finishFromStore may both come for one run: the first one finishes it.
    if (!m_runningItems.contains(id))
        return;
    const QString itemId = m_runningItems.take(id);
    hold(id);
    const QDateTime now = nowUtc();
    const bool succeeded = after.status == AttemptStatus::Completed;
    QString failure = u"attempt %1"_s.arg(wireName(after.status));
    if (after.failureReason)
        failure += u" (%1)"_s.arg(*after.failureReason);
    m_database
        .write([attempt, itemId, now, succeeded, failure](
                   SqlConnection &sql) -> Result<FollowUpQueue> {
            auto found = DraftStore::queue(sql, attempt);
            if (!found)
                return fail(found.error());
            if (!*found)
                return fail(Error::notFound(u"follow-up queue of"_s, attempt.toString()));
            FollowUpQueue queue = **found;
            for (FollowUpQueueItem &item : queue.items) {
                if (item.id.toString() != itemId || item.status != QueueItemStatus::Running)
                    continue;
                item.status = succeeded ? QueueItemStatus::Completed : QueueItemStatus::Failed;
                if (!succeeded)
                    item.error = failure;
                item.updatedAt = now;
                if (!succeeded) {
                    queue.status = QueueStatus::Stopped;
                    queue.error = u"item %1 (order %2) failed: %3; the items after it were not "
                                  "sent"_s.arg(itemId)
                                      .arg(item.order)
                                      .arg(failure);
                }
            }
            if (queue.status != QueueStatus::Stopped)
                queue.status = queue.nextPending() ? QueueStatus::Idle : QueueStatus::Done;
            queue.updatedAt = now;
            if (auto saved = DraftStore::updateQueue(sql, queue); !saved)
                return fail(saved.error());
            return queue;
        })
        .then(this, [this, attempt, id](const Result<FollowUpQueue> &queue) {
            release(id);
            if (!queue) {
                qCWarning(lcEngine) << "queue of" << id << "not updated:" << queue.error().message;
                return;
            }
            if (queue->status == QueueStatus::Stopped || queue->status == QueueStatus::Done)
                m_autoQueues.remove(id);
            pump(attempt);
        });
}

void DraftService::finishFromStore(const AttemptId &attempt)
{
    // Read through the write queue: the ended run queued its own save before it stopped being
    // active, so this read sees its final status (a pooled read might not).
    m_database
        .write([attempt](SqlConnection &sql) -> Result<Attempt> {
            auto found = AttemptStore::find(sql, attempt);
            if (!found)
                return fail(found.error());
            if (!*found)
                return fail(Error::notFound(u"attempt"_s, attempt.toString()));
            return **found;
        })
        .then(this, [this, attempt](const Result<Attempt> &found) {
            if (found && !m_attempts.isActive(attempt))
                finishQueueItem(attempt, *found);
        });
}

void DraftService::release(const QString &attempt)
{
    const auto it = m_busy.find(attempt);
    if (it != m_busy.end() && --*it <= 0)
        m_busy.erase(it);
}

void DraftService::createQueuedTasks(const AttemptId &attempt)
{
    const QString id = attempt.toString();
    hold(id);
    draftQueue(attempt).then(this, [this, attempt, id](const Result<QList<QueueDraft>> &items) {
        const QueueDraft *next = nullptr;
        if (items) {
            for (const QueueDraft &item : *items) {
                if (item.status == QueueDraftStatus::Queued) {
                    next = &item;
                    break;
                }
            }
        }
        if (!next) {
            release(id);
            m_draftQueues.remove(id);
            return;
        }
        NewTask task;
        task.projectId = next->projectId;
        task.title = next->title;
        task.description = next->description;
        task.parentAttemptId = id;
        const QueueDraft item = *next;
        // One at a time, so the tasks are created (and ordered by creation) as queued.
        m_tasks.create(task)
            .then(this,
                  [this, item](const Result<Task> &created) {
                      QueueDraft done = item;
                      done.updatedAt = nowUtc();
                      if (created) {
                          done.status = QueueDraftStatus::Created;
                          done.taskId = created->id.toString();
                      } else {
                          done.status = QueueDraftStatus::Failed;
                          done.error = created.error().message;
                      }
                      return m_database.write([done](SqlConnection &sql) {
                          return DraftStore::updateQueueDraft(sql, done);
                      });
                  })
            .then(this, [this, attempt, id](const Result<void> &saved) {
                release(id);
                if (!saved) {
                    qCWarning(lcEngine)
                        << "draft queue of" << id << "not saved:" << saved.error().message;
                    m_draftQueues.remove(id);
                    return;
                }
                createQueuedTasks(attempt);
            });
    });
}

void DraftService::announce(ChangeKind kind, const Draft &draft)
{
    const QString id = draft.id.toString();
    if (kind != ChangeKind::Deleted && draft.status == DraftStatus::Scheduled)
        m_scheduled.insert(id, draft);
    else
        m_scheduled.remove(id);
    rearm();
    m_events.publish(DraftEvent{kind, draft, nowUtc()});
    if (draft.status == DraftStatus::Scheduled)
        pump(draft.attemptId);
}

} // namespace Core
