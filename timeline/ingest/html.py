"""HTML pages: the article's main text, title and original publication date.

trafilatura finds the main text and the metadata; its date comes from htmldate, asked
for the *original* publication date (not the last update), which is the article's anchor.
trafilatura is imported here, inside the function, so `timeline --help` stays fast.
"""

from __future__ import annotations

import re

from timeline.errors import TimelineError
from timeline.ingest.article import make_document, normalize_date
from timeline.model import Document

MAX_HTML_BYTES = 20 * 1024 * 1024  # as for a text file; article pages are far smaller
# Less extracted text than about two sentences is navigation or a teaser, not an article.
MIN_ARTICLE_CHARS = 200


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

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        extracted = trafilatura.bare_extraction(
            data,
            url=url,
            with_metadata=True,
            include_comments=False,
            # chosen by the numbers (tests/bench/bench_ingest.py): precision mode with
            # tables gave the best body F1 on articles-scrapinghub and -trafilatura-eval
            include_tables=True,
            favor_precision=True,
            date_extraction_params={"original_date": True, "extensive_search": True},
        )
    except Exception as exc:  # noqa: BLE001 - a broken page must not stop a batch
        raise TimelineError(f"{name}: cannot parse the page ({type(exc).__name__})") from None
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or len(text.strip()) < MIN_ARTICLE_CHARS:
        raise TimelineError(f"{name}: no article text found on the page")
    page_date = normalize_date(getattr(extracted, "date", None))
    dct, source = (page_date, "metadata") if page_date else (date, "option")
    return make_document(
        text,
        doc_id=doc_id,
        title=headline_of(getattr(extracted, "title", None), getattr(extracted, "sitename", None)),
        dct=dct,
        dct_source=source,
        url=url or getattr(extracted, "url", None),
        path=path,
        outlet=getattr(extracted, "sitename", None),
        page=True,
        byline=getattr(extracted, "author", None),
    )
