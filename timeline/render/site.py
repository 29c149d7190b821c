"""The static site index: ``out/index.html`` listing every JSON briefing in ``out/``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from timeline import __version__
from timeline.render.dates import Labeler
from timeline.render.escape import one_line
from timeline.render.schema import IndexEntry, read_index_entry
from timeline.render.strings import UiStrings, ui_strings
from timeline.render.templating import render_template

__all__ = ["IndexContext", "IndexItem", "collect_entries", "render_index"]

_SLUG_OK = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
MAX_INDEX_JSON_BYTES = 20_000_000


@dataclass(frozen=True)
class IndexItem:
    href: str
    title: str
    published_datetime: str | None
    published_label: str | None
    period: tuple[tuple[str, str], tuple[str, str] | None] | None
    summary: str
    events_count: str
    sources_count: str | None  # only when the story has several sources


@dataclass(frozen=True)
class DigestLink:
    """A digest page in the index: ``digest-<day>.html`` and its day."""

    href: str
    datetime: str
    label: str


@dataclass(frozen=True)
class IndexContext:
    lang: str
    title: str
    items: tuple[IndexItem, ...]
    t: UiStrings
    generator: str
    footer: str
    digests: tuple[DigestLink, ...] = ()


def collect_entries(out_dir: Path, pending: Mapping[str, bytes] | None = None,
                    ) -> list[tuple[IndexEntry, set[str]]]:
    """Every readable JSON briefing in ``out_dir`` with the formats present beside it, as
    the folder will be once the ``pending`` files (name -> bytes) are written."""
    pending = pending or {}
    found = []
    names = {p.name for p in out_dir.glob("*.json")} | {n for n in pending if n.endswith(".json")}
    for name in sorted(names):
        entry = _read_entry(out_dir / name, pending.get(name))
        if entry is None or not _SLUG_OK.match(entry.slug) or entry.slug != name[:-5]:
            continue
        present = {p.suffix.lstrip(".") for p in out_dir.glob(f"{entry.slug}.*")}
        present |= {n.rsplit(".", 1)[-1] for n in pending if n.startswith(f"{entry.slug}.")}
        found.append((entry, present))
    return found


def _read_entry(path: Path, data: bytes | None) -> IndexEntry | None:
    if data is not None:
        return read_index_entry(data)
    try:
        if path.is_symlink() or not path.is_file():
            return None
        if path.stat().st_size > MAX_INDEX_JSON_BYTES:
            return None
        return read_index_entry(path.read_bytes())
    except OSError:
        return None


_DIGEST_PAGE = re.compile(r"^digest-(\d{4}-\d\d-\d\d)\.html$")
MAX_INDEX_DIGESTS = 14  # the last two weeks of digests; older pages stay in the folder


def collect_digests(out_dir: Path, labeler: Labeler, pending: Mapping[str, bytes] | None = None,
                    ) -> tuple[DigestLink, ...]:
    """The digest pages in ``out_dir`` (and among the ``pending`` files), newest first."""
    found = []
    paths = set(out_dir.glob("digest-*.html")) | {out_dir / n for n in pending or ()}
    for path in paths:
        m = _DIGEST_PAGE.match(path.name)
        if m and (path.name in (pending or ()) or (path.is_file() and not path.is_symlink())):
            shown = labeler.reported(m.group(1))
            label = shown.full if shown else m.group(1)
            found.append(DigestLink(path.name, m.group(1), label))
    found.sort(key=lambda d: d.datetime, reverse=True)
    return tuple(found[:MAX_INDEX_DIGESTS])


def _pair(labeler: Labeler, value: str | None) -> tuple[str, str] | None:
    shown = labeler.period_end(value) if value else None
    return (shown.datetime, shown.full) if shown else None


def render_index(entries: list[tuple[IndexEntry, set[str]]], labeler: Labeler,
                 digests: tuple[DigestLink, ...] = ()) -> bytes:
    """The index page: the digests, newest first, then every briefing, newest story first
    (by publication date, then period end, title)."""
    t = ui_strings(labeler.language)
    items = []
    ordered = sorted(entries, key=lambda pair: pair[0].sort_key, reverse=True)
    for entry, present in ordered:
        href = f"{entry.slug}.html" if "html" in present else f"{entry.slug}.json"
        published = labeler.reported(entry.published)
        start = _pair(labeler, entry.period_start)
        end = _pair(labeler, entry.period_end)
        period = (start, end if end != start else None) if start else None
        items.append(IndexItem(
            href=href,
            title=one_line(entry.title) or entry.slug,
            published_datetime=published.datetime if published else None,
            published_label=published.full if published else None,
            period=period,
            summary=one_line(entry.summary),
            events_count=t.events(entry.events),
            sources_count=t.sources_n(entry.sources) if entry.sources > 1 else None,
        ))
    ctx = IndexContext(
        lang=labeler.tag.replace("_", "-"),
        title=t.briefings,
        items=tuple(items),
        t=t,
        generator=f"timeline {__version__}",
        footer=t.site_footer.format(version=__version__),
        digests=digests,
    )
    return render_template("index.html.j2", ctx).encode("utf-8")
