"""Datelines, time stamps and furniture of pasted news pages, read from ``data/<lang>/page.toml``.

A stamp line is one or more segments joined by ``|``, ``/``, ``•``, each a date, a time,
or both, in either order, opened by a word that says whether it is the first publication
("Published", "Posted") or an update ("Updated", "Last modified"):

    Updated 3:45 AM EDT, September 27, 2024
    September 20, 2017 / 2:30 AM
    Fri Aug 26, 2016 | 12:54pm EDT
    Published: Aug. 27, 2020 at 1:36 AM EDT|Updated 2 hours ago
    • 22 February 2019
    8/27/2020

Furniture rules (captions, credits, share and subscribe blocks, "Read more", cookie
notices, bylines) are regular expressions with examples that the tests run.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "Furniture", "Stamp", "byline_name", "date_in", "drop_furniture", "furniture",
    "is_navigation", "page_furniture", "page_languages", "page_rules", "read_stamp",
]

# Years a publication stamp can name; a four-figure number outside is not a year.
MIN_YEAR, MAX_YEAR = 1900, 2099
# "8/27/20": a two-figure year is in this century.
CENTURY = 2000
_STRIP = " \t,;:|/-\u2013\u2014\u2022\u00b7*"


@dataclass(frozen=True)
class Furniture:
    """One furniture rule: ``byline`` rules give the article's byline as well."""

    id: str
    regex: re.Pattern[str]
    examples: tuple[str, ...]
    keeps: tuple[str, ...]
    byline: bool = False
    ends: bool = False
    prose: bool = False  # may be a whole paragraph (a cookie notice), not only a short line
    hints: tuple[str, ...] = ()  # every match holds one of these (lower case): a line
    # holding none is passed without the pattern
    closes_page: bool = False  # after an article, nothing below is the article (comments)
    block: bool = False  # a heading: the list lines right under it are its links (related)


@dataclass(frozen=True)
class Stamp:
    """A stamp line read: its date, its clock time if any, and whether it is an update."""

    date: str
    time: str | None
    updated: bool
    text: str

    @property
    def value(self) -> str:
        """The TIMEX3 value: a date, or a datetime when the stamp gives the time."""
        return f"{self.date}T{self.time}" if self.time else self.date


@dataclass(frozen=True)
class _Rules:
    months: dict[str, int]
    dates: tuple[re.Pattern[str], ...]
    time: re.Pattern[str]
    lead: re.Pattern[str]
    weekday: re.Pattern[str]
    relative: re.Pattern[str]
    place: re.Pattern[str]
    split: re.Pattern[str]
    max_chars: int
    furniture: tuple[Furniture, ...]
    prose_furniture: tuple[Furniture, ...]
    navigation: frozenset[str]
    min_title_words: int
    credit: re.Pattern[str]  # a photo credit or source line: no headline
    own_furniture: tuple[Furniture, ...] = ()  # a language's rules before English's


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                           reverse=True))


def _date_regexes(months: str) -> tuple[re.Pattern[str], ...]:
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    forms = [
        rf"\b(?P<month>{months})\.?\s+{day},?\s+(?P<year>\d{{4}})\b",
        rf"\b{day}\.?\s+(?:of\s+)?(?P<month>{months})\.?,?\s+(?P<year>\d{{4}})\b",
        r"\b(?P<year>\d{4})-(?P<nmonth>\d{1,2})-(?P<day>\d{1,2})(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?\b",
        r"\b(?P<year>\d{4})/(?P<nmonth>\d{1,2})/(?P<day>\d{1,2})\b",
        r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})\b",
        # "27.08.2020", "18. 05. 2014", "13.\u20091.\u20092020" (thin spaces)
        r"\b(?P<day>\d{1,2})\.\s?(?P<nmonth>\d{1,2})\.\s?(?P<year>\d{4})\b",
    ]
    return tuple(re.compile(f, re.I) for f in forms)


def _hints(value: object) -> tuple[str, ...]:
    """A rule's `hint`: one word or a list of them, lower case."""
    words = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    return tuple(str(w).lower() for w in words if w)


def _furniture(entries: list[dict[str, object]]) -> tuple[Furniture, ...]:
    out = []
    for e in entries:
        flags = 0 if e.get("case") == "sensitive" else re.I
        out.append(Furniture(
            id=str(e["id"]),
            regex=re.compile(str(e["pattern"]), flags),
            examples=tuple(str(x) for x in e.get("examples", ())),  # type: ignore[attr-defined]
            keeps=tuple(str(x) for x in e.get("keeps", ())),  # type: ignore[attr-defined]
            byline=bool(e.get("byline", False)),
            ends=bool(e.get("ends", False)),
            prose=bool(e.get("prose", False)),
            hints=_hints(e.get("hint", ())),
            closes_page=bool(e.get("closes_page", False)),
            block=bool(e.get("block", False)),
        ))
    return tuple(out)


def _page_toml(lang: str) -> dict[str, Any] | None:
    """``data/<lang>/page.toml`` read, or None when the language has none."""
    path = resources.files("timeline.ingest").joinpath("data", lang, "page.toml")
    if not path.is_file():
        return None
    return tomllib.loads(path.read_bytes().decode("utf-8"))


@lru_cache(maxsize=1)
def page_languages() -> frozenset[str]:
    """The languages with page rules of their own (a folder ``data/<lang>/``)."""
    root = resources.files("timeline.ingest").joinpath("data")
    return frozenset(d.name for d in root.iterdir() if d.joinpath("page.toml").is_file())


@lru_cache(maxsize=8)
def page_rules(lang: str = "en") -> _Rules:
    """The page rules of ``lang``, compiled once. A language other than English gives its
    own furniture rules (tried first), then English's (a German page still prints "Share on
    Facebook"); the sections it does not define are English's, and its month names are
    Babel's beside the English ones. A language without a page.toml reads English's rules."""
    en = _page_toml("en")
    assert en is not None
    own = _page_toml(lang) if lang != "en" else None
    if own is None:
        return _compile(en, en["furniture"], {})
    from timeline.language import month_numbers

    data = {**en, **{k: v for k, v in own.items() if k != "furniture"}}
    rules = _compile(data, own.get("furniture", []) + en["furniture"], month_numbers([lang]))
    return replace(rules, own_furniture=rules.furniture[:len(own.get("furniture", []))])


def _compile(data: dict[str, Any], furniture_entries: list[dict[str, object]],
             extra_months: dict[str, int]) -> _Rules:
    from timeline.language import calendar_words, month_numbers

    d = data["dateline"]
    # calendar words from the one place that has them (Babel's, language.calendar_words)
    months = {**month_numbers(["en"]), **extra_months}
    cal = calendar_words("en")
    weekdays = [w.lower() for w in cal["weekday"] + cal["wkday"]]
    zones = _alternatives(d["zones"])
    lead_words = _alternatives(d["published"] + d["updated"])
    return _Rules(
        months=months,
        dates=_date_regexes(_alternatives(list(months))),
        time=re.compile(
            r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?(?::\d{2})?\s*"
            r"(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*\(?(?:" + zones + r"|[A-Z]{2,5}|(?:GMT|UTC)"
            r"\s?[+-]\s?\d{1,2}(?::?\d{2})?)\)?)?",
            re.I,
        ),
        lead=re.compile(r"(?P<lead>" + lead_words + r")\b\s*(?:on|at)?\s*:?\s*", re.I),
        weekday=re.compile(r"(?:" + _alternatives(weekdays) + r")\.?,?\s*", re.I),
        relative=re.compile(r"(?:" + d["relative"] + r")", re.I),
        place=re.compile(r"(?-i:[A-Z][A-Z.'\- ]{1,30}(?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?),\s*"),
        split=re.compile(r"\s*[|\u2022\u00b7]\s*|\s+/\s+|(?<=[\dA-Z.])\s+(?=(?i:"
                         + lead_words + r")\b)"),
        max_chars=int(d["max_chars"]),
        furniture=(found := _furniture(furniture_entries)),
        prose_furniture=tuple(f for f in found if f.prose),
        navigation=frozenset(w.lower() for w in data["title"]["navigation"]),
        min_title_words=int(data["title"]["min_words"]),
        credit=re.compile(data["title"]["credit"], re.I),
    )


def _clock(m: re.Match[str]) -> str | None:
    """"HH:MM" of a time match, or None when it is not a clock time (a bare number)."""
    hour, minute, ampm = int(m["hour"]), m["minute"], m["ampm"]
    if minute is None and ampm is None:
        return None
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    if hour > 23 or int(minute or 0) > 59:
        return None
    return f"{hour:02d}:{int(minute or 0):02d}"


def _day(rules: _Rules, m: re.Match[str]) -> str | None:
    gd = m.groupdict()
    year = int(gd["year"])
    year = year + CENTURY if year < 100 else year
    if gd.get("a"):  # 8/27/2020: month first unless the first number cannot be a month
        a, b = int(gd["a"]), int(gd["b"])
        month, day = (a, b) if a <= 12 else (b, a)
    else:
        month = int(gd["nmonth"]) if gd.get("nmonth") else rules.months[gd["month"].lower()]
        day = int(gd["day"])
    import calendar

    if not (1 <= month <= 12 and MIN_YEAR <= year <= MAX_YEAR):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _time_only(rules: _Rules, text: str) -> str | None | bool:
    """The clock time of ``text`` when it is only a time; True when empty; None otherwise."""
    text = rules.weekday.sub("", text.strip(_STRIP + " ")).strip(_STRIP)
    text = re.sub(r"^(?:at|on)\s+", "", text, flags=re.I).strip(_STRIP)
    if not text:
        return True
    m = rules.time.fullmatch(text)
    return _clock(m) if m else None


@dataclass(frozen=True)
class _Segment:
    updated: bool | None  # None: no lead word
    date: str | None
    time: str | None


def _segment(rules: _Rules, seg: str) -> _Segment | None:
    """One part of a stamp line: a lead word, then a date and/or a time, else None."""
    seg = seg.strip(_STRIP)
    updated: bool | None = None
    m = rules.lead.match(seg)
    if m:
        updated = _is_update(m["lead"])
        seg = seg[m.end() :].strip(_STRIP)
    seg = rules.weekday.sub("", seg, count=1) if rules.weekday.match(seg) else seg
    if not seg or rules.relative.fullmatch(seg):
        return _Segment(updated, None, None) if updated is not None else None
    for rx in rules.dates:
        dm = rx.search(seg)
        if dm is None:
            continue
        before, after = _time_only(rules, seg[: dm.start()]), _time_only(rules, seg[dm.end() :])
        if before is None or after is None:
            continue
        day = _day(rules, dm)
        if day is None:
            return None
        clock = next((t for t in (before, after) if isinstance(t, str)), None)
        return _Segment(updated, day, clock)
    only = _time_only(rules, seg)
    return _Segment(updated, None, only) if isinstance(only, str) else None


# An author's name before the stamp on a byline line: "Chris Roe - Nov 19, 2019, 10:31 pm".
_NAME_LEAD = re.compile(r"^(?:By\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}\s+[-–—|•]\s+")
_UPDATE_WORDS = ("update", "modified", "edited", "revised")


def _is_update(lead: str) -> bool:
    low = lead.lower()
    return any(w in low for w in _UPDATE_WORDS)


# A page's lines are read several times (the article run, the headline, the body's
# furniture): the answers for recent lines are kept.
LINE_CACHE = 8192


@lru_cache(maxsize=LINE_CACHE)
def read_stamp(line: str, lang: str = "en") -> Stamp | None:
    """The stamp of a line that is only a dateline or time stamp, else None."""
    rules = page_rules(lang)
    text = line.strip()
    if not text or len(text) > rules.max_chars or not any(c.isdigit() for c in text):
        return None
    stamp = _stamp(rules, text)
    for lead in (rules.place, _NAME_LEAD):  # "LONDON, June 15, 2015", "Jane Roe - May 2, 2020"
        m = lead.match(text) if stamp is None else None
        if m:
            stamp = _stamp(rules, text[m.end() :])
    return Stamp(stamp.date, stamp.time, stamp.updated, text) if stamp else None


def _stamp(rules: _Rules, text: str) -> Stamp | None:
    parts = [p for p in rules.split.split(text) if p.strip(_STRIP)]
    segments = [_segment(rules, p) for p in parts]
    if not segments or any(s is None for s in segments):
        return None
    dated: list[Stamp] = []
    for i, s in enumerate(segments):
        assert s is not None
        if s.date is None:
            continue
        clock = s.time
        nxt = segments[i + 1] if i + 1 < len(segments) else None
        if clock is None and nxt is not None and nxt.date is None and nxt.updated is None:
            clock = nxt.time  # "Fri Aug 26, 2016 | 12:54pm EDT"
        dated.append(Stamp(s.date, clock, bool(s.updated), text))
    if not dated:
        return None
    return next((st for st in dated if not st.updated), dated[0])


@lru_cache(maxsize=LINE_CACHE)
def date_in(line: str, lang: str = "en") -> str | None:
    """The first calendar date written in a short line ("Posted on 5.3.2019 by admin"),
    else None: the fallback when a page prints no stamp line of its own."""
    rules = page_rules(lang)
    if len(line) > rules.max_chars or not any(c.isdigit() for c in line):
        return None
    found = [(m.start(), day) for rx in rules.dates for m in rx.finditer(line)
             if (day := _day(rules, m)) is not None]
    return min(found)[1] if found else None


@lru_cache(maxsize=LINE_CACHE)
def furniture(line: str, lang: str = "en", prose: bool = False) -> Furniture | None:
    """The furniture rule a line matches (caption, credit, share block, byline...), else
    None; with ``prose``, only the rules that may be a whole paragraph."""
    rules = page_rules(lang)
    low = line.lower()
    for rule in rules.prose_furniture if prose else rules.furniture:
        if (not rule.hints or any(h in low for h in rule.hints)) and rule.regex.search(line):
            return rule
    return None


@lru_cache(maxsize=1)
def _foreign_rules() -> re.Pattern[str]:
    """One pattern for the furniture rules of every language but English (see
    page_furniture): a line none of them matches is read with the English rules. Each of
    those rules is a whole line, anchored at its start, so the pattern is matched there
    only (searched at every position it cost a quarter of the paste route's time)."""
    parts = [f"(?{'' if rule.regex.flags & re.I else '-i'}:{rule.regex.pattern})"
             for lang in sorted(page_languages() - {"en"})
             for rule in page_rules(lang).own_furniture]
    return re.compile("|".join(parts) or r"(?!)", re.I)


@lru_cache(maxsize=LINE_CACHE)
def _foreign(line: str) -> bool:
    return _foreign_rules().match(line) is not None


# The words a byline opens with before the name ("By Jane Okafor", "Von Anna Schmidt").
_BYLINE_LEAD = re.compile(r"^(?:By|BY|Written by|Reporting by|Von)\s+")


def byline_name(line: str, rule: Furniture | None = None) -> str:
    """The name(s) of a byline line, without its lead words: "By Jane Okafor" ->
    "Jane Okafor" (the line is one a ``byline`` furniture rule matched). A byline rule
    whose pattern has a group gives the name as that group ("Von Anna Schmidt am 3. Mai
    2021" -> "Anna Schmidt"); otherwise the lead words are stripped."""
    line = line.strip()
    if rule is not None and rule.regex.groups:
        m = rule.regex.match(line)
        if m is not None and m.group(1):
            return m.group(1).strip()
    return _BYLINE_LEAD.sub("", line).strip()


def page_furniture(line: str, lines: Sequence[str]) -> Furniture | None:
    """The furniture rule ``line`` of a page of ``lines`` matches, by the rules of the
    page's language: English's, unless the line is furniture in another language's rules;
    then the page's language is identified (``detect`` remembers it for the page) and its
    rules read the line. A page in English pays one pattern a line, no identification."""
    rule = furniture(line)
    if rule is not None or not _foreign(line):  # the English rules hold for every page
        return rule
    from timeline.language import detect

    return furniture(line, detect("\n".join(lines)))


def is_navigation(line: str, lang: str = "en") -> bool:
    """True for a navigation word or section name on its own line ("Home", "Local News")."""
    rules = page_rules(lang)
    return line.strip().strip(_STRIP).lower() in rules.navigation


# A line of a list under a related-content heading: a bullet, then a linked headline.
_LIST_ITEM = re.compile(r"^[-\u2013\u2022\u00b7*]\s")
# A teaser headline in such a list has at most this many words (text.py's teasers too).
MAX_LIST_ITEM_WORDS = 16


def drop_furniture(text: str, lang: str | None = None) -> str:
    """``text`` (a page's extracted text) without its furniture lines by the rules of its
    language (``lang``, else the one identified): related-content headings and the list
    right under them, share and newsletter prompts, photo credits, update stamps. Text in
    English, or in a language without page rules of its own, is returned as it is: the
    English rules are applied where the body is read (``text.read_body``). A text none of
    whose lines is furniture in another language's rules is returned unread by the
    language identifier (most English pages: one pattern a line)."""
    lines = text.split("\n")
    cells = [line.strip(" \t|") for line in lines]  # a table cell's text too
    if lang is None:
        if not any(_foreign(s) for s in cells if s):
            return text
        from timeline.language import detect

        lang = detect(text)
    if lang == "en" or lang not in page_languages():
        return text
    kept, in_list = [], False
    for line, s in zip(lines, cells, strict=True):
        rule = furniture(s, lang) if s else None
        if rule is not None:
            in_list = rule.block
            continue
        if in_list and s:
            if _LIST_ITEM.match(s) and len(s.split()) <= MAX_LIST_ITEM_WORDS:
                continue
            in_list = False
        kept.append(line)
    return "\n".join(kept)
