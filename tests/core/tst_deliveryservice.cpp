// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/attemptservice.h"
#include "core/deliveryservice.h"
#include "core/engine.h"
#include "core/gitprocess.h"
#include "core/gitworktree.h"
#include "core/processhost.h"
#include "core/projectservice.h"
#include "core/taskservice.h"
#include "tests/support/futures.h"
#include "tests/support/scriptedengine.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

/// Worktree hygiene and what depends on it, with a real engine, real repositories and a shell
/// one-liner as the agent (any CLI is an agent to Forgedesk).
class TestDeliveryService final : public QObject
{
    Q_OBJECT

    using Fixture = Test::ScriptedEngine;

    /// An engine whose agent appends its prompt to notes.txt (and resumes the same way).
    static std::unique_ptr<Fixture> fixture(int retentionHours)
    {
        const QJsonArray args{u"-c"_s, u"echo \"$1\" >> notes.txt"_s, u"sh"_s, u"{prompt}"_s};
        const QJsonObject profiles{{u"scripted"_s,
                                    QJsonObject{{u"binary"_s, u"/bin/sh"_s},
                                                {u"args"_s, args},
                                                {u"followUpArgs"_s, args},
                                                {u"logFormat"_s, u"plain"_s}}}};
        return Fixture::open(profiles, {{u"worktreeRetentionHours"_s, retentionHours}});
    }

    static std::optional<Core::Attempt> finishedAttempt(Fixture &f, const QString &title)
    {
        return f.finishedAttempt(title, u"scripted"_s);
    }

    static std::optional<Core::Attempt> waitFinished(Fixture &f, const Core::AttemptId &id)
    {
        return f.waitFinished(id);
    }

    static QString git(const QString &dir, const QStringList &args)
    {
        auto out = Core::GitProcess::run(dir, args);
        return out && out->ok() ? QString::fromUtf8(out->out).trimmed() : u"<git failed>"_s;
    }

    static bool write(const QString &path, const QByteArray &content)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    }

private Q_SLOTS:
    void orphanedWorktreesArePrunedWithTheirWorkCommitted()
    {
        auto f = fixture(72);
        QVERIFY(f);
        const QString root = f->repo.path() + u"/.forge/worktrees/"_s;
        // Left by a Forgedesk that lost its database, say: no attempt owns them.
        auto onBranch = Core::GitWorktree::create(f->repo.path(),
                                                  u"main"_s,
                                                  root + u"lost"_s,
                                                  u"forge/lost"_s);
        QVERIFY(onBranch);
        QVERIFY(write(root + u"lost/work.txt"_s, "unsaved work\n"));
        auto detached = Core::GitWorktree::create(f->repo.path(),
                                                  u"main"_s,
                                                  root + u"detached"_s,
                                                  u"forge/detached"_s);
        QVERIFY(detached);
        QCOMPARE(git(root + u"detached"_s, {u"checkout"_s, u"--detach"_s, u"-q"_s}), QString());
        QVERIFY(write(root + u"detached/scratch.txt"_s, "not on any branch\n"));
        auto clean = Core::GitWorktree::create(f->repo.path(),
                                               u"main"_s,
                                               root + u"clean"_s,
                                               u"forge/clean"_s);
        QVERIFY(clean);

        auto report = Test::await(f->engine->delivery().sweepWorktrees(), 20000);
        QVERIFY(report && *report);
        QVERIFY((*report)->orphansRemoved.contains(QFileInfo(root + u"lost"_s).absoluteFilePath()));
        QVERIFY((*report)->orphansRemoved.contains(QFileInfo(root + u"clean"_s).absoluteFilePath()));
        QVERIFY((*report)->orphansKept.contains(QFileInfo(root + u"detached"_s).absoluteFilePath()));
        QVERIFY(!QFileInfo::exists(root + u"lost"_s));
        QVERIFY(!QFileInfo::exists(root + u"clean"_s));
        QVERIFY(QFileInfo::exists(root + u"detached/scratch.txt"_s));
        // The work is on its branch, not lost.
        QCOMPARE(git(f->repo.path(), {u"show"_s, u"forge/lost:work.txt"_s}), u"unsaved work"_s);
        QVERIFY(!git(f->repo.path(), {u"worktree"_s, u"list"_s}).contains(u"/lost"_s));
    }

    void finishedWorktreesAreKeptForTheRetentionTime()
    {
        auto f = fixture(72);
        QVERIFY(f);
        auto attempt = finishedAttempt(*f, u"Keep me"_s);
        QVERIFY(attempt);
        QCOMPARE(attempt->status, Core::AttemptStatus::Completed);
        auto report = Test::await(f->engine->delivery().sweepWorktrees(), 20000);
        QVERIFY(report && *report);
        QVERIFY((*report)->expiredRemoved.isEmpty());
        QVERIFY((*report)->orphansRemoved.isEmpty());
        QVERIFY(QFileInfo::exists(attempt->worktreePath + u"/notes.txt"_s));
    }

    void expiredWorktreesGoWithTheirWorkCommittedAndComeBackForAFollowUp()
    {
        auto f = fixture(0);
        QVERIFY(f);
        auto attempt = finishedAttempt(*f, u"First pass"_s);
        QVERIFY(attempt);
        QCOMPARE(attempt->status, Core::AttemptStatus::Completed);
        // The user edited the worktree after the agent finished.
        QVERIFY(write(attempt->worktreePath + u"/by-hand.txt"_s, "edited by the user\n"));

        auto report = Test::await(f->engine->delivery().sweepWorktrees(), 20000);
        QVERIFY(report && *report);
        QCOMPARE((*report)->expiredRemoved, QStringList{attempt->worktreePath});
        QVERIFY((*report)->committedFirst.contains(attempt->worktreePath));
        QVERIFY(!QFileInfo::exists(attempt->worktreePath));
        QCOMPARE(git(f->repo.path(), {u"show"_s, attempt->branch + u":by-hand.txt"_s}),
                 u"edited by the user"_s);
        auto after = Test::await(f->engine->attempts().get(attempt->id));
        QVERIFY(after && *after);
        QVERIFY((*after)->worktreeRemoved);

        // The diff still works from the branch alone.
        auto diff = Test::await(f->engine->delivery().diff(attempt->id), 20000);
        QVERIFY(diff && *diff);
        QCOMPARE((*diff)->summary.filesChanged, 2);

        // A follow-up checks the branch out again and carries on there.
        auto followed = Test::await(f->engine->attempts().followUp(attempt->id,
                                                                   u"Second pass"_s,
                                                                   std::nullopt),
                                    20000);
        QVERIFY(followed);
        QVERIFY2(*followed, qPrintable(*followed ? QString() : followed->error().message));
        auto second = waitFinished(*f, attempt->id);
        QVERIFY(second);
        QCOMPARE(second->status, Core::AttemptStatus::Completed);
        QVERIFY(!second->worktreeRemoved);
        QFile notes(attempt->worktreePath + u"/notes.txt"_s);
        QVERIFY(notes.open(QIODevice::ReadOnly));
        const QByteArray text = notes.readAll();
        QVERIFY(text.contains("First pass"));
        QVERIFY(text.contains("Second pass"));
        QVERIFY(QFileInfo::exists(attempt->worktreePath + u"/by-hand.txt"_s));
    }

    void runningAttemptsAreNeverSwept()
    {
        auto f = fixture(0);
        QVERIFY(f);
        const QJsonObject slow{
            {u"slow"_s,
             QJsonObject{{u"binary"_s, u"/bin/sh"_s},
                         {u"args"_s,
                          QJsonArray{u"-c"_s, u"echo started > started.txt; exec sleep 30"_s}},
                         {u"logFormat"_s, u"plain"_s}}}};
        auto replaced = Test::await(f->engine->replaceProfiles(slow));
        QVERIFY(replaced && *replaced);
        Core::NewTask task;
        task.projectId = f->project.id;
        task.title = u"Long one"_s;
        auto created = Test::await(f->engine->tasks().create(task));
        QVERIFY(created && *created);
        Core::NewAttempt input;
        input.taskId = (*created)->id;
        input.llm = u"slow"_s;
        auto attempt = Test::await(f->engine->attempts().create(input));
        QVERIFY(attempt && *attempt);
        QVERIFY(Test::await(f->engine->attempts().start((*attempt)->id)).has_value());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists((*attempt)->worktreePath + u"/started.txt"_s),
                                 15000);
        auto report = Test::await(f->engine->delivery().sweepWorktrees(), 20000);
        QVERIFY(report && *report);
        QVERIFY((*report)->expiredRemoved.isEmpty());
        QVERIFY((*report)->orphansRemoved.isEmpty());
        QVERIFY(QFileInfo::exists((*attempt)->worktreePath + u"/started.txt"_s));
        f->engine->processes().setCancelStepMs(100);
        QVERIFY(Test::await(f->engine->attempts().cancel((*attempt)->id), 15000).has_value());
    }
};

QTEST_GUILESS_MAIN(TestDeliveryService)
#include "tst_deliveryservice.moc"
