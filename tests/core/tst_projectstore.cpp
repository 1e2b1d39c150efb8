// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attemptstore.h"
#include "core/database.h"
#include "core/projectstore.h"
#include "core/taskstore.h"
#include "tests/support/futures.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Core;

/// The projects table on a real SQLite file: every field, uniqueness, updates, cascading
/// deletes, sorting and paging.
class TestProjectStore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;

    static constexpr qint64 t0 = 1'760'000'000'000;

    static QDateTime at(qint64 offsetMs)
    {
        return QDateTime::fromMSecsSinceEpoch(t0 + offsetMs, Qt::UTC);
    }

    static Project makeProject(const QString &id, const QString &name, qint64 createdOffsetMs)
    {
        Project project;
        project.id = ProjectId(id);
        project.name = name;
        project.repoPath = u"/repos/"_s + id;
        project.baseBranch = u"main"_s;
        project.createdAt = at(createdOffsetMs);
        project.updatedAt = at(createdOffsetMs);
        return project;
    }

    template<typename F>
    auto write(F job) -> std::invoke_result_t<F &, SqlConnection &>
    {
        using R = std::invoke_result_t<F &, SqlConnection &>;
        auto result = Test::await(m_db->write(std::move(job)));
        return result ? *result : R(fail(Error::internal(u"timed out"_s)));
    }

    template<typename F>
    auto read(F job) -> std::invoke_result_t<F &, SqlConnection &>
    {
        using R = std::invoke_result_t<F &, SqlConnection &>;
        auto result = Test::await(m_db->read(std::move(job)));
        return result ? *result : R(fail(Error::internal(u"timed out"_s)));
    }

    Result<void> insert(const Project &project)
    {
        return write([project](SqlConnection &sql) { return ProjectStore::insert(sql, project); });
    }

    std::optional<Project> find(const ProjectId &id)
    {
        auto found = read([id](SqlConnection &sql) { return ProjectStore::find(sql, id); });
        return found ? *found : std::nullopt;
    }

    Result<Page<Project>> list(const ProjectQuery &query)
    {
        return read([query](SqlConnection &sql) { return ProjectStore::list(sql, query); });
    }

    QStringList listedIds(const ProjectQuery &query)
    {
        auto page = list(query);
        if (!page)
            return {u"error: "_s + page.error().message};
        QStringList ids;
        for (const Project &project : page->items)
            ids.append(project.id.toString());
        return ids;
    }

    qint64 count(const QString &table)
    {
        auto counted = read([table](SqlConnection &sql) -> Result<qint64> {
            auto statement = sql.prepare(u"SELECT COUNT(*) FROM "_s + table);
            if (!statement)
                return fail(statement.error());
            if (auto ran = statement->exec(); !ran)
                return fail(ran.error());
            return statement->next() ? statement->value(0).toLongLong() : -1;
        });
        return counted.value_or(-1);
    }

    /// Four projects whose names, creation and update times all sort differently.
    void seedFour()
    {
        QList<Project> projects{makeProject(u"proj_1"_s, u"beta"_s, 1000),
                                makeProject(u"proj_2"_s, u"Alpha"_s, 2000),
                                makeProject(u"proj_3"_s, u"delta"_s, 3000),
                                makeProject(u"proj_4"_s, u"Charlie"_s, 4000)};
        projects[0].updatedAt = at(40'000);
        projects[1].updatedAt = at(10'000);
        projects[2].updatedAt = at(30'000);
        projects[3].updatedAt = at(20'000);
        for (const Project &project : projects)
            QVERIFY(insert(project));
    }

private Q_SLOTS:
    // Every test starts from a fresh file, so the migration log would drown the output.
    void initTestCase() { QLoggingCategory::setFilterRules(u"forgedesk.database.info=false"_s); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(u"store.sqlite"_s);
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(path + suffix);
        auto db = Database::open(path);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        m_db = std::move(*db);
    }

    void cleanup() { m_db.reset(); }

    void aProjectReadsBackWithEveryField()
    {
        Project project = makeProject(u"proj_full"_s, u"Démo « 项目 » 🚀"_s, 123);
        project.repoPath = u"/home/me/code/my repo (1)"_s;
        project.baseBranch = u"feature/ünïcode"_s;
        project.setupScript = u"npm ci && echo \"ready\"\nexit 0"_s;
        project.devScript = u"npm run dev -- --port=5173"_s;
        project.cleanupScript = u""_s;
        project.copyFiles = {u".env"_s,
                             u"config/a, b.json"_s,
                             u"quote\"d"_s,
                             u"back\\slash"_s,
                             u"日本/設定.toml"_s,
                             u""_s};
        project.defaultLlm = u"claude"_s;
        project.updatedAt = at(456);
        QVERIFY(insert(project));

        const auto found = find(project.id);
        QVERIFY(found);
        QCOMPARE(found->id, project.id);
        QCOMPARE(found->name, project.name);
        QCOMPARE(found->repoPath, project.repoPath);
        QCOMPARE(found->baseBranch, project.baseBranch);
        QCOMPARE(found->setupScript, project.setupScript);
        QCOMPARE(found->devScript, project.devScript);
        // An empty script is kept as empty, not turned into "no script".
        QCOMPARE(found->cleanupScript, std::optional<QString>(u""_s));
        QCOMPARE(found->copyFiles, project.copyFiles);
        QCOMPARE(found->defaultLlm, project.defaultLlm);
        QCOMPARE(found->createdAt, project.createdAt);
        QCOMPARE(found->updatedAt, project.updatedAt);
        QCOMPARE(found->createdAt.toMSecsSinceEpoch(), t0 + 123);
    }

    void unsetOptionalFieldsReadBackUnset()
    {
        const Project project = makeProject(u"proj_min"_s, u"min"_s, 0);
        QVERIFY(insert(project));
        const auto found = find(project.id);
        QVERIFY(found);
        QVERIFY(!found->setupScript);
        QVERIFY(!found->devScript);
        QVERIFY(!found->cleanupScript);
        QVERIFY(!found->defaultLlm);
        QVERIFY(found->copyFiles.isEmpty());
    }

    void anUnknownProjectIsNotFoundWithoutAnError()
    {
        auto found = read(
            [](SqlConnection &sql) { return ProjectStore::find(sql, ProjectId(u"proj_nope"_s)); });
        QVERIFY(found);
        QVERIFY(!found->has_value());
        auto byPath = read(
            [](SqlConnection &sql) { return ProjectStore::findByRepoPath(sql, u"/nowhere"_s); });
        QVERIFY(byPath);
        QVERIFY(!byPath->has_value());
    }

    void aProjectIsFoundByItsExactRepositoryPath()
    {
        seedFour();
        auto byPath = read([](SqlConnection &sql) {
            return ProjectStore::findByRepoPath(sql, u"/repos/proj_3"_s);
        });
        QVERIFY(byPath && byPath->has_value());
        QCOMPARE(byPath->value().id, ProjectId(u"proj_3"_s));
        // No prefix matching, no case folding, no LIKE wildcards.
        for (const QString &near :
             {u"/repos/proj_"_s, u"/REPOS/proj_3"_s, u"/repos/proj_%"_s, u"/repos/proj_3/"_s}) {
            auto miss = read(
                [near](SqlConnection &sql) { return ProjectStore::findByRepoPath(sql, near); });
            QVERIFY(miss);
            QVERIFY2(!miss->has_value(), qPrintable(near));
        }
    }

    void aDuplicateIdOrRepositoryIsRefused()
    {
        const Project first = makeProject(u"proj_1"_s, u"one"_s, 0);
        QVERIFY(insert(first));
        Project sameId = makeProject(u"proj_1"_s, u"other"_s, 1);
        sameId.repoPath = u"/repos/elsewhere"_s;
        QVERIFY(!insert(sameId));
        Project sameRepo = makeProject(u"proj_2"_s, u"two"_s, 2);
        sameRepo.repoPath = first.repoPath;
        QVERIFY(!insert(sameRepo));
        QCOMPARE(count(u"projects"_s), 1);
        QCOMPARE(find(first.id)->name, u"one"_s);
    }

    void anUpdateWritesEveryFieldButTheCreationTime()
    {
        Project project = makeProject(u"proj_u"_s, u"before"_s, 0);
        project.setupScript = u"make"_s;
        project.defaultLlm = u"codex"_s;
        project.copyFiles = {u".env"_s};
        QVERIFY(insert(project));

        Project changed = project;
        changed.name = u"after"_s;
        changed.repoPath = u"/repos/moved"_s;
        changed.baseBranch = u"develop"_s;
        changed.setupScript = std::nullopt;
        changed.devScript = u"serve"_s;
        changed.copyFiles = {};
        changed.defaultLlm = std::nullopt;
        changed.createdAt = at(999'999); // not a column an update may change
        changed.updatedAt = at(5000);
        QVERIFY(write([changed](SqlConnection &sql) { return ProjectStore::update(sql, changed); }));

        const auto found = find(project.id);
        QVERIFY(found);
        QCOMPARE(found->name, u"after"_s);
        QCOMPARE(found->repoPath, u"/repos/moved"_s);
        QCOMPARE(found->baseBranch, u"develop"_s);
        QVERIFY(!found->setupScript);
        QCOMPARE(found->devScript, std::optional<QString>(u"serve"_s));
        QVERIFY(found->copyFiles.isEmpty());
        QVERIFY(!found->defaultLlm);
        QCOMPARE(found->updatedAt, at(5000));
        QCOMPARE(found->createdAt, project.createdAt);
    }

    void updatingAnUnknownProjectIsNotFound()
    {
        const Project ghost = makeProject(u"proj_ghost"_s, u"ghost"_s, 0);
        auto updated = write(
            [ghost](SqlConnection &sql) { return ProjectStore::update(sql, ghost); });
        QVERIFY(!updated);
        QCOMPARE(updated.error().code, ErrorCode::NotFound);
        QVERIFY(updated.error().message.contains(u"proj_ghost"_s));
        QCOMPARE(count(u"projects"_s), 0);
    }

    void anUpdateCannotTakeAnotherProjectsRepository()
    {
        seedFour();
        Project project = *find(ProjectId(u"proj_1"_s));
        project.repoPath = u"/repos/proj_2"_s;
        QVERIFY(
            !write([project](SqlConnection &sql) { return ProjectStore::update(sql, project); }));
        QCOMPARE(find(ProjectId(u"proj_1"_s))->repoPath, u"/repos/proj_1"_s);
    }

    void removingAProjectRemovesItsTasksAttemptsAndProcesses()
    {
        seedFour();
        auto seeded = write([](SqlConnection &sql) -> Result<bool> {
            for (int i = 0; i < 3; ++i) {
                Task task;
                task.id = TaskId(u"task_%1"_s.arg(i));
                task.projectId = ProjectId(i < 2 ? u"proj_1"_s : u"proj_2"_s);
                task.title = u"t"_s;
                task.createdAt = task.updatedAt = at(10 + i);
                if (auto done = TaskStore::insert(sql, task); !done)
                    return fail(done.error());
            }
            Attempt attempt;
            attempt.id = AttemptId(u"attempt_0"_s);
            attempt.taskId = TaskId(u"task_0"_s);
            attempt.llm = u"claude"_s;
            attempt.createdAt = attempt.updatedAt = at(20);
            if (auto done = AttemptStore::insert(sql, attempt); !done)
                return fail(done.error());
            ExecutionProcess process;
            process.id = ProcessId(u"proc_0"_s);
            process.attemptId = attempt.id;
            process.createdAt = at(21);
            if (auto done = AttemptStore::insert(sql, process); !done)
                return fail(done.error());
            return true;
        });
        QVERIFY2(seeded, qPrintable(seeded ? QString() : seeded.error().message));

        auto removed = write(
            [](SqlConnection &sql) { return ProjectStore::remove(sql, ProjectId(u"proj_1"_s)); });
        QVERIFY2(removed, qPrintable(removed ? QString() : removed.error().message));
        QCOMPARE(*removed, (QList<TaskId>{TaskId(u"task_0"_s), TaskId(u"task_1"_s)}));
        QVERIFY(!find(ProjectId(u"proj_1"_s)));
        QCOMPARE(count(u"projects"_s), 3);
        QCOMPARE(count(u"tasks"_s), 1); // the other project's task stays
        QCOMPARE(count(u"attempts"_s), 0);
        QCOMPARE(count(u"processes"_s), 0);
    }

    void removingAnUnknownProjectIsNotFound()
    {
        seedFour();
        auto removed = write(
            [](SqlConnection &sql) { return ProjectStore::remove(sql, ProjectId(u"proj_9"_s)); });
        QVERIFY(!removed);
        QCOMPARE(removed.error().code, ErrorCode::NotFound);
        QCOMPARE(count(u"projects"_s), 4);
    }

    void listsNewestFirstByDefault()
    {
        seedFour();
        auto page = list({});
        QVERIFY(page);
        QCOMPARE(page->total, 4);
        QCOMPARE(listedIds({}), (QStringList{u"proj_4"_s, u"proj_3"_s, u"proj_2"_s, u"proj_1"_s}));
    }

    void listsSortedByAnyAllowedField_data()
    {
        QTest::addColumn<QString>("sort");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("name ignores case")
            << u"name"_s << QStringList{u"proj_2"_s, u"proj_1"_s, u"proj_4"_s, u"proj_3"_s};
        QTest::newRow("-name") << u"-name"_s
                               << QStringList{u"proj_3"_s, u"proj_4"_s, u"proj_1"_s, u"proj_2"_s};
        QTest::newRow("created_at")
            << u"created_at"_s << QStringList{u"proj_1"_s, u"proj_2"_s, u"proj_3"_s, u"proj_4"_s};
        QTest::newRow("updatedAt")
            << u"updatedAt"_s << QStringList{u"proj_2"_s, u"proj_4"_s, u"proj_3"_s, u"proj_1"_s};
        QTest::newRow("-updated_at")
            << u"-updated_at"_s << QStringList{u"proj_1"_s, u"proj_3"_s, u"proj_4"_s, u"proj_2"_s};
    }

    void listsSortedByAnyAllowedField()
    {
        QFETCH(QString, sort);
        QFETCH(QStringList, expected);
        seedFour();
        auto keys = parseSort(sort, ProjectQuery::sortFields());
        QVERIFY2(keys, qPrintable(keys ? QString() : keys.error().message));
        QCOMPARE(listedIds({.sort = *keys}), expected);
    }

    void equalNamesKeepInsertionOrder()
    {
        QVERIFY(insert(makeProject(u"proj_a"_s, u"same"_s, 3000)));
        QVERIFY(insert(makeProject(u"proj_b"_s, u"Same"_s, 1000)));
        QVERIFY(insert(makeProject(u"proj_c"_s, u"SAME"_s, 2000)));
        QCOMPARE(listedIds({.sort = {{u"name"_s, false}}}),
                 (QStringList{u"proj_a"_s, u"proj_b"_s, u"proj_c"_s}));
        QCOMPARE(listedIds({.sort = {{u"name"_s, true}}}),
                 (QStringList{u"proj_c"_s, u"proj_b"_s, u"proj_a"_s}));
    }

    void pagesCoverEveryProjectOnce()
    {
        seedFour();
        const QList<SortKey> byCreation{{u"created_at"_s, false}};
        QStringList seen;
        for (int page = 1; page <= 3; ++page) {
            auto result = list({.sort = byCreation, .page = {page, 3}});
            QVERIFY(result);
            QCOMPARE(result->total, 4);
            QCOMPARE(result->pages(), 2);
            QCOMPARE(result->hasPrev(), page > 1);
            QCOMPARE(result->hasNext(), page < 2);
            for (const Project &project : result->items)
                seen.append(project.id.toString());
            QCOMPARE(result->items.size(), page == 1 ? 3 : page == 2 ? 1 : 0);
        }
        QCOMPARE(seen, (QStringList{u"proj_1"_s, u"proj_2"_s, u"proj_3"_s, u"proj_4"_s}));

        auto one = list({.sort = byCreation, .page = {4, 1}});
        QVERIFY(one);
        QCOMPARE(one->items.size(), 1);
        QCOMPARE(one->items.first().id, ProjectId(u"proj_4"_s));
        QVERIFY(!one->hasNext());
        QCOMPARE(list({.page = {1, PageRequest::maxLimit}})->items.size(), 4);
    }

    void anEmptyTableGivesAnEmptyPage()
    {
        auto page = list({});
        QVERIFY(page);
        QVERIFY(page->items.isEmpty());
        QCOMPARE(page->total, 0);
        QCOMPARE(page->pages(), 0);
        QVERIFY(!page->hasNext());
        QVERIFY(!page->hasPrev());
        auto all = read([](SqlConnection &sql) { return ProjectStore::all(sql); });
        QVERIFY(all);
        QVERIFY(all->isEmpty());
    }

    void badPagesAreRefusedNamingTheField_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QString>("field");
        QTest::newRow("page 0") << 0 << 20 << u"page"_s;
        QTest::newRow("negative page") << -5 << 20 << u"page"_s;
        QTest::newRow("limit 0") << 1 << 0 << u"limit"_s;
        QTest::newRow("negative limit") << 1 << -1 << u"limit"_s;
        QTest::newRow("limit above the maximum") << 1 << PageRequest::maxLimit + 1 << u"limit"_s;
    }

    void badPagesAreRefusedNamingTheField()
    {
        QFETCH(int, page);
        QFETCH(int, limit);
        QFETCH(QString, field);
        auto result = list({.page = {page, limit}});
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Validation);
        QCOMPARE(result.error().field(), field);
    }

    void allListsEveryProjectByNameIgnoringCase()
    {
        seedFour();
        auto all = read([](SqlConnection &sql) { return ProjectStore::all(sql); });
        QVERIFY(all);
        QStringList names;
        for (const Project &project : *all)
            names.append(project.name);
        QCOMPARE(names, (QStringList{u"Alpha"_s, u"beta"_s, u"Charlie"_s, u"delta"_s}));
    }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "tst_projectstore.moc"
