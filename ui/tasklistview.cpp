// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/tasklistview.h"

#include "ui/presentation.h"

#include <QDropEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

namespace Gui {

TaskListView::TaskListView(QWidget *parent)
    : QListView(parent)
{
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(false);
    viewport()->setAutoFillBackground(false);
    viewport()->setAttribute(Qt::WA_Hover);
    setMouseTracking(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Static movement switches drag and drop off, so it must come first.
    setMovement(QListView::Static);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setDragDropOverwriteMode(false);
    // The whole column lights up instead of a line between cards: order is by age, not by drop.
    setDropIndicatorShown(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalScrollBar()->setSingleStep(16);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(false);
}

void TaskListView::setPlaceholderText(const QString &text)
{
    if (m_placeholderText == text)
        return;
    m_placeholderText = text;
    viewport()->update();
}

void TaskListView::setNothingVisible(bool nothing)
{
    if (m_nothingVisible == nothing)
        return;
    m_nothingVisible = nothing;
    viewport()->update();
}

void TaskListView::dataChanged(const QModelIndex &topLeft,
                               const QModelIndex &bottomRight,
                               const QList<int> &roles)
{
    QListView::dataChanged(topLeft, bottomRight, roles);
    // In list mode QListView keeps the sizes it measured; a card that gains a line of badges or
    // a longer title must be measured again.
    scheduleDelayedItemsLayout();
}

void TaskListView::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && currentIndex().isValid()) {
        Q_EMIT openRequested(currentIndex());
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

void TaskListView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && index.isValid()) {
        Q_EMIT openRequested(index);
        event->accept();
        return;
    }
    QListView::mouseDoubleClickEvent(event);
}

void TaskListView::dragEnterEvent(QDragEnterEvent *event)
{
    QListView::dragEnterEvent(event);
    // Qt accepts the enter on the MIME type alone; ask the model so a card's own column stays dark.
    setDropHighlighted(
        event->isAccepted() && model()
        && model()->canDropMimeData(event->mimeData(), event->dropAction(), -1, -1, rootIndex()));
}

void TaskListView::dragMoveEvent(QDragMoveEvent *event)
{
    QListView::dragMoveEvent(event);
    setDropHighlighted(event->isAccepted());
}

void TaskListView::dragLeaveEvent(QDragLeaveEvent *event)
{
    QListView::dragLeaveEvent(event);
    setDropHighlighted(false);
}

void TaskListView::dropEvent(QDropEvent *event)
{
    QListView::dropEvent(event);
    setDropHighlighted(false);
}

void TaskListView::focusOutEvent(QFocusEvent *event)
{
    QListView::focusOutEvent(event);
    viewport()->update();
}

void TaskListView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    const bool empty = !model() || model()->rowCount(rootIndex()) == 0 || m_nothingVisible;
    if (!empty && !m_dropHighlighted)
        return;

    QPainter painter(viewport());
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QRectF area = QRectF(viewport()->rect()).adjusted(2.5, 4.5, -2.5, -4.5);
    if (m_dropHighlighted) {
        QColor fill = pal.color(QPalette::Highlight);
        fill.setAlphaF(0.08f);
        painter.setBrush(fill);
        painter.setPen(QPen(pal.color(QPalette::Highlight), 1.5, Qt::DashLine));
        painter.drawRoundedRect(area, 8, 8);
    }
    if (empty && !m_placeholderText.isEmpty()) {
        painter.setPen(
            Presentation::mix(pal.color(QPalette::WindowText), pal.color(QPalette::Window), 0.5));
        const QRectF textArea(area.left(),
                              area.top() + 16,
                              area.width(),
                              fontMetrics().height() * 3);
        painter.drawText(textArea,
                         Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                         m_placeholderText);
    }
}

void TaskListView::setDropHighlighted(bool on)
{
    if (m_dropHighlighted == on)
        return;
    m_dropHighlighted = on;
    viewport()->update();
}

} // namespace Gui
