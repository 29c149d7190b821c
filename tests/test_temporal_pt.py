"""Portuguese dates read by the Portuguese rules: "23 de maio de 1998", "ontem", "há dois
anos", "no ano passado", "terceiro trimestre", "sexta-feira"."""

from __future__ import annotations

import pytest

from timeline.temporal import tag

DCT = "2016-05-23"  # a Monday

CASES = [
    ("O acordo foi assinado a 23 de maio de 1998 em Lisboa.", "23 de maio de 1998", "1998-05-23"),
    ("A empresa anunciou ontem novos cortes.", "ontem", "2016-05-22"),
    ("A fábrica fechou há dois anos.", "há dois anos", "2014"),
    ("As vendas caíram no ano passado.", "ano passado", "2015"),
    ("A polícia deteve na sexta-feira dois homens.", "sexta-feira", "2016-05-20"),
    ("O plano será apresentado em 15 de abril.", "15 de abril", "2017-04-15"),
    ("Os lucros subiram durante cinco anos.", "cinco anos", "P5Y"),
]


@pytest.mark.parametrize(("text", "extent", "value"), CASES, ids=[c[1] for c in CASES])
def test_portuguese_dates(text: str, extent: str, value: str) -> None:
    found = {t.text: t.value for t in tag(text, DCT, lang="pt").timexes}
    assert found.get(extent) == value, found


def test_an_age_is_no_duration() -> None:
    found = tag("João Silva, 58 anos, disse que sim.", DCT, lang="pt").timexes
    assert not found
