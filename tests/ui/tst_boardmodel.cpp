// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attemptservice.h"
#include "core/eventbus.h"
#include "core/taskservice.h"
#include "tests/support/futures.h"
#include "tests/ui/boardfixture.h"
#include "ui/boardmodel.h"
#include "ui/taskcolumnmodel.h"

#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::TaskStatus;

namespace {

QStringList titles(const Gui::TaskColumnModel *model)
{
    QStringList result;
    for (const Core::Task &task : model->tasks())
        result.append(task.title);
    return result;
}

} // namespace

class tst_BoardModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsEveryPageIntoColumns();
    void appliesTaskEvents();
    void ignoresOtherProjects();
    void keepsChangesMadeDuringTheLoad();
    void deletedProjectClearsTheBoard();
    void dropAsksTheServiceAndWaitsForTheEvent();
    void dropOnOwnColumnIsRefused();
    void failedDropIsReported();
    void mimeDataRoundTrips();
    void activityLoadsWithTheTasks();
    void activityFollowsAttemptsAndApprovals();
    void attemptStateRoles();
    void labelsAndAgentsOfTheBoard();
};

void tst_BoardModel::loadsEveryPageIntoColumns()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Paged"_s);
    QVERIFY(project);

    // More than two pages, created concurrently (the writer commits them in batches).
    constexpr int total = 2 * Gui::BoardModel::pageSize + 17;
    QList<Core::Future<Core::Result<Core::Task>>> pending;
    for (int i = 0; i < total; ++i) {
        Core::NewTask input;
        input.projectId = project->id;
        input.title = u"Task %1"_s.arg(i, 3, 10, QLatin1Char('0'));
        input.status = Core::allTaskStatuses.at(std::size_t(i) % Core::allTaskStatuses.size());
        pending.append(fixture.engine().tasks().create(input));
    }
    for (const auto &future : std::as_const(pending)) {
        const auto created = Test::await(future);
        QVERIFY(created && *created);
    }

    Gui::BoardModel board(fixture.engine());
    QSignalSpy loaded(&board, &Gui::BoardModel::loaded);
    board.setProject(project->id);
    QVERIFY(board.isLoading());
    QTRY_COMPARE(loaded.size(), 1);
    QVERIFY(!board.isLoading());
    QCOMPARE(board.taskCount(), total);
    for (TaskStatus status : Core::allTaskStatuses) {
        const Gui::TaskColumnModel *column = board.column(status);
        QCOMPARE(int(column->status()), int(status));
        for (const Core::Task &task : column->tasks())
            QCOMPARE(int(task.status), int(status));
        QVERIFY(std::is_sorted(column->tasks().cbegin(),
                               column->tasks().cend(),
                               [](const Core::Task &a, const Core::Task &b) {
                                   return a.createdAt < b.createdAt;
                               }));
    }
    QCOMPARE(board.column(TaskStatus::Todo)->rowCount(), (total + 4) / 5);
}

void tst_BoardModel::appliesTaskEvents()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Live"_s);
    QVERIFY(project);
    const auto first = fixture.createTask(project->id, u"First"_s);
    QVERIFY(first);

    Gui::BoardModel board(fixture.engine());
    QSignalSpy loaded(&board, &Gui::BoardModel::loaded);
    board.setProject(project->id);
    QTRY_COMPARE(loaded.size(), 1);
    Gui::TaskColumnModel *todo = board.column(TaskStatus::Todo);
    Gui::TaskColumnModel *review = board.column(TaskStatus::InReview);
    QCOMPARE(titles(todo), QStringList{u"First"_s});

    const auto second = fixture.createTask(project->id, u"Second"_s);
    QVERIFY(second);
    QTRY_COMPARE(titles(todo), (QStringList{u"First"_s, u"Second"_s}));

    Core::TaskPatch toReview;
    toReview.status = TaskStatus::InReview;
    QVERIFY(fixture.updateTask(first->id, toReview));
    QTRY_COMPARE(titles(review), QStringList{u"First"_s});
    QCOMPARE(titles(todo), QStringList{u"Second"_s});

    Core::TaskPatch rename;
    rename.title = u"First, renamed"_s;
    rename.priority = Core::TaskPriority::Urgent;
    QVERIFY(fixture.updateTask(first->id, rename));
    QTRY_COMPARE(titles(review), QStringList{u"First, renamed"_s});
    QCOMPARE(review->index(0).data(Gui::TaskColumnModel::PriorityRole).toInt(),
             int(Core::TaskPriority::Urgent));

    QVERIFY(fixture.removeTask(second->id));
    QTRY_COMPARE(todo->rowCount(), 0);
    QCOMPARE(board.taskCount(), 1);
}

void tst_BoardModel::ignoresOtherProjects()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto mine = fixture.createProject(u"Mine"_s);
    const auto theirs = fixture.createProject(u"Theirs"_s);
    QVERIFY(mine && theirs);
    QVERIFY(fixture.createTask(theirs->id, u"Not on my board"_s));

    Gui::BoardModel board(fixture.engine());
    QSignalSpy loaded(&board, &Gui::BoardModel::loaded);
    board.setProject(mine->id);
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(board.taskCount(), 0);

    QVERIFY(fixture.createTask(theirs->id, u"Also not"_s));
    QVERIFY(fixture.createTask(mine->id, u"Mine"_s));
    QTRY_COMPARE(board.taskCount(), 1);
    QCOMPARE(board.column(TaskStatus::Todo)->taskAt(0).title, u"Mine"_s);
}

void tst_BoardModel::keepsChangesMadeDuringTheLoad()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Racy"_s);
    QVERIFY(project);
    QList<Core::Task> existing;
    for (int i = 0; i < 5; ++i) {
        const auto task = fixture.createTask(project->id, u"Existing %1"_s.arg(i));
        QVERIFY(task);
        existing.append(*task);
    }

    Gui::BoardModel board(fixture.engine());
    QSignalSpy loaded(&board, &Gui::BoardModel::loaded);
    board.setProject(project->id);
    // Changes race the load: none may be lost or resurrected.
    Core::NewTask input;
    input.projectId = project->id;
    input.title = u"Created during the load"_s;
    auto created = fixture.engine().tasks().create(input);
    Core::TaskPatch done;
    done.status = TaskStatus::Done;
    auto moved = fixture.engine().tasks().update(existing.at(1).id, done);
    auto removed = fixture.engine().tasks().remove(existing.at(2).id);
    QVERIFY(Test::await(created));
    QVERIFY(Test::await(moved));
    QVERIFY(Test::await(removed));
    QTRY_VERIFY(loaded.size() >= 1);
    QTRY_COMPARE(board.taskCount(), 5);
    QVERIFY(!board.isLoading());
    QCOMPARE(board.column(TaskStatus::Done)->rowCount(), 1);
    QCOMPARE(board.column(TaskStatus::Done)->taskAt(0).id, existing.at(1).id);
    QVERIFY(!board.task(existing.at(2).id));
    QVERIFY(board.column(TaskStatus::Todo)->rowOf((*created.result())->id) >= 0);
}

void tst_BoardModel::deletedProjectClearsTheBoard()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Doomed"_s);
    QVERIFY(project);
    QVERIFY(fixture.createTask(project->id, u"One"_s));
    QVERIFY(fixture.createTask(project->id, u"Two"_s, TaskStatus::Done));

    Gui::BoardModel board(fixture.engine());
    QSignalSpy loaded(&board, &Gui::BoardModel::loaded);
    QSignalSpy removed(&board, &Gui::BoardModel::projectRemoved);
    board.setProject(project->id);
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(board.taskCount(), 2);

    QVERIFY(fixture.removeProject(project->id));
    QTRY_COMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(0).value<Core::ProjectId>(), project->id);
    QCOMPARE(board.taskCount(), 0);
    QVERIFY(board.projectId().isNull());
}

void tst_BoardModel::dropAsksTheServiceAndWaitsForTheEvent()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Drop"_s);
    QVERIFY(project);
    const auto task = fixture.createTask(project->id, u"Move me"_s);
    QVERIFY(task);

    Gui::BoardModel board(fixture.engine());
    QSignalSpy loaded(&board, &Gui::BoardModel::loaded);
    board.setProject(project->id);
    QTRY_COMPARE(loaded.size(), 1);
    Gui::TaskColumnModel *todo = board.column(TaskStatus::Todo);
    Gui::TaskColumnModel *inProgress = board.column(TaskStatus::InProgress);

    const std::unique_ptr<QMimeData> data(todo->mimeData({todo->index(0)}));
    QVERIFY(data);
    QVERIFY(inProgress->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, {}));
    QVERIFY(inProgress->dropMimeData(data.get(), Qt::MoveAction, -1, -1, {}));
    // Not optimistic: nothing moved yet, and the view's "remove the source rows" is refused.
    QCOMPARE(todo->rowCount(), 1);
    QCOMPARE(inProgress->rowCount(), 0);
    QVERIFY(!todo->removeRows(0, 1));

    QTRY_COMPARE(inProgress->rowCount(), 1);
    QCOMPARE(todo->rowCount(), 0);
    const auto stored = fixture.storedTask(task->id);
    QVERIFY(stored);
    QCOMPARE(int(stored->status), int(TaskStatus::InProgress));
}

void tst_BoardModel::dropOnOwnColumnIsRefused()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Same"_s);
    QVERIFY(project);
    QVERIFY(fixture.createTask(project->id, u"Stay"_s));

    Gui::BoardModel board(fixture.engine());
    QSignalSpy loaded(&board, &Gui::BoardModel::loaded);
    board.setProject(project->id);
    QTRY_COMPARE(loaded.size(), 1);
    Gui::TaskColumnModel *todo = board.column(TaskStatus::Todo);
    const std::unique_ptr<QMimeData> data(todo->mimeData({todo->index(0)}));
    QVERIFY(!todo->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, {}));
    QVERIFY(!todo->dropMimeData(data.get(), Qt::MoveAction, -1, -1, {}));
    QVERIFY(
        !board.column(TaskStatus::Done)->canDropMimeData(data.get(), Qt::CopyAction, -1, -1, {}));
    QMimeData foreign;
    foreign.setText(u"plain text"_s);
    QVERIFY(!board.column(TaskStatus::Done)->canDropMimeData(&foreign, Qt::MoveAction, -1, -1, {}));
}

void tst_BoardModel::failedDropIsReported()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Fail"_s);
    QVERIFY(project);
    Gui::BoardModel board(fixture.engine());
    QSignalSpy failed(&board, &Gui::BoardModel::moveFailed);
    board.setProject(project->id);

    QMimeData data;
    data.setData(QString(Gui::TaskColumnModel::mimeType), "task_doesnotexist");
    QVERIFY(board.column(TaskStatus::Done)->dropMimeData(&data, Qt::MoveAction, -1, -1, {}));
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY2(failed.at(0).at(0).toString().contains(u"not found"_s),
             qPrintable(failed.at(0).at(0).toString()));
}

void tst_BoardModel::mimeDataRoundTrips()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Mime"_s);
    QVERIFY(project);
    const auto a = fixture.createTask(project->id, u"A"_s);
    const auto b = fixture.createTask(project->id, u"B"_s);
    QVERIFY(a && b);
    Gui::BoardModel board(fixture.engine());
    QSignalSpy loaded(&board, &Gui::BoardModel::loaded);
    board.setProject(project->id);
    QTRY_COMPARE(loaded.size(), 1);
    Gui::TaskColumnModel *todo = board.column(TaskStatus::Todo);
    QCOMPARE(todo->mimeTypes(), QStringList{QString(Gui::TaskColumnModel::mimeType)});
    const std::unique_ptr<QMimeData> data(
        todo->mimeData({todo->index(0), todo->index(1), todo->index(0)}));
    QCOMPARE(Gui::TaskColumnModel::taskIds(data.get()), (QList<Core::TaskId>{a->id, b->id}));
    QCOMPARE(data->text(), u"A\nB"_s);
    QCOMPARE(todo->flags(todo->index(0)) & Qt::ItemIsDragEnabled, Qt::ItemIsDragEnabled);
    QCOMPARE(todo->flags({}) & Qt::ItemIsDropEnabled, Qt::ItemIsDropEnabled);
    QCOMPARE(todo->supportedDropActions(), Qt::DropActions(Qt::MoveAction));
}

void tst_BoardModel::activityLoadsWithTheTasks()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Costs"_s);
    const auto other = fixture.createProject(u"Other"_s);
    QVERIFY(project && other);
    const auto spent = fixture.createTask(project->id, u"Spent"_s, TaskStatus::InReview);
    const auto idle = fixture.createTask(project->id, u"Idle"_s);
    const auto foreign = fixture.createTask(other->id, u"Foreign"_s);
    QVERIFY(spent && idle && foreign);
    auto first = fixture.createAttempt(spent->id, u"claude"_s);
    auto second = fixture.createAttempt(spent->id, u"codex"_s);
    QVERIFY(first && second);
    first->usage.totalCost = 0.30;
    second->usage.totalCost = 0.12;
    QVERIFY(fixture.writeAttempt(*first));
    QVERIFY(fixture.writeAttempt(*second));
    QVERIFY(fixture.createApproval(second->id, u"Deploy"_s));
    QVERIFY(fixture.createApproval(first->id, u"Merge"_s));

    Gui::BoardModel board(fixture.engine());
    QSignalSpy loaded(&board, &Gui::BoardModel::loaded);
    board.setProject(project->id);
    QTRY_COMPARE(loaded.size(), 1);
    QTRY_COMPARE(board.activity(spent->id).pendingApprovals, 2);
    QCOMPARE(board.activity(spent->id).totalCost, 0.42);
    QCOMPARE(board.activity(spent->id).agents, (QStringList{u"claude"_s, u"codex"_s}));
    QVERIFY(board.activity(idle->id).isEmpty());
    const Gui::TaskColumnModel *review = board.column(TaskStatus::InReview);
    const QModelIndex card = review->indexOf(spent->id);
    QCOMPARE(card.data(Gui::TaskColumnModel::TotalCostRole).toDouble(), 0.42);
    QCOMPARE(card.data(Gui::TaskColumnModel::PendingApprovalsRole).toInt(), 2);
    QCOMPARE(card.data(Gui::TaskColumnModel::AgentsRole).toStringList(),
             (QStringList{u"claude"_s, u"codex"_s}));
    QVERIFY(card.data(Qt::ToolTipRole).toString().contains(u"$0.42"_s));
    const QModelIndex idleCard = board.column(TaskStatus::Todo)->indexOf(idle->id);
    QCOMPARE(idleCard.data(Gui::TaskColumnModel::TotalCostRole).toDouble(), 0.0);
    QCOMPARE(idleCard.data(Gui::TaskColumnModel::PendingApprovalsRole).toInt(), 0);

    // Another project's board starts from nothing.
    board.setProject(other->id);
    QVERIFY(board.activity(spent->id).isEmpty());
    QTRY_COMPARE(loaded.size(), 2);
    QCOMPARE(board.taskCount(), 1);
}

void tst_BoardModel::activityFollowsAttemptsAndApprovals()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Live costs"_s);
    const auto other = fixture.createProject(u"Elsewhere"_s);
    QVERIFY(project && other);
    const auto task = fixture.createTask(project->id, u"Gated"_s, TaskStatus::InProgress);
    const auto neighbour = fixture.createTask(project->id, u"Neighbour"_s, TaskStatus::InProgress);
    const auto foreign = fixture.createTask(other->id, u"Foreign"_s);
    QVERIFY(task && neighbour && foreign);

    Gui::BoardModel board(fixture.engine());
    QSignalSpy loaded(&board, &Gui::BoardModel::loaded);
    board.setProject(project->id);
    QTRY_COMPARE(loaded.size(), 1);
    Gui::TaskColumnModel *column = board.column(TaskStatus::InProgress);
    QSignalSpy changed(column, &QAbstractItemModel::dataChanged);
    const auto cost = [&] {
        return column->indexOf(task->id).data(Gui::TaskColumnModel::TotalCostRole).toDouble();
    };
    const auto approvals = [&] {
        return column->indexOf(task->id).data(Gui::TaskColumnModel::PendingApprovalsRole).toInt();
    };

    // A new attempt names its agent; its usage adds up as the agent reports it.
    auto attempt = fixture.createAttempt(task->id, u"gemini"_s);
    QVERIFY(attempt);
    QTRY_COMPARE(board.activity(task->id).agents, QStringList{u"gemini"_s});
    attempt->usage.totalCost = 0.05;
    QVERIFY(fixture.writeAttempt(*attempt));
    QTRY_COMPARE(cost(), 0.05);
    attempt->usage.totalCost = 0.75;
    QVERIFY(fixture.writeAttempt(*attempt));
    QTRY_COMPARE(cost(), 0.75);
    QVERIFY(!changed.isEmpty());

    // Approvals: counted when created, no longer once answered.
    const auto deploy = fixture.createApproval(attempt->id, u"Deploy"_s);
    QVERIFY(deploy);
    QTRY_COMPARE(approvals(), 1);
    const auto merge = fixture.createApproval(attempt->id, u"Merge"_s);
    QVERIFY(merge);
    QTRY_COMPARE(approvals(), 2);
    QVERIFY(fixture.approve(deploy->id));
    QTRY_COMPARE(approvals(), 1);
    QVERIFY(fixture.approve(merge->id));
    QTRY_COMPARE(approvals(), 0);
    QCOMPARE(cost(), 0.75);
    QVERIFY(board.activity(neighbour->id).isEmpty());

    // Other boards' attempts and approvals leave this one alone.
    auto foreignAttempt = fixture.createAttempt(foreign->id, u"codex"_s);
    QVERIFY(foreignAttempt);
    QVERIFY(fixture.createApproval(foreignAttempt->id, u"Not here"_s));
    QTest::qWait(50); // bounded: give a (wrong) update the chance to land
    QVERIFY(board.activity(foreign->id).isEmpty());
    QVERIFY(!board.agents().contains(u"codex"_s));

    // A deleted attempt takes its cost and agent along.
    QVERIFY(Test::await(fixture.engine().attempts().remove(attempt->id)));
    QTRY_VERIFY(board.activity(task->id).isEmpty());
    QCOMPARE(cost(), 0.0);
}

void tst_BoardModel::attemptStateRoles()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"States"_s);
    QVERIFY(project);
    const auto task = fixture.createTask(project->id, u"Tried"_s, TaskStatus::InProgress);
    QVERIFY(task);
    Gui::BoardModel board(fixture.engine());
    QSignalSpy loaded(&board, &Gui::BoardModel::loaded);
    board.setProject(project->id);
    QTRY_COMPARE(loaded.size(), 1);
    const auto role = [&](int which) {
        const std::optional<Core::Task> now = board.task(task->id);
        if (!now)
            return QVariant();
        return board.column(now->status)->indexOf(task->id).data(which);
    };
    QCOMPARE(role(Gui::TaskColumnModel::HasRunningAttemptRole).toBool(), false);

    auto attempt = fixture.createAttempt(task->id);
    QVERIFY(attempt);
    attempt->status = Core::AttemptStatus::Running;
    QVERIFY(fixture.writeAttempt(*attempt));
    QTRY_COMPARE(role(Gui::TaskColumnModel::HasRunningAttemptRole).toBool(), true);
    QCOMPARE(role(Gui::TaskColumnModel::LastAttemptFailedRole).toBool(), false);

    attempt->status = Core::AttemptStatus::Failed;
    QVERIFY(fixture.writeAttempt(*attempt));
    QTRY_COMPARE(role(Gui::TaskColumnModel::LastAttemptFailedRole).toBool(), true);
    QCOMPARE(role(Gui::TaskColumnModel::HasRunningAttemptRole).toBool(), false);

    attempt->status = Core::AttemptStatus::Completed;
    attempt->mergedAt = QDateTime::currentDateTimeUtc();
    QVERIFY(fixture.writeAttempt(*attempt));
    QTRY_COMPARE(role(Gui::TaskColumnModel::HasMergedAttemptRole).toBool(), true);
    QCOMPARE(role(Gui::TaskColumnModel::LastAttemptFailedRole).toBool(), false);
}

void tst_BoardModel::labelsAndAgentsOfTheBoard()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Choices"_s);
    QVERIFY(project);
    QVERIFY(fixture.createTask(project->id,
                               u"One"_s,
                               TaskStatus::Todo,
                               Core::TaskPriority::Low,
                               {u"ui"_s, u"Backend"_s}));
    const auto two = fixture.createTask(project->id,
                                        u"Two"_s,
                                        TaskStatus::Done,
                                        Core::TaskPriority::Low,
                                        {u"api"_s, u"ui"_s});
    QVERIFY(two);
    Core::TaskPatch llm;
    llm.llm = std::optional<QString>(u"opencode"_s);
    QVERIFY(fixture.updateTask(two->id, llm));
    QVERIFY(fixture.createAttempt(two->id, u"amp"_s));

    Gui::BoardModel board(fixture.engine());
    QSignalSpy loaded(&board, &Gui::BoardModel::loaded);
    board.setProject(project->id);
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(board.labels(), (QStringList{u"api"_s, u"Backend"_s, u"ui"_s}));
    QTRY_COMPARE(board.agents(), (QStringList{u"amp"_s, u"opencode"_s}));
    const QModelIndex card = board.column(TaskStatus::Done)->indexOf(two->id);
    QCOMPARE(card.data(Gui::TaskColumnModel::AgentsRole).toStringList(),
             (QStringList{u"amp"_s, u"opencode"_s}));
}

QTEST_MAIN(tst_BoardModel)
#include "tst_boardmodel.moc"
