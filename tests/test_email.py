"""The .eml briefing (issue 6) and delivery over SMTP to a local aiosmtpd server."""

from __future__ import annotations

import email
import re
import socket
from email import policy
from pathlib import Path

import pytest
from briefings import SAMPLE_URL, sample_briefing, xss_briefing
from test_render_helpers import parse_html

from timeline.errors import OptionError, TimelineError
from timeline.render import render, write_briefing
from timeline.render.email import MAX_EML_BYTES
from timeline.send import parse_smtp, send_eml


def _parts(raw: bytes) -> tuple[email.message.EmailMessage, str, str]:
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert plain is not None and html is not None
    return msg, plain.get_content(), html.get_content()


@pytest.fixture(scope="module")
def sample_eml() -> bytes:
    return render(sample_briefing(), "eml")


def test_eml_is_multipart_alternative_with_both_parts(sample_eml: bytes) -> None:
    msg, plain, html = _parts(sample_eml)
    assert msg["Subject"] == sample_briefing().title
    assert plain.replace("\r\n", "\n") == render(sample_briefing(), "md").decode("utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "<table" in html and "Monday 23 May 2016" in text and "09:00 (06:00 UTC)" in text
    assert len(sample_eml) < MAX_EML_BYTES
    assert b"\r\n" in sample_eml and b"\n" not in sample_eml.replace(b"\r\n", b"")


def test_eml_headers_ready_to_send(sample_eml: bytes) -> None:
    msg = email.message_from_bytes(sample_eml, policy=policy.default)
    assert msg["MIME-Version"] == "1.0" and msg["Content-Language"] == "en"
    assert re.fullmatch(r"<[0-9a-f]{32}@timeline\.invalid>", msg["Message-ID"])
    # no clock in the renderer: no Date (send adds it), and the same briefing, same bytes
    assert msg["Date"] is None and render(sample_briefing(), "eml") == sample_eml
    assert msg["From"] is None and msg["To"] is None
    raw = render(sample_briefing(), "eml", email_from="Desk <desk@example.org>",
                 email_to=["a@example.org", "Zoë Editor <zoe@example.net>"])
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["From"].addresses[0].addr_spec == "desk@example.org"
    assert [a.addr_spec for a in msg["To"].addresses] == ["a@example.org", "zoe@example.net"]
    assert msg["To"].addresses[1].display_name == "Zoë Editor"
    assert msg["Message-ID"].endswith("@example.org>")
    assert raw.isascii()  # non-ASCII names and subjects are RFC 2047-encoded


def test_eml_subject_is_encoded_when_not_ascii() -> None:
    from dataclasses import replace

    title = "Syrie : plus de 148 morts — attentats à Jableh et Tartus, " + "x" * 90
    raw = render(replace(sample_briefing(), title=title), "eml", locale="fr")
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii() and b"=?utf-8?" in head
    assert all(len(line) <= 78 for line in head.split(b"\r\n"))
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"] == title


def test_eml_long_subject_is_cut_at_a_word() -> None:
    from dataclasses import replace

    title = "Bombings " + "on the Syrian coast " * 20
    msg = email.message_from_bytes(render(replace(sample_briefing(), title=title), "eml"),
                                   policy=policy.default)
    subject = msg["Subject"]
    assert len(subject) <= 200 and subject.endswith(" the…")
    assert title.startswith(subject[:-1])


@pytest.mark.parametrize("bad", ["not an address", "a@b.c\r\nBcc: x@y.z", "", "@", "a@b, c@d"])
def test_eml_rejects_bad_header_addresses(bad: str) -> None:
    with pytest.raises(OptionError, match="not an email address") as raised:
        render(sample_briefing(), "eml", email_from=bad or " x ")
    assert raised.value.option == "email_from"
    with pytest.raises(OptionError, match="not an email address") as raised:
        render(sample_briefing(), "eml", email_to=[bad or "<>"])
    assert raised.value.option == "email_to"


def test_eml_html_styles_are_inline(sample_eml: bytes) -> None:
    _, _, html = _parts(sample_eml)
    root = parse_html(html)
    styles = list(root.iter("style"))
    # only the @media rules (narrow screens, dark mode) cannot be inlined
    for s in styles:
        css = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", s.text()).strip()
        assert css == "", css
    assert "prefers-color-scheme: dark" in html
    assert root.find("link") is None and root.find("script") is None
    assert root.find("img") is None
    for tag in ("h1", "h2", "p", "td", "a"):
        for node in root.iter(tag):
            assert node.attrs.get("style"), (tag, node.attrs)
    tables = [t for t in root.iter("table") if t.attrs.get("width") == "600"]
    assert len(tables) == 1
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    assert urls == {SAMPLE_URL.replace("&", "&amp;")}
    assert 'name="color-scheme"' in html


def test_eml_entries_cite_sources_only_when_there_are_several(sample_eml: bytes) -> None:
    from briefings import story_briefing

    _, plain, html = _parts(sample_eml)
    assert "reported" not in html and "reported" not in plain  # one article: said once
    _, plain, html = _parts(render(story_briefing(), "eml"))
    root = parse_html(html)
    cites = [p.text() for p in root.iter("p") if "cite" in (p.attrs.get("class") or "")]
    assert cites[0] == ("Sources: AFP, reported 23 May 2016; Reuters, 24 May 2016; "
                        "Desk notes: what the envoy and the monitors…, 26 May 2016")
    assert len(cites) == 4
    # a repeated day shows no date cell text (the row above gives it)
    whens = [td.text() for td in root.iter("td") if "when" in (td.attrs.get("class") or "")]
    assert whens == ["Monday 23 May 2016", "09:00 (06:00 UTC)", "Tuesday 24 May 2016",
                     "Thursday 26 May 2016"]


def test_eml_escapes_untrusted_text() -> None:
    raw = render(xss_briefing(), "eml")
    msg, plain, html = _parts(raw)
    root = parse_html(html)
    for tag in ("script", "img", "svg", "b"):
        assert root.find(tag) is None, tag
    assert not [n for n in root.iter() if any(k.startswith("on") for k in n.attrs)]
    assert all(a.attrs["href"].startswith("https://evil.example/a%22") for a in root.iter("a"))
    assert "\n" not in msg["Subject"]
    assert "&lt;script&gt;" in plain


def test_parse_smtp() -> None:
    assert parse_smtp("127.0.0.1:2525") == ("127.0.0.1", 2525)
    assert parse_smtp("[::1]:25") == ("::1", 25)
    for bad in ("localhost", "host:0", "host:abc", ":25", "host:65536"):
        with pytest.raises(OptionError, match="expects HOST:PORT") as raised:
            parse_smtp(bad)
        assert raised.value.option == "smtp"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():  # noqa: ANN201 - yields (host:port, received list)
    pytest.importorskip("aiosmtpd")
    from aiosmtpd.controller import Controller

    received: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
            received.append(envelope)
            return "250 OK"

    port = _free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"127.0.0.1:{port}", received
    finally:
        controller.stop()


def test_send_delivers_the_file_unchanged(tmp_path: Path, smtp_server) -> None:  # noqa: ANN001
    address, received = smtp_server
    (path, *_rest) = write_briefing(sample_briefing(), tmp_path, ["eml"])
    sender = send_eml(path, to=["desk@example.org"], smtp=address, sender="me@example.org")
    assert sender == "me@example.org"
    assert len(received) == 1
    env = received[0]
    assert env.mail_from == "me@example.org" and env.rcpt_tos == ["desk@example.org"]
    assert env.original_content == path.read_bytes()


def test_send_adds_a_date_only_when_the_file_has_none(tmp_path: Path,
                                                      smtp_server) -> None:  # noqa: ANN001
    address, received = smtp_server
    (path, *_rest) = write_briefing(sample_briefing(), tmp_path, ["eml"])
    date = "Thu, 26 Nov 2026 09:00:00 +0000"
    send_eml(path, to=["desk@example.org"], smtp=address, sender="me@example.org", date=date)
    # received = that one header line, then the file byte for byte
    assert received[0].original_content == b"Date: " + date.encode() + b"\r\n" + path.read_bytes()
    dated = tmp_path / "dated.eml"
    dated.write_bytes(b"Date: Mon, 23 May 2016 12:00:00 +0000\r\n" + path.read_bytes())
    send_eml(dated, to=["desk@example.org"], smtp=address, sender="me@example.org", date=date)
    assert received[1].original_content == dated.read_bytes()


def test_send_envelope_defaults_to_the_file_headers(tmp_path: Path,
                                                    smtp_server) -> None:  # noqa: ANN001
    address, received = smtp_server
    (path, *_rest) = write_briefing(sample_briefing(), tmp_path, ["eml"],
                                    email_from="Desk <desk@example.org>",
                                    email_to=["a@example.org", "B <b@example.net>"])
    assert send_eml(path, smtp=address) == "desk@example.org"
    env = received[0]
    assert env.mail_from == "desk@example.org"
    assert env.rcpt_tos == ["a@example.org", "b@example.net"]
    assert env.original_content == path.read_bytes()
    # --to/--from override the envelope only; the headers stay as written
    send_eml(path, to=["c@example.org"], smtp=address, sender="bounce@example.org")
    assert received[1].rcpt_tos == ["c@example.org"]
    assert received[1].original_content == path.read_bytes()
    (plain, *_rest) = write_briefing(sample_briefing(), tmp_path / "plain", ["eml"])
    with pytest.raises(OptionError, match="needs at least one address") as raised:
        send_eml(plain, smtp=address)
    assert raised.value.option == "to"  # the CLI names the flag: "--to: needs ..."


def test_send_via_cli(tmp_path: Path, smtp_server, monkeypatch) -> None:  # noqa: ANN001
    from email.utils import parsedate_to_datetime

    from timeline.cli import main

    address, received = smtp_server
    out = tmp_path / "out"
    monkeypatch.delenv("TIMELINE_SMTP_PASSWORD", raising=False)
    assert main(["brief", "--sample", "--out", str(out), "--format", "eml",
                 "--email-from", "Desk <desk@example.org>", "--email-to", "a@example.org"]) == 0
    (path,) = out.glob("*.eml")
    head = path.read_bytes().split(b"\r\n\r\n", 1)[0]
    assert b"From: Desk <desk@example.org>\r\n" in head and b"To: a@example.org\r\n" in head
    assert b"\r\nDate:" not in head and not head.startswith(b"Date:")
    code = main(["send", str(path), "--smtp", address])
    assert code == 0
    env = received[0]
    assert env.mail_from == "desk@example.org" and env.rcpt_tos == ["a@example.org"]
    date_line, rest = env.original_content.split(b"\r\n", 1)
    assert rest == path.read_bytes()
    assert date_line.startswith(b"Date: ")
    assert parsedate_to_datetime(date_line[6:].decode()).tzinfo is not None


def test_send_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(TimelineError, match="cannot read"):
        send_eml(tmp_path / "missing.eml", to=["a@b.c"], smtp="127.0.0.1:25")
    (path, *_rest) = write_briefing(sample_briefing(), tmp_path, ["eml"])
    port = _free_port()  # nothing listens there
    with pytest.raises(TimelineError, match="failed"):
        send_eml(path, to=["a@b.c"], smtp=f"127.0.0.1:{port}", sender="x@y.z", timeout=5)
    with pytest.raises(OptionError, match="TIMELINE_SMTP_PASSWORD") as raised:
        send_eml(path, to=["a@b.c"], smtp=f"127.0.0.1:{port}", user="u")
    assert raised.value.option == "user"
    with pytest.raises(TimelineError, match="not an email address"):
        send_eml(path, to=["a@b.c\r\nRCPT TO:<x@y>"], smtp=f"127.0.0.1:{port}")


def test_long_briefing_email_keeps_what_fits_and_says_how_much_more() -> None:
    from datetime import date, timedelta

    from timeline.ingest.text import read_text
    from timeline.pipeline import BriefOptions, brief

    start = date(2015, 1, 1)
    lines = [
        f"On {(start + timedelta(days=n)).strftime('%B %d, %Y')} the council of district {n} "
        f"met for the {n}th time to discuss the budget of the water works."
        for n in range(1200)
    ]
    briefing = brief([read_text("\n\n".join(lines), date="2018-06-01")], BriefOptions())
    assert len(briefing.timeline.events) == 1200
    raw = render(briefing, "eml")
    assert len(raw) <= MAX_EML_BYTES
    _, plain, html = _parts(raw)
    kept = re.findall(r"^- \*\*(.+?)\*\* — .*district (\d+) ", plain, re.MULTILINE)
    assert 20 < len(kept) < 1200
    more = 1200 - len(kept)
    assert f"\r\n\r\nAnd {more:,} more dated events in the full briefing." in plain
    assert f"And {more:,} more dated events in the full briefing." in html
    assert "1,200 dated events" in plain  # the header counts the whole timeline
    # What the article tells first is kept, in timeline order.
    numbers = [int(n) for _, n in kept]
    assert numbers == sorted(numbers) and numbers[0] == 0
    # The full briefing itself is not cut.
    assert "And " not in render(briefing, "md").decode("utf-8").split("## Sources")[0][-200:]


def test_story_email_lists_only_the_sources_it_cites() -> None:
    from timeline.ingest.text import read_text
    from timeline.pipeline import BriefOptions, brief

    docs = [
        read_text(
            f"Engineers at well {n} reported on Monday that the pressure held steady after "
            f"the cap was fitted, officials of the {n}th response unit said in a long "
            f"statement about the {n} valves, pumps and pipes they had inspected.",
            date=f"2010-{1 + n // 28:02d}-{1 + n % 28:02d}",
            doc_id=f"d{n}",
        )
        for n in range(300)
    ]
    briefing = brief(docs, BriefOptions())
    raw = render(briefing, "eml")
    assert len(raw) <= MAX_EML_BYTES
    _, plain, _ = _parts(raw)
    listed = re.findall(r"^\d+\. ", plain.split("## Sources")[1], re.MULTILINE)
    cited = {c.doc_id for e in briefing.timeline.events for c in e.sources}
    cited |= {s.doc_id for s in briefing.summary}
    assert 0 < len(listed) <= len(cited) < 300


def test_email_whose_summary_alone_is_too_long_is_a_one_line_error() -> None:
    from timeline.ingest.text import read_text
    from timeline.pipeline import BriefOptions, brief

    text = "\n\n".join(
        f"Officials in district {n} said that the {n}th bridge would reopen after repairs "
        f"costing {n} million pounds were finished by the contractors of the county."
        for n in range(900)
    )
    briefing = brief([read_text(text, date="2016-05-23")], BriefOptions(words=20000))
    with pytest.raises(TimelineError, match=r"shorter summary \(fewer sentences or words\)") as err:
        render(briefing, "eml")
    assert "\n" not in str(err.value)
