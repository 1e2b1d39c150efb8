// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/logentry.h"

#include "core/timestamps.h"

#include <QJsonDocument>

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
    QJsonObject object = fields;
    object.insert(u"seq"_s, seq);
    object.insert(u"timestamp"_s, toTimestamp(timestamp.isValid() ? timestamp : nowUtc()));
    object.insert(u"level"_s, wireName(level));
    object.insert(u"kind"_s, kind);
    object.insert(u"message"_s, message);
    object.insert(u"stream"_s, stream);
    object.insert(u"processId"_s, processId);
    QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    line.append('\n');
    return line;
}

LogEntry engineEntry(LogLevel level, const QString &message, const QJsonObject &fields)
{
    return {LogKind::system, level, message, nowUtc(), u"forgedesk"_s, fields};
}

} // namespace Core
