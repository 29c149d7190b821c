"""read_html's faster readers give what the slower ones they replace gave (issue 12, speed):
the byline is read past commenters and captions, and htmldate is asked for a page's date
only when its answer can count."""

from __future__ import annotations

from typing import Any

import pytest

from timeline.ingest.html import read_html

BODY = "".join(
    f"<p>{s}</p>" for s in (
        "The council voted on the new bridge after a long debate in the town hall, and the "
        "mayor said that work would start before the summer, once the last permits are in.",
        "Residents who had asked for a safer crossing for years welcomed the decision, while "
        "some shop owners worried about months of closed roads in the old town.",
    )
)


def _page(header: str, body: str = BODY, head: str = "") -> str:
    return (f"<html><head><title>Council approves the new bridge</title>{head}</head><body>"
            "<nav><a href='/'>Home</a></nav><article><h1>Council approves the new bridge</h1>"
            f"{header}{body}</article></body></html>")


def test_the_author_search_reads_the_byline_not_a_commenter_or_a_caption() -> None:
    header = ('<figure><figcaption class="author">Photo: Pat Lens</figcaption></figure>'
              '<div class="byline">By Ann Lee <time>May 4, 2021</time></div>')
    after = '<div id="comments"><span class="author">Carl Commenter</span></div>'
    doc = read_html(_page(header, BODY + after), name="p.html", doc_id="p")
    assert doc.byline == "Ann Lee"


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    import timeline.ingest.html as html

    calls: list[Any] = []
    real = html._found_date

    def found(tree: object, url: str | None) -> str | None:
        calls.append(url)
        return real(tree, url)

    monkeypatch.setattr(html, "_found_date", found)
    return calls


META = '<meta property="article:published_time" content="2020-04-30T08:00:00+02:00">'
STAMP = "<div class='meta'><time>29.04.2020, 12:01 Uhr</time></div>"


def test_htmldate_is_not_asked_when_the_header_date_answers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch)
    doc = read_html(_page(STAMP, head=META), name="p.html", doc_id="p",
                    url="https://example.org/news/bridge")
    assert doc.dct == "2020-04-29" and calls == []


@pytest.mark.parametrize(("stamp", "url", "day"), [
    ("", "https://example.org/news/bridge", "2020-04-30"),  # no header date: htmldate's
    (STAMP, "https://example.org/2020/04/30/bridge", "2020-04-30"),  # the address confirms it
    (STAMP, "https://example.org/2020/04/29/bridge", "2020-04-29"),  # it names the header's
])
def test_htmldate_is_asked_when_its_answer_can_count(
        stamp: str, url: str, day: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch)
    doc = read_html(_page(stamp, head=META), name="p.html", doc_id="p", url=url)
    assert doc.dct == day and calls == [url]
