"""RSS and Atom feeds: each entry is an article, dated by its own publication date.

feedparser parses the feed (from bytes only: it is never handed a URL, so it never
fetches anything). An entry's text is its full content when the feed carries it, else its
summary; HTML in either is reduced to plain text.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

from timeline.errors import TimelineError
from timeline.ingest.article import impossible_date, make_document, normalize_date, stem_id
from timeline.ingest.limits import Limits, Room, Skips
from timeline.model import Document

_BREAKS = re.compile(r"<\s*(?:br\s*/?|/\s*(?:p|div|li|h[1-6]|blockquote|tr|section))\s*>", re.I)
_DROP = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>", re.I | re.S)
_INLINE = re.compile(
    r"<\s*/?\s*(?:a|b|i|u|em|strong|span|abbr|cite|code|q|s|small|sub|sup|time|mark)\b[^>]*>",
    re.I,
)
_TAGS = re.compile(r"<[^>]*>")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block ends become line breaks, tags go, entities decode."""
    text = _DROP.sub(" ", fragment)
    text = _BREAKS.sub("\n", text)
    text = _INLINE.sub("", text)
    text = _TAGS.sub(" ", text)
    return html_lib.unescape(text)


# A feed's root element comes within its first 4 KB (after the XML declaration, a
# stylesheet and comments); further in, "<rss" may be quoted text.
SIGNATURE_BYTES = 4096


def looks_like_feed(head: bytes) -> bool:
    """True when the start of a document is an RSS, RDF or Atom feed."""
    low = head[:SIGNATURE_BYTES].lower()
    return b"<rss" in low or b"<rdf:rdf" in low or (b"<feed" in low and b"atom" in low)


def _entry_text(entry: Any) -> str:
    best = ""
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if len(value) > len(best):
            best = value
    summary = entry.get("summary") or ""
    if len(summary) > len(best):
        best = summary
    return html_to_text(best)


def _entry_date(entry: Any) -> str | None:
    """The entry's date as written; else as feedparser read it, unless what is written is
    an impossible date ("2016-02-30", which feedparser rolls over to 1 March)."""
    for key in ("published", "created", "updated", "dc_date"):
        value = normalize_date(entry.get(key))
        if value:
            return value
    for key in ("published", "created", "updated"):
        parsed = entry.get(f"{key}_parsed")
        if parsed and not impossible_date(entry.get(key)) and 1 <= parsed.tm_year <= 9999:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def read_feed(
    data: bytes,
    *,
    name: str,
    url: str | None = None,
    path: str | None = None,
    date: str | None = None,
    limits: Limits | None = None,
    room: Room | None = None,
) -> tuple[list[Document], list[tuple[str, str]]]:
    """The entries of a feed as Documents; returns (documents, skipped entries: the first
    hundred reasons, then one line counting the rest).

    An entry without a date of its own takes the feed's date (``dct_source`` "feed");
    ``date`` stands in when the feed has none either. Raises TimelineError when the data is
    not a feed or has no entries, LimitError when its articles do not fit in ``room``.
    """
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - a broken feed must not stop a batch
        raise TimelineError(f"{name}: cannot parse the feed ({type(exc).__name__})") from None
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise TimelineError(f"{name}: not a valid RSS/Atom feed")
        raise TimelineError(f"{name}: the feed has no entries")
    outlet = (parsed.get("feed") or {}).get("title") or None
    feed_date = _entry_date(parsed.get("feed") or {})  # the feed's own date, if it has one
    prefix = stem_id(path or url or name) if (path or not url) else "entry"
    limits = limits or Limits()
    room = room or Room.of(limits)
    docs: list[Document] = []
    skipped = Skips()
    chars = 0
    for i, entry in enumerate(entries, start=1):
        where = f"{name}#{i}"
        title = html_to_text(entry.get("title") or "").strip() or None
        text = _entry_text(entry).strip()
        if not text:
            skipped.add(where, "entry has no text")
            continue
        dct = _entry_date(entry)
        source = "metadata"
        if dct is None and feed_date is not None:
            dct, source = feed_date, "feed"  # an undated item gets the feed's date, and says so
        if dct is None:
            if date is None:
                skipped.add(where, "entry has no publication date; pass --date")
                continue
            dct, source = date, "option"
        docs.append(
            make_document(
                text,
                doc_id=f"{prefix}-{i}",
                title=title,
                dct=dct,
                dct_source=source,
                url=entry.get("link") or None,
                path=path,
                outlet=outlet,
            )
        )
        chars += len(docs[-1].text)
        room.check(name, limits, len(docs), chars)
    return docs, skipped.listed(name, "entries")
