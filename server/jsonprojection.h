// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/events.h"

#include <QByteArray>
#include <QList>

namespace Core {
class JsonWriter;
}

namespace Server {

using Core::JsonWriter;

/// The API's view of the model: camelCase fields, ISO-8601 UTC timestamps, nulls for unset.
void writeJson(JsonWriter &json, const Core::Project &project);
void writeJson(JsonWriter &json, const Core::Task &task);
void writeJson(JsonWriter &json, const Core::Attempt &attempt);
void writeJson(JsonWriter &json, const Core::ExecutionProcess &process);

template<typename T>
[[nodiscard]] QByteArray toJsonBytes(const T &value);
template<typename T>
[[nodiscard]] QByteArray toJsonArrayBytes(const QList<T> &values);

/// The WebSocket messages an event becomes, in order ("task.updated" then "task.status_changed"
/// when an update moved a task).
[[nodiscard]] QList<QByteArray> webSocketMessages(const Core::Event &event);
/// The attempt.log message for lines (NDJSON as stored) at [bytesStart, bytesEnd) of the log
/// of event's process.
[[nodiscard]] QByteArray attemptLogMessage(const Core::LogEvent &event,
                                           QByteArrayView lines,
                                           qint64 bytesStart,
                                           qint64 bytesEnd);

} // namespace Server
