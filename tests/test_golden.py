"""Golden whole-document cases: agendas with annotations in French and English (Markdown as
exported from Word, and text extracted from PDF), clean and with injected errors of every family.
The expected report of each is a plain text file reviewed by hand (NAME.expected), with the same
findings pinned in every other format the command line writes (NAME.expected.json, .sarif, .html and
the French text report NAME.expected-fr), so that a refactoring that changes any finding, place or
message shows here.

The goldens hold repository-relative paths (the CLI is run from the checkout on tests/golden/NAME) and
"<version>" for tmcheck's version, so they are the same on every machine and in a clean clone.
``TMCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py tests/test_facts.py`` rewrites them all
from the current code (tests/golden/README)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import run_cli
from conftest import assert_golden, stable
from tmcheck.engine import Linter, Options

GOLDEN = Path(__file__).parent / "golden"
ROOT = GOLDEN.parent.parent


DRIFTED = sorted(p.name[:-len(".expected")] for p in GOLDEN.glob("*.expected"))


@pytest.mark.parametrize("name", DRIFTED)
def test_golden_report(name):
    """The text report as a user sees it, reviewed by hand."""
    r = run_cli("lint", f"tests/golden/{name}", cwd=ROOT)
    assert r.code == 1, r.stderr
    assert_golden(GOLDEN / f"{name}.expected", stable(r.stdout, "text"))


@pytest.mark.parametrize("fmt", ["json", "sarif", "html"])
@pytest.mark.parametrize("name", DRIFTED)
def test_golden_report_in_every_format(name, fmt):
    r = run_cli("lint", "--format", fmt, f"tests/golden/{name}", cwd=ROOT)
    assert r.code == 1, r.stderr
    assert r.stderr == ""
    assert_golden(GOLDEN / f"{name}.expected.{fmt}", stable(r.stdout, fmt))


@pytest.mark.parametrize("name", DRIFTED)
def test_golden_french_report(name):
    """The text report with French messages (the drafts' own text is quoted as written)."""
    r = run_cli("lint", "--messages", "fr", f"tests/golden/{name}", cwd=ROOT)
    assert r.code == 1, r.stderr
    assert_golden(GOLDEN / f"{name}.expected-fr", r.stdout)


@pytest.mark.parametrize("name", ["wg-tip-2016.en.md", "wg-tip-2016.fr.md", "wg-tip-2016.fr.txt"])
def test_clean_drafts_stay_clean(name):
    result = Linter(Options()).lint_paths([str(GOLDEN / name)])
    assert result.findings == []


def test_drifted_drafts_cover_every_family():
    codes = set()
    for name in ("wg-tip-2016-drift.en.md", "wg-tip-2016-drift.fr.md"):
        codes |= {f.code for f in Linter(Options()).lint_paths([str(GOLDEN / name)]).findings}
    assert {c[:3] for c in codes} >= {"TM1", "TM2", "TM3", "TM4"}
    assert codes >= {"TM101", "TM102", "TM201", "TM202", "TM203", "TM204", "TM301", "TM302", "TM303", "TM304", "TM401", "TM402"}
