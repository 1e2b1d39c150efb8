// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/approvalservice.h"
#include "core/attemptservice.h"
#include "core/attemptstore.h"
#include "core/database.h"
#include "core/engine.h"
#include "core/projectservice.h"
#include "core/taskactivity.h"
#include "core/taskservice.h"
#include "core/timestamps.h"
#include "tests/support/futures.h"
#include "tests/support/tempgitrepo.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Core;

/// Per-task cost, pending approvals and agents, as the board reads them: a whole project in one
/// go, a few tasks, or the tasks behind some attempts.
class TestTaskActivity final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    Test::TempGitRepo m_repo;
    Test::TempGitRepo m_otherRepo;
    std::unique_ptr<Engine> m_engine;
    ProjectId m_project;
    ProjectId m_otherProject;

    template<typename T>
    static Result<T> settle(const Future<Result<T>> &future)
    {
        auto result = Test::await(future);
        return result ? *result : fail(Error::internal(u"timeout"_s));
    }

    TaskActivityReader reader() const { return TaskActivityReader(m_engine->database()); }

    Result<Task> newTask(const ProjectId &project, const QString &title)
    {
        return settle(m_engine->tasks().create({.projectId = project, .title = title}));
    }

    Result<Attempt> newAttempt(const TaskId &task, const QString &llm)
    {
        NewAttempt input;
        input.taskId = task;
        input.llm = llm;
        return settle(m_engine->attempts().create(input));
    }

    /// Writes the usage an agent would have reported, straight to the store.
    bool setCost(const AttemptId &id, double cost)
    {
        auto written = settle(
            m_engine->database().write([id, cost](SqlConnection &sql) -> Result<void> {
                auto found = AttemptStore::find(sql, id);
                if (!found)
                    return fail(found.error());
                if (!*found)
                    return fail(Error::notFound(u"attempt"_s, id.toString()));
                Attempt attempt = **found;
                attempt.usage.totalCost = cost;
                return AttemptStore::update(sql, attempt);
            }));
        return written.has_value();
    }

    Result<Approval> newApproval(const AttemptId &attempt,
                                 const QString &title,
                                 const QDateTime &expiresAt = {})
    {
        NewApproval input;
        input.attemptId = attempt;
        input.type = ApprovalType::Custom;
        input.title = title;
        input.expiresAt = expiresAt;
        return settle(m_engine->approvals().create(input, u"lead@example.com"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        QVERIFY(m_repo.isValid() && m_otherRepo.isValid());
        auto engine = Engine::open(m_dataDir.path());
        QVERIFY(engine);
        m_engine = std::move(*engine);
        auto project = settle(
            m_engine->projects().create({.name = u"Board"_s, .repoPath = m_repo.path()}));
        QVERIFY2(project, qPrintable(project ? QString() : project.error().message));
        m_project = project->id;
        auto other = settle(
            m_engine->projects().create({.name = u"Other"_s, .repoPath = m_otherRepo.path()}));
        QVERIFY(other);
        m_otherProject = other->id;
    }

    void cleanupTestCase() { m_engine.reset(); }

    void emptyActivity()
    {
        TaskActivity none;
        QVERIFY(none.isEmpty());
        none.agents = {u"claude"_s};
        QVERIFY(!none.isEmpty());
        auto empty = settle(reader().forProject(ProjectId::generate()));
        QVERIFY(empty);
        QVERIFY(empty->isEmpty());
        auto nothing = settle(reader().forTasks({}));
        QVERIFY(nothing && nothing->isEmpty());
        auto noAttempts = settle(reader().forAttempts({}));
        QVERIFY(noAttempts && noAttempts->isEmpty());
    }

    void sumsCostAndCountsPendingApprovalsPerTask()
    {
        auto spent = newTask(m_project, u"Spent"_s);
        auto waiting = newTask(m_project, u"Waiting"_s);
        auto idle = newTask(m_project, u"Idle"_s);
        auto elsewhere = newTask(m_otherProject, u"Elsewhere"_s);
        QVERIFY(spent && waiting && idle && elsewhere);

        auto first = newAttempt(spent->id, u"claude"_s);
        auto second = newAttempt(spent->id, u"codex"_s);
        auto third = newAttempt(spent->id, u"claude"_s);
        auto gate = newAttempt(waiting->id, u"codex"_s);
        auto foreign = newAttempt(elsewhere->id, u"claude"_s);
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
        QVERIFY(second && third && gate && foreign);
        QVERIFY(setCost(first->id, 0.25));
        QVERIFY(setCost(second->id, 0.17));
        QVERIFY(setCost(foreign->id, 9.0));

        QVERIFY(newApproval(gate->id, u"Deploy"_s));
        auto merge = newApproval(gate->id, u"Merge"_s);
        QVERIFY(merge);
        QVERIFY(newApproval(third->id, u"Run the migration"_s));
        QVERIFY(newApproval(foreign->id, u"Not on this board"_s));

        auto project = settle(reader().forProject(m_project));
        QVERIFY2(project, qPrintable(project ? QString() : project.error().message));
        QCOMPARE(project->size(), 2); // idle has no attempts
        const TaskActivity spentActivity = project->value(spent->id);
        QCOMPARE(spentActivity.totalCost, 0.42);
        QCOMPARE(spentActivity.pendingApprovals, 1);
        QCOMPARE(spentActivity.agents, (QStringList{u"claude"_s, u"codex"_s}));
        const TaskActivity waitingActivity = project->value(waiting->id);
        QCOMPARE(waitingActivity.totalCost, 0.0);
        QCOMPARE(waitingActivity.pendingApprovals, 2);
        QCOMPARE(waitingActivity.agents, QStringList{u"codex"_s});
        QVERIFY(!project->contains(idle->id));
        QVERIFY(!project->contains(elsewhere->id));

        // Answered approvals no longer wait.
        auto answered = settle(m_engine->approvals().respond(merge->id,
                                                             u"alice@example.com"_s,
                                                             ApprovalDecision::Approved,
                                                             std::nullopt));
        QVERIFY2(answered, qPrintable(answered ? QString() : answered.error().message));
        auto tasks = settle(reader().forTasks({waiting->id, idle->id, TaskId(u"task_gone"_s)}));
        QVERIFY(tasks);
        QCOMPARE(tasks->size(), 3);
        QCOMPARE(tasks->value(waiting->id).pendingApprovals, 1);
        QVERIFY(tasks->value(idle->id).isEmpty());
        QVERIFY(tasks->value(TaskId(u"task_gone"_s)).isEmpty());

        // A cost written later shows on the next read.
        QVERIFY(setCost(third->id, 1.0));
        auto byAttempt = settle(reader().forAttempts({third->id, AttemptId(u"attempt_gone"_s)}));
        QVERIFY(byAttempt);
        QCOMPARE(byAttempt->size(), 1);
        QCOMPARE(byAttempt->value(spent->id).totalCost, 1.42);
        QCOMPARE(byAttempt->value(spent->id).pendingApprovals, 1);

        // Two attempts of the same task name it once.
        auto both = settle(reader().forAttempts({first->id, second->id, gate->id}));
        QVERIFY(both);
        QCOMPARE(both->size(), 2);
        QVERIFY(both->contains(spent->id) && both->contains(waiting->id));
    }

    void expiredApprovalsDoNotCount()
    {
        auto task = newTask(m_project, u"Deadline"_s);
        QVERIFY(task);
        auto attempt = newAttempt(task->id, u"claude"_s);
        QVERIFY(attempt);
        const QDateTime expires = nowUtc().addSecs(3600);
        QVERIFY(newApproval(attempt->id, u"Soon"_s, expires));
        QVERIFY(newApproval(attempt->id, u"Whenever"_s));

        auto now = settle(reader().forTasks({task->id}));
        QVERIFY(now);
        QCOMPARE(now->value(task->id).pendingApprovals, 2);
        // Read as of after the deadline, before any timer marked it expired.
        const TaskId id = task->id;
        const ProjectId project = m_project;
        auto later = settle(m_engine->database().read([id, project, expires](SqlConnection &sql) {
            return TaskActivityReader::readProject(sql, project, expires.addSecs(1));
        }));
        QVERIFY(later);
        QCOMPARE(later->value(id).pendingApprovals, 1);
    }

    void deletedAttemptsLeaveTheSums()
    {
        auto task = newTask(m_project, u"Short-lived"_s);
        QVERIFY(task);
        auto attempt = newAttempt(task->id, u"claude"_s);
        QVERIFY(attempt);
        QVERIFY(setCost(attempt->id, 2.5));
        QVERIFY(newApproval(attempt->id, u"Gone with it"_s));
        auto before = settle(reader().forTasks({task->id}));
        QVERIFY(before);
        QCOMPARE(before->value(task->id).totalCost, 2.5);
        QVERIFY(settle(m_engine->attempts().remove(attempt->id)));
        auto after = settle(reader().forTasks({task->id}));
        QVERIFY(after);
        QVERIFY(after->value(task->id).isEmpty());
    }

    void projectOfAThousandTasksInOneRead()
    {
        auto project = settle(reader().forProject(m_project));
        QVERIFY(project);
        const qsizetype before = project->size();
        QList<Future<Result<Task>>> pending;
        for (int i = 0; i < 1000; ++i)
            pending.append(
                m_engine->tasks().create({.projectId = m_project, .title = u"Bulk %1"_s.arg(i)}));
        Task last;
        for (const auto &future : std::as_const(pending)) {
            auto created = settle(future);
            QVERIFY(created);
            last = *created;
        }
        auto attempt = newAttempt(last.id, u"codex"_s);
        QVERIFY(attempt);
        QVERIFY(setCost(attempt->id, 0.01));
        QElapsedTimer timer;
        timer.start();
        auto all = settle(reader().forProject(m_project));
        QVERIFY(all);
        qInfo("read the activity of a %d-task project in %lld ms",
              int(before) + 1000,
              timer.elapsed());
        QCOMPARE(all->size(), before + 1);
        QCOMPARE(all->value(last.id).totalCost, 0.01);
    }
};

QTEST_GUILESS_MAIN(TestTaskActivity)
#include "tst_taskactivity.moc"
