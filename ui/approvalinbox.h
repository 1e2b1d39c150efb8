// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/approval.h"
#include "core/events.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace Core {
class Engine;
}

namespace Gui {

class ApprovalListModel;

/// The approvals waiting for the desktop user: merges, deploys, custom requests and agents' tool
/// calls, newest first, each with its context and a countdown to its expiry, answered with an
/// optional comment. Kept current by the engine's events, so answers given over the API (or
/// expiry) take items away at once. engine must outlive the inbox.
class ApprovalInbox final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApprovalInbox)

public:
    explicit ApprovalInbox(Core::Engine &engine, QWidget *parent = nullptr);
    ~ApprovalInbox() override;

    /// What the inbox lists now, newest first.
    [[nodiscard]] QList<Core::Approval> pending() const;
    [[nodiscard]] int pendingCount() const;
    [[nodiscard]] std::optional<Core::ApprovalId> selectedId() const;
    void select(const Core::ApprovalId &id);
    /// Answers the selected approval with the comment typed so far.
    void respond(Core::ApprovalDecision decision);
    /// The text of the details pane (tests read it as a user would).
    [[nodiscard]] QString detailsText() const;
    [[nodiscard]] QString errorText() const;

Q_SIGNALS:
    void pendingCountChanged(int count);
    /// A new approval for the desktop user, announced once.
    void approvalArrived(const Core::Approval &approval);

private:
    void reload();
    void onEvent(const Core::Event &event);
    void apply(const Core::ApprovalEvent &event);
    void showSelected();
    void tick();
    void setBusy(bool busy);
    void showError(const QString &message);
    void fetchContext(const Core::AttemptId &attempt);

    Core::Engine &m_engine;
    ApprovalListModel *m_model = nullptr;
    QListView *m_list = nullptr;
    QStackedWidget *m_detailPages = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_typeLabel = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLabel *m_contextLabel = nullptr;
    QLabel *m_expiryLabel = nullptr;
    QLabel *m_descriptionLabel = nullptr;
    QPlainTextEdit *m_metadata = nullptr;
    QLineEdit *m_comment = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_reject = nullptr;
    QLabel *m_error = nullptr;
    QTimer *m_ticker = nullptr;
    QSet<QString> m_announced; ///< Approval ids already signalled as arrived.
    bool m_busy = false;
};

} // namespace Gui
