"""Calendar arithmetic the anchor pass and intervals rely on (timeline.temporal.periods)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal import tag
from timeline.temporal.periods import UNITS, nth_weekday, shift, span, start_of, weekday_near
from timeline.temporal.timex3 import interval


@pytest.mark.parametrize(
    ("day", "unit", "n", "expected"),
    [
        (date(2016, 3, 31), "day", -31, date(2016, 2, 29)),
        (date(2016, 5, 23), "week", -2, date(2016, 5, 9)),
        (date(2016, 3, 31), "month", -1, date(2016, 2, 1)),
        (date(2016, 1, 15), "month", -1, date(2015, 12, 1)),
        (date(2016, 5, 23), "quarter", -1, date(2016, 1, 1)),
        (date(2016, 1, 5), "quarter", -1, date(2015, 10, 1)),
        (date(2016, 8, 1), "half", 1, date(2017, 1, 1)),
        (date(2016, 1, 10), "season", 1, date(2016, 3, 1)),  # winter 2015/16 -> spring 2016
        (date(2016, 5, 23), "year", -3, date(2013, 1, 1)),
        (date(2016, 5, 23), "decade", -1, date(2006, 1, 1)),
        (date(20, 5, 23), "century", -1, date(1, 1, 1)),  # clamped to year 1
    ],
)
def test_shift(day: date, unit: str, n: int, expected: date) -> None:
    assert shift(day, unit, n) == expected


@pytest.mark.parametrize(
    ("day", "unit", "expected"),
    [
        (date(2016, 2, 10), "month", (date(2016, 2, 1), date(2016, 3, 1))),
        (date(2016, 5, 23), "quarter", (date(2016, 4, 1), date(2016, 7, 1))),
        (date(2016, 12, 5), "season", (date(2016, 12, 1), date(2017, 3, 1))),
        (date(2017, 2, 28), "season", (date(2016, 12, 1), date(2017, 3, 1))),
        (date(2016, 5, 25), "week", (date(2016, 5, 23), date(2016, 5, 30))),
        (date(2016, 5, 25), "weekend", (date(2016, 5, 28), date(2016, 5, 30))),
        (date(2016, 5, 29), "weekend", (date(2016, 5, 28), date(2016, 5, 30))),
        (date(1987, 6, 1), "decade", (date(1980, 1, 1), date(1990, 1, 1))),
        (date(1987, 6, 1), "century", (date(1900, 1, 1), date(2000, 1, 1))),
    ],
)
def test_span(day: date, unit: str, expected: tuple[date, date]) -> None:
    assert span(day, unit) == expected
    assert start_of(day, unit) == expected[0]


def test_every_unit_has_a_span_that_holds_its_day() -> None:
    day = date(2016, 5, 23)
    for unit in UNITS:
        if unit == "weekend":  # a Monday is in no weekend; its week's is ahead
            assert span(day, unit)[0] == date(2016, 5, 28)
            continue
        start, end = span(day, unit)
        assert start <= day < end, unit


def test_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError):
        span(date(2016, 5, 23), "fortnight")
    with pytest.raises(ValueError):
        shift(date(2016, 5, 23), "moon", 1)


def test_weekday_near() -> None:
    monday = date(2016, 5, 23)
    assert weekday_near(monday, 5, "past") == date(2016, 5, 20)
    assert weekday_near(monday, 5, "future") == date(2016, 5, 27)
    assert weekday_near(monday, 1, "past") == monday  # "said Monday" on a Monday
    assert weekday_near(monday, 1, "last") == date(2016, 5, 16)
    assert weekday_near(monday, 1, "next") == date(2016, 5, 30)
    assert weekday_near(monday, 7, "this") == date(2016, 5, 29)


def test_nth_weekday() -> None:
    assert nth_weekday(2016, 11, 4, 4) == date(2016, 11, 24)  # Thanksgiving
    assert nth_weekday(2016, 11, 2, 1, 2) == date(2016, 11, 8)  # US Election Day
    assert nth_weekday(2015, 11, 2, 1, 2) == date(2015, 11, 3)


def test_tagger_uses_calendar_months_and_iso_weeks() -> None:
    found = {
        t.text: t.value
        for t in tag(
            "Three months ago prices fell; last week they rose. Two weeks ago, on New "
            "Year's Eve, nothing. The vote will be held on Thanksgiving.",
            "2016-01-03",
            domain="news",
        ).timexes
    }
    assert found["Three months ago"] == "2015-10"
    assert found["last week"] == "2015-W52"  # 3 January 2016 is in ISO week 53 of 2015
    assert found["Two weeks ago"] == "2015-W51"
    assert found["Thanksgiving"] == "2016-11-24"


def test_interval_of_a_winter_crosses_the_new_year() -> None:
    start, end = interval("2016-WI")  # type: ignore[misc]
    assert (start.isoformat(), end.isoformat()) == ("2016-12-01T00:00:00", "2017-03-01T00:00:00")
    start, end = interval("2015-W53-WE")  # type: ignore[misc]
    assert (start.date(), end.date()) == (date(2016, 1, 2), date(2016, 1, 4))
