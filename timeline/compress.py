"""Sentence compression by the rules of news language: what wraps an event clause goes.

A news sentence tells an event inside a frame: a wire's credit or a filing stamp before
it ("LONDON (Reuters) -", "Wednesday 19 October 2005 18.57 BST"), when and who said it
("On Monday ,", ", officials said ."), asides in brackets and dashes. A timeline summary
scores what it says about the event, so the frame only costs precision. The rules are
data (``timeline/data/tls/compress.toml``: a pattern, its replacement and examples that
``tests/test_compress.py`` runs), applied in order to tokenized text: tokens separated by
single spaces, punctuation a token of its own, brackets as ``-LRB-``/``-RRB-`` (the Penn
Treebank form of Timeline17's articles and gold timelines).

The result keeps the event clause's words (subject, verb, object, figures, places); when
the rules would leave fewer than ``MIN_WORDS`` words the sentence is kept as it was.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from timeline import language

__all__ = ["Rule", "compress", "rules"]

MIN_WORDS = 5
"""A compressed sentence keeps at least this many words (tokens with a letter or digit);
less is a fragment, and the sentence stays whole."""

_WORDLIKE = re.compile(r"[^\W_]")
_LEADING_PUNCT = re.compile(r"^(?:(?:,|;|:|-+|\.)\s+)+")


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    replace: str
    examples: tuple[tuple[str, str], ...]


def _expand(pattern: str, words: dict[str, str], name: str) -> str:
    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in words:
            raise ValueError(f"compress rule {name!r}: unknown word list {{{key}}}")
        return f"(?:{words[key]})"

    return re.sub(r"\{([a-z]+)\}", sub, pattern)


def calendar_patterns() -> dict[str, str]:
    """The word lists {month} (wide or abbreviated), {weekday} and {wkday} of the rules:
    English calendar words from the one place that has them (language.calendar_words),
    an abbreviation with or without its full stop."""
    cal = language.calendar_words("en")

    def abbreviated(names: tuple[str, ...]) -> str:
        return "|".join(re.escape(n) + r"\.?" for n in names)

    return {
        "month": "|".join(map(re.escape, cal["month"])) + "|" + abbreviated(cal["mon"]),
        "weekday": "|".join(map(re.escape, cal["weekday"])),
        "wkday": abbreviated(cal["wkday"]),
    }


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The compression rules, in the order they apply (validated when loaded)."""
    raw = resources.files("timeline").joinpath("data/tls/compress.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    words = calendar_patterns() | {k: str(v) for k, v in data.get("words", {}).items()}
    out = []
    for item in data.get("rule", []):
        name = str(item["name"])
        pattern = re.compile(_expand(str(item["pattern"]), words, name))
        examples = tuple((str(a), str(b)) for a, b in item.get("examples", ()))
        if not examples:
            raise ValueError(f"compress rule {name!r} has no example")
        out.append(Rule(name, pattern, str(item.get("replace", "")), examples))
    return tuple(out)


def _words(line: str) -> int:
    return sum(1 for tok in line.split() if _WORDLIKE.search(tok))


def _tidy(line: str) -> str:
    line = _LEADING_PUNCT.sub("", " ".join(line.split()))
    if line[:1].islower():
        line = line[0].upper() + line[1:]
    return line


def compress(line: str, only: Sequence[str] | None = None) -> str:
    """``line`` (tokenized) without its frame; ``only`` names the rules to apply (all
    when None). A result shorter than ``MIN_WORDS`` words gives ``line`` back."""
    out = " ".join(line.split())
    for rule in rules():
        if only is not None and rule.name not in only:
            continue
        out = rule.pattern.sub(rule.replace, out)
    out = _tidy(out)
    return out if _words(out) >= MIN_WORDS else line
