"""French dates read by the French rules: day before month, "le 23 mai", "hier soir",
"vendredi dernier", "il y a deux ans", "mi-2014", 24-hour clocks "21 h 45"."""

from __future__ import annotations

import pytest

from timeline.temporal import tag

DCT = "2016-05-23"  # a Monday

CASES = [
    ("Le traité a été signé le 23 mai 1998 à Paris.", "le 23 mai 1998", "1998-05-23"),
    ("Le ministre a démissionné hier soir.", "hier soir", "2016-05-22TEV"),
    ("Il est parti vendredi dernier pour Lyon.", "vendredi dernier", "2016-05-20"),
    ("Le conseil se réunira jeudi à Strasbourg.", "jeudi", "2016-05-26"),
    ("La police a arrêté mardi deux suspects.", "mardi", "2016-05-17"),
    ("L'usine a fermé il y a deux ans.", "il y a deux ans", "2014"),
    ("Le groupe a pris la ville à la mi-2014.", "la mi-2014", "2014"),
    ("Le train est arrivé à 21 h 45 en gare.", "21 h 45", "2016-05-23T21:45"),
    ("Les travaux reprendront en septembre prochain.", "septembre prochain", "2016-09"),
    ("Les ventes ont reculé l'an dernier.", "l'an dernier", "2015"),
    ("Il vit à Nancy depuis dix ans.", "dix ans", "P10Y"),
    ("Chaque année, des milliers de visiteurs viennent.", "Chaque année", "P1Y"),
]


@pytest.mark.parametrize(("text", "extent", "value"), CASES, ids=[c[1] for c in CASES])
def test_french_dates(text: str, extent: str, value: str) -> None:
    found = {t.text: t.value for t in tag(text, DCT, lang="fr").timexes}
    assert found.get(extent) == value, found


def test_a_participle_is_no_summer_and_an_age_no_duration() -> None:
    text = "Un conducteur de 38 ans a été blessé. Il a été soigné pendant trois jours."
    found = {t.text: t.value for t in tag(text, DCT, lang="fr").timexes}
    assert found == {"trois jours": "P3D"}


def test_decimal_comma() -> None:
    found = tag("Il devance Irvine de 30,4 secondes.", DCT, lang="fr").timexes
    assert [(t.text, t.value) for t in found] == [("30,4 secondes", "PT30.4S")]


def test_english_rules_do_not_read_french_as_dates() -> None:
    """The language matters: "mai" and "hier" are nothing to the English rules."""
    text = "Le ministre a démissionné hier, le 23 mai."
    assert {t.text for t in tag(text, DCT, lang="en").timexes} <= {"23"}
    assert {t.text for t in tag(text, DCT, lang="fr").timexes} == {"hier", "le 23 mai"}


def test_what_is_planned_lies_ahead() -> None:
    """ "est prévu en juin" in August is next June: a planned event is no passé composé."""
    text = "Le vote est prévu en juin. Le sommet, programmé en mars, aura lieu à Paris."
    found = {t.text: t.value for t in tag(text, "2016-08-23", lang="fr").timexes}
    assert found == {"juin": "2017-06", "mars": "2017-03"}
    done = tag("Il a été élu en juin.", "2016-08-23", lang="fr").timexes
    assert [(t.text, t.value) for t in done] == [("juin", "2016-06")]
