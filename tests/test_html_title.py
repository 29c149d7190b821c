"""The headline of an HTML page: what a reader sees as the article's title, not the site's name."""

from __future__ import annotations

import pytest

from timeline.ingest.html import headline_of, read_html

ARTICLE = "".join(
    f"<p>{s}</p>\n" for s in (
        "The council voted on Tuesday night to build the new bridge over the river, after "
        "three hours of debate and a petition signed by more than two thousand residents.",
        "Work is to start next spring and last two years; the old bridge stays open to "
        "walkers and cyclists until the new one carries its first cars.",
        "The cost is shared between the town and the county, which will pay for the roads "
        "that lead to the bridge on both banks of the river.",
    )
)


def _title(head: str, body: str) -> str | None:
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8">{head}</head>'
            f'<body>{body}<div class="post-body">{ARTICLE}</div></body></html>')
    return read_html(page, name="page.html", doc_id="page").title


@pytest.mark.parametrize(
    ("head", "body", "headline"),
    [
        # a blog prints its name in an h1 that links to its front page, then the post's h1
        ("<title>Fixing the gate | Notes from the Garden Shed</title>",
         '<h1 class="site-title"><a href="https://shed.example/" rel="home">Notes from the '
         'Garden Shed</a></h1><h1 class="entry-title">Fixing the gate</h1>',
         "Fixing the gate"),
        # the logo is the page's only heading: the title's other part is the headline
        ("<title>Weeknight lentil soup | The Hungry Kitchen Table</title>",
         '<h1><a href="http://www.kitchen.example">The Hungry Kitchen Table</a></h1>',
         "Weeknight lentil soup"),
        # ... also when the site's name has a separator of its own
        ("<title>Knots for beginners - Sailing notes - Lake Club</title>",
         '<h1><a href="/"><span>Sailing notes - Lake Club</span></a></h1>',
         "Knots for beginners"),
        # a heading linking to the article itself is no logo
        ("<title>Bridge approved | Valley Courier</title>"
         '<meta property="og:site_name" content="Valley Courier">',
         '<h1><a href="https://courier.example/2024/05/bridge-approved">Bridge approved</a>'
         "</h1>",
         "Bridge approved"),
        # the site's name set off by a bar without spaces
        ("<title>VALLEY NEWS|Council approves the bridge</title>"
         '<meta property="og:site_name" content="VALLEY NEWS">',
         "", "Council approves the bridge"),
        # two headings equal to the two social titles: schema.org's headline is trusted
        # before a heading class, whichever is longer
        ('<meta property="og:title" content="Storm season: Coastal towns brace for the '
         'first big gale"><meta name="twitter:title" content="Coastal towns brace for the '
         'first big gale">',
         '<h1><span itemprop="headline">Coastal towns brace for the first big gale</span>'
         '</h1><h2 class="headline"><em class="intro">Read also: </em>Storm season -'
         " Coastal towns brace for the first big gale</h2>",
         "Coastal towns brace for the first big gale"),
    ],
)
def test_the_headline_is_not_the_sites_name(head: str, body: str, headline: str) -> None:
    assert _title(head, body) == headline


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        ("VALLEY NEWS|Council approves the bridge", "VALLEY NEWS",
         "Council approves the bridge"),
        ("Council approves the bridge\u00b7Valley News", "valley news",
         "Council approves the bridge"),
        ("Council approves the bridge » Valley News", "Valley News",
         "Council approves the bridge"),
        # a dash without spaces joins words: the site's name opens a compound
        ("Spiegel-Affäre: Das Urteil", "Spiegel", "Spiegel-Affäre: Das Urteil"),
        ("Council approves the bridge", "Valley News", "Council approves the bridge"),
    ],
)
def test_page_title_loses_the_site_name_set_off_without_spaces(
        title: str, site: str, headline: str) -> None:
    assert headline_of(title, site) == headline
