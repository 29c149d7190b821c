"""TIMEX3 values: the grammar, the one parser, granularity, intervals and human labels.

A value is kept as the TimeML string ("2016-05-23", "2014", "199", "1998-Q3", "XXXX-04",
"P5Y", "PRESENT_REF"); :func:`parse` splits it into its parts (:class:`TimexValue`) and
everything else here and in the renderer (sorting intervals, labels, HTML datetimes)
reads those parts, never the string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache

__all__ = [
    "TimexValue",
    "describe",
    "granularity",
    "interval",
    "is_valid_value",
    "parse",
    "parse_offset",
]

_DUR_DATE = r"(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|E|L|C|Q|H))"
_DUR_TIME = r"(?:(?:\d+(?:\.\d+)?|X)(?:H|M|S))"
_DURATION = rf"P(?:{_DUR_DATE}+(?:T{_DUR_TIME}+)?|T{_DUR_TIME}+|XX?)"
_YEAR = r"(?:BC)?(?:\d{4}|\d{3}X?|\d{2}(?:XX|X)?|XXXX|XXX|XX)"
_ZONE = r"(?:Z|[+-]\d\d(?::?\d\d)?)"
_TIME = (
    r"T(?:(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d(?:\.\d+)?)?)?|MO|AF|EV|NI|DT|MI|NO|XX(?::XX)?)"
    rf"{_ZONE}?"
)
_DATE_TAIL = (
    r"(?:-(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?"
    r"|-W(?:0[1-9]|[1-4]\d|5[0-3]|XX)(?:-(?:[1-7]|X|WE))?"
    r"|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI))"
)
_DATE = rf"{_YEAR}{_DATE_TAIL}?(?:{_TIME})?"
_VALUE_RE = re.compile(rf"(?:{_DATE}|{_TIME}|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF)\Z")
_MAX_VALUE = 64  # characters; no TIMEX3 value is longer, a longer string is garbage

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SEASONS = {"SP": (3, "spring"), "SU": (6, "summer"), "FA": (9, "autumn"), "WI": (12, "winter")}
_PARTS = {
    "MO": (6, 12, "morning"),
    "AF": (12, 18, "afternoon"),
    "EV": (18, 22, "evening"),
    "NI": (21, 24, "night"),
    "DT": (9, 17, "daytime"),
    "MI": (0, 1, "midnight"),
    "NO": (12, 13, "noon"),
}
# the parts of day a day-less "XXXX-XX-XXT.." value is described by (midnight and noon
# name an instant, not a stretch one could mean without its day)
_UNDATED_PARTS = frozenset({"MO", "AF", "EV", "NI", "DT"})
_REF_WORDS = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
_MOD_PREFIX = {
    "START": "early ",
    "MID": "mid-",
    "END": "late ",
    "APPROX": "c. ",
    "BEFORE": "before ",
    "AFTER": "after ",
    "ON_OR_BEFORE": "by ",
    "ON_OR_AFTER": "from ",
    "MORE_THAN": "more than ",
    "LESS_THAN": "less than ",
    "EQUAL_OR_LESS": "at most ",
    "EQUAL_OR_MORE": "at least ",
}

# One grammar for the parts of a date or time value; "XX"/"XXXX" stand for an unknown part.
_PARSE = re.compile(
    r"(?P<bc>BC)?(?P<year>\d{4}|XXXX)"
    r"(?:-(?:(?P<month>\d\d|XX)(?:-(?P<day>\d\d|XX))?"
    r"|W(?P<week>\d\d|XX)(?:-(?P<wd>[1-7]|WE))?"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?"
    r"(?:T(?:(?P<hour>\d\d)(?::(?P<minute>\d\d)(?::(?P<second>\d\d))?)?"
    r"|(?P<part>MO|AF|EV|NI|DT|MI|NO)))?"
    r"(?P<zone>Z|[+-]\d\d(?::?\d\d)?)?\Z"
)
_CLOCK = re.compile(
    r"T(?:(?P<hour>\d\d)(?::(?P<minute>\d\d)(?::(?P<second>\d\d))?)?"
    r"|(?P<part>MO|AF|EV|NI|DT|MI|NO))(?P<zone>Z|[+-]\d\d(?::?\d\d)?)?\Z"
)
_DECADE = re.compile(r"(?P<dec>\d{3})X?\Z")
_CENTURY = re.compile(r"(?P<cent>\d{2})(?:XX)?\Z")
_OFFSET = re.compile(r"([+-])(\d\d):?(\d\d)?")
_UTC_NAMES = frozenset({"Z", "z", "UTC", "GMT"})
_MAX_OFFSET_HOURS = 23  # a UTC offset is less than a day
_MINUTES = 59  # largest minute or second of a clock


@dataclass(frozen=True)
class TimexValue:
    """The parts of one TIMEX3 value, each as the value writes it ("05", "XX", "WE").

    ``kind`` is "date" (years to seconds, "XXXX-04" too), "time" (a bare "T09:00"),
    "decade" ("199"), "century" ("19"), "duration" ("P5Y") or "ref" ("PAST_REF").
    """

    value: str
    kind: str
    year: str | None = None  # "2016", "XXXX"
    bc: bool = False
    month: str | None = None  # "05", "XX"
    day: str | None = None
    week: str | None = None  # ISO week "02", "XX"
    weekday: str | None = None  # ISO weekday "1".."7", or "WE" for the weekend
    quarter: str | None = None  # "1".."4"
    half: str | None = None  # "1", "2"
    season: str | None = None  # "SP", "SU", "FA", "WI"
    hour: str | None = None
    minute: str | None = None
    second: str | None = None
    part: str | None = None  # part of day: "MO", "AF", "EV", "NI", "DT", "MI", "NO"
    zone: str | None = None  # "Z", "+03:00" as written in the value
    decade: str | None = None  # "199" for the 1990s
    century: str | None = None  # "19" for the 1900s

    @property
    def granularity(self) -> str:
        """The unit the value is stated to (see :func:`granularity`)."""
        if self.kind in ("ref", "duration", "decade", "century"):
            return self.kind
        for unit, part in (
            ("second", self.second),
            ("minute", self.minute),
            ("hour", self.hour),
            ("partofday", self.part),
            ("day", self.day),
        ):
            if part:
                return unit
        if self.weekday:
            return "weekend" if self.weekday == "WE" else "day"
        for unit, part in (
            ("week", self.week),
            ("month", self.month),
            ("season", self.season),
            ("quarter", self.quarter),
            ("half", self.half),
        ):
            if part:
                return unit
        return "year"

    @property
    def placed(self) -> bool:
        """True when no part of the date is unknown ("2016-05", not "XXXX-05", "2016-XX")."""
        return all(
            p is None or p.isdigit() for p in (self.year, self.month, self.day, self.week)
        )

    @property
    def on_a_day(self) -> bool:
        """True when the value names one day ("2016-05-23", "1998-W02-3"), so that a clock
        time or part of day within it can be placed."""
        return bool(self.day) or self.weekday not in (None, "WE")


@lru_cache(maxsize=4096)
def parse(value: str) -> TimexValue | None:
    """The parts of a TIMEX3 value; None when it is none of the kinds it can be.

    Loose where the grammar (:func:`is_valid_value`) is strict: a duration is anything
    starting "P", a reference anything ending "_REF"; ranges are not checked.
    """
    if value.endswith("_REF"):
        return TimexValue(value, "ref")
    if value.startswith("P"):
        return TimexValue(value, "duration")
    if m := _CENTURY.match(value):
        return TimexValue(value, "century", century=m["cent"])
    if m := _DECADE.match(value):
        return TimexValue(value, "decade", decade=m["dec"])
    if m := _PARSE.match(value):
        g = m.groupdict()
        return TimexValue(
            value,
            "date",
            year=g["year"],
            bc=bool(g["bc"]),
            month=g["month"],
            day=g["day"],
            week=g["week"],
            weekday=g["wd"],
            quarter=g["quarter"],
            half=g["half"],
            season=g["season"],
            hour=g["hour"],
            minute=g["minute"],
            second=g["second"],
            part=g["part"],
            zone=g["zone"],
        )
    if m := _CLOCK.match(value):
        return TimexValue(
            value, "time", hour=m["hour"], minute=m["minute"], second=m["second"],
            part=m["part"], zone=m["zone"],
        )
    return None


def is_valid_value(value: str) -> bool:
    """True when ``value`` follows the TIMEX3 value grammar (dates, times, durations, refs)."""
    return bool(value) and len(value) < _MAX_VALUE and _VALUE_RE.match(value) is not None


def granularity(value: str) -> str:
    """The unit a value is stated to: century, decade, year, half, quarter, season, month,
    week, weekend, day, partofday, hour, minute, second, duration, ref or unknown."""
    tv = parse(value)
    return tv.granularity if tv is not None else "unknown"


def parse_offset(utc_offset: str | None) -> timezone | None:
    """"+03:00", "+0300", "+03", "-05:30", "Z", "UTC", "GMT" -> a fixed timezone; anything
    else (out of range too: "+25:00") -> None."""
    if not utc_offset:
        return None
    if utc_offset in _UTC_NAMES:
        return UTC
    m = _OFFSET.fullmatch(utc_offset.strip())
    if not m:
        return None
    hours, minutes = int(m[2]), int(m[3] or 0)
    if hours > _MAX_OFFSET_HOURS or minutes > _MINUTES:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if m[1] == "-" else delta)


def _dt(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def _span(d: date, unit: str) -> tuple[datetime, datetime]:
    from timeline.temporal import periods

    start, end = periods.span(d, unit)
    return _dt(start), _dt(end)


_FIRST_YEAR, _LAST_YEAR = 1, 9998  # what periods.span can reckon with (a year after it ends)
_END_YEAR = 9999  # a decade or century is cut at the end of the calendar datetime keeps


def _era_interval(tv: TimexValue) -> tuple[datetime, datetime] | None:
    """A decade ("199") or century ("19")."""
    if tv.decade is not None:
        start, length = int(tv.decade) * 10, 10
    else:
        start, length = int(tv.century or 0) * 100, 100
    if start < _FIRST_YEAR:
        return None
    return datetime(start, 1, 1), datetime(min(start + length, _END_YEAR), 1, 1)


def _date_span(tv: TimexValue, y: int) -> tuple[datetime, datetime]:
    """The calendar period of a placed date value, without its clock; ValueError when
    the date does not exist."""
    if tv.month:
        if tv.day:
            return _span(date(y, int(tv.month), int(tv.day)), "day")
        return _span(date(y, int(tv.month), 1), "month")
    if tv.week:
        week = int(tv.week)
        if tv.weekday == "WE":
            return _span(date.fromisocalendar(y, week, 1), "weekend")
        if tv.weekday:
            return _span(date.fromisocalendar(y, week, int(tv.weekday)), "day")
        return _span(date.fromisocalendar(y, week, 1), "week")
    if tv.quarter:
        return _span(date(y, 3 * int(tv.quarter) - 2, 1), "quarter")
    if tv.half:
        return _span(date(y, 6 * int(tv.half) - 5, 1), "half")
    if tv.season:
        return _span(date(y, _SEASONS[tv.season][0], 1), "season")
    return _span(date(y, 1, 1), "year")


_HOUR_END = 24  # "T24:00" is the end of the day, the last hour TIMEX3 writes


def _clock_span(tv: TimexValue, day_start: datetime) -> tuple[datetime, datetime] | None:
    """The second, minute or hour a clock time names within its day."""
    hour = int(tv.hour or 0)
    minute = int(tv.minute or 0)
    second = int(tv.second or 0)
    if hour > _HOUR_END or minute > _MINUTES or second > _MINUTES:
        return None
    t0 = day_start + timedelta(hours=hour, minutes=minute, seconds=second)
    if tv.second:
        unit = timedelta(seconds=1)
    elif tv.minute:
        unit = timedelta(minutes=1)
    else:
        unit = timedelta(hours=1)
    return t0, t0 + unit


def _raw_interval(tv: TimexValue) -> tuple[datetime, datetime] | None:
    if tv.kind in ("decade", "century"):
        return _era_interval(tv)
    if tv.kind != "date" or tv.bc or not tv.placed:
        return None
    y = int(tv.year or 0)
    if not _FIRST_YEAR <= y <= _LAST_YEAR:
        return None
    try:
        start, end = _date_span(tv, y)
    except ValueError:
        return None
    if tv.hour is not None and tv.on_a_day:
        return _clock_span(tv, start)
    if tv.part and tv.on_a_day:
        a, b, _ = _PARTS[tv.part]
        return start + timedelta(hours=a), start + timedelta(hours=b)
    return start, end


def _narrow(start: datetime, end: datetime, mod: str | None) -> tuple[datetime, datetime]:
    """START/MID/END: the first, middle or last third of the period."""
    third = (end - start) / 3
    if mod == "START":
        return start, start + third
    if mod == "MID":
        return start + third, start + 2 * third
    if mod == "END":
        return end - third, end
    return start, end


def interval(
    value: str, mod: str | None = None, utc_offset: str | None = None
) -> tuple[datetime, datetime] | None:
    """The stretch of time a DATE/TIME value denotes: [start, end).

    None for durations, references and values that cannot be placed (``XXXX-04``).
    START/MID/END narrow a period to its first, middle or last third. With ``utc_offset``
    the datetimes are timezone-aware (local wall-clock time at that offset).
    """
    if not value or not is_valid_value(value) or value.startswith("P") or "X" in value:
        return None
    tv = parse(value)
    if tv is None:
        return None
    if tv.zone and tv.kind == "date" and "T" in value:
        utc_offset = utc_offset or ("+00:00" if tv.zone == "Z" else tv.zone)
    span = _raw_interval(tv)
    if span is None:
        return None
    start, end = _narrow(*span, mod)
    tz = parse_offset(utc_offset)
    if tz is not None:
        start, end = start.replace(tzinfo=tz), end.replace(tzinfo=tz)
    return start, end


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_UNITS = {
    "Y": "year",
    "M": "month",
    "W": "week",
    "D": "day",
    "DE": "decade",
    "CE": "century",
    "E": "century",
    "L": "millennium",
    "Q": "quarter",
    "H": "hour",
    "TM": "minute",
    "TH": "hour",
    "TS": "second",
}


def _plural(name: str) -> str:
    return name[:-1] + "ies" if name.endswith("y") else name + "s"


def _describe_duration(value: str) -> str:
    parts = []
    in_time = False
    for t, num, unit in re.findall(r"(T)|(\d+(?:\.\d+)?|X)(DE|CE|[A-Z])", value[1:]):
        if t:
            in_time = True
            continue
        key = ("T" + unit) if in_time and unit in ("H", "M", "S") else unit
        name = _UNITS.get(key, unit.lower())
        if num == "X":
            parts.append("some " + _plural(name))
        else:
            n = float(num)
            count = int(n) if n == int(n) else n
            parts.append(f"{count} {name if count == 1 else _plural(name)}")
    return " ".join(parts) if parts else "an unspecified length of time"


def _describe_bc(tv: TimexValue) -> str | None:
    """"BC0480" -> "480 BC", "BC0480-08" -> "August 480 BC"."""
    rest = (tv.day, tv.week, tv.weekday, tv.quarter, tv.half, tv.season, tv.hour, tv.part, tv.zone)
    if not (tv.year or "").isdigit() or any(rest) or (tv.month and not tv.month.isdigit()):
        return None
    year = f"{int(tv.year or 0)} BC"
    if tv.month and 1 <= int(tv.month) <= len(_MONTHS):
        return f"{_MONTHS[int(tv.month) - 1]} {year}"
    return year


def _describe_undated(tv: TimexValue) -> str | None:
    """A value of no year: "XXXX-04" "April", "XXXX-WXX-1" "Monday", "XXXX-SU" "summer"."""
    clockless = tv.hour is None and tv.part is None and tv.zone is None
    if tv.week == "XX" and tv.weekday and tv.weekday.isdigit():
        return _WEEKDAY_NAMES[int(tv.weekday) - 1]
    if tv.month == "XX" and tv.day == "XX" and tv.part in _UNDATED_PARTS and not tv.zone:
        return _PARTS[tv.part][2]
    if tv.season and clockless:
        return _SEASONS[tv.season][1]
    month, day = tv.month, tv.day
    if month and month.isdigit() and (day is None or day.isdigit()) and clockless:
        if 1 <= int(month) <= len(_MONTHS):
            name = _MONTHS[int(month) - 1]
            return f"{int(day)} {name}" if day else name
    return None


def _describe_day(tv: TimexValue) -> str:
    """The date part of a placed value; ValueError or IndexError when it does not exist."""
    y = tv.year or ""
    if tv.month:
        month = _MONTHS[int(tv.month) - 1]
        if tv.day:
            d = datetime(int(y), int(tv.month), int(tv.day))
            return f"{_WEEKDAYS[d.weekday()]} {d.day} {month} {y}"
        return f"{month} {y}"
    if tv.week:
        if tv.weekday == "WE":
            return f"weekend of week {int(tv.week)}, {y}"
        if tv.weekday:
            d = datetime.fromisocalendar(int(y), int(tv.week), int(tv.weekday))
            return f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"
        return f"week {int(tv.week)} of {y}"
    if tv.quarter:
        return f"Q{tv.quarter} {y}"
    if tv.half:
        return f"{'first' if tv.half == '1' else 'second'} half of {y}"
    if tv.season:
        return f"{_SEASONS[tv.season][1]} {y}"
    return y


def _describe_clock(tv: TimexValue, utc_offset: str | None) -> str:
    """", 09:00 local (06:00 GMT)", ", 09:00 GMT", ", 09:15", " (night)" or ""."""
    if tv.hour is None:
        return f" ({_PARTS[tv.part][2]})" if tv.part else ""
    clock = f", {tv.hour}:{tv.minute or '00'}"
    if tv.second:
        clock += f":{tv.second}"
    tz = parse_offset(utc_offset)
    if tz is None:
        return clock
    off = tz.utcoffset(None)
    if not off:
        return clock + " GMT"
    utc = datetime(2000, 1, 1, int(tv.hour), int(tv.minute or 0)) - off
    return clock + f" local ({utc:%H:%M} GMT)"


def _describe_date(value: str, utc_offset: str | None) -> str | None:
    if value in _REF_WORDS:
        return _REF_WORDS[value]
    tv = parse(value)
    if tv is None:
        return None
    if tv.kind == "decade":
        return f"{tv.decade}0s"
    if tv.kind == "century":
        return f"{_ordinal(int(tv.century or 0) + 1)} century"
    if tv.kind != "date":
        return None
    if tv.bc:
        return _describe_bc(tv)
    if tv.year == "XXXX":
        return _describe_undated(tv)
    if not tv.placed:
        return None
    try:
        label = _describe_day(tv)
    except (ValueError, IndexError):
        return None
    return label + _describe_clock(tv, utc_offset)


def describe(value: str, mod: str | None = None, utc_offset: str | None = None) -> str:
    """An English label a reader sees: "1986", "mid-2014", "April 2016", "Mon 23 May 2016",
    "Mon 23 May 2016, 09:00 local (06:00 GMT)", "c. Mon 23 May 2016, 09:15", "5 years"."""
    if value.startswith("P") and not value.endswith("_REF") and is_valid_value(value):
        label = _describe_duration(value)
    elif value.startswith("T"):
        label = value[1:]
    else:
        label = _describe_date(value, utc_offset) or value
    prefix = _MOD_PREFIX.get(mod or "", "")
    if mod == "MID" and not label[:1].isdigit() and not label[:1].isupper():
        prefix = "mid "
    return prefix + label


# -- formatting values from their parts (the anchor pass writes every value it resolves here)
_SEASON_OF_MONTH = {month: code for code, (month, _) in _SEASONS.items()}


def format_at(unit: str, year: int | str, month: int = 1, day: int = 1) -> str:
    """The TIMEX3 value of the ``unit`` holding day ``day`` of ``month`` of ``year``:
    ``format_at("quarter", 2016, 5)`` -> "2016-Q2", ``format_at("season", 1918, 12)`` ->
    "1918-WI" (a season by its first month), ``format_at("decade", 1994)`` -> "199".

    ``year`` may be a year part already written ("XXXX", "BC0480"); weeks, decades and
    centuries need a number. Units: century, decade, year, half, quarter, season, month,
    week, weekend, day.
    """
    if isinstance(year, str):
        return _format_parts(unit, year, month, day)
    if unit in ("week", "weekend"):
        y, w, _ = date(year, month, day).isocalendar()
        return f"{y}-W{w:02d}-WE" if unit == "weekend" else f"{y}-W{w:02d}"
    if unit == "decade":
        return f"{year // 10:03d}"
    if unit == "century":
        return f"{year // 100:02d}"
    return _format_parts(unit, f"{year:04d}", month, day)


def _format_parts(unit: str, ys: str, month: int, day: int) -> str:
    if unit == "day":
        return f"{ys}-{month:02d}-{day:02d}"
    if unit == "month":
        return f"{ys}-{month:02d}"
    if unit == "quarter":
        return f"{ys}-Q{(month - 1) // 3 + 1}"
    if unit == "half":
        return f"{ys}-H{(month - 1) // 6 + 1}"
    if unit == "season":
        return f"{ys}-{_SEASON_OF_MONTH[month]}"
    return ys
