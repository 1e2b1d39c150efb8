// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/taskcarddelegate.h"

#include "core/task.h"
#include "ui/presentation.h"
#include "ui/taskcolumnmodel.h"

#include <QAbstractItemView>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

#include <array>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

// Card geometry, in device-independent pixels.
constexpr int marginX = 2; // between card and column edge (the column has its own padding)
constexpr int marginY = 4; // half the gap between two cards
constexpr int paddingX = 12;
constexpr int paddingY = 10;
constexpr qreal radius = 8.0;
constexpr int descriptionGap = 3;
constexpr int chipRowGap = 9;
constexpr int chipPaddingX = 7;
constexpr int chipSpacing = 5;
constexpr int dotSize = 6;
constexpr int badgeRowGap = 6;

/// Approvals waiting for a person: amber, apart from the priorities' orange and red.
const QColor approvalAccent(0xd9, 0x8e, 0x04);

/// What the row of attempt badges under the chips shows; empty: no row.
struct Badges
{
    bool running = false;
    bool failed = false;
    bool merged = false;
    double cost = 0;
    int approvals = 0;

    [[nodiscard]] static Badges of(const QModelIndex &index)
    {
        Badges badges;
        badges.running = index.data(TaskColumnModel::HasRunningAttemptRole).toBool();
        badges.failed = index.data(TaskColumnModel::LastAttemptFailedRole).toBool();
        badges.merged = index.data(TaskColumnModel::HasMergedAttemptRole).toBool();
        badges.cost = index.data(TaskColumnModel::TotalCostRole).toDouble();
        badges.approvals = index.data(TaskColumnModel::PendingApprovalsRole).toInt();
        return badges;
    }
    [[nodiscard]] bool isEmpty() const
    {
        return !running && !failed && !merged && cost <= 0 && approvals <= 0;
    }
};

QString firstLine(const QString &text)
{
    for (const QString &line : text.split(u'\n')) {
        const QString simplified = line.simplified();
        if (!simplified.isEmpty())
            return simplified;
    }
    return {};
}

/// A stable colour per label, so the same label always gets the same dot. A few well-separated
/// hues tell labels apart better than the whole circle, and red stays reserved for "urgent".
QColor labelColor(const QString &label)
{
    static constexpr std::array hues{205, 275, 325, 28, 48, 145, 178, 240};
    // qHash is seeded per process; a checksum gives the label the same colour at every start.
    const int hue = hues.at(qChecksum(label.toUtf8()) % hues.size());
    return QColor::fromHsl(hue, 140, 135);
}

} // namespace

struct TaskCardDelegate::Fonts
{
    QFont title;
    QFont description;
    QFont chip;
};

TaskCardDelegate::TaskCardDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

TaskCardDelegate::Fonts TaskCardDelegate::fontsFor(const QFont &base)
{
    Fonts fonts{base, base, base};
    fonts.title.setWeight(QFont::DemiBold);
    fonts.description.setPointSizeF(base.pointSizeF() * 0.92);
    fonts.chip.setPointSizeF(base.pointSizeF() * 0.84);
    fonts.chip.setWeight(QFont::Medium);
    return fonts;
}

int TaskCardDelegate::contentWidth(const QStyleOptionViewItem &option)
{
    int width = option.rect.width();
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        width = view->viewport()->width();
    return std::max(80, width - 2 * marginX - 2 * paddingX);
}

QStringList TaskCardDelegate::titleLines(const QString &title, const QFont &font, qreal width)
{
    const QString text = title.simplified();
    QStringList lines;
    if (text.isEmpty())
        return {QString()};
    QTextLayout layout(text, font);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(textOption);
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        if (lines.size() == 1) {
            // The last line we show carries the rest of the title, elided.
            const QFontMetricsF metrics(font);
            lines.append(metrics.elidedText(text.mid(line.textStart()), Qt::ElideRight, width));
            break;
        }
        lines.append(text.mid(line.textStart(), line.textLength()).trimmed());
    }
    layout.endLayout();
    return lines;
}

QSize TaskCardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Fonts fonts = fontsFor(option.font);
    const int width = contentWidth(option);
    const QFontMetrics titleMetrics(fonts.title);
    const QFontMetrics descriptionMetrics(fonts.description);
    const QFontMetrics chipMetrics(fonts.chip);

    const auto lines = titleLines(index.data(Qt::DisplayRole).toString(), fonts.title, width);
    int height = 2 * marginY + 2 * paddingY + int(lines.size()) * titleMetrics.lineSpacing();
    if (!firstLine(index.data(TaskColumnModel::DescriptionRole).toString()).isEmpty())
        height += descriptionGap + descriptionMetrics.height();
    height += chipRowGap + chipMetrics.height() + 4;
    if (!Badges::of(index).isEmpty())
        height += badgeRowGap + chipMetrics.height() + 4;
    return {width + 2 * marginX + 2 * paddingX, height};
}

void TaskCardDelegate::paint(QPainter *painter,
                             const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const QPalette &palette = option.palette;
    const bool dark = Presentation::isDark(palette);
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor highlight = palette.color(QPalette::Highlight);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    const QRectF card
        = QRectF(option.rect).adjusted(marginX + 0.5, marginY + 0.5, -marginX - 0.5, -marginY - 0.5);

    // A soft two-step shadow under the card; the palette's shadow keeps it subtle in dark mode.
    QColor shadow = palette.color(QPalette::Shadow);
    painter->setPen(Qt::NoPen);
    shadow.setAlpha(dark ? 70 : 14);
    painter->setBrush(shadow);
    painter->drawRoundedRect(card.adjusted(-0.5, 0.5, 0.5, 2.0), radius + 0.5, radius + 0.5);
    shadow.setAlpha(dark ? 90 : 20);
    painter->setBrush(shadow);
    painter->drawRoundedRect(card.translated(0, 1.0), radius, radius);

    QColor fill = dark ? Presentation::mix(base, text, 0.06) : base;
    QColor border = Presentation::mix(base, text, dark ? 0.16 : 0.13);
    if (hovered)
        border = Presentation::mix(base, text, dark ? 0.3 : 0.26);
    if (selected) {
        fill = Presentation::mix(fill, highlight, dark ? 0.16 : 0.07);
        border = highlight;
    }
    painter->setBrush(fill);
    painter->setPen(QPen(border, selected ? 1.6 : 1.0));
    painter->drawRoundedRect(card, radius, radius);

    const Fonts fonts = fontsFor(option.font);
    const QRectF content
        = card.adjusted(paddingX - 0.5, paddingY - 0.5, -paddingX + 0.5, -paddingY + 0.5);
    qreal y = content.top();

    // Title
    const QFontMetricsF titleMetrics(fonts.title);
    painter->setFont(fonts.title);
    painter->setPen(text);
    for (const QString &line :
         titleLines(index.data(Qt::DisplayRole).toString(), fonts.title, content.width())) {
        painter->drawText(QPointF(content.left(), y + titleMetrics.ascent()), line);
        y += titleMetrics.lineSpacing();
    }

    // Description, one muted line
    const QString description = firstLine(index.data(TaskColumnModel::DescriptionRole).toString());
    if (!description.isEmpty()) {
        const QFontMetricsF metrics(fonts.description);
        y += descriptionGap;
        painter->setFont(fonts.description);
        painter->setPen(Presentation::mix(text, fill, 0.42));
        painter->drawText(QPointF(content.left(), y + metrics.ascent()),
                          metrics.elidedText(description, Qt::ElideRight, content.width()));
        y += metrics.height();
    }

    // Chips: priority first, then as many labels as fit, then "+N".
    y += chipRowGap;
    const QFontMetricsF chipMetrics(fonts.chip);
    const qreal chipHeight = chipMetrics.height() + 4;
    painter->setFont(fonts.chip);
    qreal x = content.left();
    const auto drawChip = [&](const QString &label,
                              const QColor &background,
                              const QColor &foreground,
                              const std::optional<QColor> &dot) {
        const qreal dotSpace = dot ? dotSize + 5 : 0;
        const qreal width = chipMetrics.horizontalAdvance(label) + 2 * chipPaddingX + dotSpace;
        const QRectF chip(x, y, width, chipHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(background);
        painter->drawRoundedRect(chip, chipHeight / 2, chipHeight / 2);
        if (dot) {
            painter->setBrush(*dot);
            painter->drawEllipse(QRectF(chip.left() + chipPaddingX,
                                        chip.center().y() - dotSize / 2.0,
                                        dotSize,
                                        dotSize));
        }
        painter->setPen(foreground);
        painter->drawText(QPointF(chip.left() + chipPaddingX + dotSpace,
                                  y + 2 + chipMetrics.ascent()),
                          label);
        x += width + chipSpacing;
    };

    const auto priority = Core::TaskPriority(index.data(TaskColumnModel::PriorityRole).toInt());
    const QColor accent = Presentation::priorityColor(priority);
    drawChip(Presentation::priorityName(priority),
             Presentation::accentFill(accent, palette),
             Presentation::accentText(accent, palette),
             accent);

    const QStringList labels = index.data(TaskColumnModel::LabelsRole).toStringList();
    const QColor labelBackground = Presentation::mix(fill, text, dark ? 0.12 : 0.06);
    const QColor labelForeground = Presentation::mix(text, fill, 0.25);
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const QString more = u"+%1"_s.arg(labels.size() - i - 1);
        const qreal needed = chipMetrics.horizontalAdvance(labels.at(i)) + 2 * chipPaddingX
                             + dotSize + 5;
        const qreal reserve = i + 1 < labels.size() ? chipMetrics.horizontalAdvance(more)
                                                          + 2 * chipPaddingX + chipSpacing
                                                    : 0;
        if (x + needed + reserve > content.right()) {
            drawChip(u"+%1"_s.arg(labels.size() - i),
                     labelBackground,
                     labelForeground,
                     std::nullopt);
            break;
        }
        drawChip(labels.at(i), labelBackground, labelForeground, labelColor(labels.at(i)));
    }

    // Badges: what the attempts are doing, what they cost, what waits for a person.
    const Badges badges = Badges::of(index);
    if (!badges.isEmpty()) {
        y += chipHeight + badgeRowGap;
        x = content.left();
        qreal right = content.right();
        if (badges.cost > 0) {
            const QString cost = Presentation::cost(badges.cost);
            const qreal width = chipMetrics.horizontalAdvance(cost);
            painter->setPen(Presentation::mix(text, fill, 0.35));
            painter->drawText(QPointF(right - width, y + 2 + chipMetrics.ascent()), cost);
            right -= width + chipSpacing;
        }
        const auto accentChip = [&](const QString &label, const QColor &badgeAccent) {
            drawChip(label,
                     Presentation::accentFill(badgeAccent, palette),
                     Presentation::accentText(badgeAccent, palette),
                     badgeAccent);
        };
        if (badges.running) {
            const QColor running = Presentation::attemptStatusColor(Core::AttemptStatus::Running);
            const QPointF dot(x + chipPaddingX + dotSize / 2.0, y + chipHeight / 2);
            accentChip(tr("Running"), running);
            // A glow around the dot says "live" where colour alone might not.
            QColor glow = running;
            glow.setAlphaF(0.3f);
            painter->setPen(Qt::NoPen);
            painter->setBrush(glow);
            painter->drawEllipse(dot, dotSize / 2.0 + 2.5, dotSize / 2.0 + 2.5);
            painter->setBrush(running);
            painter->drawEllipse(dot, dotSize / 2.0, dotSize / 2.0);
        }
        if (badges.failed)
            accentChip(tr("Failed"), Presentation::attemptStatusColor(Core::AttemptStatus::Failed));
        if (badges.merged)
            accentChip(tr("Merged"),
                       Presentation::attemptStatusColor(Core::AttemptStatus::Completed));
        if (badges.approvals > 0) {
            // English plural without a .qm for it; translators get both forms.
            QString label = badges.approvals == 1 ? tr("1 approval")
                                                  : tr("%1 approvals").arg(badges.approvals);
            const qreal full = chipMetrics.horizontalAdvance(label) + 2 * chipPaddingX + dotSize
                               + 5;
            if (x + full > right)
                label = QString::number(badges.approvals); // the amber dot still says what
            accentChip(label, approvalAccent);
        }
    }

    painter->restore();
}

} // namespace Gui
