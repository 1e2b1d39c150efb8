// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/events.h"
#include "core/logentry.h"
#include "server/responder.h"

#include <QObject>

#include <optional>

namespace Core {
class Engine;
}

namespace Server {

/// Serves an attempt's log as NDJSON, its processes' files one after another, read from disk in
/// chunks as the client takes them: memory stays small whatever the log's size. With follow it
/// then waits for new lines (announced by log events) until the attempt ends.
class AttemptLogStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptLogStream)

public:
    struct Filter
    {
        std::optional<Core::LogLevel> minimumLevel;
        QByteArray since; ///< ISO timestamp as stored; entries at or before it are skipped.
    };

    /// Answers 404 for an unknown attempt, otherwise streams; deletes itself when done.
    static void serve(Core::Engine &engine,
                      const Core::AttemptId &id,
                      const Filter &filter,
                      bool follow,
                      const Responder &responder,
                      QObject *parent);

private:
    AttemptLogStream(Core::Engine &engine,
                     Core::AttemptId id,
                     Filter filter,
                     bool follow,
                     Responder responder,
                     QObject *parent);

    void loadProcesses();
    void pump();
    /// At the end of what is there: one last look after the writer's queue, then the end.
    void settle();
    void finish();
    void onEvent(const Core::Event &event);
    [[nodiscard]] QByteArray filtered(const QByteArray &lines) const;

    Core::Engine &m_engine;
    Core::AttemptId m_id;
    Filter m_filter;
    bool m_follow;
    Responder m_responder;
    QStringList m_files;
    QList<Core::ProcessId> m_processes;
    qsizetype m_fileIndex = 0;
    qint64 m_offset = 0;
    bool m_busy = false;
    bool m_dirty = false; ///< Something happened while busy: look again.
    bool m_closing = false;
    bool m_done = false;
};

} // namespace Server
