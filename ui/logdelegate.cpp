// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/logdelegate.h"

#include "core/logentry.h"
#include "ui/presentation.h"

#include <QAbstractTextDocumentLayout>
#include <QFontDatabase>
#include <QFontInfo>
#include <QPainter>
#include <QPainterPath>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

// Geometry, in device-independent pixels.
constexpr int marginX = 16;   // row content to the view's edges
constexpr int rowGap = 3;     // above and below every row
constexpr int headerPadY = 5; // above and below a header line
constexpr int indent = 22;    // of a body under its header (past the chevron)
constexpr int cardPadX = 10;
constexpr int cardPadY = 8;
constexpr int linesPadY = 6;
constexpr int textPadY = 5; // above and below an assistant message
constexpr qreal radius = 6.0;
constexpr int chevronBox = 14;
constexpr int pillPadX = 6;
constexpr int pillGap = 8;
constexpr int errorBar = 3;
constexpr int maxDocuments = 200;

const QColor green(0x2e, 0xa0, 0x5f);
const QColor red(0xe0, 0x3e, 0x3e);
const QColor orange(0xe8, 0x84, 0x1a);
const QColor blue(0x2f, 0x80, 0xed);
const QColor violet(0x9b, 0x5d, 0xe5);

/// The font's size in points, also when it was given in pixels.
qreal pointSize(const QFont &font)
{
    return font.pointSizeF() > 0 ? font.pointSizeF() : QFontInfo(font).pointSizeF();
}

/// Markdown headings at a size for a log, not a page: a little larger than the text, bold.
void moderateHeadings(QTextDocument *document, const QFont &font)
{
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        const int level = block.blockFormat().headingLevel();
        if (level == 0)
            continue;
        const qreal size = pointSize(font) * (level == 1 ? 1.3 : level == 2 ? 1.18 : 1.06);
        // Collected first: setting a format may merge the fragments being walked.
        QList<std::pair<QTextFragment, QTextCharFormat>> fragments;
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            QTextCharFormat format = it.fragment().charFormat();
            // The importer scales headings with a size adjustment, which wins over a point size.
            format.clearProperty(QTextFormat::FontSizeAdjustment);
            format.setFontPointSize(size);
            format.setFontWeight(QFont::Bold);
            fragments.append({it.fragment(), format});
        }
        for (const auto &[fragment, format] : fragments) {
            QTextCursor cursor(document);
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            cursor.setCharFormat(format);
        }
        QTextCursor cursor(block);
        QTextBlockFormat spacing = block.blockFormat();
        spacing.setTopMargin(level <= 2 ? 6 : 4);
        spacing.setBottomMargin(4);
        cursor.setBlockFormat(spacing);
    }
}

} // namespace

struct LogDelegate::Colors
{
    QColor text;
    QColor dim;
    QColor faint;
    QColor base;
    QColor cardFill;
    QColor cardBorder;
    QColor linesFill;
    QColor hover;
    QColor addedText;
    QColor addedFill;
    QColor removedText;
    QColor removedFill;
    QColor errorText;
    QColor errorFill;
    QColor warnText;

    explicit Colors(const QPalette &palette)
    {
        const bool dark = Presentation::isDark(palette);
        text = palette.color(QPalette::Text);
        base = palette.color(QPalette::Base);
        dim = Presentation::mix(text, base, dark ? 0.38 : 0.42);
        faint = Presentation::mix(text, base, dark ? 0.58 : 0.62);
        cardFill = Presentation::mix(base, text, dark ? 0.045 : 0.025);
        cardBorder = Presentation::mix(base, text, dark ? 0.17 : 0.13);
        linesFill = Presentation::mix(base, text, dark ? 0.09 : 0.045);
        hover = Presentation::mix(base, text, dark ? 0.08 : 0.05);
        addedText = Presentation::accentText(green, palette);
        addedFill = Presentation::mix(linesFill, green, dark ? 0.16 : 0.12);
        removedText = Presentation::accentText(red, palette);
        removedFill = Presentation::mix(linesFill, red, dark ? 0.16 : 0.10);
        errorText = Presentation::errorText(palette);
        errorFill = Presentation::mix(base, red, dark ? 0.16 : 0.07);
        warnText = Presentation::accentText(orange, palette);
    }
};

LogDelegate::LogDelegate()
    : m_colors(std::make_unique<Colors>(QPalette()))
    , m_documents(maxDocuments)
{
    setStyle(QFont(), QPalette());
}

LogDelegate::~LogDelegate() = default;

void LogDelegate::setStyle(const QFont &font, const QPalette &palette)
{
    m_font = font;
    m_bold = font;
    m_bold.setWeight(QFont::DemiBold);
    m_italic = font;
    m_italic.setItalic(true);
    m_small = font;
    m_small.setPointSizeF(pointSize(font) * 0.9);
    m_mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_mono.setPointSizeF(pointSize(font) * 0.92);
    m_pill = font;
    m_pill.setPointSizeF(pointSize(font) * 0.84);
    m_pill.setWeight(QFont::DemiBold);
    m_palette = palette;
    m_colors = std::make_unique<Colors>(palette);
    m_smallBold = m_small;
    m_smallBold.setWeight(QFont::DemiBold);
    // Every font's metrics now: the font engines load here, not in the first busy paint.
    m_metrics = std::make_unique<Metrics>(Metrics{QFontMetricsF(m_font),
                                                  QFontMetricsF(m_bold),
                                                  QFontMetricsF(m_italic),
                                                  QFontMetricsF(m_small),
                                                  QFontMetricsF(m_smallBold),
                                                  QFontMetricsF(m_mono),
                                                  QFontMetricsF(m_pill)});
    for (const QFontMetricsF *loaded :
         {&m_metrics->bold, &m_metrics->italic, &m_metrics->smallBold, &m_metrics->pill})
        (void) loaded->height();
    const QFontMetrics metrics(m_font);
    const QFontMetrics mono(m_mono);
    m_lineHeight = std::max(metrics.height(), mono.height());
    m_monoLineSpacing = mono.lineSpacing();
    m_averageChar = std::max(4.0, QFontMetricsF(m_font).averageCharWidth());
    m_textLineSpacing = metrics.lineSpacing();
    m_smallLineHeight = QFontMetrics(m_small).height() + 4;
    m_documents.clear();
}

bool LogDelegate::setWidth(int width)
{
    if (width == m_width)
        return false;
    m_width = width;
    return true;
}

void LogDelegate::clear()
{
    m_documents.clear();
}

bool LogDelegate::isExpandable(const LogRowInfo &info)
{
    switch (info.kind) {
    case LogEntryKind::Thinking: return info.has(LogRowInfo::HasText);
    case LogEntryKind::ToolUse:
    case LogEntryKind::ToolResult:
    case LogEntryKind::Command:
    case LogEntryKind::FileEdit: return info.has(LogRowInfo::HasLines);
    default: return false;
    }
}

int LogDelegate::headerHeight() const
{
    return m_lineHeight + 2 * headerPadY;
}

int LogDelegate::smallLineHeight() const
{
    return m_smallLineHeight;
}

int LogDelegate::linesHeight(const LogRowInfo &info) const
{
    const int shown = int(std::min<quint32>(info.lineCount, LogModel::maxLines));
    const bool more = info.lineCount > quint32(LogModel::maxLines);
    return 2 * linesPadY + (shown + (more ? 1 : 0)) * m_monoLineSpacing;
}

int LogDelegate::textWidth(const LogRowInfo &info) const
{
    int width = m_width - 2 * marginX;
    switch (info.kind) {
    case LogEntryKind::UserMessage: width -= 2 * cardPadX; break;
    case LogEntryKind::Thinking: width -= indent; break;
    case LogEntryKind::Error: width -= 2 * cardPadX + errorBar; break;
    default: break;
    }
    return std::max(60, width);
}

int LogDelegate::estimateHeight(const LogRowInfo &info, bool expanded) const
{
    const auto textHeight = [&] {
        const qreal perLine = std::max(10.0, textWidth(info) / m_averageChar);
        const qreal lines = std::ceil(info.textChars / perLine) + info.textLines * 0.6;
        return int(lines * m_textLineSpacing);
    };
    switch (info.kind) {
    case LogEntryKind::AssistantMessage: return 2 * rowGap + 2 * textPadY + textHeight();
    case LogEntryKind::UserMessage:
        return 2 * rowGap + 2 * cardPadY + smallLineHeight() + textHeight();
    case LogEntryKind::Error: return 2 * rowGap + 2 * cardPadY + m_lineHeight + 2 + textHeight();
    case LogEntryKind::Thinking:
        return 2 * rowGap + headerHeight() + (expanded ? textHeight() + linesPadY : 0);
    case LogEntryKind::ToolUse:
    case LogEntryKind::FileEdit:
        return 2 * rowGap + headerHeight()
               + (expanded && info.has(LogRowInfo::HasLines) ? linesHeight(info) + linesPadY : 0);
    case LogEntryKind::Command:
    case LogEntryKind::ToolResult:
        return 2 * rowGap + headerHeight() + 2
               + (expanded && info.has(LogRowInfo::HasLines) ? linesHeight(info) : 0);
    case LogEntryKind::System:
    case LogEntryKind::Usage:
    case LogEntryKind::Raw: return smallLineHeight() + 2;
    }
    return headerHeight();
}

int LogDelegate::height(const Item &item, bool *exact)
{
    const LogRowInfo &info = *item.info;
    *exact = true;
    const bool needsText = info.has(LogRowInfo::HasText)
                           && (info.kind != LogEntryKind::Thinking || item.expanded);
    if (!needsText)
        return estimateHeight(info, item.expanded); // exact: font metrics only
    QTextDocument *doc = document(item);
    if (!doc) {
        *exact = false;
        return estimateHeight(info, item.expanded);
    }
    const int text = int(std::ceil(doc->size().height()));
    switch (info.kind) {
    case LogEntryKind::AssistantMessage: return 2 * rowGap + 2 * textPadY + text;
    case LogEntryKind::UserMessage: return 2 * rowGap + 2 * cardPadY + smallLineHeight() + text;
    case LogEntryKind::Error: return 2 * rowGap + 2 * cardPadY + m_lineHeight + 2 + text;
    case LogEntryKind::Thinking: return 2 * rowGap + headerHeight() + text + linesPadY;
    default: return estimateHeight(info, item.expanded);
    }
}

QTextDocument *LogDelegate::document(const Item &item)
{
    const LogRowInfo &info = *item.info;
    if (!info.has(LogRowInfo::HasText) || !item.detail)
        return nullptr;
    const quint64 key = info.key();
    QTextDocument *doc = m_documents.object(key);
    if (!doc) {
        doc = new QTextDocument;
        doc->setUndoRedoEnabled(false);
        doc->setDocumentMargin(0);
        doc->setDefaultFont(info.kind == LogEntryKind::Thinking ? m_italic : m_font);
        QString text = item.detail->text;
        if (info.kind == LogEntryKind::AssistantMessage) {
            if (item.detail->textTruncated)
                text += u"\n\n*"_s + tr("(shortened)") + u'*';
            doc->setMarkdown(text, QTextDocument::MarkdownDialectGitHub);
            moderateHeadings(doc, m_font);
        } else {
            if (item.detail->textTruncated)
                text += u"\n"_s + tr("(shortened)");
            doc->setPlainText(text);
        }
        m_documents.insert(key, doc);
    }
    const int width = textWidth(info);
    if (doc->textWidth() != width)
        doc->setTextWidth(width);
    return doc;
}

QRect LogDelegate::toggleRect(const Item &item, const QRect &rect) const
{
    if (!isExpandable(*item.info))
        return {};
    return QRect(rect.left() + marginX,
                 rect.top() + rowGap,
                 rect.width() - 2 * marginX,
                 headerHeight());
}

// -- Painting ---------------------------------------------------------------------------------

void LogDelegate::paintChevron(QPainter *painter,
                               QPointF center,
                               bool expanded,
                               const QColor &color) const
{
    const qreal s = 3.6;
    QPainterPath path;
    if (expanded) {
        path.moveTo(center.x() - s, center.y() - s / 2);
        path.lineTo(center.x(), center.y() + s / 2);
        path.lineTo(center.x() + s, center.y() - s / 2);
    } else {
        path.moveTo(center.x() - s / 2, center.y() - s);
        path.lineTo(center.x() + s / 2, center.y());
        path.lineTo(center.x() - s / 2, center.y() + s);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(color, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path);
    painter->restore();
}

qreal LogDelegate::paintPill(QPainter *painter,
                             QPointF topLeft,
                             qreal height,
                             const QString &text,
                             const QColor &fill,
                             const QColor &foreground)
{
    const QFontMetricsF &metrics = m_metrics->pill;
    const qreal width = metrics.horizontalAdvance(text) + 2 * pillPadX;
    const QRectF pill(topLeft, QSizeF(width, height));
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, height / 2, height / 2);
    painter->setFont(m_pill);
    painter->setPen(foreground);
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
    return width;
}

void LogDelegate::paintDocument(QPainter *painter,
                                QPoint at,
                                QTextDocument *document,
                                const QColor &color)
{
    painter->save();
    painter->translate(at);
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = m_palette;
    context.palette.setColor(QPalette::Text, color);
    // Only the blocks in the exposed part of a long message are drawn.
    QRectF clip(QPointF(0, 0), document->size());
    if (painter->hasClipping())
        clip = clip.intersected(painter->clipBoundingRect());
    context.clip = clip;
    painter->setClipRect(clip, Qt::IntersectClip);
    document->documentLayout()->draw(painter, context);
    painter->restore();
}

void LogDelegate::paintHeader(QPainter *painter,
                              const QRect &header,
                              const Item &item,
                              const Colors &colors)
{
    const LogRowInfo &info = *item.info;
    const bool expandable = isExpandable(info);
    const QFontMetricsF &metrics = m_metrics->font;
    const QFontMetricsF &mono = m_metrics->mono;
    const qreal centerY = header.top() + header.height() / 2.0;
    const qreal baseline = centerY + (metrics.ascent() - metrics.descent()) / 2.0;
    const qreal monoBaseline = centerY + (mono.ascent() - mono.descent()) / 2.0;
    const qreal pillHeight = m_metrics->pill.height() + 3;
    const QPointF pillAt(0, centerY - pillHeight / 2);
    qreal x = header.left() + 4;
    if (expandable)
        paintChevron(painter, QPointF(x + chevronBox / 2.0 - 2, centerY), item.expanded, colors.dim);
    x += chevronBox + 2;
    qreal right = header.right() - 6;

    // Right side first, so the summary knows how much room it has.
    if (info.kind == LogEntryKind::Command && info.has(LogRowInfo::HasExitCode)) {
        const bool failed = info.exitCode != 0;
        const QColor accent = failed ? red : green;
        const QString text = tr("exit %1").arg(info.exitCode);
        const qreal width = m_metrics->pill.horizontalAdvance(text) + 2 * pillPadX;
        right -= width;
        paintPill(painter,
                  QPointF(right, pillAt.y()),
                  pillHeight,
                  text,
                  Presentation::accentFill(accent, m_palette),
                  Presentation::accentText(accent, m_palette));
        right -= pillGap;
    } else if (info.kind == LogEntryKind::ToolResult && info.has(LogRowInfo::IsError)) {
        const QString text = tr("failed");
        const qreal width = m_metrics->pill.horizontalAdvance(text) + 2 * pillPadX;
        right -= width;
        paintPill(painter,
                  QPointF(right, pillAt.y()),
                  pillHeight,
                  text,
                  Presentation::accentFill(red, m_palette),
                  Presentation::accentText(red, m_palette));
        right -= pillGap;
    }

    painter->setPen(colors.text);
    switch (info.kind) {
    case LogEntryKind::Thinking: {
        painter->setFont(m_italic);
        painter->setPen(colors.dim);
        const QString title = tr("Thinking");
        painter->drawText(QPointF(x, baseline), title);
        x += m_metrics->italic.horizontalAdvance(title) + pillGap;
        if (!item.expanded) {
            painter->setPen(colors.faint);
            painter->drawText(QPointF(x, baseline),
                              m_metrics->italic.elidedText(item.summary,
                                                           Qt::ElideRight,
                                                           std::max(0.0, right - x)));
        }
        return;
    }
    case LogEntryKind::Command: {
        painter->setFont(m_mono);
        painter->setPen(Presentation::accentText(violet, m_palette));
        painter->drawText(QPointF(x, monoBaseline), u"$"_s);
        x += mono.horizontalAdvance(u"$ "_s);
        break;
    }
    case LogEntryKind::FileEdit: {
        const QString action = item.label;
        const bool failed = info.has(LogRowInfo::IsError) || action == "failed"_L1;
        const QColor accent = failed ? red : action == "create"_L1 ? green : blue;
        const QString verb = failed                  ? tr("Edit failed")
                             : action == "create"_L1 ? tr("Created")
                                                     : tr("Edited");
        x += paintPill(painter,
                       QPointF(x, pillAt.y()),
                       pillHeight,
                       verb,
                       Presentation::accentFill(accent, m_palette),
                       Presentation::accentText(accent, m_palette))
             + pillGap;
        break;
    }
    case LogEntryKind::ToolUse:
    case LogEntryKind::ToolResult: {
        const QString tool = item.label.isEmpty() ? tr("Tool") : item.label;
        x += paintPill(painter,
                       QPointF(x, pillAt.y()),
                       pillHeight,
                       tool,
                       colors.linesFill,
                       colors.dim)
             + pillGap;
        break;
    }
    default: break;
    }
    if (info.has(LogRowInfo::SummaryIsProse)) {
        painter->setFont(m_font);
        painter->setPen(colors.text);
        painter->drawText(QPointF(x, baseline),
                          metrics.elidedText(item.summary,
                                             Qt::ElideRight,
                                             std::max(0.0, right - x)));
        return;
    }
    painter->setFont(m_mono);
    painter->setPen(info.kind == LogEntryKind::ToolResult ? colors.dim : colors.text);
    painter->drawText(QPointF(x, monoBaseline),
                      mono.elidedText(item.summary,
                                      info.kind == LogEntryKind::FileEdit ? Qt::ElideMiddle
                                                                          : Qt::ElideRight,
                                      std::max(0.0, right - x)));
}

void LogDelegate::paintLines(QPainter *painter,
                             const QRect &box,
                             const Item &item,
                             const Colors &colors)
{
    const LogRowInfo &info = *item.info;
    painter->save();
    painter->setClipRect(box, Qt::IntersectClip);
    painter->setFont(m_mono);
    const QFontMetricsF &mono = m_metrics->mono;
    const int textLeft = box.left() + 10;
    int first = 0;
    int top = box.top() + linesPadY;
    // Only the lines in the exposed part are drawn: a long output costs what a short one does.
    if (painter->hasClipping()) {
        const QRectF clip = painter->clipBoundingRect();
        first = std::max(0, int((clip.top() - top) / m_monoLineSpacing));
    }
    const int shown = int(std::min<quint32>(info.lineCount, LogModel::maxLines));
    const QStringList *lines = item.detail ? &item.detail->lines : nullptr;
    const int bottom = painter->hasClipping() ? int(painter->clipBoundingRect().bottom()) + 1
                                              : box.bottom();
    for (int i = first; i < shown; ++i) {
        const int y = top + i * m_monoLineSpacing;
        if (y > bottom)
            break;
        if (!lines) {
            if (i == 0) {
                painter->setPen(colors.faint);
                painter->drawText(QPointF(textLeft, y + mono.ascent()), tr("Loading…"));
            }
            break;
        }
        if (i >= lines->size())
            break;
        const auto style = LogEntryDetail::LineStyle(item.detail->lineStyle.at(i));
        QColor pen = colors.text;
        if (style == LogEntryDetail::Added) {
            painter->fillRect(QRect(box.left(), y, box.width(), m_monoLineSpacing),
                              colors.addedFill);
            pen = colors.addedText;
        } else if (style == LogEntryDetail::Removed) {
            painter->fillRect(QRect(box.left(), y, box.width(), m_monoLineSpacing),
                              colors.removedFill);
            pen = colors.removedText;
        } else if (style == LogEntryDetail::Dim) {
            pen = colors.dim;
        }
        painter->setPen(pen);
        painter->drawText(QPointF(textLeft, y + mono.ascent()), lines->at(i));
    }
    if (info.lineCount > quint32(LogModel::maxLines)) {
        const int y = top + shown * m_monoLineSpacing;
        painter->setFont(m_small);
        painter->setPen(colors.dim);
        painter->drawText(QPointF(textLeft, y + m_metrics->small.ascent()),
                          tr("… %n more line(s) in the log file",
                             nullptr,
                             int(info.lineCount - quint32(LogModel::maxLines))));
    }
    painter->restore();
}

void LogDelegate::paint(QPainter *painter, const QRect &rect, const Item &item)
{
    const Colors &colors = *m_colors;
    const LogRowInfo &info = *item.info;
    const QRect content = rect.adjusted(marginX, rowGap, -marginX, -rowGap);
    const auto level = Core::LogLevel(info.level);
    painter->save();

    switch (info.kind) {
    case LogEntryKind::AssistantMessage: {
        if (QTextDocument *doc = document(item)) {
            paintDocument(painter, content.topLeft() + QPoint(0, textPadY), doc, colors.text);
        } else {
            painter->setFont(m_font);
            painter->setPen(colors.dim);
            painter->drawText(content.adjusted(0, textPadY, 0, 0),
                              Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                              item.summary);
        }
        break;
    }
    case LogEntryKind::UserMessage: {
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(
            Presentation::mix(colors.base, blue, Presentation::isDark(m_palette) ? 0.16 : 0.08));
        painter->drawRoundedRect(QRectF(content).adjusted(0.5, 0.5, -0.5, -0.5),
                                 radius + 2,
                                 radius + 2);
        painter->setFont(m_smallBold);
        painter->setPen(Presentation::accentText(blue, m_palette));
        painter->drawText(QPointF(content.left() + cardPadX,
                                  content.top() + cardPadY + m_metrics->smallBold.ascent()),
                          tr("You"));
        const QPoint textAt(content.left() + cardPadX, content.top() + cardPadY + smallLineHeight());
        if (QTextDocument *doc = document(item))
            paintDocument(painter, textAt, doc, colors.text);
        break;
    }
    case LogEntryKind::Thinking: {
        const QRect header(content.left(), content.top(), content.width(), headerHeight());
        if (item.hovered && isExpandable(info)) {
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            painter->setBrush(colors.hover);
            painter->drawRoundedRect(header, radius, radius);
        }
        paintHeader(painter, header, item, colors);
        if (item.expanded) {
            painter->setPen(QPen(colors.cardBorder, 2));
            const int ruleX = content.left() + 9;
            painter->drawLine(ruleX, header.bottom() + 2, ruleX, content.bottom() - linesPadY);
            if (QTextDocument *doc = document(item))
                paintDocument(painter,
                              QPoint(content.left() + indent, header.bottom() + 1),
                              doc,
                              colors.dim);
        }
        break;
    }
    case LogEntryKind::ToolUse:
    case LogEntryKind::FileEdit: {
        const QRect header(content.left(), content.top(), content.width(), headerHeight());
        if (item.hovered && isExpandable(info)) {
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            painter->setBrush(colors.hover);
            painter->drawRoundedRect(header, radius, radius);
        }
        paintHeader(painter, header, item, colors);
        if (item.expanded && info.has(LogRowInfo::HasLines)) {
            const QRect box(content.left() + indent,
                            header.bottom() + 1,
                            content.width() - indent,
                            linesHeight(info));
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            painter->setBrush(colors.linesFill);
            painter->drawRoundedRect(box, radius, radius);
            paintLines(painter, box, item, colors);
        }
        break;
    }
    case LogEntryKind::Command:
    case LogEntryKind::ToolResult: {
        const QRectF card = QRectF(content).adjusted(0.5, 1.5, -0.5, -0.5);
        painter->setRenderHint(QPainter::Antialiasing);
        const bool failed = info.has(LogRowInfo::IsError)
                            || (info.has(LogRowInfo::HasExitCode) && info.exitCode != 0);
        QColor border = item.hovered && isExpandable(info)
                            ? Presentation::mix(colors.cardBorder, colors.text, 0.25)
                            : colors.cardBorder;
        if (failed)
            border = Presentation::mix(border, red, 0.45);
        painter->setPen(QPen(border, 1.0));
        painter->setBrush(colors.cardFill);
        painter->drawRoundedRect(card, radius, radius);
        const QRect header(content.left(), content.top() + 1, content.width(), headerHeight());
        paintHeader(painter, header, item, colors);
        if (item.expanded && info.has(LogRowInfo::HasLines)) {
            const QRect box(content.left() + 1,
                            header.bottom() + 1,
                            content.width() - 2,
                            linesHeight(info));
            QPainterPath clip;
            clip.addRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
            painter->save();
            painter->setClipPath(clip, Qt::IntersectClip);
            painter->fillRect(box, colors.linesFill);
            painter->setPen(QPen(border, 1.0));
            painter->drawLine(QPointF(box.left(), box.top() + 0.5),
                              QPointF(box.right() + 1, box.top() + 0.5));
            painter->restore();
            paintLines(painter, box.adjusted(cardPadX - 10 + indent, 0, 0, 0), item, colors);
        }
        break;
    }
    case LogEntryKind::Error: {
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colors.errorFill);
        painter->drawRoundedRect(QRectF(content).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
        QPainterPath bar;
        bar.addRoundedRect(QRectF(content.left(), content.top(), errorBar * 2, content.height()),
                           2,
                           2);
        painter->save();
        painter->setClipRect(QRect(content.left(), content.top(), errorBar, content.height()));
        painter->setBrush(red);
        painter->drawPath(bar);
        painter->restore();
        painter->setFont(m_bold);
        painter->setPen(colors.errorText);
        const QFontMetricsF &bold = m_metrics->bold;
        const int left = content.left() + errorBar + cardPadX;
        painter->drawText(QPointF(left, content.top() + cardPadY + bold.ascent()), tr("Error"));
        if (QTextDocument *doc = document(item)) {
            paintDocument(painter,
                          QPoint(left, content.top() + cardPadY + m_lineHeight + 2),
                          doc,
                          colors.text);
        }
        break;
    }
    case LogEntryKind::System:
    case LogEntryKind::Usage:
    case LogEntryKind::Raw: {
        const bool raw = info.kind == LogEntryKind::Raw;
        const QFont &font = raw ? m_mono : m_small;
        const QFontMetricsF &metrics = raw ? m_metrics->mono : m_metrics->small;
        QColor pen = level == Core::LogLevel::Error  ? colors.errorText
                     : level == Core::LogLevel::Warn ? colors.warnText
                                                     : colors.faint;
        const QRect line = rect.adjusted(marginX, 1, -marginX, -1);
        const qreal centerY = line.top() + line.height() / 2.0;
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(info.kind == LogEntryKind::Usage ? Presentation::mix(pen, green, 0.5)
                                                           : pen);
        painter->drawEllipse(QPointF(line.left() + chevronBox / 2.0 + 2, centerY), 2.2, 2.2);
        painter->setFont(font);
        painter->setPen(pen);
        const qreal x = line.left() + chevronBox + 6;
        painter->drawText(QPointF(x, centerY + (metrics.ascent() - metrics.descent()) / 2.0),
                          metrics.elidedText(item.summary, Qt::ElideRight, line.right() - x));
        break;
    }
    }
    painter->restore();
}

} // namespace Gui
