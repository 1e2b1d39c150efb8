// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/identity.h"

#include "core/git2util.h"
#include "core/gitrepository.h"

using namespace Qt::StringLiterals;

namespace Core {
namespace {

using Config = Git2::Owned<git_config, git_config_free>;

QString gitUserEmail()
{
    GitRepository::ensureInitialised();
    git_config *raw = nullptr;
    if (git_config_open_default(&raw) != 0)
        return {};
    const Config config(raw);
    git_buf value = GIT_BUF_INIT;
    QString email;
    if (git_config_get_string_buf(&value, config.get(), "user.email") == 0)
        email = QString::fromUtf8(value.ptr, qsizetype(value.size)).trimmed();
    git_buf_dispose(&value);
    return email;
}

} // namespace

QString fallbackDesktopIdentity(const QString &userEmail)
{
    if (!userEmail.trimmed().isEmpty())
        return userEmail.trimmed();
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    if (user.isEmpty())
        user = u"user"_s;
    return user + u"@localhost"_s;
}

QString resolveDesktopIdentity(const QString &userEmail)
{
    if (!userEmail.trimmed().isEmpty())
        return userEmail.trimmed();
    if (const QString fromGit = gitUserEmail(); !fromGit.isEmpty())
        return fromGit;
    return fallbackDesktopIdentity(userEmail);
}

} // namespace Core
