// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/approvalservice.h"
#include "core/attemptservice.h"
#include "core/taskservice.h"
#include "tests/support/agentkit.h"
#include "tests/support/futures.h"
#include "tests/support/scriptedengine.h"
#include "ui/approvalinbox.h"
#include "ui/boardmodel.h"
#include "ui/diffdocument.h"
#include "ui/diffview.h"
#include "ui/logmodel.h"
#include "ui/logview.h"
#include "ui/mainwindow.h"
#include "ui/taskcolumnmodel.h"
#include "ui/taskpanel.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

/// The whole window around one real run: the real Claude Code CLI against the mock model, from
/// the board to the merged change, only through what a person clicks.
class tst_DesktopRun final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Window settings (the merge strategy, the last project) go to a scratch place.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    }

    void aTaskGoesFromTheBoardToAMergedChange()
    {
        if (Test::agentBinDirectory().isEmpty()
            || !QFile::exists(Test::agentBinDirectory() + u"/claude"_s))
            QSKIP("the agent CLIs are not installed (scripts/install-agents)");
        Test::MockModel mock(Test::MockModel::Api::Anthropic, u"logview_session.json"_s);
        QVERIFY(mock.isRunning());
        Test::AgentEnvironment environment(mock);
        auto f = Test::ScriptedEngine::open({});
        QVERIFY(f);
        Core::NewTask input;
        input.projectId = f->project.id;
        input.title = u"Split the fields of a line"_s;
        const auto created = Test::await(f->engine->tasks().create(input));
        QVERIFY(created && *created);
        const Core::Task task = **created;

        Gui::MainWindow window(*f->engine);
        window.resize(1400, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *board = window.findChild<Gui::BoardModel *>();
        QTRY_COMPARE(board->column(Core::TaskStatus::Todo)->rowCount(), 1);

        // Open the card, choose Claude Code, start.
        window.openTask(task);
        Gui::TaskPanel *panel = window.taskPanel();
        QVERIFY(panel->isVisible());
        auto *agent = panel->findChild<QComboBox *>(u"attemptAgent"_s);
        agent->setCurrentText(u"claude"_s);
        QCOMPARE(agent->currentText(), u"claude"_s);
        panel->findChild<QPushButton *>(u"startAttempt"_s)->click();
        QTRY_COMPARE(panel->attempts().size(), 1);
        const Core::AttemptId id = panel->attempts().first().id;

        // The log fills while the agent works; the card shows it runs.
        auto *log = panel->findChild<Gui::LogView *>(u"attemptLog"_s);
        QTRY_VERIFY_WITH_TIMEOUT(log->model()->rowCount() > 5, 60000);
        // The tray's menu lists the running attempt (it may be done already: then it left).
        const auto trayLists = [&window] {
            const QList<QAction *> actions = window.trayMenu()->actions();
            return std::any_of(actions.cbegin(), actions.cend(), [](const QAction *action) {
                return action->text() == u"Split the fields of a line · claude"_s;
            });
        };
        QVERIFY(trayLists() || !f->engine->attempts().isActive(id));
        const auto done = f->waitFinished(id, 90000);
        QVERIFY(done);
        QCOMPARE(done->status, Core::AttemptStatus::Completed);
        QTRY_VERIFY(!trayLists());
        QCOMPARE(window.lastNotification(), u"Attempt finished: Split the fields of a line"_s);
        QTRY_COMPARE(board->column(Core::TaskStatus::InReview)->rowCount(), 1);

        // Its changes are there to review, then merged with the button.
        auto *diff = panel->findChild<Gui::DiffView *>(u"attemptDiff"_s);
        panel->findChild<QTabWidget *>(u"attemptTabs"_s)->setCurrentWidget(diff);
        QTRY_COMPARE(diff->attemptId(), id);
        QTRY_VERIFY_WITH_TIMEOUT(!diff->isLoading() && diff->document().fileCount() == 1, 20000);
        auto *strategy = diff->findChild<QComboBox *>(u"diffMergeStrategy"_s);
        strategy->setCurrentIndex(0); // squash: one commit with all the changes
        auto *merge = diff->findChild<QPushButton *>(u"diffMerge"_s);
        QTRY_VERIFY(merge->isEnabled());
        merge->click();
        QTRY_COMPARE_WITH_TIMEOUT(board->column(Core::TaskStatus::Done)->rowCount(), 1, 20000);
        const QString merged = Test::git(f->repo.path(), {u"show"_s, u"main:fields.py"_s});
        QVERIFY2(merged.contains(u"def split_fields"_s), qPrintable(merged));

        const QString shots = qEnvironmentVariable("FORGEDESK_SCREENSHOTS");
        if (!shots.isEmpty()) {
            panel->findChild<QTabWidget *>(u"attemptTabs"_s)->setCurrentWidget(log);
            QTest::qWait(300);
            QVERIFY(QDir().mkpath(shots));
            QVERIFY(window.grab().save(QDir(shots).filePath(u"window.png"_s)));
        }
    }

    void anAgentsToolCallIsAnsweredFromTheInbox()
    {
        if (Test::agentBinDirectory().isEmpty()
            || !QFile::exists(Test::agentBinDirectory() + u"/claude"_s))
            QSKIP("the agent CLIs are not installed (scripts/install-agents)");
        Test::MockModel mock(Test::MockModel::Api::Anthropic, u"approval_write.json"_s);
        QVERIFY(mock.isRunning());
        Test::AgentEnvironment environment(mock);
        auto f = Test::ScriptedEngine::open({});
        QVERIFY(f);
        Core::NewTask input;
        input.projectId = f->project.id;
        input.title = u"Write approved.txt"_s;
        const auto created = Test::await(f->engine->tasks().create(input));
        QVERIFY(created && *created);

        Gui::MainWindow window(*f->engine);
        window.resize(1400, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openTask(**created);
        Gui::TaskPanel *panel = window.taskPanel();
        panel->findChild<QComboBox *>(u"attemptAgent"_s)->setCurrentText(u"claude"_s);
        auto *variant = panel->findChild<QComboBox *>(u"attemptVariant"_s);
        variant->setCurrentIndex(variant->findData(u"APPROVALS"_s));
        QVERIFY(variant->currentIndex() > 0);
        panel->findChild<QPushButton *>(u"startAttempt"_s)->click();
        QTRY_COMPARE(panel->attempts().size(), 1);
        const Core::AttemptId id = panel->attempts().first().id;

        // The agent asks before it writes: the inbox has it, and says so.
        Gui::ApprovalInbox *inbox = window.inbox();
        QTRY_COMPARE_WITH_TIMEOUT(inbox->pendingCount(), 1, 60000);
        QVERIFY(window.lastNotification().startsWith(u"Approval needed"_s));
        QVERIFY(window.findChild<QAction *>(u"actionInbox"_s)->text().contains(u"(1)"_s));
        window.showInbox();
        const Core::Approval asked = inbox->pending().first();
        QCOMPARE(asked.type, Core::ApprovalType::ToolUse);
        QCOMPARE(asked.attemptId, id);
        inbox->select(asked.id);
        QVERIFY(inbox->detailsText().contains(u"approved.txt"_s));
        inbox->findChild<QLineEdit *>()->setText(u"go ahead"_s);
        QPushButton *approve = nullptr;
        for (QPushButton *button : inbox->findChildren<QPushButton *>()) {
            if (button->text().remove(u'&') == u"Approve"_s)
                approve = button;
        }
        QVERIFY(approve);
        approve->click();
        QTRY_COMPARE(inbox->pendingCount(), 0);

        const auto done = f->waitFinished(id, 90000);
        QVERIFY(done);
        QCOMPARE(done->status, Core::AttemptStatus::Completed);
        QFile written(QDir(done->worktreePath).filePath(u"approved.txt"_s));
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), "written after approval\n");
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(tst_DesktopRun)
#include "tst_desktoprun.moc"
