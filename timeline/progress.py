"""A dependency-free progress bar drawn on stderr only when stderr is a terminal.

    for doc in progress(inputs, len(inputs), "reading"):
        ...

draws ``reading [##########..........] 3/6`` on one line, redrawn in place, and ends
the line when the loop ends (also on ``break`` or an exception). When the stream is not
a terminal (pipes, files, CI, tests) nothing at all is written, so redirected output
and logs stay clean. Nothing here reads the clock.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

__all__ = ["progress"]

T = TypeVar("T")


def _is_tty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


MIN_COLUMNS = 20  # a terminal narrower than this still gets a (clipped) line
MIN_BAR = 8  # the bar shrinks on a narrow terminal, but no narrower than this
LABEL_ROOM = 16  # characters of the label kept beside the bar when room is short
_FALLBACK_SIZE = (80, 24)  # the terminal size assumed when it cannot be asked
_PERCENT = 100  # redraw at most once per percent


def progress(iterable: Iterable[T], total: int | None = None, label: str = "",
             *, stream: TextIO | None = None, width: int = 28) -> Iterator[T]:
    """Yield every item of ``iterable`` unchanged, drawing a bar on a terminal stderr.

    ``total`` is the number of items expected (``len(iterable)`` when omitted and
    available; without it only a count is drawn). ``label`` says what is counted.
    ``stream`` (default: ``sys.stderr`` at the time of the first item) is written to
    only when it is a TTY. The line is fitted to the terminal width and redrawn at
    most once per percent.
    """
    out = stream if stream is not None else sys.stderr
    if not _is_tty(out):
        yield from iterable
        return
    if total is None:
        try:
            total = len(iterable)  # type: ignore[arg-type]
        except TypeError:
            total = None
    columns = max(MIN_COLUMNS, shutil.get_terminal_size(_FALLBACK_SIZE).columns - 1)
    if total:
        # the bar gives way to the count and a short label on a narrow terminal
        # room for "label [bar] done/total": two counts, the brackets and three spaces
        width = max(MIN_BAR, min(width, columns - 2 * len(str(total)) - 5
                                 - min(len(label), LABEL_ROOM)))
    done = 0
    last = ""
    last_step = -1

    def draw() -> None:
        nonlocal last, last_step
        if total:
            step = min(_PERCENT, _PERCENT * done // total)
            if step == last_step and done != total:
                return
            last_step = step
            count = f"{done}/{total}"
            filled = min(width, width * done // total)
            bar = f" [{'#' * filled}{'.' * (width - filled)}] "
        else:
            count, bar = str(done), " "
        room = columns - len(bar) - len(count)
        name = label if len(label) <= room else label[: max(0, room - 1)] + "…"
        text = f"{name}{bar}{count}" if name else f"{bar.lstrip()}{count}"
        if text != last:
            out.write("\r" + text + " " * max(0, len(last) - len(text)))
            out.flush()
            last = text

    draw()
    try:
        for item in iterable:
            yield item
            done += 1
            draw()
    finally:
        out.write("\n")
        out.flush()
