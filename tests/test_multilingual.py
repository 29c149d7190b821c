"""A French, a German, a Portuguese and a Spanish article, each briefed end to end: the
language is detected, the summary is chosen with that language's words, and the
briefing's own words (headings, "Published", "Sources", the date phrases) are in it;
``--locale`` overrides the article's language. The articles are short texts written for
these tests. Dates are asserted for the languages the tagger has rules for
(``timeline.temporal.languages()``); the others are read with the English rules.

The HTML of each is opened in Chromium as in tests/test_browser.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from timeline.cli import main
from timeline.language import detect


@dataclass(frozen=True)
class Article:
    lang: str
    text: str
    lead: str  # the news: the summary's first sentence
    byline: str
    published: str  # "Published" and the publication date as the briefing prints them
    headings: tuple[str, ...]  # the HTML page's h2 headings, in order
    summary_word: str  # the summary's heading (the HTML's aria label / Markdown section)
    events: str  # the events count of the meta line
    dates: tuple[str, ...]  # TIMEX3 values the tagger must find (when it reads the language)


DCT = "2024-03-12"  # a Tuesday

FR = Article(
    "fr",
    "Le gouvernement relève les impôts des grandes entreprises\n\n"
    "Par Claire Martin\n\n"
    "Le gouvernement a annoncé mardi une hausse des impôts sur les grandes entreprises pour "
    "financer la rénovation des hôpitaux publics.\n\n"
    "Cette mesure doit rapporter près de quatre milliards d'euros par an, selon le ministère "
    "de l'Économie.\n\n"
    "« C'est une question de justice », a déclaré la Première ministre devant l'Assemblée "
    "nationale.\n\n"
    "Les organisations patronales ont aussitôt dénoncé une décision qui menace "
    "l'investissement et l'emploi.\n\n"
    "Le texte sera examiné par les députés le 2 avril. Le vote aura lieu en juin.\n",
    lead="Le gouvernement a annoncé mardi une hausse des impôts",
    byline="Par Claire Martin",
    published="Publié le 12 mars 2024",
    headings=("Chronologie", "Sources"),
    summary_word="Résumé",
    events="événement",
    # "en juin" shares its sentence with "le 2 avril": the events stage keeps one date a
    # sentence (in English too: "on April 2, before a vote planned in June")
    dates=("2024-03-12", "2024-04-02"),
)
DE = Article(
    "de",
    "Bundesregierung kürzt Ausgaben für Verteidigung und Bildung\n\n"
    "Von Anna Schmidt\n\n"
    "Die Bundesregierung will im kommenden Jahr zwölf Milliarden Euro bei Verteidigung und "
    "Bildung einsparen, wie das Finanzministerium am Dienstag mitteilte.\n\n"
    "„Wir werden die Steuern nicht erhöhen“, sagte der Finanzminister in Berlin.\n\n"
    "Die Opposition kritisierte die Pläne als sozial ungerecht und kündigte Widerstand im "
    "Bundestag an.\n\n"
    "Der Haushaltsentwurf soll am 23. Mai im Kabinett beschlossen werden.\n",
    lead="Die Bundesregierung will im kommenden Jahr zwölf Milliarden Euro",
    byline="Von Anna Schmidt",
    published="Veröffentlicht am 12. März 2024",
    headings=("Chronik", "Quellen"),
    summary_word="Zusammenfassung",
    events="Ereignis",
    dates=("2024-03-12", "2024-05-23"),
)
PT = Article(
    "pt",
    "Governo anuncia plano para reduzir filas nos hospitais\n\n"
    "Por Mariana Costa\n\n"
    "O governo anunciou na terça-feira um plano de emergência para reduzir as filas de "
    "espera nos hospitais públicos.\n\n"
    "O programa prevê a contratação de dois mil médicos até ao final do ano, segundo o "
    "Ministério da Saúde.\n\n"
    "Os sindicatos do setor consideram as medidas insuficientes e ameaçam fazer greve.\n\n"
    "O plano será apresentado ao parlamento em 15 de abril.\n",
    lead="O governo anunciou na terça-feira um plano de emergência",
    byline="Por Mariana Costa",
    published="Publicado em 12 de março de 2024",
    headings=("Cronologia", "Fontes"),
    summary_word="Resumo",
    events="evento",
    dates=("2024-03-12", "2024-04-15"),
)
ES = Article(
    "es",
    "El Gobierno aprueba una ley para frenar la subida del alquiler\n\n"
    "Por Javier López\n\n"
    "El Gobierno aprobó el martes una ley que limita la subida de los alquileres en las "
    "grandes ciudades.\n\n"
    "La norma afectará a más de un millón de viviendas, según el Ministerio de Vivienda.\n\n"
    "Los propietarios criticaron la medida y anunciaron que recurrirán ante el Tribunal "
    "Constitucional.\n\n"
    "La ley entrará en vigor el 1 de junio, tras su publicación en el boletín oficial.\n",
    lead="El Gobierno aprobó el martes una ley",
    byline="Por Javier López",
    published="Publicado el 12 de marzo de 2024",
    headings=("Cronología", "Fuentes"),
    summary_word="Resumen",
    events="acontecimiento",
    dates=("2024-03-12", "2024-06-01"),
)
ARTICLES = {a.lang: a for a in (FR, DE, PT, ES)}
ENGLISH_WORDS = ("Timeline", "Sources", "Published", "dated event", "Generated by")


def _english_left(text: str, article: Article) -> list[str]:
    """The briefing's English words found in ``text`` ("Sources" is French too)."""
    return [w for w in ENGLISH_WORDS if w in text and w not in article.headings]


def _dated_languages() -> tuple[str, ...]:
    """The languages the tagger has rules for (English alone before issue 14's rules)."""
    import timeline.temporal

    languages = getattr(timeline.temporal, "languages", None)
    return tuple(languages()) if languages is not None else ("en",)


@dataclass(frozen=True)
class Brief:
    md: str
    data: dict[str, Any]
    html: Path


def _brief(article: Article, out: Path, *extra: str) -> Brief:
    src = out / f"{article.lang}.txt"
    src.write_text(article.text, encoding="utf-8")
    code = main(["brief", str(src), "--date", DCT, "--format", "html,md,json",
                 "--sentences", "2", "--out", str(out / "out"), *extra])
    assert code == 0
    folder = out / "out"
    md = next(folder.glob("*.md")).read_text(encoding="utf-8")
    data = json.loads(next(folder.glob("*.json")).read_text(encoding="utf-8"))
    html = next(p for p in folder.glob("*.html") if p.name != "index.html")
    return Brief(md, data, html)


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Brief]:
    return {
        lang: _brief(a, tmp_path_factory.mktemp(lang)) for lang, a in ARTICLES.items()
    }


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_article_language_is_detected(lang: str) -> None:
    assert detect(ARTICLES[lang].text) == lang


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_briefing_words_are_in_the_articles_language(briefs: dict[str, Brief],
                                                     lang: str) -> None:
    a, b = ARTICLES[lang], briefs[lang]
    assert b.data["locale"] == lang
    assert a.published in b.md
    for heading in a.headings:
        assert f"\n## {heading}\n" in b.md
    assert a.events in b.md
    assert _english_left(b.md, a) == []


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_summary_opens_with_the_news_in_that_language(briefs: dict[str, Brief],
                                                      lang: str) -> None:
    a, b = ARTICLES[lang], briefs[lang]
    summary = b.data["summary"]
    texts = [s if isinstance(s, str) else s["text"] for s in summary]
    assert len(texts) == 2
    assert texts[0].startswith(a.lead)
    assert not any(a.byline in t for t in texts)
    assert all(t in a.text for t in texts)


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_dates_where_the_tagger_reads_the_language(briefs: dict[str, Brief], lang: str) -> None:
    values = {e["value"] for e in briefs[lang].data["events"]}
    if lang in _dated_languages():
        assert set(ARTICLES[lang].dates) <= values
    else:  # read with the English rules: whatever is found is a real date of the text
        assert values <= {*ARTICLES[lang].dates, "2024"}


def test_locale_option_overrides_the_articles_language(tmp_path: Path) -> None:
    b = _brief(FR, tmp_path, "--locale", "en")
    assert b.data["locale"] == "en"
    assert "Published 12 March 2024" in b.md and "\n## Timeline\n" in b.md
    assert b.data["summary"]  # the summary is still French, chosen with French words
    first = b.data["summary"][0]
    assert (first if isinstance(first, str) else first["text"]).startswith(FR.lead)


def test_english_article_keeps_english_words(tmp_path: Path) -> None:
    src = tmp_path / "en.txt"
    src.write_text(
        "Council approves new budget\n\nThe city council approved a new budget on Tuesday "
        "after months of debate over school funding.\n\nThe plan takes effect on 1 April, "
        "officials said.\n", encoding="utf-8")
    assert main(["brief", str(src), "--date", DCT, "--format", "md",
                 "--out", str(tmp_path / "out")]) == 0
    md = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "Published 12 March 2024" in md and "\n## Timeline\n" in md


# --- in Chromium, as tests/test_browser.py ---------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from browser import CHROMIUM_ARGS, chromium_path

    pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    if not chromium_path().exists():
        pytest.skip(f"{chromium_path()} not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium_path()), args=list(CHROMIUM_ARGS))
        yield b
        b.close()


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_page_in_chromium_reads_in_the_language(browser: Any, briefs: dict[str, Brief],
                                                lang: str) -> None:
    a = ARTICLES[lang]
    ctx = browser.new_context(java_script_enabled=False)
    requests: list[str] = []
    ctx.route(lambda u: not u.startswith(("file:", "about:", "data:")),
              lambda route: (requests.append(route.request.url), route.abort()))
    try:
        page = ctx.new_page()
        page.goto(briefs[lang].html.as_uri())
        assert page.locator("html").get_attribute("lang") == lang
        h2 = [t.strip() for t in page.locator("h2").all_inner_texts()]
        assert [h for h in h2 if h in a.headings] == list(a.headings)
        body = page.locator("body").inner_text()
        assert a.published in body.replace("\n", " ")
        assert a.lead in body
        assert _english_left(body, a) == []
        assert page.locator("h1").inner_text().strip() == a.text.split("\n")[0]
        assert not requests
    finally:
        ctx.close()


def test_unsupported_language_gets_one_line_and_a_briefing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "sv.txt"
    src.write_text(
        "Regeringen höjer skatten\n\nRegeringen meddelade på tisdag att skatterna för stora "
        "företag höjs nästa år för att finansiera sjukhusen.\n\nOppositionen kritiserade "
        "beslutet och kallade det orättvist mot småföretagen.\n", encoding="utf-8")
    assert main(["brief", str(src), "--date", DCT, "--format", "md",
                 "--out", str(tmp_path / "out")]) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if "Swedish" in line]
    assert len(err) == 1
    assert "Swedish (sv)" in err[0] and "not supported" in err[0]
    assert all(name in err[0] for name in ("English", "French", "German", "Portuguese",
                                           "Spanish"))
    md = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "\n## Timeline\n" in md  # read, and briefed, as English


def test_contested_figures_line_in_each_language() -> None:
    from timeline.model import Citation, Claim
    from timeline.render.context import claims_line
    from timeline.render.strings import ui_strings

    cite = Citation("a", 0, 10)
    claims = (
        Claim("killed", 1480, "1 480", ("OSDH",), (cite,), breakdown=(("Jableh", 1000),)),
        Claim("killed", 78, "78", ("",), (cite,), earlier=True, revised_from=("70",)),
    )
    names = {"a": "AFP"}
    assert claims_line(claims, names) == (
        "Figures differ: 1 480 killed – 1,000 in Jableh (OSDH); 78 (AFP, earlier, revised "
        "from 70)")
    fr = claims_line(claims, names, ui_strings("fr"))
    assert fr.startswith("Les chiffres divergent\u00a0: ") and "1\u202f000 à Jableh" in fr
    assert "(AFP, plus tôt, révisé, auparavant 70)" in fr
    de = claims_line(claims, names, ui_strings("de"))
    assert de.startswith("Die Zahlen weichen ab: ") and "1.000 in Jableh" in de
