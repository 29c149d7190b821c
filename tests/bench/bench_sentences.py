"""Sentence boundaries on the hard news cases of tests/sentence_cases.py: ours against
pysbd, nupunkt and syntok (installed for the bench only; a missing one is skipped).

    .venv/bin/python tests/bench/bench_sentences.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sentence_cases import cases, score  # noqa: E402

from timeline.segment import split_sentences  # noqa: E402

Splitter = Callable[[str], list[str]]


def _pysbd() -> Splitter:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    return lambda text: [str(s) for s in seg.segment(text)]


def _nupunkt() -> Splitter:
    import nupunkt

    return lambda text: list(nupunkt.sent_tokenize(text))


def _syntok() -> Splitter:
    from syntok import segmenter

    def split(text: str) -> list[str]:
        return ["".join(t.spacing + t.value for t in sent).strip()
                for para in segmenter.analyze(text) for sent in para]

    return split


def main() -> int:
    splitters: dict[str, Callable[[], Splitter]] = {
        "timeline": lambda: lambda t: list(split_sentences(t)),
        "pysbd 0.3.4": _pysbd, "nupunkt 0.8.0": _nupunkt, "syntok 1.4.4": _syntok,
    }
    n = len(cases())
    print(f"{n} cases; boundary precision / recall / F1; ms for all cases")
    for name, make in splitters.items():
        try:
            split = make()
        except ImportError:
            print(f"{name:<16} not installed")
            continue
        start = time.perf_counter()
        s = score(split)
        ms = (time.perf_counter() - start) * 1000
        print(f"{name:<16} {s['precision']:.3f} {s['recall']:.3f} {s['f1']:.3f} {ms:8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
