// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/approvalservice.h"
#include "core/timestamps.h"
#include "tests/support/serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using Test::HttpReply;

/// Seed 003 over HTTP: identities come from API keys (one per approver) and, without a key,
/// from the desktop user's e-mail in the settings.
class TestApprovalsApi final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ServerFixture> m_fixture;
    QString m_attempt;
    QHash<QString, QByteArray> m_keys; ///< e-mail → bearer key

    Test::HttpClient &http() { return *m_fixture->http; }

    HttpReply as(const QString &who,
                 const QByteArray &method,
                 const QString &path,
                 const QJsonObject &body = {})
    {
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!who.isEmpty())
            headers.append({"Authorization"_ba, "Bearer " + m_keys.value(who)});
        return http().send(method,
                           path,
                           body.isEmpty() ? QByteArray()
                                          : QJsonDocument(body).toJson(QJsonDocument::Compact),
                           headers);
    }

    HttpReply respond(const QString &who, const QString &id, const QString &decision)
    {
        return as(who,
                  "POST",
                  u"/api/approvals/"_s + id + u"/respond"_s,
                  QJsonObject{{u"decision"_s, decision}, {u"comment"_s, QString(u"from "_s + who)}});
    }

    QString createApproval(const QJsonArray &approvers, const QJsonObject &extra = {})
    {
        QJsonObject body{{u"taskAttemptId"_s, m_attempt},
                         {u"type"_s, u"merge"_s},
                         {u"title"_s, u"Approve merge for authentication system"_s},
                         {u"description"_s, u"8 files"_s},
                         {u"metadata"_s, QJsonObject{{u"filesChanged"_s, 8}}},
                         {u"approvers"_s, approvers}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        const HttpReply created = http().post(u"/api/approvals"_s, body);
        if (created.status != 201)
            qWarning() << created.body;
        return created.data().value(u"id"_s).toString();
    }

    QStringList pendingFor(const QString &who)
    {
        QStringList ids;
        for (const QJsonValue &item : as(who, "GET", u"/api/approvals/pending"_s).dataArray())
            ids.append(item.toObject().value(u"id"_s).toString());
        return ids;
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<Test::ServerFixture>();
        QVERIFY(m_fixture->isValid());
        QCOMPARE(http().patch(u"/api/settings"_s, {{u"userEmail"_s, u"desk@example.com"_s}}).status,
                 200);
        const QString project = m_fixture->createProject();
        const QString task = http()
                                 .post(u"/api/tasks"_s,
                                       {{u"projectId"_s, project}, {u"title"_s, u"Auth"_s}})
                                 .data()
                                 .value(u"id"_s)
                                 .toString();
        m_attempt = http()
                        .post(u"/api/attempts"_s, {{u"taskId"_s, task}, {u"llm"_s, u"claude"_s}})
                        .data()
                        .value(u"id"_s)
                        .toString();
        QVERIFY(m_attempt.startsWith(u"attempt_"_s));
        m_keys.clear();
        for (const QString &who : {u"alice@example.com"_s, u"bob@example.com"_s}) {
            const HttpReply key = http().post(u"/api/api-keys"_s,
                                              {{u"name"_s, who.section(u'@', 0, 0)},
                                               {u"email"_s, who}});
            QCOMPARE(key.status, 201);
            m_keys.insert(who, key.data().value(u"key"_s).toString().toUtf8());
        }
    }

    void cleanup() { m_fixture.reset(); }

    void twoApproversMustBothApprove()
    {
        const QString id = createApproval({u"alice@example.com"_s, u"bob@example.com"_s});
        QVERIFY(id.startsWith(u"approval_"_s));
        const QJsonObject created = http().get(u"/api/approvals/"_s + id).data();
        QCOMPARE(created.value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(created.value(u"createdBy"_s).toString(), u"desk@example.com"_s);
        QCOMPARE(created.value(u"taskAttemptId"_s).toString(), m_attempt);
        QCOMPARE(created.value(u"metadata"_s).toObject().value(u"filesChanged"_s).toInt(), 8);
        QCOMPARE(created.value(u"responses"_s).toArray().size(), 0);

        // The desktop user is not listed: it sees nothing to answer and may not answer.
        QVERIFY(pendingFor({}).isEmpty());
        QCOMPARE(respond({}, id, u"approved"_s).status, 403);
        QCOMPARE(respond({}, id, u"approved"_s).errorCode(), u"FORBIDDEN"_s);
        QCOMPARE(pendingFor(u"alice@example.com"_s), QStringList{id});

        const HttpReply first = respond(u"alice@example.com"_s, id, u"approved"_s);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.data().value(u"approvalId"_s).toString(), id);
        QCOMPARE(first.data().value(u"decision"_s).toString(), u"approved"_s);
        QCOMPARE(first.data().value(u"approvalStatus"_s).toString(), u"pending"_s);
        QVERIFY(!first.data().value(u"respondedAt"_s).toString().isEmpty());
        QCOMPARE(respond(u"alice@example.com"_s, id, u"approved"_s).status, 409);
        QVERIFY(pendingFor(u"alice@example.com"_s).isEmpty());
        QCOMPARE(pendingFor(u"bob@example.com"_s), QStringList{id});

        const HttpReply second = respond(u"bob@example.com"_s, id, u"approved"_s);
        QCOMPARE(second.status, 200);
        QCOMPARE(second.data().value(u"approvalStatus"_s).toString(), u"approved"_s);
        const QJsonObject after = http().get(u"/api/approvals/"_s + id).data();
        QCOMPARE(after.value(u"status"_s).toString(), u"approved"_s);
        const QJsonArray responses = after.value(u"responses"_s).toArray();
        QCOMPARE(responses.size(), 2);
        QCOMPARE(responses.at(0).toObject().value(u"approver"_s).toString(), u"alice@example.com"_s);
        QCOMPARE(responses.at(0).toObject().value(u"comment"_s).toString(),
                 u"from alice@example.com"_s);
        QVERIFY(!after.value(u"resolvedAt"_s).isNull());
        QCOMPARE(respond(u"bob@example.com"_s, id, u"rejected"_s).status, 409);
        QVERIFY(pendingFor(u"bob@example.com"_s).isEmpty());
    }

    void oneRejectionDecides()
    {
        const QString id = createApproval({u"alice@example.com"_s, u"bob@example.com"_s});
        const HttpReply no = respond(u"bob@example.com"_s, id, u"rejected"_s);
        QCOMPARE(no.status, 200);
        QCOMPARE(no.data().value(u"approvalStatus"_s).toString(), u"rejected"_s);
        const HttpReply late = respond(u"alice@example.com"_s, id, u"approved"_s);
        QCOMPARE(late.status, 409);
        QCOMPARE(late.errorCode(), u"CONFLICT"_s);
        QCOMPARE(http().get(u"/api/approvals/"_s + id).data().value(u"status"_s).toString(),
                 u"rejected"_s);
    }

    void withoutApproversAnyoneDecides()
    {
        const QString id = createApproval({});
        QVERIFY(pendingFor({}).contains(id));
        QVERIFY(pendingFor(u"bob@example.com"_s).contains(id));
        const HttpReply yes = respond(u"bob@example.com"_s, id, u"approve"_s);
        QCOMPARE(yes.status, 200);
        QCOMPARE(yes.data().value(u"approvalStatus"_s).toString(), u"approved"_s);
        QVERIFY(!pendingFor({}).contains(id));
    }

    void expiresByTimerAndOnRead()
    {
        const QString expiresAt = Core::toTimestamp(Core::nowUtc().addMSecs(1500));
        const QString id = createApproval({u"alice@example.com"_s}, {{u"expiresAt"_s, expiresAt}});
        QVERIFY(!id.isEmpty());
        QCOMPARE(http().get(u"/api/approvals/"_s + id).data().value(u"expiresAt"_s).toString(),
                 expiresAt);
        // The timer records it without anyone asking: the list by status shows it.
        QTRY_COMPARE_WITH_TIMEOUT(http().get(u"/api/approvals?status=expired"_s).dataArray().size(),
                                  1,
                                  10000);
        QCOMPARE(http().get(u"/api/approvals/"_s + id).data().value(u"status"_s).toString(),
                 u"expired"_s);
        QCOMPARE(respond(u"alice@example.com"_s, id, u"approved"_s).status, 409);
        QVERIFY(pendingFor(u"alice@example.com"_s).isEmpty());

        const HttpReply past = http().post(u"/api/approvals"_s,
                                           {{u"taskAttemptId"_s, m_attempt},
                                            {u"type"_s, u"custom"_s},
                                            {u"title"_s, u"too late"_s},
                                            {u"expiresAt"_s, u"2020-01-01T00:00:00Z"_s}});
        QCOMPARE(past.status, 400);
        QCOMPARE(
            past.json().value(u"error"_s).toObject().value(u"details"_s).toObject().value(u"field"_s),
            u"expiresAt"_s);
    }

    void onlyTheRequesterCancels()
    {
        const QString id = createApproval({u"alice@example.com"_s});
        const HttpReply notYours = as(u"alice@example.com"_s,
                                      "POST",
                                      u"/api/approvals/"_s + id + u"/cancel"_s);
        QCOMPARE(notYours.status, 403);
        const HttpReply cancelled = http().post(u"/api/approvals/"_s + id + u"/cancel"_s, {});
        QCOMPARE(cancelled.status, 200);
        QCOMPARE(cancelled.data().value(u"status"_s).toString(), u"cancelled"_s);
        QCOMPARE(http().post(u"/api/approvals/"_s + id + u"/cancel"_s, {}).status, 409);
        QCOMPARE(respond(u"alice@example.com"_s, id, u"approved"_s).status, 409);
    }

    void listsFilterAndPage()
    {
        for (int i = 0; i < 3; ++i)
            QVERIFY(!createApproval({u"alice@example.com"_s}).isEmpty());
        const HttpReply deploy = http().post(u"/api/approvals"_s,
                                             {{u"taskAttemptId"_s, m_attempt},
                                              {u"type"_s, u"deploy"_s},
                                              {u"title"_s, u"Deploy"_s},
                                              {u"approvers"_s, QJsonArray{u"alice@example.com"_s}}});
        QCOMPARE(deploy.status, 201);
        const HttpReply merges = as(u"alice@example.com"_s,
                                    "GET",
                                    u"/api/approvals/pending?type=merge&limit=2"_s);
        QCOMPARE(merges.status, 200);
        QCOMPARE(merges.dataArray().size(), 2);
        const QJsonObject pagination = merges.json().value(u"pagination"_s).toObject();
        QCOMPARE(pagination.value(u"total"_s).toInt(), 3);
        QCOMPARE(pagination.value(u"pages"_s).toInt(), 2);
        QCOMPARE(pagination.value(u"limit"_s).toInt(), 2);
        const HttpReply page2 = as(u"alice@example.com"_s,
                                   "GET",
                                   u"/api/approvals/pending?type=merge&limit=2&page=2"_s);
        QCOMPARE(page2.dataArray().size(), 1);
        QCOMPARE(as(u"alice@example.com"_s, "GET", u"/api/approvals/pending?type=deploy"_s)
                     .dataArray()
                     .size(),
                 1);
        QCOMPARE(http().get(u"/api/approvals?taskAttemptId="_s + m_attempt).dataArray().size(), 4);
    }

    void badRequestsAreNamed()
    {
        struct Case
        {
            QJsonObject body;
            QString field;
        };
        const QList<Case> cases{
            {{{u"type"_s, u"merge"_s}, {u"title"_s, u"t"_s}}, u"taskAttemptId"_s},
            {{{u"taskAttemptId"_s, m_attempt}, {u"title"_s, u"t"_s}}, u"type"_s},
            {{{u"taskAttemptId"_s, m_attempt}, {u"type"_s, u"ship"_s}, {u"title"_s, u"t"_s}},
             u"type"_s},
            {{{u"taskAttemptId"_s, m_attempt}, {u"type"_s, u"tool_use"_s}, {u"title"_s, u"t"_s}},
             u"type"_s},
            {{{u"taskAttemptId"_s, m_attempt}, {u"type"_s, u"merge"_s}}, u"title"_s},
            {{{u"taskAttemptId"_s, m_attempt}, {u"type"_s, u"merge"_s}, {u"title"_s, u"  "_s}},
             u"title"_s},
            {{{u"taskAttemptId"_s, u"attempt_nope"_s}, {u"type"_s, u"merge"_s}, {u"title"_s, u"t"_s}},
             u"taskAttemptId"_s},
            {{{u"taskAttemptId"_s, m_attempt},
              {u"type"_s, u"merge"_s},
              {u"title"_s, u"t"_s},
              {u"approvers"_s, u"alice"_s}},
             u"approvers"_s},
            {{{u"taskAttemptId"_s, m_attempt},
              {u"type"_s, u"merge"_s},
              {u"title"_s, u"t"_s},
              {u"approvers"_s, QJsonArray{u"two words"_s}}},
             u"approvers"_s},
            {{{u"taskAttemptId"_s, m_attempt},
              {u"type"_s, u"merge"_s},
              {u"title"_s, u"t"_s},
              {u"expiresAt"_s, u"tomorrow"_s}},
             u"expiresAt"_s},
            {{{u"taskAttemptId"_s, m_attempt},
              {u"type"_s, u"merge"_s},
              {u"title"_s, u"t"_s},
              {u"metadata"_s, u"x"_s}},
             u"metadata"_s},
        };
        for (const Case &c : cases) {
            const HttpReply reply = http().post(u"/api/approvals"_s, c.body);
            QVERIFY2(reply.status == 400, reply.body.constData());
            QCOMPARE(reply.json()
                         .value(u"error"_s)
                         .toObject()
                         .value(u"details"_s)
                         .toObject()
                         .value(u"field"_s),
                     c.field);
        }
        QCOMPARE(http().send("POST", u"/api/approvals"_s, "{nope").status, 400);
        QCOMPARE(http().get(u"/api/approvals/approval_missing"_s).status, 404);
        QCOMPARE(respond(u"alice@example.com"_s, u"approval_missing"_s, u"approved"_s).status, 404);
        const QString id = createApproval({u"alice@example.com"_s});
        QCOMPARE(respond(u"alice@example.com"_s, id, u"maybe"_s).status, 400);
        QCOMPARE(as(u"alice@example.com"_s,
                    "POST",
                    u"/api/approvals/"_s + id + u"/respond"_s,
                    {{u"comment"_s, u"no decision"_s}})
                     .status,
                 400);
        QCOMPARE(http().get(u"/api/approvals/pending?type=ship"_s).status, 400);
        QCOMPARE(http().get(u"/api/approvals?status=done"_s).status, 400);
        QCOMPARE(http().get(u"/api/approvals/pending?limit=500"_s).status, 400);
        // Nothing of the above changed the approval.
        QCOMPARE(http().get(u"/api/approvals/"_s + id).data().value(u"status"_s).toString(),
                 u"pending"_s);
    }

    void approvalsSurviveARestart()
    {
        const QString id = createApproval({u"alice@example.com"_s});
        QVERIFY(respond(u"alice@example.com"_s, id, u"approved"_s).status == 200);
        const QString open = createApproval({u"bob@example.com"_s});
        m_fixture->restart();
        QVERIFY(m_fixture->isValid());
        QCOMPARE(http().get(u"/api/approvals/"_s + id).data().value(u"status"_s).toString(),
                 u"approved"_s);
        QCOMPARE(http().get(u"/api/approvals/"_s + open).data().value(u"status"_s).toString(),
                 u"pending"_s);
        QCOMPARE(pendingFor(u"bob@example.com"_s), QStringList{open});
    }
};

QTEST_GUILESS_MAIN(TestApprovalsApi)
#include "tst_approvalsapi.moc"
