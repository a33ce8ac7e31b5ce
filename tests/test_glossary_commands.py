"""`tmcheck glossary …` as terminologists run it: edits that keep the YAML as written, refusals that
write nothing, eight writers at once, TBX/CSV round trips, the official country names, validation
rules, and candidates mined from memories."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_helpers import run_cli
from conftest import ROOT, SHARED, UNPC, needs

FIXTURES = ROOT / "tests" / "fixtures" / "glossary"
BUNDLED = ROOT / "glossary"
COUNTRIES = SHARED / "data" / "countries"
UNTERM = COUNTRIES / "unterm-country-names.fr-en.tsv"
M49 = COUNTRIES / "unsd-m49-names.fr-en.tsv"


def copy_glossary(tmp_path: Path, name: str = "glossary") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for f in BUNDLED.glob("*.yaml"):
        shutil.copy(f, folder / f.name)
    return folder


def glossary_without(tmp_path: Path, *ids: str) -> Path:
    """A copy of the bundled glossary without these entries: the real UN terms the tests below
    extract or import, which the bundled glossary may itself have."""
    folder = copy_glossary(tmp_path, "glossary-without")
    for entry_id in ids:
        assert run_cli("glossary", "remove", entry_id, "--glossary", folder).returncode == 0, entry_id
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir()) if f.suffix in (".yaml", ".yml")}


def entries_of(folder: Path):
    from tmcheck.glossary.checks import validate_folder

    report = validate_folder(folder)
    assert not report.errors, [i.line() for i in report.errors]
    return report


def comparable(entries):
    # `accepted` marks a reviewed warning of validate in the YAML; TBX and CSV do not carry it.
    return sorted(e._replace(source="", accepted=()) for e in entries)


# -- add, edit, remove: the file stays as written -----------------------------------------------------

NEW_ENTRY = """
  - id: cted
    kind: office
    status: proposed
    en:
      term: Counter-Terrorism Committee Executive Directorate
      acronym: CTED
      short: ["the Executive Directorate"]
    fr:
      term: Direction exécutive du Comité contre le terrorisme
      acronym: DECT
      forbidden: ["Direction exécutive du comité contre le terrorisme"]
    symbols: ["S/AC.40/"]
    parent: ctc
    notes: "Source: UNTERM; French acronym attested in S/2015/975."
"""


def test_add_edit_remove_keep_every_comment_and_byte(tmp_path):
    folder = copy_glossary(tmp_path)
    # The bundled glossary has CTED (un-secretariat.yaml); this test writes it anew into terms.yaml.
    assert run_cli("glossary", "remove", "cted", "--glossary", folder).returncode == 0
    path = folder / "terms.yaml"
    original = path.read_text(encoding="utf-8")
    others = {k: v for k, v in snapshot(folder).items() if k != "terms.yaml"}

    r = run_cli("glossary", "add", "--glossary", folder, "--file", "terms.yaml", "--id", "cted", "--kind", "office",
                "--status", "proposed", "--en", "Counter-Terrorism Committee Executive Directorate",
                "--en-acronym", "CTED", "--en-short", "the Executive Directorate",
                "--fr", "Direction exécutive du Comité contre le terrorisme",
                "--fr-acronym", "DECT", "--fr-forbidden", "Direction exécutive du comité contre le terrorisme",
                "--symbol", "S/AC.40/", "--parent", "ctc",
                "--notes", "Source: UNTERM; French acronym attested in S/2015/975.")
    assert r.returncode == 0, r.stderr
    added = path.read_text(encoding="utf-8")
    assert added == original + NEW_ENTRY  # appended in the file's own layout, nothing else touched

    # Edit the new entry and an existing one whose last line precedes a section comment.
    assert run_cli("glossary", "edit", "cted", "--glossary", folder, "--set", "status=official",
                   "--add", "fr.short=la Direction exécutive", "--remove", "en.short=the Executive Directorate",
                   "--unset", "symbols").returncode == 0
    assert run_cli("glossary", "edit", "tuberculosis", "--glossary", folder, "--add", "en.forbidden=TB",
                   "--set", "notes=WHO usage.").returncode == 0
    edited = path.read_text(encoding="utf-8")
    assert "  - id: tuberculosis\n    kind: term\n    status: official\n    en:\n      term: tuberculosis\n" \
           "      forbidden: [\"TB\"]\n    fr:\n      term: tuberculose\n    notes: WHO usage.\n\n" \
           "  # ------------------------------------------------------------------ organizations and States\n" in edited
    assert "    status: official\n    en:\n      term: Counter-Terrorism Committee Executive Directorate\n" \
           "      acronym: CTED\n    fr:\n      term: Direction exécutive du Comité contre le terrorisme\n" \
           "      acronym: DECT\n      short: [\"la Direction exécutive\"]\n" \
           "      forbidden: [\"Direction exécutive du comité contre le terrorisme\"]\n    parent: ctc\n" in edited
    # Every comment line of the original is still there, in the same order.
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in edited.splitlines() if line.lstrip().startswith("#")] == comments

    # The glossary is what lint loads.
    from tmcheck.glossary import load_glossary

    g = load_glossary(folder, use_cache=False)
    assert g.entry("cted").fr.short == ("la Direction exécutive",)
    assert g.entry("tuberculosis").en.forbidden == ("TB",)

    # Undo both: byte for byte the original file.
    assert run_cli("glossary", "remove", "cted", "--glossary", folder).returncode == 0
    assert run_cli("glossary", "edit", "tuberculosis", "--glossary", folder, "--remove", "en.forbidden=TB",
                   "--unset", "notes").returncode == 0
    assert path.read_text(encoding="utf-8") == original
    assert {k: v for k, v in snapshot(folder).items() if k != "terms.yaml"} == others


def test_remove_keeps_the_section_comment_after_the_entry(tmp_path):
    folder = copy_glossary(tmp_path)
    text = (folder / "terms.yaml").read_text(encoding="utf-8")
    assert run_cli("glossary", "remove", "tuberculosis", "--glossary", folder).returncode == 0
    after = (folder / "terms.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: tuberculosis")
    end = text.index("  # ------------------------------------------------------------------ organizations")
    assert after == text[:start] + text[end:]


def test_layouts_other_than_the_bundled_ones(tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    original = (
        "# my glossary\n"
        "domain: test\n"
        "entries:\n"
        "- id: alpha   # the first\n"
        "  kind: office\n"
        "  en: {term: Office Alpha, acronym: OA}\n"
        "  fr: {term: Bureau Alpha, acronym: BA}\n"
        "  # a note inside alpha\n"
        "  notes: 'single quoted: kept'\n"
        "# between alpha and beta\n"
        "- id: beta\n"
        "  en:\n"
        "    term: beta thing\n"
        "  fr:\n"
        "    term: chose bêta\n"
        "other: value   # a key after the entries\n")
    (folder / "a.yaml").write_text(original, encoding="utf-8")
    assert run_cli("glossary", "add", "--glossary", folder, "--file", "a.yaml", "--id", "gamma", "--en", "Gamma Office",
                   "--fr", "Bureau Gamma").returncode == 0
    assert run_cli("glossary", "edit", "alpha", "--glossary", folder, "--set", "fr.acronym=BAL").returncode == 0
    text = (folder / "a.yaml").read_text(encoding="utf-8")
    assert text == original.replace("acronym: BA}", "acronym: BAL}").replace(
        "other: value", "- id: gamma\n  kind: term\n  status: official\n  en:\n    term: Gamma Office\n"
        "  fr:\n    term: Bureau Gamma\nother: value")
    assert run_cli("glossary", "remove", "gamma", "--glossary", folder).returncode == 0
    assert run_cli("glossary", "remove", "beta", "--glossary", folder).returncode == 0
    assert "# between alpha and beta\nother: value" in (folder / "a.yaml").read_text(encoding="utf-8")
    # A file that starts empty ("entries: []"), and a new file.
    (folder / "b.yaml").write_text("domain: b\nentries: []  # none yet\n", encoding="utf-8")
    assert run_cli("glossary", "add", "--glossary", folder, "--file", "b.yaml", "--id", "delta", "--en", "Delta",
                   "--fr", "Delta fr").returncode == 0
    assert (folder / "b.yaml").read_text(encoding="utf-8").startswith("domain: b\nentries:  # none yet\n  - id: delta\n")
    assert run_cli("glossary", "add", "--glossary", folder, "--file", "new.yaml", "--id", "epsilon", "--en", "Epsilon",
                   "--fr", "Epsilon fr").returncode == 0
    assert [e.id for e in entries_of(folder).entries] == ["alpha", "delta", "epsilon"]


# -- refusals write nothing --------------------------------------------------------------------------

def test_yaml_syntax_error_refuses_every_write(tmp_path):
    folder = copy_glossary(tmp_path)
    broken = (folder / "terms.yaml").read_text(encoding="utf-8").replace("    kind: term\n", "    kind: [term\n", 1)
    (folder / "terms.yaml").write_text(broken, encoding="utf-8")
    before = snapshot(folder)
    r = run_cli("glossary", "add", "--glossary", folder, "--id", "x", "--en", "Thing", "--fr", "Chose",
                cwd=ROOT, timeout=300)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("tmcheck: ")
    assert "terms.yaml:" in r.stderr and "invalid glossary YAML" in r.stderr and "nothing was written" in r.stderr
    assert snapshot(folder) == before
    v = run_cli("glossary", "validate", "--glossary", folder, cwd=ROOT, timeout=300)
    assert v.returncode == 2 and "terms.yaml:" in v.stdout and "error: invalid glossary YAML" in v.stdout


@pytest.mark.parametrize("args, message", [
    (("--id", "x", "--en", "Thing", "--fr", "Chose", "--en-forbidden", "UNODC"),
     "'UNODC' is forbidden in entry 'x' but is the official acronym of 'unodc'"),
    (("--id", "unodc", "--en", "Thing", "--fr", "Chose"), "entry 'unodc' already exists"),
    (("--id", "x", "--en", "United Nations Office on Drugs and Crime", "--fr", "Autre chose"),
     "has two translations"),
    (("--id", "x", "--en", "Thing", "--fr", "Chose", "--parent", "nowhere"), "unknown parent 'nowhere'"),
    (("--id", "Bad Id", "--en", "Thing", "--fr", "Chose"), "kebab-case"),
    (("--id", "x", "--en", "Thing", "--fr", "Chose", "--kind", "galaxy"), "kind 'galaxy'"),
    (("--id", "x", "--en", "Thing", "--fr", "Chose", "--file", "../elsewhere.yaml"), "inside the glossary folder"),
])
def test_invalid_additions_are_refused_and_nothing_is_written(tmp_path, args, message):
    folder = copy_glossary(tmp_path)
    before = snapshot(folder)
    r = run_cli("glossary", "add", "--glossary", folder, *args)
    assert r.returncode == 2 and message in r.stderr, r.stderr
    assert snapshot(folder) == before


def test_edit_errors(tmp_path):
    folder = copy_glossary(tmp_path)
    before = snapshot(folder)
    for args, message in ((("--set", "bogus=1"), "unknown field 'bogus'"),
                          (("--set", "id=other"), "cannot be changed"),
                          (("--remove", "en.short=nothing"), "'nothing' is not in en.short"),
                          (("--unset", "en.term"), "cannot be removed"),
                          (("--set", "fr.acronym"), "write FIELD=VALUE"),
                          (("--set", "en.forbidden=UNODC"), "refused, nothing written"),
                          ((), "nothing to change")):
        r = run_cli("glossary", "edit", "unoda", "--glossary", folder, *args)
        assert r.returncode == 2 and message in r.stderr, (args, r.stderr)
    assert snapshot(folder) == before
    r = run_cli("glossary", "edit", "no-such-entry", "--glossary", folder, "--set", "notes=x")
    assert r.returncode == 2 and "no glossary entry 'no-such-entry'" in r.stderr
    r = run_cli("glossary", "remove", "secretariat", "--glossary", folder)
    assert r.returncode == 2 and "is the parent of" in r.stderr
    assert snapshot(folder) == before


def test_the_installed_bundled_glossary_is_not_written(tmp_path, monkeypatch):
    import tmcheck.resources
    from tmcheck.errors import InputError
    from tmcheck.glossary.edit import check_writable

    fake = tmp_path / "site-packages" / "tmcheck"
    (fake / "data" / "glossary").mkdir(parents=True)
    monkeypatch.setattr(tmcheck.resources, "__file__", str(fake / "resources.py"))
    with pytest.raises(InputError, match="bundled with the installed tmcheck"):
        check_writable(fake / "data" / "glossary")
    check_writable(copy_glossary(tmp_path))  # any other folder, the checkout's included


# -- eight writers at once ----------------------------------------------------------------------------

WRITER = """
import sys
from tmcheck.cli import main
folder, worker = sys.argv[1], int(sys.argv[2])
for n in range(5):
    main.main(["glossary", "add", "--glossary", folder, "--file", "terms.yaml", "--id", f"w{worker}-e{n}",
               "--en", f"Working party {worker} number {n}", "--fr", f"Groupe {worker} numéro {n}",
               "--en-acronym", f"WP{worker}N{n}X"], standalone_mode=False)
"""


def test_eight_processes_adding_at_once_lose_nothing(tmp_path):
    folder = copy_glossary(tmp_path)
    original = (folder / "terms.yaml").read_text(encoding="utf-8")
    count = len(entries_of(folder).entries)
    started = time.monotonic()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(folder), str(w)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for w in range(8)]
    outputs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
        assert out.count("added 'w") == 5
    report = entries_of(folder)  # the file is valid
    ids = [e.id for e in report.entries]
    wanted = {f"w{w}-e{n}" for w in range(8) for n in range(5)}
    assert wanted <= set(ids) and len(ids) == len(set(ids)) == count + 40
    text = (folder / "terms.yaml").read_text(encoding="utf-8")
    assert text.startswith(original)  # every write appended to the file as it was
    from tmcheck.glossary import load_glossary

    assert len(load_glossary(folder, use_cache=False).entries) == count + 40  # what lint loads
    print(f"8 writers x 5 adds: {time.monotonic() - started:.1f} s")


# -- TBX and CSV --------------------------------------------------------------------------------------

def test_tbx_export_then_import_reads_back_every_entry(tmp_path):
    folder = copy_glossary(tmp_path)
    out = tmp_path / "glossary.tbx"
    assert run_cli("glossary", "export", "--glossary", folder, "-o", out).returncode == 0
    from lxml import etree

    root = etree.parse(str(out)).getroot()
    ns = "{urn:iso:std:iso:30042:ed-2}"
    assert root.tag == f"{ns}tbx" and root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    concept = root.find(f".//{ns}conceptEntry[@id='unodc']")
    terms = {(ls.get("{http://www.w3.org/XML/1998/namespace}lang"), ts.findtext(f"{ns}term"),
              ts.findtext(f"{ns}termNote[@type='termType']"), ts.findtext(f"{ns}termNote[@type='administrativeStatus']"))
             for ls in concept.iter(f"{ns}langSec") for ts in ls.iter(f"{ns}termSec")}
    assert ("fr", "ONUDC", "acronym", "preferredTerm-admn-sts") in terms
    assert ("en", "United Nations Office on Drugs and Crime", "fullForm", "preferredTerm-admn-sts") in terms
    assert ("en", "the Office", "shortForm", "admittedTerm-admn-sts") in terms
    assert ("en", "United Nations Office for Drugs and Crime", "variant", "deprecatedTerm-admn-sts") in terms

    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "base.yaml").write_text("entries: []\n", encoding="utf-8")
    r = run_cli("glossary", "import", out, "--glossary", empty, "--file", "all.yaml")
    assert r.returncode == 0, r.stderr
    assert f"added {len(entries_of(folder).entries)} entries" in r.stdout
    assert comparable(entries_of(empty).entries) == comparable(entries_of(folder).entries)


@pytest.mark.parametrize("suffix", ["csv", "tsv"])
def test_csv_export_then_import_reads_back_every_entry(tmp_path, suffix):
    folder = copy_glossary(tmp_path)
    out = tmp_path / f"glossary.{suffix}"
    assert run_cli("glossary", "export", "--glossary", folder, "-o", out).returncode == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    sep = "\t" if suffix == "tsv" else ","
    assert header == sep.join(["id", "kind", "status", "en_term", "en_acronym", "en_short", "en_forbidden", "fr_term",
                               "fr_acronym", "fr_short", "fr_forbidden", "symbols", "parent", "notes"])
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run_cli("glossary", "import", out, "--glossary", empty, "--file", "all.yaml")
    assert r.returncode == 0, r.stderr
    assert comparable(entries_of(empty).entries) == comparable(entries_of(folder).entries)
    # Importing it again adds nothing: every entry is reported as already there.
    r = run_cli("glossary", "import", out, "--glossary", empty, "--file", "all.yaml")
    assert "added 0 entries" in r.stdout and f"skipped {len(entries_of(folder).entries)}" in r.stdout


def test_csv_lists_with_semicolons(tmp_path):
    from tmcheck.glossary.edit import join_list, split_list

    assert split_list(join_list(["a; b", "c\\d", "e"])) == ["a; b", "c\\d", "e"]
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "a.yaml").write_text("entries: []\n", encoding="utf-8")
    src = tmp_path / "in.csv"
    src.write_text("en_term,en_acronym,fr_term,fr_short,notes\n"
                   "Global Maritime Crime Programme,GMCP,Programme mondial de lutte contre la criminalité maritime,"
                   "le Programme; le Programme mondial,\"Source: UNODC, 2019\"\n", encoding="utf-8")
    r = run_cli("glossary", "import", src, "--glossary", folder, "--file", "a.yaml", "--kind", "office")
    assert r.returncode == 0, r.stderr
    (e,) = entries_of(folder).entries
    assert (e.id, e.kind, e.fr.short, e.notes) == ("gmcp", "office", ("le Programme", "le Programme mondial"),
                                                  "Source: UNODC, 2019")


def test_import_skips_what_exists_and_dry_run_writes_nothing(tmp_path):
    folder = glossary_without(tmp_path, "gmcp")
    src = tmp_path / "in.csv"
    src.write_text("id,kind,en_term,fr_term\n"
                   "unodc,office,Something else,Autre chose\n"
                   "dup-term,term,United Nations Office on Drugs and Crime,Office des Nations Unies contre la drogue et le crime\n"
                   "gmcp,office,Global Maritime Crime Programme,Programme mondial de lutte contre la criminalité maritime\n",
                   encoding="utf-8")
    before = snapshot(folder)
    r = run_cli("glossary", "import", src, "--glossary", folder, "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "  + gmcp: Global Maritime Crime Programme" in r.stdout
    assert "skipped unodc: id 'unodc' exists" in r.stdout
    assert "skipped dup-term: en term 'United Nations Office on Drugs and Crime' is already 'unodc'" in r.stdout
    assert "would add 1 entry" in r.stdout and "skipped 2" in r.stdout
    assert snapshot(folder) == before
    r = run_cli("glossary", "import", src, "--glossary", folder)
    assert r.returncode == 0 and "added 1 entry" in r.stdout
    assert (folder / "in.yaml").exists() and "gmcp" in {e.id for e in entries_of(folder).entries}


def test_tbx_from_other_tools_and_tbx_basic_2(tmp_path):
    folder = glossary_without(tmp_path, "aircop", "gmcp", "ccp")
    r = run_cli("glossary", "import", FIXTURES / "tbx-basic-2.tbx", "--glossary", folder, "--file", "imported.yaml")
    assert r.returncode == 0, r.stderr
    assert "skipped c-english-only: no fr term" in r.stdout
    assert "skipped c-ctc: en term 'Counter-Terrorism Committee' is already 'ctc'" in r.stdout
    r = run_cli("glossary", "import", FIXTURES / "other-tool-v3.tbx", "--glossary", folder, "--file", "imported.yaml")
    assert r.returncode == 0, r.stderr
    got = {e.id: e for e in entries_of(folder).entries}
    aircop = got["aircop"]
    assert (aircop.en.term, aircop.en.acronym, aircop.en.forbidden) == (
        "Airport Communication Project", "AIRCOP", ("Airports Communication Project",))
    assert (aircop.fr.term, aircop.fr.acronym) == ("Projet de communication aéroportuaire", "AIRCOP")
    gmcp = got["gmcp"]
    assert gmcp.en.term == "Global Maritime Crime Programme"
    assert gmcp.en.short == ("Maritime Crime Programme",) and gmcp.en.forbidden == ("Counter-Piracy Programme",)
    assert gmcp.fr.term == "Programme mondial de lutte contre la criminalité maritime"
    assert "Definition" in gmcp.notes
    assert got["container-control-programme"].fr.term == "Programme de contrôle des conteneurs"


@pytest.mark.parametrize("name", ["external-entity.tbx", "entity-expansion.tbx"])
def test_tbx_with_entities_is_refused(tmp_path, name):
    folder = copy_glossary(tmp_path)
    before = snapshot(folder)
    r = run_cli("glossary", "import", FIXTURES / name, "--glossary", folder, cwd=ROOT, timeout=300)
    assert r.returncode == 2
    assert r.stderr == f"tmcheck: {FIXTURES / name}: XML with a DTD (a DOCTYPE) or XInclude is not allowed (entity declarations, external entities, entity expansion and inclusions are refused)\n"
    assert "root:" not in r.stdout + r.stderr  # nothing of /etc/passwd
    assert snapshot(folder) == before and not (folder / f"{name.split('.')[0]}.yaml").exists()


def test_malformed_tbx_and_csv(tmp_path):
    folder = copy_glossary(tmp_path)
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><text><body><conceptEntry></body></text></tbx>", encoding="utf-8")
    r = run_cli("glossary", "import", bad, "--glossary", folder)
    assert r.returncode == 2 and "malformed XML" in r.stderr
    csv = tmp_path / "bad.csv"
    csv.write_text("en_term,fr_term,colour\nA,B,red\n", encoding="utf-8")
    r = run_cli("glossary", "import", csv, "--glossary", folder)
    assert r.returncode == 2 and "unknown column(s) colour" in r.stderr
    csv.write_text("en_term,fr_term\nOnly English,\n", encoding="utf-8")
    r = run_cli("glossary", "import", csv, "--glossary", folder)
    assert r.returncode == 2 and "bad.csv:2: no fr term" in r.stderr


# -- the official country names --------------------------------------------------------------------

@needs(UNTERM)
def test_import_the_official_country_names(tmp_path):
    folder = copy_glossary(tmp_path)
    r = run_cli("glossary", "import", UNTERM, "--glossary", folder, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    # The bundled glossary has the DRC's entry (for its acronyms, un-terms.yaml): kept, not imported again.
    assert "added 194 entries" in r.stdout and str(folder / "countries.yaml") in r.stdout
    assert "skipped country-cod: id 'country-cod' exists" in r.stdout
    r = run_cli("glossary", "import", M49, "--glossary", folder, cwd=ROOT, timeout=300)  # what UNTERM's list lacks
    assert r.returncode == 0, r.stderr
    added = int(r.stdout.split("added ")[1].split()[0])
    assert 40 <= added <= 80
    report = entries_of(folder)
    by_id = {e.id: e for e in report.entries}
    countries = [e for e in report.entries if e.kind == "country"]
    assert len(countries) == 195 + added
    fr_terms = {e.fr.term.replace("\u2019", "'") for e in countries}
    en_terms = {e.en.term for e in countries}
    assert "Côte d'Ivoire" in fr_terms and "Türkiye" in fr_terms and "Türkiye" in en_terms
    assert by_id["country-afg"].fr.term == "Afghanistan"  # the sorting article "(l')" dropped
    assert by_id["country-nld"].en.term == "Netherlands"
    assert by_id["country-bol"].fr.short == ("État plurinational de Bolivie",)
    assert by_id["country-vat"].en.term == "Holy See" and "observer" in by_id["country-vat"].notes
    assert by_id["country-gbr"].fr.term == "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord"

    # M49 writes "Ivory Coast": the terminologist fixes it, and lint then flags the wrong form.
    r = run_cli("glossary", "edit", "country-m49-384", "--glossary", folder, "--set", "en.term=Côte d'Ivoire",
                "--add", "en.forbidden=Ivory Coast", cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    draft = tmp_path / "draft.en.txt"
    draft.write_text("Representatives of Ivory Coast and Türkiye addressed the Commission on Narcotic Drugs.\n",
                     encoding="utf-8")
    lint = run_cli("lint", "--glossary", folder, "--lang", "en", "--select", "TM401", "--format", "json", draft,
                   cwd=ROOT, timeout=300)
    assert lint.returncode == 1, lint.stderr
    assert "Ivory Coast" in lint.stdout
    fr = tmp_path / "draft.fr.txt"
    fr.write_text("La Côte d’Ivoire et la Türkiye ont présenté leurs rapports à la Commission des stupéfiants.\n",
                  encoding="utf-8")
    lint = run_cli("lint", "--glossary", folder, "--lang", "fr", "--format", "json", fr, cwd=ROOT, timeout=300)
    assert lint.returncode == 0, lint.stdout + lint.stderr  # the official names, written right: nothing to say
    assert json.loads(lint.stdout)["findings"] == []
    # Again: nothing new.
    r = run_cli("glossary", "import", UNTERM, "--glossary", folder, "--dry-run", cwd=ROOT, timeout=300)
    assert "would add 0 entries" in r.stdout and "skipped 195" in r.stdout


# -- validate -------------------------------------------------------------------------------------------

INVALID = """\
domain: broken
entries:
  - id: office-a
    kind: office
    en: {term: Office A, acronym: OFA}
    fr: {term: Bureau A, acronym: BUA}

  - id: office-a
    kind: office
    en: {term: Office A bis}
    fr: {term: Bureau A bis}

  - id: twin
    en: {term: office a}
    fr: {term: Bureau A}

  - id: conflict
    en: {term: Office A}
    fr: {term: Autre bureau}

  - id: bad-forbidden
    en: {term: Office B, forbidden: [OFA]}
    fr: {term: Bureau B, forbidden: ["le Bureau C"]}

  - id: office-c
    en: {term: Office C}
    fr: {term: Bureau C, short: ["le Bureau C"]}

  - id: english-only
    en: {term: Lonely}

  - id: orphan
    parent: nobody
    en: {term: Orphan}
    fr: {term: Orphelin}

  - id: listless
    en: {term: Listless, short: not a list}
    fr: {term: Sans liste}
    acronyms: LL
"""


def test_validate_lists_every_error_with_its_line(tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "broken.yaml").write_text(INVALID, encoding="utf-8")
    r = run_cli("glossary", "validate", "--glossary", folder, "--format", "json")
    assert r.returncode == 2
    issues = {(i["code"], i["where"], i["severity"]) for i in json.loads(r.stdout)["issues"]}
    for expected in [("duplicate-id", "broken.yaml:8", "error"),
                     ("duplicate-term", "broken.yaml:13", "error"),       # "office a" = "Office A", same French
                     ("conflicting-translation", "broken.yaml:17", "error"),
                     ("forbidden-is-official", "broken.yaml:21", "error"),  # OFA, and another entry's short form
                     ("missing-language", "broken.yaml:29", "error"),
                     ("unknown-parent", "broken.yaml:32", "error"),
                     ("structure", "broken.yaml:37", "error"),            # short: not a list
                     ("unknown-key", "broken.yaml:37", "warning")]:
        assert expected in issues, expected
    messages = [i["message"] for i in json.loads(r.stdout)["issues"]]
    assert any("'OFA' is forbidden in entry 'bad-forbidden' but is the official acronym of 'office-a'" in m for m in messages)
    assert any("'le Bureau C' is forbidden in entry 'bad-forbidden' but is an accepted short form of 'office-c'" in m
               for m in messages)
    assert any("'Office A' (en) has two translations: 'Autre bureau' in 'conflict' and 'Bureau A' in 'office-a'" in m
               for m in messages)
    text = run_cli("glossary", "validate", "--glossary", folder)
    assert f"{folder / 'broken.yaml'}:8: error: duplicate glossary id 'office-a'" in text.stdout


def test_near_miss_acronym_is_a_warning_lint_does_not_give(tmp_path):
    from tmcheck.glossary import load_glossary

    folder = copy_glossary(tmp_path)
    r = run_cli("glossary", "add", "--glossary", folder, "--id", "drug-control-office", "--kind", "office",
                "--en", "United Nations Office on Drug Control", "--en-acronym", "UNDOC",
                "--fr", "Bureau des Nations Unies pour le contrôle des drogues", "--fr-acronym", "BNUCD")
    assert r.returncode == 0
    assert "acronym 'UNDOC' of 'drug-control-office' is one letter from 'UNODC'" in r.stderr  # said when added
    v = run_cli("glossary", "validate", "--glossary", folder, "--format", "json")
    assert v.returncode == 0  # warnings only
    near = [i for i in json.loads(v.stdout)["issues"] if i["code"] == "near-miss-acronym"]
    # The bundled near misses (dpko, sco, sica, bonuca) are marked accepted in the data.
    assert {i["entry"] for i in near} == {"drug-control-office"}
    assert run_cli("glossary", "validate", "--glossary", folder, "--strict").returncode == 1
    load_glossary(folder, use_cache=False)  # lint accepts it, as before


def test_bundled_glossary_validates_with_only_its_documented_warnings():
    from tmcheck.glossary.checks import check_entries, fits_title, validate_folder

    report = validate_folder(BUNDLED)
    assert report.errors == [] and report.warnings == []
    # Its reviewed warnings are marked accepted in the data (glossary/README.md), each mark needed:
    # without them, three acronyms that name two entries and four near misses.
    found = {(i.code, i.entry_id) for i in check_entries([e._replace(accepted=()) for e in report.entries])
             if i.severity == "warning"}
    assert found == {("ambiguous-acronym", "itc"), ("ambiguous-acronym", "ilo-office"), ("ambiguous-acronym", "wco"),
                     ("near-miss-acronym", "dpko"), ("near-miss-acronym", "sco"), ("near-miss-acronym", "sica"),
                     ("near-miss-acronym", "bonuca")}
    # Real pairs one letter apart are left alone: each spells its own title.
    assert fits_title("UNDP", ["United Nations Development Programme"])
    assert fits_title("UNEP", ["United Nations Environment Programme"])
    assert not fits_title("UNDOC", ["United Nations Office on Drugs and Crime"])


def test_validate_reports_missing_language_and_syntax_with_lines(tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "a.yaml").write_text("entries:\n  - id: a\n    en: {term: A}\n    fr: {acronym: X}\n", encoding="utf-8")
    (folder / "b.yaml").write_text("entries:\n  - id: b\n    en: {term: B\n", encoding="utf-8")
    r = run_cli("glossary", "validate", "--glossary", folder)
    assert r.returncode == 2
    assert f"{folder / 'a.yaml'}:2: error: entry 'a' has no 'fr' term" in r.stdout
    assert f"{folder / 'b.yaml'}:" in r.stdout and "invalid glossary YAML" in r.stdout


# -- list, show, search ------------------------------------------------------------------------------

def test_list_show_and_search():
    r = run_cli("glossary", "search", "onudc")
    assert r.stdout.splitlines()[0].startswith("unodc ")
    r = run_cli("glossary", "search", "COTE D’IVOIRE", "--format", "json")  # case, accent and apostrophe folded
    assert "unoci" in [h["id"] for h in json.loads(r.stdout)]
    r = run_cli("glossary", "search", "Nations unies", "--lang", "fr", "--format", "json")
    top = json.loads(r.stdout)[0]
    assert top["id"] == "un" and top["matched"]["role"] in ("short", "forbidden")
    r = run_cli("glossary", "list", "--kind", "working-group", "--format", "json")
    groups = json.loads(r.stdout)
    assert groups and all(g["kind"] == "working-group" for g in groups)
    r = run_cli("glossary", "show", "unodc")
    assert r.stdout.startswith("# ") and "crime-bodies.yaml:" in r.stdout and "  - id: unodc\n" in r.stdout


# -- extract ----------------------------------------------------------------------------------------------

def test_extract_candidates_from_un_pairs(tmp_path):
    before = snapshot(BUNDLED)
    glossary = glossary_without(tmp_path, "cted", "greco", "aircop", "ccp", "gmcp")
    r = run_cli("glossary", "extract", FIXTURES / "un-pairs.fr-en.tsv", "--glossary", glossary, "--format", "json")
    assert r.returncode == 0, r.stderr
    found = {(c["en"]["term"], c["en"]["acronym"], c["fr"]["term"], c["fr"]["acronym"]): c["count"]
             for c in json.loads(r.stdout)["candidates"]}
    assert found == {
        ("Counter-Terrorism Committee Executive Directorate", "CTED", "Direction exécutive du Comité contre le terrorisme", "DECT"): 2,
        ("Group of States against Corruption", "GRECO", "Groupe d'États contre la corruption", "GRECO"): 1,
        ("Airport Communication Project", "AIRCOP", "Projet de communication aéroportuaire", "AIRCOP"): 1,
        ("Container Control Programme", None, "Programme de contrôle des conteneurs", None): 3,
        ("Global Maritime Crime Programme", None, "Programme mondial de lutte contre la criminalité maritime", None): 2,
    }  # not UNODC/ONUDC nor the Egmont Group: the glossary has them
    # Ready-to-paste YAML that validates once pasted, and nothing written anywhere.
    y = run_cli("glossary", "extract", FIXTURES / "un-pairs.fr-en.tmx", "--glossary", glossary, "--format", "yaml")
    assert y.returncode == 0
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "candidates.yaml").write_text("entries:\n" + y.stdout, encoding="utf-8")
    got = {e.id: e for e in entries_of(folder).entries}
    assert set(got) == {"greco", "aircop"} and got["greco"].status == "proposed"
    assert snapshot(BUNDLED) == before


def test_extract_from_a_memory(tmp_path):
    from tmcheck.memory.store import MemoryStore, Unit

    memory = tmp_path / "memory.sqlite"
    rows = [line.split("\t") for line in (FIXTURES / "un-pairs.fr-en.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    with MemoryStore.open(memory) as store:
        store.import_units([Unit(fr, en) for _, fr, en in rows], name="pairs", source_lang="fr", origin="test")
    glossary = glossary_without(tmp_path, "cted", "greco", "aircop")
    r = run_cli("glossary", "extract", "--memory", memory, "--no-bundled", "--glossary", glossary, "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["pairs"] == len(rows)
    assert {c["en"]["acronym"] for c in data["candidates"]} >= {"CTED", "GRECO", "AIRCOP"}
    assert data["candidates"][0]["example"]["ref"].startswith("memory 'pairs' #")


@needs(UNPC)
def test_extract_on_the_unpc_development_set(tmp_path):
    glossary = glossary_without(tmp_path, "udhr")
    started = time.monotonic()
    r = run_cli("glossary", "extract", UNPC, "--glossary", glossary, "--format", "json")
    elapsed = time.monotonic() - started
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    found = {(c["en"]["term"], c["fr"]["term"]) for c in data["candidates"]}
    for pair in [("Charter of the United Nations", "Charte des Nations Unies"),
                 ("Syrian Arab Republic", "République arabe syrienne"),
                 ("Universal Declaration of Human Rights", "Déclaration universelle des droits de l'homme"),
                 ("Foundation for European Progressive Studies", "Fondation européenne d'études progressistes")]:
        assert pair in found, pair
    # Acronyms and titles the glossary has are not proposed again.
    assert not {c["en"]["acronym"] for c in data["candidates"]} & {"UNDP", "UNODC", "OHCHR", "MINUSMA", "UNICEF"}
    assert ("Democratic Republic of the Congo", "République démocratique du Congo") not in found
    assert 30 <= len(data["candidates"]) <= 120
    print(f"UNPC dev: {len(data['candidates'])} candidates from {data['pairs']} pairs in {elapsed:.1f} s")


def test_glossary_folder_from_the_config(tmp_path, monkeypatch):
    folder = tmp_path / "terms"
    folder.mkdir()
    (folder / "a.yaml").write_text("entries:\n  - id: alpha\n    en: {term: Alpha}\n    fr: {term: Alpha fr}\n",
                                   encoding="utf-8")
    (tmp_path / "tmcheck.toml").write_text('glossary = "terms"\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    monkeypatch.chdir(tmp_path / "drafts")
    assert [e["id"] for e in json.loads(run_cli("glossary", "list", "--format", "json").stdout)] == ["alpha"]
    r = run_cli("glossary", "list", "--config", tmp_path / "missing.toml")
    assert r.returncode == 2 and "config file not found" in r.stderr


def test_terms_differing_only_by_the_kind_of_apostrophe_are_one_term():
    from tmcheck.glossary.checks import key

    assert key("Programme des Nations Unies pour l\u2018environnement") == key("programme des Nations Unies pour l'environnement")
    assert key("Côte d\u2019Ivoire") == key("Côte d\u02bcIvoire") == key("côte d'ivoire")
