"""The digest store: what every digest run has seen, kept in one SQLite file.

Standard library ``sqlite3`` only (an embedded file, no server). Four things are kept:

- **items**: every article or feed item seen, by content hash (its text, publication
  date and body bounds), with where it came from and the fetch time of the run that first
  saw it (the digest's date: an input, never the clock);
- **analyses**: the segmentation and TIMEX3 tags of an item, keyed by everything the
  tagger reads, so an unchanged article is never tagged twice;
- **story_items**: which story each item belongs to, so a story keeps its id from run
  to run;
- **digests**: each completed digest (its date and its items), so the next one can say
  what is new.

Every write is a transaction. A digest run holds an exclusive lock on the store
(``flock`` on ``PATH.lock``) from start to end: a second run waits up to ``wait`` seconds
and then fails with a one-line message. The schema version is SQLite's ``user_version``;
an older store is migrated step by step (:data:`MIGRATIONS`), a newer one refused.
"""

from __future__ import annotations

import gc
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from timeline.errors import TimelineError
from timeline.model import AnalyzedDocument, Document, Sentence, Timex, Token

__all__ = [
    "SCHEMA_VERSION", "Store", "StoreBusyError", "analysis_key", "content_hash",
    "pack_analysis", "unpack_analyses", "unpack_analysis",
]

ANALYSIS_VERSION = "2"
"""Bumped when segmentation or tagging changes what they return, or the form an analysis is
kept in changes (2: :func:`pack_analysis`): older analyses are then no longer reused (the
key includes it, and the fingerprint of the analyser's files)."""

# What an analysis depends on besides the article: these files of the package (code and
# rule data); any change to them means older analyses are not reused.
_ANALYSER_FILES = ("segment.py", "pipeline.py", "language.py", "temporal")

LOCK_WAIT = 30.0  # seconds a second run waits for the first before it gives up
_LOCK_POLL = 0.1  # seconds between attempts at the lock


def _script(db: sqlite3.Connection, script: str) -> None:
    """Run the statements of ``script`` one by one (``executescript`` would commit the
    migration's transaction half-way)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE items (
            hash TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            url TEXT,
            title TEXT NOT NULL,
            outlet TEXT,
            dct TEXT,
            text TEXT NOT NULL,
            fetched TEXT NOT NULL
        );
        CREATE TABLE analyses (
            key TEXT PRIMARY KEY,
            data TEXT NOT NULL
        );
        CREATE TABLE story_items (
            hash TEXT PRIMARY KEY,
            story TEXT NOT NULL
        );
        CREATE INDEX story_items_story ON story_items(story);
        CREATE TABLE digests (
            seq INTEGER PRIMARY KEY,
            date TEXT NOT NULL
        );
        CREATE TABLE digest_items (
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (seq, hash)
        );
        """
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1,)
"""MIGRATIONS[v] takes a store at version v to v + 1; the schema version is their number."""

SCHEMA_VERSION = len(MIGRATIONS)


class StoreBusyError(TimelineError):
    """Another run holds the store."""


def content_hash(doc: Document) -> str:
    """What identifies an item across runs: its text, date and body bounds (not its id,
    file name or position in a feed, which change from fetch to fetch)."""
    h = hashlib.sha256()
    for part in (doc.text, doc.dct or "", str(doc.body_start), str(doc.body_end)):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def analyser_fingerprint() -> str:
    """A hash of the analyser's own files (segmenter, tagger code and rule data), so a
    store never serves an analysis made by another version of them."""
    root = Path(__file__).parent
    h = hashlib.sha256(ANALYSIS_VERSION.encode())
    for name in _ANALYSER_FILES:
        top = root / name
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def analysis_key(doc: Document, domain: str, lang: str | None = None) -> str:
    """Everything the tagger reads: the content, the domain setting, the analyser's
    version and files, and the date rules' language when one is imposed (None: detected
    from the text)."""
    chosen = f"\0{lang}" if lang is not None else ""
    return hashlib.sha256(
        f"{content_hash(doc)}\0{domain}\0{analyser_fingerprint()}{chosen}".encode()
    ).hexdigest()


def pack_analysis(adoc: AnalyzedDocument) -> list[Any]:
    """The segmentation and tags of ``adoc`` in a compact form of lists and numbers (what
    the store keeps as JSON and the dask engine sends back from a worker): no copy of the
    document, and every text that is a slice of the document's text given by its offsets
    only. :func:`unpack_analysis` rebuilds an equal AnalyzedDocument from it."""
    doc = adoc.document
    text = doc.text
    sentences = []
    for i, s in enumerate(adoc.sentences):
        offsets: list[int] = []
        sliced = s.text == text[s.start : s.end] and s.index == i and s.doc_id == doc.id
        for t in s.tokens:
            offsets += (t.start, t.end)
            sliced = sliced and t.text == text[t.start : t.end]
        row: list[Any] = [s.start, s.end, s.paragraph, offsets]
        if not sliced:  # not what the segmenter makes: every text kept as it is
            row += [s.index, s.text, s.doc_id, [t.text for t in s.tokens]]
        sentences.append(row)
    timexes = [[t.tid, t.start, t.end, None if t.text == text[t.start : t.end] else t.text,
                t.type, t.value, t.mod, t.quant, t.freq, t.anchor, t.utc_offset, t.rule]
               for t in adoc.timexes]
    return [adoc.domain, sentences, timexes]


def unpack_analysis(doc: Document, packed: list[Any]) -> AnalyzedDocument:
    """The AnalyzedDocument of ``doc`` that :func:`pack_analysis` packed."""
    text = doc.text
    domain, rows, timex_rows = packed
    with _collector_paused():
        sentences = tuple(_sentence(text, doc.id, i, row) for i, row in enumerate(rows))
        timexes = tuple(
            Timex(r[0], r[1], r[2], text[r[1] : r[2]] if r[3] is None else r[3], *r[4:])
            for r in timex_rows
        )
    return AnalyzedDocument(document=doc, sentences=sentences, timexes=timexes, domain=domain)


def unpack_analyses(
    docs: Iterable[Document], packed: Iterable[list[Any]]
) -> list[AnalyzedDocument]:
    """The AnalyzedDocuments of ``docs`` from their packed analyses, rebuilt with the cycle
    collector paused over all of them, not article by article: each pause ends with a
    collection, and in a process that holds many analyses already the collections that
    follow walk all of them (half the time of rebuilding 25 articles one by one went there)."""
    with _collector_paused():
        return [unpack_analysis(d, p) for d, p in zip(docs, packed, strict=True)]


def _sentence(text: str, doc_id: str, index: int, row: list[Any]) -> Sentence:
    start, end, paragraph, offsets = row[:4]
    spans = zip(offsets[0::2], offsets[1::2], strict=True)
    if len(row) == 4:
        tokens = tuple(Token(a, b, text[a:b]) for a, b in spans)
        return Sentence(index, start, end, text[start:end], tokens, paragraph, doc_id)
    index, own_text, doc_id, token_texts = row[4:]
    tokens = tuple(Token(a, b, t) for (a, b), t in zip(spans, token_texts, strict=True))
    return Sentence(index, start, end, own_text, tokens, paragraph, doc_id)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while an analysis is rebuilt: its tens of thousands of
    new objects would otherwise set off collections that walk every object the process
    holds (all the analyses rebuilt so far), which cost more than the rebuilding itself.
    The objects made here hold no cycles, so nothing is left for the collector to find."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _encode(adoc: AnalyzedDocument) -> str:
    return json.dumps(pack_analysis(adoc), ensure_ascii=False, separators=(",", ":"))


def _decode(doc: Document, data: str) -> AnalyzedDocument:
    return unpack_analysis(doc, json.loads(data))


class Store:
    """One open store. Use as a context manager: ``with Store.open(path) as store: ...``."""

    def __init__(self, db: sqlite3.Connection, path: Path, lock: IO[bytes] | None) -> None:
        self.db = db
        self.path = path
        self._lock = lock

    # opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, wait: float = LOCK_WAIT) -> Store:
        """Open (creating or migrating) the store at ``path``, holding its run lock."""
        path = Path(path)
        if path.exists() and not path.is_file():
            raise TimelineError(f"store {path} is not a file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TimelineError(f"cannot create the folder of store {path}: {exc.strerror}") \
                from None
        lock = _acquire(Path(f"{path}.lock"), wait, path)
        try:
            db = sqlite3.connect(str(path), timeout=wait, isolation_level=None)
            store = cls(db, path, lock)
            store._prepare()
        except sqlite3.DatabaseError as exc:
            lock.close()
            raise TimelineError(f"{path}: not a timeline store ({exc})") from None
        except BaseException:
            lock.close()
            raise
        return store

    def _prepare(self) -> None:
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise TimelineError(
                f"{self.path}: store schema version {version} is newer than this timeline "
                f"reads ({SCHEMA_VERSION}); upgrade timeline"
            )
        if version == 0 and self._has_tables():
            raise TimelineError(f"{self.path}: an SQLite file, but not a timeline store")
        for step in range(version, SCHEMA_VERSION):
            with self.transaction():
                MIGRATIONS[step](self.db)
                self.db.execute(f"PRAGMA user_version = {step + 1}")

    def _has_tables(self) -> bool:
        return self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.close()  # closing the file releases the flock
                self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (Ctrl-C included)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # items and analyses ----------------------------------------------------------------

    def add_items(self, docs: Sequence[Document], fetched: str) -> int:
        """Record the items not seen before (fetch time ``fetched``); returns how many were new."""
        rows = [(content_hash(d), d.path or d.url or d.id, d.url, d.title, d.outlet, d.dct,
                 d.text, fetched) for d in docs]
        with self.transaction() as db:
            before = db.total_changes
            db.executemany("INSERT OR IGNORE INTO items (hash, source, url, title, outlet, dct, "
                           "text, fetched) VALUES (?,?,?,?,?,?,?,?)", rows)
            return db.total_changes - before

    def analyses(self, docs: Sequence[Document], domain: str,
                 lang: str | None = None) -> dict[str, AnalyzedDocument]:
        """The stored analyses of ``docs`` (by document id) that exist (each of several
        articles with the same content gets it)."""
        keys: dict[str, list[Document]] = {}
        for d in docs:
            keys.setdefault(analysis_key(d, domain, lang), []).append(d)
        found: dict[str, AnalyzedDocument] = {}
        for chunk in _chunks(list(keys), 500):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT key, data FROM analyses WHERE key IN ({marks})", chunk  # noqa: S608
            ).fetchall()
            with _collector_paused():  # once for the chunk (see unpack_analyses)
                for key, data in rows:
                    for doc in keys[key]:
                        found[doc.id] = _decode(doc, data)
        return found

    def save_analyses(self, adocs: Iterable[AnalyzedDocument], domain: str,
                      lang: str | None = None) -> None:
        rows = [(analysis_key(a.document, domain, lang), _encode(a)) for a in adocs]
        with self.transaction() as db:
            db.executemany("INSERT OR IGNORE INTO analyses (key, data) VALUES (?,?)", rows)

    def count(self, table: str) -> int:
        if table not in ("items", "analyses", "story_items", "digests"):
            raise ValueError(table)
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608

    # stories and digests ---------------------------------------------------------------

    def stories_of(self, hashes: Sequence[str]) -> dict[str, str]:
        """The story id recorded for each item that has one."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(hashes), 500):
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(
                f"SELECT hash, story FROM story_items WHERE hash IN ({marks})",  # noqa: S608
                chunk,
            ).fetchall())
        return found

    def previous_digest(self) -> tuple[str, frozenset[str]] | None:
        """The date and item hashes of the last completed digest, or None."""
        row = self.db.execute("SELECT seq, date FROM digests ORDER BY seq DESC LIMIT 1").fetchone()
        if row is None:
            return None
        hashes = self.db.execute("SELECT hash FROM digest_items WHERE seq = ?", (row[0],))
        return row[1], frozenset(h for (h,) in hashes)

    def followed(self, limit: int = 2000) -> list[tuple[str, str, str, str]]:
        """(hash, story id, title, text) of the story items of the last completed digest
        (at most ``limit``, the newest first): what today's items are compared with, so a
        story told by new items only keeps its id."""
        row = self.db.execute("SELECT max(seq) FROM digests").fetchone()
        if row is None or row[0] is None:
            return []
        return self.db.execute(
            "SELECT i.hash, s.story, i.title, i.text FROM digest_items d "
            "JOIN story_items s ON s.hash = d.hash JOIN items i ON i.hash = d.hash "
            "WHERE d.seq = ? ORDER BY i.dct DESC, i.hash LIMIT ?", (row[0], limit),
        ).fetchall()

    def complete_digest(self, date: str, hashes: Iterable[str],
                        stories: dict[str, str]) -> None:
        """Record a finished digest and its story assignments, in one transaction."""
        with self.transaction() as db:
            seq = db.execute("INSERT INTO digests (date) VALUES (?)", (date,)).lastrowid
            db.executemany("INSERT OR IGNORE INTO digest_items (seq, hash) VALUES (?,?)",
                           [(seq, h) for h in hashes])
            db.executemany("INSERT OR REPLACE INTO story_items (hash, story) VALUES (?,?)",
                           list(stories.items()))


def _chunks(values: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _acquire(lock_path: Path, wait: float, store: Path) -> IO[bytes]:
    """Hold an exclusive lock on ``lock_path`` (waiting up to ``wait`` seconds)."""
    import fcntl

    try:
        handle = open(lock_path, "ab")  # noqa: SIM115 - held for the store's lifetime
    except OSError as exc:
        raise TimelineError(f"cannot open the store lock {lock_path}: {exc.strerror}") from None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                raise StoreBusyError(
                    f"store {store} is in use by another run (waited {wait:g} s); "
                    "try again when it has finished"
                ) from None
            time.sleep(_LOCK_POLL)
