"""Digest speed and memory: grouping 10,000 feed items, and a store growing by 500.

    python tests/bench/bench_digest.py [--items N] [--add N]

1. **Grouping**: N feed items (default 10,000; the first N lines of the GoogleNews TS set
   in ../shared/data, titles and snippets, else synthetic items) made into Documents, then
   near-duplicates merged and the items grouped into stories (``merge_duplicates`` +
   ``group_items``, what ``timeline digest`` does before briefing). Target: <= 20 s.
2. **Store**: a store filled with N items and their analyses, then ``--add`` more (default
   500) recorded as a digest run records them: items, the lookup of stored analyses, the
   tagging of the new ones and their saving. Target: <= 5 s for 500 into 10,000.

Prints wall and CPU seconds and the process's peak memory (target < 1 GB). Not a test:
the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
GOOGLENEWS = ROOT / ".." / "shared" / "data" / "stories-googlenews" / "TS.jsonl"
DAY = "2026-03-14"
_WORDS = ("bridge river mayor inquiry bank rate inflation governor storm flood rescue vote "
          "court ruling minister election strike union talks market shares oil price team "
          "cup final match player virus vaccine hospital fire police arrest trial verdict "
          "company profit deal merger launch rocket moon mission quake tremor coast").split()


def _texts(n: int) -> list[str]:
    if GOOGLENEWS.exists():
        with GOOGLENEWS.open(encoding="utf-8") as fh:
            lines = [json.loads(line)["text"] for _, line in zip(range(n), fh, strict=False)]
        texts = [t for t in lines if t.strip()]
        if len(texts) >= n * 0.99:
            return texts
    rng = random.Random(13)
    stories = [rng.sample(_WORDS, 6) for _ in range(max(1, n // 40))]
    return [" ".join(rng.sample(stories[i % len(stories)], 4) + rng.sample(_WORDS, 8))
            for i in range(n)]


def _documents(texts: list[str], prefix: str) -> list:
    from timeline.ingest.article import make_document

    docs = []
    for i, text in enumerate(texts):
        title = " ".join(text.split()[:8]).capitalize() or "untitled"
        body = f"{title}. {text.capitalize()}, officials said on Tuesday."
        docs.append(make_document(body, doc_id=f"{prefix}-{i}", title=title, dct=DAY,
                                  dct_source="metadata", url=f"https://news.example.org/{prefix}/{i}"))
    return docs


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def bench_grouping(n: int) -> None:
    from timeline.digest import group_items, merge_duplicates

    docs = _documents(_texts(n), "g")
    import timeline.cluster  # noqa: F401 - imported before the clock starts

    t0, c0 = time.perf_counter(), time.process_time()
    items = merge_duplicates(docs)
    stories, other = group_items(items)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"grouping  {len(docs):>6} items -> {len(items)} after duplicates, "
          f"{len(stories)} stories + {len(other)} other   {wall:6.2f} s wall  {cpu:6.2f} s cpu"
          f"   peak {_peak_mb():.0f} MB")


def bench_store(n: int, add: int) -> None:
    from timeline.digest import _analyze
    from timeline.store import Store

    texts = _texts(n + add)
    base, new = _documents(texts[:n], "s"), _documents(texts[n : n + add], "n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        with Store.open(path) as store:
            t0 = time.perf_counter()
            store.add_items(base, DAY)
            _analyze(base, store, "auto")
            fill = time.perf_counter() - t0
            t0, c0 = time.perf_counter(), time.process_time()
            store.add_items(new, DAY)
            _, tagged = _analyze(new, store, "auto")
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            t1 = time.perf_counter()
            store.add_items(new, DAY)
            _, again = _analyze(new, store, "auto")
            rerun = time.perf_counter() - t1
            size = path.stat().st_size / 1e6
        print(f"store     filled with {n} items + analyses in {fill:.1f} s ({size:.0f} MB)")
        print(f"store     +{add} new items (tagged {tagged})   {wall:6.2f} s wall  {cpu:6.2f} s "
              f"cpu   the same {add} again (tagged {again}) {rerun:.2f} s   "
              f"peak {_peak_mb():.0f} MB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--add", type=int, default=500)
    ap.add_argument("--only", choices=("grouping", "store"))
    args = ap.parse_args(argv)
    if args.only != "store":
        bench_grouping(args.items)
    if args.only != "grouping":
        bench_store(args.items, args.add)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
