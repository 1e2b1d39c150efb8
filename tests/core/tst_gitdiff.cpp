// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/gitdiff.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Core;

/// The attempt diff on real repositories made with the git CLI (a base commit, an attempt
/// branch in a linked worktree, committed, staged, unstaged and untracked changes), checked
/// against what git itself prints; and the parser on hand-written patches with every oddity of
/// git's output.
class TestGitDiff final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_repo;     ///< The main checkout, on main.
    QString m_worktree; ///< A linked worktree on branch "attempt".
    QString m_base;     ///< The commit both start from.

    /// Runs git in dir; false (with git's complaint in the log) unless it exits with 0.
    static bool git(const QString &dir, const QStringList &arguments, QByteArray *out = nullptr)
    {
        QProcess process;
        process.setWorkingDirectory(dir);
        process.start(u"git"_s, arguments);
        if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            qWarning() << "git" << arguments << "failed:" << process.readAllStandardError();
            return false;
        }
        if (out)
            *out = process.readAllStandardOutput();
        return true;
    }

    static QString gitText(const QString &dir, const QStringList &arguments)
    {
        QByteArray out;
        return git(dir, arguments, &out) ? QString::fromUtf8(out).trimmed() : QString();
    }

    static bool writeFile(const QString &path, const QByteArray &content)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    }

    static QByteArray lines(int count, const QByteArray &stem = "line")
    {
        QByteArray out;
        for (int i = 1; i <= count; ++i)
            out += stem + ' ' + QByteArray::number(i) + '\n';
        return out;
    }

    static const DiffFile *find(const QList<DiffFile> &files, const QString &path)
    {
        for (const DiffFile &file : files)
            if (file.path == path)
                return &file;
        return nullptr;
    }

    static QStringList paths(const QList<DiffFile> &files)
    {
        QStringList out;
        for (const DiffFile &file : files)
            out.append(file.path);
        return out;
    }

    /// One hunk as "<prefix><old>/<new>:<content>[$ when no newline]" lines.
    static QString render(const DiffFile &file, qsizetype hunk = 0)
    {
        QString out;
        for (const DiffLine &line : file.hunks.value(hunk).lines) {
            const char prefix = line.type == DiffLine::Type::Add      ? '+'
                                : line.type == DiffLine::Type::Delete ? '-'
                                                                      : ' ';
            out += QLatin1Char(prefix) + u"%1/%2:"_s.arg(line.oldLineNumber).arg(line.newLineNumber)
                   + file.content(line) + (line.noNewline ? u"$"_s : QString()) + u'\n';
        }
        return out;
    }

    /// `git diff --numstat -z` of the given revisions: path → "additions deletions" (binary "- -").
    static QHash<QString, QString> numstat(const QString &dir, const QStringList &revisions)
    {
        QByteArray out;
        if (!git(dir, QStringList{u"diff"_s, u"-M"_s, u"--numstat"_s, u"-z"_s} + revisions, &out))
            return {};
        QHash<QString, QString> stats;
        const QList<QByteArray> fields = out.split('\0');
        for (qsizetype i = 0; i + 1 < fields.size(); ++i) {
            const QList<QByteArray> counts = fields[i].split('\t');
            if (counts.size() < 3)
                continue;
            QByteArray path = counts[2];
            if (path.isEmpty()) { // A rename: old NUL new NUL.
                path = fields.value(i + 2);
                i += 2;
            }
            stats.insert(QString::fromUtf8(path), QString::fromUtf8(counts[0] + ' ' + counts[1]));
        }
        return stats;
    }

    /// The error of a failed result, for QVERIFY2 (which evaluates its message either way).
    static QString failure(const Result<AttemptDiff> &result)
    {
        return result ? QString() : result.error().message;
    }

    static QString counts(const DiffFile &file)
    {
        if (file.binary)
            return u"- -"_s;
        return u"%1 %2"_s.arg(file.additions).arg(file.deletions);
    }

    /// The base commit on main, with the attempt worktree made from it.
    bool makeRepository(const QMap<QString, QByteArray> &files)
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_repo = QFileInfo(m_dir->path()).canonicalFilePath() + u"/repo"_s;
        m_worktree = QFileInfo(m_dir->path()).canonicalFilePath() + u"/attempt"_s;
        if (!QDir().mkpath(m_repo) || !git(m_repo, {u"init"_s, u"-q"_s, u"-b"_s, u"main"_s}))
            return false;
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            if (!writeFile(m_repo + u'/' + it.key(), it.value()))
                return false;
        if (!git(m_repo, {u"add"_s, u"-A"_s}) || !git(m_repo, {u"commit"_s, u"-qm"_s, u"base"_s}))
            return false;
        m_base = gitText(m_repo, {u"rev-parse"_s, u"HEAD"_s});
        return git(m_repo, {u"worktree"_s, u"add"_s, u"-q"_s, u"-b"_s, u"attempt"_s, m_worktree});
    }

    bool commitAll(const QString &message)
    {
        return git(m_worktree, {u"add"_s, u"-A"_s})
               && git(m_worktree, {u"commit"_s, u"-qm"_s, message});
    }

    QString path(const QString &relative) const { return m_worktree + u'/' + relative; }

    /// What must not change when a diff is taken: status, the index file and its time.
    QByteArray worktreeState() const
    {
        QByteArray status;
        QProcess process;
        process.setWorkingDirectory(m_worktree);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"GIT_OPTIONAL_LOCKS"_s, u"0"_s); // git status itself would refresh it
        process.setProcessEnvironment(environment);
        process.start(u"git"_s,
                      {u"status"_s, u"--porcelain=v1"_s, u"-z"_s, u"--untracked-files=all"_s});
        process.waitForFinished();
        status = process.readAllStandardOutput();
        const QString gitPath = gitText(m_worktree, {u"rev-parse"_s, u"--git-path"_s, u"index"_s});
        QFile file(QFileInfo(gitPath).isAbsolute() ? gitPath : m_worktree + u'/' + gitPath);
        const QFileInfo info(file);
        file.open(QIODevice::ReadOnly);
        return status + "\n--\n" + file.readAll().toHex() + "\n--\n"
               + QByteArray::number(info.lastModified().toMSecsSinceEpoch()) + "\n"
               + QByteArray::number(QFileInfo::exists(file.fileName() + u".lock"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Nobody's configuration but ours.
        qputenv("HOME", QFile::encodeName(m_home.path()));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.path()));
        qputenv("GIT_CONFIG_NOSYSTEM", "1");
        qputenv("GIT_AUTHOR_NAME", "Test");
        qputenv("GIT_AUTHOR_EMAIL", "test@forgedesk.invalid");
        qputenv("GIT_COMMITTER_NAME", "Test");
        qputenv("GIT_COMMITTER_EMAIL", "test@forgedesk.invalid");
        QVERIFY(writeFile(m_home.path() + u"/.gitconfig"_s, "[init]\n\tdefaultBranch = main\n"));
    }

    // --- parse() on hand-written patches ------------------------------------------------------

    void parsesHunksWithLineNumbers()
    {
        const QByteArray patch = "diff --git a/src/a.cpp b/src/a.cpp\n"
                                 "index 1111111..2222222 100644\n"
                                 "--- a/src/a.cpp\n"
                                 "+++ b/src/a.cpp\n"
                                 "@@ -1,3 +1,3 @@ int main()\n"
                                 " one\n"
                                 "-two\n"
                                 "+TWO\n"
                                 " three\n"
                                 "@@ -10 +10,2 @@\n"
                                 " ten\n"
                                 "+eleven\n";
        const QList<DiffFile> files = GitDiff::parse(patch);
        QCOMPARE(files.size(), 1);
        const DiffFile &file = files[0];
        QCOMPARE(file.path, u"src/a.cpp"_s);
        QVERIFY(file.oldPath.isEmpty());
        QCOMPARE(file.status, DiffFileStatus::Modified);
        QCOMPARE(file.additions, 2);
        QCOMPARE(file.deletions, 1);
        QCOMPARE(file.oldMode, u"100644"_s);
        QCOMPARE(file.newMode, u"100644"_s);
        QCOMPARE(file.patch, patch);
        QCOMPARE(file.hunks.size(), 2);
        QCOMPARE(file.hunks[0].header, u"@@ -1,3 +1,3 @@ int main()"_s);
        QCOMPARE(file.hunks[0].oldStart, 1);
        QCOMPARE(file.hunks[0].newLines, 3);
        QCOMPARE(render(file), u" 1/1:one\n-2/0:two\n+0/2:TWO\n 3/3:three\n"_s);
        QCOMPARE(file.hunks[1].oldLines, 1); // "-10" means one line
        QCOMPARE(file.hunks[1].newLines, 2);
        QCOMPARE(render(file, 1), u" 10/10:ten\n+0/11:eleven\n"_s);
    }

    void parsesTrickyPatches_data()
    {
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("oldPath");
        QTest::addColumn<DiffFileStatus>("status");
        QTest::addColumn<QString>("summary"); // "additions deletions binary similarity modes"
        QTest::addColumn<QString>("lines");   // the first hunk, rendered

        QTest::newRow("quoted unicode name with a space")
            << QByteArray("diff --git \"a/x\\303\\251 y\" \"b/x\\303\\251 y\"\n"
                          "index 1111111..2222222 100644\n"
                          "--- \"a/x\\303\\251 y\"\t\n"
                          "+++ \"b/x\\303\\251 y\"\t\n"
                          "@@ -1 +1 @@\n"
                          "-a\n"
                          "+b\n")
            << u"x\u00e9 y"_s << QString() << DiffFileStatus::Modified << u"1 1 0 0 100644>100644"_s
            << u"-1/0:a\n+0/1:b\n"_s;
        QTest::newRow("quoted escapes")
            << QByteArray("diff --git \"a/t\\tq\\\"b\\\\s\\n\" \"b/t\\tq\\\"b\\\\s\\n\"\n"
                          "new file mode 100644\n"
                          "index 0000000..e69de29\n")
            << u"t\tq\"b\\s\n"_s << QString() << DiffFileStatus::Added << u"0 0 0 0 >100644"_s
            << QString();
        QTest::newRow("unquoted name with spaces, no ---/+++ lines")
            << QByteArray("diff --git a/my dir/a b.txt b/my dir/a b.txt\n"
                          "old mode 100644\n"
                          "new mode 100755\n")
            << u"my dir/a b.txt"_s << QString() << DiffFileStatus::Modified
            << u"0 0 0 0 100644>100755"_s << QString();
        QTest::newRow("tab after a name with a space")
            << QByteArray("diff --git a/a b b/a b\n"
                          "index 1111111..2222222 100644\n"
                          "--- a/a b\t\n"
                          "+++ b/a b\t\n"
                          "@@ -1 +1 @@\n"
                          "-x\n"
                          "+y\n")
            << u"a b"_s << QString() << DiffFileStatus::Modified << u"1 1 0 0 100644>100644"_s
            << u"-1/0:x\n+0/1:y\n"_s;
        QTest::newRow("no newline at end of file, both sides")
            << QByteArray("diff --git a/n b/n\n"
                          "index 1111111..2222222 100644\n"
                          "--- a/n\n"
                          "+++ b/n\n"
                          "@@ -1,2 +1,2 @@\n"
                          " a\n"
                          "-b\n"
                          "\\ No newline at end of file\n"
                          "+c\n"
                          "\\ No newline at end of file\n")
            << u"n"_s << QString() << DiffFileStatus::Modified << u"1 1 0 0 100644>100644"_s
            << u" 1/1:a\n-2/0:b$\n+0/2:c$\n"_s;
        QTest::newRow("newline added at the end")
            << QByteArray("diff --git a/n b/n\n"
                          "index 1111111..2222222 100644\n"
                          "--- a/n\n"
                          "+++ b/n\n"
                          "@@ -1 +1 @@\n"
                          "-b\n"
                          "\\ No newline at end of file\n"
                          "+b\n")
            << u"n"_s << QString() << DiffFileStatus::Modified << u"1 1 0 0 100644>100644"_s
            << u"-1/0:b$\n+0/1:b\n"_s;
        QTest::newRow("new file") << QByteArray("diff --git a/new.txt b/new.txt\n"
                                                "new file mode 100644\n"
                                                "index 0000000..2222222\n"
                                                "--- /dev/null\n"
                                                "+++ b/new.txt\n"
                                                "@@ -0,0 +1,2 @@\n"
                                                "+one\n"
                                                "+two\n")
                                  << u"new.txt"_s << QString() << DiffFileStatus::Added
                                  << u"2 0 0 0 >100644"_s << u"+0/1:one\n+0/2:two\n"_s;
        QTest::newRow("deleted file") << QByteArray("diff --git a/old.txt b/old.txt\n"
                                                    "deleted file mode 100755\n"
                                                    "index 1111111..0000000\n"
                                                    "--- a/old.txt\n"
                                                    "+++ /dev/null\n"
                                                    "@@ -1 +0,0 @@\n"
                                                    "-gone\n")
                                      << u"old.txt"_s << QString() << DiffFileStatus::Deleted
                                      << u"0 1 0 0 100755>"_s << u"-1/0:gone\n"_s;
        QTest::newRow("empty new file") << QByteArray("diff --git a/empty b/empty\n"
                                                      "new file mode 100644\n"
                                                      "index 0000000..e69de29\n")
                                        << u"empty"_s << QString() << DiffFileStatus::Added
                                        << u"0 0 0 0 >100644"_s << QString();
        QTest::newRow("binary") << QByteArray("diff --git a/img.png b/img.png\n"
                                              "index 1111111..2222222 100644\n"
                                              "Binary files a/img.png and b/img.png differ\n")
                                << u"img.png"_s << QString() << DiffFileStatus::Modified
                                << u"0 0 1 0 100644>100644"_s << QString();
        QTest::newRow("binary patch") << QByteArray("diff --git a/img.png b/img.png\n"
                                                    "new file mode 100644\n"
                                                    "index 0000000..2222222\n"
                                                    "GIT binary patch\n"
                                                    "literal 3\n"
                                                    "Kc${NkU;qFB0RR91\n"
                                                    "\n"
                                                    "literal 0\n"
                                                    "HcmV?d00001\n"
                                                    "\n")
                                      << u"img.png"_s << QString() << DiffFileStatus::Added
                                      << u"0 0 1 0 >100644"_s << QString();
        QTest::newRow("pure rename") << QByteArray("diff --git a/old name.txt b/new name.txt\n"
                                                   "similarity index 100%\n"
                                                   "rename from old name.txt\n"
                                                   "rename to new name.txt\n")
                                     << u"new name.txt"_s << u"old name.txt"_s
                                     << DiffFileStatus::Renamed << u"0 0 0 100 >"_s << QString();
        QTest::newRow("rename with changes and quoted names")
            << QByteArray("diff --git a/plain \"b/\\303\\274ber\"\n"
                          "similarity index 80%\n"
                          "rename from plain\n"
                          "rename to \"\\303\\274ber\"\n"
                          "index 1111111..2222222 100644\n"
                          "--- a/plain\n"
                          "+++ \"b/\\303\\274ber\"\n"
                          "@@ -1,2 +1,2 @@\n"
                          " same\n"
                          "-old\n"
                          "+new\n")
            << u"\u00fcber"_s << u"plain"_s << DiffFileStatus::Renamed
            << u"1 1 0 80 100644>100644"_s << u" 1/1:same\n-2/0:old\n+0/2:new\n"_s;
        QTest::newRow("copy") << QByteArray("diff --git a/a.c b/b.c\n"
                                            "similarity index 95%\n"
                                            "copy from a.c\n"
                                            "copy to b.c\n"
                                            "index 1111111..2222222 100644\n"
                                            "--- a/a.c\n"
                                            "+++ b/b.c\n"
                                            "@@ -1 +1 @@\n"
                                            "-x\n"
                                            "+y\n")
                              << u"b.c"_s << u"a.c"_s << DiffFileStatus::Copied
                              << u"1 1 0 95 100644>100644"_s << u"-1/0:x\n+0/1:y\n"_s;
        QTest::newRow("hunk lines that look like file headers")
            << QByteArray("diff --git a/d.txt b/d.txt\n"
                          "index 1111111..2222222 100644\n"
                          "--- a/d.txt\n"
                          "+++ b/d.txt\n"
                          "@@ -1,3 +1,3 @@\n"
                          "--- a/fake\n"
                          "+++ b/fake\n"
                          " diff --git a/x b/x\n"
                          "-@@ -1 +1 @@\n"
                          "+@@ -2 +2 @@\n")
            << u"d.txt"_s << QString() << DiffFileStatus::Modified << u"2 2 0 0 100644>100644"_s
            << u"-1/0:-- a/fake\n+0/1:++ b/fake\n 2/2:diff --git a/x b/x\n-3/0:@@ -1 +1 @@\n+0/3:@@ -2 +2 @@\n"_s;
        QTest::newRow("CRLF content")
            << QByteArray("diff --git a/w.txt b/w.txt\n"
                          "index 1111111..2222222 100644\n"
                          "--- a/w.txt\n"
                          "+++ b/w.txt\n"
                          "@@ -1,2 +1,2 @@\n"
                          " one\r\n"
                          "-two\r\n"
                          "+2\r\n")
            << u"w.txt"_s << QString() << DiffFileStatus::Modified << u"1 1 0 0 100644>100644"_s
            << u" 1/1:one\r\n-2/0:two\r\n+0/2:2\r\n"_s;
        QTest::newRow("empty context line (diff.suppressBlankEmpty)")
            << QByteArray("diff --git a/e b/e\n"
                          "index 1111111..2222222 100644\n"
                          "--- a/e\n"
                          "+++ b/e\n"
                          "@@ -1,3 +1,3 @@\n"
                          " a\n"
                          "\n"
                          "-b\n"
                          "+c\n")
            << u"e"_s << QString() << DiffFileStatus::Modified << u"1 1 0 0 100644>100644"_s
            << u" 1/1:a\n 2/2:\n-3/0:b\n+0/3:c\n"_s;
        QTest::newRow("invalid UTF-8 content")
            << QByteArray("diff --git a/l1 b/l1\n"
                          "index 1111111..2222222 100644\n"
                          "--- a/l1\n"
                          "+++ b/l1\n"
                          "@@ -1 +1 @@\n"
                          "-caf\xe9\n"
                          "+caf\xc3\xa9\n")
            << u"l1"_s << QString() << DiffFileStatus::Modified << u"1 1 0 0 100644>100644"_s
            << u"-1/0:caf\ufffd\n+0/1:caf\u00e9\n"_s;
    }

    void parsesTrickyPatches()
    {
        QFETCH(QByteArray, patch);
        QFETCH(QString, path);
        QFETCH(QString, oldPath);
        QFETCH(DiffFileStatus, status);
        QFETCH(QString, summary);
        QFETCH(QString, lines);

        // Each case also between two ordinary files, so that it must end where it should.
        const QByteArray before = "diff --git a/0 b/0\n"
                                  "index 1111111..2222222 100644\n"
                                  "--- a/0\n"
                                  "+++ b/0\n"
                                  "@@ -1 +1 @@\n"
                                  "-p\n"
                                  "+q\n";
        QByteArray after = before;
        after.replace("a/0 b/0", "a/~ b/~").replace("a/0\n", "a/~\n").replace("b/0\n", "b/~\n");
        const QList<DiffFile> files = GitDiff::parse(before + patch + after);
        QCOMPARE(files.size(), 3);
        QCOMPARE(files[0].patch, before);
        QCOMPARE(files[2].patch, after);
        QCOMPARE(files[2].path, u"~"_s);
        QCOMPARE(render(files[2]), u"-1/0:p\n+0/1:q\n"_s);

        const DiffFile &file = files[1];
        QCOMPARE(file.path, path);
        QCOMPARE(file.oldPath, oldPath);
        QCOMPARE(file.status, status);
        QCOMPARE(u"%1 %2 %3 %4 %5>%6"_s.arg(file.additions)
                     .arg(file.deletions)
                     .arg(int(file.binary))
                     .arg(file.similarity)
                     .arg(file.oldMode, file.newMode),
                 summary);
        QCOMPARE(file.patch, patch);
        QVERIFY(!file.tooLarge);
        if (lines.isEmpty())
            QVERIFY(file.hunks.isEmpty());
        else
            QCOMPARE(render(file), lines);
    }

    void parseSurvivesGarbage_data()
    {
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<int>("files");
        QTest::newRow("empty") << QByteArray() << 0;
        QTest::newRow("no diff") << QByteArray("warning: something\n") << 0;
        QTest::newRow("truncated hunk")
            << QByteArray("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,5 +1,5 @@\n a\n") << 1;
        QTest::newRow("no final newline")
            << QByteArray("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b") << 1;
        QTest::newRow("bad hunk header")
            << QByteArray("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -a +b @@\n-a\n") << 1;
        QTest::newRow("unterminated quote") << QByteArray("diff --git \"a/x\n") << 1;
        QTest::newRow("huge counts")
            << QByteArray("diff --git a/x b/x\n@@ -1,99999999999 +1,99999999999 @@\n-a\n") << 1;
    }

    void parseSurvivesGarbage()
    {
        QFETCH(QByteArray, patch);
        QFETCH(int, files);
        QCOMPARE(GitDiff::parse(patch).size(), files);
    }

    void parseAppliesLimits()
    {
        QByteArray big = "diff --git a/big b/big\nnew file mode 100644\nindex 0000000..1111111\n"
                         "--- /dev/null\n+++ b/big\n@@ -0,0 +1,20000 @@\n";
        const qsizetype header = big.size() - QByteArray("@@ -0,0 +1,20000 @@\n").size();
        for (int i = 0; i < 20000; ++i)
            big += "+x\n";
        const QByteArray small = "diff --git a/s b/s\n--- a/s\n+++ b/s\n@@ -1 +1 @@\n-a\n+b\n";

        QList<DiffFile> files = GitDiff::parse(small + big + small);
        QCOMPARE(files.size(), 3);
        QVERIFY(files[1].tooLarge);
        QVERIFY(files[1].hunks.isEmpty());
        QCOMPARE(files[1].additions, 20000);
        QCOMPARE(files[1].patch, big.left(header));
        QVERIFY(!files[2].tooLarge);
        QCOMPARE(files[2].hunks.size(), 1);

        DiffLimits limits;
        limits.maxFileLines = 1;
        files = GitDiff::parse(small, limits);
        QVERIFY(files[0].tooLarge);
        QCOMPARE(files[0].deletions, 1);
        limits = {};
        limits.maxFileBytes = small.size() - 1;
        QVERIFY(GitDiff::parse(small, limits)[0].tooLarge);
        limits.maxFileBytes = small.size();
        QVERIFY(!GitDiff::parse(small, limits)[0].tooLarge);

        // Past the total, the later files are tooLarge even when they would fit.
        limits = {};
        limits.maxTotalBytes = small.size() * 2;
        files = GitDiff::parse(small + small + small + small, limits);
        QCOMPARE(files.size(), 4);
        QVERIFY(!files[0].tooLarge);
        QVERIFY(!files[1].tooLarge);
        QVERIFY(files[2].tooLarge);
        QVERIFY(files[3].tooLarge);
        QCOMPARE(files[3].additions, 1);
    }

    // --- real repositories -------------------------------------------------------------------

    void committedChangesMatchGit()
    {
        QVERIFY(makeRepository({{u"modify.txt"_s, lines(40)},
                                {u"delete.txt"_s, lines(5, "del")},
                                {u"rename-same.txt"_s, lines(10, "same")},
                                {u"rename-edit.txt"_s, lines(20, "edit")},
                                {u"mode.sh"_s, "#!/bin/sh\necho hi\n"},
                                {u"image.bin"_s, QByteArray("PNG\0\1\2", 6)},
                                {u"crlf.txt"_s, "one\r\ntwo\r\nthree\r\n"},
                                {u"nonl.txt"_s, "a\nb"},
                                {u"dashes.txt"_s, "-- a\n++ b\nplain\n"},
                                {u"keep.txt"_s, "keep\n"}}));
        QByteArray modified = lines(40);
        modified.replace("line 3\n", "line three\n").replace("line 38\n", "");
        QVERIFY(writeFile(path(u"modify.txt"_s), modified));
        QVERIFY(QFile::remove(path(u"delete.txt"_s)));
        QVERIFY(QFile::rename(path(u"rename-same.txt"_s), path(u"renamed-same.txt"_s)));
        QVERIFY(QFile::remove(path(u"rename-edit.txt"_s)));
        QVERIFY(writeFile(path(u"dir/renamed edit.txt"_s),
                          lines(20, "edit").replace("edit 7", "EDIT 7")));
        QVERIFY(QFile::setPermissions(path(u"mode.sh"_s),
                                      QFile::permissions(path(u"mode.sh"_s)) | QFile::ExeOwner));
        QVERIFY(writeFile(path(u"image.bin"_s), QByteArray("PNG\0\3\4", 6)));
        QVERIFY(writeFile(path(u"crlf.txt"_s), "one\r\n2\r\nthree\r\n"));
        QVERIFY(writeFile(path(u"nonl.txt"_s), "a\nc"));
        QVERIFY(writeFile(path(u"dashes.txt"_s), "++ b\nplain\n-- c\n"));
        QVERIFY(writeFile(path(u"x\u00e9 y.txt"_s), "unicode\nname\n"));
        QVERIFY(writeFile(path(u"empty.txt"_s), ""));
        QVERIFY(commitAll(u"attempt"_s));
        const QString head = gitText(m_worktree, {u"rev-parse"_s, u"HEAD"_s});

        auto diff = GitDiff::between(m_repo, m_base, head);
        QVERIFY2(diff.has_value(), qPrintable(failure(diff)));
        QCOMPARE(diff->baseCommit, m_base);
        QCOMPARE(diff->headCommit, head);

        // Byte for byte what git prints with its defaults, and the same counts as --numstat.
        QByteArray expected;
        QVERIFY(git(m_repo, {u"diff"_s, u"-M"_s, m_base, head}, &expected));
        QCOMPARE(GitDiff::unifiedText(*diff), expected);
        const QHash<QString, QString> stats = numstat(m_repo, {m_base, head});
        QCOMPARE(diff->files.size(), stats.size());
        for (const DiffFile &file : diff->files)
            if (stats.contains(file.path))
                QCOMPARE(counts(file), stats.value(file.path));

        QCOMPARE(paths(diff->files),
                 (QStringList{u"crlf.txt"_s,
                              u"dashes.txt"_s,
                              u"delete.txt"_s,
                              u"dir/renamed edit.txt"_s,
                              u"empty.txt"_s,
                              u"image.bin"_s,
                              u"mode.sh"_s,
                              u"modify.txt"_s,
                              u"nonl.txt"_s,
                              u"renamed-same.txt"_s,
                              u"x\u00e9 y.txt"_s}));
        const DiffFile *file = find(diff->files, u"dir/renamed edit.txt"_s);
        QCOMPARE(file->status, DiffFileStatus::Renamed);
        QCOMPARE(file->oldPath, u"rename-edit.txt"_s);
        QVERIFY(file->similarity >= 90 && file->similarity < 100);
        QCOMPARE(counts(*file), u"1 1"_s);
        file = find(diff->files, u"renamed-same.txt"_s);
        QCOMPARE(file->status, DiffFileStatus::Renamed);
        QCOMPARE(file->oldPath, u"rename-same.txt"_s);
        QCOMPARE(file->similarity, 100);
        QVERIFY(file->hunks.isEmpty());
        file = find(diff->files, u"mode.sh"_s);
        QCOMPARE(file->status, DiffFileStatus::Modified);
        QCOMPARE(file->oldMode + u'>' + file->newMode, u"100644>100755"_s);
        QVERIFY(file->hunks.isEmpty());
        file = find(diff->files, u"image.bin"_s);
        QVERIFY(file->binary);
        QVERIFY(file->hunks.isEmpty());
        QCOMPARE(find(diff->files, u"delete.txt"_s)->status, DiffFileStatus::Deleted);
        QCOMPARE(find(diff->files, u"empty.txt"_s)->status, DiffFileStatus::Added);
        QCOMPARE(find(diff->files, u"x\u00e9 y.txt"_s)->status, DiffFileStatus::Added);
        QCOMPARE(render(*find(diff->files, u"crlf.txt"_s)),
                 u" 1/1:one\r\n-2/0:two\r\n+0/2:2\r\n 3/3:three\r\n"_s);
        QCOMPARE(render(*find(diff->files, u"dashes.txt"_s)),
                 u"-1/0:-- a\n 2/1:++ b\n 3/2:plain\n+0/3:-- c\n"_s);
        QCOMPARE(render(*find(diff->files, u"nonl.txt"_s)), u" 1/1:a\n-2/0:b$\n+0/2:c$\n"_s);
        QCOMPARE(diff->summary.filesChanged, 11);
        int additions = 0;
        for (const DiffFile &f : diff->files)
            additions += f.additions;
        QCOMPARE(diff->summary.additions, additions);
    }

    void worktreeIncludesUncommittedAndUntrackedFiles()
    {
        QVERIFY(makeRepository({{u"committed.txt"_s, lines(3)},
                                {u"unstaged.txt"_s, lines(3)},
                                {u"gone.txt"_s, lines(2)},
                                {u".gitignore"_s, "*.log\nbuild/\n"}}));
        QVERIFY(writeFile(path(u"committed.txt"_s), lines(4)));
        QVERIFY(commitAll(u"one commit"_s));
        QVERIFY(writeFile(path(u"unstaged.txt"_s), lines(3).replace("line 2", "line two")));
        QVERIFY(writeFile(path(u"staged.txt"_s), "staged\n"));
        QVERIFY(git(m_worktree, {u"add"_s, u"staged.txt"_s}));
        QVERIFY(QFile::remove(path(u"gone.txt"_s)));
        QVERIFY(writeFile(path(u"notes.md"_s), "# Notes\n\nthree lines\n"));
        QVERIFY(writeFile(path(u"sub/dir/deep.txt"_s), "deep"));
        QVERIFY(writeFile(path(u"untracked.bin"_s), QByteArray("\x89PNG\0\0", 6)));
        QVERIFY(writeFile(path(u"untracked-empty"_s), ""));
        QVERIFY(writeFile(path(u"\u00fc space.txt"_s), "umlaut\r\n"));
        QVERIFY(writeFile(path(u"tool.sh"_s), "#!/bin/sh\n"));
        QVERIFY(QFile::setPermissions(path(u"tool.sh"_s),
                                      QFile::permissions(path(u"tool.sh"_s)) | QFile::ExeOwner));
        QVERIFY(QFile::link(u"committed.txt"_s, path(u"link"_s)));
        QVERIFY(writeFile(path(u"debug.log"_s), "ignored\n"));
        QVERIFY(writeFile(path(u"build/out.o"_s), "ignored\n"));
        // A nested repository is left out, as `git add` would leave it.
        QVERIFY(QDir().mkpath(path(u"nested"_s)));
        QVERIFY(git(path(u"nested"_s), {u"init"_s, u"-q"_s}));

        const QByteArray before = worktreeState();
        auto diff = GitDiff::ofWorktree(m_worktree, m_base);
        QVERIFY2(diff.has_value(), qPrintable(failure(diff)));
        QCOMPARE(worktreeState(), before);

        QCOMPARE(diff->baseCommit, m_base);
        QCOMPARE(diff->headCommit, gitText(m_worktree, {u"rev-parse"_s, u"HEAD"_s}));
        QCOMPARE(paths(diff->files),
                 (QStringList{u"committed.txt"_s,
                              u"gone.txt"_s,
                              u"link"_s,
                              u"notes.md"_s,
                              u"staged.txt"_s,
                              u"sub/dir/deep.txt"_s,
                              u"tool.sh"_s,
                              u"unstaged.txt"_s,
                              u"untracked-empty"_s,
                              u"untracked.bin"_s,
                              u"\u00fc space.txt"_s}));
        QCOMPARE(find(diff->files, u"gone.txt"_s)->status, DiffFileStatus::Deleted);
        QCOMPARE(find(diff->files, u"staged.txt"_s)->status, DiffFileStatus::Added);
        QCOMPARE(counts(*find(diff->files, u"unstaged.txt"_s)), u"1 1"_s);
        const DiffFile *notes = find(diff->files, u"notes.md"_s);
        QCOMPARE(notes->status, DiffFileStatus::Added);
        QCOMPARE(counts(*notes), u"3 0"_s);
        QCOMPARE(render(*notes), u"+0/1:# Notes\n+0/2:\n+0/3:three lines\n"_s);
        QCOMPARE(render(*find(diff->files, u"sub/dir/deep.txt"_s)), u"+0/1:deep$\n"_s);
        QVERIFY(find(diff->files, u"untracked.bin"_s)->binary);
        QCOMPARE(find(diff->files, u"tool.sh"_s)->newMode, u"100755"_s);
        QCOMPARE(find(diff->files, u"link"_s)->newMode, u"120000"_s);
        QCOMPARE(find(diff->files, u"untracked-empty"_s)->hunks.size(), 0);
        QCOMPARE(render(*find(diff->files, u"\u00fc space.txt"_s)), u"+0/1:umlaut\r\n"_s);
        QCOMPARE(diff->summary.filesChanged, 11);

        // The untracked files read exactly as git shows them once they are `git add -N`ed (done
        // here after the fact; GitDiff never touches the index).
        QVERIFY(git(m_worktree,
                    {u"add"_s,
                     u"-N"_s,
                     u"--"_s,
                     u"link"_s,
                     u"notes.md"_s,
                     u"sub"_s,
                     u"tool.sh"_s,
                     u"untracked-empty"_s,
                     u"untracked.bin"_s,
                     u"\u00fc space.txt"_s}));
        QByteArray expected;
        QVERIFY(git(m_worktree, {u"diff"_s, u"-M"_s, m_base}, &expected));
        QCOMPARE(GitDiff::unifiedText(*diff), expected);
    }

    void diffLeavesIndexAloneWhenStatIsStale()
    {
        QVERIFY(makeRepository({{u"a.txt"_s, lines(3)}, {u"b.txt"_s, lines(3)}}));
        QVERIFY(writeFile(path(u"a.txt"_s), lines(4)));
        // Same content, new mtime: git diff refreshes such entries and would like to write the
        // refreshed index back.
        QTest::qSleep(1100);
        QVERIFY(writeFile(path(u"b.txt"_s), lines(3)));
        const QByteArray before = worktreeState();
        for (int i = 0; i < 2; ++i) {
            auto diff = GitDiff::ofWorktree(m_worktree, m_base);
            QVERIFY(diff.has_value());
            QCOMPARE(paths(diff->files), QStringList{u"a.txt"_s});
        }
        QCOMPARE(worktreeState(), before);
    }

    void fileSelectsOnePath()
    {
        QVERIFY(makeRepository({{u"a.txt"_s, lines(3)},
                                {u"old-name.txt"_s, lines(30, "moved")},
                                {u"dir/x.txt"_s, lines(2)},
                                {u"star.cpp"_s, lines(2)}}));
        QVERIFY(writeFile(path(u"a.txt"_s), lines(4)));
        QVERIFY(QFile::rename(path(u"old-name.txt"_s), path(u"new-name.txt"_s)));
        QVERIFY(writeFile(path(u"dir/x.txt"_s), lines(3)));
        QVERIFY(writeFile(path(u"star.cpp"_s), lines(3)));
        QVERIFY(commitAll(u"attempt"_s));
        QVERIFY(writeFile(path(u"fresh.txt"_s), "new\n"));
        QVERIFY(writeFile(path(u"dir/y.txt"_s), "new\n"));

        auto only = [&](const QString &file) {
            auto diff = GitDiff::ofWorktree(m_worktree, m_base, file);
            return diff ? paths(diff->files) : QStringList{diff.error().message};
        };
        QCOMPARE(only(u"a.txt"_s), QStringList{u"a.txt"_s});
        QCOMPARE(only(u"fresh.txt"_s), QStringList{u"fresh.txt"_s});
        QCOMPARE(only(u"dir"_s), (QStringList{u"dir/x.txt"_s, u"dir/y.txt"_s}));
        QCOMPARE(only(u"dir/"_s), (QStringList{u"dir/x.txt"_s, u"dir/y.txt"_s}));
        QCOMPARE(only(u"missing.txt"_s), QStringList());
        QCOMPARE(only(u"*.cpp"_s), QStringList()); // a path, not a glob
        QCOMPARE(only(u":(glob)*.cpp"_s), QStringList());

        // Either side of a rename selects the rename.
        for (const QString &side : {u"new-name.txt"_s, u"old-name.txt"_s}) {
            auto diff = GitDiff::ofWorktree(m_worktree, m_base, side);
            QVERIFY(diff.has_value());
            QCOMPARE(diff->files.size(), 1);
            QCOMPARE(diff->files[0].status, DiffFileStatus::Renamed);
            QCOMPARE(diff->files[0].path, u"new-name.txt"_s);
            QCOMPARE(diff->files[0].oldPath, u"old-name.txt"_s);
            QCOMPARE(diff->summary.filesChanged, 1);
        }
        const QString head = gitText(m_worktree, {u"rev-parse"_s, u"HEAD"_s});
        auto diff = GitDiff::between(m_repo, m_base, head, u"old-name.txt"_s);
        QVERIFY(diff.has_value());
        QCOMPARE(paths(diff->files), QStringList{u"new-name.txt"_s});
        QCOMPARE(diff->files[0].status, DiffFileStatus::Renamed);

        for (const QString &bad : {u"/etc/passwd"_s, u"../x"_s, u"a/../../x"_s, u"./a.txt"_s}) {
            auto refused = GitDiff::ofWorktree(m_worktree, m_base, bad);
            QVERIFY2(!refused, qPrintable(bad));
            QCOMPARE(refused.error().code, ErrorCode::Validation);
            QCOMPARE(refused.error().field(), u"file"_s);
        }
    }

    void largeFilesAreCountedNotShown()
    {
        QVERIFY(makeRepository({{u"small.txt"_s, lines(3)}}));
        QVERIFY(writeFile(path(u"committed-big.txt"_s), lines(20000)));
        QVERIFY(commitAll(u"big"_s));
        QVERIFY(writeFile(path(u"untracked-big.txt"_s), lines(20000)));
        QByteArray huge = lines(60000, "a much longer line so that the file passes a megabyte");
        huge.chop(1);
        QVERIFY(huge.size() > (1 << 20));
        QVERIFY(writeFile(path(u"untracked-huge.txt"_s), huge));
        QVERIFY(writeFile(path(u"small.txt"_s), lines(4)));

        auto diff = GitDiff::ofWorktree(m_worktree, m_base);
        QVERIFY2(diff.has_value(), qPrintable(failure(diff)));
        QCOMPARE(diff->files.size(), 4);
        for (const QString &name : {u"committed-big.txt"_s, u"untracked-big.txt"_s}) {
            const DiffFile *file = find(diff->files, name);
            QVERIFY(file->tooLarge);
            QVERIFY(file->hunks.isEmpty());
            QCOMPARE(file->additions, 20000);
            QVERIFY(file->patch.endsWith(QByteArray("+++ b/" + name.toUtf8() + '\n')));
        }
        const DiffFile *hugeFile = find(diff->files, u"untracked-huge.txt"_s);
        QVERIFY(hugeFile->tooLarge);
        QCOMPARE(hugeFile->additions, 60000);
        QVERIFY(hugeFile->patch.size() < 200);
        QVERIFY(!find(diff->files, u"small.txt"_s)->tooLarge);
        QCOMPARE(diff->summary.additions, 20000 + 20000 + 60000 + 1);

        // Past the total, files later in path order are tooLarge, untracked ones too.
        DiffLimits limits;
        limits.maxFileLines = 100000;
        limits.maxFileBytes = 64 << 20;
        limits.maxTotalBytes = 1000;
        diff = GitDiff::ofWorktree(m_worktree, m_base, {}, limits);
        QVERIFY(diff.has_value());
        for (const DiffFile &file : diff->files)
            QVERIFY2(file.tooLarge, qPrintable(file.path));
        QCOMPARE(diff->summary.additions, 20000 + 20000 + 60000 + 1);
    }

    void totalLimitFollowsPathOrder()
    {
        QVERIFY(makeRepository({{u"b.txt"_s, lines(3)}, {u"d.txt"_s, lines(3)}}));
        QVERIFY(writeFile(path(u"b.txt"_s), lines(4)));
        QVERIFY(writeFile(path(u"d.txt"_s), lines(4)));
        QVERIFY(writeFile(path(u"a.txt"_s), lines(3)));   // untracked, small
        QVERIFY(writeFile(path(u"c.txt"_s), lines(200))); // untracked, past the total
        auto whole = GitDiff::ofWorktree(m_worktree, m_base);
        QVERIFY(whole.has_value());
        QCOMPARE(paths(whole->files), (QStringList{u"a.txt"_s, u"b.txt"_s, u"c.txt"_s, u"d.txt"_s}));
        DiffLimits limits;
        // Room for a, b and d, but not for c: d comes after c.
        limits.maxTotalBytes = whole->files[0].patch.size() + whole->files[1].patch.size()
                               + whole->files[3].patch.size() + 10;
        auto limited = GitDiff::ofWorktree(m_worktree, m_base, {}, limits);
        QVERIFY(limited.has_value());
        QCOMPARE(limited->files.size(), 4);
        QVERIFY(!limited->files[0].tooLarge);
        QVERIFY(!limited->files[1].tooLarge);
        QVERIFY(limited->files[2].tooLarge);
        QCOMPARE(limited->files[2].additions, 200);
        QVERIFY(limited->files[3].tooLarge); // small, but after the total was reached
        QCOMPARE(limited->files[3].additions, 1);
        QCOMPARE(limited->summary.additions, whole->summary.additions);
    }

    void badInputIsRefused()
    {
        QVERIFY(makeRepository({{u"a.txt"_s, lines(3)}}));
        const QString head = gitText(m_worktree, {u"rev-parse"_s, u"HEAD"_s});
        const QString unknown = u"0123456789abcdef0123456789abcdef01234567"_s;
        const QString blob = gitText(m_repo, {u"rev-parse"_s, u"HEAD:a.txt"_s});
        for (const QString &bad : {u"main"_s, u"--output=/tmp/x"_s, QString(), unknown, blob}) {
            auto diff = GitDiff::ofWorktree(m_worktree, bad);
            QVERIFY2(!diff, qPrintable(bad));
            QCOMPARE(diff.error().code, ErrorCode::Validation);
            QCOMPARE(diff.error().field(), u"baseCommit"_s);
        }
        auto between = GitDiff::between(m_repo, m_base, unknown);
        QVERIFY(!between);
        QCOMPARE(between.error().field(), u"toCommit"_s);
        between = GitDiff::between(m_repo, unknown, head);
        QVERIFY(!between);
        QCOMPARE(between.error().field(), u"fromCommit"_s);

        auto missing = GitDiff::ofWorktree(m_dir->path() + u"/nowhere"_s, m_base);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        // A directory that is not a worktree (a subdirectory of one included).
        QVERIFY(QDir().mkpath(path(u"sub"_s)));
        for (const QString &notWorktree : {m_dir->path(), path(u"sub"_s)}) {
            missing = GitDiff::ofWorktree(notWorktree, m_base);
            QVERIFY(!missing);
            QCOMPARE(missing.error().code, ErrorCode::NotFound);
        }
        QCOMPARE(GitDiff::between(m_dir->path() + u"/nowhere"_s, m_base, head).error().code,
                 ErrorCode::NotFound);
    }

    void cleanWorktreeHasNoFiles()
    {
        QVERIFY(makeRepository({{u"a.txt"_s, lines(3)}}));
        auto diff = GitDiff::ofWorktree(m_worktree, m_base);
        QVERIFY(diff.has_value());
        QVERIFY(diff->files.isEmpty());
        QCOMPARE(diff->summary.filesChanged, 0);
        QCOMPARE(diff->headCommit, m_base);
        QVERIFY(GitDiff::unifiedText(*diff).isEmpty());
    }

    void userConfigurationDoesNotChangeTheOutput()
    {
        QVERIFY(makeRepository({{u"a.txt"_s, lines(3)}, {u"b.txt"_s, lines(30, "moved")}}));
        for (const auto &[key, value] :
             std::initializer_list<std::pair<QString, QString>>{{u"diff.noprefix"_s, u"true"_s},
                                                                {u"diff.mnemonicPrefix"_s,
                                                                 u"true"_s},
                                                                {u"diff.renames"_s, u"false"_s},
                                                                {u"color.ui"_s, u"always"_s},
                                                                {u"diff.external"_s, u"false"_s},
                                                                {u"core.quotePath"_s, u"false"_s},
                                                                {u"diff.relative"_s, u"true"_s}})
            QVERIFY(git(m_repo, {u"config"_s, key, value}));
        QVERIFY(writeFile(path(u"a.txt"_s), lines(4)));
        QVERIFY(QFile::rename(path(u"b.txt"_s), path(u"c\u00e9.txt"_s)));
        QVERIFY(commitAll(u"attempt"_s));
        auto diff = GitDiff::ofWorktree(m_worktree, m_base);
        QVERIFY2(diff.has_value(), qPrintable(failure(diff)));
        QCOMPARE(paths(diff->files), (QStringList{u"a.txt"_s, u"c\u00e9.txt"_s}));
        QCOMPARE(diff->files[0].patch.left(30), QByteArray("diff --git a/a.txt b/a.txt\nind"));
        QCOMPARE(render(diff->files[0]).count(u'\n'), 4);
        QCOMPARE(diff->files[1].status, DiffFileStatus::Renamed);
    }
};

QTEST_GUILESS_MAIN(TestGitDiff)
#include "tst_gitdiff.moc"
