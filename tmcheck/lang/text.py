"""Words as the checks compare them, and regular expressions for long word lists."""

from __future__ import annotations

import re
from functools import cache
from typing import Iterator

from ..documents.folding import APOSTROPHES, FOLD, fold_text
from .latin1 import WORD_LOWER

# Comparable words: an elided article stands apart ("l'" "office") and so does a footnote number
# glued to a word ("crime1").
COMPARABLE_WORD = re.compile(r"[^\W\d_]+'?|\d+")


def folded_words(s: str) -> tuple[str, tuple[str, ...]]:
    """``s`` folded (fold_text), and its words as titles and names are compared (their spans in
    the folded text, when a check needs them, are those of COMPARABLE_WORD.finditer: most
    paragraphs never ask, and reading the words alone costs a third of reading them with their
    spans).

    Text of Latin-1 characters once its apostrophes are straight (most drafts, French too) is
    folded and split a byte for a byte (_LatinBytes), where str.translate looks each character up
    in a dict and the regular expression tests each one's Unicode category: the same text and
    words for a quarter of the instructions. Other text takes those two."""
    latin = _latin_bytes()
    data = s.encode("latin-1", "ignore")
    if len(data) != len(s):  # a character past Latin-1: a typographic apostrophe, most often
        straight = s
        for apostrophe, replacement in APOSTROPHES.items():
            straight = straight.replace(chr(apostrophe), replacement)
        data = straight.encode("latin-1", "ignore")
        if len(data) != len(s):
            return _folded_words_past_latin(s, straight, latin)
    folded_bytes = data.translate(latin.fold)
    return folded_bytes.decode("latin-1"), latin.words(folded_bytes)


def _folded_words_past_latin(s: str, straight: str, latin: _LatinBytes) -> tuple[str, tuple[str, ...]]:
    """folded_words of text with characters past Latin-1 (``straight``: its apostrophes straight),
    folded and read a byte for a byte too: each such character ("č", "œ", "−") stands in the
    bytes for its fold where that is Latin-1 ("c": folded again, it stays), else for a control
    character the text lacks (a separator to the tables), which the folded text gives back and
    the words read as a capital (folded text holds none) when it stands for a letter. A digit
    past Latin-1, or more such characters than stand-ins, and the text is folded by fold_text and
    read by the regular expression (which tests each character's Unicode category: several times
    the instructions)."""
    replaced = straight
    shown: dict[str, str] = {}  # stand-in -> the folded character it stands for
    capitals: dict[str, str] = {}  # stand-in of a letter -> its capital in the words
    spare = iter(_STAND_INS)
    for c in set(latin.past_latin.findall(straight)):
        folded_c = fold_text(c)
        if ord(folded_c) < 256:
            replaced = replaced.replace(c, folded_c)
            continue
        stand_in = next((k for k in spare if k not in straight), None)
        if stand_in is None or latin.digit.match(folded_c):
            folded = fold_text(s)
            return folded, tuple(COMPARABLE_WORD.findall(folded))
        shown[stand_in] = folded_c
        if latin.letter.match(folded_c):
            capitals[stand_in] = chr(ord("A") + len(capitals))
        replaced = replaced.replace(c, stand_in)
    folded_bytes = replaced.encode("latin-1").translate(latin.fold)
    folded = folded_bytes.decode("latin-1")
    for stand_in, c in shown.items():
        folded = folded.replace(stand_in, c)
    for stand_in, capital in capitals.items():
        folded_bytes = folded_bytes.replace(stand_in.encode("latin-1"), capital.encode("latin-1"))
    words = latin.words(folded_bytes)
    if capitals and words:
        joined = " ".join(words)  # no word holds a space
        for stand_in, capital in capitals.items():
            joined = joined.replace(capital, shown[stand_in])
        words = tuple(joined.split(" "))
    return folded, words


# Control characters (no letter, digit or apostrophe: separators to the tables, and no fold) that
# stand for characters past Latin-1: as many as capitals.
_STAND_INS = tuple(chr(k) for k in (*range(1, 9), *range(14, 32)))


def word_spans(folded: str, words) -> list[tuple[int, int]]:
    """The spans of folded_words' ``words`` in the ``folded`` text: those of
    COMPARABLE_WORD.finditer, for a fraction of its cost. Each word is found from the end of the
    one before: what lies between two is no letter nor digit, and a word starts with one."""
    spans = []
    at = 0
    find = folded.find
    for w in words:
        at = find(w, at)
        spans.append((at, at + len(w)))
        at += len(w)
    return spans


# Typographic punctuation past Latin-1 that drafts hold: no word character (\W), a space for the
# words of lowered_words.
_TYPOGRAPHIC = "\u2018\u2019\u201c\u201d\u201e\u2013\u2014\u2026"
_WORD = re.compile(r"\w+")


def lowered_words(text: str) -> list[str]:
    """The words of ``text.lower()`` as ``\\w+`` reads them (the memories' standard phrases are
    compared by these): Latin-1 text, once its typographic punctuation is spaces, a byte for a
    byte (lang.latin1.WORD_LOWER), other text by the regular expression."""
    data = text.encode("latin-1", "ignore")
    if len(data) != len(text):
        spaced = text
        for c in _TYPOGRAPHIC:
            spaced = spaced.replace(c, " ")
        data = spaced.encode("latin-1", "ignore")
        if len(data) != len(text):
            return _WORD.findall(text.lower())
    return data.translate(WORD_LOWER).decode("latin-1").split()


class _LatinBytes:
    """Tables of the 256 Latin-1 characters for folded_words, made from FOLD and COMPARABLE_WORD
    themselves on first use: each one's fold, and its class in COMPARABLE_WORD (a letter, a digit,
    the apostrophe or a separator)."""

    def __init__(self):
        fold = bytearray(range(256))
        for c, folded in FOLD.items():
            if c < 256:
                fold[c] = ord(folded)  # one Latin-1 character for one (test_text)
        letter, digit = self.letter, self.digit = re.compile(r"[^\W\d_]"), re.compile(r"\d")
        self.past_latin = re.compile(r"[^\x00-\xff]")  # see _folded_words_past_latin
        classes, kept = bytearray(b" " * 256), bytearray(b" " * 256)
        for c in range(256):
            if letter.match(chr(c)):
                classes[c], kept[c] = ord("a"), c
            elif digit.match(chr(c)):
                classes[c], kept[c] = ord("0"), c
            elif chr(c) == "'":
                classes[c], kept[c] = c, c
        self.fold, self.classes, self.kept = bytes(fold), bytes(classes), bytes(kept)

    def words(self, folded: bytes) -> tuple[str, ...]:
        """COMPARABLE_WORD.findall of the folded Latin-1 bytes: runs of letters (and the
        apostrophe after one), runs of digits. Separators become spaces, a space goes after each
        apostrophe and between a letter and a digit or a digit and what follows it, and a lone
        apostrophe (one that followed no letter) is no word."""
        classes = folded.translate(self.classes)
        kept = folded.translate(self.kept)
        # Glued only where a digit stands (in half the paragraphs): one search in C says where.
        cuts = [i + 1 for glued in (b"a0", b"0a", b"0'") for i in occurrences(classes, glued)] \
            if b"0" in classes else None
        if cuts:
            cuts.sort()
            kept = b" ".join(kept[a:b] for a, b in zip([0, *cuts], [*cuts, len(kept)]))
        spaced = kept.replace(b"'", b"' ")
        words = spaced.decode("latin-1").split()
        # A lone apostrophe stands after a space (a separator, a cut, another apostrophe) or first:
        # asked of the bytes, not of every word.
        if spaced[:1] == b"'" or b" '" in spaced:
            words = [w for w in words if w != "'"]
        return tuple(words)


def occurrences(data, needle) -> Iterator[int]:
    """Where ``needle`` starts in ``data`` (text or bytes), overlaps included: one C-level search each."""
    i = data.find(needle)
    while i >= 0:
        yield i
        i = data.find(needle, i + 1)


@cache
def _latin_bytes() -> _LatinBytes:
    return _LatinBytes()  # on first use (start-up: most commands never fold a paragraph)


# The letters that re.IGNORECASE equates with a Latin letter (up to U+024F) other than the one
# str.lower() gives: dotted and dotless i, long s, micro sign and mu ("İ" also lowers to two).
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u039c\u03bc]")


def lowered(text: str) -> str | None:
    """``text.lower()``, where a lower-case pattern of Latin letters (up to U+024F) finds what the
    same pattern with re.IGNORECASE finds in ``text``, which costs several times more; None for
    the rare text where it might not (search that one with re.IGNORECASE)."""
    if _CASE_TRAPS.search(text):
        return None
    return text.lower()


def trie_pattern(words) -> str:
    """A regular expression matching any of ``words``, factored by common prefixes ("deux|dix" as
    "d(?:eux|ix)"): Python's re tries alternatives one by one, a trie lets it drop most at once."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        if list(node) == [""]:
            return ""
        optional = "" in node
        parts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if optional:
            return "(?:" + body + ")?" if len(parts) > 1 or len(parts[0]) > 1 else body + "?"
        return body

    return build(trie)


class PerLanguage:
    """Regular expressions by language, compiled on first use: a French draft never pays for the
    English ones (Python compiles a pattern in pure Python, and start-up counts)."""

    def __init__(self, flags: int = 0, **sources: str):
        self.flags = flags
        self.sources = sources
        self.compiled: dict[str, re.Pattern] = {}

    def __getitem__(self, lang: str) -> re.Pattern:
        pattern = self.compiled.get(lang)
        if pattern is None:
            pattern = self.compiled[lang] = re.compile(self.sources[lang], self.flags)
        return pattern


# The words that join a name to what it belongs to: "la session de l'Assemblée", "the Secretary-General
# of the United Nations" (none at all where the two stand side by side).
OF_THE = re.compile(r"\s*(?:de la|du|de l['\u2019]|des|d['\u2019]|of the|of)?\s*", re.I)


_ARTICLES = frozenset({"the", "la", "le", "les"})


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` is ``b`` with one letter dropped, added or replaced, or two neighbouring
    letters swapped: a misspelling ("Commision", "Audtors", "stupéfinats"). Linear: the two words
    are read from each end to the first difference."""
    la, lb = len(a), len(b)
    if a == b or abs(la - lb) > 1:
        return False
    i = 0
    while i < la and i < lb and a[i] == b[i]:
        i += 1
    j = 0  # letters equal from the end, in neither's common start
    while j < la - i and j < lb - i and a[la - 1 - j] == b[lb - 1 - j]:
        j += 1
    left_a, left_b = la - i - j, lb - i - j  # the letters of each between the two
    if left_a + left_b == 1 or (left_a == left_b == 1):
        return True
    return left_a == left_b == 2 and a[i] == b[i + 1] and a[i + 1] == b[i]


def as_written(official: str, written: str) -> str:
    """An official form to suggest where ``written`` stands: "the United Nations…" rather than
    "The United Nations…" when the draft wrote its article in lower case (mid-sentence)."""
    first = official.split(None, 1)[0].lower() if official else ""
    if written[:1].islower() and official[:1].isupper() and first in _ARTICLES:
        return official[0].lower() + official[1:]
    return official
