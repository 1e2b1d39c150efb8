// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/worktreefiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Core;

/// Deleting files named by a client inside a real worktree-shaped tree, next to an "outside"
/// directory with a sentinel that must survive every hostile path. Each test gets a fresh tree.
class TestWorktreeFiles final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_base;
    QString m_root;    ///< The worktree.
    QString m_outside; ///< A sibling of the worktree, never to be touched.

    static bool writeFile(const QString &path, const QByteArray &content = "content\n")
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    }

    static bool symlink(const QString &target, const QString &link)
    {
        return ::symlink(QFile::encodeName(target).constData(), QFile::encodeName(link).constData())
               == 0;
    }

    /// Every entry under the base directory, links not followed: what must not change.
    QStringList snapshot() const
    {
        QStringList entries;
        QDirIterator it(m_base->path(),
                        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            entries.append(it.next());
        entries.sort();
        return entries;
    }

    static void verifyValidation(const Error &error)
    {
        QCOMPARE(error.code, ErrorCode::Validation);
        QCOMPARE(error.field(), u"path"_s);
        QVERIFY2(error.message.startsWith(u"path: "_s), qPrintable(error.message));
    }

private Q_SLOTS:
    void init()
    {
        m_base = std::make_unique<QTemporaryDir>();
        QVERIFY(m_base->isValid());
        // Canonical, so results can be compared with what resolve() computes.
        const QString base = QFileInfo(m_base->path()).canonicalFilePath();
        m_root = base + u"/tree"_s;
        m_outside = base + u"/outside"_s;

        QVERIFY(writeFile(m_outside + u"/sentinel.txt"_s));
        QVERIFY(writeFile(m_outside + u"/dir/deeper.txt"_s));
        QVERIFY(writeFile(m_root + u"/file.txt"_s));
        QVERIFY(writeFile(m_root + u"/a/b/nested.txt"_s));
        QVERIFY(writeFile(m_root + u"/with space/ünïcødé ✓.txt"_s));
        QVERIFY(writeFile(m_root + u"/dir/inner.txt"_s));
        QVERIFY(writeFile(m_root + u"/.git/config"_s));
        QVERIFY(writeFile(m_root + u"/.git/HEAD"_s, "ref: refs/heads/main\n"));

        QVERIFY(symlink(m_outside, m_root + u"/escape"_s));
        QVERIFY(symlink(QDir::tempPath(), m_root + u"/tmp"_s));
        QVERIFY(symlink(u"/"_s, m_root + u"/slash"_s));
        QVERIFY(symlink(m_outside + u"/sentinel.txt"_s, m_root + u"/outside-file"_s));
        QVERIFY(symlink(u"../outside/sentinel.txt"_s, m_root + u"/relative-outside-file"_s));
        QVERIFY(symlink(m_outside + u"/missing.txt"_s, m_root + u"/dangling-out"_s));
        QVERIFY(symlink(u"../../outside"_s, m_root + u"/a/escape-up"_s));
        QVERIFY(symlink(u"../.."_s, m_root + u"/a/upup"_s));
        QVERIFY(symlink(u".git"_s, m_root + u"/gitlink"_s));
        QVERIFY(symlink(u"file.txt"_s, m_root + u"/inside-link"_s));
        QVERIFY(symlink(u"a"_s, m_root + u"/inside-dirlink"_s));
        QVERIFY(symlink(u"missing.txt"_s, m_root + u"/dangling-in"_s));
        QVERIFY(symlink(u".."_s, m_root + u"/a/up"_s));
    }

    void cleanup() { m_base.reset(); }

    void hostilePathsAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        const auto row = [](const char *name, const QString &path) { QTest::newRow(name) << path; };
        row("empty", u""_s);
        row("dot", u"."_s);
        row("dot slash", u"./"_s);
        row("dot slashes", u".//./"_s);
        row("slash", u"/"_s);
        row("dotdot", u".."_s);
        row("dotdot x", u"../x"_s);
        row("dotdot sentinel", u"../outside/sentinel.txt"_s);
        row("down then up twice", u"a/../../x"_s);
        row("down then up inside", u"a/../file.txt"_s);
        row("trailing dotdot", u"a/b/.."_s);
        row("etc passwd", u"/etc/passwd"_s);
        row("double slash etc passwd", u"//etc/passwd"_s);
        row("absolute sentinel", u"{outside}/sentinel.txt"_s);
        row("backslash absolute", u"\\etc\\passwd"_s);
        row("unc", u"\\\\server\\share\\x"_s);
        row("drive backslash", u"C:\\x"_s);
        row("drive slash", u"C:/x"_s);
        row("drive relative", u"c:x"_s);
        row("backslash dotdot", u"a\\..\\..\\x"_s);
        row("backslash dotdot sentinel", u"..\\outside\\sentinel.txt"_s);
        row("mixed separators", u"a/..\\..\\outside/sentinel.txt"_s);
        row("encoded dotdot", u"%2e%2e/x"_s);
        row("encoded dotdot upper", u"%2E%2E/outside/sentinel.txt"_s);
        row("encoded slash", u"a%2f..%2f..%2fx"_s);
        row("encoded backslash", u"..%5c..%5cx"_s);
        row("encoded nul", u"file.txt%00.png"_s);
        row("triple encoded", u"%252e%252e/x"_s);
        row("encoded dot git", u"%2egit/config"_s);
        row("nul", u"file.txt"_s + QChar(u'\0') + u".bak"_s);
        row("nul only", QString(QChar(u'\0')));
        row("dir link outside", u"escape/sentinel.txt"_s);
        row("dir link outside missing", u"escape/missing/deeper.txt"_s);
        row("dir link outside nested", u"escape/dir/deeper.txt"_s);
        row("dir link outside itself", u"escape"_s);
        row("dir link to tmp", u"tmp/x"_s);
        row("dir link to root", u"slash/etc/passwd"_s);
        row("nested dir link up", u"a/escape-up/sentinel.txt"_s);
        row("nested link up twice", u"a/upup/outside/sentinel.txt"_s);
        row("file link outside", u"outside-file"_s);
        row("relative file link outside", u"relative-outside-file"_s);
        row("dangling link outside", u"dangling-out"_s);
        row("dot git", u".git"_s);
        row("dot git slash", u".git/"_s);
        row("dot git config", u".git/config"_s);
        row("dot slash dot git config", u"./.git/config"_s);
        row("dot git upper", u".GIT/config"_s);
        row("dot git trailing dot", u".git./config"_s);
        row("dot git backslash", u".git\\config"_s);
        row("nested dot git", u"a/.git/config"_s);
        row("link into dot git", u"gitlink/config"_s);
        row("link into dot git head", u"gitlink/HEAD"_s);
    }

    void hostilePathsAreRefused()
    {
        QFETCH(QString, path);
        path.replace(u"{outside}"_s, m_outside);
        const QStringList before = snapshot();

        const auto resolved = WorktreeFiles::resolve(m_root, path);
        QVERIFY2(!resolved, qPrintable(resolved.value_or(QString())));
        verifyValidation(resolved.error());

        const auto removed = WorktreeFiles::remove(m_root, path);
        QVERIFY(!removed);
        verifyValidation(removed.error());

        QCOMPARE(snapshot(), before);
        QVERIFY(QFileInfo::exists(m_outside + u"/sentinel.txt"_s));
        QVERIFY(QFileInfo::exists(m_root + u"/.git/config"_s));
    }

    void doubleEncodingIsExplained()
    {
        const auto removed = WorktreeFiles::remove(m_root, u"%2e%2e/x"_s);
        QVERIFY(!removed);
        verifyValidation(removed.error());
        QCOMPARE(removed.error().message,
                 u"path: '%2e%2e/x' is percent-encoded twice (%2e, %2f, %5c, %00 or %25 after "
                 "decoding); send it encoded once"_s);
    }

    void filesAreRemoved_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("removed"); ///< Relative to the worktree.
        QTest::newRow("file") << u"file.txt"_s << u"file.txt"_s;
        QTest::newRow("nested") << u"a/b/nested.txt"_s << u"a/b/nested.txt"_s;
        QTest::newRow("dot slash, double slashes")
            << u"./a//b/./nested.txt"_s << u"a/b/nested.txt"_s;
        QTest::newRow("backslashes") << u"a\\b\\nested.txt"_s << u"a/b/nested.txt"_s;
        QTest::newRow("spaces and unicode")
            << u"with space/ünïcødé ✓.txt"_s << u"with space/ünïcødé ✓.txt"_s;
        QTest::newRow("through a link inside")
            << u"inside-dirlink/b/nested.txt"_s << u"a/b/nested.txt"_s;
        QTest::newRow("percent not an escape") << u"100%.txt"_s << u"100%.txt"_s;
        QTest::newRow("dots in a name") << u"..hidden..txt"_s << u"..hidden..txt"_s;
        QTest::newRow("git in a name") << u".gitignore"_s << u".gitignore"_s;
    }

    void filesAreRemoved()
    {
        QFETCH(QString, path);
        QFETCH(QString, removed);
        const QString absolute = m_root + u'/' + removed;
        if (!QFileInfo::exists(absolute))
            QVERIFY(writeFile(absolute));
        QStringList expected = snapshot();
        expected.removeOne(QDir(m_base->path()).filePath(u"tree/"_s + removed));

        const auto resolved = WorktreeFiles::resolve(m_root, path);
        QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message));
        QCOMPARE(*resolved, absolute);

        const auto result = WorktreeFiles::remove(m_root, path);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
        QVERIFY(!QFileInfo::exists(absolute));
        QCOMPARE(snapshot(), expected);
    }

    void linksInsideAreRemovedNotTheirTargets_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<QString>("target");
        QTest::newRow("file") << u"inside-link"_s << u"file.txt"_s;
        QTest::newRow("directory") << u"inside-dirlink"_s << u"a/b/nested.txt"_s;
        QTest::newRow("dangling") << u"dangling-in"_s << QString();
    }

    void linksInsideAreRemovedNotTheirTargets()
    {
        QFETCH(QString, link);
        QFETCH(QString, target);
        const QString linkPath = m_root + u'/' + link;

        const auto resolved = WorktreeFiles::resolve(m_root, link);
        QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message));
        QCOMPARE(*resolved, linkPath);

        const auto removed = WorktreeFiles::remove(m_root, link);
        QVERIFY2(removed, qPrintable(removed ? QString() : removed.error().message));
        QVERIFY(!QFileInfo(linkPath).isSymLink());
        QVERIFY(!QFileInfo::exists(linkPath));
        if (!target.isEmpty())
            QVERIFY(QFileInfo(m_root + u'/' + target).isFile());
    }

    void linksInsideResolveThroughCanonicalDirectories()
    {
        // "a/up" is a link to the worktree itself: allowed, and reported by its real place.
        const auto resolved = WorktreeFiles::resolve(m_root, u"a/up/file.txt"_s);
        QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message));
        QCOMPARE(*resolved, m_root + u"/file.txt"_s);
    }

    void missingFilesAreNotFound_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("id");
        QTest::newRow("top") << u"missing.txt"_s << u"missing.txt"_s;
        QTest::newRow("nested") << u"a/missing.txt"_s << u"a/missing.txt"_s;
        QTest::newRow("missing directories") << u"./nope//deeper/x.txt"_s << u"nope/deeper/x.txt"_s;
        QTest::newRow("below a file") << u"file.txt/x"_s << u"file.txt/x"_s;
        QTest::newRow("below a dangling link inside") << u"dangling-in/x"_s << u"dangling-in/x"_s;
        QTest::newRow("looks encoded, is not") << u"%zz.txt"_s << u"%zz.txt"_s;
    }

    void missingFilesAreNotFound()
    {
        QFETCH(QString, path);
        QFETCH(QString, id);
        const QStringList before = snapshot();
        const auto resolved = WorktreeFiles::resolve(m_root, path);
        QVERIFY(!resolved);
        const auto removed = WorktreeFiles::remove(m_root, path);
        QVERIFY(!removed);
        for (const Error &error : {resolved.error(), removed.error()}) {
            QCOMPARE(error.code, ErrorCode::NotFound);
            QCOMPARE(error.details.value(u"resource"_s).toString(), u"file"_s);
            QCOMPARE(error.details.value(u"id"_s).toString(), id);
        }
        QCOMPARE(snapshot(), before);
    }

    void directoriesAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("top") << u"dir"_s;
        QTest::newRow("trailing slash") << u"dir/"_s;
        QTest::newRow("nested") << u"a/b"_s;
        QTest::newRow("through a link inside") << u"inside-dirlink/b"_s;
        QTest::newRow("through a link to the worktree") << u"a/up/a"_s;
    }

    void directoriesAreRefused()
    {
        QFETCH(QString, path);
        const QStringList before = snapshot();
        const auto resolved = WorktreeFiles::resolve(m_root, path);
        QVERIFY(!resolved);
        verifyValidation(resolved.error());
        const auto removed = WorktreeFiles::remove(m_root, path);
        QVERIFY(!removed);
        verifyValidation(removed.error());
        QVERIFY2(removed.error().message.endsWith(u"is a directory; only files can be deleted"_s),
                 qPrintable(removed.error().message));
        QCOMPARE(snapshot(), before);
    }

    void aMissingWorktreeIsNotFound()
    {
        for (const QString &root :
             QStringList{m_root + u"/nope"_s, QString(), m_root + u"/file.txt"_s}) {
            const auto removed = WorktreeFiles::remove(root, u"file.txt"_s);
            QVERIFY(!removed);
            QCOMPARE(removed.error().code, ErrorCode::NotFound);
            QCOMPARE(removed.error().details.value(u"resource"_s).toString(), u"worktree"_s);
        }
        QVERIFY(QFileInfo::exists(m_root + u"/file.txt"_s));
    }

    void theRootMayBeALink()
    {
        const QString link = QFileInfo(m_base->path()).canonicalFilePath() + u"/tree-link"_s;
        QVERIFY(symlink(m_root, link));
        const auto resolved = WorktreeFiles::resolve(link, u"file.txt"_s);
        QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message));
        QCOMPARE(*resolved, m_root + u"/file.txt"_s);
        QVERIFY(WorktreeFiles::remove(link, u"file.txt"_s));
        QVERIFY(!QFileInfo::exists(m_root + u"/file.txt"_s));
        QVERIFY(QFileInfo(link).isSymLink());
    }

    void validationComesBeforeTheFileSystem()
    {
        // A hostile path is refused as such even when the worktree is gone: no probing.
        const auto removed = WorktreeFiles::remove(m_root + u"/nope"_s, u"../x"_s);
        QVERIFY(!removed);
        verifyValidation(removed.error());
    }
};

QTEST_GUILESS_MAIN(TestWorktreeFiles)
#include "tst_worktreefiles.moc"
