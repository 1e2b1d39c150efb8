// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QStringList>

#include <optional>

namespace Core {

/// Value rules shared by every face. Each returns the normalised value or a validation error
/// naming field.
namespace Validate {

inline constexpr qsizetype maxNameLength = 200;
inline constexpr qsizetype maxTitleLength = 500;
inline constexpr qsizetype maxDescriptionLength = 100'000;
inline constexpr qsizetype maxScriptLength = 64 * 1024;
inline constexpr qsizetype maxLabels = 32;
inline constexpr qsizetype maxLabelLength = 64;
inline constexpr qsizetype maxCopyFiles = 200;

[[nodiscard]] Result<QString> requiredLine(const QString &field,
                                           const QString &value,
                                           qsizetype maxLength);
[[nodiscard]] Result<QString> text(const QString &field, const QString &value, qsizetype maxLength);
[[nodiscard]] Result<std::optional<QString>> optionalText(const QString &field,
                                                          const std::optional<QString> &value,
                                                          qsizetype maxLength);
/// Trimmed, non-empty, no commas (label filters are comma lists), duplicates dropped.
[[nodiscard]] Result<QStringList> labels(const QString &field, const QStringList &value);
/// An executor profile name: lower-case letters, digits, '-' and '_'.
[[nodiscard]] Result<std::optional<QString>> llm(const QString &field,
                                                 const std::optional<QString> &value);
[[nodiscard]] Result<std::optional<QString>> attemptReference(const QString &field,
                                                              const std::optional<QString> &value);
/// Relative paths inside the repository; no "..", no absolute paths.
[[nodiscard]] Result<QStringList> relativePaths(const QString &field, const QStringList &value);
/// A git branch name as git check-ref-format would accept it.
[[nodiscard]] Result<QString> branchName(const QString &field, const QString &value);
/// Something shaped like an e-mail address (local@domain, no spaces), trimmed; at most 254
/// characters. Not a deliverability check: identities only need to be told apart.
[[nodiscard]] Result<QString> email(const QString &field, const QString &value);

} // namespace Validate
} // namespace Core
