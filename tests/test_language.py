"""Language identification: timeline.language.detect on short news texts written for
these tests, one or two sentences each."""

from __future__ import annotations

import pytest

from timeline.language import SUPPORTED, UNDETERMINED, detect, name, support_note

NEWS = {
    "en": "The central bank raised interest rates on Tuesday, citing rising inflation. "
    "Shares fell sharply in early trading.",
    "fr": "La banque centrale a relevé ses taux mardi en invoquant la hausse de l'inflation. "
    "Les actions ont fortement reculé en début de séance.",
    "de": "Die Zentralbank hat am Dienstag die Zinsen angehoben. "
    "Die Aktien fielen im frühen Handel deutlich.",
    "pt": "O banco central elevou os juros na terça-feira, citando a alta da inflação. "
    "As ações caíram fortemente no início do pregão.",
    "es": "El banco central subió los tipos de interés el martes por la inflación. "
    "Las acciones cayeron con fuerza en las primeras operaciones.",
    "sv": "Regeringen meddelade på tisdag att skatterna höjs nästa år.",
    "it": "Il governo ha annunciato martedì un aumento delle tasse.",
}


@pytest.mark.parametrize("code", sorted(NEWS))
def test_detects_news_sentences(code: str) -> None:
    assert detect(NEWS[code]) == code


@pytest.mark.parametrize("code", SUPPORTED)
def test_one_sentence_is_enough(code: str) -> None:
    first = NEWS[code].split(". ")[0] + "."
    assert detect(first) == code


@pytest.mark.parametrize(
    "text", ["", "Hello", "Le président", "12 345 2014 -- 17:30", "Barack Obama visited Paris."]
)
def test_undetermined_when_short_or_unsure(text: str) -> None:
    assert detect(text) == UNDETERMINED


def test_upper_case_headline_reads_as_its_language() -> None:
    assert detect("LE GOUVERNEMENT ANNONCE UNE HAUSSE DES IMPÔTS POUR L'ANNÉE PROCHAINE") == "fr"


def test_supported_languages_are_iso_639_1() -> None:
    assert SUPPORTED[0] == "en"
    assert all(len(c) == 2 and c.islower() for c in SUPPORTED)
    assert {"en", "fr", "de", "pt", "es"} <= set(SUPPORTED)


def test_names_come_from_babel() -> None:
    assert name("sv") == "Swedish"
    assert name("de", "fr") == "allemand"
    assert name("xx") == "xx"


def test_support_note_names_the_language_and_the_supported_ones() -> None:
    assert support_note("en") is None
    assert support_note(UNDETERMINED) is None
    note = support_note(detect(NEWS["sv"]))
    assert note is not None and "\n" not in note
    assert "Swedish (sv)" in note
    for code in SUPPORTED:
        assert name(code) in note
