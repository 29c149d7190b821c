"""Jinja2 environments over the templates shipped as ``timeline.templates``.

The loader reads through ``importlib.resources``, so templates are found in an
editable checkout (top-level ``templates/``) and in an installed wheel alike.
HTML templates autoescape; the Markdown environment escapes every printed value for
CommonMark unless the renderer marked it :class:`MdSafe`. Both are StrictUndefined.
"""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from timeline.render.escape import md_finalize

__all__ = ["html_env", "md_env", "read_template", "render_template"]


@lru_cache(maxsize=1)
def _templates_root() -> Any:
    """``timeline.templates`` when installed; the checkout's top-level ``templates/``
    when the package is imported straight from a source tree (``python -m`` in the repo)."""
    try:
        return files("timeline.templates")
    except ModuleNotFoundError:
        import timeline

        return Path(timeline.__file__).resolve().parent.parent / "templates"


def read_template(name: str) -> str:
    """The text of a file in the templates folder (templates, stylesheets)."""
    return _templates_root().joinpath(*name.split("/")).read_text(encoding="utf-8")


def _load(name: str) -> tuple[str, None, Any]:
    if name.startswith(("/", "\\")) or ".." in name.split("/"):
        raise jinja2.TemplateNotFound(name)
    resource = _templates_root().joinpath(*name.split("/"))
    if not resource.is_file():
        raise jinja2.TemplateNotFound(name)
    return resource.read_text(encoding="utf-8"), None, lambda: True


@lru_cache(maxsize=1)
def html_env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=1)
def md_env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=False,  # noqa: S701 - Markdown, escaped by md_finalize instead
        finalize=md_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_template(name: str, context: Any, *, markdown: bool = False) -> str:
    """Render ``name`` with the fields of a context dataclass (or a mapping)."""
    env = md_env() if markdown else html_env()
    if isinstance(context, dict):
        mapping = context
    else:
        mapping = {f.name: getattr(context, f.name) for f in fields(context)}
    return env.get_template(name).render(**mapping)
