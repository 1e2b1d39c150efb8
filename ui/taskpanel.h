// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/draft.h"
#include "core/events.h"
#include "core/task.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace Core {
class Engine;
}

namespace Gui {

class DiffView;
class LogModel;
class LogView;

/// One task opened beside the board: its attempts (agent, status, duration, cost), a way to
/// start another with an agent and variant, and for the chosen attempt its log, its changes and
/// the follow-up box with the queue and the drafts. Everything comes from the engine and its
/// events; what the API changes shows here at once. engine must outlive the panel.
class TaskPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskPanel)

public:
    explicit TaskPanel(Core::Engine &engine, QWidget *parent = nullptr);
    ~TaskPanel() override;

    void showTask(const Core::Task &task);
    [[nodiscard]] std::optional<Core::TaskId> taskId() const;
    [[nodiscard]] std::optional<Core::AttemptId> currentAttemptId() const;
    void selectAttempt(const Core::AttemptId &id);
    /// The attempts listed, newest first.
    [[nodiscard]] QList<Core::Attempt> attempts() const;

    /// Adds a page beside the follow-up box, e.g. the log or the diff of the current attempt;
    /// the panel tells it the attempt through attemptChanged.
    void addAttemptPage(QWidget *page, const QString &title);

    // What the buttons do, for the keyboard and for tests.
    void startAttempt(const QString &profile, const std::optional<QString> &variant);
    void sendFollowUp();
    void addToQueue();
    void saveDraft();
    void cancelAttempt();
    /// Asks for the new prompt, then replaces the agent's run with it.
    void replaceProcess();
    [[nodiscard]] QPlainTextEdit *promptEditor() const { return m_prompt; }
    [[nodiscard]] QStringList queuePrompts() const;
    [[nodiscard]] QStringList draftLines() const;
    [[nodiscard]] QString errorText() const;
    /// What long work the current attempt is in ("Creating the worktree…"), empty when none.
    [[nodiscard]] QString progressText() const;

Q_SIGNALS:
    void closeRequested();
    void attemptChanged(const std::optional<Core::AttemptId> &attempt);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onEvent(const Core::Event &event);
    void loadAttempts();
    void upsertAttempt(const Core::Attempt &attempt);
    void fillRow(QTreeWidgetItem *row, const Core::Attempt &attempt);
    void onCurrentAttemptChanged();
    void loadQueue();
    void loadDrafts();
    void queueReordered();
    void editDraft();
    void sendDraft();
    void deleteDraft();
    void updateButtons();
    /// Shows the progress of the current attempt's long work: waiting for a slot, or the
    /// worktree and setup before its agent starts.
    void updateProgress();
    void showError(const QString &message);
    void clearError();
    [[nodiscard]] const Core::Attempt *current() const;
    [[nodiscard]] std::optional<Core::Draft> selectedDraft() const;

    Core::Engine &m_engine;
    std::optional<Core::Task> m_task;
    QList<Core::Attempt> m_attemptList;
    QList<Core::Draft> m_draftList;
    std::optional<Core::Draft> m_editing; ///< The draft the prompt box edits, if any.
    int m_loadGeneration = 0;             ///< Drops answers for a task shown before.

    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QTreeWidget *m_attempts = nullptr;
    QComboBox *m_profile = nullptr;
    QComboBox *m_variant = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_replace = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_prompt = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_queueButton = nullptr;
    QPushButton *m_draftButton = nullptr;
    QCheckBox *m_scheduled = nullptr;
    QDateTimeEdit *m_sendAt = nullptr;
    QListWidget *m_queue = nullptr;
    QLabel *m_queueStatus = nullptr;
    QPushButton *m_runNext = nullptr;
    QListWidget *m_drafts = nullptr;
    QPushButton *m_editDraft = nullptr;
    QPushButton *m_sendDraft = nullptr;
    QPushButton *m_deleteDraft = nullptr;
    QLabel *m_error = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    /// Status of the current attempt's latest agent process, as last heard.
    std::optional<Core::ProcessStatus> m_agentStatus;
    LogModel *m_logModel = nullptr;
    LogView *m_log = nullptr;
    DiffView *m_diff = nullptr;
};

} // namespace Gui
