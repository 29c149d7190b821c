"""Briefing: events + summary + sources -> the one value every renderer reads."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime

from timeline.model import AnalyzedDocument, Briefing, Document, Sentence, Timeline

SLUG_MAX = 80


def slugify(text: str) -> str:
    """A file-name-safe slug: lowercase ASCII letters, digits and single hyphens.

    Accents are folded ("Élysée" -> "elysee"); anything else becomes a hyphen, so
    whatever a title says ("../../etc/passwd" included) the slug names no path outside
    the output folder. At most 80 characters, cut at a hyphen where possible, never
    empty ("briefing" when nothing usable is left).
    """
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        cut = slug[:SLUG_MAX]
        if "-" in cut[SLUG_MAX // 2 :]:  # cut at a hyphen in the second half, else mid-word
            cut = cut[: cut.rindex("-")]
        slug = cut.strip("-")
    return slug or "briefing"


def build_briefing(
    adocs: Sequence[AnalyzedDocument],
    summary: Sequence[Sentence],
    timeline: Timeline,
    *,
    method: str,
    skipped: Sequence[str] = (),
    title: str | None = None,
) -> Briefing:
    from timeline.claims import attach_claims

    timeline = attach_claims(timeline, adocs)  # figures the sources disagree on
    documents = tuple(a.document for a in adocs)
    dated = sorted(d.dct for d in documents if d.dct)
    if title is None:
        title = documents[0].title if len(documents) == 1 else _story_title(documents, summary)
    period = _period(timeline)
    return Briefing(
        title=title,
        slug=slugify(title),
        published=dated[-1] if dated else None,
        summary=tuple(summary),
        timeline=timeline,
        documents=documents,
        method=method,
        period=period,
        skipped=tuple(skipped),
    )


def _period(timeline: Timeline) -> tuple[str, str] | None:
    """The span the entries cover, read forwards: from the entry that starts first (the
    finer one on a tie) to the one that ends last (the finer one on a tie), whatever order
    the entries come in."""
    events = timeline.events
    if not events:
        return None
    first = min(events, key=lambda e: (_naive(e.start), e.granularity_seconds))
    last = max(events, key=lambda e: (_naive(e.end), -e.granularity_seconds))
    return first.value, last.value


def _naive(dt: datetime) -> datetime:
    return dt.replace(tzinfo=None)


def _story_title(documents: Sequence[Document], summary: Sequence[Sentence]) -> str:
    """A story is named by the article whose lead opens its summary (the summarizer's
    choice of the best lead), else by the newest article."""
    if summary:
        by_id = {d.id: d for d in documents}
        opener = by_id.get(summary[0].doc_id)
        if opener is not None and opener.title and not is_dateline(opener.title):
            return opener.title
    titled = [d for d in documents if d.title and not is_dateline(d.title)] or list(documents)
    newest = max(titled, key=lambda d: (d.dct or "", d.id))
    return newest.title


#: a dateline standing where a title should ("ORLANDO, Fla.", "GENEVA", "HONG KONG |
#: Tue May 12, 2009 8:56am EDT"): a place in capitals, perhaps a state or date after it
_DATELINE = re.compile(r"^[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][a-z]{1,5}\.?)?(?:\s*[|(,].*)?$")


def is_dateline(title: str) -> bool:
    """True when a title is only a dateline: a story is never named "ORLANDO, Fla."."""
    return bool(_DATELINE.match(title.strip()))
