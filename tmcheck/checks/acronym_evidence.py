"""What a document says about its acronyms (TM1xx): the acronyms it writes, the bodies it names
by title, the acronyms it defines (and wrongly defines), and where each word stands: its sentences
and the words around it. The evidence a close call needs (acronym_slips.required)."""

from __future__ import annotations

import re
from collections import Counter

from ..documents.model import Paragraph
from ..facts.acronyms import Definition, fits
from ..facts.analysis import Analysis
from ..glossary import Glossary
from ..named_tuples import NamedTuple
from .acronym_slips import glossary_candidates
from .acronym_tokens import CAPITALS, Token, acronym_tokens, occurrences, paragraph_definitions


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

    sides = [(side, g.acronyms.get(side, {})) for side in ("fr", "en")]
    for t in acronym_tokens(analysis):
        if t.joined:
            continue
        d = group(t.paragraph)
        d.written[t.text] += 1
        for side, acronyms in sides:
            entry_id = acronyms.get(t.text)
            if entry_id:
                d.entries.add(entry_id)
                if side == lang:
                    d.own.add(entry_id)
    # Titles named in full: only in documents that write an acronym at all (the tokens told which),
    # read in the same pass over the paragraphs as the definitions.
    writing = {name: d for name, d in out.items() if d.written}
    for p in analysis.paragraphs:
        if "(" in p.text and CAPITALS.search(p.text):
            for definition in paragraph_definitions(analysis, p):
                d = group(p)
                if definition.official:
                    d.wrong.append((p, definition))
                    d.given.setdefault(definition.acronym, definition.entry_id)
                elif _valid(g, definition):
                    d.defined.setdefault(definition.acronym, definition)
        d = writing.get(p.group)
        if d is not None:
            terms = analysis.terms(p)
            if terms:  # most paragraphs name nothing of the glossary
                d.titled.update([t.entry_id for t in terms if t.role != "generic"])
    return out


def _valid(g: Glossary, d: Definition) -> bool:
    """A definition whose title fits the acronym only loosely, while it fits an official acronym
    one slip away, defines nothing: "United Nations Office on Drug and Crime (UNDOC)" is UNODC."""
    if d.how != "loose" or d.acronym in g.known_acronyms:
        return True
    words = re.findall(r"[^\W\d_]+", d.title)
    return not any(fits(a, words) for a, _s in glossary_candidates(g, d.acronym) if _s.edits <= 1)


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


def same_sentence(analysis: Analysis, t: Token, forms: set[str], defined: bool = False) -> bool:
    """Is the word written in a sentence that also writes the acronym (``defined``: that defines it)?"""
    group = t.paragraph.group
    mine = _places(analysis, group, t.text).sentences
    return any(mine & (_places(analysis, group, f).defining if defined else _places(analysis, group, f).sentences)
               for f in forms)


_SKIP_WORDS = frozenset({"the", "a", "an", "le", "la", "les", "l", "d", "de", "du", "des", "of", "by", "et", "and",
                         "par", "à", "au", "aux", "to", "for", "pour", "with", "avec", "in", "en", "on", "sur"})
_WORDS = re.compile(r"[^\W\d_]+")


def _context(text: str, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The last content word in the 60 characters before the word, and the first in the 40 after
    it (each in a tuple, empty when there is none), in lower case."""
    return _first(reversed(_WORDS.findall(text, max(0, start - 60), start))), _first(_WORDS.findall(text, end, end + 40))


def _first(words) -> tuple[str, ...]:
    for w in words:
        w = w.lower()
        if w not in _SKIP_WORDS:
            return (w,)
    return ()


def same_context(analysis: Analysis, t: Token, forms: set[str]) -> bool:
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
