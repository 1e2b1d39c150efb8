// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/approval.h"
#include "core/events.h"
#include "core/future.h"
#include "core/query.h"
#include "core/toolapproval.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace Core {

class Database;
class EventBus;
class SqlConnection;

/// Approval requests (seed 003) and agents' tool calls waiting for a person. Decisions are made
/// on the writer thread, so two approvers answering at once both count and answering twice is
/// refused. Pending approvals expire by a timer at their expiresAt, and on read if the timer has
/// not fired yet. Lives on the main thread.
class ApprovalService final : public QObject, public ToolApprovalBroker
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApprovalService)

public:
    /// How long an agent's tool call waits for a person before it is refused (Forge: 1 h).
    static constexpr int toolApprovalTimeoutSeconds = 3600;

    struct Responded
    {
        Approval approval; ///< After the response.
        ApprovalResponse response;
    };

    ApprovalService(Database &database, EventBus &events, QObject *parent = nullptr);
    ~ApprovalService() override;

    /// Loads pending approvals to arm the expiry timer. Tool calls left pending by an earlier
    /// run are cancelled: the agent that asked is gone.
    [[nodiscard]] Future<Result<int>> start();

    [[nodiscard]] Future<Result<Approval>> create(const NewApproval &input,
                                                  const QString &createdBy);
    [[nodiscard]] Future<Result<Approval>> get(const ApprovalId &id);
    [[nodiscard]] Future<Result<Page<Approval>>> list(const ApprovalQuery &query,
                                                      const PageRequest &page);
    /// 403 unless identity may respond, 409 if it did already or the approval is decided.
    [[nodiscard]] Future<Result<Responded>> respond(const ApprovalId &id,
                                                    const QString &identity,
                                                    ApprovalDecision decision,
                                                    const std::optional<QString> &comment);
    /// Only by whoever requested it (403 otherwise), only while pending (409).
    [[nodiscard]] Future<Result<Approval>> cancel(const ApprovalId &id, const QString &identity);
    /// The newest approval of type for attempt, expired if its time is up.
    [[nodiscard]] Future<Result<std::optional<Approval>>> latest(const AttemptId &attempt,
                                                                 ApprovalType type);

    // ToolApprovalBroker
    void requestToolApproval(const ToolApprovalRequest &request,
                             ToolApprovalBroker::Answer answer) override;
    void processEnded(const ProcessId &process) override;

    /// Pending tool calls with an answer waiting (tests and diagnostics).
    [[nodiscard]] int waitingToolCalls() const { return int(m_toolAnswers.size()); }

private:
    /// Marks every pending approval whose time is up as expired, and says so.
    void expireDue();
    [[nodiscard]] static Result<QList<Approval>> expirePending(SqlConnection &sql,
                                                               const QDateTime &now);
    void announceExpired(const QList<Approval> &expired);
    void schedule(const Approval &approval);
    void rearm();
    void announce(ChangeKind kind, const Approval &approval, std::optional<ApprovalStatus> previous);
    /// Answers the agent waiting on approval, if any.
    void settleToolCall(const Approval &approval);
    [[nodiscard]] Approval withLazyExpiry(Approval approval);

    Database &m_database;
    EventBus &m_events;
    QTimer m_expiryTimer;
    QHash<QString, QDateTime> m_deadlines; ///< Pending approvals with an expiresAt, by id.
    QHash<QString, ToolApprovalBroker::Answer> m_toolAnswers; ///< By approval id.
    QHash<QString, QString> m_toolProcess;                    ///< Approval id → process id.
    bool m_expiring = false;
};

} // namespace Core
