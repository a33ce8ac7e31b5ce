"""Applying a fix never loses an edit: through a symbolic link the draft it points to is fixed,
and an editor saving the draft meanwhile loses nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

# Ten findings with suggestions, their contexts far apart (a decision follows a finding whose
# context is close: these must stay ten findings).
_AROUND = ["Les Etats Membres", "Le Secrétariat", "La Conférence des Parties", "Le Groupe de travail",
           "Selon les experts", "Dans sa résolution", "Au cours du débat", "Pour mémoire", "En conclusion",
           "Par ailleurs"]
_AFTER = ["a publié son rapport.", "présentera une note.", "examinera ce point.", "a reçu trois réponses.",
          "coopère avec les États.", "organise un atelier.", "a pris la parole.", "fournit une assistance.",
          "a présenté ses travaux.", "tiendra une réunion."]
LINES = "".join(f"{a}, l'UNDOC {b}\n\n" for a, b in zip(_AROUND, _AFTER))


def _review(path):
    from tmcheck.engine import Options
    from tmcheck.review.session import Review

    return Review(path, Options(lang="fr", select=["TM101"]))


def test_fix_through_a_symlink_fixes_the_draft_and_keeps_the_link(tmp_path):
    real = tmp_path / "real" / "draft.fr.md"
    real.parent.mkdir()
    real.write_text(LINES, encoding="utf-8")
    link = tmp_path / "draft.fr.md"
    link.symlink_to(real)
    session = _review(link)
    backup = session.apply(session.open_findings()[0])
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("Les Etats Membres, l'ONUDC a publié")
    assert backup.parent == real.parent and backup.read_text(encoding="utf-8") == LINES


WRITER = textwrap.dedent("""
    import sys, time
    path, stop = sys.argv[1], sys.argv[2]
    import os
    n = 0
    while not os.path.exists(stop):
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"ajout {n}\\n")
        n += 1
        time.sleep(0.002)
    print(n)
""")


def test_an_editor_saving_meanwhile_loses_no_line(tmp_path):
    draft = tmp_path / "draft.fr.md"
    draft.write_text(LINES, encoding="utf-8")
    stop = tmp_path / "stop"
    session = _review(draft)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(draft), str(stop)], stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(0.05)
        applied = 0
        while session.open_findings() and applied < 10:
            session.apply(session.open_findings()[0])
            applied += 1
    finally:
        stop.touch()
        written = int(writer.communicate(timeout=30)[0])
    text = draft.read_text(encoding="utf-8")
    assert applied == 10 and text.count("ONUDC") == 10 and "UNDOC" not in text
    appended = [line for line in text.splitlines() if line.startswith("ajout ")]
    assert appended == [f"ajout {n}" for n in range(written)], f"{written - len(appended)} of {written} lines lost"


def test_the_write_that_lands_in_the_rename_instant_is_carried_over(tmp_path, monkeypatch):
    # The instant between the last look and the rename cannot be guarded: make a write land there.
    from tmcheck import atomic

    path = tmp_path / "draft.md"
    path.write_bytes(b"one\n")
    real_replace = os.replace

    def replace_after_a_write(src, dst):
        if path.read_bytes() == b"one\n":  # once
            with open(dst, "ab") as fh:
                fh.write(b"two\n")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace_after_a_write)
    atomic.rewrite(path, lambda data: data.replace(b"one", b"ONE"))
    assert path.read_bytes() == b"ONE\ntwo\n"


def test_a_fix_whose_text_is_gone_is_refused_and_changes_nothing(tmp_path):
    from tmcheck.errors import InputError

    draft = tmp_path / "draft.fr.md"
    draft.write_text(LINES, encoding="utf-8")
    session = _review(draft)
    finding = session.open_findings()[0]
    draft.write_text(LINES.replace("Membres, l'UNDOC", "Membres, l'ONUDC"), encoding="utf-8")
    before = draft.read_bytes()
    with pytest.raises(InputError, match="is no longer"):
        session.apply(finding)
    assert draft.read_bytes() == before


def test_a_late_write_then_more_growth_is_carried_over(tmp_path, monkeypatch):
    """A write lands on the replaced file just after the rename (carried over: the fix is written
    again on the writer's text), then the draft grows again before that second write is renamed:
    the growth is added to the writer's text, not to the already fixed one (it used to raise 'the
    text is no longer ...' on a loaded machine)."""
    from tmcheck import atomic
    from tmcheck.errors import InputError

    draft = tmp_path / "draft.fr.md"
    draft.write_bytes(b"Selon l'UNDOC, les saisies ont doubl\xc3\xa9.\n")
    real_replace, real_temp = os.replace, atomic._temp_beside
    calls = {"replace": 0, "temp": 0}

    def replace(src, dst):
        calls["replace"] += 1
        if calls["replace"] == 1:  # an editor that opened the draft before the rename writes after it
            with open(dst, "ab") as late:
                real_replace(src, dst)
                late.write(b"ajout tardif\n")
        else:
            real_replace(src, dst)

    def temp(path, data):
        calls["temp"] += 1
        if calls["temp"] == 2:  # and saves again while the second write is prepared
            with open(path, "ab") as more:
                more.write(b"ajout suivant\n")
        return real_temp(path, data)

    def change(text: bytes) -> bytes:
        if b"UNDOC" not in text:
            raise InputError("the text is no longer 'UNDOC'")
        return text.replace(b"UNDOC", b"ONUDC", 1)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(atomic, "_temp_beside", temp)
    atomic.rewrite(draft, change)
    assert draft.read_bytes() == "Selon l'ONUDC, les saisies ont doublé.\najout tardif\najout suivant\n".encode()
