// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/events.h"

#include <QAbstractListModel>
#include <QCache>
#include <QList>
#include <QSet>
#include <QStringList>

#include <deque>
#include <memory>
#include <vector>

namespace Core {
class Engine;
} // namespace Core

namespace Gui {

/// The kinds of Core::LogKind, as a byte.
enum class LogEntryKind : quint8 {
    UserMessage,
    AssistantMessage,
    Thinking,
    ToolUse,
    ToolResult,
    Command,
    FileEdit,
    Error,
    System,
    Usage,
    Raw,
};

/// What every row keeps in memory: enough to lay it out and draw its header line. The body
/// (texts, outputs) is read back from the log file when the row is shown (LogEntryDetail).
struct LogRowInfo
{
    enum Flag : quint8 {
        IsError = 0x1,  ///< A failed tool call or edit.
        HasLines = 0x2, ///< Has monospace lines (output, input) to unfold.
        HasText = 0x4,  ///< Has a wrapped text body (markdown or plain).
        HasExitCode = 0x8,
        SummaryIsProse = 0x10, ///< A description in words rather than a command or path.
    };

    qint64 offset = 0;      ///< Of the line in its process's log file.
    qint64 timestampMs = 0; ///< Since the epoch, UTC; 0 if unknown.
    quint32 length = 0;     ///< Of the line, without its newline.
    quint32 textChars = 0;  ///< Of the (capped) text body: for height estimates.
    quint32 textLines = 0;
    quint32 lineCount = 0; ///< Monospace lines, all of them (the detail keeps a capped share).
    qint32 exitCode = 0;
    quint16 segment = 0; ///< Index of the process, in the attempt's order.
    LogEntryKind kind = LogEntryKind::Raw;
    quint8 level = 1; ///< Core::LogLevel.
    quint8 flags = 0;

    [[nodiscard]] bool has(Flag flag) const { return flags & flag; }
    /// Identifies the row for as long as the model shows this attempt, whatever is inserted.
    [[nodiscard]] quint64 key() const { return (quint64(segment) << 40) | quint64(offset); }
};

/// The body of one entry, capped for display. Loaded on demand (see LogModel::detail()).
struct LogEntryDetail
{
    enum LineStyle : quint8 { Plain, Added, Removed, Dim };

    QString text; ///< Markdown for assistant messages, plain text otherwise.
    bool textTruncated = false;
    QStringList lines;    ///< Output, input or diff lines, at most maxLines of them.
    QByteArray lineStyle; ///< One LineStyle per line.
    QString command;      ///< Commands: as run.
    QString path;         ///< File edits.
    QString tool;         ///< Tool calls and their results.

    [[nodiscard]] qsizetype cost() const;
};

/// The normalized entries of one attempt, every process in the order they were created, as a
/// flat list: first what the log files hold, read off the main thread, then what the engine
/// announces while the attempt runs, with no gap and no duplicate (byte offsets, as the HTTP
/// log stream does). When a process ends, the rest of its file is read once the engine's writer
/// has caught up (its last lines are not announced). Rows are compact (LogRowInfo); bodies are
/// read back from the files for the rows on screen and cached.
class LogModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogModel)

public:
    enum Role {
        KindRole = Qt::UserRole + 1, ///< LogEntryKind, as int.
        LevelRole,                   ///< Core::LogLevel, as int.
        TimestampRole,               ///< QDateTime (UTC).
        ProcessIdRole,               ///< QString.
        IsErrorRole,
        ExitCodeRole, ///< int, or invalid.
        /// The following are loaded on demand: invalid until dataChanged() says they are there.
        TextRole,
        LinesRole, ///< QStringList of output/input lines (capped).
        CommandRole,
        PathRole,
        ToolRole,
    };

    static constexpr int maxLines = 200;           ///< Monospace lines kept per entry.
    static constexpr int maxLineChars = 400;       ///< Longer lines are cut.
    static constexpr int maxTextChars = 24000;     ///< Longer texts are cut.
    static constexpr int maxSummaryBytes = 240;    ///< Of the header line kept in memory.
    static constexpr int maxTextSummaryBytes = 64; ///< The same for rows drawn from their text.

    explicit LogModel(Core::Engine &engine, QObject *parent = nullptr);
    ~LogModel() override;

    /// Shows the entries of attempt (none for a null id): replays its logs, then follows it.
    void setAttempt(const Core::AttemptId &attempt);
    [[nodiscard]] Core::AttemptId attemptId() const { return m_attempt; }
    /// True from setAttempt() until the stored logs have all been read.
    [[nodiscard]] bool isReplaying() const { return m_replaying; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] const LogRowInfo &info(int row) const { return m_rows[size_t(row)]; }
    /// The one-line summary: the command, the path (relative to the worktree), the message.
    [[nodiscard]] QString summary(int row) const;
    /// A short label next to it: the tool name, or the verb of an edit.
    [[nodiscard]] QString label(int row) const;
    [[nodiscard]] Core::ProcessId processId(int row) const;
    /// The body of row if it is loaded; otherwise nullptr, and it is being loaded: dataChanged()
    /// follows. The pointer is valid until control returns to the event loop.
    [[nodiscard]] const LogEntryDetail *detail(int row) const;
    /// The row showing the line at key (LogRowInfo::key()), or -1.
    [[nodiscard]] int rowOfKey(quint64 key) const;

Q_SIGNALS:
    /// The stored logs have been read; entries from now on are live.
    void replayFinished();
    void loadFailed(const QString &message);

private:
    /// One normalized log line as the model keeps it (worker side).
    struct Parsed
    {
        LogRowInfo info;
        QByteArray summary;
        QByteArray label;
        std::shared_ptr<LogEntryDetail> detail; ///< Only when asked for.
    };
    [[nodiscard]] static Parsed parseLine(QByteArrayView line, bool withDetail);

    struct Segment;
    struct Batch;
    struct Arena;

    /// Worker side: the rows of chunks (whole lines), whose first byte is at offset of the file.
    [[nodiscard]] static std::shared_ptr<Batch> parseBatch(const QList<QByteArray> &chunks,
                                                           qint64 offset,
                                                           quint16 segment);
    void reset();
    void onEvent(const Core::Event &event);
    void onProcessesLoaded(const QList<Core::ExecutionProcess> &processes);
    Segment &addSegment(const Core::ProcessId &id, const QString &path);
    [[nodiscard]] Segment *segment(const Core::ProcessId &id);
    void onLogEvent(Segment &segment, const Core::LogEvent &event);
    void schedule();
    void startNextJob();
    void applyBatch(int segmentIndex, const Batch &batch);
    [[nodiscard]] int segmentStart(int segmentIndex) const;
    void scheduleDetailFetch() const;
    void fetchDetails();
    void updateReplaying();
    /// After a process or the attempt ended: once the writer has caught up, every file is read
    /// to its end.
    void settle();
    void setWorktree(const QString &path);

    Core::Engine &m_engine;
    Core::AttemptId m_attempt;
    QString m_worktree;
    quint64 m_generation = 0;
    bool m_loaded = false; ///< The process list has arrived.
    bool m_replaying = false;
    bool m_jobRunning = false;
    bool m_scheduled = false;
    bool m_settling = false;
    bool m_settleAgain = false;
    /// Processes announced while the list was loading, in the order they were.
    QList<std::pair<Core::ProcessId, QString>> m_announced;

    std::vector<std::unique_ptr<Segment>> m_segments;
    /// Deques: growing one never copies what it holds (a vector of 300k rows would, on the main
    /// thread) and keeps no slack of half its size.
    std::deque<LogRowInfo> m_rows;
    std::unique_ptr<Arena> m_arena;
    std::deque<std::pair<quint32, quint32>> m_text; ///< Per row: arena offset, summary|label.

    mutable QCache<quint64, LogEntryDetail> m_details;
    mutable QList<quint64> m_wanted;   ///< Bodies to load, latest asked last.
    mutable QSet<quint64> m_requested; ///< Wanted or being loaded.
    mutable bool m_fetchScheduled = false;
    bool m_fetching = false;
};

} // namespace Gui
