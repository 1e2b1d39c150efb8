#!/usr/bin/env python3
"""Drives the REAL Claude Code CLI over its SDK control protocol against mock_anthropic.py.

What Forgedesk does for a profile variant with "approvals": stream-json on stdin and stdout,
--permission-prompt-tool stdio, an initialize request with a PreToolUse hook, the prompt once
initialize is answered, "ask" for every hook callback, a decision for every can_use_tool, and
stdin closed after the result line (the CLI waits for more input otherwise).

    python3 claude_approvals.py --claude PATH [--scenario S] [--decision allow|deny|sigint|eof]
        [--mode default] [--stdout FILE] [--resume SESSION --workdir DIR --home DIR]

Prints one line: the scratch directory, the exit code, whether <repo>/approved.txt exists.
The scratch directory holds transcript.txt (both directions, timed), stdout.jsonl and
requests.jsonl. Every process it starts is stopped by its PID before it returns.
"""

import argparse
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MATCHER = "^(?!(Glob|Grep|NotebookRead|Read|Task|TodoWrite)$).*"
DENIAL = "Denied by the reviewer: not this file"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--claude", required=True)
    p.add_argument("--scenario", default=os.path.join(HERE, "scenarios", "approval_write.json"))
    p.add_argument("--decision", default="allow", choices=["allow", "deny", "sigint", "eof"])
    p.add_argument("--mode", default="default", help="--permission-mode")
    p.add_argument("--prompt", default="Write approved.txt")
    p.add_argument("--resume", default="")
    p.add_argument("--workdir", default="")
    p.add_argument("--home", default="")
    p.add_argument("--stdout", default="", help="also copy the CLI's stdout here")
    p.add_argument("--wait", type=float, default=60.0)
    a = p.parse_args()

    scratch = tempfile.mkdtemp(prefix="claude-approvals.")
    repo = a.workdir or os.path.join(scratch, "repo")
    home = a.home or os.path.join(scratch, "home")
    tmp = os.path.join(scratch, "tmp")
    for d in (repo, home, tmp):
        os.makedirs(d, exist_ok=True)
    if not a.workdir:
        subprocess.run(["git", "init", "-q", repo], check=True)

    port_file = os.path.join(scratch, "port")
    mock = subprocess.Popen([sys.executable, os.path.join(HERE, "mock_anthropic.py"),
                             "--host", "127.0.0.1", "--port", "0", "--port-file", port_file,
                             "--scenario", a.scenario,
                             "--log", os.path.join(scratch, "requests.jsonl")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cli = None
    try:
        deadline = time.time() + 10
        while time.time() < deadline and not (os.path.exists(port_file)
                                               and open(port_file).read().strip()):
            time.sleep(0.05)
        port = open(port_file).read().strip()
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "TMPDIR": tmp,
               "XDG_RUNTIME_DIR": tmp, "TERM": "dumb", "LANG": "C.UTF-8",
               "ANTHROPIC_BASE_URL": "http://127.0.0.1:" + port, "ANTHROPIC_API_KEY": "dummy",
               "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1", "DISABLE_TELEMETRY": "1",
               "DISABLE_AUTOUPDATER": "1", "DISABLE_ERROR_REPORTING": "1",
               "CLAUDE_CODE_MAX_RETRIES": "0", "IS_SANDBOX": "1"}
        args = [a.claude, "-p", "--output-format", "stream-json", "--input-format", "stream-json",
                "--verbose", "--permission-prompt-tool", "stdio", "--permission-mode", a.mode,
                "--disallowedTools", "AskUserQuestion"]
        if a.resume:
            args += ["--resume", a.resume]
        t0 = time.time()
        cli = subprocess.Popen(args, cwd=repo, env=env, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        transcript = open(os.path.join(scratch, "transcript.txt"), "w")

        def note(text):
            transcript.write("%6.2f %s\n" % (time.time() - t0, text))
            transcript.flush()

        def send(obj):
            line = json.dumps(obj, separators=(",", ":"))
            note(">> " + line)
            cli.stdin.write(line.encode() + b"\n")
            cli.stdin.flush()

        def answer(request_id, response):
            if cli.stdin.closed:
                note("-- stdin closed, not answering " + request_id)
                return
            send({"type": "control_response",
                  "response": {"subtype": "success", "request_id": request_id,
                               "response": response}})

        lines = queue.Queue()

        def pump(stream, tag):
            for raw in stream:
                lines.put((tag, raw.decode(errors="replace").rstrip("\n")))
            lines.put((tag, None))

        threading.Thread(target=pump, args=(cli.stdout, "out"), daemon=True).start()
        threading.Thread(target=pump, args=(cli.stderr, "err"), daemon=True).start()

        send({"type": "control_request", "request_id": "init_1",
              "request": {"subtype": "initialize",
                          "hooks": {"PreToolUse": [{"matcher": MATCHER,
                                                    "hookCallbackIds": ["tool_approval"]}]}}})
        stdout = []
        open_streams = 2
        deadline = time.time() + a.wait
        while open_streams:
            try:
                tag, line = lines.get(timeout=max(0.1, deadline - time.time()))
            except queue.Empty:
                note("-- neither output nor exit before the deadline")
                break
            if line is None:
                open_streams -= 1
                continue
            if tag == "err":
                note("ERR " + line)
                continue
            stdout.append(line)
            note("<< " + line)
            try:
                message = json.loads(line)
            except ValueError:
                continue
            kind = message.get("type")
            if kind == "control_response":
                body = message.get("response", {})
                if body.get("request_id") == "init_1":
                    if body.get("subtype") != "success":
                        note("-- initialize failed: not sending the prompt")
                        cli.stdin.close()
                        continue
                    send({"type": "user",
                          "message": {"role": "user", "content": a.prompt}})
            elif kind == "control_request":
                request = message.get("request", {})
                if request.get("subtype") == "hook_callback":
                    answer(message["request_id"],
                           {"hookSpecificOutput": {"hookEventName": "PreToolUse",
                                                   "permissionDecision": "ask",
                                                   "permissionDecisionReason":
                                                       "Forgedesk asks first"}})
                elif request.get("subtype") == "can_use_tool":
                    if a.decision == "allow":
                        answer(message["request_id"],
                               {"behavior": "allow", "updatedInput": request.get("input", {})})
                    elif a.decision == "deny":
                        answer(message["request_id"],
                               {"behavior": "deny", "message": DENIAL, "interrupt": False})
                    elif a.decision == "sigint":
                        time.sleep(1)
                        note("-- SIGINT while the request waits")
                        cli.send_signal(signal.SIGINT)
                    else:
                        time.sleep(1)
                        note("-- stdin closed while the request waits")
                        cli.stdin.close()
            elif kind == "result" and not cli.stdin.closed:
                note("-- result: closing stdin")
                cli.stdin.close()
        try:
            rc = cli.wait(timeout=5)
        except subprocess.TimeoutExpired:
            note("-- still running: SIGKILL")
            cli.kill()
            rc = cli.wait()
        note("rc=%d" % rc)
        with open(os.path.join(scratch, "stdout.jsonl"), "w") as f:
            f.write("".join(line + "\n" for line in stdout))
        if a.stdout:
            with open(a.stdout, "w") as f:
                f.write("".join(line + "\n" for line in stdout))
        print(scratch, "rc", rc, "approved.txt exists:",
              os.path.exists(os.path.join(repo, "approved.txt")))
    finally:
        if cli and cli.poll() is None:
            cli.kill()
            cli.wait()
        mock.terminate()
        try:
            mock.wait(timeout=5)
        except subprocess.TimeoutExpired:
            mock.kill()
            mock.wait()


if __name__ == "__main__":
    main()
