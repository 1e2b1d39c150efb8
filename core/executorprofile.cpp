// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/executorprofile.h"

#include "core/lognormalizer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

Result<QStringList> stringList(const QJsonValue &value, const QString &field)
{
    if (!value.isArray())
        return fail(Error::validation(field, u"must be an array of strings"_s));
    QStringList list;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            return fail(Error::validation(field, u"must be an array of strings"_s));
        list.append(item.toString());
    }
    return list;
}

Result<QMap<QString, QString>> stringMap(const QJsonValue &value, const QString &field)
{
    if (!value.isObject())
        return fail(Error::validation(field, u"must be an object of strings"_s));
    QMap<QString, QString> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it->isString())
            return fail(Error::validation(field + u'.' + it.key(), u"must be a string"_s));
        map.insert(it.key(), it->toString());
    }
    return map;
}

ExecutorProfile make(const QString &name,
                     const QString &executor,
                     const QString &displayName,
                     const QString &binary,
                     const QString &npxPackage,
                     const QStringList &args,
                     const QStringList &followUpArgs,
                     const QStringList &modelArgs,
                     const QString &logFormat,
                     const QMap<QString, QString> &env = {})
{
    ExecutorProfile profile;
    profile.name = name;
    profile.executor = executor;
    profile.displayName = displayName;
    profile.binary = binary;
    profile.npxPackage = npxPackage;
    profile.args = args;
    profile.followUpArgs = followUpArgs;
    profile.modelArgs = modelArgs;
    profile.logFormat = logFormat;
    profile.env = env;
    profile.builtin = true;
    return profile;
}

/// Replaces the scalar placeholders and expands the list ones.
QStringList expand(const QStringList &templ,
                   const QString &prompt,
                   const std::optional<QString> &sessionId,
                   const std::optional<QString> &model,
                   const QStringList &modelArgs,
                   const QStringList &extraArgs)
{
    QStringList out;
    bool sawModel = false;
    bool sawExtra = false;
    // One pass, so placeholder names inside the prompt (or a session id) are left as written.
    static const QRegularExpression placeholder(u"\\{(prompt|sessionId|model)\\}"_s);
    auto substitute = [&](const QString &arg) {
        QString result;
        qsizetype done = 0;
        for (auto it = placeholder.globalMatch(arg); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            result += QStringView(arg).mid(done, match.capturedStart() - done);
            const QStringView name = match.capturedView(1);
            result += name == u"prompt"      ? prompt
                      : name == u"sessionId" ? sessionId.value_or(QString())
                                             : model.value_or(QString());
            done = match.capturedEnd();
        }
        result += QStringView(arg).mid(done);
        return result;
    };
    for (const QString &arg : templ) {
        if (arg == "{modelArgs}"_L1) {
            sawModel = true;
            if (model)
                for (const QString &m : modelArgs)
                    out.append(substitute(m));
        } else if (arg == "{extraArgs}"_L1) {
            sawExtra = true;
            out.append(extraArgs);
        } else {
            out.append(substitute(arg));
        }
    }
    if (!sawModel && model)
        for (const QString &m : modelArgs)
            out.append(substitute(m));
    if (!sawExtra)
        out.append(extraArgs);
    return out;
}

} // namespace

QJsonObject ExecutorProfile::toJson() const
{
    QJsonObject variantsObject;
    for (auto it = variants.begin(); it != variants.end(); ++it)
        variantsObject.insert(it.key(), it.value());
    QJsonObject envObject;
    for (auto it = env.begin(); it != env.end(); ++it)
        envObject.insert(it.key(), it.value());
    return {{u"name"_s, name},
            {u"executor"_s, executor},
            {u"displayName"_s, displayName},
            {u"binary"_s, binary},
            {u"npxPackage"_s, npxPackage.isEmpty() ? QJsonValue() : QJsonValue(npxPackage)},
            {u"args"_s, toArray(args)},
            {u"followUpArgs"_s, toArray(followUpArgs)},
            {u"modelArgs"_s, toArray(modelArgs)},
            {u"model"_s, model ? QJsonValue(*model) : QJsonValue()},
            {u"extraArgs"_s, toArray(extraArgs)},
            {u"env"_s, envObject},
            {u"logFormat"_s, logFormat},
            {u"approvals"_s, approvals},
            {u"variants"_s, variantsObject},
            {u"builtin"_s, builtin}};
}

Result<void> ExecutorProfile::applyJson(const QJsonObject &object)
{
    const QString prefix = u"profiles."_s + name + u'.';
    static const QStringList known{u"executor"_s,
                                   u"displayName"_s,
                                   u"binary"_s,
                                   u"npxPackage"_s,
                                   u"args"_s,
                                   u"followUpArgs"_s,
                                   u"modelArgs"_s,
                                   u"model"_s,
                                   u"extraArgs"_s,
                                   u"env"_s,
                                   u"logFormat"_s,
                                   u"approvals"_s,
                                   u"variants"_s,
                                   u"name"_s,
                                   u"builtin"_s};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return fail(
                Error::validation(prefix + it.key(),
                                  u"is not a profile field (%1)"_s.arg(known.join(u", "_s))));
    }
    for (auto [key, target] : {std::pair{u"executor"_s, &executor},
                               std::pair{u"displayName"_s, &displayName},
                               std::pair{u"binary"_s, &binary},
                               std::pair{u"npxPackage"_s, &npxPackage},
                               std::pair{u"logFormat"_s, &logFormat}}) {
        if (!object.contains(key))
            continue;
        const QJsonValue value = object.value(key);
        if (!value.isString() && !(value.isNull() && key == "npxPackage"_L1))
            return fail(Error::validation(prefix + key, u"must be a string"_s));
        *target = value.toString();
    }
    for (auto [key, target] : {std::pair{u"args"_s, &args},
                               std::pair{u"followUpArgs"_s, &followUpArgs},
                               std::pair{u"modelArgs"_s, &modelArgs},
                               std::pair{u"extraArgs"_s, &extraArgs}}) {
        if (!object.contains(key))
            continue;
        auto list = stringList(object.value(key), prefix + key);
        if (!list)
            return fail(list.error());
        *target = *list;
    }
    if (object.contains(u"model"_s)) {
        const QJsonValue value = object.value(u"model"_s);
        if (!value.isString() && !value.isNull())
            return fail(Error::validation(prefix + u"model"_s, u"must be a string or null"_s));
        model = value.isNull() || value.toString().isEmpty() ? std::optional<QString>()
                                                             : value.toString();
    }
    if (object.contains(u"approvals"_s)) {
        const QJsonValue value = object.value(u"approvals"_s);
        if (!value.isBool())
            return fail(Error::validation(prefix + u"approvals"_s, u"must be true or false"_s));
        approvals = value.toBool();
    }
    if (object.contains(u"env"_s)) {
        // Merged into what the profile has (a built-in's IS_SANDBOX and friends stay); a null
        // value removes a variable.
        const QJsonValue value = object.value(u"env"_s);
        if (!value.isObject())
            return fail(Error::validation(prefix + u"env"_s, u"must be an object of strings"_s));
        QJsonObject strings;
        const QJsonObject changes = value.toObject();
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            if (it->isNull())
                env.remove(it.key());
            else
                strings.insert(it.key(), *it);
        }
        auto map = stringMap(strings, prefix + u"env"_s);
        if (!map)
            return fail(map.error());
        env.insert(*map);
    }
    if (object.contains(u"variants"_s)) {
        if (!object.value(u"variants"_s).isObject())
            return fail(Error::validation(prefix + u"variants"_s, u"must be an object"_s));
        variants.clear();
        const QJsonObject all = object.value(u"variants"_s).toObject();
        for (auto it = all.begin(); it != all.end(); ++it) {
            if (!it->isObject())
                return fail(
                    Error::validation(prefix + u"variants."_s + it.key(), u"must be an object"_s));
            // Checked now, on a copy, so that a broken variant is refused when it is saved
            // rather than when an attempt asks for it.
            ExecutorProfile varied = *this;
            QJsonObject overrides = it->toObject();
            overrides.remove(u"name"_s);
            varied.name = name + u".variants."_s + it.key();
            if (auto valid = varied.applyJson(overrides); !valid)
                return fail(valid.error());
            variants.insert(it.key().toUpper(), it->toObject());
        }
    }
    if (binary.isEmpty())
        return fail(Error::validation(prefix + u"binary"_s, u"is required"_s));
    if (args.isEmpty())
        return fail(Error::validation(prefix + u"args"_s, u"is required"_s));
    if (!LogNormalizer::formats().contains(logFormat))
        return fail(
            Error::validation(prefix + u"logFormat"_s,
                              u"must be one of %1"_s.arg(LogNormalizer::formats().join(u", "_s))));
    if (approvals) {
        // The only approval protocol spoken is Claude Code's; its prompt goes over stdin.
        if (logFormat != "claude"_L1)
            return fail(Error::validation(
                prefix + u"approvals"_s,
                u"needs Claude Code's stream-json control protocol (logFormat \"claude\")"_s));
        for (auto [key, list] :
             {std::pair{u"args"_s, &args}, std::pair{u"followUpArgs"_s, &followUpArgs}}) {
            if (std::any_of(list->cbegin(), list->cend(), [](const QString &arg) {
                    return arg.contains("{prompt}"_L1);
                }))
                return fail(Error::validation(
                    prefix + key,
                    u"must not hold {prompt} with approvals: the prompt goes over stdin"_s));
        }
    }
    return {};
}

QList<ExecutorProfile> ProfileRegistry::builtins()
{
    // Defaults follow shared/agents/NOTES.md (the versions verified headless here) and the
    // command lines Forge uses; every one of them runs without asking, as Forge's do.
    const QStringList claudeArgs{u"-p"_s,
                                 u"{prompt}"_s,
                                 u"--output-format"_s,
                                 u"stream-json"_s,
                                 u"--verbose"_s,
                                 u"--dangerously-skip-permissions"_s,
                                 u"{modelArgs}"_s,
                                 u"{extraArgs}"_s};
    QStringList claudeFollowUp = claudeArgs;
    claudeFollowUp.insert(2, u"--resume"_s);
    claudeFollowUp.insert(3, u"{sessionId}"_s);
    QMap<QString, QString> claudeEnv;
    if (::geteuid() == 0)
        claudeEnv.insert(u"IS_SANDBOX"_s,
                         u"1"_s); // Claude refuses to skip permissions as root otherwise
    ExecutorProfile claude = make(u"claude"_s,
                                  u"CLAUDE_CODE"_s,
                                  u"Claude Code"_s,
                                  u"claude"_s,
                                  u"@anthropic-ai/claude-code@2.1.330"_s,
                                  claudeArgs,
                                  claudeFollowUp,
                                  {u"--model"_s, u"{model}"_s},
                                  u"claude"_s,
                                  claudeEnv);
    claude.variants.insert(u"PLAN"_s,
                           QJsonObject{
                               {u"extraArgs"_s, QJsonArray{u"--permission-mode"_s, u"plan"_s}}});
    // Asks before every tool but the read-only ones (tests/agents/README.md). Permission mode
    // "default" rather than Forge's bypassPermissions: should the approval hook ever not be
    // installed, the CLI still asks before edits and commands instead of running them. Without
    // -p's closed stdin the model may also ask the user questions, which an approval cannot
    // answer: that tool goes, as in Vibe Kanban.
    const QStringList claudeApprovalArgs{u"-p"_s,
                                         u"--output-format"_s,
                                         u"stream-json"_s,
                                         u"--input-format"_s,
                                         u"stream-json"_s,
                                         u"--verbose"_s,
                                         u"--permission-prompt-tool"_s,
                                         u"stdio"_s,
                                         u"--permission-mode"_s,
                                         u"default"_s,
                                         u"--disallowedTools"_s,
                                         u"AskUserQuestion"_s,
                                         u"{modelArgs}"_s,
                                         u"{extraArgs}"_s};
    QStringList claudeApprovalFollowUp = claudeApprovalArgs;
    claudeApprovalFollowUp.insert(1, u"--resume"_s);
    claudeApprovalFollowUp.insert(2, u"{sessionId}"_s);
    claude.variants.insert(u"APPROVALS"_s,
                           QJsonObject{{u"approvals"_s, true},
                                       {u"args"_s, toArray(claudeApprovalArgs)},
                                       {u"followUpArgs"_s, toArray(claudeApprovalFollowUp)}});

    ExecutorProfile codex = make(u"codex"_s,
                                 u"CODEX"_s,
                                 u"Codex"_s,
                                 u"codex"_s,
                                 u"@openai/codex@0.169.0"_s,
                                 {u"exec"_s,
                                  u"--json"_s,
                                  u"--dangerously-bypass-approvals-and-sandbox"_s,
                                  u"{modelArgs}"_s,
                                  u"{extraArgs}"_s,
                                  u"{prompt}"_s},
                                 {u"exec"_s,
                                  u"resume"_s,
                                  u"--json"_s,
                                  u"--dangerously-bypass-approvals-and-sandbox"_s,
                                  u"{modelArgs}"_s,
                                  u"{extraArgs}"_s,
                                  u"{sessionId}"_s,
                                  u"{prompt}"_s},
                                 {u"--model"_s, u"{model}"_s},
                                 u"codex"_s);

    // The relaunched child ignores signals until its turn ends (NOTES G3): keep it one process.
    ExecutorProfile gemini = make(u"gemini"_s,
                                  u"GEMINI"_s,
                                  u"Gemini CLI"_s,
                                  u"gemini"_s,
                                  u"@google/gemini-cli@0.61.0"_s,
                                  {u"-p"_s,
                                   u"{prompt}"_s,
                                   u"--output-format"_s,
                                   u"stream-json"_s,
                                   u"--yolo"_s,
                                   u"{modelArgs}"_s,
                                   u"{extraArgs}"_s},
                                  {u"-p"_s,
                                   u"{prompt}"_s,
                                   u"--resume"_s,
                                   u"{sessionId}"_s,
                                   u"--output-format"_s,
                                   u"stream-json"_s,
                                   u"--yolo"_s,
                                   u"{modelArgs}"_s,
                                   u"{extraArgs}"_s},
                                  {u"-m"_s, u"{model}"_s},
                                  u"gemini"_s,
                                  {{u"GEMINI_CLI_NO_RELAUNCH"_s, u"true"_s}});

    ExecutorProfile opencode = make(u"opencode"_s,
                                    u"OPENCODE"_s,
                                    u"opencode"_s,
                                    u"opencode"_s,
                                    u"opencode-ai@1.18.33"_s,
                                    {u"run"_s,
                                     u"--format"_s,
                                     u"json"_s,
                                     u"{modelArgs}"_s,
                                     u"{extraArgs}"_s,
                                     u"{prompt}"_s},
                                    {u"run"_s,
                                     u"--format"_s,
                                     u"json"_s,
                                     u"--session"_s,
                                     u"{sessionId}"_s,
                                     u"{modelArgs}"_s,
                                     u"{extraArgs}"_s,
                                     u"{prompt}"_s},
                                    {u"--model"_s, u"{model}"_s},
                                    u"opencode"_s);

    // Cursor's agent is not on npm; it must be installed. Its stream-json is Claude's shape.
    ExecutorProfile cursor = make(u"cursor"_s,
                                  u"CURSOR_AGENT"_s,
                                  u"Cursor Agent"_s,
                                  u"cursor-agent"_s,
                                  QString(),
                                  {u"-p"_s,
                                   u"{prompt}"_s,
                                   u"--output-format"_s,
                                   u"stream-json"_s,
                                   u"--force"_s,
                                   u"{modelArgs}"_s,
                                   u"{extraArgs}"_s},
                                  {u"-p"_s,
                                   u"{prompt}"_s,
                                   u"--resume"_s,
                                   u"{sessionId}"_s,
                                   u"--output-format"_s,
                                   u"stream-json"_s,
                                   u"--force"_s,
                                   u"{modelArgs}"_s,
                                   u"{extraArgs}"_s},
                                  {u"--model"_s, u"{model}"_s},
                                  u"claude"_s);

    ExecutorProfile amp = make(u"amp"_s,
                               u"AMP"_s,
                               u"Amp"_s,
                               u"amp"_s,
                               u"@sourcegraph/amp@0.0.1761050239-g36fe88"_s,
                               {u"--execute"_s,
                                u"{prompt}"_s,
                                u"--stream-json"_s,
                                u"--dangerously-allow-all"_s,
                                u"{extraArgs}"_s},
                               {u"threads"_s,
                                u"continue"_s,
                                u"{sessionId}"_s,
                                u"--execute"_s,
                                u"{prompt}"_s,
                                u"--stream-json"_s,
                                u"--dangerously-allow-all"_s,
                                u"{extraArgs}"_s},
                               {},
                               u"claude"_s);

    ExecutorProfile qwen = make(u"qwen"_s,
                                u"QWEN_CODE"_s,
                                u"Qwen Code"_s,
                                u"qwen"_s,
                                u"@qwen-code/qwen-code@0.0.14"_s,
                                {u"-p"_s,
                                 u"{prompt}"_s,
                                 u"--output-format"_s,
                                 u"stream-json"_s,
                                 u"--yolo"_s,
                                 u"{modelArgs}"_s,
                                 u"{extraArgs}"_s},
                                {u"-p"_s,
                                 u"{prompt}"_s,
                                 u"--resume"_s,
                                 u"{sessionId}"_s,
                                 u"--output-format"_s,
                                 u"stream-json"_s,
                                 u"--yolo"_s,
                                 u"{modelArgs}"_s,
                                 u"{extraArgs}"_s},
                                {u"-m"_s, u"{model}"_s},
                                u"gemini"_s);

    ExecutorProfile copilot = make(u"copilot"_s,
                                   u"COPILOT"_s,
                                   u"GitHub Copilot CLI"_s,
                                   u"copilot"_s,
                                   u"@github/copilot@0.0.337"_s,
                                   {u"-p"_s,
                                    u"{prompt}"_s,
                                    u"--allow-all-tools"_s,
                                    u"--no-color"_s,
                                    u"{modelArgs}"_s,
                                    u"{extraArgs}"_s},
                                   {u"--resume"_s,
                                    u"{sessionId}"_s,
                                    u"-p"_s,
                                    u"{prompt}"_s,
                                    u"--allow-all-tools"_s,
                                    u"--no-color"_s,
                                    u"{modelArgs}"_s,
                                    u"{extraArgs}"_s},
                                   {u"--model"_s, u"{model}"_s},
                                   u"plain"_s);

    return {claude, codex, gemini, opencode, cursor, amp, qwen, copilot};
}

Result<QList<ExecutorProfile>> ProfileRegistry::merge(const QJsonObject &user)
{
    static const QRegularExpression validName(u"^[a-z0-9][a-z0-9_-]{0,63}$"_s);
    QList<ExecutorProfile> profiles = builtins();
    for (auto it = user.begin(); it != user.end(); ++it) {
        const QString name = it.key();
        if (!validName.match(name).hasMatch()) {
            return fail(
                Error::validation(u"profiles."_s + name,
                                  u"profile names use lower-case letters, digits, '-' and '_'"_s));
        }
        if (!it->isObject())
            return fail(Error::validation(u"profiles."_s + name, u"must be an object"_s));
        auto existing = std::find_if(profiles.begin(),
                                     profiles.end(),
                                     [&](const ExecutorProfile &p) { return p.name == name; });
        ExecutorProfile profile;
        if (existing != profiles.end()) {
            profile = *existing;
        } else {
            profile.name = name;
            profile.executor = name.toUpper().replace(u'-', u'_');
            profile.displayName = name;
            profile.logFormat = u"plain"_s;
        }
        if (auto applied = profile.applyJson(it->toObject()); !applied)
            return fail(applied.error());
        if (existing != profiles.end())
            *existing = profile;
        else
            profiles.append(profile);
    }
    return profiles;
}

Result<ProfileRegistry> ProfileRegistry::load(const QString &dataDir)
{
    ProfileRegistry registry;
    registry.m_path = QDir(dataDir).filePath(u"profiles.json"_s);
    QFile file(registry.m_path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return fail(Error::internal(u"cannot read %1"_s.arg(registry.m_path)));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            return fail(Error::validation(u"profiles"_s,
                                          u"%1 is not valid JSON: %2"_s.arg(registry.m_path,
                                                                            error.errorString())));
        }
        const QJsonValue profiles = document.object().value(u"profiles"_s);
        if (!profiles.isUndefined() && !profiles.isObject()) {
            return fail(
                Error::validation(u"profiles"_s,
                                  u"%1 must map profile names to objects"_s.arg(registry.m_path)));
        }
        registry.m_user = profiles.toObject();
    }
    auto merged = merge(registry.m_user);
    if (!merged)
        return fail(Error{merged.error().code,
                          registry.m_path + u": "_s + merged.error().message,
                          merged.error().details});
    registry.m_profiles = *merged;
    return registry;
}

QStringList ProfileRegistry::names() const
{
    QStringList list;
    for (const ExecutorProfile &profile : m_profiles)
        list.append(profile.name);
    return list;
}

std::optional<ExecutorProfile> ProfileRegistry::find(const QString &name) const
{
    for (const ExecutorProfile &profile : m_profiles) {
        if (profile.name == name)
            return profile;
    }
    return std::nullopt;
}

std::optional<ExecutorProfile> ProfileRegistry::findByExecutor(const QString &executor) const
{
    QString wanted = executor.toUpper();
    if (wanted == "CURSOR"_L1)
        wanted = u"CURSOR_AGENT"_s;
    for (const ExecutorProfile &profile : m_profiles) {
        if (profile.executor.compare(wanted, Qt::CaseInsensitive) == 0
            || profile.name.compare(executor, Qt::CaseInsensitive) == 0)
            return profile;
    }
    return std::nullopt;
}

Result<void> ProfileRegistry::replaceUserProfiles(const QJsonObject &profiles)
{
    auto merged = merge(profiles);
    if (!merged)
        return fail(merged.error());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(Error::internal(u"cannot write %1"_s.arg(m_path)));
    file.write(
        QJsonDocument(QJsonObject{{u"profiles"_s, profiles}}).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fail(Error::internal(u"cannot write %1"_s.arg(m_path)));
    m_user = profiles;
    m_profiles = *merged;
    return {};
}

Result<ResolvedCommand> ProfileRegistry::resolve(const ExecutorProfile &base,
                                                 const std::optional<QString> &variant,
                                                 const QString &prompt,
                                                 const std::optional<QString> &sessionId,
                                                 const QProcessEnvironment &inherited)
{
    ExecutorProfile profile = base;
    if (variant && !variant->isEmpty() && variant->toUpper() != "DEFAULT"_L1) {
        const auto it = base.variants.constFind(variant->toUpper());
        if (it == base.variants.constEnd()) {
            return fail(
                Error::validation(u"executorProfileId.variant"_s,
                                  u"'%1' has no variant '%2' (it has: DEFAULT%3)"_s
                                      .arg(base.name,
                                           *variant,
                                           base.variants.isEmpty()
                                               ? QString()
                                               : u", "_s + base.variants.keys().join(u", "_s))));
        }
        QJsonObject overrides = *it;
        overrides.remove(u"name"_s);
        if (auto applied = profile.applyJson(overrides); !applied)
            return fail(applied.error());
    }
    if (sessionId && profile.followUpArgs.isEmpty())
        return fail(Error::conflict(u"'%1' cannot resume a session"_s.arg(profile.name)));

    ResolvedCommand command;
    command.approvals = profile.approvals;
    command.environment = inherited;
    for (auto it = profile.env.begin(); it != profile.env.end(); ++it)
        command.environment.insert(it.key(), it.value());
    const QStringList args = expand(sessionId ? profile.followUpArgs : profile.args,
                                    prompt,
                                    sessionId,
                                    profile.model,
                                    profile.modelArgs,
                                    profile.extraArgs);
    // The agent's own PATH decides where its binary is, as it would in a terminal.
    const QStringList path = command.environment.value(u"PATH"_s).split(u':', Qt::SkipEmptyParts);
    QString program = QDir::isAbsolutePath(profile.binary)
                          ? (QFileInfo(profile.binary).isExecutable() ? profile.binary : QString())
                          : QStandardPaths::findExecutable(profile.binary, path);
    if (!program.isEmpty()) {
        command.program = program;
        command.arguments = args;
        return command;
    }
    const QString npx = QStandardPaths::findExecutable(u"npx"_s, path);
    if (!profile.npxPackage.isEmpty() && !npx.isEmpty()) {
        command.program = npx;
        command.arguments = QStringList{u"-y"_s, profile.npxPackage} + args;
        command.viaNpx = true;
        return command;
    }
    return fail(
        Error{ErrorCode::Unavailable,
              profile.npxPackage.isEmpty()
                  ? u"'%1' is not installed: put '%2' on the PATH"_s.arg(profile.displayName,
                                                                         profile.binary)
                  : u"'%1' is not installed: put '%2' on the PATH, or install npm so `npx -y %3` can run it"_s
                        .arg(profile.displayName, profile.binary, profile.npxPackage),
              QJsonObject{{u"profile"_s, profile.name}, {u"binary"_s, profile.binary}}});
}

} // namespace Core
