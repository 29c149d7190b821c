"""Plain-text articles: decoding, where the article ends, the dateline, the title.

Text pasted from a news page carries what followed the article: the agency line
("AFP"), a dateline ("Mon May 23 2016"), a photo caption ("... - AFP photo") and often
a list of unrelated headlines and teasers. The body ends at the first such trailer
line; the publication date is taken from a dateline (a line that is only a date, or a
"Published ..." line), never from the clock.
"""

from __future__ import annotations

import hashlib
import math
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from timeline.errors import OptionError, TimelineError
from timeline.ingest.dateline import (
    Stamp,
    byline_name,
    date_in,
    furniture,
    is_navigation,
    page_furniture,
    page_rules,
    read_stamp,
)
from timeline.model import Document
from timeline.textstats import stop_words

MAX_BYTES = 20 * 1024 * 1024
# Binary data shows in its first 64 KB (a NUL byte, or control characters in more than
# one character in 100, at least 8 so that a few stray form feeds pass).
SNIFF_CHARS = 65536
MAX_CONTROL_SHARE = 100
MIN_CONTROLS = 8

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
    r"(?:day|nesday|sday|urday|rsday)?\.?,?\s+)?"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?"
_DATE_FORMS = [
    # Mon May 23 2016 / May 23, 2016 / Monday, May 23, 2016 10:00 AM
    _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME,
    # 23 May 2016 / Monday 23 May 2016
    _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME,
    # 2016-05-23
    r"(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?",
]
_LEAD_IN = (
    r"(?:(?:published|posted|updated|last updated|first published|date)\s*(?:on|:)?\s*)?"
    # a place in capitals, as in a dateline line: "LONDON, June 15, 2015"
    r"(?:(?-i:[A-Z][A-Z.'\- ]{1,30}(?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?),\s*)?"
)
# a page's time stamp glued before the lead: "Saturday 25 April 2009 23.24 BST Swine flu has"
_STAMP_RES = [
    re.compile(r"^\s*" + _LEAD_IN + f + r"\s+(?=(?-i:[A-Z\"\u201c]))", re.I)
    for f in _DATE_FORMS[:2]
]

# A line that is only a news agency's name (or its byline form) closes the article.
_AGENCY_RE = re.compile(
    r"^\s*(?:[-\u2014\u2013(]\s*)?(?:AFP|AP|Reuters|Associated Press|Agence France[- ]Presse|"
    r"Bernama|dpa|ANSA|EFE|Xinhua|Kyodo|Yonhap|PTI|IANS|UPI|AAP|Anadolu|TASS|"
    r"AFP-JIJI|AFP/Relaxnews|CNN|BBC|Bloomberg)(?:\s*[/&,]\s*[A-Z][\w.]*)*\s*\)?\s*$"
)
# A photo caption: ends with "- AFP photo", "(Photo: ...)", "Photograph: ...", or credit.
_CAPTION_RE = re.compile(
    r"(?:[-\u2014\u2013|]\s*(?:\w+\s+){0,3}(?:photo|picture|image|file photo)\.?\s*$)|"
    r"^\s*(?:photo|photograph|picture|image)\s*(?:credit)?\s*:|"
    r"\((?:photo|picture)\s*:[^)]*\)\s*$",
    re.I,
)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 input, refusing empty, binary and non-UTF-8 data with one-line errors."""
    if len(data) > MAX_BYTES:
        raise TimelineError(
            f"{name}: file is too large ({len(data) // (1024 * 1024)} MB; the limit is "
            f"{MAX_BYTES // (1024 * 1024)} MB)"
        )
    if not data.strip():
        raise TimelineError(f"{name}: input is empty")
    if b"\x00" in data[:SNIFF_CHARS]:
        raise TimelineError(f"{name}: input looks binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TimelineError(
            f"{name}: input is not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first"
        ) from None
    head = text[:SNIFF_CHARS]
    controls = sum(1 for c in head if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > max(MIN_CONTROLS, len(head) // MAX_CONTROL_SHARE):
        raise TimelineError(f"{name}: input looks binary, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_path(path: str | Path) -> tuple[str, str]:
    """Read a text file (``-`` means stdin); return (text, display name)."""
    import sys

    if str(path) == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>"), "<stdin>"
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise TimelineError(f"{name}: no such file")
    if p.is_dir():
        raise TimelineError(f"{name}: is a folder, not a file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise TimelineError(
                f"{name}: file is too large ({size // (1024 * 1024)} MB; the limit is "
                f"{MAX_BYTES // (1024 * 1024)} MB)"
            )
        data = p.read_bytes()
    except OSError as exc:
        raise TimelineError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return decode(data, name), name


def parse_date_line(line: str) -> str | None:
    """The TIMEX3 date of a line that is only a dateline or time stamp ("Mon May 23 2016",
    "Updated 3:45 AM EDT, September 27, 2024", "8/27/2020"), else None."""
    stamp = read_stamp(line)
    return stamp.date if stamp else None


_INLINE_DATELINE = re.compile(
    r"^\s*(?-i:[A-Z][A-Z.'\- ]{1,30}(?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?),\s*"
    r"(?P<date>[^()\-\u2013\u2014]{6,40}?)\s*(?:\([^)]{1,30}\)\s*)?(?:--|-|\u2013|\u2014)\s+\S"
)


def inline_dateline(line: str) -> str | None:
    """The date of a dateline that opens a paragraph: "LONDON, June 15, 2015 (Reuters) - ..."
    (a date with its year; "LONDON, June 15 (Reuters) -" names no year and gives none)."""
    m = _INLINE_DATELINE.match(line)
    return parse_date_line(m["date"]) if m else None


def _is_trailer(line: str, *, dates: bool = True) -> bool:
    """An agency line, a caption or (with ``dates``) a line that is only a date."""
    return bool(_AGENCY_RE.match(line) or _CAPTION_RE.search(line)
                or (dates and parse_date_line(line)))


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


# A headline is a short first line; longer ones are the lead paragraph itself.
HEADLINE_MAX_WORDS = 20
# The trailer dateline sits right after the body ("AFP", then "Mon May 23 2016"): a date
# further down belongs to the page's other stories.
TRAILER_DATE_LINES = 4
# A dateline opening the body ("LONDON, June 15, 2015 (Reuters) - ...") is in its first
# paragraph; the few lines allow for a byline or blank line before it.
OPENING_DATELINE_LINES = 3
_HEADLINE_END = re.compile(r"[.!?:;,\"'\u201d)]\s*$")


@dataclass
class _Page:
    """What reading a text's lines finds around its article: the stamps (first publication
    and update), the byline, and the furniture lines to leave out of the body."""

    lines: list[str]
    stamp: Stamp | None = None
    updated: Stamp | None = None
    byline: str | None = None
    noise: set[int] = field(default_factory=set)

    def note(self, stamp: Stamp, *, first_wins: bool = True) -> None:
        """Record a stamp line: an update stamp is kept apart from the dateline."""
        if stamp.updated:
            self.updated = self.updated or stamp
        elif first_wins or self.stamp is None:
            self.stamp = self.stamp or stamp
        else:
            self.stamp = stamp

    def is_furniture(self, i: int) -> bool:
        """True (and line ``i`` marked) for a caption, credit, share block, byline, ..."""
        s = self.lines[i].strip()
        rule = page_furniture(s, self.lines)  # by the rules of the page's language
        if rule is None:
            return False
        if rule.byline and self.byline is None:
            self.byline = byline_name(s, rule)
        self.noise.add(i)
        return True

    @property
    def dct(self) -> Stamp | None:
        return self.stamp or self.updated


def _is_label(line: str) -> bool:
    """A navigation word or a short line without sentence punctuation ("Northampton")."""
    words = line.split()
    return is_navigation(line) or (
        len(words) < page_rules().min_title_words and not _HEADLINE_END.search(line)
    )


def _skip_preamble(page: _Page, i: int, *, labels: bool = False) -> int:
    """The first line from ``i`` that is not blank, agency, furniture, a stamp (noted in
    ``page``) or, with ``labels``, a navigation label before the headline."""
    lines = page.lines
    while i < len(lines):
        s = lines[i].strip()
        if not s or _AGENCY_RE.match(s) or page.is_furniture(i):
            i += 1
            continue
        stamp = read_stamp(s)
        if stamp is not None:
            page.note(stamp)
        elif not (labels and _is_label(s) and _more_text(lines, i)):
            break
        i += 1
    return i


def _more_text(lines: list[str], i: int) -> bool:
    return any(len(ln.split()) >= page_rules().min_title_words for ln in lines[i + 1 :])


def _is_headline(lines: list[str], i: int) -> bool:
    """A short first line without final punctuation, followed by longer text, is a headline
    (never a navigation word or a short label such as a place name)."""
    first = lines[i].strip()
    nxt = next((ln for ln in lines[i + 1 :]
                if ln.strip() and not furniture(ln.strip()) and not read_stamp(ln)), None)
    return bool(
        nxt is not None
        and page_rules().min_title_words <= len(first.split()) <= HEADLINE_MAX_WORDS
        and not _HEADLINE_END.search(first)
        and not is_navigation(first)
        and len(nxt.split()) > len(first.split())
    )


def _body_end(page: _Page, start: int, *, dates: bool = True) -> int:
    """The first trailer line (agency, caption, with ``dates`` a date-only line) after some
    article text; furniture lines inside the body are marked and passed over."""
    lines = page.lines
    seen_text = False
    for j in range(start, len(lines)):
        s = lines[j].strip()
        if not s or page.is_furniture(j):
            continue
        if seen_text and _is_trailer(s, dates=dates):
            return j
        seen_text = True
    return len(lines)


def _trailer_date(page: _Page, end: int) -> None:
    """Take the DCT from the first stamp line after the body (an update stamp aside);
    furniture lines there do not count against the reach."""
    lines = page.lines
    seen = 0
    j = end
    while j < len(lines) and seen < TRAILER_DATE_LINES:
        s = lines[j].strip()
        j += 1
        if not s or furniture(s):
            continue
        seen += 1
        stamp = read_stamp(s)
        if stamp is not None:
            page.note(stamp, first_wins=False)
            if page.stamp is not None:
                return


def _opening_dateline(lines: list[str], start: int, end: int) -> str | None:
    """The date of "LONDON, June 15, 2015 (Reuters) - The plant ..." opening the body."""
    for j in range(start, min(end, start + OPENING_DATELINE_LINES)):
        if lines[j].strip():
            return inline_dateline(lines[j])
    return None


# A pasted whole page (select-all on a news site) opens with navigation and closes with
# links: the article is the run of lines richest in prose. A prose line has 10 words or
# more and ends a sentence (or has 20 words or more); it scores its word count, any
# other non-blank line costs 12 (chosen on scrapinghub pastes: 3 -> 12 took body F1
# .845 -> .872; checked on trafilatura-eval pastes, see the commit).
PROSE_WORDS, LONG_PROSE_WORDS = 10, 20
LINE_COST = 12
# The page frame is cut only when it is long: 5 or more non-blank lines outside the run
# (a pasted article with a headline and a byline keeps what it has).
MIN_FRAME_LINES = 5
# A page has at least 12 non-blank lines; a shorter text is an article pasted alone.
MIN_PAGE_LINES = 12
# The headline sits in the few non-blank lines before the article (byline and date between).
HEADLINE_REACH = 6
_SENTENCE_END = re.compile(r"[.!?\"'\u201d\u2019)]\s*$")


# A long line without any sentence punctuation is a list of tags or keywords, not prose.
_PUNCTUATION = re.compile(r"[.!?;:\u3002\uff01\uff1f]")


# Chinese and Japanese write no spaces: two of their characters count as a word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
CJK_CHARS_PER_WORD = 2
_SENTENCE_END_CJK = re.compile(r"[\u3002\uff01\uff1f\u300d\u300f)\uff09]\s*$")


def _word_count(line: str) -> int:
    n = len(line.split())
    if n * 4 < len(line):  # few spaces for its length: count CJK characters too
        n += len(_CJK.findall(line)) // CJK_CHARS_PER_WORD
    return n


def _is_prose(line: str) -> bool:
    n = _word_count(line)
    if n >= LONG_PROSE_WORDS:
        return bool(_PUNCTUATION.search(line))
    return n >= PROSE_WORDS and bool(_SENTENCE_END.search(line) or
                                     _SENTENCE_END_CJK.search(line))


def _line_score(line: str) -> float:
    """A line's worth to the article run: prose words, a short line's cost, or a barrier
    (a heading that closes an article: "Comments", "More from World", "Related Articles",
    a reader's comment). A furniture line (a cookie notice) costs even when it is prose:
    scrapinghub pastes body F1 .872 -> .889 with the cookie and comment rules and the tag
    lists; articles-trafilatura-eval pastes .825 -> .826."""
    if not line:
        return 0
    prose = _is_prose(line)
    rule = furniture(line, prose=True) if prose else furniture(line)  # one cache key per line
    if rule is not None:
        return float("-inf") if rule.ends else -LINE_COST
    return _word_count(line) if prose else -LINE_COST


# Readers' comments close a page once a run of 50 prose words has been read: a long
# comment thread is not the article (scrapinghub pastes body F1 .889 -> .894; 30 and 60
# the same, 100: no gain; articles-trafilatura-eval pastes .826 -> .827).
MIN_ARTICLE_WORDS = 50


# A page may print its article above a longer run of prose (a FAQ, an author's box, a
# product's description, readers' comments): the headline is also looked for above the
# page's first run, before the best one, that scores at least .4 of it. Chosen on the
# articles-trafilatura-eval pastes by titles right on each half with the weights fitted on
# the other (sum of the two; a line above both runs is read for the best run): no second
# run 560, share .3 570, .4 574, .5 573, .6 570, .7 568.
EARLIER_RUN_SHARE = 0.4
_Span = tuple[int, int]


def _prose_run(lines: list[str]) -> _Span:
    """The run of lines [a, b) with the highest prose score (maximum subarray)."""
    return _article_runs(lines)[0]


def _article_runs(lines: list[str]) -> tuple[_Span, _Span | None]:
    """The run of lines with the highest prose score (maximum subarray), and the first
    run before it (each stretch of lines whose running score stays above 0 has its own
    best run) that scores at least ``EARLIER_RUN_SHARE`` of it, if any."""
    best, best_span = 0.0, (0, len(lines))
    runs: list[tuple[float, _Span]] = []  # the best run of each stretch before this one
    total, start, run_best, run_span = 0.0, 0, 0.0, best_span
    for i, ln in enumerate(lines):
        score = _line_score(ln.strip())
        if score == float("-inf") and best >= MIN_ARTICLE_WORDS:
            rule = furniture(ln.strip())
            if rule is not None and rule.closes_page:
                break
        if total <= 0:
            if run_best > 0:
                runs.append((run_best, run_span))
            total, start, run_best = 0.0, i, 0.0
        total = max(total + score, 0.0) if score == float("-inf") else total + score
        if total > run_best:
            run_best, run_span = total, (start, i + 1)
            if total > best:
                best, best_span = total, run_span
    earlier = next((span for score, span in runs
                    if span[0] < best_span[0] and score >= EARLIER_RUN_SHARE * best), None)
    return best_span, earlier


def _frame(lines: list[str], a: int, b: int) -> int:
    return sum(1 for ln in lines[a:b] if ln.strip())


def _page_frame(page: _Page) -> tuple[int, int, str | None]:
    """For a whole pasted page: the article's first and last line and its headline;
    (0, len(lines), None) when the text is not framed by a page."""
    lines = page.lines
    if _frame(lines, 0, len(lines)) < MIN_PAGE_LINES:
        return 0, len(lines), None
    (a, b), earlier = _article_runs(lines)
    if _frame(lines, 0, a) < MIN_FRAME_LINES and _frame(lines, b, len(lines)) < MIN_FRAME_LINES:
        return 0, len(lines), None
    seen = 0
    for i in range(a - 1, -1, -1):
        s = lines[i].strip()
        if not s:
            continue
        seen += 1
        if seen > HEADLINE_REACH:
            break
        stamp = read_stamp(s)
        if stamp is not None:
            page.note(stamp)
        else:
            page.is_furniture(i)
    headline = _framed_headline(lines, a, b, earlier)
    return (a if _frame(lines, 0, a) >= MIN_FRAME_LINES else 0,
            b if _frame(lines, b, len(lines)) >= MIN_FRAME_LINES else len(lines), headline)


# The headline of a framed page is the line above the article, within 50 lines, or above
# an earlier run of prose (EARLIER_RUN_SHARE), that scores best on the weights below: a
# conditional logit (a choice of one line per page) fitted on the even half of the
# articles-trafilatura-eval pastes (dataset order) by tests/bench/fit_paste_title.py:
# there, even .674 / odd .701 (fitted on the odd half instead: odd .711 / even .657).
# Titles exact on the paste route (timeline evaluate ingest, all 845 titles): .690. The
# article's start is its first paragraph of 35 words or more (ANCHOR_WORDS; the lines the
# prose run opens with are candidates too). Reach 50 instead of 60: the same titles, less
# work. The gold title is one of these lines on 724 of the 845 pages. Lines that are
# stamps, furniture, navigation or have no word of 4 letters or more, or more than 30
# words, are never the headline.
TITLE_REACH = 50
TITLE_MAX_WORDS = 30
_TITLE_WEIGHTS = {
    "log_distance": -0.31,  # the headline sits close above the article...
    "adjacent": -1.70,  # ...but rarely right above it (a standfirst, a caption)
    "headline_length": 1.89,  # 3 to 15 words
    "chars": 0.93,  # characters, up to 100, over 100
    "words": 3.00,  # its distinct words, up to 6, over 6
    "in_body": 2.69,  # share of its words that the article's first 3,000 characters use
    "in_lead": 0.94,  # ... that its first 400 characters use
    "sentence_end": -1.99,  # ends with . , ; :
    "question": 0.18,  # ends with ?
    "colon_kicker": 0.51,  # "Kernfusion: Kann ..."
    "lower_start": -1.79,  # starts in lower case: a fragment
    "caps": -1.16,  # all capitals: a section or a button
    "digits": -2.70,  # share of digits: prices, counts, dates
    "tab": -4.45,  # a table row
    "credit": -3.43,  # a photo credit or source line (page.toml [title] credit)
    "web": -0.41,  # a hashtag, an address, a handle
    "separator": -0.68,  # "Title | Site", "Home / News": a breadcrumb or a page title
    "arrow": -1.29,  # "« Previous post", "Next →"
    "tail_of_other": 2.35,  # a longer line nearby ends with it (a breadcrumb's last item)
    "mentioned": 0.98,  # printed elsewhere on the page too
    "blank_before": -0.87,  # a blank line before it: a paragraph, not a heading
    "blank_after": -0.48,
    "short_above": 1.25,  # short lines (navigation) in the 5 lines above it
    "prose_between": 0.59,  # log(1 + prose words between it and the article run)
    "before_text": 1.03,  # log(1 + words of the line after it)
    "before_stamp": 0.42,  # a date or time stamp follows it
    "before_prose": -1.30,  # prose follows it: a teaser's headline
    "lead_overlap": 1.08,  # share of its words in the next prose line within 11 lines
    "lead_distance": -1.07,  # log(1 + lines down to that prose line)
    "first_printed": 0.45,  # no line above it reads the same
    "repeated_below": 2.71,  # the next line reads the same (a headline printed twice)
    "before_credit": -1.51,  # a photo credit or caption follows it: a caption
    "one_word": -0.93,
    "two_words": 0.83,
    "after_nav": 0.22,  # 3 lines of at most 3 words above it, and it has more
    "second_run": 2.53,  # above the page's earlier run of prose, not its best
    "date_below": 1.82,  # a date or stamp in the 3 lines below it (a dateline, a byline)
    "after_date": 0.69,  # a date or stamp right above it
}
_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")
TITLE_WORD_PREFIX = 6  # "Reparaturcafé"/"Reparaturcafés": inflections share a prefix
BODY_LEAD_CHARS, LEAD_CHARS = 3000, 400
TITLE_CHARS, SHORT_LINE_WORDS, SHORT_ABOVE_LINES = 100, 4, 5
_TITLE_SEPARATOR = re.compile(r"\s(?:[|\u203a\u00bb>/:]{1,2}|[-\u2013\u2014])\s")
_TITLE_ARROW = re.compile(r"^[\u00ab\u2039\u2190<]|[\u00bb\u203a\u2192>]$")
_TITLE_WEB = re.compile(r"#\w|https?:|www\.|\.(?:com|de|org)\b|@")
TAIL_KEY = 8  # lines are matched to the longer lines ending like them by their last characters
LEAD_REACH = 11  # the lead a headline introduces is the first prose line within 11 below it
DATE_BELOW = 3  # a dateline or byline with a date sits within 3 lines below the headline
NAV_RUN, NAV_WORDS = 3, 3  # navigation: 3 lines of at most 3 words each
# The headline is looked for above the article's first paragraph of 35 words or more: a
# run of prose may open with the headline itself (a question, a line ending in quotes) or
# a standfirst, shorter than a paragraph. Chosen on the articles-trafilatura-eval pastes
# by titles right on each half with the weights fitted on the other (sum of the two): the
# run's first line 549, 20 words 551, 30 554, 35 560, 40 559, 50 543, 80 534.
ANCHOR_WORDS = 35


def _headline_anchor(text: list[str], a: int, b: int) -> int:
    """The first line of the article run [a, b) that is a paragraph of 35 words or more
    (``a`` when there is none): the headline is above it."""
    for i in range(a, b):
        s = text[i]
        if s and _word_count(s) >= ANCHOR_WORDS and _is_prose(s):
            return i
    return a


def _title_words(line: str) -> set[str]:
    return {w.lower()[:TITLE_WORD_PREFIX] for w in _TITLE_WORD.findall(line)}


@dataclass
class _Above:
    """The lines above a framed page's article, read once for the headline score."""

    text: list[str]  # every line, stripped
    shown: list[int]  # the non-blank ones
    page: str  # the whole text
    body: set[str]  # title words of the article's first 3,000 characters
    lead: set[str]  # ... and of its first 400
    window: list[int]  # the shown lines within reach above the article, nearest first
    sizes: dict[int, int]  # words of each shown line in the window and the one below it
    prose: dict[int, int]  # ... its words if it is prose, else 0
    before: dict[int, int]  # ... the prose words of those lines above it
    tails: dict[str, list[str]]  # last characters -> the lines in the window ending so
    firsts: dict[str, int]  # each line above the article -> the first shown line reading so
    leads: dict[int, int]  # shown line -> the first prose line within 11 lines below it
    dates: dict[int, bool] = field(default_factory=dict)  # shown line -> a date or stamp
    words: dict[int, set[str]] = field(default_factory=dict)  # shown line -> its title words
    second: bool = False  # the article is the page's earlier run of prose, not its best

    @classmethod
    def read(cls, lines: list[str], a: int, b: int, *, second: bool = False) -> _Above:
        text = [ln.strip() for ln in lines]
        shown = [i for i, s in enumerate(text) if s]
        a = _headline_anchor(text, a, b)
        lead_lines, size = [], 0  # the article's first 3,000 characters are enough
        for s in text[a:b]:
            if size > BODY_LEAD_CHARS:
                break
            lead_lines.append(s)
            size += len(s) + 1
        joined = " ".join(lead_lines)
        window = [k for k, i in enumerate(shown) if i < a][::-1][:TITLE_REACH]
        near = range(max(0, (window[-1] if window else 0) - SHORT_ABOVE_LINES),
                     min(len(shown), (window[0] if window else 0) + 2))
        sizes = {k: len(text[shown[k]].split()) for k in near}
        prose = {k: n if _is_prose(text[shown[k]]) else 0 for k, n in sizes.items()}
        before, total = {}, 0  # prose words of the lines above line k
        for k in near:
            before[k] = total
            total += prose[k]
        tails: dict[str, list[str]] = {}
        for k in window:
            tails.setdefault(text[shown[k]][-TAIL_KEY:], []).append(text[shown[k]])
        firsts: dict[str, int] = {}
        for k in range(window[0] + 1 if window else 0):
            firsts.setdefault(text[shown[k]], k)
        # the article's first line is prose: the lead of every line in the window is at most it
        leads, lead = {}, len(shown) + LEAD_REACH
        for k in reversed(near):
            if lead - k <= LEAD_REACH:
                leads[k] = lead
            if prose[k]:
                lead = k
        return cls(text, shown, "\n".join(lines), _title_words(joined[:BODY_LEAD_CHARS]),
                   _title_words(joined[:LEAD_CHARS]), window, sizes, prose, before, tails,
                   firsts, leads, second=second)

    def features(self, k: int, d: int) -> list[float] | None:
        """The features of shown line ``k``, ``d`` non-blank lines above the article, in
        the order of ``_TITLE_WEIGHTS`` (those ``checked`` reads aside); None for a line without a
        word of 4 letters or with more than 30 words."""
        i, s = self.shown[k], self.text[self.shown[k]]
        words, n = _title_words(s), self.sizes[k]
        if not words or n > TITLE_MAX_WORDS:
            return None
        shared = len(words & self.body) / len(words), len(words & self.lead) / len(words)
        last = len(self.shown) - 1
        f = (math.log(d), d == 1, 3 <= n <= 15, min(len(s), TITLE_CHARS) / TITLE_CHARS,
             min(len(words), 6) / 6, *shared, s[-1] in ".,;:", s[-1] == "?", ": " in s[:-2],
             s[0].islower(), s.isupper() and sum(map(str.isalpha, s)) > 3,
             sum(map(str.isdigit, s)) / len(s), "\t" in s, bool(page_rules().credit.search(s)),
             bool(_TITLE_WEB.search(s)), bool(_TITLE_SEPARATOR.search(s)),
             bool(_TITLE_ARROW.search(s)),
             any(len(o) > len(s) and o.endswith(s) for o in self.tails.get(s[-TAIL_KEY:], ())),
             i > 0 and not self.text[i - 1], i + 1 < len(self.text) and not self.text[i + 1],
             sum(1 for j in range(max(0, k - SHORT_ABOVE_LINES), k)
                 if self.sizes[j] < SHORT_LINE_WORDS) / SHORT_ABOVE_LINES,
             math.log1p(self.before[k + d] - self.before[k + 1]),
             math.log1p(self.sizes[k + 1]) if k < last else 0.0,
             k < last and self.prose[k + 1] > 0, *self.around(k, words), self.second)
        return [float(v) for v in f]

    def around(self, k: int, words: set[str]) -> tuple[float | bool, ...]:
        """The features of shown line ``k`` read from the lines around it: the lead below,
        a repeat, its length, navigation above."""
        s, n = self.text[self.shown[k]], self.sizes[k]
        nxt = self.text[self.shown[k + 1]] if k + 1 < len(self.shown) else ""
        lead = self.leads.get(k)
        if lead is not None and lead not in self.words:
            self.words[lead] = _title_words(self.text[self.shown[lead]])
        shared = len(words & self.words[lead]) / len(words) if lead is not None else 0.0
        return (shared, math.log1p((lead if lead is not None else k + 1 + LEAD_REACH) - k),
                self.firsts[s] == k, nxt == s, n == 1, n == 2,
                k >= NAV_RUN and n > NAV_WORDS
                and all(self.sizes[j] <= NAV_WORDS for j in range(k - NAV_RUN, k)))

    def _is_date(self, k: int) -> bool:
        if k not in self.dates:
            t = self.text[self.shown[k]]
            self.dates[k] = read_stamp(t) is not None or date_in(t) is not None
        return self.dates[k]

    def checked(self, k: int) -> list[float] | None:
        """The slower features of shown line ``k``; None for a stamp, furniture or a
        navigation word, which are never the headline."""
        s = self.text[self.shown[k]]
        if read_stamp(s) or furniture(s) or is_navigation(s):
            return None
        below = [self._is_date(j) for j in range(k + 1, min(len(self.shown), k + 1 + DATE_BELOW))]
        nxt = self.text[self.shown[k + 1]] if below else ""
        once = self.page.find(s)  # printed twice: a second time after the first
        return [float(self.page.find(s, once + len(s)) >= 0), float(bool(below) and below[0]),
                float(any(below)), float(k > 0 and self._is_date(k - 1)),
                float(bool(nxt) and bool(page_rules().credit.search(nxt)
                                         or _CAPTION_RE.search(nxt)))]


# The most the features ``_Above.checked`` reads can add to a line's score: a line whose
# other features score this much below the best line so far cannot beat it.
_CHECKED = ("mentioned", "before_stamp", "date_below", "after_date", "before_credit")
_CHECKED_WEIGHTS = tuple(_TITLE_WEIGHTS[k] for k in _CHECKED)
_CHECKED_GAIN = sum(w for w in _CHECKED_WEIGHTS if w > 0)
_FIRST_WEIGHTS = tuple(w for k, w in _TITLE_WEIGHTS.items() if k not in _CHECKED)


def _title_candidates(lines: list[str], a: int, b: int,
                      earlier: _Span | None) -> list[tuple[_Above, int, int, list[float]]]:
    """The headline candidates of a framed page whose article is the run [a, b), with an
    ``earlier`` run of prose (``_article_runs``): (their reader, shown line, non-blank lines
    above the article, first features), the lines above [a, b) first, then those above the
    earlier run only."""
    above = _Above.read(lines, a, b)
    readers, seen = [above], set(above.window)
    if earlier is not None:
        readers.append(_Above.read(lines, *earlier, second=True))
    found = []
    for n, reader in enumerate(readers):
        for d, k in enumerate(reader.window, 1):
            if n and k in seen:
                continue
            f = reader.features(k, d)
            if f is not None:
                found.append((reader, k, d, f))
    return found


def _framed_headline(lines: list[str], a: int, b: int, earlier: _Span | None) -> str | None:
    """The best-scoring headline line above the article run [a, b) of a framed page or
    above its ``earlier`` run (the lines in the order of their first scores, the slower
    features read only while a line can still win)."""
    first = [(sum(map(operator.mul, _FIRST_WEIGHTS, f)), d, k, above)
             for above, k, d, f in _title_candidates(lines, a, b, earlier)]
    best: tuple[float, str] | None = None
    for value, _, k, above in sorted(first, key=lambda t: (-t[0], t[1])):
        if best is not None and value + _CHECKED_GAIN <= best[0]:
            break
        more = above.checked(k)
        if more is None:
            continue
        value += sum(map(operator.mul, _CHECKED_WEIGHTS, more))
        if best is None or value > best[0]:
            best = (value, above.text[above.shown[k]])
    return best[1] if best else None


# On a framed page without a stamp line, a date written in a short line just before the
# article ("Posted on 5.3.2019 by admin") or after it is the publication date; the
# nearest within 50 lines (chosen on dates-htmldate pastes, dates visible: reach 12 .680,
# 25 .754, 50 .791). The 8 lines just above the article are read first, then the first 10
# short lines inside it ("06.10.2017 11:15", "Frank Roe am 18. September 2019" between
# its paragraphs), then the rest (dates visible .793 -> .845; articles-trafilatura-eval
# pastes, all dates: .473 -> .507).
DATE_REACH = 50
DATE_CLOSE_ABOVE = 8
DATE_INSIDE_LINES = 10


def _framed_date(lines: list[str], first: int, last: int) -> str | None:
    above = list(range(first - 1, max(-1, first - DATE_REACH - 1), -1))
    inside = [i for i in range(first, last) if lines[i].strip()
              and not _is_prose(lines[i].strip())][:DATE_INSIDE_LINES]
    near = [*above[:DATE_CLOSE_ABOVE], *inside, *above[DATE_CLOSE_ABOVE:],
            *range(last, min(len(lines), last + DATE_REACH))]
    for i in near:
        day = date_in(lines[i].strip())
        if day:
            return day
    return None


@dataclass(frozen=True)
class Body:
    """Where the article lies in a text, and what was read around it."""

    start: int
    end: int
    dct: str | None
    headline: str | None
    stamp: Stamp | None = None
    byline: str | None = None
    noise: tuple[tuple[int, int], ...] = ()  # furniture spans inside the body


def read_body(text: str, *, headline: bool = True, tail: bool = True) -> Body:
    """Locate the article body, its dateline, headline, byline and furniture lines.

    Leading lines that are only a stamp, an agency line, furniture or (before a headline)
    navigation labels are skipped (a stamp there is the DCT); the body ends at the first
    trailer line (agency name, date-only line, photo caption) after some article text, and
    a closing list of other stories is cut. ``headline=False`` (text extracted from a page,
    whose title is known) does not look for a headline line and does not end the body at a
    date-only line; ``tail=False`` keeps a
    closing run of short blocks (a page extractor already left the other stories out).
    """
    spans = _line_spans(text)
    page = _Page([text[a:b] for a, b in spans])
    lines = page.lines
    n = len(lines)
    found_headline: str | None = None
    first, last = 0, n
    if headline:
        first, last, found_headline = _page_frame(page)
    start_line = _skip_preamble(page, first, labels=headline)
    if found_headline is None and headline and start_line < n and _is_headline(lines, start_line):
        found_headline = lines[start_line].strip()
        start_line = _skip_preamble(page, start_line + 1)
    elif found_headline is not None and start_line < n \
            and lines[start_line].strip() == found_headline:  # it opened the article's run
        start_line = _skip_preamble(page, start_line + 1)
    if (first, last) == (0, n):
        # In text a page extractor kept, a date-only line is a list's or an event's date,
        # not the trailer (articles-trafilatura-eval body F1 .915 -> .922; scrapinghub same).
        end_line = _body_end(page, start_line, dates=headline)
    else:  # a framed page: the prose run is the article, captions inside it are furniture
        end_line = last
        for j in range(start_line, last):
            page.is_furniture(j)
        if page.stamp is None:
            _trailer_date(page, last)
    if page.stamp is None:
        _trailer_date(page, end_line)
    stamp = page.dct
    dct = stamp.date if stamp else _opening_dateline(lines, start_line, end_line)
    if dct is None and (first, last) != (0, n):
        dct = _framed_date(lines, first, last)
    if tail:
        end_line = _drop_unrelated_tail(lines, start_line, end_line)
    while end_line > start_line and (not lines[end_line - 1].strip() or end_line - 1 in page.noise):
        end_line -= 1
    if start_line >= n or end_line <= start_line:
        raise TimelineError("no article text found in the input")
    noise = tuple(spans[i] for i in sorted(page.noise) if start_line <= i < end_line)
    return Body(spans[start_line][0], spans[end_line - 1][1], dct, found_headline,
                stamp, page.byline, noise)


def find_body(text: str, *, headline: bool = True) -> tuple[int, int, str | None, str | None]:
    """(body_start, body_end, dct, headline) of ``text``: see ``read_body``."""
    b = read_body(text, headline=headline)
    return b.start, b.end, b.dct, b.headline


_STOP = stop_words("headline")
# A closing list of other stories: headline lines of at most 16 words, each with a teaser;
# two or more such blocks sharing at most one content word with the first 3 paragraphs,
# after an article of at least 6 paragraphs (shorter texts are left whole).
TEASER_HEADLINE_MAX_WORDS = 16
_TEASER_HEADLINE_END = re.compile(r"[.!:;,\"\u201d)]\s*$")
LEAD_PARAGRAPHS = 3
MIN_BODY_PARAGRAPHS = 6
MAX_SHARED_WORDS = 1
MIN_TEASER_BLOCKS = 2
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")


def _content_words(line: str) -> set[str]:
    return {w.lower().rstrip("'s") for w in _WORD.findall(line)} - _STOP


def _is_headline_like(line: str) -> bool:
    s = line.strip()
    # Headlines may ask a question; they do not end in a full stop or a comma.
    return 0 < len(s.split()) <= TEASER_HEADLINE_MAX_WORDS and not _TEASER_HEADLINE_END.search(s)


def _drop_unrelated_tail(lines: list[str], start: int, end: int) -> int:
    """Cut trailing headline+teaser blocks that share no content word with the article's lead.

    Pasted pages often end with a list of other stories: a short headline line followed by
    a one-line teaser. Two or more such blocks at the very end, none sharing a content
    word with the first paragraphs, are not article text.
    """
    body = [i for i in range(start, end) if lines[i].strip()]
    if len(body) < MIN_BODY_PARAGRAPHS:
        return end
    lead: set[str] = set()
    for i in body[:LEAD_PARAGRAPHS]:
        lead |= _content_words(lines[i])
    cut = end
    blocks = 0
    k = len(body) - 1
    while k > LEAD_PARAGRAPHS:
        # A block: a headline-like line and the one or two teaser lines after it.
        h = next((j for j in (k - 1, k - 2) if _is_headline_like(lines[body[j]])), None)
        if h is None:
            break
        words: set[str] = set()
        for i in body[h : k + 1]:
            words |= _content_words(lines[i])
        if len(words & lead) > MAX_SHARED_WORDS:
            break
        blocks += 1
        cut = body[h]
        k = h - 1
    return cut if blocks >= MIN_TEASER_BLOCKS else end


# "Washington (CNN)", "(CNN) --", "LONDON (Reuters) -", "BEIRUT, Lebanon -- ": the dateline
# a wire story opens with is not part of its first sentence.
_PLACE = r"[A-Z][\w.'’-]*(?:[ ](?:[A-Z][\w.'’-]*|\d{1,4})){0,3}"
_WIRE_DATELINE = re.compile(
    rf"""^(?:
        (?:{_PLACE}(?:,[ ]{_PLACE})?[ ]?)?
        \((?:CNN|AP|AFP|Reuters|UPI|Bloomberg|dpa|EW\.com|CNN\s?Money|Mashable)[^)]{{0,20}}\)
        [ ]*(?:\\?--|—|–|-)?[ ]*
      | [A-Z][A-Z.'’-]{{2,}}(?:[ ][A-Z][A-Z.'’-]+){{0,3}}(?:,[ ]{_PLACE})?[ ]+(?:\\?--|—|–)[ ]+
      | [A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){{0,3}}(?:,[ ]{_PLACE})?[ ]
        \([A-Z][A-Za-z0-9.-]{{1,10}}\)[ ]*(?:\\?--|—|–|-)[ ]*
    )""",
    re.VERBOSE,
)




def wire_dateline_end(text: str) -> int:
    """Where the lead starts after a wire dateline opening ``text`` ("Washington (CNN)",
    "(CNN)Recently, ...", "LONDON (Reuters) - ..."); 0 when there is none."""
    m = _WIRE_DATELINE.match(text)
    if m is None or m.end() >= len(text):
        return 0
    nxt = text[m.end()]
    return m.end() if nxt.isupper() or nxt.isdigit() or nxt in "\"\u201c\u2018'\u00ab" else 0


# A title from the lead is its main clause when that has 5 words or more (else the whole
# first sentence), cut at a word boundary to 120 characters, about a headline's length.
MIN_CLAUSE_WORDS = 5
MAX_TITLE_CHARS = 120


def _title_from_lead(body: str) -> str:
    first = body.strip().split("\n", 1)[0]
    m = _INLINE_DATELINE.match(first)
    if m and parse_date_line(m["date"]):
        first = first[m.end() - 1 :]  # the lead after "LONDON, June 15, 2015 (Reuters) - "
    first = first[wire_dateline_end(first) :]  # "(CNN)Recently, ..." -> "Recently, ..."
    for rx in _STAMP_RES:
        first = rx.sub("", first, count=1)
    m = re.match(r"(.+?[.!?])(?:\s|$)", first)
    sent = m.group(1) if m else first
    # Prefer the main clause: up to the first comma or dash if that leaves enough words.
    clause = re.split(r",\s|\s[-\u2014\u2013]+\s|;\s", sent, maxsplit=1)[0].rstrip(".!?")
    title = clause if len(clause.split()) >= MIN_CLAUSE_WORDS else sent.rstrip(".")
    if len(title) > MAX_TITLE_CHARS:
        cut = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0]
        title = cut + "\u2026"
    return title.strip()


def read_text(
    text: str, *, path: str | None = None, date: str | None = None, doc_id: str | None = None
) -> Document:
    """Turn pasted article text into a Document. ``date`` (YYYY-MM-DD) overrides the dateline."""
    found = read_body(text)
    body_start, body_end, dct, headline = found.start, found.end, found.dct, found.headline
    source = "dateline" if dct else "none"
    stamp = found.stamp
    if date is not None:
        dct, source, stamp = validate_date(date), "option", None
    text = blank(text, found.noise)
    title = headline if headline is not None else _title_from_lead(text[body_start:body_end])
    if doc_id is None:
        if path and path != "<stdin>":
            doc_id = Path(path).stem
        else:
            doc_id = "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return Document(
        id=doc_id,
        text=text,
        body_start=body_start,
        body_end=body_end,
        dct=dct,
        title=title,
        dct_source=source,  # type: ignore[arg-type]
        path=path,
        dateline=stamp.text if stamp else None,
        published_at=stamp.value if stamp and stamp.date == dct else None,
        byline=found.byline,
    )


def blank(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """``text`` with furniture lines inside the body turned to spaces (offsets unchanged)."""
    if not spans:
        return text
    parts, pos = [], 0
    for a, b in spans:
        parts += [text[pos:a], " " * (b - a)]
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def validate_date(date: str) -> str:
    """Check a publication date given as YYYY-MM-DD and return it (OptionError "date")."""
    import calendar

    m = _ISO_DATE.match(date.strip())
    if not m:
        raise OptionError("date", f"{date!r}: expected YYYY-MM-DD, e.g. 2016-05-23")
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12) or not (1 <= d <= calendar.monthrange(y, mo)[1]) or y < 1:
        raise OptionError("date", f"{date!r}: not a calendar date")
    return f"{y:04d}-{mo:02d}-{d:02d}"
