"""TM103, TM403: the source's official acronyms and glossary terms must have their counterparts in
the translation."""

from __future__ import annotations

import re

from ..glossary.index import content_words
from ..lang.text import fold_text
from .acronyms import _acronym_tokens, _near_miss
from ..facts.analysis import Analysis, PairAnalysis
from .base import PairRule

_TITLE_KINDS = {"body", "working-group", "meeting", "office", "organization", "instrument", "mission"}
_BODY_KINDS = {"body", "working-group", "meeting"}


def _asks_for_title(entry, form: str) -> bool:
    """Which titles of the source the translation must give as titles: those of the bodies of the
    conferences (commissions, working groups, meetings), and any other title of three content
    words or more. "United Nations", "African Union" or "Security Council" are often rendered "l'ONU",
    "the Union" or "il", as the translator sees fit."""
    if entry.kind in _BODY_KINDS:
        return True
    return entry.kind in _TITLE_KINDS and content_words(form) >= 3


def _tokens_in(analysis: Analysis, pieces) -> list[tuple]:
    by_paragraph = analysis.__dict__.get("_acronyms_by_paragraph")
    if by_paragraph is None:
        by_paragraph = {}
        for t in _acronym_tokens(analysis):
            by_paragraph.setdefault(t[0].index, []).append(t)
        analysis.__dict__["_acronyms_by_paragraph"] = by_paragraph
    return [t for p in pieces for t in by_paragraph.get(p.paragraph.index, ()) if p.start <= t[1] and t[2] <= p.end]


def _counterparts(g, lang: str, acronym: str) -> tuple[str, ...]:
    """Every entry with this acronym in this language (ILO is the Organization and the Office)."""
    table = g.__dict__.get("_acronym_entries")
    if table is None:
        table = {}
        for e in g.entries.values():
            for side_lang in ("fr", "en"):
                a = e.side(side_lang).acronym
                if a:
                    table.setdefault((side_lang, a), []).append(e.id)
        g.__dict__["_acronym_entries"] = table
    return tuple(table.get((lang, acronym), ()))


def _naming_shorts(g, entry_id: str, lang: str) -> tuple[str, ...]:
    """The entry's short forms that name it alone ("Nations Unies"), not the ones every body of
    its kind shares ("le Groupe de travail"): what the index calls "short", not "generic"."""
    table = g.__dict__.get("_naming_shorts")
    if table is None:
        table = {}
        for form_lang, forms in g.automata.items():
            for _key, (_length, values) in forms:
                for e, role, form in values:
                    if role == "short":
                        table.setdefault((e, form_lang), []).append(form)
        g.__dict__["_naming_shorts"] = table
    return tuple(table.get((entry_id, lang), ()))


def _entries_named(analysis: Analysis, pieces) -> set[str]:
    """Entries the pieces name by a glossary form of their own ("the Working Group" names none; a
    forbidden variant does name its entry: TM401 reports it)."""
    out = set()
    for piece in pieces:
        for t in analysis.terms(piece.paragraph):
            if piece.start <= t.start and t.end <= piece.end and t.role not in ("other-language", "generic"):
                out.add(t.entry_id)
    return out


class AcronymMissing(PairRule):
    """An official acronym of the source replaced in the translation by another body's acronym
    (PNUD in the source, UNEP where UNDP was due).

    Why:
        Each language version uses its own acronym for the same body. One left out is the
        translator's choice ("the Agency", "it"); one swapped for another body's is a wrong fact.

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
        UNODC and UNDP organized a regional workshop.
        ->
        L'ONUDC et le PNUE ont organisé un atelier régional.

    Good (en):
        UNODC and UNDP organized a regional workshop.
        ->
        L'ONUDC et le PNUD ont organisé un atelier régional.
    """

    code = "TM103"
    name = "acronym-missing"
    severity = "error"
    local = True

    def check(self, pa: PairAnalysis):
        g = pa.glossary
        sl, tl = pa.source_lang, pa.target_lang
        for pair in pa.pairs:
            src_tokens = _tokens_in(pa.source, pair.source)
            if not src_tokens:
                continue
            tgt_tokens = {t[3] for t in _tokens_in(pa.target, pair.target)}
            # An acronym left out is the translator's choice ("the Agency", "it"); one replaced by
            # another body's acronym is an error: only the second is reported.
            # The bodies the source names, by acronym or in full; a target acronym of any other
            # body is a stranger.
            named_src = {e for t in src_tokens for e in _counterparts(g, sl, t[3])}
            named_src |= _entries_named(pa.source, pair.source)
            strangers = sorted(t for t in tgt_tokens if t in g.acronyms.get(tl, {})
                               and not (set(_counterparts(g, tl, t)) & named_src) and t not in {x[3] for x in src_tokens})
            if not strangers:
                continue
            tgt_named = None
            reported = set()
            for _, _, _, token, _ in src_tokens:
                entry_id = g.acronyms.get(sl, {}).get(token)
                if not entry_id or entry_id in reported:
                    continue
                entry = g.entry(entry_id)
                if entry.kind == "term":
                    continue
                expected = entry.side(tl).acronym
                alternatives = {g.entry(e).side(tl).acronym for e in _counterparts(g, sl, token)}
                if not expected or (alternatives & tgt_tokens) or token in tgt_tokens:
                    continue  # present (or the source's own acronym left there: TM102 says so)
                if any(_near_miss(g, t, tl) and _near_miss(g, t, tl)[2] == entry_id for t in tgt_tokens):
                    continue  # misspelled there: TM101 says so
                if tgt_named is None:
                    tgt_named = _entries_named(pa.target, pair.target)
                if entry_id in tgt_named:
                    continue  # written out in full
                reported.add(entry_id)
                where = next(((t[0], t[1], t[2]) for p in pair.target for t in _tokens_in(pa.target, (p,)) if t[3] in strangers), None)
                paragraph, start, end = where
                yield self.finding(pa.target, paragraph, start, end,
                                   f"'{token}' in the source has no counterpart in the translation, which has "
                                   f"'{paragraph.text[start:end]}'; expected '{expected}'", expected)


def _loose(term: str, lang: str) -> re.Pattern:
    """A term as the translation may inflect it: any case and accents, singular or plural, elision."""
    words = re.findall(r"[^\W\d_]+|\d+", fold_text(term))
    parts = []
    for w in words:
        if len(w) <= 3:
            parts.append(re.escape(w))
        elif lang == "en" and w.endswith("ies"):
            parts.append(re.escape(w[:-3]) + "(?:y|ies)")
        elif lang == "en" and w.endswith("y"):
            parts.append(re.escape(w[:-1]) + "(?:y|ies)")
        elif w.endswith(("s", "x")) and not w.endswith("ss"):
            parts.append(re.escape(w[:-1]) + "(?:s|x|es)?")
        else:
            parts.append(re.escape(w) + "(?:s|x|es|'s)?")
    joiner = r"(?:\s+|'\s*|\s*-\s*)" if lang == "fr" else r"(?:\s+|\s*-\s*)"
    return re.compile(r"(?<!\w)" + joiner.join(parts) + r"(?!\w)")


def _attempted(title: str, folded_target: str) -> bool:
    """Does the translation hold most of the title's content words (a title written, if wrongly)?"""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", fold_text(title))]
    present = sum(1 for w in words if re.search(r"(?<!\w)" + re.escape(w[:-1]), folded_target))
    return bool(words) and present * 2 >= len(words) + 1


def _capitalised_as_written(form: str, written: str) -> bool:
    """"États Membres" names the UN's Member States; "États membres" (of another body) does not, and
    "le secrétariat du Réseau" is not the Secretariat: a capitalised word of the glossary form must be
    capitalised in the text (its first word may not be, after an article)."""
    fw, ww = form.split(), written.split()
    if len(fw) != len(ww):
        return True
    return all(not f[:1].isupper() or w[:1].isupper() or (i == 0 and f.lower() in _ARTICLES)
               for i, (f, w) in enumerate(zip(fw, ww)))


_ARTICLES = {"the", "la", "le", "les", "l'"}


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
        patterns = pa.__dict__.setdefault("_loose", {})
        for pair in pa.pairs:
            wanted = {}
            for piece in pair.source:
                text = piece.paragraph.text
                for t in pa.source.terms(piece.paragraph):
                    # Official titles of three words or more: "the Council", "il" or "States" for
                    # "Security Council", "General Assembly" or "States parties" are the translator's
                    # to choose, a body's title rendered another way is not.
                    if (piece.start <= t.start and t.end <= piece.end and t.role == "term"
                            and _asks_for_title(g.entry(t.entry_id), t.form)
                            and _capitalised_as_written(t.form, text[t.start:t.end])):
                        wanted.setdefault(t.entry_id, t)
            if not wanted:
                continue
            named = _entries_named(pa.target, pair.target)
            folded = tgt_tokens = None
            for entry_id, match in wanted.items():
                if entry_id in named:
                    continue
                entry = g.entry(entry_id)
                side = entry.side(tl)
                if folded is None:
                    folded = fold_text(pair.target_text)
                forms = (side.term, *_naming_shorts(g, entry_id, tl))
                if any((patterns.setdefault((f, tl), _loose(f, tl))).search(folded) for f in forms):
                    continue
                if side.acronym:
                    # The acronym alone is a fair rendering ("DPKO" for "Département des opérations
                    # de maintien de la paix"), unless the translation tried the title and got it
                    # wrong ("United Countries Development Programme (UNDP)").
                    if tgt_tokens is None:
                        tgt_tokens = {t[3] for t in _tokens_in(pa.target, pair.target)}
                    if side.acronym in tgt_tokens and not _attempted(side.term, folded):
                        continue
                first = pair.target[0]
                yield self.finding(pa.target, first.paragraph, first.start, first.end,
                                   f"'{match.form}' in the source: the translation does not use the official '{side.term}'",
                                   side.term)


RULES = [AcronymMissing, TermMissing]
