// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>

#include <optional>

class QTcpServer;
class QTcpSocket;

namespace Test {

/// One request as the fake received it.
struct FakeGitHubRequest
{
    QByteArray method;
    QByteArray path;                       ///< As sent, with the query and any prefix.
    QHash<QByteArray, QByteArray> headers; ///< Lower-case names.
    QByteArray body;
};

/// A loopback stand-in for the few GitHub REST endpoints Core::GitHubClient uses: create, get
/// and list pull requests of "owner/repo", kept in memory. It answers the way GitHub does
/// (statuses, JSON shapes, messages), so the client is tested against real HTTP on 127.0.0.1.
class FakeGitHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeGitHub)

public:
    /// pathPrefix (e.g. "/api/v3") emulates GitHub Enterprise, whose API lives below one.
    explicit FakeGitHub(QString expectedToken, QString pathPrefix = {}, QObject *parent = nullptr);
    ~FakeGitHub() override;

    /// Listens on 127.0.0.1 on a free port.
    [[nodiscard]] bool listen();
    [[nodiscard]] quint16 port() const;
    /// "http://127.0.0.1:<port><prefix>", what GitHubConfig::apiBase should be.
    [[nodiscard]] QString baseUrl() const;

    /// Marks a pull request merged as GitHub does: closed, merged_at set, merge_commit_sha.
    void setMerged(const QString &ownerRepo, int number, const QString &mergeCommitSha);
    void setClosed(const QString &ownerRepo, int number);
    /// When false, requests are read and recorded but never answered (to test timeouts).
    void setAnswering(bool answering);
    /// Answers every request with status and {"message": message} until cleared with 0;
    /// rateLimited adds GitHub's "X-RateLimit-Remaining: 0".
    void setFailure(int status, const QString &message = {}, bool rateLimited = false);

    [[nodiscard]] QList<FakeGitHubRequest> requests() const { return m_requests; }
    /// The pull request as the API would show it, if it exists.
    [[nodiscard]] std::optional<QJsonObject> pullRequest(const QString &ownerRepo, int number) const;

private:
    struct Pull
    {
        int number = 0;
        QString title;
        QString body;
        QString head;
        QString base;
        bool draft = false;
        bool closed = false;
        bool merged = false;
        QString mergeCommitSha;
        QDateTime createdAt;
        QDateTime closedAt;
        QDateTime mergedAt;
    };
    struct Answer
    {
        int status = 200;
        QByteArray body;
        bool rateLimited = false;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    Answer handle(const FakeGitHubRequest &request);
    Answer createPull(const QString &ownerRepo, const QByteArray &body);
    Answer listPulls(const QString &ownerRepo, const QByteArray &query) const;
    QJsonObject toJson(const QString &ownerRepo, const Pull &pull, bool full) const;
    Pull *find(const QString &ownerRepo, int number);

    QString m_expectedToken;
    QString m_prefix;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QMap<QString, QList<Pull>> m_pulls; ///< By "owner/repo", in creation order.
    QList<FakeGitHubRequest> m_requests;
    bool m_answering = true;
    std::optional<Answer> m_failure;
};

} // namespace Test
