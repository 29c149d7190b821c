"""Shared helpers for structured inputs (HTML, JSON Lines, feeds): text in, Document out.

Structured inputs already say where the article is and when it was published, so the
Document's body is the whole extracted text and its DCT comes from the metadata.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from timeline.model import Document

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])")
_COMPACT_DAY = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n\s*\n+")


def normalize_date(value: object) -> str | None:
    """A publication date (ISO, RFC 822, "20100515", date/datetime) as YYYY-MM-DD, else None.

    The calendar date is the one the publisher wrote, in the publisher's own zone: an
    RFC 822 stamp "Mon, 23 May 2016 23:30:00 -0400" is 23 May, not 24 May UTC.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return None
    text = str(value).strip()
    if not text:
        return None
    m = _ISO_DAY.match(text) or _COMPACT_DAY.match(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            return date(y, mo, d).isoformat()
        except ValueError:
            return None
    from email.utils import parsedate_to_datetime  # lazy: it loads socket and calendar

    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def clean_text(text: str) -> str:
    """Collapse runs of spaces within lines and blank-line runs to one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def title_from_text(text: str, limit: int = 120) -> str:  # about a headline's length
    """A fallback title: the first sentence of the text, shortened to ``limit`` characters."""
    first = text.strip().split("\n", 1)[0]
    m = re.match(r"(.+?[.!?])(?:\s|$)", first)
    title = (m.group(1) if m else first).strip()
    if len(title) > limit:
        title = title[:limit].rsplit(" ", 1)[0] + "\u2026"
    return title


def make_document(
    text: str,
    *,
    doc_id: str,
    title: str | None,
    dct: str | None,
    dct_source: str,
    url: str | None = None,
    path: str | None = None,
    outlet: str | None = None,
    page: bool = False,
    byline: str | None = None,
) -> Document:
    """A Document whose body is the whole (cleaned) text.

    For text extracted from a ``page``, the body is found as in pasted text: date-only,
    agency and caption lines around it and furniture lines inside it stay out, since
    extraction sometimes keeps them (a closing run of short blocks stays: on the
    scrapinghub pages cutting it lost more article than teasers, body F1 .955 -> .965).
    """
    text = clean_text(text)
    title = clean_text(title or "").replace("\n", " ") or title_from_text(text)
    start, end = 0, len(text)
    if page:
        from timeline.errors import TimelineError
        from timeline.ingest.text import blank, read_body

        try:
            found = read_body(text, headline=False, tail=False)
        except TimelineError:
            pass
        else:
            start, end, text = found.start, found.end, blank(text, found.noise)
    return Document(
        id=doc_id,
        text=text,
        body_start=start,
        body_end=end,
        dct=dct,
        title=title,
        dct_source=dct_source if dct else "none",  # type: ignore[arg-type]
        url=url,
        path=path,
        outlet=outlet,
        byline=clean_text(byline).replace("\n", " ") if byline else None,
    )


def stem_id(path: str | Path) -> str:
    """A document id from a file name: its name without (compound) extensions."""
    name = Path(path).name
    for ext in (".gz", ".jsonl", ".json", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom"):
        if name.lower().endswith(ext):
            name = name[: -len(ext)]
    return name or "doc"
