// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/task.h"
#include "ui/boardfilterbar.h"

#include <QSet>
#include <QWidget>

class QLabel;

namespace Gui {

class TaskColumnModel;
class TaskListView;

/// One column of the board: a header with the status and its card count over the cards. A
/// filter hides the cards it does not match (they stay in the model, so drag and drop and the
/// selection keep working) and the count is of the cards shown.
class BoardColumn final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardColumn)

public:
    BoardColumn(TaskColumnModel *model, QWidget *parent = nullptr);

    [[nodiscard]] Core::TaskStatus status() const;
    [[nodiscard]] TaskColumnModel *model() const { return m_model; }
    [[nodiscard]] TaskListView *view() const { return m_view; }
    [[nodiscard]] QString title() const;
    /// Every card, shown or not.
    [[nodiscard]] int count() const;
    [[nodiscard]] int visibleCount() const;
    [[nodiscard]] bool isRowVisible(int row) const;
    /// The rows shown, top to bottom.
    [[nodiscard]] QList<int> visibleRows() const;

    void setFilter(const BoardFilter &filter);
    [[nodiscard]] const BoardFilter &filter() const { return m_filter; }

Q_SIGNALS:
    void visibleCountChanged(int visible);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateCount();
    /// Shows or hides rows first…last as the filter says.
    void filterRows(int first, int last);

    TaskColumnModel *m_model;
    QLabel *m_title;
    QLabel *m_count;
    TaskListView *m_view;
    BoardFilter m_filter;
    /// The cards hidden now; mirrors the view's hidden rows, which are costly to ask about.
    QSet<Core::TaskId> m_hidden;
    int m_lastVisibleCount = -1;
};

} // namespace Gui
