"""TM1xx: acronyms — near misses of official acronyms, acronyms of the other language, acronyms
defined with another body's title, and acronyms nobody knows.

Every acronym-like word of a draft is judged once (``verdicts``): known to the glossary, defined in
the document ("Full Title (ABC)", see facts/acronyms.py), a forbidden variant, the other language's
acronym, a slip of an official or defined acronym, or unknown. A slip is judged by how close the
word is to the acronym (facts.acronyms.slip) and by what the document says for the acronym: the
acronym itself or its full title elsewhere in the document, the word standing in the same words as
the acronym does there. How often the word recurs is no evidence that it is right.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from ..documents.model import Paragraph
from ..facts.acronyms import Definition, Slip, base, definitions, fits, slip
from ..facts.analysis import Analysis
from ..glossary import Glossary
from ..i18n import _, ngettext
from .base import Rule

_ROMAN = re.compile(r"^[IVXLCDM]+$")
_CAPITALS = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_CAPS = "A-ZÀ-ÖØ-Þ"


def _all_caps(text: str) -> bool:
    """A heading set in capitals ("ORDRE DU JOUR PROVISOIRE"): its words are not acronyms."""
    return text.upper() == text and len(_CAPITALS.findall(text)) >= 8


# Words with two capitals or more ("UNODC", "OnuDC", "UNDOC"): found by the regex engine, not word
# by word in Python, since most words of a draft are not acronyms.
_TWO_CAPITALS = re.compile(rf"[{_CAPS}][^\W\d_]*?[{_CAPS}]")
_WORD_RIGHT = re.compile(r"[^\W\d_]*")
# Pieces in capitals, for acronyms split by a space or a hyphen ("W HO", "ONU DC", "U NDP", "UN-DP").
_PIECE = re.compile(rf"[{_CAPS}]+")
# A run of three words in capitals: a title or a heading set in capitals, not acronyms.
_CAPS_RUN = re.compile(rf"[{_CAPS}]{{2,}}(?:[ '’\-]+[{_CAPS}]{{2,}}){{2,}}")


def _word_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The whole word a capital-to-capital stretch lies in, if it stands alone as an acronym would
    (not glued to a symbol, a hyphenated name such as "ONU-Femmes", a number or an address)."""
    s = start
    while s > 0 and text[s - 1].isalpha():
        s -= 1
    e = _WORD_RIGHT.match(text, end).end()
    before = text[s - 1] if s > 0 else " "
    after = text[e:e + 2] or " "
    # Glued to a symbol, a hyphenated name ("ONU-Femmes", "UN-Habitat") or an address; a
    # compound adjective ("UNODC-led", "FAO-hosted") leaves the acronym whole.
    if (before.isalnum() or before in "_/.@-" or after[0].isalnum() or after[0] in "_/@"
            or (after[0] == "." and after[1:2].isalnum())
            or (after[0] == "-" and after[1:2].isalnum() and not after[1:2].islower())):
        return None
    return (s, e) if e - s >= 2 else None


def _odd_case_forms(g: Glossary) -> frozenset[str]:
    """Official acronyms of four letters or more, in lower case, to find them written in any case
    ("Unodc", "onudc"): a set looked up word by word, where one pattern of a thousand acronyms
    would cost more to compile than the whole lint of a short draft."""
    return g.derived("acronyms:odd-case", lambda: frozenset(a.lower() for a in g.known_acronyms
                                                            if len(a) >= 4 and a.isalpha()))


_LETTERS = re.compile(r"[^\W\d_]{4,}")


def _odd_case(low: str, forms: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of the official acronyms in ``low`` (lower-cased text), standing as words of their
    own (not glued to a symbol, an address or a hyphenated word)."""
    out = []
    for m in _LETTERS.finditer(low):
        if m.group(0) not in forms:
            continue
        a, b = m.span()
        before = low[a - 1] if a else " "
        after = low[b:b + 2]
        if before.isalnum() or before in "_/.@-":
            continue
        if after[:1].isalnum() or after[:1] in "_/@" or (after[:1] in "-." and after[1:2].isalnum()):
            continue
        out.append((a, b))
    return out


class Token(NamedTuple):
    """An acronym-like word of a draft (or two pieces that make one: "ONU DC")."""

    paragraph: Paragraph
    start: int
    end: int
    text: str  # as written
    heading: bool  # in a heading set in capitals
    joined: str = ""  # for a split acronym, its pieces joined ("ONUDC"); else ""


def acronym_tokens(analysis: Analysis) -> list[Token]:
    """Every acronym-like word outside symbols and URLs, and every pair of capital pieces that
    may be a split acronym, in text order; computed once per draft for the TM1 rules."""
    return analysis.in_order("acronym-tokens", lambda: _find_acronym_tokens(analysis))


def _find_acronym_tokens(analysis: Analysis) -> list[Token]:
    out = []
    odd_case = _odd_case_forms(analysis.glossary)
    for p in analysis.paragraphs:
        text = p.text
        spans = [w for m in _TWO_CAPITALS.finditer(text) if (w := _word_around(text, m.start(), m.end()))]
        low = text.lower()
        if len(low) == len(text):
            spans += [(a, b) for a, b in _odd_case(low, odd_case) if not text[a + 1:b].isupper()]
        if not spans:
            continue
        spans = sorted(set(spans))
        protected = analysis.protected(p)
        heading = _all_caps(text)
        runs = [m.span() for m in _CAPS_RUN.finditer(text)] if not heading else []
        found = []
        for start, end in spans:
            if protected and _inside(protected, start, end):
                continue
            found.append(Token(p, start, end, text[start:end], heading or _inside(runs, start, end)))
        for start, end, joined in _splits(text):
            if protected and _inside(protected, start, end):
                continue
            found.append(Token(p, start, end, text[start:end], heading or _inside(runs, start, end), joined))
        found.sort(key=lambda t: (t.start, -t.end))
        out.extend(found)
    return out


def _splits(text: str) -> list[tuple[int, int, str]]:
    """Two neighbouring words in capitals, one space or hyphen apart, each standing alone as an
    acronym would: (start, end, the two joined)."""
    out = []
    prev = None
    for m in _PIECE.finditer(text):
        a, b = m.span()
        whole = (a == 0 or not (text[a - 1].isalnum() or text[a - 1] in "_/.@")) and \
                (b == len(text) or not (text[b].isalnum() or text[b] in "_/@"))
        if whole and prev is not None and a - prev[1] == 1 and text[prev[1]] in " -":
            after = text[b:b + 2]
            if not (after[:1] in "-." and after[1:2].isalnum()) and not (
                    text[prev[0] - 1:prev[0]] == "-" and prev[0] > 1 and text[prev[0] - 2].isalnum()):
                out.append((prev[0], b, text[prev[0]:prev[1]] + text[a:b]))
        prev = (a, b) if whole or (b < len(text) and text[b] == "-") else None
    return out


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def tokens_by_paragraph(analysis: Analysis, p: Paragraph) -> list[Token]:
    """The acronym tokens of one paragraph."""
    return analysis.per_paragraph("acronym-tokens-of", p,
                                  lambda q: [t for t in _paragraph_index(analysis).get(q.index, ())])


def _paragraph_index(analysis: Analysis) -> dict[int, list[Token]]:
    def build():
        out: dict[int, list[Token]] = {}
        for t in acronym_tokens(analysis):
            out.setdefault(t.paragraph.index, []).append(t)
        return out

    return analysis.memo("acronym-tokens-by-paragraph", build)


def paragraph_definitions(analysis: Analysis, p: Paragraph) -> list[Definition]:
    """The acronyms a paragraph defines (facts.acronyms.definitions), once per paragraph."""
    return analysis.per_paragraph(
        "acronym-definitions", p,
        lambda q: definitions(q.text, analysis.lang, analysis.glossary, analysis.terms(q)) if "(" in q.text else [])


# -- what the document says about its acronyms ------------------------------------------------------

class DocumentAcronyms(NamedTuple):
    """One document's (one group's) acronyms: what it writes, names and defines."""

    written: Counter  # acronym-like word -> occurrences
    entries: set  # glossary entries whose acronym (either language's) the document writes
    own: set  # glossary entries whose acronym in the document's language it writes
    titled: set  # glossary entries the document names by a title or a short form
    defined: dict  # acronym -> its first valid Definition
    wrong: list  # (paragraph, Definition) whose title is an official title with another acronym
    given: dict  # a word defined with another body's official title -> that body's entry


def document_acronyms(analysis: Analysis) -> dict[str, DocumentAcronyms]:
    """By document (a file's group: a TSV's doc_id), computed once per draft."""
    return analysis.memo("acronym-documents", lambda: _document_acronyms(analysis))


def _document_acronyms(analysis: Analysis) -> dict[str, DocumentAcronyms]:
    g, lang = analysis.glossary, analysis.lang
    out: dict[str, DocumentAcronyms] = {}

    def group(p: Paragraph) -> DocumentAcronyms:
        d = out.get(p.group)
        if d is None:
            d = out[p.group] = DocumentAcronyms(Counter(), set(), set(), set(), {}, [], {})
        return d

    for t in acronym_tokens(analysis):
        if t.joined:
            continue
        d = group(t.paragraph)
        d.written[t.text] += 1
        for side in ("fr", "en"):
            entry_id = g.acronyms.get(side, {}).get(t.text)
            if entry_id:
                d.entries.add(entry_id)
                if side == lang:
                    d.own.add(entry_id)
    for p in analysis.paragraphs:
        if "(" not in p.text or not _CAPITALS.search(p.text):
            continue
        for definition in paragraph_definitions(analysis, p):
            d = group(p)
            if definition.official:
                d.wrong.append((p, definition))
                d.given.setdefault(definition.acronym, definition.entry_id)
            elif _valid(g, definition):
                d.defined.setdefault(definition.acronym, definition)
    if out:
        # Titles named in full: only in documents that write an acronym at all.
        for p in analysis.paragraphs:
            d = out.get(p.group)
            if d is not None and d.written:
                for t in analysis.terms(p):
                    if t.role != "generic":
                        d.titled.add(t.entry_id)
    return out


def _valid(g: Glossary, d: Definition) -> bool:
    """A definition whose title fits the acronym only loosely, while it fits an official acronym
    one slip away, defines nothing: "United Nations Office on Drug and Crime (UNDOC)" is UNODC."""
    if d.how != "loose" or d.acronym in g.known_acronyms:
        return True
    words = re.findall(r"[^\W\d_]+", d.title)
    return not any(fits(a, words) for a, _s in _glossary_candidates(g, d.acronym) if _s.edits <= 1)


# -- the slip model ---------------------------------------------------------------------------------

def glossary_form(g: Glossary, word: str) -> str | None:
    """The glossary's acronym ``word`` is, singular or plural ("NGOs" is NGO, "MDG" is MDGs)."""
    if word in g.known_acronyms:
        return word
    return g.derived("acronyms:by-base", lambda: _by_base(g.known_acronyms)).get(base(word))


def _by_base(known) -> dict[str, str]:
    out: dict[str, str] = {}
    for a in sorted(known, key=len):
        out.setdefault(base(a), a)
    return out


def _near_acronyms(g: Glossary, word: str) -> list[str]:
    """The official acronyms (three letters or more) within two edits of ``word`` (upper case,
    without its plural ending)."""
    table = g.derived("acronyms:near", dict)
    found = table.get(word)
    if found is None:
        # rapidfuzz only once a word is near an acronym (start-up cost)
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        names = g.derived("acronyms:names", lambda: sorted({base(a) for a in g.known_acronyms
                                                            if len(base(a)) >= 3 and a.isalpha()}))
        found = table[word] = [a for a, _d, _i in process.extract(word, names, scorer=OSA.distance,
                                                                  score_cutoff=2, limit=None)]
    return found


def _glossary_candidates(g: Glossary, token: str) -> list[tuple[str, Slip]]:
    """The official acronyms ``token`` may misspell (as the glossary writes them), with how."""
    out = []
    word = base(token)
    for a in _near_acronyms(g, word.upper()):
        s = slip(word, a)
        if s is not None:
            out.append((glossary_form(g, a) or a, s))
    return out


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


# What the source naming the body counts for (every slip required() admits).
SOURCE_EVIDENCE = 4


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
        key = (t.text, t.paragraph.group)
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
    if _ROMAN.match(token):
        return _IGNORE
    upper = token.upper()
    if upper != token and sum(c.isupper() for c in token) < 0.6 * len(token) and not (
            upper in g.known_acronyms and len(token) >= 4):
        return _IGNORE  # an ordinary capitalised word ("McDonald", "iPhone")
    best = best_candidate(analysis, t, doc)
    if best is not None:
        return best
    return Verdict("unknown") if token.isupper() and token.isalpha() else _IGNORE


def best_candidate(analysis: Analysis, t: Token, doc: DocumentAcronyms | None, bonus: int = 0) -> Verdict | None:
    """The acronym ``t`` misspells, weighed by evidence; None when nothing is close enough, or when
    two acronyms are equally close and nothing in the document decides between them. ``bonus``
    adds to the evidence of an acronym the document writes (TM103: the source has no acronym in the
    word's place, so the word can only be the translator's name for a body the document names)."""
    g, lang = analysis.glossary, analysis.lang
    token = t.text
    given = doc.given.get(token) if doc is not None else None
    ranked = []
    for acronym, s in _glossary_candidates(g, token):
        entry_id = _entry_of(g, acronym, lang)
        points = _points(doc, entry_id, given)
        points += bonus if points else 0
        ranked.append((acronym, s, points, entry_id, acronym in g.acronyms.get(lang, {})))
    if doc is not None:
        for acronym in doc.defined:
            if acronym in g.known_acronyms:
                continue
            s = slip(token, acronym)
            if s is not None:
                ranked.append((acronym, s, 3, None, True))  # defined: its title and itself written
    # A word the document also writes in the plural ("HDRs") names things, not a body.
    plural = bool(doc is not None and occurrences(analysis).get((t.paragraph.group, base(token) + "s")))
    admissible = []
    for acronym, s, points, entry_id, own in ranked:
        if plural and entry_id and g.entry(entry_id).kind != "term":
            continue
        need = required(s, acronym, token)
        forms = _forms(g, acronym, entry_id)
        if need is not None and any(sub_acronym(base(token), f) for f in forms):
            need = max(need, 4)  # CPD for CIPD in English, where the acronym is ICPD
        if need is None or points + 1 < need:
            continue
        if points and s.kind != "case" and _same_sentence(analysis, t, forms, defined=need < 3):
            # UNSOM and UNSOA side by side, AMCHUD beside "... Conference on Housing and Urban
            # Development (APMCHUD)" which that sentence defines: two bodies, not a slip.
            continue
        context = points > 0 and _same_context(analysis, t, forms)
        if points + context < need:
            continue
        # Closeness first, evidence next: ONUSDA is ONUSIDA (a letter dropped) even in a document
        # that writes ONUDC (two edits away).
        cost = s.edits + (0.5 if s.substitution else 0) - 0.25 * (points + context)
        admissible.append(((cost, not own), acronym, entry_id))
    if not admissible:
        return None
    admissible.sort(key=lambda x: x[0])
    (key, acronym, entry_id) = admissible[0]
    suggestion = _official(g, entry_id, lang) if entry_id else acronym
    for other_key, other, other_entry in admissible[1:]:
        if other_key != key:
            break
        if (_official(g, other_entry, lang) if other_entry else other) != suggestion:
            return None
    return Verdict("slip", suggestion, entry_id)


def _points(doc: DocumentAcronyms | None, entry_id: str, given: str | None) -> int:
    """What the document says for an official acronym: 3 it gives the word as this body's acronym
    ("United Nations Office on Drugs and Crime (UNDC)"), or writes both the acronym and the body's
    title; 2 one of them; 0 neither."""
    if doc is None:
        return 0
    if entry_id == given:
        return 3
    return 2 * (entry_id in doc.entries) + 2 * (entry_id in doc.titled) - (entry_id in doc.entries and entry_id in doc.titled)


def _forms(g: Glossary, acronym: str, entry_id: str | None) -> set[str]:
    forms = {acronym}
    if entry_id:
        e = g.entry(entry_id)
        forms |= {a for a in (e.fr.acronym, e.en.acronym) if a}
    return forms


def occurrences(analysis: Analysis) -> dict[tuple[str, str], list[Token]]:
    """Every acronym-like word's occurrences, by (document, word)."""
    def build():
        out: dict[tuple[str, str], list[Token]] = {}
        for t in acronym_tokens(analysis):
            if not t.joined:
                out.setdefault((t.paragraph.group, t.text), []).append(t)
        return out

    return analysis.memo("acronym-occurrences", build)


class _Places(NamedTuple):
    sentences: set  # (paragraph index, sentence start) of each occurrence
    defining: set  # the same, for the occurrences that are the acronym of a definition
    before: set  # the content word before each occurrence
    around: set  # (the word before, the word after)


def _places(analysis: Analysis, group: str, word: str) -> _Places:
    """Where a word stands in one document: its sentences and the words around it, found once."""
    table = analysis.memo("acronym-places", dict)
    key = (group, word)
    found = table.get(key)
    if found is None:
        found = table[key] = _Places(set(), set(), set(), set())
        for o in occurrences(analysis).get(key, ()):
            sentence = (o.paragraph.index, analysis.sentence_at(o.paragraph, o.start)[0])
            found.sentences.add(sentence)
            if "(" in o.paragraph.text and any(d.start == o.start for d in paragraph_definitions(analysis, o.paragraph)):
                found.defining.add(sentence)
            before, after = _context(o.paragraph.text, o.start, o.end)
            if before:
                found.before.add(before[-1])
                if after:
                    found.around.add((before[-1], after[0]))
    return found


def _same_sentence(analysis: Analysis, t: Token, forms: set[str], defined: bool = False) -> bool:
    """Is the word written in a sentence that also writes the acronym (``defined``: that defines it)?"""
    group = t.paragraph.group
    mine = _places(analysis, group, t.text).sentences
    return any(mine & (_places(analysis, group, f).defining if defined else _places(analysis, group, f).sentences)
               for f in forms)


_SKIP_WORDS = frozenset({"the", "a", "an", "le", "la", "les", "l", "d", "de", "du", "des", "of", "by", "et", "and",
                         "par", "à", "au", "aux", "to", "for", "pour", "with", "avec", "in", "en", "on", "sur"})
_WORDS = re.compile(r"[^\W\d_]+")


def _context(text: str, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    before = [w.lower() for w in _WORDS.findall(text[max(0, start - 60):start])]
    after = [w.lower() for w in _WORDS.findall(text[end:end + 40])]
    return (tuple(w for w in before if w not in _SKIP_WORDS)[-1:],
            tuple(w for w in after if w not in _SKIP_WORDS)[:1])


def _same_context(analysis: Analysis, t: Token, forms: set[str]) -> bool:
    """Does the word stand in the same words as the acronym does elsewhere in the document: the
    same word before it (articles and prepositions aside: "activities of UNDOC" and "activities of
    UNODC"), or the same word before and after it?"""
    group = t.paragraph.group
    mine = _places(analysis, group, t.text)
    for f in forms:
        theirs = _places(analysis, group, f)
        if mine.before & theirs.before or mine.around & theirs.around:
            return True
    return False


def _entry_of(g: Glossary, acronym: str, lang: str) -> str:
    return g.acronyms.get(lang, {}).get(acronym) or g.acronyms["fr" if lang == "en" else "en"][acronym]


def _official(g: Glossary, entry_id: str, lang: str) -> str:
    entry = g.entry(entry_id)
    return entry.side(lang).acronym or entry.other(lang).acronym or entry.side(lang).term


# -- the rules --------------------------------------------------------------------------------------

_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*")


def in_name(t: Token) -> bool:
    """Is the acronym part of a name or a title ("MAC AIDS Fund", "Beyond GDP"): next to a
    capitalised word that does not start the sentence?"""
    text = t.paragraph.text
    before = text[:t.start].rstrip()
    prev = re.search(r"([\w'’-]+)$", before)
    if prev and prev.group(1)[:1].isupper() and not re.search(r"(^|[.:;!?]\s*|^\W*\d+\.\s*)$", before[:prev.start()]):
        return True
    nxt = _NAME_WORD.match(text, t.end + 1) if text[t.end:t.end + 1] == " " else None
    return bool(nxt)



class AcronymVariant(Rule):
    """A near miss of an official acronym, or of one the document defines: a letter inserted,
    dropped, transposed, doubled or replaced, two letters inserted, a space inside, or odd case.

    Why:
        "UNDOC", "ONU DC", "W HO" or "OnuDC" for UNODC/ONUDC and WHO are the commonest slips in UN
        drafts, and a spell checker passes them; a draft often repeats one slip many times. Every
        acronym-like word is compared with the glossary's acronyms and with those the document
        defines ("the United Nations country team (UNCT)"). A word that is itself a known or defined
        acronym is never taken for a misspelling of another. Close calls (one letter replaced, a
        three-letter acronym, two edits) are reported only when the document itself writes the
        official acronym or its full title; when two acronyms are equally close and nothing
        decides, nothing is said.

    Fix:
        Write the official acronym given as suggestion.

    Bad (fr):
        Le rapport de l'UNDOC sera présenté à la Commission.

    Good (fr):
        Le rapport de l'ONUDC et celui de l'ONUDI seront présentés à la Commission.

    Bad (en):
        The Secretariat of UNDOC will brief the Working Group.

    Good (en):
        The secretariat of UNODC and UNIDO will brief the Working Group.
    """

    code = "TM101"
    name = "acronym-variant"
    severity = "error"

    def check(self, analysis: Analysis):
        for t, v in verdicts(analysis):
            if v.kind in ("slip", "forbidden"):
                yield self.finding(analysis, t.paragraph, t.start, t.end,
                                   _("'{written}' is not an official acronym; did you mean '{right}'?").format(
                                       written=t.text, right=v.suggestion), v.suggestion)


class AcronymWrongLanguage(Rule):
    """An official acronym of the other language: UNODC in a French draft, ONUDC in an English one.

    Why:
        The French and English versions of a UN document each use their own language's acronyms
        (ONUDC/UNODC, PNUD/UNDP, OMS/WHO); an acronym left in the source language is an
        untranslated word. Acronyms that are the same in both languages (UNICEF, FAO) are fine.

    Fix:
        Write the acronym of the draft's language given as suggestion.

    Bad (fr):
        Le présent rapport a été établi par l'UNODC en consultation avec le PNUD.

    Good (fr):
        Le présent rapport a été établi par l'ONUDC en consultation avec le PNUD et l'UNICEF.

    Bad (en):
        The report was prepared by ONUDC in consultation with UNDP.

    Good (en):
        The report was prepared by UNODC in consultation with UNDP and UNICEF.
    """

    code = "TM102"
    name = "acronym-wrong-language"
    severity = "error"

    def check(self, analysis: Analysis):
        g = analysis.glossary
        lang = analysis.lang
        other = "en" if lang == "fr" else "fr"
        own = g.acronyms.get(lang, {})
        theirs = g.acronyms.get(other, {})
        for t in acronym_tokens(analysis):
            token = t.text
            if t.joined or token in own or token not in theirs:
                continue
            entry = g.entry(theirs[token])
            if entry.kind == "term":
                # Common nouns' acronyms mean other things in the other language ("NSP" is a
                # national strategic plan in English) and recur in names and titles ("MAC AIDS
                # Fund"): reported where the document names the term in its own language too.
                doc = document_acronyms(analysis).get(t.paragraph.group)
                if doc is None or entry.id not in (doc.own | doc.titled) or in_name(t):
                    continue
            right = entry.side(lang).acronym
            term = entry.side(lang).term
            if right:
                message = (_("'{written}' is the English acronym of {term}; in French write '{right}'") if lang == "fr"
                           else _("'{written}' is the French acronym of {term}; in English write '{right}'"))
                yield self.finding(analysis, t.paragraph, t.start, t.end,
                                   message.format(written=token, term=term, right=right), right)
            else:
                message = (_("'{written}' is the English acronym of {term}, which has no French acronym") if lang == "fr"
                           else _("'{written}' is the French acronym of {term}, which has no English acronym"))
                yield self.finding(analysis, t.paragraph, t.start, t.end, message.format(written=token, term=term),
                                   term)


class AcronymDefinitionMismatch(Rule):
    """An acronym defined with the official title of a body whose acronym is another: "the United
    Nations Development Programme (UNPD)", "le Programme des Nations Unies pour le développement
    (PNUE)".

    Why:
        A definition tells the reader what the acronym stands for in the rest of the document; one
        that pairs a body's title with another acronym (a misspelling, or another body's acronym)
        misleads every later mention. Acronyms defined with a title the glossary does not hold
        ("the United Nations country team (UNCT)") are the document's own and are fine.

    Fix:
        Write the body's official acronym in the definition (the suggestion).

    Bad (fr):
        Le Programme des Nations Unies pour le développement (PNUE) a financé l'atelier.

    Good (fr):
        Le Programme des Nations Unies pour le développement (PNUD) a financé l'atelier.

    Bad (en):
        The United Nations Office on Drugs and Crime (UNDOC) organized the workshop.

    Good (en):
        The United Nations Office on Drugs and Crime (UNODC) and the United Nations country team (UNCT) organized the workshop.
    """

    code = "TM104"
    name = "acronym-definition-mismatch"
    severity = "error"

    def check(self, analysis: Analysis):
        for doc in document_acronyms(analysis).values():
            for p, d in doc.wrong:
                yield self.finding(analysis, p, d.start, d.end,
                                   _("'{written}' is given as the acronym of '{title}', whose official acronym is "
                                     "'{right}'").format(written=d.acronym, title=d.title, right=d.official),
                                   d.official)


class AcronymUnknown(Rule):
    """An acronym that is neither in the glossary nor defined in the document, reported once per
    document with the number of times it is used.

    Why:
        Terminologists add the acronyms of new missions, treaties and programmes to the glossary
        (``tmcheck glossary add``) so that their slips can be caught; an editor sees at once an
        acronym the document uses without defining it.

    Fix:
        Define the acronym at its first use ("Full Title (ABC)"), or add it to the glossary.

    Bad (fr):
        Le satellite de télécommunications de l'ARSAT a été lancé en octobre 2014.

    Good (fr):
        Le satellite de télécommunications de l'entreprise Empresa Argentina de Soluciones Satelitales (ARSAT) a été lancé en octobre 2014.

    Bad (en):
        The telecommunications satellite of ARSAT was launched in October 2014.

    Good (en):
        The telecommunications satellite of the company Empresa Argentina de Soluciones Satelitales (ARSAT) was launched in October 2014.
    """

    code = "TM105"
    name = "acronym-unknown"
    severity = "info"

    def check(self, analysis: Analysis):
        first: dict[tuple[str, str], Token] = {}
        count: Counter = Counter()
        for t, v in verdicts(analysis):
            if v.kind != "unknown" or t.heading or len(t.text) < 3:
                continue
            key = (t.paragraph.group, t.text)
            count[key] += 1
            first.setdefault(key, t)
        for key, t in first.items():
            n = count[key]
            yield self.finding(analysis, t.paragraph, t.start, t.end,
                               ngettext("'{written}' (once in the document) is neither in the glossary nor defined "
                                        "in the document",
                                        "'{written}' ({n} times in the document) is neither in the glossary nor "
                                        "defined in the document", n).format(written=t.text, n=n))



RULES = [AcronymVariant, AcronymWrongLanguage, AcronymDefinitionMismatch, AcronymUnknown]
