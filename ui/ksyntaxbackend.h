// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "ui/highlighter.h"

#include <memory>

namespace Gui {

/// KSyntaxHighlighting (KF6) behind Highlighter, built only where find_package() finds it (not
/// on Debian 12). A language is a definition name ("C++"). The repository of definitions is
/// shared by the process and not thread-safe, so calls into it hold one process-wide lock.
class KSyntaxBackend final : public Highlighter
{
public:
    KSyntaxBackend();
    ~KSyntaxBackend() override;

    QString backendName() const override;
    QString languageForFileName(const QString &fileName) const override;
    Core::Result<void> prepare(const QString &language) override;
    HighlightedLine highlightLine(const QString &language, QStringView text, int state) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Gui
