"""What a reader notices in the layout: date labels that break in the right place, a date
said once when entries share it, sources in report order, the email's meta line."""

from __future__ import annotations

import re
from dataclasses import replace

from briefings import sample_briefing, story_briefing
from test_render_helpers import parse_html

from timeline.model import Briefing, Timeline
from timeline.render import render
from timeline.render.context import label_parts, page_context
from timeline.render.dates import get_labeler
from timeline.render.email import email_html


def with_values(*values: str, briefing: Briefing | None = None) -> Briefing:
    """The sample with one entry per TIMEX3 value (same text and source)."""
    b = briefing or sample_briefing()
    first = b.timeline.events[0]
    return replace(b, timeline=Timeline(tuple(replace(first, value=v, mod=None, utc_offset=None)
                                              for v in values)))


def parts(value: str, locale: str = "en") -> tuple[str, ...]:
    b = replace(with_values(value), period=None)
    ev = page_context(b, get_labeler(locale)).events[0]
    assert " ".join(ev.when_parts) == ev.when.label
    return ev.when_parts


def test_a_long_date_breaks_after_the_weekday_not_inside_the_date() -> None:
    assert parts("2009-09-23") == ("Wednesday", "23 September 2009")
    assert parts("2009-04-25TNI") == ("Saturday", "25 April 2009,", "night")
    assert parts("2009-09-23", "fr") == ("mercredi", "23 septembre 2009")
    assert parts("2009-09-23", "en_US") == ("Wednesday,", "September 23, 2009")
    assert parts("2009-09-23", "de") == ("Mittwoch,", "23. September 2009")


def test_a_time_and_a_prefixed_date_stay_whole() -> None:
    assert label_parts("c. 09:15 (06:15 UTC)") == ("c. 09:15 (06:15 UTC)",)
    assert label_parts("Monday 23 May 2016, 09:00 (06:00 UTC)") == (
        "Monday", "23 May 2016,", "09:00 (06:00 UTC)")
    assert label_parts("week of 16 March 2015") == ("week", "of 16 March 2015")
    assert label_parts("late autumn 2009") == ("late", "autumn 2009")
    # a long modifier may break before the date, never inside it
    assert label_parts("on or after Wednesday 22 September 2009")[-2:] == (
        "Wednesday", "22 September 2009")
    assert label_parts("") == ()


def test_html_and_email_keep_each_part_on_one_line() -> None:
    b = with_values("2009-09-23")
    for html in (render(b, "html").decode("utf-8"), email_html(b, get_labeler("en"))):
        root = parse_html(html)
        when = next(t for t in root.iter("time") if t.attrs.get("datetime") == "2009-09-23")
        assert when.text() == "Wednesday 23 September 2009"
        span = when.find("span")
        assert span is not None and span.text() == "23 September 2009"
        assert "nw" in (span.attrs.get("class") or "") or "nowrap" in (
            span.attrs.get("style") or "")


def test_a_repeated_year_shows_once() -> None:
    b = with_values("1967", "1967", "1970", "2016-05-23", "2016-05-23")
    root = parse_html(render(b, "html").decode("utf-8"))
    items = list(root.find("ol").iter("li"))
    visible = [li.find("time").text() for li in items]
    # the repeated "1967" is spoken (hidden text) but not shown, like a repeated day
    assert visible == ["1967", "1967", "1970", "Monday 23 May 2016", "Monday 23 May 2016"]
    second = items[1].find("time").find("span")
    assert second.attrs["class"] == "vh" and second.text() == "1967"
    assert "same-day" in items[1].attrs["class"] and "same-day" not in items[2].attrs["class"]
    md = render(b, "md").decode("utf-8")
    assert md.count("**1967**") == 2  # Markdown lines stand alone: each keeps its date


def test_sources_are_listed_oldest_report_first() -> None:
    story = story_briefing()
    shuffled = replace(story, documents=tuple(reversed(story.documents)))
    root = parse_html(render(shuffled, "html").decode("utf-8"))
    listed = next(ol for ol in root.iter("ol") if "sources" in (ol.attrs.get("class") or ""))
    dates = [li.find("time").attrs["datetime"] for li in listed.iter("li")]
    assert dates == ["2016-05-23", "2016-05-24", "2016-05-26"]
    md = render(shuffled, "md").decode("utf-8")
    numbered = re.findall(r"^(\d)\. .*?(\d+ May 2016)$", md, re.M)
    assert numbered == [("1", "23 May 2016"), ("2", "24 May 2016"), ("3", "26 May 2016")]
    # an entry's [n] points at the right line of that list
    assert "Reuters [2]" in md


def test_email_meta_line_never_opens_a_line_with_its_dot() -> None:
    html = email_html(story_briefing(), get_labeler("en"))
    meta = next(p for p in parse_html(html).iter("p") if "meta" in (p.attrs.get("class") or ""))
    text = meta.text()
    assert text.count("·") == 3
    assert " ·" not in text and text.count("\u00a0· ") == 3


def long_story() -> Briefing:
    """45 entries: three lone years, then 42 days of early 2012 (a dense year)."""
    days = [f"2012-{m:02d}-{d:02d}" for m in (1, 2, 3) for d in range(1, 15)]
    return with_values("1950", "1960", "1961", *days)


def test_a_long_timeline_is_grouped_under_dated_headings() -> None:
    root = parse_html(render(long_story(), "html").decode("utf-8"))
    headings = [(h.attrs["id"], h.text()) for h in root.iter("h3")]
    assert headings == [("d-1950-1961", "1950 – 1961"), ("d-2012-01", "January 2012"),
                        ("d-2012-02", "February 2012"), ("d-2012-03", "March 2012")]
    jump = next(n for n in root.iter("nav") if n.attrs.get("aria-label") == "Timeline by date")
    links = [(a.attrs["href"], a.text()) for a in jump.iter("a")]
    assert links == [("#d-1950-1961", "1950 – 1961"), ("#d-2012-01", "Jan 2012"),
                     ("#d-2012-02", "Feb 2012"), ("#d-2012-03", "Mar 2012")]
    lists = [ol for ol in root.iter("ol") if "timeline" in (ol.attrs.get("class") or "")]
    assert [len(list(ol.iter("li"))) for ol in lists] == [3, 14, 14, 14]
    # every group opens with its whole date, even after an entry of the day before
    assert [ol.find("time").text() for ol in lists[1:]] == [
        "Sunday 1 January 2012", "Wednesday 1 February 2012", "Thursday 1 March 2012"]


def test_a_long_timeline_is_grouped_in_markdown_and_email() -> None:
    md = render(long_story(), "md").decode("utf-8")
    assert re.findall(r"^### (.+)$", md, re.M) == [
        "1950 – 1961", "January 2012", "February 2012", "March 2012"]
    assert md.index("### March 2012") < md.index("**Thursday 1 March 2012**")
    html = email_html(long_story(), get_labeler("en"))
    rows = [td.text() for td in parse_html(html).iter("td")
            if "group" in (td.attrs.get("class") or "")]
    assert rows == ["1950 – 1961", "January 2012", "February 2012", "March 2012"]


def test_a_short_timeline_has_no_group_headings() -> None:
    for b in (sample_briefing(), with_values(*[f"2012-01-{d:02d}" for d in range(1, 29)])):
        html = render(b, "html").decode("utf-8")
        assert "<h3" not in html and "Timeline by date" not in html
        assert "###" not in render(b, "md").decode("utf-8")


def test_group_headings_open_with_a_capital_in_french() -> None:
    root = parse_html(render(long_story(), "html", locale="fr").decode("utf-8"))
    assert [h.text() for h in root.iter("h3")][1:] == ["Janvier 2012", "Février 2012",
                                                         "Mars 2012"]
    jump = next(n for n in root.iter("nav") if n.attrs.get("aria-label") == "Chronologie par date")
    assert [a.text() for a in jump.iter("a")][1:] == ["Janv. 2012", "Févr. 2012", "Mars 2012"]
