"""Story timelines: one timeline of the dates that matter across many articles.

Every article's time expressions are already resolved against its own publication date
(DCT), so a sentence in a Tuesday article that says "on Monday" points at that Monday,
and a sentence of a later article that says "on May 23" points at the same day. From
there (after DATEWISE, Ghalandari & Ifrim 2020, without its supervised ranker):

1. Candidates. A sentence that names a calendar day is a *mention* of that day. The
   opening sentences of an article that name no day report what happened on its
   publication day or the day before: *publication* candidates for both days (for the
   one of them its lead names, when it names one). Only days that some statement
   names can be chosen.
2. Date ranking, from how widely a day is referred to: the days of publication on
   which articles mention it (a day still recalled weeks later matters more than one
   many articles name on a single day), plus half the articles that mention it on or
   after it (those written before it, which can only announce a plan, count a
   quarter), with the burst of articles published on it and the day after as a
   tie-break. A sentence counts for the first day it names. The
   day after a better-ranked day waits until the other days are taken (it is most
   often the same event retold: "yesterday").
3. For each chosen day, the sentences that best say what happened: TF-IDF vectors
   (sentence-level IDF, sharpened so that the day's specific words weigh more), scored
   against the day's centroid pulled towards the story's centroid; chosen greedily so
   each added sentence keeps the day's summary close to it (CentroidOpt) and says
   something new. Page furniture (comment headers, date stamps, transcript labels) is
   never a candidate. Without ``keywords``, a statement must use one of the story's
   most frequent words, which keeps unrelated items out.
4. Near-duplicates (the same statement in several outlets) are merged into one Event
   whose ``sources`` cite every article that said it.

Everything is counting over dicts: thousands of articles take seconds.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal

from timeline.errors import OptionError
from timeline.events import best_timex, cite, per_sentence
from timeline.events import order as order_events
from timeline.model import AnalyzedDocument, Event, Sentence, Timeline, Timex
from timeline.temporal.timex3 import interval, parse
from timeline.textstats import clean, dot, stop_words

__all__ = [
    "DATE_FEATURES",
    "StoryParams",
    "candidate_day_features",
    "is_statement",
    "reads_as_sentence",
    "story_timeline",
]

_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")


@dataclass(frozen=True)
class StoryParams:
    """Knobs of the method (defaults are the evaluated configuration)."""

    lead_sentences: int = 3  # opening sentences that count as publication-day candidates
    pub_days: int = 2  # an article reports its publication day and the day before
    w_docs_after: float = 0.5  # articles published after the day that mention it
    w_docs_same: float = 0.5  # articles published on the day that mention it
    w_docs_before: float = 0.25  # articles that mention it in advance (plans, schedules)
    w_sents: float = 0.0  # sentences that mention the day
    w_days: float = 1.0  # days of publication on or after it on which it is mentioned
    w_pub: float = 0.05  # articles published on the day or the day after (burst tie-break)
    min_words: int = 6
    max_words: int = 80
    idf_power: float = 1.5  # > 1 favours the rarer, more specific words of a day
    story_weight: float = 0.5  # pull of the whole story's centroid in sentence choice
    topic_terms: int = 6  # without keywords: a statement must name one of the story's top terms
    duplicate_cosine: float = 0.6  # statements sharing this much wording are one event
    redundant_cosine: float = 0.3  # a second sentence for a day must add this much news
    cross_date_cosine: float = 0.9  # a statement this close to one at another date is not news
    default_cap: int = 30
    need_mention: bool = True  # a day must be named by at least one statement
    lead_settles: bool = True  # a lead that names its day settles what day it reports
    first_only: bool = True  # a sentence mentions the first day it names (not every one)
    min_gap: int = 2  # days this close after a better-ranked day wait their turn ...
    # ... unless what their statements say is unrelated to that day's (cosine of the two
    # days' statement centroids below this): then it is news of its own, not a retelling
    retold_cosine: float = 0.05
    same_fact_overlap: float = 0.5  # same date named + this share of the shorter one's words
    same_fact_min: int = 4  # ... and at least this many shared content words
    clock_per_day: int = 4  # briefings: at most this many clock-time entries per chosen day
    # Off in the evaluated day protocol (each cost ~0.001 R1 on Timeline17), always on in
    # briefings: a paraphrase of a pick is not a second entry for its date; a lead
    # statement placed at a coarser period ("in 1986") is not news of the publication day.
    paraphrase_repeats: bool = False
    lead_elsewhen: bool = False
    mixed_terms: int = 3  # briefings: the top terms are this many times more
    small_story: int = 10  # fewer articles than this: every date one of them names counts


@dataclass
class _Cand:
    adoc_index: int
    sentence: Sentence
    timex: Timex | None
    words: list[str]
    vec: dict[str, float] = field(default_factory=dict)
    lead: bool = False  # one of its article's opening sentences


def _words(text: str) -> list[str]:
    stop = stop_words("smart")
    return [w for w in _WORD.findall(text.lower()) if w not in stop]


_COMMENT = re.compile(r"\bwrote\s*:|^\s*(?:posted|updated|update|last updated)\b|\|", re.I)
_ALPHA = re.compile(r"[^\W\d_]{2,}")


CAPS_WORDS = 3  # fewer words in capitals is an acronym or two ("CNN", "BP")...
CAPS_SHARE = 0.3  # ... and so is a smaller share of the words; more is a transcript label


def is_statement(sentence: Sentence, timexes: Sequence[Timex], min_words: int = 5) -> bool:
    """A sentence that states something, not page furniture: no comment header ("At 2:28
    pm, dancer54 wrote:"), no separator bars, no date stamp alone, no transcript label in
    capitals ("CARL AZUZ, CNN ANCHOR:")."""
    text = sentence.text
    if _COMMENT.search(text) or text.rstrip().endswith(":"):
        return False
    if timexes:
        # Leave the time expressions out: a date stamp alone states nothing.
        parts, pos = [], 0
        for t in sorted(timexes, key=lambda t: t.start):
            a, b = t.start - sentence.start, t.end - sentence.start
            if a >= pos:
                parts.append(text[pos:a])
                pos = b
        parts.append(text[pos:])
        text = " ".join(parts)
    words = _ALPHA.findall(text)
    if len(words) < min_words:
        return False
    caps = sum(1 for w in words if w.isupper())
    return caps < CAPS_WORDS or caps < CAPS_SHARE * len(words)


#: page furniture opening a line ("— — Hurricane Laura", "| More", "* * *")
_FURNITURE = re.compile(r"^\s*(?:[-—–|*•·]+\s*){1,}")
_ENDS = ('.', '!', '?', '"', "'", "\u201d", "\u2019", ")")


def reads_as_sentence(text: str) -> bool:
    """A briefing entry must read as a sentence: not opened by furniture dashes or bars,
    ended by a full stop, question or exclamation mark (or a closing quote after one);
    a headline or a fragment cut mid-sentence ends otherwise."""
    stripped = text.strip()
    if _FURNITURE.match(stripped):
        return False
    return stripped.endswith(_ENDS) and (stripped[:1].isupper() or stripped[:1] in "\"\u201c'(")


def _day_parts(value: str) -> tuple[int, int, int] | None:
    """Year, month and day of a value that names one calendar day ("2016-05-23") or a
    time within one ("2016-05-23T09:00", "2016-05-23TNI"), as the value writes them
    (not checked against the calendar); None for anything else ("2016-05", "XXXX-05-23",
    "2016-W21-1")."""
    tv = parse(value)
    if tv is None or tv.kind != "date" or tv.bc:
        return None
    if tv.zone is not None and tv.hour is None and tv.part is None:
        return None  # a zone needs a time of day
    if not (tv.year and tv.month and tv.day):
        return None
    if not (tv.year.isdigit() and tv.month.isdigit() and tv.day.isdigit()):
        return None
    return int(tv.year), int(tv.month), int(tv.day)


def _day(value: str) -> date | None:
    """The calendar day a value names (or names a time within); None when it names none
    or a day the calendar does not have ("2016-02-30")."""
    parts = _day_parts(value)
    if parts is None:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


def _has_clock(value: str) -> bool:
    """The value gives a clock time, hours and minutes ("2016-05-23T09:00", "T09:00")."""
    tv = parse(value)
    return tv is not None and tv.minute is not None


def _parse_bound(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    d = _day(value.strip())
    if d is None or len(value.strip()) != 10:
        raise OptionError(name, f"{value!r}: expected YYYY-MM-DD, e.g. 2016-05-23")
    return d


def period_bounds(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """The first and last day a timeline keeps (``YYYY-MM-DD`` each, either may be None)."""
    lo = _parse_bound(since, "since")
    hi = _parse_bound(until, "until")
    if lo and hi and lo > hi:
        raise OptionError("since", f"{lo.isoformat()} is after the end date {hi.isoformat()}")
    return lo, hi


def _normalize(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else vec


def _follows(d: date, t: date, gap: int) -> bool:
    """True when day ``d`` comes less than ``gap`` days after day ``t``."""
    return 0 < (d - t).days < gap


def _set_cosine(a: set[str], b: set[str]) -> float:
    """Word overlap of two statements, independent of how rare the words are."""
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def _keyword_match(text: str, keywords: Sequence[str]) -> bool:
    low = text.lower()
    return any(k in low for k in keywords)


def _body_sentences(adoc: AnalyzedDocument) -> list[Sentence]:
    doc = adoc.document
    return [s for s in adoc.sentences if s.start >= doc.body_start and s.end <= doc.body_end]


def _day_timexes(
    adoc: AnalyzedDocument, sentences: Sequence[Sentence], day_only: bool = True
) -> list[list[Timex]]:
    """Per sentence, its time expressions that name one calendar day (or a time in one)."""
    return per_sentence(
        sentences,
        (
            t
            for t in adoc.timexes
            if not day_only or (t.type in ("DATE", "TIME") and _day_parts(t.value))
        ),
    )


def _rank_dates(
    mentions: dict[date, list[_Cand]],
    pubs_on: Counter,
    dcts: Sequence[date],
    params: StoryParams,
) -> list[tuple[date, float]]:
    """Every day some statement names or some article was published on, with its support
    (how widely it is referred to), best first."""
    days = set(mentions) | set(pubs_on)
    scored = []
    for d in days:
        after, same, before = _mentioning_docs(d, mentions.get(d, ()), dcts)
        n_sents = len(mentions.get(d, ()))
        n_pub = pubs_on.get(d, 0) + (pubs_on.get(d + timedelta(days=1), 0) if d < date.max else 0)
        score = (
            params.w_docs_after * len(after)
            + params.w_docs_same * len(same)
            + params.w_docs_before * len(before)
            + params.w_sents * n_sents
            + params.w_pub * n_pub
            + params.w_days * len({dcts[i] for i in after | same})
        )
        scored.append((d, score))
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored


def _mentioning_docs(
    d: date, cands: Iterable[_Cand], dcts: Sequence[date]
) -> tuple[set[int], set[int], set[int]]:
    """The articles that name day ``d``: published after it, on it, and before it."""
    after: set[int] = set()
    same: set[int] = set()
    before: set[int] = set()
    for c in cands:
        pub = dcts[c.adoc_index]
        (after if pub > d else same if pub == d else before).add(c.adoc_index)
    return after, same, before


DATE_FEATURES = (
    "support",  # the support score above (log)
    "docs_after",  # articles published after the day that name it (log, as all counts)
    "docs_same",  # articles published on the day that name it
    "docs_before",  # articles that name it in advance
    "sents",  # sentences that name it
    "pub_days",  # days of publication on or after it on which it is named
    "lead_docs",  # articles that name it in their opening sentences
    "reported",  # articles whose undated lead reports it (published on it or the day after)
    "pubs_on",  # articles published on the day
    "pubs_next",  # ... and on the day after
    "burst",  # articles published on it and the day after, against the story's daily mean
    "spread",  # days between the first and the last article that names it
    "recalled",  # days from it to the last article that names it
    "topical",  # cosine of what its statements say with the story's centroid
    "eligible",  # its statements that may be picked (readable, on the story's terms)
)


def _log(n: float) -> float:
    return math.log1p(max(0.0, n))


def _day_features(story: _Story, d: date, support: float) -> list[float]:
    """The features of candidate day ``d`` the date ranker weighs, as ``DATE_FEATURES``."""
    corpus, dcts = story.corpus, story.dcts
    cands = corpus.mentions.get(d, [])
    after, same, before = _mentioning_docs(d, cands, dcts)
    pubs = [dcts[i] for i in after | same | before]
    nxt = corpus.pubs_on.get(d + timedelta(days=1), 0) if d < date.max else 0
    on = corpus.pubs_on.get(d, 0)
    daily = len(dcts) / max(1, len(corpus.pubs_on))
    return [
        _log(support),
        _log(len(after)),
        _log(len(same)),
        _log(len(before)),
        _log(len(cands)),
        _log(len({dcts[i] for i in after | same})),
        _log(len({c.adoc_index for c in cands if c.lead})),
        _log(len({c.adoc_index for c in corpus.published.get(d, ())})),
        _log(on),
        _log(nxt),
        _log((on + nxt) / (2 * daily)),
        _log((max(pubs) - min(pubs)).days if pubs else 0),
        _log(max((p - d).days for p in pubs) if pubs else 0),
        dot(_day_vec(story, d), story.centroid),
        _log(sum(1 for c in cands if story.eligible(c))),
    ]


# --- the request and the state the phases share ------------------------------------------

MIN_DAYS = 3
"""A story timeline without ``max_dates`` has at least this many days (a cap, and the
days kept when none reaches the score floor)."""

DAYS_PER_ROOT_ARTICLE = 2
"""Without ``max_dates``, the cap grows as this times the square root of the article count:
a dozen days for 36 articles, 30 (``default_cap``) from 225 on."""

MIN_DAY_SCORE = 2.0
"""In a big story a day must score this much (two articles naming it, say) to be kept..."""

MIN_DAY_SCORE_SMALL = 1.0
"""... and in a story of a few articles one article naming it is enough."""

MIN_ARTICLES = 2
"""Briefings of a big story: a clock time or a background period counts when at least this
many articles give it (in a small story, one)."""

PERIODS_PER_DAYS = 3
"""Briefings of a big story: one background period for every this many days (at least
``MIN_DAYS``), so the background never outweighs the days themselves."""

TERM_POOL = 3
"""The story's top terms are looked for among this many times as many frequent words
(single letters and numbers are skipped)."""


@dataclass(frozen=True)
class _Request:
    """What was asked for, validated."""

    params: StoryParams
    mixed: bool  # briefings: periods and clock times besides days
    per_date: int
    max_dates: int | None
    lo: date | None
    hi: date | None
    kws: tuple[str, ...]

    def in_range(self, d: date) -> bool:
        return (self.lo is None or d >= self.lo) and (self.hi is None or d <= self.hi)


def _request(
    max_dates: int | None,
    per_date: int,
    keywords: Sequence[str],
    since: str | None,
    until: str | None,
    params: StoryParams | None,
    granularity: str,
) -> _Request:
    params = params or StoryParams()
    if granularity not in ("day", "mixed"):
        raise OptionError("granularity", f"{granularity!r}: expected 'day' or 'mixed'")
    mixed = granularity == "mixed"
    if mixed:
        params = replace(params, paraphrase_repeats=True, lead_elsewhen=True)
    if per_date < 1:
        raise OptionError("per_date", "must be at least 1")
    if max_dates is not None and max_dates < 1:
        raise OptionError("max_dates", "must be at least 1")
    lo, hi = period_bounds(since, until)
    kws = tuple(k.strip().lower() for k in keywords if k.strip())
    return _Request(params, mixed, per_date, max_dates, lo, hi, kws)


_Key = tuple[int, int]  # (article number, sentence start): one statement
_Entry = tuple[_Cand, list[_Cand]]  # a pick and the other articles' sentences saying the same
_Day = tuple[date, list[_Entry]]


def _key(c: _Cand) -> _Key:
    return (c.adoc_index, c.sentence.start)


@dataclass
class _Corpus:
    """What the candidate pass gathers from the articles."""

    mentions: dict[date, list[_Cand]] = field(default_factory=lambda: defaultdict(list))
    published: dict[date, list[_Cand]] = field(default_factory=lambda: defaultdict(list))
    pubs_on: Counter[date] = field(default_factory=Counter)
    df: Counter[str] = field(default_factory=Counter)  # sentences a word occurs in
    n_units: int = 0
    words_of: dict[_Key, list[str]] = field(default_factory=dict)
    # Briefings: statements placed at a period coarser than a day, or at a clock time.
    coarse: dict[tuple[str, str | None], list[_Cand]] = field(
        default_factory=lambda: defaultdict(list)
    )
    clocks: dict[date, list[_Cand]] = field(default_factory=lambda: defaultdict(list))
    period_docs: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))


# --- 1. candidates ---------------------------------------------------------------------------


def _collect(docs: Sequence[AnalyzedDocument], dcts: Sequence[date], req: _Request) -> _Corpus:
    corpus = _Corpus()
    for ai, adoc in enumerate(docs):
        _collect_article(corpus, req, ai, adoc, dcts[ai])
    return corpus


def _report_days(pub: date, day_tx: Sequence[Sequence[Timex]], params: StoryParams) -> list[date]:
    """The day an article's undated lead sentences report: its publication day or the day
    before, unless its lead names one of the two, which settles it."""
    report_days = [pub - timedelta(days=k) for k in range(min(params.pub_days, pub.toordinal()))]
    if params.lead_settles:
        candidates = set(report_days)
        lead_days = (_day(t.value) for txs in day_tx[: params.lead_sentences] for t in txs)
        named = {d for d in lead_days if d in candidates}
        if named:
            report_days = sorted(named, reverse=True)[:1]
    return report_days


def _collect_article(
    corpus: _Corpus, req: _Request, ai: int, adoc: AnalyzedDocument, pub: date
) -> None:
    corpus.pubs_on[pub] += 1
    sentences = _body_sentences(adoc)
    corpus.n_units += len(sentences)
    day_tx = _day_timexes(adoc, sentences)
    all_tx = _day_timexes(adoc, sentences, day_only=False)
    report_days = _report_days(pub, day_tx, req.params)
    if req.mixed:
        for tx in adoc.timexes:
            if tx.type == "DATE":
                corpus.period_docs[tx.value].add(ai)
    text = adoc.document.text
    for si, (s, txs) in enumerate(zip(sentences, day_tx, strict=True)):
        lead = si < req.params.lead_sentences
        _collect_sentence(corpus, req, text, ai, s, lead, txs, all_tx[si], report_days)


def _collect_sentence(
    corpus: _Corpus,
    req: _Request,
    text: str,
    ai: int,
    s: Sentence,
    lead: bool,
    txs: Sequence[Timex],
    all_txs: Sequence[Timex],
    report_days: Sequence[date],
) -> None:
    """File one sentence: a mention of each day it names, else (in the lead) a publication
    candidate; in briefings also under its clock time or coarser period."""
    words = _words(s.text)
    corpus.df.update(set(words))
    elsewhen = False  # the statement is placed at a period coarser than a day
    if (req.mixed or req.params.lead_elsewhen) and all_txs and is_statement(s, all_txs):
        kind = _collect_detail(text, ai, s, all_txs, corpus.coarse, corpus.clocks)
        elsewhen = kind == "coarse"
        corpus.words_of[(ai, s.start)] = words
    if not (txs or lead) or not is_statement(s, all_txs):
        return
    if req.mixed and not reads_as_sentence(s.text):
        return
    corpus.words_of[(ai, s.start)] = words
    if txs:
        seen: set[date] = set()
        for tx in txs:
            d = _day(tx.value)
            if d is None or d in seen or not req.in_range(d):
                continue
            seen.add(d)
            corpus.mentions[d].append(_Cand(ai, s, tx, [], lead=lead))
            if req.params.first_only:
                break
    elif lead and not elsewhen:
        for d in report_days:
            if req.in_range(d):
                corpus.published[d].append(_Cand(ai, s, None, []))


def _story_terms(df: Counter[str], req: _Request, n_docs: int) -> frozenset[str]:
    """Without keywords, the story's own: the words its sentences use most. A briefing
    keeps background statements, which use the story's wider vocabulary."""
    params = req.params
    if req.kws or not params.topic_terms:
        return frozenset()
    small = n_docs < params.small_story
    n_terms = params.topic_terms * (params.mixed_terms if req.mixed and small else 1)
    common = df.most_common(n_terms * TERM_POOL)
    top = [w for w, _ in common if len(w) > 1 and not w.isdigit()]
    return frozenset(top[:n_terms])


# --- the selection state ---------------------------------------------------------------------


@dataclass
class _Story:
    """The state the selection phases share: the request, the corpus, the word weights,
    and what has been picked so far."""

    req: _Request
    docs: Sequence[AnalyzedDocument]
    dcts: Sequence[date]
    corpus: _Corpus
    idf: dict[str, float]
    terms: frozenset[str]  # a statement must use one of these (empty: no such filter)
    centroid: dict[str, float] = field(default_factory=dict)  # the story's leads
    used: set[_Key] = field(default_factory=set)  # picked, or cited as a paraphrase
    picked_vecs: list[dict[str, float]] = field(default_factory=list)
    day_vecs: dict[date, dict[str, float]] = field(default_factory=dict)  # see _day_vec

    @property
    def small(self) -> bool:
        """A story of a few articles (briefings keep more of what they name)."""
        return len(self.docs) < self.req.params.small_story

    def words(self, c: _Cand) -> list[str]:
        if not c.words:
            c.words = self.corpus.words_of.get(_key(c)) or _words(c.sentence.text)
        return c.words

    def vectorize(self, c: _Cand) -> None:
        if c.vec:
            return
        tf = Counter(self.words(c))
        c.vec = _normalize({w: (1 + math.log(n)) * self.idf.get(w, 1.0) for w, n in tf.items()})

    def eligible(self, c: _Cand) -> bool:
        """A statement that may be picked: of a readable length, not used yet, with a
        keyword (when given) or one of the story's terms."""
        params = self.req.params
        words = self.words(c)
        n = len(c.sentence.text.split())
        return (
            params.min_words <= n <= params.max_words
            and _key(c) not in self.used
            and (not self.req.kws or _keyword_match(c.sentence.text, self.req.kws))
            and (not self.terms or bool(self.terms.intersection(words)))
        )

    def closeness(self, vec: dict[str, float], target: dict[str, float]) -> float:
        """How close ``vec`` is to ``target`` pulled towards the story's centroid (the
        pulled target's norm is the same for every candidate, so it is left out)."""
        return dot(vec, target) + self.req.params.story_weight * dot(vec, self.centroid)

    def duplicates(self, p: _Cand, cands: Sequence[_Cand]) -> list[_Cand]:
        """The other articles' sentences among ``cands`` that say what ``p`` says: most of
        its wording, or (both dated) the same fact."""
        params = self.req.params
        p_set = set(p.words)
        return [
            c
            for c in cands
            if c.adoc_index != p.adoc_index
            and (
                _set_cosine(p_set, set(c.words)) >= params.duplicate_cosine
                or (
                    p.timex is not None
                    and c.timex is not None
                    and _same_fact(p_set, set(c.words), params)
                )
            )
        ]


def _story_state(docs: Sequence[AnalyzedDocument], dcts: Sequence[date], req: _Request) -> _Story:
    corpus = _collect(docs, dcts, req)
    power = req.params.idf_power
    idf = {w: math.log((corpus.n_units + 1) / (n + 0.5)) ** power for w, n in corpus.df.items()}
    story = _Story(req, docs, dcts, corpus, idf, _story_terms(corpus.df, req, len(docs)))
    # The story centroid: what the collection as a whole is about (its leads).
    story_vec: dict[str, float] = defaultdict(float)
    for cands in corpus.published.values():
        for c in cands:
            story.vectorize(c)
            for w, v in c.vec.items():
                story_vec[w] += v
    story.centroid = _normalize(dict(story_vec))
    return story


# --- 2. dates --------------------------------------------------------------------------------


def _candidate_days(story: _Story) -> list[tuple[date, float]]:
    """The days that may be chosen, with their support, best supported first."""
    req, corpus, params = story.req, story.corpus, story.req.params
    return [
        (d, s)
        for d, s in _rank_dates(corpus.mentions, corpus.pubs_on, story.dcts, params)
        if req.in_range(d) and (d in corpus.mentions or not params.need_mention)
    ]


def candidate_day_features(
    adocs: Sequence[AnalyzedDocument],
    *,
    since: str | None = None,
    until: str | None = None,
    params: StoryParams | None = None,
) -> list[tuple[date, list[float]]]:
    """The days a story timeline may choose among, each with its ``DATE_FEATURES`` (what
    ``tests/bench/fit_tls.py`` fits the date ranker on)."""
    req = _request(None, 1, (), since, until, params, "day")
    docs = [a for a in adocs if a.document.dct and _day(a.document.dct)]
    if not docs:
        return []
    dcts = [_day(a.document.dct or "") or date.min for a in docs]
    story = _story_state(docs, dcts, req)
    return [(d, _day_features(story, d, s)) for d, s in _candidate_days(story)]


def _ranked_days(story: _Story) -> tuple[list[date], int]:
    """The candidate days, best first, and how many of them to keep."""
    req, params = story.req, story.req.params
    ranked = _candidate_days(story)
    if req.max_dates is not None:
        return [d for d, _ in ranked], req.max_dates
    n_docs = len(story.docs)
    cap = min(params.default_cap, max(MIN_DAYS, round(DAYS_PER_ROOT_ARTICLE * math.sqrt(n_docs))))
    # Days that several articles name (one is enough in a story of a few articles).
    floor = MIN_DAY_SCORE_SMALL if story.small else MIN_DAY_SCORE
    ranked = [(d, s) for d, s in ranked if s >= floor] or ranked[:MIN_DAYS]
    if req.mixed and story.small:
        # A briefing on a handful of articles keeps every day one of them names.
        cap = min(params.default_cap, max(cap, len(ranked)))
    return [d for d, _ in ranked], cap


def _day_vec(story: _Story, d: date) -> dict[str, float]:
    """What the statements naming day ``d`` say, as one vector."""
    if d not in story.day_vecs:
        cands = story.corpus.mentions.get(d, [])
        for c in cands:
            story.vectorize(c)
        story.day_vecs[d] = _normalize(_mean(cands)) if cands else {}
    return story.day_vecs[d]


def _retold(story: _Story, d: date, t: date) -> bool:
    """Day ``d`` just follows the better-ranked day ``t`` and its statements are about
    what ``t``'s are about (the same event retold, "yesterday")."""
    params = story.req.params
    if not _follows(d, t, params.min_gap):
        return False
    return dot(_day_vec(story, d), _day_vec(story, t)) >= params.retold_cosine


def _day_order(story: _Story, days: list[date], cap: int) -> list[date]:
    """The day after a better-referenced day is most often the same event retold
    ("yesterday"): first the days that do not just retell one, then the rest."""
    params = story.req.params
    if params.min_gap <= 1:
        return days
    first: list[date] = []
    later: list[date] = []
    for d in days:
        if len(first) < cap and not any(_retold(story, d, t) for t in first):
            first.append(d)
        else:
            later.append(d)
    return first + later


# --- 3. sentences per date -------------------------------------------------------------------


def _choose_days(story: _Story, days: Sequence[date], cap: int) -> list[_Day]:
    chosen: list[_Day] = []
    corpus = story.corpus
    for d in days:
        if len(chosen) >= cap:
            break
        cands = corpus.mentions.get(d, []) + corpus.published.get(d, [])
        if not cands:
            continue
        entries = _pick_day(story, cands, _dated_only(story, d))
        if entries:
            chosen.append((d, entries))
    return chosen


def _dated_only(story: _Story, d: date) -> list[_Cand] | None:
    """Briefings: the statements that name the day themselves, when there are any; an
    undated lead (a publication candidate, whose date is only inferred) then is cited as
    their paraphrase, never the entry."""
    if not story.req.mixed:
        return None
    dated = [c for c in story.corpus.mentions.get(d, []) if story.eligible(c)]
    return dated or None


def _pick_day(
    story: _Story, cands: list[_Cand], pickable: list[_Cand] | None = None
) -> list[_Entry]:
    """The statements that best say what happened on one day (among ``pickable`` when
    given), with their duplicates among all ``cands``."""
    for c in cands:
        story.vectorize(c)
    day_centroid = _normalize(_mean(cands))
    pool = [c for c in (pickable if pickable is not None else cands) if story.eligible(c)]
    picks = _centroid_picks(story, pool, day_centroid)
    entries = []
    for p in picks:
        dups = story.duplicates(p, cands)
        story.used.add(_key(p))
        p_set = set(p.words)
        for c in dups:
            # A paraphrase is cited here; it may still tell another day's news.
            if _set_cosine(p_set, set(c.words)) >= story.req.params.duplicate_cosine:
                story.used.add(_key(c))
        story.picked_vecs.append(p.vec)
        entries.append((p, dups))
    return entries


def _centroid_picks(
    story: _Story, pool: list[_Cand], target: dict[str, float]
) -> list[_Cand]:
    """Greedily, the candidate that keeps the picks' summary closest to ``target`` and
    says something new (CentroidOpt), up to ``per_date``."""
    params = story.req.params
    picks: list[_Cand] = []
    summary: dict[str, float] = {}
    while pool and len(picks) < story.req.per_date:
        best, best_score = None, -1.0  # any candidate beats none
        for c in pool:
            if any(_repeats(c, p, params) for p in picks):
                continue
            merged = dict(summary)
            for w, v in c.vec.items():
                merged[w] = merged.get(w, 0.0) + v
            score = story.closeness(_normalize(merged), target)
            if score > best_score:
                best, best_score = c, score
        if best is None:
            break
        pool.remove(best)
        if any(dot(best.vec, v) > params.cross_date_cosine for v in story.picked_vecs):
            continue  # the same statement already stands at another date
        picks.append(best)
        for w, v in best.vec.items():
            summary[w] = summary.get(w, 0.0) + v
    return picks


# --- 4. briefings: clock times and background periods ----------------------------------------


def _pick_detail(story: _Story, cands: list[_Cand]) -> list[_Entry]:
    """The statements that best say what happened at one time, each with the other
    articles' sentences that say the same thing there."""
    pool = [c for c in cands if story.eligible(c)]
    if not pool:
        return []
    for c in cands:
        story.vectorize(c)
    centroid = _normalize(_mean(cands))
    pool.sort(key=lambda c: -story.closeness(c.vec, centroid))
    params = story.req.params
    out: list[_Entry] = []
    for p in pool:
        if len(out) >= story.req.per_date:
            break
        if _key(p) in story.used:
            continue
        if any(dot(p.vec, q.vec) > params.redundant_cosine for q, _ in out):
            continue
        dups = story.duplicates(p, cands)
        for c in [p, *dups]:
            story.used.add(_key(c))
        out.append((p, dups))
    return out


def _clock_details(story: _Story, chosen_days: Sequence[date]) -> list[_Entry]:
    """Clock times within the chosen days, the times most articles give first."""
    params = story.req.params
    floor_docs = 1 if story.small else MIN_ARTICLES
    # A big story has more days to tell, so fewer times each.
    per_day = params.clock_per_day if story.small else max(1, params.clock_per_day // 2)
    out: list[_Entry] = []
    for d in chosen_days:
        by_time: dict[str, list[_Cand]] = defaultdict(list)
        for c in story.corpus.clocks.get(d, ()):
            if c.timex is not None and _is_clock(c.timex, story.docs[c.adoc_index].document.text):
                by_time[c.timex.value].append(c)
        times = sorted(
            (
                (-len({c.adoc_index for c in cands}), value, cands)
                for value, cands in by_time.items()
            ),
            key=lambda x: x[:2],
        )
        # In a big story a time counts when several articles give it.
        times = [t for t in times if -t[0] >= floor_docs]
        for _, _, cands in times[:per_day]:
            out.extend(_pick_detail(story, cands))
    return out


def _period_details(story: _Story, chosen_days: Sequence[date], cap: int) -> list[_Entry]:
    """Background periods, the ones most articles mention first."""
    req, corpus = story.req, story.corpus
    floor_docs = 1 if story.small else MIN_ARTICLES
    n_periods = len(corpus.coarse) if story.small else max(MIN_DAYS, cap // PERIODS_PER_DAYS)
    periods = []
    for (value, mod), cands in corpus.coarse.items():
        tx = cands[0].timex
        span = _span(tx) if tx is not None else None
        if span is None:
            continue
        start, end = (_naive(x).date() for x in span)
        if any(start <= d < end for d in chosen_days):
            continue  # a period around the chosen days: the days themselves say it better
        if (req.lo and end <= req.lo) or (req.hi and start > req.hi):
            continue
        n_mention = len(corpus.period_docs.get(value, ()))
        if n_mention >= floor_docs:
            periods.append((-n_mention, value, mod or "", cands))
    periods.sort(key=lambda x: x[:3])
    out: list[_Entry] = []
    taken = 0
    for _, _, _, cands in periods:
        if taken >= n_periods:
            break
        got = _pick_detail(story, cands)
        taken += bool(got)
        out.extend(got)
    return out


# --- the whole -------------------------------------------------------------------------------


def story_timeline(
    adocs: Sequence[AnalyzedDocument],
    *,
    max_dates: int | None = None,
    per_date: int = 1,
    keywords: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    params: StoryParams | None = None,
    granularity: Literal["day", "mixed"] = "day",
) -> Timeline:
    """The timeline of a story told by many articles, each anchored to its own DCT.

    ``granularity="day"`` (the evaluated protocol) gives day-level entries only.
    ``"mixed"`` (briefings) also keeps what each article's own timeline has: background
    periods coarser than a day (years, months, seasons, "mid-2014") that some article
    states as an event, ranked by how many articles mention the period, and clock-time
    events within the chosen days at their own precision; without ``max_dates`` the number
    of days adapts to the input (every supported day for a handful of articles, a cap
    growing with the square root of the count for thousands).

    ``max_dates`` caps the number of dates (default: chosen from the collection, at most
    30); ``per_date`` is the number of entries per date; ``keywords`` keeps only
    statements that contain one of them (case-insensitive); ``since``/``until``
    (YYYY-MM-DD, inclusive) bound the dates. Events come in date order, then by rank.
    Bad values raise :class:`~timeline.errors.OptionError` naming the parameter.
    """
    req = _request(max_dates, per_date, keywords, since, until, params, granularity)
    docs = [a for a in adocs if a.document.dct and _day(a.document.dct)]
    if not docs:
        return Timeline(events=())
    dcts = [_day(a.document.dct or "") or date.min for a in docs]
    story = _story_state(docs, dcts, req)
    days, cap = _ranked_days(story)
    chosen = _choose_days(story, _day_order(story, days, cap), cap)
    if not req.mixed:
        return Timeline(events=tuple(_events(docs, chosen)))
    chosen_days = sorted(d for d, _ in chosen)
    detail = _clock_details(story, chosen_days) + _period_details(story, chosen_days, cap)
    events = _events(docs, chosen, precise=True) + [
        _detail_event(docs, p, dups) for p, dups in detail
    ]
    return order_events(events)


_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow "
    "january february march april may june july august september october november december "
    "morning afternoon evening night week month year".split()
)


def _same_fact(a: set[str], b: set[str], params: StoryParams) -> bool:
    """Two statements that name the same time and share most of their content words
    (the calendar words themselves left out) state the same fact, however phrased."""
    a, b = a - _CALENDAR, b - _CALENDAR
    if not a or not b:
        return False
    shared = len(a & b)
    return shared >= params.same_fact_min and shared >= params.same_fact_overlap * min(
        len(a), len(b)
    )


def _repeats(c: _Cand, p: _Cand, params: StoryParams) -> bool:
    """Candidate ``c`` says nothing new next to the pick ``p`` of the same date."""
    if dot(c.vec, p.vec) > params.redundant_cosine:
        return True
    return (
        params.paraphrase_repeats
        and c.timex is not None
        and p.timex is not None
        and c.adoc_index != p.adoc_index
        and _same_fact(set(c.words), set(p.words), params)
    )


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b(?!\s*(?:GMT|UTC|hours|hrs))")
STAMP_REACH = 20  # characters before a time where a page's stamp word stands ("Updated: ")
_STAMP_BEFORE = re.compile(r"\b(?:update|updated|posted|published|last modified)\W{0,3}$", re.I)


def _is_clock(tx: Timex, text: str) -> bool:
    """A clock time the statement reports ("at 9:00 am"), not a part of the day
    ("tonight") nor a page's time stamp ("Wednesday, July 21, 2010; 6:43 PM",
    "(Update 5:30 a.m. in Cairo)")."""
    if not _has_clock(tx.value) or _YEAR.search(tx.text):
        return False
    return not _STAMP_BEFORE.search(text[max(0, tx.start - STAMP_REACH) : tx.start])


def _naive(dt: datetime) -> datetime:
    return dt.replace(tzinfo=None)


def _span(tx: Timex) -> tuple[datetime, datetime] | None:
    return interval(tx.value, tx.mod, tx.utc_offset)


DAY_SECONDS = 86400  # a time narrower than a day is a clock time, wider a period


def _collect_detail(
    text: str,
    ai: int,
    s: Sentence,
    timexes: Sequence[Timex],
    coarse: dict[tuple[str, str | None], list[_Cand]],
    clocks: dict[date, list[_Cand]],
) -> str | None:
    """File a statement under the time its event is placed at (as the events stage
    places it) when that is a clock time or a period coarser than a day."""
    found = best_timex(text, s, timexes)
    if found is None:
        return None
    tx, (start, end) = found
    width = (end - start).total_seconds()
    if width < DAY_SECONDS and tx.type == "TIME":
        clocks[_naive(start).date()].append(_Cand(ai, s, tx, []))
        return "clock"
    if width > DAY_SECONDS and tx.type == "DATE":
        coarse[(tx.value, tx.mod)].append(_Cand(ai, s, tx, []))
        return "coarse"
    return None


def _mean(cands: Sequence[_Cand]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for c in cands:
        for w, v in c.vec.items():
            out[w] += v / len(cands)
    return dict(out)


def _event(
    docs: Sequence[AnalyzedDocument],
    p: _Cand,
    dups: Sequence[_Cand],
    *,
    value: str,
    mod: str | None,
    start: datetime,
    end: datetime,
    timex: Timex,
    utc_offset: str | None = None,
    inferred: bool = False,
) -> Event:
    adoc = docs[p.adoc_index]
    s = p.sentence
    seen = {adoc.document.id}
    cites = [cite(adoc.document, s)]
    for c in sorted(dups, key=lambda c: (docs[c.adoc_index].document.dct or "", c.adoc_index)):
        other = docs[c.adoc_index]
        if other.document.id in seen:
            continue
        seen.add(other.document.id)
        cites.append(cite(other.document, c.sentence))
    return Event(
        value=value,
        mod=mod,
        start=start,
        end=end,
        text=clean(s.text),
        timex=timex,
        sources=tuple(cites),
        utc_offset=utc_offset,
        inferred=inferred,
    )


def _detail_event(docs: Sequence[AnalyzedDocument], p: _Cand, dups: Sequence[_Cand]) -> Event:
    """An event at the statement's own time: a clock time or a period coarser than a day."""
    tx = p.timex
    assert tx is not None
    span = _span(tx)
    assert span is not None
    return _event(
        docs,
        p,
        dups,
        value=tx.value,
        mod=tx.mod,
        start=span[0],
        end=span[1],
        timex=tx,
        utc_offset=tx.utc_offset,
    )


def _events(
    docs: Sequence[AnalyzedDocument],
    chosen: Iterable[tuple[date, list[tuple[_Cand, list[_Cand]]]]],
    *,
    precise: bool = False,
) -> list[Event]:
    """Day-level events in date order; with ``precise``, a statement that gives a clock
    time within its day is placed at that time."""
    events = []
    for d, entries in sorted(chosen, key=lambda x: x[0]):
        value = d.isoformat()
        start = datetime(d.year, d.month, d.day)
        end = start + timedelta(days=1) if d < date.max else datetime.max  # 9999-12-31
        for p, dups in entries:
            tx = p.timex
            text = docs[p.adoc_index].document.text
            if (
                precise
                and tx is not None
                and tx.type == "TIME"
                and (_is_clock(tx, text) or not _has_clock(tx.value))
            ):
                span = _span(tx)
                if span and _naive(span[0]).date() == d and span[1] - span[0] < timedelta(days=1):
                    events.append(_detail_event(docs, p, dups))
                    continue
            timex = tx or Timex(
                tid="t0",
                start=p.sentence.start,
                end=p.sentence.start,
                text="",
                type="DATE",
                value=docs[p.adoc_index].document.dct or value,
                anchor="t0",
                rule="story:publication-date",
            )
            events.append(
                _event(
                    docs,
                    p,
                    dups,
                    value=value,
                    mod=None,
                    start=start,
                    end=end,
                    timex=timex,
                    # an undated lead: its day is the article's publication day (or the
                    # day before), which no word of the sentence says
                    inferred=tx is None,
                )
            )
    return events
