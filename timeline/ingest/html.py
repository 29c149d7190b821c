"""HTML pages: the article's main text, title and original publication date.

trafilatura finds the main text and the metadata; its date comes from htmldate, asked
for the *original* publication date (not the last update), which is the article's anchor.
trafilatura is imported here, inside the function, so `timeline --help` stays fast.
"""

from __future__ import annotations

import re

from timeline.errors import TimelineError
from timeline.ingest.article import make_document, normalize_date
from timeline.ingest.pagedate import publication_day
from timeline.model import Document

MAX_HTML_BYTES = 20 * 1024 * 1024  # as for a text file; article pages are far smaller
# Less extracted text than about two sentences is navigation or a teaser, not an article.
MIN_ARTICLE_CHARS = 200


# htmldate is asked for the original publication date, searching the whole page.
DATE_PARAMS = {"original_date": True, "extensive_search": True}


class NoArticleError(TimelineError):
    """A page without article text (a home page, an index, an error page, a gallery);
    ``date`` and ``title`` are what its metadata says, for ``timeline extract`` and the
    evaluation, which report a page's date even when it has no article."""

    def __init__(self, message: str, *, date: str | None, title: str | None) -> None:
        super().__init__(message)
        self.date = date
        self.title = title


def _no_article(name: str, tree: object, extracted: object, url: str | None) -> NoArticleError:
    if extracted is None:  # trafilatura gave up before reading the metadata
        from trafilatura.metadata import extract_metadata

        extracted = extract_metadata(tree, url, DATE_PARAMS)
    date = normalize_date(getattr(extracted, "date", None))
    title = getattr(extracted, "title", None)
    return NoArticleError(f"{name}: no article text found on the page", date=date,
                          title=page_headline(tree, title, getattr(extracted, "sitename", None)))


# A page title often carries the site's name: "Headline | Site", "Site - Headline".
_TITLE_SEP = re.compile(r"\s+(?:[|\-\u2013\u2014\u203a\u00bb~\u00b7\u2022:]{1,2}|::)\s+")


def headline_of(title: str | None, sitename: str | None) -> str | None:
    """The headline in a page title: the longest part once the site's name is left out
    (articles-trafilatura-eval titles exact: .575 -> .663)."""
    if not title:
        return title
    parts = [p.strip() for p in _TITLE_SEP.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    site = (sitename or "").lower()
    keep = [p for p in parts if not (site and (p.lower() in site or site in p.lower()))]
    return max(keep or parts, key=len)


# Where a page prints its headline, in order of trust: schema.org's headline, the CSS
# classes blog and news templates give it, then h1 and h2. A few of each are read: later
# ones are teasers and comment headings.
_HEADING_XPATHS = (
    "//*[@itemprop='headline']",
    "//*[contains(@class,'entry-title') or contains(@class,'post-title') or "
    "contains(@class,'article-title') or contains(@class,'headline')]",
    "//h1",
    "//h2",
)
MAX_HEADINGS = 8
# A heading that only opens the page's title ("Kaeser verarscht Neubauer" in "Siemens und
# die Kohlemine Adani: Kaeser verarscht Neubauer") has at least 3 words.
MIN_AFFIX_WORDS = 3
_NON_WORD = re.compile(r"\W+")


def _key(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def _text(node: object) -> str:
    return " ".join(str(node.text_content()).split())  # type: ignore[attr-defined]


def _title_parts(title: str) -> set[str]:
    """Every run of consecutive parts of a page title ("Headline | Section | Site")."""
    parts = [p.strip() for p in _TITLE_SEP.split(title) if p.strip()]
    return {_key(" ".join(parts[i:j])) for i in range(len(parts))
            for j in range(i + 1, len(parts) + 1)}


def page_headline(tree: object, fallback: str | None, sitename: str | None) -> str | None:
    """The article's headline: the heading the page's own title or its og:/twitter:title
    names (the longest such; one equal to og:title first), else a page's only h1, else
    ``fallback`` (articles-trafilatura-eval titles exact: .654 -> .83; halves .83/.84)."""
    xp = tree.xpath  # type: ignore[attr-defined]
    titles = [" ".join(t.split()) for t in xp("//head/title/text()")[:1]]
    meta = [_key(t) for t in xp("//meta[@property='og:title' or @name='twitter:title']"
                                "/@content") if t.strip()]
    site = {_key(s) for s in [sitename or "", *xp("//meta[@property='og:site_name']/@content")]
            if s.strip()}
    refs = set().union(*(_title_parts(t) for t in titles), *(_title_parts(m) for m in meta))
    whole = [_key(t) for t in titles] + meta
    best: tuple[tuple[int, int], str] | None = None
    for path in _HEADING_XPATHS:
        for node in xp(path)[:MAX_HEADINGS]:
            text = _text(node)
            key = _key(text)
            if not key or key in site:
                continue
            if key in meta:
                rank = 0
            elif key in refs:
                rank = 1
            elif len(key.split()) >= MIN_AFFIX_WORDS and any(
                    w.startswith(key) or w.endswith(key) for w in whole):
                rank = 2
            else:
                continue
            if best is None or (rank, -len(key)) < best[0]:
                best = ((rank, -len(key)), text)
    if best is not None:
        return best[1]
    h1 = [t for t in (_text(n) for n in xp("//h1")) if t and _key(t) not in site]
    if len(h1) == 1 and len(h1[0].split()) >= 2:
        return h1[0]
    return fallback


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

    import trafilatura
    from trafilatura.utils import load_html

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        tree = load_html(data)  # parsed once: headings are read before extraction prunes
        if tree is None:
            raise ValueError("not HTML")
        extracted = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            # chosen by the numbers (tests/bench/bench_ingest.py): precision mode with
            # tables gave the best body F1 on articles-scrapinghub and -trafilatura-eval
            include_tables=True,
            favor_precision=True,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception as exc:  # noqa: BLE001 - a broken page must not stop a batch
        raise TimelineError(f"{name}: cannot parse the page ({type(exc).__name__})") from None
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or len(text.strip()) < MIN_ARTICLE_CHARS:
        raise _no_article(name, tree, extracted, url)
    page_date = publication_day(tree, normalize_date(getattr(extracted, "date", None)), url)
    meta_title, sitename = getattr(extracted, "title", None), getattr(extracted, "sitename", None)
    dct, source = (page_date, "metadata") if page_date else (date, "option")
    return make_document(
        text,
        doc_id=doc_id,
        title=page_headline(tree, headline_of(meta_title, sitename), sitename),
        dct=dct,
        dct_source=source,
        url=url or getattr(extracted, "url", None),
        path=path,
        outlet=getattr(extracted, "sitename", None),
        page=True,
        byline=getattr(extracted, "author", None),
    )
