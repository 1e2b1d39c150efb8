// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "ui/diffdocument.h"

#include <QAbstractScrollArea>
#include <QColor>
#include <QFont>
#include <QSet>
#include <QTextCharFormat>
#include <QTextLayout>
#include <QTextOption>

#include <array>

namespace Gui {

/// The lines of a diff, unified or side by side. Only the rows in sight are laid out and
/// painted, so the length of the diff does not matter; line numbers stay in place while the
/// code scrolls sideways. Double-click, Enter or the context menu ask for a comment on a line.
class DiffTextView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffTextView)

public:
    explicit DiffTextView(QWidget *parent = nullptr);
    ~DiffTextView() override;

    /// keepPosition: a reload of what is shown, so stay where the reader is.
    void setDiff(Core::AttemptDiff diff, bool keepPosition = false);
    void clear();
    [[nodiscard]] const DiffDocument &document() const { return m_document; }
    void setHighlights(int file, const QList<QList<HighlightRange>> &lines);

    void setLayoutMode(DiffLayout layout);
    [[nodiscard]] DiffLayout layoutMode() const { return m_layout; }
    /// Shown when there are no rows ("Loading…", an error, "No changes").
    void setPlaceholderText(const QString &text);
    [[nodiscard]] QString placeholderText() const { return m_placeholder; }

    /// Lines that carry a comment get a marker.
    void setMarkedLines(const QList<DiffLineRef> &lines);

    void scrollToFile(int file);
    void scrollToLine(DiffLineRef line);
    /// The file at the top of the view, -1 when empty.
    [[nodiscard]] int currentFile() const { return m_currentFile; }
    [[nodiscard]] int rowCount() const;
    [[nodiscard]] const DiffDocument::Row &row(int index) const;
    /// In viewport coordinates; empty when the row is not laid out.
    [[nodiscard]] QRect rowRect(int index) const;
    /// The row showing line (on its own side in the side-by-side layout), or -1.
    [[nodiscard]] int rowOf(DiffLineRef line) const;
    /// The line under a viewport position: in the side-by-side layout, the half clicked.
    [[nodiscard]] DiffLineRef lineAt(QPoint pos) const;
    [[nodiscard]] DiffLineRef currentLine() const;
    /// The text and format ranges a line is painted with (tests, accessibility).
    [[nodiscard]] QList<QTextLayout::FormatRange> formatsOf(DiffLineRef line) const;

Q_SIGNALS:
    void currentFileChanged(int file);
    void commentRequested(const Gui::DiffLineRef &line);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Colors
    {
        QColor base;
        QColor text;
        QColor muted;
        QColor border;
        QColor gutter;
        QColor empty;
        QColor headerBackground;
        QColor hunkBackground;
        QColor hunkText;
        QColor addBackground;
        QColor addGutter;
        QColor addMarker;
        QColor deleteBackground;
        QColor deleteGutter;
        QColor deleteMarker;
        QColor current;
        QColor accent;
    };

    void updateMetrics();
    void updateColors();
    void relayout();
    void updateScrollBars();
    void updateCurrentFile();
    [[nodiscard]] int rowAtY(int y) const;
    [[nodiscard]] int numberWidth() const;
    [[nodiscard]] int codeWidth() const;
    void setCurrentRow(int row);
    void ensureRowVisible(int row);

    void paintFileHeader(QPainter &painter, const QRect &rect, int file) const;
    void paintHunk(QPainter &painter, const QRect &rect, const DiffDocument::Row &row) const;
    void paintNotice(QPainter &painter, const QRect &rect, int file) const;
    void paintLine(QPainter &painter, const QRect &rect, const DiffDocument::Row &row) const;
    /// One side (or the whole width, unified) of a line row: gutter, marker, code.
    void paintCell(
        QPainter &painter, const QRect &rect, DiffLineRef line, bool showOld, bool showNew) const;
    void paintCode(QPainter &painter, const QRect &clip, int x, DiffLineRef line) const;

    DiffDocument m_document;
    DiffLayout m_layout = DiffLayout::Unified;
    QString m_placeholder;
    QList<int> m_rowTops; ///< Row i spans [m_rowTops[i], m_rowTops[i + 1]).
    int m_currentRow = -1;
    bool m_currentOnRight = true; ///< Side by side: which half of the current row.
    int m_currentFile = -1;
    QSet<qint64> m_marked;

    QFont m_codeFont;
    QFont m_headerFont;
    qreal m_charWidth = 8;
    int m_lineHeight = 18;
    int m_headerHeight = 34;
    int m_spacing = 14;
    QTextOption m_textOption;
    Colors m_colors;
    std::array<QTextCharFormat, tokenKindCount> m_tokenFormats;
};

} // namespace Gui
