"""timeline: news articles in, dated briefings out."""

from __future__ import annotations

import logging

from timeline.errors import TimelineError

__all__ = ["TimelineError", "__version__"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
