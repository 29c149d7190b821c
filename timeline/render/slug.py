"""File-name-safe slugs, for a title in any script.

A title's slug is its words in ASCII: accents folded (``briefing.slugify``), Cyrillic and
Greek letters transliterated letter by letter (one simple rule each). A title with no such
letters at all (Chinese, Arabic, emoji) gets ``briefing-<6 hex digits>``, a hash of the
title, so two such briefings never share a file name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from timeline.briefing import SLUG_MAX, slugify
from timeline.model import Briefing

__all__ = ["SLUG_MAX", "briefing_slug", "safe_slug", "short_hash", "slugify", "title_slug",
           "transliterate"]
_RESERVED = {"index"}
FALLBACK = "briefing"  # what ``slugify`` gives when nothing usable is left
HASH_DIGITS = 6  # 16.7 million values: enough to tell a folder's briefings apart

# One Latin spelling per letter (lower case): Russian, Ukrainian, Belarusian, Serbian,
# Macedonian, Bulgarian Cyrillic, and Greek (accents are dropped before the lookup).
_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґўђјљњћџѓќѕ",
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya ye i yi g "
    "u dj j lj nj c dz gj kj dz".split(), strict=True))
_GREEK = dict(zip(
    "αβγδεζηθικλμνξοπρσςτυφχψω",
    "a v g d e z i th i k l m n x o p r s s t y f ch ps o".split(), strict=True))
_TABLE = {ch: ("" if latin == "_" else latin) for ch, latin in {**_CYRILLIC, **_GREEK}.items()}


def transliterate(text: str) -> str:
    """``text`` in lower case with its Cyrillic and Greek letters spelled in Latin ones."""
    out = []
    for ch in text.lower():
        latin = _TABLE.get(ch)
        if latin is None and ord(ch) > 0x7F:
            latin = _TABLE.get(unicodedata.normalize("NFD", ch)[0])  # ά -> α, ї -> і
        out.append(ch if latin is None else latin)
    return "".join(out)


def short_hash(text: str) -> str:
    """A short, stable hex digest of ``text`` (the same on every run and machine)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_DIGITS]


def _has_word(text: str) -> bool:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.search(r"[a-z0-9]", folded.lower()) is not None


def title_slug(title: str) -> str:
    """The slug of a title in any script (see the module docstring)."""
    latin = transliterate(title)
    if not _has_word(latin):
        return f"{FALLBACK}-{short_hash(title)}"
    return safe_slug(latin)


def safe_slug(slug: str) -> str:
    """Re-sanitize a slug for use as a file name in ``out_dir`` (never "index")."""
    clean = slugify(slug)
    if clean in _RESERVED:
        clean = f"{clean}-briefing"
    return clean


def briefing_slug(briefing: Briefing) -> str:
    """The file name (without extension) of a briefing: from its title when its slug was
    made from the title (so any script gets a name), else its own slug (``story-<id>``)."""
    if briefing.slug == slugify(briefing.title):
        return safe_slug(title_slug(briefing.title))
    return safe_slug(briefing.slug)


def with_suffix(slug: str, suffix: str) -> str:
    """``slug-suffix`` within ``SLUG_MAX`` characters (the slug is cut to make room)."""
    room = SLUG_MAX - len(suffix) - 1
    return f"{slug[:room].rstrip('-')}-{suffix}"
