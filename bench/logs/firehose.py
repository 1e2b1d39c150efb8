#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An "agent" that prints Claude Code stream-json as fast as it can.

The lines have the shapes of real `claude -p --output-format=stream-json` output (an init line,
assistant text, tool calls with their results, a final result with usage), in a mix that
resembles a busy coding session. Every --tick-every bytes one assistant line carries
"forgedesk-bench-tick <microseconds since the epoch>" so that a subscriber can tell how long
the line took to reach it.

    firehose.py --bytes 100000000 [--tick-every 65536]
"""
import argparse
import json
import os
import sys
import time

SESSION = "0b8f3c2e-5d0a-4e6b-9f51-bench0000001"


def line(obj):
    return (json.dumps(obj, separators=(",", ":")) + "\n").encode()


def assistant(content, n):
    return line({"type": "assistant",
                 "message": {"id": f"msg_bench{n:08d}", "type": "message", "role": "assistant",
                             "model": "claude-opus-bench", "content": content,
                             "stop_reason": None, "usage": {"input_tokens": 12, "output_tokens": 40}},
                 "parent_tool_use_id": None, "session_id": SESSION})


def block(n):
    """About 64 KB of a session: text, a Bash call and its output, an Edit and its result."""
    prose = ("I looked at the failing test and the parser it exercises. The tokenizer treats a "
             "trailing backslash as an escape of the newline, so the last field is lost. ")
    out = []
    out.append(assistant([{"type": "text", "text": prose * 3}], n))
    out.append(assistant([{"type": "tool_use", "id": f"toolu_{n:08d}a", "name": "Bash",
                           "input": {"command": "ctest --output-on-failure -R parser",
                                     "description": "Run the parser tests"}}], n))
    output = "".join(f"test {i:5d}: parser/fields ........ Passed 0.0{i % 10} sec\n"
                     for i in range(600))
    out.append(line({"type": "user",
                     "message": {"role": "user",
                                 "content": [{"tool_use_id": f"toolu_{n:08d}a", "type": "tool_result",
                                              "content": output, "is_error": False}]},
                     "parent_tool_use_id": None, "session_id": SESSION}))
    out.append(assistant([{"type": "tool_use", "id": f"toolu_{n:08d}b", "name": "Edit",
                           "input": {"file_path": "src/parser.cpp",
                                     "old_string": "if (c == '\\\\') escape = true;\n" * 4,
                                     "new_string": "if (c == '\\\\' && !atEnd) escape = true;\n" * 4}}],
                         n))
    out.append(line({"type": "user",
                     "message": {"role": "user",
                                 "content": [{"tool_use_id": f"toolu_{n:08d}b", "type": "tool_result",
                                              "content": "The file src/parser.cpp has been updated."}]},
                     "parent_tool_use_id": None, "session_id": SESSION}))
    for i in range(20):
        out.append(assistant([{"type": "text", "text": f"Step {i}: " + prose}], n))
    return b"".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bytes", type=int, default=100_000_000)
    parser.add_argument("--tick-every", type=int, default=64 * 1024)
    args, _ = parser.parse_known_args()  # the prompt and anything else a profile adds

    write = sys.stdout.buffer.raw.write if hasattr(sys.stdout.buffer, "raw") else sys.stdout.buffer.write

    def put(data):
        view = memoryview(data)
        while view:
            view = view[write(view):]

    put(line({"type": "system", "subtype": "init", "cwd": os.getcwd(), "session_id": SESSION,
              "tools": ["Bash", "Edit", "Read", "Write"], "model": "claude-opus-bench",
              "permissionMode": "bypassPermissions", "apiKeySource": "none"}))
    body = block(0)
    written = 0
    next_tick = 0
    n = 0
    started = time.monotonic()
    while written < args.bytes:
        chunk = body
        if written >= next_tick:
            tick = assistant([{"type": "text",
                               "text": f"forgedesk-bench-tick {time.time_ns() // 1000}"}], n)
            chunk = tick + body
            next_tick += args.tick_every
        put(chunk)
        written += len(chunk)
        n += 1
    elapsed = time.monotonic() - started
    put(assistant([{"type": "text", "text": "All 600 parser tests pass now."}], n))
    put(line({"type": "result", "subtype": "success", "is_error": False,
              "duration_ms": int(elapsed * 1000), "num_turns": n, "result": "All 600 parser tests pass now.",
              "session_id": SESSION, "total_cost_usd": 0.0,
              "usage": {"input_tokens": 12 * n, "output_tokens": 40 * n}}))
    print(f"firehose: {written} bytes in {elapsed:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # the reader went away (a cancelled attempt)
        sys.exit(1)
