"""Page furniture in the page's own language (issue 12): related-content headings and the
list of links under them, share and newsletter prompts, photo credits, update stamps,
ad labels, comment counts, read from ``timeline/ingest/data/<lang>/page.toml``.

Every page here is a small synthetic page written for the test: a short article in the
language, with one furniture line (or block) of a rule set among its paragraphs.
"""

from __future__ import annotations

import pytest

from timeline.ingest.dateline import (
    drop_furniture,
    furniture,
    page_furniture,
    page_languages,
    page_rules,
)
from timeline.ingest.text import read_text

# Three paragraphs of a made-up local story in each language: enough text for the page
# extractor to call it an article and for the language to be identified.
ARTICLES = {
    "de": ["Der Stadtrat von Nordheim hat am Montagabend beschlossen, die alte Brücke über "
           "den Fluss im kommenden Frühjahr abreißen und durch einen Neubau ersetzen zu lassen.",
           "Die Arbeiten sollen nach Angaben der Verwaltung etwa achtzehn Monate dauern; in "
           "dieser Zeit fahren die Busse über die Umgehungsstraße im Süden der Stadt.",
           "Anwohner hatten sich seit Jahren über Lärm und Risse im Beton beklagt, sagte die "
           "Bürgermeisterin nach der Sitzung vor zahlreichen Zuhörern im Rathaus."],
    "fr": ["Le conseil municipal de Villeneuve a décidé lundi soir de démolir le vieux pont "
           "sur la rivière au printemps prochain et de le remplacer par un ouvrage neuf.",
           "Les travaux devraient durer environ dix-huit mois selon la mairie ; pendant ce "
           "temps, les bus passeront par la route de contournement au sud de la ville.",
           "Les riverains se plaignaient depuis des années du bruit et des fissures dans le "
           "béton, a déclaré la maire à l'issue de la séance devant de nombreux habitants."],
    "es": ["El concejo municipal de Villanueva decidió el lunes por la noche derribar el "
           "viejo puente sobre el río la próxima primavera y sustituirlo por uno nuevo.",
           "Las obras durarán unos dieciocho meses según el ayuntamiento; mientras tanto, los "
           "autobuses circularán por la carretera de circunvalación al sur de la ciudad.",
           "Los vecinos se quejaban desde hace años del ruido y de las grietas en el hormigón, "
           "dijo la alcaldesa al término de la sesión ante numerosos asistentes."],
    "pt": ["A câmara municipal de Vila Nova decidiu na segunda-feira à noite demolir a velha "
           "ponte sobre o rio na próxima primavera e substituí-la por uma nova.",
           "As obras deverão durar cerca de dezoito meses, segundo a prefeitura; enquanto "
           "isso, os ônibus passarão pela estrada de contorno ao sul da cidade.",
           "Os moradores reclamavam havia anos do barulho e das rachaduras no concreto, disse "
           "a prefeita ao fim da sessão diante de muitos moradores."],
    "it": ["Il consiglio comunale di Villanova ha deciso lunedì sera di demolire il vecchio "
           "ponte sul fiume la prossima primavera e di sostituirlo con uno nuovo.",
           "I lavori dovrebbero durare circa diciotto mesi secondo il comune; nel frattempo "
           "gli autobus passeranno dalla tangenziale a sud della città.",
           "Gli abitanti si lamentavano da anni del rumore e delle crepe nel cemento, ha detto "
           "la sindaca al termine della seduta davanti a molti cittadini."],
    "en": ["The city council of Northfield decided on Monday evening to tear down the old "
           "bridge over the river next spring and to replace it with a new one.",
           "The work should take about eighteen months, the council said; in the meantime "
           "buses will run on the ring road south of the town.",
           "Residents had complained for years about the noise and the cracks in the concrete, "
           "the mayor said after the meeting in front of a full public gallery."],
    "pl": ["Rada miejska Nowego Dworu postanowiła w poniedziałek wieczorem rozebrać stary most "
           "na rzece wiosną przyszłego roku i zastąpić go nowym.",
           "Prace mają potrwać około osiemnastu miesięcy, jak podał urząd; w tym czasie "
           "autobusy pojadą obwodnicą na południu miasta.",
           "Mieszkańcy od lat skarżyli się na hałas i pęknięcia w betonie, powiedziała "
           "burmistrz po sesji przed licznymi słuchaczami w ratuszu."],
}
OTHER_LANGUAGES = sorted(page_languages() - {"en"})
# English's rules of issue 12's furniture work (the older ones are tested in test_ingest_paste)
ENGLISH_RULES = ("prompt", "credit-line")
RULES = [(lang, rule) for lang in OTHER_LANGUAGES for rule in page_rules(lang).own_furniture]
PAGE_RULES = RULES + [("en", r) for r in page_rules("en").furniture if r.id in ENGLISH_RULES]


def _html(lang: str, furniture_html: str) -> str:
    a, b, c = ARTICLES[lang]
    return (f"<html lang='{lang}'><head><title>Brücke</title></head><body><article>"
            f"<h1>{a[:30]}</h1><p>{a}</p><p>{b}</p>{furniture_html}<p>{c}</p>"
            "</article></body></html>")


def _body(lang: str, furniture_html: str) -> str:
    from timeline.ingest.html import read_html

    doc = read_html(_html(lang, furniture_html), name="p.html", doc_id="p")
    return " ".join(doc.body.split())


def test_every_language_with_an_article_here_has_page_rules() -> None:
    assert set(ARTICLES) == {*OTHER_LANGUAGES, "en"}


@pytest.mark.parametrize(("lang", "rule"), RULES, ids=[f"{lg}-{r.id}" for lg, r in RULES])
def test_rule_examples_and_keeps(lang: str, rule: object) -> None:
    for example in rule.examples:  # type: ignore[attr-defined]
        assert rule.regex.search(example), (lang, rule.id, example)  # type: ignore[attr-defined]
        assert furniture(example, lang) is not None
        hints = rule.hints  # type: ignore[attr-defined]
        assert not hints or any(h in example.lower() for h in hints), (rule.id, example)
    for keep in rule.keeps:  # type: ignore[attr-defined]
        assert not rule.regex.search(keep), (lang, rule.id, keep)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "rule"), PAGE_RULES,
                         ids=[f"{lg}-{r.id}" for lg, r in PAGE_RULES])
def test_a_pages_furniture_line_is_left_out_of_its_body(lang: str, rule: object) -> None:
    example = rule.examples[0]  # type: ignore[attr-defined]
    body = _body(lang, f"<p>{example}</p>")
    assert " ".join(example.split()) not in body
    for paragraph in ARTICLES[lang]:
        assert paragraph in body


@pytest.mark.parametrize(("lang", "heading", "items"), [
    ("de", "Auch interessant:", ["So wird der neue Bahnhof gebaut", "Der Markt zieht um"]),
    ("fr", "À lire aussi", ["La gare sera rénovée en juin", "Le marché déménage"]),
    ("es", "NOTAS RELACIONADAS", ["La estación será renovada en junio", "El mercado se muda"]),
    ("pt", "Leia também", ["A estação será reformada em junho", "A feira muda de lugar"]),
    ("it", "Articoli correlati", ["La stazione sarà rinnovata a giugno", "Il mercato trasloca"]),
])
def test_a_related_heading_goes_with_the_list_of_links_under_it(lang: str, heading: str,
                                                                items: list[str]) -> None:
    links = "".join(f"<li><a href='/{i}'>{t}</a></li>" for i, t in enumerate(items))
    body = _body(lang, f"<p>{heading}</p><ul>{links}</ul>")
    assert heading not in body
    for item in items:
        assert item not in body
    for paragraph in ARTICLES[lang]:
        assert paragraph in body


@pytest.mark.parametrize(("lang", "rule"), PAGE_RULES,
                         ids=[f"{lg}-{r.id}" for lg, r in PAGE_RULES])
def test_a_pasted_pages_furniture_line_is_left_out_of_its_body(lang: str, rule: object) -> None:
    a, b, c = ARTICLES[lang]
    example = rule.examples[0]  # type: ignore[attr-defined]
    doc = read_text(f"{a}\n\n{b}\n\n{example}\n\n{c}\n")
    body = " ".join(doc.body.split())
    assert " ".join(example.split()) not in body
    for paragraph in ARTICLES[lang]:
        assert paragraph in body


@pytest.mark.parametrize(("lang", "rule"), RULES, ids=[f"{lg}-{r.id}" for lg, r in RULES])
def test_a_languages_rule_is_a_whole_line_from_its_start(lang: str, rule: object) -> None:
    # page_furniture matches them all at a line's start at once (dateline._foreign_rules)
    pattern = rule.regex.pattern  # type: ignore[attr-defined]
    assert pattern.startswith("^") and all(alt.startswith("^") for alt in _top_level(pattern))


def _top_level(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` outside any group."""
    parts, depth, start, escaped, in_class = [], 0, 0, False, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return [*parts, pattern[start:]]


def test_an_english_page_reads_other_languages_furniture_as_text() -> None:
    english = ["The city council decided on Monday evening to tear down the old bridge over "
               "the river next spring and to replace it with a new one."]
    assert page_furniture("Temas", english) is None
    assert page_furniture("Temas", [ARTICLES["es"][0]]) is not None
    assert page_furniture("Share on Facebook", english) is not None


def test_a_list_that_is_article_text_stays() -> None:
    a, b, c = ARTICLES["de"]
    text = "\n".join([a, "Die Arbeiten im Überblick:", "- Abriss im März",
                      "- Neubau bis Herbst", b, c])
    assert drop_furniture(text, "de") == text


def test_english_text_and_languages_without_rules_are_passed_as_they_are() -> None:
    text = "Related:\nShare\nA sentence of the article."
    assert drop_furniture(text, "en") == text
    assert drop_furniture("Auch interessant\nTeilen mit:", "sv") == "Auch interessant\nTeilen mit:"


def test_the_texts_language_picks_the_rules_when_none_is_given() -> None:
    english = "\n".join([*ARTICLES["en"], "Temas"])  # a tag heading in Spanish only
    assert drop_furniture(english) == english
    german = "\n".join([*ARTICLES["de"][:2], "Teilen mit:", ARTICLES["de"][2]])
    assert drop_furniture(german) == "\n".join(ARTICLES["de"])


def test_a_language_falls_back_to_english_for_what_it_does_not_define() -> None:
    de, en = page_rules("de"), page_rules("en")
    assert de.max_chars == en.max_chars and de.navigation == en.navigation
    # its own rules first, then the English ones (a German page prints "Share on Facebook")
    assert de.furniture[-len(en.furniture):] == en.furniture
    assert furniture("Share on Facebook", "de") is not None
    # month names: Babel's German ones beside the English ones
    assert de.months["märz"] == 3 and de.months["march"] == 3
    assert [r.id for r in page_rules("sv").furniture] == [r.id for r in en.furniture]


def test_furniture_is_matched_by_the_texts_language_only() -> None:
    assert furniture("Teilen mit:", "de") is not None
    assert furniture("Teilen mit:") is None  # English rules: not furniture
