"""TimeML in and out, and the TempEval-3 scorer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from timeline.errors import TimelineError
from timeline.evaluate.timeml import format_report, pair, score_dirs, score_docs
from timeline.timeml import (
    output_name,
    parse_timeml,
    read_timeml,
    render_timeml,
    tag_timeml,
    tag_timeml_paths,
)

DOC = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>TEST1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>\n<TEXT>\n'
    'Stocks <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> in Hong Kong &amp; '
    'Tokyo, a <TIMEX3 tid="t2" type="DURATION" value="P5Y">five year</TIMEX3> low.\n'
    "Analysts expect a rebound next week.\n</TEXT>\n</TimeML>\n"
)


def _strip_text_tags(raw: str) -> str:
    i = raw.index("<TEXT>") + len("<TEXT>")
    j = raw.index("</TEXT>")
    return raw[:i] + re.sub(r"<[^>]+>", "", raw[i:j]) + raw[j:]


def test_parse_keeps_dct_text_and_gold_offsets() -> None:
    doc = parse_timeml(DOC)
    assert doc.dct == "1998-01-08"
    assert "Hong Kong & Tokyo" in doc.text  # entities decoded
    assert "<EVENT" not in doc.text
    assert [(t.text, t.value) for t in doc.timexes] == [
        ("yesterday", "1998-01-07"),
        ("five year", "P5Y"),
    ]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text


def test_render_preserves_every_other_byte() -> None:
    raw = _strip_text_tags(DOC)
    doc = parse_timeml(raw)
    out = render_timeml(doc, tag_timeml(doc))
    head = raw[: raw.index("<TEXT>")]
    assert out.startswith(head)
    assert re.sub(r"</?TIMEX3[^>]*>", "", out[len(head) :]) == raw[len(head) :]
    assert re.search(r'<TIMEX3 tid="t1" type="DATE" value="1998-01-07"[^>]*>yesterday<', out)
    assert '<TIMEX3 tid="t2" type="DURATION" value="P5Y">five year</TIMEX3>' in out
    assert "&amp;" in out


def test_render_replaces_inner_tags_of_a_gold_file() -> None:
    doc = parse_timeml(DOC)
    out = render_timeml(doc, tag_timeml(doc))
    head = DOC[: DOC.index("<TEXT>")]
    assert out.startswith(head)  # the DCT block is untouched
    assert "<EVENT" not in out
    assert re.sub(r"</?TIMEX3[^>]*>", "", out[len(head) :]) == re.sub(
        r"</?(?:EVENT|TIMEX3)[^>]*>", "", DOC[len(head) :]
    )
    reparsed = parse_timeml(out)
    assert reparsed.text == doc.text


def test_tag_paths_names_and_folders(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.tml.TE3input").write_text(_strip_text_tags(DOC), encoding="utf-8")
    (src / "b.tml").write_text(DOC, encoding="utf-8")
    written = tag_timeml_paths([src], tmp_path / "out")
    assert sorted(p.name for p in written) == ["a.tml", "b.tml"]
    assert output_name(Path("x/ABC.tml.TE3input")) == "ABC.tml"
    report = score_dirs(src, tmp_path / "out")
    assert report.documents == 2


def test_bad_inputs_raise_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(TimelineError, match="no such file"):
        tag_timeml_paths([tmp_path / "missing.tml"], tmp_path / "out")
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML>no text element</TimeML>", encoding="utf-8")
    with pytest.raises(TimelineError, match="not a TimeML file"):
        read_timeml(bad)
    binary = tmp_path / "bin.tml"
    binary.write_bytes(b"\xff\xfe\x00<TEXT>")
    with pytest.raises(TimelineError, match="UTF-8"):
        read_timeml(binary)
    with pytest.raises(TimelineError, match="domain"):
        tag_timeml_paths([bad], tmp_path / "out", domain="sports")


# -- scorer ---------------------------------------------------------------------------


def _span(s: int, e: int, type_: str = "DATE", value: str = "1998") -> tuple:
    return (s, e, "x" * (e - s), type_, value)


def test_scorer_gold_against_itself(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "d.tml").write_text(DOC, encoding="utf-8")
    report = score_dirs(gold, gold)
    assert report.relaxed_f1 == report.strict_f1 == report.value_f1 == report.type_f1 == 1.0
    assert report.gold == 2  # the DCT is not counted


def test_scorer_partial_overlap_is_relaxed_not_strict() -> None:
    r = score_docs([("d", [_span(0, 10)], [_span(4, 10)])])
    assert (r.relaxed_p, r.relaxed_r, r.relaxed_f1) == (1.0, 1.0, 1.0)
    assert r.strict_f1 == 0.0
    assert r.value_f1 == 1.0


def test_scorer_wrong_value_and_type() -> None:
    r = score_docs(
        [
            (
                "d",
                [_span(0, 5), _span(10, 15)],
                [_span(0, 5, value="1999"), _span(10, 15, type_="DURATION")],
            )
        ]
    )
    assert r.relaxed_f1 == 1.0
    assert r.value_accuracy == 0.5 and r.value_f1 == 0.5
    assert r.type_accuracy == 0.5 and r.type_f1 == 0.5
    kinds = [e.kind for e in r.errors]
    assert kinds == ["value"]


def test_scorer_missed_and_spurious() -> None:
    r = score_docs([("d", [_span(0, 5), _span(10, 15)], [_span(0, 5), _span(20, 25)])])
    assert r.relaxed_p == 0.5 and r.relaxed_r == 0.5 and r.relaxed_f1 == 0.5
    assert r.value_f1 == 0.5  # accuracy 1.0 over the one pair times F1
    assert sorted(e.kind for e in r.errors) == ["missed", "spurious"]


def test_scorer_pairs_one_to_one() -> None:
    # one long system span overlapping two gold spans pairs with only one of them
    gold = [_span(0, 5), _span(6, 10)]
    system = [_span(0, 10)]
    assert len(pair(gold, system)) == 1
    r = score_docs([("d", gold, system)])
    assert r.relaxed_p == 1.0 and r.relaxed_r == 0.5


def test_scorer_prefers_exact_pairs() -> None:
    gold = [_span(0, 5)]
    system = [_span(0, 3), _span(0, 5)]
    assert pair(gold, system) == [(0, 1)]


def test_report_formats() -> None:
    r = score_docs([("d", [_span(0, 5)], [_span(0, 5, value="1999")])])
    text = format_report(r)
    assert "relaxed" in text and "1998 (DATE) -> 1999 (DATE)" in text
    data = json.loads(format_report(r, as_json=True))
    assert data["value_f1"] == 0.0 and data["relaxed_f1"] == 1.0


def test_report_lists_missed_and_spurious() -> None:
    gold = [_span(0, 5), _span(20, 25)]
    system = [_span(0, 5), _span(40, 45, value="2001")]
    text = format_report(score_docs([("d", gold, system)]))
    missed = text.split("missed (1")[1].split("spurious")[0]
    spurious = text.split("spurious (1")[1]
    assert "1998 (DATE)" in missed and "2001 (DATE)" in spurious
    assert "2001" not in format_report(score_docs([("d", gold, system)]), max_errors=0)
