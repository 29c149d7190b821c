"""The static site index and the stderr progress bar (issue 6)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from briefings import sample_briefing, xss_briefing
from test_render_helpers import parse_html

from timeline.progress import progress
from timeline.render import write_briefing


def _index(out: Path):  # noqa: ANN202 - parsed tree
    return parse_html((out / "index.html").read_text("utf-8"))


def test_index_lists_briefings_newest_first(tmp_path: Path) -> None:
    b = sample_briefing()
    old = replace(b, title="An older story", slug="older-story", published="2015-01-02",
                  period=("2014", "2015-01-01"))
    write_briefing(b, tmp_path, ["html", "json"])
    write_briefing(old, tmp_path, ["json"])  # no HTML page: the index links the JSON
    root = _index(tmp_path)
    items = list(root.find("main").find("ul").iter("li"))
    assert [li.find("a").text() for li in items] == [b.title, "An older story"]
    assert [li.find("a").attrs["href"] for li in items] == [f"{b.slug}.html", "older-story.json"]
    first = items[0]
    times = [t.attrs["datetime"] for t in first.iter("time")]
    assert times == ["2016-05-23", "1986", "2016-05-23"]
    assert "More than 148 people were killed Monday" in first.text()
    for tag in ("header", "main", "nav", "footer"):
        assert root.find(tag) is not None
    assert root.find("script") is None


def test_index_skips_foreign_and_damaged_json(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text('{"title": "not ours"}', "utf-8")
    (tmp_path / "broken.json").write_bytes(b"\xff{")
    (tmp_path / "evil.json").write_text(
        '{"schema": "timeline.briefing/1", "slug": "../x", "title": "t"}', "utf-8")
    write_briefing(sample_briefing(), tmp_path, ["json"])
    items = list(_index(tmp_path).find("main").find("ul").iter("li"))
    assert len(items) == 1


def test_index_escapes_titles(tmp_path: Path) -> None:
    write_briefing(xss_briefing(), tmp_path, ["html", "json"])
    page = (tmp_path / "index.html").read_text("utf-8")
    root = parse_html(page)
    assert root.find("script") is None and root.find("img") is None
    assert "&lt;script&gt;" in page


def test_index_when_empty(tmp_path: Path) -> None:
    write_briefing(sample_briefing(), tmp_path, ["md"])
    assert "No briefings yet." in (tmp_path / "index.html").read_text("utf-8")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_silent_when_not_a_terminal() -> None:
    out = io.StringIO()
    assert list(progress([1, 2, 3], 3, "inputs", stream=out)) == [1, 2, 3]
    assert out.getvalue() == ""


def test_progress_draws_on_a_terminal() -> None:
    out = _Tty()
    assert list(progress(iter("abcd"), 4, "inputs", stream=out)) == list("abcd")
    text = out.getvalue()
    assert "\rinputs [" in text and "4/4" in text and text.endswith("\n")


def test_progress_positional_api_and_default_stream(capsys) -> None:  # noqa: ANN001
    # progress(iterable, total, label): items come back unchanged, lazily, in order
    seen = []
    gen = progress((seen.append(i) or i for i in range(3)), 3, "docs")
    assert seen == []  # nothing consumed before the caller asks
    assert list(gen) == [0, 1, 2] and seen == [0, 1, 2]
    assert capsys.readouterr().err == ""  # pytest's stderr is not a terminal


def test_progress_without_total_counts_and_fits_the_terminal(monkeypatch) -> None:  # noqa: ANN001
    import os

    size = os.terminal_size((40, 24))
    monkeypatch.setattr("shutil.get_terminal_size", lambda fallback=None: size)
    out = _Tty()
    long_label = "a very long label " * 5
    assert list(progress((c for c in "ab"), None, long_label, stream=out)) == ["a", "b"]
    lines = [x.rstrip("\n") for x in out.getvalue().split("\r")[1:]]
    assert lines[-1].endswith("… 2") and all(len(x) <= 39 for x in lines)
    out = _Tty()
    assert list(progress(range(1000), 1000, "inputs", stream=out)) == list(range(1000))
    lines = [x.rstrip("\n") for x in out.getvalue().split("\r")[1:]]
    assert len(lines) <= 102  # at most once per percent
    assert lines[-1].startswith("inputs [") and lines[-1].endswith("] 1000/1000")
    assert all(len(x) <= 39 for x in lines)


def test_progress_ends_the_line_when_the_loop_stops_early() -> None:
    out = _Tty()
    for i in progress([1, 2, 3], 3, "inputs", stream=out):
        if i == 2:
            break
    assert out.getvalue().endswith("\n") and "1/3" in out.getvalue()


def test_index_summary_does_not_repeat_a_title_taken_from_the_lead(tmp_path: Path) -> None:
    b = sample_briefing()
    lead = b.summary[0].text
    title = lead.split(",")[0]  # what a title cut from the lead sentence looks like
    write_briefing(replace(b, title=title), tmp_path, ["html", "json"])
    item = _index(tmp_path).find("main").find("ul").find("li")
    assert item.find("a").text() == title
    assert lead not in item.text()
    assert b.summary[1].text in item.text()


def test_index_counts_sources_of_multi_source_stories(tmp_path: Path) -> None:
    from briefings import story_briefing

    write_briefing(story_briefing(), tmp_path, ["html", "json"])
    write_briefing(replace(sample_briefing(), timeline=replace(
        sample_briefing().timeline, events=sample_briefing().timeline.events[:1])),
        tmp_path, ["html", "json"])
    metas = [[span.text() for span in p.iter("span")]
             for p in _index(tmp_path).iter("p") if p.attrs.get("class") == "meta"]
    assert metas == [
        ["Published 26 May 2016", "Period 23 May 2016 – 26 May 2016", "3 sources",
         "4 dated events"],
        ["Published 23 May 2016", "Period 1986 – 23 May 2016", "1 dated event"],
    ]
