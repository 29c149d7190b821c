"""Exports for the tools people already use: TimelineJS JSON, iCalendar, CSV."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import UTC, date, datetime
from typing import Any

from timeline.model import Briefing, Citation, Document, Event
from timeline.render.dates import Labeler
from timeline.render.escape import csv_cell, one_line, safe_url
from timeline.render.schema import dumps
from timeline.render.strings import ui_strings
from timeline.temporal.timex3 import TimexValue, parse

__all__ = ["render_csv", "render_ics", "render_timelinejs", "date_parts"]

_CALENDAR_KEYS = ("year", "month", "day", "hour", "minute")  # what TimelineJS dates carry
_RANGES = {  # TIMEX3 values that name a span of months: (first month, last month)
    "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2),
    "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12),
}


def _cited(c: Citation, docs: dict[str, Document]) -> tuple[str, str | None, str | None]:
    doc = docs.get(c.doc_id)
    url = c.url if c.url is not None else (doc.url if doc else None)
    title = one_line(c.title or (doc.title if doc else "") or url or c.doc_id)
    published = c.published if c.published is not None else (doc.dct if doc else None)
    return title, safe_url(url), published


def _sources(e: Event, docs: dict[str, Document]) -> list[tuple[str, str | None, str | None]]:
    """(title, checked url, publication value) of every source of an event, once each."""
    seen: set[str] = set()
    found = []
    for c in e.sources:
        if c.doc_id not in seen:
            seen.add(c.doc_id)
            found.append(_cited(c, docs))
    return found


def _source(e: Event, docs: dict[str, Document]) -> tuple[str, str | None, str | None]:
    """(title, checked url, publication value) of an event's first source."""
    found = _sources(e, docs)
    return found[0] if found else ("", None, None)


def _calendar_parts(tv: TimexValue | None) -> dict[str, str] | None:
    """A plain calendar value ("2016", "2016-05", "2016-05-23T09:15") as TimelineJS date
    parts; None for anything else (weeks, seasons, zones, parts of days, seconds)."""
    if tv is None or tv.kind != "date" or tv.bc or tv.zone or not tv.placed:
        return None
    if any((tv.week, tv.weekday, tv.quarter, tv.half, tv.season, tv.part, tv.second)):
        return None
    if tv.hour is not None and (tv.minute is None or tv.day is None):
        return None
    parts = (tv.year, tv.month, tv.day, tv.hour, tv.minute)
    return {k: str(int(v)) for k, v in zip(_CALENDAR_KEYS, parts, strict=True) if v is not None}


def _span_key(tv: TimexValue | None) -> str | None:
    """"SU", "Q3", "H1" for a season, quarter or half of a year ("2016-SU"), else None."""
    if tv is None or tv.kind != "date" or tv.bc or tv.zone or not (tv.year or "").isdigit():
        return None
    if tv.hour is not None or tv.part is not None:
        return None
    if tv.season:
        return tv.season
    if tv.quarter:
        return f"Q{tv.quarter}"
    return f"H{tv.half}" if tv.half else None


def date_parts(e: Event) -> tuple[dict[str, str], dict[str, str] | None]:
    """TimelineJS start (and end, for spans such as seasons) at the event's precision."""
    tv = parse(e.value)
    plain = _calendar_parts(tv)
    if plain is not None:
        return plain, None
    key = _span_key(tv)
    if tv is not None and key is not None:
        year = int(tv.year or 0)
        first, last = _RANGES[key]
        end_year = year + 1 if last < first else year
        return ({"year": str(year), "month": str(first)},
                {"year": str(end_year), "month": str(last)})
    # Anything else (weeks, decades, parts of days): the interval's start, day precision.
    start = e.start
    return {"year": str(start.year), "month": str(start.month), "day": str(start.day)}, None


def _headline(text: str, limit: int = 90) -> str:
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


_DAY_SECONDS = 86400  # an entry a day long or longer is an all-day calendar event
MAX_ROWS = 6  # TimelineJS draws a row per group: more than a few make its navigation a list


def _outlet_rows(briefing: Briefing, docs: dict[str, Document]) -> dict[str, str]:
    """doc id -> outlet when TimelineJS rows by outlet help the reader: the timeline cites
    two to MAX_ROWS outlets and every entry's first source names one; else {} (no groups,
    one row: a row per article title of a 75-article story would bury the timeline)."""
    firsts = {e.sources[0].doc_id for e in briefing.timeline.events if e.sources}
    if any(not e.sources for e in briefing.timeline.events):
        firsts.add("")  # an entry without a source
    outlets = {i: one_line(docs[i].outlet) for i in firsts
               if i in docs and docs[i].outlet and one_line(docs[i].outlet)}
    if len(outlets) < len(firsts) or not 2 <= len(set(outlets.values())) <= MAX_ROWS:
        return {}
    return outlets


def render_timelinejs(briefing: Briefing, labeler: Labeler) -> bytes:
    """TimelineJS JSON. TimelineJS treats text as HTML, so every string is HTML-escaped."""
    def esc(text: str) -> str:
        return html.escape(text, quote=False)

    docs = {d.id: d for d in briefing.documents}
    rows = _outlet_rows(briefing, docs)
    events: list[dict[str, Any]] = []
    for i, e in enumerate(briefing.timeline.events):
        shown = labeler.display(e.value, e.mod, e.utc_offset, fallback_start=e.start)
        start, end = date_parts(e)
        start["display_date"] = esc(shown.full)
        sources = _sources(e, docs)
        cites = []
        for src_title, url, published in sources:  # every outlet of a merged entry
            cite = esc(src_title)
            if url:
                href = html.escape(url, quote=True)
                cite = f'<a href="{href}" rel="noopener noreferrer nofollow">{cite}</a>'
            reported = labeler.reported(published)
            cites.append(cite + (f", {esc(reported.full)}" if reported else ""))
        body = f"<p>{esc(one_line(e.text))}</p>"
        if e.inferred:  # the sentence names no date: say so, as the briefing does
            body += f"<p><em>({esc(ui_strings(labeler.language).date_inferred)})</em></p>"
        if cites:
            body += f"<p>{'; '.join(cites)}</p>"
        item: dict[str, Any] = {
            "unique_id": f"event-{i + 1}",
            "start_date": start,
            "display_date": esc(shown.full),
            "text": {"headline": esc(_headline(e.text)), "text": body},
        }
        if rows:
            item["group"] = esc(rows[e.sources[0].doc_id])
        if end:
            item["end_date"] = end
        events.append(item)
    summary = " ".join(one_line(s.text) for s in briefing.summary)
    data = {
        "title": {"text": {"headline": esc(one_line(briefing.title)),
                           "text": f"<p>{esc(summary)}</p>" if summary else ""}},
        "events": events,
    }
    return dumps(data)


def _ics_text(text: str) -> str:
    return one_line(text)


def render_ics(briefing: Briefing, labeler: Labeler) -> bytes:
    """One VEVENT per timeline entry; all-day (VALUE=DATE) at day precision or coarser."""
    from icalendar import Calendar
    from icalendar import Event as VEvent

    docs = {d.id: d for d in briefing.documents}
    cal = Calendar()
    cal.add("prodid", "-//timeline//briefing//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _ics_text(briefing.title))
    # DTSTAMP is required; the renderer never reads the clock, so it is the story's date.
    stamp_day = (briefing.published or "1970-01-01")[:10]
    try:
        stamp = datetime.fromisoformat(stamp_day).replace(tzinfo=UTC)
    except ValueError:
        stamp = datetime(1970, 1, 1, tzinfo=UTC)
    slug = re.sub(r"[^a-z0-9-]", "", briefing.slug) or "briefing"
    for i, e in enumerate(briefing.timeline.events):
        shown = labeler.display(e.value, e.mod, e.utc_offset, fallback_start=e.start)
        sources = _sources(e, docs)
        url = sources[0][1] if sources else None
        ve = VEvent()
        ve.add("uid", f"{slug}-{i + 1}@timeline")
        ve.add("dtstamp", stamp)
        if e.granularity_seconds >= _DAY_SECONDS:
            ve.add("dtstart", e.start.date())
            end_day: date = e.end.date()
            ve.add("dtend", end_day if end_day > e.start.date() else e.start.date())
        else:
            start, end = e.start, e.end
            if start.tzinfo is not None:
                start, end = start.astimezone(UTC), end.astimezone(UTC)
            ve.add("dtstart", start)
            ve.add("dtend", end)
        ve.add("summary", _ics_text(f"{shown.full}: {_headline(e.text, 60)}"))
        description = one_line(e.text)
        if e.inferred:  # the sentence names no date: say so, as the briefing does
            description += f"\n\n({ui_strings(labeler.language).date_inferred})"
        for src_title, _url, published in sources:
            reported = labeler.reported(published)
            description += f"\n\n{src_title}" + (f", {reported.full}" if reported else "")
        ve.add("description", description)
        if url:
            ve.add("url", url)
        cal.add_component(ve)
    return cal.to_ical()


CSV_COLUMNS = ("date", "value", "mod", "start", "end", "utc_offset", "text",
               "source_title", "source_url", "reported", "date_inferred")
"""The CSV header; ``date_inferred`` is "yes" when the entry's sentence names no date."""


def render_csv(briefing: Briefing, labeler: Labeler) -> bytes:
    """One row per timeline entry; cells that a spreadsheet would run as formulas are quoted."""
    docs = {d.id: d for d in briefing.documents}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in briefing.timeline.events:
        shown = labeler.display(e.value, e.mod, e.utc_offset, fallback_start=e.start)
        title, url, published = _source(e, docs)
        # Text from the article (and its title/URL) is neutralized against spreadsheet
        # formulas; the fields we generate (values, ISO instants, offsets) are kept as is.
        writer.writerow([
            shown.full, e.value, e.mod or "", e.start.isoformat(), e.end.isoformat(),
            e.utc_offset or "", csv_cell(one_line(e.text)), csv_cell(title), csv_cell(url or ""),
            published or "", "yes" if e.inferred else "no",
        ])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
