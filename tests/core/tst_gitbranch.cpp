// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/gitbranch.h"
#include "core/gitprocess.h"
#include "core/gitworktree.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <git2.h>

using namespace Qt::StringLiterals;
using namespace Core;

namespace {

/// What the git CLI said.
struct GitRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// The git CLI, not the code under test, builds the repositories and reads their state back.
GitRun gitRun(const QString &dir, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(u"git"_s, arguments);
    GitRun run;
    if (!process.waitForStarted() || !process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        run.err = "git did not run or did not finish";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

bool gitOk(const QString &dir, const QStringList &arguments)
{
    const GitRun run = gitRun(dir, arguments);
    if (run.exitCode != 0)
        qWarning("git %s failed in %s: %s",
                 qPrintable(arguments.join(u' ')),
                 qPrintable(dir),
                 run.err.constData());
    return run.exitCode == 0;
}

/// Trimmed standard output, or a marker that fails any comparison with real output.
QString gitOut(const QString &dir, const QStringList &arguments)
{
    const GitRun run = gitRun(dir, arguments);
    if (run.exitCode != 0)
        return u"<git %1 failed: %2>"_s.arg(arguments.join(u' '),
                                            QString::fromUtf8(run.err.trimmed()));
    return QString::fromUtf8(run.out.trimmed());
}

/// The commit a revision names, or empty when there is none.
QString rev(const QString &dir, const QString &revision)
{
    const GitRun run = gitRun(dir, {u"rev-parse"_s, u"--verify"_s, u"-q"_s, revision});
    return run.exitCode == 0 ? QString::fromUtf8(run.out.trimmed()) : QString();
}

/// `git status --porcelain`, one entry a line, sorted.
QStringList porcelain(const QString &dir)
{
    const GitRun run = gitRun(dir, {u"status"_s, u"--porcelain"_s, u"--untracked-files=all"_s});
    if (run.exitCode != 0)
        return {u"<no status>"_s};
    QStringList lines = QString::fromUtf8(run.out).split(u'\n', Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

QStringList parentsOf(const QString &dir, const QString &revision)
{
    return gitOut(dir, {u"log"_s, u"-1"_s, u"--format=%P"_s, revision})
        .split(u' ', Qt::SkipEmptyParts);
}

bool isAncestor(const QString &dir, const QString &ancestor, const QString &descendant)
{
    return gitRun(dir, {u"merge-base"_s, u"--is-ancestor"_s, ancestor, descendant}).exitCode == 0;
}

/// The content of path at revision, as git stores it.
QByteArray blob(const QString &dir, const QString &revision, const QString &path)
{
    const GitRun run = gitRun(dir, {u"cat-file"_s, u"blob"_s, revision + u':' + path});
    return run.exitCode == 0 ? run.out : QByteArray("<missing>");
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

using Files = QList<std::pair<QString, QByteArray>>;

/// Writes files, stages everything and commits. The setup identity is given on the command
/// line, so repositories without an identity can be built too and setup commits are told apart
/// from the commits the code under test makes.
bool commit(const QString &dir,
            const Files &files,
            const QString &message,
            const QString &author = QString())
{
    for (const auto &[path, content] : files)
        if (!writeFile(dir + u'/' + path, content))
            return false;
    if (!gitOk(dir, {u"add"_s, u"-A"_s}))
        return false;
    QStringList arguments{u"-c"_s,
                          u"user.name=Setup Bot"_s,
                          u"-c"_s,
                          u"user.email=setup@forgedesk.invalid"_s,
                          u"commit"_s,
                          u"-q"_s,
                          u"--allow-empty"_s,
                          u"-m"_s,
                          message};
    if (!author.isEmpty())
        arguments << u"--author"_s << author;
    return gitOk(dir, arguments);
}

const QByteArray readme = "# test repository\n";
const QByteArray shared = "one\ntwo\nthree\n";
const QString ada = u"Ada Lovelace <ada@example.invalid>"_s;
const QString grace = u"Grace Hopper <grace@example.invalid>"_s;
const QString setupBot = u"Setup Bot <setup@forgedesk.invalid>"_s;
const QString forgedesk = u"Forgedesk <forgedesk@localhost>"_s;

/// A repository made with the git CLI in a temporary directory, checked out on main, with
/// README.md and shared.txt committed. Attempts are linked worktrees made by GitWorktree, at
/// .forge/worktrees/<name> on forge/<name>, as the app makes them.
class Sandbox final
{
public:
    explicit Sandbox(bool identity = true)
    {
        if (!m_dir.isValid())
            return;
        m_root = QFileInfo(m_dir.path()).canonicalFilePath();
        m_repo = m_root + u"/repo"_s;
        if (!QDir().mkpath(m_repo) || !gitOk(m_repo, {u"init"_s, u"-q"_s, u"-b"_s, u"main"_s}))
            return;
        if (identity
            && !(gitOk(m_repo, {u"config"_s, u"user.name"_s, u"Ada Lovelace"_s})
                 && gitOk(m_repo, {u"config"_s, u"user.email"_s, u"ada@example.invalid"_s})))
            return;
        m_valid = commit(m_repo,
                         {{u"README.md"_s, readme}, {u"shared.txt"_s, shared}},
                         u"Initial commit"_s);
    }

    [[nodiscard]] bool isValid() const { return m_valid; }
    [[nodiscard]] QString root() const { return m_root; }
    [[nodiscard]] QString repo() const { return m_repo; }
    [[nodiscard]] QString worktree(const QString &name) const
    {
        return m_repo + u"/.forge/worktrees/"_s + name;
    }
    static QString branch(const QString &name) { return u"forge/"_s + name; }

    /// The attempt `name`: a worktree on forge/<name> from base.
    bool addWorktree(const QString &name, const QString &base = u"main"_s) const
    {
        auto info = GitWorktree::create(m_repo, base, worktree(name), branch(name));
        if (!info)
            qWarning("cannot create worktree %s: %s",
                     qPrintable(name),
                     qPrintable(info.error().message));
        return bool(info);
    }

    /// The attempt commits a.txt then b.txt; main commits c.txt meanwhile.
    bool diverge(const QString &name, const QString &author = QString()) const
    {
        return addWorktree(name)
               && commit(worktree(name), {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s, author)
               && commit(worktree(name), {{u"b.txt"_s, "beta\nbeta\n"}}, u"Add b"_s, author)
               && commit(m_repo, {{u"c.txt"_s, "gamma\n"}}, u"Add c on main"_s);
    }

    /// Both sides change line two of shared.txt; the attempt also adds a.txt first.
    bool plantConflict(const QString &name) const
    {
        return addWorktree(name) && commit(worktree(name), {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s)
               && commit(worktree(name),
                         {{u"shared.txt"_s, "one\ntwo (attempt)\nthree\n"}},
                         u"Attempt edits shared"_s)
               && commit(m_repo,
                         {{u"shared.txt"_s, "one\ntwo (main)\nthree\n"}},
                         u"Main edits shared"_s);
    }

    /// Everything a failed operation must leave as it was: every ref, and for each checkout
    /// what checkoutPrint() covers.
    [[nodiscard]] QByteArray fingerprint(const QStringList &checkouts) const
    {
        QByteArray print
            = gitRun(m_repo, {u"for-each-ref"_s, u"--format=%(refname) %(objectname)"_s}).out;
        for (const QString &checkout : checkouts)
            print += checkoutPrint(checkout);
        return print;
    }

    /// A checkout's HEAD, index, status and every file but those under .git and .forge.
    [[nodiscard]] static QByteArray checkoutPrint(const QString &checkout)
    {
        QByteArray print = "== " + checkout.toUtf8() + '\n';
        print += gitRun(checkout, {u"rev-parse"_s, u"HEAD"_s}).out;
        print += gitRun(checkout, {u"symbolic-ref"_s, u"-q"_s, u"HEAD"_s}).out;
        print += gitRun(checkout, {u"ls-files"_s, u"-s"_s}).out;
        print += porcelain(checkout).join(u'\n').toUtf8() + '\n';
        QStringList files;
        QDirIterator it(checkout,
                        QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString relative = QDir(checkout).relativeFilePath(it.next());
            if (relative != ".git"_L1 && !relative.startsWith(".git/"_L1)
                && !relative.startsWith(".forge/"_L1))
                files.append(relative);
        }
        files.sort();
        for (const QString &file : files)
            print += "-- " + file.toUtf8() + '\n' + readFile(checkout + u'/' + file);
        return print;
    }

private:
    QTemporaryDir m_dir;
    QString m_root;
    QString m_repo;
    bool m_valid = false;
};

template<typename T>
QString errorOf(const Result<T> &result)
{
    return result ? QString() : result.error().message;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

} // namespace

/// Branch status, merges, rebases and pushes on real repositories made with the git CLI; the
/// state they leave is read back with the git CLI too, never through the code under test.
class TestGitBranch final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY2(!GitProcess::program().isEmpty(), "these tests need the git CLI");
        // Hermetic: no user or system configuration, no identity, no proxy, for git and libgit2.
        const QByteArray home = QFile::encodeName(m_home.path());
        qputenv("HOME", home);
        qputenv("XDG_CONFIG_HOME", home + "/xdg");
        qputenv("GIT_CONFIG_GLOBAL", home + "/gitconfig");
        qputenv("GIT_CONFIG_NOSYSTEM", "1");
        qputenv("NO_PROXY", "*");
        qputenv("no_proxy", "*");
        for (const char *name : {"GIT_DIR",
                                 "GIT_WORK_TREE",
                                 "GIT_INDEX_FILE",
                                 "GIT_OBJECT_DIRECTORY",
                                 "GIT_ALTERNATE_OBJECT_DIRECTORIES",
                                 "GIT_COMMON_DIR",
                                 "GIT_CONFIG",
                                 "GIT_CONFIG_PARAMETERS",
                                 "GIT_CONFIG_COUNT",
                                 "GIT_EXEC_PATH",
                                 "GIT_AUTHOR_NAME",
                                 "GIT_AUTHOR_EMAIL",
                                 "GIT_AUTHOR_DATE",
                                 "GIT_COMMITTER_NAME",
                                 "GIT_COMMITTER_EMAIL",
                                 "GIT_COMMITTER_DATE",
                                 "EMAIL",
                                 "http_proxy",
                                 "https_proxy",
                                 "HTTP_PROXY",
                                 "HTTPS_PROXY",
                                 "all_proxy",
                                 "ALL_PROXY"})
            qunsetenv(name);
        // libgit2 reads none of the variables above: point its search paths at an empty directory.
        const QByteArray empty = home + "/empty";
        QVERIFY(QDir().mkpath(QFile::decodeName(empty)));
        git_libgit2_init();
        for (const int level : {GIT_CONFIG_LEVEL_SYSTEM,
                                GIT_CONFIG_LEVEL_XDG,
                                GIT_CONFIG_LEVEL_GLOBAL,
                                GIT_CONFIG_LEVEL_PROGRAMDATA})
            QCOMPARE(git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, empty.constData()), 0);
    }

    void cleanupTestCase() { git_libgit2_shutdown(); }

    void wireNames()
    {
        QCOMPARE(wireName(MergeStrategy::FastForward), u"ff"_s);
        QCOMPARE(wireName(MergeStrategy::NoFastForward), u"no-ff"_s);
        QCOMPARE(wireName(MergeStrategy::Squash), u"squash"_s);
        QCOMPARE(wireName(MergeStrategy::Rebase), u"rebase"_s);
    }

    void stateNamesTheMostPressingCondition()
    {
        BranchStatus status;
        QCOMPARE(status.state(), u"clean"_s);
        status.untrackedFiles = QStringList{u"new.txt"_s};
        QCOMPARE(status.state(), u"dirty"_s);
        status.untrackedFiles.clear();
        status.modifiedFiles = QStringList{u"README.md"_s};
        QCOMPARE(status.state(), u"dirty"_s);
        status.mergeInProgress = true;
        QCOMPARE(status.state(), u"merging"_s);
        status.conflictedFiles = QStringList{u"shared.txt"_s};
        QCOMPARE(status.state(), u"conflicted"_s);
        status.rebaseInProgress = true;
        QCOMPARE(status.state(), u"rebasing"_s);
    }

    // status()

    void statusCountsCommitsBothWays()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        const QString start = rev(s.repo(), u"main"_s);
        QVERIFY(s.diverge(u"x"_s));

        auto status = GitBranch::status(s.repo(), s.worktree(u"x"_s), u"forge/x"_s, u"main"_s);
        QVERIFY2(status, qPrintable(errorOf(status)));
        QCOMPARE(status->branch, u"forge/x"_s);
        QCOMPARE(status->baseBranch, u"main"_s);
        QCOMPARE(status->headCommit, rev(s.repo(), u"forge/x"_s));
        QCOMPARE(status->baseCommit, rev(s.repo(), u"main"_s));
        QCOMPARE(status->mergeBase, start);
        QCOMPARE(status->mergeBase, gitOut(s.repo(), {u"merge-base"_s, u"forge/x"_s, u"main"_s}));
        QCOMPARE(status->ahead, 2);
        QCOMPARE(status->behind, 1);
        QVERIFY(status->conflicts.isEmpty());
        QVERIFY(status->worktreeExists);
        QVERIFY(status->conflictedFiles.isEmpty());
        QVERIFY(status->modifiedFiles.isEmpty());
        QVERIFY(status->untrackedFiles.isEmpty());
        QVERIFY(!status->rebaseInProgress);
        QVERIFY(!status->mergeInProgress);
        QVERIFY(status->conflictOp.isEmpty());
        QCOMPARE(status->state(), u"clean"_s);

        // A fresh attempt is level with its base.
        QVERIFY(s.addWorktree(u"fresh"_s));
        auto fresh
            = GitBranch::status(s.repo(), s.worktree(u"fresh"_s), u"forge/fresh"_s, u"main"_s);
        QVERIFY(fresh);
        QCOMPARE(fresh->ahead, 0);
        QCOMPARE(fresh->behind, 0);
        QCOMPARE(fresh->mergeBase, rev(s.repo(), u"main"_s));
    }

    void statusFindsFilesAMergeWouldConflictOn()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.plantConflict(u"x"_s));
        const QByteArray before = s.fingerprint({s.repo(), s.worktree(u"x"_s)});
        auto status = GitBranch::status(s.repo(), s.worktree(u"x"_s), u"forge/x"_s, u"main"_s);
        QVERIFY2(status, qPrintable(errorOf(status)));
        QCOMPARE(status->conflicts, QStringList{u"shared.txt"_s});
        // Found in memory: the worktree is not in a conflicted state, and nothing was written.
        QVERIFY(status->conflictedFiles.isEmpty());
        QCOMPARE(status->state(), u"clean"_s);
        QCOMPARE(s.fingerprint({s.repo(), s.worktree(u"x"_s)}), before);
    }

    void statusListsLocalChangesInTheWorktree()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"x"_s));
        const QString wt = s.worktree(u"x"_s);
        QVERIFY(writeFile(wt + u"/README.md"_s, "# edited\n")); // unstaged
        QVERIFY(writeFile(wt + u"/shared.txt"_s, "staged\n"));  // staged
        QVERIFY(gitOk(wt, {u"add"_s, u"shared.txt"_s}));
        QVERIFY(writeFile(wt + u"/new.txt"_s, "new\n"));           // untracked
        QVERIFY(writeFile(wt + u"/dir/nested.txt"_s, "nested\n")); // untracked, in a new dir

        auto status = GitBranch::status(s.repo(), wt, u"forge/x"_s, u"main"_s);
        QVERIFY2(status, qPrintable(errorOf(status)));
        QStringList modified = status->modifiedFiles;
        modified.sort();
        QCOMPARE(modified, (QStringList{u"README.md"_s, u"shared.txt"_s}));
        QStringList untracked = status->untrackedFiles;
        untracked.sort();
        QCOMPARE(untracked, (QStringList{u"dir/nested.txt"_s, u"new.txt"_s}));
        QVERIFY(status->conflictedFiles.isEmpty());
        QCOMPARE(status->state(), u"dirty"_s);
        QCOMPARE(status->ahead, 0);
    }

    void statusOfARemovedWorktreeStillDescribesTheBranch()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.diverge(u"x"_s));
        QVERIFY(QDir(s.worktree(u"x"_s)).removeRecursively());

        for (const QString &path : {s.worktree(u"x"_s), QString()}) {
            auto status = GitBranch::status(s.repo(), path, u"forge/x"_s, u"main"_s);
            QVERIFY2(status, qPrintable(errorOf(status)));
            QVERIFY(!status->worktreeExists);
            QCOMPARE(status->headCommit, rev(s.repo(), u"forge/x"_s));
            QCOMPARE(status->baseCommit, rev(s.repo(), u"main"_s));
            QCOMPARE(status->ahead, 2);
            QCOMPARE(status->behind, 1);
            QVERIFY(!status->mergeBase.isEmpty());
            QCOMPARE(status->state(), u"clean"_s);
        }
    }

    void statusOfAnUnknownBranchIsNotFound()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"x"_s));
        auto branch = GitBranch::status(s.repo(), s.worktree(u"x"_s), u"forge/nope"_s, u"main"_s);
        QVERIFY(!branch);
        QCOMPARE(branch.error().code, ErrorCode::NotFound);
        QCOMPARE(branch.error().field(), u"branch"_s);
        auto target = GitBranch::status(s.repo(), s.worktree(u"x"_s), u"forge/x"_s, u"develop"_s);
        QVERIFY(!target);
        QCOMPARE(target.error().code, ErrorCode::NotFound);
        QCOMPARE(target.error().field(), u"baseBranch"_s);
    }

    void unrelatedHistoriesHaveNoMergeBase()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        const QString tree = gitOut(s.repo(), {u"write-tree"_s});
        const QString lonely = gitOut(s.repo(),
                                      {u"-c"_s,
                                       u"user.name=Setup Bot"_s,
                                       u"-c"_s,
                                       u"user.email=setup@forgedesk.invalid"_s,
                                       u"commit-tree"_s,
                                       tree,
                                       u"-m"_s,
                                       u"Lonely root"_s});
        QVERIFY(gitOk(s.repo(), {u"branch"_s, u"lonely"_s, lonely}));

        auto status = GitBranch::status(s.repo(), QString(), u"lonely"_s, u"main"_s);
        QVERIFY2(status, qPrintable(errorOf(status)));
        QVERIFY(status->mergeBase.isEmpty());
        QCOMPARE(status->ahead, 1);
        QCOMPARE(status->behind, 1);
        auto info = GitBranch::commitInfo(s.repo(), u"lonely"_s, u"main"_s);
        QVERIFY(!info);
        QCOMPARE(info.error().code, ErrorCode::Conflict);
        auto base = GitBranch::mergeBase(s.repo(), u"lonely"_s, u"main"_s);
        QVERIFY(!base);
        QCOMPARE(base.error().code, ErrorCode::Conflict);
    }

    // conflictsWith()

    void conflictsWithFindsOnlyRealConflicts()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.diverge(u"clean"_s));
        QVERIFY(s.addWorktree(u"level"_s)); // at main: nothing of its own
        QVERIFY(s.addWorktree(u"two"_s));   // branched before main edits shared.txt
        QVERIFY(s.addWorktree(u"gone"_s));  // deletes what main modifies
        QVERIFY(QFile::remove(s.worktree(u"gone"_s) + u"/shared.txt"_s));
        QVERIFY(commit(s.worktree(u"gone"_s), {}, u"Delete shared"_s));
        QVERIFY(s.addWorktree(u"intl"_s));
        QVERIFY(commit(s.worktree(u"intl"_s), {{u"dócs/ü ✓.txt"_s, "attempt\n"}}, u"Intl"_s));
        QVERIFY(s.plantConflict(u"clash"_s));
        QVERIFY(commit(s.repo(), {{u"dócs/ü ✓.txt"_s, "main\n"}}, u"Intl on main"_s));
        // Two conflicting files, reported sorted.
        QVERIFY(commit(s.worktree(u"two"_s),
                       {{u"shared.txt"_s, "ONE\n"}, {u"README.md"_s, "# attempt\n"}},
                       u"Attempt edits both"_s));
        QVERIFY(commit(s.repo(), {{u"README.md"_s, "# main\n"}}, u"Main edits readme"_s));

        auto clean = GitBranch::conflictsWith(s.repo(), u"forge/clean"_s, u"main"_s);
        QVERIFY2(clean, qPrintable(errorOf(clean)));
        QVERIFY(clean->isEmpty());
        auto clash = GitBranch::conflictsWith(s.repo(), u"forge/clash"_s, u"main"_s);
        QVERIFY2(clash, qPrintable(errorOf(clash)));
        QCOMPARE(*clash, QStringList{u"shared.txt"_s});
        auto two = GitBranch::conflictsWith(s.repo(), u"forge/two"_s, u"main"_s);
        QVERIFY(two);
        QCOMPARE(*two, (QStringList{u"README.md"_s, u"shared.txt"_s}));
        auto gone = GitBranch::conflictsWith(s.repo(), u"forge/gone"_s, u"main"_s);
        QVERIFY(gone);
        QCOMPARE(*gone, QStringList{u"shared.txt"_s});
        auto intl = GitBranch::conflictsWith(s.repo(), u"forge/intl"_s, u"main"_s);
        QVERIFY(intl);
        QCOMPARE(*intl, QStringList{u"dócs/ü ✓.txt"_s});
        // Ancestors either way, and the same commit, never conflict.
        auto behind = GitBranch::conflictsWith(s.repo(), u"forge/level"_s, u"main"_s);
        QVERIFY(behind && behind->isEmpty());
        auto ahead = GitBranch::conflictsWith(s.repo(), u"main"_s, u"forge/level"_s);
        QVERIFY(ahead && ahead->isEmpty());
        auto same = GitBranch::conflictsWith(s.repo(), u"main"_s, u"main"_s);
        QVERIFY(same && same->isEmpty());
        auto missing = GitBranch::conflictsWith(s.repo(), u"forge/nope"_s, u"main"_s);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        // Nothing was written anywhere.
        QCOMPARE(porcelain(s.repo()), QStringList());
        QCOMPARE(porcelain(s.worktree(u"clash"_s)), QStringList());
    }

    // merge()

    void ffFastForwardsWhenPossible()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"x"_s));
        const QString wt = s.worktree(u"x"_s);
        QVERIFY(commit(wt, {{u"a.txt"_s, "alpha\nalpha\n"}}, u"Add a"_s));
        QVERIFY(commit(wt, {{u"README.md"_s, "# merged\n"}}, u"Edit readme"_s));
        const QString before = rev(s.repo(), u"main"_s);
        const QString tip = rev(s.repo(), u"forge/x"_s);

        auto merged = GitBranch::merge(s.repo(),
                                       u"forge/x"_s,
                                       u"main"_s,
                                       MergeStrategy::FastForward,
                                       u"unused"_s);
        QVERIFY2(merged, qPrintable(errorOf(merged)));
        QVERIFY(merged->fastForward);
        QCOMPARE(merged->commit, tip);
        QCOMPARE(merged->previousTip, before);
        QCOMPARE(merged->commitsReplayed, 0);
        QCOMPARE(merged->filesChanged, 2);
        QCOMPARE(merged->insertions, 3);
        QCOMPARE(merged->deletions, 1);
        QCOMPARE(rev(s.repo(), u"main"_s), tip);
        // main is checked out in the repository: its files, index and HEAD follow.
        QCOMPARE(merged->updatedCheckout, s.repo());
        QCOMPARE(rev(s.repo(), u"HEAD"_s), tip);
        QCOMPARE(gitOut(s.repo(), {u"symbolic-ref"_s, u"HEAD"_s}), u"refs/heads/main"_s);
        QCOMPARE(readFile(s.repo() + u"/a.txt"_s), QByteArray("alpha\nalpha\n"));
        QCOMPARE(readFile(s.repo() + u"/README.md"_s), QByteArray("# merged\n"));
        QCOMPARE(porcelain(s.repo()), QStringList());
        // The attempt is untouched.
        QCOMPARE(rev(s.repo(), u"forge/x"_s), tip);
        QCOMPARE(porcelain(wt), QStringList());
    }

    void ffMakesAMergeCommitWhenTheBranchesDiverged()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.diverge(u"x"_s));
        const QString before = rev(s.repo(), u"main"_s);
        const QString tip = rev(s.repo(), u"forge/x"_s);

        auto merged = GitBranch::merge(s.repo(),
                                       u"forge/x"_s,
                                       u"main"_s,
                                       MergeStrategy::FastForward,
                                       u"Merge attempt x"_s);
        QVERIFY2(merged, qPrintable(errorOf(merged)));
        QVERIFY(!merged->fastForward);
        QCOMPARE(merged->previousTip, before);
        QCOMPARE(rev(s.repo(), u"main"_s), merged->commit);
        QCOMPARE(parentsOf(s.repo(), u"main"_s), (QStringList{before, tip}));
        QCOMPARE(gitOut(s.repo(), {u"log"_s, u"-1"_s, u"--format=%B"_s, u"main"_s}),
                 u"Merge attempt x"_s);
        QCOMPARE(gitOut(s.repo(), {u"log"_s, u"-1"_s, u"--format=%an <%ae>|%cn <%ce>"_s, u"main"_s}),
                 ada + u'|' + ada);
        for (const auto &[file, content] : Files{{u"a.txt"_s, "alpha\n"},
                                                 {u"b.txt"_s, "beta\nbeta\n"},
                                                 {u"c.txt"_s, "gamma\n"},
                                                 {u"README.md"_s, readme}}) {
            QCOMPARE(blob(s.repo(), u"main"_s, file), content);
            QCOMPARE(readFile(s.repo() + u'/' + file), content);
        }
        // Against the old tip of main, the merge brought a.txt and b.txt.
        QCOMPARE(merged->filesChanged, 2);
        QCOMPARE(merged->insertions, 3);
        QCOMPARE(merged->deletions, 0);
        QCOMPARE(porcelain(s.repo()), QStringList());
        QCOMPARE(rev(s.repo(), u"HEAD"_s), merged->commit);
    }

    void noFfAlwaysMakesAMergeCommit()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"x"_s));
        QVERIFY(commit(s.worktree(u"x"_s), {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s));
        const QString before = rev(s.repo(), u"main"_s);
        const QString tip = rev(s.repo(), u"forge/x"_s);

        auto merged = GitBranch::merge(s.repo(),
                                       u"forge/x"_s,
                                       u"main"_s,
                                       MergeStrategy::NoFastForward,
                                       u"Land x\n\nReviewed in Forgedesk."_s);
        QVERIFY2(merged, qPrintable(errorOf(merged)));
        QVERIFY(!merged->fastForward);
        QVERIFY(merged->commit != tip);
        QCOMPARE(rev(s.repo(), u"main"_s), merged->commit);
        QCOMPARE(parentsOf(s.repo(), u"main"_s), (QStringList{before, tip}));
        QCOMPARE(gitOut(s.repo(), {u"log"_s, u"-1"_s, u"--format=%B"_s, u"main"_s}),
                 u"Land x\n\nReviewed in Forgedesk."_s);
        QCOMPARE(rev(s.repo(), u"main^{tree}"_s), rev(s.repo(), u"forge/x^{tree}"_s));
        QCOMPARE(readFile(s.repo() + u"/a.txt"_s), QByteArray("alpha\n"));
        QCOMPARE(porcelain(s.repo()), QStringList());
        QCOMPARE(merged->filesChanged, 1);
        QCOMPARE(merged->insertions, 1);
    }

    void squashMakesOneCommitWithTheBranchsChanges()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        // Fast-forwardable: the squash commit has the branch's tree and main as its only parent.
        QVERIFY(s.addWorktree(u"ff"_s));
        QVERIFY(commit(s.worktree(u"ff"_s), {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s));
        QVERIFY(commit(s.worktree(u"ff"_s), {{u"README.md"_s, "# squashed\n"}}, u"Readme"_s));
        const QString first = rev(s.repo(), u"main"_s);
        auto squashed = GitBranch::merge(s.repo(),
                                         u"forge/ff"_s,
                                         u"main"_s,
                                         MergeStrategy::Squash,
                                         u"Squash ff"_s);
        QVERIFY2(squashed, qPrintable(errorOf(squashed)));
        QVERIFY(!squashed->fastForward);
        QCOMPARE(rev(s.repo(), u"main"_s), squashed->commit);
        QCOMPARE(parentsOf(s.repo(), u"main"_s), QStringList{first});
        QCOMPARE(rev(s.repo(), u"main^{tree}"_s), rev(s.repo(), u"forge/ff^{tree}"_s));
        QCOMPARE(gitOut(s.repo(), {u"log"_s, u"-1"_s, u"--format=%B"_s, u"main"_s}), u"Squash ff"_s);
        QVERIFY(!isAncestor(s.repo(), u"forge/ff"_s, u"main"_s));
        QCOMPARE(readFile(s.repo() + u"/README.md"_s), QByteArray("# squashed\n"));
        QCOMPARE(porcelain(s.repo()), QStringList());

        // Diverged: main's own change stays, the branch's changes join it, one parent.
        QVERIFY(s.diverge(u"div"_s));
        const QString second = rev(s.repo(), u"main"_s);
        auto again = GitBranch::merge(s.repo(),
                                      u"forge/div"_s,
                                      u"main"_s,
                                      MergeStrategy::Squash,
                                      u"Squash div"_s);
        QVERIFY2(again, qPrintable(errorOf(again)));
        QCOMPARE(parentsOf(s.repo(), u"main"_s), QStringList{second});
        QCOMPARE(gitOut(s.repo(), {u"rev-list"_s, u"--count"_s, second + u"..main"_s}), u"1"_s);
        QCOMPARE(blob(s.repo(), u"main"_s, u"a.txt"_s), QByteArray("alpha\n"));
        QCOMPARE(blob(s.repo(), u"main"_s, u"b.txt"_s), QByteArray("beta\nbeta\n"));
        QCOMPARE(blob(s.repo(), u"main"_s, u"c.txt"_s), QByteArray("gamma\n"));
        QCOMPARE(blob(s.repo(), u"main"_s, u"README.md"_s), QByteArray("# squashed\n"));
        QCOMPARE(gitOut(s.repo(), {u"log"_s, u"-1"_s, u"--format=%B"_s, u"main"_s}),
                 u"Squash div"_s);
        QCOMPARE(readFile(s.repo() + u"/b.txt"_s), QByteArray("beta\nbeta\n"));
        QCOMPARE(porcelain(s.repo()), QStringList());
    }

    void rebaseStrategyReplaysCommitsOntoTheTarget()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.diverge(u"x"_s, grace));
        const QString before = rev(s.repo(), u"main"_s);
        const QString tip = rev(s.repo(), u"forge/x"_s);

        auto merged = GitBranch::merge(s.repo(),
                                       u"forge/x"_s,
                                       u"main"_s,
                                       MergeStrategy::Rebase,
                                       u"unused"_s);
        QVERIFY2(merged, qPrintable(errorOf(merged)));
        QVERIFY(!merged->fastForward);
        QCOMPARE(merged->commitsReplayed, 2);
        QCOMPARE(merged->previousTip, before);
        QCOMPARE(rev(s.repo(), u"main"_s), merged->commit);
        // Linear: two new commits with one parent each, on top of the old tip.
        QCOMPARE(rev(s.repo(), u"main~2"_s), before);
        QCOMPARE(gitOut(s.repo(), {u"rev-list"_s, u"--min-parents=2"_s, before + u"..main"_s}),
                 QString());
        QCOMPARE(gitOut(s.repo(),
                        {u"log"_s, u"--format=%s|%an <%ae>|%cn <%ce>|%P"_s, before + u"..main"_s}),
                 u"Add b|%1|%2|%3\nAdd a|%1|%2|%4"_s.arg(grace,
                                                         ada,
                                                         rev(s.repo(), u"main~1"_s),
                                                         before));
        QVERIFY(!isAncestor(s.repo(), tip, u"main"_s)); // replayed, not merged
        QCOMPARE(rev(s.repo(), u"forge/x"_s), tip);
        for (const auto &[file, content] :
             Files{{u"a.txt"_s, "alpha\n"}, {u"b.txt"_s, "beta\nbeta\n"}, {u"c.txt"_s, "gamma\n"}}) {
            QCOMPARE(blob(s.repo(), u"main"_s, file), content);
            QCOMPARE(readFile(s.repo() + u'/' + file), content);
        }
        QCOMPARE(porcelain(s.repo()), QStringList());
        QCOMPARE(rev(s.repo(), u"HEAD"_s), merged->commit);
    }

    void rebaseStrategyFlattensMergesOfTheTargetIntoTheBranch()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"x"_s));
        const QString wt = s.worktree(u"x"_s);
        QVERIFY(commit(wt, {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s));
        QVERIFY(commit(s.repo(), {{u"c.txt"_s, "gamma\n"}}, u"Add c on main"_s));
        QVERIFY(gitOk(wt,
                      {u"-c"_s,
                       u"user.name=Setup Bot"_s,
                       u"-c"_s,
                       u"user.email=setup@forgedesk.invalid"_s,
                       u"merge"_s,
                       u"-q"_s,
                       u"--no-edit"_s,
                       u"main"_s}));
        QVERIFY(commit(wt, {{u"b.txt"_s, "beta\n"}}, u"Add b"_s));
        QVERIFY(commit(s.repo(), {{u"d.txt"_s, "delta\n"}}, u"Add d on main"_s));
        const QString before = rev(s.repo(), u"main"_s);

        auto merged
            = GitBranch::merge(s.repo(), u"forge/x"_s, u"main"_s, MergeStrategy::Rebase, QString());
        QVERIFY2(merged, qPrintable(errorOf(merged)));
        QCOMPARE(merged->commitsReplayed, 2);
        QCOMPARE(gitOut(s.repo(), {u"log"_s, u"--format=%s|%P"_s, before + u"..main"_s}),
                 u"Add b|%1\nAdd a|%2"_s.arg(rev(s.repo(), u"main~1"_s), before));
        for (const QString &file : {u"a.txt"_s, u"b.txt"_s, u"c.txt"_s, u"d.txt"_s})
            QVERIFY2(QFileInfo::exists(s.repo() + u'/' + file), qPrintable(file));
        QCOMPARE(porcelain(s.repo()), QStringList());
    }

    void rebaseStrategyFastForwardsWhenPossible()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"x"_s));
        QVERIFY(commit(s.worktree(u"x"_s), {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s));
        const QString tip = rev(s.repo(), u"forge/x"_s);
        auto merged = GitBranch::merge(s.repo(),
                                       u"forge/x"_s,
                                       u"main"_s,
                                       MergeStrategy::Rebase,
                                       u"unused"_s);
        QVERIFY2(merged, qPrintable(errorOf(merged)));
        QVERIFY(merged->fastForward);
        QCOMPARE(merged->commitsReplayed, 0);
        QCOMPARE(merged->commit, tip);
        QCOMPARE(rev(s.repo(), u"main"_s), tip);
        QCOMPARE(readFile(s.repo() + u"/a.txt"_s), QByteArray("alpha\n"));
        QCOMPARE(porcelain(s.repo()), QStringList());
    }

    void aConflictChangesNothing_data()
    {
        QTest::addColumn<MergeStrategy>("strategy");
        QTest::newRow("ff") << MergeStrategy::FastForward;
        QTest::newRow("no-ff") << MergeStrategy::NoFastForward;
        QTest::newRow("squash") << MergeStrategy::Squash;
        QTest::newRow("rebase") << MergeStrategy::Rebase;
    }

    void aConflictChangesNothing()
    {
        QFETCH(MergeStrategy, strategy);
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.plantConflict(u"x"_s));
        // An unrelated local change in the checkout must survive the refusal too.
        QVERIFY(writeFile(s.repo() + u"/notes.txt"_s, "mine\n"));
        const QStringList checkouts{s.repo(), s.worktree(u"x"_s)};
        const QByteArray before = s.fingerprint(checkouts);
        const QString mainBefore = rev(s.repo(), u"main"_s);

        auto merged = GitBranch::merge(s.repo(), u"forge/x"_s, u"main"_s, strategy, u"Merge"_s);
        QVERIFY(!merged);
        QCOMPARE(merged.error().code, ErrorCode::Conflict);
        QCOMPARE(stringList(merged.error().details.value(u"conflicts"_s)),
                 QStringList{u"shared.txt"_s});
        QVERIFY2(merged.error().message.contains(u"1 file"_s), qPrintable(merged.error().message));
        QCOMPARE(rev(s.repo(), u"main"_s), mainBefore);
        QCOMPARE(s.fingerprint(checkouts), before);
        QCOMPARE(readFile(s.repo() + u"/shared.txt"_s), QByteArray("one\ntwo (main)\nthree\n"));
        QCOMPARE(readFile(s.worktree(u"x"_s) + u"/shared.txt"_s),
                 QByteArray("one\ntwo (attempt)\nthree\n"));
        QVERIFY(!QFileInfo::exists(s.repo() + u"/a.txt"_s));
    }

    void theCheckedOutTargetFollowsTheMerge()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        const QByteArray body = "a line long enough for rename detection to be sure of it\n"
                                "and another one, just as long and just as unremarkable\n";
        QVERIFY(commit(s.repo(), {{u"old.txt"_s, "obsolete\n"}, {u"before.txt"_s, body}}, u"Old"_s));
        QVERIFY(s.addWorktree(u"x"_s));
        const QString wt = s.worktree(u"x"_s);
        // Adds in a new directory (with a name git would quote), modifies, deletes and renames.
        QVERIFY(QFile::remove(wt + u"/old.txt"_s));
        QVERIFY(QFile::rename(wt + u"/before.txt"_s, wt + u"/after.txt"_s));
        QVERIFY(commit(wt,
                       {{u"docs/guide/intro.md"_s, "# intro\n"},
                        {u"dócs/ünïcode ✓.txt"_s, "unicode\n"},
                        {u"shared.txt"_s, "one\n"}},
                       u"Docs, shared, no old, renamed"_s));
        QVERIFY(commit(s.repo(), {{u"c.txt"_s, "gamma\n"}}, u"Main moves on"_s));
        const QString headBefore = rev(s.repo(), u"HEAD"_s);

        auto merged = GitBranch::merge(s.repo(),
                                       u"forge/x"_s,
                                       u"main"_s,
                                       MergeStrategy::NoFastForward,
                                       u"Merge x"_s);
        QVERIFY2(merged, qPrintable(errorOf(merged)));
        QCOMPARE(merged->updatedCheckout, s.repo());
        QVERIFY(rev(s.repo(), u"HEAD"_s) != headBefore);
        QCOMPARE(rev(s.repo(), u"HEAD"_s), merged->commit);
        QCOMPARE(readFile(s.repo() + u"/docs/guide/intro.md"_s), QByteArray("# intro\n"));
        QCOMPARE(readFile(s.repo() + u"/shared.txt"_s), QByteArray("one\n"));
        QCOMPARE(readFile(s.repo() + u"/c.txt"_s), QByteArray("gamma\n"));
        QVERIFY(!QFileInfo::exists(s.repo() + u"/old.txt"_s));
        QCOMPARE(readFile(s.repo() + u"/dócs/ünïcode ✓.txt"_s), QByteArray("unicode\n"));
        QCOMPARE(readFile(s.repo() + u"/after.txt"_s), body);
        QVERIFY(!QFileInfo::exists(s.repo() + u"/before.txt"_s));
        QCOMPARE(porcelain(s.repo()), QStringList());
        // The index agrees with the new HEAD, not just the files.
        QVERIFY(gitOk(s.repo(), {u"diff"_s, u"--cached"_s, u"--quiet"_s, u"HEAD"_s}));
        QVERIFY(gitOk(s.repo(), {u"diff"_s, u"--quiet"_s}));
        QCOMPARE(merged->filesChanged, 5); // the rename counts once
    }

    void unrelatedLocalChangesInTheCheckoutSurvive()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"x"_s));
        QVERIFY(commit(s.worktree(u"x"_s),
                       {{u"a.txt"_s, "alpha\n"}, {u"shared.txt"_s, "one\nTWO\nthree\n"}},
                       u"Attempt"_s));
        QVERIFY(commit(s.repo(), {{u"c.txt"_s, "gamma\n"}}, u"Main moves on"_s));
        // The user is working in the checkout, on files the merge does not touch.
        QVERIFY(writeFile(s.repo() + u"/README.md"_s, "# my local edit\n"));
        QVERIFY(writeFile(s.repo() + u"/staged.txt"_s, "staged\n"));
        QVERIFY(gitOk(s.repo(), {u"add"_s, u"staged.txt"_s}));
        QVERIFY(writeFile(s.repo() + u"/notes/todo.txt"_s, "untracked\n"));
        const QStringList localBefore = porcelain(s.repo());
        QCOMPARE(localBefore.size(), 3);

        auto merged = GitBranch::merge(s.repo(),
                                       u"forge/x"_s,
                                       u"main"_s,
                                       MergeStrategy::FastForward,
                                       u"Merge x"_s);
        QVERIFY2(merged, qPrintable(errorOf(merged)));
        QCOMPARE(rev(s.repo(), u"HEAD"_s), merged->commit);
        QCOMPARE(readFile(s.repo() + u"/a.txt"_s), QByteArray("alpha\n"));
        QCOMPARE(readFile(s.repo() + u"/shared.txt"_s), QByteArray("one\nTWO\nthree\n"));
        QCOMPARE(readFile(s.repo() + u"/README.md"_s), QByteArray("# my local edit\n"));
        QCOMPARE(readFile(s.repo() + u"/staged.txt"_s), QByteArray("staged\n"));
        QCOMPARE(readFile(s.repo() + u"/notes/todo.txt"_s), QByteArray("untracked\n"));
        QCOMPARE(porcelain(s.repo()), localBefore);
        QCOMPARE(porcelain(s.repo()),
                 (QStringList{u" M README.md"_s, u"?? notes/todo.txt"_s, u"A  staged.txt"_s}));
    }

    void localChangesToMergedFilesRefuseTheMerge_data()
    {
        QTest::addColumn<MergeStrategy>("strategy");
        QTest::addColumn<QString>("localChange");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("modified, ff")
            << MergeStrategy::FastForward << u"modify"_s << QStringList{u"README.md"_s};
        QTest::newRow("modified, no-ff")
            << MergeStrategy::NoFastForward << u"modify"_s << QStringList{u"README.md"_s};
        QTest::newRow("staged, squash")
            << MergeStrategy::Squash << u"stage"_s << QStringList{u"README.md"_s};
        QTest::newRow("deleted, rebase")
            << MergeStrategy::Rebase << u"delete"_s << QStringList{u"README.md"_s};
        QTest::newRow("untracked where the merge adds, ff")
            << MergeStrategy::FastForward << u"untracked"_s << QStringList{u"a.txt"_s};
        QTest::newRow("untracked in a new directory, no-ff")
            << MergeStrategy::NoFastForward << u"nested"_s << QStringList{u"docs/guide.md"_s};
        QTest::newRow("several, rebase")
            << MergeStrategy::Rebase << u"several"_s
            << QStringList{u"README.md"_s, u"a.txt"_s, u"docs/guide.md"_s};
    }

    void localChangesToMergedFilesRefuseTheMerge()
    {
        QFETCH(MergeStrategy, strategy);
        QFETCH(QString, localChange);
        QFETCH(QStringList, expected);
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"x"_s));
        QVERIFY(commit(s.worktree(u"x"_s),
                       {{u"README.md"_s, "# attempt\n"},
                        {u"a.txt"_s, "alpha\n"},
                        {u"docs/guide.md"_s, "# guide\n"}},
                       u"Attempt"_s));
        if (strategy == MergeStrategy::Rebase || strategy == MergeStrategy::NoFastForward)
            QVERIFY(commit(s.repo(), {{u"c.txt"_s, "gamma\n"}}, u"Main moves on"_s));

        const QString repo = s.repo();
        if (localChange == "modify"_L1 || localChange == "several"_L1)
            QVERIFY(writeFile(repo + u"/README.md"_s, "# local\n"));
        if (localChange == "stage"_L1) {
            QVERIFY(writeFile(repo + u"/README.md"_s, "# staged\n"));
            QVERIFY(gitOk(repo, {u"add"_s, u"README.md"_s}));
        }
        if (localChange == "delete"_L1)
            QVERIFY(QFile::remove(repo + u"/README.md"_s));
        if (localChange == "untracked"_L1 || localChange == "several"_L1)
            QVERIFY(writeFile(repo + u"/a.txt"_s, "my own a\n"));
        if (localChange == "nested"_L1 || localChange == "several"_L1)
            QVERIFY(writeFile(repo + u"/docs/guide.md"_s, "my own guide\n"));
        // Also one the merge does not touch: it must not be reported.
        QVERIFY(writeFile(repo + u"/notes.txt"_s, "unrelated\n"));
        const QStringList checkouts{repo, s.worktree(u"x"_s)};
        const QByteArray before = s.fingerprint(checkouts);
        const QString mainBefore = rev(repo, u"main"_s);

        auto merged = GitBranch::merge(repo, u"forge/x"_s, u"main"_s, strategy, u"Merge x"_s);
        QVERIFY(!merged);
        QCOMPARE(merged.error().code, ErrorCode::Conflict);
        QCOMPARE(stringList(merged.error().details.value(u"localChanges"_s)), expected);
        QCOMPARE(merged.error().details.value(u"checkout"_s).toString(), repo);
        QVERIFY2(merged.error().message.contains(expected.constFirst()),
                 qPrintable(merged.error().message));
        QCOMPARE(rev(repo, u"main"_s), mainBefore);
        QCOMPARE(s.fingerprint(checkouts), before);
    }

    void aTargetNotCheckedOutOnlyMovesTheRef()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.diverge(u"x"_s));
        // The user works on another branch, with a local edit to a file the merge changes:
        // that is not main's checkout, so it does not matter.
        QVERIFY(gitOk(s.repo(), {u"switch"_s, u"-q"_s, u"-c"_s, u"other"_s}));
        QVERIFY(writeFile(s.repo() + u"/a.txt"_s, "user's own a\n"));
        const QByteArray before = Sandbox::checkoutPrint(s.repo());
        const QString mainBefore = rev(s.repo(), u"main"_s);

        auto merged = GitBranch::merge(s.repo(),
                                       u"forge/x"_s,
                                       u"main"_s,
                                       MergeStrategy::NoFastForward,
                                       u"Merge x"_s);
        QVERIFY2(merged, qPrintable(errorOf(merged)));
        QVERIFY(merged->updatedCheckout.isEmpty());
        QCOMPARE(rev(s.repo(), u"main"_s), merged->commit);
        QCOMPARE(parentsOf(s.repo(), u"main"_s),
                 (QStringList{mainBefore, rev(s.repo(), u"forge/x"_s)}));
        QCOMPARE(gitOut(s.repo(), {u"symbolic-ref"_s, u"HEAD"_s}), u"refs/heads/other"_s);
        QCOMPARE(rev(s.repo(), u"HEAD"_s), mainBefore);
        QCOMPARE(readFile(s.repo() + u"/a.txt"_s), QByteArray("user's own a\n"));
        QVERIFY(!QFileInfo::exists(s.repo() + u"/b.txt"_s));
        QCOMPARE(porcelain(s.repo()), QStringList{u"?? a.txt"_s});
        QCOMPARE(Sandbox::checkoutPrint(s.repo()), before);
    }

    void aTargetCheckedOutInALinkedWorktreeIsUpdated()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        // "release" is checked out in a linked worktree of its own.
        const QString release = s.root() + u"/release-checkout"_s;
        auto info = GitWorktree::create(s.repo(), u"main"_s, release, u"release"_s);
        QVERIFY2(info, qPrintable(errorOf(info)));
        QVERIFY(s.addWorktree(u"x"_s, u"release"_s));
        QVERIFY(commit(s.worktree(u"x"_s), {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s));
        QVERIFY(writeFile(release + u"/notes.txt"_s, "unrelated\n"));
        const QByteArray mainCheckout = Sandbox::checkoutPrint(s.repo());

        auto merged = GitBranch::merge(s.repo(),
                                       u"forge/x"_s,
                                       u"release"_s,
                                       MergeStrategy::FastForward,
                                       QString());
        QVERIFY2(merged, qPrintable(errorOf(merged)));
        QCOMPARE(merged->updatedCheckout, release);
        QCOMPARE(rev(s.repo(), u"release"_s), rev(s.repo(), u"forge/x"_s));
        QCOMPARE(rev(release, u"HEAD"_s), merged->commit);
        QCOMPARE(readFile(release + u"/a.txt"_s), QByteArray("alpha\n"));
        QCOMPARE(porcelain(release), QStringList{u"?? notes.txt"_s});
        // The repository's own checkout, on main, is untouched.
        QCOMPARE(Sandbox::checkoutPrint(s.repo()), mainCheckout);
        QVERIFY(!QFileInfo::exists(s.repo() + u"/a.txt"_s));

        // A local change there to a file the next merge touches refuses it, naming that checkout.
        QVERIFY(commit(s.worktree(u"x"_s), {{u"a.txt"_s, "alpha 2\n"}}, u"Edit a"_s));
        QVERIFY(writeFile(release + u"/a.txt"_s, "local\n"));
        const QString releaseBefore = rev(s.repo(), u"release"_s);
        auto refused = GitBranch::merge(s.repo(),
                                        u"forge/x"_s,
                                        u"release"_s,
                                        MergeStrategy::FastForward,
                                        QString());
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QCOMPARE(refused.error().details.value(u"checkout"_s).toString(), release);
        QCOMPARE(stringList(refused.error().details.value(u"localChanges"_s)),
                 QStringList{u"a.txt"_s});
        QCOMPARE(rev(s.repo(), u"release"_s), releaseBefore);
        QCOMPARE(readFile(release + u"/a.txt"_s), QByteArray("local\n"));
    }

    void nothingToMergeIsAConflict()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"behind"_s));
        QVERIFY(commit(s.repo(), {{u"c.txt"_s, "gamma\n"}}, u"Main moves on"_s));
        QVERIFY(s.addWorktree(u"level"_s));
        // Already merged: main contains every commit of the branch.
        QVERIFY(s.addWorktree(u"merged"_s));
        QVERIFY(commit(s.worktree(u"merged"_s), {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s));
        QVERIFY(GitBranch::merge(s.repo(),
                                 u"forge/merged"_s,
                                 u"main"_s,
                                 MergeStrategy::NoFastForward,
                                 u"Merge"_s));
        const QByteArray before = s.fingerprint({s.repo()});

        for (const QString &name : {u"level"_s, u"behind"_s, u"merged"_s}) {
            for (const MergeStrategy strategy : {MergeStrategy::FastForward,
                                                 MergeStrategy::NoFastForward,
                                                 MergeStrategy::Squash,
                                                 MergeStrategy::Rebase}) {
                auto merged
                    = GitBranch::merge(s.repo(), Sandbox::branch(name), u"main"_s, strategy, u"m"_s);
                QVERIFY2(!merged, qPrintable(name));
                QCOMPARE(merged.error().code, ErrorCode::Conflict);
                QVERIFY2(merged.error().message.contains(u"Nothing to merge"_s),
                         qPrintable(merged.error().message));
            }
        }
        QCOMPARE(s.fingerprint({s.repo()}), before);
    }

    void mergeOfAnUnknownBranchIsNotFound()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"x"_s));
        QVERIFY(commit(s.worktree(u"x"_s), {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s));
        auto branch = GitBranch::merge(s.repo(),
                                       u"forge/nope"_s,
                                       u"main"_s,
                                       MergeStrategy::FastForward,
                                       QString());
        QVERIFY(!branch);
        QCOMPARE(branch.error().code, ErrorCode::NotFound);
        QCOMPARE(branch.error().field(), u"branch"_s);
        auto target = GitBranch::merge(s.repo(),
                                       u"forge/x"_s,
                                       u"develop"_s,
                                       MergeStrategy::FastForward,
                                       QString());
        QVERIFY(!target);
        QCOMPARE(target.error().code, ErrorCode::NotFound);
        QCOMPARE(target.error().field(), u"baseBranch"_s);
        QVERIFY(rev(s.repo(), u"develop"_s).isEmpty());
    }

    // rebase() and abortInProgress()

    void rebaseReplaysTheWorktreeOntoTheAdvancedTarget()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.diverge(u"x"_s, grace));
        const QString wt = s.worktree(u"x"_s);
        const QString main = rev(s.repo(), u"main"_s);

        auto rebased = GitBranch::rebase(wt, u"main"_s);
        QVERIFY2(rebased, qPrintable(errorOf(rebased)));
        QVERIFY(!rebased->conflicted);
        QVERIFY(rebased->conflicts.isEmpty());
        QCOMPARE(rebased->commitsReplayed, 2);
        QCOMPARE(rebased->headCommit, rev(wt, u"HEAD"_s));
        QCOMPARE(rev(s.repo(), u"forge/x"_s), rebased->headCommit);
        QCOMPARE(gitOut(wt, {u"symbolic-ref"_s, u"HEAD"_s}), u"refs/heads/forge/x"_s);
        QCOMPARE(rev(wt, u"HEAD~2"_s), main);
        QCOMPARE(gitOut(wt, {u"rev-list"_s, u"--min-parents=2"_s, u"HEAD"_s}), QString());
        QCOMPARE(gitOut(wt, {u"log"_s, u"--format=%s|%an <%ae>|%cn <%ce>"_s, main + u"..HEAD"_s}),
                 u"Add b|%1|%2\nAdd a|%1|%2"_s.arg(grace, ada));
        QCOMPARE(readFile(wt + u"/c.txt"_s), QByteArray("gamma\n"));
        QCOMPARE(readFile(wt + u"/a.txt"_s), QByteArray("alpha\n"));
        QCOMPARE(porcelain(wt), QStringList());
        // main and the user's checkout are not touched by a rebase of the attempt.
        QCOMPARE(rev(s.repo(), u"main"_s), main);
        QCOMPARE(porcelain(s.repo()), QStringList());

        auto status = GitBranch::status(s.repo(), wt, u"forge/x"_s, u"main"_s);
        QVERIFY(status);
        QCOMPARE(status->ahead, 2);
        QCOMPARE(status->behind, 0);
        QCOMPARE(status->state(), u"clean"_s);
    }

    void rebaseFromAnExplicitUpstreamReplaysOnlyWhatFollowsIt()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        // The attempt started on release, then its target became main: replaying from where it
        // started must not bring release's own commit along.
        const QString release = s.root() + u"/release-checkout"_s;
        QVERIFY(GitWorktree::create(s.repo(), u"main"_s, release, u"release"_s));
        QVERIFY(commit(release, {{u"r.txt"_s, "release only\n"}}, u"Release only"_s));
        const QString start = rev(s.repo(), u"release"_s);
        QVERIFY(s.addWorktree(u"x"_s, u"release"_s));
        const QString wt = s.worktree(u"x"_s);
        QVERIFY(commit(wt, {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s));
        QVERIFY(commit(s.repo(), {{u"c.txt"_s, "gamma\n"}}, u"Add c on main"_s));

        auto rebased = GitBranch::rebase(wt, u"main"_s, start);
        QVERIFY2(rebased, qPrintable(errorOf(rebased)));
        QVERIFY(!rebased->conflicted);
        QCOMPARE(rebased->commitsReplayed, 1);
        QCOMPARE(rev(wt, u"HEAD~1"_s), rev(s.repo(), u"main"_s));
        QCOMPARE(gitOut(wt, {u"log"_s, u"-1"_s, u"--format=%s"_s}), u"Add a"_s);
        QVERIFY(!QFileInfo::exists(wt + u"/r.txt"_s));
        QCOMPARE(readFile(wt + u"/c.txt"_s), QByteArray("gamma\n"));
        QCOMPARE(rev(s.repo(), u"release"_s), start);
    }

    void rebasesCountOnlyTheCommitsTheyReplay()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        // The attempt's first commit already landed on main (same change, another commit): git
        // drops it when it comes out empty, and so does the in-memory replay.
        QVERIFY(s.addWorktree(u"cli"_s));
        QVERIFY(s.addWorktree(u"memory"_s));
        for (const QString &name : {u"cli"_s, u"memory"_s}) {
            QVERIFY(commit(s.worktree(name), {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s));
            QVERIFY(commit(s.worktree(name), {{u"b.txt"_s, "beta\n"}}, u"Add b"_s));
        }
        QVERIFY(commit(s.repo(), {{u"a.txt"_s, "alpha\n"}}, u"Add a on main"_s));
        const QString main = rev(s.repo(), u"main"_s);

        auto rebased = GitBranch::rebase(s.worktree(u"cli"_s), u"main"_s);
        QVERIFY2(rebased, qPrintable(errorOf(rebased)));
        QVERIFY(!rebased->conflicted);
        QCOMPARE(gitOut(s.worktree(u"cli"_s), {u"log"_s, u"--format=%s"_s, main + u"..HEAD"_s}),
                 u"Add b"_s);
        QCOMPARE(rebased->commitsReplayed, 1);

        auto merged = GitBranch::merge(s.repo(),
                                       u"forge/memory"_s,
                                       u"main"_s,
                                       MergeStrategy::Rebase,
                                       QString());
        QVERIFY2(merged, qPrintable(errorOf(merged)));
        QCOMPARE(gitOut(s.repo(), {u"log"_s, u"--format=%s"_s, main + u"..main"_s}), u"Add b"_s);
        QCOMPARE(merged->commitsReplayed, 1);
    }

    void rebaseStopsOnAConflictAndLeavesItInProgress()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.plantConflict(u"x"_s));
        const QString wt = s.worktree(u"x"_s);
        const QString headBefore = rev(wt, u"HEAD"_s);
        const QString mainBefore = rev(s.repo(), u"main"_s);

        auto rebased = GitBranch::rebase(wt, u"main"_s);
        QVERIFY2(rebased, qPrintable(errorOf(rebased)));
        QVERIFY(rebased->conflicted);
        QCOMPARE(rebased->conflicts, QStringList{u"shared.txt"_s});
        QCOMPARE(rebased->commitsReplayed, 0);
        // git's own state says so: a rebase in progress, stopped on shared.txt.
        const QString rebaseDir = QDir(wt).absoluteFilePath(
            gitOut(wt, {u"rev-parse"_s, u"--git-path"_s, u"rebase-merge"_s}));
        QVERIFY2(QFileInfo(rebaseDir).isDir(), qPrintable(rebaseDir));
        QVERIFY(porcelain(wt).contains(u"UU shared.txt"_s));
        QVERIFY(readFile(wt + u"/shared.txt"_s).contains("<<<<<<<"));
        // The branch itself only moves when the rebase finishes.
        QCOMPARE(rev(s.repo(), u"forge/x"_s), headBefore);
        QCOMPARE(rev(s.repo(), u"main"_s), mainBefore);

        auto status = GitBranch::status(s.repo(), wt, u"forge/x"_s, u"main"_s);
        QVERIFY2(status, qPrintable(errorOf(status)));
        QVERIFY(status->rebaseInProgress);
        QVERIFY(!status->mergeInProgress);
        QCOMPARE(status->conflictOp, u"rebase"_s);
        QCOMPARE(status->conflictedFiles, QStringList{u"shared.txt"_s});
        QCOMPARE(status->state(), u"rebasing"_s);

        auto again = GitBranch::rebase(wt, u"main"_s);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QCOMPARE(again.error().details.value(u"operation"_s).toString(), u"rebase"_s);
        QVERIFY(QFileInfo(rebaseDir).isDir());

        auto aborted = GitBranch::abortInProgress(wt);
        QVERIFY2(aborted, qPrintable(errorOf(aborted)));
        QCOMPARE(*aborted, u"rebase"_s);
        QVERIFY(!QFileInfo::exists(rebaseDir));
        QCOMPARE(rev(wt, u"HEAD"_s), headBefore);
        QCOMPARE(gitOut(wt, {u"symbolic-ref"_s, u"HEAD"_s}), u"refs/heads/forge/x"_s);
        QCOMPARE(porcelain(wt), QStringList());
        QCOMPARE(readFile(wt + u"/shared.txt"_s), QByteArray("one\ntwo (attempt)\nthree\n"));
        auto after = GitBranch::status(s.repo(), wt, u"forge/x"_s, u"main"_s);
        QVERIFY(after);
        QVERIFY(!after->rebaseInProgress);
        QCOMPARE(after->state(), u"clean"_s);

        auto nothing = GitBranch::abortInProgress(wt);
        QVERIFY(!nothing);
        QCOMPARE(nothing.error().code, ErrorCode::Conflict);
    }

    void abortWithNothingInProgressIsAConflict()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"x"_s));
        const QByteArray before = s.fingerprint({s.worktree(u"x"_s)});
        auto aborted = GitBranch::abortInProgress(s.worktree(u"x"_s));
        QVERIFY(!aborted);
        QCOMPARE(aborted.error().code, ErrorCode::Conflict);
        QCOMPARE(s.fingerprint({s.worktree(u"x"_s)}), before);
    }

    void aMergeInProgressIsAbortedToo()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.plantConflict(u"x"_s));
        const QString wt = s.worktree(u"x"_s);
        const QString headBefore = rev(wt, u"HEAD"_s);
        QVERIFY(gitRun(wt,
                       {u"-c"_s,
                        u"user.name=Setup Bot"_s,
                        u"-c"_s,
                        u"user.email=setup@forgedesk.invalid"_s,
                        u"merge"_s,
                        u"-q"_s,
                        u"main"_s})
                    .exitCode
                != 0);
        auto status = GitBranch::status(s.repo(), wt, u"forge/x"_s, u"main"_s);
        QVERIFY(status);
        QVERIFY(status->mergeInProgress);
        QCOMPARE(status->conflictOp, u"merge"_s);
        QCOMPARE(status->conflictedFiles, QStringList{u"shared.txt"_s});
        QCOMPARE(status->state(), u"conflicted"_s);
        auto rebased = GitBranch::rebase(wt, u"main"_s);
        QVERIFY(!rebased);
        QCOMPARE(rebased.error().code, ErrorCode::Conflict);
        auto aborted = GitBranch::abortInProgress(wt);
        QVERIFY2(aborted, qPrintable(errorOf(aborted)));
        QCOMPARE(*aborted, u"merge"_s);
        QCOMPARE(rev(wt, u"HEAD"_s), headBefore);
        QCOMPARE(porcelain(wt), QStringList());
    }

    void rebaseWhenAlreadyUpToDateDoesNothing()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"x"_s));
        const QString wt = s.worktree(u"x"_s);
        QVERIFY(commit(wt, {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s));
        const QString head = rev(wt, u"HEAD"_s);
        const QByteArray before = s.fingerprint({s.repo(), wt});
        auto rebased = GitBranch::rebase(wt, u"main"_s);
        QVERIFY2(rebased, qPrintable(errorOf(rebased)));
        QVERIFY(!rebased->conflicted);
        QCOMPARE(rebased->commitsReplayed, 0);
        QCOMPARE(rebased->headCommit, head);
        QCOMPARE(s.fingerprint({s.repo(), wt}), before);
    }

    void rebaseRefusesUncommittedChangesAndUnknownTargets()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.diverge(u"x"_s));
        const QString wt = s.worktree(u"x"_s);
        QVERIFY(writeFile(wt + u"/a.txt"_s, "uncommitted\n"));
        const QByteArray before = s.fingerprint({s.repo(), wt});
        auto dirty = GitBranch::rebase(wt, u"main"_s);
        QVERIFY(!dirty);
        QCOMPARE(dirty.error().code, ErrorCode::Conflict);
        QCOMPARE(s.fingerprint({s.repo(), wt}), before);
        QVERIFY(!QFileInfo::exists(QDir(wt).absoluteFilePath(
            gitOut(wt, {u"rev-parse"_s, u"--git-path"_s, u"rebase-merge"_s}))));

        auto unknown = GitBranch::rebase(wt, u"develop"_s);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        QCOMPARE(unknown.error().field(), u"baseBranch"_s);
    }

    // Without any identity configured

    void withoutAnIdentityForgedeskSignsMergesAndRebases()
    {
        Sandbox s(false);
        QVERIFY(s.isValid());
        // Really none: the test environment hides the user's configuration.
        QVERIFY(gitRun(s.repo(), {u"config"_s, u"user.name"_s}).exitCode != 0);
        QVERIFY(gitRun(s.repo(), {u"config"_s, u"user.email"_s}).exitCode != 0);

        QVERIFY(s.diverge(u"merge"_s));
        auto merged = GitBranch::merge(s.repo(),
                                       u"forge/merge"_s,
                                       u"main"_s,
                                       MergeStrategy::NoFastForward,
                                       u"Merge without identity"_s);
        QVERIFY2(merged, qPrintable(errorOf(merged)));
        QCOMPARE(gitOut(s.repo(), {u"log"_s, u"-1"_s, u"--format=%an <%ae>|%cn <%ce>"_s, u"main"_s}),
                 forgedesk + u'|' + forgedesk);
        QCOMPARE(parentsOf(s.repo(), u"main"_s).size(), 2);

        QVERIFY(s.addWorktree(u"replay"_s));
        QVERIFY(commit(s.worktree(u"replay"_s), {{u"r.txt"_s, "r\n"}}, u"Add r"_s));
        QVERIFY(commit(s.repo(), {{u"d.txt"_s, "delta\n"}}, u"Add d on main"_s));
        const QString before = rev(s.repo(), u"main"_s);
        auto replayed = GitBranch::merge(s.repo(),
                                         u"forge/replay"_s,
                                         u"main"_s,
                                         MergeStrategy::Rebase,
                                         QString());
        QVERIFY2(replayed, qPrintable(errorOf(replayed)));
        QCOMPARE(replayed->commitsReplayed, 1);
        QCOMPARE(rev(s.repo(), u"main~1"_s), before);
        QCOMPARE(gitOut(s.repo(),
                        {u"log"_s, u"-1"_s, u"--format=%s|%an <%ae>|%cn <%ce>"_s, u"main"_s}),
                 u"Add r|"_s + setupBot + u'|' + forgedesk);

        // The git CLI rebase needs a committer too.
        QVERIFY(s.addWorktree(u"cli"_s));
        const QString wt = s.worktree(u"cli"_s);
        QVERIFY(commit(wt, {{u"e.txt"_s, "epsilon\n"}}, u"Add e"_s));
        QVERIFY(commit(s.repo(), {{u"f.txt"_s, "phi\n"}}, u"Add f on main"_s));
        auto rebased = GitBranch::rebase(wt, u"main"_s);
        QVERIFY2(rebased, qPrintable(errorOf(rebased)));
        QVERIFY(!rebased->conflicted);
        QCOMPARE(rebased->commitsReplayed, 1);
        QCOMPARE(rev(wt, u"HEAD~1"_s), rev(s.repo(), u"main"_s));
        QCOMPARE(gitOut(wt, {u"log"_s, u"-1"_s, u"--format=%s|%an <%ae>|%cn <%ce>"_s}),
                 u"Add e|"_s + setupBot + u'|' + forgedesk);
        QCOMPARE(porcelain(wt), QStringList());
    }

    // commitInfo()

    void commitInfoDescribesTheBranchSinceTheMergeBase()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(s.addWorktree(u"x"_s));
        const QString wt = s.worktree(u"x"_s);
        QVERIFY(commit(wt, {{u"a.txt"_s, "1\n2\n3\n"}}, u"Add a"_s));
        QVERIFY(commit(wt,
                       {{u"README.md"_s, "# changed\n"}, {u"b.txt"_s, "x\ny\n"}},
                       u"Second change\n\nWith a body.\n"_s,
                       grace));
        // main moving on (even on the same files) is not the branch's change.
        QVERIFY(commit(s.repo(),
                       {{u"c.txt"_s, "c\nc\nc\nc\n"}, {u"a.txt"_s, "main's a\n"}},
                       u"Main moves on"_s));

        auto info = GitBranch::commitInfo(s.repo(), u"forge/x"_s, u"main"_s);
        QVERIFY2(info, qPrintable(errorOf(info)));
        QCOMPARE(info->commitId, rev(s.repo(), u"forge/x"_s));
        QCOMPARE(info->message, u"Second change\n\nWith a body."_s);
        QCOMPARE(info->author, grace);
        QCOMPARE(info->timestamp.toSecsSinceEpoch(),
                 gitOut(s.repo(), {u"log"_s, u"-1"_s, u"--format=%at"_s, u"forge/x"_s}).toLongLong());
        QCOMPARE(info->commitCount, 2);
        QCOMPARE(info->filesChanged, 3);
        QCOMPARE(info->insertions, 3 + 1 + 2);
        QCOMPARE(info->deletions, 1);
        // The same numbers as git's own.
        QCOMPARE(gitOut(s.repo(), {u"diff"_s, u"--shortstat"_s, u"main...forge/x"_s}),
                 u"3 files changed, 6 insertions(+), 1 deletion(-)"_s);

        QVERIFY(s.addWorktree(u"idle"_s));
        auto idle = GitBranch::commitInfo(s.repo(), u"forge/idle"_s, u"main"_s);
        QVERIFY(idle);
        QCOMPARE(idle->commitId, rev(s.repo(), u"main"_s));
        QCOMPARE(idle->message, u"Main moves on"_s);
        QCOMPARE(idle->author, setupBot);
        QCOMPARE(idle->commitCount, 0);
        QCOMPARE(idle->filesChanged, 0);
        QCOMPARE(idle->insertions, 0);
        QCOMPARE(idle->deletions, 0);

        auto missing = GitBranch::commitInfo(s.repo(), u"forge/nope"_s, u"main"_s);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    // push()

    void pushCreatesTheBranchOnABareRemote()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        const QString bare = s.root() + u"/remote.git"_s;
        QVERIFY(gitOk(s.root(), {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s, bare}));
        QVERIFY(gitOk(s.repo(), {u"remote"_s, u"add"_s, u"origin"_s, bare}));
        QVERIFY(s.addWorktree(u"x"_s));
        QVERIFY(commit(s.worktree(u"x"_s), {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s));

        auto pushed = GitBranch::push(s.repo(), u"origin"_s, u"forge/x"_s, false);
        QVERIFY2(pushed, qPrintable(errorOf(pushed)));
        QCOMPARE(pushed->remote, u"origin"_s);
        QCOMPARE(pushed->branch, u"forge/x"_s);
        QCOMPARE(pushed->url, bare);
        QCOMPARE(rev(bare, u"refs/heads/forge/x"_s), rev(s.repo(), u"forge/x"_s));
        // Only that branch.
        QCOMPARE(gitOut(bare, {u"for-each-ref"_s, u"--format=%(refname)"_s}),
                 u"refs/heads/forge/x"_s);

        // A later commit is a fast-forward.
        QVERIFY(commit(s.worktree(u"x"_s), {{u"b.txt"_s, "beta\n"}}, u"Add b"_s));
        QVERIFY(GitBranch::push(s.repo(), u"origin"_s, u"forge/x"_s, false));
        QCOMPARE(rev(bare, u"refs/heads/forge/x"_s), rev(s.repo(), u"forge/x"_s));
        auto url = GitBranch::remoteUrl(s.repo(), u"origin"_s);
        QVERIFY(url);
        QCOMPARE(*url, bare);

        // A push URL of its own is where pushes go.
        const QString pushOnly = s.root() + u"/push-only.git"_s;
        QVERIFY(gitOk(s.root(), {u"init"_s, u"-q"_s, u"--bare"_s, pushOnly}));
        QVERIFY(gitOk(s.repo(), {u"remote"_s, u"add"_s, u"split"_s, s.root() + u"/missing.git"_s}));
        QVERIFY(gitOk(s.repo(), {u"config"_s, u"remote.split.pushurl"_s, pushOnly}));
        auto split = GitBranch::push(s.repo(), u"split"_s, u"forge/x"_s, false);
        QVERIFY2(split, qPrintable(errorOf(split)));
        QCOMPARE(split->url, pushOnly);
        QCOMPARE(rev(pushOnly, u"refs/heads/forge/x"_s), rev(s.repo(), u"forge/x"_s));
    }

    void aDivergedRemoteIsAConflictUntilForced()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        const QString bare = s.root() + u"/remote.git"_s;
        QVERIFY(gitOk(s.root(), {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s, bare}));
        QVERIFY(gitOk(s.repo(), {u"remote"_s, u"add"_s, u"origin"_s, bare}));
        QVERIFY(s.addWorktree(u"x"_s));
        QVERIFY(commit(s.worktree(u"x"_s), {{u"a.txt"_s, "alpha\n"}}, u"Add a"_s));
        QVERIFY(GitBranch::push(s.repo(), u"origin"_s, u"forge/x"_s, false));

        // Someone else pushes to the branch; we commit something else.
        const QString other = s.root() + u"/other"_s;
        QVERIFY(gitOk(s.root(), {u"clone"_s, u"-q"_s, u"-b"_s, u"forge/x"_s, bare, other}));
        QVERIFY(commit(other, {{u"theirs.txt"_s, "theirs\n"}}, u"Their change"_s));
        QVERIFY(gitOk(other, {u"push"_s, u"-q"_s, u"origin"_s, u"forge/x"_s}));
        const QString theirs = rev(other, u"HEAD"_s);
        QVERIFY(commit(s.worktree(u"x"_s), {{u"b.txt"_s, "beta\n"}}, u"Our change"_s));
        const QString ours = rev(s.repo(), u"forge/x"_s);

        auto rejected = GitBranch::push(s.repo(), u"origin"_s, u"forge/x"_s, false);
        QVERIFY(!rejected);
        QCOMPARE(rejected.error().code, ErrorCode::Conflict);
        QCOMPARE(rev(bare, u"refs/heads/forge/x"_s), theirs);

        // Once we know their commit it is "non-fast-forward" rather than "fetch first".
        QVERIFY(gitOk(s.repo(), {u"fetch"_s, u"-q"_s, u"origin"_s}));
        auto stillRejected = GitBranch::push(s.repo(), u"origin"_s, u"forge/x"_s, false);
        QVERIFY(!stillRejected);
        QCOMPARE(stillRejected.error().code, ErrorCode::Conflict);
        QCOMPARE(rev(bare, u"refs/heads/forge/x"_s), theirs);

        auto forced = GitBranch::push(s.repo(), u"origin"_s, u"forge/x"_s, true);
        QVERIFY2(forced, qPrintable(errorOf(forced)));
        QCOMPARE(rev(bare, u"refs/heads/forge/x"_s), ours);
    }

    void pushToAnUnknownRemoteOrBranchIsNotFound()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        const QString bare = s.root() + u"/remote.git"_s;
        QVERIFY(gitOk(s.root(), {u"init"_s, u"-q"_s, u"--bare"_s, bare}));
        QVERIFY(gitOk(s.repo(), {u"remote"_s, u"add"_s, u"origin"_s, bare}));
        QVERIFY(s.addWorktree(u"x"_s));

        for (const QString &remote : {u"upstream"_s, QString(), u"--upload-pack=touch pwned"_s}) {
            auto pushed = GitBranch::push(s.repo(), remote, u"forge/x"_s, false);
            QVERIFY2(!pushed, qPrintable(remote));
            QCOMPARE(pushed.error().code, ErrorCode::NotFound);
            QCOMPARE(pushed.error().field(), u"remote"_s);
        }
        for (const QString &branch : {u"forge/nope"_s, u"-f"_s, u"--all"_s, QString()}) {
            auto pushed = GitBranch::push(s.repo(), u"origin"_s, branch, false);
            QVERIFY2(!pushed, qPrintable(branch));
            QCOMPARE(pushed.error().code, ErrorCode::NotFound);
        }
        QVERIFY(!QFileInfo::exists(s.repo() + u"/pwned"_s));
        QCOMPARE(gitOut(bare, {u"for-each-ref"_s}), QString());
    }

    void pushToAMissingPathIsABadGateway()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(gitOk(s.repo(), {u"remote"_s, u"add"_s, u"gone"_s, s.root() + u"/missing.git"_s}));
        QVERIFY(s.addWorktree(u"x"_s));
        auto pushed = GitBranch::push(s.repo(), u"gone"_s, u"forge/x"_s, false);
        QVERIFY(!pushed);
        QCOMPARE(pushed.error().code, ErrorCode::BadGateway);
        QCOMPARE(pushed.error().details.value(u"remote"_s).toString(), u"gone"_s);
        QVERIFY2(pushed.error().message.contains(u"missing.git"_s),
                 qPrintable(pushed.error().message));
    }

    void credentialsNeverAppearInPushErrors()
    {
        Sandbox s;
        QVERIFY(s.isValid());
        // A closed port on the loopback: refused at once, and nothing leaves the machine.
        QVERIFY(
            gitOk(s.repo(),
                  {u"remote"_s, u"add"_s, u"origin"_s, u"https://user:secret@127.0.0.1:1/x.git"_s}));
        QVERIFY(s.addWorktree(u"x"_s));
        const QString token = u"tok-4f9a1c77e2d0b5"_s;
        auto pushed = GitBranch::push(s.repo(), u"origin"_s, u"forge/x"_s, false, token);
        QVERIFY(!pushed);
        QCOMPARE(pushed.error().code, ErrorCode::BadGateway);
        const QString everything = pushed.error().message
                                   + QString::fromUtf8(
                                       QJsonDocument(pushed.error().details).toJson());
        QVERIFY2(everything.contains(u"127.0.0.1"_s), qPrintable(everything));
        QVERIFY2(!everything.contains(u"secret"_s), qPrintable(everything));
        QVERIFY2(!everything.contains(token), qPrintable(everything));
        const QByteArray basic = QByteArray("x-access-token:" + token.toUtf8()).toBase64();
        QVERIFY2(!everything.contains(QString::fromLatin1(basic)), qPrintable(everything));

        // Without a token as well.
        auto plain = GitBranch::push(s.repo(), u"origin"_s, u"forge/x"_s, false);
        QVERIFY(!plain);
        QCOMPARE(plain.error().code, ErrorCode::BadGateway);
        QVERIFY2(!plain.error().message.contains(u"secret"_s), qPrintable(plain.error().message));
    }

    void theTokenReachesGitForTheRemotesHostOnly_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("expectHeader");
        QTest::newRow("https") << u"https://127.0.0.1/x.git"_s << true;
        QTest::newRow("https with a port") << u"https://127.0.0.1:8443/x.git"_s << true;
        QTest::newRow("https with the default port") << u"https://127.0.0.1:443/x.git"_s << true;
        QTest::newRow("https to an IPv6 host") << u"https://[::1]:8443/x.git"_s << true;
        QTest::newRow("https with credentials")
            << u"https://user:secret@127.0.0.1:8443/x.git"_s << true;
        QTest::newRow("plain http gets no token") << u"http://127.0.0.1:8080/x.git"_s << false;
    }

    void theTokenReachesGitForTheRemotesHostOnly()
    {
        QFETCH(QString, url);
        QFETCH(bool, expectHeader);
        Sandbox s;
        QVERIFY(s.isValid());
        QVERIFY(gitOk(s.repo(), {u"remote"_s, u"add"_s, u"origin"_s, url}));
        QVERIFY(s.addWorktree(u"x"_s));
        // git hands http(s) remotes to git-remote-http(s) from its exec path: put a stand-in
        // there that records what git would send as extra headers for the URL, and the
        // arguments it got, then fails. No connection is made.
        const QString exec = s.root() + u"/exec"_s;
        const QString record = s.root() + u"/record.txt"_s;
        QVERIFY(writeFile(exec + u"/git-remote-https"_s,
                          "#!/bin/sh\n"
                          "{ git config --get-urlmatch http.extraheader \"$2\"; echo \"args: $*\"; }"
                          " > \"$FORGEDESK_TEST_RECORD\" 2>&1\n"
                          "exit 1\n"));
        QVERIFY(QFile::setPermissions(exec + u"/git-remote-https"_s,
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QVERIFY(QFile::copy(exec + u"/git-remote-https"_s, exec + u"/git-remote-http"_s));
        qputenv("GIT_EXEC_PATH", QFile::encodeName(exec));
        qputenv("FORGEDESK_TEST_RECORD", QFile::encodeName(record));
        const auto restore = qScopeGuard([] {
            qunsetenv("GIT_EXEC_PATH");
            qunsetenv("FORGEDESK_TEST_RECORD");
        });

        const QString token = u"tok-4f9a1c77e2d0b5"_s;
        auto pushed = GitBranch::push(s.repo(), u"origin"_s, u"forge/x"_s, false, token);
        QVERIFY(!pushed);
        QCOMPARE(pushed.error().code, ErrorCode::BadGateway);
        const QByteArray recorded = readFile(record);
        QVERIFY2(recorded.contains("args: origin "), recorded.constData());
        QVERIFY2(!recorded.contains(token.toUtf8()), recorded.constData());
        const QByteArray header = "Authorization: Basic "
                                  + QByteArray("x-access-token:" + token.toUtf8()).toBase64();
        if (expectHeader)
            QVERIFY2(recorded.startsWith(QByteArray(header + '\n')), recorded.constData());
        else
            QVERIFY2(!recorded.contains("Authorization"), recorded.constData());
    }
};

QTEST_GUILESS_MAIN(TestGitBranch)
#include "tst_gitbranch.moc"
