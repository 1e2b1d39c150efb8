// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>

namespace Core {

class SqlConnection;

/// A prepared statement borrowed from a connection's cache. Resets itself when it goes out of
/// scope, so a reader never holds its snapshot (and the WAL) open longer than needed.
class Statement final
{
public:
    explicit Statement(std::shared_ptr<QSqlQuery> query)
        : m_query(std::move(query))
    {}
    Statement(Statement &&other) noexcept = default;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement &operator=(Statement &&) = delete;
    ~Statement();

    Statement &bind(int position, const QVariant &value);
    [[nodiscard]] Result<void> exec();
    [[nodiscard]] bool next() { return m_query->next(); }
    [[nodiscard]] QVariant value(int column) const { return m_query->value(column); }
    [[nodiscard]] int numRowsAffected() const { return m_query->numRowsAffected(); }

private:
    std::shared_ptr<QSqlQuery> m_query;
};

/// Holds a read transaction open for its lifetime, so several queries see one snapshot.
class ReadTransaction final
{
public:
    explicit ReadTransaction(SqlConnection &connection);
    ~ReadTransaction();
    Q_DISABLE_COPY_MOVE(ReadTransaction)
    [[nodiscard]] bool isActive() const { return m_active; }

private:
    SqlConnection &m_connection;
    bool m_active = false;
};

/// One SQLite connection, owned by and used on exactly one database thread.
class SqlConnection final
{
public:
    enum class Role { Writer, Reader };

    SqlConnection(QString connectionName, QString path, Role role);
    ~SqlConnection();
    Q_DISABLE_COPY_MOVE(SqlConnection)

    [[nodiscard]] Result<void> open();
    [[nodiscard]] Role role() const { return m_role; }

    /// A cached prepared statement for sql; positional "?" placeholders.
    [[nodiscard]] Result<Statement> prepare(const QString &sql);
    /// Runs statements that return no rows, such as DDL or transaction control.
    [[nodiscard]] Result<void> exec(const QString &sql);

    [[nodiscard]] static Error errorFrom(const QSqlError &error, const QString &context);

private:
    QString m_connectionName;
    QString m_path;
    Role m_role;
    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements; // bounded, see prepare()
};

} // namespace Core
