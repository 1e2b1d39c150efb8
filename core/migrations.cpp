// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/migrations.h"

#include "core/logging.h"
#include "core/sqlconnection.h"
#include "core/timestamps.h"

using namespace Qt::StringLiterals;

namespace Core {
namespace {

Result<void> execAll(SqlConnection &connection, const QStringList &statements)
{
    for (const QString &sql : statements) {
        if (auto done = connection.exec(sql); !done)
            return done;
    }
    return {};
}

Result<void> createProjectsAndTasks(SqlConnection &connection)
{
    return execAll(connection,
                   {
                       uR"(CREATE TABLE projects (
                id             TEXT PRIMARY KEY NOT NULL,
                name           TEXT NOT NULL,
                repo_path      TEXT NOT NULL UNIQUE,
                base_branch    TEXT NOT NULL,
                setup_script   TEXT,
                dev_script     TEXT,
                cleanup_script TEXT,
                copy_files     TEXT NOT NULL DEFAULT '[]',
                default_llm    TEXT,
                created_at     TEXT NOT NULL,
                updated_at     TEXT NOT NULL))"_s,
                       uR"(CREATE TABLE tasks (
                id                TEXT PRIMARY KEY NOT NULL,
                project_id        TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                title             TEXT NOT NULL,
                description       TEXT NOT NULL DEFAULT '',
                status            TEXT NOT NULL DEFAULT 'todo'
                                  CHECK (status IN ('todo', 'in_progress', 'in_review', 'done', 'cancelled')),
                priority          TEXT NOT NULL DEFAULT 'medium'
                                  CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
                labels            TEXT NOT NULL DEFAULT '[]',
                llm               TEXT,
                parent_attempt_id TEXT,
                created_at        TEXT NOT NULL,
                updated_at        TEXT NOT NULL))"_s,
                       u"CREATE INDEX tasks_by_project ON tasks(project_id, created_at)"_s,
                       u"CREATE INDEX tasks_by_status ON tasks(status)"_s,
                   });
}

// SQLite's own case folding is ASCII only; a column folded by Qt makes "q" find "ÉCOLE" with
// "école". Existing rows are folded here, new rows by the task store.
Result<void> addTaskSearchText(SqlConnection &connection)
{
    if (auto added = connection.exec(
            u"ALTER TABLE tasks ADD COLUMN search_text TEXT NOT NULL DEFAULT ''"_s);
        !added)
        return added;
    auto select = connection.prepare(u"SELECT id, title, description FROM tasks"_s);
    if (!select)
        return fail(select.error());
    if (auto ran = select->exec(); !ran)
        return ran;
    QList<std::pair<QString, QString>> folded;
    while (select->next()) {
        folded.append({select->value(0).toString(),
                       QString(select->value(1).toString() + u'\n' + select->value(2).toString())
                           .toCaseFolded()});
    }
    for (const auto &[id, text] : folded) {
        auto update = connection.prepare(u"UPDATE tasks SET search_text = ? WHERE id = ?"_s);
        if (!update)
            return fail(update.error());
        update->bind(0, text).bind(1, id);
        if (auto ran = update->exec(); !ran)
            return ran;
    }
    return {};
}

Result<void> createAttemptsAndProcesses(SqlConnection &connection)
{
    return execAll(connection,
                   {
                       uR"(CREATE TABLE attempts (
                id               TEXT PRIMARY KEY NOT NULL,
                task_id          TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
                llm              TEXT NOT NULL,
                variant          TEXT,
                model            TEXT,
                description      TEXT NOT NULL DEFAULT '',
                options          TEXT NOT NULL DEFAULT '{}',
                status           TEXT NOT NULL DEFAULT 'created'
                                 CHECK (status IN ('created', 'running', 'completed', 'failed', 'cancelled')),
                queued           INTEGER NOT NULL DEFAULT 0,
                branch           TEXT NOT NULL DEFAULT '',
                worktree_path    TEXT NOT NULL DEFAULT '',
                base_branch      TEXT NOT NULL DEFAULT '',
                base_commit      TEXT NOT NULL DEFAULT '',
                failure_reason   TEXT,
                files_changed    INTEGER NOT NULL DEFAULT 0,
                files_created    INTEGER NOT NULL DEFAULT 0,
                files_modified   INTEGER NOT NULL DEFAULT 0,
                files_deleted    INTEGER NOT NULL DEFAULT 0,
                lines_added      INTEGER NOT NULL DEFAULT 0,
                lines_removed    INTEGER NOT NULL DEFAULT 0,
                change_list      TEXT NOT NULL DEFAULT '[]',
                input_tokens     INTEGER NOT NULL DEFAULT 0,
                output_tokens    INTEGER NOT NULL DEFAULT 0,
                total_cost       REAL NOT NULL DEFAULT 0,
                summary          TEXT NOT NULL DEFAULT '',
                commit_sha       TEXT,
                agent_process_id TEXT,
                merged_at        TEXT,
                worktree_removed INTEGER NOT NULL DEFAULT 0,
                created_at       TEXT NOT NULL,
                queued_at        TEXT,
                started_at       TEXT,
                completed_at     TEXT,
                updated_at       TEXT NOT NULL))"_s,
                       u"CREATE INDEX attempts_by_task ON attempts(task_id, created_at)"_s,
                       u"CREATE INDEX attempts_by_status ON attempts(status, queued, queued_at)"_s,
                       uR"(CREATE TABLE processes (
                id              TEXT PRIMARY KEY NOT NULL,
                attempt_id      TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                kind            TEXT NOT NULL CHECK (kind IN ('setup', 'agent', 'cleanup', 'dev_server')),
                status          TEXT NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
                executor        TEXT NOT NULL DEFAULT '',
                command         TEXT NOT NULL DEFAULT '[]',
                prompt          TEXT NOT NULL DEFAULT '',
                session_id      TEXT,
                pid             INTEGER,
                pid_start_ticks INTEGER,
                exit_code       INTEGER,
                failure_reason  TEXT,
                log_path        TEXT NOT NULL DEFAULT '',
                log_bytes       INTEGER NOT NULL DEFAULT 0,
                log_entries     INTEGER NOT NULL DEFAULT 0,
                input_tokens    INTEGER NOT NULL DEFAULT 0,
                output_tokens   INTEGER NOT NULL DEFAULT 0,
                total_cost      REAL NOT NULL DEFAULT 0,
                created_at      TEXT NOT NULL,
                started_at      TEXT,
                completed_at    TEXT))"_s,
                       u"CREATE INDEX processes_by_attempt ON processes(attempt_id, created_at)"_s,
                       u"CREATE INDEX processes_by_status ON processes(status)"_s,
                   });
}

/// The task's attempt summary, recomputed from its attempts (the WHERE names the task).
constexpr auto refreshAttemptSummary
    = "UPDATE tasks SET "
      "attempt_count = (SELECT COUNT(*) FROM attempts a WHERE a.task_id = tasks.id), "
      "latest_attempt_status = (SELECT a.status FROM attempts a WHERE a.task_id = tasks.id "
      "ORDER BY a.created_at DESC, a.rowid DESC LIMIT 1), "
      "has_running_attempt = EXISTS (SELECT 1 FROM attempts a WHERE a.task_id = tasks.id "
      "AND a.status = 'running'), "
      "has_merged_attempt = EXISTS (SELECT 1 FROM attempts a WHERE a.task_id = tasks.id "
      "AND a.merged_at IS NOT NULL) "_L1;

/// Task lists show each task's attempt state. Computing it per row cost a quarter of the list's
/// throughput, so the row carries it, kept true by triggers in the same transaction as the
/// attempt's change (attempts change rarely, task lists are read often).
Result<void> addTaskAttemptSummary(SqlConnection &connection)
{
    const QString refresh = QString(refreshAttemptSummary);
    return execAll(
        connection,
        {
            u"ALTER TABLE tasks ADD COLUMN attempt_count INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE tasks ADD COLUMN latest_attempt_status TEXT"_s,
            u"ALTER TABLE tasks ADD COLUMN has_running_attempt INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE tasks ADD COLUMN has_merged_attempt INTEGER NOT NULL DEFAULT 0"_s,
            u"CREATE TRIGGER attempts_summary_after_insert AFTER INSERT ON attempts BEGIN "_s
                + refresh + u"WHERE id = NEW.task_id; END"_s,
            u"CREATE TRIGGER attempts_summary_after_update "
            "AFTER UPDATE OF task_id, status, merged_at, created_at ON attempts BEGIN "_s
                + refresh + u"WHERE id IN (OLD.task_id, NEW.task_id); END"_s,
            u"CREATE TRIGGER attempts_summary_after_delete AFTER DELETE ON attempts BEGIN "_s
                + refresh + u"WHERE id = OLD.task_id; END"_s,
            refresh + u"WHERE id IN (SELECT DISTINCT task_id FROM attempts)"_s,
        });
}

/// What review and delivery record: the merge, the push, the pull request; dev servers' address.
Result<void> addDeliveryColumns(SqlConnection &connection)
{
    return execAll(
        connection,
        {
            u"ALTER TABLE attempts ADD COLUMN merge_commit TEXT"_s,
            u"ALTER TABLE attempts ADD COLUMN merge_strategy TEXT"_s,
            u"ALTER TABLE attempts ADD COLUMN pr_number INTEGER"_s,
            u"ALTER TABLE attempts ADD COLUMN pr_url TEXT"_s,
            u"ALTER TABLE attempts ADD COLUMN pr_repository TEXT"_s,
            u"ALTER TABLE attempts ADD COLUMN pr_status TEXT"_s,
            u"ALTER TABLE attempts ADD COLUMN pushed_at TEXT"_s,
            u"ALTER TABLE attempts ADD COLUMN pushed_remote TEXT"_s,
            u"CREATE INDEX attempts_by_open_pr ON attempts(pr_status) WHERE pr_number IS NOT NULL"_s,
            u"CREATE INDEX tasks_by_parent_attempt ON tasks(parent_attempt_id) "
            "WHERE parent_attempt_id IS NOT NULL"_s,
            u"ALTER TABLE processes ADD COLUMN url TEXT"_s,
            u"ALTER TABLE processes ADD COLUMN port INTEGER"_s,
        });
}

/// Webhooks and the queue of their deliveries, kept until delivered so a restart loses none.
Result<void> addWebhooks(SqlConnection &connection)
{
    return execAll(connection,
                   {
                       uR"(CREATE TABLE webhooks (
                id         TEXT PRIMARY KEY NOT NULL,
                url        TEXT NOT NULL,
                events     TEXT NOT NULL DEFAULT '[]',
                secret     TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL))"_s,
                       uR"(CREATE TABLE webhook_deliveries (
                id               TEXT PRIMARY KEY NOT NULL,
                webhook_id       TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
                event            TEXT NOT NULL,
                body             BLOB NOT NULL,
                status           TEXT NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'delivered', 'failed')),
                attempts         INTEGER NOT NULL DEFAULT 0,
                next_attempt_at  TEXT NOT NULL,
                last_status_code INTEGER,
                last_error       TEXT NOT NULL DEFAULT '',
                created_at       TEXT NOT NULL,
                delivered_at     TEXT))"_s,
                       u"CREATE INDEX webhook_deliveries_by_webhook "
                       "ON webhook_deliveries(webhook_id, created_at)"_s,
                       u"CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(status) "
                       "WHERE status = 'pending'"_s,
                   });
}

Result<void> addDraftsQueuesApprovals(SqlConnection &connection)
{
    return execAll(
        connection,
        {
            // One table for seed 000's drafts, follow-up drafts and retry drafts: they differ in
            // which fields they show, not in what they are.
            uR"(CREATE TABLE drafts (
                id              TEXT PRIMARY KEY NOT NULL,
                attempt_id      TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                project_id      TEXT NOT NULL,
                type            TEXT NOT NULL CHECK (type IN ('follow_up', 'retry', 'initial')),
                content         TEXT NOT NULL,
                metadata        TEXT NOT NULL DEFAULT '{}',
                auto_send       INTEGER NOT NULL DEFAULT 0,
                send_after      TEXT,
                status          TEXT NOT NULL DEFAULT 'draft',
                original_prompt TEXT,
                retry_reason    TEXT,
                process_id      TEXT,
                error           TEXT NOT NULL DEFAULT '',
                version         INTEGER NOT NULL DEFAULT 1,
                created_at      TEXT NOT NULL,
                updated_at      TEXT NOT NULL,
                sent_at         TEXT))"_s,
            u"CREATE INDEX drafts_by_attempt ON drafts(attempt_id, created_at)"_s,
            u"CREATE INDEX drafts_by_project ON drafts(project_id, created_at)"_s,
            u"CREATE INDEX drafts_scheduled ON drafts(status) WHERE status = 'scheduled'"_s,
            uR"(CREATE TABLE follow_up_queues (
                attempt_id   TEXT PRIMARY KEY NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                auto_execute INTEGER NOT NULL DEFAULT 0,
                status       TEXT NOT NULL DEFAULT 'idle',
                error        TEXT NOT NULL DEFAULT '',
                created_at   TEXT NOT NULL,
                updated_at   TEXT NOT NULL))"_s,
            uR"(CREATE TABLE follow_up_queue_items (
                id         TEXT PRIMARY KEY NOT NULL,
                attempt_id TEXT NOT NULL REFERENCES follow_up_queues(attempt_id) ON DELETE CASCADE,
                prompt     TEXT NOT NULL,
                position   INTEGER NOT NULL,
                status     TEXT NOT NULL DEFAULT 'pending',
                process_id TEXT,
                error      TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL))"_s,
            u"CREATE INDEX follow_up_queue_items_by_attempt "
            "ON follow_up_queue_items(attempt_id, position)"_s,
            uR"(CREATE TABLE draft_queue_items (
                id          TEXT PRIMARY KEY NOT NULL,
                attempt_id  TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                project_id  TEXT NOT NULL,
                title       TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                position    INTEGER NOT NULL,
                status      TEXT NOT NULL DEFAULT 'queued',
                task_id     TEXT,
                error       TEXT NOT NULL DEFAULT '',
                created_at  TEXT NOT NULL,
                updated_at  TEXT NOT NULL))"_s,
            u"CREATE INDEX draft_queue_items_by_attempt ON draft_queue_items(attempt_id, position)"_s,
            uR"(CREATE TABLE approvals (
                id            TEXT PRIMARY KEY NOT NULL,
                attempt_id    TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                type          TEXT NOT NULL,
                title         TEXT NOT NULL,
                description   TEXT,
                metadata      TEXT NOT NULL DEFAULT '{}',
                status        TEXT NOT NULL DEFAULT 'pending',
                created_by    TEXT NOT NULL,
                approvers     TEXT NOT NULL DEFAULT '[]',
                process_id    TEXT,
                tool_use_id   TEXT,
                expires_at    TEXT,
                created_at    TEXT NOT NULL,
                updated_at    TEXT NOT NULL,
                resolved_at   TEXT))"_s,
            u"CREATE INDEX approvals_by_status ON approvals(status, created_at)"_s,
            u"CREATE INDEX approvals_by_attempt ON approvals(attempt_id, created_at)"_s,
            uR"(CREATE TABLE approval_responses (
                approval_id  TEXT NOT NULL REFERENCES approvals(id) ON DELETE CASCADE,
                approver     TEXT NOT NULL,
                decision     TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
                comment      TEXT,
                responded_at TEXT NOT NULL,
                PRIMARY KEY (approval_id, approver)))"_s,
            u"ALTER TABLE projects ADD COLUMN merge_requires_approval INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE projects ADD COLUMN merge_approvers TEXT NOT NULL DEFAULT '[]'"_s,
        });
}

Result<void> addApiKeys(SqlConnection &connection)
{
    return execAll(connection,
                   {
                       // Only a hash of each key is kept; prefix lets a user tell keys apart.
                       uR"(CREATE TABLE api_keys (
                id           TEXT PRIMARY KEY NOT NULL,
                name         TEXT NOT NULL,
                identity     TEXT NOT NULL,
                prefix       TEXT NOT NULL,
                key_hash     TEXT NOT NULL UNIQUE,
                created_at   TEXT NOT NULL,
                last_used_at TEXT,
                revoked_at   TEXT))"_s,
                   });
}

Result<int> currentVersion(SqlConnection &connection)
{
    if (auto created = connection.exec(uR"(CREATE TABLE IF NOT EXISTS schema_version (
                                               version     INTEGER PRIMARY KEY NOT NULL,
                                               description TEXT NOT NULL,
                                               applied_at  TEXT NOT NULL))"_s);
        !created)
        return fail(created.error());
    auto query = connection.prepare(u"SELECT COALESCE(MAX(version), 0) FROM schema_version"_s);
    if (!query)
        return fail(query.error());
    if (auto ran = query->exec(); !ran)
        return fail(ran.error());
    return query->next() ? query->value(0).toInt() : 0;
}

} // namespace

const QList<Migration> &migrations()
{
    static const QList<Migration> all{
        {1, u"projects and tasks"_s, createProjectsAndTasks},
        {2, u"unicode-aware task search"_s, addTaskSearchText},
        {3, u"attempts and execution processes"_s, createAttemptsAndProcesses},
        {4, u"attempt summary on tasks"_s, addTaskAttemptSummary},
        {5, u"merges, pushes, pull requests, dev servers"_s, addDeliveryColumns},
        {6, u"webhooks and their deliveries"_s, addWebhooks},
        {7, u"drafts, queues, approvals, merge policy"_s, addDraftsQueuesApprovals},
        {8, u"API keys"_s, addApiKeys},
    };
    return all;
}

int latestSchemaVersion()
{
    return migrations().constLast().version;
}

Result<int> migrate(SqlConnection &connection, std::optional<int> upTo)
{
    auto version = currentVersion(connection);
    if (!version)
        return version;
    if (*version > latestSchemaVersion()) {
        return fail(Error{ErrorCode::Conflict,
                          u"the database was written by a newer Forgedesk (schema version %1; this "
                          "build knows up to %2). Upgrade Forgedesk or use another --data-dir."_s
                              .arg(*version)
                              .arg(latestSchemaVersion()),
                          QJsonObject{{u"schemaVersion"_s, *version},
                                      {u"supportedVersion"_s, latestSchemaVersion()}}});
    }
    const int target = upTo.value_or(latestSchemaVersion());
    for (const Migration &step : migrations()) {
        if (step.version <= *version || step.version > target)
            continue;
        if (auto begun = connection.exec(u"BEGIN IMMEDIATE"_s); !begun)
            return fail(begun.error());
        auto applied = step.apply(connection);
        if (applied) {
            auto record = connection.prepare(
                u"INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)"_s);
            if (record) {
                record->bind(0, step.version)
                    .bind(1, step.description)
                    .bind(2, toTimestamp(nowUtc()));
                applied = record->exec();
            } else {
                applied = fail(record.error());
            }
        }
        if (!applied) {
            (void) connection.exec(u"ROLLBACK"_s);
            return fail(Error{applied.error().code,
                              u"migration to schema version %1 (%2) failed: %3"_s.arg(step.version)
                                  .arg(step.description, applied.error().message),
                              {}});
        }
        if (auto committed = connection.exec(u"COMMIT"_s); !committed)
            return fail(committed.error());
        qCInfo(lcDatabase) << "migrated to schema version" << step.version << step.description;
        *version = step.version;
    }
    return *version;
}

} // namespace Core
