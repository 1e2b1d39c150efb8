// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attemptservice.h"
#include "core/draftservice.h"
#include "core/projectservice.h"
#include "core/taskservice.h"
#include "tests/support/futures.h"
#include "tests/support/scriptedengine.h"
#include "ui/diffview.h"
#include "ui/logmodel.h"
#include "ui/logview.h"
#include "ui/taskpanel.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

/// The panel against a real engine whose agent is a shell script: it appends each prompt to
/// prompts.txt in its worktree, and waits while a file named "hold" exists there.
class TestTaskPanel final : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::ScriptedEngine> m_fixture;
    std::unique_ptr<Gui::TaskPanel> m_panel;
    Core::Task m_task;

    Core::Engine &engine() { return *m_fixture->engine; }

    QString prompts(const Core::AttemptId &id)
    {
        auto attempt = Test::await(engine().attempts().get(id));
        if (!attempt || !*attempt)
            return {};
        QFile file(QDir((*attempt)->worktreePath).filePath(u"prompts.txt"_s));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    QList<Core::FollowUpQueueItem> queueItems(const Core::AttemptId &id)
    {
        auto queue = Test::await(engine().drafts().queue(id));
        return queue && *queue ? (*queue)->items : QList<Core::FollowUpQueueItem>();
    }

    QList<Core::Draft> draftsOf(const Core::AttemptId &id)
    {
        auto drafts = Test::await(engine().drafts().list(id, std::nullopt));
        return drafts && *drafts ? **drafts : QList<Core::Draft>();
    }

    bool idle(const Core::AttemptId &id)
    {
        auto attempt = Test::await(engine().attempts().get(id));
        return attempt && *attempt && Core::isFinished((*attempt)->status)
               && !engine().attempts().isActive(id);
    }

private Q_SLOTS:
    void init()
    {
        const QString script
            = u"printf '%s\\n' \"$1\" >> prompts.txt; n=0;"
              " while [ -e hold ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n+1)); done"_s;
        const QJsonArray args{u"-c"_s, script, u"sh"_s, u"{prompt}"_s};
        const QJsonObject profiles{
            {u"scripted"_s,
             QJsonObject{{u"binary"_s, u"/bin/sh"_s},
                         {u"args"_s, args},
                         {u"followUpArgs"_s, args},
                         {u"logFormat"_s, u"plain"_s},
                         {u"variants"_s, QJsonObject{{u"FAST"_s, QJsonObject{}}}}}}};
        m_fixture = Test::ScriptedEngine::open(profiles);
        QVERIFY(m_fixture);
        Core::NewTask task;
        task.projectId = m_fixture->project.id;
        task.title = u"Add a health endpoint"_s;
        auto created = Test::await(engine().tasks().create(task));
        QVERIFY(created && *created);
        m_task = **created;
        m_panel = std::make_unique<Gui::TaskPanel>(engine());
        m_panel->resize(900, 700);
        m_panel->show();
        m_panel->showTask(m_task);
    }

    void cleanup()
    {
        m_panel.reset();
        m_fixture.reset();
    }

    void startsAnAttemptWithTheChosenAgentAndVariant()
    {
        auto *profile = m_panel->findChild<QComboBox *>(u"attemptAgent"_s);
        auto *variant = m_panel->findChild<QComboBox *>(u"attemptVariant"_s);
        QVERIFY(profile && variant);
        QVERIFY(profile->findText(u"claude"_s) >= 0); // the built-in agents are offered too
        profile->setCurrentText(u"scripted"_s);
        QCOMPARE(variant->count(), 2); // Default, FAST
        QCOMPARE(variant->itemText(1), u"FAST"_s);
        variant->setCurrentIndex(1);
        auto *start = m_panel->findChild<QPushButton *>(u"startAttempt"_s);
        QVERIFY(start->isEnabled()); // as soon as a task is shown
        start->click();
        QTRY_COMPARE(m_panel->attempts().size(), 1);
        const Core::Attempt attempt = m_panel->attempts().first();
        QCOMPARE(attempt.llm, u"scripted"_s);
        QCOMPARE(attempt.variant.value_or(QString()), u"FAST"_s);
        QCOMPARE(m_panel->currentAttemptId(), attempt.id);
        QTRY_VERIFY_WITH_TIMEOUT(idle(attempt.id), 20000);
        auto *list = m_panel->findChild<QTreeWidget *>(u"attemptList"_s);
        QTRY_COMPARE(list->topLevelItem(0)->text(1), u"Completed"_s);
        QVERIFY(list->topLevelItem(0)->text(0).contains(u"FAST"_s));
        QVERIFY(!list->topLevelItem(0)->text(2).isEmpty()); // a duration
        // The changes page follows the chosen attempt.
        auto *diff = m_panel->findChild<Gui::DiffView *>(u"attemptDiff"_s);
        QVERIFY(diff);
        QCOMPARE(diff->attemptId(), attempt.id);
        auto *log = m_panel->findChild<Gui::LogView *>(u"attemptLog"_s);
        QVERIFY(log);
        QCOMPARE(log->model()->attemptId(), attempt.id);
        QTRY_VERIFY(log->model()->rowCount() > 0); // the engine's own lines at least
    }

    void followUpsQueueAndDraftsReachTheAgent()
    {
        m_panel->startAttempt(u"scripted"_s, std::nullopt);
        QTRY_COMPARE(m_panel->attempts().size(), 1);
        const Core::AttemptId id = m_panel->attempts().first().id;
        QTRY_VERIFY_WITH_TIMEOUT(idle(id), 20000);

        m_panel->promptEditor()->setPlainText(u"Now write the tests"_s);
        m_panel->sendFollowUp();
        QTRY_VERIFY_WITH_TIMEOUT(prompts(id).contains(u"Now write the tests"_s), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(idle(id), 20000);
        QVERIFY(m_panel->promptEditor()->toPlainText().isEmpty());

        // Held: the agent waits while "hold" exists, so the queue fills behind it.
        auto attempt = Test::await(engine().attempts().get(id));
        const QString hold = QDir((*attempt)->worktreePath).filePath(u"hold"_s);
        QVERIFY(QFile(hold).open(QIODevice::WriteOnly));
        m_panel->promptEditor()->setPlainText(u"First queued"_s);
        m_panel->addToQueue();
        QTRY_COMPARE(m_panel->queuePrompts().size(), 1);
        QTRY_VERIFY(engine().attempts().isActive(id));
        for (const QString &prompt : {u"Second queued"_s, u"Third queued"_s}) {
            m_panel->promptEditor()->setPlainText(prompt);
            m_panel->addToQueue();
        }
        QTRY_COMPARE(m_panel->queuePrompts().size(), 3);
        QVERIFY2(m_panel->errorText().isEmpty(), qPrintable(m_panel->errorText()));

        // The user drags "Third" above "Second" while "First" runs.
        auto *queue = m_panel->findChild<QListWidget *>(u"followUpQueue"_s);
        QVERIFY(queue->item(0)->text().contains(u"running"_s));
        QVERIFY(queue->model()->moveRow({}, 2, {}, 1));
        QTRY_COMPARE(queueItems(id).value(1).prompt, u"Third queued"_s);
        QTRY_VERIFY(m_panel->queuePrompts().value(1).startsWith(u"Third queued"_s));
        QVERIFY(QFile::remove(hold));
        QTRY_VERIFY_WITH_TIMEOUT(prompts(id).contains(u"Second queued"_s), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(idle(id), 20000);
        const QStringList order = prompts(id).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(order.indexOf(u"Third queued"_s) < order.indexOf(u"Second queued"_s),
                 qPrintable(order.join(u" | "_s)));

        // Replace the agent's run through its dialog (open, not exec: the test goes on).
        m_panel->replaceProcess();
        QInputDialog *replace = nullptr;
        QTRY_VERIFY((replace = m_panel->findChild<QInputDialog *>(u"replaceProcessDialog"_s)));
        replace->setTextValue(u"Start over, smaller"_s);
        replace->accept();
        QTRY_VERIFY_WITH_TIMEOUT(prompts(id).contains(u"Start over, smaller"_s), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(idle(id), 20000);

        // A draft, edited, then sent.
        m_panel->promptEditor()->setPlainText(u"Draft one"_s);
        m_panel->saveDraft();
        QTRY_COMPARE(m_panel->draftLines().size(), 1);
        auto *drafts = m_panel->findChild<QListWidget *>(u"drafts"_s);
        drafts->setCurrentRow(0);
        Q_EMIT drafts->itemDoubleClicked(drafts->item(0));
        QTRY_COMPARE(m_panel->promptEditor()->toPlainText(), u"Draft one"_s);
        m_panel->promptEditor()->setPlainText(u"Draft one, edited"_s);
        m_panel->saveDraft();
        QTRY_VERIFY(m_panel->draftLines().value(0).startsWith(u"Draft one, edited"_s));
        const QList<Core::Draft> stored = draftsOf(id);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().version, 2);
    }

    void longSetupShowsItsProgress()
    {
        // The setup script waits while a file outside the worktree exists (10 s at most).
        const QString hold = m_fixture->data.filePath(u"hold-setup"_s);
        QVERIFY(QFile(hold).open(QIODevice::WriteOnly));
        Core::ProjectPatch patch;
        patch.setupScript = std::optional<QString>(
            u"n=0; while [ -e '%1' ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n+1)); done"_s.arg(
                hold));
        const auto updated = Test::await(engine().projects().update(m_fixture->project.id, patch));
        QVERIFY(updated && *updated);
        QVERIFY(m_panel->progressText().isEmpty());
        m_panel->startAttempt(u"scripted"_s, std::nullopt);
        QTRY_COMPARE(m_panel->attempts().size(), 1);
        QTRY_VERIFY(m_panel->progressText().contains(u"worktree"_s));
        QVERIFY(m_panel->findChild<QProgressBar *>(u"attemptProgress"_s)->isVisible());
        QVERIFY(QFile::remove(hold));
        const Core::AttemptId id = m_panel->attempts().first().id;
        QTRY_VERIFY_WITH_TIMEOUT(idle(id), 20000);
        QTRY_VERIFY(m_panel->progressText().isEmpty());
    }

    void aStaleDraftEditIsRefusedAndShown()
    {
        m_panel->startAttempt(u"scripted"_s, std::nullopt);
        QTRY_COMPARE(m_panel->attempts().size(), 1);
        const Core::AttemptId id = m_panel->attempts().first().id;
        QTRY_VERIFY_WITH_TIMEOUT(idle(id), 20000);
        m_panel->promptEditor()->setPlainText(u"Mine"_s);
        m_panel->saveDraft();
        QTRY_COMPARE(m_panel->draftLines().size(), 1);
        m_panel->findChild<QListWidget *>(u"drafts"_s)->setCurrentRow(0);
        Q_EMIT m_panel->findChild<QListWidget *>(u"drafts"_s)
            ->itemDoubleClicked(m_panel->findChild<QListWidget *>(u"drafts"_s)->item(0));
        // Someone changes it over the API meanwhile.
        const QList<Core::Draft> drafts = draftsOf(id);
        QCOMPARE(drafts.size(), 1);
        const Core::Draft draft = drafts.first();
        Core::DraftPatch theirs;
        theirs.version = draft.version;
        theirs.content = u"Theirs"_s;
        const auto updated = Test::await(engine().drafts().update(id, draft.id, theirs));
        QVERIFY(updated && *updated);
        m_panel->promptEditor()->setPlainText(u"Mine, changed"_s);
        m_panel->saveDraft();
        QTRY_VERIFY(!m_panel->errorText().isEmpty());
        QCOMPARE(m_panel->promptEditor()->toPlainText(), u"Mine, changed"_s); // not lost
        QTRY_VERIFY(m_panel->draftLines().value(0).startsWith(u"Theirs"_s));
    }
};

QTEST_MAIN(TestTaskPanel)
#include "tst_taskpanel.moc"
