// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/ksyntaxbackend.h"

#include <QHash>

#include <mutex>
#include <optional>

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

namespace KSH = KSyntaxHighlighting;

std::optional<TokenKind> kindOf(KSH::Theme::TextStyle style)
{
    using S = KSH::Theme::TextStyle;
    switch (style) {
    case S::Keyword:
    case S::ControlFlow: return TokenKind::Keyword;
    case S::Function:
    case S::BuiltIn: return TokenKind::Function;
    case S::Variable: return TokenKind::Variable;
    case S::Operator: return TokenKind::Operator;
    case S::Extension:
    case S::Import:
    case S::Preprocessor:
    case S::Annotation: return TokenKind::Preprocessor;
    case S::Attribute: return TokenKind::Property;
    case S::Char:
    case S::String:
    case S::VerbatimString:
    case S::SpecialString: return TokenKind::String;
    case S::SpecialChar:
    case S::RegionMarker:
    case S::Information:
    case S::Warning:
    case S::Alert: return TokenKind::Special;
    case S::DataType: return TokenKind::Type;
    case S::DecVal:
    case S::BaseN:
    case S::Float: return TokenKind::Number;
    case S::Constant: return TokenKind::Constant;
    case S::Comment:
    case S::Documentation:
    case S::CommentVar: return TokenKind::Comment;
    case S::Error: return TokenKind::Error;
    default: return std::nullopt;
    }
}

/// AbstractHighlighter reports formats through a virtual; collect them for one line.
class LineCollector final : public KSH::AbstractHighlighter
{
public:
    KSH::State run(QStringView text, const KSH::State &state)
    {
        ranges.clear();
        return highlightLine(text, state);
    }

    QList<HighlightRange> ranges;

protected:
    void applyFormat(int offset, int length, const KSH::Format &format) override
    {
        if (length <= 0)
            return;
        if (const auto kind = kindOf(format.textStyle()))
            ranges.append({offset, length, *kind});
    }
};

struct Shared
{
    std::mutex mutex;
    KSH::Repository repository;
};

Shared &shared()
{
    static Shared instance;
    return instance;
}

} // namespace

struct KSyntaxBackend::Private
{
    QHash<QString, std::shared_ptr<LineCollector>> collectors; ///< By definition name.
    QList<KSH::State> states;                                  ///< State n (> 0) is states[n - 1].

    LineCollector *collector(const QString &language)
    {
        auto &slot = collectors[language];
        if (!slot) {
            const KSH::Definition definition = shared().repository.definitionForName(language);
            if (!definition.isValid())
                return nullptr;
            slot = std::make_shared<LineCollector>();
            slot->setDefinition(definition);
        }
        return slot.get();
    }
};

KSyntaxBackend::KSyntaxBackend()
    : d(std::make_unique<Private>())
{}

KSyntaxBackend::~KSyntaxBackend()
{
    const std::lock_guard lock(shared().mutex);
    d.reset();
}

QString KSyntaxBackend::backendName() const
{
    return u"KSyntaxHighlighting"_s;
}

QString KSyntaxBackend::languageForFileName(const QString &fileName) const
{
    const std::lock_guard lock(shared().mutex);
    const KSH::Definition definition = shared().repository.definitionForFileName(fileName);
    return definition.isValid() ? definition.name() : QString();
}

Core::Result<void> KSyntaxBackend::prepare(const QString &language)
{
    if (language.isEmpty())
        return {};
    const std::lock_guard lock(shared().mutex);
    if (!d->collector(language)) {
        return Core::fail(
            Core::Error{Core::ErrorCode::NotFound, u"No syntax definition %1"_s.arg(language), {}});
    }
    return {};
}

HighlightedLine KSyntaxBackend::highlightLine(const QString &language, QStringView text, int state)
{
    if (language.isEmpty() || text.size() > maxLineLength)
        return {{}, state};
    const std::lock_guard lock(shared().mutex);
    LineCollector *collector = d->collector(language);
    if (!collector)
        return {{}, state};
    const KSH::State from = state > 0 && state <= d->states.size() ? d->states.at(state - 1)
                                                                   : KSH::State();
    const KSH::State to = collector->run(text, from);
    HighlightedLine result;
    result.ranges = collector->ranges;
    if (to == KSH::State()) {
        result.state = initialState;
    } else {
        qsizetype index = d->states.indexOf(to);
        if (index < 0) {
            d->states.append(to);
            index = d->states.size() - 1;
        }
        result.state = int(index) + 1;
    }
    return result;
}

} // namespace Gui
