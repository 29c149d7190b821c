"""Long fuzz run: hostile news-like inputs through read -> brief -> render, and the tagger.

    python tests/bench/fuzz.py [--pipeline N] [--tagger M] [--seed S] [--workers W]
                               [--timeout SECS] [--out DIR] [--start I]

Input ``i`` of a run is made from ``random.Random(f"{seed}:{part}:{i}")`` alone, so any
input can be made again (``--only pipeline:1234`` runs and prints that one). Each input is
built from news-like pieces (dates in many forms and in en/fr/de/pt/es, datelines, numbers
up to hundreds of digits, HTML tags, control characters, lone surrogates, deep nesting),
wrapped as a text file, JSON Lines (sometimes gzipped), an RSS or Atom feed or an HTML page,
read by the input registry, briefed and rendered in every format of
``timeline.render.core.OUTPUT_FORMATS`` (in memory); the tagger part runs
``timeline.temporal.tag`` on a text with a reference date (year 1 and 9999 among them) in
every language. A one-line error (``timeline.errors.TimelineError``) is an expected
outcome and is counted; any other exception is a crash, distinct by exception type and
innermost frame, and each distinct crash's input is saved under ``--out`` (default
/tmp/fuzzer/) with its traceback. An input using more than ``--timeout`` seconds of CPU
is a hang (interrupted by SIGPROF: CPU time, so a machine shared with other work does not
make slow inputs look hung); a worker stuck on one input for ``--wall`` seconds (a hang
that does not use the CPU, or one the signal cannot interrupt) is killed and replaced.

Workers are separate processes (default: every core); the table printed at the end
gives inputs run, errors, crashes, hangs, the slowest input and inputs per second.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import multiprocessing as mp
import os
import queue
import random
import signal
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = Path("/tmp/fuzzer")

# pieces ---------------------------------------------------------------------------------

DATES = (
    "May 23, 2016", "23 May 2016", "2016-05-23", "05/23/2016", "23.05.2016", "Monday",
    "yesterday", "last week", "next month", "mid-2014", "1986", "the 1990s", "the 21st century",
    "9:00 am local time (0600 GMT)", "Approximately 15 minutes after the Tartus blasts",
    "Feb 30 2016", "February 29, 1900", "0000-00-00", "9999-12-31", "0001-01-01", "year 1",
    "Q3 1989", "the third quarter of 1989", "spring 2015", "May 8 1pm", "5 minute after began",
    "in 3 years", "10,000 years ago", "99999999999999999999 days later", "490 BC", "AD 33",
    "two days earlier", "a five-year civil war", "now", "today", "tonight", "this morning",
    "12:00 midnight", "24:00", "25:61", "noon Friday", "the 15th", "on the 31st", "June 31",
    "1 January 10000", "week 53 of 2015", "2015-W53", "the weekend", "Christmas Eve",
    "late 1999", "early in the year", "four hours later", "the day before", "the next day",
    "since 1 AD", "in the year 9999", "3000 years later", "1000000 years ago", "1e308 days",
    "-5 days", "0 days later", "the 0th", "Sept. 11", "11/9", "2/29/2100", "12/31/9999 11:59 pm",
)
DATES_FR = ("le 23 mai 2016", "lundi", "hier", "il y a deux ans", "mi-2014", "à 21h45",
            "le 31 février", "en 9999", "l'an dernier", "la semaine prochaine", "le 1er janvier")
DATES_DE = ("am 23. Mai 2016", "Montag", "gestern", "vor zwei Jahren", "Mitte 2014",
            "um 4:45 Uhr", "1.9.39", "490 v. Chr.", "zwei Tage später", "am 24.", "Ende 9999")
DATES_PT = ("23 de maio de 1998", "segunda-feira", "ontem", "há dois anos", "às 21h45",
            "no ano passado", "terceiro trimestre de 1989", "há 99999 anos", "este ano")
DATES_ES = ("el 23 de mayo de 1998", "el lunes pasado", "ayer", "hace dos días",
            "a mediados de 2014", "a las 21.45", "la semana que viene", "hace 10000 años")
LANG_DATES = (DATES, DATES_FR, DATES_DE, DATES_PT, DATES_ES)
MONTHS = ("January", "May", "Sept.", "Dec", "mai", "février", "März", "Mai", "maio", "mayo",
          "diciembre", "août", "Juli")
DAYS = ("Monday", "Fri", "lundi", "dimanche", "Montag", "Sonntag", "segunda-feira",
        "sábado", "lunes", "domingo")
DATELINES = (
    "DAMASCUS, May 23, 2016 (AFP) - ", "Mon May 23 2016\n", "Updated 3:45 AM EDT, September 27, "
    "2024\n", "Fri Aug 26, 2016 | 12:54pm EDT\n", "• 22 February 2019\n", "Posted on "
    "27.09.2024 by admin\n", "By John Smith\n", "BERLIN (Reuters) - ", "PARIS, 1er janvier 0001 "
    "(AFP) - ", "Dec 31, 9999\n", "Feb 30 2016\n", "Jan 1 0001\n", "LONDON, Oct. 32 (AP) -- ",
    "Published: 2016-05-23T09:00:00+25:00\n", "Sun Mar 14 1999 | 99:99pm EST\n",
)
WORDS = (
    "More than 148 people were killed", "in bombings claimed by the IS group", "officials said",
    "The attacks began", "the ministry announced", "according to the monitor", "in Tartus",
    "protesters gathered", "the council voted", "Le gouvernement a annoncé", "Die Regierung "
    "teilte mit", "O governo anunciou", "El gobierno anunció", "the", "and", "Mr.", "U.S.",
    "e.g.", "No.", "St.", "a.m.", "p.m.", "vs.", "Inc.", "Dr.", "Jan.", "(AFP)", "-", "--",
    "\u2014", "\"", "\u201c", "\u201d", "'", "...", "?", "!", ";", ":", ",", ".",
)
HOSTILE = (
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x1b]0;pwned\x07", "\x7f",
    "\x85", "\u2028", "\u2029", "\u200b", "\u200e", "\u202e", "\ufeff", "\ufffd", "\ufffe",
    "\U0001f4a5", "\u4e2d\u6587\u65b0\u95fb", "\u041d\u043e\u0432\u043e\u0441\u0442\u0438",
    "\u0645\u0631\u062d\u0628\u0627", "e\u0301\u0301\u0301", "\ud800", "\udfff", "\ud83d",
    "<script>alert(1)</script>", "<b>", "</p>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;",
    "&#0;", "&#xD800;", "&nbsp;", "&bogus;", "*_`[]()#|>", "\\", "{{ x }}", "{% if %}", "%s",
    "=?utf-8?q?Council_vote=0D=0ACc:_attacker@evil.example?=", "\r\n", "\r", "\n\n\n",
    "Cc: attacker@evil.example", "javascript:alert(1)", "http://0x7f000001/", "\t",
    "../../etc/passwd", "con", "\u0130", "\u00df", "\ufb01", "A" * 300, "\u3000",
)


def _number(rng: random.Random) -> str:
    k = rng.choice((1, 2, 3, 4, 5, 9, 19, 40, 400))
    n = rng.randrange(10**k)
    return rng.choice((str(n), f"{n:,}", f"-{n}", f"{n}.{rng.randrange(100)}", f"{n}%",
                       f"${n}", f"{n}th", "0" * rng.randint(1, 30) + str(n)))


def _date_from_parts(rng: random.Random) -> str:
    y = rng.choice((1, 99, 999, 1000, 1986, 2016, 2024, 9999, 10000, 0, 12345, rng.randrange(3000)))
    m, d = rng.choice(MONTHS), rng.choice((0, 1, 8, 23, 29, 30, 31, 32, 99))
    hh, mm = rng.choice((0, 1, 9, 12, 13, 23, 24, 99)), rng.choice((0, 5, 15, 59, 60, 99))
    return rng.choice((
        f"{m} {d}, {y}", f"{d} {m} {y}", f"{y:04d}-{rng.randrange(14):02d}-{d:02d}",
        f"{d}/{rng.randrange(14)}/{y}", f"{d}.{rng.randrange(14)}.{y}", f"{rng.choice(DAYS)} {d}",
        f"{hh}:{mm:02d} {rng.choice(('am', 'pm', 'GMT', 'EDT', 'Uhr', 'h'))}", f"{hh}h{mm:02d}",
        f"{y:04d}-{rng.randrange(13):02d}-{d:02d}T{hh:02d}:{mm:02d}:00Z", f"{m} {y}",
        f"{_number(rng)} {rng.choice(('days', 'minutes', 'years', 'weeks', 'hours'))} "
        f"{rng.choice(('later', 'ago', 'after the blast', 'before', 'earlier'))}",
    ))


def _piece(rng: random.Random, lang: int) -> str:
    r = rng.random()
    if r < 0.30:
        return rng.choice(WORDS)
    if r < 0.45:
        return rng.choice(LANG_DATES[lang] if rng.random() < 0.7 else rng.choice(LANG_DATES))
    if r < 0.60:
        return _date_from_parts(rng)
    if r < 0.70:
        return _number(rng)
    if r < 0.80:
        return rng.choice(HOSTILE)
    if r < 0.85:
        return rng.choice(MONTHS + DAYS)
    if r < 0.88:
        return rng.choice(DATELINES)
    if r < 0.90:  # repetition: the same piece many times
        once = rng.choice(DATES + MONTHS) + rng.choice((" ", ", ", "-", ""))
        return once * rng.choice((20, 300))
    if r < 0.92:  # deep nesting in the text itself
        depth = rng.choice((50, 500, 3000))
        return rng.choice(("(", "[", "<div>", "\u201c")) * depth
    return rng.choice(WORDS) + "."


def make_text(rng: random.Random, *, pieces: int | None = None) -> str:
    """A short news-like text: sentences of pieces, sometimes a dateline and a headline."""
    lang = rng.randrange(len(LANG_DATES))
    n = pieces if pieces is not None else rng.choice((0, 1, 3, 5, 8, 8, 12, 12, 20, 40))
    out: list[str] = []
    if rng.random() < 0.5:
        out.append(rng.choice(DATELINES))
    if rng.random() < 0.5:
        out.append(" ".join(_piece(rng, lang) for _ in range(rng.randint(1, 6))) + "\n\n")
    sentence: list[str] = []
    for _ in range(n):
        sentence.append(_piece(rng, lang))
        if rng.random() < 0.15:
            out.append(" ".join(sentence) + rng.choice((". ", ".\n", ".\n\n", "! ", "? ", " ")))
            sentence = []
    out.append(" ".join(sentence))
    return "".join(out)


# containers -----------------------------------------------------------------------------


def _encode(text: str, rng: random.Random) -> bytes:
    how = rng.random()
    if how < 0.85:
        return text.encode("utf-8", "surrogatepass" if rng.random() < 0.05 else "replace")
    if how < 0.90:
        return text.encode("latin-1", "replace")
    if how < 0.95:
        return text.encode("utf-16", "replace")
    data = bytearray(text.encode("utf-8", "replace"))
    for _ in range(rng.randint(1, 20)):  # flip some bytes
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _json_value(rng: random.Random, text: str) -> Any:
    r = rng.random()
    if r < 0.75:
        return text
    if r < 0.80:
        return None
    if r < 0.85:
        return rng.choice((0, -1, 10**30, 1.5e308, True, [], {}))
    if r < 0.90:
        depth = rng.choice((10, 100, 2000))
        value: Any = text
        for _ in range(depth):
            value = [value] if rng.random() < 0.5 else {"a": value}
        return value
    return [text, text]


def _time_value(rng: random.Random) -> Any:
    return rng.choice((
        "2016-05-23", "2016-05-23T09:00:00Z", "2016-05-23 09:00:00", "0001-01-01", "9999-12-31",
        "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-12:00", "2016-02-30", "2016-13-01",
        "", "yesterday", "May 23, 2016", "1463990400", 1463990400, 0, -1, 10**20, None,
        "2016-05-23T25:00", "10000-01-01", "0000-01-01", "2016-W21", "2016", "2016-05",
        _date_from_parts(rng),
    ))


def _jsonl(rng: random.Random) -> bytes:
    lines: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 3, 5))):
        r = rng.random()
        if r < 0.05:
            lines.append(rng.choice(("{", "not json", "[]", "null", "{\"text\": 1}", "{}")))
            continue
        obj: dict[str, Any] = {}
        for key in ("text", "time", "title", "url", "id"):
            if rng.random() < (0.95 if key in ("text", "time") else 0.5):
                obj[key] = _time_value(rng) if key == "time" else _json_value(
                    rng, make_text(rng) if key == "text" else make_text(rng, pieces=3))
        if rng.random() < 0.1:
            obj["url"] = rng.choice(("https://example.org/a b", "javascript:alert(1)", "\ud800",
                                     "http://[::1", "//x", "https://ex.org/" + "a" * 3000))
        try:
            line = json.dumps(obj, ensure_ascii=rng.random() < 0.5)
        except (ValueError, RecursionError):
            line = "{}"
        lines.append(line)
    data = "\n".join(lines).encode("utf-8", "surrogatepass" if rng.random() < 0.1 else "replace")
    if rng.random() < 0.03:
        data += b"\n\xff\xfe{bad}\n"
    return gzip.compress(data, mtime=0) if rng.random() < 0.15 else data


def _xml_text(rng: random.Random, text: str) -> str:
    r = rng.random()
    if r < 0.4:
        return text.replace("&", "&amp;").replace("<", "&lt;")
    if r < 0.6:
        return f"<![CDATA[{text}]]>"
    return text  # raw: may break the XML


def _feed(rng: random.Random) -> bytes:
    atom = rng.random() < 0.4
    items = []
    for _ in range(rng.choice((0, 1, 1, 2, 4))):
        title, body = make_text(rng, pieces=4), make_text(rng)
        when = rng.choice(("Mon, 23 May 2016 09:00:00 GMT", "Mon, 30 Feb 2016 09:00:00 +2500",
                           "2016-05-23T09:00:00Z", "Fri, 31 Dec 9999 23:59:59 -1400",
                           "Mon, 01 Jan 0001 00:00:00 GMT", _date_from_parts(rng), ""))
        link = rng.choice(("https://example.org/a", "javascript:alert(1)", "", "http://x/\x00"))
        if atom:
            items.append(f"<entry><title>{_xml_text(rng, title)}</title><link href=\"{link}\"/>"
                         f"<updated>{when}</updated><content type=\"html\">"
                         f"{_xml_text(rng, body)}</content></entry>")
        else:
            items.append(f"<item><title>{_xml_text(rng, title)}</title><link>{link}</link>"
                         f"<pubDate>{when}</pubDate><description>{_xml_text(rng, body)}"
                         "</description></item>")
    if atom:
        doc = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/"
               f"Atom\"><title>News</title>{''.join(items)}</feed>")
    else:
        doc = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title>"
               f"{''.join(items)}</channel></rss>")
    if rng.random() < 0.05:  # entity expansion
        doc = doc.replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY"
                          " a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>")
    return _encode(doc, rng)


def _html(rng: random.Random) -> bytes:
    title = make_text(rng, pieces=4)
    paras = "".join(f"<p>{make_text(rng)}</p>" for _ in range(rng.choice((0, 1, 3, 6))))
    stamp, shown = _time_value(rng), _date_from_parts(rng)
    meta = rng.choice(("", f"<meta property=\"article:published_time\" content=\"{stamp}\">",
                       f"<time datetime=\"{_date_from_parts(rng)}\">{shown}</time>"))
    if rng.random() < 0.1:
        depth = rng.choice((100, 1000, 5000))
        paras = "<div>" * depth + paras + "</div>" * depth
    page = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>{meta}"
            f"</head><body><article><h1>{title}</h1>{paras}</article></body></html>")
    if rng.random() < 0.1:
        page = page[: rng.randrange(len(page) + 1)]  # cut anywhere
    return _encode(page, rng)


def _text(rng: random.Random) -> bytes:
    return _encode(make_text(rng), rng)


def _random_bytes(rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.choice((1, 10, 100, 2000))))


# kind -> (maker, file names it is given: usually its own extension, sometimes another)
CONTAINERS: dict[str, tuple[Callable[[random.Random], bytes], tuple[str, ...]]] = {
    "text": (_text, ("a.txt", "a.md", "a")),
    "jsonl": (_jsonl, ("a.jsonl", "a.jsonl.gz", "a.ndjson", "a.json")),
    "feed": (_feed, ("a.rss", "a.atom", "a.xml")),
    "html": (_html, ("a.html", "a.htm")),
    "bytes": (_random_bytes, ("a.txt", "a.jsonl", "a.html", "a.rss", "a")),
}
KIND_WEIGHTS = (("text", 35), ("jsonl", 25), ("feed", 15), ("html", 20), ("bytes", 5))
REF_DATES = (None, None, None, "2016-05-23", "0001-01-01", "9999-12-31", "2000-02-29",
             "1970-01-01", "2024-12-31")
METHODS = ("news",) * 14 + ("lead", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl")
LANGS = (None, None, None, "en", "fr", "de", "pt", "es")


@dataclass(frozen=True)
class PipelineCase:
    """One input file and the options it is briefed with."""

    name: str
    data: bytes
    date: str | None
    method: str = "news"
    lang: str | None = None
    since: str | None = None
    until: str | None = None
    max_dates: int | None = None
    keywords: tuple[str, ...] = ()
    locale: str | None = None

    def describe(self) -> str:
        opts = {k: v for k, v in self.__dict__.items() if k != "data" and v not in (None, ())}
        return json.dumps(opts, ensure_ascii=True)


@dataclass(frozen=True)
class TagCase:
    text: str
    dct: str | None
    lang: str
    domain: str

    def describe(self) -> str:
        return json.dumps({"dct": self.dct, "lang": self.lang, "domain": self.domain})


def pipeline_case(rng: random.Random) -> PipelineCase:
    kind = rng.choices([k for k, _ in KIND_WEIGHTS], [w for _, w in KIND_WEIGHTS])[0]
    make, names = CONTAINERS[kind]
    data = make(rng)
    name = names[0] if rng.random() < 0.8 else rng.choice(names)
    if kind == "jsonl" and data[:2] == b"\x1f\x8b":
        name = "a.jsonl.gz"
    extra: dict[str, Any] = {}
    if rng.random() < 0.1:
        extra["since"] = rng.choice(("0001-01-01", "2016-05-01", "9999-12-31"))
    if rng.random() < 0.1:
        extra["until"] = rng.choice(("0001-01-01", "2016-05-31", "9999-12-31"))
    if rng.random() < 0.05:
        extra["max_dates"] = rng.choice((1, 3))
    if rng.random() < 0.05:
        extra["keywords"] = ("killed",)
    if rng.random() < 0.1:
        extra["locale"] = rng.choice(("en", "fr", "de", "pt", "es", "de_CH", "en_GB"))
    return PipelineCase(name, data, rng.choice(REF_DATES), rng.choice(METHODS),
                        rng.choice(LANGS), **extra)


def tag_case(rng: random.Random, langs: Sequence[str]) -> TagCase:
    dct = rng.choice(("2016-05-23", "0001-01-01", "9999-12-31", "0001-12-31", "9999-01-01",
                      "2000-02-29", None, f"{rng.randint(1, 9999):04d}-{rng.randint(1, 12):02d}-"
                      f"{rng.randint(1, 28):02d}"))
    return TagCase(make_text(rng), dct, rng.choice(tuple(langs)),
                   rng.choice(("auto", "auto", "news", "narrative")))


# running one input ----------------------------------------------------------------------


def run_pipeline(case: PipelineCase, workdir: Path) -> str:
    """Read, brief and render ``case`` as ``timeline brief`` does, every format in memory.

    Returns "ok" or "error: <one line>" for a TimelineError; any other exception escapes.
    """
    from timeline.errors import TimelineError
    from timeline.ingest.formats import load_inputs
    from timeline.language import article_language
    from timeline.pipeline import BriefOptions, brief
    from timeline.render.core import OUTPUT_FORMATS, render

    path = workdir / case.name
    path.write_bytes(case.data)
    try:
        loaded = load_inputs([str(path)], date=case.date)
        docs = list(loaded.documents)
        if len(docs) > 1:
            from timeline.digest import choose_story

            docs, _ = choose_story(docs, case.keywords)
        options = BriefOptions(method=case.method, lang=case.lang, keywords=case.keywords,
                               since=case.since, until=case.until, max_dates=case.max_dates,
                               skipped=tuple(f"{s}: {w}" for s, w in loaded.skipped))
        briefing = brief(docs, options)
        locale = case.locale or article_language([d.body for d in docs], case.lang)
        for fmt in OUTPUT_FORMATS:
            out = render(briefing, fmt, locale=locale, email_to=("reader@example.org",))
            if not isinstance(out, bytes):
                raise TypeError(f"{fmt} rendered {type(out).__name__}, not bytes")
    except TimelineError as exc:
        message = str(exc)
        if "\n" in message:
            raise AssertionError(f"TimelineError message is not one line: {message!r}") from exc
        return f"error: {type(exc).__name__}"
    return "ok"


def run_tag(case: TagCase) -> str:
    """Tag ``case.text``; the timexes must lie inside the text and have valid values."""
    from timeline.errors import TimelineError
    from timeline.temporal import tag
    from timeline.temporal.timex3 import is_valid_value

    try:
        result = tag(case.text, case.dct, domain=case.domain, lang=case.lang)  # type: ignore[arg-type]
    except TimelineError as exc:
        return f"error: {type(exc).__name__}"
    for t in result.timexes:
        if not (0 <= t.start < t.end <= len(case.text)) or case.text[t.start:t.end] != t.text:
            raise AssertionError(f"timex span {t.start}-{t.end} does not match its text {t.text!r}")
        if not is_valid_value(t.value):
            raise AssertionError(f"invalid TIMEX3 value {t.value!r}")
    return "ok"


def crash_key(exc: BaseException) -> tuple[str, str, str]:
    """(exception type, innermost frame, innermost frame in timeline/) of a crash."""
    frames = traceback.extract_tb(exc.__traceback__)
    inner = frames[-1] if frames else None
    ours = next((f for f in reversed(frames) if "/timeline/" in f.filename), None)

    def where(f: traceback.FrameSummary | None) -> str:
        if f is None:
            return "?"
        parts = Path(f.filename).parts
        short = "/".join(parts[parts.index("timeline"):]) if "timeline" in parts else parts[-1]
        return f"{short}:{f.lineno} {f.name}"

    return type(exc).__name__, where(inner), where(ours)


# workers --------------------------------------------------------------------------------


class Hang(Exception):
    """An input ran past the per-input time limit."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


def make_case(part: str, seed: int, i: int, langs: Sequence[str]) -> PipelineCase | TagCase:
    rng = random.Random(f"{seed}:{part}:{i}")
    return pipeline_case(rng) if part == "pipeline" else tag_case(rng, langs)


def _save(out: Path, part: str, seed: int, i: int, case: PipelineCase | TagCase,
          key: tuple[str, ...], detail: str) -> str:
    digest = hashlib.sha1("|".join(key[:2]).encode()).hexdigest()[:10]
    if key[0] == "Hang":
        digest = str(i)
    stem = out / f"{part}-{key[0]}-{digest}"
    if isinstance(case, PipelineCase):
        Path(f"{stem}.input").write_bytes(case.data)
    else:
        Path(f"{stem}.input").write_text(case.text, encoding="utf-8", errors="surrogatepass")
    Path(f"{stem}.txt").write_text(
        f"part {part} seed {seed} input {i}: rerun with --seed {seed} --only {part}:{i}\n"
        f"case {case.describe()}\n{detail}\n", encoding="utf-8", errors="backslashreplace")
    return str(stem)


def _run_one(case: PipelineCase | TagCase, workdir: Path) -> str:
    if isinstance(case, PipelineCase):
        return run_pipeline(case, workdir)
    return run_tag(case)


@dataclass
class Tally:
    inputs: int = 0
    errors: int = 0
    hangs: int = 0
    slowest: tuple[float, int] = (0.0, -1)
    crashes: dict[tuple[str, ...], list[Any]] = field(default_factory=dict)


DEADLINE_GRACE = 60  # seconds the inputs begun before the deadline get to finish
WARM_TEXT = ("PARIS, May 23, 2016 (AFP) - The council voted on Monday, officials said. More "
             "than 148 people were killed in bombings on Sunday. The attacks began at 9:00 am.")


def _warm_up(part: str, langs: Sequence[str], workdir: Path) -> None:
    """Import and load everything once, untimed: an input interrupted in the middle of an
    import would leave a half-made module behind for the ones after it."""
    from timeline.temporal import tag

    for lang in langs:
        tag(WARM_TEXT, "2016-05-23", lang=lang)
    if part != "pipeline":
        return
    item = {"text": WARM_TEXT, "time": "2016-05-23", "title": "Council votes"}
    files = {"a.txt": WARM_TEXT.encode(), "a.jsonl": (json.dumps(item) + "\n" + json.dumps(
        {**item, "time": "2016-05-24"})).encode(), "a.html": f"<html><body><article><h1>Vote"
        f"</h1><p>{WARM_TEXT}</p></article></body></html>".encode(), "a.rss": (
        f"<rss><channel><item><title>Vote</title><pubDate>Mon, 23 May 2016 09:00:00 GMT"
        f"</pubDate><description>{WARM_TEXT}</description></item></channel></rss>").encode()}
    for method in dict.fromkeys(METHODS):
        for name, data in files.items():
            try:
                run_pipeline(PipelineCase(name, data, None, method, "en"), workdir)
            except Exception:  # noqa: BLE001, S110 - the fuzz run itself counts crashes
                pass
            for leftover in workdir.iterdir():
                leftover.unlink()


def _attempt(case: PipelineCase | TagCase, workdir: Path, timeout: float, tally: Tally,
             note: Callable[[tuple[str, ...], str], str]) -> bool:
    """Run one input into ``tally``; False when it hung (the worker is then replaced)."""
    signal.setitimer(signal.ITIMER_PROF, timeout)
    try:
        outcome = _run_one(case, workdir)
        signal.setitimer(signal.ITIMER_PROF, 0)
        tally.errors += outcome.startswith("error")
    except Hang:
        tally.hangs += 1
        note(("Hang", "cpu"), f"hang: over {timeout} s of CPU")
        return False
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - every crash is counted
        signal.setitimer(signal.ITIMER_PROF, 0)
        where = crash_key(exc)
        if where not in tally.crashes:
            tally.crashes[where] = [0, -1, note(where, "".join(traceback.format_exception(exc)))]
        tally.crashes[where][0] += 1
    finally:
        for leftover in workdir.iterdir():
            leftover.unlink()
    return True


def _worker(part: str, seed: int, indices: range, timeout: float, out: str,
            results: Any, current: Any, slot: int, key: int, deadline: float) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    warnings.simplefilter("ignore")  # sumy's and numpy's warnings on tiny texts
    signal.signal(signal.SIGPROF, _alarm)
    from timeline.temporal import languages

    langs = languages(include_pending=True)
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-", dir=out))
    _warm_up(part, langs, workdir)
    tally = Tally()
    last_report = time.monotonic()
    for i in indices:
        if time.time() > deadline:
            break
        case = make_case(part, seed, i, langs)
        current[slot] = i
        t0 = time.perf_counter()
        seen = {where: n for where, (n, _, _) in tally.crashes.items()}
        fine = _attempt(case, workdir, timeout, tally, partial(_save, Path(out), part, seed, i,
                                                                 case))
        for where, entry in tally.crashes.items():
            if where not in seen:
                entry[1] = i
            if entry[0] != seen.get(where):  # every input of a crash, one line each
                with open(f"{entry[2]}.inputs", "a", encoding="utf-8") as listed:
                    listed.write(f"{part}:{i}\n")
        tally.slowest = max(tally.slowest, (time.perf_counter() - t0, i))
        tally.inputs += 1
        if not fine:  # a fresh process goes on: the interrupted one may be in a bad state
            results.put(("tally", key, tally))
            results.put(("restart", key, i + (indices.step or 1)))
            return
        if time.monotonic() - last_report > 2:
            results.put(("tally", key, tally))
            last_report = time.monotonic()
    current[slot] = -1
    results.put(("tally", key, tally))
    results.put(("done", key, None))


def _merge(tallies: Sequence[Tally]) -> Tally:
    total = Tally()
    for t in tallies:
        total.inputs += t.inputs
        total.errors += t.errors
        total.hangs += t.hangs
        total.slowest = max(total.slowest, t.slowest)
        for key, (n, i, path) in t.crashes.items():
            if key in total.crashes:
                total.crashes[key][0] += n
            else:
                total.crashes[key] = [n, i, path]
    return total


@dataclass
class _Pool:
    """The worker processes of one part, and what each has reported."""

    part: str
    seed: int
    workers: int
    timeout: float
    wall: float
    out: Path
    stop: int
    deadline: float
    ctx: Any = None
    results: Any = None
    current: Any = None
    procs: dict[int, Any] = field(default_factory=dict)
    live: dict[int, int] = field(default_factory=dict)  # array slot -> process key
    tallies: dict[int, Tally] = field(default_factory=dict)
    killed: set[int] = field(default_factory=set)
    first: dict[int, int] = field(default_factory=dict)  # process key -> its first input
    started: dict[int, tuple[int, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ctx = mp.get_context("fork")
        self.results = self.ctx.Queue()
        self.current = self.ctx.Array("q", [-1] * self.workers)

    def spawn(self, key: int, slot: int, first: int) -> None:
        indices = range(first, self.stop, self.workers)
        p = self.ctx.Process(target=_worker, daemon=True, args=(
            self.part, self.seed, indices, self.timeout, str(self.out), self.results,
            self.current, slot, key, self.deadline))
        p.start()
        self.procs[key] = p
        self.first[key] = first
        self.live[slot] = key

    def receive(self) -> None:
        try:
            kind, key, tally = self.results.get(timeout=1.0)
        except queue.Empty:
            return
        if key in self.killed:
            return  # sent by a worker before it was killed
        if kind == "tally":
            self.tallies[key] = tally
        elif kind in ("done", "restart"):
            self.procs[key].join()
            slot = next(s for s, k in self.live.items() if k == key)
            del self.live[slot]
            if kind == "restart" and tally < self.stop:  # here ``tally`` is the next input
                self.spawn(max(self.procs) + 1, slot, tally)

    def watch(self) -> None:
        """Kill a worker stuck on one input well past the limit; a new one goes on."""
        now = time.perf_counter()
        for slot, key in list(self.live.items()):
            i = self.current[slot]
            if self.started.get(slot, (None, 0.0))[0] != i:
                self.started[slot] = (i, now)
                continue
            if i < 0 or now - self.started[slot][1] <= self.wall:
                continue
            self.procs[key].kill()
            self.procs[key].join()
            self.killed.add(key)
            _save(self.out, self.part, self.seed, i, make_case(self.part, self.seed, i, ("en",)),
                  ("Hang", str(i)), "hang: worker killed")
            dead = self.tallies.setdefault(key, Tally())
            dead.hangs += 1
            dead.inputs = (i - self.first[key]) // self.workers + 1  # begun, the hung one too
            self.started.pop(slot, None)
            self.spawn(max(self.procs) + 1, slot, i + self.workers)

    def stop_all(self) -> None:
        """Past the deadline and its grace: end the workers still on an input; the inputs
        they finished count, the ones they were on do not."""
        for slot, key in list(self.live.items()):
            i = self.current[slot]
            self.procs[key].kill()
            self.procs[key].join()
            self.killed.add(key)
            tally = self.tallies.setdefault(key, Tally())
            if i >= 0:
                tally.inputs = max(tally.inputs, (i - self.first[key]) // self.workers)
            del self.live[slot]

    def total(self) -> Tally:
        return _merge(list(self.tallies.values()))


def run_part(part: str, n: int, *, seed: int, workers: int, timeout: float, out: Path,
             start: int = 0, deadline: float = float("inf"), wall: float = 600.0) -> Tally:
    """Run inputs ``start .. start+n-1`` of ``part`` on ``workers`` processes, none begun
    after ``deadline`` (a time.time()); a worker stuck on one input for ``wall`` seconds
    (SIGPROF did not stop it) is killed, its input counted as a hang, and a new worker
    goes on from its next input."""
    pool = _Pool(part, seed, workers, timeout, wall, out, start + n, deadline)
    for w in range(workers):
        pool.spawn(w, w, start + w)
    t0 = last_print = time.perf_counter()
    while pool.live:
        pool.receive()
        pool.watch()
        if time.time() > deadline + DEADLINE_GRACE:
            pool.stop_all()
        now = time.perf_counter()
        if now - last_print > 60:
            t = pool.total()
            print(f"  {part}: {t.inputs:,}/{n:,} inputs, {len(t.crashes)} distinct crashes, "
                  f"{t.hangs} hangs, {t.inputs / (now - t0):.1f}/s", file=sys.stderr, flush=True)
            last_print = now
    return pool.total()


def report(part: str, tally: Tally, seconds: float) -> None:
    crashes = sum(n for n, _, _ in tally.crashes.values())
    rate = tally.inputs / seconds if seconds else 0.0
    print(f"{part:<9}{'inputs':>10}{'errors':>9}{'crashes':>9}{'distinct':>9}{'hangs':>7}"
          f"{'slowest s':>10}{'seconds':>9}{'inputs/s':>10}")
    print(f"{'':<9}{tally.inputs:>10,}{tally.errors:>9,}{crashes:>9,}{len(tally.crashes):>9}"
          f"{tally.hangs:>7}{tally.slowest[0]:>10.2f}{seconds:>9.0f}{rate:>10.1f}")
    if tally.slowest[1] >= 0:
        print(f"  slowest input: {part}:{tally.slowest[1]}")
    for key, (n, i, path) in sorted(tally.crashes.items(), key=lambda kv: -kv[1][0]):
        print(f"  {n:>6} x {key[0]} at {key[1]} (ours: {key[2]}); e.g. input {part}:{i} (all "
              f"in {path}.inputs) "
              f"-> {path}.txt")


def _only(spec: str, seed: int) -> int:
    from timeline.temporal import languages

    part, _, num = spec.partition(":")
    case = make_case(part, seed, int(num), languages(include_pending=True))
    print(case.describe())
    if isinstance(case, PipelineCase):
        print(repr(case.data[:2000]))
    else:
        print(repr(case.text[:2000]))
    with tempfile.TemporaryDirectory() as tmp:
        print(_run_one(case, Path(tmp)))
    return 0


def _deadline(hhmm: str) -> float:
    from datetime import UTC, datetime

    hour, minute = (int(x) for x in hhmm.split(":"))
    now = datetime.now(UTC)
    return now.replace(hour=hour, minute=minute, second=0, microsecond=0).timestamp()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pipeline", type=int, default=2000, help="inputs through read -> render")
    ap.add_argument("--tagger", type=int, default=10000, help="inputs through the tagger")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=30.0, help="CPU seconds per input")
    ap.add_argument("--wall", type=float, default=600.0,
                    help="wall-clock seconds on one input before its worker is killed")
    ap.add_argument("--start", type=int, default=0, help="first input index")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="where crash inputs are saved")
    ap.add_argument("--only", metavar="PART:I", help="run one input and print it")
    ap.add_argument("--until", metavar="HH:MM", help="begin no input after this time (UTC, "
                    "today); the table says how many ran")
    args = ap.parse_args(argv)
    if args.only:
        return _only(args.only, args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"seed {args.seed}, {args.workers} workers, timeout {args.timeout:g} CPU s, "
          f"crash inputs in {out}", flush=True)
    deadline = _deadline(args.until) if args.until else float("inf")
    total_crashes = total_hangs = 0
    for part, n in (("pipeline", args.pipeline), ("tagger", args.tagger)):
        if n <= 0:
            continue
        t0 = time.perf_counter()
        tally = run_part(part, n, seed=args.seed, workers=args.workers, timeout=args.timeout,
                         out=out, start=args.start, deadline=deadline, wall=args.wall)
        report(part, tally, time.perf_counter() - t0)
        total_crashes += len(tally.crashes)
        total_hangs += tally.hangs
        sys.stdout.flush()
    return 1 if total_crashes or total_hangs else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
