// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/eventbus.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace Core;

/// The bus every face listens to: each event reaches each subscriber once, in order, on the
/// main thread.
class TestEventBus final : public QObject
{
    Q_OBJECT

private:
    struct Received
    {
        QString label;
        QThread *thread = nullptr;
    };

    /// A short text naming an event, so sequences compare readably.
    static QString label(const Event &event)
    {
        return std::visit(
            [](const auto &e) -> QString {
                using T = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<T, ProjectEvent>)
                    return u"project:"_s + e.project.id.toString();
                else if constexpr (std::is_same_v<T, TaskEvent>)
                    return u"task:"_s + e.task.id.toString();
                else if constexpr (std::is_same_v<T, AttemptEvent>)
                    return u"attempt:"_s + e.attempt.id.toString();
                else if constexpr (std::is_same_v<T, ProcessEvent>)
                    return u"process:"_s + e.process.id.toString();
                else if constexpr (std::is_same_v<T, ApprovalEvent>)
                    return u"approval:"_s + e.approval.id.toString();
                else if constexpr (std::is_same_v<T, DraftEvent>)
                    return u"draft:"_s + e.draft.id.toString();
                else if constexpr (std::is_same_v<T, WebhookEvent>)
                    return u"webhook:"_s + e.webhook.id.toString();
                else
                    return u"log:"_s + e.processId.toString() + u'@'
                           + QString::number(e.bytesStart);
            },
            event);
    }

    static QList<Event> sampleEvents()
    {
        ProjectEvent project;
        project.project.id = ProjectId(u"proj_1"_s);
        TaskEvent task;
        task.kind = ChangeKind::Updated;
        task.task.id = TaskId(u"task_1"_s);
        task.task.status = TaskStatus::InProgress;
        task.previousStatus = TaskStatus::Todo;
        AttemptEvent attempt;
        attempt.attempt.id = AttemptId(u"attempt_1"_s);
        ProcessEvent process;
        process.process.id = ProcessId(u"proc_1"_s);
        LogEvent firstLines;
        firstLines.processId = ProcessId(u"proc_1"_s);
        firstLines.bytesStart = 0;
        firstLines.bytesEnd = 10;
        LogEvent moreLines = firstLines;
        moreLines.bytesStart = 10;
        moreLines.bytesEnd = 25;
        TaskEvent deleted;
        deleted.kind = ChangeKind::Deleted;
        deleted.task.id = TaskId(u"task_1"_s);
        return {project, task, attempt, process, firstLines, moreLines, deleted};
    }

    static QStringList labels(const QList<Event> &events)
    {
        QStringList out;
        for (const Event &event : events)
            out.append(label(event));
        return out;
    }

private Q_SLOTS:
    void eachSubscriberGetsEveryEventOnceInOrder()
    {
        EventBus bus;
        QList<Received> first;
        QList<Received> second;
        connect(&bus, &EventBus::published, this, [&first](const Event &event) {
            first.append({label(event), QThread::currentThread()});
        });
        connect(&bus, &EventBus::published, this, [&second](const Event &event) {
            second.append({label(event), QThread::currentThread()});
        });

        const QList<Event> events = sampleEvents();
        for (const Event &event : events)
            bus.publish(event);

        const QStringList expected = labels(events);
        QStringList gotFirst;
        QStringList gotSecond;
        for (const Received &r : std::as_const(first)) {
            gotFirst.append(r.label);
            QCOMPARE(r.thread, QCoreApplication::instance()->thread());
        }
        for (const Received &r : std::as_const(second)) {
            gotSecond.append(r.label);
            QCOMPARE(r.thread, QCoreApplication::instance()->thread());
        }
        QCOMPARE(gotFirst, expected);
        QCOMPARE(gotSecond, expected);
    }

    void aDirectSubscriberHasTheEventBeforePublishReturns()
    {
        EventBus bus;
        int calls = 0;
        connect(&bus, &EventBus::published, this, [&calls](const Event &) { ++calls; });
        bus.publish(sampleEvents().first());
        QCOMPARE(calls, 1);
    }

    void aQueuedSubscriberGetsTheEventsInOrderOnceTheLoopRuns()
    {
        EventBus bus;
        QSignalSpy spy(&bus, &EventBus::published);
        QStringList queued;
        connect(
            &bus,
            &EventBus::published,
            this,
            [&queued](const Event &event) { queued.append(label(event)); },
            Qt::QueuedConnection);

        const QList<Event> events = sampleEvents();
        for (const Event &event : events)
            bus.publish(event);
        QVERIFY(queued.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(queued.size(), events.size(), 5000);
        QCOMPARE(queued, labels(events));
        // Nothing arrives twice after the queue has drained.
        QCoreApplication::processEvents();
        QCOMPARE(queued.size(), events.size());
        QCOMPARE(spy.size(), events.size());
    }

    void theEventArrivesWithItsPayloadIntact()
    {
        EventBus bus;
        std::optional<Event> got;
        connect(&bus, &EventBus::published, this, [&got](const Event &event) { got = event; });
        TaskEvent sent;
        sent.kind = ChangeKind::Updated;
        sent.task.id = TaskId(u"task_9"_s);
        sent.task.title = u"Écrire la doc 📝"_s;
        sent.task.status = TaskStatus::Done;
        sent.previousStatus = TaskStatus::InReview;
        sent.at = QDateTime::fromMSecsSinceEpoch(1'770'000'000'123, Qt::UTC);
        bus.publish(sent);

        QVERIFY(got);
        QVERIFY(std::holds_alternative<TaskEvent>(*got));
        const auto &task = std::get<TaskEvent>(*got);
        QCOMPARE(task.kind, ChangeKind::Updated);
        QCOMPARE(task.task.id, TaskId(u"task_9"_s));
        QCOMPARE(task.task.title, u"Écrire la doc 📝"_s);
        QVERIFY(task.statusChanged());
        QCOMPARE(task.at, sent.at);
    }

    void aDisconnectedSubscriberGetsNothingMore()
    {
        EventBus bus;
        int calls = 0;
        auto connection = connect(&bus, &EventBus::published, this, [&calls](const Event &) {
            ++calls;
        });
        const QList<Event> events = sampleEvents();
        bus.publish(events.at(0));
        disconnect(connection);
        bus.publish(events.at(1));
        QCOMPARE(calls, 1);
    }

    void aSubscriberWhoseContextIsGoneGetsNothing()
    {
        EventBus bus;
        int calls = 0;
        {
            QObject context;
            connect(&bus, &EventBus::published, &context, [&calls](const Event &) { ++calls; });
            bus.publish(sampleEvents().first());
        }
        bus.publish(sampleEvents().first());
        QCOMPARE(calls, 1);
    }

    void theEventIsARegisteredMetaType()
    {
        EventBus bus;
        QSignalSpy spy(&bus, &EventBus::published);
        for (const Event &event : sampleEvents())
            bus.publish(event);
        QCOMPARE(spy.size(), sampleEvents().size());
        QCOMPARE(labels({qvariant_cast<Event>(spy.first().first())}),
                 QStringList{u"project:proj_1"_s});
    }
};

QTEST_GUILESS_MAIN(TestEventBus)
#include "tst_eventbus.moc"
