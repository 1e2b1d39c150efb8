// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/logging.h"

namespace Core {
Q_LOGGING_CATEGORY(lcDatabase, "forgedesk.database", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGit, "forgedesk.git", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEngine, "forgedesk.engine", QtInfoMsg)
} // namespace Core
