// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/task.h"

#include <QList>
#include <QString>

#include <optional>

namespace Core {

/// 1-based page of at most maxLimit items.
struct PageRequest
{
    static constexpr int defaultLimit = 20;
    static constexpr int maxLimit = 100;

    int page = 1;
    int limit = defaultLimit;

    [[nodiscard]] Result<void> validate() const;
    [[nodiscard]] qint64 offset() const { return qint64(page - 1) * limit; }
};

template<typename T>
struct Page
{
    QList<T> items;
    int page = 1;
    int limit = PageRequest::defaultLimit;
    qint64 total = 0;

    [[nodiscard]] qint64 pages() const { return limit > 0 ? (total + limit - 1) / limit : 0; }
    [[nodiscard]] bool hasNext() const { return page < pages(); }
    [[nodiscard]] bool hasPrev() const { return page > 1; }
};

/// One key of a "sort" parameter such as "-priority,created_at".
struct SortKey
{
    QString field; ///< Canonical snake_case name.
    bool descending = false;

    friend bool operator==(const SortKey &, const SortKey &) = default;
};

/// Parses a comma list of fields, each optionally prefixed with "-". camelCase spellings of the
/// allowed snake_case names are accepted. Errors name the "sort" field.
[[nodiscard]] Result<QList<SortKey>> parseSort(const QString &text,
                                               const QStringList &allowedFields);

struct TaskQuery
{
    std::optional<ProjectId> projectId;
    std::optional<AttemptId> parentAttemptId; ///< Subtasks of this attempt.
    /// Attempt-state filters: the latest attempt's status, and the three flags.
    QList<AttemptStatus> latestAttemptStatuses;
    std::optional<bool> hasRunningAttempt;
    std::optional<bool> lastAttemptFailed;
    std::optional<bool> hasMergedAttempt;
    QList<TaskStatus> statuses;     ///< Any of these; empty means all.
    QList<TaskPriority> priorities; ///< Any of these; empty means all.
    QStringList labels;             ///< All of these must be present.
    QString text;                   ///< Case-insensitive substring of title or description.
    QList<SortKey> sort;            ///< Empty means newest first.
    PageRequest page;

    [[nodiscard]] static QStringList sortFields();
};

struct AttemptQuery
{
    std::optional<TaskId> taskId;
    std::optional<QString> llm;
    QList<AttemptStatus> statuses;
    PageRequest page;
};

struct ProcessQuery
{
    std::optional<AttemptId> attemptId;
    QList<ProcessStatus> statuses;
    QList<ProcessKind> kinds;
    PageRequest page;
};

struct ProjectQuery
{
    QList<SortKey> sort; ///< Empty means newest first.
    PageRequest page;

    [[nodiscard]] static QStringList sortFields();
};

} // namespace Core
