"""English news and narratives the tagger must hold on unseen text (issue 17).

Every text here is a small synthetic one written for the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.cli import main
from timeline.evaluate.timeml import tag_and_score, tag_and_score_many
from timeline.temporal import tag


def _doc(body: str, dct: str = "2009-03-02") -> str:
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>X</DOCID>\n'
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n<TEXT>\n{body}\n</TEXT>\n'
        "</TimeML>\n"
    )


GOLD = _doc(
    'Shares of Norvale fell <TIMEX3 tid="t1" type="DATE" value="2009-03-01">yesterday'
    "</TIMEX3> after the results."
)
INPUT = _doc("Shares of Norvale fell yesterday after the results.")


def _tags(text: str, dct: str = "2009-03-02", **kw: object) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(text, dct, **kw).timexes]  # type: ignore[arg-type]


# -- evaluate timeml ------------------------------------------------------------------


def test_gold_beside_its_input_is_still_the_gold(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(GOLD, encoding="utf-8")
    (tmp_path / "a.tml.TE3input").write_text(INPUT, encoding="utf-8")
    report = tag_and_score(tmp_path)
    assert (report.documents, report.gold) == (1, 1)
    assert report.value_f1 == 1.0


def test_a_folder_without_gold_expressions_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.tml.TE3input").write_text(INPUT, encoding="utf-8")
    assert main(["evaluate", "timeml", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "no gold time expressions" in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and out == ""


def test_several_gold_folders_a_row_each_and_the_micro_average(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "a.tml").write_text(GOLD, encoding="utf-8")
    (two / "b.tml").write_text(
        _doc('It rained <TIMEX3 tid="t1" type="DATE" value="2009-03">this month</TIMEX3>.'),
        encoding="utf-8",
    )
    rows = tag_and_score_many([one, two])
    assert [name for name, _ in rows] == ["one", "two", "all"]
    assert rows[-1][1].gold == 2 and rows[-1][1].documents == 2
    assert main(["evaluate", "timeml", str(one), str(two)]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()[1:4]] == ["one", "two", "all"]


# -- tagging: the errors issue 17 lists, each in a small text of its own --------------

DCT = "2009-03-04"  # a Wednesday


def _one(text: str, extent: str, dct: str = DCT) -> tuple[str, str]:
    found = {t.text: (t.type, t.value) for t in tag(text, dct).timexes}
    assert extent in found, f"{extent!r} not in {list(found)}"
    return found[extent]


@pytest.mark.parametrize(
    ("text", "extent", "type_", "value"),
    [
        # a clock time in UTC/GMT carries its zone
        ("The probe lands at 14:48 UTC.", "14:48 UTC", "TIME", "2009-03-04T14:48Z"),
        ("Trading halted at 0800 GMT.", "0800 GMT", "TIME", "2009-03-04T08:00Z"),
        # full compound spans
        ("The launch will be at 12:00 UTC Monday.", "12:00 UTC Monday", "TIME",
         "2009-03-09T12:00Z"),
        ("Polls close at 16:00 UTC today.", "16:00 UTC today", "TIME", "2009-03-04T16:00Z"),
        ("Profits fell in the first quarter of last year.", "the first quarter of last year",
         "DATE", "2008-Q1"),
        ("Sales dropped in the final quarter of 2007.", "the final quarter of 2007", "DATE",
         "2007-Q4"),
        # decade and year abbreviations
        ("Music of the '70s is back.", "the '70s", "DATE", "197"),
        ("the boxy cars of the 70s and 80s", "80s", "DATE", "198"),
        ("The champions of '82 met again.", "'82", "DATE", "1982"),
        # vague references decided by measurement over the three corpora
        ("The plan is on hold for the time being.", "the time being", "DATE", "PRESENT_REF"),
        ("In the long term, prices will rise.", "the long term", "DATE", "FUTURE_REF"),
        ("The firm is now bankrupt.", "now", "DATE", "PRESENT_REF"),
        # sets
        ("The fair is held annually in Lyon.", "annually", "SET", "P1Y"),
        ("He trains every morning.", "every morning", "SET", "XXXX-XX-XXTMO"),
        # durations
        ("The feud has lasted decades.", "decades", "DURATION", "PXDE"),
        # "the day" pointing back to the day just named
        ("On Monday the index fell 3% on the day.", "the day", "DATE", "2009-03-02"),
        ("Shares rose on Friday to end the day at 7,114.", "the day", "DATE", "2009-02-27"),
        ("On Monday trading was halted for a second consecutive day.", "a second consecutive day",
         "DATE", "2009-03-02"),
        # a plan told with "should" looks ahead
        ("The sale should be completed in October.", "October", "DATE", "2009-10"),
    ],
)
def test_news_expressions(text: str, extent: str, type_: str, value: str) -> None:
    assert _one(text, extent) == (type_, value)


def test_compounds_leave_no_inner_pieces() -> None:
    spans = [t.text for t in tag("Profits fell in the first quarter of last year.", DCT).timexes]
    assert spans == ["the first quarter of last year"]
    spans = [t.text for t in tag("Launch is set for 12:00 UTC Monday.", DCT).timexes]
    assert spans == ["12:00 UTC Monday"]


@pytest.mark.parametrize(
    "text",
    [
        "She appeared on CBS This Morning to talk about the strike.",
        "He saw the film 1917 at the cinema.",
        "The euro traded at $4.1556 late on Tuesday.",
        "The Russell 2000 Index dropped by four percent.",
        "The Arab Spring began in Tunisia.",
        "Mirabeau carried the day.",
        "Apple released iLife '11 and a new laptop.",
        "Sales rose 8% annually over the decade.",
        "He said '10 people died in the fire'.",
    ],
)
def test_names_titles_and_amounts_are_not_times(text: str) -> None:
    bad = {"This Morning", "1917", "1556", "2000", "Spring", "the day", "'11", "annually", "'10"}
    assert not {t.text for t in tag(text, DCT).timexes} & bad


def test_a_named_day_is_not_this_weeks_weekday() -> None:
    (found,) = tag("Stocks fell on Black Monday.", DCT).timexes
    assert found.text == "Black Monday"
    assert found.value != "2009-03-02"


def test_earlier_this_year_is_not_early_in_the_year() -> None:
    (found,) = tag("Prices rose earlier this year.", DCT).timexes
    assert (found.value, found.mod) == ("2009", None)


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ('"We are leaving today," he said on Tuesday.', "today", "2009-03-03"),
        ('"I met him this morning," she told reporters Monday.', "this morning",
         "2009-03-02TMO"),
        ("\u201cWe sign tomorrow,\u201d said Ann Lee, the mayor, on Monday.", "tomorrow",
         "2009-03-03"),
        # no day given for the report, or "today" outside the quote: the publication day
        ('"We are leaving today," he said.', "today", "2009-03-04"),
        ('"Hi," he said on Monday. They leave today, "soon" he said on Tuesday.', "today",
         "2009-03-04"),
    ],
)
def test_quoted_today_is_the_reported_day(text: str, extent: str, value: str) -> None:
    assert _one(text, extent)[1] == value


@pytest.mark.parametrize(
    ("text", "extent", "type_", "value"),
    [
        ("Within minutes the hall was empty.", "minutes", "DURATION", "PTXM"),
        ("The index fell 200 points in just minutes.", "just minutes", "DURATION", "PTXM"),
        ("It was a single-day record.", "single-day", "DURATION", "P1D"),
        ("The club plays each season in a new town.", "each season", "SET", "P1Y"),
    ],
)
def test_bare_and_adjectival_durations_and_sets(
    text: str, extent: str, type_: str, value: str
) -> None:
    assert _one(text, extent) == (type_, value)


def test_minutes_apart_is_no_duration() -> None:
    assert not tag("The blasts came just minutes apart.", DCT).timexes


# -- narratives: mechanisms that held on one WikiWars document only --------------------


def _narrative(text: str) -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in tag(text, "2009-12-19", domain="narrative").timexes}


def test_an_offset_apposed_to_a_date_is_that_date() -> None:
    found = _narrative("The war began in 1948. On 14 May 1952, two days after the raid, the "
                       "army moved north.")
    assert found["two days after"] == ("DATE", "1952-05-14")


def test_an_offset_not_apposed_still_counts_from_the_story() -> None:
    found = _narrative("The fort fell on 3 March 1861. Eight days after the fall, troops left.")
    assert found["Eight days after"] == ("DATE", "1861-03-11")


def test_a_stretch_of_the_story_is_a_duration() -> None:
    found = _narrative("In 1918 the army took 30,000 prisoners in the last week of September.")
    assert found["the last week of September"] == ("DURATION", "P1W")
    found = _narrative("In 1917 each battalion held it for about a week before moving back.")
    assert found.get("a week before") is None
