"""Plain-text articles: decoding, where the article ends, the dateline, the title.

Text pasted from a news page carries what followed the article: the agency line
("AFP"), a dateline ("Mon May 23 2016"), a photo caption ("... - AFP photo") and often
a list of unrelated headlines and teasers. The body ends at the first such trailer
line; the publication date is taken from a dateline (a line that is only a date, or a
"Published ..." line), never from the clock.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import OptionError, TimelineError
from timeline.model import Document
from timeline.textstats import stop_words

MAX_BYTES = 20 * 1024 * 1024
# Binary data shows in its first 64 KB (a NUL byte, or control characters in more than
# one character in 100, at least 8 so that a few stray form feeds pass).
SNIFF_CHARS = 65536
MAX_CONTROL_SHARE = 100
MIN_CONTROLS = 8
# A dateline is a short line; a longer line that parses as a date is a sentence.
MAX_DATELINE_CHARS = 80

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
_DATELINE_RES = [re.compile(r"^\s*" + _LEAD_IN + f + r"\s*$", re.I) for f in _DATE_FORMS]
# a page's time stamp glued before the lead: "Saturday 25 April 2009 23.24 BST Swine flu has"
_STAMP_RES = [
    re.compile(r"^\s*" + _LEAD_IN + f + r"\s+(?=(?-i:[A-Z\"\u201c]))", re.I)
    for f in _DATE_FORMS[:2]
]
_BYLINE_RE = re.compile(
    r"^\s*By\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4}(?:\s*[,|]\s*[\w .-]{1,40})?\s*$"
)
_UPDATED_RE = re.compile(r"^\s*(last\s+)?updated\b", re.I)

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
    """The TIMEX3 date of a line that is only a date ("Mon May 23 2016"), else None."""
    if len(line) > MAX_DATELINE_CHARS:
        return None
    for rx in _DATELINE_RES:
        m = rx.match(line)
        if not m:
            continue
        gd = m.groupdict()
        month = int(gd["nmonth"]) if gd.get("nmonth") else _MONTHS[gd["month"].lower()]
        day, year = int(gd["day"]), int(gd["year"])
        if not (1 <= month <= 12 and 1 <= day <= 31 and 1000 <= year <= 2999):
            return None
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


_INLINE_DATELINE = re.compile(
    r"^\s*(?-i:[A-Z][A-Z.'\- ]{1,30}(?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?),\s*"
    r"(?P<date>[^()\-\u2013\u2014]{6,40}?)\s*(?:\([^)]{1,30}\)\s*)?(?:--|-|\u2013|\u2014)\s+\S"
)


def inline_dateline(line: str) -> str | None:
    """The date of a dateline that opens a paragraph: "LONDON, June 15, 2015 (Reuters) - ..."
    (a date with its year; "LONDON, June 15 (Reuters) -" names no year and gives none)."""
    m = _INLINE_DATELINE.match(line)
    return parse_date_line(m["date"]) if m else None


def _is_trailer(line: str) -> bool:
    return bool(_AGENCY_RE.match(line) or parse_date_line(line) or _CAPTION_RE.search(line))


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
class _Dates:
    """The dates met while reading a text's lines: its dateline and an "Updated ..." stamp."""

    dct: str | None = None
    updated: str | None = None

    def note(self, line: str, date: str, *, first_wins: bool = True) -> None:
        """Record a date-only ``line``: an update stamp is kept apart from the dateline."""
        if _UPDATED_RE.match(line):
            self.updated = self.updated or date
        elif first_wins:
            self.dct = self.dct or date
        else:
            self.dct = date


def _skip_preamble(lines: list[str], i: int, dates: _Dates) -> int:
    """The first line from ``i`` that is not blank, agency, byline or date (noted in ``dates``)."""
    while i < len(lines):
        s = lines[i].strip()
        if not s or _AGENCY_RE.match(s) or _BYLINE_RE.match(s):
            i += 1
            continue
        d = parse_date_line(s)
        if not d:
            break
        dates.note(s, d)
        i += 1
    return i


def _is_headline(lines: list[str], i: int) -> bool:
    """A short first line without final punctuation, followed by longer text, is a headline."""
    first = lines[i].strip()
    rest = [ln for ln in lines[i + 1 :] if ln.strip()]
    return bool(
        rest
        and len(first.split()) <= HEADLINE_MAX_WORDS
        and not _HEADLINE_END.search(first)
        and len(rest[0].split()) > len(first.split())
    )


def _body_end(lines: list[str], start: int) -> int:
    """The first trailer line (agency, date-only line, caption) after some article text."""
    seen_text = False
    for j in range(start, len(lines)):
        s = lines[j].strip()
        if not s:
            continue
        if seen_text and _is_trailer(s):
            return j
        seen_text = True
    return len(lines)


def _trailer_date(lines: list[str], end: int, dates: _Dates) -> None:
    """Take the DCT from the first date-only line after the body (an update stamp aside)."""
    for j in range(end, min(len(lines), end + TRAILER_DATE_LINES)):
        s = lines[j].strip()
        d = parse_date_line(s)
        if d:
            dates.note(s, d, first_wins=False)
            if dates.dct is not None:
                return


def _opening_dateline(lines: list[str], start: int, end: int) -> str | None:
    """The date of "LONDON, June 15, 2015 (Reuters) - The plant ..." opening the body."""
    for j in range(start, min(end, start + OPENING_DATELINE_LINES)):
        if lines[j].strip():
            return inline_dateline(lines[j])
    return None


def find_body(text: str, *, headline: bool = True) -> tuple[int, int, str | None, str | None]:
    """Locate the article body and its dateline.

    Returns (body_start, body_end, dct, headline). Leading lines that are only a date or
    an agency line are skipped (and a date there is the DCT); the body ends at the first
    trailer line (agency name, date-only line, photo caption) after some article text, and
    a closing list of other stories is cut. ``headline=False`` (text extracted from a page,
    whose title is known) does not look for a headline line.
    """
    spans = _line_spans(text)
    lines = [text[a:b] for a, b in spans]
    n = len(lines)
    dates = _Dates()
    found_headline: str | None = None
    start_line = _skip_preamble(lines, 0, dates)
    if headline and start_line < n and _is_headline(lines, start_line):
        found_headline = lines[start_line].strip()
        start_line = _skip_preamble(lines, start_line + 1, dates)
    end_line = _body_end(lines, start_line)
    if dates.dct is None:
        _trailer_date(lines, end_line, dates)
    dct = dates.dct or dates.updated
    if dct is None:
        dct = _opening_dateline(lines, start_line, end_line)
    end_line = _drop_unrelated_tail(lines, start_line, end_line)
    # Trim blank lines from both ends of the body.
    while end_line > start_line and not lines[end_line - 1].strip():
        end_line -= 1
    if start_line >= n or end_line <= start_line:
        raise TimelineError("no article text found in the input")
    return spans[start_line][0], spans[end_line - 1][1], dct, found_headline


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
        [ ]*(?:--|—|–|-)?[ ]*
      | [A-Z][A-Z.'’-]{{2,}}(?:[ ][A-Z][A-Z.'’-]+){{0,3}}(?:,[ ]{_PLACE})?[ ]+(?:--|—|–)[ ]+
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
    body_start, body_end, dct, headline = find_body(text)
    source = "dateline" if dct else "none"
    if date is not None:
        dct, source = validate_date(date), "option"
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
    )


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
