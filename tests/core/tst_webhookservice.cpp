// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/webhookservice.h"
#include "tests/support/futures.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Core;

/// Webhook subscriptions at the core, on a real engine: checked before anything is stored,
/// kept across a restart, and every change announced once it is committed.
class TestWebhookService final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<Engine> m_engine;
    QList<WebhookEvent> m_events;

    WebhookService &webhooks() const { return m_engine->webhooks(); }

    template<typename T>
    Result<T> settle(Future<Result<T>> future)
    {
        auto result = Test::await(future);
        return result ? *result : fail(Error::internal(u"timeout"_s));
    }

    bool openEngine()
    {
        auto engine = Engine::open(m_dataDir->path());
        if (!engine)
            return false;
        m_engine = std::move(*engine);
        connect(&m_engine->events(), &EventBus::published, this, [this](const Event &event) {
            if (const auto *webhook = std::get_if<WebhookEvent>(&event))
                m_events.append(*webhook);
        });
        return true;
    }

private Q_SLOTS:
    void init()
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dataDir->isValid());
        QVERIFY(openEngine());
        m_events.clear();
    }

    void cleanup()
    {
        m_engine.reset();
        m_dataDir.reset();
    }

    void createRefusesBadValuesNamingTheField_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("events");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("field");
        const QStringList some{u"task.created"_s};
        QTest::newRow("no url") << QString() << some << QString() << u"url"_s;
        QTest::newRow("ftp") << u"ftp://127.0.0.1/x"_s << some << QString() << u"url"_s;
        QTest::newRow("no host") << u"http://"_s << some << QString() << u"url"_s;
        QTest::newRow("no events")
            << u"http://127.0.0.1:9/x"_s << QStringList() << QString() << u"events"_s;
        QTest::newRow("unknown event")
            << u"http://127.0.0.1:9/x"_s << QStringList{u"task.exploded"_s} << QString()
            << u"events"_s;
        QTest::newRow("long secret")
            << u"http://127.0.0.1:9/x"_s << some << QString(257, u'x') << u"secret"_s;
    }

    void createRefusesBadValuesNamingTheField()
    {
        QFETCH(QString, url);
        QFETCH(QStringList, events);
        QFETCH(QString, secret);
        QFETCH(QString, field);
        const auto created = settle(webhooks().create(url, events, secret));
        QVERIFY(!created);
        QCOMPARE(created.error().code, ErrorCode::Validation);
        QCOMPARE(created.error().field(), field);
        const auto all = settle(webhooks().list());
        QVERIFY(all);
        QVERIFY(all->isEmpty());
        QVERIFY(m_events.isEmpty());
    }

    void createStoresAndAnnounces()
    {
        const auto created = settle(
            webhooks().create(u"https://hooks.example.com/forge"_s,
                              {u"task.created"_s, u"attempt.failed"_s, u"task.created"_s},
                              u"hush"_s));
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        QVERIFY(created->id.toString().startsWith(u"webhook_"_s));
        QCOMPARE(created->events, (QStringList{u"task.created"_s, u"attempt.failed"_s}));
        QVERIFY(created->createdAt.isValid());

        // Announced once committed, secret included: the dispatcher signs with it.
        QCOMPARE(m_events.size(), 1);
        QCOMPARE(m_events.first().kind, ChangeKind::Created);
        QCOMPARE(m_events.first().webhook.id, created->id);
        QCOMPARE(m_events.first().webhook.secret, u"hush"_s);

        const auto found = settle(webhooks().get(created->id));
        QVERIFY(found);
        QCOMPARE(found->url, u"https://hooks.example.com/forge"_s);
        QCOMPARE(found->secret, u"hush"_s);
        QCOMPARE(found->events, created->events);

        QVERIFY(settle(webhooks().create(u"http://127.0.0.1:9/all"_s, {u"*"_s}, QString())));
        const auto all = settle(webhooks().list());
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->first().id, created->id); // oldest first
        QCOMPARE(all->last().url, u"http://127.0.0.1:9/all"_s);
    }

    void removeAnnouncesAndForgets()
    {
        const auto created = settle(
            webhooks().create(u"http://127.0.0.1:9/x"_s, {u"draft.created"_s}, QString()));
        QVERIFY(created);
        m_events.clear();

        const auto removed = settle(webhooks().remove(created->id));
        QVERIFY(removed);
        QCOMPARE(removed->url, u"http://127.0.0.1:9/x"_s);
        QCOMPARE(m_events.size(), 1);
        QCOMPARE(m_events.first().kind, ChangeKind::Deleted);
        QCOMPARE(m_events.first().webhook.id, created->id);

        const auto again = settle(webhooks().remove(created->id));
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::NotFound);
        QCOMPARE(m_events.size(), 1); // nothing changed, nothing announced
        const auto found = settle(webhooks().get(created->id));
        QVERIFY(!found);
        QCOMPARE(found.error().code, ErrorCode::NotFound);
        QVERIFY(settle(webhooks().list())->isEmpty());
    }

    void subscriptionsSurviveARestart()
    {
        const auto created = settle(
            webhooks().create(u"http://127.0.0.1:9/kept"_s, {u"approval.requested"_s}, u"k"_s));
        QVERIFY(created);
        m_engine.reset();
        QVERIFY(openEngine());
        const auto all = settle(webhooks().list());
        QVERIFY(all);
        QCOMPARE(all->size(), 1);
        QCOMPARE(all->first().id, created->id);
        QCOMPARE(all->first().secret, u"k"_s);
        QCOMPARE(all->first().events, QStringList{u"approval.requested"_s});
    }
};

QTEST_GUILESS_MAIN(TestWebhookService)
#include "tst_webhookservice.moc"
