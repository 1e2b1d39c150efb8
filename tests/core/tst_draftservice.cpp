// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attemptservice.h"
#include "core/database.h"
#include "core/draftservice.h"
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/processhost.h"
#include "core/taskservice.h"
#include "core/timestamps.h"
#include "tests/support/futures.h"
#include "tests/support/scriptedengine.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QScopeGuard>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace Core;

/// Drafts and queues (seed 000) at the core, with a real engine, a real repository and a real
/// CLI as the agent: /bin/sh appends each prompt to prompts.txt in its worktree, fails on a
/// prompt that says "fail", and on one that says "hold" waits until the file named by the
/// prompt's last word appears there (so a test can keep a run going as long as it needs).
class TestDraftService final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ScriptedEngine> m_fixture;
    Attempt m_attempt; ///< Each test's own (shared by its data rows), finished once.
    QString m_attemptFor;
    int m_tasks = 0;
    QList<DraftEvent> m_events;

    Engine &engine() const { return *m_fixture->engine; }
    DraftService &drafts() const { return m_fixture->engine->drafts(); }
    const AttemptId &attemptId() const { return m_attempt.id; }

    template<typename T>
    Result<T> settle(Future<Result<T>> future, int timeoutMs = 15000)
    {
        // Taken from the main thread's queue, as a request handler takes it: what the service
        // posted to itself before the answer came (a finished item's bookkeeping) has run then.
        auto taken = future.then(this, [](const Result<T> &result) { return result; });
        auto result = Test::await(taken, timeoutMs);
        return result ? *result : fail(Error::internal(u"timeout"_s));
    }

    /// A new task whose first attempt has run (and completed) with the scripted agent.
    std::optional<Attempt> finishedAttempt(const QString &title)
    {
        auto attempt = m_fixture->finishedAttempt(title, u"scripted"_s);
        if (!attempt || attempt->status != AttemptStatus::Completed)
            return std::nullopt;
        return attempt;
    }

    bool waitIdle(int timeoutMs = 30000)
    {
        return m_fixture->waitFinished(attemptId(), timeoutMs).has_value();
    }

    /// What the agent was asked, one prompt a line, in order.
    QStringList prompts() const
    {
        QFile file(m_attempt.worktreePath + u"/prompts.txt"_s);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    }

    bool openGate(const QString &name) const
    {
        QFile gate(m_attempt.worktreePath + u'/' + name);
        return gate.open(QIODevice::WriteOnly);
    }

    Result<Draft> create(const NewDraft &input)
    {
        return settle(drafts().create(attemptId(), input));
    }
    Result<Draft> get(const DraftId &id) { return settle(drafts().get(attemptId(), id)); }
    Result<FollowUpQueue> queue() { return settle(drafts().queue(attemptId())); }

    std::optional<QueueStatus> queueStatus()
    {
        auto found = queue();
        return found ? std::optional<QueueStatus>(found->status) : std::nullopt;
    }

    std::optional<DraftStatus> statusOf(const DraftId &id)
    {
        auto found = get(id);
        return found ? std::optional<DraftStatus>(found->status) : std::nullopt;
    }

    QList<DraftEvent> eventsOf(const DraftId &id) const
    {
        QList<DraftEvent> found;
        for (const DraftEvent &event : m_events) {
            if (event.draft.id == id)
                found.append(event);
        }
        return found;
    }

    std::optional<QueueItemStatus> itemStatus(qsizetype index)
    {
        auto found = queue();
        if (!found || index >= found->items.size())
            return std::nullopt;
        return found->items.at(index).status;
    }

    /// Whether every task draft of the attempt was either created or failed.
    bool draftQueueSettled()
    {
        auto found = settle(drafts().draftQueue(attemptId()));
        return found && std::none_of(found->cbegin(), found->cend(), [](const QueueDraft &item) {
                   return item.status == QueueDraftStatus::Queued;
               });
    }

    static QList<QueueItemStatus> itemStatuses(const FollowUpQueue &queue)
    {
        QList<QueueItemStatus> statuses;
        for (const FollowUpQueueItem &item : queue.items)
            statuses.append(item.status);
        return statuses;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString script = u"printf '%s\\n' \"$1\" >> prompts.txt; case \"$1\" in"
                               " *fail*) exit 3;;"
                               " *hold*) g=${1##* }; n=0;"
                               " while [ ! -e \"$g\" ] && [ $n -lt 400 ]; do sleep 0.05; n=$((n+1));"
                               " done;;"
                               " esac"_s;
        const QJsonArray args{u"-c"_s, script, u"sh"_s, u"{prompt}"_s};
        const QJsonObject profiles{{u"scripted"_s,
                                    QJsonObject{{u"binary"_s, u"/bin/sh"_s},
                                                {u"args"_s, args},
                                                {u"followUpArgs"_s, args},
                                                {u"logFormat"_s, u"plain"_s}}}};
        m_fixture = Test::ScriptedEngine::open(profiles);
        QVERIFY(m_fixture);
        connect(&engine().events(), &EventBus::published, this, [this](const Event &event) {
            if (const auto *draft = std::get_if<DraftEvent>(&event))
                m_events.append(*draft);
        });
    }

    void init()
    {
        const QString test = QString::fromLatin1(QTest::currentTestFunction());
        if (m_attemptFor != test) {
            m_attemptFor.clear();
            auto attempt = finishedAttempt(u"Task %1"_s.arg(++m_tasks));
            QVERIFY(attempt);
            m_attempt = *attempt;
            m_attemptFor = test;
            QCOMPARE(prompts(), QStringList{u"Task %1"_s.arg(m_tasks)});
        }
        m_events.clear();
    }

    void cleanup()
    {
        // A test that failed half-way must not leave its run going into the next one.
        if (!m_attempt.id.isNull() && engine().attempts().isActive(m_attempt.id)) {
            engine().processes().setCancelStepMs(100);
            (void) settle(engine().attempts().cancel(m_attempt.id), 20000);
        }
    }

    void cleanupTestCase() { m_fixture.reset(); }

    void createValidates_data()
    {
        QTest::addColumn<NewDraft>("input");
        QTest::addColumn<QString>("field");
        QTest::newRow("empty content") << NewDraft{.content = QString()} << u"content"_s;
        QTest::newRow("blank content") << NewDraft{.content = u" \n\t"_s} << u"content"_s;
        QTest::newRow("long content") << NewDraft{.content = QString(100001, u'x')} << u"content"_s;
        QTest::newRow("empty retry prompt")
            << NewDraft{.type = DraftType::Retry, .content = QString()} << u"retryPrompt"_s;
        QTest::newRow("long original prompt") << NewDraft{.type = DraftType::Retry,
                                                          .content = u"again"_s,
                                                          .originalPrompt = QString(100001, u'o')}
                                              << u"originalPrompt"_s;
        QTest::newRow("long retry reason") << NewDraft{.type = DraftType::Retry,
                                                       .content = u"again"_s,
                                                       .retryReason = QString(10001, u'r')}
                                           << u"retryReason"_s;
    }

    void createValidates()
    {
        QFETCH(NewDraft, input);
        QFETCH(QString, field);
        auto draft = create(input);
        QVERIFY(!draft);
        QCOMPARE(draft.error().code, ErrorCode::Validation);
        QCOMPARE(draft.error().field(), field);
        QTest::qWait(10);
        QVERIFY(m_events.isEmpty());

        auto unknown = settle(drafts().create(AttemptId(u"attempt_missing"_s), {.content = u"x"_s}));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    }

    void draftsAreSavedReadChangedAndRemoved()
    {
        auto draft = create(
            {.content = u"Add unit tests"_s, .metadata = QJsonObject{{u"priority"_s, u"high"_s}}});
        QVERIFY2(draft, qPrintable(draft ? QString() : draft.error().message));
        QVERIFY(draft->id.toString().startsWith(u"draft_"_s));
        QCOMPARE(draft->attemptId, attemptId());
        QCOMPARE(draft->projectId, m_fixture->project.id);
        QCOMPARE(draft->type, DraftType::FollowUp);
        QCOMPARE(draft->status, DraftStatus::Draft);
        QCOMPARE(draft->version, 1);
        QVERIFY(draft->createdAt.isValid());
        QTRY_COMPARE(m_events.size(), 1);
        QCOMPARE(m_events.first().kind, ChangeKind::Created);
        QCOMPARE(m_events.first().draft.id, draft->id);

        auto fetched = get(draft->id);
        QVERIFY(fetched);
        QCOMPARE(fetched->content, u"Add unit tests"_s);
        QCOMPARE(fetched->metadata.value(u"priority"_s).toString(), u"high"_s);
        auto retry = create({.type = DraftType::Retry,
                             .content = u"Do it with JWT"_s,
                             .originalPrompt = u"Do it"_s,
                             .retryReason = u"no refresh tokens"_s});
        QVERIFY(retry);
        QCOMPARE(retry->status, DraftStatus::Draft);
        auto all = settle(drafts().list(attemptId(), std::nullopt));
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        auto followUps = settle(drafts().list(attemptId(), DraftType::FollowUp));
        QVERIFY(followUps);
        QCOMPARE(followUps->size(), 1);
        QCOMPARE(followUps->first().id, draft->id);
        auto unknownAttempt = settle(drafts().list(AttemptId(u"attempt_missing"_s), std::nullopt));
        QVERIFY(!unknownAttempt);
        QCOMPARE(unknownAttempt.error().code, ErrorCode::NotFound);
        // A draft is found only through its own attempt and kind.
        auto wrongType = settle(drafts().get(attemptId(), draft->id, DraftType::Retry));
        QVERIFY(!wrongType);
        QCOMPARE(wrongType.error().code, ErrorCode::NotFound);
        auto wrongAttempt = settle(drafts().get(AttemptId(u"attempt_other"_s), draft->id));
        QVERIFY(!wrongAttempt);
        QCOMPARE(wrongAttempt.error().code, ErrorCode::NotFound);

        // Two editors start from version 1: the first wins, the second is told, not lost.
        m_events.clear();
        auto first = settle(
            drafts().update(attemptId(), draft->id, {.version = 1, .content = u"Add auth tests"_s}));
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
        QCOMPARE(first->version, 2);
        QCOMPARE(first->content, u"Add auth tests"_s);
        QCOMPARE(first->metadata.value(u"priority"_s).toString(), u"high"_s);
        QTRY_COMPARE(m_events.size(), 1);
        QCOMPARE(m_events.first().kind, ChangeKind::Updated);
        QCOMPARE(m_events.first().draft.version, 2);
        auto stale = settle(
            drafts().update(attemptId(), draft->id, {.version = 1, .content = u"Something else"_s}));
        QVERIFY(!stale);
        QCOMPARE(stale.error().code, ErrorCode::Conflict);
        QCOMPARE(stale.error().details.value(u"currentVersion"_s).toInt(), 2);
        QCOMPARE(stale.error().details.value(u"draftId"_s).toString(), draft->id.toString());
        auto ahead = settle(drafts().update(attemptId(),
                                            draft->id,
                                            {.version = 7, .content = u"From the future"_s}));
        QVERIFY(!ahead);
        QCOMPARE(ahead.error().details.value(u"currentVersion"_s).toInt(), 2);
        QCOMPARE(get(draft->id).value_or(Draft()).content, u"Add auth tests"_s);
        auto blank = settle(
            drafts().update(attemptId(), draft->id, {.version = 2, .content = u" "_s}));
        QVERIFY(!blank);
        QCOMPARE(blank.error().field(), u"content"_s);
        auto metadata = settle(
            drafts().update(attemptId(),
                            draft->id,
                            {.version = 2, .metadata = QJsonObject{{u"priority"_s, u"low"_s}}}));
        QVERIFY(metadata);
        QCOMPARE(metadata->version, 3);
        QCOMPARE(metadata->content, u"Add auth tests"_s);
        QTRY_COMPARE(m_events.size(), 2);

        m_events.clear();
        auto removed = settle(drafts().remove(attemptId(), draft->id));
        QVERIFY(removed);
        QCOMPARE(removed->id, draft->id);
        QTRY_COMPARE(m_events.size(), 1);
        QCOMPARE(m_events.first().kind, ChangeKind::Deleted);
        auto gone = get(draft->id);
        QVERIFY(!gone);
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        auto again = settle(drafts().remove(attemptId(), draft->id));
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::NotFound);
        auto retryAsFollowUp = settle(drafts().remove(attemptId(), retry->id, DraftType::FollowUp));
        QVERIFY(!retryAsFollowUp);
        QCOMPARE(retryAsFollowUp.error().code, ErrorCode::NotFound);
        auto updateGone = settle(drafts().update(attemptId(), draft->id, {.version = 3}));
        QVERIFY(!updateGone);
        QCOMPARE(updateGone.error().code, ErrorCode::NotFound);
        // Nothing was sent: the agent heard only the task.
        QCOMPARE(prompts().size(), 1);
    }

    void aFollowUpIsSentWhenIdleAndRefusedWhileRunning()
    {
        auto held = create({.content = u"Second pass, hold for gate1"_s});
        QVERIFY(held);
        m_events.clear();
        auto sent = settle(drafts().send(attemptId(), held->id));
        QVERIFY2(sent, qPrintable(sent ? QString() : sent.error().message));
        QCOMPARE(sent->status, DraftStatus::Sent);
        QVERIFY(sent->resultId.value_or(QString()).startsWith(u"proc_"_s));
        QVERIFY(sent->sentAt.isValid());
        QCOMPARE(sent->version, 2);
        QTRY_COMPARE(m_events.size(), 1);
        QCOMPARE(m_events.first().kind, ChangeKind::Updated);
        QCOMPARE(m_events.first().draft.status, DraftStatus::Sent);
        QVERIFY(engine().attempts().isActive(attemptId()));

        // While it runs, another draft waits for someone to send it again.
        auto next = create({.content = u"Third pass"_s});
        QVERIFY(next);
        auto busy = settle(drafts().send(attemptId(), next->id));
        QVERIFY(!busy);
        QCOMPARE(busy.error().code, ErrorCode::Conflict);
        QCOMPARE(busy.error().details.value(u"attemptId"_s).toString(), attemptId().toString());
        QCOMPARE(statusOf(next->id), DraftStatus::Draft);

        QVERIFY(openGate(u"gate1"_s));
        QVERIFY(waitIdle());
        auto third = settle(drafts().send(attemptId(), next->id));
        QVERIFY2(third, qPrintable(third ? QString() : third.error().message));
        QCOMPARE(third->status, DraftStatus::Sent);
        QVERIFY(waitIdle());
        QCOMPARE(prompts().mid(1), (QStringList{u"Second pass, hold for gate1"_s, u"Third pass"_s}));

        // Sent is final: it can neither be sent again nor changed.
        auto twice = settle(drafts().send(attemptId(), held->id));
        QVERIFY(!twice);
        QCOMPARE(twice.error().code, ErrorCode::Conflict);
        QCOMPARE(twice.error().details.value(u"resultId"_s).toString(), *sent->resultId);
        auto changed = settle(
            drafts().update(attemptId(), held->id, {.version = sent->version, .content = u"x"_s}));
        QVERIFY(!changed);
        QCOMPARE(changed.error().code, ErrorCode::Conflict);
        QCOMPARE(prompts().size(), 3);
    }

    void anAutoSendDraftWaitsForTheRunToEnd()
    {
        auto held = create({.content = u"Long one, hold for gate2"_s});
        QVERIFY(held);
        QVERIFY(settle(drafts().send(attemptId(), held->id)));
        QVERIFY(engine().attempts().isActive(attemptId()));
        auto waiting = create({.content = u"When you are done"_s, .autoSend = true});
        QVERIFY(waiting);
        QCOMPARE(waiting->status, DraftStatus::Scheduled);
        QTest::qWait(200);
        QCOMPARE(statusOf(waiting->id), DraftStatus::Scheduled);

        QVERIFY(openGate(u"gate2"_s));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(waiting->id), DraftStatus::Sent, 20000);
        QVERIFY(waitIdle());
        QCOMPARE(prompts().mid(1),
                 (QStringList{u"Long one, hold for gate2"_s, u"When you are done"_s}));
        const QList<DraftEvent> events = eventsOf(waiting->id);
        QVERIFY(!events.isEmpty());
        QCOMPARE(events.first().kind, ChangeKind::Created);
        QCOMPARE(events.last().draft.status, DraftStatus::Sent);
    }

    void aScheduledDraftSendsItself()
    {
        const QDateTime sendAfter = nowUtc().addMSecs(1200);
        auto scheduled = create({.content = u"Scheduled follow-up"_s, .sendAfter = sendAfter});
        QVERIFY(scheduled);
        QCOMPARE(scheduled->status, DraftStatus::Scheduled);
        QCOMPARE(scheduled->autoSend, false);
        // One that is put off again, and one taken back to a plain draft, stay where they are.
        auto later = create({.content = u"Much later"_s, .sendAfter = nowUtc().addSecs(3600)});
        QVERIFY(later);
        auto unscheduled = create({.content = u"Never by itself"_s, .sendAfter = sendAfter});
        QVERIFY(unscheduled);
        auto cleared = settle(
            drafts().update(attemptId(), unscheduled->id, {.version = 1, .sendAfter = QDateTime()}));
        QVERIFY(cleared);
        QCOMPARE(cleared->status, DraftStatus::Draft);
        QCOMPARE(statusOf(scheduled->id), DraftStatus::Scheduled);
        QCOMPARE(prompts().size(), 1);

        QTRY_COMPARE_WITH_TIMEOUT(statusOf(scheduled->id), DraftStatus::Sent, 20000);
        auto sent = get(scheduled->id);
        QVERIFY(sent);
        QVERIFY(sent->resultId.value_or(QString()).startsWith(u"proc_"_s));
        QVERIFY2(sent->sentAt >= sendAfter.addMSecs(-50),
                 qPrintable(toTimestamp(sent->sentAt) + u" < "_s + toTimestamp(sendAfter)));
        QCOMPARE(eventsOf(scheduled->id).last().draft.status, DraftStatus::Sent);
        QVERIFY(waitIdle());
        QCOMPARE(prompts().mid(1), QStringList{u"Scheduled follow-up"_s});
        QCOMPARE(statusOf(later->id), DraftStatus::Scheduled);
        QCOMPARE(statusOf(unscheduled->id), DraftStatus::Draft);
    }

    void aDraftDueJustAsARunEndsIsSentNotFailed()
    {
        // The run ends while the database writer is busy, so its end is not stored yet when the
        // scheduled draft's time comes: the draft must wait for the stored end, not fail on it.
        auto held = create({.content = u"Busy one, hold for gate4"_s});
        QVERIFY(held);
        QVERIFY(settle(drafts().send(attemptId(), held->id)));
        QVERIFY(engine().attempts().isActive(attemptId()));
        const QDateTime due = nowUtc().addMSecs(2500);
        auto scheduled = create({.content = u"Due as it ends"_s, .sendAfter = due});
        QVERIFY(scheduled);
        const auto writerFree = std::make_shared<std::atomic_bool>(false);
        const auto free = qScopeGuard([writerFree] { *writerFree = true; });
        (void) engine().database().write([writerFree](SqlConnection &) -> Result<void> {
            QDeadlineTimer deadline(15000);
            while (!*writerFree && !deadline.hasExpired())
                QThread::msleep(2);
            return {};
        });
        QVERIFY(openGate(u"gate4"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!engine().attempts().isActive(attemptId()), 10000);
        QVERIFY2(nowUtc() < due, "the run ended after the draft was due; nothing was overtaken");
        QTest::qWait(std::max(0, int(nowUtc().msecsTo(due))) + 300);
        *writerFree = true;

        QTRY_VERIFY_WITH_TIMEOUT(statusOf(scheduled->id) != DraftStatus::Scheduled, 20000);
        auto sent = get(scheduled->id);
        QVERIFY(sent);
        QVERIFY2(sent->status == DraftStatus::Sent, qPrintable(sent->error));
        QVERIFY(waitIdle());
        QCOMPARE(prompts().mid(1),
                 (QStringList{u"Busy one, hold for gate4"_s, u"Due as it ends"_s}));
    }

    void aRetryDraftStartsANewAttempt()
    {
        auto retry = create({.type = DraftType::Retry,
                             .content = u"Implement it using JWT"_s,
                             .originalPrompt = u"Implement it"_s,
                             .retryReason = u"no refresh tokens"_s});
        QVERIFY(retry);
        auto sent = settle(drafts().send(attemptId(), retry->id), 30000);
        QVERIFY2(sent, qPrintable(sent ? QString() : sent.error().message));
        QCOMPARE(sent->status, DraftStatus::Sent);
        const AttemptId again(sent->resultId.value_or(QString()));
        QVERIFY(again.toString().startsWith(u"attempt_"_s));
        QVERIFY(again != attemptId());
        auto finished = m_fixture->waitFinished(again, 30000);
        QVERIFY(finished);
        QCOMPARE(finished->taskId, m_attempt.taskId);
        QCOMPARE(finished->status, AttemptStatus::Completed);
        QVERIFY(finished->description.contains(u"no refresh tokens"_s));
        QVERIFY(finished->description.contains(u"Implement it using JWT"_s));
        QCOMPARE(prompts().size(), 1); // the original attempt was left alone
    }

    void aQueueRunsInOrderStopsAtAFailureAndResumes()
    {
        auto set = settle(drafts().setQueue(attemptId(),
                                            {{u"Third: never"_s, 3},
                                             {u"First: validation"_s, 1},
                                             {u"Second: please fail"_s, 2}},
                                            true));
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QCOMPARE(set->items.size(), 3);
        QCOMPARE(set->items.at(0).prompt, u"First: validation"_s);
        QCOMPARE(set->items.at(1).prompt, u"Second: please fail"_s);
        QCOMPARE(set->items.at(2).prompt, u"Third: never"_s);
        QVERIFY(set->items.at(0).id.toString().startsWith(u"queue_item_"_s));
        QVERIFY(set->autoExecute);

        QTRY_COMPARE_WITH_TIMEOUT(queueStatus(), QueueStatus::Stopped, 30000);
        QVERIFY(waitIdle());
        auto stopped = queue();
        QVERIFY(stopped);
        QCOMPARE(itemStatuses(*stopped),
                 (QList<QueueItemStatus>{QueueItemStatus::Completed,
                                         QueueItemStatus::Failed,
                                         QueueItemStatus::Pending}));
        QVERIFY(stopped->items.at(0).processId.value_or(QString()).startsWith(u"proc_"_s));
        QVERIFY2(stopped->error.contains(stopped->items.at(1).id.toString()),
                 qPrintable(stopped->error));
        QVERIFY(!stopped->items.at(1).error.isEmpty());
        QCOMPARE(prompts().mid(1), (QStringList{u"First: validation"_s, u"Second: please fail"_s}));
        // Stopped means stopped: nothing more goes by itself.
        QTest::qWait(300);
        QCOMPARE(prompts().size(), 3);

        // Resumed by hand, the last item runs and the queue is done.
        auto next = settle(drafts().runNext(attemptId()));
        QVERIFY2(next, qPrintable(next ? QString() : next.error().message));
        QCOMPARE(next->status, QueueStatus::Running);
        QCOMPARE(next->items.at(2).status, QueueItemStatus::Running);
        QTRY_COMPARE_WITH_TIMEOUT(queueStatus(), QueueStatus::Done, 30000);
        QVERIFY(waitIdle());
        auto done = queue();
        QVERIFY(done);
        QCOMPARE(done->items.at(2).status, QueueItemStatus::Completed);
        QCOMPARE(prompts().mid(1),
                 (QStringList{u"First: validation"_s, u"Second: please fail"_s, u"Third: never"_s}));
        auto nothing = settle(drafts().runNext(attemptId()));
        QVERIFY(!nothing);
        QCOMPARE(nothing.error().code, ErrorCode::Conflict);

        auto cleared = settle(drafts().clearQueue(attemptId()));
        QVERIFY(cleared);
        QCOMPARE(cleared->items.size(), 3);
        auto empty = queue();
        QVERIFY(empty);
        QVERIFY(empty->items.isEmpty());
        QCOMPARE(empty->status, QueueStatus::Idle);
        auto twice = settle(drafts().clearQueue(attemptId()));
        QVERIFY(!twice);
        QCOMPARE(twice.error().code, ErrorCode::NotFound);
    }

    void enqueueAndReorderRefuseBadInput()
    {
        auto blank = settle(drafts().enqueue(attemptId(), u"   "_s));
        QVERIFY(!blank);
        QCOMPARE(blank.error().field(), u"prompt"_s);
        auto huge = settle(drafts().enqueue(attemptId(), QString(100001, u'x')));
        QVERIFY(!huge);
        QCOMPARE(huge.error().field(), u"prompt"_s);
        auto unknown = settle(drafts().enqueue(AttemptId(u"attempt_missing"_s), u"x"_s));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        auto noQueue = settle(drafts().reorderQueue(AttemptId(u"attempt_missing"_s), {}));
        QVERIFY(!noQueue);
        QCOMPARE(noQueue.error().code, ErrorCode::NotFound);

        // Kept by hand (no autoExecute) so nothing runs while the order is checked.
        QVERIFY(settle(drafts().setQueue(attemptId(), {{u"Kept one"_s, 1}}, false)));
        auto appended = settle(drafts().enqueue(attemptId(), u"Kept two"_s));
        QVERIFY(appended);
        QCOMPARE(appended->items.size(), 2);
        QCOMPARE(appended->items.at(1).prompt, u"Kept two"_s);
        const QueueItemId one = appended->items.at(0).id;
        const QueueItemId two = appended->items.at(1).id;
        // Not the pending items: a stranger, a repeat, one left out.
        for (const QList<QueueItemId> &wrong :
             {QList<QueueItemId>{two, QueueItemId(u"queue_item_stranger"_s)},
              QList<QueueItemId>{two, two},
              QList<QueueItemId>{two}}) {
            auto refused = settle(drafts().reorderQueue(attemptId(), wrong));
            QVERIFY(!refused);
            QCOMPARE(refused.error().code, ErrorCode::Conflict);
        }
        auto reordered = settle(drafts().reorderQueue(attemptId(), {two, one}));
        QVERIFY(reordered);
        QCOMPARE(reordered->items.at(0).id, two);
        QCOMPARE(reordered->items.at(1).id, one);
        QVERIFY(settle(drafts().clearQueue(attemptId())));
    }

    void aQueueIsRefusedWhenBadAndKeptWhileItRuns()
    {
        auto none = settle(drafts().setQueue(attemptId(), {}, true));
        QVERIFY(!none);
        QCOMPARE(none.error().field(), u"queue"_s);
        auto blank = settle(drafts().setQueue(attemptId(), {{u"ok"_s, 1}, {u"  "_s, 2}}, true));
        QVERIFY(!blank);
        QCOMPARE(blank.error().field(), u"queue[1].prompt"_s);
        auto missing = settle(
            drafts().setQueue(AttemptId(u"attempt_missing"_s), {{u"x"_s, 1}}, true));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);

        // A queue that does not execute by itself waits for runNext, one item at a time.
        auto manual = settle(
            drafts().setQueue(attemptId(),
                              {{u"Manual one, hold for gate3"_s, 1}, {u"Manual two"_s, 2}},
                              false));
        QVERIFY(manual);
        QTest::qWait(300);
        QCOMPARE(prompts().size(), 1);
        QCOMPARE(queueStatus(), QueueStatus::Idle);
        auto first = settle(drafts().runNext(attemptId()));
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
        QCOMPARE(first->items.at(0).status, QueueItemStatus::Running);

        // While an item runs, its queue is neither replaced, cleared nor advanced.
        auto replace = settle(drafts().setQueue(attemptId(), {{u"Other"_s, 1}}, true));
        QVERIFY(!replace);
        QCOMPARE(replace.error().code, ErrorCode::Conflict);
        auto clear = settle(drafts().clearQueue(attemptId()));
        QVERIFY(!clear);
        QCOMPARE(clear.error().code, ErrorCode::Conflict);
        auto another = settle(drafts().runNext(attemptId()));
        QVERIFY(!another);
        QCOMPARE(another.error().code, ErrorCode::Conflict);

        QVERIFY(openGate(u"gate3"_s));
        QTRY_COMPARE_WITH_TIMEOUT(itemStatus(0), QueueItemStatus::Completed, 20000);
        QVERIFY(waitIdle());
        QTest::qWait(300);
        auto after = queue();
        QVERIFY(after);
        QCOMPARE(after->status, QueueStatus::Idle);
        QCOMPARE(after->items.at(1).status, QueueItemStatus::Pending);
        QCOMPARE(prompts().mid(1), QStringList{u"Manual one, hold for gate3"_s});
        QVERIFY(settle(drafts().clearQueue(attemptId())));
    }

    void aQueueOfQuickRunsFinishesEveryItemExactlyOnce_data()
    {
        QTest::addColumn<bool>("busyWriter");
        QTest::newRow("idle database") << false;
        QTest::newRow("busy database") << true;
    }

    void aQueueOfQuickRunsFinishesEveryItemExactlyOnce()
    {
        // The agent exits at once, so a run may end before the service has recorded its item as
        // running (that record waits for the database writer); every item must still end
        // completed, and each prompt go out once. With a busy writer, each item's run ends while
        // its record still waits.
        QFETCH(bool, busyWriter);
        constexpr int rounds = 3;
        constexpr int items = 5;
        // The writer is held from the moment an item's run starts until that run has ended.
        struct Hold
        {
            std::atomic_int jobs = 0;
            std::atomic_bool runEnded = false;
        };
        const auto hold = std::make_shared<Hold>();
        const auto release = qScopeGuard([hold] { hold->runEnded = true; });
        bool itemRunning = false;
        int overtaken = 0;
        QObject scope; // ends the connections below however the test leaves
        QTimer watch;
        if (busyWriter) {
            connect(&engine().events(),
                    &EventBus::published,
                    &scope,
                    [this, hold, &itemRunning](const Event &event) {
                        const auto *e = std::get_if<AttemptEvent>(&event);
                        if (!e || e->attempt.id != attemptId()
                            || e->attempt.status != AttemptStatus::Running || !e->statusChanged())
                            return;
                        itemRunning = true;
                        hold->runEnded = false;
                        ++hold->jobs;
                        (void) engine().database().write([hold](SqlConnection &) -> Result<void> {
                            QDeadlineTimer deadline(5000);
                            while (!hold->runEnded && !deadline.hasExpired())
                                QThread::msleep(2);
                            --hold->jobs;
                            return {};
                        });
                    });
            connect(&watch, &QTimer::timeout, &scope, [&] {
                if (itemRunning && hold->jobs > 0 && !engine().attempts().isActive(attemptId())) {
                    itemRunning = false;
                    ++overtaken;
                    hold->runEnded = true;
                }
            });
            watch.start(5);
        }
        QStringList expected = prompts();
        for (int round = 0; round < rounds; ++round) {
            QList<NewQueueItem> queueItems;
            for (int i = 0; i < items; ++i)
                queueItems.append({u"Quick %1.%2"_s.arg(round).arg(i), i});
            auto set = settle(drafts().setQueue(attemptId(), queueItems, true));
            QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
            QTRY_VERIFY_WITH_TIMEOUT(queueStatus() == QueueStatus::Done
                                         || queueStatus() == QueueStatus::Stopped,
                                     40000);
            QVERIFY(waitIdle());
            auto done = queue();
            QVERIFY(done);
            QVERIFY2(done->status == QueueStatus::Done,
                     qPrintable(wireName(done->status) + u": "_s + done->error));
            QCOMPARE(itemStatuses(*done), QList<QueueItemStatus>(items, QueueItemStatus::Completed));
            QStringList processes;
            for (const FollowUpQueueItem &item : std::as_const(done->items)) {
                QVERIFY(item.processId);
                processes.append(*item.processId);
            }
            processes.removeDuplicates();
            QCOMPARE(processes.size(), items);
            for (const NewQueueItem &item : std::as_const(queueItems))
                expected.append(item.prompt);
            QCOMPARE(prompts(), expected);
        }
        watch.stop();
        QObject::disconnect(&engine().events(), nullptr, &scope, nullptr);
        hold->runEnded = true;
        QTRY_COMPARE(hold->jobs.load(), 0);
        // Every run did end before the service could know its item was running.
        QCOMPARE(overtaken, busyWriter ? rounds * items : 0);
        auto attempt = settle(engine().attempts().get(attemptId()));
        QVERIFY(attempt);
        QCOMPARE(attempt->status, AttemptStatus::Completed);
    }

    void aDraftQueueBecomesTasksInOrder()
    {
        auto none = settle(drafts().setDraftQueue(attemptId(), {}));
        QVERIFY(!none);
        QCOMPARE(none.error().field(), u"queue"_s);
        auto untitled = settle(drafts().setDraftQueue(attemptId(), {{.title = u" "_s}}));
        QVERIFY(!untitled);
        QCOMPARE(untitled.error().field(), u"queue[0].title"_s);

        auto set = settle(
            drafts().setDraftQueue(attemptId(),
                                   {{u"Implement user login"_s, u"JWT"_s, 2},
                                    {u"Implement user registration"_s, u"Email validation"_s, 1},
                                    {u"Write the docs"_s, QString(), 3}}));
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QCOMPARE(set->size(), 3);
        QCOMPARE(set->at(0).title, u"Implement user registration"_s);
        QCOMPARE(set->at(0).status, QueueDraftStatus::Queued);
        QCOMPARE(set->at(0).projectId, m_fixture->project.id);
        QVERIFY(set->at(0).id.toString().startsWith(u"queue_draft_"_s));

        QTRY_VERIFY_WITH_TIMEOUT(draftQueueSettled(), 20000);
        auto created = settle(drafts().draftQueue(attemptId()));
        QVERIFY(created);
        QStringList titles;
        QDateTime previous;
        for (const QueueDraft &item : std::as_const(*created)) {
            QCOMPARE(item.status, QueueDraftStatus::Created);
            QVERIFY(item.taskId);
            auto task = settle(engine().tasks().get(TaskId(*item.taskId)));
            QVERIFY(task);
            QCOMPARE(task->title, item.title);
            QCOMPARE(task->description, item.description);
            QCOMPARE(task->parentAttemptId.value_or(QString()), attemptId().toString());
            QCOMPARE(task->projectId, m_fixture->project.id);
            if (previous.isValid())
                QVERIFY(previous <= task->createdAt);
            previous = task->createdAt;
            titles.append(task->title);
        }
        QCOMPARE(titles,
                 (QStringList{u"Implement user registration"_s,
                              u"Implement user login"_s,
                              u"Write the docs"_s}));
        QCOMPARE(prompts().size(), 1); // tasks, not follow-ups
    }
};

Q_DECLARE_METATYPE(Core::NewDraft)
QTEST_GUILESS_MAIN(TestDraftService)
#include "tst_draftservice.moc"
