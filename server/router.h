// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "server/httpmessage.h"
#include "server/responder.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace Server {

/// A request after routing: path parameters by name (":id" → "id").
struct ApiRequest
{
    const HttpRequest &http;
    QHash<QString, QString> params;

    [[nodiscard]] QString param(const QString &name) const { return params.value(name); }
};

using RouteHandler = std::function<void(const ApiRequest &, const Responder &)>;

/// Method + path pattern table. Segments starting with ':' match any single segment.
class Router final
{
public:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QString summary;
        QStringList segments;
        RouteHandler handler;
    };

    struct Match
    {
        const Route *route = nullptr;
        QHash<QString, QString> params;
        QList<QByteArray> allowedMethods; ///< When the path exists with other methods only.
    };

    void add(const QByteArray &method,
             const QString &pattern,
             const QString &summary,
             RouteHandler handler);
    /// HEAD is served by GET routes.
    [[nodiscard]] Match match(const QByteArray &method, const QStringList &segments) const;
    [[nodiscard]] const QList<Route> &routes() const { return m_routes; }

private:
    QList<Route> m_routes;
};

} // namespace Server
