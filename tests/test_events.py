from __future__ import annotations

from timeline.events import extract_events, order
from timeline.model import AnalyzedDocument, Document, Sentence, Timex


def _doc(text: str, timexes: list[tuple[str, str, str, str | None]]) -> AnalyzedDocument:
    """A one-paragraph document; sentences split on '. '; timexes as (text, type, value, mod)."""
    doc = Document(id="d", text=text, body_start=0, body_end=len(text), dct="2016-05-23",
                   title="t")
    sentences = []
    pos = 0
    for i, part in enumerate(text.split(". ")):
        sentences.append(Sentence(index=i, start=pos, end=pos + len(part), text=part))
        pos += len(part) + 2
    txs = []
    for n, (span, typ, value, mod) in enumerate(timexes, 1):
        start = text.index(span)
        txs.append(Timex(tid=f"t{n}", start=start, end=start + len(span), text=span,
                         type=typ, value=value, mod=mod))  # type: ignore[arg-type]
    return AnalyzedDocument(document=doc, sentences=tuple(sentences), timexes=tuple(txs))


def test_durations_and_vague_references_make_no_event() -> None:
    adoc = _doc("The cities had been spared until now in the five-year war. Nothing else",
                [("until now", "DATE", "PRESENT_REF", None),
                 ("five-year", "DURATION", "P5Y", None)])
    assert extract_events(adoc) == ()


def test_one_event_per_sentence_at_its_most_precise_time() -> None:
    adoc = _doc("On Monday at 9:00 the blasts began. Talks fizzled in April",
                [("Monday", "DATE", "2016-05-23", None), ("9:00", "TIME", "2016-05-23T09:00", None),
                 ("April", "DATE", "2016-04", None)])
    events = extract_events(adoc)
    assert [e.value for e in events] == ["2016-05-23T09:00", "2016-04"]
    assert events[0].sources[0].start == 0


def test_possessive_time_yields_to_the_time_the_sentence_dates() -> None:
    adoc = _doc("Monday's bombings recalled attacks in 1986 that killed 144",
                [("Monday", "DATE", "2016-05-23", None), ("1986", "DATE", "1986", None)])
    assert [e.value for e in extract_events(adoc)] == ["1986"]


def test_order_by_start_coarser_first_then_position() -> None:
    adoc = _doc(
        "A at 9:00. B on Monday. C in mid-2014. D in May. E in 2016",
        [("9:00", "TIME", "2016-05-23T09:00", None), ("Monday", "DATE", "2016-05-23", None),
         ("mid-2014", "DATE", "2014", "MID"), ("May", "DATE", "2016-05", None),
         ("2016", "DATE", "2016", None)],
    )
    events = order(extract_events(adoc)).events
    assert [e.text[0] for e in events] == ["C", "E", "D", "B", "A"]


def test_approximate_time_orders_at_its_point() -> None:
    adoc = _doc("Blasts at 9:00. About 15 minutes later more blasts",
                [("9:00", "TIME", "2016-05-23T09:00", None),
                 ("About 15 minutes later", "TIME", "2016-05-23T09:15", "APPROX")])
    events = order(extract_events(adoc)).events
    assert [(e.value, e.mod) for e in events] == [("2016-05-23T09:00", None),
                                                   ("2016-05-23T09:15", "APPROX")]


def test_wire_dateline_stays_out_of_the_entry() -> None:
    adoc = _doc("Washington (CNN)This week the Senate voted. Nothing else",
                [("This week", "DATE", "2016-W21", None)])
    (event,) = extract_events(adoc)
    assert event.text == "This week the Senate voted"
    assert event.sources[0].start == len("Washington (CNN)")


def test_years_tie_whatever_their_length() -> None:
    # 2008 is a leap year, a day longer than 1915: the sentence is still dated by the
    # year that frames it, the first
    adoc = _doc("On the 2008 campaign trail, Obama promised to name the 1915 massacre. Nothing",
                [("2008", "DATE", "2008", None), ("1915", "DATE", "1915", None)])
    assert [e.value for e in extract_events(adoc)] == ["2008"]


def test_a_bound_of_a_state_yields_to_the_date_of_the_event() -> None:
    adoc = _doc("Living in Paris since 2010, she moved to Rome in 2015. Nothing",
                [("2010", "DATE", "2010", None), ("2015", "DATE", "2015", None)])
    assert [e.value for e in extract_events(adoc)] == ["2015"]
    # alone, it still dates the sentence
    adoc = _doc("The council has been boycotted since January. Nothing",
                [("January", "DATE", "2016-01", None)])
    assert [e.value for e in extract_events(adoc)] == ["2016-01"]
