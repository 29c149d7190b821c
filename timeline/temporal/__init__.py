"""Temporal stage: find TIMEX3 expressions and normalize them against an anchor.

``tag(text, dct, lang=...)`` runs the two passes: rules (data files under ``data/<lang>``,
one folder per language: see ``data/README.md``) find spans
and fill value templates (:mod:`.extract`); markers left underspecified are resolved
against the DCT (news) or the last mentioned date (narrative) (:mod:`.anchor`), with
calendar arithmetic on pendulum (:mod:`.periods`). In a narrative, a bare year named in
passing (in parentheses, decades away, as a plan or in a past-perfect flashback) does not
move the story from the month it is in.

Offset expressions ("approximately 15 minutes after the Tartus blasts") give two timexes:
the DURATION as annotated in TimeML ("Approximately 15 minutes", PT15M, APPROX) and a
derived TIME for the rest of the phrase ("after the Tartus blasts") whose value is the
resolved point (09:00 + 15 min = "...T09:15", mod APPROX, ``anchor`` = tid of the 09:00
timex, ``rule`` starting with "derived:"). TimeML output leaves derived timexes out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from timeline.model import Timex
from timeline.temporal import timex3
from timeline.temporal.timex3 import is_valid_value

if TYPE_CHECKING:
    from timeline.temporal.cues import Cues
    from timeline.temporal.extract import Raw, Templates
    from timeline.temporal.rules import Resources

__all__ = ["TagResult", "tag", "detect_domain", "languages"]

Domain = Literal["news", "narrative"]
MAX_TEXT = 20_000_000
#: no prose has more; beyond it (e.g. a file of nothing but month names) tagging stops
MAX_TIMEXES = 100_000
#: an offset ("15 minutes after the blasts") chains onto a clock time at most this far back
OFFSET_REACH = 2000

_YEAR = re.compile(r"(?<![\w$.,])(1[0-9]{3}|20[0-9]{2})(?![\w%]|[.,]\d)")
#: how far into a text its dateline may stand (after a headline and a summary)
DATELINE_REACH = 1000
#: a live page's entries open with a 24-hour time: "2346 Survivor Jackson tells the BBC"
_STAMP = re.compile(r"(?m)^[ \t]*((?:[01][0-9]|2[0-3])([0-5][0-9]))(?=[ \t]*$|[ \t]+[A-Z\"\u201c])")
#: so many such lines in running order make a live page (one could be a year heading)
LIVE_STAMPS = 4
#: a live page's stamps run newest first: at least this share of them in falling order
STAMPS_FALLING = 0.8
#: four figures from here to here could be a year, so stamps all within are year headings
YEARLIKE_STAMPS = (1000, 2100)
#: a year counts towards the domain from here to this many years after the DCT (later
#: ones are figures: "2500 troops")
FIRST_YEAR, YEARS_AFTER_DCT = 1000, 30
#: with this many years named, most of them the DCT's, a page is news (comments stamped
#: with their dates)
STAMPED_YEARS = 4
#: this many years and fewer than one deictic word per so many of them read as history
MANY_YEARS, YEARS_PER_DEICTIC = 8, 8
#: fewer years than this say nothing: news
FEW_YEARS = 2
#: the years "near" the DCT: from so many before it to so many after
NEAR_BEFORE, NEAR_AFTER = 3, 1
#: with this many years or more, a text with less than this share near the DCT and no
#: deictic word is a narrative
SOME_YEARS, NEAR_SHARE = 4, 0.2
#: the tail of an offset ("after the Tartus blasts") is read this far after the duration
OFFSET_TAIL_REACH = 80
#: "later", "earlier", "before" follow a calendar duration within this many characters
UNIT_TAIL_REACH = 40
#: a clock time stated in UTC/GMT ("14:48 UTC") carries the zone in its value, "T14:48Z"
ZERO_OFFSET = "+00:00"
_ZONELESS_CLOCK = re.compile(r"T\d\d:\d\d(?::\d\d)?\Z")
#: offsets are counted from a clock time ("2011-08-21T09:00")
_PT = re.compile(r"PT(\d+)([HM])")
#: a whole number of calendar units ("P3D", "P2W")
_P_UNITS = re.compile(r"P(\d+)([DWMY])")


@dataclass(frozen=True)
class TagResult:
    """Time expressions of ``text`` ordered by offset, tids "t1", "t2", ..."""

    timexes: tuple[Timex, ...]
    domain: Domain


def _live_stamps(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """The entry times of a live page ("2358 UN Ban Ki-moon has given an update", "2349",
    each opening a line, newest first), when there are enough of them, in that order, and
    at least one could be no year (before 1000 or after 2100: "0915", "2346"); else
    nothing: lines opening with "1939", "1940", "1941" are a history's year headings."""
    stop = len(text) if end is None else end
    found = list(_STAMP.finditer(text, start, stop))
    if len(found) < LIVE_STAMPS:
        return []
    times = [int(m[1]) for m in found]
    down = sum(a >= b for a, b in zip(times, times[1:], strict=False))
    lo, hi = YEARLIKE_STAMPS
    if down < STAMPS_FALLING * (len(times) - 1) or all(lo <= t <= hi for t in times):
        return []
    return found


def _calendar_date(value: str) -> bool:
    """Whether ``value`` is a year, month or day of the calendar ("2016", "2016-05",
    "2016-05-23"), as a DCT is written."""
    tv = timex3.parse(value)
    if tv is None or tv.kind != "date" or tv.bc or not tv.placed or tv.year is None:
        return False
    written = "-".join(p for p in (tv.year, tv.month, tv.day) if p is not None)
    return value == written


def detect_domain(
    text: str,
    dct: str | None,
    start: int = 0,
    end: int | None = None,
    skip: frozenset[int] = frozenset(),
    lang: str = "en",
) -> Domain:
    """Narrative when the text reads as history rather than news.

    News is full of deictic time ("yesterday", "Monday", "last week") and names years near
    its DCT; a narrative names many years and few such words, or years far from the DCT.
    Without a DCT there is nothing to anchor news to, so the text reads as narrative.
    Four-figure numbers starting at an offset in ``skip`` (a live page's times) are no years.
    """
    if not dct or len(dct) < 4 or not dct[:4].isdecimal():
        return "narrative"
    from timeline.temporal.rules import load

    cues = load(lang).cues
    stop = len(text) if end is None else end
    if cues.dateline.search(text, start, min(stop, start + DATELINE_REACH)):
        return "news"  # a wire report, however many old years it names (an obituary)
    dct_year = int(dct[:4])
    years = [int(m[1]) for m in _YEAR.finditer(text, start, stop) if m.start() not in skip]
    years += [FIRST_YEAR] * sum(1 for _ in cues.bc_year.finditer(text, start, stop))
    years = [y for y in years if FIRST_YEAR <= y <= dct_year + YEARS_AFTER_DCT]
    if len(years) >= STAMPED_YEARS and 2 * sum(1 for y in years if y == dct_year) >= len(years):
        return "news"  # a page of comments stamped "January 28, 2011 at 10:43 am"
    deictic = sum(1 for _ in cues.deictic.finditer(text, start, stop))
    if len(years) >= MANY_YEARS and deictic * YEARS_PER_DEICTIC < len(years):
        return "narrative"
    if len(years) < FEW_YEARS:
        return "news"
    near = sum(1 for y in years if dct_year - NEAR_BEFORE <= y <= dct_year + NEAR_AFTER)
    if near == 0 and deictic == 0:
        return "narrative"  # a short history: every year it names is long before the DCT
    if len(years) < SOME_YEARS:
        return "news"
    return "narrative" if near / len(years) < NEAR_SHARE and deictic == 0 else "news"


def _with_stamps(raws: list[Raw], stamps: list[re.Match[str]]) -> list[Raw]:
    """A live page's entry times (on its own day) replace what a rule read there (a year)."""
    from timeline.temporal.extract import Raw

    spans = [(m.start(1), m.end(1)) for m in stamps]
    kept = [r for r in raws if not any(r.start < e and s < r.end for s, e in spans)]
    added = [
        Raw(
            m.start(1),
            m.end(1),
            "TIME",
            f"<rel day 0>T{m[1][:2]}:{m[2]}",
            None,
            None,
            None,
            None,
            "live-stamp",
            0,
            0,
        )
        for m in stamps
    ]
    return sorted(kept + added, key=lambda r: r.start)


_YEARS = re.compile(r"P(\d+)Y")


def _decade_units(value: str, text: str, cues: Cues) -> str:
    """Narrative (TIMEX2-style) annotation counts decades and centuries in their own
    units: "the past decade" P1DE, "two centuries" P2CE."""
    m = _YEARS.fullmatch(value)
    if not m:
        return value
    years = int(m[1])
    low = text.lower()
    if cues.decade_stem in low and years % 10 == 0:
        return f"P{years // 10}DE"
    if cues.century_stem in low and years % 100 == 0:
        return f"P{years // 100}CE"
    return value


def _clock_point(value: str) -> datetime:
    """ "2011-08-21T24:00" (midnight ending the day, as TimeML writes it) is the next day's
    00:00; other clock values as they are."""
    if value[11:13] == "24":
        return datetime.fromisoformat(value[:10] + "T00:00") + timedelta(days=1)
    return datetime.fromisoformat(value[:16])


def _clock_of(value: str) -> bool:
    """Whether a value is a clock time on a day ("2011-08-21T09:00"), to count from."""
    tv = timex3.parse(value)
    return (
        tv is not None
        and tv.kind == "date"
        and not tv.bc
        and tv.placed
        and tv.day is not None
        and tv.hour is not None
        and tv.minute is not None
    )


def _derive_offsets(text: str, timexes: list[Timex], cues: Cues) -> list[Timex]:
    """ "15 minutes after the blasts" -> a TIME point anchored on the last clock time."""
    out: list[Timex] = []
    last_time: Timex | None = None
    occupied = [(t.start, t.end) for t in timexes]
    for t in timexes:
        if t.type == "TIME":
            # a part of the day ("in the hearing this morning") is no clock time to count
            # minutes from, and the story has moved past the last one
            last_time = t if _clock_of(t.value) else None
        if t.type != "DURATION" or last_time is None:
            continue
        if t.start - last_time.end > OFFSET_REACH:  # too far from the clock time to chain
            continue
        m = _PT.fullmatch(t.value)
        if not m:
            continue
        tail = cues.offset_tail.match(text, t.end, min(len(text), t.end + OFFSET_TAIL_REACH))
        if not tail:
            continue
        word = (tail[1] or tail[3]).lower()
        s, e = tail.start(1) if tail[1] else tail.start(3), tail.end()
        if any(s < oe and os < e for os, oe in occupied):
            continue
        amount = int(m[1]) * (-1 if word in cues.back else 1)
        try:  # a clock time at the edge of the calendar (year 1, 9999) or a huge amount
            delta = timedelta(hours=amount) if m[2] == "H" else timedelta(minutes=amount)
            point = (_clock_point(last_time.value) + delta).isoformat(timespec="minutes")
        except (ValueError, OverflowError):
            continue
        out.append(
            Timex(
                tid="",
                start=s,
                end=e,
                text=text[s:e],
                type="TIME",
                value=point,
                mod=t.mod if t.mod == "APPROX" else None,
                anchor=last_time.tid,
                utc_offset=last_time.utc_offset,
                rule="derived:offset",
            )
        )
    return out


#: duration unit -> (calendar unit, the grain a date needs to count it from: 3 day, 2
#: month, 1 year)
_CAL_UNITS = {"D": ("day", 3), "W": ("week", 3), "M": ("month", 2), "Y": ("year", 1)}


def _dated(t: Timex) -> tuple[date, int] | None:
    """The first day of a dated DATE or TIME and its grain (3 day, 2 month, 1 year)."""
    tv = timex3.parse(t.value)
    if tv is None or tv.kind != "date" or tv.bc or tv.year is None or not tv.year.isdigit():
        return None
    month = tv.month if tv.month is not None and tv.month.isdigit() else None
    day = tv.day if month and tv.day is not None and tv.day.isdigit() else None
    grain = 3 if day else 2 if month else 1
    try:
        return date(int(tv.year), int(month or 1), int(day or 1)), grain
    except ValueError:
        return None


def _derive_unit_offsets(text: str, timexes: list[Timex], cues: Cues) -> list[Timex]:
    """News: "three days later" is annotated as the DURATION "three days" (TimeBank); the
    briefing still needs the day it names: a DATE for "later", counted from the last date
    of fine enough grain before it."""
    from timeline.temporal.anchor import shift

    out: list[Timex] = []
    last: tuple[date, int, Timex] | None = None  # (day, grain 1-3, timex)
    occupied = [(t.start, t.end) for t in timexes]
    for t in timexes:
        if t.type in ("DATE", "TIME"):
            dated = _dated(t)
            if dated is not None:
                last = (dated[0], dated[1], t)
            continue
        if t.type != "DURATION" or last is None:
            continue
        md = _P_UNITS.fullmatch(t.value)
        if not md or t.mod:
            continue
        unit, need = _CAL_UNITS[md[2]]
        if last[1] < need:
            continue
        tail = cues.unit_offset_tail.match(text, t.end, min(len(text), t.end + UNIT_TAIL_REACH))
        if not tail:
            continue
        s, e = tail.start(1) if tail[1] else tail.start(2), tail.end()
        if any(s < oe and os < e for os, oe in occupied):
            continue
        word = (tail[1] or tail[2]).lower()
        n = int(md[1]) * (-1 if word in cues.back else 1)
        try:
            moved = shift(last[0], unit, n)
            value = timex3.format_at(unit, moved.year, moved.month, moved.day)
        except (ValueError, OverflowError):
            continue
        out.append(
            Timex(
                tid="",
                start=s,
                end=e,
                text=text[s:e],
                type="DATE",
                value=value,
                anchor=last[2].tid,
                rule="derived:unit-offset",
            )
        )
    return out


def _stretch(
    text: str, dct: str | None, start: int, end: int | None
) -> tuple[int, int, str | None]:
    """The stretch to tag, cut to MAX_TEXT, and the DCT as a calendar date or None."""
    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    if end - start > MAX_TEXT:
        end = start + MAX_TEXT
    if dct is not None and not _calendar_date(dct[:10]):
        dct = None
    return start, end, dct[:10] if dct else None


def tag(
    text: str,
    dct: str | None,
    *,
    domain: Literal["news", "narrative", "auto"] = "auto",
    start: int = 0,
    end: int | None = None,
    derived: bool = True,
    lang: str = "en",
) -> TagResult:
    """Find and normalize the TIMEX3 expressions in ``text[start:end]``.

    ``dct`` is the document creation time as a TIMEX3 date ("2016-05-23") or None, in
    which case relative expressions stay underspecified ("XXXX-XX-XX"). ``derived``
    adds anchored points for offset expressions (see the module docstring). ``lang``
    names the folder of ``data/`` whose rules and cues are read (:func:`languages`).
    """
    from timeline.temporal.anchor import resolve_all
    from timeline.temporal.extract import find, widen
    from timeline.temporal.rules import load

    res = load(lang)
    start, stop, dct = _stretch(text, dct, start, end)
    stamps = _live_stamps(text, start, stop)
    skip = frozenset(m.start(1) for m in stamps)
    if domain == "auto":
        used: Domain = detect_domain(text, dct, start, stop, skip, lang)
    else:
        used = domain
    templates = _templates(res)
    raws = find(res, templates, text, start, stop, used)[:MAX_TIMEXES]
    if stamps:
        raws = _with_stamps(raws, stamps)
    raws = widen(res, templates, text, raws, start, used)
    raws = resolve_all(raws, text, dct, used, res.cues)
    timexes = _timexes(raws, text, used, res.cues, anchored=used == "news" and dct is not None)
    if derived:
        extra = _derive_offsets(text, timexes, res.cues)
        if used == "news":
            extra += _derive_unit_offsets(text, timexes, res.cues)
        if extra:
            timexes = _merged(timexes, extra)
    return TagResult(tuple(timexes), used)


def _timexes(raws: list[Raw], text: str, used: Domain, cues: Cues, anchored: bool) -> list[Timex]:
    """The resolved expressions with a valid value, numbered "t1", "t2", ...; with
    ``anchored`` (news with a DCT) those resolved against an anchor point to the DCT."""
    timexes: list[Timex] = []
    for r in raws:
        value = r.value
        if not is_valid_value(value):
            continue
        if used == "narrative" and value[:1] == "P":
            value = _decade_units(value, text[r.start : r.end], cues)
        if r.utc_offset == ZERO_OFFSET and _ZONELESS_CLOCK.search(value):
            value += "Z"
        timexes.append(
            Timex(
                tid=f"t{len(timexes) + 1}",
                start=r.start,
                end=r.end,
                text=text[r.start : r.end],
                type=r.type,  # type: ignore[arg-type]
                value=value,
                mod=r.mod,
                quant=r.quant,
                freq=r.freq,
                anchor="t0" if r.anchored and anchored else None,
                utc_offset=r.utc_offset,
                rule=r.rule,
            )
        )
    return timexes


def _merged(timexes: list[Timex], extra: list[Timex]) -> list[Timex]:
    """Derived timexes put in text order, every tid renumbered and the derived ones'
    anchors following their new numbers."""
    merged = sorted(timexes + extra, key=lambda t: t.start)
    mapping: dict[str, str] = {}
    renum = []
    for i, t in enumerate(merged, 1):
        if t.tid:
            mapping[t.tid] = f"t{i}"
        renum.append(replace(t, tid=f"t{i}"))
    return [
        replace(t, anchor=mapping.get(t.anchor, t.anchor))
        if t.rule.startswith("derived:") and t.anchor is not None
        else t
        for t in renum
    ]


_TEMPLATES: dict[int, Templates] = {}


def _templates(res: Resources) -> Templates:
    """One template evaluator per loaded resource set (it caches nothing per document)."""
    from timeline.temporal.extract import Templates

    key = id(res)
    if key not in _TEMPLATES:
        _TEMPLATES[key] = Templates(res)
    return _TEMPLATES[key]


def languages(include_pending: bool = False) -> tuple[str, ...]:
    """The languages with temporal resources: the folders of ``data/`` with a cues.toml.

    A folder whose cues.toml says ``pending = "why"`` (its rules work, the rest of the
    pipeline does not yet read the language right) is left out unless ``include_pending``:
    it is not chosen for a detected text, only when asked for by name."""
    from timeline.temporal.rules import DATA_DIR

    paths = sorted(DATA_DIR.glob("*/cues.toml"))
    return tuple(p.parent.name for p in paths if include_pending or not _pending(p))


@lru_cache(maxsize=32)
def _pending(path: Path) -> bool:
    """Whether a language's cues.toml says it waits (``pending = "why"``), read once."""
    import tomllib

    with path.open("rb") as f:
        return bool(tomllib.load(f).get("pending"))
