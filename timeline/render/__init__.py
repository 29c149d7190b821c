"""Render a Briefing: HTML page, Markdown, JSON, email and exports; write them safely.

Public API (used by the CLI and pipeline):

- ``FORMATS``: the format names ``render`` accepts.
- ``render(briefing, fmt, *, locale="en") -> bytes``
- ``write_briefing(briefing, out_dir, formats, *, locale="en") -> list[Path]``
- ``slugify(text) -> str``
- ``progress(iterable, total, label)``: a progress bar on stderr when it is a terminal.
"""

from __future__ import annotations

from timeline.render.core import EXTENSIONS, FORMATS, render, safe_slug, slugify, write_briefing
from timeline.progress import progress

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "progress",
    "render",
    "safe_slug",
    "slugify",
    "write_briefing",
]
