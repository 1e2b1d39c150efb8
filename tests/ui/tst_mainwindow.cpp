// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/approvalservice.h"
#include "core/attemptservice.h"
#include "core/projectservice.h"
#include "core/taskservice.h"
#include "tests/support/futures.h"
#include "tests/ui/boardfixture.h"
#include "ui/approvalinbox.h"
#include "ui/boardcolumn.h"
#include "ui/boardmodel.h"
#include "ui/boardview.h"
#include "ui/mainwindow.h"
#include "ui/projectdialog.h"
#include "ui/shortcutsdialog.h"
#include "ui/taskcolumnmodel.h"
#include "ui/taskdialog.h"
#include "ui/tasklistview.h"
#include "ui/taskpanel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDropEvent>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using Core::TaskPriority;
using Core::TaskStatus;

namespace {

/// The visible one among parent's children of type T (closed dialogs linger until deleted).
template<typename T>
T *visibleChild(const QObject *parent)
{
    for (T *child : parent->findChildren<T *>()) {
        if (child->isVisible())
            return child;
    }
    return nullptr;
}

Gui::BoardView *boardView(const Gui::MainWindow &window)
{
    return window.findChild<Gui::BoardView *>();
}

Gui::BoardModel *boardModel(const Gui::MainWindow &window)
{
    return window.findChild<Gui::BoardModel *>();
}

Gui::TaskColumnModel *columnModel(const Gui::MainWindow &window, TaskStatus status)
{
    return boardModel(window)->column(status);
}

QString countText(const Gui::MainWindow &window, TaskStatus status)
{
    const auto *label = window.findChild<QLabel *>(u"count-"_s + Core::wireName(status));
    return label ? label->text() : QString();
}

QStringList titles(const Gui::MainWindow &window, TaskStatus status)
{
    QStringList result;
    for (const Core::Task &task : columnModel(window, status)->tasks())
        result.append(task.title);
    return result;
}

QString currentPage(const Gui::MainWindow &window)
{
    return window.findChild<QStackedWidget *>(u"pages"_s)->currentWidget()->objectName();
}

QAction *action(const Gui::MainWindow &window, const QString &name)
{
    return window.findChild<QAction *>(name);
}

/// Saves a picture of widget next to the other test artifacts, for a human to look at.
bool saveArtifact(QWidget *widget, const QString &name)
{
    const QString artifacts = qEnvironmentVariable("FORGEDESK_TEST_ARTIFACTS", QDir::tempPath());
    return QDir().mkpath(artifacts) && widget->grab().save(artifacts + u'/' + name);
}

/// Clicks the card so it becomes the board's selection, as a user would.
bool clickCard(const Gui::MainWindow &window, const Core::TaskId &id)
{
    for (TaskStatus status : Core::allTaskStatuses) {
        Gui::TaskListView *view = boardView(window)->listView(status);
        const QModelIndex index = columnModel(window, status)->indexOf(id);
        if (!index.isValid())
            continue;
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
        return true;
    }
    return false;
}

} // namespace

class tst_MainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void emptyStateWithoutProjects();
    void boardShowsTheStore();
    void reopensTheLastProject();
    void switcherFollowsProjects();
    void dragToAnotherColumnChangesStatus();
    void dropOnOwnColumnDoesNothing();
    void changesFromOutsideShowAtOnce();
    void deletingTheProjectClearsTheBoard();
    void taskDialogValidation();
    void newTaskFromTheWindow();
    void editSelectedTask();
    void enterOpensTheTask();
    void inboxCountsAndNotifies();
    void deleteAsksForConfirmation();
    void openRepositoryCreatesOrSwitches();
    void openRepositoryShowsCoreErrors();
    void apiUrlInStatusBar();
    void keyboardShortcuts();
    void boardKeysOpenTheTask();
    void switcherPopsUpFromTheKeyboard();
    void switchingBigProjectsShowsEachWhole();
    void screenshot();
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setStyle(u"Fusion"_s);
}

void tst_MainWindow::init()
{
    QSettings().clear();
}

void tst_MainWindow::emptyStateWithoutProjects()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    Gui::MainWindow window(fixture.engine());
    window.show();
    QCOMPARE(window.windowTitle(), u"Forgedesk"_s);
    QTRY_COMPARE(currentPage(window), u"emptyState"_s);
    QCOMPARE(window.findChild<QLabel *>(u"emptyStateHeading"_s)->text(),
             u"Open a git repository to start"_s);
    QVERIFY(window.findChild<QPushButton *>(u"emptyStateOpenButton"_s)->isVisible());
    QVERIFY(!action(window, u"actionNewTask"_s)->isEnabled());
    QVERIFY(!action(window, u"actionEditTask"_s)->isEnabled());
    QVERIFY(!action(window, u"actionDeleteTask"_s)->isEnabled());
    QVERIFY(action(window, u"actionOpenRepository"_s)->isEnabled());
    QVERIFY(saveArtifact(&window, u"emptystate.png"_s));
    QCOMPARE(action(window, u"actionNewTask"_s)->shortcut(), QKeySequence(QKeySequence::New));
    QCOMPARE(action(window, u"actionDeleteTask"_s)->shortcut(), QKeySequence(QKeySequence::Delete));

    // A project created elsewhere (the API) fills the empty window.
    const auto project = fixture.createProject(u"From the API"_s);
    QVERIFY(project);
    QTRY_COMPARE(window.currentProjectId(), project->id);
    QCOMPARE(currentPage(window), u"boardPage"_s);
    QVERIFY(action(window, u"actionNewTask"_s)->isEnabled());
}

void tst_MainWindow::boardShowsTheStore()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Store"_s);
    QVERIFY(project);
    QVERIFY(fixture.createTask(project->id, u"Todo 1"_s));
    QVERIFY(fixture.createTask(project->id, u"Doing"_s, TaskStatus::InProgress));
    QVERIFY(fixture.createTask(project->id,
                               u"Todo 2"_s,
                               TaskStatus::Todo,
                               TaskPriority::High,
                               {u"ui"_s}));
    QVERIFY(fixture.createTask(project->id, u"Shipped"_s, TaskStatus::Done));
    QVERIFY(fixture.createTask(project->id, u"Dropped"_s, TaskStatus::Cancelled));
    QVERIFY(fixture.createTask(project->id, u"Shipped too"_s, TaskStatus::Done));

    Gui::MainWindow window(fixture.engine());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.currentProjectId(), project->id);
    QTRY_COMPARE(countText(window, TaskStatus::Todo), u"2"_s);
    QCOMPARE(titles(window, TaskStatus::Todo), (QStringList{u"Todo 1"_s, u"Todo 2"_s}));
    QCOMPARE(titles(window, TaskStatus::InProgress), QStringList{u"Doing"_s});
    QCOMPARE(titles(window, TaskStatus::InReview), QStringList());
    QCOMPARE(titles(window, TaskStatus::Done), (QStringList{u"Shipped"_s, u"Shipped too"_s}));
    QCOMPARE(titles(window, TaskStatus::Cancelled), QStringList{u"Dropped"_s});
    QCOMPARE(countText(window, TaskStatus::InProgress), u"1"_s);
    QCOMPARE(countText(window, TaskStatus::InReview), u"0"_s);
    QCOMPARE(countText(window, TaskStatus::Done), u"2"_s);
    QCOMPARE(countText(window, TaskStatus::Cancelled), u"1"_s);

    // Board order and names of the columns.
    const QStringList expectedNames{u"To do"_s,
                                    u"In progress"_s,
                                    u"In review"_s,
                                    u"Done"_s,
                                    u"Cancelled"_s};
    QList<Gui::BoardColumn *> columns = boardView(window)->findChildren<Gui::BoardColumn *>();
    std::sort(columns.begin(), columns.end(), [](const QWidget *a, const QWidget *b) {
        return a->x() < b->x();
    });
    QCOMPARE(columns.size(), 5);
    for (qsizetype i = 0; i < columns.size(); ++i) {
        QCOMPARE(columns.at(i)->title(), expectedNames.at(i));
        QCOMPARE(int(columns.at(i)->status()), int(Core::allTaskStatuses.at(std::size_t(i))));
        QVERIFY(columns.at(i)->view()->isVisible());
    }
    QCOMPARE(window.findChild<QLabel *>(u"projectTitle"_s)->text(), u"Store"_s);
    QCOMPARE(window.findChild<QComboBox *>(u"projectSwitcher"_s)->currentText(), u"Store"_s);
    QCoreApplication::processEvents();
    QVERIFY(saveArtifact(&window, u"board-small.png"_s));
}

void tst_MainWindow::reopensTheLastProject()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto alpha = fixture.createProject(u"Alpha"_s);
    const auto beta = fixture.createProject(u"Beta"_s);
    QVERIFY(alpha && beta);
    QVERIFY(fixture.createTask(beta->id, u"Beta task"_s));

    {
        Gui::MainWindow window(fixture.engine());
        // With nothing remembered, the first project by name.
        QTRY_COMPARE(window.currentProjectId(), alpha->id);
        window.showProject(beta->id);
        QCOMPARE(QSettings().value(Gui::MainWindow::lastProjectKey).toString(), beta->id.toString());
    }
    Gui::MainWindow window(fixture.engine());
    window.show();
    QTRY_COMPARE(window.currentProjectId(), beta->id);
    QTRY_COMPARE(titles(window, TaskStatus::Todo), QStringList{u"Beta task"_s});
    QTRY_COMPARE(window.findChild<QComboBox *>(u"projectSwitcher"_s)->currentText(), u"Beta"_s);

    // A remembered project that no longer exists falls back to the first one.
    QSettings().setValue(Gui::MainWindow::lastProjectKey, u"proj_gone"_s);
    Gui::MainWindow another(fixture.engine());
    QTRY_COMPARE(another.currentProjectId(), alpha->id);
}

void tst_MainWindow::switcherFollowsProjects()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto zulu = fixture.createProject(u"Zulu"_s);
    QVERIFY(zulu);
    QVERIFY(fixture.createTask(zulu->id, u"Zulu task"_s));
    Gui::MainWindow window(fixture.engine());
    window.show();
    auto *switcher = window.findChild<QComboBox *>(u"projectSwitcher"_s);
    QTRY_COMPARE(switcher->count(), 1);

    const auto alpha = fixture.createProject(u"Alpha"_s);
    QVERIFY(alpha);
    QVERIFY(fixture.createTask(alpha->id, u"Alpha task"_s));
    QTRY_COMPARE(switcher->count(), 2);
    QCOMPARE(switcher->itemText(0), u"Alpha"_s);   // sorted by name
    QCOMPARE(window.currentProjectId(), zulu->id); // a new project does not steal the board
    QCOMPARE(switcher->currentText(), u"Zulu"_s);

    // Choosing in the switcher, as the user does.
    switcher->setCurrentIndex(0);
    Q_EMIT switcher->activated(0);
    QCOMPARE(window.currentProjectId(), alpha->id);
    QTRY_COMPARE(titles(window, TaskStatus::Todo), QStringList{u"Alpha task"_s});

    // Renamed elsewhere: the switcher and the header follow.
    Core::ProjectPatch rename;
    rename.name = u"Aardvark"_s;
    const auto renamed = Test::await(fixture.engine().projects().update(alpha->id, rename));
    QVERIFY(renamed && *renamed);
    QTRY_COMPARE(switcher->currentText(), u"Aardvark"_s);
    QCOMPARE(window.findChild<QLabel *>(u"projectTitle"_s)->text(), u"Aardvark"_s);
}

void tst_MainWindow::dragToAnotherColumnChangesStatus()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Drag"_s);
    QVERIFY(project);
    const auto task = fixture.createTask(project->id, u"Drag me"_s);
    QVERIFY(fixture.createTask(project->id, u"Stay here"_s));
    QVERIFY(task);

    Gui::MainWindow window(fixture.engine());
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Gui::TaskColumnModel *todo = columnModel(window, TaskStatus::Todo);
    Gui::TaskColumnModel *inProgress = columnModel(window, TaskStatus::InProgress);
    QTRY_COMPARE(todo->rowCount(), 2);

    // What the source view puts on the drag when the user picks the card up…
    const std::unique_ptr<QMimeData> data(todo->mimeData({todo->indexOf(task->id)}));
    QVERIFY(data);
    // …and the events the target column's viewport gets as the drag ends over it.
    Gui::TaskListView *target = boardView(window)->listView(TaskStatus::InProgress);
    QWidget *viewport = target->viewport();
    const QPoint position = viewport->rect().center();
    QDragEnterEvent enter(position, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(position, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    QVERIFY(move.isAccepted());
    QVERIFY(target->isDropHighlighted());
    QDropEvent drop(QPointF(position), Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(drop.dropAction(), Qt::MoveAction);
    QVERIFY(!target->isDropHighlighted());

    // The card moves when the change is announced, not before.
    QCOMPARE(todo->rowCount(), 2);
    QTRY_COMPARE(titles(window, TaskStatus::InProgress), QStringList{u"Drag me"_s});
    QCOMPARE(titles(window, TaskStatus::Todo), QStringList{u"Stay here"_s});
    QCOMPARE(countText(window, TaskStatus::InProgress), u"1"_s);
    QCOMPARE(countText(window, TaskStatus::Todo), u"1"_s);
    const auto stored = fixture.storedTask(task->id);
    QVERIFY(stored);
    QCOMPARE(int(stored->status), int(TaskStatus::InProgress));
    QCOMPARE(inProgress->taskAt(0).id, task->id);
}

void tst_MainWindow::dropOnOwnColumnDoesNothing()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Own column"_s);
    QVERIFY(project);
    const auto task = fixture.createTask(project->id, u"Here"_s);
    QVERIFY(task);
    Gui::MainWindow window(fixture.engine());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Gui::TaskColumnModel *todo = columnModel(window, TaskStatus::Todo);
    QTRY_COMPARE(todo->rowCount(), 1);

    const std::unique_ptr<QMimeData> data(todo->mimeData({todo->index(0)}));
    Gui::TaskListView *source = boardView(window)->listView(TaskStatus::Todo);
    QWidget *viewport = source->viewport();
    const QPoint position(10, viewport->height() - 10);
    // Qt accepts the enter on the MIME type alone and decides on move and drop.
    QDragEnterEvent enter(position, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    QVERIFY(!source->isDropHighlighted());
    QDragMoveEvent move(position, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    QVERIFY(!move.isAccepted());
    QVERIFY(!source->isDropHighlighted());
    QDropEvent drop(QPointF(position), Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &drop);
    QVERIFY(!drop.isAccepted());
    QTest::qWait(50); // bounded: give a (wrong) update the chance to land
    QCOMPARE(todo->rowCount(), 1);
    const auto stored = fixture.storedTask(task->id);
    QVERIFY(stored);
    QCOMPARE(stored->updatedAt, task->updatedAt);
}

void tst_MainWindow::changesFromOutsideShowAtOnce()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Live"_s);
    const auto other = fixture.createProject(u"Other"_s);
    QVERIFY(project && other);
    Gui::MainWindow window(fixture.engine());
    window.show();
    window.showProject(project->id);
    QTRY_VERIFY(!boardModel(window)->isLoading());
    QTRY_COMPARE(currentPage(window), u"boardPage"_s);

    // As a script would through the HTTP API: straight to the service.
    const auto task = fixture.createTask(project->id,
                                         u"From a script"_s,
                                         TaskStatus::Todo,
                                         TaskPriority::Urgent,
                                         {u"api"_s});
    QVERIFY(task);
    QTRY_COMPARE(titles(window, TaskStatus::Todo), QStringList{u"From a script"_s});
    QCOMPARE(countText(window, TaskStatus::Todo), u"1"_s);

    Core::TaskPatch review;
    review.status = TaskStatus::InReview;
    QVERIFY(fixture.updateTask(task->id, review));
    QTRY_COMPARE(titles(window, TaskStatus::InReview), QStringList{u"From a script"_s});
    QCOMPARE(columnModel(window, TaskStatus::Todo)->rowCount(), 0);
    QCOMPARE(countText(window, TaskStatus::InReview), u"1"_s);

    Core::TaskPatch rename;
    rename.title = u"Renamed by a script"_s;
    QVERIFY(fixture.updateTask(task->id, rename));
    QTRY_COMPARE(titles(window, TaskStatus::InReview), QStringList{u"Renamed by a script"_s});

    QVERIFY(fixture.createTask(other->id, u"Other project"_s));

    QVERIFY(fixture.removeTask(task->id));
    QTRY_COMPARE(columnModel(window, TaskStatus::InReview)->rowCount(), 0);
    QCOMPARE(countText(window, TaskStatus::InReview), u"0"_s);
    QCOMPARE(boardModel(window)->taskCount(), 0); // the other project's task never showed
}

void tst_MainWindow::deletingTheProjectClearsTheBoard()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Doomed"_s);
    QVERIFY(project);
    QVERIFY(fixture.createTask(project->id, u"Gone soon"_s));
    Gui::MainWindow window(fixture.engine());
    window.show();
    QTRY_COMPARE(columnModel(window, TaskStatus::Todo)->rowCount(), 1);

    QVERIFY(fixture.removeProject(project->id));
    QTRY_COMPARE(currentPage(window), u"emptyState"_s);
    QCOMPARE(boardModel(window)->taskCount(), 0);
    QVERIFY(window.currentProjectId().isNull());
    QCOMPARE(window.findChild<QComboBox *>(u"projectSwitcher"_s)->count(), 0);
    QVERIFY(window.statusBar()->currentMessage().contains(u"Doomed"_s));
}

void tst_MainWindow::taskDialogValidation()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Dialog"_s);
    QVERIFY(project);

    Gui::TaskDialog dialog(fixture.engine().tasks(), project->id);
    dialog.show();
    auto *title = dialog.findChild<QLineEdit *>(u"title"_s);
    QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(title && ok);
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(title, u"   "_s);
    QVERIFY(!ok->isEnabled());
    title->clear();
    QTest::keyClicks(title, u"Write docs"_s);
    QVERIFY(ok->isEnabled());
    title->clear();
    QVERIFY(!ok->isEnabled());

    // Core rejects what the form cannot: the dialog stays open and says why.
    title->setText(u"Bad\u0007title"_s);
    QVERIFY(ok->isEnabled());
    QSignalSpy finished(&dialog, &QDialog::finished);
    ok->click();
    QTRY_VERIFY(!dialog.errorText().isEmpty());
    QVERIFY2(dialog.errorText().startsWith(u"title:"_s), qPrintable(dialog.errorText()));
    QVERIFY(dialog.isVisible());
    QCOMPARE(finished.size(), 0);
    QVERIFY(ok->isEnabled());
    QVERIFY(saveArtifact(&dialog, u"taskdialog-error.png"_s));

    title->setText(u"Write docs"_s);
    dialog.findChild<QPlainTextEdit *>(u"description"_s)->setPlainText(u"The user guide"_s);
    dialog.findChild<QLineEdit *>(u"labels"_s)->setText(u" docs, ,writing ,docs"_s);
    auto *priority = dialog.findChild<QComboBox *>(u"priority"_s);
    priority->setCurrentIndex(priority->findData(int(TaskPriority::High)));
    QSignalSpy saved(&dialog, &Gui::TaskDialog::saved);
    ok->click();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(saved.size(), 1);
    const auto task = saved.at(0).at(0).value<Core::Task>();
    const auto stored = fixture.storedTask(task.id);
    QVERIFY(stored);
    QCOMPARE(stored->title, u"Write docs"_s);
    QCOMPARE(stored->description, u"The user guide"_s);
    QCOMPARE(int(stored->priority), int(TaskPriority::High));
    QCOMPARE(stored->labels, (QStringList{u"docs"_s, u"writing"_s}));
}

void tst_MainWindow::newTaskFromTheWindow()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"New"_s);
    QVERIFY(project);
    Gui::MainWindow window(fixture.engine());
    window.show();
    QTRY_VERIFY(action(window, u"actionNewTask"_s)->isEnabled());

    action(window, u"actionNewTask"_s)->trigger();
    Gui::TaskDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<Gui::TaskDialog>(&window)));
    QVERIFY(!dialog->isEditing());
    QCOMPARE(dialog->windowTitle(), u"New Task"_s);
    dialog->findChild<QLineEdit *>(u"title"_s)->setText(u"Made in the window"_s);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_COMPARE(titles(window, TaskStatus::Todo), QStringList{u"Made in the window"_s});
    QTRY_VERIFY(!visibleChild<Gui::TaskDialog>(&window));
    // The new card is selected, ready for Edit/Delete.
    QTRY_VERIFY(boardView(window)->currentTask().has_value());
    QCOMPARE(boardView(window)->currentTask()->title, u"Made in the window"_s);
    QVERIFY(action(window, u"actionEditTask"_s)->isEnabled());
}

void tst_MainWindow::editSelectedTask()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Edit"_s);
    QVERIFY(project);
    const auto task = fixture.createTask(project->id,
                                         u"Old title"_s,
                                         TaskStatus::Todo,
                                         TaskPriority::Low,
                                         {u"a"_s, u"b"_s},
                                         u"Some details"_s);
    QVERIFY(task);
    Gui::MainWindow window(fixture.engine());
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(columnModel(window, TaskStatus::Todo)->rowCount(), 1);
    QVERIFY(!action(window, u"actionEditTask"_s)->isEnabled());

    QVERIFY(clickCard(window, task->id));
    QTRY_VERIFY(action(window, u"actionEditTask"_s)->isEnabled());
    QCOMPARE(boardView(window)->currentTask()->id, task->id);

    action(window, u"actionEditTask"_s)->trigger();
    Gui::TaskDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<Gui::TaskDialog>(&window)));
    QVERIFY(dialog->isEditing());
    auto *title = dialog->findChild<QLineEdit *>(u"title"_s);
    QCOMPARE(title->text(), u"Old title"_s);
    QCOMPARE(dialog->findChild<QPlainTextEdit *>(u"description"_s)->toPlainText(),
             u"Some details"_s);
    QCOMPARE(dialog->findChild<QLineEdit *>(u"labels"_s)->text(), u"a, b"_s);
    auto *status = dialog->findChild<QComboBox *>(u"status"_s);
    QCOMPARE(status->currentData().toInt(), int(TaskStatus::Todo));
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    title->clear();
    QVERIFY(!ok->isEnabled());
    title->setText(u"New title"_s);
    status->setCurrentIndex(status->findData(int(TaskStatus::Done)));
    ok->click();

    QTRY_COMPARE(titles(window, TaskStatus::Done), QStringList{u"New title"_s});
    QCOMPARE(columnModel(window, TaskStatus::Todo)->rowCount(), 0);
    // The selection followed the card to its new column.
    QTRY_VERIFY(boardView(window)->currentTask().has_value());
    QCOMPARE(boardView(window)->currentTask()->id, task->id);
    const auto stored = fixture.storedTask(task->id);
    QVERIFY(stored);
    QCOMPARE(stored->title, u"New title"_s);
    QCOMPARE(int(stored->status), int(TaskStatus::Done));
    QCOMPARE(stored->labels, (QStringList{u"a"_s, u"b"_s}));
}

void tst_MainWindow::enterOpensTheTask()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Keys"_s);
    QVERIFY(project);
    const auto task = fixture.createTask(project->id, u"Press enter"_s, TaskStatus::InProgress);
    QVERIFY(task);
    Gui::MainWindow window(fixture.engine());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(columnModel(window, TaskStatus::InProgress)->rowCount(), 1);

    Gui::TaskListView *view = boardView(window)->listView(TaskStatus::InProgress);
    view->setCurrentIndex(columnModel(window, TaskStatus::InProgress)->index(0));
    QVERIFY(!window.taskPanel()->isVisible());
    QTest::keyClick(view, Qt::Key_Return);
    QTRY_VERIFY(window.taskPanel()->isVisible());
    QCOMPARE(window.taskPanel()->taskId(), task->id);
    QCOMPARE(window.taskPanel()->findChild<QLabel *>(u"taskPanelTitle"_s)->text(), u"Press enter"_s);
    QTest::keyClick(window.taskPanel(), Qt::Key_Escape);
    QTRY_VERIFY(!window.taskPanel()->isVisible());

    const QRect card = view->visualRect(columnModel(window, TaskStatus::InProgress)->index(0));
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, card.center());
    QTRY_VERIFY(window.taskPanel()->isVisible());

    // Deleted elsewhere while open: the panel closes.
    QVERIFY(fixture.removeTask(task->id));
    QTRY_VERIFY(!window.taskPanel()->isVisible());
}

void tst_MainWindow::inboxCountsAndNotifies()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Gate"_s);
    QVERIFY(project);
    const auto task = fixture.createTask(project->id, u"Needs a yes"_s);
    QVERIFY(task);
    Gui::MainWindow window(fixture.engine());
    window.show();
    auto *inboxAction = window.findChild<QAction *>(u"actionInbox"_s);
    QVERIFY(inboxAction);
    QCOMPARE(inboxAction->text().remove(u'&'), u"Inbox"_s);

    Core::NewAttempt attemptInput;
    attemptInput.taskId = task->id;
    attemptInput.llm = u"claude"_s;
    auto attempt = Test::await(fixture.engine().attempts().create(attemptInput));
    QVERIFY(attempt && *attempt);
    Core::NewApproval input;
    input.attemptId = (*attempt)->id;
    input.type = Core::ApprovalType::Deploy;
    input.title = u"Deploy to staging"_s;
    auto approval = Test::await(fixture.engine().approvals().create(input, u"ci@example.com"_s));
    QVERIFY(approval && *approval);
    QTRY_COMPARE(inboxAction->text().remove(u'&'), u"Inbox (1)"_s);
    QVERIFY(window.lastNotification().contains(u"Deploy to staging"_s));

    inboxAction->trigger();
    QVERIFY(window.inbox()->isVisible());
    QCOMPARE(window.inbox()->pendingCount(), 1);
    window.findChild<QAction *>(u"actionBoard"_s)->trigger();
    QVERIFY(!window.inbox()->isVisible());
}

void tst_MainWindow::deleteAsksForConfirmation()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Delete"_s);
    QVERIFY(project);
    const auto task = fixture.createTask(project->id, u"Delete me"_s, TaskStatus::InReview);
    QVERIFY(task);
    Gui::MainWindow window(fixture.engine());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(columnModel(window, TaskStatus::InReview)->rowCount(), 1);
    QVERIFY(clickCard(window, task->id));
    QTRY_VERIFY(action(window, u"actionDeleteTask"_s)->isEnabled());

    // Cancel keeps it.
    action(window, u"actionDeleteTask"_s)->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = visibleChild<QMessageBox>(&window)));
    QVERIFY(box->text().contains(u"Delete me"_s));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!visibleChild<QMessageBox>(&window));
    QVERIFY(fixture.storedTask(task->id));
    QCOMPARE(columnModel(window, TaskStatus::InReview)->rowCount(), 1);

    action(window, u"actionDeleteTask"_s)->trigger();
    QTRY_VERIFY((box = visibleChild<QMessageBox>(&window)));
    box->button(QMessageBox::Yes)->click();
    QTRY_COMPARE(columnModel(window, TaskStatus::InReview)->rowCount(), 0);
    QVERIFY(!fixture.storedTask(task->id));
    QVERIFY(!boardView(window)->currentTask());
    QVERIFY(!action(window, u"actionDeleteTask"_s)->isEnabled());
}

void tst_MainWindow::openRepositoryCreatesOrSwitches()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto existing = fixture.createProject(u"Existing"_s);
    QVERIFY(existing);
    Test::TempGitRepo repo;
    QVERIFY(repo.isValid());
    QVERIFY(repo.createBranch(u"develop"_s));

    Gui::MainWindow window(fixture.engine());
    window.show();
    QTRY_COMPARE(window.currentProjectId(), existing->id);

    // Through the menu: the folder dialog is modal to the window but does not block it.
    window.findChild<QAction *>(u"actionOpenRepository"_s)->trigger();
    QFileDialog *folders = nullptr;
    QTRY_VERIFY((folders = window.findChild<QFileDialog *>(u"openRepositoryDialog"_s)));
    QVERIFY(folders->isVisible());
    Q_EMIT folders->fileSelected(repo.path());
    folders->reject();
    Gui::ProjectDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<Gui::ProjectDialog>(&window)));
    QCOMPARE(dialog->name(), QFileInfo(repo.path()).fileName());
    QCOMPARE(dialog->baseBranch(), QString());
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    dialog->setName(u""_s);
    QVERIFY(!ok->isEnabled());
    dialog->setName(u"Fresh"_s);
    dialog->setBaseBranch(u"develop"_s);
    ok->click();

    QTRY_COMPARE(window.findChild<QLabel *>(u"projectTitle"_s)->text(), u"Fresh"_s);
    QVERIFY(!visibleChild<Gui::ProjectDialog>(&window));
    QCOMPARE(window.findChild<QComboBox *>(u"projectSwitcher"_s)->count(), 2);
    QCOMPARE(window.findChild<QComboBox *>(u"projectSwitcher"_s)->currentText(), u"Fresh"_s);
    const auto created = window.currentProjectId();
    const Core::Project *fresh = nullptr;
    for (const Core::Project &p : window.projects()) {
        if (p.id == created)
            fresh = &p;
    }
    QVERIFY(fresh);
    QCOMPARE(fresh->baseBranch, u"develop"_s);
    QCOMPARE(fresh->repoPath, repo.path());

    // Opening a repository that already has a project just switches to it.
    window.showProject(existing->id);
    window.openRepository(repo.path());
    QTRY_COMPARE(window.currentProjectId(), created);
    QVERIFY(!visibleChild<Gui::ProjectDialog>(&window));
}

void tst_MainWindow::openRepositoryShowsCoreErrors()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    QTemporaryDir notARepo;
    QVERIFY(notARepo.isValid());
    Test::TempGitRepo repo;
    QVERIFY(repo.isValid());

    Gui::MainWindow window(fixture.engine());
    window.show();
    QTRY_COMPARE(currentPage(window), u"emptyState"_s);

    window.openRepository(notARepo.path());
    Gui::ProjectDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<Gui::ProjectDialog>(&window)));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = visibleChild<QMessageBox>(dialog)));
    QVERIFY2(box->informativeText().contains(u"git repository"_s),
             qPrintable(box->informativeText()));
    QVERIFY(dialog->isVisible()); // stays open for another try
    box->button(QMessageBox::Ok)->click();
    dialog->reject();

    // An unknown base branch is reported the same way.
    window.openRepository(repo.path());
    QTRY_VERIFY((dialog = visibleChild<Gui::ProjectDialog>(&window)));
    dialog->setBaseBranch(u"no-such-branch"_s);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY((box = visibleChild<QMessageBox>(dialog)));
    QVERIFY2(box->informativeText().contains(u"no-such-branch"_s),
             qPrintable(box->informativeText()));
    box->button(QMessageBox::Ok)->click();
    // Blank means the repository's current branch.
    dialog->setBaseBranch(QString());
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_COMPARE(currentPage(window), u"boardPage"_s);
    QCOMPARE(window.projects().size(), 1);
    QCOMPARE(window.projects().constFirst().baseBranch, u"main"_s);
}

void tst_MainWindow::apiUrlInStatusBar()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    Gui::MainWindow window(fixture.engine());
    window.show();
    window.setApiUrl(u"http://127.0.0.1:8887"_s);
    auto *label = window.findChild<QLabel *>(u"apiUrl"_s);
    QVERIFY(label);
    QCOMPARE(label->text(), u"API: http://127.0.0.1:8887"_s);
    QVERIFY(label->isVisible());
    window.setApiUrl(QString());
    QVERIFY(!label->isVisible());
}

void tst_MainWindow::keyboardShortcuts()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Shortcuts"_s);
    QVERIFY(project);
    QVERIFY(fixture.createTask(project->id, u"Cook dinner"_s));
    QVERIFY(fixture.createTask(project->id, u"Wash up"_s));
    Gui::MainWindow window(fixture.engine());
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_COMPARE(columnModel(window, TaskStatus::Todo)->rowCount(), 2);
    Gui::TaskListView *todo = boardView(window)->listView(TaskStatus::Todo);
    todo->setFocus();
    auto *search = window.findChild<QLineEdit *>(u"boardSearch"_s);
    QVERIFY(search);

    // c: a new task.
    QTest::keyClick(todo, Qt::Key_C);
    Gui::TaskDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<Gui::TaskDialog>(&window)));
    QVERIFY(!dialog->isEditing());
    dialog->reject();
    QTRY_VERIFY(!visibleChild<Gui::TaskDialog>(&window));
    window.activateWindow(); // the offscreen platform does not give it back by itself
    QVERIFY(QTest::qWaitForWindowActive(&window));

    // /: the search; there a c is just a c, and the board filters as it is typed.
    todo->setFocus();
    QTest::keyClick(todo, Qt::Key_Slash);
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClick(search, Qt::Key_C);
    QTest::keyClicks(search, u"oo"_s);
    QCOMPARE(search->text(), u"coo"_s);
    QTest::qWait(20); // bounded: a wrongly fired shortcut would open its dialog now
    QVERIFY(!visibleChild<Gui::TaskDialog>(&window));
    QCOMPARE(countText(window, TaskStatus::Todo), u"1"_s);
    QTest::keyClick(search, Qt::Key_Slash); // typed too
    QCOMPARE(search->text(), u"coo/"_s);
    // Escape clears the search, then leaves it for the cards.
    QTest::keyClick(search, Qt::Key_Escape);
    QCOMPARE(search->text(), QString());
    QCOMPARE(countText(window, TaskStatus::Todo), u"2"_s);
    QTest::keyClick(search, Qt::Key_Escape);
    QTRY_VERIFY(todo->hasFocus());
    QCOMPARE(action(window, u"actionFindTasks"_s)->shortcuts().constFirst(),
             QKeySequence(Qt::Key_Slash));

    // ?: the shortcuts, with or without Shift reported (layouts differ); also under Help.
    for (const Qt::KeyboardModifiers modifiers : {Qt::NoModifier, Qt::ShiftModifier}) {
        QTest::keyClick(todo, Qt::Key_Question, modifiers);
        Gui::ShortcutsDialog *help = nullptr;
        QTRY_VERIFY((help = visibleChild<Gui::ShortcutsDialog>(&window)));
        QCOMPARE(help->windowTitle(), u"Keyboard Shortcuts"_s);
        QStringList actions;
        for (int row = 0; row < help->table()->rowCount(); ++row) {
            if (QTableWidgetItem *item = help->table()->item(row, 1))
                actions.append(item->text());
        }
        QVERIFY2(actions.contains(u"Search tasks"_s), qPrintable(actions.join(u", "_s)));
        QVERIFY(actions.contains(u"Switch project"_s));
        QVERIFY(!help->table()->item(1, 0)->data(Gui::ShortcutsDialog::keysRole).toList().isEmpty());
        QVERIFY(saveArtifact(help, u"shortcuts.png"_s));
        help->reject();
        QTRY_VERIFY(!visibleChild<Gui::ShortcutsDialog>(&window));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
    }
    QMenu *helpMenu = nullptr;
    for (QAction *menu : window.menuBar()->actions()) {
        if (menu->text().remove(u'&') == u"Help"_s)
            helpMenu = menu->menu();
    }
    QVERIFY(helpMenu);
    QVERIFY(helpMenu->actions().contains(action(window, u"actionKeyboardShortcuts"_s)));
}

void tst_MainWindow::boardKeysOpenTheTask()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"Walk"_s);
    QVERIFY(project);
    QVERIFY(fixture.createTask(project->id, u"Left one"_s));
    QVERIFY(fixture.createTask(project->id, u"Left two"_s));
    const auto target = fixture.createTask(project->id, u"Right two"_s, TaskStatus::InReview);
    QVERIFY(fixture.createTask(project->id, u"Right one"_s, TaskStatus::InReview));
    QVERIFY(target);
    // Created after "Right two", so below it: rows are oldest first.
    Gui::MainWindow window(fixture.engine());
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_COMPARE(boardModel(window)->taskCount(), 4);

    boardView(window)->setFocus();
    QTRY_VERIFY(boardView(window)->listView(TaskStatus::Todo)->hasFocus());
    for (const Qt::Key key : {Qt::Key_J, Qt::Key_J, Qt::Key_K, Qt::Key_L})
        QTest::keyClick(QApplication::focusWidget(), key);
    QCOMPARE(boardView(window)->currentTask()->id, target->id);
    QVERIFY(action(window, u"actionEditTask"_s)->isEnabled());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_VERIFY(window.taskPanel()->isVisible());
    QCOMPARE(window.taskPanel()->taskId(), target->id);
    // The panel takes Escape itself, and gives the keys back to the board.
    QTest::keyClick(window.taskPanel(), Qt::Key_Escape);
    QTRY_VERIFY(!window.taskPanel()->isVisible());
    QTRY_VERIFY(boardView(window)->listView(TaskStatus::InReview)->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_J);
    QCOMPARE(boardView(window)->currentTask()->title, u"Right one"_s);
}

void tst_MainWindow::switcherPopsUpFromTheKeyboard()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto alpha = fixture.createProject(u"Alpha"_s);
    const auto beta = fixture.createProject(u"Beta"_s);
    QVERIFY(alpha && beta);
    QVERIFY(fixture.createTask(beta->id, u"In beta"_s));
    Gui::MainWindow window(fixture.engine());
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_COMPARE(window.currentProjectId(), alpha->id);
    auto *switcher = window.findChild<QComboBox *>(u"projectSwitcher"_s);
    QCOMPARE(action(window, u"actionSwitchProject"_s)->shortcut(),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));

    QTest::keyClick(&window, Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(switcher->view()->isVisible());
    QCOMPARE(window.focusWidget(), switcher);
    QTest::keyClick(switcher->view(), Qt::Key_Down);
    QTest::keyClick(switcher->view(), Qt::Key_Return);
    QTRY_COMPARE(window.currentProjectId(), beta->id);
    QTRY_COMPARE(titles(window, TaskStatus::Todo), QStringList{u"In beta"_s});
    QVERIFY(!switcher->view()->isVisible());
}

void tst_MainWindow::switchingBigProjectsShowsEachWhole()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    constexpr int perProject = 1000;
    QList<Core::ProjectId> projects;
    for (const QString &name : {u"Big one"_s, u"Big two"_s}) {
        const auto project = fixture.createProject(name);
        QVERIFY(project);
        projects.append(project->id);
        QList<Core::Future<Core::Result<Core::Task>>> pending;
        for (int i = 0; i < perProject; ++i) {
            Core::NewTask input;
            input.projectId = project->id;
            input.title = u"%1: task %2"_s.arg(name).arg(i);
            input.description = u"Details of task %1, long enough to wrap in the card."_s.arg(i);
            input.labels = {u"label%1"_s.arg(i % 12)};
            input.status = Core::allTaskStatuses.at(std::size_t(i) % Core::allTaskStatuses.size());
            pending.append(fixture.engine().tasks().create(input));
        }
        Core::TaskId last;
        for (const auto &future : std::as_const(pending)) {
            const auto created = Test::await(future);
            QVERIFY(created && *created);
            last = (*created)->id;
        }
        auto attempt = fixture.createAttempt(last);
        QVERIFY(attempt);
        QVERIFY(fixture.createApproval(attempt->id, u"Ship it"_s));
    }

    Gui::MainWindow window(fixture.engine());
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(boardModel(window)->taskCount(), perProject);

    for (int round = 0; round < 4; ++round) {
        const Core::ProjectId next = projects.at((round + 1) % 2);
        window.showProject(next);
        QTRY_VERIFY(!boardModel(window)->isLoading() && window.currentProjectId() == next);
        QCOMPARE(boardModel(window)->taskCount(), perProject);
        QTRY_COMPARE(boardView(window)->visibleCount(), perProject);
    }
    // The activity came along with the tasks: the one approval of this project waits.
    const auto waiting = [&window] {
        int approvals = 0;
        for (const Gui::TaskColumnModel *column : boardModel(window)->columns()) {
            for (const Core::Task &task : column->tasks())
                approvals += boardModel(window)->activity(task.id).pendingApprovals;
        }
        return approvals;
    };
    QTRY_COMPARE(waiting(), 1);
}

void tst_MainWindow::screenshot()
{
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    const auto project = fixture.createProject(u"forgedesk"_s);
    QVERIFY(project);
    QVERIFY(fixture.createProject(u"website"_s));
    struct Seed
    {
        QString title;
        TaskStatus status;
        TaskPriority priority;
        QStringList labels;
        QString description;
        /// What its attempts did, for the badges: the latest status, merged, cost, approvals.
        std::optional<Core::AttemptStatus> attempt = std::nullopt;
        bool merged = false;
        double cost = 0;
        int approvals = 0;
    };
    const QList<Seed> seeds{
        {u"Add dark mode toggle to the settings page"_s,
         TaskStatus::Todo,
         TaskPriority::Medium,
         {u"ui"_s, u"settings"_s},
         u"Follow the system theme by default; remember the choice."_s},
        {u"Rate-limit the webhook endpoint"_s,
         TaskStatus::Todo,
         TaskPriority::High,
         {u"api"_s, u"security"_s},
         u"Token bucket per client, 60 requests a minute."_s},
        {u"Write the getting-started guide"_s,
         TaskStatus::Todo,
         TaskPriority::Low,
         {u"docs"_s},
         QString()},
        {u"Stream agent logs over the WebSocket while an attempt runs"_s,
         TaskStatus::InProgress,
         TaskPriority::Urgent,
         {u"agents"_s, u"api"_s, u"realtime"_s},
         u"Today logs only appear when the attempt finishes."_s,
         Core::AttemptStatus::Running,
         false,
         0.38,
         1},
        {u"Worktree cleanup after merged attempts"_s,
         TaskStatus::InProgress,
         TaskPriority::Medium,
         {u"git"_s},
         u"Remove the worktree and its branch once merged."_s,
         Core::AttemptStatus::Failed,
         false,
         0.17},
        {u"Keyboard navigation between columns"_s,
         TaskStatus::InReview,
         TaskPriority::Medium,
         {u"ui"_s, u"a11y"_s},
         u"h/j/k/l move the selection; Enter opens the card."_s,
         Core::AttemptStatus::Completed,
         false,
         1.24,
         2},
        {u"SQLite group commit for faster writes"_s,
         TaskStatus::Done,
         TaskPriority::High,
         {u"core"_s, u"performance"_s},
         u"Batch writes into one transaction."_s,
         Core::AttemptStatus::Completed,
         true,
         0.86},
        {u"Project switcher in the toolbar"_s,
         TaskStatus::Done,
         TaskPriority::Low,
         {u"ui"_s},
         QString(),
         Core::AttemptStatus::Completed,
         true,
         0.21},
        {u"Support Mercurial repositories"_s,
         TaskStatus::Cancelled,
         TaskPriority::Low,
         {u"git"_s},
         u"Out of scope for 1.0."_s},
    };
    Core::TaskId selected;
    for (const Seed &seed : seeds) {
        const auto task = fixture.createTask(project->id,
                                             seed.title,
                                             seed.status,
                                             seed.priority,
                                             seed.labels,
                                             seed.description);
        QVERIFY(task);
        if (seed.status == TaskStatus::InProgress && selected.isNull())
            selected = task->id;
        if (!seed.attempt)
            continue;
        auto attempt = fixture.createAttempt(task->id,
                                             seed.approvals > 0 ? u"claude"_s : u"codex"_s);
        QVERIFY(attempt);
        attempt->status = *seed.attempt;
        attempt->usage.totalCost = seed.cost;
        if (seed.merged)
            attempt->mergedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(fixture.writeAttempt(*attempt));
        for (int i = 0; i < seed.approvals; ++i)
            QVERIFY(fixture.createApproval(attempt->id,
                                           i == 0 ? u"Merge into main"_s : u"Deploy to staging"_s));
    }

    Gui::MainWindow window(fixture.engine());
    window.setApiUrl(u"http://127.0.0.1:8887"_s);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(boardModel(window)->taskCount(), int(seeds.size()));
    QTRY_COMPARE(countText(window, TaskStatus::Todo), u"3"_s);
    // The badges: a running, a failed and two merged attempts, costs and three approvals.
    const auto badges = [&window](int role) {
        double sum = 0;
        for (const Gui::TaskColumnModel *column : boardModel(window)->columns()) {
            for (int row = 0; row < column->rowCount(); ++row)
                sum += column->index(row).data(role).toDouble();
        }
        return sum;
    };
    QTRY_COMPARE(badges(Gui::TaskColumnModel::PendingApprovalsRole), 3.0);
    QTRY_COMPARE(badges(Gui::TaskColumnModel::TotalCostRole), 0.38 + 0.17 + 1.24 + 0.86 + 0.21);
    QTRY_COMPARE(badges(Gui::TaskColumnModel::HasRunningAttemptRole), 1.0);
    QCOMPARE(badges(Gui::TaskColumnModel::LastAttemptFailedRole), 1.0);
    QCOMPARE(badges(Gui::TaskColumnModel::HasMergedAttemptRole), 2.0);
    QTRY_COMPARE(window.findChild<QComboBox *>(u"agentFilter"_s)->count(), 3);
    boardView(window)->selectTask(selected);
    QTRY_VERIFY(boardView(window)->currentTask().has_value());
    QCoreApplication::processEvents(); // let the list views finish their delayed layout

    const QString artifacts = qEnvironmentVariable("FORGEDESK_TEST_ARTIFACTS", QDir::tempPath());
    QVERIFY(QDir().mkpath(artifacts));
    QVERIFY(window.grab().save(artifacts + u"/mainwindow.png"_s));
    // FORGEDESK_SCREENSHOTS=<dir> also writes the README's picture there (docs/screenshots).
    if (const QString docs = qEnvironmentVariable("FORGEDESK_SCREENSHOTS"); !docs.isEmpty()) {
        QVERIFY(QDir().mkpath(docs));
        QVERIFY(window.grab().save(QDir(docs).filePath(u"board.png"_s)));
    }

    // The edit dialog over the board, as a user sees it.
    action(window, u"actionEditTask"_s)->trigger();
    Gui::TaskDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<Gui::TaskDialog>(&window)));
    QVERIFY(saveArtifact(dialog, u"taskdialog.png"_s));
    dialog->reject();

    // The same board on a dark palette, to check nothing assumes a light background.
    const QPalette light = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x24, 0x25, 0x29));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x2c, 0x2d, 0x32));
    dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x34, 0x3a));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x30, 0x31, 0x36));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8c, 0x93));
    dark.setColor(QPalette::Shadow, Qt::black);
    QApplication::setPalette(dark);
    QCoreApplication::processEvents();
    const bool savedDark = window.grab().save(artifacts + u"/mainwindow-dark.png"_s);
    QApplication::setPalette(light);
    QVERIFY(savedDark);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
