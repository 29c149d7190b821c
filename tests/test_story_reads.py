"""Story briefings that read right: entries dated by their own sentence, periods forwards."""

from __future__ import annotations

from timeline.ingest.text import read_text
from timeline.pipeline import BriefOptions, brief
from timeline.render import render

FIRE = (
    "Fire at Okel market\n\nTraders in Velmora counted their losses among the burnt stalls "
    "of the Okel market. At least 30 people were killed on Tuesday when a fire swept "
    "through the Okel market in Velmora, police said. The market had been due for repairs "
    "for years, traders in Velmora said."
)
FIRE_B = (
    "Velmora mourns\n\nMourners gathered at the Okel market in Velmora as traders counted "
    "the dead. The fire at the Okel market in Velmora on Tuesday killed 45 people, the "
    "state emergency agency said. Traders at the Okel market in Velmora said the stalls "
    "had no extinguishers."
)
FIRE_C = (
    "Velmora market rebuild\n\nThe Okel market in Velmora will be rebuilt, the governor "
    "said on Friday. Traders at the Okel market in Velmora said the fire on Tuesday had "
    "ruined them."
)


def _docs():
    return [
        read_text(FIRE, date="2021-06-09", doc_id="a"),
        read_text(FIRE_B, date="2021-06-09", doc_id="b"),
        read_text(FIRE_C, date="2021-06-12", doc_id="c"),
    ]


def test_the_dated_lead_is_the_entry_not_an_undated_paraphrase():
    briefing = brief(_docs(), BriefOptions(method="lead"))
    tuesday = [e for e in briefing.timeline.events if e.value == "2021-06-08"]
    assert tuesday, [e.value for e in briefing.timeline.events]
    for e in tuesday:
        # every entry under Tuesday says "Tuesday" itself
        assert "Tuesday" in e.text, e.text
    texts = " ".join(e.text for e in briefing.timeline.events)
    assert "counted their losses" not in texts
    assert "due for repairs" not in texts


def test_the_two_tolls_stand_side_by_side_on_the_tuesday_entry():
    briefing = brief(_docs(), BriefOptions(method="lead"))
    md = render(briefing, "md").decode()
    line = next(x for x in md.splitlines() if "at least 30 killed" in x)
    assert "(police)" in line and "45 (state emergency agency)" in line


def test_the_period_reads_forwards_with_since():
    briefing = brief(_docs(), BriefOptions(method="lead", since="2021-06-10"))
    assert briefing.period is not None
    start, end = briefing.period
    assert start[:10] <= end[:10]
    assert all(e.value[:10] >= "2021-06-10" for e in briefing.timeline.events
               if len(e.value) >= 10)


def test_the_period_names_the_first_start_and_the_last_end():
    briefing = brief(_docs(), BriefOptions(method="lead"))
    events = briefing.timeline.events
    assert briefing.period == (events[0].value, max(events, key=lambda e: e.end).value)
    assert briefing.period[0] <= briefing.period[1]


def test_furniture_headlines_and_fragments_are_never_entries():
    furniture = (
        "Velmora live\n\nThe fire at the Okel market in Velmora on Tuesday killed dozens of "
        "traders, officials said.\n\n— — Okel market fire in Velmora on Tuesday\n\n"
        "Okel market traders in Velmora mourn dead of Tuesday fire\n\n"
        "Traders at the Okel market in Velmora said on Tuesday that the fire spread "
        "through the"
    )
    docs = [*_docs(), read_text(furniture, date="2021-06-09", doc_id="d")]
    briefing = brief(docs, BriefOptions(method="lead", per_date=4))
    for e in briefing.timeline.events:
        assert not e.text.startswith(("—", "–", "-")), e.text
        assert e.text.rstrip().endswith((".", "!", "?", '"', "\u201d", ")")), e.text


def test_a_story_is_never_titled_by_a_dateline():
    from dataclasses import replace

    docs = [replace(d, title="VELMORA, Nig.") for d in _docs()[:2]] + [_docs()[2]]
    briefing = brief(docs, BriefOptions(method="lead"))
    assert briefing.title == "Velmora market rebuild"
