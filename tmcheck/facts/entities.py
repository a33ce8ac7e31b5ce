"""Mentions linked into entities: one meeting however it is named, one document wherever it is
cited. Mentions that share any identifier are one entity (a union-find over the identifiers), so
that "its sixth meeting ... (S)" in the annotations and "the report on the meeting of the Working
Group held on 2 and 3 July 2019 (S)" in the documentation list are known together, and what they
say is compared.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Generic, Hashable, Iterable, NamedTuple, TypeVar

import re

from ..documents.folding import fold_text
from ..glossary import find_terms
from .agenda import ItemMention
from .documents import Citation
from .meetings import BODY_KINDS, GENERIC, MeetingMention, body_class, same_body
from .wording import Edit, Word, comparable, comparable_pieces, edits, keys, plain_words, similarity_of

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


# -- meetings -------------------------------------------------------------------------------------

def meeting_keys(analysis):
    def keys(m: MeetingMention) -> Iterable[Hashable]:
        group = m.paragraph.group  # one document's meetings (a TSV of many documents has several)
        yield ("mention", m.key)
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
    groups = link(mentions, meeting_keys(analysis))
    # A day of one body's meeting dated in full elsewhere ("opened on Tuesday, 6 September 2016"
    # under "Vienna, 6-8 September 2016") is that meeting, unless their numbers differ.
    uf = UnionFind(len(groups))
    by_body: dict[tuple, list[int]] = {}
    for i, g in enumerate(groups):
        if any(m.dates is not None for m in g):
            by_body.setdefault((g[0].paragraph.group, body_class(analysis, g[0].body)), []).append(i)
    for members in by_body.values():
        if len(members) > 4 * _MANY:
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


class DateConflict(NamedTuple):
    """Two mentions of one meeting (or two near-identical datings of one body's meeting) whose
    dates disagree: ``at`` is where to report it, ``other`` the place it disagrees with."""

    at: MeetingMention
    other: MeetingMention
    entity: MeetingEntity
    linked: bool  # the two mentions share an identifier (else: same body, near-identical dates)


def compatible(a: MeetingMention, b: MeetingMention) -> bool:
    """The same days, or a day (or days) of a meeting that another place dates in full ("le lundi
    23 mai" for its opening, "du 23 au 27 mai" for the session); two ranges must be the same."""
    x, y = a.dates.covered, b.dates.covered
    if x == y:
        return True
    kinds = (a.dates.mention.kind, b.dates.mention.kind)
    if kinds == ("range", "range"):
        return False
    if kinds == ("single", "single"):
        # Days named alone ("lundi 15 octobre" for the opening, "vendredi 19 octobre" for the
        # report): days of one session, unless they lie too far apart to be.
        days = sorted(x | y)
        return (days[-1] - days[0]).days <= 14
    return x <= y or y <= x


def near_identical(a: MeetingMention, b: MeetingMention) -> bool:
    """Datings that differ in one of day, month or year only (a slip), as opposed to two meetings
    of one body: "les 19 et 20 octobre 2010" and "les 19 et 20 octobre 2011", or "du 17 au 21
    octobre" and "du 17 au 21 novembre", but not "le 4 juillet" and "le 15 février"."""
    # Compared by their first and last days, so that "du 6 au 8 septembre" and "les 6, 7 et 8
    # septembre" are written alike.
    x, y = sorted(a.dates.covered), sorted(b.dates.covered)
    pairs = [(x[0], y[0]), (x[-1], y[-1])]
    differs = {
        "year": any(p.year != q.year for p, q in pairs),
        "month": any(p.month != q.month for p, q in pairs),
        "day": any(p.day != q.day for p, q in pairs),
    }
    if sum(differs.values()) != 1:
        return False
    if differs["day"]:
        return bool(a.dates.covered & b.dates.covered)  # overlapping days; two meetings of a month stay apart
    return True


# An entity with more datings than this is compared through its commonest dating only (a list of a
# body's meetings over the years is not one meeting, and the comparisons must stay linear).
_MANY = 12


def meeting_conflicts(analysis, entities: list[MeetingEntity]) -> list[DateConflict]:
    out: list[DateConflict] = []
    reported: set[tuple[int, int, int]] = set()

    def report(at: MeetingMention, other: MeetingMention, entity: MeetingEntity, linked: bool) -> None:
        if at.key not in reported:
            reported.add(at.key)
            out.append(DateConflict(at, other, entity, linked))

    # One meeting, two datings: each dating against the principal one (the commonest, the widest
    # on a tie), so that an opening day and a closing day each within the session are no conflict.
    for e in entities:
        groups: dict[frozenset[date], list[MeetingMention]] = {}
        for m in e.dated:
            groups.setdefault(m.dates.covered, []).append(m)
        if len(groups) < 2:
            continue
        ranked = sorted(groups.values(), key=lambda ms: (-len(ms), -len(ms[0].dates.covered), ms[0].key))
        principal = ranked[0]
        for ms in ranked[1:_MANY]:
            if compatible(ms[0], principal[0]):
                continue
            if all(_same_sentence(m, o) for m in ms for o in principal):
                continue
            at, other = _where(ms, principal, len(ms) == len(principal))
            report(at, other, e, True)

    # One body's meeting dated twice with one slip, the two places sharing no identifier (the slip
    # broke the link "same body, same dates").
    by_body: dict[str, list[MeetingEntity]] = {}
    for e in entities:
        if e.dated:
            by_body.setdefault((e.mentions[0].paragraph.group, body_class(analysis, e.body)), []).append(e)
    for group in by_body.values():
        if len(group) < 2 or len(group) > 4 * _MANY:
            continue
        for i, e in enumerate(group):
            for f in group[:i]:
                if _distinct(e, f) or not same_body(analysis, e.body, f.body):
                    continue
                pair = _near_pair(e, f)
                if pair:
                    m, o = pair
                    at, other = _where([m] * len(e.dated), [o] * len(f.dated), len(e.dated) == len(f.dated))
                    report(at, other, e if at is m else f, False)
    out.sort(key=lambda c: c.at.key)
    return out


class MentionConflict(NamedTuple):
    """Two mentions of one meeting that name it otherwise: its report under two symbols, or a
    "session" here and a "meeting" there."""

    at: MeetingMention
    other: MeetingMention
    entity: MeetingEntity


def report_conflicts(entities: list[MeetingEntity]) -> list[MentionConflict]:
    """The report on one meeting cited under two symbols of one series ("CTOC/COP/WG.4/2015/6"
    here, ".../7" there); two series (E/2016/28 and E/CN.7/2016/15, the same report under the
    Council's and the Commission's symbols) are no slip."""
    out = []
    for e in entities:
        cited = [m for m in e.mentions if m.report and m.report_span and m.siblings == 1]
        by_symbol: dict[str, list[MeetingMention]] = {}
        for m in cited:
            by_symbol.setdefault(m.report, []).append(m)
        if len(by_symbol) < 2:
            continue
        ranked = sorted(by_symbol.values(), key=lambda ms: (-len(ms), ms[0].key))
        for ms in ranked[1:]:
            if ms[0].report.rsplit("/", 1)[0] != ranked[0][0].report.rsplit("/", 1)[0]:
                continue
            at, other = _where(ms, ranked[0], len(ms) == len(ranked[0]))
            out.append(MentionConflict(at, other, e))
    return out


_NAMED_KINDS = ("meeting", "session")


def kind_conflicts(entities: list[MeetingEntity]) -> list[MentionConflict]:
    """One meeting called a session in one place and a meeting in another, the two places giving
    it the same days (an opening meeting on one day of a session is another thing), or "that
    session" pointing back to a meeting."""
    out = []
    for e in entities:
        keyed = {m.key: m for m in e.mentions}
        for m in e.mentions:
            first = keyed.get(m.antecedent) if m.antecedent else None
            if first is not None and m.kind != first.kind and m.kind in _NAMED_KINDS and first.kind in _NAMED_KINDS:
                out.append(MentionConflict(m, first, e))
        by_days: dict[frozenset[date], dict[str, list[MeetingMention]]] = {}
        for m in e.dated:
            if m.kind in _NAMED_KINDS:
                by_days.setdefault(m.dates.covered, {}).setdefault(m.kind, []).append(m)
        for kinds in by_days.values():
            if len(kinds) < 2:
                continue
            (k1, a), (k2, b) = sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[1][0].key))[:2]
            at, other = _where(b, a, len(a) == len(b))
            out.append(MentionConflict(at, other, e))
    out.sort(key=lambda c: c.at.key)
    return out


def _where(ms: list[MeetingMention], others: list[MeetingMention], tie: bool):
    """(where to report, the place it disagrees with): the fewer datings are the odd ones."""
    if not tie and len(ms) < len(others):
        return ms[0], others[0]
    if not tie:
        return others[0], ms[0]
    a, b = ms[-1], others[-1]
    return (a, b) if a.key > b.key else (b, a)


def _same_sentence(a: MeetingMention, b: MeetingMention) -> bool:
    return a.paragraph.index == b.paragraph.index and a.sentence == b.sentence


def _distinct(e: MeetingEntity, f: MeetingEntity) -> bool:
    """Two meetings that say they are different: other numbers, or other reports."""
    if e.ordinals and f.ordinals and not (e.ordinals & f.ordinals):
        return True
    if e.reports and f.reports and not (e.reports & f.reports):
        return True
    return False


def _near_pair(e: MeetingEntity, f: MeetingEntity):
    for m in e.dated[:_MANY]:
        for o in f.dated[:_MANY]:
            if not compatible(m, o) and near_identical(m, o) and not _same_sentence(m, o):
                return m, o
    return None


# -- agenda items ---------------------------------------------------------------------------------

class ItemEntity(Entity[ItemMention]):
    @property
    def key(self):
        return self.mentions[0].key

    @property
    def agenda(self) -> ItemMention | None:
        return next((m for m in self.mentions if m.place == "agenda"), None)


class TitleConflict(NamedTuple):
    """An item's title repeated with other words than the agenda's."""

    at: ItemMention
    agenda: ItemMention
    changes: list[Edit]


def link_items(mentions: list[ItemMention]) -> list[ItemEntity]:
    return [ItemEntity(i, group) for i, group in enumerate(link(mentions, lambda m: ((m.label.paragraph.group, m.key),)))]


def item_conflicts(analysis, entities: list[ItemEntity]) -> list[TitleConflict]:
    out = []
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
            out.append(TitleConflict(m, agenda, changes))
    out.sort(key=lambda c: (c.at.title[0].paragraph.index, c.at.title[0].start))
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


# -- documents ------------------------------------------------------------------------------------

class DocumentEntity(Entity[Citation]):
    @property
    def symbols(self) -> list[str]:
        seen: dict[str, None] = {}
        for c in self.mentions:
            for s in c.symbols:
                seen.setdefault(s)
        return list(seen)


class CitationConflict(NamedTuple):
    """One document cited two ways: ``kind`` "title" (one symbol, two titles) or "symbols" (a joint
    document with another second symbol, or one title under two symbols)."""

    kind: str
    at: Citation
    other: Citation
    changes: list[Edit]
    sure: bool = True  # the other place is the majority's, so its form is the one to suggest


def link_documents(citations: list[Citation]) -> list[DocumentEntity]:
    return [DocumentEntity(i, group) for i, group in
            enumerate(link(citations, lambda c: ((c.paragraph.group, s) for s in c.symbols)))]


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
    from rapidfuzz import fuzz

    return e.old_words != e.new_words and min(len(e.old), len(e.new)) >= 12 and fuzz.ratio(e.old.lower(), e.new.lower()) >= 90


_DETERMINERS = _SMALL_WORDS | frozenset({"that", "this", "its", "their", "ce", "cet", "cette", "ces", "sa", "son", "ses",
                                         "leur", "leurs"})


def _number_slip(e: Edit) -> bool:
    """The shorter side is the longer one shortened, but for one word put in another number
    ("meetings" where the longer says "meeting", "l'Organes" for "l'Organe international ...")."""
    from .names import same_word

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
