"""Screenshots of the sample briefing, the site index and the email, light and dark.

    python tests/screenshots.py [--out out] [--fixture | --story] [--locale en]

Writes the sample's briefing (HTML, Markdown, JSON, .eml) and the index into OUT, then
PNGs under OUT/screenshots/ for a person to look at: briefing-{light,dark,mobile,print}.png,
index-{light,dark}.png, email-{light,dark}.png. Uses the real pipeline on the bundled
sample; ``--fixture`` uses the hand-made sample briefing instead, ``--story`` the
hand-made three-source story (to review per-entry source lines). JavaScript is off and
every request other than the local files is blocked.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from email import policy
from email.parser import BytesParser
from pathlib import Path

from timeline.errors import TimelineError
from timeline.model import Briefing

__all__ = ["main", "sample_for_screenshots", "take_screenshots"]


def sample_for_screenshots(fixture: bool = False, story: bool = False) -> Briefing:
    if story:
        from briefings import story_briefing

        return story_briefing()
    if fixture:
        from briefings import sample_briefing

        return sample_briefing()
    from timeline.ingest import load_sample
    from timeline.pipeline import BriefOptions, brief

    return brief([load_sample()], BriefOptions())


def _email_html(eml: Path) -> str:
    msg = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    body = msg.get_body(("html",))
    if body is None:
        raise TimelineError(f"{eml} has no HTML part")
    return body.get_content()


def take_screenshots(briefing: Briefing, out_dir: Path, *, locale: str = "en") -> list[Path]:
    """Write the site files and the PNGs; return the PNG paths."""
    from timeline.render import write_briefing

    paths = write_briefing(briefing, out_dir, ["html", "md", "json", "eml"], locale=locale)
    page, eml, index = paths[0], paths[3], paths[-1]
    shots = out_dir / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    email_html = _email_html(eml)
    written: list[Path] = []

    from browser import launch

    with launch() as browser:
        def shoot(name: str, *, scheme: str, width: int = 1000, url: str | None = None,
                  html: str | None = None, media: str = "screen") -> None:
            ctx = browser.new_context(java_script_enabled=False, color_scheme=scheme,
                                      viewport={"width": width, "height": 900},
                                      device_scale_factor=1)
            ctx.route(lambda u: not u.startswith(("file:", "about:", "data:")),
                      lambda route: route.abort())
            pg = ctx.new_page()
            pg.emulate_media(media=media, color_scheme=scheme)
            if url:
                pg.goto(url)
            else:
                pg.set_content(html or "")
            target = shots / f"{name}.png"
            pg.screenshot(path=str(target), full_page=True)
            written.append(target)
            ctx.close()

        page_url, index_url = page.resolve().as_uri(), index.resolve().as_uri()
        shoot("briefing-light", scheme="light", url=page_url)
        shoot("briefing-dark", scheme="dark", url=page_url)
        shoot("briefing-mobile", scheme="light", width=390, url=page_url)
        shoot("briefing-print", scheme="light", url=page_url, media="print")
        shoot("index-light", scheme="light", url=index_url)
        shoot("index-dark", scheme="dark", url=index_url)
        shoot("email-light", scheme="light", html=email_html, width=700)
        shoot("email-dark", scheme="dark", html=email_html, width=700)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tests/screenshots.py",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="out", help="site folder (default: out)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--fixture", action="store_true",
                       help="use the hand-made sample briefing, not the pipeline")
    which.add_argument("--story", action="store_true",
                       help="use the hand-made three-source story briefing")
    parser.add_argument("--locale", default="en")
    args = parser.parse_args(argv)
    try:
        for p in take_screenshots(sample_for_screenshots(args.fixture, args.story), Path(args.out),
                                  locale=args.locale):
            print(p)
    except TimelineError as exc:
        print(f"screenshots: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
