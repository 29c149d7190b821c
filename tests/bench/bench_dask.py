"""Dask against the local engine on every Timeline17 article (4,625 dated in 17 topic files).

    nice -n 5 python tests/bench/bench_dask.py [--data ../shared/data/timeline17]
                                               [--workers 2] [--shard 1000] [--rows N ...]
                                               [--topics H1N1_bbc MJ_bbc ...] [--lock FILE]

Each row runs in a fresh process: the articles are read in shards (timeline.engine
.ShardReader over the topics' articles.tokenized.jsonl.gz) and analysed (segment + tag)
shard by shard by

- the local engine (timeline.engine.analyze_shards) with 1 process (it analyses in the
  reading process: nothing is sent between processes) and with --workers processes (a
  process pool, started for each shard);
- a process pool of 1 and of --workers processes kept for the whole run (this bench's, not
  an engine): the like-for-like baselines of Dask, since both analyse in other processes,
  kept from shard to shard, and send the analyses back to the reading process;
- Dask with 1 and with --workers worker processes (timeline.engine.local_cluster, what
  --engine dask starts without --scheduler: a LocalCluster on 127.0.0.1, one thread per
  worker, started before the clock starts: its start-up is reported apart; the clock
  covers everything after it, the workers' warm-up included);
- the local pool and Dask again with a store (timeline.store, the digest's SQLite file):
  the first run fills it, the reruns analyse 0 articles.

Prints wall seconds of the analysis and the overhead like for like ("vs": Dask with 1
worker against the pool of 1 process, Dask with N workers and the store's first run
against the local pool of N; under the table, also Dask with 1 worker against the
analysis in one process and Dask with N workers against the pool of N kept), the 1-minute
load average before and after the row (the row's own processes count in it), CPU seconds
of the reading process and of the pool's processes or Dask workers, the Dask workers'
busy share (compute time over workers x wall: below 100% a worker waited for a task),
peak resident memory of the reading process and of each worker (pool processes: the
largest child; Dask: each worker's own peak, asked of the worker), articles analysed and
reused, and a hash of the analyses (equal on every row: the engines give the same results).
--topics takes a subset, --lock FILE takes turns with other timing runs (an flock held
while each row runs). Not collected by pytest.
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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "timeline17"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _digest(adocs: list[Any]) -> str:
    h = hashlib.sha256()
    for a in adocs:
        h.update(repr((a.document.id, a.sentences, a.timexes, a.domain)).encode())
    return h.hexdigest()[:12]


def _files(args: argparse.Namespace) -> list[str]:
    """The topics' article files: all of them, or those of --topics."""
    return sorted(str(p) for p in args.data.glob("*/articles.tokenized.jsonl.gz")
                  if args.topics is None or p.parent.name in args.topics)


def _pool(reader: Any, workers: int) -> Any:
    """The like-for-like baseline of Dask: a process pool of ``workers`` processes kept for
    the whole run (as the Dask workers are), each shard's articles sent to it and their
    analyses sent back pickled. Not an engine of timeline: the local engine analyses in the
    reading process with 1 process, and starts a pool per shard with more."""
    from concurrent.futures import ProcessPoolExecutor

    from timeline.engine import Analysis
    from timeline.pipeline import analyze

    done = Analysis()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for shard in reader:
            done.documents += pool.map(analyze, shard,
                                       chunksize=max(1, len(shard) // (workers * 8)))
            done.analysed += len(shard)
    return done


def _busy(stream: list[dict[str, Any]], workers: int, wall: float) -> float:
    """Share of the workers' time spent computing (the task stream's compute spans, the
    warm-up included): 100% means a task was always there when one finished."""
    spans = [s["stop"] - s["start"] for task in stream for s in task["startstops"]
             if s["action"] == "compute"]
    return 100 * sum(spans) / (workers * wall)


def run_one(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from timeline.engine import ShardReader, analyze_shards
    from timeline.store import Store

    reader = ShardReader(_files(args), size=args.shard)
    cluster = client = None
    started = 0.0
    if args.engine == "dask":
        from distributed import Client, get_task_stream

        from timeline.engine import local_cluster

        t = time.perf_counter()
        cluster = local_cluster(args.workers)  # the cluster --engine dask starts
        client = Client(cluster)
        started = time.perf_counter() - t
    store = Store.open(args.store) if args.store else None
    before = sum(client.run(_cpu_s).values()) if client is not None else 0.0
    cpu0, t0 = time.process_time(), time.perf_counter()
    if args.engine == "pool":
        done = _pool(reader, args.workers)
    elif client is not None:
        with get_task_stream(client) as stream:
            done = analyze_shards(reader, "auto", engine="dask",
                                  scheduler=cluster.scheduler_address, store=store)
    else:
        done = analyze_shards(reader, "auto", engine=args.engine, workers=args.workers,
                              store=store)
    took, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    busy = None
    if client is not None:
        busy = _busy(stream.data, args.workers, took)
        worker_cpu = sum(client.run(_cpu_s).values()) - before
        workers = list(client.run(_peak_rss_mb).values())
        client.close()
        cluster.close()
    else:  # the pool's largest process; none (fewer articles than a pool is used for,
        # or 1 process): the analysis ran in the reading process itself
        workers = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 or _peak_rss_mb()]
        worker_cpu = _cpu_s(resource.RUSAGE_CHILDREN)  # the pool's processes, once ended
    if store is not None:
        store.close()
    return {"articles": len(done.documents), "analyse_s": took, "startup_s": started,
            "cpu_s": cpu, "worker_cpu_s": worker_cpu, "busy": busy,
            "analysed": done.analysed, "reused": done.reused, "peak_mb": _peak_rss_mb(),
            "worker_mb": workers, "hash": _digest(done.documents)}


ROWS = [  # label, engine, workers (None: --workers), store: none / fill / reuse, compared with
    ("local, 1 process", "local", 1, None, None),
    ("pool of 1 process, kept", "pool", 1, None, None),
    ("local pool", "local", None, None, None),
    ("pool of N processes, kept", "pool", None, None, None),
    ("dask, 1 worker", "dask", 1, None, "pool of 1 process, kept"),
    ("dask, N workers", "dask", None, None, "local pool"),
    ("local pool, filling the store", "local", None, "fill", "local pool"),
    ("local pool, rerun with the store", "local", None, "reuse", None),
    ("dask, N workers, rerun with the store", "dask", None, "reuse", None),
]
# Said under the table: Dask with 1 worker against the analysis in one process (no results
# sent between processes, which any pool or cluster must do), and with N workers against a
# pool of N kept for the run (the local engine starts its pool for each shard).
ALSO = [("dask, 1 worker", "local, 1 process"),
        ("dask, N workers", "pool of N processes, kept")]


def _run_row(args: argparse.Namespace, engine: str, workers: int | None,
             store: Path | None) -> tuple[dict[str, Any], str]:
    """One row in a fresh process (holding --lock while it runs); its result and the load
    before and after."""
    cmd = [sys.executable, __file__, "--one", "--data", str(args.data), "--engine", engine,
           "--workers", str(workers or args.workers), "--shard", str(args.shard)]
    if args.topics:
        cmd += ["--topics", *args.topics]
    if store is not None:
        cmd += ["--store", str(store)]
    with _locked(args.lock):
        load = os.getloadavg()[0]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": "0"})
        load_range = f"{load:.1f}-{os.getloadavg()[0]:.1f}"
    return json.loads(out.stdout.strip().splitlines()[-1]), load_range


@contextmanager
def _locked(path: Path | None) -> Iterator[None]:
    """An exclusive flock on ``path`` (none without one): timing runs of several people on
    one machine take turns, row by row."""
    if path is None:
        yield
        return
    import fcntl

    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _overhead(walls: dict[str, float], label: str, against: str | None) -> str:
    base = walls.get(against or "")
    return f"{100 * (walls[label] / base - 1):+.0f}%" if base else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shard", type=int, default=1000)
    ap.add_argument("--rows", type=int, nargs="+", default=None,
                    help=f"run only these rows (1-{len(ROWS)}; the reruns need row 7 before "
                         "them; an overhead needs its row of comparison)")
    ap.add_argument("--topics", nargs="+", default=None,
                    help="only these topics (folder names, e.g. H1N1_bbc); default: all")
    ap.add_argument("--lock", type=Path, default=None,
                    help="hold an flock on this file while each row runs (shared machines)")
    ap.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    ap.add_argument("--store", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args)))
        return 0
    if not _files(args):
        print(f"no Timeline17 topics in {args.data}" + (f" named {' '.join(args.topics)}"
              if args.topics else ""), file=sys.stderr)
        return 2
    print(f"{'run':<38} {'articles':>8} {'analysed':>8} {'reused':>6} {'wall s':>7} "
          f"{'vs':>5} {'start s':>7} {'load':>9} {'cpu s':>6} {'w cpu s':>7} {'busy':>5} "
          f"{'peak MB':>7}  {'per worker MB':<14} hash")
    walls: dict[str, float] = {}
    rows = [r for i, r in enumerate(ROWS, 1) if args.rows is None or i in args.rows]
    with tempfile.TemporaryDirectory() as tmp:
        for label, engine, workers, use, against in rows:
            r, load = _run_row(args, engine, workers, Path(tmp) / "cache.sqlite" if use else None)
            walls[label] = r["analyse_s"]
            mem = "/".join(f"{m:.0f}" for m in r["worker_mb"])
            busy = f"{r['busy']:.0f}%" if r["busy"] is not None else "-"
            name = label.replace("N workers", f"{args.workers} workers").replace(
                "N processes", f"{args.workers} processes")
            print(f"{name:<38} {r['articles']:>8} {r['analysed']:>8} {r['reused']:>6} "
                  f"{r['analyse_s']:>7.1f} {_overhead(walls, label, against):>5} "
                  f"{r['startup_s']:>7.1f} {load:>9} {r['cpu_s']:>6.1f} "
                  f"{r['worker_cpu_s']:>7.1f} {busy:>5} "
                  f"{r['peak_mb']:>7.0f}  {mem:<14} {r['hash']}", flush=True)
    _footnote(walls, args.workers)
    return 0


def _footnote(walls: dict[str, float], workers: int) -> None:
    """The comparisons, said in words: 'vs' is like for like (the same number of processes
    analysing, results sent back to the reading process either way)."""
    said = [f"{label.replace('N workers', f'{workers} workers')} against {against}: "
            f"{_overhead(walls, label, against)}"
            for label, _e, _w, _u, against in ROWS
            if against and label in walls and against in walls]
    said += [f"{label} against {against}: {_overhead(walls, label, against)}".replace(
                 "N workers", f"{workers} workers").replace("N processes", f"{workers} processes")
             for label, against in ALSO if label in walls and against in walls]
    if said:
        print("overhead: " + "; ".join(said))
    print("cpu s: the reading process's CPU (reading; the pool's or the client's and the "
          "scheduler's work; the analysis itself with 1 local process); w cpu s: the pool's "
          "or the Dask workers' CPU, all together (Dask: from the clock's start); busy: the "
          "Dask workers' share of the wall computing")


if __name__ == "__main__":
    raise SystemExit(main())
