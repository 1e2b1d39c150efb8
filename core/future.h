// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <vector>

namespace Core {

template<typename T>
class Future;
template<typename T>
class Promise;

namespace Detail {

template<typename T>
struct FutureState
{
    std::mutex mutex;
    std::optional<T> value; ///< Set once, never changed afterwards.
    std::vector<std::function<void(const T &)>> callbacks;
};

template<typename T>
struct IsFuture : std::false_type
{};
template<typename T>
struct IsFuture<Future<T>> : std::true_type
{
    using Value = T;
};

} // namespace Detail

/// The result of work done elsewhere, typically on a database or I/O thread.
///
/// Continuations attached with then(context, f) always run later, on context's thread, through
/// its event queue: never inline, never on the worker. If f returns a Future, the result is
/// flattened. If context is destroyed first, the continuation is dropped.
///
/// Why not QFuture: in Qt 6.4, attaching a continuation with a context while the future is being
/// finished on another thread crashed under load (QFutureInterfaceBase::reportStarted on a
/// moved-from interface). This class is the little we need, with the locking made obvious.
template<typename T>
class Future
{
public:
    using Value = T;

    Future() = default;

    [[nodiscard]] static Future ready(T value)
    {
        Promise<T> promise;
        promise.resolve(std::move(value));
        return promise.future();
    }

    [[nodiscard]] bool isValid() const { return bool(m_state); }
    [[nodiscard]] bool isFinished() const
    {
        if (!m_state)
            return false;
        std::lock_guard lock(m_state->mutex);
        return m_state->value.has_value();
    }
    /// The value once finished (tests and already-finished futures only).
    [[nodiscard]] std::optional<T> result() const
    {
        if (!m_state)
            return std::nullopt;
        std::lock_guard lock(m_state->mutex);
        return m_state->value;
    }

    /// Runs f(value) on context's thread once the value is there.
    template<typename F>
    auto then(QObject *context, F f)
    {
        using R = std::invoke_result_t<F &, const T &>;
        QPointer<QObject> guard(context);
        if constexpr (std::is_void_v<R>) {
            onResolved([guard, f = std::move(f)](const T &value) mutable {
                post(guard, [f, value]() mutable { f(value); });
            });
        } else if constexpr (Detail::IsFuture<R>::value) {
            using U = typename Detail::IsFuture<R>::Value;
            Promise<U> promise;
            onResolved([guard, f = std::move(f), promise](const T &value) mutable {
                post(guard, [f, value, promise]() mutable {
                    f(value).onResolved(
                        [promise](const U &inner) mutable { promise.resolve(inner); });
                });
            });
            return promise.future();
        } else {
            Promise<R> promise;
            onResolved([guard, f = std::move(f), promise](const T &value) mutable {
                post(guard, [f, value, promise]() mutable { promise.resolve(f(value)); });
            });
            return promise.future();
        }
    }

    /// Runs f(value) on whichever thread provides the value (or here, if it is already there).
    /// For cheap, thread-safe work such as serialising a result off the main thread.
    template<typename F>
    auto thenInline(F f) -> Future<std::invoke_result_t<F &, const T &>>
    {
        using R = std::invoke_result_t<F &, const T &>;
        Promise<R> promise;
        onResolved(
            [f = std::move(f), promise](const T &value) mutable { promise.resolve(f(value)); });
        return promise.future();
    }

private:
    template<typename>
    friend class Future;
    template<typename>
    friend class Promise;

    explicit Future(std::shared_ptr<Detail::FutureState<T>> state)
        : m_state(std::move(state))
    {}

    void onResolved(std::function<void(const T &)> callback)
    {
        if (!m_state)
            return;
        {
            std::lock_guard lock(m_state->mutex);
            if (!m_state->value) {
                m_state->callbacks.push_back(std::move(callback));
                return;
            }
        }
        callback(*m_state->value);
    }

    template<typename Fn>
    static void post(const QPointer<QObject> &context, Fn fn)
    {
        if (QObject *target = context.data())
            QMetaObject::invokeMethod(target, std::move(fn), Qt::QueuedConnection);
    }

    std::shared_ptr<Detail::FutureState<T>> m_state;
};

/// The producing side of a Future. Copies share one state; the first resolve() wins.
template<typename T>
class Promise
{
public:
    Promise()
        : m_state(std::make_shared<Detail::FutureState<T>>())
    {}

    [[nodiscard]] Future<T> future() const { return Future<T>(m_state); }

    void resolve(T value) const
    {
        std::vector<std::function<void(const T &)>> callbacks;
        {
            std::lock_guard lock(m_state->mutex);
            if (m_state->value)
                return;
            m_state->value.emplace(std::move(value));
            callbacks.swap(m_state->callbacks);
        }
        // The value is immutable from here on, so callbacks may read it without the lock.
        for (auto &callback : callbacks)
            callback(*m_state->value);
    }

    [[nodiscard]] bool isResolved() const
    {
        std::lock_guard lock(m_state->mutex);
        return m_state->value.has_value();
    }

private:
    std::shared_ptr<Detail::FutureState<T>> m_state;
};

/// Runs job() on pool and returns its result; for blocking work such as libgit2 calls.
template<typename F>
[[nodiscard]] auto runOnPool(QThreadPool &pool, F job) -> Future<std::invoke_result_t<F &>>
{
    using R = std::invoke_result_t<F &>;
    Promise<R> promise;
    pool.start([promise, job = std::move(job)]() mutable { promise.resolve(job()); });
    return promise.future();
}

} // namespace Core
