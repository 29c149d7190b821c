"""Every rule and modifier in timeline/temporal/data/<lang> carries examples; each one runs
here, in its language."""

from __future__ import annotations

import pytest

from timeline.temporal import languages, tag
from timeline.temporal.rules import Example, load

_CASES = [
    (lang, r.id, ex)
    for lang in languages(include_pending=True)
    for r in (*load(lang).rules, *load(lang).modifiers)
    for ex in r.examples
]


@pytest.mark.parametrize("lang", languages(include_pending=True))
def test_every_rule_has_examples(lang: str) -> None:
    res = load(lang)
    assert res.rules, "no rules loaded"
    assert all(r.examples for r in res.rules)


@pytest.mark.parametrize(
    ("lang", "rule_id", "example"), _CASES, ids=[f"{c[0]}:{c[1]}:{c[2].extent}" for c in _CASES]
)
def test_rule_example(lang: str, rule_id: str, example: Example) -> None:
    res = load(lang)
    owner = next((r for r in (*res.rules, *res.modifiers) if r.id == rule_id), None)
    domain = example.domain
    if owner is not None and domain not in owner.domains:
        domain = owner.domains[0]
    result = tag(example.text, example.dct, domain=domain, lang=lang)  # type: ignore[arg-type]
    found = {t.text: t for t in result.timexes}
    if example.value == "-":  # a blocking rule: the extent must not be tagged
        assert example.extent not in found, f"{rule_id}: {example.extent!r} was tagged"
        return
    assert example.extent in found, f"{rule_id}: {example.extent!r} not found in {list(found)}"
    tx = found[example.extent]
    assert tx.value == example.value, f"{rule_id}: {example.extent!r} -> {tx.value}"
    assert tx.mod == example.mod, f"{rule_id}: {example.extent!r} mod {tx.mod}"


def _texts() -> list[str]:
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "timeline" / "data" / "samples"
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample.glob("*.txt"))]
    return texts + [ex.text for _, _, ex in _CASES]


def test_trigger_hits_are_what_the_regex_finds() -> None:
    """A trigger found through its leading strings finds exactly what its regex finds."""
    texts = [t.lower() for t in _texts()]
    rules = [r for lang in languages(include_pending=True) for r in load(lang).rules]
    triggers = {r.trigger for r in rules if r.trigger is not None}
    assert any(t.leads for t in triggers)
    for trigger in triggers:
        for low in texts:
            mid = len(low) // 3
            for lo, hi in ((0, len(low)), (mid, 2 * mid)):
                expected = [m.span() for m in trigger.regex.finditer(low, lo, hi)]
                assert trigger.hits(low, lo, hi) == expected, trigger.pattern


def test_first_character_guard_keeps_every_match() -> None:
    """A rule compiled behind a lookahead for its first characters matches as without."""
    import re

    from timeline.temporal.rules import first_class, fold_regex

    assert first_class(r"(?:the )?\d+ days?", re.IGNORECASE) == r"[\d\u0074]"
    assert first_class(r"(?:a)?") is None  # can be empty: no guard
    assert first_class(r"[^a]bc") is None  # a negated class: anything may start it
    texts = _texts()
    for rule in [r for lang in languages(include_pending=True) for r in load(lang).rules]:
        plain = re.compile(rule.pattern, re.IGNORECASE)
        folded_source = fold_regex(rule.pattern)
        for text in texts:
            assert [m.span() for m in rule.regex.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ], rule.id
            if rule.folded is not None and folded_source is not None:
                low = text.lower()
                assert [m.span() for m in rule.folded.finditer(low)] == [
                    m.span() for m in re.finditer(folded_source, low)
                ], rule.id
