// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/approval.h"
#include "core/attempt.h"
#include "core/events.h"
#include "core/future.h"
#include "core/gitbranch.h"
#include "core/task.h"
#include "ui/diffdocument.h"

#include <QHash>
#include <QThreadPool>
#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QComboBox;
class QFrame;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace Core {
class Engine;
}

namespace Gui {

class DiffTextView;

/// Where the decision about an attempt is made: its changes (a file list, then every file's
/// hunks unified or side by side, highlighted by language) and what can be done with them:
/// approve, merge with a strategy, rebase, push, open a pull request or the editor, hand
/// conflicts back to the agent, and comment on lines to send as one follow-up. Everything runs
/// through the core asynchronously; the view reloads when the attempt's events say it changed.
/// engine must outlive the view.
class DiffView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffView)

public:
    /// Data of the file list's items.
    enum FileRole {
        PathRole = Qt::UserRole + 1,
        StatusRole, ///< Core::DiffFileStatus as int.
        AdditionsRole,
        DeletionsRole,
        FileIndexRole, ///< Index in document().
        BinaryRole,
    };

    struct LineComment
    {
        QString path;
        int line = 0;
        bool oldSide = false; ///< On a removed line, numbered as in the old file.
        QString text;
    };

    explicit DiffView(Core::Engine &engine, QWidget *parent = nullptr);
    ~DiffView() override;

    /// Shows the attempt's changes and follows its events; a null id empties the view.
    void setAttempt(const Core::AttemptId &id);
    [[nodiscard]] Core::AttemptId attemptId() const { return m_attemptId; }
    /// Loads the diff, branch status and pending approval again.
    void reload();

    void setDiffLayout(DiffLayout layout);
    [[nodiscard]] DiffLayout diffLayout() const;

    [[nodiscard]] const DiffDocument &document() const;
    [[nodiscard]] bool isLoading() const { return m_loading; }
    /// An action (merge, push, …) is running.
    [[nodiscard]] bool isBusy() const { return !m_busyText.isEmpty(); }

    /// The comments collected for the current attempt, in the order they were made.
    [[nodiscard]] QList<LineComment> comments() const;
    void addComment(const DiffLineRef &line, const QString &text);
    /// Opens the small editor for a comment on line.
    void editComment(const DiffLineRef &line);
    void removeComment(int index);
    /// Sends every comment as one follow-up prompt, then clears them.
    void sendComments();
    /// The prompt sendComments() sends.
    [[nodiscard]] QString commentsPrompt() const;

    [[nodiscard]] static QString mergeStrategyName(Core::MergeStrategy strategy);

Q_SIGNALS:
    /// A diff (first or reloaded) is on screen.
    void diffLoaded();
    void loadFailed(const QString &message);
    void busyChanged(bool busy);
    /// An action ended; message is what the view shows about it.
    void actionFinished(bool ok, const QString &message);
    void merged(const Core::AttemptId &id, const QString &commit);
    /// A follow-up (comments or conflicts) was handed to the agent.
    void followUpStarted(const Core::AttemptId &id);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class MessageKind { Info, Success, Error };

    [[nodiscard]] QWidget *createHeader();
    [[nodiscard]] QWidget *createConflictPanel();
    [[nodiscard]] QWidget *createSidePanel();
    [[nodiscard]] QWidget *createActionBar();
    void createMessageBar();

    void onEvent(const Core::Event &event);
    void onDiffLoaded(quint64 generation, const Core::Result<Core::AttemptDiff> &diff);
    void showAttempt(const Core::Attempt &attempt);
    void showBranchStatus(const std::optional<Core::BranchStatus> &status);
    void refreshApproval();
    void startHighlighting();
    void stopHighlighting();
    void rebuildFileList();
    void rebuildCommentList();
    void updateHeader();
    void updateActions();
    void applyPalette();
    void showMessage(MessageKind kind, const QString &text);
    void clearMessage();
    void setBusy(const QString &text);

    /// Runs an action: a busy indicator meanwhile, then done(value) or the error, prefixed.
    template<typename T, typename Done>
    void runAction(const QString &busyText,
                   Core::Future<Core::Result<T>> future,
                   const QString &failure,
                   Done done);

    void approve();
    void merge();
    void rebase();
    void push();
    void createPullRequest();
    void openInEditor();
    void handConflictsToAgent();
    void abortConflicts();
    void openPullRequestDialog();

    Core::Engine &m_engine;
    Core::AttemptId m_attemptId;
    quint64 m_generation = 0; ///< Changes with the attempt: late answers for another are dropped.
    bool m_loading = false;
    bool m_reloadQueued = false;
    bool m_shownOnce = false; ///< The current attempt's diff was shown (reloads keep the place).
    QTimer m_reloadTimer;
    std::optional<Core::Attempt> m_attempt;
    std::optional<Core::Task> m_task;
    std::optional<Core::BranchStatus> m_branchStatus;
    std::optional<Core::Approval> m_pendingApproval;
    QHash<Core::AttemptId, QList<LineComment>> m_comments;
    QString m_busyText;

    QThreadPool m_highlightPool;
    std::shared_ptr<std::atomic_bool> m_highlightCancel;
    quint64 m_highlightGeneration = 0;

    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_branch = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QLabel *m_busyLabel = nullptr;
    QToolButton *m_unifiedButton = nullptr;
    QToolButton *m_sideBySideButton = nullptr;
    QToolButton *m_refreshButton = nullptr;
    QFrame *m_messageBar = nullptr;
    QLabel *m_messageIcon = nullptr;
    QLabel *m_message = nullptr;
    MessageKind m_messageKind = MessageKind::Info;
    QFrame *m_conflictPanel = nullptr;
    QLabel *m_conflictTitle = nullptr;
    QListWidget *m_conflictFiles = nullptr;
    QPushButton *m_handToAgentButton = nullptr;
    QPushButton *m_abortButton = nullptr;
    QLabel *m_filesTitle = nullptr;
    QListWidget *m_files = nullptr;
    QLabel *m_commentsTitle = nullptr;
    QListWidget *m_commentList = nullptr;
    QPushButton *m_sendCommentsButton = nullptr;
    DiffTextView *m_text = nullptr;
    QPushButton *m_openEditorButton = nullptr;
    QPushButton *m_pushButton = nullptr;
    QPushButton *m_pullRequestButton = nullptr;
    QPushButton *m_rebaseButton = nullptr;
    QComboBox *m_strategy = nullptr;
    QPushButton *m_mergeButton = nullptr;
    QPushButton *m_approveButton = nullptr;
};

} // namespace Gui
