"""Many inputs in, Documents out: files, folders, URLs, stdin, in any supported format.

``load_inputs`` dispatches each input to the reader of its kind (``INPUT_KINDS``, the one
list of input kinds, says how each is recognised and read):

- plain text (``.txt``, ``.md``, stdin, anything that sniffs as text): the single-article
  reader ``timeline.ingest.text.read_text`` (body end, dateline);
- HTML pages (``.html``/``.htm``, or content starting like HTML): trafilatura;
- JSON Lines (``.jsonl``, ``.jsonl.gz``, ``.ndjson``, a line starting with ``{``): news-tls form;
- RSS/Atom feeds (``.rss``, ``.atom``, ``.xml``, or content that sniffs as a feed): feedparser;
- http(s) URLs: fetched, then read as HTML, a feed, JSON Lines or text by content type;
- folders: every non-hidden file under them, recursively, never leaving the folder;
- gzip, bz2 and xz compressed inputs of any of these kinds.

Every article keeps its own publication date. An input (or a line, or a feed entry) that
cannot be used is reported in ``LoadResult.skipped`` with a one-line reason and the rest
still load; only when nothing at all loads is a TimelineError raised.

Reading is bounded by ``timeline.ingest.limits.Limits``, counting the bytes actually
read: devices, FIFOs and sockets are refused (a pipe is read as ``-``), an input past a
limit is refused whole, and every article is cleaned at the door
(``article.clean_document``: no lone surrogate or control character reaches a later stage).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import BinaryIO

from timeline.errors import NoDateError, TimelineError
from timeline.ingest.article import clean_document, clean_field, stem_id
from timeline.ingest.feed import SIGNATURE_BYTES, looks_like_feed
from timeline.ingest.html import MAX_HTML_BYTES
from timeline.ingest.limits import (
    DECOMPRESS_ERRORS,
    Limits,
    Room,
    Skips,
    codec,
    inflating,
    over,
    plain_name,
    read_at_most,
    show_size,
)
from timeline.ingest.text import MAX_BYTES as MAX_TEXT_BYTES
from timeline.model import Document

MB = 2**20
MAX_FILE_BYTES = Limits().input  # JSON Lines hold many articles: the input limit
# The first bytes tell a kind by its signature ("<rss", "<html", "{", gzip's magic).
HEAD_BYTES = 8192
# The reason an article without a publication date is left out.
UNDATED = "no publication date found"

Read = tuple[list[Document], list[tuple[str, str]]]
"""What a reader returns: the documents, and (where, one-line reason) for each entry skipped."""


@dataclass(frozen=True)
class LoadResult:
    """The documents that loaded, and (input, one-line reason) for each one that did not."""

    documents: tuple[Document, ...]
    skipped: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Source:
    """Where an input's bytes come from, and the date that stands in for a missing one
    (``override``: the date replaces the article's own, as for a single input)."""

    name: str
    path: str | None = None
    url: str | None = None
    date: str | None = None
    override: bool = False
    limits: Limits = field(default_factory=Limits)
    room: Room | None = None  # what the run may still read (None: all the limits allow)

    @property
    def doc_id(self) -> str:
        if self.path:
            return stem_id(self.path)
        return stem_id(self.url.rstrip("/")) if self.url else "doc"


@dataclass(frozen=True)
class InputKind:
    """One kind of input: how to recognise it and how to read it.

    An input is first declared a kind by its media type (URLs) or its file extension; the
    declaration stands unless the kind's own ``signature`` is missing from the first bytes
    and a kind it ``defers_to`` shows its signature there. An input declared nothing is
    the first kind (in registry order) whose signature it shows, else the kind whose
    ``media_suffixes`` end its media type, else plain text.

    A kind reads at most its ``limit`` (a ``Limits`` field name) and ``fixed_bytes``, the
    fixed cap of its reader when it has one (text and HTML: 20 MB); one that ``inflates``
    is given compressed data as it is and inflates it as it reads.
    """

    name: str
    help: str
    read: Callable[[bytes, Source], Read]
    extensions: tuple[str, ...] = ()
    media_types: tuple[str, ...] = ()
    signature: Callable[[bytes], bool] | None = None
    defers_to: tuple[str, ...] = ()
    media_suffixes: tuple[str, ...] = ()
    max_bytes: int = MAX_FILE_BYTES
    limit: str = "input"
    inflates: bool = False
    fixed_bytes: int | None = None

    def cap(self, limits: Limits) -> tuple[int, str]:
        """The most bytes this kind reads, and the name of the limit that sets it ("" for
        the reader's fixed cap)."""
        mine: int = getattr(limits, self.limit)
        if self.fixed_bytes is not None and self.fixed_bytes < mine:
            return self.fixed_bytes, ""
        return mine, self.limit

    def shows(self, head: bytes) -> bool:
        return self.signature is not None and self.signature(head)


def _looks_like_html(head: bytes) -> bool:
    low = head[:SIGNATURE_BYTES].lstrip().lower()
    return (
        low.startswith(b"<!doctype html")
        or low.startswith(b"<html")
        or b"<html" in low
        or (low.startswith(b"<") and (b"<body" in low or b"<head" in low))
    )


def _looks_like_jsonl(head: bytes) -> bool:
    return head[:2] == b"\x1f\x8b" or head.lstrip().startswith(b"{")  # gzip, or an object


def _read_text(data: bytes, src: Source) -> Read:
    from timeline.ingest.text import decode, read_text

    doc = read_text(decode(data, src.name), path=src.path or src.name,
                    date=src.date if src.override else None)
    if doc.dct is None and src.date is not None:
        doc = dataclasses.replace(doc, dct=src.date, dct_source="option")
    if src.url:
        doc = dataclasses.replace(doc, url=src.url, id=src.doc_id)
    return [doc], []


def _read_jsonl(data: bytes, src: Source) -> Read:
    from timeline.ingest.jsonl import read_jsonl

    return read_jsonl(data, name=src.name, path=src.path, date=src.date, limits=src.limits,
                      room=src.room)


def _read_feed(data: bytes, src: Source) -> Read:
    from timeline.ingest.feed import read_feed

    return read_feed(data, name=src.name, url=src.url, path=src.path, date=src.date,
                     limits=src.limits, room=src.room)


def _read_html(data: bytes, src: Source) -> Read:
    from timeline.ingest.html import read_html

    doc = read_html(data, name=src.name, doc_id=src.doc_id, url=src.url, path=src.path,
                    date=src.date)
    if src.override and src.date is not None:
        doc = dataclasses.replace(doc, dct=src.date, dct_source="option")
    return [doc], []


DEFAULT_KIND = "text"  # what an input is when nothing says otherwise
INPUT_KINDS: dict[str, InputKind] = {
    k.name: k
    for k in (
        InputKind("text", "text files", _read_text, extensions=(".txt", ".text", ".md"),
                  defers_to=("feed",), max_bytes=MAX_TEXT_BYTES, fixed_bytes=MAX_TEXT_BYTES),
        InputKind("jsonl", "JSON Lines (.jsonl, .jsonl.gz)", _read_jsonl,
                  extensions=(".jsonl", ".ndjson", ".json", ".gz"),
                  media_types=("application/x-ndjson", "application/jsonl", "application/json"),
                  signature=_looks_like_jsonl, inflates=True),
        InputKind("feed", "RSS/Atom feeds", _read_feed, extensions=(".rss", ".atom", ".xml"),
                  media_types=("application/rss+xml", "application/atom+xml",
                               "application/rdf+xml"),
                  signature=looks_like_feed, defers_to=("html",), limit="feed"),
        InputKind("html", "HTML pages", _read_html,
                  extensions=(".html", ".htm", ".xhtml", ".shtml"),
                  media_types=("text/html", "application/xhtml+xml"),
                  signature=_looks_like_html, defers_to=("feed",), media_suffixes=("xml",),
                  max_bytes=MAX_HTML_BYTES, fixed_bytes=MAX_HTML_BYTES),
    )
}
"""The input kinds by name, in the order their signatures are tried: the one list of
them (the readers, ``sniff_kind`` and the CLI's help are built from it). Adding one is
one entry here."""


def _declared(name: str, media_type: str) -> InputKind | None:
    suffix = Path(name.lower().split("?", 1)[0]).suffix
    for kind in INPUT_KINDS.values():
        if media_type in kind.media_types:
            return kind
    return next((k for k in INPUT_KINDS.values() if suffix in k.extensions), None)


def input_kind(name: str, head: bytes, content_type: str = "") -> InputKind:
    """Which kind an input is, from its content type, its name and its first bytes."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    declared = _declared(name, media_type)
    if declared is not None:
        if declared.shows(head):
            return declared
        deferred = (INPUT_KINDS[d] for d in declared.defers_to)
        return next((k for k in deferred if k.shows(head)), declared)
    for kind in INPUT_KINDS.values():
        if kind.shows(head):
            return kind
    for kind in INPUT_KINDS.values():
        if media_type and any(media_type.endswith(x) for x in kind.media_suffixes):
            return kind
    return INPUT_KINDS[DEFAULT_KIND]


def sniff_kind(name: str, head: bytes, content_type: str = "") -> str:
    """The name of the kind of an input (see ``input_kind``)."""
    return input_kind(name, head, content_type).name


def _too_large(name: str, cap: int, limit: str, limits: Limits, what: str) -> TimelineError:
    """The error for an input past ``cap`` bytes: the limit named, or the reader's own cap.
    ``what`` says how, with ``{size}`` for the cap: "inflates to more than {size}"."""
    if limit:
        return over(name, limits, limit, "too large: " + what.format(size=f"{show_size(cap)}B"))
    return TimelineError(f"{name}: file is too large ({what.format(size=f'{cap // MB} MB')}; "
                         f"the limit is {cap // MB} MB)")


def _open_file(path: Path) -> BinaryIO:
    """``path`` opened for reading; a device, FIFO or socket is refused before it is opened
    (opening a FIFO waits for a writer) and again once open (it may have been swapped)."""
    from timeline.ingest.folder import special_file

    name = str(path)
    special = special_file(os.stat(path).st_mode)
    fd = -1
    if not special:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        special = special_file(os.fstat(fd).st_mode)
    if special:
        if fd >= 0:
            os.close(fd)
        raise TimelineError(f"{name}: {special}, not a file (a pipe is read as -, "
                            "standard input)")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _read_all(stream: BinaryIO, name: str, limits: Limits) -> bytes:
    """What ``stream`` holds, refused past the input limit (bytes counted as read), or
    past its kind's cap when its first bytes show an uncompressed kind (a feed: 16 MB)."""
    head = stream.read(HEAD_BYTES)
    cap, limit = limits.input, "input"
    if codec(head) is None:
        kind = input_kind(name, head)
        if not kind.inflates:
            cap, limit = min((cap, limit), kind.cap(limits))
    if len(head) > cap:
        raise _too_large(name, cap, limit, limits, "more than {size} read")
    return head + read_at_most(stream, cap - len(head),
                               _too_large(name, cap, limit, limits, "more than {size} read"))


def _prepared(data: bytes, name: str, limits: Limits, content_type: str = "",
              kind: InputKind | None = None) -> tuple[InputKind, bytes]:
    """An input's kind and the bytes its reader gets: inflated when compressed (within
    the stream limit and the kind's cap), unless the kind inflates as it reads."""
    compressed = codec(data) is not None
    try:
        head = inflating(data, HEAD_BYTES, over(name, limits, "stream", "")).read(HEAD_BYTES)
    except DECOMPRESS_ERRORS as exc:
        raise TimelineError(f"{name}: cannot read compressed data ({exc})") from None
    kind = kind or input_kind(plain_name(name) if compressed else name, head, content_type)
    if kind.inflates:
        return kind, data
    cap, limit = kind.cap(limits)
    if not compressed:
        if len(data) > cap:
            raise _too_large(name, cap, limit, limits, "more than {size}")
        return kind, data
    cap, limit = min((limits.stream, "stream"), (cap, limit))
    error = _too_large(name, cap, limit, limits, "inflates to more than {size}")
    try:
        return kind, read_at_most(inflating(data, cap, error), cap, error)
    except DECOMPRESS_ERRORS as exc:
        raise TimelineError(f"{name}: cannot read compressed data ({exc})") from None


def _read_file(path: Path, *, date: str | None, override: bool, limits: Limits | None = None,
               room: Room | None = None) -> Read:
    name = str(path)
    limits = limits or Limits()
    try:
        with _open_file(path) as handle:
            data = _read_all(handle, name, limits)
    except OSError as exc:
        raise TimelineError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise TimelineError(f"{name}: file is empty")
    kind, data = _prepared(data, name, limits)
    source = Source(name, path=name, date=date, override=override, limits=limits, room=room)
    return kind.read(data, source)


def _read_url(url: str, *, date: str | None, override: bool, limits: Limits | None = None,
              room: Room | None = None) -> Read:
    import io

    from timeline.ingest.url import fetch

    limits = limits or Limits()
    fetched = fetch(url)
    if not fetched.data.strip():
        raise TimelineError(f"{url}: the page is empty")
    data = _read_all(io.BytesIO(fetched.data), url, limits)
    kind, data = _prepared(data, fetched.url, limits, fetched.content_type)
    source = Source(url, url=fetched.url, date=date, override=override, limits=limits,
                    room=room)
    return kind.read(data, source)


def _read_stdin(*, date: str | None, limits: Limits | None = None,
                room: Room | None = None) -> Read:
    """Standard input, read as text (a pipe or a terminal: the one place they are read)."""
    import sys

    limits = limits or Limits()
    data = _read_all(sys.stdin.buffer, "<stdin>", limits)
    kind, data = _prepared(data, "<stdin>", limits, kind=INPUT_KINDS[DEFAULT_KIND])
    source = Source("<stdin>", path="<stdin>", date=date, override=True, limits=limits,
                    room=room)
    return kind.read(data, source)


def _unique_ids(docs: list[Document]) -> list[Document]:
    seen: dict[str, int] = {}
    out = []
    for doc in docs:
        n = seen.get(doc.id, 0)
        seen[doc.id] = n + 1
        if n:
            new_id = f"{doc.id}-{n + 1}"
            while new_id in seen:
                n += 1
                new_id = f"{doc.id}-{n + 1}"
            seen[new_id] = 1
            doc = dataclasses.replace(doc, id=new_id)
        out.append(doc)
    return out


MORE = "\u2026"  # the label of the line that counts the skipped items not listed
# Reasons a run lists (each reader lists its first hundred): past these they are counted.
KEEP_INPUT_REASONS = 1000


@dataclass
class _Batch:
    """What the inputs have given so far: documents, and (label, reason) for the rest (the
    first reasons listed, the others counted), and what the run may still read."""

    date: str | None
    single: bool
    limits: Limits = field(default_factory=Limits)
    docs: list[Document] = field(default_factory=list)
    skipped: Skips = field(default_factory=lambda: Skips(KEEP_INPUT_REASONS))
    room: Room = field(default_factory=lambda: Room.of(Limits()))
    empty_pages: bool = False  # a page without an article is read as its date and title

    def attempt(self, label: str, reader: Callable[..., Read]) -> None:
        """Read one input with ``reader``; its articles are cleaned and must fit the room."""
        from timeline.ingest.html import NoArticleError

        try:
            try:
                got, bad = reader(limits=self.limits, room=self.room)
            except NoArticleError as exc:
                if not self.empty_pages:
                    raise
                got, bad = [exc.document], []
            got = [clean_document(d) for d in got]
            chars = sum(len(d.text) for d in got)
            self.room.check(label, self.limits, len(got), chars)
        except TimelineError as exc:
            self.skipped.add(label, _reason(label, str(exc)))
            return
        self.room = self.room.less(len(got), chars)
        self.docs.extend(got)
        self.skipped.extend(bad)

    def add_folder(self, item: str, folder: Path) -> None:
        from timeline.ingest.folder import walk

        try:
            listing = walk(folder)
        except TimelineError as exc:
            self.skipped.add(item, _reason(item, str(exc)))
            return
        self.skipped.extend(listing.skipped)
        if not listing.files and not listing.skipped:
            self.skipped.add(item, "folder has no files")
        for f in listing.files:
            self.attempt(str(f), partial(_read_file, f, date=self.date, override=False))

    def add(self, item: str) -> None:
        from timeline.ingest.url import is_url

        if item == "-":
            self.attempt("<stdin>", partial(_read_stdin, date=self.date))
        elif is_url(item):
            self.attempt(item, partial(_read_url, item, date=self.date, override=self.single))
        elif Path(item).is_dir():
            self.add_folder(item, Path(item))
        elif not Path(item).exists():
            self.skipped.add(item, "no such file")
        else:
            reader = partial(_read_file, Path(item), date=self.date, override=self.single)
            self.attempt(item, reader)

    def dated(self) -> list[Document]:
        """The documents with a publication date; the others join ``skipped``."""
        dated: list[Document] = []
        for doc in self.docs:
            if doc.dct is None:
                self.skipped.add(doc.path or doc.url or doc.id, UNDATED)
            else:
                dated.append(doc)
        return dated

    def reasons(self) -> list[tuple[str, str]]:
        """Every (label, reason) kept, cleaned for any output, and the count of the rest."""
        return [(clean_field(w), clean_field(r)) for w, r in self.skipped.listed(MORE, "items")]


def _nothing_loaded(skipped: list[tuple[str, str]]) -> TimelineError:
    """The error when no input gave a dated article: NoDateError when dates alone lacked."""
    error = NoDateError if all(reason == UNDATED for _, reason in skipped) else TimelineError
    if len(skipped) == 1:
        label, reason = skipped[0]
        return error(f"{label}: {reason}")
    shown = "; ".join(f"{label}: {reason}" for label, reason in skipped[:3])
    more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
    return error(f"no article could be read from the inputs: {shown}{more}")


def load_inputs(
    inputs: Sequence[str],
    *,
    date: str | None = None,
    require_date: bool = True,
    limits: Limits | None = None,
    empty_pages: bool = False,
) -> LoadResult:
    """Read every input (file, folder, URL, ``-`` for stdin) into Documents.

    ``date`` (YYYY-MM-DD) is the publication date for articles that carry none of their
    own; with a single text or HTML input it overrides the article's own date. Articles
    without any date are skipped unless ``require_date`` is False. ``limits`` bound what
    is read (``timeline.ingest.limits``; default: its defaults). ``empty_pages``: an HTML
    page without article text is a Document with an empty body (its date and title, for
    ``timeline extract``), not a skipped input. Raises TimelineError when
    no input yields a document (NoDateError when the only thing missing is a publication
    date).
    """
    if date is not None:
        from timeline.ingest.text import validate_date

        date = validate_date(date)
    if not inputs:
        raise TimelineError("no input given")
    limits = limits or Limits()
    batch = _Batch(date=date, single=len(inputs) == 1, limits=limits, room=Room.of(limits),
                   empty_pages=empty_pages)
    for item in inputs:
        batch.add(item)
    dated = batch.dated() if require_date else batch.docs
    if not dated:
        raise _nothing_loaded(batch.reasons())
    return LoadResult(documents=tuple(_unique_ids(dated)), skipped=tuple(batch.reasons()))


def _reason(label: str, message: str) -> str:
    """The error message without a leading "<label>: " (the label is reported beside it)."""
    prefix = f"{label}: "
    return message[len(prefix) :] if message.startswith(prefix) else message
