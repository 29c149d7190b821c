"""A language's cues for the engine: the words and word patterns it reads outside the rules.

``data/<lang>/cues.toml`` holds them by name: ``[regex.NAME]`` tables (``pattern``, a
string or a list of strings joined, and ``flags``, letters of ``i``, ``m``) and
``[words]`` (lists and tables of words). :class:`Cues` names every one the engine
reads, with what it is for; a language's file gives all of them (a cue a language has no
use for is the regex ``(?!)``, which never matches, or an empty list).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import MISSING, dataclass, fields
from pathlib import Path
from typing import Any

__all__ = ["Cues", "CueError", "read_cues"]

_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE}


class CueError(ValueError):
    """A language's cues.toml is malformed or incomplete."""


@dataclass(frozen=True)
class Cues:
    """Regexes (``re.Pattern``) and words, by what the engine does with them."""

    # -- detect_domain and the derived offsets (temporal/__init__) ------------------------
    #: deictic time that marks news: "yesterday", "Monday", "last week"
    deictic: re.Pattern[str]
    #: a wire dateline near the top: "LOS ANGELES (Reuters) -"
    dateline: re.Pattern[str]
    #: a year before the era ("500 BC"), which is no sign of news
    bc_year: re.Pattern[str]
    #: after a clock duration: the offset tail ("after the blasts"), group 1/3 the word
    offset_tail: re.Pattern[str]
    #: after a calendar duration: "later", "earlier", "before," (groups 1, 2)
    unit_offset_tail: re.Pattern[str]
    # -- the tense of a clause (anchor) ----------------------------------------------------
    future: re.Pattern[str]
    modal: re.Pattern[str]
    past: re.Pattern[str]
    lead_word: re.Pattern[str]
    past_event: re.Pattern[str]
    since: re.Pattern[str]
    deadline: re.Pattern[str]
    no_anchor_before: re.Pattern[str]
    possessive: re.Pattern[str]
    had_been: re.Pattern[str]
    year_frame: re.Pattern[str]
    plan: re.Pattern[str]
    past_progressive: re.Pattern[str]
    until: re.Pattern[str]
    pluperfect: re.Pattern[str]
    #: a flashback told after the year, where a language puts its verb last (German)
    flashback_after: re.Pattern[str]
    # -- neighbours settling each other (anchor) -------------------------------------------
    lead_weekday: re.Pattern[str]
    time_then_day: re.Pattern[str]
    stamp_cue: re.Pattern[str]
    other_clock: re.Pattern[str]
    span_to: re.Pattern[str]
    weekday_in: re.Pattern[str]
    coordinated: re.Pattern[str]
    # -- numbers and units in value templates (extract) ------------------------------------
    number_fraction: re.Pattern[str]
    number_half: re.Pattern[str]
    wordyear_thousands: re.Pattern[str]
    wordyear_hundreds: re.Pattern[str]
    wordyear_filler: re.Pattern[str]
    # -- words --------------------------------------------------------------------------------
    #: lead words after which a date lies ahead ("by February", "until Friday")
    ahead: frozenset[str]
    #: the lead word of a start ("since Monday")
    since_word: str
    #: the lead word that a past progressive turns back ("By Monday, tar balls were ...")
    by_word: str
    #: offset words that count back ("two hours before", "three days earlier")
    back: frozenset[str]
    #: articles that count one ("a year"), but not of a plural unit
    articles: frozenset[str]
    #: what groups the thousands of a number in figures ("1,200"; "" when nothing does)
    thousands_mark: str
    #: what separates a number's decimals ("2.5", French "30,4")
    decimal_mark: str
    #: words joining number words ("one hundred and five")
    number_joiners: frozenset[str]
    #: a weekday's lead letters (group 1 of ``lead_weekday``, lower case) -> 0 (Monday) .. 6
    weekday_index: dict[str, int]
    #: the length of those lead letters
    weekday_lead: int
    #: a unit word's stem -> its duration code, when the unit table does not know the word
    unit_stems: dict[str, str]
    #: a unit word's stem -> its duration code, for a fractional count back ("a decade and
    #: a half ago"), tried in this order
    back_units: dict[str, str]
    #: a stem in a duration's text that counts decades / centuries (TIMEX2 P1DE, P2CE)
    decade_stem: str
    century_stem: str

    #: a future (group ``f``) or past (group ``p``) cue, whichever comes (built from both)
    cue: re.Pattern[str]
    #: optional: what follows a closing quote to report the day it was said ('," he said
    #: on ' before "Tuesday"): a quoted "today" is that day. Never matches where not given.
    quote_report: re.Pattern[str] = re.compile(r"(?!)")


def _regex(name: str, spec: Any, where: str) -> re.Pattern[str]:
    if not isinstance(spec, dict) or "pattern" not in spec:
        raise CueError(f"{where}: [regex.{name}] needs a pattern")
    pattern = spec["pattern"]
    text = "".join(pattern) if isinstance(pattern, list) else pattern
    flags = 0
    for letter in spec.get("flags", ""):
        if letter not in _FLAGS:
            raise CueError(f"{where}: [regex.{name}] unknown flag {letter!r}")
        flags |= _FLAGS[letter]
    try:
        return re.compile(text, flags)
    except re.error as e:
        raise CueError(f"{where}: [regex.{name}] {e}") from e


def _word(name: str, value: Any, kind: Any, where: str) -> Any:
    text = str(kind)
    if text.startswith("frozenset"):
        if not isinstance(value, list):
            raise CueError(f"{where}: words.{name} must be a list")
        return frozenset(value)
    if text.startswith("dict"):
        if not isinstance(value, dict):
            raise CueError(f"{where}: words.{name} must be a table")
        return dict(value)
    expected = int if text == "int" else str
    if not isinstance(value, expected):
        raise CueError(f"{where}: words.{name} must be {expected.__name__}")
    return value


def read_cues(path: Path) -> Cues:
    """Read and compile a language's cues; every field of :class:`Cues` must be given."""
    where = f"{path.parent.name}/{path.name}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise CueError(f"{where}: {e}") from e
    regexes, words = data.get("regex", {}), data.get("words", {})
    values: dict[str, Any] = {}
    for f in fields(Cues):
        if f.name == "cue":
            continue
        if f.name not in regexes and f.name not in words and f.default is not MISSING:
            continue  # an optional cue this language does not give
        if "Pattern" in str(f.type):
            if f.name not in regexes:
                raise CueError(f"{where}: no [regex.{f.name}]")
            values[f.name] = _regex(f.name, regexes[f.name], where)
        elif f.name not in words:
            raise CueError(f"{where}: no words.{f.name}")
        else:
            values[f.name] = _word(f.name, words[f.name], f.type, where)
    unknown = (set(regexes) | set(words)) - set(values)
    if unknown:
        raise CueError(f"{where}: unknown cues {sorted(unknown)}")
    future, past = values["future"].pattern, values["past"].pattern
    values["cue"] = re.compile(rf"(?P<f>{future})|(?P<p>{past})", re.IGNORECASE)
    return Cues(**values)
