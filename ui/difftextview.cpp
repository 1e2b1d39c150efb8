// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/difftextview.h"

#include "ui/presentation.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr int cellPadding = 8;
constexpr qreal layoutWidth = 1e6; // lines never wrap

const QColor green(0x2e, 0xa0, 0x43);
const QColor red(0xd7, 0x3a, 0x49);
const QColor blue(0x2f, 0x80, 0xed);

QColor statusColor(Core::DiffFileStatus status)
{
    switch (status) {
    case Core::DiffFileStatus::Added: return green;
    case Core::DiffFileStatus::Modified: return QColor(0xd0, 0x8a, 0x10);
    case Core::DiffFileStatus::Deleted: return red;
    case Core::DiffFileStatus::Renamed: return QColor(0x9b, 0x5d, 0xe5);
    case Core::DiffFileStatus::Copied: return QColor(0x1b, 0x95, 0xa8);
    }
    return blue;
}

QString statusLetter(Core::DiffFileStatus status)
{
    switch (status) {
    case Core::DiffFileStatus::Added: return u"A"_s;
    case Core::DiffFileStatus::Modified: return u"M"_s;
    case Core::DiffFileStatus::Deleted: return u"D"_s;
    case Core::DiffFileStatus::Renamed: return u"R"_s;
    case Core::DiffFileStatus::Copied: return u"C"_s;
    }
    return {};
}

/// Token colours close to Atom's One Light and One Dark, which read well on tinted rows.
QColor tokenColor(TokenKind kind, bool dark)
{
    switch (kind) {
    case TokenKind::Keyword: return dark ? QColor(0xc6, 0x78, 0xdd) : QColor(0xa6, 0x26, 0xa4);
    case TokenKind::Type: return dark ? QColor(0xe5, 0xc0, 0x7b) : QColor(0xa8, 0x6b, 0x00);
    case TokenKind::Function:
    case TokenKind::Link: return dark ? QColor(0x61, 0xaf, 0xef) : QColor(0x35, 0x6a, 0xd6);
    case TokenKind::Variable:
    case TokenKind::Property:
    case TokenKind::Heading: return dark ? QColor(0xe0, 0x6c, 0x75) : QColor(0xc4, 0x42, 0x37);
    case TokenKind::Constant:
    case TokenKind::Number: return dark ? QColor(0xd1, 0x9a, 0x66) : QColor(0x98, 0x68, 0x01);
    case TokenKind::String: return dark ? QColor(0x98, 0xc3, 0x79) : QColor(0x38, 0x82, 0x36);
    case TokenKind::Comment: return dark ? QColor(0x8b, 0x91, 0x9c) : QColor(0x86, 0x8a, 0x94);
    case TokenKind::Preprocessor:
    case TokenKind::Special: return dark ? QColor(0x56, 0xb6, 0xc2) : QColor(0x0b, 0x7a, 0x99);
    case TokenKind::Error: return dark ? QColor(0xf4, 0x47, 0x47) : QColor(0xd0, 0x24, 0x24);
    case TokenKind::Operator:
    case TokenKind::Emphasis: break;
    }
    return {};
}

int digits(int number)
{
    int count = 1;
    while (number >= 10) {
        number /= 10;
        ++count;
    }
    return count;
}

qint64 markKey(DiffLineRef line)
{
    return (qint64(line.file) << 32) | quint32(line.line);
}

} // namespace

DiffTextView::DiffTextView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(u"diffText"_s);
    setAccessibleName(tr("Changes"));
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    viewport()->setAutoFillBackground(false);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_textOption.setWrapMode(QTextOption::NoWrap);
    updateMetrics();
    updateColors();
    relayout();
}

DiffTextView::~DiffTextView() = default;

void DiffTextView::setDiff(Core::AttemptDiff diff, bool keepPosition)
{
    const int vertical = verticalScrollBar()->value();
    const int horizontal = horizontalScrollBar()->value();
    const DiffDocument previous = std::exchange(m_document, DiffDocument());
    m_document.setDiff(std::move(diff));
    if (keepPosition)
        m_document.adoptHighlights(previous);
    if (!keepPosition) {
        m_currentRow = -1;
        m_currentFile = -1;
    }
    m_currentRow = std::min(m_currentRow, rowCount() - 1);
    updateMetrics();
    relayout();
    verticalScrollBar()->setValue(keepPosition ? vertical : 0);
    horizontalScrollBar()->setValue(keepPosition ? horizontal : 0);
    updateCurrentFile();
}

void DiffTextView::clear()
{
    m_document.clear();
    m_currentRow = -1;
    m_marked.clear();
    relayout();
    updateCurrentFile();
}

void DiffTextView::setHighlights(int file, const QList<QList<HighlightRange>> &lines)
{
    m_document.setHighlights(file, lines);
    viewport()->update();
}

void DiffTextView::setLayoutMode(DiffLayout layout)
{
    if (layout == m_layout)
        return;
    // Keep the line at the top of the view at the top.
    DiffLineRef anchor;
    int anchorFile = m_currentFile;
    const int top = rowAtY(verticalScrollBar()->value());
    if (top >= 0) {
        const DiffDocument::Row &r = row(top);
        anchorFile = r.file;
        if (r.kind == DiffDocument::RowKind::Line)
            anchor = {r.file, r.right >= 0 ? r.right : r.left};
    }
    const DiffLineRef current = currentLine();
    m_layout = layout;
    relayout();
    m_currentRow = current.isValid() ? rowOf(current) : -1;
    if (anchor.isValid())
        verticalScrollBar()->setValue(m_rowTops.value(rowOf(anchor)));
    else if (anchorFile >= 0)
        scrollToFile(anchorFile);
    viewport()->update();
}

void DiffTextView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

void DiffTextView::setMarkedLines(const QList<DiffLineRef> &lines)
{
    m_marked.clear();
    for (const DiffLineRef &line : lines)
        m_marked.insert(markKey(line));
    viewport()->update();
}

void DiffTextView::scrollToFile(int file)
{
    const int first = m_document.firstRow(file, m_layout);
    if (first < 0)
        return;
    verticalScrollBar()->setValue(m_rowTops.at(first));
    updateCurrentFile();
}

void DiffTextView::scrollToLine(DiffLineRef line)
{
    const int target = rowOf(line);
    if (target < 0)
        return;
    m_currentOnRight = m_document.line(line).type != Core::DiffLine::Type::Delete;
    setCurrentRow(target);
    const int middle = m_rowTops.at(target) - viewport()->height() / 3;
    verticalScrollBar()->setValue(std::max(0, middle));
}

int DiffTextView::rowCount() const
{
    return int(m_document.rows(m_layout).size());
}

const DiffDocument::Row &DiffTextView::row(int index) const
{
    return m_document.rows(m_layout).at(index);
}

QRect DiffTextView::rowRect(int index) const
{
    if (index < 0 || index >= rowCount())
        return {};
    const int top = m_rowTops.at(index) - verticalScrollBar()->value();
    return QRect(0, top, viewport()->width(), m_rowTops.at(index + 1) - m_rowTops.at(index));
}

int DiffTextView::rowOf(DiffLineRef line) const
{
    const int first = m_document.firstRow(line.file, m_layout);
    if (first < 0 || !line.isValid())
        return -1;
    const QList<DiffDocument::Row> &rows = m_document.rows(m_layout);
    for (int i = first; i < int(rows.size()) && rows.at(i).file == line.file; ++i) {
        const DiffDocument::Row &r = rows.at(i);
        if (r.kind == DiffDocument::RowKind::Line && (r.left == line.line || r.right == line.line))
            return i;
    }
    return -1;
}

DiffLineRef DiffTextView::lineAt(QPoint pos) const
{
    const int index = rowAtY(pos.y() + verticalScrollBar()->value());
    if (index < 0 || row(index).kind != DiffDocument::RowKind::Line)
        return {};
    const DiffDocument::Row &r = row(index);
    if (m_layout == DiffLayout::Unified)
        return {r.file, r.left};
    const bool right = pos.x() >= viewport()->width() / 2;
    const int line = right ? (r.right >= 0 ? r.right : r.left) : (r.left >= 0 ? r.left : r.right);
    return {r.file, line};
}

DiffLineRef DiffTextView::currentLine() const
{
    if (m_currentRow < 0 || m_currentRow >= rowCount())
        return {};
    const DiffDocument::Row &r = row(m_currentRow);
    if (r.kind != DiffDocument::RowKind::Line)
        return {};
    if (m_layout == DiffLayout::Unified)
        return {r.file, r.left};
    const bool right = m_currentOnRight ? r.right >= 0 : r.left < 0;
    return {r.file, right ? r.right : r.left};
}

QList<QTextLayout::FormatRange> DiffTextView::formatsOf(DiffLineRef line) const
{
    QList<QTextLayout::FormatRange> formats;
    const QList<HighlightRange> ranges = m_document.highlights(line);
    formats.reserve(ranges.size());
    for (const HighlightRange &range : ranges) {
        if (range.start >= DiffDocument::maxShownColumns)
            break;
        formats.append({range.start, range.length, m_tokenFormats.at(std::size_t(range.kind))});
    }
    return formats;
}

void DiffTextView::updateMetrics()
{
    m_codeFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_codeFont.setPointSizeF(std::max(font().pointSizeF() * 0.95, 7.0));
    m_codeFont.setStyleHint(QFont::Monospace);
    m_headerFont = font();
    m_headerFont.setWeight(QFont::DemiBold);
    const QFontMetricsF code(m_codeFont);
    m_charWidth = code.horizontalAdvance(u'0');
    m_lineHeight = int(std::ceil(code.height())) + 4;
    m_headerHeight = int(std::ceil(QFontMetricsF(m_headerFont).height())) + 18;
    m_spacing = m_lineHeight - 4;
    m_textOption.setTabStopDistance(m_charWidth * 4);
    verticalScrollBar()->setSingleStep(m_lineHeight * 3);
    horizontalScrollBar()->setSingleStep(int(m_charWidth * 4));
}

void DiffTextView::updateColors()
{
    const QPalette &pal = palette();
    const bool dark = Presentation::isDark(pal);
    Colors &c = m_colors;
    c.base = pal.color(QPalette::Base);
    c.text = pal.color(QPalette::Text);
    c.muted = Presentation::mix(c.text, c.base, 0.45);
    c.border = Presentation::mix(c.base, c.text, dark ? 0.2 : 0.13);
    c.gutter = Presentation::mix(c.base, c.text, dark ? 0.045 : 0.03);
    c.empty = Presentation::mix(c.base, c.text, dark ? 0.07 : 0.05);
    c.headerBackground = Presentation::mix(c.base, c.text, dark ? 0.08 : 0.045);
    c.hunkBackground = Presentation::mix(c.base, blue, dark ? 0.16 : 0.075);
    c.hunkText = Presentation::mix(c.text, blue, dark ? 0.35 : 0.45);
    c.addBackground = Presentation::mix(c.base, green, dark ? 0.16 : 0.11);
    c.addGutter = Presentation::mix(c.base, green, dark ? 0.27 : 0.2);
    c.addMarker = dark ? green.lighter(145) : green.darker(125);
    c.deleteBackground = Presentation::mix(c.base, red, dark ? 0.16 : 0.09);
    c.deleteGutter = Presentation::mix(c.base, red, dark ? 0.27 : 0.18);
    c.deleteMarker = dark ? red.lighter(150) : red.darker(115);
    c.accent = pal.color(QPalette::Highlight);
    c.current = c.accent;
    c.current.setAlphaF(dark ? 0.22f : 0.13f);

    for (int k = 0; k < tokenKindCount; ++k) {
        const auto kind = TokenKind(k);
        QTextCharFormat format;
        const QColor color = tokenColor(kind, dark);
        if (color.isValid())
            format.setForeground(color);
        else if (kind == TokenKind::Operator)
            format.setForeground(Presentation::mix(c.text, c.base, 0.22));
        if (kind == TokenKind::Comment || kind == TokenKind::Emphasis)
            format.setFontItalic(true);
        if (kind == TokenKind::Heading)
            format.setFontWeight(QFont::Bold);
        if (kind == TokenKind::Link)
            format.setFontUnderline(true);
        m_tokenFormats.at(std::size_t(k)) = format;
    }
}

void DiffTextView::relayout()
{
    const QList<DiffDocument::Row> &rows = m_document.rows(m_layout);
    m_rowTops.resize(rows.size() + 1);
    int y = 0;
    for (int i = 0; i < int(rows.size()); ++i) {
        m_rowTops[i] = y;
        switch (rows.at(i).kind) {
        case DiffDocument::RowKind::FileHeader: y += m_headerHeight; break;
        case DiffDocument::RowKind::FileEnd: y += m_spacing; break;
        case DiffDocument::RowKind::Hunk:
        case DiffDocument::RowKind::Line: y += m_lineHeight; break;
        case DiffDocument::RowKind::Notice: y += m_lineHeight * 2; break;
        }
    }
    m_rowTops[rows.size()] = y;
    updateScrollBars();
    viewport()->update();
}

void DiffTextView::updateScrollBars()
{
    const int total = m_rowTops.isEmpty() ? 0 : m_rowTops.constLast();
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setRange(0, std::max(0, total - viewport()->height()));
    const int content = int(std::ceil(m_document.longestLine() * m_charWidth)) + 3 * cellPadding;
    horizontalScrollBar()->setPageStep(codeWidth());
    horizontalScrollBar()->setRange(0, std::max(0, content - codeWidth()));
}

void DiffTextView::updateCurrentFile()
{
    const int top = rowAtY(verticalScrollBar()->value() + m_headerHeight);
    const int file = top >= 0 ? row(top).file : (rowCount() > 0 ? row(0).file : -1);
    if (file == m_currentFile)
        return;
    m_currentFile = file;
    Q_EMIT currentFileChanged(file);
}

int DiffTextView::rowAtY(int y) const
{
    if (rowCount() == 0 || y < 0 || y >= m_rowTops.constLast())
        return -1;
    const auto it = std::upper_bound(m_rowTops.cbegin(), m_rowTops.cend(), y);
    return int(it - m_rowTops.cbegin()) - 1;
}

int DiffTextView::numberWidth() const
{
    return int(std::ceil(std::max(3, digits(m_document.largestLineNumber())) * m_charWidth))
           + 2 * cellPadding;
}

int DiffTextView::codeWidth() const
{
    const int marker = int(std::ceil(m_charWidth * 2));
    if (m_layout == DiffLayout::Unified)
        return viewport()->width() - 2 * numberWidth() - marker;
    return viewport()->width() / 2 - numberWidth() - marker;
}

void DiffTextView::setCurrentRow(int index)
{
    index = std::clamp(index, -1, rowCount() - 1);
    if (index == m_currentRow)
        return;
    m_currentRow = index;
    viewport()->update();
}

void DiffTextView::ensureRowVisible(int index)
{
    const QRect rect = rowRect(index);
    if (rect.isEmpty())
        return;
    QScrollBar *bar = verticalScrollBar();
    if (rect.top() < 0)
        bar->setValue(bar->value() + rect.top());
    else if (rect.bottom() > viewport()->height())
        bar->setValue(bar->value() + rect.bottom() - viewport()->height() + 1);
}

void DiffTextView::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    painter.fillRect(event->rect(), m_colors.base);
    if (rowCount() == 0) {
        painter.setPen(m_colors.muted);
        painter.drawText(viewport()->rect().adjusted(24, 24, -24, -24),
                         Qt::AlignCenter | Qt::TextWordWrap,
                         m_placeholder);
        return;
    }
    const int scroll = verticalScrollBar()->value();
    const QList<DiffDocument::Row> &rows = m_document.rows(m_layout);
    for (int i = std::max(0, rowAtY(scroll + event->rect().top()));
         i < int(rows.size()) && m_rowTops.at(i) - scroll < event->rect().bottom() + 1;
         ++i) {
        const QRect rect = rowRect(i);
        const DiffDocument::Row &r = rows.at(i);
        switch (r.kind) {
        case DiffDocument::RowKind::FileHeader: paintFileHeader(painter, rect, r.file); break;
        case DiffDocument::RowKind::Hunk: paintHunk(painter, rect, r); break;
        case DiffDocument::RowKind::Notice: paintNotice(painter, rect, r.file); break;
        case DiffDocument::RowKind::Line: paintLine(painter, rect, r); break;
        case DiffDocument::RowKind::FileEnd:
            painter.fillRect(rect.x(), rect.y(), rect.width(), 1, m_colors.border);
            break;
        }
        if (i == m_currentRow && r.kind == DiffDocument::RowKind::Line) {
            painter.fillRect(rect, m_colors.current);
            painter.fillRect(rect.x(), rect.y(), 3, rect.height(), m_colors.accent);
        }
    }
}

void DiffTextView::paintFileHeader(QPainter &painter, const QRect &rect, int index) const
{
    const Core::DiffFile &file = m_document.file(index);
    painter.fillRect(rect, m_colors.headerBackground);
    painter.fillRect(rect.x(), rect.y(), rect.width(), 1, m_colors.border);
    painter.fillRect(rect.x(), rect.bottom(), rect.width(), 1, m_colors.border);

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics metrics(m_headerFont);
    const int side = metrics.height() + 2;
    const QRect chip(rect.x() + 12, rect.center().y() - side / 2 + 1, side, side);
    const QColor accent = statusColor(file.status);
    painter.setPen(Qt::NoPen);
    painter.setBrush(Presentation::accentFill(accent, palette()));
    painter.drawRoundedRect(chip, 4, 4);
    QFont chipFont = m_headerFont;
    chipFont.setWeight(QFont::Bold);
    chipFont.setPointSizeF(chipFont.pointSizeF() * 0.85);
    painter.setFont(chipFont);
    painter.setPen(Presentation::accentText(accent, palette()));
    painter.drawText(chip, Qt::AlignCenter, statusLetter(file.status));

    painter.setFont(m_headerFont);
    int right = rect.right() - 14;
    if (file.binary) {
        const QString binary = tr("binary");
        const int width = metrics.horizontalAdvance(binary);
        painter.setPen(m_colors.muted);
        painter.drawText(QRect(right - width, rect.y(), width, rect.height()),
                         Qt::AlignVCenter | Qt::AlignLeft,
                         binary);
        right -= width + 16;
    } else {
        // "+12 −3" and five boxes in their proportion, as code review sites show them.
        const int boxes = 5;
        const int box = 8;
        right -= boxes * (box + 2);
        const int total = file.additions + file.deletions;
        const int addedBoxes = total == 0 ? 0
                                          : std::clamp(int(std::lround(
                                                           boxes * double(file.additions) / total)),
                                                       file.additions > 0 ? 1 : 0,
                                                       file.deletions > 0 ? boxes - 1 : boxes);
        const int removedBoxes = total == 0 ? 0 : boxes - addedBoxes;
        painter.setPen(Qt::NoPen);
        for (int b = 0; b < boxes; ++b) {
            painter.setBrush(b < addedBoxes                  ? m_colors.addMarker
                             : b < addedBoxes + removedBoxes ? m_colors.deleteMarker
                                                             : m_colors.border);
            painter.drawRoundedRect(QRect(right + b * (box + 2) + 2,
                                          rect.center().y() - box / 2 + 1,
                                          box,
                                          box),
                                    2,
                                    2);
        }
        right -= 8;
        const QString added = u"+%1"_s.arg(file.additions);
        const QString removed = u"\u2212%1"_s.arg(file.deletions);
        const int removedWidth = metrics.horizontalAdvance(removed);
        painter.setPen(m_colors.deleteMarker);
        painter.drawText(QRect(right - removedWidth, rect.y(), removedWidth, rect.height()),
                         Qt::AlignVCenter | Qt::AlignLeft,
                         removed);
        right -= removedWidth + 8;
        const int addedWidth = metrics.horizontalAdvance(added);
        painter.setPen(m_colors.addMarker);
        painter.drawText(QRect(right - addedWidth, rect.y(), addedWidth, rect.height()),
                         Qt::AlignVCenter | Qt::AlignLeft,
                         added);
        right -= addedWidth + 16;
    }

    const QString path = file.oldPath.isEmpty() || file.oldPath == file.path
                             ? file.path
                             : tr("%1 → %2").arg(file.oldPath, file.path);
    const int left = chip.right() + 10;
    painter.setPen(m_colors.text);
    painter.drawText(QRect(left, rect.y(), std::max(0, right - left), rect.height()),
                     Qt::AlignVCenter | Qt::AlignLeft,
                     metrics.elidedText(path, Qt::ElideMiddle, std::max(0, right - left)));
    painter.restore();
}

void DiffTextView::paintHunk(QPainter &painter, const QRect &rect, const DiffDocument::Row &r) const
{
    painter.fillRect(rect, m_colors.hunkBackground);
    const int marker = int(std::ceil(m_charWidth * 2));
    const int gutter = m_layout == DiffLayout::Unified ? 2 * numberWidth() : numberWidth();
    QColor band = m_colors.hunkBackground;
    band = Presentation::mix(band, m_colors.hunkText, 0.08);
    painter.fillRect(QRect(rect.x(), rect.y(), gutter, rect.height()), band);
    const QString header = m_document.file(r.file).hunks.at(r.hunk).header;
    painter.setFont(m_codeFont);
    painter.setPen(m_colors.hunkText);
    const QRect text = rect.adjusted(gutter + marker, 0, -cellPadding, 0);
    painter.drawText(text,
                     Qt::AlignVCenter | Qt::AlignLeft,
                     QFontMetrics(m_codeFont).elidedText(header, Qt::ElideRight, text.width()));
}

void DiffTextView::paintNotice(QPainter &painter, const QRect &rect, int index) const
{
    const Core::DiffFile &file = m_document.file(index);
    QString notice;
    if (file.binary)
        notice = tr("Binary file not shown.");
    else if (file.tooLarge)
        notice = tr("This file's changes are too large to show (+%1 −%2).")
                     .arg(file.additions)
                     .arg(file.deletions);
    else if (file.status == Core::DiffFileStatus::Renamed)
        notice = tr("Renamed without changes.");
    else if (!file.oldMode.isEmpty() && !file.newMode.isEmpty() && file.oldMode != file.newMode)
        notice = tr("File mode changed from %1 to %2.").arg(file.oldMode, file.newMode);
    else
        notice = tr("Empty file.");
    QFont italic = font();
    italic.setItalic(true);
    painter.setFont(italic);
    painter.setPen(m_colors.muted);
    painter.drawText(rect.adjusted(16, 0, -16, 0), Qt::AlignVCenter | Qt::AlignLeft, notice);
}

void DiffTextView::paintLine(QPainter &painter, const QRect &rect, const DiffDocument::Row &r) const
{
    if (m_layout == DiffLayout::Unified) {
        paintCell(painter, rect, {r.file, r.left}, true, true);
        return;
    }
    const int half = rect.width() / 2;
    const QRect left(rect.x(), rect.y(), half, rect.height());
    const QRect right(rect.x() + half, rect.y(), rect.width() - half, rect.height());
    if (r.left >= 0)
        paintCell(painter, left, {r.file, r.left}, true, false);
    else
        painter.fillRect(left, m_colors.empty);
    if (r.right >= 0)
        paintCell(painter, right, {r.file, r.right}, false, true);
    else
        painter.fillRect(right, m_colors.empty);
    painter.fillRect(right.x(), rect.y(), 1, rect.height(), m_colors.border);
}

void DiffTextView::paintCell(
    QPainter &painter, const QRect &rect, DiffLineRef ref, bool showOld, bool showNew) const
{
    const Core::DiffLine &line = m_document.line(ref);
    QColor background = m_colors.base;
    QColor gutter = m_colors.gutter;
    QColor markerColor = m_colors.muted;
    QString marker;
    if (line.type == Core::DiffLine::Type::Add) {
        background = m_colors.addBackground;
        gutter = m_colors.addGutter;
        markerColor = m_colors.addMarker;
        marker = u"+"_s;
    } else if (line.type == Core::DiffLine::Type::Delete) {
        background = m_colors.deleteBackground;
        gutter = m_colors.deleteGutter;
        markerColor = m_colors.deleteMarker;
        marker = u"\u2212"_s;
    }
    const int number = numberWidth();
    const int columns = (showOld ? 1 : 0) + (showNew ? 1 : 0);
    const int markerWidth = int(std::ceil(m_charWidth * 2));
    painter.fillRect(rect, background);
    painter.fillRect(QRect(rect.x(), rect.y(), columns * number, rect.height()), gutter);

    painter.setFont(m_codeFont);
    painter.setPen(m_colors.muted);
    int x = rect.x();
    const auto drawNumber = [&](int value) {
        if (value > 0) {
            painter.drawText(QRect(x, rect.y(), number - cellPadding, rect.height()),
                             Qt::AlignVCenter | Qt::AlignRight,
                             QString::number(value));
        }
        x += number;
    };
    if (showOld)
        drawNumber(line.oldLineNumber);
    if (showNew)
        drawNumber(line.newLineNumber);
    if (m_marked.contains(markKey(ref))) {
        painter.save();
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(m_colors.accent);
        const qreal radius = std::max(3.0, m_lineHeight / 5.0);
        painter.drawEllipse(QPointF(rect.x() + radius + 3, rect.center().y() + 0.5), radius, radius);
        painter.restore();
    }
    painter.setPen(markerColor);
    painter.drawText(QRect(x, rect.y(), markerWidth, rect.height()), Qt::AlignCenter, marker);
    x += markerWidth;
    const QRect code(x, rect.y(), rect.right() - x + 1, rect.height());
    paintCode(painter, code, x - horizontalScrollBar()->value(), ref);
}

void DiffTextView::paintCode(QPainter &painter, const QRect &clip, int x, DiffLineRef ref) const
{
    QString text = m_document.text(ref);
    if (text.endsWith(u'\r'))
        text.chop(1);
    if (text.size() > DiffDocument::maxShownColumns) {
        text.truncate(DiffDocument::maxShownColumns);
        text.append(u'…');
    }
    if (text.isEmpty())
        return;
    QTextLayout layout(text, m_codeFont);
    layout.setTextOption(m_textOption);
    layout.setFormats(formatsOf(ref));
    layout.beginLayout();
    QTextLine line = layout.createLine();
    if (line.isValid())
        line.setLineWidth(layoutWidth);
    layout.endLayout();
    if (!line.isValid())
        return;
    painter.save();
    painter.setClipRect(clip);
    painter.setPen(m_colors.text);
    layout.draw(&painter, QPointF(x, clip.y() + (clip.height() - line.height()) / 2));
    painter.restore();
}

void DiffTextView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    updateCurrentFile();
}

void DiffTextView::scrollContentsBy(int, int)
{
    updateCurrentFile();
    viewport()->update();
}

void DiffTextView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    switch (event->type()) {
    case QEvent::PaletteChange:
    case QEvent::StyleChange: updateColors(); break;
    case QEvent::FontChange:
        updateMetrics();
        relayout();
        break;
    default: break;
    }
}

void DiffTextView::mousePressEvent(QMouseEvent *event)
{
    const int index = rowAtY(event->position().toPoint().y() + verticalScrollBar()->value());
    m_currentOnRight = m_layout == DiffLayout::Unified
                       || event->position().x() >= viewport()->width() / 2;
    setCurrentRow(index);
    QAbstractScrollArea::mousePressEvent(event);
}

void DiffTextView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const DiffLineRef line = lineAt(event->position().toPoint());
    if (line.isValid() && event->button() == Qt::LeftButton) {
        Q_EMIT commentRequested(line);
        return;
    }
    QAbstractScrollArea::mouseDoubleClickEvent(event);
}

void DiffTextView::contextMenuEvent(QContextMenuEvent *event)
{
    const QPoint pos = event->reason() == QContextMenuEvent::Mouse ? event->pos()
                                                                   : rowRect(m_currentRow).center();
    const DiffLineRef line = event->reason() == QContextMenuEvent::Mouse ? lineAt(pos)
                                                                         : currentLine();
    if (event->reason() == QContextMenuEvent::Mouse) {
        m_currentOnRight = m_layout == DiffLayout::Unified || pos.x() >= viewport()->width() / 2;
        setCurrentRow(rowAtY(pos.y() + verticalScrollBar()->value()));
    }
    const int index = rowAtY(pos.y() + verticalScrollBar()->value());
    const int file = index >= 0 ? row(index).file : -1;

    // popup(), not exec(): no nested event loop.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction *comment = menu->addAction(tr("Add Comment…"));
    comment->setEnabled(line.isValid());
    connect(comment, &QAction::triggered, this, [this, line] { Q_EMIT commentRequested(line); });
    menu->addSeparator();
    QAction *copyLine = menu->addAction(tr("Copy Line"));
    copyLine->setEnabled(line.isValid());
    connect(copyLine, &QAction::triggered, this, [this, line] {
        QApplication::clipboard()->setText(m_document.text(line));
    });
    QAction *copyPath = menu->addAction(tr("Copy File Path"));
    copyPath->setEnabled(file >= 0);
    connect(copyPath, &QAction::triggered, this, [this, file] {
        QApplication::clipboard()->setText(m_document.file(file).path);
    });
    menu->popup(viewport()->mapToGlobal(pos));
}

void DiffTextView::keyPressEvent(QKeyEvent *event)
{
    const int page = std::max(1, viewport()->height() / std::max(1, m_lineHeight) - 1);
    int target = m_currentRow;
    switch (event->key()) {
    case Qt::Key_Up: target = std::max(0, m_currentRow - 1); break;
    case Qt::Key_Down: target = std::min(rowCount() - 1, m_currentRow + 1); break;
    case Qt::Key_PageUp: target = std::max(0, m_currentRow - page); break;
    case Qt::Key_PageDown: target = std::min(rowCount() - 1, m_currentRow + page); break;
    case Qt::Key_Home: target = 0; break;
    case Qt::Key_End: target = rowCount() - 1; break;
    case Qt::Key_Left:
    case Qt::Key_Right:
        if (m_layout == DiffLayout::SideBySide && !(event->modifiers() & Qt::ShiftModifier)) {
            m_currentOnRight = event->key() == Qt::Key_Right;
            viewport()->update();
            return;
        }
        QAbstractScrollArea::keyPressEvent(event);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (currentLine().isValid()) {
            Q_EMIT commentRequested(currentLine());
            return;
        }
        break;
    default:
        if (event->matches(QKeySequence::Copy) && currentLine().isValid()) {
            QApplication::clipboard()->setText(m_document.text(currentLine()));
            return;
        }
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    if (target != m_currentRow && rowCount() > 0) {
        setCurrentRow(target);
        ensureRowVisible(target);
    }
}

} // namespace Gui
