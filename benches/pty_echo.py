#!/usr/bin/env python3
"""Keystroke echo of the release binary in a real pseudo-terminal.

Opens a draft whose answer is about 100 KB, in each shape (many paragraphs,
one paragraph, one word without spaces; and a 1 KB answer to compare), in a
120x40 pty, types a key every 40 ms (so that autosaves happen while typing)
and measures, for each key, the time from writing it to the first byte of
the echo, and the bytes written for it.

    cargo build --release
    python3 benches/pty_echo.py [path/to/quire] [keys per shape]

Figures: docs/performance.md.
"""

import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import time

SENTENCE = "Values and ethics conversations were held with every team in the region. "


def shapes():
    paragraph = SENTENCE * 12
    paragraphs = "\n\n".join(
        (f"- item {i}: {paragraph}" if i % 5 == 0 else paragraph) for i in range(115)
    )
    return {
        "paragraphs": paragraphs,
        "one paragraph": SENTENCE * 1_400,
        "one word": "Qm9hcmRPZkRpcmVjdG9ycw" * 4_700,
        "short (1 KB)": SENTENCE * 14,
    }


def draft(text):
    return f"""format = 1
id = "bench-0001"
created = "2026-12-07T10:00:00-05:00"
updated = "2026-12-07T10:00:00-05:00"
position = "q8"

[questionnaire]
id = "values-ethics-self-assessment"
version = "2024.1"
digest = "sha256:00000000"

[header]
organization = "Benchmark"

[answers.q8]
text = '''
{text}'''
"""


def read_until_quiet(fd, quiet):
    """Bytes read until nothing arrives for `quiet` seconds."""
    got = 0
    while True:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            return got
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return got
        if not chunk:
            return got
        got += len(chunk)


def measure(binary, text, keys):
    home = tempfile.mkdtemp(prefix="quire-pty-echo-")
    drafts = os.path.join(home, "drafts")
    os.makedirs(drafts)
    with open(os.path.join(drafts, "bench-0001.toml"), "w") as f:
        f.write(draft(text))
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = dict(os.environ, HOME=home, QUIRE_DRAFTS_DIR=drafts, TERM="xterm-256color", NO_COLOR="1")
        os.execve(binary, [binary, "open", "bench-0001"], env)
    try:
        read_until_quiet(fd, 1.0)  # the first frame
        latencies, sizes = [], []
        for _ in range(keys):
            os.write(fd, b"x")
            start = time.perf_counter()
            ready, _, _ = select.select([fd], [], [], 2.0)
            if not ready:
                raise RuntimeError("no echo within 2 s")
            first = os.read(fd, 65536)
            latencies.append((time.perf_counter() - start) * 1000)
            sizes.append(len(first) + read_until_quiet(fd, 0.005))
            time.sleep(0.040)
        os.write(fd, b"\x03")  # Ctrl-C: quit, saving
        read_until_quiet(fd, 0.5)
        os.waitpid(pid, 0)
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        shutil.rmtree(home, ignore_errors=True)
    latencies.sort()
    pick = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))]
    return {
        "median": statistics.median(latencies),
        "p90": pick(0.90),
        "p99": pick(0.99),
        "max": latencies[-1],
        "bytes": statistics.median(sizes),
    }


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/quire"
    keys = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    print(f"{'answer':<14} {'median':>8} {'p90':>8} {'p99':>8} {'max':>8} {'bytes/key':>9}")
    for name, text in shapes().items():
        r = measure(binary, text, keys)
        print(
            f"{name:<14} {r['median']:7.2f}ms {r['p90']:7.2f}ms {r['p99']:7.2f}ms"
            f" {r['max']:7.2f}ms {r['bytes']:9.0f}"
        )


if __name__ == "__main__":
    main()
