// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/logentry.h"
#include "tests/ui/boardfixture.h"

#include <QHash>

namespace Test {

/// An attempt whose processes are stored as the engine stores them, with logs that the test
/// writes itself and announces on the event bus the way the engine does (LogEvent: the byte
/// range of the file, with or without the lines). Lets a test decide exactly when lines reach
/// the disk and when they are announced.
class LogFixture final
{
public:
    LogFixture();

    [[nodiscard]] bool isValid() const { return m_valid; }
    [[nodiscard]] Core::Engine &engine() const { return m_board.engine(); }
    [[nodiscard]] const Core::AttemptId &attemptId() const { return m_attempt.id; }

    /// A new process of the attempt, stored; announced (ProcessEvent) if announce is set.
    Core::ProcessId addProcess(bool announce = true);
    [[nodiscard]] QString logPath(const Core::ProcessId &process) const;

    /// The NDJSON of entries as the engine writes them for process (seq numbers continue).
    QByteArray linesFor(const Core::ProcessId &process, const QList<Core::LogEntry> &entries);
    /// Appends lines to the process's log; returns the byte range they took.
    std::pair<qint64, qint64> write(const Core::ProcessId &process, const QByteArray &lines);
    /// Announces [start, end) of the process's log, carrying lines (empty: "read the file").
    void announce(const Core::ProcessId &process, qint64 start, qint64 end, const QByteArray &lines);
    /// write() then announce() with the lines, as the engine does while it keeps up.
    std::pair<qint64, qint64> append(const Core::ProcessId &process,
                                     const QList<Core::LogEntry> &entries);

    /// Entries with the messages "<prefix> <first>" … in the normalizer's shapes: assistant
    /// text, tool calls with output, file edits, thinking.
    static QList<Core::LogEntry> entries(const QString &prefix, int first, int count);

private:
    BoardFixture m_board;
    Core::Task m_task;
    Core::Attempt m_attempt;
    QHash<QString, Core::ExecutionProcess> m_processes;
    QHash<QString, qint64> m_nextSeq;
    bool m_valid = false;
};

} // namespace Test
