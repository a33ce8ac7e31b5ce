"""Hostile and broken input, as the issue's fuzzing found it: every reproducer ends in one line on
stderr naming the file, exit 2, no internal error, no hang, nothing lost (or, where the input is
acceptable after all, in a normal run)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from cli_helpers import assert_refused, run_cli

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DRAFT = "Le Comité se réunira le lundi 5 septembre 2016.\n"


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "draft.fr.md"
    p.write_text(DRAFT, encoding="utf-8")
    return p


def in_subprocess(*args, limit_mb: int = 1024, timeout: float = 60) -> tuple[int, str, int]:
    """(exit status, stderr, peak RSS in MB) of tmcheck run in a fresh process with its memory capped:
    for inputs that once crashed the interpreter itself or ate gigabytes."""
    code = textwrap.dedent(f"""
        import resource, subprocess, sys
        def cap():
            resource.setrlimit(resource.RLIMIT_AS, ({limit_mb} << 20, {limit_mb} << 20))
        r = subprocess.run([sys.executable, "-m", "tmcheck", *sys.argv[1:]], preexec_fn=cap,
                           capture_output=True, text=True, timeout={timeout})
        sys.stderr.write(r.stderr)
        print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
    """)
    r = subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                       timeout=timeout + 30)
    status, rss = r.stdout.split()
    return int(status), r.stderr, int(rss)


# -- tmcheck.toml ----------------------------------------------------------------------------------


@pytest.mark.parametrize("toml,needle", [
    ("glossary = 5\n", "glossary must be a folder path"),
    ('rules = ["a"]\n', "rules must be a folder path"),
    ("select = " + "[" * 1000 + "\n", "nested too deeply"),
    ('[severity]\nTM201 = "fatal"\n', "severity.TM201 must be one of error, info, warning"),
    ("fail-on = [1]\n", "fail-on must be one of"),
    ('glossary = "' + "a" * 5000 + '"\n', "glossary must be a folder path"),
])
def test_bad_config_is_one_line(tmp_path, draft, toml, needle):
    (tmp_path / "tmcheck.toml").write_text(toml, encoding="utf-8")
    assert_refused(run_cli("lint", draft), str(tmp_path / "tmcheck.toml"), needle)


# -- review files ------------------------------------------------------------------------------------


def test_deeply_nested_review_file_is_one_line(draft):
    review = Path(str(draft) + ".review.yaml")
    review.write_text("decisions: " + "[" * 1000 + "\n", encoding="utf-8")
    assert_refused(run_cli("lint", draft), str(review), "nested more than")


def test_review_file_that_crashed_libyaml_is_one_line(draft):
    # 100,000 "[": libyaml's composer recursed until the process died (SIGSEGV).
    review = Path(str(draft) + ".review.yaml")
    review.write_text("decisions: " + "[" * 100_000 + "\n", encoding="utf-8")
    status, err, _ = in_subprocess("lint", draft)
    assert status == 2 and len(err.strip().splitlines()) == 1 and "nested more than" in err, err[:300]


def test_review_decision_of_the_wrong_shape_is_one_line(draft):
    review = Path(str(draft) + ".review.yaml")
    review.write_text("decisions:\n  - fingerprint: abc\n    decision: [1]\n", encoding="utf-8")
    assert_refused(run_cli("lint", draft), f"{review}:3", "decisions[0].decision must be one of")


def test_review_file_with_an_alias_bomb_is_refused(draft):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    review = Path(str(draft) + ".review.yaml")
    review.write_text("\n".join(lines) + "\ndecisions: *a9\n", encoding="utf-8")
    assert_refused(run_cli("lint", draft), str(review), "aliases")


# -- glossary ------------------------------------------------------------------------------------------


def _glossary(tmp_path, text: str) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "g.yaml").write_text(text, encoding="utf-8")
    return folder


ENTRY = """entries:
  - id: x
    kind: {kind}
    en: {{term: Alpha Office, short: {short}}}
    fr: {{term: Bureau alpha}}
    parent: {parent}
"""


@pytest.mark.parametrize("kind,short,parent,needle", [
    ("office", "5", "null", "en.short must be a list"),
    ("[office]", "[]", "null", "kind must be one of"),
    ("office", "[]", "{a: 1}", "parent must be an entry id"),
    ("office", "[[1]]", "null", "en.short[0] must be a term"),
])
def test_glossary_entry_of_the_wrong_shape_is_one_line(tmp_path, draft, kind, short, parent, needle):
    folder = _glossary(tmp_path, ENTRY.format(kind=kind, short=short, parent=parent))
    assert_refused(run_cli("lint", "--glossary", folder, draft), "g.yaml:2", needle)
    v = run_cli("glossary", "validate", "--glossary", folder)
    assert v.code == 2 and needle in v.stdout and "internal error" not in v.stderr


def test_empty_glossary_is_an_empty_glossary(tmp_path, draft):
    folder = _glossary(tmp_path, "entries: []\n")
    r = run_cli("lint", "--format", "json", "--glossary", folder, draft)
    assert r.code in (0, 1) and "internal error" not in r.stderr
    assert json.loads(r.stdout)["summary"]["files"] == 1


def test_glossary_that_crashed_libyaml_is_one_line(tmp_path, draft):
    folder = _glossary(tmp_path, "entries: " + "[" * 100_000 + "\n")
    status, err, _ = in_subprocess("lint", "--glossary", folder, draft)
    assert status == 2 and len(err.strip().splitlines()) == 1 and "nested more than" in err, err[:300]


def test_glossary_path_too_long_is_one_line(draft):
    assert_refused(run_cli("lint", "--glossary", "g" * 5000, draft), "File name too long")


def test_glossary_csv_with_tabs_in_a_term_is_refused_before_writing(tmp_path):
    folder = _glossary(tmp_path, "entries: []\n")
    before = (folder / "g.yaml").read_text(encoding="utf-8")
    csv_file = tmp_path / "terms.csv"
    csv_file.write_text('en_term,fr_term\n"A' + "\t" * 2038 + 'b",Bureau\n', encoding="utf-8")
    assert_refused(run_cli("glossary", "import", csv_file, "--glossary", folder), f"{csv_file}:2", "en.term must be")
    assert (folder / "g.yaml").read_text(encoding="utf-8") == before


def test_glossary_csv_header_with_a_line_break_is_one_line(tmp_path):
    folder = _glossary(tmp_path, "entries: []\n")
    csv_file = tmp_path / "terms.csv"
    csv_file.write_text('"en_\nterm",fr_term\nA,B\n', encoding="utf-8")
    assert_refused(run_cli("glossary", "import", csv_file, "--glossary", folder), "unknown column(s) 'en_\\nterm'")


# -- rules -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rules,needle", [
    ("- a\n- b\n", "must be a mapping with a top-level 'rules:' list"),
    ("rules:\n  - id: x\n    extends: substitution\n    lang: fr\n    swap: [a]\n", "rules[0].swap must be a table"),
    ("rules:\n  - id: x\n    extends: substitution\n    lang: fr\n    level: fatal\n    swap: {a: b}\n",
     "rules[0].level must be one of"),
    ('rules:\n  - id: x\n    extends: substitution\n    lang: fr\n    message: "{0}"\n    swap: {a: b}\n',
     "the message may name {wrong} and {right} only"),
    ('rules:\n  - id: x\n    extends: substitution\n    lang: fr\n    swap: {"": b}\n', "every key must be"),
    ("rules:\n  - id: x\n    extends: substitution\n    lang: fr\n    swap: {a: b}\n    exceptions: 5\n",
     "rules[0].exceptions must be"),
])
def test_bad_rules_file_is_one_line(tmp_path, draft, rules, needle):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "r.yaml").write_text(rules, encoding="utf-8")
    assert_refused(run_cli("lint", "--rules", folder, draft), str(folder / "r.yaml"), needle)


# -- .docx ------------------------------------------------------------------------------------------------


def _docx(path: Path, document_xml: bytes | str, level: int = 6) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("word/document.xml", document_xml)
    return path


def test_docx_with_another_root_is_one_line(tmp_path):
    path = _docx(tmp_path / "d.docx", f"<w:body {W}><w:p><w:r><w:t>Bonjour</w:t></w:r></w:p></w:body>")
    assert_refused(run_cli("lint", path), str(path), "not a Word document")


def test_docx_with_malformed_xml_is_one_line(tmp_path):
    path = _docx(tmp_path / "d.docx", f"<w:document {W}><w:body><w:p><w:r><w:t>Bonjour\n\n</w:t></w:r>")
    assert_refused(run_cli("lint", path), str(path), "malformed XML")


def test_docx_with_any_dtd_is_refused_like_tmx(tmp_path):
    path = _docx(tmp_path / "d.docx", f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "boo">]>'
                                      f"<w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    message = assert_refused(run_cli("lint", path), str(path))
    tmx = tmp_path / "d.tmx"
    tmx.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x "boo">]><tmx version="1.4"><header srclang="fr"/>'
                   "<body/></tmx>", encoding="utf-8")
    same = assert_refused(run_cli("lint", tmx), str(tmx))
    assert "XML with a DTD" in message and message[message.index("XML with"):] == same[same.index("XML with"):]


def _declared(data: bytes, member: str, size: int) -> bytes:
    """The archive with ``member`` declaring ``size`` bytes inflated (ZIP64 not needed below 4 GiB):
    a bomb's directory, without spending seconds deflating gigabytes to build it."""
    out = bytearray(data)
    name = member.encode()
    for signature, offset, name_at in ((b"PK\x01\x02", 24, 46), (b"PK\x03\x04", 22, 30)):
        i = out.find(signature)
        while i != -1:
            if out[i + name_at:i + name_at + len(name)] == name:
                out[i + offset:i + offset + 4] = size.to_bytes(4, "little")
            i = out.find(signature, i + 4)
    return bytes(out)


def _bomb(tmp_path, kind: str) -> Path:
    path = tmp_path / f"{kind}.docx"
    text = f'<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>Bonjour</w:t></w:r></w:p>'
    if kind == "paragraphs":  # 60 kB at most, three million empty paragraphs inside
        _docx(path, text + "<w:p/>" * 3_000_000 + "</w:body></w:document>", level=9)
        assert path.stat().st_size < 60_000
        return path
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", text + "</w:body></w:document>")
        z.writestr("word/media/zero.bin", b"\0" * 4096)
    member, size = ("word/media/zero.bin", (2 << 30) - 1) if kind == "zero" else ("word/document.xml", 1 << 30)
    path.write_bytes(_declared(buf.getvalue(), member, size))
    return path


@pytest.mark.parametrize("kind,needle", [("paragraphs", "inflates"), ("zero", "inflates to 2047 MB"),
                                         ("whitespace", "inflates to 1024 MB")])
def test_docx_bombs_are_refused_at_once(tmp_path, kind, needle):
    import time

    path = _bomb(tmp_path, kind)
    started = time.process_time()
    from tmcheck.documents import read_document
    from tmcheck.errors import InputError

    with pytest.raises(InputError, match=needle):
        read_document(path)
    assert time.process_time() - started < 1
    status, err, rss = in_subprocess("lint", path, limit_mb=1024)
    assert status == 2 and len(err.strip().splitlines()) == 1 and needle in err, err[:300]
    assert rss <= 100, f"{rss} MB to refuse a bomb"


def test_docx_with_too_many_paragraphs_is_refused(tmp_path, monkeypatch):
    from tmcheck.documents import read_document
    from tmcheck.documents.formats import docx
    from tmcheck.errors import InputError

    monkeypatch.setattr(docx, "MAX_PARAGRAPHS", 1000)
    path = _docx(tmp_path / "d.docx", f"<w:document {W}><w:body>"
                 + "<w:p><w:r><w:t>Bonjour le monde, et bonjour encore.</w:t></w:r></w:p>" * 1001 + "</w:body></w:document>")
    with pytest.raises(InputError, match="more than 1,000 paragraphs"):
        read_document(path)


def test_docx_member_lying_about_its_size_reads_no_more_than_it_says(tmp_path):
    # The ZIP module stops at the declared size: a bomb cannot hide behind a small declaration.
    buf = io.BytesIO()
    body = f"<w:document {W}><w:body>" + "<w:p><w:r><w:t>Bonjour</w:t></w:r></w:p>" * 1000 + "</w:body></w:document>"
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", body)
    path = tmp_path / "liar.docx"
    path.write_bytes(_declared(buf.getvalue(), "word/document.xml", 100))
    assert_refused(run_cli("lint", path), str(path))


# -- bilingual files ---------------------------------------------------------------------------------


def test_xliff_surrogate_code_point_is_read(tmp_path):
    path = tmp_path / "d.xlf"
    path.write_text('<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
                    'srcLang="fr" trgLang="en"><file id="f"><unit id="u1"><segment><source>Le rapport de '
                    "l'ONUDC.</source><target>The report of <cp hex=\"D800\"/>UNDOC.</target></segment></unit>"
                    "</file></xliff>", encoding="utf-8")
    r = run_cli("lint", "--format", "json", path)
    assert r.code == 1 and "internal error" not in r.stderr
    # The slip is read past the surrogate: UNDOC where the source names UNODC (TM103).
    assert [(f["code"], f["suggestion"]) for f in json.loads(r.stdout)["findings"]] == [("TM103", "UNODC")]
    memory = tmp_path / "m.sqlite"
    r = run_cli("memory", "import", "--memory", memory, "--no-vectors", path)
    assert r.code == 0, r.stderr
