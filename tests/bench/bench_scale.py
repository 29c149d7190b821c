"""Scale: time and peak memory of briefing one story of 1k/2k/5k/10k articles.

    python tests/bench/bench_scale.py [--sizes 1000 2000 5000 10000] [--workers N]
                                      [--jsonl FILE] [--engine local|dask]

Each size runs in a fresh process: the articles (synthetic, written by a seeded generator:
a developing story over three months with dated and undated statements, tolls, places
and filler from a large vocabulary; or the first N lines of --jsonl, e.g. Timeline17
articles) are read from one JSON Lines file, analysed (segment + tag, across cores) and
briefed (story timeline, summary, briefing, JSON rendered). Prints seconds per stage and
the peak resident memory of the process and of its pool workers. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PLACES = ["Velmora", "Okel", "Tarsen", "Orlen", "Harrow Cross", "Emberley", "Dorrin", "Calvo"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SYLLABLES = ["ka", "lo", "mir", "ten", "sa", "vo", "rin", "del", "pa", "gor", "ul", "bes"]


def _vocabulary(rng: random.Random, n: int = 6000) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _article(rng: random.Random, vocab: list[str], i: int, start: date) -> dict[str, str]:
    pub = start + timedelta(days=rng.randint(0, 90))
    event_day = pub - timedelta(days=rng.choice([0, 1, 1, 2, 6]))
    place = rng.choice(_PLACES)
    toll = rng.randint(5, 300)

    def filler(k: int) -> str:
        return " ".join(rng.choice(vocab) for _ in range(k))

    sentences = [
        f"At least {toll} people were killed in {place} on {_WEEKDAYS[event_day.weekday()]} "
        f"when floods hit the {filler(2)} district, officials said.",
        f"The {filler(1)} agency said {filler(6)} in {place} after the floods.",
        f"On {event_day.strftime('%d %B %Y').lstrip('0')}, residents of {place} reported "
        f"{filler(5)} near the river.",
        f"Rescue teams searched {filler(4)} for the missing, and {filler(5)}.",
        f"Officials said {filler(8)} would take weeks.",
        f"In {rng.choice(['March', 'April', 'May'])} {pub.year}, {filler(7)} across the "
        f"region.",
        f"{filler(3).capitalize()} {filler(6)} and {filler(6)}.",
    ]
    rng.shuffle(sentences[3:])
    return {"id": f"a{i:06d}", "time": pub.isoformat(), "text": "\n".join(sentences)}


def write_synthetic(path: Path, n: int, seed: int = 15) -> None:
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(_article(rng, vocab, i, date(2020, 3, 1))) + "\n")


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def run_one(path: Path, workers: int | None, engine: str = "local") -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from timeline.engine import analyze_all
    from timeline.ingest.jsonl import read_jsonl_path
    from timeline.pipeline import BriefOptions
    from timeline.render import render

    t0 = time.perf_counter()
    docs, _ = read_jsonl_path(path)
    t1 = time.perf_counter()
    adocs = analyze_all(docs, "auto", engine=engine, workers=workers)
    t2 = time.perf_counter()
    from timeline.briefing import build_briefing
    from timeline.story import story_timeline
    from timeline.summarize import summarize

    timeline = story_timeline(adocs, granularity="mixed")
    t3 = time.perf_counter()
    options = BriefOptions()
    summary = summarize(adocs, method=options.method)
    briefing = build_briefing(adocs, summary, timeline, method=options.method)
    render(briefing, "json")
    t4 = time.perf_counter()
    own, kids = _peak_mb()
    return {"articles": len(docs), "read": t1 - t0, "analyze": t2 - t1, "story": t3 - t2,
            "rest": t4 - t3, "total": t4 - t0, "peak_mb": own, "worker_peak_mb": kids,
            "events": len(briefing.timeline.events)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--jsonl", type=Path, default=None)
    ap.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="dask: a LocalCluster of --workers worker processes")
    ap.add_argument("--one", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.workers, args.engine)))
        return 0
    print(f"{'articles':>8} {'read':>6} {'analyze':>8} {'story':>7} {'rest':>6} "
          f"{'total s':>8} {'peak MB':>8} {'workers MB':>10} {'events':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"story-{n}.jsonl"
            if args.jsonl:
                with args.jsonl.open(encoding="utf-8") as src, path.open("w") as dst:
                    for k, line in enumerate(src):
                        if k >= n:
                            break
                        dst.write(line)
            else:
                write_synthetic(path, n)
            cmd = [sys.executable, __file__, "--one", str(path)]
            if args.workers:
                cmd += ["--workers", str(args.workers)]
            cmd += ["--engine", args.engine]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True,
                                 env={**os.environ, "PYTHONHASHSEED": "0"})
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{r['articles']:>8} {r['read']:>6.1f} {r['analyze']:>8.1f} {r['story']:>7.1f} "
                  f"{r['rest']:>6.1f} {r['total']:>8.1f} {r['peak_mb']:>8.0f} "
                  f"{r['worker_peak_mb']:>10.0f} {r['events']:>6}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
