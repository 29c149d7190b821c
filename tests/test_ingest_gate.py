"""Quality gate: what ingest reads of real pages may not fall below these floors.

The HTML route on the three page sets of ../shared/data (timeline evaluate ingest DATASET
--route html), and the paste route on articles-scrapinghub, whose pastes are rendered here
by tests/bench/paste_cache.py in the system Chromium (181 pages, about a minute and a
half). The floors are issue 12's targets where it sets one and a little under today's
figures elsewhere (today: body .964 / .940, headline .876, byline .554, dates .896 / .936,
paste body .902); raise them as ingest improves, never lower them to pass.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_data

from timeline.evaluate.ingest import load_dataset, run, scores

FLOORS: dict[str, dict[str, float]] = {
    "articles-scrapinghub": {"body": 0.96},
    "articles-trafilatura-eval": {"body": 0.935, "title_exact": 0.86, "author_exact": 0.54,
                                  "date_accuracy": 0.88},
    "dates-htmldate": {"date_accuracy": 0.925},
}
PASTE_FLOORS = {"articles-scrapinghub": {"body": 0.90}}


def _figures(found: dict[str, Any]) -> dict[str, float]:
    return {k: (v["f1"] if isinstance(v, dict) else v) for k, v in found.items()}


def _below(found: dict[str, Any], floors: dict[str, float]) -> dict[str, str]:
    figures = _figures(found)
    return {k: f"{figures[k]:.4f} < {floor}" for k, floor in floors.items()
            if figures[k] < floor}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_html_route_floors(name: str, tmp_path: Path) -> None:
    dataset = load_dataset(shared_data(name))
    outputs, _ = run("ours-html", dataset, tmp_path, workers=2)
    below = _below(scores(dataset, outputs, None), FLOORS[name])
    assert not below, f"{name}, HTML route: below the pinned floors: {below}"


def test_paste_route_floor(tmp_path: Path) -> None:
    pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    sys.path.insert(0, str(Path(__file__).parent / "bench"))
    from browser import chromium_path
    if not chromium_path().exists():
        pytest.skip(f"{chromium_path()} not installed (apt-get install -y chromium)")
    import paste_cache

    name = "articles-scrapinghub"
    folder = shared_data(name)
    assert paste_cache.main([str(folder), "--cache", str(tmp_path)]) == 0
    dataset = load_dataset(folder)
    outputs, _ = run("ours-paste", dataset, tmp_path, workers=2)
    below = _below(scores(dataset, outputs, tmp_path), PASTE_FLOORS[name])
    assert not below, f"{name}, paste route: below the pinned floors: {below}"
