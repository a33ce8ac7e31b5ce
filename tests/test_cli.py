"""The command line as users run it: exit statuses, formats, config, suppression, bad input."""

from __future__ import annotations

import json

import pytest

from cli_helpers import imports_of_cli, run_cli
from conftest import SAMPLE, needs

DRAFT_FR = """\
# Ordre du jour provisoire

1. Ouverture de la session.

La session s'ouvrira le mardi 17 octobre 2016 à 10 heures. Le rapport de l'UNDOC sera présenté.
"""


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "ordre-du-jour.fr.md"
    p.write_text(DRAFT_FR, encoding="utf-8")
    return p


def test_text_output_and_exit_1(draft):
    r = run_cli("lint", str(draft), cwd=draft.parent)
    assert r.returncode == 1, r.stderr
    lines = r.stdout.splitlines()
    assert f"{draft}:5:25: TM201 [error] 17 October 2016 is a Monday, not a Tuesday ('mardi')" in lines
    assert lines[lines.index(f"{draft}:5:25: TM201 [error] 17 October 2016 is a Monday, not a Tuesday ('mardi')") + 1] == "    suggestion: lundi"
    assert any(": TM101 [error] 'UNDOC'" in l for l in lines)


def test_json_contract(draft):
    r = run_cli("lint", "--format", "json", str(draft), cwd=draft.parent)
    data = json.loads(r.stdout)
    assert data["tool"] == "tmcheck" and data["version"]
    f = next(f for f in data["findings"] if f["code"] == "TM201")
    assert {k: f[k] for k in ("path", "line", "column", "end_line", "end_column", "rule", "severity", "suggestion")} == {
        "path": str(draft), "line": 5, "column": 25, "end_line": 5, "end_column": 30,
        "rule": "weekday-mismatch", "severity": "error", "suggestion": "lundi"}
    assert f["fingerprint"] and f["related"] == []
    assert data["summary"] == {"files": 1, "findings": 2, "errors": 2, "warnings": 0, "infos": 0, "dismissed": 0}


def test_select_ignore_and_fail_on(draft):
    r = run_cli("lint", "--format", "json", "--select", "TM2", str(draft), cwd=draft.parent)
    assert {f["code"] for f in json.loads(r.stdout)["findings"]} == {"TM201"}
    r = run_cli("lint", "--format", "json", "--ignore", "TM201,acronym-variant", str(draft), cwd=draft.parent)
    assert json.loads(r.stdout)["findings"] == [] and r.returncode == 0
    r = run_cli("lint", "--select", "TM9", str(draft), cwd=draft.parent)
    assert r.returncode == 2 and "unknown rule" in r.stderr


def test_config_file_found_upward(draft):
    (draft.parent / "tmcheck.toml").write_text('ignore = ["TM101"]\nfail-on = "error"\n[severity]\nTM201 = "info"\n')
    r = run_cli("lint", "--format", "json", str(draft), cwd=draft.parent)
    data = json.loads(r.stdout)
    assert [(f["code"], f["severity"]) for f in data["findings"]] == [("TM201", "info")]
    assert r.returncode == 0


def test_pyproject_tool_section(draft):
    (draft.parent / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.tmcheck]\nselect = ["TM1"]\n')
    r = run_cli("lint", "--format", "json", str(draft), cwd=draft.parent)
    assert {f["code"] for f in json.loads(r.stdout)["findings"]} == {"TM101"}


def test_inline_suppression_and_unused_report(tmp_path):
    p = tmp_path / "d.md"
    p.write_text("<!-- tmcheck: ignore TM201 -->\nLa session s'ouvrira le mardi 17 octobre 2016.\n\n"
                 "<!-- tmcheck: ignore TM101 -->\nLa session s'ouvrira le lundi 17 octobre 2016.\n", encoding="utf-8")
    r = run_cli("lint", "--format", "json", "--fail-on", "info", str(p), cwd=tmp_path)
    findings = json.loads(r.stdout)["findings"]
    assert [(f["code"], f["line"], f["severity"]) for f in findings] == [("TM001", 4, "info")]
    assert r.returncode == 1


@pytest.mark.parametrize("content,needle", [
    (None, "no such file"),
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
])
def test_bad_input_exit_2_one_line_no_traceback(tmp_path, content, needle):
    p = tmp_path / "draft.txt"
    if content is not None:
        p.write_bytes(content)
    r = run_cli("lint", str(p), cwd=tmp_path)
    assert r.returncode == 2
    assert needle in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_folder_without_drafts(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n")
    r = run_cli("lint", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 2 and "no drafts" in r.stderr


def test_malformed_glossary_and_config(tmp_path, draft):
    bad = tmp_path / "gloss"
    bad.mkdir()
    (bad / "x.yaml").write_text("entries:\n  - id: a\n    en: {term: A}\n    fr: [unclosed\n")
    r = run_cli("lint", "--glossary", str(bad), str(draft), cwd=tmp_path)
    assert r.returncode == 2 and "invalid glossary YAML" in r.stderr and "Traceback" not in r.stderr
    (bad / "x.yaml").write_text("entries:\n  - id: a\n    en: {term: A}\n")
    r = run_cli("lint", "--glossary", str(bad), str(draft), cwd=tmp_path)
    assert r.returncode == 2 and "has no 'fr' term" in r.stderr
    cfg = tmp_path / "bad.toml"
    cfg.write_text("select = [\n")
    r = run_cli("lint", "--config", str(cfg), str(draft), cwd=tmp_path)
    assert r.returncode == 2 and "invalid TOML" in r.stderr
    cfg.write_text('colour = "red"\n')
    r = run_cli("lint", "--config", str(cfg), str(draft), cwd=tmp_path)
    assert r.returncode == 2 and "unknown setting" in r.stderr


def test_windows_1252_warns_and_lints(tmp_path):
    p = tmp_path / "d.txt"
    p.write_bytes("La session s'ouvrira le mardi 17 octobre 2016 au siège de l'ONUDC.\n".encode("cp1252"))
    r = run_cli("lint", str(p), cwd=tmp_path)
    assert r.returncode == 1 and "Windows-1252" in r.stderr and "TM201" in r.stdout


def test_rules_list_and_explain():
    r = run_cli("rules")
    assert r.returncode == 0
    for code in ("TM101", "TM201", "TM204", "TM303", "TM304"):
        assert code in r.stdout
    r = run_cli("rules", "TM201")
    assert r.returncode == 0 and "Why:" in r.stdout and "Bad (fr):" in r.stdout and "Good (en):" in r.stdout
    assert run_cli("rules", "TM999").returncode == 2


def test_version():
    r = run_cli("--version")
    assert r.returncode == 0 and "tmcheck" in r.stdout and "0.1.0" in r.stdout


def test_output_file_is_written_atomically(draft, tmp_path):
    out = tmp_path / "report.json"
    r = run_cli("lint", "--format", "json", "-o", str(out), str(draft), cwd=tmp_path)
    assert r.returncode == 1 and r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["findings"] == 2


@needs(SAMPLE)
def test_sample_has_no_errors():
    r = run_cli("lint", "--format", "json", str(SAMPLE))
    data = json.loads(r.stdout)
    assert data["summary"]["errors"] == 0, data["findings"]
    # The one warning: the annex calls item 6 "Examen des recommandations..." where the agenda
    # says "Recommandations..." — a real discrepancy in the published document.
    assert [(f["code"], f["line"]) for f in data["findings"]] == [("TM303", 288)]


def test_lint_does_not_import_heavy_modules(draft):
    r, imported = imports_of_cli("lint", str(draft),
                                 cwd=draft.parent, env={"TMCHECK_CACHE_DIR": str(draft.parent / ".c")})
    assert imported, r.stderr
    bad = [m for m in ('numpy', 'torch', 'sentence_transformers', 'docx', 'lxml') if m in imported]
    assert bad == [], r.stdout + r.stderr
    # The worker machinery (fork, pipes, signals) only for a file large enough to share out.
    assert "tmcheck.workers" not in imported
    # textwrap dedents a rule's examples, only read when its documentation is shown.
    assert "textwrap" not in imported
    # Start-up classes are records (tmcheck/records.py): a dataclass compiles its methods each start.
    assert "dataclasses" not in imported


@needs(SAMPLE)
def test_a_short_draft_s_lint_does_without_rapidfuzz(tmp_path):
    """The sample's few comparisons of titles and standard sentences are made in Python
    (tmcheck.lang.lcs): importing rapidfuzz would cost a tenth of its lint."""
    r, imported = imports_of_cli("lint", str(SAMPLE), env={"TMCHECK_CACHE_DIR": str(tmp_path / "c")})
    assert imported, r.stderr
    assert "rapidfuzz" not in imported
    assert "tmcheck.checks.phrasing" in imported and "tmcheck.lang.lcs" in imported


# -- the quick exit of read-only commands (cli.entry) --------------------------------------------------

def _long_draft(tmp_path):
    """An English draft with many findings: its JSON report is larger than any pipe's buffer."""
    para = ("The program of the United Nations Office for Drugs and Crime (UNDOC) reached 20 percent "
            "of States parties on Monday, 3 June 2019.\n\n")
    draft = tmp_path / "long.en.md"
    draft.write_text(para * 400, encoding="utf-8")
    return draft


def test_a_lint_ended_without_teardown_still_writes_its_whole_report_and_status(tmp_path):
    draft = _long_draft(tmp_path)
    r = run_cli("lint", draft, "--format", "json", subprocess=True, env={"TMCHECK_CACHE_DIR": str(tmp_path / "c")})
    assert r.code == 1, r.stderr
    report = json.loads(r.stdout)  # the whole report: the quick exit flushed it
    assert len(report["findings"]) >= 400 * 3
    # the exit handlers ran: the regex cache (saved by one) is written
    assert list((tmp_path / "c").glob("regex-*.pickle"))


@pytest.mark.parametrize("args, code", [(("lint", "{missing}"), 2), (("rules", "TM201"), 0),
                                        (("rules", "TM999"), 2), (("lint", "{clean}"), 0)])
def test_the_quick_exit_keeps_every_status(tmp_path, args, code):
    clean = tmp_path / "clean.en.md"
    clean.write_text("The Working Group met in Vienna.\n", encoding="utf-8")
    argv = [a.format(missing=tmp_path / "none.en.md", clean=clean) for a in args]
    assert run_cli(*argv, subprocess=True).code == code


def test_a_lint_whose_reader_goes_away_ends_quietly(tmp_path):
    from cli_helpers import start_cli

    p = start_cli("lint", _long_draft(tmp_path))
    p.stdout.readline()
    p.stdout.close()  # `tmcheck lint draft | head -1`
    err = p.stderr.read()
    p.wait(timeout=60)
    assert "Traceback" not in err and "Exception ignored" not in err, err


_TEARDOWN_PROBE = """
import atexit, sys
from pathlib import Path
folder = Path(sys.argv[1])
sys.argv = ["tmcheck", *sys.argv[2:]]
atexit.register(lambda: (folder / "exit-handler").touch())


class Teardown:
    def __del__(self):  # runs only when the interpreter tears its modules down
        (folder / "teardown").touch()


marker = Teardown()
from tmcheck.cli import entry

entry()
"""


@pytest.mark.parametrize("args, quick", [(("lint", "{draft}"), True), (("rules", "TM201"), True),
                                         (("glossary", "list", "--help"), False)])
def test_read_only_commands_end_without_the_teardown_after_the_exit_handlers(tmp_path, args, quick):
    import subprocess
    import sys

    from cli_helpers import subprocess_env

    draft = tmp_path / "draft.en.md"
    draft.write_text("The Working Group met in Vienna.\n", encoding="utf-8")
    argv = [a.format(draft=draft) for a in args]
    subprocess.run([sys.executable, "-c", _TEARDOWN_PROBE, str(tmp_path), *argv], env=subprocess_env(),
                   capture_output=True, timeout=120)
    assert (tmp_path / "exit-handler").exists()  # the exit handlers always run
    assert (tmp_path / "teardown").exists() is not quick


def test_a_program_that_keeps_the_collector_off_still_gets_each_drafts_cycles_collected(tmp_path):
    # Only the command line leaves the last draft's cycles to the end of the process (final=True);
    # a program that lints file after file with the collector off must not pile them up.
    import gc

    from tmcheck.engine import Linter, Options

    draft = tmp_path / "draft.en.txt"
    draft.write_text("The UNODC met in Vienna on Monday, 5 May 2014 (see CTOC/COP/2016/6).\n", encoding="utf-8")
    linter = Linter(Options())
    linter.lint_paths([str(draft)])
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(5):
            linter.lint_paths([str(draft)])
        left = gc.collect()
    finally:
        if enabled:
            gc.enable()
    assert left < 50, f"{left} objects in cycles left by five lints"
