"""What ingest understood of an input: title, publication date, body, byline, language.

``timeline extract`` prints these records (one JSON object per article, or plain text);
``timeline evaluate ingest`` scores them against extraction benchmarks. A missing date is
``None`` here, never an error: extraction reports what it found.
"""

from __future__ import annotations

from typing import Any

from timeline.model import Document

__all__ = ["extract_record", "record_text"]


def _language(text: str) -> str:
    from timeline.language import detect

    return detect(text)


def extract_record(doc: Document, label: str, *, language: bool = True) -> dict[str, Any]:
    """The record of one article: ``input`` is ``label`` (the path or URL as given)."""
    body = doc.body.strip()
    source = doc.dct_source if doc.dct else None
    return {
        "input": label,
        "title": doc.title or None,
        "published": (doc.published_at or doc.dct) if source != "option" else doc.dct,
        "published_source": source,
        "dateline": doc.dateline,
        "byline": doc.byline,
        "url": doc.url,
        "language": _language(body) if language else None,
        "body": body,
    }


def record_text(record: dict[str, Any]) -> str:
    """A record as text: "Field: value" header lines, a blank line, then the body."""
    lines = [f"# {record['input']}", f"Title: {record['title'] or ''}"]
    published = record["published"] or "unknown"
    if record["published_source"]:
        published += f" ({record['published_source']})"
    lines.append(f"Published: {published}")
    for key in ("dateline", "byline", "url", "language"):
        if record.get(key):
            lines.append(f"{key.capitalize()}: {record[key]}")
    return "\n".join(lines) + "\n\n" + record["body"] + "\n"
