// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "ui/logmodel.h"

#include <QCache>
#include <QCoreApplication>
#include <QFont>
#include <QFontMetricsF>
#include <QPalette>

class QPainter;
class QTextDocument;

namespace Gui {

/// Lays out and paints one LogModel row for LogView: assistant text as markdown, thinking and
/// tool calls folded under a header line, commands and their output as cards, errors with a red
/// accent, system lines dim. Heights come from font metrics and cached text documents (one per
/// row shown, laid out at the current width), so painting a row costs the same wherever it is.
class LogDelegate final
{
    Q_DECLARE_TR_FUNCTIONS(Gui::LogDelegate)

public:
    /// What one row shows.
    struct Item
    {
        const LogRowInfo *info = nullptr;
        QString summary;
        QString label;
        const LogEntryDetail *detail = nullptr; ///< nullptr while it loads.
        bool expanded = false;
        bool hovered = false;
    };

    LogDelegate();
    ~LogDelegate();
    LogDelegate(const LogDelegate &) = delete;
    LogDelegate &operator=(const LogDelegate &) = delete;

    /// The view's font and palette; documents are rebuilt when they change.
    void setStyle(const QFont &font, const QPalette &palette);
    /// The width rows are laid out at; returns whether it changed.
    bool setWidth(int width);
    [[nodiscard]] int width() const { return m_width; }
    /// Drops the cached documents (the model was reset).
    void clear();

    /// A folded header that a click unfolds.
    [[nodiscard]] static bool isExpandable(const LogRowInfo &info);
    /// A guess from the row's sizes alone, for rows not measured yet.
    [[nodiscard]] int estimateHeight(const LogRowInfo &info, bool expanded) const;
    /// The height of item; exact is false when it needs a body that is still loading.
    [[nodiscard]] int height(const Item &item, bool *exact);
    void paint(QPainter *painter, const QRect &rect, const Item &item);
    /// The header strip of an expandable row, in rect's coordinates.
    [[nodiscard]] QRect toggleRect(const Item &item, const QRect &rect) const;

    /// The document that shows item's text (markdown for assistant messages), laid out at the
    /// current width; nullptr if it has none or its body is not loaded.
    [[nodiscard]] QTextDocument *document(const Item &item);

private:
    struct Colors;
    struct Metrics
    {
        QFontMetricsF font;
        QFontMetricsF bold;
        QFontMetricsF italic;
        QFontMetricsF small;
        QFontMetricsF smallBold;
        QFontMetricsF mono;
        QFontMetricsF pill;
    };
    [[nodiscard]] int headerHeight() const;
    [[nodiscard]] int linesHeight(const LogRowInfo &info) const;
    [[nodiscard]] int textWidth(const LogRowInfo &info) const;
    [[nodiscard]] int smallLineHeight() const;
    void paintHeader(QPainter *painter, const QRect &header, const Item &item, const Colors &colors);
    void paintLines(QPainter *painter, const QRect &box, const Item &item, const Colors &colors);
    void paintDocument(QPainter *painter, QPoint at, QTextDocument *document, const QColor &color);
    void paintChevron(QPainter *painter, QPointF center, bool expanded, const QColor &color) const;
    /// A rounded label; returns its width.
    qreal paintPill(QPainter *painter,
                    QPointF topLeft,
                    qreal height,
                    const QString &text,
                    const QColor &fill,
                    const QColor &foreground);

    QFont m_font;
    QFont m_bold;
    QFont m_italic;
    QFont m_small;
    QFont m_smallBold;
    QFont m_mono;
    QFont m_pill;
    QPalette m_palette;
    std::unique_ptr<Colors> m_colors;
    std::unique_ptr<Metrics> m_metrics;
    int m_width = 0;
    int m_lineHeight = 0;      ///< Header lines: the taller of the text and mono fonts.
    int m_monoLineSpacing = 0; ///< Output lines.
    qreal m_averageChar = 7;
    int m_textLineSpacing = 16;
    int m_smallLineHeight = 16;

    QCache<quint64, QTextDocument> m_documents;
};

} // namespace Gui
