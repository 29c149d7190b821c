"""Story detection: group short news texts (titles, snippets, leads) into stories.

No training data and no number of stories: the texts decide. Four steps, numpy only:

1. **TF-IDF** term vectors (sublinear tf, smoothed idf, unit length), each kept to its
   ``max_terms`` heaviest terms so that long articles cost what a lead costs.
2. **Neighbour smoothing**: each vector adds the similarity-weighted mean of its
   ``neighbours`` nearest texts (those at cosine >= ``neighbour_floor``), so two titles
   of one story that share no word still meet through the texts around them. A text
   with no close neighbour is left as it is.
3. **Average-link agglomeration** of the smoothed vectors, stopped at cosine distance
   ``merge_distance``. Two groups whose every pair is below the stopping similarity
   average below it and never merge, so the texts are first split into the connected
   components of the graph of pairs at that similarity or more (union-find over the
   sparse similarities, block by block); each component then runs the nearest-neighbour
   chain on its own similarities, kept as the upper triangle only (float32, 2 m^2 bytes
   for m texts), with exactly the merges of one chain over all n. On news sets the
   components rarely help (19,994 of 20,000 GoogleNews items form one), the triangle
   halves the memory of the square matrix.
4. **Refinement**: texts move to the nearest centroid of a story of at least
   ``min_story`` texts (k-means steps, K found by step 3), but only when that centroid is
   at cosine >= ``join_similarity``; smaller groups whose texts find no such centroid
   stay as they are, singletons included.

Measured on the GoogleNews short-text sets (``python -m timeline.evaluate.stories``):
one configuration for titles, snippets and both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from timeline.textstats import stop_words

__all__ = ["GroupOptions", "group"]

_TOKEN = re.compile(r"\b\w\w+\b")
"""Words of two characters or more (single letters and punctuation carry no story)."""

_BLOCK_PAIRS = 4_000_000
"""Posting pairs gathered per block of similarity rows: bounds the working memory
(about 24 bytes a pair) whatever the texts' length."""

_BLOCK_CELLS = 2_000_000
"""Cells of the dense similarity block computed at once (16 MB of float64)."""


@dataclass(frozen=True)
class GroupOptions:
    """The one configuration used for titles, snippets and both (see the module doc)."""

    neighbours: int = 5
    """Nearest texts averaged into each vector (smoothing)."""
    smoothing: float = 1.0
    """Weight of the neighbours' mean against the text's own vector."""
    neighbour_floor: float = 0.1
    """Neighbours below this cosine do not smooth: an isolated text stays itself."""
    max_terms: int = 40
    """Heaviest terms kept per vector (raw and smoothed): bounds time on long texts."""
    merge_distance: float = 0.875
    """Average-link stops when the closest groups are this far apart (1 - cosine)."""
    min_story: int = 5
    """Groups at least this large have a centroid texts may move to."""
    join_similarity: float = 0.1
    """A text moves to a centroid only at this cosine or more."""
    refine_rounds: int = 10
    """At most this many reassignment rounds (they usually settle in 3 to 5)."""
    stop: frozenset[str] = field(default_factory=lambda: stop_words("smart"))
    """Words never counted as terms."""


@dataclass(frozen=True)
class _Csr:
    """A sparse row matrix: row i is ``indices/data[indptr[i]:indptr[i+1]]``."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    n_cols: int

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def row_ids(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_rows), np.diff(self.indptr))

    def transpose(self) -> _Csr:
        return _from_coo(self.indices, self.row_ids(), self.data, self.n_cols, self.n_rows)

    def rows(self, start: int, stop: int) -> _Csr:
        a, b = self.indptr[start], self.indptr[stop]
        return _Csr(self.indptr[start : stop + 1] - a, self.indices[a:b], self.data[a:b],
                    self.n_cols)


def _from_coo(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n_rows: int,
              n_cols: int) -> _Csr:
    """The matrix with ``vals`` at ``(rows, cols)``, duplicates summed, rows sorted."""
    keys = rows.astype(np.int64) * n_cols + cols
    uniq, inverse = np.unique(keys, return_inverse=True)
    data = np.bincount(inverse, weights=vals, minlength=len(uniq)).astype(np.float32)
    r = uniq // n_cols
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(r, minlength=n_rows), out=indptr[1:])
    return _Csr(indptr, (uniq % n_cols).astype(np.int64), data, n_cols)


def _tfidf(texts: Sequence[str], stop: frozenset[str]) -> _Csr:
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, text in enumerate(texts):
        for word in _TOKEN.findall(text.lower()):
            if word not in stop:
                rows.append(i)
                cols.append(vocab.setdefault(word, len(vocab)))
    counts = _from_coo(np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64),
                       np.ones(len(rows)), len(texts), max(len(vocab), 1))
    df = np.bincount(counts.indices, minlength=counts.n_cols)
    idf = np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0
    data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    return _Csr(counts.indptr, counts.indices, data.astype(np.float32), counts.n_cols)


def _top_terms(x: _Csr, m: int) -> _Csr:
    """Each row kept to its ``m`` largest entries, then scaled to unit length."""
    r = x.row_ids()
    order = np.lexsort((-x.data, r))
    rank = np.arange(len(order)) - x.indptr[r[order]]
    keep = np.sort(order[rank < m])
    y = _from_coo(r[keep], x.indices[keep], x.data[keep], x.n_rows, x.n_cols)
    norms = np.sqrt(np.bincount(y.row_ids(), weights=y.data.astype(np.float64) ** 2,
                                minlength=y.n_rows))
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return _Csr(y.indptr, y.indices, (y.data * scale[y.row_ids()]).astype(np.float32),
                y.n_cols)


def _gather(indptr: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of rows ``ids``' entries, concatenated, and each row's length."""
    starts = indptr[ids]
    lengths = indptr[ids + 1] - starts
    offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(starts, lengths) + offsets, lengths


def _dot_block(q: _Csr, db_t: _Csr, n_db: int) -> np.ndarray:
    """``q @ db.T`` as a dense float32 (q rows x n_db) array, through db's postings."""
    flat, lengths = _gather(db_t.indptr, q.indices)
    keys = np.repeat(q.row_ids(), lengths) * n_db + db_t.indices[flat]
    vals = db_t.data[flat] * np.repeat(q.data, lengths)
    out = np.bincount(keys, weights=vals, minlength=q.n_rows * n_db)
    return out.reshape(q.n_rows, n_db).astype(np.float32)


def _blocks(q: _Csr, db_t: _Csr) -> list[tuple[int, int]]:
    """Row ranges of q whose gathered postings stay within ``_BLOCK_PAIRS``."""
    df = np.diff(db_t.indptr)
    per_row = np.bincount(q.row_ids(), weights=df[q.indices], minlength=q.n_rows)
    most_rows = max(1, _BLOCK_CELLS // max(db_t.n_cols, 1))
    bounds, start, acc = [], 0, 0.0
    for i, pairs in enumerate(per_row):
        if i > start and (acc + pairs > _BLOCK_PAIRS or i - start >= most_rows):
            bounds.append((start, i))
            start, acc = i, 0.0
        acc += pairs
    bounds.append((start, q.n_rows))
    return bounds


def _similarities(q: _Csr, db: _Csr) -> np.ndarray:
    """The dense cosine matrix ``q @ db.T`` (float32), computed block by block."""
    db_t = db.transpose()
    out = np.empty((q.n_rows, db.n_rows), dtype=np.float32)
    for a, b in _blocks(q, db_t):
        out[a:b] = _dot_block(q.rows(a, b), db_t, db.n_rows)
    return out


def _smooth(x: _Csr, opts: GroupOptions) -> _Csr:
    """Each row plus ``smoothing`` times the weighted mean of its close neighbours."""
    n, k = x.n_rows, min(opts.neighbours, x.n_rows - 1)
    if k < 1 or opts.smoothing <= 0:
        return x
    x_t = x.transpose()
    rows, cols, vals = [x.row_ids()], [x.indices], [x.data.astype(np.float64)]
    for a, b in _blocks(x, x_t):
        sim = _dot_block(x.rows(a, b), x_t, n)
        sim[np.arange(b - a), np.arange(a, b)] = -1.0
        near = np.argpartition(-sim, k - 1, axis=1)[:, :k]
        w = np.take_along_axis(sim, near, axis=1).astype(np.float64)
        w[w < opts.neighbour_floor] = 0.0
        total = w.sum(axis=1, keepdims=True)
        w = opts.smoothing * np.divide(w, total, out=np.zeros_like(w), where=total > 0)
        i = np.repeat(np.arange(a, b), k)
        j, wij = near.ravel(), w.ravel()
        flat, lengths = _gather(x.indptr, j[wij > 0])
        rows.append(np.repeat(i[wij > 0], lengths))
        cols.append(x.indices[flat])
        vals.append(np.repeat(wij[wij > 0], lengths) * x.data[flat])
    summed = _from_coo(np.concatenate(rows), np.concatenate(cols), np.concatenate(vals), n,
                       x.n_cols)
    return _top_terms(summed, opts.max_terms)


def _condensed(x: _Csr) -> tuple[np.ndarray, np.ndarray]:
    """The cosines of all pairs i < j as one float32 array (upper triangle row by row:
    2 n^2 bytes, half the square) and each row's first position in it."""
    n = x.n_rows
    first = np.arange(n, dtype=np.int64) * (2 * n - np.arange(n) - 1) // 2
    tri = np.empty(n * (n - 1) // 2, dtype=np.float32)
    x_t = x.transpose()
    for a, b in _blocks(x, x_t):
        sim = _dot_block(x.rows(a, b), x_t, n)
        for i in range(a, min(b, n - 1)):
            tri[first[i] : first[i] + n - i - 1] = sim[i - a, i + 1 :]
    return tri, first


class _Rows:
    """Rows of the condensed similarities: row a is a strided gather (pairs j < a) and a
    slice (pairs j > a)."""

    def __init__(self, tri: np.ndarray, first: np.ndarray) -> None:
        self.tri, self.first, self.n = tri, first, len(first)
        self.lower = first - np.arange(self.n) - 1  # (j, a) is at lower[j] + a for j < a

    def get(self, a: int) -> np.ndarray:
        out = np.empty(self.n, dtype=np.float32)
        out[:a] = self.tri[self.lower[:a] + a]
        out[a] = -np.inf
        out[a + 1 :] = self.tri[self.first[a] : self.first[a] + self.n - a - 1]
        return out

    def put(self, a: int, values: np.ndarray) -> None:
        """Row a (and so column a) set to ``values`` (its a-th entry ignored)."""
        self.tri[self.lower[:a] + a] = values[:a]
        self.tri[self.first[a] : self.first[a] + self.n - a - 1] = values[a + 1 :]

    def clear(self, a: int) -> None:
        """Row a (and so column a) set to -inf: a merges no more."""
        self.tri[self.lower[:a] + a] = -np.inf
        self.tri[self.first[a] : self.first[a] + self.n - a - 1] = -np.inf


def _average_link(x: _Csr, min_similarity: float) -> np.ndarray:
    """Average-link clusters of the rows' cosines, merged while the two closest groups
    average at least ``min_similarity`` (nearest-neighbour chain on the condensed
    similarities). Returns a label per row: the index of a member of its cluster."""
    n = x.n_rows
    tri, first = _condensed(x)
    rows = _Rows(tri, first)

    size = np.ones(n)
    parent = np.arange(n)
    active = np.ones(n, dtype=bool)
    chain: list[int] = []
    next_start = 0
    while True:
        if not chain:
            while next_start < n and not active[next_start]:
                next_start += 1
            if next_start >= n:
                break
            chain.append(next_start)
        a = chain[-1]
        sim_a = rows.get(a)
        b = int(np.argmax(sim_a))
        if len(chain) > 1 and sim_a[chain[-2]] >= sim_a[b]:
            b = chain[-2]
        if sim_a[b] < min_similarity:  # a can only drift further from all: it is final
            active[a] = False
            rows.clear(a)
            chain.pop()
            if chain:
                chain.pop()  # its predecessor looked at a; look again
            continue
        if len(chain) > 1 and b == chain[-2]:
            chain.pop()
            chain.pop()
            merged = (size[a] * sim_a + size[b] * rows.get(b)) / (size[a] + size[b])
            rows.put(b, merged)
            rows.clear(a)
            size[b] += size[a]
            parent[a] = b
            active[a] = False
        else:
            chain.append(b)
    while True:  # pointer jumping: every row to the surviving index of its cluster
        up = parent[parent]
        if np.array_equal(up, parent):
            break
        parent = up
    return parent


def _take(x: _Csr, ids: np.ndarray) -> _Csr:
    """Rows ``ids`` of x, in that order."""
    flat, lengths = _gather(x.indptr, ids)
    indptr = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    return _Csr(indptr, x.indices[flat], x.data[flat], x.n_cols)


def _join(root: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Union-find: ``root`` (every row's root, ``root[root] == root``, a root the smallest
    index of its set) after joining each ``i[k]`` with ``j[k]``."""
    while True:
        ri, rj = root[i], root[j]
        differ = ri != rj
        if not differ.any():
            return root
        i, j, ri, rj = i[differ], j[differ], ri[differ], rj[differ]
        root = root.copy()
        np.minimum.at(root, np.maximum(ri, rj), np.minimum(ri, rj))
        while True:  # pointer jumping: every row straight to its root
            up = root[root]
            if np.array_equal(up, root):
                break
            root = up


def _components(x: _Csr, min_similarity: float) -> np.ndarray:
    """Each row's component (its smallest row index) in the graph of pairs of rows at
    cosine ``min_similarity`` or more, one bounded block of similarities at a time."""
    n = x.n_rows
    root = np.arange(n)
    x_t = x.transpose()
    for a, b in _blocks(x, x_t):
        i, j = np.nonzero(_dot_block(x.rows(a, b), x_t, n) >= min_similarity)
        root = _join(root, i + a, j)
    return root


def _linked(x: _Csr, min_similarity: float) -> np.ndarray:
    """``_average_link`` of all rows' similarities, run one connected component at a time
    (same labels: no merge ever crosses components, see the module doc)."""
    labels = np.arange(x.n_rows)
    comp = _components(x, min_similarity)
    order = np.argsort(comp, kind="stable")  # members of a component in row order
    _, starts, counts = np.unique(comp[order], return_index=True, return_counts=True)
    for start, count in zip(starts[counts > 1], counts[counts > 1], strict=True):
        members = order[start : start + count]
        part = _take(x, members)
        labels[members] = members[_average_link(part, min_similarity)]
    return labels


def _centroids(x: _Csr, labels: np.ndarray, ids: np.ndarray) -> _Csr:
    """The unit-length mean vector of each cluster in ``ids`` (rows in that order)."""
    slot = np.minimum(np.searchsorted(ids, labels), len(ids) - 1)
    slot[ids[slot] != labels] = -1
    r = x.row_ids()
    keep = slot[r] >= 0
    summed = _from_coo(slot[r][keep], x.indices[keep], x.data[keep].astype(np.float64),
                       len(ids), x.n_cols)
    return _top_terms(summed, np.iinfo(np.int32).max)


def _refine(x: _Csr, labels: np.ndarray, opts: GroupOptions) -> np.ndarray:
    """k-means steps toward the centroids of the large clusters (see the module doc)."""
    for _ in range(opts.refine_rounds):
        ids, counts = np.unique(labels, return_counts=True)
        big = ids[counts >= opts.min_story]
        if len(big) == 0:
            break
        sim = _similarities(x, _centroids(x, labels, big))
        best = sim.argmax(axis=1)
        moved = np.where(sim[np.arange(len(best)), best] >= opts.join_similarity, big[best],
                         labels)
        if np.array_equal(moved, labels):
            break
        labels = moved
    return labels


def group(texts: Sequence[str], *, options: GroupOptions | None = None) -> list[int]:
    """A story label per text (0, 1, ... in order of first appearance); texts of no
    story are alone under their own label. Deterministic."""
    opts = options or GroupOptions()
    if len(texts) == 0:
        return []
    raw = _top_terms(_tfidf(texts, opts.stop), opts.max_terms)
    x = _smooth(raw, opts)
    labels = _linked(x, 1.0 - opts.merge_distance)
    labels = _refine(x, labels, opts)
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return [int(v) for v in rank[inverse]]
