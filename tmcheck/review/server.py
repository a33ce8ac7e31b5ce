"""``tmcheck review --serve``: the review in a browser, on 127.0.0.1 only.

Safe by construction rather than by care: the server listens on the loopback interface; every
request must carry a random token (in the first URL, then in an HttpOnly, SameSite=Strict cookie);
every form carries a second random value (CSRF) and a POST whose Origin is not this server is
refused; every piece of the draft, message and suggestion is escaped; the page loads nothing from
anywhere (a Content-Security-Policy says so to the browser). The standard library's HTTP server is
enough for one editor on one machine.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import click

from .. import safe_yaml, shapes
from ..atomic import write_atomically
from ..errors import InputError
from ..report.html import esc, line_html, line_segments, read_source
from ..i18n import N_, _, language
from .decisions import current_user

MAX_BODY = 64 * 1024
TIMEOUT = 10.0  # seconds a connection may stay silent (a browser sends its request at once)
MAX_CONNECTIONS = 32  # one editor's browser opens a handful
HOSTS = ("127.0.0.1", "localhost")


_SAFETY = {"safe": N_("safe fix"), "unsafe": N_("unsafe fix: check it before applying"), "display": N_("a hint, not applied")}
# The page's words, marked here because Babel does not read inside f-strings; translated when a card is made.
_LABELS = {
    "flagged": N_("flagged:"),
    "suggestion": N_("suggestion:"),
    "see": N_("see"),
    "accept": N_("Accept"),
    "reason_for_dismissing": N_("reason for dismissing"),
    "reason": N_("reason"),
    "dismiss": N_("Dismiss"),
    "apply": N_("Apply fix"),
    "unsafe_hint": N_("probably right, but check it first"),
    "apply_unsafe": N_("Apply (unsafe)"),
    "undo": N_("Undo"),
    "propose_entry": N_("Propose a glossary entry"),
    "note": N_("note"),
    "propose": N_("Propose"),
}
# The labels of a finding's state (the state itself, in the page's classes and the decisions file, stays as it is).
_STATES = {None: N_("to decide"), "accepted": N_("accepted"), "dismissed": N_("dismissed"), "fixed": N_("fixed")}


def _e(value) -> str:
    """Escaped as the HTML report escapes (paths and other values as their text)."""
    return esc(str(value))


class ReviewApp:
    """What the pages show and what the forms do, apart from HTTP (so that it is testable alone)."""

    def __init__(self, session):
        self.session = session
        self.token = secrets.token_urlsafe(24)
        self.csrf = secrets.token_urlsafe(24)
        self.lock = threading.Lock()
        self.message = ""
        self.version = 0  # bumped by every action: the page is rendered again only then
        self._page: tuple[int, str] | None = None

    # -- actions -------------------------------------------------------------------------------------

    def act(self, form: dict[str, str]) -> str:
        """Run one form's action; returns the anchor to show next."""
        with self.lock:
            self.version += 1
            s = self.session
            fp = form.get("fingerprint", "")
            finding = s.find(fp)
            if finding is None:
                self.message = _("That finding is no longer in the draft (it was fixed or the draft changed).")
                return ""
            action = form.get("action", "")
            if action == "accept":
                s.decide(finding, "accepted")
                self.message = _("Accepted {code} '{text}'.").format(code=finding.code, text=finding.text)
            elif action == "dismiss":
                s.decide(finding, "dismissed", form.get("reason", "").strip()[:500])
                self.message = _("Dismissed {code} '{text}'.").format(code=finding.code, text=finding.text)
            elif action == "undo":
                s.undo(finding)
                self.message = _("Decision on {code} '{text}' withdrawn.").format(code=finding.code, text=finding.text)
            elif action in ("apply", "apply-unsafe"):
                try:
                    # An unsafe fix only from its own button: the editor asked for it.
                    backup = s.apply(finding, unsafe=action == "apply-unsafe")
                except InputError as exc:
                    self.message = str(exc)
                else:
                    self.message = _("Applied '{suggestion}'; the previous version is {backup}.").format(
                        suggestion=finding.suggestion, backup=backup.name)
            elif action == "propose":
                path = propose_entry(s.draft, finding, form)
                self.message = _("Glossary entry proposed in {file}.").format(file=path.name)
            else:
                self.message = _("Unknown action.")
            return f"f-{fp}"

    # -- pages ---------------------------------------------------------------------------------------

    def page(self) -> str:
        """The review page: rendered once per state of the review (a reload costs nothing), in
        time linear in the draft and its findings."""
        with self.lock:
            message = f'<p class="message" role="status">{_e(self.message)}</p>' if self.message else ""
            self.message = ""
            cached = self._page
            if cached is None or cached[0] != self.version:
                cached = self._page = (self.version, self._render())
        return cached[1].replace(_MESSAGE_SLOT, message, 1)

    def _render(self) -> str:
        s = self.session
        findings = s.findings
        lines = _draft_lines(s.draft)
        pieces = line_segments(list(enumerate(findings)), lines)
        marks = _LinkMarks(findings)
        text_html = "\n".join(
            f'<div class="line" id="l{n}"><span class="n">{n}</span>{line_html(line, pieces.get(n, []), marks) or " "}</div>'
            for n, line in enumerate(lines, 1))
        # A fixed finding is gone from the draft, so from the lint: its decision keeps it in view.
        present = {f.fingerprint for f in findings}
        fixed = [d for d in s.file.decisions if d.decision == "fixed" and d.fingerprint not in present]
        cards = "\n".join([*(self._card(f) for f in findings), *(self._fixed_card(d) for d in fixed)]) \
            or "<p>" + _e(_("No findings: nothing to review.")) + "</p>"
        counts = {d: sum(1 for f in findings if f.decision == d) for d in ("accepted", "dismissed", "fixed")}
        undecided = sum(1 for f in findings if f.decision is None)
        return _PAGE.format(
            lang=language(), message=_MESSAGE_SLOT,
            head=_e(_("Review: {draft}").format(draft=s.draft.name)),
            heading=_e(_("Review of {draft}").format(draft=s.draft.name)),
            where=_e(_("{draft} · decisions in {review}").format(draft=s.draft, review=s.file.path)),
            summary=_e(_("{total} findings: {open} to decide, {accepted} accepted, {dismissed} dismissed, {fixed} fixed").format(
                total=len(findings) + len(fixed), open=undecided, accepted=counts["accepted"],
                dismissed=counts["dismissed"], fixed=counts["fixed"] + len(fixed))),
            draft_label=_e(_("draft")), findings_label=_e(_("findings")), text=text_html, cards=cards)

    @staticmethod
    def _fixed_card(d) -> str:
        """A finding an editor fixed: what was flagged, who fixed it and when; nothing left to do."""
        who = " ".join(x for x in (_("by {user}").format(user=d.by) if d.by else "", d.at) if x)
        t = {k: _e(_(v)) for k, v in _LABELS.items()}
        fixed = _e(_(_STATES["fixed"]))
        return (f'<section class="card fixed" data-code="{_e(d.code)}"><h3>{_e(d.code)} '
                f'<span class="state fixed">{fixed}</span></h3>'
                f'<p class="flagged">{t["flagged"]} <q>{_e(d.text)}</q></p>'
                + (f'<p class="related">{_e(who)}</p>' if who else "") + "</section>")

    def _card(self, f) -> str:
        fp = _e(f.fingerprint)
        hidden = f'<input type="hidden" name="csrf" value="{_e(self.csrf)}"><input type="hidden" name="fingerprint" value="{fp}">'
        state = f'<span class="state {f.decision or "open"}">{_e(_(_STATES[f.decision]))}</span>'
        line = _("line {n}")
        t = {k: _e(_(v)) for k, v in _LABELS.items()}
        parts = [f'<section class="card {_e(f.severity)}" id="f-{fp}" data-code="{_e(f.code)}">',
                 f'<h3><a href="#l{f.span.start.line}">{_e(line.format(n=f.span.start.line))}</a> {_e(f.code)} {_e(f.shown_rule)} '
                 f'<small>[{_e(f.severity)}]</small> {state}</h3>',
                 f'<p class="msg">{_e(f.message)}</p>',
                 f'<p class="flagged">{t["flagged"]} <q>{_e(f.text)}</q></p>']
        if f.suggestion is not None:
            parts.append(f'<p class="suggestion {_e(f.fix.applicability)}">{t["suggestion"]} <q>{_e(f.suggestion)}</q> '
                         f'<small>({_e(_(_SAFETY[f.fix.applicability]))})</small></p>')
        for r in f.related:
            parts.append(f'<p class="related">{t["see"]} <a href="#l{r.span.start.line}">{_e(line.format(n=r.span.start.line))}</a>: '
                         f'{_e(r.message)}</p>')
        if f.decision is None:
            parts.append(f'<form method="post" action="/act" class="inline">{hidden}'
                         f'<button name="action" value="accept">{t["accept"]}</button></form>')
            parts.append(f'<form method="post" action="/act" class="inline">{hidden}'
                         f'<input name="reason" placeholder="{t["reason_for_dismissing"]}" aria-label="{t["reason"]}">'
                         f'<button name="action" value="dismiss">{t["dismiss"]}</button></form>')
            # A safe fix is applied by "Apply fix"; an unsafe one only by its own button, which says
            # so; a suggestion that is only a hint has none.
            if f.fix is not None and f.fix.applicability == "safe":
                parts.append(f'<form method="post" action="/act" class="inline">{hidden}'
                             f'<button name="action" value="apply">{t["apply"]}</button></form>')
            elif f.fix is not None and f.fix.applicability == "unsafe":
                parts.append(f'<form method="post" action="/act" class="inline">{hidden}'
                             f'<button name="action" value="apply-unsafe" class="unsafe" '
                             f'title="{t["unsafe_hint"]}">{t["apply_unsafe"]}</button></form>')
        elif f.decision in ("accepted", "dismissed"):
            parts.append(f'<form method="post" action="/act" class="inline">{hidden}'
                         f'<button name="action" value="undo">{t["undo"]}</button></form>')
        lang, other = (self.session.lang, "en" if self.session.lang == "fr" else "fr")
        parts.append(f'<details><summary>{t["propose_entry"]}</summary>'
                     f'<form method="post" action="/act">{hidden}'
                     f'<label>{lang} <input name="{lang}" value="{_e(f.suggestion or f.text)}"></label> '
                     f'<label>{other} <input name="{other}" value=""></label> '
                     f'<label>{t["note"]} <input name="note" value=""></label> '
                     f'<button name="action" value="propose">{t["propose"]}</button></form></details>')
        parts.append("</section>")
        return "\n".join(parts)


# Where the one-time message goes in a page rendered once (no text of the page can hold it: every
# text is escaped, and this is not valid escaped text).
_MESSAGE_SLOT = "<\x00message\x00>"


def propose_entry(draft: Path, finding, form: dict[str, str]) -> Path:
    """A proposed glossary entry (status: proposed), appended to GLOSSARY-PROPOSALS beside the draft
    for a terminologist to review; the shared glossary itself is never written from the browser."""
    import yaml  # PyYAML only when an entry is proposed (start-up cost of a review)

    path = draft.with_name("glossary-proposals.yaml")
    data = {"proposals": []}
    if path.exists():
        try:
            loaded = safe_yaml.load(path.read_text(encoding="utf-8"))[1] or {}
        except (yaml.YAMLError, OSError, UnicodeDecodeError):
            raise InputError(_("{path}: not a valid proposals file; fix it or move it away").format(
                path=path)) from None
        if shapes.problem(loaded, shapes.PROPOSALS_FILE):
            raise InputError(_("{path}: not a valid proposals file; fix it or move it away").format(path=path))
        data["proposals"] = list(loaded.get("proposals") or [])
    data["proposals"].append({
        "status": "proposed", "fr": {"term": form.get("fr", "").strip()[:300]},
        "en": {"term": form.get("en", "").strip()[:300]}, "notes": form.get("note", "").strip()[:500],
        "from": f"{draft.name}:{finding.span.start.line} {finding.code} '{finding.text}'", "by": current_user()})
    write_atomically(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
    return path


def _draft_lines(path: Path) -> list[str]:
    """The draft's lines as the findings count them (the HTML report's reading)."""
    try:
        return read_source(str(path)).split("\n")
    except Exception:  # noqa: BLE001 - the findings are still listed beside
        return []


class _LinkMarks:
    """Highlights as links to the finding's card (the HTML report's line_html calls ``mark``); each
    finding's tooltip escaped once however many pieces it has."""

    def __init__(self, findings):
        self.findings = findings
        self._titles: dict[int, str] = {}

    def _title(self, i: int) -> str:
        if i not in self._titles:
            self._titles[i] = _e(f"{self.findings[i].code}: {self.findings[i].message}")
        return self._titles[i]

    def mark(self, fids: list[int], piece: str, zero_width: bool = False) -> str:
        f = self.findings[fids[0]]
        cls = f"{f.severity} {f.decision or 'open'}"
        title = "&#10;".join(self._title(i) for i in fids)
        return f'<a class="mark {_e(cls)}" href="#f-{_e(f.fingerprint)}" title="{title}">{_e(piece)}</a>'


_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'">
<meta name="referrer" content="same-origin">
<title>{head}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: 1fr 28rem; height: 100vh; }}
header {{ grid-column: 1 / 3; padding: .5rem 1rem; background: #1d3557; color: #fff; }}
header small {{ opacity: .8; }}
main {{ overflow: auto; padding: 1rem; font-family: ui-monospace, monospace; font-size: 13px; }}
.line {{ white-space: pre-wrap; }}
aside {{ overflow: auto; padding: .5rem 1rem; background: #f4f4f4; }}
.line .n {{ display: inline-block; width: 3.5em; color: #888; user-select: none; }}
@media print {{ body {{ display: block; height: auto; }} aside form, details {{ display: none; }} }}
.mark {{ text-decoration: none; color: inherit; border-bottom: 2px solid; }}
.mark.error {{ background: #fde2e1; border-color: #c62828; }} .mark.warning {{ background: #fff3cd; border-color: #b26a00; }}
.mark.info {{ background: #e3f2fd; border-color: #1565c0; }} .mark.dismissed {{ background: #eee; border-color: #999; }}
.card {{ background: #fff; margin: .6rem 0; padding: .5rem .7rem; border-left: 4px solid #999; }}
.card.error {{ border-color: #c62828; }} .card.warning {{ border-color: #b26a00; }} .card.info {{ border-color: #1565c0; }}
.card h3 {{ font-size: 14px; margin: 0 0 .3rem; }} .card p {{ margin: .2rem 0; }}
.state {{ font-size: 12px; padding: 0 .4em; border-radius: 3px; background: #ddd; }}
.state.open {{ background: #ffe082; }} .state.dismissed {{ background: #cfd8dc; }} .state.accepted {{ background: #c8e6c9; }} .state.fixed {{ background: #b3e5fc; }}
form.inline {{ display: inline; }} .message {{ background: #e8f5e9; padding: .4rem; }}
button.unsafe {{ border: 1px solid #b26a00; background: #fff3cd; }} .suggestion small {{ color: #666; }}
:target {{ outline: 2px solid #1d3557; }}
</style></head>
<body>
<header><strong>{heading}</strong> <small>{where}</small><br>{summary}</header>
<main aria-label="{draft_label}">{text}</main>
<aside aria-label="{findings_label}">{message}{cards}</aside>
</body></html>
"""


class _Handler(BaseHTTPRequestHandler):
    app: ReviewApp  # set on the subclass made for each server
    port: int  # the port the server listens on (for the Host and Origin checks)

    server_version = "tmcheck-review"
    sys_version = ""
    timeout = TIMEOUT  # StreamRequestHandler sets it on the connection: a silent client is let go

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # the terminal stays quiet; the decisions file is the record

    def _send(self, status: HTTPStatus, body: str = "", headers: dict | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Cache-Control", "no-store")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _host_ok(self) -> bool:
        """The Host header names this server (127.0.0.1 or localhost, and its port): a page of
        another site that a DNS rebinding points at 127.0.0.1 sends its own name."""
        hosts = self.headers.get_all("Host") or []
        return len(hosts) == 1 and hosts[0].strip().lower() in {f"{h}:{self.port}" for h in HOSTS}

    def _origin_ok(self) -> bool:
        """No Origin (a same-origin navigation may omit it), or this server's own origin exactly."""
        origins = self.headers.get_all("Origin") or []
        if not origins:
            return True
        return len(origins) == 1 and origins[0].strip().lower() in {f"http://{h}:{self.port}" for h in HOSTS}

    def _authorised(self) -> bool:
        app = self.app
        query = parse_qs(urlsplit(self.path).query)
        given = (query.get("token") or [""])[0]
        cookie = ""
        for part in (self.headers.get("Cookie") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == "tmcheck_review":
                cookie = value
        return _same(given, app.token) or _same(cookie, app.token)

    def _guard(self) -> bool:
        """Host first (421), then the token (403); True when the request may go on."""
        if not self._host_ok():
            self._send(HTTPStatus.MISDIRECTED_REQUEST, "misdirected: open the address tmcheck printed")
            return False
        if not self._authorised():
            self._send(HTTPStatus.FORBIDDEN, "forbidden: open the address tmcheck printed (it carries a token)")
            return False
        return True

    def do_GET(self):  # noqa: N802 - the base class's name
        if not self._guard():
            return
        if urlsplit(self.path).path != "/":
            return self._send(HTTPStatus.NOT_FOUND, "not found")
        cookie = f"tmcheck_review={self.app.token}; HttpOnly; SameSite=Strict; Path=/"
        self._send(HTTPStatus.OK, self.app.page(), {"Set-Cookie": cookie})

    def do_POST(self):  # noqa: N802
        if not self._guard():
            return
        if urlsplit(self.path).path != "/act":
            return self._send(HTTPStatus.NOT_FOUND, "not found")
        if not self._origin_ok():
            return self._send(HTTPStatus.FORBIDDEN, "forbidden: cross-origin form")  # "null" included
        lengths = self.headers.get_all("Content-Length") or []
        if len(lengths) != 1 or not lengths[0].strip().isdigit() or not lengths[0].strip().isascii():
            # missing, repeated, negative or not a number: never read a body of unknown length
            self.close_connection = True
            return self._send(HTTPStatus.BAD_REQUEST, "bad request: Content-Length")
        length = int(lengths[0])
        if length > MAX_BODY:
            self.close_connection = True
            return self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too large")
        body = self.rfile.read(length)
        if len(body) != length:
            self.close_connection = True
            return self._send(HTTPStatus.BAD_REQUEST, "bad request: short body")
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        if not _same(form.get("csrf", ""), self.app.csrf):
            return self._send(HTTPStatus.FORBIDDEN, "forbidden: the form is not from this review page")
        try:
            anchor = self.app.act(form)
        except InputError as exc:
            self.app.message = str(exc)
            anchor = ""
        self._send(HTTPStatus.SEE_OTHER, "", {"Location": "/" + (f"#{anchor}" if anchor else "")})


def _same(given: str, secret: str) -> bool:
    """A constant-time comparison that any value survives: hmac.compare_digest raises TypeError
    on a str that is not ASCII (a token or cookie of other characters dropped the connection)."""
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), secret.encode("ascii"))


class _Server(ThreadingHTTPServer):
    """One thread per connection, at most MAX_CONNECTIONS at once: a connection beyond is closed at
    once (a browser retries), so that silent or slow clients cannot pile up threads."""

    daemon_threads = True
    request_queue_size = 128  # the kernel's queue of connections not yet accepted (the default is 5)

    def __init__(self, address, handler, max_connections: int = MAX_CONNECTIONS):
        self._slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def make_server(session, port: int = 0, timeout: float = TIMEOUT,
                max_connections: int = MAX_CONNECTIONS) -> tuple[ThreadingHTTPServer, ReviewApp, str]:
    app = ReviewApp(session)
    handler = type("ReviewHandler", (_Handler,), {"app": app, "timeout": timeout, "port": 0})
    try:
        server = _Server(("127.0.0.1", port), handler, max_connections)
    except OSError as exc:
        raise InputError(_("cannot listen on 127.0.0.1:{port} ({reason})").format(
            port=port, reason=exc.strerror or exc)) from None
    handler.port = server.server_address[1]
    url = f"http://127.0.0.1:{server.server_address[1]}/?token={app.token}"
    return server, app, url


def serve(session, port: int = 0, open_browser: bool = True) -> None:
    server, _app, url = make_server(session, port)
    click.echo(url, err=False)
    click.echo(_("Reviewing {draft}; decisions go to {review}. Ctrl-C to stop.").format(
        draft=session.draft, review=session.file.path), err=True)
    if open_browser:
        # webbrowser only when a browser is opened (--no-browser needs none)
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
