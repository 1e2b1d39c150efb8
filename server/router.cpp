// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/router.h"

namespace Server {
namespace {

bool matches(const QStringList &pattern,
             const QStringList &segments,
             QHash<QString, QString> *params)
{
    // A last "*name" takes the rest of the path (one segment at least), joined by '/'.
    const bool rest = !pattern.isEmpty() && pattern.constLast().startsWith(u'*');
    if (rest ? segments.size() < pattern.size() : pattern.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString &part = pattern.at(i);
        if (rest && i == pattern.size() - 1) {
            const QStringList tail = segments.mid(i);
            if (params)
                params->insert(part.mid(1), tail.join(u'/'));
            return true;
        }
        if (part.startsWith(u':')) {
            if (segments.at(i).isEmpty())
                return false;
            if (params)
                params->insert(part.mid(1), segments.at(i));
        } else if (part != segments.at(i)) {
            return false;
        }
    }
    return true;
}

} // namespace

void Router::add(const QByteArray &method,
                 const QString &pattern,
                 const QString &summary,
                 RouteHandler handler)
{
    m_routes.append(
        {method, pattern, summary, pattern.split(u'/', Qt::SkipEmptyParts), std::move(handler)});
}

Router::Match Router::match(const QByteArray &method, const QStringList &segments) const
{
    Match result;
    const QByteArray wanted = method == "HEAD" ? QByteArray("GET") : method;
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        if (!matches(route.segments, segments, &params))
            continue;
        if (route.method == wanted && !result.route) {
            result.route = &route;
            result.params = std::move(params);
        } else if (!result.allowedMethods.contains(route.method)) {
            result.allowedMethods.append(route.method);
        }
    }
    if (result.allowedMethods.contains("GET") && !result.allowedMethods.contains("HEAD"))
        result.allowedMethods.append("HEAD");
    return result;
}

} // namespace Server
