"""Exports (issue 6): TimelineJS JSON, iCalendar and CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from briefings import SAMPLE_URL, sample_briefing, xss_briefing

from timeline.render import render

# The fields TimelineJS reads (https://timeline.knightlab.com/docs/json-format.html)
TLJS_DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond",
                  "display_date"}
TLJS_EVENT_KEYS = {"start_date", "end_date", "text", "media", "group", "display_date",
                   "background", "autolink", "unique_id"}


def _check_tljs_date(d: dict) -> None:
    assert set(d) <= TLJS_DATE_KEYS, d
    assert "year" in d and str(d["year"]).lstrip("-").isdigit()
    for key in ("month", "day", "hour", "minute"):
        if key in d:
            assert str(d[key]).isdigit()
    # precision: a finer part never without the coarser ones
    order = ["year", "month", "day", "hour", "minute"]
    present = [k in d for k in order]
    assert present == sorted(present, reverse=True), d


def test_timelinejs_validates_and_keeps_precision() -> None:
    data = json.loads(render(sample_briefing(), "timelinejs"))
    assert set(data) <= {"title", "events", "eras", "scale"}
    assert set(data["title"]["text"]) == {"headline", "text"}
    events = data["events"]
    assert len(events) == 8
    for e in events:
        assert set(e) <= TLJS_EVENT_KEYS, e
        _check_tljs_date(e["start_date"])
        if "end_date" in e:
            _check_tljs_date(e["end_date"])
        assert set(e["text"]) == {"headline", "text"}
        assert e["unique_id"]
    assert len({e["unique_id"] for e in events}) == 8
    starts = [{k: v for k, v in e["start_date"].items() if k != "display_date"} for e in events]
    assert starts[0] == {"year": "1986"}
    assert starts[1] == {"year": "2014"}
    assert starts[2] == {"year": "2016", "month": "4"}
    assert starts[3] == {"year": "2016", "month": "5", "day": "23"}
    assert starts[6] == {"year": "2016", "month": "5", "day": "23", "hour": "9", "minute": "0"}
    displays = [e["display_date"] for e in events]
    assert displays[1] == "mid-2014" and displays[7].startswith("Monday 23 May 2016, c. 09:15")
    assert SAMPLE_URL.replace("&", "&amp;") in events[0]["text"]["text"]


def test_merged_entries_list_every_source_in_timelinejs_and_ics() -> None:
    from briefings import story_briefing
    from icalendar import Calendar

    events = json.loads(render(story_briefing(), "timelinejs"))["events"]
    merged = events[0]["text"]["text"]
    for needle in ('href="https://www.afp.example/syria-coast"', ", 23 May 2016; ",
                   'href="https://www.reuters.example/world/syria-mourns"', ", 24 May 2016; ",
                   "Desk notes: what the envoy", ", 26 May 2016"):
        assert needle in merged, needle
    assert "; " not in events[1]["text"]["text"].split("</p><p>")[1]  # one source: one cite
    cal = Calendar.from_ical(render(story_briefing(), "ics"))
    first = next(iter(cal.walk("VEVENT")))
    description = str(first["description"])
    assert description.count("\n\n") == 3  # the text, then each source with its date
    assert "Syria mourns coast bombing victims as toll rises, 24 May 2016" in description


def test_timelinejs_escapes_html() -> None:
    data = json.loads(render(xss_briefing(), "timelinejs"))
    blob = json.dumps(data)
    assert "<script" not in blob and "<img" not in blob and "<svg" not in blob
    assert "javascript:" not in "".join(
        e["text"]["text"].split("&lt;")[0] for e in data["events"])
    assert "&lt;script&gt;" in blob


def test_ics_parses_back_with_one_event_per_entry() -> None:
    from icalendar import Calendar

    cal = Calendar.from_ical(render(sample_briefing(), "ics"))
    events = list(cal.walk("VEVENT"))
    assert len(events) == 8
    starts = [e.decoded("dtstart") for e in events]
    ends = [e.decoded("dtend") for e in events]
    assert starts[0] == date(1986, 1, 1) and ends[0] == date(1987, 1, 1)
    assert starts[2] == date(2016, 4, 1) and ends[2] == date(2016, 5, 1)
    assert starts[3] == date(2016, 5, 23) and ends[3] == date(2016, 5, 24)
    for s in starts[:6]:  # day precision or coarser: all-day
        assert type(s) is date
    assert starts[6] == datetime(2016, 5, 23, 6, 0, tzinfo=UTC)
    assert starts[7] == datetime(2016, 5, 23, 6, 15, tzinfo=UTC)
    assert "c. 09:15" in str(events[7]["summary"])
    assert len({str(e["uid"]) for e in events}) == 8
    assert str(events[0]["url"]) == SAMPLE_URL
    # no clock reading: rendering twice gives the same bytes
    assert render(sample_briefing(), "ics") == render(sample_briefing(), "ics")


def test_ics_untrusted_text_cannot_add_properties() -> None:
    from icalendar import Calendar

    cal = Calendar.from_ical(render(xss_briefing(), "ics"))
    events = list(cal.walk("VEVENT"))
    assert len(events) == 5
    # the javascript: URL of the first document is never written
    assert all(str(e.get("url", "")).startswith("https://") for e in events if e.get("url"))
    assert sum(1 for e in events if e.get("url")) == 1


def test_csv_one_row_per_entry() -> None:
    text = render(sample_briefing(), "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 8
    assert [r["value"] for r in rows][:3] == ["1986", "2014", "2016-04"]
    assert rows[1]["mod"] == "MID" and rows[1]["date"] == "mid-2014"
    assert rows[6]["utc_offset"] == "+03:00"
    assert rows[0]["source_url"] == SAMPLE_URL and rows[0]["reported"] == "2016-05-23"


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_neutralizes_formulas(cell: str) -> None:
    from dataclasses import replace

    b = sample_briefing()
    first = replace(b.timeline.events[0], text=cell)
    b = replace(b, timeline=replace(b.timeline, events=(first,)))
    rows = list(csv.DictReader(io.StringIO(render(b, "csv").decode("utf-8-sig"))))
    assert rows[0]["text"] == "'" + cell


def test_timelinejs_rows_by_outlet_only_when_they_help() -> None:
    """TimelineJS draws one row per "group": none for one article or for articles without
    an outlet (not a row per article title), one per outlet for a story of a few outlets."""
    from dataclasses import replace

    from briefings import story_briefing

    def groups(b: object) -> list[str | None]:
        return [e.get("group") for e in json.loads(render(b, "timelinejs"))["events"]]

    assert set(groups(sample_briefing())) == {None}
    story = story_briefing()  # the desk notes have no outlet
    assert set(groups(story)) == {None}
    named = replace(story, documents=tuple(
        d if d.outlet else replace(d, outlet="Desk") for d in story.documents))
    assert groups(named) == ["AFP", "AFP", "Reuters", "Desk"]
    many = replace(named, documents=tuple(replace(d, outlet=f"Outlet {i}")
                                          for i, d in enumerate(named.documents)))
    assert len(set(groups(many))) == 3
