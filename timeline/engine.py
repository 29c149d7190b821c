"""Where the analysis of many articles runs: this machine's process pool, or a Dask cluster.

``local`` is :func:`timeline.pipeline.analyze_many` (a process pool across the cores).
``dask`` sends the articles in batches as tasks to a dask.distributed cluster: the one at
``scheduler`` ("tcp://host:8786"), else a LocalCluster of this machine's cores. Either
way the result is the same list of AnalyzedDocument in input order, so a briefing is
byte-identical whichever engine analysed it. Dask is an optional extra
(``pip install "timeline[dask]"``); without it the dask engine says so in one line.

Archive scale: :class:`ShardReader` reads JSON Lines files (gzip too) and folders a shard
of articles at a time, so no file is held whole in memory, and :func:`analyze_shards`
analyses one shard at a time (one shard's texts in flight to the pool or the cluster).
With a :class:`timeline.store.Store` (the SQLite file ``digest`` keeps), analyses are
cached by content hash: a rerun analyses only the articles that changed.
"""

from __future__ import annotations

import gzip
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline.errors import OptionError, TimelineError
from timeline.model import AnalyzedDocument, Document
from timeline.pipeline import DomainChoice, analyze, analyze_many

if TYPE_CHECKING:
    from timeline.store import Store

__all__ = [
    "ENGINES", "Analysis", "ShardReader", "analyze_all", "analyze_shards", "local_cluster",
    "shards_of",
]

ENGINES = ("local", "dask")
BATCH = 25  # articles per task: fewer, larger tasks keep the scheduler's overhead small
CONNECT_SECONDS = 10  # how long to wait for a scheduler before saying it cannot be reached
SHARD = 1000  # articles read and analysed at a time: bounds what is in flight, not results
AHEAD = 1  # shards sent before the oldest is collected: the cluster never waits for a read

Pending = Callable[[], list[AnalyzedDocument]]  # waits for a shard's analyses
Runner = Callable[[Sequence[Document]], Pending]  # starts analysing a shard


@dataclass
class Analysis:
    """The analysed articles in input order, how many were analysed now and how many came
    from the store's cache."""

    documents: list[AnalyzedDocument] = field(default_factory=list)
    analysed: int = 0
    reused: int = 0


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
    return analyze_shards([documents], domain, engine=engine, scheduler=scheduler,
                          workers=workers, lang=lang).documents


def analyze_shards(
    shards: Iterable[Sequence[Document]],
    domain: DomainChoice = "auto",
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    lang: str | None = None,
    store: Store | None = None,
) -> Analysis:
    """Analyse the articles shard by shard with the chosen engine; with ``store``, an
    article whose analysis is cached there (same text, date, body, domain and ``lang``) is
    not analysed again, and new analyses are saved as each shard finishes. The next shard
    is read and sent while the engine works on this one (:data:`AHEAD`)."""
    result = Analysis()
    with _runner(engine, scheduler, workers, domain, lang, warm=store is None) as run:
        pending: deque[tuple[Sequence[Document], dict[str, AnalyzedDocument], Pending]] = deque()
        for shard in shards:
            found = store.analyses(shard, domain, lang) if store is not None else {}
            todo = [d for d in shard if d.id not in found]
            pending.append((shard, found, run(todo) if todo else list))
            result.analysed += len(todo)
            result.reused += len(shard) - len(todo)
            if len(pending) > AHEAD:
                _finish(*pending.popleft(), result, store, domain, lang)
        while pending:
            _finish(*pending.popleft(), result, store, domain, lang)
    return result


def _finish(
    shard: Sequence[Document], found: dict[str, AnalyzedDocument], pending: Pending,
    result: Analysis, store: Store | None, domain: DomainChoice, lang: str | None,
) -> None:
    done = pending()
    if store is not None and done:
        store.save_analyses(done, domain, lang)
    found.update((a.document.id, a) for a in done)
    result.documents.extend(found[d.id] for d in shard)


def shards_of(documents: Iterable[Document], size: int = SHARD) -> Iterator[list[Document]]:
    """``documents`` in lists of at most ``size``."""
    shard: list[Document] = []
    for doc in documents:
        shard.append(doc)
        if len(shard) >= size:
            yield shard
            shard = []
    if shard:
        yield shard


@contextmanager
def _runner(
    engine: str, scheduler: str | None, workers: int | None, domain: DomainChoice,
    lang: str | None, *, warm: bool = True,
) -> Iterator[Runner]:
    """The engine's runner; with ``warm`` (a run that analyses every article: no store),
    Dask workers warm up at once (:func:`_warm_up`). With a store, a rerun may find every
    article there: workers then warm up on their first task, if there is one, and a cached
    rerun costs them nothing."""
    if engine == "local":
        if scheduler:
            raise OptionError("scheduler", "only used with the dask engine")

        def local(docs: Sequence[Document]) -> Pending:
            done = analyze_many(docs, domain, workers, lang=lang)
            return lambda: done

        yield local
    elif engine == "dask":
        client, cluster = _client(scheduler, workers)
        try:
            warming = _warm_up(client, domain, lang) if warm else []
            yield lambda docs: _on_dask(client, docs, domain, lang)
            del warming  # held until the end: a released future's task may be cancelled
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        raise OptionError("engine", f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")


def _client(scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    try:
        from distributed import Client
    except ImportError:
        raise OptionError(
            "engine", 'dask is not installed; install it with: pip install "timeline[dask]"'
        ) from None
    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_SECONDS), None
        except (OSError, TimeoutError) as exc:
            raise TimelineError(f"cannot reach the dask scheduler at {scheduler} ({exc})") from None
    cluster = local_cluster(workers)
    return Client(cluster), cluster


# What a local cluster's workers need not do every few milliseconds while they analyse
# (and how its scheduler hands them tasks):
# it has no dashboard, so nothing reads their stack samples or system figures, and the
# checks of memory and of a blocked event loop can wait a second. Each wakes the worker's
# event loop, which takes the interpreter from the analysis: with the defaults a worker
# spent 0.6-0.7 s of 6.3 CPU s on H1N1 outside its tasks, with these 0.3.
_LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,  # samples every 10 ms for the dashboard
    "distributed.admin.system-monitor.interval": "2s",  # 500 ms: dashboard figures
    "distributed.worker.memory.monitor-interval": "1s",  # 100 ms
    "distributed.admin.tick.interval": "1s",  # 20 ms: warns of a blocked event loop
    # Every task goes to a worker when sent, not one as another ends: the local scheduler
    # runs in this process, which pauses (reading a shard, a garbage collection over the
    # analyses it holds: 0.6-1.4 s late in a Timeline17 run) and a worker with one task in
    # hand then waited (1 worker, 4,625 articles: idle 3.6 s of 76.8)
    "distributed.scheduler.worker-saturation": "inf",
}


def local_cluster(workers: int | None = None) -> Any:
    """A dask.distributed LocalCluster of ``workers`` processes (None: one per core) on
    127.0.0.1, one thread each (the tagger is pure Python: processes, not threads), without
    a dashboard (:data:`_LOCAL_WORKER_CONFIG`). What ``--engine dask`` without
    ``--scheduler`` starts."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(_LOCAL_WORKER_CONFIG):
        return LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )


def _analyze_packed(
    batch: Sequence[Document], domain: DomainChoice, lang: str | None
) -> list[list[Any]]:
    """The task a worker runs: a batch of articles analysed, each sent back packed
    (:func:`timeline.store.pack_analysis`: offsets, not copies of the text; a fifth of the
    bytes, and far fewer objects to pickle and unpickle than the dataclasses)."""
    from timeline.store import pack_analysis

    return [pack_analysis(analyze(d, domain, lang)) for d in batch]


_WARM_TEXT = "Floods\n\nThe river rose on Monday 3 May 2021, two days after the storm."


def _warm_up(client: Any, domain: DomainChoice, lang: str | None) -> list[Any]:
    """One small article analysed on each worker as soon as the cluster is there, so the
    workers import the analyser and compile its rules while this process reads the first
    shard (a task of the first shard would otherwise wait for it)."""
    from timeline.ingest.text import read_text

    doc = read_text(_WARM_TEXT, date="2021-05-04", doc_id="warm-up")
    return [client.submit(_analyze_packed, [doc], domain, lang, workers=[address],
                          allow_other_workers=False, pure=False)
            for address in client.scheduler_info()["workers"]]


def _on_dask(
    client: Any, documents: Sequence[Document], domain: DomainChoice, lang: str | None
) -> Pending:
    """Send ``documents`` in batches; what is returned waits for them, rebuilding each
    batch's analyses as it arrives (in input order at the end)."""
    from distributed import as_completed

    from timeline.store import unpack_analyses

    batches = [documents[i : i + BATCH] for i in range(0, len(documents), BATCH)]
    # one task a call: a shard's texts in one graph (client.map) are ~10 MB, past what
    # dask warns of, and the first batch can start before the last is sent
    futures = [client.submit(_analyze_packed, batch, domain, lang, pure=False)
               for batch in batches]

    def collect() -> list[AnalyzedDocument]:
        place = {f.key: i for i, f in enumerate(futures)}
        done: list[list[AnalyzedDocument]] = [[] for _ in batches]
        for future, packed in as_completed(futures, with_results=True):
            i = place[future.key]
            future.release()  # its result is here: the worker need not keep it any longer
            done[i] = unpack_analyses(batches[i], packed)
        return [a for batch in done for a in batch]

    return collect


# reading in shards ---------------------------------------------------------------------


class ShardReader:
    """The articles of INPUT arguments, ``size`` at a time: JSON Lines files (gzip too) are
    streamed line by line and folders file by file, so neither a whole file nor a whole
    corpus is read at once. Each file is read by the reader of its kind
    (``timeline.ingest.formats.INPUT_KINDS``); URLs and ``-`` by ``load_inputs``. The
    documents are those ``load_inputs`` gives for the same inputs (same ids, dates, order);
    what could not be read is in ``skipped`` once the iteration is over."""

    def __init__(self, inputs: Sequence[str], *, date: str | None = None,
                 size: int = SHARD) -> None:
        if date is not None:
            from timeline.ingest.text import validate_date

            date = validate_date(date)
        self.inputs = list(inputs)
        self.date = date
        self.size = size
        self.skipped: list[tuple[str, str]] = []
        self._ids: dict[str, int] = {}

    def __iter__(self) -> Iterator[list[Document]]:
        return shards_of(self._documents(), self.size)

    def _documents(self) -> Iterator[Document]:
        from timeline.ingest.formats import UNDATED

        for docs in self._reads():
            for doc in docs:
                if doc.dct is None:
                    self.skipped.append((doc.path or doc.url or doc.id, UNDATED))
                else:
                    yield self._unique(doc)

    def _reads(self) -> Iterator[list[Document]]:
        from timeline.ingest.folder import list_files
        from timeline.ingest.formats import load_inputs

        for item in self.inputs:
            path = Path(item)
            if item != "-" and path.is_dir():
                try:
                    files = list_files(path)
                except TimelineError as exc:
                    self.skipped.append((item, _reason(item, str(exc))))
                    continue
                for f in files:
                    yield from self._file(f)
            elif item != "-" and path.is_file():
                yield from self._file(path)
            else:  # a URL, stdin, or a missing file: as load_inputs reads it
                try:
                    loaded = load_inputs([item], date=self.date, require_date=False)
                except TimelineError as exc:
                    self.skipped.append((item, _reason(item, str(exc))))
                    continue
                self.skipped.extend(loaded.skipped)
                yield list(loaded.documents)

    def _file(self, path: Path) -> Iterator[list[Document]]:
        from timeline.ingest.formats import HEAD_BYTES, Source, input_kind

        name = str(path)
        try:
            with path.open("rb") as handle:
                head = handle.read(HEAD_BYTES)
                kind = input_kind(name, head)
                if kind.name == "jsonl":
                    yield from self._jsonl(path, kind.read)
                    return
                data = head + handle.read(kind.max_bytes + 1 - len(head))
        except OSError as exc:
            self.skipped.append((name, f"cannot read ({exc.strerror or exc})"))
            return
        if len(data) > kind.max_bytes:
            self.skipped.append((name, f"file is too large (the limit is "
                                       f"{kind.max_bytes // 2**20} MB)"))
        elif not data.strip():
            self.skipped.append((name, "file is empty"))
        else:
            yield self._read(name, kind.read, data, Source(name, path=name, date=self.date))

    def _jsonl(self, path: Path, read: Callable[[bytes, Any], Any]) -> Iterator[list[Document]]:
        """A JSON Lines file ``size`` lines at a time. Each chunk is led by as many empty
        lines as came before it, so line numbers (the ids of lines without an ``id``, the
        places named in skip reasons) are those of the whole file."""
        from timeline.ingest.formats import Source

        name = str(path)
        source = Source(name, path=name, date=self.date)
        opened = gzip.open(path, "rb") if _gzipped(path) else path.open("rb")
        with opened as stream:
            before, lines = 0, []
            try:
                for line in stream:
                    lines.append(line)
                    if len(lines) >= self.size:
                        yield self._read(name, read, b"\n" * before + b"".join(lines), source)
                        before, lines = before + len(lines), []
            except (OSError, EOFError) as exc:
                self.skipped.append((name, f"cannot read compressed data ({exc})"))
            if lines:
                yield self._read(name, read, b"\n" * before + b"".join(lines), source)

    def _read(self, name: str, read: Callable[[bytes, Any], Any], data: bytes,
              source: Any) -> list[Document]:
        try:
            docs, bad = read(data, source)
        except TimelineError as exc:
            self.skipped.append((name, _reason(name, str(exc))))
            return []
        self.skipped.extend(bad)
        return list(docs)

    def _unique(self, doc: Document) -> Document:
        """Ids unique across all shards, renamed as ``load_inputs`` renames them."""
        n = self._ids.get(doc.id, 0)
        self._ids[doc.id] = n + 1
        if not n:
            return doc
        new_id = f"{doc.id}-{n + 1}"
        while new_id in self._ids:
            n += 1
            new_id = f"{doc.id}-{n + 1}"
        self._ids[new_id] = 1
        return replace(doc, id=new_id)


def _gzipped(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def _reason(label: str, message: str) -> str:
    prefix = f"{label}: "
    return message[len(prefix) :] if message.startswith(prefix) else message
