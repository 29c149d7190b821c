"""Sentence compression: every rule's examples, the fragment guard, and what it buys a
timeline summary's score."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.compress import MIN_WORDS, compress, rules
from timeline.evaluate.tls import score_timeline

EXAMPLES = [(r.name, a, b) for r in rules() for a, b in r.examples]


@pytest.mark.parametrize(("name", "given", "expected"), EXAMPLES)
def test_rule_examples(name: str, given: str, expected: str) -> None:
    assert compress(given, only=[name]) == expected


def test_every_rule_has_examples_and_a_unique_name() -> None:
    names = [r.name for r in rules()]
    assert len(names) == len(set(names)) and all(r.examples for r in rules())


def test_the_event_clause_stays_whole() -> None:
    line = (
        "CAIRO -LRB- Reuters -RRB- - On Monday , security forces on Tuesday killed 12 "
        "protesters in the southern city of Deraa -LRB- 100 km south -RRB- ."
    )
    assert compress(line) == "Security forces killed 12 protesters in the southern city of Deraa ."


def test_a_sentence_that_would_become_a_fragment_stays_as_it_was() -> None:
    line = "Officials said on Monday that it sank ."
    assert MIN_WORDS > 2  # "It sank ." is too short to stand for the sentence
    assert compress(line) == line


def test_plain_event_sentences_pass_unchanged() -> None:
    line = "The rig sinks , and oil begins leaking into the Gulf of Mexico from the well ."
    assert compress(line) == line


def test_compression_raises_a_framed_summary_s_rouge() -> None:
    told = "Syrian forces kill six people in an attack on a mosque in Deraa ."
    gold = {date(2011, 3, 23): [told]}
    framed = (
        "Reuters -RRB- - Syrian forces killed six people on Wednesday in an attack on "
        "protesters in a mosque in Deraa -LRB- see map -RRB- ."
    )
    day = date(2011, 3, 23)
    before = score_timeline({day: [framed]}, gold)
    after = score_timeline({day: [compress(framed)]}, gold)
    assert after.rouge1_p > before.rouge1_p and after.rouge1_r == before.rouge1_r
    assert after.rouge1_f1 > before.rouge1_f1


@pytest.mark.parametrize(
    "stamp",
    [
        "Thurs , Sept. 23 , 2010 10:15 GMT",
        "Tues , Jan. 5 , 2010 ; 3:59 PM",
        "Friday 19 Oct 2005 18.57 BST",
    ],
)
def test_a_filing_stamp_goes_however_its_calendar_words_are_abbreviated(stamp: str) -> None:
    # the calendar words come from Babel ("Sep", "Tue", "Thu"); news writes "Sept.", "Tues"
    line = f"{stamp} BP said the well was capped after 87 days ."
    assert compress(line, only=["stamp"]) == "BP said the well was capped after 87 days ."
