"""Titles compared word by word, as an editor compares them: case, punctuation, apostrophes and
Markdown aside, and an official title or its official short form counting as the same words (an
agenda item may say "Convention contre la criminalité organisée" where the agenda gives the
Convention's full title)."""

from __future__ import annotations

from ..documents.folding import fold_text
from ..documents.model import Paragraph
from ..glossary import find_terms
from ..i18n import _
from ..lang.lcs import similarity
from ..lang.text import COMPARABLE_WORD
from ..named_tuples import NamedTuple

# Kinds whose official titles and short titles stand for their entry when titles are compared; a
# common term's variants ("migrant smuggling") are wording like any other.
_NAMED_KINDS_EXCLUDED = ("term", "series")


_ARTICLES = frozenset({"the", "le", "la", "les", "l'"})


class Word(NamedTuple):
    key: str  # folded word, or "<entry-id>" for an official title or short title
    text: str  # as written
    start: int = 0  # in the paragraph


def comparable(analysis, p: Paragraph, start: int, end: int) -> list[Word]:
    """The words of ``p.text[start:end]``, each official title, short form or acronym replaced by
    its entry."""
    return _words(analysis, p.text, start, end, analysis.terms(p))


def _words(analysis, text: str, start: int, end: int, matches) -> list[Word]:
    out: list[Word] = []
    g = analysis.glossary
    terms = [t for t in matches if start <= t.start and t.end <= end and t.role in ("term", "short")
             and g.entry(t.entry_id).kind not in _NAMED_KINDS_EXCLUDED]
    pos = start
    folded = fold_text(text[start:end])  # one character for one: offsets hold, less to fold
    acronyms = g.acronyms.get(analysis.lang, {})
    for t in terms + [None]:
        stop = t.start if t else end
        for m in COMPARABLE_WORD.finditer(folded, pos - start, stop - start):
            a, b = m.start() + start, m.end() + start
            written = text[a:b]
            entry = acronyms.get(written) if written.isupper() else None
            out.append(Word(f"<{entry}>" if entry else m.group(0), written, a))
        if t:
            out.append(Word(f"<{t.entry_id}>", text[t.start:t.end], t.start))
            pos = t.end
    # "by the United Nations Office on Drugs and Crime" and "by UNODC" are the same words: an
    # article before a title or an acronym is no word of the title.
    return [w for i, w in enumerate(out)
            if not (w.key in _ARTICLES and i + 1 < len(out) and out[i + 1].key.startswith("<"))]


def plain_words(pieces) -> list[str]:
    """The folded words of a title in one piece or several, nothing recognised."""
    return [w for p in pieces for w in COMPARABLE_WORD.findall(fold_text(p.paragraph.text[p.start:p.end]))]


def comparable_pieces(analysis, pieces) -> list[Word]:
    """The words of a title in one piece or several (a table cell wrapped over paragraphs, read
    as one text so that an official title across the break is still one)."""
    if len(pieces) == 1:
        piece = pieces[0]
        return comparable(analysis, piece.paragraph, piece.start, piece.end)
    joined = Paragraph(-1, " ".join(p.paragraph.text[p.start:p.end] for p in pieces), [])
    terms = find_terms(analysis.glossary, joined.text, analysis.lang)
    return _words(analysis, joined.text, 0, len(joined.text), terms)


def keys(words: list[Word]) -> list[str]:
    return [w.key for w in words]


def similarity_of(a: list[str], b: list[str]) -> float:
    return similarity(" ".join(a), " ".join(b))


class Edit(NamedTuple):
    tag: str  # replace | insert | delete
    old: str
    new: str
    old_words: int
    new_words: int
    at_end: bool = False  # words added after the whole of the other title


def edits(a: list[Word], b: list[Word]) -> list[Edit]:
    """How ``b`` words a title ``a`` gives otherwise."""
    import difflib  # only when two titles differ

    out = []
    sm = difflib.SequenceMatcher(a=keys(a), b=keys(b), autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            out.append(Edit(tag, " ".join(w.text for w in a[i1:i2]), " ".join(w.text for w in b[j1:j2]), i2 - i1, j2 - j1,
                            tag == "insert" and i1 == len(a) and j2 == len(b)))
    return out


def describe(changes: list[Edit]) -> str:
    """The changes for a message, in the language of the messages (the words quoted as written)."""
    ops = []
    for e in changes:
        if e.tag == "replace":
            ops.append(_("'{new}' for '{old}'").format(new=e.new, old=e.old))
        elif e.tag == "insert":
            ops.append(_("'{new}' added").format(new=e.new))
        elif e.tag == "delete":
            ops.append(_("'{old}' missing").format(old=e.old))
    return "; ".join(ops) or _("different wording")

