// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/sourcehighlightbackend.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <map>
#include <mutex>
#include <vector>

#include <srchilite/formatter.h>
#include <srchilite/formattermanager.h>
#include <srchilite/formatterparams.h>
#include <srchilite/highlightbuilderexception.h>
#include <srchilite/highlightstate.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/parserexception.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/settings.h>
#include <srchilite/sourcehighlighter.h>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr auto resourceDir = ":/highlight"_L1;

/// source-highlight's element names (default.style and the shipped definitions) as token kinds;
/// other elements stay plain.
constexpr std::pair<const char *, TokenKind> elementKinds[] = {
    {"keyword", TokenKind::Keyword},
    {"bibtex", TokenKind::Keyword},
    {"selector", TokenKind::Keyword},
    {"type", TokenKind::Type},
    {"usertype", TokenKind::Type},
    {"classname", TokenKind::Type},
    {"function", TokenKind::Function},
    {"predef_func", TokenKind::Function},
    {"variable", TokenKind::Variable},
    {"argument", TokenKind::Variable},
    {"optionalargument", TokenKind::Variable},
    {"predef_var", TokenKind::Constant},
    {"atom", TokenKind::Constant},
    {"number", TokenKind::Number},
    {"date", TokenKind::Number},
    {"time", TokenKind::Number},
    {"string", TokenKind::String},
    {"value", TokenKind::String},
    {"code", TokenKind::String},
    {"fixed", TokenKind::String},
    {"file", TokenKind::String},
    {"path", TokenKind::String},
    {"comment", TokenKind::Comment},
    {"preproc", TokenKind::Preprocessor},
    {"meta", TokenKind::Preprocessor},
    {"symbol", TokenKind::Operator},
    {"cbracket", TokenKind::Operator},
    {"property", TokenKind::Property},
    {"attribute", TokenKind::Property},
    {"label", TokenKind::Property},
    {"key", TokenKind::Property},
    {"heading", TokenKind::Heading},
    {"section", TokenKind::Heading},
    {"oldfile", TokenKind::Heading},
    {"newfile", TokenKind::Heading},
    {"italics", TokenKind::Emphasis},
    {"bold", TokenKind::Emphasis},
    {"underline", TokenKind::Emphasis},
    {"url", TokenKind::Link},
    {"regexp", TokenKind::Special},
    {"specialchar", TokenKind::Special},
    {"todo", TokenKind::Special},
    {"math", TokenKind::Special},
    {"difflines", TokenKind::Special},
    {"warning", TokenKind::Special},
    {"error", TokenKind::Error},
};

/// Ranges in UTF-8 bytes, as the library sees the line.
struct ByteRange
{
    int start = 0;
    int length = 0;
    TokenKind kind = TokenKind::Keyword;
};

/// Receives every highlighted piece of a line; with setOptimize(false) the library calls the
/// formatter of each element at once, with the piece's byte offset in FormatterParams::start.
class KindFormatter final : public srchilite::Formatter
{
public:
    KindFormatter(std::vector<ByteRange> &ranges, TokenKind kind)
        : m_ranges(ranges)
        , m_kind(kind)
    {}

    void format(const std::string &s, const srchilite::FormatterParams *params) override
    {
        if (s.empty() || !params || params->start < 0)
            return;
        const int start = params->start;
        const int length = int(s.size());
        // Pieces of one element come one by one ("/*", " text"); keep them as one range.
        if (!m_ranges.empty()) {
            ByteRange &last = m_ranges.back();
            if (last.kind == m_kind && last.start + last.length == start) {
                last.length += length;
                return;
            }
        }
        m_ranges.push_back({start, length, m_kind});
    }

private:
    std::vector<ByteRange> &m_ranges;
    TokenKind m_kind;
};

class PlainFormatter final : public srchilite::Formatter
{
public:
    void format(const std::string &, const srchilite::FormatterParams *) override {}
};

/// What the library shares between all highlighters of the process, behind one lock.
struct Library
{
    std::mutex mutex;
    srchilite::RegexRuleFactory rules;
    srchilite::LangDefManager definitions{&rules};
};

Library &library()
{
    static Library instance;
    return instance;
}

/// lang.map: "key = file.lang" per line, "#" starts a comment. Keys map to absolute paths.
QHash<QString, QString> readLangMap(const QString &dir)
{
    QHash<QString, QString> map;
    QFile file(dir + u"/lang.map"_s);
    if (dir.isEmpty() || !file.open(QIODevice::ReadOnly | QIODevice::Text))
        return map;
    QTextStream in(&file);
    QString line;
    while (in.readLineInto(&line)) {
        const QString entry = line.section(u'#', 0, 0);
        const qsizetype equals = entry.indexOf(u'=');
        if (equals < 0)
            continue;
        const QString key = entry.left(equals).trimmed();
        const QString value = entry.mid(equals + 1).trimmed();
        // "nohilite.lang" is the library's way of saying plain text.
        if (key.isEmpty() || value.isEmpty() || value == "nohilite.lang"_L1)
            continue;
        map.insert(key, dir + u'/' + value);
    }
    return map;
}

struct LangMaps
{
    QHash<QString, QString> shipped;
    QHash<QString, QString> system;
};

const LangMaps &langMaps()
{
    static const LangMaps maps{readLangMap(SourceHighlightBackend::definitionsDir()),
                               readLangMap(SourceHighlightBackend::systemDataDir())};
    return maps;
}

/// Writes the embedded definitions to a directory named after their content, so versions never
/// mix and concurrent processes agree: each writes a private directory and renames it into place.
QString extractDefinitions()
{
    const QDir resources(resourceDir);
    const QStringList names = resources.entryList(QDir::Files, QDir::Name);
    if (names.isEmpty())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    QList<QByteArray> contents;
    for (const QString &name : names) {
        QFile file(resources.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        contents.append(file.readAll());
        hash.addData(name.toUtf8());
        hash.addData(contents.constLast());
    }
    QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (cache.isEmpty())
        cache = QDir::tempPath() + u"/forgedesk-cache"_s;
    const QString target = cache + u"/highlight-"_s
                           + QString::fromLatin1(hash.result().toHex().left(16));
    if (QFileInfo::exists(target + u"/lang.map"_s))
        return target;
    if (!QDir().mkpath(cache))
        return {};
    QTemporaryDir staging(cache + u"/highlight-staging-XXXXXX"_s);
    if (!staging.isValid())
        return {};
    for (qsizetype i = 0; i < names.size(); ++i) {
        QFile file(staging.filePath(names.at(i)));
        if (!file.open(QIODevice::WriteOnly) || file.write(contents.at(i)) != contents.at(i).size())
            return {};
    }
    if (QDir().rename(staging.path(), target))
        staging.setAutoRemove(false);
    // Another process may have won the race; its copy is just as good.
    return QFileInfo::exists(target + u"/lang.map"_s) ? target : QString();
}

QString fromStd(const std::string &text)
{
    return QString::fromLocal8Bit(text.data(), qsizetype(text.size()));
}

/// Byte offset in line's UTF-8 → UTF-16 offset. A byte inside a character maps to the
/// character's start (byte-wise regular expressions can split one).
std::vector<int> utf16Offsets(const QByteArray &utf8)
{
    std::vector<int> offsets(std::size_t(utf8.size()) + 1);
    int unit = 0;
    int characterStart = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto byte = uchar(utf8.at(i));
        if ((byte & 0xC0) != 0x80) {
            characterStart = unit;
            unit += byte >= 0xF0 ? 2 : 1; // four-byte sequences are surrogate pairs
        }
        offsets[std::size_t(i)] = characterStart;
    }
    offsets.back() = unit;
    return offsets;
}

} // namespace

struct SourceHighlightBackend::Language
{
    struct Saved
    {
        srchilite::HighlightStatePtr current;
        srchilite::HighlightStateStackPtr stack;
    };

    QString error; ///< Set: the definition cannot be used.
    srchilite::HighlightStatePtr main;
    std::vector<ByteRange> ranges;
    std::unique_ptr<srchilite::FormatterManager> formatters;
    std::unique_ptr<srchilite::SourceHighlighter> highlighter;
    srchilite::FormatterParams params;
    /// State n (> 0) is saved[n - 1]; the library's states are interned by identity.
    std::vector<Saved> saved;
    std::map<std::vector<const void *>, int> ids;

    int intern(const srchilite::HighlightStatePtr &current,
               const srchilite::HighlightStateStackPtr &stack)
    {
        if (current == main && stack->empty())
            return initialState;
        std::vector<const void *> key{current.get()};
        for (auto copy = *stack; !copy.empty(); copy.pop())
            key.push_back(copy.top().get());
        const auto found = ids.find(key);
        if (found != ids.end())
            return found->second;
        saved.push_back({current, stack});
        const int id = int(saved.size());
        ids.emplace(std::move(key), id);
        return id;
    }
};

SourceHighlightBackend::SourceHighlightBackend() = default;

SourceHighlightBackend::~SourceHighlightBackend()
{
    // The library's states are shared with its cache; drop ours under its lock.
    const std::lock_guard lock(library().mutex);
    m_languages.clear();
}

QString SourceHighlightBackend::backendName() const
{
    return u"source-highlight"_s;
}

QString SourceHighlightBackend::definitionsDir()
{
    static const QString dir = extractDefinitions();
    return dir;
}

QString SourceHighlightBackend::systemDataDir()
{
    static const QString dir = [] {
        QString found;
        {
            const std::lock_guard lock(library().mutex);
            try {
                found = fromStd(srchilite::Settings::retrieveDataDir());
            } catch (...) {
                found.clear();
            }
        }
        if (!found.isEmpty() && QFileInfo::exists(found + u"/lang.map"_s))
            return found;
#ifdef FORGEDESK_SOURCE_HIGHLIGHT_DATADIR
        found = QStringLiteral(FORGEDESK_SOURCE_HIGHLIGHT_DATADIR);
        if (QFileInfo::exists(found + u"/lang.map"_s))
            return found;
#endif
        return QString();
    }();
    return dir;
}

QString SourceHighlightBackend::languageForFileName(const QString &fileName) const
{
    const LangMaps &maps = langMaps();
    const QString name = QFileInfo(fileName).fileName();
    if (name.isEmpty())
        return {};
    const auto lookUp = [&maps](const QString &key, bool systemToo) -> QString {
        for (const QString &candidate : {key, key.toLower()}) {
            if (const auto it = maps.shipped.constFind(candidate); it != maps.shipped.cend())
                return *it;
            if (!systemToo)
                continue;
            if (const auto it = maps.system.constFind(candidate); it != maps.system.cend())
                return *it;
        }
        return {};
    };
    // The whole name ("CMakeLists.txt", "Makefile"), then the extension, then for names like
    // "Dockerfile.dev" the part before the first dot (only our own keys: the library's map
    // has one-letter ones that would catch "s.cpp" or "c.py").
    if (QString found = lookUp(name, true); !found.isEmpty())
        return found;
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot > 0) {
        if (QString found = lookUp(name.mid(dot + 1), true); !found.isEmpty())
            return found;
        return lookUp(name.left(name.indexOf(u'.')), false);
    }
    return {};
}

SourceHighlightBackend::Language &SourceHighlightBackend::language(const QString &path)
{
    if (const auto found = m_languages.constFind(path); found != m_languages.cend())
        return **found;
    auto language = std::make_shared<Language>();
    m_languages.insert(path, language);
    const QFileInfo info(path);
    if (!info.isAbsolute() || !info.isFile()) {
        language->error = tr("No syntax definition at %1").arg(path);
        return *language;
    }
    try {
        language->main = library().definitions.getHighlightState(
            QFile::encodeName(info.absolutePath()).toStdString(),
            QFile::encodeName(info.fileName()).toStdString());
    } catch (const srchilite::ParserException &e) {
        language->error = tr("%1:%2: %3 %4")
                              .arg(fromStd(e.filename))
                              .arg(e.line)
                              .arg(fromStd(e.message), fromStd(e.additional));
    } catch (const srchilite::HighlightBuilderException &e) {
        language->error = tr("%1:%2: %3 (%4)")
                              .arg(fromStd(e.filename))
                              .arg(e.line)
                              .arg(fromStd(e.message), QString::fromLocal8Bit(e.causedBy.what()));
    } catch (const std::exception &e) {
        language->error = QString::fromLocal8Bit(e.what());
    } catch (...) {
        language->error = tr("Cannot load %1").arg(path);
    }
    if (!language->error.isEmpty() || !language->main)
        return *language;

    language->formatters = std::make_unique<srchilite::FormatterManager>(
        srchilite::FormatterPtr(new PlainFormatter));
    for (const auto &[element, kind] : elementKinds) {
        language->formatters->addFormatter(element,
                                           srchilite::FormatterPtr(
                                               new KindFormatter(language->ranges, kind)));
    }
    language->highlighter = std::make_unique<srchilite::SourceHighlighter>(language->main);
    language->highlighter->setFormatterManager(language->formatters.get());
    language->highlighter->setFormatterParams(&language->params);
    // Each element's formatter at once, with its offset, instead of merged output.
    language->highlighter->setOptimize(false);
    return *language;
}

Core::Result<void> SourceHighlightBackend::prepare(const QString &language)
{
    if (language.isEmpty())
        return {};
    const std::lock_guard lock(library().mutex);
    const Language &loaded = this->language(language);
    if (!loaded.error.isEmpty())
        return Core::fail(Core::Error{Core::ErrorCode::Unprocessable, loaded.error, {}});
    return {};
}

HighlightedLine SourceHighlightBackend::highlightLine(const QString &language,
                                                      QStringView text,
                                                      int state)
{
    if (language.isEmpty() || text.size() > maxLineLength)
        return {{}, state};
    const QByteArray utf8 = text.toUtf8();
    const std::lock_guard lock(library().mutex);
    Language &lang = this->language(language);
    if (!lang.error.isEmpty())
        return {{}, state};

    srchilite::SourceHighlighter &highlighter = *lang.highlighter;
    if (state > 0 && std::size_t(state) <= lang.saved.size()) {
        const Language::Saved &from = lang.saved.at(std::size_t(state) - 1);
        highlighter.setCurrentState(from.current);
        // The library changes the stack as it goes; the saved one must stay as it was.
        highlighter.setStateStack(
            srchilite::HighlightStateStackPtr(new srchilite::HighlightStateStack(*from.stack)));
    } else {
        highlighter.setCurrentState(lang.main);
        highlighter.setStateStack(
            srchilite::HighlightStateStackPtr(new srchilite::HighlightStateStack));
    }
    lang.ranges.clear();
    lang.params.start = 0;
    try {
        highlighter.highlightParagraph(std::string(utf8.constData(), std::size_t(utf8.size())));
    } catch (...) {
        // A regular expression gave up (boost's complexity limit): leave the line plain.
        lang.ranges.clear();
        return {{}, initialState};
    }

    HighlightedLine result;
    result.state = lang.intern(highlighter.getCurrentState(), highlighter.getStateStack());
    if (lang.ranges.empty())
        return result;
    const std::vector<int> offsets = utf16Offsets(utf8);
    result.ranges.reserve(qsizetype(lang.ranges.size()));
    for (const ByteRange &range : lang.ranges) {
        const auto end = std::min(std::size_t(range.start + range.length), std::size_t(utf8.size()));
        if (std::size_t(range.start) >= end)
            continue;
        const int start = offsets[std::size_t(range.start)];
        const int length = offsets[end] - start;
        if (length > 0)
            result.ranges.append({start, length, range.kind});
    }
    return result;
}

} // namespace Gui
