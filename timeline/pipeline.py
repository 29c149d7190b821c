"""The pipeline, one direction: ingest -> segment -> temporal -> events -> summarize -> briefing.

The CLI parses arguments and calls these functions; rendering happens after, from the
Briefing alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from timeline.errors import NoDateError, OptionError, TimelineError
from timeline.model import AnalyzedDocument, Briefing, Document

DomainChoice = Literal["news", "narrative", "auto"]


@dataclass(frozen=True)
class BriefOptions:
    method: str = "news"
    sentences: int | None = None
    words: int | None = None
    domain: DomainChoice = "auto"
    keywords: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    max_dates: int | None = None
    per_date: int = 1
    skipped: tuple[str, ...] = field(default=())
    #: the date rules' language; None: detected per article (see :func:`date_language`)
    lang: str | None = None


def require_dct(doc: Document) -> None:
    """Raise NoDateError when the article has no publication date to anchor its times to
    (the CLI says how to give one)."""
    if doc.dct is None:
        name = doc.path or doc.id
        raise NoDateError(f"{name}: no publication date found in the text")


def date_language(text: str, lang: str | None = None) -> str:
    """The language whose temporal rules read ``text``: ``lang`` when given (OptionError
    when there are no rules for it), else the language detected in the text when the
    tagger has rules for it, else English."""
    from timeline.temporal import languages

    have = languages()
    if lang is not None:
        if lang not in languages(include_pending=True):
            raise OptionError("lang", f"no date rules for {lang!r} (have: {', '.join(have)})")
        return lang
    if len(have) == 1:
        return have[0]
    from timeline.language import detect

    found = detect(text)
    return found if found in have else "en"


def analyze(
    doc: Document, domain: DomainChoice = "auto", lang: str | None = None
) -> AnalyzedDocument:
    """Segment the article body and tag its time expressions against the document's DCT,
    with the date rules of ``lang`` (None: of the language detected, see
    :func:`date_language`)."""
    from timeline.segment import segment
    from timeline.temporal import tag

    require_dct(doc)
    code = date_language(doc.text[doc.body_start : doc.body_end], lang)
    sentences = segment(doc.text, doc.body_start, doc.body_end, doc_id=doc.id)
    result = tag(
        doc.text, doc.dct, domain=domain, start=doc.body_start, end=doc.body_end, lang=code
    )
    return AnalyzedDocument(
        document=doc, sentences=sentences, timexes=result.timexes, domain=result.domain
    )


_PARALLEL_FROM = 200  # below this many articles a process pool costs more than it saves


def _analyze_job(job: tuple[Document, DomainChoice, str | None]) -> AnalyzedDocument:
    return analyze(*job)


def analyze_many(
    documents: Sequence[Document],
    domain: DomainChoice = "auto",
    workers: int | None = None,
    lang: str | None = None,
) -> list[AnalyzedDocument]:
    """Analyze many articles, across all cores when there are enough of them.

    Results keep the input order; a progress bar is drawn on stderr when it is a terminal.
    """
    import os

    from timeline.progress import progress

    workers = workers or os.cpu_count() or 1
    jobs = [(d, domain, lang) for d in documents]
    if workers < 2 or len(jobs) < _PARALLEL_FROM:
        return [_analyze_job(j) for j in progress(jobs, len(jobs), "analyzing")]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(jobs) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(_analyze_job, jobs, chunksize=chunk)
        return list(progress(results, len(jobs), "analyzing"))


def brief(documents: Sequence[Document], options: BriefOptions) -> Briefing:
    """Documents in, Briefing out: one article, or a story told by many."""
    if not documents:
        raise TimelineError("no input articles")
    adocs = analyze_many(documents, options.domain, lang=options.lang)
    return brief_analyzed(adocs, options)


def brief_analyzed(adocs: Sequence[AnalyzedDocument], options: BriefOptions) -> Briefing:
    """The briefing of documents already analyzed (the digest reuses stored analyses)."""
    from timeline.briefing import build_briefing
    from timeline.events import extract_events, order
    from timeline.summarize import summarize

    if len(adocs) == 1:
        timeline = order(extract_events(adocs[0]))
        if options.since or options.until:
            from timeline.events import within
            from timeline.story import period_bounds

            timeline = within(timeline, *period_bounds(options.since, options.until))
    else:
        from timeline.story import story_timeline

        timeline = story_timeline(
            adocs,
            max_dates=options.max_dates,
            per_date=options.per_date,
            keywords=options.keywords,
            since=options.since,
            until=options.until,
            granularity="mixed",
        )
    summary = summarize(
        adocs,
        method=options.method,
        sentences=options.sentences,
        words=options.words,
        lang=options.lang,
    )
    return build_briefing(adocs, summary, timeline, method=options.method, skipped=options.skipped)
