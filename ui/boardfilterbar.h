// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/task.h"

#include <QStringList>
#include <QWidget>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace Gui {

/// Which cards the board shows. Empty fields match everything.
struct BoardFilter
{
    QString text; ///< Every word must occur in the title or the description, ignoring case.
    QString label;
    std::optional<Core::TaskPriority> priority;
    QString agent; ///< The task's llm, or the agent of one of its attempts.

    [[nodiscard]] bool isEmpty() const;
    /// agents: the task's llm and its attempts' agents (TaskColumnModel::agentsAt()).
    [[nodiscard]] bool matches(const Core::Task &task, const QStringList &agents) const;

    friend bool operator==(const BoardFilter &, const BoardFilter &) = default;
};

/// The row above the board's columns: a search field (filtering as you type) and pickers for
/// label, priority and agent, with how many cards show and a way to clear it all.
class BoardFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardFilterBar)

public:
    explicit BoardFilterBar(QWidget *parent = nullptr);

    [[nodiscard]] BoardFilter filter() const;
    void setFilter(const BoardFilter &filter);
    void clear();

    /// The choices of the label and agent pickers; a chosen one stays while it is in use.
    void setLabels(const QStringList &labels);
    void setAgents(const QStringList &agents);
    /// "12 of 340 tasks" while something is filtered out.
    void setCounts(int visible, int total);

    [[nodiscard]] QLineEdit *searchField() const { return m_search; }
    /// Puts the cursor in the search field with its text selected.
    void focusSearch();

Q_SIGNALS:
    void filterChanged();
    /// Down or Enter in the search field, or Escape with nothing to clear: back to the cards.
    void leaveRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void setChoices(QComboBox *box, const QString &anyText, const QStringList &choices);
    void onChanged();
    void updatePalette();

    QLineEdit *m_search;
    QAction *m_searchIcon;
    QComboBox *m_label;
    QComboBox *m_priority;
    QComboBox *m_agent;
    QLabel *m_summary;
    QToolButton *m_clear;
    bool m_updating = false;
};

} // namespace Gui
