"""The draft's own characters (’, no-break spaces) in what people are shown and in decisions, while
checks read clean text with plain apostrophes and spaces."""

from __future__ import annotations

from cli_helpers import run_cli
from conftest import lint_text
from tmcheck.documents import read_text

FR = ("La séance d’ouverture de la Commission des stupéfiants se tiendra le mardi 15 mars 2016 ; "
      "l’Office des Nations Unies contre la drogue et le crime présentera son rapport.\n")


def test_clean_text_is_plain_and_verbatim_gives_the_drafts_characters_back():
    doc = read_text("draft.fr.md", "**Point 3.** Travaux de l’Office\u00a0: 20\u202f% du budget", "md")
    p = doc.paragraphs[0]
    assert "l'Office : 20 %" in p.text  # what checks read
    start = p.text.index("l'Office")
    assert doc.verbatim(p, start, len(p.text)) == "l’Office\u00a0: 20\u202f% du budget"
    assert doc.verbatim(p, 0, 9) == p.text[:9]  # markup stays out: "Point 3." as the clean text has it


def test_a_findings_text_is_the_drafts_own_and_its_fingerprint_does_not_depend_on_it():
    curly = lint_text(FR.replace("mardi", "lundi"), "fr", ["TM201"], fmt="md", path="a.fr.md")
    plain = lint_text(FR.replace("mardi", "lundi").replace("’", "'"), "fr", ["TM201"], fmt="md", path="a.fr.md")
    assert [f.code for f in curly] == ["TM201"] == [f.code for f in plain]
    assert "l’Office" in curly[0].context and "l'Office" in plain[0].context
    assert curly[0].fingerprint == plain[0].fingerprint


def test_suggest_shows_an_exact_match_as_the_draft_writes_it(tmp_path):
    draft = tmp_path / "draft.fr.md"
    draft.write_text("Adoption de l’ordre du jour et organisation des travaux\n", encoding="utf-8")
    r = run_cli("suggest", str(draft), timeout=300)
    assert r.returncode == 0, r.stderr
    first = r.stdout.split("\n")[0]
    assert first.endswith("Adoption de l’ordre du jour et organisation des travaux"), r.stdout
    assert "[-’-]{+'+}" not in r.stdout and "{+'+}" not in r.stdout, r.stdout


def test_a_message_quotes_the_drafts_words_and_its_fix_with_the_drafts_apostrophe():
    # TM302 quotes the flagged words and the title to write: both as the draft prints them (’),
    # like the suggestion, where a draft with plain apostrophes keeps them plain.
    text = "Le Groupe de travail d’experts gouvernementaux pour l’assistance technique se réunira à Vienne.\n"
    f, = lint_text(text, "fr", ["TM302"], fmt="md", path="a.fr.md")
    assert "'Groupe de travail d’experts gouvernementaux pour l’assistance technique'" in f.message
    assert "write 'Groupe de travail d’experts gouvernementaux sur l’assistance technique'" in f.message
    assert f.suggestion == "Groupe de travail d’experts gouvernementaux sur l’assistance technique"
    plain, = lint_text(text.replace("’", "'"), "fr", ["TM302"], fmt="md", path="a.fr.md")
    assert "’" not in plain.message and "’" not in plain.suggestion
