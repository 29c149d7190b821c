"""Drive Debian's Chromium with Playwright (tests and screenshots only).

Never runs ``playwright install``: the browser is the system's ``/usr/bin/chromium``
(override with the TIMELINE_CHROMIUM environment variable). Playwright is a test
dependency, imported only here and only when called.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from timeline.errors import TimelineError

__all__ = ["CHROMIUM_ARGS", "chromium_path", "launch"]

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def chromium_path() -> Path:
    return Path(os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium"))


@contextmanager
def launch() -> Iterator[Any]:
    """Yield a Playwright Browser running the system Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise TimelineError("playwright is not installed: pip install playwright") from exc
    exe = chromium_path()
    if not exe.exists():
        raise TimelineError(f"{exe} not found: apt-get install -y chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(exe), args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()
