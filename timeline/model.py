"""The values that flow between pipeline stages.

ingest -> segment -> temporal -> events -> summarize -> briefing -> render

Every stage takes and returns these small frozen dataclasses; nothing here does I/O.
Character offsets always refer to ``Document.text`` (the text exactly as read), so a
span can be traced from the first tagger pass to the last rendered page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Domain = Literal["news", "narrative"]


@dataclass(frozen=True)
class Document:
    """One article as ingested.

    ``text`` is the whole input; ``body_start``/``body_end`` bound the article itself
    (what follows it on a pasted page, such as the agency line, the dateline, a photo
    caption or unrelated teasers, lies outside). ``dct`` is the document creation time
    as a TIMEX3 date value ("2016-05-23"), or None when neither the text nor the user
    gave one.
    """

    id: str
    text: str
    body_start: int
    body_end: int
    dct: str | None
    title: str
    dct_source: Literal["dateline", "option", "metadata", "feed", "none"] = "none"
    url: str | None = None
    path: str | None = None
    outlet: str | None = None
    # What ingest read beside the date: the dateline as printed ("Updated 3:45 AM EDT,
    # September 27, 2024"), the publication time as a TIMEX3 datetime when the dateline
    # gives a clock time ("2024-09-27T03:45"), and the byline ("By Jane Doe").
    dateline: str | None = None
    published_at: str | None = None
    byline: str | None = None

    @property
    def body(self) -> str:
        return self.text[self.body_start : self.body_end]


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence with offsets into ``Document.text``; ``index`` counts from 0 in the document."""

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()
    paragraph: int = 0
    doc_id: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens if any(c.isalnum() for c in t.text))


@dataclass(frozen=True)
class Timex:
    """A TIMEX3 time expression: span, type, normalized value and attributes.

    ``value`` follows TimeML ("2016-05-23", "2016-05-23T09:00", "2016-W21", "XXXX-04",
    "P5Y", "PRESENT_REF"); ``mod`` is a TimeML mod ("MID", "APPROX", ...) or None.
    ``utc_offset`` is "+03:00"-style where the text states a zone (e.g. "local time
    (0600 GMT)"); ``anchor`` is the tid of the timex this one was resolved against
    ("t0" for the DCT).
    """

    tid: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    anchor: str | None = None
    utc_offset: str | None = None
    rule: str = ""


@dataclass(frozen=True)
class Citation:
    """Where an event statement came from: a sentence of one document."""

    doc_id: str
    start: int
    end: int
    title: str = ""
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Claim:
    """A figure sources give for an event: how many were killed, injured, arrested, ...
    or a sum of money, and who said so.

    ``figure`` is the figure as written ("more than 148", "$2.5 million"); ``count`` its
    value; ``said_by`` names, per citation in ``sources``, who the article credits ("Syrian
    Observatory for Human Rights"), "" where the article says it in its own voice;
    ``breakdown`` splits it by place (("Jableh", 100), ("Tartus", 48)); ``earlier`` when
    the text says the figure came before others; ``revised_from`` the figures the same
    source gave in earlier reports.
    """

    measure: str
    count: int
    figure: str
    said_by: tuple[str, ...]
    sources: tuple[Citation, ...]
    breakdown: tuple[tuple[str, int], ...] = ()
    earlier: bool = False
    revised_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """Something the story says happened at a time.

    ``start``/``end`` bound the interval the TIMEX3 value denotes (end exclusive);
    they are timezone-aware when the text gave a zone, naive otherwise.
    """

    value: str
    mod: str | None
    start: datetime
    end: datetime
    text: str
    timex: Timex
    sources: tuple[Citation, ...]
    utc_offset: str | None = None
    # different figures sources give for this event (see timeline.claims); () when none
    claims: tuple[Claim, ...] = ()
    # True when the entry's own sentence names no time that dates it: its date comes from
    # the article's publication date (a story's undated lead), so renderers say so
    inferred: bool = False

    @property
    def granularity_seconds(self) -> float:
        return (self.end - self.start).total_seconds()


@dataclass(frozen=True)
class Timeline:
    events: tuple[Event, ...]


@dataclass(frozen=True)
class AnalyzedDocument:
    """A document after segmentation and temporal tagging."""

    document: Document
    sentences: tuple[Sentence, ...]
    timexes: tuple[Timex, ...]
    domain: Domain = "news"


@dataclass(frozen=True)
class Briefing:
    """Everything a renderer reads. Renderers never reach back into earlier stages."""

    title: str
    slug: str
    published: str | None
    summary: tuple[Sentence, ...]
    timeline: Timeline
    documents: tuple[Document, ...]
    method: str = "lead"
    period: tuple[str, str] | None = None
    skipped: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class DigestItem:
    """One item of a digest. Near-duplicates (the same URL, the same text, a syndicated
    copy) are one item with several sources: ``documents[0]`` stands for them all.
    ``key`` is its content hash; ``new`` says the previous digest did not have it."""

    key: str
    documents: tuple[Document, ...]
    new: bool = False

    @property
    def document(self) -> Document:
        return self.documents[0]


@dataclass(frozen=True)
class Story:
    """A story of a digest: its items and the briefing made of them. ``id`` stays the same
    from run to run while the story goes on; ``new`` says no earlier digest had it."""

    id: str
    briefing: Briefing
    items: tuple[DigestItem, ...]
    new: bool = False


@dataclass(frozen=True)
class Digest:
    """Today's stories, largest and most recent first, and the items that belong to none.

    ``date`` is the digest's day (an input, never the clock); ``previous`` the day of the
    digest it was compared with (None for the first, which marks nothing new)."""

    date: str
    stories: tuple[Story, ...]
    other: tuple[DigestItem, ...]
    previous: str | None = None
    skipped: tuple[str, ...] = field(default=())
