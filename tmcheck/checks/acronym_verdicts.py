"""Every acronym-like word of a draft judged once (TM101, TM103, TM105): known to the glossary,
defined in the document ("Full Title (ABC)", see facts/acronyms.py), a forbidden variant, the other
language's acronym, a slip of an official or defined acronym, or unknown.

A slip is judged by how close the word is to the acronym (facts.acronyms.slip, acronym_slips) and
by what the document says for the acronym (acronym_evidence): the acronym itself or its full title
elsewhere in the document, the word standing in the same words as the acronym does there. How often
the word recurs is no evidence that it is right.
"""

from __future__ import annotations

import re

from ..facts.acronyms import Slip, base, slip
from ..facts.analysis import Analysis
from ..glossary import Glossary
from ..named_tuples import NamedTuple
from .acronym_evidence import REACH, DocumentAcronyms, document_acronyms, same_context, same_sentence, within
from .acronym_slips import accepted_acronym, glossary_candidates, glossary_form, required, sub_acronym
from .acronym_tokens import Token, acronym_tokens, occurrences

_ROMAN = re.compile(r"^[IVXLCDM]+$")


class Verdict(NamedTuple):
    kind: str  # known | defined | forbidden | other-language | slip | unknown | ignore
    suggestion: str | None = None
    entry_id: str | None = None


_IGNORE = Verdict("ignore")


def verdicts(analysis: Analysis) -> list[tuple[Token, Verdict]]:
    """Every acronym token of the draft with its verdict, in text order (a split acronym found a
    slip takes the place of its pieces); computed once per draft for TM101 and TM105."""
    return analysis.memo("acronym-verdicts", lambda: _verdicts(analysis))


def _verdicts(analysis: Analysis) -> list[tuple[Token, Verdict]]:
    g, lang = analysis.glossary, analysis.lang
    docs = document_acronyms(analysis)
    judged: dict[tuple[str, str], Verdict] = {}
    wrong = {(p.index, d.start) for doc in docs.values() for p, d in doc.wrong}
    out: list[tuple[Token, Verdict]] = []
    covered_until: tuple[int, int] = (-1, -1)  # (paragraph, offset) a reported split covers
    for t in acronym_tokens(analysis):
        if t.paragraph.index == covered_until[0] and t.start < covered_until[1]:
            continue
        doc = docs.get(t.paragraph.group)
        if t.joined:
            v = _split_verdict(g, lang, t, doc)
            if v.kind == "slip":
                covered_until = (t.paragraph.index, t.end)
                # The pieces already listed (the first starts where the split does) give way.
                while out and out[-1][0].paragraph is t.paragraph and out[-1][0].start >= t.start:
                    out.pop()
                out.append((t, v))
            continue
        if (t.paragraph.index, t.start) in wrong:
            out.append((t, _IGNORE))  # TM104 reports it
            continue
        key = (t.text, t.paragraph.group, doc.place(t.paragraph.index) if doc is not None else None)
        v = judged.get(key)
        if v is None:
            v = judged[key] = _judge(analysis, t, doc)
        if v.kind == "slip" and t.heading:
            v = _IGNORE
        out.append((t, v))
    return out


def _split_verdict(g: Glossary, lang: str, t: Token, doc: DocumentAcronyms | None) -> Verdict:
    """"ONU DC", "W HO": two pieces in capitals that make an official or defined acronym, when they
    are not two acronyms of their own ("UN DP" is a slip; "UN WHO" is not an acronym)."""
    joined = t.joined
    if t.heading or len(joined) < 3:
        return _IGNORE
    first, second = re.split(r"[ \-]", t.text, maxsplit=1)
    if first in g.known_acronyms and second in g.known_acronyms:
        return _IGNORE
    if joined in g.known_acronyms:
        entry_id = _entry_of(g, joined, lang)
        return Verdict("slip", _official(g, entry_id, lang), entry_id)
    if doc is not None and joined in doc.defined:
        return Verdict("slip", joined)
    return _IGNORE


def _judge(analysis: Analysis, t: Token, doc: DocumentAcronyms | None) -> Verdict:
    g, lang = analysis.glossary, analysis.lang
    token = glossary_form(g, t.text) or t.text
    if token in g.known_acronyms:
        other = "en" if lang == "fr" else "fr"
        if token not in g.acronyms.get(lang, {}) and token in g.acronyms.get(other, {}):
            return Verdict("other-language", entry_id=g.acronyms[other][token])
        return Verdict("known")
    entry_id = g.forbidden_acronyms.get(lang, {}).get(token)
    if entry_id:
        return Verdict("forbidden", _official(g, entry_id, lang), entry_id)
    if doc is not None and token in doc.defined:
        return Verdict("defined")
    named = accepted_acronym(g, t.text)
    if named is not None:
        # "UNDSS", "UNDC": a form the glossary accepts for a body, in neither list of acronyms. A
        # slip only where the document names nothing of that body near it and writes the acronym
        # the word is one letter from, with its title (see _needs); otherwise the body's name.
        if _names_otherwise(analysis, t, named, doc):
            return Verdict("known")
        return best_candidate(analysis, t) or Verdict("known")
    if _ROMAN.match(token):
        return _IGNORE
    upper = token.upper()
    if upper != token and sum(c.isupper() for c in token) < 0.6 * len(token) and not (
            upper in g.known_acronyms and len(token) >= 4):
        return _IGNORE  # an ordinary capitalised word ("McDonald", "iPhone")
    best = best_candidate(analysis, t)
    if best is not None:
        return best
    return Verdict("unknown") if token.isupper() and token.isalpha() else _IGNORE


def _names_otherwise(analysis: Analysis, t: Token, entry_id: str, doc: DocumentAcronyms | None) -> bool:
    """Does the document name the body ``entry_id`` otherwise than by the word ``t`` (its official
    acronym, its title, a short form other than one written as an acronym) within REACH of it?"""
    return doc is not None and any(doc.writes(entry_id, doc.place(t.paragraph.index, REACH), REACH))


def best_candidate(analysis: Analysis, t: Token, bonus: int = 0, reach: int = REACH) -> Verdict | None:
    """The acronym ``t`` misspells, weighed by evidence; None when nothing is close enough, or when
    two acronyms are equally close and nothing in the document decides between them. ``bonus``
    adds to the evidence of an acronym the document writes (TM103: the source has no acronym in the
    word's place, so the word can only be the translator's name for a body the document names);
    the document's evidence is read within ``reach`` paragraphs of the word (see
    acronym_evidence.REACH). Found once per word of each document (and, in a document longer than
    ``reach``, per place): it depends on the word, its document, the bonus and that place only."""
    table = analysis.memo("acronym-best-candidates", dict)
    doc = document_acronyms(analysis).get(t.paragraph.group)
    place = doc.place(t.paragraph.index, reach) if doc is not None else None
    key = (t.text, t.paragraph.group, bonus, reach, place)
    try:
        return table[key]
    except KeyError:
        pass
    ranked = _ranked(analysis, t.text, t.paragraph.group, doc, bonus, place, reach)
    admissible = _admissible(analysis, t, doc, ranked)
    found = table[key] = _decided(analysis.glossary, analysis.lang, admissible) if admissible else None
    return found


def _ranked(analysis: Analysis, token: str, group: str, doc: DocumentAcronyms | None, bonus: int,
            place: int | None, reach: int) -> list[tuple]:
    """The acronyms ``token`` may misspell: (acronym, slip, the document's evidence for it, read
    from the paragraphs within ``reach`` of ``place`` (DocumentAcronyms.place), its entry (None:
    one the document defines), whether it is the draft language's acronym, the evidence the slip
    needs (see _needs), the acronym's forms)."""
    g, lang = analysis.glossary, analysis.lang
    given = doc.given.get(token) if doc is not None else None
    ranked = []
    for acronym, s, entry_id, own, need, forms in _glossary_slips(g, lang, token):
        points = _points(doc, entry_id, given, place, reach)
        points += bonus if points else 0
        ranked.append((acronym, s, points, entry_id, own, need, forms))
    if doc is not None and doc.defined:
        for acronym in _near_defined(analysis, group, doc, token):
            if place is not None and not _written_near(analysis, group, doc, acronym, place, reach):
                continue  # defined pages away, and not written near the word (see REACH)
            s = slip(token, acronym)
            if s is not None:
                needs = _needs(g, s, acronym, token, None)
                if needs is not None:
                    ranked.append((acronym, s, 3, None, True, *needs))  # defined: its title and itself written
    return ranked


def _near_defined(analysis: Analysis, group: str, doc: DocumentAcronyms, token: str) -> list[str]:
    """The acronyms the document defines, other than official ones, within two edits of ``token``
    (slip allows no more), in the order the document defines them: compared all at once by
    rapidfuzz rather than a slip told for each (a long PO file defines dozens)."""
    table = analysis.memo("acronym-defined-unofficial", dict)
    names = table.get(group)
    if names is None:
        names = table[group] = [a for a in doc.defined if a not in analysis.glossary.known_acronyms]
    if not names:
        return []
    # rapidfuzz only once a word may be a slip (start-up cost)
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    near = process.extract(token.upper(), names, scorer=OSA.distance, score_cutoff=2, limit=None)
    return [names[i] for i in sorted(i for _a, _d, i in near)]


def _written_near(analysis: Analysis, group: str, doc: DocumentAcronyms, acronym: str, place: int, reach: int) -> bool:
    """Does the document write ``acronym`` (its definition or a use) within ``reach`` of its
    paragraphs of ``place`` (a rank, see DocumentAcronyms.place)?"""
    table = analysis.memo("acronym-occurrence-ranks", dict)
    ranks = table.get((group, acronym))
    if ranks is None:  # in text order: ranks in order
        written = occurrences(analysis).get((group, acronym), ())
        ranks = table[(group, acronym)] = [doc.ranks[o.paragraph.index] for o in written]
    return within(ranks, place, reach)


def _glossary_slips(g: Glossary, lang: str, token: str) -> tuple[tuple, ...]:
    """The official acronyms ``token`` may misspell that a slip of its kind can be reported for
    (see required): (acronym, slip, entry, whether it is the draft language's acronym, the evidence
    the slip needs, the acronym's forms). What the glossary alone says, found once per word: most
    near acronyms (the hundred three-letter acronyms two edits from "CIC") never can."""
    table = g.word_table(f"acronyms:slips:{lang}")
    found = table.get(token)
    if found is None:
        out = []
        for acronym, s in glossary_candidates(g, token):
            entry_id = _entry_of(g, acronym, lang)
            needs = _needs(g, s, acronym, token, entry_id)
            if needs is not None:
                out.append((acronym, s, entry_id, acronym in g.acronyms.get(lang, {}), *needs))
        found = table[token] = tuple(out)
    return found


def _needs(g: Glossary, s: Slip, acronym: str, token: str, entry_id: str | None) -> tuple[int, frozenset[str]] | None:
    """The evidence a slip of ``token`` for ``acronym`` needs, and the acronym's forms; None when
    such a slip is never reported."""
    need = required(s, acronym, token)
    if need is None:
        return None
    if accepted_acronym(g, token):
        # A name the glossary accepts ("UNDC", the Disarmament Commission) two letters from an
        # official acronym is that name; one letter from it, a slip only if the document writes
        # both the acronym and its body's title, and not beside the name in one sentence.
        if s.edits > 1:
            return None
        need = max(need, 3)
    forms = _forms(g, acronym, entry_id)
    if any(sub_acronym(base(token), f) for f in forms):
        need = max(need, 4)  # CPD for CIPD in English, where the acronym is ICPD
    return need, forms


def _admissible(analysis: Analysis, t: Token, doc: DocumentAcronyms | None, ranked: list[tuple]) -> list[tuple]:
    """The candidates the evidence admits (see required), each with its cost: ((cost, not the
    draft language's), acronym, entry)."""
    g = analysis.glossary
    token = t.text
    # A word the document also writes in the plural ("HDRs") names things, not a body.
    plural = bool(doc is not None and occurrences(analysis).get((t.paragraph.group, base(token) + "s")))
    admissible = []
    for acronym, s, points, entry_id, own, need, forms in ranked:
        if plural and entry_id and g.entry(entry_id).kind != "term":
            continue
        if points + 1 < need:
            continue
        if points and s.kind != "case" and same_sentence(analysis, t, forms, defined=need < 3):
            # UNSOM and UNSOA side by side, AMCHUD beside "... Conference on Housing and Urban
            # Development (APMCHUD)" which that sentence defines: two bodies, not a slip.
            continue
        context = points > 0 and same_context(analysis, t, forms)
        if points + context < need:
            continue
        # Closeness first, evidence next: ONUSDA is ONUSIDA (a letter dropped) even in a document
        # that writes ONUDC (two edits away).
        cost = s.edits + (0.5 if s.substitution else 0) - 0.25 * (points + context)
        admissible.append(((cost, not own), acronym, entry_id))
    return admissible


def _decided(g: Glossary, lang: str, admissible: list[tuple]) -> Verdict | None:
    """The cheapest candidate, unless another as cheap suggests something else (nothing decides)."""
    admissible.sort(key=lambda x: x[0])
    (key, acronym, entry_id) = admissible[0]
    suggestion = _official(g, entry_id, lang) if entry_id else acronym
    for other_key, other, other_entry in admissible[1:]:
        if other_key != key:
            break
        if (_official(g, other_entry, lang) if other_entry else other) != suggestion:
            return None
    return Verdict("slip", suggestion, entry_id)


def _points(doc: DocumentAcronyms | None, entry_id: str, given: str | None, place: int | None, reach: int) -> int:
    """What the document says for an official acronym: 3 it gives the word as this body's acronym
    ("United Nations Office on Drugs and Crime (UNDC)"), or writes both the acronym and the body's
    title; 2 one of them; 0 neither. Acronym and title count within ``reach`` of ``place``."""
    if doc is None:
        return 0
    if entry_id == given:
        return 3
    wrote, titled = doc.writes(entry_id, place, reach)
    return 2 * wrote + 2 * titled - (wrote and titled)


def _forms(g: Glossary, acronym: str, entry_id: str | None) -> frozenset[str]:
    forms = {acronym}
    if entry_id:
        e = g.entry(entry_id)
        forms |= {a for a in (e.fr.acronym, e.en.acronym) if a}
    return frozenset(forms)


def _entry_of(g: Glossary, acronym: str, lang: str) -> str:
    return g.acronyms.get(lang, {}).get(acronym) or g.acronyms["fr" if lang == "en" else "en"][acronym]


def _official(g: Glossary, entry_id: str, lang: str) -> str:
    entry = g.entry(entry_id)
    return entry.side(lang).acronym or entry.other(lang).acronym or entry.side(lang).term
