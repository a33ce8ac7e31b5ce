"""Conflicts between the mentions of one agenda item (entities.py links them): its title repeated
in a heading, an annotation or the programme with other words than the agenda's."""

from __future__ import annotations

import re

from ..glossary import find_terms
from ..named_tuples import NamedTuple
from .agenda import ItemMention
from .bodies import BODY_KINDS, GENERIC
from .entities import ItemEntity
from .wording import Edit, Word, comparable_pieces, edits, keys, plain_words, similarity_of


class TitleConflict(NamedTuple):
    """An item's title repeated with other words than the agenda's."""

    at: ItemMention
    agenda: ItemMention
    changes: list[Edit]
    # Another item of the agenda whose title the mention gives: its number or its title is the
    # slip (two headings swapped, a heading numbered as the item before it).
    other: ItemMention | None = None


def item_conflicts(analysis, entities: list[ItemEntity]) -> list[TitleConflict]:
    out = []
    titled: dict[tuple[str, ...], list[ItemMention]] | None = None  # the agenda's items by title, read at a first conflict
    for e in entities:
        agenda = e.agenda
        if agenda is None:
            continue
        ref = comparable_pieces(analysis, agenda.title)
        for m in e.mentions:
            if m is agenda or not m.title:
                continue
            words = comparable_pieces(analysis, m.title)
            if keys(words) == keys(ref):
                continue
            changes = [c for c in edits(ref, words) if not _body_named(analysis, c)
                       # the next column's words after the title, on a PDF row
                       and not (m.place == "programme" and c.at_end and c.new[:1].isupper())]
            if not changes:
                continue  # "Ouverture de la sixième session" under "... session de la Conférence"
            if m.place == "programme" and len(words) >= 4 and keys(words) == keys(ref)[:len(words)]:
                continue  # a long title cut short to fit its cell
            if m.place == "programme" and len(words) > len(ref) and keys(words)[:len(ref)] == keys(ref) \
                    and words[len(ref)].text[:1].isupper():
                continue  # the whole title, then the next column's words on the same PDF line
            # A numbered paragraph of prose is no repetition of the title; a heading or a cell of
            # the organization of work beside an item's number is one, however short.
            # Compared in plain words: "Transnational Narcotics Control Board" is a near miss of the
            # Board the agenda names, however unlike the entity it is.
            plain = similarity_of(plain_words(agenda.title), plain_words(m.title))
            if plain < (30 if m.place == "programme" or _heading(m, ref, words) else 60):
                continue
            if titled is None:
                titled = _agenda_titles(analysis, entities)
            out.append(TitleConflict(m, agenda, changes, next(
                (a for a in titled.get(tuple(keys(words)), ()) if a.key != agenda.key), None)))
    out.sort(key=lambda c: (c.at.title[0].paragraph.index, c.at.title[0].start))
    return out


def _agenda_titles(analysis, entities: list[ItemEntity]) -> dict[tuple[str, ...], list[ItemMention]]:
    """The agenda's items by the words of their titles: where a repetition gives another item's
    title word for word, its number or its title is the slip."""
    out: dict[tuple[str, ...], list[ItemMention]] = {}
    for e in entities:
        if e.agenda is not None:
            out.setdefault(tuple(keys(comparable_pieces(analysis, e.agenda.title))), []).append(e.agenda)
    return out


def _heading(m: ItemMention, ref: list[Word], words: list[Word]) -> bool:
    """An annotation heading rather than a numbered paragraph: set as a heading, or one short
    line without a full stop."""
    if m.label.paragraph.kind == "heading":
        return True
    text = m.title_text().rstrip()
    return not text.endswith(".") and len(words) <= 1.5 * len(ref) + 2


_OF = re.compile(r"(?:of the|of|de la|de l'|du|des|d')\s+(.+)", re.I)


def _body_named(analysis, change: Edit) -> bool:
    """An added or dropped "of the Conference"/"de la Commission": the body whose item it is, which
    a heading or a cell may leave out (an official short title)."""
    if change.tag == "replace":
        return False
    m = _OF.fullmatch(change.old or change.new)
    if not m:
        return False
    rest = m.group(1)
    if GENERIC[analysis.lang].fullmatch(rest):
        return True
    found = find_terms(analysis.glossary, rest, analysis.lang)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(rest) and \
        analysis.glossary.entry(found[0].entry_id).kind in BODY_KINDS
