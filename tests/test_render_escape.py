"""Markdown escaping is lossless and inert: any text renders back as exactly itself."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.render.escape import csv_cell, md_escape, one_line, safe_url

MD_ALPHABET = st.sampled_from(list("abc XYZ 019.,;:!?'\"()[]{}<>*_`~#+-=|\\&/@%$^\t\n") +
                              ["&amp;", "&#106;", "javascript:", "http://x.y/", "<script>",
                               "![a](b)", "[a]: http://x", "1. ", "- ", "> ", "```", "é", "€"])


@settings(max_examples=300, deadline=None)
@given(st.lists(MD_ALPHABET, max_size=30).map("".join))
def test_md_escape_renders_as_the_literal_text(text: str) -> None:
    from markdown_it import MarkdownIt

    # CommonMark plus the GitHub extensions a mail or chat client may apply
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    rendered = md.render(md_escape(text)).strip()
    expected = one_line(text)
    if not expected:
        assert rendered == ""
        return
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    inner = rendered[3:-4]
    assert "<" not in inner  # no element of any kind
    assert html.unescape(inner) == expected


def test_md_escape_leaves_ordinary_news_text_alone() -> None:
    s = 'Mr. Smith said "it is over" (again) at 9:00 a.m. -- 45% of U.S. voters!'
    assert md_escape(s) == s
    s = "World | Reuters: shares rose 2% | a | table?"
    assert md_escape(s) == s


def test_safe_url() -> None:
    assert safe_url("https://example.com/a?b=1&c=(2)") == "https://example.com/a?b=1&c=(2)"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x",
                "vbscript:x", "file:///etc/passwd", "//evil.example/x", "http://", "",
                "https://a b.example/", None):
        assert safe_url(bad) is None, bad
    assert safe_url('https://x.example/"><script>') == "https://x.example/%22%3E%3Cscript%3E"


def test_csv_cell() -> None:
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("plain") == "plain"
    assert csv_cell(None) == ""
