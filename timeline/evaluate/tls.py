"""Timeline summarization evaluation: the Timeline17 protocol and its metrics.

Protocol (Ghalandari & Ifrim 2020): for each gold timeline separately, the input is the
topic's articles published within the timeline's first and last date; the system
produces as many dates as the gold timeline has and, per date, as many sentences as the
gold timeline's average (rounded). Scores:

- date F1: the predicted and gold date sets;
- alignment ROUGE-1/2 F1, many-to-one ("align+ m:1" of Martschat & Markert 2017, as
  implemented by the ``tilse`` package): each predicted date is aligned to the gold date
  that costs least (date distance times content dissimilarity), each gold date to the
  predicted date that costs least, and the ROUGE n-gram matches of aligned pairs count
  with weight 1 / (1 + days apart).

ROUGE here follows tilse's ``RougeReimplementation``: whitespace tokens, lowercased,
stopwords (the SMART list, as shipped with sumy) and punctuation dropped, Porter
stemmed (nltk's stemmer needs no data). ``tests/test_story_tls.py`` checks the figures
against tilse itself when it is installed.

Timeline17's article text is PTB-tokenized, one sentence per line (``-LRB-``, `` `` ``);
``load_topic`` turns each article into a Document with one Sentence per line and keeps
the tokenized line for scoring, since the gold timelines are tokenized the same way.

What is scored for a date is its sentences compressed to their event clauses
(``timeline.compress``: no wire credit, filing stamp, day name or "X said" frame), as a
timeline's summary states an event; ``compressed=False`` scores them as written.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import string
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from timeline.compress import compress
from timeline.errors import TimelineError
from timeline.ingest.ptb import detokenize
from timeline.model import AnalyzedDocument, Document, Sentence, Timeline
from timeline.textstats import stop_words

RefTimeline = Mapping[date, Sequence[str]]

# ------------------------------------------------------------------------------------------
# metrics

_ROUGE_PUNCT = frozenset([".", ",", ";", ":", "``", "''", "-", '"'])


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    from nltk.stem.porter import PorterStemmer

    stem = PorterStemmer().stem

    @lru_cache(maxsize=200_000)
    def cached(word: str) -> str:
        try:
            return stem(word)
        except IndexError:  # nltk's stemmer fails on a few odd tokens; keep them as they are
            return word

    return cached


def rouge_tokens(sentences: Sequence[str]) -> list[str]:
    """The tokens ROUGE compares: lowercased, stopwords and punctuation out, stemmed."""
    stop = stop_words("smart")  # the SMART list, as tilse's ROUGE drops it
    stem = _stemmer()
    out = []
    for sent in sentences:
        for tok in sent.split():
            low = tok.lower()
            if low in stop or low in _ROUGE_PUNCT:
                continue
            out.append(stem(low))
    return out


@dataclass(frozen=True)
class _Summary:
    uni: Counter
    bi: Counter
    n_uni: int
    n_bi: int
    raw: Counter  # for the alignment's approximate ROUGE-1 (unstemmed, with stopwords)
    n_raw: int


def _summary(sentences: Sequence[str]) -> _Summary:
    toks = rouge_tokens(sentences)
    raw = Counter(
        tok for s in sentences for tok in s.split() if tok not in string.punctuation
    )
    uni = Counter(toks)
    bi = Counter(zip(toks, toks[1:], strict=False))
    return _Summary(uni, bi, len(toks), max(0, len(toks) - 1), raw, sum(raw.values()))


def _overlap(a: Counter, b: Counter) -> int:
    if len(a) > len(b):
        a, b = b, a
    return sum(min(n, b[k]) for k, n in a.items() if k in b)


def _approx_r1(pred: _Summary, ref: _Summary) -> float:
    match = _overlap(pred.raw, ref.raw)
    p = match / pred.n_raw if pred.n_raw else 0.0
    r = match / ref.n_raw if ref.n_raw else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class TLSScores:
    date_f1: float
    rouge1_f1: float
    rouge2_f1: float
    date_p: float = 0.0
    date_r: float = 0.0
    rouge1_p: float = 0.0
    rouge1_r: float = 0.0
    rouge2_p: float = 0.0
    rouge2_r: float = 0.0


def score_timeline(predicted: RefTimeline, reference: RefTimeline) -> TLSScores:
    """Date F1 and many-to-one alignment ROUGE-1/2 F1 of one timeline against one gold one."""
    pdates = sorted(d for d, s in predicted.items())
    rdates = sorted(reference)
    if not pdates or not rdates:
        return TLSScores(0.0, 0.0, 0.0)
    both = len(set(pdates) & set(rdates))
    dp, dr = both / len(pdates), both / len(rdates)
    psum = [_summary([s.strip() for s in predicted[d]]) for d in pdates]
    rsum = [_summary([s.strip() for s in reference[d]]) for d in rdates]
    # cost[i][j]: predicted date i against gold date j
    cost = [
        [
            (1 - 1 / (abs((pd - rd).days) + 1)) * (1 - _approx_r1(ps, rs))
            for rd, rs in zip(rdates, rsum, strict=True)
        ]
        for pd, ps in zip(pdates, psum, strict=True)
    ]

    def argmin(values: Sequence[float]) -> int:
        best = 0
        for k in range(1, len(values)):
            if values[k] < values[best]:
                best = k
        return best

    num = {1: 0.0, 2: 0.0}
    pden = {1: 0, 2: 0}
    rnum = {1: 0.0, 2: 0.0}
    rden = {1: 0, 2: 0}
    for i, ps in enumerate(psum):
        j = argmin(cost[i])
        w = 1 / (abs((pdates[i] - rdates[j]).days) + 1)
        rs = rsum[j]
        num[1] += w * _overlap(ps.uni, rs.uni)
        num[2] += w * _overlap(ps.bi, rs.bi)
        pden[1] += ps.n_uni
        pden[2] += ps.n_bi
    for j, rs in enumerate(rsum):
        i = argmin([cost[k][j] for k in range(len(pdates))])
        w = 1 / (abs((pdates[i] - rdates[j]).days) + 1)
        ps = psum[i]
        rnum[1] += w * _overlap(ps.uni, rs.uni)
        rnum[2] += w * _overlap(ps.bi, rs.bi)
        rden[1] += rs.n_uni
        rden[2] += rs.n_bi
    p1 = num[1] / pden[1] if pden[1] else 0.0
    r1 = rnum[1] / rden[1] if rden[1] else 0.0
    p2 = num[2] / pden[2] if pden[2] else 0.0
    r2 = rnum[2] / rden[2] if rden[2] else 0.0
    return TLSScores(
        date_f1=_f1(dp, dr),
        rouge1_f1=_f1(p1, r1),
        rouge2_f1=_f1(p2, r2),
        date_p=dp,
        date_r=dr,
        rouge1_p=p1,
        rouge1_r=r1,
        rouge2_p=p2,
        rouge2_r=r2,
    )


# ------------------------------------------------------------------------------------------
# Timeline17 data

@dataclass(frozen=True)
class Article:
    """A Timeline17 article as a Document with one Sentence per line, plus its PTB lines."""

    document: Document
    sentences: tuple[Sentence, ...]
    tokenized: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    name: str
    articles: tuple[Article, ...]
    timelines: tuple[dict[date, list[str]], ...]
    keywords: tuple[str, ...]


_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")


def article_from_lines(doc_id: str, published: str, lines: Sequence[str]) -> Article:
    """One sentence per line (PTB-tokenized) -> Document + Sentences with offsets."""
    kept = [ln for ln in lines if ln.strip()]
    texts = [detokenize(ln) for ln in kept]
    sentences = []
    pos = 0
    for i, t in enumerate(texts):
        sentences.append(Sentence(index=i, start=pos, end=pos + len(t), text=t, doc_id=doc_id))
        pos += len(t) + 1
    text = "\n".join(texts)
    title = texts[0][:120] if texts else doc_id
    doc = Document(
        id=doc_id,
        text=text,
        body_start=0,
        body_end=len(text),
        dct=published,
        title=title,
        dct_source="metadata",
    )
    # The articles' tokenizer split the opening quote token "``" into "` `" and every
    # hyphenated word ("al - Assad", "state - owned"); the gold timelines keep "``" (which
    # ROUGE drops as punctuation) and hyphenated words whole (474 joined, 35 spaced), so
    # mend both for scoring.
    tokenized = tuple(_HYPHEN.sub("-", ln.strip().replace("` `", "``")) for ln in kept)
    return Article(doc, tuple(sentences), tokenized)


def _parse_day(value: str) -> date:
    return date.fromisoformat(str(value)[:10])


def load_topic(folder: str | Path) -> Topic:
    """A Timeline17-style topic folder: articles.tokenized.jsonl.gz, timelines.jsonl, keywords."""
    root = Path(folder)
    art_path = root / "articles.tokenized.jsonl.gz"
    if not art_path.exists():
        art_path = root / "articles.jsonl.gz"
    tl_path = root / "timelines.jsonl"
    if not art_path.exists() or not tl_path.exists():
        raise TimelineError(f"{root}: not a Timeline17 topic (articles and timelines.jsonl)")
    articles = []
    with gzip.open(art_path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if not line.strip():
                continue
            obj = json.loads(line)
            doc_id = f"{root.name}/{obj.get('id', n)}"
            articles.append(
                article_from_lines(doc_id, str(obj["time"])[:10], obj["text"].split("\n"))
            )
    timelines = []
    with open(tl_path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                timelines.append(
                    {_parse_day(d): [s.strip() for s in sents] for d, sents in json.loads(line)}
                )
    keywords: tuple[str, ...] = ()
    kw_path = root / "keywords.json"
    if kw_path.exists():
        keywords = tuple(json.loads(kw_path.read_text(encoding="utf-8")))
    return Topic(root.name, tuple(articles), tuple(timelines), keywords)


def list_topics(dataset: str | Path) -> list[Path]:
    root = Path(dataset)
    if not root.is_dir():
        raise TimelineError(f"{dataset}: not a folder")
    topics = sorted(p for p in root.iterdir() if (p / "timelines.jsonl").exists())
    if not topics:
        raise TimelineError(f"{dataset}: no Timeline17-style topics (folders with timelines.jsonl)")
    return topics


def select_topics(dataset: str | Path, topics: Sequence[str] = ()) -> list[Path]:
    """The topic folders to evaluate: all of them, or the named ones (unknown names fail)."""
    paths = list_topics(dataset)
    if topics:
        wanted = set(topics)
        unknown = wanted - {p.name for p in paths}
        if unknown:
            raise TimelineError(f"unknown topic(s): {', '.join(sorted(unknown))}")
        paths = [p for p in paths if p.name in wanted]
    return paths


# ------------------------------------------------------------------------------------------
# tagging in parallel


_TAG_FAILURES: list[tuple[str, str]] = []


def _tag_one(job: tuple[str, str]) -> tuple[tuple, str | None]:
    from timeline.temporal import tag

    text, dct = job
    try:
        return tuple(tag(text, dct, domain="news").timexes), None
    except Exception as exc:  # noqa: BLE001 - one article the tagger fails on must not stop a run
        return (), f"{type(exc).__name__}: {exc}"


PARALLEL_MIN_ARTICLES = 20  # fewer articles tag faster in one process than forking a pool
CHUNKS_PER_WORKER = 8  # jobs come in chunks, this many per worker: even load, little overhead


def tag_articles(articles: Sequence[Article], workers: int | None = None) -> list[AnalyzedDocument]:
    """Tag every article's time expressions against its own DCT, across processes."""
    import os

    jobs = [(a.document.text, a.document.dct or "") for a in articles]
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(jobs) > PARALLEL_MIN_ARTICLES:
        import multiprocessing as mp

        ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
        with ctx.Pool(workers) as pool:
            chunk = max(1, len(jobs) // (workers * CHUNKS_PER_WORKER))
            results = pool.map(_tag_one, jobs, chunksize=chunk)
    else:
        results = [_tag_one(j) for j in jobs]
    failures = [(a.document.id, err) for a, (_, err) in zip(articles, results, strict=True) if err]
    if failures:
        _TAG_FAILURES.extend(failures)
    return [
        AnalyzedDocument(document=a.document, sentences=a.sentences, timexes=tx, domain="news")
        for a, (tx, _) in zip(articles, results, strict=True)
    ]


# ------------------------------------------------------------------------------------------
# protocol


@dataclass(frozen=True)
class TimelineResult:
    topic: str
    index: int
    n_articles: int
    n_dates: int
    per_date: int
    scores: TLSScores
    predicted: dict[date, list[str]]


def to_tokenized(
    timeline: Timeline, lines: Mapping[tuple[str, int], str], compressed: bool = True
) -> dict[date, list[str]]:
    """A story Timeline as {day: [PTB sentence, ...]} for scoring (first source's line),
    each sentence compressed to its event clause (``timeline.compress``) unless
    ``compressed`` is False."""
    out: dict[date, list[str]] = {}
    for ev in timeline.events:
        day = ev.start.date()
        src = ev.sources[0]
        line = lines.get((src.doc_id, src.start), ev.text)
        out.setdefault(day, []).append(compress(line) if compressed else line)
    return out


def run_topic(
    topic: Topic,
    adocs: Sequence[AnalyzedDocument],
    story: Callable[..., Timeline] | None = None,
    compressed: bool = True,
) -> list[TimelineResult]:
    """The protocol for every gold timeline of a tagged topic (summaries compressed to
    their event clauses unless ``compressed`` is False)."""
    if story is None:
        from timeline.story import story_timeline

        story = story_timeline
    lines = {
        (a.document.id, s.start): tok
        for a in topic.articles
        for s, tok in zip(a.sentences, a.tokenized, strict=True)
    }
    results = []
    for k, gold in enumerate(topic.timelines):
        days = sorted(gold)
        first, last = days[0], days[-1]
        chosen = [
            ad for ad in adocs if ad.document.dct and first <= _parse_day(ad.document.dct) <= last
        ]
        n_dates = len(days)
        per_date = max(1, round(sum(len(v) for v in gold.values()) / n_dates))
        timeline = story(
            chosen,
            max_dates=n_dates,
            per_date=per_date,
            # Timeline17's keywords.json holds topic labels ("bpoil", "MJ"), not query
            # terms found in the text, so no keyword filter is applied.
            since=first.isoformat(),
            until=last.isoformat(),
        )
        predicted = to_tokenized(timeline, lines, compressed)
        results.append(
            TimelineResult(
                topic=topic.name,
                index=k,
                n_articles=len(chosen),
                n_dates=n_dates,
                per_date=per_date,
                scores=score_timeline(predicted, gold),
                predicted=predicted,
            )
        )
    return results


@dataclass(frozen=True)
class Evaluation:
    results: tuple[TimelineResult, ...]
    seconds: float
    tag_seconds: float

    def mean(self, attr: str) -> float:
        vals = [getattr(r.scores, attr) for r in self.results]
        return sum(vals) / len(vals) if vals else 0.0


def evaluate_dataset(
    dataset: str | Path,
    topics: Sequence[str] = (),
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
    compressed: bool = True,
) -> Evaluation:
    """Run the protocol over every topic (or the named ones) of a Timeline17-style folder
    (``compressed=False``: each date's sentences as the articles wrote them)."""
    t0 = time.perf_counter()
    paths = select_topics(dataset, topics)
    results: list[TimelineResult] = []
    tag_seconds = 0.0
    for path in paths:
        topic = load_topic(path)
        t1 = time.perf_counter()
        adocs = tag_articles(topic.articles, workers)
        tag_seconds += time.perf_counter() - t1
        got = run_topic(topic, adocs, compressed=compressed)
        results.extend(got)
        if progress:
            for r in got:
                progress(format_row(r))
    return Evaluation(tuple(results), time.perf_counter() - t0, tag_seconds)


def format_header() -> str:
    return (
        f"{'timeline':<26} {'arts':>5} {'dates':>5} {'k':>2} "
        f"{'date F1':>8} {'R1 F1':>7} {'R2 F1':>7}"
    )


def format_row(r: TimelineResult) -> str:
    name = r.topic if r.index == 0 else f"{r.topic}#{r.index}"
    s = r.scores
    return (
        f"{name:<26} {r.n_articles:>5} {r.n_dates:>5} {r.per_date:>2} "
        f"{s.date_f1:>8.3f} {s.rouge1_f1:>7.3f} {s.rouge2_f1:>7.3f}"
    )


def format_table(ev: Evaluation) -> str:
    lines = [format_header()]
    lines += [format_row(r) for r in ev.results]
    lines.append(
        f"{'average (' + str(len(ev.results)) + ' timelines)':<26} {'':>5} {'':>5} {'':>2} "
        f"{ev.mean('date_f1'):>8.3f} {ev.mean('rouge1_f1'):>7.3f} {ev.mean('rouge2_f1'):>7.3f}"
    )
    lines.append(f"time: {ev.seconds:.1f} s total, {ev.tag_seconds:.1f} s tagging")
    return "\n".join(lines)


def to_json(ev: Evaluation) -> dict:
    return {
        "timelines": [
            {
                "topic": r.topic,
                "index": r.index,
                "articles": r.n_articles,
                "dates": r.n_dates,
                "per_date": r.per_date,
                "date_f1": r.scores.date_f1,
                "rouge1_f1": r.scores.rouge1_f1,
                "rouge2_f1": r.scores.rouge2_f1,
            }
            for r in ev.results
        ],
        "average": {
            "date_f1": ev.mean("date_f1"),
            "rouge1_f1": ev.mean("rouge1_f1"),
            "rouge2_f1": ev.mean("rouge2_f1"),
        },
        "seconds": ev.seconds,
        "tag_seconds": ev.tag_seconds,
    }


def cli_main(args: argparse.Namespace) -> int:
    """`timeline evaluate tls DATASET_DIR [--json] [--topics T ...] [--workers N]
    [--uncompressed]`."""
    topics = tuple(getattr(args, "topics", None) or ())
    as_json = bool(getattr(args, "json", False))
    select_topics(args.dataset_dir, topics)  # fail on a bad folder before printing anything
    if not as_json:
        print(format_header(), flush=True)
    ev = evaluate_dataset(
        args.dataset_dir,
        topics=topics,
        workers=getattr(args, "workers", None),
        progress=None if as_json else (lambda row: print(row, flush=True)),
        compressed=not getattr(args, "uncompressed", False),
    )
    if as_json:
        print(json.dumps(to_json(ev), indent=2))
    else:
        print("\n".join(format_table(ev).split("\n")[-2:]))
    if _TAG_FAILURES:
        print(f"warning: the tagger failed on {len(_TAG_FAILURES)} article(s), e.g. "
              f"{_TAG_FAILURES[0][0]}: {_TAG_FAILURES[0][1]}", file=sys.stderr)
    sys.stdout.flush()
    return 0
