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
from dataclasses import dataclass
from datetime import date

from timeline.temporal import periods
from timeline.temporal.extract import Raw

_MARK = re.compile(r"<(\w+)((?: [\w+-]+)*)>")
_FUTURE = re.compile(
    # a passive or perfect future takes its participle along: "will be held", "to be named"
    # ("would only be available in September"), but "to be a pivotal moment" is no plan
    # "was found to be suffering", "is said to be hiding" report a state, no plan
    r"\b(?:(?:will|would|shall|['\u2019]ll|(?<!found )(?<!said )(?<!believed )(?<!thought )"
    r"(?<!known )(?<!reported )(?<!seemed )(?<!seems )(?<!appeared )(?<!appears )to) "
    r"(?:not |only |also |still |then |soon |probably |likely |never |first |just )?"
    r"(?:be|have been) "
    r"(?!(?:a|an|the|his|her|its|their|our|my|your|this|that|one|part)\b)[a-z]+\b|"
    r"will|won['\u2019]t|wo n't|shall|['\u2019]ll|going to|gonna|plans? to|planned to|"
    r"planning to|scheduled|expected to|expects? to|is to|are to|set to|intends? to|"
    # "due to" a noun phrase is a cause ("due to a wet, cool spring"), not a plan
    r"due to(?! (?:the|a|an|its|his|her|their|this|that|these|those|our|my|your|some|any|"
    r"no|[a-z]+(?:ing|ion|ions|ness|ment|ity|ies|ed))\b)|"
    # "the next day" is told from the story ("The next day, Jan. 28, he disappeared")
    r"to be held|(?:is|are|['\u2019]s) due|upcoming|"
    r"next(?! to| (?:day|morning|afternoon|evening|night)\b)|would be|to meet|to vote|"
    r"to visit|to travel|to begin|"
    # a cue takes a passive along too: "is to be held", "expected to be named"
    r"to leave|to return|to arrive|as soon as|until|postponed)\b(?: (?:be|have been) [a-z]+\b)?",
    re.IGNORECASE,
)
#: a possibility looks ahead from the clause it opens ("oil could reach the coast Friday"),
#: but not from a later clause or sentence ("Obama's March decision could be altered")
_MODAL = re.compile(
    # "could not" mostly reports a failure ("could not be reached for comment Friday")
    r"\b(?:(?:could|might|(?-i:may))(?: well)?|(?:might|(?-i:may)) not) (?!have\b|not\b)[a-z]+|"
    r"\b(?:(?:un)?likely|poised|ready|about) to\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:said|was|were|had|did|told|reported|announced|ago|last|earlier|"
    # irregular past tenses that are no other common word ("set", "cut", "left" are)
    # with a prefix too: "overthrew", "undertook", "upheld", "outran", "foresaw"
    r"(?:over|under|up|out|fore|with|re)?(?:brought|took|went|came|held|ran|threw|saw|"
    r"stood|drew|wrote|sold|sent|told|won)|"
    r"brought|began|took|made|went|came|gave|got|held|lost|met|paid|ran|rose|fell|sold|"
    r"sought|spent|stood|struck|thought|won|wrote|became|bought|caught|fought|found|kept|"
    r"meant|sent|spoke|knew|grew|drew|flew|threw|broke|chose|drove|withdrew|sank|stole|"
    r"taught|tore|woke|wore|swore|led|slid|swung|fled|froze|dealt|shrank|sprang|spun|slept|"
    # "United" is no past tense, nor "succeed", "need", "exceed" or "hundred"
    r"agreed|disagreed|freed|guaranteed|(?-i:[a-z]+(?<!e)(?<!hundr)ed))\b",
    re.IGNORECASE,
)
_LEAD_WORD = re.compile(
    r"\b(by|through|until|till|effective|starting|beginning|since|ahead of|before)\s+"
    r"(?:(?:early|late|mid)[- ]?\s*)?\Z",
    re.IGNORECASE,
)
_AHEAD_WORDS = {
    "by",
    "through",
    "until",
    "till",
    "effective",
    "starting",
    "beginning",
    "ahead of",
    "before",
}
_CUE = re.compile(rf"(?P<f>{_FUTURE.pattern})|(?P<p>{_PAST.pattern})", re.IGNORECASE)
_SENT_END = re.compile(r"[.!?][\"'\u201d)]*\s+(?=[A-Z\"'\u201c(])|\n\s*\n")
#: a date opening a sentence or line and followed by a dash heads a chronology entry
_ENTRY = re.compile(r"[ \t]*[-\u2013\u2014][ \t]")
#: a disaster named by its date has happened: "the March 11 quake", "the April 20 blast"
_PAST_EVENT = re.compile(
    r"(?:['\u2019]s)?[ \t]+(?:[a-z]+[ \t]+)?(?:earth)?(?:quake|tsunami|attacks?|disaster|"
    r"explosion|blast|bombings?|massacre|shootings?|crash|spill|uprising|revolution|coup|"
    r"raid|killings?|accident|blowout|assassination|invasion)\b"
)
#: "since" earlier in the clause: "the toll since protests began in March"
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
_DEADLINE = re.compile(r"['\u2019]?s?[ \t]+deadline\b", re.IGNORECASE)
SINCE_REACH = 80
_NO_ANCHOR_BEFORE = re.compile(r"\b(?:until|till|since)\s+\Z", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_LEAD_WEEKDAY = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s", re.IGNORECASE
)
_WEEKDAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_HAD_BEEN = re.compile(r"\bhad(?: been)?\s+\Z")
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
#: a bare year opening its sentence or heading ("In 1941,", "By early 1941", "1918\n")
#: sets the narrative year; elsewhere it may be a year named in passing
_YEAR_FRAME = re.compile(
    r"(?:^|[.!?;:]\s+|\n\s*)(?:(?:In|By|During|Until|Since|From|After|Before|Through|"
    r"Throughout|Early in|Late in|At the (?:start|end|beginning) of)\s+)?"
    r"(?:(?:early|late|mid-?)\s*)?\Z"
)
#: a plan or forecast: "a planned campaign in 1976", "a withdrawal date sometime in 2008"
_PLAN = re.compile(
    r"\b(?:plann?(?:ed|ing)|scheduled|projected|expected|intended|proposed|would|will|"
    r"shall|sometime|deadline)\b",
    re.IGNORECASE,
)
#: what was going on by a day: "By Monday, tar balls were washing up"
_PAST_PROGRESSIVE = re.compile(r"\b(?:was|were)(?: still| already)? [a-z]+ing\b")
_UNTIL = re.compile(r"\b(?:until|till)\b", re.IGNORECASE)
#: a flashback in the past perfect: "troops that had invaded Burma in late 1943"
_PLUPERFECT = re.compile(r"\bhad(?: not| never| already)? (?:been )?\w+(?:ed|en|un|wn|ght)\b")
#: a bare year further than this from the story's month names another era ("declassified
#: in 2005" in a story of 1964)
PASSING_YEAR_GAP = 10
#: a relative year counted back from the story: "<ctx year -1>"
_BACK_YEARS = re.compile(r"<(?:ctx|rel) year -\d+>")
CLOSEST_UNITS = ("day", "month", "quarter", "season")
FUTURE_PENALTY = 3.0
#: a future cue is not believed for a day or month this far ahead (days) when the same
#: name, counted back, is this recent
FAR_AHEAD_DAYS = 240
NEAR_BACK_DAYS = 75
_YMD = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_YWD = re.compile(r"(\d{4})-W(\d\d)(?:-(\d))?")
_YQ = re.compile(r"\d{4}-Q(\d)")
_YQ_FULL = re.compile(r"(\d{4})-Q([1-4])")
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_BC_PART = re.compile(r"-(?:(0[1-9]|1[0-2])|(SP|SU|FA|WI))")


@dataclass
class Anchor:
    """The reference point: a date and the precision it was stated with."""

    day: date
    gran: str  # "year", "month", "day"
    bc: int = 0  # a year before the common era (BC0480 -> 480); ``day`` is then a dummy


def _parse_date(value: str) -> Anchor | None:
    if value.startswith("BC") and value[2:6].isdigit() and int(value[2:6]) > 0:
        # the day is a dummy in year 1; its month keeps a season or month when one is named
        mb = _BC_PART.match(value, 6)
        month = (int(mb[1]) if mb[1] else _SEASON_MONTH[mb[2]]) if mb else 1
        return Anchor(date(1, month, 1), "month" if mb else "year", bc=int(value[2:6]))
    m = _YMD.match(value)
    if not m:
        m2 = _YWD.match(value)
        if m2:
            try:
                d = date.fromisocalendar(int(m2[1]), int(m2[2]), int(m2[3] or 1))
            except ValueError:
                return None
            return Anchor(d, "day" if m2[3] else "week")
        return None
    try:
        y = int(m[1])
        if m[3]:
            return Anchor(date(y, int(m[2]), int(m[3])), "day")
        if m[2]:
            return Anchor(date(y, int(m[2]), 1), "month")
        mq = _YQ.match(value)
        if mq:
            return Anchor(date(y, 3 * int(mq[1]) - 2, 1), "quarter")
        return Anchor(date(y, 1, 1), "year")
    except ValueError:
        return None


def _fmt(d: date, unit: str) -> str:
    if unit == "day":
        return d.isoformat()
    if unit == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if unit == "weekend":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}-WE"
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


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
    lo = max(0, start - 300)
    s = lo
    for m in _SENT_END.finditer(text, lo, start + 1):  # the lookahead reads the first letter
        s = m.end()
    m = _SENT_END.search(text, end, min(len(text), end + 300))
    e = m.start() + 1 if m else min(len(text), end + 300)
    return s, e


def tense(text: str, start: int, end: int) -> str:
    """ "future" when the clause around a span speaks of what will happen, else "past".

    The nearest cue before the expression decides ("said Monday" / "will meet Monday");
    without one, the first cue after it.
    """
    s, e = sentence_bounds(text, start, end)
    if _POSSESSIVE.match(text, end):  # "Friday's ruling" has been made
        return "past"
    if s == start and _ENTRY.match(text, end):
        return "since"  # a dated entry of a chronology: "June 16 - BP agrees to ..."
    if _PAST_EVENT.match(text, end):
        return "since"  # an event named by its date: "after the March 11 quake"
    lead = _LEAD_WORD.search(text, max(0, start - 20), start)
    if lead is not None:  # "by February", "effective Feb. 1", "since Monday"
        word = lead[1].lower()
        if word in _AHEAD_WORDS:
            # "Until Thursday, they had not called him a suspect" looks back, and so does
            # "By Monday, tar balls were washing up near the bridge"
            if _PLUPERFECT.search(text, end, e) or (
                word == "by" and _PAST_PROGRESSIVE.search(text, end, e)
            ):
                return "past"
            return "ahead"
        return "since" if word == "since" else "past"
    s = max(s, start - 200)
    last = None
    for last in _CUE.finditer(text, s, start):  # noqa: B007 - the last cue is the nearest
        pass
    since = _SINCE.search(text, max(s, start - SINCE_REACH), start)
    if since is not None and (
        last is None or last.lastgroup == "p" or last.start() < since.start()
    ):
        # "since protests began in March", "since the start of the outbreak in April":
        # what a span runs from has happened
        return "since"
    modal = None
    for modal in _MODAL.finditer(text, s, start):  # noqa: B007 - the nearest one
        pass
    if modal is not None and (last is None or last.start() < modal.start()):
        return "future"
    if last is not None:
        if last.lastgroup == "f" and _HAD_BEEN.search(
            text, max(s, last.start() - 12), last.start()
        ):
            return "past"  # "it had been due to expire Friday" is over
        return "future" if last.lastgroup == "f" else "past"
    after = text[end:e]
    fut_a = _FUTURE.search(after)
    past_a = _PAST.search(after)
    if fut_a and (not past_a or fut_a.start() < past_a.start()):
        return "future"
    if past_a:
        return "past"
    if _DEADLINE.match(text, end):
        return "ahead"  # "set a Saturday deadline": a deadline is ahead unless told as past
    # a clause without a tense of its own ("In January, a week after the anniversary")
    # carries on the tense of the sentences before it
    for last in _CUE.finditer(text, max(0, start - CARRY_TENSE), start):  # noqa: B007
        pass
    if last is not None:
        return "future" if last.lastgroup == "f" else "past"
    return "none"


class Resolver:
    def __init__(self, text: str, dct: str | None, domain: str) -> None:
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
        if self.domain == "narrative" or ctx:
            last, day = self.last, self.last_day
            if self.domain == "news":
                last, day = self.named, self.named_day
            if need == "day" and day is not None:
                # the last day named, unless the story has since moved to another month
                if (
                    last is None
                    or last.gran == "day"
                    or (
                        not last.bc
                        and (last.day.year, last.day.month) == (day.day.year, day.day.month)
                    )
                ):
                    return day
            if last is not None:
                return last
            return self.dct
        return self.dct

    def note(self, value: str, raw: Raw | None = None) -> None:
        mq = _YQ_FULL.fullmatch(value)
        if mq and raw is not None and "-4>" not in raw.value and "yearback" not in raw.value:
            year, quarter = int(mq[1]), int(mq[2])
            dct = self.dct.day if self.dct is not None else None
            back = (dct.year * 4 + (dct.month - 1) // 3) - (year * 4 + quarter - 1) if dct else 0
            if back <= 4:  # further back it is the year-ago comparison, not the one reported
                self.last_quarter = (raw.end, year, quarter)
        a = _parse_date(value)
        if a is None:
            return
        if self.domain == "news" and raw is not None and _PAST_EVENT.match(self.text, raw.end):
            return  # "as a result of the April 20 explosion" names an event; the story is elsewhere
        if self.domain == "news":
            self.named = a
            if a.gran == "day":
                self.named_day = a
        lo = max(0, raw.start - 12) if raw is not None else 0
        if raw is not None and _NO_ANCHOR_BEFORE.search(self.text, lo, raw.start):
            return  # "until February 1945" looks ahead; the story stays where it was
        if raw is not None and self._in_passing(a, raw):
            return  # "a planned campaign in 1976" leaves the story in March 1975
        self.last = a
        self.last_end = raw.end if raw is not None else None
        if a.gran == "day":
            self.last_day = a
            self.last_day_end = raw.end if raw is not None else None

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
        if year == story or _YEAR_FRAME.search(text, max(0, raw.start - 24), raw.start):
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
        lo = max(s, raw.start - 150)
        if year > story:
            if _UNTIL.search(text, lo, raw.start):
                return True
            return bare and _PLAN.search(text, lo, raw.start) is not None
        return bare and _PLUPERFECT.search(text, lo, raw.start) is not None

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
        if raw.start - self.last_end > 1000 or last.gran not in ("year", "month", "quarter"):
            return False
        same = last.day.year == dct.day.year and (
            last.gran == "year"
            or (last.gran == "month" and last.day.month == dct.day.month)
            or (last.gran == "quarter" and (last.day.month - 1) // 3 == (dct.day.month - 1) // 3)
        )
        return not same and tense(self.text, raw.start, raw.end) == "past"

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
        return tense(self.text, raw.start, raw.end)

    def _safe_op(self, op: str, args: list[str], raw: Raw) -> str:
        try:
            return self._op(op, args, raw)
        except (ValueError, OverflowError, IndexError, KeyError):
            return "XXXX"

    def _op(self, op: str, args: list[str], raw: Raw) -> str:
        if op in ("rel", "ctx"):
            unit, n = args[0], int(float(args[1]))
            a = self.ref("day" if unit in ("day", "week", "weekend") else "year", ctx=op == "ctx")
            if a is None:
                return _UNKNOWN.get(unit, "XXXX")
            if a.bc:
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
            if unit == "day" and a.gran in ("year", "month", "quarter"):
                # "three days later" after "April 1980": the day is not known
                month = f"{a.day.month:02d}" if a.gran == "month" else "XX"
                return f"{a.day.year:04d}-{month}-XX"
            return _fmt(shift(a.day, unit, n), unit)
        if op == "day":
            a = self.ref("day")
            if self.domain == "news" and _STAMP_CUE.search(
                self.text, max(0, raw.start - 24), raw.start
            ):
                a = self.dct  # "(Update 1:50 a.m. Cairo, ...)": when the entry was written
            elif self.domain == "news":
                # the day named just before ("On Friday ... at 10:35 a.m."), else the DCT
                near = self.last_day_end is not None and raw.start - self.last_day_end < 250
                a = self.last_day if near else self.dct
                if not near and self._elsewhen(raw):
                    a = None  # "in December last year ... He sent a text at 2am"
            if a is None or a.gran != "day":
                return "XXXX-XX-XX"
            return a.day.isoformat()
        if op == "quarterref":
            y, q = self._reported_quarter(raw)
            if y is None:
                return "XXXX-QX"
            k = y * 4 + (q - 1) + int(args[0])
            return f"{k // 4:04d}-Q{k % 4 + 1}"
        if op == "quarterof":  # the quarter a month falls in: "the quarter ended July 31"
            ym = self._in_year(raw, int(args[0]), 1, "auto", "month")
            if not ym[:4].isdigit():
                return "XXXX-QX"
            return f"{ym[:4]}-Q{(int(args[0]) - 1) // 3 + 1}"
        if op == "quarternum":
            y, q = self._reported_quarter(raw)
            return str(q) if y is not None else "X"
        if op == "yearback":
            lq = self.last_quarter
            reach = int(args[0]) if args else 400
            if lq is not None and raw.start - lq[0] < reach:
                return f"{lq[1] - 1:04d}-Q{lq[2]}"
            a = self.ref("year")
            return f"{a.day.year - 1:04d}" if a else "XXXX"
        if op == "last":
            a = self.last if self.last is not None else self.ref("year")
            if a is None:
                return "XXXX"
            if a.bc:
                return f"BC{a.bc:04d}"
            return _fmt(a.day, a.gran if a.gran in ("day", "month", "week", "quarter") else "year")
        if op == "weekend":
            a = self.ref("day")
            if a is None or a.gran != "day":
                return "XXXX-WXX-WE"
            wd = a.day.isoweekday()
            if self._direction(raw, "auto") in ("future", "ahead", "narrative") or wd >= 6:
                return _fmt(a.day, "weekend")
            return _fmt(periods.shift(a.day, "week", -1), "weekend")
        if op == "dayof":  # day D of the month last named: "April 6-7" -> the 7th
            a = self.last
            if a is None or a.bc or a.gran not in ("day", "month"):
                return "XXXX-XX-XX"
            try:
                return date(a.day.year, a.day.month, int(args[0])).isoformat()
            except ValueError:
                return "XXXX-XX-XX"
        if op == "yearin":  # "'89" in a story of 1790 is 1789; "'99" in one of 1917 is 1899
            a = self.ref("year")
            if a is None or a.bc:
                return "XXXX"
            year = a.day.year // 100 * 100 + int(args[0])
            return f"{year - 100 if year > a.day.year + 10 else year:04d}"
        if op == "numdate":  # "1/26/11", "26/01/11", "3/7/2014"
            return self._numeric_date(int(args[0]), int(args[1]), args[2])
        if op == "yearof":
            a = self.ref("year")
            return f"{a.day.year:04d}" if a else "XXXX"
        if op == "weekday":
            return self._weekday(int(args[0]), args[1] if len(args) > 1 else "auto", raw)
        if op == "month":
            return self._in_year(
                raw, int(args[0]), 1, args[1] if len(args) > 1 else "auto", "month"
            )
        if op == "nthweekday":
            return self._nth_weekday(raw, [int(x) for x in args[:-1]], args[-1])
        if op == "easter":  # a movable feast, N days from Easter Sunday
            return self._easter(raw, int(args[0]), args[1] if len(args) > 1 else "auto")
        if op == "monthday":
            if "-" in args[0]:  # "<monthday 12-25 auto>" from a holiday table
                args = args[0].split("-") + args[1:]
            month, day = int(args[0]), int(args[1])
            ymd = self._in_year(raw, month, day, args[2] if len(args) > 2 else "auto", "day")
            return self._weekday_year(raw, ymd, month, day)
        if op == "weekof":  # "the week of March 6": the week that day falls in
            ymd = self._in_year(
                raw, int(args[0]), int(args[1]), args[2] if len(args) > 2 else "auto", "day"
            )
            try:
                return _fmt(date.fromisoformat(ymd), "week")
            except ValueError:
                return f"{ymd[:4]}-WXX" if ymd[:4].isdigit() else "XXXX-WXX"
        if op == "season":  # "<season SU next ctx>": "the following summer" after 2011
            return self._in_year(
                raw,
                _SEASON_MONTH[args[0]],
                1,
                args[1] if len(args) > 1 else "auto",
                "season",
                args[0],
                ctx="ctx" in args[2:],
            )
        if op == "quarter":
            return self._in_year(
                raw,
                3 * int(args[0]) - 2,
                1,
                args[1] if len(args) > 1 else "auto",
                "quarter",
                args[0],
            )
        if op == "half":
            return self._in_year(
                raw, 6 * int(args[0]) - 5, 1, args[1] if len(args) > 1 else "auto", "half", args[0]
            )
        return "XXXX"

    def _plan_cue(self, raw: Raw) -> bool:
        """Whether the future cue nearest before ``raw`` is a bare purpose ("to meet", "to
        visit"), which a past verb may govern, rather than "will" or "plans to"."""
        s, _ = sentence_bounds(self.text, raw.start, raw.end)
        last = None
        for last in _CUE.finditer(self.text, max(s, raw.start - 200), raw.start):  # noqa: B007
            pass
        return last is not None and last.lastgroup == "f" and last[0].lower().startswith("to ")

    def _numeric_date(self, a: int, b: int, year_text: str) -> str:
        """A date in figures: month first as in American text unless the day must come first
        ("26/01/11"), or the text writes its other such dates day first; when both orders
        make a date and the text does not say, the one nearer the DCT (a page stamped
        "2/1/11" on 2011-02-07 is February 1st, not January 2nd); far from it, American."""
        year = int(year_text)
        dct = self.dct.day if self.dct is not None else None
        if len(year_text) == 2:
            pivot = (dct.year if dct else 2000) + 10  # "11/19/93" in 2008 is 1993
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
        m = _LEAD_WEEKDAY.match(self.text, raw.start, raw.end)
        if m is None or not ymd[:4].isdigit():
            return ymd
        wd = _WEEKDAY_INDEX[m[1].lower()[:3]]
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
        if lq is not None and raw.start - lq[0] < 2000:
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
        days = [periods.easter(y).add(days=offset) for y in range(a.day.year - 1, a.day.year + 2)]
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
            pick = min(days, key=lambda d: abs((d - on).days))
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

    def _in_year(
        self, raw: Raw, month: int, day: int, mode: str, unit: str, label: str = "",
        ctx: bool = False,
    ) -> str:
        a = self.ref("year", ctx=ctx)

        def fmt(year: int | str) -> str:
            ys = year if isinstance(year, str) else f"{year:04d}"
            if unit == "month":
                return f"{ys}-{month:02d}"
            if unit == "day":
                return f"{ys}-{month:02d}-{day:02d}"
            if unit == "season":
                return f"{ys}-{label}"
            if unit == "quarter":
                return f"{ys}-Q{label}"
            return f"{ys}-H{label}"

        if self.partner is not None and mode == "auto":
            # "between March and April 1918", "26 June - 4 August 1952", "Dec. 28 and
            # Jan. 3, 2014": the year written once serves both, a year back if the range
            # runs over the new year
            py, pm, pd = self.partner
            if unit == "season" and label == "WI":  # "the winter-spring of 1920"
                return fmt(py)
            return fmt(py if (month, day) <= (pm, pd) else py - 1)
        if a is None:
            return fmt("XXXX")
        if a.bc:
            if unit == "season" and label == "WI" and a.gran == "month" and a.day.month >= 9:
                if self._direction(raw, mode) == "narrative" and a.bc > 1:
                    self.winter_ahead = True
                    return fmt(f"BC{a.bc - 1:04d}")  # the winter after an autumn, as above
            return fmt(f"BC{a.bc:04d}")
        base = a.day
        y = base.year
        direction = self._direction(raw, mode)
        if a.gran == "year":
            return fmt(y + 1 if direction == "next" else y - 1 if direction == "last" else y)
        if direction == "narrative":
            if unit == "season" and label == "WI" and base.month >= 9:
                # the winter after an autumn is counted with its new year, but the story
                # stays in its December until it names the new year
                self.winter_ahead = True
                return fmt(y + 1)
            # in the story's year: "In December 1941 ... In January" is more often 1942,
            # but counting forward so misplaces every date after one wrong step
            # (WikiWars value -0.003), so a story moves to a new year only by naming it
            return fmt(y)
        # compare the period's position in the year with the anchor's
        cur = (base.month, base.day) if unit == "day" else (base.month, 0)
        target = (month, day) if unit == "day" else (month, 0)
        if unit in ("quarter", "season", "half"):
            if unit == "season" and label == "WI" and base.month <= 2:
                return fmt(y - 1) if direction != "next" else fmt(y)
        if unit == "quarter" and direction not in ("last", "next", "this"):
            # business news names the quarter being reported on: the latest one begun
            return fmt(y if month <= base.month else y - 1)
        if direction == "last":
            return fmt(y if target < cur else y - 1)
        if direction == "next":
            return fmt(y if target > cur else y + 1)
        if direction == "this":
            return fmt(y)
        if direction == "future":
            if unit in ("day", "month") and target < cur and a.gran == "day":
                # a future cue that would put a date most of a year ahead, when the same
                # date was weeks ago, is a plan told in the past ("summoned his advisers to
                # meet with him on Sept. 14", written Nov. 5)
                ahead = (date(y + 1, month, min(day, 28)) - base).days
                back = (base - date(y, month, min(day, 28))).days
                if ahead > FAR_AHEAD_DAYS and back < NEAR_BACK_DAYS and self._plan_cue(raw):
                    return fmt(y)
            return fmt(y if target >= cur else y + 1)
        if direction == "since":  # on or before the anchor: "since March", "since May 2"
            return fmt(y if target <= cur else y - 1)
        if unit == "season" and direction == "past":
            return fmt(y if target <= cur else y - 1)  # told in the past: one begun by then
        if unit in CLOSEST_UNITS and direction in ("none", "past", "ahead"):
            # the occurrence nearest the anchor; a past-tense clause weighs the future less,
            # a deadline ("by February", "effective Feb. 1") the past
            penalty = FUTURE_PENALTY if direction == "past" else 1.0
            back = FUTURE_PENALTY if direction == "ahead" else 1.0

            def distance(yy: int) -> tuple[float, bool]:
                d = (yy - y) * 12 + month - base.month
                return (d * penalty if d > 0 else -d * back, yy > y)

            return fmt(min((y - 1, y, y + 1), key=distance))
        return fmt(y if target <= cur else y - 1)


#: what may stand between a clock time and the day it is on: "10:35 a.m. (0735 GMT) Friday",
#: "5 p.m. EST, Nov. 6", "9 a.m. local time on Monday", "10:30 a.m. ET on May 8",
#: "5:34 AM Baghdad time on March 20, 2003"
_TIME_THEN_DAY = re.compile(
    r"[ \t]*(?:(?:local time|[A-Z]{1,3}T|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[ \t]time)\b[ \t]*)?"
    r"(?:\([^()\n]{0,30}\))?[ \t]*,?[ \t]*"
    r"(?:on[ \t]+)?"
)


#: an entry's stamp on a live page or blog: "(Update 10:15 p.m. in Cairo", "Posted at 9:02"
_STAMP_CUE = re.compile(
    r"(?:\b(?:[Uu]pdated?|UPDATED?|[Pp]osted|POSTED)(?:[ \t]+(?:at|on))?[ \t]*:?[ \t]*)\Z"
)
#: between two clocks of one instant: "1:50 a.m. Cairo, 6:50 p.m. ET", "9 p.m. in Cairo
#: (3 p.m. ET)", "10 a.m. local time / 0800 GMT"
_OTHER_CLOCK = re.compile(
    r"[ \t]*(?:(?:in[ \t]+)?[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?(?:[ \t]time)?|local[ \t]time)"
    r"[ \t]*[,(/;][ \t\n]*"
)
_CLOCK_VALUE = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d):(\d\d)")


def _same_instant(first: str, second: str) -> str | None:
    """The day of ``second`` ("<day>T18:50") read as the instant ``first``
    ("2011-02-12T01:50") on another clock: zones differ by less than 12 hours, so the
    nearer way round the dial says which clock is ahead (Cairo's 01:50 is 18:50 in New
    York the day before). Pairs further apart (New York and Tokyo, 14 hours) are misread."""
    a = _CLOCK_VALUE.match(first)
    b = re.match(r"<day>T(\d\d):(\d\d)", second)
    if a is None or b is None:
        return None
    t1 = int(a[2]) * 60 + int(a[3])
    t2 = int(b[1]) * 60 + int(b[2])
    ahead = (t1 - t2) % (24 * 60)  # how far the first clock is ahead of the second
    day = date.fromisoformat(a[1])
    if ahead <= 12 * 60:
        shift_days = 0 if t2 <= t1 else -1
    else:
        shift_days = 0 if t2 >= t1 else 1
    return periods.shift(day, "day", shift_days).isoformat() if shift_days else a[1]


#: what joins the start of a span to its end: "Saturday to Sunday", "Wednesday night into
#: early Thursday", "Monday-Friday"
_SPAN_TO = re.compile(
    r"[ \t]*(?:to|until|till|through|thru|into|[-\u2013\u2014])[ \t]*(?:(?:early|late)[ \t]+)?",
    re.IGNORECASE,
)
#: "the next day", "that day", "the following day": one day told from the story's last date
_CTX_DAY = re.compile(r"<ctx day -?\d+>")
_APPOSED = re.compile(r",[ \t]*")
_DAY_VALUE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_WEEKDAY_AUTO = re.compile(r"<weekday \d auto>")
#: a weekday placed in a month or year: "a Saturday night in January 1999"
_WEEKDAY_IN = re.compile(r"[ \t]+(?:in|of|during)[ \t]+(?:(?:early|late|mid-?)[ \t]*)?")
_MONTH_OR_YEAR = re.compile(r"(\d{4})(?:-(\d\d))?")


#: what joins two calendar names that share the year written after the second
_COORDINATED = re.compile(
    r"[ \t]*(?:,[ \t]*(?:(?:and|or)[ \t]+)?"
    r"|(?:and|or|to|through|thru|until|till|into|[-\u2013\u2014/])[ \t]*)"
)
#: at most so many names share one year ("January, February, ... and December 1918")
MAX_COORDINATED = 12
#: a calendar name without a year, resolved in the year found by context
_YEARLESS = re.compile(r"<(?:month|monthday|season|quarter|half) [^>]*\bauto>")
#: a date with its year and a position in it: 1918-04, 1952-08-04, 1943-SU, 1989-Q3
_DATED = re.compile(r"(\d{4})-(?:(\d\d)(?:-(\d\d))?|(SP|SU|FA|WI)|Q([1-4])|H([12]))")


def _partner_year(raws: list[Raw], i: int, text: str) -> tuple[int, int, int] | None:
    """The year of the dated name that a chain of yearless names starting at ``raws[i]``
    leads to ("March, April and May 1918"), with that name's month and day."""
    j = i
    stop = min(len(raws), i + MAX_COORDINATED)  # a list of names, not a text of them
    while j + 1 < stop and _COORDINATED.fullmatch(text, raws[j].end, raws[j + 1].start):
        j += 1
        m = _DATED.fullmatch(raws[j].value) or _DATED.match(raws[j].value)
        if m and "<" not in raws[j].value and raws[j].type == "DATE":
            if m[2]:
                return int(m[1]), int(m[2]), int(m[3] or 0)
            if m[4]:
                return int(m[1]), _SEASON_MONTH[m[4]], 0
            if m[5]:
                return int(m[1]), 3 * int(m[5]), 0
            return int(m[1]), 6 * int(m[6]), 0
        if not _YEARLESS.fullmatch(raws[j].value):
            return None
    return None


def resolve_all(raws: list[Raw], text: str, dct: str | None, domain: str) -> list[Raw]:
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
      Saturday to 8 a.m. Sunday").
    """
    r = Resolver(text, dct, domain)
    out: list[Raw | None] = [None] * len(raws)
    i, n = 0, len(raws)
    while i < n:
        raw = raws[i]
        if raw.type == "DATE" and _YEARLESS.fullmatch(raw.value):
            r.partner = _partner_year(raws, i, text)
            out[i] = r.resolve(raw)
            r.partner = None
            i += 1
            continue
        if (
            i + 1 < n
            and raw.value.startswith("<day>")
            and raws[i + 1].type == "DATE"
            and _TIME_THEN_DAY.fullmatch(text, raw.end, raws[i + 1].start)
        ):
            out[i + 1] = r.resolve(raws[i + 1])
            out[i] = r.resolve(raw)
            i += 2
            continue
        if (
            i + 1 < n
            and raw.type == "DATE"
            and _CTX_DAY.fullmatch(raw.value)
            and raws[i + 1].type == "DATE"
            and _APPOSED.fullmatch(text, raw.end, raws[i + 1].start)
        ):
            # "The next day, Jan. 28, he disappeared": the date in apposition says which day
            named = r.resolve(raws[i + 1])
            if _DAY_VALUE.fullmatch(named.value):
                out[i] = raw._replace(value=named.value, anchored=True)
                out[i + 1] = named
                i += 2
                continue
            out[i] = r.resolve(raw)
            out[i + 1] = named
            i += 2
            continue
        if (
            i + 1 < n
            and _WEEKDAY_AUTO.match(raw.value)
            and raws[i + 1].type == "DATE"
            and _WEEKDAY_IN.fullmatch(text, raw.end, raws[i + 1].start)
        ):
            # "a Saturday night in January 1999": a day of that month, not of the DCT's week
            within = r.resolve(raws[i + 1])
            day = r.resolve(raw)
            m = _MONTH_OR_YEAR.fullmatch(within.value)
            if m and not day.value.startswith(within.value):
                month = m[2] or "XX"
                tail = _WEEKDAY_AUTO.sub("", raw.value)
                day = day._replace(value=f"{m[1]}-{month}-XX{tail}")
            out[i], out[i + 1] = day, within
            i += 2
            continue
        prev = out[i - 1] if i else None
        if (
            prev is not None
            and raw.value.startswith("<day>T")
            and raws[i - 1].value.startswith("<day>T")
            and _OTHER_CLOCK.fullmatch(text, raws[i - 1].end, raw.start)
            and (day := _same_instant(prev.value, raw.value)) is not None
        ):
            # "(Update 1:50 a.m. Cairo, 6:50 p.m. ET)": one instant on two clocks
            out[i] = r.resolve(raw._replace(value=raw.value.replace("<day>", day, 1)))
            out[i] = out[i]._replace(anchored=True)
            i += 1
            continue
        if (
            prev is not None
            and _WEEKDAY_AUTO.match(raw.value)
            and "<weekday" in raws[i - 1].value  # not "from Sept. 14 to Thursday"
            and _SPAN_TO.fullmatch(text, raws[i - 1].end, raw.start)
            and (m := _DAY_VALUE.match(prev.value))
        ):
            r.span_from = date(int(m[1]), int(m[2]), int(m[3]))
            out[i] = r.resolve(raw)
            r.span_from = None
            i += 1
            continue
        out[i] = r.resolve(raw)
        i += 1
    return [x for x in out if x is not None]
