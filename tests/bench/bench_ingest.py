"""Speed of ingest on the extraction benchmarks (a benchmark, not a timed test).

HTML route: what ``timeline extract`` runs per page (``read_html`` on the page's bytes, then
``extract_record``: title, date, byline, body, language) against ``trafilatura.extract``
alone on the 181 articles-scrapinghub pages, CPU seconds in one process, best of 5 rounds
run in turn. trafilatura is timed twice: with its defaults (the issue's yardstick) and with
the settings read_html gives it (no comments, tables: ``html.EXTRACT_OPTIONS``), which is
like with like for the extraction (comments off, it prunes more and runs faster). Both start
from the same bytes and parse them once, as read_html does. Paste route: ``read_text`` on the
cached pasted texts (tests/bench/paste_cache.py), documents per second.

    .venv/bin/python tests/bench/bench_ingest.py [--html] [../shared/data/articles-scrapinghub]
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
HTML_ROUNDS = 5


def _best(fn: Callable[[], None], rounds: int = ROUNDS) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def _html_route(pages: list[tuple[str, bytes]]) -> None:
    import trafilatura

    from timeline.ingest.extract import extract_record
    from timeline.ingest.html import EXTRACT_OPTIONS, NoArticleError, read_html

    def ours() -> None:
        for pid, html in pages:
            try:
                doc = read_html(html, name=pid, doc_id=pid)
            except NoArticleError as exc:  # timeline extract prints these too
                doc = exc.document
            except TimelineError:
                continue
            extract_record(doc, pid)

    def theirs() -> None:
        for _, html in pages:
            trafilatura.extract(html)

    def theirs_alike() -> None:
        for _, html in pages:
            trafilatura.extract(html, **EXTRACT_OPTIONS)

    load = os.getloadavg()[0]
    runs = {"timeline": ours, "trafilatura.extract": theirs,
            "trafilatura.extract, read_html's settings": theirs_alike}
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(HTML_ROUNDS):  # interleaved, so a change in the machine's load hits all
        for label, fn in runs.items():
            best[label] = min(best[label], _best(fn, 1))
    t_ours = best.pop("timeline")
    print(f"HTML route, {len(pages)} pages: timeline {t_ours:.2f} s; " + "; ".join(
        f"{label} {t:.2f} s ({t_ours / t - 1:+.0%})" for label, t in best.items())
        + f"; load average {load:.1f} -> {os.getloadavg()[0]:.1f}")


def main(argv: list[str]) -> int:
    from timeline.ingest.text import read_text

    logging.disable(logging.CRITICAL)
    html_only = "--html" in argv  # the HTML route alone
    argv = [a for a in argv if a != "--html"]
    folder = Path(argv[0]) if argv else Path(__file__).parents[2] / ".." / "shared" / "data" / \
        "articles-scrapinghub"
    dataset = load_dataset(folder)
    pages = [(p.id, p.html()) for p in dataset.pages]
    _html_route(pages)
    if html_only:
        return 0
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
