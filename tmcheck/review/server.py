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

from ..errors import InputError
from ..report.html import esc, line_html, line_segments, read_source

MAX_BODY = 64 * 1024


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

    # -- actions -------------------------------------------------------------------------------------

    def act(self, form: dict[str, str]) -> str:
        """Run one form's action; returns the anchor to show next."""
        with self.lock:
            s = self.session
            fp = form.get("fingerprint", "")
            finding = s.find(fp)
            if finding is None:
                self.message = "That finding is no longer in the draft (it was fixed or the draft changed)."
                return ""
            action = form.get("action", "")
            if action == "accept":
                s.decide(finding, "accepted")
                self.message = f"Accepted {finding.code} '{finding.text}'."
            elif action == "dismiss":
                s.decide(finding, "dismissed", form.get("reason", "").strip()[:500])
                self.message = f"Dismissed {finding.code} '{finding.text}'."
            elif action == "undo":
                s.undo(finding)
                self.message = f"Decision on {finding.code} '{finding.text}' withdrawn."
            elif action == "apply":
                try:
                    backup = s.apply(finding)
                except InputError as exc:
                    self.message = str(exc)
                else:
                    self.message = f"Applied '{finding.suggestion}'; the previous version is {backup.name}."
            elif action == "propose":
                path = propose_entry(s.draft, finding, form)
                self.message = f"Glossary entry proposed in {path.name}."
            else:
                self.message = "Unknown action."
            return f"f-{fp}"

    # -- pages ---------------------------------------------------------------------------------------

    def page(self) -> str:
        with self.lock:
            s = self.session
            findings = s.findings
            lines = _draft_lines(s.draft)
            pieces = line_segments(list(enumerate(findings)), lines)
            marks = _LinkMarks(findings)
            text_html = "\n".join(
                f'<div class="line" id="l{n}"><span class="n">{n}</span>{line_html(line, pieces.get(n, []), marks) or " "}</div>'
                for n, line in enumerate(lines, 1))
            cards = "\n".join(self._card(f) for f in findings) or "<p>No findings: nothing to review.</p>"
            counts = {d: sum(1 for f in findings if f.decision == d) for d in ("accepted", "dismissed", "fixed")}
            undecided = sum(1 for f in findings if f.decision is None)
            message = f'<p class="message" role="status">{_e(self.message)}</p>' if self.message else ""
            self.message = ""
        return _PAGE.format(
            title=_e(s.draft.name), draft=_e(s.draft), review=_e(s.file.path), message=message,
            summary=_e(f"{len(findings)} findings: {undecided} to decide, {counts['accepted']} accepted, "
                       f"{counts['dismissed']} dismissed"),
            text=text_html, cards=cards)

    def _card(self, f) -> str:
        fp = _e(f.fingerprint)
        hidden = f'<input type="hidden" name="csrf" value="{_e(self.csrf)}"><input type="hidden" name="fingerprint" value="{fp}">'
        state = f'<span class="state {f.decision}">{_e(f.decision)}</span>' if f.decision else '<span class="state open">to decide</span>'
        parts = [f'<section class="card {_e(f.severity)}" id="f-{fp}" data-code="{_e(f.code)}">',
                 f'<h3><a href="#l{f.span.start.line}">line {f.span.start.line}</a> {_e(f.code)} {_e(f.rule)} '
                 f'<small>[{_e(f.severity)}]</small> {state}</h3>',
                 f'<p class="msg">{_e(f.message)}</p>',
                 f'<p class="flagged">flagged: <q>{_e(f.text)}</q></p>']
        if f.suggestion is not None:
            parts.append(f'<p class="suggestion">suggestion: <q>{_e(f.suggestion)}</q></p>')
        for r in f.related:
            parts.append(f'<p class="related">see <a href="#l{r.span.start.line}">line {r.span.start.line}</a>: {_e(r.message)}</p>')
        if f.decision is None:
            parts.append(f'<form method="post" action="/act" class="inline">{hidden}'
                         f'<button name="action" value="accept">Accept</button></form>')
            parts.append(f'<form method="post" action="/act" class="inline">{hidden}'
                         f'<input name="reason" placeholder="reason for dismissing" aria-label="reason">'
                         f'<button name="action" value="dismiss">Dismiss</button></form>')
            if f.suggestion is not None:
                parts.append(f'<form method="post" action="/act" class="inline">{hidden}'
                             f'<button name="action" value="apply">Apply suggestion</button></form>')
        elif f.decision in ("accepted", "dismissed"):
            parts.append(f'<form method="post" action="/act" class="inline">{hidden}'
                         f'<button name="action" value="undo">Undo</button></form>')
        lang, other = (self.session.lang, "en" if self.session.lang == "fr" else "fr")
        parts.append(f'<details><summary>Propose a glossary entry</summary>'
                     f'<form method="post" action="/act">{hidden}'
                     f'<label>{lang} <input name="{lang}" value="{_e(f.suggestion or f.text)}"></label> '
                     f'<label>{other} <input name="{other}" value=""></label> '
                     f'<label>note <input name="note" value=""></label> '
                     f'<button name="action" value="propose">Propose</button></form></details>')
        parts.append("</section>")
        return "\n".join(parts)


def propose_entry(draft: Path, finding, form: dict[str, str]) -> Path:
    """A proposed glossary entry (status: proposed), appended to GLOSSARY-PROPOSALS beside the draft
    for a terminologist to review; the shared glossary itself is never written from the browser."""
    import yaml

    from .. import safe_yaml, shapes
    from ..atomic import write_atomically
    from .decisions import current_user

    path = draft.with_name("glossary-proposals.yaml")
    data = {"proposals": []}
    if path.exists():
        try:
            loaded = safe_yaml.load(path.read_text(encoding="utf-8"))[1] or {}
        except (yaml.YAMLError, OSError, UnicodeDecodeError):
            raise InputError(f"{path}: not a valid proposals file; fix it or move it away") from None
        if shapes.problem(loaded, shapes.PROPOSALS_FILE):
            raise InputError(f"{path}: not a valid proposals file; fix it or move it away")
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
    """Highlights as links to the finding's card (the HTML report's line_html calls ``mark``)."""

    def __init__(self, findings):
        self.findings = findings

    def mark(self, fids: list[int], piece: str, zero_width: bool = False) -> str:
        f = self.findings[fids[0]]
        cls = f"{f.severity} {f.decision or 'open'}"
        title = "&#10;".join(_e(f"{self.findings[i].code}: {self.findings[i].message}") for i in fids)
        return f'<a class="mark {_e(cls)}" href="#f-{_e(f.fingerprint)}" title="{title}">{_e(piece)}</a>'


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'">
<meta name="referrer" content="same-origin">
<title>Review: {title}</title>
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
.state.open {{ background: #ffe082; }} .state.dismissed {{ background: #cfd8dc; }} .state.accepted {{ background: #c8e6c9; }}
form.inline {{ display: inline; }} .message {{ background: #e8f5e9; padding: .4rem; }}
:target {{ outline: 2px solid #1d3557; }}
</style></head>
<body>
<header><strong>Review of {title}</strong> <small>{draft} · decisions in {review}</small><br>{summary}</header>
<main aria-label="draft">{text}</main>
<aside aria-label="findings">{message}{cards}</aside>
</body></html>
"""


class _Handler(BaseHTTPRequestHandler):
    app: ReviewApp  # set on the subclass made for each server

    server_version = "tmcheck-review"
    sys_version = ""

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

    def _authorised(self) -> bool:
        app = self.app
        query = parse_qs(urlsplit(self.path).query)
        given = (query.get("token") or [""])[0]
        cookie = ""
        for part in (self.headers.get("Cookie") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == "tmcheck_review":
                cookie = value
        return hmac.compare_digest(given, app.token) or hmac.compare_digest(cookie, app.token)

    def do_GET(self):  # noqa: N802 - the base class's name
        if urlsplit(self.path).path != "/":
            return self._send(HTTPStatus.NOT_FOUND, "not found")
        if not self._authorised():
            return self._send(HTTPStatus.FORBIDDEN, "forbidden: open the address tmcheck printed (it carries a token)")
        cookie = f"tmcheck_review={self.app.token}; HttpOnly; SameSite=Strict; Path=/"
        self._send(HTTPStatus.OK, self.app.page(), {"Set-Cookie": cookie})

    def do_POST(self):  # noqa: N802
        if urlsplit(self.path).path != "/act":
            return self._send(HTTPStatus.NOT_FOUND, "not found")
        if not self._authorised():
            return self._send(HTTPStatus.FORBIDDEN, "forbidden")
        origin = self.headers.get("Origin")
        host = self.headers.get("Host", "")
        if origin is not None and origin not in (f"http://{host}",):
            return self._send(HTTPStatus.FORBIDDEN, "forbidden: cross-origin form")  # "null" included
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            return self._send(HTTPStatus.BAD_REQUEST, "bad request")
        if length > MAX_BODY:
            return self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too large")
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8", "replace")).items()}
        if not hmac.compare_digest(form.get("csrf", ""), self.app.csrf):
            return self._send(HTTPStatus.FORBIDDEN, "forbidden: the form is not from this review page")
        try:
            anchor = self.app.act(form)
        except InputError as exc:
            self.app.message = str(exc)
            anchor = ""
        self._send(HTTPStatus.SEE_OTHER, "", {"Location": "/" + (f"#{anchor}" if anchor else "")})


def make_server(session, port: int = 0) -> tuple[ThreadingHTTPServer, ReviewApp, str]:
    app = ReviewApp(session)
    handler = type("ReviewHandler", (_Handler,), {"app": app})
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise InputError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror or exc})") from None
    url = f"http://127.0.0.1:{server.server_address[1]}/?token={app.token}"
    return server, app, url


def serve(session, port: int = 0, open_browser: bool = True) -> None:
    import click

    server, _, url = make_server(session, port)
    click.echo(url, err=False)
    click.echo(f"Reviewing {session.draft}; decisions go to {session.file.path}. Ctrl-C to stop.", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
