// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/gitprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>

#include <cerrno>
#include <csignal>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace Qt::StringLiterals;

namespace Core {
namespace {

struct Pipe
{
    int fds[2] = {-1, -1};
    ~Pipe()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
    bool open() { return ::pipe2(fds, O_CLOEXEC) == 0; }
    void closeEnd(int end)
    {
        if (fds[end] >= 0)
            ::close(fds[end]);
        fds[end] = -1;
    }
};

std::vector<QByteArray> environmentFor(const QHash<QString, QString> &extra)
{
    QHash<QByteArray, QByteArray> merged;
    for (char **entry = environ; entry && *entry; ++entry) {
        const QByteArray pair(*entry);
        const qsizetype equals = pair.indexOf('=');
        if (equals > 0)
            merged.insert(pair.left(equals), pair.mid(equals + 1));
    }
    merged.insert("LC_ALL", "C");
    merged.insert("GIT_TERMINAL_PROMPT", "0");
    merged.insert("GIT_PAGER", "cat");
    merged.insert("GIT_ASKPASS", "");
    merged.insert("SSH_ASKPASS", "");
    merged.insert("GIT_SSH_COMMAND", merged.value("GIT_SSH_COMMAND", "ssh -o BatchMode=yes"));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        merged.insert(it.key().toUtf8(), it.value().toUtf8());
    std::vector<QByteArray> out;
    out.reserve(size_t(merged.size()));
    for (auto it = merged.cbegin(); it != merged.cend(); ++it)
        out.push_back(it.key() + '=' + it.value());
    return out;
}

Error unavailable(const QString &message)
{
    return Error{ErrorCode::Unavailable, message, {}};
}

} // namespace

QString GitOutput::message() const
{
    const QByteArray &source = err.trimmed().isEmpty() ? out : err;
    QList<QByteArray> lines = source.trimmed().split('\n');
    if (lines.size() > 12)
        lines = lines.mid(lines.size() - 12);
    return GitProcess::redact(QString::fromUtf8(lines.join('\n')));
}

QString GitProcess::program()
{
    static const QString found = QStandardPaths::findExecutable(u"git"_s);
    return found;
}

QString GitProcess::redact(const QString &text)
{
    static const QRegularExpression credentials(u"([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@"_s);
    QString out = text;
    out.replace(credentials, u"\\1***@"_s);
    return out;
}

Result<GitOutput> GitProcess::run(const QString &workingDirectory, const QStringList &arguments)
{
    return run(workingDirectory, arguments, Options{});
}

Result<GitOutput> GitProcess::run(const QString &workingDirectory,
                                  const QStringList &arguments,
                                  const Options &options)
{
    const QString git = program();
    if (git.isEmpty())
        return fail(unavailable(u"git is not installed (no 'git' on PATH)"_s));

    Pipe in, out, err;
    if (!in.open() || !out.open() || !err.open())
        return fail(unavailable(u"cannot create pipes for git: %1"_s.arg(qt_error_string(errno))));

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.fds[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out.fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err.fds[1], STDERR_FILENO);
    const QByteArray directory = QFile::encodeName(workingDirectory);
    posix_spawn_file_actions_addchdir_np(&actions, directory.constData());

    const QByteArray programPath = QFile::encodeName(git);
    std::vector<QByteArray> argumentBytes{programPath};
    for (const QString &argument : arguments)
        argumentBytes.push_back(argument.toUtf8());
    std::vector<char *> argv;
    for (QByteArray &argument : argumentBytes)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::vector<QByteArray> environmentBytes = environmentFor(options.environment);
    std::vector<char *> envp;
    for (QByteArray &entry : environmentBytes)
        envp.push_back(entry.data());
    envp.push_back(nullptr);

    pid_t pid = -1;
    const int spawned
        = posix_spawn(&pid, programPath.constData(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return fail(unavailable(u"cannot start git: %1"_s.arg(qt_error_string(spawned))));
    in.closeEnd(0);
    out.closeEnd(1);
    err.closeEnd(1);

    for (int fd : {in.fds[1], out.fds[0], err.fds[0]})
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (options.input.isEmpty())
        in.closeEnd(1);

    GitOutput result;
    qsizetype written = 0;
    bool timedOut = false;
    bool tooLarge = false;
    QElapsedTimer clock;
    clock.start();
    char buffer[65536];
    while (out.fds[0] >= 0 || err.fds[0] >= 0) {
        const qint64 left = options.timeoutMs - clock.elapsed();
        if (left <= 0) {
            timedOut = true;
            break;
        }
        pollfd fds[3];
        int count = 0;
        for (int fd : {out.fds[0], err.fds[0]})
            if (fd >= 0)
                fds[count++] = {fd, POLLIN, 0};
        if (in.fds[1] >= 0)
            fds[count++] = {in.fds[1], POLLOUT, 0};
        const int ready = ::poll(fds, nfds_t(count), int(qMin<qint64>(left, 1000)));
        if (ready < 0 && errno != EINTR)
            break;
        for (int i = 0; i < count; ++i) {
            if (!fds[i].revents)
                continue;
            if (fds[i].fd == in.fds[1]) {
                const ssize_t n = ::write(in.fds[1],
                                          options.input.constData() + written,
                                          size_t(options.input.size() - written));
                if (n > 0)
                    written += n;
                if (n < 0 && errno != EAGAIN)
                    in.closeEnd(1);
                else if (written >= options.input.size())
                    in.closeEnd(1);
                continue;
            }
            const bool isOut = fds[i].fd == out.fds[0];
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                QByteArray &target = isOut ? result.out : result.err;
                target.append(buffer, n);
                if (target.size() > options.maxOutputBytes) {
                    tooLarge = true;
                    break;
                }
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                (isOut ? out : err).closeEnd(0);
            }
        }
        if (tooLarge)
            break;
    }
    if (timedOut || tooLarge)
        ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timedOut)
        return fail(unavailable(u"git %1 did not finish within %2 s"_s.arg(arguments.value(0))
                                    .arg(options.timeoutMs / 1000)));
    if (tooLarge)
        return fail(unavailable(u"git %1 printed more than %2 MB"_s.arg(arguments.value(0))
                                    .arg(options.maxOutputBytes >> 20)));
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

} // namespace Core
