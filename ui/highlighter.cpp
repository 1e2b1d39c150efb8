// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/highlighter.h"

#if defined(FORGEDESK_HAVE_KSYNTAXHIGHLIGHTING)
#include "ui/ksyntaxbackend.h"
#elif defined(FORGEDESK_HAVE_SOURCE_HIGHLIGHT)
#include "ui/sourcehighlightbackend.h"
#endif

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

class PlainHighlighter final : public Highlighter
{
public:
    QString backendName() const override { return u"plain"_s; }
    QString languageForFileName(const QString &) const override { return {}; }
    Core::Result<void> prepare(const QString &) override { return {}; }
    HighlightedLine highlightLine(const QString &, QStringView, int state) override
    {
        return {{}, state};
    }
};

} // namespace

Highlighter::~Highlighter() = default;

std::unique_ptr<Highlighter> Highlighter::create()
{
#if defined(FORGEDESK_HAVE_KSYNTAXHIGHLIGHTING)
    return std::make_unique<KSyntaxBackend>();
#elif defined(FORGEDESK_HAVE_SOURCE_HIGHLIGHT)
    return std::make_unique<SourceHighlightBackend>();
#else
    return createPlain();
#endif
}

std::unique_ptr<Highlighter> Highlighter::createPlain()
{
    return std::make_unique<PlainHighlighter>();
}

} // namespace Gui
