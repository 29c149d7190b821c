"""Text statistics the stages share: stop words, the dot product of term vectors, and
whitespace cleaning.

Stop words come in three lists, each the one some stage was built and evaluated with:

* ``"smart"``: the SMART list as sumy ships it (``sumy/data/stopwords/english.txt``),
  read without importing sumy (0.15 s). Story timelines and the ROUGE of the Timeline17
  protocol use it (tilse's ROUGE drops the same list).
* ``"news"``: the SMART list plus reporting verbs and news filler ("said", "told",
  "according", "mr", "cnn"), which carry no content for a summary's coverage or similarity.
* ``"headline"``: a short hand list of function words and news filler, used to tell
  whether a line shares content words with the article's text (ingest's headline test).
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["StopList", "clean", "dot", "stop_words"]

StopList = Literal["smart", "news", "headline"]

_NEWS_FILLER = frozenset(
    "said say says told tell according added mr mrs ms dr cnn".split()
)
"""Reporting verbs and news filler: no content for coverage or similarity."""

_HEADLINE_STOP = frozenset(
    "about above after again against also among been before being below between both but "
    "could does doing down during each from further have having here into just more most "
    "much must only other over same should some such than that their them then there these "
    "they this those through under until very were what when where which while will with "
    "would year years said says people time first last your".split()
)

_LOADED: dict[str, frozenset[str]] = {}


def _smart() -> frozenset[str]:
    import pkgutil

    data = pkgutil.get_data("sumy", "data/stopwords/english.txt") or b""
    return frozenset(w.strip() for w in data.decode("utf-8").splitlines() if w.strip())


def _other_language(kind: StopList, lang: str) -> frozenset[str]:
    """sumy's stop-word list of ``lang`` (named by its Snowball name) with the stop-words
    package's list of it, plus that language's news filler for ``"news"``."""
    import pkgutil

    from stop_words import get_stop_words

    from timeline.language import words

    data = words(lang)
    raw = pkgutil.get_data("sumy", f"data/stopwords/{data.snowball}.txt") or b""
    base = frozenset(w.strip() for w in raw.decode("utf-8").splitlines() if w.strip())
    # sumy's lists miss the commonest function words ("de", "un", "une" in French; "de",
    # "y" in Spanish): the stop-words package's list of the language fills them in
    base |= frozenset(w.lower() for w in get_stop_words(lang))
    return base | data.news_filler if kind == "news" else base


def stop_words(kind: StopList = "smart", lang: str = "en") -> frozenset[str]:
    """The stop-word list ``kind`` (see the module docstring) of language ``lang`` (an ISO
    639-1 code; languages other than English have sumy's list of that language, plus
    their news filler in ``"news"``), loaded once: every call returns the same object, so
    callers may key caches on it."""
    if lang != "en":
        if kind not in ("smart", "news", "headline"):
            raise ValueError(f"unknown stop-word list {kind!r}")
        key = f"{kind}:{lang}"
        got = _LOADED.get(key)
        if got is None:
            got = _LOADED[key] = _other_language(kind, lang)
        return got
    got = _LOADED.get(kind)
    if got is None:
        if kind == "smart":
            got = _smart()
        elif kind == "news":
            got = stop_words("smart") | _NEWS_FILLER
        elif kind == "headline":
            got = _HEADLINE_STOP
        else:
            raise ValueError(f"unknown stop-word list {kind!r}")
        _LOADED[kind] = got
    return got


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product of two sparse term vectors (their cosine when both are unit
    vectors), walking the shorter one."""
    if len(a) > len(b):
        a, b = b, a
    total = 0.0
    for term, x in a.items():
        y = b.get(term)
        if y is not None:
            total += x * y
    return total


_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """The text on one line: every run of white space one space, none at the ends."""
    return _SPACE.sub(" ", text).strip()
