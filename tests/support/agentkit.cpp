// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/support/agentkit.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <csignal>

using namespace Qt::StringLiterals;

namespace Test {

QString agentBinDirectory()
{
    static QString directory = [] {
        const QString fromEnvironment = qEnvironmentVariable("FORGEDESK_AGENT_BIN");
        if (!fromEnvironment.isEmpty())
            return fromEnvironment;
        QProcess install;
        install.start(QStringLiteral(FORGEDESK_SOURCE_DIR "/scripts/install-agents"), {});
        install.waitForFinished(600'000);
        const QString prefix = QString::fromUtf8(install.readAllStandardOutput()).trimmed();
        return prefix.isEmpty() ? QString() : prefix + u"/node_modules/.bin"_s;
    }();
    return directory;
}

MockModel::MockModel(Api api, const QString &scenario)
{
    const QString script = api == Api::Anthropic ? u"mock_anthropic.py"_s
                           : api == Api::OpenAi  ? u"mock_openai.py"_s
                                                 : u"mock_gemini.py"_s;
    const QString fixtures = QStringLiteral(FORGEDESK_SOURCE_DIR "/tests/agents");
    const QString portFile = m_dir.filePath(u"port"_s);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(u"python3"_s,
                    {fixtures + u'/' + script,
                     u"--host"_s,
                     u"127.0.0.1"_s,
                     u"--port"_s,
                     u"0"_s,
                     u"--port-file"_s,
                     portFile,
                     u"--scenario"_s,
                     fixtures + u"/scenarios/"_s + scenario,
                     u"--log"_s,
                     m_dir.filePath(u"requests.jsonl"_s)});
    QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
        QFile file(portFile);
        if (file.open(QIODevice::ReadOnly)) {
            m_port = quint16(file.readAll().trimmed().toUInt());
            if (m_port != 0)
                break;
        }
        m_process.waitForReadyRead(50);
    }
}

MockModel::~MockModel()
{
    if (m_process.state() != QProcess::NotRunning) {
        ::kill(pid_t(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(3000);
    }
}

QString MockModel::baseUrl() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_port);
}

int MockModel::requestCount() const
{
    QFile log(m_dir.filePath(u"requests.jsonl"_s));
    if (!log.open(QIODevice::ReadOnly))
        return 0;
    return int(log.readAll().count('\n'));
}

AgentEnvironment::AgentEnvironment(const MockModel &mock)
{
    const QString home = m_dir.filePath(u"home"_s);
    const QString tmp = m_dir.filePath(u"tmp"_s);
    QDir().mkpath(home + u"/.codex"_s);
    QDir().mkpath(home + u"/.gemini"_s);
    QDir().mkpath(tmp);
    const QString base = mock.baseUrl();
    const QByteArray bin = agentBinDirectory().toUtf8();
    QHash<QByteArray, QByteArray> env{
        {"HOME", home.toUtf8()},
        {"TMPDIR", tmp.toUtf8()},
        {"XDG_RUNTIME_DIR", tmp.toUtf8()},
        {"PATH", bin + ":/usr/local/bin:/usr/bin:/bin"},
        {"TERM", "dumb"},
        {"LANG", "C.UTF-8"},
        // Claude Code
        {"ANTHROPIC_BASE_URL", base.toUtf8()},
        {"ANTHROPIC_API_KEY", "dummy"},
        {"CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"},
        {"DISABLE_TELEMETRY", "1"},
        {"DISABLE_AUTOUPDATER", "1"},
        {"DISABLE_ERROR_REPORTING", "1"},
        {"CLAUDE_CODE_MAX_RETRIES", "0"},
        // Codex
        {"CODEX_HOME", (home + u"/.codex"_s).toUtf8()},
        {"MOCK_API_KEY", "dummy"},
        // Gemini CLI
        {"GEMINI_API_KEY", "dummy"},
        {"GOOGLE_GEMINI_BASE_URL", base.toUtf8()},
        // opencode
        {"OPENCODE_DISABLE_MODELS_FETCH", "1"},
        {"OPENCODE_DISABLE_AUTOUPDATE", "1"},
        {"OPENCODE_DISABLE_SHARE", "1"},
        {"OPENCODE_DISABLE_LSP_DOWNLOAD", "1"},
        {"OPENCODE_DISABLE_DEFAULT_PLUGINS", "1"},
        {"OPENCODE_DISABLE_CLAUDE_CODE", "1"},
        {"OPENCODE_PURE", "1"},
        {"npm_config_offline", "true"},
    };
    const QJsonObject opencode{
        {u"provider"_s,
         QJsonObject{{u"mock"_s,
                      QJsonObject{{u"npm"_s, u"@ai-sdk/openai-compatible"_s},
                                  {u"name"_s, u"Mock"_s},
                                  {u"options"_s,
                                   QJsonObject{{u"baseURL"_s, QString(base + u"/v1"_s)},
                                               {u"apiKey"_s, u"dummy"_s}}},
                                  {u"models"_s,
                                   QJsonObject{{u"mock-model"_s,
                                                QJsonObject{{u"name"_s, u"Mock Model"_s},
                                                            {u"tool_call"_s, true}}}}}}}}},
        {u"model"_s, u"mock/mock-model"_s},
        {u"small_model"_s, u"mock/mock-model"_s},
        {u"autoupdate"_s, false},
        {u"share"_s, u"disabled"_s},
        {u"permission"_s,
         QJsonObject{{u"edit"_s, u"allow"_s}, {u"bash"_s, u"allow"_s}, {u"webfetch"_s, u"deny"_s}}}};
    env.insert("OPENCODE_CONFIG_CONTENT", QJsonDocument(opencode).toJson(QJsonDocument::Compact));
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        qputenv(it.key().constData(), it.value());

    QFile codex(home + u"/.codex/config.toml"_s);
    if (codex.open(QIODevice::WriteOnly)) {
        codex.write(
            QStringLiteral("model = \"gpt-5.5\"\n"
                           "model_provider = \"mock\"\n"
                           "approval_policy = \"never\"\n"
                           "sandbox_mode = \"danger-full-access\"\n"
                           "check_for_update_on_startup = false\n"
                           "[model_providers.mock]\n"
                           "name = \"Mock\"\n"
                           "base_url = \"%1/v1\"\n"
                           "env_key = \"MOCK_API_KEY\"\n"
                           "wire_api = \"responses\"\n"
                           "request_max_retries = 0\n"
                           "stream_max_retries = 0\n"
                           "[analytics]\nenabled = false\n"
                           "[feedback]\nenabled = false\n"
                           "[features]\nplugins = false\nremote_plugin = false\napps = false\n"
                           "api_key_model_discovery = false\n")
                .arg(base)
                .toUtf8());
    }
    QFile gemini(home + u"/.gemini/settings.json"_s);
    if (gemini.open(QIODevice::WriteOnly)) {
        gemini.write(
            R"({"security": {"auth": {"selectedType": "gemini-api-key"}, "folderTrust": {"enabled": false}},
 "privacy": {"usageStatisticsEnabled": false}, "telemetry": {"enabled": false},
 "general": {"enableAutoUpdate": false, "enableAutoUpdateNotification": false}, "ide": {"enabled": false}})");
    }
}

QString git(const QString &repo, const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(repo);
    process.start(u"git"_s, args);
    process.waitForFinished(30'000);
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

} // namespace Test
