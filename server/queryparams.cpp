// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/queryparams.h"

using namespace Qt::StringLiterals;

namespace Server {
namespace {

template<typename Enum, typename Parse>
Core::Result<QList<Enum>> enumListParam(const HttpRequest &request,
                                        const QString &key,
                                        Parse parse,
                                        const QStringList &names)
{
    QList<Enum> values;
    for (const QString &text : listParam(request, key)) {
        const auto value = parse(text);
        if (!value) {
            return Core::fail(Core::Error::validation(key,
                                                      u"unknown value '%1'; use one of %2"_s
                                                          .arg(text.left(40), names.join(u", "_s))));
        }
        if (!values.contains(*value))
            values.append(*value);
    }
    return values;
}

/// "sort" (when given) and "page"/"limit", shared by every list.
Core::Result<void> readSortAndPage(const HttpRequest &request,
                                   const QStringList &sortFields,
                                   QList<Core::SortKey> *sort,
                                   Core::PageRequest *page)
{
    if (request.hasQueryItem(u"sort"_s)) {
        auto keys = Core::parseSort(request.queryItem(u"sort"_s), sortFields);
        if (!keys)
            return Core::fail(keys.error());
        *sort = *keys;
    }
    auto paging = pageParams(request);
    if (!paging)
        return Core::fail(paging.error());
    *page = *paging;
    return {};
}

} // namespace

Core::Result<int> integerParam(const HttpRequest &request, const QString &key, int fallback)
{
    if (!request.hasQueryItem(key))
        return fallback;
    const QString text = request.queryItem(key).trimmed();
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok)
        return Core::fail(
            Core::Error::validation(key, u"must be an integer, got '%1'"_s.arg(text.left(40))));
    return value;
}

Core::Result<Core::PageRequest> pageParams(const HttpRequest &request)
{
    Core::PageRequest page;
    auto number = integerParam(request, u"page"_s, 1);
    if (!number)
        return Core::fail(number.error());
    auto limit = integerParam(request, u"limit"_s, Core::PageRequest::defaultLimit);
    if (!limit)
        return Core::fail(limit.error());
    page.page = *number;
    page.limit = *limit;
    if (auto valid = page.validate(); !valid)
        return Core::fail(valid.error());
    return page;
}

QStringList listParam(const HttpRequest &request, const QString &key)
{
    QStringList values;
    for (const auto &[name, value] : request.query) {
        if (name != key)
            continue;
        for (const QString &part : value.split(u',')) {
            const QString trimmed = part.trimmed();
            if (!trimmed.isEmpty())
                values.append(trimmed);
        }
    }
    return values;
}

Core::Result<Core::TaskQuery> taskQueryParams(const HttpRequest &request)
{
    Core::TaskQuery query;
    if (request.hasQueryItem(u"projectId"_s)) {
        const QString id = request.queryItem(u"projectId"_s).trimmed();
        if (id.isEmpty())
            return Core::fail(Core::Error::validation(u"projectId"_s, u"must not be empty"_s));
        query.projectId = Core::ProjectId(id);
    }
    if (request.hasQueryItem(u"parentAttemptId"_s)) {
        const QString id = request.queryItem(u"parentAttemptId"_s).trimmed();
        if (id.isEmpty())
            return Core::fail(Core::Error::validation(u"parentAttemptId"_s, u"must not be empty"_s));
        query.parentAttemptId = Core::AttemptId(id);
    }
    auto statuses = enumListParam<Core::TaskStatus>(request,
                                                    u"status"_s,
                                                    Core::taskStatusFromString,
                                                    Core::taskStatusNames() << u"pending"_s);
    if (!statuses)
        return Core::fail(statuses.error());
    query.statuses = *statuses;
    auto priorities = enumListParam<Core::TaskPriority>(request,
                                                        u"priority"_s,
                                                        Core::taskPriorityFromString,
                                                        Core::taskPriorityNames());
    if (!priorities)
        return Core::fail(priorities.error());
    query.priorities = *priorities;
    query.labels = listParam(request, u"labels"_s);
    auto attemptStatuses = enumListParam<Core::AttemptStatus>(request,
                                                              u"attemptStatus"_s,
                                                              Core::attemptStatusFromString,
                                                              Core::attemptStatusNames());
    if (!attemptStatuses)
        return Core::fail(attemptStatuses.error());
    query.latestAttemptStatuses = *attemptStatuses;
    for (auto [key, target] : {std::pair{u"hasRunningAttempt"_s, &query.hasRunningAttempt},
                               std::pair{u"lastAttemptFailed"_s, &query.lastAttemptFailed},
                               std::pair{u"hasMergedAttempt"_s, &query.hasMergedAttempt}}) {
        auto flag = booleanParam(request, key);
        if (!flag)
            return Core::fail(flag.error());
        *target = *flag;
    }
    query.text = request.queryItem(u"q"_s).trimmed();
    if (auto valid
        = readSortAndPage(request, Core::TaskQuery::sortFields(), &query.sort, &query.page);
        !valid)
        return Core::fail(valid.error());
    return query;
}

Core::Result<Core::ProjectQuery> projectQueryParams(const HttpRequest &request)
{
    Core::ProjectQuery query;
    if (auto valid
        = readSortAndPage(request, Core::ProjectQuery::sortFields(), &query.sort, &query.page);
        !valid)
        return Core::fail(valid.error());
    return query;
}

} // namespace Server

namespace Server {

Core::Result<std::optional<bool>> booleanParam(const HttpRequest &request, const QString &key)
{
    if (!request.hasQueryItem(key))
        return std::optional<bool>();
    const QString text = request.queryItem(key).trimmed().toLower();
    if (text == "true"_L1 || text == "1"_L1)
        return std::optional<bool>(true);
    if (text == "false"_L1 || text == "0"_L1)
        return std::optional<bool>(false);
    return Core::fail(
        Core::Error::validation(key, u"must be true or false, got '%1'"_s.arg(text.left(20))));
}

Core::Result<Core::AttemptQuery> attemptQueryParams(const HttpRequest &request)
{
    Core::AttemptQuery query;
    if (request.hasQueryItem(u"taskId"_s)) {
        const QString id = request.queryItem(u"taskId"_s).trimmed();
        if (id.isEmpty())
            return Core::fail(Core::Error::validation(u"taskId"_s, u"must not be empty"_s));
        query.taskId = Core::TaskId(id);
    }
    if (request.hasQueryItem(u"llm"_s))
        query.llm = request.queryItem(u"llm"_s).trimmed();
    auto statuses = enumListParam<Core::AttemptStatus>(request,
                                                       u"status"_s,
                                                       Core::attemptStatusFromString,
                                                       Core::attemptStatusNames());
    if (!statuses)
        return Core::fail(statuses.error());
    query.statuses = *statuses;
    auto page = pageParams(request);
    if (!page)
        return Core::fail(page.error());
    query.page = *page;
    return query;
}

Core::Result<Core::ProcessQuery> processQueryParams(const HttpRequest &request)
{
    Core::ProcessQuery query;
    if (request.hasQueryItem(u"attemptId"_s)) {
        const QString id = request.queryItem(u"attemptId"_s).trimmed();
        if (id.isEmpty())
            return Core::fail(Core::Error::validation(u"attemptId"_s, u"must not be empty"_s));
        query.attemptId = Core::AttemptId(id);
    }
    auto statuses = enumListParam<Core::ProcessStatus>(request,
                                                       u"status"_s,
                                                       Core::processStatusFromString,
                                                       {u"pending"_s,
                                                        u"running"_s,
                                                        u"completed"_s,
                                                        u"failed"_s,
                                                        u"cancelled"_s});
    if (!statuses)
        return Core::fail(statuses.error());
    query.statuses = *statuses;
    auto kinds
        = enumListParam<Core::ProcessKind>(request,
                                           u"kind"_s,
                                           Core::processKindFromString,
                                           {u"setup"_s, u"agent"_s, u"cleanup"_s, u"dev_server"_s});
    if (!kinds)
        return Core::fail(kinds.error());
    query.kinds = *kinds;
    auto page = pageParams(request);
    if (!page)
        return Core::fail(page.error());
    query.page = *page;
    return query;
}

} // namespace Server
