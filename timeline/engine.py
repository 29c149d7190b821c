"""Where the analysis of many articles runs: this machine's process pool, or a Dask cluster.

``local`` is :func:`timeline.pipeline.analyze_many` (a process pool across the cores).
``dask`` sends the articles in batches as tasks to a dask.distributed cluster: the one at
``scheduler`` ("tcp://host:8786"), else a LocalCluster of this machine's cores. Either
way the result is the same list of AnalyzedDocument in input order, so a briefing is
byte-identical whichever engine analysed it. Dask is an optional extra
(``pip install "timeline[dask]"``); without it the dask engine says so in one line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from timeline.errors import OptionError, TimelineError
from timeline.model import AnalyzedDocument, Document
from timeline.pipeline import DomainChoice, analyze, analyze_many

__all__ = ["ENGINES", "analyze_all"]

ENGINES = ("local", "dask")
BATCH = 25  # articles per task: fewer, larger tasks keep the scheduler's overhead small
CONNECT_SECONDS = 10  # how long to wait for a scheduler before saying it cannot be reached


def analyze_all(
    documents: Sequence[Document],
    domain: DomainChoice = "auto",
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    lang: str | None = None,
) -> list[AnalyzedDocument]:
    """Analyse every article with the chosen engine (with the date rules of ``lang``, None:
    of each article's language); results in input order."""
    if engine == "local":
        if scheduler:
            raise OptionError("scheduler", "only used with the dask engine")
        return analyze_many(documents, domain, workers, lang=lang)
    if engine == "dask":
        return _on_dask(documents, domain, scheduler, workers, lang)
    raise OptionError("engine", f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")


def _analyze_batch(
    batch: Sequence[Document], domain: DomainChoice, lang: str | None
) -> list[AnalyzedDocument]:
    return [analyze(d, domain, lang) for d in batch]


def _client(scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise OptionError(
            "engine", 'dask is not installed; install it with: pip install "timeline[dask]"'
        ) from None
    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_SECONDS), None
        except (OSError, TimeoutError) as exc:
            raise TimelineError(f"cannot reach the dask scheduler at {scheduler} ({exc})") from None
    cluster = LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,  # the tagger is pure Python: processes, not threads
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
    )
    return Client(cluster), cluster


def _on_dask(
    documents: Sequence[Document],
    domain: DomainChoice,
    scheduler: str | None,
    workers: int | None,
    lang: str | None,
) -> list[AnalyzedDocument]:
    client, cluster = _client(scheduler, workers)
    try:
        batches = [list(documents[i : i + BATCH]) for i in range(0, len(documents), BATCH)]
        futures = client.map(_analyze_batch, batches, domain=domain, lang=lang, pure=False)
        results = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return [a for batch in results for a in batch]
