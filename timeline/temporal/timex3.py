"""TIMEX3 values: the grammar, granularity, intervals and human labels.

A value is kept as the TimeML string ("2016-05-23", "2014", "199", "1998-Q3", "XXXX-04",
"P5Y", "PRESENT_REF"); everything else (sorting intervals, labels) is derived here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

__all__ = ["describe", "granularity", "interval", "is_valid_value", "parse_offset"]

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

_PARSE = re.compile(
    r"(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d\d)(?:-(?P<day>\d\d))?"
    r"|W(?P<week>\d\d)(?:-(?P<wd>[1-7]|WE))?"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?"
    r"(?:T(?:(?P<hour>\d\d)(?::(?P<minute>\d\d)(?::(?P<second>\d\d))?)?"
    r"|(?P<part>MO|AF|EV|NI|DT|MI|NO)))?"
    r"(?P<zone>Z|[+-]\d\d(?::?\d\d)?)?\Z"
)
_DECADE = re.compile(r"(?P<dec>\d{3})X?\Z")
_CENTURY = re.compile(r"(?P<cent>\d{2})(?:XX)?\Z")


def is_valid_value(value: str) -> bool:
    """True when ``value`` follows the TIMEX3 value grammar (dates, times, durations, refs)."""
    return bool(value) and len(value) < 64 and _VALUE_RE.match(value) is not None


def granularity(value: str) -> str:
    """The unit a value is stated to: century, decade, year, half, quarter, season, month,
    week, weekend, day, partofday, hour, minute, second, duration, ref or unknown."""
    if value.endswith("_REF"):
        return "ref"
    if value.startswith("P"):
        return "duration"
    if _CENTURY.match(value):
        return "century"
    if _DECADE.match(value):
        return "decade"
    m = _PARSE.match(value.replace("XXXX", "0000", 1) if value.startswith("XXXX") else value)
    if not m:
        return "unknown"
    if m["second"]:
        return "second"
    if m["minute"]:
        return "minute"
    if m["hour"]:
        return "hour"
    if m["part"]:
        return "partofday"
    if m["day"]:
        return "day"
    if m["wd"]:
        return "weekend" if m["wd"] == "WE" else "day"
    if m["week"]:
        return "week"
    if m["month"]:
        return "month"
    if m["season"]:
        return "season"
    if m["quarter"]:
        return "quarter"
    if m["half"]:
        return "half"
    return "year"


def parse_offset(utc_offset: str | None) -> timezone | None:
    if not utc_offset:
        return None
    m = re.fullmatch(r"([+-])(\d\d):?(\d\d)?", utc_offset)
    if not m:
        return None
    delta = timedelta(hours=int(m[2]), minutes=int(m[3] or 0))
    return timezone(-delta if m[1] == "-" else delta)


def _dt(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def _span(d: date, unit: str) -> tuple[datetime, datetime]:
    from timeline.temporal import periods

    start, end = periods.span(d, unit)
    return _dt(start), _dt(end)


def _raw_interval(value: str) -> tuple[datetime, datetime] | None:
    m = _DECADE.match(value)
    if m:
        start = int(m["dec"]) * 10
        if start < 1:
            return None
        return datetime(start, 1, 1), datetime(min(start + 10, 9999), 1, 1)
    m = _CENTURY.match(value)
    if m:
        start = int(m["cent"]) * 100
        if start < 1:
            return None
        return datetime(start, 1, 1), datetime(min(start + 100, 9999), 1, 1)
    m = _PARSE.match(value)
    if not m:
        return None
    y = int(m["year"])
    if not 1 <= y <= 9998:
        return None
    try:
        if m["month"]:
            mo = int(m["month"])
            if m["day"]:
                start, end = _span(date(y, mo, int(m["day"])), "day")
            else:
                start, end = _span(date(y, mo, 1), "month")
        elif m["week"]:
            monday = date.fromisocalendar(y, int(m["week"]), 1)
            if m["wd"] == "WE":
                start, end = _span(monday, "weekend")
            elif m["wd"]:
                start, end = _span(date.fromisocalendar(y, int(m["week"]), int(m["wd"])), "day")
            else:
                start, end = _span(monday, "week")
        elif m["quarter"]:
            start, end = _span(date(y, 3 * int(m["quarter"]) - 2, 1), "quarter")
        elif m["half"]:
            start, end = _span(date(y, 6 * int(m["half"]) - 5, 1), "half")
        elif m["season"]:
            start, end = _span(date(y, _SEASONS[m["season"]][0], 1), "season")
        else:
            start, end = _span(date(y, 1, 1), "year")
    except ValueError:
        return None
    if m["hour"] is not None and (m["month"] and m["day"] or m["wd"] not in (None, "WE")):
        hour = int(m["hour"])
        if hour > 24:
            return None
        minute = int(m["minute"] or 0)
        second = int(m["second"] or 0)
        if minute > 59 or second > 59:
            return None
        t0 = start + timedelta(hours=hour, minutes=minute, seconds=second)
        unit = (
            timedelta(seconds=1)
            if m["second"]
            else timedelta(minutes=1)
            if m["minute"]
            else timedelta(hours=1)
        )
        return t0, t0 + unit
    if m["part"] and (m["day"] or m["wd"] not in (None, "WE")):
        a, b, _ = _PARTS[m["part"]]
        return start + timedelta(hours=a), start + timedelta(hours=b)
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
    if value.endswith("_REF"):
        return None
    zone_m = re.search(r"(Z|[+-]\d\d(?::?\d\d)?)\Z", value)
    if zone_m and "T" in value:
        utc_offset = utc_offset or ("+00:00" if zone_m[1] == "Z" else zone_m[1])
        value = value[: zone_m.start()]
    span = _raw_interval(value)
    if span is None:
        return None
    start, end = span
    if mod in ("START", "MID", "END"):
        third = (end - start) / 3
        if mod == "START":
            end = start + third
        elif mod == "MID":
            start, end = start + third, start + 2 * third
        else:
            start = end - third
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
            parts.append("some " + (name[:-1] + "ies" if name.endswith("y") else name + "s"))
        else:
            n = float(num)
            count = int(n) if n == int(n) else n
            plural = name[:-1] + "ies" if name.endswith("y") else name + "s"
            parts.append(f"{count} {name if count == 1 else plural}")
    return " ".join(parts) if parts else "an unspecified length of time"


def _describe_date(value: str, utc_offset: str | None) -> str | None:
    if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}[value]
    m = _DECADE.match(value)
    if m:
        return f"{m['dec']}0s"
    m = _CENTURY.match(value)
    if m:
        return f"{_ordinal(int(m['cent']) + 1)} century"
    mb = re.fullmatch(r"BC(\d{4})(?:-(\d\d))?", value)
    if mb:
        year = f"{int(mb[1])} BC"
        if mb[2] and 1 <= int(mb[2]) <= 12:
            return f"{_MONTHS[int(mb[2]) - 1]} {year}"
        return year
    if value.startswith("XXXX"):
        rest = value[4:]
        part = re.fullmatch(r"-XX-XXT(MO|AF|EV|NI|DT)", rest)
        if part:
            return _PARTS[part[1]][2]
        if rest[1:] in _SEASONS:
            return _SEASONS[rest[1:]][1]
        mm = re.match(r"-(\d\d)(?:-(\d\d))?\Z", rest)
        if mm and 1 <= int(mm[1]) <= 12:
            month = _MONTHS[int(mm[1]) - 1]
            return f"{int(mm[2])} {month}" if mm[2] else month
        mw = re.match(r"-WXX-([1-7])", rest)
        if mw:
            return _WEEKDAY_NAMES[int(mw[1]) - 1]
        return None
    m = _PARSE.match(value)
    if not m:
        return None
    y = m["year"]
    try:
        if m["month"]:
            month = _MONTHS[int(m["month"]) - 1]
            if m["day"]:
                d = datetime(int(y), int(m["month"]), int(m["day"]))
                label = f"{_WEEKDAYS[d.weekday()]} {d.day} {month} {y}"
            else:
                label = f"{month} {y}"
        elif m["week"]:
            if m["wd"] == "WE":
                label = f"weekend of week {int(m['week'])}, {y}"
            elif m["wd"]:
                d = datetime.fromisocalendar(int(y), int(m["week"]), int(m["wd"]))
                label = f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"
            else:
                label = f"week {int(m['week'])} of {y}"
        elif m["quarter"]:
            label = f"Q{m['quarter']} {y}"
        elif m["half"]:
            label = f"{'first' if m['half'] == '1' else 'second'} half of {y}"
        elif m["season"]:
            label = f"{_SEASONS[m['season']][1]} {y}"
        else:
            label = y
    except (ValueError, IndexError):
        return None
    if m["hour"] is not None:
        clock = f"{m['hour']}:{m['minute'] or '00'}"
        if m["second"]:
            clock += f":{m['second']}"
        label += f", {clock}"
        tz = parse_offset(utc_offset)
        if tz is not None:
            off = tz.utcoffset(None)
            if off:
                h, mi = int(m["hour"]), int(m["minute"] or 0)
                utc = datetime(2000, 1, 1, h, mi) - off
                label += f" local ({utc:%H:%M} GMT)"
            else:
                label += " GMT"
    elif m["part"]:
        label += f" ({_PARTS[m['part']][2]})"
    return label


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
