"""Every file checked: a folder or a list that mixes drafts with foreign or broken files reports each
file that cannot be read as one line (exit 2 at the end) and checks all the others, in every format;
a PO file with a syntax error is refused with its line (the cases are data: tests/fixtures/po-syntax)."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, SHARED
from cli_helpers import assert_refused, run_cli

GOLDEN = ROOT / "tests" / "golden"
PO_SYNTAX = ROOT / "tests" / "fixtures" / "po-syntax"
SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"

GOOD_PO = '''msgid ""
msgstr ""
"Language: fr\\n"
"X-Source-Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "The meeting will open at 10 a.m. on Tuesday, 6 September 2016."
msgstr "La réunion s'ouvrira le mardi 6 octobre 2016 à 10 heures."
'''

NO_LANGUAGE_PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Provisional agenda"
msgstr "Ordre du jour provisoire"
'''


@pytest.fixture
def folder(tmp_path):
    """A translation section's folder: a French draft with known findings, a clean English one, a
    PO file with a finding, and three files that cannot be checked."""
    d = tmp_path / "session"
    d.mkdir()
    shutil.copy(GOLDEN / "wg-tip-2016-drift.fr.md", d / "annotations.fr.md")
    shutil.copy(GOLDEN / "wg-tip-2016.en.md", d / "annotations.en.md")
    (d / "opening.en-fr.po").write_text(GOOD_PO, encoding="utf-8")
    (d / "people.tsv").write_text("name\trole\nMaría López\tChair\nJohn Smith\tRapporteur\n", encoding="utf-8")
    (d / "no-language.po").write_text(NO_LANGUAGE_PO, encoding="utf-8")
    shutil.copy(PO_SYNTAX / "unterminated-msgstr.en-fr.po", d / "statement.en-fr.po")
    return d


FAILED = {"people.tsv": ":1: TSV needs 'fr' and 'en' columns", "no-language.po": "the PO header has no Language",
          "statement.en-fr.po": ":11: PO syntax error: unterminated string"}


def _failure_lines(stderr: str) -> dict[str, str]:
    lines = [l for l in stderr.splitlines() if l.strip()]
    assert all(l.startswith("tmcheck: ") for l in lines), stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    out = {}
    for line in lines:
        name = next(n for n in FAILED if f"/{n}:" in line)
        out[name] = line
    return out


def test_text_report_checks_the_others_and_exits_2(folder):
    r = run_cli("lint", folder)
    assert r.code == 2, r.stderr
    failures = _failure_lines(r.stderr)
    assert set(failures) == set(FAILED)
    for name, needle in FAILED.items():
        assert needle in failures[name], failures[name]
    # The readable files were checked: the drift draft's findings and the PO file's date are there.
    assert "annotations.fr.md:9:1: TM203" in r.stdout
    assert "opening.en-fr.po:8:" in r.stdout and "TM205" in r.stdout
    assert r.stdout.strip().splitlines()[-1].startswith("3 files checked: ")
    assert r.stdout.strip().endswith("; 3 files could not be checked")


def test_json_lists_the_failed_files_in_its_summary(folder):
    r = run_cli("lint", "--format", "json", folder)
    assert r.code == 2
    assert set(_failure_lines(r.stderr)) == set(FAILED)
    data = json.loads(r.stdout)
    assert data["summary"]["files"] == 3
    assert {f["path"].rsplit("/", 1)[-1] for f in data["findings"]} == {"annotations.fr.md", "opening.en-fr.po"}
    failed = {f["path"].rsplit("/", 1)[-1]: f for f in data["summary"]["failed"]}
    assert set(failed) == set(FAILED)
    assert failed["statement.en-fr.po"]["line"] == 11
    assert failed["people.tsv"]["line"] == 1
    assert "line" not in failed["no-language.po"]
    assert "PO syntax error: unterminated string" in failed["statement.en-fr.po"]["message"]


def test_sarif_reports_the_failed_files_as_notifications(folder):
    r = run_cli("lint", "--format", "sarif", folder)
    assert r.code == 2
    log = json.loads(r.stdout)
    run = log["runs"][0]
    assert {res["ruleId"] for res in run["results"]} >= {"TM203", "TM205"}
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1] for n in notes} == set(FAILED)
    assert all(n["level"] == "error" for n in notes)
    if SCHEMA.exists():
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")), cls=jsonschema.Draft4Validator)


def test_html_and_github_name_the_failed_files(folder):
    r = run_cli("lint", "--format", "html", folder)
    assert r.code == 2 and "Not checked" in r.stdout and "people.tsv:1: TSV needs" in r.stdout
    r = run_cli("lint", "--format", "github", folder)
    assert r.code == 2
    errors = [l for l in r.stdout.splitlines() if l.startswith("::error ") and "title=tmcheck%3A not checked" in l]
    assert len(errors) == 3
    assert any("statement.en-fr.po,line=11," in l for l in errors)


def test_a_list_with_a_missing_file_checks_the_others(tmp_path):
    draft = tmp_path / "annotations.fr.md"
    shutil.copy(GOLDEN / "wg-tip-2016-drift.fr.md", draft)
    r = run_cli("lint", "--format", "json", draft, tmp_path / "missing.en.md")
    assert r.code == 2
    assert r.stderr.strip() == f"tmcheck: {tmp_path / 'missing.en.md'}: no such file or folder"
    data = json.loads(r.stdout)
    assert data["summary"]["files"] == 1 and data["summary"]["errors"] > 0


def test_clean_files_and_a_broken_one_still_exit_2(tmp_path):
    """A clean draft beside a broken file: nothing to report, but the run did not check everything."""
    shutil.copy(GOLDEN / "wg-tip-2016.en.md", tmp_path / "annotations.en.md")
    (tmp_path / "people.tsv").write_text("name\trole\nJohn Smith\tRapporteur\n", encoding="utf-8")
    r = run_cli("lint", tmp_path)
    assert r.code == 2
    assert len(r.stderr.strip().splitlines()) == 1
    assert "1 file checked: 0 error(s), 0 warning(s), 0 info; 1 file could not be checked" in r.stdout


def test_nothing_readable_is_one_line_and_no_report(tmp_path):
    (tmp_path / "people.tsv").write_text("name\trole\nJohn Smith\tRapporteur\n", encoding="utf-8")
    r = run_cli("lint", "--format", "json", tmp_path)
    assert_refused(r, "people.tsv:1: TSV needs 'fr' and 'en' columns")
    assert r.stdout == ""


def _expected() -> list[tuple[str, str]]:
    rows = []
    for line in (PO_SYNTAX / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, rest = line.split(":", 1)
            rows.append((name, rest))
    return rows


def test_every_syntax_fixture_has_its_expected_line():
    named = {name for name, _ in _expected()}
    assert named == {p.name for p in PO_SYNTAX.glob("*.po")}


@pytest.mark.parametrize("name,expected", _expected(), ids=[name for name, _ in _expected()])
def test_po_syntax_error_is_one_line_with_its_line_number(name, expected):
    path = PO_SYNTAX / name
    message = assert_refused(run_cli("lint", path))
    assert message == f"tmcheck: {path}:{expected}"


def test_the_cut_string_is_no_longer_read(tmp_path):
    """What polib alone does with an unterminated string: it drops its last character and reads on
    (the full stop of the translation lost, exit 0). tmcheck refuses the file instead."""
    import polib

    path = PO_SYNTAX / "unterminated-msgstr.en-fr.po"
    entry = polib.pofile(str(path)).find("The Working Group on Trafficking in Persons", by="msgid")
    cut = [e for e in polib.pofile(str(path)) if e.msgid.startswith("The Working Group")][0]
    assert entry is None and cut.msgstr.endswith("novembre 2015")  # the final "." is gone
    assert_refused(run_cli("lint", path), ":11: PO syntax error")


@pytest.mark.parametrize("text", [
    'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid  "The \\"Agenda\\" of the session"\nmsgstr "L\'\\"ordre du jour\\" de la session"\n',
    'msgid ""\r\nmsgstr ""\r\n"Language: fr\\n"\r\n\r\nmsgid "Provisional agenda"\r\nmsgstr "Ordre du jour provisoire"\r\n',
    'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "Opening"\nmsgstr "Ouverture"\n\n#~ msgid "Closing of the session\n#~ msgstr "Clôture\n',
    'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n  msgid "Opening of the session"\n  msgstr ""\n  "Ouverture de la session \\\\"\n',
], ids=["escaped quotes", "CRLF", "obsolete entries", "indented, escaped backslash"])
def test_valid_po_strings_are_accepted(tmp_path, text):
    from tmcheck.documents.formats import read_bilingual

    path = tmp_path / "ok.po"
    path.write_bytes(text.encode("utf-8"))
    assert read_bilingual(path, source_lang="en").units
