"""Editors' decisions: dismissed findings stay dismissed across edits of the draft; the terminal review
decides, applies suggestions safely and resumes; bad review files fail cleanly."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from cli_helpers import run_cli
from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"


# The name the review files record as the deciding editor.
EDITOR = {"TMCHECK_USER": "editor-test"}


def lint_json(draft: Path, *extra):
    r = run_cli("lint", "--format", "json", str(draft), *extra, cwd=draft.parent, env=EDITOR, timeout=300)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout), r.stderr


@pytest.fixture(params=["fr", "en"])
def draft(request, tmp_path):
    p = tmp_path / f"wg-tip-2016.{request.param}.md"
    p.write_text((GOLDEN / f"wg-tip-2016-drift.{request.param}.md").read_text(encoding="utf-8"), encoding="utf-8")
    return p


def _reflow(text: str, needle: str) -> str:
    """Rewrap the paragraph that contains ``needle`` at 60 columns, as an editor's tool would."""
    paragraphs = text.split("\n\n")
    for i, para in enumerate(paragraphs):
        if needle in para:
            paragraphs[i] = textwrap.fill(" ".join(para.split()), 60)
            return "\n\n".join(paragraphs)
    raise AssertionError(f"{needle!r} not in the draft")


def test_dismissed_stay_dismissed_after_lines_inserted_and_paragraph_reflowed(draft):
    from tmcheck.engine import Linter, Options
    from tmcheck.review.decisions import ReviewFile

    findings = Linter(Options()).lint_paths([str(draft)]).findings
    assert len(findings) >= 8
    # Dismiss two findings that sit in long paragraphs (which the reflow below rewraps).
    long_ones = [f for f in findings if len(f.context) > 60 and f.span.start.column > 40]
    first, second = long_ones[0], long_ones[-1]
    review = ReviewFile.load(draft)
    review.decide(first, "dismissed", "checked with the secretariat")
    review.decide(second, "dismissed", "the source says so")
    review.save()

    data, _ = lint_json(draft)
    assert data["summary"]["dismissed"] == 2
    assert len(data["findings"]) == len(findings) - 2

    # Ten lines inserted at the top, both paragraphs reflowed.
    text = draft.read_text(encoding="utf-8")
    for f in (first, second):
        line = text.splitlines()[f.span.start.line - 1]
        text = _reflow(text, line[:40])
    header = "".join(f"<!-- note de l’éditeur {n} -->\n" for n in range(10))
    draft.write_text(header + text, encoding="utf-8")

    data, stderr = lint_json(draft)
    shown = {f["fingerprint"] for f in data["findings"]}
    assert first.fingerprint not in shown and second.fingerprint not in shown
    assert data["summary"]["dismissed"] == 2
    assert "no longer in the draft" not in stderr
    # every other finding is still reported, and moved down by the inserted lines
    others = [f for f in findings if f not in (first, second)]
    assert len(data["findings"]) == len(others)
    assert {f.fingerprint for f in others} == shown

    # --show-dismissed shows them, marked, and they do not make the run fail on their own
    data, _ = lint_json(draft, "--show-dismissed")
    marked = {f["fingerprint"]: f.get("decision") for f in data["findings"]}
    assert marked[first.fingerprint] == marked[second.fingerprint] == "dismissed"
    assert data["summary"]["dismissed"] == 2


def test_decision_follows_its_finding_when_words_nearby_change(tmp_path):
    draft = tmp_path / "note.en.md"
    draft.write_text("The session of the Commission will open on Wednesday, 6 September 2016, in Vienna.\n",
                     encoding="utf-8")
    r = run_cli("review", str(draft), cwd=tmp_path, stdin="d\nthe source has Wednesday\n", env=EDITOR, timeout=300)
    assert r.returncode == 0, r.stderr
    decided = lint_json(draft, "--show-dismissed")[0]["findings"][0]["fingerprint"]
    # A word inside the finding's context changes: its fingerprint moves, the decision follows it.
    draft.write_text("The session of the Commission will open on Wednesday, 6 September 2016, in Geneva.\n",
                     encoding="utf-8")
    shown = lint_json(draft, "--show-dismissed")[0]["findings"]
    assert shown[0]["fingerprint"] != decided and shown[0]["decision"] == "dismissed"
    data, stderr = lint_json(draft)
    assert data["findings"] == [] and data["summary"]["dismissed"] == 1 and "no longer" not in stderr
    # Rewritten around it (the context no longer close): reported as stale, the finding shown again.
    draft.write_text("On Wednesday, 6 September 2016, the Commission will open its resumed session.\n",
                     encoding="utf-8")
    data, stderr = lint_json(draft)
    assert [f["code"] for f in data["findings"]] == ["TM201"] and "no longer in the draft" in stderr


def test_stale_decision_is_reported(tmp_path):
    draft = tmp_path / "note.en.md"
    draft.write_text("The session of the Commission will open on Wednesday, 6 September 2016, in Vienna.\n",
                     encoding="utf-8")
    run_cli("review", str(draft), cwd=tmp_path, stdin="d\nok\n", env=EDITOR, timeout=300)
    draft.write_text("The session of the Commission will open on Tuesday, 6 September 2016, in Vienna.\n",
                     encoding="utf-8")
    data, stderr = lint_json(draft)
    assert data["findings"] == []
    assert "TM201 'Wednesday' (dismissed) is no longer in the draft" in stderr


def test_terminal_review_accept_dismiss_fix_quit_and_resume(tmp_path):
    draft = tmp_path / "ordre-du-jour.fr.md"
    original = ("# Ordre du jour provisoire\n\n"
                "La session s’ouvrira le mardi 17 octobre 2016 à 10 heures.\n\n"
                "Le rapport de l’UNDOC sur la traite des personnes sera présenté.\n\n"
                "Le Groupe de travail se réunira le 31 juin 2016.\n")
    draft.write_text(original, encoding="utf-8")
    findings, _ = lint_json(draft)
    assert [f["code"] for f in findings["findings"]] == ["TM201", "TM101", "TM203"]

    # mardi 17 octobre 2016 -> dismiss; l'UNDOC -> apply the suggestion; then quit.
    r = run_cli("review", str(draft),
                cwd=tmp_path, stdin="d\nla date sera corrigée dans la source\nf\nq\n", env=EDITOR, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "1 dismissed, 1 fixed; 1 finding(s) without a decision" in r.stdout
    backups = sorted(tmp_path.glob("ordre-du-jour.fr.md.~*~"))
    assert [b.name for b in backups] == ["ordre-du-jour.fr.md.~1~"]
    assert backups[0].read_text(encoding="utf-8") == original
    changed = draft.read_text(encoding="utf-8")
    assert changed == original.replace("l’UNDOC", "l’ONUDC")  # exactly that one change

    # Resume: only the undecided finding is asked about.
    r = run_cli("review", str(draft), cwd=tmp_path, stdin="a\n", env=EDITOR, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "31 juin" in r.stdout and "TM201" not in r.stdout and "TM101" not in r.stdout
    assert "1 accepted, 0 dismissed, 0 fixed; 0 finding(s) without a decision" in r.stdout

    review = (tmp_path / "ordre-du-jour.fr.md.review.yaml").read_text(encoding="utf-8")
    for expected in ("decision: dismissed", "reason: la date sera corrigée dans la source", "decision: fixed",
                     "decision: accepted", "by: editor-test", "draft: ordre-du-jour.fr.md"):
        assert expected in review
    data, _ = lint_json(draft)
    assert [f["code"] for f in data["findings"]] == ["TM203"]  # accepted: still to fix, still shown
    assert data["summary"]["dismissed"] == 1


def test_review_file_with_broken_syntax_fails_cleanly_and_is_kept(tmp_path):
    draft = tmp_path / "note.en.md"
    draft.write_text("The session will open on Wednesday, 6 September 2016.\n", encoding="utf-8")
    review = tmp_path / "note.en.md.review.yaml"
    broken = "draft: note.en.md\ndecisions:\n  - fingerprint: [unclosed\n"
    review.write_text(broken, encoding="utf-8")
    for args in (("lint", str(draft)), ("review", str(draft))):
        r = run_cli(*args, cwd=tmp_path, stdin="q\n", env=EDITOR, timeout=300)
        assert r.returncode == 2
        assert r.stderr.count("\n") == 1 and "YAML syntax error" in r.stderr and "Traceback" not in r.stderr
    assert review.read_text(encoding="utf-8") == broken


def test_review_file_of_another_draft_is_refused(tmp_path):
    draft = tmp_path / "note.en.md"
    draft.write_text("The session will open on Wednesday, 6 September 2016.\n", encoding="utf-8")
    other = tmp_path / "other.review.yaml"
    other.write_text("format: 1\ndraft: agenda.fr.md\ndecisions: []\n", encoding="utf-8")
    r = run_cli("lint", str(draft), "--decisions", str(other), cwd=tmp_path, env=EDITOR, timeout=300)
    assert r.returncode == 2 and "are for 'agenda.fr.md', not for 'note.en.md'" in r.stderr


def test_applying_a_suggestion_to_a_changed_draft_is_refused(tmp_path):
    from tmcheck.errors import InputError
    from tmcheck.review.session import Review

    draft = tmp_path / "note.en.md"
    draft.write_text("The report of UNDOC is published.\n", encoding="utf-8")
    session = Review(draft)
    finding = session.open_findings()[0]
    draft.write_text("A new first line.\nThe report of UNDOC is published.\n", encoding="utf-8")
    with pytest.raises(InputError, match="no longer 'UNDOC'"):
        session.apply(finding)
    assert draft.read_text(encoding="utf-8") == "A new first line.\nThe report of UNDOC is published.\n"
    assert not list(tmp_path.glob("*.~*~"))


def test_lint_looks_for_review_files_by_the_same_name():
    from tmcheck.commands import lint
    from tmcheck.review.decisions import SUFFIX

    assert lint.REVIEW_SUFFIX == SUFFIX


def test_terminal_review_fix_safety(tmp_path):
    """[f] applies a safe fix at once and an unsafe one only once confirmed; a suggestion that is
    only a hint (markup inside the flagged acronym: not the file's text) is shown, with no [f]."""
    draft = tmp_path / "note.fr.md"
    original = ("La session s’ouvrira le mardi 17 octobre 2016.\n\n"
                "Le rapport de l’**UN**DOC sera présenté le mecredi 19 octobre 2016.\n")
    draft.write_text(original, encoding="utf-8")
    findings, _ = lint_json(draft)
    assert [(f["code"], f["fix"]["applicability"]) for f in findings["findings"]] == [
        ("TM201", "unsafe"), ("TM101", "display"), ("TM202", "safe")]

    # The weekday: [f], then no at the confirmation: nothing written. The acronym: [f] is not
    # offered (an invalid answer is asked again), so it is skipped. "mecredi": fixed at once (the
    # acronym's context changed: it is asked about again, and skipped).
    r = run_cli("review", str(draft), cwd=tmp_path, stdin="f\nn\nf\ns\nf\ns\n", env=EDITOR, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "unsafe fix: [f] asks to confirm" in r.stdout and "a hint: not applied" in r.stdout
    assert "[a]ccept, [d]ismiss, [s]kip, [q]uit" in r.stdout and "[y/N]:   not applied" in r.stdout
    assert "0 accepted, 0 dismissed, 1 fixed" in r.stdout
    assert draft.read_text(encoding="utf-8") == original.replace("mecredi", "mercredi")

    # Confirmed, the unsafe fix is applied.
    r = run_cli("review", str(draft), cwd=tmp_path, stdin="f\ny\nq\n", env=EDITOR, timeout=300)
    assert r.returncode == 0, r.stderr
    assert draft.read_text(encoding="utf-8") == original.replace("mecredi", "mercredi").replace("mardi", "lundi")


def test_session_applies_unsafe_fixes_only_when_asked_and_hints_never(tmp_path):
    from tmcheck.errors import InputError
    from tmcheck.review.session import Review

    draft = tmp_path / "note.fr.md"
    original = "La session s’ouvrira le mardi 17 octobre 2016 au siège de l’**UN**DOC.\n"
    draft.write_text(original, encoding="utf-8")
    session = Review(draft)
    weekday = next(f for f in session.open_findings() if f.code == "TM201")
    acronym = next(f for f in session.open_findings() if f.code == "TM101")
    with pytest.raises(InputError, match="unsafe fix"):
        session.apply(weekday)
    for unsafe in (False, True):
        with pytest.raises(InputError, match="not a fix"):
            session.apply(acronym, unsafe=unsafe)
    assert draft.read_text(encoding="utf-8") == original and not list(tmp_path.glob("*.~*~"))
    session.apply(weekday, unsafe=True)
    assert draft.read_text(encoding="utf-8") == original.replace("mardi", "lundi")
