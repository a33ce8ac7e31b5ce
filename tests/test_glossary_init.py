"""A team's own glossary: `tmcheck glossary init DIR` copies the bundled one (never overwriting),
the README's write examples work on such a copy, dry runs write nothing anywhere (no lock file
either: a read-only or bundled glossary will do), and the bundled glossary validates with 0
warnings, its reviewed cases marked `accepted` in the data."""

from __future__ import annotations

import json

import pytest

from cli_helpers import assert_refused, run_cli
from tmcheck.resources import glossary_dir


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_init_copies_the_bundled_glossary_and_prints_the_config_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run_cli("glossary", "init", "terminology/glossary")
    assert r.code == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == 'glossary = "terminology/glossary"'
    copy = tmp_path / "terminology" / "glossary"
    bundled = {p.name: p.read_bytes() for p in glossary_dir().glob("*.yaml")}
    assert {n: b for n, b in _snapshot(copy).items() if n.endswith(".yaml")} == bundled
    assert (copy / "README.md").is_file()
    # The printed line, put in tmcheck.toml, makes lint and the glossary commands use the copy.
    (tmp_path / "tmcheck.toml").write_text(r.stdout.strip().splitlines()[-1] + "\n", encoding="utf-8")
    r = run_cli("glossary", "add", "--id", "tpb", "--kind", "office", "--en", "Terrorism Prevention Branch",
                "--en-acronym", "TPB", "--fr", "Service de la prévention du terrorisme")
    assert r.code == 0, r.stderr
    assert "Terrorism Prevention Branch" in "".join(p.read_text(encoding="utf-8") for p in copy.glob("*.yaml"))
    assert run_cli("glossary", "show", "tpb").code == 0
    assert not any("Terrorism Prevention Branch" in p.read_text(encoding="utf-8") for p in glossary_dir().glob("*.yaml"))


def test_init_refuses_a_folder_that_is_not_empty_or_a_file(tmp_path):
    team = tmp_path / "glossary"
    team.mkdir()
    (team / "terms.yaml").write_text("domain: terms\nentries: []\n", encoding="utf-8")
    assert_refused(run_cli("glossary", "init", team), "folder not empty", "never overwrites")
    assert (team / "terms.yaml").read_text(encoding="utf-8") == "domain: terms\nentries: []\n"
    assert_refused(run_cli("glossary", "init", team / "terms.yaml"), "is not a folder")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli("glossary", "init", empty).code == 0


def test_config_line_is_relative_to_the_config_found_upward(tmp_path, monkeypatch):
    (tmp_path / "tmcheck.toml").write_text('lang = "fr"\n', encoding="utf-8")
    work = tmp_path / "drafts"
    work.mkdir()
    monkeypatch.chdir(work)
    r = run_cli("glossary", "init", "../shared-glossary")
    assert r.stdout.strip().splitlines()[-1] == 'glossary = "shared-glossary"'


DRY_RUNS = [
    ("add", "--id", "tpb", "--kind", "office", "--en", "Terrorism Prevention Branch", "--en-acronym", "TPB",
     "--fr", "Service de la prévention du terrorisme", "--dry-run"),
    ("edit", "unodc", "--add", "en.forbidden=United Nations Office on Drug and Crimes", "--dry-run"),
    ("remove", "global-smart", "--dry-run"),
]


@pytest.mark.parametrize("args", DRY_RUNS, ids=[a[0] for a in DRY_RUNS])
def test_dry_runs_write_nothing_not_even_a_lock(tmp_path, args, monkeypatch):
    copy = tmp_path / "glossary"
    assert run_cli("glossary", "init", copy).code == 0
    before = _snapshot(copy)
    r = run_cli("glossary", args[0], "--glossary", copy, *args[1:])
    assert r.code == 0, r.stderr
    assert "dry run: nothing written" in r.stderr
    assert _snapshot(copy) == before  # no lock file, no temporary file
    # The bundled glossary of an installed tmcheck: a dry run reads it, a write is refused.
    from tmcheck.glossary import edit

    monkeypatch.setattr(edit, "installed_glossary", lambda: copy)
    r = run_cli("glossary", args[0], "--glossary", copy, *args[1:])
    assert r.code == 0 and "glossary init DIR" in r.stderr
    assert _snapshot(copy) == before
    assert_refused(run_cli("glossary", args[0], "--glossary", copy, *args[1:-1]), "tmcheck glossary init DIR")


def test_the_bundled_glossary_validates_with_no_warning():
    r = run_cli("glossary", "validate", "--glossary", glossary_dir(), "--format", "json")
    assert r.code == 0, r.stderr
    issues = json.loads(r.stdout)
    issues = issues.get("issues", issues) if isinstance(issues, dict) else issues
    assert issues == [], issues


def _glossary(tmp_path, accepted_dpko: str | None, accepted_other: str | None = None):
    folder = tmp_path / "g"
    folder.mkdir(exist_ok=True)
    lines = ["domain: peace", "entries:",
             "  - id: dpo", "    kind: office", "    en: {term: Department of Peace Operations, acronym: DPO}",
             "    fr: {term: Département des opérations de paix}",
             "  - id: dpko", "    kind: office", "    en: {term: Department of Peacekeeping Operations, acronym: DPKO}",
             "    fr: {term: Département des opérations de maintien de la paix, acronym: DOMP}"]
    if accepted_dpko:
        lines.append(f"    accepted: [{accepted_dpko}]")
    if accepted_other:
        lines[6:6] = [f"    accepted: [{accepted_other}]"]
    (folder / "peace.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _warnings(folder) -> list[str]:
    r = run_cli("glossary", "validate", "--glossary", folder)
    assert r.code == 0, r.stderr
    return [l for l in r.stdout.splitlines() if ": warning: " in l]


def test_accepted_marks_a_reviewed_warning_in_the_data(tmp_path):
    assert any("'DPKO' of 'dpko' is one letter from 'DPO'" in w for w in _warnings(_glossary(tmp_path, None)))
    assert _warnings(_glossary(tmp_path, "near-miss-acronym DPO")) == []
    assert _warnings(_glossary(tmp_path, "near-miss-acronym dpo")) == []  # acronyms in any case


def test_an_acceptance_elsewhere_or_of_nothing_is_reported(tmp_path):
    # On the other entry, the mark does not cover dpko's warning, and is itself reported.
    warnings = _warnings(_glossary(tmp_path, None, "near-miss-acronym DPKO"))
    assert any("a misspelling?" in w for w in warnings)
    assert any("entry 'dpo': accepted 'near-miss-acronym DPKO' matches no warning" in w for w in warnings)
    warnings = _warnings(_glossary(tmp_path, "near-miss-acronym DPO, forbidden-is-official DPO"))
    assert len(warnings) == 1 and "is not a warning that can be accepted" in warnings[0]
