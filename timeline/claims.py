"""Contested figures: who said how many were killed, injured, arrested, ... and when.

A developing story rarely agrees with itself on numbers. This module finds the sentences
that report a count (killed, injured, arrested, missing, displaced) or a sum of money
(fined, pledged, damage, ...), with who said it ("according to the Syrian Observatory
for Human Rights", "State media earlier said") and any split by place ("45 in Jableh and
33 in Tartus"), then groups the figures that report the same event on the same date:

- a figure dated by its own sentence belongs to that date; an undated one joins a dated
  figure of the same article when it adds up to it or names the same places and event
  ("State media earlier said 78 people -- 45 in Jableh and 33 in Tartus -- were killed
  in the bombings"); otherwise it is left out;
- figures that agree are merged, with all their sources; a figure the same source
  revised (a later report) shows the latest with the ones it replaced;
- a group is attached to the timeline entry that reports it (or an entry of the same
  date) only when something is contested: different figures, or a revision.

Everything here reads sentences and time expressions; nothing is fetched or guessed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from timeline.events import best_timex, per_sentence
from timeline.model import AnalyzedDocument, Citation, Claim, Event, Timeline
from timeline.segment import without_dateline
from timeline.textstats import stop_words

__all__ = ["CLAIM_LANGUAGES", "attach_claims", "find_claims", "number_value"]

CLAIM_LANGUAGES = ("en", "fr", "de", "pt", "es")
"""Languages with a vocabulary in ``timeline/data/claims/<code>.toml`` (others read English)."""

#: an aside between dashes or brackets: "78 people -- 45 in Jableh and 33 in Tartus --"
_ASIDE = r"(?:\s*(?:--|—|–|\()[^.;]{0,80}?(?:--|—|–|\)))?"
#: a place named by capitalized words: "Jableh", "Deir Hafer"
_PLACE = r"(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)"
_NAME = re.compile(r"(?<![\w'])[A-Z][\w'-]*[a-z][\w'-]*")
_PATTERNS = ("count_first", "measure_first", "toll", "money", "part", "states_part",
             "of_them", "according", "said_first", "said_last", "earlier", "source_tail")


def _alternatives(words: Iterable[str]) -> str:
    """Words as one regex alternation, longest first (so "lost their lives" beats "lost")."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@dataclass(frozen=True)
class _Vocabulary:
    """One language's figures vocabulary (``data/claims/<code>.toml``), compiled."""

    code: str
    units: dict[str, int]
    scales: dict[str, int]
    thousands: str
    decimal: str
    compound: str
    measure_of: dict[str, str]
    money_of: dict[str, str]
    rx: dict[str, re.Pattern[str]]
    report_time: re.Pattern[str]
    currency: re.Pattern[str]
    value: re.Pattern[str]
    word: re.Pattern[str]
    money_word: re.Pattern[str]
    pronouns: frozenset[str]
    pronoun_openers: tuple[str, ...]
    common_sources: frozenset[str]
    not_names: frozenset[str]
    generic: frozenset[str]
    examples: tuple[dict[str, str], ...] = ()


def _joined(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


@functools.cache
def vocabulary(code: str) -> _Vocabulary:
    """The figures vocabulary of language ``code`` (English when it has none), read once."""
    import pkgutil
    import tomllib

    if code not in CLAIM_LANGUAGES:
        return vocabulary("en")
    raw = pkgutil.get_data("timeline", f"data/claims/{code}.toml")
    assert raw is not None, code
    return _compile(code, tomllib.loads(raw.decode("utf-8")))


def _compile(code: str, d: dict[str, Any]) -> _Vocabulary:
    numbers = d["numbers"]
    units = {str(k): int(v) for k, v in numbers["units"].items()}
    scales = {str(k).lower(): int(v) for k, v in numbers["scales"].items()}
    measure_of = {w.lower(): m for m, words in d["measures"].items() for w in words}
    fill = {
        "{number}": _joined(numbers["pattern"]).replace("{words}", _alternatives(units)),
        "{qualifier}": "(?:" + "|".join(d["qualifiers"]) + ")",
        "{who}": d["who"],
        "{measure}": _alternatives(measure_of),
        "{aside}": _ASIDE,
        "{place}": _PLACE,
        "{currency}": d["currency"],
    }

    def pattern(text: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        for name, part in fill.items():
            text = text.replace(name, part)
        return re.compile(text, flags)

    p = d["patterns"]
    w = d["words"]
    scale_words = _alternatives(scales)
    return _Vocabulary(
        code=code, units=units, scales=scales, thousands=numbers["thousands"],
        decimal=numbers["decimal"], compound=numbers.get("compound", ""),
        measure_of=measure_of,
        money_of={x.lower(): m for m, words in d["money"].items() for x in words},
        rx={name: pattern(_joined(p[name])) for name in _PATTERNS},
        report_time=pattern(_joined(p["report_time"]), 0),
        currency=pattern(d["currency"]),
        value=re.compile(rf"([\d.,\s]+|(?:[^\W\d_]|[ '’-])+?)\s*({scale_words})?\.?$"),
        word=re.compile(d["word"]), money_word=re.compile(d["money_word"]),
        pronouns=frozenset(w["pronouns"]), pronoun_openers=tuple(w["pronoun_openers"]),
        common_sources=frozenset(w["common_sources"]), not_names=frozenset(w["not_names"]),
        generic=frozenset(w["generic"]) | frozenset(measure_of),
        examples=tuple(d.get("examples", ())),
    )


@dataclass(frozen=True)
class Figure:
    """One figure as a sentence reports it."""

    measure: str
    count: int
    figure: str  # as written, qualifier included ("more than 148", "$2.5 million")
    said_by: str  # "" when the article says it in its own voice
    citation: Citation
    date: str | None  # the day (or coarser TIMEX3 value) the sentence dates it to
    breakdown: tuple[tuple[str, int], ...] = ()
    earlier: bool = False
    names: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    order: tuple[str, int, int] = ("", 0, 0)  # report date, article, sentence: for revisions
    money: bool = False


_TOO_LARGE = 1e300  # no count is this big; past it a float is infinity (no int)


def number_value(text: str, lang: str = "en") -> int | None:
    """"148" -> 148, "270,000" -> 270000, "a hundred" -> 100, "2.5 million" -> 2500000;
    in French "1 200" -> 1200, "2,5 millions" -> 2500000 (``lang``'s numbers)."""
    v = vocabulary(lang)
    t = " ".join(text.strip().lower().split())
    if t in v.units:
        return v.units[t]
    if v.compound:
        tens, _, unit = t.partition(v.compound)
        if tens in v.units and unit in v.units and v.units[tens] >= 20 and v.units[unit] < 10:
            return v.units[tens] + v.units[unit]  # "forty-five"
    m = v.value.match(t)
    if not m:
        return None
    head, scale = m.group(1).strip(), m.group(2)
    if head in v.units:
        base: float = v.units[head]
    else:
        digits = "".join(c for c in head if c not in v.thousands and not c.isspace())
        try:
            base = float(digits.replace(v.decimal, "."))
        except ValueError:
            return None
    value = base * (v.scales[scale] if scale else 1)
    return int(round(value)) if value < _TOO_LARGE else None  # 400 digits: float inf


def _source(text: str, v: _Vocabulary) -> tuple[str, bool]:
    """Who a sentence says gave its figure ("" when nobody is named), and whether it
    says the figure came earlier."""
    earlier = bool(v.rx["earlier"].search(text))
    m = v.rx["according"].search(text)
    found = ""
    if m:
        found = m.group("s")
    else:
        m = v.rx["said_first"].match(text) or v.rx["said_last"].search(text)
        if m and not any(c.isdigit() for c in m.group("s")):
            found = m.group("s")
    found = v.rx["source_tail"].sub("", found.strip()) if _NAME.search(found) else found.strip()
    opener = found.casefold().split(" ", 1)[0] if " " in found else None
    if found.casefold() in v.pronouns or opener in v.pronoun_openers:
        found = ""
    if found and found.split()[0].casefold() in v.common_sources:
        found = found[:1].lower() + found[1:]  # "State media" mid-line: "state media"
    return found, earlier


def _breakdown(text: str, total: int | None, v: _Vocabulary) -> tuple[tuple[str, int], ...]:
    """Parts by place that add up to the total (or every part when no total is given)."""
    parts = []
    for m in v.rx["part"].finditer(text):
        n = number_value(m.group("n"), v.code)
        if n is None or v.rx["of_them"].match(text, m.end("n")):
            continue
        place = m.group("p")
        if place.split()[0].casefold() in v.not_names:
            continue
        parts.append((place, n))
    if len(parts) < 2:
        return ()
    if total is not None and sum(n for _, n in parts) != total:
        return ()
    return tuple(parts)


def _matches(text: str, v: _Vocabulary) -> Iterable[tuple[str, int, str, bool, int]]:
    """(measure, count, figure as written, money, where the number ends) for each figure
    in a sentence."""
    for rx in (v.rx["count_first"], v.rx["measure_first"]):
        for m in rx.finditer(text):
            if v.rx["of_them"].match(text, m.end("n")):
                continue
            n = number_value(m.group("n"), v.code)
            measure = v.measure_of.get(" ".join(m.group("m").lower().split()))
            if n is not None and measure:
                yield measure, n, _figure(m, v), False, m.end("n")
    for m in v.rx["toll"].finditer(text):
        n = number_value(m.group("n"), v.code)
        if n is not None:
            yield "killed", n, _figure(m, v), False, m.end("n")
    for m in v.rx["money"].finditer(text):
        near = text[max(0, m.start() - MONEY_REACH) : m.end() + MONEY_REACH].lower()
        kinds = [v.money_of[w] for w in v.money_word.findall(near) if w in v.money_of]
        amount = number_value(v.currency.sub("", m.group("n")), v.code)
        if kinds and amount is not None:
            yield kinds[0], amount, _figure(m, v), True, m.end("n")


MONEY_REACH = 40  # characters around a sum where the word naming it may stand


def _figure(m: re.Match[str], v: _Vocabulary) -> str:
    """The figure as written, a number in words as digits ("Forty-five" -> "45")."""
    q = (m.group("q") or "").strip().lower()
    n = m.group("n")
    if not any(c.isdigit() for c in n):
        n = f"{number_value(n, v.code) or 0:,}"
    return f"{q} {n}" if q else n


def _terms(text: str, said_by: str, v: _Vocabulary) -> tuple[frozenset[str], frozenset[str]]:
    """Names (capitalized words after the first, the source's own left out) and content
    words of a sentence: what tells one event from another."""
    skip = {w.casefold() for w in said_by.split()}
    tokens = list(_NAME.finditer(text))
    found = (t.group().removesuffix("'s").removesuffix("\u2019s").casefold()
             for t in tokens if t.start() > 0)
    names = frozenset(n for n in found if n not in v.not_names and n not in skip)
    stop = stop_words("smart", v.code)
    words = frozenset(
        w.removesuffix("'s") for w in v.word.findall(text.lower())
        if w not in stop and w not in v.generic and w not in skip
    )
    return names, words


def _sentence_figures(text: str, v: _Vocabulary) -> list[tuple[str, int, str, bool, int]]:
    """The figures of one sentence, each measure once (its first, largest-scope figure)."""
    seen: dict[str, tuple[str, int, str, bool, int]] = {}
    for found in _matches(text, v):
        seen.setdefault(found[0], found)
    return list(seen.values())


def _language(adoc: AnalyzedDocument) -> _Vocabulary:
    """The vocabulary of the language the article is written in (detected, as the
    pipeline detects it)."""
    from timeline.language import article_language

    return vocabulary(article_language([adoc.document.body]))


def find_claims(adoc: AnalyzedDocument, position: int = 0) -> list[Figure]:
    """Every figure an article reports, with who said it and the date its sentence names."""
    from timeline.events import cite

    v = _language(adoc)
    doc = adoc.document
    sentences = [without_dateline(s) for s in adoc.sentences]
    out = []
    for s, timexes in zip(sentences, per_sentence(sentences, adoc.timexes), strict=True):
        figures = _sentence_figures(s.text, v)
        if not figures:
            continue
        found = best_timex(doc.text, s, [t for t in timexes if not v.report_time.search(
            doc.text, max(0, t.start - REPORT_REACH), t.start)])
        date = _date_key(found[0].value) if found else None
        said_by, earlier = _source(s.text, v)
        names, words = _terms(s.text, said_by, v)
        for measure, count, figure, money, end in figures:
            whole = _states_total(s.text, end, v)
            parts = () if money else _breakdown(s.text, count if whole else None, v)
            total = count if whole or not parts else sum(n for _, n in parts)
            out.append(Figure(
                measure=measure, count=total,
                figure=figure if total == count else str(total),
                said_by=said_by, citation=cite(doc, s), date=date, breakdown=parts,
                earlier=earlier, names=names | {p.casefold() for p, _ in parts}, words=words,
                order=(doc.dct or "", position, s.index), money=money,
            ))
    return out


REPORT_REACH = 24  # characters before a time where the report_time verb can stand


def _states_total(text: str, end: int, v: _Vocabulary) -> bool:
    """True when the figure is a total the sentence goes on to split ("78 people -- 45 in
    Jableh and 33 in Tartus --"), not the first of its parts ("A hundred people were killed
    in Jableh and another 48 in Tartus")."""
    return not v.rx["states_part"].match(text[end : end + TOTAL_REACH])


TOTAL_REACH = 30  # characters after a number where "in <Place>" makes it a part


def _date_key(value: str) -> str:
    """The day a value falls on ("2016-05-23T09:00" -> "2016-05-23"); coarser values as they are."""
    return value[:10] if re.match(r"\d{4}-\d{2}-\d{2}", value) else value


@dataclass
class _Group:
    measure: str
    date: str
    figures: list[Figure] = field(default_factory=list)

    @property
    def names(self) -> set[str]:
        return set().union(*(f.names for f in self.figures))

    @property
    def words(self) -> set[str]:
        return set().union(*(f.words for f in self.figures))


def _same_event(group: _Group, f: Figure) -> bool:
    """A dated figure reports the group's event when they share a name, or, when either
    names nothing, two content words."""
    names = group.names
    if names and f.names:
        return bool(names & f.names)
    return len(group.words & f.words) >= 2


def _joins(group: _Group, f: Figure) -> bool:
    """An undated figure joins a group of its own article when it adds up to one of its
    figures, or shares a place or name and something more with it."""
    if f.measure != group.measure:
        return False
    same_doc = [g for g in group.figures if g.citation.doc_id == f.citation.doc_id]
    if not same_doc:
        return False
    if any(g.count == f.count for g in same_doc):
        return True
    shared = group.names & f.names
    return bool(shared) and bool((group.words - shared) & (f.words - shared))


def _groups(figures: Sequence[Figure]) -> list[_Group]:
    groups: list[_Group] = []
    for f in figures:
        if f.date is None:
            continue
        for g in groups:
            if g.measure == f.measure and g.date == f.date and _same_event(g, f):
                g.figures.append(f)
                break
        else:
            groups.append(_Group(f.measure, f.date, [f]))
    pending = [f for f in figures if f.date is None]
    while pending:
        joined = [f for f in pending if _join_one(groups, f)]
        if not joined:
            break
        pending = [f for f in pending if f not in joined]
    return groups


def _join_one(groups: list[_Group], f: Figure) -> bool:
    """Join the group the figure fits best (the most names and words in common)."""
    fits = [g for g in groups if _joins(g, f)]
    if not fits:
        return False
    best = max(fits, key=lambda g: (len(g.names & f.names), len(g.words & f.words)))
    best.figures.append(f)
    return True


def _source_key(f: Figure, outlets: dict[str, str]) -> str:
    """Who stands behind a figure, for revisions: the outlet (else the article) and the
    source it names; the same outlet quoting the same source later may revise it."""
    outlet = outlets.get(f.citation.doc_id) or f.citation.doc_id
    return f"{outlet.casefold()}|{f.said_by.casefold()}"


def _claims(group: _Group, outlets: dict[str, str]) -> tuple[Claim, ...]:
    """The group's figures as claims: each source's figures from its latest report (the
    ones an earlier report gave instead as "revised from"), agreeing figures merged."""
    by_source: dict[str, list[Figure]] = {}
    for f in sorted(group.figures, key=lambda f: f.order):
        by_source.setdefault(_source_key(f, outlets), []).append(f)
    current: list[Figure] = []
    replaced: dict[str, list[str]] = {}
    for key, figs in by_source.items():
        last_doc = figs[-1].citation.doc_id
        now = [f for f in figs if f.citation.doc_id == last_doc]
        counts = {f.count for f in now}
        replaced[key] = list(dict.fromkeys(f.figure for f in figs if f.count not in counts))
        current.extend(now)
    merged: dict[int, list[Figure]] = {}
    for f in current:
        merged.setdefault(f.count, []).append(f)
    claims = [_merge(fs, outlets, replaced) for fs in merged.values()]
    claims.sort(key=lambda c: (c.earlier, -len(c.sources)))
    return tuple(claims)


def _merge(figs: list[Figure], outlets: dict[str, str], replaced: dict[str, list[str]]) -> Claim:
    """Figures that agree as one claim. A figure an article states in its own voice and a
    named source in it also gives is the named source's: the article relies on it."""
    named_docs = {f.citation.doc_id for f in figs if f.said_by}
    kept = [f for f in figs if f.said_by or f.citation.doc_id not in named_docs]
    sources: dict[tuple[str, str], Figure] = {}
    for f in kept:
        sources.setdefault((f.citation.doc_id, f.said_by.casefold()), f)
    first = min(figs, key=lambda f: f.order)
    breakdown = next((f.breakdown for f in figs if f.breakdown), ())
    revised = [r for f in kept for r in replaced.get(_source_key(f, outlets), [])]
    return Claim(
        measure=first.measure,
        count=first.count,
        figure=first.figure,
        said_by=tuple(f.said_by for f in sources.values()),
        sources=tuple(f.citation for f in sources.values()),
        breakdown=breakdown,
        earlier=all(f.earlier for f in kept),
        revised_from=tuple(dict.fromkeys(revised)),
    )


def _contested(claims: tuple[Claim, ...]) -> bool:
    return len(claims) > 1 or any(c.revised_from for c in claims)


def attach_claims(timeline: Timeline, adocs: Sequence[AnalyzedDocument]) -> Timeline:
    """The timeline with each contested group of figures on the entry that reports it (an
    entry citing one of its sentences, else the first entry of its date)."""
    figures = [f for i, a in enumerate(adocs) for f in find_claims(a, i)]
    if len(figures) < 2:
        return timeline
    outlets = {a.document.id: a.document.outlet or "" for a in adocs}
    events = list(timeline.events)
    for group in _groups(figures):
        claims = _claims(group, outlets)
        if not _contested(claims):
            continue
        at = _entry_for(events, group)
        if at is not None:
            events[at] = replace(events[at], claims=events[at].claims + claims)
    return Timeline(events=tuple(events))


def _entry_for(events: Sequence[Event], group: _Group) -> int | None:
    cited = {(f.citation.doc_id, f.citation.start) for f in group.figures}
    same_day = None
    for i, e in enumerate(events):
        if any((c.doc_id, c.start) in cited for c in e.sources) and \
                _date_key(e.value) == group.date:
            return i
        if same_day is None and _date_key(e.value) == group.date:
            same_day = i
    return same_day
