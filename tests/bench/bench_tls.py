"""Timeline17, the standard protocol, all 19 timelines: scores and wall time.

    python tests/bench/bench_tls.py [DATASET_DIR] [--workers N] [--topics T ...] [--uncompressed]

Everything is included in the time: reading the articles, tagging every article's time
expressions (in parallel across cores), building every story timeline and scoring it.
Prints the per-timeline table (date F1, alignment ROUGE-1/2 F1), the averages, the
published figures for comparison and the time taken. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / ".." / "shared" / "data" / "timeline17"

PUBLISHED = [
    ("DATEWISE (Ghalandari & Ifrim 2020)", 0.544, 0.120, 0.035),
    ("Martschat & Markert 2018", 0.544, 0.105, 0.030),
    ("CLUST (Ghalandari & Ifrim 2020)", 0.407, 0.082, 0.020),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", nargs="?", default=str(DEFAULT))
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--topics", nargs="+", default=())
    ap.add_argument("--uncompressed", action="store_true", help="no sentence compression")
    args = ap.parse_args(argv)
    if not Path(args.dataset).is_dir():
        print(f"no dataset at {args.dataset}", file=sys.stderr)
        return 2
    from timeline.evaluate.tls import evaluate_dataset, format_header

    t0 = time.perf_counter()
    print(f"cores: {os.cpu_count()}, workers: {args.workers or os.cpu_count()}")
    print(format_header(), flush=True)
    ev = evaluate_dataset(
        args.dataset,
        topics=args.topics,
        workers=args.workers,
        progress=lambda row: print(row, flush=True),
        compressed=not args.uncompressed,
    )
    wall = time.perf_counter() - t0
    print(
        f"{'average (' + str(len(ev.results)) + ' timelines)':<26} {'':>14} "
        f"{ev.mean('date_f1'):>8.3f} {ev.mean('rouge1_f1'):>7.3f} {ev.mean('rouge2_f1'):>7.3f}"
    )
    for name, df1, r1, r2 in PUBLISHED:
        print(f"{name:<41} {df1:>8.3f} {r1:>7.3f} {r2:>7.3f}")
    print(
        f"time: {wall:.1f} s wall in all ({ev.tag_seconds:.1f} s tagging, "
        f"{ev.seconds - ev.tag_seconds:.1f} s loading, story timelines and scoring)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
