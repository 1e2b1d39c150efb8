// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/task.h"
#include "core/taskactivity.h"

#include <QAbstractListModel>
#include <QList>

namespace Core {
class TaskService;
}

namespace Gui {

/// The cards of one board column, oldest first. Fed by BoardModel from the store and its events;
/// a drop only asks the service for the new status, the card moves when the change is announced.
class TaskColumnModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskColumnModel)

public:
    enum Role {
        TaskIdRole = Qt::UserRole + 1,
        DescriptionRole,
        StatusRole,   ///< int of Core::TaskStatus
        PriorityRole, ///< int of Core::TaskPriority
        LabelsRole,   ///< QStringList
        CreatedAtRole,
        HasRunningAttemptRole, ///< bool
        LastAttemptFailedRole, ///< bool
        HasMergedAttemptRole,  ///< bool
        TotalCostRole,         ///< double, USD over the task's attempts
        PendingApprovalsRole,  ///< int
        AgentsRole, ///< QStringList: the task's llm and the agents its attempts ran, sorted
    };

    /// Carries the dragged task ids, one per line.
    static constexpr QLatin1StringView mimeType{"application/x-forgedesk-task-ids"};

    TaskColumnModel(Core::TaskStatus status, Core::TaskService &tasks, QObject *parent = nullptr);

    [[nodiscard]] Core::TaskStatus status() const { return m_status; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QStringList mimeTypes() const override;
    [[nodiscard]] QMimeData *mimeData(const QModelIndexList &indexes) const override;
    [[nodiscard]] bool canDropMimeData(const QMimeData *data,
                                       Qt::DropAction action,
                                       int row,
                                       int column,
                                       const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data,
                      Qt::DropAction action,
                      int row,
                      int column,
                      const QModelIndex &parent) override;
    [[nodiscard]] Qt::DropActions supportedDropActions() const override;
    [[nodiscard]] Qt::DropActions supportedDragActions() const override;

    [[nodiscard]] const Core::Task &taskAt(int row) const { return m_tasks.at(row); }
    [[nodiscard]] const QList<Core::Task> &tasks() const { return m_tasks; }
    /// Row of the task, or -1.
    [[nodiscard]] int rowOf(const Core::TaskId &id) const;
    [[nodiscard]] QModelIndex indexOf(const Core::TaskId &id) const;
    [[nodiscard]] Core::TaskActivity activityAt(int row) const;
    /// The task's llm and the agents of its attempts, distinct and sorted.
    [[nodiscard]] QStringList agentsAt(int row) const;

    /// Where activityAt() looks tasks up; BoardModel owns it and keeps it current.
    void setActivities(const Core::TaskActivities *activities) { m_activities = activities; }
    /// The activity of these tasks changed: their cards repaint (and may change height).
    void activityChanged(const QList<Core::TaskId> &ids);
    /// The activity of every card may have changed.
    void allActivityChanged();

    /// Replaces every card; tasks must all have this column's status.
    void setTasks(QList<Core::Task> tasks);
    /// Adds the task or refreshes its card in place.
    void upsert(const Core::Task &task);
    /// Removes the card; false if it was not here.
    bool remove(const Core::TaskId &id);
    void clear();

    /// The task ids in data, as written by mimeData().
    [[nodiscard]] static QList<Core::TaskId> taskIds(const QMimeData *data);

Q_SIGNALS:
    void countChanged(int count);
    /// A drop could not change the status; message is for the user.
    void moveFailed(const QString &message);

private:
    [[nodiscard]] QString toolTip(int row) const;
    /// Row at which a task created at createdAt belongs, after its equals.
    [[nodiscard]] int insertionRow(const QDateTime &createdAt) const;

    Core::TaskStatus m_status;
    Core::TaskService &m_service;
    QList<Core::Task> m_tasks;
    const Core::TaskActivities *m_activities = nullptr;
};

} // namespace Gui
