// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/openapi.h"

#include "core/attempt.h"
#include "core/settings.h"
#include "core/task.h"
#include "core/version.h"
#include "server/router.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Server {
namespace {

QJsonObject ref(const QString &name)
{
    return {{u"$ref"_s, QString(u"#/components/schemas/"_s + name)}};
}

QJsonObject stringSchema(const QString &description = {})
{
    QJsonObject schema{{u"type"_s, u"string"_s}};
    if (!description.isEmpty())
        schema.insert(u"description"_s, description);
    return schema;
}

QJsonObject nullableString()
{
    return {{u"type"_s, QJsonArray{u"string"_s, u"null"_s}}};
}

QJsonObject stringArray()
{
    return {{u"type"_s, u"array"_s}, {u"items"_s, stringSchema()}};
}

QJsonObject nullable(const QJsonObject &schema)
{
    return {{u"anyOf"_s, QJsonArray{schema, QJsonObject{{u"type"_s, u"null"_s}}}}};
}

QJsonObject enumSchema(const QStringList &values)
{
    return {{u"type"_s, u"string"_s}, {u"enum"_s, QJsonArray::fromStringList(values)}};
}

QJsonObject components()
{
    const QJsonObject timestamp{{u"type"_s, u"string"_s}, {u"format"_s, u"date-time"_s}};
    QJsonObject schemas;
    schemas[u"Project"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"properties"_s,
                       QJsonObject{{u"id"_s, stringSchema(u"proj_…"_s)},
                                   {u"name"_s, stringSchema()},
                                   {u"repoPath"_s,
                                    stringSchema(u"Absolute top level of a git repository"_s)},
                                   {u"baseBranch"_s, stringSchema()},
                                   {u"setupScript"_s, nullableString()},
                                   {u"devScript"_s, nullableString()},
                                   {u"cleanupScript"_s, nullableString()},
                                   {u"copyFiles"_s, stringArray()},
                                   {u"defaultLlm"_s, nullableString()},
                                   {u"mergeRequiresApproval"_s,
                                    QJsonObject{{u"type"_s, u"boolean"_s}}},
                                   {u"mergeApprovers"_s, stringArray()},
                                   {u"createdAt"_s, timestamp},
                                   {u"updatedAt"_s, timestamp}}}};
    schemas[u"ProjectInput"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"required"_s, QJsonArray{u"name"_s, u"repoPath"_s}},
                      {u"properties"_s,
                       QJsonObject{{u"name"_s, stringSchema()},
                                   {u"repoPath"_s, stringSchema()},
                                   {u"baseBranch"_s,
                                    stringSchema(u"Defaults to the repository's current branch"_s)},
                                   {u"setupScript"_s, nullableString()},
                                   {u"devScript"_s, nullableString()},
                                   {u"cleanupScript"_s, nullableString()},
                                   {u"copyFiles"_s, stringArray()},
                                   {u"defaultLlm"_s, nullableString()},
                                   {u"mergeRequiresApproval"_s,
                                    QJsonObject{{u"type"_s, u"boolean"_s},
                                                {u"description"_s,
                                                 u"Merging needs an approved merge approval"_s}}},
                                   {u"mergeApprovers"_s, stringArray()}}}};
    const QJsonObject integer{{u"type"_s, u"integer"_s}};
    const QJsonObject number{{u"type"_s, u"number"_s}};
    const QJsonObject boolean{{u"type"_s, u"boolean"_s}};
    const QJsonObject attemptStatus = enumSchema(Core::attemptStatusNames());
    const QJsonObject status = enumSchema(Core::taskStatusNames());
    const QJsonObject priority = enumSchema(Core::taskPriorityNames());
    schemas[u"Task"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"properties"_s,
                       QJsonObject{{u"id"_s, stringSchema(u"task_…"_s)},
                                   {u"projectId"_s, stringSchema()},
                                   {u"title"_s, stringSchema()},
                                   {u"description"_s, stringSchema()},
                                   {u"status"_s, status},
                                   {u"priority"_s, priority},
                                   {u"labels"_s, stringArray()},
                                   {u"llm"_s, nullableString()},
                                   {u"parentAttemptId"_s, nullableString()},
                                   {u"createdAt"_s, timestamp},
                                   {u"updatedAt"_s, timestamp},
                                   {u"attemptCount"_s, integer},
                                   {u"latestAttemptStatus"_s, nullable(attemptStatus)},
                                   {u"hasRunningAttempt"_s, boolean},
                                   {u"lastAttemptFailed"_s, boolean},
                                   {u"hasMergedAttempt"_s, boolean}}}};
    QJsonObject taskInputProperties{{u"projectId"_s, stringSchema()},
                                    {u"title"_s, stringSchema()},
                                    {u"description"_s, stringSchema()},
                                    {u"status"_s,
                                     enumSchema(Core::taskStatusNames() << u"pending"_s)},
                                    {u"priority"_s, priority},
                                    {u"labels"_s, stringArray()},
                                    {u"llm"_s, nullableString()},
                                    {u"parentAttemptId"_s, nullableString()}};
    schemas[u"TaskInput"_s] = QJsonObject{{u"type"_s, u"object"_s},
                                          {u"required"_s, QJsonArray{u"projectId"_s, u"title"_s}},
                                          {u"properties"_s, taskInputProperties}};
    taskInputProperties.remove(u"projectId"_s);
    schemas[u"TaskPatch"_s] = QJsonObject{{u"type"_s, u"object"_s},
                                          {u"properties"_s, taskInputProperties}};
    const QJsonObject
        executorChoice{{u"type"_s, u"object"_s},
                       {u"required"_s, QJsonArray{u"executor"_s}},
                       {u"properties"_s,
                        QJsonObject{{u"executor"_s,
                                     stringSchema(u"CLAUDE_CODE, CODEX, GEMINI, OPENCODE, …"_s)},
                                    {u"variant"_s, nullableString()}}}};
    const QJsonObject changes{{u"type"_s, u"object"_s},
                              {u"properties"_s,
                               QJsonObject{{u"filesChanged"_s, integer},
                                           {u"filesCreated"_s, integer},
                                           {u"filesModified"_s, integer},
                                           {u"filesDeleted"_s, integer},
                                           {u"linesAdded"_s, integer},
                                           {u"linesRemoved"_s, integer}}}};
    schemas[u"Attempt"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"properties"_s,
                       QJsonObject{{u"id"_s, stringSchema(u"attempt_…"_s)},
                                   {u"taskId"_s, stringSchema()},
                                   {u"llm"_s, stringSchema()},
                                   {u"executorProfileId"_s, executorChoice},
                                   {u"model"_s, nullableString()},
                                   {u"description"_s, stringSchema()},
                                   {u"options"_s,
                                    QJsonObject{{u"type"_s, u"object"_s},
                                                {u"properties"_s,
                                                 QJsonObject{{u"temperature"_s, nullable(number)},
                                                             {u"maxTokens"_s, nullable(integer)},
                                                             {u"timeout"_s, nullable(integer)}}}}},
                                   {u"status"_s, attemptStatus},
                                   {u"queued"_s, boolean},
                                   {u"failureReason"_s, nullableString()},
                                   {u"branch"_s, nullableString()},
                                   {u"baseBranch"_s, nullableString()},
                                   {u"baseCommit"_s, nullableString()},
                                   {u"worktreePath"_s, nullableString()},
                                   {u"processId"_s, nullableString()},
                                   {u"commitSha"_s, nullableString()},
                                   {u"createdAt"_s, timestamp},
                                   {u"startedAt"_s, nullable(timestamp)},
                                   {u"completedAt"_s, nullable(timestamp)},
                                   {u"duration"_s, nullable(integer)},
                                   {u"filesChanged"_s, integer},
                                   {u"linesAdded"_s, integer},
                                   {u"linesRemoved"_s, integer},
                                   {u"changes"_s, changes},
                                   {u"cost"_s,
                                    QJsonObject{{u"type"_s, u"object"_s},
                                                {u"properties"_s,
                                                 QJsonObject{{u"inputTokens"_s, integer},
                                                             {u"outputTokens"_s, integer},
                                                             {u"totalCost"_s, number}}}}},
                                   {u"output"_s,
                                    QJsonObject{{u"type"_s, u"object"_s},
                                                {u"properties"_s,
                                                 QJsonObject{{u"summary"_s, nullableString()},
                                                             {u"changes"_s, stringArray()}}}}},
                                   {u"merged"_s, QJsonObject{{u"type"_s, u"boolean"_s}}},
                                   {u"mergedAt"_s, nullable(timestamp)},
                                   {u"mergeCommit"_s, nullableString()},
                                   {u"mergeStrategy"_s, nullableString()},
                                   {u"pushedAt"_s, nullable(timestamp)},
                                   {u"pushedRemote"_s, nullableString()},
                                   {u"pullRequest"_s,
                                    nullable(
                                        QJsonObject{{u"type"_s, u"object"_s},
                                                    {u"properties"_s,
                                                     QJsonObject{{u"prNumber"_s, integer},
                                                                 {u"url"_s, stringSchema()},
                                                                 {u"repository"_s, stringSchema()},
                                                                 {u"status"_s,
                                                                  enumSchema({u"open"_s,
                                                                              u"closed"_s,
                                                                              u"merged"_s})}}}})},
                                   {u"worktreeRemoved"_s, QJsonObject{{u"type"_s, u"boolean"_s}}},
                                   {u"updatedAt"_s, timestamp}}}};
    schemas[u"AttemptInput"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"required"_s, QJsonArray{u"taskId"_s}},
                      {u"properties"_s,
                       QJsonObject{{u"taskId"_s, stringSchema()},
                                   {u"llm"_s, stringSchema(u"A profile name (GET /api/profiles)"_s)},
                                   {u"executorProfileId"_s, executorChoice},
                                   {u"variant"_s, nullableString()},
                                   {u"options"_s,
                                    QJsonObject{{u"type"_s, u"object"_s},
                                                {u"properties"_s,
                                                 QJsonObject{{u"temperature"_s, number},
                                                             {u"maxTokens"_s, integer},
                                                             {u"timeout"_s,
                                                              QJsonObject{{u"type"_s, u"integer"_s},
                                                                          {u"description"_s,
                                                                           u"Milliseconds"_s}}}}}}},
                                   {u"description"_s, nullableString()}}}};
    schemas[u"FollowUp"_s] = QJsonObject{{u"type"_s, u"object"_s},
                                         {u"required"_s, QJsonArray{u"prompt"_s}},
                                         {u"properties"_s,
                                          QJsonObject{{u"prompt"_s, stringSchema()},
                                                      {u"variant"_s, nullableString()}}}};
    schemas[u"ReplaceProcess"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"required"_s, QJsonArray{u"prompt"_s}},
                      {u"properties"_s,
                       QJsonObject{{u"prompt"_s, stringSchema()},
                                   {u"llm"_s, stringSchema()},
                                   {u"executorProfileId"_s, executorChoice}}}};
    schemas[u"Replacement"_s] = QJsonObject{{u"type"_s, u"object"_s},
                                            {u"properties"_s,
                                             QJsonObject{{u"oldProcessId"_s, nullableString()},
                                                         {u"newProcessId"_s, stringSchema()},
                                                         {u"status"_s, stringSchema()}}}};
    schemas[u"Process"_s] = QJsonObject{
        {u"type"_s, u"object"_s},
        {u"properties"_s,
         QJsonObject{{u"id"_s, stringSchema(u"proc_…"_s)},
                     {u"attemptId"_s, stringSchema()},
                     {u"kind"_s,
                      enumSchema({u"setup"_s, u"agent"_s, u"cleanup"_s, u"dev_server"_s})},
                     {u"status"_s,
                      enumSchema(
                          {u"pending"_s, u"running"_s, u"completed"_s, u"failed"_s, u"cancelled"_s})},
                     {u"executor"_s, nullableString()},
                     {u"command"_s, stringArray()},
                     {u"prompt"_s, nullableString()},
                     {u"sessionId"_s, nullableString()},
                     {u"pid"_s, nullable(integer)},
                     {u"exitCode"_s, nullable(integer)},
                     {u"failureReason"_s, nullableString()},
                     {u"logEntries"_s, integer},
                     {u"logBytes"_s, integer},
                     {u"createdAt"_s, timestamp},
                     {u"startedAt"_s, nullable(timestamp)},
                     {u"completedAt"_s, nullable(timestamp)},
                     {u"duration"_s, nullable(integer)}}}};
    schemas[u"Profiles"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"properties"_s,
                       QJsonObject{{u"path"_s, stringSchema()},
                                   {u"profiles"_s,
                                    QJsonObject{{u"type"_s, u"array"_s},
                                                {u"items"_s, QJsonObject{{u"type"_s, u"object"_s}}}}},
                                   {u"user"_s, QJsonObject{{u"type"_s, u"object"_s}}}}}};
    schemas[u"ProfilesInput"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"required"_s, QJsonArray{u"profiles"_s}},
                      {u"properties"_s,
                       QJsonObject{
                           {u"profiles"_s,
                            QJsonObject{{u"type"_s, u"object"_s},
                                        {u"description"_s,
                                         u"name → {binary, args, followUpArgs, model, modelArgs, "
                                         "extraArgs, env, logFormat, approvals, variants, …}; "
                                         "approvals: true (Claude Code) asks before each tool "
                                         "call, as a tool_use approval"_s}}}}}};
    auto object = [](const QJsonObject &properties, const QStringList &required = {}) {
        QJsonObject schema{{u"type"_s, u"object"_s}, {u"properties"_s, properties}};
        if (!required.isEmpty())
            schema.insert(u"required"_s, QJsonArray::fromStringList(required));
        return schema;
    };
    schemas[u"Settings"_s] = object(
        {{u"maxConcurrentAttempts"_s,
          QJsonObject{{u"type"_s, u"integer"_s}, {u"minimum"_s, 1}, {u"maximum"_s, 64}}},
         {u"githubToken"_s, stringSchema(u"Write-only; GET shows githubTokenSet"_s)},
         {u"githubTokenSet"_s, boolean},
         {u"githubApiUrl"_s, stringSchema(u"https://api.github.com, or GHE's …/api/v3"_s)},
         {u"prPollSeconds"_s, integer},
         {u"editor"_s, stringSchema()},
         {u"editorCommand"_s, stringSchema()},
         {u"worktreeRetentionHours"_s, integer},
         {u"userEmail"_s,
          stringSchema(u"Who the desktop user is (requests without an API key); empty: git's "
                       "user.email, else $USER@localhost"_s)},
         {u"rateLimitPerMinute"_s,
          QJsonObject{{u"type"_s, u"integer"_s},
                      {u"minimum"_s, 0},
                      {u"maximum"_s, Core::Settings::maxRateLimitPerMinute},
                      {u"description"_s,
                       u"Requests per client (API key, else address) per minute; 0: off"_s}}},
         {u"serverPort"_s,
          QJsonObject{{u"type"_s, u"integer"_s},
                      {u"minimum"_s, 0},
                      {u"maximum"_s, 65535},
                      {u"description"_s, u"Used at the next start when --port is not given"_s}}},
         {u"serverHost"_s,
          stringSchema(u"Used at the next start when --host is not given; a non-loopback "
                       "address needs API keys"_s)},
         {u"language"_s, enumSchema({QString(), u"en"_s, u"pt_BR"_s, u"es"_s})},
         {u"theme"_s, enumSchema({u"system"_s, u"light"_s, u"dark"_s})}});
    schemas[u"MergeInput"_s] = object(
        {{u"strategy"_s, enumSchema({u"ff"_s, u"no-ff"_s, u"squash"_s, u"merge"_s, u"rebase"_s})},
         {u"message"_s, stringSchema()},
         {u"cleanup"_s, boolean}});
    schemas[u"RebaseInput"_s] = object({{u"interactive"_s, boolean}});
    schemas[u"ChangeTargetInput"_s] = object({{u"newBaseBranch"_s, stringSchema()}},
                                             {u"newBaseBranch"_s});
    schemas[u"PushInput"_s] = object({{u"remote"_s, stringSchema()}, {u"force"_s, boolean}});
    schemas[u"CreatePrInput"_s] = object({{u"title"_s, stringSchema()},
                                          {u"body"_s, stringSchema()},
                                          {u"baseBranch"_s, stringSchema()},
                                          {u"draft"_s, boolean},
                                          {u"remote"_s, stringSchema()},
                                          {u"repository"_s, stringSchema(u"owner/repo"_s)}});
    schemas[u"AttachPrInput"_s] = object(
        {{u"prNumber"_s, integer}, {u"repository"_s, stringSchema(u"owner/repo"_s)}});
    schemas[u"EditorInput"_s] = object(
        {{u"editor"_s,
          enumSchema({u"vscode"_s,
                      u"cursor"_s,
                      u"idea"_s,
                      u"sublime"_s,
                      u"zed"_s,
                      u"windsurf"_s,
                      u"custom"_s})},
         {u"command"_s, stringSchema(u"For custom; {path} is the worktree"_s)}});
    schemas[u"DevServerInput"_s] = object(
        {{u"script"_s, stringSchema(u"An npm script; default the project's devScript"_s)},
         {u"port"_s, integer}});
    schemas[u"WebhookInput"_s]
        = object({{u"url"_s, stringSchema(u"http(s) URL that receives POSTs"_s)},
                  {u"events"_s, stringArray()},
                  {u"secret"_s,
                   stringSchema(u"Signs bodies: X-Forge-Signature: sha256=HMAC-SHA256"_s)}},
                 {u"url"_s, u"events"_s});
    QJsonObject apiKeyProperties{{u"id"_s, stringSchema(u"key_…"_s)},
                                 {u"name"_s, stringSchema()},
                                 {u"identity"_s,
                                  stringSchema(
                                      u"Who requests with this key act as: email, else name"_s)},
                                 {u"prefix"_s,
                                  stringSchema(u"The key's first characters, to tell keys apart"_s)},
                                 {u"createdAt"_s, timestamp},
                                 {u"lastUsedAt"_s, nullable(timestamp)},
                                 {u"revokedAt"_s, nullable(timestamp)}};
    schemas[u"ApiKey"_s] = object(apiKeyProperties);
    apiKeyProperties.insert(u"key"_s,
                            stringSchema(u"The secret (fdk_…): shown in this answer only"_s));
    schemas[u"ApiKeyCreated"_s] = object(apiKeyProperties);
    schemas[u"ApiKeyInput"_s] = object(
        {{u"name"_s,
          QJsonObject{{u"type"_s, u"string"_s}, {u"minLength"_s, 1}, {u"maxLength"_s, 100}}},
         {u"email"_s,
          QJsonObject{{u"type"_s, QJsonArray{u"string"_s, u"null"_s}},
                      {u"description"_s, u"The identity the key acts as; default: name"_s}}}},
        {u"name"_s});
    schemas[u"CompareInput"_s] = object({{u"attemptIds"_s, stringArray()}}, {u"attemptIds"_s});
    schemas[u"Meta"_s] = QJsonObject{{u"type"_s, u"object"_s},
                                     {u"properties"_s,
                                      QJsonObject{{u"timestamp"_s, timestamp},
                                                  {u"version"_s, stringSchema()}}}};
    schemas[u"Pagination"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"properties"_s,
                       QJsonObject{{u"page"_s, QJsonObject{{u"type"_s, u"integer"_s}}},
                                   {u"limit"_s,
                                    QJsonObject{{u"type"_s, u"integer"_s}, {u"maximum"_s, 100}}},
                                   {u"total"_s, QJsonObject{{u"type"_s, u"integer"_s}}},
                                   {u"pages"_s, QJsonObject{{u"type"_s, u"integer"_s}}},
                                   {u"hasNext"_s, QJsonObject{{u"type"_s, u"boolean"_s}}},
                                   {u"hasPrev"_s, QJsonObject{{u"type"_s, u"boolean"_s}}}}}};
    const QJsonObject nullableTimestamp{{u"type"_s, QJsonArray{u"string"_s, u"null"_s}},
                                        {u"format"_s, u"date-time"_s}};
    const QJsonObject freeObject{{u"type"_s, u"object"_s}};
    schemas[u"Approval"_s] = QJsonObject{
        {u"type"_s, u"object"_s},
        {u"properties"_s,
         QJsonObject{
             {u"id"_s, stringSchema(u"approval_…"_s)},
             {u"taskAttemptId"_s, stringSchema()},
             {u"type"_s, enumSchema({u"merge"_s, u"deploy"_s, u"custom"_s, u"tool_use"_s})},
             {u"title"_s, stringSchema()},
             {u"description"_s, nullableString()},
             {u"status"_s,
              enumSchema({u"pending"_s, u"approved"_s, u"rejected"_s, u"expired"_s, u"cancelled"_s})},
             {u"createdBy"_s, stringSchema()},
             {u"createdAt"_s, timestamp},
             {u"updatedAt"_s, timestamp},
             {u"expiresAt"_s, nullableTimestamp},
             {u"resolvedAt"_s, nullableTimestamp},
             {u"approvers"_s, stringArray()},
             {u"responses"_s,
              QJsonObject{{u"type"_s, u"array"_s},
                          {u"items"_s,
                           QJsonObject{{u"type"_s, u"object"_s},
                                       {u"properties"_s,
                                        QJsonObject{{u"approver"_s, stringSchema()},
                                                    {u"decision"_s,
                                                     enumSchema({u"approved"_s, u"rejected"_s})},
                                                    {u"comment"_s, nullableString()},
                                                    {u"respondedAt"_s, timestamp}}}}}}},
             {u"metadata"_s, freeObject}}}};
    schemas[u"ApprovalInput"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"required"_s, QJsonArray{u"taskAttemptId"_s, u"type"_s, u"title"_s}},
                      {u"properties"_s,
                       QJsonObject{{u"taskAttemptId"_s, stringSchema()},
                                   {u"type"_s, enumSchema({u"merge"_s, u"deploy"_s, u"custom"_s})},
                                   {u"title"_s, stringSchema()},
                                   {u"description"_s, nullableString()},
                                   {u"metadata"_s, freeObject},
                                   {u"approvers"_s, stringArray()},
                                   {u"expiresAt"_s, timestamp}}}};
    schemas[u"ApprovalResponseInput"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"required"_s, QJsonArray{u"decision"_s}},
                      {u"properties"_s,
                       QJsonObject{{u"decision"_s, enumSchema({u"approved"_s, u"rejected"_s})},
                                   {u"comment"_s, nullableString()}}}};
    schemas[u"ApprovalResponseResult"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"properties"_s,
                       QJsonObject{{u"approvalId"_s, stringSchema()},
                                   {u"approver"_s, stringSchema()},
                                   {u"decision"_s, enumSchema({u"approved"_s, u"rejected"_s})},
                                   {u"comment"_s, nullableString()},
                                   {u"respondedAt"_s, timestamp},
                                   {u"approvalStatus"_s,
                                    enumSchema({u"pending"_s,
                                                u"approved"_s,
                                                u"rejected"_s,
                                                u"expired"_s,
                                                u"cancelled"_s})}}}};
    const QJsonObject draftStatus = enumSchema({u"draft"_s, u"scheduled"_s, u"sent"_s, u"failed"_s});
    schemas[u"Draft"_s] = QJsonObject{
        {u"type"_s, u"object"_s},
        {u"properties"_s,
         QJsonObject{{u"id"_s, stringSchema(u"draft_…"_s)},
                     {u"taskAttemptId"_s, stringSchema()},
                     {u"projectId"_s, stringSchema()},
                     {u"type"_s, enumSchema({u"follow_up"_s, u"retry"_s, u"initial"_s})},
                     {u"content"_s, stringSchema()},
                     {u"prompt"_s, stringSchema(u"follow_up drafts: the content"_s)},
                     {u"retryPrompt"_s, stringSchema(u"retry drafts: the content"_s)},
                     {u"originalPrompt"_s, nullableString()},
                     {u"retryReason"_s, nullableString()},
                     {u"metadata"_s, freeObject},
                     {u"status"_s, draftStatus},
                     {u"autoSend"_s, QJsonObject{{u"type"_s, u"boolean"_s}}},
                     {u"sendAfter"_s, nullableTimestamp},
                     {u"version"_s,
                      QJsonObject{{u"type"_s, u"integer"_s},
                                  {u"description"_s,
                                   u"Send it back with a change; an older one gets 409"_s}}},
                     {u"processId"_s, nullableString()},
                     {u"retryAttemptId"_s, nullableString()},
                     {u"error"_s, nullableString()},
                     {u"createdAt"_s, timestamp},
                     {u"updatedAt"_s, timestamp},
                     {u"sentAt"_s, nullableTimestamp}}}};
    schemas[u"DraftInput"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"required"_s, QJsonArray{u"content"_s, u"type"_s}},
                      {u"properties"_s,
                       QJsonObject{{u"content"_s, stringSchema()},
                                   {u"type"_s,
                                    enumSchema({u"follow_up"_s, u"retry"_s, u"initial"_s})},
                                   {u"metadata"_s, freeObject},
                                   {u"autoSend"_s, QJsonObject{{u"type"_s, u"boolean"_s}}},
                                   {u"sendAfter"_s, nullableTimestamp}}}};
    schemas[u"DraftPatch"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"required"_s, QJsonArray{u"version"_s}},
                      {u"properties"_s,
                       QJsonObject{{u"version"_s,
                                    QJsonObject{{u"type"_s, u"integer"_s},
                                                {u"description"_s,
                                                 u"The version changed; or send If-Match"_s}}},
                                   {u"content"_s, stringSchema()},
                                   {u"prompt"_s, stringSchema()},
                                   {u"retryPrompt"_s, stringSchema()},
                                   {u"originalPrompt"_s, stringSchema()},
                                   {u"retryReason"_s, stringSchema()},
                                   {u"metadata"_s, freeObject},
                                   {u"autoSend"_s, QJsonObject{{u"type"_s, u"boolean"_s}}},
                                   {u"sendAfter"_s, nullableTimestamp}}}};
    schemas[u"FollowUpDraftInput"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"required"_s, QJsonArray{u"prompt"_s}},
                      {u"properties"_s,
                       QJsonObject{{u"prompt"_s, stringSchema()},
                                   {u"autoSend"_s, QJsonObject{{u"type"_s, u"boolean"_s}}},
                                   {u"sendAfter"_s, nullableTimestamp},
                                   {u"metadata"_s, freeObject}}}};
    schemas[u"RetryDraftInput"_s] = QJsonObject{{u"type"_s, u"object"_s},
                                                {u"required"_s, QJsonArray{u"retryPrompt"_s}},
                                                {u"properties"_s,
                                                 QJsonObject{{u"originalPrompt"_s, stringSchema()},
                                                             {u"retryPrompt"_s, stringSchema()},
                                                             {u"retryReason"_s, stringSchema()},
                                                             {u"metadata"_s, freeObject}}}};
    const QJsonObject itemStatus = enumSchema(
        {u"pending"_s, u"running"_s, u"completed"_s, u"failed"_s, u"cancelled"_s});
    schemas[u"FollowUpQueue"_s] = QJsonObject{
        {u"type"_s, u"object"_s},
        {u"properties"_s,
         QJsonObject{{u"taskAttemptId"_s, stringSchema()},
                     {u"autoExecute"_s, QJsonObject{{u"type"_s, u"boolean"_s}}},
                     {u"status"_s, enumSchema({u"idle"_s, u"running"_s, u"stopped"_s, u"done"_s})},
                     {u"error"_s, nullableString()},
                     {u"createdAt"_s, nullableTimestamp},
                     {u"updatedAt"_s, nullableTimestamp},
                     {u"queue"_s,
                      QJsonObject{{u"type"_s, u"array"_s},
                                  {u"items"_s,
                                   QJsonObject{{u"type"_s, u"object"_s},
                                               {u"properties"_s,
                                                QJsonObject{{u"id"_s,
                                                             stringSchema(u"queue_item_…"_s)},
                                                            {u"prompt"_s, stringSchema()},
                                                            {u"order"_s,
                                                             QJsonObject{{u"type"_s, u"integer"_s}}},
                                                            {u"status"_s, itemStatus},
                                                            {u"processId"_s, nullableString()},
                                                            {u"error"_s, nullableString()},
                                                            {u"updatedAt"_s, timestamp}}}}}}}}}};
    schemas[u"FollowUpQueueInput"_s] = QJsonObject{
        {u"type"_s, u"object"_s},
        {u"required"_s, QJsonArray{u"queue"_s}},
        {u"properties"_s,
         QJsonObject{{u"queue"_s,
                      QJsonObject{{u"type"_s, u"array"_s},
                                  {u"items"_s,
                                   QJsonObject{{u"type"_s, u"object"_s},
                                               {u"required"_s, QJsonArray{u"prompt"_s}},
                                               {u"properties"_s,
                                                QJsonObject{{u"prompt"_s, stringSchema()},
                                                            {u"order"_s,
                                                             QJsonObject{
                                                                 {u"type"_s, u"integer"_s}}}}}}}}},
                     {u"autoExecute"_s, QJsonObject{{u"type"_s, u"boolean"_s}}}}}};
    schemas[u"DraftQueue"_s] = QJsonObject{
        {u"type"_s, u"object"_s},
        {u"properties"_s,
         QJsonObject{
             {u"projectId"_s, nullableString()},
             {u"taskAttemptId"_s, stringSchema()},
             {u"queue"_s,
              QJsonObject{
                  {u"type"_s, u"array"_s},
                  {u"items"_s,
                   QJsonObject{{u"type"_s, u"object"_s},
                               {u"properties"_s,
                                QJsonObject{{u"id"_s, stringSchema(u"queue_draft_…"_s)},
                                            {u"title"_s, stringSchema()},
                                            {u"description"_s, stringSchema()},
                                            {u"order"_s, QJsonObject{{u"type"_s, u"integer"_s}}},
                                            {u"status"_s,
                                             enumSchema({u"queued"_s, u"created"_s, u"failed"_s})},
                                            {u"taskId"_s, nullableString()},
                                            {u"error"_s, nullableString()},
                                            {u"createdAt"_s, timestamp},
                                            {u"updatedAt"_s, timestamp}}}}}}}}}};
    schemas[u"DraftQueueInput"_s] = QJsonObject{
        {u"type"_s, u"object"_s},
        {u"required"_s, QJsonArray{u"queue"_s}},
        {u"properties"_s,
         QJsonObject{
             {u"queue"_s,
              QJsonObject{{u"type"_s, u"array"_s},
                          {u"items"_s,
                           QJsonObject{{u"type"_s, u"object"_s},
                                       {u"required"_s, QJsonArray{u"title"_s}},
                                       {u"properties"_s,
                                        QJsonObject{{u"title"_s, stringSchema()},
                                                    {u"description"_s, stringSchema()},
                                                    {u"order"_s,
                                                     QJsonObject{{u"type"_s, u"integer"_s}}}}}}}}}}}};
    schemas[u"Deleted"_s]
        = object({{u"deleted"_s, boolean},
                  {u"projectId"_s, stringSchema(u"Whichever id names what was deleted"_s)},
                  {u"taskId"_s, stringSchema()},
                  {u"attemptId"_s, stringSchema()},
                  {u"draftId"_s, stringSchema()},
                  {u"webhookId"_s, stringSchema()},
                  {u"path"_s, stringSchema(u"A worktree file, relative to its top"_s)}},
                 {u"deleted"_s});
    schemas[u"TaskList"_s] = QJsonObject{{u"type"_s, u"array"_s}, {u"items"_s, ref(u"Task"_s)}};
    schemas[u"Health"_s] = object(
        {{u"status"_s, enumSchema({u"ok"_s})}, {u"version"_s, stringSchema()}});
    const QJsonObject diffSummary = object(
        {{u"filesChanged"_s, integer}, {u"additions"_s, integer}, {u"deletions"_s, integer}});
    const QJsonObject lineNumber = nullable(integer);
    const QJsonObject diffSide = nullable(
        object({{u"lineNumber"_s, lineNumber},
                {u"type"_s, enumSchema({u"context"_s, u"add"_s, u"delete"_s})},
                {u"content"_s, stringSchema()},
                {u"noNewline"_s, boolean}}));
    schemas[u"DiffFile"_s] = object(
        {{u"path"_s, stringSchema()},
         {u"oldPath"_s, stringSchema(u"Renamed or copied from"_s)},
         {u"status"_s,
          enumSchema({u"added"_s, u"modified"_s, u"deleted"_s, u"renamed"_s, u"copied"_s})},
         {u"additions"_s, integer},
         {u"deletions"_s, integer},
         {u"binary"_s, boolean},
         {u"tooLarge"_s, boolean},
         {u"similarity"_s, integer},
         {u"oldMode"_s, stringSchema()},
         {u"newMode"_s, stringSchema()},
         {u"changes"_s,
          QJsonObject{{u"type"_s, u"array"_s},
                      {u"description"_s, u"format=json: the lines"_s},
                      {u"items"_s,
                       object({{u"type"_s, enumSchema({u"context"_s, u"add"_s, u"delete"_s})},
                               {u"lineNumber"_s, lineNumber},
                               {u"oldLineNumber"_s, lineNumber},
                               {u"newLineNumber"_s, lineNumber},
                               {u"content"_s, stringSchema()},
                               {u"noNewline"_s, boolean}})}}},
         {u"rows"_s,
          QJsonObject{{u"type"_s, u"array"_s},
                      {u"description"_s, u"format=split: {hunk} or {left, right}, side by side"_s},
                      {u"items"_s,
                       object({{u"hunk"_s, stringSchema()},
                               {u"left"_s, diffSide},
                               {u"right"_s, diffSide}})}}}},
        {u"path"_s, u"status"_s});
    schemas[u"Diff"_s] = object(
        {{u"baseCommit"_s, stringSchema()},
         {u"headCommit"_s, stringSchema()},
         {u"diff"_s, stringSchema(u"format=unified: the whole patch"_s)},
         {u"files"_s, QJsonObject{{u"type"_s, u"array"_s}, {u"items"_s, ref(u"DiffFile"_s)}}},
         {u"summary"_s, diffSummary}});
    schemas[u"BranchStatus"_s] = object(
        {{u"branch"_s, stringSchema()},
         {u"baseBranch"_s, stringSchema()},
         {u"headCommit"_s, stringSchema()},
         {u"baseCommit"_s, stringSchema()},
         {u"mergeBase"_s, stringSchema()},
         {u"ahead"_s, integer},
         {u"behind"_s, integer},
         {u"conflicted"_s, boolean},
         {u"conflicts"_s, stringArray()},
         {u"conflictedFiles"_s, stringArray()},
         {u"modifiedFiles"_s, stringArray()},
         {u"untrackedFiles"_s, stringArray()},
         {u"rebaseInProgress"_s, boolean},
         {u"mergeInProgress"_s, boolean},
         {u"conflictOp"_s,
          nullable(enumSchema({u"rebase"_s, u"merge"_s, u"cherry_pick"_s, u"revert"_s}))},
         {u"worktreeExists"_s, boolean},
         {u"status"_s,
          enumSchema({u"clean"_s, u"dirty"_s, u"merging"_s, u"rebasing"_s, u"conflicted"_s})}});
    schemas[u"CompareToHead"_s] = object({{u"diff"_s, stringSchema(u"The unified patch"_s)},
                                          {u"filesChanged"_s, integer},
                                          {u"additions"_s, integer},
                                          {u"deletions"_s, integer},
                                          {u"ahead"_s, integer},
                                          {u"behind"_s, integer},
                                          {u"conflicts"_s, stringArray()},
                                          {u"headCommit"_s, stringSchema()},
                                          {u"baseCommit"_s, stringSchema()},
                                          {u"baseBranch"_s, stringSchema()}});
    schemas[u"CommitInfo"_s] = object({{u"commitId"_s, stringSchema()},
                                       {u"message"_s, stringSchema()},
                                       {u"author"_s, stringSchema()},
                                       {u"timestamp"_s, timestamp},
                                       {u"commitCount"_s, integer},
                                       {u"filesChanged"_s, integer},
                                       {u"insertions"_s, integer},
                                       {u"deletions"_s, integer}});
    schemas[u"MergeResult"_s] = object(
        {{u"attemptId"_s, stringSchema()},
         {u"merged"_s, boolean},
         {u"commitSha"_s, stringSchema()},
         {u"commitId"_s, stringSchema(u"The same as commitSha"_s)},
         {u"previousCommit"_s, stringSchema(u"The target branch's tip before"_s)},
         {u"mergedAt"_s, timestamp},
         {u"branch"_s, stringSchema(u"The target branch"_s)},
         {u"strategy"_s, stringSchema()},
         {u"fastForward"_s, boolean},
         {u"commitsReplayed"_s, integer},
         {u"filesChanged"_s, integer},
         {u"insertions"_s, integer},
         {u"deletions"_s, integer},
         {u"cleanup"_s, boolean},
         {u"updatedCheckout"_s,
          nullable(stringSchema(u"The checkout of the target branch that was brought along"_s))},
         {u"taskStatus"_s, stringSchema()}});
    schemas[u"RebaseResult"_s] = object({{u"status"_s, enumSchema({u"success"_s, u"conflict"_s})},
                                         {u"conflicts"_s, stringArray()},
                                         {u"commitsReplayed"_s, integer},
                                         {u"headCommit"_s, stringSchema()}});
    schemas[u"AbortResult"_s] = object(
        {{u"status"_s, enumSchema({u"clean"_s})}, {u"abortedOperation"_s, nullableString()}});
    schemas[u"ChangeTargetResult"_s] = object({{u"previousBase"_s, stringSchema()},
                                               {u"newBase"_s, stringSchema()},
                                               {u"conflicts"_s, stringArray()},
                                               {u"ahead"_s, integer},
                                               {u"behind"_s, integer}});
    schemas[u"PushResult"_s] = object({{u"remote"_s, stringSchema()},
                                       {u"branch"_s, stringSchema()},
                                       {u"url"_s, stringSchema()},
                                       {u"pushedAt"_s, timestamp}});
    schemas[u"PullRequest"_s] = object(
        {{u"prNumber"_s, integer},
         {u"url"_s, stringSchema()},
         {u"status"_s, enumSchema({u"open"_s, u"closed"_s, u"merged"_s})},
         {u"draft"_s, boolean},
         {u"title"_s, stringSchema()},
         {u"headBranch"_s, stringSchema()},
         {u"baseBranch"_s, stringSchema()},
         {u"createdAt"_s, timestamp},
         {u"mergedAt"_s, nullable(timestamp)},
         {u"mergeCommitSha"_s, nullableString()}});
    schemas[u"EditorLaunch"_s] = object({{u"editor"_s, stringSchema()},
                                         {u"worktreePath"_s, stringSchema()},
                                         {u"command"_s, stringArray()},
                                         {u"opened"_s, boolean}});
    schemas[u"DevServer"_s] = object({{u"processId"_s, stringSchema()},
                                      {u"port"_s, nullable(integer)},
                                      {u"url"_s, nullableString()},
                                      {u"status"_s, enumSchema({u"running"_s})},
                                      {u"command"_s, stringArray()}});
    schemas[u"Comparison"_s] = object({{u"attempts"_s,
                                        QJsonObject{{u"type"_s, u"array"_s},
                                                    {u"items"_s,
                                                     object({{u"id"_s, stringSchema()},
                                                             {u"llm"_s, stringSchema()},
                                                             {u"status"_s, attemptStatus},
                                                             {u"duration"_s, nullable(integer)},
                                                             {u"cost"_s, number},
                                                             {u"filesChanged"_s, integer},
                                                             {u"linesAdded"_s, integer},
                                                             {u"linesRemoved"_s, integer}})}}},
                                       {u"comparison"_s,
                                        object({{u"fasterAttempt"_s, nullableString()},
                                                {u"cheaperAttempt"_s, nullableString()},
                                                {u"moreCompleteAttempt"_s, nullableString()}})}});
    schemas[u"Webhook"_s] = object({{u"id"_s, stringSchema(u"webhook_…"_s)},
                                    {u"url"_s, stringSchema()},
                                    {u"events"_s, stringArray()},
                                    {u"hasSecret"_s, boolean},
                                    {u"createdAt"_s, timestamp}});
    schemas[u"WebhookDelivery"_s] = object(
        {{u"id"_s, stringSchema(u"delivery_…"_s)},
         {u"webhookId"_s, stringSchema()},
         {u"event"_s, stringSchema()},
         {u"status"_s, enumSchema({u"pending"_s, u"delivered"_s, u"failed"_s})},
         {u"attempts"_s, integer},
         {u"lastStatusCode"_s, nullable(integer)},
         {u"lastError"_s, stringSchema()},
         {u"nextAttemptAt"_s, nullable(timestamp)},
         {u"createdAt"_s, timestamp},
         {u"deliveredAt"_s, nullable(timestamp)},
         {u"payload"_s, QJsonObject{{u"type"_s, u"object"_s}, {u"description"_s, u"As sent"_s}}}});
    schemas[u"OpenApiDocument"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
                      {u"description"_s, u"This document, bare (not in an envelope)"_s},
                      {u"required"_s, QJsonArray{u"openapi"_s, u"paths"_s}},
                      {u"properties"_s,
                       QJsonObject{{u"openapi"_s, QJsonObject{{u"const"_s, u"3.1.0"_s}}},
                                   {u"paths"_s, QJsonObject{{u"type"_s, u"object"_s}}}}}};
    schemas[u"DraftList"_s] = QJsonObject{{u"type"_s, u"array"_s}, {u"items"_s, ref(u"Draft"_s)}};
    schemas[u"Error"_s] = QJsonObject{
        {u"type"_s, u"object"_s},
        {u"properties"_s,
         QJsonObject{{u"success"_s, QJsonObject{{u"const"_s, false}}},
                     {u"error"_s,
                      QJsonObject{{u"type"_s, u"object"_s},
                                  {u"properties"_s,
                                   QJsonObject{{u"code"_s,
                                                enumSchema({u"VALIDATION_ERROR"_s,
                                                            u"UNAUTHORIZED"_s,
                                                            u"FORBIDDEN"_s,
                                                            u"NOT_FOUND"_s,
                                                            u"METHOD_NOT_ALLOWED"_s,
                                                            u"REQUEST_TIMEOUT"_s,
                                                            u"CONFLICT"_s,
                                                            u"UNPROCESSABLE_ENTITY"_s,
                                                            u"PAYLOAD_TOO_LARGE"_s,
                                                            u"RATE_LIMIT"_s,
                                                            u"INTERNAL_ERROR"_s,
                                                            u"BAD_GATEWAY"_s,
                                                            u"SERVICE_UNAVAILABLE"_s})},
                                               {u"message"_s, stringSchema()},
                                               {u"details"_s,
                                                QJsonObject{{u"type"_s, u"object"_s}}}}}}},
                     {u"meta"_s, ref(u"Meta"_s)}}}};
    return {{u"schemas"_s, schemas},
            {u"securitySchemes"_s,
             QJsonObject{{u"apiKey"_s,
                          QJsonObject{{u"type"_s, u"http"_s},
                                      {u"scheme"_s, u"bearer"_s},
                                      {u"description"_s,
                                       u"Required when the server is bound to a non-loopback "
                                       "address; optional on loopback"_s}}}}}};
}

QJsonObject envelope(const QJsonObject &data, bool paged)
{
    QJsonObject properties{{u"success"_s, QJsonObject{{u"const"_s, true}}},
                           {u"data"_s,
                            paged ? QJsonObject{{u"type"_s, u"array"_s}, {u"items"_s, data}} : data},
                           {u"meta"_s, ref(u"Meta"_s)}};
    if (paged)
        properties.insert(u"pagination"_s, ref(u"Pagination"_s));
    return {{u"type"_s, u"object"_s}, {u"properties"_s, properties}};
}

QJsonObject jsonContent(const QJsonObject &schema)
{
    return {{u"application/json"_s, QJsonObject{{u"schema"_s, schema}}}};
}

/// What a route takes and gives, keyed by "METHOD /pattern".
struct Shape
{
    QString requestSchema;
    QString responseSchema; ///< Empty: a free-form object.
    bool paged = false;
    int status = 200;
    QStringList query;
    QString contentType = u"application/json"_s; ///< Of the success response; empty: JSON.
    bool bare = false; ///< The response is the schema itself, not an envelope around it.
};

Shape shapeOf(const QByteArray &method, const QString &pattern)
{
    // Seed 001's two spellings address the same attempts.
    QString path = pattern;
    path.replace(u"/api/task-attempts"_s, u"/api/attempts"_s);
    const QString key = QString::fromLatin1(method) + u' ' + path;
    static const QHash<QString, Shape> shapes{
        {u"GET /api/projects"_s, {{}, u"Project"_s, true, 200, {u"page"_s, u"limit"_s, u"sort"_s}}},
        {u"POST /api/projects"_s, {u"ProjectInput"_s, u"Project"_s, false, 201, {}}},
        {u"GET /api/projects/:id"_s, {{}, u"Project"_s, false, 200, {}}},
        {u"PATCH /api/projects/:id"_s, {u"ProjectInput"_s, u"Project"_s, false, 200, {}}},
        {u"GET /api/tasks"_s,
         {{},
          u"Task"_s,
          true,
          200,
          {u"projectId"_s,
           u"status"_s,
           u"priority"_s,
           u"labels"_s,
           u"q"_s,
           u"attemptStatus"_s,
           u"hasRunningAttempt"_s,
           u"lastAttemptFailed"_s,
           u"hasMergedAttempt"_s,
           u"parentAttemptId"_s,
           u"page"_s,
           u"limit"_s,
           u"sort"_s}}},
        {u"POST /api/tasks"_s, {u"TaskInput"_s, u"Task"_s, false, 201, {}}},
        {u"GET /api/tasks/:id"_s, {{}, u"Task"_s, false, 200, {}}},
        {u"PATCH /api/tasks/:id"_s, {u"TaskPatch"_s, u"Task"_s, false, 200, {}}},
        {u"GET /api/attempts"_s,
         {{}, u"Attempt"_s, true, 200, {u"taskId"_s, u"llm"_s, u"status"_s, u"page"_s, u"limit"_s}}},
        {u"POST /api/attempts"_s, {u"AttemptInput"_s, u"Attempt"_s, false, 201, {}}},
        {u"GET /api/attempts/:id"_s, {{}, u"Attempt"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/start"_s, {{}, u"Attempt"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/cancel"_s, {{}, u"Attempt"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/follow-up"_s, {u"FollowUp"_s, u"Attempt"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/replace-process"_s,
         {u"ReplaceProcess"_s, u"Replacement"_s, false, 200, {}}},
        {u"GET /api/attempts/:id/logs"_s,
         {{}, {}, false, 200, {u"level"_s, u"since"_s, u"follow"_s}, u"application/x-ndjson"_s}},
        {u"GET /api/processes"_s,
         {{},
          u"Process"_s,
          true,
          200,
          {u"attemptId"_s, u"status"_s, u"kind"_s, u"page"_s, u"limit"_s}}},
        {u"GET /api/processes/:id"_s, {{}, u"Process"_s, false, 200, {}}},
        {u"POST /api/processes/:id/cancel"_s, {{}, u"Process"_s, false, 200, {}}},
        {u"GET /api/profiles"_s, {{}, u"Profiles"_s, false, 200, {}}},
        {u"PUT /api/profiles"_s, {u"ProfilesInput"_s, u"Profiles"_s, false, 200, {}}},
        {u"GET /api/settings"_s, {{}, u"Settings"_s, false, 200, {}}},
        {u"PATCH /api/settings"_s, {u"Settings"_s, u"Settings"_s, false, 200, {}}},
        {u"GET /api/attempts/:id/diff"_s, {{}, u"Diff"_s, false, 200, {u"format"_s, u"file"_s}}},
        {u"GET /api/attempts/:id/branch-status"_s, {{}, u"BranchStatus"_s, false, 200, {}}},
        {u"GET /api/attempts/:id/compare-to-head"_s, {{}, u"CompareToHead"_s, false, 200, {}}},
        {u"GET /api/attempts/:id/commit-info"_s, {{}, u"CommitInfo"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/merge"_s, {u"MergeInput"_s, u"MergeResult"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/rebase"_s, {u"RebaseInput"_s, u"RebaseResult"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/abort-conflicts"_s, {{}, u"AbortResult"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/change-target-branch"_s,
         {u"ChangeTargetInput"_s, u"ChangeTargetResult"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/push"_s, {u"PushInput"_s, u"PushResult"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/create-pr"_s,
         {u"CreatePrInput"_s, u"PullRequest"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/attach-pr"_s,
         {u"AttachPrInput"_s, u"PullRequest"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/open-in-editor"_s,
         {u"EditorInput"_s, u"EditorLaunch"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/start-dev-server"_s,
         {u"DevServerInput"_s, u"DevServer"_s, false, 200, {}}},
        {u"GET /api/attempts/:id/children"_s, {{}, u"TaskList"_s, false, 200, {}}},
        {u"DELETE /api/attempts/:id/files/*path"_s, {{}, u"Deleted"_s, false, 200, {}}},
        {u"POST /api/attempts/compare"_s, {u"CompareInput"_s, u"Comparison"_s, false, 200, {}}},
        {u"DELETE /api/attempts/:id"_s, {{}, u"Deleted"_s, false, 200, {}}},
        {u"DELETE /api/projects/:id"_s, {{}, u"Deleted"_s, false, 200, {}}},
        {u"DELETE /api/tasks/:id"_s, {{}, u"Deleted"_s, false, 200, {}}},
        {u"GET /api/health"_s, {{}, u"Health"_s, false, 200, {}}},
        {u"GET /api/openapi.json"_s, {{}, u"OpenApiDocument"_s, false, 200, {}, {}, true}},
        {u"GET /api/openapi.yaml"_s,
         {{}, u"OpenApiDocument"_s, false, 200, {}, u"application/yaml"_s, true}},
        {u"POST /api/webhooks"_s, {u"WebhookInput"_s, u"Webhook"_s, false, 201, {}}},
        {u"GET /api/webhooks"_s, {{}, u"Webhook"_s, true, 200, {u"page"_s, u"limit"_s}}},
        {u"GET /api/webhooks/:id"_s, {{}, u"Webhook"_s, false, 200, {}}},
        {u"DELETE /api/webhooks/:id"_s, {{}, u"Deleted"_s, false, 200, {}}},
        {u"GET /api/webhooks/:id/deliveries"_s,
         {{}, u"WebhookDelivery"_s, true, 200, {u"page"_s, u"limit"_s}}},
        {u"POST /api/attempts/:id/drafts"_s, {u"DraftInput"_s, u"Draft"_s, false, 201, {}}},
        {u"GET /api/attempts/:id/drafts"_s, {{}, u"DraftList"_s, false, 200, {u"type"_s}}},
        {u"GET /api/attempts/:id/drafts/:draftId"_s, {{}, u"Draft"_s, false, 200, {}}},
        {u"PATCH /api/attempts/:id/drafts/:draftId"_s,
         {u"DraftPatch"_s, u"Draft"_s, false, 200, {}}},
        {u"DELETE /api/attempts/:id/drafts/:draftId"_s, {{}, u"Deleted"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/drafts/:draftId/send"_s, {{}, u"Draft"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/follow-up-draft"_s,
         {u"FollowUpDraftInput"_s, u"Draft"_s, false, 201, {}}},
        {u"GET /api/attempts/:id/follow-up-draft"_s, {{}, u"DraftList"_s, false, 200, {}}},
        {u"DELETE /api/attempts/:id/follow-up-draft/:draftId"_s, {{}, u"Deleted"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/retry-follow-up-draft"_s,
         {u"RetryDraftInput"_s, u"Draft"_s, false, 201, {}}},
        {u"GET /api/attempts/:id/retry-follow-up-draft"_s, {{}, u"DraftList"_s, false, 200, {}}},
        {u"DELETE /api/attempts/:id/retry-follow-up-draft/:draftId"_s,
         {{}, u"Deleted"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/follow-up-queue"_s,
         {u"FollowUpQueueInput"_s, u"FollowUpQueue"_s, false, 201, {}}},
        {u"GET /api/attempts/:id/follow-up-queue"_s, {{}, u"FollowUpQueue"_s, false, 200, {}}},
        {u"DELETE /api/attempts/:id/follow-up-queue"_s, {{}, u"FollowUpQueue"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/follow-up-queue/next"_s, {{}, u"FollowUpQueue"_s, false, 200, {}}},
        {u"POST /api/attempts/:id/draft-queue"_s,
         {u"DraftQueueInput"_s, u"DraftQueue"_s, false, 201, {}}},
        {u"GET /api/attempts/:id/draft-queue"_s, {{}, u"DraftQueue"_s, false, 200, {}}},
        {u"POST /api/approvals"_s, {u"ApprovalInput"_s, u"Approval"_s, false, 201, {}}},
        {u"GET /api/approvals"_s,
         {{},
          u"Approval"_s,
          true,
          200,
          {u"status"_s, u"type"_s, u"taskAttemptId"_s, u"page"_s, u"limit"_s}}},
        {u"GET /api/approvals/pending"_s,
         {{}, u"Approval"_s, true, 200, {u"type"_s, u"page"_s, u"limit"_s}}},
        {u"GET /api/approvals/:id"_s, {{}, u"Approval"_s, false, 200, {}}},
        {u"POST /api/approvals/:id/respond"_s,
         {u"ApprovalResponseInput"_s, u"ApprovalResponseResult"_s, false, 200, {}}},
        {u"POST /api/approvals/:id/cancel"_s, {{}, u"Approval"_s, false, 200, {}}},
        {u"POST /api/api-keys"_s, {u"ApiKeyInput"_s, u"ApiKeyCreated"_s, false, 201, {}}},
        {u"GET /api/api-keys"_s, {{}, u"ApiKey"_s, true, 200, {u"page"_s, u"limit"_s}}},
        {u"GET /api/api-keys/:id"_s, {{}, u"ApiKey"_s, false, 200, {}}},
        {u"DELETE /api/api-keys/:id"_s, {{}, u"ApiKey"_s, false, 200, {}}},
    };
    return shapes.value(key, Shape{});
}

QJsonObject operation(const Router::Route &route)
{
    const Shape shape = shapeOf(route.method, route.pattern);
    QJsonArray parameters;
    for (const QString &segment : route.segments) {
        if (segment.startsWith(u':') || segment.startsWith(u'*')) {
            parameters.append(QJsonObject{{u"name"_s, segment.mid(1)},
                                          {u"in"_s, u"path"_s},
                                          {u"required"_s, true},
                                          {u"schema"_s, stringSchema()}});
        }
    }
    for (const QString &name : shape.query) {
        const bool integer = name == "page"_L1 || name == "limit"_L1;
        parameters.append(
            QJsonObject{{u"name"_s, name},
                        {u"in"_s, u"query"_s},
                        {u"schema"_s,
                         QJsonObject{{u"type"_s, integer ? u"integer"_s : u"string"_s}}}});
    }
    QJsonObject op{{u"summary"_s, route.summary},
                   {u"operationId"_s,
                    QString(QString::fromLatin1(route.method).toLower()
                            + QString(route.pattern)
                                  .replace(QRegularExpression(u"[^A-Za-z0-9]+"_s), u"_"_s))}};
    if (!parameters.isEmpty())
        op.insert(u"parameters"_s, parameters);
    if (!shape.requestSchema.isEmpty()) {
        op.insert(u"requestBody"_s,
                  QJsonObject{{u"required"_s, true},
                              {u"content"_s, jsonContent(ref(shape.requestSchema))}});
    }
    const QJsonObject data = shape.responseSchema.isEmpty() ? QJsonObject{{u"type"_s, u"object"_s}}
                                                            : ref(shape.responseSchema);
    const QJsonObject error{{u"description"_s, u"Error envelope"_s},
                            {u"content"_s, jsonContent(ref(u"Error"_s))}};
    const QString contentType = shape.contentType.isEmpty() ? u"application/json"_s
                                                            : shape.contentType;
    QJsonObject success;
    if (shape.bare) {
        success = {{u"description"_s, u"The document itself"_s},
                   {u"content"_s, QJsonObject{{contentType, QJsonObject{{u"schema"_s, data}}}}}};
    } else if (contentType == "application/json"_L1) {
        success = {{u"description"_s, u"Success envelope"_s},
                   {u"content"_s, jsonContent(envelope(data, shape.paged))}};
    } else {
        success = {{u"description"_s, u"One log entry (JSON) per line"_s},
                   {u"content"_s,
                    QJsonObject{{contentType, QJsonObject{{u"schema"_s, stringSchema()}}}}}};
    }
    op.insert(u"responses"_s,
              QJsonObject{{QString::number(shape.status), success},
                          {u"4XX"_s, error},
                          {u"5XX"_s, error}});
    return op;
}

void appendYaml(QByteArray &out, const QJsonValue &value, int indent);

QByteArray yamlScalar(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return "null"_ba;
    case QJsonValue::Bool: return value.toBool() ? "true"_ba : "false"_ba;
    case QJsonValue::Double:
        return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    default:
        // A JSON string is a valid YAML double-quoted scalar.
        return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    }
}

void appendYaml(QByteArray &out, const QJsonValue &value, int indent)
{
    const QByteArray pad(indent, ' ');
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out += " {}\n";
            return;
        }
        out += '\n';
        for (auto it = object.begin(); it != object.end(); ++it) {
            out += pad + yamlScalar(it.key()) + ':';
            if (it->isObject() || it->isArray())
                appendYaml(out, *it, indent + 2);
            else
                out += ' ' + yamlScalar(*it) + '\n';
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out += " []\n";
            return;
        }
        out += '\n';
        for (const QJsonValue &item : array) {
            out += pad + '-';
            if (item.isObject() || item.isArray())
                appendYaml(out, item, indent + 2);
            else
                out += ' ' + yamlScalar(item) + '\n';
        }
    } else {
        out += ' ' + yamlScalar(value) + '\n';
    }
}

} // namespace

QJsonObject openApiDocument(const Router &router)
{
    QJsonObject paths;
    for (const Router::Route &route : router.routes()) {
        QString path = route.pattern;
        path.replace(QRegularExpression(u"[:*]([A-Za-z]+)"_s), u"{\\1}"_s);
        QJsonObject item = paths.value(path).toObject();
        item.insert(QString::fromLatin1(route.method).toLower(), operation(route));
        paths.insert(path, item);
    }
    return {
        {u"openapi"_s, u"3.1.0"_s},
        {u"info"_s,
         QJsonObject{
             {u"title"_s, u"Forgedesk API"_s},
             {u"version"_s, QString::fromLatin1(Core::forgedeskVersion)},
             {u"description"_s,
              u"Forge-compatible REST API of Forgedesk. Every route is also served under /api/v1. "
              "WebSocket: ws://HOST:PORT/ws, messages {type:'subscribe'|'unsubscribe', channel:'tasks'|"
              "'projects'|'attempts'|'processes'|'approvals'|'drafts', taskId?, projectId?, attemptId?}; "
              "ws://HOST:PORT/ws/projects/:projectId/drafts streams one project's drafts."_s},
             {u"license"_s, QJsonObject{{u"name"_s, u"GPL-3.0-or-later"_s}}}}},
        {u"servers"_s, QJsonArray{QJsonObject{{u"url"_s, u"http://127.0.0.1:8887"_s}}}},
        {u"paths"_s, paths},
        {u"components"_s, components()},
        // Anonymous on loopback, a key elsewhere.
        {u"security"_s, QJsonArray{QJsonObject{}, QJsonObject{{u"apiKey"_s, QJsonArray{}}}}}};
}

QByteArray toYaml(const QJsonObject &document)
{
    QByteArray out;
    appendYaml(out, document, 0);
    return out.mid(1); // the leading newline of the top-level mapping
}

} // namespace Server
