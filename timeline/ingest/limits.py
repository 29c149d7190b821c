"""What reading inputs may cost: the limits, and the bounded readers that keep them.

Every limit counts what was actually read (never a file's stated size, which is 0 for a
device and wrong for a file that grows): the bytes read from one input, the bytes a
compressed input inflates to, one JSON line, one feed, and what one run (the story a
briefing or digest is made from) may hold, in articles and characters of article text.
An input that goes past a limit is refused whole, with one line naming the limit; a JSON
line past the line limit is skipped like any other bad line, and a JSON Lines input
that skips more lines than the ``bad`` limit is refused. With the defaults, reading
holds at most the input (64 MB) plus one inflated line (5 MB) or page (20 MB), and the
articles (10,000 of 64 M characters of text at most): about half a GB whatever the input.

``Limits.parse(["input=512M"])`` reads ``NAME=SIZE`` settings (the CLI's ``--limit``).
"""

from __future__ import annotations

import bz2
import dataclasses
import gzip
import io
import lzma
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

from timeline.errors import OptionError, TimelineError

MB = 2**20
CHUNK = MB  # what one read asks for: big enough to be fast, small against any limit
KEEP_REASONS = 100  # skipped items listed one by one; past this they are only counted


@dataclass(frozen=True)
class Limits:
    """The limits of one run, by name (each field's ``help`` says what it bounds)."""

    input: int = field(default=64 * MB, metadata={
        "help": "bytes read from one input (a file, stdin, a download)", "unit": "bytes"})
    stream: int = field(default=256 * MB, metadata={
        "help": "bytes a compressed input (gzip, bz2, xz) may inflate to", "unit": "bytes"})
    line: int = field(default=5 * MB, metadata={
        "help": "bytes of one JSON Lines line (a longer line is skipped)", "unit": "bytes"})
    bad: int = field(default=10_000, metadata={
        # each costs a parse: a file of millions of bad lines is not JSON Lines, and reading
        # it through would take minutes
        "help": "bad or blank lines one JSON Lines input may skip", "unit": "lines"})
    feed: int = field(default=16 * MB, metadata={
        # feedparser holds the whole feed in memory: a 16 MB feed peaks near 200 MB
        "help": "bytes of one RSS/Atom feed", "unit": "bytes"})
    story: int = field(default=64 * MB, metadata={
        "help": "characters of article text one run reads, all inputs together",
        "unit": "chars"})
    articles: int = field(default=10_000, metadata={
        # story grouping of 10,000 items peaks near 600 MB (tests/bench/bench_digest.py)
        "help": "articles one run reads, all inputs together", "unit": "articles"})

    @classmethod
    def parse(cls, settings: Sequence[str]) -> Limits:
        """Limits from ``NAME=SIZE`` settings (SIZE: a number with K, M or G after it)."""
        values: dict[str, int] = {}
        for setting in settings:
            name, _, size = setting.partition("=")
            name = name.strip().lower()
            if name not in LIMIT_NAMES:
                raise OptionError("limit", f"{setting!r}: expected NAME=SIZE with NAME one of "
                                  f"{', '.join(LIMIT_NAMES)}")
            values[name] = parse_size(size, setting)
        return dataclasses.replace(cls(), **values)

    def shown(self, name: str) -> str:
        """A limit as the user writes it: ``input=64M``."""
        return f"{name}={show_size(getattr(self, name))}"


LIMIT_NAMES: dict[str, str] = {f.name: f.metadata["help"] for f in dataclasses.fields(Limits)}
"""Every limit's name and what it bounds: the one list (the CLI's help is built from it)."""

_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)i?b?\s*$", re.I)
_SCALE = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}


def parse_size(text: str, setting: str = "") -> int:
    """``512M`` -> 536870912; K, M and G are powers of 1024; at least 1."""
    m = _SIZE.match(text)
    if not m or int(m[1]) < 1:
        raise OptionError("limit", f"{setting or text!r}: expected a size such as 512M or 2G")
    return int(m[1]) * _SCALE[m[2].lower()]


def show_size(n: int) -> str:
    for suffix in ("G", "M", "K"):
        if n >= _SCALE[suffix.lower()] and n % _SCALE[suffix.lower()] == 0:
            return f"{n // _SCALE[suffix.lower()]}{suffix}"
    return str(n)


class LimitError(TimelineError):
    """An input went past a limit; ``limit`` is the limit's name."""

    def __init__(self, limit: str, message: str) -> None:
        super().__init__(message)
        self.limit = limit


def over(name: str, limits: Limits, limit: str, what: str) -> LimitError:
    """The error for ``name`` going past ``limit``: "x.jsonl: more than 64 MB read (limit
    input=64M)"."""
    return LimitError(limit, f"{name}: {what} (limit {limits.shown(limit)})")


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def read_at_most(stream: Readable, cap: int, error: TimelineError) -> bytes:
    """All of ``stream``, counting as it reads; ``error`` once more than ``cap`` bytes come."""
    buf = bytearray()
    while True:
        chunk = stream.read(min(CHUNK, cap + 1 - len(buf)))
        if not chunk:
            return bytes(buf)
        buf += chunk
        if len(buf) > cap:
            raise error


# compressed inputs --------------------------------------------------------------------

_CODECS = {b"\x1f\x8b": "gzip", b"BZh": "bz2", b"\xfd7zXZ\x00": "xz"}
COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz")
# What a broken compressed stream raises (zlib.error from gzip, EOFError when cut short).
DECOMPRESS_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError, ValueError)


def codec(data: bytes) -> str | None:
    """"gzip", "bz2" or "xz" when ``data`` starts with that format's magic bytes."""
    return next((c for magic, c in _CODECS.items() if data.startswith(magic)), None)


def plain_name(name: str) -> str:
    """A compressed input's name without its compression suffix (``x.jsonl.gz`` -> ``x.jsonl``)."""
    low = name.lower()
    return next((name[: -len(s)] for s in COMPRESSED_SUFFIXES if low.endswith(s)), name)


class Counted(io.RawIOBase):
    """A stream that counts what is read from it and raises ``error`` past ``cap`` bytes
    (an inflating stream: the count is of inflated bytes, as they come)."""

    def __init__(self, stream: BinaryIO, cap: int, error: TimelineError) -> None:
        super().__init__()
        self._stream, self._cap, self._error, self.count = stream, cap, error, 0

    def readable(self) -> bool:
        return True

    def _counted(self, data: bytes) -> bytes:
        self.count += len(data)
        if self.count > self._cap:
            raise self._error
        return data

    def read(self, size: int | None = -1) -> bytes:
        return self._counted(self._stream.read(-1 if size is None else size))

    def readline(self, size: int | None = -1) -> bytes:
        return self._counted(self._stream.readline(-1 if size is None else size))


def inflating(data: bytes, cap: int, error: TimelineError) -> Counted:
    """A stream of ``data``, inflated when it is compressed; past ``cap`` inflated bytes,
    reading raises ``error``. Broken compressed data raises one of DECOMPRESS_ERRORS."""
    raw = io.BytesIO(data)
    kind = codec(data)
    stream: BinaryIO
    if kind == "gzip":
        stream = gzip.GzipFile(fileobj=raw)  # type: ignore[assignment]
    elif kind == "bz2":
        stream = bz2.BZ2File(raw)  # type: ignore[assignment]
    elif kind == "xz":
        stream = lzma.LZMAFile(raw)  # type: ignore[assignment]
    else:
        stream = raw
    return Counted(stream, cap, error)


# what one run may still read, and the reasons kept --------------------------------------


@dataclass(frozen=True)
class Room:
    """What the run may still read when an input starts: articles and characters of text."""

    articles: int
    chars: int

    @classmethod
    def of(cls, limits: Limits) -> Room:
        return cls(limits.articles, limits.story)

    def check(self, name: str, limits: Limits, articles: int, chars: int) -> None:
        """Raise LimitError when ``articles`` articles of ``chars`` characters do not fit."""
        if articles > self.articles:
            raise over(name, limits, "articles",
                       f"more than {limits.articles:,} articles in one run")
        if chars > self.chars:
            raise over(name, limits, "story",
                       f"more than {show_size(limits.story)} characters of article text in "
                       "one run")

    def less(self, articles: int, chars: int) -> Room:
        return Room(self.articles - articles, self.chars - chars)


class Skips:
    """(where, one-line reason) for what was skipped: the first ``keep`` listed, the rest
    counted, so a file of a million bad lines costs a hundred reasons, not a million."""

    def __init__(self, keep: int = KEEP_REASONS) -> None:
        self.kept: list[tuple[str, str]] = []
        self.more = 0
        self._keep = keep

    def add(self, where: str, reason: str) -> None:
        if len(self.kept) < self._keep:
            self.kept.append((where, reason))
        else:
            self.more += 1

    def extend(self, items: Iterable[tuple[str, str]]) -> None:
        for where, reason in items:
            self.add(where, reason)

    def __len__(self) -> int:
        return len(self.kept) + self.more

    def listed(self, where: str, what: str) -> list[tuple[str, str]]:
        """The reasons kept, then one line counting the others (``what``: "lines")."""
        if not self.more:
            return list(self.kept)
        return [*self.kept, (where, f"{self.more:,} more {what} skipped (not listed)")]
