// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/task.h"

#include <QList>
#include <QTimer>
#include <QWidget>

#include <optional>

namespace Gui {

class BoardColumn;
class BoardFilterBar;
class BoardModel;
class TaskListView;
struct BoardFilter;

/// The filter bar over the five columns side by side. One card is selected across the whole
/// board, and the selection follows a card when an event moves it to another column.
///
/// Keys on the cards: j/k (or Down/Up) the next or previous card of the column, h/l (or
/// Left/Right) the card at the same height in the previous or next column with cards, Enter
/// opens it.
class BoardView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardView)

public:
    explicit BoardView(BoardModel &model, QWidget *parent = nullptr);

    [[nodiscard]] BoardColumn *column(Core::TaskStatus status) const;
    [[nodiscard]] TaskListView *listView(Core::TaskStatus status) const;

    /// The selected task, as the board shows it now.
    [[nodiscard]] std::optional<Core::Task> currentTask() const;
    void selectTask(const Core::TaskId &id);
    void clearSelection();

    [[nodiscard]] BoardFilterBar *filterBar() const { return m_filterBar; }
    [[nodiscard]] BoardFilter filter() const;
    void setFilter(const BoardFilter &filter);
    /// Cards shown across all columns.
    [[nodiscard]] int visibleCount() const;
    /// Puts the cursor in the search field.
    void focusSearch();

Q_SIGNALS:
    void currentTaskChanged();
    void openRequested(const Core::Task &task);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onSelectionChanged(BoardColumn *column);
    void onRowsInserted(BoardColumn *column, int first, int last);
    void applyFilter();
    void updateSummary();
    void refreshChoices();
    /// Handles j/k/h/l and the arrows for a card list (or the board itself, from == nullptr).
    bool navigate(BoardColumn *from, int key);
    /// Selects and focuses row of column, scrolling it into view.
    void focusCard(BoardColumn *column, int row);
    /// The column with the board's current card, else the first one with cards shown.
    [[nodiscard]] BoardColumn *focusColumn() const;

    BoardModel &m_model;
    BoardFilterBar *m_filterBar = nullptr;
    QList<BoardColumn *> m_columns;
    /// Label and agent choices are gathered once changes settle, not at every card.
    QTimer m_choicesTimer;
    /// Remembered so the selection survives the card moving between columns.
    Core::TaskId m_selected;
    bool m_syncing = false;
};

} // namespace Gui
