"""File-name-safe slugs."""

from __future__ import annotations

from timeline.briefing import SLUG_MAX, slugify

__all__ = ["SLUG_MAX", "safe_slug", "slugify"]
_RESERVED = {"index"}


def safe_slug(slug: str) -> str:
    """Re-sanitize a slug for use as a file name in ``out_dir`` (never "index")."""
    clean = slugify(slug)
    if clean in _RESERVED:
        clean = f"{clean}-briefing"
    return clean
