// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/ui/boardfixture.h"
#include "ui/boardcolumn.h"
#include "ui/boardview.h"
#include "ui/mainwindow.h"
#include "ui/presentation.h"
#include "ui/shortcutsdialog.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using Core::TaskStatus;

namespace {

/// The .ts file of lang in the source tree.
QString tsPath(const QString &lang)
{
    return QStringLiteral(FORGEDESK_SOURCE_DIR "/translations/forgedesk_") + lang + u".ts"_s;
}

/// One message of a .ts file, as lupdate wrote it.
struct Message
{
    QString context;
    QString source;
    QString type;             ///< "unfinished", "vanished", "obsolete" or empty (finished).
    QStringList translations; ///< One, or one per plural form.
    bool numerus = false;
};

QList<Message> readTs(const QString &path, QString *language, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == "TS"_L1) {
            *language = xml.attributes().value("language"_L1).toString();
        } else if (xml.name() == "name"_L1) {
            context = xml.readElementText();
        } else if (xml.name() == "message"_L1) {
            Message message{context, {}, {}, {}, xml.attributes().value("numerus"_L1) == "yes"_L1};
            while (xml.readNextStartElement()) {
                if (xml.name() == "source"_L1) {
                    message.source = xml.readElementText();
                } else if (xml.name() == "translation"_L1) {
                    message.type = xml.attributes().value("type"_L1).toString();
                    if (message.numerus) {
                        while (xml.readNextStartElement()) {
                            if (xml.name() == "numerusform"_L1)
                                message.translations.append(xml.readElementText());
                            else
                                xml.skipCurrentElement();
                        }
                    } else {
                        message.translations.append(xml.readElementText());
                    }
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages.append(message);
        }
    }
    if (xml.hasError())
        *error = u"%1:%2: %3"_s.arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return messages;
}

/// The distinct %1…%99 and %n of text.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression placeholder(u"%(L?\\d{1,2}|n)"_s);
    QStringList found;
    for (const QRegularExpressionMatch &match : placeholder.globalMatch(text))
        found.append(match.captured(0));
    found.sort();
    found.removeDuplicates();
    return found;
}

/// How many accelerator marks text has ("&&" is a literal ampersand, "&lt;" an entity in markup).
qsizetype mnemonics(QString text)
{
    static const QRegularExpression entity(u"&(#\\d+|[a-z]+);"_s);
    text.remove(u"&&"_s).remove(entity);
    return text.count(u'&');
}

/// "&File" → 'F'; 0 without a mnemonic.
QChar mnemonicOf(const QString &text)
{
    QString plain = text;
    plain.remove(u"&&"_s);
    const qsizetype at = plain.indexOf(u'&');
    return at >= 0 && at + 1 < plain.size() ? plain.at(at + 1).toLower() : QChar();
}

/// The texts of the board's columns, left to right.
QStringList columnTitles(const Gui::MainWindow &window)
{
    QList<Gui::BoardColumn *> columns
        = window.findChild<Gui::BoardView *>()->findChildren<Gui::BoardColumn *>();
    std::sort(columns.begin(), columns.end(), [](const QWidget *a, const QWidget *b) {
        return a->x() < b->x();
    });
    QStringList titles;
    for (const Gui::BoardColumn *column : std::as_const(columns))
        titles.append(column->title());
    return titles;
}

QString countToolTip(const Gui::MainWindow &window, TaskStatus status)
{
    const auto *label = window.findChild<QLabel *>(u"count-"_s + Core::wireName(status));
    return label ? label->toolTip() : QString();
}

} // namespace

class tst_Translations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void tsFilesAreComplete_data();
    void tsFilesAreComplete();
    void presentationNames_data();
    void presentationNames();
    void shortcutsDialog_data();
    void shortcutsDialog();
    void mainWindow_data();
    void mainWindow();

private:
    /// Loads the embedded .qm of lang, as app/main.cpp does, and installs it.
    bool install(const QString &lang);

    std::unique_ptr<QTranslator> m_translator;
};

void tst_Translations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setStyle(u"Fusion"_s);
}

void tst_Translations::init()
{
    QSettings().clear();
}

void tst_Translations::cleanup()
{
    if (m_translator) {
        QCoreApplication::removeTranslator(m_translator.get());
        m_translator.reset();
    }
}

bool tst_Translations::install(const QString &lang)
{
    m_translator = std::make_unique<QTranslator>();
    if (!m_translator->load(QLocale(lang), u"forgedesk"_s, u"_"_s, u":/i18n"_s))
        return false;
    return QCoreApplication::installTranslator(m_translator.get());
}

void tst_Translations::tsFilesAreComplete_data()
{
    QTest::addColumn<QString>("lang");
    QTest::newRow("pt_BR") << u"pt_BR"_s;
    QTest::newRow("es") << u"es"_s;
}

void tst_Translations::tsFilesAreComplete()
{
    QFETCH(QString, lang);
    QString language;
    QString error;
    const QList<Message> messages = readTs(tsPath(lang), &language, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(language, lang);
    QVERIFY2(messages.size() > 400, qPrintable(QString::number(messages.size())));

    QStringList problems;
    for (const Message &m : messages) {
        const QString where = m.context + u": \""_s + m.source + u"\": "_s;
        if (!m.type.isEmpty())
            problems.append(where + u"marked "_s + m.type);
        if (m.translations.isEmpty() || (m.numerus && m.translations.size() < 2))
            problems.append(where + u"no translation"_s);
        for (const QString &translation : m.translations) {
            if (translation.trimmed().isEmpty()) {
                problems.append(where + u"empty"_s);
                continue;
            }
            if (placeholders(translation) != placeholders(m.source)) {
                problems.append(where + u"placeholders "_s + placeholders(translation).join(u' ')
                                + u" instead of "_s + placeholders(m.source).join(u' '));
            }
            if (mnemonics(translation) != mnemonics(m.source))
                problems.append(where + u"accelerators differ: \""_s + translation + u'"');
            if (m.source.endsWith(u'…') != translation.endsWith(u'…'))
                problems.append(where + u"ellipsis differs: \""_s + translation + u'"');
            if (m.source.startsWith(u' ') != translation.startsWith(u' ')
                || m.source.endsWith(u' ') != translation.endsWith(u' ')) {
                problems.append(where + u"spaces differ: \""_s + translation + u'"');
            }
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    // Both languages cover the same messages.
    const auto keys = [](const QList<Message> &list) {
        QStringList result;
        for (const Message &m : list)
            result.append(m.context + u'\n' + m.source);
        return result;
    };
    QString otherLanguage;
    const QString other = lang == "es"_L1 ? u"pt_BR"_s : u"es"_s;
    const QList<Message> otherMessages = readTs(tsPath(other), &otherLanguage, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(keys(messages), keys(otherMessages));
}

void tst_Translations::presentationNames_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QStringList>("statuses");
    QTest::addColumn<QString>("running");
    QTest::addColumn<QString>("urgent");
    QTest::newRow("pt_BR") << u"pt_BR"_s
                           << QStringList{u"A fazer"_s,
                                          u"Em andamento"_s,
                                          u"Em revisão"_s,
                                          u"Concluído"_s,
                                          u"Cancelado"_s}
                           << u"Em execução"_s << u"Urgente"_s;
    QTest::newRow("es")
        << u"es"_s
        << QStringList{u"Por hacer"_s, u"En curso"_s, u"En revisión"_s, u"Hecho"_s, u"Cancelado"_s}
        << u"En ejecución"_s << u"Urgente"_s;
}

void tst_Translations::presentationNames()
{
    QFETCH(QString, lang);
    QFETCH(QStringList, statuses);
    QFETCH(QString, running);
    QFETCH(QString, urgent);

    QCOMPARE(Gui::Presentation::statusName(TaskStatus::Todo), u"To do"_s);
    QVERIFY(install(lang));
    QStringList names;
    for (TaskStatus status : Core::allTaskStatuses)
        names.append(Gui::Presentation::statusName(status));
    QCOMPARE(names, statuses);
    QCOMPARE(Gui::Presentation::attemptStatusName(Core::AttemptStatus::Running), running);
    QCOMPARE(Gui::Presentation::priorityName(Core::TaskPriority::Urgent), urgent);
}

void tst_Translations::shortcutsDialog_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QStringList>("texts");
    QTest::newRow("pt_BR") << u"pt_BR"_s << u"Atalhos de teclado"_s
                           << QStringList{u"Quadro"_s,
                                          u"Nova tarefa"_s,
                                          u"Janela"_s,
                                          u"Trocar de projeto"_s};
    QTest::newRow("es") << u"es"_s << u"Atajos de teclado"_s
                        << QStringList{u"Tablero"_s,
                                       u"Nueva tarea"_s,
                                       u"Ventana"_s,
                                       u"Cambiar de proyecto"_s};
}

void tst_Translations::shortcutsDialog()
{
    QFETCH(QString, lang);
    QFETCH(QString, title);
    QFETCH(QStringList, texts);

    QVERIFY(install(lang));
    Gui::ShortcutsDialog dialog;
    QCOMPARE(dialog.windowTitle(), title);
    QStringList shown;
    for (int row = 0; row < dialog.table()->rowCount(); ++row) {
        for (int column = 0; column < dialog.table()->columnCount(); ++column) {
            if (const QTableWidgetItem *item = dialog.table()->item(row, column))
                shown.append(item->text());
        }
    }
    for (const QString &text : std::as_const(texts))
        QVERIFY2(shown.contains(text), qPrintable(text + u" not in "_s + shown.join(u", "_s)));
    QVERIFY(!shown.contains(u"New task"_s));
}

void tst_Translations::mainWindow_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QStringList>("menus");
    QTest::addColumn<QString>("newTask");
    QTest::addColumn<QString>("heading");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QString>("oneTask");
    QTest::addColumn<QString>("twoTasks");
    QTest::newRow("pt_BR") << u"pt_BR"_s
                           << QStringList{u"&Arquivo"_s, u"&Exibir"_s, u"&Tarefa"_s, u"Aj&uda"_s}
                           << u"&Nova tarefa…"_s << u"Abra um repositório git para começar"_s
                           << QStringList{u"A fazer"_s,
                                          u"Em andamento"_s,
                                          u"Em revisão"_s,
                                          u"Concluído"_s,
                                          u"Cancelado"_s}
                           << u"1 tarefa"_s << u"2 tarefas"_s;
    QTest::newRow("es")
        << u"es"_s << QStringList{u"&Archivo"_s, u"&Ver"_s, u"&Tarea"_s, u"Ay&uda"_s}
        << u"&Nueva tarea…"_s << u"Abre un repositorio git para empezar"_s
        << QStringList{u"Por hacer"_s, u"En curso"_s, u"En revisión"_s, u"Hecho"_s, u"Cancelado"_s}
        << u"1 tarea"_s << u"2 tareas"_s;
}

void tst_Translations::mainWindow()
{
    QFETCH(QString, lang);
    QFETCH(QStringList, menus);
    QFETCH(QString, newTask);
    QFETCH(QString, heading);
    QFETCH(QStringList, columns);
    QFETCH(QString, oneTask);
    QFETCH(QString, twoTasks);

    QVERIFY(install(lang));
    Test::BoardFixture fixture;
    QVERIFY(fixture.isValid());
    Gui::MainWindow window(fixture.engine());
    window.show();
    QCOMPARE(window.windowTitle(), u"Forgedesk"_s);
    QTRY_COMPARE(window.findChild<QLabel *>(u"emptyStateHeading"_s)->text(), heading);

    // The menus, translated, with one accelerator each and none shared within a menu.
    QStringList titles;
    QString menuKeys;
    for (QAction *menuAction : window.menuBar()->actions()) {
        titles.append(menuAction->text());
        menuKeys.append(mnemonicOf(menuAction->text()));
        QString itemKeys;
        for (QAction *item : menuAction->menu()->actions()) {
            if (item->isSeparator())
                continue;
            const QChar key = mnemonicOf(item->text());
            QVERIFY2(!key.isNull(), qPrintable(item->text()));
            QVERIFY2(!itemKeys.contains(key),
                     qPrintable(menuAction->text() + u": "_s + item->text()));
            itemKeys.append(key);
        }
    }
    QCOMPARE(titles, menus);
    for (const QChar key : std::as_const(menuKeys))
        QCOMPARE(menuKeys.count(key), 1);
    QCOMPARE(window.findChild<QAction *>(u"actionNewTask"_s)->text(), newTask);

    // The board: column names, and a count's tooltip in the language's plural forms.
    const auto project = fixture.createProject(u"Translated"_s);
    QVERIFY(project);
    QVERIFY(fixture.createTask(project->id, u"First"_s));
    QVERIFY(fixture.createTask(project->id, u"Second"_s));
    QVERIFY(fixture.createTask(project->id, u"Third"_s, TaskStatus::InProgress));
    QTRY_COMPARE(window.currentProjectId(), project->id);
    QTRY_COMPARE(countToolTip(window, TaskStatus::Todo), twoTasks);
    QTRY_COMPARE(countToolTip(window, TaskStatus::InProgress), oneTask);
    QCOMPARE(columnTitles(window), columns);
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
