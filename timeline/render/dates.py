"""Dates as a reader sees them: at their precision, with their uncertainty, localized.

Driven only by the TIMEX3 ``value``, its ``mod`` and the zone the text stated
(``utc_offset``); Babel supplies month and weekday names and the locale's date order.
English output is newsroom style ("Monday 23 May 2016", "mid-2014", "c. 09:15");
``fr`` gives French forms ("lundi 23 mai 2016", "mi-2014", "vers 09:15").

Nothing here reads the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Any

from timeline.errors import TimelineError

__all__ = [
    "DateDisplay",
    "Labeler",
    "get_labeler",
    "html_datetime",
    "parse_offset",
]

# Phrases Babel does not provide. Languages without an entry use English phrasing
# around Babel's localized month and weekday names.
_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "APPROX": "c. {}",
        "MID": "mid-{}",
        "START": "early {}",
        "END": "late {}",
        "BEFORE": "before {}",
        "AFTER": "after {}",
        "ON_OR_BEFORE": "on or before {}",
        "ON_OR_AFTER": "on or after {}",
        "LESS_THAN": "less than {}",
        "MORE_THAN": "more than {}",
        "EQUAL_OR_LESS": "at most {}",
        "EQUAL_OR_MORE": "at least {}",
        "SP": "spring {}",
        "SU": "summer {}",
        "FA": "autumn {}",
        "WI": "winter {}",
        "Q": "Q{n} {y}",
        "H1": "first half of {y}",
        "H2": "second half of {y}",
        "decade": "{d}0s",
        "century": "{c}00s",
        "week": "week of {d}",
        "weekend": "weekend of {d}",
        "MO": "morning",
        "AF": "afternoon",
        "EV": "evening",
        "NI": "night",
        "DT": "daytime",
        "PRESENT_REF": "now",
        "PAST_REF": "in the past",
        "FUTURE_REF": "in the future",
        "utc": "{} UTC",
        "utc_other_day": "{t} UTC, {d}",
        "midnight": "midnight",
        "date_time": "{d}, {t}",
        "range": "{} – {}",
    },
    "fr": {
        "APPROX": "vers {}",
        "MID": "mi-{}",
        "START": "début {}",
        "END": "fin {}",
        "BEFORE": "avant {}",
        "AFTER": "après {}",
        "ON_OR_BEFORE": "au plus tard {}",
        "ON_OR_AFTER": "à partir de {}",
        "LESS_THAN": "moins de {}",
        "MORE_THAN": "plus de {}",
        "EQUAL_OR_LESS": "au plus {}",
        "EQUAL_OR_MORE": "au moins {}",
        "SP": "printemps {}",
        "SU": "été {}",
        "FA": "automne {}",
        "WI": "hiver {}",
        "Q": "T{n} {y}",
        "H1": "premier semestre {y}",
        "H2": "second semestre {y}",
        "decade": "années {d}0",
        "century": "années {c}00",
        "week": "semaine du {d}",
        "weekend": "week-end du {d}",
        "MO": "matin",
        "AF": "après-midi",
        "EV": "soir",
        "NI": "nuit",
        "DT": "journée",
        "PRESENT_REF": "maintenant",
        "PAST_REF": "dans le passé",
        "FUTURE_REF": "à l'avenir",
        "utc": "{} UTC",
        "utc_other_day": "{t} UTC, {d}",
        "midnight": "minuit",
        "date_time": "{d}, {t}",
        "range": "{} – {}",
    },
}

_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_MONTH = re.compile(r"^(\d{4}|XXXX)-(\d{2})$")
_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$")
_DAYPART = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(MO|AF|EV|NI|DT)$")
_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


def parse_offset(utc_offset: str | None) -> timezone | None:
    """"+03:00", "+0300", "-05:30", "Z" -> a fixed timezone; anything else -> None."""
    if not utc_offset:
        return None
    if utc_offset in ("Z", "z", "UTC", "GMT"):
        return UTC
    m = _OFFSET.match(utc_offset.strip())
    if not m:
        return None
    sign = -1 if m.group(1) == "-" else 1
    hours, minutes = int(m.group(2)), int(m.group(3))
    if hours > 23 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _offset_text(tz: timezone) -> str:
    delta = tz.utcoffset(None)
    if delta == timedelta(0):
        return "Z"
    total = int(delta.total_seconds()) // 60
    sign = "-" if total < 0 else "+"
    total = abs(total)
    return f"{sign}{total // 60:02d}:{total % 60:02d}"


def html_datetime(
    value: str, utc_offset: str | None = None, fallback: datetime | None = None
) -> str:
    """A valid HTML ``<time datetime>`` string for a TIMEX3 value.

    Years, months, days and weeks map directly; clock times gain the stated zone
    ("2016-05-23T09:00+03:00"). Values HTML cannot express (seasons, quarters,
    "XXXX-04", "PRESENT_REF") fall back to the start of the event's interval.
    """
    plain = _YEAR.match(value) or _MONTH.match(value) or _DAY.match(value)
    if plain and not value.startswith("X"):
        return value
    m = _WEEK.match(value)
    if m:
        return f"{m.group(1)}-W{m.group(2)}"
    m = _DAYPART.match(value)
    if m:
        return value[:10]
    m = _TIME.match(value)
    if m:
        tz = parse_offset(utc_offset)
        if m.group(4) == "24":  # TIMEX3 "T24:00" ends the day; HTML has no hour 24
            try:
                next_day = date(*(int(m.group(i)) for i in (1, 2, 3))) + timedelta(days=1)
            except ValueError:
                return ""
            value = f"{next_day.isoformat()}T00:00"
        return value + (_offset_text(tz) if tz else "")
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
        self.phrases = _PHRASES.get(self.language, _PHRASES["en"])
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
        m = _DAY.match(value[:10])
        if m and not value.startswith("X"):
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            text = self._fmt_date(d, "long")
            return DateDisplay(text, text, value[:10], value[:10], False)
        return self.display(value, None, None)

    def display(
        self,
        value: str,
        mod: str | None,
        utc_offset: str | None,
        *,
        fallback_label: str | None = None,
        fallback_start: datetime | None = None,
    ) -> DateDisplay:
        dt_attr = html_datetime(value, utc_offset, fallback_start)
        approx = mod == "APPROX"
        try:
            core = self._core(value, utc_offset)
        except ValueError:  # an impossible date such as 2016-02-31
            core = None
        if core is None:
            text = fallback_label or value
            return DateDisplay(text, text, None, dt_attr, approx)
        day_text, time_text, day_iso = core
        if time_text is None:
            text = self._with_mod(day_text, mod)
            return DateDisplay(text, text, day_iso if _DAY.match(value) else None, dt_attr, approx)
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
        value = _day_or_coarser(value)
        if _DAY.match(value) and not value.startswith("X"):
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

    def _core(
        self, value: str, utc_offset: str | None
    ) -> tuple[str, str | None, str | None] | None:
        """(day-or-coarser text, time text or None, ISO day or None)."""
        p = self.phrase
        if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
            return p(value), None, None
        if m := _YEAR.match(value):
            return m.group(1), None, None
        if m := _DECADE.match(value):
            return p("decade", d=m.group(1)), None, None
        if m := _CENTURY.match(value):
            return p("century", c=m.group(1)), None, None
        if m := _MONTH.match(value):
            month = int(m.group(2))
            if m.group(1) == "XXXX":
                return self._fmt_date(date(2000, month, 1), "month_only"), None, None
            return self._fmt_date(date(int(m.group(1)), month, 1), "month"), None, None
        if m := _DAY.match(value):
            month, day = int(m.group(2)), int(m.group(3))
            if m.group(1) == "XXXX":
                return self._fmt_date(date(2000, month, day), "day_month"), None, None
            d = date(int(m.group(1)), month, day)
            return self._fmt_date(d, "full"), None, d.isoformat()
        if m := _WEEK.match(value):
            # "week of 16 March 2015" (its Monday), "weekend of 21 March 2015" (its
            # Saturday): readers do not count ISO weeks
            key, wd = ("weekend", 6) if m.group(3) else ("week", 1)
            try:
                d = date.fromisocalendar(int(m.group(1)), int(m.group(2)), wd)
            except ValueError:  # "2015-W54": no such week
                return value, None, None
            return p(key, d=self._fmt_date(d, "long")), None, None
        if m := _SEASON.match(value):
            return p(m.group(2), m.group(1)), None, None
        if m := _QUARTER.match(value):
            return p("Q", n=m.group(2), y=m.group(1)), None, None
        if m := _HALF.match(value):
            return p("H" + m.group(2), y=m.group(1)), None, None
        if m := _DAYPART.match(value):
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return self._fmt_date(d, "full"), p(m.group(4)), d.isoformat()
        if m := _TIME.match(value):
            y, mo, d_, hh, mm = (int(m.group(i)) for i in range(1, 6))
            if hh == 24 and mm == 0:  # "midnight Friday": the end of that day
                local = datetime(y, mo, d_) + timedelta(days=1)
                t_text = p("midnight")
                day = local.date() - timedelta(days=1)
            else:
                local = datetime(y, mo, d_, hh, mm)
                t_text = self._fmt_time(local.time())
                day = local.date()
            tz = parse_offset(utc_offset)
            if tz is not None and tz.utcoffset(None) != timedelta(0):
                utc = local - tz.utcoffset(None)
                u_text = self._fmt_time(utc.time())
                if utc.date() != local.date():
                    u_text = p("utc_other_day", t=u_text, d=self._fmt_date(utc.date(), "day_month"))
                else:
                    u_text = p("utc", u_text)
                t_text = f"{t_text} ({u_text})"
            elif tz is not None:
                t_text = p("utc", t_text)
            return self._fmt_date(day, "full"), t_text, day.isoformat()
        return None


def _day_or_coarser(value: str) -> str:
    """A period end reads at day precision at most ("2016-05-23T09:15" -> "2016-05-23")."""
    return value[:10] if _TIME.match(value) or _DAYPART.match(value) else value


@lru_cache(maxsize=16)
def get_labeler(locale: str = "en") -> Labeler:
    return Labeler(locale)
