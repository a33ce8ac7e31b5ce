"""What a document says about its acronyms (TM1xx): the acronyms it writes, the bodies it names
by title, the acronyms it defines (and wrongly defines), and where each word stands: its sentences
and the words around it. The evidence a close call needs (acronym_slips.required)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from ..documents.model import Paragraph
from ..facts.acronyms import Definition, fits
from ..facts.analysis import Analysis
from ..glossary import Glossary
from ..named_tuples import NamedTuple
from .acronym_slips import accepted_acronym, glossary_candidates
from .acronym_tokens import CAPITALS, Token, acronym_tokens, occurrences, paragraph_definitions


# How far, in paragraphs either way, what a document writes counts as evidence for a word: about
# ten pages of a report. A reader weighs "UNDOC" against the UNODC of the pages around it, not
# against every body a long report or a file of unrelated segments (a memory, a PO file of many
# documents) cites somewhere: there, nearly every body of the glossary is cited, and any unknown
# acronym one letter from one (ANEP and UNEP, LA and LRA) would pass for its slip.
REACH = 100


class DocumentAcronyms(NamedTuple):
    """One document's (one group's) acronyms: what it writes, names and defines."""

    written: Counter  # acronym-like word -> occurrences
    # Each of these three: entry -> the ranks (see ranks) of the paragraphs that write it, in order.
    entries: dict  # glossary entries whose acronym (either language's) the document writes
    own: dict  # glossary entries whose acronym in the document's language it writes
    titled: dict  # glossary entries the document names by a title or a short form (not one written as an acronym)
    defined: dict  # acronym -> its first valid Definition
    wrong: list  # (paragraph, Definition) whose title is an official title with another acronym
    given: dict  # a word defined with another body's official title -> that body's entry
    ranks: dict  # the index of each of the document's paragraphs -> its place among them (0, 1, ...)

    def place(self, index: int, reach: int = REACH) -> int | None:
        """Where a word of paragraph ``index`` reads its evidence from, ``reach`` of the
        document's paragraphs either way (counted in the document: a file of pairs may interleave
        its documents): None in a document that it covers whole from any of its paragraphs (most
        documents, for REACH), else the paragraph's rank."""
        return None if len(self.ranks) <= reach + 1 else self.ranks.get(index)

    def writes(self, entry_id: str, place: int | None, reach: int = REACH) -> tuple[bool, bool]:
        """Whether the document writes the body's acronym, and whether it names it by a title,
        within ``reach`` paragraphs of ``place`` (see place)."""
        if place is None:
            return entry_id in self.entries, entry_id in self.titled
        return within(self.entries.get(entry_id), place, reach), within(self.titled.get(entry_id), place, reach)

    def names(self, entry_id: str, place: int | None, reach: int = REACH) -> bool:
        """Whether the document names the body or term in its own language, by its acronym there
        or a title, within ``reach`` paragraphs of ``place`` (see place)."""
        if place is None:
            return entry_id in self.own or entry_id in self.titled
        return within(self.own.get(entry_id), place, reach) or within(self.titled.get(entry_id), place, reach)


def within(indices: list[int] | None, place: int, reach: int) -> bool:
    """Is one of ``indices`` (ranks, in order) within ``reach`` of ``place``? By bisection."""
    if not indices:
        return False
    k = bisect_left(indices, place - reach)
    return k < len(indices) and indices[k] <= place + reach


def _at(table: dict, entry_id: str, rank: int) -> None:
    places = table.get(entry_id)
    if places is None:
        table[entry_id] = [rank]
    elif places[-1] != rank:
        places.append(rank)


def document_acronyms(analysis: Analysis) -> dict[str, DocumentAcronyms]:
    """By document (a file's group: a TSV's doc_id), computed once per draft."""
    return analysis.memo("acronym-documents", lambda: _document_acronyms(analysis))


def _document_acronyms(analysis: Analysis) -> dict[str, DocumentAcronyms]:
    g, lang = analysis.glossary, analysis.lang
    out: dict[str, DocumentAcronyms] = {}

    ranks: dict[str, dict[int, int]] = {}
    for p in analysis.paragraphs:
        of_group = ranks.get(p.group)
        if of_group is None:
            of_group = ranks[p.group] = {}
        of_group[p.index] = len(of_group)

    def group(p: Paragraph) -> DocumentAcronyms:
        d = out.get(p.group)
        if d is None:
            d = out[p.group] = DocumentAcronyms(Counter(), {}, {}, {}, {}, [], {}, ranks.get(p.group, {}))
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
                _at(d.entries, entry_id, d.ranks[t.paragraph.index])
                if side == lang:
                    _at(d.own, entry_id, d.ranks[t.paragraph.index])
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
                for t in terms:
                    # A short form written as an acronym ("UNDSS") is a word to judge, not a title.
                    if t.role != "generic" and not (t.role == "short" and accepted_acronym(g, t.form)):
                        _at(d.titled, t.entry_id, d.ranks[p.index])
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
