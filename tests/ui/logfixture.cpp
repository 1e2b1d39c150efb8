// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/ui/logfixture.h"

#include "core/attemptservice.h"
#include "core/attemptstore.h"
#include "core/database.h"
#include "core/eventbus.h"
#include "core/timestamps.h"
#include "tests/support/futures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Test {

LogFixture::LogFixture()
{
    if (!m_board.isValid())
        return;
    const auto project = m_board.createProject(u"logs"_s);
    if (!project)
        return;
    const auto task = m_board.createTask(project->id, u"Watch the log"_s);
    if (!task)
        return;
    m_task = *task;
    m_attempt.id = Core::AttemptId::generate();
    m_attempt.taskId = m_task.id;
    m_attempt.llm = u"claude"_s;
    m_attempt.status = Core::AttemptStatus::Running;
    m_attempt.createdAt = Core::nowUtc();
    m_attempt.updatedAt = m_attempt.createdAt;
    const Core::Attempt attempt = m_attempt;
    const auto stored = await(engine().database().write(
        [attempt](Core::SqlConnection &sql) { return Core::AttemptStore::insert(sql, attempt); }));
    m_valid = stored && *stored;
}

Core::ProcessId LogFixture::addProcess(bool announce)
{
    Core::ExecutionProcess process;
    process.id = Core::ProcessId::generate();
    process.attemptId = m_attempt.id;
    process.kind = Core::ProcessKind::Agent;
    process.status = Core::ProcessStatus::Running;
    process.executor = u"claude"_s;
    process.logPath = u"logs/%1/%2.ndjson"_s.arg(m_attempt.id.toString(), process.id.toString());
    // Distinct creation times keep the stored order the order of the calls.
    process.createdAt = Core::nowUtc().addMSecs(m_processes.size());
    const auto stored = await(engine().database().write(
        [process](Core::SqlConnection &sql) { return Core::AttemptStore::insert(sql, process); }));
    if (!stored || !*stored)
        return {};
    m_processes.insert(process.id.toString(), process);
    m_nextSeq.insert(process.id.toString(), 1);
    QDir().mkpath(QFileInfo(logPath(process.id)).absolutePath());
    QFile file(logPath(process.id));
    (void) file.open(QIODevice::WriteOnly);
    if (announce) {
        engine().events().publish(
            Core::ProcessEvent{Core::ChangeKind::Created, process, m_task.id, {}, Core::nowUtc()});
    }
    return process.id;
}

QString LogFixture::logPath(const Core::ProcessId &process) const
{
    return engine().attempts().absoluteLogPath(m_processes.value(process.toString()));
}

QByteArray LogFixture::linesFor(const Core::ProcessId &process, const QList<Core::LogEntry> &entries)
{
    QByteArray lines;
    qint64 &seq = m_nextSeq[process.toString()];
    for (const Core::LogEntry &entry : entries)
        lines += entry.toJsonLine(seq++, process.toString());
    return lines;
}

std::pair<qint64, qint64> LogFixture::write(const Core::ProcessId &process, const QByteArray &lines)
{
    QFile file(logPath(process));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
        return {0, 0};
    const qint64 start = file.size();
    file.write(lines);
    return {start, start + lines.size()};
}

void LogFixture::announce(const Core::ProcessId &process,
                          qint64 start,
                          qint64 end,
                          const QByteArray &lines)
{
    engine().events().publish(
        Core::LogEvent{m_attempt.id, m_task.id, process, logPath(process), lines, start, end, 0});
}

std::pair<qint64, qint64> LogFixture::append(const Core::ProcessId &process,
                                             const QList<Core::LogEntry> &entries)
{
    const QByteArray lines = linesFor(process, entries);
    const auto range = write(process, lines);
    announce(process, range.first, range.second, lines);
    return range;
}

QList<Core::LogEntry> LogFixture::entries(const QString &prefix, int first, int count)
{
    using namespace Core;
    QList<LogEntry> out;
    out.reserve(count);
    for (int i = first; i < first + count; ++i) {
        const QString message = u"%1 %2"_s.arg(prefix).arg(i);
        LogEntry entry;
        entry.message = message;
        entry.timestamp = nowUtc();
        entry.stream = u"stdout"_s;
        switch (i % 5) {
        case 0:
            entry.kind = LogKind::assistantMessage;
            entry.fields = QJsonObject{
                {u"text"_s, QString(message + u"\n\nSome **bold** words and `code`."_s)}};
            break;
        case 1:
            entry.kind = LogKind::toolUse;
            entry.fields = {{u"tool"_s, u"Bash"_s},
                            {u"action"_s, u"command"_s},
                            {u"input"_s, QJsonObject{{u"command"_s, u"ls -la"_s}}}};
            entry.message = message;
            break;
        case 2:
            entry.kind = LogKind::command;
            entry.fields = {{u"command"_s, message},
                            {u"output"_s, u"total 0\nfile-a\nfile-b\n"_s},
                            {u"exitCode"_s, 0},
                            {u"isError"_s, false}};
            break;
        case 3:
            entry.kind = LogKind::fileEdit;
            entry.fields = {{u"path"_s, message},
                            {u"action"_s, u"edit"_s},
                            {u"isError"_s, false},
                            {u"output"_s, u"The file has been updated."_s}};
            break;
        default:
            entry.kind = LogKind::thinking;
            entry.fields = QJsonObject{
                {u"text"_s, QString(message + u": first the tests, then the fix."_s)}};
            break;
        }
        out.append(entry);
    }
    return out;
}

} // namespace Test
