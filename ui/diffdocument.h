// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/gitdiff.h"
#include "ui/highlighter.h"

#include <QList>

#include <atomic>

namespace Gui {

enum class DiffLayout { Unified, SideBySide };

/// A line of a diff: its file, and its place among that file's hunk lines taken in order.
struct DiffLineRef
{
    int file = -1;
    int line = -1;

    [[nodiscard]] bool isValid() const { return file >= 0 && line >= 0; }
    friend bool operator==(const DiffLineRef &, const DiffLineRef &) = default;
};

/// One attempt's diff laid out as rows for the unified and the side-by-side view, with the
/// syntax highlighting of its lines once known. Rows are small index records and a line's text
/// is decoded from the patch only when it is shown, so a 20,000-line diff costs little.
class DiffDocument final
{
public:
    enum class RowKind : quint8 {
        FileHeader,
        Hunk,
        Line,
        Notice,  ///< Binary, too large, or nothing but a rename or mode change.
        FileEnd, ///< The space after a file.
    };
    struct Row
    {
        RowKind kind = RowKind::Line;
        int file = 0;
        int hunk = -1;
        int left = -1;  ///< Unified: the line. Side by side: the old side's line, or -1.
        int right = -1; ///< Side by side: the new side's line, or -1.
    };

    /// Lines longer than this are cut when shown.
    static constexpr int maxShownColumns = 2000;

    void setDiff(Core::AttemptDiff diff);
    void clear();

    [[nodiscard]] const Core::AttemptDiff &diff() const { return m_diff; }
    [[nodiscard]] bool isEmpty() const { return m_diff.files.isEmpty(); }
    [[nodiscard]] int fileCount() const { return int(m_diff.files.size()); }
    [[nodiscard]] const Core::DiffFile &file(int index) const { return m_diff.files.at(index); }
    [[nodiscard]] const QList<Row> &rows(DiffLayout layout) const;
    /// The header row of file.
    [[nodiscard]] int firstRow(int file, DiffLayout layout) const;
    [[nodiscard]] int lineCount(int file) const;
    [[nodiscard]] const Core::DiffLine &line(DiffLineRef ref) const;
    [[nodiscard]] QString text(DiffLineRef ref) const;
    /// The line of file with this number on the new side (the old side when oldSide); an invalid
    /// reference if the diff does not show it.
    [[nodiscard]] DiffLineRef find(int file, int number, bool oldSide) const;
    [[nodiscard]] int indexOfPath(const QString &path) const;
    /// Of all lines, in columns (a tab counts four), at most maxShownColumns.
    [[nodiscard]] int longestLine() const { return m_longestLine; }
    [[nodiscard]] int largestLineNumber() const { return m_largestLineNumber; }

    /// Takes the highlighting of files that previous has with the same path and patch, so a
    /// reload does not flash plain text.
    void adoptHighlights(const DiffDocument &previous);
    /// lines: one list per line of file, as highlight() makes them.
    void setHighlights(int file, const QList<QList<HighlightRange>> &lines);
    [[nodiscard]] bool isHighlighted(int file) const;
    /// Empty until the file is highlighted (and for plain text).
    [[nodiscard]] QList<HighlightRange> highlights(DiffLineRef ref) const;

    /// Highlights every line of file with the language of its path: each side separately, each
    /// hunk from the initial state (what precedes a hunk is unknown). Blocking: call it on a
    /// pool thread. Returns nothing once cancel is set, or when no language is known.
    [[nodiscard]] static QList<QList<HighlightRange>> highlight(const Core::DiffFile &file,
                                                                Highlighter &highlighter,
                                                                const std::atomic_bool *cancel);

private:
    struct Location
    {
        int hunk = 0;
        int index = 0;
    };
    struct FileLayout
    {
        QList<Location> lines;
        int unifiedRow = 0;
        int sideBySideRow = 0;
        QList<QList<HighlightRange>> highlights;
    };

    Core::AttemptDiff m_diff;
    QList<FileLayout> m_files;
    QList<Row> m_unified;
    QList<Row> m_sideBySide;
    int m_longestLine = 0;
    int m_largestLineNumber = 0;
};

} // namespace Gui
