"""Escaping untrusted article text for outputs that are not HTML.

HTML goes through Jinja2's autoescape; this module covers Markdown (CommonMark),
URLs put into links, CSV cells and plain-text lines.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

__all__ = ["MdSafe", "md_escape", "md_finalize", "md_url", "one_line", "safe_url", "csv_cell",
           "scrub", "scrub_value"]

_SPACE = re.compile(r"\s+")
# Control characters other than whitespace (C0, DEL, C1 but NEL: terminal escape codes among
# them), invisible format characters and lone surrogates; they have no place in a briefing.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
# What ``scrub`` replaces one for one: controls but tab and line breaks, and lone surrogates
# (a JSON "\ud800" escape gives one; no UTF-8 encoder takes it).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
T = TypeVar("T")


def scrub(text: str) -> str:
    """``text`` with each control character (tab and line breaks aside) replaced by a space
    and each lone surrogate by U+FFFD: one character for one, so offsets into it hold."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: "\ufffd" if _SURROGATE.match(m.group(0)) else " ", text)


def scrub_value(value: T) -> T:
    """``value`` (a string, a tuple, a frozen dataclass of them such as a Briefing) with
    every string in it scrubbed; parts with nothing to scrub are returned as they are."""
    result: Any = value
    if isinstance(value, str):
        result = scrub(value)
    elif isinstance(value, tuple):
        items = tuple(scrub_value(v) for v in value)
        if any(a is not b for a, b in zip(items, value, strict=True)):
            result = items
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.init:
                old = getattr(value, f.name)
                new = scrub_value(old)
                if new is not old:
                    changes[f.name] = new
        if changes:
            result = dataclasses.replace(value, **changes)
    return result
# One pass over the text: Markdown specials get a backslash; angle brackets become
# entities (so not even a plain-text reader or a naive filter sees "<tag"); an "&" that
# would start an entity is escaped; "(" right after "]" is escaped so no fragment reads
# like a link destination. A "|" stays as it is: escaped text is one line, and a GFM table
# needs a delimiter row on the line below, so a pipe cannot start one ("\|" showed in the
# plain-text email).
_MD_INLINE = re.compile(r"&(?=#?[A-Za-z0-9]+;)|[\\`*_\[\]<>~]|(?<=\])\(")
_MD_REPLACE = {"<": "&lt;", ">": "&gt;"}


def _md_sub(m: re.Match[str]) -> str:
    c = m.group(0)
    return _MD_REPLACE.get(c) or "\\" + c


_LINE_START_LIST = re.compile(r"^(\s*)(\d{1,9})([.)])")
_LINE_START_MARK = re.compile(r"^(\s*)([-+=#])")


class MdSafe(str):
    """Markdown the renderer wrote itself; the Markdown template prints it as is."""


def one_line(text: object) -> str:
    """Collapse whitespace (newlines included) to single spaces, drop control characters."""
    return _SPACE.sub(" ", _CONTROL.sub("", str(text))).strip()


def md_escape(text: object) -> str:
    """Escape untrusted text for CommonMark inline content.

    The result renders as the same literal text: no link, image, autolink, raw HTML,
    entity, emphasis, code span, heading, list or quote can come out of it. Ordinary
    punctuation (periods, commas, quotes, parentheses) stays as it is, so the text
    still reads well as plain text in an email.
    """
    s = _MD_INLINE.sub(_md_sub, one_line(text))
    s = _LINE_START_LIST.sub(r"\1\2\\\3", s)
    s = _LINE_START_MARK.sub(r"\1\\\2", s)
    return s


def md_finalize(value: object) -> str:
    """Jinja2 ``finalize`` for Markdown templates: escape everything not marked MdSafe."""
    if isinstance(value, MdSafe):
        return str(value)
    if value is None:
        return ""
    return md_escape(value)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for a link target, or None.

    Other schemes (javascript:, data:, file:, vbscript:) are refused. Characters that
    could end a Markdown link destination or an HTML attribute are percent-encoded.
    """
    if not url:
        return None
    url = one_line(url)
    if any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Keep the URL as given except characters no URL may hold raw.
    return quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")


def md_url(url: str) -> str:
    """A checked URL as a CommonMark link destination (parentheses backslash-escaped)."""
    return url.replace("\\", "%5C").replace("(", "\\(").replace(")", "\\)")


def csv_cell(value: object) -> str:
    """Neutralize spreadsheet formulas: a cell starting with = + - @ gets a leading quote."""
    s = "" if value is None else str(value)
    if s[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + s
    return s
