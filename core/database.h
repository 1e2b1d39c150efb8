// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/future.h"
#include "core/sqlconnection.h"

#include <QString>

#include <memory>
#include <optional>
#include <type_traits>

namespace Core {

namespace Detail {

struct ReadJob
{
    virtual ~ReadJob() = default;
    virtual void run(SqlConnection &connection) = 0;
};

struct WriteJob
{
    virtual ~WriteJob() = default;
    /// Runs inside a savepoint; false rolls the savepoint back.
    virtual bool run(SqlConnection &connection) = 0;
    /// Called once the batch's transaction has committed (commitError null) or failed.
    virtual void finish(const Error *commitError) = 0;
};

template<typename T>
struct IsResult : std::false_type
{};
template<typename T>
struct IsResult<Result<T>> : std::true_type
{};

} // namespace Detail

/// The SQLite store. Queries never run on the caller's thread: reads go to a small pool of
/// reader threads, writes to one writer thread that commits them in batches (group commit), each
/// job in its own savepoint. Every thread has its own connection. Results come back as futures;
/// continue them with Future::then(context, …) to get back to the main thread.
class Database final
{
public:
    struct Options
    {
        int readerThreads = 2;
        int maxBatch = 64;
        /// Only for tests that build an older schema: stop migrating at this version.
        std::optional<int> migrateUpTo;
    };

    [[nodiscard]] static Result<std::unique_ptr<Database>> open(const QString &path);
    [[nodiscard]] static Result<std::unique_ptr<Database>> open(const QString &path,
                                                                const Options &options);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    [[nodiscard]] QString path() const;
    [[nodiscard]] int schemaVersion() const;

    /// Runs job(SqlConnection &) on a reader thread.
    template<typename F>
    [[nodiscard]] auto read(F job) -> Future<std::invoke_result_t<F &, SqlConnection &>>;

    /// Runs job(SqlConnection &) -> Result<T> on the writer thread inside a transaction. The future
    /// resolves after the commit is durable; an error from the job rolls back only its own work.
    template<typename F>
    [[nodiscard]] auto write(F job) -> Future<std::invoke_result_t<F &, SqlConnection &>>;

    /// Finishes queued work and stops the threads. Later reads and writes fail at once.
    void close();

private:
    class Private;
    explicit Database(std::unique_ptr<Private> d);
    void enqueueRead(std::unique_ptr<Detail::ReadJob> job);
    void enqueueWrite(std::unique_ptr<Detail::WriteJob> job);

    std::unique_ptr<Private> d;
};

namespace Detail {

template<typename R, typename F>
class ReadJobImpl final : public ReadJob
{
public:
    explicit ReadJobImpl(F job)
        : m_job(std::move(job))
    {}
    ~ReadJobImpl() override
    {
        // A job dropped unrun (the database closed first) still answers its caller.
        m_promise.resolve(
            R(fail(Error{ErrorCode::Unavailable, QStringLiteral("the database is closed"), {}})));
    }
    Future<R> future() const { return m_promise.future(); }
    void run(SqlConnection &connection) override { m_promise.resolve(m_job(connection)); }

private:
    F m_job;
    Promise<R> m_promise;
};

template<typename R, typename F>
class WriteJobImpl final : public WriteJob
{
public:
    explicit WriteJobImpl(F job)
        : m_job(std::move(job))
    {}
    ~WriteJobImpl() override
    {
        m_promise.resolve(
            R(fail(Error{ErrorCode::Unavailable, QStringLiteral("the database is closed"), {}})));
    }
    Future<R> future() const { return m_promise.future(); }
    bool run(SqlConnection &connection) override
    {
        m_result.emplace(m_job(connection));
        return m_result->has_value();
    }
    void finish(const Error *commitError) override
    {
        // A failed commit undoes every job of the batch, successful ones included.
        if (commitError && (!m_result || m_result->has_value()))
            m_promise.resolve(R(fail(*commitError)));
        else
            m_promise.resolve(std::move(*m_result));
    }

private:
    F m_job;
    Promise<R> m_promise;
    std::optional<R> m_result;
};

} // namespace Detail

template<typename F>
auto Database::read(F job) -> Future<std::invoke_result_t<F &, SqlConnection &>>
{
    using R = std::invoke_result_t<F &, SqlConnection &>;
    static_assert(Detail::IsResult<R>::value, "a read job returns Core::Result<T>");
    auto impl = std::make_unique<Detail::ReadJobImpl<R, F>>(std::move(job));
    auto future = impl->future();
    enqueueRead(std::move(impl));
    return future;
}

template<typename F>
auto Database::write(F job) -> Future<std::invoke_result_t<F &, SqlConnection &>>
{
    using R = std::invoke_result_t<F &, SqlConnection &>;
    static_assert(Detail::IsResult<R>::value, "a write job returns Core::Result<T>");
    auto impl = std::make_unique<Detail::WriteJobImpl<R, F>>(std::move(job));
    auto future = impl->future();
    enqueueWrite(std::move(impl));
    return future;
}

} // namespace Core
