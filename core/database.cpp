// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/database.h"

#include "core/logging.h"
#include "core/migrations.h"

#include <QAtomicInteger>
#include <QThread>

#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

QAtomicInteger<quint64> s_databaseSerial;

/// Process-wide SQLite settings; they only take effect before SQLite's first use.
void configureSqlite()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Allocation statistics take a global mutex on every malloc, which serialised the
        // reader threads; and each connection is used by one thread only, so SQLite needs no
        // per-connection mutex either.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    });
}

/// A FIFO of jobs shared by the threads that drain it.
template<typename Job>
class JobQueue
{
public:
    bool push(std::unique_ptr<Job> job)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_closed)
                return false;
            m_jobs.push_back(std::move(job));
        }
        m_ready.notify_one();
        return true;
    }

    /// Blocks until jobs arrive; returns up to max of them, or none once closed and drained.
    std::vector<std::unique_ptr<Job>> take(size_t max)
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return m_closed || !m_jobs.empty(); });
        std::vector<std::unique_ptr<Job>> batch;
        while (!m_jobs.empty() && batch.size() < max) {
            batch.push_back(std::move(m_jobs.front()));
            m_jobs.pop_front();
        }
        return batch;
    }

    void close()
    {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_ready.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<std::unique_ptr<Job>> m_jobs;
    bool m_closed = false;
};

/// A database thread: opens its own connection, reports readiness, then drains its queue.
class DbThread final : public QThread
{
public:
    using Body = std::function<void(SqlConnection &)>;

    DbThread(QString connectionName, QString path, SqlConnection::Role role, Body body)
        : m_connection(
            std::make_unique<SqlConnection>(std::move(connectionName), std::move(path), role))
        , m_body(std::move(body))
    {}

    std::future<Result<void>> ready() { return m_ready.get_future(); }

protected:
    void run() override
    {
        auto opened = m_connection->open();
        const bool ok = opened.has_value();
        m_ready.set_value(std::move(opened));
        if (ok)
            m_body(*m_connection);
        m_connection.reset(); // the connection must be removed on the thread that used it
    }

private:
    std::unique_ptr<SqlConnection> m_connection;
    Body m_body;
    std::promise<Result<void>> m_ready;
};

void runWriteBatch(SqlConnection &connection, std::vector<std::unique_ptr<Detail::WriteJob>> &batch)
{
    auto finishAll = [&batch](const Error *error) {
        for (auto &job : batch)
            job->finish(error);
    };
    if (auto begun = connection.exec(u"BEGIN IMMEDIATE"_s); !begun) {
        finishAll(&begun.error());
        return;
    }
    for (auto &job : batch) {
        // A savepoint per job: one job's failure must not undo its neighbours in the batch.
        if (auto sp = connection.exec(u"SAVEPOINT job"_s); !sp) {
            (void) connection.exec(u"ROLLBACK"_s);
            finishAll(&sp.error());
            return;
        }
        if (!job->run(connection))
            (void) connection.exec(u"ROLLBACK TO job"_s);
        if (auto released = connection.exec(u"RELEASE job"_s); !released) {
            (void) connection.exec(u"ROLLBACK"_s);
            finishAll(&released.error());
            return;
        }
    }
    if (auto committed = connection.exec(u"COMMIT"_s); !committed) {
        (void) connection.exec(u"ROLLBACK"_s);
        finishAll(&committed.error());
        return;
    }
    finishAll(nullptr);
}

} // namespace

class Database::Private
{
public:
    QString path;
    Options options;
    int schemaVersion = 0;
    JobQueue<Detail::ReadJob> reads;
    JobQueue<Detail::WriteJob> writes;
    std::unique_ptr<DbThread> writer;
    std::vector<std::unique_ptr<DbThread>> readers;
    bool closed = false;

    void stopThreads()
    {
        reads.close();
        writes.close();
        if (writer)
            writer->wait();
        for (auto &reader : readers)
            reader->wait();
        writer.reset();
        readers.clear();
    }
};

Database::Database(std::unique_ptr<Private> dd)
    : d(std::move(dd))
{}

Database::~Database()
{
    close();
}

Result<std::unique_ptr<Database>> Database::open(const QString &path)
{
    return open(path, Options());
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, const Options &options)
{
    configureSqlite();
    auto d = std::make_unique<Private>();
    d->path = path;
    d->options = options;
    const QString prefix = u"forgedesk-%1-"_s.arg(s_databaseSerial.fetchAndAddRelaxed(1));

    // The writer migrates before it takes jobs, so readers never see a half-built schema.
    std::promise<Result<int>> migrated;
    auto migratedFuture = migrated.get_future();
    Private *raw = d.get();
    d->writer = std::make_unique<DbThread>(prefix + u"writer"_s,
                                           path,
                                           SqlConnection::Role::Writer,
                                           [raw, &migrated](SqlConnection &connection) {
                                               auto version = migrate(connection,
                                                                      raw->options.migrateUpTo);
                                               const bool ok = version.has_value();
                                               migrated.set_value(std::move(version));
                                               if (!ok)
                                                   return;
                                               const auto maxBatch = size_t(
                                                   std::max(1, raw->options.maxBatch));
                                               for (;;) {
                                                   auto batch = raw->writes.take(maxBatch);
                                                   if (batch.empty())
                                                       return;
                                                   runWriteBatch(connection, batch);
                                               }
                                           });
    d->writer->setObjectName(u"db-writer"_s);
    auto writerReady = d->writer->ready();
    d->writer->start();
    if (auto opened = writerReady.get(); !opened) {
        d->stopThreads();
        return fail(opened.error());
    }
    auto version = migratedFuture.get();
    if (!version) {
        d->stopThreads();
        return fail(version.error());
    }
    d->schemaVersion = *version;

    for (int i = 0; i < std::max(1, options.readerThreads); ++i) {
        auto reader = std::make_unique<DbThread>(prefix + u"reader-%1"_s.arg(i),
                                                 path,
                                                 SqlConnection::Role::Reader,
                                                 [raw](SqlConnection &connection) {
                                                     for (;;) {
                                                         auto batch = raw->reads.take(1);
                                                         if (batch.empty())
                                                             return;
                                                         batch.front()->run(connection);
                                                     }
                                                 });
        reader->setObjectName(u"db-reader-%1"_s.arg(i));
        auto readerReady = reader->ready();
        reader->start();
        d->readers.push_back(std::move(reader));
        if (auto opened = readerReady.get(); !opened) {
            d->stopThreads();
            return fail(opened.error());
        }
    }
    qCDebug(lcDatabase) << "opened" << path << "schema version" << d->schemaVersion;
    return std::unique_ptr<Database>(new Database(std::move(d)));
}

QString Database::path() const
{
    return d->path;
}

int Database::schemaVersion() const
{
    return d->schemaVersion;
}

void Database::close()
{
    if (!d || d->closed)
        return;
    d->closed = true;
    d->stopThreads();
}

void Database::enqueueRead(std::unique_ptr<Detail::ReadJob> job)
{
    // A refused job is destroyed here, which fails its future with "closed".
    (void) d->reads.push(std::move(job));
}

void Database::enqueueWrite(std::unique_ptr<Detail::WriteJob> job)
{
    (void) d->writes.push(std::move(job));
}

} // namespace Core
