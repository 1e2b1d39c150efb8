// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/diffdocument.h"

#include <algorithm>

namespace Gui {
namespace {

/// Columns of a line as shown: UTF-8 lead bytes, tabs as four.
int columns(QByteArrayView bytes)
{
    int count = 0;
    for (const char c : bytes) {
        if (c == '\t')
            count += 4;
        else if ((uchar(c) & 0xC0) != 0x80)
            ++count;
    }
    return count;
}

} // namespace

void DiffDocument::clear()
{
    m_diff = {};
    m_files.clear();
    m_unified.clear();
    m_sideBySide.clear();
    m_longestLine = 0;
    m_largestLineNumber = 0;
}

void DiffDocument::setDiff(Core::AttemptDiff diff)
{
    clear();
    m_diff = std::move(diff);
    m_files.resize(m_diff.files.size());
    for (int f = 0; f < int(m_diff.files.size()); ++f) {
        const Core::DiffFile &file = m_diff.files.at(f);
        FileLayout &layout = m_files[f];
        layout.unifiedRow = int(m_unified.size());
        layout.sideBySideRow = int(m_sideBySide.size());
        m_unified.append({RowKind::FileHeader, f});
        m_sideBySide.append({RowKind::FileHeader, f});
        if (file.binary || file.tooLarge || file.hunks.isEmpty()) {
            m_unified.append({RowKind::Notice, f});
            m_sideBySide.append({RowKind::Notice, f});
        }
        for (int h = 0; h < int(file.hunks.size()); ++h) {
            const QList<Core::DiffLine> &lines = file.hunks.at(h).lines;
            m_unified.append({RowKind::Hunk, f, h});
            m_sideBySide.append({RowKind::Hunk, f, h});
            const int first = int(layout.lines.size());
            for (int i = 0; i < int(lines.size()); ++i) {
                const Core::DiffLine &line = lines.at(i);
                layout.lines.append({h, i});
                m_unified.append({RowKind::Line, f, h, first + i});
                m_longestLine = std::max(m_longestLine, columns(file.contentBytes(line)));
                m_largestLineNumber = std::max(
                    {m_largestLineNumber, line.oldLineNumber, line.newLineNumber});
            }
            // Side by side: context on both sides; a run of deletions faces the additions that
            // follow it, line by line, the longer run against empty cells.
            int i = 0;
            while (i < int(lines.size())) {
                if (lines.at(i).type == Core::DiffLine::Type::Context) {
                    m_sideBySide.append({RowKind::Line, f, h, first + i, first + i});
                    ++i;
                    continue;
                }
                const int deletions = i;
                while (i < int(lines.size()) && lines.at(i).type == Core::DiffLine::Type::Delete)
                    ++i;
                const int additions = i;
                while (i < int(lines.size()) && lines.at(i).type == Core::DiffLine::Type::Add)
                    ++i;
                const int deleted = additions - deletions;
                const int added = i - additions;
                for (int k = 0; k < std::max(deleted, added); ++k) {
                    m_sideBySide.append({RowKind::Line,
                                         f,
                                         h,
                                         k < deleted ? first + deletions + k : -1,
                                         k < added ? first + additions + k : -1});
                }
            }
        }
        m_unified.append({RowKind::FileEnd, f});
        m_sideBySide.append({RowKind::FileEnd, f});
    }
    m_longestLine = std::min(m_longestLine, maxShownColumns);
}

const QList<DiffDocument::Row> &DiffDocument::rows(DiffLayout layout) const
{
    return layout == DiffLayout::Unified ? m_unified : m_sideBySide;
}

int DiffDocument::firstRow(int file, DiffLayout layout) const
{
    if (file < 0 || file >= int(m_files.size()))
        return -1;
    const FileLayout &f = m_files.at(file);
    return layout == DiffLayout::Unified ? f.unifiedRow : f.sideBySideRow;
}

int DiffDocument::lineCount(int file) const
{
    return int(m_files.at(file).lines.size());
}

const Core::DiffLine &DiffDocument::line(DiffLineRef ref) const
{
    const Location &at = m_files.at(ref.file).lines.at(ref.line);
    return m_diff.files.at(ref.file).hunks.at(at.hunk).lines.at(at.index);
}

QString DiffDocument::text(DiffLineRef ref) const
{
    return m_diff.files.at(ref.file).content(line(ref));
}

DiffLineRef DiffDocument::find(int file, int number, bool oldSide) const
{
    if (file < 0 || file >= int(m_files.size()) || number <= 0)
        return {};
    const int count = lineCount(file);
    for (int i = 0; i < count; ++i) {
        const Core::DiffLine &candidate = line({file, i});
        if (oldSide ? candidate.type == Core::DiffLine::Type::Delete
                          && candidate.oldLineNumber == number
                    : candidate.type != Core::DiffLine::Type::Delete
                          && candidate.newLineNumber == number) {
            return {file, i};
        }
    }
    return {};
}

int DiffDocument::indexOfPath(const QString &path) const
{
    for (int i = 0; i < int(m_diff.files.size()); ++i) {
        if (m_diff.files.at(i).path == path)
            return i;
    }
    return -1;
}

void DiffDocument::adoptHighlights(const DiffDocument &previous)
{
    for (int i = 0; i < int(m_files.size()); ++i) {
        const int j = previous.indexOfPath(m_diff.files.at(i).path);
        if (previous.isHighlighted(j) && previous.file(j).patch == m_diff.files.at(i).patch)
            m_files[i].highlights = previous.m_files.at(j).highlights;
    }
}

void DiffDocument::setHighlights(int file, const QList<QList<HighlightRange>> &lines)
{
    if (file < 0 || file >= int(m_files.size()) || lines.size() != m_files.at(file).lines.size())
        return;
    m_files[file].highlights = lines;
}

bool DiffDocument::isHighlighted(int file) const
{
    return file >= 0 && file < int(m_files.size()) && !m_files.at(file).highlights.isEmpty();
}

QList<HighlightRange> DiffDocument::highlights(DiffLineRef ref) const
{
    if (!ref.isValid() || ref.file >= int(m_files.size()))
        return {};
    const QList<QList<HighlightRange>> &lines = m_files.at(ref.file).highlights;
    return ref.line < int(lines.size()) ? lines.at(ref.line) : QList<HighlightRange>();
}

QList<QList<HighlightRange>> DiffDocument::highlight(const Core::DiffFile &file,
                                                     Highlighter &highlighter,
                                                     const std::atomic_bool *cancel)
{
    if (file.binary || file.tooLarge || file.hunks.isEmpty())
        return {};
    const QString language = highlighter.languageForFileName(file.path);
    if (language.isEmpty() || !highlighter.prepare(language))
        return {};
    QList<QList<HighlightRange>> result;
    for (const Core::DiffHunk &hunk : file.hunks) {
        int oldState = Highlighter::initialState;
        int newState = Highlighter::initialState;
        for (const Core::DiffLine &line : hunk.lines) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                return {};
            const QString text = file.content(line);
            switch (line.type) {
            case Core::DiffLine::Type::Add: {
                HighlightedLine highlighted = highlighter.highlightLine(language, text, newState);
                newState = highlighted.state;
                result.append(std::move(highlighted.ranges));
                break;
            }
            case Core::DiffLine::Type::Delete: {
                HighlightedLine highlighted = highlighter.highlightLine(language, text, oldState);
                oldState = highlighted.state;
                result.append(std::move(highlighted.ranges));
                break;
            }
            case Core::DiffLine::Type::Context: {
                // Shown as the new side has it; the old side only needs its state carried, and
                // usually both sides are in the same state anyway.
                const bool sameState = oldState == newState;
                HighlightedLine highlighted = highlighter.highlightLine(language, text, newState);
                newState = highlighted.state;
                oldState = sameState ? newState
                                     : highlighter.highlightLine(language, text, oldState).state;
                result.append(std::move(highlighted.ranges));
                break;
            }
            }
        }
    }
    return result;
}

} // namespace Gui
