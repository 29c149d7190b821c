"""ROUGE of extractive summaries on CNN/DailyMail-style JSONL (``article``, ``highlights``).

Scores are F1 from the ``rouge-score`` package with stemming: ROUGE-1, ROUGE-2 and
ROUGE-Lsum (summary level: one sentence per line on both sides). Highlights are
" . "-separated tokenized sentences. Every run also scores lead-3 (the first three
sentences) beside the chosen methods, and reports documents per second (summarizing
only, from raw text: segmentation included, ROUGE scoring excluded).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import TimelineError

__all__ = [
    "Margin",
    "MethodScore",
    "cli_main",
    "evaluate",
    "format_margins",
    "format_table",
    "load_rows",
    "margins",
    "reference_lines",
]


@dataclass(frozen=True)
class MethodScore:
    method: str
    rouge1: float
    rouge2: float
    rougeLsum: float  # noqa: N815 - the metric's name
    docs: int
    docs_per_second: float
    avg_words: float


def load_rows(path: str | Path) -> list[dict[str, str]]:
    """Rows with ``article`` and ``highlights`` from a JSONL file."""
    p = Path(path)
    if not p.exists():
        raise TimelineError(f"{p}: no such file")
    if p.is_dir():
        raise TimelineError(f"{p}: is a folder, expected a JSONL file")
    rows = []
    try:
        with p.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise TimelineError(f"{p}:{n}: not JSON ({e.msg})") from None
                if not isinstance(row, dict) or not isinstance(row.get("article"), str) or (
                    not isinstance(row.get("highlights"), str)
                ):
                    raise TimelineError(f"{p}:{n}: a row needs 'article' and 'highlights' strings")
                rows.append(row)
    except UnicodeDecodeError:
        raise TimelineError(f"{p}: not UTF-8 text") from None
    if not rows:
        raise TimelineError(f"{p}: no rows")
    return rows


def reference_lines(highlights: str) -> list[str]:
    """Highlight sentences (separated by " . " in the tokenized CNN/DM form)."""
    parts = [h.strip() for h in highlights.replace("\n", " . ").split(" . ")]
    return [p for p in parts if p]


def _scorer():
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        raise TimelineError(
            "the rouge-score package is needed: pip install 'timeline[eval]'"
        ) from None
    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


def evaluate(
    rows: Sequence[dict[str, str]],
    methods: Sequence[str] = ("news",),
    sentences: int | None = 3,
    words: int | None = None,
) -> list[MethodScore]:
    """Score each method (and lead-3 first) over ``rows``."""
    return [score for score, _docs in _evaluate(rows, methods, sentences, words)]


def _evaluate(
    rows: Sequence[dict[str, str]],
    methods: Sequence[str],
    sentences: int | None,
    words: int | None,
) -> list[tuple[MethodScore, list[tuple[float, float, float]]]]:
    """Each run's MethodScore with its per-document (R-1, R-2, R-Lsum) F1 x 100."""
    from timeline.summarize import summarize_text, summarizer

    for m in methods:
        summarizer(m)  # an unknown name fails before any scoring
    scorer = _scorer()
    refs = ["\n".join(reference_lines(r["highlights"])) for r in rows]
    runs: list[tuple[str, int | None, int | None]] = [("lead-3", 3, None)]
    runs += [(m, sentences, words) for m in methods]
    out = []
    for label, n_sent, n_words in runs:
        method = "lead" if label == "lead-3" else label
        t0 = time.perf_counter()
        summaries = [
            summarize_text(r["article"], method, sentences=n_sent, words=n_words) for r in rows
        ]
        elapsed = time.perf_counter() - t0
        per_doc: list[tuple[float, float, float]] = []
        n_w = 0
        for ref, summ in zip(refs, summaries, strict=True):
            pred = "\n".join(" ".join(s.text.split()) for s in summ)
            n_w += len(pred.split())
            scores = scorer.score(ref, pred)
            per_doc.append(
                (
                    100 * scores["rouge1"].fmeasure,
                    100 * scores["rouge2"].fmeasure,
                    100 * scores["rougeLsum"].fmeasure,
                )
            )
        n = len(rows)
        score = MethodScore(
            method=label,
            rouge1=sum(d[0] for d in per_doc) / n,
            rouge2=sum(d[1] for d in per_doc) / n,
            rougeLsum=sum(d[2] for d in per_doc) / n,
            docs=n,
            docs_per_second=n / elapsed if elapsed > 0 else float("inf"),
            avg_words=n_w / n,
        )
        out.append((score, per_doc))
    return out


@dataclass(frozen=True)
class Margin:
    """How far a method stands above lead-3 (ROUGE-1 F1 points), and how robustly."""

    method: str
    rouge1: float
    rouge2: float
    rougeLsum: float  # noqa: N815 - the metric's name
    odd: float  # R-1 margin on documents 1, 3, 5, ... (split halves)
    even: float
    first_half: float  # R-1 margin on the first and the second half of the file
    second_half: float
    p_at_least_1: float  # share of bootstrap resamples with an R-1 margin >= 1.0
    p_positive: float  # share with a margin > 0
    low: float  # 5th and 95th percentiles of the resampled R-1 margin
    high: float


def margins(
    rows: Sequence[dict[str, str]],
    methods: Sequence[str] = ("news",),
    sentences: int | None = 3,
    words: int | None = None,
    resamples: int = 2000,
    seed: int = 0,
) -> tuple[list[MethodScore], list[Margin]]:
    """Scores as :func:`evaluate`, and each method's margin over lead-3 on split halves
    and on a bootstrap over the documents (a fresh sample of the same size)."""
    import random

    results = _evaluate(rows, methods, sentences, words)
    lead = results[0][1]
    rng = random.Random(seed)
    n = len(rows)
    draws = [[rng.randrange(n) for _ in range(n)] for _ in range(max(1, resamples))]
    out = []
    for score, per_doc in results[1:]:
        d = [a[0] - b[0] for a, b in zip(per_doc, lead, strict=True)]
        boot = sorted(sum(d[i] for i in draw) / n for draw in draws)
        half = (n + 1) // 2
        out.append(
            Margin(
                method=score.method,
                rouge1=score.rouge1 - results[0][0].rouge1,
                rouge2=score.rouge2 - results[0][0].rouge2,
                rougeLsum=score.rougeLsum - results[0][0].rougeLsum,
                odd=_mean(d[0::2]),
                even=_mean(d[1::2]),
                first_half=_mean(d[:half]),
                second_half=_mean(d[half:]),
                p_at_least_1=sum(b >= 1.0 for b in boot) / len(boot),
                p_positive=sum(b > 0 for b in boot) / len(boot),
                low=boot[int(0.05 * (len(boot) - 1))],
                high=boot[int(0.95 * (len(boot) - 1))],
            )
        )
    return [score for score, _d in results], out


def _mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def format_margins(items: Sequence[Margin]) -> str:
    lines = [
        "# margin over lead-3 (F1 points): R-1/R-2/R-Lsum; R-1 on split halves; "
        "bootstrap over documents",
        f"{'method':<10} {'R-1':>6} {'R-2':>6} {'R-Lsum':>7} {'odd':>6} {'even':>6} "
        f"{'1st':>6} {'2nd':>6} {'P>=1':>5} {'P>0':>5} {'5%':>6} {'95%':>6}",
    ]
    for m in items:
        lines.append(
            f"{m.method:<10} {m.rouge1:+6.2f} {m.rouge2:+6.2f} {m.rougeLsum:+7.2f} "
            f"{m.odd:+6.2f} {m.even:+6.2f} {m.first_half:+6.2f} {m.second_half:+6.2f} "
            f"{m.p_at_least_1:5.2f} {m.p_positive:5.2f} {m.low:+6.2f} {m.high:+6.2f}"
        )
    return "\n".join(lines)


def format_table(scores: Sequence[MethodScore]) -> str:
    lines = [f"{'method':<10} {'R-1':>6} {'R-2':>6} {'R-Lsum':>7} {'words':>6} {'docs/s':>8}"]
    for s in scores:
        lines.append(
            f"{s.method:<10} {s.rouge1:6.2f} {s.rouge2:6.2f} {s.rougeLsum:7.2f} "
            f"{s.avg_words:6.1f} {s.docs_per_second:8.0f}"
        )
    return "\n".join(lines)


def _methods(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return ["news"]
    items = [value] if isinstance(value, str) else list(value)
    names: list[str] = []
    for item in items:
        names += [m.strip() for m in item.split(",") if m.strip()]
    return list(dict.fromkeys(names)) or ["news"]


def cli_main(args: argparse.Namespace) -> int:
    """``timeline evaluate summary DATA.jsonl [--method M,...] [--sentences N | --words N]
    [--margin]``: ``--margin`` adds each method's margin over lead-3 on split halves and
    on a bootstrap over the documents."""
    rows = load_rows(args.data)
    words = getattr(args, "words", None)
    sentences = getattr(args, "sentences", None)
    if sentences is None and words is None:
        sentences = 3
    methods = _methods(getattr(args, "method", None))
    margin_list: list[Margin] = []
    if getattr(args, "margin", False):
        scores, margin_list = margins(rows, methods, sentences, words)
    else:
        scores = evaluate(rows, methods, sentences, words)
    if getattr(args, "json", False):
        payload: object = [s.__dict__ for s in scores]
        if margin_list:
            payload = {"scores": payload, "margins": [m.__dict__ for m in margin_list]}
        print(json.dumps(payload, indent=2))
    else:
        length = f"{sentences} sentences" if sentences else f"{words} words"
        print(f"# {args.data}: {len(rows)} documents, {length}; ROUGE F1 (rouge-score, stemmed)")
        print(format_table(scores))
        if margin_list:
            print(format_margins(margin_list))
    return 0
