"""Cross-validated margin of the ``news`` summarizer over lead-3 on CNN/DailyMail.

    python tests/bench/bench_summary_cv.py [DATA.jsonl] [--folds 5] [--seed 0] [--grid NAME]

The development set is small (125 articles), so a change is judged on documents it was
not chosen on: the articles are shuffled (fixed seed) into K folds; for each fold the
configuration with the best ROUGE-1 margin over lead-3 on the other K-1 folds is chosen
from the grid, then scored on the held-out fold. The table prints, for each fold, the
configuration chosen and its held-out margins (R-1/R-2/R-Lsum F1 points over lead-3),
then the mean held-out margin. With a grid of one configuration (``--grid default``) the
folds only show how the margin of the shipped weights varies across documents.

Every configuration's full-set margins are printed too, so a change that only helps
in-sample (best on the full set, but not chosen or not better on held-out folds) shows.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / ".." / "shared" / "data" / "cnndm-dev.jsonl"


def _grids():
    from timeline.summarize import NewsWeights

    base = NewsWeights()

    def vary(name: str, values: list) -> dict[str, NewsWeights]:
        return {f"{name}={v}": replace(base, **{name: v}) for v in values}

    grids: dict[str, dict[str, NewsWeights]] = {"default": {"default": base}}
    for f in fields(NewsWeights):
        v = getattr(base, f.name)
        if isinstance(v, bool):
            continue
        if isinstance(v, int):
            values = sorted({max(0, v - 2), v, v + 2})
        else:
            values = sorted({round(v * k, 4) for k in (0.0, 0.5, 1.0, 1.5, 2.0)})
            if v == 0:
                values = [0.0, 0.05, 0.1, 0.2, 0.4]
        grids[f.name] = vary(f.name, values)
    # Several weights tuned together: how far a margin chosen in-sample falls held out.
    grids["joint"] = {
        f"c={c} q={q} sim={m}": replace(base, centrality=c, quote=q, max_similarity=m)
        for c in (0.1, 0.125, 0.15, 0.175, 0.2)
        for q in (0.1, 0.2, 0.3)
        for m in (0.4, 0.6)
    }
    grids["joint"]["default"] = base
    return grids


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", nargs="?", default=str(DEFAULT))
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--grid", default="default",
                   help="'default' (the shipped weights), a NewsWeights field name (that "
                        "weight at 0, 0.5x, 1x, 1.5x, 2x), 'joint' (centrality x quote x "
                        "max_similarity tuned together) or 'all' (every grid)")
    p.add_argument("--sentences", type=int, default=3)
    args = p.parse_args(argv)
    path = Path(args.data)
    if not path.is_file():
        print(f"{path}: not found", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    grids = _grids()
    names = list(grids) if args.grid == "all" else [args.grid]
    for name in names:
        if name not in grids:
            print(f"unknown grid {name!r} (choose from {', '.join(grids)}, all)", file=sys.stderr)
            return 2
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    cv = _CrossValidation(rows, args.folds, args.seed, args.sentences)
    for name in names:
        cv.report(name, grids[name])
    return 0


class _CrossValidation:
    def __init__(self, rows: list[dict], k: int, seed: int, sentences: int) -> None:
        from timeline.evaluate.summary import _scorer, reference_lines
        from timeline.model import AnalyzedDocument, Document
        from timeline.segment import segment

        self.sentences = sentences
        self.scorer = _scorer()
        self.refs = ["\n".join(reference_lines(r["highlights"])) for r in rows]
        self.docs = []
        for i, r in enumerate(rows):
            text = r["article"]
            doc = Document(id=str(i), text=text, body_start=0, body_end=len(text), dct=None,
                           title="")
            sents = segment(text, doc_id=str(i), tokens=False)
            self.docs.append(AnalyzedDocument(document=doc, sentences=sents, timexes=()))
        order = list(range(len(rows)))
        random.Random(seed).shuffle(order)
        self.folds = [sorted(order[f::k]) for f in range(k)]
        self.cache: dict[tuple[int, tuple[str, ...]], tuple[float, float, float]] = {}
        self.lead = self._per_doc("lead", None)

    def _score(self, i: int, texts: tuple[str, ...]) -> tuple[float, float, float]:
        key = (i, texts)
        got = self.cache.get(key)
        if got is None:
            s = self.scorer.score(self.refs[i], "\n".join(texts))
            got = self.cache[key] = (100 * s["rouge1"].fmeasure, 100 * s["rouge2"].fmeasure,
                                     100 * s["rougeLsum"].fmeasure)
        return got

    def _per_doc(self, method: str, weights) -> list[tuple[float, float, float]]:
        from timeline.summarize import summarize

        out = []
        for i, adoc in enumerate(self.docs):
            if method == "lead":
                chosen = summarize([adoc], "lead", sentences=3)
            else:
                chosen = summarize([adoc], "news", sentences=self.sentences, weights=weights)
            out.append(self._score(i, tuple(" ".join(s.text.split()) for s in chosen)))
        return out

    def report(self, name: str, grid: dict) -> None:
        margins = {}  # config -> per-document (dR1, dR2, dRLsum)
        for label, w in grid.items():
            per = self._per_doc("news", w)
            margins[label] = [tuple(a - b for a, b in zip(x, y, strict=True))
                              for x, y in zip(per, self.lead, strict=True)]

        def mean(label: str, docs: list[int], k: int) -> float:
            return sum(margins[label][i][k] for i in docs) / len(docs)

        every = [i for f in self.folds for i in f]
        print(f"# grid {name}: {len(grid)} configurations, {len(self.folds)} folds; "
              "margins over lead-3 in F1 points")
        print(f"{'configuration':<24} {'R-1':>6} {'R-2':>6} {'R-Lsum':>7}   (full set)")
        for label in grid:
            print(f"{label:<24} {mean(label, every, 0):+6.2f} {mean(label, every, 1):+6.2f} "
                  f"{mean(label, every, 2):+7.2f}")
        print(f"{'fold':<5} {'docs':>4} {'chosen on the other folds':<24} "
              f"{'R-1':>6} {'R-2':>6} {'R-Lsum':>7}   (held out)")
        held = [0.0, 0.0, 0.0]
        for f, test in enumerate(self.folds):
            train = [i for g, fold in enumerate(self.folds) if g != f for i in fold]
            best = max(grid, key=lambda lab: (round(mean(lab, train, 0), 6), lab == "default"))
            m = [mean(best, test, k) for k in range(3)]
            for k in range(3):
                held[k] += m[k] * len(test)
            print(f"{f:<5} {len(test):>4} {best:<24} {m[0]:+6.2f} {m[1]:+6.2f} {m[2]:+7.2f}")
        n = len(every)
        print(f"{'mean held-out margin':<35} {held[0] / n:+6.2f} {held[1] / n:+6.2f} "
              f"{held[2] / n:+7.2f}")
        print()


if __name__ == "__main__":
    raise SystemExit(main())
