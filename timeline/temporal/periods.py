"""Calendar arithmetic on pendulum: the periods TIMEX3 values name and moves between them.

The anchor pass ("three months ago", "next quarter", "last Friday", "Thanksgiving") and
:func:`timeline.temporal.timex3.interval` both reckon with calendar units: months of
unequal length, quarters, halves, meteorological seasons, ISO weeks. Every unit goes
through :func:`start_of` / :func:`shift` / :func:`span`, dispatched on a validated name,
so clamping and year limits live in one place. pendulum does the month arithmetic
(``add(months=...)`` clamps 31 March - 1 month to 29 February) and weekday search.

Years stay within 1..9998 (what a TIMEX3 value can carry); beyond, ``shift`` clamps.
"""

from __future__ import annotations

from datetime import date

import pendulum

__all__ = ["UNITS", "nth_weekday", "shift", "span", "start_of", "weekday_near"]

#: the calendar units a period can be stated in, finest last
UNITS = (
    "century",
    "decade",
    "year",
    "half",
    "quarter",
    "season",
    "month",
    "week",
    "weekend",
    "day",
)
_MONTHS_IN = {"half": 6, "quarter": 3, "season": 3, "month": 1}
_YEARS_IN = {"century": 100, "decade": 10, "year": 1}
_MIN_YEAR, _MAX_YEAR = 1, 9998
_WEEKDAYS = tuple(pendulum.WeekDay)  # ISO weekday n is _WEEKDAYS[n - 1]


def _p(d: date) -> pendulum.Date:
    if isinstance(d, pendulum.Date):
        return d
    return pendulum.Date(d.year, d.month, d.day)


def _unit(unit: str) -> str:
    if unit not in UNITS:
        raise ValueError(f"not a calendar unit: {unit!r}")
    return unit


def _clamp_year(year: int) -> int:
    return max(_MIN_YEAR, min(_MAX_YEAR, year))


def start_of(d: date, unit: str) -> pendulum.Date:
    """The first day of the ``unit`` containing ``d``.

    Decades and centuries start at years divisible by 10 and 100 (the TIMEX3 "199" and
    "19"); seasons are meteorological (winter from 1 December); weeks are ISO weeks
    (from Monday), weekends start on Saturday.
    """
    p = _p(d)
    unit = _unit(unit)
    if unit in _YEARS_IN:
        size = _YEARS_IN[unit]
        return pendulum.Date(_clamp_year(p.year - p.year % size), 1, 1)
    if unit == "season":
        # December opens the winter named after its year; January and February close it
        month = 12 if p.month == 12 else 3 * (p.month // 3)
        year = p.year - 1 if month == 0 else p.year
        return pendulum.Date(year, month or 12, 1) if year >= _MIN_YEAR else pendulum.Date(1, 1, 1)
    if unit in _MONTHS_IN:
        size = _MONTHS_IN[unit]
        return pendulum.Date(p.year, p.month - (p.month - 1) % size, 1)
    if unit == "week":
        return p.subtract(days=p.isoweekday() - 1)
    if unit == "weekend":
        return (
            p.add(days=6 - p.isoweekday())
            if p.isoweekday() < 6
            else p.subtract(days=p.isoweekday() - 6)
        )
    return p


def shift(d: date, unit: str, n: int) -> pendulum.Date:
    """``n`` units away from ``d``: days and weeks keep the weekday, longer units land on
    the first day of their period ("3 months before 31 May" is 1 February)."""
    p = _p(d)
    unit = _unit(unit)
    if unit == "day":
        return p.add(days=n)
    if unit in ("week", "weekend"):
        return p.add(weeks=n)
    if unit in _YEARS_IN:
        return pendulum.Date(_clamp_year(p.year + n * _YEARS_IN[unit]), 1, 1)
    first = start_of(p, unit)
    moved = first.add(months=n * _MONTHS_IN[unit])
    if not _MIN_YEAR <= moved.year <= _MAX_YEAR:
        raise ValueError(f"{unit} {n:+d} from {d} leaves the calendar")
    return moved


def span(d: date, unit: str) -> tuple[pendulum.Date, pendulum.Date]:
    """[start, end) of the ``unit`` containing ``d``, as dates."""
    unit = _unit(unit)
    start = start_of(d, unit)
    if unit == "day":
        return start, start.add(days=1)
    if unit == "week":
        return start, start.add(weeks=1)
    if unit == "weekend":
        return start, start.add(days=2)
    if unit in _YEARS_IN:
        return start, start.add(years=_YEARS_IN[unit])
    return start, start.add(months=_MONTHS_IN[unit])


def weekday_near(d: date, weekday: int, direction: str) -> pendulum.Date:
    """The ISO ``weekday`` (1 = Monday) nearest ``d`` in a direction.

    ``last``: strictly before; ``next``: strictly after; ``this``: in the same ISO week;
    ``past``: on or before; ``future``: on or after.
    """
    p = _p(d)
    if not 1 <= weekday <= 7:
        raise ValueError(f"not an ISO weekday: {weekday}")
    target = _WEEKDAYS[weekday - 1]
    if direction == "last":
        return p.previous(target)
    if direction == "next":
        return p.next(target)
    if direction == "this":
        return p.add(days=weekday - p.isoweekday())
    if p.isoweekday() == weekday:
        return p
    if direction == "future":
        return p.next(target)
    if direction == "past":
        return p.previous(target)
    raise ValueError(f"not a direction: {direction!r}")


def nth_weekday(year: int, month: int, weekday: int, n: int, first_day: int = 1) -> pendulum.Date:
    """The ``n``-th ISO ``weekday`` of a month counted from ``first_day``: Thanksgiving is
    ``nth_weekday(y, 11, 4, 4)``, US Election Day ``nth_weekday(y, 11, 2, 1, 2)``."""
    if n < 1:
        raise ValueError(f"not an ordinal: {n}")
    start = pendulum.Date(year, month, first_day)
    return weekday_near(start, weekday, "future").add(weeks=n - 1)


def easter(year: int) -> pendulum.Date:
    """Western (Gregorian) Easter Sunday of ``year``, by the anonymous Gregorian computus."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_c, leap_r = divmod(century, 4)
    moon = (19 * golden + century - leap_c - (century - (century + 8) // 25 + 1) // 3 + 15) % 30
    week = (32 + 2 * leap_r + 2 * (rest // 4) - moon - rest % 4) % 7
    shift_ = (golden + 11 * moon + 22 * week) // 451
    month, day = divmod(moon + week - 7 * shift_ + 114, 31)
    return pendulum.Date(year, month, day + 1)
