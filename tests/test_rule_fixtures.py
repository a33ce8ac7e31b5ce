"""Tests as data: every case of tests/fixtures/rules/TMxxx.yaml (see the README there)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import lint_pair, lint_segments, lint_text

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def _cases():
    for f in sorted(FIXTURES.glob("TM*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}")


def _matches(finding, expected, text: str, pairs: bool = False) -> bool:
    if finding.span.start.line != expected["line"]:
        return False
    line = text.splitlines()[expected["line"] - 1]
    # In a pair's row ("source<TAB>target"), `match` is looked up in the target.
    col = line.find(expected["match"], line.find("\t") + 1 if pairs else 0)
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
    if "severity" in expected and finding.severity != expected["severity"]:
        return False
    if "rule_id" in expected and finding.rule_id != expected["rule_id"]:
        return False
    return True


def _fixed(text: str, findings) -> str:
    """``text`` with the safe fixes of ``findings`` applied, from the last to the first."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def offset(pos) -> int:
        return starts[pos.line - 1] + pos.column - 1

    edits = sorted(((offset(f.fix.span.start), offset(f.fix.span.end), f.fix.replacement) for f in findings), reverse=True)
    for (a, b, replacement), following in zip(edits, [None] + edits[:-1]):
        assert following is None or b <= following[0], f"fixes overlap at {a}-{b}"
        text = text[:a] + replacement + text[b:]
    return text


def safe_fixes(findings) -> list:
    return [f for f in findings if f.fix is not None and f.fix.applicability == "safe"]


def _check_fixed(case, findings, text: str) -> None:
    """A case whose findings have safe fixes gives its text once they are applied (``fixed``): the
    whole text, the target document, or the list of targets of its pairs."""
    safe = safe_fixes(findings)
    if not safe and "fixed" not in case:
        return
    assert "fixed" in case, (f"fixture error: the case has safe fixes; add 'fixed:' (its text once they are "
                             f"applied): {[(f.text, f.fix.replacement) for f in safe]}")
    fixed = _fixed(text, safe)
    if "pairs" in case:
        assert [row.split("\t", 1)[1] for row in fixed.splitlines()] == case["fixed"]
    else:
        assert fixed == case["fixed"]


@pytest.mark.parametrize("rule,case", list(_cases()))
def test_fixture(rule, case):
    # TM001 judges suppressions, so the rules they suppress must run too.
    select = None if rule == "TM001" else [rule]
    if "source_document" in case:
        # Two documents aligned as `tmcheck lint --source` aligns them; `line` and `match` refer to
        # the document named by `side` (target unless said otherwise).
        side = "source_document" if case.get("side") == "source" else "target_document"
        text = case[side]
        findings = [f for f in lint_pair(case["source_document"], case["target_document"], case["lang"], select)
                    if f.code == rule and f.span.path == ("source.md" if side == "source_document" else "target.md")]
    elif "pairs" in case:
        # A bilingual case: (source, target) pairs laid out as TSV rows; `line` is the pair's number
        # and `match` is looked up in its target.
        pairs = [(p["source"], p["target"]) for p in case["pairs"]]
        text = "\n".join(f"{s}\t{t}" for s, t in pairs) + "\n"
        findings = [f for f in lint_segments(pairs, case["lang"], select) if f.code == rule]
    else:
        text = case["text"]
        fmt = case.get("format", "txt")
        rules = FIXTURES / case["rules"] if "rules" in case else None
        findings = [f for f in lint_text(text, case["lang"], select, fmt=fmt, path=f"case.{fmt}", rules=rules)
                    if f.code == rule]
    expected = case.get("expect") or []
    unmatched = list(findings)
    for exp in expected:
        hit = next((f for f in unmatched if _matches(f, exp, text, "pairs" in case)), None)
        assert hit, f"expected {exp} not found; got {[(f.span.start.line, f.span.start.column, f.message, f.suggestion) for f in findings]}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected findings: {[(f.span.start.line, f.message, f.suggestion) for f in unmatched]}"
    _check_fixed(case, findings, text)


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
