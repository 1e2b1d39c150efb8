// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QStyledItemDelegate>

namespace Gui {

/// Paints a TaskColumnModel row as a card: title (two lines at most), a one-line description,
/// a priority pill and label chips. Colours come from the palette so light and dark both work.
class TaskCardDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskCardDelegate)

public:
    explicit TaskCardDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const override;

    /// title wrapped to width: at most two lines, the second elided.
    [[nodiscard]] static QStringList titleLines(const QString &title,
                                                const QFont &font,
                                                qreal width);

private:
    struct Fonts;
    [[nodiscard]] static Fonts fontsFor(const QFont &base);
    /// Width the card's content gets inside a view of this option.
    [[nodiscard]] static int contentWidth(const QStyleOptionViewItem &option);
};

} // namespace Gui
