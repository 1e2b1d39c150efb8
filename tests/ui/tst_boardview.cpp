// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/taskservice.h"
#include "tests/support/futures.h"
#include "tests/ui/boardfixture.h"
#include "ui/boardcolumn.h"
#include "ui/boardfilterbar.h"
#include "ui/boardmodel.h"
#include "ui/boardview.h"
#include "ui/taskcolumnmodel.h"
#include "ui/tasklistview.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

Q_DECLARE_METATYPE(Gui::BoardFilter)

using namespace Qt::StringLiterals;
using Core::TaskPriority;
using Core::TaskStatus;

namespace {

/// A board of one project in a window of its own, loaded.
struct Board
{
    explicit Board(Test::BoardFixture &fixture)
        : model(fixture.engine())
        , view(model)
    {
        view.resize(1280, 720);
    }

    bool show(const Core::ProjectId &project)
    {
        QSignalSpy loaded(&model, &Gui::BoardModel::loaded);
        model.setProject(project);
        view.show();
        if (!QTest::qWaitForWindowExposed(&view))
            return false;
        return !loaded.isEmpty() || loaded.wait(10000);
    }

    Gui::BoardColumn *column(TaskStatus status) const { return view.column(status); }
    Gui::TaskListView *list(TaskStatus status) const { return view.listView(status); }

    /// Titles of the cards shown in the column, top to bottom.
    QStringList shown(TaskStatus status) const
    {
        QStringList titles;
        const Gui::BoardColumn *c = column(status);
        for (int row : c->visibleRows()) {
            titles.append(c->model()->taskAt(row).title);
            if (list(status)->isRowHidden(row))
                titles.append(u"(but hidden in the view)"_s);
        }
        // The view agrees about the rest.
        for (int row = 0; row < c->model()->rowCount(); ++row) {
            if (!c->isRowVisible(row) && !list(status)->isRowHidden(row))
                titles.append(u"(shown in the view) "_s + c->model()->taskAt(row).title);
        }
        return titles;
    }

    QString countText(TaskStatus status) const
    {
        return view.findChild<QLabel *>(u"count-"_s + Core::wireName(status))->text();
    }

    QLineEdit *search() const { return view.findChild<QLineEdit *>(u"boardSearch"_s); }
    QComboBox *combo(const QString &name) const { return view.findChild<QComboBox *>(name); }
    QLabel *summary() const { return view.findChild<QLabel *>(u"filterSummary"_s); }
    QToolButton *clearButton() const { return view.findChild<QToolButton *>(u"clearFilters"_s); }

    /// The selected card's title, or empty.
    QString selected() const
    {
        const std::optional<Core::Task> task = view.currentTask();
        return task ? task->title : QString();
    }

    Gui::BoardModel model;
    Gui::BoardView view;
};

bool choose(QComboBox *box, const QString &text)
{
    const int index = box->findText(text);
    if (index < 0)
        return false;
    box->setCurrentIndex(index);
    return true;
}

} // namespace

class tst_BoardView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void filterMatches_data();
    void filterMatches();
    void searchHidesAndShowsCards();
    void filtersByLabelPriorityAndAgent();
    void filterFollowsChanges();
    void dragAndDropWithAFilter();
    void keysMoveAlongAndAcrossColumns();
    void keysSkipHiddenCardsAndEmptyColumns();
    void enterOpensAndSearchKeys();
    void thousandTasksFilterQuickly();
};

void tst_BoardView::initTestCase()
{
    QApplication::setStyle(u"Fusion"_s);
}

void tst_BoardView::filterMatches_data()
{
    QTest::addColumn<Gui::BoardFilter>("filter");
    QTest::addColumn<bool>("matches");
    const auto with = [](auto set) {
        Gui::BoardFilter filter;
        set(filter);
        return filter;
    };
    QTest::newRow("empty") << Gui::BoardFilter() << true;
    QTest::newRow("title, any case") << with([](auto &f) { f.text = u"LOGIN"_s; }) << true;
    QTest::newRow("description") << with([](auto &f) { f.text = u"oauth"_s; }) << true;
    QTest::newRow("words anywhere")
        << with([](auto &f) { f.text = u"  page   google "_s; }) << true;
    QTest::newRow("one word missing") << with([](auto &f) { f.text = u"login github"_s; }) << false;
    QTest::newRow("label") << with([](auto &f) { f.label = u"auth"_s; }) << true;
    QTest::newRow("label is exact") << with([](auto &f) { f.label = u"aut"_s; }) << false;
    QTest::newRow("priority") << with([](auto &f) { f.priority = TaskPriority::High; }) << true;
    QTest::newRow("other priority")
        << with([](auto &f) { f.priority = TaskPriority::Low; }) << false;
    QTest::newRow("task's agent") << with([](auto &f) { f.agent = u"claude"_s; }) << true;
    QTest::newRow("attempt's agent") << with([](auto &f) { f.agent = u"codex"_s; }) << true;
    QTest::newRow("no such agent") << with([](auto &f) { f.agent = u"amp"_s; }) << false;
    QTest::newRow("all together") << with([](auto &f) {
        f.text = u"login"_s;
        f.label = u"ui"_s;
        f.priority = TaskPriority::High;
        f.agent = u"codex"_s;
    }) << true;
}

void tst_BoardView::filterMatches()
{
    QFETCH(Gui::BoardFilter, filter);
    QFETCH(bool, matches);
    Core::Task task;
    task.title = u"Login page"_s;
    task.description = u"Sign in with Google (OAuth)."_s;
    task.labels = {u"auth"_s, u"ui"_s};
    task.priority = TaskPriority::High;
    task.llm = u"claude"_s;
    QCOMPARE(filter.matches(task, {u"claude"_s, u"codex"_s}), matches);
    QCOMPARE(filter.isEmpty(), filter == Gui::BoardFilter());
}

void tst_BoardView::searchHidesAndShowsCards()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Search"_s);
    QVERIFY(project);
    QVERIFY(fixture.createTask(project->id, u"Login page"_s));
    QVERIFY(fixture.createTask(project->id, u"Logout button"_s));
    QVERIFY(fixture.createTask(project->id,
                               u"Settings"_s,
                               TaskStatus::InProgress,
                               TaskPriority::Medium,
                               {},
                               u"Remember the LOGIN name"_s));
    QVERIFY(fixture.createTask(project->id, u"Release notes"_s, TaskStatus::Done));
    Board board(fixture);
    QVERIFY(board.show(project->id));
    QCOMPARE(board.countText(TaskStatus::Todo), u"2"_s);
    QVERIFY(!board.summary()->isVisible());
    QVERIFY(!board.clearButton()->isVisible());

    // As you type: each key narrows the board.
    board.search()->setFocus();
    QTest::keyClicks(board.search(), u"log"_s);
    QCOMPARE(board.shown(TaskStatus::Todo), (QStringList{u"Login page"_s, u"Logout button"_s}));
    QCOMPARE(board.shown(TaskStatus::InProgress), QStringList{u"Settings"_s}); // by description
    QCOMPARE(board.shown(TaskStatus::Done), QStringList());
    QCOMPARE(board.countText(TaskStatus::Done), u"0"_s);
    QTest::keyClicks(board.search(), u"IN"_s);
    QCOMPARE(board.shown(TaskStatus::Todo), QStringList{u"Login page"_s});
    QCOMPARE(board.countText(TaskStatus::Todo), u"1"_s);
    QCOMPARE(board.countText(TaskStatus::InProgress), u"1"_s);
    QCOMPARE(board.view.visibleCount(), 2);
    QVERIFY(board.summary()->isVisible());
    QCOMPARE(board.summary()->text(), u"2 of 4 tasks"_s);
    QVERIFY(board.clearButton()->isVisible());
    QCOMPARE(board.column(TaskStatus::Done)->count(), 1); // still in the model
    QCOMPARE(board.list(TaskStatus::Done)->placeholderText(), u"No matching tasks"_s);

    QTest::keyClicks(board.search(), u"zzz"_s);
    QCOMPARE(board.view.visibleCount(), 0);

    // Clearing brings everything back.
    board.clearButton()->click();
    QCOMPARE(board.search()->text(), QString());
    QCOMPARE(board.view.visibleCount(), 4);
    QCOMPARE(board.countText(TaskStatus::Todo), u"2"_s);
    QCOMPARE(board.shown(TaskStatus::Done), QStringList{u"Release notes"_s});
    QVERIFY(!board.clearButton()->isVisible());
    QVERIFY(!board.summary()->isVisible());
    QCOMPARE(board.list(TaskStatus::Done)->placeholderText(), u"No tasks"_s);
}

void tst_BoardView::filtersByLabelPriorityAndAgent()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Pickers"_s);
    QVERIFY(project);
    const auto api = fixture.createTask(project->id,
                                        u"Rate limit"_s,
                                        TaskStatus::Todo,
                                        TaskPriority::High,
                                        {u"api"_s, u"security"_s});
    const auto ui = fixture.createTask(project->id,
                                       u"Dark mode"_s,
                                       TaskStatus::InProgress,
                                       TaskPriority::Low,
                                       {u"ui"_s});
    const auto docs = fixture.createTask(project->id,
                                         u"Guide"_s,
                                         TaskStatus::Done,
                                         TaskPriority::High,
                                         {u"docs"_s});
    QVERIFY(api && ui && docs);
    Core::TaskPatch llm;
    llm.llm = std::optional<QString>(u"gemini"_s);
    QVERIFY(fixture.updateTask(ui->id, llm));
    QVERIFY(fixture.createAttempt(docs->id, u"codex"_s));

    Board board(fixture);
    QVERIFY(board.show(project->id));
    QComboBox *label = board.combo(u"labelFilter"_s);
    QComboBox *priority = board.combo(u"priorityFilter"_s);
    QComboBox *agent = board.combo(u"agentFilter"_s);
    // The pickers offer what the project has.
    QTRY_COMPARE(label->count(), 5);
    QCOMPARE(label->itemText(0), u"All labels"_s);
    QCOMPARE(label->itemText(1), u"api"_s);
    QTRY_COMPARE(agent->count(), 3);
    QCOMPARE(agent->itemText(1), u"codex"_s);
    QCOMPARE(agent->itemText(2), u"gemini"_s);
    QCOMPARE(priority->count(), 5);

    QVERIFY(choose(label, u"security"_s));
    QCOMPARE(board.view.visibleCount(), 1);
    QCOMPARE(board.shown(TaskStatus::Todo), QStringList{u"Rate limit"_s});
    QCOMPARE(board.countText(TaskStatus::InProgress), u"0"_s);

    QVERIFY(choose(label, u"All labels"_s));
    QVERIFY(choose(priority, u"High"_s));
    QCOMPARE(board.view.visibleCount(), 2);
    QCOMPARE(board.shown(TaskStatus::Done), QStringList{u"Guide"_s});

    QVERIFY(choose(agent, u"codex"_s)); // only through its attempt
    QCOMPARE(board.view.visibleCount(), 1);
    QCOMPARE(board.shown(TaskStatus::Done), QStringList{u"Guide"_s});
    QVERIFY(choose(priority, u"Any priority"_s));
    QVERIFY(choose(agent, u"gemini"_s)); // the task's own llm
    QCOMPARE(board.shown(TaskStatus::InProgress), QStringList{u"Dark mode"_s});
    QCOMPARE(board.view.visibleCount(), 1);
    QCOMPARE(board.view.filter().agent, u"gemini"_s);

    board.clearButton()->click();
    QCOMPARE(board.view.visibleCount(), 3);
    QCOMPARE(label->currentIndex(), 0);
    QCOMPARE(agent->currentIndex(), 0);

    // Switching projects starts unfiltered.
    Gui::BoardFilter filter;
    filter.text = u"guide"_s;
    board.view.setFilter(filter);
    QCOMPARE(board.search()->text(), u"guide"_s);
    QCOMPARE(board.view.visibleCount(), 1);
    const auto other = fixture.createProject(u"Other"_s);
    QVERIFY(other);
    QVERIFY(fixture.createTask(other->id, u"Elsewhere"_s));
    QVERIFY(board.show(other->id));
    QCOMPARE(board.search()->text(), QString());
    QCOMPARE(board.view.visibleCount(), 1);
    QTRY_COMPARE(label->count(), 1);
}

void tst_BoardView::filterFollowsChanges()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Live filter"_s);
    QVERIFY(project);
    const auto bug = fixture.createTask(project->id, u"Fix the crash"_s);
    QVERIFY(bug);
    Board board(fixture);
    QVERIFY(board.show(project->id));
    Gui::BoardFilter filter;
    filter.text = u"crash"_s;
    board.view.setFilter(filter);
    QCOMPARE(board.view.visibleCount(), 1);

    // New cards are filtered as they arrive.
    QVERIFY(fixture.createTask(project->id, u"Unrelated"_s));
    const auto another = fixture.createTask(project->id, u"Crash on start"_s);
    QVERIFY(another);
    QTRY_COMPARE(board.column(TaskStatus::Todo)->count(), 3);
    QCOMPARE(board.shown(TaskStatus::Todo), (QStringList{u"Fix the crash"_s, u"Crash on start"_s}));
    QCOMPARE(board.countText(TaskStatus::Todo), u"2"_s);

    // A card that stops matching goes; one moved keeps its state in the new column.
    Core::TaskPatch rename;
    rename.title = u"Fix the freeze"_s;
    QVERIFY(fixture.updateTask(bug->id, rename));
    QTRY_COMPARE(board.shown(TaskStatus::Todo), QStringList{u"Crash on start"_s});
    Core::TaskPatch done;
    done.status = TaskStatus::Done;
    QVERIFY(fixture.updateTask(bug->id, done));
    QVERIFY(fixture.updateTask(another->id, done));
    QTRY_COMPARE(board.column(TaskStatus::Done)->count(), 2);
    QCOMPARE(board.shown(TaskStatus::Done), QStringList{u"Crash on start"_s});
    QCOMPARE(board.shown(TaskStatus::Todo), QStringList());
    QCOMPARE(board.countText(TaskStatus::Done), u"1"_s);
    QCOMPARE(board.summary()->text(), u"1 of 3 tasks"_s);

    QVERIFY(fixture.removeTask(another->id));
    QTRY_COMPARE(board.column(TaskStatus::Done)->count(), 1);
    QCOMPARE(board.countText(TaskStatus::Done), u"0"_s);
    QCOMPARE(board.view.visibleCount(), 0);
    board.view.setFilter({});
    QCOMPARE(board.view.visibleCount(), 2);
}

void tst_BoardView::dragAndDropWithAFilter()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Drag filtered"_s);
    QVERIFY(project);
    QVERIFY(fixture.createTask(project->id, u"Hidden one"_s));
    const auto moving = fixture.createTask(project->id, u"Move me"_s);
    QVERIFY(fixture.createTask(project->id, u"Hidden in review"_s, TaskStatus::InReview));
    QVERIFY(moving);
    Board board(fixture);
    QVERIFY(board.show(project->id));
    Gui::BoardFilter filter;
    filter.text = u"move"_s;
    board.view.setFilter(filter);
    QCOMPARE(board.view.visibleCount(), 1);

    Gui::TaskColumnModel *todo = board.column(TaskStatus::Todo)->model();
    const std::unique_ptr<QMimeData> data(todo->mimeData({todo->indexOf(moving->id)}));
    QWidget *viewport = board.list(TaskStatus::InReview)->viewport();
    const QPoint position = viewport->rect().center();
    QDragEnterEvent enter(position, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(position, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    QVERIFY(move.isAccepted());
    QDropEvent drop(QPointF(position), Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &drop);
    QVERIFY(drop.isAccepted());
    QTRY_COMPARE(board.shown(TaskStatus::InReview), QStringList{u"Move me"_s});
    QCOMPARE(board.column(TaskStatus::InReview)->count(), 2);
    QCOMPARE(board.countText(TaskStatus::InReview), u"1"_s);
    QCOMPARE(board.countText(TaskStatus::Todo), u"0"_s);
}

void tst_BoardView::keysMoveAlongAndAcrossColumns()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Keys"_s);
    QVERIFY(project);
    for (const QString &title : {u"T1"_s, u"T2"_s, u"T3"_s})
        QVERIFY(fixture.createTask(project->id, title));
    for (const QString &title : {u"P1"_s, u"P2"_s})
        QVERIFY(fixture.createTask(project->id, title, TaskStatus::InProgress));
    QVERIFY(fixture.createTask(project->id, u"D1"_s, TaskStatus::Done));
    Board board(fixture);
    QVERIFY(board.show(project->id));
    board.view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&board.view));

    // From the board itself, the first card.
    board.view.setFocus();
    QTRY_VERIFY(board.list(TaskStatus::Todo)->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_J);
    QCOMPARE(board.selected(), u"T1"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_J);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_J);
    QCOMPARE(board.selected(), u"T3"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_J); // the last stays
    QCOMPARE(board.selected(), u"T3"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_K);
    QCOMPARE(board.selected(), u"T2"_s);

    // Across: the same row where there is one, the last one where the column is shorter.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_L);
    QCOMPARE(board.selected(), u"P2"_s);
    QVERIFY(board.list(TaskStatus::InProgress)->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_L); // over the empty "In review"
    QCOMPARE(board.selected(), u"D1"_s);
    QVERIFY(board.list(TaskStatus::Done)->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_L); // nothing to the right with cards
    QCOMPARE(board.selected(), u"D1"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_H);
    QCOMPARE(board.selected(), u"P1"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_J);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_H);
    QCOMPARE(board.selected(), u"T2"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_H); // the board's left edge
    QCOMPARE(board.selected(), u"T2"_s);
    // The arrows do the same.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
    QCOMPARE(board.selected(), u"P2"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Up);
    QCOMPARE(board.selected(), u"P1"_s);
    // Only one card is selected on the whole board.
    int selected = 0;
    for (TaskStatus status : Core::allTaskStatuses)
        selected += int(board.list(status)->selectionModel()->selectedIndexes().size());
    QCOMPARE(selected, 1);
    // With a modifier the letters are not the board's.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_J, Qt::ControlModifier);
    QCOMPARE(board.selected(), u"P1"_s);
}

void tst_BoardView::keysSkipHiddenCardsAndEmptyColumns()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Keys filtered"_s);
    QVERIFY(project);
    for (const QString &title : {u"a-keep"_s, u"a-drop"_s, u"b-keep"_s, u"c-keep"_s})
        QVERIFY(fixture.createTask(project->id, title));
    QVERIFY(fixture.createTask(project->id, u"only drop"_s, TaskStatus::InProgress));
    QVERIFY(fixture.createTask(project->id, u"z-keep"_s, TaskStatus::InReview));
    Board board(fixture);
    QVERIFY(board.show(project->id));
    board.view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&board.view));
    Gui::BoardFilter filter;
    filter.text = u"keep"_s;
    board.view.setFilter(filter);

    board.view.setFocus();
    QTRY_VERIFY(board.list(TaskStatus::Todo)->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_J);
    QCOMPARE(board.selected(), u"a-keep"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_J);
    QCOMPARE(board.selected(), u"b-keep"_s);                 // "a-drop" is hidden
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_L); // "In progress" shows nothing
    QCOMPARE(board.selected(), u"z-keep"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_H);
    QCOMPARE(board.selected(), u"a-keep"_s); // row 0 of what is shown

    // A filter that hides the selected card drops the selection.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_J);
    QCOMPARE(board.selected(), u"b-keep"_s);
    filter.text = u"c-"_s;
    board.view.setFilter(filter);
    QCOMPARE(board.selected(), QString());
}

void tst_BoardView::enterOpensAndSearchKeys()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Enter"_s);
    QVERIFY(project);
    QVERIFY(fixture.createTask(project->id, u"First"_s));
    QVERIFY(fixture.createTask(project->id, u"Second"_s));
    Board board(fixture);
    QVERIFY(board.show(project->id));
    board.view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&board.view));
    QSignalSpy opened(&board.view, &Gui::BoardView::openRequested);

    // Search, then Down to the first card shown, then Enter.
    board.view.focusSearch();
    QVERIFY(board.search()->hasFocus());
    QTest::keyClicks(board.search(), u"sec"_s);
    QTest::keyClick(board.search(), Qt::Key_Down);
    QVERIFY(board.list(TaskStatus::Todo)->hasFocus());
    QCOMPARE(board.selected(), u"Second"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).at(0).value<Core::Task>().title, u"Second"_s);

    // Escape clears the search first, then leaves the field.
    board.view.focusSearch();
    QCOMPARE(board.search()->selectedText(), u"sec"_s);
    QTest::keyClick(board.search(), Qt::Key_Escape);
    QCOMPARE(board.search()->text(), QString());
    QCOMPARE(board.view.visibleCount(), 2);
    QVERIFY(board.search()->hasFocus());
    QTest::keyClick(board.search(), Qt::Key_Escape);
    QVERIFY(board.list(TaskStatus::Todo)->hasFocus());
    QCOMPARE(board.selected(), u"Second"_s);

    // Letters typed in the search are text, not board keys.
    board.view.focusSearch();
    QTest::keyClicks(board.search(), u"jkhl"_s);
    QCOMPARE(board.search()->text(), u"jkhl"_s);
    QVERIFY(board.search()->hasFocus());
    QCOMPARE(board.view.visibleCount(), 0);
}

void tst_BoardView::thousandTasksFilterQuickly()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Big"_s);
    QVERIFY(project);
    constexpr int total = 1000;
    const QString search = u"task 09"_s;
    int matching = 0;
    QList<Core::Future<Core::Result<Core::Task>>> pending;
    for (int i = 0; i < total; ++i) {
        Core::NewTask input;
        input.projectId = project->id;
        input.title = u"Task %1 of the big board"_s.arg(i, 4, 10, QLatin1Char('0'));
        input.description = u"Something to do, number %1, with a longer description."_s.arg(i);
        if (input.title.contains(u"09"_s) || input.description.contains(u"09"_s))
            ++matching;
        input.labels = {i % 7 == 0 ? u"seven"_s : u"other"_s};
        input.status = Core::allTaskStatuses.at(std::size_t(i) % 3); // three full columns
        pending.append(fixture.engine().tasks().create(input));
    }
    for (const auto &future : std::as_const(pending)) {
        const auto created = Test::await(future);
        QVERIFY(created && *created);
    }
    Board board(fixture);
    QVERIFY(board.show(project->id));
    QCOMPARE(board.model.taskCount(), total);
    QCoreApplication::processEvents();

    // Type a search key by key, the way a person does, each one re-filtering the whole board.
    board.search()->setFocus();
    for (const QChar c : search) {
        QTest::keyClick(board.search(), c.toLatin1());
        QCoreApplication::processEvents(); // the relayout of the lists
    }
    QCOMPARE(board.view.visibleCount(), matching);
    board.view.setFilter({});
    QCoreApplication::processEvents();
    QCOMPARE(board.view.visibleCount(), total);
    Gui::BoardFilter seven;
    seven.label = u"seven"_s;
    board.view.setFilter(seven);
    QCOMPARE(board.view.visibleCount(), (total + 6) / 7);
}

QTEST_MAIN(tst_BoardView)
#include "tst_boardview.moc"
