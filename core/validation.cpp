// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/validation.h"

#include <QDir>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Core::Validate {
namespace {

bool hasControlCharacters(const QString &value, bool allowNewlines)
{
    return std::any_of(value.cbegin(), value.cend(), [allowNewlines](QChar c) {
        if (allowNewlines && (c == u'\n' || c == u'\t' || c == u'\r'))
            return false;
        return c.category() == QChar::Other_Control;
    });
}

} // namespace

Result<QString> requiredLine(const QString &field, const QString &value, qsizetype maxLength)
{
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return fail(Error::validation(field, u"must not be empty"_s));
    if (trimmed.size() > maxLength)
        return fail(Error::validation(field, u"must be at most %1 characters"_s.arg(maxLength)));
    if (hasControlCharacters(trimmed, false))
        return fail(
            Error::validation(field, u"must not contain control characters or line breaks"_s));
    return trimmed;
}

Result<QString> text(const QString &field, const QString &value, qsizetype maxLength)
{
    if (value.size() > maxLength)
        return fail(Error::validation(field, u"must be at most %1 characters"_s.arg(maxLength)));
    if (hasControlCharacters(value, true))
        return fail(Error::validation(field, u"must not contain control characters"_s));
    return value;
}

Result<std::optional<QString>> optionalText(const QString &field,
                                            const std::optional<QString> &value,
                                            qsizetype maxLength)
{
    if (!value)
        return std::optional<QString>();
    auto checked = text(field, *value, maxLength);
    if (!checked)
        return fail(checked.error());
    return std::optional<QString>(*checked);
}

Result<QStringList> labels(const QString &field, const QStringList &value)
{
    QStringList result;
    for (const QString &raw : value) {
        const QString label = raw.trimmed();
        if (label.isEmpty())
            return fail(Error::validation(field, u"labels must not be empty"_s));
        if (label.size() > maxLabelLength)
            return fail(
                Error::validation(field,
                                  u"label '%1' is longer than %2 characters"_s.arg(label.left(20))
                                      .arg(maxLabelLength)));
        if (label.contains(u','))
            return fail(
                Error::validation(field, u"label '%1' must not contain a comma"_s.arg(label)));
        if (hasControlCharacters(label, false))
            return fail(Error::validation(field, u"labels must not contain control characters"_s));
        if (!result.contains(label))
            result.append(label);
    }
    if (result.size() > maxLabels)
        return fail(Error::validation(field, u"at most %1 labels are allowed"_s.arg(maxLabels)));
    return result;
}

Result<std::optional<QString>> llm(const QString &field, const std::optional<QString> &value)
{
    if (!value)
        return std::optional<QString>();
    static const QRegularExpression name(u"^[a-z0-9][a-z0-9_-]{0,63}$"_s);
    if (!name.match(*value).hasMatch()) {
        return fail(
            Error::validation(field,
                              u"'%1' is not an executor profile name (such as claude, codex, "
                              "gemini, opencode, cursor, amp, qwen, copilot)"_s.arg(
                                  value->left(80))));
    }
    return value;
}

Result<std::optional<QString>> attemptReference(const QString &field,
                                                const std::optional<QString> &value)
{
    if (!value)
        return std::optional<QString>();
    static const QRegularExpression id(u"^attempt_[A-Za-z0-9_-]{1,64}$"_s);
    if (!id.match(*value).hasMatch())
        return fail(
            Error::validation(field,
                              u"'%1' is not an attempt id (attempt_…)"_s.arg(value->left(80))));
    return value;
}

Result<QStringList> relativePaths(const QString &field, const QStringList &value)
{
    if (value.size() > maxCopyFiles)
        return fail(Error::validation(field, u"at most %1 paths are allowed"_s.arg(maxCopyFiles)));
    QStringList result;
    for (const QString &raw : value) {
        const QString path = raw.trimmed();
        if (path.isEmpty())
            return fail(Error::validation(field, u"paths must not be empty"_s));
        if (QDir::isAbsolutePath(path) || path.startsWith(u'~'))
            return fail(
                Error::validation(field, u"'%1' must be relative to the repository"_s.arg(path)));
        const QString clean = QDir::cleanPath(path);
        if (clean == ".."_L1 || clean.startsWith("../"_L1) || hasControlCharacters(path, false))
            return fail(Error::validation(field, u"'%1' points outside the repository"_s.arg(path)));
        // The whole repository, or the worktrees and git's own files, are never copied files.
        for (const QLatin1StringView reserved : {".forge"_L1, ".git"_L1}) {
            if (clean == "."_L1 || clean == reserved || clean.startsWith(reserved + u'/'))
                return fail(
                    Error::validation(field,
                                      u"'%1' is not a file to copy into a worktree"_s.arg(path)));
        }
        if (!result.contains(clean))
            result.append(clean);
    }
    return result;
}

Result<QString> branchName(const QString &field, const QString &value)
{
    const QString name = value.trimmed();
    static const QRegularExpression invalid(
        u"(^[-/.])|(\\.\\.)|([\\x00-\\x20~^:?*\\[\\\\\\x7f])|(@\\{)|(/$)|(\\.lock$)|(\\.$)|(//)"_s);
    if (name.isEmpty())
        return fail(Error::validation(field, u"must not be empty"_s));
    if (name.size() > 250 || invalid.match(name).hasMatch() || name == "@"_L1)
        return fail(
            Error::validation(field, u"'%1' is not a valid branch name"_s.arg(name.left(80))));
    return name;
}

Result<QString> email(const QString &field, const QString &value)
{
    const QString address = value.trimmed();
    static const QRegularExpression shape(u"^[^\\s@]+@[^\\s@]+$"_s);
    if (address.size() > 254 || !shape.match(address).hasMatch()
        || hasControlCharacters(address, false))
        return fail(Error::validation(field,
                                      u"'%1' is not an e-mail address (name@host)"_s.arg(
                                          address.left(80))));
    return address;
}

} // namespace Core::Validate
