"""Email: a ready-to-send .eml (multipart/alternative) and SMTP delivery of such a file.

The text/plain part is the Markdown summary; the HTML part is one ~600px column of
tables with every rule inlined into style attributes by css-inline (only the
@media rules for narrow screens and dark mode stay in a <style> block, since they
cannot be inlined). Nothing is loaded from the network and there are no scripts.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import replace
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from timeline.errors import TimelineError
from timeline.model import Briefing, Event, Timeline
from timeline.render.context import page_context
from timeline.render.dates import Labeler
from timeline.render.escape import one_line
from timeline.render.templating import render_template

__all__ = ["MAX_EML_BYTES", "email_html", "parse_smtp", "render_eml", "send_eml"]

MAX_EML_BYTES = 100_000
MAX_SUBJECT = 200  # characters


def email_html(briefing: Briefing, labeler: Labeler, *, omitted: int = 0) -> str:
    """The email-safe HTML body, CSS inlined (``omitted``: entries left out, noted)."""
    import css_inline

    ctx = page_context(briefing, labeler, index_href=None, omitted=omitted)
    page = render_template("email.html.j2", ctx)
    inliner = css_inline.CSSInliner(
        keep_at_rules=True,
        load_remote_stylesheets=False,
        keep_link_tags=False,
    )
    return inliner.inline(page)


def _addresses(value: str, option: str) -> str:
    """One address ("desk@example.org" or "Desk <desk@example.org>"), checked."""
    text = value.strip()
    probe = EmailMessage(policy=policy.SMTP)
    try:
        if not text or any(c in text for c in "\r\n"):
            raise ValueError
        probe["To"] = text
        header = probe["To"]
        addresses = header.addresses
    except (ValueError, IndexError, TypeError):
        raise TimelineError(f"{option}: not an email address: {value!r}") from None
    if (len(addresses) != 1 or "@" not in addresses[0].addr_spec or header.defects
            or " " in addresses[0].addr_spec):
        raise TimelineError(f"{option}: not an email address: {value!r}")
    return text


def render_eml(
    briefing: Briefing,
    labeler: Labeler,
    *,
    sender: str | None = None,
    to: Sequence[str] = (),
) -> bytes:
    """The .eml bytes (CRLF line ends, quoted-printable UTF-8 parts).

    Headers: From and To when given (``brief --email-from/--email-to``), Subject (the
    title; RFC 2047-encoded by the email package when it is not ASCII), a Message-ID
    and MIME boundary derived from the content (the same briefing gives the same bytes),
    MIME-Version and Content-Language. No Date: the renderer never reads the clock;
    ``timeline send`` adds one at sending time when the file has none. A briefing too
    long for an inbox (over :data:`MAX_EML_BYTES`) lists only the sources it cites and
    keeps as many entries as fit, those cited most and told earliest first, ending its
    timeline with how many more there are.
    """
    sender = _addresses(sender, "--email-from") if sender else None
    recipients = [_addresses(a, "--email-to") for a in to if a.strip()]
    data = _message(briefing, labeler, sender, recipients, 0)
    if len(data) <= MAX_EML_BYTES:
        return data
    # Too long for an inbox (clients clip messages past ~100 KB): list only the sources
    # the email cites, keep the entries that matter most, in timeline order, and say how
    # many more the full briefing has.
    events = briefing.timeline.events
    keep_order = sorted(range(len(events)), key=lambda i: _importance(events[i], i))
    summary_docs = {s.doc_id for s in briefing.summary}

    def cut(k: int) -> bytes:
        kept = [events[i] for i in sorted(keep_order[:k])]
        cited = summary_docs | {c.doc_id for e in kept for c in e.sources}
        smaller = replace(
            briefing,
            timeline=Timeline(tuple(kept)),
            documents=tuple(d for d in briefing.documents if d.id in cited),
        )
        return _message(smaller, labeler, sender, recipients, len(events) - k)

    lo, hi, best = 0, len(events), None
    while lo <= hi:  # the largest number of entries that fits
        mid = (lo + hi) // 2
        candidate = cut(mid)
        if len(candidate) <= MAX_EML_BYTES:
            best, lo = candidate, mid + 1
        else:
            hi = mid - 1
    if best is None:
        raise TimelineError(
            f"the email would be {len(data) // 1000} KB (limit {MAX_EML_BYTES // 1000} KB) "
            "even without its timeline: ask for a shorter summary (--sentences or --words)"
        )
    return best


def _importance(event: Event, index: int) -> tuple[int, int, int]:
    """Entries cited by more articles first, then those told earlier in their article (a
    news story puts what matters first), then timeline order."""
    first = min((c.start for c in event.sources), default=0)
    return (-len(event.sources), first, index)


def _message(
    briefing: Briefing,
    labeler: Labeler,
    sender: str | None,
    recipients: list[str],
    omitted: int,
) -> bytes:
    ctx = page_context(briefing, labeler, omitted=omitted)
    plain = render_template("briefing.md.j2", ctx, markdown=True)
    html = email_html(briefing, labeler, omitted=omitted)
    subject = ctx.title
    if len(subject) > MAX_SUBJECT:  # cut at a word, never inside one
        subject = subject[: MAX_SUBJECT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"

    digest = hashlib.sha256()
    for part in (subject, sender or "", *recipients, plain, html):
        digest.update(part.encode("utf-8") + b"\0")
    token = digest.hexdigest()
    domain = "timeline.invalid"  # reserved (RFC 2606): never anyone's real domain
    if sender:
        probe = EmailMessage(policy=policy.SMTP)
        probe["From"] = sender
        domain = probe["From"].addresses[0].domain or domain

    msg = EmailMessage(policy=policy.SMTP)
    if sender:
        msg["From"] = sender
    if recipients:
        msg["To"] = ", ".join(recipients)
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{token[:32]}@{domain}>"
    msg["MIME-Version"] = "1.0"
    msg.set_content(plain, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # set_content() drops earlier Content-* headers, so the language goes on last.
    msg["Content-Language"] = labeler.tag.replace("_", "-")
    msg.set_boundary(f"=_timeline_{token[32:56]}")
    return msg.as_bytes(policy=policy.SMTP)


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
    to: Sequence[str] = (),
    smtp: str,
    sender: str | None = None,
    starttls: bool = False,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 30.0,
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
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TimelineError(f"cannot read {path}: {exc.strerror or exc}") from exc
    msg = BytesParser(policy=policy.SMTP).parsebytes(data, headersonly=True)
    if not msg.get("Subject") and not msg.get("From"):
        raise TimelineError(f"{path} does not look like an email (.eml) file")
    recipients = [a.strip() for a in to if a.strip()]
    if not recipients:
        recipients = [a for h in ("To", "Cc") for a in _addrs_of(msg.get(h))]
    if not recipients:
        raise TimelineError("--to needs at least one address (the file has no To header)")
    for addr in [*recipients, sender or ""]:
        if any(c in addr for c in "\r\n<>") or " " in addr.strip():
            raise TimelineError(f"not an email address: {addr!r}")
    envelope_from = sender or next(iter(_addrs_of(msg.get("From"))), "")
    if date is not None and msg.get("Date") is None:
        if any(c in date for c in "\r\n") or not date.isascii():
            raise TimelineError(f"not a date header: {date!r}")
        data = b"Date: " + date.encode("ascii") + b"\r\n" + data
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


def _addrs_of(header: object) -> list[str]:
    if header is None:
        return []
    return [a.addr_spec for a in getattr(header, "addresses", ()) if a.addr_spec]
