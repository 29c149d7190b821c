"""Format dispatch, slugs and safe, atomic writing of rendered briefings."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from timeline.errors import TimelineError
from timeline.model import Briefing
from timeline.render.context import page_context
from timeline.render.dates import Labeler, get_labeler
from timeline.render.escape import scrub_value
from timeline.render.schema import briefing_data, dumps
from timeline.render.site import MAX_INDEX_JSON_BYTES
from timeline.render.slug import briefing_slug, safe_slug, short_hash, slugify, with_suffix
from timeline.render.templating import render_template

__all__ = [
    "FORMATS",
    "OUTPUT_FORMATS",
    "OutputFormat",
    "RenderOptions",
    "prepared",
    "render",
    "safe_slug",
    "slugify",
    "write_briefing",
    "write_set",
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


def _scrubbed(renderer: Renderer) -> Renderer:
    """``renderer`` given the briefing with its strings scrubbed (``escape.scrub_value``):
    whoever calls a format (``render``, ``write_briefing``, the digest's story briefings),
    no control character or lone surrogate reaches the output or its UTF-8 encoder."""

    def render_clean(briefing: Briefing, options: RenderOptions) -> bytes:
        return renderer(scrub_value(briefing), options)

    return render_clean


OUTPUT_FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("html", "html", _scrubbed(_html), "the briefing page"),
        OutputFormat("md", "md", _scrubbed(_md), "Markdown"),
        OutputFormat("json", "json", _scrubbed(_json),
                     "the briefing as data (timeline.briefing/1)"),
        OutputFormat("eml", "eml", _scrubbed(_eml), "an email (HTML and plain text) to send"),
        OutputFormat("timelinejs", "timelinejs.json", _scrubbed(_timelinejs),
                     "TimelineJS slides"),
        OutputFormat("ics", "ics", _scrubbed(_ics), "an iCalendar file of the dated events"),
        OutputFormat("csv", "csv", _scrubbed(_csv), "a spreadsheet of the dated events"),
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


def prepared(briefing: Briefing) -> Briefing:
    """The briefing as every renderer gets it: lone surrogates and control characters in
    any of its strings replaced (``escape.scrub``, lengths and offsets kept), its slug the
    file name it is written under (``slug.briefing_slug``: a name for a title in any
    script)."""
    clean = scrub_value(briefing)
    slug = briefing_slug(clean)
    return clean if slug == clean.slug else replace(clean, slug=slug)


def render(briefing: Briefing, fmt: str, *, locale: str = "en",
           email_from: str | None = None, email_to: Sequence[str] = ()) -> bytes:
    """Render one format of the briefing to bytes (UTF-8 for the text formats).

    ``email_from``/``email_to`` become the From/To headers of the .eml.
    """
    options = RenderOptions(get_labeler(locale), email_from, tuple(email_to))
    return _check_format(fmt).render(prepared(briefing), options)


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

    Every format is rendered in memory before anything touches the disk, and the set (the
    index included) is written by ``write_set``: all or nothing. The slug is the
    briefing's (``prepared``); when ``<slug>.json`` in ``out_dir`` is a different briefing
    (another title or other sources), this one is written as ``<slug>-<hash>`` instead,
    the hash taken from its title and sources, so a rerun of the same briefing replaces its
    own files and never another's. (Files written without their JSON carry no title and
    sources to compare: they are replaced as before.) Returns the briefing's files in the
    order of ``formats``, followed by the index. ``email_from``/``email_to`` set the From/To
    headers of the .eml.
    """
    chosen = list(dict.fromkeys(_check_format(f) for f in formats))
    if not chosen:
        raise TimelineError("no output format given")
    options = RenderOptions(get_labeler(locale), email_from, tuple(email_to))
    ready = prepared(briefing)

    def render_as(slug: str) -> list[tuple[str, bytes]]:
        named = ready if slug == ready.slug else replace(ready, slug=slug)
        return [(f"{slug}.{f.extension}", f.render(named, options)) for f in chosen]

    rendered = render_as(ready.slug)

    def claim(root: Path) -> list[tuple[str, bytes]]:
        slug = _free_slug(root, ready)
        return rendered if slug == ready.slug else render_as(slug)

    return _write_locked(Path(out_dir), claim, options.labeler)


# the output folder ----------------------------------------------------------------------

LOCK_NAME = ".timeline.lock"  # locked instead of the folder where a folder cannot be locked


def _identity(title: str, sources: Sequence[str]) -> str:
    return "\x1f".join([title, *sorted(sources)])


def _briefing_identity(briefing: Briefing) -> str:
    return _identity(briefing.title, [d.url or d.id for d in briefing.documents])


def _file_identity(path: Path) -> str | None:
    """The identity of the JSON briefing at ``path``; None when it is not one of ours."""
    try:
        if path.is_symlink() or path.stat().st_size > MAX_INDEX_JSON_BYTES:
            return None
        data = json.loads(path.read_bytes().decode("utf-8"))
        docs = data.get("documents") if isinstance(data, dict) else None
        if not isinstance(docs, list) or not isinstance(data.get("title"), str):
            return None
        sources = [str(d.get("url") or d.get("id")) for d in docs if isinstance(d, dict)]
        return _identity(data["title"], sources)
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _free_slug(root: Path, briefing: Briefing) -> str:
    """``briefing.slug`` unless ``<slug>.json`` holds another briefing; then the slug with a
    hash of this briefing's title and sources (see ``write_briefing``)."""
    slug = briefing.slug
    own = _briefing_identity(briefing)
    existing = root / f"{slug}.json"
    if not (existing.exists() or existing.is_symlink()) or _file_identity(existing) == own:
        return slug
    return with_suffix(slug, short_hash(own))


def _contained(out_dir: Path, name: str) -> Path:
    target = (out_dir / name).resolve()
    if target.parent != out_dir or target.name != name:
        raise TimelineError(f"refusing to write {name!r} outside {out_dir}")
    return target


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    """Hold an exclusive flock on the folder itself (so nothing is added to it), or on
    ``root/.timeline.lock`` where a folder cannot be locked: one writer of the folder at a
    time, so each run's index lists what every run before it wrote."""
    import fcntl

    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        os.close(fd)
        fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC,
                     0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        os.close(fd)  # releases the lock


def _stage(root: Path, target: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=root)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _backup(root: Path, target: Path) -> str | None:
    """A hard link to the file at ``target`` (None when there is none), to put it back if
    the commit fails half-way."""
    if not target.exists():
        return None
    name = str(root / f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        os.link(target, name)
    except OSError:  # a file system without hard links: a copy
        shutil.copy2(target, name)
    return name


@dataclass
class _Commit:
    """Files being written as one set: temp files, links to the files they replace, and
    the targets renamed so far."""

    staged: list[tuple[str, Path]] = field(default_factory=list)
    backups: dict[Path, str | None] = field(default_factory=dict)
    done: list[Path] = field(default_factory=list)

    def roll_back(self) -> None:
        for target in reversed(self.done):
            old = self.backups.get(target)
            try:
                if old is None:
                    target.unlink(missing_ok=True)
                else:
                    os.replace(old, target)
            except OSError:  # put back what can be; the first error is the one reported
                continue
        self.clean()

    def clean(self) -> None:
        leftovers = [tmp for tmp, _ in self.staged] + [b for b in self.backups.values() if b]
        for name in leftovers:
            try:
                os.unlink(name)
            except FileNotFoundError:
                pass


def _write_all(root: Path, files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file to a temp file in ``root`` first, then rename them all into place;
    if anything fails, the folder is left as it was (renamed files are put back)."""
    commit = _Commit()
    try:
        for target, data in files:
            commit.staged.append((_stage(root, target, data), target))
        for _, target in commit.staged:
            commit.backups[target] = _backup(root, target)
        for tmp, target in commit.staged:
            os.replace(tmp, target)
            commit.done.append(target)
    except BaseException:
        commit.roll_back()
        raise
    commit.staged.clear()
    commit.clean()


def _drop_stale(root: Path, names: Sequence[str]) -> None:
    """Remove the temporary files a killed run left for the files about to be written
    (``.<name>.<random>.tmp``, see ``_write_all``); nothing else is touched."""
    for name in names:
        for stale in root.glob(f".{name}.*.tmp"):
            if stale.is_file() and not stale.is_symlink():
                stale.unlink(missing_ok=True)


def write_set(out_dir: Path, rendered: Sequence[tuple[str, bytes]], labeler: Labeler) -> list[Path]:
    """Write rendered ``(file name, bytes)`` pairs into ``out_dir`` as one set with the index
    rebuilt for it: each file checked to lie directly inside ``out_dir``, all of them written
    to temp files, then renamed, under the folder's lock. On any error (a planted symlink, a
    full disk) the folder is left exactly as it was.

    Returns the files in the order given, followed by the index.
    """
    return _write_locked(Path(out_dir), lambda root: rendered, labeler)


def _write_locked(out_dir: Path, claim: Callable[[Path], Sequence[tuple[str, bytes]]],
                  labeler: Labeler) -> list[Path]:
    """Lock ``out_dir``, ask ``claim`` for the files to write (it may look at the folder),
    and write them and the index as one set."""
    if out_dir.exists() and not out_dir.is_dir():
        raise TimelineError(f"output path {out_dir} is not a directory")
    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        root = out_dir.resolve()
        with _locked(root):
            rendered = claim(root)
            files = [(_contained(root, name), data) for name, data in rendered]
            index = _contained(root, "index.html")
            page = _index_page(root, labeler, {t.name: data for t, data in files})
            _drop_stale(root, [target.name for target, _ in files] + [index.name])
            _write_all(root, [*files, (index, page)])
    except (OSError, TimelineError) as exc:
        if created:
            _remove_created(out_dir)
        if isinstance(exc, TimelineError):
            raise
        raise TimelineError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    return [target for target, _ in files] + [index]


def _remove_created(out_dir: Path) -> None:
    """Remove the folder this run created, empty (but a lock file), after a failure."""
    try:
        (out_dir / LOCK_NAME).unlink(missing_ok=True)
        out_dir.rmdir()
    except OSError:
        pass


def _index_page(root: Path, labeler: Labeler, pending: dict[str, bytes]) -> bytes:
    """The index of ``root`` as it will be once the ``pending`` files are written."""
    from timeline.render.site import collect_digests, collect_entries, render_index

    return render_index(collect_entries(root, pending), labeler,
                        collect_digests(root, labeler, pending))
