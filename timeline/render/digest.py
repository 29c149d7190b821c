"""The digest: a page, Markdown, an email and JSON, beside one briefing per story.

Everything is rendered in memory first, then written as one set (temporary files renamed
into place, every target checked to lie in the output folder, as ``write_briefing``
does), then the site index is rebuilt: it lists the digest page above the briefings.

Files: ``digest-<day>.html/.md/.json/.eml`` and, per story, ``<story slug>.html`` and
``.json`` (``.md`` too when the digest has Markdown).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline import __version__
from timeline.errors import TimelineError
from timeline.model import Digest, DigestItem, Event, Story
from timeline.render.core import OUTPUT_FORMATS, RenderOptions, write_set
from timeline.render.dates import Labeler, get_labeler, html_datetime
from timeline.render.escape import MdSafe, md_escape, md_url, one_line, safe_url
from timeline.render.schema import dumps
from timeline.render.slug import safe_slug
from timeline.render.strings import UiStrings, ui_strings
from timeline.render.templating import render_template

__all__ = ["DIGEST_FORMATS", "DIGEST_SCHEMA", "digest_data", "digest_name", "write_digest"]

DIGEST_FORMATS = ("html", "md", "json", "eml")
DIGEST_SCHEMA = "timeline.digest/1"
SUMMARY_SENTENCES = 2  # a story's summary in the digest: two sentences, about two lines
SUMMARY_CHARS = 320  # ... cut at a word past this many characters
KEY_EVENTS = 3  # dated events shown per story: the most cited, in timeline order


def digest_name(digest: Digest) -> str:
    """The digest's file name without extension: ``digest-<day>``."""
    return safe_slug(f"digest-{digest.date}")


# views ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceLink:
    title: str
    url: str | None
    outlet: str | None
    published: tuple[str, str] | None  # (datetime, label)

    @property
    def md(self) -> MdSafe:
        name = md_escape(self.title)
        if self.outlet:
            name = f"{name} ({md_escape(self.outlet)})"
        return MdSafe(f"[{name}]({md_url(self.url)})" if self.url else name)


@dataclass(frozen=True)
class ItemView:
    title: str
    new: bool
    sources: tuple[SourceLink, ...]


@dataclass(frozen=True)
class EventLine:
    datetime: str
    label: str
    text: str


@dataclass(frozen=True)
class StoryView:
    id: str
    href: str
    title: str
    summary: str
    new: bool
    new_items: int
    events: tuple[EventLine, ...]
    items: tuple[ItemView, ...]
    size: str


@dataclass(frozen=True)
class DigestContext:
    lang: str
    title: str
    date: tuple[str, str]
    previous: tuple[str, str] | None
    stories: tuple[StoryView, ...]
    other: tuple[ItemView, ...]
    index_href: str | None
    generator: str
    footer: str
    t: UiStrings  # the digest's own words in its language


def _source(doc: Any, labeler: Labeler) -> SourceLink:
    shown = labeler.reported(doc.dct)
    return SourceLink(
        title=one_line(doc.title) or doc.id,
        url=safe_url(doc.url),
        outlet=one_line(doc.outlet) or None,
        published=(shown.datetime, _dated(shown.full, doc.dct_source, labeler.language))
        if shown else None,
    )


def _dated(label: str, source: str, language: str) -> str:
    """A publication date as shown, saying when it is the feed's and not the item's own."""
    return ui_strings(language).feed_date.format(date=label) if source == "feed" else label


def _item(item: DigestItem, labeler: Labeler) -> ItemView:
    sources = tuple(_source(d, labeler) for d in item.documents)
    return ItemView(title=sources[0].title, new=item.new, sources=sources)


def _summary(story: Story) -> str:
    text = " ".join(one_line(s.text) for s in story.briefing.summary[:SUMMARY_SENTENCES])
    if len(text) > SUMMARY_CHARS:
        text = text[:SUMMARY_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def _key_events(events: Sequence[Event], labeler: Labeler) -> tuple[EventLine, ...]:
    ranked = sorted(range(len(events)), key=lambda i: (-len(events[i].sources), -i))
    chosen = sorted(ranked[:KEY_EVENTS])
    lines = []
    for i in chosen:
        e = events[i]
        shown = labeler.display(e.value, e.mod, e.utc_offset, fallback_start=e.start)
        label = shown.full
        if e.inferred:  # the sentence names no date: say the date was inferred, as briefings do
            label = f"{label} ({ui_strings(labeler.language).date_inferred})"
        lines.append(EventLine(html_datetime(e.value, e.utc_offset, e.start), label,
                               one_line(e.text)))
    return tuple(lines)


def _story(story: Story, labeler: Labeler) -> StoryView:
    items = tuple(_item(i, labeler) for i in story.items)
    n = len(story.items)
    t = ui_strings(labeler.language)
    return StoryView(
        id=story.id,
        href=f"{safe_slug(story.briefing.slug)}.html",
        title=one_line(story.briefing.title),
        summary=_summary(story),
        new=story.new,
        new_items=sum(1 for i in story.items if i.new),
        events=_key_events(story.briefing.timeline.events, labeler),
        items=items,
        size=t.count(t.items_count, n),
    )


def digest_context(digest: Digest, labeler: Labeler,
                   index_href: str | None = "index.html") -> DigestContext:
    day = labeler.reported(digest.date)
    previous = labeler.reported(digest.previous) if digest.previous else None
    t = ui_strings(labeler.language)
    return DigestContext(
        lang=labeler.tag.replace("_", "-"),
        title=t.digest_title.format(date=day.full if day else digest.date),
        date=(day.datetime, day.full) if day else (digest.date, digest.date),
        previous=(previous.datetime, previous.full) if previous else None,
        stories=tuple(_story(s, labeler) for s in digest.stories),
        other=tuple(_item(i, labeler) for i in digest.other),
        index_href=index_href,
        generator=f"timeline {__version__}",
        footer=t.digest_footer.format(version=__version__),
        t=t,
    )


# formats ----------------------------------------------------------------------------------


def _documents_data(item: DigestItem) -> list[dict[str, Any]]:
    return [{"input": d.path or d.url or d.id, "url": d.url, "title": d.title,
             "outlet": d.outlet, "published": d.dct, "dct_source": d.dct_source}
            for d in item.documents]


def digest_data(digest: Digest) -> dict[str, Any]:
    """The digest as JSON-ready data (``timeline.digest/1``): every story with its
    documents (``input`` as given, ``url``, ``title``), and the other items the same way."""
    return {
        "schema": DIGEST_SCHEMA,
        "date": digest.date,
        "previous": digest.previous,
        "stories": [
            {"id": s.id, "title": s.briefing.title, "briefing": f"{safe_slug(s.briefing.slug)}",
             "new": s.new, "summary": [x.text for x in s.briefing.summary[:SUMMARY_SENTENCES]],
             "items": [{"new": i.new, "documents": _documents_data(i)} for i in s.items],
             "documents": [d for i in s.items for d in _documents_data(i)]}
            for s in digest.stories
        ],
        "other": [{"id": f"other-{i.key[:10]}", "title": i.document.title, "new": i.new,
                   "documents": _documents_data(i)} for i in digest.other],
        "skipped": list(digest.skipped),
        "generator": f"timeline {__version__}",
    }


def render_digest(digest: Digest, fmt: str, options: RenderOptions) -> bytes:
    if fmt == "json":
        return dumps(digest_data(digest))
    if fmt == "html":
        ctx = digest_context(digest, options.labeler)
        return render_template("digest.html.j2", ctx).encode("utf-8")
    if fmt == "md":
        ctx = digest_context(digest, options.labeler)
        return render_template("digest.md.j2", ctx, markdown=True).encode("utf-8")
    if fmt == "eml":
        return _eml(digest, options)
    raise TimelineError(f"unknown digest format {fmt!r}: choose from {', '.join(DIGEST_FORMATS)}")


def _eml(digest: Digest, options: RenderOptions) -> bytes:
    """A multipart/alternative email: the Markdown as text, the page's HTML (no index link)."""
    from timeline.render.email import _addresses, compose_eml

    sender = _addresses(options.email_from, "email_from") if options.email_from else None
    recipients = [_addresses(a, "email_to") for a in options.email_to if a.strip()]
    ctx = digest_context(digest, options.labeler, index_href=None)
    plain = render_template("digest.md.j2", ctx, markdown=True)
    html = render_template("digest.eml.html.j2", ctx)
    token = hashlib.sha256("\0".join([ctx.title, sender or "", *recipients, plain, html])
                           .encode("utf-8")).hexdigest()
    return compose_eml(subject=ctx.title, sender=sender, recipients=recipients,
                       message_id=f"<{token[:32]}@timeline.invalid>", plain=plain, html=html,
                       lang=ctx.lang, boundary=f"=_timeline_{token[32:56]}")


def write_digest(
    digest: Digest,
    out_dir: Path,
    formats: Sequence[str],
    *,
    locale: str = "en",
    email_from: str | None = None,
    email_to: Sequence[str] = (),
) -> list[Path]:
    """Write the digest files and each story's briefing, as one set, then the index.

    Returns the digest's files in the order of ``formats``, the briefings, and the index.
    """
    chosen = list(dict.fromkeys(f.strip().lower() for f in formats))
    if not chosen:
        raise TimelineError("no output format given")
    options = RenderOptions(get_labeler(locale), email_from, tuple(email_to))
    name = digest_name(digest)
    rendered = [(f"{name}.{fmt}", render_digest(digest, fmt, options)) for fmt in chosen]
    story_formats = ["html", "json"] + (["md"] if "md" in chosen else [])
    briefings = [(f"{safe_slug(s.briefing.slug)}.{OUTPUT_FORMATS[f].extension}",
                  OUTPUT_FORMATS[f].render(s.briefing, options))
                 for s in digest.stories for f in story_formats]
    return write_set(Path(out_dir), rendered + briefings, options.labeler)
