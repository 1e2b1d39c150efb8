// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/database.h"
#include "core/projectstore.h"
#include "core/taskstore.h"
#include "core/timestamps.h"
#include "tests/support/futures.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Core;

Q_DECLARE_METATYPE(Core::TaskQuery)

/// Filters, sorting and paging of the task store, on a real SQLite file.
class TestTaskStore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    ProjectId m_project{u"proj_a"_s};
    ProjectId m_other{u"proj_b"_s};

    Task makeTask(const QString &id,
                  const ProjectId &project,
                  const QString &title,
                  TaskStatus status,
                  TaskPriority priority,
                  const QStringList &labels,
                  qint64 createdMs,
                  const QString &description = {})
    {
        Task task;
        task.id = TaskId(id);
        task.projectId = project;
        task.title = title;
        task.description = description;
        task.status = status;
        task.priority = priority;
        task.labels = labels;
        task.createdAt = QDateTime::fromMSecsSinceEpoch(createdMs, Qt::UTC);
        // Updated in the reverse order of creation, so the two timestamps sort differently.
        task.updatedAt = QDateTime::fromMSecsSinceEpoch(1'770'000'000'000
                                                            - 1000 * id.back().digitValue(),
                                                        Qt::UTC);
        return task;
    }

    Result<Page<Task>> list(const TaskQuery &query)
    {
        auto result = Test::await(m_db->read([query](SqlConnection &sql) {
            const ReadTransaction snapshot(sql);
            return TaskStore::list(sql, query);
        }));
        if (!result)
            return fail(Error::internal(u"timeout"_s));
        return *result;
    }

    QStringList ids(const TaskQuery &query)
    {
        auto page = list(query);
        if (!page)
            return {page.error().message};
        QStringList out;
        for (const Task &task : page->items)
            out.append(task.id.toString());
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto db = Database::open(m_dir.filePath(u"t.sqlite"_s));
        QVERIFY(db);
        m_db = std::move(*db);
        const qint64 t0 = 1'760'000'000'000;
        const QList<Task> tasks{
            makeTask(u"task_1"_s,
                     m_project,
                     u"Add login"_s,
                     TaskStatus::Todo,
                     TaskPriority::High,
                     {u"feature"_s, u"backend"_s},
                     t0 + 1000,
                     u"JWT based"_s),
            makeTask(u"task_2"_s,
                     m_project,
                     u"fix crash"_s,
                     TaskStatus::InProgress,
                     TaskPriority::Urgent,
                     {u"bug"_s},
                     t0 + 2000),
            makeTask(u"task_3"_s,
                     m_project,
                     u"Écrire la doc"_s,
                     TaskStatus::Done,
                     TaskPriority::Low,
                     {u"docs"_s, u"feature"_s},
                     t0 + 3000,
                     u"Documentation en français"_s),
            makeTask(u"task_4"_s,
                     m_project,
                     u"Benchmark"_s,
                     TaskStatus::InReview,
                     TaskPriority::Medium,
                     {u"feature"_s, u"backend"_s, u"perf"_s},
                     t0 + 4000),
            makeTask(u"task_5"_s,
                     m_project,
                     u"drop old API"_s,
                     TaskStatus::Cancelled,
                     TaskPriority::Medium,
                     {},
                     t0 + 5000,
                     u"Straße"_s),
            makeTask(u"task_6"_s,
                     m_other,
                     u"Other project"_s,
                     TaskStatus::Todo,
                     TaskPriority::High,
                     {u"feature"_s},
                     t0 + 6000),
        };
        auto seeded = Test::await(m_db->write([this, tasks](SqlConnection &sql) -> Result<bool> {
            for (const ProjectId &id : {m_project, m_other}) {
                Project project;
                project.id = id;
                project.name = id.toString();
                project.repoPath = u"/repo/"_s + id.toString();
                project.baseBranch = u"main"_s;
                project.createdAt = project.updatedAt = nowUtc();
                if (auto done = ProjectStore::insert(sql, project); !done)
                    return fail(done.error());
            }
            for (const Task &task : tasks) {
                if (auto done = TaskStore::insert(sql, task); !done)
                    return fail(done.error());
            }
            return true;
        }));
        QVERIFY(seeded && seeded->has_value());
    }

    void roundTripsEveryField()
    {
        auto found = Test::await(m_db->read(
            [](SqlConnection &sql) { return TaskStore::find(sql, TaskId(u"task_3"_s)); }));
        QVERIFY(found && found->has_value() && found->value());
        const Task &task = *found->value();
        QCOMPARE(task.title, u"Écrire la doc"_s);
        QCOMPARE(task.description, u"Documentation en français"_s);
        QCOMPARE(task.status, TaskStatus::Done);
        QCOMPARE(task.priority, TaskPriority::Low);
        QCOMPARE(task.labels, (QStringList{u"docs"_s, u"feature"_s}));
        QCOMPARE(task.createdAt.toMSecsSinceEpoch(), 1'760'000'003'000);
        QVERIFY(!task.llm);
    }

    void filters_data()
    {
        QTest::addColumn<TaskQuery>("query");
        QTest::addColumn<QStringList>("expected");
        auto byCreated = [](TaskQuery q) {
            q.sort = {{u"created_at"_s, false}};
            return q;
        };
        TaskQuery q;
        QTest::newRow("project")
            << byCreated({.projectId = m_project})
            << QStringList{u"task_1"_s, u"task_2"_s, u"task_3"_s, u"task_4"_s, u"task_5"_s};
        QTest::newRow("all projects") << byCreated({})
                                      << QStringList{u"task_1"_s,
                                                     u"task_2"_s,
                                                     u"task_3"_s,
                                                     u"task_4"_s,
                                                     u"task_5"_s,
                                                     u"task_6"_s};
        QTest::newRow("status") << byCreated(
            {.projectId = m_project, .statuses = {TaskStatus::Todo}})
                                << QStringList{u"task_1"_s};
        QTest::newRow("two statuses")
            << byCreated({.statuses = {TaskStatus::Done, TaskStatus::Cancelled}})
            << QStringList{u"task_3"_s, u"task_5"_s};
        QTest::newRow("priority") << byCreated({.priorities = {TaskPriority::High}})
                                  << QStringList{u"task_1"_s, u"task_6"_s};
        QTest::newRow("one label") << byCreated({.projectId = m_project, .labels = {u"feature"_s}})
                                   << QStringList{u"task_1"_s, u"task_3"_s, u"task_4"_s};
        QTest::newRow("all labels must match")
            << byCreated({.labels = {u"feature"_s, u"backend"_s}})
            << QStringList{u"task_1"_s, u"task_4"_s};
        QTest::newRow("unknown label") << byCreated({.labels = {u"nope"_s}}) << QStringList{};
        QTest::newRow("text in title, any case")
            << byCreated({.text = u"LOGIN"_s}) << QStringList{u"task_1"_s};
        QTest::newRow("text in description")
            << byCreated({.text = u"jwt"_s}) << QStringList{u"task_1"_s};
        QTest::newRow("unicode case folding")
            << byCreated({.text = u"écrire"_s}) << QStringList{u"task_3"_s};
        QTest::newRow("unicode upper case")
            << byCreated({.text = u"ÉCRIRE"_s}) << QStringList{u"task_3"_s};
        QTest::newRow("mixed scripts")
            << byCreated({.text = u"STRAßE"_s}) << QStringList{u"task_5"_s};
        QTest::newRow("combined") << byCreated(
            {.projectId = m_project,
             .statuses = {TaskStatus::Todo, TaskStatus::InReview},
             .labels = {u"backend"_s},
             .text = u"bench"_s}) << QStringList{u"task_4"_s};
    }

    void filters()
    {
        QFETCH(TaskQuery, query);
        QFETCH(QStringList, expected);
        QCOMPARE(ids(query), expected);
    }

    void sorting_data()
    {
        QTest::addColumn<QString>("sort");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("default is newest first")
            << QString()
            << QStringList{u"task_5"_s, u"task_4"_s, u"task_3"_s, u"task_2"_s, u"task_1"_s};
        QTest::newRow("created_at")
            << u"created_at"_s
            << QStringList{u"task_1"_s, u"task_2"_s, u"task_3"_s, u"task_4"_s, u"task_5"_s};
        QTest::newRow("-created_at")
            << u"-created_at"_s
            << QStringList{u"task_5"_s, u"task_4"_s, u"task_3"_s, u"task_2"_s, u"task_1"_s};
        QTest::newRow("updatedAt camelCase")
            << u"updatedAt"_s
            << QStringList{u"task_5"_s, u"task_4"_s, u"task_3"_s, u"task_2"_s, u"task_1"_s};
        QTest::newRow("priority ascending is low to urgent")
            << u"priority,created_at"_s
            << QStringList{u"task_3"_s, u"task_4"_s, u"task_5"_s, u"task_1"_s, u"task_2"_s};
        QTest::newRow("-priority,created_at")
            << u"-priority,created_at"_s
            << QStringList{u"task_2"_s, u"task_1"_s, u"task_4"_s, u"task_5"_s, u"task_3"_s};
        QTest::newRow("title ignores case")
            << u"title"_s
            << QStringList{u"task_1"_s, u"task_4"_s, u"task_5"_s, u"task_2"_s, u"task_3"_s};
        QTest::newRow("status in board order")
            << u"status"_s
            << QStringList{u"task_1"_s, u"task_2"_s, u"task_4"_s, u"task_3"_s, u"task_5"_s};
        QTest::newRow("-status")
            << u"-status"_s
            << QStringList{u"task_5"_s, u"task_3"_s, u"task_4"_s, u"task_2"_s, u"task_1"_s};
    }

    void sorting()
    {
        QFETCH(QString, sort);
        QFETCH(QStringList, expected);
        TaskQuery query{.projectId = m_project};
        if (!sort.isEmpty()) {
            auto keys = parseSort(sort, TaskQuery::sortFields());
            QVERIFY(keys);
            query.sort = *keys;
        }
        QCOMPARE(ids(query), expected);
    }

    void pagination()
    {
        TaskQuery query{.projectId = m_project, .sort = {{u"created_at"_s, false}}};
        query.page = {1, 2};
        auto first = list(query);
        QVERIFY(first);
        QCOMPARE(first->total, 5);
        QCOMPARE(first->pages(), 3);
        QVERIFY(first->hasNext());
        QVERIFY(!first->hasPrev());
        QCOMPARE(ids(query), (QStringList{u"task_1"_s, u"task_2"_s}));
        query.page = {3, 2};
        QCOMPARE(ids(query), (QStringList{u"task_5"_s}));
        auto last = list(query);
        QVERIFY(last && !last->hasNext() && last->hasPrev());

        query.page = {4, 2}; // past the last page: empty, but the total is still right
        auto past = list(query);
        QVERIFY(past);
        QVERIFY(past->items.isEmpty());
        QCOMPARE(past->total, 5);
        QVERIFY(!past->hasNext());

        query.page = {1, 100};
        QCOMPARE(list(query)->items.size(), 5);
    }

    void pageEdgesAreRefused_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QString>("field");
        QTest::newRow("page 0") << 0 << 20 << u"page"_s;
        QTest::newRow("negative page") << -1 << 20 << u"page"_s;
        QTest::newRow("limit 0") << 1 << 0 << u"limit"_s;
        QTest::newRow("limit 101") << 1 << 101 << u"limit"_s;
    }

    void pageEdgesAreRefused()
    {
        QFETCH(int, page);
        QFETCH(int, limit);
        QFETCH(QString, field);
        auto result = list(TaskQuery{.page = {page, limit}});
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Validation);
        QCOMPARE(result.error().field(), field);
    }

    void updateAndRemove()
    {
        auto changed = Test::await(m_db->write([](SqlConnection &sql) -> Result<Task> {
            auto found = TaskStore::find(sql, TaskId(u"task_2"_s));
            if (!found || !*found)
                return fail(Error::internal(u"missing"_s));
            Task task = **found;
            task.title = u"修复崩溃 🐛"_s;
            task.labels = {u"bug"_s, u"한국어"_s};
            if (auto done = TaskStore::update(sql, task); !done)
                return fail(done.error());
            return task;
        }));
        QVERIFY(changed && changed->has_value());
        QCOMPARE(ids({.text = u"🐛"_s}), QStringList{u"task_2"_s});
        QCOMPARE(ids({.labels = {u"한국어"_s}}), QStringList{u"task_2"_s});

        auto missing = Test::await(m_db->write([](SqlConnection &sql) -> Result<bool> {
            if (auto done = TaskStore::remove(sql, TaskId(u"task_nope"_s)); !done)
                return fail(done.error());
            return true;
        }));
        QVERIFY(missing && !missing->has_value());
        QCOMPARE(missing->error().code, ErrorCode::NotFound);
    }

    // The attempt summary on each task follows its attempts, whatever changes them.
    void attemptStateFollowsTheAttempts()
    {
        auto sql = [this](const QString &statement) {
            auto done = Test::await(m_db->write([statement](SqlConnection &c) -> Result<bool> {
                if (auto ran = c.exec(statement); !ran)
                    return fail(ran.error());
                return true;
            }));
            return done && done->has_value();
        };
        auto task = [this](const QString &id) {
            auto page = list({.text = {}, .page = {1, 100}});
            for (const Task &t : page ? page->items : QList<Task>()) {
                if (t.id.toString() == id)
                    return t.attempts;
            }
            return TaskAttemptState{};
        };
        auto attempt =
            [](const QString &id, const QString &taskId, const QString &status, int second) {
                return u"INSERT INTO attempts (id, task_id, llm, status, created_at, updated_at) "
                       "VALUES ('%1', '%2', 'claude', '%3', '2026-01-01T00:00:%4.000Z', "
                       "'2026-01-01T00:00:00.000Z')"_s.arg(id, taskId, status)
                           .arg(second, 2, 10, QChar(u'0'));
            };
        QCOMPARE(task(u"task_1"_s).attemptCount, 0);
        QVERIFY(!task(u"task_1"_s).latestStatus);

        QVERIFY(sql(attempt(u"attempt_a"_s, u"task_1"_s, u"failed"_s, 1)));
        QVERIFY(sql(attempt(u"attempt_b"_s, u"task_1"_s, u"running"_s, 2)));
        QVERIFY(sql(attempt(u"attempt_c"_s, u"task_2"_s, u"failed"_s, 3)));
        TaskAttemptState state = task(u"task_1"_s);
        QCOMPARE(state.attemptCount, 2);
        QCOMPARE(state.latestStatus, std::optional(AttemptStatus::Running));
        QVERIFY(state.hasRunningAttempt);
        QVERIFY(!state.lastAttemptFailed);
        QVERIFY(!state.hasMergedAttempt);
        QCOMPARE(ids({.hasRunningAttempt = true}), QStringList{u"task_1"_s});
        QCOMPARE(ids({.lastAttemptFailed = true}), QStringList{u"task_2"_s});
        QCOMPARE(ids({.latestAttemptStatuses = {AttemptStatus::Running, AttemptStatus::Failed},
                      .sort = {{u"created_at"_s, false}}}),
                 (QStringList{u"task_1"_s, u"task_2"_s}));

        // The running attempt fails: now the last one failed.
        QVERIFY(sql(u"UPDATE attempts SET status = 'failed' WHERE id = 'attempt_b'"_s));
        state = task(u"task_1"_s);
        QVERIFY(!state.hasRunningAttempt);
        QVERIFY(state.lastAttemptFailed);
        QCOMPARE(ids({.hasRunningAttempt = true}), QStringList{});
        QCOMPARE(ids({.projectId = m_project,
                      .lastAttemptFailed = false,
                      .sort = {{u"created_at"_s, false}}}),
                 (QStringList{u"task_3"_s, u"task_4"_s, u"task_5"_s}));

        // One is merged.
        QVERIFY(sql(u"UPDATE attempts SET status = 'completed', merged_at = "
                    "'2026-01-02T00:00:00.000Z' WHERE id = 'attempt_a'"_s));
        QVERIFY(task(u"task_1"_s).hasMergedAttempt);
        QCOMPARE(ids({.hasMergedAttempt = true}), QStringList{u"task_1"_s});
        QVERIFY(task(u"task_1"_s).lastAttemptFailed); // attempt_b is still the latest

        // Deleting the latest makes the earlier one the latest; deleting all clears the state.
        QVERIFY(sql(u"DELETE FROM attempts WHERE id = 'attempt_b'"_s));
        state = task(u"task_1"_s);
        QCOMPARE(state.attemptCount, 1);
        QCOMPARE(state.latestStatus, std::optional(AttemptStatus::Completed));
        QVERIFY(sql(u"DELETE FROM attempts"_s));
        for (const QString &id : {u"task_1"_s, u"task_2"_s}) {
            state = task(id);
            QCOMPARE(state.attemptCount, 0);
            QVERIFY(!state.latestStatus);
            QVERIFY(!state.hasRunningAttempt && !state.lastAttemptFailed && !state.hasMergedAttempt);
        }
    }
};

QTEST_GUILESS_MAIN(TestTaskStore)
#include "tst_taskstore.moc"
