"""TM305: document symbols and resolution or decision numbers changed in the translation."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ..facts.analysis import Analysis, PairAnalysis
from ..i18n import _
from .base import ComparisonRule, Difference
from .messages import quoted
from ..facts.symbols import canonical_symbol

# A resolution or decision number ("5/6", "70/1") or a Security Council one ("2139 (2014)").
REFERENCE = re.compile(r"(?<![\w/.,-])(\d{1,4}/\d{1,4}|\d{3,4} \((?:19|20)\d\d\))(?![\w/]|,\d)")


def references(analysis: Analysis, pieces) -> list[tuple]:
    """(piece, start, end, canonical form) of every symbol and resolution number in the pieces."""
    out = []
    for piece in pieces:
        found = _paragraph_references(analysis, piece.paragraph)
        if found:  # most paragraphs have none
            out.extend((piece, a, b, form) for a, b, form in found if piece.start <= a and b <= piece.end)
    return out


def _paragraph_references(analysis: Analysis, p) -> list[tuple[int, int, str]]:
    """Symbols and resolution numbers of a paragraph, found once for TM305, TM306 and TM601."""
    def find(p) -> list[tuple[int, int, str]]:
        found, spans = [], []
        for s in analysis.symbols(p):
            found.append((s.start, s.end, canonical_symbol(s.text)))
            spans.append((s.start, s.end))
        if "/" in p.text or "(" in p.text:
            for m in REFERENCE.finditer(p.text):
                if not any(a <= m.start() < b for a, b in spans):
                    found.append((m.start(), m.end(), m.group(1)))
        return found

    return analysis.per_paragraph("references", p, find)


class SymbolMismatch(ComparisonRule):
    """A document symbol, or a resolution or decision number, that the translation gives otherwise
    than the source (one on one side only is TM306).

    Why:
        Symbols are identical in every language version ("CTOC/COP/2016/6" is never translated),
        and so are resolution numbers ("résolution 5/6", "resolution 5/6"). A changed digit sends
        the reader to another document.

    Fix:
        Copy the symbol from the source (the suggestion, where one differs).

    Bad (fr):
        Note du Secrétariat (CTOC/COP/WG.4/2016/2) sur la résolution 7/1.
        ->
        Note by the Secretariat (CTOC/COP/WG.4/2016/3) on resolution 7/1.

    Good (fr):
        Note du Secrétariat (CTOC/COP/WG.4/2016/2) sur la résolution 7/1.
        ->
        Note by the Secretariat (CTOC/COP/WG.4/2016/2) on resolution 7/1.

    Bad (en):
        In its resolution 5/6, the Conference endorsed the recommendations.
        ->
        Dans sa résolution 5/7, la Conférence a approuvé les recommandations.

    Good (en):
        In its resolution 5/6, the Conference endorsed the recommendations.
        ->
        Dans sa résolution 5/6, la Conférence a approuvé les recommandations.
    """

    code = "TM305"
    name = "symbol-mismatch"
    severity = "error"
    part = "changed"

    @staticmethod
    def compare(pa: PairAnalysis) -> Iterator[Difference]:
        return _compare(pa)


class SymbolMissing(ComparisonRule):
    """A document symbol or resolution number written on one side only.

    Why:
        A symbol left out may be a lost reference; it may also be the translator's
        restructuring ("cette résolution" for "resolution 1540 (2004)"), so it is information for
        the reviser. A symbol that changed is TM305.

    Fix:
        Check that the translation gives every reference of the source.

    Bad (fr):
        Le Groupe de travail sera saisi d'une note du Secrétariat (CTOC/COP/WG.4/2016/2).
        ->
        The Working Group will have before it a note by the Secretariat.

    Good (fr):
        Le Groupe de travail sera saisi d'une note du Secrétariat (CTOC/COP/WG.4/2016/2).
        ->
        The Working Group will have before it a note by the Secretariat (CTOC/COP/WG.4/2016/2).

    Bad (en):
        The Working Group will have before it a note by the Secretariat (CTOC/COP/WG.4/2016/2).
        ->
        Le Groupe de travail sera saisi d'une note du Secrétariat.

    Good (en):
        The Working Group will have before it a note by the Secretariat (CTOC/COP/WG.4/2016/2).
        ->
        Le Groupe de travail sera saisi d'une note du Secrétariat (CTOC/COP/WG.4/2016/2).
    """

    code = "TM306"
    name = "symbol-missing"
    severity = "info"
    part = "one-sided"
    compare = staticmethod(SymbolMismatch.compare)


def _compare(pa: PairAnalysis) -> Iterator[Difference]:
    """The symbols and resolution numbers each side has that the other does not."""
    for pair in pa.pairs:
        src = references(pa.source, pair.source)
        tgt = references(pa.target, pair.target)
        if not src and not tgt:
            continue
        missing_list = list((Counter(r[3] for r in src) - Counter(r[3] for r in tgt)).elements())
        extra = Counter(r[3] for r in tgt) - Counter(r[3] for r in src)
        for ref in tgt:
            if extra[ref[3]] <= 0:
                continue
            extra[ref[3]] -= 1
            piece, a, b, form = ref
            if missing_list:
                close = [m for m in missing_list if _close(form, m)]
                right = close[0] if close else missing_list[0] if len(missing_list) == 1 else None
                if right:
                    missing_list.remove(right)
                yield Difference("changed", piece.paragraph, a, b,
                                 _("'{written}' where the source has {sources}").format(
                                     written=form, sources=quoted([right] if right else missing_list)), right)
            else:
                yield Difference("one-sided", piece.paragraph, a, b,
                                 _("'{written}' is not in the source").format(written=form))
        for form in missing_list:
            first = pair.target[0]
            yield Difference("one-sided", first.paragraph, first.start, first.end,
                             _("the source's '{source}' is missing from the translation").format(source=form), form)



def _close(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) <= 2


RULES = [SymbolMismatch, SymbolMissing]
