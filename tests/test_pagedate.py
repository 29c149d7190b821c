"""An HTML page's publication date (timeline/ingest/pagedate.py, through read_html): the
date printed beside the headline against htmldate's reading of the metadata."""

from __future__ import annotations

import pytest

from timeline.ingest.html import read_html
from timeline.ingest.pagedate import read_day, url_day

BODY = (
    "<p>The council voted on the new bridge after a long debate in the town hall, and the "
    "mayor said that work would start before the summer, once the last permits are in.</p>"
    "<p>Residents who had asked for a safer crossing for years welcomed the decision, while "
    "some shop owners worried about months of closed roads in the old town.</p>"
)


def page(head: str = "", header: str = "", after: str = "", canonical: str = "") -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<html><head><title>Council approves the new bridge</title>{link}{head}</head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>Council approves the new "
            f"bridge</h1>{header}{BODY}</article>{after}</body></html>")


def published(html: str, url: str | None = None) -> str | None:
    return read_html(html, name="page", doc_id="page", url=url).dct


META_PUB = '<meta property="article:published_time" content="2020-04-30T08:00:00+02:00">'


def test_the_date_printed_under_the_headline_wins_over_a_stale_meta_stamp():
    header = '<div class="meta"><time>29.04.2020, 12:01 Uhr</time></div>'
    assert published(page(META_PUB, header)) == "2020-04-29"


def test_a_utc_timestamp_on_the_next_day_loses_to_the_local_date_the_page_shows():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", '
          '"datePublished": "2023-11-09T02:11:03+00:00"}</script>')
    header = ('<time itemprop="datePublished" datetime="2023-11-08T21:11:03-05:00">'
              "November 8, 2023</time>")
    assert published(page(ld, header)) == "2023-11-08"


def test_the_visible_text_of_a_time_element_wins_over_its_datetime_attribute():
    # The attribute (and the metadata) hold the day the page was last rebuilt.
    meta = META_PUB.replace("2020-04-30", "2019-07-03")
    header = ('<div class="time"><time datetime="2019-07-03T10:18:46Z">Publié le 29 juin 2019'
              "</time></div>")
    assert published(page(meta, header)) == "2019-06-29"


def test_an_itemprop_date_published_after_the_headline_is_read_not_the_date_in_the_navigation():
    nav = '<div class="nav-date"><time>Samstag, 19. Oktober 2019</time></div>'
    html = page("", '<span itemprop="datePublished" content="2019-10-18T20:10:00+02:00">'
                    "18.10.2019, 20:10 Uhr</span>").replace("<nav>", "<nav>" + nav)
    assert published(html) == "2019-10-18"


def test_an_update_stamp_is_passed_for_the_publication_stamp_after_it():
    header = ('<time class="last-updated-date-time">Aktualisiert: 11.04.2020</time>'
              '<time class="full-date-time">Publiziert: 03.04.2020, 12:35</time>')
    assert published(page(META_PUB.replace("2020-04-30", "2020-04-11"), header)) == "2020-04-03"


def test_a_full_date_in_the_address_confirms_the_metadata_against_the_header():
    meta = META_PUB.replace("2020-04-30", "2023-11-02")
    header = '<time datetime="2023-11-01T23:01:00Z">01 Nov 2023</time>'
    canonical = "https://news.example.org/world/2023/11/02/live-coverage-123/"
    assert published(page(meta, header, canonical=canonical)) == "2023-11-02"
    # Without the address the header's date is the page's.
    assert published(page(meta, header)) == "2023-11-01"


def test_dates_far_below_the_headline_are_other_stories():
    related = "".join(f"<p>{'Other news of the region. ' * 12}</p>" for _ in range(6))
    related += '<aside><time datetime="2020-03-01">1 March 2020</time> Older story</aside>'
    assert published(page(META_PUB, "", related)) == "2020-04-30"


def test_an_ambiguous_numeric_date_does_not_override_the_metadata():
    # 04/05/2020 is 5 April in Boston and 4 May in Paris.
    assert published(page(META_PUB, "<time>04/05/2020</time>")) == "2020-04-30"


@pytest.mark.parametrize("text, day", [
    ("Publié le 29 juin 2019", "2019-06-29"),
    ("19.10.2019, 05:00 Uhr", "2019-10-19"),
    ("Mittwoch, 01. November 2023", "2023-11-01"),
    ("November 8, 2023 at 5:49 p.m.", "2023-11-08"),
    ("8 de noviembre de 2023", "2023-11-08"),
    ("26. Jan 2022", "2022-01-26"),
    ("3 sept. 2020", "2020-09-03"),
    ("13/05/2020", "2020-05-13"),
    ("2020-04-03T10:35:41Z", "2020-04-03"),
    ("04/05/2020", None),
    ("31.02.2020", None),
    ("Seite 12 von 30", None),
])
def test_stamp_texts_in_several_languages(text, day):
    assert read_day(text) == day


@pytest.mark.parametrize("url, day", [
    ("https://example.org/2019/05/12/story", "2019-05-12"),
    ("https://example.org/home/2017/7/12/unter-uns", "2017-07-12"),
    ("https://example.org/2020-02-18-story.html", "2020-02-18"),
    ("https://example.org/archive/20190512/a", "2019-05-12"),
    ("https://example.org/2023/10/3-questions-to-the-mayor/", None),  # a month, not a day
    ("https://example.org/2019/13/01/", None),
    (None, None),
])
def test_the_day_an_address_names(url, day):
    assert url_day(url) == day


def test_a_page_gives_the_same_date_on_any_day_the_clock_is_never_read():
    # htmldate's own latest date is today, read from the clock: a page dated after the day it
    # was read came out undated then and dated later. The bound is fixed, so a page stamped
    # years ahead of this test's writing is read the same today and in 2031.
    meta = META_PUB.replace("2020-04-30T08:00:00+02:00", "2031-03-04T08:00:00+01:00")
    assert published(page(meta)) == "2031-03-04"


@pytest.mark.parametrize("header, day", [
    ('<div class="meta">Stand: 28.04.2020 18:00 Uhr</div>', "2020-04-28"),
    ('<p class="byline">1. Februar 2021 , Jan Roe</p>', "2021-02-01"),
    ('<p>Veröffentlicht am <span>16.08.2019</span></p>', "2019-08-16"),
    ('<div class="info"><span>| 30 septembre 2018</span></div>', "2018-09-30"),
])
def test_a_date_printed_as_plain_text_under_the_headline_wins_over_a_stale_meta_stamp(
        header, day):
    # No <time> element: the page prints its date as a short line under the headline.
    assert published(page(META_PUB, header)) == day


@pytest.mark.parametrize("header", [
    # a line that names a date is not a stamp: an event's date
    "<p>Termin: 21.02.2020, 19 Uhr, im großen Saal der Stadthalle</p>",
    # another story's date: a link, a teaser, the navigation's date of today
    '<ul><li><a href="/b"><span>12.03.2020</span> Older story</a></li></ul>',
    '<div class="teaser__info"><span>14/03/2020</span></div>',
    '<div class="main-navigation"><div class="current-date">Sa, 19. Okt 2019</div></div>',
])
def test_a_date_in_text_that_is_no_stamp_of_this_article_is_not_read(header):
    assert published(page(META_PUB, header)) == "2020-04-30"


def test_an_update_printed_as_plain_text_is_passed_for_the_publication_line_after_it():
    header = "<p>Aktualisiert: 11.04.2020, 10:27</p><p>Publiziert: 03.04.2020, 12:35</p>"
    assert published(page(META_PUB.replace("2020-04-30", "2020-04-11"), header)) == "2020-04-03"
