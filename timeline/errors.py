"""The exceptions the CLI turns into a one-line message and exit status 2.

Library code names the problem; only the CLI names flags. ``OptionError`` carries the
name of the setting that is wrong (a parameter name such as ``per_date``), and the CLI
puts the matching flag in front of the message; ``NoDateError`` is an article without a
publication date, which the CLI answers with how to give one.
"""

from __future__ import annotations


class TimelineError(Exception):
    """A problem with the user's input or options, explained in one line."""

    exit_code = 2


class OptionError(TimelineError):
    """A bad value for one setting; ``option`` is its parameter name (``"per_date"``)."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option


class NoDateError(TimelineError):
    """An article has no publication date (none in the text, none given)."""
