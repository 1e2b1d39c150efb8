// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/gitrepository.h"
#include "core/gitworktree.h"
#include "tests/support/tempgitrepo.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <git2.h>

using namespace Qt::StringLiterals;
using namespace Core;

/// Attempt worktrees on real repositories: where they go, what they leave alone, commits and
/// change statistics, copying files in, and removal. The repositories are inspected with
/// libgit2 directly, not through the code under test.
class TestGitWorktree final : public QObject
{
    Q_OBJECT

private:
    static QString worktreePath(const Test::TempGitRepo &repo, const QString &slug)
    {
        return repo.path() + u"/.forge/worktrees/"_s + slug;
    }

    static bool writeFile(const QString &path, const QByteArray &content)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    }

    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    struct Repo
    {
        git_repository *raw = nullptr;
        explicit Repo(const QString &path)
        {
            GitRepository::ensureInitialised();
            git_repository_open(&raw, QFile::encodeName(path).constData());
        }
        ~Repo() { git_repository_free(raw); }
        Repo(const Repo &) = delete;
        Repo &operator=(const Repo &) = delete;
    };

    /// The branch HEAD points at ("main"), or empty.
    static QString headBranch(const QString &path)
    {
        Repo repo(path);
        git_reference *head = nullptr;
        if (!repo.raw || git_repository_head(&head, repo.raw) != 0)
            return {};
        const QString name = QString::fromUtf8(git_reference_shorthand(head));
        git_reference_free(head);
        return name;
    }

    /// The commit a local branch points at, or empty when there is no such branch.
    static QString branchTarget(const QString &path, const QString &branch)
    {
        Repo repo(path);
        git_reference *ref = nullptr;
        if (!repo.raw
            || git_branch_lookup(&ref, repo.raw, branch.toUtf8().constData(), GIT_BRANCH_LOCAL) != 0)
            return {};
        char text[GIT_OID_HEXSZ + 1] = {};
        git_oid_tostr(text, sizeof(text), git_reference_target(ref));
        git_reference_free(ref);
        return QString::fromLatin1(text);
    }

    /// `git status` of the working tree at path, one "flags path" line per entry, sorted.
    static QStringList status(const QString &path)
    {
        Repo repo(path);
        if (!repo.raw)
            return {u"<no repository>"_s};
        git_status_options options = GIT_STATUS_OPTIONS_INIT;
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
        git_status_list *list = nullptr;
        if (git_status_list_new(&list, repo.raw, &options) != 0)
            return {u"<no status>"_s};
        QStringList lines;
        const size_t count = git_status_list_entrycount(list);
        for (size_t i = 0; i < count; ++i) {
            const git_status_entry *entry = git_status_byindex(list, i);
            const git_diff_delta *delta = entry->index_to_workdir ? entry->index_to_workdir
                                                                  : entry->head_to_index;
            lines.append(QString::number(entry->status) + u' '
                         + QString::fromUtf8(delta->new_file.path));
        }
        git_status_list_free(list);
        lines.sort();
        return lines;
    }

    /// Stages path in the repository's index, as `git add` would.
    static bool stage(const QString &repoPath, const QString &relative)
    {
        Repo repo(repoPath);
        git_index *index = nullptr;
        if (!repo.raw || git_repository_index(&index, repo.raw) != 0)
            return false;
        const bool ok = git_index_add_bypath(index, relative.toUtf8().constData()) == 0
                        && git_index_write(index) == 0;
        git_index_free(index);
        return ok;
    }

    static QString commitMessage(const QString &path, const QString &sha)
    {
        Repo repo(path);
        git_oid oid;
        git_commit *commit = nullptr;
        if (!repo.raw || git_oid_fromstr(&oid, sha.toLatin1().constData()) != 0
            || git_commit_lookup(&commit, repo.raw, &oid) != 0)
            return {};
        const QString message = QString::fromUtf8(git_commit_message(commit));
        git_commit_free(commit);
        return message;
    }

    static bool worktreeRegistered(const QString &repoPath, const QString &name)
    {
        Repo repo(repoPath);
        git_worktree *worktree = nullptr;
        if (!repo.raw || git_worktree_lookup(&worktree, repo.raw, name.toUtf8().constData()) != 0)
            return false;
        git_worktree_free(worktree);
        return true;
    }

    static int excludeLines(const QString &repoPath)
    {
        const QList<QByteArray> lines = readFile(repoPath + u"/.git/info/exclude"_s).split('\n');
        return int(std::count(lines.begin(), lines.end(), QByteArray("/.forge/")));
    }

private Q_SLOTS:
    void slugsAreLowerCaseWordsJoinedByDashes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("slug");
        QTest::newRow("documented example") << u"Add JWT login!"_s << u"add-jwt-login"_s;
        QTest::newRow("runs of separators")
            << u"  --Fix   the__parser--  "_s << u"fix-the-parser"_s;
        QTest::newRow("digits") << u"Bump v2.0 to 3"_s << u"bump-v2-0-to-3"_s;
        QTest::newRow("shell characters") << u"$(rm -rf /); `x`"_s << u"rm-rf-x"_s;
        QTest::newRow("path characters") << u"../../etc/passwd"_s << u"etc-passwd"_s;
        QTest::newRow("emoji") << u"🐛 fix crash 🔥"_s << u"fix-crash"_s;
        QTest::newRow("accents") << u"Crème brûlée für Öl"_s << u"creme-brulee-fur-ol"_s;
        QTest::newRow("no latin letters") << u"日本語のタスク"_s << u"task"_s;
        QTest::newRow("only punctuation") << u"!!! ??? ..."_s << u"task"_s;
        QTest::newRow("empty") << QString() << u"task"_s;
        QTest::newRow("exactly 24")
            << u"abcdefghijkl mnopqrstuvw"_s << u"abcdefghijkl-mnopqrstuvw"_s;
        QTest::newRow("cut inside a word")
            << u"Refactor the entire persistence layer"_s << u"refactor-the-entire-pers"_s;
        QTest::newRow("a dash would be the 24th character")
            << u"abcdefghijklmnopqrstuvw xyz"_s << u"abcdefghijklmnopqrstuvw"_s;
        QTest::newRow("a word would start at the 25th character")
            << u"abcdefghijklmnopqrstuv wxyz"_s << u"abcdefghijklmnopqrstuv-w"_s;
    }

    void slugsAreLowerCaseWordsJoinedByDashes()
    {
        QFETCH(QString, text);
        QFETCH(QString, slug);
        QCOMPARE(GitWorktree::slug(text), slug);
    }

    void aSlugIsAlwaysASafeBranchComponent_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("maxLength");
        QTest::newRow("accents") << u"Crème brûlée für Öl"_s << 24;
        QTest::newRow("dotted capital I") << u"İSTANBUL İÇİN"_s << 24;
        QTest::newRow("mixed scripts") << u"Ελληνικά and English и русский"_s << 24;
        QTest::newRow("combining marks") << u"e\u0301e\u0301 cafe\u0301"_s << 24;
        QTest::newRow("very long") << u"word "_s.repeated(2000) << 24;
        QTest::newRow("very long, no spaces") << u"x"_s.repeated(10000) << 24;
        QTest::newRow("alternating") << u"a b "_s.repeated(100) << 24;
        QTest::newRow("short limit") << u"ab cd ef"_s << 3;
        QTest::newRow("limit of one") << u"ab cd"_s << 1;
        QTest::newRow("limit of two") << u"a b c"_s << 2;
        QTest::newRow("long limit") << u"alpha beta gamma delta epsilon zeta"_s << 100;
    }

    void aSlugIsAlwaysASafeBranchComponent()
    {
        QFETCH(QString, text);
        QFETCH(int, maxLength);
        const QString slug = GitWorktree::slug(text, maxLength);
        static const QRegularExpression safe(u"^[a-z0-9]+(-[a-z0-9]+)*$"_s);
        QVERIFY2(safe.match(slug).hasMatch(), qPrintable(slug));
        if (slug != "task"_L1)
            QVERIFY2(slug.size() <= maxLength, qPrintable(slug));
    }

    void aShortLimitCutsAtAWordBoundaryRatherThanEndInADash()
    {
        QCOMPARE(GitWorktree::slug(u"ab cd"_s, 3), u"ab"_s);
        QCOMPARE(GitWorktree::slug(u"ab cd"_s, 4), u"ab-c"_s);
        QCOMPARE(GitWorktree::slug(u"hello world"_s, 5), u"hello"_s);
        QCOMPARE(GitWorktree::slug(u"hello world"_s, 7), u"hello-w"_s);
    }

    void createsAWorktreeOnANewBranchFromTheBaseBranch()
    {
        Test::TempGitRepo repo(u"main"_s);
        QVERIFY(repo.isValid());
        QVERIFY(repo.createBranch(u"release"_s));
        const QString releaseCommit = branchTarget(repo.path(), u"release"_s);
        // main moves on: the worktree must start from release, not from the checkout.
        QVERIFY(repo.commitFile(u"only-on-main.txt"_s, "main\n", u"Main only"_s));
        QVERIFY(branchTarget(repo.path(), u"main"_s) != releaseCommit);

        const QString path = worktreePath(repo, u"add-login-k3j9x2ab"_s);
        auto info
            = GitWorktree::create(repo.path(), u"release"_s, path, u"forge/add-login-k3j9x2ab"_s);
        QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->path, path);
        QCOMPARE(info->branch, u"forge/add-login-k3j9x2ab"_s);
        QCOMPARE(info->baseCommit, releaseCommit);
        QCOMPARE(branchTarget(repo.path(), u"forge/add-login-k3j9x2ab"_s), releaseCommit);

        QVERIFY(QFileInfo(path + u"/.git"_s).isFile()); // a linked worktree, not a clone
        QCOMPARE(headBranch(path), u"forge/add-login-k3j9x2ab"_s);
        QCOMPARE(readFile(path + u"/README.md"_s), QByteArray("# test repository\n"));
        QVERIFY(!QFile::exists(path + u"/only-on-main.txt"_s));
        QVERIFY(status(path).isEmpty());
        auto head = GitWorktree::headCommit(path);
        QVERIFY(head);
        QCOMPARE(*head, releaseCommit);
        QVERIFY(worktreeRegistered(repo.path(), u"add-login-k3j9x2ab"_s));
    }

    void theUsersCheckoutIsNotTouched()
    {
        Test::TempGitRepo repo(u"main"_s);
        QVERIFY(repo.isValid());
        QVERIFY(repo.commitFile(u"src/app.c"_s, "int main(void) { return 0; }\n", u"App"_s));
        // The user is in the middle of something: a change, a staged file, an untracked one.
        QVERIFY(writeFile(repo.path() + u"/README.md"_s, "# my local edit\n"));
        QVERIFY(writeFile(repo.path() + u"/staged.txt"_s, "staged\n"));
        QVERIFY(stage(repo.path(), u"staged.txt"_s));
        QVERIFY(writeFile(repo.path() + u"/notes.txt"_s, "untracked\n"));
        const QStringList statusBefore = status(repo.path());
        QCOMPARE(statusBefore.size(), 3);
        const QString headBefore = branchTarget(repo.path(), u"main"_s);
        const QByteArray indexBefore = readFile(repo.path() + u"/.git/index"_s);

        const QString path = worktreePath(repo, u"wt"_s);
        auto info = GitWorktree::create(repo.path(), u"main"_s, path, u"forge/wt"_s);
        QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        // The worktree has the committed state, not the user's edits.
        QCOMPARE(readFile(path + u"/README.md"_s), QByteArray("# test repository\n"));
        QVERIFY(!QFile::exists(path + u"/staged.txt"_s));
        QVERIFY(!QFile::exists(path + u"/notes.txt"_s));

        QVERIFY(writeFile(path + u"/src/app.c"_s, "int main(void) { return 1; }\n"));
        auto committed = GitWorktree::commitAll(path, u"Agent work"_s);
        QVERIFY(committed && *committed);

        QCOMPARE(headBranch(repo.path()), u"main"_s);
        QCOMPARE(branchTarget(repo.path(), u"main"_s), headBefore);
        QCOMPARE(readFile(repo.path() + u"/.git/index"_s), indexBefore);
        QCOMPARE(readFile(repo.path() + u"/README.md"_s), QByteArray("# my local edit\n"));
        QCOMPARE(readFile(repo.path() + u"/src/app.c"_s),
                 QByteArray("int main(void) { return 0; }\n"));
        // The worktree under .forge/ does not show up in the user's status.
        QCOMPARE(status(repo.path()), statusBefore);

        QVERIFY(GitWorktree::remove(repo.path(), path, u"forge/wt"_s));
        QCOMPARE(status(repo.path()), statusBefore);
        QCOMPARE(readFile(repo.path() + u"/README.md"_s), QByteArray("# my local edit\n"));
    }

    void theForgeDirectoryIsExcludedOnce()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        const QString exclude = repo.path() + u"/.git/info/exclude"_s;
        // What the user already had stays, even without a final newline.
        QVERIFY(writeFile(exclude, "*.swp"));
        QVERIFY(GitWorktree::create(repo.path(), u"main"_s, worktreePath(repo, u"a"_s), u"a"_s));
        QVERIFY(GitWorktree::create(repo.path(), u"main"_s, worktreePath(repo, u"b"_s), u"b"_s));
        QCOMPARE(excludeLines(repo.path()), 1);
        const QList<QByteArray> lines = readFile(exclude).split('\n');
        QCOMPARE(lines.first(), QByteArray("*.swp"));
    }

    void anExistingForgeExcludeIsRespected()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        const QString exclude = repo.path() + u"/.git/info/exclude"_s;
        QVERIFY(writeFile(exclude, "# mine\n.forge/\n"));
        QVERIFY(GitWorktree::create(repo.path(), u"main"_s, worktreePath(repo, u"a"_s), u"a"_s));
        QCOMPARE(readFile(exclude), QByteArray("# mine\n.forge/\n"));
    }

    void aMissingBaseBranchIsAConflictAndLeavesNothing()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        const QString path = worktreePath(repo, u"x"_s);
        auto info = GitWorktree::create(repo.path(), u"develop"_s, path, u"forge/x"_s);
        QVERIFY(!info);
        QCOMPARE(info.error().code, ErrorCode::Conflict);
        QVERIFY(info.error().message.contains(u"develop"_s));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(branchTarget(repo.path(), u"forge/x"_s).isEmpty());
    }

    void anExistingPathIsAConflictAndTheNewBranchIsDropped()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        const QString path = worktreePath(repo, u"taken"_s);
        QVERIFY(writeFile(path + u"/precious.txt"_s, "keep me\n"));
        auto info = GitWorktree::create(repo.path(), u"main"_s, path, u"forge/taken"_s);
        QVERIFY(!info);
        QCOMPARE(info.error().code, ErrorCode::Conflict);
        QVERIFY(branchTarget(repo.path(), u"forge/taken"_s).isEmpty());
        QCOMPARE(readFile(path + u"/precious.txt"_s), QByteArray("keep me\n"));
    }

    void anExistingBranchIsNotReusedOrMoved()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        QVERIFY(repo.createBranch(u"forge/dup"_s));
        const QString before = branchTarget(repo.path(), u"forge/dup"_s);
        QVERIFY(repo.commitFile(u"more.txt"_s, "more\n", u"More"_s));
        const QString path = worktreePath(repo, u"dup"_s);
        auto info = GitWorktree::create(repo.path(), u"main"_s, path, u"forge/dup"_s);
        QVERIFY(!info);
        QCOMPARE(info.error().code, ErrorCode::Conflict);
        QCOMPARE(branchTarget(repo.path(), u"forge/dup"_s), before);
        QVERIFY(!QFileInfo::exists(path));
    }

    void aPathThatIsNotARepositoryIsAnError()
    {
        QTemporaryDir plain;
        auto info = GitWorktree::create(plain.path(),
                                        u"main"_s,
                                        plain.filePath(u".forge/worktrees/x"_s),
                                        u"forge/x"_s);
        QVERIFY(!info);
        QVERIFY(!QFileInfo::exists(plain.filePath(u".forge"_s)));
        QVERIFY(!GitWorktree::headCommit(plain.path()));
        QVERIFY(!GitWorktree::commitAll(plain.path(), u"x"_s));
        QVERIFY(!GitWorktree::changesSince(plain.path(), QString(40, u'0')));
        QVERIFY(!GitWorktree::remove(plain.path(), plain.filePath(u"x"_s), u"x"_s));
    }

    void commitAllRecordsCreatedModifiedAndDeletedFiles()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        QVERIFY(repo.commitFile(u".gitignore"_s, "*.log\n", u"Ignore logs"_s));
        QVERIFY(repo.commitFile(u"src/a.txt"_s, "one\ntwo\nthree\n", u"A"_s));
        QVERIFY(repo.commitFile(u"old.txt"_s, "obsolete line 1\nobsolete line 2\n", u"Old"_s));
        const QString path = worktreePath(repo, u"work"_s);
        auto info = GitWorktree::create(repo.path(), u"main"_s, path, u"forge/work"_s);
        QVERIFY(info);

        QVERIFY(writeFile(path + u"/docs/new.md"_s, "# brand new\ncontent here\n"));
        QVERIFY(writeFile(path + u"/src/a.txt"_s, "one\nTWO\nthree\nfour\n"));
        QVERIFY(QFile::remove(path + u"/old.txt"_s));
        QVERIFY(writeFile(path + u"/debug.log"_s, "ignored\n"));

        auto committed = GitWorktree::commitAll(path, u"Agent: add docs ✓"_s);
        QVERIFY2(committed, qPrintable(committed ? QString() : committed.error().message));
        QVERIFY(committed->has_value());
        const QString sha = **committed;
        QCOMPARE(sha.size(), 40);
        QCOMPARE(GitWorktree::headCommit(path).value_or(QString()), sha);
        QCOMPARE(branchTarget(repo.path(), u"forge/work"_s), sha);
        QCOMPARE(commitMessage(path, sha), u"Agent: add docs ✓"_s);
        // Everything but the ignored file went into the commit.
        QVERIFY(status(path).isEmpty());
        QVERIFY(QFile::exists(path + u"/debug.log"_s));

        auto stats = GitWorktree::changesSince(path, info->baseCommit);
        QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
        QCOMPARE(stats->filesChanged, 3);
        QCOMPARE(stats->filesCreated, 1);
        QCOMPARE(stats->filesModified, 1);
        QCOMPARE(stats->filesDeleted, 1);
        QCOMPARE(stats->linesAdded, 2 + 2);   // new.md, and TWO + four in a.txt
        QCOMPARE(stats->linesRemoved, 1 + 2); // two in a.txt, and old.txt
        QStringList descriptions = stats->descriptions;
        descriptions.sort();
        QCOMPARE(descriptions,
                 (QStringList{u"Created docs/new.md"_s,
                              u"Deleted old.txt"_s,
                              u"Modified src/a.txt"_s}));
    }

    void nothingToCommitGivesNoCommit()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        const QString path = worktreePath(repo, u"idle"_s);
        auto info = GitWorktree::create(repo.path(), u"main"_s, path, u"forge/idle"_s);
        QVERIFY(info);
        auto first = GitWorktree::commitAll(path, u"nothing"_s);
        QVERIFY(first);
        QVERIFY(!first->has_value());
        QCOMPARE(GitWorktree::headCommit(path).value_or(QString()), info->baseCommit);

        // An ignored file alone is still nothing to commit.
        QVERIFY(writeFile(path + u"/.forge/scratch"_s, "x"));
        auto second = GitWorktree::commitAll(path, u"nothing"_s);
        QVERIFY(second && !second->has_value());

        QVERIFY(writeFile(path + u"/x.txt"_s, "x\n"));
        auto third = GitWorktree::commitAll(path, u"something"_s);
        QVERIFY(third && third->has_value());
        auto fourth = GitWorktree::commitAll(path, u"again"_s);
        QVERIFY(fourth && !fourth->has_value());
        QCOMPARE(GitWorktree::headCommit(path).value_or(QString()), **third);

        auto stats = GitWorktree::changesSince(path, info->baseCommit);
        QVERIFY(stats);
        QCOMPARE(stats->filesChanged, 1);
        QCOMPARE(stats->linesAdded, 1);
    }

    void noChangesMeansEmptyStatistics()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        const QString path = worktreePath(repo, u"same"_s);
        auto info = GitWorktree::create(repo.path(), u"main"_s, path, u"forge/same"_s);
        QVERIFY(info);
        auto stats = GitWorktree::changesSince(path, info->baseCommit);
        QVERIFY(stats);
        QCOMPARE(*stats, ChangeStats{});
    }

    void aRenameCountsAsOneModifiedFile()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        const QByteArray body = "a fairly long line so that similarity is obvious\n"
                                "and a second one, just as long and just as plain\n";
        QVERIFY(repo.commitFile(u"before.txt"_s, body, u"Before"_s));
        const QString path = worktreePath(repo, u"mv"_s);
        auto info = GitWorktree::create(repo.path(), u"main"_s, path, u"forge/mv"_s);
        QVERIFY(info);
        QVERIFY(QFile::rename(path + u"/before.txt"_s, path + u"/after.txt"_s));
        QVERIFY(GitWorktree::commitAll(path, u"Rename"_s).value_or(std::nullopt));
        auto stats = GitWorktree::changesSince(path, info->baseCommit);
        QVERIFY(stats);
        QCOMPARE(stats->filesChanged, 1);
        QCOMPARE(stats->filesModified, 1);
        QCOMPARE(stats->filesCreated, 0);
        QCOMPARE(stats->filesDeleted, 0);
        QCOMPARE(stats->linesAdded, 0);
        QCOMPARE(stats->linesRemoved, 0);
        QCOMPARE(stats->descriptions, QStringList{u"Renamed before.txt to after.txt"_s});
    }

    void changesSinceABadCommitIsAnError()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        const QString path = worktreePath(repo, u"bad"_s);
        QVERIFY(GitWorktree::create(repo.path(), u"main"_s, path, u"forge/bad"_s));
        auto malformed = GitWorktree::changesSince(path, u"not-a-sha"_s);
        QVERIFY(!malformed);
        QCOMPARE(malformed.error().code, ErrorCode::Validation);
        QCOMPARE(malformed.error().field(), u"baseCommit"_s);
        auto unknown = GitWorktree::changesSince(path,
                                                 u"0123456789abcdef0123456789abcdef01234567"_s);
        QVERIFY(!unknown);
        QVERIFY(unknown.error().message.contains(u"0123456789abcdef"_s));
    }

    void copiesListedFilesAndDirectories()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        // Untracked files a worktree does not get by itself, such as local configuration.
        QVERIFY(writeFile(repo.path() + u"/.env"_s, "SECRET=1\n"));
        QVERIFY(writeFile(repo.path() + u"/config/local/a.json"_s, "{}\n"));
        QVERIFY(writeFile(repo.path() + u"/config/.hidden"_s, "h\n"));
        const QString path = worktreePath(repo, u"copy"_s);
        QVERIFY(GitWorktree::create(repo.path(), u"main"_s, path, u"forge/copy"_s));
        // A file already in the worktree is replaced by the user's version.
        QVERIFY(writeFile(repo.path() + u"/README.md"_s, "# local\n"));

        const auto report = GitWorktree::copyFiles(repo.path(),
                                                   path,
                                                   {u".env"_s,
                                                    u"config"_s,
                                                    u"README.md"_s,
                                                    u"missing.txt"_s,
                                                    u"config/../.env"_s});
        QCOMPARE(report.copied,
                 (QStringList{u".env"_s, u"config"_s, u"README.md"_s, u"config/../.env"_s}));
        QCOMPARE(report.missing, QStringList{u"missing.txt"_s});
        QVERIFY(report.refused.isEmpty());
        QCOMPARE(readFile(path + u"/.env"_s), QByteArray("SECRET=1\n"));
        QCOMPARE(readFile(path + u"/config/local/a.json"_s), QByteArray("{}\n"));
        QCOMPARE(readFile(path + u"/config/.hidden"_s), QByteArray("h\n"));
        QCOMPARE(readFile(path + u"/README.md"_s), QByteArray("# local\n"));
        QVERIFY(!QFileInfo::exists(path + u"/missing.txt"_s));
    }

    void pathsLeavingTheRepositoryAreRefused()
    {
        QTemporaryDir outside;
        QVERIFY(writeFile(outside.filePath(u"secret.txt"_s), "outside\n"));
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        // The repository lives in a temporary directory next to `outside`; reach it by "..".
        const QString upAndOver
            = QDir(repo.path())
                  .relativeFilePath(
                      QFileInfo(outside.filePath(u"secret.txt"_s)).canonicalFilePath());
        QVERIFY(upAndOver.startsWith(u"../"_s));
        QVERIFY(QFile::link(outside.filePath(u"secret.txt"_s), repo.path() + u"/link.txt"_s));
        QVERIFY(QFile::link(outside.path(), repo.path() + u"/linkdir"_s));
        const QString path = worktreePath(repo, u"esc"_s);
        QVERIFY(GitWorktree::create(repo.path(), u"main"_s, path, u"forge/esc"_s));

        const QStringList escaping{upAndOver,
                                   u"link.txt"_s,
                                   u"linkdir"_s,
                                   u"linkdir/secret.txt"_s,
                                   QFileInfo(outside.filePath(u"secret.txt"_s)).absoluteFilePath()};
        const auto report = GitWorktree::copyFiles(repo.path(), path, escaping);
        QCOMPARE(report.refused, escaping);
        QVERIFY(report.copied.isEmpty());
        QVERIFY(report.missing.isEmpty());
        QDirIterator it(path,
                        QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            QVERIFY2(readFile(it.next()) != "outside\n", qPrintable(it.filePath()));
    }

    void theRepositoryOrTheWorktreesThemselvesAreRefused_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::newRow("empty") << QString();
        QTest::newRow("dot") << u"."_s;
        QTest::newRow("dot slash") << u"./"_s;
        QTest::newRow("forge") << u".forge"_s;
        QTest::newRow("worktrees") << u".forge/worktrees"_s;
        QTest::newRow("back in by dot-dot") << u"config/.."_s;
    }

    void theRepositoryOrTheWorktreesThemselvesAreRefused()
    {
        QFETCH(QString, relative);
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        QVERIFY(QDir().mkpath(repo.path() + u"/config"_s));
        const QString path = worktreePath(repo, u"self"_s);
        QVERIFY(GitWorktree::create(repo.path(), u"main"_s, path, u"forge/self"_s));
        const auto report = GitWorktree::copyFiles(repo.path(), path, {relative});
        QCOMPARE(report.refused, QStringList{relative});
        QVERIFY(report.copied.isEmpty());
        // Nothing was copied into the worktree: just its checkout.
        QVERIFY(!QFileInfo::exists(path + u"/.forge"_s));
        QVERIFY(!QFileInfo::exists(path + u"/config"_s));
        QVERIFY(QFileInfo(path + u"/.git"_s).isFile());
        QVERIFY(status(path).isEmpty());
    }

    void removeDeletesTheDirectoryTheMetadataAndTheBranch()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        const QString path = worktreePath(repo, u"gone"_s);
        QVERIFY(GitWorktree::create(repo.path(), u"main"_s, path, u"forge/gone"_s));
        QVERIFY(writeFile(path + u"/work.txt"_s, "committed\n"));
        QVERIFY(GitWorktree::commitAll(path, u"Work"_s));
        QVERIFY(writeFile(path + u"/dirty.txt"_s, "not committed\n"));

        auto removed = GitWorktree::remove(repo.path(), path, u"forge/gone"_s);
        QVERIFY2(removed, qPrintable(removed ? QString() : removed.error().message));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(branchTarget(repo.path(), u"forge/gone"_s).isEmpty());
        QVERIFY(!worktreeRegistered(repo.path(), u"gone"_s));
        QVERIFY(!QFileInfo::exists(repo.path() + u"/.git/worktrees/gone"_s));
        QCOMPARE(headBranch(repo.path()), u"main"_s);
        QVERIFY(QFile::exists(repo.path() + u"/README.md"_s));

        // Removing again finds nothing to do, and that is fine.
        QVERIFY(GitWorktree::remove(repo.path(), path, u"forge/gone"_s));
    }

    void removeCopesWithADirectoryDeletedByHand()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        const QString path = worktreePath(repo, u"by-hand"_s);
        QVERIFY(GitWorktree::create(repo.path(), u"main"_s, path, u"forge/by-hand"_s));
        QVERIFY(QDir(path).removeRecursively());
        auto removed = GitWorktree::remove(repo.path(), path, u"forge/by-hand"_s);
        QVERIFY2(removed, qPrintable(removed ? QString() : removed.error().message));
        QVERIFY(branchTarget(repo.path(), u"forge/by-hand"_s).isEmpty());
        QVERIFY(!worktreeRegistered(repo.path(), u"by-hand"_s));
        // And the name can be used again.
        QVERIFY(GitWorktree::create(repo.path(), u"main"_s, path, u"forge/by-hand"_s));
    }

    void removeLeavesDirectoriesOutsideTheWorktreesAlone()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        QTemporaryDir elsewhere;
        const QString userDir = elsewhere.filePath(u"important"_s);
        QVERIFY(writeFile(userDir + u"/data.txt"_s, "mine\n"));
        QVERIFY(repo.createBranch(u"keep"_s));
        auto removed = GitWorktree::remove(repo.path(), userDir, QString());
        QVERIFY(removed);
        QCOMPARE(readFile(userDir + u"/data.txt"_s), QByteArray("mine\n"));
        QVERIFY(!branchTarget(repo.path(), u"keep"_s).isEmpty());
        QVERIFY(!branchTarget(repo.path(), u"main"_s).isEmpty());
    }

    void removingOneWorktreeKeepsTheOthers()
    {
        Test::TempGitRepo repo;
        QVERIFY(repo.isValid());
        const QString first = worktreePath(repo, u"one"_s);
        const QString second = worktreePath(repo, u"two"_s);
        QVERIFY(GitWorktree::create(repo.path(), u"main"_s, first, u"forge/one"_s));
        QVERIFY(GitWorktree::create(repo.path(), u"main"_s, second, u"forge/two"_s));
        QVERIFY(GitWorktree::remove(repo.path(), first, u"forge/one"_s));
        QVERIFY(!QFileInfo::exists(first));
        QVERIFY(QFileInfo::exists(second + u"/README.md"_s));
        QVERIFY(worktreeRegistered(repo.path(), u"two"_s));
        QCOMPARE(headBranch(second), u"forge/two"_s);
        QVERIFY(!branchTarget(repo.path(), u"forge/two"_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGitWorktree)
#include "tst_gitworktree.moc"
