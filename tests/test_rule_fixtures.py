"""Tests as data: every case of tests/fixtures/rules/TMxxx.yaml (see the README there)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import lint_text

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def _cases():
    for f in sorted(FIXTURES.glob("TM*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}")


def _matches(finding, expected, text: str) -> bool:
    if finding.span.start.line != expected["line"]:
        return False
    line = text.splitlines()[expected["line"] - 1]
    col = line.find(expected["match"])
    assert col != -1, f"fixture error: {expected['match']!r} is not on line {expected['line']}"
    a, b = col + 1, col + 1 + len(expected["match"])
    start = finding.span.start.column
    end = finding.span.end.column if finding.span.end.line == finding.span.start.line else 10**9
    if not (start < b and a < end):
        return False
    if "suggestion" in expected and finding.suggestion != expected["suggestion"]:
        return False
    if "related_line" in expected and (not finding.related or finding.related[0].span.start.line != expected["related_line"]):
        return False
    return True


@pytest.mark.parametrize("rule,case", list(_cases()))
def test_fixture(rule, case):
    text = case["text"]
    fmt = case.get("format", "txt")
    # TM001 judges suppressions, so the rules they suppress must run too.
    select = None if rule == "TM001" else [rule]
    findings = [f for f in lint_text(text, case["lang"], select, fmt=fmt, path=f"case.{fmt}") if f.code == rule]
    expected = case.get("expect") or []
    unmatched = list(findings)
    for exp in expected:
        hit = next((f for f in unmatched if _matches(f, exp, text)), None)
        assert hit, f"expected {exp} not found; got {[(f.span.start.line, f.span.start.column, f.message, f.suggestion) for f in findings]}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected findings: {[(f.span.start.line, f.message, f.suggestion) for f in unmatched]}"


def test_every_rule_has_fixtures():
    from tmcheck.engine.registry import registry

    have = {f.stem for f in FIXTURES.glob("TM*.yaml")}
    missing = [r.code for r in registry() if r.code not in have]
    assert not missing, f"rules without a fixture file: {missing}"
    for f in FIXTURES.glob("TM*.yaml"):
        cases = yaml.safe_load(f.read_text(encoding="utf-8"))["cases"]
        for lang in ("fr", "en"):
            assert any(c["lang"] == lang and c.get("expect") for c in cases), f"{f.name}: no failing {lang} case"
            assert any(c["lang"] == lang and not c.get("expect") for c in cases), f"{f.name}: no clean {lang} case"
