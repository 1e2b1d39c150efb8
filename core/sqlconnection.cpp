// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/sqlconnection.h"

#include "core/logging.h"

#include <QFile>

#include <sqlite3.h>

#include <utility>

using namespace Qt::StringLiterals;

namespace Core {

Statement::Statement(Statement &&other) noexcept
    : m_connection(other.m_connection)
    , m_statement(std::move(other.m_statement))
    , m_rowPending(other.m_rowPending)
    , m_onRow(other.m_onRow)
    , m_changes(other.m_changes)
{}

Statement::~Statement()
{
    if (m_statement) {
        sqlite3_reset(m_statement.get());
        sqlite3_clear_bindings(m_statement.get());
    }
}

Statement &Statement::bind(int position, const QVariant &value)
{
    const int index = position + 1;
    switch (value.metaType().id()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr: sqlite3_bind_null(m_statement.get(), index); break;
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::Char: sqlite3_bind_int64(m_statement.get(), index, value.toLongLong()); break;
    case QMetaType::ULongLong:
    case QMetaType::ULong:
        sqlite3_bind_int64(m_statement.get(), index, qint64(value.toULongLong()));
        break;
    case QMetaType::Double:
    case QMetaType::Float: sqlite3_bind_double(m_statement.get(), index, value.toDouble()); break;
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        sqlite3_bind_blob64(m_statement.get(),
                            index,
                            bytes.constData(),
                            sqlite3_uint64(bytes.size()),
                            SQLITE_TRANSIENT);
        break;
    }
    default: {
        // A null QString is text too: only an invalid QVariant means SQL NULL here.
        const QByteArray text = value.toString().toUtf8();
        sqlite3_bind_text64(m_statement.get(),
                            index,
                            text.constData(),
                            sqlite3_uint64(text.size()),
                            SQLITE_TRANSIENT,
                            SQLITE_UTF8);
        break;
    }
    }
    return *this;
}

Result<void> Statement::exec()
{
    sqlite3_reset(m_statement.get());
    m_rowPending = m_onRow = false;
    const int stepped = sqlite3_step(m_statement.get());
    if (stepped == SQLITE_ROW) {
        m_rowPending = true;
        m_changes = 0;
        return {};
    }
    if (stepped == SQLITE_DONE) {
        m_changes = sqlite3_changes(sqlite3_db_handle(m_statement.get()));
        return {};
    }
    const Error error = m_connection->lastError(stepped,
                                                QString::fromUtf8(sqlite3_sql(m_statement.get())));
    sqlite3_reset(m_statement.get());
    return fail(error);
}

bool Statement::next()
{
    if (m_rowPending) {
        m_rowPending = false;
        m_onRow = true;
        return true;
    }
    if (!m_onRow)
        return false;
    m_onRow = sqlite3_step(m_statement.get()) == SQLITE_ROW;
    return m_onRow;
}

QVariant Statement::value(int column) const
{
    if (!m_onRow)
        return {};
    switch (sqlite3_column_type(m_statement.get(), column)) {
    case SQLITE_INTEGER: return QVariant(qint64(sqlite3_column_int64(m_statement.get(), column)));
    case SQLITE_FLOAT: return QVariant(sqlite3_column_double(m_statement.get(), column));
    case SQLITE_TEXT:
        return QVariant(QString::fromUtf8(reinterpret_cast<const char *>(
                                              sqlite3_column_text(m_statement.get(), column)),
                                          sqlite3_column_bytes(m_statement.get(), column)));
    case SQLITE_BLOB:
        return QVariant(
            QByteArray(static_cast<const char *>(sqlite3_column_blob(m_statement.get(), column)),
                       sqlite3_column_bytes(m_statement.get(), column)));
    default: return {};
    }
}

SqlConnection::SqlConnection(QString connectionName, QString path, Role role)
    : m_connectionName(std::move(connectionName))
    , m_path(std::move(path))
    , m_role(role)
{}

SqlConnection::~SqlConnection()
{
    m_statements.clear();
    if (m_db)
        sqlite3_close_v2(m_db);
}

Result<void> SqlConnection::open()
{
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int opened = sqlite3_open_v2(QFile::encodeName(m_path).constData(), &m_db, flags, nullptr);
    if (opened != SQLITE_OK) {
        const Error error = m_db ? lastError(opened, u"opening %1"_s.arg(m_path))
                                 : Error::internal(u"cannot open %1"_s.arg(m_path));
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return fail(error);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 10'000);

    // WAL lets readers run beside the writer; FULL makes every commit durable.
    const QStringList pragmas = m_role == Role::Writer ? QStringList{u"PRAGMA journal_mode = WAL"_s,
                                                                     u"PRAGMA synchronous = FULL"_s,
                                                                     u"PRAGMA foreign_keys = ON"_s}
                                                       : QStringList{u"PRAGMA query_only = ON"_s};
    for (const QString &pragma : pragmas) {
        const int ran = sqlite3_exec(m_db, pragma.toUtf8().constData(), nullptr, nullptr, nullptr);
        if (ran != SQLITE_OK)
            return fail(lastError(ran, pragma));
    }
    return {};
}

Result<Statement> SqlConnection::prepare(const QString &sql)
{
    // Filters and sort orders make many distinct statements; keep the cache from growing forever.
    static constexpr qsizetype maxCachedStatements = 256;
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        if (m_statements.size() >= maxCachedStatements)
            m_statements.clear();
        const QByteArray text = sql.toUtf8();
        sqlite3_stmt *statement = nullptr;
        const int prepared = sqlite3_prepare_v3(m_db,
                                                text.constData(),
                                                int(text.size()),
                                                SQLITE_PREPARE_PERSISTENT,
                                                &statement,
                                                nullptr);
        if (prepared != SQLITE_OK || !statement) {
            sqlite3_finalize(statement);
            return fail(lastError(prepared, sql));
        }
        it = m_statements.insert(sql, std::shared_ptr<sqlite3_stmt>(statement, sqlite3_finalize));
    }
    return Statement(*this, it.value());
}

Result<void> SqlConnection::exec(const QString &sql)
{
    // Through the statement cache: BEGIN and COMMIT run for every request.
    auto statement = prepare(sql);
    if (!statement)
        return fail(statement.error());
    return statement->exec();
}

ReadTransaction::ReadTransaction(SqlConnection &connection)
    : m_connection(connection)
    , m_active(connection.exec(u"BEGIN"_s).has_value())
{}

ReadTransaction::~ReadTransaction()
{
    if (m_active)
        (void) m_connection.exec(u"COMMIT"_s);
}

Error SqlConnection::lastError(int code, const QString &context) const
{
    const QString text = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db))
                              : QString::fromUtf8(sqlite3_errstr(code));
    // A busy or locked database, a full disk or an I/O error may pass: the caller may retry.
    const int primary = code & 0xff;
    const bool transient = primary == SQLITE_BUSY || primary == SQLITE_LOCKED
                           || primary == SQLITE_FULL || primary == SQLITE_IOERR;
    qCWarning(lcDatabase).noquote() << "SQLite:" << text << "in" << context.left(300);
    return {transient ? ErrorCode::Unavailable : ErrorCode::Internal,
            u"database error: %1"_s.arg(text),
            {}};
}

} // namespace Core
