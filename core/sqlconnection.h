// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QHash>
#include <QString>
#include <QVariant>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace Core {

class SqlConnection;

/// A prepared statement borrowed from a connection's cache. Resets itself when it goes out of
/// scope, so a reader never holds its snapshot (and the WAL) open longer than needed.
///
/// Values come back as QVariant: NULL as an invalid QVariant, INTEGER as qint64, REAL as
/// double, TEXT as QString, BLOB as QByteArray.
class Statement final
{
public:
    Statement(SqlConnection &connection, std::shared_ptr<sqlite3_stmt> statement)
        : m_connection(&connection)
        , m_statement(std::move(statement))
    {}
    Statement(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement &operator=(Statement &&) = delete;
    ~Statement();

    /// position counts from 0, like the "?" placeholders in order.
    Statement &bind(int position, const QVariant &value);
    /// Runs the statement; rows, if any, are then read with next() and value().
    [[nodiscard]] Result<void> exec();
    [[nodiscard]] bool next();
    [[nodiscard]] QVariant value(int column) const;
    [[nodiscard]] int numRowsAffected() const { return m_changes; }

private:
    SqlConnection *m_connection;
    std::shared_ptr<sqlite3_stmt> m_statement; ///< Shared with the cache, which may drop it.
    bool m_rowPending = false;                 ///< exec() stepped onto the first row.
    bool m_onRow = false;
    int m_changes = 0;
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

/// One SQLite connection, owned by and used on exactly one database thread. It speaks to
/// SQLite's C API directly: Qt's driver converted every column of every row to UTF-16 and
/// cached it as a QVariant, which was a third of the time of a task list.
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

    /// The error of the last call that failed with code, logged with context.
    [[nodiscard]] Error lastError(int code, const QString &context) const;

private:
    QString m_connectionName;
    QString m_path;
    Role m_role;
    sqlite3 *m_db = nullptr;
    QHash<QString, std::shared_ptr<sqlite3_stmt>> m_statements; // bounded, see prepare()
};

} // namespace Core
