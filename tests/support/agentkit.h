// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Test {

/// Where the real agent CLIs are (node_modules/.bin of scripts/install-agents): from
/// FORGEDESK_AGENT_BIN, else by running the install script (cached, so quick after the first).
QString agentBinDirectory();

/// One of tests/agents/mock_*.py on a free loopback port, stopped by its PID with the object.
class MockModel final
{
public:
    enum class Api { Anthropic, OpenAi, Gemini };

    MockModel(Api api, const QString &scenario);
    ~MockModel();
    MockModel(const MockModel &) = delete;
    MockModel &operator=(const MockModel &) = delete;

    [[nodiscard]] bool isRunning() const { return m_port != 0; }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString baseUrl() const;
    /// How many model requests it has answered so far.
    [[nodiscard]] int requestCount() const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

/// Points this process's environment (which Forgedesk passes on to the agents it starts) at a
/// mock, with a private HOME and TMPDIR and the agent CLIs on PATH, and writes the per-CLI
/// configuration the notes prescribe. Restores nothing: each test binary gets a fresh one.
class AgentEnvironment final
{
public:
    explicit AgentEnvironment(const MockModel &mock);
    [[nodiscard]] QString home() const { return m_dir.path() + QStringLiteral("/home"); }

private:
    QTemporaryDir m_dir;
};

/// The output of `git args…` in repo (tests only; the product uses libgit2).
QString git(const QString &repo, const QStringList &args);

} // namespace Test
