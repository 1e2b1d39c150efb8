// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/sqlconnection.h"

#include "core/logging.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace Core {

Statement::~Statement()
{
    if (m_query)
        m_query->finish();
}

Statement &Statement::bind(int position, const QVariant &value)
{
    // Qt's SQL layer binds a null QString as SQL NULL; only an invalid QVariant means NULL here.
    if (value.metaType() == QMetaType::fromType<QString>() && value.toString().isNull())
        m_query->bindValue(position, u""_s);
    else
        m_query->bindValue(position, value);
    return *this;
}

Result<void> Statement::exec()
{
    if (!m_query->exec())
        return fail(SqlConnection::errorFrom(m_query->lastError(), m_query->lastQuery()));
    return {};
}

SqlConnection::SqlConnection(QString connectionName, QString path, Role role)
    : m_connectionName(std::move(connectionName))
    , m_path(std::move(path))
    , m_role(role)
{}

SqlConnection::~SqlConnection()
{
    m_statements.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

Result<void> SqlConnection::open()
{
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    if (!m_db.isValid())
        return fail(Error::internal(u"the Qt SQLite driver (QSQLITE) is not available"_s));
    m_db.setDatabaseName(m_path);
    if (!m_db.open())
        return fail(errorFrom(m_db.lastError(), u"opening %1"_s.arg(m_path)));

    // WAL lets readers run beside the writer; FULL makes every commit durable.
    const QStringList pragmas = m_role == Role::Writer
                                    ? QStringList{u"PRAGMA busy_timeout = 10000"_s,
                                                  u"PRAGMA journal_mode = WAL"_s,
                                                  u"PRAGMA synchronous = FULL"_s,
                                                  u"PRAGMA foreign_keys = ON"_s}
                                    : QStringList{u"PRAGMA busy_timeout = 10000"_s,
                                                  u"PRAGMA query_only = ON"_s};
    for (const QString &pragma : pragmas) {
        QSqlQuery query(m_db);
        if (!query.exec(pragma))
            return fail(errorFrom(query.lastError(), pragma));
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
        auto query = std::make_shared<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        if (!query->prepare(sql))
            return fail(errorFrom(query->lastError(), sql));
        it = m_statements.insert(sql, std::move(query));
    }
    return Statement(it.value());
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

Error SqlConnection::errorFrom(const QSqlError &error, const QString &context)
{
    const QString text = error.text();
    // SQLite reports a full disk or a locked database as such; a caller may retry those.
    const bool transient = text.contains(u"locked"_s, Qt::CaseInsensitive)
                           || text.contains(u"busy"_s, Qt::CaseInsensitive)
                           || text.contains(u"disk"_s, Qt::CaseInsensitive);
    qCWarning(lcDatabase).noquote() << "SQLite:" << text << "in" << context.left(300);
    return {transient ? ErrorCode::Unavailable : ErrorCode::Internal,
            u"database error: %1"_s.arg(text),
            {}};
}

} // namespace Core
