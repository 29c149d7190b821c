"""Email: a ready-to-send .eml (multipart/alternative); timeline.send delivers it.

The text/plain part is the Markdown summary; the HTML part is one ~600px column of
tables with every rule inlined into style attributes by css-inline (only the
@media rules for narrow screens and dark mode stay in a <style> block, since they
cannot be inlined). Nothing is loaded from the network and there are no scripts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from email import policy
from email.message import EmailMessage

from timeline.errors import OptionError, TimelineError
from timeline.model import Briefing, Event, Timeline
from timeline.render.context import page_context
from timeline.render.dates import Labeler
from timeline.render.templating import render_template

__all__ = ["MAX_EML_BYTES", "email_html", "render_eml"]

MAX_EML_BYTES = 100_000  # bytes; mail clients clip a message past about 100 KB
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
    """One address ("desk@example.org" or "Desk <desk@example.org>"), checked; ``option``
    names the setting it came from ("email_to")."""
    text = value.strip()
    probe = EmailMessage(policy=policy.SMTP)
    try:
        if not text or any(c in text for c in "\r\n"):
            raise ValueError
        probe["To"] = text
        header = probe["To"]
        addresses = header.addresses
    except (ValueError, IndexError, TypeError):
        raise OptionError(option, f"not an email address: {value!r}") from None
    if (len(addresses) != 1 or "@" not in addresses[0].addr_spec or header.defects
            or " " in addresses[0].addr_spec):
        raise OptionError(option, f"not an email address: {value!r}")
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
    sender = _addresses(sender, "email_from") if sender else None
    recipients = [_addresses(a, "email_to") for a in to if a.strip()]
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
            "even without its timeline: ask for a shorter summary (fewer sentences or words)"
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
