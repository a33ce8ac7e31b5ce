"""TM103, TM403: the source's official acronyms and glossary terms must have their counterparts in
the translation."""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain

from ..facts.acronyms import base, slip, spelt_out
from ..facts.analysis import Analysis, PairAnalysis
from ..lang.text import OF_THE, fold_text
from ..named_tuples import NamedTuple
from .acronym_evidence import document_acronyms
from .acronym_slips import required
from .acronym_tokens import in_name, occurrences, paragraph_tokens, tokens_by_paragraph
from .acronym_verdicts import best_candidate
from ..i18n import _
from .base import PairRule
from .term_forms import asks_for_title, attempted, capitalised_as_written, loose_pattern


def _tokens_in(analysis: Analysis, pieces, tokens=tokens_by_paragraph) -> list:
    """The acronym tokens of the pieces (``tokens``: those of a paragraph, see acronym_tokens)."""
    return [t for p in pieces for t in tokens(analysis, p.paragraph) if p.start <= t.start and t.end <= p.end]


def _counterparts(g, lang: str, acronym: str) -> tuple[str, ...]:
    """Every entry with this acronym in this language (ILO is the Organization and the Office),
    singular or plural ("NGOs" is NGO)."""
    def build():
        table: dict[tuple[str, str], list[str]] = {}
        for e in g.entries.values():
            for side_lang in ("fr", "en"):
                a = e.side(side_lang).acronym
                if a:
                    table.setdefault((side_lang, base(a)), []).append(e.id)
        return table

    return tuple(g.derived("pair-terms:acronym-entries", build).get((lang, base(acronym)), ()))


def _naming_shorts(g, entry_id: str, lang: str) -> tuple[str, ...]:
    """The entry's short forms that name it alone ("Nations Unies"), not the ones every body of
    its kind shares ("le Groupe de travail"): what the index calls "short", not "generic"."""
    def build():
        table: dict[tuple[str, str], list[str]] = {}
        for form_lang, automaton in g.automata.items():
            for _key, (_length, values) in (automaton.items() if automaton is not None else ()):
                for e, role, form in values:
                    if role == "short":
                        table.setdefault((e, form_lang), []).append(form)
        return table

    return tuple(g.derived("pair-terms:naming-shorts", build).get((entry_id, lang), ()))


def _entries_named(analysis: Analysis, pieces) -> set[str]:
    """Entries the pieces name by a glossary form of their own ("the Working Group" names none; a
    forbidden variant does name its entry: TM401 reports it)."""
    out = set()
    for piece in pieces:
        for t in analysis.terms(piece.paragraph):
            if piece.start <= t.start and t.end <= piece.end and t.role not in ("other-language", "generic"):
                out.add(t.entry_id)
    return out


def _namings(analysis: Analysis, pieces, tokens) -> Counter:
    """How many times the pieces name each entry: by its acronym (``tokens``) or a glossary form of
    its own (as _entries_named)."""
    g, lang = analysis.glossary, analysis.lang
    out: Counter = Counter()
    for t in tokens:
        if not t.joined:
            for e in _counterparts(g, lang, t.text):
                out[e] += 1
    for piece in pieces:
        for t in analysis.terms(piece.paragraph):
            if piece.start <= t.start and t.end <= piece.end and t.role not in ("other-language", "generic"):
                out[t.entry_id] += 1
    return out


class AcronymMissing(PairRule):
    """An official acronym of the source that the translation gives wrong: misspelled (a letter
    dropped, inserted, swapped, replaced or doubled, a space inside), left in the source's language,
    or replaced by another body's acronym (PNUD in the source, UNEP where UNDP was due).

    Why:
        Each language version uses its own acronym for the same body, and the source says which:
        "AIEA" asks for "IAEA", "ONUDC" for "UNODC". A word of the translation one or two slips from
        that acronym is a misspelling of it, however short ("WH O", "IAE", "UNPD"); another body's
        acronym in its place is a wrong fact. An acronym left out is the translator's choice ("the
        Agency", "it"), and so is the title written out in full. The acronyms nobody put in the
        glossary count too: one written the same on both sides ("MINUSMA") must not be misspelled.
        Its letters in another order are its slip where the document writes it as the source
        does, and likely one (a warning, its fix to confirm) where nothing in the translation
        spells the new order out or defines it: a body may be renamed so between the languages, the
        adjective after the noun in French (the glossary has those UN texts cite: RDC for DRC).

    Fix:
        Give the translation the acronym of its language (the suggestion).

    Bad (fr):
        L'ONUDC et le PNUD ont organisé un atelier régional.
        ->
        UNODC and UNEP organized a regional workshop.

    Good (fr):
        L'ONUDC et le PNUD ont organisé un atelier régional.
        ->
        UNODC and UNDP organized a regional workshop.

    Bad (en):
        UNODC and UNDP organized a regional workshop with WHO.
        ->
        L'ONUDC et le PNUD ont organisé un atelier régional avec l'OSM.

    Good (en):
        UNODC and UNDP organized a regional workshop with WHO.
        ->
        L'ONUDC et le PNUD ont organisé un atelier régional avec l'OMS.
    """

    code = "TM103"
    name = "acronym-missing"
    severity = "error"

    def check(self, pa: PairAnalysis):
        g = pa.glossary
        sl, tl = pa.source_lang, pa.target_lang
        for pair in pa.pairs:
            tgt = _tokens_in(pa.target, pair.target)
            if not tgt:
                continue
            # The source is read only where the translation has an acronym: paragraph by paragraph.
            src = [t for t in _tokens_in(pa.source, pair.source, paragraph_tokens) if not t.joined]
            # Acronyms are counted singular and plural alike ("NGOs" is NGO, "MDG" is MDGs).
            src_count = Counter(base(t.text) for t in src)
            tgt_count = Counter(base(t.text) for t in tgt if not t.joined)
            # What the source names, by acronym or in full, and how many times.
            named_src = _namings(pa.source, pair.source, src)
            expected = self._expected(g, sl, tl, src_count, named_src, lambda: _namings(pa.target, pair.target, tgt))
            reported: set[int] = set()
            # Also where the source has no acronym at all ("le secrétariat du Fonds" for "the CERF
            # secretariat"): a word of the translation can then only name a body the document names.
            for f in chain(self._slips(pa, tgt, expected, src_count, tgt_count, reported),
                           self._strangers(pa, pair, src, set(named_src), tgt, set(tgt_count), reported)):
                # A misspelt acronym is replaced with certainty; a real one in its place (the
                # source's left untranslated, or another body's) is not: the words around it may
                # have to change ("l'UNDP" is "le PNUD"), or the source may be the one that is wrong.
                if base(f.text) in _known_bases(g):
                    f.applicability = "unsafe"
                yield f

    @staticmethod
    def _expected(g, sl, tl, src_count, named_src, target_namings) -> dict[str, tuple[str, str, bool, bool]]:
        """The target acronyms of the bodies the source names (by acronym or title): base form ->
        (acronym, what the source wrote: its acronym or the title, whether it wrote the acronym,
        whether the translation names the body fewer times than the source)."""
        out: dict[str, tuple[str, str, bool, bool]] = {}
        named_tgt = None
        for entry_id in sorted(named_src):
            entry = g.entry(entry_id)
            want = entry.side(tl).acronym
            if not want or len(base(want)) < 3:
                continue
            if named_tgt is None:
                named_tgt = target_namings()
            written = [w for w in src_count if entry_id in _counterparts(g, sl, w)]
            # ILO is the Organization and the Office: either will do.
            alike = {entry_id} | {e for w in written for e in _counterparts(g, sl, w)}
            lacking = sum(named_tgt[e] for e in alike) < named_src[entry_id]
            key = base(want)
            value = (want, written[0] if written else entry.side(sl).term, bool(written), lacking)
            if key not in out or (lacking and not out[key][3]):
                out[key] = value
        return out

    def _slips(self, pa, tgt, expected, src_count, tgt_count, reported):
        """Words of the translation that misspell an acronym the source asks for, or leave the
        source's acronym untranslated where the glossary knows the right one."""
        g = pa.glossary
        scope = _slip_scope(pa, expected, src_count, tgt_count)
        expected = scope.expected
        written = occurrences(pa.target)
        covered = (None, -1)  # a split acronym reported: its pieces are not reported again
        for t in tgt:
            if t.paragraph is covered[0] and t.start < covered[1]:
                continue
            word = t.joined or base(t.text)
            if t.joined:
                hit = word if word in expected or word in scope.shared else None
            elif word in scope.left and word not in scope.own:
                if g.entry(scope.left_entry[word]).kind == "term" and in_name(t):
                    continue  # "MAC AIDS Fund", "Beyond GDP": a name keeps its acronym
                # The source's language's acronym in the translation (TM102 says so too).
                right = expected[scope.left[word]][0]
                reported.add(id(t))
                yield self.finding(pa.target, t.paragraph, t.start, t.end,
                                   _("'{written}' is the source's acronym; in the translation write '{right}'").format(
                                       written=t.text, right=right), right)
                continue
            elif word in scope.known or word in src_count:
                continue
            elif any(sorted(word) == sorted(u) and not _swapped_shared(word, u, t, written, pa) for u in scope.foreign):
                continue  # RDH for the source's HDR: the other language's order of its letters
            else:
                hit = _closest(word, expected, {u for u in scope.alike if _shared_here(u, t, written) or
                                                not _permutation(word, u) or _swapped_shared(word, u, t, written, pa)},
                               scope.shared)
            if not hit and scope.explicit and not t.joined and t.text.isupper():
                # The source has no acronym in this word's place: the translator named a body the
                # source calls "le Fonds", "elle"... and the word can only be one the document names.
                finding = self._unsourced(pa, t)
                if finding is not None:
                    reported.add(id(t))
                    yield finding
                continue
            if not hit:
                continue
            acronym, source_form = expected[hit][:2] if hit in expected else (hit, hit)
            reported.add(id(t))
            if t.joined:
                covered = (t.paragraph, t.end)
            # Letters in another order with nothing in the document to show the order is a slip (a
            # translation that spells the new order out was passed over): the likely case, not a
            # certain one; a body the glossary lacks may be renamed so (RDC for DRC).
            reordered = hit not in expected and _permutation(word, hit) and not _shared_here(hit, t, written)
            if reordered:
                message = _("'{written}' has the letters of the source's '{right}' in another order: a slip, "
                            "unless the translation's language orders the name so").format(
                    written=t.text, right=acronym)
            elif source_form == acronym:  # an acronym written alike in both languages
                message = _("'{written}' misspells '{right}', as the source writes it").format(
                    written=t.text, right=acronym)
            else:
                message = _("'{written}' misspells '{right}', the acronym of the source's '{source}'").format(
                    written=t.text, right=acronym, source=source_form)
            finding = self.finding(pa.target, t.paragraph, t.start, t.end, message, acronym)
            if reordered:
                finding.severity = "warning"
                finding.applicability = "unsafe"
            yield finding

    def _unsourced(self, pa, t):
        """A word of the translation where the source has no acronym, as the misspelling of one the
        document names nearby (with the source's point for it), or None.

        The source calls the body "le Fonds", "elle", "le Bureau": words that point back to a body
        named a few paragraphs before, not to one a long document or a file of many documents
        names somewhere (there, the source's own words in full, "République centrafricaine" for
        the translation's CAR, are the likelier reading)."""
        doc = document_acronyms(pa.target).get(t.paragraph.group)
        if doc is None or t.text in doc.defined:
            return None
        v = best_candidate(pa.target, t, bonus=1, reach=_ANTECEDENT_REACH)
        # Only where that point decides: a slip the document alone shows is TM101's.
        if v is None or v.kind != "slip" or best_candidate(pa.target, t) is not None:
            return None
        return self.finding(pa.target, t.paragraph, t.start, t.end,
                            _("'{written}' misspells '{right}' (the source has no acronym in its "
                              "place)").format(written=t.text, right=v.suggestion), v.suggestion)

    def _strangers(self, pa, pair, src, named_src, tgt, tgt_words, reported):
        """Another body's acronym where the source's was due."""
        g = pa.glossary
        sl, tl = pa.source_lang, pa.target_lang
        src_words = {t.text for t in src}
        strangers = sorted(w for w in tgt_words if w in g.acronyms.get(tl, {})
                           and not (set(_counterparts(g, tl, w)) & named_src) and w not in src_words)
        if not strangers or not src:
            return
        tgt_named = None
        done = set()
        for t in src:
            entry_id = g.acronyms.get(sl, {}).get(t.text)
            if not entry_id or entry_id in done:
                continue
            entry = g.entry(entry_id)
            if entry.kind == "term":
                continue
            expected = entry.side(tl).acronym
            alternatives = {g.entry(e).side(tl).acronym for e in _counterparts(g, sl, t.text)}
            if not expected or (alternatives & tgt_words) or t.text in tgt_words:
                continue  # present (or the source's own acronym left there: TM102 says so)
            if tgt_named is None:
                tgt_named = _entries_named(pa.target, pair.target)
            if entry_id in tgt_named:
                continue  # written out in full
            where = next((x for x in tgt if x.text in strangers and id(x) not in reported), None)
            if where is None:
                continue
            done.add(entry_id)
            reported.add(id(where))
            yield self.finding(pa.target, where.paragraph, where.start, where.end,
                               _("'{source}' in the source has no counterpart in the translation, which has "
                                 "'{written}'; expected '{right}'").format(source=t.text, written=where.text,
                                                                          right=expected), expected)


_ROMAN = re.compile(r"^[IVXLCDM]+$")
# How far back, and on, in paragraphs, the body a generic word or a pronoun of the source stands
# for is named (AcronymMissing._unsourced).
_ANTECEDENT_REACH = 10


class _SlipScope(NamedTuple):
    """What AcronymMissing._slips compares the words of the translation with."""

    expected: dict  # AcronymMissing._expected, narrowed to the bodies named less often where shared
    shared: set  # of alike, those the translation writes fewer times than the source (one may be misspelt)
    alike: set  # the source's acronyms the glossary does not know, which both languages write alike
    explicit: bool  # no shared acronym: every acronym of the source has its counterpart
    foreign: set  # the source's acronyms the glossary does not know and the translation does not write
    left: dict  # the source language's acronym (base form) of a body expected -> its key in expected
    left_entry: dict  # the same -> the body's entry
    own: set  # base forms of the translation language's acronyms
    known: set  # _known_bases


def _slip_scope(pa: PairAnalysis, expected, src_count, tgt_count) -> _SlipScope:
    g, tl = pa.glossary, pa.target_lang
    known = _known_bases(g)
    own = g.derived(f"pair-terms:own-bases:{tl}", lambda: {base(a) for a in g.acronyms.get(tl, {})})
    # Acronyms the source writes that the glossary does not know, written alike on both sides
    # ("MINUSMA", "FARDC"): a word of the translation one slip from one of them is its slip, also
    # where the translation writes the acronym as often as the source or more ("les HMS Argyll et
    # Severn": "HMS Argyll and HMS Severn").
    alike = {w for w in src_count if w not in known and len(w) >= 3 and w.isalpha() and w.isupper()
             and not _ROMAN.match(w)}
    # Those the translation writes fewer times than the source: one of them is missing.
    shared = {w for w in alike if tgt_count[w] < src_count[w]}
    # Where the translation names a body as often as the source does, a word one slip from its
    # acronym may be another body's acronym the source also writes ("PNUD et GNUD": UNDP and
    # UNDG); when every acronym of the source has its counterpart, it can only be a slip (the
    # translation may write "IAEA" twice where the source has "l'AIEA" and "son budget").
    explicit = not shared
    # The source's acronyms the glossary does not know and the translation does not write.
    foreign = {w for w, n in src_count.items() if w not in known and tgt_count[w] < n}
    if shared:
        expected = {k: v for k, v in expected.items() if v[3]}
    # The source language's acronyms of the bodies expected: "VIH" where "HIV" is due.
    left, left_entry = {}, {}
    for key, (want, _written, _by_acronym, lacking) in expected.items():
        if not lacking:
            continue
        for e in _counterparts(g, tl, want):
            theirs = g.entry(e).side(pa.source_lang).acronym
            if theirs and base(theirs) != key:
                left.setdefault(base(theirs), key)
                left_entry.setdefault(base(theirs), e)
    return _SlipScope(expected, shared, alike, explicit, foreign, left, left_entry, own, known)


def _known_bases(g) -> set[str]:
    """The base forms of every acronym the glossary knows, in either language."""
    return g.derived("pair-terms:known-bases", lambda: {base(a) for a in g.known_acronyms})


def _closest(word: str, expected: dict, shared: set[str], missing: set[str]) -> str | None:
    """The acronym the source asks for (a base form) that ``word`` misspells, or None, also when
    two are equally close. The source is the evidence every close call needs (see acronym_slips.required);
    one the source writes as an acronym goes before one it names by a title ("UNODC" before the
    "United Nations" of "United Nations System Staff College" for "ONUC"). An acronym the glossary
    does not know counts for one slip or two letters inserted; two neighbouring letters swapped
    only reach here when the translation gives that order no title (see _swapped_shared).
    Between two as close, the one the translation writes fewer times than the source (``missing``,
    or a body it names less often) is the one misspelt: "HCF" beside "HFC" where the source has
    "HFC" and "HCFC" is HCFC's slip."""
    found = []
    for acronym in list(expected) + sorted(shared - set(expected)):
        s = slip(word, acronym)
        if s is None or required(s, acronym, word) is None:
            continue
        if acronym not in expected and s.edits > 1 and s.kind != "insert2":
            continue
        by_title = acronym in expected and not expected[acronym][2]
        present = not (expected[acronym][3] if acronym in expected else acronym in missing)
        found.append(((s.edits, present, by_title), acronym))
    if not found:
        return None
    found.sort()
    if len(found) > 1 and found[0][0] == found[1][0]:
        return None
    return found[0][1]


def _permutation(word: str, acronym: str) -> bool:
    return word.upper() != acronym and sorted(word.upper()) == sorted(acronym)


def _shared_here(acronym: str, t, written) -> bool:
    """Does the translation write the source's acronym as the source does, in this document?"""
    return bool(written.get((t.paragraph.group, acronym)))


def _swapped_shared(word: str, acronym: str, t, written, pa) -> bool:
    """Two neighbouring letters of an acronym the glossary does not know swapped: a slip unless the
    translation gives the new order a title of its own. A noun and its adjective change places
    between English and French (AQIM / AQMI, AQAP / AQPA), and a translation that renames a body
    spells the new acronym out ("Al-Qaida au Maghreb islamique (AQMI)") or defines it; the bodies
    that are renamed so in UN usage are in the glossary (twenty pairs, AIEA / IAEA to UE / EU), so
    an unknown acronym in another order with no title to fit it is a slip. A document that writes
    MINUSMA elsewhere as the source does shows at once that its language keeps the source's order."""
    d = [i for i, (a, b) in enumerate(zip(word.upper(), acronym)) if a != b]
    if len(word) != len(acronym) or len(d) != 2 or d[1] != d[0] + 1:
        return False
    return _shared_here(acronym, t, written) or not _titled(word, t, pa)


def _titled(word: str, t, pa) -> bool:
    """Does the translation spell the word out in its paragraph, or define it in its document?"""
    if spelt_out(word, t.paragraph.text):
        return True
    # A definition elsewhere in the document, if its title spells the word out: definitions
    # accept titles that give two letters of a word and none of the next ("Mission
    # multidimensionnelle intégrée ... (MINUSMA)") and even a title in the other language, which
    # the letters in another order fit as well ("lysergic acid diethylamide (SLD)").
    doc = document_acronyms(pa.target).get(t.paragraph.group)
    definition = doc.defined.get(word) if doc is not None else None
    return definition is not None and spelt_out(word, definition.title)


class TermMissing(PairRule):
    """A glossary title or term in the source whose official translation is not in the translation.

    Why:
        Official titles are translated once, by the body that owns them ("Working Group on
        Trafficking in Persons" is "Groupe de travail sur la traite des personnes"); a translation
        that renders them another way is wrong even when it reads well. Case, accents, plural
        endings and elision are tolerated.

    Fix:
        Use the official title in the translation (the suggestion).

    Bad (fr):
        Le Groupe de travail sur la traite des personnes se réunira à Vienne.
        ->
        The Working Group on People Trafficking will meet in Vienna.

    Good (fr):
        Le Groupe de travail sur la traite des personnes se réunira à Vienne.
        ->
        The Working Group on Trafficking in Persons will meet in Vienna.

    Bad (en):
        The Commission on Narcotic Drugs adopted the resolution.
        ->
        La Commission sur les stupéfiants a adopté la résolution.

    Good (en):
        The Commission on Narcotic Drugs adopted the resolution.
        ->
        La Commission des stupéfiants a adopté la résolution.
    """

    code = "TM403"
    name = "term-missing"
    severity = "warning"
    local = True

    def check(self, pa: PairAnalysis):
        g = pa.glossary
        tl = pa.target_lang
        patterns = g.derived("pair-terms:loose", dict)  # (form, language) -> pattern
        for pair in pa.pairs:
            wanted = {}
            offices = {}  # a wanted title -> the organ it names the organization of
            for piece in pair.source:
                text = piece.paragraph.text
                before = None
                for t in pa.source.terms(piece.paragraph):
                    # Official titles of three words or more: "the Council", "il" or "States" for
                    # "Security Council", "General Assembly" or "States parties" are the translator's
                    # to choose, a body's title rendered another way is not.
                    if (piece.start <= t.start and t.end <= piece.end and t.role == "term"
                            and asks_for_title(g.entry(t.entry_id), t.form)
                            and capitalised_as_written(t.form, text[t.start:t.end])):
                        wanted.setdefault(t.entry_id, t)
                        if before is not None and _organ_of(g, before, t, text):
                            offices.setdefault(t.entry_id, before.entry_id)
                    before = t
            if not wanted:
                continue
            named = _entries_named(pa.target, pair.target)
            folded = tgt_tokens = None
            for entry_id, match in wanted.items():
                if entry_id in named or offices.get(entry_id) in named:
                    # ("the Secretary-General" for "le Secrétaire général de l'Organisation des
                    # Nations Unies": the organ named, the organization it belongs to goes without
                    # saying)
                    continue
                entry = g.entry(entry_id)
                side = entry.side(tl)
                if folded is None:
                    folded = fold_text(pair.target_text)
                forms = (side.term, *_naming_shorts(g, entry_id, tl))
                if any((patterns.setdefault((f, tl), loose_pattern(f, tl))).search(folded) for f in forms):
                    continue
                if any(_runs_across(pa, pair, patterns[(f, tl)]) for f in forms):
                    continue
                if side.acronym:
                    # The acronym alone is a fair rendering ("DPKO" for "Département des opérations
                    # de maintien de la paix"), unless the translation tried the title and got it
                    # wrong ("United Countries Development Programme (UNDP)").
                    if tgt_tokens is None:
                        # Rarely asked: the paragraphs' own tokens, not the whole draft's (a
                        # slice judged in a worker process has not found them).
                        tgt_tokens = {t[3] for t in _tokens_in(pa.target, pair.target, paragraph_tokens)}
                    if side.acronym in tgt_tokens and not attempted(side.term, folded):
                        continue
                first = pair.target[0]
                yield self.finding(pa.target, first.paragraph, first.start, first.end,
                                   _("'{source}' in the source: the translation does not use the official "
                                     "'{right}'").format(source=match.form, right=side.term),
                                   side.term)



def _organ_of(g, organ, t, text: str) -> bool:
    """Does the match ``t`` name the organization the organ just before it belongs to ("le
    Secrétaire général de l'Organisation des Nations Unies", "the General Assembly of the United
    Nations")?"""
    if organ.end > t.start or g.entry(organ.entry_id).kind != "organ":
        return False
    if not OF_THE.fullmatch(text, organ.end, t.start):
        return False
    parent, seen = g.entry(organ.entry_id).parent, 0
    while parent and seen < 8:  # the organ's parents up to the organization
        if parent == t.entry_id:
            return True
        parent, seen = g.entry(parent).parent if parent in g.entries else None, seen + 1
    return False


def _runs_across(pa: PairAnalysis, pair, pattern) -> bool:
    """Is the title written across the edge of the pair's translation, begun in the paragraph
    before it or ended in the one after? A PDF's table wraps a cell over lines that read as two
    paragraphs ("Implementation Review" / "Group (resumed sixth session)"), and the aligner pairs
    the source's cell with one of them. A title written wholly outside the pair does not count."""
    first, last = pair.target[0], pair.target[-1]
    by_index = pa.memo("pair-terms:target-paragraphs",
                       lambda: {p.index: p for p in pa.target.document.paragraphs})
    before, after = by_index.get(first.paragraph.index - 1), by_index.get(last.paragraph.index + 1)
    head = (before.text + " " if before is not None else "") + first.paragraph.text[:first.start]
    tail = last.paragraph.text[last.end:] + (" " + after.text if after is not None else "")
    text = pair.target_text
    a, b = len(head) + 1, len(head) + 1 + len(text)
    joined = fold_text(head + " " + text + " " + tail)
    return any(m.start() < b and a < m.end() for m in pattern.finditer(joined))


RULES = [AcronymMissing, TermMissing]
