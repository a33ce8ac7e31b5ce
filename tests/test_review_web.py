"""`tmcheck review --serve`: token, CSRF and origin checks, escaping, and an editor's session end to end
in headless Chromium driven by Playwright (Debian's chromium; Playwright never downloads a browser)."""

from __future__ import annotations

import shutil
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from cli_helpers import start_cli
from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

HOSTILE = ("The report of UNDOC <script>alert('x')</script> is published.\n\n"
           "The meeting opens on Wednesday, 6 September 2016 <img src=x onerror=alert(1)> &amp; \"quoted\" </textarea>.\n")


@pytest.fixture
def served(tmp_path):
    """A review server in a thread over a draft with hostile text; yields (url, app, draft, server)."""
    from tmcheck.review.server import make_server
    from tmcheck.review.session import Review

    draft = tmp_path / "hostile.en.md"
    draft.write_text(HOSTILE, encoding="utf-8")
    server, app, url = make_server(Review(draft))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url, app, draft, server
    server.shutdown()
    server.server_close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _request(url, data=None, headers=None):
    opener = urllib.request.build_opener(_NoRedirect)
    req = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode() if data is not None else None,
                                 headers=headers or {})
    try:
        with opener.open(req, timeout=10) as r:
            return r.status, r.read().decode("utf-8"), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace"), e.headers


def test_listens_on_loopback_only(served):
    url, _, _, server = served
    assert server.server_address[0] == "127.0.0.1"
    assert url.startswith(f"http://127.0.0.1:{server.server_address[1]}/?token=")


def test_token_required(served):
    url, app, _, _ = served
    base = url.split("?")[0]
    assert _request(base)[0] == 403
    assert _request(base + "?token=wrong")[0] == 403
    status, body, headers = _request(url)
    assert status == 200 and "Review of hostile.en.md" in body
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # the cookie alone is enough afterwards
    assert _request(base, headers={"Cookie": cookie.split(";")[0]})[0] == 200


def test_forged_forms_are_refused_and_change_nothing(served):
    url, app, draft, _ = served
    base = url.split("?")[0]
    fp = app.session.findings[0].fingerprint
    cookie = {"Cookie": f"tmcheck_review={app.token}"}
    good = {"csrf": app.csrf, "fingerprint": fp, "action": "dismiss", "reason": "x"}
    assert _request(base + "act", {**good, "csrf": "forged"}, cookie)[0] == 403
    assert _request(base + "act", {k: v for k, v in good.items() if k != "csrf"}, cookie)[0] == 403
    assert _request(base + "act", good)[0] == 403  # no token, no cookie
    assert _request(base + "act", good, {**cookie, "Origin": "http://evil.example"})[0] == 403
    assert not (draft.parent / "hostile.en.md.review.yaml").exists()
    status, _, headers = _request(base + "act", good, {**cookie, "Origin": base.rstrip("/")})
    assert status == 303 and headers["Location"].startswith("/#f-")
    assert "decision: dismissed" in (draft.parent / "hostile.en.md.review.yaml").read_text(encoding="utf-8")


def test_draft_text_is_shown_as_text(served):
    from html.parser import HTMLParser

    url, _, _, _ = served
    _, body, _ = _request(url)

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.attrs, self.text = [], [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.attrs.extend(name for name, _ in attrs)

        def handle_data(self, data):
            self.text.append(data)

    p = Collect()
    p.feed(body)
    assert "script" not in p.tags and "img" not in p.tags and "textarea" not in p.tags
    assert "onerror" not in p.attrs
    text = "".join(p.text)
    assert "<script>alert('x')</script>" in text
    assert "<img src=x onerror=alert(1)> &amp; \"quoted\" </textarea>" in text
    assert "default-src 'none'" in body


# -- end to end in Chromium ----------------------------------------------------------------------------

def _launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"])


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_browser_review_dismiss_apply_reload(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
    draft = tmp_path / "wg-tip-2016.en.md"
    original = (GOLDEN / "wg-tip-2016-drift.en.md").read_text(encoding="utf-8")
    draft.write_text(original, encoding="utf-8")
    env = {"TMCHECK_CACHE_DIR": str(tmp_path / "cache"), "TMCHECK_USER": "editor-web"}
    proc = start_cli("review", "--serve", "--no-browser", str(draft), cwd=tmp_path, env=env)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), proc.stderr.read()
        with sync_api.sync_playwright() as pw:
            browser = _launch(pw)
            page = browser.new_page()
            page.goto(url)
            # Dismiss the weekday finding with a reason.
            weekday = page.locator("section.card[data-code='TM201']").first
            weekday.locator("input[name=reason]").fill("the source has Wednesday too")
            weekday.get_by_role("button", name="Dismiss").click()
            page.wait_for_load_state()
            assert "Dismissed TM201" in page.locator(".message").inner_text()
            # A safe fix has "Apply fix"; the acronym of a definition is an unsafe fix (the title
            # may be the wrong one): only its own button applies it.
            house = page.locator("section.card[data-code='TM402']").first
            assert house.get_by_role("button", name="Apply fix").count() == 1
            acronym = page.locator("section.card[data-code='TM104']").first
            assert "UNDOC" in acronym.inner_text()
            assert acronym.get_by_role("button", name="Apply fix").count() == 0
            acronym.get_by_role("button", name="Apply (unsafe)").click()
            page.wait_for_load_state()
            assert "Applied 'UNODC'" in page.locator(".message").inner_text()
            # Reload: both decisions persisted and shown.
            page.reload()
            cards = page.locator("section.card")
            texts = [cards.nth(i).inner_text() for i in range(cards.count())]
            assert any("TM201" in t and "dismissed" in t for t in texts)
            assert not any("TM104" in t and "UNDOC" in t and "to decide" in t for t in texts)
            # The fixed finding is gone from the draft but stays in view, marked fixed, and counted.
            assert any("TM104" in t and "UNDOC" in t and "fixed" in t for t in texts)
            assert "1 fixed" in page.locator("body").inner_text()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "review-serve.png"), full_page=False)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    review = (tmp_path / "wg-tip-2016.en.md.review.yaml").read_text(encoding="utf-8")
    assert "decision: dismissed" in review and "reason: the source has Wednesday too" in review
    assert "decision: fixed" in review and "by: editor-web" in review
    # The draft changed exactly once: one backup, holding the original; one replacement made.
    backups = sorted(tmp_path.glob("wg-tip-2016.en.md.~*~"))
    assert [b.name for b in backups] == ["wg-tip-2016.en.md.~1~"]
    assert backups[0].read_text(encoding="utf-8") == original
    changed = draft.read_text(encoding="utf-8")
    assert changed == original.replace("(UNDOC)", "(UNODC)", 1)
    assert (ARTIFACTS / "review-serve.png").stat().st_size > 10_000
