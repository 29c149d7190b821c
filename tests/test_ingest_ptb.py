from __future__ import annotations

import json
from pathlib import Path

from timeline.ingest.jsonl import read_jsonl_path
from timeline.ingest.ptb import detokenize, looks_tokenized


def test_detokenize_quotes_brackets_and_escapes() -> None:
    line = "BP starts ` static kill ' to plug 9\\/11 -LRB- a -RRB- , ` ` yes . '' BP 's chief"
    assert detokenize(line) == (
        "BP starts \u2018static kill\u2019 to plug 9/11 (a), \u201cyes.\u201d BP's chief"
    )


def test_ordinary_prose_is_not_taken_for_tokenized_text() -> None:
    assert not looks_tokenized("BP's chief (Tony Hayward) said: \"We're sorry.\" It rained.")
    assert looks_tokenized("BP 's chief -LRB- Tony Hayward -RRB- said , `` We 're sorry . ''")


def test_tokenized_jsonl_articles_read_as_prose(tmp_path: Path) -> None:
    row = {"id": "1", "time": "2010-05-15", "title": "US demands ` clarification ' from BP",
           "text": "The US government has demanded clarification from BP , officials said .\n"
                   "The spill began on 20 April -LRB- a Tuesday -RRB- ."}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    docs, skipped = read_jsonl_path(path)
    assert not skipped
    assert docs[0].text.startswith("The US government has demanded clarification from BP, off")
    assert "(a Tuesday)." in docs[0].text
    assert docs[0].title == "US demands \u2018clarification\u2019 from BP"
