// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/editorlauncher.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QList>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

const QString customEditor = u"custom"_s;
const QString pathPlaceholder = u"{path}"_s;

/// Each known editor's binaries, most preferred first: stable before insiders, vendor builds
/// before the distributions' renamed packages.
const QList<std::pair<QString, QStringList>> &knownEditors()
{
    static const QList<std::pair<QString, QStringList>> editors = {
        {u"vscode"_s, {u"code"_s, u"code-insiders"_s, u"codium"_s}},
        {u"cursor"_s, {u"cursor"_s}},
        {u"idea"_s,
         {u"idea"_s, u"idea.sh"_s, u"intellij-idea-ultimate"_s, u"intellij-idea-community"_s}},
        {u"sublime"_s, {u"subl"_s, u"sublime_text"_s}},
        {u"zed"_s, {u"zed"_s, u"zeditor"_s}},
        {u"windsurf"_s, {u"windsurf"_s}},
    };
    return editors;
}

Error notInstalled(const QString &editor, const QStringList &searched, const QString &message)
{
    return {ErrorCode::Unprocessable,
            message,
            QJsonObject{{u"editor"_s, editor},
                        {u"searched"_s, QJsonArray::fromStringList(searched)}}};
}

/// The absolute path of the first of names found on paths (the process's PATH when empty).
QString findFirst(const QStringList &names, const QStringList &paths)
{
    for (const QString &name : names) {
        const QString found = QStandardPaths::findExecutable(name, paths);
        if (!found.isEmpty())
            return found;
    }
    return {};
}

Result<EditorLaunch> resolveCustom(const QString &customCommand,
                                   const QString &worktree,
                                   const QStringList &paths)
{
    QStringList arguments = QProcess::splitCommand(customCommand);
    if (arguments.isEmpty() || arguments.first().isEmpty())
        return fail(Error::validation(u"command"_s,
                                      u"is required for the custom editor, e.g. \"myeditor "
                                      "{path}\""_s));
    const QString program = arguments.takeFirst();
    // splitCommand() drops empty quotes, so '"" {path}' leaves the placeholder in front.
    if (program.contains(pathPlaceholder))
        return fail(Error::validation(u"command"_s,
                                      u"must start with the editor's program; {path} goes in its "
                                      "arguments"_s));

    QString found;
    if (QDir::isAbsolutePath(program)) {
        const QFileInfo info(program);
        if (info.isFile() && info.isExecutable())
            found = info.absoluteFilePath();
    } else if (program.contains(u'/') || program.contains(QDir::separator())) {
        // Relative to what? Our working directory means nothing to the user.
        return fail(
            Error::validation(u"command"_s,
                              u"'%1' must be a program name found on PATH or an absolute path"_s.arg(
                                  program)));
    } else {
        found = QStandardPaths::findExecutable(program, paths);
    }
    if (found.isEmpty())
        return fail(notInstalled(customEditor,
                                 {program},
                                 u"The custom editor's program '%1' is not installed: it was not "
                                 "found or is not executable"_s.arg(program)));

    bool placed = false;
    for (QString &argument : arguments) {
        if (argument.contains(pathPlaceholder)) {
            argument.replace(pathPlaceholder, worktree);
            placed = true;
        }
    }
    if (!placed)
        arguments.append(worktree);
    return EditorLaunch{customEditor, found, arguments, worktree};
}

} // namespace

QStringList EditorLauncher::editorNames()
{
    QStringList names;
    for (const auto &[name, binaries] : knownEditors())
        names.append(name);
    names.append(customEditor);
    return names;
}

Result<EditorLaunch> EditorLauncher::resolve(const QString &editor,
                                             const QString &customCommand,
                                             const QString &worktreePath,
                                             const QString &searchPath)
{
    const auto known = std::find_if(knownEditors().cbegin(),
                                    knownEditors().cend(),
                                    [&editor](const auto &entry) { return entry.first == editor; });
    if (known == knownEditors().cend() && editor != customEditor)
        return fail(Error::validation(u"editor"_s,
                                      u"'%1' is not an editor; use one of %2"_s
                                          .arg(editor, editorNames().join(u", "_s))));
    if (editor == customEditor && customCommand.trimmed().isEmpty())
        return fail(Error::validation(u"command"_s,
                                      u"is required for the custom editor, e.g. \"myeditor "
                                      "{path}\""_s));

    const QFileInfo worktreeInfo(worktreePath);
    if (worktreePath.isEmpty() || !worktreeInfo.isDir())
        return fail(Error::notFound(u"worktree"_s, worktreePath));
    // Absolute, so the editor opens the same directory whatever our working directory is.
    const QString worktree = worktreeInfo.absoluteFilePath();
    const QStringList paths = searchPath.split(QDir::listSeparator(), Qt::SkipEmptyParts);

    if (editor == customEditor)
        return resolveCustom(customCommand, worktree, paths);

    const QStringList &binaries = known->second;
    const QString program = findFirst(binaries, paths);
    if (program.isEmpty())
        return fail(notInstalled(editor,
                                 binaries,
                                 u"The editor '%1' is not installed: none of %2 was found on "
                                 "PATH"_s.arg(editor, binaries.join(u", "_s))));
    return EditorLaunch{editor, program, {worktree}, worktree};
}

Result<EditorLaunch> EditorLauncher::launch(const QString &editor,
                                            const QString &customCommand,
                                            const QString &worktreePath,
                                            const QString &searchPath)
{
    auto resolved = resolve(editor, customCommand, worktreePath, searchPath);
    if (!resolved)
        return resolved;
    QProcess process;
    process.setProgram(resolved->program);
    process.setArguments(resolved->arguments);
    process.setWorkingDirectory(resolved->worktreePath);
    // The editor outlives us and has nothing to say to our log or terminal.
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
    if (!process.startDetached())
        return fail(
            Error{ErrorCode::Unprocessable,
                  u"Cannot start the editor '%1' (%2): %3"_s.arg(resolved->editor,
                                                                 resolved->program,
                                                                 process.errorString()),
                  QJsonObject{{u"editor"_s, resolved->editor}, {u"program"_s, resolved->program}}});
    return resolved;
}

} // namespace Core
