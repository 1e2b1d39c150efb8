// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "server/httpmessage.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace Server {

/// The one mapping from core error codes to HTTP statuses and the seed's error codes.
[[nodiscard]] int httpStatusFor(Core::ErrorCode code);
[[nodiscard]] QByteArray errorCodeFor(Core::ErrorCode code);

/// {success:true, data, meta:{timestamp, version}}; dataJson is already serialised.
[[nodiscard]] QByteArray successEnvelope(const QByteArray &dataJson);
[[nodiscard]] QByteArray successEnvelope(const QJsonObject &data);
/// The success envelope plus pagination:{page, limit, total, pages, hasNext, hasPrev}.
[[nodiscard]] QByteArray pageEnvelope(const QByteArray &itemsJsonArray,
                                      int page,
                                      int limit,
                                      qint64 total);
/// {success:false, error:{code, message, details}, meta:{timestamp}}
[[nodiscard]] QByteArray errorEnvelope(const QByteArray &code,
                                       const QString &message,
                                       const QJsonObject &details);
[[nodiscard]] QByteArray errorEnvelope(const Core::Error &error);
[[nodiscard]] HttpResponse errorResponse(const Core::Error &error);

} // namespace Server
