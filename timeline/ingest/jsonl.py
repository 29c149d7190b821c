"""JSON Lines: one article a line, in the news-tls form (gzip, bz2 or xz accepted).

Each line is an object with ``text`` and ``time`` (the publication date, ISO), and
optionally ``id``, ``title`` and ``url``. A line that cannot be used (not UTF-8, not JSON,
nested too deeply, longer than the line limit, no text, no date) is reported and skipped;
the other lines still count. Lines are read one at a time from the (inflating) stream,
each at most the line limit, and the reasons for skipped lines are kept for the first
hundred and counted after that, so memory does not grow with the number of lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.errors import TimelineError
from timeline.ingest.article import make_document, normalize_date, stem_id
from timeline.ingest.limits import (
    CHUNK,
    DECOMPRESS_ERRORS,
    Counted,
    Limits,
    Room,
    Skips,
    inflating,
    over,
    show_size,
)
from timeline.ingest.ptb import detokenize, detokenize_text, looks_tokenized
from timeline.model import Document

GZIP_MAGIC = b"\x1f\x8b"


def _raw_lines(stream: Counted, line_limit: int) -> Iterator[bytes | None]:
    """The lines of a stream, each at most ``line_limit`` bytes; a longer line is read
    through (counted, never held) and given as None: one reason, not one per chunk."""
    while True:
        raw = stream.readline(line_limit + 1)
        if not raw:
            return
        if len(raw) > line_limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(CHUNK)
            yield None
        else:
            yield raw


@dataclass
class _Reading:
    """One file's reading: where, what it may hold, and what it gave so far."""

    name: str
    path: str | None
    date: str | None
    limits: Limits
    room: Room
    docs: list[Document]
    skips: Skips
    chars: int = 0
    bad: int = 0
    seen_json: bool = False

    def skip(self, where: str, why: str) -> None:
        """Report a skipped line (a blank one, ``why`` empty, is only counted): past the
        ``bad`` limit the input is refused."""
        self.bad += 1
        if self.bad > self.limits.bad:
            raise over(self.name, self.limits, "bad",
                       f"more than {self.limits.bad:,} lines skipped")
        if why:
            self.skips.add(where, why)

    def line(self, lineno: int, raw: bytes | None) -> None:
        """Read one line into a Document, or say why it is skipped."""
        where = f"{self.name}:{lineno}"
        if raw is None:
            self.skip(where, f"line is longer than {show_size(self.limits.line)}B "
                      f"(limit {self.limits.shown('line')})")
            return
        obj, why = _parse(raw)
        if obj is None:
            self.skip(where, why)
            return
        self.seen_json = True
        try:
            doc = self._document(obj, lineno, where)
        except RecursionError:  # a value nested nearly as deep as the parser allows
            self.skip(where, "JSON nested too deeply")
            return
        if doc is not None:
            self.docs.append(doc)
            self.chars += len(doc.text)
            self.room.check(self.name, self.limits, len(self.docs), self.chars)

    def _document(self, obj: dict[str, Any], lineno: int, where: str) -> Document | None:
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            self.skip(where, "no `text`")
            return None
        raw_time = obj.get("time", obj.get("date", obj.get("published")))
        dct = normalize_date(raw_time)
        source = "metadata"
        if dct is None:
            if raw_time not in (None, ""):
                self.skip(where, f"`time` {str(raw_time)[:40]!r} is not a date")
                return None
            if self.date is None:
                self.skip(where, "no `time` (publication date); pass --date")
                return None
            dct, source = self.date, "option"
        doc_id = obj.get("id")
        doc_id = str(doc_id) if doc_id not in (None, "") else None
        title = obj.get("title") if isinstance(obj.get("title"), str) else None
        if looks_tokenized(text):  # news-tls corpora ship PTB-tokenized text
            text = detokenize_text(text)
            title = detokenize(title) if title else title
        url = obj.get("url") if isinstance(obj.get("url"), str) else None
        return make_document(
            text, doc_id=doc_id or f"{stem_id(self.path or self.name)}-{lineno}", title=title,
            dct=dct, dct_source=source, url=url, path=self.path,
        )


def _parse(raw: bytes) -> tuple[dict[str, Any] | None, str]:
    """The JSON object of a line, or (None, why it is not one: "" for a blank line)."""
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 (byte {exc.start})"
    if not line.strip():
        return None, ""
    if not line.lstrip().startswith("{"):  # no object: no need to parse it
        return None, "not a JSON object"
    try:
        obj = json.loads(line)
    except RecursionError:
        return None, "JSON nested too deeply"
    except ValueError:  # JSONDecodeError, and numbers too long to convert
        return None, "not a JSON object"
    if not isinstance(obj, dict):
        return None, "not a JSON object"
    return obj, ""


def read_jsonl(
    data: bytes,
    *,
    name: str,
    path: str | None = None,
    date: str | None = None,
    limits: Limits | None = None,
    room: Room | None = None,
) -> tuple[list[Document], list[tuple[str, str]]]:
    """Parse JSON Lines bytes (compressed or not) into Documents; returns (documents,
    skipped lines: the first hundred reasons, then one line counting the rest).

    ``date`` stands in for a line's missing ``time``. Raises TimelineError when the data
    is not JSON Lines at all (no line parses), and LimitError past a limit (``limits``;
    ``room``: what the run may still hold).
    """
    limits = limits or Limits()
    reading = _Reading(name, path, date, limits, room or Room.of(limits), [], Skips())
    stream = inflating(data, limits.stream, over(
        name, limits, "stream", f"too large: inflates to more than {show_size(limits.stream)}B"))
    lines = enumerate(_raw_lines(stream, limits.line), start=1)
    while True:
        try:
            lineno, raw = next(lines, (0, b""))
        except DECOMPRESS_ERRORS as exc:
            raise TimelineError(f"{name}: cannot read compressed data ({exc})") from None
        if not lineno:
            break
        reading.line(lineno, raw)
    if not reading.seen_json:
        raise TimelineError(f"{name}: no JSON object lines found")
    return reading.docs, reading.skips.listed(name, "lines")


def read_jsonl_path(
    path: str | Path, *, date: str | None = None, limits: Limits | None = None
) -> tuple[list[Document], list[tuple[str, str]]]:
    """The JSON Lines file at ``path`` (at most the input limit read)."""
    from timeline.ingest.limits import read_at_most

    limits = limits or Limits()
    try:
        with Path(path).open("rb") as handle:
            data = read_at_most(handle, limits.input, over(
                str(path), limits, "input", f"more than {show_size(limits.input)}B read"))
    except OSError as exc:
        raise TimelineError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return read_jsonl(data, name=str(path), path=str(path), date=date, limits=limits)
