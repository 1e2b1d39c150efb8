// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/taskcolumnmodel.h"

#include "core/taskservice.h"
#include "ui/presentation.h"

#include <QMimeData>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Gui {

TaskColumnModel::TaskColumnModel(Core::TaskStatus status, Core::TaskService &tasks, QObject *parent)
    : QAbstractListModel(parent)
    , m_status(status)
    , m_service(tasks)
{}

int TaskColumnModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tasks.size());
}

QVariant TaskColumnModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::Task &task = m_tasks.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return task.title;
    case Qt::ToolTipRole: return toolTip(index.row());
    case TaskIdRole: return task.id.toString();
    case DescriptionRole: return task.description;
    case StatusRole: return int(task.status);
    case PriorityRole: return int(task.priority);
    case LabelsRole: return task.labels;
    case CreatedAtRole: return task.createdAt;
    case HasRunningAttemptRole: return task.attempts.hasRunningAttempt;
    case LastAttemptFailedRole: return task.attempts.lastAttemptFailed;
    case HasMergedAttemptRole: return task.attempts.hasMergedAttempt;
    case TotalCostRole: return activityAt(index.row()).totalCost;
    case PendingApprovalsRole: return activityAt(index.row()).pendingApprovals;
    case AgentsRole: return agentsAt(index.row());
    default: return {};
    }
}

Qt::ItemFlags TaskColumnModel::flags(const QModelIndex &index) const
{
    // The column itself takes drops; cards take them too, so dropping onto a card works.
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled
           | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> TaskColumnModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(TaskIdRole, "taskId");
    names.insert(DescriptionRole, "description");
    names.insert(StatusRole, "status");
    names.insert(PriorityRole, "priority");
    names.insert(LabelsRole, "labels");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(HasRunningAttemptRole, "hasRunningAttempt");
    names.insert(LastAttemptFailedRole, "lastAttemptFailed");
    names.insert(HasMergedAttemptRole, "hasMergedAttempt");
    names.insert(TotalCostRole, "totalCost");
    names.insert(PendingApprovalsRole, "pendingApprovals");
    names.insert(AgentsRole, "agents");
    return names;
}

QStringList TaskColumnModel::mimeTypes() const
{
    return {QString(mimeType)};
}

QMimeData *TaskColumnModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList ids;
    QStringList titles;
    for (const QModelIndex &index : indexes) {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            continue;
        const Core::Task &task = m_tasks.at(index.row());
        if (!ids.contains(task.id.toString())) {
            ids.append(task.id.toString());
            titles.append(task.title);
        }
    }
    if (ids.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(QString(mimeType), ids.join(u'\n').toUtf8());
    data->setText(titles.join(u'\n')); // something useful when dropped on another application
    return data;
}

QList<Core::TaskId> TaskColumnModel::taskIds(const QMimeData *data)
{
    QList<Core::TaskId> ids;
    if (!data || !data->hasFormat(QString(mimeType)))
        return ids;
    const QString text = QString::fromUtf8(data->data(QString(mimeType)));
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        const QString id = line.trimmed();
        if (!id.isEmpty())
            ids.append(Core::TaskId(id));
    }
    return ids;
}

bool TaskColumnModel::canDropMimeData(const QMimeData *data,
                                      Qt::DropAction action,
                                      int /*row*/,
                                      int /*column*/,
                                      const QModelIndex & /*parent*/) const
{
    if (!(action & supportedDropActions()))
        return false;
    const QList<Core::TaskId> ids = taskIds(data);
    // Dropping a card back on its own column changes nothing.
    return std::any_of(ids.cbegin(), ids.cend(), [this](const Core::TaskId &id) {
        return rowOf(id) < 0;
    });
}

bool TaskColumnModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    Core::TaskPatch patch;
    patch.status = m_status;
    const QList<Core::TaskId> ids = taskIds(data);
    for (const Core::TaskId &id : ids) {
        if (rowOf(id) >= 0)
            continue;
        // No optimistic move: the TaskEvent that follows the commit moves the card.
        m_service.update(id, patch).then(this, [this](const Core::Result<Core::Task> &result) {
            if (!result)
                Q_EMIT moveFailed(result.error().message);
        });
    }
    return true;
}

Qt::DropActions TaskColumnModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions TaskColumnModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

int TaskColumnModel::rowOf(const Core::TaskId &id) const
{
    for (qsizetype row = 0; row < m_tasks.size(); ++row) {
        if (m_tasks.at(row).id == id)
            return int(row);
    }
    return -1;
}

QModelIndex TaskColumnModel::indexOf(const Core::TaskId &id) const
{
    const int row = rowOf(id);
    return row < 0 ? QModelIndex() : index(row);
}

QString TaskColumnModel::toolTip(int row) const
{
    const Core::Task &task = m_tasks.at(row);
    QString tip = task.description.isEmpty() ? task.title
                                             : task.title + u"\n\n"_s + task.description;
    const Core::TaskActivity activity = activityAt(row);
    QStringList facts;
    if (activity.totalCost > 0)
        facts.append(tr("Cost so far: %1").arg(Presentation::cost(activity.totalCost)));
    if (activity.pendingApprovals > 0)
        facts.append(tr("Approvals waiting: %1").arg(activity.pendingApprovals));
    if (const QStringList agents = agentsAt(row); !agents.isEmpty())
        facts.append(tr("Agents: %1").arg(agents.join(u", "_s)));
    if (!facts.isEmpty())
        tip += u"\n\n"_s + facts.join(u'\n');
    return tip;
}

Core::TaskActivity TaskColumnModel::activityAt(int row) const
{
    if (!m_activities || row < 0 || row >= m_tasks.size())
        return {};
    return m_activities->value(m_tasks.at(row).id);
}

QStringList TaskColumnModel::agentsAt(int row) const
{
    if (row < 0 || row >= m_tasks.size())
        return {};
    const Core::Task &task = m_tasks.at(row);
    QStringList agents = activityAt(row).agents;
    if (task.llm && !task.llm->isEmpty() && !agents.contains(*task.llm)) {
        agents.append(*task.llm);
        agents.sort();
    }
    return agents;
}

void TaskColumnModel::activityChanged(const QList<Core::TaskId> &ids)
{
    static const QList<int> roles{TotalCostRole, PendingApprovalsRole, AgentsRole};
    for (const Core::TaskId &id : ids) {
        if (const QModelIndex changed = indexOf(id); changed.isValid())
            Q_EMIT dataChanged(changed, changed, roles);
    }
}

void TaskColumnModel::allActivityChanged()
{
    if (m_tasks.isEmpty())
        return;
    Q_EMIT dataChanged(index(0),
                       index(rowCount() - 1),
                       {TotalCostRole, PendingApprovalsRole, AgentsRole});
}

void TaskColumnModel::setTasks(QList<Core::Task> tasks)
{
    std::stable_sort(tasks.begin(), tasks.end(), [](const Core::Task &a, const Core::Task &b) {
        return a.createdAt < b.createdAt;
    });
    beginResetModel();
    m_tasks = std::move(tasks);
    endResetModel();
    Q_EMIT countChanged(rowCount());
}

void TaskColumnModel::upsert(const Core::Task &task)
{
    Q_ASSERT(task.status == m_status);
    const int existing = rowOf(task.id);
    if (existing >= 0 && m_tasks.at(existing).createdAt == task.createdAt) {
        m_tasks[existing] = task;
        const QModelIndex changed = index(existing);
        Q_EMIT dataChanged(changed, changed);
        return;
    }
    if (existing >= 0)
        remove(task.id);
    const int row = insertionRow(task.createdAt);
    beginInsertRows(QModelIndex(), row, row);
    m_tasks.insert(row, task);
    endInsertRows();
    Q_EMIT countChanged(rowCount());
}

bool TaskColumnModel::remove(const Core::TaskId &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_tasks.removeAt(row);
    endRemoveRows();
    Q_EMIT countChanged(rowCount());
    return true;
}

void TaskColumnModel::clear()
{
    if (m_tasks.isEmpty())
        return;
    beginResetModel();
    m_tasks.clear();
    endResetModel();
    Q_EMIT countChanged(0);
}

int TaskColumnModel::insertionRow(const QDateTime &createdAt) const
{
    const auto it = std::upper_bound(m_tasks.cbegin(),
                                     m_tasks.cend(),
                                     createdAt,
                                     [](const QDateTime &at, const Core::Task &task) {
                                         return at < task.createdAt;
                                     });
    return int(it - m_tasks.cbegin());
}

} // namespace Gui
