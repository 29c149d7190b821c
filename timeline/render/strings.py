"""Interface words of the rendered pages, per language (English when a language is missing).

They live in one message catalogue, ``render/locale/<lang>.json`` (English, French, German,
Portuguese, Spanish): ``"strings"`` holds these words, ``"dates"`` the date phrases of
:mod:`timeline.render.dates` ("c. {}", "mid-{}"). A JSON file per language rather than
gettext: the entries are named fields, not English sentences as keys; plural forms follow
Babel's CLDR rules (below), so a .po file's own plural formula would be a second copy;
and the files load without a compile step. Babel's locale data supplies everything CLDR
has (month and weekday names, date order, quarter names, plural rules, digits).

Counted phrases ("1 dated event", "8 dated events") are dicts keyed by CLDR plural
category ("one", "few", "many", "other", ...), plus "none" for zero said in words;
:meth:`UiStrings.count` picks the form with Babel's plural rules of the strings' own
language, so a fallback to English text also falls back to English rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from timeline.render.escape import MdSafe

__all__ = ["CATALOGUE_LANGUAGES", "UiStrings", "messages", "ui_strings"]


@lru_cache(maxsize=8)
def _locale(language: str) -> Any:
    from babel import Locale

    return Locale.parse(language)


@dataclass(frozen=True)
class UiStrings:
    language: str
    summary: str
    timeline: str
    sources: str
    published: str
    period: str
    reported: str
    source: str
    all_briefings: str
    briefing: str
    briefings: str
    no_briefings: str
    no_events: str
    contents: str
    generated_by: str
    site_footer: str
    approx_note: str
    events_count: dict[str, str]
    sources_count: dict[str, str]
    more_events: dict[str, str]
    # the digest's words: title ("Digest, {date}"), counts, what is new, other items
    digest_title: str
    digest_kicker: str
    digest_footer: str
    digests: str  # the site index's list of digests
    stories_count: dict[str, str]
    other_count: dict[str, str]
    items_count: dict[str, str]
    new_count: dict[str, str]
    new_since: str  # "new since {date} marked" (pages: the mark is a badge)
    new_since_marked: str  # "new since {date} marked NEW" (Markdown: the mark in words)
    new: str  # an item's mark, "new" (upper case in Markdown and the email)
    new_story: str
    new_story_mark: str  # Markdown's "(NEW story)"
    other_items: str
    no_story: str
    feed_date: str  # "{date} (the feed's date)": an item the feed dated, not itself
    # a contested figure's measure after its number: "148 killed", "$2 million in damage"
    measure_words: dict[str, str]
    # Punctuation with its spacing (printed as is in Markdown too): after a label
    # ("Source: AFP") and between an entry's groups of sources. French spaces both.
    by_date: str = "Timeline by date"  # names the list of a long timeline's groups
    undated: str = "Date unknown"  # heading of entries before any dated one
    colon: str = MdSafe(": ")
    semicolon: str = MdSafe("; ")
    # contested figures ("Figures differ: 148 killed – 100 in Jableh (AFP, earlier)")
    figures_differ: str = "Figures differ"
    in_place: str = "{n} in {place}"
    earlier: str = "earlier"
    revised_from: str = "revised from {figures}"
    # after the date of an entry whose sentence does not name it (a story's undated lead)
    date_inferred: str = "date inferred"

    def count(self, forms: dict[str, str], n: int) -> str:
        """``forms`` filled in for ``n`` with this language's plural rules and digits."""
        from babel.numbers import format_decimal

        locale = _locale(self.language)
        if n == 0 and "none" in forms:  # "No dated events", not "0 dated events"
            return forms["none"]
        template = forms.get(locale.plural_form(n)) or forms["other"]
        return template.format(n=format_decimal(n, locale=locale))

    @property
    def colon_end(self) -> str:
        """The colon ending a line ("Sources:"; French "Sources :"), no space after it."""
        return MdSafe(self.colon.rstrip(" "))

    def events(self, n: int) -> str:
        return self.count(self.events_count, n)

    def sources_n(self, n: int) -> str:
        return self.count(self.sources_count, n)

    def more(self, n: int) -> str:
        return self.count(self.more_events, n)


CATALOGUE_LANGUAGES = ("en", "fr", "de", "pt", "es")
"""The languages of the message catalogue (``render/locale/<lang>.json``)."""

_MD_SAFE = frozenset({"colon", "semicolon"})  # punctuation printed as is in Markdown too


@lru_cache(maxsize=16)
def messages(language: str) -> dict[str, dict[str, Any]]:
    """The message catalogue of ``language``: ``{"strings": ..., "dates": ...}``, each entry
    of ``render/locale/<language>.json`` over English's (a missing entry, or a language
    without a catalogue, reads in English)."""
    import json
    import pkgutil

    def load(lang: str) -> dict[str, dict[str, Any]]:
        raw = pkgutil.get_data("timeline.render", f"locale/{lang}.json")
        assert raw is not None, lang
        data: dict[str, dict[str, Any]] = json.loads(raw.decode("utf-8"))
        return data

    english = load("en")
    if language == "en" or language not in CATALOGUE_LANGUAGES:
        return english
    own = load(language)
    return {part: {**english[part], **own.get(part, {})} for part in ("strings", "dates")}


@lru_cache(maxsize=16)
def ui_strings(language: str) -> UiStrings:
    """The interface words of ``language`` (English for a language without a catalogue;
    its plural rules then are English's too)."""
    lang = language if language in CATALOGUE_LANGUAGES else "en"
    fields: dict[str, Any] = {
        k: MdSafe(v) if k in _MD_SAFE else v for k, v in messages(lang)["strings"].items()
    }
    return UiStrings(language=lang, **fields)
