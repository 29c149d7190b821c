"""Every output of a fixed input set, regenerated in memory, for before/after comparisons.

The set: the bundled sample (every brief format and every tag format), 50 TBAQ documents
(TimeML tagging), 20 Timeline17 articles (briefed one by one and as one story) and 20
CNN/DailyMail articles (briefed with the news summarizer; the first three with every
summarizer). ``tests/golden/regression.json`` holds a SHA-256 per output, not the outputs:
the development data is not ours to commit.

    python tests/regress.py check          # compare with the manifest, name what changed
    python tests/regress.py dump DIR       # write every output to DIR (diff two DIRs)
    python tests/regress.py write          # regenerate the manifest, on purpose only
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "timeline" / "data" / "samples" / "afp-syria-coast-bombings.txt"
MANIFEST = ROOT / "tests" / "golden" / "regression.json"

ALL_FORMATS = "html,md,json,eml,timelinejs,ics,csv"
TBAQ_DOCS = 50
T17_TOPIC = "H1N1_reuters"
T17_ARTICLES = 20
CNNDM_ARTICLES = 20
CNNDM_ALL_METHODS = 3
CNNDM_DATE = "2015-04-01"  # CNN/DM carries no date; any fixed one works
METHODS = ("news", "lead", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl")


def required_data() -> list[Path]:
    return [
        SHARED_DATA / "tempeval3-tbaq",
        SHARED_DATA / "timeline17" / T17_TOPIC / "articles.tokenized.jsonl.gz",
        SHARED_DATA / "cnndm-dev.jsonl",
    ]


def _run(argv: list[str]) -> bytes:
    from timeline.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    if code not in (0, 1):
        raise RuntimeError(f"timeline {' '.join(argv)} exited {code}: {err.getvalue().strip()}")
    return out.getvalue().encode("utf-8")


def _brief(name: str, argv: list[str], work: Path) -> Iterator[tuple[str, bytes]]:
    out = work / name
    _run(["brief", *argv, "--out", str(out)])
    for f in sorted(out.iterdir()):
        if not f.name.startswith("."):
            yield f"{name}/{f.name}", f.read_bytes()


def _sample(work: Path) -> Iterator[tuple[str, bytes]]:
    yield from _brief("sample", ["--sample", "--format", ALL_FORMATS], work)
    for fmt in ("text", "json"):
        yield f"sample/tag.{fmt}", _run(["tag", str(SAMPLE), "--format", fmt])


def _tbaq(work: Path) -> Iterator[tuple[str, bytes]]:
    files = sorted((SHARED_DATA / "tempeval3-tbaq").rglob("*.tml"))[:TBAQ_DOCS]
    out = work / "tbaq"
    _run(["tag", "--format", "timeml", "--out", str(out), *map(str, files)])
    for f in sorted(out.rglob("*")):
        if f.is_file():
            yield f"tbaq/{f.relative_to(out)}", f.read_bytes()


def _t17(work: Path) -> Iterator[tuple[str, bytes]]:
    src = SHARED_DATA / "timeline17" / T17_TOPIC / "articles.tokenized.jsonl.gz"
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        lines = [next(fh) for _ in range(T17_ARTICLES)]
    story = work / "t17.jsonl"
    story.write_text("".join(lines), encoding="utf-8")
    yield from _brief("t17-story", [str(story), "--format", ALL_FORMATS], work)
    yield from _brief("t17-story-options", [str(story), "--format", "md,json", "--max-dates",
                      "6", "--per-date", "2", "--keywords", "flu,vaccine", "--since",
                      "2009-05-01"], work)
    for i, line in enumerate(lines):
        one = work / f"t17-{i:02d}.jsonl"
        one.write_text(line, encoding="utf-8")
        yield from _brief(f"t17-{i:02d}", [str(one), "--format", "md,json"], work)


def _cnndm(work: Path) -> Iterator[tuple[str, bytes]]:
    with (SHARED_DATA / "cnndm-dev.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(next(fh)) for _ in range(CNNDM_ARTICLES)]
    for i, row in enumerate(rows):
        path = work / f"cnndm-{i:02d}.txt"
        path.write_text(row["article"], encoding="utf-8")
        methods = METHODS if i < CNNDM_ALL_METHODS else ("news",)
        for m in methods:
            fmts = "html,md,json" if m == "news" else "json"
            argv = [str(path), "--date", CNNDM_DATE, "--method", m, "--format", fmts]
            yield from _brief(f"cnndm-{i:02d}-{m}", argv, work)


def outputs() -> dict[str, bytes]:
    """Every output of the fixed set, by a stable name."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        result: dict[str, bytes] = {}
        for part in (_sample, _tbaq, _t17, _cnndm):
            result.update(part(work))
        return result


def digest(data: dict[str, bytes]) -> dict[str, str]:
    return {k: hashlib.sha256(v).hexdigest() for k, v in sorted(data.items())}


def compare(data: dict[str, bytes]) -> list[str]:
    """Names whose output differs from the manifest (or is new or gone)."""
    want = json.loads(MANIFEST.read_text(encoding="utf-8"))
    have = digest(data)
    return sorted(k for k in set(want) | set(have) if want.get(k) != have.get(k))


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("check", "dump", "write"):
        print(__doc__, file=sys.stderr)
        return 2
    data = outputs()
    if argv[0] == "write":
        MANIFEST.write_text(json.dumps(digest(data), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MANIFEST} ({len(data)} outputs)")
    elif argv[0] == "dump":
        root = Path(argv[1])
        for name, blob in data.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(blob)
        print(f"wrote {len(data)} outputs under {root}")
    else:
        changed = compare(data)
        print("\n".join(changed) or f"all {len(data)} outputs identical")
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
