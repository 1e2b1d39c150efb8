// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/support/futures.h"
#include "tests/ui/boardfixture.h"
#include "ui/desktop.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString firstMenuTitle(const Gui::MainWindow *window)
{
    return window->menuBar()->actions().value(0) ? window->menuBar()->actions().first()->text()
                                                 : QString();
}

} // namespace

/// The window follows the settings' language and theme while it runs.
class tst_Desktop final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    }

    void switchingTheLanguageRebuildsTheWindowInIt()
    {
        Test::BoardFixture fixture;
        QVERIFY(fixture.isValid());
        QVERIFY(fixture.createProject(u"Idiomas"_s));
        QVERIFY(Test::await(fixture.engine().updateSettings({{u"language"_s, u"en"_s}})));
        Gui::Desktop desktop(fixture.engine());
        desktop.setApiUrl(u"http://127.0.0.1:1"_s);
        desktop.window()->show();
        QCOMPARE(desktop.language(), u"en"_s);
        QCOMPARE(firstMenuTitle(desktop.window()), u"&File"_s);

        QSignalSpy replaced(&desktop, &Gui::Desktop::windowReplaced);
        const auto changed = Test::await(
            fixture.engine().updateSettings({{u"language"_s, u"pt_BR"_s}}));
        QVERIFY(changed && *changed);
        QTRY_COMPARE(replaced.size(), 1);
        QCOMPARE(desktop.language(), u"pt_BR"_s);
        QCOMPARE(firstMenuTitle(desktop.window()), u"&Arquivo"_s);
        QVERIFY(desktop.window()->isVisible());
        QTRY_VERIFY(desktop.window()->findChild<QWidget *>(u"boardPage"_s)->isVisible());

        QVERIFY(Test::await(fixture.engine().updateSettings({{u"language"_s, u"es"_s}})));
        QTRY_COMPARE(replaced.size(), 2);
        QCOMPARE(firstMenuTitle(desktop.window()), u"&Archivo"_s);
        QVERIFY(Test::await(fixture.engine().updateSettings({{u"language"_s, u"en"_s}})));
        QTRY_COMPARE(replaced.size(), 3);
        QCOMPARE(firstMenuTitle(desktop.window()), u"&File"_s);

        // Another setting leaves the window as it is.
        QVERIFY(Test::await(fixture.engine().updateSettings({{u"maxConcurrentAttempts"_s, 3}})));
        QTest::qWait(50);
        QCOMPARE(replaced.size(), 3);
    }

    void switchingTheThemeAppliesAtOnce()
    {
        Test::BoardFixture fixture;
        QVERIFY(fixture.isValid());
        const QPalette system = QApplication::palette();
        Gui::Desktop desktop(fixture.engine());
        QVERIFY(Test::await(fixture.engine().updateSettings({{u"theme"_s, u"dark"_s}})));
        QTRY_VERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QVERIFY(Test::await(fixture.engine().updateSettings({{u"theme"_s, u"light"_s}})));
        QTRY_VERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
        QVERIFY(Test::await(fixture.engine().updateSettings({{u"theme"_s, u"system"_s}})));
        QTRY_COMPARE(QApplication::palette().color(QPalette::Window),
                     system.color(QPalette::Window));
    }
};

QTEST_MAIN(tst_Desktop)
#include "tst_desktop.moc"
