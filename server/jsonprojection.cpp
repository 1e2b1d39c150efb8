// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/jsonprojection.h"

#include "core/timestamps.h"
#include "server/jsonwriter.h"

using namespace Qt::StringLiterals;

namespace Server {
namespace {

QLatin1StringView changeName(Core::ChangeKind kind)
{
    switch (kind) {
    case Core::ChangeKind::Created: return "created"_L1;
    case Core::ChangeKind::Updated: return "updated"_L1;
    case Core::ChangeKind::Deleted: return "deleted"_L1;
    }
    return {};
}

} // namespace

void writeJson(JsonWriter &json, const Core::Project &project)
{
    json.beginObject()
        .key("id"_L1)
        .value(project.id.toString())
        .key("name"_L1)
        .value(project.name)
        .key("repoPath"_L1)
        .value(project.repoPath)
        .key("baseBranch"_L1)
        .value(project.baseBranch)
        .key("setupScript"_L1)
        .value(project.setupScript)
        .key("devScript"_L1)
        .value(project.devScript)
        .key("cleanupScript"_L1)
        .value(project.cleanupScript)
        .key("copyFiles"_L1)
        .value(project.copyFiles)
        .key("defaultLlm"_L1)
        .value(project.defaultLlm)
        .key("createdAt"_L1)
        .value(Core::toTimestamp(project.createdAt))
        .key("updatedAt"_L1)
        .value(Core::toTimestamp(project.updatedAt))
        .endObject();
}

void writeJson(JsonWriter &json, const Core::Task &task)
{
    json.beginObject()
        .key("id"_L1)
        .value(task.id.toString())
        .key("projectId"_L1)
        .value(task.projectId.toString())
        .key("title"_L1)
        .value(task.title)
        .key("description"_L1)
        .value(task.description)
        .key("status"_L1)
        .value(Core::wireName(task.status))
        .key("priority"_L1)
        .value(Core::wireName(task.priority))
        .key("labels"_L1)
        .value(task.labels)
        .key("llm"_L1)
        .value(task.llm)
        .key("parentAttemptId"_L1)
        .value(task.parentAttemptId)
        .key("createdAt"_L1)
        .value(Core::toTimestamp(task.createdAt))
        .key("updatedAt"_L1)
        .value(Core::toTimestamp(task.updatedAt))
        .endObject();
}

template<typename T>
QByteArray toJsonBytes(const T &value)
{
    JsonWriter json(512);
    writeJson(json, value);
    return json.take();
}

template<typename T>
QByteArray toJsonArrayBytes(const QList<T> &values)
{
    JsonWriter json(values.size() * 400 + 2);
    json.beginArray();
    for (const T &value : values)
        writeJson(json, value);
    json.endArray();
    return json.take();
}

template QByteArray toJsonBytes(const Core::Project &);
template QByteArray toJsonBytes(const Core::Task &);
template QByteArray toJsonArrayBytes(const QList<Core::Project> &);
template QByteArray toJsonArrayBytes(const QList<Core::Task> &);

QList<QByteArray> webSocketMessages(const Core::Event &event)
{
    QList<QByteArray> messages;
    if (const auto *taskEvent = std::get_if<Core::TaskEvent>(&event)) {
        const Core::Task &task = taskEvent->task;
        const QString timestamp = Core::toTimestamp(taskEvent->at);
        JsonWriter json;
        json.beginObject()
            .key("type"_L1)
            .value(QString(u"task."_s + changeName(taskEvent->kind)))
            .key("taskId"_L1)
            .value(task.id.toString())
            .key("projectId"_L1)
            .value(task.projectId.toString());
        if (taskEvent->kind != Core::ChangeKind::Deleted)
            writeJson(json.key("task"_L1), task);
        json.key("timestamp"_L1).value(timestamp).endObject();
        messages.append(json.take());
        if (taskEvent->statusChanged()) {
            JsonWriter status;
            status.beginObject()
                .key("type"_L1)
                .value("task.status_changed"_L1)
                .key("taskId"_L1)
                .value(task.id.toString())
                .key("projectId"_L1)
                .value(task.projectId.toString())
                .key("status"_L1)
                .value(Core::wireName(task.status))
                .key("previousStatus"_L1)
                .value(Core::wireName(*taskEvent->previousStatus))
                .key("timestamp"_L1)
                .value(timestamp)
                .endObject();
            messages.append(status.take());
        }
    } else if (const auto *projectEvent = std::get_if<Core::ProjectEvent>(&event)) {
        JsonWriter json;
        json.beginObject()
            .key("type"_L1)
            .value(QString(u"project."_s + changeName(projectEvent->kind)))
            .key("projectId"_L1)
            .value(projectEvent->project.id.toString());
        if (projectEvent->kind != Core::ChangeKind::Deleted)
            writeJson(json.key("project"_L1), projectEvent->project);
        json.key("timestamp"_L1).value(Core::toTimestamp(projectEvent->at)).endObject();
        messages.append(json.take());
    }
    return messages;
}

} // namespace Server
