// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/projectservice.h"
#include "core/taskservice.h"
#include "tests/support/futures.h"
#include "tests/support/tempgitrepo.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <git2.h>

using namespace Qt::StringLiterals;
using namespace Core;

class TestProjectService final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<Engine> m_engine;
    QList<Event> m_events;

    Result<Project> create(const NewProject &input)
    {
        auto result = Test::await(m_engine->projects().create(input));
        return result ? *result : fail(Error::internal(u"timeout"_s));
    }

private Q_SLOTS:
    void init()
    {
        m_engine.reset();
        QDir(m_dataDir.path()).removeRecursively();
        auto engine = Engine::open(m_dataDir.path());
        QVERIFY(engine);
        m_engine = std::move(*engine);
        m_events.clear();
        connect(&m_engine->events(), &EventBus::published, this, [this](const Event &event) {
            m_events.append(event);
        });
    }

    void cleanup() { m_engine.reset(); }

    void createsAProjectForARepository()
    {
        Test::TempGitRepo repo(u"trunk"_s);
        QVERIFY(repo.isValid());
        auto project = create({.name = u"  Demo  "_s,
                               .repoPath = repo.path(),
                               .copyFiles = {u".env"_s, u"./config/a.json"_s}});
        QVERIFY2(project, qPrintable(project ? QString() : project.error().message));
        QVERIFY(project->id.toString().startsWith(u"proj_"_s));
        QCOMPARE(project->name, u"Demo"_s);
        QCOMPARE(project->repoPath, repo.path());
        QCOMPARE(project->baseBranch, u"trunk"_s); // the repository's current branch
        QCOMPARE(project->copyFiles, (QStringList{u".env"_s, u"config/a.json"_s}));
        QTRY_COMPARE(m_events.size(), 1);
        const auto *event = std::get_if<ProjectEvent>(&m_events.first());
        QVERIFY(event);
        QCOMPARE(event->kind, ChangeKind::Created);
        QCOMPARE(event->project.id, project->id);

        auto fetched = Test::await(m_engine->projects().get(project->id));
        QVERIFY(fetched && fetched->has_value());
        QCOMPARE((*fetched)->repoPath, repo.path());
        auto byPath = Test::await(m_engine->projects().findByRepoPath(repo.path() + u"/."_s));
        QVERIFY(byPath && byPath->has_value() && byPath->value());
        QCOMPARE(byPath->value()->id, project->id);
    }

    void refusesWhatIsNotARepositoryTopLevel_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("empty") << QString() << u"required"_s;
        QTest::newRow("relative") << u"some/dir"_s << u"absolute"_s;
        QTest::newRow("missing") << u"/nonexistent/forgedesk/repo"_s << u"does not exist"_s;
        QTest::newRow("a file") << u"/etc/hostname"_s << u"not a directory"_s;
        QTest::newRow("no repository")
            << QDir::tempPath() << u"not the top level of a git repository"_s;
    }

    void refusesWhatIsNotARepositoryTopLevel()
    {
        QFETCH(QString, path);
        QFETCH(QString, fragment);
        auto project = create({.name = u"X"_s, .repoPath = path});
        QVERIFY(!project);
        QCOMPARE(project.error().code, ErrorCode::Validation);
        QCOMPARE(project.error().field(), u"repoPath"_s);
        QVERIFY2(project.error().message.contains(fragment), qPrintable(project.error().message));
        QTest::qWait(20);
        QVERIFY(m_events.isEmpty());
    }

    void refusesASubdirectoryAndABareRepository()
    {
        Test::TempGitRepo repo;
        QVERIFY(QDir(repo.path()).mkpath(u"src/inner"_s));
        auto sub = create({.name = u"X"_s, .repoPath = repo.path() + u"/src/inner"_s});
        QVERIFY(!sub);
        QVERIFY2(sub.error().message.contains(repo.path()), qPrintable(sub.error().message));

        QTemporaryDir bareDir;
        git_libgit2_init();
        git_repository *bare = nullptr;
        QCOMPARE(git_repository_init(&bare, QFile::encodeName(bareDir.path()).constData(), 1), 0);
        git_repository_free(bare);
        auto bareProject = create({.name = u"X"_s, .repoPath = bareDir.path()});
        QVERIFY(!bareProject);
        QVERIFY2(bareProject.error().message.contains(u"bare"_s),
                 qPrintable(bareProject.error().message));
    }

    void refusesASecondProjectForTheSameRepository()
    {
        Test::TempGitRepo repo;
        QVERIFY(create({.name = u"One"_s, .repoPath = repo.path()}));
        auto second = create({.name = u"Two"_s, .repoPath = repo.path()});
        QVERIFY(!second);
        QCOMPARE(second.error().code, ErrorCode::Conflict);
    }

    void validatesTheOtherFields_data()
    {
        QTest::addColumn<NewProject>("input");
        QTest::addColumn<QString>("field");
        QTest::newRow("blank name") << NewProject{.name = u"   "_s} << u"name"_s;
        QTest::newRow("long name") << NewProject{.name = QString(300, u'x')} << u"name"_s;
        QTest::newRow("copy escapes")
            << NewProject{.name = u"x"_s, .copyFiles = {u"../secret"_s}} << u"copyFiles"_s;
        QTest::newRow("copy absolute")
            << NewProject{.name = u"x"_s, .copyFiles = {u"/etc/passwd"_s}} << u"copyFiles"_s;
        QTest::newRow("copy the whole repository")
            << NewProject{.name = u"x"_s, .copyFiles = {u"./"_s}} << u"copyFiles"_s;
        QTest::newRow("copy the worktrees")
            << NewProject{.name = u"x"_s, .copyFiles = {u".forge/worktrees"_s}} << u"copyFiles"_s;
        QTest::newRow("copy git's files")
            << NewProject{.name = u"x"_s, .copyFiles = {u".git"_s}} << u"copyFiles"_s;
        QTest::newRow("bad llm") << NewProject{.name = u"x"_s, .defaultLlm = u"Claude Code!"_s}
                                 << u"defaultLlm"_s;
        QTest::newRow("bad branch")
            << NewProject{.name = u"x"_s, .baseBranch = u"a..b"_s} << u"baseBranch"_s;
    }

    void validatesTheOtherFields()
    {
        QFETCH(NewProject, input);
        QFETCH(QString, field);
        Test::TempGitRepo repo;
        input.repoPath = repo.path();
        auto project = create(input);
        QVERIFY(!project);
        QCOMPARE(project.error().field(), field);
    }

    void checksTheBaseBranchExists()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.createBranch(u"develop"_s));
        QVERIFY(create({.name = u"Dev"_s, .repoPath = repo.path(), .baseBranch = u"develop"_s}));
        Test::TempGitRepo other;
        auto missing = create({.name = u"X"_s, .repoPath = other.path(), .baseBranch = u"nope"_s});
        QVERIFY(!missing);
        QCOMPARE(missing.error().field(), u"baseBranch"_s);
    }

    void updatesAndRemovesWithItsTasks()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.createBranch(u"develop"_s));
        auto project = create({.name = u"P"_s, .repoPath = repo.path()});
        QVERIFY(project);
        auto updated = Test::await(
            m_engine->projects().update(project->id,
                                        {.name = u"Renamed"_s,
                                         .baseBranch = u"develop"_s,
                                         .setupScript = std::optional<QString>(u"npm ci"_s)}));
        QVERIFY(updated && updated->has_value());
        QCOMPARE((*updated)->name, u"Renamed"_s);
        QCOMPARE((*updated)->baseBranch, u"develop"_s);
        QCOMPARE((*updated)->setupScript.value_or(QString()), u"npm ci"_s);
        auto cleared = Test::await(
            m_engine->projects().update(project->id, {.setupScript = std::optional<QString>()}));
        QVERIFY(cleared && cleared->has_value());
        QVERIFY(!(*cleared)->setupScript);
        auto badBranch = Test::await(
            m_engine->projects().update(project->id, {.baseBranch = u"ghost"_s}));
        QVERIFY(badBranch && !badBranch->has_value());

        auto task = Test::await(
            m_engine->tasks().create({.projectId = project->id, .title = u"T"_s}));
        QVERIFY(task && task->has_value());
        m_events.clear();
        auto removed = Test::await(m_engine->projects().remove(project->id));
        QVERIFY(removed && removed->has_value());
        QTRY_COMPARE(m_events.size(), 2);
        const auto *taskGone = std::get_if<TaskEvent>(&m_events.at(0));
        QVERIFY(taskGone && taskGone->kind == ChangeKind::Deleted
                && taskGone->task.id == (*task)->id);
        const auto *projectGone = std::get_if<ProjectEvent>(&m_events.at(1));
        QVERIFY(projectGone && projectGone->kind == ChangeKind::Deleted);
        auto gone = Test::await(m_engine->tasks().get((*task)->id));
        QVERIFY(gone && !gone->has_value());
        QCOMPARE(gone->error().code, ErrorCode::NotFound);
        auto again = Test::await(m_engine->projects().remove(project->id));
        QVERIFY(again && !again->has_value());
        QCOMPARE(again->error().code, ErrorCode::NotFound);
    }

    void listsWithPaging()
    {
        std::vector<std::unique_ptr<Test::TempGitRepo>> repos;
        for (int i = 0; i < 3; ++i) {
            repos.push_back(std::make_unique<Test::TempGitRepo>());
            QVERIFY(create({.name = u"P%1"_s.arg(i), .repoPath = repos.back()->path()}));
        }
        auto page = Test::await(
            m_engine->projects().list({.sort = {{u"name"_s, false}}, .page = {1, 2}}));
        QVERIFY(page && page->has_value());
        QCOMPARE((*page)->total, 3);
        QCOMPARE((*page)->items.size(), 2);
        QCOMPARE((*page)->items.first().name, u"P0"_s);
        auto all = Test::await(m_engine->projects().all());
        QVERIFY(all && all->has_value());
        QCOMPARE((*all)->size(), 3);
    }
};

Q_DECLARE_METATYPE(Core::NewProject)
QTEST_GUILESS_MAIN(TestProjectService)
#include "tst_projectservice.moc"
