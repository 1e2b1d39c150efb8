// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/github.h"
#include "tests/support/fakegithub.h"
#include "tests/support/futures.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using Core::ErrorCode;
using Core::GitHubClient;
using Core::GitHubConfig;
using Core::NewPullRequest;
using Core::PullRequest;
using Core::Result;
using Test::FakeGitHub;

namespace {

const QString token = u"ghp_s3cretTokenValue"_s;
const QString repo = u"octo/widgets"_s;

/// The result, or an Internal error if the future did not finish in time.
Result<PullRequest> wait(const Core::Future<Result<PullRequest>> &future, int timeoutMs = 10000)
{
    std::optional<Result<PullRequest>> result = Test::await(future, timeoutMs);
    if (!result)
        return Core::fail(Core::Error::internal(u"the test gave up waiting"_s));
    return *result;
}

QString messageOf(const Result<PullRequest> &result)
{
    return result ? QString() : result.error().message;
}

NewPullRequest newPull(const QString &head, const QString &title = u"Add widgets"_s)
{
    return {.title = title, .body = u"Body text"_s, .head = head, .base = u"main"_s};
}

} // namespace

/// The GitHub client against a loopback fake GitHub: requests, answers and every error path.
class TestGitHub final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeGitHub> m_fake;
    std::unique_ptr<GitHubClient> m_client;
    GitHubConfig m_config;

    PullRequest create(const QString &head)
    {
        const Result<PullRequest> created = wait(
            m_client->createPullRequest(m_config, repo, newPull(head)));
        if (!created)
            qWarning("create failed: %s", qPrintable(created.error().message));
        return created.value_or(PullRequest{});
    }

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeGitHub>(token);
        QVERIFY(m_fake->listen());
        m_client = std::make_unique<GitHubClient>();
        m_config = {.apiBase = m_fake->baseUrl(), .token = token};
    }

    void cleanup()
    {
        m_client.reset();
        m_fake.reset();
    }

    void createsAPullRequest()
    {
        const Result<PullRequest> created = wait(
            m_client->createPullRequest(m_config, repo, newPull(u"feature/widgets"_s)));
        QVERIFY2(created, qPrintable(messageOf(created)));
        QCOMPARE(created->number, 1);
        QCOMPARE(created->url, u"https://github.com/octo/widgets/pull/1"_s);
        QCOMPARE(created->apiUrl, m_fake->baseUrl() + u"/repos/octo/widgets/pulls/1"_s);
        QCOMPARE(created->state, u"open"_s);
        QCOMPARE(created->draft, false);
        QCOMPARE(created->headBranch, u"feature/widgets"_s);
        QCOMPARE(created->baseBranch, u"main"_s);
        QCOMPARE(created->title, u"Add widgets"_s);
        QVERIFY(created->createdAt.isValid());
        QVERIFY(qAbs(created->createdAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        // GitHub's test merge sha of an open pull request is not a merge commit.
        QVERIFY(!created->mergeCommitSha);
        QVERIFY(!created->mergedAt);

        const QList<Test::FakeGitHubRequest> requests = m_fake->requests();
        QCOMPARE(requests.size(), 1);
        const Test::FakeGitHubRequest &request = requests.first();
        QCOMPARE(request.method, "POST");
        QCOMPARE(request.path, "/repos/octo/widgets/pulls");
        QCOMPARE(request.headers.value("authorization"), "Bearer " + token.toUtf8());
        QCOMPARE(request.headers.value("accept"), "application/vnd.github+json");
        QCOMPARE(request.headers.value("x-github-api-version"), "2022-11-28");
        QCOMPARE(request.headers.value("user-agent"), "Forgedesk");
        QCOMPARE(QJsonDocument::fromJson(request.body).object(),
                 (QJsonObject{{u"title"_s, u"Add widgets"_s},
                              {u"head"_s, u"feature/widgets"_s},
                              {u"base"_s, u"main"_s},
                              {u"body"_s, u"Body text"_s},
                              {u"draft"_s, false}}));
    }

    void createsADraft()
    {
        NewPullRequest input = newPull(u"wip"_s);
        input.draft = true;
        const Result<PullRequest> created = wait(m_client->createPullRequest(m_config, repo, input));
        QVERIFY2(created, qPrintable(messageOf(created)));
        QVERIFY(created->draft);
        QCOMPARE(QJsonDocument::fromJson(m_fake->requests().first().body).object().value(u"draft"_s),
                 QJsonValue(true));
    }

    void readsAPullRequestByNumber()
    {
        create(u"one"_s);
        create(u"two"_s);
        const Result<PullRequest> fetched = wait(m_client->pullRequest(m_config, repo, 2));
        QVERIFY2(fetched, qPrintable(messageOf(fetched)));
        QCOMPARE(fetched->number, 2);
        QCOMPARE(fetched->headBranch, u"two"_s);
        QCOMPARE(fetched->state, u"open"_s);
        QCOMPARE(m_fake->requests().last().method, "GET");
        QCOMPARE(m_fake->requests().last().path, "/repos/octo/widgets/pulls/2");
    }

    void findsThePullRequestForABranch()
    {
        create(u"one"_s);
        create(u"feature/a+b"_s);
        create(u"three"_s);
        const Result<PullRequest> found = wait(
            m_client->pullRequestForBranch(m_config, repo, u"feature/a+b"_s));
        QVERIFY2(found, qPrintable(messageOf(found)));
        QCOMPARE(found->number, 2);
        QCOMPARE(found->headBranch, u"feature/a+b"_s);
        const QByteArray path = m_fake->requests().last().path;
        QVERIFY2(path.startsWith("/repos/octo/widgets/pulls?head=octo"), path.constData());
        // A '+' left bare would reach GitHub as a space.
        QVERIFY2(path.contains("a%2Bb"), path.constData());
        QVERIFY2(path.endsWith("&state=all"), path.constData());
    }

    void prefersTheOpenPullRequestForABranch()
    {
        QCOMPARE(create(u"feature"_s).number, 1);
        m_fake->setClosed(repo, 1);
        QCOMPARE(create(u"feature"_s).number, 2);
        m_fake->setClosed(repo, 2);
        QCOMPARE(create(u"feature"_s).number, 3);

        Result<PullRequest> found = wait(
            m_client->pullRequestForBranch(m_config, repo, u"feature"_s));
        QVERIFY2(found, qPrintable(messageOf(found)));
        QCOMPARE(found->number, 3);
        QCOMPARE(found->state, u"open"_s);

        // With none open, the most recent.
        m_fake->setClosed(repo, 3);
        found = wait(m_client->pullRequestForBranch(m_config, repo, u"feature"_s));
        QVERIFY2(found, qPrintable(messageOf(found)));
        QCOMPARE(found->number, 3);
        QCOMPARE(found->state, u"closed"_s);
    }

    void aMergedPullRequestIsMergedNotClosed()
    {
        create(u"feature"_s);
        const QString sha = u"0123456789abcdef0123456789abcdef01234567"_s;
        m_fake->setMerged(repo, 1, sha);

        const Result<PullRequest> fetched = wait(m_client->pullRequest(m_config, repo, 1));
        QVERIFY2(fetched, qPrintable(messageOf(fetched)));
        QCOMPARE(fetched->state, u"merged"_s);
        QCOMPARE(fetched->mergeCommitSha, std::optional<QString>(sha));
        QVERIFY(fetched->mergedAt && fetched->mergedAt->isValid());

        // Lists leave out "merged"; merged_at must be enough.
        const Result<PullRequest> found = wait(
            m_client->pullRequestForBranch(m_config, repo, u"feature"_s));
        QVERIFY2(found, qPrintable(messageOf(found)));
        QCOMPARE(found->state, u"merged"_s);
        QCOMPARE(found->mergeCommitSha, std::optional<QString>(sha));
    }

    void aClosedPullRequestIsClosed()
    {
        create(u"feature"_s);
        m_fake->setClosed(repo, 1);
        const Result<PullRequest> fetched = wait(m_client->pullRequest(m_config, repo, 1));
        QVERIFY2(fetched, qPrintable(messageOf(fetched)));
        QCOMPARE(fetched->state, u"closed"_s);
        QVERIFY(!fetched->mergeCommitSha);
        QVERIFY(!fetched->mergedAt);
    }

    void enterpriseApiBelowAPrefix_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("plain") << QString();
        QTest::newRow("trailing slash") << u"/"_s;
    }

    void enterpriseApiBelowAPrefix()
    {
        QFETCH(QString, suffix);
        FakeGitHub enterprise(token, u"/api/v3"_s);
        QVERIFY(enterprise.listen());
        QVERIFY(enterprise.baseUrl().endsWith("/api/v3"_L1));
        const GitHubConfig config{.apiBase = enterprise.baseUrl() + suffix, .token = token};

        const Result<PullRequest> created = wait(
            m_client->createPullRequest(config, repo, newPull(u"feature"_s)));
        QVERIFY2(created, qPrintable(messageOf(created)));
        QCOMPARE(created->apiUrl, enterprise.baseUrl() + u"/repos/octo/widgets/pulls/1"_s);
        const Result<PullRequest> fetched = wait(m_client->pullRequest(config, repo, 1));
        QVERIFY2(fetched, qPrintable(messageOf(fetched)));
        const Result<PullRequest> found = wait(
            m_client->pullRequestForBranch(config, repo, u"feature"_s));
        QVERIFY2(found, qPrintable(messageOf(found)));
        for (const Test::FakeGitHubRequest &request : enterprise.requests())
            QVERIFY2(request.path.startsWith("/api/v3/repos/octo/widgets/pulls"),
                     request.path.constData());
    }

    void aRefusedTokenIsABadGatewayThatDoesNotShowIt()
    {
        GitHubConfig config = m_config;
        config.token = u"ghp_wrongSecretValue"_s;
        const Result<PullRequest> created = wait(
            m_client->createPullRequest(config, repo, newPull(u"feature"_s)));
        QVERIFY(!created);
        QCOMPARE(created.error().code, ErrorCode::BadGateway);
        QVERIFY2(created.error().message.contains("GitHub refused the token"_L1),
                 qPrintable(created.error().message));
        QVERIFY2(created.error().message.contains("Bad credentials"_L1),
                 qPrintable(created.error().message));
        const QByteArray details = QJsonDocument(created.error().details).toJson();
        for (const QString &secret : {config.token, token}) {
            QVERIFY(!created.error().message.contains(secret));
            QVERIFY(!details.contains(secret.toUtf8()));
        }
        QCOMPARE(m_fake->pullRequest(repo, 1), std::nullopt);
    }

    void otherRefusalsAreABadGateway_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("rateLimited");
        QTest::addColumn<QString>("expected");
        QTest::newRow("forbidden") << 403 << false << u"GitHub refused the token (HTTP 403)"_s;
        QTest::newRow("rate limit") << 403 << true << u"GitHub's rate limit is used up"_s;
        QTest::newRow("server error") << 500 << false << u"GitHub answered HTTP 500"_s;
        QTest::newRow("unavailable") << 503 << false << u"GitHub answered HTTP 503"_s;
    }

    void otherRefusalsAreABadGateway()
    {
        QFETCH(int, status);
        QFETCH(bool, rateLimited);
        QFETCH(QString, expected);
        m_fake->setFailure(status, u"Something went wrong for "_s + token, rateLimited);
        const Result<PullRequest> result = wait(m_client->pullRequest(m_config, repo, 1));
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::BadGateway);
        QVERIFY2(result.error().message.startsWith(expected), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains("Something went wrong"_L1),
                 qPrintable(result.error().message));
        // Even when GitHub echoes it.
        QVERIFY(!result.error().message.contains(token));
        QVERIFY(!QJsonDocument(result.error().details).toJson().contains(token.toUtf8()));
        QCOMPARE(result.error().details.value(u"status"_s).toInt(), status);
    }

    void loopbackIsNeverProxied()
    {
        // A proxy for everything (as a desktop's settings may give) must not swallow requests to
        // a local server; nothing listens on port 9. Qt's global proxy lookup skips loopback
        // hosts, and the client must not override that with a proxy of its own.
        const QNetworkProxy saved = QNetworkProxy::applicationProxy();
        QNetworkProxy::setApplicationProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, u"127.0.0.1"_s, 9));
        const Result<PullRequest> created = wait(
            m_client->createPullRequest(m_config, repo, newPull(u"feature"_s)));
        QNetworkProxy::setApplicationProxy(saved);
        QVERIFY2(created, qPrintable(messageOf(created)));
    }

    void aSecondOpenPullRequestForAHeadIsAConflict()
    {
        create(u"feature"_s);
        const Result<PullRequest> again = wait(
            m_client->createPullRequest(m_config, repo, newPull(u"feature"_s, u"Again"_s)));
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QVERIFY2(again.error().message.contains("A pull request already exists"_L1),
                 qPrintable(again.error().message));
        QCOMPARE(again.error().details.value(u"errors"_s).toArray(),
                 (QJsonArray{u"A pull request already exists for octo:feature."_s}));
        QCOMPARE(again.error().details.value(u"githubMessage"_s).toString(), u"Validation Failed"_s);
    }

    void anUnknownPullRequestIsNotFound()
    {
        const Result<PullRequest> fetched = wait(m_client->pullRequest(m_config, repo, 42));
        QVERIFY(!fetched);
        QCOMPARE(fetched.error().code, ErrorCode::NotFound);
        QVERIFY2(fetched.error().message.contains("#42"_L1), qPrintable(fetched.error().message));

        create(u"other"_s);
        const Result<PullRequest> found = wait(
            m_client->pullRequestForBranch(m_config, repo, u"feature"_s));
        QVERIFY(!found);
        QCOMPARE(found.error().code, ErrorCode::NotFound);
        QVERIFY2(found.error().message.contains("feature"_L1), qPrintable(found.error().message));
    }

    void aMissingTokenIsUnprocessableWithoutAsking()
    {
        GitHubConfig config = m_config;
        config.token.clear();
        const QList<Core::Future<Result<PullRequest>>>
            futures{m_client->createPullRequest(config, repo, newPull(u"feature"_s)),
                    m_client->pullRequest(config, repo, 1),
                    m_client->pullRequestForBranch(config, repo, u"feature"_s)};
        for (const auto &future : futures) {
            const Result<PullRequest> result = wait(future);
            QVERIFY(!result);
            QCOMPARE(result.error().code, ErrorCode::Unprocessable);
            QCOMPARE(result.error().message,
                     u"no GitHub token: set githubToken in settings or GITHUB_TOKEN"_s);
        }
        QVERIFY(m_fake->requests().isEmpty());
    }

    void aMalformedRepositoryIsRefused_data()
    {
        QTest::addColumn<QString>("ownerRepo");
        QTest::newRow("empty") << QString();
        QTest::newRow("owner only") << u"octo"_s;
        QTest::newRow("no repo") << u"octo/"_s;
        QTest::newRow("no owner") << u"/widgets"_s;
        QTest::newRow("three parts") << u"octo/widgets/extra"_s;
        QTest::newRow("space") << u"octo/wid gets"_s;
        QTest::newRow("dot dot") << u"octo/.."_s;
        QTest::newRow("query") << u"octo/widgets?x=1"_s;
    }

    void aMalformedRepositoryIsRefused()
    {
        QFETCH(QString, ownerRepo);
        const Result<PullRequest> result = wait(m_client->pullRequest(m_config, ownerRepo, 1));
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Validation);
        QCOMPARE(result.error().field(), u"repository"_s);
        QVERIFY(m_fake->requests().isEmpty());
    }

    void aBadApiBaseIsRefused()
    {
        GitHubConfig config = m_config;
        config.apiBase = u"not a url"_s;
        const Result<PullRequest> result = wait(m_client->pullRequest(config, repo, 1));
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Validation);
        QCOMPARE(result.error().field(), u"apiBase"_s);
    }

    void gitHubDownIsABadGateway()
    {
        // A port that was free a moment ago: nobody listens there now.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        GitHubConfig config = m_config;
        config.apiBase = u"http://127.0.0.1:%1"_s.arg(port);

        const Result<PullRequest> result = wait(m_client->pullRequest(config, repo, 1));
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::BadGateway);
        QVERIFY2(result.error().message.contains("cannot reach GitHub"_L1),
                 qPrintable(result.error().message));
        QVERIFY(!result.error().message.contains(token));
    }

    void aSilentGitHubTimesOut()
    {
        m_fake->setAnswering(false);
        m_client->setTimeout(300);
        QElapsedTimer timer;
        timer.start();
        const Result<PullRequest> result = wait(m_client->pullRequest(m_config, repo, 1), 5000);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::BadGateway);
        QVERIFY2(result.error().message.contains("did not answer within 300 ms"_L1),
                 qPrintable(result.error().message));
        QVERIFY2(timer.elapsed() >= 250 && timer.elapsed() < 4000,
                 qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void pendingCallsResolveWhenTheClientGoes()
    {
        m_fake->setAnswering(false);
        const Core::Future<Result<PullRequest>> future = m_client->pullRequest(m_config, repo, 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->requests().size(), 1, 5000);
        m_client.reset();
        QVERIFY(future.isFinished());
        const Result<PullRequest> result = *future.result();
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Unavailable);
    }

    void repositoryFromRemoteUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected"); // empty: nullopt

        QTest::newRow("scp") << u"git@github.com:octo/widgets.git"_s << repo;
        QTest::newRow("scp without .git") << u"git@github.com:octo/widgets"_s << repo;
        QTest::newRow("scp without user") << u"github.com:octo/widgets.git"_s << repo;
        QTest::newRow("https") << u"https://github.com/octo/widgets"_s << repo;
        QTest::newRow("https .git") << u"https://github.com/octo/widgets.git"_s << repo;
        QTest::newRow("https slash") << u"https://github.com/octo/widgets/"_s << repo;
        QTest::newRow("ssh") << u"ssh://git@github.com/octo/widgets.git"_s << repo;
        QTest::newRow("ssh port") << u"ssh://git@ghe.example.com:22/octo/widgets.git"_s << repo;
        QTest::newRow("git") << u"git://github.com/octo/widgets.git"_s << repo;
        QTest::newRow("user and token")
            << u"https://user:ghp_s3cret@ghe.example.com/octo/widgets.git"_s << repo;
        QTest::newRow("token only") << u"https://ghp_s3cret@github.com/octo/widgets"_s << repo;
        QTest::newRow("x-access-token")
            << u"https://x-access-token:ghs_s3cret@github.com/octo/widgets.git"_s << repo;
        QTest::newRow("dots and spaces around")
            << u"  https://github.com/octo/my.repo_x-2.git\n"_s << u"octo/my.repo_x-2"_s;

        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("words") << u"not a url"_s << QString();
        QTest::newRow("absolute path") << u"/srv/git/octo/widgets.git"_s << QString();
        QTest::newRow("relative path") << u"../widgets"_s << QString();
        QTest::newRow("relative two parts") << u"octo/widgets"_s << QString();
        QTest::newRow("file url") << u"file:///srv/git/octo/widgets.git"_s << QString();
        QTest::newRow("windows drive") << u"C:/src/widgets"_s << QString();
        QTest::newRow("windows backslashes") << u"C:\\src\\widgets"_s << QString();
        QTest::newRow("subgroup") << u"https://gitlab.com/group/sub/widgets.git"_s << QString();
        QTest::newRow("owner only") << u"https://github.com/octo"_s << QString();
        QTest::newRow("host only") << u"https://github.com/"_s << QString();
        QTest::newRow("query") << u"https://github.com/octo/widgets?tab=readme"_s << QString();
        QTest::newRow("ftp") << u"ftp://github.com/octo/widgets"_s << QString();
        QTest::newRow("scp deeper") << u"git@github.com:octo/widgets/extra.git"_s << QString();
        QTest::newRow("token but no repo")
            << u"https://user:ghp_s3cret@github.com/octo"_s << QString();
    }

    void repositoryFromRemoteUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        const std::optional<QString> repository = GitHubClient::repositoryFromRemoteUrl(url);
        if (expected.isEmpty()) {
            QCOMPARE(repository, std::nullopt);
            return;
        }
        QCOMPARE(repository, std::optional<QString>(expected));
        QVERIFY(!repository->contains("s3cret"_L1));
    }

    void tokenFromPrefersSettingsOverTheEnvironment()
    {
        const QByteArray saved = qgetenv("GITHUB_TOKEN");
        const bool hadToken = qEnvironmentVariableIsSet("GITHUB_TOKEN");
        qputenv("GITHUB_TOKEN", "ghp_fromEnvironment");
        QCOMPARE(GitHubClient::tokenFrom(u"ghp_fromSettings"_s), u"ghp_fromSettings"_s);
        QCOMPARE(GitHubClient::tokenFrom(QString()), u"ghp_fromEnvironment"_s);
        QCOMPARE(GitHubClient::tokenFrom(u"  "_s), u"ghp_fromEnvironment"_s);
        qunsetenv("GITHUB_TOKEN");
        QCOMPARE(GitHubClient::tokenFrom(QString()), QString());
        if (hadToken)
            qputenv("GITHUB_TOKEN", saved);
    }
};

QTEST_GUILESS_MAIN(TestGitHub)
#include "tst_github.moc"
