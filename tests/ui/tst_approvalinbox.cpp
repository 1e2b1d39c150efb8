// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/approvalservice.h"
#include "core/timestamps.h"
#include "tests/support/futures.h"
#include "tests/support/scriptedengine.h"
#include "ui/approvalinbox.h"

#include <QDir>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::Approval;
using Core::ApprovalDecision;
using Core::ApprovalStatus;
using Core::ApprovalType;

class TestApprovalInbox final : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::ScriptedEngine> m_fixture;
    Core::AttemptId m_attempt;

    Core::Engine &engine() { return *m_fixture->engine; }

    std::optional<Approval> request(ApprovalType type,
                                    const QString &title,
                                    const QStringList &approvers = {},
                                    const QDateTime &expiresAt = {},
                                    const QJsonObject &metadata = {})
    {
        Core::NewApproval input;
        input.attemptId = m_attempt;
        input.type = type;
        input.title = title;
        input.approvers = approvers;
        input.expiresAt = expiresAt;
        input.metadata = metadata;
        auto created = Test::await(engine().approvals().create(input, u"lead@example.com"_s));
        if (!created || !*created)
            return std::nullopt;
        return **created;
    }

    std::optional<Approval> stored(const Core::ApprovalId &id)
    {
        auto found = Test::await(engine().approvals().get(id));
        if (!found || !*found)
            return std::nullopt;
        return **found;
    }

private Q_SLOTS:
    void init()
    {
        const QJsonObject profiles{{u"scripted"_s,
                                    QJsonObject{{u"binary"_s, u"/bin/sh"_s},
                                                {u"args"_s, QJsonArray{u"-c"_s, u"echo done"_s}},
                                                {u"logFormat"_s, u"plain"_s}}}};
        m_fixture = Test::ScriptedEngine::open(profiles);
        QVERIFY(m_fixture);
        const auto attempt = m_fixture->finishedAttempt(u"Ship the login page"_s, u"scripted"_s);
        QVERIFY(attempt);
        m_attempt = attempt->id;
    }

    void cleanup() { m_fixture.reset(); }

    void listsWhatWaitsForTheDesktopUserAndAnnouncesNewOnes()
    {
        const QString me = engine().desktopIdentity();
        const auto open
            = request(ApprovalType::Merge,
                      u"Merge the login page"_s,
                      {},
                      {},
                      {{u"filesChanged"_s, 4}, {u"linesAdded"_s, 120}, {u"linesRemoved"_s, 8}});
        const auto someoneElses = request(ApprovalType::Custom,
                                          u"Not for the desk"_s,
                                          {u"other@example.com"_s});
        QVERIFY(open && someoneElses);

        Gui::ApprovalInbox inbox(engine());
        QSignalSpy arrived(&inbox, &Gui::ApprovalInbox::approvalArrived);
        QTRY_COMPARE(inbox.pendingCount(), 1);
        QCOMPARE(inbox.pending().first().id, open->id);

        const auto deploy = request(ApprovalType::Deploy,
                                    u"Deploy to staging"_s,
                                    {me, u"ops@example.com"_s},
                                    Core::nowUtc().addSecs(150));
        QVERIFY(deploy);
        QTRY_COMPARE(inbox.pendingCount(), 2);
        QCOMPARE(arrived.size(), 1); // the one listed at start is not news
        QCOMPARE(arrived.first().first().value<Approval>().id, deploy->id);
        QCOMPARE(inbox.pending().first().id, deploy->id); // newest first

        inbox.select(deploy->id);
        QVERIFY2(inbox.detailsText().contains(u"expires in 2:"_s), qPrintable(inbox.detailsText()));
        QVERIFY(inbox.detailsText().contains(u"ops@example.com"_s));
        QVERIFY(inbox.detailsText().contains(u"Ship the login page"_s) || QTest::qWaitFor([&] {
                    return inbox.detailsText().contains(u"Ship the login page"_s);
                }));
    }

    void answersWithACommentAndLetsGoOfWhatOthersDecide()
    {
        const auto merge = request(ApprovalType::Merge, u"Merge it"_s);
        const auto custom = request(ApprovalType::Custom, u"Rename the module"_s);
        QVERIFY(merge && custom);
        Gui::ApprovalInbox inbox(engine());
        inbox.resize(900, 500);
        inbox.show();
        QTRY_COMPARE(inbox.pendingCount(), 2);

        inbox.select(merge->id);
        auto *comment = inbox.findChild<QLineEdit *>();
        QVERIFY(comment);
        comment->setText(u"Looks right"_s);
        QPushButton *approve = nullptr;
        for (QPushButton *button : inbox.findChildren<QPushButton *>()) {
            if (button->text().remove(u'&') == u"Approve"_s)
                approve = button;
        }
        QVERIFY(approve);
        approve->click();
        QTRY_COMPARE(inbox.pendingCount(), 1);
        const auto answered = stored(merge->id);
        QVERIFY(answered);
        QCOMPARE(answered->status, ApprovalStatus::Approved);
        QCOMPARE(answered->responses.size(), 1);
        QCOMPARE(answered->responses.first().comment.value_or(QString()), u"Looks right"_s);
        QCOMPARE(answered->responses.first().approver, engine().desktopIdentity());

        // Cancelled elsewhere (the API): it leaves the inbox.
        QVERIFY(Test::await(engine().approvals().cancel(custom->id, u"lead@example.com"_s)));
        QTRY_COMPARE(inbox.pendingCount(), 0);
    }

    void anApprovalThatExpiresLeaves()
    {
        const auto soon = request(ApprovalType::Deploy,
                                  u"Deploy now or never"_s,
                                  {},
                                  Core::nowUtc().addMSecs(1500));
        QVERIFY(soon);
        Gui::ApprovalInbox inbox(engine());
        QTRY_COMPARE(inbox.pendingCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(inbox.pendingCount(), 0, 5000);
        QCOMPARE(stored(soon->id)->status, ApprovalStatus::Expired);
    }

    void anAnswerThatComesTooLateIsExplained()
    {
        const auto custom = request(ApprovalType::Custom, u"Rewrite history"_s);
        QVERIFY(custom);
        Gui::ApprovalInbox inbox(engine());
        QTRY_COMPARE(inbox.pendingCount(), 1);
        inbox.select(custom->id);
        // Cancelled while the desk answers: the answer is refused, and the user is told why.
        (void) engine().approvals().cancel(custom->id, u"lead@example.com"_s);
        inbox.respond(ApprovalDecision::Rejected);
        QTRY_VERIFY(!inbox.errorText().isEmpty());
        QVERIFY2(inbox.errorText().contains(u"cancelled"_s), qPrintable(inbox.errorText()));
        QTRY_COMPARE(inbox.pendingCount(), 0);
        QCOMPARE(stored(custom->id)->status, ApprovalStatus::Cancelled);
    }

    void screenshot()
    {
        const QString dir = qEnvironmentVariable("FORGEDESK_SCREENSHOTS");
        if (dir.isEmpty())
            QSKIP("set FORGEDESK_SCREENSHOTS to a directory to write docs/screenshots/inbox.png");
        const QString me = engine().desktopIdentity();
        QVERIFY(request(ApprovalType::Merge,
                        u"Merge “Add OAuth login” into main"_s,
                        {},
                        {},
                        {{u"filesChanged"_s, 8},
                         {u"linesAdded"_s, 342},
                         {u"linesRemoved"_s, 27},
                         {u"targetBranch"_s, u"main"_s}}));
        QVERIFY(request(ApprovalType::Deploy,
                        u"Deploy release 2.4 to staging"_s,
                        {me, u"ops@example.com"_s},
                        Core::nowUtc().addSecs(25 * 60)));
        QVERIFY(request(ApprovalType::ToolUse,
                        u"Bash: npm install jsonwebtoken"_s,
                        {},
                        Core::nowUtc().addSecs(3540),
                        {{u"toolName"_s, u"Bash"_s},
                         {u"toolInput"_s,
                          QJsonObject{{u"command"_s, u"npm install jsonwebtoken"_s},
                                      {u"description"_s, u"Add the JWT library"_s}}}}));
        Gui::ApprovalInbox inbox(engine());
        inbox.resize(1000, 560);
        inbox.show();
        QTRY_COMPARE(inbox.pendingCount(), 3);
        inbox.select(inbox.pending().first().id);
        QTest::qWait(200);
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(inbox.grab().save(QDir(dir).filePath(u"inbox.png"_s)));
    }
};

QTEST_MAIN(TestApprovalInbox)
#include "tst_approvalinbox.moc"
