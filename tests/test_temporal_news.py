"""English news and narratives the tagger must hold on unseen text (issue 17).

Every text here is a small synthetic one written for the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.cli import main
from timeline.evaluate.timeml import tag_and_score, tag_and_score_many
from timeline.temporal import tag


def _doc(body: str, dct: str = "2009-03-02") -> str:
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>X</DOCID>\n'
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n<TEXT>\n{body}\n</TEXT>\n'
        "</TimeML>\n"
    )


GOLD = _doc(
    'Shares of Norvale fell <TIMEX3 tid="t1" type="DATE" value="2009-03-01">yesterday'
    "</TIMEX3> after the results."
)
INPUT = _doc("Shares of Norvale fell yesterday after the results.")


def _tags(text: str, dct: str = "2009-03-02", **kw: object) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(text, dct, **kw).timexes]  # type: ignore[arg-type]


# -- evaluate timeml ------------------------------------------------------------------


def test_gold_beside_its_input_is_still_the_gold(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(GOLD, encoding="utf-8")
    (tmp_path / "a.tml.TE3input").write_text(INPUT, encoding="utf-8")
    report = tag_and_score(tmp_path)
    assert (report.documents, report.gold) == (1, 1)
    assert report.value_f1 == 1.0


def test_a_folder_without_gold_expressions_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.tml.TE3input").write_text(INPUT, encoding="utf-8")
    assert main(["evaluate", "timeml", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "no gold time expressions" in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and out == ""


def test_several_gold_folders_a_row_each_and_the_micro_average(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "a.tml").write_text(GOLD, encoding="utf-8")
    (two / "b.tml").write_text(
        _doc('It rained <TIMEX3 tid="t1" type="DATE" value="2009-03">this month</TIMEX3>.'),
        encoding="utf-8",
    )
    rows = tag_and_score_many([one, two])
    assert [name for name, _ in rows] == ["one", "two", "all"]
    assert rows[-1][1].gold == 2 and rows[-1][1].documents == 2
    assert main(["evaluate", "timeml", str(one), str(two)]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()[1:4]] == ["one", "two", "all"]
