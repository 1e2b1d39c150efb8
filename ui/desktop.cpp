// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/desktop.h"

#include "core/engine.h"
#include "ui/mainwindow.h"
#include "ui/presentation.h"

#include <QApplication>
#include <QLocale>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr auto geometryKey = "ui/geometry"_L1;

} // namespace

Desktop::Desktop(Core::Engine &engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_systemStyle(QApplication::style()->name())
    , m_systemPalette(QApplication::palette())
{
    applyLanguage(engine.settings().language);
    m_languageSetting = engine.settings().language;
    applyTheme(engine.settings().theme);
    buildWindow();
    connect(&engine, &Core::Engine::settingsChanged, this, &Desktop::applySettings);
}

Desktop::~Desktop()
{
    m_window.reset();
    QCoreApplication::removeTranslator(&m_translator);
}

void Desktop::setApiUrl(const QString &url)
{
    m_apiUrl = url;
    if (m_window)
        m_window->setApiUrl(url);
}

void Desktop::applySettings(const Core::Settings &settings)
{
    if (settings.theme != m_theme)
        applyTheme(settings.theme);
    if (settings.language == m_languageSetting)
        return;
    m_languageSetting = settings.language;
    const QString before = m_language;
    applyLanguage(settings.language);
    if (m_language == before)
        return;
    // Built again rather than retranslated widget by widget: every view loads its state from
    // the engine, and a half-translated window is worse than a fresh one. Later, because the
    // settings dialog that asked for it belongs to the old window and is still on the stack.
    QMetaObject::invokeMethod(
        this,
        [this] {
            const bool visible = m_window && m_window->isVisible();
            if (m_window)
                QSettings().setValue(geometryKey, m_window->saveGeometry());
            m_window.reset();
            buildWindow();
            if (visible)
                m_window->show();
            Q_EMIT windowReplaced(m_window.get());
        },
        Qt::QueuedConnection);
}

void Desktop::applyLanguage(const QString &language)
{
    QCoreApplication::removeTranslator(&m_translator);
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    m_language = u"en"_s;
    if (language != "en"_L1 && m_translator.load(locale, u"forgedesk"_s, u"_"_s, u":/i18n"_s)) {
        QCoreApplication::installTranslator(&m_translator);
        m_language = m_translator.language();
    }
}

void Desktop::applyTheme(const QString &theme)
{
    m_theme = theme;
    if (theme == "light"_L1 || theme == "dark"_L1) {
        Presentation::applyTheme(theme);
        return;
    }
    // Back to what the platform chose at start.
    if (QStyle *style = QStyleFactory::create(m_systemStyle))
        QApplication::setStyle(style);
    QApplication::setPalette(m_systemPalette);
}

void Desktop::buildWindow()
{
    m_window = std::make_unique<MainWindow>(m_engine);
    if (!m_apiUrl.isEmpty())
        m_window->setApiUrl(m_apiUrl);
}

} // namespace Gui
