"""Email: a ready-to-send .eml (multipart/alternative) and SMTP delivery of such a file.

The text/plain part is the Markdown summary; the HTML part is one ~600px column of
tables with every rule inlined into style attributes by css-inline (only the
@media rules for narrow screens and dark mode stay in a <style> block, since they
cannot be inlined). Nothing is loaded from the network and there are no scripts.
"""

from __future__ import annotations

import smtplib
import ssl
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from timeline.errors import TimelineError
from timeline.model import Briefing
from timeline.render.context import page_context
from timeline.render.dates import Labeler
from timeline.render.escape import one_line
from timeline.render.templating import render_template

__all__ = ["MAX_EML_BYTES", "email_html", "parse_smtp", "render_eml", "send_eml"]

MAX_EML_BYTES = 100_000


def email_html(briefing: Briefing, labeler: Labeler) -> str:
    """The email-safe HTML body, CSS inlined."""
    import css_inline

    ctx = page_context(briefing, labeler, index_href=None)
    page = render_template("email.html.j2", ctx)
    inliner = css_inline.CSSInliner(
        keep_at_rules=True,
        load_remote_stylesheets=False,
        keep_link_tags=False,
    )
    return inliner.inline(page)


def render_eml(briefing: Briefing, labeler: Labeler) -> bytes:
    """The .eml bytes (CRLF line ends, quoted-printable UTF-8 parts)."""
    plain = render_template("briefing.md.j2", page_context(briefing, labeler), markdown=True)
    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = one_line(briefing.title)[:250] or "Briefing"
    msg["MIME-Version"] = "1.0"
    msg["Content-Language"] = labeler.tag.replace("_", "-")
    msg.set_content(plain, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(email_html(briefing, labeler), subtype="html", charset="utf-8",
                        cte="quoted-printable")
    data = msg.as_bytes(policy=policy.SMTP)
    if len(data) > MAX_EML_BYTES:
        raise TimelineError(
            f"the email would be {len(data) // 1000} KB (limit {MAX_EML_BYTES // 1000} KB): "
            "use fewer sentences or dates"
        )
    return data


def parse_smtp(value: str) -> tuple[str, int]:
    """"HOST:PORT" (or "[v6]:PORT") -> (host, port)."""
    host, sep, port = value.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise TimelineError(f"--smtp expects HOST:PORT, got {value!r}")
    return host, int(port)


def send_eml(
    path: Path,
    *,
    to: list[str],
    smtp: str,
    sender: str | None = None,
    starttls: bool = False,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 30.0,
) -> str:
    """Send an .eml file exactly as written (the received message equals the file).

    ``to`` and ``sender`` are the SMTP envelope; the file's own headers are not
    rewritten. ``sender`` defaults to the file's From header. The password comes from
    the caller (the CLI reads TIMELINE_SMTP_PASSWORD), never from a flag.
    Returns the envelope sender used.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TimelineError(f"cannot read {path}: {exc.strerror or exc}") from exc
    msg = BytesParser(policy=policy.SMTP).parsebytes(data, headersonly=True)
    if not msg.get("Subject") and not msg.get("From"):
        raise TimelineError(f"{path} does not look like an email (.eml) file")
    recipients = [a.strip() for a in to if a.strip()]
    if not recipients:
        raise TimelineError("--to needs at least one address")
    for addr in [*recipients, sender or ""]:
        if any(c in addr for c in "\r\n<>") or " " in addr.strip():
            raise TimelineError(f"not an email address: {addr!r}")
    envelope_from = sender or _addr_of(msg.get("From")) or ""
    host, port = parse_smtp(smtp)
    if user and password is None:
        raise TimelineError("--user given but TIMELINE_SMTP_PASSWORD is not set")
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


def _addr_of(header: object) -> str | None:
    if header is None:
        return None
    addresses = getattr(header, "addresses", ())
    return addresses[0].addr_spec if addresses else None
