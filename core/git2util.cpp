// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/git2util.h"

#include "core/gitrepository.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace Core::Git2 {

Error gitError(const QString &what)
{
    const git_error *error = git_error_last();
    const QString detail = error && error->message ? QString::fromUtf8(error->message)
                                                   : u"unknown error"_s;
    return Error{ErrorCode::Internal, u"%1: %2"_s.arg(what, detail), {}};
}

Result<Repository> open(const QString &path)
{
    GitRepository::ensureInitialised();
    git_repository *raw = nullptr;
    if (git_repository_open_ext(&raw,
                                QFile::encodeName(path).constData(),
                                GIT_REPOSITORY_OPEN_NO_SEARCH,
                                nullptr)
        != 0)
        return fail(gitError(u"cannot open the git repository at '%1'"_s.arg(path)));
    return Repository(raw);
}

QString oidString(const git_oid *oid)
{
    char text[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(text, sizeof(text), oid);
    return QString::fromLatin1(text);
}

Result<git_oid> parseOid(const QString &sha, const QString &field)
{
    git_oid oid;
    if (sha.size() != GIT_OID_HEXSZ || git_oid_fromstr(&oid, sha.toLatin1().constData()) != 0)
        return fail(Error::validation(field, u"'%1' is not a commit id"_s.arg(sha)));
    return oid;
}

Result<Signature> signatureFor(git_repository *repo)
{
    git_signature *raw = nullptr;
    if (git_signature_default(&raw, repo) == 0)
        return Signature(raw);
    if (git_signature_now(&raw, "Forgedesk", "forgedesk@localhost") != 0)
        return fail(gitError(u"cannot make a commit signature"_s));
    return Signature(raw);
}

Result<Commit> commitOf(git_repository *repo, const QString &sha, const QString &field)
{
    auto oid = parseOid(sha, field);
    if (!oid)
        return fail(oid.error());
    git_commit *commit = nullptr;
    if (git_commit_lookup(&commit, repo, &*oid) != 0)
        return fail(gitError(u"commit %1 not found"_s.arg(sha)));
    return Commit(commit);
}

Result<Tree> treeOf(git_repository *repo, const QString &commitSha, const QString &field)
{
    auto commit = commitOf(repo, commitSha, field);
    if (!commit)
        return fail(commit.error());
    git_tree *tree = nullptr;
    if (git_commit_tree(&tree, commit->get()) != 0)
        return fail(gitError(u"cannot read the tree of %1"_s.arg(commitSha)));
    return Tree(tree);
}

Result<git_oid> branchTip(git_repository *repo, const QString &branch, const QString &field)
{
    git_reference *ref = nullptr;
    if (git_branch_lookup(&ref, repo, branch.toUtf8().constData(), GIT_BRANCH_LOCAL) != 0)
        return fail(Error{ErrorCode::NotFound,
                          u"There is no branch '%1'"_s.arg(branch),
                          QJsonObject{{u"field"_s, field}, {u"branch"_s, branch}}});
    Reference owned(ref);
    git_reference *resolved = nullptr;
    if (git_reference_resolve(&resolved, ref) != 0)
        return fail(gitError(u"cannot resolve branch '%1'"_s.arg(branch)));
    Reference ownedResolved(resolved);
    return *git_reference_target(resolved);
}

} // namespace Core::Git2
