"""A slip that a draft repeats: in the clean golden agendas, the official acronym of the Office
(UNODC, ONUDC) is replaced everywhere but once by a slip of each kind, so that the slip is the
majority form, and every slipped occurrence must be reported (recurrence is no evidence that a
word is right). The slips are made by the operators of bench/slips_pairs.py."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from conftest import ROOT, lint_text, load_script
from tmcheck.glossary import load_glossary
from tmcheck.resources import glossary_dir

GOLDEN = Path(__file__).parent / "golden"


def _bench(name: str):
    return load_script(ROOT / "bench" / f"{name}.py")


slips = _bench("slips_pairs")
AGENDAS = {"en": ("wg-tip-2016.en.md", "UNODC"), "fr": ("wg-tip-2016.fr.md", "ONUDC")}


def _variants(lang: str):
    """(operator, kept occurrence, slip, text): every operator, every occurrence kept in turn."""
    name, acronym = AGENDAS[lang]
    text = (GOLDEN / name).read_text(encoding="utf-8")
    g = load_glossary(glossary_dir())
    spans = [m.span() for m in re.finditer(rf"(?<![\w/]){acronym}(?![\w/])", text)]
    assert len(spans) >= 4, "the agenda must write the acronym several times"
    for op in slips.OPERATORS:
        for keep in range(len(spans)):
            slip = slips.slip(op, acronym, random.Random(f"golden-{lang}-{op}-{keep}"), g, lang)
            assert slip, (op, acronym)
            out, last, where = [], 0, []
            for i, (a, b) in enumerate(spans):
                out.append(text[last:a])
                pos = sum(len(x) for x in out)
                if i == keep:
                    out.append(text[a:b])
                else:
                    where.append((pos, pos + len(slip)))
                    out.append(slip)
                last = b
            out.append(text[last:])
            yield op, keep, slip, "".join(out), where


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_slip_repeated_everywhere_but_once_is_found_at_every_occurrence(lang):
    missed = []
    for op, keep, slip, text, where in _variants(lang):
        findings = [f for f in lint_text(text, lang, fmt="md", path="agenda.md")
                    if f.code.startswith("TM1") and f.severity == "error"]
        hits = {(f.span.start.line, f.span.start.column) for f in findings}
        for a, _b in where:
            if _position(text, a) not in hits:
                missed.append((op, keep, slip, _position(text, a)))
        # The slip is reported with the official acronym as its fix, and nothing else of TM1 is.
        assert all(f.suggestion == AGENDAS[lang][1] for f in findings), (op, slip, [f.message for f in findings])
    assert not missed, missed


def test_the_two_edit_slips_left_out_are_never_reported():
    # glossary_candidates tells no slip two edits away that may_slip_twice rules out: such a slip
    # must be one required() never reports, for every official acronym and words made from it.
    from rapidfuzz.distance import OSA

    from tmcheck.checks.acronym_slips import glossary_form, may_slip_twice, required
    from tmcheck.facts.acronyms import base, slip

    g = load_glossary(glossary_dir())
    names = sorted({base(a) for a in g.known_acronyms if len(base(a)) >= 3 and a.isalpha()})
    rnd = random.Random(5)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    words = set()
    for name in names:
        for _ in range(4):
            w = list(name)
            for _edit in range(rnd.randint(1, 2)):
                k = rnd.randrange(len(w) + 1)
                op = rnd.choice("idr")
                if op == "i":
                    w.insert(k, rnd.choice(letters))
                elif w and k < len(w):
                    if op == "d":
                        del w[k]
                    else:
                        w[k] = rnd.choice(letters)
            words.add("".join(w).upper())  # as _near_acronyms is asked
    left_out = 0
    for word in sorted(words):
        for name in names:
            if OSA.distance(word, name, score_cutoff=2) != 2:
                continue
            form = glossary_form(g, name) or name
            if may_slip_twice(len(word), len(form)):
                continue
            left_out += 1
            s = slip(word, name)
            for token in (word, word + "s", word[:1] + " " + word[1:]):
                assert required(s, form, token) is None, (word, name, form, s)
    assert left_out > 1000  # most near acronyms of a short word
