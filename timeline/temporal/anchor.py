"""Second pass: resolve underspecified values against an anchor.

News: relative expressions resolve against the document creation time (DCT); for bare
weekdays, months and seasons the tense of the sentence decides the direction ("said
Monday" is the past Monday, "will meet Monday" the next). Narrative: against the last
mentioned date of suitable granularity. Markers (written by the rules):

``<rel UNIT N>``      N units from the anchor (news: DCT; narrative: last date)
``<ctx UNIT N>``      N units from the last mentioned date (both domains)
``<weekday D MODE>``  ISO day D; MODE auto|last|next|this
``<month MM MODE>``, ``<monthday MM DD MODE>``, ``<season SS MODE>``,
``<quarter N MODE>``, ``<half N MODE>``
``<day>``             the day the expression is on (for clock times)
``<yearof>``          the anchor year ("fiscal 1990's third quarter" has its own)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from timeline.temporal import periods, timex3
from timeline.temporal.cues import Cues
from timeline.temporal.extract import Raw

_MARK = re.compile(r"<(\w+)((?: [\w+-]+)*)>")
_SENT_END = re.compile(r"[.!?][\"'\u201d)]*\s+(?=[A-Z\"'\u201c(])|\n\s*\n")
#: a date opening a sentence or line and followed by a dash heads a chronology entry
_ENTRY = re.compile(r"[ \t]*[-\u2013\u2014][ \t]")
SINCE_REACH = 80
#: a date in figures: "1/26/11", "26/01/2011"
_NUMERIC_DATE = re.compile(r"(?<![\w/.:-])(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})(?![\w/])")
#: when the text does not say which comes first, the reading this near the DCT (days) wins
NUMERIC_DATE_REACH = 366
#: earnings reports name "the quarter" some weeks after it ended
REPORT_LAG_DAYS = 45
#: how far back the tense of earlier sentences carries into a clause without one
CARRY_TENSE = 300
#: tense look-ups per document (each reads a sentence); beyond it the nearest date wins
TENSE_BUDGET = 5000
#: a bare year further than this from the story's month names another era ("declassified
#: in 2005" in a story of 1964)
PASSING_YEAR_GAP = 10
#: a relative year counted back from the story: "<ctx year -1>"
_BACK_YEARS = re.compile(r"<(?:ctx|rel) year -\d+>")
#: the closest occurrence of these units is taken when the tense does not decide
CLOSEST_UNITS = ("day", "month", "quarter", "season")
#: in a past-tense clause a later occurrence counts this many times as far (and a deadline's
#: earlier one)
FUTURE_PENALTY = 3.0
#: a future cue is not believed for a day or month this far ahead (days) when the same
#: name, counted back, is this recent
FAR_AHEAD_DAYS = 240
NEAR_BACK_DAYS = 75
#: how far a sentence may reach either side of an expression (characters)
SENTENCE_REACH = 300
#: the lead word of an expression ("by", "since") stands within this many characters
LEAD_REACH = 20
#: the verb cue that sets a clause's tense stands within this many characters before it
CUE_REACH = 200
#: "had been" just before a future cue ("had been due to") stands within this many
HAD_BEEN_REACH = 12
#: "until", "since" just before a date stands within this many characters
NO_ANCHOR_REACH = 12
#: a sentence-opening frame ("In", "By early") before a year is at most this long
YEAR_FRAME_REACH = 24
#: a plan or a past perfect before a year names it in passing within this many characters
PASSING_CUE_REACH = 150
#: an update cue ("(Update", "Posted at") stands within this many characters before a clock
STAMP_REACH = 24
#: a clock time is on the day named this near before it (characters: "On Friday ... at
#: 10:35 a.m."); further on, the DCT's day
DAY_NAMED_REACH = 250
#: a clock told in the past this near after a month or year other than the DCT's is on an
#: unknown day of it
ELSEWHEN_REACH = 1000
#: "a year earlier" refers to the quarter named this near before it (characters)
YEARBACK_REACH = 400
#: the quarter named last is the one reported on while within this many characters
REPORTED_QUARTER_REACH = 2000
#: a quarter named further back than this many quarters before the DCT is a year-ago
#: comparison, not the quarter reported
REPORTED_BACK_QUARTERS = 4
#: a two-figure year ("'89", "11/19/93") is at most this many years after the anchor's
YEAR_AHEAD = 10
#: one clock's zone is ahead of another's by less than half a day (minutes)
HALF_DAY_MINUTES = 12 * 60
DAY_MINUTES = 24 * 60
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: the first month of winter, the season counted with the year it starts in
WINTER_MONTH = 12
#: an autumn month from which "the winter" is the next one (narratives)
AUTUMN_FROM = 9
#: a winter named in January or February (news) is the one under way
WINTER_ENDS = 2


@dataclass
class Anchor:
    """The reference point: a date and the precision it was stated with."""

    day: date
    gran: str  # "year", "month", "day"
    bc: int = 0  # a year before the common era (BC0480 -> 480); ``day`` is then a dummy


def _parse_date(value: str) -> Anchor | None:
    """The anchor a value sets: its first day and grain ("day", "month", "quarter" or
    "year"; a week, half or season counts as its year). A value before the common era
    ("BC0480", "BC0480-04", "BC0481-FA") keeps its year in ``bc`` and its month, or its
    season's first month, in a dummy day of year 1."""
    if value.startswith("BC"):
        return _parse_bc(value)
    tv = timex3.parse(value)
    if tv is None or tv.kind != "date" or tv.bc or tv.year is None or not tv.year.isdigit():
        return None
    y = int(tv.year)
    try:
        if tv.month is not None and tv.month.isdigit():
            if tv.day is not None and tv.day.isdigit():
                return Anchor(date(y, int(tv.month), int(tv.day)), "day")
            return Anchor(date(y, int(tv.month), 1), "month")
        if tv.quarter is not None and tv.month is None:
            return Anchor(date(y, 3 * int(tv.quarter) - 2, 1), "quarter")
        return Anchor(date(y, 1, 1), "year")
    except ValueError:
        return None


def _parse_bc(value: str) -> Anchor | None:
    # the year is read from the four characters after "BC": a decade or century BC
    # ("BC047", "BC08") counts as that year (47 BC, 8 BC)
    year = value[2:6]
    if not year.isdigit() or int(year) == 0:
        return None
    tv = timex3.parse(value)
    month = 0
    if tv is not None and tv.month is not None and tv.month.isdigit():
        month = int(tv.month) if 1 <= int(tv.month) <= 12 else 0
    elif tv is not None and tv.season is not None:
        month = _SEASON_MONTH[tv.season]
    return Anchor(date(1, month or 1, 1), "month" if month else "year", bc=int(year))


def _day_parts(value: str, whole: bool = True) -> tuple[int, int, int] | None:
    """(year, month, day) of a value naming one day ("2016-05-23"; with ``whole`` False
    also a clock time on it, "2016-05-23T16:00"), else None."""
    tv = timex3.parse(value)
    if tv is None or tv.kind != "date" or tv.bc or not tv.placed or tv.day is None:
        return None
    if whole and value != f"{tv.year}-{tv.month}-{tv.day}":
        return None
    return int(tv.year or 0), int(tv.month or 0), int(tv.day)


def _fmt(d: date, unit: str) -> str:
    return timex3.format_at(unit, d.year, d.month, d.day)


_UNKNOWN = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "half": "XXXX-HX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


def shift(d: date, unit: str, n: int) -> date:
    """``n`` units from ``d`` (see :func:`timeline.temporal.periods.shift`)."""
    if unit not in periods.UNITS:
        return d
    return periods.shift(d, unit, n)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - SENTENCE_REACH)
    s = lo
    for m in _SENT_END.finditer(text, lo, start + 1):  # the lookahead reads the first letter
        s = m.end()
    stop = min(len(text), end + SENTENCE_REACH)
    after = _SENT_END.search(text, end, stop)
    return s, (after.start() + 1 if after else stop)


def _last(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in text[lo:hi]: the nearest one before ``hi``."""
    last = None
    for last in pattern.finditer(text, lo, hi):  # noqa: B007 - the last one is kept
        pass
    return last


def tense(text: str, start: int, end: int, cues: Cues) -> str:
    """ "future" when the clause around a span speaks of what will happen, else "past".

    The nearest cue before the expression decides ("said Monday" / "will meet Monday");
    without one, the first cue after it. What the span is part of speaks first (see
    :func:`_tense_of_frame`), and "ahead" or "since" can come of it.
    """
    s, e = sentence_bounds(text, start, end)
    framed = _tense_of_frame(text, start, end, s, e, cues)
    if framed is not None:
        return framed
    s = max(s, start - CUE_REACH)
    last = _last(cues.cue, text, s, start)
    since = cues.since.search(text, max(s, start - SINCE_REACH), start)
    if since is not None and (
        last is None or last.lastgroup == "p" or last.start() < since.start()
    ):
        # "since protests began in March", "since the start of the outbreak in April":
        # what a span runs from has happened
        return "since"
    modal = _last(cues.modal, text, s, start)
    if modal is not None and (last is None or last.start() < modal.start()):
        return "future"
    if last is not None:
        if last.lastgroup == "f" and cues.had_been.search(
            text, max(s, last.start() - HAD_BEEN_REACH), last.start()
        ):
            return "past"  # "it had been due to expire Friday" is over
        return "future" if last.lastgroup == "f" else "past"
    return _tense_after(text, start, end, e, cues)


def _tense_of_frame(text: str, start: int, end: int, s: int, e: int, cues: Cues) -> str | None:
    """The tense what follows or leads the span gives it, whatever the verbs say: a
    possessive ("Friday's ruling"), a chronology entry, an event named by its date, a
    lead word ("by February", "since Monday"); None when there is none."""
    if cues.possessive.match(text, end):  # "Friday's ruling" has been made
        return "past"
    if s == start and _ENTRY.match(text, end):
        return "since"  # a dated entry of a chronology: "June 16 - BP agrees to ..."
    if cues.past_event.match(text, end):
        return "since"  # an event named by its date: "after the March 11 quake"
    lead = cues.lead_word.search(text, max(0, start - LEAD_REACH), start)
    if lead is None:
        return None
    word = lead[1].lower()  # "by February", "effective Feb. 1", "since Monday"
    if word not in cues.ahead:
        return "since" if word == cues.since_word else "past"
    # "Until Thursday, they had not called him a suspect" looks back, and so does
    # "By Monday, tar balls were washing up near the bridge"
    if cues.pluperfect.search(text, end, e) or (
        word == cues.by_word and cues.past_progressive.search(text, end, e)
    ):
        return "past"
    return "ahead"


def _tense_after(text: str, start: int, end: int, e: int, cues: Cues) -> str:
    """The tense of a clause with no cue before the span: the first cue after it, a
    deadline, else the tense of the sentences before."""
    after = text[end:e]
    fut_a = cues.future.search(after)
    past_a = cues.past.search(after)
    if fut_a and (not past_a or fut_a.start() < past_a.start()):
        return "future"
    if past_a:
        return "past"
    if cues.deadline.match(text, end):
        return "ahead"  # "set a Saturday deadline": a deadline is ahead unless told as past
    # a clause without a tense of its own ("In January, a week after the anniversary")
    # carries on the tense of the sentences before it
    last = _last(cues.cue, text, max(0, start - CARRY_TENSE), start)
    if last is not None:
        return "future" if last.lastgroup == "f" else "past"
    return "none"


class Resolver:
    def __init__(self, text: str, dct: str | None, domain: str, cues: Cues) -> None:
        self.cues = cues
        self.text = text
        self.domain = domain
        self.dct = _parse_date(dct) if dct else None
        self.last: Anchor | None = None
        self.last_day: Anchor | None = None
        self.last_quarter: tuple[int, int, int] | None = None  # (end offset, year, quarter)
        self.last_day_end: int | None = None
        self.last_end: int | None = None
        self.tense_budget = TENSE_BUDGET
        self.winter_ahead = False  # set while resolving a winter counted with the next year
        #: (year, month, day) of the dated name a yearless one is coordinated with
        #: ("March and April 1918"), set while resolving the yearless one
        self.partner: tuple[int, int, int] | None = None
        #: the day a span starts on, set while resolving a weekday that ends the span
        #: ("from 4 p.m. Saturday to 8 a.m. Sunday", "Wednesday night into early Thursday")
        self.span_from: date | None = None
        #: the last date named in news, even one that does not move the story ("not seen
        #: since August 14, 2005"): what "that day" points back to
        self.named: Anchor | None = None
        self.named_day: Anchor | None = None
        #: which comes first in the text's dates in figures ("" until looked up)
        self.numeric_order: str | None = ""

    # -- anchors -------------------------------------------------------------------
    def ref(self, need: str = "year", ctx: bool = False) -> Anchor | None:
        if self.domain != "narrative" and not ctx:
            return self.dct
        last, day = self.last, self.last_day
        if self.domain == "news":
            last, day = self.named, self.named_day
        # the last day named, unless the story has since moved to another month
        if (
            need == "day"
            and day is not None
            and (
                last is None
                or last.gran == "day"
                or (
                    not last.bc and (last.day.year, last.day.month) == (day.day.year, day.day.month)
                )
            )
        ):
            return day
        return last if last is not None else self.dct

    def note(self, value: str, raw: Raw | None = None) -> None:
        if raw is not None and "-4>" not in raw.value and "yearback" not in raw.value:
            self._note_quarter(value, raw)
        a = _parse_date(value)
        if a is None:
            return
        if (
            self.domain == "news"
            and raw is not None
            and self.cues.past_event.match(self.text, raw.end)
        ):
            return  # "as a result of the April 20 explosion" names an event; the story is elsewhere
        if self.domain == "news":
            self.named = a
            if a.gran == "day":
                self.named_day = a
        lo = max(0, raw.start - NO_ANCHOR_REACH) if raw is not None else 0
        if raw is not None and self.cues.no_anchor_before.search(self.text, lo, raw.start):
            return  # "until February 1945" looks ahead; the story stays where it was
        if raw is not None and self._in_passing(a, raw):
            return  # "a planned campaign in 1976" leaves the story in March 1975
        self.last = a
        self.last_end = raw.end if raw is not None else None
        if a.gran == "day":
            self.last_day = a
            self.last_day_end = raw.end if raw is not None else None

    def _note_quarter(self, value: str, raw: Raw) -> None:
        """Remember a quarter named ("1998-Q3"): later "the quarter" is the one reported."""
        tv = timex3.parse(value)
        if tv is None or tv.quarter is None or value != f"{tv.year}-Q{tv.quarter}":
            return
        if tv.year is None or not tv.year.isdigit():
            return
        year, quarter = int(tv.year or 0), int(tv.quarter)
        dct = self.dct.day if self.dct is not None else None
        back = (dct.year * 4 + (dct.month - 1) // 3) - (year * 4 + quarter - 1) if dct else 0
        if back <= REPORTED_BACK_QUARTERS:
            self.last_quarter = (raw.end, year, quarter)

    def _in_passing(self, a: Anchor, raw: Raw) -> bool:
        """A date a narrative names without going there.

        A bare year in parentheses is a label ("the Civil Constitution of the Clergy
        (1790)"). While the story is at a month or day, a bare year moves it only when it
        frames the sentence ("In 1941, ..."); one mentioned in passing does not: decades
        away, as a plan ("a planned campaign in 1976") or in a flashback ("that had
        invaded Burma in late 1943"). Nor does the end of a span
        ("lasted until the fall of Budapest in February 1945"), even at a finer grain.
        """
        last = self.last
        if self.domain != "narrative" or a.bc or last is None or last.bc:
            return False
        bare = a.gran == "year"
        text = self.text
        year, story = a.day.year, last.day.year
        if year == story or self.cues.year_frame.search(
            text, max(0, raw.start - YEAR_FRAME_REACH), raw.start
        ):
            return False
        if bare and text[raw.start - 1 : raw.start] == "(" and text[raw.end : raw.end + 1] == ")":
            return True  # a label, whatever the story's grain: "the Civil Constitution (1790)"
        if bare and last.gran == "year" and story - year > PASSING_YEAR_GAP:
            return True  # "the Estates-General of 1789 ... had last met in 1614"
        if last.gran not in ("month", "day"):
            return False
        if not bare and (a.gran not in ("month", "day") or "<" in raw.value):
            return False
        if bare and abs(year - story) > PASSING_YEAR_GAP:
            return True
        s, _ = sentence_bounds(text, raw.start, raw.end)
        lo = max(s, raw.start - PASSING_CUE_REACH)
        if year > story:
            if self.cues.until.search(text, lo, raw.start):
                return True
            return bare and self.cues.plan.search(text, lo, raw.start) is not None
        if not bare:
            return False
        if self.cues.pluperfect.search(text, lo, raw.start) is not None:
            return True
        # where the verb closes the clause ("ab 1941 ausgearbeitet worden war")
        _, e = sentence_bounds(text, raw.start, raw.end)
        return self.cues.flashback_after.search(text, raw.end, e) is not None

    # -- operations ----------------------------------------------------------------
    def resolve(self, raw: Raw) -> Raw:
        value = raw.value
        if "<" not in value:
            if raw.type in ("DATE", "TIME") and (value[:4].isdigit() or value[:2] == "BC"):
                self.note(value, raw)
            return raw
        mod = raw.mod
        self.winter_ahead = False
        out = _MARK.sub(lambda m: self._safe_op(m[1], m[2].split(), raw), value)
        if raw.type in ("DATE", "TIME") and out[:4].isdigit() and not self.winter_ahead:
            if self.domain == "news" or not self._looks_back(value, out):
                self.note(out, raw)
        return raw._replace(value=out, mod=mod, anchored=True)

    def _elsewhen(self, raw: Raw) -> bool:
        """A clock time told in the past just after a month or year that is not the DCT's
        ("a night out in December last year ... He sent a text at 2am"): its day is not
        the DCT, and not known."""
        last, dct = self.last, self.dct
        if last is None or dct is None or last.bc or self.last_end is None:
            return False
        if raw.start - self.last_end > ELSEWHEN_REACH:
            return False
        if last.gran not in ("year", "month", "quarter"):
            return False
        same = last.day.year == dct.day.year and (
            last.gran == "year"
            or (last.gran == "month" and last.day.month == dct.day.month)
            or (last.gran == "quarter" and (last.day.month - 1) // 3 == (dct.day.month - 1) // 3)
        )
        return not same and tense(self.text, raw.start, raw.end, self.cues) == "past"

    def _looks_back(self, value: str, out: str) -> bool:
        """A narrative glancing back a year or more ("the gains they achieved during the
        previous year", "just over a year earlier") stays where it is: the next "In
        January" is in the story's year, not the year looked back to."""
        last = self.last
        if last is None or last.bc or last.gran not in ("year", "month", "day"):
            return False
        m = _BACK_YEARS.fullmatch(value)
        return m is not None and len(out) == 4

    def _direction(self, raw: Raw, mode: str) -> str:
        if mode in ("last", "next", "this"):
            return mode
        if self.domain == "narrative":
            return "narrative"
        self.tense_budget -= 1
        if self.tense_budget < 0:  # degenerate input: thousands of bare names in a row
            return "none"
        return tense(self.text, raw.start, raw.end, self.cues)

    def _safe_op(self, op: str, args: list[str], raw: Raw) -> str:
        """The value a marker ``<op args>`` stands for; "XXXX" for an unknown operation or
        one that cannot be computed."""
        method: Callable[[list[str], Raw], str] | None = getattr(self, f"_op_{op}", None)
        if method is None:
            return "XXXX"
        try:
            return method(args, raw)
        except (ValueError, OverflowError, IndexError, KeyError):
            return "XXXX"

    # -- the markers, one method each: ``<op args>`` -> ``_op_<op>(args, raw)`` --------
    def _op_rel(self, args: list[str], raw: Raw, ctx: bool = False) -> str:
        """``<rel UNIT N>``: N units from the anchor."""
        unit, n = args[0], int(float(args[1]))
        a = self.ref("day" if unit in ("day", "week", "weekend") else "year", ctx=ctx)
        if a is None:
            return _UNKNOWN.get(unit, "XXXX")
        if a.bc:
            return _bc_shift(a, unit, n)
        if unit == "day" and a.gran in ("year", "month", "quarter"):
            # "three days later" after "April 1980": the day is not known
            month = f"{a.day.month:02d}" if a.gran == "month" else "XX"
            return f"{a.day.year:04d}-{month}-XX"
        return _fmt(shift(a.day, unit, n), unit)

    def _op_ctx(self, args: list[str], raw: Raw) -> str:
        """``<ctx UNIT N>``: N units from the last mentioned date."""
        return self._op_rel(args, raw, ctx=True)

    def _op_day(self, args: list[str], raw: Raw) -> str:
        """``<day>``: the day a clock time is on."""
        a = self.ref("day")
        if self.domain == "news" and self.cues.stamp_cue.search(
            self.text, max(0, raw.start - STAMP_REACH), raw.start
        ):
            a = self.dct  # "(Update 1:50 a.m. Cairo, ...)": when the entry was written
        elif self.domain == "news":
            # the day named just before ("On Friday ... at 10:35 a.m."), else the DCT
            near = self.last_day_end is not None and raw.start - self.last_day_end < DAY_NAMED_REACH
            a = self.last_day if near else self.dct
            if not near and self._elsewhen(raw):
                a = None  # "in December last year ... He sent a text at 2am"
        if a is None or a.gran != "day":
            return "XXXX-XX-XX"
        return a.day.isoformat()

    def _op_quarterref(self, args: list[str], raw: Raw) -> str:
        """``<quarterref N>``: N quarters from the one reported on."""
        y, q = self._reported_quarter(raw)
        if y is None:
            return "XXXX-QX"
        k = y * 4 + (q - 1) + int(args[0])
        return f"{k // 4:04d}-Q{k % 4 + 1}"

    def _op_quarterof(self, args: list[str], raw: Raw) -> str:
        """``<quarterof MM>``: the quarter a month falls in ("the quarter ended July 31")."""
        month = int(args[0])
        ym = self._in_year(raw, month, 1, "auto", "month")
        if not ym[:4].isdigit():
            return "XXXX-QX"
        return f"{ym[:4]}-Q{(month - 1) // 3 + 1}"

    def _op_quarternum(self, args: list[str], raw: Raw) -> str:
        """``<quarternum>``: the number of the quarter reported on."""
        y, q = self._reported_quarter(raw)
        return str(q) if y is not None else "X"

    def _op_yearback(self, args: list[str], raw: Raw) -> str:
        """``<yearback [REACH]>``: the quarter named just before, a year back; else the
        anchor's year before."""
        lq = self.last_quarter
        reach = int(args[0]) if args else YEARBACK_REACH
        if lq is not None and raw.start - lq[0] < reach:
            return f"{lq[1] - 1:04d}-Q{lq[2]}"
        a = self.ref("year")
        return f"{a.day.year - 1:04d}" if a else "XXXX"

    def _op_last(self, args: list[str], raw: Raw) -> str:
        """``<last>``: the last date named, at its own grain."""
        a = self.last if self.last is not None else self.ref("year")
        if a is None:
            return "XXXX"
        if a.bc:
            return f"BC{a.bc:04d}"
        return _fmt(a.day, a.gran if a.gran in ("day", "month", "week", "quarter") else "year")

    def _op_weekend(self, args: list[str], raw: Raw) -> str:
        """``<weekend>``: the weekend ahead, or the one just gone in a past-tense clause."""
        a = self.ref("day")
        if a is None or a.gran != "day":
            return "XXXX-WXX-WE"
        wd = a.day.isoweekday()
        if self._direction(raw, "auto") in ("future", "ahead", "narrative") or wd >= 6:
            return _fmt(a.day, "weekend")
        return _fmt(periods.shift(a.day, "week", -1), "weekend")

    def _op_dayof(self, args: list[str], raw: Raw) -> str:
        """``<dayof D>``: day D of the month last named ("April 6-7" -> the 7th)."""
        a = self.last
        if a is None or a.bc or a.gran not in ("day", "month"):
            return "XXXX-XX-XX"
        try:
            return date(a.day.year, a.day.month, int(args[0])).isoformat()
        except ValueError:
            return "XXXX-XX-XX"

    def _op_yearin(self, args: list[str], raw: Raw) -> str:
        """``<yearin YY>``: a two-figure year in the anchor's century, or the one before
        ("'89" in a story of 1790 is 1789; "'99" in one of 1917 is 1899)."""
        a = self.ref("year")
        if a is None or a.bc:
            return "XXXX"
        year = a.day.year // 100 * 100 + int(args[0])
        return f"{year - 100 if year > a.day.year + YEAR_AHEAD else year:04d}"

    def _op_numdate(self, args: list[str], raw: Raw) -> str:
        """``<numdate A B YEAR>``: a date in figures ("1/26/11", "26/01/11", "3/7/2014")."""
        return self._numeric_date(int(args[0]), int(args[1]), args[2])

    def _op_yearof(self, args: list[str], raw: Raw) -> str:
        """``<yearof>``: the anchor's year."""
        a = self.ref("year")
        return f"{a.day.year:04d}" if a else "XXXX"

    def _op_weekday(self, args: list[str], raw: Raw) -> str:
        """``<weekday D MODE>``: ISO weekday D."""
        return self._weekday(int(args[0]), _mode(args, 1), raw)

    def _op_month(self, args: list[str], raw: Raw) -> str:
        """``<month MM MODE>``."""
        return self._in_year(raw, int(args[0]), 1, _mode(args, 1), "month")

    def _op_nthweekday(self, args: list[str], raw: Raw) -> str:
        """``<nthweekday MM D N [FIRST] MODE>``: Thanksgiving, Election Day."""
        return self._nth_weekday(raw, [int(x) for x in args[:-1]], args[-1])

    def _op_easter(self, args: list[str], raw: Raw) -> str:
        """``<easter N MODE>``: a movable feast, N days from Easter Sunday."""
        return self._easter(raw, int(args[0]), _mode(args, 1))

    def _op_monthday(self, args: list[str], raw: Raw) -> str:
        """``<monthday MM DD MODE>`` (or ``<monthday MM-DD MODE>`` from a holiday table)."""
        parts = args[0].split("-") + args[1:] if "-" in args[0] else args
        month, day = int(parts[0]), int(parts[1])
        ymd = self._in_year(raw, month, day, _mode(parts, 2), "day")
        return self._weekday_year(raw, ymd, month, day)

    def _op_weekof(self, args: list[str], raw: Raw) -> str:
        """``<weekof MM DD MODE>``: the week a day falls in ("the week of March 6")."""
        ymd = self._in_year(raw, int(args[0]), int(args[1]), _mode(args, 2), "day")
        try:
            return _fmt(date.fromisoformat(ymd), "week")
        except ValueError:
            return f"{ymd[:4]}-WXX" if ymd[:4].isdigit() else "XXXX-WXX"

    def _op_season(self, args: list[str], raw: Raw) -> str:
        """``<season SS MODE [ctx]>``: "the following summer" after 2011 is ctx."""
        month = _SEASON_MONTH[args[0]]
        return self._in_year(raw, month, 1, _mode(args, 1), "season", ctx="ctx" in args[2:])

    def _op_quarter(self, args: list[str], raw: Raw) -> str:
        """``<quarter N MODE>``."""
        return self._in_year(raw, 3 * int(args[0]) - 2, 1, _mode(args, 1), "quarter")

    def _op_half(self, args: list[str], raw: Raw) -> str:
        """``<half N MODE>``."""
        return self._in_year(raw, 6 * int(args[0]) - 5, 1, _mode(args, 1), "half")

    # -- helpers of the operations -------------------------------------------------
    def _plan_cue(self, raw: Raw) -> bool:
        """Whether the future cue nearest before ``raw`` is a bare purpose ("to meet", "to
        visit"), which a past verb may govern, rather than "will" or "plans to"."""
        s, _ = sentence_bounds(self.text, raw.start, raw.end)
        last = _last(self.cues.cue, self.text, max(s, raw.start - CUE_REACH), raw.start)
        return last is not None and last.lastgroup == "f" and last[0].lower().startswith("to ")

    def _numeric_date(self, a: int, b: int, year_text: str) -> str:
        """A date in figures: month first as in American text unless the day must come first
        ("26/01/11"), or the text writes its other such dates day first; when both orders
        make a date and the text does not say, the one nearer the DCT (a page stamped
        "2/1/11" on 2011-02-07 is February 1st, not January 2nd); far from it, American."""
        year = int(year_text)
        dct = self.dct.day if self.dct is not None else None
        if len(year_text) == 2:
            pivot = (dct.year if dct else 2000) + YEAR_AHEAD  # "11/19/93" in 2008 is 1993
            year = pivot // 100 * 100 + year
            if year > pivot:
                year -= 100
        readings = []
        for month, day in ((a, b), (b, a)):
            try:
                readings.append(date(year, month, day))
            except ValueError:
                continue
        if not readings:
            return ""  # no date ("13/14/15"): left untagged
        if len(readings) == 2 and readings[0] != readings[1]:
            order = self._numeric_order()
            if order == "dmy":
                readings.reverse()
            elif order is None and dct is not None:
                near = sorted(readings, key=lambda d: abs((d - dct).days))
                if abs((near[0] - dct).days) <= NUMERIC_DATE_REACH:
                    readings = near
        return readings[0].isoformat()

    def _numeric_order(self) -> str | None:
        """ "mdy" or "dmy" when the text's other dates in figures say which comes first."""
        if self.numeric_order == "":
            mdy = dmy = 0
            for m in _NUMERIC_DATE.finditer(self.text):
                a, b = int(m[1]), int(m[2])
                mdy += a <= 12 < b
                dmy += b <= 12 < a
            self.numeric_order = "mdy" if mdy > dmy else "dmy" if dmy > mdy else None
        return self.numeric_order

    def _weekday_year(self, raw: Raw, ymd: str, month: int, day: int) -> str:
        """A day named with its weekday ("Thursday 16th April") is in the year, of the one
        chosen and the one either side, where that day is that weekday."""
        m = self.cues.lead_weekday.match(self.text, raw.start, raw.end)
        if m is None or not ymd[:4].isdigit():
            return ymd
        wd = self.cues.weekday_index[m[1].lower()[: self.cues.weekday_lead]]
        y = int(ymd[:4])
        for yy in (y, y - 1, y + 1):
            try:
                if date(yy, month, day).weekday() == wd:
                    return f"{yy:04d}{ymd[4:]}"
            except ValueError:
                continue
        return ymd

    def _reported_quarter(self, raw: Raw) -> tuple[int | None, int]:
        """The quarter a business story is about: the last one named, else the DCT's
        quarter some weeks back (results are reported after the quarter closes)."""
        lq = self.last_quarter
        if lq is not None and raw.start - lq[0] < REPORTED_QUARTER_REACH:
            # a quarter still running at the DCT is a forecast, not the one reported on
            ended = self.dct is None or (lq[1], lq[2]) < (
                self.dct.day.year,
                (self.dct.day.month - 1) // 3 + 1,
            )
            if ended:
                return lq[1], lq[2]
        a = self.ref("day")
        if a is None:
            return None, 0
        d = periods.shift(a.day, "day", -REPORT_LAG_DAYS) if a.gran == "day" else a.day
        return d.year, (d.month - 1) // 3 + 1

    def _nth_weekday(self, raw: Raw, spec: list[int], mode: str) -> str:
        """The n-th given weekday of a month (Thanksgiving: the 4th Thursday of November),
        in the year the anchor and tense pick; ``spec`` = month, weekday, n[, first day]."""
        month, wd, n = spec[0], spec[1], spec[2]
        first_day = spec[3] if len(spec) > 3 else 1
        year_value = self._in_year(raw, month, 1, mode, "month")
        if not year_value[:4].isdigit():
            return f"{year_value[:4]}-{month:02d}-XX"
        return periods.nth_weekday(int(year_value[:4]), month, wd, n, first_day).isoformat()

    def _easter(self, raw: Raw, offset: int, mode: str) -> str:
        """The feast ``offset`` days from Easter Sunday (Good Friday -2, Easter Monday 1)
        nearest the anchor, or the last one before it in a past-tense clause: its date
        moves, so the year is chosen by the feast's own date, not its month."""
        a = self.ref("day")
        if a is None:
            return "XXXX-XX-XX"
        days: list[date] = [
            periods.easter(y).add(days=offset) for y in range(a.day.year - 1, a.day.year + 2)
        ]
        if a.gran not in ("day", "week") or self.domain == "narrative":
            return days[1].isoformat()  # the anchor's year
        direction = self._direction(raw, mode)
        on = date(a.day.year, a.day.month, a.day.day)
        if direction == "next":
            pick = next(d for d in days if d > on)
        elif direction == "this":
            pick = days[1]
        elif direction in ("past", "last", "since"):
            pick = [d for d in days if d <= on][-1]
        else:
            # stories about a feast are written around it, and a future cue is no surer
            # ("the smell could be smelt at Land's End on Good Friday", of 1967): the nearest
            pick = min(days, key=lambda d: abs(d.toordinal() - on.toordinal()))
        return pick.isoformat()

    def _weekday(self, wd: int, mode: str, raw: Raw) -> str:
        if self.span_from is not None and mode == "auto":
            # the end of a span is the first such weekday after its start, whatever the tense
            return periods.weekday_near(self.span_from, wd, "next").isoformat()
        a = self.ref("day")
        if a is None or a.gran not in ("day", "week"):
            return f"XXXX-WXX-{wd}"
        direction = self._direction(raw, mode)
        if direction in ("future", "ahead", "narrative"):
            direction = "future"  # on or after the anchor
        elif direction not in ("last", "next", "this"):
            direction = "past"  # on or before
        return periods.weekday_near(a.day, wd, direction).isoformat()

    # -- a calendar name without its year ("in April", "the summer", "Q3") ------------
    def _in_year(
        self, raw: Raw, month: int, day: int, mode: str, unit: str, ctx: bool = False
    ) -> str:
        """The value of a ``unit`` (month, day, season, quarter, half) starting at
        ``month``/``day`` of a year found from a coordinated dated name, the anchor and the
        tense; ``ctx`` counts from the last date named even in news."""
        a = self.ref("year", ctx=ctx)
        winter = unit == "season" and month == WINTER_MONTH

        def fmt(year: int | str) -> str:
            return timex3.format_at(unit, year, month, day)

        if self.partner is not None and mode == "auto":
            # "between March and April 1918", "26 June - 4 August 1952", "Dec. 28 and
            # Jan. 3, 2014": the year written once serves both, a year back if the range
            # runs over the new year
            py, pm, pd = self.partner
            if winter:  # "the winter-spring of 1920"
                return fmt(py)
            return fmt(py if (month, day) <= (pm, pd) else py - 1)
        if a is None:
            return fmt("XXXX")
        if a.bc:
            if winter and a.gran == "month" and a.day.month >= AUTUMN_FROM:
                if self._direction(raw, mode) == "narrative" and a.bc > 1:
                    self.winter_ahead = True
                    return fmt(f"BC{a.bc - 1:04d}")  # the winter after an autumn, as below
            return fmt(f"BC{a.bc:04d}")
        direction = self._direction(raw, mode)
        if a.gran == "year":
            y = a.day.year
            return fmt(y + 1 if direction == "next" else y - 1 if direction == "last" else y)
        if direction == "narrative":
            if winter and a.day.month >= AUTUMN_FROM:
                # the winter after an autumn is counted with its new year, but the story
                # stays in its December until it names the new year
                self.winter_ahead = True
                return fmt(a.day.year + 1)
            # in the story's year: "In December 1941 ... In January" is more often 1942,
            # but counting forward so misplaces every date after one wrong step
            # (WikiWars value -0.003), so a story moves to a new year only by naming it
            return fmt(a.day.year)
        return fmt(self._year_by_tense(raw, a, direction, unit, month, day))

    def _year_by_tense(
        self, raw: Raw, a: Anchor, direction: str, unit: str, month: int, day: int
    ) -> int:
        """The year of a news date named without one: compare the period's position in the
        year with the anchor's, and step by the direction the clause looks in."""
        base = a.day
        y = base.year
        cur = (base.month, base.day) if unit == "day" else (base.month, 0)
        target = (month, day) if unit == "day" else (month, 0)
        if unit == "season" and month == WINTER_MONTH and base.month <= WINTER_ENDS:
            return y - 1 if direction != "next" else y
        if unit == "quarter" and direction not in ("last", "next", "this"):
            # business news names the quarter being reported on: the latest one begun
            return y if month <= base.month else y - 1
        if direction == "last":
            return y if target < cur else y - 1
        if direction == "next":
            return y if target > cur else y + 1
        if direction == "this":
            return y
        if direction == "future":
            if unit in ("day", "month") and target < cur and a.gran == "day":
                # a future cue that would put a date most of a year ahead, when the same
                # date was weeks ago, is a plan told in the past ("summoned his advisers to
                # meet with him on Sept. 14", written Nov. 5)
                ahead = (date(y + 1, month, min(day, 28)) - base).days
                back = (base - date(y, month, min(day, 28))).days
                if ahead > FAR_AHEAD_DAYS and back < NEAR_BACK_DAYS and self._plan_cue(raw):
                    return y
            return y if target >= cur else y + 1
        if direction == "since":  # on or before the anchor: "since March", "since May 2"
            return y if target <= cur else y - 1
        if unit == "season" and direction == "past":
            return y if target <= cur else y - 1  # told in the past: one begun by then
        if unit in CLOSEST_UNITS and direction in ("none", "past", "ahead"):
            return _nearest_year(base, month, direction)
        return y if target <= cur else y - 1


def _nearest_year(base: date, month: int, direction: str) -> int:
    """The year, of the anchor's and the ones either side, whose ``month`` is nearest the
    anchor; a past-tense clause weighs the future less, a deadline ("by February",
    "effective Feb. 1") the past."""
    y = base.year
    ahead_weight = FUTURE_PENALTY if direction == "past" else 1.0
    back_weight = FUTURE_PENALTY if direction == "ahead" else 1.0

    def distance(yy: int) -> tuple[float, bool]:
        d = (yy - y) * 12 + month - base.month
        return (d * ahead_weight if d > 0 else -d * back_weight, yy > y)

    return min((y - 1, y, y + 1), key=distance)


def _mode(args: list[str], i: int) -> str:
    """The MODE argument of a marker at position ``i`` (auto when left out)."""
    return args[i] if len(args) > i else "auto"


def _bc_shift(a: Anchor, unit: str, n: int) -> str:
    """N units from a date before the common era (``a.bc`` is its year)."""
    if unit == "year" and a.bc - n > 0:
        return f"BC{a.bc - n:04d}"
    if unit == "decade" and a.bc - 10 * n > 0:  # "the following decade": BC048
        return f"BC{(a.bc - 10 * n) // 10:03d}"
    if unit == "century" and a.bc - 100 * n > 0:
        return f"BC{(a.bc - 100 * n) // 100:02d}"
    if unit == "day":  # "that same day" in June 479 BC: BC0479-06-XX
        month = f"{a.day.month:02d}" if a.gran == "month" and n == 0 else "XX"
        return f"BC{a.bc:04d}-{month}-XX"
    return _UNKNOWN.get(unit, "XXXX")


#: a clock time still to be placed on its day: "<day>T18:50"
_DAY_CLOCK = re.compile(r"<day>T(\d\d):(\d\d)")


def _same_instant(first: str, second: str) -> str | None:
    """The day of ``second`` ("<day>T18:50") read as the instant ``first``
    ("2011-02-12T01:50") on another clock: zones differ by less than 12 hours, so the
    nearer way round the dial says which clock is ahead (Cairo's 01:50 is 18:50 in New
    York the day before). Pairs further apart (New York and Tokyo, 14 hours) are misread."""
    tv = timex3.parse(first)
    b = _DAY_CLOCK.match(second)
    if tv is None or b is None or _day_parts(first, whole=False) is None:
        return None
    if tv.hour is None or tv.minute is None:
        return None
    t1 = int(tv.hour) * 60 + int(tv.minute)
    t2 = int(b[1]) * 60 + int(b[2])
    ahead = (t1 - t2) % DAY_MINUTES  # how far the first clock is ahead of the second
    on = first[:10]
    day = date.fromisoformat(on)
    if ahead <= HALF_DAY_MINUTES:
        shift_days = 0 if t2 <= t1 else -1
    else:
        shift_days = 0 if t2 >= t1 else 1
    return periods.shift(day, "day", shift_days).isoformat() if shift_days else on


#: "the next day", "that day", "the following day": one day told from the story's last date
_CTX_DAY = re.compile(r"<ctx day -?\d+>")
#: an offset counted from the story's last date: "two days after", "three weeks before"
_CTX_OFFSET = re.compile(r"<ctx \w+ [+-]?[1-9]\d*>")
#: a day counted from now ("today", "this morning", "yesterday"): <rel day N>
_REL_DAY = re.compile(r"<rel day (-?\d+)>")
_QUOTE_MARKS = ('"', "\u201c", "\u201d", "\n")
_QUOTE = re.compile("[" + "".join(_QUOTE_MARKS) + "]")
_OPENING = ('"', "\u201c")
_CLOSING = ('"', "\u201d")
#: how far a quote may run from a "today" in it to its closing (or opening) mark
QUOTE_REACH = 400
#: the expressions after a quoted one looked at for the day of the report
QUOTE_LOOKAHEAD = 4


def _quote_end(text: str, start: int, end: int) -> int | None:
    """Where the quote that ``text[start:end]`` stands in closes (after its mark); None
    outside a quote, or in one that runs past a paragraph or ``QUOTE_REACH``."""
    before = text[max(0, start - QUOTE_REACH) : start]
    last = max(before.rfind(c) for c in _QUOTE_MARKS)
    if last < 0 or before[last] not in _OPENING:
        return None
    if before[last] == '"':  # straight quotes open and close: inside after an odd count
        paragraph = text[text.rfind("\n", 0, start) + 1 : start]
        if paragraph.count('"') % 2 == 0:
            return None
    closing = _QUOTE.search(text, end, end + QUOTE_REACH)
    return closing.end() if closing is not None and closing[0] in _CLOSING else None


def _full_day(value: str) -> date | None:
    """The calendar day of a value that names one ("2016-05-24", "2016-05-24T10:00")."""
    a = _parse_date(value[:10])
    return a.day if a is not None and a.gran == "day" and not a.bc else None


_APPOSED = re.compile(r",[ \t]*")
_WEEKDAY_AUTO = re.compile(r"<weekday \d auto>")


#: at most so many names share one year ("January, February, ... and December 1918")
MAX_COORDINATED = 12
#: a calendar name without a year, resolved in the year found by context
_YEARLESS = re.compile(r"<(?:month|monthday|season|quarter|half) [^>]*\bauto>")


def _month_or_year(value: str) -> tuple[str, str | None] | None:
    """The year and month as written of a value that is a year or a month ("1999",
    "1999-01"), else None."""
    tv = timex3.parse(value)
    if tv is None or tv.kind != "date" or tv.bc or tv.year is None or not tv.year.isdigit():
        return None
    month = tv.month if tv.month is not None and tv.month.isdigit() else None
    written = f"{tv.year}-{month}" if month else tv.year
    return (tv.year, month) if value == written else None


def _dated_position(value: str) -> tuple[int, int, int] | None:
    """(year, month, day) of where a dated name sits in its year: 1918-04 (1918, 4, 0),
    1952-08-04 (1952, 8, 4), 1943-SU (1943, 6, 0), 1989-Q3 (1989, 9, 0) by the last month
    of a quarter or half; None for a bare year or an undated value."""
    tv = timex3.parse(value)
    if tv is None or tv.kind != "date" or tv.bc or tv.year is None or not tv.year.isdigit():
        return None
    y = int(tv.year)
    if tv.month is not None:
        if not tv.month.isdigit():
            return None
        return y, int(tv.month), int(tv.day) if tv.day is not None and tv.day.isdigit() else 0
    if tv.season is not None:
        return y, _SEASON_MONTH[tv.season], 0
    if tv.quarter is not None:
        return y, 3 * int(tv.quarter), 0
    if tv.half is not None:
        return y, 6 * int(tv.half), 0
    return None


def _partner_year(raws: list[Raw], i: int, text: str, cues: Cues) -> tuple[int, int, int] | None:
    """The year of the dated name that a chain of yearless names starting at ``raws[i]``
    leads to ("March, April and May 1918"), with that name's month and day."""
    j = i
    stop = min(len(raws), i + MAX_COORDINATED)  # a list of names, not a text of them
    while j + 1 < stop and cues.coordinated.fullmatch(text, raws[j].end, raws[j + 1].start):
        j += 1
        if "<" not in raws[j].value and raws[j].type == "DATE":
            position = _dated_position(raws[j].value)
            if position is not None:
                return position
        if not _YEARLESS.fullmatch(raws[j].value):
            return None
    return None


@dataclass
class _Pass:
    """One resolution pass over a document's expressions in text order: each step below
    settles ``raws[i]`` (and perhaps the next one) into ``out`` when its neighbour does,
    and returns the index to go on from; None when it does not apply."""

    r: Resolver
    raws: list[Raw]
    text: str
    out: list[Raw | None]

    def run(self) -> list[Raw]:
        steps = (
            self._yearless,
            self._time_then_day,
            self._apposed_day,
            self._apposed_offset,
            self._weekday_in,
            self._other_clock,
            self._span_end,
        )
        i, n = 0, len(self.raws)
        while i < n:
            for step in steps:
                after = step(i)
                if after is not None:
                    i = after
                    break
            else:
                self.out[i] = self.r.resolve(self.raws[i])
                i += 1
        if self.r.domain == "news":
            for i in range(len(self.raws)):
                self._quoted_day(i)
        return [x for x in self.out if x is not None]

    def _quoted_day(self, i: int) -> None:
        """A day counted from now inside a quote ('"We leave today," he said on Tuesday')
        counts from the day the text says it was said, when the report names that day."""
        m = _REL_DAY.match(self.raws[i].value)
        done = self.out[i]
        if m is None or done is None:
            return
        said = self._reported_day(i)
        if said is not None:
            day = shift(said, "day", int(m[1]))
            self.out[i] = done._replace(value=_fmt(day, "day") + self.raws[i].value[m.end() :])

    def _reported_day(self, i: int) -> date | None:
        """The day of the report that follows the quote ``raws[i]`` stands in: the closing
        quote, the report ('," he said on '), then a resolved day right there."""
        raw, text = self.raws[i], self.text
        closing = _quote_end(text, raw.start, raw.end)
        if closing is None:
            return None
        report = self.r.cues.quote_report.match(text, closing)
        if report is None:
            return None
        for j in range(i + 1, min(len(self.raws), i + QUOTE_LOOKAHEAD)):
            after = self.out[j]
            if self.raws[j].start == report.end() and after is not None:
                return _full_day(after.value)
        return None

    def _next_date(self, i: int, between: re.Pattern[str]) -> bool:
        """Whether ``raws[i + 1]`` is a DATE joined to ``raws[i]`` by ``between``."""
        raws = self.raws
        return (
            i + 1 < len(raws)
            and raws[i + 1].type == "DATE"
            and between.fullmatch(self.text, raws[i].end, raws[i + 1].start) is not None
        )

    def _yearless(self, i: int) -> int | None:
        """A calendar name coordinated with a dated one takes its year ("in August and
        September 1914", "from October to March 1945")."""
        raw = self.raws[i]
        if raw.type != "DATE" or not _YEARLESS.fullmatch(raw.value):
            return None
        self.r.partner = _partner_year(self.raws, i, self.text, self.r.cues)
        self.out[i] = self.r.resolve(raw)
        self.r.partner = None
        return i + 1

    def _time_then_day(self, i: int) -> int | None:
        """A clock time whose day follows it lands on that day ("at 10:35 a.m. (0735 GMT)
        Friday"): the day is resolved first."""
        raw = self.raws[i]
        if not raw.value.startswith("<day>") or not self._next_date(i, self.r.cues.time_then_day):
            return None
        self.out[i + 1] = self.r.resolve(self.raws[i + 1])
        self.out[i] = self.r.resolve(raw)
        return i + 2

    def _apposed_day(self, i: int) -> int | None:
        """ "The next day, Jan. 28, he disappeared": the date in apposition says which day."""
        raw = self.raws[i]
        if raw.type != "DATE" or not _CTX_DAY.fullmatch(raw.value):
            return None
        if not self._next_date(i, _APPOSED):
            return None
        named = self.r.resolve(self.raws[i + 1])
        if _day_parts(named.value) is not None:
            self.out[i] = raw._replace(value=named.value, anchored=True)
        else:
            self.out[i] = self.r.resolve(raw)
        self.out[i + 1] = named
        return i + 2

    def _apposed_offset(self, i: int) -> int | None:
        """ "On 27 June 1950, two days after the KPA invaded": the offset, counted from an
        event the story has not dated, is told of the date it is apposed to."""
        raw = self.raws[i]
        before = self.out[i - 1] if i > 0 else None
        if raw.type != "DATE" or not _CTX_OFFSET.fullmatch(raw.value) or before is None:
            return None
        if not _APPOSED.fullmatch(self.text, self.raws[i - 1].end, raw.start):
            return None
        if _day_parts(before.value) is None:
            return None
        self.out[i] = raw._replace(value=before.value, anchored=True)
        return i + 1

    def _weekday_in(self, i: int) -> int | None:
        """ "a Saturday night in January 1999": a day of that month, not of the DCT's week."""
        raw = self.raws[i]
        if not _WEEKDAY_AUTO.match(raw.value) or not self._next_date(i, self.r.cues.weekday_in):
            return None
        within = self.r.resolve(self.raws[i + 1])
        day = self.r.resolve(raw)
        placed = _month_or_year(within.value)
        if placed is not None and not day.value.startswith(within.value):
            year, month = placed
            tail = _WEEKDAY_AUTO.sub("", raw.value)
            day = day._replace(value=f"{year}-{month or 'XX'}-XX{tail}")
        self.out[i], self.out[i + 1] = day, within
        return i + 2

    def _other_clock(self, i: int) -> int | None:
        """ "(Update 1:50 a.m. Cairo, 6:50 p.m. ET)": one instant on two clocks."""
        raw, prev = self.raws[i], self.out[i - 1] if i else None
        if prev is None or not raw.value.startswith("<day>T"):
            return None
        before = self.raws[i - 1]
        if not before.value.startswith("<day>T"):
            return None
        if not self.r.cues.other_clock.fullmatch(self.text, before.end, raw.start):
            return None
        day = _same_instant(prev.value, raw.value)
        if day is None:
            return None
        resolved = self.r.resolve(raw._replace(value=raw.value.replace("<day>", day, 1)))
        self.out[i] = resolved._replace(anchored=True)
        return i + 1

    def _span_end(self, i: int) -> int | None:
        """A weekday ending a span of weekdays is the first one after its start ("from
        4 p.m. Saturday to 8 a.m. Sunday")."""
        raw, prev = self.raws[i], self.out[i - 1] if i else None
        if prev is None or not _WEEKDAY_AUTO.match(raw.value):
            return None
        before = self.raws[i - 1]
        if "<weekday" not in before.value:  # not "from Sept. 14 to Thursday"
            return None
        if not self.r.cues.span_to.fullmatch(self.text, before.end, raw.start):
            return None
        parts = _day_parts(prev.value, whole=False)
        if parts is None:
            return None
        self.r.span_from = date(*parts)
        self.out[i] = self.r.resolve(raw)
        self.r.span_from = None
        return i + 1


def resolve_all(raws: list[Raw], text: str, dct: str | None, domain: str, cues: Cues) -> list[Raw]:
    """Resolve in text order, each expression against the story so far, except where a
    neighbour settles it:

    - a calendar name coordinated with a dated one takes its year ("in August and
      September 1914", "from October to March 1945");
    - a clock time whose day follows it lands on that day ("at 10:35 a.m. (0735 GMT) Friday");
    - "the next day" with a date in apposition is that date ("The next day, Jan. 28, ...");
    - a weekday placed in a month or year is a day of it ("a Saturday night in January 1999");
    - a second clock joined to a first by a place is the same instant ("1:50 a.m. Cairo,
      6:50 p.m. ET");
    - a weekday ending a span of weekdays is the first one after its start ("from 4 p.m.
      Saturday to 8 a.m. Sunday");
    - an offset apposed to a date is that date ("On 27 June 1950, two days after ...");
    - in news, a day counted from now inside a quote counts from the day the report names
      ('"We leave today," he said on Tuesday').
    """
    state = _Pass(Resolver(text, dct, domain, cues), raws, text, [None] * len(raws))
    return state.run()
