"""TM601/TM602 read a side that holds nothing but its paragraph number without the numbers scanner
(pair_numbers._label_alone): what they find must be what the full reading finds."""

from __future__ import annotations

import csv

import pytest

from conftest import UNPC, needs
from tmcheck.checks import pair_numbers
from tmcheck.documents.pairs import from_segments
from tmcheck.engine import Linter, Options

# Paragraph numbers kept on one side, and what may look like one or hide a number beside it.
ROWS = [
    ("Au cours des dernières années, la situation a changé.", "61. In the past years, the situation changed."),
    ("12. Le Groupe de travail a pris note du rapport.", "The Working Group took note of the report."),
    ("3.1. Le Groupe a adopté l'ordre du jour.", "3.2. The Group adopted the agenda."),
    ("(4) Les États ont répondu.", "States replied."),
    ("5) Le Bureau s'est réuni.", "The Bureau met."),
    ("2.26 Le Bureau a décidé.", "The Office decided."),
    ("6 Il est entendu que le texte reste.", "It is understood that the text stands."),
    ("15 Janvier : ouverture de la session.", "Opening of the session."),
    ("61. Au cours des trois dernières années.", "In the past two years."),
    ("7. Le XXIe siècle.", "The twenty-first century."),
    ("8. La première session.", "The second session."),
    ("9. Le document A/69/767 est publié.", "The document is issued."),
    ("10. Voir www.unodc.org.", "See www.unodc.org."),
    ("11. La session s'est tenue le 17 mai.", "The session was held on 17 May."),
    ("Le quart des États.", "13. A quarter of States."),
    ("Un million de personnes.", "14. One million people."),
    ("\u00a016. Le texte.", "The text."),
]


def _key(findings):
    return sorted((f.code, f.span.start.line, f.span.start.column, f.message, f.suggestion) for f in findings)


def _lint(rows):
    return Linter(Options(select=["TM601", "TM602"])).lint_bitext(from_segments("pairs.tsv", rows, "fr", "en"))


def _both_ways(rows, monkeypatch):
    quick = _lint(rows)
    monkeypatch.setattr(pair_numbers, "_label_alone", lambda analysis, pieces: None)
    return quick, _lint(rows)


def test_a_side_with_its_paragraph_number_alone_reads_as_in_full(monkeypatch):
    read = []
    label_alone = pair_numbers._label_alone
    monkeypatch.setattr(pair_numbers, "_label_alone", lambda *a: read.append(label_alone(*a)) or read[-1])
    quick = _lint(ROWS)
    assert [] in read and any(r for r in read)  # sides read without the scanner, with and without a number
    monkeypatch.setattr(pair_numbers, "_label_alone", lambda analysis, pieces: None)
    full = _lint(ROWS)
    assert _key(quick) == _key(full)
    assert full  # some of these pairs have findings: the comparison is not of two empty lists


@pytest.mark.parametrize("row", ROWS, ids=[fr[:20] for fr, _ in ROWS])
def test_each_pair_reads_as_in_full(row, monkeypatch):
    quick, full = _both_ways([row], monkeypatch)
    assert _key(quick) == _key(full)


@needs(UNPC)
def test_unpc_reads_as_in_full(monkeypatch):
    with open(UNPC, encoding="utf-8") as fh:
        rows = [(r["fr"], r["en"]) for r in csv.DictReader(fh, delimiter="\t")]
    quick, full = _both_ways(rows, monkeypatch)
    assert _key(quick) == _key(full)
    assert len(full) > 20


@pytest.mark.parametrize("source_lang,source,target,written,right", [
    ("fr", "Le montant des dépenses s'élève à 1 731,3 millions de dollars pour l'exercice biennal.",
     "Expenditure for the biennium amounts to $1,731.5 million.", "1,731.5 million", "1,731.3 million"),
    ("en", "Expenditure for the biennium amounts to $1,731.3 million.",
     "Le montant des dépenses s'élève à 1 731,5 millions de dollars pour l'exercice biennal.",
     "1 731,5 millions", "1 731,3 millions"),
    ("fr", "Le budget ordinaire s'établit à 2,5 milliards de dollars.", "The regular budget stands at $2.7 billion.",
     "2.7 billion", "2.5 billion"),
    ("fr", "Le tableau compte 1 200 postes.", "The table shows 1,300 posts.", "1,300", "1,200"),
])
def test_a_changed_amount_is_suggested_as_the_translation_writes_its_own(source_lang, source, target, written, right):
    # With its scale word ("million", "milliards") and its grouping, not as a bare figure
    # ("1,731,300,000").
    target_lang = "en" if source_lang == "fr" else "fr"
    bitext = from_segments("pairs.tsv", [(source, target)], source_lang, target_lang)
    found = [(f.text, f.suggestion) for f in Linter(Options(select=["TM601"])).lint_bitext(bitext)]
    assert found == [(written, right)]
