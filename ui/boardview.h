// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/task.h"

#include <QList>
#include <QWidget>

#include <optional>

namespace Gui {

class BoardColumn;
class BoardModel;
class TaskListView;

/// The five columns side by side. One card is selected across the whole board, and the
/// selection follows a card when an event moves it to another column.
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

Q_SIGNALS:
    void currentTaskChanged();
    void openRequested(const Core::Task &task);

private:
    void onSelectionChanged(BoardColumn *column);
    void onRowsInserted(BoardColumn *column, int first, int last);

    BoardModel &m_model;
    QList<BoardColumn *> m_columns;
    /// Remembered so the selection survives the card moving between columns.
    Core::TaskId m_selected;
    bool m_syncing = false;
};

} // namespace Gui
