// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/boardview.h"

#include "ui/boardcolumn.h"
#include "ui/boardmodel.h"
#include "ui/taskcolumnmodel.h"
#include "ui/tasklistview.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QScopedValueRollback>
#include <QScrollArea>

using namespace Qt::StringLiterals;

namespace Gui {

BoardView::BoardView(BoardModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(u"board"_s);
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

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
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
