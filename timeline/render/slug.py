"""File-name-safe slugs."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["SLUG_MAX", "safe_slug", "slugify"]

SLUG_MAX = 80
_RESERVED = {"index"}


def slugify(text: str) -> str:
    """A file-name-safe slug: lowercase ASCII letters, digits and single hyphens.

    Accents are folded ("Élysée" -> "elysee"); anything else becomes a hyphen; the
    result is at most 80 characters, cut at a hyphen where possible, and never empty
    ("briefing" when nothing usable is left).
    """
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        cut = slug[:SLUG_MAX]
        if "-" in cut[SLUG_MAX // 2 :]:
            cut = cut[: cut.rindex("-")]
        slug = cut.strip("-")
    return slug or "briefing"


def safe_slug(slug: str) -> str:
    """Re-sanitize a slug for use as a file name in ``out_dir`` (never "index")."""
    clean = slugify(slug)
    if clean in _RESERVED:
        clean = f"{clean}-briefing"
    return clean
