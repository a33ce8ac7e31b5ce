"""tmcheck.lang.lcs gives rapidfuzz's figures and alignments, computed in Python: the ratio, the
best of several choices, and the words two texts share, on real UN sentences and on random
strings (where ties abound)."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from tmcheck.lang import lcs

# Sentences of UN agendas and annotations, and the same with a slip or a rewording.
SENTENCES = [
    "Pour l’examen de ce point, la Conférence sera saisie du rapport du Groupe de travail sur la traite des personnes.",
    "Pour l’examen de ce point, la Conférence sera saisie du rapport du Groupe de travail sur le trafic illicite de migrants.",
    "Aucun document n’est actuellement prévu au titre de ce point.",
    "Aucun document n’est actuellement envisagé au titre de ce point.",
    "No documents are currently envisaged under this item.",
    "No documents are currently planned under this item.",
    "The Working Group may wish to consider the following questions for discussion.",
    "conference des parties a la convention des nations unies contre la criminalite transnationale organisee",
    "conference des etats parties a la convention des nations unies contre la corruption",
    "",
]


def _random_texts(seed: int, count: int, alphabet: str = "abcde fg", longest: int = 80):
    rng = random.Random(seed)
    return [("".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))),
             "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))) for _ in range(count)]


@pytest.fixture
def in_python(monkeypatch):
    """The Python path, though rapidfuzz is loaded here (by this test)."""
    monkeypatch.setattr(lcs, "_fuzz", lambda longest: None)


@pytest.mark.parametrize("cutoff", [0, 50, 80, 90])
def test_the_ratio_is_rapidfuzz_s(cutoff, in_python):
    pairs = [(a, b) for a in SENTENCES for b in SENTENCES] + _random_texts(cutoff, 3000)
    # long texts, past a machine word
    pairs += _random_texts(cutoff + 1, 50, longest=400)
    for a, b in pairs:
        assert lcs.similarity(a, b, cutoff) == pytest.approx(fuzz.ratio(a, b, score_cutoff=cutoff), abs=1e-9), (a, b)


def test_the_best_match_is_rapidfuzz_s_first_on_a_tie(in_python):
    rng = random.Random(5)
    cases = [(s, SENTENCES) for s in SENTENCES if s]
    cases += [(a, [b for _, b in _random_texts(rng.random(), rng.randint(1, 6), longest=20)])
              for a, _ in _random_texts(6, 2000, longest=20)]
    for query, choices in cases:
        ours = lcs.best_match(query, choices, 50)
        theirs = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=50)
        if theirs is None:
            assert ours is None, (query, choices)
        else:
            assert ours is not None and ours[0] == theirs[0] and ours[2] == theirs[2], (query, choices, ours, theirs)
            assert ours[1] == pytest.approx(theirs[1], abs=1e-9)


def _rapidfuzz_matches(a, b):
    return [(op.src_start + k, op.dest_start + k) for op in Indel.opcodes(a, b) if op.tag == "equal"
            for k in range(op.src_end - op.src_start)]


def test_the_matched_words_are_rapidfuzz_s_alignment(monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "rapidfuzz.distance")  # the Python path, though rapidfuzz is loaded here
    words = ["la", "Conférence", "sera", "saisie", "du", "rapport", ",", "de", "le", "point", " "]
    rng = random.Random(9)
    cases = [(x.split(), y.split()) for x in SENTENCES for y in SENTENCES]
    for _ in range(3000):
        a = [rng.choice(words) for _ in range(rng.randint(0, 14))]
        b = [rng.choice(words) for _ in range(rng.randint(0, 14))]
        cases.append((a, b))
    cases += _random_texts(10, 2000)  # letters: ties everywhere
    for a, b in cases:
        assert lcs.matches(a, b) == _rapidfuzz_matches(a, b), (a, b)


def test_similarity_imports_rapidfuzz_only_past_its_budget(monkeypatch):
    """Below PYTHON_COMPARISONS the ratio comes from Python (and rapidfuzz, where a test loaded it,
    is not asked); past it, from rapidfuzz."""
    import sys

    monkeypatch.setattr(lcs, "_compared", 0)
    monkeypatch.delitem(sys.modules, "rapidfuzz.fuzz")
    assert lcs.similarity("rapport du Groupe", "rapports du Groupe") == pytest.approx(200 * 17 / 35)
    assert lcs._compared == 1 and "rapidfuzz.fuzz" not in sys.modules
    monkeypatch.setattr(lcs, "_compared", lcs.PYTHON_COMPARISONS)
    assert lcs.similarity("rapport du Groupe", "rapports du Groupe") == pytest.approx(200 * 17 / 35)
    assert lcs._compared == lcs.PYTHON_COMPARISONS  # not counted: rapidfuzz's


def test_a_long_text_is_compared_by_rapidfuzz(monkeypatch):
    """Python's cost grows with the product of the lengths faster than rapidfuzz's: past
    PYTHON_LONGEST letters the comparison goes to rapidfuzz, however few were made."""
    monkeypatch.setattr(lcs, "_compared", 0)
    long = "Examen de l'application de la Convention. " * 60
    assert len(long) > lcs.PYTHON_LONGEST
    assert lcs.similarity(long, long[:-1]) == pytest.approx(fuzz.ratio(long, long[:-1]))
    assert lcs.best_match("Examen", [long], 10) is None
    assert lcs._compared == 0  # neither was counted: rapidfuzz's
