// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
// The composition root: the only place where core, server and window meet.

#include "app/signalwatcher.h"
#include "core/apikeyservice.h"
#include "core/engine.h"
#include "core/version.h"
#include "server/apiserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QSettings>

#ifdef FORGEDESK_WITH_UI
#include "ui/desktop.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QLocale>
#endif

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

void printError(const QString &message)
{
    std::fprintf(stderr, "forgedesk: %s\n", qUtf8Printable(message));
}

bool wantsHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--headless" || argument == "-headless")
            return true;
    }
    return false;
}

#ifdef FORGEDESK_WITH_UI
bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY")
           || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
           || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}
#endif

std::optional<QHostAddress> parseHost(const QString &text)
{
    if (text == "localhost"_L1)
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress address;
    if (!address.setAddress(text))
        return std::nullopt;
    return address;
}

QByteArrayList apiKeysFromEnvironment()
{
    QByteArrayList keys;
    for (const QByteArray &key : qgetenv("FORGEDESK_API_KEYS").split(',')) {
        if (!key.trimmed().isEmpty())
            keys.append(key.trimmed());
    }
    return keys;
}

} // namespace

int main(int argc, char **argv)
{
    bool headless = wantsHeadless(argc, argv);
#ifdef FORGEDESK_WITH_UI
    if (!headless && !hasDisplay()) {
        printError(u"no display found; running headless (pass --headless to silence this)"_s);
        headless = true;
    }
    std::unique_ptr<QCoreApplication> app = headless
                                                ? std::make_unique<QCoreApplication>(argc, argv)
                                                : std::make_unique<QApplication>(argc, argv);
#else
    if (!headless)
        printError(u"this build has no window; running headless"_s);
    headless = true;
    auto app = std::make_unique<QCoreApplication>(argc, argv);
#endif
    QCoreApplication::setApplicationName(u"forgedesk"_s);
    QCoreApplication::setOrganizationName(u"Forgedesk"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(Core::forgedeskVersion));
    // 6.4 logs a warning for every refused WebSocket upgrade; the client got a clear answer.
    QLoggingCategory::setFilterRules(u"qt.httpserver.warning=false"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Run AI coding agents on a kanban board, with a REST + WebSocket API."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headlessOption(u"headless"_s,
                                            u"Serve the API only, without a window."_s);
    const QCommandLineOption portOption(u"port"_s,
                                        u"Port to listen on (0 picks a free one); default: the "
                                        "serverPort setting (8887)."_s,
                                        u"N"_s);
    const QCommandLineOption hostOption(u"host"_s,
                                        u"Address to bind; a non-loopback one needs API keys. "
                                        "Default: the serverHost setting (127.0.0.1)."_s,
                                        u"ADDR"_s);
    const QCommandLineOption dataDirOption(u"data-dir"_s,
                                           u"Where the database, logs and settings live."_s,
                                           u"DIR"_s,
                                           Core::Engine::defaultDataDir());
    parser.addOptions({headlessOption, portOption, hostOption, dataDirOption});
    parser.process(*app);

    App::SignalWatcher signals;
    QObject::connect(&signals, &App::SignalWatcher::terminationRequested, app.get(), [](int) {
        QCoreApplication::quit();
    });

    auto engine = Core::Engine::open(parser.value(dataDirOption));
    if (!engine) {
        printError(engine.error().message);
        return 1;
    }
    // The command line wins; else what the settings say.
    const Core::Settings &settings = (*engine)->settings();
    const QString portText = parser.isSet(portOption) ? parser.value(portOption)
                                                      : QString::number(settings.serverPort);
    const QString hostText = parser.isSet(hostOption) ? parser.value(hostOption)
                                                      : settings.serverHost;
    bool portOk = false;
    const uint port = portText.toUInt(&portOk);
    if (!portOk || port > 65535) {
        printError(u"--port must be a number from 0 to 65535"_s);
        return 2;
    }
    const auto host = parseHost(hostText);
    if (!host) {
        printError(u"--host must be an IP address or localhost, got '%1'"_s.arg(hostText));
        return 2;
    }

    // Everything Forgedesk keeps lives under the data directory, window settings included.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, (*engine)->dataDir());

    auto server = std::make_unique<Server::ApiServer>(**engine);
    Server::ApiServer::Options options;
    options.address = *host;
    options.port = quint16(port);
    options.apiKeys = apiKeysFromEnvironment();

#ifdef FORGEDESK_WITH_UI
    // The window in the settings' language and theme, following their changes.
    std::unique_ptr<Gui::Desktop> desktop;
    if (!headless) {
        desktop = std::make_unique<Gui::Desktop>(**engine);
        desktop->window()->show();
    }
#endif

    // Whether a non-loopback address may be bound depends on the stored API keys, so the server
    // listens once their (small, off-thread) read is done.
    const auto serve = [&]() -> bool {
        if (auto listening = server->listen(options); !listening) {
            printError(listening.error().message);
            return false;
        }
        std::printf("forgedesk listening on %s\n", qUtf8Printable(server->baseUrl()));
        std::fflush(stdout);
#ifdef FORGEDESK_WITH_UI
        if (desktop)
            desktop->setApiUrl(server->baseUrl());
#endif
        return true;
    };
    if ((*engine)->apiKeys().isLoaded()) {
        if (!serve())
            return 1;
    } else {
        QObject::connect(
            &(*engine)->apiKeys(),
            &Core::ApiKeyService::loaded,
            app.get(),
            [&serve] {
                if (!serve())
                    QCoreApplication::exit(1);
            },
            Qt::SingleShotConnection);
    }

    const int status = QCoreApplication::exec();

    // Stop taking requests, let queued writes land, then close the database.
#ifdef FORGEDESK_WITH_UI
    desktop.reset();
#endif
    server->close();
    server.reset();
    (*engine)->shutdown();
    return status;
}
