// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/engine.h"
#include "server/apiserver.h"
#include "tests/support/httpclient.h"
#include "tests/support/tempgitrepo.h"

#include <QTemporaryDir>

#include <memory>

namespace Test {

/// A real engine in a temporary data directory, served on 127.0.0.1:0, plus a git repository.
struct ServerFixture
{
    explicit ServerFixture(const Server::HttpLimits &limits = {});
    ~ServerFixture();

    [[nodiscard]] bool isValid() const { return engine && server && repo.isValid(); }
    /// Stops the server and the engine, then opens both again on the same data directory, as
    /// a restart of Forgedesk would (the port changes).
    void restart();
    /// Creates a project over HTTP for repo and returns its id.
    QString createProject(const QString &name = QStringLiteral("Demo"));

    QTemporaryDir dataDir;
    TempGitRepo repo;
    std::unique_ptr<Core::Engine> engine;
    std::unique_ptr<Server::ApiServer> server;
    quint16 port = 0;
    std::unique_ptr<HttpClient> http;

private:
    void open();
    Server::HttpLimits m_limits;
};

} // namespace Test
