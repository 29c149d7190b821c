"""The daily digest: documents -> items -> stories, each story briefed, ranked, followed.

1. **Items**: near-duplicates (the same URL, the same text, a syndicated copy with the same
   headline and lead) become one item with several sources.
2. **Stories**: the items' headlines and leads are grouped by :func:`timeline.cluster.group`
   (the number of stories is not given); a group of :data:`MIN_STORY_ITEMS` items or more
   is a story, the rest are "other items".
3. **Briefings**: each story is briefed as ``brief`` would (timeline, summary, sources),
   from analyses kept in the store, so an unchanged article is never tagged twice.
4. **Following**: a story keeps the id its items had in earlier runs; an item the previous
   digest did not have is new.
5. **Ranking**: stories by size and recency (each item counts half as much per
   :data:`HALF_LIFE_DAYS` of age before the digest's day).

The digest's day is an input (``--date``, else the newest item's date): the pipeline never
reads the clock, so a rerun on the same inputs and store gives the same digest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date as Date
from urllib.parse import urlsplit

from timeline.errors import TimelineError
from timeline.model import AnalyzedDocument, Digest, DigestItem, Document, Story
from timeline.pipeline import BriefOptions
from timeline.store import Store, content_hash

__all__ = ["DigestOptions", "DigestRun", "build_digest", "choose_story", "record_digest"]

MIN_STORY_ITEMS = 2
"""A story is told by two items or more; a lone item is one of the "other items"."""

LEAD_CHARS = 600
"""What the grouping reads of an item: its headline and the first ~100 words of its text
(a lead says what the story is; the rest of a long article adds words of other stories)."""

HALF_LIFE_DAYS = 1.0
"""An item one day older than the digest counts half as much in a story's rank."""

SYNDICATED_TITLE_WORDS = 5
"""A headline this long, with the same lead, marks a syndicated copy; shorter ones
("Live updates", "Weather") repeat across unrelated items."""

SYNDICATED_LEAD = 200
"""Characters of normalized text compared for a syndicated copy (about its first sentence)."""

_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class DigestOptions:
    """What a digest run is told: its day (else the newest item's), the first day of
    items it keeps, and how each story is briefed."""

    date: str | None = None
    since: str | None = None
    brief: BriefOptions = field(default_factory=BriefOptions)

    def __post_init__(self) -> None:
        """Dates are checked when given (OptionError names the setting), before any work."""
        from timeline.errors import OptionError
        from timeline.ingest.text import validate_date

        for name in ("date", "since"):
            value = getattr(self, name)
            if value is not None:
                try:
                    object.__setattr__(self, name, validate_date(value))
                except OptionError as exc:
                    raise OptionError(name, str(exc)) from None


@dataclass(frozen=True)
class DigestRun:
    """A digest and what making it took: items tagged now and analyses reused."""

    digest: Digest
    tagged: int
    reused: int
    stored: int


# items ------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _url_key(url: str | None) -> str | None:
    """The same page whatever its scheme, ``www.``, query string or fragment."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[::1": no page to compare by
        return None
    host = parts.netloc.lower().removeprefix("www.")
    if not host:
        return None
    return f"url:{host}{parts.path.rstrip('/')}"


def _dup_keys(doc: Document) -> list[str]:
    body = _norm(doc.body)
    keys = [f"text:{body}"] if body else []
    url = _url_key(doc.url)
    if url:
        keys.append(url)
    title = _norm(doc.title)
    if len(title.split()) >= SYNDICATED_TITLE_WORDS and body:
        keys.append(f"copy:{title}|{body[:SYNDICATED_LEAD]}")
    return keys


def merge_duplicates(documents: Sequence[Document]) -> list[DigestItem]:
    """Near-duplicates as one item each (union of shared keys), in first-seen order.

    An item's first document is the one with the longest text (the fullest copy), then
    the earliest date; its other documents follow in input order.
    """
    parent = list(range(len(documents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, doc in enumerate(documents):
        for key in _dup_keys(doc):
            j = owner.setdefault(key, i)
            if j != i:
                a, b = find(i), find(j)
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Document]] = {}
    for i, doc in enumerate(documents):
        groups.setdefault(find(i), []).append(doc)
    items = []
    for docs in groups.values():
        lead = max(docs, key=lambda d: (len(d.body), -_day_number(d.dct)))
        ordered = (lead, *(d for d in docs if d is not lead))
        items.append(DigestItem(key=content_hash(lead), documents=ordered))
    return items


def _day_number(value: str | None) -> int:
    """Days since year 1 of a TIMEX3 date value's day (0 when it has none)."""
    if not value or not re.match(r"\d{4}-\d\d-\d\d", value):
        return 0
    try:
        return Date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return 0


def item_text(item: DigestItem) -> str:
    """What the grouping reads: the headline and the lead."""
    doc = item.document
    return f"{doc.title}\n{doc.body[:LEAD_CHARS]}"


# stories -----------------------------------------------------------------------------------


def group_items(items: Sequence[DigestItem]) -> tuple[list[list[DigestItem]], list[DigestItem]]:
    """(stories, other items): groups of :data:`MIN_STORY_ITEMS` or more, and the rest."""
    stories, other, _ = _group(items, ())
    return stories, other


Anchor = tuple[str, str]
"""An item of an earlier digest's story, grouped beside today's: (story id, its text)."""


def _group(items: Sequence[DigestItem], anchors: Sequence[Anchor],
           ) -> tuple[list[list[DigestItem]], list[DigestItem], list[Counter[str]]]:
    """Stories, other items, and for each story the story ids of the anchors that fell
    into its group (anchors group with today's items but are never listed)."""
    if not items:
        return [], [], []
    from timeline.cluster import GroupOptions, group
    from timeline.language import majority_language
    from timeline.textstats import stop_words

    texts = [item_text(i) for i in items] + [text for _, text in anchors]
    # the function words of the language most items are in are no terms: with English
    # ones only, "le", "la", "de" made every French item look like every other
    lang = majority_language(texts)
    options = GroupOptions(stop=stop_words("smart", lang)) if lang != "en" else None
    labels = group(texts, options=options)
    by_label: dict[int, list[DigestItem]] = {}
    for item, label in zip(items, labels, strict=False):
        by_label.setdefault(label, []).append(item)
    followed: dict[int, Counter[str]] = {}
    for (story, _), label in zip(anchors, labels[len(items):], strict=True):
        followed.setdefault(label, Counter())[story] += 1
    keys = [k for k, g in by_label.items() if len(g) >= MIN_STORY_ITEMS]
    other = [g[0] for g in by_label.values() if len(g) < MIN_STORY_ITEMS]
    return [by_label[k] for k in keys], other, [followed.get(k, Counter()) for k in keys]


def _story_ids(groups: list[list[DigestItem]], votes: list[Counter[str]]) -> list[str]:
    """Each group's story id: the id most of its items (or the earlier items grouped with
    them) had before (the larger group wins an id two groups claim), else a new one from
    its smallest item hash (the same items get the same new id on a rerun)."""
    ids: list[str | None] = [None] * len(groups)
    taken: set[str] = set()
    order = sorted(range(len(groups)), key=lambda g: (-len(groups[g]), groups[g][0].key))
    for g in order:
        for story, _ in sorted(votes[g].items(), key=lambda kv: (-kv[1], kv[0])):
            if story not in taken:
                ids[g] = story
                taken.add(story)
                break
    for g in order:
        if ids[g] is None:
            base = min(i.key for i in groups[g])[:10]
            new, n = base, 1
            while new in taken:
                n += 1
                new = f"{base}-{n}"
            ids[g] = new
            taken.add(new)
    return [i for i in ids if i is not None]


def _rank(story: Story, today: int) -> tuple[float, int, str, str]:
    weight = 0.0
    latest = 0
    for item in story.items:
        day = _day_number(item.document.dct)
        latest = max(latest, day)
        age = max(0, today - day) if day else 0
        weight += 0.5 ** (age / HALF_LIFE_DAYS)
    return (-weight, -latest, story.briefing.title, story.id)


# the run ---------------------------------------------------------------------------------


def _analyze(docs: list[Document], store: Store | None,
             domain: str) -> tuple[dict[str, AnalyzedDocument], int]:
    """Analyses by document id (from the store where it has them) and how many were tagged.

    New analyses are saved in chunks, each its own transaction: an interrupted run keeps
    what it finished."""
    from timeline.pipeline import analyze_many

    found = store.analyses(docs, domain) if store is not None else {}
    todo = [d for d in docs if d.id not in found]
    for start in range(0, len(todo), _SAVE_EVERY):
        chunk = todo[start : start + _SAVE_EVERY]
        done = analyze_many(chunk, domain)  # type: ignore[arg-type]
        if store is not None:
            store.save_analyses(done, domain)
        found.update((a.document.id, a) for a in done)
    return found, len(todo)


_SAVE_EVERY = 50  # analyses per transaction: a kill loses at most this many taggings


def _today(documents: Sequence[Document], given: str | None) -> str:
    if given:
        return given
    dated = [d.dct[:10] for d in documents if d.dct and _day_number(d.dct)]
    if not dated:
        raise TimelineError("no item has a publication date to date the digest by")
    return max(dated)


def _kept(documents: Sequence[Document], since: str | None) -> list[Document]:
    if since is None:
        return list(documents)
    first = _day_number(since)
    return [d for d in documents if _day_number(d.dct) >= first]


def build_digest(documents: Sequence[Document], options: DigestOptions,
                 store: Store | None = None) -> DigestRun:
    """Group the documents into stories and brief each; nothing is written but the store's
    items and analyses (the digest itself is recorded by :func:`record_digest` once its
    outputs are written)."""
    from timeline.pipeline import brief_analyzed

    today = _today(documents, options.date)
    docs = _kept(documents, options.since)
    if not docs:
        raise TimelineError(f"no item published on or after {options.since}")
    stored = store.add_items(docs, today) if store is not None else 0
    items = merge_duplicates(docs)
    keys = {i.key for i in items}
    anchors = [(story, f"{title}\n{text[:LEAD_CHARS]}")
               for key, story, title, text in (store.followed() if store else ())
               if key not in keys]
    groups, other, votes = _group(items, anchors)
    leads = [i.document for g in groups for i in g]
    analyses, tagged = _analyze(leads, store, options.brief.domain)
    known = store.stories_of([i.key for g in groups for i in g]) if store is not None else {}
    for g, counter in zip(groups, votes, strict=True):
        counter.update(known[i.key] for i in g if i.key in known)
    previous = store.previous_digest() if store is not None else None
    seen = previous[1] if previous else None

    def mark(item: DigestItem) -> DigestItem:
        return replace(item, new=seen is not None and item.key not in seen)

    stories = []
    for story_id, g, v in zip(_story_ids(groups, votes), groups, votes, strict=True):
        briefing = brief_analyzed([analyses[i.document.id] for i in g], options.brief)
        stories.append(Story(
            id=story_id,
            briefing=replace(briefing, slug=f"story-{story_id}"),  # one address all along
            items=tuple(mark(i) for i in g),
            new=seen is not None and not v,
        ))
    day = _day_number(today)
    stories.sort(key=lambda s: _rank(s, day))
    digest = Digest(
        date=today,
        stories=tuple(stories),
        other=tuple(sorted((mark(i) for i in other),
                           key=lambda i: (-_day_number(i.document.dct), i.document.title))),
        previous=previous[0] if previous else None,
        skipped=options.brief.skipped,
    )
    return DigestRun(digest, tagged=tagged, reused=len(leads) - tagged, stored=stored)


def record_digest(store: Store, digest: Digest) -> None:
    """Record a digest whose outputs are written: its items (what the next one compares
    with) and its stories' ids, in one transaction."""
    hashes = [i.key for s in digest.stories for i in s.items] + [i.key for i in digest.other]
    assignments = {i.key: s.id for s in digest.stories for i in s.items}
    store.complete_digest(digest.date, hashes, assignments)


# brief on several stories ----------------------------------------------------------------


def choose_story(documents: Sequence[Document],
                 keywords: Sequence[str] = ()) -> tuple[list[Document], int]:
    """The documents of the story to brief, and how many stories the inputs tell.

    Inputs tell several stories when two groups or more of :data:`MIN_STORY_ITEMS` items
    form, or when no two items group at all (unrelated articles). Then the largest story
    is chosen (ties: the newest), or with ``keywords`` the one whose headlines and leads
    name them most often. One group with a few lone items is one story (a lone item may
    tell it in other words): all documents come back, near-duplicates once.
    """
    items = merge_duplicates(documents)
    if len(items) < 2:
        return [i.document for i in items], len(items)
    groups, other = group_items(items)
    if len(groups) == 1:
        return [d for d in documents if any(d is i.document for i in items)], 1
    candidates = groups or [[i] for i in other]
    words = [k.casefold() for k in keywords if k.strip()]

    def score(g: list[DigestItem]) -> tuple[int, int, int]:
        hits = sum(item_text(i).casefold().count(w) for i in g for w in words)
        newest = max(_day_number(i.document.dct) for i in g)
        return (hits, len(g), newest)

    best = max(candidates, key=score)
    if words and score(best)[0] == 0:
        best = max(candidates, key=lambda g: score(g)[1:])  # no story names them: the largest
    chosen = {id(i.document) for i in best}  # one document per item: no article twice
    return [d for d in documents if id(d) in chosen], len(groups) + len(other)
