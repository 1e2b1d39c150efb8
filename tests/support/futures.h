// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/future.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

#include <optional>

namespace Test {

/// Waits for a future whose continuations need this thread's event loop, processing events while
/// it waits (tests only). Returns nullopt on timeout.
template<typename T>
std::optional<T> await(const Core::Future<T> &future, int timeoutMs = 10000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::yieldCurrentThread();
    }
    return future.result();
}

} // namespace Test
