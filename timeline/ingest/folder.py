"""Folders: every article file under a folder, recursively, in a stable order.

Hidden files and folders (".git", ".DS_Store") are left out; which reader each file
gets is decided by ``timeline.ingest.formats`` from its extension and content.
"""

from __future__ import annotations

import os
from pathlib import Path

from timeline.errors import TimelineError

MAX_FILES = 100_000  # a folder of articles, not a whole disk given by mistake


def list_files(folder: str | Path) -> list[Path]:
    """All non-hidden regular files under ``folder``, sorted by path."""
    root = Path(folder)
    if not root.is_dir():
        raise TimelineError(f"{folder}: not a folder")
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=None, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fname in sorted(filenames):
            if fname.startswith("."):
                continue
            p = Path(dirpath) / fname
            if p.is_file():
                found.append(p)
                if len(found) > MAX_FILES:
                    raise TimelineError(f"{folder}: more than {MAX_FILES} files")
    return sorted(found)
