// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
// The window and the HTTP API over one engine, wired as app/main.cpp wires them: what one face
// changes, the other sees at once.
#include "tests/support/serverfixture.h"
#include "ui/boardmodel.h"
#include "ui/boardview.h"
#include "ui/mainwindow.h"
#include "ui/taskcolumnmodel.h"
#include "ui/tasklistview.h"

#include <QDir>
#include <QDropEvent>
#include <QMimeData>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::TaskStatus;

class TestApiBoard final : public QObject
{
    Q_OBJECT

private:
    static QStringList titles(const Gui::MainWindow &window, TaskStatus status)
    {
        QStringList result;
        for (const Core::Task &task : window.findChild<Gui::BoardModel *>()->column(status)->tasks())
            result.append(task.title);
        return result;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void apiChangesAppearOnTheBoardAndBoardChangesReachTheApi()
    {
        Test::ServerFixture fixture;
        QVERIFY(fixture.isValid());
        const QString project = fixture.createProject(u"Live"_s);
        Gui::MainWindow window(*fixture.engine);
        window.setApiUrl(fixture.server->baseUrl());
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE(window.currentProjectId().toString(), project);

        // Created through the API: on the board without a reload.
        const Test::HttpReply created = fixture.http->post(u"/api/tasks"_s,
                                                           {{u"projectId"_s, project},
                                                            {u"title"_s, u"From a script"_s},
                                                            {u"priority"_s, u"urgent"_s}});
        QCOMPARE(created.status, 201);
        const QString id = created.data().value(u"id"_s).toString();
        QTRY_COMPARE(titles(window, TaskStatus::Todo), QStringList{u"From a script"_s});

        // Moved through the API: the card changes column.
        fixture.http->patch(u"/api/tasks/"_s + id, {{u"status"_s, u"in_review"_s}});
        QTRY_COMPARE(titles(window, TaskStatus::InReview), QStringList{u"From a script"_s});
        QVERIFY(titles(window, TaskStatus::Todo).isEmpty());

        // Dragged on the board to Done: API clients see it.
        auto *board = window.findChild<Gui::BoardModel *>();
        Gui::TaskColumnModel *source = board->column(TaskStatus::InReview);
        std::unique_ptr<QMimeData> mime(source->mimeData({source->index(0, 0)}));
        QVERIFY(mime);
        Gui::TaskListView *target = window.findChild<Gui::BoardView *>()->listView(TaskStatus::Done);
        const QPoint at = target->viewport()->rect().center();
        QDragEnterEvent enter(at, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target->viewport(), &enter);
        QDragMoveEvent move(at, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target->viewport(), &move);
        QDropEvent drop(at, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target->viewport(), &drop);
        QTRY_COMPARE(fixture.http->get(u"/api/tasks/"_s + id).data().value(u"status"_s).toString(),
                     u"done"_s);
        QTRY_COMPARE(titles(window, TaskStatus::Done), QStringList{u"From a script"_s});

        // Deleted through the API: gone from the board.
        fixture.http->del(u"/api/tasks/"_s + id);
        QTRY_VERIFY(titles(window, TaskStatus::Done).isEmpty());

        const QString artifacts = qEnvironmentVariable("FORGEDESK_TEST_ARTIFACTS", QDir::tempPath());
        QVERIFY(QDir().mkpath(artifacts));
        QVERIFY(window.grab().save(artifacts + u"/apiboard.png"_s));
    }
};

QTEST_MAIN(TestApiBoard)
#include "tst_apiboard.moc"
