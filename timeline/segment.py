"""Sentences and words with character offsets, tuned for news text.

Offline and dependency-free: one regular-expression scan finds candidate sentence ends
(``.``, ``!``, ``?``, ellipses, with any closing quotes or brackets), and a handful of
rules decide which of them end a sentence: known abbreviations ("Mr.", "Jan. 5",
"U.S. Navy", "9 a.m. Monday"), initials ("J. R. R. Tolkien"), a lower-case
continuation ('"Why?" she asked.'), a quote closed by "?" or "!" and followed by its
speaker. Numbers never split ("3.5", "$1.2 billion") because a candidate end must be
followed by white space.

Line breaks: in text pasted from a news page every line is a paragraph, and a line with
no final punctuation (a subheading such as "Blast inside hospital") is a sentence of its
own. Text hard-wrapped at a fixed width (paragraphs separated by blank lines, lines
running on mid-sentence) is detected, and there a single line break is only a space.

``segment`` returns :class:`timeline.model.Sentence` values whose offsets point into the
text given; ``Tokenizer`` adapts the same rules to sumy's tokenizer contract.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from timeline.ingest.text import wire_dateline_end
from timeline.language import month_names
from timeline.model import Sentence, Token

__all__ = ["Tokenizer", "segment", "split_sentences", "tokenize", "without_dateline"]

# --- abbreviations -------------------------------------------------------------------
# Titles and words that are never the last word of a sentence when followed by a period.
_TITLES = frozenset(
    """
    mr mrs ms messrs mme mlle dr prof sen sens rep reps gov govt gen lt col sgt capt cmdr
    cdr adm maj brig cpl pvt pte rev revd hon pres supt det insp fr msgr sr sra srta
    rt atty asst assoc dept univ mt ft vs v cf approx ca viz al
    """.split()
)
# Abbreviations that may end a sentence: split only when the next word clearly starts one.
_ENDERS = frozenset(
    """
    inc corp co ltd llc plc bros jr sr etc ave blvd rd st sq pl ln hwy esq
    ph.d phd m.d b.a m.a d.c u.s u.k u.n e.u a.m p.m
    """.split()
)
# Taken as abbreviations before a number ("No. 1", "Jan. 5", "pp. 10").
ORDINAL_DAY_DIGITS = 2  # "23." before a month is a German-style ordinal day
_BEFORE_NUMBER = frozenset(
    """
    no nos nr vol vols art arts fig figs p pp ch sec para op ed
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# US state abbreviations in AP style ("Tampa, Fla.", "Springfield, Ill."), capitalized as
# written: they continue a dateline or a place, and end a sentence only before a starter.
_STATES = frozenset(
    """
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss
    Mo Mont Neb Nev N.H N.J N.M N.Y N.C N.D Okla Ore Pa R.I S.C S.D Tenn Tex Va Vt Wash
    Wis Wisc Wyo
    """.split()
)
# Spanish doubled initials for plurals ("EE. UU." Estados Unidos, "FF. AA." Fuerzas
# Armadas): the first never ends a sentence, the second only before a starter.
_DOUBLED_RE = re.compile(r"([A-Z])\1")
# Lower-case dotted forms such as "e.g." or "i.e." are followed by lower case anyway.

# Capitalized words that begin sentences far more often than they follow "U.S." or "Inc.".
_STARTERS = frozenset(
    """
    a an the this that these those there then thus so but and or yet nor for if when while
    after before as at by in on of from to with without since because although though
    however meanwhile moreover still also instead indeed now later earlier today yesterday
    he she it they we i you his her its their our my your who what where why how which
    one some many most all both each every no not none several few other another such
    is are was were has have had will would can could should may might must do does did
    police officials authorities investigators witnesses critics experts analysts
    """.split()
)
_AFTER_CLOCK = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec
    et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest ist jst aest
    eastern central mountain pacific local
    """.split()
)
_SPEECH_VERBS = (
    "said|says|asked|asks|added|adds|told|tells|wrote|writes|replied|replies|shouted|"
    "explained|tweeted|posted|noted|cried|yelled|insisted|recalled|continued|wondered|"
    "called"
)

_OPENERS = "\"'“‘«([{"
_CLOSERS = "\"'”’»)]}"

# A candidate sentence end: terminal punctuation, then closing quotes/brackets, then
# white space or the end of the span.
_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]}]*(?=\s|$)")  # runs such as '?!' and '...'
_ALNUM_RE = re.compile(r"[^\W_]")
# The word before a period (letters, dots, apostrophes).
_WORD_BEFORE_RE = re.compile(r"([^\W_]+(?:\.[^\W_]+)*)\.$")
_NEXT_WORD_RE = re.compile(r"\s*[\"'“‘«(\[{*•\-–—]*\s*([^\W_][\w'’.-]*)?")
_SPEAKER_RE = re.compile(
    r"\s*(?:[A-Z][\w'’.-]*\s+){1,3}(?:" + _SPEECH_VERBS + r")\b"
    r"|\s*(?:" + _SPEECH_VERBS + r")\s+[A-Z]"
)
_LIST_MARKER_RE = re.compile(r"(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})\.$")
_GLUE_RE = re.compile(
    r"(?<=[a-z0-9%)])[ \t]+(?="
    r"(?:The|His|Her|Its|Their|This|These|But|In|On|After|When|While|(?P<noun>Police))"
    r"[ \t]+[\"'‘“]?[a-z0-9]"
    r"|(?:He|She|It|They|We)[ \t]+[a-z]"
    r"|(?P<article>A|An)[ \t]+[a-z]"
    r"|[‘“][A-Z])"
)
_GLUE_STOP = frozenset(
    """
    a an the of to in on at by for with from into onto and or but nor as than that which who
    whom whose this these those his her their its our my your is was were are be been being
    has have had do does did said says told say tell asks asked called named dubbed titled
    reads read watch watched see saw star stars starring film movie show series book song
    album novel play magazine newspaper paper program programme game
    """.split()
)
_LINE_RE = re.compile(r"[^\r\n]+")
# Page furniture pasted inline without punctuation: always a sentence of its own.
_TEASER_RE = re.compile(
    r"\b(?i:scroll down for (?:the )?videos?|click here (?:for|to)\b[^.!?\n]{0,80}?"
    r"\b(?:news|videos?|gallery|pictures|photos|more|story|coverage|results))\b"
)
_WS = " \t\r\n\f\v\u00a0"

# --- tokens ----------------------------------------------------------------------------
_ABBREVS = frozenset(a for a in _TITLES | _ENDERS | _BEFORE_NUMBER if "." not in a)
_TOKEN_RE = re.compile(
    r"""
      (?:[^\W\d_]\.){2,}(?![^\W\d_])                  # dotted acronyms: U.S. a.m. e.g.
    | \d+(?:[.,:]\d+)*[^\W_]*(?:[-‐]\w+)*%?           # 3.5 1,000 9:00 10th 1980s 22-year-old
    | \w+(?:['’]\w+)*(?:[-‐]\w+(?:['’]\w+)*)*         # words: don't 22-year-old al-Assad
    | \.{2,}|…|-{2,}|[—–]                             # ellipses and dashes
    | \S                                              # any other character
    """,
    re.VERBOSE,
)


def _spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Token spans of ``text[start:end]``; "Mr." and "Jan." keep their period."""
    spans = [m.span() for m in _TOKEN_RE.finditer(text, start, end)]
    i = 1
    while i < len(spans):
        a, b = spans[i]
        if text[a] == "." and b == a + 1 and spans[i - 1][1] == a:
            pa = spans[i - 1][0]
            if text[pa:a].lower() in _ABBREVS and (b == end or text[b] in _WS):
                spans[i - 1] = (pa, b)
                del spans[i]
                continue
        i += 1
    return spans


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Tokens of ``text`` (words, numbers, punctuation); offsets are shifted by ``offset``."""
    return tuple(Token(a + offset, b + offset, text[a:b]) for a, b in _spans(text, 0, len(text)))


def _tokens_in(text: str, start: int, end: int) -> tuple[Token, ...]:
    return tuple(Token(a, b, text[a:b]) for a, b in _spans(text, start, end))


def _is_word(token: str) -> bool:
    return any(c.isalnum() for c in token)


# --- sentence boundaries ------------------------------------------------------------------


def _next_word(text: str, pos: int, end: int) -> str:
    m = _NEXT_WORD_RE.match(text, pos, end)
    return (m.group(1) or "") if m else ""


# How far back to look for the word before a period ("U.S.", "Ph.D"): longer than any
# abbreviation, short enough to stay cheap on long lines.
WORD_LOOKBACK = 40


def _is_boundary(text: str, m: re.Match[str], end: int, span_start: int) -> bool:
    """Decide whether the candidate end ``m`` (inside ``text[:end]``) ends a sentence."""
    after = m.end()
    if _ALNUM_RE.search(text, span_start, m.start()) is None:
        return False  # '"... A woman is entitled": an ellipsis opening a quote
    # First significant character after the candidate.
    i = after
    while i < end and (text[i] in _WS or text[i] in _OPENERS):
        i += 1
    if i >= end:
        return True
    first = text[i]
    if first.islower():
        return False  # '"Why?" she asked.', 'He paused... then left.', 'e.g. the'
    punct = m.group().rstrip(_CLOSERS)
    closed_by_quote = len(punct) < len(m.group())
    if first in ",;:)":
        return False
    if punct in ("?", "!", "?!", "!?") or (closed_by_quote and punct[-1:] in "?!"):
        # '"Why not?" Smith asked.' -- the quote's speaker follows.
        return not (closed_by_quote and _SPEAKER_RE.match(text, after, end))
    if punct != "." or closed_by_quote:
        return True  # ellipsis or '."' followed by a capital: a new sentence
    return _period_ends_sentence(text, m, end, span_start, first)


def _period_ends_sentence(
    text: str, m: re.Match[str], end: int, span_start: int, first: str
) -> bool:
    """A single period directly after a word, before ``first``: the abbreviation rules."""
    after = m.end()
    before = _WORD_BEFORE_RE.search(text, max(span_start, m.start() - WORD_LOOKBACK),
                                    m.start() + 1)
    if before is None:
        return True
    word = before.group(1)
    low = word.lower()
    # "1. Bring water", "A. First option", "iv. Next item" opening a line: a list marker.
    list_marker = before.start() == span_start and _LIST_MARKER_RE.fullmatch(word + ".")
    if first.isdigit():
        return not (low in _BEFORE_NUMBER or list_marker)
    if word.isdigit() and len(word) <= ORDINAL_DAY_DIGITS and not list_marker:
        # "am 23. Mai", "den 1. März": a day written as an ordinal, not a sentence end
        return _next_word(text, after, end).lower().rstrip(".") not in month_names()
    if low in _TITLES:
        return False
    if _DOUBLED_RE.fullmatch(word):
        nxt = _next_word(text, after, end)
        return not _DOUBLED_RE.fullmatch(nxt.rstrip(".")) and nxt.lower() in _STARTERS
    if word in _STATES:
        return _next_word(text, after, end).lower().rstrip(".") in _STARTERS
    if len(word) == 1 and word.isupper():
        # An initial ("J. R. R. Tolkien", "George W. Bush") unless a sentence clearly starts.
        return not list_marker and _next_word(text, after, end).lower().rstrip(".") in _STARTERS
    if "." in word or low in _ENDERS or low in _MONTHS:
        nxt_low = _next_word(text, after, end).lower().rstrip(".")
        if low in ("a.m", "p.m"):
            return nxt_low not in _AFTER_CLOCK and nxt_low not in ("a", "an")
        # Dotted acronym or company/suffix abbreviation: split only before a clear starter.
        return nxt_low in _STARTERS
    return not list_marker


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside one paragraph ``text[start:end]`` (stripped of white space)."""
    chunk = text[start:end].lower()
    maybe = "scroll down" in chunk or "click here" in chunk
    teaser = _TEASER_RE.search(text, start, end) if maybe else None
    if teaser is None:
        yield from _punctuated_spans(text, start, end)
        return
    a, b = teaser.span()
    if b < end and text[b] in ".!:":
        b += 1
    yield from _sentence_spans(text, start, a)
    yield a, b
    yield from _sentence_spans(text, b, end)


def _punctuated_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start] in _WS:
        start += 1
    s = start
    for m in _END_RE.finditer(text, start, end):
        if _is_boundary(text, m, end, s):
            e = m.end()
            if e > s:
                yield from _unglued(text, s, e)
            s = e
            while s < end and text[s] in _WS:
                s += 1
    if s < end:
        e = end
        while e > s and text[e - 1] in _WS:
            e -= 1
        if e > s:
            yield from _unglued(text, s, e)


# A lost line break needs 5 words before it: a shorter run is more often a name or a
# title running on than a whole sentence.
MIN_GLUED_WORDS = 5


def _unglued(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a span where a line break was lost: '... on Friday The club said ...'.

    Pages pasted as one line (photo captions and headings run into the next sentence)
    leave a lower-case word followed by a capitalized sentence opener ("The", "He",
    "In") that is itself followed by a lower-case word or a number, or by a quote that
    opens with a capital ("... on Friday ‘I’d be over the moon,’ said Locke"). Mid-sentence
    those sequences are rare (titles such as "The Serpentine Gallery" are capitalized next;
    a quoted title closes without punctuation and the sentence goes on).
    """
    s = start
    for m in _GLUE_RE.finditer(text, start, end):
        a = m.start()
        prev = text[s:a].split()
        if len(prev) < MIN_GLUED_WORDS or prev[-1].lower() in _GLUE_STOP:
            continue
        if (m.group("article") or m.group("noun")) and not prev[-1][0].islower():
            continue  # "Class A shares", "State Police said": a capitalized word owns it
        b = m.end()
        if text[b] in "‘“":
            close = text.find("’" if text[b] == "‘" else "”", b + 1, end)
            while close != -1 and text[b] == "‘" and close + 1 < end and text[close + 1].isalpha():
                close = text.find("’", close + 1, end)  # an apostrophe (I’d), not the close
            if close != -1 and text[close - 1].isalnum():
                continue  # a quoted title or phrase inside the sentence
        yield s, a
        s = b
    yield s, end


# Hard wrapping: judged on 4 lines or more and 3 line pairs or more; the wrapping width is
# the 90th percentile line length, a filled line reaches 80% of it, and only widths of
# 50-100 characters are taken as a wrap (a column of short lines is a list, not prose).
# The text is wrapped when more than half of its line breaks run on.
MIN_WRAP_LINES = 4
MIN_WRAP_PAIRS = 3
WRAP_WIDTH_PERCENTILE = 0.9
WRAP_FILL = 0.8
MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 50, 100
MIN_RUN_ON_SHARE = 0.5


def _is_hard_wrapped(lines: list[tuple[int, int]], text: str) -> bool:
    """True for text wrapped at a fixed width: most line breaks fall inside a sentence.

    A break runs on when the next line starts in lower case, or when the line is filled
    to the wrapping width and does not end a sentence. Short lines without final
    punctuation (headlines, subheadings, teasers) do not count as running on.
    """
    if len(lines) < MIN_WRAP_LINES:
        return False
    lengths = sorted(b - a for a, b in lines)
    width = lengths[int(WRAP_WIDTH_PERCENTILE * (len(lengths) - 1))]
    run_on = 0
    pairs = 0
    for (a, b), (c, _d) in zip(lines, lines[1:], strict=False):
        if text[b:c].count("\n") > 1:
            continue  # blank line between: a paragraph break
        pairs += 1
        last = text[b - 1]
        if last in ".!?:\"'”’)":
            continue
        filled = MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH and b - a >= WRAP_FILL * width
        if text[c].islower() or filled:
            run_on += 1
    return pairs >= MIN_WRAP_PAIRS and run_on / pairs > MIN_RUN_ON_SHARE


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraph spans (stripped) inside ``text[start:end]``."""
    lines: list[tuple[int, int]] = []
    for m in _LINE_RE.finditer(text, start, end):
        a, b = m.start(), m.end()
        while a < b and text[a] in _WS:
            a += 1
        while b > a and text[b - 1] in _WS:
            b -= 1
        if b > a:
            lines.append((a, b))
    if not _is_hard_wrapped(lines, text):
        return lines
    paragraphs: list[tuple[int, int]] = []
    for a, b in lines:
        if paragraphs and text[paragraphs[-1][1] : a].count("\n") <= 1:
            paragraphs[-1] = (paragraphs[-1][0], b)
        else:
            paragraphs.append((a, b))
    return paragraphs


def split_sentences(text: str) -> tuple[str, ...]:
    """Sentence strings of ``text`` (no offsets, no tokens): the fast path for sumy."""
    out: list[str] = []
    for pa, pb in _paragraphs(text, 0, len(text)):
        for a, b in _sentence_spans(text, pa, pb):
            out.append(text[a:b])
    return tuple(out)


def segment(
    text: str,
    start: int = 0,
    end: int | None = None,
    doc_id: str = "",
    *,
    tokens: bool = True,
) -> tuple[Sentence, ...]:
    """Sentences of ``text[start:end]`` with offsets into ``text`` and tokens filled.

    ``index`` counts from 0; ``paragraph`` numbers the paragraphs (lines, or blank-line
    separated blocks in hard-wrapped text) of the range from 0. ``tokens=False`` leaves
    ``Sentence.tokens`` empty (faster, for callers that only need sentence text).
    """
    if end is None or end > len(text):
        end = len(text)
    start = max(0, start)
    sentences: list[Sentence] = []
    for p, (pa, pb) in enumerate(_paragraphs(text, start, end)):
        for a, b in _sentence_spans(text, pa, pb):
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=a,
                    end=b,
                    text=text[a:b],
                    tokens=_tokens_in(text, a, b) if tokens else (),
                    paragraph=p,
                    doc_id=doc_id,
                )
            )
    return tuple(sentences)


class Tokenizer:
    """Our segmenter behind sumy's tokenizer contract (``to_sentences``/``to_words``)."""

    def __init__(self, language: str = "english") -> None:
        self._language = language

    @property
    def language(self) -> str:
        return self._language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(
            w for w in (sentence[a:b] for a, b in _spans(sentence, 0, len(sentence))) if _is_word(w)
        )


def without_dateline(s: Sentence) -> Sentence:
    """An opening sentence of an article without its dateline ("Washington (CNN)")."""
    cut = wire_dateline_end(s.text) if s.index < 3 else 0
    if not cut:
        return s
    return replace(
        s,
        start=s.start + cut,
        text=s.text[cut:],
        tokens=tuple(t for t in s.tokens if t.start >= s.start + cut),
    )
