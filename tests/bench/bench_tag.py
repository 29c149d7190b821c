"""Tagging throughput over the 256 TempEval-3 TBAQ documents, in one process.

    python tests/bench/bench_tag.py [DATA_DIR] [--repeat N]

Reads every .tml file first (TimeML parsing is not timed), then tags each document's
plain text against its DCT, and prints a table: documents, tokens, seconds, docs/s,
tokens/s (best of N runs; the "cold" row adds importing, loading and compiling the rules),
and the process (CPU) seconds, steadier than wall time on a machine shared with other work.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / ".." / "shared" / "data" / "tempeval3-tbaq"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    folder = Path(args.data)
    if not folder.is_dir():
        print(f"no data at {folder}", file=sys.stderr)
        return 2
    from timeline.timeml import read_timeml

    docs = [read_timeml(p) for p in sorted(folder.rglob("*.tml"))]
    tokens = sum(len(re.findall(r"\w+|[^\w\s]", d.text)) for d in docs)
    chars = sum(len(d.text) for d in docs)
    t0, c0 = time.perf_counter(), time.process_time()
    from timeline.temporal import tag

    tag("warm-up: load the rules on Monday", "2016-05-23")
    load_secs, load_cpu = time.perf_counter() - t0, time.process_time() - c0

    runs: list[tuple[float, float]] = []
    found = 0
    for _ in range(max(1, args.repeat)):
        start, cpu = time.perf_counter(), time.process_time()
        found = sum(len(tag(d.text, d.dct).timexes) for d in docs)
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    first = (runs[0][0] + load_secs, runs[0][1] + load_cpu)
    best = (min(r[0] for r in runs), min(r[1] for r in runs))
    print(
        f"{'run':<12}{'docs':>6}{'tokens':>9}{'chars':>10}{'timexes':>9}"
        f"{'seconds':>9}{'docs/s':>9}{'tokens/s':>11}{'cpu s':>8}"
    )
    for label, (secs, cpu_secs) in (("first (cold)", first), (f"best of {len(runs)}", best)):
        print(
            f"{label:<12}{len(docs):>6}{tokens:>9}{chars:>10}{found:>9}"
            f"{secs:>9.3f}{len(docs) / secs:>9.0f}{tokens / secs:>11.0f}{cpu_secs:>8.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
