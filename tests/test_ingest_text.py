from __future__ import annotations

import pytest

from timeline.errors import OptionError, TimelineError
from timeline.ingest import load_sample
from timeline.ingest.text import decode, find_body, parse_date_line, read_text, validate_date


def test_sample_body_stops_before_agency_line_and_teasers() -> None:
    doc = load_sample()
    assert doc.body.startswith("More than 148 people were killed Monday")
    assert doc.body.endswith("regime of Saddam Hussein in neighbouring Iraq.")
    assert "AFP photo" not in doc.body
    assert "COP29" not in doc.body
    assert doc.dct == "2016-05-23"
    assert doc.dct_source == "dateline"


def test_sample_title_is_the_lead_clause() -> None:
    doc = load_sample()
    assert doc.title.startswith("More than 148 people were killed Monday")
    assert len(doc.title) <= 121


def test_date_option_overrides_dateline() -> None:
    doc = load_sample(date="2016-05-24")
    assert doc.dct == "2016-05-24"
    assert doc.dct_source == "option"


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Mon May 23 2016", "2016-05-23"),
        ("May 23, 2016", "2016-05-23"),
        ("Monday, May 23, 2016 10:31 AM", "2016-05-23"),
        ("23 May 2016", "2016-05-23"),
        ("Published: 23 May 2016", "2016-05-23"),
        ("2016-05-23", "2016-05-23"),
        ("Posted on Sept. 4, 2019", "2019-09-04"),
        ("The war began on May 23, 2016 and", None),
        ("May 32, 2016", None),
        # a dateline line with its place in capitals
        ("LONDON, June 15, 2015", "2015-06-15"),
        ("BEIRUT, Lebanon, May 23, 2016", "2016-05-23"),
        ("WASHINGTON, Monday, May 23, 2016", "2016-05-23"),
        ("Officials said, June 15, 2015", None),
    ],
)
def test_parse_date_line(line: str, value: str | None) -> None:
    assert parse_date_line(line) == value


def test_dateline_line_with_place_gives_the_publication_date() -> None:
    doc = read_text(
        "LONDON, June 15, 2015\n\nThe plant closed on March 3, 2015. Three days later, "
        "workers protested outside the gates.\n"
    )
    assert doc.dct == "2015-06-15"
    assert doc.body.startswith("The plant closed")


def test_inline_dateline_gives_the_date_and_stays_out_of_the_title() -> None:
    doc = read_text(
        "LONDON, June 15, 2015 (Reuters) - Workers at the Dagenham plant walked out on "
        "Monday over pay. The union said talks would resume.\n"
    )
    assert doc.dct == "2015-06-15"
    assert doc.title.startswith("Workers at the Dagenham plant walked out")
    # without a year the dateline gives no date
    assert read_text("LONDON, June 15 (Reuters) - Workers walked out.\n").dct is None


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        ("(CNN)Recently, a New York judge issued an opinion on service by Facebook.",
         "Recently, a New York judge issued an opinion on service by Facebook"),
        ("Washington (CNN) -- The Senate passed the bill on Tuesday after a long debate.",
         "The Senate passed the bill on Tuesday after a long debate"),
        ("BEIRUT (Reuters) - Rebels seized the airport on Monday, officials said.",
         "Rebels seized the airport on Monday"),
        # a page's time stamp glued before the lead
        ("Saturday 25 April 2009 23.24 BST Swine flu has symptoms like the seasonal flu.",
         "Swine flu has symptoms like the seasonal flu"),
        # a date that is the subject stays
        ("23 May 2016 is a date the town will remember for a long time.",
         "23 May 2016 is a date the town will remember for a long time"),
    ],
)
def test_dateline_and_stamp_stay_out_of_the_title(lead: str, title: str) -> None:
    assert read_text(lead + " Talks resumed later.\n", date="2015-03-20").title == title


def test_leading_dateline_and_headline() -> None:
    text = (
        "Storm hits coast\n"
        "Published: 3 March 2021\n"
        "A storm hit the coast on Tuesday, cutting power to thousands of homes.\n"
        "Officials said repairs would take days.\n"
    )
    doc = read_text(text)
    assert doc.title == "Storm hits coast"
    assert doc.dct == "2021-03-03"
    assert doc.body.startswith("A storm hit the coast")


def test_updated_date_is_not_preferred_over_published() -> None:
    text = (
        "Updated: 9 March 2021\nPublished: 3 March 2021\n"
        "A storm hit the coast on Tuesday, cutting power to thousands of homes.\n"
    )
    assert read_text(text).dct == "2021-03-03"


def test_no_date_leaves_dct_empty() -> None:
    doc = read_text("Something happened on Monday in the capital, officials said.\n")
    assert doc.dct is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        ("caf\u00e9".encode("latin-1") + b" ok", "UTF-8"),
    ],
)
def test_decode_rejects_bad_input(data: bytes, message: str) -> None:
    with pytest.raises(TimelineError, match=message):
        decode(data, "x.txt")


def test_decode_accepts_bom_and_crlf() -> None:
    assert decode("\ufeffHello\r\nWorld".encode(), "x") == "Hello\nWorld"


@pytest.mark.parametrize("bad", ["2016-13-01", "2016-02-30", "23/05/2016", "yesterday"])
def test_validate_date_rejects(bad: str) -> None:
    with pytest.raises(OptionError, match="YYYY-MM-DD|not a calendar date") as exc:
        validate_date(bad)
    assert exc.value.option == "date" and "--" not in str(exc.value)


def test_body_of_text_with_only_trailer_is_an_error() -> None:
    with pytest.raises(TimelineError):
        find_body("AFP\nMon May 23 2016\n")


def test_unrelated_teasers_are_cut_even_without_agency_line(sample_text: str) -> None:
    kept = [
        line
        for line in sample_text.split("\n")
        if line not in ("AFP", "Mon May 23 2016") and not line.startswith("Syrians gather")
    ]
    doc = read_text("\n".join(kept), date="2016-05-23")
    assert doc.body.endswith("regime of Saddam Hussein in neighbouring Iraq.")
    # Subheadings inside the article are kept.
    assert "Blast inside hospital" in doc.body
    assert "'In the heart of the battle'" in doc.body


def test_short_article_ending_with_related_lines_is_kept_whole() -> None:
    text = (
        "Floods hit the north on Monday after days of rain.\n"
        "Rescue teams reached the flooded villages by boat.\n"
        "Flood warnings stay in place\n"
        "Forecasters expect more rain in the north on Tuesday.\n"
        "Villages cut off by floods\n"
        "Several villages in the north remain cut off by the floods.\n"
        "Mon May 23 2016\n"
    )
    doc = read_text(text)
    assert doc.body.endswith("remain cut off by the floods.")
