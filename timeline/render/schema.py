"""The JSON briefing: written by ``render(..., "json")`` and read back by the index.

Defined once here so the writer and the reader cannot drift apart.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from timeline import __version__
from timeline.model import Briefing, Citation, Claim, Document, Event, Timex
from timeline.render.dates import Labeler, html_datetime
from timeline.render.slug import safe_slug

__all__ = ["SCHEMA", "IndexEntry", "briefing_data", "dumps", "read_index_entry"]

SCHEMA = "timeline.briefing/1"


def _doc_map(briefing: Briefing) -> dict[str, Document]:
    return {d.id: d for d in briefing.documents}


def _citation(c: Citation, docs: dict[str, Document]) -> dict[str, Any]:
    doc = docs.get(c.doc_id)
    return {
        "doc_id": c.doc_id,
        "start": c.start,
        "end": c.end,
        "title": c.title or (doc.title if doc else ""),
        "url": c.url if c.url is not None else (doc.url if doc else None),
        "published": c.published if c.published is not None else (doc.dct if doc else None),
    }


def _event(e: Event, docs: dict[str, Document], labeler: Labeler) -> dict[str, Any]:
    shown = labeler.display(e.value, e.mod, e.utc_offset, fallback_start=e.start)
    sources = [_citation(c, docs) for c in e.sources]
    return {
        "value": e.value,
        "mod": e.mod,
        "label": shown.full,
        "start": e.start.isoformat(),
        "end": e.end.isoformat(),
        "utc_offset": e.utc_offset,
        "datetime": html_datetime(e.value, e.utc_offset, e.start),
        "text": e.text,
        "timex": {"text": e.timex.text, "type": e.timex.type, "start": e.timex.start,
                  "end": e.timex.end},
        "source": sources[0] if sources else None,
        "sources": sources,
        "claims": [_claim(c, docs) for c in e.claims],
        "inferred": e.inferred,
    }


def _claim(c: Claim, docs: dict[str, Document]) -> dict[str, Any]:
    """A contested figure: what it counts, the figure as written, its split by place and
    who gave it (``said_by`` empty where the article says it in its own voice)."""
    return {
        "measure": c.measure,
        "count": c.count,
        "figure": c.figure,
        "breakdown": [{"place": p, "count": n} for p, n in c.breakdown],
        "sources": [{"said_by": by, **_citation(src, docs)}
                    for by, src in zip(c.said_by, c.sources, strict=True)],
        "earlier": c.earlier,
        "revised_from": list(c.revised_from),
    }


def briefing_data(briefing: Briefing, labeler: Labeler) -> dict[str, Any]:
    """The briefing as plain JSON-ready data (schema ``timeline.briefing/1``)."""
    docs = _doc_map(briefing)
    period = None
    if briefing.period:
        period = {"start": briefing.period[0], "end": briefing.period[1],
                  "label": labeler.period(briefing.period)}
    return {
        "schema": SCHEMA,
        "title": briefing.title,
        "slug": safe_slug(briefing.slug),  # the file name actually written
        "published": briefing.published,
        "locale": labeler.tag,
        "period": period,
        "summary": [s.text for s in briefing.summary],
        "summary_sources": [{"doc_id": s.doc_id, "start": s.start, "end": s.end}
                            for s in briefing.summary],
        "method": briefing.method,
        "events": [_event(e, docs, labeler) for e in briefing.timeline.events],
        "documents": [
            {"id": d.id, "title": d.title, "url": d.url, "outlet": d.outlet,
             "published": d.dct, "dct_source": d.dct_source}
            for d in briefing.documents
        ],
        "skipped": list(briefing.skipped),
        "generator": f"timeline {__version__}",
    }


def dumps(data: Any) -> bytes:
    """UTF-8 JSON, with <, > and & escaped so the file stays inert if served as HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    text = (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return (text + "\n").encode("utf-8")


@dataclass(frozen=True)
class IndexEntry:
    """One line of the site index, read back from a JSON briefing."""

    slug: str
    title: str
    published: str | None
    period_start: str | None
    period_end: str | None
    summary: str
    events: int
    sources: int = 0

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.published or "", self.period_end or "", self.title)


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _restates(title: str, sentence: str) -> bool:
    """True when ``sentence`` begins with every word of ``title``."""
    t = _words(title)
    return bool(t) and _words(sentence)[: len(t)] == t


def read_index_entry(raw: bytes) -> IndexEntry | None:
    """Parse one JSON briefing; None when the file is not one of ours or is damaged."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return None
    slug, title = data.get("slug"), data.get("title")
    if not isinstance(slug, str) or not isinstance(title, str):
        return None
    summary = data.get("summary")
    sentences = [x for x in summary if isinstance(x, str)] if isinstance(summary, list) else []
    # The one-line summary under the title: the first sentence that does not just
    # restate the title (a title taken from the lead would otherwise show twice).
    first = next((x for x in sentences if not _restates(title, x)), "")
    raw_period = data.get("period")
    period: dict[str, Any] = raw_period if isinstance(raw_period, dict) else {}
    events = data.get("events")
    return IndexEntry(
        slug=slug,
        title=title,
        published=_str_or_none(data.get("published")),
        period_start=_str_or_none(period.get("start")),
        period_end=_str_or_none(period.get("end")),
        summary=first,
        events=len(events) if isinstance(events, list) else 0,
        sources=len(docs) if isinstance(docs := data.get("documents"), list) else 0,
    )


def timex_record(t: Timex) -> dict[str, Any]:
    """One time expression as ``timeline tag --format json`` prints it (unset
    attributes left out)."""
    return {
        "tid": t.tid,
        "text": t.text,
        "start": t.start,
        "end": t.end,
        "type": t.type,
        "value": t.value,
        "mod": t.mod,
        **({"anchor": t.anchor} if t.anchor else {}),
        **({"utc_offset": t.utc_offset} if t.utc_offset else {}),
        **({"quant": t.quant} if t.quant else {}),
        **({"freq": t.freq} if t.freq else {}),
    }


def tag_data(dct: str | None, domain: str, timexes: tuple[Timex, ...]) -> dict[str, Any]:
    """The JSON of a tagged article: its DCT, the domain used and every time expression."""
    return {"dct": dct, "domain": domain, "timexes": [timex_record(t) for t in timexes]}
