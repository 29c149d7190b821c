"""ACE TERN (TIMEX2) files are read and scored as the TERN scorer does: lenient and strict
extent, each with and without the value."""

from __future__ import annotations

from pathlib import Path

from timeline.evaluate.timeml import format_report, score_docs, tag_and_score
from timeline.timeml import parse_timeml

DOC = """<DOC>
<DOCID>toy</DOCID>
<DATETIME> <TIMEX2 val="2011-02-16T17:00:00">2011-02-16T17:00:00</TIMEX2> </DATETIME>
<TEXT>
Der Krieg begann am <TIMEX2 val="1939-09-01">1. September 1939</TIMEX2> und dauerte
<TIMEX2 val="P6Y">sechs Jahre</TIMEX2>; <TIMEX2 val="1941-06-22TMO">am Morgen des 22. Juni
1941</TIMEX2> griff die Wehrmacht an, <TIMEX2 val="XXXX" set="YES">jedes Jahr</TIMEX2>.
</TEXT>
</DOC>
"""


def test_timex2_is_read_with_types_from_values() -> None:
    doc = parse_timeml(DOC, "toy")
    assert doc.scheme == "TIMEX2" and doc.dct == "2011-02-16"
    assert [(t.text, t.value, t.type) for t in doc.timexes] == [
        ("1. September 1939", "1939-09-01", "DATE"),
        ("sechs Jahre", "P6Y", "DURATION"),
        ("am Morgen des 22. Juni\n1941", "1941-06-22TMO", "TIME"),
        ("jedes Jahr", "XXXX", "SET"),
    ]


def test_tern_figures() -> None:
    gold = [
        (0, 10, "a", "DATE", "1939"),
        (20, 30, "b", "DATE", "1940"),
        (40, 50, "c", "DATE", "1941"),
    ]
    system = [
        (0, 10, "a", "DATE", "1939"),
        (22, 30, "b", "DATE", "1940"),
        (40, 50, "c", "DATE", "X"),
    ]
    report = score_docs([("d", gold, system)], "TIMEX2")
    assert (report.relaxed_f1, report.strict_f1) == (1.0, 2 / 3)
    assert round(report.value_f1, 4) == round(2 / 3, 4)  # lenient+value
    assert round(report.strict_value_f1, 4) == round(1 / 3, 4)  # strict+value
    text = format_report(report)
    assert text.startswith("ACE TERN TIMEX2") and "strict+value" in text


def test_a_tern_corpus_folder_is_scored_from_its_inline_key(tmp_path: Path) -> None:
    (tmp_path / "key").mkdir()
    (tmp_path / "key" / "toy.key.apf.xml").write_text("<broken", "utf-8")  # not read
    (tmp_path / "keyinline").mkdir()
    (tmp_path / "keyinline" / "toy.key.xml").write_text(DOC, "utf-8")
    report = tag_and_score(tmp_path, lang="en")
    assert report.scheme == "TIMEX2" and report.documents == 1 and report.gold == 4
