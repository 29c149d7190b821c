"""An HTML page's author, as the page marks it up or prints it, for when its metadata
(``<meta>`` tags, JSON-LD) names none.

Read in this order:

1. what the page marks as its author by a standard: schema.org microdata
   (``itemprop="author"``, the name in its ``itemprop="name"``), microformats (the
   ``p-author`` of an h-entry, its ``p-name``; hAtom's author hCard, ``class="author
   vcard"``, its ``fn``) and HTML's ``rel="author"`` link. The first such mark after the
   headline counts (one before it is a menu's or a sidebar's), else the first one;
2. the byline printed between the headline and the article's first paragraph: a line
   the page rules read as a byline (``byline = true`` in ``data/<lang>/page.toml``, the
   rules the paste route reads bylines with: "By Jane Okafor");
3. an element whose class or id names it an author or a byline ("article-author",
   "byline__name", "authorbox"): a convention of page templates, not a standard, so the
   last resort; after the headline first, as in 1.

A mark inside a comment or a caption is a commenter's or a photographer's, not the
article's author, and is passed. Names are given as the page prints them (a handle in
lower case stays so).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from timeline.ingest.dateline import byline_name, page_furniture, page_rules
from timeline.ingest.pagedate import AFTER_HEADLINE, UNSEEN, date_forms, following

__all__ = ["page_author"]

# Where the headline is (as pagedate.header_date reads it), then every element that may be
# an author mark (what each is is read in _kind: "comment-author" is none).
_CANDIDATES = ("(//@itemprop[.='headline']/parent::*[not(self::meta)] | //h1)[1]"
               " | //@itemprop[contains(.,'author')]/.. | //@rel[contains(.,'author')]/.."
               " | //@class[contains(.,'author') or contains(.,'byline')]/.."
               " | //@id[contains(.,'author') or contains(.,'byline')]/..")
# A name is short: more words or characters than this is a sentence or a bio.
MAX_NAME_WORDS = 8
MAX_NAME_CHARS = 80
# Lower-case words before a name that are a byline's lead ("von", "by", "par"): one or two,
# each this short at most.
MAX_LEAD_WORDS, MAX_LEAD_CHARS = 2, 4
# The byline is sought in the page text after the headline that pagedate reads for its
# date (AFTER_HEADLINE characters), and not past the article's first paragraph: a <p> of
# at least FIRST_PARAGRAPH_WORDS words.
FIRST_PARAGRAPH_WORDS = 15
# Ancestors whose author marks are not the article's: comments and captions (a class or
# id with one of these words: "comment-list", "wp-caption"; schema.org's Comment).
_NOT_ARTICLE_TAGS = frozenset({"figure", "figcaption"})
_NOT_ARTICLE_WORDS = frozenset({"comment", "comments", "commentlist", "caption"})
_WORD = re.compile(r"[^\W\d_]+")
_UNSEEN = UNSEEN | {"button", "select"}  # a control's label is no byline
# Elements that start a line of their own; a <time> is a stamp beside the byline, read apart.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "section", "table", "td", "th", "tr", "ul", "time",
})
# Elements too large to be a byline, whatever their class says ("single-author" pages).
_CONTAINERS = frozenset({"html", "body", "main", "article", "section"})
_TRIM = " \t\n,;:|/\u2013\u2014\u2022\u00b7-"
# How an element marks an author: by a standard (schema.org, microformats, rel), or by
# the word "author" or "byline" in its class, a convention of page templates.
STANDARD, CONVENTION = 0, 1


def _tokens(value: str | None) -> set[str]:
    return set((value or "").split())


def _words(value: str | None) -> set[str]:
    """The words of a class or id: "header-info__author-link" -> header, info, author, link."""
    return set(_WORD.findall((value or "").lower()))


def _is_headline(el: Any) -> bool:
    return bool(el.tag == "h1" or (el.get("itemprop") == "headline" and el.tag != "meta"))


def _kind(el: Any) -> int | None:
    """How ``el`` marks an author (STANDARD, CONVENTION), else None."""
    if "author" in _tokens(el.get("itemprop")) or "author" in _tokens(el.get("rel")):
        return STANDARD
    classes = _tokens(el.get("class"))
    if "p-author" in classes or {"author", "vcard"} <= classes:
        return STANDARD
    if el.tag in _CONTAINERS:
        return None
    words = _words(f"{el.get('class') or ''} {el.get('id') or ''}")
    if (any(w.startswith(("author", "byline")) for w in words)
            and not words & _NOT_ARTICLE_WORDS):
        return CONVENTION
    return None


def _in_article(el: Any) -> bool:
    """False for an element inside a comment or a caption (see _NOT_ARTICLE_WORDS)."""
    for anc in el.iterancestors():
        if anc.tag in _NOT_ARTICLE_TAGS:
            return False
        if anc.tag == "body":
            return True
        if "comment" in (anc.get("itemprop") or "") or "Comment" in (anc.get("itemtype") or ""):
            return False
        if _words(f"{anc.get('class') or ''} {anc.get('id') or ''}") & _NOT_ARTICLE_WORDS:
            return False
    return True


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def _before_stamp(text: str) -> str:
    """``text`` up to the stamp written in it, a date or a publication stamp's lead word
    (page rules): "Jane Roe, 24. Januar 2022" -> "Jane Roe, ", "Tom Roe Published 11:34 PM"
    -> "Tom Roe ". A lead word that opens the text is dropped: "Posted by Tom Roe"."""
    for rx in date_forms():
        m = rx.search(text)
        if m:
            text = text[: m.start()]
    for m in page_rules().lead.finditer(text):
        if m.start() == 0:
            text = text[m.end():]
            break
        if not text[m.start() - 1].isalnum():
            text = text[: m.start()]
            break
    return text


# The word an author link's phrase puts before the name: "View all posts by Jane Roe",
# "Zeige alle Beiträge von Petra Ruland", "Artikel von: hausinfo".
_BY_WORDS = frozenset({"by", "von", "par", "por"})


def _after_by(name: str) -> str:
    """``name`` without a phrase ending in a "by" word before the name ("Erstellt von Andri
    Bryner" -> "Andri Bryner"), when the words are a phrase and not a name with a particle
    ("Christoph von Ritter", "Ursula von der Leyen" stay): two or more words before the
    "by" word, or a name of two capitalised words or a lower-case handle after it."""
    words = name.split()
    at = max((i for i, w in enumerate(words[1:-1], 1) if w.lower().rstrip(":") in _BY_WORDS),
             default=0)
    if not at:
        return name
    tail = words[at + 1:]
    if (at >= 2 or (len(tail) >= 2 and tail[0][:1].isupper())
            or (len(tail) == 1 and tail[0].islower())):
        return " ".join(tail)
    return name


def _clean(name: str | None) -> str | None:
    """A name as it can stand for the author, else None (a sentence, a bio, an address).
    The words before it go: a byline's lead ("By Jane Okafor", dateline.byline_name), and
    one or two short lower-case words before a capitalised name ("von Anna Schmidt", "by
    Tom Roe"; "revamp-it Webteam" stays)."""
    if not name:
        return None
    name = byline_name(" ".join(name.split())).strip(_TRIM)
    words = name.split()
    first = next((i for i, w in enumerate(words) if not w.islower()), 0)
    if (0 < first <= MAX_LEAD_WORDS and first < len(words) and words[first][:1].isupper()
            and all(w.isalpha() and len(w) <= MAX_LEAD_CHARS for w in words[:first])):
        name = " ".join(words[first:])
    name = _after_by(name)
    if (not name or len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS
            or "@" in name or "://" in name or not any(c.isalpha() for c in name)):
        return None
    return name


def _name(el: Any) -> str | None:
    """The name an author mark gives: its schema.org or microformats name part, else the
    text of its first link (a byline links the name to the author's page), else its
    ``content`` attribute (a ``<meta>`` in microdata), else its text."""
    for part in el.xpath("descendant-or-self::*[@itemprop='name' or contains(@class,'fn') "
                         "or contains(@class,'p-name')]"):
        if part.get("itemprop") == "name" or _tokens(part.get("class")) & {"fn", "p-name"}:
            found = _clean(part.get("content") or _text(part))
            if found:
                return found
    for link in el.iter("a"):
        found = _clean(_text(link))
        if found:
            return found
    if el.tag == "link":
        return None  # an address, not a name
    content = el.get("content")
    return _clean(content if content is not None else _before_stamp(_text(el)))


def _marks(tree: Any) -> tuple[list[tuple[int, bool, Any]], Any]:
    """The author marks of the page outside comments and captions: (kind, whether after
    the headline, element), in document order; and the headline (None when none)."""
    head = None
    found: list[tuple[int, bool, Any]] = []
    for el in tree.xpath(_CANDIDATES):
        if head is None and _is_headline(el):
            head = el
        kind = _kind(el)
        if kind is not None and _in_article(el):
            found.append((kind, head is not None, el))
    return found, head


def _first_name(marks: list[tuple[int, bool, Any]], kind: int) -> str | None:
    """The name of the first mark of ``kind`` after the headline that gives one, else of
    the first before it."""
    for after in (True, False):
        for k, is_after, el in marks:
            if k == kind and is_after == after and (name := _name(el)):
                return name
    return None


def _lines_after(head: Any) -> Iterator[tuple[str, bool]]:
    """The text lines a reader sees after ``head``, within AFTER_HEADLINE characters, each
    with whether it is (in) a paragraph, a <p>."""
    from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

    pieces: list[str] = [head.tail or ""]
    in_para = is_para = False
    seen = 0
    for sub in following(head):
        walk = etree.iterwalk(sub, events=("start", "end", "comment", "pi"))
        for event, el in walk:
            if event in ("comment", "pi"):
                pieces.append(el.tail or "")
                continue
            block = el.tag in _BLOCK
            if event == "start" and el.tag in _UNSEEN:
                walk.skip_subtree()  # no "end" comes for it
                block, event = False, "end"
            if block:  # a line ends
                text = " ".join("".join(pieces).split())
                if text:
                    yield text, is_para
                    seen += len(text)
                    if seen > AFTER_HEADLINE:
                        return
                pieces, is_para = [], False
            if el.tag == "p":
                in_para = event == "start"
            pieces.append((el.text if event == "start" else el.tail) or "")
            is_para = is_para or in_para
    text = " ".join("".join(pieces).split())
    if text:
        yield text, is_para


def _printed_byline(head: Any) -> str | None:
    """The byline printed between the headline and the article's first paragraph."""
    if head.tag in _UNSEEN:
        return None
    lines = list(_lines_after(head))
    texts = [t for t, _ in lines]
    for text, is_para in lines:
        if is_para and len(text.split()) >= FIRST_PARAGRAPH_WORDS:
            return None
        rule = page_furniture(text, texts)
        if rule is not None and rule.byline:
            return _clean(byline_name(text, rule))
    return None


def page_author(tree: Any) -> str | None:
    """The author the page marks up or prints under its headline (see the module doc),
    else None."""
    marks, head = _marks(tree)
    return (_first_name(marks, STANDARD)
            or (_printed_byline(head) if head is not None else None)
            or _first_name(marks, CONVENTION))
