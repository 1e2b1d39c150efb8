// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/gitrepository.h"

#include "core/logging.h"

#include <QDir>
#include <QFileInfo>

#include <git2.h>

#include <memory>
#include <mutex>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

struct RepositoryDeleter
{
    void operator()(git_repository *repo) const { git_repository_free(repo); }
};
struct ReferenceDeleter
{
    void operator()(git_reference *ref) const { git_reference_free(ref); }
};
struct BranchIteratorDeleter
{
    void operator()(git_branch_iterator *it) const { git_branch_iterator_free(it); }
};
using RepositoryPtr = std::unique_ptr<git_repository, RepositoryDeleter>;
using ReferencePtr = std::unique_ptr<git_reference, ReferenceDeleter>;

QString lastGitError()
{
    const git_error *error = git_error_last();
    return error && error->message ? QString::fromUtf8(error->message) : u"unknown libgit2 error"_s;
}

QString withoutTrailingSlash(QString path)
{
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    return path;
}

QString branchFromRef(const char *refName)
{
    const QString name = QString::fromUtf8(refName);
    return name.startsWith("refs/heads/"_L1) ? name.mid(11) : QString();
}

} // namespace

void GitRepository::ensureInitialised()
{
    static std::once_flag once;
    std::call_once(once, [] { git_libgit2_init(); });
}

Result<RepositoryInfo> GitRepository::inspect(const QString &path, const QString &field)
{
    ensureInitialised();
    if (path.isEmpty())
        return fail(Error::validation(field, u"is required"_s));
    if (!QDir::isAbsolutePath(path))
        return fail(Error::validation(field, u"must be an absolute path, got '%1'"_s.arg(path)));
    const QFileInfo info(path);
    if (!info.exists())
        return fail(Error::validation(field, u"'%1' does not exist"_s.arg(path)));
    if (!info.isDir())
        return fail(Error::validation(field, u"'%1' is not a directory"_s.arg(path)));
    const QString canonical = info.canonicalFilePath();

    git_repository *raw = nullptr;
    const QByteArray nativePath = QFile::encodeName(canonical);
    if (git_repository_open_ext(&raw, nativePath.constData(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr)
        != 0) {
        // Tell a subdirectory of a repository apart from no repository at all.
        git_buf found = GIT_BUF_INIT;
        QString hint;
        if (git_repository_discover(&found, nativePath.constData(), 0, nullptr) == 0) {
            const QString gitDir = withoutTrailingSlash(QString::fromUtf8(found.ptr));
            hint = u"; it lies inside the repository at '%1'"_s.arg(
                gitDir.endsWith("/.git"_L1) ? gitDir.chopped(5) : gitDir);
        }
        git_buf_dispose(&found);
        return fail(
            Error::validation(field,
                              u"'%1' is not the top level of a git repository%2"_s.arg(path, hint)));
    }
    RepositoryPtr repo(raw);
    if (git_repository_is_bare(repo.get()))
        return fail(
            Error::validation(field,
                              u"'%1' is a bare repository; it has no working tree"_s.arg(path)));
    if (git_repository_is_worktree(repo.get())) {
        const QString common = withoutTrailingSlash(
            QString::fromUtf8(git_repository_commondir(repo.get())));
        return fail(
            Error::validation(field,
                              u"'%1' is a linked worktree of '%2'; use the main repository"_s
                                  .arg(path,
                                       common.endsWith("/.git"_L1) ? common.chopped(5) : common)));
    }

    RepositoryInfo result;
    result.topLevel = QFileInfo(withoutTrailingSlash(
                                    QString::fromUtf8(git_repository_workdir(repo.get()))))
                          .canonicalFilePath();
    if (result.topLevel != canonical)
        return fail(Error::validation(field,
                                      u"'%1' is not the top level of its repository ('%2')"_s
                                          .arg(path, result.topLevel)));

    git_reference *rawHead = nullptr;
    if (git_reference_lookup(&rawHead, repo.get(), "HEAD") == 0) {
        ReferencePtr head(rawHead);
        if (git_reference_type(head.get()) == GIT_REFERENCE_SYMBOLIC)
            result.currentBranch = branchFromRef(git_reference_symbolic_target(head.get()));
    }
    result.headUnborn = git_repository_head_unborn(repo.get()) == 1;

    git_branch_iterator *rawIterator = nullptr;
    if (git_branch_iterator_new(&rawIterator, repo.get(), GIT_BRANCH_LOCAL) == 0) {
        std::unique_ptr<git_branch_iterator, BranchIteratorDeleter> iterator(rawIterator);
        git_reference *branch = nullptr;
        git_branch_t type;
        while (git_branch_next(&branch, &type, iterator.get()) == 0) {
            ReferencePtr owned(branch);
            const char *name = nullptr;
            if (git_branch_name(&name, owned.get()) == 0)
                result.localBranches.append(QString::fromUtf8(name));
        }
    } else {
        qCWarning(lcGit) << "listing branches of" << canonical << "failed:" << lastGitError();
    }
    return result;
}

} // namespace Core
