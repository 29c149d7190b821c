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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from timeline.events import best_timex, per_sentence
from timeline.model import AnalyzedDocument, Citation, Claim, Event, Timeline
from timeline.segment import without_dateline
from timeline.textstats import stop_words

__all__ = ["attach_claims", "find_claims"]

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a dozen": 12, "a hundred": 100, "one hundred": 100,
    "a thousand": 1000, "one thousand": 1000,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "m": 1_000_000, "bn": 1_000_000_000, "k": 1_000}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in _UNITS), key=len, reverse=True))
_NUMBER = (rf"(?<![\w-])(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|"
           rf"(?:(?:{_TENS})-(?:one|two|three|four|five|six|seven|eight|nine)|{_WORD_NUMBER})"
           rf"(?![\w-]))"
           r"(?:\s*(?:hundred|thousand|million|billion)\b)?")
_QUALIFIER = (r"(?:more than|over|at least|nearly|almost|about|around|some|up to|fewer than|"
              r"less than|as many as|roughly|approximately)")

#: the verbs and adjectives a count is reported with, by the measure they report
_MEASURES = {
    "killed": ("killed", "dead", "died", "slain", "lost their lives", "killing"),
    "injured": ("injured", "wounded", "hurt", "injuring", "wounding"),
    "arrested": ("arrested", "detained", "arresting", "detaining", "in custody"),
    "missing": ("missing", "unaccounted for"),
    "displaced": ("displaced", "evacuated", "homeless", "displacing"),
}
_MEASURE_OF = {w: m for m, words in _MEASURES.items() for w in words}
_MEASURE_WORD = "|".join(sorted((re.escape(w) for w in _MEASURE_OF), key=len, reverse=True))
_WHO = (r"(?:people|persons|civilians|soldiers|children|police(?:men| officers)?|officers|"
        r"troops|fighters|militants|protesters|demonstrators|residents|passengers|migrants|"
        r"workers|students|suspects|men|women|others|victims|individuals)")
_ASIDE = r"(?:\s*(?:--|—|–|\()[^.;]{0,80}?(?:--|—|–|\)))?"
#: "148 people were killed", "78 people -- 45 in Jableh and 33 in Tartus -- were killed",
#: "at least 30 dead"
_COUNT_FIRST = re.compile(
    rf"(?P<q>{_QUALIFIER}\s+)?(?P<n>{_NUMBER})(?:\s+(?:more|other))?(?:\s+{_WHO})?{_ASIDE}"
    rf"(?:\s+(?:were|was|have been|had been|are|is|being|have|had|now|reportedly|also))*"
    rf"\s+(?P<m>{_MEASURE_WORD})\b",
    re.IGNORECASE,
)
#: "killed at least 41 people", "the attack left 12 dead"
_MEASURE_FIRST = re.compile(
    rf"\b(?P<m>killed|killing|injured|injuring|wounded|wounding|arrested|detained|displaced|"
    rf"displacing|evacuated)\s+(?P<q>{_QUALIFIER}\s+)?(?P<n>{_NUMBER})\s+(?:{_WHO})\b",
    re.IGNORECASE,
)
#: "a death toll of 60", "the toll rose to 71"
_TOLL = re.compile(
    rf"\b(?:death|casualty)?\s*toll\s+(?:of|at|to|rose to|has risen to|climbed to|"
    rf"stands at|stood at|reached)\s+(?P<q>{_QUALIFIER}\s+)?(?P<n>{_NUMBER})\b",
    re.IGNORECASE,
)
_CURRENCY = r"(?:US\$|\$|€|£|¥|USD\s?|EUR\s?|GBP\s?)"
#: sums of money, by the word that says what the sum is
_MONEY_KINDS = {
    "fined": ("fine", "fined", "penalty"),
    "pledged": ("pledge", "pledged", "pledging", "promised"),
    "damage": ("damage", "damages", "losses"),
    "paid": ("paid", "pay", "compensation", "settlement", "ransom"),
    "cost": ("cost", "costs", "worth", "valued"),
    "raised": ("raised", "raising"),
}
_MONEY_OF = {w: m for m, words in _MONEY_KINDS.items() for w in words}
_MONEY = re.compile(
    rf"(?P<q>{_QUALIFIER}\s+)?(?P<n>{_CURRENCY}\d+(?:[.,]\d+)*(?:\s*(?:million|billion|bn|m|k)\b)?)",
    re.IGNORECASE,
)
MONEY_REACH = 40  # characters around a sum where the word naming it may stand
#: "45 in Jableh", "another 48 in Tartus": a part of a figure by place
_PART = re.compile(
    rf"(?:another\s+)?(?P<n>{_NUMBER})(?:\s+{_WHO})?(?:\s+(?:were|was|had been|have been))?"
    rf"(?:\s+(?:{_MEASURE_WORD}))?\s+in\s+(?:the\s+)?(?P<p>(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*))",
    re.IGNORECASE,
)
_OF_THEM = re.compile(r"\s+of\s+(?:them|whom|those)\b", re.IGNORECASE)

#: who said it: "according to the Syrian Observatory for Human Rights monitoring group"
_ACCORDING = re.compile(
    r"\baccording to\s+(?:the\s+|a\s+|an\s+)?(?P<s>[^,.;]{2,80}?)(?=\s*(?:[,.;]|$|\bwho\b))",
    re.IGNORECASE,
)
#: "State media earlier said", "Police say": a short subject opening the sentence
_SAID_FIRST = re.compile(
    r"^(?:the\s+)?(?P<s>[\w'.-]+(?:\s+[\w'.-]+){0,4}?)\s+(?P<e>earlier\s+|later\s+|had\s+|"
    r"initially\s+|previously\s+)?(?:said|says|reported|reports|announced|told|put|gave|"
    r"estimated|confirmed)\b",
    re.IGNORECASE,
)
#: ", police said." closing the sentence
_SAID_LAST = re.compile(
    r",\s*(?:the\s+|a\s+)?(?P<s>[\w'.-]+(?:\s+[\w'.-]+){0,5}?)\s+(?P<e>earlier\s+|later\s+)?"
    r"(?:said|says|reported|reports|announced|confirmed|told\s+\w+)"
    r"(?:\s+(?:on|late|early)\s+\w+(?:\s+\w+)?)?\s*\W*$",
    re.IGNORECASE,
)
_EARLIER = re.compile(r"\b(?:earlier|initially|previously|at first|first reported)\b",
                      re.IGNORECASE)
#: a time that dates the report, not the event: "the agency said on Wednesday"
_REPORT_TIME = re.compile(r"\b(?:said|says|reported|announced|confirmed|told \w+)\s+(?:on\s+)?\Z")
REPORT_REACH = 24  # characters before a time where _REPORT_TIME's verb can stand
_PRONOUNS = frozenset("he she they it we i who which this that".split())
#: lowercase words that end a named source ("... Human Rights monitoring group")
_SOURCE_TAIL = re.compile(r"(?:\s+(?:monitoring\s+)?(?:group|agency|organisation|organization|"
                          r"monitor|watchdog|officials?|sources?))+$", re.IGNORECASE)
#: sources named by a common noun, written lowercase when quoted mid-line
_COMMON_SOURCES = frozenset(
    "state police officials authorities government local hospital health rescue rescuers "
    "witnesses activists medics doctors military army security residents media".split()
)
_NAME = re.compile(r"(?<![\w'])[A-Z][\w'-]*[a-z][\w'-]*")
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december the a an in on at but and "
    "more state police".split()
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


def number_value(text: str) -> int | None:
    """"148" -> 148, "270,000" -> 270000, "a hundred" -> 100, "2.5 million" -> 2500000."""
    t = " ".join(text.strip().lower().split())
    if t in _UNITS:
        return _UNITS[t]
    tens, _, unit = t.partition("-")
    if tens in _UNITS and unit in _UNITS and _UNITS[tens] >= 20 and _UNITS[unit] < 10:
        return _UNITS[tens] + _UNITS[unit]  # "forty-five"
    m = re.match(r"([\d.,]+|[a-z -]+?)\s*(hundred|thousand|million|billion|bn|m|k)?$", t)
    if not m:
        return None
    head, scale = m.group(1).strip(), m.group(2)
    if head in _UNITS:
        base: float = _UNITS[head]
    else:
        digits = head.replace(",", "")
        try:
            base = float(digits)
        except ValueError:
            return None
    value = base * (_SCALES[scale] if scale else 1)
    return int(round(value)) if value < _TOO_LARGE else None  # 400 digits: float inf


def _source(text: str) -> tuple[str, bool]:
    """Who a sentence says gave its figure ("" when nobody is named), and whether it
    says the figure came earlier."""
    earlier = bool(_EARLIER.search(text))
    m = _ACCORDING.search(text)
    found = ""
    if m:
        found = m.group("s")
    else:
        m = _SAID_FIRST.match(text) or _SAID_LAST.search(text)
        if m and not any(c.isdigit() for c in m.group("s")):
            found = m.group("s")
    found = _SOURCE_TAIL.sub("", found.strip()) if _NAME.search(found) else found.strip()
    if found.casefold() in _PRONOUNS or found.casefold().startswith(("it ", "he ", "she ")):
        found = ""
    if found and found.split()[0].casefold() in _COMMON_SOURCES:
        found = found[:1].lower() + found[1:]  # "State media" mid-line: "state media"
    return found, earlier


def _breakdown(text: str, total: int | None) -> tuple[tuple[str, int], ...]:
    """Parts by place that add up to the total (or every part when no total is given)."""
    parts = []
    for m in _PART.finditer(text):
        n = number_value(m.group("n"))
        if n is None or _OF_THEM.match(text, m.end("n")):
            continue
        place = m.group("p")
        if place.split()[0].casefold() in _NOT_NAMES:
            continue
        parts.append((place, n))
    if len(parts) < 2:
        return ()
    if total is not None and sum(n for _, n in parts) != total:
        return ()
    return tuple(parts)


def _matches(text: str) -> Iterable[tuple[str, int, str, bool, int]]:
    """(measure, count, figure as written, money, where the number ends) for each figure
    in a sentence."""
    for rx in (_COUNT_FIRST, _MEASURE_FIRST):
        for m in rx.finditer(text):
            if _OF_THEM.match(text, m.end("n")):
                continue
            n = number_value(m.group("n"))
            if n is not None:
                yield _MEASURE_OF[m.group("m").lower()], n, _figure(m), False, m.end("n")
    for m in _TOLL.finditer(text):
        n = number_value(m.group("n"))
        if n is not None:
            yield "killed", n, _figure(m), False, m.end("n")
    for m in _MONEY.finditer(text):
        near = text[max(0, m.start() - MONEY_REACH) : m.end() + MONEY_REACH].lower()
        kinds = [_MONEY_OF[w] for w in re.findall(r"[a-z]+", near) if w in _MONEY_OF]
        amount = number_value(re.sub(_CURRENCY, "", m.group("n"), flags=re.IGNORECASE))
        if kinds and amount is not None:
            yield kinds[0], amount, _figure(m), True, m.end("n")


def _figure(m: re.Match[str]) -> str:
    """The figure as written, a number in words as digits ("Forty-five" -> "45")."""
    q = (m.group("q") or "").strip().lower()
    n = m.group("n")
    if not any(c.isdigit() for c in n):
        n = f"{number_value(n) or 0:,}"
    return f"{q} {n}" if q else n


def _terms(text: str, said_by: str) -> tuple[frozenset[str], frozenset[str]]:
    """Names (capitalized words after the first, the source's own left out) and content
    words of a sentence: what tells one event from another."""
    skip = {w.casefold() for w in said_by.split()}
    tokens = list(_NAME.finditer(text))
    found = (t.group().removesuffix("'s").removesuffix("\u2019s").casefold()
             for t in tokens if t.start() > 0)
    names = frozenset(n for n in found if n not in _NOT_NAMES and n not in skip)
    stop = stop_words()
    generic = set(_MEASURE_OF) | {"people", "least", "more", "than", "said", "according"}
    words = frozenset(
        w.removesuffix("'s") for w in _WORD.findall(text.lower())
        if w not in stop and w not in generic and w not in skip
    )
    return names, words


def _sentence_figures(text: str, sentence_text: str) -> list[tuple[str, int, str, bool, int]]:
    """The figures of one sentence, each measure once (its first, largest-scope figure)."""
    seen: dict[str, tuple[str, int, str, bool, int]] = {}
    for found in _matches(sentence_text):
        seen.setdefault(found[0], found)
    return list(seen.values())


def find_claims(adoc: AnalyzedDocument, position: int = 0) -> list[Figure]:
    """Every figure an article reports, with who said it and the date its sentence names."""
    from timeline.events import cite

    doc = adoc.document
    sentences = [without_dateline(s) for s in adoc.sentences]
    out = []
    for s, timexes in zip(sentences, per_sentence(sentences, adoc.timexes), strict=True):
        figures = _sentence_figures(doc.text, s.text)
        if not figures:
            continue
        found = best_timex(doc.text, s, [t for t in timexes if not _REPORT_TIME.search(
            doc.text, max(0, t.start - REPORT_REACH), t.start)])
        date = _date_key(found[0].value) if found else None
        said_by, earlier = _source(s.text)
        names, words = _terms(s.text, said_by)
        for measure, count, figure, money, end in figures:
            whole = _states_total(s.text, end)
            parts = () if money else _breakdown(s.text, count if whole else None)
            total = count if whole or not parts else sum(n for _, n in parts)
            out.append(Figure(
                measure=measure, count=total,
                figure=figure if total == count else str(total),
                said_by=said_by, citation=cite(doc, s), date=date, breakdown=parts,
                earlier=earlier, names=names | {p.casefold() for p, _ in parts}, words=words,
                order=(doc.dct or "", position, s.index), money=money,
            ))
    return out


def _states_total(text: str, end: int) -> bool:
    """True when the figure is a total the sentence goes on to split ("78 people -- 45 in
    Jableh and 33 in Tartus --"), not the first of its parts ("A hundred people were killed
    in Jableh and another 48 in Tartus")."""
    after = text[end : end + TOTAL_REACH]
    return not re.match(rf"(?:\s+{_WHO})?(?:\s+(?:were|was|had been|have been))?"
                        rf"(?:\s+(?:{_MEASURE_WORD}))?\s+in\s+[A-Z]", after, re.IGNORECASE)


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
