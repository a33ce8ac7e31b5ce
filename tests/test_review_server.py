"""The review server against a hostile client on 127.0.0.1: a foreign Host (DNS rebinding), a foreign
Origin, auth values that are not ASCII, Content-Length negative, missing or huge, silent connections
by the hundred, and a draft whose page would take quadratic work. (test_review_web.py has the
token, CSRF and escaping tests and the browser session.)"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from timing import assert_linear

DRAFT = "The report of UNDOC is published.\n\nThe meeting opens on Wednesday, 6 September 2016.\n"


@pytest.fixture
def served(tmp_path):
    """(app, port, token, cookie header, server) of a server in a thread; silent clients let go after 1 s."""
    from tmcheck.engine import Options
    from tmcheck.review.server import make_server
    from tmcheck.review.session import Review

    draft = tmp_path / "draft.en.md"
    draft.write_text(DRAFT, encoding="utf-8")
    server, app, url = make_server(Review(draft, Options(lang="en")), timeout=1.0, max_connections=16)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    yield app, port, app.token, server
    server.shutdown()
    server.server_close()


def raw(port: int, request: bytes, timeout: float = 5) -> tuple[int, bytes]:
    """(status, whole response) of one raw HTTP request (0 when the server closed without answering)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(request)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            chunks.append(chunk)
    data = b"".join(chunks)
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


def get(port, token, host=None, extra=b""):
    host = host if host is not None else f"127.0.0.1:{port}"
    return raw(port, f"GET /?token={token} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n".encode() + extra + b"\r\n")


def post(app, port, body: bytes, length: bytes | None = None, origin: str | None = None, host=None, extra=b""):
    host = host if host is not None else f"127.0.0.1:{port}"
    head = f"POST /act HTTP/1.1\r\nHost: {host}\r\nCookie: tmcheck_review={app.token}\r\nConnection: close\r\n".encode()
    head += b"Content-Type: application/x-www-form-urlencoded\r\n"
    if origin is not None:
        head += f"Origin: {origin}\r\n".encode()
    if length is not None:
        head += b"Content-Length: " + length + b"\r\n"
    return raw(port, head + extra + b"\r\n" + body)


def form(app, **fields) -> bytes:
    from urllib.parse import urlencode

    return urlencode({"csrf": app.csrf, **fields}).encode()


def test_own_host_is_served(served):
    app, port, token, _ = served
    assert get(port, token)[0] == 200
    assert get(port, token, host=f"localhost:{port}")[0] == 200


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1", "127.0.0.1:1", "localhost.evil.example:{port}",
                                  "[::1]:{port}", ""])
def test_foreign_host_is_misdirected(served, host):
    # DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 sends its own Host.
    app, port, token, _ = served
    assert get(port, token, host=host.format(port=port))[0] == 421
    status, _ = post(app, port, form(app, action="accept", fingerprint="x"), b"60", host=host.format(port=port),
                     origin=f"http://{host.format(port=port)}")
    assert status == 421


def test_origin_must_be_the_servers_own(served):
    app, port, token, _ = served
    fp = app.session.findings[0].fingerprint
    assert post(app, port, form(app, action="accept", fingerprint=fp), origin="http://evil.example",
                length=str(len(form(app, action="accept", fingerprint=fp))).encode())[0] == 403
    assert post(app, port, form(app, action="accept", fingerprint=fp), origin="null",
                length=str(len(form(app, action="accept", fingerprint=fp))).encode())[0] == 403
    assert app.session.findings[0].decision is None
    body = form(app, action="accept", fingerprint=fp)
    assert post(app, port, body, str(len(body)).encode(), origin=f"http://127.0.0.1:{port}")[0] == 303
    assert app.session.find(fp).decision == "accepted"


@pytest.mark.parametrize("where", ["token", "cookie", "csrf"])
def test_non_ascii_auth_values_are_refused_not_dropped(served, where):
    app, port, token, _ = served
    if where == "token":
        status, data = raw(port, f"GET /?token=%C3%A9{token[2:]} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                  "Connection: close\r\n\r\n".encode())
        assert status == 403, data[:200]
        status, _ = raw(port, f"GET /?token=é{token} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                              "Connection: close\r\n\r\n".encode("latin-1"))
        assert status in (400, 403)
    elif where == "cookie":
        status, data = raw(port, f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: tmcheck_review=é€\r\n"
                                  "Connection: close\r\n\r\n".encode("utf-8"))
        assert status == 403, data[:200]
    else:
        body = b"csrf=%C3%A9%E2%82%AC&action=accept&fingerprint=x"
        assert post(app, port, body, str(len(body)).encode())[0] == 403


@pytest.mark.parametrize("length,status", [(b"-1", 400), (None, 400), (b"abc", 400), (b"+5", 400),
                                           (b"999999999999", 413), (b"65537", 413)])
def test_content_length_is_checked_before_reading(served, length, status):
    app, port, token, _ = served
    started = time.monotonic()
    # For the large ones, no body follows: the answer must come before any reading.
    got, _ = post(app, port, b"" if length and length.isdigit() else b"csrf=x", length)
    assert got == status
    assert time.monotonic() - started < 0.9  # answered, not waited for a body (the server lets go at 1 s)


def test_repeated_content_length_is_refused(served):
    app, port, token, _ = served
    body = form(app, action="accept", fingerprint="x")
    assert post(app, port, body, str(len(body)).encode(), extra=b"Content-Length: 1\r\n")[0] == 400


def test_silent_connections_are_let_go_and_bounded(served):
    app, port, token, server = served
    before = threading.active_count()
    sockets = []
    try:
        for _ in range(200):  # half-open: connected, nothing sent, no token needed
            sockets.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        time.sleep(0.3)
        assert threading.active_count() - before <= 16 + 1  # the bound, not one thread each
        deadline = time.monotonic() + 10
        closed = 0
        for s in sockets:
            s.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                closed += s.recv(1) == b""
            except ConnectionResetError:  # closed by the server too
                closed += 1
            except socket.timeout:  # still held
                pass
        assert closed == 200, f"{200 - closed} silent connections still held after the timeout"
    finally:
        for s in sockets:
            s.close()
    assert get(port, token)[0] == 200  # still serving
    time.sleep(0.2)
    assert threading.active_count() - before <= 1


def test_review_page_is_rendered_once_per_change_and_linearly(tmp_path):
    from tmcheck.documents.model import Position, Span
    from tmcheck.findings import Finding
    from tmcheck.review.server import ReviewApp

    class Session:
        lang = "en"

        def __init__(self, n):
            self.draft = tmp_path / f"draft-{n}.en.md"
            self.draft.write_text("UNODC " * n + "\n", encoding="utf-8")
            self.findings = [Finding("TM102", "acronym-wrong-language", "warning", "UNODC in French", 
                                     Span(str(self.draft), Position(1, 6 * k + 1), Position(1, 6 * k + 6)),
                                     suggestion="ONUDC", text="UNODC", fingerprint=f"f{k}") for k in range(n)]
            self.file = type("F", (), {"path": Path(str(self.draft) + ".review.yaml"), "decisions": []})()

    apps = {}

    def render(n):
        app = apps.setdefault(n, ReviewApp(Session(n)))
        app.version += 1  # as an action does: the next page is rendered again
        return app.page()

    assert_linear(render, lambda n: n, 300)
    app = ReviewApp(Session(50))
    first = app.page()
    app.session.findings.clear()  # without an action, a reload serves the page already rendered
    assert app.page() == first


def test_a_declarative_rules_card_names_its_own_id(tmp_path):
    from tmcheck.engine import Options
    from tmcheck.review.server import ReviewApp
    from tmcheck.review.session import Review

    draft = tmp_path / "draft.en.md"
    draft.write_text("The programme reached 20 percent of States parties.\n", encoding="utf-8")
    page = ReviewApp(Review(draft, Options(lang="en"))).page()
    assert "TM402 house-style.en-per-cent" in page


def test_the_review_page_speaks_the_language_of_messages(tmp_path):
    """A French editor's page: its labels, buttons, states and summary in French; the draft and the
    codes as they are."""
    from tmcheck import i18n
    from tmcheck.engine import Options
    from tmcheck.review.server import ReviewApp
    from tmcheck.review.session import Review

    draft = tmp_path / "projet.fr.md"
    draft.write_text("La réunion s'ouvrira le mercredi 6 septembre 2016 au siège de l'ONUDC à Vienne.\n", encoding="utf-8")
    i18n.choose("fr")
    try:
        page = ReviewApp(Review(draft, Options(lang="fr"))).page()
    finally:
        i18n.choose("en")
    assert '<html lang="fr">' in page
    for french in ("Examen de projet.fr.md", "à trancher", ">Accepter<", ">Écarter<", "ligne 1", "relevé", "Proposer"):
        assert french in page, french
    for english in (">Accept<", ">Dismiss<", "to decide", "flagged:", "Review of"):
        assert english not in page, english
    assert "TM201" in page and "mercredi" in page
    english_page = ReviewApp(Review(draft, Options(lang="fr"))).page()
    assert '<html lang="en">' in english_page and ">Accept<" in english_page
