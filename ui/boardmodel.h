// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/events.h"
#include "core/ids.h"
#include "core/query.h"
#include "core/task.h"
#include "core/taskactivity.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

#include <array>
#include <optional>

namespace Core {
class Engine;
class TaskService;
} // namespace Core

namespace Gui {

class TaskColumnModel;

/// The board of one project: loads its tasks once, then keeps the columns in step with the
/// event bus alone, so changes from any face (this window, the HTTP API) show the same way.
/// Each task's activity (cost, approvals waiting, agents) is read with the tasks and read again
/// for just the tasks an attempt or approval event touches.
class BoardModel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardModel)

public:
    static constexpr int pageSize = Core::PageRequest::maxLimit;

    explicit BoardModel(Core::Engine &engine, QObject *parent = nullptr);

    /// Clears the board and loads the project's tasks; a null id just clears it.
    void setProject(const Core::ProjectId &id);
    [[nodiscard]] Core::ProjectId projectId() const { return m_projectId; }
    [[nodiscard]] bool isLoading() const { return m_loading; }

    [[nodiscard]] TaskColumnModel *column(Core::TaskStatus status) const;
    [[nodiscard]] const std::array<TaskColumnModel *, Core::allTaskStatuses.size()> &columns() const
    {
        return m_columns;
    }
    [[nodiscard]] std::optional<Core::Task> task(const Core::TaskId &id) const;
    [[nodiscard]] int taskCount() const;
    /// Empty until read; tasks without attempts have none.
    [[nodiscard]] Core::TaskActivity activity(const Core::TaskId &id) const;
    /// Every label on the board, sorted without regard to case.
    [[nodiscard]] QStringList labels() const;
    /// Every agent on the board: the tasks' llm and the agents their attempts ran, sorted.
    [[nodiscard]] QStringList agents() const;

Q_SIGNALS:
    /// setProject() was called: the board is empty and loads id (null: stays empty).
    void projectChanged(const Core::ProjectId &id);
    /// The initial load of the current project finished; the columns hold it.
    void loaded();
    void loadFailed(const QString &message);
    /// The current project was deleted; the board is now empty and has no project.
    void projectRemoved(const Core::ProjectId &id);
    /// A drop could not change a task's status.
    void moveFailed(const QString &message);

private:
    void onEvent(const Core::Event &event);
    void apply(const Core::TaskEvent &event);
    void startLoad();
    void fetchPage(int page);
    void finishLoad();
    void clearColumns();
    void loadActivity();
    void queueActivity(const Core::TaskId &task);
    void queueActivity(const Core::AttemptId &attempt);
    void readQueuedActivity();
    /// Takes each task's activity unless a read issued after ticket landed first.
    void applyActivity(const Core::TaskActivities &found, quint64 ticket, bool wholeProject);
    [[nodiscard]] bool isOnBoard(const Core::TaskId &id) const;

    Core::TaskService &m_tasks;
    Core::TaskActivityReader m_activityReader;
    std::array<TaskColumnModel *, Core::allTaskStatuses.size()> m_columns{};
    Core::ProjectId m_projectId;
    /// Bumped on every (re)load so answers to an abandoned load are dropped.
    quint64 m_generation = 0;
    bool m_loading = false;
    QList<Core::Task> m_loadedTasks;
    /// Changes announced while pages were in flight, applied once the load is complete.
    QList<Core::TaskEvent> m_pendingEvents;

    Core::TaskActivities m_activities;
    /// Reads are numbered; per task, the number of the read its activity comes from, so an
    /// answer overtaken by a later read's is dropped.
    quint64 m_activityTicket = 0;
    QHash<Core::TaskId, quint64> m_activitySource;
    /// Tasks and attempts whose events arrived since the last read, read together once the
    /// events of this turn of the event loop are in.
    QSet<Core::TaskId> m_staleTasks;
    QSet<Core::AttemptId> m_staleAttempts;
    bool m_activityReadQueued = false;
};

} // namespace Gui
