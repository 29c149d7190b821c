"""Which language a text is in, and which languages the pipeline handles.

``detect(text)`` names the language of an article as an ISO 639-1 code ("en", "fr", ...),
or ``"und"`` (ISO 639's "undetermined") when the text is too short to tell or the
identifier is unsure. It uses py3langid (a maintained fork of langid.py: a naive Bayes
model over byte n-grams, shipped inside the package, 4.5 MB, no download). Chosen over
lingua-language-detector on short news sentences written for the purpose (5 languages x 6
sentences, each whole and cut to its first 4 words): both 60/60 right, but py3langid takes
0.06 ms a text against lingua's 128 ms (high-accuracy mode; its fast mode fell to 55/60)
and 4.5 MB against 96 MB installed.

The model is loaded on the first call (about 0.9 s: it decompresses), never at import, so
``timeline --help`` and runs given a language stay fast.
"""

from __future__ import annotations

import functools
import json
import pkgutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "SUPPORTED",
    "UNDETERMINED",
    "Words",
    "article_language",
    "detect",
    "name",
    "pipeline_language",
    "support_note",
    "support_notes",
    "words",
]

SUPPORTED: tuple[str, ...] = ("en", "fr", "de", "pt", "es")
"""The languages the pipeline handles (dates, summary, segmentation, the briefing's words)."""

UNDETERMINED = "und"
"""ISO 639's code for "undetermined": too short, or no language is likely enough."""

MIN_LETTERS = 20
"""Fewer letters than this (about four words) say too little to tell a language by."""

MIN_CONFIDENCE = 0.5
"""The identifier's probability for its best language must reach this: whole news
sentences in the five supported languages score 0.78 and more, four-word fragments
0.13-1.0, and names or numbers alone ("Barack Obama visited Paris.") below 0.1."""

SAMPLE_CHARS = 2_000
"""Only the article's head is read: on 271 development texts (125 CNN/DM, 52 French
TimeBank, 60 TimeBankPT, 34 WikiWarsDE files) the first 2,000 characters give the same
answers as the first 20,000 (269 right; the two others an English readme and a key file
of bare dates, "und"), in 9 ms a text against 14 ms; 1,000 characters miss 4 more."""


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # ISO 639-1 codes only: the model also knows dialects and varieties with three-letter
    # codes ("ext", "vec", "lij") that split a Spanish or Italian text's probability.
    ident.set_languages([code for code in ident.labels if len(code) == 2])
    return ident


def detect(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language, or ``"und"`` when unsure or too short.

    Answers are remembered by the text's head: the stages that ask about the same article
    (dates, summary, the output locale) pay for one identification."""
    return _detect(text[:SAMPLE_CHARS])


DETECT_CACHE = 4096
"""Article heads whose language is remembered (a digest's worth of articles)."""


@functools.lru_cache(maxsize=DETECT_CACHE)
def _detect(sample: str) -> str:
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return UNDETERMINED
    code, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        return UNDETERMINED
    return str(code)


def name(code: str, locale: str = "en") -> str:
    """The language ``code`` named in ``locale`` ("sv" -> "Swedish"), by Babel's locale
    data; the code itself when Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(locale).languages.get(code, code))
    except (UnknownLocaleError, ValueError):
        return code


def support_note(code: str) -> str | None:
    """One line for a text in a language the pipeline does not handle (None for the
    supported ones and for ``"und"``): what it is, and what is and is not done with it."""
    if code in SUPPORTED or code == UNDETERMINED:
        return None
    handled = ", ".join(name(c) for c in SUPPORTED)
    return (
        f"the text is in {name(code)} ({code}), which is not supported (supported: {handled}); "
        "it is read with the English rules, so dates and the summary may be missing or wrong"
    )


def support_notes(inputs: Iterable[tuple[str, str]]) -> list[str]:
    """One line per unsupported language found among ``inputs`` ((label, text) pairs),
    naming the first input in it and how many more there are."""
    found: dict[str, list[str]] = {}
    for label, text in inputs:
        code = detect(text)
        if support_note(code) is not None:
            found.setdefault(code, []).append(label)
    lines = []
    for code, labels in found.items():
        more = f" (and {len(labels) - 1} more)" if len(labels) > 1 else ""
        lines.append(f"{labels[0]}{more}: {support_note(code)}")
    return lines


def pipeline_language(code: str) -> str:
    """The language the pipeline reads a text as: ``code`` when supported, else English
    (an unsupported or undetermined language is read with the English rules)."""
    return code if code in SUPPORTED else "en"


def article_language(texts: Sequence[str], lang: str | None = None) -> str:
    """The language the pipeline reads articles in and writes their briefing in: ``lang``
    when given, else the language detected in the first text (the first article's body);
    English for a language the pipeline does not handle (see :func:`pipeline_language`)."""
    if lang is None:
        lang = detect(texts[0]) if texts else "en"
    return pipeline_language(lang)


def majority_language(texts: Sequence[str], sample: int = 200) -> str:
    """The language most of ``texts`` are in (the first ``sample`` of them, detected one by
    one), read as :func:`article_language` reads one; English when there are none. A feed
    digest is written in it."""
    from collections import Counter

    counts = Counter(article_language([t]) for t in texts[:sample] if t.strip())
    return counts.most_common(1)[0][0] if counts else "en"


@dataclass(frozen=True)
class Words:
    """What the stages after tagging know of a language's words (``data/words/<code>.json``;
    English keeps its lists in ``textstats`` and ``summarize``, as they were tuned).

    ``snowball`` names the Snowball stemmer and sumy's stop-word list; ``news_filler`` the
    reporting verbs and filler a summary's coverage ignores; ``deictic_days`` "today" and
    its kin (they date a statement); ``names_capitalized`` whether a capital inside a
    sentence marks a name (not in German, where every noun has one); ``open_quotes`` the
    marks a quotation opens with; ``titles`` the honorifics that open a sentence but no
    caption; ``furniture`` regular expressions (case-insensitive, matched at a line's
    start) for bylines, timestamps and page furniture.
    """

    code: str
    snowball: str
    news_filler: frozenset[str]
    deictic_days: frozenset[str]
    names_capitalized: bool
    open_quotes: str
    titles: tuple[str, ...]
    furniture: tuple[str, ...]


@functools.cache
def words(code: str) -> Words:
    """The word data of a supported language other than English (read once)."""
    raw = pkgutil.get_data("timeline", f"data/words/{code}.json")
    if raw is None or code == "en":
        raise ValueError(f"no word data for language {code!r}")
    d = json.loads(raw.decode("utf-8"))
    return Words(
        code=code,
        snowball=str(d["snowball"]),
        news_filler=frozenset(d["news_filler"]),
        deictic_days=frozenset(d["deictic_days"]),
        names_capitalized=bool(d["names_capitalized"]),
        open_quotes=str(d["open_quotes"]),
        titles=tuple(d["titles"]),
        furniture=tuple(d["furniture"]),
    )


@functools.cache
def _month_table(codes: tuple[str, ...]) -> dict[str, frozenset[int]]:
    """Month names of ``codes``, wide and abbreviated, lower case, no dot (Babel's locale
    data and the abbreviations news writes beside them, "sept"), each with the month
    numbers the languages give it."""
    from babel import Locale

    found: dict[str, set[int]] = {}
    for code in codes:
        months = Locale.parse(code).months["format"]
        for width in ("wide", "abbreviated"):
            for number, name in months[width].items():
                found.setdefault(str(name).lower().rstrip("."), set()).add(int(number))
        for variant, base in _NEWS_ABBREVIATIONS.get(code, {}).items():
            if base.lower() in found:
                found.setdefault(variant.lower(), set()).update(found[base.lower()])
    return {name: frozenset(numbers) for name, numbers in found.items()}


@functools.cache
def month_names() -> frozenset[str]:
    """Every supported language's month names, wide and abbreviated, lower case (Babel's
    locale data: "mai", "märz", "maio", "mayo", "sept"), for the stages that must know a
    month when they see one whatever the language."""
    return frozenset(_month_table(SUPPORTED))


# Abbreviations news writes beside Babel's own (AP style "Sept.", "Tues.", "Thurs."): each
# names the abbreviation of Babel's it stands for, so it reads as the same month or day.
_NEWS_ABBREVIATIONS = {"en": {"Sept": "Sep", "Tues": "Tue", "Thur": "Thu", "Thurs": "Thu"}}


@functools.cache
def calendar_words(code: str) -> dict[str, tuple[str, ...]]:
    """The calendar words of ``code`` as they are written (Babel's locale data, and the
    abbreviations news writes beside them): "month" the wide month names ("January"),
    "mon" the abbreviated ones ("Jan", "Sept"), "weekday" the wide day names ("Monday"),
    "wkday" the abbreviated ones ("Mon", "Tues"); longest first, so an alternation tries
    "Sept" before "Sep"."""
    from babel import Locale

    loc = Locale.parse(code)
    extra = _NEWS_ABBREVIATIONS.get(code, {})

    def names(table: Any, widths: tuple[str, ...]) -> tuple[str, ...]:
        found = {str(n).rstrip(".") for w in widths for n in table["format"][w].values()}
        found |= {variant for variant, base in extra.items() if base in found}
        return tuple(sorted(found, key=lambda n: (-len(n), n)))

    return {
        "month": names(loc.months, ("wide",)),
        "mon": names(loc.months, ("abbreviated",)),
        "weekday": names(loc.days, ("wide",)),
        "wkday": names(loc.days, ("abbreviated",)),
    }


def month_numbers(codes: Sequence[str]) -> dict[str, int]:
    """The month number of each month name of ``codes`` (as month_names); a name two of
    the languages give different months is left out."""
    table = _month_table(tuple(codes))
    return {name: next(iter(nums)) for name, nums in table.items() if len(nums) == 1}
