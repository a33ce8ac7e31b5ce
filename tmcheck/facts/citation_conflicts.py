"""Conflicts between the citations of one document (entities.py links them by symbol): one symbol
with two titles, a joint document with another second symbol, a report here and a note there, and
one title under two symbols."""

from __future__ import annotations

import re

from ..documents.folding import fold_text
from ..named_tuples import NamedTuple
from .documents import Citation
from .entities import DocumentEntity
from .wording import Edit, Word, comparable, edits, keys


class CitationConflict(NamedTuple):
    """One document cited two ways: ``kind`` "title" (one symbol, two titles) or "symbols" (a joint
    document with another second symbol, or one title under two symbols)."""

    kind: str
    at: Citation
    other: Citation
    changes: list[Edit]
    sure: bool = True  # the other place is the majority's, so its form is the one to suggest


def title_words(analysis, c: Citation) -> list[Word]:
    """A citation's title as compared: words only (the dates in a report's title are TM204's)."""
    p = c.paragraph
    a, b = c.title
    dates = [m.span for m in analysis.mentions_in(p, a, b)]
    return [w for w in comparable(analysis, p, a, b)
            if not w.key.isdigit() and not any(x <= w.start < y for x, y in dates)]


# Titles of fewer words name no document by themselves ("Note du Secrétariat"), unless they name a
# body and a year ("Report of the International Narcotics Control Board for 2016").
_NAMING_WORDS = 6


def _names_a_document(words: list[Word], title: str) -> bool:
    if len(words) >= _NAMING_WORDS:
        return True
    return len(words) >= 3 and any(w.key.startswith("<") for w in words) and bool(_YEAR.search(title))


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def document_conflicts(analysis, entities: list[DocumentEntity]) -> list[CitationConflict]:
    report = _Reports()
    words: dict[tuple[int, int], list[Word]] = {}
    for e in entities:
        for c in e.mentions:
            if c.title:
                words[c.key] = title_words(analysis, c)
    for e in entities:
        _joint_conflicts(e, report)
        _kind_conflicts(e, report)
        _title_conflicts(e, words, report)
    _symbol_conflicts(analysis, entities, words, report)
    _beginning_conflicts(entities, words, report)
    report.out.sort(key=lambda c: c.at.key)
    return report.out


class _Reports:
    """The conflicts found, one per citation (the first reported)."""

    def __init__(self):
        self.out: list[CitationConflict] = []
        self.reported: set[tuple[int, int]] = set()

    def __call__(self, kind: str, at: Citation, other: Citation, changes: list[Edit], sure: bool = True) -> None:
        if at.key not in self.reported:
            self.reported.add(at.key)
            self.out.append(CitationConflict(kind, at, other, changes, sure))


def _joint_conflicts(e: DocumentEntity, report: _Reports) -> None:
    """A joint document cited with another second symbol ("X/3-Y/4" here, "X/3-Y/5" there)."""
    forms = {}
    for c in e.mentions:
        if len(c.symbols) > 1:
            forms.setdefault(frozenset(c.symbols), []).append(c)
    if len(forms) > 1:
        ranked = sorted(forms.values(), key=lambda cs: (-len(cs), cs[0].key))
        for cs in ranked[1:]:
            tie = len(cs) == len(ranked[0])
            report("symbols", _later(cs[0], ranked[0][0], tie), _earlier(cs[0], ranked[0][0], tie), [], not tie)


def _kind_conflicts(e: DocumentEntity, report: _Reports) -> None:
    """One document called a report here and a note there."""
    kinded = [c for c in e.mentions if c.kinds]
    if len(kinded) < 2:
        return
    by_kinds: dict[frozenset[str], list[Citation]] = {}
    for c in kinded:
        by_kinds.setdefault(c.kinds, []).append(c)
    ranked = sorted(by_kinds.values(), key=lambda cs: (-len(cs), -any(c.listed for c in cs), cs[0].key))
    for cs in ranked[1:]:
        if not any(cs[0].kinds & r[0].kinds for r in ranked if r is not cs):
            tie = len(cs) == len(ranked[0])
            at, other = _later(cs[0], ranked[0][0], tie), _earlier(cs[0], ranked[0][0], tie)
            report("kind", at, other, [Edit("replace", other.kind or "", at.kind or "", 1, 1)])


def _title_conflicts(e: DocumentEntity, words: dict[tuple[int, int], list[Word]], report: _Reports) -> None:
    """One symbol, two titles."""
    titled = [c for c in e.mentions if c.key in words and len(words[c.key]) >= 3]
    if len(titled) < 2:
        return
    groups: dict[tuple[str, ...], list[Citation]] = {}
    for c in titled:
        groups.setdefault(tuple(keys(words[c.key])), []).append(c)
    if len(groups) < 2:
        return
    ranked = sorted(groups.values(), key=lambda cs: (-len(cs), -any(c.listed for c in cs), cs[0].key))
    for cs in ranked[1:]:
        for ref in ranked:
            if ref is cs:
                break
            changes = edits(words[ref[0].key], words[cs[0].key])
            if _reworded(changes, cs[0].listed and ref[0].listed, words[ref[0].key], words[cs[0].key]):
                tie = len(cs) == len(ref)
                report("title", _later(cs[0], ref[0], tie), _earlier(cs[0], ref[0], tie),
                       changes if not tie or cs[0].key > ref[0].key else edits(words[cs[0].key], words[ref[0].key]))
                break


def _symbol_conflicts(analysis, entities: list[DocumentEntity], words: dict[tuple[int, int], list[Word]],
                      report: _Reports) -> None:
    """One document under two symbols: the same title (long enough to name one document) cited
    with symbols that have nothing in common. Its dates and numbers count here: two reports of one
    expert group differ only by them."""
    by_title: dict[tuple[str, ...], list[Citation]] = {}
    for e in entities:
        for c in e.mentions:
            if c.key in words and _names_a_document(words[c.key], c.title_text):
                by_title.setdefault((c.paragraph.group, *keys(comparable(analysis, c.paragraph, *c.title))), []).append(c)
    for cs in by_title.values():
        sets = {}
        for c in cs:
            sets.setdefault(frozenset(c.symbols), []).append(c)
        if len(sets) < 2:
            continue
        ranked = sorted(sets.values(), key=lambda g: (-len(g), g[0].key))
        base = ranked[0]
        for g in ranked[1:]:
            if frozenset(g[0].symbols) & frozenset(base[0].symbols):
                continue
            tie = len(g) == len(base)
            report("symbols", _later(g[0], base[0], tie), _earlier(g[0], base[0], tie), [], not tie)


def _beginning_conflicts(entities: list[DocumentEntity], words: dict[tuple[int, int], list[Word]],
                         report: _Reports) -> None:
    """A title cited in running text as the beginning of a listed one ("le rapport du Secrétaire
    général sur les tendances de la criminalité au niveau mondial (X)" for "Rapport ... au niveau
    mondial et les nouvelles questions ... (Y)"): eight words or more name one document."""
    listed = [c for e in entities for c in e.mentions if c.listed and c.key in words]
    for e in entities:
        for c in e.mentions:
            if c.listed or c.key not in words or len(words[c.key]) < 8:
                continue
            short = keys(words[c.key])
            for l in listed:
                full = keys(words[l.key])
                if l.paragraph.group == c.paragraph.group and len(full) > len(short) and full[:len(short)] == short \
                        and not set(l.symbols) & set(c.symbols):
                    report("symbols", max(c, l, key=lambda x: x.key), min(c, l, key=lambda x: x.key), [], False)
                    break


def _later(minority: Citation, majority: Citation, tie: bool) -> Citation:
    if not tie:
        return minority
    return max(minority, majority, key=lambda c: c.key)


def _earlier(minority: Citation, majority: Citation, tie: bool) -> Citation:
    if not tie:
        return majority
    return min(minority, majority, key=lambda c: c.key)


def _reworded(changes: list[Edit], both_listed: bool, a: list[Word], b: list[Word]) -> bool:
    """Is one title the other with a word changed (a slip), rather than the same title shortened
    in running text ("le rapport du Secrétariat sur l'application de la Convention par les États
    parties" for the listed "... de la Convention contre la criminalité transnationale organisée
    par les États parties")? Between two documentation-list entries, any difference counts."""
    if not changes:
        return False
    if both_listed:
        return True
    if len(changes) == 1 and changes[0].tag != "replace" and max(changes[0].old_words, changes[0].new_words) == 1 \
            and _inside(changes[0], a, b) and (changes[0].old or changes[0].new).lower() not in _SMALL_WORDS:
        return True  # one word dropped inside the title ("Report of the Director" for "... Executive Director")
    replaced = [e for e in changes if e.tag == "replace" and not _shortened(e)]
    if any(_misspelt_title(e) for e in replaced):
        return True  # an official title written almost right inside the other citation's title
    if len(replaced) == 1 and _number_slip(replaced[0]):
        return True  # "the report on that meetings" for "Report on the meeting of the Working Group ..."
    if not replaced or any(e.old_words > 3 or e.new_words > 3 for e in replaced):
        return False
    same = min(len(a), len(b)) - sum(max(e.old_words, e.new_words) for e in replaced)
    return same >= 0.6 * min(len(a), len(b))


_SMALL_WORDS = frozenset({"the", "of", "on", "and", "a", "an", "to", "in", "for", "le", "la", "les", "l'", "de", "du",
                          "des", "d'", "et", "sur", "en", "à", "au", "aux", "pour"})


def _inside(change: Edit, a: list[Word], b: list[Word]) -> bool:
    """The word is dropped or added inside the title, not at its ends (a title cut short)."""
    text = change.old or change.new
    longer = a if change.old else b
    words = [w.text for w in longer]
    try:
        i = words.index(text)
    except ValueError:
        return False
    return 0 < i < len(words) - 1


def _misspelt_title(e: Edit) -> bool:
    """"Organes international de contrôle des stupéfiants" where the other citation names the
    Board: one side an official title, the other side the same words but for a letter or two."""
    from rapidfuzz import fuzz  # imported once two titles differ by a replaced word

    return e.old_words != e.new_words and min(len(e.old), len(e.new)) >= 12 and fuzz.ratio(e.old.lower(), e.new.lower()) >= 90


_DETERMINERS = _SMALL_WORDS | frozenset({"that", "this", "its", "their", "ce", "cet", "cette", "ces", "sa", "son", "ses",
                                         "leur", "leurs"})


def _number_slip(e: Edit) -> bool:
    """The shorter side is the longer one shortened, but for one word put in another number
    ("meetings" where the longer says "meeting", "l'Organes" for "l'Organe international ...")."""
    from .names import same_word  # facts.names only for a number slip in question (else the title checks load it)

    short, long = sorted((e.old, e.new), key=len)
    words = set(fold_text(long).replace("'", "' ").split())
    odd = [w for w in fold_text(short).replace("'", "' ").split() if w not in words and w not in _DETERMINERS]
    return len(odd) == 1 and len(odd[0]) > 3 and any(w != odd[0] and same_word(odd[0], w) for w in words)


def _shortened(e: Edit) -> bool:
    """"Convention" for "Convention contre la criminalité transnationale organisée": one side's
    words all stand in the other, a shortening rather than another word."""
    short, long = sorted((e.old, e.new), key=len)
    words = set(fold_text(long).split())
    return bool(short.strip()) and all(w in words for w in fold_text(short).split())
