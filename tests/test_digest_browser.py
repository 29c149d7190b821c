"""The digest page, digest email and story briefings in a real browser (issue 13).

Debian's Chromium driven by Playwright, as tests/test_browser.py does: JavaScript off
(and on, for the payloads), nothing from the network, every link inside the output
folder resolving to a file that is there, and injection attempts in item titles and
links shown as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from browser import CHROMIUM_ARGS, chromium_path
from test_digest import BANK, BRIDGE, DAY, OTHER, atom, rss

from timeline.cli import main

pytest.importorskip("playwright.sync_api", reason="playwright not installed")
if not chromium_path().exists():
    pytest.skip(f"{chromium_path()} not installed (apt-get install -y chromium)",
                allow_module_level=True)

PAYLOADS = ('<script>alert("t")</script>', '<img src=x onerror=alert("i")>',
            "<svg/onload=prompt(3)>")
FIRE_JS = """() => document.querySelectorAll('*').forEach(e =>
    ['mouseover', 'mouseenter', 'focus', 'error', 'load', 'animationstart'].forEach(
        t => e.dispatchEvent(new Event(t))))"""
HANDLERS_JS = """() => [...document.querySelectorAll('*')]
    .filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on')))
    .map(e => e.tagName)"""
OVERFLOW_JS = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map(e => e.tagName + '.' + e.className)"""


def _hostile_rss(name: str, items: list[tuple[str, str]], links: list[str]) -> str:
    """An RSS feed whose titles, once read, are literal markup (escaped twice in the XML,
    so the feed reader hands the text "<script>..." to the renderers)."""
    entries = "".join(
        f"<item><title>{escape(escape(t))}</title><link>{escape(link)}</link>"
        f"<description>{escape(d)}</description><pubDate>Sat, 14 Mar 2026 08:00:00 GMT"
        "</pubDate></item>" for (t, d), link in zip(items, links, strict=True))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(escape(name))}'
            f"</title><link>https://x.example.org/</link><description>d</description>"
            f"{entries}</channel></rss>")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("digest-site")
    feeds = root / "feeds"
    feeds.mkdir()
    (feeds / "alpha.rss").write_text(rss("alpha", [BRIDGE[0], BANK[0], OTHER[0]]), "utf-8")
    (feeds / "gamma.atom").write_text(atom("gamma", [BRIDGE[2], OTHER[2], BANK[2]]), "utf-8")
    hostile = [(f"{BRIDGE[1][0]} {PAYLOADS[0]}", BRIDGE[1][1]),
               (f"{PAYLOADS[1]} {BANK[1][0]}", BANK[1][1]),
               (f"{OTHER[1][0]} {PAYLOADS[2]}", OTHER[1][1])]
    links = ["javascript:alert('l')", "https://beta.example.org/1\"><script>x</script>",
             "data:text/html,<script>alert(1)</script>"]
    (feeds / "beta.rss").write_text(_hostile_rss(f"beta {PAYLOADS[0]}", hostile, links), "utf-8")
    out = root / "out"
    assert main(["digest", str(feeds), "--out", str(out), "--format", "html,md,json,eml"]) == 0
    stories = sorted(p for p in out.glob("story-*.html"))
    assert len(stories) == 2
    return {"digest": out / f"digest-{DAY}.html", "eml": out / f"digest-{DAY}.eml",
            "story0": stories[0], "story1": stories[1], "index": out / "index.html",
            "out": out}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium_path()), args=list(CHROMIUM_ARGS))
        yield b
        b.close()


def _email_html(eml: Path) -> str:
    from email import policy
    from email.parser import BytesParser

    msg = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    return msg.get_body(("html",)).get_content()


class Page:
    """A page with JavaScript off (unless asked) that blocks and records the network."""

    def __init__(self, browser: Any, *, js: bool = False, width: int = 1000) -> None:
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.ctx = browser.new_context(java_script_enabled=js,
                                       viewport={"width": width, "height": 800})
        self.ctx.route(lambda u: not u.startswith(("file:", "about:", "data:")), self._block)
        self.page = self.ctx.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def _block(self, route: Any) -> None:
        self.blocked.append(route.request.url)
        route.abort()

    def load(self, site: dict[str, Path], which: str) -> None:
        if which == "eml":
            self.page.set_content(_email_html(site["eml"]))
        else:
            self.page.goto(site[which].as_uri())

    def close(self) -> None:
        self.ctx.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    p = Page(browser)
    yield p
    p.close()


def test_the_digest_page_lists_the_stories_and_other_items(page: Page,
                                                           site: dict[str, Path]) -> None:
    page.load(site, "digest")
    pg = page.page
    assert pg.locator("h1").inner_text() == "Digest, 14 March 2026"
    assert pg.locator("ol.stories > li").count() == 2
    for i in range(2):
        story = pg.locator("ol.stories > li").nth(i)
        assert story.locator("ul.items > li").count() == 3  # every source once
    assert pg.locator("#other ul.items > li").count() == 3
    for landmark in ("banner", "main", "contentinfo"):
        assert pg.get_by_role(landmark).count() >= 1, landmark
    assert None not in pg.locator("time").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))")


@pytest.mark.parametrize("which", ["digest", "story0", "story1", "index"])
def test_links_inside_the_folder_resolve(page: Page, site: dict[str, Path], which: str) -> None:
    page.load(site, which)
    hrefs = page.page.locator("a[href]").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))")
    local = [h for h in hrefs if not h.startswith(("https:", "http:"))]
    assert local, "no link to the rest of the site"
    for href in local:
        if href.startswith("#"):
            assert page.page.locator(f"[id='{href[1:]}']").count() == 1, href
            continue
        target = (site[which].parent / unquote(urlsplit(href).path)).resolve()
        assert target.parent == site["out"].resolve() and target.is_file(), href
    if which == "digest":
        stories = {site["story0"].name, site["story1"].name}
        assert stories <= set(local)
    if which == "index":
        assert site["digest"].name in local


@pytest.mark.parametrize("strip_csp", [False, True], ids=["as-written", "without-csp"])
@pytest.mark.parametrize("which", ["digest", "eml", "story0", "story1", "index"])
def test_payloads_in_titles_and_links_execute_nothing(browser: Any, site: dict[str, Path],
                                                      which: str, strip_csp: bool) -> None:
    """JavaScript ON, so a payload that got through as markup would run."""
    p = Page(browser, js=True)
    try:
        if strip_csp and which != "eml":
            html = site[which].read_text("utf-8")
            html = re.sub(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", html)
            p.page.set_content(html)
        else:
            p.load(site, which)
        pg = p.page
        pg.wait_for_timeout(200)
        pg.evaluate(FIRE_JS)
        assert p.dialogs == []
        assert pg.locator("script, svg, img, iframe, object, embed").count() == 0
        assert pg.evaluate(HANDLERS_JS) == []
        hrefs = pg.locator("a[href]").evaluate_all("els => els.map(a => a.href)")
        assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:"))]
        assert p.blocked == []
        if which != "index":
            shown = pg.locator("body").inner_text()
            assert any(payload in shown for payload in PAYLOADS)  # shown as text
    finally:
        p.close()


@pytest.mark.parametrize("which", ["digest", "eml", "story0"])
def test_nothing_overflows_a_phone_screen(browser: Any, site: dict[str, Path],
                                          which: str) -> None:
    p = Page(browser, width=360)
    try:
        p.load(site, which)
        assert p.page.evaluate("() => document.documentElement.scrollWidth") <= 360
        assert p.page.evaluate(OVERFLOW_JS) == []
    finally:
        p.close()
