"""Every rule and modifier in timeline/temporal/data carries examples; each one runs here."""

from __future__ import annotations

import pytest

from timeline.temporal import tag
from timeline.temporal.rules import Example, load

_RES = load("en")
_CASES = [(r.id, ex) for r in _RES.rules for ex in r.examples] + [
    (m.id, ex) for m in _RES.modifiers for ex in m.examples
]


def test_every_rule_has_examples() -> None:
    assert _RES.rules, "no rules loaded"
    assert all(r.examples for r in _RES.rules)


@pytest.mark.parametrize(
    ("rule_id", "example"), _CASES, ids=[f"{c[0]}:{c[1].extent}" for c in _CASES]
)
def test_rule_example(rule_id: str, example: Example) -> None:
    owner = next((r for r in (*_RES.rules, *_RES.modifiers) if r.id == rule_id), None)
    domain = example.domain
    if owner is not None and domain not in owner.domains:
        domain = owner.domains[0]
    result = tag(example.text, example.dct, domain=domain)  # type: ignore[arg-type]
    found = {t.text: t for t in result.timexes}
    if example.value == "-":  # a blocking rule: the extent must not be tagged
        assert example.extent not in found, f"{rule_id}: {example.extent!r} was tagged"
        return
    assert example.extent in found, f"{rule_id}: {example.extent!r} not found in {list(found)}"
    tx = found[example.extent]
    assert tx.value == example.value, f"{rule_id}: {example.extent!r} -> {tx.value}"
    assert tx.mod == example.mod, f"{rule_id}: {example.extent!r} mod {tx.mod}"
