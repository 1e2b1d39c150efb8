// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/boardcolumn.h"

#include "ui/presentation.h"
#include "ui/taskcarddelegate.h"
#include "ui/taskcolumnmodel.h"
#include "ui/tasklistview.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr int headerDot = 8;
constexpr qreal columnRadius = 10.0;

} // namespace

BoardColumn::BoardColumn(TaskColumnModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_title(new QLabel(this))
    , m_count(new QLabel(this))
    , m_view(new TaskListView(this))
{
    const QString wireName = Core::wireName(model->status());
    setObjectName(u"column-"_s + wireName);
    m_title->setObjectName(u"title-"_s + wireName);
    m_count->setObjectName(u"count-"_s + wireName);
    m_view->setObjectName(u"tasks-"_s + wireName);
    setMinimumWidth(220);

    QFont titleFont = m_title->font();
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setText(Presentation::statusName(model->status()));
    m_count->setAlignment(Qt::AlignCenter);
    m_count->setMinimumWidth(22);
    m_count->setContentsMargins(7, 1, 7, 1);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(headerDot + 8, 0, 0, 0); // room for the status dot we paint
    header->setSpacing(8);
    header->addWidget(m_title);
    header->addWidget(m_count);
    header->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 12, 10, 6);
    layout->setSpacing(8);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);

    m_view->setItemDelegate(new TaskCardDelegate(m_view));
    m_view->setModel(model);
    m_view->setPlaceholderText(tr("No tasks"));
    m_view->setAccessibleName(Presentation::statusName(model->status()));

    // After setModel(), so these run after the view's own handlers (a reset clears its hidden
    // rows).
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_hidden.clear();
        filterRows(0, m_model->rowCount() - 1);
    });
    connect(model,
            &QAbstractItemModel::rowsInserted,
            this,
            [this](const QModelIndex &, int first, int last) { filterRows(first, last); });
    connect(model,
            &QAbstractItemModel::dataChanged,
            this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                filterRows(topLeft.row(), bottomRight.row());
            });
    connect(model,
            &QAbstractItemModel::rowsAboutToBeRemoved,
            this,
            [this](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row)
                    m_hidden.remove(m_model->taskAt(row).id);
            });
    connect(model, &QAbstractItemModel::rowsRemoved, this, &BoardColumn::updateCount);
    connect(model, &TaskColumnModel::countChanged, this, &BoardColumn::updateCount);
    updateCount();
}

Core::TaskStatus BoardColumn::status() const
{
    return m_model->status();
}

QString BoardColumn::title() const
{
    return m_title->text();
}

int BoardColumn::count() const
{
    return m_model->rowCount();
}

int BoardColumn::visibleCount() const
{
    return m_model->rowCount() - int(m_hidden.size());
}

bool BoardColumn::isRowVisible(int row) const
{
    return row >= 0 && row < m_model->rowCount() && !m_hidden.contains(m_model->taskAt(row).id);
}

QList<int> BoardColumn::visibleRows() const
{
    QList<int> rows;
    rows.reserve(visibleCount());
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_hidden.isEmpty() || !m_hidden.contains(m_model->taskAt(row).id))
            rows.append(row);
    }
    return rows;
}

void BoardColumn::setFilter(const BoardFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    filterRows(0, m_model->rowCount() - 1);
}

void BoardColumn::filterRows(int first, int last)
{
    const bool everything = m_filter.isEmpty();
    if (everything && m_hidden.isEmpty()) {
        updateCount();
        return;
    }
    for (int row = std::max(0, first); row <= last && row < m_model->rowCount(); ++row) {
        const Core::Task &task = m_model->taskAt(row);
        const bool hide = !everything && !m_filter.matches(task, m_model->agentsAt(row));
        if (hide == m_hidden.contains(task.id))
            continue;
        if (hide)
            m_hidden.insert(task.id);
        else
            m_hidden.remove(task.id);
        m_view->setRowHidden(row, hide);
    }
    updateCount();
}

void BoardColumn::updateCount()
{
    const int total = m_model->rowCount();
    const int visible = visibleCount();
    m_count->setText(QString::number(visible));
    m_view->setNothingVisible(total > 0 && visible == 0);
    m_view->setPlaceholderText(total > 0 && visible == 0 ? tr("No matching tasks") : tr("No tasks"));
    m_count->setToolTip(visible == total
                            ? tr("%n task(s)", nullptr, total)
                            : tr("%1 of %n task(s) shown", nullptr, total).arg(visible));
    if (visible != m_lastVisibleCount) {
        m_lastVisibleCount = visible;
        Q_EMIT visibleCountChanged(visible);
    }
}

void BoardColumn::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        update();
}

void BoardColumn::paintEvent(QPaintEvent *event)
{
    QWidget::paintEvent(event);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const bool dark = Presentation::isDark(pal);
    const QColor window = pal.color(QPalette::Window);
    const QColor text = pal.color(QPalette::WindowText);

    // The lane: a faint tone of the window, so cards (base colour) stand out in both themes.
    painter.setPen(QPen(Presentation::mix(window, text, dark ? 0.1 : 0.07), 1.0));
    painter.setBrush(Presentation::mix(window, text, dark ? 0.045 : 0.035));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5),
                            columnRadius,
                            columnRadius);

    // Status dot left of the title.
    const QRect title = m_title->geometry();
    const QColor accent = Presentation::statusColor(m_model->status());
    painter.setPen(Qt::NoPen);
    painter.setBrush(accent);
    painter.drawEllipse(QRectF(title.left() - headerDot - 8,
                               title.center().y() - headerDot / 2.0 + 0.5,
                               headerDot,
                               headerDot));

    // Count badge behind the count label.
    const QRectF badge = QRectF(m_count->geometry()).adjusted(0, 1, 0, -1);
    painter.setBrush(Presentation::mix(window, text, dark ? 0.16 : 0.1));
    painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
}

} // namespace Gui
