// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/editorlauncher.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Core;

/// Opening worktrees in editors, with stand-in editors: small shell scripts in a temporary
/// directory given as the search path, which record their arguments and working directory.
class TestEditorLauncher final : public QObject
{
    Q_OBJECT

private:
    static constexpr int launchTimeoutMs = 10'000;

    /// A temporary directory with a bin/ for stand-in editors and a worktree whose name a shell
    /// would mangle.
    struct Fixture
    {
        QTemporaryDir base;
        QString bin;
        QString worktree;
        QString marker;

        Fixture()
        {
            const QString root = QFileInfo(base.path()).canonicalFilePath();
            bin = root + u"/bin"_s;
            worktree = root + u"/work tree $(touch pwned) ; x"_s;
            marker = root + u"/marker.txt"_s;
            QDir().mkpath(bin);
            QDir().mkpath(worktree + u"/x"_s);
        }
    };

    static bool writeExecutable(const QString &path,
                                const QByteArray &content,
                                bool executable = true)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return false;
        file.close();
        QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner;
        if (executable)
            permissions |= QFile::ExeOwner;
        return file.setPermissions(permissions);
    }

    /// A stand-in editor that writes "arg:<argument>" lines and a "cwd:<directory>" line to
    /// marker, renaming it into place last so a reader never sees half of it.
    static bool writeEditor(const QString &path, const QString &marker)
    {
        const QByteArray target = QFile::encodeName(marker);
        return writeExecutable(path,
                               "#!/bin/sh\n"
                               "for argument in \"$@\"; do printf 'arg:%s\\n' \"$argument\"; done > '"
                                   + target
                                   + ".tmp'\n"
                                     "printf 'cwd:%s\\n' \"$(pwd -P)\" >> '"
                                   + target
                                   + ".tmp'\n"
                                     "mv '"
                                   + target + ".tmp' '" + target + "'\n");
    }

    struct Recorded
    {
        QStringList arguments;
        QString cwd;
    };

    static Recorded readMarker(const QString &marker)
    {
        QFile file(marker);
        Recorded recorded;
        if (!file.open(QIODevice::ReadOnly))
            return recorded;
        for (const QString &line :
             QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts)) {
            if (line.startsWith(u"arg:"_s))
                recorded.arguments.append(line.mid(4));
            else if (line.startsWith(u"cwd:"_s))
                recorded.cwd = line.mid(4);
        }
        return recorded;
    }

    /// Files named like the injected commands would create, anywhere a shell might have run.
    static QStringList pwnedFiles(const Fixture &fixture)
    {
        QStringList found;
        for (const QString &directory : QStringList{fixture.base.path(), QDir::currentPath()}) {
            QDirIterator it(directory,
                            {u"pwned*"_s},
                            QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                            QDirIterator::Subdirectories);
            while (it.hasNext())
                found.append(it.next());
        }
        return found;
    }

private Q_SLOTS:
    void editorNames()
    {
        QCOMPARE(EditorLauncher::editorNames(),
                 (QStringList{u"vscode"_s,
                              u"cursor"_s,
                              u"idea"_s,
                              u"sublime"_s,
                              u"zed"_s,
                              u"windsurf"_s,
                              u"custom"_s}));
    }

    void launchesAKnownEditorFromTheSearchPath()
    {
        Fixture fixture;
        QVERIFY(fixture.base.isValid());
        QVERIFY(writeEditor(fixture.bin + u"/code"_s, fixture.marker));

        const auto launched = EditorLauncher::launch(u"vscode"_s, {}, fixture.worktree, fixture.bin);
        QVERIFY2(launched, qPrintable(launched ? QString() : launched.error().message));
        QCOMPARE(launched->editor, u"vscode"_s);
        QCOMPARE(launched->program, fixture.bin + u"/code"_s);
        QCOMPARE(launched->arguments, QStringList{fixture.worktree});
        QCOMPARE(launched->worktreePath, fixture.worktree);

        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(fixture.marker), launchTimeoutMs);
        const Recorded recorded = readMarker(fixture.marker);
        QCOMPARE(recorded.arguments, QStringList{fixture.worktree});
        QCOMPARE(recorded.cwd, fixture.worktree);
        QVERIFY2(pwnedFiles(fixture).isEmpty(), qPrintable(pwnedFiles(fixture).join(u", "_s)));
    }

    void theFirstBinaryFoundWins_data()
    {
        QTest::addColumn<QString>("editor");
        QTest::addColumn<QStringList>("installed");
        QTest::addColumn<QString>("expected");
        QTest::newRow("vscode stable")
            << u"vscode"_s << QStringList{u"codium"_s, u"code"_s} << u"code"_s;
        QTest::newRow("vscode insiders")
            << u"vscode"_s << QStringList{u"codium"_s, u"code-insiders"_s} << u"code-insiders"_s;
        QTest::newRow("vscodium") << u"vscode"_s << QStringList{u"codium"_s} << u"codium"_s;
        QTest::newRow("cursor") << u"cursor"_s << QStringList{u"cursor"_s} << u"cursor"_s;
        QTest::newRow("idea") << u"idea"_s << QStringList{u"idea.sh"_s, u"idea"_s} << u"idea"_s;
        QTest::newRow("idea community") << u"idea"_s << QStringList{u"intellij-idea-community"_s}
                                        << u"intellij-idea-community"_s;
        QTest::newRow("sublime") << u"sublime"_s << QStringList{u"sublime_text"_s}
                                 << u"sublime_text"_s;
        QTest::newRow("zed") << u"zed"_s << QStringList{u"zeditor"_s} << u"zeditor"_s;
        QTest::newRow("windsurf") << u"windsurf"_s << QStringList{u"windsurf"_s} << u"windsurf"_s;
    }

    void theFirstBinaryFoundWins()
    {
        QFETCH(QString, editor);
        QFETCH(QStringList, installed);
        QFETCH(QString, expected);
        Fixture fixture;
        for (const QString &name : std::as_const(installed))
            QVERIFY(writeEditor(fixture.bin + u'/' + name, fixture.marker));

        const auto resolved = EditorLauncher::resolve(editor, {}, fixture.worktree, fixture.bin);
        QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message));
        QCOMPARE(resolved->program, fixture.bin + u'/' + expected);
        QCOMPARE(resolved->arguments, QStringList{fixture.worktree});
    }

    void theSearchPathIsAList()
    {
        Fixture fixture;
        const QString later = fixture.bin + u"/later"_s;
        QVERIFY(QDir().mkpath(later));
        QVERIFY(writeEditor(later + u"/zed"_s, fixture.marker));
        const QString searchPath = QStringList{fixture.bin + u"/missing"_s, fixture.bin, later}.join(
            QDir::listSeparator());
        const auto resolved = EditorLauncher::resolve(u"zed"_s, {}, fixture.worktree, searchPath);
        QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message));
        QCOMPARE(resolved->program, later + u"/zed"_s);
    }

    void customCommandArgumentsArriveLiterally()
    {
        Fixture fixture;
        const QString program = fixture.bin + u"/my editor"_s;
        QVERIFY(writeEditor(program, fixture.marker));
        // splitCommand() quotes with double quotes only; a shell would run every one of these.
        const QString command
            = u"\"%1\" --folder={path} \"; rm -rf x\" \"$(touch pwned)\" "
              "\"`touch pwned2`\" \"&& touch pwned3\" \"| tee pwned4\" {path}"_s.arg(program);

        const auto launched
            = EditorLauncher::launch(u"custom"_s, command, fixture.worktree, fixture.bin);
        QVERIFY2(launched, qPrintable(launched ? QString() : launched.error().message));
        const QStringList expected{u"--folder="_s + fixture.worktree,
                                   u"; rm -rf x"_s,
                                   u"$(touch pwned)"_s,
                                   u"`touch pwned2`"_s,
                                   u"&& touch pwned3"_s,
                                   u"| tee pwned4"_s,
                                   fixture.worktree};
        QCOMPARE(launched->program, program);
        QCOMPARE(launched->arguments, expected);

        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(fixture.marker), launchTimeoutMs);
        const Recorded recorded = readMarker(fixture.marker);
        QCOMPARE(recorded.arguments, expected);
        QCOMPARE(recorded.cwd, fixture.worktree);
        QVERIFY2(pwnedFiles(fixture).isEmpty(), qPrintable(pwnedFiles(fixture).join(u", "_s)));
        QVERIFY(QFileInfo(fixture.worktree + u"/x"_s).isDir());
    }

    void customCommandOnTheSearchPathGetsThePathAppended()
    {
        Fixture fixture;
        QVERIFY(writeEditor(fixture.bin + u"/myeditor"_s, fixture.marker));
        const auto resolved = EditorLauncher::resolve(u"custom"_s,
                                                      u"  myeditor --new-window  "_s,
                                                      fixture.worktree,
                                                      fixture.bin);
        QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message));
        QCOMPARE(resolved->editor, u"custom"_s);
        QCOMPARE(resolved->program, fixture.bin + u"/myeditor"_s);
        QCOMPARE(resolved->arguments, (QStringList{u"--new-window"_s, fixture.worktree}));
    }

    void aMissingEditorIsUnprocessable()
    {
        Fixture fixture;
        // Present but not executable does not count as installed.
        QVERIFY(writeExecutable(fixture.bin + u"/code"_s, "#!/bin/sh\n", false));

        const auto launched = EditorLauncher::launch(u"vscode"_s, {}, fixture.worktree, fixture.bin);
        QVERIFY(!launched);
        const Error &error = launched.error();
        QCOMPARE(error.code, ErrorCode::Unprocessable);
        QVERIFY2(error.message.contains(u"vscode"_s) && error.message.contains(u"code-insiders"_s),
                 qPrintable(error.message));
        QCOMPARE(error.details.value(u"editor"_s).toString(), u"vscode"_s);
        QCOMPARE(error.details.value(u"searched"_s).toArray().toVariantList(),
                 (QVariantList{u"code"_s, u"code-insiders"_s, u"codium"_s}));
    }

    void aMissingCustomProgramIsUnprocessable_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("program");
        QTest::newRow("not on the search path") << u"nosuchedit {path}"_s << u"nosuchedit"_s;
        QTest::newRow("absolute, missing") << u"{bin}/nosuchedit"_s << u"{bin}/nosuchedit"_s;
        QTest::newRow("absolute, not executable")
            << u"\"{bin}/plain file\" -n"_s << u"{bin}/plain file"_s;
        QTest::newRow("absolute, a directory") << u"{bin}"_s << u"{bin}"_s;
    }

    void aMissingCustomProgramIsUnprocessable()
    {
        QFETCH(QString, command);
        QFETCH(QString, program);
        Fixture fixture;
        QVERIFY(writeExecutable(fixture.bin + u"/plain file"_s, "#!/bin/sh\n", false));
        command.replace(u"{bin}"_s, fixture.bin);
        program.replace(u"{bin}"_s, fixture.bin);

        const auto launched
            = EditorLauncher::launch(u"custom"_s, command, fixture.worktree, fixture.bin);
        QVERIFY(!launched);
        QCOMPARE(launched.error().code, ErrorCode::Unprocessable);
        QVERIFY2(launched.error().message.contains(program), qPrintable(launched.error().message));
        QCOMPARE(launched.error().details.value(u"editor"_s).toString(), u"custom"_s);
        QCOMPARE(launched.error().details.value(u"searched"_s).toArray().toVariantList(),
                 QVariantList{program});
    }

    void anUnknownEditorIsAValidationError_data()
    {
        QTest::addColumn<QString>("editor");
        QTest::newRow("emacs") << u"emacs"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("wrong case") << u"VSCode"_s;
        QTest::newRow("a binary name") << u"code"_s;
    }

    void anUnknownEditorIsAValidationError()
    {
        QFETCH(QString, editor);
        // Checked first: the worktree does not even exist.
        const auto launched = EditorLauncher::launch(editor, u"code {path}"_s, u"/nonexistent"_s);
        QVERIFY(!launched);
        QCOMPARE(launched.error().code, ErrorCode::Validation);
        QCOMPARE(launched.error().field(), u"editor"_s);
        QVERIFY2(launched.error().message.contains(EditorLauncher::editorNames().join(u", "_s)),
                 qPrintable(launched.error().message));
    }

    void aCustomEditorNeedsACommand_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("empty") << QString();
        QTest::newRow("blank") << u" \t "_s;
        QTest::newRow("empty quotes") << u"\"\""_s;
        QTest::newRow("empty quotes and an argument") << u"\"\" {path}"_s;
        QTest::newRow("only the placeholder") << u"{path}"_s;
    }

    void aCustomEditorNeedsACommand()
    {
        QFETCH(QString, command);
        Fixture fixture;
        const auto launched
            = EditorLauncher::launch(u"custom"_s, command, fixture.worktree, fixture.bin);
        QVERIFY(!launched);
        QCOMPARE(launched.error().code, ErrorCode::Validation);
        QCOMPARE(launched.error().field(), u"command"_s);
    }

    void aRelativeCustomProgramIsAValidationError()
    {
        Fixture fixture;
        QVERIFY(QDir().mkpath(fixture.worktree + u"/bin"_s));
        QVERIFY(writeEditor(fixture.worktree + u"/bin/editor"_s, fixture.marker));
        // Relative to our working directory would be a surprise; relative to the worktree would
        // let a repository choose what runs.
        const auto launched = EditorLauncher::launch(u"custom"_s,
                                                     u"bin/editor {path}"_s,
                                                     fixture.worktree,
                                                     fixture.bin);
        QVERIFY(!launched);
        QCOMPARE(launched.error().code, ErrorCode::Validation);
        QCOMPARE(launched.error().field(), u"command"_s);
    }

    void aMissingWorktreeIsNotFound_data()
    {
        QTest::addColumn<QString>("editor");
        QTest::addColumn<QString>("worktree");
        QTest::newRow("vscode, missing") << u"vscode"_s << u"{base}/gone"_s;
        QTest::newRow("custom, missing") << u"custom"_s << u"{base}/gone"_s;
        QTest::newRow("a file") << u"vscode"_s << u"{base}/bin/code"_s;
        QTest::newRow("empty") << u"vscode"_s << QString();
    }

    void aMissingWorktreeIsNotFound()
    {
        QFETCH(QString, editor);
        QFETCH(QString, worktree);
        Fixture fixture;
        QVERIFY(writeEditor(fixture.bin + u"/code"_s, fixture.marker));
        worktree.replace(u"{base}"_s, QFileInfo(fixture.base.path()).canonicalFilePath());

        const auto launched = EditorLauncher::launch(editor, u"code"_s, worktree, fixture.bin);
        QVERIFY(!launched);
        QCOMPARE(launched.error().code, ErrorCode::NotFound);
        QCOMPARE(launched.error().details.value(u"resource"_s).toString(), u"worktree"_s);
        QCOMPARE(launched.error().details.value(u"id"_s).toString(), worktree);
        QTest::qWait(100);
        QVERIFY(!QFileInfo::exists(fixture.marker));
    }

    void aProgramThatCannotStartIsUnprocessable()
    {
        Fixture fixture;
        // Executable, but neither a binary nor a script: exec() fails, and with no shell in
        // between nothing falls back to interpreting it.
        QVERIFY(writeExecutable(fixture.bin + u"/code"_s, "touch pwned\n"));

        const auto launched = EditorLauncher::launch(u"vscode"_s, {}, fixture.worktree, fixture.bin);
        QVERIFY(!launched);
        QCOMPARE(launched.error().code, ErrorCode::Unprocessable);
        QCOMPARE(launched.error().details.value(u"editor"_s).toString(), u"vscode"_s);
        QCOMPARE(launched.error().details.value(u"program"_s).toString(), fixture.bin + u"/code"_s);
        QTest::qWait(100);
        QVERIFY2(pwnedFiles(fixture).isEmpty(), qPrintable(pwnedFiles(fixture).join(u", "_s)));
    }
};

QTEST_GUILESS_MAIN(TestEditorLauncher)
#include "tst_editorlauncher.moc"
