// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/future.h"
#include "tests/support/futures.h"

#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;

class TestFuture final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void continuationsRunOnTheContextThreadLater()
    {
        Core::Promise<int> promise;
        bool ran = false;
        QThread *where = nullptr;
        promise.future().then(this, [&](const int &value) {
            ran = value == 7;
            where = QThread::currentThread();
        });
        promise.resolve(7);
        QVERIFY(!ran); // never inline, even when resolved on this thread
        QTRY_VERIFY(ran);
        QCOMPARE(where, thread());
    }

    void valuesFromAnotherThreadArriveHere()
    {
        QThreadPool pool;
        std::atomic<QThread *> worker = nullptr;
        auto future = Core::runOnPool(pool, [&worker] {
            worker = QThread::currentThread();
            return 21;
        });
        QThread *continuation = nullptr;
        auto doubled = future.then(this, [&](const int &value) {
            continuation = QThread::currentThread();
            return value * 2;
        });
        auto result = Test::await(doubled);
        QVERIFY(result);
        QCOMPARE(*result, 42);
        QCOMPARE(continuation, thread());
        QVERIFY(worker.load() != thread());
    }

    void returnedFuturesAreFlattened()
    {
        QThreadPool pool;
        auto chained = Core::Future<int>::ready(2).then(this, [&pool](const int &value) {
            return Core::runOnPool(pool, [value] { return QString::number(value * 10); });
        });
        static_assert(std::is_same_v<decltype(chained), Core::Future<QString>>);
        QCOMPARE(Test::await(chained).value_or(QString()), u"20"_s);
    }

    void inlineContinuationsRunWhereTheValueIsProduced()
    {
        QThreadPool pool;
        std::atomic<QThread *> producer = nullptr;
        std::atomic<QThread *> inlineThread = nullptr;
        auto future = Core::runOnPool(pool, [&producer] {
                          producer = QThread::currentThread();
                          QThread::msleep(50);
                          return 1;
                      }).thenInline([&inlineThread](const int &value) {
            inlineThread = QThread::currentThread();
            return value + 1;
        });
        QCOMPARE(Test::await(future).value_or(0), 2);
        QCOMPARE(inlineThread.load(), producer.load());
    }

    void aDestroyedContextDropsTheContinuation()
    {
        Core::Promise<int> promise;
        bool ran = false;
        {
            QObject context;
            promise.future().then(&context, [&ran](const int &) { ran = true; });
            promise.resolve(1);
        }
        QTest::qWait(50);
        QVERIFY(!ran);
    }

    void theFirstResolveWins()
    {
        Core::Promise<int> promise;
        promise.resolve(1);
        promise.resolve(2);
        QCOMPARE(promise.future().result().value_or(0), 1);
    }

    void manyResolutionsRaceWithAttachments()
    {
        // The case QFuture 6.4 crashed on: continuations attached while other threads resolve.
        QThreadPool pool;
        pool.setMaxThreadCount(4);
        std::atomic<int> sum = 0;
        QList<Core::Future<int>> futures;
        for (int i = 0; i < 2000; ++i) {
            auto future = Core::runOnPool(pool, [i] {
                              return i;
                          }).then(this, [&sum](const int &value) {
                sum += value;
                return value;
            });
            futures.append(future);
        }
        for (const auto &future : std::as_const(futures))
            QVERIFY(Test::await(future));
        QCOMPARE(sum.load(), 1999 * 2000 / 2);
    }
};

QTEST_GUILESS_MAIN(TestFuture)
#include "tst_future.moc"
