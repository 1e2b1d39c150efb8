// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/projectservice.h"
#include "core/taskservice.h"
#include "tests/support/futures.h"
#include "tests/support/tempgitrepo.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Core;

/// The task service: validation, CRUD through the store, and the events it publishes.
class TestTaskService final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    Test::TempGitRepo m_repo;
    std::unique_ptr<Engine> m_engine;
    ProjectId m_project;
    QList<Event> m_events;

    Result<Task> create(NewTask input)
    {
        if (input.projectId.isNull())
            input.projectId = m_project;
        auto result = Test::await(m_engine->tasks().create(input));
        return result ? *result : fail(Error::internal(u"timeout"_s));
    }
    Result<Task> update(const TaskId &id, const TaskPatch &patch)
    {
        auto result = Test::await(m_engine->tasks().update(id, patch));
        return result ? *result : fail(Error::internal(u"timeout"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto engine = Engine::open(m_dataDir.path());
        QVERIFY(engine);
        m_engine = std::move(*engine);
        auto project = Test::await(
            m_engine->projects().create({.name = u"P"_s, .repoPath = m_repo.path()}));
        QVERIFY(project && project->has_value());
        m_project = (*project)->id;
        connect(&m_engine->events(), &EventBus::published, this, [this](const Event &event) {
            m_events.append(event);
        });
    }

    void init() { m_events.clear(); }

    void createsWithDefaults()
    {
        auto task = create({.title = u"  Add authentication  "_s});
        QVERIFY2(task, qPrintable(task ? QString() : task.error().message));
        QVERIFY(task->id.toString().startsWith(u"task_"_s));
        QCOMPARE(task->title, u"Add authentication"_s);
        QCOMPARE(task->status, TaskStatus::Todo);
        QCOMPARE(task->priority, TaskPriority::Medium);
        QVERIFY(task->createdAt.isValid());
        QCOMPARE(task->createdAt, task->updatedAt);
        QTRY_COMPARE(m_events.size(), 1);
        const auto &event = std::get<TaskEvent>(m_events.first());
        QCOMPARE(event.kind, ChangeKind::Created);
        QCOMPARE(event.task.id, task->id);
    }

    void keepsUnicodeIntact()
    {
        const QString title = u"日本語のタスク — émojis 🚀 and RTL עברית"_s;
        auto task = create(
            {.title = title, .description = u"Ünïcödé\nmultiline\ttext"_s, .labels = {u"ñandú"_s}});
        QVERIFY(task);
        auto fetched = Test::await(m_engine->tasks().get(task->id));
        QVERIFY(fetched && fetched->has_value());
        QCOMPARE((*fetched)->title, title);
        QCOMPARE((*fetched)->description, u"Ünïcödé\nmultiline\ttext"_s);
        QCOMPARE((*fetched)->labels, QStringList{u"ñandú"_s});
    }

    void validatesInput_data()
    {
        QTest::addColumn<NewTask>("input");
        QTest::addColumn<QString>("field");
        QTest::newRow("empty title") << NewTask{.title = QString()} << u"title"_s;
        QTest::newRow("blank title") << NewTask{.title = u" \t "_s} << u"title"_s;
        QTest::newRow("title with newline") << NewTask{.title = u"a\nb"_s} << u"title"_s;
        QTest::newRow("long title") << NewTask{.title = QString(501, u'a')} << u"title"_s;
        QTest::newRow("control characters")
            << NewTask{.title = u"ok"_s, .description = u"bell\u0007"_s} << u"description"_s;
        QTest::newRow("empty label")
            << NewTask{.title = u"ok"_s, .labels = {u" "_s}} << u"labels"_s;
        QTest::newRow("comma label")
            << NewTask{.title = u"ok"_s, .labels = {u"a,b"_s}} << u"labels"_s;
        QTest::newRow("bad llm") << NewTask{.title = u"ok"_s, .llm = u"rm -rf /"_s} << u"llm"_s;
        QTest::newRow("bad parent")
            << NewTask{.title = u"ok"_s, .parentAttemptId = u"task_1"_s} << u"parentAttemptId"_s;
    }

    void validatesInput()
    {
        QFETCH(NewTask, input);
        QFETCH(QString, field);
        auto task = create(input);
        QVERIFY(!task);
        QCOMPARE(task.error().code, ErrorCode::Validation);
        QCOMPARE(task.error().field(), field);
        QTest::qWait(10);
        QVERIFY(m_events.isEmpty());
    }

    void refusesAnUnknownProject()
    {
        auto task = create({.projectId = ProjectId(u"proj_missing"_s), .title = u"x"_s});
        QVERIFY(!task);
        QCOMPARE(task.error().code, ErrorCode::NotFound);
        QCOMPARE(task.error().field(), u"projectId"_s);
    }

    void updatesAndReportsTheStatusChange()
    {
        auto task = create({.title = u"Move me"_s, .labels = {u"a"_s, u"b"_s, u"a"_s}});
        QVERIFY(task);
        QCOMPARE(task->labels, (QStringList{u"a"_s, u"b"_s})); // duplicates dropped, order kept
        m_events.clear();
        QTest::qWait(2); // so updatedAt differs
        auto moved = update(task->id,
                            {.status = TaskStatus::InProgress, .priority = TaskPriority::Urgent});
        QVERIFY(moved);
        QCOMPARE(moved->status, TaskStatus::InProgress);
        QCOMPARE(moved->priority, TaskPriority::Urgent);
        QCOMPARE(moved->title, u"Move me"_s);
        QVERIFY(moved->updatedAt > task->updatedAt);
        QCOMPARE(moved->createdAt, task->createdAt);
        QTRY_COMPARE(m_events.size(), 1);
        const auto &event = std::get<TaskEvent>(m_events.first());
        QCOMPARE(event.kind, ChangeKind::Updated);
        QVERIFY(event.statusChanged());
        QCOMPARE(int(*event.previousStatus), int(TaskStatus::Todo));

        m_events.clear();
        auto renamed = update(task->id,
                              {.title = u"Renamed"_s, .llm = std::optional<QString>(u"claude"_s)});
        QVERIFY(renamed);
        QCOMPARE(renamed->llm.value_or(QString()), u"claude"_s);
        QTRY_COMPARE(m_events.size(), 1);
        QVERIFY(!std::get<TaskEvent>(m_events.first()).statusChanged());
        auto cleared = update(task->id, {.llm = std::optional<QString>()});
        QVERIFY(cleared && !cleared->llm);
    }

    void refusesBadUpdates()
    {
        auto task = create({.title = u"x"_s});
        QVERIFY(task);
        auto empty = update(task->id, {});
        QVERIFY(!empty);
        QCOMPARE(empty.error().field(), u"body"_s);
        auto blank = update(task->id, {.title = u""_s});
        QVERIFY(!blank);
        QCOMPARE(blank.error().field(), u"title"_s);
        auto missing = update(TaskId(u"task_nope"_s), {.title = u"y"_s});
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void removes()
    {
        auto task = create({.title = u"Delete me"_s});
        QVERIFY(task);
        m_events.clear();
        auto removed = Test::await(m_engine->tasks().remove(task->id));
        QVERIFY(removed && removed->has_value());
        QCOMPARE((*removed)->title, u"Delete me"_s);
        QTRY_COMPARE(m_events.size(), 1);
        QCOMPARE(std::get<TaskEvent>(m_events.first()).kind, ChangeKind::Deleted);
        auto again = Test::await(m_engine->tasks().remove(task->id));
        QVERIFY(again && !again->has_value());
        QCOMPARE(again->error().code, ErrorCode::NotFound);
    }

    void listRefusesAnUnknownProjectAndBadPages()
    {
        auto unknown = Test::await(m_engine->tasks().list({.projectId = ProjectId(u"proj_x"_s)}));
        QVERIFY(unknown && !unknown->has_value());
        QCOMPARE(unknown->error().code, ErrorCode::NotFound);
        auto badPage = Test::await(m_engine->tasks().list({.page = {0, 20}}));
        QVERIFY(badPage && !badPage->has_value());
        QCOMPARE(badPage->error().field(), u"page"_s);
        auto listed = Test::await(m_engine->tasks().list({.projectId = m_project}));
        QVERIFY(listed && listed->has_value());
        QVERIFY((*listed)->total > 0);
    }
};

Q_DECLARE_METATYPE(Core::NewTask)
QTEST_GUILESS_MAIN(TestTaskService)
#include "tst_taskservice.moc"
