// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/support/fakegithub.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace Test {
namespace {

constexpr qsizetype maxHeaderBytes = 64 * 1024;

QByteArray reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 422: return "Unprocessable Entity";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Unknown";
    }
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

/// A query value the way GitHub's server reads it: '+' is a space, then %XX is decoded.
QString queryValue(const QByteArray &query, const QByteArray &name)
{
    for (const QByteArray &pair : query.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        const QByteArray key = equals < 0 ? pair : pair.left(equals);
        if (QByteArray::fromPercentEncoding(QByteArray(key).replace('+', ' ')) != name)
            continue;
        const QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        return QString::fromUtf8(
            QByteArray::fromPercentEncoding(QByteArray(value).replace('+', ' ')));
    }
    return {};
}

QByteArray validationFailed(const QJsonArray &errors)
{
    return json({{u"message"_s, u"Validation Failed"_s},
                 {u"errors"_s, errors},
                 {u"documentation_url"_s,
                  u"https://docs.github.com/rest/pulls/pulls#create-a-pull-request"_s}});
}

} // namespace

FakeGitHub::FakeGitHub(QString expectedToken, QString pathPrefix, QObject *parent)
    : QObject(parent)
    , m_expectedToken(std::move(expectedToken))
    , m_prefix(std::move(pathPrefix))
    , m_server(new QTcpServer(this))
{
    while (m_prefix.endsWith(u'/'))
        m_prefix.chop(1);
    connect(m_server, &QTcpServer::newConnection, this, &FakeGitHub::onNewConnection);
}

FakeGitHub::~FakeGitHub() = default;

bool FakeGitHub::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeGitHub::port() const
{
    return m_server->serverPort();
}

QString FakeGitHub::baseUrl() const
{
    return u"http://127.0.0.1:%1"_s.arg(port()) + m_prefix;
}

void FakeGitHub::setAnswering(bool answering)
{
    m_answering = answering;
}

void FakeGitHub::setFailure(int status, const QString &message, bool rateLimited)
{
    if (status == 0)
        m_failure.reset();
    else
        m_failure = Answer{status, json({{u"message"_s, message}}), rateLimited};
}

void FakeGitHub::setMerged(const QString &ownerRepo, int number, const QString &mergeCommitSha)
{
    if (Pull *pull = find(ownerRepo, number)) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        pull->closed = true;
        pull->merged = true;
        pull->mergeCommitSha = mergeCommitSha;
        pull->closedAt = now;
        pull->mergedAt = now;
    }
}

void FakeGitHub::setClosed(const QString &ownerRepo, int number)
{
    if (Pull *pull = find(ownerRepo, number)) {
        pull->closed = true;
        pull->closedAt = QDateTime::currentDateTimeUtc();
    }
}

std::optional<QJsonObject> FakeGitHub::pullRequest(const QString &ownerRepo, int number) const
{
    for (const Pull &pull : m_pulls.value(ownerRepo)) {
        if (pull.number == number)
            return toJson(ownerRepo, pull, true);
    }
    return std::nullopt;
}

FakeGitHub::Pull *FakeGitHub::find(const QString &ownerRepo, int number)
{
    auto it = m_pulls.find(ownerRepo);
    if (it == m_pulls.end())
        return nullptr;
    for (Pull &pull : *it) {
        if (pull.number == number)
            return &pull;
    }
    return nullptr;
}

void FakeGitHub::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeGitHub::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    while (true) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (buffer.size() > maxHeaderBytes)
                socket->abort();
            return;
        }
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        FakeGitHubRequest request;
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        const bool http10 = requestLine.value(2) == "HTTP/1.0";
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                       lines.at(i).mid(colon + 1).trimmed());
        }
        // Chunked request bodies are more HTTP than a client of this fake needs.
        if (requestLine.size() != 3 || request.headers.contains("transfer-encoding")) {
            socket->write(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
            return;
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        m_requests.append(request);
        if (!m_answering)
            continue;

        const Answer answer = m_failure ? *m_failure : handle(request);
        const bool close = http10 || request.headers.value("connection").toLower() == "close";
        QByteArray response = "HTTP/1.1 " + QByteArray::number(answer.status) + ' '
                              + reason(answer.status) + "\r\n";
        response += "Content-Type: application/json; charset=utf-8\r\n";
        response += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n";
        response += "X-GitHub-Media-Type: github.v3; format=json\r\n";
        if (answer.rateLimited)
            response += "X-RateLimit-Remaining: 0\r\n";
        if (close)
            response += "Connection: close\r\n";
        response += "\r\n" + answer.body;
        socket->write(response);
        if (close) {
            socket->disconnectFromHost();
            return;
        }
    }
}

FakeGitHub::Answer FakeGitHub::handle(const FakeGitHubRequest &request)
{
    const Answer notFound{404,
                          json({{u"message"_s, u"Not Found"_s},
                                {u"documentation_url"_s, u"https://docs.github.com/rest"_s}})};
    const qsizetype question = request.path.indexOf('?');
    const QByteArray query = question < 0 ? QByteArray() : request.path.mid(question + 1);
    QString path = QString::fromUtf8(
        QByteArray::fromPercentEncoding(question < 0 ? request.path : request.path.left(question)));
    if (!path.startsWith(m_prefix + u'/'))
        return notFound;
    path.remove(0, m_prefix.size());

    if (request.headers.value("authorization") != "Bearer " + m_expectedToken.toUtf8())
        return {401,
                json({{u"message"_s, u"Bad credentials"_s},
                      {u"documentation_url"_s, u"https://docs.github.com/rest"_s}})};

    // "/repos/{owner}/{repo}/pulls[/{number}]"
    const QStringList parts = path.split(u'/');
    if (parts.size() < 5 || parts.size() > 6 || !parts.at(0).isEmpty() || parts.at(1) != "repos"_L1
        || parts.at(4) != "pulls"_L1 || parts.at(2).isEmpty() || parts.at(3).isEmpty())
        return notFound;
    const QString ownerRepo = parts.at(2) + u'/' + parts.at(3);

    if (parts.size() == 5) {
        if (request.method == "POST")
            return createPull(ownerRepo, request.body);
        if (request.method == "GET")
            return listPulls(ownerRepo, query);
        return notFound;
    }
    bool isNumber = false;
    const int number = parts.at(5).toInt(&isNumber);
    if (!isNumber || request.method != "GET")
        return notFound;
    if (Pull *pull = find(ownerRepo, number))
        return {200, json(toJson(ownerRepo, *pull, true))};
    return notFound;
}

FakeGitHub::Answer FakeGitHub::createPull(const QString &ownerRepo, const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return {400, json({{u"message"_s, u"Problems parsing JSON"_s}})};
    const QJsonObject input = document.object();

    QJsonArray missing;
    for (const QString &field : {u"title"_s, u"head"_s, u"base"_s}) {
        if (input.value(field).toString().isEmpty())
            missing.append(QJsonObject{{u"resource"_s, u"PullRequest"_s},
                                       {u"field"_s, field},
                                       {u"code"_s, u"missing_field"_s}});
    }
    if (!missing.isEmpty())
        return {422, validationFailed(missing)};

    const QString owner = ownerRepo.section(u'/', 0, 0);
    QString head = input.value(u"head"_s).toString();
    if (head.startsWith(owner + u':'))
        head.remove(0, owner.size() + 1);
    const QString base = input.value(u"base"_s).toString();

    QList<Pull> &pulls = m_pulls[ownerRepo];
    // Like GitHub: one open pull request per head and base.
    for (const Pull &pull : std::as_const(pulls)) {
        if (!pull.closed && pull.head == head && pull.base == base)
            return {422,
                    validationFailed(
                        {QJsonObject{{u"resource"_s, u"PullRequest"_s},
                                     {u"code"_s, u"custom"_s},
                                     {u"message"_s,
                                      u"A pull request already exists for %1:%2."_s.arg(owner,
                                                                                        head)}}})};
    }

    Pull pull;
    pull.number = int(pulls.size()) + 1;
    pull.title = input.value(u"title"_s).toString();
    pull.body = input.value(u"body"_s).toString();
    pull.head = head;
    pull.base = base;
    pull.draft = input.value(u"draft"_s).toBool();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    pull.createdAt = now.addMSecs(-now.time().msec()); // GitHub's times have whole seconds.
    pulls.append(pull);
    return {201, json(toJson(ownerRepo, pull, true))};
}

FakeGitHub::Answer FakeGitHub::listPulls(const QString &ownerRepo, const QByteArray &query) const
{
    const QString head = queryValue(query, "head");
    QString state = queryValue(query, "state");
    if (state.isEmpty())
        state = u"open"_s;
    const QString owner = ownerRepo.section(u'/', 0, 0);

    QList<Pull> matching;
    for (const Pull &pull : m_pulls.value(ownerRepo)) {
        if (!head.isEmpty() && owner + u':' + pull.head != head)
            continue;
        if ((state == "open"_L1 && pull.closed) || (state == "closed"_L1 && !pull.closed))
            continue;
        matching.append(pull);
    }
    // GitHub's default order: newest first.
    std::ranges::sort(matching, [](const Pull &a, const Pull &b) {
        return std::tie(a.createdAt, a.number) > std::tie(b.createdAt, b.number);
    });
    QJsonArray array;
    for (const Pull &pull : std::as_const(matching))
        array.append(toJson(ownerRepo, pull, false));
    return {200, QJsonDocument(array).toJson(QJsonDocument::Compact)};
}

QJsonObject FakeGitHub::toJson(const QString &ownerRepo, const Pull &pull, bool full) const
{
    const QString owner = ownerRepo.section(u'/', 0, 0);
    const QString number = QString::number(pull.number);
    // Before a merge GitHub shows the sha of a test merge commit, which is not the merge.
    const QString mergeSha = pull.merged
                                 ? pull.mergeCommitSha
                                 : QString::fromLatin1(
                                     QCryptographicHash::hash((ownerRepo + u'#' + number).toUtf8(),
                                                              QCryptographicHash::Sha1)
                                         .toHex());
    QJsonObject object{
        {u"url"_s, QString(baseUrl() + u"/repos/"_s + ownerRepo + u"/pulls/"_s + number)},
        {u"id"_s, 1000 + pull.number},
        {u"html_url"_s, QString(u"https://github.com/"_s + ownerRepo + u"/pull/"_s + number)},
        {u"number"_s, pull.number},
        {u"state"_s, pull.closed ? u"closed"_s : u"open"_s},
        {u"locked"_s, false},
        {u"title"_s, pull.title},
        {u"body"_s, pull.body},
        {u"draft"_s, pull.draft},
        {u"created_at"_s, timeOrNull(pull.createdAt)},
        {u"updated_at"_s, timeOrNull(pull.createdAt)},
        {u"closed_at"_s, timeOrNull(pull.closedAt)},
        {u"merged_at"_s, timeOrNull(pull.mergedAt)},
        {u"merge_commit_sha"_s, mergeSha},
        {u"head"_s,
         QJsonObject{{u"label"_s, QString(owner + u':' + pull.head)}, {u"ref"_s, pull.head}}},
        {u"base"_s,
         QJsonObject{{u"label"_s, QString(owner + u':' + pull.base)}, {u"ref"_s, pull.base}}},
    };
    // Lists show the "simple" pull request, without merged and friends.
    if (full) {
        object.insert(u"merged"_s, pull.merged);
        object.insert(u"mergeable"_s, QJsonValue::Null);
    }
    return object;
}

} // namespace Test
