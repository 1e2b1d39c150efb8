// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/draft.h"
#include "core/events.h"
#include "core/future.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace Core {

class AttemptService;
class Database;
class EventBus;
class TaskService;

struct NewDraft
{
    DraftType type = DraftType::FollowUp;
    QString content;
    QJsonObject metadata;
    bool autoSend = false;
    QDateTime sendAfter;
    std::optional<QString> originalPrompt;
    std::optional<QString> retryReason;

    /// Errors name the field as the API spells it; contentField is "content", "prompt" or
    /// "retryPrompt" depending on the route.
    [[nodiscard]] Result<void> validate(const QString &contentField) const;
};

struct NewQueueItem
{
    QString prompt;
    int order = 0;
};

struct NewQueueDraft
{
    QString title;
    QString description;
    int order = 0;
};

/// Drafts and queues (seed 000), and the scheduler that sends them. A follow-up draft that
/// sends itself goes out when its sendAfter time has come and the attempt is idle (or as soon
/// as it becomes idle); a follow-up queue with autoExecute sends its items one after another,
/// each after the previous run completed, and stops at the first failure. Everything is in the
/// database, so a restart resumes where it was. Lives on the main thread.
class DraftService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DraftService)

public:
    DraftService(Database &database,
                 EventBus &events,
                 AttemptService &attempts,
                 TaskService &tasks,
                 QObject *parent = nullptr);
    ~DraftService() override;

    /// Loads what is scheduled and queued, and sends whatever is due. Call after the attempts'
    /// crash recovery, so that "idle" is true.
    [[nodiscard]] Future<Result<int>> start();

    [[nodiscard]] Future<Result<Draft>> create(const AttemptId &attempt, const NewDraft &input);
    [[nodiscard]] Future<Result<Draft>> get(const AttemptId &attempt,
                                            const DraftId &id,
                                            std::optional<DraftType> type = std::nullopt);
    [[nodiscard]] Future<Result<QList<Draft>>> list(const AttemptId &attempt,
                                                    std::optional<DraftType> type);
    /// 409 if patch.version is not the stored version, or the draft was sent already.
    [[nodiscard]] Future<Result<Draft>> update(const AttemptId &attempt,
                                               const DraftId &id,
                                               const DraftPatch &patch);
    [[nodiscard]] Future<Result<Draft>> remove(const AttemptId &attempt,
                                               const DraftId &id,
                                               std::optional<DraftType> type = std::nullopt);
    /// Sends now: a follow-up (409 while the attempt runs) or, for a retry draft, a new attempt
    /// of the same task with the retry prompt.
    [[nodiscard]] Future<Result<Draft>> send(const AttemptId &attempt, const DraftId &id);

    [[nodiscard]] Future<Result<FollowUpQueue>> setQueue(const AttemptId &attempt,
                                                         const QList<NewQueueItem> &items,
                                                         bool autoExecute);
    [[nodiscard]] Future<Result<FollowUpQueue>> queue(const AttemptId &attempt);
    /// Adds prompt after the queue's last item, also while an item runs; starts an executing
    /// queue if the attempt has none (or its last one is done).
    [[nodiscard]] Future<Result<FollowUpQueue>> enqueue(const AttemptId &attempt,
                                                        const QString &prompt);
    /// Puts the pending items in the given order (every pending item, once), also while an
    /// item runs: what ran or runs keeps its place. 409 if the pending items changed meanwhile.
    [[nodiscard]] Future<Result<FollowUpQueue>> reorderQueue(const AttemptId &attempt,
                                                             const QList<QueueItemId> &pending);
    [[nodiscard]] Future<Result<FollowUpQueue>> clearQueue(const AttemptId &attempt);
    /// Sends the next pending item now (also resumes a stopped queue).
    [[nodiscard]] Future<Result<FollowUpQueue>> runNext(const AttemptId &attempt);

    /// Tasks to create, in order, once the attempt is idle.
    [[nodiscard]] Future<Result<QList<QueueDraft>>> setDraftQueue(const AttemptId &attempt,
                                                                  const QList<NewQueueDraft> &items);
    [[nodiscard]] Future<Result<QList<QueueDraft>>> draftQueue(const AttemptId &attempt);

private:
    void onEvent(const Event &event);
    /// Sends what is due for attempt, if it is idle.
    void pump(const AttemptId &attempt);
    void pumpDue();
    void rearm();
    void sendDraft(Draft draft);
    /// Sends item as a follow-up; the queue as saved after, or why it could not go.
    Future<Result<FollowUpQueue>> sendQueueItem(const AttemptId &attempt, const QueueItemId &item);
    void finishQueueItem(const AttemptId &attempt, const Attempt &after);
    /// Finishes attempt's running item from the stored attempt, once its run has ended.
    void finishFromStore(const AttemptId &attempt);
    void hold(const QString &attempt) { ++m_busy[attempt]; }
    void release(const QString &attempt);
    [[nodiscard]] bool isBusy(const QString &attempt) const { return m_busy.contains(attempt); }
    void createQueuedTasks(const AttemptId &attempt);
    void announce(ChangeKind kind, const Draft &draft);
    [[nodiscard]] Future<Result<Draft>> saveDraft(const Draft &draft, ChangeKind kind);
    [[nodiscard]] Future<Result<Draft>> startRetry(const Draft &draft);

    Database &m_database;
    EventBus &m_events;
    AttemptService &m_attempts;
    TaskService &m_tasks;
    QTimer m_timer;
    QHash<QString, Draft> m_scheduled;      ///< Drafts that send themselves, by id.
    QHash<QString, QString> m_runningItems; ///< Attempt id → queue item id it runs.
    QSet<QString> m_autoQueues;             ///< Attempts whose queue executes by itself.
    QSet<QString> m_draftQueues;            ///< Attempts with queued task drafts.
    /// Attempts with sends or saves in flight, and how many: overlapping ones each hold it.
    QHash<QString, int> m_busy;
    bool m_started = false;
};

} // namespace Core
