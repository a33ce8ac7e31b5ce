"""Family names (acronyms, dates, titles, terminology, memory, numbers) and rule names accepted
wherever codes are: --select/--ignore, tmcheck.toml select/ignore/[severity], inline suppressions
(tests/fixtures/rules/TM001.yaml), and `tmcheck rules`."""

from __future__ import annotations

import json

from cli_helpers import assert_refused, run_cli

DRAFT = """\
La huitième session de la Conférence des Parties s'ouvrira le mardi 17 octobre 2016 à 10 heures.

Le rapport de l'UNDOC sur la réunion tenue à Vienne le 31 juin 2016 sera présenté à la Commission.
"""


def _codes(r) -> dict[str, str]:
    assert r.code in (0, 1), r.stderr
    return {f["code"]: f["severity"] for f in json.loads(r.stdout)["findings"]}


def _draft(tmp_path, config: str | None = None):
    draft = tmp_path / "annotations.fr.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    if config is not None:
        (tmp_path / "tmcheck.toml").write_text(config, encoding="utf-8")
    return draft


def test_the_draft_has_a_date_and_an_acronym_finding(tmp_path):
    assert {"TM201", "TM203", "TM101"} <= set(_codes(run_cli("lint", "--format", "json", _draft(tmp_path))))


def test_select_and_ignore_on_the_command_line(tmp_path):
    draft = _draft(tmp_path)
    assert set(_codes(run_cli("lint", "--format", "json", "--select", "dates", draft))) == {"TM201", "TM203"}
    codes = _codes(run_cli("lint", "--format", "json", "--ignore", "dates,acronym-variant", draft))
    assert not {"TM201", "TM203", "TM101"} & set(codes)


def test_config_select_ignore_and_severity_by_family_and_name(tmp_path):
    draft = _draft(tmp_path, 'select = ["dates", "acronyms"]\nignore = ["impossible-date"]\n'
                             '[severity]\ndates = "info"\nweekday-mismatch = "warning"\nacronyms = "info"\n')
    codes = _codes(run_cli("lint", "--format", "json", "--fail-on", "error", draft))
    # The narrower key wins: weekday-mismatch over dates.
    assert codes == {"TM201": "warning", "TM101": "info"}


def test_config_severity_by_prefix_and_code(tmp_path):
    draft = _draft(tmp_path, '[severity]\nTM2 = "info"\nTM203 = "warning"\n')
    codes = _codes(run_cli("lint", "--format", "json", draft))
    assert codes["TM201"] == "info" and codes["TM203"] == "warning" and codes["TM101"] == "error"


def test_config_with_an_unknown_family_is_refused(tmp_path):
    draft = _draft(tmp_path, '[severity]\ndate = "info"\n')
    assert_refused(run_cli("lint", draft), "tmcheck.toml: unknown rule or family 'date'")
    config = tmp_path / "other.toml"
    config.write_text('ignore = ["acronym"]\n', encoding="utf-8")
    assert_refused(run_cli("lint", "--config", config, draft), "unknown rule or family 'acronym'")


def test_inline_suppression_by_family_on_a_draft(tmp_path):
    draft = tmp_path / "annotations.fr.md"
    draft.write_text("<!-- tmcheck: ignore dates -->\n" + DRAFT.replace("\n\n", "\n\n<!-- tmcheck: ignore acronyms -->\n"),
                     encoding="utf-8")
    codes = _codes(run_cli("lint", "--format", "json", draft))
    assert "TM201" not in codes and "TM101" not in codes
    assert "TM203" in codes  # the date below the acronyms directive is not hidden by it


def test_rules_lists_a_family_by_name_or_prefix():
    for family in ("acronyms", "TM1", "tm1"):
        r = run_cli("rules", family)
        assert r.code == 0, r.stderr
        lines = r.stdout.splitlines()
        assert lines[0].startswith("TM1xx  acronyms")
        assert all(l.startswith("  TM1") for l in lines[1:]) and len(lines) > 3
    r = run_cli("rules", "weekday-mismatch")
    assert r.code == 0 and r.stdout.startswith("TM201 weekday-mismatch [error]")
    assert_refused(run_cli("rules", "acronym"), "unknown rule or family 'acronym'")
