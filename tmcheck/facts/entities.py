"""Mentions linked into entities: one meeting however it is named, one document wherever it is
cited, one agenda item wherever its number stands. Mentions that share any identifier are one
entity (a union-find over the identifiers), so that "its sixth meeting ... (S)" in the annotations
and "the report on the meeting of the Working Group held on 2 and 3 July 2019 (S)" in the
documentation list are known together, and what they say is compared (meeting_conflicts.py,
item_conflicts.py, citation_conflicts.py).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Generic, Hashable, Iterable, TypeVar

from .agenda import ItemMention
from .documents import Citation
from .bodies import body_class, same_body
from .meetings import MeetingMention

T = TypeVar("T")


class UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:  # path compression keeps every later find short
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def link(items: list[T], keys) -> list[list[T]]:
    """Group ``items`` that share a key (``keys(item)`` gives an item's identifiers), in the order
    of their first item."""
    uf = UnionFind(len(items))
    first: dict[Hashable, int] = {}
    for i, item in enumerate(items):
        for key in keys(item):
            j = first.setdefault(key, i)
            if j != i:
                uf.union(i, j)
    groups: dict[int, list[T]] = {}
    for i, item in enumerate(items):
        groups.setdefault(uf.find(i), []).append(item)
    return list(groups.values())


class Entity(Generic[T]):
    """One meeting, document or agenda item, with every mention of it in document order."""

    def __init__(self, number: int, mentions: list[T]):
        self.number = number
        self.mentions = mentions


# An entity with more datings than this is compared through its commonest dating only (a list of a
# body's meetings over the years is not one meeting, and the comparisons must stay linear).
MANY_DATINGS = 12


# -- meetings -------------------------------------------------------------------------------------

def meeting_keys(analysis, mentions: list[MeetingMention]):
    # One place that names several numbered meetings ("at its 21st and resumed 27th meetings, on
    # 15 and 29 December") is a mention of each, not one meeting: there each is its own by number.
    numbers: dict[tuple[int, int, int], set] = {}
    for m in mentions:
        numbers.setdefault(m.key, set()).add(m.ordinal)
    listed = {key for key, found in numbers.items() if len(found) > 1}

    def keys(m: MeetingMention) -> Iterable[Hashable]:
        group = m.paragraph.group  # one document's meetings (a TSV of many documents has several)
        yield ("mention", m.key, m.ordinal) if m.key in listed else ("mention", m.key)
        if m.antecedent is not None:
            yield ("mention", m.antecedent)  # "that meeting" is the meeting it points to
        if m.ordinal is not None:
            yield ("ordinal", group, m.body, m.ordinal, m.kind)
        if m.report:
            yield ("report", group, m.report, m.siblings, m.position)
        if m.dates is not None:
            yield ("dates", group, m.body, m.dates.covered)
            # "le Groupe de travail ... les 19 et 20 octobre 2010" and the group's full title with
            # the same dates are one meeting.
            yield ("dates", group, body_class(analysis, m.body), m.dates.covered)
    return keys


class MeetingEntity(Entity[MeetingMention]):
    @property
    def body(self) -> str | None:
        """The body most of its mentions name, a full title rather than a generic name."""
        counts = Counter(m.body for m in self.mentions)
        return max(counts, key=lambda b: (not b.startswith("generic:"), counts[b]))

    @property
    def ordinals(self) -> set[tuple[int, str]]:
        return {(m.ordinal, m.kind) for m in self.mentions if m.ordinal is not None}

    @property
    def reports(self) -> set[str]:
        return {m.report for m in self.mentions if m.report and m.siblings == 1}

    @property
    def dated(self) -> list[MeetingMention]:
        return [m for m in self.mentions if m.dates is not None]

    def dates(self) -> frozenset[date] | None:
        """The days most of its mentions give (the widest on a tie)."""
        counts = Counter(m.dates.covered for m in self.dated)
        if not counts:
            return None
        return max(counts, key=lambda c: (counts[c], len(c)))


def link_meetings(analysis, mentions: list[MeetingMention]) -> list[MeetingEntity]:
    groups = link(mentions, meeting_keys(analysis, mentions))
    # A day of one body's meeting dated in full elsewhere ("opened on Tuesday, 6 September 2016"
    # under "Vienna, 6-8 September 2016") is that meeting, unless their numbers differ.
    uf = UnionFind(len(groups))
    by_body: dict[tuple, list[int]] = {}
    for i, g in enumerate(groups):
        if any(m.dates is not None for m in g):
            by_body.setdefault((g[0].paragraph.group, body_class(analysis, g[0].body)), []).append(i)
    for members in by_body.values():
        if len(members) > 4 * MANY_DATINGS:
            continue
        for x in members:
            for y in members:
                if x < y and _within(groups[x], groups[y]) and same_body(analysis, groups[x][0].body, groups[y][0].body):
                    uf.union(x, y)
    merged: dict[int, list[MeetingMention]] = {}
    for i, g in enumerate(groups):
        merged.setdefault(uf.find(i), []).extend(g)
    return [MeetingEntity(i, sorted(g, key=lambda m: m.key)) for i, g in enumerate(merged.values())]


def _within(a: list[MeetingMention], b: list[MeetingMention]) -> bool:
    """A single day of one inside a range of the other, and no numbers that tell them apart."""
    numbers_a = {(m.ordinal, m.kind) for m in a if m.ordinal is not None}
    numbers_b = {(m.ordinal, m.kind) for m in b if m.ordinal is not None}
    if numbers_a and numbers_b and not numbers_a & numbers_b:
        return False
    for x, y in ((a, b), (b, a)):
        for m in x:
            if m.dates is None or m.dates.mention.kind != "single":
                continue
            if any(o.dates is not None and o.dates.mention.kind == "range" and m.dates.covered <= o.dates.covered
                   for o in y):
                return True
    return False


# -- agenda items ---------------------------------------------------------------------------------

class ItemEntity(Entity[ItemMention]):
    @property
    def key(self):
        return self.mentions[0].key

    @property
    def agenda(self) -> ItemMention | None:
        return next((m for m in self.mentions if m.place == "agenda"), None)


def link_items(mentions: list[ItemMention]) -> list[ItemEntity]:
    return [ItemEntity(i, group) for i, group in enumerate(link(mentions, lambda m: ((m.label.paragraph.group, m.key),)))]


# -- documents ------------------------------------------------------------------------------------

class DocumentEntity(Entity[Citation]):
    @property
    def symbols(self) -> list[str]:
        seen: dict[str, None] = {}
        for c in self.mentions:
            for s in c.symbols:
                seen.setdefault(s)
        return list(seen)


def link_documents(citations: list[Citation]) -> list[DocumentEntity]:
    return [DocumentEntity(i, group) for i, group in
            enumerate(link(citations, lambda c: ((c.paragraph.group, s) for s in c.symbols)))]
