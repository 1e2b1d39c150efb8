// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/gitrepository.h"
#include "core/identity.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <git2.h>

using namespace Qt::StringLiterals;

/// The desktop user's identity: the setting, else git's user.email, else $USER@localhost. Git's
/// configuration is read from directories the test controls.
class TestIdentity final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_global;
    QTemporaryDir m_empty;

    static void searchConfigIn(const QString &global, const QString &elsewhere)
    {
        const QByteArray globalPath = global.toUtf8();
        const QByteArray otherPath = elsewhere.toUtf8();
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, globalPath.constData());
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, otherPath.constData());
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, otherPath.constData());
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH,
                         GIT_CONFIG_LEVEL_PROGRAMDATA,
                         otherPath.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        Core::GitRepository::ensureInitialised();
        QVERIFY(m_global.isValid() && m_empty.isValid());
        QFile config(m_global.filePath(u".gitconfig"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[user]\n\tname = Git User\n\temail = git.user@example.com\n");
    }

    void theSettingComesFirst()
    {
        searchConfigIn(m_global.path(), m_empty.path());
        QCOMPARE(Core::resolveDesktopIdentity(u" me@example.com "_s), u"me@example.com"_s);
        QCOMPARE(Core::fallbackDesktopIdentity(u"me@example.com"_s), u"me@example.com"_s);
    }

    void thenGitsUserEmail()
    {
        searchConfigIn(m_global.path(), m_empty.path());
        QCOMPARE(Core::resolveDesktopIdentity({}), u"git.user@example.com"_s);
    }

    void elseTheLoginAtLocalhost()
    {
        searchConfigIn(m_empty.path(), m_empty.path());
        const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
        const QString expected = (user.isEmpty() ? u"user"_s : user) + u"@localhost"_s;
        QCOMPARE(Core::resolveDesktopIdentity({}), expected);
        QCOMPARE(Core::fallbackDesktopIdentity({}), expected);
    }
};

QTEST_GUILESS_MAIN(TestIdentity)
#include "tst_identity.moc"
