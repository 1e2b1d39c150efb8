// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core {

/// Severity, ordered; a "level" filter keeps entries at or above it.
enum class LogLevel { Debug, Info, Warn, Error };

[[nodiscard]] QString wireName(LogLevel level);
[[nodiscard]] std::optional<LogLevel> logLevelFromString(const QString &text);

/// The kinds of CONTRACT.md; anything an agent prints that we do not understand becomes "raw",
/// with the original line kept.
namespace LogKind {
inline constexpr QLatin1StringView userMessage{"user_message"};
inline constexpr QLatin1StringView assistantMessage{"assistant_message"};
inline constexpr QLatin1StringView thinking{"thinking"};
inline constexpr QLatin1StringView toolUse{"tool_use"};
inline constexpr QLatin1StringView toolResult{"tool_result"};
inline constexpr QLatin1StringView command{"command"};
inline constexpr QLatin1StringView fileEdit{"file_edit"};
inline constexpr QLatin1StringView error{"error"};
inline constexpr QLatin1StringView system{"system"};
inline constexpr QLatin1StringView usage{"usage"};
inline constexpr QLatin1StringView raw{"raw"};
[[nodiscard]] QStringList all();
} // namespace LogKind

/// One normalized line of an attempt's log.
struct LogEntry
{
    QString kind;
    LogLevel level = LogLevel::Info;
    QString message; ///< Human-readable, one line, shortened.
    QDateTime timestamp;
    QString stream;     ///< "stdout", "stderr" or "forgedesk" (the engine's own lines).
    QJsonObject fields; ///< Kind-specific: text, tool, input, output, exitCode, path, …

    /// One NDJSON line (with the trailing newline) as stored and served.
    [[nodiscard]] QByteArray toJsonLine(qint64 seq, const QString &processId) const;
};

/// The whole lines of an NDJSON log at path from offset from, up to offset to and about
/// chunkBytes at a time (a longer line is read whole): empty if the file cannot be read or has
/// no complete line there. Blocking: for a worker thread.
[[nodiscard]] QByteArray readLogLines(const QString &path,
                                      qint64 from,
                                      qint64 to,
                                      qint64 chunkBytes);

[[nodiscard]] LogEntry engineEntry(LogLevel level,
                                   const QString &message,
                                   const QJsonObject &fields = {});

} // namespace Core
