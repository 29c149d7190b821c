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

__all__ = ["MethodScore", "evaluate", "load_rows", "reference_lines", "cli_main"]


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
            "the rouge-score package is needed: pip install 'timeline[test]' (or rouge-score)"
        ) from None
    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


def evaluate(
    rows: Sequence[dict[str, str]],
    methods: Sequence[str] = ("news",),
    sentences: int | None = 3,
    words: int | None = None,
) -> list[MethodScore]:
    """Score each method (and lead-3 first) over ``rows``."""
    from timeline.summarize import METHODS, summarize_text

    for m in methods:
        if m not in METHODS:
            raise TimelineError(f"unknown summary method {m!r} (choose from {', '.join(METHODS)})")
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
        totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0}
        n_w = 0
        for ref, summ in zip(refs, summaries, strict=True):
            pred = "\n".join(" ".join(s.text.split()) for s in summ)
            n_w += len(pred.split())
            scores = scorer.score(ref, pred)
            for k in totals:
                totals[k] += scores[k].fmeasure
        n = len(rows)
        out.append(
            MethodScore(
                method=label,
                rouge1=100 * totals["rouge1"] / n,
                rouge2=100 * totals["rouge2"] / n,
                rougeLsum=100 * totals["rougeLsum"] / n,
                docs=n,
                docs_per_second=n / elapsed if elapsed > 0 else float("inf"),
                avg_words=n_w / n,
            )
        )
    return out


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
    """``timeline evaluate summary DATA.jsonl [--method M,...] [--sentences N | --words N]``."""
    rows = load_rows(args.data)
    words = getattr(args, "words", None)
    sentences = getattr(args, "sentences", None)
    if sentences is None and words is None:
        sentences = 3
    scores = evaluate(rows, _methods(getattr(args, "method", None)), sentences, words)
    if getattr(args, "json", False):
        print(json.dumps([s.__dict__ for s in scores], indent=2))
    else:
        length = f"{sentences} sentences" if sentences else f"{words} words"
        print(f"# {args.data}: {len(rows)} documents, {length}; ROUGE F1 (rouge-score, stemmed)")
        print(format_table(scores))
    return 0
