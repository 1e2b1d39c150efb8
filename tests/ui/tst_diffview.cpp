// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
// The diff view against a real engine, a real repository and real attempts: the agents are shell
// one-liners that copy prepared files into their worktrees (any CLI is an agent to Forgedesk).
#include "core/attemptservice.h"
#include "core/deliveryservice.h"
#include "core/engine.h"
#include "core/gitprocess.h"
#include "core/projectservice.h"
#include "tests/support/futures.h"
#include "tests/support/scriptedengine.h"
#include "ui/diffdocument.h"
#include "ui/difftextview.h"
#include "ui/diffview.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <cmath>

using namespace Qt::StringLiterals;
using Gui::DiffDocument;
using Gui::DiffLayout;
using Gui::DiffLineRef;
using Gui::DiffView;

namespace {

constexpr int attemptTimeoutMs = 30000;

const QByteArray mainCpp = "#include <iostream>\n"
                           "\n"
                           "// Prints a greeting.\n"
                           "int main(int argc, char **argv)\n"
                           "{\n"
                           "    const char *name = argc > 1 ? argv[1] : \"world\";\n"
                           "    std::cout << \"Hello, \" << name << \"!\\n\";\n"
                           "    return 0;\n"
                           "}\n";
const QByteArray toolPy = "def greet(name):\n"
                          "    \"\"\"Say hello.\"\"\"\n"
                          "    return f\"Hello, {name}!\"\n"
                          "\n"
                          "\n"
                          "if __name__ == \"__main__\":\n"
                          "    print(greet(\"world\"))\n";
const QByteArray readme = "# Diff view test\n"
                          "\n"
                          "A project for the diff view.\n"
                          "It has three files – and a binary one.\n";

bool write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QString git(const QString &dir, const QStringList &args)
{
    auto out = Core::GitProcess::run(dir, args);
    return out && out->ok() ? QString::fromUtf8(out->out).trimmed() : u"<git failed>"_s;
}

/// A profile whose agent copies source's files into its worktree. Follow-ups (they run the same
/// command, on the agent's commit) also append their prompt to review.log.
QJsonObject copyingAgent(const QString &source)
{
    const QString script
        = u"cp -R '%1'/. . && if git log -1 --format=%B | grep -q 'Forgedesk attempt'; "
          "then printf '%s\\n' \"$1\" >> review.log; fi"_s.arg(source);
    const QJsonArray args{u"-c"_s, script, u"sh"_s, u"{prompt}"_s};
    return QJsonObject{{u"binary"_s, u"/bin/sh"_s}, {u"args"_s, args}, {u"logFormat"_s, u"plain"_s}};
}

template<typename T>
T *visibleChild(const QObject *parent, const QString &name = {})
{
    for (T *child : parent->findChildren<T *>(name)) {
        if (child->isVisible())
            return child;
    }
    return nullptr;
}

/// WCAG's contrast ratio of two opaque colours (1 to 21; body text wants at least 4.5).
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
               + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor text(0xe2, 0xe4, 0xe8);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, QColor(0x1f, 0x21, 0x24));
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x36, 0x39, 0x3d));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xcf));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    return palette;
}

int lineRows(const DiffDocument &document, DiffLayout layout)
{
    int count = 0;
    for (const DiffDocument::Row &row : document.rows(layout))
        count += row.kind == DiffDocument::RowKind::Line ? 1 : 0;
    return count;
}

} // namespace

class TestDiffView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_sources;
    std::unique_ptr<Test::ScriptedEngine> m_fixture;

    Core::Engine &engine() const { return *m_fixture->engine; }

    std::optional<Core::Attempt> attempt(const QString &title, const QString &agent)
    {
        auto finished = m_fixture->finishedAttempt(title, agent);
        if (finished && finished->status != Core::AttemptStatus::Completed)
            return std::nullopt;
        return finished;
    }

    /// Shows view on attempt and waits until its diff, branch status and attempt are in.
    static bool load(DiffView &view, const Core::AttemptId &id)
    {
        QSignalSpy loaded(&view, &DiffView::diffLoaded);
        view.setAttempt(id);
        return loaded.wait(attemptTimeoutMs) && QTest::qWaitFor([&view] {
                   return !view.isLoading()
                          && view.findChild<QPushButton *>(u"diffMerge"_s)->isEnabled();
               });
    }

    /// The prompts of the attempt's agent processes, oldest first.
    QStringList prompts(const Core::AttemptId &id)
    {
        QStringList result;
        const auto processes = Test::await(engine().attempts().processesOf(id));
        if (!processes || !*processes)
            return result;
        for (const Core::ExecutionProcess &process : **processes) {
            if (process.kind == Core::ProcessKind::Agent)
                result.append(process.prompt);
        }
        return result;
    }

    static void saveScreenshot(QWidget &widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("FORGEDESK_SCREENSHOTS");
        if (dir.isEmpty())
            return;
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(widget.grab().save(dir + u'/' + name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setStyle(u"Fusion"_s);
        // Pull requests must fail here for want of a token, never reach GitHub.
        qunsetenv("GITHUB_TOKEN");
        QVERIFY(m_sources.isValid());
        const QString changes = m_sources.filePath(u"changes"_s);
        QVERIFY(write(changes + u"/src/main.cpp"_s, mainCpp));
        QVERIFY(write(changes + u"/tool.py"_s, toolPy));
        QVERIFY(write(changes + u"/README.md"_s, readme));
        QVERIFY(write(changes + u"/data.bin"_s, QByteArray("\0\1\2\3binary\0", 12)));
        const QString conflict = m_sources.filePath(u"conflict"_s);
        QVERIFY(write(conflict + u"/notes/conflict.txt"_s, "written by the agent\n"));
    }

    /// A fresh engine and repository per test: merges must not leak into the next test.
    void init()
    {
        QSettings().clear();
        // 20,000 changed lines in four files (one file over 10,000 lines would be "too large").
        const QJsonArray
            bigArgs{u"-c"_s,
                    u"for f in 1 2 3 4; do awk -v f=$f 'BEGIN { for (n = 1; n <= 5000; n++) "
                    "printf \"value_%d_%d = compute(%d, \\\"text\\\")  # line %d\\n\", f, n, n, n }' "
                    "> generated_$f.py; done"_s,
                    u"sh"_s,
                    u"{prompt}"_s};
        const QJsonObject profiles{{u"writer"_s, copyingAgent(m_sources.filePath(u"changes"_s))},
                                   {u"conflicting"_s,
                                    copyingAgent(m_sources.filePath(u"conflict"_s))},
                                   {u"big"_s,
                                    QJsonObject{{u"binary"_s, u"/bin/sh"_s},
                                                {u"args"_s, bigArgs},
                                                {u"logFormat"_s, u"plain"_s}}}};
        m_fixture = Test::ScriptedEngine::open(profiles);
        QVERIFY(m_fixture);
    }

    void cleanup() { m_fixture.reset(); }

    void listsFilesWithTheirCounts()
    {
        const auto changed = attempt(u"Greet people"_s, u"writer"_s);
        QVERIFY(changed);
        DiffView view(engine());
        QVERIFY(load(view, changed->id));

        auto *files = view.findChild<QListWidget *>(u"diffFiles"_s);
        QVERIFY(files);
        QCOMPARE(files->count(), 4);
        QHash<QString, std::pair<int, int>> counts;
        for (int i = 0; i < files->count(); ++i) {
            const QListWidgetItem *item = files->item(i);
            counts.insert(item->data(DiffView::PathRole).toString(),
                          {item->data(DiffView::AdditionsRole).toInt(),
                           item->data(DiffView::DeletionsRole).toInt()});
        }
        QCOMPARE(counts.value(u"src/main.cpp"_s), std::pair(9, 0));
        QCOMPARE(counts.value(u"tool.py"_s), std::pair(7, 0));
        QCOMPARE(counts.value(u"README.md"_s), std::pair(4, 1));
        QVERIFY(counts.contains(u"data.bin"_s));
        // What git itself counts for the branch.
        const QString numstat
            = git(m_fixture->repo.path(),
                  {u"diff"_s, u"--numstat"_s, changed->baseCommit, changed->branch});
        for (const QString &line : numstat.split(u'\n')) {
            const QStringList fields = line.split(u'\t');
            QCOMPARE(fields.size(), 3);
            if (fields.at(0) == "-"_L1)
                continue; // binary
            QCOMPARE(counts.value(fields.at(2)),
                     std::pair(fields.at(0).toInt(), fields.at(1).toInt()));
        }
        const int binary = view.document().indexOfPath(u"data.bin"_s);
        QVERIFY(view.document().file(binary).binary);
        QVERIFY(view.findChild<QLabel *>(u"diffSummary"_s)->text().contains(u"4 files changed"_s));
    }

    void bothLayoutsShowTheLines()
    {
        const auto changed = attempt(u"Both layouts"_s, u"writer"_s);
        QVERIFY(changed);
        DiffView view(engine());
        view.resize(1100, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(load(view, changed->id));
        auto *text = view.findChild<Gui::DiffTextView *>();
        const DiffDocument &document = view.document();
        const int cpp = document.indexOfPath(u"src/main.cpp"_s);
        const int markdown = document.indexOfPath(u"README.md"_s);

        // Unified: every hunk line once; 9 + 7 + (1 removed + 4 added).
        view.setDiffLayout(DiffLayout::Unified);
        QCOMPARE(lineRows(document, DiffLayout::Unified), 21);
        QStringList shown;
        for (int i = 0; i < document.lineCount(cpp); ++i)
            shown.append(document.text({cpp, i}));
        QCOMPARE(shown.join(u'\n') + u'\n', QString::fromUtf8(mainCpp));
        const DiffLineRef cout = document.find(cpp, 7, false);
        QVERIFY(cout.isValid());
        QVERIFY(document.text(cout).contains(u"std::cout"_s));
        // Added lines are painted on a green tint, whatever the palette (the current line, the
        // next one, is tinted with the selection colour as well).
        text->scrollToLine(document.find(cpp, 8, false));
        const QRect coutRow = text->rowRect(text->rowOf(cout));
        QVERIFY(coutRow.intersects(text->viewport()->rect()));
        const QImage unified = text->viewport()->grab().toImage();
        const QColor tint = unified.pixelColor(coutRow.right() - 4, coutRow.center().y());
        QVERIFY2(tint.green() > tint.red() && tint.green() > tint.blue(), qPrintable(tint.name()));

        // Side by side: the removed heading faces the new one; added lines have no left side.
        view.setDiffLayout(DiffLayout::SideBySide);
        QCOMPARE(text->layoutMode(), DiffLayout::SideBySide);
        QCOMPARE(lineRows(document, DiffLayout::SideBySide), 9 + 7 + 4);
        const DiffLineRef removed = document.find(markdown, 1, true);
        const DiffLineRef added = document.find(markdown, 1, false);
        QVERIFY(removed.isValid() && added.isValid());
        QCOMPARE(document.text(removed), u"# test repository"_s);
        QCOMPARE(document.text(added), u"# Diff view test"_s);
        const DiffDocument::Row &pair = text->row(text->rowOf(removed));
        QCOMPARE(pair.left, removed.line);
        QCOMPARE(pair.right, added.line);
        QCOMPARE(text->row(text->rowOf(cout)).left, -1);
        text->scrollToLine(document.find(markdown, 2, false));
        const QRect pairRow = text->rowRect(text->rowOf(removed));
        QCOMPARE(text->lineAt(QPoint(10, pairRow.center().y())), removed);
        QCOMPARE(text->lineAt(QPoint(text->viewport()->width() - 10, pairRow.center().y())), added);
        const QImage split = text->viewport()->grab().toImage();
        const QColor left = split.pixelColor(text->viewport()->width() / 2 - 4,
                                             pairRow.center().y());
        const QColor right = split.pixelColor(text->viewport()->width() - 4, pairRow.center().y());
        QVERIFY2(left.red() > left.green(), qPrintable(left.name()));
        QVERIFY2(right.green() > right.red(), qPrintable(right.name()));

        // The layout is remembered.
        DiffView second(engine());
        QCOMPARE(second.diffLayout(), DiffLayout::SideBySide);
    }

    void codeIsHighlightedByLanguage()
    {
        const auto changed = attempt(u"Highlighted"_s, u"writer"_s);
        QVERIFY(changed);
        DiffView view(engine());
        QVERIFY(load(view, changed->id));
        const DiffDocument &document = view.document();
        const int cpp = document.indexOfPath(u"src/main.cpp"_s);
        const int python = document.indexOfPath(u"tool.py"_s);
        if (Gui::Highlighter::create()->backendName() == "plain"_L1)
            QSKIP("built without a highlighting library");
        QTRY_VERIFY_WITH_TIMEOUT(document.isHighlighted(cpp) && document.isHighlighted(python),
                                 10000);
        const auto rangeAt = [&document](DiffLineRef line, const QString &token) {
            const QString text = document.text(line);
            for (const Gui::HighlightRange &range : document.highlights(line)) {
                if (QStringView(text).mid(range.start, range.length) == token)
                    return int(range.kind);
            }
            return -1;
        };
        QCOMPARE(rangeAt(document.find(cpp, 8, false), u"return"_s), int(Gui::TokenKind::Keyword));
        QCOMPARE(rangeAt(document.find(cpp, 3, false), u"// Prints a greeting."_s),
                 int(Gui::TokenKind::Comment));
        QCOMPARE(rangeAt(document.find(python, 1, false), u"def"_s), int(Gui::TokenKind::Keyword));
        // The view paints them.
        QVERIFY(!view.findChild<Gui::DiffTextView *>()
                     ->formatsOf(document.find(cpp, 8, false))
                     .isEmpty());
        // A binary file has nothing to highlight.
        QVERIFY(!document.isHighlighted(document.indexOfPath(u"data.bin"_s)));
    }

    void mergeButtonLandsOnTheBaseBranch()
    {
        const auto changed = attempt(u"Merge me"_s, u"writer"_s);
        QVERIFY(changed);
        DiffView view(engine());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(load(view, changed->id));
        auto *strategy = view.findChild<QComboBox *>(u"diffMergeStrategy"_s);
        strategy->setCurrentIndex(strategy->findData(int(Core::MergeStrategy::NoFastForward)));
        auto *merge = view.findChild<QPushButton *>(u"diffMerge"_s);
        QCOMPARE(merge->text(), u"Merge into main"_s);
        QSignalSpy merged(&view, &DiffView::merged);
        QSignalSpy finished(&view, &DiffView::actionFinished);
        QTest::mouseClick(merge, Qt::LeftButton);
        QVERIFY(view.isBusy());
        QVERIFY(!merge->isEnabled());
        QVERIFY(finished.wait(attemptTimeoutMs));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(merged.size(), 1);
        const QString commit = merged.at(0).at(1).toString();
        QVERIFY(!view.isBusy());
        QVERIFY(view.findChild<QLabel *>(u"diffMessage"_s)->text().contains(u"Merged into main"_s));

        // On the base branch: a merge commit whose second parent is the attempt's branch.
        const QString repo = m_fixture->repo.path();
        QCOMPARE(git(repo, {u"rev-parse"_s, u"main"_s}), commit);
        QCOMPARE(git(repo, {u"rev-parse"_s, u"main^2"_s}),
                 git(repo, {u"rev-parse"_s, changed->branch}));
        QVERIFY(git(repo, {u"log"_s, u"--format=%H"_s, u"main"_s}).split(u'\n').contains(commit));
        QCOMPARE(git(repo, {u"show"_s, u"main:src/main.cpp"_s}) + u'\n', QString::fromUtf8(mainCpp));
        // Merged: no second merge.
        QTRY_VERIFY(!merge->isEnabled());
        QSettings settings;
        QCOMPARE(settings.value(u"ui/mergeStrategy"_s).toString(), u"no-ff"_s);
    }

    void conflictsAreShownAndHandedToTheAgent()
    {
        const auto changed = attempt(u"Conflicting"_s, u"conflicting"_s);
        QVERIFY(changed);
        // Meanwhile the base branch got the same file with other content.
        QVERIFY(m_fixture->repo.commitFile(u"notes/conflict.txt"_s,
                                           "written on main\n",
                                           u"Conflicting change on main"_s));
        DiffView view(engine());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(load(view, changed->id));
        auto *panel = view.findChild<QWidget *>(u"diffConflicts"_s);
        QTRY_VERIFY(panel->isVisible());
        auto *conflictFiles = view.findChild<QListWidget *>(u"diffConflictFiles"_s);
        QCOMPARE(conflictFiles->count(), 1);
        QCOMPARE(conflictFiles->item(0)->text(), u"notes/conflict.txt"_s);
        QVERIFY(view.findChild<QLabel *>(u"diffConflictTitle"_s)->text().contains(u"main"_s));

        // Merging fails, and says why.
        const QString before = git(m_fixture->repo.path(), {u"rev-parse"_s, u"main"_s});
        QSignalSpy finished(&view, &DiffView::actionFinished);
        QTest::mouseClick(view.findChild<QPushButton *>(u"diffMerge"_s), Qt::LeftButton);
        QVERIFY(finished.wait(attemptTimeoutMs));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        const QString error = finished.at(0).at(1).toString();
        QVERIFY2(error.startsWith(u"Could not merge: "_s), qPrintable(error));
        QVERIFY2(error.contains(u"conflict"_s, Qt::CaseInsensitive), qPrintable(error));
        QVERIFY(view.findChild<QWidget *>(u"diffMessageBar"_s)->isVisible());
        QCOMPARE(view.findChild<QLabel *>(u"diffMessage"_s)->text(), error.toHtmlEscaped());
        QCOMPARE(git(m_fixture->repo.path(), {u"rev-parse"_s, u"main"_s}), before);

        // The agent gets the files to resolve.
        QSignalSpy followed(&view, &DiffView::followUpStarted);
        QTest::mouseClick(view.findChild<QPushButton *>(u"diffHandToAgent"_s), Qt::LeftButton);
        QVERIFY(followed.wait(attemptTimeoutMs));
        const QStringList sent = prompts(changed->id);
        QCOMPARE(sent.size(), 2);
        QVERIFY(sent.constLast().contains(u"- notes/conflict.txt"_s));
        QVERIFY(sent.constLast().contains(u"main"_s));
        QVERIFY(m_fixture->waitFinished(changed->id, attemptTimeoutMs));
        QTRY_VERIFY(view.findChild<QPushButton *>(u"diffRebase"_s)->isEnabled());

        // A rebase stops on the conflict and leaves it in the worktree; it can be aborted here.
        QTest::mouseClick(view.findChild<QPushButton *>(u"diffRebase"_s), Qt::LeftButton);
        QVERIFY(finished.wait(attemptTimeoutMs));
        QVERIFY(
            view.findChild<QLabel *>(u"diffMessage"_s)->text().contains(u"stopped on conflicts"_s));
        auto *abort = view.findChild<QPushButton *>(u"diffAbortConflict"_s);
        QTRY_VERIFY(abort->isVisible());
        QVERIFY(view.findChild<QLabel *>(u"diffConflictTitle"_s)->text().contains(u"rebase"_s));
        QCOMPARE(git(changed->worktreePath, {u"status"_s, u"--porcelain"_s}).left(2), u"AA"_s);
        QTest::mouseClick(abort, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!abort->isVisible(), attemptTimeoutMs);
        QVERIFY(panel->isVisible()); // merging would still conflict
        QCOMPARE(git(changed->worktreePath, {u"status"_s, u"--porcelain"_s}), QString());
    }

    void failuresOfOtherActionsAreShown()
    {
        const auto changed = attempt(u"Hand it on"_s, u"writer"_s);
        QVERIFY(changed);
        DiffView view(engine());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(load(view, changed->id));
        QSignalSpy finished(&view, &DiffView::actionFinished);
        auto *message = view.findChild<QLabel *>(u"diffMessage"_s);

        // No "origin" in the test repository.
        QTest::mouseClick(view.findChild<QPushButton *>(u"diffPush"_s), Qt::LeftButton);
        QVERIFY(finished.wait(attemptTimeoutMs));
        QCOMPARE(finished.constLast().at(0).toBool(), false);
        QVERIFY2(message->text().startsWith(u"Could not push: "_s), qPrintable(message->text()));

        // The pull request dialog starts from the task; GitHub is not configured here.
        QTest::mouseClick(view.findChild<QPushButton *>(u"diffCreatePr"_s), Qt::LeftButton);
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visibleChild<QDialog>(&view, u"pullRequestDialog"_s)));
        QCOMPARE(dialog->findChild<QLineEdit *>(u"pullRequestTitle"_s)->text(), u"Hand it on"_s);
        QCOMPARE(dialog->findChild<QLineEdit *>(u"pullRequestBase"_s)->text(), u"main"_s);
        dialog->accept();
        QVERIFY(finished.wait(attemptTimeoutMs));
        QCOMPARE(finished.constLast().at(0).toBool(), false);
        QVERIFY2(message->text().startsWith(u"Could not open the pull request: "_s),
                 qPrintable(message->text()));

        // An editor that is not installed.
        QVERIFY(Test::await(engine().updateSettings(
                                {{u"editor"_s, u"custom"_s},
                                 {u"editorCommand"_s, u"/nonexistent/editor {path}"_s}}))
                    ->has_value());
        QTest::mouseClick(view.findChild<QPushButton *>(u"diffOpenEditor"_s), Qt::LeftButton);
        QVERIFY(view.isBusy());
        QVERIFY(finished.wait(attemptTimeoutMs));
        QCOMPARE(finished.constLast().at(0).toBool(), false);
        QVERIFY2(message->text().startsWith(u"Could not open the editor: "_s),
                 qPrintable(message->text()));
        QVERIFY(view.findChild<QWidget *>(u"diffMessageBar"_s)->isVisible());
        QTest::mouseClick(view.findChild<QToolButton *>(u"diffMessageClose"_s), Qt::LeftButton);
        QVERIFY(!view.findChild<QWidget *>(u"diffMessageBar"_s)->isVisible());
    }

    void lineCommentsBecomeOneFollowUp()
    {
        const auto changed = attempt(u"Comment on me"_s, u"writer"_s);
        QVERIFY(changed);
        DiffView view(engine());
        view.resize(1100, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(load(view, changed->id));
        auto *text = view.findChild<Gui::DiffTextView *>();
        const DiffDocument &document = view.document();
        const int cpp = document.indexOfPath(u"src/main.cpp"_s);
        const int python = document.indexOfPath(u"tool.py"_s);
        const int markdown = document.indexOfPath(u"README.md"_s);

        // Double-click a line: a small editor asks for the comment.
        const DiffLineRef cout = document.find(cpp, 7, false);
        text->scrollToLine(cout);
        const QRect row = text->rowRect(text->rowOf(cout));
        QTest::mouseDClick(text->viewport(),
                           Qt::LeftButton,
                           {},
                           QPoint(row.width() / 2, row.center().y()));
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visibleChild<QDialog>(&view, u"lineCommentDialog"_s)));
        auto *edit = dialog->findChild<QPlainTextEdit *>(u"lineCommentText"_s);
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        edit->setPlainText(u"Use std::format here."_s);
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_COMPARE(view.comments().size(), 1);

        // Enter on the current line does the same.
        text->scrollToLine(document.find(python, 3, false));
        text->setFocus();
        QTest::keyClick(text, Qt::Key_Return);
        QTRY_VERIFY((dialog = visibleChild<QDialog>(&view, u"lineCommentDialog"_s)));
        dialog->findChild<QPlainTextEdit *>(u"lineCommentText"_s)
            ->setPlainText(u"Name the greeting\nin one place."_s);
        dialog->accept();
        QTRY_COMPARE(view.comments().size(), 2);

        // And on a removed line, numbered as in the old file.
        view.addComment(document.find(markdown, 1, true), u"Keep the old heading."_s);
        const QList<DiffView::LineComment> comments = view.comments();
        QCOMPARE(comments.size(), 3);
        QCOMPARE(comments.at(0).path, u"src/main.cpp"_s);
        QCOMPARE(comments.at(0).line, 7);
        QCOMPARE(comments.at(1).path, u"tool.py"_s);
        QCOMPARE(comments.at(1).line, 3);
        QVERIFY(comments.at(2).oldSide);
        auto *list = view.findChild<QListWidget *>(u"diffComments"_s);
        QCOMPARE(list->count(), 3);

        QSignalSpy followed(&view, &DiffView::followUpStarted);
        QTest::mouseClick(view.findChild<QPushButton *>(u"diffSendComments"_s), Qt::LeftButton);
        QVERIFY(followed.wait(attemptTimeoutMs));
        QVERIFY(view.comments().isEmpty());
        QCOMPARE(list->count(), 0);
        const QStringList sent = prompts(changed->id);
        QCOMPARE(sent.size(), 2); // the task, then exactly one follow-up
        const QString prompt = sent.constLast();
        QVERIFY(prompt.contains(u"src/main.cpp:7: Use std::format here."_s));
        QVERIFY(prompt.contains(u"tool.py:3: Name the greeting\n  in one place."_s));
        QVERIFY(prompt.contains(u"README.md:1 (removed line): Keep the old heading."_s));
        QVERIFY(m_fixture->waitFinished(changed->id, attemptTimeoutMs));
        // The agent's answer shows without a manual reload: the attempt's events trigger one.
        QTRY_VERIFY_WITH_TIMEOUT(document.indexOfPath(u"review.log"_s) >= 0, attemptTimeoutMs);
        QCOMPARE(document.fileCount(), 5);
    }

    void approvalIsAnsweredFromTheView()
    {
        Core::ProjectPatch patch;
        patch.mergeRequiresApproval = true;
        const auto updated = Test::await(engine().projects().update(m_fixture->project.id, patch));
        QVERIFY(updated && *updated);
        const auto changed = attempt(u"Needs approval"_s, u"writer"_s);
        QVERIFY(changed);
        DiffView view(engine());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(load(view, changed->id));
        auto *approve = view.findChild<QPushButton *>(u"diffApprove"_s);
        auto *merge = view.findChild<QPushButton *>(u"diffMerge"_s);
        QVERIFY(!approve->isVisible());

        // The first merge asks for approval: refused, and the Approve button appears.
        QSignalSpy finished(&view, &DiffView::actionFinished);
        QTest::mouseClick(merge, Qt::LeftButton);
        QVERIFY(finished.wait(attemptTimeoutMs));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(finished.at(0).at(1).toString().contains(u"approv"_s));
        QTRY_VERIFY(approve->isVisible());
        QTest::mouseClick(approve, Qt::LeftButton);
        QVERIFY(finished.wait(attemptTimeoutMs));
        QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(finished.at(1).at(1).toString()));
        QTRY_VERIFY(!approve->isVisible());
        QTest::mouseClick(merge, Qt::LeftButton);
        QVERIFY(finished.wait(attemptTimeoutMs));
        QVERIFY2(finished.at(2).at(0).toBool(), qPrintable(finished.at(2).at(1).toString()));
    }

    void readableInLightAndDarkPalettes()
    {
        const auto changed = attempt(u"Light and dark"_s, u"writer"_s);
        QVERIFY(changed);
        DiffView view(engine());
        view.resize(1100, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDiffLayout(DiffLayout::SideBySide);
        QVERIFY(load(view, changed->id));
        auto *text = view.findChild<Gui::DiffTextView *>();
        const DiffDocument &document = view.document();
        const int markdown = document.indexOfPath(u"README.md"_s);
        const DiffLineRef removed = document.find(markdown, 1, true);
        // The current line is tinted with the selection; make another one current.
        text->scrollToLine(document.find(markdown, 3, false));

        for (const bool dark : {false, true}) {
            view.setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
            QApplication::processEvents();
            const QColor foreground = view.palette().color(QPalette::Text);
            const QRect row = text->rowRect(text->rowOf(removed));
            const QImage image = text->viewport()->grab().toImage();
            const QColor deleted = image.pixelColor(text->viewport()->width() / 2 - 4,
                                                    row.center().y());
            const QColor added = image.pixelColor(text->viewport()->width() - 4, row.center().y());
            QVERIFY2(deleted.red() > deleted.green() && deleted.red() > deleted.blue(),
                     qPrintable(deleted.name()));
            QVERIFY2(added.green() > added.red() && added.green() > added.blue(),
                     qPrintable(added.name()));
            QVERIFY2(contrast(foreground, deleted) >= 7, qPrintable(deleted.name()));
            QVERIFY2(contrast(foreground, added) >= 7, qPrintable(added.name()));
            // Dark tints on a dark palette, light ones on a light palette.
            QCOMPARE(added.lightnessF() < 0.5, dark);
            const QString artifacts = qEnvironmentVariable("FORGEDESK_TEST_ARTIFACTS",
                                                           QDir::tempPath());
            QVERIFY(QDir().mkpath(artifacts));
            QVERIFY(view.grab().save(
                artifacts + (dark ? u"/diffview-dark.png"_s : u"/diffview-light.png"_s)));
        }
    }

    void largeDiffsAreShownAndHighlightedInTheBackground()
    {
        // How fast is for bench/, not for a test: here, that it all arrives and paints.
        const auto changed = attempt(u"Generate a lot"_s, u"big"_s);
        QVERIFY(changed);
        DiffView view(engine());
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *text = view.findChild<Gui::DiffTextView *>();
        QSignalSpy loaded(&view, &DiffView::diffLoaded);
        view.setAttempt(changed->id);
        QVERIFY(loaded.wait(attemptTimeoutMs));
        QCOMPARE(view.document().fileCount(), 4);
        QCOMPARE(lineRows(view.document(), DiffLayout::Unified), 20000);
        for (int step = 0; step < 20; ++step) {
            text->verticalScrollBar()->setValue(text->verticalScrollBar()->maximum() * step / 19);
            text->viewport()->repaint();
        }
        view.setDiffLayout(DiffLayout::SideBySide);
        text->viewport()->repaint();
        if (Gui::Highlighter::create()->backendName() == "plain"_L1)
            return;
        QTRY_VERIFY_WITH_TIMEOUT(view.document().isHighlighted(0)
                                     && view.document().isHighlighted(1)
                                     && view.document().isHighlighted(2)
                                     && view.document().isHighlighted(3),
                                 60000);
    }

    void screenshot()
    {
        if (qEnvironmentVariableIsEmpty("FORGEDESK_SCREENSHOTS"))
            QSKIP("set FORGEDESK_SCREENSHOTS=<dir> to write docs/screenshots/diff.png");
        // Older versions on the base branch, so both sides of the view have lines.
        QVERIFY(m_fixture->repo.commitFile(u"src/main.cpp"_s,
                                           "#include <iostream>\n"
                                           "\n"
                                           "int main()\n"
                                           "{\n"
                                           "    std::cout << \"Hello, world!\\n\";\n"
                                           "    return 0;\n"
                                           "}\n",
                                           u"Say hello"_s));
        QVERIFY(m_fixture->repo.commitFile(u"tool.py"_s,
                                           "def greet():\n"
                                           "    return \"Hello!\"\n"
                                           "\n"
                                           "\n"
                                           "if __name__ == \"__main__\":\n"
                                           "    print(greet())\n",
                                           u"Add the tool"_s));
        const auto changed = attempt(u"Greet people by name"_s, u"writer"_s);
        QVERIFY(changed);
        DiffView view(engine());
        view.setWindowTitle(u"Forgedesk"_s);
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDiffLayout(DiffLayout::SideBySide);
        QVERIFY(load(view, changed->id));
        const DiffDocument &document = view.document();
        const int cpp = document.indexOfPath(u"src/main.cpp"_s);
        QTRY_VERIFY_WITH_TIMEOUT(document.isHighlighted(cpp)
                                     && document.isHighlighted(document.indexOfPath(u"tool.py"_s)),
                                 10000);
        view.addComment(document.find(cpp, 7, false), u"Use std::format here."_s);
        view.addComment(document.find(document.indexOfPath(u"README.md"_s), 1, true),
                        u"Keep the old heading."_s);
        auto *text = view.findChild<Gui::DiffTextView *>();
        text->scrollToFile(document.indexOfPath(u"README.md"_s));
        text->scrollToLine(document.find(cpp, 6, false));
        text->verticalScrollBar()->setValue(0);
        QApplication::processEvents();
        saveScreenshot(view, u"diff.png"_s);
    }
};

QTEST_MAIN(TestDiffView)
#include "tst_diffview.moc"
