"""The acronym-like words of a draft (TM1xx, TM103): words with two capitals or more, official
acronyms written in odd case ("Unodc"), and two capital pieces that may make one acronym ("ONU DC"),
found once per draft outside symbols and URLs; with the acronyms each paragraph defines, and whether
a word stands in a name ("MAC AIDS Fund")."""

from __future__ import annotations

import re

from ..documents.model import Paragraph
from ..facts.acronyms import Definition, definitions
from ..facts.analysis import Analysis
from ..glossary import Glossary
from ..named_tuples import NamedTuple

# Capitals, for a paragraph that may hold an acronym or a definition (acronym_evidence too).
CAPITALS = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_CAPS = "A-ZÀ-ÖØ-Þ"


def _all_caps(text: str) -> bool:
    """A heading set in capitals ("ORDRE DU JOUR PROVISOIRE"): its words are not acronyms."""
    return text.upper() == text and len(CAPITALS.findall(text)) >= 8


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


def occurrences(analysis: Analysis) -> dict[tuple[str, str], list[Token]]:
    """Every acronym-like word's occurrences, by (document, word)."""
    def build():
        out: dict[tuple[str, str], list[Token]] = {}
        for t in acronym_tokens(analysis):
            if not t.joined:
                out.setdefault((t.paragraph.group, t.text), []).append(t)
        return out

    return analysis.memo("acronym-occurrences", build)


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
