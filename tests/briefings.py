"""Hand-made briefings for tests, screenshots and demos of the renderers.

``sample_briefing()`` mirrors what the pipeline makes of the bundled AFP sample
(events 1986, mid-2014, April 2016, three on 23 May 2016, 09:00 +03:00 and
c. 09:15), built directly so the renderers can be tested on their own.
``story_briefing()`` is a multi-document story: three articles, one entry merged
from all three (two report dates), others from one or two.
``xss_briefing()`` is an article full of injection attempts.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from importlib.resources import files

from timeline.model import Briefing, Citation, Document, Event, Sentence, Timeline, Timex

__all__ = ["sample_briefing", "story_briefing", "xss_briefing", "SAMPLE_URL"]

SAMPLE_URL = "https://www.example.com/news/syria-coast-bombings?id=1&src=afp"
_EAT = timezone(timedelta(hours=3))


def _sample_text() -> str:
    path = files("timeline").joinpath("data", "samples", "afp-syria-coast-bombings.txt")
    return path.read_text(encoding="utf-8")


def _line_span(text: str, snippet: str) -> tuple[int, int]:
    i = text.index(snippet)
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return start, (end if end != -1 else len(text))


def _event(doc: Document, snippet: str, timex_text: str, value: str, mod: str | None,
           start: datetime, end: datetime, utc_offset: str | None = None,
           tid: str = "t1", kind: str = "DATE") -> Event:
    s, e = _line_span(doc.text, snippet)
    t = doc.text.index(timex_text, s)
    return Event(
        value=value,
        mod=mod,
        start=start,
        end=end,
        text=doc.text[s:e],
        timex=Timex(tid, t, t + len(timex_text), timex_text, kind, value, mod,  # type: ignore[arg-type]
                    utc_offset=utc_offset),
        sources=(Citation(doc.id, s, e, doc.title, doc.url, doc.dct),),
        utc_offset=utc_offset,
    )


def sample_briefing() -> Briefing:
    text = _sample_text()
    body_end = text.index("\nAFP\n")
    doc = Document(
        id="afp-syria-coast-bombings",
        text=text,
        body_start=0,
        body_end=body_end,
        dct="2016-05-23",
        title="More than 148 killed in IS bombings in Syria's coastal heartland",
        dct_source="dateline",
        url=SAMPLE_URL,
        outlet="AFP",
    )
    d = datetime
    monday = (d(2016, 5, 23), d(2016, 5, 24))
    events = (
        _event(doc, "Monday's bombings were reminiscent", "1986", "1986", None,
               d(1986, 1, 1), d(1987, 1, 1)),
        _event(doc, "IS seized control", "mid-2014", "2014", "MID",
               d(2014, 1, 1), d(2015, 1, 1)),
        _event(doc, "World powers have struggled", "April", "2016-04", None,
               d(2016, 4, 1), d(2016, 5, 1)),
        _event(doc, "More than 148 people", "Monday", "2016-05-23", None, *monday),
        _event(doc, "The unprecedented attacks", "Monday", "2016-05-23", None, *monday),
        _event(doc, "The group has claimed", "Monday", "2016-05-23", None, *monday),
        _event(doc, "The attacks began at", "9:00 am local time", "2016-05-23T09:00", None,
               d(2016, 5, 23, 9, 0, tzinfo=_EAT), d(2016, 5, 23, 9, 1, tzinfo=_EAT),
               "+03:00", kind="TIME"),
        _event(doc, "Approximately 15 minutes", "Approximately 15 minutes after",
               "2016-05-23T09:15", "APPROX",
               d(2016, 5, 23, 9, 15, tzinfo=_EAT), d(2016, 5, 23, 9, 16, tzinfo=_EAT),
               "+03:00", kind="TIME"),
    )
    lines = text[:body_end].split("\n")
    summary: list[Sentence] = []
    offset = 0
    for i, line in enumerate(lines):
        if i in (0, 1, 3, 15):
            summary.append(Sentence(len(summary), offset, offset + len(line), line,
                                    doc_id=doc.id))
        offset += len(line) + 1
    return Briefing(
        title=doc.title,
        slug="2016-05-23-more-than-148-killed-in-is-bombings-in-syria-s-coastal-heartland",
        published="2016-05-23",
        summary=tuple(summary),
        timeline=Timeline(events),
        documents=(doc,),
        method="lead",
        period=("1986", "2016-05-23T09:15"),
    )


STORY_TEXTS = {
    "afp": "More than 148 people were killed on Monday in bombings in Jableh and Tartus.\n"
           "The attacks began at 9:00 am local time with three explosions in Tartus.\n",
    "reuters": "Bombings killed at least 150 people in Jableh and Tartus on Monday.\n"
               "Thousands attended funerals in Jableh on Tuesday as the toll rose to 161.\n",
    "notes": "Bombings killed scores of people in two coastal cities on Monday.\n"
             "The UN envoy said on Thursday there was no date for new talks.\n",
}


def story_briefing() -> Briefing:
    """Three sources on the Syria coast bombings; the first entry is merged from all three."""
    docs = {
        "afp": Document("afp-0523", STORY_TEXTS["afp"], 0, len(STORY_TEXTS["afp"]),
                        "2016-05-23", "More than 148 killed in IS bombings in Syria's coast",
                        "metadata", url="https://www.afp.example/syria-coast", outlet="AFP"),
        "reuters": Document("reuters-0524", STORY_TEXTS["reuters"], 0,
                            len(STORY_TEXTS["reuters"]), "2016-05-24",
                            "Syria mourns coast bombing victims as toll rises", "metadata",
                            url="https://www.reuters.example/world/syria-mourns", outlet="Reuters"),
        "notes": Document("desk-notes", STORY_TEXTS["notes"], 0, len(STORY_TEXTS["notes"]),
                          "2016-05-26",
                          "Desk notes: what the envoy and the monitors said after the "
                          "bombings on the coast", "option"),
    }
    d = datetime

    def cite(key: str, line: int) -> Citation:
        doc = docs[key]
        s, e = _line_span(doc.text, doc.text.split("\n")[line])
        return Citation(doc.id, s, e, doc.title, doc.url, doc.dct)

    def ev(value: str, start: datetime, end: datetime, text: str,
           *cites: Citation, utc_offset: str | None = None) -> Event:
        kind = "TIME" if "T" in value else "DATE"
        return Event(value, None, start, end, text,
                     Timex("t1", 0, 1, text[:1], kind, value), cites,  # type: ignore[arg-type]
                     utc_offset=utc_offset)

    monday = (d(2016, 5, 23), d(2016, 5, 24))
    events = (
        ev("2016-05-23", *monday, docs["afp"].text.split("\n")[0],
           cite("afp", 0), cite("reuters", 0), cite("notes", 0)),
        ev("2016-05-23T09:00", d(2016, 5, 23, 9, tzinfo=_EAT), d(2016, 5, 23, 9, 1, tzinfo=_EAT),
           docs["afp"].text.split("\n")[1], cite("afp", 1), utc_offset="+03:00"),
        ev("2016-05-24", d(2016, 5, 24), d(2016, 5, 25), docs["reuters"].text.split("\n")[1],
           cite("reuters", 1)),
        ev("2016-05-26", d(2016, 5, 26), d(2016, 5, 27), docs["notes"].text.split("\n")[1],
           cite("notes", 1)),
    )
    summary = (Sentence(0, *_line_span(docs["afp"].text, events[0].text), events[0].text,
                        doc_id="afp-0523"),)
    return Briefing(
        title="Syria coast bombings: the week after",
        slug="syria-coast-bombings-the-week-after",
        published="2016-05-26",
        summary=summary,
        timeline=Timeline(events),
        documents=tuple(docs.values()),
        period=("2016-05-23", "2016-05-26"),
    )


XSS_LINES = (
    "Officials said <script>alert(1)</script> on Monday the attack was over.",
    'Witnesses saw <img src=x onerror="alert(2)"> [click here](javascript:alert(3)) in 2015.',
    "A post read ![pixel](http://evil.example/p.png) and <svg onload=alert(4)><circle/></svg> "
    "in April 2016.",
    'Broken markup <div class="x <b onclick=alert(5)>bold</a> &lt;script&gt; '
    "<a href=\"javascript:alert(6)\">link</a> was shared on Monday at 10:00.",
    "# Not a heading * not a list _ not emphasis `code` <http://evil.example/auto> "
    "&amp; --> <!-- comment --> ]]> in 1999.",
)


def xss_briefing() -> Briefing:
    text = "\n".join(XSS_LINES) + "\n"
    title = '<script>alert("title")</script> ../../etc/passwd [x](javascript:alert(7))'
    doc = Document(
        id="xss-doc",
        text=text,
        body_start=0,
        body_end=len(text),
        dct="2016-05-23",
        title=title,
        dct_source="option",
        url="javascript:alert(8)",
        outlet='<img src=x onerror=alert(9)>AFP"',
    )
    other = Document(
        id="xss-doc-2",
        text=text,
        body_start=0,
        body_end=len(text),
        dct="2016-05-24",
        title="Second <b>source</b>",
        url='https://evil.example/a"onmouseover="alert(10)"><script>alert(11)</script>',
        outlet=None,
    )
    d = datetime

    def ev(i: int, needle: str, value: str, start: datetime, end: datetime,
           doc_: Document = doc) -> Event:
        return _event(doc_, XSS_LINES[i][:20], needle, value, None, start, end)

    events = (
        ev(4, "1999", "1999", d(1999, 1, 1), d(2000, 1, 1)),
        ev(1, "2015", "2015", d(2015, 1, 1), d(2016, 1, 1), other),
        ev(2, "April 2016", "2016-04", d(2016, 4, 1), d(2016, 5, 1)),
        ev(0, "Monday", "2016-05-23", d(2016, 5, 23), d(2016, 5, 24)),
        ev(3, "10:00", "2016-05-23T10:00", d(2016, 5, 23, 10), d(2016, 5, 23, 10, 1)),
    )
    summary = tuple(
        Sentence(i, *_line_span(text, line), line, doc_id=doc.id)
        for i, line in enumerate(XSS_LINES)
    )
    return Briefing(
        title=title,
        slug="../../etc/passwd",
        published="2016-05-23",
        summary=summary,
        timeline=Timeline(events),
        documents=(doc, other),
        period=("1999", "2016-05-23"),
    )
