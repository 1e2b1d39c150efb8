// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
// The attempt-diff benchmark: Core::GitDiff against the git CLI on a synthetic repository of
// 5,000 files × 40 lines where commit B changes 2 lines in every file (the repository of
// shared/reference/qt64.md §6). See bench/git/README.md.

#include "core/gitdiff.h"
#include "server/diffprojection.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace Qt::StringLiterals;

namespace {

bool git(const QString &dir, const QStringList &arguments, QByteArray *out = nullptr)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.start(u"git"_s, arguments);
    if (!process.waitForFinished(600'000) || process.exitCode() != 0) {
        std::fprintf(stderr,
                     "git %s failed: %s\n",
                     qPrintable(arguments.join(u' ')),
                     process.readAllStandardError().constData());
        return false;
    }
    if (out)
        *out = process.readAllStandardOutput().trimmed();
    return true;
}

/// The CLI as a user runs it into a pipe: git's stdout read and thrown away. Returns the bytes.
qint64 gitIntoPipe(const QString &dir, const QStringList &arguments)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return -1;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    const QByteArray directory = QFile::encodeName(dir);
    posix_spawn_file_actions_addchdir_np(&actions, directory.constData());
    std::vector<QByteArray> bytes{"git"};
    for (const QString &argument : arguments)
        bytes.push_back(argument.toUtf8());
    std::vector<char *> argv;
    for (QByteArray &argument : bytes)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    qint64 total = 0;
    if (spawned == 0) {
        static char buffer[1 << 16];
        ssize_t n;
        while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0)
            total += n;
        int status = 0;
        ::waitpid(pid, &status, 0);
    }
    ::close(fds[0]);
    return spawned == 0 ? total : -1;
}

QByteArray fileContent(int file, int changed)
{
    QByteArray out;
    for (int line = 0; line < 40; ++line) {
        if (changed && (line == 5 || line == 30))
            out += "    value = compute(" + QByteArray::number(file) + ", "
                   + QByteArray::number(line) + "); // changed in B\n";
        else
            out += "    int line" + QByteArray::number(line) + " = "
                   + QByteArray::number(file * line) + "; // file " + QByteArray::number(file)
                   + ", some ordinary code\n";
    }
    return out;
}

bool writeFiles(const QString &repo, int files, bool changed)
{
    for (int i = 0; i < files; ++i) {
        const QString dir = repo + u"/src/d%1"_s.arg(i / 100, 2, 10, QChar(u'0'));
        QDir().mkpath(dir);
        QFile file(dir + u"/f%1.cpp"_s.arg(i % 100, 3, 10, QChar(u'0')));
        const QByteArray content = fileContent(i, changed);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return false;
    }
    return true;
}

struct Stats
{
    double median = 0;
    double min = 0;
};

Stats stats(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    if (samples.empty())
        return {};
    const size_t n = samples.size();
    const double median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    return {median, samples.front()};
}

double milliseconds(const std::function<void()> &work)
{
    QElapsedTimer clock;
    clock.start();
    work();
    return double(clock.nsecsElapsed()) / 1e6;
}

/// The median of ours[i] / theirs[i]: each run of ours is compared with the CLI run just before
/// it, which the load of a shared machine affects alike.
double pairedRatio(const std::vector<double> &ours, const std::vector<double> &theirs)
{
    std::vector<double> ratios;
    for (size_t i = 0; i < ours.size() && i < theirs.size(); ++i)
        ratios.push_back(ours[i] / theirs[i]);
    return stats(ratios).median;
}

void row(const char *name, const std::vector<double> &samples, const std::vector<double> *base)
{
    const Stats s = stats(samples);
    if (base)
        std::printf("| %-50s | %8.1f | %8.1f | %5.2f× | %5.2f× |\n",
                    name,
                    s.median,
                    s.min,
                    s.min / stats(*base).min,
                    pairedRatio(samples, *base));
    else
        std::printf("| %-50s | %8.1f | %8.1f |        |        |\n", name, s.median, s.min);
}

QByteArray loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray("?");
}

int runBench(const QString &repo, const QString &a, const QString &b, int runs, const char *label)
{
    std::vector<double> cliTree, between, cliWorktree, worktree, parse, json, split, unified;
    const QStringList cliArguments{u"diff"_s, a, b};
    const QStringList cliWorktreeArguments{u"diff"_s, a};
    qint64 patchBytes = 0;
    qsizetype files = 0;
    QByteArray jsonBytes, splitBytes, unifiedBytes;
    QByteArray patch;
    git(repo, {u"diff"_s, a, b}, &patch);
    patch += '\n';

    // Warm the page cache and the pack index once before measuring.
    gitIntoPipe(repo, cliArguments);
    gitIntoPipe(repo, cliWorktreeArguments);
    for (int run = 0; run < runs; ++run) {
        cliTree.push_back(milliseconds([&] { patchBytes = gitIntoPipe(repo, cliArguments); }));
        Core::Result<Core::AttemptDiff> diff;
        between.push_back(milliseconds([&] { diff = Core::GitDiff::between(repo, a, b); }));
        if (!diff) {
            std::fprintf(stderr, "between: %s\n", qPrintable(diff.error().message));
            return 1;
        }
        files = diff->files.size();
        cliWorktree.push_back(milliseconds([&] { gitIntoPipe(repo, cliWorktreeArguments); }));
        Core::Result<Core::AttemptDiff> ofWorktree;
        worktree.push_back(milliseconds([&] { ofWorktree = Core::GitDiff::ofWorktree(repo, a); }));
        if (!ofWorktree || ofWorktree->files.size() != files) {
            std::fprintf(stderr, "ofWorktree failed or differs\n");
            return 1;
        }
        parse.push_back(milliseconds([&] { (void) Core::GitDiff::parse(patch).size(); }));
        json.push_back(milliseconds([&] { jsonBytes = Server::diffJson(*diff); }));
        split.push_back(milliseconds([&] { splitBytes = Server::diffSplitJson(*diff); }));
        unified.push_back(milliseconds([&] { unifiedBytes = Server::diffUnifiedJson(*diff); }));
    }
    std::printf("\n%s: %lld files changed, patch %.2f MB; format=json %.2f MB, split %.2f MB, "
                "unified %.2f MB; %d runs; load average after: %s\n\n",
                label,
                qint64(files),
                double(patchBytes) / 1e6,
                double(jsonBytes.size()) / 1e6,
                double(splitBytes.size()) / 1e6,
                double(unifiedBytes.size()) / 1e6,
                runs,
                loadAverage().constData());
    std::printf("| %-50s | %8s | %8s | %6s | %6s |\n", "ms", "median", "min", "ratio", "paired");
    std::printf("|%s|---------:|---------:|-------:|-------:|\n", QByteArray(52, '-').constData());
    row("`git diff A B` into a pipe", cliTree, &cliTree);
    row("GitDiff::between(A, B) (git + parse)", between, &cliTree);
    row("`git diff A` in the worktree at B into a pipe", cliWorktree, &cliWorktree);
    row("GitDiff::ofWorktree(A) at B, clean", worktree, &cliWorktree);
    row("GitDiff::parse() alone", parse, nullptr);
    row("diffJson (format=json)", json, nullptr);
    row("diffSplitJson (format=split)", split, nullptr);
    row("diffUnifiedJson (format=unified)", unified, nullptr);
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"GitDiff against the git CLI on a synthetic repository"_s);
    parser.addHelpOption();
    QCommandLineOption runsOption(u"runs"_s,
                                  u"Runs per measurement (default 15)."_s,
                                  u"n"_s,
                                  u"15"_s);
    QCommandLineOption filesOption(u"files"_s, u"Files (default 5000)."_s, u"n"_s, u"5000"_s);
    parser.addOption(runsOption);
    parser.addOption(filesOption);
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const int fileCount = std::max(1, parser.value(filesOption).toInt());

    // As GitProcess runs git; nobody's configuration but the repository's.
    QTemporaryDir home;
    qputenv("LC_ALL", "C");
    qputenv("HOME", QFile::encodeName(home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.path()));
    qputenv("GIT_CONFIG_NOSYSTEM", "1");
    qputenv("GIT_AUTHOR_NAME", "bench");
    qputenv("GIT_AUTHOR_EMAIL", "bench@forgedesk.invalid");
    qputenv("GIT_COMMITTER_NAME", "bench");
    qputenv("GIT_COMMITTER_EMAIL", "bench@forgedesk.invalid");

    QTemporaryDir work;
    const QString repo = work.path() + u"/repo"_s;
    QElapsedTimer setup;
    setup.start();
    QByteArray a, b;
    if (!QDir().mkpath(repo) || !git(repo, {u"init"_s, u"-q"_s, u"-b"_s, u"main"_s})
        || !writeFiles(repo, fileCount, false) || !git(repo, {u"add"_s, u"-A"_s})
        || !git(repo, {u"commit"_s, u"-qm"_s, u"A"_s})
        || !git(repo, {u"rev-parse"_s, u"HEAD"_s}, &a) || !writeFiles(repo, fileCount, true)
        || !git(repo, {u"commit"_s, u"-qam"_s, u"B"_s})
        || !git(repo, {u"rev-parse"_s, u"HEAD"_s}, &b))
        return 1;
    // Files written in the second the index was written are "racily clean" and hashed again by
    // every diff; an index written a second later is trusted, as in a worktree at rest.
    QThread::sleep(1);
    git(repo, {u"update-index"_s, u"-q"_s, u"--refresh"_s});
    std::printf("setup: %d files × 40 lines, B changes 2 lines in each: %.1f s; git %s\n",
                fileCount,
                double(setup.elapsed()) / 1000,
                [] {
                    QByteArray version;
                    git(QDir::currentPath(), {u"--version"_s}, &version);
                    return version;
                }()
                    .constData());

    const QString shaA = QString::fromLatin1(a);
    const QString shaB = QString::fromLatin1(b);
    if (runBench(repo, shaA, shaB, runs, "Loose objects (as committed)") != 0)
        return 1;
    if (!git(repo, {u"gc"_s, u"-q"_s}))
        return 1;
    return runBench(repo, shaA, shaB, runs, "Packed (after git gc)");
}
