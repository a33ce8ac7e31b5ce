"""Titles compared word by word, as an editor compares them: case, punctuation, apostrophes and
Markdown aside, and an official title or its official short form counting as the same words (an
agenda item may say "Convention contre la criminalité organisée" where the agenda gives the
Convention's full title)."""

from __future__ import annotations

from typing import NamedTuple

from ..documents.folding import fold_text
from ..documents.model import Paragraph
from ..lang.text import COMPARABLE_WORD

# Kinds whose official titles and short titles stand for their entry when titles are compared; a
# common term's variants ("migrant smuggling") are wording like any other.
_NAMED_KINDS_EXCLUDED = ("term", "series")


class Word(NamedTuple):
    key: str  # folded word, or "<entry-id>" for an official title or short title
    text: str  # as written
    start: int = 0  # in the paragraph


def comparable(analysis, p: Paragraph, start: int, end: int) -> list[Word]:
    """The words of ``p.text[start:end]``, each official title, short form or acronym replaced by
    its entry."""
    out: list[Word] = []
    g = analysis.glossary
    terms = [t for t in analysis.terms(p) if start <= t.start and t.end <= end and t.role in ("term", "short")
             and g.entry(t.entry_id).kind not in _NAMED_KINDS_EXCLUDED]
    pos = start
    text = p.text
    folded = fold_text(text)
    acronyms = g.acronyms.get(analysis.lang, {})
    for t in terms + [None]:
        stop = t.start if t else end
        for m in COMPARABLE_WORD.finditer(folded, pos, stop):
            written = text[m.start():m.end()]
            entry = acronyms.get(written) if written.isupper() else None
            out.append(Word(f"<{entry}>" if entry else m.group(0), written, m.start()))
        if t:
            out.append(Word(f"<{t.entry_id}>", text[t.start:t.end], t.start))
            pos = t.end
    return out


def comparable_pieces(analysis, pieces) -> list[Word]:
    words: list[Word] = []
    for piece in pieces:
        words.extend(comparable(analysis, piece.paragraph, piece.start, piece.end))
    return words


def keys(words: list[Word]) -> list[str]:
    return [w.key for w in words]


def similarity(a: list[Word], b: list[Word]) -> float:
    from rapidfuzz import fuzz  # imported once two titles are compared

    return fuzz.ratio(" ".join(keys(a)), " ".join(keys(b)))


class Edit(NamedTuple):
    tag: str  # replace | insert | delete
    old: str
    new: str
    old_words: int
    new_words: int


def edits(a: list[Word], b: list[Word]) -> list[Edit]:
    """How ``b`` words a title ``a`` gives otherwise."""
    import difflib  # only when two titles differ

    out = []
    sm = difflib.SequenceMatcher(a=keys(a), b=keys(b), autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            out.append(Edit(tag, " ".join(w.text for w in a[i1:i2]), " ".join(w.text for w in b[j1:j2]), i2 - i1, j2 - j1))
    return out


def describe(changes: list[Edit]) -> str:
    ops = []
    for e in changes:
        if e.tag == "replace":
            ops.append(f"'{e.new}' for '{e.old}'")
        elif e.tag == "insert":
            ops.append(f"'{e.new}' added")
        elif e.tag == "delete":
            ops.append(f"'{e.old}' missing")
    return "; ".join(ops) or "different wording"
