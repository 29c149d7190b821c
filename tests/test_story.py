"""Story timelines across articles: date choice, sentence choice, merged sources, options."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from timeline.errors import OptionError, TimelineError
from timeline.model import AnalyzedDocument, Document, Sentence, Timex
from timeline.render.dates import get_labeler
from timeline.story import DATE_FEATURES, candidate_day_features, is_statement, story_timeline


def adoc(doc_id: str, dct: str, sentences: list[tuple[str, dict[str, str]]]) -> AnalyzedDocument:
    """An analyzed article; each sentence comes with {phrase: TIMEX3 day value}."""
    text = "\n".join(s for s, _ in sentences)
    sents, timexes = [], []
    pos = 0
    for i, (s, dates) in enumerate(sentences):
        sents.append(Sentence(index=i, start=pos, end=pos + len(s), text=s, doc_id=doc_id))
        for phrase, value in dates.items():
            at = pos + s.index(phrase)
            timexes.append(
                Timex(
                    tid=f"t{len(timexes) + 1}",
                    start=at,
                    end=at + len(phrase),
                    text=phrase,
                    type="DATE",
                    value=value,
                )
            )
        pos += len(s) + 1
    doc = Document(
        id=doc_id,
        text=text,
        body_start=0,
        body_end=len(text),
        dct=dct,
        title=f"Title of {doc_id}",
        url=f"https://example.org/{doc_id}",
    )
    return AnalyzedDocument(doc, tuple(sents), tuple(timexes))


SPILL = "The Deepwater Horizon rig exploded on April 20 in the Gulf of Mexico, killing 11 workers."


def story() -> list[AnalyzedDocument]:
    """An oil-spill story over five articles from three outlets."""
    return [
        adoc(
            "wire-0421",
            "2010-04-21",
            [
                (
                    "An oil rig exploded on Tuesday night in the Gulf of Mexico, "
                    "and eleven workers are missing.",
                    {"Tuesday": "2010-04-20"},
                ),
                ("Coast Guard boats searched the oil rig area through the night for the crew.", {}),
            ],
        ),
        adoc(
            "paper-0430",
            "2010-04-30",
            [
                (SPILL, {"April 20": "2010-04-20"}),
                (
                    "On Thursday the oil slick reached the Louisiana coast near the Mississippi "
                    "delta.",
                    {"Thursday": "2010-04-29"},
                ),
                (
                    "BP will hold a shareholder meeting about the oil spill on June 30.",
                    {"June 30": "2010-06-30"},
                ),
            ],
        ),
        adoc(
            "tv-0501",
            "2010-05-01",
            [
                (
                    "The Deepwater Horizon rig exploded on April 20 in the Gulf of Mexico, "
                    "killing eleven workers.",
                    {"April 20": "2010-04-20"},
                ),
                (
                    "The oil slick reached the Louisiana coast on Thursday, officials said "
                    "about the spill.",
                    {"Thursday": "2010-04-29"},
                ),
            ],
        ),
        adoc(
            "wire-0515",
            "2010-05-15",
            [
                (
                    "Since the rig exploded on April 20, oil has leaked into the Gulf at a "
                    "rate of thousands of barrels a day.",
                    {"April 20": "2010-04-20"},
                ),
                (
                    "Engineers lowered a containment dome over the oil leak on May 7, but "
                    "it failed.",
                    {"May 7": "2010-05-07"},
                ),
            ],
        ),
        adoc(
            "paper-0601",
            "2010-06-01",
            [
                (
                    "BP's top kill attempt to plug the oil well failed on Saturday, the "
                    "company said.",
                    {"Saturday": "2010-05-29"},
                ),
                (
                    "The oil spill began when the rig exploded on April 20 and has fouled "
                    "beaches in three states.",
                    {"April 20": "2010-04-20"},
                ),
                (
                    "A recipe for a summer barbecue with grilled peppers and corn on the cob "
                    "is on page 12.",
                    {},
                ),
            ],
        ),
    ]


def test_the_most_referenced_day_comes_first_and_merges_outlets():
    tl = story_timeline(story(), max_dates=1)
    (event,) = tl.events
    assert event.value == "2010-04-20"
    assert get_labeler().display(event.value, event.mod, event.utc_offset).full == (
        "Tuesday 20 April 2010"  # what a reader sees
    )
    assert (event.start, event.end) == (datetime(2010, 4, 20), datetime(2010, 4, 21))
    ids = [c.doc_id for c in event.sources]
    # The same statement from several outlets is one entry that cites each of them.
    assert len(ids) == len(set(ids)) >= 2
    assert {"paper-0430", "tv-0501"} <= set(ids)
    for c in event.sources:
        assert c.url == f"https://example.org/{c.doc_id}" and c.published and c.title


def test_dates_in_order_with_text_from_the_source_sentence():
    adocs = story()
    tl = story_timeline(adocs, max_dates=3)
    values = [e.value for e in tl.events]
    assert values == sorted(values)
    assert values[0] == "2010-04-20" and "2010-04-29" in values
    texts = {d.document.id: d.document.text for d in adocs}
    for e in tl.events:
        c = e.sources[0]
        assert texts[c.doc_id][c.start : c.end] == e.text


def test_a_day_only_announced_in_advance_ranks_below_days_reported_after():
    values = [e.value for e in story_timeline(story(), max_dates=4).events]
    assert "2010-06-30" not in values


def test_date_features_count_who_names_a_day_and_when():
    # What tests/bench/fit_tls.py fits a date ranker on: per candidate day, how many
    # articles name it after it, in advance, in their opening sentences.
    feats = {
        d: dict(zip(DATE_FEATURES, x, strict=True)) for d, x in candidate_day_features(story())
    }
    spill, meeting = feats[date(2010, 4, 20)], feats[date(2010, 6, 30)]
    n = {k: round(math.expm1(v)) for k, v in spill.items() if k not in ("topical", "support")}
    assert (n["docs_after"], n["docs_same"], n["docs_before"]) == (5, 0, 0)
    assert n["lead_docs"] == 5 and n["pub_days"] == 5
    assert round(math.expm1(meeting["docs_before"])) == 1 and meeting["docs_after"] == 0
    assert spill["support"] > meeting["support"]
    # Only days within the period are candidates.
    assert {d for d, _ in candidate_day_features(story(), since="2010-05-01")} == {
        date(2010, 5, 7),
        date(2010, 5, 29),
        date(2010, 6, 30),
    }


def test_per_date_gives_several_distinct_statements():
    tl = story_timeline(story(), max_dates=1, per_date=2)
    assert [e.value for e in tl.events] == ["2010-04-20", "2010-04-20"]
    first, second = (e.text for e in tl.events)
    assert first != second


def test_since_until_and_keywords_filter_the_timeline():
    tl = story_timeline(story(), since="2010-04-25", until="2010-05-31", max_dates=10)
    assert tl.events and all("2010-04-25" <= e.value <= "2010-05-31" for e in tl.events)
    tl = story_timeline(story(), keywords=["containment dome"], max_dates=10)
    assert [e.value for e in tl.events] == ["2010-05-07"]
    assert story_timeline(story(), keywords=["volcano"]).events == ()


def test_default_number_of_dates_keeps_days_that_several_articles_name():
    values = [e.value for e in story_timeline(story()).events]
    assert values[:2] == ["2010-04-20", "2010-04-29"]
    assert len(values) <= 30


def test_unrelated_sentences_never_enter_the_story():
    for e in story_timeline(story(), max_dates=10, per_date=3).events:
        assert "barbecue" not in e.text


def test_publication_day_leads_stand_for_undated_days():
    # Two articles of one day whose leads name no date: the day is their publication day.
    lead = "Hosni Mubarak resigned as Egypt's president after 18 days of protests in Cairo."
    docs = [
        adoc("a", "2011-02-11", [(lead, {})]),
        adoc("b", "2011-02-11", [(lead.replace("18 days", "eighteen days"), {})]),
        adoc(
            "c",
            "2011-02-12",
            [
                (
                    "Crowds celebrated in Cairo a day after Hosni Mubarak resigned as president.",
                    {"a day after": "2011-02-11"},
                )
            ],
        ),
    ]
    tl = story_timeline(docs, max_dates=1)
    assert tl.events[0].value == "2011-02-11"
    assert len(tl.events[0].sources) >= 2


@pytest.mark.parametrize(
    ("kwargs", "option", "message"),
    [
        ({"since": "May 2010"}, "since", "^'May 2010': expected YYYY-MM-DD"),
        ({"until": "2010-13-01"}, "until", "^'2010-13-01': expected YYYY-MM-DD"),
        ({"since": "2010-06-01", "until": "2010-05-01"}, "since",
         "^2010-06-01 is after the end date 2010-05-01$"),
        ({"per_date": 0}, "per_date", "^must be at least 1$"),
        ({"max_dates": 0}, "max_dates", "^must be at least 1$"),
        ({"granularity": "hour"}, "granularity", "^'hour': expected 'day' or 'mixed'$"),
    ],
)
def test_bad_options_are_one_line_errors_naming_the_parameter(kwargs, option, message):
    # The library names the parameter and the problem; the CLI puts the flag in front.
    with pytest.raises(OptionError, match=message) as err:
        story_timeline(story(), **kwargs)
    assert err.value.option == option
    assert "--" not in str(err.value)


def test_no_dated_articles_gives_an_empty_timeline():
    assert story_timeline([]).events == ()


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("BP said on Monday that the leak had slowed to a trickle.", True),
        ("At 12:32 pm on 09 Jun 2010, dancer54 wrote: I agree with BP.", False),
        ("January 31, 2011 at 2:28 pm | Power to the people.", False),
        ("CARL AZUZ, CNN STUDENT NEWS ANCHOR: Welcome to the show today.", False),
        ("Related stories:", False),
    ],
)
def test_page_furniture_is_not_a_statement(text, ok):
    s = Sentence(index=0, start=0, end=len(text), text=text)
    assert is_statement(s, ()) is ok


def test_the_same_fact_phrased_differently_is_one_entry_citing_both_outlets():
    monday = {"Monday": "2016-05-23"}
    arts = [
        adoc(
            "wire",
            "2016-05-23",
            [
                (
                    "Twin suicide bombings killed at least 41 army recruits in the southern Yemeni "
                    "city of Aden on Monday, security officials said.",
                    monday,
                )
            ],
        ),
        adoc(
            "paper",
            "2016-05-24",
            [
                (
                    "In Yemen, the jihadists also claimed twin bombings in Aden on Monday that "
                    "killed at least 41 army recruits queuing at a base.",
                    monday,
                )
            ],
        ),
        adoc(
            "tv",
            "2016-05-24",
            [
                (
                    "Police closed the port of Aden on Monday and searched cars for explosives "
                    "after the bombings.",
                    monday,
                )
            ],
        ),
    ]
    events = story_timeline(arts, per_date=3, granularity="mixed").events
    assert [e.value for e in events] == ["2016-05-23", "2016-05-23"]
    cited = [sorted(c.doc_id for c in e.sources) for e in events]
    assert ["paper", "wire"] in cited and ["tv"] in cited


def _background_story() -> list[AnalyzedDocument]:
    def tx(phrase: str, value: str, type_: str = "DATE", mod: str | None = None):
        return phrase, value, type_, mod

    rows = [
        (
            "a",
            "2016-05-23",
            [
                (
                    "Bombs killed 148 people in Jableh and Tartus on Monday, the monitor said.",
                    [tx("Monday", "2016-05-23")],
                ),
                (
                    "The Tartus bombings began at 9:00 am with three blasts at a bus station.",
                    [tx("9:00 am", "2016-05-23T09:00", "TIME")],
                ),
                (
                    "IS seized large parts of Syria in mid-2014, and bombings in Tartus followed.",
                    [tx("mid-2014", "2014", mod="MID")],
                ),
            ],
        ),
        (
            "b",
            "2016-05-24",
            [
                (
                    "Mourners in Tartus and Jableh buried people killed in the bombings on Monday.",
                    [tx("Monday", "2016-05-23")],
                ),
                (
                    "Bombings in Tartus in 1986 killed 144 people, officials in Syria recalled.",
                    [tx("1986", "1986")],
                ),
            ],
        ),
    ]
    out = []
    for doc_id, dct, sents in rows:
        base = adoc(doc_id, dct, [(s, {}) for s, _ in sents])
        timexes = []
        for sent, (_, txs) in zip(base.sentences, sents, strict=True):
            for phrase, value, type_, mod in txs:
                at = sent.start + sent.text.index(phrase)
                timexes.append(
                    Timex(
                        tid=f"t{len(timexes) + 1}",
                        start=at,
                        end=at + len(phrase),
                        text=phrase,
                        type=type_,
                        value=value,
                        mod=mod,
                    )
                )
        out.append(AnalyzedDocument(base.document, base.sentences, tuple(timexes)))
    return out


def test_briefing_detail_keeps_background_periods_and_clock_times_in_order():
    mixed = story_timeline(_background_story(), granularity="mixed").events
    assert [(e.value, e.mod) for e in mixed] == [
        ("1986", None),
        ("2014", "MID"),
        ("2016-05-23", None),
        ("2016-05-23T09:00", None),
    ]
    shown = [get_labeler().display(e.value, e.mod, e.utc_offset).full for e in mixed[:2]]
    assert shown == ["1986", "mid-2014"]
    assert all(e.sources for e in mixed)
    # The evaluated protocol stays at day level.
    assert [e.value for e in story_timeline(_background_story()).events] == ["2016-05-23"]
    with pytest.raises(TimelineError):
        story_timeline(_background_story(), granularity="hour")  # type: ignore[arg-type]


def test_a_page_time_stamp_is_not_a_clock_time_event():
    stamp = "Tuesday, May 24, 2016; 6:43 PM"
    extra = adoc(
        "c",
        "2016-05-24",
        [(f"{stamp} Mourners in Tartus said the bombings on Monday had shaken the city.", {})],
    )
    tx = Timex(tid="t1", start=0, end=len(stamp), text=stamp, type="TIME", value="2016-05-24T18:43")
    arts = [*_background_story(), AnalyzedDocument(extra.document, extra.sentences, (tx,))]
    values = [e.value for e in story_timeline(arts, granularity="mixed").events]
    assert "2016-05-23T09:00" in values and not any("T18:43" in v for v in values)


@pytest.mark.parametrize(
    ("value", "day", "clock"),
    [
        ("2016-05-23", date(2016, 5, 23), False),
        ("2016-05-23T09:00", date(2016, 5, 23), True),
        ("2016-05-23T09:00+03:00", date(2016, 5, 23), True),
        ("2016-05-23TNI", date(2016, 5, 23), False),
        ("T09:00", None, True),
        ("2016-05", None, False),
        ("XXXX-05-23", None, False),
        ("2016-W21-1", None, False),
        ("2016-02-30", None, False),  # looks like a day, but the calendar has none
        ("PRESENT_REF", None, False),
    ],
)
def test_days_and_clock_times_are_read_through_timex3(value, day, clock):
    from timeline.story import _day, _has_clock

    assert _day(value) == day
    assert _has_clock(value) is clock
