"""Format dispatch, slugs and safe, atomic writing of rendered briefings."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import TimelineError
from timeline.model import Briefing
from timeline.render.context import page_context
from timeline.render.dates import Labeler, get_labeler
from timeline.render.schema import briefing_data, dumps
from timeline.render.slug import safe_slug, slugify
from timeline.render.templating import render_template

__all__ = [
    "FORMATS",
    "OUTPUT_FORMATS",
    "OutputFormat",
    "RenderOptions",
    "render",
    "safe_slug",
    "slugify",
    "write_briefing",
]


@dataclass(frozen=True)
class RenderOptions:
    """What every renderer gets besides the briefing: the date labeler (the locale) and
    the From/To headers of an email (formats that are not email ignore them)."""

    labeler: Labeler
    email_from: str | None = None
    email_to: tuple[str, ...] = ()


Renderer = Callable[[Briefing, RenderOptions], bytes]


@dataclass(frozen=True)
class OutputFormat:
    """One output format: its name (``--format``), the file ending after the slug, the
    renderer, and a one-line help for the CLI."""

    name: str
    extension: str
    render: Renderer
    help: str


def _html(briefing: Briefing, options: RenderOptions) -> bytes:
    context = page_context(briefing, options.labeler)
    return render_template("briefing.html.j2", context).encode("utf-8")


def _md(briefing: Briefing, options: RenderOptions) -> bytes:
    context = page_context(briefing, options.labeler)
    return render_template("briefing.md.j2", context, markdown=True).encode("utf-8")


def _json(briefing: Briefing, options: RenderOptions) -> bytes:
    return dumps(briefing_data(briefing, options.labeler))


def _eml(briefing: Briefing, options: RenderOptions) -> bytes:
    from timeline.render.email import render_eml

    return render_eml(briefing, options.labeler, sender=options.email_from, to=options.email_to)


def _timelinejs(briefing: Briefing, options: RenderOptions) -> bytes:
    from timeline.render.export import render_timelinejs

    return render_timelinejs(briefing, options.labeler)


def _ics(briefing: Briefing, options: RenderOptions) -> bytes:
    from timeline.render.export import render_ics

    return render_ics(briefing, options.labeler)


def _csv(briefing: Briefing, options: RenderOptions) -> bytes:
    from timeline.render.export import render_csv

    return render_csv(briefing, options.labeler)


OUTPUT_FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("html", "html", _html, "the briefing page"),
        OutputFormat("md", "md", _md, "Markdown"),
        OutputFormat("json", "json", _json, "the briefing as data (timeline.briefing/1)"),
        OutputFormat("eml", "eml", _eml, "an email (HTML and plain text) to send"),
        OutputFormat("timelinejs", "timelinejs.json", _timelinejs, "TimelineJS slides"),
        OutputFormat("ics", "ics", _ics, "an iCalendar file of the dated events"),
        OutputFormat("csv", "csv", _csv, "a spreadsheet of the dated events"),
    )
}
"""The output formats by name, in the order the CLI lists them: the one list of formats
(``brief --format`` choices and help are built from it). Adding one is one entry here."""

FORMATS: tuple[str, ...] = tuple(OUTPUT_FORMATS)  # the names alone, for callers that list them


def _check_format(fmt: str) -> OutputFormat:
    found = OUTPUT_FORMATS.get(fmt.strip().lower())
    if found is None:
        raise TimelineError(f"unknown format {fmt!r}: choose from {', '.join(OUTPUT_FORMATS)}")
    return found


def render(briefing: Briefing, fmt: str, *, locale: str = "en",
           email_from: str | None = None, email_to: Sequence[str] = ()) -> bytes:
    """Render one format of the briefing to bytes (UTF-8 for the text formats).

    ``email_from``/``email_to`` become the From/To headers of the .eml.
    """
    options = RenderOptions(get_labeler(locale), email_from, tuple(email_to))
    return _check_format(fmt).render(briefing, options)


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
    chosen = list(dict.fromkeys(_check_format(f) for f in formats))
    if not chosen:
        raise TimelineError("no output format given")
    options = RenderOptions(get_labeler(locale), email_from, tuple(email_to))
    slug = safe_slug(briefing.slug)
    rendered = [(f"{slug}.{f.extension}", f.render(briefing, options)) for f in chosen]
    return write_set(Path(out_dir), rendered, options.labeler)


def _drop_stale(root: Path, names: Sequence[str]) -> None:
    """Remove the temporary files a killed run left for the files about to be written
    (``.<name>.<random>.tmp``, see ``_write_all``); nothing else is touched."""
    for name in names:
        for stale in root.glob(f".{name}.*.tmp"):
            if stale.is_file() and not stale.is_symlink():
                stale.unlink(missing_ok=True)


def write_set(out_dir: Path, rendered: Sequence[tuple[str, bytes]], labeler: Labeler) -> list[Path]:
    """Write rendered ``(file name, bytes)`` pairs into ``out_dir`` as one set (each checked to
    lie directly inside it, written to a temp file and renamed), then rebuild the index.

    Returns the files in the order given, followed by the index.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise TimelineError(f"output path {out_dir} is not a directory")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TimelineError(f"cannot create output directory {out_dir}: {exc.strerror}") from exc
    root = out_dir.resolve()
    files = [(_contained(root, name), data) for name, data in rendered]
    try:
        _drop_stale(root, [target.name for target, _ in files])
        _write_all(root, files)
        index = _rebuild_index(root, labeler)
    except OSError as exc:
        raise TimelineError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    return [target for target, _ in files] + [index]


def _rebuild_index(root: Path, labeler: Labeler) -> Path:
    from timeline.render.site import collect_digests, collect_entries, render_index

    target = _contained(root, "index.html")
    page = render_index(collect_entries(root), labeler, collect_digests(root, labeler))
    _write_all(root, [(target, page)])
    return target
