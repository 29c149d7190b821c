"""TIMEX3 values: grammar, granularity, intervals and labels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from timeline.temporal.timex3 import (
    TimexValue,
    describe,
    granularity,
    interval,
    is_valid_value,
    parse,
    parse_offset,
)


@pytest.mark.parametrize(
    "value",
    [
        "2016-05-23",
        "2016-05-23T09:00",
        "2016-04",
        "2014",
        "199",
        "19",
        "1998-Q3",
        "1998-W02",
        "1998-W02-WE",
        "1998-SU",
        "1998-H1",
        "XXXX-04",
        "XXXX-WXX-1",
        "P5Y",
        "PT15M",
        "PXD",
        "P2Y6M",
        "PT5H30M",
        "PRESENT_REF",
        "PAST_REF",
        "FUTURE_REF",
        "1998-01-08TMO",
        "XXXX-XX-XXTNI",
        "BC0480",
        "PXX",
        "2016-05-23T09:00+03:00",
    ],
)
def test_valid_values(value: str) -> None:
    assert is_valid_value(value)


@pytest.mark.parametrize(
    "value", ["", "2016-13", "May 2016", "P", "PT", "2016-05-23T", "NOW", "<rel day -1>", "P5"]
)
def test_invalid_values(value: str) -> None:
    assert not is_valid_value(value)


@pytest.mark.parametrize(
    ("value", "gran"),
    [
        ("19", "century"),
        ("199", "decade"),
        ("1998", "year"),
        ("1998-H2", "half"),
        ("1998-Q3", "quarter"),
        ("1998-SU", "season"),
        ("1998-04", "month"),
        ("1998-W02", "week"),
        ("1998-W02-WE", "weekend"),
        ("1998-04-01", "day"),
        ("1998-04-01TMO", "partofday"),
        ("1998-04-01T09", "hour"),
        ("1998-04-01T09:15", "minute"),
        ("1998-04-01T09:15:30", "second"),
        ("P5Y", "duration"),
        ("PAST_REF", "ref"),
        ("XXXX-04", "month"),
    ],
)
def test_granularity(value: str, gran: str) -> None:
    assert granularity(value) == gran


@pytest.mark.parametrize(
    ("value", "mod", "start", "end"),
    [
        ("1986", None, datetime(1986, 1, 1), datetime(1987, 1, 1)),
        ("2016-04", None, datetime(2016, 4, 1), datetime(2016, 5, 1)),
        ("2016-12", None, datetime(2016, 12, 1), datetime(2017, 1, 1)),
        ("2016-05-23", None, datetime(2016, 5, 23), datetime(2016, 5, 24)),
        ("199", None, datetime(1990, 1, 1), datetime(2000, 1, 1)),
        ("19", None, datetime(1900, 1, 1), datetime(2000, 1, 1)),
        ("1998-Q4", None, datetime(1998, 10, 1), datetime(1999, 1, 1)),
        ("1998-W01", None, datetime(1997, 12, 29), datetime(1998, 1, 5)),
        ("1998-WI", None, datetime(1998, 12, 1), datetime(1999, 3, 1)),
        ("2016-05-23T09:15", None, datetime(2016, 5, 23, 9, 15), datetime(2016, 5, 23, 9, 16)),
        ("2016-05-23TMO", None, datetime(2016, 5, 23, 6), datetime(2016, 5, 23, 12)),
    ],
)
def test_interval(value: str, mod: str | None, start: datetime, end: datetime) -> None:
    assert interval(value, mod) == (start, end)


def test_interval_mods_narrow_the_period() -> None:
    year = interval("2014")
    mid = interval("2014", "MID")
    early = interval("2014", "START")
    late = interval("2014", "END")
    assert year and mid and early and late
    assert early[0] == year[0] < mid[0] < late[0] < late[1] == year[1]
    assert interval("2014", "APPROX") == year


def test_interval_with_zone_is_aware() -> None:
    span = interval("2016-05-23T09:00", None, "+03:00")
    assert span is not None
    assert span[0].utcoffset() == timedelta(hours=3)
    assert (span[0] - timedelta(hours=3)).replace(tzinfo=None) == datetime(2016, 5, 23, 6)


@pytest.mark.parametrize("value", ["P5Y", "PRESENT_REF", "XXXX-04", "XXXX-WXX-1", "garbage"])
def test_interval_none_for_unplaceable(value: str) -> None:
    assert interval(value) is None


@pytest.mark.parametrize(
    ("value", "mod", "offset", "label"),
    [
        ("1986", None, None, "1986"),
        ("2014", "MID", None, "mid-2014"),
        ("2016-04", None, None, "April 2016"),
        ("2016-05-23", None, None, "Mon 23 May 2016"),
        ("2016-05-23T09:00", None, "+03:00", "Mon 23 May 2016, 09:00 local (06:00 GMT)"),
        ("2016-05-23T09:15", "APPROX", None, "c. Mon 23 May 2016, 09:15"),
        ("P5Y", None, None, "5 years"),
        ("PT15M", "APPROX", None, "c. 15 minutes"),
        ("PRESENT_REF", None, None, "now"),
        ("199", None, None, "1990s"),
        ("19", None, None, "20th century"),
        ("1998-Q3", None, None, "Q3 1998"),
        ("1998-SU", None, None, "summer 1998"),
        ("XXXX-04", None, None, "April"),
        ("2014", "START", None, "early 2014"),
        ("BC0480-08", None, None, "August 480 BC"),
        ("PTXM", None, None, "some minutes"),
        ("P2CE", None, None, "2 centuries"),
        ("PT5H30M", None, None, "5 hours 30 minutes"),
        ("XXXX-XX-XXTNI", None, None, "night"),
    ],
)
def test_describe(value: str, mod: str | None, offset: str | None, label: str) -> None:
    assert describe(value, mod, offset) == label


def test_parse_gives_the_parts() -> None:
    tv = parse("2016-05-23T09:15+03:00")
    assert tv == TimexValue(
        "2016-05-23T09:15+03:00", "date", year="2016", month="05", day="23", hour="09",
        minute="15", zone="+03:00",
    )
    assert tv.granularity == "minute" and tv.placed and tv.on_a_day
    undated = parse("XXXX-WXX-1")
    assert undated is not None and undated.year == "XXXX" and undated.weekday == "1"
    assert not undated.placed
    assert parse("199X") == TimexValue("199X", "decade", decade="199")
    assert parse("19") == TimexValue("19", "century", century="19")
    assert parse("BC0480-08") == TimexValue("BC0480-08", "date", year="0480", bc=True,
                                            month="08")
    assert parse("P5Y") == TimexValue("P5Y", "duration")
    assert parse("PAST_REF") == TimexValue("PAST_REF", "ref")
    assert parse("T09:00") == TimexValue("T09:00", "time", hour="09", minute="00")
    assert parse("May 2016") is None


@pytest.mark.parametrize(
    ("offset", "hours"),
    [("+03:00", 3), ("+0300", 3), ("+03", 3), ("-05:30", -5.5), ("Z", 0), ("UTC", 0),
     ("GMT", 0)],
)
def test_parse_offset(offset: str, hours: float) -> None:
    tz = parse_offset(offset)
    assert tz is not None and tz.utcoffset(None) == timedelta(hours=hours)


@pytest.mark.parametrize("offset", [None, "", "+25:00", "+03:75", "local", "3"])
def test_parse_offset_rejects_garbage(offset: str | None) -> None:
    assert parse_offset(offset) is None


def test_interval_with_z_is_utc() -> None:
    span = interval("2016-05-23T09:00Z")
    assert span is not None and span[0].tzinfo == UTC
