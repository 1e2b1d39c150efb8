// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/boardmodel.h"

#include "core/eventbus.h"
#include "core/taskservice.h"
#include "ui/taskcolumnmodel.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr std::size_t columnIndex(Core::TaskStatus status)
{
    return std::size_t(status);
}

} // namespace

BoardModel::BoardModel(Core::TaskService &tasks, Core::EventBus &events, QObject *parent)
    : QObject(parent)
    , m_tasks(tasks)
{
    static_assert(columnIndex(Core::allTaskStatuses.back()) == Core::allTaskStatuses.size() - 1);
    for (Core::TaskStatus status : Core::allTaskStatuses) {
        auto *model = new TaskColumnModel(status, tasks, this);
        model->setObjectName(u"column-"_s + Core::wireName(status));
        connect(model, &TaskColumnModel::moveFailed, this, &BoardModel::moveFailed);
        m_columns[columnIndex(status)] = model;
    }
    connect(&events, &Core::EventBus::published, this, &BoardModel::onEvent);
}

void BoardModel::setProject(const Core::ProjectId &id)
{
    m_projectId = id;
    clearColumns();
    if (id.isNull()) {
        ++m_generation;
        m_loading = false;
        m_loadedTasks.clear();
        m_pendingEvents.clear();
        return;
    }
    startLoad();
}

TaskColumnModel *BoardModel::column(Core::TaskStatus status) const
{
    return m_columns.at(columnIndex(status));
}

std::optional<Core::Task> BoardModel::task(const Core::TaskId &id) const
{
    for (const TaskColumnModel *model : m_columns) {
        if (const int row = model->rowOf(id); row >= 0)
            return model->taskAt(row);
    }
    return std::nullopt;
}

int BoardModel::taskCount() const
{
    int count = 0;
    for (const TaskColumnModel *model : m_columns)
        count += model->rowCount();
    return count;
}

void BoardModel::onEvent(const Core::Event &event)
{
    if (m_projectId.isNull())
        return;
    if (const auto *projectEvent = std::get_if<Core::ProjectEvent>(&event)) {
        if (projectEvent->kind == Core::ChangeKind::Deleted
            && projectEvent->project.id == m_projectId) {
            const Core::ProjectId removed = m_projectId;
            setProject(Core::ProjectId());
            Q_EMIT projectRemoved(removed);
        }
        return;
    }
    const auto *task = std::get_if<Core::TaskEvent>(&event);
    if (!task)
        return; // attempts and logs reach the board through their tasks' own events
    const Core::TaskEvent &taskEvent = *task;
    if (taskEvent.task.projectId != m_projectId)
        return;
    if (!m_loading) {
        apply(taskEvent);
        return;
    }
    // A removal shifts the offset paging under the load and could skip a task: start over. The
    // restarted reads see every change announced so far.
    if (taskEvent.kind == Core::ChangeKind::Deleted) {
        startLoad();
        return;
    }
    m_pendingEvents.append(taskEvent);
}

void BoardModel::apply(const Core::TaskEvent &event)
{
    const Core::Task &task = event.task;
    if (event.kind == Core::ChangeKind::Deleted) {
        for (TaskColumnModel *model : m_columns)
            model->remove(task.id);
        return;
    }
    // Created and Updated are both "the task is now like this": also covers events that overlap
    // a page already loaded. Insert before removing so a view can carry the selection across.
    column(task.status)->upsert(task);
    for (TaskColumnModel *model : m_columns) {
        if (model->status() != task.status)
            model->remove(task.id);
    }
}

void BoardModel::startLoad()
{
    ++m_generation;
    m_loading = true;
    m_loadedTasks.clear();
    m_pendingEvents.clear();
    fetchPage(1);
}

void BoardModel::fetchPage(int page)
{
    Core::TaskQuery query;
    query.projectId = m_projectId;
    query.sort = {Core::SortKey{u"created_at"_s, false}};
    query.page = Core::PageRequest{page, pageSize};
    const quint64 generation = m_generation;
    m_tasks.list(query).then(this,
                             [this, generation](const Core::Result<Core::Page<Core::Task>> &result) {
                                 if (generation != m_generation)
                                     return;
                                 if (!result) {
                                     m_loading = false;
                                     m_pendingEvents.clear();
                                     m_loadedTasks.clear();
                                     Q_EMIT loadFailed(result.error().message);
                                     return;
                                 }
                                 m_loadedTasks.append(result->items);
                                 if (result->hasNext() && !result->items.isEmpty())
                                     fetchPage(result->page + 1);
                                 else
                                     finishLoad();
                             });
}

void BoardModel::finishLoad()
{
    std::array<QList<Core::Task>, Core::allTaskStatuses.size()> byStatus;
    QSet<Core::TaskId> seen;
    for (const Core::Task &task : std::as_const(m_loadedTasks)) {
        if (!seen.contains(task.id)) {
            seen.insert(task.id);
            byStatus[columnIndex(task.status)].append(task);
        }
    }
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        m_columns[i]->setTasks(std::move(byStatus[i]));
    m_loadedTasks.clear();
    m_loading = false;
    const QList<Core::TaskEvent> pending = std::exchange(m_pendingEvents, {});
    for (const Core::TaskEvent &event : pending)
        apply(event);
    Q_EMIT loaded();
}

void BoardModel::clearColumns()
{
    for (TaskColumnModel *model : m_columns)
        model->clear();
}

} // namespace Gui
