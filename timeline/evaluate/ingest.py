"""Extraction benchmarks: article body, title and publication date, from pages or pastes.

Datasets (folders as in ../shared/data, recognised by their files):

- ``articles-scrapinghub`` (``ground-truth.json``): body token F1 as the Article
  Extraction Benchmark computes it: ``\\w+`` tokens, multisets of 4-token shingles, per
  page precision/recall (precision over pages with any output), F1 of the two means.
- ``articles-trafilatura-eval`` (``evaldata.json``): trafilatura's snippet score ("with"
  snippets found = TP, "without" found = FP, micro-averaged), title exact match, date day
  accuracy and author (the byline) where the entry is annotated: exact string match, as
  trafilatura's eval_authors scores it, and case and white space normalized; both also on
  the even and odd halves of the annotated pages, and how many pages annotated as having
  no author got one.
- ``dates-htmldate`` (``eval_default.json``): publication date day accuracy (TP/all).

Routes: ``html`` reads the page as ``timeline extract`` does; ``paste`` reads the text a
person copies from the page rendered in Chromium with JavaScript off
(``document.body.innerText``, cached by ``tests/bench/paste_cache.py``; a page missing
from the cache is an error). ``compare`` runs trafilatura.extract and htmldate.find_date
on the same pages, in the same session, for the figures beside ours.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.errors import TimelineError

SHINGLE = 4  # the benchmark's shingle length
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    """One benchmark page and its gold annotations (None: not annotated)."""

    id: str
    path: Path
    url: str | None = None
    body: str | None = None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    title: str | None = None
    date: str | None = None
    author: str | None = None  # "": annotated as having none

    def html(self) -> bytes:
        data = self.path.read_bytes()
        return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


@dataclass(frozen=True)
class Dataset:
    name: str
    pages: tuple[Page, ...]


def default_cache() -> Path:
    """Where the pasted texts are cached: outside the repository."""
    env = os.environ.get("TIMELINE_PASTE_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "timeline-paste"


def _scrapinghub(folder: Path) -> Dataset:
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = tuple(
        Page(id=k, path=folder / "html" / f"{k}.html.gz", url=v.get("url"),
             body=v["articleBody"])
        for k, v in sorted(gold.items())
    )
    return Dataset("articles-scrapinghub", pages)


def _file_id(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", Path(name).name.removesuffix(".gz"))


def _trafilatura_eval(folder: Path) -> Dataset:
    gold = json.loads((folder / "evaldata.gz.json").read_text(encoding="utf-8"))
    pages = []
    for url, v in gold.items():
        title, author = v.get("title"), v.get("author")
        if isinstance(author, list):  # a few entries list their authors: "a; b" as the rest
            author = "; ".join(author)
        pages.append(Page(
            id=_file_id(v["file"]), path=folder / v["file"], url=url,
            with_=tuple(v.get("with", ())), without=tuple(v.get("without", ())),
            title=title if title else None, date=v.get("date") or None,
            author=author,
        ))
    return Dataset("articles-trafilatura-eval", tuple(pages))


def _htmldate(folder: Path) -> Dataset:
    gold = json.loads((folder / "eval_default.gz.json").read_text(encoding="utf-8"))
    pages: list[Page] = []
    seen: set[str] = set()
    for url, v in gold.items():
        pid = _file_id(v["file"])
        pid = pid if pid not in seen else f"{pid}-{len(seen)}"
        seen.add(pid)
        pages.append(Page(id=pid, path=folder / v["file"], url=url, date=v["date"]))
    return Dataset("dates-htmldate", tuple(pages))


def load_dataset(folder: Path | str) -> Dataset:
    """The benchmark in ``folder``, recognised by its annotation file."""
    folder = Path(folder)
    for marker, loader in (("ground-truth.json", _scrapinghub),
                           ("evaldata.gz.json", _trafilatura_eval),
                           ("eval_default.gz.json", _htmldate)):
        if (folder / marker).exists():
            return loader(folder)
    raise TimelineError(f"{folder}: not a known extraction benchmark (articles-scrapinghub, "
                        "articles-trafilatura-eval or dates-htmldate)")


# --- extraction ---------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """What an extractor gave for a page: body text, title, publication day, author."""

    body: str = ""
    title: str | None = None
    date: str | None = None
    author: str | None = None


def _ours_html(page: Page) -> Output:
    from timeline.ingest.html import NoArticleError, read_html

    try:
        doc = read_html(page.html(), name=page.id, doc_id=page.id)
    except NoArticleError as exc:  # no body, but the page's date, title and author count
        return Output("", exc.title or None, exc.date, exc.document.byline)
    except TimelineError:
        return Output()
    return Output(_body(doc), doc.title or None, doc.dct, doc.byline)


def _body(doc: Any) -> str:
    text: str = doc.body
    return "\n".join(ln for ln in text.split("\n") if ln.strip())


def _ours_paste(page: Page, cache: Path) -> Output:
    from timeline.ingest.text import read_text

    path = cache / f"{page.id}.txt"
    if not path.exists():
        raise TimelineError(f"{path}: not in the paste cache (run tests/bench/paste_cache.py)")
    text = path.read_text(encoding="utf-8")
    try:
        doc = read_text(text, doc_id=page.id)
    except TimelineError:
        return Output()
    return Output(_body(doc), doc.title or None, doc.dct, doc.byline)


def _trafilatura(page: Page, dataset: str) -> Output:
    import trafilatura
    from htmldate import find_date

    html = page.html()
    tables = dataset == "articles-trafilatura-eval"  # each benchmark's own settings
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=tables) or ""
    except Exception:  # noqa: BLE001 - scored as no output, as the benchmarks do
        text = ""
    title = author = None
    if dataset == "articles-trafilatura-eval":
        meta = trafilatura.extract_metadata(html)
        title = meta.title if meta is not None else None
        author = meta.author if meta is not None else None
    date = None
    if page.date is not None:
        try:
            date = find_date(html, original_date=True, extensive_search=True)
        except Exception:  # noqa: BLE001
            date = None
    return Output(text, title, date, author)


def _run_one(job: tuple[str, Page, str, str]) -> tuple[Output, float]:
    import logging

    logging.disable(logging.CRITICAL)
    who, page, dataset, cache = job
    start = time.process_time()
    if who == "ours-html":
        out = _ours_html(page)
    elif who == "ours-paste":
        out = _ours_paste(page, Path(cache))
    else:
        out = _trafilatura(page, dataset)
    return out, time.process_time() - start


def run(who: str, dataset: Dataset, cache: Path, workers: int | None = None) -> tuple[
        list[Output], float]:
    """Outputs of extractor ``who`` on every page, and the CPU seconds it spent."""
    jobs = [(who, p, dataset.name, str(cache / dataset.name)) for p in dataset.pages]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_run_one, jobs, chunksize=8))
    return [r[0] for r in results], sum(r[1] for r in results)


# --- metrics ------------------------------------------------------------------------


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def shingle_prf(predicted: Iterable[str], gold: Iterable[str]) -> dict[str, float]:
    """The Article Extraction Benchmark's body precision, recall and F1 (see module doc)."""
    precisions, recalls = [], []
    for pred, ref in zip(predicted, gold, strict=True):
        p, g = _shingles(pred), _shingles(ref)
        tp = sum((p & g).values())
        if p:
            precisions.append(tp / sum(p.values()))
        recalls.append(tp / sum(g.values()) if g else 1.0)
    prec = sum(precisions) / len(precisions) if precisions else 0.0
    rec = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1}


def snippet_prf(predicted: Iterable[str], pages: Iterable[Page]) -> dict[str, float]:
    """trafilatura's snippet score: micro precision, recall and F over all pages."""
    tp = fp = fn = 0
    for pred, page in zip(predicted, pages, strict=True):
        text = _SPACE.sub(" ", pred).strip()
        for s in page.with_:
            found = bool(text) and _SPACE.sub(" ", s).strip() in text
            tp, fn = tp + found, fn + (not found)
        for s in page.without:
            fp += bool(text) and _SPACE.sub(" ", s).strip() in text
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": prec, "recall": rec, "f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0}


def _norm_title(t: str | None) -> str:
    """A title as compared: NFC (one code point for "é", not two), white space normalized."""
    import unicodedata

    return _SPACE.sub(" ", unicodedata.normalize("NFC", t or "")).strip()


def title_match(predicted: Iterable[Output], pages: Iterable[Page]) -> tuple[float, int]:
    """Share of annotated titles matched exactly (NFC, white space normalized), and count."""
    pairs = [(o.title, p.title) for o, p in zip(predicted, pages, strict=True) if p.title]
    hits = sum(_norm_title(o) == _norm_title(g) for o, g in pairs)
    return (hits / len(pairs) if pairs else 0.0), len(pairs)


def _norm_author(a: str | None) -> str:
    return _SPACE.sub(" ", a or "").strip().casefold()


def author_match(predicted: Iterable[Output], pages: Iterable[Page],
                 half: int | None = None) -> dict[str, Any]:
    """The author figures (see the module doc) over the pages with a gold author, or over
    the even (``half`` 0) or odd (1) ones of them by page index."""
    pairs = [(i, o.author, p.author) for i, (o, p) in enumerate(zip(predicted, pages,
                                                                   strict=True))]
    gold = [(o, g) for i, o, g in pairs if g and (half is None or i % 2 == half)]
    n = len(gold)
    return {
        "authors": n,
        "author_exact": sum(o == g for o, g in gold) / n if n else 0.0,
        "author_normalized": sum(_norm_author(o) == _norm_author(g) for o, g in gold) / n
        if n else 0.0,
        "author_unwanted": sum(bool(o) for i, o, g in pairs if g == ""
                               and (half is None or i % 2 == half)),
    }


def date_accuracy(predicted: Iterable[Output], pages: Iterable[Page],
                  keep: Callable[[Page], bool] = lambda p: True) -> tuple[float, int]:
    """Share of annotated pages whose day is right (no output counts as wrong), and count."""
    pairs = [(o.date, p.date) for o, p in zip(predicted, pages, strict=True)
             if p.date and keep(p)]
    hits = sum(o == g for o, g in pairs)
    return (hits / len(pairs) if pairs else 0.0), len(pairs)


# --- report -------------------------------------------------------------------------


def date_visible(page: Page, cache: Path) -> bool:
    """True when the gold day is printed in the pasted text (any common written form)."""
    path = cache / f"{page.id}.txt"
    if page.date is None or not path.exists():
        return False
    from timeline.ingest.dateline import page_rules, read_stamp  # noqa: F401

    text = path.read_text(encoding="utf-8")
    y, m, d = (int(x) for x in page.date.split("-"))
    months = [k for k, v in page_rules().months.items() if v == m]
    forms = [rf"\b0?{d}\.\s?0?{m}\.\s?{y}\b", rf"\b0?{m}/0?{d}/{y}\b", rf"\b0?{d}/0?{m}/{y}\b",
             rf"\b{y}-{m:02d}-{d:02d}\b", rf"\b{y}/{m:02d}/{d:02d}\b"]
    for name in months:
        forms.append(rf"(?i)\b{name}\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}\b")
        forms.append(rf"(?i)\b0?{d}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{name}\.?,?\s+{y}\b")
    return any(re.search(f, text) for f in forms)


def scores(dataset: Dataset, outputs: list[Output], cache: Path | None) -> dict[str, Any]:
    """Every figure that applies to ``dataset``."""
    pages = list(dataset.pages)
    out: dict[str, Any] = {"pages": len(pages)}
    if dataset.name == "articles-scrapinghub":
        out["body"] = shingle_prf([o.body for o in outputs], [p.body or "" for p in pages])
    if dataset.name == "articles-trafilatura-eval":
        out["body"] = snippet_prf([o.body for o in outputs], pages)
        out["title_exact"], out["titles"] = title_match(outputs, pages)
        out.update(author_match(outputs, pages))
        even, odd = author_match(outputs, pages, 0), author_match(outputs, pages, 1)
        for key in ("author_exact", "author_normalized"):
            out[f"{key}_halves"] = f"{even[key]:.3f} / {odd[key]:.3f}"
    if any(p.date for p in pages):
        out["date_accuracy"], out["dates"] = date_accuracy(outputs, pages)
        if cache is not None and dataset.name == "dates-htmldate":
            folder = cache / dataset.name
            acc, n = date_accuracy(outputs, pages, lambda p: date_visible(p, folder))
            out["date_accuracy_visible"], out["dates_visible"] = acc, n
    return out


def _line(label: str, ours: Any, other: Any) -> str:
    def fmt(v: Any) -> str:
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    return f"{label:<28} {fmt(ours):>10} {fmt(other) if other is not None else '':>14}"


def _table(name: str, route: str, ours: dict[str, Any], other: dict[str, Any] | None) -> str:
    rows = [f"{name}, {route} route, {ours['pages']} pages",
            _line("", "timeline", "trafilatura" if other else None)]
    for key in ("body", "title_exact", "author_exact", "author_exact_halves",
                "author_normalized", "author_normalized_halves", "author_unwanted",
                "date_accuracy", "date_accuracy_visible", "seconds"):
        if key not in ours:
            continue
        if key == "body":
            for k in ("precision", "recall", "f1"):
                rows.append(_line(f"body {k}", ours["body"][k],
                                  other["body"][k] if other else None))
            continue
        label = {"title_exact": f"title exact ({ours.get('titles')})",
                 "author_exact": f"author exact ({ours.get('authors')})",
                 "author_exact_halves": "  even / odd halves",
                 "author_normalized": "author, case/space normalized",
                 "author_normalized_halves": "  even / odd halves",
                 "author_unwanted": "author where none (count)",
                 "date_accuracy": f"date accuracy ({ours.get('dates')})",
                 "date_accuracy_visible": f"date, visible ({ours.get('dates_visible')})",
                 "seconds": "CPU seconds"}[key]
        rows.append(_line(label, ours[key], other.get(key) if other else None))
    return "\n".join(rows)


def cli_main(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.dataset_dir)
    if args.limit:
        dataset = Dataset(dataset.name, dataset.pages[: args.limit])
    cache = Path(args.paste_cache) if args.paste_cache else default_cache()
    outputs, seconds = run(f"ours-{args.route}", dataset, cache)
    ours = scores(dataset, outputs, cache if args.route == "paste" else None)
    ours["seconds"] = seconds
    other = None
    if args.compare:
        peer, peer_seconds = run("trafilatura", dataset, cache)
        other = scores(dataset, peer, None)
        other["seconds"] = peer_seconds
    if args.json:
        print(json.dumps({"dataset": dataset.name, "route": args.route, "timeline": ours,
                          "trafilatura": other}, indent=2))
    else:
        print(_table(dataset.name, args.route, ours, other))
    sys.stdout.flush()
    return 0
