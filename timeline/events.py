"""Events: a sentence that says something happened at a time it names.

A sentence is one event, placed at its best time expression: the most precise DATE or
TIME in it that dates the clause. Durations, sets and vague references ("until now")
place nothing. A possessive time ("Monday's bombings") names an event the story has
already dated rather than dating this sentence's statement, so it is only used when the
sentence has nothing better.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from timeline.model import (
    AnalyzedDocument,
    Citation,
    Document,
    Event,
    Sentence,
    Timeline,
    Timex,
)
from timeline.segment import without_dateline
from timeline.temporal.timex3 import interval
from timeline.textstats import clean

_POSSESSIVE = re.compile(r"^['\u2019]s?\b")


def _placeable(tx: Timex) -> tuple[datetime, datetime] | None:
    if tx.type not in ("DATE", "TIME"):
        return None
    return interval(tx.value, tx.mod, tx.utc_offset)


POSSESSIVE_REACH = 3  # characters after a time that can make it possessive ("'s ")


def _is_possessive(text: str, tx: Timex) -> bool:
    return bool(_POSSESSIVE.match(text[tx.end : tx.end + POSSESSIVE_REACH]))


#: a time that bounds a state rather than dating the event: "boycotting the meetings since
#: January", "in force until March"
_BOUND = re.compile(r"\b(?:since|until|till|through)\s+\Z", re.IGNORECASE)


BOUND_REACH = 12  # characters before a time where _BOUND's word can stand ("through  ")


def _is_bound(text: str, tx: Timex) -> bool:
    return bool(_BOUND.search(text, max(0, tx.start - BOUND_REACH), tx.start))


def _naive(dt: datetime) -> datetime:
    """Wall-clock time in the story's own zone, for ordering aware and naive times together."""
    return dt.replace(tzinfo=None)


#: the lengths of calendar units, in seconds: second, minute, hour, part of day, day,
#: weekend, week, month, quarter, half, year, decade, century
_UNIT_SECONDS = tuple(
    d * 86400 for d in (1 / 86400, 1 / 1440, 1 / 24, 0.25, 1, 2, 7, 31, 92, 184, 366, 3653, 36525)
)


def _scale(seconds: float) -> int:
    """The calendar unit a span is as fine as: 2008 (a leap year) and 1915 are both years,
    so neither is more precise than the other."""
    for i, unit in enumerate(_UNIT_SECONDS):
        if seconds <= unit:
            return i
    return len(_UNIT_SECONDS)


def best_timex(
    text: str, sentence: Sentence, timexes: Sequence[Timex]
) -> tuple[Timex, tuple[datetime, datetime]] | None:
    """The time expression a sentence's event is placed at, with its interval."""
    candidates = []
    for tx in timexes:
        if tx.start < sentence.start or tx.end > sentence.end:
            continue
        span = _placeable(tx)
        if span is None:
            continue
        width = _scale((span[1] - span[0]).total_seconds())
        aside = _is_possessive(text, tx) or _is_bound(text, tx)
        candidates.append((aside, width, tx.start, tx, span))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    _, _, _, tx, span = candidates[0]
    return tx, span


def per_sentence(sentences: Sequence[Sentence], timexes: Iterable[Timex]) -> list[list[Timex]]:
    """Per sentence (in text order), the time expressions that lie inside it; one pass, so
    a long document costs no more than its length."""
    out: list[list[Timex]] = [[] for _ in sentences]
    ordered = sorted(timexes, key=lambda t: t.start)
    k = 0
    for i, s in enumerate(sentences):
        while k < len(ordered) and ordered[k].start < s.start:
            k += 1
        j = k
        while j < len(ordered) and ordered[j].start < s.end:
            if ordered[j].end <= s.end:
                out[i].append(ordered[j])
            j += 1
    return out


def cite(doc: Document, sentence: Sentence) -> Citation:
    """The citation of one sentence of one document."""
    return Citation(
        doc_id=doc.id,
        start=sentence.start,
        end=sentence.end,
        title=doc.title,
        url=doc.url,
        published=doc.dct,
    )


def extract_events(adoc: AnalyzedDocument) -> tuple[Event, ...]:
    """One event per sentence that names a placeable time, in article order."""
    doc = adoc.document
    events = []
    sentences = [without_dateline(s) for s in adoc.sentences]
    for sentence, timexes in zip(sentences, per_sentence(sentences, adoc.timexes), strict=True):
        found = best_timex(doc.text, sentence, timexes)
        if found is None:
            continue
        tx, (start, end) = found
        events.append(
            Event(
                value=tx.value,
                mod=tx.mod,
                start=start,
                end=end,
                text=clean(sentence.text),
                timex=tx,
                sources=(cite(doc, sentence),),
                utc_offset=tx.utc_offset,
            )
        )
    return tuple(events)


def sort_key(event: Event, position: int) -> tuple[datetime, float, int]:
    """Start of the interval; the coarser period first when two start together; then position."""
    return (_naive(event.start), -event.granularity_seconds, position)


def order(events: Iterable[Event]) -> Timeline:
    """Order events by start, coarser first on ties, then by position in the input."""
    indexed = list(enumerate(events))
    indexed.sort(key=lambda pe: sort_key(pe[1], pe[0]))
    return Timeline(events=tuple(e for _, e in indexed))


def within(timeline: Timeline, first: date | None, last: date | None) -> Timeline:
    """The events whose time overlaps the days ``first`` to ``last`` (either may be None):
    "mid-2014" stays in a timeline from 1 June 2014, "1986" does not."""

    def keep(e: Event) -> bool:
        start, end = e.start.date(), (e.end - timedelta(microseconds=1)).date()
        return (first is None or end >= first) and (last is None or start <= last)

    return Timeline(events=tuple(e for e in timeline.events if keep(e)))
