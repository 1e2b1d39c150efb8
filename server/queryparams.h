// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/query.h"
#include "server/httpmessage.h"

namespace Server {

/// Typed readers for query parameters; errors name the parameter.
[[nodiscard]] Core::Result<int> integerParam(const HttpRequest &request,
                                             const QString &key,
                                             int fallback);
[[nodiscard]] Core::Result<Core::PageRequest> pageParams(const HttpRequest &request);
/// A comma list, empty entries dropped.
[[nodiscard]] QStringList listParam(const HttpRequest &request, const QString &key);
[[nodiscard]] Core::Result<Core::TaskQuery> taskQueryParams(const HttpRequest &request);
[[nodiscard]] Core::Result<Core::ProjectQuery> projectQueryParams(const HttpRequest &request);
[[nodiscard]] Core::Result<Core::AttemptQuery> attemptQueryParams(const HttpRequest &request);
[[nodiscard]] Core::Result<Core::ProcessQuery> processQueryParams(const HttpRequest &request);
/// "true"/"false" (also 1/0), or nothing when absent.
[[nodiscard]] Core::Result<std::optional<bool>> booleanParam(const HttpRequest &request,
                                                             const QString &key);

} // namespace Server
