// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/gitdiff.h"

#include "core/git2util.h"
#include "core/gitprocess.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QVarLengthArray>

#include <algorithm>
#include <climits>
#include <cstring>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Core {
namespace {

// ---------------------------------------------------------------------------------------------
// Reading git's unified output. Two passes over the bytes: scan() finds each file's section, its
// headers and its counts without making a QString per line; materialize() builds the hunks of
// the files that fit the limits. memchr finds the line ends.

inline qsizetype lineEnd(const char *data, qsizetype limit, qsizetype at)
{
    const void *newline = std::memchr(data + at, '\n', size_t(limit - at));
    return newline ? static_cast<const char *>(newline) - data : limit;
}

inline qsizetype nextLine(qsizetype end, qsizetype limit)
{
    return end < limit ? end + 1 : limit;
}

constexpr QByteArrayView diffGitPrefix("diff --git ");

/// git's C-style quoting undone: text starts at the opening quote. consumed gets the length up
/// to and including the closing quote.
QByteArray unquote(QByteArrayView text, qsizetype *consumed = nullptr)
{
    QByteArray out;
    out.reserve(text.size());
    qsizetype i = 1;
    while (i < text.size() && text[i] != '"') {
        char c = text[i++];
        if (c != '\\' || i >= text.size()) {
            out.append(c);
            continue;
        }
        c = text[i++];
        switch (c) {
        case 'a': out.append('\a'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'v': out.append('\v'); break;
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7': {
            int value = c - '0';
            for (int digits = 1; digits < 3 && i < text.size() && text[i] >= '0' && text[i] <= '7';
                 ++digits)
                value = value * 8 + (text[i++] - '0');
            out.append(char(value));
            break;
        }
        default: out.append(c); // \" and \\ .
        }
    }
    if (consumed)
        *consumed = std::min(i + 1, text.size());
    return out;
}

QByteArray stripPrefix(QByteArray path)
{
    if (path.size() > 2 && (path.startsWith("a/") || path.startsWith("b/")))
        path.remove(0, 2);
    return path;
}

/// The name on a "--- " or "+++ " line; null for /dev/null. git appends a tab to names with a
/// space, and quotes names with a tab of their own, so one trailing tab is never part of a name.
QByteArray markerPath(QByteArrayView text)
{
    if (text.startsWith('"'))
        return stripPrefix(unquote(text));
    if (text.endsWith('\t'))
        text.chop(1);
    if (text == "/dev/null")
        return {};
    return stripPrefix(text.toByteArray());
}

/// The two names on a "diff --git " line, as git's own apply.c reads them. Unquoted names with
/// spaces are ambiguous; they are the same name twice unless the file was renamed or copied, and
/// then "rename from/to" lines follow and win.
void gitLineNames(QByteArrayView rest, QByteArray &oldName, QByteArray &newName)
{
    if (rest.startsWith('"')) {
        qsizetype used = 0;
        oldName = unquote(rest, &used);
        rest = rest.sliced(used);
        if (rest.startsWith(' '))
            rest = rest.sliced(1);
        newName = rest.startsWith('"') ? unquote(rest) : rest.toByteArray();
    } else if (const qsizetype quoted = rest.indexOf(" \""); quoted >= 0 && rest.endsWith('"')) {
        oldName = rest.first(quoted).toByteArray();
        newName = unquote(rest.sliced(quoted + 1));
    } else {
        const qsizetype half = (rest.size() - 1) / 2;
        if (rest.size() % 2 == 1 && half > 2 && rest[half] == ' '
            && rest.sliced(2, half - 2) == rest.sliced(half + 3)) {
            oldName = rest.first(half).toByteArray();
            newName = rest.sliced(half + 1).toByteArray();
        } else {
            const qsizetype split = rest.indexOf(" b/");
            oldName = (split >= 0 ? rest.first(split) : rest).toByteArray();
            newName = split >= 0 ? rest.sliced(split + 1).toByteArray() : oldName;
        }
    }
    oldName = stripPrefix(oldName);
    newName = stripPrefix(newName);
}

/// Parses "@@ -a[,b] +c[,d] @@…".
bool parseHunkHeader(const char *p, const char *end, int numbers[4])
{
    auto number = [&](int &out) {
        if (p >= end || *p < '0' || *p > '9')
            return false;
        qint64 value = 0;
        while (p < end && *p >= '0' && *p <= '9' && value < (1LL << 31))
            value = value * 10 + (*p++ - '0');
        out = int(std::min<qint64>(value, INT_MAX));
        return true;
    };
    auto expect = [&](const char *text, qsizetype size) {
        if (end - p < size || std::memcmp(p, text, size_t(size)) != 0)
            return false;
        p += size;
        return true;
    };
    if (!expect("@@ -", 4) || !number(numbers[0]))
        return false;
    numbers[1] = 1;
    if (p < end && *p == ',' && !(++p, number(numbers[1])))
        return false;
    if (!expect(" +", 2) || !number(numbers[2]))
        return false;
    numbers[3] = 1;
    if (p < end && *p == ',' && !(++p, number(numbers[3])))
        return false;
    return expect(" @@", 3);
}

/// Walks the hunks from pos (the first "@@" line) until the next "diff --git" line or limit,
/// which it returns. The line counts come from the hunk headers, so hunk lines that look like
/// file headers ("--- x", "+++ y", even "diff --git") are taken for what they are.
template<typename Visitor>
qsizetype walkHunks(const char *data, qsizetype pos, qsizetype limit, Visitor &visitor)
{
    while (pos < limit) {
        qsizetype end = lineEnd(data, limit, pos);
        int numbers[4];
        if (!parseHunkHeader(data + pos, data + end, numbers)) {
            if (QByteArrayView(data + pos, end - pos).startsWith(diffGitPrefix))
                return pos;
            pos = nextLine(end, limit); // Not part of any hunk (git apply skips such lines too).
            continue;
        }
        visitor.hunk(QByteArrayView(data + pos, end - pos), numbers);
        pos = nextLine(end, limit);
        int oldLeft = numbers[1];
        int newLeft = numbers[3];
        while (pos < limit) {
            end = lineEnd(data, limit, pos);
            // diff.suppressBlankEmpty prints an empty context line as an empty line.
            const char kind = end > pos ? data[pos] : ' ';
            const qsizetype content = end > pos ? pos + 1 : pos;
            if (kind == '\\') {
                visitor.noNewline();
            } else if (oldLeft == 0 && newLeft == 0) {
                break;
            } else if (kind == ' ' && oldLeft > 0 && newLeft > 0) {
                --oldLeft;
                --newLeft;
                visitor.line(DiffLine::Type::Context, data + content, data + end);
            } else if (kind == '-' && oldLeft > 0) {
                --oldLeft;
                visitor.line(DiffLine::Type::Delete, data + content, data + end);
            } else if (kind == '+' && newLeft > 0) {
                --newLeft;
                visitor.line(DiffLine::Type::Add, data + content, data + end);
            } else {
                break; // A truncated hunk: what follows is read afresh.
            }
            pos = nextLine(end, limit);
        }
    }
    return limit;
}

struct Counter
{
    int additions = 0;
    int deletions = 0;
    qint64 lines = 0;
    QVarLengthArray<int, 4> hunkSizes; ///< Lines per hunk, for building them without waste.

    void hunk(QByteArrayView, const int *) { hunkSizes.append(0); }
    void noNewline() {}
    void line(DiffLine::Type type, const char *, const char *)
    {
        ++lines;
        ++hunkSizes.last();
        additions += type == DiffLine::Type::Add;
        deletions += type == DiffLine::Type::Delete;
    }
};

struct Builder
{
    QList<DiffHunk> &hunks;
    const char *patch = nullptr; ///< Where DiffFile::patch will start.
    const QVarLengthArray<int, 4> &sizes;
    QList<DiffLine> *lines = nullptr;
    int oldLine = 0;
    int newLine = 0;

    void hunk(QByteArrayView header, const int *numbers)
    {
        DiffHunk &hunk = hunks.emplaceBack();
        hunk.oldStart = numbers[0];
        hunk.oldLines = numbers[1];
        hunk.newStart = numbers[2];
        hunk.newLines = numbers[3];
        hunk.header = QString::fromUtf8(header);
        hunk.lines.reserve(sizes.value(hunks.size() - 1));
        lines = &hunk.lines;
        oldLine = numbers[0];
        newLine = numbers[2];
    }
    void noNewline()
    {
        if (lines && !lines->isEmpty())
            lines->last().noNewline = true;
    }
    void line(DiffLine::Type type, const char *begin, const char *end)
    {
        DiffLine &out = lines->emplaceBack();
        out.type = type;
        if (type != DiffLine::Type::Add)
            out.oldLineNumber = oldLine++;
        if (type != DiffLine::Type::Delete)
            out.newLineNumber = newLine++;
        out.contentOffset = begin - patch;
        out.contentSize = end - begin;
    }
};

/// One file's part of a patch, before its hunks are built.
struct Section
{
    DiffFile file; ///< All but hunks and patch.
    const QByteArray *source = nullptr;
    qsizetype begin = 0;
    qsizetype hunksBegin = 0;
    qsizetype end = 0;
    qint64 lines = 0;
    QVarLengthArray<int, 4> hunkSizes;
    bool oversized = false; ///< An untracked file over the limits, rendered without its lines.
    bool pastTotal = false; ///< Oversized for DiffLimits::maxTotalBytes: later files are too.
};

bool startsWith(const char *begin, const char *end, QByteArrayView prefix)
{
    return end - begin >= prefix.size()
           && std::memcmp(begin, prefix.data(), size_t(prefix.size())) == 0;
}

QString modeText(QByteArrayView text)
{
    // Shared strings for the usual modes: two allocations less per file.
    static const QString regular = u"100644"_s;
    static const QString executable = u"100755"_s;
    static const QString symlink = u"120000"_s;
    static const QString gitlink = u"160000"_s;
    text = text.trimmed();
    if (text == "100644")
        return regular;
    if (text == "100755")
        return executable;
    if (text == "120000")
        return symlink;
    if (text == "160000")
        return gitlink;
    return QString::fromLatin1(text);
}

/// Splits patch into file sections with their headers and line counts.
void scan(const QByteArray &patch, std::vector<Section> &sections)
{
    const char *data = patch.constData();
    const qsizetype size = patch.size();
    // Files of a large diff are rarely under 500 bytes; growing the vector copied it repeatedly.
    sections.reserve(sections.size() + size_t(std::min<qsizetype>(size / 512, 50'000)));
    qsizetype pos = 0;
    while (pos < size && !startsWith(data + pos, data + lineEnd(data, size, pos), diffGitPrefix))
        pos = nextLine(lineEnd(data, size, pos), size);

    while (pos < size) {
        Section &section = sections.emplace_back();
        section.source = &patch;
        section.begin = pos;
        DiffFile &file = section.file;
        qsizetype end = lineEnd(data, size, pos);
        QByteArray gitOld, gitNew;
        gitLineNames(QByteArrayView(data + pos + diffGitPrefix.size(), data + end), gitOld, gitNew);
        QByteArray minus, plus, renameFrom, renameTo;
        bool hasMinus = false, hasPlus = false, added = false, deleted = false;
        bool renamed = false, copied = false;
        pos = nextLine(end, size);

        bool hunks = false;
        while (pos < size) {
            end = lineEnd(data, size, pos);
            const char *line = data + pos;
            const QByteArrayView view(line, end - pos);
            if (view.startsWith(diffGitPrefix))
                break;
            if (view.startsWith("@@ ")) {
                hunks = true;
                break;
            }
            if (view.startsWith("--- ")) {
                hasMinus = true;
                minus = markerPath(view.sliced(4));
            } else if (view.startsWith("+++ ")) {
                hasPlus = true;
                plus = markerPath(view.sliced(4));
            } else if (view.startsWith("index ")) {
                if (const qsizetype space = view.indexOf(' ', 6); space > 0)
                    file.oldMode = file.newMode = modeText(view.sliced(space + 1));
            } else if (view.startsWith("new file mode ")) {
                added = true;
                file.newMode = modeText(view.sliced(14));
            } else if (view.startsWith("deleted file mode ")) {
                deleted = true;
                file.oldMode = modeText(view.sliced(18));
            } else if (view.startsWith("old mode ")) {
                file.oldMode = modeText(view.sliced(9));
            } else if (view.startsWith("new mode ")) {
                file.newMode = modeText(view.sliced(9));
            } else if (view.startsWith("similarity index ")) {
                file.similarity = view.sliced(17).chopped(view.endsWith('%') ? 1 : 0).toInt();
            } else if (view.startsWith("rename from ") || view.startsWith("copy from ")) {
                const QByteArrayView name = view.sliced(view.indexOf(" from ") + 6);
                renameFrom = name.startsWith('"') ? unquote(name) : name.toByteArray();
                (view.startsWith("rename") ? renamed : copied) = true;
            } else if (view.startsWith("rename to ") || view.startsWith("copy to ")) {
                const QByteArrayView name = view.sliced(view.indexOf(" to ") + 4);
                renameTo = name.startsWith('"') ? unquote(name) : name.toByteArray();
            } else if (view.startsWith("Binary files ")) {
                file.binary = true;
            } else if (view.startsWith("GIT binary patch")) {
                file.binary = true;
                // base85 lines up to the next file; none of them can start with "diff --git ".
                pos = nextLine(end, size);
                while (pos < size
                       && !startsWith(data + pos, data + lineEnd(data, size, pos), diffGitPrefix))
                    pos = nextLine(lineEnd(data, size, pos), size);
                break;
            }
            pos = nextLine(end, size);
        }
        section.hunksBegin = pos;
        if (hunks) {
            Counter counter;
            pos = walkHunks(data, pos, size, counter);
            file.additions = counter.additions;
            file.deletions = counter.deletions;
            section.lines = counter.lines;
            section.hunkSizes = std::move(counter.hunkSizes);
        }
        section.end = pos;

        const QByteArray &oldName = renamed || copied             ? renameFrom
                                    : hasMinus && !minus.isNull() ? minus
                                                                  : gitOld;
        const QByteArray &newName = renamed || copied           ? renameTo
                                    : hasPlus && !plus.isNull() ? plus
                                                                : gitNew;
        if (renamed || copied) {
            file.status = renamed ? DiffFileStatus::Renamed : DiffFileStatus::Copied;
            file.oldPath = QString::fromUtf8(oldName);
        } else if (added || (hasMinus && minus.isNull())) {
            file.status = DiffFileStatus::Added;
        } else if (deleted || (hasPlus && plus.isNull())) {
            file.status = DiffFileStatus::Deleted;
        }
        file.path = QString::fromUtf8(file.status == DiffFileStatus::Deleted ? oldName : newName);
        if (file.status == DiffFileStatus::Added)
            file.oldMode.clear();
        else if (file.status == DiffFileStatus::Deleted)
            file.newMode.clear();
    }
}

/// Decides, file after file in output order, which ones are kept whole.
class Budget
{
public:
    explicit Budget(const DiffLimits &limits)
        : m_limits(limits)
    {}

    bool admits(const Section &section)
    {
        const qint64 bytes = section.end - section.begin;
        if (section.pastTotal)
            m_exhausted = true;
        if (section.oversized || section.lines > m_limits.maxFileLines
            || bytes > m_limits.maxFileBytes)
            return false;
        if (m_exhausted || m_used + bytes > m_limits.maxTotalBytes) {
            m_exhausted = true;
            return false;
        }
        m_used += bytes;
        return true;
    }

private:
    const DiffLimits &m_limits;
    qint64 m_used = 0;
    bool m_exhausted = false;
};

DiffFile materialize(Section &section, bool whole)
{
    DiffFile file = std::move(section.file);
    const char *data = section.source->constData();
    file.tooLarge = !whole;
    if (!whole) {
        file.patch = QByteArray(data + section.begin, section.hunksBegin - section.begin);
        return file;
    }
    file.patch = QByteArray(data + section.begin, section.end - section.begin);
    if (section.hunksBegin < section.end && !file.binary) {
        file.hunks.reserve(section.hunkSizes.size());
        Builder builder{file.hunks, data + section.begin, section.hunkSizes};
        walkHunks(data, section.hunksBegin, section.end, builder);
    }
    return file;
}

// ---------------------------------------------------------------------------------------------
// Running git.

GitProcess::Options readOnlyOptions()
{
    GitProcess::Options options;
    // Nothing may write to the repository: a GET changes nothing, and it would race the agent's
    // own git commands for index.lock.
    options.environment.insert(u"GIT_OPTIONAL_LOCKS"_s, u"0"_s);
    // `file` is a path, never a glob or magic pathspec.
    options.environment.insert(u"GIT_LITERAL_PATHSPECS"_s, u"1"_s);
    return options;
}

/// `git diff`, which against the worktree refreshes the index's stat data and writes it back,
/// GIT_OPTIONAL_LOCKS or not (git 2.39); diff.autoRefreshIndex=false is what stops it.
QStringList diffCommand()
{
    return {u"-c"_s, u"diff.autoRefreshIndex=false"_s, u"diff"_s};
}

/// `git diff` with everything the user's configuration could change in its output pinned down:
/// no colour, no external diff or textconv, the a/ b/ prefixes, plain submodule lines, paths
/// from the top, renames detected.
QStringList diffArguments(const QStringList &revisions, const QStringList &paths)
{
    QStringList arguments = diffCommand();
    arguments += {u"--no-color"_s,
                  u"--no-ext-diff"_s,
                  u"--no-textconv"_s,
                  u"-M"_s,
                  u"--src-prefix=a/"_s,
                  u"--dst-prefix=b/"_s,
                  u"--submodule=short"_s,
                  u"--no-relative"_s,
                  u"--end-of-options"_s};
    arguments += revisions;
    arguments += u"--"_s;
    arguments += paths;
    return arguments;
}

Error gitFailed(const QString &what, const GitOutput &output)
{
    return Error::internal(
        u"%1 failed (exit code %2): %3"_s.arg(what).arg(output.exitCode).arg(output.message()));
}

Error noWorktree(const QString &path, const QString &resource)
{
    return Error{ErrorCode::NotFound,
                 u"There is no git %1 at '%2'"_s.arg(resource, path),
                 QJsonObject{{u"resource"_s, resource}, {u"path"_s, path}}};
}

/// A validation error when sha is not a commit of the repository.
std::optional<Error> checkCommit(git_repository *repo, const QString &sha, const QString &field)
{
    if (Git2::commitOf(repo, sha, field))
        return std::nullopt;
    return Error::validation(field, u"'%1' is not a commit of this repository"_s.arg(sha));
}

bool matchesFilter(const QString &path, const QString &filter)
{
    return path == filter
           || (path.size() > filter.size() && path.startsWith(filter)
               && path[filter.size()] == u'/');
}

/// The other side of every rename that has one side under filter and the other not: a
/// pathspec of filter alone would see an addition or a deletion instead of the rename.
Result<QStringList> renamePartners(const QString &directory,
                                   const QStringList &revisions,
                                   const QString &filter)
{
    QStringList arguments = diffCommand();
    arguments += {u"-M"_s,
                  u"--name-status"_s,
                  u"-z"_s,
                  u"--diff-filter=R"_s,
                  u"--no-relative"_s,
                  u"--end-of-options"_s};
    arguments += revisions;
    arguments += u"--"_s;
    auto output = GitProcess::run(directory, arguments, readOnlyOptions());
    if (!output)
        return fail(output.error());
    if (!output->ok())
        return fail(gitFailed(u"git diff --name-status"_s, *output));
    const QList<QByteArray> fields = output->out.split('\0');
    QStringList partners;
    // "R<score>" NUL old NUL new NUL, repeated.
    for (qsizetype i = 0; i + 2 < fields.size(); i += 3) {
        const QString from = QString::fromUtf8(fields[i + 1]);
        const QString to = QString::fromUtf8(fields[i + 2]);
        const bool fromMatches = matchesFilter(from, filter);
        const bool toMatches = matchesFilter(to, filter);
        if (fromMatches != toMatches)
            partners.append(fromMatches ? to : from);
    }
    return partners;
}

/// Runs the diff for filter; when it shows additions or deletions that are one side of a
/// rename, runs it again with both sides so that the rename is seen.
Result<QByteArray> runDiff(const QString &directory,
                           const QStringList &revisions,
                           const QString &filter)
{
    const QStringList paths = filter.isEmpty() ? QStringList() : QStringList{filter};
    auto output = GitProcess::run(directory, diffArguments(revisions, paths), readOnlyOptions());
    if (!output)
        return fail(output.error());
    if (!output->ok())
        return fail(gitFailed(u"git diff"_s, *output));
    if (filter.isEmpty())
        return std::move(output->out);

    std::vector<Section> sections;
    scan(output->out, sections);
    const bool maybeRenamed = std::any_of(sections.cbegin(), sections.cend(), [](const Section &s) {
        return s.file.status == DiffFileStatus::Added || s.file.status == DiffFileStatus::Deleted;
    });
    if (!maybeRenamed)
        return std::move(output->out);
    auto partners = renamePartners(directory, revisions, filter);
    if (!partners)
        return fail(partners.error());
    if (partners->isEmpty())
        return std::move(output->out);
    auto again = GitProcess::run(directory,
                                 diffArguments(revisions, paths + *partners),
                                 readOnlyOptions());
    if (!again)
        return fail(again.error());
    if (!again->ok())
        return fail(gitFailed(u"git diff"_s, *again));
    return std::move(again->out);
}

Result<QString> checkFilter(const QString &file)
{
    QString filter = file;
    while (filter.endsWith(u'/'))
        filter.chop(1);
    if (filter.isEmpty())
        return QString();
    const QStringList parts = filter.split(u'/');
    if (filter.startsWith(u'/') || filter.contains(QChar(0)) || parts.contains(u".."_s)
        || parts.contains(u"."_s) || parts.contains(QString()))
        return fail(
            Error::validation(u"file"_s, u"'%1' is not a path inside the repository"_s.arg(file)));
    return filter;
}

// ---------------------------------------------------------------------------------------------
// Untracked files, rendered as `git add -N` followed by `git diff` would show them, without
// touching the index.

/// Quotes a path as git does with core.quotePath on.
QByteArray quotedName(QByteArrayView prefix, QByteArrayView path)
{
    const bool plain = std::all_of(path.begin(), path.end(), [](char c) {
        const auto u = uchar(c);
        return u >= 0x20 && u < 0x7f && c != '"' && c != '\\';
    });
    if (plain)
        return prefix.toByteArray() + path.toByteArray();
    QByteArray out = '"' + prefix.toByteArray();
    for (char c : path) {
        const auto u = uchar(c);
        const char *escape = nullptr;
        switch (c) {
        case '\a': escape = "\\a"; break;
        case '\b': escape = "\\b"; break;
        case '\t': escape = "\\t"; break;
        case '\n': escape = "\\n"; break;
        case '\v': escape = "\\v"; break;
        case '\f': escape = "\\f"; break;
        case '\r': escape = "\\r"; break;
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        default: break;
        }
        if (escape) {
            out.append(escape);
        } else if (u < 0x20 || u >= 0x7f) {
            const char octal[]
                = {'\\', char('0' + (u >> 6)), char('0' + ((u >> 3) & 7)), char('0' + (u & 7))};
            out.append(octal, 4);
        } else {
            out.append(c);
        }
    }
    out.append('"');
    return out;
}

bool readAll(int fd, QByteArray &out, qint64 size)
{
    out.resize(size);
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, out.data() + done, size_t(size - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    out.truncate(done); // The file may have shrunk meanwhile.
    return true;
}

/// An untracked file rendered without its lines.
struct Oversized
{
    int lines = -1; ///< -1: rendered whole
    bool pastTotal = false;
};

struct Untracked
{
    QByteArray patch;
    std::vector<Oversized> oversized; ///< One per rendered file.
    // The files' lines are dropped as soon as the limits are known to drop them, so that a
    // worktree with many large untracked files does not hold them all in memory.
    qint64 used = 0;
    bool exhausted = false;
};

/// git's test for binary content (xdiff's buffer_is_binary).
bool looksBinary(QByteArrayView content)
{
    return std::memchr(content.data(), 0, size_t(std::min<qsizetype>(content.size(), 8000)));
}

void renderUntracked(const QByteArray &root,
                     const QByteArray &path,
                     const DiffLimits &limits,
                     Untracked &out)
{
    const QByteArray full = root + '/' + path;
    struct stat info;
    if (::lstat(full.constData(), &info) != 0)
        return; // Gone since git listed it.
    QByteArray content;
    const char *mode = "100644";
    int oversizedLines = -1;
    bool binary = false;
    bool hashed = true;
    if (S_ISLNK(info.st_mode)) {
        mode = "120000";
        content.resize(qsizetype(info.st_size) + 1);
        const ssize_t n = ::readlink(full.constData(), content.data(), size_t(content.size()));
        if (n < 0)
            return;
        content.truncate(n);
    } else if (S_ISREG(info.st_mode)) {
        if (info.st_mode & S_IXUSR)
            mode = "100755";
        const int fd = ::open(full.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            return;
        if (info.st_size <= limits.maxFileBytes) {
            readAll(fd, content, info.st_size);
            binary = looksBinary(content);
        } else {
            // Too large to show: only its lines are counted, a chunk at a time.
            hashed = false;
            QByteArray chunk;
            qint64 lines = 0;
            char last = '\n';
            bool first = true;
            while (readAll(fd, chunk, 1 << 20), !chunk.isEmpty()) {
                if (first && looksBinary(chunk)) {
                    binary = true;
                    break;
                }
                first = false;
                lines += std::count(chunk.cbegin(), chunk.cend(), '\n');
                last = chunk.back();
            }
            oversizedLines = binary ? -1 : int(std::min<qint64>(lines + (last != '\n'), INT_MAX));
        }
        ::close(fd);
    } else {
        return; // A fifo or a socket: git does not track those.
    }

    QByteArray &patch = out.patch;
    const qsizetype begin = patch.size();
    const QByteArray oldName = quotedName("a/", path);
    const QByteArray newName = quotedName("b/", path);
    patch += "diff --git " + oldName + ' ' + newName + "\nnew file mode " + mode + '\n';
    if (hashed) {
        QCryptographicHash sha1(QCryptographicHash::Sha1);
        const QByteArray header = "blob " + QByteArray::number(content.size()) + '\0';
        sha1.addData(header);
        sha1.addData(content);
        patch += "index 0000000.." + sha1.result().toHex().left(7) + '\n';
    }
    out.oversized.push_back({oversizedLines, false});
    if (binary) {
        patch += "Binary files /dev/null and " + newName + " differ\n";
        return;
    }
    if (content.isEmpty() && oversizedLines < 0)
        return; // git shows an empty new file by its headers alone.
    const char *tab = path.contains(' ') ? "\t" : "";
    patch += "--- /dev/null\n+++ " + newName + tab + '\n';
    if (oversizedLines >= 0)
        return;
    const qsizetype headerEnd = patch.size();

    const qsizetype lines = std::count(content.cbegin(), content.cend(), '\n')
                            + (content.endsWith('\n') ? 0 : 1);
    patch += "@@ -0,0 +1";
    if (lines != 1)
        patch += ',' + QByteArray::number(lines);
    patch += " @@\n";
    patch.reserve(patch.size() + content.size() + lines + 32);
    const char *data = content.constData();
    const qsizetype size = content.size();
    for (qsizetype pos = 0; pos < size;) {
        const qsizetype end = lineEnd(data, size, pos);
        patch += '+';
        patch.append(data + pos, end - pos);
        patch += '\n';
        pos = end + 1;
    }
    if (!content.endsWith('\n'))
        patch += "\\ No newline at end of file\n";

    // What Budget will decide, decided now (its total includes the tracked files too, so when
    // this one is past the total, Budget finds it past as well).
    const qint64 bytes = patch.size() - begin;
    const bool fileTooLarge = lines > limits.maxFileLines || bytes > limits.maxFileBytes;
    const bool pastTotal = !fileTooLarge
                           && (out.exhausted || out.used + bytes > limits.maxTotalBytes);
    if (fileTooLarge || pastTotal) {
        patch.truncate(headerEnd);
        out.oversized.back() = {int(std::min<qsizetype>(lines, INT_MAX)), pastTotal};
        out.exhausted = out.exhausted || pastTotal;
    } else {
        out.used += bytes;
    }
}

Result<Untracked> untrackedFiles(const QString &worktreePath,
                                 const QString &filter,
                                 const DiffLimits &limits)
{
    QStringList arguments{u"ls-files"_s, u"--others"_s, u"--exclude-standard"_s, u"-z"_s, u"--"_s};
    if (!filter.isEmpty())
        arguments.append(filter);
    auto listed = GitProcess::run(worktreePath, arguments, readOnlyOptions());
    if (!listed)
        return fail(listed.error());
    if (!listed->ok())
        return fail(gitFailed(u"git ls-files"_s, *listed));
    Untracked out;
    const QByteArray root = QFile::encodeName(worktreePath);
    const QByteArray &names = listed->out;
    for (qsizetype pos = 0; pos < names.size();) {
        qsizetype end = names.indexOf('\0', pos);
        if (end < 0)
            end = names.size();
        const QByteArray path = names.sliced(pos, end - pos);
        pos = end + 1;
        // "sub/": a nested repository, which `git add` would not take either.
        if (!path.isEmpty() && !path.endsWith('/'))
            renderUntracked(root, path, limits, out);
    }
    return out;
}

struct WorktreeState
{
    QString headCommit;
    Untracked untracked;
};

/// The libgit2 checks and the untracked files, while the main diff runs.
Result<WorktreeState> inspectWorktree(const QString &worktreePath,
                                      const QString &baseCommit,
                                      const QString &filter,
                                      const DiffLimits &limits)
{
    WorktreeState state;
    {
        auto repo = Git2::open(worktreePath);
        if (!repo)
            return fail(noWorktree(worktreePath, u"worktree"_s));
        if (auto error = checkCommit(repo->get(), baseCommit, u"baseCommit"_s))
            return fail(*error);
        git_oid head;
        if (git_reference_name_to_id(&head, repo->get(), "HEAD") == 0)
            state.headCommit = Git2::oidString(&head);
    }
    auto untracked = untrackedFiles(worktreePath, filter, limits);
    if (!untracked)
        return fail(untracked.error());
    state.untracked = std::move(*untracked);
    return state;
}

/// Drops what a pathspec let through besides filter (the other sides of renames).
void keepFiltered(std::vector<Section> &sections, const QString &filter)
{
    if (filter.isEmpty())
        return;
    std::erase_if(sections, [&](const Section &section) {
        return !matchesFilter(section.file.path, filter)
               && !matchesFilter(section.file.oldPath, filter);
    });
}

QList<DiffFile> build(std::vector<Section> &sections, const DiffLimits &limits)
{
    Budget budget(limits);
    QList<DiffFile> files;
    files.reserve(qsizetype(sections.size()));
    for (Section &section : sections) {
        const bool whole = budget.admits(section);
        files.append(materialize(section, whole));
    }
    return files;
}

} // namespace

QString wireName(DiffFileStatus status)
{
    switch (status) {
    case DiffFileStatus::Added: return u"added"_s;
    case DiffFileStatus::Modified: return u"modified"_s;
    case DiffFileStatus::Deleted: return u"deleted"_s;
    case DiffFileStatus::Renamed: return u"renamed"_s;
    case DiffFileStatus::Copied: return u"copied"_s;
    }
    return {};
}

QByteArrayView DiffFile::contentBytes(const DiffLine &line) const
{
    return QByteArrayView(patch).sliced(line.contentOffset, line.contentSize);
}

QString DiffFile::content(const DiffLine &line) const
{
    return QString::fromUtf8(contentBytes(line));
}

QList<DiffFile> GitDiff::parse(const QByteArray &patch, const DiffLimits &limits)
{
    std::vector<Section> sections;
    scan(patch, sections);
    return build(sections, limits);
}

QByteArray GitDiff::unifiedText(const AttemptDiff &diff)
{
    qsizetype size = 0;
    for (const DiffFile &file : diff.files)
        size += file.patch.size();
    QByteArray out;
    out.reserve(size);
    for (const DiffFile &file : diff.files)
        out += file.patch;
    return out;
}

DiffSummary GitDiff::summarize(const QList<DiffFile> &files)
{
    DiffSummary summary;
    summary.filesChanged = int(files.size());
    for (const DiffFile &file : files) {
        summary.additions += file.additions;
        summary.deletions += file.deletions;
    }
    return summary;
}

Result<AttemptDiff> GitDiff::ofWorktree(const QString &worktreePath,
                                        const QString &baseCommit,
                                        const QString &file,
                                        const DiffLimits &limits)
{
    if (auto oid = Git2::parseOid(baseCommit, u"baseCommit"_s); !oid)
        return fail(oid.error());
    auto filter = checkFilter(file);
    if (!filter)
        return fail(filter.error());
    if (!QFileInfo(worktreePath).isDir())
        return fail(noWorktree(worktreePath, u"worktree"_s));

    // git diff, then ls-files and reading the untracked files: both in parallel, as the first
    // one is CPU-bound in git and the second mostly waits for the disk.
    Result<WorktreeState> state = fail(Error::internal(u"not run"_s));
    std::jthread side([&] { state = inspectWorktree(worktreePath, baseCommit, *filter, limits); });
    auto tracked = runDiff(worktreePath, {baseCommit}, *filter);
    side.join();
    if (!state)
        return fail(state.error());
    if (!tracked)
        return fail(tracked.error());

    std::vector<Section> trackedSections, untrackedSections;
    scan(*tracked, trackedSections);
    scan(state->untracked.patch, untrackedSections);
    for (size_t i = 0; i < untrackedSections.size() && i < state->untracked.oversized.size(); ++i) {
        if (const Oversized oversized = state->untracked.oversized[i]; oversized.lines >= 0) {
            untrackedSections[i].oversized = true;
            untrackedSections[i].pastTotal = oversized.pastTotal;
            untrackedSections[i].file.additions = oversized.lines;
        }
    }
    // One list in path order, as git would print it had the untracked files been added.
    std::vector<Section> sections;
    sections.reserve(trackedSections.size() + untrackedSections.size());
    std::merge(std::make_move_iterator(trackedSections.begin()),
               std::make_move_iterator(trackedSections.end()),
               std::make_move_iterator(untrackedSections.begin()),
               std::make_move_iterator(untrackedSections.end()),
               std::back_inserter(sections),
               [](const Section &a, const Section &b) { return a.file.path < b.file.path; });

    keepFiltered(sections, *filter);

    AttemptDiff diff;
    diff.baseCommit = baseCommit;
    diff.headCommit = state->headCommit;
    diff.files = build(sections, limits);
    diff.summary = summarize(diff.files);
    return diff;
}

Result<AttemptDiff> GitDiff::between(const QString &repoPath,
                                     const QString &fromCommit,
                                     const QString &toCommit,
                                     const QString &file,
                                     const DiffLimits &limits)
{
    if (auto oid = Git2::parseOid(fromCommit, u"fromCommit"_s); !oid)
        return fail(oid.error());
    if (auto oid = Git2::parseOid(toCommit, u"toCommit"_s); !oid)
        return fail(oid.error());
    auto filter = checkFilter(file);
    if (!filter)
        return fail(filter.error());
    if (!QFileInfo(repoPath).isDir())
        return fail(noWorktree(repoPath, u"repository"_s));

    auto patch = runDiff(repoPath, {fromCommit, toCommit}, *filter);
    if (!patch) {
        // Find out whose fault it was only now: the commits are usually fine.
        auto repo = Git2::open(repoPath);
        if (!repo)
            return fail(noWorktree(repoPath, u"repository"_s));
        if (auto error = checkCommit(repo->get(), fromCommit, u"fromCommit"_s))
            return fail(*error);
        if (auto error = checkCommit(repo->get(), toCommit, u"toCommit"_s))
            return fail(*error);
        return fail(patch.error());
    }
    std::vector<Section> sections;
    scan(*patch, sections);
    keepFiltered(sections, *filter);

    AttemptDiff diff;
    diff.baseCommit = fromCommit;
    diff.headCommit = toCommit;
    diff.files = build(sections, limits);
    diff.summary = summarize(diff.files);
    return diff;
}

} // namespace Core
