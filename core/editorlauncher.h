// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QString>
#include <QStringList>

namespace Core {

/// What EditorLauncher starts: program (an absolute path) with arguments, in worktreePath.
struct EditorLaunch
{
    QString editor;
    QString program;
    QStringList arguments;
    QString worktreePath;
};

/// Opens a worktree in the user's editor. The editor is started directly, never through a
/// shell, so nothing in a path or a custom command is ever interpreted. Every call blocks
/// briefly (PATH lookup, process start): run them off the main thread.
class EditorLauncher final
{
public:
    /// vscode, cursor, idea, sublime, zed, windsurf, custom.
    [[nodiscard]] static QStringList editorNames();

    /// Resolves the command. A known editor uses the first of its binaries found on PATH
    /// (vscode: code, code-insiders, codium; cursor: cursor; idea: idea, idea.sh,
    /// intellij-idea-ultimate, intellij-idea-community; sublime: subl, sublime_text; zed: zed,
    /// zeditor; windsurf: windsurf) with the worktree as its argument. "custom" splits
    /// customCommand as QProcess::splitCommand() does (double quotes only; no shell): its
    /// program is a name on PATH or an absolute path, and every "{path}" in an argument becomes
    /// the worktree, which is appended when no argument has one. searchPath is PATH-like
    /// (empty: the process's PATH), so tests can point at a directory of their own.
    ///
    /// Errors: an unknown editor or a custom command without a program is a validation error
    /// ("editor", "command"); a missing worktree NotFound ("worktree"); an editor that is not
    /// installed Unprocessable, with details {editor, searched: [binaries]}.
    [[nodiscard]] static Result<EditorLaunch> resolve(const QString &editor,
                                                      const QString &customCommand,
                                                      const QString &worktreePath,
                                                      const QString &searchPath = {});
    /// resolve(), then starts the program detached in the worktree, its standard streams on
    /// the null device. A start failure is Unprocessable.
    [[nodiscard]] static Result<EditorLaunch> launch(const QString &editor,
                                                     const QString &customCommand,
                                                     const QString &worktreePath,
                                                     const QString &searchPath = {});
};

} // namespace Core
