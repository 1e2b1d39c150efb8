// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QAbstractScrollArea>
#include <QSet>

#include <memory>
#include <vector>

class QTextDocument;
class QToolButton;

namespace Gui {

class LogDelegate;
class LogModel;

/// The live log of an attempt (a LogModel), drawn row by row by a LogDelegate. Only the rows on
/// screen are measured exactly; the others keep an estimate until they are shown, in a prefix-sum
/// tree, so 100k entries scroll as smoothly as ten. The scroll position is a row and an offset
/// into it, so rows measured above the top do not move what the user reads.
///
/// While the user is at the bottom the view follows new entries; scrolling up stops that and
/// shows "Jump to latest", which resumes it. A click on the header of thinking, a tool call or a
/// command folds or unfolds it.
class LogView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)

public:
    explicit LogView(LogModel *model, QWidget *parent = nullptr);
    ~LogView() override;

    [[nodiscard]] LogModel *model() const { return m_model; }

    [[nodiscard]] bool isFollowingTail() const { return m_following; }
    /// Scrolls to the newest entry and follows from there (what "Jump to latest" does).
    void scrollToLatest();
    /// Puts row at the top of the view; stops following unless that is the bottom anyway.
    void scrollToRow(int row);

    [[nodiscard]] bool isExpanded(int row) const;
    void setExpanded(int row, bool expanded);

    /// The row under pos (viewport coordinates), or -1.
    [[nodiscard]] int rowAt(const QPoint &pos) const;
    /// Where row is drawn, in viewport coordinates (possibly outside the viewport).
    [[nodiscard]] QRect visualRect(int row) const;
    /// Its height as laid out now (measured if it has been shown, estimated otherwise).
    [[nodiscard]] int rowHeight(int row) const;
    /// The text document the row is drawn with, if it has one and has been shown (for tests).
    [[nodiscard]] const QTextDocument *renderedDocument(int row) const;
    /// The "Jump to latest" button (for tests).
    [[nodiscard]] QToolButton *jumpButton() const { return m_jump; }

    [[nodiscard]] QSize sizeHint() const override;

Q_SIGNALS:
    void followingTailChanged(bool following);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    class HeightTree;
    struct RowState;

    void onRowsInserted(int first, int last);
    void onDataChanged(int first, int last);
    void rebuild();
    void reestimate();
    /// Brings the rows on screen to their exact heights, pins the tail when following and
    /// updates the scroll bar. Cheap when nothing changed.
    void relayout();
    void scheduleRelayout();
    void pinToBottom();
    /// Measures row (if needed) and returns its height.
    int measure(int row);
    void setHeight(int row, int height);
    void syncScrollBar();
    void setFollowing(bool following);
    void updateJumpButton();
    void applyStyle();
    void toggle(int row);
    [[nodiscard]] qint64 contentHeight() const;
    [[nodiscard]] qint64 scrollTop() const;
    [[nodiscard]] qint64 maxScrollTop() const;
    void setScrollTop(qint64 y);
    [[nodiscard]] QString copyText(int row) const;

    LogModel *m_model = nullptr;
    std::unique_ptr<LogDelegate> m_delegate;
    std::unique_ptr<HeightTree> m_tree;
    std::vector<int> m_heights;
    std::vector<quint8> m_measured;
    QSet<quint64> m_expanded; ///< Row keys.

    int m_topRow = 0;    ///< The row at the top of the viewport…
    int m_topOffset = 0; ///< …and how many of its pixels are scrolled past.
    bool m_following = true;
    bool m_syncing = false;
    bool m_relayoutPending = false;
    bool m_hiddenChanges = false; ///< Rows came while hidden: lay out when shown.
    int m_unseen = 0;             ///< Entries added since following stopped.
    int m_hoveredRow = -1;
    int m_pressedRow = -1;

    QToolButton *m_jump = nullptr;
};

} // namespace Gui
