"""Shared helpers for structured inputs (HTML, JSON Lines, feeds): text in, Document out.

Structured inputs already say where the article is and when it was published, so the
Document's body is the whole extracted text and its DCT comes from the metadata.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

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


def impossible_date(value: object) -> bool:
    """True when ``value`` is written as a date that no calendar has: "2016-02-30",
    "Tue, 30 Feb 2016 10:00:00 GMT" (a reader that rolls it over to 1 March is wrong)."""
    if not isinstance(value, str) or normalize_date(value) is not None:
        return False
    m = _ISO_DAY.match(value) or _COMPACT_DAY.match(value)
    if m:
        return True
    from email.utils import parsedate_tz

    parts = parsedate_tz(value)
    if parts is None:
        return False
    try:
        date(parts[0], parts[1], parts[2])
    except (ValueError, OverflowError):
        return True
    return False


# A lone surrogate (a JSON "\ud800" escape, an undecodable file name) cannot be written
# as UTF-8; a control character (ESC and its kin) would reach pages and terminals. Each is
# replaced by one character, so every offset into the text stays where it was.
_UNWRITABLE = re.compile(r"[\ud800-\udfff]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_field(value: str) -> str:
    """``value`` with lone surrogates as U+FFFD and control characters (but tab and line
    breaks) as spaces, length unchanged."""
    if _UNWRITABLE.search(value):
        value = _UNWRITABLE.sub("\ufffd", value)
    if _CONTROLS.search(value):
        value = _CONTROLS.sub(" ", value)
    return value


def clean_document(doc: Document) -> Document:
    """The Document with every text field cleaned (``clean_field``): what later stages get."""
    changes: dict[str, Any] = {
        f.name: clean_field(v)
        for f in dataclasses.fields(doc)
        if isinstance(v := getattr(doc, f.name), str) and (_UNWRITABLE.search(v) or
                                                          _CONTROLS.search(v))
    }
    return dataclasses.replace(doc, **changes) if changes else doc


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
