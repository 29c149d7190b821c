"""Format dispatch, slugs and safe, atomic writing of rendered briefings."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from timeline.errors import TimelineError
from timeline.model import Briefing
from timeline.render.context import page_context
from timeline.render.dates import Labeler, get_labeler
from timeline.render.schema import briefing_data, dumps
from timeline.render.slug import safe_slug, slugify
from timeline.render.templating import render_template

__all__ = ["EXTENSIONS", "FORMATS", "render", "safe_slug", "slugify", "write_briefing"]

FORMATS: tuple[str, ...] = ("html", "md", "json", "eml", "timelinejs", "ics", "csv")
EXTENSIONS: dict[str, str] = {
    "html": "html",
    "md": "md",
    "json": "json",
    "eml": "eml",
    "timelinejs": "timelinejs.json",
    "ics": "ics",
    "csv": "csv",
}
def _html(briefing: Briefing, labeler: Labeler) -> bytes:
    return render_template("briefing.html.j2", page_context(briefing, labeler)).encode("utf-8")


def _md(briefing: Briefing, labeler: Labeler) -> bytes:
    text = render_template("briefing.md.j2", page_context(briefing, labeler), markdown=True)
    return text.encode("utf-8")


def _json(briefing: Briefing, labeler: Labeler) -> bytes:
    return dumps(briefing_data(briefing, labeler))


def _eml(briefing: Briefing, labeler: Labeler, *, sender: str | None = None,
         to: Sequence[str] = ()) -> bytes:
    from timeline.render.email import render_eml

    return render_eml(briefing, labeler, sender=sender, to=to)


def _timelinejs(briefing: Briefing, labeler: Labeler) -> bytes:
    from timeline.render.export import render_timelinejs

    return render_timelinejs(briefing, labeler)


def _ics(briefing: Briefing, labeler: Labeler) -> bytes:
    from timeline.render.export import render_ics

    return render_ics(briefing, labeler)


def _csv(briefing: Briefing, labeler: Labeler) -> bytes:
    from timeline.render.export import render_csv

    return render_csv(briefing, labeler)


_RENDERERS: dict[str, Callable[[Briefing, Labeler], bytes]] = {
    "html": _html,
    "md": _md,
    "json": _json,
    "eml": _eml,
    "timelinejs": _timelinejs,
    "ics": _ics,
    "csv": _csv,
}


def _check_format(fmt: str) -> str:
    name = fmt.strip().lower()
    if name not in _RENDERERS:
        raise TimelineError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    return name


def _renderer(name: str, email_from: str | None,
              email_to: Sequence[str]) -> Callable[[Briefing, Labeler], bytes]:
    if name == "eml" and (email_from or email_to):
        return lambda b, lab: _eml(b, lab, sender=email_from, to=email_to)
    return _RENDERERS[name]


def render(briefing: Briefing, fmt: str, *, locale: str = "en",
           email_from: str | None = None, email_to: Sequence[str] = ()) -> bytes:
    """Render one format of the briefing to bytes (UTF-8 for the text formats).

    ``email_from``/``email_to`` become the From/To headers of the .eml.
    """
    name = _check_format(fmt)
    return _renderer(name, email_from, email_to)(briefing, get_labeler(locale))


def _contained(out_dir: Path, name: str) -> Path:
    target = (out_dir / name).resolve()
    if target.parent != out_dir or target.name != name:
        raise TimelineError(f"refusing to write {name!r} outside {out_dir}")
    return target


def _write_all(out_dir: Path, files: list[tuple[Path, bytes]]) -> None:
    """Write every file to a temp file in ``out_dir`` first, then rename them all."""
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in files:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=out_dir)
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        raise


def write_briefing(
    briefing: Briefing,
    out_dir: Path,
    formats: Sequence[str],
    *,
    locale: str = "en",
    email_from: str | None = None,
    email_to: Sequence[str] = (),
) -> list[Path]:
    """Write ``out_dir/<slug>.<ext>`` for each format, then rebuild ``out_dir/index.html``.

    Every format is rendered in memory before anything touches the disk, so a
    rendering error leaves ``out_dir`` as it was; each file is written to a temp file
    in ``out_dir`` and renamed into place. The slug is re-sanitized and every target
    is checked to lie directly inside ``out_dir``. Returns the briefing's files in
    the order of ``formats``, followed by the index. ``email_from``/``email_to`` set
    the From/To headers of the .eml.
    """
    names = list(dict.fromkeys(_check_format(f) for f in formats))
    if not names:
        raise TimelineError("no output format given")
    labeler = get_labeler(locale)
    slug = safe_slug(briefing.slug)
    rendered = [(name, _renderer(name, email_from, email_to)(briefing, labeler))
                for name in names]

    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise TimelineError(f"output path {out_dir} is not a directory")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TimelineError(f"cannot create output directory {out_dir}: {exc.strerror}") from exc
    root = out_dir.resolve()
    files = [(_contained(root, f"{slug}.{EXTENSIONS[name]}"), data) for name, data in rendered]
    try:
        _write_all(root, files)
        index = _rebuild_index(root, labeler)
    except OSError as exc:
        raise TimelineError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    return [target for target, _ in files] + [index]


def _rebuild_index(root: Path, labeler: Labeler) -> Path:
    from timeline.render.site import collect_entries, render_index

    target = _contained(root, "index.html")
    _write_all(root, [(target, render_index(collect_entries(root), labeler))])
    return target
