"""TIMEX3 values: the grammar, the one parser, granularity, intervals and human labels.

A value is kept as the TimeML string ("2016-05-23", "2014", "199", "1998-Q3", "XXXX-04",
"P5Y", "PRESENT_REF"); :func:`parse` splits it into its parts (:class:`TimexValue`) and
everything else here and in the renderer (sorting intervals, labels, HTML datetimes)
reads those parts, never the string.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

__all__ = [
    "TimexValue",
    "Words",
    "describe",
    "granularity",
    "interval",
    "is_valid_value",
    "parse",
    "parse_offset",
    "words",
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

#: the month each season opens, by code
_SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: the hours a part of the day covers, by code
_PARTS = {
    "MO": (6, 12),
    "AF": (12, 18),
    "EV": (18, 22),
    "NI": (21, 24),
    "DT": (9, 17),
    "MI": (0, 1),
    "NO": (12, 13),
}
# the parts of day a day-less "XXXX-XX-XXT.." value is described by (midnight and noon
# name an instant, not a stretch one could mean without its day)
_UNDATED_PARTS = frozenset({"MO", "AF", "EV", "NI", "DT"})
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
        return all(p is None or p.isdigit() for p in (self.year, self.month, self.day, self.week))

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
            value,
            "time",
            hour=m["hour"],
            minute=m["minute"],
            second=m["second"],
            part=m["part"],
            zone=m["zone"],
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
    """ "+03:00", "+0300", "+03", "-05:30", "Z", "UTC", "GMT" -> a fixed timezone; anything
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
        return _span(date(y, _SEASONS[tv.season], 1), "season")
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
        a, b = _PARTS[tv.part]
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


@dataclass(frozen=True)
class Words:
    """A language's words for describing values (``data/<lang>/describe.toml``)."""

    months: list[str]
    weekdays: list[str]
    weekday_abbreviations: list[str]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    references: dict[str, str]
    mods: dict[str, str]
    mid_before_word: str
    units: dict[str, list[str]]
    some_units: str
    no_length: str
    ordinal: dict[str, str]
    bc_year: str
    month_year: str
    day_month: str
    weekday_date: str
    week_weekend: str
    week: str
    quarter: str
    half: dict[str, str]
    season_year: str
    decade: str
    century: str
    clock_local: str
    clock_gmt: str

    def ordinal_of(self, n: int) -> str:
        if 10 <= n % 100 <= 20:
            return self.ordinal["teens"].format(n=n)
        return self.ordinal.get(str(n % 10), self.ordinal["other"]).format(n=n)

    def month(self, number: int | str) -> str:
        return self.months[int(number) - 1]

    def date(self, d: date | datetime) -> str:
        return self.weekday_date.format(
            weekday=self.weekday_abbreviations[d.weekday()],
            day=d.day,
            month=self.months[d.month - 1],
            year=d.year,
        )


@lru_cache(maxsize=8)
def words(lang: str = "en") -> Words:
    """The words ``describe`` writes in ``lang`` (a folder of ``data/`` with a describe.toml)."""
    path = Path(__file__).parent / "data" / lang / "describe.toml"
    if not re.fullmatch(r"[a-z]{2,3}", lang) or not path.is_file():
        raise ValueError(f"no words to describe dates in language {lang!r}")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names = {f.name for f in fields(Words)}
    if set(data) != names:
        raise ValueError(f"{lang}/describe.toml: expected {sorted(names ^ set(data))}")
    return Words(**data)


def _describe_duration(value: str, w: Words) -> str:
    parts = []
    in_time = False
    for t, num, unit in re.findall(r"(T)|(\d+(?:\.\d+)?|X)(DE|CE|[A-Z])", value[1:]):
        if t:
            in_time = True
            continue
        key = ("T" + unit) if in_time and unit in ("H", "M", "S") else unit
        single, many = w.units.get(key, [unit.lower(), unit.lower()])
        if num == "X":
            parts.append(w.some_units.format(units=many))
        else:
            n = float(num)
            count = int(n) if n == int(n) else n
            parts.append(f"{count} {single if count == 1 else many}")
    return " ".join(parts) if parts else w.no_length


def _describe_bc(tv: TimexValue, w: Words) -> str | None:
    """ "BC0480" -> "480 BC", "BC0480-08" -> "August 480 BC"."""
    rest = (tv.day, tv.week, tv.weekday, tv.quarter, tv.half, tv.season, tv.hour, tv.part, tv.zone)
    if not (tv.year or "").isdigit() or any(rest) or (tv.month and not tv.month.isdigit()):
        return None
    year = w.bc_year.format(year=int(tv.year or 0))
    if tv.month and 1 <= int(tv.month) <= len(w.months):
        return w.month_year.format(month=w.month(tv.month), year=year)
    return year


def _describe_undated(tv: TimexValue, w: Words) -> str | None:
    """A value of no year: "XXXX-04" "April", "XXXX-WXX-1" "Monday", "XXXX-SU" "summer"."""
    clockless = tv.hour is None and tv.part is None and tv.zone is None
    if tv.week == "XX" and tv.weekday and tv.weekday.isdigit():
        return w.weekdays[int(tv.weekday) - 1]
    if tv.month == "XX" and tv.day == "XX" and tv.part in _UNDATED_PARTS and not tv.zone:
        return w.parts_of_day[tv.part or ""]
    if tv.season and clockless:
        return w.seasons[tv.season]
    month, day = tv.month, tv.day
    if month and month.isdigit() and (day is None or day.isdigit()) and clockless:
        if 1 <= int(month) <= len(w.months):
            name = w.month(month)
            return w.day_month.format(day=int(day), month=name) if day else name
    return None


def _describe_day(tv: TimexValue, w: Words) -> str:
    """The date part of a placed value; ValueError or IndexError when it does not exist."""
    y = tv.year or ""
    if tv.month:
        month = w.month(tv.month)
        if tv.day:
            return w.date(datetime(int(y), int(tv.month), int(tv.day)))
        return w.month_year.format(month=month, year=y)
    if tv.week:
        if tv.weekday == "WE":
            return w.week_weekend.format(week=int(tv.week), year=y)
        if tv.weekday:
            return w.date(datetime.fromisocalendar(int(y), int(tv.week), int(tv.weekday)))
        return w.week.format(week=int(tv.week), year=y)
    if tv.quarter:
        return w.quarter.format(quarter=tv.quarter, year=y)
    if tv.half:
        return w.half[tv.half].format(year=y)
    if tv.season:
        return w.season_year.format(season=w.seasons[tv.season], year=y)
    return y


def _describe_clock(tv: TimexValue, utc_offset: str | None, w: Words) -> str:
    """ ", 09:00 local (06:00 GMT)", ", 09:00 GMT", ", 09:15", " (night)" or ""."""
    if tv.hour is None:
        return f" ({w.parts_of_day[tv.part]})" if tv.part else ""
    clock = f", {tv.hour}:{tv.minute or '00'}"
    if tv.second:
        clock += f":{tv.second}"
    tz = parse_offset(utc_offset)
    if tz is None:
        return clock
    off = tz.utcoffset(None)
    if not off:
        return clock + w.clock_gmt
    # "T24:00" ends the day: counted as hours, not as a clock reading
    utc = datetime(2000, 1, 1) + timedelta(hours=int(tv.hour), minutes=int(tv.minute or 0)) - off
    return clock + w.clock_local.format(utc=f"{utc:%H:%M}")


def _describe_date(value: str, utc_offset: str | None, w: Words) -> str | None:
    if value in w.references:
        return w.references[value]
    tv = parse(value)
    if tv is None:
        return None
    if tv.kind == "decade":
        return w.decade.format(decade=tv.decade)
    if tv.kind == "century":
        return w.century.format(ordinal=w.ordinal_of(int(tv.century or 0) + 1))
    if tv.kind != "date":
        return None
    if tv.bc:
        return _describe_bc(tv, w)
    if tv.year == "XXXX":
        return _describe_undated(tv, w)
    if not tv.placed:
        return None
    try:
        label = _describe_day(tv, w)
    except (ValueError, IndexError):
        return None
    return label + _describe_clock(tv, utc_offset, w)


def describe(
    value: str, mod: str | None = None, utc_offset: str | None = None, lang: str = "en"
) -> str:
    """A label a reader sees, in ``lang``: "1986", "mid-2014", "April 2016", "Mon 23 May
    2016", "Mon 23 May 2016, 09:00 local (06:00 GMT)", "c. Mon 23 May 2016, 09:15", "5 years"."""
    w = words(lang)
    if value.startswith("P") and not value.endswith("_REF") and is_valid_value(value):
        label = _describe_duration(value, w)
    elif value.startswith("T"):
        label = value[1:]
    else:
        label = _describe_date(value, utc_offset, w) or value
    prefix = w.mods.get(mod or "", "")
    if mod == "MID" and not label[:1].isdigit() and not label[:1].isupper():
        prefix = w.mid_before_word
    return prefix + label


# -- formatting values from their parts (the anchor pass writes every value it resolves here)
_SEASON_OF_MONTH = {month: code for code, month in _SEASONS.items()}


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
        return f"{y:04d}-W{w:02d}-WE" if unit == "weekend" else f"{y:04d}-W{w:02d}"
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
