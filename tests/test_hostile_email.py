"""Issue 16, items 1 and 4: hostile titles never become email headers; `send` logs in
only over TLS.

Item 1: an RFC 2047 encoded-word in an untrusted title (JSON Lines, an RSS item, ...) was
decoded by the email package into real ``Cc:``/``Bcc:``/``Reply-To:`` lines, or into a
forged body; ``timeline send`` then mailed whoever the file's Cc named. Each test parses
the written .eml with the standard library and asserts the header set and the body.
Item 4: ``send --user`` sent AUTH PLAIN in cleartext without a word. The SMTP servers are
aiosmtpd on 127.0.0.1, started here; the TLS certificates are made here, on the fly.
"""

from __future__ import annotations

import base64
import email
import ipaddress
import json
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from briefings import sample_briefing
from hypothesis import given, settings
from hypothesis import strategies as st
from test_digest import rss

from timeline.cli import main
from timeline.errors import OptionError, TimelineError
from timeline.render import render, write_briefing
from timeline.render.dates import get_labeler
from timeline.render.email import RENDERED_HEADERS, compose_eml, email_html, header_text
from timeline.send import send_eml

ATTACKER = "attacker@evil.example"
DESK = "desk@example.org"
FROM = "Desk <news@example.org>"
PASSWORD = "s3cret-pw"


def _b64(text: str, charset: str = "utf-8") -> str:
    return f"=?{charset}?b?{base64.b64encode(text.encode(charset)).decode('ascii')}?="


# (title, the Subject we intend). Each would have added a header line or a forged body.
ATTACKS = [
    ("=?utf-8?q?Council_vote=0D=0ACc:_attacker@evil.example?=",
     "Council vote Cc: attacker@evil.example"),
    ("=?UTF-8?Q?Council_vote=0D=0ABcc:_attacker@evil.example?=",
     "Council vote Bcc: attacker@evil.example"),
    ("=?utf-8?q?Council_vote=0D=0AReply-To:_attacker@evil.example?=",
     "Council vote Reply-To: attacker@evil.example"),
    ("=?utf-8?q?Council_vote=0D=0A=0D=0AForged_body:_wire_the_money?=",
     "Council vote Forged body: wire the money"),
    (_b64("Council vote\r\nBcc: attacker@evil.example\r\n\r\nForged body"),
     "Council vote Bcc: attacker@evil.example Forged body"),
    (_b64("Caf\u00e9 vote\r\nCc: attacker@evil.example", "iso-8859-1"),
     "Caf\u00e9 vote Cc: attacker@evil.example"),
    (_b64("Council vote\r\nCc: attacker@evil.example", "utf-16"),
     "Council vote Cc: attacker@evil.example"),
    ("=?utf-8*en?q?Council_vote=0ACc:_attacker@evil.example?=",
     "Council vote Cc: attacker@evil.example"),
    ("=?x-no-such-charset?q?Council_vote=0D=0ACc:_attacker@evil.example?=",
     "Council vote Cc: attacker@evil.example"),
    # adjacent encoded-words: the space between them is not part of the text
    ("=?utf-8?q?Council_vote?= =?utf-8?q?=0D=0ACc:_attacker@evil.example?=",
     "Council vote Cc: attacker@evil.example"),
    # an encoded-word glued to a word, and one inside another (decoded twice)
    ("Vote=?utf-8?q?=0D=0ACc:_attacker@evil.example?=", "Vote Cc: attacker@evil.example"),
    (_b64("=?utf-8?q?Council_vote=0D=0ABcc:_attacker@evil.example?="),
     "Council vote Bcc: attacker@evil.example"),
    # raw line breaks and controls in the title itself
    ("Council vote\r\nCc: attacker@evil.example", "Council vote Cc: attacker@evil.example"),
    ("Council vote\nBcc: attacker@evil.example\n\nForged body",
     "Council vote Bcc: attacker@evil.example Forged body"),
    ("Council \x00vote \x1b[31mred\u2028Cc: attacker@evil.example\u0085Reply-To: x@evil.example",
     "Council vote [31mred Cc: attacker@evil.example Reply-To: x@evil.example"),
    ("Council\rvote\x7f\x9b\u2029Bcc:\tattacker@evil.example",
     "Council vote Bcc: attacker@evil.example"),
]


def _head_lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")


def _assert_headers_exact(raw: bytes, names: list[str]) -> EmailMessage:
    """The .eml, parsed, has exactly ``names`` as headers, each once, and every header
    line of the file is one of them or a folded continuation."""
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    assert msg.keys() == names
    for line in _head_lines(raw):
        assert line.isascii()
        assert line[:1] in (b" ", b"\t") or line.split(b":", 1)[0].decode() in names, line
    assert not msg.defects
    return msg


def _body(msg: EmailMessage) -> tuple[str, str]:
    assert msg.get_content_type() == "multipart/alternative"
    parts = list(msg.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    return parts[0].get_content(), parts[1].get_content()


ALL = list(RENDERED_HEADERS)


@pytest.mark.parametrize(("title", "subject"), ATTACKS)
def test_item1_title_attack_stays_in_the_subject(title: str, subject: str) -> None:
    briefing = replace(sample_briefing(), title=title)
    raw = render(briefing, "eml", email_from=FROM, email_to=[DESK])
    msg = _assert_headers_exact(raw, ALL)
    assert msg["Subject"] == subject
    assert msg["From"].addresses[0].addr_spec == "news@example.org"
    assert [a.addr_spec for a in msg["To"].addresses] == [DESK]
    assert ATTACKER not in str(msg["To"]) + str(msg["From"])
    # the body is the briefing, not a forged one
    plain, html = _body(msg)
    assert plain.replace("\r\n", "\n") == render(briefing, "md").decode("utf-8")
    assert html.replace("\r\n", "\n").rstrip("\n") == email_html(briefing, get_labeler("en"))
    # without From/To the set is the same minus those two
    bare = _assert_headers_exact(render(briefing, "eml"), ALL[2:])
    assert bare["Subject"] == subject


def test_item1_subject_is_the_decoded_text_once_clean() -> None:
    # Ordinary titles (ASCII, accents, non-Latin) are unchanged, and encoded on output.
    for title in ("Syria: more than 148 killed", "Syrie : attentats à Jableh",
                  "叙利亚沿海地区爆炸", "Rates rise =? again ?= say banks"):
        assert header_text(title) == title
        raw = render(replace(sample_briefing(), title=title), "eml")
        assert _assert_headers_exact(raw, ALL[2:])["Subject"] == title
    # Nested deeper than the email package should ever be asked to decode: still one
    # header, whose text is no longer an encoded-word.
    deep = "Council vote\r\nCc: attacker@evil.example"
    for _ in range(12):
        deep = _b64(deep)
    raw = render(replace(sample_briefing(), title=deep), "eml", email_to=[DESK])
    msg = _assert_headers_exact(raw, ["To", *ALL[2:]])
    assert "=?" not in msg["Subject"] and "\n" not in msg["Subject"]
    assert header_text(msg["Subject"]) == msg["Subject"]


def test_item1_long_non_ascii_subject_keeps_every_space() -> None:
    # The email package (3.11) folded such a subject between two encoded-words at a
    # space, which readers drop: "Straße — »" came back as "Straße— »".
    for title in ("沿海 réfugiés et Syrie Genève Straße — » de morts",
                  "Über présidentielle Genève x@y.z morts élections — Bcc: 沿海 x@y.z 叙利亚 "
                  "élections plus réfugiés x@y.z l'État de 沿海 morts l'État Straße"):
        raw = render(replace(sample_briefing(), title=title), "eml")
        assert _assert_headers_exact(raw, ALL[2:])["Subject"] == title
        assert all(len(line) <= 78 for line in _head_lines(raw))


_WORDS = st.sampled_from(["=?", "?=", "?q?", "?b?", "utf-8", "=0D", "=0A", "_", "Cc:",
                          "Bcc: x@y.z", " ", "\r\n", "\n\n", "\x00", "\x1b", "\u2028",
                          "\u0085", "\ud800", "=?utf-8?q?", "=?utf-8?b?", "DQpDYzogeEB5Lno=",
                          "vote", "é", "\t"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS | st.text(max_size=6), max_size=14).map("".join))
def test_item1_any_title_is_one_clean_subject(title: str) -> None:
    subject = header_text(title)
    assert header_text(subject) == subject  # a fixpoint: nothing left to decode
    assert not any(c in subject for c in "\r\n\x00\x1b\u2028\u0085")
    # the writer of both emails (briefing and digest), given the raw title
    raw = compose_eml(subject=title, sender=FROM, recipients=[DESK],
                      message_id="<1@timeline.invalid>", plain="Plain text.\n",
                      html="<p>HTML</p>\n", lang="en", boundary="=_b")
    msg = _assert_headers_exact(raw, ALL)
    assert msg["Subject"] == subject
    assert [a.addr_spec for a in msg["To"].addresses] == [DESK]
    plain, html = _body(msg)
    assert (plain, html) == ("Plain text.\r\n", "<p>HTML</p>\r\n")


@pytest.mark.parametrize("bad", [
    "news@example.org (=?utf-8?q?x=0D=0ABcc:_attacker@evil.example?=)",
    "=?utf-8?q?Desk=0D=0ABcc:_attacker@evil.example?= <news@example.org>",
    "news@example.org\r\nBcc: attacker@evil.example",
    ".:",  # the email package raised AttributeError on it (exit 70)
])
def test_item1_user_addresses_hiding_line_breaks_are_refused(bad: str) -> None:
    for option, kwargs in (("email_from", {"email_from": bad}),
                           ("email_to", {"email_to": [bad]})):
        with pytest.raises(OptionError, match="not an email address") as raised:
            render(sample_briefing(), "eml", **kwargs)
        assert raised.value.option == option


def _jsonl(path: Path, title: str) -> Path:
    text = ("The council voted on Monday to close the old bridge. Repairs will start on "
            "June 3, 2024, the mayor said. The bridge opened in 1931.")
    path.write_text(json.dumps({"id": "a1", "title": title, "time": "2024-05-20",
                                "text": text}) + "\n", "utf-8")
    return path


def test_item1_brief_from_jsonl_writes_no_injected_header(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", ATTACKS[0][0])
    out = tmp_path / "out"
    assert main(["brief", str(src), "--format", "eml,md", "--out", str(out),
                 "--email-from", FROM, "--email-to", DESK]) == 0
    (eml,) = out.glob("*.eml")
    msg = _assert_headers_exact(eml.read_bytes(), ALL)
    assert msg["Subject"] == "Council vote Cc: attacker@evil.example"
    plain, _ = _body(msg)
    (md,) = out.glob("*.md")
    assert plain.replace("\r\n", "\n") == md.read_text("utf-8")


def test_item1_digest_from_rss_base64_titles_writes_no_injected_header(
        tmp_path: Path) -> None:
    titles = [_b64("Riverton bridge collapses\r\nBcc: attacker@evil.example"),
              _b64("Bridge falls into river\r\n\r\nForged body"),
              "=?utf-8?q?Inquiry_into_bridge=0D=0AReply-To:_attacker@evil.example?="]
    texts = ["The Hallam Street bridge in Riverton collapsed on Tuesday morning. Rescue "
             "crews pulled six people from the river.",
             "Divers rescued six people after the Hallam Street bridge in Riverton fell "
             "into the river on Tuesday.",
             "The mayor of Riverton ordered an inquiry into the collapse of the Hallam "
             "Street bridge on Tuesday."]
    feed = tmp_path / "feed.rss"
    feed.write_text(rss("alpha", list(zip(titles, texts, strict=True))), "utf-8")
    out = tmp_path / "out"
    assert main(["digest", str(feed), "--format", "eml,md", "--out", str(out),
                 "--email-from", FROM, "--email-to", DESK]) == 0
    (eml,) = out.glob("digest-*.eml")
    msg = _assert_headers_exact(eml.read_bytes(), ALL)
    assert msg["Subject"].startswith("Digest, ")
    assert [a.addr_spec for a in msg["To"].addresses] == [DESK]
    plain, _ = _body(msg)
    (md,) = out.glob("digest-*.md")
    assert plain.replace("\r\n", "\n") == md.read_text("utf-8")


# --- send: an aiosmtpd server on 127.0.0.1 that records what it is told --------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    address: str
    received: list[Any] = field(default_factory=list)  # envelopes
    ehlos: list[str] = field(default_factory=list)  # one per client session
    logins: list[tuple[str, str, str, bool]] = field(default_factory=list)
    # (mechanism, login, password, over TLS) for every AUTH the server saw


def _serve(**smtp_kwargs: Any) -> Iterator[Server]:
    pytest.importorskip("aiosmtpd")
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    server = Server("")

    class Handler:
        async def handle_EHLO(self, srv, session, envelope, hostname,  # noqa: ANN001, ANN201, N802
                              responses):
            server.ehlos.append(hostname)
            session.host_name = hostname  # what aiosmtpd's own EHLO does with it
            return responses

        async def handle_DATA(self, srv, session, envelope):  # noqa: ANN001, ANN201, N802
            server.received.append(envelope)
            return "250 OK"

    def authenticator(srv, session, envelope, mechanism, data):  # noqa: ANN001, ANN202
        tls = srv.transport.get_extra_info("ssl_object") is not None
        if isinstance(data, LoginPassword):
            server.logins.append((mechanism, data.login.decode(), data.password.decode(), tls))
        else:
            server.logins.append((mechanism, "", "", tls))
        return AuthResult(success=True)

    port = _free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port,
                            authenticator=authenticator, **smtp_kwargs)
    controller.start()
    server.address = f"127.0.0.1:{port}"
    try:
        yield server
    finally:
        controller.stop()


@pytest.fixture
def plain_server() -> Iterator[Server]:
    """No TLS; AUTH offered in cleartext (as a careless server would), so any login a
    client tries is seen here."""
    yield from _serve(auth_require_tls=False)


@pytest.fixture
def brief_eml(tmp_path: Path) -> Path:
    """A briefing .eml whose title carries the Cc/Bcc attack, rendered from JSON Lines
    with the user's --email-to."""
    title = _b64("Council vote\r\nCc: attacker@evil.example\r\nBcc: attacker@evil.example")
    src = _jsonl(tmp_path / "in.jsonl", title)
    out = tmp_path / "out"
    assert main(["brief", str(src), "--format", "eml", "--out", str(out),
                 "--email-from", FROM, "--email-to", DESK,
                 "--email-to", "Night Desk <night@example.org>"]) == 0
    (eml,) = out.glob("*.eml")
    return eml


def test_item1_send_without_to_mails_only_the_users_recipients(
        brief_eml: Path, plain_server: Server, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMELINE_SMTP_PASSWORD", raising=False)
    assert main(["send", str(brief_eml), "--smtp", plain_server.address]) == 0
    assert "sent" in capsys.readouterr().out
    (env,) = plain_server.received
    assert env.rcpt_tos == [DESK, "night@example.org"]
    assert env.mail_from == "news@example.org"
    date_line, rest = env.original_content.split(b"\r\n", 1)
    assert date_line.startswith(b"Date: ") and rest == brief_eml.read_bytes()
    msg = _assert_headers_exact(env.original_content, ["Date", *ALL])
    assert msg["Subject"] == ("Council vote Cc: attacker@evil.example "
                              "Bcc: attacker@evil.example")


def _forge(eml: Path, old: bytes, new: bytes) -> Path:
    data = eml.read_bytes()
    assert data.count(old) == 1
    forged = eml.with_name("forged.eml")
    forged.write_bytes(data.replace(old, new))
    return forged


@pytest.mark.parametrize(("old", "new", "why"), [
    # what an older timeline wrote for such a title: real header lines
    (b"\r\nMessage-ID:", b"\r\nCc: attacker@evil.example\r\nMessage-ID:", "'Cc' header"),
    (b"\r\nMessage-ID:", b"\r\nBcc: attacker@evil.example\r\nMessage-ID:", "'Bcc' header"),
    (b"\r\nMessage-ID:", b"\r\nReply-To: attacker@evil.example\r\nMessage-ID:",
     "'Reply-To' header"),
    (b"\r\nMessage-ID:", b"\r\nTo: attacker@evil.example\r\nMessage-ID:",
     "more than one To header"),
    # the body replaced: the headers end at the forged blank line
    (b"\r\nMessage-ID:", b"\r\n\r\nForged body\r\nMessage-ID:", "no Message-ID header"),
    # a header the email package cannot parse (it raised IndexError: exit 70)
    (b"\r\nMessage-ID: <", b"\r\nMessage-ID: <>\r\nX-Old-Message-ID: <",
     "Message-ID header cannot be read"),
    # a header line that still hides a line break once decoded
    (b"\r\nMessage-ID:", b" =?utf-8?q?x=0D=0ABcc:_attacker@evil.example?=\r\nMessage-ID:",
     "Subject header hides a line break"),
])
def test_item1_send_refuses_a_file_with_forged_headers(
        brief_eml: Path, plain_server: Server, old: bytes, new: bytes, why: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    forged = _forge(brief_eml, old, new)
    for extra in ([], ["--to", DESK]):
        code = main(["send", str(forged), "--smtp", plain_server.address, *extra])
        err = capsys.readouterr().err
        assert code == 2 and why in err and "not" in err
        assert err.count("\n") == 1 and "Traceback" not in err
    assert plain_server.received == [] and plain_server.ehlos == []


def test_item1_send_writes_only_a_clean_date(brief_eml: Path, plain_server: Server) -> None:
    for bad in ("Mon, 1 Jan 2024 00:00:00 +0000\r\nBcc: attacker@evil.example",
                "Mon, 1 Jan 2024\x00", "Lun, 1 janv. 2024 \u2028"):
        with pytest.raises(TimelineError, match="not a date header"):
            send_eml(brief_eml, smtp=plain_server.address, date=bad)
    assert plain_server.received == []


# --- item 4: a login only over TLS --------------------------------------------------

def test_item4_login_without_tls_is_refused_before_any_auth(
        brief_eml: Path, plain_server: Server, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_SMTP_PASSWORD", PASSWORD)
    code = main(["send", str(brief_eml), "--smtp", plain_server.address, "--user", "desk"])
    err = capsys.readouterr().err
    assert code == 2
    assert err == ("timeline: error: --user: would send the password in cleartext: log in "
                   "over TLS (STARTTLS or SMTPS), or allow an insecure login explicitly\n")
    assert PASSWORD not in err
    # refused before connecting: no session, no AUTH, no message
    assert plain_server.ehlos == [] and plain_server.logins == []
    assert plain_server.received == []
    with pytest.raises(OptionError, match="cleartext") as raised:
        send_eml(brief_eml, smtp=plain_server.address, user="desk", password=PASSWORD)
    assert raised.value.option == "user"
    assert plain_server.logins == []


def test_item4_insecure_login_is_a_cleartext_login_asked_for_by_name(
        brief_eml: Path, plain_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_SMTP_PASSWORD", PASSWORD)
    assert main(["send", str(brief_eml), "--smtp", plain_server.address, "--user", "desk",
                 "--insecure-login"]) == 0
    assert [(login, pw, tls) for _, login, pw, tls in plain_server.logins] == [
        ("desk", PASSWORD, False)]
    (env,) = plain_server.received
    assert env.rcpt_tos == [DESK, "night@example.org"]


@dataclass
class Certs:
    ca: Path  # the authority's certificate (what the client trusts)
    chain: Path  # the server's certificate
    key: Path  # the server's key


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    """A throwaway certificate authority and a server certificate for 127.0.0.1."""
    from datetime import UTC, datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder = tmp_path_factory.mktemp("certs")
    start, end = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("timeline test CA"))
          .issuer_name(name("timeline test CA")).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(start)
          .not_valid_after(end)
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True,
                                       crl_sign=True, content_commitment=False,
                                       key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False,
                                       decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                         critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder().subject_name(name("127.0.0.1"))
            .issuer_name(ca.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    out = Certs(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    out.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    out.chain.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    out.key.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return out


def _server_context(certs: Certs) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certs.chain, certs.key)
    return context


@pytest.fixture
def starttls_server(certs: Certs) -> Iterator[Server]:
    """STARTTLS offered; AUTH only after it (aiosmtpd's default)."""
    yield from _serve(tls_context=_server_context(certs), require_starttls=True)


@pytest.fixture
def smtps_server(certs: Certs) -> Iterator[Server]:
    """TLS from the first byte (SMTPS); aiosmtpd counts only STARTTLS as TLS for AUTH."""
    yield from _serve(ssl_context=_server_context(certs), auth_require_tls=False)  # TLS anyway


def test_item4_starttls_login_over_a_verified_connection(
        brief_eml: Path, starttls_server: Server, certs: Certs,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("SSL_CERT_FILE", str(certs.ca))  # the client trusts our CA
    assert main(["send", str(brief_eml), "--smtp", starttls_server.address, "--user", "desk",
                 "--starttls"]) == 0
    assert [(login, pw, tls) for _, login, pw, tls in starttls_server.logins] == [
        ("desk", PASSWORD, True)]
    (env,) = starttls_server.received
    assert env.rcpt_tos == [DESK, "night@example.org"]
    assert env.original_content.split(b"\r\n", 1)[1] == brief_eml.read_bytes()


def test_item4_smtps_login_over_a_verified_connection(
        brief_eml: Path, smtps_server: Server, certs: Certs,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("SSL_CERT_FILE", str(certs.ca))
    assert main(["send", str(brief_eml), "--smtp", smtps_server.address, "--user", "desk",
                 "--smtps"]) == 0
    assert [(login, tls) for _, login, _, tls in smtps_server.logins] == [("desk", True)]
    assert len(smtps_server.received) == 1


def test_item4_an_untrusted_certificate_gets_no_password(
        brief_eml: Path, starttls_server: Server, certs: Certs,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("SSL_CERT_FILE", str(certs.chain))  # trusts some other certificate
    code = main(["send", str(brief_eml), "--smtp", starttls_server.address, "--user", "desk",
                 "--starttls"])
    err = capsys.readouterr().err
    assert code == 2 and "failed" in err and "CERTIFICATE_VERIFY_FAILED" in err
    assert err.count("\n") == 1 and PASSWORD not in err
    assert starttls_server.logins == [] and starttls_server.received == []


def test_item4_starttls_asked_but_not_offered_sends_nothing(
        brief_eml: Path, plain_server: Server, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_SMTP_PASSWORD", PASSWORD)
    code = main(["send", str(brief_eml), "--smtp", plain_server.address, "--user", "desk",
                 "--starttls"])
    err = capsys.readouterr().err
    assert code == 2 and "STARTTLS" in err and err.count("\n") == 1
    assert plain_server.logins == [] and plain_server.received == []
    code = main(["send", str(brief_eml), "--smtp", plain_server.address, "--starttls",
                 "--smtps"])
    assert code == 2 and "--smtps:" in capsys.readouterr().err
    assert plain_server.received == []


def test_item4_no_user_needs_no_tls(tmp_path: Path, plain_server: Server) -> None:
    (path, *_rest) = write_briefing(sample_briefing(), tmp_path, ["eml"])
    send_eml(path, to=[DESK], smtp=plain_server.address, sender="me@example.org")
    assert plain_server.logins == [] and len(plain_server.received) == 1
