"""``tmcheck lint draft.docx --format docx -o out.docx``: a copy of a Word draft with each finding as a
comment on exactly the text it flags (runs split where a span starts or ends inside one, formatting
kept), the draft left byte for byte as it was, comments already there kept; bad input refused in
one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from docx_drafts import comments_by_anchor, docx_from_markdown
from cli_helpers import assert_refused, imports_of_cli, run_cli

docx = pytest.importorskip("docx")

GOLDEN = ROOT / "tests" / "golden"

# Bold and italic runs that start or end inside a phrase tmcheck flags, as editors leave them.
SPLITS = {
    "en": [("High Commissioner for Refugee", "High **Commissioner for Ref**ugee"),
           ("(UNDOC)", "(<i>UN</i>DOC)"),
           ("17 to 21 Ocotber 2016", "17 to 21 Oco<b>tber 20</b>16")],
    "fr": [("(ONU DC)", "(**ONU** DC)"),
           ("Haut-Commissariat des Nations Unies aux réfugiés", "Haut-Commissariat des <i>Nations Unies aux</i> réfugiés"),
           ("Secrétaire Général", "Secrétaire <b>Gén</b>éral")],
}
# Flagged phrases whose comment must sit on exactly them (one per split above, and in the table).
ANCHORED = {
    "en": ["Office of the United Nations High Commissioner for Refugee", "UNDOC", "Ocotber",
           "Addressing trafficking in persons for labour exploitation in supply chains", "Wednesday"],
    "fr": ["ONU DC", "Haut-Commissariat des Nations Unies aux réfugiés", "Secrétaire Général", "Mecredi",
           "Lutte contre la traite des personnes aux fins d’exploitation par le travail dans les chaînes d’approvisionnement"],
}
EXISTING = {"en": "In its decision 5/2", "fr": "Dans sa décision 5/2"}


def golden_docx(lang: str, folder: Path) -> Path:
    text = (GOLDEN / f"wg-tip-2016-drift.{lang}.md").read_text(encoding="utf-8")
    for plain, styled in SPLITS[lang]:
        assert plain in text, plain
        text = text.replace(plain, styled)
    assert EXISTING[lang] in text
    return docx_from_markdown(text, folder / f"wg-tip-2016.{lang}.docx", comment_on=EXISTING[lang])


def lines_of(path: Path) -> list[str]:
    from tmcheck.documents.formats.docx import read_paragraphs

    return [t for t, _ in read_paragraphs(str(path), path.read_bytes())]


@pytest.fixture(params=["en", "fr"])
def lang(request):
    return request.param


def test_one_comment_per_finding_on_exactly_its_text(lang, tmp_path):
    draft = golden_docx(lang, tmp_path)
    before = draft.read_bytes()
    out = tmp_path / "out.docx"
    report = run_cli("lint", draft, "--format", "json")
    findings = json.loads(report.stdout)["findings"]
    assert len(findings) >= 12
    r = run_cli("lint", draft, "--format", "docx", "-o", out)
    assert r.code == 1, r.stderr
    assert r.stdout == "" and r.stderr == ""
    assert draft.read_bytes() == before

    comments = comments_by_anchor(out)
    existing = [c for c in comments if c[0] != "tmcheck"]
    assert existing == [("Conference Services", existing[0][1], "Please check this paragraph against the 2015 report.")]
    assert existing[0][1].startswith(EXISTING[lang])
    ours = [c for c in comments if c[0] == "tmcheck"]
    assert len(ours) == len(findings)
    lines = lines_of(draft)
    for f, (_, anchored, text) in zip(findings, ours):
        assert f["line"] == f["end_line"]
        assert anchored == lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1], f
        rule = f" {f['rule_id']}" if f.get("rule_id") else ""  # a declarative rule's own id beside TM402
        assert text.startswith(f"{f['code']}{rule} [{f['severity']}] {f['message']}")
        if f["suggestion"] is not None:
            assert f"Suggestion: {f['suggestion']}" in text
    for phrase in ANCHORED[lang]:
        assert phrase in [a for _, a, _ in ours], phrase
    # The copy reads as the draft: same lines, same findings.
    assert lines_of(out) == lines
    again = json.loads(run_cli("lint", out, "--format", "json").stdout)["findings"]
    assert [(f["code"], f["line"], f["column"]) for f in again] == [(f["code"], f["line"], f["column"]) for f in findings]


def test_split_runs_keep_their_formatting(tmp_path):
    draft = golden_docx("en", tmp_path)
    out = tmp_path / "out.docx"
    run_cli("lint", draft, "--format", "docx", "-o", out)
    paragraph = next(p for p in docx.Document(out).paragraphs if "High Commissioner for" in p.text)
    runs = [(r.text, bool(r.bold)) for r in paragraph.runs if r.text]
    assert ("Commissioner for Ref", True) in runs
    assert ("ugee", False) in runs
    assert paragraph.text == next(p for p in docx.Document(draft).paragraphs if "High Commissioner for" in p.text).text
    cell = [c for row in docx.Document(out).tables[0].rows for c in row.cells if "labour exploitation" in c.text]
    assert cell, "the table row's finding is in its cell"


def test_comment_on_a_table_row_lies_inside_its_cell(tmp_path):
    from docx.oxml.ns import qn

    draft = golden_docx("fr", tmp_path)
    out = tmp_path / "out.docx"
    run_cli("lint", draft, "--format", "docx", "-o", out)
    table = docx.Document(out).tables[0]._tbl
    starts = table.findall(".//" + qn("w:commentRangeStart"))
    assert len(starts) == 2  # Mecredi in the first cell, the item's title in the last
    for start in starts:
        assert start.getparent().tag == qn("w:p") and start.getparent().getparent().tag == qn("w:tc")


def test_unanchored_finding_goes_on_the_first_paragraph(tmp_path):
    from tmcheck.documents.model import Position, Span
    from tmcheck.findings import Finding
    from tmcheck.report.docx_comments import add_comments

    draft = golden_docx("en", tmp_path)
    document = docx.Document(draft)
    outside = Finding("TM203", "impossible-date", "error", "'31 June' does not exist",
                      Span(str(draft), Position(999, 1), Position(999, 5)))
    elsewhere = Finding("TM201", "weekday-mismatch", "error", "a weekday in the source",
                        Span("source.en.docx", Position(3, 1), Position(3, 5)))
    assert add_comments(document, [outside, elsewhere], str(draft)) == 2
    out = tmp_path / "out.docx"
    document.save(out)
    ours = [c for c in comments_by_anchor(out) if c[0] == "tmcheck"]
    assert [(a, t.split(")")[0]) for _, a, t in ours] == [("United Nations", "TM203 [error] (line 999, column 1"),
                                                          ("United Nations", "TM201 [error] (source.en.docx, line 3, column 1")]


def test_note_on_stderr_counts_unanchored_findings(tmp_path, monkeypatch):
    from tmcheck.report import docx_comments

    draft = golden_docx("en", tmp_path)
    monkeypatch.setattr(docx_comments, "reader_lines", lambda *_: ["not the draft"] * 999)
    r = run_cli("lint", draft, "--format", "docx", "-o", tmp_path / "out.docx")
    assert r.code == 1
    assert r.stderr.startswith("tmcheck: note: 14 finding(s) could not be placed on their text")


def test_no_findings_gives_a_copy_with_the_existing_comments_only(tmp_path):
    draft = docx_from_markdown("The meeting will be opened on Tuesday, 6 September 2016.\n",
                               tmp_path / "note.en.docx", comment_on="The meeting")
    r = run_cli("lint", draft, "--format", "docx", "-o", tmp_path / "out.docx")
    assert r.code == 0, r.stderr
    assert [c[0] for c in comments_by_anchor(tmp_path / "out.docx")] == ["Conference Services"]


def test_bad_input_is_refused_in_one_line(tmp_path):
    draft = golden_docx("en", tmp_path)
    before = draft.read_bytes()
    md = tmp_path / "draft.en.md"
    md.write_text((GOLDEN / "wg-tip-2016-drift.en.md").read_text(encoding="utf-8"), encoding="utf-8")
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(before[:3000])
    link = tmp_path / "link.docx"
    link.symlink_to(draft)
    out = tmp_path / "out.docx"
    assert_refused(run_cli("lint", draft, "--format", "docx"), "-o")
    assert_refused(run_cli("lint", md, "--format", "docx", "-o", out), "needs a Word draft")
    assert_refused(run_cli("lint", draft, "--format", "docx", "-o", draft), "never overwrites")
    assert_refused(run_cli("lint", draft, "--format", "docx", "-o", link), "never overwrites")
    assert_refused(run_cli("lint", corrupt, "--format", "docx", "-o", out), "not a valid .docx")
    assert_refused(run_cli("lint", draft, draft, "--format", "docx", "-o", out), "exactly one")
    assert_refused(run_cli("lint", tmp_path, "--format", "docx", "-o", out), "needs a Word draft")
    assert not out.exists()
    assert draft.read_bytes() == before


def test_failed_write_leaves_no_file_and_keeps_the_previous_copy(tmp_path, monkeypatch):
    draft = golden_docx("en", tmp_path)
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous copy")
    import docx.document

    def broken(self, stream):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", broken)
    r = run_cli("lint", draft, "--format", "docx", "-o", out)
    assert_refused(r, "out.docx: cannot write", "No space left")
    assert out.read_bytes() == b"previous copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.docx", draft.name])


def test_lint_of_a_docx_imports_python_docx_only_for_format_docx(tmp_path):
    draft = golden_docx("en", tmp_path)
    env = {"TMCHECK_CACHE_DIR": str(tmp_path / ".c")}
    plain, imported = imports_of_cli("lint", draft, cwd=tmp_path, env=env)
    assert imported and "docx" not in imported, plain.stdout + plain.stderr
    asked, imported = imports_of_cli("lint", draft, "--format", "docx", "-o", "out.docx", cwd=tmp_path, env=env)
    assert "docx" in imported, asked.stdout + asked.stderr


def test_dismissed_findings_are_left_out_unless_shown_and_then_marked(tmp_path):
    from tmcheck.engine import Linter, Options
    from tmcheck.review.decisions import ReviewFile

    draft = golden_docx("en", tmp_path)
    findings = Linter(Options(lang="en")).lint_paths([str(draft)]).findings
    review = ReviewFile.load(draft)
    review.decide(next(f for f in findings if f.text == "Ocotber"), "dismissed", "the source has it")
    review.save()
    out = tmp_path / "out.docx"
    run_cli("lint", draft, "--format", "docx", "-o", out)
    ours = [(a, t) for who, a, t in comments_by_anchor(out) if who == "tmcheck"]
    assert len(ours) == len(findings) - 1 and "Ocotber" not in [a for a, _ in ours]
    run_cli("lint", draft, "--format", "docx", "-o", out, "--show-dismissed")
    ours = [(a, t) for who, a, t in comments_by_anchor(out) if who == "tmcheck"]
    assert ("Ocotber", "TM202 [error] (dismissed) misspelled month 'Ocotber'; write 'October'\nSuggestion: October") in ours
