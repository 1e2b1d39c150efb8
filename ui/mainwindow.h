// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/events.h"
#include "core/project.h"

#include <QList>
#include <QMainWindow>
#include <QMap>
#include <QSet>

class QAction;
class QComboBox;
class QMenu;
class QLabel;
class QSplitter;
class QStackedWidget;
class QSystemTrayIcon;

namespace Core {
class Engine;
}

namespace Gui {

class ApprovalInbox;
class BoardModel;
class BoardView;
class TaskPanel;

/// The desktop window: a project switcher over the kanban board of the current project.
/// Everything it shows comes from an initial load plus the engine's events, so changes made
/// through the HTTP API appear at once. engine must outlive the window.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Core::Engine &engine, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Shown in the status bar, e.g. "http://127.0.0.1:8887"; empty hides it.
    void setApiUrl(const QString &url);
    /// Switches the board to the project and remembers it for the next start; a null id shows
    /// the empty state.
    void showProject(const Core::ProjectId &id);
    [[nodiscard]] Core::ProjectId currentProjectId() const;
    /// The projects in the switcher, by name.
    [[nodiscard]] const QList<Core::Project> &projects() const { return m_projects; }

    /// "Open Repository…" after the folder is chosen: switches to its project, or offers to
    /// create one.
    void openRepository(const QString &path);
    void newTask();
    void editCurrentTask();
    void deleteCurrentTask();
    /// Opens the task beside the board: its attempts, log, changes and follow-ups.
    void openTask(const Core::Task &task);
    void closeTask();
    void showBoard();
    void showInbox();
    [[nodiscard]] TaskPanel *taskPanel() const { return m_taskPanel; }
    [[nodiscard]] ApprovalInbox *inbox() const { return m_inbox; }
    /// The last notification shown (or that would have been, without a system tray).
    [[nodiscard]] QString lastNotification() const { return m_lastNotification; }
    /// The tray's menu (also without a system tray, so it can be looked at).
    [[nodiscard]] QMenu *trayMenu() const { return m_trayMenu; }

    static constexpr QLatin1StringView lastProjectKey{"ui/lastProjectId"};

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    [[nodiscard]] QWidget *createEmptyState();
    [[nodiscard]] QWidget *createBoardPage();

    void chooseRepository();
    /// After the confirmation; the card goes when the deletion is announced.
    void removeTask(const Core::TaskId &id);
    void loadProjects();
    void onProjectsLoaded(const QList<Core::Project> &projects);
    void onEvent(const Core::Event &event);
    void applyProjectEvent(const Core::ProjectEvent &event);
    void onCurrentProjectRemoved(const Core::ProjectId &id);
    void rebuildProjectSwitcher();
    void updateProjectHeader();
    void updateActions();
    void showError(const QString &message);
    void applyPalette();
    void createTray();
    void notify(const QString &title, const QString &message);
    void onAttemptEvent(const Core::AttemptEvent &event);
    void updateInboxAction(int pending);
    /// The running attempts in the tray's menu and tooltip.
    void updateTrayRunning();
    [[nodiscard]] const Core::Project *project(const Core::ProjectId &id) const;

    Core::Engine &m_engine;
    BoardModel *m_board = nullptr;
    BoardView *m_boardView = nullptr;

    QList<Core::Project> m_projects;
    bool m_projectsLoaded = false;
    /// Project changes announced while the first list was in flight.
    QList<Core::ProjectEvent> m_pendingProjectEvents;
    /// Set once a project was chosen (by the caller, the user or the saved setting).
    bool m_projectChosen = false;

    QStackedWidget *m_pages = nullptr;
    QWidget *m_emptyPage = nullptr;
    QWidget *m_boardPage = nullptr;
    QLabel *m_projectTitle = nullptr;
    QLabel *m_projectDetails = nullptr;
    QComboBox *m_projectSwitcher = nullptr;
    QLabel *m_apiLabel = nullptr;
    QSplitter *m_boardSplitter = nullptr;
    TaskPanel *m_taskPanel = nullptr;
    ApprovalInbox *m_inbox = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    struct RunningAttempt
    {
        Core::TaskId task;
        QString label; ///< "Task title · agent"
    };
    QMap<QString, RunningAttempt> m_runningAttempts; ///< By attempt id.
    QMenu *m_trayMenu = nullptr;
    QAction *m_runningSeparator = nullptr;
    QList<QAction *> m_runningActions;
    QString m_lastNotification;

    QAction *m_openRepositoryAction = nullptr;
    QAction *m_newTaskAction = nullptr;
    QAction *m_editTaskAction = nullptr;
    QAction *m_deleteTaskAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_boardAction = nullptr;
    QAction *m_inboxAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_switchProjectAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
};

} // namespace Gui
