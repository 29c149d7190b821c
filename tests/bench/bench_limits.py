"""Hostile inputs at full size (issue 16, item 2): each refused or cut short in one line,
quickly, in bounded memory.

    python tests/bench/bench_limits.py [--work DIR] [--keep] [--only CASE[,CASE]]

Makes each input under --work (default /tmp/bench_limits; about 2.5 GB of disk, removed
afterwards unless --keep), runs ``timeline brief`` on it in a child process, and prints a
table: case, wall seconds, the child's peak RSS (``ru_maxrss`` of RUSAGE_CHILDREN, read by
a small wrapper process that runs only that child), exit status and the message. The
inputs: /dev/zero, a FIFO, a 10 GB gzip bomb (file and URL, served on 127.0.0.1), the same
bomb as a text file, a 300 MB RSS feed, 2 GB of small JSON lines (plain and gzip), 2 GB
of bad JSON lines gzipped, and one JSON line of 1 GB gzipped. Targets: every case within 10 s and
under 1 GB.
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

MB = 2**20
GB = 2**30
# Runs one command and prints the peak RSS (KB) of its only child on stdout's last line.
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "sys.stderr.buffer.write(r.stderr)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
)
LEAD = ("The river council of Velmora voted on Monday to rebuild the old stone bridge, "
        "officials said. The mayor said work would begin in the spring.")


def _gzip_member(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: a gzip member
    return c.compress(data) + c.flush()


def _repeated_gzip(path: Path, unit: bytes, total: int) -> Path:
    """``total`` inflated bytes of ``unit`` repeated: one member of 64 MB written again and
    again (a gzip file may hold many members; readers inflate them all)."""
    block = unit * (64 * MB // len(unit))
    member = _gzip_member(block)
    with path.open("wb") as f:
        for _ in range(total // len(block)):
            f.write(member)
    return path


def _lines_file(path: Path, line: bytes, total: int) -> Path:
    block = line * (8 * MB // len(line))
    with path.open("wb") as f:
        for _ in range(total // len(block)):
            f.write(block)
    return path


def _feed(path: Path, total: int) -> Path:
    item = (f"<item><title>Bridge</title><link>https://news.example/1</link><pubDate>Mon, 23 "
            f"May 2016 10:00:00 GMT</pubDate><description>{LEAD}</description></item>\n")
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>\n'
    with path.open("w") as f:
        f.write(head)
        block = item * (4 * MB // len(item))
        for _ in range(total // len(block)):
            f.write(block)
        f.write("</channel></rss>\n")
    return path


def _one_long_line(path: Path, total: int) -> Path:
    """One JSON line of ``total`` bytes, gzipped."""
    with path.open("wb") as f:
        f.write(_gzip_member(b'{"text": "'))
        member = _gzip_member(b"a" * (64 * MB))
        for _ in range(total // (64 * MB)):
            f.write(member)
        f.write(_gzip_member(b'", "time": "2016-05-23"}\n'))
    return path


def _fifo(path: Path) -> Path:
    if not path.exists():
        os.mkfifo(path)
    return path


@contextmanager
def _serving(folder: Path) -> Iterator[str]:
    handler = type("Quiet", (http.server.SimpleHTTPRequestHandler,),
                   {"log_message": lambda *a: None})
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: handler(*a, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _measure(args: list[str], cwd: Path) -> tuple[float, int, int, str]:
    """(seconds, peak RSS MB, exit status, first stderr line) of ``timeline ARGS``."""
    started = time.monotonic()
    r = subprocess.run([sys.executable, "-c", _WRAPPER, sys.executable, "-m", "timeline",
                        *args], capture_output=True, text=True, cwd=cwd, timeout=600)
    seconds = time.monotonic() - started
    rss_kb, code = r.stdout.split()[-2:]
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    message = lines[0] if lines else ""
    if len(lines) > 1:
        message += f" (+{len(lines) - 1} lines)"
    return seconds, int(rss_kb) // 1024, int(code), message


def _cases(work: Path, url: str) -> dict[str, Callable[[], list[str]]]:
    small = (json.dumps({"text": LEAD, "time": "2016-05-23"}) + "\n").encode()
    return {
        "/dev/zero": lambda: ["/dev/zero"],
        "FIFO": lambda: [str(_fifo(work / "fifo.txt"))],
        "10 GB gzip bomb (.jsonl.gz)": lambda: [str(_repeated_gzip(
            work / "bomb.jsonl.gz", b"\0", 10 * GB))],
        # 8 GB: 8.3 MB compressed, under the 10 MB download cap
        "8 GB gzip bomb by URL": lambda: (_repeated_gzip(work / "bomb8.jsonl.gz", b"\0", 8 * GB),
                                          ["--allow-private", f"{url}/bomb8.jsonl.gz"])[1],
        "10 GB gzip bomb (.txt.gz)": lambda: [str(_repeated_gzip(
            work / "bomb.txt.gz", b"\0", 10 * GB))],
        "300 MB RSS feed": lambda: [str(_feed(work / "big.rss", 300 * MB))],
        "2 GB small JSON lines": lambda: [str(_lines_file(work / "small.jsonl", small, 2 * GB))],
        "2 GB small JSON lines (gzip)": lambda: [str(_repeated_gzip(
            work / "small.jsonl.gz", small, 2 * GB))],
        "2 GB bad JSON lines (gzip)": lambda: [str(_repeated_gzip(
            work / "bad.jsonl.gz", b"{not json}\n", 2 * GB))],
        "one 1 GB JSON line (gzip)": lambda: [str(_one_long_line(work / "long.jsonl.gz", GB))],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench_limits"))
    ap.add_argument("--keep", action="store_true", help="keep the inputs made")
    ap.add_argument("--only", help="comma-separated case names (substrings)")
    args = ap.parse_args(argv)
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    root = Path(__file__).resolve().parents[2]
    rows = []
    try:
        with _serving(work) as url:
            for name, make in _cases(work, url).items():
                if args.only and not any(o in name for o in args.only.split(",")):
                    continue
                inputs = make()
                out = work / "out"
                seconds, rss, code, message = _measure(
                    ["brief", *inputs, "--out", str(out)], root)
                written = out.exists() and any(out.iterdir())
                rows.append((name, seconds, rss, code, message + (" [WROTE FILES]" if written
                                                                  else "")))
                print(f"{name}: {seconds:.1f} s, {rss} MB, exit {code}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("| case | seconds | peak RSS MB | exit | message |")
    print("|---|---|---|---|---|")
    for name, seconds, rss, code, message in rows:
        print(f"| {name} | {seconds:.2f} | {rss} | {code} | {message.replace('|', '/')} |")
    ok = all(s < 10 and r < 1024 for _, s, r, _, _ in rows)
    print(f"\nall within 10 s and under 1 GB: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
