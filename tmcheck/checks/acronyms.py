"""TM1xx: acronyms — near misses of official acronyms, and acronyms of the other language."""

from __future__ import annotations

import re
from collections import Counter

from ..glossary import Glossary
from ..lang.text import trie_pattern
from ..facts.analysis import Analysis
from .base import Rule

_ROMAN = re.compile(r"^[IVXLCDM]+$")


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


_CAPITALS = re.compile(r"[A-ZÀ-ÖØ-Þ]")


def _all_caps(text: str) -> bool:
    """A heading set in capitals ("ORDRE DU JOUR PROVISOIRE"): its words are not acronyms."""
    return text.upper() == text and len(_CAPITALS.findall(text)) >= 8


# Words with two capitals or more ("UNODC", "OnuDC", "UNDOC"): found by the regex engine, not word
# by word in Python, since most words of a draft are not acronyms.
_TWO_CAPITALS = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W\d_]*?[A-ZÀ-ÖØ-Þ]")
_WORD_RIGHT = re.compile(r"[^\W\d_]*")


def _word_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The whole word a capital-to-capital stretch lies in, if it stands alone as an acronym would
    (not glued to a symbol, a hyphenated name such as "ONU-Femmes", a number or an address)."""
    s = start
    while s > 0 and text[s - 1].isalpha():
        s -= 1
    e = _WORD_RIGHT.match(text, end).end()
    before = text[s - 1] if s > 0 else " "
    after = text[e:e + 2]
    if (before.isalnum() or before in "_/.@-" or after[:1].isalnum() or after[:1] in "_/@"
            or (after[:1] in "-." and after[1:2].isalnum())):
        return None
    return (s, e) if e - s >= 2 else None


def _odd_case_pattern(g) -> re.Pattern:
    """Official acronyms of four letters or more written in any case ("Unodc", "onudc")."""
    cached = g.__dict__.get("_odd_case")
    if cached is None:
        forms = sorted(a.lower() for a in g.known_acronyms if len(a) >= 4 and a.isalpha())
        # Searched in lowercased text: re.I would cost several times more.
        cached = re.compile(r"(?<![\w/.@-])(?:" + trie_pattern(forms) + r")(?![\w/@]|-\w|\.\w)")
        g.__dict__["_odd_case"] = cached
    return cached


def _acronym_tokens(analysis: Analysis) -> list[tuple]:
    """(paragraph, start, end, token, heading) for every acronym-like token outside symbols and
    URLs; computed once per draft for the TM1 rules."""
    return analysis.in_order("acronym-tokens", lambda: _find_acronym_tokens(analysis))


def _find_acronym_tokens(analysis: Analysis) -> list[tuple]:
    out = []
    odd_case = _odd_case_pattern(analysis.glossary)
    for p in analysis.paragraphs:
        text = p.text
        spans = [w for m in _TWO_CAPITALS.finditer(text) if (w := _word_around(text, m.start(), m.end()))]
        low = text.lower()
        if len(low) == len(text):
            spans += [m.span() for m in odd_case.finditer(low) if not text[m.start() + 1:m.end()].isupper()]
        if not spans:
            continue
        spans = sorted(set(spans))
        protected = analysis.protected(p)
        heading = _all_caps(text)
        for start, end in spans:
            if protected and _inside(protected, start, end):
                continue
            out.append((p, start, end, text[start:end], heading))
    return out


class AcronymVariant(Rule):
    """A near miss of an official acronym: a letter inserted, dropped, transposed, doubled or
    replaced, a space inside, or odd case.

    Why:
        "UNDOC", "ONU DC" or "OnuDC" for UNODC/ONUDC are the commonest slips in UN drafts, and a
        spell checker passes them. The check compares every acronym-like word with the official
        acronyms of the glossary; a word that is itself a known acronym (ONUDI, UNDP, PNUE...) is
        never taken for a misspelling of another.

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
        g = analysis.glossary
        lang = analysis.lang
        tokens = _acronym_tokens(analysis)
        counts = Counter(t[3] for t in tokens)
        skip_next = False
        for i, (p, start, end, token, heading) in enumerate(tokens):
            if skip_next:
                skip_next = False
                continue
            # "ONU DC": two capitalised pieces that make an official acronym together.
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt and nxt[0] is p and nxt[1] == end + 1 and p.text[end] == " ":
                joined = token + nxt[3]
                if joined in g.known_acronyms and len(joined) >= 4 and not (token in g.known_acronyms and nxt[3] in g.known_acronyms):
                    right = _official(g, _entry_of(g, joined, lang), lang)
                    yield self.finding(analysis, p, start, nxt[2],
                                       f"'{token} {nxt[3]}' is not an official acronym; did you mean '{right}'?", right)
                    skip_next = True
                    continue
            if token in g.known_acronyms:
                continue
            entry_id = g.forbidden_acronyms.get(lang, {}).get(token)
            if entry_id:
                right = _official(g, entry_id, lang)
                yield self.finding(analysis, p, start, end,
                                   f"'{token}' is not an official acronym; did you mean '{right}'?", right)
                continue
            if heading or _ROMAN.match(token):
                continue
            near = _near_miss(g, token, lang)
            if near and near[1] and counts[token] > 1:
                # One letter replaced is as likely another real acronym (MISMA beside MISCA) as a
                # slip; a slip is a one-off, a real acronym recurs.
                continue
            if near:
                near = near[0]
                yield self.finding(analysis, p, start, end,
                                   f"'{token}' is not an official acronym; did you mean '{near}'?", near)


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
    local = True

    def check(self, analysis: Analysis):
        g = analysis.glossary
        lang = analysis.lang
        other = "en" if lang == "fr" else "fr"
        own = g.acronyms.get(lang, {})
        theirs = g.acronyms.get(other, {})
        for p, start, end, token, _heading in _acronym_tokens(analysis):
            if token in own or token not in theirs:
                continue
            entry = g.entry(theirs[token])
            if entry.kind == "term":
                continue  # GDP, AIDS, NSP: common nouns' acronyms recur in names and titles
            right = entry.side(lang).acronym
            if right:
                yield self.finding(analysis, p, start, end,
                                   f"'{token}' is the {_LANG_NAME[other]} acronym of {entry.side(lang).term}; in {_LANG_NAME[lang]} write '{right}'",
                                   right)
            else:
                yield self.finding(analysis, p, start, end,
                                   f"'{token}' is the {_LANG_NAME[other]} acronym of {entry.side(lang).term}, which has no {_LANG_NAME[lang]} acronym",
                                   entry.side(lang).term)


_LANG_NAME = {"fr": "French", "en": "English"}


def _entry_of(g: Glossary, acronym: str, lang: str) -> str:
    return g.acronyms.get(lang, {}).get(acronym) or g.acronyms["fr" if lang == "en" else "en"][acronym]


def _official(g: Glossary, entry_id: str, lang: str) -> str:
    entry = g.entry(entry_id)
    return entry.side(lang).acronym or entry.other(lang).acronym or entry.side(lang).term


_NEAR_CACHE: dict[tuple[int, str, str], str | None] = {}


def _near_miss(g: Glossary, token: str, lang: str):
    """(suggestion, by substitution?, entry id) or None."""
    key = (id(g), token, lang)
    if key not in _NEAR_CACHE:
        _NEAR_CACHE[key] = _find_near_miss(g, token, lang)
    return _NEAR_CACHE[key]


def _find_near_miss(g: Glossary, token: str, lang: str):
    """The official acronym ``token`` misspells, or None (also when two are equally close)."""
    upper = token.upper()
    if upper != token:
        # Odd case: "OnuDC", "Unodc" for an official acronym of four letters or more.
        if upper in g.known_acronyms and len(token) >= 4:
            entry_id = _entry_of(g, upper, lang)
            return _official(g, entry_id, lang), False, entry_id
        if sum(c.isupper() for c in token) < 0.6 * len(token):
            return None  # an ordinary capitalised word
    if len(token) < 4:
        return None
    from rapidfuzz.distance import OSA  # only for words that may be acronyms

    ranked: list[tuple[int, str]] = []
    for acronym in _acronyms_by_length(g, len(token)):
        if len(acronym) < 4 or OSA.distance(upper, acronym, score_cutoff=1) > 1:
            continue
        # One letter replaced by another is only a slip in longer acronyms: ONUDI and ONUDC are
        # both real, and so are many four-letter neighbours the glossary does not know.
        substitution = len(acronym) == len(upper) and sorted(acronym) != sorted(upper)
        if substitution and len(acronym) < 5:
            continue
        own_language = acronym in g.acronyms.get(lang, {})
        ranked.append(((0 if own_language else 1) + (2 if substitution else 0), acronym))
    if not ranked:
        return None
    ranked.sort()
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return None
    entry_id = _entry_of(g, ranked[0][1], lang)
    return _official(g, entry_id, lang), ranked[0][0] >= 2, entry_id


_BY_LENGTH: dict[int, dict[int, list[str]]] = {}


def _acronyms_by_length(g: Glossary, n: int) -> list[str]:
    table = _BY_LENGTH.get(id(g))
    if table is None:
        table = {}
        for a in g.known_acronyms:
            if a.isalpha():
                table.setdefault(len(a), []).append(a)
        _BY_LENGTH[id(g)] = table
    return table.get(n - 1, []) + table.get(n, []) + table.get(n + 1, [])


RULES = [AcronymVariant, AcronymWrongLanguage]
