"""Folders: every article file under a folder, recursively, in a stable order.

Hidden files and folders (".git", ".DS_Store") are left out; which reader each file
gets is decided by ``timeline.ingest.formats`` from its extension and content. The walk
stays inside the folder: a link to a file outside it is not read, a link to a folder is
not followed, and each is reported, as are subfolders that cannot be listed and entries
that are not regular files (devices, FIFOs, sockets): nothing is skipped without a word.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import TimelineError

MAX_FILES = 100_000  # a folder of articles, not a whole disk given by mistake
_KINDS = {stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def special_file(mode: int) -> str | None:
    """What a non-regular file is ("a FIFO", "a character device"), None for a regular one."""
    if stat.S_ISREG(mode):
        return None
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


@dataclass(frozen=True)
class Listing:
    """The files to read under a folder, and (path, one-line reason) for what is not read."""

    files: tuple[Path, ...]
    skipped: tuple[tuple[str, str], ...]


@dataclass
class _Walk:
    root: Path
    real_root: Path
    files: list[Path]
    skipped: list[tuple[str, str]]

    def unlisted(self, exc: OSError) -> None:
        where = exc.filename or str(self.root)
        self.skipped.append((str(where), f"cannot read the folder ({exc.strerror or exc})"))

    def folders(self, dirpath: str, dirnames: list[str]) -> list[str]:
        """The subfolders to walk into: not hidden, not links (reported)."""
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            if (Path(dirpath) / d).is_symlink():
                self.skipped.append((str(Path(dirpath) / d), "a link to a folder, not followed"))
            else:
                keep.append(d)
        return keep

    def file(self, p: Path) -> None:
        """Take ``p`` if it is a regular file inside the folder, else report it."""
        try:
            if p.is_symlink() and not p.resolve().is_relative_to(self.real_root):
                self.skipped.append((str(p), "a link to outside the folder, not read"))
                return
            mode = p.stat().st_mode
        except (OSError, RuntimeError) as exc:  # a dangling link, a loop of links
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "a link loop"
            self.skipped.append((str(p), f"cannot read ({why})"))
            return
        special = special_file(mode)
        if special:
            self.skipped.append((str(p), f"{special}, not a file to read"))
            return
        self.files.append(p)
        if len(self.files) > MAX_FILES:
            raise TimelineError(f"{self.root}: more than {MAX_FILES} files")


def walk(folder: str | Path) -> Listing:
    """The non-hidden regular files under ``folder``, sorted by path, and what was not read."""
    root = Path(folder)
    if not root.is_dir():
        raise TimelineError(f"{folder}: not a folder")
    w = _Walk(root, root.resolve(), [], [])
    for dirpath, dirnames, filenames in os.walk(root, onerror=w.unlisted, followlinks=False):
        dirnames[:] = w.folders(dirpath, dirnames)
        for fname in sorted(filenames):
            if not fname.startswith("."):
                w.file(Path(dirpath) / fname)
    return Listing(tuple(sorted(w.files)), tuple(w.skipped))


def list_files(folder: str | Path) -> list[Path]:
    """All non-hidden regular files under ``folder``, sorted by path (``walk`` also says
    what it left out)."""
    return list(walk(folder).files)
