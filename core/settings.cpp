// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/settings.h"

#include "core/validation.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Core {

QJsonObject Settings::toJson(Secrets secrets) const
{
    QJsonObject object{{u"maxConcurrentAttempts"_s, maxConcurrentAttempts},
                       {u"githubApiUrl"_s, githubApiUrl},
                       {u"prPollSeconds"_s, prPollSeconds},
                       {u"editor"_s, editor},
                       {u"editorCommand"_s, editorCommand},
                       {u"worktreeRetentionHours"_s, worktreeRetentionHours},
                       {u"userEmail"_s, userEmail},
                       {u"rateLimitPerMinute"_s, rateLimitPerMinute},
                       {u"serverPort"_s, serverPort},
                       {u"serverHost"_s, serverHost},
                       {u"language"_s, language},
                       {u"theme"_s, theme}};
    if (secrets == Secrets::Included)
        object.insert(u"githubToken"_s, githubToken);
    else
        object.insert(u"githubTokenSet"_s, !githubToken.isEmpty());
    return object;
}

namespace {

/// The range is checked before the cast: converting an out-of-range double to int is UB.
Result<int> wholeNumber(const QJsonObject &object, const QString &key, int low, int high)
{
    const QJsonValue value = object.value(key);
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < low || number > high || number != double(int(number)))
        return fail(
            Error::validation(key, u"must be a whole number from %1 to %2"_s.arg(low).arg(high)));
    return int(number);
}

Result<QString> text(const QJsonObject &object, const QString &key, int maxLength)
{
    const QJsonValue value = object.value(key);
    if (!value.isString())
        return fail(Error::validation(key, u"must be a string"_s));
    if (value.toString().size() > maxLength)
        return fail(Error::validation(key, u"must be at most %1 characters"_s.arg(maxLength)));
    return value.toString();
}

} // namespace

Result<void> Settings::applyJson(const QJsonObject &object)
{
    static const QStringList known{u"maxConcurrentAttempts"_s,
                                   u"githubToken"_s,
                                   u"githubApiUrl"_s,
                                   u"prPollSeconds"_s,
                                   u"editor"_s,
                                   u"editorCommand"_s,
                                   u"worktreeRetentionHours"_s,
                                   u"userEmail"_s,
                                   u"rateLimitPerMinute"_s,
                                   u"serverPort"_s,
                                   u"serverHost"_s,
                                   u"language"_s,
                                   u"theme"_s,
                                   u"githubTokenSet"_s};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return fail(Error::validation(it.key(),
                                          u"is not a setting (%1)"_s.arg(
                                              known.mid(0, known.size() - 1).join(u", "_s))));
    }
    Settings next = *this;
    if (object.contains(u"maxConcurrentAttempts"_s)) {
        auto number = wholeNumber(object, u"maxConcurrentAttempts"_s, 1, 64);
        if (!number)
            return fail(number.error());
        next.maxConcurrentAttempts = *number;
    }
    if (object.contains(u"prPollSeconds"_s)) {
        auto number = wholeNumber(object, u"prPollSeconds"_s, 5, 86400);
        if (!number)
            return fail(number.error());
        next.prPollSeconds = *number;
    }
    if (object.contains(u"worktreeRetentionHours"_s)) {
        auto number = wholeNumber(object, u"worktreeRetentionHours"_s, 0, 24 * 365);
        if (!number)
            return fail(number.error());
        next.worktreeRetentionHours = *number;
    }
    if (object.contains(u"rateLimitPerMinute"_s)) {
        auto number = wholeNumber(object, u"rateLimitPerMinute"_s, 0, maxRateLimitPerMinute);
        if (!number)
            return fail(number.error());
        next.rateLimitPerMinute = *number;
    }
    if (object.contains(u"serverPort"_s)) {
        auto number = wholeNumber(object, u"serverPort"_s, 0, 65535);
        if (!number)
            return fail(number.error());
        next.serverPort = *number;
    }
    if (object.contains(u"serverHost"_s)) {
        auto host = text(object, u"serverHost"_s, 100);
        if (!host)
            return fail(host.error());
        const QString trimmed = host->trimmed();
        if (trimmed != "localhost"_L1 && QHostAddress(trimmed).isNull())
            return fail(Error::validation(u"serverHost"_s, u"must be an IP address or localhost"_s));
        next.serverHost = trimmed;
    }
    if (object.contains(u"language"_s)) {
        static const QStringList languages{QString(), u"en"_s, u"pt_BR"_s, u"es"_s};
        auto name = text(object, u"language"_s, 10);
        if (!name)
            return fail(name.error());
        if (!languages.contains(*name))
            return fail(Error::validation(u"language"_s,
                                          u"must be empty (the system's), en, pt_BR or es"_s));
        next.language = *name;
    }
    if (object.contains(u"theme"_s)) {
        static const QStringList themes{u"system"_s, u"light"_s, u"dark"_s};
        auto name = text(object, u"theme"_s, 10);
        if (!name)
            return fail(name.error());
        if (!themes.contains(*name))
            return fail(Error::validation(u"theme"_s, u"must be system, light or dark"_s));
        next.theme = *name;
    }
    if (object.contains(u"userEmail"_s)) {
        auto address = text(object, u"userEmail"_s, 254);
        if (!address)
            return fail(address.error());
        next.userEmail.clear();
        if (!address->trimmed().isEmpty()) {
            auto checked = Validate::email(u"userEmail"_s, *address);
            if (!checked)
                return fail(checked.error());
            next.userEmail = *checked;
        }
    }
    if (object.contains(u"githubToken"_s)) {
        auto token = text(object, u"githubToken"_s, 1000);
        if (!token)
            return fail(token.error());
        next.githubToken = token->trimmed();
    }
    if (object.contains(u"githubApiUrl"_s)) {
        auto url = text(object, u"githubApiUrl"_s, 2000);
        if (!url)
            return fail(url.error());
        const QUrl parsed(*url, QUrl::StrictMode);
        if (!parsed.isValid() || (parsed.scheme() != "https"_L1 && parsed.scheme() != "http"_L1)
            || parsed.host().isEmpty())
            return fail(Error::validation(u"githubApiUrl"_s, u"must be an http(s) URL"_s));
        QString clean = *url;
        while (clean.endsWith(u'/'))
            clean.chop(1);
        next.githubApiUrl = clean;
    }
    if (object.contains(u"editor"_s)) {
        auto name = text(object, u"editor"_s, 100);
        if (!name)
            return fail(name.error());
        next.editor = *name;
    }
    if (object.contains(u"editorCommand"_s)) {
        auto command = text(object, u"editorCommand"_s, 4000);
        if (!command)
            return fail(command.error());
        next.editorCommand = *command;
    }
    *this = next;
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
    // It may hold a GitHub token: only the user may read it.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(toJson(Secrets::Included)).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fail(Error::internal(u"cannot write %1"_s.arg(path)));
    return {};
}

} // namespace Core
