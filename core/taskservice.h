// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/future.h"
#include "core/query.h"
#include "core/task.h"

#include <QObject>

namespace Core {

class Database;
class EventBus;

/// Creates, changes and removes tasks and announces each committed change on the event bus.
class TaskService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskService)

public:
    TaskService(Database &database, EventBus &events, QObject *parent = nullptr);

    [[nodiscard]] Future<Result<Task>> create(const NewTask &input);
    [[nodiscard]] Future<Result<Task>> update(const TaskId &id, const TaskPatch &patch);
    /// Returns the task as it was.
    [[nodiscard]] Future<Result<Task>> remove(const TaskId &id);
    [[nodiscard]] Future<Result<Task>> get(const TaskId &id);
    /// Re-reads the task and announces it as updated: its attempts changed, so did its summary.
    void announce(const TaskId &id);
    /// An unknown projectId filter is a NotFound error rather than an empty page.
    [[nodiscard]] Future<Result<Page<Task>>> list(const TaskQuery &query);

private:
    Database &m_database;
    EventBus &m_events;
};

} // namespace Core
