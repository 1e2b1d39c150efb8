// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/boardview.h"

#include "ui/boardcolumn.h"
#include "ui/boardfilterbar.h"
#include "ui/boardmodel.h"
#include "ui/taskcolumnmodel.h"
#include "ui/tasklistview.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr int choicesDelayMs = 50;

/// The board's own keys work without modifiers (the keypad's arrows count as plain).
bool isPlain(const QKeyEvent *event)
{
    return (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
}

bool isNavigationKey(int key)
{
    switch (key) {
    case Qt::Key_J:
    case Qt::Key_K:
    case Qt::Key_H:
    case Qt::Key_L:
    case Qt::Key_Down:
    case Qt::Key_Up:
    case Qt::Key_Left:
    case Qt::Key_Right: return true;
    default: return false;
    }
}

} // namespace

BoardView::BoardView(BoardModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(u"board"_s);
    m_choicesTimer.setSingleShot(true);
    m_choicesTimer.setInterval(choicesDelayMs);
    connect(&m_choicesTimer, &QTimer::timeout, this, &BoardView::refreshChoices);
    const auto choicesMayChange = [this] { m_choicesTimer.start(); };
    auto *lanes = new QWidget;
    lanes->setObjectName(u"lanes"_s);
    auto *lanesLayout = new QHBoxLayout(lanes);
    lanesLayout->setContentsMargins(16, 4, 16, 16);
    lanesLayout->setSpacing(12);

    for (TaskColumnModel *columnModel : model.columns()) {
        auto *column = new BoardColumn(columnModel, lanes);
        m_columns.append(column);
        lanesLayout->addWidget(column, 1);

        TaskListView *view = column->view();
        view->installEventFilter(this);
        connect(column, &BoardColumn::visibleCountChanged, this, &BoardView::updateSummary);
        connect(columnModel, &QAbstractItemModel::rowsInserted, this, choicesMayChange);
        connect(columnModel, &QAbstractItemModel::dataChanged, this, choicesMayChange);
        connect(columnModel, &QAbstractItemModel::modelReset, this, choicesMayChange);
        connect(view->selectionModel(),
                &QItemSelectionModel::selectionChanged,
                this,
                [this, column] { onSelectionChanged(column); });
        connect(view,
                &TaskListView::openRequested,
                this,
                [this, columnModel](const QModelIndex &index) {
                    if (index.isValid())
                        Q_EMIT openRequested(columnModel->taskAt(index.row()));
                });
        connect(columnModel,
                &QAbstractItemModel::rowsInserted,
                this,
                [this, column](const QModelIndex &, int first, int last) {
                    onRowsInserted(column, first, last);
                });
        connect(columnModel, &QAbstractItemModel::modelReset, this, [this, column] {
            onRowsInserted(column, 0, column->model()->rowCount() - 1);
        });
        // A card changing (title, priority…) keeps its selection; a removal may drop it.
        connect(columnModel, &QAbstractItemModel::rowsRemoved, this, &BoardView::currentTaskChanged);
        connect(columnModel, &QAbstractItemModel::dataChanged, this, &BoardView::currentTaskChanged);
    }

    // Narrow windows scroll sideways rather than squeezing the cards.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"boardScroll"_s);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(lanes);
    scroll->viewport()->setAutoFillBackground(false);
    lanes->setAutoFillBackground(false);

    // Made after the cards so they come first in the focus chain: the window starts with the
    // board's keys (c, j, k…) working, not with the cursor in the search field.
    m_filterBar = new BoardFilterBar(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_filterBar);
    layout->addWidget(scroll, 1);

    connect(m_filterBar, &BoardFilterBar::filterChanged, this, &BoardView::applyFilter);
    connect(m_filterBar, &BoardFilterBar::leaveRequested, this, [this] {
        BoardColumn *column = focusColumn();
        if (!column)
            return;
        const int selected = m_selected.isNull() ? -1 : column->model()->rowOf(m_selected);
        focusCard(column, selected >= 0 ? selected : column->visibleRows().constFirst());
    });
    // Another project's labels and agents mean nothing here: start it unfiltered.
    connect(&model, &BoardModel::projectChanged, m_filterBar, &BoardFilterBar::clear);
    connect(&model, &BoardModel::projectChanged, this, choicesMayChange);
}

BoardFilter BoardView::filter() const
{
    return m_filterBar->filter();
}

void BoardView::setFilter(const BoardFilter &filter)
{
    m_filterBar->setFilter(filter);
}

int BoardView::visibleCount() const
{
    int visible = 0;
    for (const BoardColumn *column : m_columns)
        visible += column->visibleCount();
    return visible;
}

void BoardView::focusSearch()
{
    m_filterBar->focusSearch();
}

void BoardView::applyFilter()
{
    const BoardFilter filter = m_filterBar->filter();
    for (BoardColumn *column : std::as_const(m_columns))
        column->setFilter(filter);
    // A selected card the filter hid would still be edited, deleted or opened by the keys.
    if (!m_selected.isNull()) {
        for (BoardColumn *column : std::as_const(m_columns)) {
            const int row = column->model()->rowOf(m_selected);
            if (row >= 0 && !column->isRowVisible(row)) {
                clearSelection();
                break;
            }
        }
    }
    updateSummary();
}

void BoardView::updateSummary()
{
    m_filterBar->setCounts(visibleCount(), m_model.taskCount());
}

void BoardView::refreshChoices()
{
    m_filterBar->setLabels(m_model.labels());
    m_filterBar->setAgents(m_model.agents());
}

BoardColumn *BoardView::focusColumn() const
{
    for (BoardColumn *column : m_columns) {
        const int row = m_selected.isNull() ? -1 : column->model()->rowOf(m_selected);
        if (row >= 0 && column->isRowVisible(row))
            return column;
    }
    for (BoardColumn *column : m_columns) {
        if (column->visibleCount() > 0)
            return column;
    }
    return nullptr;
}

void BoardView::focusCard(BoardColumn *column, int row)
{
    TaskListView *view = column->view();
    const QModelIndex index = column->model()->index(row);
    view->setCurrentIndex(index); // selects it too, and clears the other columns
    view->scrollTo(index);
    view->setFocus(Qt::OtherFocusReason);
}

bool BoardView::navigate(BoardColumn *from, int key)
{
    if (!from)
        from = focusColumn();
    if (!from)
        return false;
    const QList<int> rows = from->visibleRows();
    const int current = m_selected.isNull() ? -1 : from->model()->rowOf(m_selected);
    const qsizetype position = current < 0 ? -1 : rows.indexOf(current);

    switch (key) {
    case Qt::Key_J:
    case Qt::Key_Down:
    case Qt::Key_K:
    case Qt::Key_Up: {
        if (rows.isEmpty())
            return true;
        const bool down = key == Qt::Key_J || key == Qt::Key_Down;
        qsizetype next = 0;
        if (position >= 0)
            next = std::clamp<qsizetype>(position + (down ? 1 : -1), 0, rows.size() - 1);
        focusCard(from, rows.at(next));
        return true;
    }
    case Qt::Key_H:
    case Qt::Key_Left:
    case Qt::Key_L:
    case Qt::Key_Right: {
        const int step = (key == Qt::Key_H || key == Qt::Key_Left) ? -1 : 1;
        // Empty columns are stepped over; at the board's edge nothing moves.
        for (qsizetype i = m_columns.indexOf(from) + step; i >= 0 && i < m_columns.size();
             i += step) {
            BoardColumn *target = m_columns.at(i);
            const QList<int> targetRows = target->visibleRows();
            if (targetRows.isEmpty())
                continue;
            const qsizetype row = std::min(std::max<qsizetype>(position, 0), targetRows.size() - 1);
            focusCard(target, targetRows.at(row));
            return true;
        }
        if (position < 0 && !rows.isEmpty())
            focusCard(from, rows.constFirst());
        return true;
    }
    default: return false;
    }
}

bool BoardView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (isPlain(key) && isNavigationKey(key->key())) {
            for (BoardColumn *column : std::as_const(m_columns)) {
                if (column->view() == watched)
                    return navigate(column, key->key());
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void BoardView::focusInEvent(QFocusEvent *event)
{
    QWidget::focusInEvent(event);
    // The board itself takes no keys: hand the focus to the cards.
    if (BoardColumn *column = focusColumn())
        column->view()->setFocus(event->reason());
}

void BoardView::keyPressEvent(QKeyEvent *event)
{
    if (isPlain(event) && isNavigationKey(event->key()) && navigate(nullptr, event->key())) {
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

BoardColumn *BoardView::column(Core::TaskStatus status) const
{
    for (BoardColumn *column : m_columns) {
        if (column->status() == status)
            return column;
    }
    return nullptr;
}

TaskListView *BoardView::listView(Core::TaskStatus status) const
{
    BoardColumn *found = column(status);
    return found ? found->view() : nullptr;
}

std::optional<Core::Task> BoardView::currentTask() const
{
    if (m_selected.isNull())
        return std::nullopt;
    return m_model.task(m_selected);
}

void BoardView::selectTask(const Core::TaskId &id)
{
    m_selected = id;
    for (BoardColumn *column : m_columns) {
        const QModelIndex index = column->model()->indexOf(id);
        if (index.isValid()) {
            column->view()->setCurrentIndex(index); // selects it too, and clears the other columns
            column->view()->scrollTo(index);
            return;
        }
    }
    Q_EMIT currentTaskChanged();
}

void BoardView::clearSelection()
{
    m_selected = Core::TaskId();
    const QScopedValueRollback guard(m_syncing, true);
    for (BoardColumn *column : m_columns)
        column->view()->selectionModel()->clear();
    Q_EMIT currentTaskChanged();
}

void BoardView::onSelectionChanged(BoardColumn *changed)
{
    if (m_syncing)
        return;
    const QModelIndexList selected = changed->view()->selectionModel()->selectedIndexes();
    if (selected.isEmpty()) {
        // A card moving to another column takes its selection along; keep m_selected so it is
        // selected again where it lands. A deletion or the user deselecting clears it.
        if (!m_model.task(m_selected) || changed->model()->rowOf(m_selected) >= 0)
            m_selected = Core::TaskId();
        Q_EMIT currentTaskChanged();
        return;
    }
    m_selected = changed->model()->taskAt(selected.constFirst().row()).id;
    {
        const QScopedValueRollback guard(m_syncing, true);
        for (BoardColumn *column : m_columns) {
            if (column != changed)
                column->view()->selectionModel()->clear();
        }
    }
    Q_EMIT currentTaskChanged();
}

void BoardView::onRowsInserted(BoardColumn *column, int first, int last)
{
    if (m_selected.isNull())
        return;
    for (int row = first; row <= last; ++row) {
        if (column->model()->taskAt(row).id == m_selected) {
            const QModelIndex index = column->model()->index(row);
            column->view()->setCurrentIndex(index);
            return;
        }
    }
}

} // namespace Gui
