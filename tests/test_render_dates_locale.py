"""What the labeler cannot take from Babel's calendar (durations, a weekday of no date, a
year before the era) reads in the page's language too (issue 14), from the words
timex3.describe keeps per language; an approximate duration says "environ 5 ans" where an
approximate date says "vers 2014"."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from timeline.ingest.text import read_text
from timeline.model import Briefing, Event, Timeline, Timex
from timeline.render import render
from timeline.render.dates import get_labeler

LABELS = {
    "en": ("5 years", "c. 5 years", "Monday", "480 BC", "more than 2 weeks"),
    "fr": ("5 ans", "environ 5 ans", "lundi", "480 av. J.-C.", "plus de 2 semaines"),
    "de": ("5 Jahre", "ca. 5 Jahre", "Montag", "480 v. Chr.", "mehr als 2 Wochen"),
    "pt": ("5 anos", "cerca de 5 anos", "segunda-feira", "480 a.C.", "mais de 2 semanas"),
    "es": ("5 años", "aproximadamente 5 años", "lunes", "480 a. C.", "más de 2 semanas"),
}
VALUES = (("P5Y", None), ("P5Y", "APPROX"), ("XXXX-WXX-1", None), ("BC0480", None),
          ("P2W", "MORE_THAN"))


@pytest.mark.parametrize("locale", sorted(LABELS))
def test_durations_weekdays_and_bc_years_in_the_locale(locale: str) -> None:
    labeler = get_labeler(locale)
    got = tuple(labeler.display(v, m, None).full for v, m in VALUES)
    assert got == LABELS[locale]


def test_a_locale_without_a_catalogue_reads_english_and_a_region_its_language() -> None:
    assert get_labeler("it").display("P5Y", None, None).full == "5 years"
    assert get_labeler("fr_CA").display("P5Y", "APPROX", None).full == "environ 5 ans"
    assert get_labeler("de_CH").display("2014", "APPROX", None).full == "ca. 2014"


def test_a_french_page_shows_a_duration_in_french() -> None:
    doc = read_text("Chantier\n\nLe chantier a duré cinq ans.", date="2021-03-10")
    start = datetime(2016, 3, 10)
    tx = Timex("t1", 0, 0, "cinq ans", "DURATION", "P5Y")
    event = Event("P5Y", "APPROX", start, datetime(2021, 3, 10), "Le chantier a duré cinq ans.",
                  tx, ())
    briefing = Briefing(title="Chantier", slug="chantier", published="2021-03-10", summary=(),
                        timeline=Timeline(events=(event,)), documents=(doc,))
    for fmt in ("md", "html"):
        page = re.sub(r"<[^>]+>", "", render(briefing, fmt, locale="fr").decode())
        assert "environ 5 ans" in page, fmt
        assert "years" not in page and "c. 5" not in page, fmt
