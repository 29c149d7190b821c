"""The .eml briefing (issue 6) and delivery over SMTP to a local aiosmtpd server."""

from __future__ import annotations

import email
import re
import socket
from email import policy
from pathlib import Path

import pytest
from test_render_helpers import parse_html

from timeline.errors import TimelineError
from timeline.render import render, write_briefing
from timeline.render.email import MAX_EML_BYTES, parse_smtp, send_eml
from timeline.render.fixtures import SAMPLE_URL, sample_briefing, xss_briefing


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
    assert "<table" in html and "Monday 23 May 2016, 09:00 (06:00 UTC)" in html
    assert len(sample_eml) < MAX_EML_BYTES
    assert b"\r\n" in sample_eml and b"\n" not in sample_eml.replace(b"\r\n", b"")


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
    for bad in ("localhost", "host:0", "host:abc", ":25"):
        with pytest.raises(TimelineError):
            parse_smtp(bad)


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


def test_send_via_cli(tmp_path: Path, smtp_server, monkeypatch) -> None:  # noqa: ANN001
    from timeline.cli import main

    if "send" not in main.__globals__.get("COMMANDS", {}):
        pytest.skip("the CLI has no send command yet")
    address, received = smtp_server
    (path, *_rest) = write_briefing(sample_briefing(), tmp_path, ["eml"])
    monkeypatch.delenv("TIMELINE_SMTP_PASSWORD", raising=False)
    code = main(["send", str(path), "--to", "desk@example.org", "--smtp", address,
                 "--from", "me@example.org"])
    assert code == 0
    assert received[0].original_content == path.read_bytes()


def test_send_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(TimelineError, match="cannot read"):
        send_eml(tmp_path / "missing.eml", to=["a@b.c"], smtp="127.0.0.1:25")
    (path, *_rest) = write_briefing(sample_briefing(), tmp_path, ["eml"])
    port = _free_port()  # nothing listens there
    with pytest.raises(TimelineError, match="failed"):
        send_eml(path, to=["a@b.c"], smtp=f"127.0.0.1:{port}", sender="x@y.z", timeout=5)
    with pytest.raises(TimelineError, match="TIMELINE_SMTP_PASSWORD"):
        send_eml(path, to=["a@b.c"], smtp=f"127.0.0.1:{port}", user="u")
    with pytest.raises(TimelineError, match="not an email address"):
        send_eml(path, to=["a@b.c\r\nRCPT TO:<x@y>"], smtp=f"127.0.0.1:{port}")
