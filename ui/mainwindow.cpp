// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/mainwindow.h"

#include "core/attemptservice.h"
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/projectservice.h"
#include "core/taskservice.h"
#include "ui/approvalinbox.h"
#include "ui/boardmodel.h"
#include "ui/boardview.h"
#include "ui/presentation.h"
#include "ui/projectdialog.h"
#include "ui/settingsdialog.h"
#include "ui/shortcutsdialog.h"
#include "ui/taskdialog.h"
#include "ui/taskpanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr int errorTimeoutMs = 10000;
constexpr auto geometryKey = "ui/geometry"_L1;

QIcon themedIcon(const QString &name, QStyle::StandardPixmap fallback, const QStyle *style)
{
    return QIcon::fromTheme(name, style->standardIcon(fallback));
}

QColor mutedText(const QPalette &palette)
{
    return Presentation::mix(palette.color(QPalette::WindowText),
                             palette.color(QPalette::Window),
                             0.4);
}

/// A small drawing of a board for the empty state, in the palette's colours (the stock folder
/// icons of most styles are too small at this size).
QPixmap boardGlyph(const QPalette &palette, int size, qreal devicePixelRatio)
{
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor window = palette.color(QPalette::Window);
    const QColor text = palette.color(QPalette::WindowText);
    const qreal unit = size / 16.0;
    const QColor lane = Presentation::mix(window, text, 0.09);
    const std::array<int, 3> cards{3, 2, 1};
    for (int column = 0; column < 3; ++column) {
        const QRectF laneRect(unit * (0.5 + column * 5.2), unit * 1.5, unit * 4.6, unit * 13);
        painter.setPen(Qt::NoPen);
        painter.setBrush(lane);
        painter.drawRoundedRect(laneRect, unit * 0.8, unit * 0.8);
        const QColor accent = Presentation::statusColor(
            Core::allTaskStatuses.at(std::size_t(column)));
        for (int card = 0; card < cards.at(std::size_t(column)); ++card) {
            const QRectF cardRect(laneRect.left() + unit * 0.6,
                                  laneRect.top() + unit * (0.7 + card * 3.1),
                                  laneRect.width() - unit * 1.2,
                                  unit * 2.5);
            painter.setBrush(
                Presentation::mix(palette.color(QPalette::Base), accent, card == 0 ? 0.55 : 0.18));
            painter.drawRoundedRect(cardRect, unit * 0.5, unit * 0.5);
        }
    }
    return pixmap;
}

void sortByName(QList<Core::Project> &projects)
{
    std::stable_sort(projects.begin(),
                     projects.end(),
                     [](const Core::Project &a, const Core::Project &b) {
                         return QString::compare(a.name, b.name, Qt::CaseInsensitive) < 0;
                     });
}

} // namespace

MainWindow::MainWindow(Core::Engine &engine, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(engine)
    , m_board(new BoardModel(engine, this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Forgedesk"));
    setUnifiedTitleAndToolBarOnMac(true);

    m_boardView = new BoardView(*m_board, this);
    m_taskPanel = new TaskPanel(engine, this);
    m_taskPanel->hide();
    m_emptyPage = createEmptyState();
    m_boardPage = createBoardPage();
    m_inbox = new ApprovalInbox(engine, this);
    m_inbox->setObjectName(u"inbox"_s);
    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(u"pages"_s);
    // Blank until the projects are known, so the empty state does not flash at every start.
    m_pages->addWidget(new QWidget(m_pages));
    m_pages->addWidget(m_emptyPage);
    m_pages->addWidget(m_boardPage);
    m_pages->addWidget(m_inbox);
    setCentralWidget(m_pages);

    createActions();
    createMenus();
    createToolBar();

    m_apiLabel = new QLabel(this);
    m_apiLabel->setObjectName(u"apiUrl"_s);
    m_apiLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_apiLabel->hide();
    statusBar()->addPermanentWidget(m_apiLabel);

    connect(m_board, &BoardModel::projectRemoved, this, &MainWindow::onCurrentProjectRemoved);
    connect(m_board, &BoardModel::loadFailed, this, [this](const QString &message) {
        showError(tr("Could not load the tasks: %1").arg(message));
    });
    connect(m_board, &BoardModel::moveFailed, this, [this](const QString &message) {
        showError(tr("Could not move the task: %1").arg(message));
    });
    connect(m_boardView, &BoardView::currentTaskChanged, this, &MainWindow::updateActions);
    connect(m_boardView, &BoardView::openRequested, this, &MainWindow::openTask);
    connect(m_taskPanel, &TaskPanel::closeRequested, this, &MainWindow::closeTask);
    connect(m_inbox, &ApprovalInbox::pendingCountChanged, this, &MainWindow::updateInboxAction);
    connect(m_inbox, &ApprovalInbox::approvalArrived, this, [this](const Core::Approval &approval) {
        notify(tr("Approval needed"), approval.title);
    });
    // After the board model's own connection, so it has dropped a deleted project first.
    connect(&engine.events(), &Core::EventBus::published, this, &MainWindow::onEvent);

    const QByteArray geometry = QSettings().value(geometryKey).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 800);

    applyPalette();
    // The installed SVG needs an image plugin that may be missing; draw the same board.
    if (QApplication::windowIcon().isNull())
        setWindowIcon(QIcon(boardGlyph(palette(), 64, 1.0)));
    createTray();
    updateInboxAction(m_inbox->pendingCount());
    updateProjectHeader();
    updateActions();
    loadProjects();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_openRepositoryAction
        = new QAction(themedIcon(u"document-open"_s, QStyle::SP_DirOpenIcon, style()),
                      tr("&Open Repository…"),
                      this);
    m_openRepositoryAction->setObjectName(u"actionOpenRepository"_s);
    m_openRepositoryAction->setShortcut(QKeySequence::Open);
    m_openRepositoryAction->setToolTip(tr("Open a git repository as a project"));
    connect(m_openRepositoryAction, &QAction::triggered, this, &MainWindow::chooseRepository);

    m_newTaskAction = new QAction(themedIcon(u"list-add"_s, QStyle::SP_FileIcon, style()),
                                  tr("&New Task…"),
                                  this);
    m_newTaskAction->setObjectName(u"actionNewTask"_s);
    // "c" as on the web boards; text fields take the letter before the shortcut sees it.
    m_newTaskAction->setShortcuts(QKeySequence::keyBindings(QKeySequence::New)
                                  << QKeySequence(Qt::Key_C));
    m_newTaskAction->setIconText(tr("New Task"));
    connect(m_newTaskAction, &QAction::triggered, this, &MainWindow::newTask);

    m_editTaskAction
        = new QAction(themedIcon(u"document-edit"_s, QStyle::SP_FileDialogDetailedView, style()),
                      tr("&Edit Task…"),
                      this);
    m_editTaskAction->setObjectName(u"actionEditTask"_s);
    m_editTaskAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_editTaskAction->setIconText(tr("Edit"));
    connect(m_editTaskAction, &QAction::triggered, this, &MainWindow::editCurrentTask);

    m_deleteTaskAction = new QAction(themedIcon(u"edit-delete"_s, QStyle::SP_TrashIcon, style()),
                                     tr("&Delete Task…"),
                                     this);
    m_deleteTaskAction->setObjectName(u"actionDeleteTask"_s);
    m_deleteTaskAction->setShortcut(QKeySequence::Delete);
    m_deleteTaskAction->setIconText(tr("Delete"));
    connect(m_deleteTaskAction, &QAction::triggered, this, &MainWindow::deleteCurrentTask);

    m_quitAction
        = new QAction(themedIcon(u"application-exit"_s, QStyle::SP_DialogCloseButton, style()),
                      tr("&Quit"),
                      this);
    m_quitAction->setObjectName(u"actionQuit"_s);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_boardAction = new QAction(tr("&Board"), this);
    m_boardAction->setObjectName(u"actionBoard"_s);
    m_boardAction->setCheckable(true);
    m_boardAction->setChecked(true);
    m_boardAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(m_boardAction, &QAction::triggered, this, &MainWindow::showBoard);
    m_inboxAction = new QAction(tr("&Inbox"), this);
    m_inboxAction->setObjectName(u"actionInbox"_s);
    m_inboxAction->setCheckable(true);
    m_inboxAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    m_inboxAction->setToolTip(tr("Approvals waiting for you"));
    connect(m_inboxAction, &QAction::triggered, this, &MainWindow::showInbox);
    auto *views = new QActionGroup(this);
    views->addAction(m_boardAction);
    views->addAction(m_inboxAction);

    m_findAction
        = new QAction(themedIcon(u"edit-find"_s, QStyle::SP_FileDialogContentsView, style()),
                      tr("&Find Tasks"),
                      this);
    m_findAction->setObjectName(u"actionFindTasks"_s);
    m_findAction->setShortcuts({QKeySequence(Qt::Key_Slash), QKeySequence::Find});
    connect(m_findAction, &QAction::triggered, this, [this] {
        if (currentProjectId().isNull())
            return;
        showBoard();
        m_boardView->focusSearch();
    });

    m_switchProjectAction = new QAction(tr("&Switch Project…"), this);
    m_switchProjectAction->setObjectName(u"actionSwitchProject"_s);
    m_switchProjectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_switchProjectAction, &QAction::triggered, this, [this] {
        if (!m_projectSwitcher->isEnabled())
            return;
        m_projectSwitcher->setFocus(Qt::ShortcutFocusReason);
        m_projectSwitcher->showPopup();
    });

    m_shortcutsAction = new QAction(tr("&Keyboard Shortcuts"), this);
    m_shortcutsAction->setObjectName(u"actionKeyboardShortcuts"_s);
    // Shift+/ on most layouts; the platforms differ in whether Shift is still reported.
    m_shortcutsAction->setShortcuts(
        {QKeySequence(Qt::Key_Question), QKeySequence(Qt::SHIFT | Qt::Key_Question)});
    connect(m_shortcutsAction, &QAction::triggered, this, [this] {
        if (auto *open = findChild<ShortcutsDialog *>(); open && open->isVisible()) {
            open->raise();
            return;
        }
        auto *dialog = new ShortcutsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openRepositoryAction);
    file->addAction(m_switchProjectAction);
    file->addSeparator();
    auto *settingsAction = new QAction(themedIcon(u"preferences-system"_s,
                                                  QStyle::SP_FileDialogDetailedView,
                                                  style()),
                                       tr("&Settings…"),
                                       this);
    settingsAction->setObjectName(u"actionSettings"_s);
    // Desktops without a standard key for it (GNOME, Windows) get the common Ctrl+,.
    const QKeySequence preferences(QKeySequence::Preferences);
    settingsAction->setShortcut(preferences.isEmpty() ? QKeySequence(Qt::CTRL | Qt::Key_Comma)
                                                      : preferences);
    settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(settingsAction, &QAction::triggered, this, [this] {
        if (auto *open = findChild<SettingsDialog *>()) {
            open->raise();
            open->activateWindow();
            return;
        }
        auto *dialog = new SettingsDialog(m_engine, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    file->addAction(settingsAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_boardAction);
    view->addAction(m_inboxAction);
    view->addSeparator();
    view->addAction(m_findAction);

    QMenu *task = menuBar()->addMenu(tr("&Task"));
    task->addAction(m_newTaskAction);
    task->addAction(m_editTaskAction);
    task->addSeparator();
    task->addAction(m_deleteTaskAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcutsAction);
}

void MainWindow::createToolBar()
{
    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setMovable(false);
    toolBar->setFloatable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(16, 16));

    m_projectSwitcher = new QComboBox(toolBar);
    m_projectSwitcher->setObjectName(u"projectSwitcher"_s);
    m_projectSwitcher->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_projectSwitcher->setMinimumContentsLength(18);
    m_projectSwitcher->setToolTip(tr("Switch project"));
    m_projectSwitcher->setAccessibleName(tr("Project"));
    connect(m_projectSwitcher, &QComboBox::activated, this, [this](int index) {
        const QString id = m_projectSwitcher->itemData(index).toString();
        if (!id.isEmpty())
            showProject(Core::ProjectId(id));
    });

    auto *projectLabel = new QLabel(tr("Project:"), toolBar);
    projectLabel->setBuddy(m_projectSwitcher);
    projectLabel->setContentsMargins(6, 0, 6, 0);
    toolBar->addWidget(projectLabel);
    toolBar->addWidget(m_projectSwitcher);
    toolBar->addAction(m_openRepositoryAction);
    toolBar->addSeparator();
    toolBar->addAction(m_newTaskAction);
    toolBar->addAction(m_editTaskAction);
    toolBar->addAction(m_deleteTaskAction);
    auto *spacer = new QWidget(toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    toolBar->addAction(m_boardAction);
    toolBar->addAction(m_inboxAction);
}

QWidget *MainWindow::createEmptyState()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"emptyState"_s);

    auto *icon = new QLabel(page);
    icon->setObjectName(u"emptyStateIcon"_s);
    icon->setAlignment(Qt::AlignCenter);

    auto *heading = new QLabel(tr("Open a git repository to start"), page);
    heading->setObjectName(u"emptyStateHeading"_s);
    heading->setAlignment(Qt::AlignCenter);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.45);
    headingFont.setWeight(QFont::DemiBold);
    heading->setFont(headingFont);

    auto *body
        = new QLabel(tr("Each project is a git repository with its own board of tasks. Choose the "
                        "top-level folder of a repository to create one."),
                     page);
    body->setAlignment(Qt::AlignCenter);
    body->setWordWrap(true);
    // Centred wrapped labels get their unwrapped height from the box layout; give the real one.
    body->setFixedWidth(420);
    body->setMinimumHeight(body->heightForWidth(420));
    body->setObjectName(u"emptyStateBody"_s);

    auto *button = new QPushButton(tr("Open Repository…"), page);
    button->setObjectName(u"emptyStateOpenButton"_s);
    button->setDefault(true);
    button->setMinimumHeight(32);
    connect(button, &QPushButton::clicked, this, &MainWindow::chooseRepository);

    auto *layout = new QVBoxLayout(page);
    layout->addStretch(3);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addSpacing(12);
    layout->addWidget(heading, 0, Qt::AlignHCenter);
    layout->addSpacing(4);
    layout->addWidget(body, 0, Qt::AlignHCenter);
    layout->addSpacing(18);
    layout->addWidget(button, 0, Qt::AlignHCenter);
    layout->addStretch(4);
    return page;
}

QWidget *MainWindow::createBoardPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"boardPage"_s);

    m_projectTitle = new QLabel(page);
    m_projectTitle->setObjectName(u"projectTitle"_s);
    QFont titleFont = m_projectTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setWeight(QFont::DemiBold);
    m_projectTitle->setFont(titleFont);

    m_projectDetails = new QLabel(page);
    m_projectDetails->setObjectName(u"projectDetails"_s);
    m_projectDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *header = new QVBoxLayout;
    header->setContentsMargins(20, 14, 20, 10);
    header->setSpacing(2);
    header->addWidget(m_projectTitle);
    header->addWidget(m_projectDetails);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    m_boardSplitter = new QSplitter(page);
    m_boardSplitter->setObjectName(u"boardSplitter"_s);
    m_boardSplitter->addWidget(m_boardView);
    m_boardSplitter->addWidget(m_taskPanel);
    m_boardSplitter->setStretchFactor(0, 3);
    m_boardSplitter->setStretchFactor(1, 2);
    m_boardSplitter->setChildrenCollapsible(false);
    layout->addWidget(m_boardSplitter, 1);
    return page;
}

void MainWindow::setApiUrl(const QString &url)
{
    m_apiLabel->setText(tr("API: %1").arg(url));
    m_apiLabel->setToolTip(
        tr("Scripts and agents can change this board through the HTTP API at %1").arg(url));
    m_apiLabel->setVisible(!url.isEmpty());
}

Core::ProjectId MainWindow::currentProjectId() const
{
    return m_board->projectId();
}

void MainWindow::showProject(const Core::ProjectId &id)
{
    m_projectChosen = true;
    if (id != m_board->projectId()) {
        m_boardView->clearSelection();
        m_board->setProject(id);
    }
    if (!id.isNull())
        QSettings().setValue(lastProjectKey, id.toString());
    if (m_pages->currentWidget() != m_inbox)
        m_pages->setCurrentWidget(id.isNull() ? m_emptyPage : m_boardPage);
    if (m_taskPanel->taskId() && !m_board->task(*m_taskPanel->taskId()))
        closeTask();
    const int index = id.isNull() ? -1 : m_projectSwitcher->findData(id.toString());
    m_projectSwitcher->setCurrentIndex(index);
    updateProjectHeader();
    updateActions();
}

void MainWindow::chooseRepository()
{
    const Core::Project *current = project(currentProjectId());
    const QString start = current ? QFileInfo(current->repoPath).absolutePath() : QDir::homePath();
    // Asynchronous (open(), not exec()): the window keeps taking events while it is up.
    auto *dialog = new QFileDialog(this, tr("Open Repository"), start);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(u"openRepositoryDialog"_s);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (!path.isEmpty())
            openRepository(path);
    });
    dialog->open();
}

void MainWindow::openRepository(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_engine.projects()
        .findByRepoPath(absolute)
        .then(this, [this, absolute](const Core::Result<std::optional<Core::Project>> &found) {
            if (!found) {
                auto *box = new QMessageBox(QMessageBox::Warning,
                                            tr("Cannot Open Repository"),
                                            found.error().message,
                                            QMessageBox::Ok,
                                            this);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
                return;
            }
            if (*found) {
                showProject((*found)->id);
                return;
            }
            const QString canonical = QFileInfo(absolute).canonicalFilePath();
            auto *dialog = new ProjectDialog(m_engine.projects(),
                                             canonical.isEmpty() ? absolute : canonical,
                                             this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &ProjectDialog::projectReady, this, &MainWindow::showProject);
            dialog->open();
        });
}

void MainWindow::newTask()
{
    if (currentProjectId().isNull())
        return;
    auto *dialog = new TaskDialog(m_engine.tasks(), currentProjectId(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TaskDialog::saved, this, [this](const Core::Task &task) {
        m_boardView->selectTask(task.id);
    });
    dialog->open();
}

void MainWindow::editCurrentTask()
{
    const std::optional<Core::Task> task = m_boardView->currentTask();
    if (!task)
        return;
    auto *dialog = new TaskDialog(m_engine.tasks(), *task, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openTask(const Core::Task &task)
{
    m_taskPanel->showTask(task);
    if (m_taskPanel->isHidden()) {
        m_taskPanel->show();
        const int width = m_boardSplitter->width();
        m_boardSplitter->setSizes({width * 11 / 20, width * 9 / 20});
    }
    m_taskPanel->setFocus();
}

void MainWindow::closeTask()
{
    m_taskPanel->hide();
    m_boardView->setFocus();
}

void MainWindow::showBoard()
{
    m_boardAction->setChecked(true);
    m_pages->setCurrentWidget(currentProjectId().isNull() ? m_emptyPage : m_boardPage);
}

void MainWindow::showInbox()
{
    m_inboxAction->setChecked(true);
    m_pages->setCurrentWidget(m_inbox);
}

void MainWindow::updateInboxAction(int pending)
{
    m_inboxAction->setText(pending > 0 ? tr("&Inbox (%1)").arg(pending) : tr("&Inbox"));
    m_inboxAction->setIconText(pending > 0 ? tr("Inbox (%1)").arg(pending) : tr("Inbox"));
}

void MainWindow::createTray()
{
    m_trayMenu = new QMenu(this);
    m_trayMenu->setObjectName(u"trayMenu"_s);
    m_trayMenu->addAction(tr("Show Forgedesk"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    m_trayMenu->addAction(m_inboxAction);
    m_runningSeparator = m_trayMenu->addSection(tr("Running"));
    m_runningSeparator->setVisible(false);
    m_trayMenu->addSeparator();
    m_trayMenu->addAction(m_quitAction);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(windowIcon(), this);
    m_tray->setToolTip(tr("Forgedesk"));
    m_tray->setContextMenu(m_trayMenu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger) {
            showNormal();
            raise();
            activateWindow();
        }
    });
    m_tray->show();
}

void MainWindow::updateTrayRunning()
{
    qDeleteAll(m_runningActions);
    m_runningActions.clear();
    m_runningSeparator->setVisible(!m_runningAttempts.isEmpty());
    QAction *before = m_trayMenu->actions().value(m_trayMenu->actions().indexOf(m_runningSeparator)
                                                  + 1);
    for (auto it = m_runningAttempts.cbegin(); it != m_runningAttempts.cend(); ++it) {
        auto *action = new QAction(it->label, m_trayMenu);
        const Core::TaskId task = it->task;
        connect(action, &QAction::triggered, this, [this, task] {
            showNormal();
            raise();
            activateWindow();
            showBoard();
            if (const std::optional<Core::Task> found = m_board->task(task))
                openTask(*found);
        });
        m_trayMenu->insertAction(before, action);
        m_runningActions.append(action);
    }
    if (m_tray) {
        const qsizetype running = m_runningAttempts.size();
        m_tray->setToolTip(running == 0   ? tr("Forgedesk")
                           : running == 1 ? tr("Forgedesk: 1 attempt running")
                                          : tr("Forgedesk: %1 attempts running").arg(running));
    }
}

void MainWindow::notify(const QString &title, const QString &message)
{
    m_lastNotification = title + u": "_s + message;
    if (m_tray)
        m_tray->showMessage(title, message, windowIcon(), errorTimeoutMs);
    else
        statusBar()->showMessage(m_lastNotification, errorTimeoutMs);
}

void MainWindow::onAttemptEvent(const Core::AttemptEvent &event)
{
    const QString id = event.attempt.id.toString();
    const bool running = event.kind != Core::ChangeKind::Deleted
                         && event.attempt.status == Core::AttemptStatus::Running;
    if (running) {
        const std::optional<Core::Task> task = m_board->task(event.attempt.taskId);
        const QString title = task ? task->title : m_runningAttempts.value(id).label;
        m_runningAttempts.insert(id,
                                 {event.attempt.taskId,
                                  title.isEmpty() ? event.attempt.llm
                                                  : u"%1 · %2"_s.arg(title, event.attempt.llm)});
    } else {
        m_runningAttempts.remove(id);
    }
    updateTrayRunning();
    if (!event.statusChanged() || !Core::isFinished(event.attempt.status)
        || event.previousStatus != Core::AttemptStatus::Running)
        return;
    const std::optional<Core::Task> task = m_board->task(event.attempt.taskId);
    const QString what = task ? task->title : event.attempt.llm;
    switch (event.attempt.status) {
    case Core::AttemptStatus::Completed: notify(tr("Attempt finished"), what); break;
    case Core::AttemptStatus::Failed: notify(tr("Attempt failed"), what); break;
    case Core::AttemptStatus::Cancelled: notify(tr("Attempt stopped"), what); break;
    default: break;
    }
}

void MainWindow::deleteCurrentTask()
{
    const std::optional<Core::Task> task = m_boardView->currentTask();
    if (!task)
        return;
    auto *box = new QMessageBox(QMessageBox::Question,
                                tr("Delete Task"),
                                tr("Delete the task “%1”?").arg(task->title),
                                QMessageBox::Yes | QMessageBox::Cancel,
                                this);
    box->setObjectName(u"confirmDelete"_s);
    box->setInformativeText(tr("This cannot be undone."));
    box->button(QMessageBox::Yes)->setText(tr("Delete"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box,
            &QMessageBox::buttonClicked,
            this,
            [this, box, id = task->id](QAbstractButton *button) {
                if (button == box->button(QMessageBox::Yes))
                    removeTask(id);
            });
    box->open();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void MainWindow::applyPalette()
{
    if (auto *icon = findChild<QLabel *>(u"emptyStateIcon"_s))
        icon->setPixmap(boardGlyph(palette(), 72, devicePixelRatioF()));
    // Secondary text is a blend of the current palette, so it follows light/dark switches.
    for (QLabel *label : {m_projectDetails, findChild<QLabel *>(u"emptyStateBody"_s)}) {
        if (!label)
            continue;
        QPalette muted = label->palette();
        muted.setColor(QPalette::WindowText, mutedText(palette()));
        label->setPalette(muted);
    }
}

void MainWindow::removeTask(const Core::TaskId &id)
{
    m_engine.tasks().remove(id).then(this, [this](const Core::Result<Core::Task> &removed) {
        if (!removed)
            showError(tr("Could not delete the task: %1").arg(removed.error().message));
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(geometryKey, saveGeometry());
    QMainWindow::closeEvent(event);
}

void MainWindow::loadProjects()
{
    m_engine.projects().all().then(this, [this](const Core::Result<QList<Core::Project>> &result) {
        if (!result) {
            showError(tr("Could not load the projects: %1").arg(result.error().message));
            return;
        }
        onProjectsLoaded(*result);
    });
}

void MainWindow::onProjectsLoaded(const QList<Core::Project> &projects)
{
    m_projects = projects;
    m_projectsLoaded = true;
    for (const Core::ProjectEvent &event : std::exchange(m_pendingProjectEvents, {}))
        applyProjectEvent(event);
    sortByName(m_projects);
    rebuildProjectSwitcher();

    Core::ProjectId wanted = currentProjectId();
    if (!m_projectChosen)
        wanted = Core::ProjectId(QSettings().value(lastProjectKey).toString());
    if (!project(wanted))
        wanted = m_projects.isEmpty() ? Core::ProjectId() : m_projects.constFirst().id;
    showProject(wanted);
}

void MainWindow::onEvent(const Core::Event &event)
{
    if (const auto *attemptEvent = std::get_if<Core::AttemptEvent>(&event)) {
        onAttemptEvent(*attemptEvent);
        return;
    }
    const auto *projectEvent = std::get_if<Core::ProjectEvent>(&event);
    if (!projectEvent)
        return; // tasks are the board model's business
    if (!m_projectsLoaded) {
        m_pendingProjectEvents.append(*projectEvent);
        return;
    }
    applyProjectEvent(*projectEvent);
    sortByName(m_projects);
    rebuildProjectSwitcher();
    updateProjectHeader();
    // A project made elsewhere (the API, say) fills an empty window.
    if (projectEvent->kind == Core::ChangeKind::Created && currentProjectId().isNull())
        showProject(projectEvent->project.id);
}

void MainWindow::applyProjectEvent(const Core::ProjectEvent &event)
{
    const auto existing = std::find_if(m_projects.begin(),
                                       m_projects.end(),
                                       [&event](const Core::Project &p) {
                                           return p.id == event.project.id;
                                       });
    if (event.kind == Core::ChangeKind::Deleted) {
        if (existing != m_projects.end())
            m_projects.erase(existing);
    } else if (existing != m_projects.end()) {
        *existing = event.project;
    } else {
        m_projects.append(event.project);
    }
}

void MainWindow::onCurrentProjectRemoved(const Core::ProjectId &id)
{
    const Core::Project *removed = project(id);
    showError(removed ? tr("The project “%1” was deleted.").arg(removed->name)
                      : tr("The project was deleted."));
    m_projects.removeIf([&id](const Core::Project &p) { return p.id == id; });
    rebuildProjectSwitcher();
    showProject(m_projects.isEmpty() ? Core::ProjectId() : m_projects.constFirst().id);
}

void MainWindow::rebuildProjectSwitcher()
{
    const QSignalBlocker blocker(m_projectSwitcher);
    m_projectSwitcher->clear();
    for (const Core::Project &p : std::as_const(m_projects)) {
        m_projectSwitcher->addItem(p.name, p.id.toString());
        m_projectSwitcher->setItemData(m_projectSwitcher->count() - 1,
                                       QDir::toNativeSeparators(p.repoPath),
                                       Qt::ToolTipRole);
    }
    m_projectSwitcher->setCurrentIndex(m_projectSwitcher->findData(currentProjectId().toString()));
    m_projectSwitcher->setEnabled(!m_projects.isEmpty());
}

void MainWindow::updateProjectHeader()
{
    const Core::Project *current = project(currentProjectId());
    m_projectTitle->setText(current ? current->name : QString());
    m_projectDetails->setText(
        current ? tr("%1  ·  base branch %2")
                      .arg(QDir::toNativeSeparators(current->repoPath), current->baseBranch)
                : QString());
}

void MainWindow::updateActions()
{
    const bool hasProject = !currentProjectId().isNull();
    const bool hasTask = hasProject && m_boardView->currentTask().has_value();
    m_newTaskAction->setEnabled(hasProject);
    m_editTaskAction->setEnabled(hasTask);
    m_deleteTaskAction->setEnabled(hasTask);
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, errorTimeoutMs);
}

const Core::Project *MainWindow::project(const Core::ProjectId &id) const
{
    if (id.isNull())
        return nullptr;
    for (const Core::Project &p : m_projects) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

} // namespace Gui
