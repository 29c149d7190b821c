"""Sending a written .eml file over SMTP (``timeline send``): delivery, not rendering.

The file is sent byte for byte as the renderer wrote it (:mod:`timeline.render.email`);
only a Date header may be put in front when the file has none.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from email import policy
from email.message import Message
from email.parser import BytesParser
from pathlib import Path

from timeline.errors import OptionError, TimelineError
from timeline.render.escape import one_line

__all__ = ["parse_smtp", "send_eml"]

_MAX_PORT = 65535  # TCP ports are 16-bit, 0 is no port
_TIMEOUT = 30.0  # seconds to wait on the SMTP server before giving up


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


def _envelope(msg: Message, to: Sequence[str], sender: str | None) -> tuple[str, list[str]]:
    """(envelope sender, recipients): the ones given, else the file's From and To/Cc."""
    get = msg.get
    recipients = [a.strip() for a in to if a.strip()]
    if not recipients:
        recipients = [a for h in ("To", "Cc") for a in _addrs_of(get(h))]
    if not recipients:
        raise OptionError("to", "needs at least one address (the file has no To header)")
    for addr in [*recipients, sender or ""]:
        if any(c in addr for c in "\r\n<>") or " " in addr.strip():
            raise TimelineError(f"not an email address: {addr!r}")
    return sender or next(iter(_addrs_of(get("From"))), ""), recipients


def send_eml(
    path: Path,
    *,
    to: Sequence[str] = (),
    smtp: str,
    sender: str | None = None,
    starttls: bool = False,
    user: str | None = None,
    password: str | None = None,
    timeout: float = _TIMEOUT,
    date: str | None = None,
) -> str:
    """Send an .eml file as written (the received message equals the file).

    ``to`` and ``sender`` are the SMTP envelope only; the file's headers are never
    rewritten. Without them the envelope comes from the file's To/Cc and From headers.
    ``date`` (an RFC 5322 date the caller took from the clock; the CLI passes the time
    of sending) is put in front as a Date header only when the file has none, so the
    received message is then exactly that header line followed by the file.
    The password comes from the caller (the CLI reads TIMELINE_SMTP_PASSWORD), never
    from a flag. Returns the envelope sender used.
    """
    data = _read(path)
    msg = BytesParser(policy=policy.SMTP).parsebytes(data, headersonly=True)
    if not msg.get("Subject") and not msg.get("From"):
        raise TimelineError(f"{path} does not look like an email (.eml) file")
    envelope_from, recipients = _envelope(msg, to, sender)
    if date is not None and msg.get("Date") is None:
        if any(c in date for c in "\r\n") or not date.isascii():
            raise TimelineError(f"not a date header: {date!r}")
        data = b"Date: " + date.encode("ascii") + b"\r\n" + data
    host, port = parse_smtp(smtp)
    if user and password is None:
        raise OptionError("user", "given but TIMELINE_SMTP_PASSWORD is not set")
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as client:
            client.ehlo()
            if starttls:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if user:
                client.login(user, password or "")
            refused = client.sendmail(envelope_from, recipients, data)
    except (smtplib.SMTPException, OSError) as exc:
        raise TimelineError(f"sending via {host}:{port} failed: {one_line(exc)}") from exc
    if refused:
        raise TimelineError(f"the server refused: {', '.join(sorted(refused))}")
    return envelope_from
