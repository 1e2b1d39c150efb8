// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attemptservice.h"

#include "core/attemptstore.h"
#include "core/claudecontrol.h"
#include "core/database.h"
#include "core/devservers.h"
#include "core/eventbus.h"
#include "core/gitworktree.h"
#include "core/logging.h"
#include "core/processhost.h"
#include "core/projectstore.h"
#include "core/taskservice.h"
#include "core/taskstore.h"
#include "core/timestamps.h"
#include "core/validation.h"

#include <QDir>
#include <QPointer>
#include <QSet>
#include <QStandardPaths>
#include <QThreadPool>
#include <QTimer>

#include <csignal>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

/// An attempt with what it needs to run, read together.
struct Context
{
    Attempt attempt;
    Task task;
    Project project;
    QList<ExecutionProcess> processes;
};

Result<Context> readContext(SqlConnection &sql, const AttemptId &id)
{
    auto found = AttemptStore::findContext(sql, id);
    if (!found)
        return fail(found.error());
    auto processes = AttemptStore::processesOf(sql, id);
    if (!processes)
        return fail(processes.error());
    return Context{found->attempt, found->task, found->project, *processes};
}

QString promptFor(const Task &task, const QString &attemptDescription)
{
    QStringList parts{task.title};
    if (!task.description.trimmed().isEmpty())
        parts.append(task.description.trimmed());
    if (!attemptDescription.trimmed().isEmpty())
        parts.append(attemptDescription.trimmed());
    return parts.join(u"\n\n"_s);
}

QString commitMessage(const QString &summary,
                      const Task &task,
                      const Attempt &attempt,
                      const QString &executor)
{
    QString subject = summary.section(u'\n', 0, 0).simplified();
    if (subject.isEmpty())
        subject = task.title.simplified();
    if (subject.size() > 72)
        subject = subject.left(71) + u'…';
    return u"%1\n\nForgedesk attempt %2 for task %3 (%4)\n"_s.arg(subject,
                                                                  attempt.id.toString(),
                                                                  task.id.toString(),
                                                                  executor);
}

Error conflict(const QString &message)
{
    return Error::conflict(message);
}

QString shellProgram()
{
    const QString bash = QStandardPaths::findExecutable(u"bash"_s);
    return bash.isEmpty() ? u"/bin/sh"_s : bash;
}

} // namespace

struct AttemptService::Run
{
    Attempt attempt;
    Task task;
    Project project;
    ExecutorProfile profile;
    std::optional<QString> variant;
    QString prompt;
    std::optional<QString> resumeSession;
    QList<ExecutionProcess> processes; ///< Of this run, in order.
    std::optional<ProcessId> setupId;
    std::optional<ProcessId> agentId;
    std::optional<ProcessId> cleanupId;
    Step step = Step::Worktree;
    bool haveWorktree = false;
    bool cleanupDone = false;
    bool cancelRequested = false;
    bool deleteRequested = false;
    std::optional<QString> failureReason;
    QString failureMessage;
    QList<Promise<Result<Attempt>>> deleteWaiters;
    QList<Promise<Result<Attempt>>> cancelWaiters; ///< Answered once the chain has stopped.
    QList<ExecutionProcess> sessionCosts; ///< Earlier agent runs of the attempt, for Claude's costs.
    /// A replacement agent waiting for the current one to stop.
    struct Replacement
    {
        ExecutionProcess process;
        ExecutorProfile profile;
        std::optional<QString> variant;
        QString prompt;
    };
    std::optional<Replacement> replacement;
};

/// The state of an agent spoken to over Claude Code's control protocol (tests/agents/README.md):
/// initialize first, the prompt once it is answered, then questions until the result line.
struct AttemptService::AgentControl
{
    AttemptId attemptId;
    QString prompt;
    QString initializeId;
    bool initialized = false;
    bool stdinClosed = false;
    QSet<QString> pending; ///< can_use_tool requests waiting for the broker.
};

AttemptService::AttemptService(Database &database,
                               EventBus &events,
                               TaskService &tasks,
                               ProcessHost &host,
                               ProfileRegistry &profiles,
                               Settings &settings,
                               QThreadPool &blockingPool,
                               QString dataDir,
                               QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_events(events)
    , m_tasks(tasks)
    , m_host(host)
    , m_profiles(profiles)
    , m_settings(settings)
    , m_blockingPool(blockingPool)
    , m_dataDir(std::move(dataDir))
{
    connect(&m_host, &ProcessHost::processStarted, this, &AttemptService::onProcessStarted);
    connect(&m_host, &ProcessHost::logAppended, this, &AttemptService::onLogAppended);
    connect(&m_host, &ProcessHost::factsChanged, this, &AttemptService::onFactsChanged);
    connect(&m_host, &ProcessHost::processFinished, this, &AttemptService::onProcessFinished);
    connect(&m_host, &ProcessHost::controlMessage, this, &AttemptService::onControlMessage);
}

AttemptService::~AttemptService() = default;

QStringList AttemptService::profileNames() const
{
    return m_profiles.names();
}

QStringList AttemptService::variantsOf(const QString &profile) const
{
    const std::optional<ExecutorProfile> found = m_profiles.find(profile);
    return found ? found->variants.keys() : QStringList();
}

bool AttemptService::isActive(const AttemptId &id) const
{
    return m_runs.contains(id.toString());
}

QString AttemptService::absoluteLogPath(const ExecutionProcess &process) const
{
    return QDir(m_dataDir).filePath(process.logPath);
}

Result<ExecutorProfile> AttemptService::profileFor(const std::optional<QString> &llm,
                                                   const std::optional<QString> &executor) const
{
    if (llm) {
        if (auto profile = m_profiles.find(*llm))
            return *profile;
        return fail(Error::validation(u"llm"_s,
                                      u"unknown executor '%1'; use one of %2"_s
                                          .arg(llm->left(60), m_profiles.names().join(u", "_s))));
    }
    if (executor) {
        if (auto profile = m_profiles.findByExecutor(*executor))
            return *profile;
        QStringList executors;
        for (const ExecutorProfile &profile : m_profiles.profiles())
            executors.append(profile.executor);
        return fail(Error::validation(u"executorProfileId.executor"_s,
                                      u"unknown executor '%1'; use one of %2"_s
                                          .arg(executor->left(60), executors.join(u", "_s))));
    }
    return fail(Error::validation(u"llm"_s,
                                  u"is required (or executorProfileId); use one of %1"_s.arg(
                                      m_profiles.names().join(u", "_s))));
}

ExecutionProcess AttemptService::newProcess(const Attempt &attempt,
                                            ProcessKind kind,
                                            const QString &executor) const
{
    ExecutionProcess process;
    process.id = ProcessId::generate();
    process.attemptId = attempt.id;
    process.kind = kind;
    process.executor = executor;
    process.logPath = u"logs/%1/%2.ndjson"_s.arg(attempt.id.toString(), process.id.toString());
    process.createdAt = nowUtc();
    return process;
}

ExecutionProcess *AttemptService::processIn(Run &run, const ProcessId &id) const
{
    for (ExecutionProcess &process : run.processes) {
        if (process.id == id)
            return &process;
    }
    return nullptr;
}

// -- Queries ----------------------------------------------------------------------------------

Future<Result<Attempt>> AttemptService::get(const AttemptId &id)
{
    return m_database.read([id](SqlConnection &sql) -> Result<Attempt> {
        auto found = AttemptStore::find(sql, id);
        if (!found)
            return fail(found.error());
        if (!*found)
            return fail(Error::notFound(u"attempt"_s, id.toString()));
        return **found;
    });
}

Future<Result<Page<Attempt>>> AttemptService::list(const AttemptQuery &query)
{
    return m_database.read([query](SqlConnection &sql) -> Result<Page<Attempt>> {
        const ReadTransaction snapshot(sql);
        if (query.taskId) {
            auto task = TaskStore::find(sql, *query.taskId);
            if (!task)
                return fail(task.error());
            if (!*task) {
                Error error = Error::notFound(u"task"_s, query.taskId->toString());
                error.details.insert(u"field"_s, u"taskId"_s);
                return fail(error);
            }
        }
        return AttemptStore::list(sql, query);
    });
}

Future<Result<ExecutionProcess>> AttemptService::getProcess(const ProcessId &id)
{
    return m_database.read([id](SqlConnection &sql) -> Result<ExecutionProcess> {
        auto found = AttemptStore::findProcess(sql, id);
        if (!found)
            return fail(found.error());
        if (!*found)
            return fail(Error::notFound(u"process"_s, id.toString()));
        return **found;
    });
}

Future<Result<Page<ExecutionProcess>>> AttemptService::listProcesses(const ProcessQuery &query)
{
    return m_database.read([query](SqlConnection &sql) -> Result<Page<ExecutionProcess>> {
        const ReadTransaction snapshot(sql);
        if (query.attemptId) {
            auto attempt = AttemptStore::find(sql, *query.attemptId);
            if (!attempt)
                return fail(attempt.error());
            if (!*attempt) {
                Error error = Error::notFound(u"attempt"_s, query.attemptId->toString());
                error.details.insert(u"field"_s, u"attemptId"_s);
                return fail(error);
            }
        }
        return AttemptStore::listProcesses(sql, query);
    });
}

Future<Result<QList<ExecutionProcess>>> AttemptService::processesOf(const AttemptId &id)
{
    return m_database.read([id](SqlConnection &sql) -> Result<QList<ExecutionProcess>> {
        auto attempt = AttemptStore::find(sql, id);
        if (!attempt)
            return fail(attempt.error());
        if (!*attempt)
            return fail(Error::notFound(u"attempt"_s, id.toString()));
        return AttemptStore::processesOf(sql, id);
    });
}

// -- Create and start -------------------------------------------------------------------------

Future<Result<Attempt>> AttemptService::create(const NewAttempt &input)
{
    auto description = Validate::text(u"description"_s,
                                      input.description,
                                      Validate::maxDescriptionLength);
    if (!description)
        return Future<Result<Attempt>>::ready(fail(description.error()));
    if (input.options.temperature
        && (*input.options.temperature < 0 || *input.options.temperature > 2))
        return Future<Result<Attempt>>::ready(
            fail(Error::validation(u"options.temperature"_s, u"must be from 0 to 2"_s)));
    if (input.options.maxTokens && *input.options.maxTokens < 1)
        return Future<Result<Attempt>>::ready(
            fail(Error::validation(u"options.maxTokens"_s, u"must be 1 or more"_s)));
    if (input.options.timeoutMs && *input.options.timeoutMs < 1000)
        return Future<Result<Attempt>>::ready(fail(
            Error::validation(u"options.timeout"_s, u"must be at least 1000 (milliseconds)"_s)));
    // Only the task is needed to know the profile when none is named.
    return m_database
        .read([taskId = input.taskId](SqlConnection &sql) -> Result<std::pair<Task, Project>> {
            auto task = TaskStore::find(sql, taskId);
            if (!task)
                return fail(task.error());
            if (!*task) {
                Error error = Error::notFound(u"task"_s, taskId.toString());
                error.details.insert(u"field"_s, u"taskId"_s);
                return fail(error);
            }
            auto project = ProjectStore::find(sql, (*task)->projectId);
            if (!project)
                return fail(project.error());
            if (!*project)
                return fail(Error::notFound(u"project"_s, (*task)->projectId.toString()));
            return std::pair{**task, **project};
        })
        .then(this,
              [this,
               input](const Result<std::pair<Task, Project>> &found) -> Future<Result<Attempt>> {
                  if (!found)
                      return Future<Result<Attempt>>::ready(fail(found.error()));
                  const auto &[task, project] = *found;
                  std::optional<QString> llm = input.llm;
                  if (!llm && !input.executor)
                      llm = task.llm ? task.llm : project.defaultLlm;
                  auto profile = profileFor(llm, input.executor);
                  if (!profile)
                      return Future<Result<Attempt>>::ready(fail(profile.error()));
                  if (input.variant && !input.variant->isEmpty()
                      && input.variant->toUpper() != "DEFAULT"_L1
                      && !profile->variants.contains(input.variant->toUpper())) {
                      return Future<Result<Attempt>>::ready(
                          fail(Error::validation(u"executorProfileId.variant"_s,
                                                 u"'%1' has no variant '%2' (it has: DEFAULT%3)"_s
                                                     .arg(profile->name,
                                                          *input.variant,
                                                          profile->variants.isEmpty()
                                                              ? QString()
                                                              : u", "_s
                                                                    + profile->variants.keys().join(
                                                                        u", "_s)))));
                  }
                  Attempt attempt;
                  attempt.id = AttemptId::generate();
                  attempt.taskId = task.id;
                  attempt.llm = profile->name;
                  attempt.variant = input.variant;
                  attempt.model = profile->model;
                  attempt.description = input.description;
                  attempt.options = input.options;
                  const QString shortId
                      = attempt.id.toString().mid(AttemptIdTag::prefix.size(), 8).toLower();
                  const QString slug = GitWorktree::slug(task.title) + u'-' + shortId;
                  attempt.branch = u"forge/"_s + slug;
                  attempt.worktreePath
                      = QDir(project.repoPath).filePath(u".forge/worktrees/"_s + slug);
                  attempt.baseBranch = project.baseBranch;
                  attempt.createdAt = attempt.updatedAt = nowUtc();
                  return m_database
                      .write([attempt](SqlConnection &sql) -> Result<Attempt> {
                          if (auto inserted = AttemptStore::insert(sql, attempt); !inserted)
                              return fail(inserted.error());
                          return attempt;
                      })
                      .then(this, [this](const Result<Attempt> &created) {
                          if (created) {
                              m_events.publish(AttemptEvent{ChangeKind::Created,
                                                            *created,
                                                            std::nullopt,
                                                            created->createdAt});
                              m_tasks.announce(created->taskId);
                          }
                          return created;
                      });
              });
}

Future<Result<Attempt>> AttemptService::start(const AttemptId &id)
{
    return m_database.read([id](SqlConnection &sql) { return readContext(sql, id); })
        .then(this, [this](const Result<Context> &context) -> Future<Result<Attempt>> {
            if (!context)
                return Future<Result<Attempt>>::ready(fail(context.error()));
            Attempt attempt = context->attempt;
            if (m_runs.contains(attempt.id.toString()) || attempt.status == AttemptStatus::Running)
                return Future<Result<Attempt>>::ready(
                    fail(conflict(u"the attempt is already running"_s)));
            if (attempt.status != AttemptStatus::Created) {
                return Future<Result<Attempt>>::ready(fail(conflict(
                    u"the attempt has %1; send a follow-up to continue it, or create a new attempt"_s
                        .arg(wireName(attempt.status)))));
            }
            if (attempt.queued)
                return Future<Result<Attempt>>::ready(attempt);
            if (m_runs.size() >= m_settings.maxConcurrentAttempts) {
                // The limit is reached: wait in line, oldest first.
                attempt.queued = true;
                attempt.queuedAt = attempt.updatedAt = nowUtc();
                return m_database
                    .write([attempt](SqlConnection &sql) -> Result<Attempt> {
                        if (auto updated = AttemptStore::update(sql, attempt); !updated)
                            return fail(updated.error());
                        return attempt;
                    })
                    .then(this, [this](const Result<Attempt> &queued) {
                        if (queued)
                            m_events.publish(AttemptEvent{ChangeKind::Updated,
                                                          *queued,
                                                          AttemptStatus::Created,
                                                          nowUtc()});
                        return queued;
                    });
            }
            return launch(attempt);
        });
}

Future<Result<Attempt>> AttemptService::launch(const Attempt &queuedAttempt)
{
    return m_database
        .read([id = queuedAttempt.id](SqlConnection &sql) { return readContext(sql, id); })
        .then(this, [this](const Result<Context> &context) -> Future<Result<Attempt>> {
            if (!context)
                return Future<Result<Attempt>>::ready(fail(context.error()));
            if (m_runs.contains(context->attempt.id.toString()))
                return Future<Result<Attempt>>::ready(
                    fail(conflict(u"the attempt is already running"_s)));
            auto profile = profileFor(context->attempt.llm, std::nullopt);
            if (!profile)
                return Future<Result<Attempt>>::ready(fail(profile.error()));
            auto run = std::make_shared<Run>();
            run->task = context->task;
            run->project = context->project;
            run->profile = *profile;
            run->variant = context->attempt.variant;
            run->prompt = promptFor(context->task, context->attempt.description);
            run->attempt = context->attempt;
            run->attempt.status = AttemptStatus::Running;
            run->attempt.queued = false;
            run->attempt.startedAt = nowUtc();
            run->attempt.completedAt = QDateTime();
            run->attempt.failureReason.reset();

            ExecutionProcess setup = newProcess(run->attempt, ProcessKind::Setup, QString());
            ExecutionProcess agent = newProcess(run->attempt, ProcessKind::Agent, profile->name);
            agent.prompt = run->prompt;
            run->setupId = setup.id;
            run->agentId = agent.id;
            run->processes = {setup, agent};
            if (run->project.cleanupScript && !run->project.cleanupScript->trimmed().isEmpty()) {
                ExecutionProcess cleanup = newProcess(run->attempt, ProcessKind::Cleanup, QString());
                run->cleanupId = cleanup.id;
                run->processes.append(cleanup);
            }
            run->attempt.agentProcessId = agent.id;
            m_runs.insert(run->attempt.id.toString(), run);
            for (const ExecutionProcess &process : std::as_const(run->processes))
                m_byProcess.insert(process.id.toString(), run);

            const Attempt attempt = run->attempt;
            const QList<ExecutionProcess> processes = run->processes;
            return m_database
                .write([attempt, processes](SqlConnection &sql) -> Result<Attempt> {
                    if (auto updated = AttemptStore::update(sql, attempt); !updated)
                        return fail(updated.error());
                    for (const ExecutionProcess &process : processes) {
                        if (auto inserted = AttemptStore::insert(sql, process); !inserted)
                            return fail(inserted.error());
                    }
                    return attempt;
                })
                .then(this, [this, run](const Result<Attempt> &started) -> Result<Attempt> {
                    if (!started) {
                        m_runs.remove(run->attempt.id.toString());
                        for (const ExecutionProcess &process : std::as_const(run->processes))
                            m_byProcess.remove(process.id.toString());
                        return started;
                    }
                    m_events.publish(AttemptEvent{ChangeKind::Updated,
                                                  *started,
                                                  AttemptStatus::Created,
                                                  nowUtc()});
                    for (const ExecutionProcess &process : std::as_const(run->processes))
                        m_events.publish(ProcessEvent{ChangeKind::Created,
                                                      process,
                                                      run->task.id,
                                                      std::nullopt,
                                                      nowUtc()});
                    (void) setTaskStatus(run->task.id, TaskStatus::InProgress);
                    m_host.openLog(*run->setupId,
                                   QDir(m_dataDir).filePath(
                                       processIn(*run, *run->setupId)->logPath));
                    log(*run->setupId,
                        LogLevel::Info,
                        u"Starting attempt %1 with %2"_s.arg(run->attempt.id.toString(),
                                                             run->profile.displayName));
                    advance(run);
                    return started;
                });
        });
}

// -- The chain --------------------------------------------------------------------------------

void AttemptService::advance(const std::shared_ptr<Run> &run)
{
    if (run->cancelRequested && !run->replacement && run->step != Step::Commit
        && run->step != Step::Finish)
        run->step = run->haveWorktree ? Step::Commit : Step::Finish;
    switch (run->step) {
    case Step::Worktree: runWorktreeStep(run); return;
    case Step::Setup:
        if (run->setupId && !run->haveWorktree) {
            run->step = Step::Finish;
            advance(run);
        } else if (run->setupId) {
            runScriptStep(run, ProcessKind::Setup);
        } else {
            run->step = Step::Agent;
            advance(run);
        }
        return;
    case Step::Agent: runAgentStep(run); return;
    case Step::Commit: runCommitStep(run); return;
    case Step::Cleanup: runScriptStep(run, ProcessKind::Cleanup); return;
    case Step::Finish: finishRun(run); return;
    }
}

void AttemptService::runWorktreeStep(const std::shared_ptr<Run> &run)
{
    const ProcessId setupId = *run->setupId;
    log(setupId,
        LogLevel::Info,
        u"Creating git worktree %1 on branch %2 from %3"_s.arg(run->attempt.worktreePath,
                                                               run->attempt.branch,
                                                               run->attempt.baseBranch));
    const QString repo = run->project.repoPath;
    const QString base = run->attempt.baseBranch;
    const QString path = run->attempt.worktreePath;
    const QString branch = run->attempt.branch;
    const QStringList copy = run->project.copyFiles;
    using Prepared = std::pair<Result<WorktreeInfo>, GitWorktree::CopyReport>;
    runOnPool(m_blockingPool, [repo, base, path, branch, copy]() -> Prepared {
        auto created = GitWorktree::create(repo, base, path, branch);
        GitWorktree::CopyReport report;
        if (created && !copy.isEmpty())
            report = GitWorktree::copyFiles(repo, created->path, copy);
        return {created, report};
    }).then(this, [this, run, setupId](const Prepared &prepared) {
        const auto &[created, report] = prepared;
        if (!created) {
            failRun(run, u"worktree_failed"_s, created.error().message);
            ExecutionProcess *setup = processIn(*run, setupId);
            const ExecutionProcess before = *setup;
            setup->status = ProcessStatus::Failed;
            setup->failureReason = u"worktree_failed"_s;
            setup->completedAt = nowUtc();
            saveProcess(run, *setup, before.status);
            run->step = Step::Finish;
            advance(run);
            return;
        }
        run->haveWorktree = true;
        run->attempt.worktreePath = created->path;
        run->attempt.baseCommit = created->baseCommit;
        saveAttempt(run, std::nullopt);
        log(setupId,
            LogLevel::Info,
            u"Worktree created: %1 (base %2)"_s.arg(created->path, created->baseCommit.left(12)));
        if (!report.copied.isEmpty())
            log(setupId,
                LogLevel::Info,
                u"Copied into the worktree: %1"_s.arg(report.copied.join(u", "_s)));
        if (!report.missing.isEmpty())
            log(setupId,
                LogLevel::Warn,
                u"Not found, not copied: %1"_s.arg(report.missing.join(u", "_s)));
        if (!report.refused.isEmpty())
            log(setupId,
                LogLevel::Warn,
                u"Outside the repository, not copied: %1"_s.arg(report.refused.join(u", "_s)));
        run->step = Step::Setup;
        advance(run);
    });
}

void AttemptService::runScriptStep(const std::shared_ptr<Run> &run, ProcessKind kind)
{
    const ProcessId id = kind == ProcessKind::Setup ? *run->setupId : *run->cleanupId;
    const std::optional<QString> &script = kind == ProcessKind::Setup ? run->project.setupScript
                                                                      : run->project.cleanupScript;
    ExecutionProcess *process = processIn(*run, id);
    if (kind == ProcessKind::Cleanup)
        m_host.openLog(id, absoluteLogPath(*process));
    if (!script || script->trimmed().isEmpty()) {
        // Nothing to run: the setup process only prepared the worktree.
        const ExecutionProcess before = *process;
        process->status = ProcessStatus::Completed;
        process->startedAt = process->startedAt.isValid() ? process->startedAt
                                                          : run->attempt.startedAt;
        process->completedAt = nowUtc();
        process->exitCode = 0;
        log(id, LogLevel::Info, u"No setup script"_s);
        m_host.closeLog(id);
        saveProcess(run, *process, before.status);
        run->step = Step::Agent;
        advance(run);
        return;
    }
    ProcessSpec spec;
    spec.id = id;
    spec.program = shellProgram();
    spec.arguments = {u"-c"_s, *script};
    spec.workingDirectory = run->attempt.worktreePath;
    spec.environment = QProcessEnvironment::systemEnvironment();
    spec.logFormat = u"plain"_s;
    process->command = QStringList{spec.program} + spec.arguments;
    log(id, LogLevel::Info, u"Running the %1 script: %2"_s.arg(wireName(kind), *script));
    m_host.start(spec);
}

void AttemptService::runAgentStep(const std::shared_ptr<Run> &run)
{
    const ProcessId id = *run->agentId;
    ExecutionProcess *process = processIn(*run, id);
    m_host.openLog(id, absoluteLogPath(*process));
    const ExecutorProfile profile = run->profile;
    const std::optional<QString> variant = run->variant;
    const QString prompt = run->prompt;
    const std::optional<QString> session = run->resumeSession;
    if (session)
        log(id, LogLevel::Info, u"Resuming %1 session %2"_s.arg(profile.displayName, *session));
    // Looking the binary up on PATH touches the disk.
    runOnPool(m_blockingPool, [profile, variant, prompt, session] {
        return ProfileRegistry::resolve(profile,
                                        variant,
                                        prompt,
                                        session,
                                        QProcessEnvironment::systemEnvironment());
    }).then(this, [this, run, id](const Result<ResolvedCommand> &command) {
        ExecutionProcess *agent = processIn(*run, id);
        if (!command) {
            log(id, LogLevel::Error, command.error().message);
            const ExecutionProcess before = *agent;
            agent->status = ProcessStatus::Failed;
            agent->failureReason = u"agent_unavailable"_s;
            agent->completedAt = nowUtc();
            m_host.closeLog(id);
            saveProcess(run, *agent, before.status);
            failRun(run, u"agent_unavailable"_s, command.error().message);
            run->step = run->haveWorktree ? Step::Commit : Step::Finish;
            advance(run);
            return;
        }
        if (run->cancelRequested && !run->replacement) {
            run->step = Step::Commit;
            advance(run);
            return;
        }
        agent->command = QStringList{command->program} + command->arguments;
        ProcessSpec spec;
        spec.id = id;
        spec.program = command->program;
        spec.arguments = command->arguments;
        spec.workingDirectory = run->attempt.worktreePath;
        spec.environment = command->environment;
        spec.logFormat = run->profile.logFormat;
        spec.timeoutMs = run->attempt.options.timeoutMs;
        spec.keepStdinOpen = command->approvals;
        QStringList shown = agent->command;
        if (const qsizetype at = shown.indexOf(run->prompt); at >= 0)
            shown[at] = u"<prompt>"_s;
        log(id,
            LogLevel::Info,
            u"Starting %1%2: %3"_s.arg(run->profile.displayName,
                                       command->viaNpx ? u" through npx"_s : QString(),
                                       shown.join(u' ')));
        m_host.start(spec);
        if (command->approvals) {
            auto control = std::make_shared<AgentControl>();
            control->attemptId = run->attempt.id;
            control->prompt = run->prompt;
            control->initializeId = u"initialize_"_s + id.toString();
            m_controls.insert(id.toString(), control);
            log(id, LogLevel::Info, u"Tool calls other than reading wait for approval"_s);
            // The prompt follows once the approval hook is known to be in place.
            m_host.writeStdin(id, ClaudeControl::initializeRequest(control->initializeId));
        }
    });
}

void AttemptService::runCommitStep(const std::shared_ptr<Run> &run)
{
    const ProcessId logTo = run->cleanupDone && run->cleanupId ? *run->cleanupId : *run->agentId;
    const QString worktree = run->attempt.worktreePath;
    const QString message
        = commitMessage(run->attempt.summary, run->task, run->attempt, run->profile.displayName);
    runOnPool(m_blockingPool, [worktree, message] {
        return GitWorktree::commitAll(worktree, message);
    }).then(this, [this, run, logTo](const Result<std::optional<QString>> &committed) {
        if (!committed) {
            m_host.log(logTo,
                       engineEntry(LogLevel::Error,
                                   u"Commit failed: "_s + committed.error().message));
            failRun(run, u"commit_failed"_s, committed.error().message);
        } else if (*committed) {
            run->attempt.commitSha = **committed;
            m_host.log(logTo,
                       engineEntry(LogLevel::Info,
                                   u"Committed the changes as %1 on %2"_s.arg((*committed)->left(12),
                                                                              run->attempt.branch),
                                   {{u"commit"_s, **committed}}));
        } else {
            m_host.log(logTo, engineEntry(LogLevel::Info, u"No changes to commit"_s));
        }
        if (run->replacement) {
            // The old agent stopped: its work is saved, the new one takes over.
            Run::Replacement next = *run->replacement;
            run->replacement.reset();
            run->cancelRequested = false;
            run->failureReason.reset();
            run->failureMessage.clear();
            // The same agent carries on in its own session; another starts fresh.
            if (next.profile.name != run->profile.name)
                run->resumeSession.reset();
            run->profile = next.profile;
            run->variant = next.variant;
            run->prompt = next.prompt;
            run->attempt.llm = next.profile.name;
            run->agentId = next.process.id;
            run->attempt.agentProcessId = next.process.id;
            saveAttempt(run, std::nullopt);
            run->step = Step::Agent;
            advance(run);
            return;
        }
        const bool cleanupPending = run->cleanupId && !run->cleanupDone;
        if (cleanupPending && !run->cancelRequested && run->haveWorktree) {
            run->cleanupDone = true;
            run->step = Step::Cleanup;
        } else {
            if (cleanupPending) {
                ExecutionProcess *cleanup = processIn(*run, *run->cleanupId);
                const ExecutionProcess before = *cleanup;
                cleanup->status = ProcessStatus::Cancelled;
                cleanup->completedAt = nowUtc();
                saveProcess(run, *cleanup, before.status);
            }
            run->step = Step::Finish;
        }
        advance(run);
    });
}

void AttemptService::failRun(const std::shared_ptr<Run> &run,
                             const QString &reason,
                             const QString &message)
{
    if (!run->failureReason) {
        run->failureReason = reason;
        run->failureMessage = message;
    }
}

void AttemptService::finishRun(const std::shared_ptr<Run> &run)
{
    // Processes that never got their turn.
    for (ExecutionProcess &process : run->processes) {
        if (process.status == ProcessStatus::Pending) {
            const ProcessStatus before = process.status;
            process.status = ProcessStatus::Cancelled;
            process.completedAt = nowUtc();
            saveProcess(run, process, before);
        }
    }
    const QString worktree = run->attempt.worktreePath;
    const QString base = run->attempt.baseCommit;
    const bool measure = run->haveWorktree && !base.isEmpty();
    using Measured = std::pair<Result<ChangeStats>, Result<QString>>;
    runOnPool(m_blockingPool, [worktree, base, measure]() -> Measured {
        if (!measure)
            return {fail(Error::internal(u"no worktree"_s)),
                    fail(Error::internal(u"no worktree"_s))};
        return {GitWorktree::changesSince(worktree, base), GitWorktree::headCommit(worktree)};
    }).then(this, [this, run](const Measured &measured) {
        const AttemptStatus previous = run->attempt.status;
        if (measured.first)
            run->attempt.changes = *measured.first;
        if (measured.second)
            run->attempt.commitSha = *measured.second;
        run->attempt.status = run->cancelRequested ? AttemptStatus::Cancelled
                              : run->failureReason ? AttemptStatus::Failed
                                                   : AttemptStatus::Completed;
        run->attempt.failureReason = run->cancelRequested ? std::optional<QString>(u"cancelled"_s)
                                                          : run->failureReason;
        run->attempt.completedAt = nowUtc();
        if (run->attempt.model == std::nullopt)
            run->attempt.model = run->profile.model;
        if (run->agentId) {
            const QString message
                = run->attempt.status == AttemptStatus::Completed
                      ? u"Attempt completed: %1 changed, +%2 -%3"_s
                            .arg(run->attempt.changes.filesChanged == 1
                                     ? u"1 file"_s
                                     : u"%1 files"_s.arg(run->attempt.changes.filesChanged))
                            .arg(run->attempt.changes.linesAdded)
                            .arg(run->attempt.changes.linesRemoved)
                      : u"Attempt %1%2"_s.arg(wireName(run->attempt.status),
                                              run->failureMessage.isEmpty()
                                                  ? QString()
                                                  : u": "_s + run->failureMessage);
            const ProcessId last = run->cleanupDone && run->cleanupId ? *run->cleanupId
                                                                      : *run->agentId;
            m_host.log(last,
                       engineEntry(run->attempt.status == AttemptStatus::Completed ? LogLevel::Info
                                                                                   : LogLevel::Error,
                                   message));
        }
        for (const ExecutionProcess &process : std::as_const(run->processes))
            m_host.closeLog(process.id);
        m_runs.remove(run->attempt.id.toString());
        for (const ExecutionProcess &process : std::as_const(run->processes))
            m_byProcess.remove(process.id.toString());
        saveAttempt(run, previous);
        // Those waiting for the cancel hear back once the task has moved too (the writes are
        // committed in order, so the attempt's is in by then).
        const QList<Promise<Result<Attempt>>> cancelWaiters = run->cancelWaiters;
        const Attempt finished = run->attempt;
        moveTaskToReview(run->task.id).then(this, [cancelWaiters, finished](const Result<Task> &) {
            for (const auto &waiter : cancelWaiters)
                waiter.resolve(finished);
        });
        qCInfo(lcEngine).noquote()
            << "attempt" << run->attempt.id.toString() << wireName(run->attempt.status)
            << run->attempt.failureReason.value_or(QString());
        if (run->deleteRequested) {
            const QList<Promise<Result<Attempt>>> waiters = run->deleteWaiters;
            remove(run->attempt.id).then(this, [waiters](const Result<Attempt> &removed) {
                for (const auto &waiter : waiters)
                    waiter.resolve(removed);
            });
        }
        dequeue();
    });
}

void AttemptService::dequeue()
{
    if (m_dequeueing || m_runs.size() >= m_settings.maxConcurrentAttempts)
        return;
    m_dequeueing = true;
    m_database.read([](SqlConnection &sql) { return AttemptStore::queued(sql); })
        .then(this, [this](const Result<QList<Attempt>> &queued) {
            m_dequeueing = false;
            if (!queued || queued->isEmpty() || m_runs.size() >= m_settings.maxConcurrentAttempts)
                return;
            const Attempt next = queued->first();
            launch(next).then(this, [this, id = next.id](const Result<Attempt> &launched) {
                if (!launched)
                    qCWarning(lcEngine).noquote() << "queued attempt" << id.toString()
                                                  << "failed to start:" << launched.error().message;
                dequeue();
            });
        });
}

// -- Process notifications --------------------------------------------------------------------

void AttemptService::onProcessStarted(const ProcessId &id, qint64 pid, qint64 startTicks)
{
    const auto run = m_byProcess.value(id.toString());
    if (!run)
        return;
    ExecutionProcess *process = processIn(*run, id);
    const ProcessStatus before = process->status;
    process->status = ProcessStatus::Running;
    process->pid = pid;
    process->pidStartTicks = startTicks;
    process->startedAt = nowUtc();
    saveProcess(run, *process, before);
}

void AttemptService::onLogAppended(const ProcessId &id,
                                   const QByteArray &lines,
                                   qint64 bytesStart,
                                   qint64 bytesEnd,
                                   qint64 entries)
{
    const auto run = m_byProcess.value(id.toString());
    if (!run)
        return;
    const ExecutionProcess *process = processIn(*run, id);
    m_events.publish(LogEvent{run->attempt.id,
                              run->task.id,
                              id,
                              process ? absoluteLogPath(*process) : QString(),
                              lines,
                              bytesStart,
                              bytesEnd,
                              entries});
}

void AttemptService::onFactsChanged(const ProcessId &id, const ProcessFacts &facts)
{
    // The turn is over: without the end of its input the CLI would wait for another prompt.
    if (const auto control = m_controls.value(id.toString());
        control && facts.reportedEnd && !control->stdinClosed) {
        control->stdinClosed = true;
        m_host.closeStdin(id);
    }
    const auto run = m_byProcess.value(id.toString());
    if (!run)
        return;
    ExecutionProcess *process = processIn(*run, id);
    if (facts.sessionId && facts.sessionId != process->sessionId) {
        // Stored at once: a follow-up after a crash still finds the session.
        process->sessionId = facts.sessionId;
        saveProcess(run, *process, process->status);
    }
}

void AttemptService::onProcessFinished(const ProcessOutcome &outcome)
{
    if (const auto control = m_controls.take(outcome.id.toString())) {
        if (!control->pending.isEmpty())
            log(outcome.id,
                LogLevel::Info,
                u"The agent ended: %1 unanswered approval request(s) dropped"_s.arg(
                    control->pending.size()));
        if (m_toolApprovals)
            m_toolApprovals->processEnded(outcome.id);
    }
    const auto run = m_byProcess.value(outcome.id.toString());
    if (!run)
        return;
    ExecutionProcess *process = processIn(*run, outcome.id);
    const ProcessStatus before = process->status;
    const bool succeeded = outcome.started && !outcome.crashed && outcome.exitCode == 0
                           && !outcome.cancelled
                           && !(process->kind == ProcessKind::Agent
                                && outcome.facts.reportedFailure);
    process->status = outcome.cancelled ? ProcessStatus::Cancelled
                      : succeeded       ? ProcessStatus::Completed
                                        : ProcessStatus::Failed;
    process->exitCode = outcome.started ? std::optional<int>(outcome.exitCode) : std::nullopt;
    process->completedAt = nowUtc();
    process->logBytes = outcome.logBytes;
    process->logEntries = outcome.logEntries;
    if (!process->startedAt.isValid())
        process->startedAt = process->completedAt;
    if (outcome.facts.sessionId)
        process->sessionId = outcome.facts.sessionId;

    QString why;
    if (!outcome.started)
        why = u"could not start: "_s + outcome.startError;
    else if (outcome.timedOut)
        why = u"stopped after the attempt's timeout"_s;
    else if (outcome.cancelled)
        why = u"cancelled"_s;
    else if (outcome.crashed)
        why = u"killed by a signal"_s;
    else if (outcome.exitCode != 0)
        why = u"exited with code %1"_s.arg(outcome.exitCode);
    else if (!succeeded)
        why = u"reported a failure"_s;
    if (!succeeded && !outcome.cancelled)
        process->failureReason = outcome.timedOut   ? u"timeout"_s
                                 : !outcome.started ? u"start_failed"_s
                                                    : u"failed"_s;
    m_host.log(outcome.id,
               engineEntry(succeeded ? LogLevel::Info : LogLevel::Warn,
                           succeeded ? u"Process completed"_s : u"Process "_s + why,
                           {{u"exitCode"_s,
                             process->exitCode ? QJsonValue(*process->exitCode) : QJsonValue()}}));
    saveProcess(run, *process, before);

    switch (process->kind) {
    case ProcessKind::Setup:
        if (!succeeded && !run->cancelRequested)
            failRun(run, u"setup_failed"_s, u"the setup script "_s + why);
        run->step = succeeded ? Step::Agent : Step::Commit;
        break;
    case ProcessKind::Agent:
        process->usage = outcome.facts.usage;
        // Claude reports the cost of the whole session, resumed runs included: count each
        // dollar once.
        if (run->profile.logFormat == "claude"_L1 && process->sessionId) {
            double earlier = 0;
            for (const ExecutionProcess &other : std::as_const(run->sessionCosts))
                earlier += other.sessionId == process->sessionId ? other.usage.totalCost : 0;
            process->usage.totalCost = std::max(0.0, process->usage.totalCost - earlier);
        }
        run->sessionCosts.append(*process);
        run->attempt.usage.inputTokens += process->usage.inputTokens;
        run->attempt.usage.outputTokens += process->usage.outputTokens;
        run->attempt.usage.totalCost += process->usage.totalCost;
        saveProcess(run, *process, process->status);
        if (!outcome.facts.summary.isEmpty())
            run->attempt.summary = outcome.facts.summary;
        if (outcome.facts.model)
            run->attempt.model = outcome.facts.model;
        if (outcome.facts.sessionId)
            run->resumeSession = outcome.facts.sessionId;
        if (!succeeded && !run->replacement && !run->cancelRequested) {
            failRun(run,
                    outcome.timedOut  ? u"timeout"_s
                    : outcome.started ? u"agent_failed"_s
                                      : u"agent_unavailable"_s,
                    run->profile.displayName + u' ' + why);
        }
        if (outcome.timedOut)
            run->cancelRequested = false; // a timeout is a failure, not the user's cancel
        run->step = Step::Commit;
        break;
    case ProcessKind::Cleanup:
        if (!succeeded && !run->cancelRequested)
            failRun(run, u"cleanup_failed"_s, u"the cleanup script "_s + why);
        run->step = Step::Commit; // the cleanup may have changed files too
        break;
    case ProcessKind::DevServer: return;
    }
    // Its log stays open: the commit that follows is reported there. finishRun closes it.
    advance(run);
}

// -- Tool approvals ----------------------------------------------------------------------------

void AttemptService::onControlMessage(const ProcessId &id, const QJsonObject &message)
{
    const auto control = m_controls.value(id.toString());
    if (!control)
        return; // it ended meanwhile
    const QString type = ClaudeControl::controlType(message);
    if (type == "control_request"_L1) {
        onControlRequest(id, control, message);
    } else if (type == "control_cancel_request"_L1) {
        // The CLI gave up on the question (it was interrupted); a late answer is dropped.
        if (const auto withdrawn = ClaudeControl::parseCancel(message))
            control->pending.remove(*withdrawn);
    } else if (type == "control_response"_L1) {
        const auto response = ClaudeControl::parseResponse(message);
        if (!response || response->requestId != control->initializeId || control->initialized)
            return;
        if (const auto ready = ClaudeControl::checkInitialized(*response); !ready) {
            // Without the hook nothing would be asked: stop rather than run unchecked.
            log(id, LogLevel::Error, ready.error().message);
            if (const auto run = m_byProcess.value(id.toString()))
                failRun(run, u"agent_failed"_s, ready.error().message);
            m_host.cancel(id, u"tool approvals could not be set up"_s);
            return;
        }
        control->initialized = true;
        m_host.writeStdin(id, ClaudeControl::userMessage(control->prompt));
    }
}

void AttemptService::onControlRequest(const ProcessId &id,
                                      const std::shared_ptr<AgentControl> &control,
                                      const QJsonObject &message)
{
    const auto request = ClaudeControl::parseRequest(message);
    if (!request) {
        log(id, LogLevel::Warn, request.error().message);
        return;
    }
    switch (request->kind) {
    case ClaudeControlRequest::Kind::HookCallback:
        m_host.writeStdin(id, ClaudeControl::hookAskResponse(request->requestId));
        return;
    case ClaudeControlRequest::Kind::Other:
        m_host.writeStdin(id,
                          ClaudeControl::errorResponse(request->requestId,
                                                       u"Forgedesk does not handle '%1'"_s.arg(
                                                           request->subtype)));
        return;
    case ClaudeControlRequest::Kind::CanUseTool: break;
    }
    control->pending.insert(request->requestId);
    if (!m_toolApprovals) {
        answerToolCall(id,
                       *request,
                       {false,
                        u"Forgedesk has no approval service to ask, so tool calls that need "
                        "approval are refused."_s});
        return;
    }
    const ToolApprovalRequest asked{control->attemptId,
                                    id,
                                    request->toolName,
                                    request->input,
                                    request->toolUseId};
    // The answer may come much later, after this service or the process is gone.
    m_toolApprovals->requestToolApproval(asked,
                                         [self = QPointer<AttemptService>(this),
                                          id,
                                          request = *request](const ToolDecision &decision) {
                                             if (self)
                                                 self->answerToolCall(id, request, decision);
                                         });
}

void AttemptService::answerToolCall(const ProcessId &id,
                                    const ClaudeControlRequest &request,
                                    const ToolDecision &decision)
{
    const auto control = m_controls.value(id.toString());
    if (!control || !control->pending.remove(request.requestId))
        return; // the process ended, or the CLI withdrew the question
    m_host.writeStdin(id,
                      ClaudeControl::toolDecisionResponse(request.requestId,
                                                          decision,
                                                          request.input));
    QString what = request.toolName;
    for (const auto key : {"command"_L1, "file_path"_L1, "path"_L1, "url"_L1}) {
        if (const QString detail = request.input.value(key).toString(); !detail.isEmpty()) {
            what += u": "_s + detail.left(160);
            break;
        }
    }
    const QString comment = decision.message.trimmed();
    const QString message
        = decision.allow
              ? u"Approved: "_s + what + (comment.isEmpty() ? QString() : u" (%1)"_s.arg(comment))
              : u"Denied: %1: %2"_s.arg(what, comment.isEmpty() ? u"no reason given"_s : comment);
    m_host.log(id,
               engineEntry(decision.allow ? LogLevel::Info : LogLevel::Warn,
                           message,
                           {{u"subtype"_s,
                             decision.allow ? u"approval_granted"_s : u"approval_denied"_s},
                            {u"tool"_s, request.toolName},
                            {u"toolUseId"_s, request.toolUseId},
                            {u"requestId"_s, request.requestId},
                            {u"comment"_s, comment}}));
}

// -- Follow-ups, replacement, cancel, delete ----------------------------------------------------

Future<Result<ExecutionProcess>> AttemptService::followUp(const AttemptId &id,
                                                          const QString &prompt,
                                                          const std::optional<QString> &variant)
{
    if (prompt.trimmed().isEmpty())
        return Future<Result<ExecutionProcess>>::ready(
            fail(Error::validation(u"prompt"_s, u"must not be empty"_s)));
    if (prompt.size() > Validate::maxDescriptionLength)
        return Future<Result<ExecutionProcess>>::ready(
            fail(Error::validation(u"prompt"_s,
                                   u"must be at most %1 characters"_s.arg(
                                       Validate::maxDescriptionLength))));
    // Read through the write queue: a run that has just ended queued the save of its final
    // status (and its agent's session) before it stopped being active, and a pooled read may
    // not see it yet: the attempt would look running, and the session could not be resumed.
    return m_database.write([id](SqlConnection &sql) { return readContext(sql, id); })
        .then(
            this,
            [this, prompt, variant](
                const Result<Context> &context) -> Future<Result<ExecutionProcess>> {
                if (!context)
                    return Future<Result<ExecutionProcess>>::ready(fail(context.error()));
                const Attempt &attempt = context->attempt;
                if (m_runs.contains(attempt.id.toString())
                    || attempt.status == AttemptStatus::Running) {
                    return Future<Result<ExecutionProcess>>::ready(fail(conflict(
                        u"the attempt is running; wait for it to finish, or use replace-process"_s)));
                }
                if (attempt.status == AttemptStatus::Created) {
                    return Future<Result<ExecutionProcess>>::ready(
                        fail(conflict(u"the attempt has not run yet; start it first"_s)));
                }
                if (attempt.baseCommit.isEmpty() || attempt.branch.isEmpty()) {
                    return Future<Result<ExecutionProcess>>::ready(
                        fail(conflict(u"the attempt has no branch; start a new attempt"_s)));
                }
                if (attempt.worktreeRemoved || !QFileInfo::exists(attempt.worktreePath)) {
                    // Removed after a merge or when it expired: its branch brings it back.
                    const AttemptId attemptId = attempt.id;
                    return restoreWorktree(attempt, context->project.repoPath)
                        .then(this,
                              [this, attemptId, prompt, variant](const Result<Attempt> &restored) {
                                  if (!restored)
                                      return Future<Result<ExecutionProcess>>::ready(
                                          fail(restored.error()));
                                  return followUp(attemptId, prompt, variant);
                              });
                }
                if (m_runs.size() >= m_settings.maxConcurrentAttempts) {
                    return Future<Result<ExecutionProcess>>::ready(fail(conflict(
                        u"%1 attempts are running, the limit; try again when one ends"_s.arg(
                            m_runs.size()))));
                }
                auto profile = profileFor(attempt.llm, std::nullopt);
                if (!profile)
                    return Future<Result<ExecutionProcess>>::ready(fail(profile.error()));
                auto run = std::make_shared<Run>();
                run->attempt = attempt;
                run->task = context->task;
                run->project = context->project;
                run->profile = *profile;
                run->variant = variant ? variant : attempt.variant;
                run->prompt = prompt;
                run->haveWorktree = true;
                for (const ExecutionProcess &earlier : context->processes) {
                    if (earlier.kind == ProcessKind::Agent)
                        run->sessionCosts.append(earlier);
                }
                // Only the same agent can resume its own session.
                for (auto it = context->processes.crbegin(); it != context->processes.crend();
                     ++it) {
                    if (it->kind == ProcessKind::Agent && it->sessionId
                        && it->executor == profile->name) {
                        run->resumeSession = it->sessionId;
                        break;
                    }
                }
                const AttemptStatus previous = attempt.status;
                run->attempt.status = AttemptStatus::Running;
                run->attempt.completedAt = QDateTime();
                run->attempt.failureReason.reset();
                ExecutionProcess agent = newProcess(run->attempt, ProcessKind::Agent, profile->name);
                agent.prompt = prompt;
                run->agentId = agent.id;
                run->processes = {agent};
                if (run->project.cleanupScript && !run->project.cleanupScript->trimmed().isEmpty()) {
                    ExecutionProcess cleanup = newProcess(run->attempt,
                                                          ProcessKind::Cleanup,
                                                          QString());
                    run->cleanupId = cleanup.id;
                    run->processes.append(cleanup);
                }
                run->attempt.agentProcessId = agent.id;
                run->step = Step::Agent;
                m_runs.insert(attempt.id.toString(), run);
                for (const ExecutionProcess &process : std::as_const(run->processes))
                    m_byProcess.insert(process.id.toString(), run);
                const Attempt updated = run->attempt;
                const QList<ExecutionProcess> processes = run->processes;
                return m_database
                    .write([updated, processes](SqlConnection &sql) -> Result<ExecutionProcess> {
                        if (auto done = AttemptStore::update(sql, updated); !done)
                            return fail(done.error());
                        for (const ExecutionProcess &process : processes) {
                            if (auto inserted = AttemptStore::insert(sql, process); !inserted)
                                return fail(inserted.error());
                        }
                        return processes.first();
                    })
                    .then(this, [this, run, previous](const Result<ExecutionProcess> &started) {
                        if (!started) {
                            m_runs.remove(run->attempt.id.toString());
                            for (const ExecutionProcess &process : std::as_const(run->processes))
                                m_byProcess.remove(process.id.toString());
                            return started;
                        }
                        m_events.publish(
                            AttemptEvent{ChangeKind::Updated, run->attempt, previous, nowUtc()});
                        for (const ExecutionProcess &process : std::as_const(run->processes))
                            m_events.publish(ProcessEvent{ChangeKind::Created,
                                                          process,
                                                          run->task.id,
                                                          std::nullopt,
                                                          nowUtc()});
                        (void) setTaskStatus(run->task.id, TaskStatus::InProgress);
                        advance(run);
                        return started;
                    });
            });
}

Future<Result<AttemptService::Replacement>> AttemptService::replaceProcess(
    const AttemptId &id,
    const std::optional<QString> &llm,
    const std::optional<QString> &executor,
    const std::optional<QString> &variant,
    const QString &prompt)
{
    if (prompt.trimmed().isEmpty())
        return Future<Result<Replacement>>::ready(
            fail(Error::validation(u"prompt"_s, u"must not be empty"_s)));
    const auto run = m_runs.value(id.toString());
    if (!run || run->step != Step::Agent || !run->agentId) {
        // Nothing running to replace: this is a follow-up, possibly with another agent.
        return m_database.read([id](SqlConnection &sql) { return readContext(sql, id); })
            .then(this,
                  [this, id, llm, executor, variant, prompt](
                      const Result<Context> &context) -> Future<Result<Replacement>> {
                      if (!context)
                          return Future<Result<Replacement>>::ready(fail(context.error()));
                      const std::optional<ProcessId> old = context->attempt.agentProcessId;
                      auto followUpWith = [this, id, prompt, variant, old] {
                          return followUp(id, prompt, variant)
                              .then(this,
                                    [old](const Result<ExecutionProcess> &started)
                                        -> Result<Replacement> {
                                        if (!started)
                                            return fail(started.error());
                                        return Replacement{old, *started};
                                    });
                      };
                      if (!llm && !executor)
                          return followUpWith();
                      auto profile = profileFor(llm, executor);
                      if (!profile)
                          return Future<Result<Replacement>>::ready(fail(profile.error()));
                      if (profile->name == context->attempt.llm)
                          return followUpWith();
                      // Another agent from now on; it cannot resume the first one's session.
                      Attempt switched = context->attempt;
                      switched.llm = profile->name;
                      switched.variant = variant;
                      return m_database
                          .write([switched](SqlConnection &sql) -> Result<bool> {
                              if (auto done = AttemptStore::update(sql, switched); !done)
                                  return fail(done.error());
                              return true;
                          })
                          .then(this,
                                [followUpWith](
                                    const Result<bool> &saved) -> Future<Result<Replacement>> {
                                    if (!saved)
                                        return Future<Result<Replacement>>::ready(
                                            fail(saved.error()));
                                    return followUpWith();
                                });
                  });
    }
    auto profile = (llm || executor) ? profileFor(llm, executor)
                                     : Result<ExecutorProfile>(run->profile);
    if (!profile)
        return Future<Result<Replacement>>::ready(fail(profile.error()));
    if (run->replacement)
        return Future<Result<Replacement>>::ready(
            fail(conflict(u"a replacement is already on its way"_s)));
    const ProcessId old = *run->agentId;
    ExecutionProcess next = newProcess(run->attempt, ProcessKind::Agent, profile->name);
    next.prompt = prompt;
    run->replacement = Run::Replacement{next, *profile, variant ? variant : run->variant, prompt};
    const auto oldAt = std::find_if(run->processes.begin(),
                                    run->processes.end(),
                                    [&old](const ExecutionProcess &p) { return p.id == old; });
    run->processes.insert(oldAt == run->processes.end() ? run->processes.end() : oldAt + 1, next);
    m_byProcess.insert(next.id.toString(), run);
    return m_database
        .write([next](SqlConnection &sql) -> Result<ExecutionProcess> {
            if (auto inserted = AttemptStore::insert(sql, next); !inserted)
                return fail(inserted.error());
            return next;
        })
        .then(this, [this, run, old](const Result<ExecutionProcess> &inserted) -> Result<Replacement> {
            if (!inserted)
                return fail(inserted.error());
            m_events.publish(
                ProcessEvent{ChangeKind::Created, *inserted, run->task.id, std::nullopt, nowUtc()});
            run->cancelRequested = true;
            m_host.cancel(old, u"replaced by %1"_s.arg(inserted->id.toString()));
            ExecutionProcess created = *inserted;
            created.status = ProcessStatus::Pending;
            return Replacement{old, created};
        });
}

Future<Result<Attempt>> AttemptService::cancel(const AttemptId &id)
{
    // Its dev server goes with it.
    if (m_devServers)
        (void) m_devServers->stopAttempt(id);
    if (const auto run = m_runs.value(id.toString())) {
        run->cancelRequested = true;
        run->replacement.reset();
        for (const ExecutionProcess &process : std::as_const(run->processes)) {
            if (process.status == ProcessStatus::Running || process.status == ProcessStatus::Pending)
                m_host.cancel(process.id, u"the attempt was cancelled"_s);
        }
        // The answer waits for the processes to stop (at most the SIGINT-SIGTERM-SIGKILL steps).
        Promise<Result<Attempt>> waiter;
        run->cancelWaiters.append(waiter);
        return waiter.future();
    }
    return m_database.read([id](SqlConnection &sql) { return readContext(sql, id); })
        .then(this, [this](const Result<Context> &context) -> Future<Result<Attempt>> {
            if (!context)
                return Future<Result<Attempt>>::ready(fail(context.error()));
            Attempt attempt = context->attempt;
            if (isFinished(attempt.status)) {
                return Future<Result<Attempt>>::ready(
                    fail(conflict(u"the attempt has already %1"_s.arg(wireName(attempt.status)))));
            }
            const AttemptStatus previous = attempt.status;
            attempt.status = AttemptStatus::Cancelled;
            attempt.queued = false;
            attempt.failureReason = u"cancelled"_s;
            attempt.completedAt = attempt.updatedAt = nowUtc();
            return m_database
                .write([attempt](SqlConnection &sql) -> Result<Attempt> {
                    if (auto done = AttemptStore::update(sql, attempt); !done)
                        return fail(done.error());
                    return attempt;
                })
                .then(this, [this, previous](const Result<Attempt> &cancelled) {
                    if (cancelled) {
                        m_events.publish(
                            AttemptEvent{ChangeKind::Updated, *cancelled, previous, nowUtc()});
                        m_tasks.announce(cancelled->taskId);
                    }
                    return cancelled;
                });
        });
}

Future<Result<ExecutionProcess>> AttemptService::cancelProcess(const ProcessId &id)
{
    return getProcess(id).then(
        this, [this](const Result<ExecutionProcess> &process) -> Future<Result<ExecutionProcess>> {
            if (!process)
                return Future<Result<ExecutionProcess>>::ready(process);
            if (m_devServers && m_devServers->owns(process->id))
                return m_devServers->stop(process->id);
            const auto run = m_byProcess.value(process->id.toString());
            if (!run
                || (process->status != ProcessStatus::Running
                    && process->status != ProcessStatus::Pending)) {
                return Future<Result<ExecutionProcess>>::ready(fail(conflict(
                    u"the process is not running (it is %1)"_s.arg(wireName(process->status)))));
            }
            // Stopping a process of a chain stops the chain: what runs after it would build on it.
            return cancel(process->attemptId)
                .then(this, [process](const Result<Attempt> &cancelled) -> Result<ExecutionProcess> {
                    if (!cancelled)
                        return fail(cancelled.error());
                    return *process;
                });
        });
}

Future<Result<Attempt>> AttemptService::remove(const AttemptId &id)
{
    // A dev server still writing into the worktree and the log directory stops first.
    if (m_devServers)
        return m_devServers->stopAttempt(id).then(this, [this, id](bool) { return removeNow(id); });
    return removeNow(id);
}

Future<Result<Attempt>> AttemptService::restoreWorktree(const Attempt &attempt,
                                                        const QString &repoPath)
{
    const QString repo = repoPath;
    const QString path = attempt.worktreePath;
    const QString branch = attempt.branch;
    const AttemptId id = attempt.id;
    return runOnPool(m_blockingPool,
                     [repo, path, branch] { return GitWorktree::restore(repo, path, branch); })
        .then(this, [this, id](const Result<QString> &restored) {
            if (!restored)
                return Future<Result<Attempt>>::ready(fail(restored.error()));
            return m_database
                .write([id](SqlConnection &sql) -> Result<Attempt> {
                    auto found = AttemptStore::find(sql, id);
                    if (!found)
                        return fail(found.error());
                    if (!*found)
                        return fail(Error::notFound(u"attempt"_s, id.toString()));
                    Attempt back = **found;
                    back.worktreeRemoved = false;
                    if (auto done = AttemptStore::updateDelivery(sql, back); !done)
                        return fail(done.error());
                    return back;
                })
                .then(this, [this](const Result<Attempt> &saved) {
                    if (saved)
                        m_events.publish(
                            AttemptEvent{ChangeKind::Updated, *saved, std::nullopt, nowUtc()});
                    return saved;
                });
        });
}

Future<Result<Attempt>> AttemptService::removeNow(const AttemptId &id)
{
    if (const auto run = m_runs.value(id.toString())) {
        Promise<Result<Attempt>> waiter;
        run->deleteWaiters.append(waiter);
        if (!run->deleteRequested) {
            run->deleteRequested = true;
            run->cancelRequested = true;
            run->replacement.reset();
            for (const ExecutionProcess &process : std::as_const(run->processes)) {
                if (process.status == ProcessStatus::Running)
                    m_host.cancel(process.id, u"the attempt is being deleted"_s);
            }
        }
        return waiter.future();
    }
    return m_database.read([id](SqlConnection &sql) { return readContext(sql, id); })
        .then(this, [this](const Result<Context> &context) -> Future<Result<Attempt>> {
            if (!context)
                return Future<Result<Attempt>>::ready(fail(context.error()));
            const Context found = *context;
            return runOnPool(m_blockingPool,
                             [found] {
                                 return GitWorktree::remove(found.project.repoPath,
                                                            found.attempt.worktreePath,
                                                            found.attempt.branch);
                             })
                .then(this, [this, found](const Result<void> &removed) -> Future<Result<Attempt>> {
                    if (!removed)
                        return Future<Result<Attempt>>::ready(fail(removed.error()));
                    const AttemptId removedId = found.attempt.id;
                    return m_database
                        .write([removedId](SqlConnection &sql) -> Result<bool> {
                            if (auto done = AttemptStore::remove(sql, removedId); !done)
                                return fail(done.error());
                            return true;
                        })
                        .then(this, [this, found](const Result<bool> &deleted) -> Result<Attempt> {
                            if (!deleted)
                                return fail(deleted.error());
                            const QString logs = QDir(m_dataDir).filePath(
                                u"logs/"_s + found.attempt.id.toString());
                            (void) runOnPool(m_blockingPool,
                                             [logs] { return QDir(logs).removeRecursively(); });
                            m_events.publish(AttemptEvent{ChangeKind::Deleted,
                                                          found.attempt,
                                                          std::nullopt,
                                                          nowUtc()});
                            m_tasks.announce(found.attempt.taskId);
                            return found.attempt;
                        });
                });
        });
}

// -- Recovery -----------------------------------------------------------------------------------

Future<Result<int>> AttemptService::recover()
{
    using Found = std::pair<QList<Attempt>, QList<ExecutionProcess>>;
    return m_database
        .read([](SqlConnection &sql) -> Result<Found> {
            const ReadTransaction snapshot(sql);
            auto attempts = AttemptStore::withStatus(sql, AttemptStatus::Running);
            if (!attempts)
                return fail(attempts.error());
            auto running = AttemptStore::processesWithStatus(sql, ProcessStatus::Running);
            if (!running)
                return fail(running.error());
            auto pending = AttemptStore::processesWithStatus(sql, ProcessStatus::Pending);
            if (!pending)
                return fail(pending.error());
            return Found{*attempts, *running + *pending};
        })
        .then(this, [this](const Result<Found> &found) -> Future<Result<int>> {
            if (!found)
                return Future<Result<int>>::ready(fail(found.error()));
            QList<ExecutionProcess> processes = found->second;
            for (ExecutionProcess &process : processes) {
                // A group a killed Forgedesk left behind: the same pid, started at the same time.
                if (process.status == ProcessStatus::Running && process.pid && process.pidStartTicks
                    && processStartTicks(*process.pid) == process.pidStartTicks) {
                    const qint64 group = *process.pid;
                    signalProcessGroup(group, SIGTERM);
                    QTimer::singleShot(ProcessHost::defaultCancelStepMs, this, [group] {
                        signalProcessGroup(group, SIGKILL);
                    });
                    qCInfo(lcEngine)
                        << "terminated process group" << group << "left by an earlier run";
                }
                process.failureReason = u"interrupted"_s;
                process.status = process.status == ProcessStatus::Running
                                     ? ProcessStatus::Failed
                                     : ProcessStatus::Cancelled;
                process.completedAt = nowUtc();
                m_host.openLog(process.id, absoluteLogPath(process), process.logEntries + 1);
                m_host.log(process.id,
                           engineEntry(LogLevel::Error,
                                       u"Interrupted: Forgedesk stopped while this ran"_s));
                m_host.closeLog(process.id);
            }
            QList<Attempt> attempts = found->first;
            for (Attempt &attempt : attempts) {
                attempt.status = AttemptStatus::Failed;
                attempt.failureReason = u"interrupted"_s;
                attempt.queued = false;
                attempt.completedAt = attempt.updatedAt = nowUtc();
            }
            return m_database
                .write([attempts, processes](SqlConnection &sql) -> Result<int> {
                    for (const ExecutionProcess &process : processes) {
                        if (auto done = AttemptStore::update(sql, process); !done)
                            return fail(done.error());
                    }
                    for (const Attempt &attempt : attempts) {
                        if (auto done = AttemptStore::update(sql, attempt); !done)
                            return fail(done.error());
                    }
                    return int(attempts.size());
                })
                .then(this, [this, attempts](const Result<int> &recovered) {
                    if (recovered) {
                        for (const Attempt &attempt : attempts) {
                            m_events.publish(AttemptEvent{ChangeKind::Updated,
                                                          attempt,
                                                          AttemptStatus::Running,
                                                          nowUtc()});
                            (void) moveTaskToReview(attempt.taskId);
                        }
                        dequeue();
                    }
                    return recovered;
                });
        });
}

// -- Helpers ------------------------------------------------------------------------------------

void AttemptService::saveProcess(const std::shared_ptr<Run> &run,
                                 const ExecutionProcess &process,
                                 std::optional<ProcessStatus> previous)
{
    const TaskId taskId = run->task.id;
    m_database
        .write([process](SqlConnection &sql) -> Result<ExecutionProcess> {
            if (auto done = AttemptStore::update(sql, process); !done)
                return fail(done.error());
            return process;
        })
        .then(this, [this, taskId, previous](const Result<ExecutionProcess> &saved) {
            if (!saved) {
                qCWarning(lcEngine).noquote() << "saving process" << saved.error().message;
                return;
            }
            m_events.publish(ProcessEvent{ChangeKind::Updated,
                                          *saved,
                                          taskId,
                                          previous == saved->status ? std::nullopt : previous,
                                          nowUtc()});
        });
}

void AttemptService::saveAttempt(const std::shared_ptr<Run> &run,
                                 std::optional<AttemptStatus> previous)
{
    run->attempt.updatedAt = nowUtc();
    const Attempt attempt = run->attempt;
    m_database
        .write([attempt](SqlConnection &sql) -> Result<Attempt> {
            if (auto done = AttemptStore::update(sql, attempt); !done)
                return fail(done.error());
            // Announce the row as stored: review and delivery may have changed their columns.
            auto stored = AttemptStore::find(sql, attempt.id);
            if (!stored)
                return fail(stored.error());
            return stored->value_or(attempt);
        })
        .then(this, [this, previous](const Result<Attempt> &saved) {
            if (!saved) {
                qCWarning(lcEngine).noquote() << "saving attempt" << saved.error().message;
                return;
            }
            m_events.publish(AttemptEvent{ChangeKind::Updated,
                                          *saved,
                                          previous == saved->status ? std::nullopt : previous,
                                          nowUtc()});
        });
}

Future<Result<Task>> AttemptService::setTaskStatus(const TaskId &task, TaskStatus status)
{
    return m_tasks.update(task, {.status = status}).then(this, [task](const Result<Task> &updated) {
        if (!updated)
            qCWarning(lcEngine).noquote()
                << "moving task" << task.toString() << updated.error().message;
        return updated;
    });
}

Future<Result<Task>> AttemptService::moveTaskToReview(const TaskId &task)
{
    // A task the user has moved on (done, cancelled) while its attempt ran stays where it is.
    return m_tasks.get(task).then(this, [this, task](const Result<Task> &current) {
        if (!current)
            return Future<Result<Task>>::ready(current);
        if (current->status != TaskStatus::Todo && current->status != TaskStatus::InProgress)
            return Future<Result<Task>>::ready(current);
        return setTaskStatus(task, TaskStatus::InReview);
    });
}

void AttemptService::log(const ProcessId &process, LogLevel level, const QString &message)
{
    m_host.log(process, engineEntry(level, message));
}

} // namespace Core
