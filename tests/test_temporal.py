"""The temporal stage on the bundled sample article, on edge cases and on hostile input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal import TagResult, detect_domain, tag
from timeline.temporal.timex3 import interval, is_valid_value

SAMPLE = Path(__file__).resolve().parents[1] / "timeline" / "data" / "samples"
SAMPLE_FILE = SAMPLE / "afp-syria-coast-bombings.txt"


@pytest.fixture(scope="module")
def sample() -> tuple[str, TagResult]:
    text = SAMPLE_FILE.read_text(encoding="utf-8")
    end = text.index("\nAFP\n")  # the article body; the pipeline passes the same bounds
    return text, tag(text, "2016-05-23", start=0, end=end)


def _find(result: TagResult, text: str, start_at: int = 0):
    return [t for t in result.timexes if t.text == text and t.start >= start_at]


def test_sample_is_news(sample: tuple[str, TagResult]) -> None:
    assert sample[1].domain == "news"


@pytest.mark.parametrize(
    ("extent", "type_", "value", "mod"),
    [
        ("Monday", "DATE", "2016-05-23", None),
        ("now", "DATE", "PRESENT_REF", None),
        ("five-year", "DURATION", "P5Y", None),
        ("9:00 am local time (0600 GMT)", "TIME", "2016-05-23T09:00", None),
        ("Approximately 15 minutes", "DURATION", "PT15M", "APPROX"),
        ("April", "DATE", "2016-04", None),
        ("mid-2014", "DATE", "2014", "MID"),
        ("1986", "DATE", "1986", None),
    ],
)
def test_sample_expressions(
    sample: tuple[str, TagResult], extent: str, type_: str, value: str, mod: str | None
) -> None:
    found = _find(sample[1], extent)
    assert found, f"{extent!r} not tagged"
    assert all((t.type, t.value, t.mod) == (type_, value, mod) for t in found)


def test_sample_every_monday_is_the_dct(sample: tuple[str, TagResult]) -> None:
    text, result = sample
    mondays = [t for t in result.timexes if t.text == "Monday"]
    assert len(mondays) == 4  # "killed Monday", "on Monday launched", "on Monday", "Monday's"
    assert text[mondays[-1].end : mondays[-1].end + 2] == "'s"


def test_sample_clock_time_has_zone(sample: tuple[str, TagResult]) -> None:
    (t,) = _find(sample[1], "9:00 am local time (0600 GMT)")
    assert t.utc_offset == "+03:00"
    start, end = interval(t.value, t.mod, t.utc_offset)  # type: ignore[misc]
    assert start.utcoffset() is not None and start.hour == 9


def test_sample_offset_resolves_to_0915(sample: tuple[str, TagResult]) -> None:
    text, result = sample
    clock = _find(result, "9:00 am local time (0600 GMT)")[0]
    derived = [t for t in result.timexes if t.rule.startswith("derived:")]
    assert [(t.text, t.type, t.value, t.mod, t.anchor) for t in derived] == [
        ("after the Tartus blasts", "TIME", "2016-05-23T09:15", "APPROX", clock.tid)
    ]
    duration = _find(result, "Approximately 15 minutes")[0]
    assert text[duration.end : derived[0].start] == " "


def test_sample_tids_and_order(sample: tuple[str, TagResult]) -> None:
    result = sample[1]
    assert [t.tid for t in result.timexes] == [f"t{i}" for i in range(1, len(result.timexes) + 1)]
    spans = [(t.start, t.end) for t in result.timexes]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_sample_teasers_are_not_tagged(sample: tuple[str, TagResult]) -> None:
    text, result = sample
    end = text.index("\nAFP\n")
    assert all(t.end <= end for t in result.timexes)
    assert not any(t.value.startswith("2024") for t in result.timexes)


def test_whole_sample_tags_2024_teasers_when_asked() -> None:
    text = SAMPLE_FILE.read_text(encoding="utf-8")
    values = {t.value for t in tag(text, "2016-05-23").timexes}
    assert "2024-11-15" in values  # "Nov 15, 2024" in a teaser


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        ("The company said Monday it would cut jobs.", "Monday", "2016-05-23"),
        ("Officials said Friday that talks had failed.", "Friday", "2016-05-20"),
        ("The ministers will meet Thursday in Paris.", "Thursday", "2016-05-26"),
        ("The vote is scheduled for Wednesday.", "Wednesday", "2016-05-25"),
        ("Peace talks fizzled in April.", "April", "2016-04"),
        ("The summit will be held in July.", "July", "2016-07"),
        ("Sales fell last year.", "last year", "2015"),
        ("He arrived yesterday.", "yesterday", "2016-05-22"),
        ("Two years ago, the plant closed.", "Two years ago", "2014"),
        # a possessive names a day that has been; a past perfect turns a plan or a deadline
        ("Its share before Friday's purchases is far below.", "Friday", "2016-05-20"),
        ("The offer had been due to expire Friday.", "Friday", "2016-05-20"),
        ("The offer was scheduled to expire Friday.", "Friday", "2016-05-27"),
        ("Until Thursday, they had not called him a suspect.", "Thursday", "2016-05-19"),
        ("The offer is open until Thursday.", "Thursday", "2016-05-26"),
        ("In August, the company brought in a new chief.", "August", "2015-08"),
        ("She will be named commander of a mission in March.", "March", "2017-03"),
        # "succeed" and "exceed" end in -ed but are no past tense; "agreed" is
        ("Mr. Schwarz will succeed Daniel P. Davison Feb. 1.", "Feb. 1", "2017-02-01"),
        ("In August, the two sides agreed to a truce.", "August", "2015-08"),
        # a clause without a tense carries on the tense before it
        (
            "Doctors said they had received threats. In August, a week after the anniversary.",
            "August",
            "2015-08",
        ),
        # what a span runs "since" has happened, even two months ahead in the calendar
        ("The UN put the death toll since July at 5,000.", "July", "2015-07"),
        ("It was his third speech since protests against him began in July.", "July", "2015-07"),
        ("Cases have doubled since the start of the outbreak in May.", "May", "2016-05"),
        # a possibility opening the clause looks ahead; one after the date does not
        ("Oil could reach the coast Friday, officials warned.", "Friday", "2016-05-27"),
        ("Obama's late March decision could be altered.", "late March", "2016-03"),
        ("Its foreign minister is due in Damascus on Tuesday.", "Tuesday", "2016-05-24"),
        ("The virus is likely to cause an epidemic in the autumn.", "the autumn", "2016-FA"),
        ("Schools are likely to reopen on Wednesday.", "Wednesday", "2016-05-25"),
        ("Officials could not say Friday whether talks had failed.", "Friday", "2016-05-20"),
        (
            "While it might face less liability, its shares slid on Thursday.",
            "Thursday",
            "2016-05-19",
        ),
        # a disaster named by its date has happened
        ("Supply could fall short after a massive March 11 quake.", "March 11", "2016-03-11"),
        # a sentence opening with its date takes no cue from the sentence before
        ("We will make them pay. Tuesday was the deadline for claims.", "Tuesday", "2016-05-17"),
        # "the following summer" counts from the date the story is at, not the DCT
        ("He joined in 2011 and signed for good the following summer.", "the following summer",
         "2012-SU"),
        # a season with no direction is the nearest one; told in the past, one begun
        ("A second wave in the autumn could be more severe.", "the autumn", "2016-FA"),
        ("It was busy during the summer.", "the summer", "2015-SU"),
        # a deadline is ahead unless the clause tells it as past
        ("The army set a Saturday deadline for the talks.", "Saturday", "2016-05-28"),
        ("The army missed the Saturday deadline for the talks.", "Saturday", "2016-05-21"),
        # "due to" a noun phrase is a cause, not a plan
        ("Prices rose due to a wet, cool spring.", "spring", "2016-SP"),
        # a chronology entry has happened
        ("It may take two months. June 16 - BP agrees to set up a fund.", "June 16", "2015-06-16"),
    ],
)
def test_news_direction(sentence: str, extent: str, value: str) -> None:
    found = {t.text: t.value for t in tag(sentence, "2016-05-23", domain="news").timexes}
    assert found.get(extent) == value


@pytest.mark.parametrize(
    ("sentence", "dct", "extent", "value"),
    [
        # the weekday settles the year: 16 April was a Thursday in 2015, not in 2016
        ("It will open a second store on Thursday 16th April.", "2015-06-15", "Thursday 16th April",
         "2015-04-16"),
        ("The vote is on Tuesday, Jan. 5.", "2015-12-20", "Tuesday, Jan. 5", "2016-01-05"),
        ("The deal closed on Friday, Dec. 30.", "2017-01-10", "Friday, Dec. 30", "2016-12-30"),
        # without a weekday, tense and nearness decide as before
        ("It will open a second store on 16 April.", "2015-06-15", "16 April", "2016-04-16"),
    ],
)
def test_weekday_settles_the_year(sentence: str, dct: str, extent: str, value: str) -> None:
    found = {t.text: t.value for t in tag(sentence, dct, domain="news").timexes}
    assert found.get(extent) == value


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        # the day after the clock time is the day it is on, not the DCT
        (
            "The blast occurred at about 10:35 a.m. (0735 GMT) Friday.",
            "10:35 a.m.",
            "2016-05-20T10:35",
        ),
        ("The offer runs until 5 p.m. EST, May 27.", "5 p.m.", "2016-05-27T17:00"),
        ("Fighting resumed at 6 a.m. on Saturday.", "6 a.m.", "2016-05-21T06:00"),
        ("Join the call at 10:30 a.m. ET on May 27, 2016.", "10:30 a.m.", "2016-05-27T10:30"),
        ("At 5:34 AM Baghdad time on May 20, 2016 it began.", "5:34 AM", "2016-05-20T05:34"),
        # a day named before still counts; with none, the DCT
        ("On Thursday, at 9 p.m., the lights went out.", "9 p.m.", "2016-05-19T21:00"),
        ("The blast happened at 9:00 am local time.", "9:00 am", "2016-05-23T09:00"),
        # told in the past after another month, the day is not the DCT and not known
        ("They met at a party in December last year. Later he sent a text at 2am.", "2am",
         "XXXX-XX-XXT02:00"),
        ("Sales fell in 2015. The shop will open at 9 a.m.", "9 a.m.", "2016-05-23T09:00"),
    ],
)
def test_clock_time_takes_its_day(sentence: str, extent: str, value: str) -> None:
    found = [t for t in tag(sentence, "2016-05-23", domain="news").timexes if t.type == "TIME"]
    assert found and extent in found[0].text
    assert found[0].value.startswith(value)


@pytest.mark.parametrize(
    ("sentence", "domain", "extent", "value"),
    [
        # the year written once serves every name joined to it
        ("Sales rose between March and April 2014.", "news", "March", "2014-03"),
        ("Old Baldy (26 June - 4 August 1952) was lost.", "narrative", "26 June", "1952-06-26"),
        ("They fought in August, September and October 1914.", "narrative", "August", "1914-08"),
        ("The decrees (February-March 1794) passed.", "narrative", "February", "1794-02"),
        ("They spent the spring and early summer of 1943 training.", "narrative", "the spring",
         "1943-SP"),
        # a range over the new year starts in the year before
        ("Prices fell from October to March 2014.", "news", "October", "2013-10"),
        ("He served from February until May 2010.", "news", "February", "2010-02"),
        ("The talks ran between Dec. 28 and Jan. 3, 2014.", "news", "Dec. 28", "2013-12-28"),
        ("They left during the winter-spring of 1920.", "narrative", "the winter", "1920-WI"),
        # a bare year is no partner
        ("Sales in March and 2014 as a whole rose.", "news", "March", "2016-03"),
    ],
)
def test_coordinated_names_share_the_year(
    sentence: str, domain: str, extent: str, value: str
) -> None:
    found = {t.text: t.value for t in tag(sentence, "2016-05-23", domain=domain).timexes}
    assert found.get(extent) == value


def test_narrative_anchors_on_last_date() -> None:
    text = (
        "On September 1, 1939, Germany attacked Poland. In April, Denmark fell. "
        "Twelve days later, the army moved. The following year, Italy joined."
    )
    result = tag(text, "2009-12-19", domain="narrative")
    found = {t.text: t.value for t in result.timexes}
    assert found["April"] == "1939-04"
    assert found["The following year"] == "1940"
    assert result.domain == "narrative"


def test_narrative_glance_back_a_year_leaves_the_story_where_it_is() -> None:
    text = (
        "In May 1942, the Axis stopped a Soviet offensive, keeping the gains they achieved "
        "during the previous year. In January, the Germans launched an offensive. "
    )
    found = {t.text: t.value for t in tag(text, "2009-12-19", domain="narrative").timexes}
    assert found["the previous year"] == "1941"
    assert found["January"] == "1942-01"
    # a year named outright still moves it
    found = {
        t.text: t.value
        for t in tag(text + "In 1941, Italy joined. In March, Rome fell.", "2009-12-19",
                     domain="narrative").timexes
    }
    assert found["March"] == "1941-03"
    # a story at a year glances back too
    text = (
        "The invasion began in 2003, just over a year earlier than planned. "
        "On April 9 Baghdad fell."
    )
    found = {t.text: t.value for t in tag(text, "2009-12-19", domain="narrative").timexes}
    assert found["April 9"] == "2003-04-09"


def test_narrative_winter_after_autumn_keeps_the_story_in_its_year() -> None:
    text = (
        "The army crossed the river in early December 1776. Over the winter, it rested. "
        "By the end of the year, it had won two battles."
    )
    found = {t.text: t.value for t in tag(text, "2009-12-19", domain="narrative").timexes}
    assert found["the winter"] == "1777-WI"  # the winter 1776/77, counted with its new year
    assert found["the end of the year"] == "1776"
    bc = tag(
        "The fleet sailed in September 480 BC. Over the winter, the army rested.",
        "2009-12-19",
        domain="narrative",
    ).timexes
    assert {t.text: t.value for t in bc}["the winter"] == "BC0479-WI"
    battle = tag(
        "The battle of Plataea was fought in June 479 BC. On that same day, the fleet won.",
        "2009-12-19",
        domain="narrative",
    ).timexes
    assert {t.text: t.value for t in battle}["that same day"] == "BC0479-06-XX"
    marathon = tag(
        "The Athenians won at Marathon in 490 BC. In the following decade, they built a fleet.",
        "2009-12-19",
        domain="narrative",
    ).timexes
    assert {t.text: t.value for t in marathon}["the following decade"] == "BC048"  # the 480s BC


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        # a plan names a later year without going there
        (
            "On 10 March 1975, the army launched an offensive to prepare a planned campaign "
            "in 1976. The town fell on 11 March.",
            "11 March",
            "1975-03-11",
        ),
        # a flashback in the past perfect
        (
            "In May 1944, troops that had invaded Burma in late 1943 besieged the town. "
            "In June, they took it.",
            "June",
            "1944-06",
        ),
        # a citation in parentheses, and a year decades away
        (
            "On 1 November 1950, the first battles occurred. A history (2003) says that "
            "a report declassified in 2005 was wrong. In late November, the front broke.",
            "late November",
            "1950-11",
        ),
        # a label in parentheses, even while the story is at a year
        (
            "The Constitution of 1793 was suspended. The revolt against the Civil Constitution "
            "of the Clergy (1790) spread. On 17 August, conscription began.",
            "17 August",
            "1793-08-17",
        ),
        # the end of a span, even a month
        (
            "Belgrade fell on October 20, 1944. An assault on Hungary lasted until the fall "
            "of Budapest in February 1945. By the start of November, the front was quiet.",
            "the start of November",
            "1944-11",
        ),
        # a year long before the story, while the story is at a year
        (
            "The Estates-General of 1789 was called. When it had last met, in 1614, each "
            "estate held one vote. The King agreed to the proposition on 27 December.",
            "27 December",
            "1789-12-27",
        ),
        # a year that frames its sentence or heading moves the story
        (
            "Cossacks took Rostov in December 1917.\n\n1918\n\nIn January, troops left.",
            "January",
            "1918-01",
        ),
        (
            "On 20 November 1953, paratroops landed. In 1954, the siege began. "
            "On March 13, it fell.",
            "March 13",
            "1954-03-13",
        ),
        # and so does one in passing, near the story's year
        (
            "The fighting stalled in October 1986, and so 1987 saw little change. "
            "On 20 July, a truce was agreed.",
            "20 July",
            "1987-07-20",
        ),
    ],
)
def test_narrative_year_in_passing(text: str, extent: str, value: str) -> None:
    found = {t.text: t.value for t in tag(text, "2009-12-19", domain="narrative").timexes}
    assert found.get(extent) == value, found


def test_year_ago_quarter_is_not_the_reported_quarter() -> None:
    text = (
        "Net income rose 20% in the third quarter from the 1988 period. "
        "Revenue rose 5% from a year earlier."
    )
    found = {t.text: t.value for t in tag(text, "1989-11-02", domain="news").timexes}
    assert found["the third quarter"] == "1989-Q3"
    assert found["the 1988 period"] == "1988-Q3"
    assert found["a year earlier"] == "1988-Q3"  # not a year before the year-ago quarter


def test_no_dct_leaves_relative_values_underspecified() -> None:
    result = tag("He left on Monday and returns tomorrow, in April 1998.", None)
    values = {t.text: t.value for t in result.timexes}
    assert values["Monday"] == "XXXX-WXX-1"
    assert values["tomorrow"] == "XXXX-XX-XX"
    assert values["April 1998"] == "1998-04"


def test_domain_detection() -> None:
    history = " ".join(f"In {y} the war went on." for y in range(1939, 1946)) * 2
    assert detect_domain(history, "2009-12-19") == "narrative"
    news = "The company said Monday that profit rose in 2015 and will rise in 2016."
    assert detect_domain(news, "2016-05-23") == "news"
    assert detect_domain(news, None) == "narrative"
    short_history = "The war began on 1 September 1939. In the spring of 1940, troops landed."
    assert detect_domain(short_history, "2009-12-19") == "narrative"


def test_wire_report_is_news_however_many_old_years() -> None:
    """An obituary with a wire dateline names a life's years, but its 'Friday' is the
    Friday before the DCT, not one after the last year named."""
    text = (
        "LOS ANGELES (Reuters) - Betty Ford, who founded a clinic, died on Friday at 93. "
        "Her husband was president from 1974 to 1977. She had surgery in 1974. Her problems "
        "began in 1964. The center opened in 1982. She was born in 1918 and married in 1948. "
        "They planned to retire in 1973; he lost in 1976."
    )
    result = tag(text, "2011-07-09")
    assert result.domain == "news"
    assert next(t.value for t in result.timexes if t.text == "Friday") == "2011-07-08"


def test_comment_page_stamped_with_its_own_year_is_news() -> None:
    """Reader comments stamped 'January 28, 2011 10:43 am' fill a page with the DCT's
    year and few deictic words; it is still news: 'Friday morning' is the DCT's Friday."""
    stamps = " ".join(f"January 28, 2011 10:{m} am | A comment." for m in range(10, 19))
    text = "The president got a memo with the latest information on Friday morning. " + stamps
    result = tag(text, "2011-01-28")
    assert result.domain == "news"
    assert next(t.value for t in result.timexes if t.text == "Friday morning") == "2011-01-28"


@pytest.mark.parametrize(
    ("text", "deictic"),
    [
        ("The track was opened in 1912, 16 years after construction began in 1896. "
         "Today more than 800,000 people visit the attraction every year.", "Today"),
        ("Ueda patented the selfie stick in 1983; the patent ran out in 2003. "
         "Last month the National Gallery in London banned them.", "Last month"),
        ("Sister Gertrud met him in 1952; the mission has served the community since 1923. "
         "The attack at the weekend is the first to be reported.", "the weekend"),
    ],
)
def test_old_years_with_deictic_time_are_news(text: str, deictic: str) -> None:
    """A 2015 story about a 1912 railway or a 1923 mission is still news: its 'Today',
    'Last month' or 'the weekend' count from the DCT, not from the story's last year."""
    result = tag(text, "2015-04-15")
    assert result.domain == "news"
    value = next(t.value for t in result.timexes if t.text == deictic)
    assert value[:4] == "2015"


def test_start_end_bounds_and_bad_dct() -> None:
    text = "Monday. Tuesday. Wednesday."
    result = tag(text, "not a date", start=8, end=16)
    assert [t.text for t in result.timexes] == ["Tuesday"]
    assert result.timexes[0].value == "XXXX-WXX-2"


def test_tag_result_is_frozen() -> None:
    result = tag("today", "2016-05-23")
    with pytest.raises(AttributeError):
        result.domain = "narrative"  # type: ignore[misc]


_ADVERSARIAL = [
    "9" * 100_000,
    "May " * 20_000,
    "January February March " * 5_000,
    "March, " * 20_000 + "April 1918",
    "June and " * 20_000 + "July 2015",
    ("the last " * 3000) + "week",
    "12:30 " * 10_000,
    "a" * 200_000,
    "1999-" * 10_000,
    ("two " * 5000) + "years",
    "\n".join(["Monday, Jan. 5, 1998"] * 5000),
]


@pytest.mark.parametrize("text", _ADVERSARIAL, ids=[t[:12] for t in _ADVERSARIAL])
def test_adversarial_input_is_handled(text: str) -> None:
    result = tag(text, "2016-05-23")
    for t in result.timexes:
        assert 0 <= t.start < t.end <= len(text)
        assert is_valid_value(t.value)


def test_five_megabyte_document() -> None:
    para = SAMPLE_FILE.read_text(encoding="utf-8")
    text = (para * (5_000_000 // len(para) + 1))[:5_000_000]
    result = tag(text, "2016-05-23")
    assert len(result.timexes) > 1000


_WORDS = st.sampled_from(
    [
        "Monday",
        "May",
        "the",
        "last",
        "year",
        "years",
        "ago",
        "1998",
        "2016",
        "mid-",
        "early",
        "12",
        "9:00",
        "am",
        "GMT",
        "(0600 GMT)",
        "two",
        "five-year",
        "quarter",
        "third",
        "next",
        "week",
        "today",
        "now",
        ",",
        ".",
        "-",
        "'s",
        "BC",
        "in",
        "about",
        "15",
        "minutes",
        "after",
        "the",
        "blasts",
        "Jan.",
        "Aug. 7",
        "fiscal",
        "1990s",
        "daily",
        "every",
        "\n",
        "century",
        "20th",
        "half",
        "winter",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_WORDS, max_size=40).map(" ".join) | st.text(max_size=200),
    st.sampled_from([None, "2016-05-23", "1998-01-08"]),
    st.sampled_from(["auto", "news", "narrative"]),
)
def test_property_spans_values(text: str, dct: str | None, domain: str) -> None:
    result = tag(text, dct, domain=domain)  # type: ignore[arg-type]
    prev_end = 0
    for i, t in enumerate(result.timexes, 1):
        assert t.tid == f"t{i}"
        assert 0 <= t.start < t.end <= len(text)
        assert t.start >= prev_end, "overlapping timexes"
        prev_end = t.end
        assert t.text == text[t.start : t.end]
        assert is_valid_value(t.value), t.value
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert re.fullmatch(r"[A-Z_]+", t.mod or "X")


def test_offsets_survive_characters_that_change_length_when_lower_cased() -> None:
    text = "İİİ İstanbul on Monday, May 5, 1998 and ﬃ at 12:30 GMT İ next week"
    result = tag(text, "1998-05-08")
    found = {t.text: t.value for t in result.timexes}
    assert found["Monday, May 5, 1998"] == "1998-05-05"
    assert found["next week"] == "1998-W20"
    assert all(text[t.start : t.end] == t.text for t in result.timexes)


def test_narrative_rates_are_sets_news_rates_are_not() -> None:
    text = "In 1918 casualties ran at 10,000 per day and 500,000 tons per month."
    narrative = {t.text: t.value for t in tag(text, "2009-12-19", domain="narrative").timexes}
    news = {t.text for t in tag(text, "2009-12-19", domain="news").timexes}
    assert narrative.get("per day") == "P1D" and narrative.get("per month") == "P1M"
    assert "per day" not in news


def test_live_page_entry_times_are_times_of_its_day() -> None:
    page = (
        "Live coverage following Tuesday's earthquake in Haiti.\n"
        "2358 UN Ban Ki-moon has given an update on the number of UN casualties.\n"
        "2349\nThe BBC's Laura Trevelyan in New York spoke to Haitians living in Brooklyn.\n"
        "1959 The earthquake has brought devastation to the capital.\n"
        "1413 The US 82nd Airborne Division will have troops there by Thursday.\n"
        "0915 Aid agencies say they need more planes.\n"
    )
    result = tag(page, "2010-01-13")
    assert result.domain == "news"
    found = {t.text: (t.type, t.value) for t in result.timexes}
    assert found["2358"] == ("TIME", "2010-01-13T23:58")
    assert found["1959"] == ("TIME", "2010-01-13T19:59")
    assert found["0915"] == ("TIME", "2010-01-13T09:15")
    assert found["Thursday"] == ("DATE", "2010-01-14")


def test_year_headings_are_no_live_page() -> None:
    history = "".join(
        f"{y}\nThe war went on and the army fought in the east that year.\n"
        for y in (1939, 1940, 1941, 1942, 1943)
    )
    found = {t.text: (t.type, t.value) for t in tag(history, "2009-05-01").timexes}
    assert found["1941"] == ("DATE", "1941")


# -- speed devices must not change what is found ------------------------------------------


def _example_texts() -> list[str]:
    from timeline.temporal.rules import load

    res = load("en")
    return [ex.text for r in (*res.rules, *res.modifiers) for ex in r.examples]


def test_every_rule_regex_compiles() -> None:
    """Rule regexes compile on first use; a malformed one must still fail here, in CI."""
    from timeline.temporal.rules import load

    res = load("en")
    for rule in res.rules:
        assert rule.regex.flags & re.IGNORECASE, rule.id
        if rule.trigger is not None:
            assert rule.trigger.regex.pattern == rule.trigger.pattern


def test_trigger_prefilter_never_skips_a_hit() -> None:
    """A trigger whose literal words are absent from a text is not scanned: that is only
    right if it would have found nothing there."""
    from timeline.temporal.rules import load

    triggers = {r.trigger for r in load("en").rules if r.trigger is not None}
    assert any(t.needs for t in triggers)
    extra = ["the 1990s", "Dec. 5", "in mid-1998", "at 9 a.m. EST", "the year-end report"]
    for text in _example_texts() + extra:
        low = text.lower()
        for t in triggers:
            if t.absent(low):
                assert t.regex.search(low) is None, (t.pattern, text)


def test_rule_prefilter_never_skips_a_match() -> None:
    """Nor is a rule run on a text without any of its literal words (ignoring case)."""
    from timeline.temporal.rules import load

    rules = load("en").rules
    assert sum(bool(r.needs) for r in rules) > len(rules) // 2
    for text in _example_texts():
        low = text.lower()
        for rule in rules:
            if rule.needs and not any(n in low for n in rule.needs):
                assert rule.regex.search(text) is None, (rule.id, text)


def test_folded_rules_find_what_case_insensitive_rules_find() -> None:
    """Rules run case-sensitively on the lower-cased text (faster); the spans, values and
    groups read from the original text must be those of the case-insensitive regexes."""
    from timeline.temporal import _templates
    from timeline.temporal.extract import _groups, find
    from timeline.temporal.rules import load

    res = load("en")
    templates = _templates(res)
    extra = [
        "ON MONDAY, FIVE MINUTES LATER, THE 1990S ENDED AT 9 A.M. EST",
        "Café owners in Zürich said on Tuesday, “the past two weeks” were hard.",
    ]
    folded = [r for r in res.rules if r.folded is not None]
    assert len(folded) > len(res.rules) // 2
    for text in _example_texts() + extra:
        low = text.lower()
        for rule in folded:
            fast = [(m.span(), _groups(m, text)) for m in rule.folded.finditer(low)]
            plain = [(m.span(), m.groupdict()) for m in rule.regex.finditer(text)]
            assert fast == plain, (rule.id, text)
        for domain in ("news", "narrative"):
            fast = find(res, templates, text, 0, len(text), domain, fold=True)
            plain = find(res, templates, text, 0, len(text), domain, fold=False)
            assert fast == plain, text


def test_foldable_text() -> None:
    from timeline.temporal.extract import foldable

    assert foldable("plain ASCII on Monday")
    assert foldable("Café in Zürich — “quoted” £5, 10°C")
    # re matches 's' to the long s and 'i' to the dotless i ignoring case; lower() keeps them
    assert not foldable("two dayſ ago")
    assert not foldable("in Dıyarbakır")
    assert not foldable("İstanbul")  # lower-cases to two characters
    assert not foldable("ΟΔΟΣ")  # lower() depends on the next letter (final sigma)


def test_letter_first_keeps_the_matches() -> None:
    """Triggers open with a letter instead of a word boundary (faster in re), same hits."""
    from timeline.temporal.rules import _letter_first

    pattern = r"\byear\b|\band [0-9]|[\b]x|\by?z|\\band"
    fast = _letter_first(pattern)
    assert fast.startswith(r"y(?<=\by)ear\b|a(?<=\ba)nd")
    assert r"[\b]x|\by?z|\\band" in fast  # classes, quantified letters and escaped \ kept
    text = "year-end, a yearly and 5 midyear, sand 4, band and 7, \\band zz yz \b x"
    assert [m.span() for m in re.finditer(fast, text)] == [
        m.span() for m in re.finditer(pattern, text)
    ]


def test_news_unit_offset_is_a_duration_with_a_derived_day() -> None:
    text = "The plant closed on March 3, 2015. Three days later, workers protested."
    timeml = tag(text, "2015-06-15", domain="news", derived=False).timexes
    assert [(t.text, t.type, t.value) for t in timeml] == [
        ("March 3, 2015", "DATE", "2015-03-03"),
        ("Three days", "DURATION", "P3D"),
    ]
    briefing = tag(text, "2015-06-15", domain="news").timexes
    later = [t for t in briefing if t.rule.startswith("derived:")]
    assert [(t.text, t.type, t.value, t.anchor) for t in later] == [
        ("later", "DATE", "2015-03-06", briefing[0].tid)
    ]
    # a narrative keeps the dated expression (WikiWars annotates "Twelve days later")
    story = "On June 10, 1940 Italy joined. Twelve days later, France fell."
    found = {t.text: t.value for t in tag(story, "2009-12-19", domain="narrative").timexes}
    assert found["Twelve days later"] == "1940-06-22"


@pytest.mark.parametrize(
    ("text", "dct", "end", "value"),
    [
        ("A curfew from 4 p.m. Saturday to 8 a.m. Sunday was imposed.", "2011-01-29",
         "8 a.m. Sunday", "2011-01-30T08:00"),
        ("Protesters fought Wednesday night into early Thursday morning.", "2011-02-02",
         "early Thursday morning", "2011-02-03"),
        # a span from a date to a weekday is not counted from its start
        ("It bought shares from Sept. 14 to Thursday.", "2011-01-28", "Thursday", "2011-01-27"),
    ],
)
def test_weekday_ending_a_span_follows_its_start(text: str, dct: str, end: str, value: str) -> None:
    """The weekday that ends a span of weekdays is the first one after the span's start,
    not the last one before the DCT that a past-tense clause would pick."""
    found = {t.text: t.value for t in tag(text, dct).timexes}
    assert found[end] == value


def test_that_day_points_back_to_a_date_named_after_since() -> None:
    """'since August 14, 2005' does not move a news story, but 'that day' still names it."""
    text = (
        "Amanda Jones has not been seen since August 14, 2005, when she was 26. "
        "She has not been seen since that day."
    )
    found = {t.text: t.value for t in tag(text, "2011-01-27").timexes}
    assert found["that day"] == "2005-08-14"


def test_a_date_naming_an_event_is_not_the_day_a_clock_time_is_on() -> None:
    """'as a result of the April 20 explosion' names a past event; the clock time and
    'the next day' that follow belong to the speech announced for Tuesday night."""
    text = (
        "Obama will address the nation Tuesday night. He will set up an escrow account as a "
        "result of the April 20 explosion. The 8 p.m. ET speech will take place from the "
        "White House. The next day, the president will meet BP."
    )
    found = {t.text: t.value for t in tag(text, "2010-06-13").timexes}
    assert found["8 p.m. ET"] == "2010-06-15T20:00"
    assert found["The next day"] == "2010-06-16"


def test_the_next_day_told_in_the_past_is_no_future_cue() -> None:
    """'The next day, Jan. 28, he disappeared' (written Feb. 7): 'next day' counts from the
    story, so Jan. 28 is the one just past, and the day in apposition names 'the next day'."""
    text = (
        "Mr. Ghonim wrote on his profile after two days of swelling protests in Cairo. "
        "The next day, Jan. 28, he disappeared."
    )
    found = {t.text: t.value for t in tag(text, "2011-02-07").timexes}
    assert found["Jan. 28"] == "2011-01-28"
    assert found["The next day"] == "2011-01-28"


def test_no_offset_from_a_clock_time_the_story_has_left() -> None:
    """'about 45 minutes later in the hearing' follows 'the hearing this morning', not the
    6:29 p.m. named before it: no point is derived from the earlier clock time."""
    text = (
        "At 6:29 p.m. the news came. During the hearing this morning, Panetta said it. "
        "But about 45 minutes later in the hearing he walked it back."
    )
    derived = [t for t in tag(text, "2011-02-10").timexes if t.rule.startswith("derived:")]
    assert derived == []


def test_offset_from_midnight_counts_into_the_next_day() -> None:
    """'midnight' is T24:00 (the end of its day); a point 15 minutes after it is the next
    day's 00:15, and tagging does not fail on it."""
    text = "The curfew began at midnight on Sunday. Shots rang out 15 minutes after the curfew."
    derived = [t for t in tag(text, "2011-08-22").timexes if t.rule.startswith("derived:")]
    assert [(t.text, t.value) for t in derived] == [("after the curfew", "2011-08-22T00:15")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a live page's entry stamp is when it was written, not the day named just before,
        # and its second clock is the same instant elsewhere (Cairo 01:50 is 18:50 ET the
        # evening before)
        (
            "Trading will resume Wednesday, February 16, state TV reported Saturday.\n"
            "(Update 1:50 a.m. Cairo, 6:50 p.m. ET) Protesters gathered.",
            {"1:50 a.m.": "2011-02-11T01:50", "6:50 p.m. ET": "2011-02-10T18:50"},
        ),
        (
            "Officials met on February 16.\n(Update 7:42 p.m. in Cairo, 12:42 ET) He spoke.",
            {"7:42 p.m.": "2011-02-11T19:42", "12:42 ET": "2011-02-11T12:42"},
        ),
        # the other way round the dial: New York's 9 p.m. is London's 2 a.m. the next day
        (
            "Markets react (Update 9 p.m. in New York, 2 a.m. in London) as stocks fell.",
            {"9 p.m.": "2011-02-11T21:00", "2 a.m.": "2011-02-12T02:00"},
        ),
    ],
)
def test_live_update_stamps_are_the_dct_on_two_clocks(text: str, expected: dict[str, str]) -> None:
    found = {t.text: t.value for t in tag(text, "2011-02-11", domain="news").timexes}
    assert {k: found.get(k) for k in expected} == expected


def test_dates_in_figures_follow_the_order_the_text_writes_them_in() -> None:
    """'2/1/11' is 1 February near a DCT of 2011-02-07 unless the text writes its dates day
    first elsewhere ('26/01/11'): then it is 2 January."""
    us = {t.text: t.value for t in tag("The memo of 2/1/11 was leaked.", "2011-02-07").timexes}
    assert us["2/1/11"] == "2011-02-01"
    text = "Posted 26/01/11 by the editor. The memo of 2/1/11 was leaked."
    found = {t.text: t.value for t in tag(text, "2011-02-07").timexes}
    assert found == {"26/01/11": "2011-01-26", "2/1/11": "2011-01-02"}


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        # a weekday placed in another month or year is a day of it, not of the DCT's week
        ("He was killed on a Saturday night in January 1999 in London.", "Saturday night",
         "1999-01-XX"),
        ("The vote is Tuesday evening in 2012.", "Tuesday evening", "2012-XX-XXTEV"),
        # in the DCT's own month it is still the day the tense picks
        ("He died on Friday in February.", "Friday", "2011-02-04"),
    ],
)
def test_weekday_in_a_named_month(sentence: str, extent: str, value: str) -> None:
    found = {t.text: t.value for t in tag(sentence, "2011-02-07", domain="news").timexes}
    assert found.get(extent) == value


@pytest.mark.parametrize(
    ("sentence", "dct", "extent", "value"),
    [
        # a plan told in the past: not most of a year ahead when the date was weeks ago
        ("He summoned his top advisers to meet with him in Chicago on Sept. 14.", "2008-11-05",
         "Sept. 14", "2008-09-14"),
        ("Obama will take office on Jan. 20.", "2008-11-05", "Jan. 20", "2009-01-20"),
        # a past tense with a prefix is still past
        ("Drawn up by forces who overthrew Gaddafi in September, the plan will lead to a vote.",
         "2011-10-20", "September", "2011-09"),
    ],
)
def test_far_future_reading_of_a_recent_date(
    sentence: str, dct: str, extent: str, value: str
) -> None:
    found = {t.text: t.value for t in tag(sentence, dct, domain="news").timexes}
    assert found.get(extent) == value


@pytest.mark.parametrize(
    ("sentence", "dct", "extent", "value"),
    [
        # a modal with an adverb still looks ahead
        ("In any case, the first doses would only be available in September, she added.",
         "2009-06-11", "September", "2009-09"),
        # "to be a pivotal moment" is no plan: the date ten days ago is that one
        ("We believe that the 11 February ousting of Mubarak is proving to be a pivotal moment.",
         "2011-02-21", "the 11 February", "2011-02-11"),
        # what was going on by a day has happened
        ("On Friday, an assistant spotted tar balls. By Monday, tar balls were washing up "
         "near the bridge.", "2010-07-06", "Monday", "2010-07-05"),
        ("The company expects to finish the work by Monday.", "2010-07-06", "Monday",
         "2010-07-12"),
        # "was found to be suffering" reports a state: Friday is yesterday
        ("A traveller was found to be suffering from the virus after arriving at the airport "
         "late on Friday, the ministry said.", "2009-05-16", "Friday", "2009-05-15"),
        ("The vote is to be held on Friday.", "2009-05-16", "Friday", "2009-05-22"),
    ],
)
def test_tense_cues_around_a_date(sentence: str, dct: str, extent: str, value: str) -> None:
    found = {t.text: t.value for t in tag(sentence, dct, domain="news").timexes}
    assert found.get(extent) == value
