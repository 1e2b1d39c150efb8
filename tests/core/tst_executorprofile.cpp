// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/executorprofile.h"
#include "core/lognormalizer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Core;

/// Built-in and user agent profiles, profiles.json, and the command lines they resolve to.
/// Commands are checked as argv lists and, where it matters, by running them for real.
class TestExecutorProfile final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_bin;   ///< Holds fake agent binaries.
    QTemporaryDir m_npx;   ///< Holds a fake npx, nothing else.
    QTemporaryDir m_empty; ///< An empty directory: a PATH on which nothing is found.

    /// Writes an executable shell script at dir/name.
    static bool writeScript(const QString &path, const QByteArray &body)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write("#!/bin/sh\n" + body);
        file.close();
        return file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    static QProcessEnvironment environmentWithPath(const QStringList &dirs)
    {
        QProcessEnvironment env;
        env.insert(u"PATH"_s, dirs.join(u':'));
        return env;
    }

    QProcessEnvironment agentOnPath() const { return environmentWithPath({m_bin.path()}); }

    static std::optional<ExecutorProfile> builtin(const QString &name)
    {
        for (const ExecutorProfile &profile : ProfileRegistry::builtins()) {
            if (profile.name == name)
                return profile;
        }
        return std::nullopt;
    }

    /// A profile whose binary is the argument-printing script in m_bin.
    static ExecutorProfile echoProfile()
    {
        ExecutorProfile profile;
        profile.name = u"echo"_s;
        profile.executor = u"ECHO"_s;
        profile.displayName = u"Echo"_s;
        profile.binary = u"fd-echo-agent"_s;
        profile.npxPackage = u"fd-echo-agent@1.0.0"_s;
        profile.args = {u"run"_s, u"{modelArgs}"_s, u"{extraArgs}"_s, u"--"_s, u"{prompt}"_s};
        profile.followUpArgs = {u"resume"_s, u"--id={sessionId}"_s, u"{prompt}"_s};
        profile.modelArgs = {u"--model"_s, u"{model}"_s};
        profile.logFormat = u"plain"_s;
        return profile;
    }

    /// Runs command and returns the arguments the program received.
    static std::optional<QStringList> runAndCollectArguments(const ResolvedCommand &command)
    {
        QProcess process;
        process.setProcessEnvironment(command.environment);
        process.start(command.program, command.arguments);
        if (!process.waitForStarted(5000))
            return std::nullopt;
        process.closeWriteChannel();
        if (!process.waitForFinished(5000)) {
            process.kill();
            process.waitForFinished(5000);
            return std::nullopt;
        }
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            return std::nullopt;
        QByteArray out = process.readAllStandardOutput();
        if (out.endsWith('\0'))
            out.chop(1);
        QStringList args;
        if (out.isEmpty())
            return args;
        for (const QByteArray &arg : out.split('\0'))
            args.append(QString::fromUtf8(arg));
        return args;
    }

    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static bool writeFile(const QString &path, const QByteArray &content)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_bin.isValid() && m_npx.isValid() && m_empty.isValid());
        // Prints each argument followed by a NUL, so arguments with spaces or newlines are
        // told apart exactly.
        const QByteArray printArgs = "for a in \"$@\"; do printf '%s\\000' \"$a\"; done\n";
        QVERIFY(writeScript(m_bin.filePath(u"fd-echo-agent"_s), printArgs));
        for (const ExecutorProfile &profile : ProfileRegistry::builtins())
            QVERIFY(writeScript(m_bin.filePath(profile.binary), printArgs));
        QVERIFY(writeScript(m_npx.filePath(u"npx"_s), printArgs));
    }

    void theBuiltinsAreTheKnownAgents()
    {
        QStringList names;
        for (const ExecutorProfile &profile : ProfileRegistry::builtins())
            names.append(profile.name);
        QCOMPARE(names,
                 (QStringList{u"claude"_s,
                              u"codex"_s,
                              u"gemini"_s,
                              u"opencode"_s,
                              u"cursor"_s,
                              u"amp"_s,
                              u"qwen"_s,
                              u"copilot"_s}));
    }

    void everyBuiltinIsComplete_data()
    {
        QTest::addColumn<QString>("name");
        for (const ExecutorProfile &profile : ProfileRegistry::builtins())
            QTest::newRow(qPrintable(profile.name)) << profile.name;
    }

    void everyBuiltinIsComplete()
    {
        QFETCH(QString, name);
        const auto profile = builtin(name);
        QVERIFY(profile);
        QVERIFY(profile->builtin);
        QVERIFY(!profile->executor.isEmpty());
        QVERIFY(!profile->displayName.isEmpty());
        QVERIFY(!profile->binary.isEmpty());
        QVERIFY(!profile->args.isEmpty());
        QVERIFY(!profile->followUpArgs.isEmpty());
        QVERIFY(LogNormalizer::formats().contains(profile->logFormat));
        // The prompt is exactly one argument of its own, in both templates.
        QCOMPARE(profile->args.count(u"{prompt}"_s), 1);
        QCOMPARE(profile->followUpArgs.count(u"{prompt}"_s), 1);
        QCOMPARE(profile->followUpArgs.count(u"{sessionId}"_s), 1);
        QVERIFY(!profile->args.contains(u"{sessionId}"_s));
        // Cursor's agent is not published on npm; every other one can run through npx.
        if (name == "cursor"_L1) {
            QVERIFY(profile->npxPackage.isEmpty());
        } else {
            QVERIFY(!profile->npxPackage.isEmpty());
            QVERIFY2(profile->npxPackage.lastIndexOf(u'@') > 0,
                     qPrintable(u"not pinned: "_s + profile->npxPackage));
        }
        // The built-in definition passes the same validation as a user's.
        ExecutorProfile copy = *profile;
        auto applied = copy.applyJson({});
        QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().message));
    }

    void builtinNamesAndExecutorsAreUnique()
    {
        QStringList names;
        QStringList executors;
        for (const ExecutorProfile &profile : ProfileRegistry::builtins()) {
            QVERIFY2(!names.contains(profile.name), qPrintable(profile.name));
            QVERIFY2(!executors.contains(profile.executor), qPrintable(profile.executor));
            names.append(profile.name);
            executors.append(profile.executor);
        }
    }

    void aProfileSurvivesItsOwnJson()
    {
        for (const ExecutorProfile &profile : ProfileRegistry::builtins()) {
            ExecutorProfile copy;
            copy.name = profile.name;
            auto applied = copy.applyJson(profile.toJson());
            QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().message));
            QCOMPARE(copy.toJson().value(u"args"_s), profile.toJson().value(u"args"_s));
            QCOMPARE(copy.executor, profile.executor);
            QCOMPARE(copy.npxPackage, profile.npxPackage);
            QCOMPARE(copy.followUpArgs, profile.followUpArgs);
            QCOMPARE(copy.modelArgs, profile.modelArgs);
            QCOMPARE(copy.env, profile.env);
            QCOMPARE(copy.variants, profile.variants);
            QCOMPARE(copy.logFormat, profile.logFormat);
            QCOMPARE(copy.approvals, profile.approvals);
        }
    }

    void loadsTheBuiltinsFromADataDirWithoutAProfilesFile()
    {
        QTemporaryDir data;
        auto registry = ProfileRegistry::load(data.path());
        QVERIFY2(registry, qPrintable(registry ? QString() : registry.error().message));
        QCOMPARE(registry->path(), QDir(data.path()).filePath(u"profiles.json"_s));
        QVERIFY(registry->userProfiles().isEmpty());
        QStringList builtinNames;
        for (const ExecutorProfile &profile : ProfileRegistry::builtins())
            builtinNames.append(profile.name);
        QCOMPARE(registry->names(), builtinNames);
        QVERIFY(registry->find(u"claude"_s));
        QVERIFY(!registry->find(u"nope"_s));
        // Loading creates nothing.
        QVERIFY(!QFile::exists(registry->path()));
    }

    void findsAProfileByItsExecutorName_data()
    {
        QTest::addColumn<QString>("executor");
        QTest::addColumn<QString>("profile");
        QTest::newRow("exact") << u"CLAUDE_CODE"_s << u"claude"_s;
        QTest::newRow("lower case") << u"claude_code"_s << u"claude"_s;
        QTest::newRow("CURSOR means the cursor agent") << u"CURSOR"_s << u"cursor"_s;
        QTest::newRow("by profile name") << u"Gemini"_s << u"gemini"_s;
        QTest::newRow("unknown") << u"EMACS"_s << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void findsAProfileByItsExecutorName()
    {
        QFETCH(QString, executor);
        QFETCH(QString, profile);
        QTemporaryDir data;
        auto registry = ProfileRegistry::load(data.path());
        QVERIFY(registry);
        const auto found = registry->findByExecutor(executor);
        QCOMPARE(found ? found->name : QString(), profile);
    }

    void aBrokenProfilesFileIsAnError_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("{\"profiles\": {") << u"profiles"_s;
        QTest::newRow("empty file") << QByteArray() << u"profiles"_s;
        QTest::newRow("an array") << QByteArray("[]") << u"profiles"_s;
        QTest::newRow("profiles is an array") << QByteArray("{\"profiles\": []}") << u"profiles"_s;
        QTest::newRow("profiles is a string")
            << QByteArray("{\"profiles\": \"claude\"}") << u"profiles"_s;
        QTest::newRow("an invalid profile")
            << QByteArray("{\"profiles\": {\"claude\": {\"args\": \"-p\"}}}")
            << u"profiles.claude.args"_s;
        QTest::newRow("a bad name")
            << QByteArray("{\"profiles\": {\"Claude\": {\"model\": \"x\"}}}")
            << u"profiles.Claude"_s;
    }

    void aBrokenProfilesFileIsAnError()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, field);
        QTemporaryDir data;
        const QString path = QDir(data.path()).filePath(u"profiles.json"_s);
        QVERIFY(writeFile(path, content));
        auto registry = ProfileRegistry::load(data.path());
        QVERIFY(!registry);
        QCOMPARE(registry.error().code, ErrorCode::Validation);
        QCOMPARE(registry.error().field(), field);
        QVERIFY2(registry.error().message.contains(path), qPrintable(registry.error().message));
        // Nothing is "repaired" behind the user's back.
        QCOMPARE(readFile(path), content);
    }

    void anEmptyProfilesObjectIsFine()
    {
        QTemporaryDir data;
        QVERIFY(writeFile(QDir(data.path()).filePath(u"profiles.json"_s), "{\"profiles\": {}}"));
        auto registry = ProfileRegistry::load(data.path());
        QVERIFY(registry);
        QCOMPARE(registry->profiles().size(), ProfileRegistry::builtins().size());
    }

    void invalidUserProfilesAreRefusedNamingTheField_data()
    {
        QTest::addColumn<QByteArray>("profiles");
        QTest::addColumn<QString>("field");
        QTest::newRow("unknown field")
            << QByteArray("{\"claude\": {\"colour\": \"red\"}}") << u"profiles.claude.colour"_s;
        QTest::newRow("args not an array")
            << QByteArray("{\"claude\": {\"args\": \"-p {prompt}\"}}") << u"profiles.claude.args"_s;
        QTest::newRow("args holding a number")
            << QByteArray("{\"claude\": {\"args\": [\"-p\", 3]}}") << u"profiles.claude.args"_s;
        QTest::newRow("empty args")
            << QByteArray("{\"claude\": {\"args\": []}}") << u"profiles.claude.args"_s;
        QTest::newRow("followUpArgs an object") << QByteArray("{\"codex\": {\"followUpArgs\": {}}}")
                                                << u"profiles.codex.followUpArgs"_s;
        QTest::newRow("extraArgs null")
            << QByteArray("{\"codex\": {\"extraArgs\": null}}") << u"profiles.codex.extraArgs"_s;
        QTest::newRow("model a number")
            << QByteArray("{\"claude\": {\"model\": 4}}") << u"profiles.claude.model"_s;
        QTest::newRow("binary a number")
            << QByteArray("{\"claude\": {\"binary\": 1}}") << u"profiles.claude.binary"_s;
        QTest::newRow("binary empty")
            << QByteArray("{\"claude\": {\"binary\": \"\"}}") << u"profiles.claude.binary"_s;
        QTest::newRow("executor null")
            << QByteArray("{\"claude\": {\"executor\": null}}") << u"profiles.claude.executor"_s;
        QTest::newRow("npxPackage a boolean") << QByteArray("{\"claude\": {\"npxPackage\": false}}")
                                              << u"profiles.claude.npxPackage"_s;
        QTest::newRow("unknown log format") << QByteArray("{\"claude\": {\"logFormat\": \"xml\"}}")
                                            << u"profiles.claude.logFormat"_s;
        QTest::newRow("env an array")
            << QByteArray("{\"gemini\": {\"env\": [\"A=1\"]}}") << u"profiles.gemini.env"_s;
        QTest::newRow("env value a number")
            << QByteArray("{\"gemini\": {\"env\": {\"A\": 1}}}") << u"profiles.gemini.env.A"_s;
        QTest::newRow("variants an array")
            << QByteArray("{\"claude\": {\"variants\": []}}") << u"profiles.claude.variants"_s;
        QTest::newRow("a variant not an object")
            << QByteArray("{\"claude\": {\"variants\": {\"fast\": \"haiku\"}}}")
            << u"profiles.claude.variants.fast"_s;
        QTest::newRow("a broken variant")
            << QByteArray("{\"claude\": {\"variants\": {\"fast\": {\"model\": 5}}}}")
            << u"profiles.claude.variants.fast.model"_s;
        QTest::newRow("approvals a string") << QByteArray("{\"claude\": {\"approvals\": \"yes\"}}")
                                            << u"profiles.claude.approvals"_s;
        // The prompt goes over stdin: an argument holding it would send it twice.
        QTest::newRow("approvals with the prompt in args")
            << QByteArray("{\"claude\": {\"variants\": {\"ASK\": {\"approvals\": true}}}}")
            << u"profiles.claude.variants.ASK.args"_s;
        QTest::newRow("approvals with the prompt in followUpArgs")
            << QByteArray("{\"claude\": {\"variants\": {\"ASK\": {\"approvals\": true, "
                          "\"args\": [\"-p\"]}}}}")
            << u"profiles.claude.variants.ASK.followUpArgs"_s;
        QTest::newRow("approvals for an agent without the protocol")
            << QByteArray("{\"codex\": {\"approvals\": true, \"args\": [\"exec\"], "
                          "\"followUpArgs\": []}}")
            << u"profiles.codex.approvals"_s;
        QTest::newRow("a profile not an object")
            << QByteArray("{\"mine\": [\"mine\"]}") << u"profiles.mine"_s;
        QTest::newRow("a new profile without binary")
            << QByteArray("{\"mine\": {\"args\": [\"{prompt}\"]}}") << u"profiles.mine.binary"_s;
        QTest::newRow("a new profile without args")
            << QByteArray("{\"mine\": {\"binary\": \"mine\"}}") << u"profiles.mine.args"_s;
        QTest::newRow("a name with a space")
            << QByteArray("{\"Bad Name\": {\"binary\": \"x\", \"args\": [\"{prompt}\"]}}")
            << u"profiles.Bad Name"_s;
        QTest::newRow("an upper-case name")
            << QByteArray("{\"Mine\": {\"binary\": \"x\", \"args\": [\"{prompt}\"]}}")
            << u"profiles.Mine"_s;
        QTest::newRow("a name starting with a dash")
            << QByteArray("{\"-mine\": {\"binary\": \"x\", \"args\": [\"{prompt}\"]}}")
            << u"profiles.-mine"_s;
        QTest::newRow("a name with a slash")
            << QByteArray("{\"../mine\": {\"binary\": \"x\", \"args\": [\"{prompt}\"]}}")
            << u"profiles.../mine"_s;
        QTest::newRow("an empty name")
            << QByteArray("{\"\": {\"binary\": \"x\", \"args\": [\"{prompt}\"]}}")
            << u"profiles."_s;
        const QByteArray longName(65, 'a');
        QTest::newRow("a 65-character name")
            << QByteArray("{\"" + longName + "\": {\"binary\": \"x\", \"args\": [\"{prompt}\"]}}")
            << u"profiles."_s + QString::fromLatin1(longName);
    }

    void invalidUserProfilesAreRefusedNamingTheField()
    {
        QFETCH(QByteArray, profiles);
        QFETCH(QString, field);
        QJsonParseError parseError;
        const QJsonObject object = QJsonDocument::fromJson(profiles, &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);

        QTemporaryDir data;
        auto registry = ProfileRegistry::load(data.path());
        QVERIFY(registry);
        const QJsonObject good{{u"claude"_s, QJsonObject{{u"model"_s, u"opus"_s}}}};
        QVERIFY(registry->replaceUserProfiles(good));
        const QByteArray before = readFile(registry->path());

        auto replaced = registry->replaceUserProfiles(object);
        QVERIFY(!replaced);
        QCOMPARE(replaced.error().code, ErrorCode::Validation);
        QCOMPARE(replaced.error().field(), field);
        // A refused change leaves both the registry and the file as they were.
        QCOMPARE(registry->userProfiles(), good);
        QCOMPARE(registry->find(u"claude"_s)->model, std::optional<QString>(u"opus"_s));
        QCOMPARE(readFile(registry->path()), before);
    }

    void aValidNameMayUseDigitsDashesAndUnderscores()
    {
        QTemporaryDir data;
        auto registry = ProfileRegistry::load(data.path());
        QVERIFY(registry);
        const QString longest = u"a"_s.repeated(64);
        QJsonObject profiles;
        for (const QString &name : {u"my-agent_2"_s, u"0day"_s, longest})
            profiles.insert(name,
                            QJsonObject{{u"binary"_s, u"x"_s},
                                        {u"args"_s, QJsonArray{u"{prompt}"_s}}});
        auto replaced = registry->replaceUserProfiles(profiles);
        QVERIFY2(replaced, qPrintable(replaced ? QString() : replaced.error().message));
        QVERIFY(registry->find(u"my-agent_2"_s));
        QVERIFY(registry->find(u"0day"_s));
        QVERIFY(registry->find(longest));
    }

    void overridingABuiltinsModelKeepsItsOtherFields()
    {
        QTemporaryDir data;
        auto registry = ProfileRegistry::load(data.path());
        QVERIFY(registry);
        QVERIFY(registry->replaceUserProfiles(
            {{u"claude"_s, QJsonObject{{u"model"_s, u"claude-opus-4"_s}}}}));
        const auto original = builtin(u"claude"_s);
        const auto claude = registry->find(u"claude"_s);
        QVERIFY(original && claude);
        QCOMPARE(claude->model, std::optional<QString>(u"claude-opus-4"_s));
        QCOMPARE(claude->args, original->args);
        QCOMPARE(claude->followUpArgs, original->followUpArgs);
        QCOMPARE(claude->modelArgs, original->modelArgs);
        QCOMPARE(claude->binary, original->binary);
        QCOMPARE(claude->npxPackage, original->npxPackage);
        QCOMPARE(claude->executor, original->executor);
        QCOMPARE(claude->logFormat, original->logFormat);
        QCOMPARE(claude->variants, original->variants);
        QCOMPARE(claude->env, original->env);
        QVERIFY(claude->builtin);
        // The others are untouched, and still in the same order.
        QCOMPARE(registry->names().size(), ProfileRegistry::builtins().size());
        QVERIFY(!registry->find(u"codex"_s)->model);
    }

    void anEmptyOrNullModelMeansNone()
    {
        QTemporaryDir data;
        auto registry = ProfileRegistry::load(data.path());
        QVERIFY(registry);
        QVERIFY(
            registry->replaceUserProfiles({{u"claude"_s, QJsonObject{{u"model"_s, u""_s}}},
                                           {u"codex"_s, QJsonObject{{u"model"_s, QJsonValue()}}}}));
        QVERIFY(!registry->find(u"claude"_s)->model);
        QVERIFY(!registry->find(u"codex"_s)->model);
    }

    void aNewUserProfileGetsDefaults()
    {
        QTemporaryDir data;
        auto registry = ProfileRegistry::load(data.path());
        QVERIFY(registry);
        QVERIFY(registry->replaceUserProfiles(
            {{u"my-agent"_s,
              QJsonObject{{u"binary"_s, u"my-agent"_s},
                          {u"args"_s, QJsonArray{u"--print"_s, u"{prompt}"_s}}}}}));
        const auto mine = registry->find(u"my-agent"_s);
        QVERIFY(mine);
        QCOMPARE(mine->executor, u"MY_AGENT"_s);
        QCOMPARE(mine->displayName, u"my-agent"_s);
        QCOMPARE(mine->logFormat, u"plain"_s);
        QVERIFY(!mine->builtin);
        QVERIFY(mine->npxPackage.isEmpty());
        QVERIFY(mine->followUpArgs.isEmpty());
        QVERIFY(!mine->model);
        QVERIFY(mine->env.isEmpty());
        QCOMPARE(registry->names().constLast(), u"my-agent"_s);
        QCOMPARE(registry->findByExecutor(u"my_agent"_s)->name, u"my-agent"_s);
    }

    void theNameAndBuiltinFieldsCannotBeForged()
    {
        QTemporaryDir data;
        auto registry = ProfileRegistry::load(data.path());
        QVERIFY(registry);
        QVERIFY(
            registry->replaceUserProfiles({{u"mine"_s,
                                            QJsonObject{{u"name"_s, u"claude"_s},
                                                        {u"builtin"_s, true},
                                                        {u"binary"_s, u"mine"_s},
                                                        {u"args"_s, QJsonArray{u"{prompt}"_s}}}}}));
        QCOMPARE(registry->find(u"mine"_s)->name, u"mine"_s);
        QVERIFY(!registry->find(u"mine"_s)->builtin);
        QCOMPARE(registry->find(u"claude"_s)->binary, u"claude"_s);
    }

    void theWrittenFileIsReloaded()
    {
        QTemporaryDir data;
        const QJsonObject profiles{
            {u"claude"_s, QJsonObject{{u"model"_s, u"sonnet"_s}}},
            {u"local"_s,
             QJsonObject{{u"binary"_s, u"/opt/local/agent"_s},
                         {u"displayName"_s, u"Local ✓"_s},
                         {u"args"_s, QJsonArray{u"{prompt}"_s}},
                         {u"env"_s, QJsonObject{{u"TOKEN_FILE"_s, u"/tmp/t"_s}}},
                         {u"logFormat"_s, u"codex"_s},
                         {u"variants"_s,
                          QJsonObject{{u"fast"_s, QJsonObject{{u"model"_s, u"small"_s}}}}}}},
        };
        {
            auto registry = ProfileRegistry::load(data.path());
            QVERIFY(registry);
            auto replaced = registry->replaceUserProfiles(profiles);
            QVERIFY2(replaced, qPrintable(replaced ? QString() : replaced.error().message));
            QCOMPARE(registry->userProfiles(), profiles);
            QVERIFY(QFile::exists(registry->path()));
        }
        auto reloaded = ProfileRegistry::load(data.path());
        QVERIFY2(reloaded, qPrintable(reloaded ? QString() : reloaded.error().message));
        QCOMPARE(reloaded->userProfiles(), profiles);
        QCOMPARE(reloaded->find(u"claude"_s)->model, std::optional<QString>(u"sonnet"_s));
        const auto local = reloaded->find(u"local"_s);
        QVERIFY(local);
        QCOMPARE(local->displayName, u"Local ✓"_s);
        QCOMPARE(local->binary, u"/opt/local/agent"_s);
        QCOMPARE(local->env.value(u"TOKEN_FILE"_s), u"/tmp/t"_s);
        QCOMPARE(local->logFormat, u"codex"_s);
        // Variant names are kept upper-case, the way executorProfileId spells them.
        QCOMPARE(local->variants.keys(), QStringList{u"FAST"_s});

        // Replacing with nothing goes back to the plain builtins, in the file too.
        QVERIFY(reloaded->replaceUserProfiles({}));
        auto again = ProfileRegistry::load(data.path());
        QVERIFY(again);
        QVERIFY(again->userProfiles().isEmpty());
        QVERIFY(!again->find(u"local"_s));
        QVERIFY(!again->find(u"claude"_s)->model);
    }

    void savingIntoAMissingDataDirIsAnError()
    {
        QTemporaryDir data;
        auto registry = ProfileRegistry::load(data.filePath(u"not/there"_s));
        QVERIFY(registry);
        auto replaced = registry->replaceUserProfiles(
            {{u"claude"_s, QJsonObject{{u"model"_s, u"x"_s}}}});
        QVERIFY(!replaced);
        QCOMPARE(replaced.error().code, ErrorCode::Internal);
        QVERIFY(registry->userProfiles().isEmpty());
        QVERIFY(!registry->find(u"claude"_s)->model);
    }

    void thePromptStaysOneArgument_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::newRow("spaces") << u"fix the parser, please"_s;
        QTest::newRow("quotes") << u"say \"hi\" and 'bye'"_s;
        QTest::newRow("command substitution") << u"$(rm -rf /) `reboot` ; echo pwned | sh"_s;
        QTest::newRow("newlines and tabs") << u"line one\nline two\n\tindented"_s;
        QTest::newRow("glob and redirection") << u"* > /etc/passwd < in &"_s;
        QTest::newRow("unicode") << u"Écris la doc 📝 日本語"_s;
        QTest::newRow("looks like an option") << u"--dangerously-skip-permissions"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("placeholder names") << u"explain {model} and {sessionId} and {prompt}"_s;
        QTest::newRow("list placeholder") << u"{modelArgs}"_s;
    }

    void thePromptStaysOneArgument()
    {
        QFETCH(QString, prompt);
        auto claude = builtin(u"claude"_s);
        QVERIFY(claude);
        auto command
            = ProfileRegistry::resolve(*claude, std::nullopt, prompt, std::nullopt, agentOnPath());
        QVERIFY2(command, qPrintable(command ? QString() : command.error().message));
        QCOMPARE(command->program, m_bin.filePath(u"claude"_s));
        QVERIFY(!command->viaNpx);
        QCOMPARE(command->arguments,
                 (QStringList{u"-p"_s,
                              prompt,
                              u"--output-format"_s,
                              u"stream-json"_s,
                              u"--verbose"_s,
                              u"--dangerously-skip-permissions"_s}));
        // And the program really receives it as one argument: nothing goes through a shell.
        const auto received = runAndCollectArguments(*command);
        QVERIFY(received);
        QCOMPARE(*received, command->arguments);
    }

    void modelArgsExpandOnlyWithAModel()
    {
        ExecutorProfile profile = echoProfile();
        auto without
            = ProfileRegistry::resolve(profile, std::nullopt, u"go"_s, std::nullopt, agentOnPath());
        QVERIFY(without);
        QCOMPARE(without->arguments, (QStringList{u"run"_s, u"--"_s, u"go"_s}));

        profile.model = u"big model"_s;
        auto with
            = ProfileRegistry::resolve(profile, std::nullopt, u"go"_s, std::nullopt, agentOnPath());
        QVERIFY(with);
        QCOMPARE(with->arguments,
                 (QStringList{u"run"_s, u"--model"_s, u"big model"_s, u"--"_s, u"go"_s}));
    }

    void aBuiltinsModelGoesWhereItsTemplateSays()
    {
        auto codex = builtin(u"codex"_s);
        QVERIFY(codex);
        codex->model = u"gpt-5"_s;
        auto command = ProfileRegistry::resolve(*codex,
                                                std::nullopt,
                                                u"do it"_s,
                                                std::nullopt,
                                                agentOnPath());
        QVERIFY(command);
        QCOMPARE(command->arguments,
                 (QStringList{u"exec"_s,
                              u"--json"_s,
                              u"--dangerously-bypass-approvals-and-sandbox"_s,
                              u"--model"_s,
                              u"gpt-5"_s,
                              u"do it"_s}));
        auto gemini = builtin(u"gemini"_s);
        QVERIFY(gemini);
        gemini->model = u"flash"_s;
        command
            = ProfileRegistry::resolve(*gemini, std::nullopt, u"x"_s, std::nullopt, agentOnPath());
        QVERIFY(command);
        QCOMPARE(command->arguments.mid(5), (QStringList{u"-m"_s, u"flash"_s}));
    }

    void listsWithoutAPlaceholderGoAtTheEnd()
    {
        ExecutorProfile profile = echoProfile();
        profile.args = {u"{prompt}"_s};
        profile.model = u"m1"_s;
        profile.extraArgs = {u"--fast"_s, u"{prompt}"_s};
        auto command
            = ProfileRegistry::resolve(profile, std::nullopt, u"p"_s, std::nullopt, agentOnPath());
        QVERIFY(command);
        // Extra arguments are taken literally: they are the user's, not a template.
        QCOMPARE(command->arguments,
                 (QStringList{u"p"_s, u"--model"_s, u"m1"_s, u"--fast"_s, u"{prompt}"_s}));
    }

    void extraArgsExpandInPlace()
    {
        ExecutorProfile profile = echoProfile();
        profile.extraArgs = {u"--max-turns"_s, u"3"_s};
        auto command
            = ProfileRegistry::resolve(profile, std::nullopt, u"go"_s, std::nullopt, agentOnPath());
        QVERIFY(command);
        QCOMPARE(command->arguments,
                 (QStringList{u"run"_s, u"--max-turns"_s, u"3"_s, u"--"_s, u"go"_s}));
    }

    void aVariantAppliesItsOverrides_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::newRow("as spelled") << u"PLAN"_s;
        QTest::newRow("any case") << u"plan"_s;
    }

    void aVariantAppliesItsOverrides()
    {
        QFETCH(QString, variant);
        auto claude = builtin(u"claude"_s);
        QVERIFY(claude);
        auto command
            = ProfileRegistry::resolve(*claude, variant, u"think"_s, std::nullopt, agentOnPath());
        QVERIFY2(command, qPrintable(command ? QString() : command.error().message));
        QCOMPARE(command->arguments,
                 (QStringList{u"-p"_s,
                              u"think"_s,
                              u"--output-format"_s,
                              u"stream-json"_s,
                              u"--verbose"_s,
                              u"--dangerously-skip-permissions"_s,
                              u"--permission-mode"_s,
                              u"plan"_s}));
    }

    void aVariantMayChangeModelAndEnvironment()
    {
        ExecutorProfile profile = echoProfile();
        profile.model = u"large"_s;
        profile.env = {{u"MODE"_s, u"normal"_s}};
        profile.variants.insert(u"FAST"_s,
                                QJsonObject{{u"model"_s, u"small"_s},
                                            {u"env"_s, QJsonObject{{u"MODE"_s, u"fast"_s}}},
                                            {u"name"_s, u"other"_s}});
        auto command
            = ProfileRegistry::resolve(profile, u"fast"_s, u"go"_s, std::nullopt, agentOnPath());
        QVERIFY(command);
        QCOMPARE(command->arguments,
                 (QStringList{u"run"_s, u"--model"_s, u"small"_s, u"--"_s, u"go"_s}));
        QCOMPARE(command->environment.value(u"MODE"_s), u"fast"_s);
        // The profile passed in is not changed by resolving a variant of it.
        QCOMPARE(profile.model, std::optional<QString>(u"large"_s));
    }

    void theApprovalsVariantSpeaksTheControlProtocol_data()
    {
        QTest::addColumn<QString>("sessionId");
        QTest::newRow("first run") << QString();
        QTest::newRow("follow-up") << u"sess-42"_s;
    }

    void theApprovalsVariantSpeaksTheControlProtocol()
    {
        QFETCH(QString, sessionId);
        const std::optional<QString> session = sessionId.isEmpty() ? std::nullopt
                                                                   : std::optional(sessionId);
        auto claude = builtin(u"claude"_s);
        QVERIFY(claude);
        QVERIFY(!claude->approvals);
        auto command = ProfileRegistry::resolve(*claude,
                                                u"approvals"_s,
                                                u"the prompt"_s,
                                                session,
                                                agentOnPath());
        QVERIFY2(command, qPrintable(command ? QString() : command.error().message));
        QVERIFY(command->approvals);
        QStringList expected{u"-p"_s,
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
                             u"AskUserQuestion"_s};
        if (session)
            expected = QStringList{u"-p"_s, u"--resume"_s, *session} + expected.mid(1);
        // The prompt is not an argument: it goes over stdin.
        QCOMPARE(command->arguments, expected);
        // The default variant runs without asking, as before.
        auto plain = ProfileRegistry::resolve(*claude,
                                              std::nullopt,
                                              u"the prompt"_s,
                                              session,
                                              agentOnPath());
        QVERIFY(plain);
        QVERIFY(!plain->approvals);
        QVERIFY(plain->arguments.contains(u"the prompt"_s));
    }

    void theDefaultVariantIsTheProfileItself_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::newRow("DEFAULT") << u"DEFAULT"_s;
        QTest::newRow("default") << u"default"_s;
        QTest::newRow("empty") << QString();
    }

    void theDefaultVariantIsTheProfileItself()
    {
        QFETCH(QString, variant);
        auto claude = builtin(u"claude"_s);
        QVERIFY(claude);
        auto plain
            = ProfileRegistry::resolve(*claude, std::nullopt, u"x"_s, std::nullopt, agentOnPath());
        auto named = ProfileRegistry::resolve(*claude, variant, u"x"_s, std::nullopt, agentOnPath());
        QVERIFY(plain && named);
        QCOMPARE(named->arguments, plain->arguments);
    }

    void anUnknownVariantIsAValidationError()
    {
        auto claude = builtin(u"claude"_s);
        QVERIFY(claude);
        auto command
            = ProfileRegistry::resolve(*claude, u"TURBO"_s, u"x"_s, std::nullopt, agentOnPath());
        QVERIFY(!command);
        QCOMPARE(command.error().code, ErrorCode::Validation);
        QCOMPARE(command.error().field(), u"executorProfileId.variant"_s);
        // The message lists what there is to choose from.
        QVERIFY2(command.error().message.contains(u"DEFAULT, APPROVALS, PLAN"_s),
                 qPrintable(command.error().message));

        auto codex = builtin(u"codex"_s); // has no variants at all
        QVERIFY(codex);
        command = ProfileRegistry::resolve(*codex, u"PLAN"_s, u"x"_s, std::nullopt, agentOnPath());
        QVERIFY(!command);
        QCOMPARE(command.error().code, ErrorCode::Validation);
    }

    void anEnvOverrideMergesAndNullRemoves()
    {
        QTemporaryDir dir;
        auto registry = ProfileRegistry::load(dir.path());
        QVERIFY(registry);
        const auto original = builtin(u"claude"_s);
        QVERIFY(original && original->env.contains(u"IS_SANDBOX"_s));
        QVERIFY(registry->replaceUserProfiles(
            {{u"claude"_s,
              QJsonObject{
                  {u"env"_s, QJsonObject{{u"ANTHROPIC_BASE_URL"_s, u"http://127.0.0.1:9"_s}}}}}}));
        auto claude = registry->find(u"claude"_s);
        QCOMPARE(claude->env.value(u"ANTHROPIC_BASE_URL"_s), u"http://127.0.0.1:9"_s);
        QCOMPARE(claude->env.value(u"IS_SANDBOX"_s), original->env.value(u"IS_SANDBOX"_s));
        QVERIFY(registry->replaceUserProfiles(
            {{u"claude"_s, QJsonObject{{u"env"_s, QJsonObject{{u"IS_SANDBOX"_s, QJsonValue()}}}}}}));
        claude = registry->find(u"claude"_s);
        QVERIFY(!claude->env.contains(u"IS_SANDBOX"_s));
    }

    void aBrokenVariantIsAValidationErrorWhenUsed()
    {
        ExecutorProfile profile = echoProfile();
        profile.variants.insert(u"BAD"_s, QJsonObject{{u"model"_s, 5}});
        auto command
            = ProfileRegistry::resolve(profile, u"bad"_s, u"x"_s, std::nullopt, agentOnPath());
        QVERIFY(!command);
        QCOMPARE(command.error().code, ErrorCode::Validation);
        QCOMPARE(command.error().field(), u"profiles.echo.model"_s);
    }

    void aFollowUpUsesTheFollowUpTemplate()
    {
        auto claude = builtin(u"claude"_s);
        QVERIFY(claude);
        auto command = ProfileRegistry::resolve(*claude,
                                                std::nullopt,
                                                u"and now the tests"_s,
                                                u"sess-42"_s,
                                                agentOnPath());
        QVERIFY(command);
        QCOMPARE(command->arguments,
                 (QStringList{u"-p"_s,
                              u"and now the tests"_s,
                              u"--resume"_s,
                              u"sess-42"_s,
                              u"--output-format"_s,
                              u"stream-json"_s,
                              u"--verbose"_s,
                              u"--dangerously-skip-permissions"_s}));

        // A session id inside an argument is substituted there, and only there.
        auto echo = ProfileRegistry::resolve(echoProfile(),
                                             std::nullopt,
                                             u"{sessionId}"_s,
                                             u"s 1"_s,
                                             agentOnPath());
        QVERIFY(echo);
        QCOMPARE(echo->arguments, (QStringList{u"resume"_s, u"--id=s 1"_s, u"{sessionId}"_s}));
    }

    void aFollowUpWithoutAFollowUpTemplateIsAConflict()
    {
        ExecutorProfile profile = echoProfile();
        profile.followUpArgs.clear();
        auto command
            = ProfileRegistry::resolve(profile, std::nullopt, u"more"_s, u"s1"_s, agentOnPath());
        QVERIFY(!command);
        QCOMPARE(command.error().code, ErrorCode::Conflict);
        QVERIFY(command.error().message.contains(u"echo"_s));
        // Without a session id the same profile runs.
        QVERIFY(
            ProfileRegistry::resolve(profile, std::nullopt, u"more"_s, std::nullopt, agentOnPath()));
    }

    void theProfilesEnvironmentIsAddedToTheInheritedOne()
    {
        auto gemini = builtin(u"gemini"_s);
        QVERIFY(gemini);
        gemini->env.insert(u"SHARED"_s, u"from profile"_s);
        QProcessEnvironment base = agentOnPath();
        base.insert(u"INHERITED"_s, u"kept"_s);
        base.insert(u"SHARED"_s, u"from app"_s);
        auto command = ProfileRegistry::resolve(*gemini, std::nullopt, u"x"_s, std::nullopt, base);
        QVERIFY(command);
        QCOMPARE(command->environment.value(u"INHERITED"_s), u"kept"_s);
        QCOMPARE(command->environment.value(u"PATH"_s), m_bin.path());
        QCOMPARE(command->environment.value(u"GEMINI_CLI_NO_RELAUNCH"_s), u"true"_s);
        QCOMPARE(command->environment.value(u"SHARED"_s), u"from profile"_s);
        // The caller's environment object is not modified.
        QCOMPARE(base.value(u"SHARED"_s), u"from app"_s);
        QVERIFY(!base.contains(u"GEMINI_CLI_NO_RELAUNCH"_s));
    }

    void aBinaryOnThePathIsRunDirectly()
    {
        auto command = ProfileRegistry::resolve(echoProfile(),
                                                std::nullopt,
                                                u"x"_s,
                                                std::nullopt,
                                                environmentWithPath(
                                                    {m_empty.path(), m_bin.path(), m_npx.path()}));
        QVERIFY(command);
        QCOMPARE(command->program, m_bin.filePath(u"fd-echo-agent"_s));
        QVERIFY(!command->viaNpx);
    }

    void theAgentsOwnPathDecides()
    {
        // A PATH set by the profile is where its binary is looked for.
        ExecutorProfile profile = echoProfile();
        profile.env.insert(u"PATH"_s, m_bin.path());
        auto command = ProfileRegistry::resolve(profile,
                                                std::nullopt,
                                                u"x"_s,
                                                std::nullopt,
                                                environmentWithPath({m_empty.path()}));
        QVERIFY(command);
        QCOMPARE(command->program, m_bin.filePath(u"fd-echo-agent"_s));
    }

    void aMissingBinaryFallsBackToNpx()
    {
        auto command = ProfileRegistry::resolve(echoProfile(),
                                                std::nullopt,
                                                u"two words"_s,
                                                std::nullopt,
                                                environmentWithPath({m_empty.path(), m_npx.path()}));
        QVERIFY2(command, qPrintable(command ? QString() : command.error().message));
        QVERIFY(command->viaNpx);
        QCOMPARE(command->program, m_npx.filePath(u"npx"_s));
        QCOMPARE(command->arguments,
                 (QStringList{u"-y"_s, u"fd-echo-agent@1.0.0"_s, u"run"_s, u"--"_s, u"two words"_s}));
        const auto received = runAndCollectArguments(*command);
        QVERIFY(received);
        QCOMPARE(*received, command->arguments);
    }

    void aBuiltinFallsBackToItsPinnedPackage()
    {
        auto codex = builtin(u"codex"_s);
        QVERIFY(codex);
        auto command = ProfileRegistry::resolve(*codex,
                                                std::nullopt,
                                                u"x"_s,
                                                std::nullopt,
                                                environmentWithPath({m_npx.path()}));
        QVERIFY(command);
        QVERIFY(command->viaNpx);
        QCOMPARE(command->arguments.mid(0, 3), (QStringList{u"-y"_s, codex->npxPackage, u"exec"_s}));
    }

    void withNeitherBinaryNorNpxTheAgentIsUnavailable()
    {
        auto command = ProfileRegistry::resolve(echoProfile(),
                                                std::nullopt,
                                                u"x"_s,
                                                std::nullopt,
                                                environmentWithPath({m_empty.path()}));
        QVERIFY(!command);
        QCOMPARE(command.error().code, ErrorCode::Unavailable);
        QVERIFY2(command.error().message.contains(u"fd-echo-agent@1.0.0"_s),
                 qPrintable(command.error().message));
        QCOMPARE(command.error().details.value(u"profile"_s).toString(), u"echo"_s);
    }

    void withoutAPackageNpxIsNoFallback()
    {
        auto cursor = builtin(u"cursor"_s);
        QVERIFY(cursor);
        auto command = ProfileRegistry::resolve(*cursor,
                                                std::nullopt,
                                                u"x"_s,
                                                std::nullopt,
                                                environmentWithPath({m_npx.path()}));
        QVERIFY(!command);
        QCOMPARE(command.error().code, ErrorCode::Unavailable);
        QVERIFY(command.error().message.contains(u"cursor-agent"_s));
    }

    void anAbsoluteBinaryIsUsedOnlyIfExecutable()
    {
        ExecutorProfile profile = echoProfile();
        profile.binary = m_bin.filePath(u"fd-echo-agent"_s);
        auto command = ProfileRegistry::resolve(profile,
                                                std::nullopt,
                                                u"x"_s,
                                                std::nullopt,
                                                environmentWithPath({m_empty.path()}));
        QVERIFY(command);
        QCOMPARE(command->program, profile.binary);
        QVERIFY(!command->viaNpx);

        const QString plainFile = m_empty.filePath(u"not-executable"_s);
        QVERIFY(writeFile(plainFile, "#!/bin/sh\n"));
        profile.binary = plainFile;
        command = ProfileRegistry::resolve(profile,
                                           std::nullopt,
                                           u"x"_s,
                                           std::nullopt,
                                           environmentWithPath({m_npx.path()}));
        QVERIFY(command);
        QVERIFY(command->viaNpx);
        QVERIFY(QFile::remove(plainFile));
    }
};

QTEST_GUILESS_MAIN(TestExecutorProfile)
#include "tst_executorprofile.moc"
