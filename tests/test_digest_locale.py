"""A feed digest in French or German reads French or German: its own words (title, counts,
"new since", the marks, "Other items", "Sources", the footer) come from the message
catalogue, in the page, the Markdown and the email alike (issue 14).

The feeds are small synthetic ones written here, in the shape tests/test_digest.py writes:
two stories of three items and three items of their own on one day, then a follow-up and
an undated item the next day, so the second digest has new items, a previous digest and a
date the feed gave.
"""

from __future__ import annotations

import json
import re
from email import message_from_bytes, policy
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_digest import atom, digest_json, rss, run

DAY = "2026-03-14"
NEXT_DAY = "2026-03-15"

FEEDS = {
    "fr": {
        "bridge": [
            ("Le pont de Rivebourg s’effondre à l’heure de pointe",
             "Le pont de la rue Hallam à Rivebourg s’est effondré mardi matin, précipitant "
             "trois voitures dans la rivière. Les secours ont sorti six personnes de l’eau. "
             "Le pont avait été fermé pour travaux en 2019."),
            ("Six rescapés après la chute du pont de Rivebourg",
             "Des plongeurs ont secouru six personnes après la chute du pont de la rue Hallam "
             "à Rivebourg dans la rivière mardi. Des ingénieurs avaient averti en mars que le "
             "pont devait être réparé. Le maire a ordonné une enquête."),
            ("Enquête ouverte sur l’effondrement du pont de Rivebourg",
             "Le maire de Rivebourg a ordonné mardi une enquête sur l’effondrement du pont de "
             "la rue Hallam. Six personnes ont été secourues dans la rivière. L’enquête rendra "
             "ses conclusions le 30 juin."),
        ],
        "bank": [
            ("La banque centrale relève son taux directeur à 4,5 %",
             "La banque centrale a relevé mardi son principal taux d’intérêt à 4,5 %, sa "
             "troisième hausse depuis janvier. Le gouverneur a estimé que l’inflation restait "
             "trop élevée. La prochaine décision sur les taux est attendue le 2 mai."),
            ("Nouvelle hausse des taux de la banque centrale face à l’inflation",
             "Les emprunteurs paieront plus cher après la hausse du taux d’intérêt de la "
             "banque centrale à 4,5 % mardi. Le gouverneur de la banque a déclaré que "
             "l’inflation avait baissé plus lentement que prévu depuis janvier."),
            ("Le gouverneur défend la troisième hausse des taux",
             "Le gouverneur de la banque centrale a défendu mardi la hausse du taux d’intérêt "
             "à 4,5 %, l’inflation restant deux fois supérieure à l’objectif. Les économistes "
             "attendent une nouvelle hausse des taux le 2 mai."),
        ],
        "other": [
            ("L’orchestre annonce son festival d’été",
             "L’orchestre de la ville a annoncé un festival d’été de douze concerts à partir "
             "du 4 juillet, avec une nouvelle symphonie d’un compositeur local."),
            ("Le club local remporte la coupe aux tirs au but",
             "Le club de football de Valbrune a remporté samedi la finale de la coupe "
             "départementale aux tirs au but après un match nul contre ses vieux rivaux."),
            ("Une nouvelle espèce de grenouille découverte en forêt",
             "Des biologistes ont décrit une nouvelle espèce de rainette découverte dans une "
             "forêt de montagne isolée, la première espèce d’amphibien décrite là depuis "
             "quarante ans."),
        ],
        "follow_up": (
            "Les ingénieurs jugeaient le pont de Rivebourg dangereux",
            "Des ingénieurs ont déclaré dimanche devant l’enquête sur l’effondrement du pont "
            "de la rue Hallam à Rivebourg qu’ils avaient jugé le pont dangereux en mars. Le "
            "maire a indiqué que l’enquête rendrait ses conclusions le 30 juin."),
        "undated": ("Le musée municipal rouvre ses portes",
                    "Le musée municipal de Valbrune rouvre ses portes après deux ans de "
                    "travaux de rénovation."),
        # the digest's own words, as a reader of the language expects them
        "expect": ["Revue de presse du 15 mars 2026", "nouveautés depuis le 14 mars 2026",
                   "Sources", "date du flux", "hors ligne"],
        "md_expect": ["signalées par NOUVEAU.", "(NOUVEAU)", "Sources\u00a0:"],
        "counts": (r"\b{n} sujets?\b", r"\b{n} autres? articles?\b"),
        "other_items": "Autres articles",
    },
    "de": {
        "bridge": [
            ("Brücke in Rheinfeld stürzt im Berufsverkehr ein",
             "Die Brücke an der Hallamstraße in Rheinfeld ist am Dienstagmorgen eingestürzt, "
             "drei Autos fielen in den Fluss. Rettungskräfte zogen sechs Menschen aus dem "
             "Wasser. Die Brücke war 2019 wegen Reparaturen gesperrt worden."),
            ("Sechs Menschen nach Brückeneinsturz in Rheinfeld gerettet",
             "Taucher retteten sechs Menschen, nachdem die Brücke an der Hallamstraße in "
             "Rheinfeld am Dienstag in den Fluss gestürzt war. Ingenieure hatten im März "
             "gewarnt, dass die Brücke repariert werden müsse. Der Bürgermeister ordnete "
             "eine Untersuchung an."),
            ("Untersuchung zum Brückeneinsturz in Rheinfeld angeordnet",
             "Der Bürgermeister von Rheinfeld ordnete am Dienstag eine Untersuchung zum "
             "Einsturz der Brücke an der Hallamstraße an. Sechs Menschen wurden aus dem Fluss "
             "gerettet. Die Untersuchung soll bis zum 30. Juni berichten."),
        ],
        "bank": [
            ("Zentralbank erhöht den Leitzins auf 4,5 Prozent",
             "Die Zentralbank hat ihren Leitzins am Dienstag auf 4,5 Prozent erhöht, die "
             "dritte Erhöhung seit Januar. Der Gouverneur sagte, die Inflation sei weiterhin "
             "zu hoch. Die nächste Zinsentscheidung steht am 2. Mai an."),
            ("Zinsen steigen erneut im Kampf der Zentralbank gegen die Inflation",
             "Kreditnehmer zahlen mehr, nachdem die Zentralbank den Leitzins am Dienstag auf "
             "4,5 Prozent angehoben hat. Der Gouverneur der Zentralbank sagte, die Inflation "
             "sei seit Januar langsamer gesunken als erwartet."),
            ("Gouverneur verteidigt dritte Zinserhöhung der Zentralbank",
             "Der Gouverneur der Zentralbank verteidigte die Erhöhung des Leitzinses auf 4,5 "
             "Prozent am Dienstag, die Inflation liege noch doppelt so hoch wie das Ziel. "
             "Ökonomen erwarten am 2. Mai eine weitere Zinserhöhung."),
        ],
        "other": [
            ("Orchester kündigt Sommerfestival an",
             "Das städtische Orchester kündigte ein Sommerfestival mit zwölf Konzerten ab dem "
             "4. Juli an, mit einer neuen Sinfonie eines Komponisten aus der Stadt."),
            ("Heimischer Verein gewinnt Pokalfinale im Elfmeterschießen",
             "Der Fußballverein aus Talbrunn gewann am Samstag das Pokalfinale im "
             "Elfmeterschießen nach einem torlosen Unentschieden gegen den alten Rivalen."),
            ("Neue Froschart im Bergwald entdeckt",
             "Biologen beschrieben eine neue Laubfroschart aus einem abgelegenen Bergwald, "
             "die erste dort beschriebene Amphibienart seit vierzig Jahren."),
        ],
        "follow_up": (
            "Ingenieure hielten die Brücke in Rheinfeld für unsicher",
            "Ingenieure sagten am Sonntag vor der Untersuchung zum Einsturz der Brücke an der "
            "Hallamstraße in Rheinfeld, sie hätten die Brücke im März für unsicher erklärt. "
            "Der Bürgermeister sagte, die Untersuchung solle bis zum 30. Juni berichten."),
        "undated": ("Städtisches Museum öffnet wieder",
                    "Das städtische Museum in Talbrunn öffnet nach zwei Jahren Umbau wieder "
                    "seine Türen."),
        "expect": ["Nachrichtenüberblick vom 15. März 2026", "Neues seit dem 14. März 2026",
                   "Quellen", "Datum des Feeds", "ohne Netz"],
        "md_expect": ["mit NEU markiert.", "(NEU)", "Quellen:"],
        "counts": (r"\b{n} Them(?:a|en)\b", r"\b{n} weitere Meldung(?:en)?\b"),
        "other_items": "Weitere Meldungen",
    },
}


def write_feeds(folder: Path, lang: str) -> Path:
    f = FEEDS[lang]
    bridge, bank, other = f["bridge"], f["bank"], f["other"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "alpha.rss").write_text(rss("alpha", [bridge[0], bank[0], other[0]]), "utf-8")
    (folder / "beta.rss").write_text(rss("beta", [bank[1], other[1], bridge[1]]), "utf-8")
    (folder / "gamma.atom").write_text(atom("gamma", [bridge[2], other[2], bank[2]]), "utf-8")
    return folder


def two_days(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> Path:
    """The digest of the first day, then of the next (a follow-up, an undated item):
    no --locale, so the digest is written in the language of its items."""
    feeds = write_feeds(tmp_path / "feeds", lang)
    out = tmp_path / "out"
    fmt = ("--format", "html,md,json,eml")
    code, _, err = run(capsys, "digest", str(feeds), "--out", str(out), *fmt)
    assert code == 0, err
    f = FEEDS[lang]
    (feeds / "delta.rss").write_text(rss("delta", [f["follow_up"]], day=NEXT_DAY), "utf-8")
    (feeds / "epsilon.rss").write_text(rss("epsilon", [f["undated"]], day=NEXT_DAY,
                                           dated=False), "utf-8")
    code, _, err = run(capsys, "digest", str(feeds), "--out", str(out), *fmt,
                       "--date", NEXT_DAY)
    assert code == 0, err
    return out


class _Visible(HTMLParser):
    """The words a reader sees or hears: text outside <style>, and labels and titles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style = tag in ("style", "script")
        self.parts += [f" {v} " for k, v in attrs if k in ("aria-label", "title", "alt") and v]

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return "".join(parser.parts)


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}


def _catalogue_words(lang: str) -> set[str]:
    """Every word of a language's message catalogue (its "{placeholders}" left out)."""
    path = Path(__file__).resolve().parents[1] / "timeline" / "render" / "locale"
    data = json.loads((path / f"{lang}.json").read_text("utf-8"))
    texts: list[str] = []
    for part in ("strings", "dates"):
        for value in data[part].values():
            texts += value.values() if isinstance(value, dict) else [value]
    return _words(re.sub(r"\{\w*\}", " ", " ".join(texts)))


def english_words_left(text: str, lang: str) -> set[str]:
    """Words of ours in English that a page in ``lang`` shows: words of the English
    catalogue that are neither words of ``lang``'s catalogue nor of the feeds' own text
    (titles, texts, outlet names)."""
    f = FEEDS[lang]
    inputs = [*f["bridge"], *f["bank"], *f["other"], f["follow_up"], f["undated"]]
    theirs = _words(" ".join(t + " " + d for t, d in inputs))
    theirs |= {"alpha", "beta", "gamma", "delta", "epsilon"}
    ours = _catalogue_words("en") - _catalogue_words(lang) - theirs
    return _words(text) & ours


def _eml_parts(raw: bytes) -> tuple[object, str, str]:
    msg = message_from_bytes(raw, policy=policy.default)
    plain = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    return msg, plain, html


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_a_feed_digest_reads_in_the_language_of_its_items(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    out = two_days(tmp_path, capsys, lang)
    data = digest_json(out, NEXT_DAY)
    assert data["previous"] == DAY and data["stories"]
    assert any(i["new"] for s in data["stories"] for i in s["items"])
    f = FEEDS[lang]
    stories, other = f["counts"]
    counts = [re.compile(stories.format(n=len(data["stories"]))),
              re.compile(other.format(n=len(data["other"])))]

    page = (out / f"digest-{NEXT_DAY}.html").read_text("utf-8")
    assert f'<html lang="{lang}">' in page
    shown = visible(page)
    for phrase in f["expect"]:
        assert phrase in shown, (phrase, shown)
    assert all(rx.search(shown) for rx in counts), shown
    assert (f["other_items"] in shown) == bool(data["other"])
    assert english_words_left(shown, lang) == set()

    md = (out / f"digest-{NEXT_DAY}.md").read_text("utf-8")
    md_text = re.sub(r"\]\([^)]*\)", "]", md)  # link targets are addresses, not words
    for phrase in f["md_expect"] + [f["expect"][0]]:
        assert phrase in md_text, (phrase, md_text)
    assert all(rx.search(md_text) for rx in counts), md_text
    assert english_words_left(md_text, lang) == set()

    msg, plain, html = _eml_parts((out / f"digest-{NEXT_DAY}.eml").read_bytes())
    assert msg["Subject"] == f["expect"][0]  # type: ignore[index]
    assert msg["Content-Language"] == lang  # type: ignore[index]
    assert plain.replace("\r\n", "\n") == md
    mail_text = visible(html)
    for phrase in f["expect"][:2] + [f["expect"][-1]]:
        assert phrase in mail_text, (phrase, mail_text)
    assert all(rx.search(mail_text) for rx in counts), mail_text
    assert (f["md_expect"][1].strip("()")) in mail_text  # the NEW mark, upper case
    assert english_words_left(mail_text, lang) == set()

    # the site index lists both digests by their titles, and the stories' briefings
    index = visible((out / "index.html").read_text("utf-8"))
    assert f["expect"][0] in index
    assert english_words_left(index, lang) == set()


def test_the_english_words_test_sees_english(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The same French feeds with --locale en: the check above would fail on the page."""
    feeds = write_feeds(tmp_path / "feeds", "fr")
    out = tmp_path / "out"
    code, _, err = run(capsys, "digest", str(feeds), "--out", str(out), "--locale", "en")
    assert code == 0, err
    shown = visible((out / f"digest-{DAY}.html").read_text("utf-8"))
    assert {"digest", "other", "items", "made", "offline"} <= english_words_left(shown, "fr")


def test_a_digest_with_no_story_says_so_in_its_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "seul.rss"
    feed.write_text(rss("seul", [FEEDS["fr"]["other"][1]]), "utf-8")
    code, _, err = run(capsys, "digest", str(feed), "--out", str(tmp_path / "out"),
                       "--format", "html,md")
    assert code == 0, err
    page = visible((tmp_path / "out" / f"digest-{DAY}.html").read_text("utf-8"))
    assert "Aucun sujet" in page and "0 sujet" in page and "1 autre article" in page
    assert "Autres articles" in page and english_words_left(page, "fr") == set()
    md = (tmp_path / "out" / f"digest-{DAY}.md").read_text("utf-8")
    assert md.startswith("# Revue de presse du 14 mars 2026\n")


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_stories_are_found_in_the_language_of_the_items(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """The bridge and the bank are two stories in French and German too, and the items of
    their own stay apart: the language's function words ("le", "la", "de"; "der", "die")
    are no terms (with English ones only, all nine French items made one story)."""
    feeds = write_feeds(tmp_path / "feeds", lang)
    out = tmp_path / "out"
    code, _, err = run(capsys, "digest", str(feeds), "--out", str(out), "--format", "json")
    assert code == 0, err
    data = digest_json(out, DAY)
    f = FEEDS[lang]
    found = sorted(sorted(d["title"] for d in s["documents"]) for s in data["stories"])
    assert found == sorted([sorted(t for t, _ in f["bridge"]), sorted(t for t, _ in f["bank"])])
    assert sorted(t for o in data["other"] for d in o["documents"] for t in [d["title"]]) == \
        sorted(t for t, _ in f["other"])
