"""Contested figures: who said how many, side by side on the entry that reports them."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from timeline.claims import find_claims, number_value
from timeline.ingest import load_sample
from timeline.ingest.text import read_text
from timeline.pipeline import BriefOptions, analyze, brief
from timeline.render import render
from timeline.render.dates import get_labeler
from timeline.render.schema import briefing_data


def _doc(doc_id: str, date: str, text: str, outlet: str | None = None):
    return replace(read_text(text, date=date, doc_id=doc_id), outlet=outlet)


def _story(*docs):
    return brief(list(docs), BriefOptions(method="lead"))


def _claims(briefing):
    return [(e.value, c) for e in briefing.timeline.events for c in e.claims]


def test_numbers_in_words_and_digits():
    assert number_value("a hundred") == 100
    assert number_value("270,000") == 270000
    assert number_value("2.5 million") == 2_500_000
    assert number_value("Seven") == 7


def test_the_sample_shows_both_death_tolls_with_their_sources_and_splits():
    briefing = brief([load_sample()], BriefOptions(method="lead"))
    claims = _claims(briefing)
    assert [(v, c.figure, c.said_by) for v, c in claims] == [
        ("2016-05-23", "more than 148", ("Syrian Observatory for Human Rights",)),
        ("2016-05-23", "78", ("state media",)),
    ]
    assert claims[0][1].breakdown == (("Jableh", 100), ("Tartus", 48))
    assert claims[1][1].breakdown == (("Jableh", 45), ("Tartus", 33))
    assert claims[1][1].earlier and not claims[0][1].earlier
    # the Aden toll of the same day, the 1986 toll and the war's total are other events
    assert not any(c.count in (41, 144, 270000) for _, c in claims)
    md = render(briefing, "md").decode()
    assert ("more than 148 killed – 100 in Jableh, 48 in Tartus (Syrian Observatory for "
            "Human Rights); 78 – 45 in Jableh, 33 in Tartus (state media, earlier)") in md
    html = render(briefing, "html").decode()
    assert '<p class="claims">Figures differ: more than 148 killed' in html
    data = briefing_data(briefing, get_labeler("en"))
    entry = next(e for e in data["events"] if e["claims"])
    assert entry["value"] == "2016-05-23"
    assert [c["count"] for c in entry["claims"]] == [148, 78]
    assert entry["claims"][1]["sources"][0]["said_by"] == "state media"
    assert entry["claims"][0]["breakdown"] == [{"place": "Jableh", "count": 100},
                                               {"place": "Tartus", "count": 48}]


def test_an_article_with_one_figure_shows_no_claims():
    text = ("Flood in Dorrin kills 12\n\nTwelve people were killed on Tuesday when a river "
            "burst its banks in the town of Dorrin, police said. Rescuers searched the "
            "valley for the missing.")
    briefing = brief([read_text(text, date="2021-03-10")], BriefOptions(method="lead"))
    assert _claims(briefing) == []


LAGOS_A = ("Market fire in Velmora kills dozens\n\nAt least 30 people were killed on Tuesday "
           "when a fire swept through the Okel market in Velmora, police said. Traders "
           "said the blaze started in a generator stall.")
LAGOS_B = ("Velmora market fire toll rises\n\nForty-five people were killed in Tuesday's fire "
           "at the Okel market in Velmora, the state emergency agency said on Wednesday. "
           "Officials said on Tuesday that 45 people were killed in the fire at the Okel "
           "market in Velmora.")
LAGOS_C = ("Velmora fire\n\nAt least 30 people were killed on Tuesday in a fire at the Okel "
           "market in Velmora, according to police. The market had been due for repairs.")


def test_two_outlets_different_tolls_side_by_side_agreeing_ones_merged():
    briefing = _story(
        _doc("a", "2021-06-09", LAGOS_A, "Daily Ledger"),
        _doc("b", "2021-06-10", LAGOS_B, "Wire Service"),
        _doc("c", "2021-06-09", LAGOS_C, "Coast Radio"),
    )
    claims = _claims(briefing)
    assert {v for v, _ in claims} == {"2021-06-08"}
    by_count = {c.count: c for _, c in claims}
    assert set(by_count) == {30, 45}
    # police said 30 in both A and C: one figure, both articles cited
    assert {s.doc_id for s in by_count[30].sources} == {"a", "c"}
    assert set(by_count[30].said_by) == {"police"}
    md = render(briefing, "md").decode()
    line = next(x for x in md.splitlines() if "Figures differ" in x)
    assert "at least 30 killed (police)" in line
    assert "; 45 (state emergency agency, officials)" in line


def test_a_source_that_revises_its_figure_shows_the_latest_and_what_it_replaced():
    first = ("Quake hits Tarsen\n\nTwenty people were killed on Monday when an earthquake "
             "struck the mountain town of Tarsen, the Red Crescent said.")
    later = ("Tarsen quake toll climbs\n\nThe Red Crescent said 57 people were killed in "
             "Monday's earthquake in Tarsen. Rescue teams from Orlen were still digging on "
             "Tuesday.")
    other = ("Tarsen quake\n\nAt least 60 people were killed on Monday in the earthquake in "
             "Tarsen, according to the Tarsen governor.")
    briefing = _story(
        _doc("r1", "2022-02-07", first, "Gazette"),
        _doc("r2", "2022-02-08", later, "Gazette"),
        _doc("g", "2022-02-08", other, "Courier"),
    )
    claims = [c for _, c in _claims(briefing)]
    red = next(c for c in claims if "Red Crescent" in c.said_by)
    assert red.count == 57 and red.revised_from == ("20",)
    assert not any(c.count == 20 for c in claims)  # the replaced figure is not a claim
    data = json.loads(render(briefing, "json"))
    listed = [c for e in data["events"] for c in e["claims"]]
    assert {c["count"] for c in listed} == {57, 60}
    assert next(c for c in listed if c["count"] == 57)["revised_from"] == ["20"]


def test_figures_of_different_events_on_one_day_are_not_contested():
    text = ("Two attacks\n\nA bomb killed 12 people in Harrow Cross on Friday, police said. "
            "In a separate attack on Friday in Emberley, 40 people were killed, officials "
            "said.")
    doc = read_text(text, date="2019-04-06")
    found = find_claims(analyze(doc))
    assert sorted(f.count for f in found) == [12, 40]
    briefing = brief([doc], BriefOptions(method="lead"))
    assert _claims(briefing) == []


def test_sums_of_money_are_figures_too():
    a = ("Regulator fines Corvel\n\nThe regulator fined Corvel Bank $2.5 million on "
         "Thursday over lax checks in Ostend, the agency said.")
    b = ("Corvel fined\n\nCorvel Bank was fined $4 million on Thursday by the regulator "
         "over its checks in Ostend, according to Corvel Bank.")
    briefing = _story(_doc("a", "2023-05-05", a, "Ledger"), _doc("b", "2023-05-05", b, "Post"))
    claims = [c for _, c in _claims(briefing)]
    assert sorted(c.count for c in claims) == [2_500_000, 4_000_000]
    assert {c.measure for c in claims} == {"fined"}


# other languages (issue 14): the vocabulary of the article's language finds the figures,
# the output locale's catalogue words show them

FR_A = ("Incendie meurtrier au marché de Velmora\n\nAu moins 30 personnes ont été tuées mardi "
        "dans l’incendie du marché Okel de Velmora, selon la police. Les commerçants ont "
        "expliqué que le feu avait pris dans un stand de générateurs.")
FR_B = ("Le bilan de l’incendie de Velmora s’alourdit\n\nQuarante-cinq personnes ont été tuées "
        "dans l’incendie de mardi au marché Okel de Velmora, a indiqué mercredi l’agence "
        "nationale des secours.")
DE_A = ("Tödlicher Brand auf dem Markt von Velmora\n\nMindestens 30 Menschen wurden am "
        "Dienstag bei dem Brand auf dem Okel-Markt in Velmora getötet, teilte die Polizei mit. "
        "Händler sagten, das Feuer sei an einem Generatorstand ausgebrochen.")
DE_B = ("Mehr Tote nach Brand in Velmora\n\nBei dem Brand auf dem Okel-Markt in Velmora am "
        "Dienstag kamen 45 Menschen ums Leben, sagte die nationale Rettungsbehörde am Mittwoch.")


def _two_tolls(first: str, second: str):
    return _story(_doc("a", "2021-06-09", first, "Le Quotidien"),
                  _doc("b", "2021-06-10", second, "Agence Sud"))


def test_a_french_story_with_two_death_tolls_shows_them_in_french():
    briefing = _two_tolls(FR_A, FR_B)
    claims = _claims(briefing)
    assert {v for v, _ in claims} == {"2021-06-08"}  # "mardi", not the report's "mercredi"
    assert [(c.figure, c.said_by) for _, c in claims] == [
        ("au moins 30", ("police",)), ("45", ("agence nationale des secours",))]
    md = render(briefing, "md", locale="fr").decode().replace("\u00a0", " ")
    assert ("Les chiffres divergent : au moins 30 tués (police) ; 45 (agence nationale des "
            "secours)") in md
    html = render(briefing, "html", locale="fr").decode()
    assert '<p class="claims">Les chiffres divergent\u00a0: au moins 30 tués' in html
    assert "killed" not in md and "Figures differ" not in html


def test_a_german_story_with_two_death_tolls_shows_them_in_german():
    briefing = _two_tolls(DE_A, DE_B)
    claims = _claims(briefing)
    assert {v for v, _ in claims} == {"2021-06-08"}
    assert [(c.figure, c.said_by) for _, c in claims] == [
        ("mindestens 30", ("Polizei",)), ("45", ("nationale Rettungsbehörde",))]
    md = render(briefing, "md", locale="de").decode()
    assert ("Die Zahlen weichen ab: mindestens 30 Tote (Polizei); 45 (nationale "
            "Rettungsbehörde)") in md
    eml = render(briefing, "eml", locale="de").decode()
    assert "Die Zahlen weichen ab" in eml and "killed" not in eml


def test_numbers_as_each_language_writes_them():
    assert number_value("1 200", "fr") == 1200
    assert number_value("2,5 millions", "fr") == 2_500_000
    assert number_value("quarante-cinq", "fr") == 45
    assert number_value("1.200", "de") == 1200
    assert number_value("2,5 Millionen", "de") == 2_500_000
    assert number_value("zwölf", "de") == 12
    assert number_value("2.5 million") == 2_500_000  # English stays English


def _examples():
    from timeline.claims import CLAIM_LANGUAGES, vocabulary

    return [pytest.param(code, ex, id=f"{code}-{i}")
            for code in CLAIM_LANGUAGES for i, ex in enumerate(vocabulary(code).examples)]


@pytest.mark.parametrize(("code", "example"), _examples())
def test_each_language_finds_the_figures_of_its_examples(code, example):
    """Every example of data/claims/<code>.toml: the figures it names, and who gave them."""
    from timeline.claims import _sentence_figures, _source, vocabulary

    v = vocabulary(code)
    found = sorted(f"{m} {n}" for m, n, *_ in _sentence_figures(example["text"], v))
    assert found == sorted(example["figures"].split("; "))
    if "said_by" in example:
        assert _source(example["text"], v)[0] == example["said_by"]


def test_every_claims_language_has_examples_and_english_keeps_its_words_as_data():
    from pathlib import Path

    from timeline.claims import CLAIM_LANGUAGES, vocabulary

    assert {"en", "fr", "de"} <= set(CLAIM_LANGUAGES)
    assert all(len(vocabulary(c).examples) >= 3 for c in CLAIM_LANGUAGES)
    engine = (Path(__file__).resolve().parents[1] / "timeline" / "claims.py").read_text("utf-8")
    for words in ('"dead"', '"wounded"', "more than|", r"according to\s", '"hundred"',
                  '"forty"', "tués", "getötet"):
        assert words not in engine, words


PT_A = ("Incêndio mortal no mercado de Velmora\n\nPelo menos 30 pessoas foram mortas na "
        "terça-feira no incêndio do mercado Okel de Velmora, segundo a polícia. Os comerciantes "
        "contaram que o fogo começou numa banca de geradores.")
PT_B = ("Sobe o balanço do incêndio de Velmora\n\nQuarenta e cinco pessoas morreram no incêndio "
        "de terça-feira no mercado Okel de Velmora, informou nesta quarta-feira a Defesa Civil.")
ES_A = ("Incendio mortal en el mercado de Velmora\n\nAl menos 30 personas murieron el martes en "
        "el incendio del mercado Okel de Velmora, según la policía. Los comerciantes contaron "
        "que el fuego empezó en un puesto de generadores.")
ES_B = ("Sube el balance del incendio de Velmora\n\nCuarenta y cinco personas murieron en el "
        "incendio del martes en el mercado Okel de Velmora, informó este miércoles la "
        "Protección Civil.")


@pytest.mark.parametrize(("locale", "first", "second", "line"), [
    ("pt", PT_A, PT_B, "Os números divergem: pelo menos 30 mortos (polícia); 45 (Defesa Civil)"),
    ("es", ES_A, ES_B,
     "Las cifras difieren: al menos 30 muertos (policía); 45 (Protección Civil)"),
])
def test_portuguese_and_spanish_stories_show_their_two_tolls(locale, first, second, line):
    briefing = _two_tolls(first, second)
    assert {v for v, _ in _claims(briefing)} == {"2021-06-08"}  # not the report's day
    md = render(briefing, "md", locale=locale).decode()
    assert line in md
