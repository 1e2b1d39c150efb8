// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/boardmodel.h"

#include "core/engine.h"
#include "core/eventbus.h"
#include "core/taskservice.h"
#include "ui/taskcolumnmodel.h"

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

Q_LOGGING_CATEGORY(lcBoard, "forgedesk.ui.board")

constexpr std::size_t columnIndex(Core::TaskStatus status)
{
    return std::size_t(status);
}

} // namespace

BoardModel::BoardModel(Core::Engine &engine, QObject *parent)
    : QObject(parent)
    , m_tasks(engine.tasks())
    , m_activityReader(engine.database())
{
    static_assert(columnIndex(Core::allTaskStatuses.back()) == Core::allTaskStatuses.size() - 1);
    for (Core::TaskStatus status : Core::allTaskStatuses) {
        auto *model = new TaskColumnModel(status, m_tasks, this);
        model->setObjectName(u"column-"_s + Core::wireName(status));
        model->setActivities(&m_activities);
        connect(model, &TaskColumnModel::moveFailed, this, &BoardModel::moveFailed);
        m_columns[columnIndex(status)] = model;
    }
    connect(&engine.events(), &Core::EventBus::published, this, &BoardModel::onEvent);
}

void BoardModel::setProject(const Core::ProjectId &id)
{
    m_projectId = id;
    clearColumns();
    m_activities.clear();
    m_activitySource.clear();
    m_staleTasks.clear();
    m_staleAttempts.clear();
    if (id.isNull()) {
        ++m_generation;
        m_loading = false;
        m_loadedTasks.clear();
        m_pendingEvents.clear();
        Q_EMIT projectChanged(id);
        return;
    }
    startLoad();
    Q_EMIT projectChanged(id);
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

Core::TaskActivity BoardModel::activity(const Core::TaskId &id) const
{
    return m_activities.value(id);
}

QStringList BoardModel::labels() const
{
    QSet<QString> seen;
    for (const TaskColumnModel *model : m_columns) {
        for (const Core::Task &task : model->tasks()) {
            for (const QString &label : task.labels)
                seen.insert(label);
        }
    }
    QStringList labels(seen.cbegin(), seen.cend());
    std::sort(labels.begin(), labels.end(), [](const QString &a, const QString &b) {
        return QString::compare(a, b, Qt::CaseInsensitive) < 0;
    });
    return labels;
}

QStringList BoardModel::agents() const
{
    QSet<QString> seen;
    for (const TaskColumnModel *model : m_columns) {
        for (const Core::Task &task : model->tasks()) {
            if (task.llm && !task.llm->isEmpty())
                seen.insert(*task.llm);
        }
    }
    for (const Core::TaskActivity &activity : m_activities) {
        for (const QString &agent : activity.agents)
            seen.insert(agent);
    }
    QStringList agents(seen.cbegin(), seen.cend());
    agents.sort();
    return agents;
}

bool BoardModel::isOnBoard(const Core::TaskId &id) const
{
    return std::any_of(m_columns.cbegin(), m_columns.cend(), [&id](const TaskColumnModel *model) {
        return model->rowOf(id) >= 0;
    });
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
    // Attempts change their task's summary through the task's own event; what the summary does
    // not hold (cost, approvals, agents) is read again for just that task.
    if (const auto *attemptEvent = std::get_if<Core::AttemptEvent>(&event)) {
        queueActivity(attemptEvent->attempt.taskId);
        return;
    }
    if (const auto *approvalEvent = std::get_if<Core::ApprovalEvent>(&event)) {
        queueActivity(approvalEvent->approval.attemptId);
        return;
    }
    const auto *task = std::get_if<Core::TaskEvent>(&event);
    if (!task)
        return; // processes, logs and drafts do not show on cards
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
        m_activities.remove(task.id);
        m_activitySource.remove(task.id);
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
    loadActivity();
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

void BoardModel::loadActivity()
{
    // A restarted load keeps what was read already: a newer answer replaces it task by task.
    const quint64 generation = m_generation;
    const quint64 ticket = ++m_activityTicket;
    m_activityReader.forProject(m_projectId)
        .then(this, [this, generation, ticket](const Core::Result<Core::TaskActivities> &found) {
            if (generation != m_generation)
                return;
            if (!found) {
                // The cards lack cost and approvals, nothing worse: not worth the user's attention.
                qCWarning(lcBoard).noquote()
                    << "cannot read the tasks' activity:" << found.error().message;
                return;
            }
            applyActivity(*found, ticket, true);
        });
}

void BoardModel::queueActivity(const Core::TaskId &task)
{
    // While loading, any task may turn out to be on the board; afterwards, only the columns'.
    if (task.isNull() || (!m_loading && !isOnBoard(task)))
        return;
    m_staleTasks.insert(task);
    if (!std::exchange(m_activityReadQueued, true))
        QTimer::singleShot(0, this, &BoardModel::readQueuedActivity);
}

void BoardModel::queueActivity(const Core::AttemptId &attempt)
{
    if (attempt.isNull())
        return;
    m_staleAttempts.insert(attempt);
    if (!std::exchange(m_activityReadQueued, true))
        QTimer::singleShot(0, this, &BoardModel::readQueuedActivity);
}

void BoardModel::readQueuedActivity()
{
    m_activityReadQueued = false;
    if (m_projectId.isNull())
        return;
    const quint64 generation = m_generation;
    const auto apply = [this, generation](quint64 ticket) {
        return [this, generation, ticket](const Core::Result<Core::TaskActivities> &found) {
            if (generation != m_generation)
                return;
            if (!found) {
                qCWarning(lcBoard).noquote()
                    << "cannot read a task's activity:" << found.error().message;
                return;
            }
            applyActivity(*found, ticket, false);
        };
    };
    if (!m_staleTasks.isEmpty()) {
        const QList<Core::TaskId> tasks(m_staleTasks.cbegin(), m_staleTasks.cend());
        m_staleTasks.clear();
        m_activityReader.forTasks(tasks).then(this, apply(++m_activityTicket));
    }
    if (!m_staleAttempts.isEmpty()) {
        const QList<Core::AttemptId> attempts(m_staleAttempts.cbegin(), m_staleAttempts.cend());
        m_staleAttempts.clear();
        m_activityReader.forAttempts(attempts).then(this, apply(++m_activityTicket));
    }
}

void BoardModel::applyActivity(const Core::TaskActivities &found, quint64 ticket, bool wholeProject)
{
    QList<Core::TaskId> changed;
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        const Core::TaskId &id = it.key();
        // Approvals name attempts, not projects: skip other boards' tasks once ours are known.
        if (!wholeProject && !m_loading && !isOnBoard(id))
            continue;
        quint64 &source = m_activitySource[id];
        if (source > ticket)
            continue;
        source = ticket;
        const Core::TaskActivity previous = m_activities.value(id);
        if (previous == *it)
            continue;
        if (it->isEmpty())
            m_activities.remove(id);
        else
            m_activities.insert(id, *it);
        changed.append(id);
    }
    if (changed.isEmpty())
        return;
    for (TaskColumnModel *model : m_columns) {
        if (wholeProject)
            model->allActivityChanged();
        else
            model->activityChanged(changed);
    }
}

} // namespace Gui
