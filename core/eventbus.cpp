// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/eventbus.h"

#include <QThread>

namespace Core {

EventBus::EventBus(QObject *parent)
    : QObject(parent)
{}

void EventBus::publish(const Event &event)
{
    Q_ASSERT(thread() == QThread::currentThread());
    Q_EMIT published(event);
}

} // namespace Core
