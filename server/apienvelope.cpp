// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/apienvelope.h"

#include "core/jsonwriter.h"
#include "core/timestamps.h"
#include "core/version.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Server {

using Core::JsonWriter;
namespace {

void writeMeta(JsonWriter &json, bool withVersion)
{
    json.key("meta"_L1).beginObject().key("timestamp"_L1).value(Core::toTimestamp(Core::nowUtc()));
    if (withVersion)
        json.key("version"_L1).value(QLatin1StringView(Core::forgedeskVersion));
    json.endObject();
}

} // namespace

int httpStatusFor(Core::ErrorCode code)
{
    switch (code) {
    case Core::ErrorCode::Validation: return 400;
    case Core::ErrorCode::Unauthorized: return 401;
    case Core::ErrorCode::Forbidden: return 403;
    case Core::ErrorCode::NotFound: return 404;
    case Core::ErrorCode::MethodNotAllowed: return 405;
    case Core::ErrorCode::RequestTimeout: return 408;
    case Core::ErrorCode::Conflict: return 409;
    case Core::ErrorCode::Unprocessable: return 422;
    case Core::ErrorCode::PayloadTooLarge: return 413;
    case Core::ErrorCode::RateLimited: return 429;
    case Core::ErrorCode::Unavailable: return 503;
    case Core::ErrorCode::BadGateway: return 502;
    case Core::ErrorCode::Internal: return 500;
    }
    return 500;
}

QByteArray errorCodeFor(Core::ErrorCode code)
{
    switch (code) {
    case Core::ErrorCode::Validation: return "VALIDATION_ERROR"_ba;
    case Core::ErrorCode::Unauthorized: return "UNAUTHORIZED"_ba;
    case Core::ErrorCode::Forbidden: return "FORBIDDEN"_ba;
    case Core::ErrorCode::NotFound: return "NOT_FOUND"_ba;
    case Core::ErrorCode::MethodNotAllowed: return "METHOD_NOT_ALLOWED"_ba;
    case Core::ErrorCode::RequestTimeout: return "REQUEST_TIMEOUT"_ba;
    case Core::ErrorCode::Conflict: return "CONFLICT"_ba;
    case Core::ErrorCode::Unprocessable: return "UNPROCESSABLE_ENTITY"_ba;
    case Core::ErrorCode::PayloadTooLarge: return "PAYLOAD_TOO_LARGE"_ba;
    case Core::ErrorCode::RateLimited: return "RATE_LIMIT"_ba;
    case Core::ErrorCode::Unavailable: return "SERVICE_UNAVAILABLE"_ba;
    case Core::ErrorCode::BadGateway: return "BAD_GATEWAY"_ba;
    case Core::ErrorCode::Internal: return "INTERNAL_ERROR"_ba;
    }
    return "INTERNAL_ERROR"_ba;
}

QByteArray successEnvelope(const QByteArray &dataJson)
{
    JsonWriter json(dataJson.size() + 96);
    json.beginObject().key("success"_L1).value(true).key("data"_L1).raw(dataJson);
    writeMeta(json, true);
    return json.endObject().take();
}

QByteArray successEnvelope(const QJsonObject &data)
{
    return successEnvelope(QJsonDocument(data).toJson(QJsonDocument::Compact));
}

QByteArray pageEnvelope(const QByteArray &itemsJsonArray, int page, int limit, qint64 total)
{
    const qint64 pages = limit > 0 ? (total + limit - 1) / limit : 0;
    JsonWriter json(itemsJsonArray.size() + 192);
    json.beginObject().key("success"_L1).value(true).key("data"_L1).raw(itemsJsonArray);
    json.key("pagination"_L1)
        .beginObject()
        .key("page"_L1)
        .value(page)
        .key("limit"_L1)
        .value(limit)
        .key("total"_L1)
        .value(total)
        .key("pages"_L1)
        .value(pages)
        .key("hasNext"_L1)
        .value(page < pages)
        .key("hasPrev"_L1)
        .value(page > 1)
        .endObject();
    writeMeta(json, true);
    return json.endObject().take();
}

QByteArray errorEnvelope(const QByteArray &code, const QString &message, const QJsonObject &details)
{
    JsonWriter json;
    json.beginObject().key("success"_L1).value(false);
    json.key("error"_L1)
        .beginObject()
        .key("code"_L1)
        .value(QLatin1StringView(code))
        .key("message"_L1)
        .value(message)
        .key("details"_L1)
        .raw(QJsonDocument(details).toJson(QJsonDocument::Compact))
        .endObject();
    writeMeta(json, false);
    return json.endObject().take();
}

QByteArray errorEnvelope(const Core::Error &error)
{
    return errorEnvelope(errorCodeFor(error.code), error.message, error.details);
}

HttpResponse errorResponse(const Core::Error &error)
{
    return HttpResponse::json(httpStatusFor(error.code), errorEnvelope(error));
}

} // namespace Server
