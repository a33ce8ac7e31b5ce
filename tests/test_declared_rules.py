"""Declarative rules (rules/*.yaml, TM402): each has its own id, <file name>.<id>, that --select,
--ignore, [severity], inline suppressions, review decisions and the reports use; every key is checked
when the file is read; the engine reads the files and the checks never do."""

from __future__ import annotations

import ast
import json
import pytest

from conftest import ROOT, lint_text
from cli_helpers import assert_refused, run_cli

# Two bundled rules fire on one line: en-per-cent ("percent") and en-programme ("program").
EN = "In 2015, the global program reached 28 percent of the States parties to the Protocol.\n"
PER_CENT, PROGRAMME = "house-style.en-per-cent", "house-style.en-programme"


def _ids(findings) -> list[str | None]:
    return [f.rule_id for f in findings if f.code == "TM402"]


def test_each_finding_carries_its_rule_id_under_tm402():
    found = [f for f in lint_text(EN, "en", ["TM402"]) if f.code == "TM402"]
    assert sorted(_ids(found)) == [PER_CENT, PROGRAMME]
    assert {f.rule for f in found} == {"house-style"}


@pytest.mark.parametrize("select,ignore,expected", [
    (["TM402"], [], [PER_CENT, PROGRAMME]),  # the code still names them all
    (["house-style"], [], [PER_CENT, PROGRAMME]),
    (["TM4"], [], [PER_CENT, PROGRAMME]),
    ([PER_CENT], [], [PER_CENT]),  # an id names that rule only
    ([PER_CENT, PROGRAMME], [], [PER_CENT, PROGRAMME]),
    ([PER_CENT, "TM402"], [], [PER_CENT, PROGRAMME]),
    (["House-Style.EN-per-cent"], [], [PER_CENT]),  # as codes are, ids are read in any case
    (None, [PER_CENT], [PROGRAMME]),  # ignoring an id leaves TM402's other rules
    (["TM4"], [PROGRAMME], [PER_CENT]),
    ([PER_CENT], [PER_CENT], []),
    (None, ["TM402"], []),
    (["TM2"], [], []),
])
def test_select_and_ignore_by_rule_id(select, ignore, expected):
    assert sorted(_ids(lint_text(EN, "en", select, ignore=ignore))) == expected


def test_select_by_rule_id_on_the_command_line(tmp_path):
    draft = tmp_path / "draft.en.md"
    draft.write_text(EN, encoding="utf-8")
    r = run_cli("lint", draft, "--select", PER_CENT, "--format", "json")
    assert r.code == 1, r.stderr
    assert [(f["code"], f.get("rule_id")) for f in json.loads(r.stdout)["findings"]] == [("TM402", PER_CENT)]
    r = run_cli("lint", draft, "--ignore", PER_CENT, "--select", "TM402", "--format", "json")
    assert [f.get("rule_id") for f in json.loads(r.stdout)["findings"]] == [PROGRAMME]


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_rule_id_is_one_line(tmp_path, option):
    draft = tmp_path / "draft.en.md"
    draft.write_text(EN, encoding="utf-8")
    assert_refused(run_cli("lint", draft, option, "house-style.en-per-sent"), "unknown rule 'house-style.en-per-sent'")


def test_config_names_rules_by_id(tmp_path):
    (tmp_path / "tmcheck.toml").write_text(f'ignore = ["{PROGRAMME}"]\n[severity]\n"{PER_CENT}" = "error"\nTM402 = "info"\n',
                                           encoding="utf-8")
    draft = tmp_path / "draft.en.md"
    draft.write_text(EN, encoding="utf-8")
    r = run_cli("lint", draft, "--format", "json")
    found = [(f.get("rule_id"), f["severity"]) for f in json.loads(r.stdout)["findings"] if f["code"] == "TM402"]
    assert found == [(PER_CENT, "error")]  # the id is narrower than the code
    (tmp_path / "tmcheck.toml").write_text('select = ["house-style.nothing-such"]\n', encoding="utf-8")
    assert_refused(run_cli("lint", draft), "tmcheck.toml", "unknown rule 'house-style.nothing-such'")


def test_inline_suppression_by_rule_id():
    text = f"<!-- tmcheck: ignore {PER_CENT} -->\n{EN}"
    found = lint_text(text, "en", fmt="md", path="draft.md")
    assert _ids(found) == [PROGRAMME]  # the other rule's finding on the same line stays
    assert not [f for f in found if f.code == "TM001"]
    # The code hides them all, as before.
    assert _ids(lint_text(f"<!-- tmcheck: ignore TM402 -->\n{EN}", "en", fmt="md", path="draft.md")) == []


def test_a_suppression_by_rule_id_that_hides_nothing_is_reported():
    text = f"<!-- tmcheck: ignore house-style.fr-nations-unies -->\n{EN}"
    found = lint_text(text, "en", fmt="md", path="draft.md")
    assert sorted(_ids(found)) == [PER_CENT, PROGRAMME]
    unused = [f for f in found if f.code == "TM001"]
    assert len(unused) == 1 and "house-style.fr-nations-unies" in unused[0].message


def test_a_misspelt_rule_id_in_a_suppression_hides_nothing():
    # A directive that names no rule hides everything; an id-shaped word is a rule name, even unknown.
    text = "<!-- tmcheck: ignore house-style.en-per-sent -->\n" + EN
    found = lint_text(text, "en", fmt="md", path="draft.md")
    assert sorted(_ids(found)) == [PER_CENT, PROGRAMME]
    assert [f for f in found if f.code == "TM001"]


def test_reports_show_the_rule_id_beside_the_code(tmp_path):
    draft = tmp_path / "draft.en.md"
    draft.write_text(EN, encoding="utf-8")
    text = run_cli("lint", draft, "--select", PER_CENT).stdout
    assert f"TM402 [warning] UN English writes 'per cent', not 'percent'\n    rule: {PER_CENT}\n" in text
    sarif = json.loads(run_cli("lint", draft, "--select", PER_CENT, "--format", "sarif").stdout)
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "TM402" and result["properties"] == {"rule_id": PER_CENT}
    html = run_cli("lint", draft, "--select", PER_CENT, "--format", "html", "-o", tmp_path / "r.html")
    assert html.code == 1
    assert f'<code>TM402</code> <span class="rule">{PER_CENT}</span>' in (tmp_path / "r.html").read_text(encoding="utf-8")
    # A rule in code shows no id anywhere.
    other = json.loads(run_cli("lint", draft, "--select", "TM2", "--format", "json").stdout)
    assert all("rule_id" not in f for f in other["findings"])


def test_review_decisions_name_the_rule_and_follow_it_only(tmp_path):
    from tmcheck.review.decisions import ReviewFile, apply_decisions

    draft = tmp_path / "draft.en.md"
    draft.write_text(EN, encoding="utf-8")
    from tmcheck.documents import read_document
    from tmcheck.engine import Linter, Options

    findings = Linter(Options(lang="en", select=["TM402"])).lint_document(read_document(draft))
    per_cent = next(f for f in findings if f.rule_id == PER_CENT)
    review = ReviewFile.load(draft)
    review.decide(per_cent, "dismissed", "quoted from a source")
    review.save()
    saved = review.path.read_text(encoding="utf-8")
    assert f"  rule: {PER_CENT}\n" in saved
    assert ReviewFile.load(draft).decisions[0].rule == PER_CENT
    applied = apply_decisions(findings, [draft])
    assert _ids(applied.findings) == [PROGRAMME] and applied.hidden == 1
    # The same words flagged by another rule (its fingerprint made equal) are not answered by it.
    impostor = [f for f in findings if f.rule_id == PER_CENT][0]
    impostor.rule_id = "house-style.other"
    applied = apply_decisions(findings, [draft])
    assert sorted(_ids(applied.findings)) == [PROGRAMME, "house-style.other"] and applied.hidden == 0
    assert applied.notices and PER_CENT in applied.notices[0]


# -- every key checked when the file is read -----------------------------------------------------------


RULE = "rules:\n  - id: en-foo\n    extends: {kind}\n    lang: en\n{more}"


@pytest.mark.parametrize("kind,more,needles", [
    ("substitution", "    level: critical\n    swap: {a: b}\n", ["r.yaml:5", "rule 'en-foo'", "rules[0].level must be one of",
                                                                "suggestion"]),
    ("occurrence", "    swap: {a: b}\n", ["r.yaml:3", "rule 'en-foo'", "rules[0].extends must be one of consistency, existence"]),
    ("substitution", "    swap: {a: b}\n    levle: error\n", ["r.yaml:6", "rule 'en-foo'", "unknown key 'levle'"]),
    ("existence", "    swap: {a: b}\n", ["rule 'en-foo'", "unknown key 'swap' for a rule that extends existence"]),
    ("consistency", "    level: info\n", ["r.yaml:2", "rule 'en-foo'", "a rule that extends consistency needs 'either'"]),
    ("existence", "    tokens: []\n", ["rule 'en-foo'", "rules[0].tokens must be"]),
    ("existence", '    message: "{right}"\n    tokens: [a]\n', ["rule 'en-foo'", "the message may name {wrong} only"]),
    ("substitution", "    id2: x\n    swap: {a: b}\n", ["unknown key 'id2'"]),
])
def test_a_bad_rule_is_one_line_naming_file_and_rule(tmp_path, kind, more, needles):
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "r.yaml").write_text(RULE.format(kind=kind, more=more), encoding="utf-8")
    draft = tmp_path / "draft.en.md"
    draft.write_text(EN, encoding="utf-8")
    assert_refused(run_cli("lint", "--rules", folder, draft), str(folder / "r.yaml"), *needles)


def test_a_bad_rules_file_ends_the_run_once_not_once_per_draft(tmp_path):
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "r.yaml").write_text(RULE.format(kind="existence", more="    tokens: [a]\n    bad: 1\n"), encoding="utf-8")
    for name in ("a.en.md", "b.en.md"):
        (tmp_path / name).write_text(EN, encoding="utf-8")
    assert_refused(run_cli("lint", "--rules", folder, tmp_path / "a.en.md", tmp_path / "b.en.md"), "unknown key 'bad'")


def test_a_rules_file_with_an_unknown_top_level_key_is_refused(tmp_path):
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "r.yaml").write_text("rule:\n  - id: x\n", encoding="utf-8")
    draft = tmp_path / "draft.en.md"
    draft.write_text(EN, encoding="utf-8")
    assert_refused(run_cli("lint", "--rules", folder, draft), "unknown key(s) 'rule'")


def test_a_rules_file_name_must_be_fit_for_ids(tmp_path):
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "House Style.yaml").write_text(RULE.format(kind="existence", more="    tokens: [a]\n"), encoding="utf-8")
    draft = tmp_path / "draft.en.md"
    draft.write_text(EN, encoding="utf-8")
    assert_refused(run_cli("lint", "--rules", folder, draft), "House Style.yaml", "namespace of its rules' ids")


def test_a_rules_folder_is_read_only_when_tm402_runs_or_an_id_is_named(tmp_path):
    from tmcheck.errors import InputError

    (tmp_path / "r.yaml").write_text("rules: 5\n", encoding="utf-8")
    assert lint_text(EN, "en", ["TM2"], rules=tmp_path) == []  # never read
    for select in (["TM402"], ["TM2", "r.anything"]):
        with pytest.raises(InputError, match="invalid rules file"):
            lint_text(EN, "en", select, rules=tmp_path)


# -- the engine reads the files (rules, glossary, memories); checks never do --------------------------------


def test_no_check_reads_a_file():
    # The engine reads the rules folder (engine/rule_files.py), the glossary and the memories'
    # standard phrases (engine/runner.py) and hands them to the checks in the analysis.
    reading = {"open", "read_text", "read_bytes", "glob", "rglob", "iterdir", "stat", "cached", "load_rules",
               "load_glossary", "standard_phrases", "bundled_memories", "read_document"}
    offenders = []
    for path in sorted((ROOT / "tmcheck" / "checks").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                if name in reading:
                    offenders.append(f"{path.name}:{node.lineno}: {name}()")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                module = getattr(node, "module", None) or ""
                names = {a.name for a in node.names}
                if (module.endswith(("cache", "resources", "memory.phrases", "rule_files"))
                        or names & {"cache", "resources", "phrases", "rule_files"}):
                    offenders.append(f"{path.name}:{node.lineno}: imports {module or names}")
    assert not offenders, offenders


def test_the_engine_code_for_declarative_rules_is_the_checks():
    from tmcheck.checks.house_style import HouseStyle
    from tmcheck.engine.registry import registry
    from tmcheck.engine.rule_files import CODE

    assert registry().lookup(CODE) is HouseStyle


def test_tmcheck_rules_explains_one_declarative_rule():
    r = run_cli("rules", PER_CENT)
    assert r.code == 0, r.stderr
    assert r.stdout.startswith(f"{PER_CENT} (TM402 house-style) [warning]")
    assert "Kind: substitution; language: en" in r.stdout
    assert "    percent -> per cent" in r.stdout


def test_tmcheck_rules_explains_the_kinds_of_another_rules_folder():
    folder = ROOT / "tests" / "fixtures" / "rules" / "house-rules"
    existence = run_cli("rules", "--rules", folder, "un-style.en-and-or")
    assert "Kind: existence" in existence.stdout and "    and/or" in existence.stdout
    consistency = run_cli("rules", "--rules", folder, "un-style.en-email").stdout
    assert "Kind: consistency" in consistency
    # each pair once, whichever way the file's mapping holds it
    assert consistency.count("email") == 2 and "    email / e-mail" in consistency


def test_tmcheck_rules_refuses_an_unknown_rule_id_in_one_line():
    assert_refused(run_cli("rules", "house-style.en-per-sent"), "unknown rule 'house-style.en-per-sent'")


def test_two_rules_on_the_same_words_keep_their_own_identity(tmp_path):
    """A finding's fingerprint names its declarative rule, not the TM402 all of them share: two
    rules flagging the same words do not swap identities (and the decisions on them) when the
    rules file is reordered."""
    def fingerprints(order):
        folder = tmp_path / "-".join(order)
        folder.mkdir()
        rules = {"a": "  - id: avoid-and-or\n    extends: existence\n    lang: en\n    tokens: [and/or]\n",
                 "b": "  - id: say-which\n    extends: existence\n    lang: en\n    level: info\n    tokens: [and/or]\n"}
        (folder / "style.yaml").write_text("rules:\n" + "".join(rules[k] for k in order), encoding="utf-8")
        found = lint_text("States parties and/or signatories may attend.\n", "en", ["TM402"], rules=folder)
        return {f.rule_id: f.fingerprint for f in found}

    first, second = fingerprints(["a", "b"]), fingerprints(["b", "a"])
    assert set(first) == {"style.avoid-and-or", "style.say-which"}
    assert first == second
    assert not any("-" in fp for fp in first.values())  # no "-1": two identities, not one counted twice


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_bundled_rules_are_prefiltered_in_lowered_text(lang, monkeypatch):
    """Every paragraph is first searched for all the forms at once in its lowered text (house_style
    _any_form), which spares the rules' own patterns on most paragraphs: a form with a character
    past Latin letters (the ’ of "l’implémentation") must not turn that search off (it did, and a
    megabyte of French cost TM402 twice as much)."""
    from tmcheck.checks import house_style
    from tmcheck.engine.rule_files import load_rules
    from tmcheck.resources import rules_dir

    rules = [r for r in load_rules(rules_dir()) if r.lang == lang]
    monkeypatch.setattr(house_style, "_ANY_FORM", {})
    lowered_texts = []
    monkeypatch.setattr(house_style, "lowered", lambda text: lowered_texts.append(text) or text.lower())
    found = house_style._any_form(rules)
    clean = "Le Groupe de travail a examiné les documents." if lang == "fr" else "The Working Group considered the documents."
    assert found(clean) is False and lowered_texts == [clean]
    slip = "l’implémentation des mesures" if lang == "fr" else "the labor market"
    assert found(slip) is True
