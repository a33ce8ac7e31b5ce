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


# Every code ever given to a rule. The generated reference cannot say it (it is made from the table
# of today): a code is added here when a rule gets it, and never taken out.
ISSUED = {"TM001", "TM002", "TM101", "TM102", "TM103", "TM104", "TM105", "TM201", "TM202", "TM203", "TM204",
          "TM205", "TM206", "TM207", "TM208", "TM301", "TM302", "TM303", "TM304", "TM305", "TM306", "TM307", "TM308", "TM309",
          "TM401", "TM402", "TM403", "TM501", "TM502", "TM503", "TM601", "TM602"}


def test_every_code_ever_issued_is_a_rule_or_removed_and_never_reused():
    # A rule taken out of TABLE must go to REMOVED (with why), and a code in REMOVED can never come
    # back as another rule.
    listed = set(re.findall(r"^\| (TM\d{3}) \|", _committed(), re.M))
    codes = {row.code for row in TABLE}
    assert codes <= ISSUED, f"a new code: add it to ISSUED: {sorted(codes - ISSUED)}"
    assert ISSUED <= codes | set(REMOVED), f"codes gone without a REMOVED entry: {sorted(ISSUED - codes - set(REMOVED))}"
    assert listed <= ISSUED
    assert not codes & set(REMOVED), f"removed codes given to a rule again: {sorted(codes & set(REMOVED))}"
    assert all(reason.strip() for reason in REMOVED.values())


def test_a_status_is_one_of_the_known_ones_and_shown_where_it_is_not_stable():
    import pytest

    from tmcheck.engine.registry import RuleRow, Registry

    with pytest.raises(ValueError, match="unknown status"):
        Registry((RuleRow("TM901", "made-up", "draft", "dates", "none", "", "experimental"),))
    preview = [row.code for row in TABLE if row.status == "preview"]
    assert preview, "the table marks its newest rules as preview"
    reference = _committed()
    for code in preview:
        assert re.search(rf"\| {code} \| [a-z-]+ \(preview\) \|", reference), code
    assert "Status: preview" in run_cli("rules", preview[0]).stdout


def test_a_former_name_names_the_rule_and_is_never_another_rules_name():
    import pytest

    from tmcheck.engine.registry import RuleRow, Registry

    row = RuleRow("TM201", "weekday-mismatch", "draft", "dates", "unsafe", aliases=("wrong-weekday",))
    reg = Registry((row, RuleRow("TM202", "date-name-misspelled", "draft", "dates", "safe")))
    assert [r.code for r in reg.matches("wrong-weekday")] == ["TM201"]
    assert [r.code for r in reg.select(["TM2"], ["wrong-weekday"])] == ["TM202"]
    with pytest.raises(ValueError, match="duplicate rule name date-name-misspelled"):
        Registry((row._replace(aliases=("date-name-misspelled",)),
                  RuleRow("TM202", "date-name-misspelled", "draft", "dates", "safe")))
