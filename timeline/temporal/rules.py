"""Load and validate the language resources under ``data/<lang>/``.

Three tiers, as in HeidelTime, all of them data:

* ``patterns/NAME.txt``: one regex alternative per line; a rule writes ``%NAME`` to capture
  it as group ``NAME``, ``%NAME=alias`` to capture it under another name and ``%~NAME``
  to use it without capturing. A ``# case: title`` (or ``upper``) header makes the
  alternatives case-sensitive (Title and UPPER case are both accepted for ``title``).
* ``norm/NAME.tsv``: normalization tables, ``text<TAB>value``; keys are lower case.
* ``rules/*.toml``: ``[[rule]]`` tables with ``id``, ``type``, ``pattern``, ``value`` (a
  template, see :mod:`timeline.temporal.extract`), optional ``mod``, ``quant``, ``freq``,
  ``utc_offset``, ``priority``, ``reject_before``/``reject_after`` (regexes tested on the
  text around a match; ``require_before`` must match just before it), ``trigger`` and
  ``examples`` ("sentence | extent | value [| mod]"; value "-" for rules of type NONE,
  which block an extent from being tagged), tagged with
  the DCT ``example_dct``, by default 2016-05-23, a Monday). ``[[modifier]]`` tables
  widen a found expression to the left ("early", "about") and set its mod.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from timeline.temporal.cues import CueError, Cues, read_cues

try:  # CPython's regex parser (3.11+), read only to find a rule's required words
    from re import _constants as _sre_c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no prefilter, same results
    _sre_c = _sre_parse = None

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_EXAMPLE_DCT = "2016-05-23"
_MACRO = re.compile(r"%(~)?([A-Za-z_][A-Za-z0-9_]*)(?:=([A-Za-z_][A-Za-z0-9_]*))?")
_BLANK = r"(?:[ \t]{1,4}\n?[ \t]{0,4}|\n[ \t]{0,4})"
#: longest stretch of text a rule may match (caps work on adversarial input)
MAX_MATCH = 120


@dataclass(frozen=True)
class Example:
    text: str
    extent: str
    value: str
    mod: str | None
    dct: str | None
    domain: str


@dataclass(frozen=True, eq=False)
class Trigger:
    """A cheap regex every match of a rule contains, run case-sensitively on the lower-cased
    text. ``needs`` are literal strings one of which every hit contains (empty when none is
    known): a text without any of them has no hit, and is not scanned. Compiled on first use.
    """

    pattern: str
    needs: tuple[str, ...] = ()

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    @cached_property
    def leads(self) -> tuple[str, ...]:
        """Strings one of which every hit starts with, when they are few and long enough
        to find faster by ``str.find`` than ``re`` scans for the trigger; else empty."""
        leads = literal_leads(self.pattern)
        if len(leads) < MIN_LEADS or min(map(len, leads)) < MIN_LEAD_LENGTH:
            return ()
        return leads

    def absent(self, low: str) -> bool:
        """True when the lower-cased text cannot contain a hit (no scan needed)."""
        return bool(self.needs) and not any(n in low for n in self.needs)

    def hits(self, low: str, start: int, end: int) -> list[tuple[int, int]]:
        """The spans ``regex.finditer(low, start, end)`` finds, found faster when every hit
        starts with one of a few strings: ``re`` is only tried where one of them stands."""
        leads = self.leads
        if not leads:
            return [m.span() for m in self.regex.finditer(low, start, end)]
        places: set[int] = set()
        for lead in leads:
            i = low.find(lead, start, end)
            while i >= 0:
                places.add(i)
                i = low.find(lead, i + 1, end)
        out: list[tuple[int, int]] = []
        pos = start
        match = self.regex.match
        for i in sorted(places):
            if i < pos:
                continue  # inside the last hit: finditer goes on after it
            m = match(low, i, end)
            if m is not None:
                out.append(m.span())
                pos = m.end()  # no hit is empty: every one starts with a lead
        return out


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    #: the rule's regex source, compiled (case-insensitive) on first use: most rules never
    #: fire in a given document, and compiling all of them is most of a cold start
    pattern: str
    value: str
    mod: str | None
    quant: str | None
    freq: str | None
    utc_offset: tuple[str, ...]
    priority: int
    reject_before: re.Pattern[str] | None
    reject_after: re.Pattern[str] | None
    require_before: re.Pattern[str] | None
    examples: tuple[Example, ...]
    source: str
    order: int
    domains: tuple[str, ...] = ("news", "narrative")
    #: a cheap regex every match contains; the rule only runs in windows around its hits
    trigger: Trigger | None = None

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return _compile(_first_guard(self.pattern, re.IGNORECASE), f"{self.source}:{self.id}")

    @cached_property
    def needs(self) -> tuple[str, ...]:
        """Lower-case strings one of which each match contains (ignoring case): a text
        whose lower-cased form has none of them is not scanned (see ``required_literals``)."""
        return required_literals(self.pattern, re.IGNORECASE)

    @cached_property
    def folded(self) -> re.Pattern[str] | None:
        """The same regex, case-sensitive, for the lower-cased text (much faster in ``re``
        than a case-insensitive scan); None when the rule has case-sensitive parts."""
        body = fold_regex(self.pattern)
        if body is None:
            return None
        try:
            return re.compile(_first_guard(body))
        except re.error:
            return None


@dataclass(frozen=True)
class Modifier:
    id: str
    regex: re.Pattern[str]
    mod: str
    types: tuple[str, ...]
    examples: tuple[Example, ...]
    reject_start: re.Pattern[str] | None = None
    append: str = ""  # appended to a day-level value ("the night of ..." -> "TNI")
    rules: tuple[str, ...] = ()  # only for these rule ids (prefixes); all when empty
    domains: tuple[str, ...] = ("news", "narrative")


@dataclass(frozen=True)
class Resources:
    lang: str
    patterns: dict[str, str]
    tables: dict[str, dict[str, str]]
    rules: tuple[Rule, ...]
    modifiers: tuple[Modifier, ...]
    trigger: re.Pattern[str]
    #: the words the engine reads outside the rules (``cues.toml``)
    cues: Cues


class RuleError(ValueError):
    """A rule file is malformed (raised at load time, caught by the tests)."""


def _read_lines(path: Path) -> tuple[list[str], str]:
    case = ""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            m = re.match(r"#\s*case:\s*(\w+)", line)
            if m:
                case = m[1]
            continue
        lines.append(line)
    return lines, case


def _alternatives(lines: list[str], case: str) -> list[str]:
    alts: list[str] = []
    for line in lines:
        alts.append(line)
        if case == "title":
            upper = re.sub(r"(?<!\\)[a-z]", lambda m: m[0].upper(), line)
            if upper != line:
                alts.append(upper)
    # longest first, so "September" is tried before "Sep"
    alts.sort(key=len, reverse=True)
    return alts


def _alternation(lines: list[str], case: str) -> str:
    body = "|".join(_alternatives(lines, case))
    if case in ("title", "upper"):
        return f"(?-i:{body})"
    return f"(?:{body})"


def _read_table(path: Path) -> dict[str, str]:
    table = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        key, _, value = raw.partition("\t")
        if not value:
            raise RuleError(f"{path.name}: line without a tab: {raw!r}")
        table[key.strip().lower()] = value.strip()
    return table


def expand(pattern: str, patterns: dict[str, str], where: str) -> str:
    """Replace %NAME macros with their alternations and make spaces flexible."""

    def macro(m: re.Match[str]) -> str:
        quiet, name, alias = m[1], m[2], m[3]
        if name not in patterns:
            raise RuleError(f"{where}: unknown pattern %{name}")
        body = patterns[name]
        return body if quiet else f"(?P<{alias or name}>{body})"

    # a literal space outside [...] matches a short run of blanks with at most one newline
    chars: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == " " and not in_class:
            chars.append(_BLANK)
            continue
        chars.append(ch)
    return _MACRO.sub(macro, "".join(chars))


def _examples(raw: list[str], where: str, dct: str | None, domain: str) -> tuple[Example, ...]:
    out = []
    for item in raw:
        parts = [p.strip() for p in item.split("|")]
        if len(parts) not in (3, 4):
            raise RuleError(f"{where}: example needs 'text | extent | value [| mod]': {item!r}")
        mod = parts[3] if len(parts) == 4 and parts[3] else None
        out.append(Example(parts[0], parts[1], parts[2], mod, dct, domain))
    return tuple(out)


def _as_tuple(item: str | list[str] | None) -> tuple[str, ...]:
    if item is None:
        return ()
    return (item,) if isinstance(item, str) else tuple(item)


def _lower_regex(pattern: str) -> str:
    """Lower-case a regex's literals (escapes such as \\D keep their case); case-sensitive
    groups become plain groups. Triggers run on the lower-cased text, which is far faster
    than a case-insensitive scan."""
    out = []
    escaped = False
    for ch in pattern.replace("(?-i:", "(?:"):
        out.append(ch if escaped else ch.lower())
        escaped = ch == "\\" and not escaped
    return "".join(out)


def fold_regex(pattern: str) -> str | None:
    """A case-insensitive regex rewritten for lower-cased text, case-sensitive: literals and
    classes lower-cased, escapes (\\D, \\S, \\B) and group names kept. None when that is
    not the same regex: case-sensitive groups ``(?-i:``, other inline flags, or escapes that
    name a character by its code."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if pattern[i + 1 : i + 2] in ("x", "u", "U", "N"):
                return None
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?", i):
            kind = pattern[i + 2 : i + 3]
            if kind == "P":
                close = pattern.find(">" if pattern[i + 3 : i + 4] == "<" else ")", i)
                if close < 0:
                    return None
                out.append(pattern[i : close + 1])
                i = close + 1
                continue
            if kind not in (":", "=", "!", "<", "#"):
                return None  # (?-i: and other inline flags
        out.append(ch.lower())
        i += 1
    return "".join(out)


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Lower-cased strings one of which every match of ``pattern`` contains (within the
    match: lookarounds are not counted); empty when no such set is known."""
    if _sre_parse is None:
        return ()
    try:
        best = _needs(_sre_parse.parse(pattern, flags))
    except Exception:  # noqa: BLE001 - an internal API that may change: skip the prefilter
        return ()
    return tuple(sorted({s.lower() for s in best}, key=lambda s: (len(s), s))) if best else ()


def _needs(seq: object) -> frozenset[str] | None:
    """The most selective literal set a parsed sequence requires (None: none known)."""
    best: frozenset[str] | None = None

    def take(cands: frozenset[str] | None) -> None:
        nonlocal best
        # fewer and longer alternatives reject more texts
        if cands and (best is None or _score(cands) > _score(best)):
            best = cands

    run: list[str] = []
    for op, av in seq:  # type: ignore[attr-defined]
        if op is _sre_c.LITERAL:
            run.append(chr(av))
            continue
        if op in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):
            continue  # zero width: the literals either side are adjacent in the text
        if run:
            take(frozenset(["".join(run)]))
            run = []
        if op is _sre_c.SUBPATTERN:
            take(_needs(av[3]))
        elif op is _sre_c.BRANCH:
            alts = [_needs(a) for a in av[1]]
            if all(alts):
                take(frozenset().union(*alts))  # type: ignore[arg-type]
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] >= 1:
            take(_needs(av[2]))
    if run:
        take(frozenset(["".join(run)]))
    return best


def _score(cands: frozenset[str]) -> float:
    return min(len(c) for c in cands) / len(cands)


# -- what a match can start with --------------------------------------------------
# ``re`` only skips ahead quickly to where a regex can match when the regex opens with a
# literal or a character class. A rule opens with a lookbehind, so ``re`` tries the whole
# rule at every position; a lookahead for the characters a match can start with fails
# fast at most of them. Triggers whose hits start with a few strings are found faster by
# ``str.find`` on those strings. Both are computed from the parsed regex, and both find
# exactly what the regex alone finds (a larger set of starts, never a smaller one).

#: a trigger is found through its leading strings when it has at least this many (one
#: string alone ``re`` finds as fast) and each is at least this long (shorter ones stand
#: in too many places)
MIN_LEADS, MIN_LEAD_LENGTH = 2, 3
#: at most this many leading strings are followed (a class of digits multiplies them)
MAX_LEADS = 32
#: a character class is expanded into its characters up to this many
MAX_CLASS = 12

_CATEGORY_CLASS = (
    {
        _sre_c.CATEGORY_DIGIT: r"\d",
        _sre_c.CATEGORY_NOT_DIGIT: r"\D",
        _sre_c.CATEGORY_SPACE: r"\s",
        _sre_c.CATEGORY_NOT_SPACE: r"\S",
        _sre_c.CATEGORY_WORD: r"\w",
        _sre_c.CATEGORY_NOT_WORD: r"\W",
    }
    if _sre_c is not None
    else {}
)


class _Open(Exception):
    """Anything may start a match (a negated class, a backreference, ...)."""


def _class_item(cp: int) -> str:
    return f"\\U{cp:08x}" if cp > 0xFFFF else f"\\u{cp:04x}"


def _first(seq: Any, out: set[str], flags: int) -> bool:
    """Add to ``out`` the class items a match of the parsed ``seq`` can start with; True
    when ``seq`` can match the empty string (what follows it may start the match)."""
    c = _sre_c
    for op, av in seq:
        if op is c.LITERAL:
            out.add(_class_item(av))
            return False
        if op is c.IN:
            _first_of_class(av, out)
            return False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width
        if op is c.SUBPATTERN:
            if av[1] & re.IGNORECASE and not flags & re.IGNORECASE:
                raise _Open  # a case-insensitive part in a case-sensitive regex
            if not _first(av[3], out, flags):
                return False
        elif op is c.BRANCH:
            if not any([_first(alt, out, flags) for alt in av[1]]):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            if not _first(av[2], out, flags) and av[0] >= 1:
                return False
        else:
            raise _Open
    return True


def _first_of_class(items: Any, out: set[str]) -> None:
    c = _sre_c
    for op, av in items:
        if op is c.LITERAL:
            out.add(_class_item(av))
        elif op is c.RANGE:
            out.add(f"{_class_item(av[0])}-{_class_item(av[1])}")
        elif op is c.CATEGORY and av in _CATEGORY_CLASS:
            out.add(_CATEGORY_CLASS[av])
        else:
            raise _Open  # a negated class, or one of the locale's


def first_class(pattern: str, flags: int = 0) -> str | None:
    """A character class matching every character a match of ``pattern`` can start with
    (compiled with ``flags``, it is a superset); None when no such class is known."""
    if _sre_parse is None:
        return None
    out: set[str] = set()
    try:
        if _first(_sre_parse.parse(pattern, flags), out, flags):
            return None  # the regex can match the empty string
    except (_Open, re.error, RecursionError):
        return None
    return "[" + "".join(sorted(out)) + "]"


def _first_guard(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind a lookahead for the characters its matches start with."""
    first = first_class(pattern, flags)
    return pattern if first is None else f"(?={first}){pattern}"


def _leads_of(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    """The strings a match of one parsed element starts with (None: not known) and
    whether they are the whole of every match."""
    c = _sre_c
    if op is c.LITERAL:
        return {chr(av)}, True
    if op is c.IN:
        chars: set[str] = set()
        for op2, av2 in av:
            if op2 is c.LITERAL:
                chars.add(chr(av2))
            elif op2 is c.RANGE and av2[1] - av2[0] < MAX_CLASS:
                chars.update(chr(x) for x in range(av2[0], av2[1] + 1))
            else:
                return None, False
        return (chars, True) if len(chars) <= MAX_CLASS else (None, False)
    if op is c.SUBPATTERN:
        return (None, False) if av[1] or av[2] else _leads_seq(av[3])
    if op is c.BRANCH:
        found: set[str] = set()
        whole = True
        for alt in av[1]:
            leads, exact = _leads_seq(alt)
            if leads is None:
                return None, False
            found |= leads
            whole = whole and exact
        return found, whole
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, sub = av
        leads, exact = _leads_seq(sub)
        if leads is None:
            return ({""} if low == 0 else None), False
        if low == 0:
            return leads | {""}, exact and high == 1
        return leads, exact and low == high == 1
    return None, False


def _leads_seq(seq: Any) -> tuple[set[str], bool]:
    result = {""}
    for op, av in seq:
        if op in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):
            continue  # zero width: the strings either side are adjacent
        leads, exact = _leads_of(op, av)
        if leads is None:
            return result, False
        if len(leads) > 1 and min(map(len, result)) >= MIN_LEAD_LENGTH:
            return result, False  # long enough: branching on would only add finds
        joined = {r + x for r in result for x in leads}
        if len(joined) > MAX_LEADS:
            return result, False
        result = joined
        if not exact:
            return result, False
    return result, True


def literal_leads(pattern: str) -> tuple[str, ...]:
    """Strings one of which every match of ``pattern`` (case-sensitive) starts with, none
    starting with another; empty when not known or when the empty string can match."""
    if _sre_parse is None:
        return ()
    try:
        leads, _ = _leads_seq(_sre_parse.parse(pattern))
    except (re.error, RecursionError):
        return ()
    if not leads or "" in leads:
        return ()
    kept: list[str] = []
    for lead in sorted(leads, key=len):
        if not any(lead.startswith(k) for k in kept):
            kept.append(lead)
    return tuple(sorted(kept))


def _letter_first(pattern: str) -> str:
    """``\\bX`` -> ``X(?<=\\bX)`` for a letter or digit X (not quantified): the same matches,
    but a regex that then opens with a literal lets ``re`` skip ahead to the places where
    it could match instead of testing the word boundary at every position."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            x = pattern[i + 2 : i + 3]
            if (
                not in_class
                and pattern[i + 1 : i + 2] == "b"
                and x.isascii()
                and x.isalnum()
                and pattern[i + 3 : i + 4] not in ("?", "*", "+", "{")
            ):
                out.append(f"{x}(?<=\\b{x})")
                i += 3
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def _trigger(
    text: str | None, patterns: dict[str, str], where: str, cache: dict[str, Trigger]
) -> Trigger | None:
    if not text:
        return None
    if text not in cache:
        body = _letter_first(_lower_regex(expand(text, patterns, where)))
        try:
            needs = required_literals(body)
        except re.error as err:
            raise RuleError(f"{where}: bad trigger: {err}") from err
        cache[text] = Trigger(body, needs)
    return cache[text]


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as err:
        raise RuleError(f"{where}: bad regex: {err}") from err


#: patterns may use other patterns (%~NAME) this many levels deep
PATTERN_NESTING = 4
_RULE_TYPES = ("DATE", "TIME", "DURATION", "SET", "NONE")
_DOMAINS = ["news", "narrative"]


def _load_patterns(base: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The patterns as alternations, and as the lower-cased alternations triggers use."""
    patterns: dict[str, str] = {}
    alternatives: dict[str, list[str]] = {}
    for path in sorted((base / "patterns").glob("*.txt")):
        lines, case = _read_lines(path)
        patterns[path.stem] = _alternation(lines, case)
        alternatives[path.stem] = _alternatives(lines, case)
    for _ in range(PATTERN_NESTING):  # patterns may use other patterns as %~NAME
        for name, body in patterns.items():
            patterns[name] = re.sub(r"%~(\w+)", lambda m: patterns.get(m[1], m[0]), body)
    # triggers run on the lower-cased text, where "May" and "MAY" are one alternative
    lowered = {
        name: _lower_regex(body)
        if any("%" in a for a in alternatives[name])
        else "(?:" + "|".join(dict.fromkeys(_lower_regex(a) for a in alternatives[name])) + ")"
        for name, body in patterns.items()
    }
    return patterns, lowered


@dataclass
class _Loader:
    """What rule files share while they are read: the patterns, the rule ids seen so far
    and the triggers already compiled."""

    patterns: dict[str, str]
    lowered: dict[str, str]
    rules: list[Rule] = field(default_factory=list)
    modifiers: list[Modifier] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    triggers: dict[str, Trigger] = field(default_factory=dict)

    def read(self, path: Path) -> None:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for raw in data.get("rule", []):
            self.rules.append(self._rule(raw, path, data))
        for raw in data.get("modifier", []):
            self.modifiers.append(self._modifier(raw, path, data))

    def _rule(self, raw: dict[str, Any], path: Path, data: dict[str, Any]) -> Rule:
        rid = raw.get("id", "?")
        where = f"{path.name}:{rid}"
        for key in ("id", "type", "pattern", "value"):
            if key not in raw:
                raise RuleError(f"{where}: missing {key}")
        if rid in self.seen:
            raise RuleError(f"{where}: duplicate id")
        self.seen.add(rid)
        if raw["type"] not in _RULE_TYPES:
            raise RuleError(f"{where}: bad type {raw['type']}")
        body = expand(raw["pattern"], self.patterns, where)
        rb = raw.get("reject_before")
        ra = raw.get("reject_after")
        qb = raw.get("require_before")
        examples = _examples(
            raw.get("examples", []),
            where,
            raw.get("example_dct", data.get("example_dct", DEFAULT_EXAMPLE_DCT)),
            raw.get("example_domain", data.get("example_domain", "news")),
        )
        if not examples:
            raise RuleError(f"{where}: a rule needs examples")
        return Rule(
            id=rid,
            type=raw["type"],
            pattern=rf"(?<![\w$£€])(?:{body})(?![\w%$£€]|[.,]\d)",
            value=raw["value"],
            mod=raw.get("mod"),
            quant=raw.get("quant"),
            freq=raw.get("freq"),
            utc_offset=_as_tuple(raw.get("utc_offset")),
            priority=int(raw.get("priority", 0)),
            reject_before=_compile(rf"(?:{rb})\Z", where) if rb else None,
            reject_after=_compile(rf"(?:{ra})", where) if ra else None,  # no \A: see find()
            require_before=_compile(rf"(?:{qb})\Z", where) if qb else None,
            examples=examples,
            source=path.name,
            order=len(self.rules),
            domains=tuple(raw.get("domains", data.get("domains", _DOMAINS))),
            trigger=_trigger(raw.get("trigger"), self.lowered, where, self.triggers),
        )

    def _modifier(self, raw: dict[str, Any], path: Path, data: dict[str, Any]) -> Modifier:
        where = f"{path.name}:{raw.get('id', '?')}"
        body = expand(raw["left"], self.patterns, where)
        file_dct = data.get("example_dct", DEFAULT_EXAMPLE_DCT)
        file_domain = data.get("example_domain", "news")
        return Modifier(
            id=raw["id"],
            regex=_compile(rf"(?<![\w])(?:{body})[ \t]*-?[ \t]*\Z", where),
            mod=raw.get("mod", ""),
            append=raw.get("append", ""),
            rules=tuple(raw.get("rules", [])),
            domains=tuple(raw.get("domains", _DOMAINS)),
            types=tuple(raw.get("types", ["DATE", "TIME", "DURATION"])),
            examples=_examples(raw.get("examples", []), where, file_dct, file_domain),
            reject_start=_compile(raw["reject_start"], where) if raw.get("reject_start") else None,
        )


@lru_cache(maxsize=8)
def load(lang: str = "en") -> Resources:
    """Read, expand and compile every resource of ``lang`` (cached)."""
    base = DATA_DIR / lang
    if not re.fullmatch(r"[a-z]{2,3}", lang) or not (base / "cues.toml").is_file():
        raise RuleError(f"no temporal resources for language {lang!r}")
    patterns, lowered = _load_patterns(base)
    tables = {p.stem: _read_table(p) for p in sorted((base / "norm").glob("*.tsv"))}
    loader = _Loader(patterns, lowered)
    for path in sorted((base / "rules").glob("*.toml")):
        loader.read(path)
    trigger_words = [p for n, p in patterns.items() if n in ("month", "weekday")]
    trigger = re.compile("|".join(trigger_words) or "(?!)")
    try:
        cues = read_cues(base / "cues.toml")
    except CueError as e:
        raise RuleError(str(e)) from e
    return Resources(
        lang, patterns, tables, tuple(loader.rules), tuple(loader.modifiers), trigger, cues
    )
