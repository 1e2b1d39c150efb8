// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/future.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QUrl;

namespace Core {

/// Where GitHub is and how to authenticate; passed per call so a settings change needs no reset.
struct GitHubConfig
{
    /// github.com's API, or a GitHub Enterprise one such as https://ghe.example.com/api/v3.
    QString apiBase = QStringLiteral("https://api.github.com");
    QString token;
};

struct NewPullRequest
{
    QString title;
    QString body;
    QString head; ///< The branch with the changes ("branch", or "owner:branch" from a fork).
    QString base; ///< The branch to merge into.
    bool draft = false;
};

struct PullRequest
{
    int number = 0;
    QString url;    ///< The page a person opens (html_url).
    QString apiUrl; ///< The API resource (url).
    QString state;  ///< "open", "closed" or "merged"; a merged pull request is also closed.
    bool draft = false;
    /// Only once merged: GitHub fills merge_commit_sha with a throw-away test merge before that.
    std::optional<QString> mergeCommitSha;
    QString headBranch;
    QString baseBranch;
    QString title;
    QDateTime createdAt;
    std::optional<QDateTime> mergedAt;
};

/// A small GitHub REST client: pull requests only. Lives on the main thread; every call is an
/// asynchronous request whose Future resolves there. Errors never contain the token.
class GitHubClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GitHubClient)

public:
    static constexpr int defaultTimeoutMs = 30000;

    explicit GitHubClient(QObject *parent = nullptr);
    /// Pending calls resolve with Unavailable.
    ~GitHubClient() override;

    [[nodiscard]] Future<Result<PullRequest>> createPullRequest(const GitHubConfig &config,
                                                                const QString &ownerRepo,
                                                                const NewPullRequest &pullRequest);
    [[nodiscard]] Future<Result<PullRequest>> pullRequest(const GitHubConfig &config,
                                                          const QString &ownerRepo,
                                                          int number);
    /// The open (else most recent) pull request whose head is branch in ownerRepo, or NotFound.
    [[nodiscard]] Future<Result<PullRequest>> pullRequestForBranch(const GitHubConfig &config,
                                                                   const QString &ownerRepo,
                                                                   const QString &branch);

    /// "owner/repo" from a remote URL (git@github.com:o/r.git, https://github.com/o/r(.git),
    /// ssh://git@host:22/o/r.git, https://user:token@ghe.example.com/o/r.git…); nullopt for
    /// anything else (local paths, file://, deeper paths such as GitLab subgroups).
    [[nodiscard]] static std::optional<QString> repositoryFromRemoteUrl(const QString &url);
    /// The token from settings if non-empty, else the GITHUB_TOKEN environment variable.
    [[nodiscard]] static QString tokenFrom(const QString &settingsToken);

    /// Gives up on a request that transfers nothing for ms milliseconds (a transfer timeout: a
    /// slow but steady answer is not cut off).
    void setTimeout(int ms);
    [[nodiscard]] int timeout() const { return m_timeoutMs; }

private:
    /// The body of a 2xx answer, or the error GitHub's answer (or silence) amounts to. action
    /// ("creating a pull request in o/r") and notFound complete the error messages.
    Future<Result<QByteArray>> send(const GitHubConfig &config,
                                    const QByteArray &verb,
                                    const QUrl &url,
                                    const QByteArray &body,
                                    const QString &action,
                                    const QString &notFound);
    void finish(QNetworkReply *reply);

    /// What a reply is waiting to resolve, and what its errors should say.
    struct Pending
    {
        Promise<Result<QByteArray>> promise;
        QString token; ///< Scrubbed from every message, whatever echoes it.
        QString action;
        QString notFound;
        int timeoutMs = 0;
    };

    QNetworkAccessManager *m_manager = nullptr;
    QHash<QNetworkReply *, Pending> m_pending;
    int m_timeoutMs = defaultTimeoutMs;
};

} // namespace Core
