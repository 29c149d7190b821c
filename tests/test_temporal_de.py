"""German dates read by the German rules: day before month with its dot ("am 23. Mai
2016"), "Mitte 2014", "Anfang Mai", "zwei Tage später", "des folgenden Jahres", "500 v. Chr."."""

from __future__ import annotations

import pytest

from timeline.temporal import tag

DCT = "2016-05-23"  # a Monday

NEWS = [
    ("Der Vertrag wurde am 23. Mai 1998 in Bonn unterzeichnet.", "23. Mai 1998", "1998-05-23"),
    ("Der Minister ist gestern zurückgetreten.", "gestern", "2016-05-22"),
    ("Die Preise stiegen letztes Jahr deutlich.", "letztes Jahr", "2015"),
    ("Der IS nahm die Stadt Mitte 2014 ein.", "Mitte 2014", "2014"),
    ("Der Angriff begann um 4:45 Uhr.", "4:45 Uhr", "2016-05-23T04:45"),
    ("Die Belagerung dauerte drei Monate.", "drei Monate", "P3M"),
]
STORY = (
    "Am 10. Mai 1940 begann der Angriff im Westen. Zwei Tage später fiel Lüttich. "
    "Anfang Juni erreichten die Truppen die Küste. Im März des folgenden Jahres "
    "landeten sie in Afrika. Die Schlacht bei Marathon fand 490 v. Chr. statt."
)
STORY_DATES = {
    "10. Mai 1940": "1940-05-10",
    "Zwei Tage später": "1940-05-12",
    "Anfang Juni": "1940-06",
    "März des folgenden Jahres": "1941-03",
    "490 v. Chr.": "BC0490",
}


@pytest.mark.parametrize(("text", "extent", "value"), NEWS, ids=[c[1] for c in NEWS])
def test_german_news_dates(text: str, extent: str, value: str) -> None:
    found = {t.text: t.value for t in tag(text, DCT, lang="de").timexes}
    assert found.get(extent) == value, found


def test_a_history_is_told_from_its_own_dates() -> None:
    result = tag(STORY, "2011-02-16", lang="de", domain="narrative")
    found = {t.text: t.value for t in result.timexes}
    assert {k: found.get(k) for k in STORY_DATES} == STORY_DATES


def test_mid_and_early_carry_their_mod() -> None:
    found = {t.text: t.mod for t in tag("Mitte 2014 und Anfang Mai", DCT, lang="de").timexes}
    assert found == {"Mitte 2014": "MID", "Anfang Mai": "START"}
