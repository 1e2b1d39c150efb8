// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/events.h"

#include <QObject>

namespace Core {

/// Where the model announces its changes, after they are committed. Lives on the main thread.
class EventBus final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventBus)

public:
    explicit EventBus(QObject *parent = nullptr);

    void publish(const Event &event);

Q_SIGNALS:
    void published(const Core::Event &event);
};

} // namespace Core
