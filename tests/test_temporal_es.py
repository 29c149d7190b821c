"""Spanish dates read by the Spanish rules (no free gold corpus: examples as tests):
"el lunes pasado", "hace dos días", "el 1 de junio", "a mediados de 2014"."""

from __future__ import annotations

import pytest

from timeline.temporal import tag

DCT = "2016-05-23"  # a Monday

CASES = [
    ("Se fue el lunes pasado a Bruselas.", "el lunes pasado", "2016-05-16"),
    ("El paciente llegó hace dos días al hospital.", "hace dos días", "2016-05-21"),
    ("La ley entrará en vigor el 1 de junio.", "el 1 de junio", "2016-06-01"),
    ("El acuerdo se firmó el 23 de mayo de 1998 en Madrid.", "el 23 de mayo de 1998", "1998-05-23"),
    ("La empresa anunció ayer nuevos recortes.", "ayer", "2016-05-22"),
    ("Las ventas cayeron el año pasado.", "el año pasado", "2015"),
    ("El Gobierno aprobó el martes una ley.", "el martes", "2016-05-17"),
    ("El consejo se reunirá el jueves.", "el jueves", "2016-05-26"),
    ("El grupo tomó la ciudad a mediados de 2014.", "a mediados de 2014", "2014"),
    ("Vivió en Lima durante cinco años.", "cinco años", "P5Y"),
]


@pytest.mark.parametrize(("text", "extent", "value"), CASES, ids=[c[1] for c in CASES])
def test_spanish_dates(text: str, extent: str, value: str) -> None:
    found = {t.text: t.value for t in tag(text, DCT, lang="es").timexes}
    assert found.get(extent) == value, found
