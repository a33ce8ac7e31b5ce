"""The acronym-like words of a draft (TM1xx, TM103): words with two capitals or more, official
acronyms written in odd case ("Unodc"), and two capital pieces that may make one acronym ("ONU DC"),
found once per draft outside symbols and URLs; with the acronyms each paragraph defines, and whether
a word stands in a name ("MAC AIDS Fund")."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import compress

from ..documents.model import Paragraph
from ..facts.acronyms import Definition, definitions
from ..facts.analysis import Analysis
from ..glossary import Glossary
from ..lang.latin1 import WORD_LOWER
from ..named_tuples import NamedTuple

# Capitals, for a paragraph that may hold an acronym or a definition (acronym_evidence too).
CAPITALS = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_CAPS = "A-ZÀ-ÖØ-Þ"


def _all_caps(text: str) -> bool:
    """A heading set in capitals ("ORDRE DU JOUR PROVISOIRE"): its words are not acronyms."""
    # A letter from a to z, near the start of most paragraphs, says no without upper-casing it all.
    return not _ASCII_LOWER.search(text) and text.upper() == text and len(CAPITALS.findall(text)) >= 8


_ASCII_LOWER = re.compile(r"[a-z]")


# The patterns below read a draft a byte a character (_Latin): the regex engine tests each
# character of a text against a class of capitals at every position, where in these bytes it looks
# for one letter. Their classes: "A" a capital (_CAPS), "a" any other letter ([^\W\d_]), " " a
# space, "-" a hyphen, "'" an apostrophe (straight or typographic), "." anything else.
#
# Words with two capitals or more ("UNODC", "OnuDC", "UNDOC"): found by the regex engine, not word
# by word in Python, since most words of a draft are not acronyms. One match a word, from its first
# capital to its end: _word_around finds its start.
_TWO_CAPITALS = re.compile(rb"Aa*+A[Aa]*+")
# Pieces in capitals, for acronyms split by a space or a hyphen ("W HO", "ONU DC", "U NDP", "UN-DP");
# two of them always stand one space or hyphen apart, which most paragraphs never have.
_PIECE = re.compile(rf"[{_CAPS}]+")
_PIECES_APART = re.compile(rb"A[ \-]A")
# A run of three words in capitals: a title or a heading set in capitals, not acronyms.
_CAPS_RUN = re.compile(rb"AA+(?:[ '\-]+AA+){2,}")


class _Latin:
    """A draft a byte a character, for the patterns above and the search of acronyms in odd case:
    its characters of Latin-1 as they are, the others as one of Latin-1 that reads the same
    (_byte); and a table of the 256 bytes, made on first use: each byte's class (see above); their
    words lowered are those of lang.latin1.WORD_LOWER. The classes are told by str methods, a
    step each, not by matching each character with the patterns they stand for (a regex call
    each; test_acronyms holds them to the patterns): \\w is a letter, a digit or "_" (isalnum),
    \\d a decimal digit (isdecimal)."""

    def __init__(self):
        classes = bytearray(b"." * 256)
        for c in range(256):
            if _capital(chr(c)):
                classes[c] = ord("A")
            elif _letter(chr(c)):
                classes[c] = ord("a")
        for c in " -'":
            classes[ord(c)] = ord(c)
        self.classes = bytes(classes)

    def encode(self, text: str) -> bytes:
        try:
            return text.encode("latin-1")  # a copy when the text is all Latin-1
        except UnicodeEncodeError:
            pass
        # Past Latin-1: a few characters of most drafts ("œ", "’"), each put right in turn where
        # "replace" wrote a question mark; a text in another script, by one table of its characters.
        data = text.encode("latin-1", "replace")
        fixed = bytearray(data)
        past = 0
        at = data.find(b"?")
        while at >= 0:
            c = text[at]
            if c != "?":
                fixed[at] = self._byte(c)
                past += 1
                if past > 256:
                    return text.translate({ord(c): self._byte(c) for c in set(text) if c > "\xff"}).encode("latin-1")
            at = data.find(b"?", at + 1)
        return bytes(fixed)

    def _byte(self, c: str) -> int:
        """A Latin-1 byte for a character past it: its lower case where that is one of Latin-1
        ("K", the kelvin sign, is "k"; "İ" is "i", as the search of odd case lowers it), "ª" for
        another letter (no capital, a letter all the same; an acronym that holds one is told apart
        by its text), "_" for another word character (no letter), the straight apostrophe for the
        typographic one (the runs of capitals read both), "?" else."""
        lower = c.replace("\u0130", "i").lower()
        if len(lower) == 1 and lower < "\u0100":
            return ord(lower)
        if _letter(c):
            return 0xAA
        if _word(c):
            return 0x5F
        return 0x27 if c == "\u2019" else 0x3F


def _capital(c: str) -> bool:
    """[A-ZÀ-ÖØ-Þ] (_CAPS)."""
    return "A" <= c <= "Z" or "\u00c0" <= c <= "\u00d6" or "\u00d8" <= c <= "\u00de"


def _letter(c: str) -> bool:
    """[^\\W\\d_]: a word character, neither a decimal digit nor "_"."""
    return c.isalnum() and not c.isdecimal()


def _word(c: str) -> bool:
    """\\w."""
    return c.isalnum() or c == "_"


@lru_cache(maxsize=None)  # made once, on first use
def _latin() -> _Latin:
    return _Latin()


def capital_words(text: str) -> list[tuple[int, int]]:
    """The spans of the words with two capitals or more that stand alone as acronyms would (see
    _word_around), in text order."""
    latin = _latin()
    classes = latin.encode(text).translate(latin.classes)
    return [w for m in _TWO_CAPITALS.finditer(classes) if (w := _word_around(text, m.start(), m.end()))]


def _word_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The whole word a match of _TWO_CAPITALS (which ends the word) lies in, if it stands alone as
    an acronym would (not glued to a symbol, a hyphenated name such as "ONU-Femmes", a number or an
    address)."""
    s = start
    while s > 0 and text[s - 1].isalpha():
        s -= 1
    e = end
    before = text[s - 1] if s > 0 else " "
    after = text[e:e + 2] or " "
    # Glued to a symbol, a hyphenated name ("ONU-Femmes", "UN-Habitat") or an address; a
    # compound adjective ("UNODC-led", "FAO-hosted") leaves the acronym whole.
    if (before.isalnum() or before in "_/.@-" or after[0].isalnum() or after[0] in "_/@"
            or (after[0] == "." and after[1:2].isalnum())
            or (after[0] == "-" and after[1:2].isalnum() and not after[1:2].islower())):
        return None
    return (s, e) if e - s >= 2 else None


def _odd_case_forms(g: Glossary) -> tuple[frozenset, frozenset] | None:
    """Official acronyms of four letters or more, in lower case, to find them written in any case
    ("Unodc", "onudc"): as the draft's words read in _Latin's bytes, and as text. None for a
    glossary without any."""
    def build():
        forms = frozenset(a.lower() for a in g.known_acronyms if len(a) >= 4 and a.isalpha())
        return _as_read(forms) if forms else None

    return g.derived("acronyms:odd-case-forms", build)


def _as_read(forms: frozenset[str]) -> tuple[frozenset, frozenset]:
    """Acronyms in lower case as _odd_case reads them: as the draft's words read in _Latin's bytes,
    and as text."""
    latin = _latin()
    return frozenset(latin.encode(f).translate(WORD_LOWER) for f in forms), forms


def _odd_case(text: str, data: bytes, forms: tuple[frozenset, frozenset]) -> list[tuple[int, int]]:
    """Spans of the official acronyms written in ``text`` in odd case (not in capitals), standing
    as words of their own (not glued to a symbol, an address or a hyphenated word, nor part of a
    longer word); ``data`` is the text's bytes (_Latin.encode). An acronym that ends its paragraph
    stands alone ("... de l'Unodc").

    The draft's words in lower case are split in C and each looked up in the forms there (map and
    compress), where an Aho–Corasick pass over the lower-cased draft cost a hundred instructions a
    character and one pattern of a thousand acronyms would cost more to compile than the whole lint
    of a short draft; only the words found come back to Python, each found in the text from the end
    of the one before (no word that is a form can stand between them). A text none of whose words
    is a form (most paragraphs, when TM103 reads a source paragraph by paragraph) is told by one
    pass in C that asks no more once it meets one (isdisjoint), without a call for each word."""
    by_bytes, as_text = forms
    low = data.translate(WORD_LOWER)  # a word is a run of word characters, a space elsewhere
    words = low.split()
    if by_bytes.isdisjoint(words):
        return []
    padded = b" " + low + b" "
    out = []
    at = 0
    for w in compress(words, map(by_bytes.__contains__, words)):
        a = padded.find(b" " + w + b" ", at)  # the word's start in text: padded has one more byte
        b = a + len(w)
        at = b + 1
        if text[a + 1:b].isupper():
            continue  # in capitals, as the acronyms of _TWO_CAPITALS are
        # One of these before or after: glued to a symbol, an address or a hyphenated word (a
        # letter, a digit or "_" never stands beside a word of its own).
        if a and text[a - 1] in "/.@-":
            continue
        after = text[b:b + 2]
        if after and (after[0] in "/@" or (after[0] in "-." and after[1:2].replace("\u0130", "i").lower().isalnum())):
            continue
        if text[a:b].replace("\u0130", "i").lower() in as_text:  # not a letter past Latin-1 read as "ª"
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
    return analysis.in_order("acronym-tokens", lambda: _find_acronym_tokens(analysis, analysis.paragraphs))


def _find_acronym_tokens(analysis: Analysis, paragraphs: list[Paragraph]) -> list[Token]:
    # Each pattern runs once over all the paragraphs, joined by line breaks, rather than once per
    # paragraph: most paragraphs hold no acronym. No word runs across a line break, and every test
    # of what stands before or after a word takes one as it takes a paragraph's edge.
    whole = "\n".join(p.text for p in paragraphs)
    starts = []
    at = 0
    for p in paragraphs:
        starts.append(at)
        at += len(p.text) + 1
    spans: dict[int, list[tuple[int, int]]] = {}

    def add(start: int, end: int) -> None:
        k = bisect_right(starts, start) - 1
        spans.setdefault(k, []).append((start - starts[k], end - starts[k]))

    latin = _latin()
    data = latin.encode(whole)
    classes = data.translate(latin.classes)
    for m in _TWO_CAPITALS.finditer(classes):
        w = _word_around(whole, m.start(), m.end())
        if w:
            add(*w)
    forms = _odd_case_forms(analysis.glossary)
    if forms is not None:
        for a, b in _odd_case(whole, data, forms):
            add(a, b)
    out = []
    for k in sorted(spans):
        p = paragraphs[k]
        text = p.text
        protected = analysis.protected(p)
        heading = _all_caps(text)
        at, end_at = starts[k], starts[k] + len(text)
        runs = [(a - at, b - at) for a, b in map(re.Match.span, _CAPS_RUN.finditer(classes, at, end_at))] \
            if not heading else []
        found = []
        for start, end in sorted(set(spans[k])):
            if protected and _inside(protected, start, end):
                continue
            found.append(Token(p, start, end, text[start:end], heading or _inside(runs, start, end)))
        for start, end, joined in (_splits(text) if _PIECES_APART.search(classes, at, end_at) else ()):
            if protected and _inside(protected, start, end):
                continue
            found.append(Token(p, start, end, text[start:end], heading or _inside(runs, start, end), joined))
        found.sort(key=lambda t: (t.start, -t.end))
        out.extend(found)
    return out


def _splits(text: str) -> list[tuple[int, int, str]]:
    """Two neighbouring words in capitals, one space or hyphen apart, each standing alone as an
    acronym would: (start, end, the two joined). Asked only where two capitals stand one space or
    hyphen apart (_PIECES_APART), which most paragraphs never have."""
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
    """The acronym tokens of one paragraph, from the draft's (acronym_tokens)."""
    return analysis.per_paragraph("acronym-tokens-of", p,
                                  lambda q: [t for t in _paragraph_index(analysis).get(q.index, ())])


def paragraph_tokens(analysis: Analysis, p: Paragraph) -> list[Token]:
    """The acronym tokens of one paragraph, found in it alone: for a draft only some of whose
    paragraphs are read (TM103 reads a source where its translation has an acronym), rather than
    all the draft's. The same tokens as tokens_by_paragraph's, kept under the same name."""
    return analysis.per_paragraph("acronym-tokens-of", p, lambda q: _find_acronym_tokens(analysis, [q]))


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
