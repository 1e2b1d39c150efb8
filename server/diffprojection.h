// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QByteArray>

namespace Core {
struct AttemptDiff;
}

namespace Server {

// The `data` member of GET /api/attempts/:id/diff in its three formats; the caller wraps the
// envelope. Every file carries path, oldPath (renames and copies only), status ("added",
// "modified", "deleted", "renamed", "copied"), additions, deletions, binary and tooLarge; binary
// and tooLarge files have no lines. summary is {filesChanged, additions, deletions}.

/// format=json: {baseCommit, headCommit, files: [{…, changes: [{type: "add"|"delete"|"context",
/// lineNumber, oldLineNumber, newLineNumber, content}]}], summary}. lineNumber is the new line
/// number of an added or context line and the old one of a deleted line; the side a line does
/// not have is null. "noNewline": true marks a line git printed "\ No newline at end of file"
/// after.
[[nodiscard]] QByteArray diffJson(const Core::AttemptDiff &diff);
/// format=split: the same files with rows instead of changes: {hunk: "@@ … @@"} at the start of
/// each hunk, then {left: {lineNumber, type, content} | null, right: … | null}, context on both
/// sides, each run of deleted lines paired with the added lines that follow it.
[[nodiscard]] QByteArray diffSplitJson(const Core::AttemptDiff &diff);
/// format=unified: {baseCommit, headCommit, diff: "<the unified patch>", files (no lines),
/// summary}.
[[nodiscard]] QByteArray diffUnifiedJson(const Core::AttemptDiff &diff);

} // namespace Server
