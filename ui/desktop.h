// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/settings.h"

#include <QObject>
#include <QPalette>
#include <QPointer>
#include <QTranslator>

#include <memory>

namespace Core {
class Engine;
}

namespace Gui {

class MainWindow;

/// The desktop as the app shows it: the main window in the language and theme the settings
/// name. A change of language builds the window again in the new one (every view reads its
/// state from the engine, so nothing is lost but the scroll positions); a change of theme
/// applies at once. engine must outlive it.
class Desktop final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Desktop)

public:
    explicit Desktop(Core::Engine &engine, QObject *parent = nullptr);
    ~Desktop() override;

    [[nodiscard]] MainWindow *window() const { return m_window.get(); }
    /// Shown in the window's status bar, also after the window is built again.
    void setApiUrl(const QString &url);
    /// The language in use: "en" without a translation, else "pt_BR", "es".
    [[nodiscard]] QString language() const { return m_language; }

Q_SIGNALS:
    /// The window was built again (after a change of language).
    void windowReplaced(Gui::MainWindow *window);

private:
    void applySettings(const Core::Settings &settings);
    void applyLanguage(const QString &language);
    void applyTheme(const QString &theme);
    void buildWindow();

    Core::Engine &m_engine;
    std::unique_ptr<MainWindow> m_window;
    QTranslator m_translator;
    QString m_languageSetting; ///< As set: empty follows the system.
    QString m_language;
    QString m_theme;
    QString m_apiUrl;
    QString m_systemStyle;
    QPalette m_systemPalette;
};

} // namespace Gui
