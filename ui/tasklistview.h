// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QListView>

namespace Gui {

/// One column's cards. Transparent over the column, highlights itself while a card hovers over
/// it, and reports "open this card" for double-click and Enter alike.
class TaskListView final : public QListView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskListView)

public:
    explicit TaskListView(QWidget *parent = nullptr);

    /// Shown when the column has no cards.
    void setPlaceholderText(const QString &text);
    [[nodiscard]] QString placeholderText() const { return m_placeholderText; }
    /// Every card is hidden (by a filter): the placeholder shows as if there were none.
    void setNothingVisible(bool nothing);
    [[nodiscard]] bool isDropHighlighted() const { return m_dropHighlighted; }

Q_SIGNALS:
    void openRequested(const QModelIndex &index);

protected:
    void dataChanged(const QModelIndex &topLeft,
                     const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void setDropHighlighted(bool on);

    QString m_placeholderText;
    bool m_dropHighlighted = false;
    bool m_nothingVisible = false;
};

} // namespace Gui
