// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/timestamps.h"
#include "tests/support/serverfixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using Test::HttpReply;

// A helper that failed has already recorded why; the test stops there.
#define TRY(call) \
    do { \
        call; \
        if (QTest::currentTestFailed()) \
            return; \
    } while (false)

/// Seed 000 over HTTP, with a real engine whose agent is a real CLI (/bin/sh): it appends each
/// prompt it gets to prompts.txt in its worktree, and fails on a prompt that says "fail".
class TestDraftsApi final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ServerFixture> m_fixture;
    QString m_project;
    QString m_task;
    QString m_attempt;
    QString m_worktree;

    Test::HttpClient &http() { return *m_fixture->http; }
    QString base() const { return u"/api/task-attempts/"_s + m_attempt; }

    QJsonObject attempt(const QString &id) { return http().get(u"/api/attempts/"_s + id).data(); }

    /// Waits until the attempt is idle (ended, chain over) with at least processes processes.
    void waitIdle(const QString &id, int processes)
    {
        const bool idle = QTest::qWaitFor(
            [&] {
                const QString status = attempt(id).value(u"status"_s).toString();
                if (status == "running"_L1 || status == "created"_L1)
                    return false;
                const HttpReply list = http().get(u"/api/processes?attemptId="_s + id
                                                  + u"&kind=agent&limit=100"_s);
                int ended = 0;
                for (const QJsonValue &p : list.dataArray()) {
                    const QString s = p.toObject().value(u"status"_s).toString();
                    if (s != "running"_L1 && s != "pending"_L1)
                        ++ended;
                }
                return ended >= processes;
            },
            60'000);
        QVERIFY2(idle, qPrintable(attempt(id).value(u"status"_s).toString()));
    }

    QString prompts() const
    {
        QFile file(m_worktree + u"/prompts.txt"_s);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    void startAttempt()
    {
        const HttpReply created = http().post(u"/api/attempts"_s,
                                              {{u"taskId"_s, m_task}, {u"llm"_s, u"scripted"_s}});
        QCOMPARE(created.status, 201);
        m_attempt = created.data().value(u"id"_s).toString();
        QCOMPARE(http().post(u"/api/attempts/"_s + m_attempt + u"/start"_s, {}).status, 200);
        TRY(waitIdle(m_attempt, 1));
        m_worktree = attempt(m_attempt).value(u"worktreePath"_s).toString();
        QVERIFY(prompts().contains(u"Draft work"_s));
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<Test::ServerFixture>();
        QVERIFY(m_fixture->isValid());
        const QJsonObject scripted{
            {u"binary"_s, u"/bin/sh"_s},
            {u"args"_s,
             QJsonArray{u"-c"_s,
                        u"printf '%s\\n' \"$1\" >> prompts.txt; case \"$1\" in *fail*) exit 3;; "
                        "esac"_s,
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
        m_project = m_fixture->createProject();
        m_task = http()
                     .post(u"/api/tasks"_s,
                           {{u"projectId"_s, m_project}, {u"title"_s, u"Draft work"_s}})
                     .data()
                     .value(u"id"_s)
                     .toString();
        TRY(startAttempt());
    }

    void cleanup() { m_fixture.reset(); }

    void draftsAreSavedReadChangedAndDeleted()
    {
        const HttpReply saved = http().post(base() + u"/drafts"_s,
                                            {{u"content"_s, u"Add unit tests"_s},
                                             {u"type"_s, u"follow_up"_s},
                                             {u"metadata"_s,
                                              QJsonObject{{u"priority"_s, u"high"_s}}}});
        QCOMPARE(saved.status, 201);
        const QJsonObject draft = saved.data();
        const QString id = draft.value(u"id"_s).toString();
        QVERIFY(id.startsWith(u"draft_"_s));
        QCOMPARE(draft.value(u"taskAttemptId"_s).toString(), m_attempt);
        QCOMPARE(draft.value(u"content"_s).toString(), u"Add unit tests"_s);
        QCOMPARE(draft.value(u"type"_s).toString(), u"follow_up"_s);
        QCOMPARE(draft.value(u"metadata"_s).toObject().value(u"priority"_s).toString(), u"high"_s);
        QCOMPARE(draft.value(u"status"_s).toString(), u"draft"_s);
        QCOMPARE(draft.value(u"version"_s).toInt(), 1);
        QVERIFY(!draft.value(u"createdAt"_s).toString().isEmpty());
        QCOMPARE(saved.headers.value("etag"), "\"1\""_ba);

        QCOMPARE(http().get(base() + u"/drafts/"_s + id).data().value(u"content"_s).toString(),
                 u"Add unit tests"_s);
        QCOMPARE(http().get(base() + u"/drafts"_s).dataArray().size(), 1);
        QCOMPARE(http().get(base() + u"/drafts?type=retry"_s).dataArray().size(), 0);

        // Two editors start from version 1: the first wins, the second is told, not lost.
        const HttpReply noVersion = http().patch(base() + u"/drafts/"_s + id,
                                                 {{u"content"_s, u"blind"_s}});
        QCOMPARE(noVersion.status, 400);
        const HttpReply first = http().patch(base() + u"/drafts/"_s + id,
                                             {{u"content"_s, u"Add unit tests for auth"_s},
                                              {u"version"_s, 1}});
        QCOMPARE(first.status, 200);
        QCOMPARE(first.data().value(u"version"_s).toInt(), 2);
        const HttpReply second = http().patch(base() + u"/drafts/"_s + id,
                                              {{u"content"_s, u"Something else"_s},
                                               {u"version"_s, 1}});
        QCOMPARE(second.status, 409);
        QCOMPARE(second.json()
                     .value(u"error"_s)
                     .toObject()
                     .value(u"details"_s)
                     .toObject()
                     .value(u"currentVersion"_s)
                     .toInt(),
                 2);
        QCOMPARE(http().get(base() + u"/drafts/"_s + id).data().value(u"content"_s).toString(),
                 u"Add unit tests for auth"_s);
        const HttpReply ifMatch
            = http().send("PATCH",
                          base() + u"/drafts/"_s + id,
                          QJsonDocument(
                              QJsonObject{{u"metadata"_s, QJsonObject{{u"priority"_s, u"low"_s}}}})
                              .toJson(QJsonDocument::Compact),
                          {{"If-Match"_ba, "\"2\""_ba}});
        QCOMPARE(ifMatch.status, 200);
        QCOMPARE(ifMatch.data().value(u"version"_s).toInt(), 3);

        const HttpReply deleted = http().del(base() + u"/drafts/"_s + id);
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.data().value(u"deleted"_s).toBool(), true);
        QCOMPARE(deleted.data().value(u"draftId"_s).toString(), id);
        QCOMPARE(http().get(base() + u"/drafts/"_s + id).status, 404);
        QCOMPARE(http().del(base() + u"/drafts/"_s + id).status, 404);
    }

    void badDraftRequestsAreNamed()
    {
        const QList<std::pair<QJsonObject, QString>> cases{
            {{{u"type"_s, u"follow_up"_s}}, u"content"_s},
            {{{u"content"_s, u"x"_s}}, u"type"_s},
            {{{u"content"_s, u"x"_s}, {u"type"_s, u"later"_s}}, u"type"_s},
            {{{u"content"_s, u"  "_s}, {u"type"_s, u"follow_up"_s}}, u"content"_s},
            {{{u"content"_s, u"x"_s}, {u"type"_s, u"follow_up"_s}, {u"metadata"_s, 3}},
             u"metadata"_s},
            {{{u"content"_s, 5}, {u"type"_s, u"follow_up"_s}}, u"content"_s},
        };
        for (const auto &[body, field] : cases) {
            const HttpReply reply = http().post(base() + u"/drafts"_s, body);
            QVERIFY2(reply.status == 400, reply.body.constData());
            QCOMPARE(reply.json()
                         .value(u"error"_s)
                         .toObject()
                         .value(u"details"_s)
                         .toObject()
                         .value(u"field"_s),
                     field);
        }
        const HttpReply followUp = http().post(base() + u"/follow-up-draft"_s,
                                               {{u"prompt"_s, u"x"_s}, {u"sendAfter"_s, u"soon"_s}});
        QCOMPARE(followUp.status, 400);
        QCOMPARE(http().post(base() + u"/follow-up-queue"_s, {{u"queue"_s, QJsonArray{}}}).status,
                 400);
        QCOMPARE(http()
                     .post(base() + u"/follow-up-queue"_s,
                           {{u"queue"_s, QJsonArray{QJsonObject{{u"order"_s, 1}}}}})
                     .status,
                 400);
        QCOMPARE(http()
                     .post(base() + u"/draft-queue"_s,
                           {{u"queue"_s, QJsonArray{QJsonObject{{u"title"_s, 1}}}}})
                     .status,
                 400);
        QCOMPARE(http()
                     .post(u"/api/task-attempts/attempt_missing/drafts"_s,
                           {{u"content"_s, u"x"_s}, {u"type"_s, u"follow_up"_s}})
                     .status,
                 404);
        QCOMPARE(http().get(u"/api/task-attempts/attempt_missing/follow-up-queue"_s).status, 404);
        // A draft is found only through its own attempt and kind.
        const QString id = http()
                               .post(base() + u"/follow-up-draft"_s, {{u"prompt"_s, u"kept"_s}})
                               .data()
                               .value(u"id"_s)
                               .toString();
        QCOMPARE(http().del(base() + u"/retry-follow-up-draft/"_s + id).status, 404);
        QCOMPARE(http().get(u"/api/task-attempts/attempt_other/drafts/"_s + id).status, 404);
        QCOMPARE(http().get(base() + u"/drafts/"_s + id).status, 200);
    }

    void aScheduledFollowUpIsSentAfterARestart()
    {
        const QString sendAfter = Core::toTimestamp(Core::nowUtc().addSecs(4));
        const HttpReply saved = http().post(base() + u"/follow-up-draft"_s,
                                            {{u"prompt"_s, u"Scheduled follow-up"_s},
                                             {u"autoSend"_s, false},
                                             {u"sendAfter"_s, sendAfter}});
        QCOMPARE(saved.status, 201);
        const QString id = saved.data().value(u"id"_s).toString();
        QCOMPARE(saved.data().value(u"status"_s).toString(), u"scheduled"_s);
        QCOMPARE(saved.data().value(u"prompt"_s).toString(), u"Scheduled follow-up"_s);
        QCOMPARE(saved.data().value(u"sendAfter"_s).toString(), sendAfter);
        QCOMPARE(saved.data().value(u"autoSend"_s).toBool(), false);

        m_fixture->restart();
        QVERIFY(m_fixture->isValid());
        QCOMPARE(http().get(base() + u"/drafts/"_s + id).data().value(u"status"_s).toString(),
                 u"scheduled"_s);
        QVERIFY(!prompts().contains(u"Scheduled follow-up"_s));
        QTRY_COMPARE_WITH_TIMEOUT(
            http().get(base() + u"/drafts/"_s + id).data().value(u"status"_s).toString(),
            u"sent"_s,
            30'000);
        const QJsonObject sent = http().get(base() + u"/drafts/"_s + id).data();
        QVERIFY(sent.value(u"processId"_s).toString().startsWith(u"proc_"_s));
        QVERIFY(Core::fromTimestamp(sent.value(u"sentAt"_s).toString())
                >= Core::fromTimestamp(sendAfter));
        TRY(waitIdle(m_attempt, 2));
        QVERIFY2(prompts().contains(u"Scheduled follow-up"_s), qPrintable(prompts()));
    }

    void anAutoSendDraftGoesWhenTheAttemptIsIdle()
    {
        const HttpReply saved = http().post(base() + u"/follow-up-draft"_s,
                                            {{u"prompt"_s, u"Right away"_s}, {u"autoSend"_s, true}});
        QCOMPARE(saved.status, 201);
        const QString id = saved.data().value(u"id"_s).toString();
        QTRY_COMPARE_WITH_TIMEOUT(
            http().get(base() + u"/drafts/"_s + id).data().value(u"status"_s).toString(),
            u"sent"_s,
            30'000);
        TRY(waitIdle(m_attempt, 2));
        QVERIFY(prompts().contains(u"Right away"_s));
        // Sent is final: it can neither be sent again nor changed.
        QCOMPARE(http().post(base() + u"/drafts/"_s + id + u"/send"_s, {}).status, 409);
        QCOMPARE(http()
                     .patch(base() + u"/drafts/"_s + id,
                            {{u"content"_s, u"again"_s},
                             {u"version"_s,
                              http().get(base() + u"/drafts/"_s + id).data().value(u"version"_s)}})
                     .status,
                 409);
    }

    void aQueueStopsAtItsFailingItem()
    {
        const HttpReply set = http().post(
            base() + u"/follow-up-queue"_s,
            {{u"queue"_s,
              QJsonArray{QJsonObject{{u"prompt"_s, u"Third: never"_s}, {u"order"_s, 3}},
                         QJsonObject{{u"prompt"_s, u"First: validation"_s}, {u"order"_s, 1}},
                         QJsonObject{{u"prompt"_s, u"Second: please fail"_s}, {u"order"_s, 2}}}},
             {u"autoExecute"_s, true}});
        QCOMPARE(set.status, 201);
        const QJsonArray items = set.data().value(u"queue"_s).toArray();
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(0).toObject().value(u"prompt"_s).toString(), u"First: validation"_s);
        QVERIFY(items.at(0).toObject().value(u"id"_s).toString().startsWith(u"queue_item_"_s));
        QCOMPARE(set.data().value(u"autoExecute"_s).toBool(), true);

        QTRY_COMPARE_WITH_TIMEOUT(
            http().get(base() + u"/follow-up-queue"_s).data().value(u"status"_s).toString(),
            u"stopped"_s,
            60'000);
        const QJsonObject queue = http().get(base() + u"/follow-up-queue"_s).data();
        const QJsonArray after = queue.value(u"queue"_s).toArray();
        QCOMPARE(after.at(0).toObject().value(u"status"_s).toString(), u"completed"_s);
        QCOMPARE(after.at(1).toObject().value(u"status"_s).toString(), u"failed"_s);
        QCOMPARE(after.at(2).toObject().value(u"status"_s).toString(), u"pending"_s);
        QVERIFY2(queue.value(u"error"_s)
                     .toString()
                     .contains(after.at(1).toObject().value(u"id"_s).toString()),
                 qPrintable(queue.value(u"error"_s).toString()));
        TRY(waitIdle(m_attempt, 3));
        QVERIFY(prompts().contains(u"First: validation"_s));
        QVERIFY(prompts().contains(u"Second: please fail"_s));
        QVERIFY(!prompts().contains(u"Third: never"_s));

        // Resumed by hand, the last item runs.
        const HttpReply next = http().post(base() + u"/follow-up-queue/next"_s, {});
        QCOMPARE(next.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(http()
                                      .get(base() + u"/follow-up-queue"_s)
                                      .data()
                                      .value(u"queue"_s)
                                      .toArray()
                                      .at(2)
                                      .toObject()
                                      .value(u"status"_s)
                                      .toString(),
                                  u"completed"_s,
                                  60'000);
        QTRY_VERIFY(prompts().contains(u"Third: never"_s));
        QCOMPARE(http().post(base() + u"/follow-up-queue/next"_s, {}).status, 409);
        QCOMPARE(http().del(base() + u"/follow-up-queue"_s).status, 200);
        QCOMPARE(http().get(base() + u"/follow-up-queue"_s).data().value(u"queue"_s).toArray().size(),
                 0);
    }

    void aRetryDraftStartsANewAttempt()
    {
        const HttpReply saved
            = http().post(base() + u"/retry-follow-up-draft"_s,
                          {{u"originalPrompt"_s, u"Implement authentication"_s},
                           {u"retryPrompt"_s, u"Implement authentication using JWT"_s},
                           {u"retryReason"_s,
                            u"Initial attempt didn't include refresh token logic"_s}});
        QCOMPARE(saved.status, 201);
        const QJsonObject draft = saved.data();
        QCOMPARE(draft.value(u"originalPrompt"_s).toString(), u"Implement authentication"_s);
        QCOMPARE(draft.value(u"retryPrompt"_s).toString(), u"Implement authentication using JWT"_s);
        QCOMPARE(draft.value(u"retryReason"_s).toString(),
                 u"Initial attempt didn't include refresh token logic"_s);
        const QString id = draft.value(u"id"_s).toString();
        QCOMPARE(http().get(base() + u"/retry-follow-up-draft"_s).dataArray().size(), 1);

        const HttpReply sent = http().post(base() + u"/drafts/"_s + id + u"/send"_s, {});
        QVERIFY2(sent.status == 200, sent.body.constData());
        const QString retry = sent.data().value(u"retryAttemptId"_s).toString();
        QVERIFY(retry.startsWith(u"attempt_"_s));
        QVERIFY(retry != m_attempt);
        const QJsonObject again = attempt(retry);
        QCOMPARE(again.value(u"taskId"_s).toString(), m_task);
        QVERIFY(again.value(u"description"_s).toString().contains(u"refresh token logic"_s));
        TRY(waitIdle(retry, 1));
        QCOMPARE(attempt(retry).value(u"status"_s).toString(), u"completed"_s);

        const QString other = http()
                                  .post(base() + u"/retry-follow-up-draft"_s,
                                        {{u"retryPrompt"_s, u"Something"_s}})
                                  .data()
                                  .value(u"id"_s)
                                  .toString();
        QCOMPARE(http().del(base() + u"/retry-follow-up-draft/"_s + other).status, 200);
        QCOMPARE(http()
                     .post(base() + u"/retry-follow-up-draft"_s, {{u"retryReason"_s, u"x"_s}})
                     .status,
                 400);
    }

    void aDraftQueueBecomesTasksInOrder()
    {
        const HttpReply set
            = http().post(base() + u"/draft-queue"_s,
                          {{u"queue"_s,
                            QJsonArray{QJsonObject{{u"title"_s, u"Implement user login"_s},
                                                   {u"description"_s, u"JWT"_s},
                                                   {u"order"_s, 2}},
                                       QJsonObject{{u"title"_s, u"Implement user registration"_s},
                                                   {u"description"_s, u"Email validation"_s},
                                                   {u"order"_s, 1}}}}});
        QCOMPARE(set.status, 201);
        QCOMPARE(set.data().value(u"projectId"_s).toString(), m_project);
        const QJsonArray queued = set.data().value(u"queue"_s).toArray();
        QCOMPARE(queued.at(0).toObject().value(u"title"_s).toString(),
                 u"Implement user registration"_s);
        QCOMPARE(queued.at(0).toObject().value(u"status"_s).toString(), u"queued"_s);
        QVERIFY(queued.at(0).toObject().value(u"id"_s).toString().startsWith(u"queue_draft_"_s));

        QTRY_COMPARE_WITH_TIMEOUT(http()
                                      .get(base() + u"/draft-queue"_s)
                                      .data()
                                      .value(u"queue"_s)
                                      .toArray()
                                      .at(1)
                                      .toObject()
                                      .value(u"status"_s)
                                      .toString(),
                                  u"created"_s,
                                  20'000);
        const QJsonArray created
            = http().get(base() + u"/draft-queue"_s).data().value(u"queue"_s).toArray();
        const QJsonObject first = http()
                                      .get(u"/api/tasks/"_s
                                           + created.at(0).toObject().value(u"taskId"_s).toString())
                                      .data();
        const QJsonObject second
            = http()
                  .get(u"/api/tasks/"_s + created.at(1).toObject().value(u"taskId"_s).toString())
                  .data();
        QCOMPARE(first.value(u"title"_s).toString(), u"Implement user registration"_s);
        QCOMPARE(first.value(u"description"_s).toString(), u"Email validation"_s);
        QCOMPARE(first.value(u"parentAttemptId"_s).toString(), m_attempt);
        QCOMPARE(second.value(u"title"_s).toString(), u"Implement user login"_s);
        QVERIFY(Core::fromTimestamp(first.value(u"createdAt"_s).toString())
                <= Core::fromTimestamp(second.value(u"createdAt"_s).toString()));
        QCOMPARE(http().get(u"/api/tasks?parentAttemptId="_s + m_attempt).dataArray().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDraftsApi)
#include "tst_draftsapi.moc"
