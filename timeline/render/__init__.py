"""Render a Briefing: HTML page, Markdown, JSON, email and exports; write them safely.

Public API (used by the CLI and pipeline):

- ``OUTPUT_FORMATS``: the output formats by name (``OutputFormat``: extension, renderer,
  help), the one list of them; ``FORMATS``: their names.
- ``render(briefing, fmt, *, locale="en") -> bytes``
- ``write_briefing(briefing, out_dir, formats, *, locale="en") -> list[Path]``
- ``slugify(text) -> str``
- ``progress(iterable, total, label)``: a progress bar on stderr when it is a terminal.

Each name but ``progress`` is imported from its module on first use, so that importing
one light module of the package (``timeline.render.schema`` for ``timeline tag``) does
not load Jinja2.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Light, and imported eagerly: its module's name is the function's name.
from timeline.progress import progress

if TYPE_CHECKING:
    from timeline.render.core import (
        FORMATS,
        OUTPUT_FORMATS,
        OutputFormat,
        render,
        safe_slug,
        slugify,
        write_briefing,
    )

__all__ = [
    "FORMATS",
    "OUTPUT_FORMATS",
    "OutputFormat",
    "progress",
    "render",
    "safe_slug",
    "slugify",
    "write_briefing",
]

_HOME = {name: "timeline.render.core" for name in __all__ if name != "progress"}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
