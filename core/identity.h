// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QString>

namespace Core {

/// Who the person at the desktop is, for requests made without an API key (and approvals they
/// answer): the userEmail setting if set, else user.email from git's global and system
/// configuration as libgit2 reads it, else $USER@localhost. Reads git's configuration files:
/// call it off the main thread (Engine keeps the answer; see Engine::desktopIdentity()).
[[nodiscard]] QString resolveDesktopIdentity(const QString &userEmail);

/// The same without touching the disk: userEmail if set, else $USER@localhost.
[[nodiscard]] QString fallbackDesktopIdentity(const QString &userEmail);

} // namespace Core
