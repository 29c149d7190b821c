"""A learned date ranker for story timelines, fitted and checked on Timeline17 halves.

    python tests/bench/fit_tls.py [DATASET_DIR] [--l2 X] [--cache FILE] [--loto]
    python tests/bench/fit_tls.py [DATASET_DIR] --facts [--cache FILE]

A candidate day (one the story timeline may choose: some statement names it, within the
gold timeline's first and last day) is positive when the gold timeline has it. The model
is linear over ``timeline.story.DATE_FEATURES`` (counts of articles and sentences naming
the day, published after / on / before it, in leads, distinct publication days, the burst
of publication around it, the spread of the mentioning articles, how topical and how
tellable its statements are) and fitted as a conditional logit per timeline (the gold days
against all of that timeline's candidates, so a topic's size does not matter, only the
order within it), L2-regularized, with numpy.

Halves: the topics in sorted order, A = even index (11 timelines), B = odd (8). Prints
the date F1 of the top-N candidates (N = the gold size, as the protocol asks) for the
support ranking the story timeline uses and for the model fitted on A, on B (each checked
on the other half) and, with ``--loto``, fitted leaving each topic out in turn. The story
timeline adopts a fitted ranker only when it beats the support ranking on the half it was
not fitted on; so far it does not (see the README's Timeline17 row), so no weights ship.

``--facts`` prints instead where the story timeline's dates go wrong, per gold timeline
and by half: dates asked (the gold size) and given, candidate days, gold days among them
(the ceiling of date recall), hits, and the predicted days one day off a gold day, split
into those *beside* a gold day also predicted and those *instead of* a gold day missed; for
the latter, the articles naming the wrong day, by how (a written date, "May 23", or a day
relative to the publication day, "Tuesday", "yesterday") and when (published after, on
or before it).

``--cache FILE`` keeps the tagged articles in a pickle (tagging all topics takes a minute
or more), for repeated runs; scratch only, never in the repository.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / ".." / "shared" / "data" / "timeline17"


def load(dataset: Path, cache: Path | None) -> dict:
    """{topic: (Topic, analysed articles)}, tagged (or read from the cache)."""
    if cache and cache.exists():
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    from timeline.evaluate.tls import list_topics, load_topic, tag_articles

    out = {}
    for path in list_topics(dataset):
        topic = load_topic(path)
        out[path.name] = (topic, tag_articles(topic.articles))
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return out


def rows(data: dict) -> list[dict]:
    """One entry per gold timeline: its half, candidate days, features, labels."""
    from timeline.evaluate.tls import _parse_day
    from timeline.story import candidate_day_features

    out = []
    for k, name in enumerate(sorted(data)):
        topic, adocs = data[name]
        for tl in topic.timelines:
            days = sorted(tl)
            first, last = days[0], days[-1]
            chosen = [
                a for a in adocs if a.document.dct and first <= _parse_day(a.document.dct) <= last
            ]
            cands = candidate_day_features(chosen, since=first.isoformat(), until=last.isoformat())
            if not cands:
                continue
            x = np.array([f for _, f in cands], dtype=float)
            y = np.array([d in tl for d, _ in cands], dtype=float)
            out.append(
                {"half": "AB"[k % 2], "name": name, "n": len(tl), "days": [d for d, _ in cands],
                 "x": x, "y": y, "gold": set(tl)}
            )
    return out


def _naming(adocs: list, d: date) -> Counter:
    """The articles naming day ``d``, by how (a figure in the expression: a written date;
    none: relative to the publication day) and when they were published."""
    from timeline.evaluate.tls import _parse_day
    from timeline.temporal.timex3 import interval

    out: Counter = Counter()
    for a in adocs:
        pub = _parse_day(a.document.dct)
        kinds = set()
        for t in a.timexes:
            span = interval(t.value, t.mod, t.utc_offset) if t.type in ("DATE", "TIME") else None
            if span is None or span[0].date() != d or (span[1] - span[0]).days > 1:
                continue
            how = "written" if any(ch.isdigit() for ch in t.text) else "relative"
            when = "after" if pub > d else "on" if pub == d else "before"
            kinds.add(f"{how} {when}")
        out.update(kinds)
    return out


def facts(data: dict) -> None:
    """Where the story timeline's dates go wrong (see the module's docstring)."""
    from timeline.evaluate.tls import _parse_day
    from timeline.story import candidate_day_features, story_timeline

    one = timedelta(days=1)
    total: dict[str, dict[str, float]] = {h: defaultdict(float) for h in ("A", "B", "all")}
    naming: Counter = Counter()
    print(f"{'timeline':<25} {'asked':>5} {'given':>5} {'cands':>5} {'gold in':>7} "
          f"{'hits':>4} {'F1':>5} {'beside':>6} {'instead':>7}")
    for k, name in enumerate(sorted(data)):
        topic, adocs = data[name]
        for i, gold in enumerate(topic.timelines):
            days = sorted(gold)
            first, last = days[0], days[-1]
            chosen = [a for a in adocs if first <= _parse_day(a.document.dct) <= last]
            per_date = max(1, round(sum(len(v) for v in gold.values()) / len(days)))
            tl = story_timeline(chosen, max_dates=len(days), per_date=per_date,
                                since=first.isoformat(), until=last.isoformat())
            pred = {e.start.date() for e in tl.events}
            cands = {d for d, _ in candidate_day_features(
                chosen, since=first.isoformat(), until=last.isoformat())}
            hits = len(pred & set(gold))
            beside = instead = 0
            for d in pred - set(gold):
                near = [g for g in (d - one, d + one) if g in gold]
                if near and any(g in pred for g in near):
                    beside += 1
                elif near:
                    instead += 1
                    naming.update(_naming(chosen, d))
            row = dict(asked=len(days), given=len(pred), cands=len(cands),
                          gold_in=len(cands & set(gold)), hits=hits, beside=beside,
                          instead=instead, short=len(days) - len(pred), n=1,
                          f1=2 * hits / (len(days) + len(pred)) if pred else 0.0)
            for h in ("AB"[k % 2], "all"):
                for key, v in row.items():
                    total[h][key] += v
            label = name if i == 0 else f"{name}#{i}"
            print(f"{label:<25} {row['asked']:>5} {row['given']:>5} {row['cands']:>5} "
                  f"{row['gold_in']:>7} {hits:>4} {row['f1']:>5.3f} {beside:>6} {instead:>7}")
    for h, t in total.items():
        print(f"half {h}: {t['n']:.0f} timelines, {t['asked']:.0f} dates asked, "
              f"{t['given']:.0f} given ({t['short']:.0f} short), gold days among the candidates "
              f"{t['gold_in']:.0f} ({t['gold_in'] / t['asked']:.1%}), hits {t['hits']:.0f}, "
              f"date F1 {t['f1'] / t['n']:.4f}; one day off: {t['beside']:.0f} beside a "
              f"predicted gold day, {t['instead']:.0f} instead of a missed one")
    print("articles naming a day predicted instead of its gold neighbour:",
          ", ".join(f"{k} {v}" for k, v in naming.most_common()))


def fit(tls: list[dict], l2: float, steps: int = 3000, lr: float = 0.1) -> np.ndarray:
    """Weights over the raw features: conditional logit (softmax over each timeline's
    candidates, the gold days as targets), features standardized while fitting."""
    allx = np.vstack([t["x"] for t in tls])
    mu, sd = allx.mean(0), allx.std(0)
    sd[sd == 0] = 1.0
    zs = [((t["x"] - mu) / sd, t["y"]) for t in tls]
    w = np.zeros(allx.shape[1])
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for step in range(1, steps + 1):  # Adam
        g = l2 * w
        for z, y in zs:
            s = z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            g -= (y @ z - y.sum() * (p @ z)) / len(zs)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w / sd


def top_f1(tls: list[dict], w: np.ndarray | None) -> float:
    """Mean date F1 of the top-N candidates (support order when ``w`` is None)."""
    f1s = []
    for t in tls:
        order = range(len(t["days"])) if w is None else np.argsort(-(t["x"] @ w), kind="stable")
        top = [t["days"][i] for i in list(order)[: t["n"]]]
        hit = len(set(top) & t["gold"])
        p, r = hit / len(top), hit / t["n"]
        f1s.append(2 * p * r / (p + r) if hit else 0.0)
    return float(np.mean(f1s)) if f1s else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", nargs="?", default=str(DEFAULT))
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--loto", action="store_true", help="also fit leaving each topic out")
    ap.add_argument("--facts", action="store_true", help="where the dates go wrong, no fit")
    args = ap.parse_args(argv)
    if not Path(args.dataset).is_dir():
        print(f"no dataset at {args.dataset}", file=sys.stderr)
        return 2
    if args.facts:
        facts(load(Path(args.dataset), args.cache))
        return 0
    from timeline.story import DATE_FEATURES

    tls = rows(load(Path(args.dataset), args.cache))
    halves = {h: [t for t in tls if t["half"] == h] for h in "AB"}
    fitted = {h: fit(halves[h], args.l2) for h in "AB"}
    print(f"weights (l2 {args.l2}):  {'fit A':>8} {'fit B':>8}")
    for k, name in enumerate(DATE_FEATURES):
        print(f"  {name:<12} {fitted['A'][k]:>+8.3f} {fitted['B'][k]:>+8.3f}")
    print(f"{'top-N date F1':<16} {'A':>6} {'B':>6} {'all':>6}")
    for label, w in (("support", None), ("fitted on A", fitted["A"]), ("fitted on B", fitted["B"])):
        print(
            f"{label:<16} {top_f1(halves['A'], w):>6.3f} "
            f"{top_f1(halves['B'], w):>6.3f} {top_f1(tls, w):>6.3f}"
        )
    if args.loto:
        got = []
        for name in sorted({t["name"] for t in tls}):
            w = fit([t for t in tls if t["name"] != name], args.l2)
            got += [top_f1([t], w) for t in tls if t["name"] == name]
        print(f"{'leave-topic-out':<16} {'':>6} {'':>6} {float(np.mean(got)):>6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
