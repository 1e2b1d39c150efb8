// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/settings.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonValue>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::ErrorCode;
using Core::Settings;

/// The settings value type: defaults, JSON in and out, the file, and refusals naming the field.
class TestSettings final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void defaultsAllowFourConcurrentAttempts()
    {
        const Settings settings;
        QCOMPARE(settings.maxConcurrentAttempts, 4);
        QCOMPARE(Settings::defaultMaxConcurrentAttempts, 4);
        QCOMPARE(settings.toJson().value(u"maxConcurrentAttempts"_s).toInt(), 4);
        QCOMPARE(settings.worktreeRetentionHours, 72);
        QCOMPARE(settings.githubApiUrl, u"https://api.github.com"_s);
    }

    void theTokenIsSavedButNeverShown()
    {
        Settings settings;
        QVERIFY(settings.applyJson({{u"githubToken"_s, u"ghp_secret"_s}}));
        const QJsonObject shown = settings.toJson();
        QVERIFY(!shown.contains(u"githubToken"_s));
        QCOMPARE(shown.value(u"githubTokenSet"_s).toBool(), true);
        QVERIFY(!QJsonDocument(shown).toJson().contains("ghp_secret"));
        const QString path = m_dir.filePath(u"secret-settings.json"_s);
        QVERIFY(settings.save(path));
        QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        auto loaded = Settings::load(path);
        QVERIFY(loaded);
        QCOMPARE(loaded->githubToken, u"ghp_secret"_s);
        // What GET shows can be sent back as it is without losing the token.
        QVERIFY(loaded->applyJson(shown));
        QCOMPARE(loaded->githubToken, u"ghp_secret"_s);
    }

    void deliverySettingsAreChecked_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("retention negative") << u"worktreeRetentionHours"_s << QJsonValue(-1);
        QTest::newRow("retention text") << u"worktreeRetentionHours"_s << QJsonValue(u"72"_s);
        QTest::newRow("poll too fast") << u"prPollSeconds"_s << QJsonValue(1);
        QTest::newRow("api url not http") << u"githubApiUrl"_s << QJsonValue(u"ftp://x"_s);
        QTest::newRow("api url garbage") << u"githubApiUrl"_s << QJsonValue(u"not a url"_s);
        QTest::newRow("token number") << u"githubToken"_s << QJsonValue(5);
        QTest::newRow("editor null") << u"editor"_s << QJsonValue();
    }

    void deliverySettingsAreChecked()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        Settings settings;
        const QJsonObject before = settings.toJson(Settings::Secrets::Included);
        auto applied = settings.applyJson({{key, value}});
        QVERIFY(!applied);
        QCOMPARE(applied.error().field(), key);
        QCOMPARE(settings.toJson(Settings::Secrets::Included), before);
    }

    void aTrailingSlashLeavesTheApiUrl()
    {
        Settings settings;
        QVERIFY(settings.applyJson({{u"githubApiUrl"_s, u"https://ghe.example.com/api/v3/"_s}}));
        QCOMPARE(settings.githubApiUrl, u"https://ghe.example.com/api/v3"_s);
    }

    void jsonRoundTrips_data()
    {
        QTest::addColumn<int>("value");
        QTest::newRow("lowest") << 1;
        QTest::newRow("default") << 4;
        QTest::newRow("highest") << 64;
    }

    void jsonRoundTrips()
    {
        QFETCH(int, value);
        Settings written;
        written.maxConcurrentAttempts = value;
        Settings read;
        auto applied = read.applyJson(written.toJson());
        QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().message));
        QCOMPARE(read.maxConcurrentAttempts, value);
        QCOMPARE(read.toJson(), written.toJson());
    }

    void anEmptyObjectChangesNothing()
    {
        Settings settings;
        settings.maxConcurrentAttempts = 9;
        QVERIFY(settings.applyJson({}));
        QCOMPARE(settings.maxConcurrentAttempts, 9);
    }

    void aWholeNumberWrittenAsADecimalIsAccepted()
    {
        Settings settings;
        QVERIFY(settings.applyJson(
            QJsonDocument::fromJson("{\"maxConcurrentAttempts\": 8.0}").object()));
        QCOMPARE(settings.maxConcurrentAttempts, 8);
    }

    void badValuesAreRefusedNamingTheField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("unknown key")
            << QByteArray("{\"maxConcurrentAttempt\": 4}") << u"maxConcurrentAttempt"_s;
        QTest::newRow("unknown key beside a good one")
            << QByteArray("{\"maxConcurrentAttempts\": 2, \"colour\": \"dark\"}") << u"colour"_s;
        QTest::newRow("theme not a theme") << QByteArray("{\"theme\": \"purple\"}") << u"theme"_s;
        QTest::newRow("language not offered")
            << QByteArray("{\"language\": \"klingon\"}") << u"language"_s;
        QTest::newRow("port too high") << QByteArray("{\"serverPort\": 70000}") << u"serverPort"_s;
        QTest::newRow("host not an address")
            << QByteArray("{\"serverHost\": \"example.com\"}") << u"serverHost"_s;
        QTest::newRow("zero") << QByteArray("{\"maxConcurrentAttempts\": 0}")
                              << u"maxConcurrentAttempts"_s;
        QTest::newRow("negative") << QByteArray("{\"maxConcurrentAttempts\": -3}")
                                  << u"maxConcurrentAttempts"_s;
        QTest::newRow("65") << QByteArray("{\"maxConcurrentAttempts\": 65}")
                            << u"maxConcurrentAttempts"_s;
        QTest::newRow("fraction") << QByteArray("{\"maxConcurrentAttempts\": 2.5}")
                                  << u"maxConcurrentAttempts"_s;
        QTest::newRow("string") << QByteArray("{\"maxConcurrentAttempts\": \"4\"}")
                                << u"maxConcurrentAttempts"_s;
        QTest::newRow("null") << QByteArray("{\"maxConcurrentAttempts\": null}")
                              << u"maxConcurrentAttempts"_s;
        QTest::newRow("boolean") << QByteArray("{\"maxConcurrentAttempts\": true}")
                                 << u"maxConcurrentAttempts"_s;
        QTest::newRow("array") << QByteArray("{\"maxConcurrentAttempts\": [4]}")
                               << u"maxConcurrentAttempts"_s;
        // Far beyond int: must be refused without converting it to int first.
        QTest::newRow("huge") << QByteArray("{\"maxConcurrentAttempts\": 1e300}")
                              << u"maxConcurrentAttempts"_s;
        QTest::newRow("huge negative")
            << QByteArray("{\"maxConcurrentAttempts\": -1e300}") << u"maxConcurrentAttempts"_s;
        QTest::newRow("userEmail not an address")
            << QByteArray("{\"userEmail\": \"me at home\"}") << u"userEmail"_s;
        QTest::newRow("userEmail not a string")
            << QByteArray("{\"userEmail\": 1}") << u"userEmail"_s;
        QTest::newRow("negative rate limit")
            << QByteArray("{\"rateLimitPerMinute\": -1}") << u"rateLimitPerMinute"_s;
        QTest::newRow("fractional rate limit")
            << QByteArray("{\"rateLimitPerMinute\": 0.5}") << u"rateLimitPerMinute"_s;
    }

    void identityAndRateLimitSettings()
    {
        Settings settings;
        QCOMPARE(settings.userEmail, QString());
        QCOMPARE(settings.rateLimitPerMinute, 0); // off by default
        QCOMPARE(settings.toJson().value(u"rateLimitPerMinute"_s).toInt(), 0);
        QVERIFY(settings.applyJson(
            {{u"userEmail"_s, u" me@example.com "_s}, {u"rateLimitPerMinute"_s, 120}}));
        QCOMPARE(settings.userEmail, u"me@example.com"_s);
        QCOMPARE(settings.rateLimitPerMinute, 120);
        const QString path = m_dir.filePath(u"identity-settings.json"_s);
        QVERIFY(settings.save(path));
        auto loaded = Settings::load(path);
        QVERIFY(loaded);
        QCOMPARE(loaded->userEmail, u"me@example.com"_s);
        QCOMPARE(loaded->rateLimitPerMinute, 120);
        // An empty address goes back to git's user.email.
        QVERIFY(settings.applyJson({{u"userEmail"_s, u""_s}}));
        QCOMPARE(settings.userEmail, QString());
    }

    void windowAndServerSettings()
    {
        Settings settings;
        QCOMPARE(settings.serverPort, 8887);
        QCOMPARE(settings.serverHost, u"127.0.0.1"_s);
        QCOMPARE(settings.theme, u"system"_s);
        QCOMPARE(settings.language, QString());
        QVERIFY(settings.applyJson({{u"serverPort"_s, 9000},
                                    {u"serverHost"_s, u" 0.0.0.0 "_s},
                                    {u"language"_s, u"pt_BR"_s},
                                    {u"theme"_s, u"dark"_s}}));
        const QString path = m_dir.filePath(u"window-settings.json"_s);
        QVERIFY(settings.save(path));
        auto loaded = Settings::load(path);
        QVERIFY(loaded);
        QCOMPARE(loaded->serverPort, 9000);
        QCOMPARE(loaded->serverHost, u"0.0.0.0"_s);
        QCOMPARE(loaded->language, u"pt_BR"_s);
        QCOMPARE(loaded->theme, u"dark"_s);
        QVERIFY(settings.applyJson({{u"serverHost"_s, u"localhost"_s}, {u"language"_s, u""_s}}));
        QCOMPARE(settings.language, QString());
    }

    void badValuesAreRefusedNamingTheField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        Settings settings;
        settings.maxConcurrentAttempts = 7;
        auto applied = settings.applyJson(document.object());
        QVERIFY(!applied);
        QCOMPARE(applied.error().code, ErrorCode::Validation);
        QCOMPARE(applied.error().field(), field);
        QVERIFY2(applied.error().message.startsWith(field + u": "_s),
                 qPrintable(applied.error().message));
        // A refused object leaves the settings as they were.
        QCOMPARE(settings.maxConcurrentAttempts, 7);
    }

    void aMissingFileGivesTheDefaults()
    {
        auto loaded = Settings::load(m_dir.filePath(u"absent.json"_s));
        QVERIFY(loaded);
        QCOMPARE(loaded->maxConcurrentAttempts, Settings::defaultMaxConcurrentAttempts);
    }

    void aSavedFileLoadsBack()
    {
        const QString path = m_dir.filePath(u"settings.json"_s);
        Settings settings;
        settings.maxConcurrentAttempts = 12;
        auto saved = settings.save(path);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
        auto loaded = Settings::load(path);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
        QCOMPARE(loaded->maxConcurrentAttempts, 12);

        // Saving again replaces the file rather than appending to it.
        settings.maxConcurrentAttempts = 3;
        QVERIFY(settings.save(path));
        QCOMPARE(Settings::load(path)->maxConcurrentAttempts, 3);
    }

    void aBrokenFileIsAnError_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("{maxConcurrentAttempts: 4") << u"settings"_s;
        QTest::newRow("an array") << QByteArray("[4]") << u"settings"_s;
        QTest::newRow("empty file") << QByteArray() << u"settings"_s;
        QTest::newRow("bad value")
            << QByteArray("{\"maxConcurrentAttempts\": 0}") << u"maxConcurrentAttempts"_s;
        QTest::newRow("unknown key") << QByteArray("{\"port\": 8080}") << u"port"_s;
    }

    void aBrokenFileIsAnError()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, field);
        const QString path = write(u"broken.json"_s, content);
        QVERIFY(!path.isEmpty());
        auto loaded = Settings::load(path);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, ErrorCode::Validation);
        QCOMPARE(loaded.error().field(), field);
        // The user is told which file to fix.
        QVERIFY2(loaded.error().message.contains(path), qPrintable(loaded.error().message));
    }

    void savingWhereNoFileCanBeWrittenIsAnError()
    {
        const Settings settings;
        auto saved = settings.save(m_dir.filePath(u"no/such/dir/settings.json"_s));
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, ErrorCode::Internal);
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
