// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/apikeyservice.h"
#include "core/apikeystore.h"
#include "core/database.h"
#include "core/sqlconnection.h"
#include "core/timestamps.h"
#include "tests/support/futures.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::ApiKey;
using Core::ApiKeyId;
using Core::ApiKeyService;
using Core::ApiKeyStore;
using Core::ErrorCode;
using Test::await;

namespace {

/// The future finished in time and its result is a success.
template<typename T>
bool succeeded(const std::optional<Core::Result<T>> &result)
{
    return result && result->has_value();
}

} // namespace

/// API keys in a real SQLite file: the store's SQL, and the service that keeps the hashes of the
/// working keys in memory, shows a secret once and never stores it.
class TestApiKeyStore final : public QObject
{
    Q_OBJECT

private:
    QString path() const { return m_dir.filePath(u"forgedesk.sqlite"_s); }

    /// Rows as a plain SQLite connection (not ours) sees them in the file.
    QList<QVariantList> rows(const QString &sql, int columns)
    {
        QList<QVariantList> out;
        {
            auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect"_s);
            db.setDatabaseName(path());
            db.open();
            QSqlQuery query(db);
            if (query.exec(sql)) {
                while (query.next()) {
                    QVariantList row;
                    for (int i = 0; i < columns; ++i)
                        row.append(query.value(i));
                    out.append(row);
                }
            }
        }
        QSqlDatabase::removeDatabase(u"inspect"_s);
        return out;
    }

    /// Every byte SQLite wrote: the database file and its write-ahead log.
    QByteArray fileBytes() const
    {
        QByteArray bytes;
        for (const QString &name : QStringList{path(), path() + u"-wal"_s}) {
            QFile file(name);
            if (file.open(QIODevice::ReadOnly))
                bytes += file.readAll();
        }
        return bytes;
    }

    static ApiKey sampleKey(const QString &name, const QDateTime &createdAt)
    {
        ApiKey key;
        key.id = ApiKeyId::generate();
        key.name = name;
        key.identity = name + u"@example.com"_s;
        const QString secret = ApiKey::generateSecret();
        key.prefix = secret.left(ApiKey::displayPrefixLength);
        key.keyHash = ApiKey::hashOf(secret.toLatin1());
        key.createdAt = createdAt;
        return key;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Core::Database> m_db;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(path() + suffix);
        auto db = Core::Database::open(path());
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        m_db = std::move(*db);
    }

    void cleanup()
    {
        if (m_db)
            m_db->close();
        m_db.reset();
    }

    void secretsAreRandomUrlSafeAndHashedAsHex()
    {
        const QString a = ApiKey::generateSecret();
        const QString b = ApiKey::generateSecret();
        QVERIFY(a != b);
        static const QRegularExpression shape(u"^fdk_[A-Za-z0-9_-]{32}$"_s);
        QVERIFY2(shape.match(a).hasMatch(), qPrintable(a));
        const QString hash = ApiKey::hashOf(a.toLatin1());
        QCOMPARE(hash,
                 QString::fromLatin1(
                     QCryptographicHash::hash(a.toLatin1(), QCryptographicHash::Sha256).toHex()));
        QCOMPARE(hash.size(), 64);
    }

    void validationNamesTheField_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("field");
        QTest::addRow("empty name") << u"  "_s << QString() << u"name"_s;
        QTest::addRow("long name") << QString(101, u'x') << QString() << u"name"_s;
        QTest::addRow("line break") << u"ci\nbot"_s << QString() << u"name"_s;
        QTest::addRow("no at") << u"ci"_s << u"nobody"_s << u"email"_s;
        QTest::addRow("space") << u"ci"_s << u"no body@example.com"_s << u"email"_s;
        QTest::addRow("two ats") << u"ci"_s << u"a@b@c"_s << u"email"_s;
    }

    void validationNamesTheField()
    {
        QFETCH(QString, name);
        QFETCH(QString, email);
        QFETCH(QString, field);
        auto checked = ApiKey::validate(name,
                                        email.isNull() ? std::nullopt
                                                       : std::optional<QString>(email));
        QVERIFY(!checked);
        QCOMPARE(checked.error().code, ErrorCode::Validation);
        QCOMPARE(checked.error().field(), field);
    }

    void theIdentityIsTheEmailElseTheName()
    {
        auto named = ApiKey::validate(u" CI bot "_s, std::nullopt);
        QVERIFY(named);
        QCOMPARE(named->first, u"CI bot"_s);
        QCOMPARE(named->second, u"CI bot"_s);
        auto blank = ApiKey::validate(u"CI bot"_s, u""_s);
        QVERIFY(blank);
        QCOMPARE(blank->second, u"CI bot"_s);
        auto mailed = ApiKey::validate(u"CI bot"_s, u" ci@example.com "_s);
        QVERIFY(mailed);
        QCOMPARE(mailed->second, u"ci@example.com"_s);
        QVERIFY(ApiKey::validate(QString(100, u'x'), std::nullopt));
    }

    void storeRoundTripsListsAndRevokes()
    {
        const QDateTime t0 = Core::nowUtc().addSecs(-10);
        const ApiKey older = sampleKey(u"older"_s, t0);
        const ApiKey newer = sampleKey(u"newer"_s, t0.addSecs(1));
        auto inserted = await(
            m_db->write([older, newer](Core::SqlConnection &sql) -> Core::Result<void> {
                if (auto a = ApiKeyStore::insert(sql, older); !a)
                    return a;
                return ApiKeyStore::insert(sql, newer);
            }));
        QVERIFY(succeeded(inserted));

        auto found = await(m_db->read(
            [id = older.id](Core::SqlConnection &sql) { return ApiKeyStore::find(sql, id); }));
        QVERIFY(found && *found && **found);
        const ApiKey &back = ***found;
        QCOMPARE(back.name, u"older"_s);
        QCOMPARE(back.identity, u"older@example.com"_s);
        QCOMPARE(back.prefix, older.prefix);
        QCOMPARE(back.keyHash, older.keyHash);
        QCOMPARE(back.createdAt, older.createdAt);
        QVERIFY(!back.lastUsedAt.isValid());
        QVERIFY(!back.isRevoked());

        auto page = await(m_db->read(
            [](Core::SqlConnection &sql) { return ApiKeyStore::list(sql, Core::PageRequest{}); }));
        QVERIFY(page && *page);
        QCOMPARE((*page)->total, qint64(2));
        QCOMPARE((*page)->items.first().id, newer.id); // newest first

        const QDateTime at = Core::nowUtc();
        auto revoked = await(m_db->write([id = older.id, at](Core::SqlConnection &sql) {
            return ApiKeyStore::revoke(sql, id, at);
        }));
        QVERIFY(revoked && *revoked && **revoked);
        QCOMPARE((***revoked).revokedAt, at);
        // Revoking again keeps the first time.
        auto again = await(m_db->write([id = older.id, at](Core::SqlConnection &sql) {
            return ApiKeyStore::revoke(sql, id, at.addSecs(30));
        }));
        QVERIFY(again && *again && **again);
        QCOMPARE((***again).revokedAt, at);
        auto unknown = await(m_db->write([at](Core::SqlConnection &sql) {
            return ApiKeyStore::revoke(sql, ApiKeyId(u"key_nope"_s), at);
        }));
        QVERIFY(unknown && *unknown && !**unknown);

        auto active = await(
            m_db->read([](Core::SqlConnection &sql) { return ApiKeyStore::active(sql); }));
        QVERIFY(active && *active);
        QCOMPARE((*active)->size(), 1);
        QCOMPARE((*active)->first().id, newer.id);
    }

    void touchNeverMovesLastUseBackwards()
    {
        const ApiKey key = sampleKey(u"bot"_s, Core::nowUtc());
        QVERIFY(succeeded(await(m_db->write(
            [key](Core::SqlConnection &sql) { return ApiKeyStore::insert(sql, key); }))));
        const QDateTime later = Core::nowUtc().addSecs(60);
        auto touched = await(m_db->write([key, later](Core::SqlConnection &sql) {
            return ApiKeyStore::touch(sql, {{key.id, later}, {ApiKeyId(u"key_gone"_s), later}});
        }));
        QVERIFY(succeeded(touched));
        QVERIFY(succeeded(await(m_db->write([key, later](Core::SqlConnection &sql) {
            return ApiKeyStore::touch(sql, {{key.id, later.addSecs(-30)}});
        }))));
        auto found = await(m_db->read(
            [id = key.id](Core::SqlConnection &sql) { return ApiKeyStore::find(sql, id); }));
        QVERIFY(found && *found && **found);
        QCOMPARE((***found).lastUsedAt, later);
    }

    void theSecretIsShownOnceAndNeverStored()
    {
        ApiKeyService service(*m_db);
        service.load();
        QTRY_VERIFY(service.isLoaded());
        QVERIFY(!service.hasActiveKeys());

        auto created = await(service.create(u"CI"_s, u"ci@example.com"_s));
        QVERIFY(created && *created);
        const Core::NewApiKey &fresh = **created;
        QVERIFY(fresh.secret.startsWith(u"fdk_"_s));
        QVERIFY(fresh.key.id.toString().startsWith(u"key_"_s));
        QCOMPARE(fresh.key.prefix, fresh.secret.left(8));
        QCOMPARE(fresh.key.identity, u"ci@example.com"_s);
        QVERIFY(service.hasActiveKeys());

        m_db->close(); // everything on disk, in the file or its log
        const auto stored = rows(u"SELECT id, name, identity, prefix, key_hash FROM api_keys"_s, 5);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().at(0).toString(), fresh.key.id.toString());
        QCOMPARE(stored.first().at(2).toString(), u"ci@example.com"_s);
        QCOMPARE(stored.first().at(3).toString(), fresh.secret.left(8));
        const QString hash = stored.first().at(4).toString();
        QVERIFY(hash != fresh.secret);
        QCOMPARE(hash, ApiKey::hashOf(fresh.secret.toLatin1()));
        QVERIFY(!fileBytes().contains(fresh.secret.toLatin1()));
        QVERIFY(!fileBytes().contains(fresh.secret.mid(8).toLatin1()));
    }

    void authenticateMatchesWorkingKeysAndRecordsUse()
    {
        ApiKeyService service(*m_db);
        service.load();
        QTRY_VERIFY(service.isLoaded());
        auto created = await(service.create(u"bot"_s, std::nullopt));
        QVERIFY(created && *created);
        const QString secret = (*created)->secret;

        QVERIFY(!service.authenticate("fdk_wrong"));
        QVERIFY(!service.authenticate(""));
        auto grant = service.authenticate(secret.toLatin1());
        QVERIFY(grant);
        QCOMPARE(grant->id, (*created)->key.id);
        QCOMPARE(grant->identity, u"bot"_s);

        QVERIFY(succeeded(await(service.flushUsage())));
        auto used = await(service.get(grant->id));
        QVERIFY(used && *used);
        const QDateTime first = (*used)->lastUsedAt;
        QVERIFY(first.isValid());
        // A second use within the minute is not written again.
        QTest::qWait(5);
        QVERIFY(service.authenticate(secret.toLatin1()));
        QVERIFY(succeeded(await(service.flushUsage())));
        auto still = await(service.get(grant->id));
        QVERIFY(still && *still);
        QCOMPARE((*still)->lastUsedAt, first);

        auto revoked = await(service.revoke(grant->id));
        QVERIFY(revoked && *revoked);
        QVERIFY((*revoked)->isRevoked());
        QVERIFY(!service.authenticate(secret.toLatin1()));
        QVERIFY(!service.hasActiveKeys());

        auto unknown = await(service.revoke(ApiKeyId(u"key_unknown"_s)));
        QVERIFY(unknown && !*unknown);
        QCOMPARE(unknown->error().code, ErrorCode::NotFound);
        auto missing = await(service.get(ApiKeyId(u"key_unknown"_s)));
        QVERIFY(missing && !*missing);
        QCOMPARE(missing->error().code, ErrorCode::NotFound);
    }

    void loadBringsBackTheWorkingKeysOnly()
    {
        QString kept;
        QString dropped;
        {
            ApiKeyService first(*m_db);
            first.load();
            QTRY_VERIFY(first.isLoaded());
            auto a = await(first.create(u"kept"_s, std::nullopt));
            auto b = await(first.create(u"dropped"_s, std::nullopt));
            QVERIFY(a && *a && b && *b);
            kept = (*a)->secret;
            dropped = (*b)->secret;
            QVERIFY(succeeded(await(first.revoke((*b)->key.id))));
        }
        ApiKeyService second(*m_db);
        QSignalSpy loaded(&second, &ApiKeyService::loaded);
        QVERIFY(!second.isLoaded());
        second.load();
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(second.isLoaded());
        QVERIFY(second.hasActiveKeys());
        QVERIFY(second.authenticate(kept.toLatin1()));
        QVERIFY(!second.authenticate(dropped.toLatin1()));
    }
};

QTEST_GUILESS_MAIN(TestApiKeyStore)
#include "tst_apikeystore.moc"
