"""One engine, languages as data: the engine's code names no word of any language, every
language is a folder of timeline/temporal/data, and a folder is all a language needs."""

from __future__ import annotations

import io
import re
import shutil
import tokenize
from pathlib import Path

import pytest

from timeline.temporal import languages, tag
from timeline.temporal.cues import CueError, read_cues
from timeline.temporal.rules import DATA_DIR, RuleError, load
from timeline.temporal.timex3 import describe, words

ENGINE = Path(__file__).resolve().parents[1] / "timeline" / "temporal"

#: words that would show a language's vocabulary written into the engine's code (not the
#: engine's own names of units and directions: "day", "decade", "since", "last")
_WORDS = (
    # months and weekdays, in full and as abbreviations a pattern would spell
    "january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "januar februar märz juni juli oktober dezember montag dienstag mittwoch donnerstag "
    "freitag samstag sonntag enero febrero marzo mayo junio julio agosto lunes martes "
    "janeiro fevereiro março maio junho julho segunda "
    # number words, deictic and tense words
    "one two three four five six seven eight nine ten eleven twelve twenty thirty hundred "
    "thousand million dozen couple several "
    "deux trois quatre cinq zwei drei vier fünf dos tres cuatro cinco dois quatro "
    "yesterday tomorrow today tonight morning afternoon evening night noon midnight "
    "spring summer autumn winter later earlier ago "
    "hier demain heute gestern morgen ayer mañana ontem amanhã "
    "will would shall said until"
).split()
_WORD = re.compile(r"[^\W\d_]+")


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that are not docstrings (comments are no tokens)."""
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline))
    out = []
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.STRING:
            continue
        before = [t for t in tokens[:i] if t.type not in (tokenize.NL, tokenize.COMMENT)]
        prev = before[-1] if before else None
        standalone = prev is None or prev.type in (
            tokenize.NEWLINE,
            tokenize.INDENT,
            tokenize.DEDENT,
        )
        if standalone:
            continue  # a docstring: prose about the code, not data it reads
        out.append((tok.start[0], tok.string))
    return out


@pytest.mark.parametrize("module", sorted(p.name for p in ENGINE.glob("*.py")))
def test_engine_code_names_no_words_of_a_language(module: str) -> None:
    vocabulary = set(_WORDS)
    found = [
        (line, word)
        for line, literal in _code_strings(ENGINE / module)
        for word in _WORD.findall(literal.lower())
        if word in vocabulary
    ]
    assert not found, f"{module}: words in code, move them to data/<lang>/: {found}"


def test_the_grep_sees_a_word_list() -> None:
    """The check above would catch a month list or a cue regex written into code."""
    fake = 'MONTHS = ["January", "February"]\nCUE = re.compile(r"\\b(?:will|said)\\b")\n'
    tokens = tokenize.generate_tokens(io.StringIO(fake).readline)
    literals = [t.string.lower() for t in tokens if t.type == tokenize.STRING]
    assert {"january", "will", "said"} <= {w for s in literals for w in _WORD.findall(s)}


def test_every_language_folder_loads() -> None:
    assert "en" in languages()
    assert set(languages()) <= set(languages(include_pending=True))
    for lang in languages(include_pending=True):
        res = load(lang)
        assert res.lang == lang and res.rules
        assert len(words(lang).months) == 12  # describe() has its words too


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(RuleError, match="'xx'"):
        tag("on 3 May 2016", "2016-05-23", lang="xx")
    with pytest.raises(RuleError):
        load("../en")
    with pytest.raises(ValueError, match="'xx'"):
        describe("2016-05", lang="xx")


def test_a_language_is_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Copy English to a new folder, name a month differently: the engine reads it."""
    import timeline.temporal.rules as rules

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR / "en", data / "zz")
    months = data / "zz" / "patterns" / "month.txt"
    months.write_text(months.read_text("utf-8").replace("May", "Maymonth"), "utf-8")
    table = data / "zz" / "norm" / "month.tsv"
    table.write_text(table.read_text("utf-8") + "maymonth\t05\n", "utf-8")
    monkeypatch.setattr(rules, "DATA_DIR", data)
    rules.load.cache_clear()
    try:
        found = tag("The vote was on 3 Maymonth 2016.", "2016-05-23", lang="zz").timexes
        assert [(t.text, t.value) for t in found] == [("3 Maymonth 2016", "2016-05-03")]
        assert languages() == ("zz",)
    finally:
        rules.load.cache_clear()


def test_a_cue_file_must_name_every_cue(tmp_path: Path) -> None:
    broken = tmp_path / "cues.toml"
    text = (DATA_DIR / "en" / "cues.toml").read_text("utf-8")
    broken.write_text(text.replace("[regex.plan]", "[regex.plans]"), "utf-8")
    with pytest.raises(CueError, match="no \\[regex.plan\\]"):
        read_cues(broken)
    plan = '[regex.plan]\nflags = "i"'
    broken.write_text(text.replace(plan, '[regex.plan]\nflags = "iq"'), "utf-8")
    with pytest.raises(CueError, match="unknown flag"):
        read_cues(broken)
