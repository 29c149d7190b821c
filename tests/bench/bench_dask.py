"""Dask against the local engine on every Timeline17 article (4,625 dated in 17 topic files).

    nice -n 5 python tests/bench/bench_dask.py [--data ../shared/data/timeline17]
                                               [--workers 2] [--shard 1000] [--rows N ...]

Each row runs in a fresh process: the articles are read in shards (timeline.engine
.ShardReader over the topics' articles.tokenized.jsonl.gz) and analysed (segment + tag)
shard by shard (timeline.engine.analyze_shards) by

- the local engine with 1 process (it analyses in the reading process: no pool) and with
  --workers processes (a process pool);
- Dask with 1 and with --workers worker processes (a LocalCluster on 127.0.0.1, one thread
  per worker, started before the clock starts: its start-up is reported apart; the clock
  covers everything after it, the workers' warm-up included);
- the local pool and Dask again with a store (timeline.store, the digest's SQLite file):
  the first run fills it, the reruns analyse 0 articles.

Prints wall seconds of the analysis and the overhead like for like (Dask with 1 worker
against the local engine with 1 process, Dask with N workers and the store's first run
against the local pool of N), the 1-minute load average before and after the row (the
row's own processes count in it), peak resident memory of the reading process and of each
worker (pool processes: the largest child; Dask: each worker's own peak, asked of the
worker), articles analysed and reused, and a hash of the analyses (equal on every row:
the engines give the same results). Not collected by pytest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "timeline17"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _digest(adocs: list[Any]) -> str:
    h = hashlib.sha256()
    for a in adocs:
        h.update(repr((a.document.id, a.sentences, a.timexes, a.domain)).encode())
    return h.hexdigest()[:12]


def run_one(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from timeline.engine import ShardReader, analyze_shards
    from timeline.store import Store

    files = sorted(str(p) for p in args.data.glob("*/articles.tokenized.jsonl.gz"))
    reader = ShardReader(files, size=args.shard)
    cluster = client = None
    started = 0.0
    if args.engine == "dask":
        from distributed import Client, LocalCluster

        t = time.perf_counter()
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
        started = time.perf_counter() - t
    store = Store.open(args.store) if args.store else None
    t0 = time.perf_counter()
    done = analyze_shards(reader, "auto", engine=args.engine, workers=args.workers,
                          scheduler=cluster.scheduler_address if cluster else None,
                          store=store)
    took = time.perf_counter() - t0
    if client is not None:
        workers = list(client.run(_peak_rss_mb).values())
        client.close()
        cluster.close()
    else:  # the pool's largest process; none (fewer articles than a pool is used for,
        # or 1 process): the analysis ran in the reading process itself
        workers = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 or _peak_rss_mb()]
    if store is not None:
        store.close()
    return {"articles": len(done.documents), "analyse_s": took, "startup_s": started,
            "analysed": done.analysed, "reused": done.reused, "peak_mb": _peak_rss_mb(),
            "worker_mb": workers, "hash": _digest(done.documents)}


ROWS = [  # label, engine, workers (None: --workers), store: none / fill / reuse, compared with
    ("local, 1 process", "local", 1, None, None),
    ("local pool", "local", None, None, None),
    ("dask, 1 worker", "dask", 1, None, "local, 1 process"),
    ("dask, N workers", "dask", None, None, "local pool"),
    ("local pool, filling the store", "local", None, "fill", "local pool"),
    ("local pool, rerun with the store", "local", None, "reuse", None),
    ("dask, N workers, rerun with the store", "dask", None, "reuse", None),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shard", type=int, default=1000)
    ap.add_argument("--rows", type=int, nargs="+", default=None,
                    help="run only these rows (1-7; the reruns need row 5 before them; "
                         "an overhead needs its row of comparison)")
    ap.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    ap.add_argument("--store", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args)))
        return 0
    if not list(args.data.glob("*/articles.tokenized.jsonl.gz")):
        print(f"no Timeline17 topics in {args.data}", file=sys.stderr)
        return 2
    print(f"{'run':<38} {'articles':>8} {'analysed':>8} {'reused':>6} {'wall s':>7} "
          f"{'vs':>5} {'start s':>7} {'load':>9} {'peak MB':>7}  {'per worker MB':<14} hash")
    walls: dict[str, float] = {}
    rows = [r for i, r in enumerate(ROWS, 1) if args.rows is None or i in args.rows]
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "cache.sqlite"
        for label, engine, workers, use, against in rows:
            cmd = [sys.executable, __file__, "--one", "--data", str(args.data),
                   "--engine", engine, "--workers", str(workers or args.workers),
                   "--shard", str(args.shard)]
            if use:
                cmd += ["--store", str(store)]
            load = os.getloadavg()[0]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True,
                                 env={**os.environ, "PYTHONHASHSEED": "0"})
            load_range = f"{load:.1f}-{os.getloadavg()[0]:.1f}"
            r = json.loads(out.stdout.strip().splitlines()[-1])
            walls[label] = r["analyse_s"]
            base = walls.get(against or "")
            over = f"{100 * (r['analyse_s'] / base - 1):+.0f}%" if base else "-"
            mem = "/".join(f"{m:.0f}" for m in r["worker_mb"])
            name = label.replace("N workers", f"{args.workers} workers")
            print(f"{name:<38} {r['articles']:>8} {r['analysed']:>8} {r['reused']:>6} "
                  f"{r['analyse_s']:>7.1f} {over:>5} {r['startup_s']:>7.1f} {load_range:>9} "
                  f"{r['peak_mb']:>7.0f}  {mem:<14} {r['hash']}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
