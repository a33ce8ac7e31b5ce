"""The acronym slip model (TM101, TM103): which official acronyms a word may misspell, as the
glossary writes them, and how much evidence each kind of slip needs before it is reported. How close
a word is to an acronym is facts.acronyms.slip; what the document says is acronym_evidence."""

from __future__ import annotations

from ..facts.acronyms import Slip, base, slip
from ..glossary import Glossary
from ..glossary.index import acronym_shorts


def glossary_form(g: Glossary, word: str) -> str | None:
    """The glossary's acronym ``word`` is, singular or plural ("NGOs" is NGO, "MDG" is MDGs)."""
    if word in g.known_acronyms:
        return word
    return g.derived("acronyms:by-base", lambda: _by_base(g.known_acronyms)).get(base(word))


def accepted_acronym(g: Glossary, word: str) -> str | None:
    """The entry whose accepted short form ``word`` is, when the glossary accepts it as written
    ("UNDSS" for DSS, "UNOSAT"): a real name, so never the misspelling of an official acronym; but
    not an official one either, so never what another word is said to misspell (see the note of
    UNOSAT in the glossary)."""
    return g.derived("acronyms:accepted", lambda: acronym_shorts(g.entries)).get(word)


def _by_base(known) -> dict[str, str]:
    out: dict[str, str] = {}
    for a in sorted(known, key=len):
        out.setdefault(base(a), a)
    return out


def _near_acronyms(g: Glossary, word: str) -> list[tuple[str, int]]:
    """The official acronyms (three letters or more) within two edits of ``word`` (upper case,
    without its plural ending), with their distance, nearest first."""
    table = g.word_table("acronyms:near")
    found = table.get(word)
    if found is None:
        # rapidfuzz only once a word is near an acronym (start-up cost)
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        names = g.derived("acronyms:names", lambda: sorted({base(a) for a in g.known_acronyms
                                                            if len(base(a)) >= 3 and a.isalpha()}))
        found = table[word] = [(a, d) for a, d, _i in process.extract(word, names, scorer=OSA.distance,
                                                                      score_cutoff=2, limit=None)]
    return found


def glossary_candidates(g: Glossary, token: str) -> tuple[tuple[str, Slip], ...]:
    """The official acronyms ``token`` may misspell (as the glossary writes them), with how; found
    once per word. Two edits away, only those a slip could be reported for (may_slip_twice): most
    near acronyms of a short word are two edits away and never can be."""
    table = g.word_table("acronyms:candidates")
    found = table.get(token)
    if found is None:
        word = base(token)
        upper = word.upper()
        # How the glossary writes each near acronym: a look-up, not a glossary_form, per candidate.
        forms = g.derived("acronyms:name-forms", dict)
        out = []
        for a, d in _near_acronyms(g, upper):
            form = forms.get(a)
            if form is None:
                form = forms[a] = glossary_form(g, a) or a
            if d == 2 and not may_slip_twice(len(upper), len(form)):
                continue
            s = slip(word, a)
            if s is not None:
                out.append((form, s))
        found = table[token] = tuple(out)
    return found


def may_slip_twice(size: int, length: int) -> bool:
    """Whether ``required`` may allow a two-edit slip of an acronym written with ``length`` letters
    by a word of ``size`` letters (upper case, without its plural ending): an acronym of five
    letters or more, or two letters inserted (the word two letters longer than the acronym
    without its own plural ending). Asked before the slip is told, a Python step per candidate:
    the hundred three-letter acronyms two edits from "CIC" never can be."""
    return length >= 5 or size - length in (1, 2)


_ORGANIZATION_PREFIXES = ("UN", "ONU", "NU")


def required(s: Slip, acronym: str, token: str) -> int | None:
    """The evidence a slip needs before it is reported (None: never). 0: none; 2: the acronym or the
    body's title written in the document; 3: both, or one and the word standing in the same words
    as the acronym does there; 4: all three, or the source naming the body (TM103). Short acronyms
    have many real neighbours, and one letter replaced is as likely another real acronym (MISMA
    beside MISCA, CIAC beside OIAC, ISO beside IMO) as a slip; so is a short acronym that is the
    other's beginning or end (HDR and HDRO, CPD and ICPD). Odd case is a slip from four letters
    ("Unodc"; "MoU" is a convention), and the organization's prefix is no slip at all (UNDSS and
    DSS)."""
    word = token.replace(" ", "").replace("-", "").upper()
    n, t = len(acronym), len(word)
    if any(word == p + acronym or acronym == p + word for p in _ORGANIZATION_PREFIXES):
        return None
    if s.kind == "case":
        return 0 if n >= 4 else None
    if s.edits == 1:
        if s.substitution:
            need = 0 if n >= 6 else 3
        else:
            need = 0 if min(n, t) >= 4 else 2
    elif s.kind == "insert2" and n >= 3:
        need = 2
    elif s.kind == "drop2" and n >= 6:
        need = 2
    elif s.kind == "edits2" and n >= 5 and t >= 4:
        need = 2 if n >= 6 else 3
    else:
        return None
    if not s.substitution and sub_acronym(word, acronym):
        need = 4
    return need


def sub_acronym(word: str, acronym: str) -> bool:
    """Is one of them, three letters or fewer, the other's beginning or end (HDR and HDRO)?"""
    short, long_ = sorted((word.upper(), acronym), key=len)
    return len(short) <= 3 and short != long_ and (long_.startswith(short) or long_.endswith(short))


