"""A dependency-free progress bar drawn on stderr only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

__all__ = ["progress"]

T = TypeVar("T")


def progress(iterable: Iterable[T], total: int | None = None, label: str = "",
             *, stream: TextIO | None = None, width: int = 28) -> Iterator[T]:
    """Yield from ``iterable``, drawing ``label [#####.....] 3/10`` on a TTY stderr.

    When the stream is not a terminal (pipes, CI, tests) nothing at all is written,
    so redirected output stays clean.
    """
    out = stream if stream is not None else sys.stderr
    try:
        tty = out.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        yield from iterable
        return
    if total is None:
        try:
            total = len(iterable)  # type: ignore[arg-type]
        except TypeError:
            total = None
    done = 0

    def draw() -> None:
        if total:
            filled = min(width, width * done // total)
            bar = "#" * filled + "." * (width - filled)
            out.write(f"\r{label} [{bar}] {done}/{total}")
        else:
            out.write(f"\r{label} {done}")
        out.flush()

    draw()
    try:
        for item in iterable:
            yield item
            done += 1
            draw()
    finally:
        out.write("\n")
        out.flush()
