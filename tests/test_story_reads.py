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


# Lake Orvan: the one sentence with "spillways" that names a day is Sunday's in the later
# article; the first article's lead says nothing of when, so with the keyword its day is
# the publication day or the day before, inferred.
DAM = (
    "Dam works at Lake Orvan\n\nEngineers at the Orvan dam opened two spillways to lower "
    "the water of Lake Orvan after heavy rain. Villagers below the Orvan dam were moved "
    "to higher ground by the regional council."
)
DAM_B = (
    "Orvan dam holds\n\nThe Orvan dam held on Sunday as the water of Lake Orvan rose, "
    "the regional council said. Engineers at the Orvan dam said the spillways would stay open."
)


def _dam_briefing():
    docs = [read_text(DAM, date="2021-03-15", doc_id="a"),
            read_text(DAM_B, date="2021-03-19", doc_id="b")]
    return brief(docs, BriefOptions(method="lead", keywords=("spillways",)))


def test_an_undated_lead_shown_under_a_day_is_marked_inferred():
    import json
    from email import message_from_bytes, policy

    briefing = _dam_briefing()
    lead = next(e for e in briefing.timeline.events if "opened two spillways" in e.text)
    assert lead.value == "2021-03-14" and lead.inferred
    md = render(briefing, "md").decode()
    line = next(x for x in md.splitlines() if x.startswith("- ") and "two spillways" in x)
    assert line.startswith("- **Sunday 14 March 2021** (date inferred) — "), line
    html = render(briefing, "html").decode()
    assert '</time> <span class="inferred">(date inferred)</span>' in html
    events = json.loads(render(briefing, "json"))["events"]
    assert [e["inferred"] for e in events if "spillways" in e["text"]] == [True]
    eml = message_from_bytes(render(briefing, "eml"), policy=policy.default)
    body = eml.get_body(("html",)).get_content()
    assert "(date inferred)" in body
    assert "(date déduite)" in render(briefing, "md", locale="fr").decode()
    assert "(Datum erschlossen)" in render(briefing, "html", locale="de").decode()


def test_an_entry_dated_by_its_own_sentence_is_not_marked():
    import json

    briefing = brief(_docs(), BriefOptions(method="lead"))
    assert briefing.timeline.events
    for e in briefing.timeline.events:
        assert not e.inferred, e.text
        assert e.timex.text and e.timex.text in e.text  # its date is in its sentence
    assert "inferred" not in render(briefing, "md").decode()
    assert "inferred" not in render(briefing, "html").decode()
    events = json.loads(render(briefing, "json"))["events"]
    assert events and all(e["inferred"] is False for e in events)


def test_a_single_article_briefing_only_has_entries_its_sentences_date():
    import json

    briefing = brief([read_text(DAM_B, date="2021-03-19", doc_id="b")], BriefOptions(method="lead"))
    assert briefing.timeline.events
    for e in briefing.timeline.events:
        assert not e.inferred and e.timex.text in e.text, e.text
    assert all(e["inferred"] is False for e in json.loads(render(briefing, "json"))["events"])


def test_exports_say_which_entry_has_an_inferred_date():
    """CSV has a date_inferred column, the calendar event's description and the TimelineJS
    slide say '(date inferred)'; entries dated by their own sentence say nothing of it."""
    import csv
    import io
    import json

    from icalendar import Calendar

    def exports(briefing, locale="en"):
        text = render(briefing, "csv").decode("utf-8-sig")
        rows = {r["text"]: r["date_inferred"] for r in csv.DictReader(io.StringIO(text))}
        cal = Calendar.from_ical(render(briefing, "ics"))
        ics = [str(v["description"]) for v in cal.walk("VEVENT")]
        slides = json.loads(render(briefing, "timelinejs", locale=locale))["events"]
        return rows, ics, [s["text"]["text"] for s in slides]

    rows, ics, slides = exports(_dam_briefing())
    assert [m for t, m in rows.items() if "opened two spillways" in t] == ["yes"]
    lead = next(d for d in ics if d.startswith("Engineers at the Orvan dam opened"))
    assert lead.split("\n\n")[1] == "(date inferred)"
    slide = next(s for s in slides if "opened two spillways" in s)
    assert "<em>(date inferred)</em>" in slide
    assert any("(date déduite)" in s for s in exports(_dam_briefing(), "fr")[2])

    rows, ics, slides = exports(brief(_docs(), BriefOptions(method="lead")))
    assert rows and set(rows.values()) == {"no"}
    assert ics and not any("inferred" in d for d in ics)
    assert slides and not any("inferred" in s for s in slides)
