"""Real-browser tests (issue 6): Debian's Chromium driven by Playwright, JavaScript off.

Skipped when /usr/bin/chromium (or TIMELINE_CHROMIUM) or playwright is missing; CI
installs both (`apt-get install -y chromium`, playwright via the test extra). The
browser is never downloaded (`playwright install` is not used).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from briefings import sample_briefing, story_briefing, xss_briefing
from browser import CHROMIUM_ARGS, chromium_path

from timeline.render import write_briefing

pytest.importorskip("playwright.sync_api", reason="playwright not installed")
if not chromium_path().exists():
    pytest.skip(f"{chromium_path()} not installed (apt-get install -y chromium)",
                allow_module_level=True)

SAMPLE_DATETIMES = [
    "1986", "2014", "2016-04", "2016-05-23", "2016-05-23", "2016-05-23",
    "2016-05-23T09:00+03:00", "2016-05-23T09:15+03:00",
]
FIRE_JS = """() => document.querySelectorAll('*').forEach(e =>
    ['mouseover', 'mouseenter', 'focus', 'error', 'load', 'animationstart'].forEach(
        t => e.dispatchEvent(new Event(t))))"""
ATTRS_JS = """els => els.map(e => e.getAttribute('datetime'))"""
HANDLERS_JS = """() => [...document.querySelectorAll('*')]
    .filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on')))
    .map(e => e.tagName)"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium_path()), args=list(CHROMIUM_ARGS))
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("site")
    sample = write_briefing(sample_briefing(), out, ["html", "json", "eml"])
    xss = write_briefing(xss_briefing(), out, ["html", "json", "eml"])
    story = write_briefing(story_briefing(), out / "story", ["html", "eml"])
    return {"page": sample[0], "eml": sample[2], "xss": xss[0], "xss_eml": xss[2],
            "index": xss[-1], "story": story[0], "story_eml": story[1]}


class Recorder:
    """A page with JS off (unless asked) that records requests and blocks the network."""

    def __init__(self, browser: Any, *, js: bool = False, scheme: str = "light") -> None:
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.ctx = browser.new_context(java_script_enabled=js, color_scheme=scheme)
        self.ctx.route(lambda u: not u.startswith(("file:", "about:", "data:")), self._block)
        self.page = self.ctx.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)

    def _block(self, route: Any) -> None:
        self.blocked.append(route.request.url)
        route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.ctx.close()


@pytest.fixture
def rec(browser: Any) -> Iterator[Recorder]:
    r = Recorder(browser)
    yield r
    r.close()


def _email_html(eml: Path) -> str:
    from email import policy
    from email.parser import BytesParser

    msg = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    return msg.get_body(("html",)).get_content()


def test_briefing_renders_without_javascript(rec: Recorder, site: dict[str, Path]) -> None:
    page = rec.page
    page.goto(site["page"].as_uri())
    assert page.locator("h1").inner_text().startswith("More than 148 killed")
    assert page.locator("ol.timeline > li").count() == 8
    when = page.locator("ol.timeline > li .when time")
    assert when.evaluate_all(ATTRS_JS) == SAMPLE_DATETIMES
    # what is visible after an entry of the same day: the time alone
    shown = when.evaluate_all("els => els.map(e => e.lastChild.textContent)")
    assert shown[6] == "09:00 (06:00 UTC)" and shown[7].startswith("c. 09:15")
    hidden = when.nth(6).locator(".vh")
    assert hidden.text_content() == "Monday 23 May 2016, "
    box = hidden.bounding_box()
    assert box is None or box["width"] <= 1
    assert page.locator("ol.timeline > li").first.is_visible()
    for landmark in ("banner", "navigation", "main", "contentinfo"):
        assert page.get_by_role(landmark).count() >= 1, landmark
    # every <time> carries a datetime
    assert None not in page.locator("time").evaluate_all(ATTRS_JS)


def test_nothing_loads_from_the_network(rec: Recorder, site: dict[str, Path]) -> None:
    for key in ("page", "index", "xss"):
        rec.page.goto(site[key].as_uri())
        rec.page.wait_for_load_state("load")
    rec.page.set_content(_email_html(site["eml"]))
    rec.page.set_content(_email_html(site["xss_eml"]))
    assert rec.blocked == []
    assert all(u.startswith(("file:", "about:", "data:")) for u in rec.requests), rec.requests


def test_index_renders_without_javascript(rec: Recorder, site: dict[str, Path]) -> None:
    rec.page.goto(site["index"].as_uri())
    links = rec.page.locator("main h2 a")
    assert links.count() == 2
    hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert sorted(hrefs) == sorted([site["page"].name, site["xss"].name])
    assert None not in rec.page.locator("time").evaluate_all(ATTRS_JS)


@pytest.mark.parametrize("strip_csp", [False, True], ids=["as-written", "without-csp"])
@pytest.mark.parametrize("which", ["xss", "index", "xss_eml"])
def test_xss_payloads_execute_nothing(browser: Any, site: dict[str, Path], which: str,
                                      strip_csp: bool) -> None:
    """JavaScript ON, so a payload that got through as markup would run."""
    r = Recorder(browser, js=True)
    try:
        if which == "xss_eml":
            html = _email_html(site[which])
        else:
            html = site[which].read_text("utf-8")
        if strip_csp:  # test the escaping itself, not only the CSP safety net
            html = re.sub(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", html)
        if strip_csp or which == "xss_eml":
            r.page.set_content(html)
        else:
            r.page.goto(site[which].as_uri())
        page = r.page
        page.wait_for_timeout(200)
        page.evaluate(FIRE_JS)  # would run any inline handler that got through
        assert r.dialogs == []
        assert page.locator("script").count() == 0
        assert page.locator("svg, img, iframe, object, embed").count() == 0
        assert page.evaluate(HANDLERS_JS) == []
        assert page.locator("a[href^='javascript' i]").count() == 0
        assert r.blocked == []
        assert "<script>" in page.locator("body").inner_text()  # shown as text
    finally:
        r.close()


def test_print_and_dark_styles_apply(browser: Any, site: dict[str, Path]) -> None:
    r = Recorder(browser, scheme="dark")
    try:
        r.page.goto(site["page"].as_uri())
        bg = r.page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert bg == "rgb(20, 20, 20)"
        r.page.emulate_media(media="print")
        assert r.page.locator("nav.toc").is_hidden()
        bg = r.page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert bg == "rgb(255, 255, 255)"
    finally:
        r.close()


def test_screenshot_command_writes_pngs(tmp_path: Path) -> None:
    """The documented command, run as a user would (its own process and event loop)."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("screenshots.py")), "--out", str(tmp_path),
         "--fixture"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    shots = [Path(line) for line in proc.stdout.split()]
    names = {p.name for p in shots}
    assert {"briefing-light.png", "briefing-dark.png", "index-light.png", "index-dark.png",
            "email-light.png", "email-dark.png"} <= names
    for p in shots:
        assert p.parent == tmp_path / "screenshots"
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 5000
    light = (tmp_path / "screenshots" / "briefing-light.png").read_bytes()
    dark = (tmp_path / "screenshots" / "briefing-dark.png").read_bytes()
    assert light != dark


OVERFLOW_JS = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map(e => e.tagName + '.' + e.className)"""


@pytest.mark.parametrize("which", ["page", "story", "index", "eml", "story_eml"])
def test_nothing_overflows_a_phone_screen(browser: Any, site: dict[str, Path],
                                          which: str) -> None:
    """At 360 px wide, no line (the meta line, a long title or date) runs off the screen."""
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = ctx.new_page()
        if which.endswith("eml"):
            page.set_content(_email_html(site[which]))
        else:
            page.goto(site[which].as_uri())
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
        assert page.evaluate(OVERFLOW_JS) == []
    finally:
        ctx.close()


def test_same_day_entries_show_the_day_once(rec: Recorder, site: dict[str, Path]) -> None:
    rec.page.goto(site["page"].as_uri())
    widths = rec.page.locator("ol.timeline > li .when time").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().width))")
    # the repeated day takes no visible room; the first of the day and the times do
    assert widths[4] <= 1 and widths[5] <= 1
    assert min(widths[3], widths[6], widths[7]) > 50
    spoken = rec.page.locator("ol.timeline > li .when time").all_text_contents()
    assert spoken[4] == spoken[5] == "Monday 23 May 2016"
    assert rec.page.locator("ol.timeline .cite").count() == 0  # one source: said once
    rec.page.goto(site["story"].as_uri())
    cites = rec.page.locator("ol.timeline .cite")
    assert cites.count() == 4 and cites.first.locator("a").count() == 2


def test_a_long_date_wraps_after_its_weekday(browser: Any, tmp_path: Path) -> None:
    """In the page's date column and the email's, "Wednesday 23 September 2009" reads
    "Wednesday / 23 September 2009", never "Wednesday 23 September / 2009"."""
    from dataclasses import replace

    from timeline.model import Timeline

    b = sample_briefing()
    first = b.timeline.events[0]
    b = replace(b, timeline=Timeline((replace(first, value="2009-09-23"),)))
    page, eml = write_briefing(b, tmp_path, ["html", "eml"])[:2]
    lines_js = """els => els.map(e => new Set([...e.getClientRects()]
        .map(r => Math.round(r.top))).size)"""
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1000, "height": 800})
    try:
        pg = ctx.new_page()
        for load in (lambda: pg.goto(page.as_uri()), lambda: pg.set_content(_email_html(eml))):
            load()
            when = pg.locator("time[datetime='2009-09-23']")
            assert when.inner_text().split() == ["Wednesday", "23", "September", "2009"]
            date = when.locator(".nw, span[style*='nowrap']").first
            assert date.inner_text() == "23 September 2009"
            assert date.evaluate_all(lines_js) == [1]  # the date itself on one line
    finally:
        ctx.close()


def test_a_long_timeline_jumps_to_its_groups_on_a_phone(browser: Any, tmp_path: Path) -> None:
    """A 45-entry timeline: every link of its date list leads to a heading, and on a
    360 px screen neither the list nor the headings run off the screen."""
    from dataclasses import replace

    from timeline.model import Timeline

    b = sample_briefing()
    first = b.timeline.events[0]
    values = ["1950", "1960", "1961"] + [f"2012-{m:02d}-{d:02d}" for m in (1, 2, 3)
                                         for d in range(1, 15)]
    b = replace(b, timeline=Timeline(tuple(replace(first, value=v, mod=None, utc_offset=None)
                                           for v in values)))
    page = write_briefing(b, tmp_path, ["html"])[0]
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        pg = ctx.new_page()
        pg.goto(page.as_uri())
        targets = pg.locator("nav.jump a").evaluate_all(
            "els => els.map(a => document.getElementById(a.hash.slice(1))?.tagName)")
        assert targets == ["H3"] * 4
        assert pg.evaluate("() => document.documentElement.scrollWidth") <= 360
        assert pg.evaluate(OVERFLOW_JS) == []
    finally:
        ctx.close()
