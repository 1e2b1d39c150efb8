// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attemptservice.h"
#include "core/taskservice.h"
#include "tests/support/agentkit.h"
#include "tests/support/futures.h"
#include "tests/support/scriptedengine.h"
#include "tests/ui/logfixture.h"
#include "ui/logmodel.h"
#include "ui/logview.h"

#include <QApplication>
#include <QDir>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>
#include <QWheelEvent>

using namespace Qt::StringLiterals;
using Gui::LogEntryKind;
using Gui::LogModel;
using Gui::LogView;

namespace {

int firstOfKind(const LogModel &model, LogEntryKind kind, int from = 0)
{
    for (int row = from; row < model.rowCount(); ++row) {
        if (model.info(row).kind == kind)
            return row;
    }
    return -1;
}

/// The last row is on screen, its bottom at the bottom of the viewport.
bool showsTheTail(const LogView &view)
{
    const int last = view.model()->rowCount() - 1;
    const QRect rect = view.visualRect(last);
    const QScrollBar *bar = view.verticalScrollBar();
    // Pinned to the bottom edge, unless everything fits.
    const int bottom = view.viewport()->height() - 1;
    return last >= 0 && bar->value() == bar->maximum()
           && (bar->maximum() == 0 ? rect.bottom() <= bottom : rect.bottom() == bottom);
}

/// A click on the header line of row (where the chevron is).
void clickHeader(LogView &view, int row)
{
    const QRect rect = view.visualRect(row);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, rect.topLeft() + QPoint(60, 12));
}

void wheel(LogView &view, int angle)
{
    const QPointF at(view.viewport()->width() / 2.0, view.viewport()->height() / 2.0);
    QWheelEvent event(at,
                      view.viewport()->mapToGlobal(at),
                      {},
                      QPoint(0, angle),
                      Qt::NoButton,
                      Qt::NoModifier,
                      Qt::NoScrollPhase,
                      false);
    QApplication::sendEvent(view.viewport(), &event);
}

} // namespace

class tst_LogView final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::LogFixture> m_fixture;
    std::unique_ptr<LogModel> m_model;
    std::unique_ptr<LogView> m_view;
    Core::ProcessId m_process;
    int m_next = 0;

    void append(int count)
    {
        m_fixture->append(m_process, Test::LogFixture::entries(u"v"_s, m_next, count));
        m_next += count;
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<Test::LogFixture>();
        QVERIFY(m_fixture->isValid());
        m_process = m_fixture->addProcess();
        m_next = 0;
        m_model = std::make_unique<LogModel>(m_fixture->engine());
        m_view = std::make_unique<LogView>(m_model.get());
        m_view->resize(640, 420);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_model->setAttempt(m_fixture->attemptId());
        QTRY_VERIFY(!m_model->isReplaying());
    }

    void cleanup()
    {
        m_view.reset();
        m_model.reset();
        m_fixture.reset();
    }

    void followsTheTail()
    {
        QVERIFY(m_view->isFollowingTail());
        append(200);
        QTRY_COMPARE(m_model->rowCount(), 200);
        QTRY_VERIFY(showsTheTail(*m_view));
        QVERIFY(m_view->verticalScrollBar()->maximum() > 0);
        append(30);
        QTRY_COMPARE(m_model->rowCount(), 230);
        QTRY_VERIFY(showsTheTail(*m_view));
        QVERIFY(m_view->isFollowingTail());
        QVERIFY(m_view->jumpButton()->isHidden());
        // Hidden (another tab), it lays nothing out; shown again, it is at the tail.
        m_view->hide();
        append(40);
        QTRY_COMPARE(m_model->rowCount(), 270);
        m_view->show();
        QTRY_VERIFY(showsTheTail(*m_view));
    }

    void stopsFollowingWhenScrolledUpAndResumesOnJump()
    {
        append(200);
        QTRY_VERIFY(m_model->rowCount() == 200 && showsTheTail(*m_view));
        QSignalSpy following(m_view.get(), &LogView::followingTailChanged);

        wheel(*m_view, 240); // up
        QVERIFY(!m_view->isFollowingTail());
        QCOMPARE(following.size(), 1);
        QCOMPARE(following.first().first().toBool(), false);
        QVERIFY(m_view->jumpButton()->isVisible());

        // New entries do not move what the user reads.
        const int topRow = m_view->rowAt(QPoint(10, 0));
        const int topY = m_view->visualRect(topRow).top();
        append(40);
        QTRY_COMPARE(m_model->rowCount(), 240);
        QTest::qWait(50);
        QCOMPARE(m_view->rowAt(QPoint(10, 0)), topRow);
        QCOMPARE(m_view->visualRect(topRow).top(), topY);
        QVERIFY(!showsTheTail(*m_view));
        QVERIFY2(m_view->jumpButton()->text().contains(u"40"_s),
                 qPrintable(m_view->jumpButton()->text()));

        QTest::mouseClick(m_view->jumpButton(), Qt::LeftButton);
        QVERIFY(m_view->isFollowingTail());
        QVERIFY(m_view->jumpButton()->isHidden());
        QTRY_VERIFY(showsTheTail(*m_view));
        QCOMPARE(following.size(), 2);

        // Back at the bottom by hand: following again, too.
        m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->value() - 100);
        QVERIFY(!m_view->isFollowingTail());
        wheel(*m_view, -2400); // down, past the end
        QVERIFY(m_view->isFollowingTail());
        append(10);
        QTRY_COMPARE(m_model->rowCount(), 250);
        QTRY_VERIFY(showsTheTail(*m_view));
    }

    void foldingChangesTheRowHeight_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("thinking") << int(LogEntryKind::Thinking);
        QTest::newRow("tool call") << int(LogEntryKind::ToolUse);
        QTest::newRow("command") << int(LogEntryKind::Command);
        QTest::newRow("file edit") << int(LogEntryKind::FileEdit);
    }

    void foldingChangesTheRowHeight()
    {
        QFETCH(int, kind);
        append(60);
        QTRY_COMPARE(m_model->rowCount(), 60);
        const int row = firstOfKind(*m_model, LogEntryKind(kind), 5);
        QVERIFY(row >= 0);
        m_view->scrollToRow(row);
        QTRY_VERIFY(m_view->visualRect(row).top() == 0);
        const int folded = m_view->rowHeight(row);
        QVERIFY(!m_view->isExpanded(row));

        clickHeader(*m_view, row);
        QVERIFY(m_view->isExpanded(row));
        QTRY_VERIFY(m_view->rowHeight(row) > folded);
        const int unfolded = m_view->rowHeight(row);
        QCOMPARE(m_view->visualRect(row).top(), 0); // the header stays put
        QCOMPARE(m_view->visualRect(row + 1).top(), unfolded);

        clickHeader(*m_view, row);
        QVERIFY(!m_view->isExpanded(row));
        QTRY_COMPARE(m_view->rowHeight(row), folded);
        // Assistant text is not folded: a click there changes nothing.
        const int text = firstOfKind(*m_model, LogEntryKind::AssistantMessage, row);
        QVERIFY(text >= 0);
        m_view->scrollToRow(text);
        clickHeader(*m_view, text);
        QVERIFY(!m_view->isExpanded(text));
    }

    void rendersAssistantMarkdown()
    {
        Core::LogEntry entry;
        entry.kind = Core::LogKind::assistantMessage;
        entry.message = u"Plan"_s;
        entry.stream = u"stdout"_s;
        entry.fields = {{u"text"_s,
                         u"## Plan\n\nFix the **tokenizer** first, then run `ctest`:\n\n"
                         "1. one\n2. two\n"_s}};
        m_fixture->append(m_process, {entry});
        QTRY_COMPARE(m_model->rowCount(), 1);
        QTRY_VERIFY(m_view->renderedDocument(0) != nullptr);
        const QTextDocument *document = m_view->renderedDocument(0);
        const QString plain = document->toPlainText();
        QVERIFY2(plain.contains(u"Fix the tokenizer first"_s), qPrintable(plain));
        QVERIFY(!plain.contains(u"**"_s));
        bool bold = false;
        bool code = false;
        qreal headingSize = 0;
        qreal textSize = 0;
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment fragment = it.fragment();
                if (fragment.text() == u"tokenizer"_s)
                    bold = fragment.charFormat().fontWeight() >= QFont::Bold;
                if (fragment.text() == u"Plan"_s)
                    headingSize = fragment.charFormat().font().pointSizeF();
                if (fragment.text().startsWith(u"Fix the"_s))
                    textSize = fragment.charFormat().font().pointSizeF();
                if (fragment.text() == u"ctest"_s)
                    code = fragment.charFormat().fontFixedPitch()
                           || fragment.charFormat().font().fixedPitch();
            }
        }
        QVERIFY(bold);
        QVERIFY(code);
        // Headings a little larger than the text: a log, not a page.
        QVERIFY2(headingSize > textSize && headingSize < textSize * 1.5,
                 qPrintable(u"%1 %2"_s.arg(headingSize).arg(textSize)));
        QVERIFY(document->blockCount() >= 4); // heading, paragraph, two list items
        // Laid out at the view's width, and the row as tall as the document.
        QVERIFY(document->textWidth() > 0 && document->textWidth() < m_view->viewport()->width());
        QTRY_VERIFY(m_view->rowHeight(0) >= int(document->size().height()));

        // A narrower view lays it out again, taller.
        const int before = m_view->rowHeight(0);
        const qreal width = document->textWidth();
        m_view->resize(260, 420);
        QTRY_VERIFY(m_view->renderedDocument(0)->textWidth() < width);
        QTRY_VERIFY(m_view->rowHeight(0) > before);
    }

    void scrollsAHundredThousandEntries()
    {
        const int total = 100'000;
        for (int first = 0; first < total; first += 1000)
            append(1000);
        QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), total, 60000);
        QTRY_VERIFY(showsTheTail(*m_view));
        QScrollBar *bar = m_view->verticalScrollBar();
        QVERIFY(bar->maximum() > 1'000'000);

        // Anywhere in the log costs one screenful of rows to paint: right after the jump (bodies
        // still loading) and once they are there (markdown laid out).
        struct PaintCounter : QObject
        {
            int paints = 0;
            bool eventFilter(QObject *, QEvent *event) override
            {
                paints += event->type() == QEvent::Paint ? 1 : 0;
                return false;
            }
        } counter;
        m_view->viewport()->installEventFilter(&counter);
        for (int step = 0; step <= 20; ++step) {
            bar->setValue(int(qint64(bar->maximum()) * step / 20));
            for (int pass = 0; pass < 2; ++pass) {
                m_view->viewport()->repaint();
                QTest::qWait(20);
            }
        }
        QVERIFY(counter.paints >= 42);
        // Jumping to the middle shows rows from the middle.
        bar->setValue(bar->maximum() / 2);
        const int middle = m_view->rowAt(QPoint(10, 10));
        QVERIFY2(middle > total / 4 && middle < total * 3 / 4, qPrintable(QString::number(middle)));
        QTRY_VERIFY(!m_view->isFollowingTail());
        m_view->scrollToLatest();
        QTRY_VERIFY(showsTheTail(*m_view));
    }

    void darkPaletteStaysReadable()
    {
        append(20);
        QTRY_COMPARE(m_model->rowCount(), 20);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
        dark.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
        dark.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
        m_view->setPalette(dark);
        QTRY_VERIFY(showsTheTail(*m_view));
        const QImage image = m_view->grab().toImage();
        // The background is the dark base and some text pixels are light.
        QCOMPARE(image.pixelColor(image.width() - 30, 2).lightness() < 80, true);
        int light = 0;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2)
                light += image.pixelColor(x, y).lightness() > 160 ? 1 : 0;
        }
        QVERIFY2(light > 200, qPrintable(QString::number(light)));
    }

    void showsARealClaudeRunWhileItRuns()
    {
        if (Test::agentBinDirectory().isEmpty()
            || !QFile::exists(Test::agentBinDirectory() + u"/claude"_s))
            QSKIP("the agent CLIs are not installed (scripts/install-agents)");
        Test::MockModel mock(Test::MockModel::Api::Anthropic, u"logview_session.json"_s);
        QVERIFY(mock.isRunning());
        Test::AgentEnvironment environment(mock);
        auto f = Test::ScriptedEngine::open({});
        QVERIFY(f);
        Core::NewTask task;
        task.projectId = f->project.id;
        task.title = u"Split the fields of a line"_s;
        const auto created = Test::await(f->engine->tasks().create(task));
        QVERIFY(created && *created);
        Core::NewAttempt input;
        input.taskId = (*created)->id;
        input.llm = u"claude"_s;
        const auto attempt = Test::await(f->engine->attempts().create(input));
        QVERIFY(attempt && *attempt);
        const Core::AttemptId id = (*attempt)->id;

        LogModel model(*f->engine);
        LogView view(&model);
        view.resize(860, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        model.setAttempt(id);
        const auto started = Test::await(f->engine->attempts().start(id));
        QVERIFY(started && *started);

        // Entries appear while the agent still works.
        QTRY_VERIFY_WITH_TIMEOUT(firstOfKind(model, LogEntryKind::ToolUse) >= 0, 60000);
        QVERIFY(f->engine->attempts().isActive(id));
        QTRY_VERIFY(showsTheTail(view));
        const int shownWhileRunning = model.rowCount();

        const auto done = f->waitFinished(id, 90000);
        QVERIFY(done);
        QCOMPARE(done->status, Core::AttemptStatus::Completed);
        QVERIFY(model.rowCount() > shownWhileRunning);
        QTRY_VERIFY(showsTheTail(view));

        const int thinking = firstOfKind(model, LogEntryKind::Thinking);
        const int command = firstOfKind(model, LogEntryKind::Command);
        const int edit = firstOfKind(model, LogEntryKind::FileEdit);
        QVERIFY(thinking >= 0 && command >= 0 && edit >= 0);
        QVERIFY(model.summary(edit).endsWith(u"fields.py"_s));
        QCOMPARE(model.index(command).data(LogModel::ExitCodeRole).toInt(), 0);
        const int lastCommand = firstOfKind(model, LogEntryKind::Command, command + 1);
        QVERIFY(lastCommand > command);
        int summary = -1;
        for (int row = model.rowCount() - 1; row >= 0 && summary < 0; --row) {
            if (model.info(row).kind == LogEntryKind::AssistantMessage)
                summary = row;
        }
        QVERIFY(summary > lastCommand);
        QTRY_VERIFY(view.renderedDocument(summary) != nullptr);
        QVERIFY(view.renderedDocument(summary)->toPlainText().contains(u"split_fields()"_s));

        // Unfold what a reader would look at, then take the picture.
        view.setExpanded(thinking, true);
        view.setExpanded(lastCommand, true);
        view.setExpanded(firstOfKind(model, LogEntryKind::ToolUse, edit - 2), true);
        QTRY_VERIFY(view.isExpanded(lastCommand));
        QTRY_VERIFY(showsTheTail(view));
        const QString dir = qEnvironmentVariable("FORGEDESK_SCREENSHOTS");
        if (!dir.isEmpty()) {
            view.scrollToRow(0);
            QTest::qWait(300); // bodies read back from the log
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(view.grab().save(QDir(dir).filePath(u"log.png"_s)));
            QPalette dark;
            dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
            dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
            dark.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
            dark.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
            dark.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
            dark.setColor(QPalette::Link, QColor(0x6f, 0xa8, 0xff));
            view.setPalette(dark);
            QTest::qWait(100);
            QVERIFY(view.grab().save(QDir(dir).filePath(u"log-dark.png"_s)));
        }
    }
};

QTEST_MAIN(tst_LogView)
#include "tst_logview.moc"
