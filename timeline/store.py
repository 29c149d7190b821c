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

__all__ = ["SCHEMA_VERSION", "Store", "StoreBusyError", "analysis_key", "content_hash"]

ANALYSIS_VERSION = "1"
"""Bumped when segmentation or tagging changes what they return: older analyses are then
no longer reused (the key includes it, and the fingerprint of the analyser's files)."""

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


def _encode(adoc: AnalyzedDocument) -> str:
    sentences = [[s.index, s.start, s.end, s.text, s.paragraph,
                  [[t.start, t.end, t.text] for t in s.tokens]] for s in adoc.sentences]
    timexes = [[t.tid, t.start, t.end, t.text, t.type, t.value, t.mod, t.quant, t.freq,
                t.anchor, t.utc_offset, t.rule] for t in adoc.timexes]
    return json.dumps({"d": adoc.domain, "s": sentences, "t": timexes},
                      ensure_ascii=False, separators=(",", ":"))


def _decode(doc: Document, data: str) -> AnalyzedDocument:
    raw = json.loads(data)
    sentences = tuple(
        Sentence(index=i, start=a, end=b, text=text, paragraph=para, doc_id=doc.id,
                 tokens=tuple(Token(ts, te, tt) for ts, te, tt in tokens))
        for i, a, b, text, para, tokens in raw["s"]
    )
    timexes = tuple(Timex(*row) for row in raw["t"])
    return AnalyzedDocument(document=doc, sentences=sentences, timexes=timexes,
                            domain=raw["d"])


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
            for key, data in self.db.execute(
                f"SELECT key, data FROM analyses WHERE key IN ({marks})", chunk  # noqa: S608
            ):
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
