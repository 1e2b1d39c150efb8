// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QDialog>

class QTableWidget;

namespace Gui {

/// Help ▸ Keyboard Shortcuts (or "?"): the keys of the board and the window, as keycaps.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    explicit ShortcutsDialog(QWidget *parent = nullptr);

    /// Role of the key column: a QVariantList of alternatives, each a QStringList of the keys
    /// pressed together ("Ctrl", "Shift", "P").
    static constexpr int keysRole = Qt::UserRole + 1;

    [[nodiscard]] QTableWidget *table() const { return m_table; }

private:
    void addSection(const QString &title);
    void addShortcut(const QList<QKeySequence> &alternatives, const QString &action);

    QTableWidget *m_table;
    QList<int> m_sections; ///< Rows of the headings.
};

} // namespace Gui
