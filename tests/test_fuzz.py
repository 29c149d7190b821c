"""Fuzzing, bounded for CI (issue 16): hostile news-like input never crashes the program.

Inputs are built from news-like pieces (dates written many ways and in en/fr/de/pt/es,
datelines, numbers of up to 400 digits, HTML tags, control characters, lone surrogates,
deep nesting: the piece lists of tests/bench/fuzz.py, the long-run script) and go

- through read (text, JSON Lines, RSS/Atom, HTML, from the file's bytes) -> brief ->
  render in every format of ``OUTPUT_FORMATS``, as ``timeline brief`` runs them;
- through the tagger alone, for every language with rules and reference dates from year
  1 to 9999.

The only outcome allowed besides success is a one-line ``TimelineError`` (what the CLI
prints with exit status 2); any other exception fails, and so does an input that runs
past ``PER_INPUT_SECONDS`` of CPU. Deterministic (``derandomize``), no example database.
"""

from __future__ import annotations

import importlib.util
import json
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType, ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.temporal import languages

ROOT = Path(__file__).resolve().parents[1]
#: an input using more CPU seconds than this is a hang (the slowest of 25,000 used ~5 s);
#: CPU time, not wall time, so a machine shared with other work does not fail the test
PER_INPUT_SECONDS = 30


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_bench", ROOT / "tests/bench/fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fuzz = _bench()
# sumy and feedparser warn on degenerate input (a two-word text, a feed without dates)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::RuntimeWarning",
                                        "ignore::UserWarning")

SETTINGS = {
    "derandomize": True,
    "database": None,
    "deadline": None,  # timed by PER_INPUT_SECONDS: the machine is shared, times vary
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"input used more than {seconds} s of CPU")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


# strategies: news-like pieces -----------------------------------------------------------

ALL_DATES = sum(fuzz.LANG_DATES, ())
numbers = st.one_of(
    st.integers(min_value=-10**6, max_value=10**9).map(str),
    st.integers(min_value=0, max_value=10**400).map(str),
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
written_dates = st.builds(
    lambda y, m, d, sep: sep.join((str(y), str(m), str(d))) if sep != " " else f"{m} {d}, {y}",
    st.sampled_from((0, 1, 99, 1000, 1986, 2016, 9999, 10000, 123456)),
    st.one_of(st.integers(0, 13), st.sampled_from(fuzz.MONTHS)),
    st.integers(0, 32),
    st.sampled_from(("-", "/", ".", " ")),
)
nesting = st.builds(lambda opener, n: opener * n, st.sampled_from(("(", "[", "<div>", "\u201c")),
                    st.integers(1, 3000))
odd_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
pieces = st.one_of(
    st.sampled_from(ALL_DATES), st.sampled_from(fuzz.WORDS), st.sampled_from(fuzz.HOSTILE),
    st.sampled_from(fuzz.DATELINES), st.sampled_from(fuzz.MONTHS + fuzz.DAYS), numbers,
    written_dates, nesting, odd_text,
)
texts = st.lists(pieces, max_size=30).map(" ".join)
articles = st.builds(lambda dateline, body: dateline + body,
                     st.sampled_from(("",) + fuzz.DATELINES), texts)
times = st.one_of(st.sampled_from(("2016-05-23", "0001-01-01", "9999-12-31", "2016-02-30",
                                   "9999-12-31T23:59:59+14:00", "", "yesterday")),
                  written_dates, st.none(), st.integers(-1, 10**20))


def _utf8(text: str, surrogates: bool) -> bytes:
    return text.encode("utf-8", "surrogatepass" if surrogates else "replace")


def _jsonl(items: list[tuple[str, str, object]], ascii_only: bool) -> bytes:
    lines = [json.dumps({"title": title, "text": text, "time": time}, ensure_ascii=ascii_only)
             for title, text, time in items]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _rss(items: list[tuple[str, str, object]], cdata: bool) -> bytes:
    body = "".join(
        f"<item><title>{_xml(title)}</title><pubDate>{_xml(str(time))}</pubDate><description>"
        + (f"<![CDATA[{text}]]>" if cdata else _xml(text)) + "</description></item>"
        for title, text, time in items)
    return _utf8(f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{body}'
                 "</channel></rss>", False)


def _html(title: str, paragraphs: list[str], time: object) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in paragraphs)
    return _utf8(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
                 f'<meta property="article:published_time" content="{time}"></head><body>'
                 f"<article><h1>{title}</h1>{paras}</article></body></html>", False)


items = st.lists(st.tuples(texts, articles, times), min_size=1, max_size=4)
files = st.one_of(
    st.tuples(st.just("a.txt"), st.builds(_utf8, articles, st.booleans())),
    st.tuples(st.sampled_from(("a.jsonl", "a.json")), st.builds(_jsonl, items, st.booleans())),
    st.tuples(st.sampled_from(("a.rss", "a.xml")), st.builds(_rss, items, st.booleans())),
    st.tuples(st.just("a.html"), st.builds(_html, texts, st.lists(articles, max_size=4), times)),
    st.tuples(st.sampled_from(("a.txt", "a.jsonl", "a.html")), st.binary(max_size=300)),
)
cases = st.builds(
    lambda file, date, method, lang: fuzz.PipelineCase(file[0], file[1], date, method, lang),
    files,
    st.sampled_from(fuzz.REF_DATES),
    st.sampled_from(("news", "news", "lead", "lexrank")),
    st.sampled_from(fuzz.LANGS),
)


# the properties -------------------------------------------------------------------------


@settings(max_examples=120, **SETTINGS)
@given(case=cases)
def test_read_brief_render_every_format_never_crashes(case: fuzz.PipelineCase) -> None:
    """read -> brief -> render (every format) ends in a briefing or a one-line error."""
    with tempfile.TemporaryDirectory() as tmp, time_limit(PER_INPUT_SECONDS):
        outcome = fuzz.run_pipeline(case, Path(tmp))
    assert outcome == "ok" or outcome.startswith("error")


@pytest.mark.parametrize("lang", languages(include_pending=True))
@settings(max_examples=60, **SETTINGS)
@given(text=texts, dct=st.sampled_from(("0001-01-01", "9999-12-31", "0001-12-31", "9999-01-01",
                                        "2016-05-23", "2000-02-29", None)),
       domain=st.sampled_from(("auto", "news", "narrative")))
def test_tagger_never_crashes(lang: str, text: str, dct: str | None, domain: str) -> None:
    """Every language's rules, reference dates at both ends of the calendar: the timexes
    lie in the text, their values are valid TIMEX3."""
    with time_limit(PER_INPUT_SECONDS):
        outcome = fuzz.run_tag(fuzz.TagCase(text, dct, lang, domain))
    assert outcome == "ok"
