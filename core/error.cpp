// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/error.h"

using namespace Qt::StringLiterals;

namespace Core {

Error Error::validation(const QString &field, const QString &reason)
{
    return {ErrorCode::Validation,
            field.isEmpty() ? reason : field + u": "_s + reason,
            QJsonObject{{u"field"_s, field}, {u"reason"_s, reason}}};
}

Error Error::notFound(const QString &resource, const QString &id)
{
    QString name = resource;
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return {ErrorCode::NotFound,
            u"%1 with id '%2' not found"_s.arg(name, id),
            QJsonObject{{u"resource"_s, resource}, {u"id"_s, id}}};
}

Error Error::conflict(const QString &message, QJsonObject details)
{
    return {ErrorCode::Conflict, message, std::move(details)};
}

Error Error::internal(const QString &message)
{
    return {ErrorCode::Internal, message, {}};
}

QString Error::field() const
{
    return details.value(u"field"_s).toString();
}

} // namespace Core
