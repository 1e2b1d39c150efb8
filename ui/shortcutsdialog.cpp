// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/shortcutsdialog.h"

#include "ui/presentation.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr int capPaddingX = 6;
constexpr int capPaddingY = 2;
constexpr int capSpacing = 4;
constexpr int alternativeSpacing = 10;

/// Draws each key as a small keycap; alternatives are set apart by a slash.
class KeycapDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const QVariantList alternatives = index.data(ShortcutsDialog::keysRole).toList();
        if (alternatives.isEmpty()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        const QPalette &palette = option.palette;
        const QColor base = palette.color(QPalette::Base);
        const QColor text = palette.color(QPalette::Text);
        const bool dark = Presentation::isDark(palette);
        const QFontMetricsF metrics(option.font);
        const qreal height = metrics.height() + 2 * capPaddingY;

        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setFont(option.font);
        qreal x = option.rect.left() + 8;
        const qreal y = option.rect.center().y() - height / 2;
        for (qsizetype i = 0; i < alternatives.size(); ++i) {
            if (i > 0) {
                painter->setPen(Presentation::mix(text, base, 0.5));
                const QString slash = u"/"_s;
                painter->drawText(QPointF(x, y + capPaddingY + metrics.ascent()), slash);
                x += metrics.horizontalAdvance(slash) + alternativeSpacing - 4;
            }
            for (const QString &key : alternatives.at(i).toStringList()) {
                const qreal width = std::max(height,
                                             metrics.horizontalAdvance(key) + 2 * capPaddingX);
                const QRectF cap(x + 0.5, y + 0.5, width, height);
                // A deeper bottom edge, like a key seen from the front.
                painter->setPen(Qt::NoPen);
                painter->setBrush(Presentation::mix(base, text, dark ? 0.3 : 0.22));
                painter->drawRoundedRect(cap.translated(0, 1.5), 4, 4);
                painter->setPen(QPen(Presentation::mix(base, text, dark ? 0.3 : 0.22), 1.0));
                painter->setBrush(Presentation::mix(base, text, dark ? 0.12 : 0.04));
                painter->drawRoundedRect(cap, 4, 4);
                painter->setPen(text);
                painter->drawText(cap, Qt::AlignCenter, key);
                x += width + capSpacing;
            }
        }
        painter->restore();
    }

    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        const QVariantList alternatives = index.data(ShortcutsDialog::keysRole).toList();
        if (alternatives.isEmpty())
            return size;
        const QFontMetricsF metrics(option.font);
        const qreal height = metrics.height() + 2 * capPaddingY;
        qreal width = 16;
        for (qsizetype i = 0; i < alternatives.size(); ++i) {
            if (i > 0)
                width += metrics.horizontalAdvance(u"/"_s) + alternativeSpacing - 4;
            for (const QString &key : alternatives.at(i).toStringList())
                width += std::max(height, metrics.horizontalAdvance(key) + 2 * capPaddingX)
                         + capSpacing;
        }
        return {std::max(size.width(), int(width + 1)), std::max(size.height(), int(height) + 12)};
    }
};

/// "Ctrl+Shift+P" → ("Ctrl", "Shift", "P"); a lone "+" or "/" stays one key, and a lone letter
/// is shown as typed ("c": no Shift).
QStringList keysOf(const QKeySequence &sequence)
{
    const QString text = sequence.toString(QKeySequence::NativeText);
    if (text.size() <= 1)
        return {text.toLower()};
    QStringList keys = text.split(u'+', Qt::SkipEmptyParts);
    if (text.endsWith(u"++"_s))
        keys.append(u"+"_s);
    return keys;
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, 2, this))
{
    setObjectName(u"shortcutsDialog"_s);
    setWindowTitle(tr("Keyboard Shortcuts"));

    m_table->setObjectName(u"shortcutsTable"_s);
    m_table->setItemDelegateForColumn(0, new KeycapDelegate(m_table));
    m_table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    m_table->horizontalHeader()->hide();
    m_table->verticalHeader()->hide();
    m_table->setShowGrid(false);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setWordWrap(false);
    m_table->viewport()->setAutoFillBackground(false);

    addSection(tr("Board"));
    addShortcut({QKeySequence(Qt::Key_C)}, tr("New task"));
    addShortcut({QKeySequence(Qt::Key_Slash)}, tr("Search tasks"));
    addShortcut({QKeySequence(Qt::Key_J), QKeySequence(Qt::Key_K)},
                tr("Next or previous card in the column"));
    addShortcut({QKeySequence(Qt::Key_H), QKeySequence(Qt::Key_L)}, tr("Previous or next column"));
    addShortcut({QKeySequence(Qt::Key_Enter)}, tr("Open the selected task"));
    addShortcut({QKeySequence(Qt::Key_Escape)}, tr("Clear the search, or close the task"));
    addSection(tr("Window"));
    addShortcut({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)}, tr("Switch project"));
    addShortcut({QKeySequence(Qt::CTRL | Qt::Key_1), QKeySequence(Qt::CTRL | Qt::Key_2)},
                tr("Board or inbox"));
    addShortcut({QKeySequence(Qt::CTRL | Qt::Key_E)}, tr("Edit the selected task"));
    addShortcut({QKeySequence(QKeySequence::Delete)}, tr("Delete the selected task"));
    addShortcut({QKeySequence(QKeySequence::Open)}, tr("Open a repository"));
    addShortcut({QKeySequence(Qt::Key_Question)}, tr("Show these shortcuts"));

    m_table->resizeColumnToContents(0);
    m_table->setColumnWidth(0, m_table->columnWidth(0) + 16);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeRowsToContents();
    for (int row : std::as_const(m_sections)) // air above each heading but the first
        m_table->setRowHeight(row, m_table->rowHeight(row) + (row > 0 ? 14 : 2));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);

    int height = 0;
    for (int row = 0; row < m_table->rowCount(); ++row)
        height += m_table->rowHeight(row);
    resize(480, height + buttons->sizeHint().height() + 2 * layout->contentsMargins().top() + 12);
}

void ShortcutsDialog::addSection(const QString &title)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *item = new QTableWidgetItem(title);
    QFont font = m_table->font();
    font.setWeight(QFont::DemiBold);
    item->setFont(font);
    item->setTextAlignment(Qt::AlignLeft | Qt::AlignBottom);
    m_table->setItem(row, 0, item);
    m_table->setSpan(row, 0, 1, 2);
    m_sections.append(row);
}

void ShortcutsDialog::addShortcut(const QList<QKeySequence> &alternatives, const QString &action)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    QVariantList keys;
    QStringList spoken;
    for (const QKeySequence &sequence : alternatives) {
        keys.append(keysOf(sequence));
        spoken.append(sequence.toString(QKeySequence::NativeText));
    }
    auto *keyItem = new QTableWidgetItem;
    keyItem->setData(keysRole, keys);
    keyItem->setData(Qt::AccessibleTextRole, spoken.join(tr(" or ")));
    keyItem->setToolTip(spoken.join(tr(" or ")));
    m_table->setItem(row, 0, keyItem);
    m_table->setItem(row, 1, new QTableWidgetItem(action));
}

} // namespace Gui
