// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QString>

namespace Core {

/// Files in an attempt's worktree, named by a path a client sent (decoded from a URL). Anything
/// that could reach outside the worktree or into git's own files is refused with a validation
/// error on "path": the worktree is written by agents, so it may hold hostile symbolic links.
/// Every call blocks: run them off the main thread.
///
/// Path rules: '\' separates like '/'; duplicate slashes and "." segments are dropped. Refused:
/// an empty path, the root itself, absolute paths ("/x", "\x", "C:x"), any ".." segment, NUL,
/// any ".git" segment (any case, trailing dots or spaces ignored, as Windows and macOS would),
/// and "%2e", "%2f", "%5c", "%00" or "%25" in any case. Those escapes mean the path was encoded
/// twice: decoding it once more could yield "..", so we refuse rather than guess. A file whose
/// real name contains such an escape cannot be addressed here.
class WorktreeFiles final
{
public:
    /// The absolute path of the file at relativePath: its directories canonical and inside the
    /// worktree, its last component as named (a symbolic link stays the link). The link may
    /// point anywhere inside the worktree, not outside. A missing file is NotFound ("file"), a
    /// directory a validation error, a missing worktree NotFound ("worktree").
    [[nodiscard]] static Result<QString> resolve(const QString &worktreeRoot,
                                                 const QString &relativePath);
    /// Deletes the file at relativePath, or the symbolic link itself, never its target. The
    /// same rules as resolve(); on Unix the directories are opened one at a time without
    /// following links, so swapping one for a link after the checks cannot redirect the delete.
    [[nodiscard]] static Result<void> remove(const QString &worktreeRoot,
                                             const QString &relativePath);
};

} // namespace Core
