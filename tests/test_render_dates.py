"""Date display at its precision, with its uncertainty, localized (issue 6)."""

from __future__ import annotations

from datetime import datetime

import pytest

from timeline.errors import TimelineError
from timeline.render.dates import get_labeler, html_datetime
from timeline.temporal.timex3 import parse_offset

CASES_EN = [
    ("1986", None, None, "1986"),
    ("2014", "MID", None, "mid-2014"),
    ("2016-04", None, None, "April 2016"),
    ("2016-05-23", None, None, "Monday 23 May 2016"),
    ("2016-05-23T09:00", None, "+03:00", "Monday 23 May 2016, 09:00 (06:00 UTC)"),
    ("2016-05-23T09:15", "APPROX", None, "Monday 23 May 2016, c. 09:15"),
    ("2016-05-23T09:15", "APPROX", "+03:00", "Monday 23 May 2016, c. 09:15 (06:15 UTC)"),
    ("2016-05-23T01:30", None, "+03:00", "Monday 23 May 2016, 01:30 (22:30 UTC, 22 May)"),
    ("2016-05-23T09:00", None, "Z", "Monday 23 May 2016, 09:00 UTC"),
    ("2016-05-23TMO", None, None, "Monday 23 May 2016, morning"),
    ("2016-SU", None, None, "summer 2016"),
    ("2016-Q2", None, None, "Q2 2016"),
    ("2016-H1", "START", None, "early first half of 2016"),
    ("2016-W21", None, None, "week of 23 May 2016"),
    ("2016-W21-WE", None, None, "weekend of 28 May 2016"),
    ("2015-W53", None, None, "week of 28 December 2015"),
    ("201", None, None, "2010s"),
    ("XXXX-04", None, None, "April"),
    ("2015", "END", None, "late 2015"),
    ("PRESENT_REF", None, None, "now"),
    # TIMEX3 "T24:00" ("midnight Friday") is the end of that day
    ("1989-10-27T24:00", None, None, "Friday 27 October 1989, midnight"),
    ("1989-10-27T24:00", None, "-05:00", "Friday 27 October 1989, midnight (05:00 UTC)"),
]

CASES_FR = [
    ("1986", None, None, "1986"),
    ("2014", "MID", None, "mi-2014"),
    ("2016-04", None, None, "avril 2016"),
    ("2016-05-23", None, None, "lundi 23 mai 2016"),
    ("2016-05-23T09:00", None, "+03:00", "lundi 23 mai 2016, 09:00 (06:00 UTC)"),
    ("2016-05-23T09:15", "APPROX", None, "lundi 23 mai 2016, vers 09:15"),
    ("1989-10-27T24:00", None, None, "vendredi 27 octobre 1989, minuit"),
    ("2016-W21", None, None, "semaine du 23 mai 2016"),
    ("2016-W54", None, None, "2016-W54"),
]


@pytest.mark.parametrize(("value", "mod", "offset", "expected"), CASES_EN)
def test_english_display(value: str, mod: str | None, offset: str | None, expected: str) -> None:
    assert get_labeler("en").display(value, mod, offset).full == expected


@pytest.mark.parametrize(("value", "mod", "offset", "expected"), CASES_FR)
def test_french_display(value: str, mod: str | None, offset: str | None, expected: str) -> None:
    assert get_labeler("fr").display(value, mod, offset).full == expected


def test_short_label_is_the_time_alone() -> None:
    shown = get_labeler("en").display("2016-05-23T09:15", "APPROX", None)
    assert shown.short == "c. 09:15" and shown.day == "2016-05-23" and shown.approximate


def test_us_english_and_german_use_their_own_order() -> None:
    assert get_labeler("en_US").display("2016-05-23", None, None).full == "Monday, May 23, 2016"
    assert get_labeler("de").display("2016-05-23", None, None).full == "Montag, 23. Mai 2016"
    assert get_labeler("de-DE").display("2016-04", None, None).full == "April 2016"


def test_values_without_a_localized_form_read_as_timex3_describes_them() -> None:
    shown = get_labeler("en").display("P5Y", None, None, fallback_start=datetime(2011, 1, 1))
    assert shown.full == "5 years" and shown.datetime == "2011-01-01"
    # under the locale's own mod phrase: one wording of ON_OR_BEFORE everywhere
    assert get_labeler("en").display("XXXX-WXX-1", "ON_OR_BEFORE", None).full == (
        "on or before Monday"
    )


def test_impossible_date_does_not_crash() -> None:
    assert get_labeler("en").display("2016-02-31", None, None).full == "2016-02-31"


@pytest.mark.parametrize(
    ("value", "offset", "expected"),
    [
        ("1986", None, "1986"),
        ("2016-04", None, "2016-04"),
        ("2016-05-23", "+03:00", "2016-05-23"),
        ("2016-05-23T09:00", "+03:00", "2016-05-23T09:00+03:00"),
        ("2016-05-23T09:00", "-0530", "2016-05-23T09:00-05:30"),
        ("2016-05-23T09:00", "Z", "2016-05-23T09:00Z"),
        ("2016-05-23T09:00", None, "2016-05-23T09:00"),
        ("2016-W21", None, "2016-W21"),
        ("2016-05-23TEV", None, "2016-05-23"),
        ("2011-12-31T24:00", None, "2012-01-01T00:00"),
        ("1989-10-27T24:00", "-05:00", "1989-10-28T00:00-05:00"),
    ],
)
def test_html_datetime(value: str, offset: str | None, expected: str) -> None:
    assert html_datetime(value, offset) == expected


def test_parse_offset_rejects_garbage() -> None:
    assert parse_offset("+25:00") is None and parse_offset("local") is None
    assert parse_offset(None) is None


def test_unknown_locale() -> None:
    with pytest.raises(TimelineError):
        get_labeler("zz-nope")


# German, Portuguese and Spanish: Babel's names and order, the catalogue's phrases
CASES_OTHER = [
    ("de", "2014", "MID", None, "Mitte 2014"),
    ("de", "2016-05-23T09:15", "APPROX", None, "Montag, 23. Mai 2016, ca. 09:15"),
    ("de", "2016-Q2", None, None, "2. Quartal 2016"),
    ("de", "201", None, None, "2010er-Jahre"),
    ("de", "2016-W21", None, None, "Woche vom 23. Mai 2016"),
    ("pt", "2014", "MID", None, "meados de 2014"),
    ("pt", "2016-05-23", None, None, "segunda-feira, 23 de maio de 2016"),
    ("pt", "2016-05-23TMO", None, None, "segunda-feira, 23 de maio de 2016, de manhã"),
    ("pt", "2015", "END", None, "final de 2015"),
    ("es", "2014", "MID", None, "mediados de 2014"),
    ("es", "2016-05-23T09:15", "APPROX", None, "lunes, 23 de mayo de 2016, hacia 9:15"),
    ("es", "2016-SU", None, None, "verano de 2016"),
    ("es", "1989-10-27T24:00", None, None, "viernes, 27 de octubre de 1989, medianoche"),
]


@pytest.mark.parametrize(("locale", "value", "mod", "offset", "expected"), CASES_OTHER)
def test_german_portuguese_spanish_display(
    locale: str, value: str, mod: str | None, offset: str | None, expected: str
) -> None:
    assert get_labeler(locale).display(value, mod, offset).full == expected


def test_publication_date_in_each_language() -> None:
    got = {loc: get_labeler(loc).reported("2016-05-23").full
           for loc in ("en", "fr", "de", "pt", "es")}
    assert got == {"en": "23 May 2016", "fr": "23 mai 2016", "de": "23. Mai 2016",
                   "pt": "23 de maio de 2016", "es": "23 de mayo de 2016"}


def test_a_language_without_catalogue_has_english_phrases_and_its_own_names() -> None:
    assert get_labeler("it").display("2014", "MID", None).full == "mid-2014"
    assert get_labeler("it").display("2016-04", None, None).full == "aprile 2016"


@pytest.mark.parametrize("lang", ["fr", "de", "pt", "es"])
def test_catalogue_has_what_english_has_with_the_same_placeholders(lang: str) -> None:
    import json
    import string
    from pathlib import Path

    import timeline.render

    folder = Path(timeline.render.__file__).parent / "locale"
    english = json.loads((folder / "en.json").read_text(encoding="utf-8"))
    own = json.loads((folder / f"{lang}.json").read_text(encoding="utf-8"))
    assert own["language"] == lang

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}

    for part in ("strings", "dates"):
        assert set(own[part]) <= set(english[part]), part
        for key, value in own[part].items():
            ours = value if isinstance(value, dict) else {"": value}
            theirs = english[part][key] if isinstance(value, dict) else {"": english[part][key]}
            for form, text in ours.items():
                want = fields(theirs.get(form, theirs.get("other", "")))
                if key == "Q":  # a quarter reads "Q2 2016" or Babel's "2. Quartal 2016"
                    assert fields(text) in ({"n", "y"}, {"q", "y"}), (key, text)
                else:
                    assert fields(text) == want, (lang, key, form, text)
    # the briefing's own words are all there (punctuation may be English's): no English
    # heading in a page in this language
    assert set(own["strings"]) | {"colon", "semicolon"} == set(english["strings"])
