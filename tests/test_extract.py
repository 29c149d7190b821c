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
