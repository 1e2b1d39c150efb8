// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
// The log-streaming benchmark. The host process is Forgedesk (engine, API server and, when
// built with the UI, the window) with a probe on its main thread; it starts itself again as the
// subscriber process, which runs one attempt of a "firehose" agent and follows it over N
// WebSockets. See bench/logs/README.md.

#include "core/engine.h"
#include "core/eventbus.h"
#include "core/events.h"
#include "server/apiserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include "bench/logs/subscribers.h"

#ifdef FORGEDESK_WITH_UI
#include "ui/mainwindow.h"

#include <QApplication>
#endif

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

qint64 residentKiB()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * (sysconf(_SC_PAGESIZE) / 1024) : 0;
}

/// Measures how late a 1 ms timer on the main thread fires: the longest time the thread was
/// busy with something else (serving sockets, the window, events). Samples resident memory too.
class MainLoopProbe final : public QObject
{
public:
    MainLoopProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
    }

    void begin()
    {
        if (m_active)
            return;
        m_active = true;
        m_baselineKiB = residentKiB();
        m_peakKiB = m_baselineKiB;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void end()
    {
        m_timer.stop();
        m_active = false;
    }

    [[nodiscard]] QJsonObject result() const
    {
        std::vector<qint64> lags = m_lagsUs;
        std::sort(lags.begin(), lags.end());
        auto at = [&lags](double q) {
            return lags.empty()
                       ? 0.0
                       : double(lags[std::min(lags.size() - 1, size_t(q * double(lags.size())))])
                             / 1000.0;
        };
        return {{u"lagSamples"_s, qint64(lags.size())},
                {u"lagP50Ms"_s, at(0.5)},
                {u"lagP99Ms"_s, at(0.99)},
                {u"lagMaxMs"_s, lags.empty() ? 0.0 : double(lags.back()) / 1000.0},
                {u"rssBaselineMB"_s, double(m_baselineKiB) / 1024.0},
                {u"rssPeakMB"_s, double(m_peakKiB) / 1024.0},
                {u"rssGrowthMB"_s, double(m_peakKiB - m_baselineKiB) / 1024.0}};
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
    bool m_active = false;
    qint64 m_baselineKiB = 0;
    qint64 m_peakKiB = 0;
    std::vector<qint64> m_lagsUs;
};

double seconds(const QJsonValue &from, const QJsonValue &to)
{
    const QDateTime a = QDateTime::fromString(from.toString(), Qt::ISODateWithMs);
    const QDateTime b = QDateTime::fromString(to.toString(), Qt::ISODateWithMs);
    return a.isValid() && b.isValid() ? double(a.msecsTo(b)) / 1000.0 : 0.0;
}

void printReport(
    qint64 bytes, int subscribers, bool window, const QJsonObject &client, const QJsonObject &host)
{
    const double mb = double(bytes) / 1e6;
    const double agentSeconds = seconds(client.value(u"agentStartedAt"_s),
                                        client.value(u"agentCompletedAt"_s));
    const double endToEnd = client.value(u"startToLastDoneMs"_s).toDouble() / 1000.0;
    const QJsonObject latency = client.value(u"latency"_s).toObject();
    qint64 minTicks = -1;
    qint64 resyncs = 0;
    for (const QJsonValue &value : client.value(u"followers"_s).toArray()) {
        const QJsonObject f = value.toObject();
        const qint64 ticks = f.value(u"ticks"_s).toInteger();
        minTicks = minTicks < 0 ? ticks : std::min(minTicks, ticks);
        resyncs += f.value(u"resynced"_s).toBool() ? 1 : 0;
    }
    std::printf("logs bench: %.1f MB of stream-json, %d WebSocket subscribers, window %s\n",
                mb,
                subscribers,
                window ? "open" : "not built/opened");
    std::printf("  attempt:          %s (agent %s)\n",
                qUtf8Printable(client.value(u"attemptStatus"_s).toString()),
                qUtf8Printable(client.value(u"agentStatus"_s).toString()));
    std::printf(
        "  ingest:           %.0f MB/s (agent ran %.2f s; %lld entries, %.1f MB NDJSON stored)\n",
        agentSeconds > 0 ? mb / agentSeconds : 0.0,
        agentSeconds,
        client.value(u"agentLogEntries"_s).toInteger(),
        double(client.value(u"agentLogBytes"_s).toInteger()) / 1e6);
    std::printf("  end to end:       %.2f s from start to the last subscriber's completed event\n",
                endToEnd);
    std::printf("  latency:          p50 %.1f ms, p99 %.1f ms, max %.1f ms (%lld samples)\n",
                latency.value(u"p50Ms"_s).toDouble(),
                latency.value(u"p99Ms"_s).toDouble(),
                latency.value(u"maxMs"_s).toDouble(),
                latency.value(u"samples"_s).toInteger());
    std::printf("  subscribers:      fewest ticks seen %lld; resynced %lld\n", minTicks, resyncs);
    std::printf("  server RSS:       %.1f MB before, %.1f MB peak, growth %.1f MB\n",
                host.value(u"rssBaselineMB"_s).toDouble(),
                host.value(u"rssPeakMB"_s).toDouble(),
                host.value(u"rssGrowthMB"_s).toDouble());
    std::printf("  main event loop:  lag p50 %.2f ms, p99 %.2f ms, max %.2f ms (%lld samples)\n",
                host.value(u"lagP50Ms"_s).toDouble(),
                host.value(u"lagP99Ms"_s).toDouble(),
                host.value(u"lagMaxMs"_s).toDouble(),
                host.value(u"lagSamples"_s).toInteger());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    bool wantsWindow = false;
    for (int i = 1; i < argc; ++i)
        wantsWindow = wantsWindow || QByteArray(argv[i]) == "--window";
#ifdef FORGEDESK_WITH_UI
    std::unique_ptr<QCoreApplication> app = wantsWindow
                                                ? std::make_unique<QApplication>(argc, argv)
                                                : std::make_unique<QCoreApplication>(argc, argv);
#else
    wantsWindow = false;
    auto app = std::make_unique<QCoreApplication>(argc, argv);
#endif
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption repoOption(u"repo"_s, u"A git repository to run in."_s, u"DIR"_s);
    const QCommandLineOption generatorOption(u"generator"_s, u"firehose.py"_s, u"PATH"_s);
    const QCommandLineOption bytesOption(u"bytes"_s, u"Bytes of output."_s, u"N"_s, u"100000000"_s);
    const QCommandLineOption subscribersOption(u"subscribers"_s,
                                               u"WebSocket followers."_s,
                                               u"N"_s,
                                               u"10"_s);
    const QCommandLineOption windowOption(u"window"_s, u"Open the window too."_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print the figures as JSON as well."_s);
    const QCommandLineOption clientOption(u"client-of"_s, u"(internal) subscriber role"_s, u"URL"_s);
    parser.addOptions({repoOption,
                       generatorOption,
                       bytesOption,
                       subscribersOption,
                       windowOption,
                       jsonOption,
                       clientOption});
    parser.process(*app);

    const qint64 bytes = parser.value(bytesOption).toLongLong();
    const int subscribers = parser.value(subscribersOption).toInt();
    if (!parser.isSet(repoOption) || !parser.isSet(generatorOption) || bytes <= 0
        || subscribers <= 0) {
        std::fprintf(stderr, "bench_logs: --repo and --generator are required\n");
        return 2;
    }

    if (parser.isSet(clientOption)) {
        Bench::Subscribers client({parser.value(clientOption),
                                   parser.value(repoOption),
                                   parser.value(generatorOption),
                                   bytes,
                                   subscribers});
        QTimer::singleShot(0, &client, &Bench::Subscribers::run);
        return QCoreApplication::exec();
    }

    QTemporaryDir dataDir;
    auto engine = Core::Engine::open(dataDir.path());
    if (!engine) {
        std::fprintf(stderr, "bench_logs: %s\n", qUtf8Printable(engine.error().message));
        return 1;
    }
    auto server = std::make_unique<Server::ApiServer>(**engine);
    Server::ApiServer::Options options;
    options.port = 0;
    if (auto listening = server->listen(options); !listening) {
        std::fprintf(stderr, "bench_logs: %s\n", qUtf8Printable(listening.error().message));
        return 1;
    }
#ifdef FORGEDESK_WITH_UI
    std::unique_ptr<Gui::MainWindow> window;
    if (wantsWindow) {
        window = std::make_unique<Gui::MainWindow>(**engine);
        window->setApiUrl(server->baseUrl());
        window->resize(1280, 800);
        window->show();
    }
#endif

    MainLoopProbe probe;
    QObject::connect(&(*engine)->events(),
                     &Core::EventBus::published,
                     &probe,
                     [&probe](const Core::Event &event) {
                         const auto *attempt = std::get_if<Core::AttemptEvent>(&event);
                         if (attempt && attempt->attempt.status == Core::AttemptStatus::Running)
                             probe.begin();
                     });

    QProcess client;
    client.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList clientArguments{u"--client-of"_s,
                                server->baseUrl(),
                                u"--repo"_s,
                                parser.value(repoOption),
                                u"--generator"_s,
                                parser.value(generatorOption),
                                u"--bytes"_s,
                                QString::number(bytes),
                                u"--subscribers"_s,
                                QString::number(subscribers)};
    int status = 1;
    QObject::connect(&client,
                     &QProcess::finished,
                     &client,
                     [&](int exitCode, QProcess::ExitStatus exit) {
                         probe.end();
                         const QJsonObject result
                             = QJsonDocument::fromJson(client.readAllStandardOutput()).object();
                         if (exit != QProcess::NormalExit || exitCode != 0 || result.isEmpty()) {
                             std::fprintf(stderr, "bench_logs: the subscriber process failed\n");
                             QCoreApplication::exit(1);
                             return;
                         }
                         const QJsonObject host = probe.result();
                         printReport(bytes, subscribers, wantsWindow, result, host);
                         if (parser.isSet(jsonOption)) {
                             std::printf("%s\n",
                                         QJsonDocument(
                                             QJsonObject{{u"client"_s, result}, {u"host"_s, host}})
                                             .toJson(QJsonDocument::Compact)
                                             .constData());
                         }
                         status = result.value(u"attemptStatus"_s).toString() == "completed"_L1 ? 0
                                                                                                : 1;
                         QCoreApplication::exit(status);
                     });
    // Bounded: a run that hangs is stopped (the subscriber by its PID, the agent by the engine).
    QTimer::singleShot(10 * 60 * 1000, &client, [&client] {
        std::fprintf(stderr, "bench_logs: timed out\n");
        client.kill();
    });
    client.start(QCoreApplication::applicationFilePath(), clientArguments);

    status = QCoreApplication::exec();
#ifdef FORGEDESK_WITH_UI
    window.reset();
#endif
    server->close();
    server.reset();
    (*engine)->shutdown();
    return status;
}
