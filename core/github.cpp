// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/github.h"

#include "core/jsonparser.h"
#include "core/timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <tuple>
#include <utility>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

struct Repository
{
    QString owner;
    QString name;
};

/// GitHub's own rules: owners are letters, digits and '-'; repositories also allow '.' and '_'.
/// Being strict here also keeps the names safe to paste into URL paths.
std::optional<Repository> splitRepository(const QString &ownerRepo)
{
    static const QRegularExpression pattern(u"^([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)$"_s);
    const QRegularExpressionMatch match = pattern.match(ownerRepo);
    if (!match.hasMatch())
        return std::nullopt;
    Repository repository{match.captured(1), match.captured(2)};
    for (const QString &part : {repository.owner, repository.name}) {
        if (part == "."_L1 || part == ".."_L1)
            return std::nullopt;
    }
    return repository;
}

Error repositoryError()
{
    return Error::validation(u"repository"_s, u"must be of the form owner/repo"_s);
}

Error noTokenError()
{
    return {ErrorCode::Unprocessable,
            u"no GitHub token: set githubToken in settings or GITHUB_TOKEN"_s,
            {}};
}

Error badGateway(const QString &message, QJsonObject details = {})
{
    return {ErrorCode::BadGateway, message, std::move(details)};
}

/// {apiBase}/repos/{owner}/{repo}/pulls[/suffix], or an error if apiBase is not an http(s) URL.
Result<QUrl> pullsUrl(const GitHubConfig &config,
                      const Repository &repository,
                      const QString &suffix)
{
    QUrl url(config.apiBase.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != "https"_L1 && url.scheme() != "http"_L1) || url.hasQuery()
        || url.hasFragment())
        return fail(Error::validation(u"apiBase"_s, u"must be an http(s) URL"_s));
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    path += u"/repos/"_s + repository.owner + u'/' + repository.name + u"/pulls"_s;
    if (!suffix.isEmpty())
        path += u'/' + suffix;
    url.setPath(path);
    return url;
}

QString scrubbed(QString text, const QString &token)
{
    if (!token.isEmpty())
        text.replace(token, u"***"_s);
    return text;
}

QDateTime timeValue(const QJsonValue &value)
{
    return value.isString() ? fromTimestamp(value.toString()) : QDateTime();
}

Result<PullRequest> parsePullRequest(const QJsonObject &object)
{
    PullRequest pr;
    pr.number = object.value(u"number"_s).toInt();
    if (pr.number <= 0)
        return fail(badGateway(u"GitHub answered with a pull request without a number"_s));
    pr.url = object.value(u"html_url"_s).toString();
    pr.apiUrl = object.value(u"url"_s).toString();
    pr.draft = object.value(u"draft"_s).toBool();
    pr.title = object.value(u"title"_s).toString();
    pr.headBranch = object.value(u"head"_s).toObject().value(u"ref"_s).toString();
    pr.baseBranch = object.value(u"base"_s).toObject().value(u"ref"_s).toString();
    pr.createdAt = timeValue(object.value(u"created_at"_s));
    if (const QDateTime mergedAt = timeValue(object.value(u"merged_at"_s)); mergedAt.isValid())
        pr.mergedAt = mergedAt;
    // Lists leave out "merged"; merged_at says the same there.
    const bool merged = object.value(u"merged"_s).toBool() || pr.mergedAt.has_value();
    pr.state = merged ? u"merged"_s : object.value(u"state"_s).toString();
    if (merged) {
        if (const QString sha = object.value(u"merge_commit_sha"_s).toString(); !sha.isEmpty())
            pr.mergeCommitSha = sha;
    }
    return pr;
}

/// GitHub's "message", then what its "errors" say (objects with a message, or a field and code).
std::pair<QString, QStringList> githubMessages(const QByteArray &body)
{
    const std::optional<QJsonObject> object = parseJsonObject(body);
    if (!object)
        return {};
    QStringList errors;
    for (const QJsonValue &entry : object->value(u"errors"_s).toArray()) {
        if (entry.isString()) {
            errors << entry.toString();
            continue;
        }
        const QJsonObject error = entry.toObject();
        QString message = error.value(u"message"_s).toString();
        if (message.isEmpty())
            message = QStringList{error.value(u"field"_s).toString(),
                                  error.value(u"code"_s).toString()}
                          .join(u' ')
                          .trimmed();
        if (!message.isEmpty())
            errors << message;
    }
    return {object->value(u"message"_s).toString(), errors};
}

Error httpError(int status,
                const QNetworkReply &reply,
                const QByteArray &body,
                const QString &action,
                const QString &notFound,
                const QString &token)
{
    auto [message, errors] = githubMessages(body);
    // Whatever GitHub echoes back, the token goes no further.
    message = scrubbed(message, token);
    for (QString &error : errors)
        error = scrubbed(error, token);
    QStringList said;
    if (!message.isEmpty())
        said << message;
    said << errors;
    const QString saidText = said.isEmpty() ? QString() : u": "_s + said.join(u"; "_s);
    QJsonObject details{{u"status"_s, status}};
    if (!message.isEmpty())
        details.insert(u"githubMessage"_s, message);
    if (!errors.isEmpty())
        details.insert(u"errors"_s, QJsonArray::fromStringList(errors));

    if (status == 401 || status == 403) {
        if (reply.rawHeader("x-ratelimit-remaining") == "0")
            return badGateway(u"GitHub's rate limit is used up (HTTP %1) while %2%3"_s
                                  .arg(QString::number(status), action, saidText),
                              details);
        return badGateway(u"GitHub refused the token (HTTP %1) while %2%3"_s
                              .arg(QString::number(status), action, saidText),
                          details);
    }
    if (status == 404)
        return {ErrorCode::NotFound, notFound, details};
    if (status == 422)
        return Error::conflict(u"GitHub refused %1%2"_s.arg(action, saidText), details);
    return badGateway(u"GitHub answered HTTP %1 while %2%3"_s.arg(QString::number(status),
                                                                  action,
                                                                  saidText),
                      details);
}

} // namespace

GitHubClient::GitHubClient(QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{}

GitHubClient::~GitHubClient()
{
    // Aborting emits finished(); the callers must hear "shut down", not "timed out".
    const auto pending = std::exchange(m_pending, {});
    for (auto it = pending.begin(); it != pending.end(); ++it) {
        disconnect(it.key(), nullptr, this, nullptr);
        it.key()->abort();
        it->promise.resolve(fail(Error{ErrorCode::Unavailable,
                                       u"the GitHub client shut down while %1"_s.arg(it->action),
                                       {}}));
    }
}

void GitHubClient::setTimeout(int ms)
{
    m_timeoutMs = std::max(ms, 1);
}

Future<Result<QByteArray>> GitHubClient::send(const GitHubConfig &config,
                                              const QByteArray &verb,
                                              const QUrl &url,
                                              const QByteArray &body,
                                              const QString &action,
                                              const QString &notFound)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + config.token.toUtf8());
    request.setRawHeader("Accept", "application/vnd.github+json");
    request.setRawHeader("X-GitHub-Api-Version", "2022-11-28");
    request.setRawHeader("User-Agent", "Forgedesk");
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    // Qt's default policy follows redirects to other hosts; our Authorization header must not.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);

    QNetworkReply *reply = m_manager->sendCustomRequest(request, verb, body);
    Pending pending{{}, config.token, action, notFound, m_timeoutMs};
    Future<Result<QByteArray>> future = pending.promise.future();
    m_pending.insert(reply, std::move(pending));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finish(reply); });
    return future;
}

void GitHubClient::finish(QNetworkReply *reply)
{
    reply->deleteLater();
    const auto it = m_pending.constFind(reply);
    if (it == m_pending.cend())
        return;
    const Pending pending = *it;
    m_pending.erase(it);

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // An aborted (timed out) reply is closed; reading it would only warn.
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    Result<QByteArray> result = body;
    if (status == 0) {
        const QString host = reply->url().host();
        const QNetworkReply::NetworkError error = reply->error();
        // The transfer timeout aborts the reply, which Qt 6.4 reports as "canceled"; nothing
        // else here aborts a reply that is still connected.
        if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError)
            result = fail(
                badGateway(u"GitHub at %1 did not answer within %2 ms while %3"_s
                               .arg(host, QString::number(pending.timeoutMs), pending.action),
                           {{u"timeoutMs"_s, pending.timeoutMs}}));
        else
            result = fail(badGateway(u"cannot reach GitHub at %1 while %2: %3"_s
                                         .arg(host, pending.action, reply->errorString())));
    } else if (status < 200 || status >= 300) {
        result = fail(
            httpError(status, *reply, body, pending.action, pending.notFound, pending.token));
    }
    if (!result) {
        result.error().message = scrubbed(result.error().message, pending.token);
        const QByteArray json = QJsonDocument(result.error().details).toJson();
        if (!pending.token.isEmpty() && json.contains(pending.token.toUtf8()))
            result.error().details = {};
    }
    pending.promise.resolve(std::move(result));
}

namespace {

/// One pull request from GitHub's answer.
Result<PullRequest> pullRequestFrom(const Result<QByteArray> &answer)
{
    if (!answer)
        return fail(answer.error());
    const std::optional<QJsonObject> object = parseJsonObject(*answer);
    if (!object)
        return fail(badGateway(u"GitHub answered with something that is not JSON"_s));
    return parsePullRequest(*object);
}

} // namespace

Future<Result<PullRequest>> GitHubClient::createPullRequest(const GitHubConfig &config,
                                                            const QString &ownerRepo,
                                                            const NewPullRequest &pullRequest)
{
    const std::optional<Repository> repository = splitRepository(ownerRepo);
    if (!repository)
        return Future<Result<PullRequest>>::ready(fail(repositoryError()));
    for (const auto &[field, value] : {std::pair{u"title"_s, pullRequest.title},
                                       std::pair{u"head"_s, pullRequest.head},
                                       std::pair{u"base"_s, pullRequest.base}}) {
        if (value.trimmed().isEmpty())
            return Future<Result<PullRequest>>::ready(
                fail(Error::validation(field, u"must not be empty"_s)));
    }
    if (config.token.isEmpty())
        return Future<Result<PullRequest>>::ready(fail(noTokenError()));
    const Result<QUrl> url = pullsUrl(config, *repository, {});
    if (!url)
        return Future<Result<PullRequest>>::ready(fail(url.error()));

    const QJsonObject body{{u"title"_s, pullRequest.title},
                           {u"head"_s, pullRequest.head},
                           {u"base"_s, pullRequest.base},
                           {u"body"_s, pullRequest.body},
                           {u"draft"_s, pullRequest.draft}};
    return send(config,
                "POST",
                *url,
                QJsonDocument(body).toJson(QJsonDocument::Compact),
                u"creating a pull request in %1"_s.arg(ownerRepo),
                u"GitHub repository %1 not found, or the token cannot see it"_s.arg(ownerRepo))
        .thenInline(pullRequestFrom);
}

Future<Result<PullRequest>> GitHubClient::pullRequest(const GitHubConfig &config,
                                                      const QString &ownerRepo,
                                                      int number)
{
    const std::optional<Repository> repository = splitRepository(ownerRepo);
    if (!repository)
        return Future<Result<PullRequest>>::ready(fail(repositoryError()));
    if (number <= 0)
        return Future<Result<PullRequest>>::ready(
            fail(Error::validation(u"number"_s, u"must be a positive number"_s)));
    if (config.token.isEmpty())
        return Future<Result<PullRequest>>::ready(fail(noTokenError()));
    const Result<QUrl> url = pullsUrl(config, *repository, QString::number(number));
    if (!url)
        return Future<Result<PullRequest>>::ready(fail(url.error()));

    return send(config,
                "GET",
                *url,
                {},
                u"reading pull request #%1 of %2"_s.arg(QString::number(number), ownerRepo),
                u"pull request #%1 not found in %2"_s.arg(QString::number(number), ownerRepo))
        .thenInline(pullRequestFrom);
}

Future<Result<PullRequest>> GitHubClient::pullRequestForBranch(const GitHubConfig &config,
                                                               const QString &ownerRepo,
                                                               const QString &branch)
{
    const std::optional<Repository> repository = splitRepository(ownerRepo);
    if (!repository)
        return Future<Result<PullRequest>>::ready(fail(repositoryError()));
    if (branch.trimmed().isEmpty())
        return Future<Result<PullRequest>>::ready(
            fail(Error::validation(u"branch"_s, u"must not be empty"_s)));
    if (config.token.isEmpty())
        return Future<Result<PullRequest>>::ready(fail(noTokenError()));
    Result<QUrl> url = pullsUrl(config, *repository, {});
    if (!url)
        return Future<Result<PullRequest>>::ready(fail(url.error()));
    // Encoded by hand: QUrlQuery leaves '+' alone, which GitHub reads as a space.
    const QByteArray head = QUrl::toPercentEncoding(repository->owner + u':' + branch);
    url->setQuery(u"head="_s + QString::fromLatin1(head) + u"&state=all"_s, QUrl::StrictMode);

    const QString notFound = u"no pull request for branch %1 in %2"_s.arg(branch, ownerRepo);
    return send(config,
                "GET",
                *url,
                {},
                u"looking up the pull request for branch %1 in %2"_s.arg(branch, ownerRepo),
                u"GitHub repository %1 not found, or the token cannot see it"_s.arg(ownerRepo))
        .thenInline([notFound, branch](const Result<QByteArray> &answer) -> Result<PullRequest> {
            if (!answer)
                return fail(answer.error());
            const std::optional<QJsonValue> value = parseJson(*answer);
            if (!value || !value->isArray())
                return fail(badGateway(u"GitHub answered with something that is not a list"_s));
            std::optional<PullRequest> best;
            for (const QJsonValue &entry : value->toArray()) {
                Result<PullRequest> pr = parsePullRequest(entry.toObject());
                if (!pr)
                    return fail(pr.error());
                const auto rank = [](const PullRequest &p) {
                    return std::tuple(p.state == "open"_L1, p.createdAt, p.number);
                };
                if (!best || rank(*pr) > rank(*best))
                    best = std::move(*pr);
            }
            if (!best)
                return fail(Error{ErrorCode::NotFound,
                                  notFound,
                                  {{u"resource"_s, u"pullRequest"_s}, {u"branch"_s, branch}}});
            return *best;
        });
}

std::optional<QString> GitHubClient::repositoryFromRemoteUrl(const QString &url)
{
    const QString text = url.trimmed();
    QString path;
    static const QRegularExpression scheme(u"^[A-Za-z][A-Za-z0-9+.-]*://"_s);
    if (scheme.match(text).hasMatch()) {
        const QUrl parsed(text, QUrl::StrictMode);
        const QString kind = parsed.scheme().toLower();
        if (!parsed.isValid() || parsed.host().isEmpty()
            || (kind != "https"_L1 && kind != "http"_L1 && kind != "ssh"_L1 && kind != "git"_L1
                && kind != "git+ssh"_L1 && kind != "ssh+git"_L1)
            || parsed.hasQuery() || parsed.hasFragment())
            return std::nullopt;
        path = parsed.path();
        if (!path.startsWith(u'/'))
            return std::nullopt;
        path.remove(0, 1);
    } else {
        // scp-like "[user@]host:owner/repo"; a '/' before the ':' makes it a local path.
        static const QRegularExpression scpLike(u"^(?:[^@/:]+@)?([^@/:]+):([^/].*)$"_s);
        const QRegularExpressionMatch match = scpLike.match(text);
        // A one-letter "host" is a Windows drive (C:/…).
        if (!match.hasMatch() || match.capturedLength(1) == 1)
            return std::nullopt;
        path = match.captured(2);
    }
    if (path.endsWith(u'/'))
        path.chop(1);
    if (path.endsWith(".git"_L1))
        path.chop(4);
    if (!splitRepository(path))
        return std::nullopt;
    return path;
}

QString GitHubClient::tokenFrom(const QString &settingsToken)
{
    const QString fromSettings = settingsToken.trimmed();
    if (!fromSettings.isEmpty())
        return fromSettings;
    return qEnvironmentVariable("GITHUB_TOKEN").trimmed();
}

} // namespace Core
