// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

// Small SELECT helpers the stores share. Internal to core.

#include "core/error.h"
#include "core/query.h"
#include "core/sqlconnection.h"

#include <QStringList>
#include <QVariantList>

namespace Core {

/// Binds values to the statement's placeholders, in order, and runs it.
inline Result<void> run(Statement &statement, const QVariantList &values)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        statement.bind(int(i), values.at(i));
    return statement.exec();
}

/// Every row text selects, each made into a T by from(row).
template<typename T, typename From>
Result<QList<T>> selectAll(SqlConnection &sql,
                           const QString &text,
                           const QVariantList &values,
                           From from)
{
    auto statement = sql.prepare(text);
    if (!statement)
        return fail(statement.error());
    if (auto done = run(*statement, values); !done)
        return fail(done.error());
    QList<T> rows;
    while (statement->next())
        rows.append(from(*statement));
    return rows;
}

/// One page of table's rows matching every condition, newest first, with the total count.
template<typename T, typename From>
Result<Page<T>> selectPage(SqlConnection &sql,
                           QLatin1StringView table,
                           QLatin1StringView columns,
                           const QStringList &conditions,
                           const QVariantList &values,
                           const PageRequest &request,
                           From from)
{
    using namespace Qt::StringLiterals;
    if (auto valid = request.validate(); !valid)
        return fail(valid.error());
    const QString where = conditions.isEmpty() ? QString()
                                               : u" WHERE "_s + conditions.join(u" AND "_s);
    Page<T> page;
    page.page = request.page;
    page.limit = request.limit;
    {
        auto count = sql.prepare(u"SELECT COUNT(*) FROM "_s + table + where);
        if (!count)
            return fail(count.error());
        if (auto done = run(*count, values); !done)
            return fail(done.error());
        page.total = count->next() ? count->value(0).toLongLong() : 0;
    }
    QVariantList all = values;
    all << request.limit << request.offset();
    auto rows = selectAll<T>(sql,
                             u"SELECT "_s + columns + u" FROM "_s + table + where
                                 + u" ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?"_s,
                             all,
                             from);
    if (!rows)
        return fail(rows.error());
    page.items = *rows;
    return page;
}

} // namespace Core
