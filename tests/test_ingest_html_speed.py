"""read_html's faster readers give what the slower ones they replace gave (issue 12, speed):
the author search in one pass is trafilatura's extract_author, and htmldate is asked for a
page's date only when its answer can count."""

from __future__ import annotations

from typing import Any

import pytest

from timeline.ingest.html import _search_author, read_html

BODY = "".join(
    f"<p>{s}</p>" for s in (
        "The council voted on the new bridge after a long debate in the town hall, and the "
        "mayor said that work would start before the summer, once the last permits are in.",
        "Residents who had asked for a safer crossing for years welcomed the decision, while "
        "some shop owners worried about months of closed roads in the old town.",
    )
)


def _page(header: str, body: str = BODY, head: str = "") -> str:
    return (f"<html><head><title>Council approves the new bridge</title>{head}</head><body>"
            "<nav><a href='/'>Home</a></nav><article><h1>Council approves the new bridge</h1>"
            f"{header}{body}</article></body></html>")


# Where pages print their author, and where what looks like one is not (comments,
# sidebars, captions, a date inside the byline): each is read as trafilatura reads it.
BYLINES = [
    '<a rel="author" href="/staff/jo">Jo Marsh</a>',
    '<span class="author-name">Jo Marsh</span><div class="byline">By Ann Lee</div>',
    '<div class="byline">By Ann Lee</div>',
    '<p class="meta">By <span itemprop="author">Ann Lee</span></p>',
    '<div id="authorBox">Written by Ann Lee</div>',
    '<div class="post-AuthorInfo">Ann Lee, Reuters</div>',
    '<span data-component="Byline">Ann Lee and Jo Marsh</span>',
    '<div class="byline">By Ann Lee <time>May 4, 2021</time></div>',
    '<div class="byline">By<time>May 4</time>Ann Lee</div>',
    '<div class="byline"><span class="date">May 4</span> Ann Lee</div>',
    '<div class="sidebar"><span class="author">Sam Side</span></div>'
    '<div class="byline">By Ann Lee</div>',
    '<div id="comments"><span class="author">Commenter Carl</span></div>',
    '<div class="comments-list"><p class="author">Carl Commenter</p></div>'
    '<h4 class="journalist-name">Ann Lee</h4>',
    '<figure><figcaption class="author">Photo: Pat Lens</figcaption></figure>',
    '<span class="author">Jo</span><span class="writer">Ann Lee</span>',
    '<author>Ann Lee</author>',
    '<div class="AuthorName">ANN LEE</div>',
    '<div class="byline">' + "A very long line that is not a name at all " * 4 + '</div>',
    '<p>No byline on this page.</p>',
]


@pytest.mark.parametrize("header", BYLINES)
def test_the_author_search_finds_what_trafilaturas_finds(header: str) -> None:
    from trafilatura.metadata import extract_author
    from trafilatura.utils import load_html

    html = _page(header)
    assert _search_author(load_html(html)) == extract_author(load_html(html))


def test_the_author_search_reads_the_byline_not_a_commenter_or_a_caption() -> None:
    from trafilatura.utils import load_html

    header = ('<figure><figcaption class="author">Photo: Pat Lens</figcaption></figure>'
              '<div class="byline">By Ann Lee <time>May 4, 2021</time></div>')
    after = '<div id="comments"><span class="author">Carl Commenter</span></div>'
    assert _search_author(load_html(_page(header, BODY + after))) == "Ann Lee"
    doc = read_html(_page(header, BODY + after), name="p.html", doc_id="p")
    assert doc.byline == "Ann Lee"


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    import timeline.ingest.html as html

    calls: list[Any] = []
    real = html._found_date

    def found(tree: object, url: str | None) -> str | None:
        calls.append(url)
        return real(tree, url)

    monkeypatch.setattr(html, "_found_date", found)
    return calls


META = '<meta property="article:published_time" content="2020-04-30T08:00:00+02:00">'
STAMP = "<div class='meta'><time>29.04.2020, 12:01 Uhr</time></div>"


def test_htmldate_is_not_asked_when_the_header_date_answers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch)
    doc = read_html(_page(STAMP, head=META), name="p.html", doc_id="p",
                    url="https://example.org/news/bridge")
    assert doc.dct == "2020-04-29" and calls == []


@pytest.mark.parametrize(("stamp", "url", "day"), [
    ("", "https://example.org/news/bridge", "2020-04-30"),  # no header date: htmldate's
    (STAMP, "https://example.org/2020/04/30/bridge", "2020-04-30"),  # the address confirms it
    (STAMP, "https://example.org/2020/04/29/bridge", "2020-04-29"),  # it names the header's
])
def test_htmldate_is_asked_when_its_answer_can_count(
        stamp: str, url: str, day: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch)
    doc = read_html(_page(stamp, head=META), name="p.html", doc_id="p", url=url)
    assert doc.dct == day and calls == [url]
