// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
// The diff view's syntax highlighting. Definitions run in a child process (this binary, with
// --highlight-child) under a deadline: a broken .lang file can make source-highlight loop forever,
// and that must fail a test rather than hang it.
#include "ui/highlighter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Gui::HighlightRange;
using Gui::TokenKind;

namespace {

constexpr char childFlag[] = "--highlight-child";
constexpr int definitionDeadlineMs = 10000;
/// The definitions shippedDefinitionsHighlightTheirSamples has samples for.
const QStringList sampledDefinitions{u"cmake.lang"_s,
                                     u"dockerfile.lang"_s,
                                     u"markdown.lang"_s,
                                     u"toml.lang"_s,
                                     u"typescript.lang"_s,
                                     u"yaml.lang"_s};

/// The child: highlights stdin, line by line, with the language of argv[2] (a file name, or the
/// absolute path of a definition) and prints one JSON array of [start, length, kind] per line.
int runChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QString what = QString::fromLocal8Bit(argv[2]);
    auto highlighter = Gui::Highlighter::create();
    const QString language = QDir::isAbsolutePath(what) ? what
                                                        : highlighter->languageForFileName(what);
    if (auto prepared = highlighter->prepare(language); !prepared) {
        QFile err;
        if (err.open(stderr, QIODevice::WriteOnly))
            err.write(prepared.error().message.toUtf8() + '\n');
        return 2;
    }
    QFile in;
    QFile out;
    if (!in.open(stdin, QIODevice::ReadOnly) || !out.open(stdout, QIODevice::WriteOnly))
        return 3;
    const QStringList lines = QString::fromUtf8(in.readAll()).split(u'\n');
    int state = Gui::Highlighter::initialState;
    for (const QString &line : lines) {
        const Gui::HighlightedLine result = highlighter->highlightLine(language, line, state);
        state = result.state;
        QJsonArray ranges;
        for (const HighlightRange &range : result.ranges)
            ranges.append(QJsonArray{range.start, range.length, int(range.kind)});
        out.write(QJsonDocument(ranges).toJson(QJsonDocument::Compact) + '\n');
    }
    return 0;
}

struct ChildRun
{
    bool finished = false;
    int exitCode = -1;
    QString errors;
    QList<QList<HighlightRange>> lines;
};

ChildRun highlightInChild(const QString &languageOrFileName, const QString &sample, int deadlineMs)
{
    ChildRun run;
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments({QString::fromLatin1(childFlag), languageOrFileName});
    QSignalSpy finished(&child, &QProcess::finished);
    child.start();
    child.write(sample.toUtf8());
    child.closeWriteChannel();
    if (!finished.wait(deadlineMs)) {
        child.kill();
        finished.wait(5000);
        return run;
    }
    run.finished = true;
    run.exitCode = child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -1;
    run.errors = QString::fromUtf8(child.readAllStandardError());
    const QList<QByteArray> output = child.readAllStandardOutput().split('\n');
    for (const QByteArray &line : output) {
        if (line.isEmpty())
            continue;
        QList<HighlightRange> ranges;
        for (const QJsonValue &value : QJsonDocument::fromJson(line).array()) {
            const QJsonArray range = value.toArray();
            ranges.append(
                {range.at(0).toInt(), range.at(1).toInt(), TokenKind(range.at(2).toInt())});
        }
        run.lines.append(ranges);
    }
    return run;
}

/// The kind given to exactly token in line, if a range covers exactly it.
std::optional<TokenKind> kindOf(const QString &line,
                                const QList<HighlightRange> &ranges,
                                const QString &token)
{
    for (const HighlightRange &range : ranges) {
        if (QStringView(line).mid(range.start, range.length) == token)
            return range.kind;
    }
    return std::nullopt;
}

/// For comparisons: the kind as an int, -1 for none.
int kindCode(std::optional<TokenKind> kind)
{
    return kind ? int(*kind) : -1;
}

} // namespace

class TestHighlighter final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Gui::Highlighter> m_highlighter;

    bool hasBackend() const { return m_highlighter->backendName() != "plain"_L1; }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_highlighter = Gui::Highlighter::create();
        qInfo().noquote() << "backend:" << m_highlighter->backendName();
        // The definitions are embedded exactly when source-highlight is the backend.
        if (QDir(u":/highlight"_s).exists())
            QCOMPARE(m_highlighter->backendName(), u"source-highlight"_s);
    }

    void shippedDefinitionsHighlightTheirSamples_data()
    {
        QTest::addColumn<QString>("definition");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("sample");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("token");
        QTest::addColumn<int>("kind");

        const QString ts = u"export interface Point {\n"
                           "  readonly x: number; // pixels\n"
                           "}\n"
                           "const p = `template` as Point;\n"_s;
        QTest::newRow("typescript keyword") << u"typescript.lang"_s << u"src/app.ts"_s << ts << 0
                                            << u"interface"_s << int(TokenKind::Keyword);
        QTest::newRow("typescript type") << u"typescript.lang"_s << u"src/app.tsx"_s << ts << 1
                                         << u"number"_s << int(TokenKind::Type);
        QTest::newRow("typescript comment") << u"typescript.lang"_s << u"src/app.ts"_s << ts << 1
                                            << u"// pixels"_s << int(TokenKind::Comment);
        QTest::newRow("typescript template") << u"typescript.lang"_s << u"src/app.ts"_s << ts << 3
                                             << u"`template`"_s << int(TokenKind::String);

        const QString yaml = u"name: build\non:\n  push:\n    branches: [main]\n"
                             "enabled: true # always\n"_s;
        QTest::newRow("yaml key") << u"yaml.lang"_s << u".github/ci.yml"_s << yaml << 0 << u"name"_s
                                  << int(TokenKind::Property);
        QTest::newRow("yaml constant") << u"yaml.lang"_s << u"config.yaml"_s << yaml << 4
                                       << u"true"_s << int(TokenKind::Constant);
        QTest::newRow("yaml comment") << u"yaml.lang"_s << u"config.yaml"_s << yaml << 4
                                      << u"# always"_s << int(TokenKind::Comment);

        const QString markdown = u"# Title\n\nSome **bold** text and `code`.\n"_s;
        QTest::newRow("markdown heading") << u"markdown.lang"_s << u"README.md"_s << markdown << 0
                                          << u"# Title"_s << int(TokenKind::Heading);
        QTest::newRow("markdown code") << u"markdown.lang"_s << u"docs/guide.markdown"_s << markdown
                                       << 2 << u"`code`"_s << int(TokenKind::String);

        const QString cmake = u"if(WIN32)\n  add_library(app STATIC main.cpp)\nendif()\n"_s;
        QTest::newRow("cmake keyword") << u"cmake.lang"_s << u"CMakeLists.txt"_s << cmake << 0
                                       << u"if"_s << int(TokenKind::Keyword);
        QTest::newRow("cmake command") << u"cmake.lang"_s << u"cmake/Common.cmake"_s << cmake << 1
                                       << u"add_library"_s << int(TokenKind::Function);
        QTest::newRow("cmake argument") << u"cmake.lang"_s << u"CMakeLists.txt"_s << cmake << 1
                                        << u"STATIC"_s << int(TokenKind::Type);

        const QString toml = u"[package]\nname = \"forge\" # the crate\nversion = 1\n"_s;
        QTest::newRow("toml table") << u"toml.lang"_s << u"Cargo.toml"_s << toml << 0
                                    << u"[package]"_s << int(TokenKind::Keyword);
        QTest::newRow("toml key") << u"toml.lang"_s << u"Cargo.toml"_s << toml << 1 << u"name"_s
                                  << int(TokenKind::Property);
        QTest::newRow("toml string") << u"toml.lang"_s << u"Cargo.toml"_s << toml << 1
                                     << u"\"forge\""_s << int(TokenKind::String);

        const QString docker = u"FROM debian:12 AS build\nRUN make && make install\n"_s;
        QTest::newRow("dockerfile instruction") << u"dockerfile.lang"_s << u"Dockerfile"_s << docker
                                                << 0 << u"FROM"_s << int(TokenKind::Keyword);
        QTest::newRow("dockerfile stage") << u"dockerfile.lang"_s << u"build/Dockerfile.dev"_s
                                          << docker << 0 << u"AS"_s << int(TokenKind::Keyword);
        QTest::newRow("dockerfile operator") << u"dockerfile.lang"_s << u"Containerfile"_s << docker
                                             << 1 << u"&&"_s << int(TokenKind::Operator);
    }

    void shippedDefinitionsHighlightTheirSamples()
    {
        if (!hasBackend())
            QSKIP("built without a highlighting library");
        QFETCH(QString, definition);
        QFETCH(QString, fileName);
        QFETCH(QString, sample);
        QFETCH(int, line);
        QFETCH(QString, token);
        QFETCH(int, kind);

        const QString language = m_highlighter->languageForFileName(fileName);
        if (m_highlighter->backendName() == "source-highlight"_L1) {
            // Ours, as written to disk from the resources, not some other file of that name.
            QCOMPARE(QFileInfo(language).fileName(), definition);
            QFile onDisk(language);
            QFile embedded(u":/highlight/"_s + definition);
            QVERIFY(onDisk.open(QIODevice::ReadOnly) && embedded.open(QIODevice::ReadOnly));
            QCOMPARE(onDisk.readAll(), embedded.readAll());
        }
        const ChildRun run = highlightInChild(fileName, sample, definitionDeadlineMs);
        QVERIFY2(run.finished,
                 qPrintable(u"%1 did not finish within %2 ms: it loops"_s.arg(definition)
                                .arg(definitionDeadlineMs)));
        QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
        const QStringList lines = sample.split(u'\n');
        QCOMPARE(run.lines.size(), lines.size());
        const auto found = kindOf(lines.at(line), run.lines.at(line), token);
        QVERIFY2(found, qPrintable(u"no range for %1"_s.arg(token)));
        QCOMPARE(int(*found), kind);
    }

    void everyShippedDefinitionIsTested()
    {
        QStringList shipped = QDir(u":/highlight"_s).entryList({u"*.lang"_s}, QDir::Files);
        if (shipped.isEmpty())
            QSKIP("no definitions are embedded in this build");
        QStringList sampled = sampledDefinitions;
        shipped.sort();
        sampled.sort();
        QCOMPARE(shipped, sampled);
    }

    void loopingDefinitionFailsInsteadOfHanging()
    {
        if (m_highlighter->backendName() != "source-highlight"_L1)
            QSKIP("a source-highlight pitfall");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile definition(dir.filePath(u"loops.lang"_s));
        QVERIFY(definition.open(QIODevice::WriteOnly));
        // A lone "|" in a string list is an empty alternative: the highlighter never advances.
        definition.write("keyword = \"foo|bar\"\nsymbol = \"+\",\"|\"\n");
        definition.close();
        const ChildRun run = highlightInChild(definition.fileName(), u"foo + bar | baz\n"_s, 3000);
        QVERIFY(!run.finished);
    }

    void utf8OffsetsBecomeUtf16()
    {
        if (!hasBackend())
            QSKIP("built without a highlighting library");
        const QString language = m_highlighter->languageForFileName(u"tool.py"_s);
        QVERIFY(!language.isEmpty());
        QVERIFY(m_highlighter->prepare(language).has_value());
        // Two-byte, three-byte and four-byte (surrogate pair) characters before the tokens.
        const QString line = u"s = \"héllo wörld € 😀\"  # ça va 😀 def"_s;
        const Gui::HighlightedLine result = m_highlighter->highlightLine(language, line, 0);
        const QString string = u"\"héllo wörld € 😀\""_s;
        const QString comment = u"# ça va 😀 def"_s;
        QCOMPARE(kindCode(kindOf(line, result.ranges, string)), int(TokenKind::String));
        QCOMPARE(kindCode(kindOf(line, result.ranges, comment)), int(TokenKind::Comment));
        for (const HighlightRange &range : result.ranges)
            QVERIFY(range.start >= 0 && range.start + range.length <= line.size());
    }

    void stateCarriesBlockCommentsAcrossLines()
    {
        if (!hasBackend())
            QSKIP("built without a highlighting library");
        const QString language = m_highlighter->languageForFileName(u"main.cpp"_s);
        QVERIFY(!language.isEmpty());
        const QString first = u"int a; /* starts here"_s;
        const QString second = u"   still a comment */ return b;"_s;
        const auto one = m_highlighter->highlightLine(language,
                                                      first,
                                                      Gui::Highlighter::initialState);
        QVERIFY(one.state != Gui::Highlighter::initialState);
        const auto two = m_highlighter->highlightLine(language, second, one.state);
        QCOMPARE(kindCode(kindOf(second, two.ranges, u"   still a comment */"_s)),
                 int(TokenKind::Comment));
        QCOMPARE(kindCode(kindOf(second, two.ranges, u"return"_s)), int(TokenKind::Keyword));
        QCOMPARE(two.state, Gui::Highlighter::initialState);
        // The same line from the start of a file is code, not a comment.
        const auto fresh = m_highlighter->highlightLine(language, second, 0);
        QCOMPARE(kindCode(kindOf(second, fresh.ranges, u"   still a comment */"_s)), -1);
    }

    void fileNamesChooseLanguages()
    {
        if (!hasBackend())
            QSKIP("built without a highlighting library");
        QVERIFY(!m_highlighter->languageForFileName(u"core/engine.cpp"_s).isEmpty());
        QVERIFY(!m_highlighter->languageForFileName(u"scripts/Makefile"_s).isEmpty());
        QVERIFY(!m_highlighter->languageForFileName(u"a/b/s.cpp"_s).endsWith(u"/s.lang"_s));
        QCOMPARE(m_highlighter->languageForFileName(u"data.unknownext"_s), QString());
        QCOMPARE(m_highlighter->languageForFileName(u"notes.txt"_s), QString());
        QCOMPARE(m_highlighter->languageForFileName(u"LICENSE"_s), QString());
    }

    void unknownLanguagesGiveNoRanges()
    {
        const QString language = m_highlighter->languageForFileName(u"data.unknownext"_s);
        QCOMPARE(language, QString());
        const auto result = m_highlighter->highlightLine(language, u"int main() { return 0; }"_s, 0);
        QVERIFY(result.ranges.isEmpty());
        QCOMPARE(result.state, Gui::Highlighter::initialState);

        auto plain = Gui::Highlighter::createPlain();
        QCOMPARE(plain->languageForFileName(u"main.cpp"_s), QString());
        QVERIFY(plain->highlightLine(u"anything"_s, u"int x;"_s, 0).ranges.isEmpty());
    }

    void brokenDefinitionsAreReported()
    {
        if (m_highlighter->backendName() != "source-highlight"_L1)
            QSKIP("source-highlight definitions");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile definition(dir.filePath(u"broken.lang"_s));
        QVERIFY(definition.open(QIODevice::WriteOnly));
        definition.write("keyword = '(unclosed'\n");
        definition.close();
        const auto prepared = m_highlighter->prepare(definition.fileName());
        QVERIFY(!prepared);
        QVERIFY(!prepared.error().message.isEmpty());
        QVERIFY(m_highlighter->highlightLine(definition.fileName(), u"x"_s, 0).ranges.isEmpty());
        QVERIFY(!m_highlighter->prepare(dir.filePath(u"missing.lang"_s)));
    }
};

int main(int argc, char **argv)
{
    if (argc >= 3 && qstrcmp(argv[1], childFlag) == 0)
        return runChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestHighlighter test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_highlighter.moc"
