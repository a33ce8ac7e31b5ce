"""`tmcheck lint` on bilingual files and document pairs, as a reviser runs it."""

from __future__ import annotations

import json

import pytest

from cli_helpers import run_cli
from conftest import ROOT

BIL = ROOT / "tests" / "fixtures" / "bilingual"
GOLDEN = ROOT / "tests" / "golden"

PO = '''msgid ""
msgstr ""
"Language: en\\n"
"X-Source-Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "La réunion s'ouvrira le mardi 6 septembre 2016 à 10 heures."
msgstr "The meeting will open at 10 a.m. on Tuesday, 6 October 2016."

#, fuzzy
msgid "Le Groupe de travail a reçu 38 réponses."
msgstr "The Working Group received 36 replies."

msgid "Dans sa résolution 7/1, la Conférence a prié l'ONUDC de poursuivre son assistance."
msgstr "In its resolution 7/2, the Conference requested UNODC to continue its assistance."
'''


@pytest.fixture
def po(tmp_path):
    p = tmp_path / "annotations.fr-en.po"
    p.write_text(PO, encoding="utf-8")
    return p


def test_po_findings_point_at_the_msgstr_line_and_name_the_segment(po):
    r = run_cli("lint", "--format", "json", str(po), cwd=po.parent)
    assert r.returncode == 1, r.stderr
    findings = json.loads(r.stdout)["findings"]
    got = {(f["code"], f["line"], f["segment"][:40]) for f in findings}
    assert ("TM205", 8, "La réunion s'ouvrira le mardi 6 septembr") in got
    assert ("TM305", 15, "Dans sa résolution 7/1, la Conférence a ") in got
    tm205 = next(f for f in findings if f["code"] == "TM205")
    line = PO.splitlines()[7]
    assert tm205["column"] == line.index("Tuesday, 6 October 2016") + 1
    # The fuzzy entry is skipped unless asked for.
    assert not any(f["line"] == 12 for f in findings)
    r = run_cli("lint", "--format", "json", "--include-fuzzy", str(po), cwd=po.parent)
    assert any(f["code"] == "TM601" and f["line"] == 12 for f in json.loads(r.stdout)["findings"])


@pytest.mark.parametrize("name", ["crime.fr-en.po", "crime.en-fr.po", "crime.fr-en.tmx", "crime.en-fr.tmx",
                                  "crime.fr-en.xliff", "crime.en-fr.xlf", "crime.fr-en.tsv", "crime.en-fr.tsv"])
def test_every_format_is_read_and_checked(name, tmp_path):
    """Each format, clean, gives nothing; with a document symbol put at the start of a translation,
    the finding is on that translation's line and column and names its segment."""
    from tmcheck.documents.formats import read_bilingual

    clean = run_cli("lint", "--format", "json", str(BIL / name))
    assert clean.returncode == 0, clean.stdout + clean.stderr
    unit = next(u for u in read_bilingual(BIL / name).units if u.state == "translated")
    lines = (BIL / name).read_text(encoding="utf-8").split("\n")
    line = lines[unit.target_line - 1]
    at = unit.target_column - 1
    lines[unit.target_line - 1] = line[:at] + "(CTOC/COP/2016/6) " + line[at:]
    altered = tmp_path / name
    altered.write_text("\n".join(lines), encoding="utf-8")
    r = run_cli("lint", "--format", "json", str(altered), cwd=tmp_path)
    found = [(f["code"], f["line"], f["column"], f["segment"]) for f in json.loads(r.stdout)["findings"]]
    assert ("TM306", unit.target_line, unit.target_column + 1, unit.id) in found, (unit, found)


@pytest.mark.parametrize("name,needle", [
    ("xxe.tmx", "entity"),
    ("billion-laughs.xlf", "entit"),
    ("malformed.tmx", "malformed XML"),
    ("truncated.xliff", "malformed XML"),
    ("broken-header.po", "broken PO header"),
    ("no-lang-columns.tsv", "fr"),
    ("not-a-memory.tmx", "neither TMX nor XLIFF"),
    ("de-en.tmx", "fr and en"),
])
def test_hostile_or_broken_bilingual_files(name, needle):
    r = run_cli("lint", str(BIL / name))
    assert r.returncode == 2, r.stdout
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert needle in r.stderr


def test_tmx_languages_must_match_the_options():
    r = run_cli("lint", "--source-lang", "en", "--target-lang", "fr", str(BIL / "crime.fr-en.tmx"))
    assert r.returncode == 2 and "TMX languages are fr→en, not en→fr" in r.stderr
    r = run_cli("lint", "--source-lang", "fr", "--target-lang", "en", str(BIL / "de-en.tmx"))
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_document_pair_is_aligned_and_checked(tmp_path):
    tgt = (GOLDEN / "wg-tip-2016.en.md").read_text(encoding="utf-8")
    clean = run_cli("lint", "--format", "json", "--source", str(GOLDEN / "wg-tip-2016.fr.md"),
                    str(GOLDEN / "wg-tip-2016.en.md"))
    assert clean.returncode == 0, clean.stdout
    assert [f for f in json.loads(clean.stdout)["findings"] if f["severity"] != "info"] == []
    drifted = tgt.replace("on Tuesday, 6 September 2016", "on Tuesday, 6 October 2016")
    drifted = drifted.replace("(CTOC/COP/WG.4/2016/3)", "(CTOC/COP/WG.4/2016/5)", 1)
    target = tmp_path / "wg-tip-2016.en.md"
    target.write_text(drifted, encoding="utf-8")
    r = run_cli("lint", "--format", "json", "--source", str(GOLDEN / "wg-tip-2016.fr.md"), str(target), cwd=tmp_path)
    codes = {(f["code"], f["line"]) for f in json.loads(r.stdout)["findings"]}
    date_line = next(i for i, l in enumerate(drifted.splitlines(), 1) if "6 October 2016" in l)
    sym_line = next(i for i, l in enumerate(drifted.splitlines(), 1) if "CTOC/COP/WG.4/2016/5" in l)
    assert ("TM205", date_line) in codes
    assert ("TM305", sym_line) in codes


def test_document_pair_needs_one_draft(tmp_path):
    r = run_cli("lint", "--source", str(GOLDEN / "wg-tip-2016.fr.md"), str(GOLDEN / "wg-tip-2016.en.md"),
                str(GOLDEN / "wg-tip-2016.fr.txt"))
    assert r.returncode == 2 and "exactly one" in r.stderr
    r = run_cli("lint", "--source", str(tmp_path / "missing.md"), str(GOLDEN / "wg-tip-2016.en.md"))
    assert r.returncode == 2 and "no such file" in r.stderr


@pytest.mark.parametrize("suffix", [".po", ".pot"])
def test_a_po_template_is_read_as_po(tmp_path, suffix):
    """Every suffix the bilingual reader knows sends the file to it (a .pot was read as prose)."""
    p = tmp_path / f"ordre-du-jour{suffix}"
    p.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: fr\\n"\n\n'
                 'msgid "La réunion s’ouvrira le lundi 17 octobre 2016."\n'
                 'msgstr "The meeting will open on Monday, 17 November 2016."\n', encoding="utf-8")
    r = run_cli("lint", "--format", "json", str(p), cwd=tmp_path)
    assert [f["code"] for f in json.loads(r.stdout)["findings"]] == ["TM205"]
