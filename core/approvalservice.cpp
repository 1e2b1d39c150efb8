// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/approvalservice.h"

#include "core/approvalstore.h"
#include "core/attemptstore.h"
#include "core/database.h"
#include "core/eventbus.h"
#include "core/logging.h"
#include "core/timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

Error notFound(const ApprovalId &id)
{
    return Error::notFound(u"approval"_s, id.toString());
}

Error notPending(const Approval &approval)
{
    return Error::conflict(u"approval %1 is %2; it takes no more responses"_s
                               .arg(approval.id.toString(), wireName(approval.status)),
                           {{u"approvalId"_s, approval.id.toString()},
                            {u"status"_s, wireName(approval.status)}});
}

/// Marks approval expired if its time is up; true if it did.
bool expireIfDue(Approval &approval, const QDateTime &now)
{
    if (!approval.isExpiredAt(now))
        return false;
    approval.status = ApprovalStatus::Expired;
    approval.updatedAt = now;
    approval.resolvedAt = now;
    return true;
}

QString toolTitle(const ToolApprovalRequest &request)
{
    // The most telling part of the input, so the inbox says what the agent wants to do.
    QString detail;
    for (const char *key : {"command", "file_path", "path", "url", "pattern"}) {
        const QJsonValue value = request.input.value(QLatin1StringView(key));
        if (value.isString()) {
            detail = value.toString().simplified();
            break;
        }
    }
    if (detail.size() > 160)
        detail = detail.left(157) + u"..."_s;
    return detail.isEmpty() ? u"Allow %1?"_s.arg(request.toolName)
                            : u"Allow %1: %2"_s.arg(request.toolName, detail);
}

} // namespace

ApprovalService::ApprovalService(Database &database, EventBus &events, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_events(events)
{
    m_expiryTimer.setSingleShot(true);
    m_expiryTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_expiryTimer, &QTimer::timeout, this, &ApprovalService::expireDue);
}

ApprovalService::~ApprovalService() = default;

Future<Result<int>> ApprovalService::start()
{
    const QDateTime now = nowUtc();
    return m_database
        .write([now](SqlConnection &sql) -> Result<std::pair<QList<Approval>, QList<Approval>>> {
            auto pending = ApprovalStore::pending(sql);
            if (!pending)
                return fail(pending.error());
            QList<Approval> keep;
            QList<Approval> orphans;
            for (Approval approval : std::as_const(*pending)) {
                if (approval.type != ApprovalType::ToolUse) {
                    keep.append(approval);
                    continue;
                }
                approval.status = ApprovalStatus::Cancelled;
                approval.updatedAt = now;
                approval.resolvedAt = now;
                if (auto updated = ApprovalStore::updateStatus(sql, approval); !updated)
                    return fail(updated.error());
                orphans.append(approval);
            }
            return std::pair(keep, orphans);
        })
        .then(this,
              [this](
                  const Result<std::pair<QList<Approval>, QList<Approval>>> &loaded) -> Result<int> {
                  if (!loaded)
                      return fail(loaded.error());
                  for (const Approval &orphan : loaded->second)
                      announce(ChangeKind::Updated, orphan, ApprovalStatus::Pending);
                  for (const Approval &approval : loaded->first)
                      schedule(approval);
                  rearm();
                  return int(loaded->first.size());
              });
}

Future<Result<Approval>> ApprovalService::create(const NewApproval &input, const QString &createdBy)
{
    const QDateTime now = nowUtc();
    if (auto valid = input.validate(now); !valid)
        return Future<Result<Approval>>::ready(fail(valid.error()));
    Approval approval;
    approval.id = ApprovalId::generate();
    approval.attemptId = input.attemptId;
    approval.type = input.type;
    approval.title = input.title.trimmed();
    approval.description = input.description;
    approval.metadata = input.metadata;
    approval.createdBy = createdBy;
    approval.approvers = input.approvers;
    approval.approvers.removeDuplicates();
    approval.processId = input.processId;
    approval.toolUseId = input.toolUseId;
    approval.expiresAt = input.expiresAt;
    approval.createdAt = now;
    approval.updatedAt = now;
    return m_database
        .write([approval](SqlConnection &sql) -> Result<Approval> {
            auto attempt = AttemptStore::find(sql, approval.attemptId);
            if (!attempt)
                return fail(attempt.error());
            if (!*attempt)
                return fail(Error::validation(u"taskAttemptId"_s,
                                              u"there is no attempt '%1'"_s.arg(
                                                  approval.attemptId.toString())));
            if (auto inserted = ApprovalStore::insert(sql, approval); !inserted)
                return fail(inserted.error());
            return approval;
        })
        .then(this, [this](const Result<Approval> &created) {
            if (created) {
                schedule(*created);
                rearm();
                announce(ChangeKind::Created, *created, std::nullopt);
            }
            return created;
        });
}

Approval ApprovalService::withLazyExpiry(Approval approval)
{
    // The timer may not have fired yet (or the machine slept): report what is true now, and
    // let the timer's pass record it.
    if (expireIfDue(approval, nowUtc()))
        QMetaObject::invokeMethod(this, &ApprovalService::expireDue, Qt::QueuedConnection);
    return approval;
}

Future<Result<Approval>> ApprovalService::get(const ApprovalId &id)
{
    return m_database
        .read([id](SqlConnection &sql) -> Result<Approval> {
            auto found = ApprovalStore::find(sql, id);
            if (!found)
                return fail(found.error());
            if (!*found)
                return fail(notFound(id));
            return **found;
        })
        .then(this, [this](const Result<Approval> &found) -> Result<Approval> {
            if (!found)
                return found;
            return withLazyExpiry(*found);
        });
}

Future<Result<Page<Approval>>> ApprovalService::list(const ApprovalQuery &query,
                                                     const PageRequest &page)
{
    // A pending filter must not show approvals whose time is up: expire them first.
    const QDateTime now = nowUtc();
    return m_database
        .write([query, page, now](
                   SqlConnection &sql) -> Result<std::pair<Page<Approval>, QList<Approval>>> {
            auto expired = expirePending(sql, now);
            if (!expired)
                return fail(expired.error());
            auto listed = ApprovalStore::list(sql, query, page);
            if (!listed)
                return fail(listed.error());
            return std::pair(*listed, *expired);
        })
        .then(this,
              [this](const Result<std::pair<Page<Approval>, QList<Approval>>> &listed)
                  -> Result<Page<Approval>> {
                  if (!listed)
                      return fail(listed.error());
                  announceExpired(listed->second);
                  return listed->first;
              });
}

Future<Result<ApprovalService::Responded>> ApprovalService::respond(
    const ApprovalId &id,
    const QString &identity,
    ApprovalDecision decision,
    const std::optional<QString> &comment)
{
    if (identity.isEmpty())
        return Future<Result<Responded>>::ready(
            fail(Error{ErrorCode::Unauthorized, u"responding needs an identity"_s, {}}));
    if (comment && comment->size() > 5000)
        return Future<Result<Responded>>::ready(
            fail(Error::validation(u"comment"_s, u"must be at most 5000 characters"_s)));
    const QDateTime now = nowUtc();
    return m_database
        .write([id, identity, decision, comment, now](
                   SqlConnection &sql) -> Result<std::pair<Responded, ApprovalStatus>> {
            auto found = ApprovalStore::find(sql, id);
            if (!found)
                return fail(found.error());
            if (!*found)
                return fail(notFound(id));
            Approval approval = **found;
            const ApprovalStatus before = approval.status;
            // Refused; expireDue() records the expiry and tells everyone.
            if (expireIfDue(approval, now))
                return fail(notPending(approval));
            if (!approval.isPending())
                return fail(notPending(approval));
            if (!approval.mayRespond(identity))
                return fail(
                    Error{ErrorCode::Forbidden,
                          u"%1 is not an approver of %2"_s.arg(identity, id.toString()),
                          {{u"approvers"_s, QJsonArray::fromStringList(approval.approvers)}}});
            if (approval.responseOf(identity))
                return fail(Error::conflict(u"%1 has already responded to %2"_s.arg(identity,
                                                                                    id.toString()),
                                            {{u"approvalId"_s, id.toString()}}));
            ApprovalResponse response{identity, decision, comment, now};
            if (auto inserted = ApprovalStore::insertResponse(sql, id, response); !inserted)
                return fail(inserted.error());
            approval.responses.append(response);
            approval.status = approval.decidedStatus();
            approval.updatedAt = now;
            if (!approval.isPending())
                approval.resolvedAt = now;
            if (auto updated = ApprovalStore::updateStatus(sql, approval); !updated)
                return fail(updated.error());
            return std::pair(Responded{approval, response}, before);
        })
        .then(this,
              [this](const Result<std::pair<Responded, ApprovalStatus>> &done) -> Result<Responded> {
                  if (!done) {
                      // A refused response may still have found the approval expired.
                      if (done.error().details.value(u"status"_s).toString() == "expired"_L1)
                          expireDue();
                      return fail(done.error());
                  }
                  const Approval &approval = done->first.approval;
                  if (!approval.isPending()) {
                      m_deadlines.remove(approval.id.toString());
                      rearm();
                      settleToolCall(approval);
                  }
                  announce(ChangeKind::Updated, approval, done->second);
                  return done->first;
              });
}

Future<Result<Approval>> ApprovalService::cancel(const ApprovalId &id, const QString &identity)
{
    const QDateTime now = nowUtc();
    return m_database
        .write([id, identity, now](SqlConnection &sql) -> Result<Approval> {
            auto found = ApprovalStore::find(sql, id);
            if (!found)
                return fail(found.error());
            if (!*found)
                return fail(notFound(id));
            Approval approval = **found;
            if (!sameIdentity(approval.createdBy, identity))
                return fail(
                    Error{ErrorCode::Forbidden,
                          u"only %1, who requested %2, may cancel it"_s.arg(approval.createdBy,
                                                                            id.toString()),
                          {}});
            if (expireIfDue(approval, now))
                return fail(notPending(approval));
            if (!approval.isPending())
                return fail(notPending(approval));
            approval.status = ApprovalStatus::Cancelled;
            approval.updatedAt = now;
            approval.resolvedAt = now;
            if (auto updated = ApprovalStore::updateStatus(sql, approval); !updated)
                return fail(updated.error());
            return approval;
        })
        .then(this, [this](const Result<Approval> &cancelled) {
            if (cancelled) {
                m_deadlines.remove(cancelled->id.toString());
                rearm();
                settleToolCall(*cancelled);
                announce(ChangeKind::Updated, *cancelled, ApprovalStatus::Pending);
            } else if (cancelled.error().details.value(u"status"_s).toString() == "expired"_L1) {
                expireDue();
            }
            return cancelled;
        });
}

Future<Result<std::optional<Approval>>> ApprovalService::latest(const AttemptId &attempt,
                                                                ApprovalType type)
{
    return m_database
        .read([attempt, type](SqlConnection &sql) {
            return ApprovalStore::latest(sql, attempt, type);
        })
        .then(this,
              [this](
                  const Result<std::optional<Approval>> &found) -> Result<std::optional<Approval>> {
                  if (!found || !*found)
                      return found;
                  return std::optional<Approval>(withLazyExpiry(**found));
              });
}

void ApprovalService::requestToolApproval(const ToolApprovalRequest &request,
                                          ToolApprovalBroker::Answer answer)
{
    NewApproval input;
    input.attemptId = request.attemptId;
    input.type = ApprovalType::ToolUse;
    input.title = toolTitle(request);
    input.metadata = {{u"toolName"_s, request.toolName},
                      {u"toolInput"_s, request.input},
                      {u"toolUseId"_s, request.toolUseId},
                      {u"processId"_s, request.processId.toString()}};
    input.processId = request.processId;
    if (!request.toolUseId.isEmpty())
        input.toolUseId = request.toolUseId;
    input.expiresAt = nowUtc().addSecs(toolApprovalTimeoutSeconds);
    create(input, u"agent"_s).then(this, [this, answer](const Result<Approval> &created) {
        if (!created) {
            qCWarning(lcEngine) << "tool approval could not be recorded:"
                                << created.error().message;
            answer(ToolDecision{false,
                                u"Forgedesk could not record the approval request: "_s
                                    + created.error().message});
            return;
        }
        m_toolAnswers.insert(created->id.toString(), answer);
        m_toolProcess.insert(created->id.toString(), created->processId->toString());
    });
}

void ApprovalService::processEnded(const ProcessId &process)
{
    const QString processId = process.toString();
    QStringList ids;
    for (auto it = m_toolProcess.cbegin(); it != m_toolProcess.cend(); ++it) {
        if (it.value() == processId)
            ids.append(it.key());
    }
    if (ids.isEmpty())
        return;
    for (const QString &id : std::as_const(ids)) {
        m_toolAnswers.remove(id);
        m_toolProcess.remove(id);
    }
    const QDateTime now = nowUtc();
    m_database
        .write([ids, now](SqlConnection &sql) -> Result<QList<Approval>> {
            QList<Approval> cancelled;
            for (const QString &id : ids) {
                auto found = ApprovalStore::find(sql, ApprovalId(id));
                if (!found)
                    return fail(found.error());
                if (!*found || !(*found)->isPending())
                    continue;
                Approval approval = **found;
                approval.status = ApprovalStatus::Cancelled;
                approval.updatedAt = now;
                approval.resolvedAt = now;
                if (auto updated = ApprovalStore::updateStatus(sql, approval); !updated)
                    return fail(updated.error());
                cancelled.append(approval);
            }
            return cancelled;
        })
        .then(this, [this](const Result<QList<Approval>> &cancelled) {
            if (!cancelled) {
                qCWarning(lcEngine)
                    << "could not cancel tool approvals:" << cancelled.error().message;
                return;
            }
            for (const Approval &approval : *cancelled) {
                m_deadlines.remove(approval.id.toString());
                announce(ChangeKind::Updated, approval, ApprovalStatus::Pending);
            }
            rearm();
        });
}

Result<QList<Approval>> ApprovalService::expirePending(SqlConnection &sql, const QDateTime &now)
{
    auto pending = ApprovalStore::pending(sql);
    if (!pending)
        return fail(pending.error());
    QList<Approval> expired;
    for (Approval approval : std::as_const(*pending)) {
        if (!expireIfDue(approval, now))
            continue;
        if (auto updated = ApprovalStore::updateStatus(sql, approval); !updated)
            return fail(updated.error());
        expired.append(approval);
    }
    return expired;
}

void ApprovalService::announceExpired(const QList<Approval> &expired)
{
    for (const Approval &approval : expired) {
        m_deadlines.remove(approval.id.toString());
        settleToolCall(approval);
        announce(ChangeKind::Updated, approval, ApprovalStatus::Pending);
    }
    if (!expired.isEmpty())
        rearm();
}

void ApprovalService::expireDue()
{
    if (m_expiring)
        return;
    m_expiring = true;
    const QDateTime now = nowUtc();
    m_database.write([now](SqlConnection &sql) { return expirePending(sql, now); })
        .then(this, [this, now](const Result<QList<Approval>> &expired) {
            m_expiring = false;
            if (!expired) {
                qCWarning(lcEngine) << "could not expire approvals:" << expired.error().message;
                // Try again later rather than spin.
                m_expiryTimer.start(5000);
                return;
            }
            announceExpired(*expired);
            // Whatever was due by now is expired or was decided meanwhile.
            m_deadlines.removeIf([&now](const QHash<QString, QDateTime>::iterator &it) {
                return it.value() <= now;
            });
            rearm();
        });
}

void ApprovalService::schedule(const Approval &approval)
{
    if (approval.isPending() && approval.expiresAt.isValid())
        m_deadlines.insert(approval.id.toString(), approval.expiresAt);
}

void ApprovalService::rearm()
{
    if (m_deadlines.isEmpty()) {
        m_expiryTimer.stop();
        return;
    }
    const QDateTime next = *std::min_element(m_deadlines.cbegin(), m_deadlines.cend());
    // QTimer takes an int of milliseconds: wake at least daily and look again.
    const qint64 ms = std::clamp<qint64>(nowUtc().msecsTo(next) + 5, 0, 24LL * 3600 * 1000);
    m_expiryTimer.start(int(ms));
}

void ApprovalService::announce(ChangeKind kind,
                               const Approval &approval,
                               std::optional<ApprovalStatus> previous)
{
    m_events.publish(ApprovalEvent{kind, approval, previous, nowUtc()});
}

void ApprovalService::settleToolCall(const Approval &approval)
{
    const QString id = approval.id.toString();
    const auto it = m_toolAnswers.constFind(id);
    if (it == m_toolAnswers.cend())
        return;
    ToolApprovalBroker::Answer answer = *it;
    m_toolAnswers.remove(id);
    m_toolProcess.remove(id);
    ToolDecision decision;
    decision.allow = approval.status == ApprovalStatus::Approved;
    QStringList comments;
    for (const ApprovalResponse &response : approval.responses) {
        if (response.comment && !response.comment->isEmpty())
            comments.append(*response.comment);
    }
    switch (approval.status) {
    case ApprovalStatus::Approved: decision.message = comments.join(u"; "_s); break;
    case ApprovalStatus::Rejected:
        decision.message = comments.isEmpty()
                               ? u"The user denied this tool call."_s
                               : u"The user denied this tool call: "_s + comments.join(u"; "_s);
        break;
    case ApprovalStatus::Expired:
        decision.message = u"Nobody approved this tool call in time."_s;
        break;
    case ApprovalStatus::Cancelled:
        decision.message = u"The approval request was cancelled."_s;
        break;
    case ApprovalStatus::Pending: return;
    }
    answer(decision);
}

} // namespace Core
