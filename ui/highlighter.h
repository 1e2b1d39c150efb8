// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <memory>

namespace Gui {

/// What a piece of highlighted code is, whatever the backend calls it; the view picks colours.
enum class TokenKind : quint8 {
    Keyword,
    Type,
    Function,
    Variable,
    Constant,
    Number,
    String,
    Comment,
    Preprocessor,
    Operator,
    Property, ///< Keys of YAML, TOML, CSS properties, attributes.
    Heading,
    Emphasis,
    Link,
    Special, ///< Escapes, regular expressions, TODO markers.
    Error,
};
inline constexpr int tokenKindCount = int(TokenKind::Error) + 1;

struct HighlightRange
{
    int start = 0; ///< In UTF-16 code units, as QString indexes.
    int length = 0;
    TokenKind kind = TokenKind::Keyword;

    friend bool operator==(const HighlightRange &, const HighlightRange &) = default;
};

struct HighlightedLine
{
    QList<HighlightRange> ranges; ///< Sorted, not overlapping; plain text has none.
    int state = 0;                ///< What the next line starts from.
};

/// Syntax highlighting one line at a time, so a view can highlight only what it shows and carry
/// multi-line constructs (block comments, strings) along as an int. Which library does the work
/// is decided when Forgedesk is configured: KSyntaxHighlighting (KF6) where the distribution has
/// it, else GNU source-highlight, else none (plain text). An instance is used by one thread at a
/// time; separate instances may work on separate threads. States mean something only to the
/// instance that returned them.
class Highlighter
{
    Q_DISABLE_COPY_MOVE(Highlighter)

public:
    /// The state of the first line of a file (or of a hunk, whose start is unknown).
    static constexpr int initialState = 0;
    /// Longer lines (minified code, data) are left plain: regular expressions over them can
    /// take very long.
    static constexpr int maxLineLength = 4000;

    virtual ~Highlighter();

    /// "KSyntaxHighlighting", "source-highlight" or "plain".
    [[nodiscard]] virtual QString backendName() const = 0;
    /// The language of a file, from its name or extension (e.g. "src/main.cpp",
    /// "CMakeLists.txt", "Dockerfile"); empty when none is known. Opaque: pass it back to
    /// highlightLine().
    [[nodiscard]] virtual QString languageForFileName(const QString &fileName) const = 0;
    /// Loads language's definition now, so a broken one is reported rather than silently plain.
    [[nodiscard]] virtual Core::Result<void> prepare(const QString &language) = 0;
    /// text without its line break; state is initialState or what the previous line returned.
    /// An empty or unusable language gives no ranges and keeps the state.
    [[nodiscard]] virtual HighlightedLine highlightLine(const QString &language,
                                                        QStringView text,
                                                        int state)
        = 0;

    /// The best backend this build has.
    [[nodiscard]] static std::unique_ptr<Highlighter> create();
    /// Plain text: no language is known, no line has ranges.
    [[nodiscard]] static std::unique_ptr<Highlighter> createPlain();

protected:
    Highlighter() = default;
};

} // namespace Gui
