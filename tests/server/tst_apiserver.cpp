// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/support/serverfixture.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using Test::HttpReply;

/// The REST API over real HTTP on 127.0.0.1:0: envelope, resources, every error code.
class TestApiServer final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ServerFixture> m_fixture;
    QString m_project;

    Test::HttpClient &http() { return *m_fixture->http; }

    QString createTask(const QJsonObject &fields)
    {
        QJsonObject body = fields;
        body.insert(u"projectId"_s, m_project);
        const HttpReply reply = http().post(u"/api/tasks"_s, body);
        return reply.data().value(u"id"_s).toString();
    }

    static void verifyIsoTimestamp(const QString &text)
    {
        static const QRegularExpression iso(
            u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z$"_s);
        QVERIFY2(iso.match(text).hasMatch(), qPrintable(text));
    }

    static void verifyError(const HttpReply &reply,
                            int status,
                            const QString &code,
                            const QString &field = {})
    {
        QCOMPARE(reply.status, status);
        QVERIFY(reply.headers.value("content-type").startsWith("application/json"));
        const QJsonObject json = reply.json();
        QCOMPARE(json.value(u"success"_s).toBool(true), false);
        QCOMPARE(reply.errorCode(), code);
        QVERIFY(!json.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
        QVERIFY(json.value(u"error"_s).toObject().value(u"details"_s).isObject());
        verifyIsoTimestamp(json.value(u"meta"_s).toObject().value(u"timestamp"_s).toString());
        if (!field.isEmpty())
            QCOMPARE(reply.errorField(), field);
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<Test::ServerFixture>();
        QVERIFY(m_fixture->isValid());
        m_project = m_fixture->createProject();
        QVERIFY(m_project.startsWith(u"proj_"_s));
    }

    void cleanup() { m_fixture.reset(); }

    void healthHasTheEnvelope()
    {
        const HttpReply reply = http().get(u"/api/health"_s);
        QCOMPARE(reply.status, 200);
        const QJsonObject json = reply.json();
        QCOMPARE(json.value(u"success"_s).toBool(), true);
        QCOMPARE(reply.data().value(u"status"_s).toString(), u"ok"_s);
        QVERIFY(!reply.data().value(u"version"_s).toString().isEmpty());
        const QJsonObject meta = json.value(u"meta"_s).toObject();
        verifyIsoTimestamp(meta.value(u"timestamp"_s).toString());
        QCOMPARE(meta.value(u"version"_s).toString(), reply.data().value(u"version"_s).toString());
        // The envelope starts with "success", as the seed shows it.
        QVERIFY(reply.body.startsWith(R"({"success":true,"data":)"));
    }

    void projectCrud()
    {
        HttpReply got = http().get(u"/api/projects/"_s + m_project);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.data().value(u"repoPath"_s).toString(), m_fixture->repo.path());
        QCOMPARE(got.data().value(u"baseBranch"_s).toString(), u"main"_s);
        QVERIFY(got.data().value(u"setupScript"_s).isNull());
        QCOMPARE(got.data().value(u"copyFiles"_s).toArray().size(), 0);
        verifyIsoTimestamp(got.data().value(u"createdAt"_s).toString());

        HttpReply patched = http().patch(u"/api/projects/"_s + m_project,
                                         {{u"name"_s, u"Renamed"_s},
                                          {u"devScript"_s, u"npm run dev"_s},
                                          {u"copyFiles"_s, QJsonArray{u".env"_s}}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.data().value(u"name"_s).toString(), u"Renamed"_s);
        QCOMPARE(patched.data().value(u"devScript"_s).toString(), u"npm run dev"_s);

        HttpReply list = http().get(u"/api/projects"_s);
        QCOMPARE(list.status, 200);
        QCOMPARE(list.dataArray().size(), 1);
        QCOMPARE(list.json().value(u"pagination"_s).toObject().value(u"total"_s).toInt(), 1);

        HttpReply removed = http().del(u"/api/projects/"_s + m_project);
        QCOMPARE(removed.status, 200);
        QCOMPARE(removed.data().value(u"deleted"_s).toBool(), true);
        QCOMPARE(removed.data().value(u"projectId"_s).toString(), m_project);
        verifyError(http().get(u"/api/projects/"_s + m_project), 404, u"NOT_FOUND"_s);
    }

    void projectErrors()
    {
        verifyError(http().post(u"/api/projects"_s, {{u"repoPath"_s, m_fixture->repo.path()}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"name"_s);
        verifyError(http().post(u"/api/projects"_s, {{u"name"_s, u"x"_s}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"repoPath"_s);
        verifyError(http().post(u"/api/projects"_s,
                                {{u"name"_s, u"x"_s}, {u"repoPath"_s, u"/definitely/missing"_s}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"repoPath"_s);
        verifyError(http().post(u"/api/projects"_s,
                                {{u"name"_s, u"x"_s}, {u"repoPath"_s, u"relative/path"_s}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"repoPath"_s);
        verifyError(http().post(u"/api/projects"_s,
                                {{u"name"_s, 42}, {u"repoPath"_s, m_fixture->repo.path()}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"name"_s);
        verifyError(http().post(u"/api/projects"_s,
                                {{u"name"_s, u"x"_s},
                                 {u"repoPath"_s, m_fixture->repo.path()},
                                 {u"copyFiles"_s, u"a"_s}}),
                    400,
                    u"VALIDATION_ERROR"_s,
                    u"copyFiles"_s);
        // The same repository twice is a conflict.
        verifyError(http().post(u"/api/projects"_s,
                                {{u"name"_s, u"again"_s}, {u"repoPath"_s, m_fixture->repo.path()}}),
                    409,
                    u"CONFLICT"_s);
        verifyError(http().patch(u"/api/projects/proj_missing"_s, {{u"name"_s, u"x"_s}}),
                    404,
                    u"NOT_FOUND"_s);
    }

    void taskCrud()
    {
        HttpReply created = http().post(u"/api/tasks"_s,
                                        {{u"projectId"_s, m_project},
                                         {u"title"_s, u"Add user authentication"_s},
                                         {u"description"_s, u"Implement JWT-based auth"_s},
                                         {u"llm"_s, u"claude"_s},
                                         {u"priority"_s, u"high"_s},
                                         {u"labels"_s, QJsonArray{u"feature"_s, u"backend"_s}}});
        QCOMPARE(created.status, 201);
        const QJsonObject task = created.data();
        const QString id = task.value(u"id"_s).toString();
        QVERIFY(id.startsWith(u"task_"_s));
        QCOMPARE(created.headers.value("location"), "/api/tasks/" + id.toUtf8());
        QCOMPARE(task.value(u"projectId"_s).toString(), m_project);
        QCOMPARE(task.value(u"status"_s).toString(), u"todo"_s);
        QCOMPARE(task.value(u"priority"_s).toString(), u"high"_s);
        QCOMPARE(task.value(u"llm"_s).toString(), u"claude"_s);
        QCOMPARE(task.value(u"labels"_s).toArray(), (QJsonArray{u"feature"_s, u"backend"_s}));
        QVERIFY(task.value(u"parentAttemptId"_s).isNull());
        verifyIsoTimestamp(task.value(u"createdAt"_s).toString());
        verifyIsoTimestamp(task.value(u"updatedAt"_s).toString());

        HttpReply got = http().get(u"/api/tasks/"_s + id);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.data(), task);

        HttpReply patched = http().patch(u"/api/tasks/"_s + id, {{u"status"_s, u"in_progress"_s}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.data().value(u"status"_s).toString(), u"in_progress"_s);
        QCOMPARE(patched.data().value(u"title"_s).toString(), u"Add user authentication"_s);

        HttpReply pending = http().patch(u"/api/tasks/"_s + id,
                                         {{u"status"_s, u"pending"_s}, {u"llm"_s, QJsonValue()}});
        QCOMPARE(pending.data().value(u"status"_s).toString(), u"todo"_s);
        QVERIFY(pending.data().value(u"llm"_s).isNull());

        HttpReply removed = http().del(u"/api/tasks/"_s + id);
        QCOMPARE(removed.status, 200);
        QCOMPARE(removed.data().value(u"deleted"_s).toBool(), true);
        QCOMPARE(removed.data().value(u"taskId"_s).toString(), id);
        verifyError(http().get(u"/api/tasks/"_s + id), 404, u"NOT_FOUND"_s);
        verifyError(http().del(u"/api/tasks/"_s + id), 404, u"NOT_FOUND"_s);
    }

    void unicodeTitles()
    {
        const QString title = u"タスク ✓ — Ünïcödé 🚀"_s;
        const QString id = createTask({{u"title"_s, title}});
        QVERIFY(!id.isEmpty());
        QCOMPARE(http().get(u"/api/tasks/"_s + id).data().value(u"title"_s).toString(), title);
        HttpReply found = http().get(u"/api/tasks?q=%E3%82%BF%E3%82%B9%E3%82%AF"_s);
        QCOMPARE(found.dataArray().size(), 1);
    }

    void listFiltersSortsAndPages()
    {
        createTask({{u"title"_s, u"alpha"_s},
                    {u"priority"_s, u"low"_s},
                    {u"labels"_s, QJsonArray{u"feature"_s, u"backend"_s}}});
        createTask({{u"title"_s, u"beta"_s},
                    {u"priority"_s, u"urgent"_s},
                    {u"status"_s, u"in_progress"_s}});
        createTask({{u"title"_s, u"gamma"_s},
                    {u"priority"_s, u"high"_s},
                    {u"labels"_s, QJsonArray{u"feature"_s}}});
        auto titles = [this](const QString &query) {
            QStringList out;
            for (const QJsonValue &task :
                 http().get(u"/api/tasks?projectId="_s + m_project + query).dataArray())
                out.append(task.toObject().value(u"title"_s).toString());
            return out;
        };
        QCOMPARE(titles(u"&sort=title"_s), (QStringList{u"alpha"_s, u"beta"_s, u"gamma"_s}));
        QCOMPARE(titles(u"&sort=-priority,created_at"_s),
                 (QStringList{u"beta"_s, u"gamma"_s, u"alpha"_s}));
        QCOMPARE(titles(u"&status=pending&sort=title"_s), (QStringList{u"alpha"_s, u"gamma"_s}));
        QCOMPARE(titles(u"&status=in_progress"_s), QStringList{u"beta"_s});
        QCOMPARE(titles(u"&priority=high,urgent&sort=title"_s),
                 (QStringList{u"beta"_s, u"gamma"_s}));
        QCOMPARE(titles(u"&labels=feature,backend"_s), QStringList{u"alpha"_s});
        QCOMPARE(titles(u"&q=AMM"_s), QStringList{u"gamma"_s});
        QCOMPARE(titles(u"&q=gam+ma"_s), QStringList{}); // '+' is a space

        HttpReply page = http().get(u"/api/v1/tasks?projectId="_s + m_project
                                    + u"&sort=title&page=2&limit=2"_s);
        QCOMPARE(page.status, 200);
        QCOMPARE(page.dataArray().size(), 1);
        const QJsonObject pagination = page.json().value(u"pagination"_s).toObject();
        QCOMPARE(pagination.value(u"page"_s).toInt(), 2);
        QCOMPARE(pagination.value(u"limit"_s).toInt(), 2);
        QCOMPARE(pagination.value(u"total"_s).toInt(), 3);
        QCOMPARE(pagination.value(u"pages"_s).toInt(), 2);
        QCOMPARE(pagination.value(u"hasNext"_s).toBool(), false);
        QCOMPARE(pagination.value(u"hasPrev"_s).toBool(), true);

        HttpReply past = http().get(u"/api/tasks?page=9"_s);
        QCOMPARE(past.status, 200);
        QVERIFY(past.dataArray().isEmpty());
        QCOMPARE(past.json().value(u"pagination"_s).toObject().value(u"total"_s).toInt(), 3);

        HttpReply defaults = http().get(u"/api/tasks"_s);
        QCOMPARE(defaults.json().value(u"pagination"_s).toObject().value(u"limit"_s).toInt(), 20);
        QCOMPARE(defaults.json().value(u"pagination"_s).toObject().value(u"page"_s).toInt(), 1);
    }

    void listErrors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::newRow("page 0") << u"page=0"_s << 400 << u"page"_s;
        QTest::newRow("page not a number") << u"page=two"_s << 400 << u"page"_s;
        QTest::newRow("limit 0") << u"limit=0"_s << 400 << u"limit"_s;
        QTest::newRow("limit 101") << u"limit=101"_s << 400 << u"limit"_s;
        QTest::newRow("limit float") << u"limit=1.5"_s << 400 << u"limit"_s;
        QTest::newRow("unknown status") << u"status=doing"_s << 400 << u"status"_s;
        QTest::newRow("unknown priority") << u"priority=critical"_s << 400 << u"priority"_s;
        QTest::newRow("unknown sort") << u"sort=colour"_s << 400 << u"sort"_s;
        QTest::newRow("empty project") << u"projectId="_s << 400 << u"projectId"_s;
        QTest::newRow("unknown project") << u"projectId=proj_nope"_s << 404 << u"projectId"_s;
        QTest::newRow("unknown attempt status")
            << u"attemptStatus=flying"_s << 400 << u"attemptStatus"_s;
        QTest::newRow("running not a boolean")
            << u"hasRunningAttempt=maybe"_s << 400 << u"hasRunningAttempt"_s;
        QTest::newRow("failed not a boolean")
            << u"lastAttemptFailed=2"_s << 400 << u"lastAttemptFailed"_s;
        QTest::newRow("merged not a boolean")
            << u"hasMergedAttempt=yes"_s << 400 << u"hasMergedAttempt"_s;
    }

    void listErrors()
    {
        QFETCH(QString, query);
        QFETCH(int, status);
        QFETCH(QString, field);
        verifyError(http().get(u"/api/tasks?"_s + query),
                    status,
                    status == 404 ? u"NOT_FOUND"_s : u"VALIDATION_ERROR"_s,
                    field);
    }

    void bodyErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        const QByteArray project = m_project.toUtf8();
        QTest::newRow("malformed JSON")
            << "POST"_ba << u"/api/tasks"_s << "{\"title\": "_ba << 400 << u"body"_s;
        QTest::newRow("not an object")
            << "POST"_ba << u"/api/tasks"_s << "[1,2]"_ba << 400 << u"body"_s;
        QTest::newRow("empty body")
            << "POST"_ba << u"/api/tasks"_s << QByteArray() << 400 << u"body"_s;
        QTest::newRow("missing projectId")
            << "POST"_ba << u"/api/tasks"_s << "{\"title\":\"x\"}"_ba << 400 << u"projectId"_s;
        QTest::newRow("missing title")
            << "POST"_ba << u"/api/tasks"_s << "{\"projectId\":\"" + project + "\"}" << 400
            << u"title"_s;
        QTest::newRow("title a number")
            << "POST"_ba << u"/api/tasks"_s << "{\"projectId\":\"" + project + "\",\"title\":5}"
            << 400 << u"title"_s;
        QTest::newRow("labels not strings")
            << "POST"_ba << u"/api/tasks"_s
            << "{\"projectId\":\"" + project + "\",\"title\":\"x\",\"labels\":[1]}" << 400
            << u"labels[0]"_s;
        QTest::newRow("bad status")
            << "POST"_ba << u"/api/tasks"_s
            << "{\"projectId\":\"" + project + "\",\"title\":\"x\",\"status\":\"doing\"}" << 400
            << u"status"_s;
        QTest::newRow("priority a bool")
            << "POST"_ba << u"/api/tasks"_s
            << "{\"projectId\":\"" + project + "\",\"title\":\"x\",\"priority\":true}" << 400
            << u"priority"_s;
        QTest::newRow("unknown project")
            << "POST"_ba << u"/api/tasks"_s << "{\"projectId\":\"proj_zzz\",\"title\":\"x\"}"_ba
            << 404 << u"projectId"_s;
        QTest::newRow("empty patch")
            << "PATCH"_ba << u"/api/tasks/%1"_s << "{}"_ba << 400 << u"body"_s;
        QTest::newRow("patch moves project")
            << "PATCH"_ba << u"/api/tasks/%1"_s << "{\"projectId\":\"proj_b\"}"_ba << 400
            << u"projectId"_s;
        QTest::newRow("patch null title")
            << "PATCH"_ba << u"/api/tasks/%1"_s << "{\"title\":null}"_ba << 400 << u"title"_s;
    }

    void bodyErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        if (path.contains(u"%1"_s))
            path = path.arg(createTask({{u"title"_s, u"target"_s}}));
        verifyError(http().send(method, path, body),
                    status,
                    status == 404 ? u"NOT_FOUND"_s : u"VALIDATION_ERROR"_s,
                    field);
        // Nothing half-done: the failed create left no task behind.
        if (method == "POST")
            QCOMPARE(http()
                         .get(u"/api/tasks"_s)
                         .json()
                         .value(u"pagination"_s)
                         .toObject()
                         .value(u"total"_s)
                         .toInt(),
                     0);
    }

    void unknownPathsAndMethods()
    {
        verifyError(http().get(u"/api/nothing-here"_s), 404, u"NOT_FOUND"_s);
        verifyError(http().get(u"/api/tasks/a/b/c"_s), 404, u"NOT_FOUND"_s);
        verifyError(http().get(u"/api/v1/nothing"_s), 404, u"NOT_FOUND"_s);
        HttpReply wrongMethod = http().send("PUT", u"/api/tasks"_s, "{}");
        verifyError(wrongMethod, 405, u"METHOD_NOT_ALLOWED"_s);
        QVERIFY(wrongMethod.headers.value("allow").contains("GET"));
        QVERIFY(wrongMethod.headers.value("allow").contains("POST"));
        verifyError(http().send("POST", u"/api/health"_s, "{}"), 405, u"METHOD_NOT_ALLOWED"_s);
        verifyError(http().send("BREW", u"/api/tasks"_s), 405, u"METHOD_NOT_ALLOWED"_s);
        HttpReply outside = http().get(u"/no/such/page"_s);
        QCOMPARE(outside.status, 404);
        QCOMPARE(outside.json().value(u"detail"_s).toString(), u"Not Found"_s);
        HttpReply head = http().send("HEAD", u"/api/health"_s);
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
        HttpReply options = http().send("OPTIONS", u"/api/tasks"_s);
        QCOMPARE(options.status, 204);
        QVERIFY(options.headers.value("allow").contains("PATCH") == false);
        QVERIFY(options.headers.value("allow").contains("POST"));
    }

    void refusesForeignHostsAndOrigins()
    {
        const QString port = QString::number(m_fixture->port);
        verifyError(http().send("GET",
                                u"/api/health"_s,
                                {},
                                {{"Host"_ba, "evil.example:"_ba + port.toUtf8()}}),
                    403,
                    u"FORBIDDEN"_s);
        verifyError(http().send("GET", u"/api/health"_s, {}, {{"Host"_ba, "127.0.0.1:1"_ba}}),
                    403,
                    u"FORBIDDEN"_s);
        verifyError(http().send("POST",
                                u"/api/tasks"_s,
                                "{}",
                                {{"Origin"_ba, "https://evil.example"_ba}}),
                    403,
                    u"FORBIDDEN"_s);
        verifyError(http().send("GET", u"/api/health"_s, {}, {{"Origin"_ba, "null"_ba}}),
                    403,
                    u"FORBIDDEN"_s);
        // Loopback names, with or without the port, and our own origin are fine.
        QCOMPARE(http()
                     .send("GET",
                           u"/api/health"_s,
                           {},
                           {{"Host"_ba, "localhost:"_ba + port.toUtf8()}})
                     .status,
                 200);
        QCOMPARE(http().send("GET", u"/api/health"_s, {}, {{"Host"_ba, "localhost"_ba}}).status,
                 200);
        QCOMPARE(http()
                     .send("GET",
                           u"/api/health"_s,
                           {},
                           {{"Origin"_ba, "http://127.0.0.1:"_ba + port.toUtf8()}})
                     .status,
                 200);
        // Nothing was created by the refused POST.
        QCOMPARE(http()
                     .get(u"/api/tasks"_s)
                     .json()
                     .value(u"pagination"_s)
                     .toObject()
                     .value(u"total"_s)
                     .toInt(),
                 0);
    }

    void openApiDescribesEveryRoute()
    {
        HttpReply json = http().get(u"/api/openapi.json"_s);
        QCOMPARE(json.status, 200);
        const QJsonObject spec = json.json();
        QCOMPARE(spec.value(u"openapi"_s).toString(), u"3.1.0"_s);
        const QJsonObject paths = spec.value(u"paths"_s).toObject();
        int operations = 0;
        for (const auto &route : m_fixture->server->router().routes()) {
            QString path = route.pattern;
            path.replace(QRegularExpression(u"[:*]([A-Za-z]+)"_s), u"{\\1}"_s);
            const QString method = QString::fromLatin1(route.method).toLower();
            QVERIFY2(paths.value(path).toObject().contains(method),
                     qPrintable(method + u' ' + path));
            ++operations;
        }
        int documented = 0;
        for (const QJsonValue &item : paths)
            documented += int(item.toObject().size());
        QCOMPARE(documented, operations);

        // Every reference resolves; bodies and answers of the attempt routes are described.
        const QJsonObject schemas
            = spec.value(u"components"_s).toObject().value(u"schemas"_s).toObject();
        QStringList refs;
        std::function<void(const QJsonValue &)> collect = [&](const QJsonValue &value) {
            if (value.isObject()) {
                const QJsonObject object = value.toObject();
                if (object.contains(u"$ref"_s))
                    refs.append(object.value(u"$ref"_s).toString());
                for (const QJsonValue &member : object)
                    collect(member);
            } else if (value.isArray()) {
                for (const QJsonValue &item : value.toArray())
                    collect(item);
            }
        };
        collect(spec);
        QVERIFY(refs.size() > 20);
        for (const QString &ref : std::as_const(refs)) {
            QVERIFY2(ref.startsWith(u"#/components/schemas/"_s), qPrintable(ref));
            QVERIFY2(schemas.contains(ref.section(u'/', -1)), qPrintable(ref));
        }
        for (const QString &base : {u"/api/attempts"_s, u"/api/task-attempts"_s}) {
            const QJsonObject followUp
                = paths.value(base + u"/{id}/follow-up"_s).toObject().value(u"post"_s).toObject();
            QCOMPARE(followUp.value(u"requestBody"_s)
                         .toObject()
                         .value(u"content"_s)
                         .toObject()
                         .value(u"application/json"_s)
                         .toObject()
                         .value(u"schema"_s)
                         .toObject()
                         .value(u"$ref"_s)
                         .toString(),
                     u"#/components/schemas/FollowUp"_s);
            const QJsonObject logs
                = paths.value(base + u"/{id}/logs"_s).toObject().value(u"get"_s).toObject();
            QVERIFY(logs.value(u"responses"_s)
                        .toObject()
                        .value(u"200"_s)
                        .toObject()
                        .value(u"content"_s)
                        .toObject()
                        .contains(u"application/x-ndjson"_s));
        }
        QVERIFY(schemas.value(u"Attempt"_s)
                    .toObject()
                    .value(u"properties"_s)
                    .toObject()
                    .contains(u"worktreePath"_s));
        // Full bodies: each JSON answer names its schema; each body a route reads is described.
        // Actions whose route reads no body.
        static const QStringList bodiless{u"/start"_s,
                                          u"/cancel"_s,
                                          u"/send"_s,
                                          u"/follow-up-queue/next"_s,
                                          u"/abort-conflicts"_s};
        QStringList vague;
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path->toObject();
            for (auto op = item.begin(); op != item.end(); ++op) {
                const QString name = op.key() + u' ' + path.key();
                const QJsonObject operation = op->toObject();
                const QJsonObject responses = operation.value(u"responses"_s).toObject();
                QJsonObject success;
                for (auto r = responses.begin(); r != responses.end(); ++r) {
                    if (r.key().startsWith(u'2'))
                        success = r->toObject();
                }
                const QJsonObject content = success.value(u"content"_s).toObject();
                const QJsonObject schema
                    = content.value(u"application/json"_s).toObject().value(u"schema"_s).toObject();
                const QJsonObject data
                    = schema.value(u"properties"_s).toObject().value(u"data"_s).toObject();
                const bool described = schema.contains(u"$ref"_s) || data.contains(u"$ref"_s)
                                       || data.value(u"items"_s).toObject().contains(u"$ref"_s);
                if (content.contains(u"application/json"_s) && !described)
                    vague.append(name + u" (response)"_s);
                if (content.isEmpty() && !responses.contains(u"204"_s))
                    vague.append(name + u" (no content)"_s);
                const bool sendsBody = op.key() == u"post"_s || op.key() == u"put"_s
                                       || op.key() == u"patch"_s;
                const bool action = std::any_of(bodiless.cbegin(),
                                                bodiless.cend(),
                                                [&path](const QString &suffix) {
                                                    return path.key().endsWith(suffix);
                                                });
                if (sendsBody && !operation.contains(u"requestBody"_s) && !action)
                    vague.append(name + u" (request)"_s);
            }
        }
        QVERIFY2(vague.isEmpty(), qPrintable(vague.join(u'\n')));

        HttpReply yaml = http().get(u"/api/openapi.yaml"_s);
        QCOMPARE(yaml.status, 200);
        QVERIFY(yaml.headers.value("content-type").contains("yaml"));
        QVERIFY(yaml.body.startsWith("\"components\":")
                || yaml.body.contains("\"openapi\": \"3.1.0\""));
    }
};

QTEST_GUILESS_MAIN(TestApiServer)
#include "tst_apiserver.moc"
