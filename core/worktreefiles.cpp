// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/worktreefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Core {
namespace {

Error invalid(const QString &reason)
{
    return Error::validation(u"path"_s, reason);
}

/// ".git", ".GIT", ".git." and ".git " all name git's own entry on some file system.
bool isGitName(QStringView segment)
{
    while (segment.endsWith(u'.') || segment.endsWith(u' '))
        segment.chop(1);
    return segment.compare(u".git", Qt::CaseInsensitive) == 0;
}

/// A percent escape of '.', '/', '\', NUL or '%': left over from a second encoding.
bool hasEncodedSeparator(const QString &path)
{
    static constexpr QStringView escapes[] = {u"2e", u"2f", u"5c", u"00", u"25"};
    for (qsizetype i = path.indexOf(u'%'); i >= 0; i = path.indexOf(u'%', i + 1)) {
        const QStringView hex = QStringView(path).mid(i + 1, 2);
        for (const QStringView escape : escapes) {
            if (hex.compare(escape, Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

bool isDriveLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

/// Path is root or below it; both are clean absolute paths.
bool isInside(const QString &root, const QString &path)
{
    if (path == root)
        return true;
    const QString prefix = root.endsWith(u'/') ? root : QString(root + u'/');
    return path.startsWith(prefix);
}

QString join(const QString &directory, const QString &name)
{
    if (directory.endsWith(u'/'))
        return directory + name;
    return directory + u'/' + name;
}

/// The path as segments, or why it is refused. The checks are on the text alone.
Result<QStringList> segmentsOf(const QString &relativePath)
{
    if (relativePath.isEmpty())
        return fail(invalid(u"must not be empty"_s));
    if (relativePath.contains(QChar(u'\0')))
        return fail(invalid(u"must not contain NUL bytes"_s));
    // Concatenated: arg() would take the escapes in the message for its own placeholders.
    if (hasEncodedSeparator(relativePath))
        return fail(invalid(u"'"_s + relativePath
                            + u"' is percent-encoded twice (%2e, %2f, %5c, %00 or %25 after "
                              "decoding); send it encoded once"_s));
    if (relativePath.startsWith(u'/') || relativePath.startsWith(u'\\')
        || (relativePath.size() >= 2 && isDriveLetter(relativePath.at(0))
            && relativePath.at(1) == u':'))
        return fail(invalid(u"'%1' must be relative to the worktree"_s.arg(relativePath)));

    QString normalised = relativePath;
    normalised.replace(u'\\', u'/');
    QStringList segments;
    for (const QString &segment : normalised.split(u'/', Qt::SkipEmptyParts)) {
        if (segment == "."_L1)
            continue;
        if (segment == ".."_L1)
            return fail(invalid(u"'%1' must not contain '..'"_s.arg(relativePath)));
        if (isGitName(segment))
            return fail(invalid(u"'%1' is inside git's own files (.git)"_s.arg(relativePath)));
        segments.append(segment);
    }
    if (segments.isEmpty())
        return fail(invalid(u"'%1' is the worktree itself, not a file"_s.arg(relativePath)));
    return segments;
}

struct Resolved
{
    QString root;            ///< The canonical worktree root.
    QStringList directories; ///< The canonical parent directory, relative to root.
    QString name;            ///< The last component, as named.
    QString display;         ///< The normalised relative path, for messages.

    QString path() const
    {
        QString result = root;
        for (const QString &directory : directories)
            result = join(result, directory);
        return join(result, name);
    }
};

Result<Resolved> check(const QString &worktreeRoot,
                       const QString &relativePath,
                       const QString &directoryReason)
{
    auto segments = segmentsOf(relativePath);
    if (!segments)
        return fail(segments.error());
    const QString root = worktreeRoot.isEmpty() ? QString()
                                                : QFileInfo(worktreeRoot).canonicalFilePath();
    if (root.isEmpty() || !QFileInfo(root).isDir())
        return fail(Error::notFound(u"worktree"_s, worktreeRoot));

    Resolved resolved{root, {}, segments->takeLast(), {}};
    resolved.display = (*segments + QStringList{resolved.name}).join(u'/');
    const QString outside = u"'%1' leads outside the worktree through a symbolic link"_s.arg(
        resolved.display);

    // One component at a time, so a path below a link to outside is refused even when the rest
    // does not exist: answering "not found" there would tell what exists outside.
    QString current = root;
    for (const QString &segment : std::as_const(*segments)) {
        const QFileInfo info(join(current, segment));
        if (info.isSymLink()) {
            const QString target = info.canonicalFilePath();
            if (target.isEmpty()) {
                if (!isInside(root, QDir::cleanPath(info.symLinkTarget())))
                    return fail(invalid(outside));
                return fail(Error::notFound(u"file"_s, resolved.display));
            }
            if (!isInside(root, target))
                return fail(invalid(outside));
            current = target;
        } else {
            current = info.filePath();
        }
        if (!info.isDir())
            return fail(Error::notFound(u"file"_s, resolved.display));
    }
    resolved.directories = current.mid(root.size()).split(u'/', Qt::SkipEmptyParts);
    // A link inside the worktree may still lead into its .git directory.
    for (const QString &directory : std::as_const(resolved.directories)) {
        if (isGitName(directory))
            return fail(invalid(u"'%1' is inside git's own files (.git)"_s.arg(resolved.display)));
    }

    const QFileInfo info(resolved.path());
    if (info.isSymLink()) {
        // Only the link is ever touched, but a link to outside is still refused: whoever uses
        // resolve() to read would follow it.
        QString target = info.canonicalFilePath();
        if (target.isEmpty())
            target = QDir::cleanPath(info.symLinkTarget());
        if (!isInside(root, target))
            return fail(invalid(
                u"'%1' is a symbolic link to outside the worktree"_s.arg(resolved.display)));
        return resolved;
    }
    if (!info.exists())
        return fail(Error::notFound(u"file"_s, resolved.display));
    if (info.isDir())
        return fail(invalid(u"'%1' %2"_s.arg(resolved.display, directoryReason)));
    return resolved;
}

#ifdef Q_OS_UNIX
struct FileDescriptor
{
    int fd = -1;
    explicit FileDescriptor(int value)
        : fd(value)
    {}
    ~FileDescriptor()
    {
        if (fd >= 0)
            ::close(fd);
    }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;
};

Error unlinkError(const Resolved &resolved, int error, const QString &directoryReason)
{
    const QString reason = QString::fromLocal8Bit(std::strerror(error));
    switch (error) {
    case ENOENT: return Error::notFound(u"file"_s, resolved.display);
    case EISDIR: return invalid(u"'%1' %2"_s.arg(resolved.display, directoryReason));
    case ELOOP:
    case ENOTDIR:
        return Error::conflict(u"'%1' changed while it was being deleted; try again"_s.arg(
                                   resolved.display),
                               QJsonObject{{u"path"_s, resolved.display}});
    case EACCES:
    case EPERM:
    case EROFS:
    case EBUSY:
        return {ErrorCode::Unprocessable,
                u"cannot delete '%1': %2"_s.arg(resolved.display, reason),
                QJsonObject{{u"path"_s, resolved.display}}};
    default: return Error::internal(u"cannot delete '%1': %2"_s.arg(resolved.display, reason));
    }
}
#endif

} // namespace

Result<QString> WorktreeFiles::resolve(const QString &worktreeRoot, const QString &relativePath)
{
    auto resolved = check(worktreeRoot, relativePath, u"is a directory, not a file"_s);
    if (!resolved)
        return fail(resolved.error());
    return resolved->path();
}

Result<void> WorktreeFiles::remove(const QString &worktreeRoot, const QString &relativePath)
{
    const QString directoryReason = u"is a directory; only files can be deleted"_s;
    auto resolved = check(worktreeRoot, relativePath, directoryReason);
    if (!resolved)
        return fail(resolved.error());
#ifdef Q_OS_UNIX
    // The checks above went by path; an agent could swap a checked directory for a link before
    // the delete. Walking down with O_NOFOLLOW pins each directory. The last component needs no
    // pinning: unlinkat() removes a link, never what it points to, and refuses directories.
    FileDescriptor directory(
        ::open(QFile::encodeName(resolved->root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (directory.fd < 0)
        return fail(Error::notFound(u"worktree"_s, worktreeRoot));
    for (const QString &name : std::as_const(resolved->directories)) {
        const int next = ::openat(directory.fd,
                                  QFile::encodeName(name).constData(),
                                  O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0)
            return fail(unlinkError(*resolved, errno, directoryReason));
        ::close(directory.fd);
        directory.fd = next;
    }
    if (::unlinkat(directory.fd, QFile::encodeName(resolved->name).constData(), 0) != 0)
        return fail(unlinkError(*resolved, errno, directoryReason));
#else
    QFile file(resolved->path());
    if (!file.remove())
        return fail(Error::internal(
            u"cannot delete '%1': %2"_s.arg(resolved->display, file.errorString())));
#endif
    return {};
}

} // namespace Core
