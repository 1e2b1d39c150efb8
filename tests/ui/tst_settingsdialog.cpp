// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
// The preferences over a real engine that also serves the API, wired as app/main.cpp wires
// them: what the dialog stores is what the core and the HTTP API then report.
#include "core/apikeyservice.h"
#include "core/webhookservice.h"
#include "tests/support/futures.h"
#include "tests/support/serverfixture.h"
#include "ui/mainwindow.h"
#include "ui/settingsdialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using Gui::SettingsDialog;

class TestSettingsDialog final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::ServerFixture> m_fixture;

    Core::Engine &engine() { return *m_fixture->engine; }

    template<typename T>
    static T *child(const QObject &parent, const QString &name)
    {
        T *found = parent.findChild<T *>(name);
        if (!found)
            qWarning().noquote() << "no child named" << name;
        return found;
    }

    static void choose(QComboBox *combo, const QString &value)
    {
        QVERIFY(combo->findData(value) >= 0);
        combo->setCurrentIndex(combo->findData(value));
    }

    static void click(const SettingsDialog &dialog, QDialogButtonBox::StandardButton which)
    {
        child<QDialogButtonBox>(dialog, u"buttons"_s)->button(which)->click();
    }

    QJsonObject settingsFile()
    {
        QFile file(QDir(engine().dataDir()).filePath(u"settings.json"_s));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    static QStringList column(const QTreeWidget *tree, int column)
    {
        QStringList texts;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            texts.append(tree->topLevelItem(i)->text(column));
        return texts;
    }

    /// Answers the confirmation the dialog has open with its destructive button.
    static bool confirm(const SettingsDialog &dialog, const QString &name)
    {
        QMessageBox *box = nullptr;
        if (!QTest::qWaitFor([&] { return (box = dialog.findChild<QMessageBox *>(name)); }))
            return false;
        box->findChild<QPushButton *>(u"confirm"_s)->click();
        return true;
    }

    QList<Core::Webhook> storedWebhooks()
    {
        const auto all = Test::await(engine().webhooks().list());
        return all && *all ? **all : QList<Core::Webhook>();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_fixture = std::make_unique<Test::ServerFixture>();
        QVERIFY(m_fixture->isValid());
    }

    void cleanup() { m_fixture.reset(); }

    void savesWhatChangedAndOnlyThat()
    {
        SettingsDialog dialog(engine());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.settingsChanges().isEmpty());
        // The identity is resolved in the background (git's configuration): it may land later.
        QTRY_COMPARE(child<QLineEdit>(dialog, u"userEmail"_s)->placeholderText(),
                     engine().desktopIdentity());

        child<QLineEdit>(dialog, u"userEmail"_s)->setText(u"  me@example.com "_s);
        choose(child<QComboBox>(dialog, u"language"_s), u"pt_BR"_s);
        choose(child<QComboBox>(dialog, u"theme"_s), u"dark"_s);
        child<QSpinBox>(dialog, u"maxConcurrentAttempts"_s)->setValue(2);
        child<QSpinBox>(dialog, u"worktreeRetentionHours"_s)->setValue(12);
        choose(child<QComboBox>(dialog, u"editor"_s), u"custom"_s);
        child<QLineEdit>(dialog, u"editorCommand"_s)->setText(u"nvim-qt \"{path}\""_s);
        child<QLineEdit>(dialog, u"githubToken"_s)->setText(u"ghp_secret"_s);
        child<QSpinBox>(dialog, u"prPollSeconds"_s)->setValue(90);
        child<QSpinBox>(dialog, u"serverPort"_s)->setValue(9100);
        QVERIFY(child<QWidget>(dialog, u"addressWarning"_s)->isHidden());
        child<QLineEdit>(dialog, u"serverHost"_s)->setText(u"0.0.0.0"_s);
        QVERIFY(!child<QWidget>(dialog, u"addressWarning"_s)->isHidden());
        child<QSpinBox>(dialog, u"rateLimitPerMinute"_s)->setValue(600);
        QCOMPARE(dialog.settingsChanges().keys(),
                 (QStringList{u"editor"_s,
                              u"editorCommand"_s,
                              u"githubToken"_s,
                              u"language"_s,
                              u"maxConcurrentAttempts"_s,
                              u"prPollSeconds"_s,
                              u"rateLimitPerMinute"_s,
                              u"serverHost"_s,
                              u"serverPort"_s,
                              u"theme"_s,
                              u"userEmail"_s,
                              u"worktreeRetentionHours"_s}));

        QSignalSpy saved(&dialog, &SettingsDialog::saved);
        click(dialog, QDialogButtonBox::Ok);
        QTRY_COMPARE(saved.size(), 1);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const Core::Settings &settings = engine().settings();
        QCOMPARE(settings.userEmail, u"me@example.com"_s);
        QCOMPARE(settings.language, u"pt_BR"_s);
        QCOMPARE(settings.theme, u"dark"_s);
        QCOMPARE(settings.maxConcurrentAttempts, 2);
        QCOMPARE(settings.worktreeRetentionHours, 12);
        QCOMPARE(settings.editor, u"custom"_s);
        QCOMPARE(settings.editorCommand, u"nvim-qt \"{path}\""_s);
        QCOMPARE(settings.githubToken, u"ghp_secret"_s);
        QCOMPARE(settings.prPollSeconds, 90);
        QCOMPARE(settings.serverPort, 9100);
        QCOMPARE(settings.serverHost, u"0.0.0.0"_s);
        QCOMPARE(settings.rateLimitPerMinute, 600);
        const QJsonObject file = settingsFile();
        QCOMPARE(file.value(u"userEmail"_s).toString(), u"me@example.com"_s);
        QCOMPARE(file.value(u"language"_s).toString(), u"pt_BR"_s);
        QCOMPARE(file.value(u"theme"_s).toString(), u"dark"_s);
        QCOMPARE(file.value(u"maxConcurrentAttempts"_s).toInt(), 2);
        QCOMPARE(file.value(u"worktreeRetentionHours"_s).toInt(), 12);
        QCOMPARE(file.value(u"serverPort"_s).toInt(), 9100);
        QCOMPARE(file.value(u"rateLimitPerMinute"_s).toInt(), 600);
        // The API reports the same, and never the token.
        const Test::HttpReply api = m_fixture->http->get(u"/api/settings"_s);
        QCOMPARE(api.data().value(u"userEmail"_s).toString(), u"me@example.com"_s);
        QCOMPARE(api.data().value(u"githubTokenSet"_s).toBool(), true);
        QVERIFY(!api.body.contains("ghp_secret"));

        // Opened again: the stored values, the token only as "set", nothing to save.
        SettingsDialog again(engine());
        QCOMPARE(child<QLineEdit>(again, u"userEmail"_s)->text(), u"me@example.com"_s);
        QCOMPARE(child<QComboBox>(again, u"theme"_s)->currentData().toString(), u"dark"_s);
        QVERIFY(child<QLineEdit>(again, u"githubToken"_s)->text().isEmpty());
        QVERIFY(!child<QLabel>(again, u"tokenState"_s)->text().isEmpty());
        QVERIFY(again.settingsChanges().isEmpty());
        child<QPushButton>(again, u"removeToken"_s)->click();
        QCOMPARE(again.settingsChanges(), (QJsonObject{{u"githubToken"_s, QString()}}));
    }

    void aRefusedValueIsShownBesideItsFieldAndNothingIsSaved()
    {
        Core::Settings probe;
        const auto refused = probe.applyJson({{u"userEmail"_s, u"me at home"_s}});
        QVERIFY(!refused);
        const QString reason = refused.error().details.value(u"reason"_s).toString();
        QVERIFY(!reason.isEmpty());

        SettingsDialog dialog(engine());
        dialog.show();
        dialog.showPage(SettingsDialog::Page::Server);
        child<QSpinBox>(dialog, u"maxConcurrentAttempts"_s)->setValue(7);
        child<QLineEdit>(dialog, u"userEmail"_s)->setText(u"me at home"_s);
        click(dialog, QDialogButtonBox::Ok);

        QTRY_VERIFY(!dialog.fieldError(u"userEmail"_s).isEmpty());
        QVERIFY2(dialog.fieldError(u"userEmail"_s).contains(reason.mid(1)),
                 qPrintable(dialog.fieldError(u"userEmail"_s)));
        QCOMPARE(dialog.currentPage(), SettingsDialog::Page::General);
        QVERIFY(dialog.errorText().isEmpty());
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.isSaving());
        QCOMPARE(engine().settings().maxConcurrentAttempts,
                 Core::Settings::defaultMaxConcurrentAttempts);
        QVERIFY(engine().settings().userEmail.isEmpty());
        QVERIFY(!QFile::exists(QDir(engine().dataDir()).filePath(u"settings.json"_s)));

        // Corrected, it goes through and the message goes away.
        child<QLineEdit>(dialog, u"userEmail"_s)->setText(u"me@home.example"_s);
        click(dialog, QDialogButtonBox::Apply);
        QTRY_COMPARE(engine().settings().userEmail, u"me@home.example"_s);
        QCOMPARE(engine().settings().maxConcurrentAttempts, 7);
        QVERIFY(dialog.fieldError(u"userEmail"_s).isEmpty());
        QVERIFY(dialog.isVisible());
    }

    void editsAnAgentProfile()
    {
        const auto before = engine().profiles().find(u"claude"_s);
        QVERIFY(before);
        SettingsDialog dialog(engine());
        dialog.show();
        dialog.showPage(SettingsDialog::Page::Agents);
        dialog.selectProfile(u"claude"_s);
        auto *args = child<QPlainTextEdit>(dialog, u"profileArgs"_s);
        auto *model = child<QLineEdit>(dialog, u"profileModel"_s);
        auto *env = child<QPlainTextEdit>(dialog, u"profileEnv"_s);
        QCOMPARE(args->toPlainText().split(u'\n'), before->args);

        model->setText(u"claude-test-model"_s);
        args->setPlainText(args->toPlainText() + u"\n--max-turns\n\n20\n"_s);
        env->setPlainText(env->toPlainText() + u"\nFORGEDESK_TEST=yes"_s);
        // Another profile in between keeps the edit.
        dialog.selectProfile(u"codex"_s);
        QCOMPARE(model->text(), QString());
        dialog.selectProfile(u"claude"_s);
        QCOMPARE(model->text(), u"claude-test-model"_s);

        click(dialog, QDialogButtonBox::Apply);
        QTRY_COMPARE(engine().profiles().find(u"claude"_s)->model,
                     std::optional<QString>(u"claude-test-model"_s));
        const Core::ExecutorProfile after = *engine().profiles().find(u"claude"_s);
        QCOMPARE(after.args, before->args + (QStringList{u"--max-turns"_s, u"20"_s}));
        QCOMPARE(after.env.value(u"FORGEDESK_TEST"_s), u"yes"_s);
        QCOMPARE(after.binary, before->binary);
        // Only what was changed is the user's.
        const QJsonObject user = engine().profiles().userProfiles().value(u"claude"_s).toObject();
        QCOMPARE(user.keys(), (QStringList{u"args"_s, u"env"_s, u"model"_s}));
        QTRY_VERIFY(!dialog.isSaving());

        // The core refuses an empty command line, beside the arguments, and keeps what it had.
        args->clear();
        click(dialog, QDialogButtonBox::Apply);
        QTRY_VERIFY(!dialog.fieldError(u"profile.args"_s).isEmpty());
        QVERIFY(dialog.isVisible());
        QCOMPARE(engine().profiles().find(u"claude"_s)->args, after.args);
        // A line the form cannot read is refused before anything is sent.
        args->setPlainText(after.args.join(u'\n'));
        env->setPlainText(u"JUST_A_NAME"_s);
        click(dialog, QDialogButtonBox::Apply);
        QVERIFY(dialog.fieldError(u"profile.args"_s).isEmpty());
        QVERIFY(!dialog.fieldError(u"profile.env"_s).isEmpty());
        QVERIFY(!dialog.isSaving());

        // Restore Defaults forgets the user's overrides.
        child<QPushButton>(dialog, u"resetProfile"_s)->click();
        QCOMPARE(model->text(), QString());
        click(dialog, QDialogButtonBox::Apply);
        QTRY_VERIFY(!engine().profiles().userProfiles().contains(u"claude"_s));
        QCOMPARE(engine().profiles().find(u"claude"_s)->args, before->args);
        QCOMPARE(engine().profiles().find(u"claude"_s)->model, before->model);
    }

    void apiKeysShowTheirSecretOnceAndAreRevoked()
    {
        SettingsDialog dialog(engine());
        dialog.show();
        dialog.showPage(SettingsDialog::Page::Server);
        auto *keys = child<QTreeWidget>(dialog, u"apiKeys"_s);
        auto *secret = child<QLineEdit>(dialog, u"apiKeySecret"_s);
        QVERIFY(!secret->isVisible());

        // The core names the field it refuses.
        child<QPushButton>(dialog, u"createApiKey"_s)->click();
        QTRY_VERIFY(!dialog.fieldError(u"apiKey.name"_s).isEmpty());

        child<QLineEdit>(dialog, u"apiKeyName"_s)->setText(u"CI"_s);
        child<QLineEdit>(dialog, u"apiKeyEmail"_s)->setText(u"ci@example.com"_s);
        child<QPushButton>(dialog, u"createApiKey"_s)->click();
        QTRY_VERIFY(secret->isVisible());
        const QString shown = secret->text();
        QVERIFY(shown.startsWith(u"fdk_"_s));
        QVERIFY(secret->isReadOnly());
        QVERIFY(dialog.fieldError(u"apiKey.name"_s).isEmpty());
        QTRY_COMPARE(column(keys, 0), QStringList{u"CI"_s});
        QCOMPARE(column(keys, 1), QStringList{u"ci@example.com"_s});
        QCOMPARE(column(keys, 4), QStringList{SettingsDialog::tr("Active")});
        // It is a working key: the API takes it.
        const auto grant = engine().apiKeys().authenticate(shown.toLatin1());
        QVERIFY(grant);
        QCOMPARE(grant->identity, u"ci@example.com"_s);

        // Once dismissed, it is nowhere in the dialog.
        child<QPushButton>(dialog, u"hideSecret"_s)->click();
        QVERIFY(!secret->isVisible());
        for (const QLineEdit *edit : dialog.findChildren<QLineEdit *>())
            QVERIFY(!edit->text().contains(shown));
        for (int i = 0; i < keys->columnCount(); ++i)
            QVERIFY(!column(keys, i).join(u' ').contains(shown));

        keys->setCurrentItem(keys->topLevelItem(0));
        auto *revoke = child<QPushButton>(dialog, u"revokeApiKey"_s);
        QVERIFY(revoke->isEnabled());
        revoke->click();
        QVERIFY(confirm(dialog, u"confirmRevoke"_s));
        QTRY_COMPARE(column(keys, 4), QStringList{SettingsDialog::tr("Revoked")});
        QVERIFY(!engine().apiKeys().authenticate(shown.toLatin1()));
        QCOMPARE(m_fixture->http->get(u"/api/api-keys"_s).dataArray().size(), 1);
        keys->setCurrentItem(keys->topLevelItem(0));
        QVERIFY(!revoke->isEnabled());
    }

    void webhooksAreAddedAndDeleted()
    {
        SettingsDialog dialog(engine());
        dialog.show();
        dialog.showPage(SettingsDialog::Page::Server);
        auto *list = child<QTreeWidget>(dialog, u"webhooks"_s);
        child<QPushButton>(dialog, u"addWebhook"_s)->click();
        QDialog *add = nullptr;
        QTRY_VERIFY((add = dialog.findChild<QDialog *>(u"webhookDialog"_s)) && add->isVisible());
        // Every event the core knows is offered.
        for (const QString &name : Core::Webhook::eventNames())
            QVERIFY(child<QCheckBox>(*add, u"webhookEvent_"_s + name));

        auto *url = child<QLineEdit>(*add, u"webhookUrl"_s);
        auto *addButton = child<QPushButton>(*add, u"webhookAdd"_s);
        url->setText(u"ftp://127.0.0.1/hook"_s);
        child<QCheckBox>(*add, u"webhookEvent_task.created"_s)->setChecked(true);
        addButton->click();
        QTRY_VERIFY(!dialog.fieldError(u"webhook.url"_s).isEmpty());
        url->setText(u"http://127.0.0.1:9/hook"_s);
        child<QCheckBox>(*add, u"webhookEvent_task.created"_s)->setChecked(false);
        addButton->click();
        QTRY_VERIFY(!dialog.fieldError(u"webhook.events"_s).isEmpty());
        QVERIFY(dialog.fieldError(u"webhook.url"_s).isEmpty());
        QVERIFY(storedWebhooks().isEmpty());

        child<QCheckBox>(*add, u"webhookEvent_task.created"_s)->setChecked(true);
        child<QCheckBox>(*add, u"webhookEvent_attempt.failed"_s)->setChecked(true);
        child<QLineEdit>(*add, u"webhookSecret"_s)->setText(u"s3cret"_s);
        addButton->click();
        QTRY_VERIFY(!dialog.findChild<QDialog *>(u"webhookDialog"_s));
        QTRY_COMPARE(column(list, 0), QStringList{u"http://127.0.0.1:9/hook"_s});
        QCOMPARE(column(list, 2), QStringList{SettingsDialog::tr("Yes")});

        const QList<Core::Webhook> stored = storedWebhooks();
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().events, (QStringList{u"task.created"_s, u"attempt.failed"_s}));
        QCOMPARE(stored.first().secret, u"s3cret"_s);
        const QJsonArray api = m_fixture->http->get(u"/api/webhooks"_s).dataArray();
        QCOMPARE(api.size(), 1);
        QCOMPARE(api.first().toObject().value(u"id"_s).toString(), stored.first().id.toString());
        QCOMPARE(api.first().toObject().value(u"hasSecret"_s).toBool(), true);

        // One added over the API shows up while the dialog is open.
        QCOMPARE(m_fixture->http
                     ->post(u"/api/webhooks"_s,
                            {{u"url"_s, u"http://127.0.0.1:9/all"_s},
                             {u"events"_s, QJsonArray{u"*"_s}}})
                     .status,
                 201);
        QTRY_COMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(1)->text(1), SettingsDialog::tr("All events"));

        list->setCurrentItem(list->topLevelItem(0));
        child<QPushButton>(dialog, u"deleteWebhook"_s)->click();
        QVERIFY(confirm(dialog, u"confirmDelete"_s));
        QTRY_COMPARE(column(list, 0), QStringList{u"http://127.0.0.1:9/all"_s});
        QCOMPARE(storedWebhooks().size(), 1);
        QCOMPARE(m_fixture->http->get(u"/api/webhooks/"_s + stored.first().id.toString()).status,
                 404);
    }

    void theWindowOpensItFromTheFileMenu()
    {
        Gui::MainWindow window(engine());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *action = window.findChild<QAction *>(u"actionSettings"_s);
        QVERIFY(action);
        QVERIFY(!action->shortcut().isEmpty());
        bool inMenu = false;
        for (QAction *menu : window.menuBar()->actions())
            inMenu = inMenu || (menu->menu() && menu->menu()->actions().contains(action));
        QVERIFY(inMenu);
        action->trigger();
        SettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<SettingsDialog *>()) && dialog->isVisible());
        dialog->reject();
        QTRY_VERIFY(!window.findChild<SettingsDialog *>());
    }

    void screenshot()
    {
        const QString dir = qEnvironmentVariable("FORGEDESK_SCREENSHOTS");
        if (dir.isEmpty())
            QSKIP("set FORGEDESK_SCREENSHOTS to a directory to write docs/screenshots/settings.png");
        for (const auto &[name, email] : {std::pair{u"CI pipeline"_s, u"ci@example.com"_s},
                                          std::pair{u"Release bot"_s, u"release@example.com"_s},
                                          std::pair{u"Old laptop"_s, QString()}}) {
            const auto created = Test::await(
                engine().apiKeys().create(name,
                                          email.isEmpty() ? std::nullopt
                                                          : std::optional<QString>(email)));
            QVERIFY(created && *created);
            if (email.isEmpty())
                QVERIFY(Test::await(engine().apiKeys().revoke((*created)->key.id)));
            else
                (void) engine().apiKeys().authenticate((*created)->secret.toLatin1());
        }
        QVERIFY(Test::await(engine().webhooks().create(u"https://ci.example.com/hooks/forgedesk"_s,
                                                       {u"attempt.completed"_s, u"attempt.failed"_s},
                                                       u"s3cret"_s)));
        QVERIFY(Test::await(
            engine().webhooks().create(u"https://chat.example.com/notify"_s, {u"*"_s}, QString())));
        QVERIFY(Test::await(engine().apiKeys().flushUsage()));
        SettingsDialog dialog(engine());
        dialog.showPage(SettingsDialog::Page::Server);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_COMPARE(child<QTreeWidget>(dialog, u"webhooks"_s)->topLevelItemCount(), 2);
        // A key just made in the dialog, its secret on show.
        child<QLineEdit>(dialog, u"apiKeyName"_s)->setText(u"Deploy script"_s);
        child<QPushButton>(dialog, u"createApiKey"_s)->click();
        QTRY_VERIFY(child<QWidget>(dialog, u"secretPanel"_s)->isVisible());
        QTRY_COMPARE(child<QTreeWidget>(dialog, u"apiKeys"_s)->topLevelItemCount(), 4);
        QTest::qWait(200);
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(dialog.grab().save(QDir(dir).filePath(u"settings.png"_s)));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
