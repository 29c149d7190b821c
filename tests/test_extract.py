"""`timeline extract`: what ingest read in each input, as JSON Lines or text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.cli import main

PASTE = (
    "Storm knocks out power across the valley\n"
    "By Jane Okafor\n"
    "Updated 3:45 AM EDT, September 27, 2024\n\n"
    "Thousands of homes lost power on Thursday night as the storm moved north.\n"
    "Crews expect to restore most lines by Saturday, the utility said.\n"
)
UNDATED = (
    "Council approves the new bridge\n\n"
    "The city council approved the bridge on Tuesday after a long debate.\n"
    "Work starts next spring.\n"
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_paste_gives_title_date_byline_and_body(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "storm.txt"
    path.write_text(PASTE, encoding="utf-8")
    code, out, err = run(["extract", str(path)], capsys)
    assert code == 0, err
    record = json.loads(out)
    assert record["input"] == str(path)
    assert record["title"] == "Storm knocks out power across the valley"
    assert record["published"] == "2024-09-27T03:45"
    assert record["published_source"] == "dateline"
    assert record["byline"] == "Jane Okafor"
    assert record["body"].startswith("Thousands of homes lost power")
    assert "Updated" not in record["body"] and "Okafor" not in record["body"]


def test_several_inputs_are_json_lines_and_a_missing_date_is_null(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(PASTE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(UNDATED, encoding="utf-8")
    code, out, err = run(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], capsys)
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["input"] for r in records] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert records[1]["published"] is None and records[1]["published_source"] is None
    assert records[1]["title"] == "Council approves the new bridge"


def test_date_option_stands_in_for_a_missing_date(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "b.txt"
    path.write_text(UNDATED, encoding="utf-8")
    code, out, _ = run(["extract", str(path), "--date", "2021-03-04"], capsys)
    assert code == 0
    record = json.loads(out)
    assert (record["published"], record["published_source"]) == ("2021-03-04", "option")


def test_html_page_and_text_format(capsys: pytest.CaptureFixture[str]) -> None:
    page = Path(__file__).parent / "fixtures" / "story" / "syria-coast-followup.html"
    code, out, err = run(["extract", str(page), "--format", "text"], capsys)
    assert code == 0, err
    head, _, body = out.partition("\n\n")
    assert f"# {page}" in head
    assert "Published: 2016-05-24 (metadata)" in head
    assert len(body.split()) > 50


def test_missing_input_is_one_line_and_nonzero(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["extract", str(tmp_path / "nope.txt")], capsys)
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and "no such file" in err


def test_story_options_on_a_single_article_say_so(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "storm.txt"
    path.write_text(PASTE, encoding="utf-8")
    code, _, err = run(["brief", str(path), "--max-dates", "3", "--since", "2024-09-01",
                        "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    notes = [ln for ln in err.splitlines() if "--max-dates" in ln]
    assert len(notes) == 1 and "single article" in notes[0]
    assert "--since" not in notes[0]  # it applies to one article's timeline too


def test_since_and_until_trim_a_single_articles_timeline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    def values(*period: str) -> list[str]:
        out = tmp_path / "-".join(period or ("all",))
        code, _, err = run(["brief", "--sample", "--format", "json", *period, "--out", str(out)],
                           capsys)
        assert code == 0, err
        (page,) = [p for p in out.glob("*.json")]
        return [e["value"] for e in json.loads(page.read_text())["events"]]

    everything = values()
    assert everything[:2] == ["1986", "2014"]
    assert "1986" not in values("--since", "2014-06-01")  # mid-2014 overlaps, 1986 does not
    assert "2014" in values("--since", "2014-06-01")
    assert values("--until", "2015-12-31") == ["1986", "2014"]


HOME_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Valley Courier | Home</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head><body>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<h1>Valley Courier</h1>
<ul class="teasers"><li><a href="/a">Bridge vote delayed</a></li>
<li><a href="/b">School opens new library</a></li></ul>
<footer><a href="/about">About us</a> <a href="/contact">Contact</a></footer>
</body></html>"""


def test_a_page_without_an_article_gives_its_date_and_title_and_no_body(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "home.html"
    path.write_text(HOME_PAGE, encoding="utf-8")
    code, out, err = run(["extract", str(path)], capsys)
    assert code == 0, err  # was: skipped, exit 1, "no article text found on the page"
    record = json.loads(out)
    assert record["published"] == "2024-03-05" and record["published_source"] == "metadata"
    assert record["title"] and record["body"] == ""


def test_a_page_without_an_article_is_still_skipped_by_brief(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "home.html"
    path.write_text(HOME_PAGE, encoding="utf-8")
    code, out, err = run(["brief", str(path), "--out", str(tmp_path / "out")], capsys)
    assert code == 2 and "no article text" in err and not (tmp_path / "out").exists()


ARTICLE = "".join(
    f"<p>{s}</p>\n" for s in (
        "Over the past year the team has seen unsafe downloads grow more varied, with new "
        "file types arriving every month and old tricks coming back in new wrappers.",
        "Starting today the browser checks each download against a fresh list of known "
        "threats, and warns before a risky file is opened on the computer.",
        "The check runs on the device itself, so the names of the files a person downloads "
        "never leave the machine, and the list is updated twice a day.",
    )
)


def _page(title: str, heading: str, body: str = ARTICLE) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}'
            '</title><meta property="article:published_time" content="2020-05-19"></head>'
            f'<body><div class="post">{heading}<div class="post-body">{body}</div></div>'
            '<div class="footer"><a href="/about">About</a></div></body></html>')


def _extract(page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    code, out, err = run(["extract", str(path)], capsys)
    assert code == 0, err
    record: dict[str, str] = json.loads(out)
    return record


def test_an_article_precision_mode_drops_is_read_all_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A blog template prints the post inside <noscript> (its script copy is a template):
    # trafilatura's precision mode keeps nothing of it, its balanced mode the post.
    # Lines that only link to other posts are teasers, not the post.
    teasers = ('<p><strong>Read more:</strong> <a href="/a">Older browsers lose support '
               'next month</a></p><p><a href="/b">How the new password checks work</a></p>')
    body = ('<script type="text/template"><p>Scripted copy.</p></script>'
            f"<noscript>{ARTICLE}{teasers}</noscript>")
    record = _extract(_page("New download checks | Example Blog",
                            '<h3 class="post-title">New download checks</h3>', body),
                      tmp_path, capsys)
    assert record["body"].startswith("Over the past year the team has seen unsafe downloads")
    assert record["body"].endswith("the list is updated twice a day.")
    assert "Read more" not in record["body"] and "password" not in record["body"]
    assert record["title"] == "New download checks"


@pytest.mark.parametrize(
    ("title", "heading", "headline"),
    [
        # a kicker ("Dachzeile") in a span of its own opens the heading
        ("Nach dem Sturm: Stromausfall im ganzen Tal | Talbote",
         '<h1><span class="dachzeile">Nach dem Sturm</span> '
         '<span class="headline">Stromausfall im ganzen Tal</span></h1>',
         "Stromausfall im ganzen Tal"),
        ("Sturm | Talbote",
         '<h1 class="article-title"><span class="roofline">Sturm</span> '
         "Stromausfall im ganzen Tal</h1>",
         "Stromausfall im ganzen Tal"),
        # the site's name hidden for screen readers, and a hidden heading with the title
        ("Council approves the bridge | Valley Courier",
         '<h2 class="screen-reader-text">Council approves the bridge | Valley Courier</h2>'
         '<h1 class="title">Council approves the bridge<span class="element-invisible"> | '
         "Valley Courier</span></h1>",
         "Council approves the bridge"),
        # a style sheet inside the heading is no part of it
        ("Vaccines still offered everywhere",
         "<h1><style>.css-x{font-size:16px;display:block;}</style>"
         '<span class="css-x">Vaccines still offered everywhere</span></h1>',
         "Vaccines still offered everywhere"),
        # a highlighted first word that the sentence goes on from is no kicker
        ("Feud of the neighbours escalates",
         '<h1><span class="mc">Feud</span> of the neighbours escalates</h1>',
         "Feud of the neighbours escalates"),
        # a subtitle in <small> is not the headline
        ("Fish cakes, hot and fresh",
         '<h1 class="article-title"><span class="article-highlight">Fish cakes, hot and '
         'fresh</span> <small class="article-subtitle">Welcome to the harbour town</small>'
         "</h1>",
         "Fish cakes, hot and fresh"),
    ],
)
def test_page_headline_is_the_heading_a_reader_sees(
    title: str, heading: str, headline: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str]
) -> None:
    assert _extract(_page(title, heading), tmp_path, capsys)["title"] == headline
