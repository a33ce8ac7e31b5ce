"""``tmcheck review draft.docx``: [f]ix writes the suggestion inside the runs that hold the flagged
text (bold and italic kept around it), keeps the previous version as DRAFT.~N~, and refuses a
draft changed since it was linted without ending the review."""

from __future__ import annotations

import pytest

from docx_drafts import comments_by_anchor, docx_from_markdown
from cli_helpers import run_cli
from test_docx_comments import golden_docx, lines_of

docx = pytest.importorskip("docx")


def _runs(path, needle: str) -> list[tuple[str, bool, bool]]:
    document = docx.Document(path)
    paragraphs = list(document.paragraphs) + [p for t in document.tables for row in t.rows for c in row.cells
                                              for p in c.paragraphs]
    paragraph = next(p for p in paragraphs if needle in p.text)
    return [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs if r.text]


def _finding(session, code: str, text: str):
    return next(f for f in session.open_findings() if f.code == code and f.text == text)


def test_fix_rewrites_only_the_flagged_text_inside_its_runs(tmp_path):
    from tmcheck.engine import Options
    from tmcheck.review.session import Review

    draft = golden_docx("en", tmp_path)
    original, before = draft.read_bytes(), lines_of(draft)
    session = Review(draft, Options(lang="en"))
    backup = session.apply(_finding(session, "TM104", "UNDOC"), unsafe=True)
    assert backup.name == draft.name + ".~1~" and backup.read_bytes() == original
    after = lines_of(draft)
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(after) == len(before) and len(changed) == 1
    assert changed[0][1] == changed[0][0].replace("(UNDOC)", "(UNODC)")
    runs = _runs(draft, "(UNODC)")
    assert ("UN", False, True) in runs  # the italic part of the acronym stays italic
    assert all(text != "UN" or italic for text, _, italic in runs)

    # An insertion goes into the run of the character before it; the bold run stays bold.
    session.apply(_finding(session, "TM302", "Office of the United Nations High Commissioner for Refugee"), unsafe=True)
    runs = _runs(draft, "High Commissioner for Refugees")
    assert ("Commissioner for Ref", True, False) in runs
    assert any(text.startswith("ugees (UNHCR)") and not bold for text, bold, _ in runs)
    assert sorted(p.name for p in tmp_path.glob("*.~*~")) == [draft.name + ".~1~", draft.name + ".~2~"]
    codes = [f.code for f in session.open_findings()]
    assert "TM104" not in codes and "TM302" not in codes
    # The editor's comment is still there.
    assert [c[0] for c in comments_by_anchor(draft)] == ["Conference Services"]


def test_fix_in_a_table_cell(tmp_path):
    from tmcheck.engine import Options
    from tmcheck.review.session import Review

    draft = golden_docx("fr", tmp_path)
    session = Review(draft, Options(lang="fr"))
    session.apply(_finding(session, "TM202", "Mecredi"))
    row = next(line for line in lines_of(draft) if "10 heures-13 heures\t4" in line)
    assert row.startswith("Mercredi 7 septembre\t10 heures-13 heures\t4\tLutte contre")
    cells = [c.text for row in docx.Document(draft).tables[0].rows for c in row.cells[:1]]
    assert "Mercredi 7 septembre" in cells and not any("Mecredi" in c for c in cells)


def test_terminal_review_fixes_a_docx_and_goes_on_after_a_stale_fix(tmp_path):
    draft = docx_from_markdown("The report of **UN**DOC will be issued on Wednesday, 6 September 2016.\n",
                               tmp_path / "note.en.docx")
    original = draft.read_bytes()
    # UNDOC: a safe fix, applied at once; the weekday: an unsafe one, applied once confirmed.
    r = run_cli("review", draft, "--lang", "en", stdin="f\nf\ny\n")
    assert r.code == 0, r.stderr
    assert "0 accepted, 0 dismissed, 2 fixed; 0 finding(s) without a decision" in r.stdout
    assert lines_of(draft) == ["The report of UNODC will be issued on Tuesday, 6 September 2016."]
    assert _runs(draft, "UNODC")[:2] == [("The report of ", False, False), ("UN", True, False)]
    assert (tmp_path / "note.en.docx.~1~").read_bytes() == original
    assert "decision: fixed" in (tmp_path / "note.en.docx.review.yaml").read_text(encoding="utf-8")


def test_fix_of_a_changed_docx_is_refused_and_nothing_written(tmp_path):
    from tmcheck.engine import Options
    from tmcheck.errors import InputError
    from tmcheck.review.session import Review

    draft = docx_from_markdown("The report of UNDOC is published.\n", tmp_path / "note.en.docx")
    session = Review(draft, Options(lang="en"))
    finding = next(f for f in session.open_findings() if f.text == "UNDOC")
    docx_from_markdown("A new first paragraph.\nThe report of UNDOC is published.\n", draft)
    changed = draft.read_bytes()
    with pytest.raises(InputError, match="no longer 'UNDOC'"):
        session.apply(finding)
    assert draft.read_bytes() == changed
    assert not list(tmp_path.glob("*.~*~"))
