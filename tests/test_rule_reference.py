"""The rule reference in README.md is generated (`tmcheck rules --format markdown`) and current; a
code, once used, is never given to another rule."""

from __future__ import annotations

import re
from pathlib import Path

from cli_helpers import run_cli
from tmcheck.engine.registry import REMOVED, TABLE
from tmcheck.report.rules_reference import END, START

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _committed() -> str:
    text = README.read_text(encoding="utf-8")
    a, b = text.index(START), text.index(END)
    return text[a:b + len(END)]


def test_the_readme_rule_reference_is_current():
    r = run_cli("rules", "--format", "markdown", cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == _committed().strip(), (
        "README.md's rule reference is not current: paste the output of `tmcheck rules --format markdown`")


def test_every_code_ever_listed_is_a_rule_or_removed_and_never_reused():
    # The committed reference lists every code of its time: a rule taken out of TABLE must go to
    # REMOVED (with why), and a code in REMOVED can never come back as another rule.
    listed = set(re.findall(r"^\| (TM\d{3}) \|", _committed(), re.M))
    codes = {row.code for row in TABLE}
    assert listed <= codes | set(REMOVED), f"codes gone without a REMOVED entry: {sorted(listed - codes - set(REMOVED))}"
    assert not codes & set(REMOVED), f"removed codes given to a rule again: {sorted(codes & set(REMOVED))}"
    assert all(reason.strip() for reason in REMOVED.values())
