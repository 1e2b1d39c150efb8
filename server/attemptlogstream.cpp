// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/attemptlogstream.h"

#include "core/attemptservice.h"
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/processhost.h"
#include "server/httpconnection.h"

#include <QThreadPool>

#include <limits>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

constexpr qint64 chunkBytes = 256 * 1024;
constexpr qint64 maxPendingBytes = 1024 * 1024;

QByteArray fieldOf(const QByteArray &line, QByteArrayView key)
{
    const qsizetype at = line.indexOf(key);
    if (at < 0)
        return {};
    const qsizetype start = at + key.size();
    const qsizetype end = line.indexOf('"', start);
    return end < 0 ? QByteArray() : line.mid(start, end - start);
}

} // namespace

void AttemptLogStream::serve(Core::Engine &engine,
                             const Core::AttemptId &id,
                             const Filter &filter,
                             bool follow,
                             const Responder &responder,
                             QObject *parent)
{
    engine.attempts().get(id).then(
        parent,
        [&engine, id, filter, follow, responder, parent](
            const Core::Result<Core::Attempt> &attempt) {
            if (!attempt)
                return responder.sendError(attempt.error());
            responder.beginStream(200,
                                  {{"Content-Type"_ba, "application/x-ndjson; charset=utf-8"_ba}});
            auto *stream = new AttemptLogStream(engine, id, filter, follow, responder, parent);
            stream->loadProcesses();
        });
}

AttemptLogStream::AttemptLogStream(Core::Engine &engine,
                                   Core::AttemptId id,
                                   Filter filter,
                                   bool follow,
                                   Responder responder,
                                   QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_id(std::move(id))
    , m_filter(std::move(filter))
    , m_follow(follow)
    , m_responder(std::move(responder))
{
    connect(&m_engine.events(), &Core::EventBus::published, this, &AttemptLogStream::onEvent);
    if (HttpConnection *connection = m_responder.connection()) {
        connect(connection, &HttpConnection::drained, this, &AttemptLogStream::pump);
        connect(connection, &HttpConnection::closed, this, [this] {
            m_done = true;
            deleteLater();
        });
    }
}

void AttemptLogStream::loadProcesses()
{
    m_busy = true;
    m_engine.attempts()
        .processesOf(m_id)
        .then(this, [this](const Core::Result<QList<Core::ExecutionProcess>> &found) {
            m_busy = false;
            if (!found)
                return finish();
            for (const Core::ExecutionProcess &process : *found) {
                if (!m_processes.contains(process.id)) {
                    m_processes.append(process.id);
                    m_files.append(m_engine.attempts().absoluteLogPath(process));
                }
            }
            pump();
        });
}

void AttemptLogStream::pump()
{
    if (m_done)
        return;
    if (m_busy) {
        m_dirty = true;
        return;
    }
    if (!m_responder.isConnected()) {
        m_done = true;
        deleteLater();
        return;
    }
    if (m_responder.pendingBytes() > maxPendingBytes)
        return; // resumed by the connection's drained()
    m_dirty = false;
    if (m_fileIndex >= m_files.size()) {
        if (m_follow && m_engine.attempts().isActive(m_id) && !m_closing)
            return; // no log yet: resumed by the next event
        return settle();
    }
    m_busy = true;
    const QString path = m_files.at(m_fileIndex);
    const qint64 offset = m_offset;
    Core::runOnPool(*QThreadPool::globalInstance(), [path, offset] {
        return Core::readLogLines(path, offset, std::numeric_limits<qint64>::max(), chunkBytes);
    }).then(this, [this](const QByteArray &read) {
        m_busy = false;
        if (m_done)
            return;
        if (read.isEmpty()) {
            const bool last = m_fileIndex == m_files.size() - 1;
            if (!last) {
                ++m_fileIndex;
                m_offset = 0;
                return pump();
            }
            // The end of the newest file: it may still grow while the attempt runs.
            if (m_follow && m_engine.attempts().isActive(m_id) && !m_closing) {
                if (m_dirty)
                    pump();
                return;
            }
            return settle();
        }
        m_offset += read.size();
        if (const QByteArray lines = filtered(read); !lines.isEmpty())
            m_responder.write(lines);
        pump();
    });
}

void AttemptLogStream::settle()
{
    if (m_closing)
        return finish();
    // Nothing more to wait for: let the writer empty its queue, then read on to the very end.
    m_closing = true;
    m_busy = true;
    m_engine.processes().sync().then(this, [this](const bool &) {
        m_busy = false;
        loadProcesses();
    });
}

QByteArray AttemptLogStream::filtered(const QByteArray &lines) const
{
    if (!m_filter.minimumLevel && m_filter.since.isEmpty())
        return lines;
    QByteArray out;
    out.reserve(lines.size());
    for (const QByteArray &line : lines.split('\n')) {
        if (line.isEmpty())
            continue;
        if (m_filter.minimumLevel) {
            const auto level = Core::logLevelFromString(
                QString::fromLatin1(fieldOf(line, "\"level\":\"")));
            if (level && *level < *m_filter.minimumLevel)
                continue;
        }
        // Stored timestamps are UTC with milliseconds, so they compare as text.
        if (!m_filter.since.isEmpty() && fieldOf(line, "\"timestamp\":\"") <= m_filter.since)
            continue;
        out += line;
        out += '\n';
    }
    return out;
}

void AttemptLogStream::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_responder.end();
    deleteLater();
}

void AttemptLogStream::onEvent(const Core::Event &event)
{
    if (const auto *log = std::get_if<Core::LogEvent>(&event); log && log->attemptId == m_id) {
        pump();
    } else if (const auto *process = std::get_if<Core::ProcessEvent>(&event);
               process && process->process.attemptId == m_id
               && process->kind == Core::ChangeKind::Created) {
        loadProcesses();
    } else if (const auto *attempt = std::get_if<Core::AttemptEvent>(&event);
               attempt && attempt->attempt.id == m_id) {
        if (attempt->kind == Core::ChangeKind::Deleted)
            finish();
        else
            pump();
    }
}

} // namespace Server
