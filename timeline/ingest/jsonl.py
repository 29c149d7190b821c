"""JSON Lines: one article a line, in the news-tls form (gzip accepted).

Each line is an object with ``text`` and ``time`` (the publication date, ISO), and
optionally ``id``, ``title`` and ``url``. A line that cannot be used (not JSON, no text,
no date) is reported and skipped; the other lines still count.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

from timeline.errors import TimelineError
from timeline.ingest.article import make_document, normalize_date, stem_id
from timeline.ingest.ptb import detokenize, detokenize_text, looks_tokenized
from timeline.model import Document

MAX_LINE_CHARS = 5 * 1024 * 1024  # far beyond any article; a longer line is not one
GZIP_MAGIC = b"\x1f\x8b"


def _lines(data: bytes, name: str) -> Iterator[str]:
    stream: io.BufferedIOBase
    if data[:2] == GZIP_MAGIC:
        stream = gzip.GzipFile(fileobj=io.BytesIO(data))
    else:
        stream = io.BytesIO(data)
    try:
        for raw in stream:
            yield raw.decode("utf-8-sig")
    except (OSError, EOFError) as exc:
        raise TimelineError(f"{name}: cannot read compressed data ({exc})") from None
    except UnicodeDecodeError:
        raise TimelineError(f"{name}: not UTF-8 JSON Lines") from None


def read_jsonl(
    data: bytes, *, name: str, path: str | None = None, date: str | None = None
) -> tuple[list[Document], list[tuple[str, str]]]:
    """Parse JSON Lines bytes into Documents; returns (documents, skipped lines).

    ``date`` stands in for a line's missing ``time``. Raises TimelineError when the data
    is not JSON Lines at all (no line parses).
    """
    prefix = stem_id(path or name)
    docs: list[Document] = []
    skipped: list[tuple[str, str]] = []
    seen_json = False
    for lineno, line in enumerate(_lines(data, name), start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        if len(line) > MAX_LINE_CHARS:
            skipped.append((where, "line is too long"))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            skipped.append((where, "not a JSON object"))
            continue
        if not isinstance(obj, dict):
            skipped.append((where, "not a JSON object"))
            continue
        seen_json = True
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            skipped.append((where, "no `text`"))
            continue
        raw_time = obj.get("time", obj.get("date", obj.get("published")))
        dct = normalize_date(raw_time)
        source = "metadata"
        if dct is None:
            if raw_time not in (None, ""):
                skipped.append((where, f"`time` {str(raw_time)[:40]!r} is not a date"))
                continue
            if date is None:
                skipped.append((where, "no `time` (publication date); pass --date"))
                continue
            dct, source = date, "option"
        doc_id = obj.get("id")
        doc_id = str(doc_id) if doc_id not in (None, "") else f"{prefix}-{lineno}"
        title = obj.get("title") if isinstance(obj.get("title"), str) else None
        if looks_tokenized(text):  # news-tls corpora ship PTB-tokenized text
            text = detokenize_text(text)
            title = detokenize(title) if title else title
        url = obj.get("url") if isinstance(obj.get("url"), str) else None
        docs.append(
            make_document(
                text, doc_id=doc_id, title=title, dct=dct, dct_source=source, url=url, path=path
            )
        )
    if not seen_json:
        raise TimelineError(f"{name}: no JSON object lines found")
    return docs, skipped


def read_jsonl_path(
    path: str | Path, *, date: str | None = None
) -> tuple[list[Document], list[tuple[str, str]]]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise TimelineError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return read_jsonl(data, name=str(path), path=str(path), date=date)
