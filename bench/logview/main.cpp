// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
// The live log view benchmark: a LogView (window shown, offscreen without a display) follows an
// attempt while a writer thread appends 100 MB of normalized agent entries to the attempt's log
// file and announces them as the engine does (LogEvents from the main thread, carrying the lines
// while the main thread keeps up). A 1 ms timer on the main thread measures how late it fires.
// See bench/logview/README.md.

#include "core/attemptservice.h"
#include "core/attemptstore.h"
#include "core/database.h"
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/events.h"
#include "core/logentry.h"
#include "core/projectservice.h"
#include "core/taskservice.h"
#include "core/timestamps.h"
#include "ui/logmodel.h"
#include "ui/logview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

/// As Core::ProcessHost: past this many bytes announced but not yet delivered, events carry
/// offsets only and readers go to the file.
constexpr qint64 maxBytesInFlight = 16 * 1024 * 1024;

qint64 residentKiB()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * (sysconf(_SC_PAGESIZE) / 1024) : 0;
}

double mib(qint64 kib)
{
    return double(kib) / 1024.0;
}

/// How late a 1 ms timer on the main thread fires, and the resident memory every 10 ms.
class Probe final : public QObject
{
public:
    Probe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
    }
    void begin()
    {
        m_lagsUs.clear();
        m_baselineKiB = residentKiB();
        m_peakKiB = m_baselineKiB;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void end() { m_timer.stop(); }

    struct Figures
    {
        size_t samples = 0;
        double p50 = 0;
        double p99 = 0;
        double p999 = 0;
        double worst = 0;
        int over16 = 0;
        qint64 baselineKiB = 0;
        qint64 peakKiB = 0;
    };
    [[nodiscard]] Figures figures() const
    {
        std::vector<qint64> lags = m_lagsUs;
        std::sort(lags.begin(), lags.end());
        const auto at = [&lags](double q) {
            return lags.empty()
                       ? 0.0
                       : double(lags[std::min(lags.size() - 1, size_t(q * double(lags.size())))])
                             / 1000.0;
        };
        Figures f;
        f.samples = lags.size();
        f.p50 = at(0.5);
        f.p99 = at(0.99);
        f.p999 = at(0.999);
        f.worst = lags.empty() ? 0 : double(lags.back()) / 1000.0;
        f.over16 = int(
            std::count_if(lags.begin(), lags.end(), [](qint64 us) { return us > 16'000; }));
        f.baselineKiB = m_baselineKiB;
        f.peakKiB = m_peakKiB;
        return f;
    }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed() / 1000;
        if (m_last > 0)
            m_lagsUs.push_back(std::max<qint64>(0, now - m_last - 1000));
        m_last = now;
        if (++m_ticks % 10 == 0)
            m_peakKiB = std::max(m_peakKiB, residentKiB());
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_ticks = 0;
    qint64 m_baselineKiB = 0;
    qint64 m_peakKiB = 0;
    std::vector<qint64> m_lagsUs;
};

void printLag(const char *phase, const Probe::Figures &f)
{
    std::printf("  %s: main loop lag p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, worst %.2f ms "
                "(%zu samples, %d over 16 ms)\n",
                phase,
                f.p50,
                f.p99,
                f.p999,
                f.worst,
                f.samples,
                f.over16);
}

// -- What the agent "prints" ---------------------------------------------------------------------

const QString prose
    = u"I looked at the failing test and the parser it exercises. The tokenizer treats a "
      "trailing backslash as an escape of the newline, so the last field is lost. "_s;

Core::LogEntry entry(QLatin1StringView kind, const QString &message, const QJsonObject &fields)
{
    Core::LogEntry e;
    e.kind = kind;
    e.message = message;
    e.stream = u"stdout"_s;
    e.timestamp = Core::nowUtc();
    e.fields = fields;
    return e;
}

/// About 64 KB of a busy session as the normalizer writes it (the mix of bench/logs/firehose.py):
/// assistant text with some markdown, a Bash call and its 600 lines of output, an Edit and the
/// edit, twenty short steps; every fourth block some thinking and a usage line.
QList<Core::LogEntry> block(int n)
{
    using namespace Core;
    QList<LogEntry> out;
    const QString text = u"**Block %1.** "_s.arg(n) + prose
                         + u"\n\n- the `tokenizer` first\n- then the "
                           "fields\n\n"_s
                         + prose;
    out.append(entry(LogKind::assistantMessage, text.left(200), {{u"text"_s, text}}));
    if (n % 4 == 0) {
        const QString thought = u"Block %1: the escape handling looks wrong; check the tests "
                                "before touching the tokenizer. "_s.arg(n)
                                + prose;
        out.append(entry(LogKind::thinking, thought.left(200), {{u"text"_s, thought}}));
    }
    const QString command = u"ctest --output-on-failure -R parser"_s;
    out.append(entry(LogKind::toolUse,
                     u"Bash: "_s + command,
                     {{u"tool"_s, u"Bash"_s},
                      {u"toolUseId"_s, u"toolu_%1a"_s.arg(n)},
                      {u"action"_s, u"command"_s},
                      {u"input"_s,
                       QJsonObject{{u"command"_s, command},
                                   {u"description"_s, u"Run the parser tests"_s}}}}));
    QString output;
    for (int i = 0; i < 600; ++i)
        output += u"test %1: parser/fields ........ Passed 0.0%2 sec\n"_s.arg(i, 5).arg(i % 10);
    out.append(entry(LogKind::command,
                     u"$ %1 → exit 0"_s.arg(command),
                     {{u"command"_s, command},
                      {u"output"_s, output},
                      {u"exitCode"_s, 0},
                      {u"isError"_s, false},
                      {u"toolUseId"_s, u"toolu_%1a"_s.arg(n)},
                      {u"tool"_s, u"Bash"_s}}));
    const QString oldText = u"if (c == '\\\\') escape = true;\n"_s.repeated(4);
    const QString newText = u"if (c == '\\\\' && !atEnd) escape = true;\n"_s.repeated(4);
    out.append(entry(LogKind::toolUse,
                     u"Edit: src/parser.cpp"_s,
                     {{u"tool"_s, u"Edit"_s},
                      {u"toolUseId"_s, u"toolu_%1b"_s.arg(n)},
                      {u"action"_s, u"file_edit"_s},
                      {u"input"_s,
                       QJsonObject{{u"file_path"_s, u"src/parser.cpp"_s},
                                   {u"old_string"_s, oldText},
                                   {u"new_string"_s, newText}}}}));
    out.append(entry(LogKind::fileEdit,
                     u"Edited src/parser.cpp"_s,
                     {{u"path"_s, u"src/parser.cpp"_s},
                      {u"action"_s, u"edit"_s},
                      {u"isError"_s, false},
                      {u"toolUseId"_s, u"toolu_%1b"_s.arg(n)},
                      {u"tool"_s, u"Edit"_s},
                      {u"output"_s, u"The file src/parser.cpp has been updated."_s}}));
    for (int i = 0; i < 20; ++i) {
        const QString step = u"Step %1 of block %2: "_s.arg(i).arg(n) + prose;
        out.append(entry(LogKind::assistantMessage, step.left(200), {{u"text"_s, step}}));
    }
    if (n % 4 == 3) {
        out.append(entry(LogKind::usage,
                         u"12480 input / 1640 output tokens, $0.0412"_s,
                         {{u"inputTokens"_s, 12480}, {u"outputTokens"_s, 1640}}));
    }
    return out;
}

// -- The writer --------------------------------------------------------------------------------

/// Appends entries to the log and announces each chunk on the main thread, as ProcessHost does.
struct Writer
{
    QString path;
    Core::AttemptId attempt;
    Core::TaskId task;
    Core::ProcessId process;
    Core::EventBus *events = nullptr;
    QObject *mainThread = nullptr;
    qint64 bytes = 0;
    double rate = 0; ///< Bytes per second; 0: as fast as it can.
    qint64 chunk = 64 * 1024;

    std::atomic<qint64> inFlight = 0;
    std::atomic<qint64> written = 0;
    std::atomic<qint64> entries = 0;
    std::atomic<qint64> withoutLines = 0;
    std::atomic<bool> stop = false;

    void run()
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
            return;
        qint64 seq = 1;
        int n = 0;
        QList<QByteArray> pending;
        QElapsedTimer clock;
        clock.start();
        QByteArray lines;
        qint64 count = 0;
        while (written.load() < bytes && !stop.load()) {
            // A chunk of whole lines, about as large as one read of the agent's pipe.
            while (lines.size() < chunk) {
                if (pending.isEmpty()) {
                    for (const Core::LogEntry &e : block(n++))
                        pending.append(e.toJsonLine(seq++, process.toString()));
                }
                lines += pending.takeFirst();
                ++count;
            }
            const qint64 start = file.pos();
            file.write(lines);
            const qint64 end = file.pos();
            written.store(end);
            entries.fetch_add(count);
            const qint64 size = lines.size();
            const bool withLines = inFlight.load() < maxBytesInFlight;
            if (withLines)
                inFlight.fetch_add(size);
            else
                withoutLines.fetch_add(1);
            QMetaObject::invokeMethod(
                mainThread,
                [this, payload = withLines ? lines : QByteArray(), start, end, size, withLines] {
                    if (withLines)
                        inFlight.fetch_sub(size);
                    events->publish(
                        Core::LogEvent{attempt, task, process, path, payload, start, end, 0});
                },
                Qt::QueuedConnection);
            lines.clear();
            count = 0;
            if (rate > 0) {
                const qint64 due = qint64(double(end) / rate * 1e6); // µs
                const qint64 now = clock.nsecsElapsed() / 1000;
                if (due > now)
                    QThread::usleep(quint64(due - now));
            }
        }
    }
};

struct Options
{
    QString repo;
    qint64 bytes = 100'000'000;
    double rateMBps = 100;
    qint64 chunk = 64 * 1024;
    QSize size{1000, 800};
    bool replay = true;
};

/// Drives one run; every step continues from the event loop (no nested loops, no waits).
class Bench final : public QObject
{
public:
    Bench(Core::Engine &engine, Options options)
        : m_engine(engine)
        , m_options(std::move(options))
        , m_model(engine)
        , m_view(&m_model)
    {
        m_view.resize(m_options.size);
        m_view.setWindowTitle(u"forgedesk_bench_logview"_s);
    }
    ~Bench() override
    {
        if (m_thread && m_thread->isRunning()) {
            m_writer.stop.store(true);
            m_thread->wait(); // the bench is over: nothing left to keep responsive
        }
    }

    void start()
    {
        Core::NewProject project;
        project.name = u"bench"_s;
        project.repoPath = m_options.repo;
        m_engine.projects().create(project).then(this, [this](const Core::Result<Core::Project> &p) {
            if (!p)
                return fail(u"project: "_s + p.error().message);
            Core::NewTask task;
            task.projectId = p->id;
            task.title = u"Watch a busy agent"_s;
            m_engine.tasks().create(task).then(this, [this](const Core::Result<Core::Task> &t) {
                if (!t)
                    return fail(u"task: "_s + t.error().message);
                storeAttempt(*t);
            });
        });
    }

private:
    void fail(const QString &message)
    {
        std::fprintf(stderr, "forgedesk_bench_logview: %s\n", qPrintable(message));
        QCoreApplication::exit(1);
    }

    void storeAttempt(const Core::Task &task)
    {
        Core::Attempt attempt;
        attempt.id = Core::AttemptId::generate();
        attempt.taskId = task.id;
        attempt.llm = u"claude"_s;
        attempt.status = Core::AttemptStatus::Running;
        attempt.createdAt = Core::nowUtc();
        attempt.updatedAt = attempt.createdAt;
        Core::ExecutionProcess process;
        process.id = Core::ProcessId::generate();
        process.attemptId = attempt.id;
        process.status = Core::ProcessStatus::Running;
        process.executor = u"claude"_s;
        process.logPath = u"logs/%1/%2.ndjson"_s.arg(attempt.id.toString(), process.id.toString());
        process.createdAt = attempt.createdAt;
        m_writer.attempt = attempt.id;
        m_writer.task = task.id;
        m_writer.process = process.id;
        m_writer.path = m_engine.attempts().absoluteLogPath(process);
        QDir().mkpath(QFileInfo(m_writer.path).absolutePath());
        QFile(m_writer.path).open(QIODevice::WriteOnly);
        m_engine.database()
            .write([attempt, process](Core::SqlConnection &sql) -> Core::Result<void> {
                if (auto done = Core::AttemptStore::insert(sql, attempt); !done)
                    return done;
                return Core::AttemptStore::insert(sql, process);
            })
            .then(this, [this](const Core::Result<void> &stored) {
                if (!stored)
                    return fail(u"attempt: "_s + stored.error().message);
                openView();
            });
    }

    void openView()
    {
        m_view.show();
        m_model.setAttempt(m_writer.attempt);
        connect(&m_model, &Gui::LogModel::replayFinished, this, [this] {
            if (m_phase == Phase::Opening) {
                m_phase = Phase::Settling;
                // Let the window settle, then measure from an idle baseline.
                QTimer::singleShot(500, this, [this] { stream(); });
            } else if (m_phase == Phase::Reopening) {
                reopened();
            }
        });
    }

    void stream()
    {
        m_phase = Phase::Streaming;
        m_writer.events = &m_engine.events();
        m_writer.mainThread = this;
        m_writer.bytes = m_options.bytes;
        m_writer.rate = m_options.rateMBps * 1e6;
        m_writer.chunk = m_options.chunk;
        std::printf("streaming %.0f MB at %s, chunks of %lld KB, view %dx%d\n",
                    double(m_options.bytes) / 1e6,
                    m_options.rateMBps > 0 ? qPrintable(u"%1 MB/s"_s.arg(m_options.rateMBps))
                                           : "full speed",
                    qlonglong(m_options.chunk / 1024),
                    m_options.size.width(),
                    m_options.size.height());
        m_probe.begin();
        m_clock.start();
        m_thread.reset(QThread::create([this] { m_writer.run(); }));
        connect(m_thread.get(), &QThread::finished, this, [this] {
            m_writeSeconds = double(m_clock.nsecsElapsed()) / 1e9;
            waitForTheView();
        });
        m_thread->start();
    }

    /// Polls (every 10 ms) until the model holds every entry and the view shows the last one.
    void waitForTheView()
    {
        const bool caughtUp = m_model.rowCount() == m_writer.entries.load();
        const int last = m_model.rowCount() - 1;
        const bool shown = last >= 0
                           && m_view.visualRect(last).bottom() < m_view.viewport()->height()
                           && m_view.isFollowingTail();
        if (!caughtUp || !shown) {
            QTimer::singleShot(10, this, [this] { waitForTheView(); });
            return;
        }
        m_shownSeconds = double(m_clock.nsecsElapsed()) / 1e9;
        QTimer::singleShot(1000, this, [this] { streamed(); });
    }

    void streamed()
    {
        m_probe.end();
        const Probe::Figures f = m_probe.figures();
        const qint64 finalKiB = residentKiB();
        std::printf("  wrote %lld entries, %.1f MB in %.2f s (%.0f MB/s); %lld of %lld chunks "
                    "announced without their lines\n",
                    qlonglong(m_writer.entries.load()),
                    double(m_writer.written.load()) / 1e6,
                    m_writeSeconds,
                    double(m_writer.written.load()) / 1e6 / m_writeSeconds,
                    qlonglong(m_writer.withoutLines.load()),
                    qlonglong(m_writer.written.load() / m_options.chunk));
        std::printf("  the view showed the last entry %.0f ms after the last write\n",
                    (m_shownSeconds - m_writeSeconds) * 1000);
        printLag("streaming", f);
        std::printf("  RSS: %.1f MB before, peak %.1f MB (+%.1f), %.1f MB one second after the "
                    "end (+%.1f)\n",
                    mib(f.baselineKiB),
                    mib(f.peakKiB),
                    mib(f.peakKiB - f.baselineKiB),
                    mib(finalKiB),
                    mib(finalKiB - f.baselineKiB));
        if (!m_options.replay)
            return QCoreApplication::quit();
        // Open the same attempt again: 100 MB of stored log to replay.
        m_phase = Phase::Reopening;
        m_model.setAttempt({});
        m_probe.begin();
        m_clock.start();
        m_model.setAttempt(m_writer.attempt);
    }

    void reopened()
    {
        const double seconds = double(m_clock.nsecsElapsed()) / 1e9;
        QTimer::singleShot(500, this, [this, seconds] {
            m_probe.end();
            const Probe::Figures f = m_probe.figures();
            std::printf("  reopened: %d entries replayed from the file in %.2f s\n",
                        m_model.rowCount(),
                        seconds);
            printLag("replay", f);
            std::printf("  RSS: peak %.1f MB, %.1f MB after\n", mib(f.peakKiB), mib(residentKiB()));
            QCoreApplication::quit();
        });
    }

    enum class Phase { Opening, Settling, Streaming, Reopening };

    Core::Engine &m_engine;
    Options m_options;
    Gui::LogModel m_model;
    Gui::LogView m_view;
    Writer m_writer;
    Probe m_probe;
    QElapsedTimer m_clock;
    std::unique_ptr<QThread> m_thread;
    Phase m_phase = Phase::Opening;
    double m_writeSeconds = 0;
    double m_shownSeconds = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Streams agent output into a LogView and measures it."_s);
    parser.addHelpOption();
    const QCommandLineOption repoOption(u"repo"_s,
                                        u"A git repository for the project."_s,
                                        u"PATH"_s);
    const QCommandLineOption bytesOption(u"bytes"_s,
                                         u"How much to stream."_s,
                                         u"N"_s,
                                         u"100000000"_s);
    const QCommandLineOption rateOption(u"rate"_s,
                                        u"MB per second; 0 for as fast as possible."_s,
                                        u"MBPS"_s,
                                        u"100"_s);
    const QCommandLineOption chunkOption(u"chunk"_s,
                                         u"Bytes per announcement."_s,
                                         u"N"_s,
                                         u"65536"_s);
    const QCommandLineOption noReplayOption(u"no-replay"_s, u"Skip reopening the attempt."_s);
    parser.addOptions({repoOption, bytesOption, rateOption, chunkOption, noReplayOption});
    parser.process(app);
    if (!parser.isSet(repoOption)) {
        std::fprintf(stderr, "forgedesk_bench_logview: --repo is required\n");
        return 2;
    }
    Options options;
    options.repo = QFileInfo(parser.value(repoOption)).absoluteFilePath();
    options.bytes = parser.value(bytesOption).toLongLong();
    options.rateMBps = parser.value(rateOption).toDouble();
    options.chunk = std::max<qint64>(4096, parser.value(chunkOption).toLongLong());
    options.replay = !parser.isSet(noReplayOption);

    QTemporaryDir data;
    auto engine = Core::Engine::open(data.path());
    if (!engine) {
        std::fprintf(stderr, "forgedesk_bench_logview: %s\n", qPrintable(engine.error().message));
        return 1;
    }
    int status = 0;
    {
        Bench bench(**engine, options);
        QTimer::singleShot(0, &bench, [&bench] { bench.start(); });
        status = QApplication::exec();
    }
    (*engine)->shutdown();
    return status;
}
