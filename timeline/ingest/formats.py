"""Many inputs in, Documents out: files, folders, URLs, stdin, in any supported format.

``load_inputs`` dispatches each input to its reader:

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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from timeline.errors import TimelineError
from timeline.ingest.article import stem_id
from timeline.model import Document

Kind = Literal["text", "html", "jsonl", "feed"]

_EXT_KIND: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
MAX_FILE_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class LoadResult:
    """The documents that loaded, and (input, one-line reason) for each one that did not."""

    documents: tuple[Document, ...]
    skipped: tuple[tuple[str, str], ...]


def _looks_like_html(head: bytes) -> bool:
    low = head[:4096].lstrip().lower()
    return (
        low.startswith(b"<!doctype html")
        or low.startswith(b"<html")
        or b"<html" in low
        or (low.startswith(b"<") and (b"<body" in low or b"<head" in low))
    )


def sniff_kind(name: str, head: bytes, content_type: str = "") -> Kind:
    """Which reader suits an input, from its content type, its name and its first bytes."""
    from timeline.ingest.feed import looks_like_feed

    ct = content_type.split(";", 1)[0].strip().lower()
    if ct in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    if ct in ("text/html", "application/xhtml+xml"):
        return "feed" if looks_like_feed(head) else "html"
    if ct in ("application/x-ndjson", "application/jsonl", "application/json"):
        return "jsonl"
    lower = name.lower()
    if lower.endswith(".gz"):
        return "jsonl"
    suffix = Path(lower.split("?", 1)[0]).suffix
    kind = _EXT_KIND.get(suffix)
    if kind == "feed" and not looks_like_feed(head) and _looks_like_html(head):
        return "html"
    if kind is not None and not (kind == "text" and looks_like_feed(head)):
        return kind
    if head[:2] == b"\x1f\x8b":
        return "jsonl"
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        return "jsonl"
    if looks_like_feed(head):
        return "feed"
    if _looks_like_html(head) or ct.endswith("xml"):
        return "html"
    return "text"


def _read_kind(
    kind: Kind,
    data: bytes,
    *,
    name: str,
    path: str | None,
    url: str | None,
    date: str | None,
    override: bool,
) -> tuple[list[Document], list[tuple[str, str]]]:
    if kind == "jsonl":
        from timeline.ingest.jsonl import read_jsonl

        return read_jsonl(data, name=name, path=path, date=date)
    if kind == "feed":
        from timeline.ingest.feed import read_feed

        return read_feed(data, name=name, url=url, path=path, date=date)
    doc_id = stem_id(path) if path else (stem_id(url.rstrip("/")) if url else "doc")
    if kind == "html":
        from timeline.ingest.html import read_html

        doc = read_html(data, name=name, doc_id=doc_id, url=url, path=path, date=date)
        if override and date is not None:
            doc = dataclasses.replace(doc, dct=date, dct_source="option")
        return [doc], []
    from timeline.ingest.text import decode, read_text

    text = decode(data, name)
    doc = read_text(text, path=path or name, date=date if override else None)
    if doc.dct is None and date is not None:
        doc = dataclasses.replace(doc, dct=date, dct_source="option")
    if url:
        doc = dataclasses.replace(doc, url=url, id=doc_id)
    return [doc], []


def _read_file(
    path: Path, *, date: str | None, override: bool
) -> tuple[list[Document], list[tuple[str, str]]]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TimelineError(f"{name}: file is too large ({size // 2**20} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise TimelineError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise TimelineError(f"{name}: file is empty")
    kind = sniff_kind(name, data[:8192])
    return _read_kind(kind, data, name=name, path=name, url=None, date=date, override=override)


def _read_url(url: str, *, date: str | None, override: bool) -> tuple[list[Document], list]:
    from timeline.ingest.url import fetch

    fetched = fetch(url)
    if not fetched.data.strip():
        raise TimelineError(f"{url}: the page is empty")
    kind = sniff_kind(fetched.url, fetched.data[:8192], fetched.content_type)
    return _read_kind(
        kind, fetched.data, name=url, path=None, url=fetched.url, date=date, override=override
    )


def _read_stdin(*, date: str | None) -> list[Document]:
    from timeline.ingest.text import read_path, read_text

    text, name = read_path("-")
    return [read_text(text, path=name, date=date)]


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


def load_inputs(inputs: Sequence[str], *, date: str | None = None) -> LoadResult:
    """Read every input (file, folder, URL, ``-`` for stdin) into Documents.

    ``date`` (YYYY-MM-DD) is the publication date for articles that carry none of their
    own; with a single text or HTML input it overrides the article's own date, as
    ``--date`` does for one article. Articles without any date are skipped. Raises
    TimelineError when no input yields a document.
    """
    if date is not None:
        from timeline.ingest.text import validate_date

        date = validate_date(date)
    if not inputs:
        raise TimelineError("no input given")
    single = len(inputs) == 1
    docs: list[Document] = []
    skipped: list[tuple[str, str]] = []

    def attempt(label: str, reader) -> None:  # noqa: ANN001 - local helper
        try:
            got, bad = reader()
        except TimelineError as exc:
            skipped.append((label, _reason(label, str(exc))))
            return
        docs.extend(got)
        skipped.extend(bad)

    from timeline.ingest.url import is_url

    for item in inputs:
        if item == "-":
            attempt("<stdin>", lambda: (_read_stdin(date=date), []))
            continue
        if is_url(item):
            attempt(item, lambda item=item: _read_url(item, date=date, override=single))
            continue
        p = Path(item)
        if p.is_dir():
            from timeline.ingest.folder import list_files

            try:
                files = list_files(p)
            except TimelineError as exc:
                skipped.append((item, _reason(item, str(exc))))
                continue
            if not files:
                skipped.append((item, "folder has no files"))
            for f in files:
                attempt(str(f), lambda f=f: _read_file(f, date=date, override=False))
            continue
        if not p.exists():
            skipped.append((item, "no such file"))
            continue
        attempt(item, lambda p=p: _read_file(p, date=date, override=single))

    dated: list[Document] = []
    for doc in docs:
        if doc.dct is None:
            label = doc.path or doc.url or doc.id
            skipped.append((label, "no publication date found; pass --date"))
        else:
            dated.append(doc)
    if not dated:
        if len(skipped) == 1:
            label, reason = skipped[0]
            raise TimelineError(f"{label}: {reason}")
        shown = "; ".join(f"{label}: {reason}" for label, reason in skipped[:3])
        more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
        raise TimelineError(f"no article could be read from the inputs: {shown}{more}")
    return LoadResult(documents=tuple(_unique_ids(dated)), skipped=tuple(skipped))


def _reason(label: str, message: str) -> str:
    """The error message without a leading "<label>: " (the label is reported beside it)."""
    prefix = f"{label}: "
    return message[len(prefix) :] if message.startswith(prefix) else message
