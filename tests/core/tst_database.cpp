// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/database.h"
#include "core/migrations.h"
#include "core/sqlconnection.h"
#include "tests/support/futures.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::Result;
using Core::SqlConnection;

class TestDatabase final : public QObject
{
    Q_OBJECT

private:
    QString path() const { return m_dir.filePath(u"forgedesk.sqlite"_s); }

    /// What a plain SQLite connection (not ours) sees in the file.
    QVariant scalar(const QString &sql)
    {
        QVariant value;
        {
            auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect"_s);
            db.setDatabaseName(path());
            db.open();
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                value = query.value(0);
        }
        QSqlDatabase::removeDatabase(u"inspect"_s);
        return value;
    }

    QTemporaryDir m_dir;

private Q_SLOTS:
    void init()
    {
        QFile::remove(path());
        QFile::remove(path() + u"-wal"_s);
        QFile::remove(path() + u"-shm"_s);
    }

    void migratesAnEmptyDatabaseToTheLatestVersion()
    {
        auto db = Core::Database::open(path());
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        QCOMPARE((*db)->schemaVersion(), Core::latestSchemaVersion());
        (*db)->close();
        QCOMPARE(scalar(u"SELECT MAX(version) FROM schema_version"_s).toInt(),
                 Core::latestSchemaVersion());
        QCOMPARE(scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sqlite_master WHERE name IN ('projects','tasks')"_s)
                     .toInt(),
                 2);
        // Migrating twice is a no-op.
        auto again = Core::Database::open(path());
        QVERIFY(again);
        QCOMPARE((*again)->schemaVersion(), Core::latestSchemaVersion());
    }

    void migratesFromEveryEarlierVersionKeepingData_data()
    {
        QTest::addColumn<int>("previous");
        for (int version = 1; version < Core::latestSchemaVersion(); ++version)
            QTest::addRow("from v%d", version) << version;
    }

    void migratesFromEveryEarlierVersionKeepingData()
    {
        QFETCH(int, previous);
        {
            Core::Database::Options options;
            options.migrateUpTo = previous;
            auto old = Core::Database::open(path(), options);
            QVERIFY(old);
            QCOMPARE((*old)->schemaVersion(), previous);
            auto written = Test::await((*old)->write([](SqlConnection &sql) -> Result<bool> {
                for (const QString &statement :
                     {u"INSERT INTO projects (id, name, repo_path, base_branch, created_at, updated_at) VALUES "
                      "('proj_1', 'P', '/r', 'main', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"_s,
                      u"INSERT INTO tasks (id, project_id, title, description, created_at, updated_at) VALUES "
                      "('task_1', 'proj_1', 'ÉCOLE Straße', 'Ünïcode body', '2026-01-01T00:00:00.000Z', "
                      "'2026-01-01T00:00:00.000Z')"_s}) {
                    if (auto done = sql.exec(statement); !done)
                        return Core::fail(done.error());
                }
                return true;
            }));
            QVERIFY(written && *written);
            if (previous >= 3) {
                auto attempt = Test::await((*old)->write([](SqlConnection &sql) -> Result<bool> {
                    if (auto done = sql.exec(
                            u"INSERT INTO attempts (id, task_id, llm, status, created_at, updated_at) "
                            "VALUES ('attempt_1', 'task_1', 'claude', 'running', "
                            "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"_s);
                        !done)
                        return Core::fail(done.error());
                    return true;
                }));
                QVERIFY(attempt && *attempt);
            }
        }
        auto db = Core::Database::open(path());
        QVERIFY(db);
        QCOMPARE((*db)->schemaVersion(), Core::latestSchemaVersion());
        (*db)->close();
        QCOMPARE(scalar(u"SELECT title FROM tasks WHERE id = 'task_1'"_s).toString(),
                 u"ÉCOLE Straße"_s);
        // The step that added case-insensitive search folded the rows that were already there.
        if (previous < 2) {
            QCOMPARE(scalar(u"SELECT search_text FROM tasks WHERE id = 'task_1'"_s).toString(),
                     QString(u"ÉCOLE Straße\nÜnïcode body"_s).toCaseFolded());
        }
        // The step that put the attempt summary on tasks filled it in for existing attempts.
        const bool hadAttempt = previous >= 3;
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM attempts"_s).toInt(), hadAttempt ? 1 : 0);
        QCOMPARE(scalar(u"SELECT attempt_count FROM tasks WHERE id = 'task_1'"_s).toInt(),
                 hadAttempt ? 1 : 0);
        QCOMPARE(scalar(u"SELECT has_running_attempt FROM tasks WHERE id = 'task_1'"_s).toInt(),
                 hadAttempt ? 1 : 0);
        QCOMPARE(scalar(u"SELECT latest_attempt_status FROM tasks WHERE id = 'task_1'"_s).toString(),
                 hadAttempt ? u"running"_s : QString());
    }

    void refusesADatabaseFromANewerForgedesk()
    {
        {
            auto db = Core::Database::open(path());
            QVERIFY(db);
            auto bumped = Test::await((*db)->write([](SqlConnection &sql) -> Result<bool> {
                if (auto done = sql.exec(
                        u"INSERT INTO schema_version VALUES (999, 'future', 'now')"_s);
                    !done)
                    return Core::fail(done.error());
                return true;
            }));
            QVERIFY(bumped && *bumped);
        }
        auto db = Core::Database::open(path());
        QVERIFY(!db);
        QVERIFY2(db.error().message.contains(u"newer Forgedesk"_s), qPrintable(db.error().message));
        QVERIFY(db.error().message.contains(u"999"_s));
    }

    void writesAreDurableAndReadable()
    {
        auto db = Core::Database::open(path());
        QVERIFY(db);
        QCOMPARE(scalar(u"PRAGMA synchronous"_s).toInt() >= 0, true);
        auto created = Test::await((*db)->write([](SqlConnection &sql) -> Result<int> {
            if (auto done = sql.exec(u"CREATE TABLE t (v INTEGER)"_s); !done)
                return Core::fail(done.error());
            return 1;
        }));
        QVERIFY(created && *created);
        // Many writes in flight at once are committed in batches; each gets its own answer.
        QList<Core::Future<Result<int>>> writes;
        for (int i = 0; i < 500; ++i) {
            writes.append((*db)->write([i](SqlConnection &sql) -> Result<int> {
                auto insert = sql.prepare(u"INSERT INTO t (v) VALUES (?)"_s);
                if (!insert)
                    return Core::fail(insert.error());
                insert->bind(0, i);
                if (auto done = insert->exec(); !done)
                    return Core::fail(done.error());
                return i;
            }));
        }
        for (int i = 0; i < writes.size(); ++i) {
            auto result = Test::await(writes.at(i));
            QVERIFY(result && *result);
            QCOMPARE(**result, i);
        }
        auto count = Test::await((*db)->read([](SqlConnection &sql) -> Result<qint64> {
            auto query = sql.prepare(u"SELECT COUNT(*), SUM(v) FROM t"_s);
            if (!query)
                return Core::fail(query.error());
            if (auto done = query->exec(); !done)
                return Core::fail(done.error());
            return query->next()
                       ? query->value(0).toLongLong() * 1'000'000 + query->value(1).toLongLong()
                       : 0;
        }));
        QVERIFY(count && *count);
        QCOMPARE(**count, 500LL * 1'000'000 + 499LL * 500 / 2);
    }

    void aFailingJobDoesNotUndoItsBatchNeighbours()
    {
        auto db = Core::Database::open(path());
        QVERIFY(db);
        QVERIFY(Test::await((*db)->write([](SqlConnection &sql) -> Result<int> {
            if (auto done = sql.exec(u"CREATE TABLE u (v INTEGER UNIQUE)"_s); !done)
                return Core::fail(done.error());
            return 0;
        })));
        auto insert = [&](int v) {
            return (*db)->write([v](SqlConnection &sql) -> Result<int> {
                auto query = sql.prepare(u"INSERT INTO u (v) VALUES (?)"_s);
                if (!query)
                    return Core::fail(query.error());
                query->bind(0, v);
                if (auto done = query->exec(); !done)
                    return Core::fail(done.error());
                return v;
            });
        };
        // Queued together, so they share one transaction; the middle one violates UNIQUE.
        auto first = insert(1);
        auto duplicate = insert(1);
        auto third = insert(3);
        auto failing = (*db)->write([](SqlConnection &sql) -> Result<int> {
            (void) sql.exec(u"INSERT INTO u (v) VALUES (4)"_s);
            return Core::fail(Core::Error::validation(u"x"_s, u"refused after writing"_s));
        });
        QVERIFY(Test::await(first)->has_value());
        QVERIFY(!Test::await(duplicate)->has_value());
        QVERIFY(Test::await(third)->has_value());
        QVERIFY(!Test::await(failing)->has_value());
        (*db)->close();
        QCOMPARE(scalar(u"SELECT group_concat(v) FROM (SELECT v FROM u ORDER BY v)"_s).toString(),
                 u"1,3"_s);
    }

    void closingAnswersPendingAndLaterJobs()
    {
        auto db = Core::Database::open(path());
        QVERIFY(db);
        (*db)->close();
        auto late = Test::await((*db)->read([](SqlConnection &) -> Result<int> { return 1; }));
        QVERIFY(late);
        QVERIFY(!late->has_value());
        QCOMPARE(late->error().code, Core::ErrorCode::Unavailable);
    }

    void reportsAnUnwritableLocation()
    {
        auto db = Core::Database::open(u"/proc/forgedesk-cannot-be-here/db.sqlite"_s);
        QVERIFY(!db);
        QVERIFY(!db.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
