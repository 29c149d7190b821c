"""Issue 16, item 6: reachable input that crashed the core stages (exit 70, "internal
error") now gives a briefing or a tag listing. Each case came from the fuzz harness
(tests/test_fuzz.py, tests/bench/fuzz.py); the texts are small synthetic ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.claims import number_value
from timeline.cli import main
from timeline.render.core import OUTPUT_FORMATS
from timeline.temporal import tag

ALL_FORMATS = ",".join(OUTPUT_FORMATS)

ORVAN = [
    ("Dam on the Orvan fails", "The Orvan dam failed today, officials said. More than 40 "
     "people were killed when the water reached the valley today. Engineers had warned of "
     "cracks yesterday."),
    ("Orvan dam cracks", "Engineers found cracks in the Orvan dam today, officials said. The "
     "valley was evacuated yesterday. Rescue teams are expected tomorrow."),
]


def _story(tmp_path: Path, times: tuple[str, str]) -> Path:
    path = tmp_path / "story.jsonl"
    lines = [json.dumps({"time": t, "title": title, "text": text})
             for t, (title, text) in zip(times, ORVAN, strict=True)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "times",
    [("9999-12-31", "9999-12-30"), ("0001-01-01", "0001-01-02")],
    ids=["last-days-of-9999", "first-days-of-year-1"],
)
def test_story_at_the_edges_of_the_calendar_is_briefed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], times: tuple[str, str]
) -> None:
    """A story published on the last (or first) days the calendar holds was an
    OverflowError in story.py (the day after 9999-12-31, the day before 0001-01-01)."""
    out = tmp_path / "out"
    code = main(["brief", str(_story(tmp_path, times)), "--out", str(out),
                 "--format", ALL_FORMATS])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "internal error" not in err
    data = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    days = {e["value"][:10] for e in data["events"]}
    assert days and all(d[:4] == times[0][:4] for d in days)
    assert all(e["start"] < e["end"] for e in data["events"])


def test_a_count_of_four_hundred_digits_is_no_figure(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A number too large for a float was an OverflowError (infinity to int) in claims."""
    assert number_value("9" * 400) is None
    assert number_value("2.5 million") == 2_500_000
    article = tmp_path / "big.txt"
    article.write_text("VELMORA, May 23, 2016 - More than " + "9" * 400 + " people were killed "
                       "on Monday, officials said. The dam failed on Monday.\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["brief", str(article), "--out", str(out), "--format", ALL_FORMATS])
    assert code == 0, capsys.readouterr().err
    assert list(out.glob("*.md"))


def test_tag_with_a_reference_date_in_year_1(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """`tag --date 0001-01-01` on an offset from a clock time counted back into year 0
    (ValueError in temporal); the offset is now left underived and the rest is listed."""
    article = tmp_path / "a.txt"
    article.write_text("May 8 1pm 5 minute after began\n", encoding="utf-8")
    code = main(["tag", "--date", "0001-01-01", str(article)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "PT5M" in out.out


@pytest.mark.parametrize("dct", ["0001-01-01", "9999-12-31"])
def test_offsets_from_a_clock_time_at_the_calendar_edges(dct: str) -> None:
    """An offset from a clock time is counted when it stays in the calendar, written with
    four-digit years, and skipped when it would leave it."""
    text = "At 11:50 pm, 30 minutes after the blast, sirens sounded. " \
           "99999999999999999999 hours after the blast nobody was left."
    timexes = tag(text, dct).timexes
    assert all(t.text == text[t.start:t.end] for t in timexes)
    derived = [t for t in timexes if t.rule == "derived:offset"]
    for t in derived:
        assert t.value[:4].isdigit() and t.value[4] == "-"
    assert any(t.value.startswith("9999-") or t.value.startswith("0001-") for t in derived) \
        or dct == "9999-12-31"


def test_an_offset_of_more_minutes_than_a_timedelta_holds() -> None:
    """'9,429,...,391 minutes earlier' after a clock time: timedelta() itself overflowed."""
    huge = "9,429,255,920,377,543,624,788,230,288,145,443,214,391"
    text = f"The attacks began at 9:00 am. {huge} minutes earlier, sirens sounded."
    timexes = tag(text, "2016-05-23").timexes
    assert [t.value for t in timexes][0] == "2016-05-23T09:00"
    assert not [t for t in timexes if t.rule == "derived:offset"]
    near = tag("The attacks began at 9:00 am. 15 minutes earlier, sirens sounded.", "2016-05-23")
    assert [t.value for t in near.timexes if t.rule == "derived:offset"] == ["2016-05-23T08:45"]


def test_a_long_hyphenated_run_is_summarized_at_once(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """'Dec-Dec-Dec-...' (a few KB) made the caption-label pattern of the summarizer
    backtrack for minutes (a hang, found by the fuzz run); possessive now. Guarded by an
    alarm far above the time it takes (well under a second)."""
    import signal

    article = tmp_path / "a.txt"
    article.write_text("VELMORA, May 23, 2016 - The Orvan dam failed on Monday, officials said. "
                       + "Dec-" * 1500 + " The valley was evacuated on Monday night.\n",
                       encoding="utf-8")

    def hang(signum: int, frame: object) -> None:
        raise TimeoutError("brief ran past 60 s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(60)
    try:
        code = main(["brief", str(article), "--out", str(tmp_path / "out")])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert code == 0, capsys.readouterr().err


@pytest.mark.parametrize(("phrase", "value"), [("last week", "0002-W34"),
                                               ("next weekend", "0002-W36-WE")])
def test_weeks_of_years_before_1000_have_four_digits(phrase: str, value: str) -> None:
    """A week in year 2 was written '2-W34', no TIMEX3 value (found by the tagger fuzz run:
    seed 2026, input tagger:43216, '35 weeks later' from 0001-12-31)."""
    timexes = tag(f"The talks resumed {phrase}.", "0002-09-01").timexes
    assert [t.value for t in timexes] == [value]
