"""Quality gate: ROUGE of the default summarizer on the CNN/DailyMail development set.

Pins the figures measured with ``timeline evaluate summary ../shared/data/cnndm-dev.jsonl``
(125 articles, 3 sentences): lead-3 41.48 / 19.08 / 37.55, news 42.62 / 19.65 / 38.61.
Floors sit a little below; raise them when the method improves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "cnndm-dev.jsonl"

pytest.importorskip("rouge_score", reason="rouge-score (test extra) is not installed")


@pytest.fixture(scope="module")
def scores():
    if not DATA.is_file():
        pytest.skip(f"{DATA} is absent (development data lives beside the repository)")
    from timeline.evaluate.summary import evaluate, load_rows

    result = evaluate(load_rows(DATA), ["news"], sentences=3)
    return {s.method: s for s in result}


def test_news_beats_lead3_on_every_rouge(scores):
    lead, news = scores["lead-3"], scores["news"]
    assert news.rouge1 >= lead.rouge1 + 1.0
    assert news.rouge2 >= lead.rouge2
    assert news.rougeLsum >= lead.rougeLsum


def test_news_floors(scores):
    news = scores["news"]
    assert news.rouge1 >= 42.5
    assert news.rouge2 >= 19.5
    assert news.rougeLsum >= 38.5


def test_lead3_is_the_published_kind_of_baseline(scores):
    # Lead-3 over our segmentation sits near the figures published for this sample
    # (41.4 / 18.8 / 37.6 on the 443 articles it was drawn from): a segmenter that merged
    # or broke sentences would move it.
    lead = scores["lead-3"]
    assert 40.5 <= lead.rouge1 <= 42.5
    assert 18.0 <= lead.rouge2 <= 20.0
    assert 36.5 <= lead.rougeLsum <= 38.5
