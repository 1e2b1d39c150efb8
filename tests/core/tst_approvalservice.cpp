// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/approvalservice.h"
#include "core/approvalstore.h"
#include "core/attemptservice.h"
#include "core/database.h"
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/projectservice.h"
#include "core/taskservice.h"
#include "core/timestamps.h"
#include "tests/support/futures.h"
#include "tests/support/tempgitrepo.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Core;

/// The approval service (seed 003) on a real engine: validation, how responses add up to a
/// decision, who may answer or cancel, expiry by timer and on read, the pending list, the events
/// it publishes, and agents' tool calls waiting on a person through the ToolApprovalBroker side.
class TestApprovalService final : public QObject
{
    Q_OBJECT

private:
    static inline const QString requester = u"lead@example.com"_s;
    static inline const QString alice = u"alice@example.com"_s;
    static inline const QString bob = u"bob@example.com"_s;
    static inline const QString carol = u"carol@example.com"_s;

    QTemporaryDir m_dataDir;
    Test::TempGitRepo m_repo;
    std::unique_ptr<Engine> m_engine;
    TaskId m_task;
    AttemptId m_attempt;
    QList<ApprovalEvent> m_events;

    ApprovalService &approvals() const { return m_engine->approvals(); }

    /// The result of future, or an internal error if it did not settle in time.
    template<typename T>
    static Result<T> settle(const Future<Result<T>> &future, int timeoutMs = 10000)
    {
        auto result = Test::await(future, timeoutMs);
        return result ? *result : fail(Error::internal(u"timeout"_s));
    }

    Result<Approval> create(NewApproval input, const QString &by = requester)
    {
        if (input.attemptId.isNull())
            input.attemptId = m_attempt;
        return settle(approvals().create(input, by));
    }

    Result<Approval> createFor(const QStringList &approvers, const QString &title = u"Merge"_s)
    {
        return create({.type = ApprovalType::Merge, .title = title, .approvers = approvers});
    }

    Result<ApprovalService::Responded> respond(const Approval &approval,
                                               const QString &who,
                                               ApprovalDecision decision,
                                               const std::optional<QString> &comment = {})
    {
        return settle(approvals().respond(approval.id, who, decision, comment));
    }

    Result<Approval> get(const ApprovalId &id) { return settle(approvals().get(id)); }

    std::optional<ApprovalStatus> statusOf(const ApprovalId &id)
    {
        auto found = get(id);
        return found ? std::optional<ApprovalStatus>(found->status) : std::nullopt;
    }

    /// The approval as stored, without the service's expiry on read.
    Result<std::optional<Approval>> stored(const ApprovalId &id)
    {
        return settle(m_engine->database().read(
            [id](SqlConnection &sql) { return ApprovalStore::find(sql, id); }));
    }

    QList<ApprovalEvent> eventsOf(const ApprovalId &id) const
    {
        QList<ApprovalEvent> found;
        for (const ApprovalEvent &event : m_events) {
            if (event.approval.id == id)
                found.append(event);
        }
        return found;
    }

    Result<AttemptId> newAttempt()
    {
        NewAttempt input;
        input.taskId = m_task;
        input.llm = u"claude"_s;
        auto attempt = settle(m_engine->attempts().create(input));
        if (!attempt)
            return fail(attempt.error());
        return attempt->id;
    }

    static ToolApprovalRequest toolRequest(const AttemptId &attempt,
                                           const ProcessId &process,
                                           const QString &command)
    {
        return {.attemptId = attempt,
                .processId = process,
                .toolName = u"Bash"_s,
                .input = QJsonObject{{u"command"_s, command}},
                .toolUseId = u"toolu_"_s + command.section(u' ', -1)};
    }

    /// Asks the engine's broker about command and waits until the approval is recorded and its
    /// answer is waiting; decisions collects what the agent is told.
    std::optional<Approval> askTool(const ProcessId &process,
                                    const QString &command,
                                    QList<ToolDecision> &decisions)
    {
        const int waiting = approvals().waitingToolCalls();
        m_events.clear();
        static_cast<ToolApprovalBroker &>(approvals())
            .requestToolApproval(toolRequest(m_attempt, process, command),
                                 [&decisions](const ToolDecision &decision) {
                                     decisions.append(decision);
                                 });
        if (!QTest::qWaitFor([&] { return approvals().waitingToolCalls() == waiting + 1; }, 10000))
            return std::nullopt;
        if (m_events.size() != 1 || m_events.first().kind != ChangeKind::Created)
            return std::nullopt;
        return m_events.first().approval;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        QVERIFY(m_repo.isValid());
        auto engine = Engine::open(m_dataDir.path());
        QVERIFY(engine);
        m_engine = std::move(*engine);
        auto project = settle(
            m_engine->projects().create({.name = u"Approvals"_s, .repoPath = m_repo.path()}));
        QVERIFY2(project, qPrintable(project ? QString() : project.error().message));
        auto task = settle(m_engine->tasks().create({.projectId = project->id, .title = u"Auth"_s}));
        QVERIFY(task);
        m_task = task->id;
        auto attempt = newAttempt();
        QVERIFY2(attempt, qPrintable(attempt ? QString() : attempt.error().message));
        m_attempt = *attempt;
        connect(&m_engine->events(), &EventBus::published, this, [this](const Event &event) {
            if (const auto *approval = std::get_if<ApprovalEvent>(&event))
                m_events.append(*approval);
        });
    }

    void init() { m_events.clear(); }

    void cleanupTestCase() { m_engine.reset(); }

    void wireNamesRoundTrip()
    {
        for (ApprovalType type : {ApprovalType::Merge,
                                  ApprovalType::Deploy,
                                  ApprovalType::Custom,
                                  ApprovalType::ToolUse})
            QCOMPARE(approvalTypeFromString(wireName(type)), type);
        // The core takes an enum, so an unknown type can only fail where text is parsed.
        QVERIFY(!approvalTypeFromString(u"release"_s));
        QVERIFY(!approvalTypeFromString(QString()));
        QVERIFY(!approvalDecisionFromString(u"maybe"_s));
        QCOMPARE(approvalStatusFromString(u"expired"_s), ApprovalStatus::Expired);
    }

    void createValidates_data()
    {
        QTest::addColumn<NewApproval>("input");
        QTest::addColumn<QString>("field");
        QTest::newRow("empty title") << NewApproval{.title = QString()} << u"title"_s;
        QTest::newRow("blank title") << NewApproval{.title = u" \t "_s} << u"title"_s;
        QTest::newRow("long title") << NewApproval{.title = QString(301, u'a')} << u"title"_s;
        QTest::newRow("long description")
            << NewApproval{.title = u"ok"_s, .description = QString(20001, u'd')}
            << u"description"_s;
        QStringList many;
        for (int i = 0; i < 51; ++i)
            many.append(u"user%1@example.com"_s.arg(i));
        QTest::newRow("too many approvers")
            << NewApproval{.title = u"ok"_s, .approvers = many} << u"approvers"_s;
        QTest::newRow("approver with a space")
            << NewApproval{.title = u"ok"_s, .approvers = {u"alice smith"_s}} << u"approvers"_s;
        QTest::newRow("empty approver")
            << NewApproval{.title = u"ok"_s, .approvers = {QString()}} << u"approvers"_s;
        QTest::newRow("long approver")
            << NewApproval{.title = u"ok"_s, .approvers = {QString(255, u'a')}} << u"approvers"_s;
        QTest::newRow("expiry in the past")
            << NewApproval{.title = u"ok"_s, .expiresAt = nowUtc().addSecs(-60)} << u"expiresAt"_s;
        QTest::newRow("unknown attempt")
            << NewApproval{.attemptId = AttemptId(u"attempt_missing"_s), .title = u"ok"_s}
            << u"taskAttemptId"_s;
    }

    void createValidates()
    {
        QFETCH(NewApproval, input);
        QFETCH(QString, field);
        auto approval = create(input);
        QVERIFY(!approval);
        QCOMPARE(approval.error().code, ErrorCode::Validation);
        QCOMPARE(approval.error().field(), field);
        QTest::qWait(10);
        QVERIFY(m_events.isEmpty());
    }

    void createsAPendingApprovalAndSaysSo()
    {
        const QDateTime expires = nowUtc().addSecs(3600);
        auto approval = create({.type = ApprovalType::Deploy,
                                .title = u"  Deploy to staging  "_s,
                                .description = u"Ünïcödé — 🚀"_s,
                                .metadata = QJsonObject{{u"env"_s, u"staging"_s}},
                                .approvers = {alice, bob, alice},
                                .expiresAt = expires});
        QVERIFY2(approval, qPrintable(approval ? QString() : approval.error().message));
        QVERIFY(approval->id.toString().startsWith(u"approval_"_s));
        QCOMPARE(approval->status, ApprovalStatus::Pending);
        QCOMPARE(approval->type, ApprovalType::Deploy);
        QCOMPARE(approval->title, u"Deploy to staging"_s);
        QCOMPARE(approval->createdBy, requester);
        QCOMPARE(approval->approvers, (QStringList{alice, bob})); // duplicates dropped
        QVERIFY(approval->responses.isEmpty());
        QVERIFY(approval->createdAt.isValid());
        QVERIFY(!approval->resolvedAt.isValid());

        QTRY_COMPARE(m_events.size(), 1);
        const ApprovalEvent &event = m_events.first();
        QCOMPARE(event.kind, ChangeKind::Created);
        QCOMPARE(event.approval.id, approval->id);
        QVERIFY(!event.previousStatus);
        QVERIFY(!event.resolved());

        auto fetched = get(approval->id);
        QVERIFY(fetched);
        QCOMPARE(fetched->title, u"Deploy to staging"_s);
        QCOMPARE(fetched->description.value_or(QString()), u"Ünïcödé — 🚀"_s);
        QCOMPARE(fetched->metadata.value(u"env"_s).toString(), u"staging"_s);
        QCOMPARE(fetched->approvers, (QStringList{alice, bob}));
        QCOMPARE(fetched->expiresAt.toSecsSinceEpoch(), expires.toSecsSinceEpoch());
        QCOMPARE(fetched->attemptId, m_attempt);

        auto missing = get(ApprovalId(u"approval_missing"_s));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void twoApproversMustBothApprove()
    {
        auto approval = createFor({alice, bob});
        QVERIFY(approval);
        m_events.clear();

        auto first = respond(*approval, alice, ApprovalDecision::Approved, u"lgtm"_s);
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
        QCOMPARE(first->approval.status, ApprovalStatus::Pending);
        QCOMPARE(first->response.approver, alice);
        QCOMPARE(first->response.comment.value_or(QString()), u"lgtm"_s);
        QCOMPARE(first->approval.responses.size(), 1);
        QVERIFY(!first->approval.resolvedAt.isValid());
        QTRY_COMPARE(m_events.size(), 1);
        QCOMPARE(m_events.first().kind, ChangeKind::Updated);
        QCOMPARE(m_events.first().previousStatus, ApprovalStatus::Pending);
        QVERIFY(!m_events.first().resolved());

        // Identities compare as e-mail addresses do in practice.
        auto second = respond(*approval, u"BOB@Example.com"_s, ApprovalDecision::Approved);
        QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
        QCOMPARE(second->approval.status, ApprovalStatus::Approved);
        QVERIFY(second->approval.resolvedAt.isValid());
        QCOMPARE(second->approval.responses.size(), 2);
        QTRY_COMPARE(m_events.size(), 2);
        QCOMPARE(m_events.last().approval.status, ApprovalStatus::Approved);
        QVERIFY(m_events.last().resolved());

        auto stored = get(approval->id);
        QVERIFY(stored);
        QCOMPARE(stored->status, ApprovalStatus::Approved);
        QCOMPARE(stored->responses.size(), 2);
        QCOMPARE(stored->responses.at(0).approver, alice);
        QCOMPARE(stored->responses.at(0).decision, ApprovalDecision::Approved);
    }

    void oneRejectionDecides()
    {
        auto approval = createFor({alice, bob});
        QVERIFY(approval);
        m_events.clear();
        auto rejected = respond(*approval, bob, ApprovalDecision::Rejected, u"not yet"_s);
        QVERIFY(rejected);
        QCOMPARE(rejected->approval.status, ApprovalStatus::Rejected);
        QVERIFY(rejected->approval.resolvedAt.isValid());
        QTRY_COMPARE(m_events.size(), 1);
        QVERIFY(m_events.first().resolved());

        // Decided: nobody's answer counts any more, listed or not.
        auto late = respond(*approval, alice, ApprovalDecision::Approved);
        QVERIFY(!late);
        QCOMPARE(late.error().code, ErrorCode::Conflict);
        QCOMPARE(late.error().details.value(u"status"_s).toString(), u"rejected"_s);
        QCOMPARE(late.error().details.value(u"approvalId"_s).toString(), approval->id.toString());
        QCOMPARE(statusOf(approval->id), ApprovalStatus::Rejected);
        QTest::qWait(10);
        QCOMPARE(m_events.size(), 1);
    }

    void withoutApproversAnyoneDecides()
    {
        auto approval = createFor({});
        QVERIFY(approval);
        auto anonymous = respond(*approval, QString(), ApprovalDecision::Approved);
        QVERIFY(!anonymous);
        QCOMPARE(anonymous.error().code, ErrorCode::Unauthorized);
        auto approved = respond(*approval, carol, ApprovalDecision::Approved);
        QVERIFY(approved);
        QCOMPARE(approved->approval.status, ApprovalStatus::Approved);

        auto other = createFor({});
        QVERIFY(other);
        auto rejected = respond(*other, carol, ApprovalDecision::Rejected);
        QVERIFY(rejected);
        QCOMPARE(rejected->approval.status, ApprovalStatus::Rejected);
    }

    void aNonApproverIsForbidden()
    {
        auto approval = createFor({alice, bob});
        QVERIFY(approval);
        m_events.clear();
        auto refused = respond(*approval, carol, ApprovalDecision::Approved);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Forbidden);
        QCOMPARE(refused.error().details.value(u"approvers"_s).toArray(),
                 QJsonArray::fromStringList({alice, bob}));
        auto after = get(approval->id);
        QVERIFY(after);
        QCOMPARE(after->status, ApprovalStatus::Pending);
        QVERIFY(after->responses.isEmpty());
        QTest::qWait(10);
        QVERIFY(m_events.isEmpty());
    }

    void aSecondAnswerConflicts()
    {
        auto approval = createFor({alice, bob});
        QVERIFY(approval);
        QVERIFY(respond(*approval, alice, ApprovalDecision::Approved));
        auto again = respond(*approval, u"Alice@Example.com"_s, ApprovalDecision::Rejected);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QCOMPARE(again.error().details.value(u"approvalId"_s).toString(), approval->id.toString());
        auto after = get(approval->id);
        QVERIFY(after);
        QCOMPARE(after->status, ApprovalStatus::Pending); // the change of mind did not count
        QCOMPARE(after->responses.size(), 1);
        QCOMPARE(after->responses.first().decision, ApprovalDecision::Approved);

        auto longComment = respond(*approval, bob, ApprovalDecision::Approved, QString(5001, u'c'));
        QVERIFY(!longComment);
        QCOMPARE(longComment.error().field(), u"comment"_s);
        auto missing = settle(approvals().respond(ApprovalId(u"approval_missing"_s),
                                                  alice,
                                                  ApprovalDecision::Approved,
                                                  std::nullopt));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void concurrentAnswersBothCount()
    {
        auto approval = createFor({alice, bob});
        QVERIFY(approval);
        // Both in flight at once: the writer thread decides them one after the other.
        auto first = approvals().respond(approval->id, alice, ApprovalDecision::Approved, {});
        auto second = approvals().respond(approval->id, bob, ApprovalDecision::Approved, {});
        auto duplicate = approvals().respond(approval->id, bob, ApprovalDecision::Approved, {});
        QVERIFY(settle(first));
        QVERIFY(settle(second));
        auto refused = settle(duplicate);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QCOMPARE(statusOf(approval->id), ApprovalStatus::Approved);
    }

    void onlyTheRequesterCancels()
    {
        auto approval = createFor({alice});
        QVERIFY(approval);
        m_events.clear();
        auto byApprover = settle(approvals().cancel(approval->id, alice));
        QVERIFY(!byApprover);
        QCOMPARE(byApprover.error().code, ErrorCode::Forbidden);
        QCOMPARE(statusOf(approval->id), ApprovalStatus::Pending);

        auto cancelled = settle(approvals().cancel(approval->id, requester.toUpper()));
        QVERIFY2(cancelled, qPrintable(cancelled ? QString() : cancelled.error().message));
        QCOMPARE(cancelled->status, ApprovalStatus::Cancelled);
        QVERIFY(cancelled->resolvedAt.isValid());
        QTRY_COMPARE(m_events.size(), 1);
        QCOMPARE(m_events.first().approval.status, ApprovalStatus::Cancelled);
        QVERIFY(m_events.first().resolved());

        auto again = settle(approvals().cancel(approval->id, requester));
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QCOMPARE(again.error().details.value(u"status"_s).toString(), u"cancelled"_s);
        auto answered = respond(*approval, alice, ApprovalDecision::Approved);
        QVERIFY(!answered);
        QCOMPARE(answered.error().code, ErrorCode::Conflict);

        // Decided approvals cannot be cancelled either.
        auto decided = createFor({alice});
        QVERIFY(decided);
        QVERIFY(respond(*decided, alice, ApprovalDecision::Approved));
        auto late = settle(approvals().cancel(decided->id, requester));
        QVERIFY(!late);
        QCOMPARE(late.error().code, ErrorCode::Conflict);
        QCOMPARE(late.error().details.value(u"status"_s).toString(), u"approved"_s);
    }

    void expiresByTimer()
    {
        auto approval = create({.type = ApprovalType::Custom,
                                .title = u"Soon gone"_s,
                                .approvers = {alice},
                                .expiresAt = nowUtc().addMSecs(800)});
        QVERIFY(approval);
        // Nobody asks: the timer records the expiry and says so.
        QTRY_VERIFY_WITH_TIMEOUT(eventsOf(approval->id).size() == 2, 10000);
        const ApprovalEvent expired = eventsOf(approval->id).last();
        QCOMPARE(expired.kind, ChangeKind::Updated);
        QCOMPARE(expired.approval.status, ApprovalStatus::Expired);
        QVERIFY(expired.resolved());
        QVERIFY(expired.approval.resolvedAt >= approval->expiresAt);

        auto row = stored(approval->id);
        QVERIFY(row && *row);
        QCOMPARE((*row)->status, ApprovalStatus::Expired);
        auto late = respond(*approval, alice, ApprovalDecision::Approved);
        QVERIFY(!late);
        QCOMPARE(late.error().code, ErrorCode::Conflict);
        QCOMPARE(late.error().details.value(u"status"_s).toString(), u"expired"_s);
        auto cancelled = settle(approvals().cancel(approval->id, requester));
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().code, ErrorCode::Conflict);
        auto listed = settle(
            approvals().list({.status = ApprovalStatus::Expired, .attemptId = m_attempt}, {}));
        QVERIFY(listed);
        QVERIFY(std::any_of(listed->items.cbegin(), listed->items.cend(), [&](const Approval &a) {
            return a.id == approval->id;
        }));
        QTest::qWait(50);
        QCOMPARE(eventsOf(approval->id).size(), 2); // announced once
    }

    void expiresOnReadBeforeTheTimerKnows()
    {
        // Written by another service on the same database, so the engine's service has no timer
        // for them: only reading can find out that their time is up.
        EventBus otherBus;
        auto other = std::make_unique<ApprovalService>(m_engine->database(), otherBus);
        const QDateTime soon = nowUtc().addMSecs(300);
        auto onGet = settle(other->create({.attemptId = m_attempt,
                                           .title = u"Read me"_s,
                                           .approvers = {alice},
                                           .expiresAt = soon},
                                          requester));
        auto onList = settle(other->create({.attemptId = m_attempt,
                                            .title = u"List me"_s,
                                            .approvers = {alice},
                                            .expiresAt = soon},
                                           requester));
        auto onRespond = settle(other->create({.attemptId = m_attempt,
                                               .title = u"Answer me"_s,
                                               .approvers = {alice},
                                               .expiresAt = soon},
                                              requester));
        QVERIFY(onGet && onList && onRespond);
        other.reset();
        QTest::qWait(std::max(0, int(nowUtc().msecsTo(soon))) + 50);
        QVERIFY(eventsOf(onGet->id).isEmpty());
        auto before = stored(onGet->id);
        QVERIFY(before && *before);
        QCOMPARE((*before)->status, ApprovalStatus::Pending);

        auto read = get(onGet->id);
        QVERIFY(read);
        QCOMPARE(read->status, ApprovalStatus::Expired);
        QVERIFY(read->resolvedAt.isValid());
        // The read also has it recorded, and announced, once.
        QTRY_VERIFY_WITH_TIMEOUT(eventsOf(onGet->id).size() == 1, 5000);
        QCOMPARE(eventsOf(onGet->id).first().approval.status, ApprovalStatus::Expired);
        auto after = stored(onGet->id);
        QVERIFY(after && *after);
        QCOMPARE((*after)->status, ApprovalStatus::Expired);

        // The reads above expired every due one: the list and respond ones too.
        QTRY_VERIFY_WITH_TIMEOUT(eventsOf(onList->id).size() == 1, 5000);
        auto pending = settle(
            approvals().list({.status = ApprovalStatus::Pending, .attemptId = m_attempt},
                             {.page = 1, .limit = 100}));
        QVERIFY(pending);
        for (const Approval &approval : std::as_const(pending->items))
            QVERIFY(approval.id != onList->id && approval.id != onRespond->id);
        auto answered = respond(*onRespond, alice, ApprovalDecision::Approved);
        QVERIFY(!answered);
        QCOMPARE(answered.error().code, ErrorCode::Conflict);
        QCOMPARE(answered.error().details.value(u"status"_s).toString(), u"expired"_s);
    }

    void aListPendingShowsNoneWhoseTimeIsUp()
    {
        EventBus otherBus;
        auto other = std::make_unique<ApprovalService>(m_engine->database(), otherBus);
        const QDateTime soon = nowUtc().addMSecs(200);
        auto approval = settle(other->create({.attemptId = m_attempt,
                                              .title = u"Listed late"_s,
                                              .approvers = {bob},
                                              .expiresAt = soon},
                                             requester));
        QVERIFY(approval);
        other.reset();
        QTest::qWait(std::max(0, int(nowUtc().msecsTo(soon))) + 50);
        // The list is the first to look: it records the expiry before it selects.
        auto pending = settle(approvals().list({.attemptId = m_attempt, .awaiting = bob}, {}));
        QVERIFY(pending);
        for (const Approval &item : std::as_const(pending->items))
            QVERIFY(item.id != approval->id);
        QTRY_COMPARE(eventsOf(approval->id).size(), 1);
        QCOMPARE(eventsOf(approval->id).first().approval.status, ApprovalStatus::Expired);
        QCOMPARE(eventsOf(approval->id).first().previousStatus, ApprovalStatus::Pending);
    }

    void listsWhatAnIdentityMayStillAnswer()
    {
        // A fresh attempt, so what other tests left pending does not count.
        auto attempt = newAttempt();
        QVERIFY(attempt);
        const QString lister = u"lister@example.com"_s;
        QList<ApprovalId> merges;
        for (int i = 0; i < 5; ++i) {
            auto created = create({.attemptId = *attempt,
                                   .type = ApprovalType::Merge,
                                   .title = u"Merge %1"_s.arg(i),
                                   .approvers = {lister, alice}});
            QVERIFY(created);
            merges.append(created->id);
        }
        for (int i = 0; i < 2; ++i)
            QVERIFY(create({.attemptId = *attempt,
                            .type = ApprovalType::Deploy,
                            .title = u"Deploy %1"_s.arg(i),
                            .approvers = {lister}}));
        auto notMine = create({.attemptId = *attempt,
                               .type = ApprovalType::Custom,
                               .title = u"Carol's"_s,
                               .approvers = {carol}});
        QVERIFY(notMine);
        auto open = create(
            {.attemptId = *attempt, .type = ApprovalType::Custom, .title = u"Anyone"_s});
        QVERIFY(open);

        auto all = settle(approvals().list({.attemptId = *attempt, .awaiting = lister}, {}));
        QVERIFY(all);
        QCOMPARE(all->total, 8);
        auto upper = settle(
            approvals().list({.attemptId = *attempt, .awaiting = lister.toUpper()}, {}));
        QVERIFY(upper);
        QCOMPARE(upper->total, 8);

        // Merges only, two a page, newest first.
        QList<ApprovalId> seen;
        for (int page = 1; page <= 3; ++page) {
            auto listed = settle(approvals().list({.type = ApprovalType::Merge,
                                                   .attemptId = *attempt,
                                                   .awaiting = lister},
                                                  {.page = page, .limit = 2}));
            QVERIFY(listed);
            QCOMPARE(listed->total, 5);
            QCOMPARE(listed->pages(), 3);
            QCOMPARE(listed->items.size(), page < 3 ? 2 : 1);
            QCOMPARE(listed->hasNext(), page < 3);
            for (const Approval &approval : std::as_const(listed->items)) {
                QCOMPARE(approval.type, ApprovalType::Merge);
                seen.append(approval.id);
            }
        }
        QList<ApprovalId> newestFirst = merges;
        std::reverse(newestFirst.begin(), newestFirst.end());
        QCOMPARE(seen, newestFirst);

        // Answered ones drop out for whoever answered, not for the others.
        auto answered = get(merges.first());
        QVERIFY(answered);
        QVERIFY(respond(*answered, lister, ApprovalDecision::Approved));
        auto mine = settle(approvals().list({.type = ApprovalType::Merge,
                                             .attemptId = *attempt,
                                             .awaiting = lister},
                                            {}));
        QVERIFY(mine);
        QCOMPARE(mine->total, 4);
        auto alices = settle(
            approvals().list({.type = ApprovalType::Merge, .attemptId = *attempt, .awaiting = alice},
                             {}));
        QVERIFY(alices);
        QCOMPARE(alices->total, 5);

        auto carols = settle(approvals().list({.attemptId = *attempt, .awaiting = carol}, {}));
        QVERIFY(carols);
        QCOMPARE(carols->total, 2);
        QList<ApprovalId> carolIds;
        for (const Approval &approval : std::as_const(carols->items))
            carolIds.append(approval.id);
        QVERIFY(carolIds.contains(notMine->id));
        QVERIFY(carolIds.contains(open->id));

        auto deploys = settle(approvals().list({.status = ApprovalStatus::Pending,
                                                .type = ApprovalType::Deploy,
                                                .attemptId = *attempt},
                                               {}));
        QVERIFY(deploys);
        QCOMPARE(deploys->total, 2);

        auto badPage = settle(approvals().list({}, {.page = 0, .limit = 20}));
        QVERIFY(!badPage);
        QCOMPARE(badPage.error().field(), u"page"_s);
        auto badLimit = settle(approvals().list({}, {.page = 1, .limit = 101}));
        QVERIFY(!badLimit);
        QCOMPARE(badLimit.error().field(), u"limit"_s);
    }

    void latestIsTheNewestOfItsType()
    {
        auto attempt = newAttempt();
        QVERIFY(attempt);
        auto none = settle(approvals().latest(*attempt, ApprovalType::Merge));
        QVERIFY(none);
        QVERIFY(!*none);
        QVERIFY(create({.attemptId = *attempt, .type = ApprovalType::Merge, .title = u"Old"_s}));
        auto newer = create({.attemptId = *attempt, .type = ApprovalType::Merge, .title = u"New"_s});
        QVERIFY(newer);
        QVERIFY(create({.attemptId = *attempt, .type = ApprovalType::Deploy, .title = u"Other"_s}));
        auto latest = settle(approvals().latest(*attempt, ApprovalType::Merge));
        QVERIFY(latest && *latest);
        QCOMPARE((*latest)->id, newer->id);
    }

    void aToolCallIsAnsweredByWhoeverResponds()
    {
        const ProcessId process = ProcessId::generate();
        QList<ToolDecision> decisions;
        const auto approval = askTool(process, u"rm -rf build"_s, decisions);
        QVERIFY(approval);
        QCOMPARE(approval->type, ApprovalType::ToolUse);
        QCOMPARE(approval->title, u"Allow Bash: rm -rf build"_s);
        QCOMPARE(approval->createdBy, u"agent"_s);
        QVERIFY(approval->approvers.isEmpty());
        QCOMPARE(approval->processId, process);
        QCOMPARE(approval->toolUseId.value_or(QString()), u"toolu_build"_s);
        QCOMPARE(approval->metadata.value(u"toolName"_s).toString(), u"Bash"_s);
        QCOMPARE(approval->metadata.value(u"toolInput"_s).toObject().value(u"command"_s).toString(),
                 u"rm -rf build"_s);
        QCOMPARE(approval->metadata.value(u"processId"_s).toString(), process.toString());
        const qint64 timeout = approval->createdAt.secsTo(approval->expiresAt);
        QVERIFY2(qAbs(timeout - ApprovalService::toolApprovalTimeoutSeconds) <= 1,
                 qPrintable(QString::number(timeout)));
        QVERIFY(decisions.isEmpty());

        auto approved = respond(*approval, carol, ApprovalDecision::Approved, u"go ahead"_s);
        QVERIFY(approved);
        QCOMPARE(approved->approval.status, ApprovalStatus::Approved);
        QTRY_COMPARE(decisions.size(), 1);
        QVERIFY(decisions.first().allow);
        QCOMPARE(decisions.first().message, u"go ahead"_s);
        QCOMPARE(approvals().waitingToolCalls(), 0);

        const auto denied = askTool(process, u"git push --force origin"_s, decisions);
        QVERIFY(denied);
        QVERIFY(respond(*denied, alice, ApprovalDecision::Rejected, u"not on main"_s));
        QTRY_COMPARE(decisions.size(), 2);
        QVERIFY(!decisions.last().allow);
        QVERIFY2(decisions.last().message.contains(u"denied"_s)
                     && decisions.last().message.contains(u"not on main"_s),
                 qPrintable(decisions.last().message));

        // The agent itself (its requester) may withdraw the question.
        const auto withdrawn = askTool(process, u"make install"_s, decisions);
        QVERIFY(withdrawn);
        auto cancelled = settle(approvals().cancel(withdrawn->id, u"agent"_s));
        QVERIFY(cancelled);
        QTRY_COMPARE(decisions.size(), 3);
        QVERIFY(!decisions.last().allow);
        QVERIFY(decisions.last().message.contains(u"cancelled"_s));
        QTest::qWait(20);
        QCOMPARE(decisions.size(), 3); // each answer exactly once
        QCOMPARE(approvals().waitingToolCalls(), 0);
    }

    void aToolCallOfAnEndedProcessIsCancelledUnanswered()
    {
        const ProcessId process = ProcessId::generate();
        const ProcessId otherProcess = ProcessId::generate();
        QList<ToolDecision> decisions;
        QList<ToolDecision> otherDecisions;
        const auto first = askTool(process, u"ls one"_s, decisions);
        QVERIFY(first);
        const auto second = askTool(process, u"ls two"_s, decisions);
        QVERIFY(second);
        const auto survivor = askTool(otherProcess, u"ls three"_s, otherDecisions);
        QVERIFY(survivor);
        m_events.clear();

        static_cast<ToolApprovalBroker &>(approvals()).processEnded(process);
        QCOMPARE(approvals().waitingToolCalls(), 1);
        QTRY_COMPARE(m_events.size(), 2);
        for (const ApprovalEvent &event : std::as_const(m_events)) {
            QCOMPARE(event.approval.status, ApprovalStatus::Cancelled);
            QVERIFY(event.resolved());
        }
        QCOMPARE(statusOf(first->id), ApprovalStatus::Cancelled);
        QCOMPARE(statusOf(second->id), ApprovalStatus::Cancelled);
        QCOMPARE(statusOf(survivor->id), ApprovalStatus::Pending);
        // Nobody is waiting for those answers any more.
        auto late = respond(*first, alice, ApprovalDecision::Approved);
        QVERIFY(!late);
        QCOMPARE(late.error().code, ErrorCode::Conflict);
        QTest::qWait(20);
        QVERIFY(decisions.isEmpty());

        QVERIFY(respond(*survivor, alice, ApprovalDecision::Approved));
        QTRY_COMPARE(otherDecisions.size(), 1);
        QVERIFY(otherDecisions.first().allow);
        QCOMPARE(approvals().waitingToolCalls(), 0);
    }

    void aToolCallThatCannotBeRecordedIsRefused()
    {
        QList<ToolDecision> decisions;
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"^tool approval could not be recorded"_s));
        static_cast<ToolApprovalBroker &>(approvals())
            .requestToolApproval(toolRequest(AttemptId(u"attempt_gone"_s),
                                             ProcessId::generate(),
                                             u"ls gone"_s),
                                 [&decisions](const ToolDecision &decision) {
                                     decisions.append(decision);
                                 });
        QTRY_COMPARE(decisions.size(), 1);
        QVERIFY(!decisions.first().allow);
        QVERIFY2(decisions.first().message.contains(u"could not record"_s),
                 qPrintable(decisions.first().message));
        QCOMPARE(approvals().waitingToolCalls(), 0);
    }

    void startCancelsToolCallsLeftByAnEarlierRun()
    {
        // An earlier Forgedesk asked on behalf of an agent, then went away with the agent.
        EventBus earlierBus;
        auto earlier = std::make_unique<ApprovalService>(m_engine->database(), earlierBus);
        bool answered = false;
        static_cast<ToolApprovalBroker &>(*earlier)
            .requestToolApproval(toolRequest(m_attempt, ProcessId::generate(), u"ls orphan"_s),
                                 [&answered](const ToolDecision &) { answered = true; });
        QTRY_COMPARE(earlier->waitingToolCalls(), 1);
        auto kept = create(
            {.title = u"Still wanted"_s, .approvers = {alice}, .expiresAt = nowUtc().addSecs(3600)});
        QVERIFY(kept);
        earlier.reset();

        EventBus laterBus;
        QList<ApprovalEvent> laterEvents;
        connect(&laterBus, &EventBus::published, this, [&laterEvents](const Event &event) {
            if (const auto *approval = std::get_if<ApprovalEvent>(&event))
                laterEvents.append(*approval);
        });
        ApprovalService later(m_engine->database(), laterBus);
        auto started = settle(later.start());
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        QVERIFY(*started >= 1); // the kept one, at least, is pending with a timer
        QTRY_COMPARE(laterEvents.size(), 1);
        QCOMPARE(laterEvents.first().approval.type, ApprovalType::ToolUse);
        QCOMPARE(laterEvents.first().approval.status, ApprovalStatus::Cancelled);
        QVERIFY(laterEvents.first().resolved());
        QCOMPARE(statusOf(kept->id), ApprovalStatus::Pending);
        QVERIFY(!answered);
    }
};

Q_DECLARE_METATYPE(Core::NewApproval)
QTEST_GUILESS_MAIN(TestApprovalService)
#include "tst_approvalservice.moc"
