// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/events.h"
#include "core/ids.h"
#include "core/query.h"
#include "core/task.h"

#include <QList>
#include <QObject>

#include <array>
#include <optional>

namespace Core {
class EventBus;
class TaskService;
} // namespace Core

namespace Gui {

class TaskColumnModel;

/// The board of one project: loads its tasks once, then keeps the columns in step with the
/// event bus alone, so changes from any face (this window, the HTTP API) show the same way.
class BoardModel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardModel)

public:
    static constexpr int pageSize = Core::PageRequest::maxLimit;

    BoardModel(Core::TaskService &tasks, Core::EventBus &events, QObject *parent = nullptr);

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

Q_SIGNALS:
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

    Core::TaskService &m_tasks;
    std::array<TaskColumnModel *, Core::allTaskStatuses.size()> m_columns{};
    Core::ProjectId m_projectId;
    /// Bumped on every (re)load so answers to an abandoned load are dropped.
    quint64 m_generation = 0;
    bool m_loading = false;
    QList<Core::Task> m_loadedTasks;
    /// Changes announced while pages were in flight, applied once the load is complete.
    QList<Core::TaskEvent> m_pendingEvents;
};

} // namespace Gui
