// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/query.h"

using namespace Qt::StringLiterals;

namespace Core {
namespace {

QString snakeCase(const QString &name)
{
    QString out;
    out.reserve(name.size() + 4);
    for (QChar c : name) {
        if (c.isUpper()) {
            out.append(u'_');
            out.append(c.toLower());
        } else {
            out.append(c);
        }
    }
    return out;
}

} // namespace

Result<void> PageRequest::validate() const
{
    if (page < 1)
        return fail(Error::validation(u"page"_s, u"must be 1 or more"_s));
    if (limit < 1 || limit > maxLimit)
        return fail(Error::validation(u"limit"_s, u"must be between 1 and %1"_s.arg(maxLimit)));
    return {};
}

Result<QList<SortKey>> parseSort(const QString &text, const QStringList &allowedFields)
{
    QList<SortKey> keys;
    const QStringList parts = text.split(u',');
    for (QString part : parts) {
        part = part.trimmed();
        SortKey key;
        if (part.startsWith(u'-')) {
            key.descending = true;
            part.remove(0, 1);
        } else if (part.startsWith(u'+')) {
            part.remove(0, 1);
        }
        key.field = snakeCase(part);
        if (!allowedFields.contains(key.field)) {
            return fail(
                Error::validation(u"sort"_s,
                                  u"unknown field '%1'; use one of %2, optionally prefixed with '-'"_s
                                      .arg(part, allowedFields.join(u", "_s))));
        }
        const bool repeated = std::any_of(keys.cbegin(), keys.cend(), [&](const SortKey &k) {
            return k.field == key.field;
        });
        if (repeated)
            return fail(Error::validation(u"sort"_s, u"field '%1' is given twice"_s.arg(part)));
        keys.append(key);
    }
    return keys;
}

QStringList TaskQuery::sortFields()
{
    return {u"created_at"_s, u"updated_at"_s, u"priority"_s, u"title"_s, u"status"_s};
}

QStringList ProjectQuery::sortFields()
{
    return {u"created_at"_s, u"updated_at"_s, u"name"_s};
}

} // namespace Core
