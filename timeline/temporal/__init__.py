"""Temporal stage: find TIMEX3 expressions and normalize them against an anchor.

``tag(text, dct)`` runs the two passes: rules (data files under ``data/en``) find spans
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
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from timeline.model import Timex
from timeline.temporal.timex3 import is_valid_value

if TYPE_CHECKING:
    from timeline.temporal.extract import Raw, Templates
    from timeline.temporal.rules import Resources

__all__ = ["TagResult", "tag", "detect_domain"]

Domain = Literal["news", "narrative"]
MAX_TEXT = 20_000_000
#: no prose has more; beyond it (e.g. a file of nothing but month names) tagging stops
MAX_TIMEXES = 100_000
#: an offset ("15 minutes after the blasts") chains onto a clock time at most this far back
OFFSET_REACH = 2000

_YEAR = re.compile(r"(?<![\w$.,])(1[0-9]{3}|20[0-9]{2})(?![\w%]|[.,]\d)")
_BC_YEAR = re.compile(r"\b\d{1,4} ?(?:BC|B\.C\.|BCE)\b")
#: news counts from its own day: "Today more than 800,000 people visit", "at the weekend",
#: "Last month the National Gallery", "last year" (a story of old years is still news then)
_DEICTIC = re.compile(
    r"\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|(?:this|last|next) (?:week|month)|"
    r"(?:[Ll]ast|[Tt]his|[Nn]ext) (?:year|month|week|night|weekend|summer|winter|spring)|"
    r"(?:at|over) the weekend)\b"
)
_DCT = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")
#: a wire report's dateline near the top: "LOS ANGELES (Reuters) -", "Chicago (CNN) --"
_DATELINE = re.compile(
    r"\(\s*(?:CNN|Reuters|AP|AFP|UPI|Bloomberg|BBC|dpa|Xinhua|NYT|WSJ|CNNMoney)\s*\)\s*"
    r"(?:-{1,2}|\u2013|\u2014)"
)
#: how far into a text its dateline may stand (after a headline and a summary)
DATELINE_REACH = 1000
#: a live page's entries open with a 24-hour time: "2346 Survivor Jackson tells the BBC"
_STAMP = re.compile(r"(?m)^[ \t]*((?:[01][0-9]|2[0-3])([0-5][0-9]))(?=[ \t]*$|[ \t]+[A-Z\"\u201c])")
#: so many such lines in running order make a live page (one could be a year heading)
LIVE_STAMPS = 4
_OFFSET_TAIL = re.compile(
    r"[ \t]+(after|before)\b((?:[ \t]+[\w'\u2019-]+){1,6}?)(?=[ \t]*(?:[,.;:!?)]|\n|\Z))"
    r"|[ \t]+(later|earlier)\b",
    re.IGNORECASE,
)


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
    if down < 0.8 * (len(times) - 1) or all(1000 <= t <= 2100 for t in times):
        return []
    return found


def detect_domain(
    text: str,
    dct: str | None,
    start: int = 0,
    end: int | None = None,
    skip: frozenset[int] = frozenset(),
) -> Domain:
    """Narrative when the text reads as history rather than news.

    News is full of deictic time ("yesterday", "Monday", "last week") and names years near
    its DCT; a narrative names many years and few such words, or years far from the DCT.
    Without a DCT there is nothing to anchor news to, so the text reads as narrative.
    Four-figure numbers starting at an offset in ``skip`` (a live page's times) are no years.
    """
    if not dct or not _DCT.match(dct):
        return "narrative"
    stop = len(text) if end is None else end
    if _DATELINE.search(text, start, min(stop, start + DATELINE_REACH)):
        return "news"  # a wire report, however many old years it names (an obituary)
    dct_year = int(dct[:4])
    years = [int(m[1]) for m in _YEAR.finditer(text, start, stop) if m.start() not in skip]
    years += [1000] * sum(1 for _ in _BC_YEAR.finditer(text, start, stop))
    years = [y for y in years if 1000 <= y <= dct_year + 30]
    if len(years) >= 4 and 2 * sum(1 for y in years if y == dct_year) >= len(years):
        return "news"  # a page of comments stamped "January 28, 2011 at 10:43 am"
    deictic = sum(1 for _ in _DEICTIC.finditer(text, start, stop))
    if len(years) >= 8 and deictic * 8 < len(years):
        return "narrative"
    if len(years) < 2:
        return "news"
    near = sum(1 for y in years if dct_year - 3 <= y <= dct_year + 1)
    if near == 0 and deictic == 0:
        return "narrative"  # a short history: every year it names is long before the DCT
    if len(years) < 4:
        return "news"
    return "narrative" if near / len(years) < 0.2 and deictic == 0 else "news"


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


def _decade_units(value: str, text: str) -> str:
    """Narrative (TIMEX2-style) annotation counts decades and centuries in their own
    units: "the past decade" P1DE, "two centuries" P2CE."""
    m = _YEARS.fullmatch(value)
    if not m:
        return value
    years = int(m[1])
    low = text.lower()
    if "decade" in low and years % 10 == 0:
        return f"P{years // 10}DE"
    if "centur" in low and years % 100 == 0:
        return f"P{years // 100}CE"
    return value


def _clock_point(value: str) -> datetime:
    """ "2011-08-21T24:00" (midnight ending the day, as TimeML writes it) is the next day's
    00:00; other clock values as they are."""
    if value[11:13] == "24":
        return datetime.fromisoformat(value[:10] + "T00:00") + timedelta(days=1)
    return datetime.fromisoformat(value[:16])


def _derive_offsets(text: str, timexes: list[Timex]) -> list[Timex]:
    """ "15 minutes after the blasts" -> a TIME point anchored on the last clock time."""
    out: list[Timex] = []
    last_time: Timex | None = None
    occupied = [(t.start, t.end) for t in timexes]
    n = len(timexes)
    for t in timexes:
        if t.type == "TIME":
            # a part of the day ("in the hearing this morning") is no clock time to count
            # minutes from, and the story has moved past the last one
            clock = re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d", t.value)
            last_time = t if clock else None
        if t.type != "DURATION" or last_time is None:
            continue
        if t.start - last_time.end > OFFSET_REACH:  # too far from the clock time to chain
            continue
        m = re.fullmatch(r"PT(\d+)([HM])", t.value)
        if not m:
            continue
        tail = _OFFSET_TAIL.match(text, t.end, min(len(text), t.end + 80))
        if not tail:
            continue
        word = (tail[1] or tail[3]).lower()
        s, e = tail.start(1) if tail[1] else tail.start(3), tail.end()
        if any(s < oe and os < e for os, oe in occupied):
            continue
        amount = int(m[1])
        delta = timedelta(hours=amount) if m[2] == "H" else timedelta(minutes=amount)
        if word in ("before", "earlier"):
            delta = -delta
        base = _clock_point(last_time.value)
        point = (base + delta).strftime("%Y-%m-%dT%H:%M")
        n += 1
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


_UNIT_OFFSET_TAIL = re.compile(
    r"[ \t]+(later|earlier)\b|[ \t]+(before|after)(?=[ \t]*[,.;])", re.IGNORECASE
)
_DATE_HEAD = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_CAL_UNITS = {"D": ("day", 3), "W": ("week", 3), "M": ("month", 2), "Y": ("year", 1)}


def _derive_unit_offsets(text: str, timexes: list[Timex]) -> list[Timex]:
    """News: "three days later" is annotated as the DURATION "three days" (TimeBank); the
    briefing still needs the day it names: a DATE for "later", counted from the last date
    of fine enough grain before it."""
    from datetime import date

    from timeline.temporal.anchor import _fmt, shift

    out: list[Timex] = []
    last: tuple[date, int, Timex] | None = None  # (day, grain 1-3, timex)
    occupied = [(t.start, t.end) for t in timexes]
    for t in timexes:
        if t.type in ("DATE", "TIME"):
            m = _DATE_HEAD.match(t.value)
            if m and t.value[:1].isdigit():
                grain = 3 if m[3] else 2 if m[2] else 1
                try:
                    last = (date(int(m[1]), int(m[2] or 1), int(m[3] or 1)), grain, t)
                except ValueError:
                    pass
            continue
        if t.type != "DURATION" or last is None:
            continue
        md = re.fullmatch(r"P(\d+)([DWMY])", t.value)
        if not md or t.mod:
            continue
        unit, need = _CAL_UNITS[md[2]]
        if last[1] < need:
            continue
        tail = _UNIT_OFFSET_TAIL.match(text, t.end, min(len(text), t.end + 40))
        if not tail:
            continue
        s, e = tail.start(1) if tail[1] else tail.start(2), tail.end()
        if any(s < oe and os < e for os, oe in occupied):
            continue
        word = (tail[1] or tail[2]).lower()
        n = int(md[1]) * (-1 if word in ("earlier", "before") else 1)
        try:
            value = _fmt(shift(last[0], unit, n), unit)
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


def tag(
    text: str,
    dct: str | None,
    *,
    domain: Literal["news", "narrative", "auto"] = "auto",
    start: int = 0,
    end: int | None = None,
    derived: bool = True,
) -> TagResult:
    """Find and normalize the TIMEX3 expressions in ``text[start:end]``.

    ``dct`` is the document creation time as a TIMEX3 date ("2016-05-23") or None, in
    which case relative expressions stay underspecified ("XXXX-XX-XX"). ``derived``
    adds anchored points for offset expressions (see the module docstring).
    """
    from timeline.temporal.anchor import resolve_all
    from timeline.temporal.extract import find, widen
    from timeline.temporal.rules import load

    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    if end - start > MAX_TEXT:
        end = start + MAX_TEXT
    if dct is not None and not _DCT.fullmatch(dct[:10]):
        dct = None
    dct = dct[:10] if dct else None
    stamps = _live_stamps(text, start, end)
    skip = frozenset(m.start(1) for m in stamps)
    used: Domain = detect_domain(text, dct, start, end, skip) if domain == "auto" else domain
    res = load("en")
    templates = _templates(res)
    raws = find(res, templates, text, start, end, used)[:MAX_TIMEXES]
    if stamps:
        raws = _with_stamps(raws, stamps)
    raws = widen(res, templates, text, raws, start, used)
    raws = resolve_all(raws, text, dct, used)
    timexes: list[Timex] = []
    for r in raws:
        value = r.value
        if not is_valid_value(value):
            continue
        if used == "narrative" and value[:1] == "P":
            value = _decade_units(value, text[r.start : r.end])
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
                anchor="t0" if r.anchored and used == "news" and dct else None,
                utc_offset=r.utc_offset,
                rule=r.rule,
            )
        )
    if derived:
        extra = _derive_offsets(text, timexes)
        if used == "news":
            extra += _derive_unit_offsets(text, timexes)
        if extra:
            merged = sorted(timexes + extra, key=lambda t: t.start)
            mapping: dict[str, str] = {}
            renum = []
            for i, t in enumerate(merged, 1):
                if t.tid:
                    mapping[t.tid] = f"t{i}"
                renum.append(replace(t, tid=f"t{i}"))
            timexes = [
                replace(t, anchor=mapping.get(t.anchor, t.anchor))
                if t.rule.startswith("derived:")
                else t
                for t in renum
            ]
    return TagResult(tuple(timexes), used)


_TEMPLATES: dict[int, Templates] = {}


def _templates(res: Resources) -> Templates:
    """One template evaluator per loaded resource set (it caches nothing per document)."""
    from timeline.temporal.extract import Templates

    key = id(res)
    if key not in _TEMPLATES:
        _TEMPLATES[key] = Templates(res)
    return _TEMPLATES[key]
