// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/support/serverfixture.h"

namespace Test {

ServerFixture::ServerFixture(const Server::HttpLimits &limits)
    : m_limits(limits)
{
    open();
}

void ServerFixture::restart()
{
    http.reset();
    server.reset();
    if (engine)
        engine->shutdown();
    engine.reset();
    open();
}

void ServerFixture::open()
{
    const Server::HttpLimits &limits = m_limits;
    auto opened = Core::Engine::open(dataDir.path());
    if (!opened)
        return;
    engine = std::move(*opened);
    server = std::make_unique<Server::ApiServer>(*engine);
    Server::ApiServer::Options options;
    options.port = 0;
    options.limits = limits;
    auto listening = server->listen(options);
    if (!listening) {
        server.reset();
        return;
    }
    port = *listening;
    http = std::make_unique<HttpClient>(server->baseUrl());
}

ServerFixture::~ServerFixture()
{
    http.reset();
    server.reset();
    if (engine)
        engine->shutdown();
}

QString ServerFixture::createProject(const QString &name)
{
    const HttpReply reply = http->post(QStringLiteral("/api/projects"),
                                       {{QStringLiteral("name"), name},
                                        {QStringLiteral("repoPath"), repo.path()}});
    return reply.data().value(QStringLiteral("id")).toString();
}

} // namespace Test
