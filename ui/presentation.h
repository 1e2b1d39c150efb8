// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/attempt.h"
#include "core/task.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

class QPalette;

namespace Gui {

/// How the window names and colours model values; one place so the board, the dialogs and the
/// delegate agree.
class Presentation final
{
    Q_DECLARE_TR_FUNCTIONS(Gui::Presentation)

public:
    Presentation() = delete;

    [[nodiscard]] static QString statusName(Core::TaskStatus status);
    [[nodiscard]] static QString priorityName(Core::TaskPriority priority);
    [[nodiscard]] static QString attemptStatusName(Core::AttemptStatus status);
    [[nodiscard]] static QColor attemptStatusColor(Core::AttemptStatus status);
    /// "42 s", "3 min 5 s", "1 h 2 min".
    [[nodiscard]] static QString duration(qint64 ms);
    /// US dollars as agents report them: "$0.42", "<$0.01", "$12.50".
    [[nodiscard]] static QString cost(double usd);

    /// The accent of a column or priority; a hue that reads on light and dark palettes.
    [[nodiscard]] static QColor statusColor(Core::TaskStatus status);
    [[nodiscard]] static QColor priorityColor(Core::TaskPriority priority);

    [[nodiscard]] static bool isDark(const QPalette &palette);
    /// a blended towards b by amount (0…1).
    [[nodiscard]] static QColor mix(const QColor &a, const QColor &b, qreal amount);
    /// Text drawn in accent on a faint accent tint over the palette's base.
    [[nodiscard]] static QColor accentText(const QColor &accent, const QPalette &palette);
    [[nodiscard]] static QColor accentFill(const QColor &accent, const QPalette &palette);
    /// Colour for error messages in forms.
    [[nodiscard]] static QColor errorText(const QPalette &palette);

    /// "light" or "dark" gives the application Fusion with that palette; "system" (or anything
    /// else) leaves the platform's style and palette, which follow the desktop.
    static void applyTheme(const QString &theme);
    [[nodiscard]] static QPalette darkPalette();
};

} // namespace Gui
