"""Rendering a Briefing to HTML, Markdown and JSON (issue 2), from hand-made briefings."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from briefings import SAMPLE_URL, sample_briefing, xss_briefing
from test_render_helpers import parse_html

from timeline.errors import TimelineError
from timeline.render import FORMATS, render, slugify, write_briefing

SAMPLE_DATETIMES = [
    "1986", "2014", "2016-04", "2016-05-23", "2016-05-23", "2016-05-23",
    "2016-05-23T09:00+03:00", "2016-05-23T09:15+03:00",
]


@pytest.fixture(scope="module")
def sample_html() -> str:
    return render(sample_briefing(), "html").decode("utf-8")


@pytest.fixture(scope="module")
def sample_md() -> str:
    return render(sample_briefing(), "md").decode("utf-8")


@pytest.fixture(scope="module")
def sample_json() -> dict:
    return json.loads(render(sample_briefing(), "json"))


def test_formats_listed() -> None:
    assert set(FORMATS) == {"html", "md", "json", "eml", "timelinejs", "ics", "csv"}


def test_unknown_format_is_a_user_error() -> None:
    with pytest.raises(TimelineError, match="unknown format"):
        render(sample_briefing(), "pdf")


# HTML ---------------------------------------------------------------------------------


def test_html_has_landmarks_and_heading_order(sample_html: str) -> None:
    root = parse_html(sample_html)
    for tag in ("header", "nav", "main", "footer"):
        assert root.find(tag) is not None, tag
    headings = [int(n.tag[1]) for n in root.iter() if re.fullmatch(r"h[1-6]", n.tag)]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False))
    assert root.find("html").attrs["lang"] == "en"


def test_html_is_self_contained(sample_html: str) -> None:
    root = parse_html(sample_html)
    assert root.find("script") is None
    assert root.find("link") is None and root.find("img") is None
    assert root.find("style") is not None
    assert "@media print" in sample_html and "prefers-color-scheme: dark" in sample_html
    assert 'name="viewport"' in sample_html
    # the only absolute URL is the article's own link
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", sample_html))
    assert urls == {SAMPLE_URL.replace("&", "&amp;")}
    assert "url(" not in sample_html and "@import" not in sample_html


def test_html_timeline_times_and_labels(sample_html: str) -> None:
    root = parse_html(sample_html)
    items = list(root.find("ol").iter("li"))
    assert len(items) == 8
    times = [li.find("time") for li in items]
    assert [t.attrs["datetime"] for t in times] == SAMPLE_DATETIMES
    labels = [t.text() for t in times]
    assert labels[:4] == ["1986", "mid-2014", "April 2016", "Monday 23 May 2016"]
    # after an entry of the same day only the time shows; the day is there for screen readers
    visible = [c if isinstance(c := t.children[-1], str) else c.text() for t in times]
    assert visible[6] == "09:00 (06:00 UTC)" and visible[7].startswith("c. 09:15")
    assert labels[6] == "Monday 23 May 2016, 09:00 (06:00 UTC)"
    hidden = times[6].find("span")
    assert hidden.attrs["class"] == "vh" and hidden.text() == "Monday 23 May 2016, "
    # a day-only entry repeating the day before shows no date; screen readers hear it
    assert [t.children[-1] for t in times[4:6]] == [hidden_only := times[4].find("span"),
                                                   times[5].find("span")]
    assert hidden_only.attrs["class"] == "vh" and labels[4] == labels[5] == "Monday 23 May 2016"


def test_html_single_source_is_named_once(sample_html: str) -> None:
    root = parse_html(sample_html)
    # no entry repeats "Source: ..., reported ..." when the briefing has one article
    assert not [p for p in root.iter("p") if "cite" in (p.attrs.get("class") or "")]
    assert sample_html.count("reported") == 0
    # the header names it once, linked; the Sources list gives title and date
    meta = [p for p in root.find("header").iter("p") if p.attrs.get("class") == "meta"][0]
    outlet = meta.find("a")
    assert outlet.text() == "AFP" and outlet.attrs["href"] == SAMPLE_URL
    assert "8 dated events" in meta.text() and "source" not in meta.text().lower()


def test_html_multi_source_entries_cite_every_outlet() -> None:
    from briefings import story_briefing

    root = parse_html(render(story_briefing(), "html").decode())
    items = list(root.find("ol").iter("li"))
    cites = [[p for p in li.iter("p") if p.attrs.get("class") == "cite"] for li in items]
    assert [len(c) for c in cites] == [1, 1, 1, 1]
    merged = cites[0][0]
    # one compact line: every outlet linked, each report date once, "reported" said once
    assert merged.text() == ("Sources: AFP, reported 23 May 2016; Reuters, 24 May 2016; "
                             "Desk notes: what the envoy and the monitors…, 26 May 2016")
    assert [a.attrs["href"] for a in merged.iter("a")] == [
        "https://www.afp.example/syria-coast", "https://www.reuters.example/world/syria-mourns"]
    assert [t.attrs["datetime"] for t in merged.iter("time")] == [
        "2016-05-23", "2016-05-24", "2016-05-26"]
    assert cites[1][0].text() == "Source: AFP, reported 23 May 2016"
    # the full title is one hover away where the entry shows a short name
    assert merged.find("cite").attrs["title"].startswith("Desk notes: what the envoy")
    meta = [p for p in root.find("header").iter("p") if p.attrs.get("class") == "meta"][0]
    assert "3 sources" in meta.text() and meta.find("a").attrs["href"] == "#sources"


def test_french_source_lines_follow_french_typography() -> None:
    from briefings import story_briefing

    root = parse_html(render(story_briefing(), "html", locale="fr").decode())
    cites = [p for p in root.iter("p") if p.attrs.get("class") == "cite"]
    assert cites[0].text().startswith(
        "Sources\u00a0: AFP, publié le 23 mai 2016\u00a0; Reuters, 24 mai 2016\u00a0; ")
    md = render(story_briefing(), "md", locale="fr").decode()
    assert "*Publié le 26 mai 2016 · Période 23 mai 2016 – 26 mai 2016 · 3 sources · " \
        "4 événements datés*" in md


def test_counts_are_pluralized() -> None:
    from dataclasses import replace

    from timeline.model import Timeline

    b = sample_briefing()
    one = replace(b, timeline=Timeline(b.timeline.events[:1]))
    assert "1 dated event ·" not in render(one, "md").decode()  # it ends the meta line
    assert "· 1 dated event*" in render(one, "md").decode()
    assert "1 dated events" not in render(one, "html").decode()
    assert "1 événement daté<" in render(one, "html", locale="fr").decode()
    none = replace(b, timeline=Timeline(()))
    # nothing dated: said in words, in the header and the Markdown meta line
    assert "<span>No dated events</span>" in render(none, "html").decode()
    assert "· No dated events*" in render(none, "md").decode()
    assert "0 dated events" not in render(none, "html").decode()
    assert "Aucun événement daté<" in render(none, "html", locale="fr").decode()
    assert "8 événements datés" in render(b, "html", locale="fr").decode()
    assert "1 dated events" not in render(one, "eml").decode()


def test_html_every_time_element_has_a_valid_datetime(sample_html: str) -> None:
    valid = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?)?)?)?$")
    for t in parse_html(sample_html).iter("time"):
        assert valid.match(t.attrs.get("datetime") or ""), t.attrs


def test_html_has_no_clock_reading() -> None:
    a = render(sample_briefing(), "html")
    b = render(sample_briefing(), "html")
    assert a == b
    assert b"generated at" not in a.lower()


def test_html_summary_sources_and_footer(sample_html: str) -> None:
    root = parse_html(sample_html)
    summary = root.find("main").find("section")
    assert summary.attrs["id"] == "summary"
    assert "More than 148 people were killed Monday" in summary.text()
    sources = [s for s in root.iter("section") if s.attrs.get("id") == "sources"][0]
    assert "AFP" in sources.text()
    assert "Generated by timeline" in root.find("footer").text()


def test_html_french_locale() -> None:
    page = render(sample_briefing(), "html", locale="fr").decode()
    root = parse_html(page)
    assert root.find("html").attrs["lang"] == "fr"
    labels = [t.text() for t in root.find("ol").iter("time") if t.parent.tag == "p"
              and "when" in (t.parent.attrs.get("class") or "")]
    assert labels[:4] == ["1986", "mi-2014", "avril 2016", "lundi 23 mai 2016"]
    assert labels[7].startswith("lundi 23 mai 2016, vers 09:15")
    assert "Chronologie" in page


def test_unknown_locale_is_a_user_error() -> None:
    with pytest.raises(TimelineError, match="locale"):
        render(sample_briefing(), "html", locale="xx_NOPE")


# Markdown -------------------------------------------------------------------------------


def test_markdown_reads_as_plain_text(sample_md: str) -> None:
    lines = sample_md.splitlines()
    assert lines[0] == "# More than 148 killed in IS bombings in Syria's coastal heartland"
    bullets = [ln for ln in lines if ln.startswith("- **")]
    assert len(bullets) == 8
    assert bullets[0].startswith("- **1986** — Monday's bombings")
    assert bullets[1].startswith("- **mid-2014** — ")
    assert bullets[2].startswith("- **April 2016** — ")
    assert bullets[6].startswith("- **Monday 23 May 2016, 09:00 (06:00 UTC)** — The attacks")
    assert bullets[7].startswith("- **Monday 23 May 2016, c. 09:15")
    assert "## Sources" in lines and "## Timeline" in lines
    assert f"1. [More than 148 killed in IS bombings in Syria's coastal heartland]({SAMPLE_URL})" \
        " — AFP, 23 May 2016" in lines
    # one article: the entries do not repeat it; the meta line names it once
    assert bullets[0].endswith("neighbouring Iraq.") and "reported" not in sample_md
    assert lines[2] == "*AFP · Published 23 May 2016 · Period 1986 – 23 May 2016 · 8 dated events*"
    # no backslash noise on ordinary news text
    assert "\\" not in sample_md


def test_markdown_multi_source_entries_cite_outlets_and_numbers() -> None:
    from briefings import story_briefing

    md = render(story_briefing(), "md").decode()
    bullets = [ln for ln in md.splitlines() if ln.startswith("- **")]
    assert bullets[0].endswith(
        "Jableh and Tartus. (AFP [1], reported 23 May 2016; Reuters [2], 24 May 2016; "
        "Desk notes: what the envoy and the monitors… [3], 26 May 2016)")
    assert bullets[2].endswith("161. (Reuters [2], reported 24 May 2016)")
    assert "· 3 sources · 4 dated events*" in md


def test_markdown_renders_to_expected_html(sample_md: str) -> None:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(sample_md)
    root = parse_html(html)
    assert root.find("h1").text().startswith("More than 148 killed")
    assert len(list(root.find("ul").iter("li"))) == 8
    hrefs = {a.attrs["href"] for a in root.iter("a")}
    assert hrefs == {SAMPLE_URL}


# JSON -------------------------------------------------------------------------------------


def test_json_schema(sample_json: dict) -> None:
    d = sample_json
    assert d["title"].startswith("More than 148 killed")
    assert d["published"] == "2016-05-23"
    assert d["slug"] and d["period"]["start"] == "1986"
    assert all(isinstance(s, str) for s in d["summary"]) and len(d["summary"]) == 4
    values = [(e["value"], e["mod"]) for e in d["events"]]
    assert values == [
        ("1986", None), ("2014", "MID"), ("2016-04", None), ("2016-05-23", None),
        ("2016-05-23", None), ("2016-05-23", None), ("2016-05-23T09:00", None),
        ("2016-05-23T09:15", "APPROX"),
    ]
    tartus = d["events"][6]
    assert tartus["start"] == "2016-05-23T09:00:00+03:00"
    # one label per entry, the pages' own (the JSON carried describe()'s too until issue 11)
    assert tartus["label"] == "Monday 23 May 2016, 09:00 (06:00 UTC)"
    assert "display" not in tartus
    src = tartus["source"]
    text = sample_briefing().documents[0].text
    assert text[src["start"]:src["end"]] == tartus["text"]
    assert src["url"] == SAMPLE_URL and src["published"] == "2016-05-23"
    assert tartus["sources"] == [src]
    assert d["documents"][0]["outlet"] == "AFP"


# Untrusted text ---------------------------------------------------------------------------

def test_xss_html_escaped() -> None:
    page = render(xss_briefing(), "html").decode()
    root = parse_html(page)
    assert root.find("script") is None and root.find("img") is None
    assert root.find("svg") is None and root.find("b") is None
    for node in root.iter():
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name)
            if name == "href":
                assert value.startswith(("https://", "http://", "#", "index.html")), value
                assert '"' not in value and "<" not in value
    assert "javascript:alert(8)" not in re.sub(r"&[a-z#0-9]+;", "", page).split("href=")[0]
    # the text is still shown, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_xss_markdown_cannot_inject() -> None:
    from markdown_it import MarkdownIt

    md = render(xss_briefing(), "md").decode()
    html = MarkdownIt("commonmark").render(md)
    root = parse_html(html)
    for tag in ("script", "img", "svg", "b", "div", "code", "blockquote"):
        assert root.find(tag) is None, tag
    # lists: ours only (the timeline bullets and the numbered sources)
    assert [len(list(ul.iter("li"))) for ul in root.iter("ul")] == [5]
    assert [len(list(ol.iter("li"))) for ol in root.iter("ol")] == [2]
    # the only emphasis is ours: the meta line and the bold date of each entry
    assert [e.text() for e in root.iter("em")] == [
        "Published 23 May 2016 · Period 1999 – 23 May 2016 · 2 sources · 5 dated events"
    ]
    assert len(list(root.iter("strong"))) == 5
    hrefs = [a.attrs["href"] for a in root.iter("a")]
    assert all(h.startswith("https://evil.example/a%22onmouseover") for h in hrefs), hrefs
    assert len(hrefs) == 1  # the second source, in the sources list
    assert len(list(root.iter("h1"))) == 1 and len(list(root.iter("h2"))) == 2
    # with raw HTML enabled too, nothing gets through as markup
    html2 = MarkdownIt("commonmark", {"html": True}).render(md)
    root2 = parse_html(html2)
    for tag in ("script", "img", "svg", "b", "div", "a"):
        found = [n for n in root2.iter(tag) if tag != "a" or "evil.example/a%22" not in
                 n.attrs.get("href", "")]
        assert not found, tag
    assert not [n for n in root2.iter() if any(k.startswith("on") for k in n.attrs)]
    for marker in ("<script", "<img", "<svg", "<!--"):
        assert marker not in html2, marker


def test_xss_json_inert() -> None:
    raw = render(xss_briefing(), "json")
    assert b"<" not in raw and b">" not in raw
    data = json.loads(raw)
    assert "<script>alert(1)</script>" in data["summary"][0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello, World!", "hello-world"),
        ("../../etc/passwd", "etc-passwd"),
        ("Élysée à Paris", "elysee-a-paris"),
        ("", "briefing"),
        ("///", "briefing"),
        ("a" * 200, "a" * 80),
    ],
)
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected


# Writing ---------------------------------------------------------------------------------


def test_write_briefing_writes_each_format_and_index(tmp_path: Path) -> None:
    b = sample_briefing()
    paths = write_briefing(b, tmp_path / "out", ["html", "md", "json"])
    names = [p.name for p in paths]
    assert names == [f"{b.slug}.html", f"{b.slug}.md", f"{b.slug}.json", "index.html"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names)
    assert (tmp_path / "out" / f"{b.slug}.md").read_bytes() == render(b, "md")


def test_write_briefing_cannot_escape_out_dir(tmp_path: Path) -> None:
    out = tmp_path / "a" / "out"
    paths = write_briefing(xss_briefing(), out, ["html", "json"])
    for p in paths:
        assert p.resolve().parent == out.resolve()
    assert {p.name for p in paths} == {"etc-passwd.html", "etc-passwd.json", "index.html"}
    assert sorted(x.name for x in tmp_path.rglob("*") if x.is_file()) == sorted(
        ["etc-passwd.html", "etc-passwd.json", "index.html"]
    )


def test_write_briefing_error_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    import timeline.render.core as core

    def boom(briefing, options):  # noqa: ANN001, ANN202
        raise TimelineError("cannot render")

    monkeypatch.setitem(core.OUTPUT_FORMATS, "md", core.OutputFormat("md", "md", boom, "boom"))
    out = tmp_path / "out"
    with pytest.raises(TimelineError):
        write_briefing(sample_briefing(), out, ["html", "md", "json"])
    assert not out.exists()


def test_write_briefing_replaces_atomically_without_temp_files(tmp_path: Path) -> None:
    b = sample_briefing()
    write_briefing(b, tmp_path, ["html"])
    write_briefing(b, tmp_path, ["html"], locale="fr")
    assert sorted(os.listdir(tmp_path)) == sorted([f"{b.slug}.html", "index.html"])
    assert "Chronologie" in (tmp_path / f"{b.slug}.html").read_text("utf-8")


def test_slug_index_does_not_clobber_site_index(tmp_path: Path) -> None:
    from dataclasses import replace

    paths = write_briefing(replace(sample_briefing(), slug="index"), tmp_path, ["html", "json"])
    assert [p.name for p in paths] == ["index-briefing.html", "index-briefing.json", "index.html"]


def test_empty_briefing_renders_in_every_format() -> None:
    from dataclasses import replace

    from timeline.model import Timeline

    b = replace(sample_briefing(), summary=(), timeline=Timeline(()), period=None,
                published=None)
    for fmt in FORMATS:
        assert render(b, fmt), fmt
    page = render(b, "html").decode()
    assert "No dated events were found in this story." in page
    md = render(b, "md").decode()
    assert "No dated events were found in this story." in md and "Published" not in md
