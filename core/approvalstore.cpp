// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/approvalstore.h"

#include "core/sqlconnection.h"
#include "core/sqlselect.h"
#include "core/sqlvalues.h"
#include "core/timestamps.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

constexpr auto columns = "id, attempt_id, type, title, description, metadata, status, created_by, "
                         "approvers, process_id, tool_use_id, expires_at, created_at, updated_at, "
                         "resolved_at"_L1;

Approval approvalFrom(const Statement &row)
{
    Approval a;
    a.id = ApprovalId(row.value(0).toString());
    a.attemptId = AttemptId(row.value(1).toString());
    a.type = approvalTypeFromString(row.value(2).toString()).value_or(ApprovalType::Custom);
    a.title = row.value(3).toString();
    a.description = optionalText(row.value(4));
    a.metadata = QJsonDocument::fromJson(row.value(5).toString().toUtf8()).object();
    a.status = approvalStatusFromString(row.value(6).toString()).value_or(ApprovalStatus::Cancelled);
    a.createdBy = row.value(7).toString();
    a.approvers = stringListFromJson(row.value(8).toString());
    if (auto process = optionalText(row.value(9)))
        a.processId = ProcessId(*process);
    a.toolUseId = optionalText(row.value(10));
    a.expiresAt = timestampFrom(row.value(11));
    a.createdAt = fromTimestamp(row.value(12).toString());
    a.updatedAt = fromTimestamp(row.value(13).toString());
    a.resolvedAt = timestampFrom(row.value(14));
    return a;
}

ApprovalResponse responseFrom(const Statement &row)
{
    ApprovalResponse r;
    r.approver = row.value(0).toString();
    r.decision
        = approvalDecisionFromString(row.value(1).toString()).value_or(ApprovalDecision::Rejected);
    r.comment = optionalText(row.value(2));
    r.respondedAt = fromTimestamp(row.value(3).toString());
    return r;
}

Result<void> attachResponses(SqlConnection &sql, QList<Approval> &approvals)
{
    for (Approval &approval : approvals) {
        auto responses = selectAll<ApprovalResponse>(
            sql,
            u"SELECT approver, decision, comment, responded_at FROM approval_responses "
            "WHERE approval_id = ? ORDER BY responded_at, rowid"_s,
            {approval.id.toString()},
            responseFrom);
        if (!responses)
            return fail(responses.error());
        approval.responses = *responses;
    }
    return {};
}

Result<QList<Approval>> selectWithResponses(SqlConnection &sql,
                                            const QString &where,
                                            const QVariantList &values)
{
    auto rows = selectAll<Approval>(sql,
                                    u"SELECT "_s + columns + u" FROM approvals "_s + where,
                                    values,
                                    approvalFrom);
    if (!rows)
        return rows;
    if (auto attached = attachResponses(sql, *rows); !attached)
        return fail(attached.error());
    return rows;
}

} // namespace

Result<void> ApprovalStore::insert(SqlConnection &sql, const Approval &a)
{
    auto statement = sql.prepare(u"INSERT INTO approvals ("_s + columns
                                 + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    if (!statement)
        return fail(statement.error());
    return run(*statement,
               {a.id.toString(),
                a.attemptId.toString(),
                wireName(a.type),
                a.title,
                nullableText(a.description),
                QString::fromUtf8(QJsonDocument(a.metadata).toJson(QJsonDocument::Compact)),
                wireName(a.status),
                a.createdBy,
                stringListToJson(a.approvers),
                a.processId ? QVariant(a.processId->toString()) : QVariant(),
                nullableText(a.toolUseId),
                optionalTimestamp(a.expiresAt),
                toTimestamp(a.createdAt),
                toTimestamp(a.updatedAt),
                optionalTimestamp(a.resolvedAt)});
}

Result<void> ApprovalStore::updateStatus(SqlConnection &sql, const Approval &a)
{
    auto statement = sql.prepare(
        u"UPDATE approvals SET status = ?, updated_at = ?, resolved_at = ? WHERE id = ?"_s);
    if (!statement)
        return fail(statement.error());
    return run(*statement,
               {wireName(a.status),
                toTimestamp(a.updatedAt),
                optionalTimestamp(a.resolvedAt),
                a.id.toString()});
}

Result<void> ApprovalStore::insertResponse(SqlConnection &sql,
                                           const ApprovalId &id,
                                           const ApprovalResponse &r)
{
    auto statement = sql.prepare(u"INSERT INTO approval_responses (approval_id, approver, "
                                 "decision, comment, responded_at) VALUES (?, ?, ?, ?, ?)"_s);
    if (!statement)
        return fail(statement.error());
    return run(*statement,
               {id.toString(),
                r.approver,
                wireName(r.decision),
                nullableText(r.comment),
                toTimestamp(r.respondedAt)});
}

Result<std::optional<Approval>> ApprovalStore::find(SqlConnection &sql, const ApprovalId &id)
{
    auto rows = selectWithResponses(sql, u"WHERE id = ?"_s, {id.toString()});
    if (!rows)
        return fail(rows.error());
    return rows->isEmpty() ? std::optional<Approval>() : std::optional<Approval>(rows->first());
}

Result<Page<Approval>> ApprovalStore::list(SqlConnection &sql,
                                           const ApprovalQuery &query,
                                           const PageRequest &request)
{
    QStringList conditions;
    QVariantList values;
    if (query.status) {
        conditions << u"status = ?"_s;
        values << wireName(*query.status);
    }
    if (query.type) {
        conditions << u"type = ?"_s;
        values << wireName(*query.type);
    }
    if (query.attemptId) {
        conditions << u"attempt_id = ?"_s;
        values << query.attemptId->toString();
    }
    if (query.awaiting) {
        // Pending, open to this identity, and not answered by it yet. approvers is a JSON array
        // of strings; json_each compares its members case-insensitively like sameIdentity().
        conditions << u"status = 'pending'"_s
                   << u"(approvers = '[]' OR EXISTS (SELECT 1 FROM json_each(approvals.approvers) "
                      "WHERE lower(json_each.value) = lower(?)))"_s
                   << u"NOT EXISTS (SELECT 1 FROM approval_responses r WHERE r.approval_id = "
                      "approvals.id AND lower(r.approver) = lower(?))"_s;
        values << *query.awaiting << *query.awaiting;
    }
    auto page = selectPage<Approval>(sql,
                                     "approvals"_L1,
                                     columns,
                                     conditions,
                                     values,
                                     request,
                                     approvalFrom);
    if (!page)
        return page;
    if (auto attached = attachResponses(sql, page->items); !attached)
        return fail(attached.error());
    return page;
}

Result<QList<Approval>> ApprovalStore::pending(SqlConnection &sql)
{
    return selectWithResponses(sql, u"WHERE status = 'pending' ORDER BY created_at, rowid"_s, {});
}

Result<std::optional<Approval>> ApprovalStore::latest(SqlConnection &sql,
                                                      const AttemptId &attempt,
                                                      ApprovalType type)
{
    auto rows = selectWithResponses(sql,
                                    u"WHERE attempt_id = ? AND type = ? "
                                    "ORDER BY created_at DESC, rowid DESC LIMIT 1"_s,
                                    {attempt.toString(), wireName(type)});
    if (!rows)
        return fail(rows.error());
    return rows->isEmpty() ? std::optional<Approval>() : std::optional<Approval>(rows->first());
}

} // namespace Core
