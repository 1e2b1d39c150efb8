// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/settings.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Core {

QJsonObject Settings::toJson() const
{
    return {{u"maxConcurrentAttempts"_s, maxConcurrentAttempts}};
}

Result<void> Settings::applyJson(const QJsonObject &object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != "maxConcurrentAttempts"_L1)
            return fail(Error::validation(it.key(), u"is not a setting (maxConcurrentAttempts)"_s));
    }
    if (object.contains(u"maxConcurrentAttempts"_s)) {
        const QJsonValue value = object.value(u"maxConcurrentAttempts"_s);
        const double number = value.toDouble(-1);
        // The range is checked before the cast: converting an out-of-range double to int is UB.
        if (!value.isDouble() || number < 1 || number > 64 || number != double(int(number)))
            return fail(Error::validation(u"maxConcurrentAttempts"_s,
                                          u"must be a whole number from 1 to 64"_s));
        maxConcurrentAttempts = int(number);
    }
    return {};
}

Result<Settings> Settings::load(const QString &path)
{
    Settings settings;
    QFile file(path);
    if (!file.exists())
        return settings;
    if (!file.open(QIODevice::ReadOnly))
        return fail(Error::internal(u"cannot read %1"_s.arg(path)));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(Error::validation(u"settings"_s,
                                      u"%1 is not valid JSON: %2"_s.arg(path, error.errorString())));
    if (auto applied = settings.applyJson(document.object()); !applied)
        return fail(Error{applied.error().code,
                          path + u": "_s + applied.error().message,
                          applied.error().details});
    return settings;
}

Result<void> Settings::save(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(Error::internal(u"cannot write %1"_s.arg(path)));
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fail(Error::internal(u"cannot write %1"_s.arg(path)));
    return {};
}

} // namespace Core
