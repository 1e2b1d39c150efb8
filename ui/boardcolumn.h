// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/task.h"

#include <QWidget>

class QLabel;

namespace Gui {

class TaskColumnModel;
class TaskListView;

/// One column of the board: a header with the status and its card count over the cards.
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
    [[nodiscard]] int count() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateCount();

    TaskColumnModel *m_model;
    QLabel *m_title;
    QLabel *m_count;
    TaskListView *m_view;
};

} // namespace Gui
