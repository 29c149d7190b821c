"""Issue 16, item 3: fetching URLs is safe against hostile servers and hostile URLs.

A scripted HTTP server on 127.0.0.1 (started here, nothing leaves the machine) plays the
hostile server: redirects to refused ranges and schemes, one byte a second, escape codes in
its reason phrase. Loopback is refused by default, so the tests reach their own server
with private networks allowed, and check that the default refuses it.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Iterator

import pytest

from timeline.cli import main
from timeline.errors import TimelineError
from timeline.ingest.formats import load_inputs
from timeline.ingest.url import fetch, private_networks, redact

_PARAGRAPHS = (
    "The harbour of Velmora reopened on Monday 3 May 2021 after eight months of repairs, "
    "the port authority said in a statement.",
    "Fishing boats had been moored at the northern quay since a storm damaged the main "
    "breakwater in September 2020, and the ferry to the islands ran from a temporary pier.",
    "Workers rebuilt two hundred metres of the breakwater and dredged the channel, which "
    "had silted up during the winter, the authority said.",
    "The first ferry left for the islands at 7:30 am on Monday, and the fish market is "
    "expected to return to the harbour in June.",
)
PAGE = ("<html><head><title>Harbour reopens</title>"
        '<meta property="article:published_time" content="2021-05-03"></head><body>'
        "<article><h1>Harbour reopens</h1>"
        + "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
        + "</article></body></html>").encode()

# path -> the raw answer, as a list of byte strings with a pause (seconds) after each
Script = list[tuple[bytes, float]]
ROUTES: dict[str, Script] = {}
SEEN_HOSTS: list[str] = []


def _answer(status: str, body: bytes = b"", headers: str = "") -> Script:
    head = (f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n{headers}"
            "Connection: close\r\n\r\n").encode("latin-1")
    return [(head + body, 0.0)]


def _redirect(location: str) -> Script:
    return _answer("302 Found", headers=f"Location: {location}\r\n")


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        request = self.rfile.readline().decode("latin-1").split()
        while (line := self.rfile.readline()) not in (b"\r\n", b"\n", b""):
            if line.lower().startswith(b"host:"):
                SEEN_HOSTS.append(line[5:].strip().decode("latin-1"))
        path = request[1] if len(request) > 1 else "/"
        script = ROUTES.get(path, _answer("404 Not Found", b"no"))
        try:
            for chunk, pause in script:
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(pause)
        except OSError:  # the client gave up on us: that is the point
            pass


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    ROUTES.clear()
    SEEN_HOSTS.clear()
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _trickle(head: bytes, body: bytes, pause: float) -> Script:
    return [(bytes([b]), pause) for b in head + body]


# loopback, private networks and the flag ------------------------------------------------


def test_item3_loopback_server_refused_by_default_allowed_with_private_networks(server):
    ROUTES["/page"] = _answer("200 OK", PAGE, "Content-Type: text/html\r\n")
    with pytest.raises(TimelineError, match="loopback address: not fetched"):
        fetch(f"{server}/page")
    assert SEEN_HOSTS == []  # refused before connecting
    assert fetch(f"{server}/page", allow_private=True).data == PAGE
    with private_networks():
        assert fetch(f"{server}/page").data == PAGE
    with pytest.raises(TimelineError, match="loopback"):  # the block ended
        fetch(f"{server}/page")


@pytest.mark.parametrize("url", [
    "http://0x7f000001/", "http://2130706433/", "http://017700000001/", "http://127.1/",
    "http://[::ffff:127.0.0.1]/", "http://[::1]/", "http://localhost/",
    "http://[64:ff9b::7f00:1]/", "http://10.0.0.1/", "http://192.168.1.1/",
    "http://172.16.0.1/", "http://100.64.0.1/", "http://[fd00::1]/",
])
def test_item3_numeric_and_private_hosts_refused_by_default(url):
    with pytest.raises(TimelineError, match="(loopback|private) address: not fetched"):
        fetch(url, deadline=5)


@pytest.mark.parametrize("url", [
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://224.0.0.1/",
    "http://[ff02::1]/", "http://0.0.0.0/", "http://0/", "http://240.0.0.1/",
    "http://[::ffff:169.254.169.254]/",
])
def test_item3_link_local_multicast_reserved_refused_even_with_private_networks(url):
    with pytest.raises(TimelineError, match="(link-local|multicast|unspecified|reserved) "
                                            "address: not fetched"):
        fetch(url, allow_private=True, deadline=5)


# redirects --------------------------------------------------------------------------------


@pytest.mark.parametrize("target", [
    "http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/",
    "ftp://127.0.0.1/etc/passwd", "file:///etc/passwd", "gopher://127.0.0.1:70/",
])
def test_item3_redirect_to_metadata_or_other_scheme_refused_with_private_networks(
        server, target):
    ROUTES["/go"] = _redirect(target)
    with pytest.raises(TimelineError, match="redirected to .*(link-local|only http)"):
        fetch(f"{server}/go", allow_private=True, deadline=5)


def test_item3_redirect_to_loopback_refused_when_private_networks_not_allowed(
        server, monkeypatch):
    """A public site (played by the test server: its first address check is waved through)
    redirects to a numeric loopback host: refused, as private networks are not allowed."""
    from timeline.ingest import url as url_module

    real = url_module.refusal
    waved = []

    def public_once(ip, *, allow_private=False):
        if not waved:
            waved.append(ip)
            return None
        return real(ip, allow_private=allow_private)

    monkeypatch.setattr(url_module, "refusal", public_once)
    ROUTES["/go"] = _redirect("http://0x7f000001/admin")
    with pytest.raises(TimelineError, match=r"redirected to http://0x7f000001/admin: "
                                            r"0x7f000001 \(127.0.0.1\) is a loopback"):
        fetch(f"{server}/go")
    assert len(waved) == 1 and SEEN_HOSTS == [server.removeprefix("http://")]


def test_item3_redirects_followed_and_limited(server):
    ROUTES["/page"] = _answer("200 OK", PAGE, "Content-Type: text/html\r\n")
    ROUTES["/a"] = _redirect("/b")
    ROUTES["/b"] = _redirect(f"{server}/page#top")
    fetched = fetch(f"{server}/a", allow_private=True)
    assert fetched.url == f"{server}/page" and fetched.data == PAGE
    for i in range(10):
        ROUTES[f"/loop{i}"] = _redirect(f"/loop{i + 1}")
    with pytest.raises(TimelineError, match="more than 5 redirects"):
        fetch(f"{server}/loop0", allow_private=True)


def test_item3_connection_goes_to_the_checked_address(server, monkeypatch):
    """The name is resolved once per hop; the connection uses that address (a second
    lookup, as a rebinding name would answer, would lead to a refused address)."""
    real = socket.getaddrinfo
    port = int(server.rsplit(":", 1)[1])
    calls = []

    def rebinding(host, *args, **kwargs):
        if host == "rebind.example":
            calls.append(host)
            ip = "127.0.0.1" if len(calls) == 1 else "169.254.169.254"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    ROUTES["/page"] = _answer("200 OK", PAGE, "Content-Type: text/html\r\n")
    fetched = fetch(f"http://rebind.example:{port}/page", allow_private=True, deadline=5)
    assert fetched.data == PAGE
    assert calls == ["rebind.example"]
    assert SEEN_HOSTS == [f"rebind.example:{port}"]  # the Host header names the host


# one deadline per fetch -------------------------------------------------------------------


def test_item3_server_trickling_headers_cut_off_at_the_deadline(server):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"a" * 200 + b"\r\n\r\n"
    ROUTES["/slow"] = _trickle(head, b"", 0.05)  # 20 bytes a second, each read < any timeout
    started = time.monotonic()
    with pytest.raises(TimelineError, match="timed out after 1 s"):
        fetch(f"{server}/slow", allow_private=True, deadline=1.0)
    assert time.monotonic() - started < 3.0


def test_item3_server_trickling_body_cut_off_at_the_deadline(server):
    body = b"x" * 400
    head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    ROUTES["/slow"] = [(head, 0.0)] + _trickle(b"", body, 0.05)
    started = time.monotonic()
    with pytest.raises(TimelineError, match="timed out after 1 s"):
        fetch(f"{server}/slow", allow_private=True, deadline=1.0)
    assert time.monotonic() - started < 3.0


def test_item3_silent_server_cut_off_at_the_deadline():
    quiet = socket.socket()
    quiet.bind(("127.0.0.1", 0))
    quiet.listen(1)  # accepts the connection (backlog) and never answers
    try:
        started = time.monotonic()
        with pytest.raises(TimelineError, match="timed out after 0.5 s"):
            fetch(f"http://127.0.0.1:{quiet.getsockname()[1]}/", allow_private=True,
                  deadline=0.5)
        assert time.monotonic() - started < 2.5
    finally:
        quiet.close()


# what reaches the terminal ----------------------------------------------------------------


def test_item3_reason_phrase_and_content_type_lose_control_characters(server):
    ROUTES["/bad"] = _answer("404 \x1b[2J\x1b]0;owned\x07Not Found\x9b31m", b"no")
    ROUTES["/page"] = _answer("200 OK", PAGE, "Content-Type: text/html\x1b[31m; x=\x07y\r\n")
    with pytest.raises(TimelineError) as caught:
        fetch(f"{server}/bad", allow_private=True)
    message = str(caught.value)
    assert "Not Found" in message
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in message)
    fetched = fetch(f"{server}/page", allow_private=True)
    assert fetched.content_type == "text/html[31m; x=y"


def test_item3_redirect_target_with_control_characters_is_shown_clean(server):
    ROUTES["/go"] = _redirect("ftp://evil.example/\x1b[31mred")
    with pytest.raises(TimelineError) as caught:
        fetch(f"{server}/go", allow_private=True)
    assert "\x1b" not in str(caught.value) and "only http" in str(caught.value)


def test_item3_credentials_never_echoed(server, capsys):
    secret = "hunter2-secret"
    with pytest.raises(TimelineError) as caught:
        fetch(f"http://alice:{secret}@127.0.0.1:9/", allow_private=True)
    assert secret not in str(caught.value) and "user name or password" in str(caught.value)
    ROUTES["/go"] = _redirect(f"http://bob:{secret}@127.0.0.1:9/x")
    with pytest.raises(TimelineError) as caught:
        fetch(f"{server}/go", allow_private=True)
    assert secret not in str(caught.value)
    assert redact(f"see https://u:{secret}@host/a and http://x:p@ss@h/") == (
        "see https://***@host/a and http://***@h/")
    # the command line: the skipped input and the error line
    code = main(["brief", f"http://alice:{secret}@127.0.0.1:9/story", "--out", "/nonexistent"])
    err = capsys.readouterr().err
    assert code == 2 and secret not in err and "***@127.0.0.1" in err


def test_item3_cli_allow_private_flag(server, tmp_path, capsys):
    ROUTES["/page"] = _answer("200 OK", PAGE, "Content-Type: text/html\r\n")
    out = tmp_path / "out"
    assert main(["brief", f"{server}/page", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "loopback address: not fetched" in err and not out.exists()
    assert main(["brief", f"{server}/page", "--out", str(out), "--allow-private"]) == 0
    assert (out / "harbour-reopens.html").exists()
    ROUTES["/meta"] = _redirect("http://169.254.169.254/latest/meta-data/")
    assert main(["extract", f"{server}/meta", "--allow-private"]) == 2
    assert "link-local address: not fetched" in capsys.readouterr().err


def test_item3_load_inputs_skips_a_refused_url_and_keeps_the_rest(server, tmp_path):
    ROUTES["/page"] = _answer("200 OK", PAGE, "Content-Type: text/html\r\n")
    ROUTES["/meta"] = _redirect("http://169.254.169.254/")
    with private_networks():
        loaded = load_inputs([f"{server}/page", f"{server}/meta"])
    assert [d.title for d in loaded.documents] == ["Harbour reopens"]
    assert "link-local" in loaded.skipped[0][1]


# https ------------------------------------------------------------------------------------


def test_item3_tls_handshake_that_never_comes_is_cut_off_at_the_deadline():
    quiet = socket.socket()
    quiet.bind(("127.0.0.1", 0))
    quiet.listen(1)  # takes the connection, never answers the ClientHello
    try:
        started = time.monotonic()
        with pytest.raises(TimelineError, match="timed out after 0.5 s"):
            fetch(f"https://127.0.0.1:{quiet.getsockname()[1]}/", allow_private=True,
                  deadline=0.5)
        assert time.monotonic() - started < 2.5
    finally:
        quiet.close()


def test_item3_https_certificate_is_verified(tmp_path):
    """A self-signed certificate is refused: https means a verified server."""
    import ssl
    from datetime import UTC, datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(datetime(2000, 1, 1, tzinfo=UTC))
            .not_valid_after(datetime(2100, 1, 1, tzinfo=UTC))
            .sign(key, hashes.SHA256()))
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def serve() -> None:
        conn, _ = listener.accept()
        try:
            context.wrap_socket(conn, server_side=True).close()
        except (OSError, ssl.SSLError):  # the client refuses the certificate
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        with pytest.raises(TimelineError, match="cannot fetch .*certificate verify failed"):
            fetch(f"https://127.0.0.1:{listener.getsockname()[1]}/", allow_private=True,
                  deadline=5)
    finally:
        thread.join(5)
        listener.close()


def test_item3_body_arriving_after_the_headers_is_read_whole(server):
    """The server closes the connection after the body (HTTP/1.0 style), and the body comes
    after a pause: it is read to the end (the socket stays open for the response)."""
    body = PAGE * 200
    head = (f"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n").encode()
    ROUTES["/late"] = [(head, 0.3), (body, 0.0)]
    ROUTES["/nolength"] = [(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n", 0.3),
                           (body, 0.0)]
    assert fetch(f"{server}/late", allow_private=True).data == body
    assert fetch(f"{server}/nolength", allow_private=True).data == body
