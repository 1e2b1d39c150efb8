// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/presentation.h"

#include <QApplication>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

using namespace Qt::StringLiterals;

namespace Gui {

QString Presentation::statusName(Core::TaskStatus status)
{
    switch (status) {
    case Core::TaskStatus::Todo: return tr("To do");
    case Core::TaskStatus::InProgress: return tr("In progress");
    case Core::TaskStatus::InReview: return tr("In review");
    case Core::TaskStatus::Done: return tr("Done");
    case Core::TaskStatus::Cancelled: return tr("Cancelled");
    }
    return {};
}

QString Presentation::priorityName(Core::TaskPriority priority)
{
    switch (priority) {
    case Core::TaskPriority::Low: return tr("Low");
    case Core::TaskPriority::Medium: return tr("Medium");
    case Core::TaskPriority::High: return tr("High");
    case Core::TaskPriority::Urgent: return tr("Urgent");
    }
    return {};
}

QString Presentation::attemptStatusName(Core::AttemptStatus status)
{
    switch (status) {
    case Core::AttemptStatus::Created: return tr("Not started");
    case Core::AttemptStatus::Running: return tr("Running");
    case Core::AttemptStatus::Completed: return tr("Completed");
    case Core::AttemptStatus::Failed: return tr("Failed");
    case Core::AttemptStatus::Cancelled: return tr("Cancelled");
    }
    return {};
}

QColor Presentation::attemptStatusColor(Core::AttemptStatus status)
{
    switch (status) {
    case Core::AttemptStatus::Created: return QColor(0x8a, 0x94, 0xa6);
    case Core::AttemptStatus::Running: return QColor(0x2f, 0x80, 0xed);
    case Core::AttemptStatus::Completed: return QColor(0x2e, 0xa0, 0x5f);
    case Core::AttemptStatus::Failed: return QColor(0xe0, 0x3e, 0x3e);
    case Core::AttemptStatus::Cancelled: return QColor(0xb0, 0x6a, 0x6a);
    }
    return {};
}

QString Presentation::duration(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

QString Presentation::cost(double usd)
{
    if (usd > 0 && usd < 0.005)
        return tr("<$%1").arg(QLocale().toString(0.01, 'f', 2));
    return tr("$%1").arg(QLocale().toString(usd, 'f', 2));
}

QColor Presentation::statusColor(Core::TaskStatus status)
{
    switch (status) {
    case Core::TaskStatus::Todo: return QColor(0x8a, 0x94, 0xa6);
    case Core::TaskStatus::InProgress: return QColor(0x2f, 0x80, 0xed);
    case Core::TaskStatus::InReview: return QColor(0x9b, 0x5d, 0xe5);
    case Core::TaskStatus::Done: return QColor(0x2e, 0xa0, 0x5f);
    case Core::TaskStatus::Cancelled: return QColor(0xb0, 0x6a, 0x6a);
    }
    return {};
}

QColor Presentation::priorityColor(Core::TaskPriority priority)
{
    switch (priority) {
    case Core::TaskPriority::Low: return QColor(0x70, 0x80, 0x95);
    case Core::TaskPriority::Medium: return QColor(0x2f, 0x80, 0xed);
    case Core::TaskPriority::High: return QColor(0xe8, 0x84, 0x1a);
    case Core::TaskPriority::Urgent: return QColor(0xe0, 0x3e, 0x3e);
    }
    return {};
}

bool Presentation::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor Presentation::mix(const QColor &a, const QColor &b, qreal amount)
{
    const qreal keep = 1.0 - amount;
    return QColor::fromRgbF(float(a.redF() * keep + b.redF() * amount),
                            float(a.greenF() * keep + b.greenF() * amount),
                            float(a.blueF() * keep + b.blueF() * amount),
                            float(a.alphaF() * keep + b.alphaF() * amount));
}

QColor Presentation::accentText(const QColor &accent, const QPalette &palette)
{
    return isDark(palette) ? accent.lighter(150) : accent.darker(125);
}

QColor Presentation::accentFill(const QColor &accent, const QPalette &palette)
{
    return mix(palette.color(QPalette::Base), accent, isDark(palette) ? 0.24 : 0.14);
}

QColor Presentation::errorText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf2, 0x8b, 0x82) : QColor(0xc5, 0x22, 0x1f);
}

QPalette Presentation::darkPalette()
{
    QPalette p;
    const QColor window(0x26, 0x28, 0x2c);
    const QColor base(0x1d, 0x1f, 0x23);
    const QColor text(0xe4, 0xe6, 0xea);
    const QColor disabled(0x7c, 0x80, 0x88);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x31, 0x34, 0x39));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xe0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x36, 0x3b));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2c, 0x30));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1c));
    p.setColor(QPalette::Shadow, Qt::black);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

void Presentation::applyTheme(const QString &theme)
{
    if (theme != "light"_L1 && theme != "dark"_L1)
        return;
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QApplication::setPalette(theme == "dark"_L1 ? darkPalette()
                                                : QApplication::style()->standardPalette());
}

} // namespace Gui
