// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/deliveryservice.h"
#include "tests/support/fakegithub.h"
#include "tests/support/futures.h"
#include "tests/support/serverfixture.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

#include <csignal>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using Test::HttpReply;

// A helper that failed has already recorded why; the test stops there.
#define TRY(call) \
    do { \
        call; \
        if (QTest::currentTestFailed()) \
            return; \
    } while (false)

namespace {

struct GitRun
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

/// The git CLI, bounded; the environment is the test's hermetic one (see initTestCase).
GitRun git(const QString &dir, const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.start(u"git"_s, args);
    GitRun run;
    if (!process.waitForStarted(10'000))
        return run;
    if (!process.waitForFinished(30'000)) {
        process.kill();
        process.waitForFinished(5'000);
        return run;
    }
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

/// git's trimmed output, or "" when it failed.
QString gitOut(const QString &dir, const QStringList &args)
{
    const GitRun run = git(dir, args);
    return run.code == 0 ? QString::fromUtf8(run.out).trimmed() : QString();
}

/// The commit a revision names, or "" when there is none.
QString rev(const QString &dir, const QString &revision)
{
    return gitOut(dir, {u"rev-parse"_s, u"--verify"_s, u"--quiet"_s, revision + u"^{commit}"_s});
}

/// The parents of a commit, in order.
QStringList parents(const QString &dir, const QString &commit)
{
    QStringList list = gitOut(dir, {u"rev-list"_s, u"--parents"_s, u"-n"_s, u"1"_s, commit})
                           .split(u' ', Qt::SkipEmptyParts);
    if (!list.isEmpty())
        list.removeFirst();
    return list;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(content) == content.size();
}

/// What the scripted agent names the file it creates: the prompt's lower-case letters, anything
/// else an underscore, 20 characters at most.
QString madeFileFor(const QString &title)
{
    QString name;
    for (const QChar c : title)
        name.append(c >= u'a' && c <= u'z' ? c : u'_');
    return name.left(20) + u".txt"_s;
}

QStringList toStrings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

QJsonObject fileNamed(const QJsonArray &files, const QString &path)
{
    for (const QJsonValue &file : files)
        if (file.toObject().value(u"path"_s).toString() == path)
            return file.toObject();
    return {};
}

bool isIsoTimestamp(const QJsonValue &value)
{
    static const QRegularExpression iso(
        u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z$"_s);
    return iso.match(value.toString()).hasMatch();
}

// Everything Qt logs while the tests run, to prove the GitHub token never shows up there.
QMutex logGuard;
QStringList *logLines = nullptr;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker locked(&logGuard);
        if (logLines)
            logLines->append(message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

const QString token = u"ghs_forgedeskTestToken_7f3a9c"_s;

} // namespace

/// Reviewing and delivering an attempt's work over the real HTTP API, against real git
/// repositories made with the git CLI: the agent is a real CLI (/bin/sh running a script), so
/// every attempt has a real branch, worktree and commit.
class TestDeliveryApi final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QStringList m_log;
    std::unique_ptr<Test::ServerFixture> m_fixture;
    std::vector<std::unique_ptr<QTemporaryDir>> m_dirs;

    Test::HttpClient &http() { return *m_fixture->http; }

    static void verifyError(const HttpReply &reply,
                            int status,
                            const QString &code,
                            const QString &field = {})
    {
        QVERIFY2(reply.status == status,
                 qPrintable(u"%1 instead of %2: %3"_s.arg(reply.status)
                                .arg(status)
                                .arg(QString::fromUtf8(reply.body))));
        QVERIFY(reply.headers.value("content-type").startsWith("application/json"));
        const QJsonObject json = reply.json();
        QCOMPARE(json.value(u"success"_s).toBool(true), false);
        QCOMPARE(reply.errorCode(), code);
        QVERIFY(!json.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
        QVERIFY(json.value(u"error"_s).toObject().value(u"details"_s).isObject());
        QVERIFY(isIsoTimestamp(json.value(u"meta"_s).toObject().value(u"timestamp"_s)));
        if (!field.isEmpty())
            QCOMPARE(reply.errorField(), field);
    }

    static void verifyOk(const HttpReply &reply)
    {
        QVERIFY2(reply.status == 200,
                 qPrintable(u"%1: %2"_s.arg(reply.status).arg(QString::fromUtf8(reply.body))));
        QCOMPARE(reply.json().value(u"success"_s).toBool(), true);
        QVERIFY(isIsoTimestamp(reply.json().value(u"meta"_s).toObject().value(u"timestamp"_s)));
    }

    static QJsonObject errorDetails(const HttpReply &reply)
    {
        return reply.json().value(u"error"_s).toObject().value(u"details"_s).toObject();
    }

    void gitOk(const QString &dir, const QStringList &args)
    {
        const GitRun run = git(dir, args);
        QVERIFY2(run.code == 0,
                 qPrintable(
                     u"git %1 in %2: %3"_s.arg(args.join(u' '), dir, QString::fromUtf8(run.err))));
    }

    QString newDir()
    {
        m_dirs.push_back(std::make_unique<QTemporaryDir>());
        return QFileInfo(m_dirs.back()->path()).canonicalFilePath();
    }

    /// A repository on main with README.md and shared.txt ("base").
    void makeRepo(QString *path)
    {
        const QString dir = newDir();
        QVERIFY(!dir.isEmpty());
        *path = dir + u"/repo"_s;
        QVERIFY(QDir().mkpath(*path));
        TRY(gitOk(*path, {u"init"_s, u"-q"_s, u"-b"_s, u"main"_s}));
        TRY(gitOk(*path, {u"config"_s, u"user.name"_s, u"Forgedesk Tester"_s}));
        TRY(gitOk(*path, {u"config"_s, u"user.email"_s, u"tester@forgedesk.invalid"_s}));
        QVERIFY(writeFile(*path + u"/README.md"_s, "# demo\n"));
        QVERIFY(writeFile(*path + u"/shared.txt"_s, "base\n"));
        TRY(gitOk(*path, {u"add"_s, u"-A"_s}));
        TRY(gitOk(*path, {u"commit"_s, u"-q"_s, u"-m"_s, u"initial"_s}));
    }

    /// Commits a file on whatever the checkout at dir has checked out.
    void commitFile(const QString &dir,
                    const QString &file,
                    const QByteArray &content,
                    const QString &message)
    {
        QVERIFY(writeFile(dir + u'/' + file, content));
        TRY(gitOk(dir, {u"add"_s, u"--"_s, file}));
        TRY(gitOk(dir, {u"commit"_s, u"-q"_s, u"-m"_s, message}));
    }

    /// A bare repository added to repo as origin; its path.
    void addBareOrigin(const QString &repo, QString *bare)
    {
        *bare = newDir() + u"/remote.git"_s;
        TRY(gitOk(newDir(), {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s, *bare}));
        TRY(gitOk(repo, {u"remote"_s, u"add"_s, u"origin"_s, *bare}));
    }

    /// Sends method path as it is (no client normalises "..") and returns status and body.
    std::pair<int, QJsonObject> rawRequest(const QByteArray &method, const QByteArray &path)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_fixture->port);
        if (!socket.waitForConnected(5000))
            return {0, {}};
        socket.write(method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:"
                     + QByteArray::number(m_fixture->port) + "\r\nConnection: close\r\n\r\n");
        QByteArray response;
        QDeadlineTimer deadline(10000);
        while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
            if (socket.waitForReadyRead(100) || socket.bytesAvailable())
                response += socket.readAll();
            else
                QCoreApplication::processEvents();
        }
        response += socket.readAll();
        const int status = response.mid(9, 3).toInt();
        const qsizetype bodyAt = response.indexOf("\r\n\r\n");
        return {status, QJsonDocument::fromJson(response.mid(bodyAt + 4)).object()};
    }

    void createProject(const QString &repo, QString *id)
    {
        const HttpReply reply = http().post(u"/api/projects"_s,
                                            {{u"name"_s, QFileInfo(repo).path()},
                                             {u"repoPath"_s, repo},
                                             {u"baseBranch"_s, u"main"_s}});
        QVERIFY2(reply.status == 201, reply.body.constData());
        *id = reply.data().value(u"id"_s).toString();
        QVERIFY(id->startsWith(u"proj_"_s));
    }

    void createTask(const QString &project, const QString &title, QString *id)
    {
        const HttpReply reply = http().post(u"/api/tasks"_s,
                                            {{u"projectId"_s, project}, {u"title"_s, title}});
        QVERIFY2(reply.status == 201, reply.body.constData());
        *id = reply.data().value(u"id"_s).toString();
        QVERIFY(id->startsWith(u"task_"_s));
    }

    void createAttempt(const QString &task, QString *id)
    {
        const HttpReply reply = http().post(u"/api/attempts"_s,
                                            {{u"taskId"_s, task}, {u"llm"_s, u"scripted"_s}});
        QVERIFY2(reply.status == 201, reply.body.constData());
        *id = reply.data().value(u"id"_s).toString();
        QVERIFY(id->startsWith(u"attempt_"_s));
    }

    QJsonObject attempt(const QString &id) { return http().get(u"/api/attempts/"_s + id).data(); }

    QString taskStatus(const QString &id)
    {
        return http().get(u"/api/tasks/"_s + id).data().value(u"status"_s).toString();
    }

    /// Creates an attempt with the scripted agent, starts it and waits (bounded) until it ends.
    void runAttempt(const QString &task, QJsonObject *done)
    {
        QString id;
        TRY(createAttempt(task, &id));
        const HttpReply started = http().post(u"/api/attempts/"_s + id + u"/start"_s, {});
        QVERIFY2(started.status == 200, started.body.constData());
        QString status;
        const bool ended = QTest::qWaitFor(
            [&] {
                status = attempt(id).value(u"status"_s).toString();
                return status == "completed"_L1 || status == "failed"_L1
                       || status == "cancelled"_L1;
            },
            60'000);
        QVERIFY2(ended, qPrintable(u"still " + status));
        *done = attempt(id);
        QVERIFY2(status == "completed"_L1,
                 QJsonDocument(*done).toJson(QJsonDocument::Compact).constData());
        QVERIFY(!done->value(u"branch"_s).toString().isEmpty());
        QVERIFY(!done->value(u"commitSha"_s).toString().isEmpty());
    }

    /// repo, a project for it, a task with title and a completed attempt of it.
    void attemptIn(const QString &repo, const QString &title, QString *task, QJsonObject *done)
    {
        QString project;
        TRY(createProject(repo, &project));
        TRY(createTask(project, title, task));
        TRY(runAttempt(*task, done));
    }

    HttpReply merge(const QString &route, const QString &id, const QJsonObject &body)
    {
        return http().post(u"/api/"_s + route + u"/"_s + id + u"/merge"_s, body);
    }

    /// Nothing of the attempt landed: main is where it was, the checkout untouched.
    void verifyNotMerged(const QString &repo,
                         const QString &mainTip,
                         const QString &id,
                         const QString &task)
    {
        QCOMPARE(rev(repo, u"main"_s), mainTip);
        const QJsonObject now = attempt(id);
        QCOMPARE(now.value(u"merged"_s).toBool(), false);
        QVERIFY(now.value(u"mergedAt"_s).isNull());
        QVERIFY(now.value(u"mergeCommit"_s).isNull()
                || now.value(u"mergeCommit"_s).toString().isEmpty());
        QVERIFY(taskStatus(task) != "done"_L1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Hermetic git: no user or system configuration, no credential prompts, no token.
        QVERIFY(m_home.isValid());
        const QByteArray home = m_home.path().toUtf8();
        QVERIFY(writeFile(m_home.path() + u"/gitconfig"_s, "[init]\n\tdefaultBranch = main\n"));
        qputenv("HOME", home);
        qputenv("XDG_CONFIG_HOME", home + "/.config");
        qputenv("GIT_CONFIG_GLOBAL", home + "/gitconfig");
        qputenv("GIT_CONFIG_NOSYSTEM", "1");
        qputenv("GIT_TERMINAL_PROMPT", "0");
        for (const char *name : {"GITHUB_TOKEN",
                                 "GIT_DIR",
                                 "GIT_WORK_TREE",
                                 "GIT_INDEX_FILE",
                                 "GIT_AUTHOR_NAME",
                                 "GIT_AUTHOR_EMAIL",
                                 "GIT_COMMITTER_NAME",
                                 "GIT_COMMITTER_EMAIL"})
            qunsetenv(name);
        logLines = &m_log;
        previousHandler = qInstallMessageHandler(captureMessage);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(previousHandler);
        QMutexLocker locked(&logGuard);
        logLines = nullptr;
    }

    void init()
    {
        m_fixture = std::make_unique<Test::ServerFixture>();
        QVERIFY(m_fixture->isValid());
        // Any CLI can be an agent: this one writes the prompt into shared.txt and creates a file
        // named after it, so tasks with different titles make different (conflicting) changes.
        const QJsonObject scripted{
            {u"binary"_s, u"/bin/sh"_s},
            {u"args"_s,
             QJsonArray{u"-c"_s,
                        u"printf '%s\\n' \"$1\" > shared.txt; echo made > \"$(printf '%s' \"$1\" | "
                        "tr -c 'a-z' _ | cut -c1-20).txt\""_s,
                        u"sh"_s,
                        u"{prompt}"_s}},
            {u"logFormat"_s, u"plain"_s}};
        const HttpReply put
            = http().send("PUT",
                          u"/api/profiles"_s,
                          QJsonDocument(
                              QJsonObject{{u"profiles"_s, QJsonObject{{u"scripted"_s, scripted}}}})
                              .toJson(QJsonDocument::Compact));
        QVERIFY2(put.status == 200, put.body.constData());
    }

    void cleanup()
    {
        m_fixture.reset();
        m_dirs.clear();
    }

    void diffInEveryFormat()
    {
        QString repo;
        TRY(makeRepo(&repo));
        QString task;
        QJsonObject done;
        TRY(attemptIn(repo, u"alpha change"_s, &task, &done));
        const QString id = done.value(u"id"_s).toString();
        const QString branch = done.value(u"branch"_s).toString();
        const QString worktree = done.value(u"worktreePath"_s).toString();
        const QString made = madeFileFor(u"alpha change"_s);
        QVERIFY2(worktree.startsWith(repo + u"/.forge/worktrees/"_s), qPrintable(worktree));
        QCOMPARE(rev(repo, branch), done.value(u"commitSha"_s).toString());
        QCOMPARE(readFile(worktree + u"/shared.txt"_s), "alpha change\n");
        QCOMPARE(gitOut(repo, {u"show"_s, branch + u":"_s + made}), u"made"_s);

        const HttpReply json = http().get(u"/api/attempts/"_s + id + u"/diff?format=json"_s);
        TRY(verifyOk(json));
        const QJsonArray files = json.data().value(u"files"_s).toArray();
        QCOMPARE(files.size(), 2);
        const QJsonObject shared = fileNamed(files, u"shared.txt"_s);
        QCOMPARE(shared.value(u"status"_s).toString(), u"modified"_s);
        QCOMPARE(shared.value(u"additions"_s).toInt(), 1);
        QCOMPARE(shared.value(u"deletions"_s).toInt(), 1);
        const QJsonArray changes = shared.value(u"changes"_s).toArray();
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.at(0).toObject().value(u"type"_s).toString(), u"delete"_s);
        QCOMPARE(changes.at(0).toObject().value(u"content"_s).toString(), u"base"_s);
        QCOMPARE(changes.at(0).toObject().value(u"lineNumber"_s).toInt(), 1);
        QCOMPARE(changes.at(1).toObject().value(u"type"_s).toString(), u"add"_s);
        QCOMPARE(changes.at(1).toObject().value(u"content"_s).toString(), u"alpha change"_s);
        const QJsonObject added = fileNamed(files, made);
        QCOMPARE(added.value(u"status"_s).toString(), u"added"_s);
        QCOMPARE(added.value(u"additions"_s).toInt(), 1);
        QCOMPARE(added.value(u"deletions"_s).toInt(), 0);
        const QJsonObject summary = json.data().value(u"summary"_s).toObject();
        QCOMPARE(summary.value(u"filesChanged"_s).toInt(), 2);
        QCOMPARE(summary.value(u"additions"_s).toInt(), 2);
        QCOMPARE(summary.value(u"deletions"_s).toInt(), 1);

        // unified is the default, on both spellings of the route.
        for (const QString &path :
             QStringList{u"/api/attempts/"_s + id + u"/diff"_s,
                         u"/api/task-attempts/"_s + id + u"/diff?format=unified"_s}) {
            const HttpReply unified = http().get(path);
            TRY(verifyOk(unified));
            const QString diff = unified.data().value(u"diff"_s).toString();
            QVERIFY2(diff.contains(u"diff --git a/shared.txt b/shared.txt"_s), qPrintable(diff));
            QVERIFY(diff.contains(u"\n-base\n+alpha change\n"_s));
            QVERIFY(diff.contains(u"diff --git a/"_s + made));
            QCOMPARE(unified.data().value(u"files"_s).toArray().size(), 2);
        }

        const HttpReply split = http().get(u"/api/attempts/"_s + id + u"/diff?format=split"_s);
        TRY(verifyOk(split));
        const QJsonArray rows = fileNamed(split.data().value(u"files"_s).toArray(), u"shared.txt"_s)
                                    .value(u"rows"_s)
                                    .toArray();
        bool sideBySide = false;
        for (const QJsonValue &row : rows) {
            const QJsonObject r = row.toObject();
            if (r.value(u"left"_s).toObject().value(u"content"_s).toString() == "base"_L1
                && r.value(u"right"_s).toObject().value(u"content"_s).toString()
                       == "alpha change"_L1)
                sideBySide = true;
        }
        QVERIFY2(sideBySide, QJsonDocument(rows).toJson().constData());

        // A raw patch that git itself applies to the base.
        const HttpReply raw = http().send("GET",
                                          u"/api/attempts/"_s + id + u"/diff"_s,
                                          {},
                                          {{"Accept", "text/x-diff"}});
        QCOMPARE(raw.status, 200);
        QVERIFY(raw.headers.value("content-type").startsWith("text/x-diff"));
        QVERIFY(raw.body.startsWith("diff --git "));
        const QString patchFile = newDir() + u"/attempt.patch"_s;
        QVERIFY(writeFile(patchFile, raw.body));
        TRY(gitOk(repo, {u"apply"_s, u"--check"_s, patchFile}));

        const HttpReply one = http().get(u"/api/attempts/"_s + id
                                         + u"/diff?format=json&file=shared.txt"_s);
        TRY(verifyOk(one));
        QCOMPARE(one.data().value(u"files"_s).toArray().size(), 1);
        QCOMPARE(fileNamed(one.data().value(u"files"_s).toArray(), u"shared.txt"_s)
                     .value(u"additions"_s)
                     .toInt(),
                 1);
        QCOMPARE(one.data().value(u"summary"_s).toObject().value(u"filesChanged"_s).toInt(), 1);

        // What the user changes in the worktree afterwards shows up, and the diff writes nothing.
        QVERIFY(writeFile(worktree + u"/README.md"_s, "# demo\nmore\n"));
        QVERIFY(writeFile(worktree + u"/notes.txt"_s, "new\n"));
        const HttpReply dirty = http().get(u"/api/attempts/"_s + id + u"/diff?format=json"_s);
        TRY(verifyOk(dirty));
        const QJsonArray dirtyFiles = dirty.data().value(u"files"_s).toArray();
        QCOMPARE(dirtyFiles.size(), 4);
        QCOMPARE(fileNamed(dirtyFiles, u"README.md"_s).value(u"status"_s).toString(), u"modified"_s);
        QCOMPARE(fileNamed(dirtyFiles, u"README.md"_s).value(u"additions"_s).toInt(), 1);
        QCOMPARE(fileNamed(dirtyFiles, u"notes.txt"_s).value(u"status"_s).toString(), u"added"_s);
        QCOMPARE(gitOut(worktree, {u"status"_s, u"--porcelain"_s}), u"M README.md\n?? notes.txt"_s);
        QCOMPARE(rev(repo, branch), done.value(u"commitSha"_s).toString());

        verifyError(http().get(u"/api/attempts/"_s + id + u"/diff?format=xml"_s),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"format"_s);
        verifyError(http().get(u"/api/attempts/attempt_doesnotexist/diff"_s), 404, u"NOT_FOUND"_s);
        QString fresh;
        TRY(createAttempt(task, &fresh));
        verifyError(http().get(u"/api/attempts/"_s + fresh + u"/diff"_s), 409, u"CONFLICT"_s);
    }

    void branchStatusCompareToHeadAndCommitInfo()
    {
        QString repo;
        TRY(makeRepo(&repo));
        QString task;
        QJsonObject done;
        TRY(attemptIn(repo, u"status check"_s, &task, &done));
        const QString id = done.value(u"id"_s).toString();
        const QString branch = done.value(u"branch"_s).toString();
        const QString worktree = done.value(u"worktreePath"_s).toString();
        const QString base = u"/api/task-attempts/"_s + id;

        HttpReply status = http().get(base + u"/branch-status"_s);
        TRY(verifyOk(status));
        QJsonObject s = status.data();
        QCOMPARE(s.value(u"branch"_s).toString(), branch);
        QCOMPARE(s.value(u"baseBranch"_s).toString(), u"main"_s);
        QCOMPARE(s.value(u"ahead"_s).toInt(), 1);
        QCOMPARE(s.value(u"behind"_s).toInt(), 0);
        QCOMPARE(s.value(u"conflicted"_s).toBool(true), false);
        QCOMPARE(toStrings(s.value(u"conflicts"_s)), QStringList());
        QCOMPARE(toStrings(s.value(u"conflictedFiles"_s)), QStringList());
        QCOMPARE(toStrings(s.value(u"modifiedFiles"_s)), QStringList());
        QCOMPARE(toStrings(s.value(u"untrackedFiles"_s)), QStringList());
        QCOMPARE(s.value(u"rebaseInProgress"_s).toBool(true), false);
        QCOMPARE(s.value(u"status"_s).toString(), u"clean"_s);
        QCOMPARE(s.value(u"headCommit"_s).toString(), rev(repo, branch));
        QCOMPARE(s.value(u"baseCommit"_s).toString(), rev(repo, u"main"_s));

        const HttpReply info = http().get(base + u"/commit-info"_s);
        TRY(verifyOk(info));
        const QJsonObject i = info.data();
        QCOMPARE(i.value(u"commitId"_s).toString(), rev(repo, branch));
        QCOMPARE(i.value(u"author"_s).toString(), u"Forgedesk Tester <tester@forgedesk.invalid>"_s);
        QCOMPARE(i.value(u"message"_s).toString(),
                 gitOut(repo, {u"log"_s, u"-1"_s, u"--format=%B"_s, branch}));
        QVERIFY(isIsoTimestamp(i.value(u"timestamp"_s)));
        QCOMPARE(i.value(u"commitCount"_s).toInt(), 1);
        QCOMPARE(i.value(u"filesChanged"_s).toInt(), 2);
        QCOMPARE(i.value(u"insertions"_s).toInt(), 2);
        QCOMPARE(i.value(u"deletions"_s).toInt(), 1);

        // main moves on without touching the attempt's files.
        TRY(commitFile(repo, u"other.txt"_s, "other\n", u"other work"_s));
        HttpReply head = http().get(base + u"/compare-to-head"_s);
        TRY(verifyOk(head));
        QCOMPARE(head.data().value(u"ahead"_s).toInt(), 1);
        QCOMPARE(head.data().value(u"behind"_s).toInt(), 1);
        QCOMPARE(toStrings(head.data().value(u"conflicts"_s)), QStringList());
        QVERIFY(head.data().value(u"diff"_s).toString().contains(u"diff --git a/shared.txt"_s));
        QVERIFY(head.data().value(u"filesChanged"_s).toInt() >= 2);
        QCOMPARE(head.data().value(u"baseCommit"_s).toString(), rev(repo, u"main"_s));
        QCOMPARE(head.data().value(u"headCommit"_s).toString(), rev(repo, branch));
        status = http().get(base + u"/branch-status"_s);
        QCOMPARE(status.data().value(u"behind"_s).toInt(), 1);

        // The user edits the worktree.
        QVERIFY(writeFile(worktree + u"/shared.txt"_s, "by hand\n"));
        QVERIFY(writeFile(worktree + u"/scratch.txt"_s, "scratch\n"));
        s = http().get(base + u"/branch-status"_s).data();
        QCOMPARE(s.value(u"status"_s).toString(), u"dirty"_s);
        QCOMPARE(toStrings(s.value(u"modifiedFiles"_s)), QStringList{u"shared.txt"_s});
        QCOMPARE(toStrings(s.value(u"untrackedFiles"_s)), QStringList{u"scratch.txt"_s});
        TRY(gitOk(worktree, {u"checkout"_s, u"--"_s, u"shared.txt"_s}));
        QVERIFY(QFile::remove(worktree + u"/scratch.txt"_s));

        // main changes shared.txt too: a merge would conflict there.
        TRY(commitFile(repo, u"shared.txt"_s, "main wins\n", u"conflicting work"_s));
        s = http().get(base + u"/branch-status"_s).data();
        QCOMPARE(s.value(u"conflicted"_s).toBool(), true);
        QCOMPARE(toStrings(s.value(u"conflicts"_s)), QStringList{u"shared.txt"_s});
        QCOMPARE(toStrings(s.value(u"conflictedFiles"_s)), QStringList());
        QCOMPARE(s.value(u"behind"_s).toInt(), 2);
        QCOMPARE(s.value(u"status"_s).toString(), u"clean"_s);
        head = http().get(base + u"/compare-to-head"_s);
        TRY(verifyOk(head));
        QCOMPARE(toStrings(head.data().value(u"conflicts"_s)), QStringList{u"shared.txt"_s});
        QCOMPARE(head.data().value(u"behind"_s).toInt(), 2);
        // Looking changed nothing.
        QCOMPARE(gitOut(repo, {u"status"_s, u"--porcelain"_s}), QString());
        QCOMPARE(gitOut(worktree, {u"status"_s, u"--porcelain"_s}), QString());

        verifyError(http().get(u"/api/task-attempts/attempt_nope/branch-status"_s),
                    404,
                    u"NOT_FOUND"_s);
        verifyError(http().get(u"/api/task-attempts/attempt_nope/commit-info"_s),
                    404,
                    u"NOT_FOUND"_s);
        QString fresh;
        TRY(createAttempt(task, &fresh));
        verifyError(http().get(u"/api/task-attempts/"_s + fresh + u"/compare-to-head"_s),
                    409,
                    u"CONFLICT"_s);
    }

    void mergeStrategies_data()
    {
        QTest::addColumn<QString>("route");
        QTest::addColumn<QString>("strategy"); // empty: the route's default
        QTest::addColumn<int>("cleanup");      // -1: not sent (default true)
        QTest::addColumn<bool>("mainMoved");   // an unrelated commit lands on main first
        QTest::addColumn<QString>("shape");    // ff, merge, squash or rebase

        QTest::newRow("attempts default is ff")
            << u"attempts"_s << QString() << -1 << false << u"ff"_s;
        QTest::newRow("attempts ff, keep worktree")
            << u"attempts"_s << u"ff"_s << 0 << false << u"ff"_s;
        QTest::newRow("attempts no-ff") << u"attempts"_s << u"no-ff"_s << 1 << false << u"merge"_s;
        QTest::newRow("attempts no-ff, main moved")
            << u"attempts"_s << u"no-ff"_s << 0 << true << u"merge"_s;
        QTest::newRow("attempts squash")
            << u"attempts"_s << u"squash"_s << 1 << true << u"squash"_s;
        QTest::newRow("task-attempts default is squash")
            << u"task-attempts"_s << QString() << -1 << false << u"squash"_s;
        QTest::newRow("task-attempts merge")
            << u"task-attempts"_s << u"merge"_s << 0 << true << u"merge"_s;
        QTest::newRow("task-attempts rebase")
            << u"task-attempts"_s << u"rebase"_s << 1 << true << u"rebase"_s;
        QTest::newRow("task-attempts rebase, nothing to replay")
            << u"task-attempts"_s << u"rebase"_s << 0 << false << u"ff"_s;
    }

    void mergeStrategies()
    {
        QFETCH(QString, route);
        QFETCH(QString, strategy);
        QFETCH(int, cleanup);
        QFETCH(bool, mainMoved);
        QFETCH(QString, shape);

        QString repo;
        TRY(makeRepo(&repo));
        const QString title = u"merge me"_s;
        QString task;
        QJsonObject done;
        TRY(attemptIn(repo, title, &task, &done));
        const QString id = done.value(u"id"_s).toString();
        const QString branch = done.value(u"branch"_s).toString();
        const QString worktree = done.value(u"worktreePath"_s).toString();
        const QString branchTip = rev(repo, branch);
        QCOMPARE(branchTip, done.value(u"commitSha"_s).toString());
        if (mainMoved)
            TRY(commitFile(repo, u"other.txt"_s, "other\n", u"other work"_s));
        const QString mainBefore = rev(repo, u"main"_s);

        QJsonObject body;
        if (!strategy.isEmpty())
            body.insert(u"strategy"_s, strategy);
        if (cleanup >= 0)
            body.insert(u"cleanup"_s, cleanup == 1);
        const HttpReply merged = merge(route, id, body);
        TRY(verifyOk(merged));
        const QJsonObject d = merged.data();
        const QString commit = d.value(u"commitSha"_s).toString();
        QCOMPARE(commit, rev(repo, u"main"_s));
        QCOMPARE(d.value(u"commitId"_s).toString(), commit);
        QCOMPARE(d.value(u"attemptId"_s).toString(), id);
        QCOMPARE(d.value(u"merged"_s).toBool(), true);
        QVERIFY(isIsoTimestamp(d.value(u"mergedAt"_s)));
        QCOMPARE(d.value(u"branch"_s).toString(), u"main"_s);
        QCOMPARE(d.value(u"filesChanged"_s).toInt(), 2);
        const bool cleanedUp = cleanup != 0;
        QCOMPARE(d.value(u"cleanup"_s).toBool(), cleanedUp);

        // The shape of main's history.
        if (shape == "ff"_L1) {
            QCOMPARE(commit, branchTip);
            QCOMPARE(d.value(u"fastForward"_s).toBool(), true);
        } else if (shape == "merge"_L1) {
            QCOMPARE(parents(repo, commit), (QStringList{mainBefore, branchTip}));
        } else if (shape == "squash"_L1) {
            QCOMPARE(parents(repo, commit), QStringList{mainBefore});
            QVERIFY(gitOut(repo, {u"log"_s, u"-1"_s, u"--format=%s"_s, commit}).contains(title));
        } else {
            QCOMPARE(parents(repo, commit), QStringList{mainBefore});
            QVERIFY(commit != branchTip);
            QCOMPARE(d.value(u"commitsReplayed"_s).toInt(), 1);
            QCOMPARE(gitOut(repo, {u"log"_s, u"-1"_s, u"--format=%an <%ae>|%B"_s, commit}),
                     gitOut(repo, {u"log"_s, u"-1"_s, u"--format=%an <%ae>|%B"_s, branchTip}));
        }

        // The main checkout follows, clean.
        QCOMPARE(readFile(repo + u"/shared.txt"_s), (title + u"\n"_s).toUtf8());
        QCOMPARE(readFile(repo + u'/' + madeFileFor(title)), "made\n");
        if (mainMoved)
            QCOMPARE(readFile(repo + u"/other.txt"_s), "other\n");
        QCOMPARE(gitOut(repo, {u"status"_s, u"--porcelain"_s}), QString());
        QCOMPARE(gitOut(repo, {u"diff"_s, u"--stat"_s, u"HEAD"_s}), QString());

        QCOMPARE(taskStatus(task), u"done"_s);
        const QJsonObject after = attempt(id);
        QCOMPARE(after.value(u"merged"_s).toBool(), true);
        QVERIFY(isIsoTimestamp(after.value(u"mergedAt"_s)));
        QCOMPARE(after.value(u"mergeCommit"_s).toString(), commit);
        QCOMPARE(after.value(u"worktreeRemoved"_s).toBool(), cleanedUp);
        // The worktree goes (or stays); the branch stays either way.
        QCOMPARE(QFileInfo::exists(worktree), !cleanedUp);
        QCOMPARE(gitOut(repo, {u"worktree"_s, u"list"_s, u"--porcelain"_s}).contains(worktree),
                 !cleanedUp);
        QCOMPARE(rev(repo, u"refs/heads/"_s + branch), branchTip);

        // The attempt's diff still shows what it did.
        const HttpReply diff = http().get(u"/api/attempts/"_s + id + u"/diff?format=json"_s);
        TRY(verifyOk(diff));
        QCOMPARE(diff.data().value(u"summary"_s).toObject().value(u"filesChanged"_s).toInt(), 2);
        const HttpReply info = http().get(u"/api/task-attempts/"_s + id + u"/commit-info"_s);
        TRY(verifyOk(info));
        QCOMPARE(info.data().value(u"commitId"_s).toString(), branchTip);
        QCOMPARE(info.data().value(u"commitCount"_s).toInt(), 1);
        QCOMPARE(info.data().value(u"filesChanged"_s).toInt(), 2);

        // Again: nothing left to merge, and nothing moves.
        verifyError(merge(route, id, body), 409, u"CONFLICT"_s);
        QCOMPARE(rev(repo, u"main"_s), commit);
    }

    void mergeWaitsForItsApprovalWhenTheProjectSaysSo()
    {
        QString repo;
        TRY(makeRepo(&repo));
        QString project;
        TRY(createProject(repo, &project));
        const HttpReply policy = http().patch(u"/api/projects/"_s + project,
                                              {{u"mergeRequiresApproval"_s, true},
                                               {u"mergeApprovers"_s,
                                                QJsonArray{u"lead@example.com"_s}}});
        QVERIFY2(policy.status == 200, policy.body.constData());
        QCOMPARE(policy.data().value(u"mergeRequiresApproval"_s).toBool(), true);
        QString task;
        TRY(createTask(project, u"gated change"_s, &task));
        QJsonObject done;
        TRY(runAttempt(task, &done));
        const QString id = done.value(u"id"_s).toString();
        const QString mainTip = rev(repo, u"main"_s);

        const HttpReply refused = merge(u"task-attempts"_s, id, {});
        QCOMPARE(refused.status, 409);
        const QString approval = refused.json()
                                     .value(u"error"_s)
                                     .toObject()
                                     .value(u"details"_s)
                                     .toObject()
                                     .value(u"approvalId"_s)
                                     .toString();
        QVERIFY2(approval.startsWith(u"approval_"_s), refused.body.constData());
        TRY(verifyNotMerged(repo, mainTip, id, task));
        const QJsonObject requested = http().get(u"/api/approvals/"_s + approval).data();
        QCOMPARE(requested.value(u"type"_s).toString(), u"merge"_s);
        QCOMPARE(requested.value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(requested.value(u"approvers"_s).toArray(), QJsonArray{u"lead@example.com"_s});
        const QJsonObject metadata = requested.value(u"metadata"_s).toObject();
        QCOMPARE(metadata.value(u"filesChanged"_s).toInt(), 2);
        QCOMPARE(metadata.value(u"linesAdded"_s).toInt(), 2);
        QCOMPARE(metadata.value(u"linesRemoved"_s).toInt(), 1);
        QCOMPARE(metadata.value(u"targetBranch"_s).toString(), u"main"_s);
        // Asking again points at the same request; the desktop user is not the approver.
        QCOMPARE(merge(u"task-attempts"_s, id, {})
                     .json()
                     .value(u"error"_s)
                     .toObject()
                     .value(u"details"_s)
                     .toObject()
                     .value(u"approvalId"_s)
                     .toString(),
                 approval);
        QCOMPARE(http()
                     .post(u"/api/approvals/"_s + approval + u"/respond"_s,
                           {{u"decision"_s, u"approved"_s}})
                     .status,
                 403);
        const HttpReply key = http().post(u"/api/api-keys"_s,
                                          {{u"name"_s, u"lead"_s},
                                           {u"email"_s, u"lead@example.com"_s}});
        QCOMPARE(key.status, 201);
        const HttpReply approved
            = http().send("POST",
                          u"/api/approvals/"_s + approval + u"/respond"_s,
                          QJsonDocument(QJsonObject{{u"decision"_s, u"approved"_s}})
                              .toJson(QJsonDocument::Compact),
                          {{"Authorization"_ba,
                            "Bearer " + key.data().value(u"key"_s).toString().toUtf8()}});
        QCOMPARE(approved.status, 200);
        const HttpReply merged = merge(u"task-attempts"_s, id, {});
        QVERIFY2(merged.status == 200, merged.body.constData());
        QCOMPARE(merged.data().value(u"merged"_s).toBool(), true);
        QVERIFY(rev(repo, u"main"_s) != mainTip);
    }

    void mergeValidation()
    {
        QString repo;
        TRY(makeRepo(&repo));
        QString task;
        QJsonObject done;
        TRY(attemptIn(repo, u"validate me"_s, &task, &done));
        const QString id = done.value(u"id"_s).toString();
        const QString mainTip = rev(repo, u"main"_s);
        for (const QString &route : {u"attempts"_s, u"task-attempts"_s}) {
            verifyError(merge(route, id, {{u"strategy"_s, u"octopus"_s}}),
                        400,
                        u"VALIDATION_ERROR"_s,
                        u"strategy"_s);
            verifyError(merge(route, id, {{u"strategy"_s, 5}}),
                        400,
                        u"VALIDATION_ERROR"_s,
                        u"strategy"_s);
            verifyError(merge(route, id, {{u"cleanup"_s, u"yes"_s}}),
                        400,
                        u"VALIDATION_ERROR"_s,
                        u"cleanup"_s);
            verifyError(merge(route, id, {{u"message"_s, 42}}),
                        400,
                        u"VALIDATION_ERROR"_s,
                        u"message"_s);
            verifyError(http().send("POST", u"/api/"_s + route + u"/"_s + id + u"/merge"_s, "{nope"),
                        400,
                        u"VALIDATION_ERROR"_s);
            verifyError(merge(route, u"attempt_nope"_s, {}), 404, u"NOT_FOUND"_s);
        }
        QString fresh;
        TRY(createAttempt(task, &fresh));
        verifyError(merge(u"attempts"_s, fresh, {}), 409, u"CONFLICT"_s);
        TRY(verifyNotMerged(repo, mainTip, id, task));
        QVERIFY(QFileInfo::exists(done.value(u"worktreePath"_s).toString()));
    }

    void plantedConflictChangesNothing()
    {
        QString repo;
        TRY(makeRepo(&repo));
        QString task;
        QJsonObject done;
        TRY(attemptIn(repo, u"conflict me"_s, &task, &done));
        const QString id = done.value(u"id"_s).toString();
        const QString branch = done.value(u"branch"_s).toString();
        const QString branchTip = rev(repo, branch);
        TRY(commitFile(repo, u"shared.txt"_s, "main edit\n", u"main changes shared.txt"_s));
        const QString mainTip = rev(repo, u"main"_s);

        const QList<std::pair<QString, QJsonObject>> tries{{u"attempts"_s, {}},
                                                           {u"attempts"_s,
                                                            {{u"strategy"_s, u"no-ff"_s}}},
                                                           {u"attempts"_s,
                                                            {{u"strategy"_s, u"squash"_s}}},
                                                           {u"task-attempts"_s, {}},
                                                           {u"task-attempts"_s,
                                                            {{u"strategy"_s, u"rebase"_s}}}};
        for (const auto &[route, body] : tries) {
            const HttpReply refused = merge(route, id, body);
            TRY(verifyError(refused, 409, u"CONFLICT"_s));
            QCOMPARE(toStrings(errorDetails(refused).value(u"conflicts"_s)),
                     QStringList{u"shared.txt"_s});
            QCOMPARE(rev(repo, u"main"_s), mainTip);
        }
        QCOMPARE(readFile(repo + u"/shared.txt"_s), "main edit\n");
        QVERIFY(!QFileInfo::exists(repo + u'/' + madeFileFor(u"conflict me"_s)));
        QCOMPARE(gitOut(repo, {u"status"_s, u"--porcelain"_s}), QString());
        QCOMPARE(rev(repo, branch), branchTip);
        TRY(verifyNotMerged(repo, mainTip, id, task));
        QCOMPARE(taskStatus(task), u"in_review"_s);
        QVERIFY(QFileInfo::exists(done.value(u"worktreePath"_s).toString()));
    }

    void dirtyMainCheckout()
    {
        QString repo;
        TRY(makeRepo(&repo));
        const QString title = u"dirty check"_s;
        QString task;
        QJsonObject done;
        TRY(attemptIn(repo, title, &task, &done));
        const QString id = done.value(u"id"_s).toString();
        const QString mainTip = rev(repo, u"main"_s);

        // The user edits a file the merge changes, and has an untracked file in the way.
        QVERIFY(writeFile(repo + u"/shared.txt"_s, "user edit\n"));
        QVERIFY(writeFile(repo + u'/' + madeFileFor(title), "mine\n"));
        const HttpReply refused = merge(u"attempts"_s, id, {{u"strategy"_s, u"no-ff"_s}});
        TRY(verifyError(refused, 409, u"CONFLICT"_s));
        QCOMPARE(toStrings(errorDetails(refused).value(u"localChanges"_s)),
                 (QStringList{madeFileFor(title), u"shared.txt"_s}));
        QCOMPARE(errorDetails(refused).value(u"checkout"_s).toString(), repo);
        QCOMPARE(readFile(repo + u"/shared.txt"_s), "user edit\n");
        QCOMPARE(readFile(repo + u'/' + madeFileFor(title)), "mine\n");
        TRY(verifyNotMerged(repo, mainTip, id, task));

        // With only an edit to a file the merge leaves alone, it goes through.
        TRY(gitOk(repo, {u"checkout"_s, u"--"_s, u"shared.txt"_s}));
        QVERIFY(QFile::remove(repo + u'/' + madeFileFor(title)));
        QVERIFY(writeFile(repo + u"/README.md"_s, "# demo\nuser notes\n"));
        const HttpReply merged = merge(u"attempts"_s, id, {{u"strategy"_s, u"no-ff"_s}});
        TRY(verifyOk(merged));
        QCOMPARE(merged.data().value(u"commitSha"_s).toString(), rev(repo, u"main"_s));
        QCOMPARE(merged.data().value(u"updatedCheckout"_s).toString(), repo);
        QCOMPARE(readFile(repo + u"/README.md"_s), "# demo\nuser notes\n");
        QCOMPARE(readFile(repo + u"/shared.txt"_s), (title + u"\n"_s).toUtf8());
        QCOMPARE(gitOut(repo, {u"status"_s, u"--porcelain"_s}), u"M README.md"_s);
        QCOMPARE(taskStatus(task), u"done"_s);
    }

    void rebaseConflictAndAbort()
    {
        QString repo;
        TRY(makeRepo(&repo));
        QString bare;
        TRY(addBareOrigin(repo, &bare));
        QString task;
        QJsonObject done;
        TRY(attemptIn(repo, u"rebase me"_s, &task, &done));
        const QString id = done.value(u"id"_s).toString();
        const QString branch = done.value(u"branch"_s).toString();
        const QString worktree = done.value(u"worktreePath"_s).toString();
        const QString base = u"/api/task-attempts/"_s + id;

        // main moves on elsewhere: the rebase replays the attempt's commit on it.
        TRY(commitFile(repo, u"other.txt"_s, "other\n", u"other work"_s));
        const QString moved = rev(repo, u"main"_s);
        const HttpReply rebased = http().post(base + u"/rebase"_s, {});
        TRY(verifyOk(rebased));
        QCOMPARE(rebased.data().value(u"status"_s).toString(), u"success"_s);
        QCOMPARE(rebased.data().value(u"commitsReplayed"_s).toInt(), 1);
        QCOMPARE(toStrings(rebased.data().value(u"conflicts"_s)), QStringList());
        const QString rebasedTip = rev(repo, branch);
        QCOMPARE(parents(repo, rebasedTip), QStringList{moved});
        QCOMPARE(rev(worktree, u"HEAD"_s), rebasedTip);
        QCOMPARE(gitOut(worktree, {u"symbolic-ref"_s, u"HEAD"_s}), u"refs/heads/"_s + branch);
        QCOMPARE(readFile(worktree + u"/other.txt"_s), "other\n");
        QCOMPARE(readFile(worktree + u"/shared.txt"_s), "rebase me\n");
        QCOMPARE(attempt(id).value(u"commitSha"_s).toString(), rebasedTip);
        QJsonObject s = http().get(base + u"/branch-status"_s).data();
        QCOMPARE(s.value(u"ahead"_s).toInt(), 1);
        QCOMPARE(s.value(u"behind"_s).toInt(), 0);
        verifyError(http().post(base + u"/rebase"_s, {{u"interactive"_s, true}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"interactive"_s);

        // main changes shared.txt: the rebase stops on it, as git leaves it.
        TRY(commitFile(repo, u"shared.txt"_s, "main conflict\n", u"conflicting work"_s));
        const QString mainTip = rev(repo, u"main"_s);
        const HttpReply stopped = http().send("POST", base + u"/rebase"_s);
        QCOMPARE(stopped.status, 409);
        QCOMPARE(stopped.json().value(u"success"_s).toBool(true), false);
        QCOMPARE(stopped.errorCode(), u"CONFLICT"_s);
        QCOMPARE(stopped.data().value(u"status"_s).toString(), u"conflict"_s);
        QCOMPARE(toStrings(stopped.data().value(u"conflicts"_s)), QStringList{u"shared.txt"_s});
        QVERIFY(QFileInfo::exists(
                    gitOut(worktree, {u"rev-parse"_s, u"--git-path"_s, u"rebase-merge"_s}))
                || QFileInfo::exists(
                    gitOut(worktree, {u"rev-parse"_s, u"--git-path"_s, u"rebase-apply"_s})));
        QVERIFY(gitOut(worktree, {u"status"_s, u"--porcelain"_s}).contains(u"UU shared.txt"_s));

        s = http().get(base + u"/branch-status"_s).data();
        QCOMPARE(s.value(u"rebaseInProgress"_s).toBool(), true);
        QCOMPARE(toStrings(s.value(u"conflictedFiles"_s)), QStringList{u"shared.txt"_s});
        QCOMPARE(s.value(u"conflicted"_s).toBool(), true);
        QCOMPARE(s.value(u"status"_s).toString(), u"rebasing"_s);

        // Nothing lands while the rebase is unresolved; a second rebase is refused too.
        verifyError(merge(u"task-attempts"_s, id, {}), 409, u"CONFLICT"_s);
        QCOMPARE(rev(repo, u"main"_s), mainTip);
        QCOMPARE(readFile(repo + u"/shared.txt"_s), "main conflict\n");
        QVERIFY(!attempt(id).value(u"merged"_s).toBool());
        const QString stoppedAt = rev(worktree, u"HEAD"_s);
        verifyError(http().post(base + u"/rebase"_s, {}), 409, u"CONFLICT"_s);
        verifyError(http().post(base + u"/push"_s, {}), 409, u"CONFLICT"_s);
        QCOMPARE(rev(bare, u"refs/heads/"_s + branch), QString());
        // ...and leave the stopped rebase as it was: nothing committed over the conflict.
        QCOMPARE(rev(worktree, u"HEAD"_s), stoppedAt);
        QVERIFY(gitOut(worktree, {u"status"_s, u"--porcelain"_s}).contains(u"UU shared.txt"_s));

        const HttpReply aborted = http().post(base + u"/abort-conflicts"_s, {});
        TRY(verifyOk(aborted));
        QCOMPARE(aborted.data().value(u"status"_s).toString(), u"clean"_s);
        QCOMPARE(aborted.data().value(u"abortedOperation"_s).toString(), u"rebase"_s);
        QCOMPARE(rev(worktree, u"HEAD"_s), rebasedTip);
        QCOMPARE(rev(repo, branch), rebasedTip);
        QCOMPARE(gitOut(worktree, {u"symbolic-ref"_s, u"HEAD"_s}), u"refs/heads/"_s + branch);
        QCOMPARE(gitOut(worktree, {u"status"_s, u"--porcelain"_s}), QString());
        QCOMPARE(readFile(worktree + u"/shared.txt"_s), "rebase me\n");
        s = http().get(base + u"/branch-status"_s).data();
        QCOMPARE(s.value(u"rebaseInProgress"_s).toBool(true), false);
        QCOMPARE(toStrings(s.value(u"conflictedFiles"_s)), QStringList());
        QCOMPARE(toStrings(s.value(u"conflicts"_s)), QStringList{u"shared.txt"_s});
        QCOMPARE(s.value(u"status"_s).toString(), u"clean"_s);

        verifyError(http().post(base + u"/abort-conflicts"_s, {}), 409, u"CONFLICT"_s);
        verifyError(http().post(u"/api/task-attempts/attempt_nope/rebase"_s, {}),
                    404,
                    u"NOT_FOUND"_s);
    }

    void changeTargetBranch()
    {
        QString repo;
        TRY(makeRepo(&repo));
        // develop has a commit of its own; hotfix changes shared.txt.
        TRY(gitOk(repo, {u"checkout"_s, u"-q"_s, u"-b"_s, u"develop"_s}));
        TRY(commitFile(repo, u"dev.txt"_s, "dev\n", u"develop work"_s));
        TRY(gitOk(repo, {u"checkout"_s, u"-q"_s, u"-b"_s, u"hotfix"_s, u"main"_s}));
        TRY(commitFile(repo, u"shared.txt"_s, "hotfix\n", u"hotfix work"_s));
        TRY(gitOk(repo, {u"checkout"_s, u"-q"_s, u"main"_s}));
        const QString mainTip = rev(repo, u"main"_s);
        const QString developTip = rev(repo, u"develop"_s);

        const QString title = u"retarget me"_s;
        QString task;
        QJsonObject done;
        TRY(attemptIn(repo, title, &task, &done));
        const QString id = done.value(u"id"_s).toString();
        const QString branch = done.value(u"branch"_s).toString();
        const QString path = u"/api/task-attempts/"_s + id + u"/change-target-branch"_s;

        HttpReply changed = http().post(path, {{u"newBaseBranch"_s, u"hotfix"_s}});
        TRY(verifyOk(changed));
        QCOMPARE(changed.data().value(u"previousBase"_s).toString(), u"main"_s);
        QCOMPARE(changed.data().value(u"newBase"_s).toString(), u"hotfix"_s);
        QCOMPARE(toStrings(changed.data().value(u"conflicts"_s)), QStringList{u"shared.txt"_s});

        changed = http().post(path, {{u"newBaseBranch"_s, u"develop"_s}});
        TRY(verifyOk(changed));
        QCOMPARE(changed.data().value(u"previousBase"_s).toString(), u"hotfix"_s);
        QCOMPARE(changed.data().value(u"newBase"_s).toString(), u"develop"_s);
        QCOMPARE(toStrings(changed.data().value(u"conflicts"_s)), QStringList());
        QCOMPARE(attempt(id).value(u"baseBranch"_s).toString(), u"develop"_s);
        const QJsonObject s = http().get(u"/api/task-attempts/"_s + id + u"/branch-status"_s).data();
        QCOMPARE(s.value(u"baseBranch"_s).toString(), u"develop"_s);
        QCOMPARE(s.value(u"ahead"_s).toInt(), 1);
        QCOMPARE(s.value(u"behind"_s).toInt(), 1);

        verifyError(http().post(path, {{u"newBaseBranch"_s, u"nope"_s}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"newBaseBranch"_s);
        verifyError(http().post(path, {{u"newBaseBranch"_s, branch}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"newBaseBranch"_s);
        verifyError(http().post(path, {{u"newBaseBranch"_s, 3}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"newBaseBranch"_s);
        verifyError(http().post(path, {}), 400, u"VALIDATION_ERROR"_s, u"newBaseBranch"_s);
        verifyError(http().send("POST", path), 400, u"VALIDATION_ERROR"_s);
        QCOMPARE(attempt(id).value(u"baseBranch"_s).toString(), u"develop"_s);

        // The merge goes into develop, which is checked out nowhere; main is untouched.
        const HttpReply merged = merge(u"attempts"_s, id, {});
        TRY(verifyOk(merged));
        const QString commit = merged.data().value(u"commitSha"_s).toString();
        QCOMPARE(merged.data().value(u"branch"_s).toString(), u"develop"_s);
        QCOMPARE(rev(repo, u"develop"_s), commit);
        QCOMPARE(parents(repo, commit), (QStringList{developTip, rev(repo, branch)}));
        QVERIFY(merged.data().value(u"updatedCheckout"_s).isNull());
        QCOMPARE(gitOut(repo, {u"show"_s, commit + u":shared.txt"_s}), title);
        QCOMPARE(gitOut(repo, {u"show"_s, commit + u":dev.txt"_s}), u"dev"_s);
        QCOMPARE(rev(repo, u"main"_s), mainTip);
        QCOMPARE(readFile(repo + u"/shared.txt"_s), "base\n");
        QCOMPARE(gitOut(repo, {u"status"_s, u"--porcelain"_s}), QString());
        QCOMPARE(taskStatus(task), u"done"_s);
    }

    void pushToABareRemote()
    {
        QString repo;
        TRY(makeRepo(&repo));
        QString bare;
        TRY(addBareOrigin(repo, &bare));
        QString task;
        QJsonObject done;
        TRY(attemptIn(repo, u"push me"_s, &task, &done));
        const QString id = done.value(u"id"_s).toString();
        const QString branch = done.value(u"branch"_s).toString();
        const QString worktree = done.value(u"worktreePath"_s).toString();
        const QString path = u"/api/task-attempts/"_s + id + u"/push"_s;

        const HttpReply pushed = http().post(path, {});
        TRY(verifyOk(pushed));
        QCOMPARE(pushed.data().value(u"remote"_s).toString(), u"origin"_s);
        QCOMPARE(pushed.data().value(u"branch"_s).toString(), branch);
        QVERIFY(isIsoTimestamp(pushed.data().value(u"pushedAt"_s)));
        QCOMPARE(rev(bare, u"refs/heads/"_s + branch), rev(repo, branch));
        const QJsonObject after = attempt(id);
        QVERIFY(isIsoTimestamp(after.value(u"pushedAt"_s)));
        QCOMPARE(after.value(u"pushedRemote"_s).toString(), u"origin"_s);

        // Someone else pushes to the branch; the attempt has new work too: they diverged.
        const QString theirs = gitOut(repo,
                                      {u"commit-tree"_s,
                                       branch + u"^{tree}"_s,
                                       u"-p"_s,
                                       branch,
                                       u"-m"_s,
                                       u"someone else"_s});
        QVERIFY(!theirs.isEmpty());
        TRY(gitOk(repo, {u"push"_s, u"-q"_s, u"origin"_s, theirs + u":refs/heads/"_s + branch}));
        QVERIFY(writeFile(worktree + u"/extra.txt"_s, "extra\n"));
        verifyError(http().post(path, {}), 409, u"CONFLICT"_s);
        QCOMPARE(rev(bare, u"refs/heads/"_s + branch), theirs);

        const HttpReply forced = http().post(path, {{u"force"_s, true}});
        TRY(verifyOk(forced));
        QCOMPARE(rev(bare, u"refs/heads/"_s + branch), rev(repo, branch));
        QCOMPARE(gitOut(bare, {u"show"_s, branch + u":extra.txt"_s}), u"extra"_s);

        verifyError(http().post(path, {{u"remote"_s, u"nope"_s}}), 404, u"NOT_FOUND"_s);
        verifyError(http().post(path, {{u"force"_s, u"yes"_s}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"force"_s);
        verifyError(http().post(path, {{u"remote"_s, u"--upload-pack=evil"_s}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"remote"_s);
        QString fresh;
        TRY(createAttempt(task, &fresh));
        verifyError(http().post(u"/api/task-attempts/"_s + fresh + u"/push"_s, {}),
                    409,
                    u"CONFLICT"_s);
    }

    void pullRequestsAgainstFakeGitHub()
    {
        Test::FakeGitHub github(token);
        QVERIFY(github.listen());
        QList<HttpReply> replies;
        auto keep = [&replies](const HttpReply &reply) {
            replies.append(reply);
            return reply;
        };

        // origin is on GitHub (never pushed to: there is no network); branches are pushed to
        // "mirror", a bare repository on disk. Forgedesk names the GitHub repository after the
        // remote it pushes to, so pushing to mirror needs "repository" in create-pr.
        QString repo;
        TRY(makeRepo(&repo));
        const QString bare = newDir() + u"/remote.git"_s;
        TRY(gitOk(newDir(), {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s, bare}));
        TRY(gitOk(repo, {u"remote"_s, u"add"_s, u"mirror"_s, bare}));
        TRY(gitOk(repo,
                  {u"remote"_s, u"add"_s, u"origin"_s, u"https://github.com/owner/repo.git"_s}));
        QString project;
        TRY(createProject(repo, &project));
        QString taskA;
        QString taskB;
        QString taskC;
        TRY(createTask(project, u"pr alpha"_s, &taskA));
        TRY(createTask(project, u"pr beta"_s, &taskB));
        TRY(createTask(project, u"pr gamma"_s, &taskC));
        QJsonObject a;
        QJsonObject b;
        QJsonObject c;
        TRY(runAttempt(taskA, &a));
        TRY(runAttempt(taskB, &b));
        TRY(runAttempt(taskC, &c));
        const QString idA = a.value(u"id"_s).toString();
        const QString idB = b.value(u"id"_s).toString();
        const QString idC = c.value(u"id"_s).toString();
        const QString branchA = a.value(u"branch"_s).toString();
        const QString branchB = b.value(u"branch"_s).toString();
        const QString branchC = c.value(u"branch"_s).toString();
        const QString prPath = u"/api/task-attempts/"_s + idA + u"/create-pr"_s;
        const QJsonObject prBody{{u"title"_s, u"Alpha PR"_s},
                                 {u"body"_s, u"Please review"_s},
                                 {u"remote"_s, u"mirror"_s},
                                 {u"repository"_s, u"owner/repo"_s}};

        // No token (and none in the environment): nothing is pushed or asked.
        verifyError(keep(http().post(prPath, prBody)), 422, u"UNPROCESSABLE_ENTITY"_s);
        verifyError(keep(http().post(u"/api/task-attempts/"_s + idB + u"/attach-pr"_s,
                                     {{u"prNumber"_s, 1}, {u"repository"_s, u"owner/repo"_s}})),
                    422,
                    u"UNPROCESSABLE_ENTITY"_s);
        QCOMPARE(rev(bare, u"refs/heads/"_s + branchA), QString());
        QVERIFY(github.requests().isEmpty());

        const HttpReply set = keep(
            http().patch(u"/api/settings"_s,
                         {{u"githubToken"_s, token}, {u"githubApiUrl"_s, github.baseUrl()}}));
        TRY(verifyOk(set));
        QCOMPARE(set.data().value(u"githubTokenSet"_s).toBool(), true);
        TRY(verifyOk(keep(http().get(u"/api/settings"_s))));

        const HttpReply created = keep(http().post(prPath, prBody));
        TRY(verifyOk(created));
        QCOMPARE(created.data().value(u"prNumber"_s).toInt(), 1);
        QCOMPARE(created.data().value(u"url"_s).toString(),
                 u"https://github.com/owner/repo/pull/1"_s);
        QCOMPARE(created.data().value(u"status"_s).toString(), u"open"_s);
        QCOMPARE(created.data().value(u"headBranch"_s).toString(), branchA);
        QCOMPARE(created.data().value(u"baseBranch"_s).toString(), u"main"_s);
        QVERIFY(isIsoTimestamp(created.data().value(u"createdAt"_s)));
        // Pushed first, then asked for with the token.
        QCOMPARE(rev(bare, u"refs/heads/"_s + branchA), rev(repo, branchA));
        QList<Test::FakeGitHubRequest> requests = github.requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().method, "POST");
        QCOMPARE(requests.first().path, "/repos/owner/repo/pulls");
        QCOMPARE(requests.first().headers.value("authorization"), "Bearer " + token.toUtf8());
        const QJsonObject sent = QJsonDocument::fromJson(requests.first().body).object();
        QCOMPARE(sent.value(u"head"_s).toString(), branchA);
        QCOMPARE(sent.value(u"base"_s).toString(), u"main"_s);
        QCOMPARE(sent.value(u"title"_s).toString(), u"Alpha PR"_s);
        QCOMPARE(sent.value(u"body"_s).toString(), u"Please review"_s);
        QCOMPARE(sent.value(u"draft"_s).toBool(true), false);
        QJsonObject linked = attempt(idA);
        QCOMPARE(linked.value(u"pullRequest"_s).toObject().value(u"prNumber"_s).toInt(), 1);
        QCOMPARE(linked.value(u"pullRequest"_s).toObject().value(u"status"_s).toString(), u"open"_s);
        QCOMPARE(linked.value(u"pullRequest"_s).toObject().value(u"repository"_s).toString(),
                 u"owner/repo"_s);
        QVERIFY(isIsoTimestamp(linked.value(u"pushedAt"_s)));
        QCOMPARE(linked.value(u"pushedRemote"_s).toString(), u"mirror"_s);

        verifyError(keep(http().post(prPath, prBody)), 409, u"CONFLICT"_s);
        verifyError(keep(http().post(prPath, {{u"repository"_s, u"no-slash"_s}})),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"repository"_s);

        // C: a remote on disk names no GitHub repository; nothing is pushed or asked.
        const QString prPathC = u"/api/task-attempts/"_s + idC + u"/create-pr"_s;
        verifyError(keep(http().post(prPathC, {{u"remote"_s, u"mirror"_s}})),
                    422,
                    u"UNPROCESSABLE_ENTITY"_s,
                    u"repository"_s);
        QCOMPARE(rev(bare, u"refs/heads/"_s + branchC), QString());
        QCOMPARE(github.requests().size(), 1);
        // With the repository named, the title defaults to the task's.
        const HttpReply createdC = keep(
            http().post(prPathC, {{u"remote"_s, u"mirror"_s}, {u"repository"_s, u"owner/repo"_s}}));
        TRY(verifyOk(createdC));
        QCOMPARE(createdC.data().value(u"prNumber"_s).toInt(), 2);
        QCOMPARE(rev(bare, u"refs/heads/"_s + branchC), rev(repo, branchC));
        requests = github.requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(requests.last().body).object().value(u"title"_s).toString(),
                 u"pr gamma"_s);
        QCOMPARE(QJsonDocument::fromJson(requests.last().body).object().value(u"head"_s).toString(),
                 branchC);

        // Someone opens a pull request for B on GitHub; it is attached by number, the
        // repository found from origin's URL.
        TRY(verifyOk(keep(http().post(u"/api/task-attempts/"_s + idB + u"/push"_s,
                                      {{u"remote"_s, u"mirror"_s}}))));
        Test::HttpClient direct(github.baseUrl());
        const HttpReply opened = direct.send("POST",
                                             u"/repos/owner/repo/pulls"_s,
                                             QJsonDocument(
                                                 QJsonObject{{u"title"_s, u"Beta by hand"_s},
                                                             {u"head"_s, branchB},
                                                             {u"base"_s, u"main"_s}})
                                                 .toJson(QJsonDocument::Compact),
                                             {{"Authorization", "Bearer " + token.toUtf8()}});
        QCOMPARE(opened.status, 201);
        const int numberB = opened.json().value(u"number"_s).toInt();
        QCOMPARE(numberB, 3);
        const QString attachPath = u"/api/task-attempts/"_s + idB + u"/attach-pr"_s;
        const HttpReply attached = keep(http().post(attachPath, {{u"prNumber"_s, numberB}}));
        TRY(verifyOk(attached));
        QCOMPARE(attached.data().value(u"prNumber"_s).toInt(), numberB);
        QCOMPARE(attached.data().value(u"status"_s).toString(), u"open"_s);
        QCOMPARE(attached.data().value(u"url"_s).toString(),
                 u"https://github.com/owner/repo/pull/3"_s);
        QCOMPARE(attached.data().value(u"headBranch"_s).toString(), branchB);
        QCOMPARE(github.requests().constLast().path, "/repos/owner/repo/pulls/3");
        QCOMPARE(attempt(idB).value(u"pullRequest"_s).toObject().value(u"prNumber"_s).toInt(),
                 numberB);
        verifyError(keep(http().post(attachPath,
                                     {{u"prNumber"_s, 99}, {u"repository"_s, u"owner/repo"_s}})),
                    404,
                    u"NOT_FOUND"_s);
        verifyError(keep(http().post(attachPath, {{u"prNumber"_s, u"two"_s}})),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"prNumber"_s);

        // A's pull request is merged on GitHub: the next poll marks the attempt merged.
        const QString mergeShaA = u"1111111111111111111111111111111111111111"_s;
        github.setMerged(u"owner/repo"_s, 1, mergeShaA);
        const auto polled = Test::await(m_fixture->engine->delivery().pollPullRequests(), 20'000);
        QVERIFY(polled.has_value());
        QVERIFY(polled->has_value());
        QCOMPARE(**polled, 1);
        linked = attempt(idA);
        QCOMPARE(linked.value(u"merged"_s).toBool(), true);
        QCOMPARE(linked.value(u"mergeCommit"_s).toString(), mergeShaA);
        QCOMPARE(linked.value(u"pullRequest"_s).toObject().value(u"status"_s).toString(),
                 u"merged"_s);
        QCOMPARE(taskStatus(taskA), u"done"_s);
        QCOMPARE(attempt(idB).value(u"merged"_s).toBool(), false);
        QVERIFY(taskStatus(taskB) != "done"_L1);

        // And on its own timer, every prPollSeconds.
        TRY(verifyOk(keep(http().patch(u"/api/settings"_s, {{u"prPollSeconds"_s, 5}}))));
        github.setMerged(u"owner/repo"_s, numberB, u"2222222222222222222222222222222222222222"_s);
        QTRY_VERIFY_WITH_TIMEOUT(attempt(idB).value(u"merged"_s).toBool(), 30'000);
        // The task follows its attempt a moment later (its own write).
        QTRY_COMPARE_WITH_TIMEOUT(taskStatus(taskB), u"done"_s, 5000);
        QCOMPARE(attempt(idB).value(u"pullRequest"_s).toObject().value(u"status"_s).toString(),
                 u"merged"_s);
        QCOMPARE(attempt(idC).value(u"merged"_s).toBool(), false);

        // The token went to GitHub only: no answer, log line or attempt log shows it.
        for (const QString &id : {idA, idB, idC}) {
            replies.append(http().get(u"/api/attempts/"_s + id + u"/logs"_s));
            replies.append(http().get(u"/api/attempts/"_s + id));
        }
        replies.append(http().get(u"/api/settings"_s));
        for (const HttpReply &reply : std::as_const(replies))
            QVERIFY2(!reply.body.contains(token.toUtf8()), reply.body.constData());
        {
            QMutexLocker locked(&logGuard);
            for (const QString &line : std::as_const(m_log))
                QVERIFY2(!line.contains(token), qPrintable(line));
        }
        QVERIFY(!readFile(repo + u"/.git/config"_s).contains(token.toUtf8()));
    }

    void aroundTheWorktree()
    {
        QString repo;
        TRY(makeRepo(&repo));
        QString task;
        QJsonObject done;
        TRY(attemptIn(repo, u"Around"_s, &task, &done));
        const QString id = done.value(u"id"_s).toString();
        const QString worktree = done.value(u"worktreePath"_s).toString();
        const QByteArray files = "/api/task-attempts/" + id.toUtf8() + "/files/";

        // Nothing outside the worktree can be reached, however the path is spelled.
        const QString outside = newDir();
        QVERIFY(writeFile(outside + u"/outside.txt"_s, "keep me\n"));
        QVERIFY(QFile::link(outside, worktree + u"/escape"_s));
        QVERIFY(QFile::link(outside + u"/outside.txt"_s, worktree + u"/pointer"_s));
        const QByteArray upwards = QByteArray("../").repeated(
                                       QDir(worktree).absolutePath().count(u'/'))
                                   + QDir(outside).absolutePath().mid(1).toUtf8() + "/outside.txt";
        for (const QByteArray &hostile :
             {upwards,
              QByteArray("a/../../outside.txt"),
              QByteArray("%2e%2e/%2e%2e/outside.txt"),
              QByteArray("%252e%252e/outside.txt"),
              QByteArray(QByteArray("/") + QDir(outside).absolutePath().toUtf8() + "/outside.txt"),
              QByteArray(QByteArray("%2F") + QDir(outside).absolutePath().mid(1).toUtf8()
                         + "%2Foutside.txt"),
              QByteArray("escape/outside.txt"),
              QByteArray("pointer"),
              QByteArray(".git"),
              QByteArray("shared.txt/..")}) {
            const auto [status, body] = rawRequest("DELETE", files + hostile);
            QVERIFY2(status == 400, hostile.constData());
            QCOMPARE(body.value(u"error"_s).toObject().value(u"code"_s).toString(),
                     u"VALIDATION_ERROR"_s);
            QCOMPARE(body.value(u"error"_s)
                         .toObject()
                         .value(u"details"_s)
                         .toObject()
                         .value(u"field"_s)
                         .toString(),
                     u"path"_s);
        }
        QVERIFY(QFile::exists(outside + u"/outside.txt"_s));
        QVERIFY(QFileInfo::exists(worktree + u"/.git"_s));

        // What is inside can go.
        QVERIFY(QFile::exists(worktree + u"/shared.txt"_s));
        const HttpReply deleted = http().del(QString::fromUtf8(files) + u"shared.txt"_s);
        verifyOk(deleted);
        QCOMPARE(deleted.data().value(u"path"_s).toString(), u"shared.txt"_s);
        QCOMPARE(deleted.data().value(u"deleted"_s).toBool(), true);
        QVERIFY(!QFile::exists(worktree + u"/shared.txt"_s));
        verifyError(http().del(QString::fromUtf8(files) + u"shared.txt"_s), 404, u"NOT_FOUND"_s);
        QVERIFY(QDir().mkpath(worktree + u"/folder"_s));
        verifyError(http().del(QString::fromUtf8(files) + u"folder"_s),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"path"_s);
        verifyError(http().del(u"/api/task-attempts/attempt_nope/files/x"_s), 404, u"NOT_FOUND"_s);

        // Editors start without a shell; one that is not installed is a 422.
        const QString marker = newDir() + u"/opened.txt"_s;
        const QString editor = newDir() + u"/my-editor"_s;
        QVERIFY(writeFile(editor, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$MARKER\"\n"));
        QVERIFY(
            QFile::setPermissions(editor, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        qputenv("MARKER", marker.toUtf8());
        verifyOk(
            http().patch(u"/api/settings"_s,
                         QJsonObject{{u"editorCommand"_s, QString(editor + u" --wait {path}"_s)}}));
        const HttpReply opened = http().post(u"/api/task-attempts/"_s + id + u"/open-in-editor"_s,
                                             {{u"editor"_s, u"custom"_s}});
        verifyOk(opened);
        QCOMPARE(opened.data().value(u"worktreePath"_s).toString(), worktree);
        const auto markerText = [&marker] {
            QFile file(marker);
            return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed()
                                                  : QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(markerText(), QString(u"--wait\n"_s + worktree), 10000);
        verifyError(http().post(u"/api/task-attempts/"_s + id + u"/open-in-editor"_s,
                                {{u"editor"_s, u"windsurf"_s}}),
                    422,
                    u"UNPROCESSABLE_ENTITY"_s);
        verifyError(http().post(u"/api/task-attempts/"_s + id + u"/open-in-editor"_s,
                                {{u"editor"_s, u"notepad"_s}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"editor"_s);

        // The dev server: the project's script, its address, listed as a process, stopped.
        verifyError(http().post(u"/api/task-attempts/"_s + id + u"/start-dev-server"_s, {}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"script"_s);
        const QString project = attempt(id).value(u"taskId"_s).toString();
        const QString projectId
            = http().get(u"/api/tasks/"_s + project).data().value(u"projectId"_s).toString();
        verifyOk(http().patch(u"/api/projects/"_s + projectId,
                              {{u"devScript"_s,
                                u"echo \"  Local:   http://localhost:$PORT/\"; exec sleep 60"_s}}));
        const HttpReply started = http().post(u"/api/task-attempts/"_s + id + u"/start-dev-server"_s,
                                              {{u"port"_s, 4321}});
        verifyOk(started);
        const QString process = started.data().value(u"processId"_s).toString();
        QVERIFY(process.startsWith(u"proc_"_s));
        QCOMPARE(started.data().value(u"port"_s).toInt(), 4321);
        QCOMPARE(started.data().value(u"status"_s).toString(), u"running"_s);
        QJsonObject server;
        QTRY_VERIFY_WITH_TIMEOUT((server = http().get(u"/api/processes/"_s + process).data(),
                                  server.value(u"url"_s).toString() == u"http://localhost:4321/"_s
                                      && server.value(u"status"_s).toString() == u"running"_s),
                                 15000);
        QCOMPARE(server.value(u"kind"_s).toString(), u"dev_server"_s);
        const qint64 pid = server.value(u"pid"_s).toInteger();
        QVERIFY(pid > 0);
        const QJsonArray listed
            = http().get(u"/api/processes?attemptId="_s + id + u"&kind=dev_server"_s).dataArray();
        QCOMPARE(listed.size(), 1);
        verifyOk(http().post(u"/api/processes/"_s + process + u"/cancel"_s, {}));
        QTRY_COMPARE_WITH_TIMEOUT(
            http().get(u"/api/processes/"_s + process).data().value(u"status"_s).toString(),
            u"cancelled"_s,
            15000);
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(-pid), 0) != 0, 10000);
        verifyError(http().post(u"/api/task-attempts/"_s + id + u"/start-dev-server"_s,
                                {{u"port"_s, 70000}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"port"_s);
    }

    void childrenAndCompare()
    {
        QString repo;
        TRY(makeRepo(&repo));
        QString project;
        TRY(createProject(repo, &project));
        QString taskA;
        QString taskB;
        TRY(createTask(project, u"parent work"_s, &taskA));
        TRY(createTask(project, u"other work"_s, &taskB));
        QJsonObject a;
        QJsonObject b;
        TRY(runAttempt(taskA, &a));
        TRY(runAttempt(taskB, &b));
        const QString idA = a.value(u"id"_s).toString();
        const QString idB = b.value(u"id"_s).toString();

        QStringList childIds;
        for (const QString &title : {u"child one"_s, u"child two"_s}) {
            const HttpReply child = http().post(u"/api/tasks"_s,
                                                {{u"projectId"_s, project},
                                                 {u"title"_s, title},
                                                 {u"parentAttemptId"_s, idA}});
            QCOMPARE(child.status, 201);
            QCOMPARE(child.data().value(u"parentAttemptId"_s).toString(), idA);
            childIds.append(child.data().value(u"id"_s).toString());
        }
        for (const QString &route : {u"attempts"_s, u"task-attempts"_s}) {
            const HttpReply children = http().get(u"/api/"_s + route + u"/"_s + idA
                                                  + u"/children"_s);
            TRY(verifyOk(children));
            const QJsonArray list = children.dataArray();
            QCOMPARE(list.size(), 2);
            QStringList ids;
            for (const QJsonValue &child : list) {
                ids.append(child.toObject().value(u"id"_s).toString());
                QCOMPARE(child.toObject().value(u"status"_s).toString(), u"todo"_s);
                QVERIFY(child.toObject().value(u"title"_s).toString().startsWith(u"child "_s));
                QVERIFY(isIsoTimestamp(child.toObject().value(u"createdAt"_s)));
            }
            QCOMPARE(ids, childIds);
        }
        const HttpReply none = http().get(u"/api/task-attempts/"_s + idB + u"/children"_s);
        TRY(verifyOk(none));
        QCOMPARE(none.dataArray().size(), 0);
        verifyError(http().post(u"/api/tasks"_s,
                                {{u"projectId"_s, project},
                                 {u"title"_s, u"orphan"_s},
                                 {u"parentAttemptId"_s, u"attempt_missing"_s}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"parentAttemptId"_s);
        verifyError(http().get(u"/api/task-attempts/attempt_missing/children"_s),
                    404,
                    u"NOT_FOUND"_s);

        const HttpReply compared = http().post(u"/api/attempts/compare"_s,
                                               {{u"attemptIds"_s, QJsonArray{idA, idB}}});
        TRY(verifyOk(compared));
        const QJsonArray attempts = compared.data().value(u"attempts"_s).toArray();
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0).toObject().value(u"id"_s).toString(), idA);
        QCOMPARE(attempts.at(1).toObject().value(u"id"_s).toString(), idB);
        for (const QJsonValue &value : attempts) {
            const QJsonObject entry = value.toObject();
            QCOMPARE(entry.value(u"llm"_s).toString(), u"scripted"_s);
            QCOMPARE(entry.value(u"status"_s).toString(), u"completed"_s);
            QVERIFY(entry.value(u"duration"_s).isDouble());
            QVERIFY(entry.value(u"cost"_s).isDouble());
            QCOMPARE(entry.value(u"filesChanged"_s).toInt(), 2);
            QCOMPARE(entry.value(u"linesAdded"_s).toInt(), 2);
        }
        const QJsonObject comparison = compared.data().value(u"comparison"_s).toObject();
        const QStringList both{idA, idB};
        for (const QString &key :
             {u"fasterAttempt"_s, u"cheaperAttempt"_s, u"moreCompleteAttempt"_s})
            QVERIFY2(both.contains(comparison.value(key).toString()), qPrintable(key));

        verifyError(http().post(u"/api/attempts/compare"_s, {{u"attemptIds"_s, QJsonArray{idA}}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"attemptIds"_s);
        verifyError(http().post(u"/api/attempts/compare"_s, {}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"attemptIds"_s);
        verifyError(http().post(u"/api/attempts/compare"_s, {{u"attemptIds"_s, u"x"_s}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"attemptIds"_s);
        verifyError(http().post(u"/api/attempts/compare"_s,
                                {{u"attemptIds"_s, QJsonArray{idA, u"attempt_missing"_s}}}),
                    404,
                    u"NOT_FOUND"_s);
    }
};

QTEST_GUILESS_MAIN(TestDeliveryApi)
#include "tst_deliveryapi.moc"
