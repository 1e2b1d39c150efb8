// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/gitrepository.h"
#include "tests/support/tempgitrepo.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <git2.h>

using namespace Qt::StringLiterals;

class TestGitRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inspectsARepository()
    {
        Test::TempGitRepo repo(u"main"_s);
        QVERIFY(repo.createBranch(u"feature/x"_s));
        auto info = Core::GitRepository::inspect(repo.path(), u"repoPath"_s);
        QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->topLevel, repo.path());
        QCOMPARE(info->currentBranch, u"main"_s);
        QVERIFY(!info->headUnborn);
        QVERIFY(info->localBranches.contains(u"main"_s));
        QVERIFY(info->localBranches.contains(u"feature/x"_s));
    }

    void followsSymlinksToTheCanonicalPath()
    {
        Test::TempGitRepo repo;
        QTemporaryDir links;
        const QString link = links.filePath(u"link"_s);
        QVERIFY(QFile::link(repo.path(), link));
        auto info = Core::GitRepository::inspect(link, u"repoPath"_s);
        QVERIFY(info);
        QCOMPARE(info->topLevel, repo.path());
    }

    void seesTheBranchOfARepositoryWithoutCommits()
    {
        QTemporaryDir dir;
        Core::GitRepository::ensureInitialised();
        git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
        options.initial_head = "develop";
        git_repository *repo = nullptr;
        QCOMPARE(git_repository_init_ext(&repo, QFile::encodeName(dir.path()).constData(), &options),
                 0);
        git_repository_free(repo);
        auto info = Core::GitRepository::inspect(dir.path(), u"repoPath"_s);
        QVERIFY(info);
        QVERIFY(info->headUnborn);
        QCOMPARE(info->currentBranch, u"develop"_s);
        QVERIFY(info->localBranches.isEmpty());
    }

    void refusesALinkedWorktree()
    {
        Test::TempGitRepo repo;
        QTemporaryDir dir;
        const QString worktreePath = dir.filePath(u"wt"_s);
        git_repository *main = nullptr;
        QCOMPARE(git_repository_open(&main, QFile::encodeName(repo.path()).constData()), 0);
        git_worktree *worktree = nullptr;
        QCOMPARE(git_worktree_add(&worktree,
                                  main,
                                  "wt",
                                  QFile::encodeName(worktreePath).constData(),
                                  nullptr),
                 0);
        git_worktree_free(worktree);
        git_repository_free(main);
        auto info = Core::GitRepository::inspect(worktreePath, u"repoPath"_s);
        QVERIFY(!info);
        QVERIFY2(info.error().message.contains(u"linked worktree"_s),
                 qPrintable(info.error().message));
        QVERIFY(info.error().message.contains(repo.path()));
    }

    void namesTheFieldInErrors()
    {
        auto info = Core::GitRepository::inspect(u"relative/path"_s, u"somewhere"_s);
        QVERIFY(!info);
        QCOMPARE(info.error().code, Core::ErrorCode::Validation);
        QCOMPARE(info.error().field(), u"somewhere"_s);
    }
};

QTEST_GUILESS_MAIN(TestGitRepository)
#include "tst_gitrepository.moc"
