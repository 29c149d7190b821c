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
from pathlib import Path

from timeline.errors import TimelineError
from timeline.model import Document
from timeline.textstats import stop_words

MAX_BYTES = 20 * 1024 * 1024

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
    if b"\x00" in data[:65536]:
        raise TimelineError(f"{name}: input looks binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TimelineError(
            f"{name}: input is not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first"
        ) from None
    head = text[:65536]
    controls = sum(1 for c in head if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > max(8, len(text[:65536]) // 100):
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
    if len(line) > 80:
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
    dct: str | None = None
    updated: str | None = None
    found_headline: str | None = None

    def skip_preamble(i: int) -> int:
        # Blank, agency, byline and date lines; a date there is the DCT.
        nonlocal dct, updated
        while i < n:
            s = lines[i].strip()
            if not s or _AGENCY_RE.match(s) or _BYLINE_RE.match(s):
                i += 1
                continue
            d = parse_date_line(s)
            if not d:
                break
            if _UPDATED_RE.match(s):
                updated = updated or d
            else:
                dct = dct or d
            i += 1
        return i

    start_line = skip_preamble(0)
    # A short first line without final punctuation, followed by text, is a headline.
    if headline and start_line < n:
        first = lines[start_line].strip()
        rest = [ln for ln in lines[start_line + 1 :] if ln.strip()]
        if (
            rest
            and len(first.split()) <= 20
            and not re.search(r"[.!?:;,\"'\u201d)]\s*$", first)
            and len(rest[0].split()) > len(first.split())
        ):
            found_headline = first
            start_line = skip_preamble(start_line + 1)
    end_line = n
    seen_text = False
    for j in range(start_line, n):
        s = lines[j].strip()
        if not s:
            continue
        if seen_text and _is_trailer(s):
            end_line = j
            break
        seen_text = True
    # Take the DCT from a dateline in the trailer (the first date-only line after the body).
    if dct is None:
        for j in range(end_line, min(n, end_line + 4)):
            s = lines[j].strip()
            d = parse_date_line(s)
            if d:
                if _UPDATED_RE.match(s):
                    updated = updated or d
                    continue
                dct = d
                break
    if dct is None:
        dct = updated
    if dct is None:  # "LONDON, June 15, 2015 (Reuters) - The plant ..." opening the body
        for j in range(start_line, min(end_line, start_line + 3)):
            if lines[j].strip():
                dct = inline_dateline(lines[j])
                break
    end_line = _drop_unrelated_tail(lines, start_line, end_line)
    # Trim blank lines from both ends of the body.
    while end_line > start_line and not lines[end_line - 1].strip():
        end_line -= 1
    if start_line >= n or end_line <= start_line:
        raise TimelineError("no article text found in the input")
    body_start = spans[start_line][0]
    body_end = spans[end_line - 1][1]
    return body_start, body_end, dct, found_headline


_STOP = stop_words("headline")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")


def _content_words(line: str) -> set[str]:
    return {w.lower().rstrip("'s") for w in _WORD.findall(line)} - _STOP


def _is_headline_like(line: str) -> bool:
    s = line.strip()
    # Headlines may ask a question; they do not end in a full stop or a comma.
    return 0 < len(s.split()) <= 16 and not re.search(r"[.!:;,\"\u201d)]\s*$", s)


def _drop_unrelated_tail(lines: list[str], start: int, end: int) -> int:
    """Cut trailing headline+teaser blocks that share no content word with the article's lead.

    Pasted pages often end with a list of other stories: a short headline line followed by
    a one-line teaser. Two or more such blocks at the very end, none sharing a content
    word with the first paragraphs, are not article text.
    """
    body = [i for i in range(start, end) if lines[i].strip()]
    if len(body) < 6:
        return end
    lead: set[str] = set()
    for i in body[:3]:
        lead |= _content_words(lines[i])
    cut = end
    blocks = 0
    k = len(body) - 1
    while k > 3:
        # A block: a headline-like line and the one or two teaser lines after it.
        h = next((j for j in (k - 1, k - 2) if _is_headline_like(lines[body[j]])), None)
        if h is None:
            break
        words: set[str] = set()
        for i in body[h : k + 1]:
            words |= _content_words(lines[i])
        if len(words & lead) > 1:
            break
        blocks += 1
        cut = body[h]
        k = h - 1
    return cut if blocks >= 2 else end


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
    title = clause if len(clause.split()) >= 5 else sent.rstrip(".")
    if len(title) > 120:
        cut = title[:120].rsplit(" ", 1)[0]
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
    """Check a --date value (YYYY-MM-DD) and return it."""
    import calendar

    m = _ISO_DATE.match(date.strip())
    if not m:
        raise TimelineError(f"--date {date!r}: expected YYYY-MM-DD, e.g. 2016-05-23")
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12) or not (1 <= d <= calendar.monthrange(y, mo)[1]) or y < 1:
        raise TimelineError(f"--date {date!r}: not a calendar date")
    return f"{y:04d}-{mo:02d}-{d:02d}"
