// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/logentry.h"

#include "core/jsonwriter.h"
#include "core/timestamps.h"

#include <QFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Core {

QString wireName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug: return u"debug"_s;
    case LogLevel::Info: return u"info"_s;
    case LogLevel::Warn: return u"warn"_s;
    case LogLevel::Error: return u"error"_s;
    }
    return {};
}

std::optional<LogLevel> logLevelFromString(const QString &text)
{
    for (LogLevel level : {LogLevel::Debug, LogLevel::Info, LogLevel::Warn, LogLevel::Error}) {
        if (wireName(level) == text)
            return level;
    }
    if (text == "warning"_L1)
        return LogLevel::Warn;
    return std::nullopt;
}

QStringList LogKind::all()
{
    return {userMessage,
            assistantMessage,
            thinking,
            toolUse,
            toolResult,
            command,
            fileEdit,
            error,
            system,
            usage,
            raw};
}

QByteArray LogEntry::toJsonLine(qint64 seq, const QString &processId) const
{
    static const QStringList envelope{u"seq"_s,
                                      u"timestamp"_s,
                                      u"level"_s,
                                      u"kind"_s,
                                      u"message"_s,
                                      u"stream"_s,
                                      u"processId"_s};
    // The envelope first: filters look for the first "level" and "timestamp" in a line, and
    // a tool's input may hold keys of the same name further on.
    JsonWriter json(256 + message.size() * 2);
    json.beginObject()
        .key("seq"_L1)
        .value(seq)
        .key("timestamp"_L1)
        .value(toTimestamp(timestamp.isValid() ? timestamp : nowUtc()))
        .key("level"_L1)
        .value(wireName(level))
        .key("kind"_L1)
        .value(kind)
        .key("message"_L1)
        .value(message)
        .key("stream"_L1)
        .value(stream)
        .key("processId"_L1)
        .value(processId);
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (!envelope.contains(it.key()))
            json.key(it.key()).value(it.value());
    }
    QByteArray line = json.endObject().take();
    line.append('\n');
    return line;
}

QByteArray readLogLines(const QString &path, qint64 from, qint64 to, qint64 chunkBytes)
{
    QFile file(path);
    if (from >= to || !file.open(QIODevice::ReadOnly) || !file.seek(from))
        return {};
    QByteArray data = file.read(std::min(chunkBytes, to - from));
    // A line longer than a chunk is read whole.
    while (!data.isEmpty() && data.lastIndexOf('\n') < 0 && from + data.size() < to) {
        const QByteArray more = file.read(std::min(chunkBytes, to - from - data.size()));
        if (more.isEmpty())
            break;
        data += more;
    }
    data.truncate(data.lastIndexOf('\n') + 1);
    return data;
}

LogEntry engineEntry(LogLevel level, const QString &message, const QJsonObject &fields)
{
    return {LogKind::system, level, message, nowUtc(), u"forgedesk"_s, fields};
}

} // namespace Core
