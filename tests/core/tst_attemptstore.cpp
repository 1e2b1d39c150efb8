// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attemptstore.h"
#include "core/database.h"
#include "core/projectstore.h"
#include "core/taskstore.h"
#include "tests/support/futures.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Core;

Q_DECLARE_METATYPE(Core::AttemptQuery)
Q_DECLARE_METATYPE(Core::ProcessQuery)

/// Attempts and their execution processes on a real SQLite file: every column, foreign keys,
/// cascades, filters and paging.
class TestAttemptStore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;

    const TaskId m_task1{u"task_1"_s};
    const TaskId m_task2{u"task_2"_s};

    static constexpr qint64 t0 = 1'760'000'000'000;

    static QDateTime at(qint64 offsetMs)
    {
        return QDateTime::fromMSecsSinceEpoch(t0 + offsetMs, Qt::UTC);
    }

    static Attempt makeAttempt(const QString &id,
                               const TaskId &task,
                               const QString &llm,
                               AttemptStatus status,
                               qint64 createdOffsetMs)
    {
        Attempt attempt;
        attempt.id = AttemptId(id);
        attempt.taskId = task;
        attempt.llm = llm;
        attempt.status = status;
        attempt.branch = u"forge/"_s + id;
        attempt.createdAt = attempt.updatedAt = at(createdOffsetMs);
        return attempt;
    }

    static ExecutionProcess makeProcess(const QString &id,
                                        const AttemptId &attempt,
                                        ProcessKind kind,
                                        ProcessStatus status,
                                        qint64 createdOffsetMs)
    {
        ExecutionProcess process;
        process.id = ProcessId(id);
        process.attemptId = attempt;
        process.kind = kind;
        process.status = status;
        process.createdAt = at(createdOffsetMs);
        return process;
    }

    template<typename F>
    auto write(F job) -> std::invoke_result_t<F &, SqlConnection &>
    {
        using R = std::invoke_result_t<F &, SqlConnection &>;
        auto result = Test::await(m_db->write(std::move(job)));
        return result ? *result : R(fail(Error::internal(u"timed out"_s)));
    }

    template<typename F>
    auto read(F job) -> std::invoke_result_t<F &, SqlConnection &>
    {
        using R = std::invoke_result_t<F &, SqlConnection &>;
        auto result = Test::await(m_db->read(std::move(job)));
        return result ? *result : R(fail(Error::internal(u"timed out"_s)));
    }

    Result<void> insert(const Attempt &attempt)
    {
        return write([attempt](SqlConnection &sql) { return AttemptStore::insert(sql, attempt); });
    }

    Result<void> insert(const ExecutionProcess &process)
    {
        return write([process](SqlConnection &sql) { return AttemptStore::insert(sql, process); });
    }

    std::optional<Attempt> find(const AttemptId &id)
    {
        auto found = read([id](SqlConnection &sql) { return AttemptStore::find(sql, id); });
        return found ? *found : std::nullopt;
    }

    std::optional<ExecutionProcess> findProcess(const ProcessId &id)
    {
        auto found = read([id](SqlConnection &sql) { return AttemptStore::findProcess(sql, id); });
        return found ? *found : std::nullopt;
    }

    template<typename T>
    static QStringList idsOf(const QList<T> &items)
    {
        QStringList ids;
        for (const T &item : items)
            ids.append(item.id.toString());
        return ids;
    }

    qint64 count(const QString &table)
    {
        auto counted = read([table](SqlConnection &sql) -> Result<qint64> {
            auto statement = sql.prepare(u"SELECT COUNT(*) FROM "_s + table);
            if (!statement)
                return fail(statement.error());
            if (auto ran = statement->exec(); !ran)
                return fail(ran.error());
            return statement->next() ? statement->value(0).toLongLong() : -1;
        });
        return counted.value_or(-1);
    }

    /// Five attempts over two tasks and three agents, created 1 s apart.
    void seedAttempts()
    {
        QVERIFY(insert(
            makeAttempt(u"attempt_1"_s, m_task1, u"claude"_s, AttemptStatus::Completed, 1000)));
        QVERIFY(
            insert(makeAttempt(u"attempt_2"_s, m_task1, u"codex"_s, AttemptStatus::Failed, 2000)));
        QVERIFY(insert(
            makeAttempt(u"attempt_3"_s, m_task2, u"claude"_s, AttemptStatus::Running, 3000)));
        QVERIFY(insert(
            makeAttempt(u"attempt_4"_s, m_task1, u"claude"_s, AttemptStatus::Created, 4000)));
        QVERIFY(insert(
            makeAttempt(u"attempt_5"_s, m_task2, u"gemini"_s, AttemptStatus::Cancelled, 5000)));
    }

    /// Processes of attempt_1 and attempt_3, created out of id order.
    void seedProcesses()
    {
        seedAttempts();
        const AttemptId a1(u"attempt_1"_s);
        const AttemptId a3(u"attempt_3"_s);
        QVERIFY(insert(
            makeProcess(u"proc_c"_s, a1, ProcessKind::Cleanup, ProcessStatus::Completed, 300)));
        QVERIFY(insert(
            makeProcess(u"proc_a"_s, a1, ProcessKind::Setup, ProcessStatus::Completed, 100)));
        QVERIFY(
            insert(makeProcess(u"proc_b"_s, a1, ProcessKind::Agent, ProcessStatus::Failed, 200)));
        QVERIFY(
            insert(makeProcess(u"proc_d"_s, a3, ProcessKind::Agent, ProcessStatus::Running, 400)));
        QVERIFY(insert(
            makeProcess(u"proc_e"_s, a3, ProcessKind::DevServer, ProcessStatus::Running, 500)));
    }

private Q_SLOTS:
    // Every test starts from a fresh file, so the migration log would drown the output.
    void initTestCase() { QLoggingCategory::setFilterRules(u"forgedesk.database.info=false"_s); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(u"store.sqlite"_s);
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(path + suffix);
        auto db = Database::open(path);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        m_db = std::move(*db);
        auto seeded = write([this](SqlConnection &sql) -> Result<bool> {
            Project project;
            project.id = ProjectId(u"proj_1"_s);
            project.name = u"p"_s;
            project.repoPath = u"/repos/p"_s;
            project.baseBranch = u"main"_s;
            project.createdAt = project.updatedAt = at(0);
            if (auto done = ProjectStore::insert(sql, project); !done)
                return fail(done.error());
            for (const TaskId &id : {m_task1, m_task2}) {
                Task task;
                task.id = id;
                task.projectId = project.id;
                task.title = id.toString();
                task.createdAt = task.updatedAt = at(0);
                if (auto done = TaskStore::insert(sql, task); !done)
                    return fail(done.error());
            }
            return true;
        });
        QVERIFY2(seeded, qPrintable(seeded ? QString() : seeded.error().message));
    }

    void cleanup() { m_db.reset(); }

    void anAttemptReadsBackWithEveryField()
    {
        Attempt attempt
            = makeAttempt(u"attempt_full"_s, m_task1, u"claude"_s, AttemptStatus::Completed, 10);
        attempt.variant = u"PLAN"_s;
        attempt.model = u"claude-opus-4"_s;
        attempt.description = u"Use the “new” parser; don't touch ünïcode ✓\nsecond line"_s;
        attempt.options = {.temperature = 0.25, .maxTokens = 4096, .timeoutMs = 600'000};
        attempt.queued = true;
        attempt.worktreePath = u"/repo/.forge/worktrees/fix-k3j9x2ab"_s;
        attempt.baseBranch = u"main"_s;
        attempt.baseCommit = u"0123456789abcdef0123456789abcdef01234567"_s;
        attempt.failureReason = u"timeout"_s;
        attempt.changes = {.filesChanged = 3,
                           .filesCreated = 1,
                           .filesModified = 1,
                           .filesDeleted = 1,
                           .linesAdded = 40,
                           .linesRemoved = 7,
                           .descriptions = {u"Created src/a, b.ts"_s,
                                            u"Modified \"README\".md"_s,
                                            u"Deleted 日本.txt"_s}};
        attempt.usage = {.inputTokens = 12'345'678'901, .outputTokens = 42, .totalCost = 0.1234};
        attempt.summary = u"Done."_s;
        attempt.commitSha = u"fedcba9876543210fedcba9876543210fedcba98"_s;
        attempt.agentProcessId = ProcessId(u"proc_x"_s);
        attempt.mergedAt = at(9000);
        attempt.worktreeRemoved = true;
        attempt.queuedAt = at(20);
        attempt.startedAt = at(30);
        attempt.completedAt = at(8000);
        attempt.updatedAt = at(9001);
        QVERIFY(insert(attempt));

        const auto found = find(attempt.id);
        QVERIFY(found);
        QCOMPARE(found->id, attempt.id);
        QCOMPARE(found->taskId, attempt.taskId);
        QCOMPARE(found->llm, attempt.llm);
        QCOMPARE(found->variant, attempt.variant);
        QCOMPARE(found->model, attempt.model);
        QCOMPARE(found->description, attempt.description);
        QCOMPARE(found->options.temperature, attempt.options.temperature);
        QCOMPARE(found->options.maxTokens, attempt.options.maxTokens);
        QCOMPARE(found->options.timeoutMs, attempt.options.timeoutMs);
        QCOMPARE(found->status, attempt.status);
        QCOMPARE(found->queued, true);
        QCOMPARE(found->branch, attempt.branch);
        QCOMPARE(found->worktreePath, attempt.worktreePath);
        QCOMPARE(found->baseBranch, attempt.baseBranch);
        QCOMPARE(found->baseCommit, attempt.baseCommit);
        QCOMPARE(found->failureReason, attempt.failureReason);
        QCOMPARE(found->changes, attempt.changes);
        QCOMPARE(found->usage, attempt.usage);
        QCOMPARE(found->summary, attempt.summary);
        QCOMPARE(found->commitSha, attempt.commitSha);
        QCOMPARE(found->agentProcessId, attempt.agentProcessId);
        QCOMPARE(found->mergedAt, attempt.mergedAt);
        QCOMPARE(found->worktreeRemoved, true);
        QCOMPARE(found->createdAt, attempt.createdAt);
        QCOMPARE(found->queuedAt, attempt.queuedAt);
        QCOMPARE(found->startedAt, attempt.startedAt);
        QCOMPARE(found->completedAt, attempt.completedAt);
        QCOMPARE(found->updatedAt, attempt.updatedAt);
        QCOMPARE(found->durationMs(), std::optional<qint64>(7970));
    }

    void unsetFieldsOfAnAttemptReadBackUnset()
    {
        const Attempt attempt
            = makeAttempt(u"attempt_min"_s, m_task1, u"codex"_s, AttemptStatus::Created, 0);
        QVERIFY(insert(attempt));
        const auto found = find(attempt.id);
        QVERIFY(found);
        QVERIFY(!found->variant);
        QVERIFY(!found->model);
        QVERIFY(!found->options.temperature);
        QVERIFY(!found->options.maxTokens);
        QVERIFY(!found->options.timeoutMs);
        QVERIFY(!found->failureReason);
        QVERIFY(!found->commitSha);
        QVERIFY(!found->agentProcessId);
        QVERIFY(!found->mergedAt);
        QVERIFY(!found->queued);
        QVERIFY(!found->worktreeRemoved);
        QVERIFY(!found->queuedAt.isValid());
        QVERIFY(!found->startedAt.isValid());
        QVERIFY(!found->completedAt.isValid());
        QVERIFY(!found->durationMs());
        QCOMPARE(found->changes, ChangeStats{});
        QCOMPARE(found->usage, Usage{});
    }

    void anUnknownAttemptIsNotFoundWithoutAnError()
    {
        auto found = read(
            [](SqlConnection &sql) { return AttemptStore::find(sql, AttemptId(u"attempt_no"_s)); });
        QVERIFY(found);
        QVERIFY(!found->has_value());
        auto processes = read([](SqlConnection &sql) {
            return AttemptStore::processesOf(sql, AttemptId(u"attempt_no"_s));
        });
        QVERIFY(processes);
        QVERIFY(processes->isEmpty());
    }

    void anAttemptForAnUnknownTaskIsRefused()
    {
        auto inserted = insert(makeAttempt(u"attempt_orphan"_s,
                                           TaskId(u"task_nope"_s),
                                           u"claude"_s,
                                           AttemptStatus::Created,
                                           0));
        QVERIFY(!inserted);
        QVERIFY2(inserted.error().message.contains(u"FOREIGN KEY"_s, Qt::CaseInsensitive),
                 qPrintable(inserted.error().message));
        QCOMPARE(count(u"attempts"_s), 0);
    }

    void aDuplicateAttemptIdIsRefused()
    {
        QVERIFY(
            insert(makeAttempt(u"attempt_1"_s, m_task1, u"claude"_s, AttemptStatus::Created, 0)));
        QVERIFY(
            !insert(makeAttempt(u"attempt_1"_s, m_task2, u"codex"_s, AttemptStatus::Running, 1)));
        QCOMPARE(count(u"attempts"_s), 1);
        QCOMPARE(find(AttemptId(u"attempt_1"_s))->llm, u"claude"_s);
    }

    void anUpdateOverwritesEveryColumn()
    {
        Attempt attempt
            = makeAttempt(u"attempt_u"_s, m_task1, u"claude"_s, AttemptStatus::Running, 0);
        attempt.variant = u"PLAN"_s;
        attempt.commitSha = u"abc"_s;
        attempt.options.timeoutMs = 1000;
        QVERIFY(insert(attempt));

        attempt.status = AttemptStatus::Failed;
        attempt.variant = std::nullopt;
        attempt.commitSha = std::nullopt;
        attempt.options = {};
        attempt.failureReason = u"interrupted"_s;
        attempt.changes.filesChanged = 2;
        attempt.usage.totalCost = 1.5;
        attempt.completedAt = at(500);
        attempt.updatedAt = at(501);
        QVERIFY(write([attempt](SqlConnection &sql) { return AttemptStore::update(sql, attempt); }));

        const auto found = find(attempt.id);
        QVERIFY(found);
        QCOMPARE(found->status, AttemptStatus::Failed);
        QVERIFY(!found->variant);
        QVERIFY(!found->commitSha);
        QVERIFY(!found->options.timeoutMs);
        QCOMPARE(found->failureReason, std::optional<QString>(u"interrupted"_s));
        QCOMPARE(found->changes.filesChanged, 2);
        QCOMPARE(found->usage.totalCost, 1.5);
        QCOMPARE(found->completedAt, at(500));
        QCOMPARE(found->updatedAt, at(501));
        QCOMPARE(count(u"attempts"_s), 1);
    }

    void updatingAnUnknownAttemptIsNotFound()
    {
        const Attempt ghost
            = makeAttempt(u"attempt_ghost"_s, m_task1, u"claude"_s, AttemptStatus::Running, 0);
        auto updated = write(
            [ghost](SqlConnection &sql) { return AttemptStore::update(sql, ghost); });
        QVERIFY(!updated);
        QCOMPARE(updated.error().code, ErrorCode::NotFound);
        QCOMPARE(updated.error().details.value(u"resource"_s).toString(), u"attempt"_s);
        QCOMPARE(count(u"attempts"_s), 0);
    }

    void anUpdateCannotMoveAnAttemptToAnUnknownTask()
    {
        Attempt attempt
            = makeAttempt(u"attempt_m"_s, m_task1, u"claude"_s, AttemptStatus::Created, 0);
        QVERIFY(insert(attempt));
        attempt.taskId = TaskId(u"task_nope"_s);
        QVERIFY(
            !write([attempt](SqlConnection &sql) { return AttemptStore::update(sql, attempt); }));
        QCOMPARE(find(attempt.id)->taskId, m_task1);
    }

    void listingFilters_data()
    {
        QTest::addColumn<AttemptQuery>("query");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("everything, newest first") << AttemptQuery{}
                                                  << QStringList{u"attempt_5"_s,
                                                                 u"attempt_4"_s,
                                                                 u"attempt_3"_s,
                                                                 u"attempt_2"_s,
                                                                 u"attempt_1"_s};
        QTest::newRow("one task") << AttemptQuery{.taskId = m_task2}
                                  << QStringList{u"attempt_5"_s, u"attempt_3"_s};
        QTest::newRow("one agent") << AttemptQuery{.llm = u"claude"_s}
                                   << QStringList{u"attempt_4"_s, u"attempt_3"_s, u"attempt_1"_s};
        QTest::newRow("one status")
            << AttemptQuery{.statuses = {AttemptStatus::Failed}} << QStringList{u"attempt_2"_s};
        QTest::newRow("any of two statuses")
            << AttemptQuery{.statuses = {AttemptStatus::Completed, AttemptStatus::Running}}
            << QStringList{u"attempt_3"_s, u"attempt_1"_s};
        QTest::newRow("task and agent") << AttemptQuery{.taskId = m_task1, .llm = u"claude"_s}
                                        << QStringList{u"attempt_4"_s, u"attempt_1"_s};
        QTest::newRow("task, agent and status")
            << AttemptQuery{.taskId = m_task1,
                            .llm = u"claude"_s,
                            .statuses = {AttemptStatus::Created}}
            << QStringList{u"attempt_4"_s};
        QTest::newRow("nothing matches")
            << AttemptQuery{.taskId = m_task2, .statuses = {AttemptStatus::Failed}}
            << QStringList{};
        QTest::newRow("unknown task")
            << AttemptQuery{.taskId = TaskId(u"task_nope"_s)} << QStringList{};
        QTest::newRow("agent name is exact") << AttemptQuery{.llm = u"Claude"_s} << QStringList{};
        QTest::newRow("agent name is not a pattern")
            << AttemptQuery{.llm = u"%"_s} << QStringList{};
    }

    void listingFilters()
    {
        QFETCH(AttemptQuery, query);
        QFETCH(QStringList, expected);
        seedAttempts();
        auto page = read([query](SqlConnection &sql) {
            const ReadTransaction snapshot(sql);
            return AttemptStore::list(sql, query);
        });
        QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
        QCOMPARE(idsOf(page->items), expected);
        QCOMPARE(page->total, expected.size());
    }

    void listingPages()
    {
        seedAttempts();
        auto listPage = [this](int page, int limit) {
            return read([page, limit](SqlConnection &sql) {
                return AttemptStore::list(sql, {.page = {page, limit}});
            });
        };
        QStringList seen;
        for (int page = 1; page <= 3; ++page) {
            auto result = listPage(page, 2);
            QVERIFY(result);
            QCOMPARE(result->total, 5);
            QCOMPARE(result->pages(), 3);
            QCOMPARE(result->hasNext(), page < 3);
            QCOMPARE(result->hasPrev(), page > 1);
            seen += idsOf(result->items);
        }
        QCOMPARE(seen,
                 (QStringList{u"attempt_5"_s,
                              u"attempt_4"_s,
                              u"attempt_3"_s,
                              u"attempt_2"_s,
                              u"attempt_1"_s}));
        auto past = listPage(4, 2);
        QVERIFY(past);
        QVERIFY(past->items.isEmpty());
        QCOMPARE(past->total, 5);
        QCOMPARE(listPage(1, PageRequest::maxLimit)->items.size(), 5);

        for (auto [page, limit, field] : {std::tuple{0, 2, u"page"_s},
                                          std::tuple{1, 0, u"limit"_s},
                                          std::tuple{1, PageRequest::maxLimit + 1, u"limit"_s}}) {
            auto refused = listPage(page, limit);
            QVERIFY(!refused);
            QCOMPARE(refused.error().code, ErrorCode::Validation);
            QCOMPARE(refused.error().field(), field);
        }
    }

    void attemptsOfATaskComeOldestFirst()
    {
        seedAttempts();
        auto attempts = read(
            [this](SqlConnection &sql) { return AttemptStore::forTask(sql, m_task1); });
        QVERIFY(attempts);
        QCOMPARE(idsOf(*attempts), (QStringList{u"attempt_1"_s, u"attempt_2"_s, u"attempt_4"_s}));
    }

    void attemptsWithAStatus()
    {
        seedAttempts();
        auto running = read([](SqlConnection &sql) {
            return AttemptStore::withStatus(sql, AttemptStatus::Running);
        });
        QVERIFY(running);
        QCOMPARE(idsOf(*running), QStringList{u"attempt_3"_s});
        auto none = read([](SqlConnection &sql) {
            return AttemptStore::withStatus(sql, AttemptStatus::Created);
        });
        QVERIFY(none);
        QCOMPARE(idsOf(*none), QStringList{u"attempt_4"_s});
    }

    void queuedAttemptsComeInTheOrderTheyQueued()
    {
        // Created in one order, queued in another: the queue follows queuedAt.
        QList<Attempt> attempts;
        for (int i = 1; i <= 4; ++i)
            attempts.append(makeAttempt(u"attempt_%1"_s.arg(i),
                                        m_task1,
                                        u"claude"_s,
                                        AttemptStatus::Created,
                                        i * 1000));
        attempts[0].queued = true;
        attempts[0].queuedAt = at(30'000);
        attempts[1].queued = true;
        attempts[1].queuedAt = at(10'000);
        attempts[3].queued = true;
        attempts[3].queuedAt = at(20'000);
        for (const Attempt &attempt : attempts)
            QVERIFY(insert(attempt));
        auto queued = read([](SqlConnection &sql) { return AttemptStore::queued(sql); });
        QVERIFY(queued);
        QCOMPARE(idsOf(*queued), (QStringList{u"attempt_2"_s, u"attempt_4"_s, u"attempt_1"_s}));
    }

    void removingAnAttemptRemovesItsProcesses()
    {
        seedProcesses();
        QVERIFY(write([](SqlConnection &sql) {
            return AttemptStore::remove(sql, AttemptId(u"attempt_1"_s));
        }));
        QVERIFY(!find(AttemptId(u"attempt_1"_s)));
        QCOMPARE(count(u"attempts"_s), 4);
        QVERIFY(!findProcess(ProcessId(u"proc_a"_s)));
        QCOMPARE(count(u"processes"_s), 2); // attempt_3's
    }

    void removingAnUnknownAttemptIsNotFound()
    {
        seedAttempts();
        auto removed = write([](SqlConnection &sql) {
            return AttemptStore::remove(sql, AttemptId(u"attempt_9"_s));
        });
        QVERIFY(!removed);
        QCOMPARE(removed.error().code, ErrorCode::NotFound);
        QCOMPARE(count(u"attempts"_s), 5);
    }

    void removingATaskRemovesItsAttemptsAndTheirProcesses()
    {
        seedProcesses();
        QVERIFY(write([this](SqlConnection &sql) { return TaskStore::remove(sql, m_task1); }));
        QCOMPARE(count(u"attempts"_s), 2);
        auto left = read([](SqlConnection &sql) { return AttemptStore::list(sql, {}); });
        QVERIFY(left);
        QCOMPARE(idsOf(left->items), (QStringList{u"attempt_5"_s, u"attempt_3"_s}));
        QCOMPARE(count(u"processes"_s), 2);
    }

    void aProcessReadsBackWithEveryField()
    {
        seedAttempts();
        ExecutionProcess process = makeProcess(u"proc_full"_s,
                                               AttemptId(u"attempt_1"_s),
                                               ProcessKind::Agent,
                                               ProcessStatus::Completed,
                                               50);
        process.executor = u"claude"_s;
        process.command = {u"/usr/bin/claude"_s,
                           u"-p"_s,
                           u"fix \"it\", then $(say) done"_s,
                           u"--verbose"_s,
                           u"日本語"_s,
                           u""_s};
        process.prompt = u"fix \"it\", then $(say) done"_s;
        process.sessionId = u"sess-1"_s;
        process.pid = 4'194'303;
        process.pidStartTicks = 123'456'789'012;
        process.exitCode = -9;
        process.failureReason = u"killed"_s;
        process.logPath = u"logs/attempt_1/proc_full.ndjson"_s;
        process.logBytes = 5'000'000'000;
        process.logEntries = 1234;
        process.usage = {.inputTokens = 10, .outputTokens = 20, .totalCost = 0.5};
        process.startedAt = at(60);
        process.completedAt = at(70);
        QVERIFY(insert(process));

        const auto found = findProcess(process.id);
        QVERIFY(found);
        QCOMPARE(found->id, process.id);
        QCOMPARE(found->attemptId, process.attemptId);
        QCOMPARE(found->kind, process.kind);
        QCOMPARE(found->status, process.status);
        QCOMPARE(found->executor, process.executor);
        QCOMPARE(found->command, process.command);
        QCOMPARE(found->prompt, process.prompt);
        QCOMPARE(found->sessionId, process.sessionId);
        QCOMPARE(found->pid, process.pid);
        QCOMPARE(found->pidStartTicks, process.pidStartTicks);
        QCOMPARE(found->exitCode, process.exitCode);
        QCOMPARE(found->failureReason, process.failureReason);
        QCOMPARE(found->logPath, process.logPath);
        QCOMPARE(found->logBytes, process.logBytes);
        QCOMPARE(found->logEntries, process.logEntries);
        QCOMPARE(found->usage, process.usage);
        QCOMPARE(found->createdAt, process.createdAt);
        QCOMPARE(found->startedAt, process.startedAt);
        QCOMPARE(found->completedAt, process.completedAt);
    }

    void unsetFieldsOfAProcessReadBackUnset()
    {
        seedAttempts();
        const ExecutionProcess process = makeProcess(u"proc_min"_s,
                                                     AttemptId(u"attempt_2"_s),
                                                     ProcessKind::Setup,
                                                     ProcessStatus::Pending,
                                                     0);
        QVERIFY(insert(process));
        const auto found = findProcess(process.id);
        QVERIFY(found);
        QVERIFY(!found->sessionId);
        QVERIFY(!found->pid);
        QVERIFY(!found->pidStartTicks);
        QVERIFY(!found->exitCode);
        QVERIFY(!found->failureReason);
        QVERIFY(found->command.isEmpty());
        QVERIFY(!found->startedAt.isValid());
        QVERIFY(!found->completedAt.isValid());
        // Exit code 0 is a value, not "unset".
        ExecutionProcess zero = process;
        zero.id = ProcessId(u"proc_zero"_s);
        zero.exitCode = 0;
        zero.pid = 0;
        QVERIFY(insert(zero));
        QCOMPARE(findProcess(zero.id)->exitCode, std::optional<int>(0));
        QCOMPARE(findProcess(zero.id)->pid, std::optional<qint64>(0));
    }

    void aProcessForAnUnknownAttemptIsRefused()
    {
        auto inserted = insert(makeProcess(u"proc_orphan"_s,
                                           AttemptId(u"attempt_nope"_s),
                                           ProcessKind::Agent,
                                           ProcessStatus::Pending,
                                           0));
        QVERIFY(!inserted);
        QVERIFY2(inserted.error().message.contains(u"FOREIGN KEY"_s, Qt::CaseInsensitive),
                 qPrintable(inserted.error().message));
        QCOMPARE(count(u"processes"_s), 0);
    }

    void anUnknownProcessIsNotFound()
    {
        QVERIFY(!findProcess(ProcessId(u"proc_nope"_s)));
        const ExecutionProcess ghost = makeProcess(u"proc_ghost"_s,
                                                   AttemptId(u"attempt_1"_s),
                                                   ProcessKind::Agent,
                                                   ProcessStatus::Running,
                                                   0);
        auto updated = write(
            [ghost](SqlConnection &sql) { return AttemptStore::update(sql, ghost); });
        QVERIFY(!updated);
        QCOMPARE(updated.error().code, ErrorCode::NotFound);
        QCOMPARE(updated.error().details.value(u"resource"_s).toString(), u"process"_s);
    }

    void aProcessUpdateOverwritesItsColumns()
    {
        seedProcesses();
        ExecutionProcess process = *findProcess(ProcessId(u"proc_d"_s));
        process.status = ProcessStatus::Completed;
        process.exitCode = 0;
        process.pid = 777;
        process.sessionId = u"sess-9"_s;
        process.logBytes = 99;
        process.completedAt = at(900);
        QVERIFY(write([process](SqlConnection &sql) { return AttemptStore::update(sql, process); }));
        const auto found = findProcess(process.id);
        QVERIFY(found);
        QCOMPARE(found->status, ProcessStatus::Completed);
        QCOMPARE(found->exitCode, std::optional<int>(0));
        QCOMPARE(found->pid, std::optional<qint64>(777));
        QCOMPARE(found->sessionId, std::optional<QString>(u"sess-9"_s));
        QCOMPARE(found->logBytes, 99);
        QCOMPARE(found->completedAt, at(900));
        QCOMPARE(found->attemptId, AttemptId(u"attempt_3"_s));
    }

    void theProcessesOfAnAttemptComeInCreationOrder()
    {
        seedProcesses();
        auto processes = read([](SqlConnection &sql) {
            return AttemptStore::processesOf(sql, AttemptId(u"attempt_1"_s));
        });
        QVERIFY(processes);
        QCOMPARE(idsOf(*processes), (QStringList{u"proc_a"_s, u"proc_b"_s, u"proc_c"_s}));
        auto none = read([](SqlConnection &sql) {
            return AttemptStore::processesOf(sql, AttemptId(u"attempt_2"_s));
        });
        QVERIFY(none && none->isEmpty());
    }

    void processesWithAStatus()
    {
        seedProcesses();
        auto running = read([](SqlConnection &sql) {
            return AttemptStore::processesWithStatus(sql, ProcessStatus::Running);
        });
        QVERIFY(running);
        QStringList ids = idsOf(*running);
        ids.sort();
        QCOMPARE(ids, (QStringList{u"proc_d"_s, u"proc_e"_s}));
        auto pending = read([](SqlConnection &sql) {
            return AttemptStore::processesWithStatus(sql, ProcessStatus::Pending);
        });
        QVERIFY(pending && pending->isEmpty());
    }

    void listingProcessesFilters_data()
    {
        QTest::addColumn<ProcessQuery>("query");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("everything, newest first")
            << ProcessQuery{}
            << QStringList{u"proc_e"_s, u"proc_d"_s, u"proc_c"_s, u"proc_b"_s, u"proc_a"_s};
        QTest::newRow("one attempt") << ProcessQuery{.attemptId = AttemptId(u"attempt_3"_s)}
                                     << QStringList{u"proc_e"_s, u"proc_d"_s};
        QTest::newRow("one kind") << ProcessQuery{.kinds = {ProcessKind::Agent}}
                                  << QStringList{u"proc_d"_s, u"proc_b"_s};
        QTest::newRow("status and kind")
            << ProcessQuery{.statuses = {ProcessStatus::Running}, .kinds = {ProcessKind::Agent}}
            << QStringList{u"proc_d"_s};
        QTest::newRow("attempt and statuses")
            << ProcessQuery{.attemptId = AttemptId(u"attempt_1"_s),
                            .statuses = {ProcessStatus::Failed, ProcessStatus::Completed}}
            << QStringList{u"proc_c"_s, u"proc_b"_s, u"proc_a"_s};
        QTest::newRow("nothing matches")
            << ProcessQuery{.attemptId = AttemptId(u"attempt_3"_s), .kinds = {ProcessKind::Setup}}
            << QStringList{};
    }

    void listingProcessesFilters()
    {
        QFETCH(ProcessQuery, query);
        QFETCH(QStringList, expected);
        seedProcesses();
        auto page = read([query](SqlConnection &sql) {
            const ReadTransaction snapshot(sql);
            return AttemptStore::listProcesses(sql, query);
        });
        QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
        QCOMPARE(idsOf(page->items), expected);
        QCOMPARE(page->total, expected.size());
    }

    void listingProcessesPages()
    {
        seedProcesses();
        auto second = read([](SqlConnection &sql) {
            return AttemptStore::listProcesses(sql, {.page = {2, 2}});
        });
        QVERIFY(second);
        QCOMPARE(idsOf(second->items), (QStringList{u"proc_c"_s, u"proc_b"_s}));
        QCOMPARE(second->total, 5);
        QVERIFY(second->hasNext() && second->hasPrev());
        auto refused = read([](SqlConnection &sql) {
            return AttemptStore::listProcesses(sql, {.page = {1, 0}});
        });
        QVERIFY(!refused);
        QCOMPARE(refused.error().field(), u"limit"_s);
    }
};

QTEST_GUILESS_MAIN(TestAttemptStore)
#include "tst_attemptstore.moc"
