"""First pass: find time expression spans and fill in their value templates.

A value template is literal text with ``{...}`` slots: ``{G}`` is the text of group G,
``{f:G1,G2}`` applies function or table ``f`` to groups G1, G2. What cannot be known
from the expression alone is left as a ``<op args>`` marker for the second pass
(:mod:`timeline.temporal.anchor`), e.g. "yesterday" -> ``<rel day -1>``, "Monday" ->
``<weekday 1 auto>``, "in April" -> ``<month 04 auto>``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from timeline.temporal.rules import MAX_MATCH, Resources, Rule, Trigger

_SPACES = re.compile(r"\s+")
_SLOT = re.compile(r"\{(?:(\w+):)?([\w,]*)\}")


class Raw(NamedTuple):
    """A span found by a rule, value possibly still underspecified."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None
    quant: str | None
    freq: str | None
    utc_offset: str | None
    rule: str
    priority: int
    order: int
    anchored: bool = False


#: a scale word from here on closes a group of a number in words ("five thousand two")
THOUSAND = 1000
#: a fractional count back in a unit, as a whole count of the next finer unit
_FINER = {
    "100Y": ("year", 100.0),
    "10Y": ("year", 10.0),
    "Y": ("month", 12.0),
    "M": ("week", 52 / 12),
    "W": ("day", 7.0),
}


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


class Templates:
    """Evaluates value templates with the built-in functions and the norm tables."""

    def __init__(self, res: Resources) -> None:
        self.tables = res.tables
        self.cues = res.cues
        self.numbers = {k: float(v) for k, v in res.tables["number"].items()}
        self.scales = {k: float(v) for k, v in res.tables["numscale"].items()}
        self.funcs: dict[str, Callable[..., str | None]] = {
            "num": self.num,
            "dur": self.dur,
            "durx": lambda u: self.dur(None, u, count="X"),
            "durhalf": lambda n, u: self.dur(n, u, half=True) if n else self.dur(None, u),
            "year": self.year,
            "year2": self.year2,
            "wordyear": self.wordyear,
            "day": self.day,
            "clock": self.clock,
            "utcoff": self.utcoff,
            "lower": lambda s: s.lower() if s else None,
            "decade": self.decade,
            "century": self.century,
            "hour": self.hour,
            "pad2": lambda s: f"{int(s):02d}" if s and s.isdigit() else None,
            "pad3": lambda s: f"{int(s):03d}" if s and s.isdigit() else None,
            "pad4": lambda s: f"{int(s):04d}" if s and s.isdigit() else None,
            "neg": self.neg,
            "agofrac": self.agofrac,
            "negyears": self.negyears,
            "dayopt": lambda d: "" if d is None else (f"-{self.day(d)}" if self.day(d) else None),
            "vaguedir": lambda a, b=None: self.tables["vaguedir"].get((a or b or "").lower()),
        }

    def table(self, name: str, text: str | None) -> str | None:
        if text is None:
            return None
        key = _SPACES.sub(" ", text.lower().strip(" .-"))
        return self.tables[name].get(key)

    def parse_number(self, text: str | None) -> float | None:
        """ "five" -> 5, "twenty-four" -> 24, "1,200" -> 1200, "2 1/2" -> 2.5, "a" -> 1
        (the number words are the language's ``norm/number.tsv`` and ``numscale.tsv``)."""
        if text is None:
            return None
        t = re.sub(r"\s+", " ", text.strip().lower())
        t = t.replace(self.cues.thousands_mark, "").replace(self.cues.decimal_mark, ".")
        if not t:
            return None
        frac = self.cues.number_fraction.fullmatch(t)
        if frac:
            return int(frac[1]) + int(frac[2]) / int(frac[3])
        half = self.cues.number_half.fullmatch(t)
        if half:
            base = self.parse_number(half[1])
            return None if base is None else base + 0.5
        try:
            return float(t)
        except ValueError:
            pass
        if t in self.numbers:
            return self.numbers[t]
        total = 0.0
        current = 0.0
        for word in re.split(r"[ -]+", t):
            if not word or word in self.cues.number_joiners:
                continue
            if word in self.numbers:
                current += self.numbers[word]
            elif word in self.scales and self.scales[word] < THOUSAND:
                current = (current or 1) * self.scales[word]
            elif word in self.scales:
                total += (current or 1) * self.scales[word]
                current = 0
            else:
                return None
        return total + current

    # -- built-ins -------------------------------------------------------------------
    def num(self, text: str | None) -> str | None:
        if text is None:
            return None
        if self.table("vague", text) is not None:
            return "X"
        n = self.parse_number(text)
        return None if n is None else _fmt_num(n)

    def neg(self, text: str | None) -> str | None:
        n = self.num(text)
        if n is None or n == "X" or "." in n:
            return None
        return "-" + n

    def agofrac(self, text: str | None, unit: str | None, half: str | None = None) -> str | None:
        """ "two and a half", "years" -> "<rel month -30>": a fractional count of units back,
        as a whole count of the next finer unit ("a decade and a half" -> 15 years)."""
        n = self.parse_number(text)
        if n is None or unit is None:
            return None
        n += 0.5 if half else 0.0
        u = unit.lower()
        for head, code in self.cues.back_units.items():
            if u.startswith(head) and code in _FINER:
                finer, factor = _FINER[code]
                count = round(n * factor)
                if finer == "month" and count % 12 == 0:
                    return f"<rel year {-count // 12}>"
                return f"<rel {finer} {-count}>"
        return None

    def negyears(self, text: str | None, unit: str | None) -> str | None:
        """ "four", "decades" -> "-40": a count of decades or centuries back, in years."""
        n = self.neg(text)
        if n is None or unit is None:
            return None
        return str(int(n) * (100 if self._unit_code(unit) == "100Y" else 10))

    def dur(
        self, num: str | None, unit: str | None, count: str | None = None, half: bool = False
    ) -> str | None:
        """ "five", "year" -> "P5Y"; None number -> 1; "several" -> "X"; ``count`` given
        ("X") instead of a number; ``half``: and a half ("five and a half years")."""
        if unit is None:
            return None
        code = self._unit_code(unit)
        if code is None:
            return None
        plural = unit.lower().endswith("s")
        if count is None and not half and num is not None and plural:
            if num.strip().lower() in self.cues.articles:
                return None  # "a years"
        if count is None and not half and num is not None and _YEAR_LIKE.fullmatch(num.strip()):
            return None  # "the 1988 quarter" names a year
        n_text = count or (self.num(num) if num is not None else "1")
        if n_text is None or (half and n_text == "X"):
            return None
        if half:
            n_text = _fmt_num(float(n_text) + 0.5)
        m = _UNIT_CODE.fullmatch(code)
        if not m:
            return None
        time_part, mult, designator = m[1], m[2], m[3][-1]
        if n_text == "X":
            if designator == "Y" and mult == "10":
                return "PXDE"
            if designator == "Y" and mult == "100":
                return "PXCE"
            return f"PT{'X'}{designator}" if time_part else f"PX{designator}"
        n = float(n_text) * (int(mult) if mult else 1)
        if n != int(n):
            return _fractional_duration(n, designator, bool(time_part))
        return f"PT{_fmt_num(n)}{designator}" if time_part else f"P{_fmt_num(n)}{designator}"

    def _unit_code(self, unit: str) -> str | None:
        """The duration code of a unit word ("years" -> "Y", "decade" -> "10Y")."""
        code = self.table("unit", re.sub(r"(?:s|ies)$", "", unit.lower()) or unit)
        if code is None:
            code = self.table("unit", unit.lower().rstrip("s"))
        for stem, stem_code in self.cues.unit_stems.items():
            if code is None and unit.lower().startswith(stem):
                code = stem_code
        return code

    @staticmethod
    def year(text: str | None) -> str | None:
        if text is None:
            return None
        digits = re.sub(r"\D", "", text)
        if len(digits) == 4:
            return digits
        if len(digits) == 2:
            return ("20" if int(digits) < 30 else "19") + digits
        return None

    def year2(self, text: str | None) -> str | None:
        return self.year(text)

    def wordyear(self, text: str | None) -> str | None:
        """ "nineteen ninety-six" -> 1996, "two thousand" -> 2000, "twenty ten" -> 2010."""
        if text is None:
            return None
        t = re.sub(r"\s+", " ", text.lower().strip())
        m = self.cues.wordyear_thousands.fullmatch(t)
        if m:
            rest = self.parse_number(m[1]) if m[1] else 0
            return None if rest is None else f"{2000 + int(rest):04d}"
        m = self.cues.wordyear_hundreds.fullmatch(t)
        if m:
            head = self.parse_number(m[1])
            tail = self.parse_number(self.cues.wordyear_filler.sub("", m[2]))
            if head is not None and tail is not None and 10 <= head <= 20 and tail < 100:
                return f"{int(head) * 100 + int(tail):04d}"
        return None

    def _small_ordinal(self, text: str | None) -> int | None:
        """ "20", "20th" or "twentieth" -> 20."""
        if text is None:
            return None
        t = text.lower().strip()
        m = re.match(r"(\d{1,2})", t)
        if m:
            return int(m[1])
        o = self.table("ordinal", t)
        return int(o) if o else None

    def day(self, text: str | None) -> str | None:
        n = self._small_ordinal(text)
        if n is None or not 1 <= n <= 31:
            return None
        return f"{n:02d}"

    def decade(self, text: str | None) -> str | None:
        """ "1990s" -> "199", "'80s" -> "198", "eighties" -> "198"."""
        if text is None:
            return None
        t = text.lower()
        m = re.search(r"(\d{2,4})", t)
        if m:
            d = m[1]
            if len(d) == 4:
                return d[:3]
            return ("19" if int(d) >= 30 else "20") + d[0]
        for w, v in self.tables["decadeword"].items():
            if w in t:
                return v
        return None

    def century(self, text: str | None) -> str | None:
        """ "20th" / "twentieth" -> "19"."""
        n = self._small_ordinal(text)
        if n is None or not 1 <= n <= 30:
            return None
        return f"{n - 1:02d}"

    def _hour24(self, h: str | None, ap: str | None) -> int | None:
        if h is None:
            return None
        t = h.lower()
        n = self.parse_number(t) if not t.isdigit() else int(t)
        if n is None:
            return None
        hour = int(n)
        if len(t) == 4 and t.isdigit():
            hour = int(t[:2])
        if ap:
            a = ap.lower().replace(".", "").replace(" ", "")
            a = self.tables["dayhalf"].get(a, a)
            if a.startswith("p") and hour < 12:
                hour += 12
            elif a.startswith("a") and hour == 12:
                hour = 0
        return hour if 0 <= hour <= 24 else None

    def hour(self, h: str | None, ap: str | None = None) -> str | None:
        hour = self._hour24(h, ap)
        return None if hour is None else f"{hour:02d}"

    def clock(self, h: str | None, m: str | None = None, ap: str | None = None) -> str | None:
        """ "9", "00", "am" -> "09:00"; "0600" -> "06:00"."""
        if h and len(h) == 4 and h.isdigit() and m is None:
            h, m = h[:2], h[2:]
        hour = self._hour24(h, ap)
        if hour is None:
            return None
        minute = int(m) if m and m.isdigit() else 0
        if minute > 59:
            return None
        return f"{hour:02d}:{minute:02d}"

    def utcoff(
        self,
        h: str | None,
        m: str | None,
        ap: str | None,
        gh: str | None,
        gm: str | None = None,
    ) -> str | None:
        """Local clock and the same instant in GMT -> "+03:00"."""
        local = self.clock(h, m, ap)
        utc = self.clock(gh, gm, None)
        if local is None or utc is None:
            return None
        lm = int(local[:2]) * 60 + int(local[3:])
        um = int(utc[:2]) * 60 + int(utc[3:])
        diff = (lm - um + 12 * 60) % (24 * 60) - 12 * 60
        sign = "+" if diff >= 0 else "-"
        diff = abs(diff)
        return f"{sign}{diff // 60:02d}:{diff % 60:02d}"

    # -- evaluation ------------------------------------------------------------------
    def fill(self, template: str | None, groups: dict[str, str | None]) -> str | None:
        """Fill a template; None when a slot cannot be filled."""
        if template is None:
            return None
        failed = False

        def slot(m: re.Match[str]) -> str:
            nonlocal failed
            fname, args = m[1], m[2].split(",") if m[2] else []
            vals = [groups.get(a) for a in args]
            if fname is None:
                out = vals[0] if vals else None
            elif fname in self.funcs:
                out = self.funcs[fname](*vals)
            elif fname in self.tables:
                out = self.table(fname, next((v for v in vals if v is not None), None))
            else:
                raise KeyError(f"unknown template function {fname}")
            if out is None:
                failed = True
                return ""
            return out

        result = _SLOT.sub(slot, template)
        return None if failed else result


#: a unit's duration code: "T" for clock units, a multiple, the designator ("10Y", "TH")
_UNIT_CODE = re.compile(r"(T?)(\d*)([A-Z]+)")
#: a number that is a year: "the 1988 quarter"
_YEAR_LIKE = re.compile(r"(?:1[0-9]|20)[0-9]{2}")


def _fractional_duration(n: float, designator: str, clock: bool) -> str | None:
    """A count with a fraction, the fraction in the next smaller unit: 1.5 years "P1Y6M",
    2.5 days "P2DT12H", half an hour "PT30M"; None where there is no smaller unit."""
    whole = int(n)
    rest = n - whole
    sub: dict[str, tuple[int | None, str | None]] = {
        "Y": (12, "M"),
        "D": (24, "H"),
        "H": (60, "M"),
        "M": (None, None),
    }
    if clock and designator == "S":
        return f"PT{_fmt_num(round(n, 3))}S"  # seconds are the smallest unit: "PT30.4S"
    if clock:
        sub = {"H": (60, "M"), "M": (60, "S")}
    factor, small = sub.get(designator, (None, None))
    if factor is None or small is None:
        return None
    part = _fmt_num(round(rest * factor, 3))
    if clock or designator == "D":
        head = f"P{whole}{designator}" if designator == "D" and whole else "P"
        if designator == "D":
            return f"{head}T{part}{small}" if whole else f"PT{part}{small}"
        return f"PT{whole}{designator}{part}{small}" if whole else f"PT{part}{small}"
    return f"P{whole}{designator}{part}{small}" if whole else f"P{part}{small}"


MAX_WIDEN = 20_000
#: a modifier ("early", "about") stands within this many characters before what it widens
MODIFIER_REACH = 40
_DAY_VALUE = re.compile(
    r"(?:^\d{4}-\d\d-\d\d|<(?:monthday|weekday|nthweekday) [^>]*>|<(?:rel|ctx) day [^>]*>)\Z"
)
#: matches one rule may contribute (only absurd input reaches it)
MAX_CANDIDATES = 150_000
_BLANK_AHEAD = re.compile(r"\s")
#: a window closes on the next blank within this many characters (no word is cut)
WORD_REACH = 64


def trigger_windows(trigger: Trigger, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Disjoint stretches of text[start:end] within MAX_MATCH of a trigger hit, each
    ending on a blank so no word is cut in two."""
    out: list[tuple[int, int]] = []
    cur_lo = cur_hi = -1

    def close(lo: int, hi: int) -> None:
        if hi < end:
            b = _BLANK_AHEAD.search(text, hi, min(end, hi + WORD_REACH))
            hi = b.start() if b else min(end, hi + WORD_REACH)
        if out and lo <= out[-1][1]:
            lo = out.pop()[0]
        out.append((lo, hi))

    for t_start, t_end in trigger.hits(text, start, end):
        lo = max(start, t_start - MAX_MATCH)
        hi = min(end, t_end + MAX_MATCH)
        if lo <= cur_hi:
            cur_hi = hi
            continue
        if cur_hi >= 0:
            close(cur_lo, cur_hi)
        cur_lo, cur_hi = lo, hi
    if cur_hi >= 0:
        close(cur_lo, cur_hi)
    return out


try:  # how ``re`` compares characters ignoring case (CPython internals)
    from _sre import unicode_tolower as _re_lower  # type: ignore[import-not-found]
    from re import _casefix  # type: ignore[attr-defined]

    _RE_FIXES = frozenset(
        code for key, alts in _casefix._EXTRA_CASES.items() for code in (key, *alts)
    )
except (ImportError, AttributeError):  # another Python: only ASCII takes the lower-case path
    _re_lower = None
    _RE_FIXES = frozenset()


@lru_cache(maxsize=4096)
def _folds_like_re(c: str) -> bool:
    """A non-ASCII character that ``re`` ignoring case compares as its lower case: the
    same single character ``str.lower`` gives, with no other character folded onto it
    (ſ long s is an s to ``re``, not to ``lower``)."""
    low = c.lower()
    if len(low) != 1 or _re_lower is None:
        return False
    return ord(low) == _re_lower(ord(c)) and ord(low) not in _RE_FIXES


def foldable(text: str) -> bool:
    """Whether a case-insensitive regex finds in ``text`` exactly what its folded form
    (:attr:`Rule.folded`) finds in ``text.lower()``: true of nearly all text."""
    return text.isascii() or all(_folds_like_re(c) for c in set(text) if not c.isascii())


def _groups(m: re.Match[str], text: str) -> dict[str, str | None]:
    """The named groups of a match in the lower-cased text, read from the original."""
    regs = m.regs
    return {
        name: text[regs[i][0] : regs[i][1]] if regs[i][0] >= 0 else None
        for name, i in m.re.groupindex.items()
    }


#: the rule's reject_before / require_before / reject_after regexes read this many
#: characters either side of a match ("not a weekday paper", "day laborers")
CONTEXT_REACH = 40


@dataclass
class _Scan:
    """One document's scan: its text, the lower-cased text the folded rules and the
    triggers run on, and what is known of it so far (literals present, trigger windows)."""

    text: str
    low: str
    start: int
    end: int
    fold: bool
    present: dict[tuple[str, ...], bool] = field(default_factory=dict)
    windows: dict[Trigger, list[tuple[int, int]]] = field(default_factory=dict)

    def has_any(self, needs: tuple[str, ...]) -> bool:
        """Whether the lower-cased text contains one of ``needs``."""
        known = self.present.get(needs)
        if known is None:
            low = self.low
            known = self.present[needs] = any(n in low for n in needs)
        return known

    def spans(self, rule: Rule) -> list[tuple[int, int]]:
        """The stretches a rule runs in: around its trigger's hits, else everywhere."""
        trigger = rule.trigger
        if trigger is None:
            return [(self.start, self.end)]
        spans = self.windows.get(trigger)
        if spans is None:
            absent = trigger.needs and not self.has_any(trigger.needs)
            spans = [] if absent else trigger_windows(trigger, self.low, self.start, self.end)
            self.windows[trigger] = spans
        return spans

    def matches(self, rule: Rule) -> list[tuple[int, int, Rule, re.Match[str]]]:
        """The rule's matches that its context regexes let stand."""
        spans = self.spans(rule)
        if not spans:
            return []
        regex = rule.folded if self.fold else None
        subject = self.low
        if regex is None:
            regex, subject = rule.regex, self.text
        text = self.text
        found = []
        for k, m in enumerate(m for lo, hi in spans for m in regex.finditer(subject, lo, hi)):
            if k >= MAX_CANDIDATES:
                break
            s, e = m.span()
            if e - s > MAX_MATCH or e == s or not _context_ok(rule, text, s, e):
                continue
            found.append((s, e, rule, m))
        return found


def _context_ok(rule: Rule, text: str, s: int, e: int) -> bool:
    """Whether the text around a match passes the rule's reject/require regexes."""
    if rule.reject_before is not None and rule.reject_before.search(
        text, max(0, s - CONTEXT_REACH), s
    ):
        return False
    if rule.require_before is not None and not rule.require_before.search(
        text, max(0, s - CONTEXT_REACH), s
    ):
        return False
    return not (
        rule.reject_after is not None
        and rule.reject_after.match(text, e, min(len(text), e + CONTEXT_REACH))
    )


def _lowered(text: str) -> str:
    """``text`` lower-cased with every offset kept (a few characters change length when
    lower-cased: they stay as they are)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def find(
    res: Resources,
    templates: Templates,
    text: str,
    start: int,
    end: int,
    domain: str = "news",
    fold: bool | None = None,
) -> list[Raw]:
    """Every rule's matches in text[start:end], overlaps resolved (longest, then priority).

    Rules run case-sensitively on the lower-cased text when that finds the same
    (``fold`` None: see :func:`foldable`; False: always case-insensitive on the text).
    """
    scan = _Scan(text, _lowered(text), start, end, foldable(text) if fold is None else fold)
    found: list[tuple[int, int, Rule, re.Match[str]]] = []
    for rule in res.rules:
        if domain not in rule.domains:
            continue
        if scan.fold and rule.needs and not scan.has_any(rule.needs):
            continue  # (ignoring case is lower-casing only when the text folds)
        found += scan.matches(rule)
    found.sort(key=lambda f: (-(f[1] - f[0]), -f[2].priority, f[2].order, f[0]))
    return _choose(found, templates, text)


def _choose(
    found: list[tuple[int, int, Rule, re.Match[str]]], templates: Templates, text: str
) -> list[Raw]:
    """The matches, best first, that overlap none taken before them and whose templates
    fill, in text order (blocking rules of type NONE take their span and are dropped)."""
    starts: list[int] = []  # taken spans, sorted and disjoint
    ends: list[int] = []
    out: list[Raw] = []
    for s, e, rule, m in found:
        i = bisect.bisect_right(starts, s)
        if i > 0 and ends[i - 1] > s:
            continue
        if i < len(starts) and starts[i] < e:
            continue
        groups = m.groupdict() if m.string is text else _groups(m, text)
        value = templates.fill(rule.value, groups)
        if value is None:
            continue
        mod = templates.fill(rule.mod, groups) if rule.mod else None
        off = None
        for tpl in rule.utc_offset:
            off = templates.fill(tpl, groups)
            if off:
                break
        starts.insert(i, s)
        ends.insert(i, e)
        out.append(
            Raw(
                s,
                e,
                rule.type,
                value,
                mod or None,
                rule.quant,
                rule.freq,
                off,
                rule.id,
                rule.priority,
                rule.order,
            )
        )
    out.sort(key=lambda r: r.start)
    return [r for r in out if r.type != "NONE"]


def widen(
    res: Resources,
    templates: Templates,
    text: str,
    raws: list[Raw],
    floor: int,
    domain: str = "news",
) -> list[Raw]:
    """Apply modifiers: "early" + 1998 -> "early 1998" with mod START."""
    out: list[Raw] = []
    prev_end = floor
    if len(raws) > MAX_WIDEN:  # degenerate input; modifiers are a nicety
        return raws
    for r in raws:
        cur = r
        before = text[cur.start - 1] if cur.start > 0 else ""
        if not (before.isspace() or before == "-"):
            out.append(cur)
            prev_end = cur.end
            continue
        for mod in res.modifiers:
            if cur.type not in mod.types or (cur.mod and mod.mod):
                continue
            if domain not in mod.domains:
                continue
            if mod.rules and not cur.rule.startswith(mod.rules):
                continue
            if mod.append and not _DAY_VALUE.search(cur.value):
                continue
            if mod.reject_start is not None and mod.reject_start.match(text, cur.start, cur.end):
                continue
            lo = max(prev_end, cur.start - MODIFIER_REACH)
            m = mod.regex.search(text, lo, cur.start)
            if m is None:
                continue
            groups = m.groupdict()
            value = templates.fill(mod.mod, groups) if mod.mod else ""
            tail = templates.fill(mod.append, groups) if mod.append else ""
            if value is None or tail is None or (mod.mod and not value):
                continue
            cur = cur._replace(
                start=m.start(),
                mod=value or cur.mod,
                value=cur.value + tail,
                rule=cur.rule + "+" + mod.id,
            )
            break
        out.append(cur)
        prev_end = cur.end
    return out
