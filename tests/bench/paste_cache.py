"""Build the paste route of `timeline evaluate ingest`: what select-all and copy gives.

Each benchmark page is rendered in Debian's Chromium (Playwright, JavaScript off, every
request refused: no network) from its own HTML, and ``document.body.innerText`` is
written to CACHE/<dataset>/<page id>.txt. A page already in the cache is not rendered
again, so the step is run once; the same Chromium gives the same text.

    .venv/bin/python tests/bench/paste_cache.py ../shared/data/articles-scrapinghub
    .venv/bin/python tests/bench/paste_cache.py ../shared/data/dates-htmldate

The cache lives outside the repository (default: ~/.cache/timeline-paste, or
TIMELINE_PASTE_CACHE), never in the package.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from browser import launch  # noqa: E402

from timeline.evaluate.ingest import default_cache, load_dataset  # noqa: E402

# A page that has not settled in this time is cut off where it is (no network, no JS:
# only a huge DOM takes long).
RENDER_TIMEOUT_MS = 20_000


# The address the page is served from: a name that can never resolve (RFC 2606), so the
# only thing the browser reads is the page's own bytes, fulfilled by the route below.
PAGE_URL = "https://paste.invalid/"


def _render(browser: object, html: bytes) -> str:
    """innerText of the page ``html`` in a fresh context: JavaScript off, every request
    but the page's own refused. The saved page has lost the charset its server sent, so it
    is served as a server would: UTF-8 when its bytes are UTF-8 (nearly every site today),
    else with no charset, and Chromium decodes it as a browser does (BOM, the page's
    <meta charset>, else the default). Before, every page was read as UTF-8 here and a
    Latin-1 page lost its accents to U+FFFD (38 of the 1,971 pages)."""
    try:
        html.decode("utf-8")
        content_type = "text/html; charset=utf-8"
    except UnicodeDecodeError:
        content_type = "text/html"
    context = browser.new_context(java_script_enabled=False, offline=True)  # type: ignore[attr-defined]
    try:
        def serve(route: object) -> None:
            if route.request.url == PAGE_URL:  # type: ignore[attr-defined]
                route.fulfill(status=200, body=html, headers={"Content-Type": content_type})  # type: ignore[attr-defined]
            else:
                route.abort()  # type: ignore[attr-defined]

        context.route("**/*", serve)
        page = context.new_page()
        page.set_default_timeout(RENDER_TIMEOUT_MS)
        page.goto(PAGE_URL, wait_until="domcontentloaded")
        return str(page.evaluate("() => document.body ? document.body.innerText : ''"))
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dataset_dir", type=Path)
    p.add_argument("--cache", type=Path, default=None)
    p.add_argument("--limit", type=int, default=None)
    args = p.parse_args(argv)
    dataset = load_dataset(args.dataset_dir)
    out = (args.cache or default_cache()) / dataset.name
    out.mkdir(parents=True, exist_ok=True)
    pages = dataset.pages[: args.limit]
    todo = [pg for pg in pages if not (out / f"{pg.id}.txt").exists()]
    started = time.perf_counter()
    with launch() as browser:
        for n, pg in enumerate(todo, 1):
            try:
                text = _render(browser, pg.html())
            except Exception as exc:  # noqa: BLE001 - one broken page must not stop the cache
                print(f"{pg.id}: {type(exc).__name__}", file=sys.stderr)
                text = ""
            (out / f"{pg.id}.txt").write_text(text, encoding="utf-8")
            if n % 50 == 0:
                print(f"{n}/{len(todo)} {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(f"{len(pages) - len(todo)} cached, {len(todo)} rendered into {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
