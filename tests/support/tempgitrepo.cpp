// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "tests/support/tempgitrepo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <git2.h>

namespace Test {
namespace {

struct Libgit2
{
    Libgit2() { git_libgit2_init(); }
};

bool commitAll(git_repository *repo, const QString &message)
{
    git_index *index = nullptr;
    if (git_repository_index(&index, repo) != 0)
        return false;
    bool ok = git_index_add_all(index, nullptr, 0, nullptr, nullptr) == 0
              && git_index_write(index) == 0;
    git_oid treeId;
    ok = ok && git_index_write_tree(&treeId, index) == 0;
    git_index_free(index);
    if (!ok)
        return false;
    git_tree *tree = nullptr;
    if (git_tree_lookup(&tree, repo, &treeId) != 0)
        return false;
    git_signature *signature = nullptr;
    git_signature_now(&signature, "Forgedesk Tests", "tests@forgedesk.invalid");
    git_commit *parent = nullptr;
    git_oid parentId;
    const bool hasParent = git_reference_name_to_id(&parentId, repo, "HEAD") == 0
                           && git_commit_lookup(&parent, repo, &parentId) == 0;
    const git_commit *parents[] = {parent};
    git_oid commitId;
    const QByteArray text = message.toUtf8();
    ok = git_commit_create(&commitId,
                           repo,
                           "HEAD",
                           signature,
                           signature,
                           nullptr,
                           text.constData(),
                           tree,
                           hasParent ? 1 : 0,
                           parents)
         == 0;
    git_commit_free(parent);
    git_signature_free(signature);
    git_tree_free(tree);
    return ok;
}

} // namespace

TempGitRepo::TempGitRepo(const QString &branch)
{
    static Libgit2 libgit2;
    if (!m_dir.isValid())
        return;
    m_path = QFileInfo(m_dir.path()).canonicalFilePath();
    git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    const QByteArray head = branch.toUtf8();
    options.initial_head = head.constData();
    options.flags = GIT_REPOSITORY_INIT_MKPATH;
    git_repository *repo = nullptr;
    if (git_repository_init_ext(&repo, QFile::encodeName(m_path).constData(), &options) != 0)
        return;
    git_repository_free(repo);
    m_valid = commitFile(QStringLiteral("README.md"),
                         "# test repository\n",
                         QStringLiteral("Initial commit"));
}

bool TempGitRepo::createBranch(const QString &name)
{
    git_repository *repo = nullptr;
    if (git_repository_open(&repo, QFile::encodeName(m_path).constData()) != 0)
        return false;
    git_oid headId;
    git_commit *head = nullptr;
    git_reference *branch = nullptr;
    const bool ok = git_reference_name_to_id(&headId, repo, "HEAD") == 0
                    && git_commit_lookup(&head, repo, &headId) == 0
                    && git_branch_create(&branch, repo, name.toUtf8().constData(), head, 0) == 0;
    git_reference_free(branch);
    git_commit_free(head);
    git_repository_free(repo);
    return ok;
}

bool TempGitRepo::commitFile(const QString &relativePath,
                             const QByteArray &content,
                             const QString &message)
{
    const QString file = m_path + QLatin1Char('/') + relativePath;
    QDir().mkpath(QFileInfo(file).absolutePath());
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(content) != content.size())
        return false;
    out.close();
    git_repository *repo = nullptr;
    if (git_repository_open(&repo, QFile::encodeName(m_path).constData()) != 0)
        return false;
    const bool ok = commitAll(repo, message);
    git_repository_free(repo);
    return ok;
}

} // namespace Test
