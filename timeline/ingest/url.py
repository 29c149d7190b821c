"""http(s) URLs: fetch them safely, then read them as HTML, a feed or text.

What a fetch may do, at every hop (redirects are followed here, by hand):

- only ``http`` and ``https`` URLs, at most ``MAX_REDIRECTS`` redirects;
- the host is resolved once per hop and every address it resolves to is checked; the
  connection goes to the address that was checked (no second lookup, so a name cannot
  resolve to a public address for the check and to an internal one for the connection),
  and https verifies the certificate against the host name;
- refused: loopback, private (RFC 1918, unique local, shared 100.64/10), link-local
  (169.254.169.254, the cloud metadata service, and fe80::/10), multicast, unspecified and
  reserved addresses, an IPv4 address wrapped in IPv6 (``::ffff:``, 6to4, NAT64) judged by
  the address inside; numeric hosts such as ``0x7f000001`` or ``2130706433`` are resolved
  like any name, so they are judged by the address they mean. ``private_networks()``
  allows loopback and private addresses (intranet use); link-local, multicast, unspecified
  and reserved addresses stay refused whatever it says;
- one deadline for the whole fetch (name lookup, connection, TLS, request, headers, body):
  every read waits at most for what is left of it, so a server sending a byte a second
  is cut off at the deadline;
- a URL carrying ``user:password@`` is refused, and ``redact`` removes such credentials
  from any text before it is shown;
- whatever the server says that may be shown (reason phrase, content type, redirect
  target) is stripped of control characters.

Every failure is one TimelineError line naming the URL (its credentials removed).
"""

from __future__ import annotations

import io
import ipaddress
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, quote, urljoin, urlsplit

from timeline.errors import TimelineError

__all__ = ["Fetched", "fetch", "is_url", "printable", "private_networks", "redact", "refusal"]

DEADLINE_SECONDS = 30.0  # a news page arrives in seconds; a stalling server must not hang us
MAX_BYTES = 10 * 1024 * 1024  # article pages and feeds are far smaller
MAX_REDIRECTS = 5  # sites redirect once or twice (http -> https, a trailing slash)
MAX_SHOWN = 200  # characters of a server-supplied string kept in an error message
USER_AGENT = "timeline/0.1 (+news briefing tool)"
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # IPv4 addresses reached through a NAT64 gateway

_ALLOW_PRIVATE: ContextVar[bool] = ContextVar("timeline_fetch_allow_private", default=False)


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    content_type: str


class _Refused(Exception):
    """A URL or address this module does not fetch; the message says why."""


def is_url(value: str) -> bool:
    low = value[:8].lower()
    return low.startswith("http://") or low.startswith("https://")


@contextmanager
def private_networks(allowed: bool = True) -> Iterator[None]:
    """Within the block, fetches may reach loopback and private addresses (``allowed``)."""
    token = _ALLOW_PRIVATE.set(allowed)
    try:
        yield
    finally:
        _ALLOW_PRIVATE.reset(token)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # C0, DEL and C1: terminal escape codes among them
_USERINFO = re.compile(r"(?i)\b(https?://)[^/?#\s]*@")


def printable(text: object) -> str:
    """A server-supplied string fit for the terminal: no control characters, not too long."""
    clean = _CONTROL.sub("", str(text)).strip()
    return clean if len(clean) <= MAX_SHOWN else clean[:MAX_SHOWN] + "..."


def redact(text: str) -> str:
    """``text`` with the ``user:password@`` of every http(s) URL in it replaced by ``***@``."""
    return _USERINFO.sub(r"\1***@", text)


# addresses --------------------------------------------------------------------------------

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _inner_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal(ip: IPAddress, *, allow_private: bool = False) -> str | None:
    """Why ``ip`` is not fetched from ("a loopback address", ...), or None when it may be."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _inner_v4(ip)
        if inner is not None:
            return refusal(inner, allow_private=allow_private)
        if ip.teredo is not None:
            return "a Teredo tunnel address"
    always = (("a link-local", ip.is_link_local), ("a multicast", ip.is_multicast),
              ("an unspecified", ip.is_unspecified))
    for kind, hit in always:
        if hit:
            return f"{kind} address"
    if ip.is_loopback:  # before reserved: ::1 lies in the reserved ::/8
        return None if allow_private else "a loopback address"
    if ip.is_reserved:
        return "a reserved address"
    if not allow_private and (ip.is_private or not ip.is_global):
        return "a private address"
    return None


# the deadline -----------------------------------------------------------------------------


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left; TimeoutError once none are."""
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline reached")
        return left


class _TimedReader(io.RawIOBase):
    """Reads a socket, each read waiting at most for what is left of the deadline."""

    def __init__(self, sock: socket.socket, deadline: _Deadline) -> None:
        super().__init__()
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self._sock.settimeout(self._deadline.left())
        return self._sock.recv_into(buffer)


class _TimedSocket:
    """The connected socket http.client sees: sends and reads bounded by the deadline."""

    def __init__(self, sock: socket.socket, deadline: _Deadline) -> None:
        self._sock = sock
        self._deadline = deadline

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(self._deadline.left())
        self._sock.sendall(data)

    def makefile(self, mode: str = "rb", *args: Any, **kwargs: Any) -> io.BufferedReader:
        return io.BufferedReader(_TimedReader(self._sock, self._deadline))

    def close(self) -> None:
        """Nothing: http.client closes the connection once the response is handed over (and
        a socket's own makefile keeps it open until then); ``_hop`` closes the socket."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


# one hop ----------------------------------------------------------------------------------

Address = tuple[int, Any]  # (address family, socket address)


def _check_url(url: str) -> SplitResult:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise _Refused("only http:// and https:// URLs are fetched")
    if "@" in parts.netloc:
        raise _Refused("a user name or password in the URL is not supported")
    if not parts.hostname:
        raise _Refused("the URL names no host")
    parts.port  # noqa: B018 - raises ValueError on a port that is not a number 0-65535
    return parts


def _resolve(host: str, port: int, deadline: _Deadline) -> list[Address]:
    """The host's addresses, looked up in a thread so the lookup too keeps the deadline."""
    found: list[Address] = []
    failed: list[OSError] = []

    def lookup() -> None:
        try:
            for family, _, _, _, sockaddr in socket.getaddrinfo(host, port,
                                                                type=socket.SOCK_STREAM):
                found.append((family, sockaddr))
        except OSError as exc:
            failed.append(exc)

    worker = threading.Thread(target=lookup, name="timeline-dns", daemon=True)
    worker.start()
    worker.join(deadline.left())
    if worker.is_alive():
        raise TimeoutError("name lookup")
    if failed:
        raise failed[0]
    if not found:
        raise OSError(f"{host} has no address")
    return found


def _same_ip(host: str, ip: IPAddress) -> bool:
    try:
        return ipaddress.ip_address(host) == ip
    except ValueError:
        return False


def _checked(host: str, addresses: list[Address], allow_private: bool) -> list[Address]:
    for _family, sockaddr in addresses:
        ip = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        why = refusal(ip, allow_private=allow_private)
        if why:
            shown = host if _same_ip(host, ip) else f"{host} ({ip})"
            raise _Refused(f"{shown} is {why}: not fetched")
    return addresses


def _open(parts: SplitResult, addresses: list[Address], deadline: _Deadline,
          opened: list[socket.socket]) -> Any:
    """An http.client connection whose socket goes to one of the checked ``addresses``;
    the socket it opens joins ``opened`` (the caller closes it)."""
    import http.client

    https = parts.scheme.lower() == "https"
    host = parts.hostname or ""
    port = parts.port or (443 if https else 80)
    conn: http.client.HTTPConnection
    if https:
        import ssl

        context = ssl.create_default_context()
        conn = http.client.HTTPSConnection(host, port, context=context)
    else:
        conn = http.client.HTTPConnection(host, port)

    def connect() -> None:
        error: OSError | None = None
        for family, sockaddr in addresses:
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                sock.settimeout(deadline.left())
                sock.connect(sockaddr)
                if https:
                    sock.settimeout(deadline.left())  # the whole handshake, not each step
                    sock = context.wrap_socket(sock, server_hostname=host)
            except OSError as exc:
                sock.close()
                if isinstance(exc, TimeoutError):
                    raise
                error = exc
                continue
            opened.append(sock)
            conn.sock = _TimedSocket(sock, deadline)  # duck-typed: sendall, makefile, close
            return
        raise error or OSError("no address to connect to")

    conn.connect = connect  # type: ignore[method-assign]
    return conn


@dataclass(frozen=True)
class _Answer:
    data: bytes = b""
    content_type: str = ""
    location: str | None = None


def _target(parts: SplitResult) -> str:
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return quote(target, safe="/?&=%:@!$'()*+,;~-._[]")


def _hop(url: str, deadline: _Deadline, allow_private: bool, max_bytes: int) -> _Answer:
    parts = _check_url(url)
    https = parts.scheme.lower() == "https"
    addresses = _checked(parts.hostname or "",
                         _resolve(parts.hostname or "", parts.port or (443 if https else 80),
                                  deadline), allow_private)
    opened: list[socket.socket] = []
    conn = _open(parts, addresses, deadline, opened)
    try:
        conn.request("GET", _target(parts), headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
        response = conn.getresponse()
        location = response.getheader("Location")
        if response.status in _REDIRECTS and location:
            return _Answer(location=location)
        if response.status >= 300:
            raise _Refused(f"HTTP error {response.status} {printable(response.reason)}")
        declared = response.getheader("Content-Length") or ""
        if declared.isdigit() and int(declared) > max_bytes:
            raise _Refused(f"page is too large ({int(declared) // 1024} KB; "
                           f"limit {max_bytes // 1024} KB)")
        data = response.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _Refused(f"page is larger than the {max_bytes // 1024} KB limit")
        return _Answer(data=data, content_type=printable(response.getheader("Content-Type", "")))
    finally:
        conn.close()
        for sock in opened:
            sock.close()


def _next_hop(current: str, location: str) -> str:
    """The absolute URL a Location header points to, control characters dropped, spaces and
    other characters no URL holds raw percent-encoded, the fragment left out."""
    target = urljoin(current, _CONTROL.sub("", location).strip())
    return quote(target.split("#", 1)[0], safe=":/?&=%@!$'()*+,;~-._[]")


def _follow(url: str, deadline: _Deadline, allow_private: bool, max_bytes: int,
            max_redirects: int) -> Fetched:
    current = url
    for hop in range(max_redirects + 1):
        try:
            answer = _hop(current, deadline, allow_private, max_bytes)
        except _Refused as exc:
            if hop and current != url:
                raise _Refused(f"redirected to {printable(redact(current))}: {exc}") from None
            raise
        if answer.location is None:
            return Fetched(url=current, data=answer.data, content_type=answer.content_type.lower())
        current = _next_hop(current, answer.location)
    raise _Refused(f"more than {max_redirects} redirects")


def fetch(url: str, *, deadline: float = DEADLINE_SECONDS, max_bytes: int = MAX_BYTES,
          max_redirects: int = MAX_REDIRECTS, allow_private: bool | None = None) -> Fetched:
    """GET a URL under the rules in this module's docstring; the body is capped at
    ``max_bytes`` (larger pages are refused) and the whole fetch at ``deadline`` seconds.

    ``allow_private`` (default: as ``private_networks()`` says, else False) lets the fetch
    reach loopback and private addresses.
    """
    import http.client

    allowed = _ALLOW_PRIVATE.get() if allow_private is None else allow_private
    shown = printable(redact(url))
    try:
        return _follow(url, _Deadline(deadline), allowed, max_bytes, max_redirects)
    except _Refused as exc:
        raise TimelineError(f"{shown}: {exc}") from None
    except TimeoutError:
        raise TimelineError(f"{shown}: timed out after {deadline:g} s") from None
    except (OSError, http.client.HTTPException, ValueError, UnicodeError) as exc:
        raise TimelineError(f"{shown}: cannot fetch ({printable(redact(str(exc)))})") from None
