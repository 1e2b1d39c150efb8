// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/timestamps.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestEngine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsTheDataDirectory()
    {
        QTemporaryDir dir;
        const QString dataDir = dir.filePath(u"nested/data"_s);
        auto engine = Core::Engine::open(dataDir);
        QVERIFY2(engine, qPrintable(engine ? QString() : engine.error().message));
        QVERIFY(QFileInfo::exists((*engine)->databasePath()));
        QCOMPARE((*engine)->dataDir(), dataDir);
    }

    void oneEnginePerDataDirectory()
    {
        QTemporaryDir dir;
        auto first = Core::Engine::open(dir.path());
        QVERIFY(first);
        auto second = Core::Engine::open(dir.path());
        QVERIFY(!second);
        QCOMPARE(second.error().code, Core::ErrorCode::Conflict);
        QVERIFY2(second.error().message.contains(u"another Forgedesk"_s),
                 qPrintable(second.error().message));
        (*first)->shutdown();
        first->reset();
        QVERIFY(Core::Engine::open(dir.path()));
    }

    void theEventBusDeliversTypedEvents()
    {
        Core::EventBus bus;
        QSignalSpy spy(&bus, &Core::EventBus::published);
        Core::Task task;
        task.id = Core::TaskId(u"task_1"_s);
        task.status = Core::TaskStatus::Done;
        bus.publish(Core::TaskEvent{Core::ChangeKind::Updated,
                                    task,
                                    Core::TaskStatus::Todo,
                                    Core::nowUtc()});
        QCOMPARE(spy.size(), 1);
        const auto event = spy.first().first().value<Core::Event>();
        const auto *taskEvent = std::get_if<Core::TaskEvent>(&event);
        QVERIFY(taskEvent);
        QVERIFY(taskEvent->statusChanged());
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
