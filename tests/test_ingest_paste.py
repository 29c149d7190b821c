"""Pasted news pages: datelines and time stamps, furniture, titles (issue 12's shapes).

Every text here is a small synthetic page written for the test, in the shape of what
people paste from news sites: stamps before or after the body, captions and credits,
wire datelines, share and subscribe blocks, bylines, navigation labels.
"""

from __future__ import annotations

import pytest

from timeline.ingest.dateline import page_rules, read_stamp
from timeline.ingest.text import read_text
from timeline.segment import segment, without_dateline

LEAD = ("Firefighters battled a warehouse blaze on the east side for six hours on Thursday, "
        "officials said.")
MORE = ("Nobody was hurt, and the cause of the fire is under investigation, the fire chief "
        "told reporters at the scene.")


@pytest.mark.parametrize(
    ("line", "value", "updated"),
    [
        ("Updated 3:45 AM EDT, September 27, 2024", "2024-09-27T03:45", True),
        ("September 20, 2017 / 2:30 AM", "2017-09-20T02:30", False),
        ("Fri Aug 26, 2016 | 12:54pm EDT", "2016-08-26T12:54", False),
        ("Published: Aug. 27, 2020 at 1:36 AM EDT|Updated 2 hours ago", "2020-08-27T01:36",
         False),
        ("• 22 February 2019", "2019-02-22", False),
        ("8/27/2020", "2020-08-27", False),
        ("27/8/2020", "2020-08-27", False),
        ("27.08.2020", "2020-08-27", False),
        ("Posted on Sept. 4, 2019", "2019-09-04", False),
        ("Last modified on Tue 3 Mar 2020 14.05 GMT", "2020-03-03T14:05", True),
        ("Published 5:00 AM ET, Sat May 2, 2020 Updated 6:00 AM ET, Sat May 2, 2020",
         "2020-05-02T05:00", False),
        ("Posted: 10:15 p.m. CST, January 3, 2021", "2021-01-03T22:15", False),
        ("Monday 4 March 2019 09:12 GMT", "2019-03-04T09:12", False),
        ("The fire started on May 23, 2016 and", None, False),
        ("Updated 2 hours ago", None, False),
        ("February 30, 2019", None, False),
    ],
)
def test_stamp_lines(line: str, value: str | None, updated: bool) -> None:
    stamp = read_stamp(line)
    assert (stamp.value if stamp else None) == value
    if stamp:
        assert stamp.updated is updated


@pytest.mark.parametrize(
    "stamp",
    [
        "Updated 3:45 AM EDT, September 27, 2024",
        "September 27, 2024 / 3:45 AM",
        "Fri Sep 27, 2024 | 3:45am EDT",
        "Published: Sep. 27, 2024 at 3:45 AM EDT|Updated 2 hours ago",
        "• 27 September 2024",
        "9/27/2024",
    ],
)
@pytest.mark.parametrize("where", ["before", "after"])
def test_stamp_before_or_after_the_body_dates_the_article(stamp: str, where: str) -> None:
    head = "Warehouse fire burns for six hours\n"
    if where == "before":
        text = f"{head}{stamp}\n\n{LEAD}\n{MORE}\n"
    else:
        text = f"{head}\n{LEAD}\n{MORE}\n\nShare this article\n{stamp}\n"
    doc = read_text(text)
    assert doc.dct == "2024-09-27"
    assert doc.title == "Warehouse fire burns for six hours"
    assert doc.body.strip().startswith("Firefighters battled")
    assert doc.body.strip().endswith("at the scene.")


def test_update_stamp_gives_way_to_the_first_publication() -> None:
    text = ("Warehouse fire burns for six hours\nUpdated 9:00 AM EDT, September 28, 2024\n"
            "Published 3:45 AM EDT, September 27, 2024\n\n" + LEAD + "\n" + MORE + "\n")
    doc = read_text(text)
    assert doc.dct == "2024-09-27" and doc.published_at == "2024-09-27T03:45"


@pytest.mark.parametrize(
    "caption",
    [
        "Firefighters work at the warehouse on Thursday. (AP Photo/Jane Roe)",
        "FILE PHOTO: Smoke rises over the east side, September 26, 2024.",
        "Smoke rises over the warehouse in this picture grab taken from a video.",
        "A view of the warehouse. REUTERS/Tom Lee/File Photo",
        "Image caption Firefighters at the scene",
        "Read more",
        "READ MORE: City budget vote delayed again",
        "Sign up for our morning newsletter",
        "We use cookies to improve your experience. Accept cookies",
        "Share on Facebook",
        "Advertisement",
    ],
)
def test_furniture_inside_the_body_is_left_out(caption: str) -> None:
    text = (f"Warehouse fire burns for six hours\nSeptember 27, 2024\n\n{LEAD}\n{caption}\n"
            f"{MORE}\n")
    doc = read_text(text)
    assert caption not in doc.body
    assert "Nobody was hurt" in doc.body
    sentences = [s.text for s in segment(doc.text, doc.body_start, doc.body_end)]
    assert sentences == [LEAD, MORE]


def test_byline_is_read_and_left_out() -> None:
    text = (f"Warehouse fire burns for six hours\nBy JANE OKAFOR, Associated Press\n"
            f"September 27, 2024\n\n{LEAD}\n{MORE}\n")
    doc = read_text(text)
    assert doc.byline == "JANE OKAFOR, Associated Press"
    assert "OKAFOR" not in doc.body


_FOREIGN_BODY = {
    "de": ("Der Stadtrat hat am Dienstag den Bau der neuen Brücke beschlossen. Die Arbeiten "
           "sollen im Frühjahr beginnen und zwei Jahre dauern, sagte der Bürgermeister.\n"
           "Anwohner hatten seit Jahren einen sicheren Übergang gefordert."),
    "es": ("El ayuntamiento aprobó el martes la construcción del nuevo puente. Las obras "
           "comenzarán en primavera y durarán dos años, según el alcalde.\n"
           "Los vecinos llevaban años pidiendo un paso seguro sobre el río."),
    "fr": ("Le conseil municipal a approuvé mardi la construction du nouveau pont. Les travaux "
           "commenceront au printemps et dureront deux ans, selon le maire.\n"
           "Les habitants réclamaient depuis des années un passage sûr."),
}


@pytest.mark.parametrize(
    ("lang", "line", "name"),
    [
        ("de", "Von Anna Schmidt am Dienstag, 12. März 2024 um 11:14 Uhr", "Anna Schmidt"),
        ("de", "Autorin: Lea Vogt", "Lea Vogt"),
        ("es", "Por Javier López 12 de marzo de 2024", "Javier López"),
        ("fr", "Par Claire Martin le 12 mars 2024", "Claire Martin"),
    ],
)
def test_a_byline_in_the_pages_language_gives_the_name_and_is_left_out(
        lang: str, line: str, name: str) -> None:
    text = f"Neue Brücke für die Altstadt\n{line}\n\n{_FOREIGN_BODY[lang]}\n"
    doc = read_text(text, date="2024-03-12")
    assert doc.byline == name
    assert name not in doc.body


@pytest.mark.parametrize(
    ("opening", "lead"),
    [
        ("ST. LOUIS (KMOV) -- ", "Firefighters battled"),
        ("(AP) — ", "Firefighters battled"),
        ("SPRINGFIELD, Ill. (AP) \\-- ", "Firefighters battled"),
        ("LONDON (Reuters) - ", "Firefighters battled"),
    ],
)
def test_wire_datelines_leave_title_and_first_sentence(opening: str, lead: str) -> None:
    text = f"{opening}{LEAD}\n{MORE}\n"
    doc = read_text(text, date="2024-09-27")
    assert doc.title.startswith(lead), doc.title
    first = without_dateline(segment(doc.text, doc.body_start, doc.body_end)[0])
    assert first.text == LEAD


@pytest.mark.parametrize("label", ["Northampton", "Home", "Local News", "Menu", "NEWS"])
def test_title_is_never_a_place_or_navigation_word(label: str) -> None:
    text = f"{label}\nWarehouse fire burns for six hours\n27 September 2024\n\n{LEAD}\n{MORE}\n"
    doc = read_text(text)
    assert doc.title == "Warehouse fire burns for six hours"
    assert doc.dct == "2024-09-27"


def test_furniture_rules_run_their_examples() -> None:
    for rule in page_rules().furniture:
        for example in rule.examples:
            assert rule.regex.search(example), (rule.id, example)
        for keep in rule.keeps:
            assert not rule.regex.search(keep), (rule.id, keep)


def test_a_whole_pasted_page_gives_its_article_headline_and_stamp() -> None:
    nav = "\n".join(["Home", "World", "Business", "Sport", "Search", "Sign in", "Menu"])
    paragraphs = "\n\n".join([LEAD, MORE, "Residents said the smoke could be seen from "
                              "across the river for most of the afternoon and evening."])
    footer = "\n".join(["Comments", "Jo: terrible news, I hope everyone is safe tonight and "
                        "that the crews get some rest after such a long shift.",
                        "More from Local", "Council votes on budget", "School reopens",
                        "About us", "Contact", "Privacy"])
    page = (f"{nav}\nWarehouse fire burns for six hours\nJane Okafor - Sep 27, 2024, 3:45 "
            f"am EDT\n\n{paragraphs}\n\n{footer}\n")
    doc = read_text(page)
    assert doc.title == "Warehouse fire burns for six hours"
    assert doc.dct == "2024-09-27"
    assert doc.body.strip().startswith("Firefighters battled")
    assert doc.body.strip().endswith("afternoon and evening.")


def test_html_keeps_inline_link_text() -> None:
    from timeline.ingest.html import read_html

    para = ('<p>Prices were especially high for <a href="/gas">natural gas</a>, but '
            '<a href="/coal">coal</a>, notably, fell during the winter months across the '
            'region, traders said on Monday.</p>')
    more = "".join(f"<p>{s}</p>" for s in (LEAD, MORE))
    html = (f"<html><head><title>Gas prices soar</title></head><body><nav><a href='/'>Home"
            f"</a></nav><article><h1>Gas prices soar</h1>{para}{more}</article></body></html>")
    doc = read_html(html, name="gas.html", doc_id="gas", date="2024-01-08")
    assert "especially high for natural gas, but coal, notably," in doc.body
    assert "for ." not in doc.body and "but ," not in doc.body


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        ("Warehouse fire burns for six hours | The Daily Star", "The Daily Star",
         "Warehouse fire burns for six hours"),
        ("Daily Star - Warehouse fire burns for six hours", None,
         "Warehouse fire burns for six hours"),
        ("Fire: what we know so far", None, "Fire: what we know so far"),
    ],
)
def test_page_title_loses_the_site_name(title: str, site: str | None, headline: str) -> None:
    from timeline.ingest.html import headline_of

    assert headline_of(title, site) == headline


def test_a_pasted_page_without_a_stamp_line_takes_the_date_written_near_the_article() -> None:
    nav = "\n".join(["Home", "Blog", "About", "Archive", "Contact", "Search", "Menu"])
    body = "\n\n".join([LEAD, MORE, "Residents said the smoke could be seen from across "
                        "the river for most of the afternoon and evening."])
    page = (f"{nav}\nWarehouse fire burns for six hours\nPosted on 27.09.2024 by admin in "
            f"News\n\n{body}\n\n" + "\n".join(["Archive", "2024", "2023", "Imprint",
                                                "Privacy", "Login"]) + "\n")
    doc = read_text(page)
    assert doc.dct == "2024-09-27"
    assert doc.body.strip().startswith("Firefighters battled")


def _page(head: str, body: str) -> str:
    more = "".join(f"<p>{s}</p>" for s in (LEAD, MORE))
    return (f"<html><head>{head}</head><body><header><h1>The Riverside Community Blog of "
            f"Northfield</h1></header><article>{body}{more}</article></body></html>")


@pytest.mark.parametrize(
    ("head", "body", "headline"),
    [
        # the blog's name (og:site_name) is an h1 too: the other heading the title names
        ("<title>Warehouse fire | The Riverside Community Blog of Northfield</title><meta "
         "property='og:site_name' content='The Riverside Community Blog of Northfield'>",
         "<h2 class='entry-title'>Warehouse fire</h2>", "Warehouse fire"),
        # og:title names the headline exactly; the title adds a section and the site
        ("<title>Local | Fire: six hours | The Riverside Blog</title><meta property="
         "'og:title' content='Fire: six hours'>", "<h2>Local</h2><h2>Fire: six hours</h2>",
         "Fire: six hours"),
        # the title prefixes a kicker ("Harbour:"): the heading it ends with is the headline
        ("<title>Harbour: Warehouse fire burns for six hours</title>",
         "<h2>Warehouse fire burns for six hours</h2>", "Warehouse fire burns for six hours"),
    ],
)
def test_html_headline_is_the_heading_the_page_title_names(head: str, body: str,
                                                            headline: str) -> None:
    from timeline.ingest.html import read_html

    doc = read_html(_page(head, body), name="fire.html", doc_id="fire")
    assert doc.title == headline


def test_html_headline_is_the_only_h1_when_the_title_is_the_sites_name() -> None:
    from timeline.ingest.html import read_html

    html = ("<html><head><title>The Riverside Blog</title></head><body><article><h1>"
            f"Warehouse fire burns for six hours</h1><p>{LEAD}</p><p>{MORE}</p></article>"
            "</body></html>")
    assert read_html(html, name="f.html", doc_id="f").title == "Warehouse fire burns for six hours"


def test_html_body_goes_on_past_a_date_only_line() -> None:
    from timeline.ingest.html import read_html

    after = ("The second tasting moves to the old mill, where the cellar master pours the "
             "three new vintages beside the ones from the dry summer.")
    html = ("<html><head><title>Tastings this spring</title></head><body><article><h1>"
            f"Tastings this spring</h1><p>{LEAD}</p><p>{MORE}</p><p>March 12, 2024</p>"
            f"<p>{after}</p></article></body></html>")
    doc = read_html(html, name="t.html", doc_id="t")
    assert doc.body.strip().endswith(after)


def test_a_pasted_page_headline_is_the_line_the_article_is_about() -> None:
    # a standfirst sits between the headline and the article; the navigation carries a
    # teaser headline of another story and the section name
    nav = "\n".join(["Home", "News", "Sport", "Weather", "Search", "Menu",
                     "Trending: Harbour bridge reopens after repairs", "Local", "Northfield"])
    body = "\n\n".join([LEAD, MORE, "Residents said the smoke from the warehouse could be "
                        "seen from across the river for most of the afternoon."])
    page = (f"{nav}\nWarehouse fire on the east side burns for six hours\n"
            f"Sep 27, 2024\nCrews stayed on site all night\n\n{body}\n\n"
            + "\n".join(["Comments", "About us", "Contact", "Privacy", "Imprint"]) + "\n")
    doc = read_text(page)
    assert doc.title == "Warehouse fire on the east side burns for six hours"
    assert doc.dct == "2024-09-27"


def test_a_page_without_an_article_still_says_its_date_and_title() -> None:
    from timeline.ingest.html import NoArticleError, read_html

    html = ("<html><head><title>Spring in the valley</title><meta property="
            "'article:published_time' content='2013-02-16T10:00:00'></head><body><h1>Spring "
            "in the valley</h1><img src='a.jpg'><p>Photo gallery.</p></body></html>")
    with pytest.raises(NoArticleError) as err:
        read_html(html, name="gallery.html", doc_id="gallery")
    assert err.value.date == "2013-02-16"
    assert err.value.title == "Spring in the valley"
    assert "no article text" in str(err.value)


@pytest.mark.parametrize("stamp", ["18. 09. 2024 22:38", "18.\u20099.\u20092024", "18.09.2024"])
def test_a_pasted_page_takes_a_date_line_between_the_first_paragraphs(stamp: str) -> None:
    nav = "\n".join(["Home", "Blog", "About", "Archive", "Contact", "Search", "Menu"])
    page = (f"{nav}\nWarehouse fire burns for six hours\n\n{LEAD}\n{stamp}\n{MORE}\n"
            "Residents said the smoke could be seen from across the river for most of the "
            "afternoon and evening.\n\n" + "\n".join(["Archive", "2024", "2023", "Imprint",
                                                      "Privacy", "Login"]) + "\n")
    doc = read_text(page)
    assert doc.dct == "2024-09-18"


def test_a_pasted_page_body_is_the_article_not_its_cookie_notice_or_comments() -> None:
    nav = "\n".join(["Home", "Reviews", "Books", "Search", "Menu", "Sign in", "Shop"])
    cookies = "\n".join([
        "Necessary cookies are absolutely essential for the website to function properly. "
        "This category only includes cookies that ensure basic functions of the website.",
        "Non-necessary", "Analytics cookies help us understand how visitors use the site, "
        "which pages they read and how long they stay on each of them."])
    body = "\n\n".join([LEAD, MORE])
    comment = ("I read the whole thing twice and still think the fire service did an "
               "excellent job under very difficult conditions that night, well done to all.")
    comments = "\n".join(f"Reader {n} on September {n}, 2024 at 6:34 am said:\n{comment}\nReply"
                         for n in range(1, 5))
    tags = " ".join(["fire", "warehouse", "east side", "news", "local", "safety", "city",
                     "council", "crews", "smoke", "river", "night", "chief", "report"] * 2)
    page = f"{nav}\nWarehouse fire burns for six hours\n\n{body}\n\n{tags}\n{cookies}\n{comments}\n"
    doc = read_text(page)
    assert doc.body.strip() == body


def test_a_long_comment_is_not_the_article() -> None:
    nav = "\n".join(["Home", "Blog", "About", "Archive", "Contact", "Search", "Menu"])
    third = ("Residents said the smoke could be seen from across the river for most of the "
             "afternoon and evening, and the road stayed closed until late.")
    body = "\n\n".join([LEAD, MORE, third])
    long_comment = "\n\n".join(
        [f"Point {n}: the station on the east side has had fewer crews every year since the "
         "budget cuts, and a fire like this one shows what that costs the neighbourhood."
         for n in range(1, 6)])
    page = (f"{nav}\nWarehouse fire burns for six hours\nSeptember 27, 2024\n\n{body}\n\n"
            f"Comments\nJo Roe on September 28, 2024 at 9:10 am said:\n{long_comment}\nReply\n"
            "About us\nPrivacy\n")
    doc = read_text(page)
    assert doc.body.strip() == body


def test_a_pasted_japanese_page_finds_its_article() -> None:
    nav = "\n".join(["ホーム", "ニュース", "スポーツ", "天気", "検索", "メニュー", "ログイン"])
    para = ("東側の倉庫で木曜日に火災が発生し、消防隊が六時間にわたって消火活動を行ったと"
            "市の当局者が記者団に明らかにした。けが人はいなかったという。")
    body = "\n\n".join([para, para.replace("木曜日", "金曜日"), para.replace("六時間", "七時間")])
    page = f"{nav}\n倉庫火災、六時間燃え続ける\n\n{body}\n\n" + "\n".join(
        ["会社概要", "お問い合わせ", "プライバシー", "利用規約", "サイトマップ", "採用情報"]) + "\n"
    assert read_text(page).body.strip() == body


def test_a_pasted_page_headline_far_above_the_method_of_a_recipe() -> None:
    # the article run is the method; the headline sits above a 30-line ingredient list,
    # and the breadcrumb ends with it
    nav = "\n".join(["Home", "Recipes", "Baking", "Search", "Menu", "Sign in", "Shop"])
    items = "\n".join(f"{n} g of ingredient number {n}" for n in range(1, 31))
    steps = "\n\n".join([
        "Heat the oven to 180 degrees and butter a round tin, then dust it with a little flour.",
        "Peel the apples, cut them into thin slices and toss them with the cinnamon and sugar.",
        "Beat the butter, sugar and eggs until pale, fold in the flour, then the walnuts, and "
        "spread the batter in the tin.",
        "Lay the apple slices on top and bake the cake for 45 minutes, until it is golden."])
    footer = "\n".join(["More recipes", "Plum tart", "Lemon bars", "About us", "Contact",
                        "Privacy", "Imprint"])
    page = (f"{nav}\nHome / Recipes / Baking / Apple cake with cinnamon and walnuts\n"
            f"Apple cake with cinnamon and walnuts\nPhoto: Jane Roe\nIngredients\n{items}\n"
            f"Method\n{steps}\n\n{footer}\n")
    doc = read_text(page)
    assert doc.title == "Apple cake with cinnamon and walnuts"
    assert doc.body.strip().startswith("Heat the oven")


def test_title_credit_pattern_runs_its_examples() -> None:
    import re
    import tomllib
    from importlib import resources

    raw = resources.files("timeline.ingest").joinpath("data", "en", "page.toml").read_bytes()
    title = tomllib.loads(raw.decode("utf-8"))["title"]
    credit = re.compile(title["credit"], re.I)
    assert all(credit.search(x) for x in title["credit_examples"])
    assert not any(credit.search(x) for x in title["credit_keeps"])


@pytest.mark.parametrize("heading", ["[ 167 comments ]", "Top Rated Comments"])
def test_readers_comments_under_their_heading_are_not_the_article(heading: str) -> None:
    nav = "\n".join(["Home", "Blog", "About", "Archive", "Contact", "Search", "Menu"])
    third = ("Residents said the smoke could be seen from across the river for most of the "
             "afternoon and evening, and the road stayed closed until late.")
    body = "\n\n".join([LEAD, MORE, third])
    opinion = ("I think the station on the east side has had fewer crews every year since the "
               "budget cuts, and a fire like this one shows what that costs the neighbourhood.")
    thread = "\n".join(f"reader{n}\n2 days ago at 07:5{n} am\n{opinion}\n\n{opinion}\n"
                       f"Rating: {n} Votes" for n in range(1, 6))
    page = (f"{nav}\nWarehouse fire burns for six hours\nSeptember 27, 2024\n\n{body}\n\n"
            f"Share\n{heading}\n{thread}\nAbout us\nPrivacy\n")
    doc = read_text(page)
    assert doc.body.strip() == body


def test_a_pasted_blog_post_headline_is_the_line_over_its_byline_and_date() -> None:
    # a blog page: a list of dated posts in the sidebar, then the post's headline over its
    # author and date, then a photo caption and its credit right above the article; the
    # caption is longer and nearer the article, but a credit follows it and a date the headline
    nav = "\n".join(["Home", "Our goals", "District group", "Councillors", "Thursday meetup",
                     "Events", "Imprint", "Privacy", "Search", "Info", "Latest posts",
                     "20.02.2020 20:00 Meetup", "13.02.2020 20:00 Meetup",
                     "06.02.2020 20:00 Board meeting", "30.01.2020 20:00 Meetup", "General"])
    body = "\n\n".join([
        "This page was down yesterday because we were all out at the climate march in the old "
        "town, with more than two thousand people from the whole district.",
        "We had a stand by the river with leaflets and coffee, and many people stopped to talk "
        "to us about buses, bicycles and the new wind farm.",
        "Next week the local group meets again at the café on the market square, and everybody "
        "is welcome to join."])
    footer = "\n".join(["Share this:", "Twitter", "Facebook", "Related", "Older posts",
                        "Privacy", "Imprint"])
    page = (f"{nav}\nWe support the climate strike\nby flerche\n21 September 2019\nComments 0\n"
            f"Flags and banners on the bridge at noon\nPhoto: Anita Roe\n\n{body}\n\n{footer}\n")
    doc = read_text(page)
    assert doc.title == "We support the climate strike"
    assert doc.dct == "2019-09-21"


def test_a_pasted_page_headline_that_reads_like_a_sentence_opens_the_article() -> None:
    # the headline is a question of 13 words: it reads as prose and opens the article's run
    # of lines, so the lines above it are only navigation and a teaser of another story
    nav = "\n".join(["Home", "News", "Sport", "Weather", "Search", "Menu",
                     "Trending: Harbour bridge reopens after repairs", "Local"])
    body = "\n\n".join([
        "Firefighters battled a warehouse blaze on the east side of the city for six hours on "
        "Thursday night, and the smoke could be seen from across the river until the early "
        "morning, officials said on Friday.",
        "Nobody was hurt, and the cause of the fire is under investigation, the fire chief told "
        "reporters at the scene, adding that the building had been empty since the spring and "
        "that its sprinklers had been switched off.",
        "Residents of the nearby streets were asked to keep their windows closed, and the road "
        "along the river stayed closed until late on Friday afternoon while crews cleared the "
        "debris and checked the walls."])
    footer = "\n".join(["Share", "More from Local", "About us", "Contact", "Privacy", "Imprint"])
    page = (f"{nav}\nWhy did the empty warehouse on the east side burn for six hours?\n\n"
            f"{body}\n\n{footer}\n")
    doc = read_text(page)
    assert doc.title == "Why did the empty warehouse on the east side burn for six hours?"
    assert doc.body.strip().startswith("Firefighters battled")


def test_a_pasted_page_headline_is_above_its_article_not_above_a_longer_faq() -> None:
    # the article is followed by 56 teaser headlines and a FAQ whose answers are longer
    # than the article: the FAQ is the page's longest run of prose, but the headline is the
    # line over the dated article above it, far beyond the FAQ's reach
    nav = "\n".join(["Home", "News", "Sport", "Weather", "Search", "Menu", "Local"])
    body = "\n\n".join([
        "Firefighters battled a warehouse blaze on the east side of the city for six hours on "
        "Thursday night, and the smoke could be seen from across the river until the early "
        "morning, officials said on Friday.",
        "Nobody was hurt, and the cause of the fire is under investigation, the fire chief told "
        "reporters at the scene, adding that the building had been empty since the spring and "
        "that its sprinklers had been switched off.",
        "Residents of the nearby streets were asked to keep their windows closed until the "
        "smoke had cleared, and the road along the river stayed closed until late on Friday "
        "afternoon."])
    places = ["bridge", "market", "harbour", "station", "park", "library", "school", "museum"]
    links = "\n".join(["Share", "Print", "Email", "More from Local"]
                      + [f"Council {v} plans for the {p}" for p in places
                         for v in ("backs", "drops", "delays", "changes", "reviews", "doubts",
                                   "praises")]
                      + ["Frequently asked questions"])
    answer = ("Our reporters write about every fire the city's brigade is called to when a "
              "building is damaged, a road is closed or people are hurt, and they update a "
              "report when the brigade or the police say more about the cause. ")
    faq = "\n\n".join([
        "How do you choose which fires to report?", answer * 2,
        "Can I send you photos of a fire?", answer * 2,
        "Who do I call about a correction?", answer * 2])
    footer = "\n".join(["About us", "Contact", "Privacy", "Imprint", "Jobs", "Advertise"])
    page = (f"{nav}\nWarehouse fire on the east side burns for six hours\nSeptember 27, 2024\n\n"
            f"{body}\n\n{links}\n{faq}\n\n{footer}\n")
    assert read_text(page).title == "Warehouse fire on the east side burns for six hours"
