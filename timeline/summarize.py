"""Extractive summaries of one article or of a story told by many (sumy framework).

``summarize(docs, method)`` picks sentences from the article bodies and returns them in
document order. Methods are registered by name in :data:`SUMMARIZERS`:

* ``news`` (default): our news summarizer. It combines position in the article,
  centrality in the sentence-similarity graph, coverage of the story's key words and
  names, the timeline (sentences that state a dated event) and redundancy control, and
  skips what is not summary material (bylines, datelines, captions, teasers, questions
  to the reader, quotes that only add colour). The scorer is a sumy summarizer
  (``news_summarizer()``: ``__call__(document, sentences_count)`` over sumy's document
  model, see ``sumy_document()``); the registry calls the same scorer directly so the
  pipeline does not pay sumy's import (about 0.3 s, NLTK included).
* ``lead``: the first sentences of each article.
* sumy's ``lexrank``, ``textrank``, ``lsa``, ``luhn``, ``sumbasic`` and ``kl``, fed by our
  offline tokenizer (sumy's own needs NLTK data).

Every method reads the article's language (``lang``, an ISO 639-1 code; detected from the
text when not given): English, French, German, Portuguese and Spanish have their own stop
words (sumy's lists plus news filler), stemmer (Snowball for all but English, which keeps
its light suffix stripper), date words (Babel's month and weekday names), bylines and page
furniture; capitals mark names except in German. Other languages are read as English.

sumy is imported lazily, inside functions, so importing this module stays cheap.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import re
import types
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, partial
from typing import Any

from timeline.errors import OptionError
from timeline.model import AnalyzedDocument, Sentence, Timex
from timeline.segment import without_dateline
from timeline.textstats import dot, stop_words

__all__ = [
    "DEFAULT_EMAIL_WORDS",
    "DEFAULT_SENTENCES",
    "SUMMARIZERS",
    "NewsWeights",
    "Summarizer",
    "news_summarizer",
    "sumy_document",
    "summarize",
    "summarize_text",
    "summarizer",
]

DEFAULT_SENTENCES = 4
"""Summary length when neither ``sentences`` nor ``words`` is given (a briefing's lead)."""

DEFAULT_EMAIL_WORDS = 100
"""A sensible ``words`` budget for an email summary (read in the preview pane)."""

# --- words ---------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STEM_CACHE: dict[str, str] = {}
_STEM_CACHE_MAX = 200_000


def _stem(word: str) -> str:
    """A light English suffix stripper (plural, past, gerund, possessive), memoized."""
    s = _STEM_CACHE.get(word)
    if s is not None:
        return s
    s = word
    if s.endswith(("'s", "’s")):
        s = s[:-2]
    n = len(s)
    if n > 4 and s.endswith("ies"):
        s = s[:-3] + "y"
    elif n > 5 and s.endswith("ing"):
        s = s[:-3]
    elif n > 4 and s.endswith("ed") and not s.endswith("eed"):
        s = s[:-2]
    elif n > 3 and s.endswith("es") and s[-3] in "sxz":
        s = s[:-2]
    elif n > 3 and s.endswith("s") and not s.endswith(("ss", "us", "is")):
        s = s[:-1]
    if len(_STEM_CACHE) < _STEM_CACHE_MAX:
        _STEM_CACHE[word] = s
    return s


def _stop_words() -> frozenset[str]:
    """The news stop words (the SMART list and reporting verbs), one object every call."""
    return stop_words("news")


# --- what is not summary material -----------------------------------------------------------

_FURNITURE_RE = re.compile(
    r"""^(?:
        by\s+[\w.'’ -]{2,60}$                                   # byline
      | (?:published|updated|last\s+updated|posted)\s*:         # timestamps
      | (?:scroll\s+down|click\s+here|read\s+more|follow\s+(?:us|him|her|@)|sign\s+up
         |share\s+this|subscribe|watch\s+(?:the\s+)?video|see\s+also|related\s*:
         |advertisement|copyright|all\s+rights\s+reserved|photo\s*:|picture\s*:|image\s*:
         |pictured\s*:|video\s*:|reporting\s+by|editing\s+by|writing\s+by
         |additional\s+reporting)
      | (?:[a-z]{3}\s+)?[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}\s*$   # bare dateline
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Credits and notes that end a line ('... - AFP Photo', 'Reuters contributed to this report').
# Tried only when one of _CREDIT_WORDS occurs: the leading .{0,300} is costly to scan.
_CREDIT_RE = re.compile(
    r"""^(?:
        .{0,300}(?:-\s*(?:afp|ap|reuters|getty|epa)\s+(?:photo|images?)|\((?:afp|ap|reuters)
        \s+photo[^)]*\))\s*\.?$                                 # photo credit
      | .{0,300}(?:contributed\s+to\s+this\s+report|all\s+rights\s+reserved)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT_WORDS = ("photo", "image", "contributed", "reserved")


# "Vicious: ESPN reporter ..." -- the label of a photo caption (not 'He said: "..."').
_CAPTION_LABEL_RE = re.compile(
    r"^(?!(?:With|In|On|At|As|After|For|From|To|The|A|An)\b)"
    r"[A-Z][\w'’-]*+(?:[ -][\w'’-]++){0,3}:\s*[A-Z0-9]"  # possessive: no backtracking
)
_CAPTION_MARK_RE = re.compile(
    r"\((?:pictured|above|below|left|right|centre|center|top|bottom|inset|file\s+photo)\b[^)]*\)"
    r"|,\s+pictured\b",
    re.IGNORECASE,
)
_OPEN_QUOTES = "\"“‘'«"
_CLOSE_QUOTES = "\"”’'»"
_FINAL = ".!…"
_QUOTE_MARKS = "\"“”‘’"
_QUOTED_RE = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]|‘([^‘’]{3,}?)’(?!\w)")
# Words that date a statement when no temporal tagging was done (raw text): weekdays,
# months, deictic days, and years.
_DATE_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    tomorrow january february march april may june july august september october november
    december
    """.split()
)



QUOTED_SHARE = 0.5  # a sentence mostly inside quotation marks is a quote


def _quote_share(text: str, quoted: re.Pattern[str] = _QUOTED_RE) -> float:
    """Share of the sentence's characters inside quotation marks."""
    inside = sum(len(m.group(0)) for m in quoted.finditer(text))
    return inside / max(1, len(text))


# 'He said: "I've got ...' -- a quote introduced by a colon that runs to the end.
_INTRODUCED_QUOTE_RE = re.compile(r":\s*[\"“‘'][^\"”’]{20,}$")
_CLOSING_QUOTE_RE = re.compile(r"[\w.,!?…]([\"”])|[.,!?…](’)(?!\w)")


def _is_colour_quote(text: str, lex: _Lexicon | None = None) -> bool:
    """A direct quote that is the sentence: it opens with a quote mark, is mostly quoted,
    or continues a quote opened in an earlier sentence ('We know how to look," she said.')."""
    opens, quoted = (lex.open_quotes, lex.quoted) if lex else (_OPEN_QUOTES, _QUOTED_RE)
    if not any(c in text for c in _QUOTE_MARKS):
        # Only straight apostrophes: a quote can merely open the sentence or follow a colon.
        return text[:1] in opens or (":" in text and bool(_INTRODUCED_QUOTE_RE.search(text)))
    if text[:1] in opens or _quote_share(text, quoted) > QUOTED_SHARE:
        return True
    if _INTRODUCED_QUOTE_RE.search(text):
        return True
    m = _CLOSING_QUOTE_RE.search(text)
    if m is None:
        return False
    mark = m.group(1) or m.group(2)
    before = text[: m.start(1) if m.group(1) else m.start(2)]
    opener = {"\"": "\"", "”": "“", "’": "‘"}[mark]
    if mark == "\"":
        return before.count("\"") % 2 == 0  # no quote opened inside this sentence
    return opener not in before


def _is_complete(text: str) -> bool:
    """Ends like a sentence (not a standfirst, bullet or caption without punctuation)."""
    return text.rstrip(_CLOSE_QUOTES + ")] ")[-1:] in _FINAL


MIN_WORDS = 3  # fewer words state nothing ("Blast inside hospital" has three)
HEADING_WORDS = 12  # shorter pieces without final punctuation are headings or labels


def _is_skippable(text: str, n_words: int, lex: _Lexicon) -> bool:
    """Not summary material: furniture, questions, headings, captions, fragments."""
    if n_words < MIN_WORDS:
        return True
    stripped = text.rstrip(_CLOSE_QUOTES + ")] ")
    last = stripped[-1:]
    if last == "?":
        return True  # a question, often to the reader
    if last in ":;,":
        return True  # introduces a quote or a list: incomplete on its own
    if last not in _FINAL and n_words < HEADING_WORDS:
        return True  # no final punctuation and short: a heading or a label
    if _CAPTION_LABEL_RE.match(text) and not text.startswith(lex.titles):
        return True
    if _CAPTION_MARK_RE.search(text):
        return True
    if lex.furniture.match(text):
        return True
    lower = text.lower()
    return any(w in lower for w in _CREDIT_WORDS) and bool(_CREDIT_RE.match(text))


# --- the news summarizer core (pure Python; sumy's DOM can feed it) --------------------------


@dataclass
class _Unit:
    """A candidate sentence with what the scorer needs."""

    order: int  # position in the cluster (document order, then sentence order)
    doc: int  # which document
    pos: int  # sentence number inside its document body
    text: str
    terms: dict[str, float]
    n_words: int
    dated: bool
    ref: Any = None  # what to return (sumy Sentence or model Sentence)
    alone: bool = False  # the sentence is a whole paragraph (a line of its own)


_WORD_INFO: dict[str, tuple[str | None, bool, float]] = {}
NAME_WEIGHT = 2.0  # a capitalized word names the people and places a story is about
MIN_TERM = 3  # shorter words ("un", "go") are no content terms; numbers are


@dataclass
class _Lexicon:
    """What the news summarizer knows of one language's words (see :func:`_lexicon`)."""

    lang: str
    stop: frozenset[str]
    stem: Callable[[str], str]
    date_words: frozenset[str]  # weekday and month names, "today" and its kin (lower case)
    verb_dates: frozenset[str]  # date words that are verbs too: dated only when capitalized
    name_weight: float  # a capitalized word inside a sentence (1.0: capitals mark no name)
    furniture: re.Pattern[str]
    open_quotes: str
    quoted: re.Pattern[str]
    titles: tuple[str, ...]  # honorifics that open a sentence, not a caption's label
    info: dict[str, tuple[str | None, bool, float]] = field(default_factory=dict)


_QUOTED_ANY_RE = re.compile(r"[\"“”«»„]([^\"“”«»„]{3,})[\"“”«»„]|‘([^‘’]{3,}?)’(?!\w)")


def _date_words(lang: str, deictic: frozenset[str]) -> frozenset[str]:
    """Babel's wide month and weekday names of ``lang``, lower case, by their last word
    (Portuguese "segunda-feira" is dated by "feira"), and the language's deictic days."""
    from babel import Locale

    loc = Locale.parse(lang)
    names = [
        str(n)
        for table in (loc.months, loc.days)
        for context in ("format", "stand-alone")
        for n in table[context]["wide"].values()
    ]
    return frozenset(_WORD_RE.findall(n.lower())[-1] for n in names) | deictic


@cache
def _lexicon(lang: str) -> _Lexicon:
    """The lexicon of ``lang``; English is the lists this module was tuned with, every
    other supported language comes from ``timeline/data/words/<lang>.json``."""
    if lang == "en":
        return _Lexicon(
            "en", _stop_words(), _stem, _DATE_WORDS, frozenset({"may", "march"}), NAME_WEIGHT,
            _FURNITURE_RE, _OPEN_QUOTES, _QUOTED_RE, ("Mr", "Ms", "Dr"), _WORD_INFO,
        )
    import snowballstemmer

    from timeline.language import words

    data = words(lang)
    return _Lexicon(
        lang,
        stop_words("news", lang),
        snowballstemmer.stemmer(data.snowball).stemWord,
        _date_words(lang, data.deictic_days),
        frozenset(),
        NAME_WEIGHT if data.names_capitalized else 1.0,
        re.compile("^(?:" + "|".join(data.furniture) + ")", re.IGNORECASE),
        _OPEN_QUOTES + data.open_quotes,
        _QUOTED_ANY_RE,
        data.titles,
    )


def _language(docs: Sequence[AnalyzedDocument], lang: str | None) -> _Lexicon:
    """The lexicon of ``lang``, or of the language detected in the first article's body;
    a language the pipeline does not handle is read as English."""
    from timeline.language import article_language

    return _lexicon(article_language([d.document.body for d in docs[:1]], lang))


def _word_info(w: str, lex: _Lexicon) -> tuple[str | None, bool, float]:
    """(stem, or None for a stop word; names a date; weight) for one word. A capitalized
    word inside a sentence names someone or something, the entities a story is about:
    its weight is 2, other words 1 (in German, where every noun is capitalized, 1)."""
    lw = w.lower()
    if lw in lex.date_words:
        dated = lw not in lex.verb_dates or w[0].isupper()  # not the verbs
    else:
        dated = len(lw) == 4 and lw[:2] in ("19", "20") and lw.isdigit()
    key = None if lw in lex.stop or (len(lw) < MIN_TERM and not lw.isdigit()) else lex.stem(lw)
    return key, dated, lex.name_weight if w[0].isupper() else 1.0


def _terms(text: str, lex: _Lexicon) -> tuple[dict[str, float], int, bool]:
    """Content-word stems with weights (names count double), the sentence's word count,
    and whether it names a day, month or year (the timeline signal without a tagger)."""
    words = _WORD_RE.findall(text)
    if not words:
        return {}, 0, False
    cache = lex.info
    get = cache.get
    tf: dict[str, float] = {}
    dated = False
    for w in words:  # one dictionary look-up per word once the cache is warm
        info = get(w)
        if info is None:
            info = _word_info(w, lex)
            if len(cache) < _STEM_CACHE_MAX:
                cache[w] = info
        key, is_date, weight = info
        if key is not None:
            tf[key] = tf.get(key, 0.0) + weight
        if is_date:
            dated = True
    key, _is_date, weight = get(words[0]) or _word_info(words[0], lex)
    if key is not None and weight > 1.0:
        tf[key] -= 1.0  # a sentence's first word is capitalized anyway
    return tf, len(words), dated


@dataclass(frozen=True)
class NewsWeights:
    """How much each signal counts. Few, round numbers: the method must generalize."""

    centrality: float = 0.15  # per word of the sentence, see _rank
    dated: float = 0.05
    quote: float = 0.2
    fragment: float = 0.2  # no final punctuation: a standfirst, bullet or caption
    max_similarity: float = 0.4  # never pick a sentence this close to a chosen one
    redundancy: float = 0.5
    min_words: int = 8  # shorter sentences count as this long for density
    window: int = 10  # sentences further into an article only when nearer ones run out


WORD_OVERRUN = 1.25
"""With a ``words`` budget, a sentence is taken only while the summary stays within this
many times the budget (sentences are whole: the last one may run over by a little)."""


def _eligible(u: _Unit, lex: _Lexicon) -> bool:
    """Summary material: not skippable, and not a line of its own that does not end like
    a sentence (a heading, a standfirst)."""
    return not _is_skippable(u.text, u.n_words, lex) and not (
        u.alone and not _is_complete(u.text)
    )


@dataclass
class _Ranking:
    """The state of one :func:`_rank` call: the upper bounds, the scores of the units
    examined so far, the ranking grown lazily from them, and the redundancy checks of
    maximal marginal relevance."""

    units: list[_Unit]
    w: NewsWeights
    lex: _Lexicon
    bound: dict[int, float]  # upper bound of each unit's score, by ``order``
    df: Counter[str]  # sentences a term occurs in
    take_any: bool  # nothing is summary material: anything may be taken
    by_bound: list[_Unit]  # the order units are examined in
    unit_at: dict[int, _Unit]
    scores: dict[int, float] = field(default_factory=dict)  # candidates examined
    can_open: set[int] = field(default_factory=set)  # complete, and not a colour quote
    looked: set[int] = field(default_factory=set)
    heap: list[tuple[bool, float, int]] = field(default_factory=list)
    ranked: list[_Unit] = field(default_factory=list)  # candidates, best first
    next_b: int = 0  # next unit of ``by_bound`` to examine
    idf: dict[str, float] = field(default_factory=dict)
    chosen_vecs: list[dict[str, float]] = field(default_factory=list)
    # per unit compared: its vector, its highest similarity to the chosen ones so far, and
    # how many chosen vectors that covers
    seen: dict[int, tuple[dict[str, float], float, int]] = field(default_factory=dict)
    out: set[int] = field(default_factory=set)  # chosen, or ruled out

    @classmethod
    def of(cls, units: list[_Unit], w: NewsWeights, lex: _Lexicon) -> _Ranking:
        bound, df = _bounds(units, w)
        return cls(
            units=units,
            w=w,
            lex=lex,
            bound=bound,
            df=df,
            take_any=not any(_eligible(u, lex) for u in units),
            by_bound=sorted(units, key=lambda u: (u.pos >= w.window, -bound[u.order], u.order)),
            unit_at={u.order: u for u in units},
        )

    def examine(self, u: _Unit) -> bool:
        """Whether ``u`` is a candidate; fills its score on first sight."""
        if u.order not in self.looked:
            self.looked.add(u.order)
            if self.take_any or _eligible(u, self.lex):
                w = self.w
                s = self.bound[u.order]
                complete = _is_complete(u.text)
                quote = _is_colour_quote(u.text, self.lex)
                if quote:
                    s -= w.quote
                if not complete:
                    s -= w.fragment
                self.scores[u.order] = s
                if complete and not quote:
                    self.can_open.add(u.order)
        return u.order in self.scores

    def grow(self) -> bool:
        """Append the next candidate to ``ranked``; False when there is none. A unit is
        examined only once its upper bound could rank."""
        w, by_bound, heap = self.w, self.by_bound, self.heap
        while True:
            if heap and (
                self.next_b >= len(by_bound)
                or heap[0] < (by_bound[self.next_b].pos >= w.window,
                              -self.bound[by_bound[self.next_b].order], by_bound[self.next_b].order)
            ):
                self.ranked.append(self.unit_at[heapq.heappop(heap)[2]])
                return True
            if self.next_b >= len(by_bound):
                return False
            u = by_bound[self.next_b]
            self.next_b += 1
            if self.examine(u):
                heapq.heappush(heap, (u.pos >= w.window, -self.scores[u.order], u.order))

    def has(self, i: int) -> bool:
        """Whether ``ranked`` has an ``i``-th candidate (growing it as needed)."""
        return i < len(self.ranked) or self.grow()

    def vector(self, u: _Unit) -> dict[str, float]:
        """The unit's unit-length tf-idf vector (computed only for sentences examined)."""
        n = len(self.units)
        v = {}
        for t, x in u.terms.items():
            weight = self.idf.get(t)
            if weight is None:
                weight = self.idf[t] = math.log((n + 1) / self.df[t])
            v[t] = x * weight
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {t: x / norm for t, x in v.items()}

    def similarity(self, u: _Unit) -> float:
        """The highest cosine of ``u`` with a chosen sentence; each pair is compared once."""
        entry = self.seen.get(u.order)
        v, sim, k = entry if entry is not None else (self.vector(u), 0.0, 0)
        for c in self.chosen_vecs[k:]:
            sim = max(sim, dot(v, c))
        self.seen[u.order] = (v, sim, len(self.chosen_vecs))
        return sim

    def best_next(self, start: int) -> _Unit | None:
        """The candidate with the best score less its redundancy penalty. A sentence's
        adjusted score never exceeds its score, so the scan down ``ranked`` stops at the
        first sentence whose score cannot beat the best adjusted score found."""
        w = self.w
        best, best_adj = None, -math.inf
        i = start
        while self.has(i):
            u = self.ranked[i]
            i += 1
            if u.order in self.out:
                continue
            score = self.scores[u.order]
            if best is not None and (score <= best_adj or u.pos >= w.window > best.pos):
                break  # nothing further down can beat ``best``
            sim = self.similarity(u)
            if sim > w.max_similarity:
                self.out.add(u.order)  # never two sentences this close
                continue
            adj = score - w.redundancy * sim
            if adj > best_adj:
                best, best_adj = u, adj
        return best


def _bounds(units: list[_Unit], w: NewsWeights) -> tuple[dict[int, float], Counter[str]]:
    """Each unit's score before the text checks, by ``order``, and the terms' sentence
    counts. The score is the position prior, the centrality (every other occurrence of
    each of the sentence's terms in the story, per word) and the dated bonus; the
    penalties, which need the text checks, are only paid for sentences examined, so this
    bounds the score from above."""
    total: dict[str, float] = {}
    df: Counter[str] = Counter()
    docs: set[int] = set()
    for u in units:
        docs.add(u.doc)
        df.update(u.terms.keys())
        for t, x in u.terms.items():
            total[t] = total.get(t, 0.0) + x
    n_docs = len(docs)
    bound: dict[int, float] = {}
    for u in units:
        degree = (sum(map(total.__getitem__, u.terms)) - len(u.terms)) / n_docs
        s = 1.0 / (1.0 + u.pos) + w.centrality * degree / max(w.min_words, u.n_words)
        if u.dated:
            s += w.dated
        bound[u.order] = s
    return bound, df


def _opener(r: _Ranking) -> _Unit:
    """The summary opens with the news: the first eligible sentence of an article (of the
    most central article in a cluster) that is complete and no colour quote; failing
    that, the first candidate."""
    first_of: dict[int, _Unit] = {}
    first_cand: _Unit | None = None
    for u in r.units:
        if u.doc in first_of or not r.examine(u):
            continue
        if first_cand is None:
            first_cand = u
        if u.order in r.can_open:
            first_of[u.doc] = u
    if not first_of:
        assert first_cand is not None
        first_of = {0: first_cand}
    return max(first_of.values(), key=lambda u: (r.scores[u.order], -u.order))


def _rank(
    units: list[_Unit], count: int, words: int | None, w: NewsWeights, lex: _Lexicon
) -> list[_Unit]:
    """Choose sentences: score every unit, then pick greedily with redundancy control.

    score = position prior 1 / (1 + position of the sentence in its article)
          + centrality x degree / max(min_words, words in the sentence), where degree
            counts, for each distinct content word of the sentence (light stems; a
            capitalized word, a name, counts double), its other occurrences anywhere in
            the story. With raw term counts that is the sentence's degree in the LexRank
            similarity graph (the sum of its dot products with every other sentence),
            obtained in linear time from the story's term totals; it is divided by the
            number of documents so one article and a cluster of hundreds weigh alike.
            Per word, it rewards sentences dense in the story's key words and names
            (coverage) and costs long sentences that add little.
          + a small bonus when the sentence carries a dated event (the timeline signal)
          - a penalty for direct quotes (colour) and for pieces without final punctuation
            inside a paragraph (photo captions that lost their line break).
    Not candidates unless nothing else is left: furniture (bylines, teasers, credits),
    questions, short headings, caption labels, and lines of their own without final
    punctuation (headings, standfirsts). The summary opens with the news: the first
    complete, non-quote candidate of an article (the best-scored such lead in a cluster)
    is always taken. Then maximal marginal relevance: never two sentences with tf-idf
    cosine above ``max_similarity``, and a penalty in between; sentences below the first
    ``window`` of their article come only after those above are used up or ruled out (the
    inverted pyramid). Only sentences actually examined get a vector, so the cost stays
    linear in the story's length.
    """
    if not units or count < 1:
        return []
    r = _Ranking.of(units, w, lex)
    opener = _opener(r)
    chosen = [opener]
    r.chosen_vecs.append(r.vector(opener))
    r.out.add(opener.order)
    total_words = opener.n_words
    start = 0
    while len(chosen) < count:
        while r.has(start) and r.ranked[start].order in r.out:
            start += 1
        best = r.best_next(start)
        if best is None:
            break
        r.out.add(best.order)
        if words is not None and total_words + best.n_words > words * WORD_OVERRUN:
            continue  # too long for the word budget; a shorter one may still fit
        chosen.append(best)
        r.chosen_vecs.append(r.seen[best.order][0])
        total_words += best.n_words
        if words is not None and total_words >= words:
            break
    return sorted(chosen, key=lambda u: u.order)


def _units_from_docs(docs: Sequence[AnalyzedDocument], lex: _Lexicon) -> list[_Unit]:
    units: list[_Unit] = []
    for d, adoc in enumerate(docs):
        # a sentence is dated when an event time overlaps it: the spans sorted by start,
        # with the furthest end reached so far, answer that by bisection
        spans = sorted((t.start, t.end) for t in adoc.timexes if _is_event_time(t))
        starts = [a for a, _ in spans]
        reach = list(itertools.accumulate((b for _, b in spans), max))
        sents = adoc.sentences
        for p, s in enumerate(sents):
            terms, n_words, has_date = _terms(s.text, lex)
            if spans:
                k = bisect.bisect_left(starts, s.end) - 1
                has_date = k >= 0 and reach[k] > s.start
            alone = (p == 0 or sents[p - 1].paragraph != s.paragraph) and (
                p + 1 == len(sents) or sents[p + 1].paragraph != s.paragraph
            )
            units.append(_Unit(len(units), d, p, s.text, terms, n_words, has_date, s, alone))
    return units


def _is_event_time(t: Timex) -> bool:
    return t.type in ("DATE", "TIME") and not t.value.endswith("_REF")


# --- sumy adapters ---------------------------------------------------------------------------

SUMY_MAX_SENTENCES = 300
"""sumy's graph methods are quadratic (LexRank on 5,000 sentences takes minutes): they see
at most this many sentences, the first ones of each article in turn."""


@cache
def _sumy_news_class() -> type:
    """The news summarizer as a sumy summarizer class (built lazily: importing sumy costs
    about 0.3 s, so the pipeline's own path calls the same scorer without it)."""
    from sumy.summarizers._summarizer import AbstractSummarizer

    class NewsSummarizer(AbstractSummarizer):
        """sumy's contract: ``__call__(document, sentences_count)`` -> sentences in order.

        ``document`` is sumy's ObjectDocumentModel. A document built by
        :func:`sumy_document` carries, for each sentence, its article number, its position
        in that article and whether it states a dated event (``document.meta``); any other
        sumy document is read as one article, positions counted from its first sentence.
        """

        def __init__(
            self, weights: NewsWeights | None = None, words: int | None = None, lang: str = "en"
        ):
            super().__init__()
            self.weights = weights or NewsWeights()
            self.words = words
            self.lexicon = _lexicon(lang)

        def __call__(self, document: Any, sentences_count: int) -> tuple[Any, ...]:
            meta = getattr(document, "meta", None)
            lex = self.lexicon
            units: list[_Unit] = []
            alone = {
                id(p.sentences[0]) for p in document.paragraphs if len(p.sentences) == 1
            }
            for i, s in enumerate(document.sentences):
                text = str(s)
                terms, n_words, dated = _terms(text, lex)
                if meta is not None:
                    doc, pos, dated = meta[i]
                else:
                    doc, pos = 0, i
                units.append(_Unit(i, doc, pos, text, terms, n_words, dated, s, id(s) in alone))
            chosen = _rank(units, int(sentences_count), self.words, self.weights, lex)
            return tuple(u.ref for u in chosen)

    return NewsSummarizer


def news_summarizer(
    weights: NewsWeights | None = None, words: int | None = None, lang: str = "en"
) -> Any:
    """Our news summarizer as a sumy summarizer instance (imports sumy), for texts in
    ``lang`` (a supported ISO 639-1 code)."""
    return _sumy_news_class()(weights, words, lang)


def sumy_document(
    docs: Sequence[AnalyzedDocument], lang: str = "en"
) -> tuple[Any, list[Sentence]]:
    """sumy ObjectDocumentModel of the bodies, and our Sentence for each sumy sentence.

    Paragraphs follow ``Sentence.paragraph``; ``document.meta`` holds (article number,
    position in the article, states a dated event) for each sentence.
    """
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    from timeline.segment import Tokenizer

    lex = _lexicon(lang)
    tok = Tokenizer(_sumy_language(lang))
    paragraphs = []
    ours: list[Sentence] = []
    meta: list[tuple[int, int, bool]] = []
    for d, adoc in enumerate(docs):
        dated_spans = [(t.start, t.end) for t in adoc.timexes if _is_event_time(t)]
        current: list[Any] = []
        para = None
        for p, s in enumerate(adoc.sentences):
            if para is not None and s.paragraph != para and current:
                paragraphs.append(Paragraph(current))
                current = []
            para = s.paragraph
            current.append(SumySentence(s.text, tok))
            ours.append(s)
            if dated_spans:
                dated = any(a < s.end and b > s.start for a, b in dated_spans)
            else:
                dated = _terms(s.text, lex)[2]
            meta.append((d, p, dated))
        if current:
            paragraphs.append(Paragraph(current))
    document = ObjectDocumentModel(paragraphs)
    document.meta = meta
    return document, ours



def _sumy_language(lang: str) -> str:
    """sumy's (and Snowball's) name of the language ``lang``."""
    from timeline.language import words

    return "english" if lang == "en" else words(lang).snowball


def _sumy_summarizer(module: str, cls: str, lang: str = "en") -> Any:
    import importlib

    from sumy.nlp.stemmers import Stemmer

    summarizer = getattr(importlib.import_module(module), cls)(Stemmer(_sumy_language(lang)))
    summarizer.stop_words = sorted(_lexicon(lang).stop)
    if hasattr(summarizer, "_create_dictionary"):  # LSA: rows in set order vary by hash seed
        summarizer._create_dictionary = types.MethodType(_sorted_dictionary, summarizer)
    return summarizer


def _sorted_dictionary(self: Any, document: Any) -> dict[str, int]:
    """sumy's LSA word -> row index, in sorted order: sumy numbers the rows in the order of a
    frozenset, which changes with PYTHONHASHSEED and, through the SVD, flips near-ties, so the
    same article got different LSA summaries from run to run."""
    words = (self.normalize_word(w) for w in document.words)
    unique = sorted({self.stem_word(w) for w in words if w not in self._stop_words})
    return {w: i for i, w in enumerate(unique)}


def _capped(docs: Sequence[AnalyzedDocument], limit: int) -> list[AnalyzedDocument]:
    """At most ``limit`` sentences: the first ones of each article in turn."""
    if sum(len(d.sentences) for d in docs) <= limit:
        return list(docs)
    keep = [0] * len(docs)
    left = limit
    depth = 0
    while left > 0:
        added = False
        for i, d in enumerate(docs):
            if depth < len(d.sentences) and left > 0:
                keep[i] += 1
                left -= 1
                added = True
        if not added:
            break
        depth += 1
    return [replace(d, sentences=d.sentences[: keep[i]]) for i, d in enumerate(docs)]


# --- methods ------------------------------------------------------------------------------


def _news(
    docs: Sequence[AnalyzedDocument],
    count: int,
    words: int | None,
    lang: str = "en",
    weights: NewsWeights | None = None,
) -> list[Sentence]:
    """The news method without building sumy objects (same scorer, fast path)."""
    lex = _lexicon(lang)
    units = _units_from_docs(docs, lex)
    return [u.ref for u in _rank(units, count, words, weights or NewsWeights(), lex)]


def _lead(
    docs: Sequence[AnalyzedDocument], count: int, words: int | None, lang: str = "en"
) -> list[Sentence]:
    """First sentences of each article in turn (round robin over several articles)."""
    out: list[Sentence] = []
    total = 0
    depth = 0
    while len(out) < count:
        added = False
        for adoc in docs:
            if depth < len(adoc.sentences):
                s = adoc.sentences[depth]
                out.append(s)
                total += len(s.words) if s.tokens else len(s.text.split())
                added = True
                if len(out) >= count or (words is not None and total >= words):
                    break
        if not added or (words is not None and total >= words):
            break
        depth += 1
    return out


SummarizeFn = Callable[..., list[Sentence]]
"""``f(docs, sentences, words, lang) -> sentences``; a ``weighted`` one also takes
``weights=``."""


def _with_sumy(module: str, cls: str) -> SummarizeFn:
    """sumy's summarizer class ``module.cls`` over our segmentation (imported when run)."""

    def run(
        docs: Sequence[AnalyzedDocument], count: int, words: int | None, lang: str = "en"
    ) -> list[Sentence]:
        document, ours = sumy_document(_capped(docs, SUMY_MAX_SENTENCES), lang)
        if not ours:
            return []
        summarizer = _sumy_summarizer(module, cls, lang)
        index = {id(s): i for i, s in enumerate(document.sentences)}
        best = summarizer(document, count)
        return [ours[index[id(s)]] for s in best]

    run.__doc__ = f"sumy's {cls} over our segmentation (lazy import)."
    return run


@dataclass(frozen=True)
class Summarizer:
    """One registered summarizer: ``run(docs, sentences, words)`` and a one-line ``help``."""

    run: SummarizeFn
    help: str
    fits_words: bool = False  # keeps to a ``words`` budget itself (else its picks are trimmed)
    weighted: bool = False  # takes ``weights=`` (NewsWeights, for tuning)


SUMMARIZERS: dict[str, Summarizer] = {
    "news": Summarizer(
        _news,
        "our news summarizer: position, centrality, key words, dated events, no redundancy",
        fits_words=True,
        weighted=True,
    ),
    "lead": Summarizer(_lead, "the first sentences of each article", fits_words=True),
    "lexrank": Summarizer(
        _with_sumy("sumy.summarizers.lex_rank", "LexRankSummarizer"),
        "sumy's LexRank (sentence-similarity graph)",
    ),
    "textrank": Summarizer(
        _with_sumy("sumy.summarizers.text_rank", "TextRankSummarizer"),
        "sumy's TextRank (word-overlap graph)",
    ),
    "lsa": Summarizer(
        _with_sumy("sumy.summarizers.lsa", "LsaSummarizer"),
        "sumy's LSA (latent semantic analysis)",
    ),
    "luhn": Summarizer(
        _with_sumy("sumy.summarizers.luhn", "LuhnSummarizer"),
        "sumy's Luhn (clusters of significant words)",
    ),
    "sumbasic": Summarizer(
        _with_sumy("sumy.summarizers.sum_basic", "SumBasicSummarizer"),
        "sumy's SumBasic (word probabilities)",
    ),
    "kl": Summarizer(
        _with_sumy("sumy.summarizers.kl", "KLSummarizer"),
        "sumy's KL-Sum (Kullback-Leibler divergence from the text)",
    ),
}
"""The summarizers by name, in the order the CLI lists them: the one list of methods
(``--method`` choices and help are built from it). Adding one is one entry here."""


def summarizer(method: str) -> Summarizer:
    """The registered summarizer called ``method``."""
    found = SUMMARIZERS.get(method)
    if found is None:
        raise OptionError(
            option="method",
            message=f"unknown summary method {method!r} (choose from {', '.join(SUMMARIZERS)})",
        )
    return found


SHORT_SENTENCE = 8
"""Words in a short news sentence: a budget of N words is met within N // 8 + 1 of them."""


def _words_to_count(docs: Sequence[AnalyzedDocument], words: int) -> int:
    """Upper bound on sentences needed for ``words`` words."""
    return max(1, min(sum(len(d.sentences) for d in docs), words // SHORT_SENTENCE + 1))


def summarize(
    docs: Sequence[AnalyzedDocument],
    method: str = "news",
    sentences: int | None = None,
    words: int | None = None,
    weights: NewsWeights | None = None,
    lang: str | None = None,
) -> tuple[Sentence, ...]:
    """Summary sentences from the article bodies, in document order (several articles: by
    publication date).

    ``sentences`` bounds the number of sentences (default :data:`DEFAULT_SENTENCES`);
    ``words`` instead asks for about that many words (sentences are whole: the last one
    may run over by a little). Several documents are summarized as one story.
    ``weights`` replaces the ``news`` method's :class:`NewsWeights` (for tuning and
    cross-validation, see tests/bench/bench_summary_cv.py); other methods ignore it.
    ``lang`` is the articles' language (ISO 639-1), detected from the first one when
    None; one the pipeline does not handle is read as English.
    """
    entry = summarizer(method)
    fn = entry.run
    if weights is not None and entry.weighted:
        fn = partial(fn, weights=weights)
    if sentences is not None and sentences < 1:
        raise OptionError(option="sentences", message="must be at least 1")
    if words is not None and words < 1:
        raise OptionError(option="words", message="must be at least 1")
    docs = list(docs)
    if not any(d.sentences for d in docs):
        return ()
    code = _language(docs, lang).lang
    if words is not None and sentences is None:
        count = _words_to_count(docs, words)
        if not entry.fits_words:
            chosen = _trim_to_words(fn(docs, count, None, code), words)
        else:
            chosen = fn(docs, count, words, code)
    else:
        chosen = fn(docs, sentences or DEFAULT_SENTENCES, words, code)
    # A story reads in the order it was reported: articles by publication date (undated
    # ones after), then as given; sentences in article order.
    def when(adoc: AnalyzedDocument) -> str:
        return adoc.document.dct or "9999"

    where = {
        id(s): (when(adoc), d, i)
        for d, adoc in enumerate(docs)
        for i, s in enumerate(adoc.sentences)
    }
    ordered = sorted(chosen, key=lambda s: where.get(id(s), ("9999", len(docs), s.start)))
    return tuple(without_dateline(s) for s in ordered)


def _trim_to_words(chosen: list[Sentence], words: int) -> list[Sentence]:
    out: list[Sentence] = []
    total = 0
    for s in chosen:
        if out and total >= words:
            break
        out.append(s)
        total += len(s.text.split())
    return out


def summarize_text(
    text: str,
    method: str = "news",
    sentences: int | None = None,
    words: int | None = None,
    doc_id: str = "text",
    lang: str | None = None,
) -> tuple[Sentence, ...]:
    """Summarize raw article text (no ingest, no temporal tagging): for evaluation."""
    from timeline.model import Document
    from timeline.segment import segment

    doc = Document(id=doc_id, text=text, body_start=0, body_end=len(text), dct=None, title="")
    sents = segment(text, doc_id=doc_id, tokens=False)
    adoc = AnalyzedDocument(document=doc, sentences=sents, timexes=())
    return summarize([adoc], method, sentences, words, lang=lang)
