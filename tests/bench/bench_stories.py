"""Story detection beside the TF-IDF baseline on the GoogleNews sets, and its speed.

    python tests/bench/bench_stories.py [DATASET_DIR] [--scale 10000] [--no-baseline]

For each of T, S and TS (``../shared/data/stories-googlenews`` by default) prints our
scores (``timeline.cluster.group``) and the baseline's, run in the same session: TF-IDF with
sublinear tf (scikit-learn's defaults otherwise) and average-link agglomerative clustering
on cosine distance, cut at .95, not told the number of stories. With ``--scale N`` it also
times ``group`` on the first N items of TS, then of S and T past TS's 11,109 (wall clock
and CPU time; the machine may be shared, CPU time is what the code costs) and reports the
peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / ".." / "shared" / "data" / "stories-googlenews"
BASELINE_DISTANCE = 0.95
"""The issue's baseline cut (cosine distance)."""


def baseline(texts: list[str]) -> list[int]:
    """TF-IDF (sublinear tf) + average-link agglomerative clustering cut at .95."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    # precomputed distances: empty texts are zero vectors, which metric="cosine" refuses
    distance = 1.0 - (x @ x.T).toarray()
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=BASELINE_DISTANCE)
    return [int(v) for v in model.fit_predict(distance)]


def _scale(path: Path, n: int) -> None:
    from timeline.cluster import group
    from timeline.evaluate.stories import load

    texts: list[str] = []
    for name in ("TS", "S", "T"):  # beyond TS's 11,109 items: S's, then T's
        texts += load(path.with_name(f"{name}.jsonl"))[0]
    texts = texts[:n]
    t0, c0 = time.perf_counter(), time.process_time()
    found = group(texts)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"# scale: {len(texts)} items of TS/S/T -> {len(set(found))} stories in "
          f"{wall:.1f} s wall, {cpu:.1f} s CPU; peak RSS of this process {peak:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", nargs="?", default=str(DEFAULT))
    p.add_argument("--scale", type=int, default=0, help="time group() on N items of TS")
    p.add_argument("--no-baseline", action="store_true")
    args = p.parse_args(argv)
    folder = Path(args.data)
    sets = [folder / f"{name}.jsonl" for name in ("T", "S", "TS")]
    missing = [str(s) for s in sets if not s.is_file()]
    if missing:
        print(f"not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from timeline.evaluate.stories import evaluate_file, format_table, load, score

    if args.scale:  # first, so the peak memory is group()'s and not the baseline's
        _scale(sets[2], args.scale)
    rows = []
    for path in sets:
        rows.append(evaluate_file(path))
        if not args.no_baseline:
            texts, gold = load(path)
            t0 = time.perf_counter()
            found = baseline(texts)
            rows.append(score(f"{path.stem}-base", gold, found, time.perf_counter() - t0))
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
