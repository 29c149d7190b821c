"""An HTML page's publication date: htmldate's answer checked against the date the page
prints beside its headline, and against the date in its address.

htmldate (inside trafilatura) reads a page's metadata first: ``<meta>`` publication times,
JSON-LD ``datePublished``. Those disagree with what the page shows its readers more often
than one would think: a ``<meta>`` stamp written when the page was last rebuilt, a UTC
timestamp on the next day for an evening story, a navigation bar that prints today's date.
The date printed in the article's header (a ``<time>`` or ``itemprop="datePublished"``
element next to the headline, or a short line of text that is a date: "Stand: 28.04.2020
18:00 Uhr", "1. Februar 2022, Daniel Roe") is the one a reader would quote, so it wins,
unless the page's address carries a full date that agrees with htmldate.

Everything is read from the tree trafilatura already parsed; nothing is parsed twice.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from timeline.ingest.article import normalize_date
from timeline.language import month_numbers

__all__ = ["UNSEEN", "date_forms", "following", "header_date", "publication_day", "read_day",
           "url_day"]

# Years a page's date can name.
MIN_YEAR, MAX_YEAR = 1990, 2099
# The header date is sought within this many characters of page text after the headline
# (byline, teaser): further down, stamps are comments' and related articles' (chosen on
# the even half of dates-htmldate among 1,000 / 1,500 / 2,500; the odd half agrees).
AFTER_HEADLINE = 1500
# A <time> element's visible text longer than this is not a date stamp.
MAX_STAMP_CHARS = 120
# A piece of page text outside such an element is a date stamp only when it is this short
# ("Veröffentlicht am 16.08.2019", "1. Februar 2022 , Daniel Roe"): a longer one is a
# sentence or a list item that names a date ("Termin: 21.02.2020, 19 Uhr, im Saal der
# Stadthalle"). Chosen on each half of dates-htmldate among 30 / 40 / 50 / 60 / 80 / 120:
# 40 on the even half (379 of 400 right; 30: 378, 60: 377, 120: 376), 30 to 60 tie on the
# odd half (370; 120: 367).
MAX_TEXT_STAMP_CHARS = 40
# Ancestors up to this many levels above a piece of text that make it a link's text: a
# link's date is another page's.
LINK_DEPTH = 4
# Elements whose text a reader never sees.
UNSEEN = frozenset({"script", "style", "noscript", "template", "svg"})


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    date_forms: tuple[re.Pattern[str], ...]
    update: re.Pattern[str]
    elsewhere: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw = resources.files("timeline.ingest").joinpath("data", "pagedate.toml").read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    months = month_numbers(data["month_languages"])
    names = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er)?\.?"
    forms = (
        r"\b(?P<year>\d{4})-(?P<nmonth>\d{1,2})-(?P<day>\d{1,2})(?!\d)",  # "...T10:35Z" may follow
        r"\b(?P<day>\d{1,2})\.\s?(?P<nmonth>\d{1,2})\.\s?(?P<year>\d{4})\b",
        r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b",
        rf"\b{day}\s+(?:de\s+)?(?P<month>{names})\.?,?\s+(?:de\s+)?(?P<year>\d{{4}})\b",
        rf"\b(?P<month>{names})\.?\s+{day},?\s+(?P<year>\d{{4}})\b",
    )
    return _Words(
        months=months,
        date_forms=tuple(re.compile(f, re.I) for f in forms),
        update=re.compile("|".join(data["update_markers"]), re.I),
        elsewhere=re.compile("|".join(data["elsewhere_markers"]), re.I),
    )


def date_forms() -> tuple[re.Pattern[str], ...]:
    """The written forms of a full date a page prints ("29 juin 2019", "19.10.2019",
    "November 8, 2023", "2020-04-03"), in the languages of pagedate.toml."""
    return _words().date_forms


def _valid(year: int, month: int, day: int) -> str | None:
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_day(text: str) -> str | None:
    """The calendar day written in a short stamp ("Publié le 29 juin 2019",
    "19.10.2019, 05:00 Uhr", "November 8, 2023", "2020-04-03"), else None. A numeric
    "04/05/2020" whose day and month could be either is no answer."""
    return _read(text)[0]


def _read(text: str) -> tuple[str | None, int]:
    """read_day's answer and where in ``text`` the date starts (-1: none written)."""
    if len(text) > MAX_STAMP_CHARS or not any(c.isdigit() for c in text):
        return None, -1
    words = _words()
    for rx in words.date_forms:
        m = rx.search(text)
        if m is None:
            continue
        g = m.groupdict()
        if g.get("a"):
            a, b = int(g["a"]), int(g["b"])
            if a <= 12 and b <= 12 and a != b:
                return None, m.start()  # day and month order unknown
            month, day = (a, b) if a <= 12 else (b, a)
        else:
            month = int(g["nmonth"]) if g.get("nmonth") else words.months[g["month"].lower()]
            day = int(g["day"])
        return _valid(int(g["year"]), month, day), m.start()
    return None, -1


# A full date as path segments of an address: /2019/05/12/, /2017/7/12/, /2019-05-12-,
# /20190512/. "/2023/10/3-questions" names a month only: a slashed date ends at a slash.
_URL_DAYS = (
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=/|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<sep>[_-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)"
               r"(?P<d>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"),
)


def url_day(url: str | None) -> str | None:
    """The day a page's address names in its path ("/2019/05/12/story"), else None."""
    for rx in _URL_DAYS:
        m = rx.search(url or "")
        if m:
            return _valid(int(m["y"]), int(m["m"]), int(m["d"]))
    return None


def _label(el: Any) -> str:
    """The class, id and itemprop of an element and its two ancestors: what marks a stamp
    as an update ("last-updated-date-time", itemprop="dateModified")."""
    parts: list[str] = []
    for _ in range(3):
        if el is None:
            break
        parts.extend(el.get(a) or "" for a in ("class", "id", "itemprop"))
        el = el.getparent()
    return " ".join(parts)


def _stamp_day(el: Any, text: str) -> str | None:
    """The day a stamp element shows: its visible ``text`` when that reads as a date (what
    the reader sees), else its ``datetime`` or ``content`` attribute."""
    day = read_day(text)
    if day is None:
        day = normalize_date(el.get("datetime") or el.get("content"))
    return day


def _is_stamp(el: Any) -> bool:
    return bool(el.tag == "time" or el.get("itemprop") == "datePublished")


def following(head: Any) -> Iterator[Any]:
    """The subtrees that follow ``head`` in document order: its siblings, then its
    ancestors' siblings (the page read on from the headline, not from the top)."""
    node = head
    while node is not None:
        yield from node.itersiblings()
        node = node.getparent()


def _from(head: Any) -> Iterator[Any]:
    """``head`` and every node after it in document order (its own subtree first)."""
    yield from head.iter()
    for subtree in following(head):
        yield from subtree.iter()


def _in_link(el: Any) -> bool:
    for _ in range(LINK_DEPTH):
        if el is None:
            return False
        if el.tag == "a":
            return True
        el = el.getparent()
    return False


def _text_stamp(text: str | None, owner: Any) -> str | None:
    """The publication day of a piece of page text held by ``owner``, read as a stamp; None
    when it is no publication stamp: longer than MAX_TEXT_STAMP_CHARS, no full date, a
    link's text, in the site's navigation ("Sa, 19. Okt 2019": today's date) or a teaser of
    another story (elsewhere_markers in its class or id), or an update ("Aktualisiert:
    11.04.2020", or the update markers in its class or id)."""
    text = (text or "").strip()
    if not text or len(text) > 4 * MAX_TEXT_STAMP_CHARS or owner is None:
        return None  # (a stamp's spaces and line breaks counted generously)
    text = " ".join(text.split())
    if len(text) > MAX_TEXT_STAMP_CHARS:
        return None
    day, at = _read(text)
    if day is None or _in_link(owner):
        return None
    words = _words()
    label = _label(owner)
    if words.elsewhere.search(label):
        return None
    if words.update.search(text[:at]) or words.update.search(label):
        return None
    return day


def _stamps_after(head: Any) -> Iterator[tuple[Any, str | None]]:
    """The date stamps after ``head``, in document order, within AFTER_HEADLINE characters
    of page text (the walk starts at the headline, not at the top of the page): each stamp
    element as (element, None), to be read, and each piece of text that is a publication
    stamp as (its element, its day)."""
    if head.tag in UNSEEN:  # a headline inside a script or template is not shown
        return
    pos = 0
    for el in _from(head):
        if pos > AFTER_HEADLINE:
            return
        if not isinstance(el.tag, str) or el.tag in UNSEEN:
            pos += len(el.tail or "")
            continue
        if _is_stamp(el):
            yield el, None
        for text, owner in ((el.text, el), (el.tail, el.getparent())):
            day = _text_stamp(text, owner)
            if day is not None:
                yield owner, day
        pos += len(el.text or "") + len(el.tail or "")


def header_date(tree: Any) -> str | None:
    """The publication day printed first after the page's headline (the first h1, or the
    element marked ``itemprop="headline"``), within AFTER_HEADLINE characters of page text:
    a ``<time>`` or ``itemprop="datePublished"`` element, or a short piece of text that is
    a date (_text_stamp). Stamps marked as updates are passed; an empty element (a hidden
    copy of the metadata) ends the search. Stamps before the headline were tried too: on
    dates-htmldate they were hidden copies of the metadata, wrong more often than right."""
    heads = tree.xpath("(//@itemprop[.='headline']/parent::*[not(self::meta)] | //h1)[1]")
    if not heads:
        return None
    update = _words().update
    for el, printed in _stamps_after(heads[0]):
        if printed is not None:  # a piece of text that is a stamp
            return printed
        text = " ".join(str(el.text_content()).split())
        if update.search(_label(el)) or update.search(text[:MAX_STAMP_CHARS]):
            continue
        if not text:
            return None  # a hidden copy of the metadata: nothing shown to check
        day = _stamp_day(el, text)
        if day is not None:
            return day
    return None


def _page_url(tree: Any, url: str | None) -> str | None:
    if url:
        return url
    found = tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content")
    return str(found[0]) if found else None


def publication_day(tree: Any, find: Callable[[], str | None],
                    url: str | None = None) -> str | None:
    """The page's publication day: what ``find()`` says (htmldate's answer, YYYY-MM-DD)
    unless the date printed beside the headline differs and the address does not name
    ``find()``'s day ("/2019/05/12/") to confirm it. ``find`` is called only when its
    answer can count: not when the header prints a date and the address names none (43 of
    the 181 articles-scrapinghub pages)."""
    header = header_date(tree)
    if header is None:
        return find()
    named = url_day(_page_url(tree, url))
    if named is None:
        return header
    found = find()
    return found if found in (header, named) else header
