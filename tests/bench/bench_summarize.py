"""Throughput of summarizing from raw text (segmentation included), in one process.

    python tests/bench/bench_summarize.py [DATA.jsonl] [--method news,lead,...] [--repeat 5]

Reads ../shared/data/cnndm-dev.jsonl by default (125 articles) and prints, for each method,
the median documents per second over the repeats (3 sentences each), by the wall clock
and by the process's CPU time (the machine may be shared: CPU time is what the code
costs). The first pass warms imports and caches and is not counted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / ".." / "shared" / "data" / "cnndm-dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", nargs="?", default=str(DEFAULT))
    p.add_argument("--method", default="news,lead")
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    path = Path(args.data)
    if not path.is_file():
        print(f"{path}: not found", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from timeline.summarize import summarize_text

    articles = [json.loads(line)["article"] for line in path.open(encoding="utf-8") if line.strip()]
    words = sum(len(a.split()) for a in articles)
    print(f"# {len(articles)} articles, {words / len(articles):.0f} words on average, "
          f"median of {args.repeat} passes")
    print(f"{'method':<10} {'docs/s':>8} {'ms/doc':>8} {'cpu docs/s':>11}")
    for method in [m.strip() for m in args.method.split(",") if m.strip()]:
        for a in articles[:5]:
            summarize_text(a, method, sentences=3)  # warm-up: imports, caches
        rates, cpu_rates = [], []
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            for a in articles:
                summarize_text(a, method, sentences=3)
            rates.append(len(articles) / (time.perf_counter() - t0))
            cpu_rates.append(len(articles) / max(1e-9, time.process_time() - c0))
        rate = statistics.median(rates)
        cpu = statistics.median(cpu_rates)
        print(f"{method:<10} {rate:8.0f} {1000 / rate:8.2f} {cpu:11.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
