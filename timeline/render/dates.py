"""Dates as a reader sees them: at their precision, with their uncertainty, localized.

Driven only by the TIMEX3 ``value``, its ``mod`` and the zone the text stated
(``utc_offset``); Babel supplies month and weekday names and the locale's date order.
English output is newsroom style ("Monday 23 May 2016", "mid-2014", "c. 09:15");
``fr`` gives French forms ("lundi 23 mai 2016", "mi-2014", "vers 09:15"), ``de``, ``pt``
and ``es`` theirs ("Mitte 2014", "meados de 2014", "mediados de 2014"). The phrases
around Babel's names come from the message catalogue (:func:`timeline.render.strings.messages`).

Nothing here reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Any

from timeline.errors import TimelineError
from timeline.render.strings import CATALOGUE_LANGUAGES, messages
from timeline.temporal.timex3 import TimexValue, describe, parse, parse_offset

__all__ = [
    "DateDisplay",
    "Labeler",
    "get_labeler",
    "html_datetime",
]

_REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
# the parts of day a label names ("morning"); midnight and noon are written as clock times
_LABELED_PARTS = frozenset({"MO", "AF", "EV", "NI", "DT"})
# forms that read without a year ("April", "23 April"): a month or day of any year
_YEARLESS_FORMS = frozenset({"month", "day"})
# forms that stand on a day of the calendar ("2016-05-23T09:00"), not on a week's weekday
_ON_A_DATE = frozenset({"day", "partofday", "time"})
_MIDNIGHT = 24  # TIMEX3 "T24:00" ("midnight Friday") is the end of that day
_ISO_DAY = 10  # len("2016-05-23"): the day part of a longer value
_LEAP_YEAR = 2000  # the year a yearless "XXXX-02-29" is formatted in (it has every day)


def _form(tv: TimexValue | None) -> str | None:
    """The form a value is labeled in: ref, decade, century, year, half, quarter, season,
    month, week, weekend, day, partofday or time (a clock time to the minute); None for
    the values written as they are (zones in the value, "XXXX-WXX-1", "2016-W02-3")."""
    if tv is None or tv.bc or tv.zone:
        return None
    if tv.kind == "ref":
        return "ref" if tv.value in _REFS else None
    if tv.kind in ("decade", "century"):
        return tv.kind if tv.value.isdigit() else None  # "199X", "19XX" stay as they are
    if tv.kind != "date" or not all(
        p is None or p.isdigit() for p in (tv.month, tv.day, tv.week)
    ):
        return None
    form = tv.granularity
    if form in ("minute", "second"):
        form = "time"
    if form == "partofday" and tv.part not in _LABELED_PARTS:
        return None
    if form in _ON_A_DATE and not tv.day or form == "hour":
        return None
    if tv.year == "XXXX" and form not in _YEARLESS_FORMS:
        return None
    return form


def _offset_text(tz: timezone) -> str:
    delta = tz.utcoffset(None)
    if delta == timedelta(0):
        return "Z"
    total = int(delta.total_seconds()) // 60
    sign = "-" if total < 0 else "+"
    total = abs(total)
    return f"{sign}{total // 60:02d}:{total % 60:02d}"


def _html_clock(tv: TimexValue, utc_offset: str | None) -> str:
    value = tv.value
    if int(tv.hour or 0) == _MIDNIGHT:  # HTML has no hour 24: the next day's 00:00
        try:
            next_day = date(int(tv.year or 0), int(tv.month or 0), int(tv.day or 0))
        except ValueError:
            return ""
        value = f"{(next_day + timedelta(days=1)).isoformat()}T00:00"
    tz = parse_offset(utc_offset)
    return value + (_offset_text(tz) if tz else "")


def html_datetime(
    value: str, utc_offset: str | None = None, fallback: datetime | None = None
) -> str:
    """A valid HTML ``<time datetime>`` string for a TIMEX3 value.

    Years, months, days and weeks map directly; clock times gain the stated zone
    ("2016-05-23T09:00+03:00"). Values HTML cannot express (seasons, quarters,
    "XXXX-04", "PRESENT_REF") fall back to the start of the event's interval.
    """
    tv = parse(value)
    form = _form(tv)
    if tv is not None and (tv.year or "X").isdigit():
        if form in ("year", "month", "day"):
            return value
        if form in ("week", "weekend"):
            return f"{tv.year}-W{tv.week}"
        if form == "partofday":
            return value[:_ISO_DAY]
        if form == "time":
            return _html_clock(tv, utc_offset)
    if fallback is not None:
        if fallback.hour or fallback.minute or fallback.second:
            return fallback.isoformat(timespec="minutes")
        return fallback.date().isoformat()
    return ""


@dataclass(frozen=True)
class DateDisplay:
    """How one date reads.

    ``full`` stands alone ("Monday 23 May 2016, 09:00 (06:00 UTC)"); ``short`` is
    what follows an entry on the same day ("09:00 (06:00 UTC)"); ``day`` is the
    ISO day for that comparison, or None when the value is coarser than a day.
    """

    full: str
    short: str
    day: str | None
    datetime: str
    approximate: bool


# (day-or-coarser text, time text or None, ISO day or None)
_Core = tuple[str, str | None, str | None]


def _ymd(tv: TimexValue) -> date:
    return date(int(tv.year or 0), int(tv.month or 0), int(tv.day or 0))


class Labeler:
    """Formats TIMEX3 values for one locale."""

    def __init__(self, locale: str = "en") -> None:
        from babel import Locale, UnknownLocaleError

        try:
            self.locale = Locale.parse(locale.replace("-", "_"))
        except (UnknownLocaleError, ValueError, TypeError) as exc:
            raise TimelineError(f"unknown locale {locale!r}: try en, fr, de, en_US") from exc
        self.tag = str(self.locale)
        self.language = self.locale.language
        # phrases Babel does not provide, from the message catalogue (English for a language
        # without one, around Babel's localized month and weekday names)
        self.phrases: dict[str, str] = messages(self.language)["dates"]
        # durations, sets and BC years in the words of timex3.describe's data/<lang>/ (each
        # catalogue language has them; another language reads English, as its phrases do)
        self._describe_lang = self.language if self.language in CATALOGUE_LANGUAGES else "en"
        # Bare "en" means international newsroom English: day-month-year.
        self._newsroom_en = self.tag == "en"
        # a story repeats its dates: Babel formats each (date, form) once
        self._formatted: dict[tuple[date, str], str] = {}

    # -- Babel wrappers ---------------------------------------------------
    def _fmt_date(self, d: date, kind: str) -> str:
        key = (d, kind)
        text = self._formatted.get(key)
        if text is None:
            text = self._formatted[key] = self._babel_date(d, kind)
        return text

    def _babel_date(self, d: date, kind: str) -> str:
        from babel import dates as bd

        if self._newsroom_en:
            pattern = {"full": "EEEE d MMMM y", "long": "d MMMM y", "month": "MMMM y",
                       "month_only": "MMMM", "day_month": "d MMMM",
                       "month_abbr": "MMM y"}[kind]
            return bd.format_date(d, pattern, locale=self.locale)
        if kind == "full":
            return bd.format_date(d, "full", locale=self.locale)
        if kind == "long":
            return bd.format_date(d, "long", locale=self.locale)
        if kind == "month_only":
            return bd.format_date(d, "LLLL", locale=self.locale)
        skeleton = {"month": "yMMMM", "day_month": "MMMMd", "month_abbr": "yMMM"}[kind]
        return bd.format_skeleton(skeleton, d, locale=self.locale)

    def _fmt_time(self, t: time) -> str:
        from babel import dates as bd

        return bd.format_skeleton("Hm", t, locale=self.locale)

    def phrase(self, key: str, *args: Any, **kwargs: Any) -> str:
        return self.phrases[key].format(*args, **kwargs)

    def _with_mod(self, text: str, mod: str | None) -> str:
        if mod and mod in self.phrases:
            return self.phrase(mod, text)
        return text

    # -- public -------------------------------------------------------------
    def date(self, value: str | None) -> DateDisplay | None:
        """A plain date (publication dates, period ends) without mod or zone."""
        if not value:
            return None
        return self.display(value, None, None)

    def reported(self, value: str | None) -> DateDisplay | None:
        """A publication date, day precision in the locale's long form ("23 May 2016")."""
        if not value:
            return None
        tv = parse(value[:_ISO_DAY])
        if tv is not None and _form(tv) == "day" and (tv.year or "").isdigit():
            text = self._fmt_date(_ymd(tv), "long")
            day = value[:_ISO_DAY]
            return DateDisplay(text, text, day, day, False)
        return self.display(value, None, None)

    def display(
        self,
        value: str,
        mod: str | None,
        utc_offset: str | None,
        *,
        fallback_start: datetime | None = None,
    ) -> DateDisplay:
        """The one label of a value, with its mod and zone. Values with no localized form
        (durations "P5Y", "XXXX-WXX-1", "BC0480") read as timex3.describe writes them in
        the locale's language ("5 ans", "lundi", "480 v. Chr."), under its mod phrase."""
        dt_attr = html_datetime(value, utc_offset, fallback_start)
        approx = mod == "APPROX"
        try:
            core = self._core(value, utc_offset)
        except ValueError:  # an impossible date such as 2016-02-31
            core = None
        if core is None:
            text = describe(value, None, utc_offset, self._describe_lang)
            if mod and value.startswith("P") and f"{mod}_duration" in self.phrases \
                    and not value.endswith("_REF"):
                mod = f"{mod}_duration"  # "environ 5 ans" where a date is "vers 2014"
            text = self._with_mod(text, mod)
            return DateDisplay(text, text, None, dt_attr, approx)
        day_text, time_text, day_iso = core
        if time_text is None:
            text = self._with_mod(day_text, mod)
            return DateDisplay(text, text, day_iso, dt_attr, approx)
        time_text = self._with_mod(time_text, mod)
        full = self.phrase("date_time", d=day_text, t=time_text)
        return DateDisplay(full, time_text, day_iso, dt_attr, approx)

    def month_short(self, year: str, month: str) -> str:
        """A month in a list of many ("Mar 2012", "mars 2012")."""
        return self._fmt_date(date(int(year), int(month), 1), "month_abbr")

    def period_end(self, value: str | None) -> DateDisplay | None:
        """One end of a story's period, at day precision at most and without the weekday
        ("1986", "April 2016", "23 May 2016"): a span reads cleaner than two full dates."""
        if not value:
            return None
        tv = parse(value)
        form = _form(tv)
        if form in ("time", "partofday"):
            value, form = value[:_ISO_DAY], "day"
        if form == "day" and tv is not None and tv.year != "XXXX":
            return self.reported(value)
        return self.display(value, None, None)

    def period(self, period: tuple[str, str] | None) -> str | None:
        """"1986 – 23 May 2016"; one date when both ends read the same."""
        if not period:
            return None
        start, end = (self.period_end(v) for v in period)
        if start is None or end is None:
            return None
        if start.full == end.full:
            return start.full
        return self.phrase("range", start.full, end.full)

    def _core(self, value: str, utc_offset: str | None) -> _Core | None:
        """(day-or-coarser text, time text or None, ISO day or None); ValueError for a
        date the calendar does not have."""
        tv = parse(value)
        form = _form(tv)
        if tv is None or form is None:
            return None
        core: _Core = getattr(self, f"_core_{form}")(tv, utc_offset)
        return core

    # -- one method per form, named after it (dispatched by _core) ------------
    def _core_ref(self, tv: TimexValue, _offset: str | None) -> _Core:
        return self.phrase(tv.value), None, None

    def _core_year(self, tv: TimexValue, _offset: str | None) -> _Core:
        return tv.value, None, None

    def _core_decade(self, tv: TimexValue, _offset: str | None) -> _Core:
        return self.phrase("decade", d=tv.decade), None, None

    def _core_century(self, tv: TimexValue, _offset: str | None) -> _Core:
        return self.phrase("century", c=tv.century), None, None

    def _core_month(self, tv: TimexValue, _offset: str | None) -> _Core:
        month = int(tv.month or 0)
        if tv.year == "XXXX":
            return self._fmt_date(date(_LEAP_YEAR, month, 1), "month_only"), None, None
        return self._fmt_date(date(int(tv.year or 0), month, 1), "month"), None, None

    def _core_day(self, tv: TimexValue, _offset: str | None) -> _Core:
        month, day = int(tv.month or 0), int(tv.day or 0)
        if tv.year == "XXXX":
            return self._fmt_date(date(_LEAP_YEAR, month, day), "day_month"), None, None
        d = _ymd(tv)
        return self._fmt_date(d, "full"), None, d.isoformat()

    def _core_week(self, tv: TimexValue, _offset: str | None) -> _Core:
        # "week of 16 March 2015" (its Monday), "weekend of 21 March 2015" (its
        # Saturday): readers do not count ISO weeks
        key, wd = ("weekend", 6) if tv.weekday == "WE" else ("week", 1)
        try:
            d = date.fromisocalendar(int(tv.year or 0), int(tv.week or 0), wd)
        except ValueError:  # "2015-W54": no such week
            return tv.value, None, None
        return self.phrase(key, d=self._fmt_date(d, "long")), None, None

    _core_weekend = _core_week

    def _core_season(self, tv: TimexValue, _offset: str | None) -> _Core:
        return self.phrase(tv.season or "", tv.year), None, None

    def _core_quarter(self, tv: TimexValue, _offset: str | None) -> _Core:
        q = self.locale.quarters["format"]["wide"][int(tv.quarter or 0)]  # "1. Quartal"
        return self.phrase("Q", n=tv.quarter, y=tv.year, q=q), None, None

    def _core_half(self, tv: TimexValue, _offset: str | None) -> _Core:
        return self.phrase(f"H{tv.half}", y=tv.year), None, None

    def _core_partofday(self, tv: TimexValue, _offset: str | None) -> _Core:
        d = _ymd(tv)
        return self._fmt_date(d, "full"), self.phrase(tv.part or ""), d.isoformat()

    def _core_time(self, tv: TimexValue, utc_offset: str | None) -> _Core:
        hh, mm = int(tv.hour or 0), int(tv.minute or 0)
        if hh == _MIDNIGHT and mm == 0:  # "midnight Friday": the end of that day
            day = _ymd(tv)
            local = datetime(day.year, day.month, day.day) + timedelta(days=1)
            t_text = self.phrase("midnight")
        else:
            local = datetime(int(tv.year or 0), int(tv.month or 0), int(tv.day or 0), hh, mm)
            t_text = self._fmt_time(local.time())
            day = local.date()
        tz = parse_offset(utc_offset)
        if tz is not None:
            t_text = self._with_utc(t_text, local, tz)
        return self._fmt_date(day, "full"), t_text, day.isoformat()

    def _with_utc(self, t_text: str, local: datetime, tz: timezone) -> str:
        """"09:00 (06:00 UTC)", "01:30 (22:30 UTC, 22 May)"; "09:00 UTC" at offset zero."""
        offset = tz.utcoffset(None)
        if offset == timedelta(0):
            return self.phrase("utc", t_text)
        utc = local - offset
        u_text = self._fmt_time(utc.time())
        if utc.date() != local.date():
            u_text = self.phrase("utc_other_day", t=u_text,
                                 d=self._fmt_date(utc.date(), "day_month"))
        else:
            u_text = self.phrase("utc", u_text)
        return f"{t_text} ({u_text})"


@lru_cache(maxsize=16)
def get_labeler(locale: str = "en") -> Labeler:
    return Labeler(locale)
