"""Many inputs in, Documents out: files, folders, URLs, stdin, in any supported format.

``load_inputs`` dispatches each input to the reader of its kind (``INPUT_KINDS``, the one
list of input kinds, says how each is recognised and read):

- plain text (``.txt``, ``.md``, stdin, anything that sniffs as text): the single-article
  reader ``timeline.ingest.text.read_text`` (body end, dateline);
- HTML pages (``.html``/``.htm``, or content starting like HTML): trafilatura;
- JSON Lines (``.jsonl``, ``.jsonl.gz``, ``.ndjson``, a line starting with ``{``): news-tls form;
- RSS/Atom feeds (``.rss``, ``.atom``, ``.xml``, or content that sniffs as a feed): feedparser;
- http(s) URLs: fetched, then read as HTML, a feed, JSON Lines or text by content type;
- folders: every non-hidden file under them, recursively.

Every article keeps its own publication date. An input (or a line, or a feed entry) that
cannot be used is reported in ``LoadResult.skipped`` with a one-line reason and the rest
still load; only when nothing at all loads is a TimelineError raised.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from timeline.errors import NoDateError, TimelineError
from timeline.ingest.article import stem_id
from timeline.ingest.feed import SIGNATURE_BYTES, looks_like_feed
from timeline.ingest.html import MAX_HTML_BYTES
from timeline.ingest.text import MAX_BYTES as MAX_TEXT_BYTES
from timeline.model import Document

MAX_FILE_BYTES = 512 * 1024 * 1024  # JSON Lines and feeds hold many articles
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

    return read_jsonl(data, name=src.name, path=src.path, date=src.date)


def _read_feed(data: bytes, src: Source) -> Read:
    from timeline.ingest.feed import read_feed

    return read_feed(data, name=src.name, url=src.url, path=src.path, date=src.date)


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
                  defers_to=("feed",), max_bytes=MAX_TEXT_BYTES),
        InputKind("jsonl", "JSON Lines (.jsonl, .jsonl.gz)", _read_jsonl,
                  extensions=(".jsonl", ".ndjson", ".json", ".gz"),
                  media_types=("application/x-ndjson", "application/jsonl", "application/json"),
                  signature=_looks_like_jsonl),
        InputKind("feed", "RSS/Atom feeds", _read_feed, extensions=(".rss", ".atom", ".xml"),
                  media_types=("application/rss+xml", "application/atom+xml",
                               "application/rdf+xml"),
                  signature=looks_like_feed, defers_to=("html",)),
        InputKind("html", "HTML pages", _read_html,
                  extensions=(".html", ".htm", ".xhtml", ".shtml"),
                  media_types=("text/html", "application/xhtml+xml"),
                  signature=_looks_like_html, defers_to=("feed",), media_suffixes=("xml",),
                  max_bytes=MAX_HTML_BYTES),
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


def _too_large(name: str, size: int, limit: int) -> TimelineError:
    return TimelineError(
        f"{name}: file is too large ({size // 2**20} MB; the limit is {limit // 2**20} MB)"
    )


def _read_file(path: Path, *, date: str | None, override: bool) -> Read:
    name = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
            kind = input_kind(name, head)
            if size > kind.max_bytes:
                raise _too_large(name, size, kind.max_bytes)
            data = head + handle.read()
    except OSError as exc:
        raise TimelineError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise TimelineError(f"{name}: file is empty")
    return kind.read(data, Source(name, path=name, date=date, override=override))


def _read_url(url: str, *, date: str | None, override: bool) -> Read:
    from timeline.ingest.url import fetch

    fetched = fetch(url)
    if not fetched.data.strip():
        raise TimelineError(f"{url}: the page is empty")
    kind = input_kind(fetched.url, fetched.data[:HEAD_BYTES], fetched.content_type)
    source = Source(url, url=fetched.url, date=date, override=override)
    return kind.read(fetched.data, source)


def _read_stdin(*, date: str | None) -> Read:
    from timeline.ingest.text import read_path, read_text

    text, name = read_path("-")
    return [read_text(text, path=name, date=date)], []


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


@dataclass
class _Batch:
    """What the inputs have given so far: documents, and (label, reason) for the rest."""

    date: str | None
    single: bool
    docs: list[Document] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def attempt(self, label: str, reader: Callable[[], Read]) -> None:
        try:
            got, bad = reader()
        except TimelineError as exc:
            self.skipped.append((label, _reason(label, str(exc))))
            return
        self.docs.extend(got)
        self.skipped.extend(bad)

    def add_folder(self, item: str, folder: Path) -> None:
        from timeline.ingest.folder import list_files

        try:
            files = list_files(folder)
        except TimelineError as exc:
            self.skipped.append((item, _reason(item, str(exc))))
            return
        if not files:
            self.skipped.append((item, "folder has no files"))
        for f in files:
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
            self.skipped.append((item, "no such file"))
        else:
            reader = partial(_read_file, Path(item), date=self.date, override=self.single)
            self.attempt(item, reader)

    def dated(self) -> list[Document]:
        """The documents with a publication date; the others join ``skipped``."""
        dated: list[Document] = []
        for doc in self.docs:
            if doc.dct is None:
                self.skipped.append((doc.path or doc.url or doc.id, UNDATED))
            else:
                dated.append(doc)
        return dated


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
    inputs: Sequence[str], *, date: str | None = None, require_date: bool = True
) -> LoadResult:
    """Read every input (file, folder, URL, ``-`` for stdin) into Documents.

    ``date`` (YYYY-MM-DD) is the publication date for articles that carry none of their
    own; with a single text or HTML input it overrides the article's own date. Articles
    without any date are skipped unless ``require_date`` is False. Raises TimelineError
    when no input yields a document (NoDateError when the only thing missing is a
    publication date).
    """
    if date is not None:
        from timeline.ingest.text import validate_date

        date = validate_date(date)
    if not inputs:
        raise TimelineError("no input given")
    batch = _Batch(date=date, single=len(inputs) == 1)
    for item in inputs:
        batch.add(item)
    dated = batch.dated() if require_date else batch.docs
    if not dated:
        raise _nothing_loaded(batch.skipped)
    return LoadResult(documents=tuple(_unique_ids(dated)), skipped=tuple(batch.skipped))


def _reason(label: str, message: str) -> str:
    """The error message without a leading "<label>: " (the label is reported beside it)."""
    prefix = f"{label}: "
    return message[len(prefix) :] if message.startswith(prefix) else message
