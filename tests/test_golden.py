"""Golden files: the sample's rendered HTML and Markdown, byte for byte.

They change only on purpose. To regenerate after an intended change, run
    TIMELINE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
and review the diff (`git diff tests/golden`) before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline.cli import main

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden")
    assert main(["brief", "--sample", "--format", "html,md", "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("ext", ["html", "md"])
def test_sample_matches_golden(rendered: Path, ext: str) -> None:
    (got_path,) = (p for p in rendered.glob(f"*.{ext}") if p.name != "index.html")
    got = got_path.read_text("utf-8")
    golden = GOLDEN / f"sample.{ext}"
    if os.environ.get("TIMELINE_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"{golden} missing: run with TIMELINE_UPDATE_GOLDEN=1 and review it")
    assert got == golden.read_text("utf-8"), (
        f"{ext} output differs from {golden}; if intended, regenerate (see module docstring)"
    )
