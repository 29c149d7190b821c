"""Concurrent briefings into one output folder (issue 16, item 5): N runs at the same moment,
R rounds; after each round the site index must list all N briefings.

    python tests/bench/bench_concurrent.py [--runs 20] [--rounds 100] [--cli] [--unlocked]

Each run is a process: by default a forked child that writes its own briefing (the sample
briefing under its own title and source) with ``write_briefing``, all children released by
one barrier; ``--cli`` starts ``timeline brief`` processes instead (slower: use fewer
rounds). ``--unlocked`` writes without the folder lock, to show the race the lock closes.
Prints one line per round that lost an entry and a table at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from briefings import sample_briefing  # noqa: E402

from timeline.render import slugify, write_briefing  # noqa: E402

ARTICLE = ("Story number {i}\n\nVELMORA, May 3, 2021 - The harbour of Velmora reopened on "
           "Monday after {i} months of repairs, the port authority said. The first ferry left "
           "at 7:30 am.\n")


def _briefing(i: int):  # noqa: ANN202 - a Briefing
    b = sample_briefing()
    title = f"Story number {i}"
    doc = replace(b.documents[0], id=f"story{i}", url=None, title=title)
    return replace(b, title=title, slug=slugify(title), documents=(doc,))


def _child(out: str, i: int, barrier, unlocked: bool) -> None:  # noqa: ANN001
    if unlocked:
        from timeline.render import core

        core._locked = lambda root: contextlib.nullcontext()  # type: ignore[assignment]
    briefing = _briefing(i)
    barrier.wait()
    write_briefing(briefing, Path(out), ["html", "json"])


def listed(out: Path) -> set[str]:
    page = (out / "index.html").read_text("utf-8")
    return set(re.findall(r'href="(story-number-\d+)\.html"', page))


def round_forked(out: Path, runs: int, unlocked: bool) -> int:
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(runs)
    procs = [ctx.Process(target=_child, args=(str(out), i, barrier, unlocked))
             for i in range(runs)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return sum(p.exitcode != 0 for p in procs)


def round_cli(out: Path, runs: int, inputs: Path) -> int:
    procs = [subprocess.Popen([sys.executable, "-m", "timeline", "brief", str(inputs / f"{i}.txt"),
                               "--out", str(out), "--format", "html,json"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for i in range(runs)]
    return sum(p.wait() != 0 for p in procs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--cli", action="store_true", help="timeline brief processes")
    ap.add_argument("--unlocked", action="store_true", help="without the folder lock")
    args = ap.parse_args()
    complete = failed_runs = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-concurrent-") as tmp:
        inputs = Path(tmp) / "inputs"
        inputs.mkdir()
        for i in range(args.runs):
            (inputs / f"{i}.txt").write_text(ARTICLE.format(i=i), "utf-8")
        for r in range(args.rounds):
            out = Path(tmp) / f"round{r}"
            out.mkdir()
            if args.cli:
                failed_runs += round_cli(out, args.runs, inputs)
            else:
                failed_runs += round_forked(out, args.runs, args.unlocked)
            found = len(listed(out))
            complete += found == args.runs
            if found != args.runs:
                print(f"round {r + 1}: index lists {found} of {args.runs}")
    elapsed = time.perf_counter() - started
    mode = "timeline brief processes" if args.cli else "forked write_briefing"
    lock = "no lock" if args.unlocked else "folder lock"
    print("\n| runs | rounds | mode | lock | rounds listing all | failed runs | wall |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {args.runs} | {args.rounds} | {mode} | {lock} | {complete} / {args.rounds} | "
          f"{failed_runs} | {elapsed:.1f} s |")
    return 0 if complete == args.rounds and not failed_runs else 1


if __name__ == "__main__":
    raise SystemExit(main())
