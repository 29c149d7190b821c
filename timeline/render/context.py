"""Typed template contexts built from a Briefing (what the templates may read)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from timeline import __version__
from timeline.model import Briefing, Citation, Claim, Document, Event
from timeline.render.dates import DateDisplay, Labeler, html_datetime
from timeline.render.escape import MdSafe, md_escape, md_url, one_line, safe_url
from timeline.render.strings import UiStrings, ui_strings

__all__ = [
    "CiteGroup",
    "DateView",
    "EventGroup",
    "EventView",
    "PageContext",
    "SourceView",
    "label_parts",
    "page_context",
]

LONG_TITLE = 80  # characters; longer headlines get a smaller heading size
# A timeline longer than this many entries is cut into dated groups under headings, with
# a list of the groups to jump to: by year; a year with DENSE_YEAR entries or more by
# month; years with few entries together ("1948 – 1970") until a group has MIN_GROUP.
GROUP_AFTER = 40
DENSE_YEAR = 30
MIN_GROUP = 6
_SHORT_TITLE = 48  # an entry's citation shortens a bare title to about this


@dataclass(frozen=True)
class DateView:
    datetime: str
    label: str


@dataclass(frozen=True)
class SourceView:
    doc_id: str
    title: str
    url: str | None
    outlet: str | None
    published: DateView | None
    number: int = 0  # position in the briefing's source list, from 1; 0 when not listed

    @property
    def short(self) -> str:
        """What an entry's citation shows: the outlet, else the site's host name, else
        the title shortened at a word boundary."""
        if self.outlet:
            return self.outlet
        if self.url:
            host = (urlsplit(self.url).hostname or "").removeprefix("www.")
            if host:
                return host
        if len(self.title) <= _SHORT_TITLE:
            return self.title
        return self.title[:_SHORT_TITLE].rsplit(" ", 1)[0].rstrip(",;:.-–—") + "…"

    @property
    def md_ref(self) -> MdSafe:
        """"AFP [1]": the short name and the number in the Sources list (plain text,
        never a link; the Sources list carries the links)."""
        name = md_escape(self.short)
        return MdSafe(f"{name} [{self.number}]" if self.number else name)

    @property
    def md_link(self) -> MdSafe:
        """The source as a Markdown link (escaped title, checked URL) or escaped text."""
        if self.url:
            return MdSafe(f"[{md_escape(self.title)}]({md_url(self.url)})")
        return MdSafe(md_escape(self.title))


@dataclass(frozen=True)
class CiteGroup:
    """Sources of one entry reported on the same day: "AFP, Reuters, reported 23 May 2016"."""

    sources: tuple[SourceView, ...]
    published: DateView | None


def claims_line(claims: tuple[Claim, ...], names: dict[str, str], t: UiStrings | None = None
                ) -> str:
    """Contested figures as one line, each with its split and who gave it: "more than 148
    killed – 100 in Jableh, 48 in Tartus (Syrian Observatory for Human Rights); 78 – 45 in
    Jableh, 33 in Tartus (state media, earlier)". ``names`` gives a source's short name by
    document id, for a figure an article states in its own voice; ``t`` the words around
    the figures (the label, "earlier", "revised from"), English by default."""
    from babel.numbers import format_decimal

    t = t or ui_strings("en")
    parts = []
    for i, c in enumerate(claims):
        text = c.figure
        if i == 0:
            text += " " + t.measure_words.get(c.measure, c.measure)  # the catalogue's
        if c.breakdown:
            text += " – " + ", ".join(
                t.in_place.format(n=format_decimal(n, locale=t.language), place=place)
                for place, n in c.breakdown)
        who = list(dict.fromkeys(
            one_line(by) or names.get(src.doc_id, src.doc_id)
            for by, src in zip(c.said_by, c.sources, strict=True)))
        if c.earlier:
            who.append(t.earlier)
        if c.revised_from:
            who.append(t.revised_from.format(figures=", ".join(c.revised_from)))
        parts.append(f"{text} ({', '.join(who)})")
    return f"{t.figures_differ}{t.colon}" + t.semicolon.join(parts)


@dataclass(frozen=True)
class EventView:
    value: str
    mod: str | None
    # As shown in the page's timeline: after an entry of the same day only the time
    # shows, and a day-only entry repeating that day shows no date at all ("").
    when: DateView
    when_full: str  # standing alone
    when_hidden: str  # what the visible label leaves out ("Monday 23 May 2016, "), for AT
    approximate: bool
    text: str
    sources: tuple[SourceView, ...]
    cites: tuple[CiteGroup, ...]  # ``sources`` grouped by report date, in order
    # ``when.label`` cut where a line may break ("Wednesday", "22 April 2009,", "night"):
    # a narrow date column never splits "22 April | 2009".
    when_parts: tuple[str, ...] = ()
    # "Figures differ: more than 148 killed (...); 78 (state media, earlier)", else ""
    claims: str = ""
    # the entry's sentence names no time that dates it; the date shows with a marker
    # ("date inferred", ``t.date_inferred``)
    inferred: bool = False

    @property
    def same_day(self) -> bool:
        """True when this entry continues the previous entry's day."""
        return self.when.label != self.when_full


@dataclass(frozen=True)
class EventGroup:
    """Consecutive entries under one heading ("March 2012", "1948 – 1970"); a timeline
    short enough to read at once is one group without a heading (``label`` None)."""

    label: str | None
    anchor: str | None  # the heading's id
    nav: str | None  # the short form in the list of groups ("Mar 2012")
    events: tuple[EventView, ...]


@dataclass(frozen=True)
class PageContext:
    lang: str
    title: str
    slug: str
    published: DateView | None
    period: tuple[DateView, DateView | None] | None
    period_label: str | None
    summary: tuple[str, ...]
    events: tuple[EventView, ...]
    events_count: str
    sources: tuple[SourceView, ...]
    sources_count: str
    # Entries cite their sources only when the briefing has several; with one, the
    # header (``lead_source``) and the Sources list say it once.
    per_entry_sources: bool
    lead_source: SourceView | None
    title_long: bool
    t: UiStrings
    generator: str
    footer: str
    index_href: str | None
    meta_line: MdSafe
    summary_paragraph: str
    # Entries left out to keep an email under its size limit, as a sentence ("And 12 more
    # dated events in the full briefing."), else None.
    omitted: str | None = None
    # ``events`` under their headings; one group without a heading for a short timeline
    groups: tuple[EventGroup, ...] = ()


def _date_view(d: DateDisplay | None) -> DateView | None:
    return DateView(d.datetime, d.full) if d else None


def _source_title(title: str, url: str | None, fallback: str) -> str:
    return one_line(title) or (one_line(url) if url else "") or fallback


def _citation_view(c: Citation, docs: dict[str, Document], labeler: Labeler,
                   numbers: dict[str, int] | None = None) -> SourceView:
    doc = docs.get(c.doc_id)
    url = c.url if c.url is not None else (doc.url if doc else None)
    title = c.title or (doc.title if doc else "")
    published = c.published if c.published is not None else (doc.dct if doc else None)
    return SourceView(
        doc_id=c.doc_id,
        title=_source_title(title, url, c.doc_id or "article"),
        url=safe_url(url),
        outlet=one_line(doc.outlet) if doc and doc.outlet else None,
        published=_date_view(labeler.reported(published)),
        number=(numbers or {}).get(c.doc_id, 0),
    )


def _document_view(d: Document, labeler: Labeler, number: int) -> SourceView:
    return SourceView(
        doc_id=d.id,
        title=_source_title(d.title, d.url, d.id or "article"),
        url=safe_url(d.url),
        outlet=one_line(d.outlet) if d.outlet else None,
        published=_date_view(labeler.reported(d.dct)),
        number=number,
    )


def _cite_groups(sources: tuple[SourceView, ...]) -> tuple[CiteGroup, ...]:
    groups: dict[str, list[SourceView]] = {}
    dates: dict[str, DateView | None] = {}
    for src in sources:
        key = src.published.datetime if src.published else ""
        groups.setdefault(key, []).append(src)
        dates[key] = src.published
    return tuple(CiteGroup(tuple(v), dates[k]) for k, v in groups.items())


@dataclass(frozen=True)
class _DateWords:
    weekdays: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()


def _date_words(labeler: Labeler) -> _DateWords:
    def names(table: Mapping[str, Any]) -> frozenset[str]:  # Babel's LocaleDataDict
        return frozenset(str(n).casefold().rstrip(".") for ctx in table.values()
                         for width in ctx.values() for n in width.values())

    return _DateWords(names(labeler.locale.days), names(labeler.locale.months))


def label_parts(label: str, names: _DateWords | None = None) -> tuple[str, ...]:
    """A date label cut where a line may break: after a weekday, after a comma (unless a
    year follows, "April 22, 2009"), and between words without digits; a number keeps
    the words after it and a short word before it ("22 April 2009", "09:00 (06:00 UTC)",
    "c. 09:15", "of 16 March 2015").

    "Wednesday 22 April 2009, night" -> ("Wednesday", "22 April 2009,", "night").
    """
    words = label.split(" ")
    parts: list[list[str]] = []
    for i, word in enumerate(words):
        if i and _glued(words[i - 1], word, names or _EN_WORDS):
            parts[-1].append(word)
        else:
            parts.append([word])
    return tuple(" ".join(p) for p in parts if any(p))


def _glued(before: str, after: str, names: _DateWords) -> bool:
    word = before.rstrip(",").casefold()
    if word in names.weekdays:
        return False
    if before.endswith(","):  # "April 22, 2009" keeps its year; "2009, night" may break
        year = after.rstrip(",.")
        return year.isdigit() and len(year) == 4
    if any(c.isdigit() for c in before) or word.rstrip(".") in names.months:
        return True
    if after.rstrip(",.").isdigit() and len(after.rstrip(",.")) == 4:
        return True  # a year keeps the word it dates ("autumn 2009")
    # a short word leads its number ("c. 09:15", "of 16 March"); "after | 22 May" may break
    return any(c.isdigit() for c in after) and len(before) <= 3


_EN_WORDS = _DateWords(
    frozenset("monday tuesday wednesday thursday friday saturday sunday".split()),
    frozenset("january february march april may june july august september october "
              "november december".split()),
)


@dataclass(frozen=True)
class _Run:
    year: str
    month: str | None  # "03" when the run is a month of a dense year
    indices: list[int]
    last_year: str = ""  # a run of several sparse years ends here


def _year_month(e: Event) -> tuple[str | None, str | None]:
    dt = html_datetime(e.value, e.utc_offset, e.start)
    year = dt[:4] if dt[:4].isdigit() else None
    month = dt[5:7] if year and dt[4:5] == "-" and dt[5:7].isdigit() else None
    return year, month


def _runs(events: tuple[Event, ...]) -> list[_Run]:
    """Entries cut into dated groups (see GROUP_AFTER); [] for a short timeline."""
    if len(events) <= GROUP_AFTER:
        return []
    keys = [_year_month(e) for e in events]
    years: list[tuple[str, list[int]]] = []
    year = ""
    for i, (y, _) in enumerate(keys):
        year = y or year  # an entry without a year stays with the one before
        if years and years[-1][0] == year:
            years[-1][1].append(i)
        else:
            years.append((year, [i]))
    runs: list[_Run] = []
    for y, idx in years:
        if len(idx) >= DENSE_YEAR:
            month: str | None = None
            for i in idx:
                month = keys[i][1] or month
                if runs and runs[-1].year == y and runs[-1].month == month:
                    runs[-1].indices.append(i)
                else:
                    runs.append(_Run(y, month, [i]))
        elif runs and runs[-1].month is None and len(runs[-1].indices) < MIN_GROUP \
                and len(idx) < MIN_GROUP and runs[-1].year:
            last = runs.pop()
            runs.append(_Run(last.year, None, last.indices + idx, y))
        else:
            runs.append(_Run(y, None, list(idx)))
    return runs if len(runs) > 1 else []


def _groups(views: tuple[EventView, ...], runs: list[_Run], labeler: Labeler,
            undated: str) -> tuple[EventGroup, ...]:
    if not runs:
        return (EventGroup(None, None, None, views),) if views else ()
    groups = []
    seen: set[str] = set()
    for run in runs:
        if not run.year:
            label = nav = undated
            anchor = "d-undated"
        elif run.month:
            shown = labeler.date(f"{run.year}-{run.month}")
            label = shown.full if shown else run.year
            nav = labeler.month_short(run.year, run.month)
            anchor = f"d-{run.year}-{run.month}"
        elif run.last_year and run.last_year != run.year:
            label = nav = labeler.phrase("range", run.year, run.last_year)
            anchor = f"d-{run.year}-{run.last_year}"
        else:
            label = nav = run.year
            anchor = f"d-{run.year}"
        # a heading opens with a capital ("Février 2011"), whatever the locale writes mid-line
        label, nav = label[:1].upper() + label[1:], nav[:1].upper() + nav[1:]
        base, n = anchor, 1
        while anchor in seen:  # a timeline out of order meets a date twice
            n += 1
            anchor = f"{base}-{n}"
        seen.add(anchor)
        groups.append(EventGroup(label, anchor, nav, tuple(views[i] for i in run.indices)))
    return tuple(groups)


def _event_views(events: tuple[Event, ...], docs: dict[str, Document],
                 labeler: Labeler, numbers: dict[str, int],
                 starts: frozenset[int] = frozenset()) -> tuple[EventView, ...]:
    """``starts``: entries opening a group, which always show their whole date."""
    views = []
    words = _date_words(labeler)
    names = {d.id: _document_view(d, labeler, 0).short for d in docs.values()}
    previous_day: str | None = None
    previous_full: str | None = None
    for n, e in enumerate(events):
        if n in starts:
            previous_day = previous_full = None
        shown = labeler.display(e.value, e.mod, e.utc_offset, fallback_start=e.start)
        label = shown.full
        if shown.day and shown.day == previous_day:
            # Same day as the entry before: the time alone, or nothing for a day-only entry.
            label = shown.short if shown.short != shown.full else ""
        elif shown.day is None and shown.full == previous_full:
            label = ""  # "1967" again: the date shows once, like a repeated day
        previous_day = shown.day
        previous_full = shown.full
        hidden = shown.full[: len(shown.full) - len(label)] if shown.full.endswith(label) else ""
        sources = tuple(_dedupe(_citation_view(c, docs, labeler, numbers) for c in e.sources))
        views.append(EventView(
            value=e.value,
            mod=e.mod,
            when=DateView(shown.datetime, label),
            when_full=shown.full,
            when_hidden=hidden,
            approximate=shown.approximate,
            text=e.text,
            sources=sources,
            cites=_cite_groups(sources),
            when_parts=label_parts(label, words),
            claims=claims_line(e.claims, names, ui_strings(labeler.language))
            if e.claims else "",
            inferred=e.inferred,
        ))
    return tuple(views)


def _dedupe(sources: Iterable[SourceView]) -> list[SourceView]:
    seen: set[str] = set()
    kept = []
    for src in sources:
        if src.doc_id not in seen:
            seen.add(src.doc_id)
            kept.append(src)
    return kept


def page_context(briefing: Briefing, labeler: Labeler, *, index_href: str | None = "index.html",
                 omitted: int = 0) -> PageContext:
    t = ui_strings(labeler.language)
    docs = {d.id: d for d in briefing.documents}
    # The Sources list reads oldest report first (undated last), whatever the input order.
    listed = sorted(briefing.documents, key=lambda d: (not d.dct, (d.dct or "")[:10]))
    sources = [_document_view(d, labeler, i + 1) for i, d in enumerate(listed)]
    # Citations of documents the briefing does not list still get a source line.
    extra: dict[str, SourceView] = {}
    for e in briefing.timeline.events:
        for c in e.sources:
            if c.doc_id not in docs and c.doc_id not in extra:
                number = len(sources) + len(extra) + 1
                extra[c.doc_id] = _citation_view(c, docs, labeler, {c.doc_id: number})
    sources.extend(extra.values())
    numbers = {s.doc_id: s.number for s in sources}

    published = _date_view(labeler.reported(briefing.published))
    period = None
    if briefing.period:
        start = _date_view(labeler.period_end(briefing.period[0]))
        end = _date_view(labeler.period_end(briefing.period[1]))
        if start:
            period = (start, end if end and end.label != start.label else None)
    runs = _runs(briefing.timeline.events)
    events = _event_views(briefing.timeline.events, docs, labeler, numbers,
                          frozenset(r.indices[0] for r in runs))
    summary = tuple(one_line(s.text) for s in briefing.summary)
    events_count = t.events(len(events) + omitted)
    sources_count = t.sources_n(len(sources))
    per_entry = len(sources) > 1
    lead = sources[0] if len(sources) == 1 else None
    # The header names the one source by outlet or site, never by repeating a title.
    lead_source = lead if lead and (lead.outlet or lead.url) else None

    meta_parts = []
    if lead_source:
        meta_parts.append(lead_source.short)
    if published:
        meta_parts.append(f"{t.published} {published.label}")
    period_label = labeler.period(briefing.period)
    if period_label:
        meta_parts.append(f"{t.period} {period_label}")
    if per_entry:
        meta_parts.append(sources_count)
    meta_parts.append(events_count)
    meta_line = MdSafe("*" + md_escape(" · ".join(meta_parts)) + "*")
    title = one_line(briefing.title) or t.briefing
    return PageContext(
        lang=labeler.tag.replace("_", "-"),
        title=title,
        slug=briefing.slug,
        published=published,
        period=period,
        period_label=period_label,
        summary=summary,
        events=events,
        events_count=events_count,
        sources=tuple(sources),
        sources_count=sources_count,
        per_entry_sources=per_entry,
        lead_source=lead_source,
        title_long=len(title) > LONG_TITLE,
        t=t,
        generator=f"timeline {__version__}",
        footer=t.generated_by.format(version=__version__),
        index_href=index_href,
        meta_line=meta_line,
        summary_paragraph=" ".join(summary),
        omitted=t.more(omitted) if omitted else None,
        groups=_groups(events, runs, labeler, t.undated),
    )
