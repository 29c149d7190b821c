"""Speed of ingest on the extraction benchmarks (a benchmark, not a timed test).

HTML route: ``timeline.ingest.html.read_html`` (what ``timeline extract`` runs per page)
against ``trafilatura.extract`` alone on the 181 articles-scrapinghub pages, CPU seconds in
one process, best of 3 rounds run in turn. Paste route: ``read_text`` on the cached pasted texts
(tests/bench/paste_cache.py), documents per second.

    .venv/bin/python tests/bench/bench_ingest.py [../shared/data/articles-scrapinghub]
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from timeline.errors import TimelineError
from timeline.evaluate.ingest import default_cache, load_dataset

ROUNDS = 3


def _best(fn: Callable[[], None], rounds: int = ROUNDS) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str]) -> int:
    import trafilatura

    from timeline.ingest.html import read_html
    from timeline.ingest.text import read_text

    logging.disable(logging.CRITICAL)
    folder = Path(argv[0]) if argv else Path(__file__).parents[2] / ".." / "shared" / "data" / \
        "articles-scrapinghub"
    dataset = load_dataset(folder)
    pages = [(p.id, p.html()) for p in dataset.pages]

    def ours() -> None:
        for pid, html in pages:
            try:
                read_html(html, name=pid, doc_id=pid)
            except TimelineError:
                pass

    def theirs() -> None:
        for _, html in pages:
            trafilatura.extract(html)

    load = os.getloadavg()[0]
    t_ours = t_theirs = float("inf")
    for _ in range(ROUNDS):  # interleaved, so a change in the machine's load hits both
        t_ours, t_theirs = min(t_ours, _best(ours, 1)), min(t_theirs, _best(theirs, 1))
    print(f"HTML route, {len(pages)} pages: timeline {t_ours:.2f} s, trafilatura.extract "
          f"{t_theirs:.2f} s ({t_ours / t_theirs - 1:+.0%}); load average "
          f"{load:.1f} -> {os.getloadavg()[0]:.1f}")
    cache = default_cache() / dataset.name
    texts = [(cache / f"{pid}.txt").read_text(encoding="utf-8") for pid, _ in pages
             if (cache / f"{pid}.txt").exists()]

    def pastes() -> None:
        from timeline.ingest import dateline

        for cached in (dateline.read_stamp, dateline.date_in, dateline.furniture):
            cached.cache_clear()  # each round reads its lines afresh
        for text in texts:
            try:
                read_text(text)
            except TimelineError:
                pass

    if texts:
        t = _best(pastes)
        print(f"paste route, {len(texts)} texts: {len(texts) / t:.0f} documents/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
