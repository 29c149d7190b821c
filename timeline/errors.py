"""The one exception type the CLI turns into a one-line message and exit status 2."""

from __future__ import annotations


class TimelineError(Exception):
    """A problem with the user's input or options, explained in one line."""

    exit_code = 2
