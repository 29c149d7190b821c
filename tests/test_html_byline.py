"""The byline of an HTML page when its metadata names no author: what the page marks as
its author (schema.org microdata, microformats, rel="author") or prints under its headline;
never a commenter's or a photographer's name."""

from __future__ import annotations

import pytest

from timeline.ingest.html import read_html

BODY = "".join(
    f"<p>{s}</p>" for s in (
        "The council voted on the new bridge after a long debate in the town hall, and the "
        "mayor said that work would start before the summer, once the last permits are in.",
        "Residents who had asked for a safer crossing for years welcomed the decision, while "
        "some shop owners worried about months of closed roads in the old town.",
    )
)


def _byline(header: str, *, before: str = "", after: str = "", head: str = "") -> str | None:
    page = (f"<html><head><title>Council approves the new bridge</title>{head}</head><body>"
            f"<nav><a href='/'>Home</a>{before}</nav><article>"
            f"<h1>Council approves the new bridge</h1>{header}{BODY}</article>{after}"
            "</body></html>")
    return read_html(page, name="p.html", doc_id="p").byline


def test_a_schema_org_author_gives_its_name_not_the_rest_of_its_box() -> None:
    header = ('<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
              '<img src="ann.jpg" alt=""><span itemprop="name">Ann Lee</span>'
              '<span class="role">Transport correspondent</span></div>')
    assert _byline(header) == "Ann Lee"


def test_the_author_marked_after_the_headline_wins_over_a_menu_link_before_it() -> None:
    menu = '<a rel="author" href="/team/editor">Our editor</a>'
    header = ('<p class="meta"><span class="author vcard"><a class="url fn" '
              'href="/author/ann">ann_lee</a></span></p>')
    assert _byline(header, before=menu) == "ann_lee"  # a handle is kept as the page has it


def test_a_by_line_printed_under_the_headline_is_the_byline() -> None:
    header = "<div class='meta'><p>By Ann Lee</p><time>May 4, 2021</time></div>"
    assert _byline(header) == "Ann Lee"


def test_a_by_line_inside_the_article_text_is_not_the_byline() -> None:
    # "By Tom Lee" after the first paragraph is a credit or a quote, not the byline
    late = BODY.replace("</p>", "</p><p>By Tom Lee</p>", 1)
    assert _byline(late) is None


def test_the_lead_words_and_the_date_of_a_byline_are_left_out() -> None:
    header = '<div class="article-byline">von Anna Schmidt, 24. Januar 2022</div>'
    assert _byline(header) == "Anna Schmidt"


COMMENTS = ('<section id="comments"><ol class="comment-list"><li class="comment">'
            '<div class="comment-author vcard"><cite class="fn">Carl Commenter</cite></div>'
            '<div itemprop="comment" itemscope itemtype="https://schema.org/Comment">'
            '<span itemprop="author">Dana Reader</span></div>'
            '<p class="author">Eve Poster</p></li></ol></section>')
CAPTION = ('<figure><img src="bridge.jpg" alt=""><figcaption>The old bridge. '
           '<span class="author">Pat Lens</span><span itemprop="author">Pat Lens</span>'
           '</figcaption></figure>')


def test_a_commenter_or_a_caption_credit_is_no_byline() -> None:
    assert _byline(CAPTION, after=COMMENTS) is None


def test_the_byline_is_read_past_commenters_and_captions() -> None:
    header = CAPTION + '<p class="byline">By <a rel="author" href="/u/ann">Ann Lee</a></p>'
    assert _byline(header, after=COMMENTS) == "Ann Lee"


@pytest.mark.parametrize("head", [
    '<meta name="author" content="Jane Doe">',
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
    '"NewsArticle", "author": {"@type": "Person", "name": "Jane Doe"}}</script>',
])
def test_the_author_the_metadata_names_comes_first(head: str) -> None:
    header = '<span itemprop="author">Ann Lee</span>'
    assert _byline(header, head=head) == "Jane Doe"


@pytest.mark.parametrize(
    ("link", "name"),
    [
        ("View all posts by Ann Lee", "Ann Lee"),
        ("Zeige alle Beiträge von Petra Ruland", "Petra Ruland"),
        ("Artikel von: hausinfo", "hausinfo"),
        ("Christoph von Ritter", "Christoph von Ritter"),  # a particle, not a lead
        ("Ursula von der Leyen", "Ursula von der Leyen"),
    ],
)
def test_an_author_links_phrase_before_the_name_is_left_out(link: str, name: str) -> None:
    header = f'<p class="post-author"><a href="/author/x">{link}</a></p>'
    assert _byline(header) == name
