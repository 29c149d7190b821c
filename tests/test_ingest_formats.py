"""Ingest of HTML pages, JSON Lines, RSS/Atom feeds, URLs and folders (load_inputs)."""

from __future__ import annotations

import gzip
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.errors import TimelineError
from timeline.ingest.formats import load_inputs, sniff_kind
from timeline.ingest.url import private_networks

FIX = Path(__file__).parent / "fixtures" / "story"
SAMPLE = Path(__file__).resolve().parents[1] / "timeline" / "data" / "samples"
HTML = FIX / "syria-coast-followup.html"
JSONL = FIX / "wire-articles.jsonl"
RSS = FIX / "syria-feed.rss"
NO_ARTICLE = FIX / "no-article.html"


def by_id(result):
    return {d.id: d for d in result.documents}


# HTML ---------------------------------------------------------------------------------


def test_html_page_gives_article_text_title_and_original_publication_date():
    doc = load_inputs([str(HTML)]).documents[0]
    assert doc.title == "Syria mourns coast bombing victims as toll rises"
    # The page was modified on 26 May; the article's anchor is its first publication.
    assert doc.dct == "2016-05-24"
    assert doc.dct_source == "metadata"
    assert doc.body.startswith("Thousands of mourners filled the streets of Jableh")
    assert "posing as displaced people from Aleppo" in doc.body
    assert doc.url and doc.url.endswith("syria-mourns-coast-bombing-victims")
    # Navigation, teasers, footer and scripts are not article text.
    for junk in ("Most read", "barbecue", "All rights reserved", "dataLayer", "Subscribe"):
        assert junk not in doc.text


def test_page_that_keeps_caption_dateline_and_other_stories_gives_the_article_body(tmp_path):
    # A page whose every line is a paragraph, the photo caption, the date line, the
    # agency line and the list of other stories included, some tags left unclosed.
    lines = (SAMPLE / "afp-syria-coast-bombings.txt").read_text(encoding="utf-8").splitlines()
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Syria bombings</title></head><body><div><p>"
        + "<p>".join(ln for ln in lines if ln.strip())
        + "<div><span>unclosed",
        encoding="utf-8",
    )
    doc = load_inputs([str(page)], date="2016-05-23").documents[0]
    assert doc.body.startswith("More than 148 people were killed Monday")
    assert doc.body.rstrip().endswith("Saddam Hussein in neighbouring Iraq.")
    for junk in ("Jacinda Ardern", "2024", "Mon May 23 2016", "Syrians gather at the site"):
        assert junk not in doc.body


def test_html_page_without_article_is_reported_not_fatal_among_others():
    result = load_inputs([str(NO_ARTICLE), str(HTML)])
    assert [d.id for d in result.documents] == ["syria-coast-followup"]
    assert result.skipped == ((str(NO_ARTICLE), "no article text found on the page"),)


def test_single_bad_input_raises_one_line_error():
    with pytest.raises(TimelineError, match="no article text found"):
        load_inputs([str(NO_ARTICLE)])


def test_date_option_overrides_a_single_page_and_fills_in_for_undated_inputs(tmp_path):
    assert load_inputs([str(HTML)], date="2020-01-02").documents[0].dct == "2020-01-02"
    undated = tmp_path / "undated.jsonl"
    undated.write_text(json.dumps({"text": "A ferry sank off the coast, officials said."}) + "\n")
    docs = by_id(load_inputs([str(HTML), str(undated)], date="2020-01-02"))
    assert docs["syria-coast-followup"].dct == "2016-05-24"  # its own date is kept
    assert docs["undated-1"].dct == "2020-01-02"


# JSON Lines ---------------------------------------------------------------------------


def test_jsonl_articles_keep_their_own_dates_ids_titles_and_urls():
    docs = by_id(load_inputs([str(JSONL)]))
    assert sorted(docs) == ["wire-0523-aden", "wire-0525-syria", "wire-0526-talks"]
    aden = docs["wire-0523-aden"]
    assert aden.dct == "2016-05-23"  # from "2016-05-23T16:20:00Z"
    assert aden.title == "Twin suicide bombings kill dozens of army recruits in Aden"
    assert aden.url == "https://wire.example.org/2016/05/23/aden-recruits"
    assert aden.body.startswith("Twin suicide bombings killed at least 41 army recruits")
    assert docs["wire-0526-talks"].dct == "2016-05-26"


def test_gzipped_jsonl_and_bad_lines_are_reported(tmp_path):
    rows = [
        json.dumps({"id": "a", "time": "2010-05-15", "text": "BP said the leak slowed."}),
        "this is not json",
        json.dumps({"id": "b", "time": "2010-05-16"}),
        json.dumps({"id": "c", "time": "someday", "text": "Text."}),
        json.dumps({"id": "d", "text": "No date here."}),
        "",
        json.dumps({"time": "2010-05-17", "text": "No id: one is made up."}),
    ]
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(rows).encode()))
    result = load_inputs([str(path)])
    got = [(d.id, d.dct) for d in result.documents]
    assert got == [("a", "2010-05-15"), ("news-7", "2010-05-17")]
    reasons = dict(result.skipped)
    assert reasons[f"{path}:2"] == "not a JSON object"
    assert reasons[f"{path}:3"] == "no `text`"
    assert "is not a date" in reasons[f"{path}:4"]
    assert "pass --date" in reasons[f"{path}:5"]


# feeds --------------------------------------------------------------------------------


def test_rss_entries_are_articles_dated_in_the_publishers_zone():
    result = load_inputs([str(RSS)])
    docs = result.documents
    assert [d.title for d in docs] == [
        "Russia says Syria truce talks with US are making progress",
        "Jableh reopens bus station after Monday's attack",
    ]
    # "Thu, 26 May 2016 23:30:00 +0300" is 26 May where it was written (27 May in UTC+X).
    assert docs[0].dct == "2016-05-26"
    assert docs[1].dct == "2016-05-27"
    # Full content is preferred to the summary; HTML is reduced to text.
    assert "experts from both countries met in Geneva" in docs[0].text
    assert "<b>" not in docs[1].text and "struck it on Monday." in docs[1].text
    assert docs[0].url == "https://news.example.com/world/2016/05/26/russia-us-syria-truce"
    assert docs[0].outlet == "The Daily Ledger - Middle East"
    assert result.skipped == ((f"{RSS}#3", "entry has no text"),)


def test_atom_feed(tmp_path):
    atom = tmp_path / "feed.atom"
    atom.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id>
<updated>2011-02-12T10:00:00Z</updated>
<entry><title>Mubarak steps down</title><id>urn:1</id>
<link href="https://wire.example.org/mubarak"/>
<published>2011-02-11T18:10:00+02:00</published><updated>2011-02-12T09:00:00Z</updated>
<summary type="html">&lt;p&gt;Hosni Mubarak resigned as president on Friday.&lt;/p&gt;</summary>
</entry></feed>"""
    )
    (doc,) = load_inputs([str(atom)]).documents
    assert (doc.title, doc.dct) == ("Mubarak steps down", "2011-02-11")
    assert doc.text == "Hosni Mubarak resigned as president on Friday."


def test_broken_feed_is_skipped_among_good_inputs(tmp_path):
    bad = tmp_path / "broken.rss"
    bad.write_text("<rss><channel><title>x</title>")
    result = load_inputs([str(bad), str(JSONL)])
    assert len(result.documents) == 3
    assert result.skipped[0][0] == str(bad)


# folders ------------------------------------------------------------------------------


def test_folder_is_read_recursively_and_bad_files_are_reported(tmp_path):
    root = tmp_path / "story"
    (root / "nested").mkdir(parents=True)
    shutil.copy(HTML, root / "page.html")
    shutil.copy(JSONL, root / "nested" / "wire.jsonl")
    shutil.copy(RSS, root / "nested" / "feed.xml")
    shutil.copy(NO_ARTICLE, root / "404.html")
    shutil.copy(SAMPLE / "afp-syria-coast-bombings.txt", root / "afp.txt")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 50)
    (root / ".hidden.txt").write_text("ignored")
    (root / "empty.txt").write_text("")
    result = load_inputs([str(root)])
    ids = sorted(d.id for d in result.documents)
    assert ids == [
        "afp",
        "feed-1",
        "feed-2",
        "page",
        "wire-0523-aden",
        "wire-0525-syria",
        "wire-0526-talks",
    ]
    dates = {d.id: d.dct for d in result.documents}
    assert dates["afp"] == "2016-05-23" and dates["page"] == "2016-05-24"
    skipped = dict(result.skipped)
    assert set(skipped) == {
        str(root / "404.html"),
        str(root / "photo.jpg"),
        str(root / "empty.txt"),
        str(root / "nested" / "feed.xml") + "#3",
    }
    assert "binary" in skipped[str(root / "photo.jpg")]


def test_missing_inputs_and_all_failing_inputs(tmp_path):
    result = load_inputs([str(tmp_path / "nope.txt"), str(JSONL)])
    assert (str(tmp_path / "nope.txt"), "no such file") in result.skipped
    with pytest.raises(TimelineError, match="no article could be read"):
        load_inputs([str(tmp_path / "nope.txt"), str(NO_ARTICLE)])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(TimelineError, match="folder has no files"):
        load_inputs([str(empty)])


def test_duplicate_ids_are_made_unique(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(HTML, tmp_path / "a" / "story.html")
    shutil.copy(HTML, tmp_path / "b" / "story.html")
    ids = [d.id for d in load_inputs([str(tmp_path)]).documents]
    assert ids == ["story", "story-2"]


@pytest.mark.parametrize(
    ("name", "head", "ctype", "kind"),
    [
        ("x.html", b"<!doctype html><html>", "", "html"),
        ("x", b"<?xml version='1.0'?><rss version='2.0'>", "", "feed"),
        ("x.xml", b"<html><body>", "", "html"),
        ("feed", b"<feed xmlns='http://www.w3.org/2005/Atom'>", "", "feed"),
        ("x", b'{"text": "a", "time": "2010-01-01"}', "", "jsonl"),
        ("x.jsonl.gz", b"\x1f\x8b", "", "jsonl"),
        ("x.txt", b"Plain words.", "", "text"),
        ("https://a.example/story", b"<html>", "text/html; charset=utf-8", "html"),
        ("https://a.example/rss", b"<?xml?><rss>", "text/xml", "feed"),
        ("https://a.example/rss", b"<rss>", "application/rss+xml", "feed"),
    ],
)
def test_sniffing(name, head, ctype, kind):
    assert sniff_kind(name, head, ctype) == kind


# URLs (a local server: no network needed) ---------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's API
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # quiet
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # the client hung up on purpose
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    _Handler.routes = {
        "/story": (200, "text/html; charset=utf-8", HTML.read_bytes()),
        "/feed": (200, "application/rss+xml", RSS.read_bytes()),
        "/huge": (200, "text/html", b"<html>" + b"x" * (11 * 1024 * 1024)),
        "/plain": (200, "text/plain", (SAMPLE / "afp-syria-coast-bombings.txt").read_bytes()),
    }
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        with private_networks():  # the server is on loopback, refused by default
            yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_urls_are_fetched_and_read_by_content_type(server):
    result = load_inputs(
        [f"{server}/story", f"{server}/feed", f"{server}/plain", f"{server}/missing"]
    )
    titles = [d.title for d in result.documents]
    assert "Syria mourns coast bombing victims as toll rises" in titles
    assert "Jableh reopens bus station after Monday's attack" in titles
    plain = [d for d in result.documents if d.url == f"{server}/plain"]
    assert plain and plain[0].dct == "2016-05-23"
    assert result.skipped[-1] == (f"{server}/missing", "HTTP error 404 Not Found")


def test_url_size_cap_and_unreachable_host(server):
    with pytest.raises(TimelineError, match="too large"):
        load_inputs([f"{server}/huge"])
    with pytest.raises(TimelineError, match="cannot fetch"):
        load_inputs(["http://127.0.0.1:9/story"])  # discard port: connection refused


def test_an_input_kind_is_one_registration(monkeypatch, tmp_path):
    from timeline.ingest import formats
    from timeline.ingest.article import make_document

    def read_upper(data, src):
        text = data.decode().upper()
        return [make_document(text, doc_id=src.doc_id, title=None, dct=src.date,
                              dct_source="option", path=src.path)], []

    kind = formats.InputKind("upper", "shouted text", read_upper, extensions=(".upper",))
    monkeypatch.setitem(formats.INPUT_KINDS, "upper", kind)
    path = tmp_path / "a.upper"
    path.write_text("Rebels attacked the city on Monday.")
    assert sniff_kind(str(path), b"Rebels") == "upper"
    (doc,) = load_inputs([str(path)], date="2016-05-23").documents
    assert doc.text == "REBELS ATTACKED THE CITY ON MONDAY." and doc.dct == "2016-05-23"


def test_a_declared_kind_defers_to_the_content_it_shows():
    assert sniff_kind("x.txt", b"<?xml version='1.0'?><rss version='2.0'>") == "feed"
    assert sniff_kind("x.txt", b"<html><body>Text</body></html>") == "text"  # pasted markup
    assert sniff_kind("x.rss", b"<rss version='2.0'><channel>") == "feed"
    assert sniff_kind("https://a.example/x", b"plain", "application/xml") == "html"
