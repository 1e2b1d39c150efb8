// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "ui/highlighter.h"

#include <QCoreApplication>
#include <QHash>

#include <memory>

namespace Gui {

/// GNU source-highlight behind Highlighter (shared/reference/qt64.md §5). A language is the
/// absolute path of a .lang file: Forgedesk's own definitions (resources/highlight, embedded and
/// written to the cache directory on first use, because the library reads files) are looked up
/// before the library's. The library keeps parsed definitions in a process-wide cache that is
/// not thread-safe, so every call into it holds one process-wide lock.
class SourceHighlightBackend final : public Highlighter
{
    Q_DECLARE_TR_FUNCTIONS(Gui::SourceHighlightBackend)

public:
    SourceHighlightBackend();
    ~SourceHighlightBackend() override;

    QString backendName() const override;
    QString languageForFileName(const QString &fileName) const override;
    Core::Result<void> prepare(const QString &language) override;
    HighlightedLine highlightLine(const QString &language, QStringView text, int state) override;

    /// Where Forgedesk's own definitions and their lang.map are on disk; empty if they could not
    /// be written.
    [[nodiscard]] static QString definitionsDir();
    /// source-highlight's data directory (its .lang files and lang.map): SOURCE_HIGHLIGHT_DATADIR,
    /// ~/.source-highlight/source-highlight.conf, the library's built-in path, then the one
    /// pkg-config gave at configure time. Empty if none holds a lang.map.
    [[nodiscard]] static QString systemDataDir();

private:
    struct Language;
    /// Loads on first use; never null, but may hold an error.
    Language &language(const QString &path);

    QHash<QString, std::shared_ptr<Language>> m_languages;
};

} // namespace Gui
