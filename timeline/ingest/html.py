"""HTML pages: the article's main text, title and original publication date.

trafilatura finds the main text and the metadata; its date comes from htmldate, asked
for the *original* publication date (not the last update), which is the article's anchor.
trafilatura is imported here, inside the function, so `timeline --help` stays fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.errors import TimelineError
from timeline.ingest.article import make_document, normalize_date
from timeline.ingest.byline import page_author
from timeline.ingest.dateline import drop_furniture
from timeline.ingest.pagedate import publication_day
from timeline.model import Document

MAX_HTML_BYTES = 20 * 1024 * 1024  # as for a text file; article pages are far smaller
# Less extracted text than about two sentences is navigation or a teaser, not an article.
MIN_ARTICLE_CHARS = 200


# htmldate is asked for the original publication date, searching the whole page.
ORIGINAL_DATE = EXTENSIVE_DATE_SEARCH = True
# The latest publication date htmldate accepts. Its default is today, read from the clock;
# the pipeline never reads the clock (the same page must give the same date on any day),
# so the bound is fixed: a date past it is a typo or an event, not a publication date.
LATEST_DATE = "2099-12-31"
# trafilatura's balanced mode, tables kept, then the teaser lines it keeps are dropped
# (_drop_teasers). Chosen by the numbers (timeline evaluate ingest DATASET --route html,
# body F1 trafilatura-eval / scrapinghub): precision mode .922 / .964 (it loses whole
# articles: a post inside <noscript>, FAQ answers, a recipe's steps), precision mode read
# again in balanced mode when it keeps little .925 / .969, balanced mode .926 / .960,
# balanced mode without teaser lines .929 / .963 (halves of trafilatura-eval .923 / .934).
EXTRACT_OPTIONS = {"include_comments": False, "include_tables": True}


def _article_text(tree: object, url: str | None) -> str:
    """The article's text as trafilatura's balanced mode reads it ("" when none)."""
    import trafilatura

    doc = trafilatura.bare_extraction(tree, url=url, **EXTRACT_OPTIONS)  # type: ignore[arg-type]
    return str(getattr(doc, "text", None) or "") if doc is not None else ""


@dataclass(frozen=True)
class _Meta:
    """What a page's metadata says: title, site name, author, canonical URL, date."""

    title: str | None
    sitename: str | None
    author: str | None
    url: str | None


def _metadata(tree: object, url: str | None, *, author_search: bool = True) -> _Meta:
    """The page's metadata, read with trafilatura's readers (meta tags, OpenGraph, JSON-LD,
    <title>, the canonical link); the author searched in the page (byline.page_author) only
    when none of those names one. What trafilatura's
    ``extract_metadata`` adds and nothing here reads (categories, tags, licence) is left
    out: it was a quarter of the time of the whole metadata pass. The date is htmldate's
    (_found_date), asked only when it is needed."""
    from trafilatura import metadata as tm

    meta = tm.examine_meta(tree)
    if meta.author and " " not in meta.author:  # a handle, not a name
        meta.author = None
    try:
        meta = tm.extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - a page's broken JSON-LD is no reason to stop
        pass
    meta.title = meta.title or tm.extract_title(tree)
    if not meta.author and author_search:
        meta.author = page_author(tree)
    meta.url = meta.url or tm.extract_url(tree, url)
    meta.sitename = (meta.sitename or tm.extract_sitename(tree) or "").lstrip("@") or None
    if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
        meta.sitename = meta.sitename.title()
    elif not meta.sitename and meta.url:  # the site named by its host
        meta.sitename = _host(meta.url)
    meta.clean_and_trim()  # entities, spaces and control characters out
    return _Meta(title=meta.title, sitename=meta.sitename, author=meta.author, url=meta.url)


def _found_date(tree: object, url: str | None) -> str | None:
    """htmldate's original publication date of the page (YYYY-MM-DD), else None."""
    from htmldate import find_date

    return normalize_date(find_date(tree, url=url, original_date=ORIGINAL_DATE,
                                    extensive_search=EXTENSIVE_DATE_SEARCH,
                                    max_date=LATEST_DATE))


def _host(url: str) -> str | None:
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return re.sub(r"^w(?:ww|\d+)\.", "", host) if host else None


# A line of extracted text that only repeats a link of the page is a teaser for another
# article ("Skyrim finally beaten by a fan", 4+ words), and so is one that labels a link
# ("Read more: ...", "Lea también: ...", "VEA TAMBIÉN: ...", a label of at most 4 words).
MIN_TEASER_WORDS = 4
MAX_LABEL_WORDS = 4
MIN_LABELLED_WORDS = 3
_LABELLED = re.compile(r"([^:]{1,40}):\s+(.+)")


def _teaser_keys(line: str) -> list[str]:
    """What a line is a teaser when a link of the page reads exactly: the whole line (of
    MIN_TEASER_WORDS or more), or what follows a short label ("Read more: ...")."""
    words = " ".join(line.split())
    keys = [words] if len(words.split()) >= MIN_TEASER_WORDS else []
    labelled = _LABELLED.fullmatch(words)
    if (labelled and len(labelled[1].split()) <= MAX_LABEL_WORDS
            and len(labelled[2].split()) >= MIN_LABELLED_WORDS):
        keys.append(labelled[2])
    return keys


def _drop_teasers(text: str, tree: object) -> str:
    """``text`` without the lines that are links to other pages (see MIN_TEASER_WORDS)."""
    lines = [(line, _teaser_keys(line)) for line in text.split("\n")]
    shortest = min((len(key) for _, keys in lines for key in keys), default=None)
    if shortest is None:
        return text
    # A link whose text is shorter than every key reads as no line (spaces only shrink it;
    # XPath's normalize-space() takes out fewer of them than str.split()).
    links = {" ".join(a.text_content().split()) for a in tree.xpath(  # type: ignore[attr-defined]
        "//a[string-length(normalize-space()) >= $n]", n=shortest)}
    return "\n".join(line for line, keys in lines if not any(k in links for k in keys))


class NoArticleError(TimelineError):
    """A page without article text (a home page, an index, an error page, a gallery).
    ``document`` is the page with an empty body: its date and title are what its metadata
    says, for ``timeline extract`` and the evaluation, which report them all the same."""

    def __init__(self, message: str, *, document: Document) -> None:
        super().__init__(message)
        self.document = document
        self.date = document.dct if document.dct_source == "metadata" else None
        self.title = document.title or None


# A page title often carries the site's name: "Headline | Site", "Site - Headline".
_TITLE_SEP = re.compile(r"\s+(?:[|\-\u2013\u2014\u203a\u00bb~\u00b7\u2022:]{1,2}|::)\s+")
# Marks that join no words, so they set the site's name off without spaces too
# ("NEWS WEB EASY|Headline"); a dash or colon without spaces is part of a word ("Site-Affäre").
_TIGHT_SEP = "|\u203a\u00bb\u00b7\u2022"


def _site_cut(title: str, sitename: str | None) -> str | None:
    """``title`` less the site's name at its start or end, set off by a mark of _TIGHT_SEP
    with or without spaces; None when it has none."""
    if not sitename or not sitename.strip():
        return None
    site = re.escape(sitename.strip())
    sep = f"\\s*[{_TIGHT_SEP}]\\s*"
    cut = (re.fullmatch(f"{site}{sep}(.+)", title, re.IGNORECASE)
           or re.fullmatch(f"(.+?){sep}{site}", title, re.IGNORECASE))
    return cut[1].strip() if cut else None


def headline_of(title: str | None, sitename: str | None) -> str | None:
    """The headline in a page title: the longest part once the site's name is left out
    (articles-trafilatura-eval titles exact: .575 -> .663)."""
    if not title:
        return title
    parts = [p.strip() for p in _TITLE_SEP.split(title) if p.strip()]
    if len(parts) < 2:
        return _site_cut(title, sitename) or title
    site = (sitename or "").lower()
    keep = [p for p in parts if not (site and (p.lower() in site or site in p.lower()))]
    return max(keep or parts, key=len)


# Where a page prints its headline, in order of trust: schema.org's headline, the CSS
# classes blog and news templates give it, then h1 and h2. A few of each are read: later
# ones are teasers and comment headings. (Attributes are sought on the attribute axis,
# "//@class[...]/..": the same elements, in half the time of "//*[...@class...]". The
# classes are sought in two tests an attribute, "title" or "headline", then read in Python:
# the same elements as the four tests in XPath, in two thirds of the time.)
_HEADLINE_CLASSES = ("entry-title", "post-title", "article-title", "headline")
_HEADING_XPATHS = (
    "//@itemprop[.='headline']/..",
    "//@class[contains(.,'title') or contains(.,'headline')]/..",
    "//h1",
    "//h2",
)
MAX_HEADINGS = 8


def _headings(tree: object, path: str) -> list[object]:
    """The first MAX_HEADINGS elements ``path`` finds (with a headline class, for the
    class path), in document order."""
    nodes = tree.xpath(path)  # type: ignore[attr-defined]
    if "@class" in path:
        nodes = [n for n in nodes if any(c in n.get("class") for c in _HEADLINE_CLASSES)]
    return list(nodes[:MAX_HEADINGS])
# A heading that only opens the page's title ("Kaeser verarscht Neubauer" in "Siemens und
# die Kohlemine Adani: Kaeser verarscht Neubauer") has at least 3 words.
MIN_AFFIX_WORDS = 3
_NON_WORD = re.compile(r"\W+")


def _key(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


# Parts of a heading a reader does not see as its words: styles and scripts, and text
# hidden for screen readers ("<span class='visually-hidden'> | Site</span>").
_UNSEEN_TAGS = frozenset({"style", "script", "noscript", "template"})
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hidden|invisible|element-invisible|sr-only|"
                           r"visually-?hidden|screen-reader-text|\w+_hidden\w*)(?:\s|$)",
                           re.IGNORECASE)
# A kicker (German "Dachzeile") opens a heading in an element of its own, a styled span,
# a <small> line or a block: "<h1><span class='roofline'>Klimaschutz</span> Bohren, bis es
# heiß wird</h1>". The headline is what follows it, when that has at least 2 words.
_KICKER_TAGS = frozenset({"small", "div", "p"})
MIN_HEADLINE_WORDS = 2
# What joined a kicker to its headline: "Kicker: Headline", "Kicker – Headline".
_LEADING_SEP = re.compile(r"^[\s\-\u2013\u2014:|\u00b7\u2022]+")


def _unseen(node: object) -> bool:
    tag = getattr(node, "tag", None)
    if not isinstance(tag, str):  # a comment or processing instruction
        return True
    return tag in _UNSEEN_TAGS or bool(_HIDDEN_CLASS.search(node.get("class") or ""))  # type: ignore[attr-defined]


def _seen_text(node: object) -> str:
    """The text of ``node`` a reader sees: unseen parts left out, a line break a space."""
    if getattr(node, "tag", None) == "br":
        return " "
    out = [node.text or ""]  # type: ignore[attr-defined]
    for child in node:  # type: ignore[attr-defined]
        if not _unseen(child):
            out.append(_seen_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _parts(node: object) -> list[tuple[str, object | None]]:
    """The heading's top-level pieces: (text, the element it is in, or None for loose text),
    through wrappers that hold the whole heading (``<h1><a>...</a></h1>``)."""
    while True:
        parts: list[tuple[str, object | None]] = [(node.text or "", None)]  # type: ignore[attr-defined]
        for child in node:  # type: ignore[attr-defined]
            if not _unseen(child):
                parts.append((_seen_text(child), child))
            parts.append((child.tail or "", None))
        parts = [(t, el) for t, el in parts if t.strip()]
        if len(parts) == 1 and parts[0][1] is not None:
            node = parts[0][1]
            continue
        return parts


def _is_kicker(element: object | None, following: list[tuple[str, object | None]]) -> bool:
    rest = " ".join(t for t, _ in following).strip()
    if element is None or len(_NON_WORD.sub(" ", rest).split()) < MIN_HEADLINE_WORDS:
        return False
    if rest[:1].islower():  # "<span>Ehezoff</span> der Pochers eskaliert": one sentence
        return False
    tag = element.tag  # type: ignore[attr-defined]
    return tag in _KICKER_TAGS or bool(element.get("class"))  # type: ignore[attr-defined]


def _text(node: object) -> str:
    """A heading's words: without its kicker and any <small> line, nothing unseen."""
    parts = _parts(node)
    parts = [p for p in parts if getattr(p[1], "tag", None) != "small"] or parts
    if len(parts) > 1 and _is_kicker(parts[0][1], parts[1:]):
        parts = parts[1:]
    text = " ".join("".join(t for t, _ in parts).split())
    return _LEADING_SEP.sub("", text)


def _title_parts(title: str, site: set[str]) -> set[str]:
    """Every run of consecutive parts of a page title ("Headline | Section | Site"), the
    site's name left out (a heading hidden for screen readers repeats the whole title)."""
    parts = [p.strip() for p in _TITLE_SEP.split(title) if p.strip() and _key(p) not in site]
    return {_key(" ".join(parts[i:j])) for i in range(len(parts))
            for j in range(i + 1, len(parts) + 1)}


def _rank(key: str, meta: list[str], refs: set[str], affixes: set[str]) -> int | None:
    """How surely a heading is the headline the title names: equal to og:title (0), to a run
    of title parts (1), opening or closing a title or one of its runs, or opening with one
    (2, 3+ words)."""
    if key in meta:
        return 0
    if key in refs:
        return 1
    if len(key.split()) >= MIN_AFFIX_WORDS and any(
            w.startswith(key) or w.endswith(key) or (key.startswith(w) and len(w.split()) >=
                                                     MIN_AFFIX_WORDS) for w in affixes):
        return 2
    return None


def _home_link(node: object, key: str) -> bool:
    """Whether a heading is one link to the site's front page ("/", "https://host/", or
    rel="home"), all its words: the site's name over every page, not a headline."""
    links = list(node.iter("a"))  # type: ignore[attr-defined]
    if len(links) != 1:
        return False
    href = (links[0].get("href") or "").strip()
    if not href or href.startswith("#") or _key(_seen_text(links[0])) != key:
        return False
    if "home" in (links[0].get("rel") or "").lower().split():
        return True
    from urllib.parse import urlsplit

    try:
        address = urlsplit(href)
    except ValueError:
        return False
    return address.path in ("", "/") and not address.query and not address.fragment


def _without_site(title: str, site: set[str]) -> str | None:
    """The longest part of a page title once a run of parts at its start or end that names
    the site is left out ("Headline - Site - Motto"); None when neither end names it."""
    parts = [p.strip() for p in _TITLE_SEP.split(title) if p.strip()]
    for i in range(1, len(parts)):
        if _key(" ".join(parts[i:])) in site:
            return max(parts[:i], key=len)
        if _key(" ".join(parts[:-i])) in site:
            return max(parts[-i:], key=len)
    return None


def page_headline(tree: object, title: str | None, sitename: str | None) -> str | None:
    """The article's headline: the heading the page's own title or its og:/twitter:title
    names (the longest such; one equal to og:title first, the most trusted kind of heading
    among those), else a page's only h1, else the metadata's ``title`` less the site's name
    (articles-trafilatura-eval titles exact: .654 -> .83; halves .83/.84). A heading that
    is one link to the site's front page is the site's name, a logo: left out, and when
    the metadata took its words, the page title less them stands in (with the ties and
    _site_cut: .867 -> .876; halves .865/.870 -> .872/.879)."""
    xp = tree.xpath  # type: ignore[attr-defined]
    # The HTML parser puts the head at /html/head (misplaced <head> tags are dropped): a
    # path from the root reads it without searching the page (same titles on all 1,971
    # pages of the three page sets as "//head/title").
    titles = [" ".join(t.split()) for t in xp("/html/head/title/text()")[:1]]
    tags = xp("//meta[@content][@property='og:title' or @name='twitter:title' or "
              "@property='og:site_name']")  # one pass over the page for both
    found = [(m.get("property"), m.get("name"), m.get("content")) for m in tags]
    meta = [_key(c) for p, n, c in found if (p == "og:title" or n == "twitter:title")
            and c.strip()]
    site = {_key(s) for s in [sitename or "", *(c for p, _, c in found if p == "og:site_name")]
            if s.strip()}
    headings: list[tuple[int, str, str]] = []  # (trust, text, key)
    homes: set[str] = set()
    for trust, path in enumerate(_HEADING_XPATHS):
        for node in _headings(tree, path):
            text = "" if _unseen(node) else _text(node)
            key = _key(text)
            if key and _home_link(node, key):
                homes.add(key)
            elif key:
                headings.append((trust, text, key))
    site |= homes
    refs = set().union(*(_title_parts(t, site) for t in [*titles, *meta]))
    affixes = refs | {_key(t) for t in titles} | set(meta)
    best: tuple[tuple[int, int, int], str] | None = None
    for trust, text, key in headings:
        rank = _rank(key, meta, refs, affixes) if key not in site else None
        if rank is not None:
            order = (rank, trust if rank == 0 else 0, -len(key))
            if best is None or order < best[0]:
                best = (order, text)
    if best is not None:
        return best[1]
    h1 = [t for t in (_text(n) for n in xp("//h1") if not _unseen(n))
          if t and _key(t) not in site]
    if len(h1) == 1 and len(h1[0].split()) >= 2:
        return h1[0]
    if title and titles and _key(title) in homes:  # the metadata took the logo's words
        return _without_site(titles[0], site) or headline_of(title, sitename)
    return headline_of(title, sitename)


def read_html(
    data: bytes | str,
    *,
    name: str,
    doc_id: str,
    url: str | None = None,
    path: str | None = None,
    date: str | None = None,
) -> Document:
    """Extract the article of an HTML page.

    ``date`` is used only when the page gives no publication date of its own. A page
    without an article (a home page, an index, an error page) raises TimelineError.
    """
    if isinstance(data, bytes) and len(data) > MAX_HTML_BYTES:
        raise TimelineError(f"{name}: page is too large (limit {MAX_HTML_BYTES // 2**20} MB)")
    if not (data.strip() if isinstance(data, str) else data.strip()):
        raise TimelineError(f"{name}: page is empty")
    import logging

    from trafilatura.utils import load_html

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        # Parsed once: trafilatura extracts from its own copy of the tree (it prunes what
        # it reads), htmldate and the readers here read this one as the page has it.
        tree = load_html(data)
        if tree is None:
            raise ValueError("not HTML")
        meta = _metadata(tree, url)
        text = drop_furniture(_drop_teasers(_article_text(tree, url or meta.url), tree))
        page_date = publication_day(tree, lambda: _found_date(tree, meta.url), url)
    except Exception as exc:  # noqa: BLE001 - a broken page must not stop a batch
        raise TimelineError(f"{name}: cannot parse the page ({type(exc).__name__})") from None
    dct, source = (page_date, "metadata") if page_date else (date, "option")
    title = page_headline(tree, meta.title, meta.sitename)
    article = text if len(text.strip()) >= MIN_ARTICLE_CHARS else ""
    doc = make_document(article, doc_id=doc_id, title=title, dct=dct, dct_source=source,
                        url=url or meta.url, path=path, outlet=meta.sitename, page=True,
                        byline=meta.author)
    if not article:
        raise NoArticleError(f"{name}: no article text found on the page", document=doc)
    return doc
