// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/openapi.h"

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
                                   {u"defaultLlm"_s, nullableString()}}}};
    const QJsonObject status = enumSchema(Core::taskStatusNames());
    const QJsonObject priority = enumSchema(Core::taskPriorityNames());
    schemas[u"Task"_s] = QJsonObject{{u"type"_s, u"object"_s},
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
                                                  {u"updatedAt"_s, timestamp}}}};
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
    schemas[u"Error"_s]
        = QJsonObject{{u"type"_s, u"object"_s},
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
                                                                          u"PAYLOAD_TOO_LARGE"_s,
                                                                          u"RATE_LIMIT"_s,
                                                                          u"INTERNAL_ERROR"_s})},
                                                             {u"message"_s, stringSchema()},
                                                             {u"details"_s,
                                                              QJsonObject{
                                                                  {u"type"_s, u"object"_s}}}}}}},
                                   {u"meta"_s, ref(u"Meta"_s)}}}};
    return {{u"schemas"_s, schemas}};
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
};

Shape shapeOf(const QByteArray &method, const QString &pattern)
{
    const QString key = QString::fromLatin1(method) + u' ' + pattern;
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
           u"page"_s,
           u"limit"_s,
           u"sort"_s}}},
        {u"POST /api/tasks"_s, {u"TaskInput"_s, u"Task"_s, false, 201, {}}},
        {u"GET /api/tasks/:id"_s, {{}, u"Task"_s, false, 200, {}}},
        {u"PATCH /api/tasks/:id"_s, {u"TaskPatch"_s, u"Task"_s, false, 200, {}}},
    };
    return shapes.value(key, Shape{});
}

QJsonObject operation(const Router::Route &route)
{
    const Shape shape = shapeOf(route.method, route.pattern);
    QJsonArray parameters;
    for (const QString &segment : route.segments) {
        if (segment.startsWith(u':')) {
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
    op.insert(u"responses"_s,
              QJsonObject{{QString::number(shape.status),
                           QJsonObject{{u"description"_s, u"Success envelope"_s},
                                       {u"content"_s, jsonContent(envelope(data, shape.paged))}}},
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
        path.replace(QRegularExpression(u":([A-Za-z]+)"_s), u"{\\1}"_s);
        QJsonObject item = paths.value(path).toObject();
        item.insert(QString::fromLatin1(route.method).toLower(), operation(route));
        paths.insert(path, item);
    }
    return {{u"openapi"_s, u"3.1.0"_s},
            {u"info"_s,
             QJsonObject{
                 {u"title"_s, u"Forgedesk API"_s},
                 {u"version"_s, QString::fromLatin1(Core::forgedeskVersion)},
                 {u"description"_s,
                  u"Forge-compatible REST API of Forgedesk. Every route is also served under /api/v1. "
                  "WebSocket: ws://HOST:PORT/ws, messages {type:'subscribe'|'unsubscribe', channel:'tasks'|"
                  "'projects', taskId?, projectId?}."_s},
                 {u"license"_s, QJsonObject{{u"name"_s, u"GPL-3.0-or-later"_s}}}}},
            {u"servers"_s, QJsonArray{QJsonObject{{u"url"_s, u"http://127.0.0.1:8887"_s}}}},
            {u"paths"_s, paths},
            {u"components"_s, components()}};
}

QByteArray toYaml(const QJsonObject &document)
{
    QByteArray out;
    appendYaml(out, document, 0);
    return out.mid(1); // the leading newline of the top-level mapping
}

} // namespace Server
