"""Words as the checks compare them, and regular expressions for long word lists."""

from __future__ import annotations

import re

from ..documents.folding import fold_text

# Comparable words: an elided article stands apart ("l'" "office") and so does a footnote number
# glued to a word ("crime1").
COMPARABLE_WORD = re.compile(r"[^\W\d_]+'?|\d+")


def folded_words(s: str) -> tuple[str, tuple[str, ...]]:
    """``s`` folded (fold_text), and its words as titles and names are compared (their spans in
    the folded text, when a check needs them, are those of COMPARABLE_WORD.finditer: most
    paragraphs never ask, and reading the words alone costs a third of reading them with their
    spans)."""
    folded = fold_text(s)
    return folded, tuple(COMPARABLE_WORD.findall(folded))


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


_ARTICLES = frozenset({"the", "la", "le", "les"})


def as_written(official: str, written: str) -> str:
    """An official form to suggest where ``written`` stands: "the United Nations…" rather than
    "The United Nations…" when the draft wrote its article in lower case (mid-sentence)."""
    first = official.split(None, 1)[0].lower() if official else ""
    if written[:1].islower() and official[:1].isupper() and first in _ARTICLES:
        return official[0].lower() + official[1:]
    return official
