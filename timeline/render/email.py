"""Email: a ready-to-send .eml (multipart/alternative); timeline.send delivers it.

The text/plain part is the Markdown summary; the HTML part is one ~600px column of
tables with every rule inlined into style attributes by css-inline (only the
@media rules for narrow screens and dark mode stay in a <style> block, since they
cannot be inlined). Nothing is loaded from the network and there are no scripts.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from email import policy
from email.header import Header
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import Policy

from timeline.errors import OptionError, TimelineError
from timeline.model import Briefing, Event, Timeline
from timeline.render.context import page_context
from timeline.render.dates import Labeler
from timeline.render.escape import one_line
from timeline.render.templating import render_template

__all__ = ["MAX_EML_BYTES", "RENDERED_HEADERS", "compose_eml", "email_html", "header_text",
           "render_eml"]

MAX_EML_BYTES = 100_000  # bytes; mail clients clip a message past about 100 KB
MAX_SUBJECT = 200  # characters
# Every header of an .eml we write (the briefing's and the digest's), in order;
# ``timeline send`` forwards a file only when its headers are these (and a Date).
RENDERED_HEADERS = ("From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type",
                    "Content-Language")
# Encoded-words inside encoded-words are decoded this deep; what is still encoded after
# that (only a deliberately nested title) is defused rather than decoded further.
_EW_DEPTH = 8
_UNSTRUCTURED = policy.SMTP.header_factory  # the parser that reads a header we set


def _clean(text: str) -> str:
    """One line: no line break (CR, LF, U+0085, U+2028, ...), no control character, no
    lone surrogate (from an unknown charset); runs of whitespace become one space."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = "".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc")
    return one_line(text)


def header_text(text: str) -> str:
    """Untrusted text (a title) made fit to be an unstructured header's value.

    RFC 2047 encoded-words are decoded first, by the email package's own parser (so
    exactly what it would decode when the header is set: q and base64, any charset,
    adjacent words, nested ones to :data:`_EW_DEPTH`), then line breaks and control
    characters are dropped; the email package encodes the result again as it writes
    the header. Setting the result as a header therefore stores this very text: it can
    neither start a header line of its own nor end the header block.
    """
    value = _clean(text)
    for _ in range(_EW_DEPTH):
        try:
            decoded = _clean(str(_UNSTRUCTURED("Subject", value)))
        except Exception:  # the email package's parser has failed on malformed words
            break
        if decoded == value:
            return value
        value = decoded
    return value.replace("=?", "= ?")  # nested deeper still, or malformed: no encoded-word


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
    except Exception:  # the email package's parsers raise many kinds on malformed input
        raise OptionError(option, f"not an email address: {value!r}") from None
    if (len(addresses) != 1 or "@" not in addresses[0].addr_spec or header.defects
            or " " in addresses[0].addr_spec or header_text(text) != one_line(text)):
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
    subject = header_text(ctx.title)
    if len(subject) > MAX_SUBJECT:  # cut at a word, never inside one
        subject = subject[: MAX_SUBJECT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        subject = header_text(subject)

    digest = hashlib.sha256()
    for part in (subject, sender or "", *recipients, plain, html):
        digest.update(part.encode("utf-8") + b"\0")
    token = digest.hexdigest()
    domain = "timeline.invalid"  # reserved (RFC 2606): never anyone's real domain
    if sender:
        probe = EmailMessage(policy=policy.SMTP)
        probe["From"] = sender
        domain = probe["From"].addresses[0].domain or domain
    return compose_eml(subject=subject, sender=sender, recipients=recipients,
                       message_id=f"<{token[:32]}@{domain}>", plain=plain, html=html,
                       lang=labeler.tag.replace("_", "-"), boundary=f"=_timeline_{token[32:56]}")


def compose_eml(
    *,
    subject: str,
    sender: str | None,
    recipients: Sequence[str],
    message_id: str,
    plain: str,
    html: str,
    lang: str,
    boundary: str,
) -> bytes:
    """The bytes of a multipart/alternative email with :data:`RENDERED_HEADERS`.

    ``sender`` and ``recipients`` are addresses the user gave (checked by
    :func:`_addresses`); ``subject`` is untrusted and goes through :func:`header_text`.
    """
    msg = EmailMessage(policy=policy.SMTP)
    if sender:
        msg["From"] = sender
    if recipients:
        msg["To"] = ", ".join(recipients)
    msg["Subject"] = header_text(subject)
    msg["Message-ID"] = message_id
    msg["MIME-Version"] = "1.0"
    msg.set_content(plain, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # set_content() drops earlier Content-* headers, so the language goes on last.
    msg["Content-Language"] = header_text(lang)
    msg.set_boundary(boundary)
    data = msg.as_bytes(policy=policy.SMTP)
    if _subject_of(data) != msg["Subject"]:  # the folder lost a space: encode it here
        msg.replace_header("Subject", _EncodedSubject(msg["Subject"]))
        data = msg.as_bytes(policy=policy.SMTP)
    return data


def _subject_of(data: bytes) -> str:
    return str(BytesParser(policy=policy.SMTP).parsebytes(data, headersonly=True)["Subject"])


class _EncodedSubject(str):
    """A Subject written as encoded here, by the email package's older encoder, which
    keeps every space inside its encoded-words. The newer folder (Python 3.11) puts the
    space where it splits a long non-ASCII subject between two encoded-words, where
    RFC 2047 readers drop it ("Straße — accord" read "Straße— accord"); it is still
    used whenever it gets the subject right, so most files stay byte for byte the same.
    """

    name = "Subject"

    def fold(self, *, policy: Policy) -> str:
        text = Header(str(self), "utf-8", header_name=self.name).encode(linesep=policy.linesep)
        return f"{self.name}: {text}{policy.linesep}"
