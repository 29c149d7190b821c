"""Fit the weights of a pasted page's headline score (timeline/ingest/text.py _TITLE_WEIGHTS).

Every line within reach above the article run of each articles-trafilatura-eval paste
(tests/bench/paste_cache.py), or above an earlier run of prose (``_title_candidates``),
is a candidate, with the features ``_Above`` reads; the gold title picks the right one.
A conditional logit (softmax over a page's candidates, L2 penalty) is fitted on one half
of the pages (dataset order: even or odd position) by gradient descent, and the share of
titles it gets exactly right is printed for both halves, with the rounded weights to
paste into text.py.

    .venv/bin/python tests/bench/fit_paste_title.py [../shared/data/articles-trafilatura-eval]
        [--half even|odd] [--l2 0.01]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from timeline.evaluate.ingest import default_cache, load_dataset
from timeline.ingest import text as T

STEPS, RATE, MOMENTUM = 3000, 0.5, 0.9


def _candidates(raw: str, gold: str) -> tuple[np.ndarray, np.ndarray] | None:
    """The feature rows of a paste's headline candidates and which of them is the title."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if T._frame(lines, 0, len(lines)) < T.MIN_PAGE_LINES:
        return None
    (a, b), earlier = T._article_runs(lines)
    if T._frame(lines, 0, a) < T.MIN_FRAME_LINES and \
            T._frame(lines, b, len(lines)) < T.MIN_FRAME_LINES:
        return None
    rows, hits = [], []
    for above, k, _, first in T._title_candidates(lines, a, b, earlier):
        checked = above.checked(k)
        if checked is None:
            continue
        rows.append(first + checked)
        hits.append(" ".join(above.text[above.shown[k]].split()) == gold)
    return (np.array(rows), np.array(hits)) if rows else None


def _fit(groups: list[tuple[np.ndarray, np.ndarray]], l2: float) -> np.ndarray:
    """Weights maximising the likelihood of the gold line among each page's candidates
    (pages whose title is none of them are left out), by gradient descent with momentum."""
    groups = [(x, y) for x, y in groups if y.any()]
    x = np.vstack([g[0] for g in groups])
    y = np.concatenate([g[1] for g in groups]).astype(float)
    starts = np.cumsum([0] + [len(g[1]) for g in groups[:-1]])
    page = np.repeat(np.arange(len(groups)), [len(g[1]) for g in groups])
    w, v = np.zeros(x.shape[1]), np.zeros(x.shape[1])
    for _ in range(STEPS):
        s = x @ w
        e = np.exp(s - np.maximum.reduceat(s, starts)[page])
        p_all = e / np.add.reduceat(e, starts)[page]
        p_gold = e * y / np.add.reduceat(e * y, starts)[page]
        grad = (p_all - p_gold) @ x / len(groups) + 2 * l2 * w / len(groups)
        v = MOMENTUM * v - RATE * grad
        w = w + v
    return w


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dataset_dir", nargs="?", type=Path,
                   default=Path(__file__).parents[2] / ".." / "shared" / "data" /
                   "articles-trafilatura-eval")
    p.add_argument("--half", choices=("even", "odd"), default="even")
    p.add_argument("--l2", type=float, default=0.01)
    args = p.parse_args(argv)
    dataset = load_dataset(args.dataset_dir)
    cache = default_cache() / dataset.name
    halves: dict[int, list[tuple[np.ndarray, np.ndarray] | None]] = {0: [], 1: []}
    for i, page in enumerate(dataset.pages):
        if page.title:
            raw = (cache / f"{page.id}.txt").read_text(encoding="utf-8")
            halves[i % 2].append(_candidates(raw, " ".join(page.title.split())))
    fit = 0 if args.half == "even" else 1
    w = _fit([g for g in halves[fit] if g is not None], args.l2)
    names = [k for k in T._TITLE_WEIGHTS if k not in T._CHECKED] + list(T._CHECKED)
    for name, v in zip(names, w, strict=True):
        print(f'    "{name}": {v:+.2f},')
    for half, groups in halves.items():
        right = sum(1 for g in groups if g is not None and g[1][int(np.argmax(g[0] @ w))])
        label = "even" if half == 0 else "odd"
        print(f"{label} half: {right}/{len(groups)} = {right / len(groups):.3f} titles "
              f"(gold among the candidates: {sum(1 for g in groups if g and g[1].any())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
