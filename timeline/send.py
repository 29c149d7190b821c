"""Sending a written .eml file over SMTP (``timeline send``): delivery, not rendering.

The file is sent byte for byte as the renderer wrote it (:mod:`timeline.render.email`);
only a Date header may be put in front when the file has none. A file whose headers are
not the ones the renderer writes (a Cc, Bcc or Reply-To line, a header twice, a header
hiding a line break) is not sent. A login goes over TLS only (STARTTLS or SMTPS) unless
a cleartext login is asked for by name.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Sequence
from email import policy
from email.message import Message
from email.parser import BytesParser
from pathlib import Path

from timeline.errors import OptionError, TimelineError
from timeline.render.email import RENDERED_HEADERS, header_text
from timeline.render.escape import one_line

__all__ = ["parse_smtp", "send_eml"]

_MAX_PORT = 65535  # TCP ports are 16-bit, 0 is no port
_TIMEOUT = 30.0  # seconds to wait on the SMTP server before giving up
# What a file must have to be an email timeline wrote (its body follows Content-Type),
# and what it may have besides: those plus the Date that send itself puts in front.
_REQUIRED = ("Subject", "Message-ID", "MIME-Version", "Content-Type")
_ALLOWED = {h.lower() for h in (*RENDERED_HEADERS, "Date")}
_BLANKS = re.compile(r"[ \t]+")  # spaces and tabs only: a line break must stay visible


def parse_smtp(value: str) -> tuple[str, int]:
    """"HOST:PORT" (or "[v6]:PORT") -> (host, port)."""
    host, sep, port = value.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) <= _MAX_PORT:
        raise OptionError("smtp", f"expects HOST:PORT, got {value!r}")
    return host, int(port)


def _addrs_of(header: object) -> list[str]:
    if header is None:
        return []
    return [a.addr_spec for a in getattr(header, "addresses", ()) if a.addr_spec]


def _read(path: Path) -> bytes:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TimelineError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return data


def _check_headers(msg: Message, path: Path) -> None:
    """Refuse a file whose headers are not the renderer's: an extra header (Cc, Bcc,
    Reply-To: text of an article made into header lines), one given twice, a missing
    one, or one whose decoded value hides a line break, control or encoded-word."""
    names = [n.lower() for n in msg.keys()]
    for name in msg.keys():
        if name.lower() not in _ALLOWED:
            raise TimelineError(f"{path}: has a {one_line(name)!r} header, which timeline "
                                "never writes: not sent (render the email again)")
        if names.count(name.lower()) > 1:
            raise TimelineError(f"{path}: has more than one {name} header: not sent")
        try:
            shown = _BLANKS.sub(" ", str(msg[name])).strip()  # as decoded, unfolded
        except Exception:  # the email package's parsers raise many kinds on malformed input
            raise TimelineError(f"{path}: its {name} header cannot be read: not sent") from None
        if header_text(shown) != shown:
            raise TimelineError(f"{path}: its {name} header hides a line break, a control "
                                "character or an encoded-word: not sent")
    missing = [h for h in _REQUIRED if h.lower() not in names]
    if missing:
        raise TimelineError(f"{path} is not an email timeline wrote (no {missing[0]} header)")


def _envelope(msg: Message, to: Sequence[str], sender: str | None) -> tuple[str, list[str]]:
    """(envelope sender, recipients): the ones given, else the file's From and To.

    The To header of a rendered file is the user's own (``brief --email-to``); nothing
    else in the file is taken as a recipient.
    """
    get = msg.get
    recipients = [a.strip() for a in to if a.strip()]
    if not recipients:
        recipients = _addrs_of(get("To"))
    if not recipients:
        raise OptionError("to", "needs at least one address (the file has no To header)")
    for addr in [*recipients, sender or ""]:
        if any(c in addr for c in "\r\n<>") or " " in addr.strip():
            raise TimelineError(f"not an email address: {addr!r}")
    return sender or next(iter(_addrs_of(get("From"))), ""), recipients


def _login_allowed(user: str | None, password: str | None, tls: bool,
                   insecure_login: bool) -> None:
    """Checked before connecting: a password never crosses the network in cleartext
    unless that is asked for by name."""
    if not user:
        return
    if password is None:
        raise OptionError("user", "given but TIMELINE_SMTP_PASSWORD is not set")
    if not tls and not insecure_login:
        raise OptionError("user", "would send the password in cleartext: log in over TLS "
                          "(STARTTLS or SMTPS), or allow an insecure login explicitly")


def send_eml(
    path: Path,
    *,
    to: Sequence[str] = (),
    smtp: str,
    sender: str | None = None,
    starttls: bool = False,
    smtps: bool = False,
    user: str | None = None,
    password: str | None = None,
    insecure_login: bool = False,
    timeout: float = _TIMEOUT,
    date: str | None = None,
) -> str:
    """Send an .eml file as written (the received message equals the file).

    ``to`` and ``sender`` are the SMTP envelope only; the file's headers are never
    rewritten. Without them the envelope comes from the file's To and From headers
    (the addresses the user gave when rendering it). The file must have the renderer's
    headers and no other (see :func:`_check_headers`).
    ``date`` (an RFC 5322 date the caller took from the clock; the CLI passes the time
    of sending) is put in front as a Date header only when the file has none, so the
    received message is then exactly that header line followed by the file.
    ``starttls`` upgrades the connection, ``smtps`` speaks TLS from the start (both
    verify the server's certificate against the system's trusted authorities, or
    those in SSL_CERT_FILE). A ``user`` logs in only over one of them unless
    ``insecure_login``; refused before connecting. The password comes from the caller
    (the CLI reads TIMELINE_SMTP_PASSWORD), never from a flag. Returns the envelope
    sender used.
    """
    data = _read(path)
    msg = BytesParser(policy=policy.SMTP).parsebytes(data, headersonly=True)
    if "Subject" not in msg and "From" not in msg:
        raise TimelineError(f"{path} does not look like an email (.eml) file")
    _check_headers(msg, path)
    envelope_from, recipients = _envelope(msg, to, sender)
    if date is not None and msg.get("Date") is None:
        if not date.isascii() or not date.isprintable():
            raise TimelineError(f"not a date header: {date!r}")
        data = b"Date: " + date.encode("ascii") + b"\r\n" + data
    host, port = parse_smtp(smtp)
    if starttls and smtps:
        raise OptionError("smtps", "is TLS from the start; STARTTLS upgrades a plain "
                          "connection: choose one")
    _login_allowed(user, password, starttls or smtps, insecure_login)
    try:
        refused = _deliver(host, port, timeout, starttls=starttls, smtps=smtps, user=user,
                           password=password or "", mail=(envelope_from, recipients, data))
    except (smtplib.SMTPException, OSError) as exc:
        raise TimelineError(f"sending via {host}:{port} failed: {one_line(exc)}") from exc
    if refused:
        raise TimelineError(f"the server refused: {', '.join(sorted(refused))}")
    return envelope_from


def _deliver(host: str, port: int, timeout: float, *, starttls: bool, smtps: bool,
             user: str | None, password: str,
             mail: tuple[str, list[str], bytes]) -> dict[str, tuple[int, bytes]]:
    """One SMTP session: TLS as asked, the login, the message; the refused recipients."""
    context = ssl.create_default_context()
    client = (smtplib.SMTP_SSL(host, port, timeout=timeout, context=context) if smtps
              else smtplib.SMTP(host, port, timeout=timeout))
    with client:
        client.ehlo()
        if starttls:
            client.starttls(context=context)
            client.ehlo()
        if user:
            client.login(user, password)
        return client.sendmail(*mail)
