// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Core {

/// One line of a hunk. Its text stays in DiffFile::patch until asked for: a QString per line
/// doubled the time to parse a large diff, and JSON wants the UTF-8 anyway (bench/git/README.md).
struct DiffLine
{
    enum class Type : quint8 { Context, Add, Delete };
    Type type = Type::Context;
    bool noNewline = false;      ///< git printed "\ No newline at end of file" after this line.
    int oldLineNumber = 0;       ///< 0 = none (an added line)
    int newLineNumber = 0;       ///< 0 = none (a deleted line)
    qsizetype contentOffset = 0; ///< Where the text starts in DiffFile::patch.
    qsizetype contentSize = 0;
};

struct DiffHunk
{
    int oldStart = 0;
    int oldLines = 0;
    int newStart = 0;
    int newLines = 0;
    QString header; ///< The "@@ … @@ text" line.
    QList<DiffLine> lines;
};

enum class DiffFileStatus { Added, Modified, Deleted, Renamed, Copied };

struct DiffFile
{
    QString path;    ///< The new path; the old one for a deleted file.
    QString oldPath; ///< Renames and copies only.
    DiffFileStatus status = DiffFileStatus::Modified;
    int additions = 0;
    int deletions = 0;
    bool binary = false;
    bool tooLarge = false; ///< Over a DiffLimits bound: counted, but no hunks.
    int similarity = 0;    ///< Renames and copies, in percent.
    QString oldMode;       ///< "100644", empty when there is no old side.
    QString newMode;
    QList<DiffHunk> hunks; ///< Empty when binary or tooLarge.
    QByteArray patch;      ///< This file's section of the unified patch; for tooLarge its headers.

    /// A line's text without its +/-/space prefix and its newline ("\r" is kept), as git printed
    /// it: UTF-8 unless the file is in another encoding.
    [[nodiscard]] QByteArrayView contentBytes(const DiffLine &line) const;
    /// The same as a QString; bytes that are not UTF-8 become U+FFFD.
    [[nodiscard]] QString content(const DiffLine &line) const;
};

struct DiffSummary
{
    int filesChanged = 0;
    int additions = 0;
    int deletions = 0;
};

struct DiffLimits
{
    int maxFileLines = 10000;          ///< Hunk lines (context included) of one file.
    qint64 maxFileBytes = 1 << 20;     ///< Patch bytes of one file.
    qint64 maxTotalBytes = 64LL << 20; ///< Past it, later files are tooLarge.
};

struct AttemptDiff
{
    QString baseCommit;
    QString headCommit;
    QList<DiffFile> files;
    DiffSummary summary;
};

/// "added", "modified", "deleted", "renamed", "copied".
[[nodiscard]] QString wireName(DiffFileStatus status);

/// Content diffs through the git CLI, which is 2–3.5× faster than libgit2 at them
/// (shared/reference/qt64.md §6); its unified output is parsed here. Every call blocks: run
/// them on a pool thread. Nothing is written to the repository, its index or its worktree.
class GitDiff final
{
public:
    /// The worktree (committed, staged, unstaged and untracked but not ignored files) against
    /// baseCommit, a full commit id. file: only that path, either side of a rename (a directory
    /// selects what is under it). Untracked files read as they would after `git add -N`, except
    /// that they are never the new side of a rename and .gitattributes is not consulted for
    /// them. A bad baseCommit is a validation error on "baseCommit", a missing worktree NotFound.
    [[nodiscard]] static Result<AttemptDiff> ofWorktree(const QString &worktreePath,
                                                        const QString &baseCommit,
                                                        const QString &file = {},
                                                        const DiffLimits &limits = {});
    /// toCommit against fromCommit (full commit ids, validation errors on "fromCommit" and
    /// "toCommit") in the repository at repoPath, which can be any worktree of it.
    [[nodiscard]] static Result<AttemptDiff> between(const QString &repoPath,
                                                     const QString &fromCommit,
                                                     const QString &toCommit,
                                                     const QString &file = {},
                                                     const DiffLimits &limits = {});
    /// Parses what `git diff -M` prints. Public for tests and the benchmark.
    [[nodiscard]] static QList<DiffFile> parse(const QByteArray &patch,
                                               const DiffLimits &limits = {});
    /// The whole unified patch again, tooLarge files reduced to their headers.
    [[nodiscard]] static QByteArray unifiedText(const AttemptDiff &diff);
    /// Totals over files.
    [[nodiscard]] static DiffSummary summarize(const QList<DiffFile> &files);
};

} // namespace Core
