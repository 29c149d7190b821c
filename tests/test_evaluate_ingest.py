"""`timeline evaluate ingest`: the author figures on articles-trafilatura-eval."""

from __future__ import annotations

import json
from pathlib import Path

from timeline.evaluate.ingest import (
    Dataset,
    Output,
    Page,
    _table,
    author_match,
    load_dataset,
    scores,
)

GOLD = ["Jane Doe", "ann lee", "", None, "Tom  Roe", "Ed Kim"]
GIVEN = ["Jane Doe", "Ann Lee", "Site Admin", "Someone", "Tom Roe", None]


def _pages() -> list[Page]:
    return [Page(id=str(i), path=Path(f"{i}.html"), author=a) for i, a in enumerate(GOLD)]


def _outputs() -> list[Output]:
    return [Output(author=a) for a in GIVEN]


def test_authors_are_scored_exactly_and_case_and_space_normalized() -> None:
    got = author_match(_outputs(), _pages())
    assert got["authors"] == 4  # "" is annotated as none, None is not annotated
    assert got["author_exact"] == 1 / 4
    assert got["author_normalized"] == 3 / 4
    assert got["author_unwanted"] == 1  # "Site Admin" where the page has no author


def test_the_author_figures_on_halves_split_by_page_index() -> None:
    even, odd = (author_match(_outputs(), _pages(), h) for h in (0, 1))
    assert (even["authors"], even["author_exact"], even["author_normalized"]) == (2, .5, 1.0)
    assert (odd["authors"], odd["author_exact"], odd["author_normalized"]) == (2, 0.0, .5)
    assert even["author_unwanted"] == 1 and odd["author_unwanted"] == 0


def test_a_listed_gold_author_is_joined_as_the_others_are(tmp_path: Path) -> None:
    gold = {"https://a.example/1": {"file": "html/1.html.gz", "author": ["Ann Lee", "Tom Roe"]},
            "https://a.example/2": {"file": "html/2.html.gz", "author": "Ed Kim"}}
    (tmp_path / "evaldata.gz.json").write_text(json.dumps(gold), encoding="utf-8")
    pages = load_dataset(tmp_path).pages
    assert [p.author for p in pages] == ["Ann Lee; Tom Roe", "Ed Kim"]


def test_the_table_gives_the_author_lines() -> None:
    dataset = Dataset("articles-trafilatura-eval", tuple(_pages()))
    table = _table(dataset.name, "html", scores(dataset, _outputs(), None), None)
    assert "author exact (4)" in table and "0.250" in table
    assert "0.500 / 0.000" in table  # exact, even / odd halves
