// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/logentry.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>

#include <memory>
#include <optional>

namespace Core {

/// Turns one agent's output, line by line, into LogEntry values, and notes the facts the engine
/// needs: the agent's session id, its model, its token usage and cost, its final message, and
/// whether it reported failure. One instance per process; not thread-bound, not thread-safe.
class LogNormalizer
{
public:
    /// Formats: "claude" (Claude Code, Cursor, Amp stream-json), "codex", "gemini" (also Qwen),
    /// "opencode", "plain". Unknown names fall back to "plain".
    [[nodiscard]] static std::unique_ptr<LogNormalizer> create(const QString &format);
    [[nodiscard]] static QStringList formats();

    virtual ~LogNormalizer() = default;

    /// One complete line, without its newline.
    void feed(QByteArrayView line, bool isStderr, QList<LogEntry> &out);
    /// The stream ended: flush anything held back (coalesced text deltas).
    virtual void finish(QList<LogEntry> &out);

    [[nodiscard]] const std::optional<QString> &sessionId() const { return m_sessionId; }
    [[nodiscard]] const std::optional<QString> &model() const { return m_model; }
    [[nodiscard]] const Usage &usage() const { return m_usage; }
    [[nodiscard]] const QString &summary() const { return m_summary; }
    /// The agent said, in its own terms, that the run failed.
    [[nodiscard]] bool reportedFailure() const { return m_reportedFailure; }
    /// The agent printed its closing line (Claude's result, Codex's turn.completed, …).
    [[nodiscard]] bool reportedEnd() const { return m_reportedEnd; }

protected:
    virtual void feedStdout(QByteArrayView line, QList<LogEntry> &out) = 0;

    static LogEntry entry(QLatin1StringView kind,
                          LogLevel level,
                          const QString &message,
                          QJsonObject fields = {});
    static LogEntry rawEntry(QByteArrayView line, const QString &why);
    /// A shortened one-line preview for messages.
    static QString preview(const QString &text, int length = 200);

    std::optional<QString> m_sessionId;
    std::optional<QString> m_model;
    Usage m_usage;
    QString m_summary;
    bool m_reportedFailure = false;
    bool m_reportedEnd = false;
};

} // namespace Core
