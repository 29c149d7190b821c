"""Story detection scored against gold story labels (GoogleNews short-text sets).

    python -m timeline.evaluate.stories DATASET_DIR_OR_FILE... [--json]

A dataset is a JSONL file of ``{"text", "cluster"}`` lines, or a folder of them (every
``*.jsonl``, e.g. ``../shared/data/stories-googlenews`` with T, S and TS). Each is grouped
by :func:`timeline.cluster.group`, not told the number of stories, and scored with:

* NMI: mutual information over the arithmetic mean of the two entropies (scikit-learn's
  default normalisation);
* accuracy: the best one-to-one mapping of found stories to gold ones (Hungarian, as the
  short-text clustering papers compute it), matched items over all items;
* B-cubed precision, recall and F1 (per item, averaged; F1 of the two averages).

The Hungarian step needs scipy (the ``eval`` extra), imported when scoring.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from timeline.errors import TimelineError

__all__ = [
    "SetScore",
    "accuracy",
    "bcubed",
    "cli_main",
    "evaluate_file",
    "format_table",
    "load",
    "nmi",
]


@dataclass(frozen=True)
class SetScore:
    """One dataset's scores."""

    name: str
    items: int
    gold_stories: int
    found_stories: int
    nmi: float
    accuracy: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    seconds: float


def _contingency(gold: Sequence[int], found: Sequence[int]) -> np.ndarray:
    """Counts of items per (found story, gold story)."""
    if len(gold) != len(found):
        raise ValueError(f"{len(gold)} gold labels but {len(found)} found")
    _, g = np.unique(np.asarray(gold), return_inverse=True)
    _, f = np.unique(np.asarray(found), return_inverse=True)
    table = np.zeros((int(f.max(initial=-1)) + 1, int(g.max(initial=-1)) + 1))
    np.add.at(table, (f, g), 1.0)
    return table


def _entropy(counts: np.ndarray) -> float:
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log(p)).sum())


def nmi(gold: Sequence[int], found: Sequence[int]) -> float:
    """Normalised mutual information, arithmetic-mean normalisation (1.0 when both
    labelings are a single cluster, as scikit-learn returns)."""
    table = _contingency(gold, found)
    n = table.sum()
    if n == 0:
        return 1.0
    h_found, h_gold = _entropy(table.sum(axis=1)), _entropy(table.sum(axis=0))
    if h_found == 0 and h_gold == 0:
        return 1.0
    nz = table > 0
    outer = np.outer(table.sum(axis=1), table.sum(axis=0))
    mi = float((table[nz] / n * np.log(table[nz] * n / outer[nz])).sum())
    denom = (h_found + h_gold) / 2
    return max(0.0, mi / denom) if denom > 0 else 0.0


def accuracy(gold: Sequence[int], found: Sequence[int]) -> float:
    """Share of items in the best one-to-one matching of found to gold stories."""
    # the eval extra; scipy ships no type stubs
    from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

    table = _contingency(gold, found)
    if table.size == 0:
        return 1.0
    rows, cols = linear_sum_assignment(table, maximize=True)
    return float(table[rows, cols].sum() / table.sum())


def bcubed(gold: Sequence[int], found: Sequence[int]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1): per item, the share of its found story that
    shares its gold story, and the share of its gold story found with it."""
    table = _contingency(gold, found)
    n = table.sum()
    if n == 0:
        return 1.0, 1.0, 1.0
    # an item in cell (f, g) has precision table[f, g] / |f| and recall table[f, g] / |g|
    precision = float((table**2 / table.sum(axis=1, keepdims=True)).sum() / n)
    recall = float((table**2 / table.sum(axis=0, keepdims=True)).sum() / n)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load(path: Path) -> tuple[list[str], list[int]]:
    """Texts and gold story ids of a ``{"text", "cluster"}`` JSONL file."""
    texts, labels = [], []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                texts.append(str(row["text"]))
                labels.append(int(row["cluster"]))
            except (ValueError, KeyError, TypeError) as e:
                raise TimelineError(f"{path}:{number}: not a {{text, cluster}} line ({e})") from e
    return texts, labels


def score(name: str, gold: Sequence[int], found: Sequence[int], seconds: float) -> SetScore:
    """All the measures of one grouping."""
    p, r, f1 = bcubed(gold, found)
    return SetScore(name, len(gold), len(set(gold)), len(set(found)), nmi(gold, found),
                    accuracy(gold, found), p, r, f1, seconds)


def evaluate_file(path: Path) -> SetScore:
    """Group one dataset's texts with :func:`timeline.cluster.group` and score them."""
    from timeline.cluster import group

    texts, gold = load(path)
    start = time.perf_counter()
    found = group(texts)
    return score(path.stem, gold, found, time.perf_counter() - start)


def _files(paths: Sequence[str | Path]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(p.glob("*.jsonl")))
        elif p.is_file():
            found.append(p)
        else:
            raise TimelineError(f"{p}: no such dataset (a .jsonl file or a folder of them)")
    if not found:
        raise TimelineError(f"no .jsonl dataset in {', '.join(map(str, paths))}")
    return found


def format_table(scores: Sequence[SetScore], as_json: bool = False) -> str:
    """A plain-text table, one row per dataset (or JSON: a list of objects)."""
    if as_json:
        return json.dumps([asdict(s) for s in scores], indent=2)
    head = (f"{'set':<10} {'items':>6} {'gold':>5} {'found':>6} {'NMI':>7} {'acc':>7} "
            f"{'B3-P':>7} {'B3-R':>7} {'B3-F1':>7} {'sec':>6}")
    lines = [head]
    for s in scores:
        lines.append(
            f"{s.name:<10} {s.items:>6} {s.gold_stories:>5} {s.found_stories:>6} "
            f"{s.nmi:>7.4f} {s.accuracy:>7.4f} {s.bcubed_precision:>7.4f} "
            f"{s.bcubed_recall:>7.4f} {s.bcubed_f1:>7.4f} {s.seconds:>6.1f}"
        )
    return "\n".join(lines)


def cli_main(args: argparse.Namespace) -> int:
    """``timeline evaluate stories DATASET... [--json]``: group and score each set."""
    datasets = args.sets if isinstance(args.sets, list | tuple) else [args.sets]
    scores = [evaluate_file(p) for p in _files(datasets)]
    print(format_table(scores, bool(getattr(args, "json", False))))
    return 0


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m timeline.evaluate.stories",
                                description="Score story detection against gold stories.")
    p.add_argument("sets", nargs="+", metavar="DATASET",
                   help="a {text, cluster} .jsonl file or a folder of them")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return cli_main(parse_args(argv))
    except TimelineError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
