// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/boardfilterbar.h"

#include "ui/presentation.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QScopedValueRollback>
#include <QToolButton>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr int noPriority = -1;

/// A magnifying glass in the palette's muted text colour; the icon themes of most styles lack one
/// at this size, or have none at all.
QIcon searchIcon(const QPalette &palette, qreal devicePixelRatio)
{
    constexpr int size = 16;
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor color = Presentation::mix(palette.color(QPalette::Text),
                                           palette.color(QPalette::Base),
                                           0.45);
    painter.setPen(QPen(color, 1.6, Qt::SolidLine, Qt::RoundCap));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(QRectF(2.5, 2.5, 8, 8));
    painter.drawLine(QPointF(9.6, 9.6), QPointF(13.2, 13.2));
    return QIcon(pixmap);
}

QStringList words(const QString &text)
{
    return text.simplified().split(u' ', Qt::SkipEmptyParts);
}

} // namespace

bool BoardFilter::isEmpty() const
{
    return text.trimmed().isEmpty() && label.isEmpty() && !priority && agent.isEmpty();
}

bool BoardFilter::matches(const Core::Task &task, const QStringList &agents) const
{
    if (priority && task.priority != *priority)
        return false;
    if (!label.isEmpty() && !task.labels.contains(label))
        return false;
    if (!agent.isEmpty() && !agents.contains(agent))
        return false;
    const QStringList needed = words(text);
    return std::all_of(needed.cbegin(), needed.cend(), [&task](const QString &word) {
        return task.title.contains(word, Qt::CaseInsensitive)
               || task.description.contains(word, Qt::CaseInsensitive);
    });
}

BoardFilterBar::BoardFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_searchIcon(new QAction(m_search))
    , m_label(new QComboBox(this))
    , m_priority(new QComboBox(this))
    , m_agent(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_clear(new QToolButton(this))
{
    setObjectName(u"boardFilterBar"_s);
    m_search->setObjectName(u"boardSearch"_s);
    m_search->setPlaceholderText(tr("Search tasks"));
    m_search->setToolTip(tr("Show only tasks whose title or description contains these words (/)"));
    m_search->setAccessibleName(tr("Search tasks"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(240);
    m_search->setMaximumWidth(360);
    m_search->addAction(m_searchIcon, QLineEdit::LeadingPosition);
    m_search->installEventFilter(this);

    m_label->setObjectName(u"labelFilter"_s);
    m_label->setAccessibleName(tr("Label"));
    m_label->setToolTip(tr("Show only tasks with this label"));
    m_priority->setObjectName(u"priorityFilter"_s);
    m_priority->setAccessibleName(tr("Priority"));
    m_priority->setToolTip(tr("Show only tasks of this priority"));
    m_agent->setObjectName(u"agentFilter"_s);
    m_agent->setAccessibleName(tr("Agent"));
    m_agent->setToolTip(tr("Show only tasks for this agent, or with an attempt by it"));
    for (QComboBox *box : {m_label, m_priority, m_agent}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        box->setMinimumContentsLength(8);
    }
    setChoices(m_label, tr("All labels"), {});
    setChoices(m_agent, tr("All agents"), {});
    m_priority->addItem(tr("Any priority"), noPriority);
    // Most pressing first, as people look for them.
    for (auto it = Core::allTaskPriorities.crbegin(); it != Core::allTaskPriorities.crend(); ++it)
        m_priority->addItem(Presentation::priorityName(*it), int(*it));

    m_summary->setObjectName(u"filterSummary"_s);
    m_summary->hide();
    m_clear->setObjectName(u"clearFilters"_s);
    m_clear->setText(tr("Clear Filters"));
    m_clear->setToolTip(tr("Show every task again"));
    m_clear->setAutoRaise(true);
    m_clear->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 2, 16, 6);
    layout->setSpacing(8);
    layout->addWidget(m_search, 1);
    layout->addSpacing(4);
    layout->addWidget(m_label);
    layout->addWidget(m_priority);
    layout->addWidget(m_agent);
    layout->addStretch(1);
    layout->addWidget(m_summary);
    layout->addWidget(m_clear);

    connect(m_search, &QLineEdit::textChanged, this, &BoardFilterBar::onChanged);
    for (QComboBox *box : {m_label, m_priority, m_agent})
        connect(box, &QComboBox::currentIndexChanged, this, &BoardFilterBar::onChanged);
    connect(m_clear, &QToolButton::clicked, this, &BoardFilterBar::clear);
    updatePalette();
}

BoardFilter BoardFilterBar::filter() const
{
    BoardFilter filter;
    filter.text = m_search->text();
    filter.label = m_label->currentData().toString();
    if (const int priority = m_priority->currentData().toInt(); priority != noPriority)
        filter.priority = Core::TaskPriority(priority);
    filter.agent = m_agent->currentData().toString();
    return filter;
}

void BoardFilterBar::setFilter(const BoardFilter &filter)
{
    if (filter == this->filter())
        return;
    {
        const QScopedValueRollback guard(m_updating, true);
        m_search->setText(filter.text);
        const auto choose = [](QComboBox *box, const QString &value) {
            int index = box->findData(value);
            if (index < 0) {
                box->addItem(value, value);
                index = box->count() - 1;
            }
            box->setCurrentIndex(index);
        };
        choose(m_label, filter.label);
        choose(m_agent, filter.agent);
        m_priority->setCurrentIndex(
            m_priority->findData(filter.priority ? int(*filter.priority) : noPriority));
    }
    onChanged();
}

void BoardFilterBar::clear()
{
    setFilter(BoardFilter());
}

void BoardFilterBar::setLabels(const QStringList &labels)
{
    setChoices(m_label, tr("All labels"), labels);
}

void BoardFilterBar::setAgents(const QStringList &agents)
{
    setChoices(m_agent, tr("All agents"), agents);
}

void BoardFilterBar::setChoices(QComboBox *box, const QString &anyText, const QStringList &choices)
{
    const QString current = box->currentData().toString();
    QStringList wanted = choices;
    // The one chosen stays, even if its last task just went, so the filter does not jump.
    if (!current.isEmpty() && !wanted.contains(current))
        wanted.append(current);
    QStringList present;
    for (int i = 1; i < box->count(); ++i)
        present.append(box->itemData(i).toString());
    if (box->count() > 0 && present == wanted)
        return;
    const QScopedValueRollback guard(m_updating, true);
    box->clear();
    box->addItem(anyText, QString());
    for (const QString &choice : std::as_const(wanted))
        box->addItem(choice, choice);
    box->setCurrentIndex(std::max(0, box->findData(current)));
}

void BoardFilterBar::setCounts(int visible, int total)
{
    const bool filtered = !filter().isEmpty();
    m_summary->setText(total == 1 ? tr("%1 of 1 task").arg(visible)
                                  : tr("%1 of %2 tasks").arg(visible).arg(total));
    m_summary->setVisible(filtered);
    m_clear->setVisible(filtered);
}

void BoardFilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void BoardFilterBar::onChanged()
{
    if (m_updating)
        return;
    const bool filtered = !filter().isEmpty();
    m_summary->setVisible(filtered && !m_summary->text().isEmpty());
    m_clear->setVisible(filtered);
    Q_EMIT filterChanged();
}

bool BoardFilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Escape:
            if (m_search->text().isEmpty())
                Q_EMIT leaveRequested();
            else
                m_search->clear();
            return true;
        case Qt::Key_Down:
        case Qt::Key_Return:
        case Qt::Key_Enter: Q_EMIT leaveRequested(); return true;
        default: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void BoardFilterBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updatePalette();
}

void BoardFilterBar::updatePalette()
{
    m_searchIcon->setIcon(searchIcon(palette(), devicePixelRatioF()));
    QPalette muted = m_summary->palette();
    muted.setColor(QPalette::WindowText,
                   Presentation::mix(palette().color(QPalette::WindowText),
                                     palette().color(QPalette::Window),
                                     0.4));
    m_summary->setPalette(muted);
}

} // namespace Gui
