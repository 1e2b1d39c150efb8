// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/logmodel.h"

#include "core/attemptservice.h"
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/future.h"
#include "core/jsonparser.h"
#include "core/logentry.h"
#include "core/processhost.h"
#include "core/timestamps.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThreadPool>

#include <algorithm>
#include <array>
#include <limits>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

/// How much one job parses: big enough that a fast agent costs few round trips, small enough
/// that the rows it brings are inserted in well under a frame.
constexpr qint64 jobBytes = 512 * 1024;
/// Event lines kept while the worker is busy; past this the file is read instead.
constexpr qsizetype maxBufferedBytes = 8 * 1024 * 1024;
/// Rows at the end of each batch that come with their bodies: the ones a view following the
/// tail is about to show.
constexpr int detailTail = 64;
constexpr int maxDetailsPerFetch = 256;
constexpr qsizetype detailCacheCost = 4 * 1024 * 1024; // bytes, roughly
constexpr int arenaBlockBytes = 1024 * 1024;

LogEntryKind kindFromString(QStringView kind)
{
    using namespace Core;
    static const std::array<std::pair<QLatin1StringView, LogEntryKind>, 11> kinds{{
        {LogKind::assistantMessage, LogEntryKind::AssistantMessage},
        {LogKind::toolUse, LogEntryKind::ToolUse},
        {LogKind::command, LogEntryKind::Command},
        {LogKind::fileEdit, LogEntryKind::FileEdit},
        {LogKind::toolResult, LogEntryKind::ToolResult},
        {LogKind::thinking, LogEntryKind::Thinking},
        {LogKind::userMessage, LogEntryKind::UserMessage},
        {LogKind::error, LogEntryKind::Error},
        {LogKind::system, LogEntryKind::System},
        {LogKind::usage, LogEntryKind::Usage},
        {LogKind::raw, LogEntryKind::Raw},
    }};
    for (const auto &[name, value] : kinds) {
        if (kind == name)
            return value;
    }
    return LogEntryKind::Raw;
}

quint8 levelFromString(QStringView level)
{
    if (level == "error"_L1)
        return quint8(Core::LogLevel::Error);
    if (level == "warn"_L1 || level == "warning"_L1)
        return quint8(Core::LogLevel::Warn);
    if (level == "debug"_L1)
        return quint8(Core::LogLevel::Debug);
    return quint8(Core::LogLevel::Info);
}

/// "2026-11-22T07:48:27.692Z" (what the engine writes) without QDateTime's general parser.
qint64 timestampMs(const QString &text)
{
    const auto digits = [&text](int at, int count) -> int {
        int value = 0;
        for (int i = at; i < at + count; ++i) {
            const char16_t c = text.at(i).unicode();
            if (c < u'0' || c > u'9')
                return -1;
            value = value * 10 + (c - u'0');
        }
        return value;
    };
    if (text.size() == 24 && text.at(10) == u'T' && text.at(23) == u'Z') {
        const int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
        const int hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2);
        const int ms = digits(20, 3);
        if (std::min({year, month, day, hour, minute, second, ms}) >= 0) {
            const qint64 days = QDate(year, month, day).toJulianDay()
                                - QDate(1970, 1, 1).toJulianDay();
            return ((days * 24 + hour) * 60 + minute) * 60'000 + second * 1000 + ms;
        }
    }
    const QDateTime parsed = Core::fromTimestamp(text);
    return parsed.isValid() ? parsed.toMSecsSinceEpoch() : 0;
}

QByteArray cappedUtf8(QStringView text, int maxBytes)
{
    QByteArray utf8 = text.left(maxBytes).toUtf8();
    if (utf8.size() <= maxBytes)
        return utf8;
    // Cut on a character boundary.
    qsizetype end = maxBytes;
    while (end > 0 && (uchar(utf8.at(end)) & 0xC0) == 0x80)
        --end;
    utf8.truncate(end);
    return utf8;
}

QString firstLine(const QString &text)
{
    qsizetype start = 0;
    while (start < text.size() && text.at(start).isSpace())
        ++start;
    if (start == text.size())
        return {};
    const qsizetype end = text.indexOf(u'\n', start);
    return text.mid(start, end < 0 ? -1 : end - start).trimmed();
}

/// Terminal colour codes and carriage returns, which tool output is full of, out of a line.
QString cleanLine(QStringView line)
{
    QString out;
    out.reserve(std::min<qsizetype>(line.size(), LogModel::maxLineChars + 1));
    for (qsizetype i = 0; i < line.size() && out.size() <= LogModel::maxLineChars; ++i) {
        const QChar c = line.at(i);
        if (c == u'\x1b' && i + 1 < line.size() && line.at(i + 1) == u'[') {
            i += 2;
            while (i < line.size() && !(line.at(i) >= u'@' && line.at(i) <= u'~'))
                ++i;
            continue;
        }
        if (c == u'\t')
            out += u"    "_s;
        else if (c == u'\r')
            continue;
        else
            out += c;
    }
    if (out.size() > LogModel::maxLineChars) {
        out.truncate(LogModel::maxLineChars);
        out += u'…';
    }
    return out;
}

/// The monospace lines of an entry, counted in full, kept up to maxLines when wanted.
struct Lines
{
    int count = 0;
    QStringList kept;
    QByteArray style;

    void add(QStringView text, LogEntryDetail::LineStyle lineStyle, bool keep)
    {
        if (text.isEmpty())
            return;
        qsizetype start = 0;
        while (start <= text.size()) {
            qsizetype end = text.indexOf(u'\n', start);
            if (end < 0)
                end = text.size();
            // No line for the newline that ends the text.
            if (end == text.size() && start == end && start > 0)
                break;
            if (keep && kept.size() < LogModel::maxLines) {
                kept.append(cleanLine(text.mid(start, end - start)));
                style.append(char(lineStyle));
            }
            ++count;
            start = end + 1;
        }
    }
    /// Each line of text behind a marker, in style (diffs).
    void addMarked(QStringView text,
                   QStringView marker,
                   LogEntryDetail::LineStyle lineStyle,
                   bool keep)
    {
        qsizetype start = 0;
        while (start < text.size()) {
            qsizetype end = text.indexOf(u'\n', start);
            if (end < 0)
                end = text.size();
            if (keep && kept.size() < LogModel::maxLines) {
                kept.append(cleanLine(QString(marker + text.mid(start, end - start))));
                style.append(char(lineStyle));
            }
            ++count;
            start = end + 1;
        }
    }
};

void inputLines(const QJsonObject &input, const QJsonValue &rawInput, Lines &lines, bool keep)
{
    using Style = LogEntryDetail::LineStyle;
    if (rawInput.isString()) { // Codex's freeform apply_patch
        const QString patch = rawInput.toString();
        qsizetype start = 0;
        while (start < patch.size()) {
            qsizetype end = patch.indexOf(u'\n', start);
            if (end < 0)
                end = patch.size();
            const QStringView line = QStringView(patch).mid(start, end - start);
            const Style style = line.startsWith(u'+')     ? Style::Added
                                : line.startsWith(u'-')   ? Style::Removed
                                : line.startsWith(u"***") ? Style::Dim
                                                          : Style::Plain;
            lines.add(line, style, keep);
            start = end + 1;
        }
        return;
    }
    if (const QString command = input.value(u"command"_s).toString(); !command.isEmpty()) {
        lines.add(QString(u"$ "_s + command), Style::Plain, keep);
        if (const QString description = input.value(u"description"_s).toString();
            !description.isEmpty())
            lines.add(QString(u"# "_s + description), Style::Dim, keep);
        return;
    }
    if (input.contains(u"old_string"_s) || input.contains(u"new_string"_s)) {
        lines.addMarked(input.value(u"old_string"_s).toString(), u"- ", Style::Removed, keep);
        lines.addMarked(input.value(u"new_string"_s).toString(), u"+ ", Style::Added, keep);
        return;
    }
    if (input.contains(u"content"_s) && input.value(u"content"_s).isString()) {
        lines.addMarked(input.value(u"content"_s).toString(), u"+ ", Style::Added, keep);
        return;
    }
    if (!input.isEmpty()) {
        lines.add(QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Indented)).trimmed(),
                  Style::Plain,
                  keep);
    }
}

} // namespace

qsizetype LogEntryDetail::cost() const
{
    qsizetype bytes = sizeof(LogEntryDetail) + 2 * (text.size() + command.size() + path.size());
    for (const QString &line : lines)
        bytes += 2 * line.size() + 32;
    return bytes;
}

LogModel::Parsed LogModel::parseLine(QByteArrayView line, bool withDetail)
{
    Parsed parsed;
    LogRowInfo &info = parsed.info;
    info.length = quint32(line.size());
    const std::optional<QJsonObject> object = Core::parseJsonObject(line);
    if (!object) {
        info.kind = LogEntryKind::Raw;
        parsed.summary = cappedUtf8(QString::fromUtf8(line.first(
                                        std::min<qsizetype>(line.size(), maxSummaryBytes * 2))),
                                    maxSummaryBytes);
        if (withDetail)
            parsed.detail = std::make_shared<LogEntryDetail>();
        return parsed;
    }
    const QJsonObject &entry = *object;
    info.kind = kindFromString(entry.value("kind"_L1).toString());
    info.level = levelFromString(entry.value("level"_L1).toString());
    info.timestampMs = timestampMs(entry.value("timestamp"_L1).toString());
    const QString message = entry.value("message"_L1).toString();

    std::shared_ptr<LogEntryDetail> detail;
    if (withDetail)
        detail = std::make_shared<LogEntryDetail>();
    Lines lines;
    QString text;
    QString summary = message;
    QString label;
    const bool isError = entry.value("isError"_L1).toBool();

    switch (info.kind) {
    case LogEntryKind::AssistantMessage:
    case LogEntryKind::UserMessage:
    case LogEntryKind::Thinking:
    case LogEntryKind::Error: {
        text = entry.value("text"_L1).toString();
        if (text.isEmpty())
            text = message;
        break;
    }
    case LogEntryKind::ToolUse: {
        label = entry.value("tool"_L1).toString();
        const QJsonValue rawInput = entry.value("input"_L1);
        inputLines(rawInput.toObject(), rawInput, lines, withDetail);
        // "Bash: ls" → "ls": the tool is shown on its own. What the agent says the call is for
        // reads better still (the command itself follows with its result).
        if (const QString description
            = rawInput.toObject().value("description"_L1).toString().trimmed();
            !description.isEmpty()) {
            summary = description;
            info.flags |= LogRowInfo::SummaryIsProse;
        } else if (!label.isEmpty() && summary.startsWith(label + u": "_s))
            summary = summary.mid(label.size() + 2);
        else if (summary == label)
            summary.clear();
        if (detail)
            detail->tool = label;
        break;
    }
    case LogEntryKind::Command: {
        const QString command = entry.value("command"_L1).toString();
        summary = firstLine(command);
        label = entry.value("tool"_L1).toString();
        lines.add(entry.value("output"_L1).toString(), LogEntryDetail::Plain, withDetail);
        if (const QJsonValue code = entry.value("exitCode"_L1); code.isDouble()) {
            info.exitCode = code.toInt();
            info.flags |= LogRowInfo::HasExitCode;
        }
        if (detail) {
            detail->command = command;
            detail->tool = label;
        }
        break;
    }
    case LogEntryKind::FileEdit: {
        const QString path = entry.value("path"_L1).toString();
        summary = path.isEmpty() ? message : path;
        label = isError ? u"failed"_s : entry.value("action"_L1).toString();
        lines.add(entry.value("output"_L1).toString(), LogEntryDetail::Plain, withDetail);
        if (detail) {
            detail->path = path;
            detail->tool = entry.value("tool"_L1).toString();
        }
        break;
    }
    case LogEntryKind::ToolResult: {
        const QString output = entry.value("output"_L1).toString();
        label = entry.value("tool"_L1).toString();
        summary = firstLine(output);
        lines.add(output, LogEntryDetail::Plain, withDetail);
        if (detail)
            detail->tool = label;
        break;
    }
    case LogEntryKind::System:
    case LogEntryKind::Usage:
    case LogEntryKind::Raw: break;
    }
    if (isError)
        info.flags |= LogRowInfo::IsError;
    if (lines.count > 0)
        info.flags |= LogRowInfo::HasLines;
    info.lineCount = quint32(lines.count);
    bool truncated = false;
    if (!text.isEmpty()) {
        info.flags |= LogRowInfo::HasText;
        if (text.size() > maxTextChars) {
            text.truncate(maxTextChars);
            truncated = true;
        }
        info.textChars = quint32(text.size());
        info.textLines = quint32(text.count(u'\n') + 1);
    }
    // Rows drawn from their text keep only the start of it (for DisplayRole and as a
    // placeholder while the text loads): most rows are such rows.
    const bool drawnFromText = info.kind == LogEntryKind::AssistantMessage
                               || info.kind == LogEntryKind::UserMessage
                               || info.kind == LogEntryKind::Error;
    parsed.summary = cappedUtf8(firstLine(summary),
                                drawnFromText ? maxTextSummaryBytes : maxSummaryBytes);
    parsed.label = cappedUtf8(label, 64);
    if (detail) {
        detail->text = std::move(text);
        detail->textTruncated = truncated;
        detail->lines = std::move(lines.kept);
        detail->lineStyle = std::move(lines.style);
        parsed.detail = std::move(detail);
    }
    return parsed;
}

// -- Storage ----------------------------------------------------------------------------------

/// Append-only storage for the rows' summaries: one allocation per megabyte, not per row.
struct LogModel::Arena
{
    std::vector<QByteArray> blocks;

    quint32 add(const QByteArray &a, const QByteArray &b)
    {
        const qsizetype size = a.size() + b.size();
        if (blocks.empty() || blocks.back().size() + size > arenaBlockBytes) {
            blocks.emplace_back();
            blocks.back().reserve(arenaBlockBytes);
        }
        QByteArray &block = blocks.back();
        const auto at = quint32((blocks.size() - 1) * arenaBlockBytes + size_t(block.size()));
        block.append(a);
        block.append(b);
        return at;
    }
    [[nodiscard]] QByteArrayView view(quint32 at, qsizetype size) const
    {
        const QByteArray &block = blocks[at / arenaBlockBytes];
        return QByteArrayView(block).sliced(at % arenaBlockBytes, size);
    }
};

/// One process's log, read up to offset.
struct LogModel::Segment
{
    Core::ProcessId id;
    QString path;
    int rows = 0;
    qint64 offset = 0; ///< Bytes turned into rows.
    /// Read the file from offset (on start, after a gap, or when events came without lines);
    /// otherwise the lines come from the events: their payloads, as they came (no copy), cover
    /// [next - buffered, next).
    bool readFile = true;
    qint64 next = 0;
    QList<QByteArray> buffer;
    qint64 buffered = 0;

    void dropBuffer()
    {
        buffer.clear();
        buffered = 0;
    }
    qint64 knownEnd = 0; ///< The furthest end an event announced.
    int emptyReads = 0;
    bool replayed = false; ///< Has reached the end of its file once.
};

/// What a job hands back to the main thread.
struct LogModel::Batch
{
    std::vector<LogRowInfo> rows;
    QByteArray texts; ///< summary|label of every row, back to back.
    std::vector<std::pair<quint16, quint16>> textSizes; ///< Per row.
    std::vector<std::pair<quint64, std::shared_ptr<LogEntryDetail>>> details;
    qint64 consumed = 0;
    bool fromFile = false;
};

/// Worker side: the rows of chunks (whole lines each), the first byte at offset of the file.
std::shared_ptr<LogModel::Batch> LogModel::parseBatch(const QList<QByteArray> &chunks,
                                                      qint64 offset,
                                                      quint16 segment)
{
    auto batch = std::make_shared<Batch>();
    struct Line
    {
        QByteArrayView text;
        qint64 offset;
    };
    std::vector<Line> lines;
    for (const QByteArray &chunk : chunks) {
        for (qsizetype start = 0; start < chunk.size();) {
            qsizetype end = chunk.indexOf('\n', start);
            if (end < 0)
                end = chunk.size(); // cannot happen: callers pass whole lines
            if (end > start)
                lines.push_back({QByteArrayView(chunk).sliced(start, end - start), offset + start});
            start = end + 1;
        }
        offset += chunk.size();
        batch->consumed += chunk.size();
    }
    batch->rows.reserve(lines.size());
    batch->textSizes.reserve(lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
        Parsed parsed = parseLine(lines[i].text, false);
        // The last rows are the ones a view following the tail shows next: those drawn from
        // their text come with it (folded rows need no body to be drawn).
        if (i + detailTail >= lines.size()
            && (parsed.info.has(LogRowInfo::HasText) && parsed.info.kind != LogEntryKind::Thinking))
            parsed = parseLine(lines[i].text, true);
        parsed.info.offset = lines[i].offset;
        parsed.info.segment = segment;
        batch->texts += parsed.summary;
        batch->texts += parsed.label;
        batch->textSizes.emplace_back(quint16(parsed.summary.size()), quint16(parsed.label.size()));
        if (parsed.detail)
            batch->details.emplace_back(parsed.info.key(), std::move(parsed.detail));
        batch->rows.push_back(parsed.info);
    }
    return batch;
}

// -- Model ------------------------------------------------------------------------------------

LogModel::LogModel(Core::Engine &engine, QObject *parent)
    : QAbstractListModel(parent)
    , m_engine(engine)
    , m_arena(std::make_unique<Arena>())
    , m_details(detailCacheCost)
{
    connect(&m_engine.events(), &Core::EventBus::published, this, &LogModel::onEvent);
}

LogModel::~LogModel() = default;

void LogModel::reset()
{
    ++m_generation;
    m_loaded = false;
    m_jobRunning = false;
    m_fetching = false;
    m_announced.clear();
    m_segments.clear();
    m_worktree.clear();
    // Swapped with empty ones: clear() may keep a deque's blocks.
    std::deque<LogRowInfo>().swap(m_rows);
    std::deque<std::pair<quint32, quint32>>().swap(m_text);
    m_arena = std::make_unique<Arena>();
    m_details.clear();
    m_wanted.clear();
    m_requested.clear();
    m_scheduled = false;
    m_fetchScheduled = false;
    m_settling = false;
    m_settleAgain = false;
}

void LogModel::setAttempt(const Core::AttemptId &attempt)
{
    beginResetModel();
    reset();
    m_attempt = attempt;
    m_replaying = !attempt.isNull();
    endResetModel();
    if (attempt.isNull())
        return;
    const quint64 generation = m_generation;
    m_engine.attempts().get(attempt).then(this,
                                          [this,
                                           generation](const Core::Result<Core::Attempt> &found) {
                                              if (generation == m_generation && found)
                                                  setWorktree(found->worktreePath);
                                          });
    m_engine.attempts()
        .processesOf(attempt)
        .then(this, [this, generation](const Core::Result<QList<Core::ExecutionProcess>> &found) {
            if (generation != m_generation)
                return;
            if (!found) {
                m_loaded = true;
                m_replaying = false;
                Q_EMIT loadFailed(found.error().message);
                return;
            }
            onProcessesLoaded(*found);
        });
}

void LogModel::onProcessesLoaded(const QList<Core::ExecutionProcess> &processes)
{
    m_loaded = true;
    for (const Core::ExecutionProcess &process : processes)
        addSegment(process.id, m_engine.attempts().absoluteLogPath(process));
    // Processes that started while the list was on its way come after those it has.
    for (const auto &[id, path] : std::exchange(m_announced, {})) {
        if (!segment(id))
            addSegment(id, path);
    }
    for (const auto &added : m_segments)
        added->replayed = false; // what the files hold now is the replay
    updateReplaying();
    schedule();
}

LogModel::Segment &LogModel::addSegment(const Core::ProcessId &id, const QString &path)
{
    auto added = std::make_unique<Segment>();
    added->id = id;
    added->path = path;
    // Processes that appear later are live from the start: they are no part of the replay.
    added->replayed = true;
    m_segments.push_back(std::move(added));
    return *m_segments.back();
}

LogModel::Segment *LogModel::segment(const Core::ProcessId &id)
{
    for (const auto &candidate : m_segments) {
        if (candidate->id == id)
            return candidate.get();
    }
    return nullptr;
}

void LogModel::onEvent(const Core::Event &event)
{
    if (m_attempt.isNull())
        return;
    if (const auto *log = std::get_if<Core::LogEvent>(&event)) {
        if (log->attemptId != m_attempt)
            return;
        if (!m_loaded) {
            // The files will be read once the list is there; just remember the process.
            if (std::none_of(m_announced.cbegin(), m_announced.cend(), [log](const auto &known) {
                    return known.first == log->processId;
                }))
                m_announced.append({log->processId, log->logPath});
            return;
        }
        Segment *target = segment(log->processId);
        if (!target)
            target = &addSegment(log->processId, log->logPath);
        onLogEvent(*target, *log);
    } else if (const auto *process = std::get_if<Core::ProcessEvent>(&event)) {
        if (process->process.attemptId != m_attempt || process->kind == Core::ChangeKind::Deleted)
            return;
        const QString path = m_engine.attempts().absoluteLogPath(process->process);
        if (!m_loaded) {
            if (std::none_of(m_announced.cbegin(), m_announced.cend(), [process](const auto &known) {
                    return known.first == process->process.id;
                }))
                m_announced.append({process->process.id, path});
            return;
        }
        if (!segment(process->process.id)) {
            addSegment(process->process.id, path);
            schedule();
        }
        const Core::ProcessStatus status = process->process.status;
        if (status != Core::ProcessStatus::Pending && status != Core::ProcessStatus::Running)
            settle();
    } else if (const auto *attempt = std::get_if<Core::AttemptEvent>(&event)) {
        if (attempt->attempt.id != m_attempt)
            return;
        if (attempt->kind == Core::ChangeKind::Deleted) {
            beginResetModel();
            reset();
            m_attempt = {};
            m_replaying = false;
            endResetModel();
        } else {
            setWorktree(attempt->attempt.worktreePath);
            if (attempt->statusChanged() && Core::isFinished(attempt->attempt.status))
                settle();
        }
    }
}

void LogModel::settle()
{
    if (!m_loaded)
        return; // the replay reads everything anyway
    if (m_settling) {
        m_settleAgain = true;
        return;
    }
    m_settling = true;
    m_engine.processes().sync().then(this, [this, generation = m_generation](const bool &) {
        if (generation != m_generation)
            return;
        m_settling = false;
        // Lines written after the last announcement (the engine's own closing lines) are in
        // the files only. Reading from each segment's offset adds them, and nothing twice.
        for (const auto &candidate : m_segments)
            candidate->readFile = true;
        schedule();
        if (std::exchange(m_settleAgain, false))
            settle();
    });
}

void LogModel::onLogEvent(Segment &target, const Core::LogEvent &event)
{
    target.knownEnd = std::max(target.knownEnd, event.bytesEnd);
    if (!target.readFile && event.bytesEnd > target.next) {
        const bool contiguous = event.bytesStart <= target.next
                                && event.lines.size() == event.bytesEnd - event.bytesStart;
        if (!contiguous || event.lines.isEmpty()) {
            // Without the lines (the engine fell behind) or after a gap: the file has them.
            target.readFile = true;
            target.dropBuffer();
        } else {
            // Usually the event starts where the last one ended: its payload is kept as it is.
            const QByteArray lines = event.bytesStart == target.next
                                         ? event.lines
                                         : event.lines.sliced(target.next - event.bytesStart);
            target.buffer.append(lines);
            target.buffered += lines.size();
            target.next = event.bytesEnd;
            if (target.buffered > maxBufferedBytes) {
                target.readFile = true;
                target.dropBuffer();
            }
        }
    }
    schedule();
}

void LogModel::schedule()
{
    if (m_scheduled || m_jobRunning || !m_loaded)
        return;
    m_scheduled = true;
    // Whatever arrives in this turn of the event loop goes into the same job.
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_generation] {
            if (generation != m_generation)
                return;
            m_scheduled = false;
            startNextJob();
        },
        Qt::QueuedConnection);
}

void LogModel::startNextJob()
{
    if (m_jobRunning || !m_loaded)
        return;
    for (size_t index = 0; index < m_segments.size(); ++index) {
        Segment &candidate = *m_segments[index];
        const auto segmentIndex = quint16(index);
        const quint64 generation = m_generation;
        if (candidate.readFile) {
            m_jobRunning = true;
            Core::runOnPool(*QThreadPool::globalInstance(),
                            [path = candidate.path, offset = candidate.offset, segmentIndex] {
                                const QByteArray data
                                    = Core::readLogLines(path,
                                                         offset,
                                                         std::numeric_limits<qint64>::max(),
                                                         jobBytes);
                                auto batch = parseBatch({data}, offset, segmentIndex);
                                batch->fromFile = true;
                                return batch;
                            })
                .then(this, [this, generation, segmentIndex](const std::shared_ptr<Batch> &batch) {
                    if (generation == m_generation)
                        applyBatch(segmentIndex, *batch);
                });
            return;
        }
        if (!candidate.buffer.isEmpty()) {
            const qint64 offset = candidate.next - candidate.buffered;
            Q_ASSERT(offset == candidate.offset);
            // Whole events, about jobBytes of them.
            QList<QByteArray> chunks;
            qint64 taken = 0;
            while (!candidate.buffer.isEmpty() && (chunks.isEmpty() || taken < jobBytes)) {
                taken += candidate.buffer.constFirst().size();
                chunks.append(candidate.buffer.takeFirst());
            }
            candidate.buffered -= taken;
            m_jobRunning = true;
            Core::runOnPool(*QThreadPool::globalInstance(),
                            [chunks = std::move(chunks), offset, segmentIndex] {
                                return parseBatch(chunks, offset, segmentIndex);
                            })
                .then(this, [this, generation, segmentIndex](const std::shared_ptr<Batch> &batch) {
                    if (generation == m_generation)
                        applyBatch(segmentIndex, *batch);
                });
            return;
        }
    }
}

int LogModel::segmentStart(int segmentIndex) const
{
    int start = 0;
    for (int i = 0; i < segmentIndex; ++i)
        start += m_segments[size_t(i)]->rows;
    return start;
}

void LogModel::applyBatch(int segmentIndex, const Batch &batch)
{
    m_jobRunning = false;
    Segment &target = *m_segments[size_t(segmentIndex)];
    if (!batch.rows.empty()) {
        const int first = segmentStart(segmentIndex) + target.rows;
        const int count = int(batch.rows.size());
        beginInsertRows({}, first, first + count - 1);
        m_rows.insert(m_rows.begin() + first, batch.rows.begin(), batch.rows.end());
        std::vector<std::pair<quint32, quint32>> texts;
        texts.reserve(batch.rows.size());
        qsizetype at = 0;
        for (const auto &[summarySize, labelSize] : batch.textSizes) {
            const QByteArray summary = batch.texts.mid(at, summarySize);
            const QByteArray label = batch.texts.mid(at + summarySize, labelSize);
            at += summarySize + labelSize;
            texts.emplace_back(m_arena->add(summary, label),
                               (quint32(summarySize) << 16) | labelSize);
        }
        m_text.insert(m_text.begin() + first, texts.begin(), texts.end());
        target.rows += count;
        for (const auto &[key, detail] : batch.details) {
            auto *copy = new LogEntryDetail(*detail);
            m_details.insert(key, copy, copy->cost());
        }
        endInsertRows();
    }
    target.offset += batch.consumed;
    if (batch.fromFile) {
        if (batch.consumed > 0) {
            target.emptyReads = 0;
        } else if (target.knownEnd > target.offset && ++target.emptyReads < 3) {
            // An event told of lines that were not there when the read ran: read again.
        } else {
            // The end of the file: from now on the events bring the lines.
            target.readFile = false;
            target.replayed = true;
            target.next = target.offset;
            target.dropBuffer();
            target.emptyReads = 0;
        }
    }
    updateReplaying();
    schedule();
}

void LogModel::updateReplaying()
{
    if (!m_replaying || !m_loaded)
        return;
    for (const auto &candidate : m_segments) {
        if (!candidate->replayed)
            return;
    }
    m_replaying = false;
    Q_EMIT replayFinished();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString LogModel::summary(int row) const
{
    const auto &[at, sizes] = m_text[size_t(row)];
    QString text = QString::fromUtf8(m_arena->view(at, sizes >> 16));
    // Paths in the attempt's worktree, as the user knows them: relative to it.
    const LogEntryKind kind = m_rows[size_t(row)].kind;
    if ((kind == LogEntryKind::FileEdit || kind == LogEntryKind::ToolUse) && !m_worktree.isEmpty()
        && text.startsWith(m_worktree) && text.size() > m_worktree.size()
        && text.at(m_worktree.size()) == u'/')
        text.remove(0, m_worktree.size() + 1);
    return text;
}

void LogModel::setWorktree(const QString &path)
{
    if (path == m_worktree)
        return;
    m_worktree = path;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole});
}

QString LogModel::label(int row) const
{
    const auto &[at, sizes] = m_text[size_t(row)];
    return QString::fromUtf8(m_arena->view(at + (sizes >> 16), sizes & 0xFFFF));
}

Core::ProcessId LogModel::processId(int row) const
{
    return m_segments[m_rows[size_t(row)].segment]->id;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const LogRowInfo &info = m_rows[size_t(row)];
    switch (role) {
    case Qt::DisplayRole: return summary(row);
    case Qt::ToolTipRole:
        return info.timestampMs ? QDateTime::fromMSecsSinceEpoch(info.timestampMs, Qt::UTC)
                                      .toLocalTime()
                                      .toString(Qt::ISODateWithMs)
                                : QVariant();
    case KindRole: return int(info.kind);
    case LevelRole: return int(info.level);
    case TimestampRole:
        return info.timestampMs ? QDateTime::fromMSecsSinceEpoch(info.timestampMs, Qt::UTC)
                                : QVariant();
    case ProcessIdRole: return processId(row).toString();
    case IsErrorRole: return info.has(LogRowInfo::IsError);
    case ExitCodeRole:
        return info.has(LogRowInfo::HasExitCode) ? QVariant(info.exitCode) : QVariant();
    default: break;
    }
    const LogEntryDetail *body = detail(row);
    if (!body)
        return {};
    switch (role) {
    case TextRole: return body->text;
    case LinesRole: return body->lines;
    case CommandRole: return body->command;
    case PathRole: return body->path;
    case ToolRole: return body->tool;
    default: return {};
    }
}

QHash<int, QByteArray> LogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{KindRole, "kind"},
                  {LevelRole, "level"},
                  {TimestampRole, "timestamp"},
                  {ProcessIdRole, "processId"},
                  {IsErrorRole, "isError"},
                  {ExitCodeRole, "exitCode"},
                  {TextRole, "text"},
                  {LinesRole, "lines"},
                  {CommandRole, "command"},
                  {PathRole, "path"},
                  {ToolRole, "tool"}});
    return names;
}

int LogModel::rowOfKey(quint64 key) const
{
    const auto segmentIndex = int(key >> 40);
    const auto offset = qint64(key & ((quint64(1) << 40) - 1));
    if (segmentIndex >= int(m_segments.size()))
        return -1;
    const int first = segmentStart(segmentIndex);
    const auto begin = m_rows.begin() + first;
    const auto end = begin + m_segments[size_t(segmentIndex)]->rows;
    const auto found = std::lower_bound(begin, end, offset, [](const LogRowInfo &row, qint64 at) {
        return row.offset < at;
    });
    return found != end && found->offset == offset ? int(found - m_rows.begin()) : -1;
}

const LogEntryDetail *LogModel::detail(int row) const
{
    const quint64 key = m_rows[size_t(row)].key();
    if (const LogEntryDetail *found = m_details.object(key))
        return found;
    if (!m_requested.contains(key)) {
        m_requested.insert(key);
        m_wanted.append(key);
        scheduleDetailFetch();
    }
    return nullptr;
}

void LogModel::scheduleDetailFetch() const
{
    if (m_fetchScheduled || m_fetching)
        return;
    m_fetchScheduled = true;
    QMetaObject::invokeMethod(
        const_cast<LogModel *>(this),
        [this, generation = m_generation] {
            if (generation != m_generation)
                return;
            m_fetchScheduled = false;
            const_cast<LogModel *>(this)->fetchDetails();
        },
        Qt::QueuedConnection);
}

void LogModel::fetchDetails()
{
    if (m_fetching || m_wanted.isEmpty())
        return;
    struct Wanted
    {
        quint64 key;
        QString path;
        qint64 offset;
        qint64 length;
    };
    QList<Wanted> wanted;
    // The latest asked first: those are the rows on screen now.
    while (!m_wanted.isEmpty() && wanted.size() < maxDetailsPerFetch) {
        const quint64 key = m_wanted.takeLast();
        const int row = rowOfKey(key);
        if (row < 0 || m_details.contains(key)) {
            m_requested.remove(key);
            continue;
        }
        const LogRowInfo &info = m_rows[size_t(row)];
        wanted.append({key, m_segments[info.segment]->path, info.offset, info.length});
    }
    if (wanted.isEmpty())
        return;
    m_fetching = true;
    const quint64 generation = m_generation;
    Core::runOnPool(*QThreadPool::globalInstance(), [wanted] {
        std::vector<std::pair<quint64, std::shared_ptr<LogEntryDetail>>> loaded;
        QFile file;
        for (const Wanted &one : wanted) {
            if (file.fileName() != one.path) {
                file.close();
                file.setFileName(one.path);
                (void) file.open(QIODevice::ReadOnly);
            }
            QByteArray line;
            if (file.isOpen() && file.seek(one.offset))
                line = file.read(one.length);
            auto detail = line.size() == one.length ? parseLine(line, true).detail
                                                    : std::make_shared<LogEntryDetail>();
            loaded.emplace_back(one.key, std::move(detail));
        }
        return loaded;
    }).then(this, [this, generation](const auto &loaded) {
        if (generation != m_generation)
            return;
        m_fetching = false;
        std::vector<int> rows;
        for (const auto &[key, detail] : loaded) {
            m_requested.remove(key);
            auto *copy = new LogEntryDetail(*detail);
            m_details.insert(key, copy, copy->cost());
            if (const int row = rowOfKey(key); row >= 0)
                rows.push_back(row);
        }
        // One signal per run of neighbours: a view re-measures exactly these rows.
        std::sort(rows.begin(), rows.end());
        for (size_t i = 0; i < rows.size();) {
            size_t j = i + 1;
            while (j < rows.size() && rows[j] == rows[j - 1] + 1)
                ++j;
            Q_EMIT dataChanged(index(rows[i]), index(rows[j - 1]));
            i = j;
        }
        if (!m_wanted.isEmpty())
            scheduleDetailFetch();
    });
}

} // namespace Gui
