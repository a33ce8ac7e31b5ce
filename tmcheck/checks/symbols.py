"""TM301, TM304: document symbols — cited under the wrong body, or malformed."""

from __future__ import annotations

import re

from ..facts.analysis import Analysis
from ..facts.symbols import Symbol, canonical_symbol, joint_groups
from .base import Rule

# Bodies whose documents form a series of their own (a working group's CTOC/COP/WG.4/...), as
# opposed to a parent's general series (CTOC/COP/...), which any of its organs may cite.
_SERIES_KINDS = {"working-group", "meeting"}


class MalformedSymbol(Rule):
    """A document symbol whose parts break the UN form: "WG2" for "WG.2", "CN15" for "CN.15",
    "Add1" for "Add.1", a lower-case series, a doubled or trailing slash.

    Why:
        A malformed symbol does not find its document in the Official Document System and will not
        be linked by the editors' tools; it is also the surest sign that a symbol was typed by hand.

    Fix:
        Write the well-formed symbol given as suggestion.

    Bad (fr):
        Note du Secrétariat (CTOC/COP/WG2/2012/1).

    Good (fr):
        Note du Secrétariat (CTOC/COP/WG.2/2012/1 et E/CN.15/2016/1/Add.1).

    Bad (en):
        Report of the Secretary-General (E/CN15/2016/1).

    Good (en):
        Report of the Secretary-General (E/CN.15/2016/1 and A/RES/70/1).
    """

    code = "TM304"
    name = "malformed-symbol"
    severity = "error"
    local = True

    def check(self, analysis: Analysis):
        for s in analysis.all_symbols():
            right = canonical_symbol(s.text)
            if right != s.text:
                yield self.finding(analysis, s.paragraph, s.start, s.end,
                                   f"malformed document symbol '{s.text}'; the UN form is '{right}'", right)


class SymbolBodyMismatch(Rule):
    """A document symbol cited with a working group or meeting other than the one whose documents
    it numbers, or one symbol cited with two different bodies in two places.

    Why:
        Every working group of the Conference has its own series (CTOC/COP/WG.4/... is the Working
        Group on Trafficking in Persons, CTOC/COP/WG.7/... the Working Group on the Smuggling of
        Migrants). A report cited under the wrong group sends the reader to the wrong meeting.
        Joint documents (CTOC/COP/WG.2/2012/3-CTOC/COP/WG.3/2012/4) belong to each of their groups.

    Fix:
        Correct the symbol or the name of the body.

    Bad (fr):
        Rapport du Groupe de travail sur les armes à feu sur sa réunion tenue à Vienne (CTOC/COP/WG.4/2015/2)

    Good (fr):
        Rapport du Groupe de travail sur la traite des personnes sur sa réunion tenue à Vienne (CTOC/COP/WG.4/2015/2)

    Bad (en):
        Report of the Working Group on Firearms on its meeting held in Vienna (CTOC/COP/WG.7/2015/3)

    Good (en):
        Report of the Working Group on the Smuggling of Migrants on its meeting held in Vienna (CTOC/COP/WG.7/2015/3)
    """

    code = "TM301"
    name = "symbol-body-mismatch"
    severity = "error"

    def check(self, analysis: Analysis):
        g = analysis.glossary
        first_citation: dict[str, tuple[Symbol, frozenset[str]]] = {}
        for p in analysis.paragraphs:
            symbols = analysis.symbols(p)
            if not symbols:
                continue
            for group in joint_groups(p.text, symbols):
                a, b = analysis.sentence_at(p, group[0].start)
                named = frozenset(
                    t.entry_id for t in analysis.terms(p)
                    if a <= t.start < group[0].start and t.role in ("term", "short")
                    and g.entry(t.entry_id).kind in _SERIES_KINDS
                )
                series = {g.series_of(canonical_symbol(s.text)) for s in group}
                series = {e for e in series if e and g.entry(e).kind in _SERIES_KINDS}
                if named and series and not (named & series):
                    s = group[0]
                    owner = " / ".join(g.entry(e).side(analysis.lang).term for e in sorted(series))
                    cited = " / ".join(g.entry(e).side(analysis.lang).term for e in sorted(named))
                    yield self.finding(analysis, p, s.start, group[-1].end,
                                       f"'{s.text}' is a document of the {owner}, but is cited here with the {cited}")
                    continue
                for s in group:
                    key = canonical_symbol(s.text)
                    if not named:
                        continue
                    if key in first_citation:
                        earlier, earlier_named = first_citation[key]
                        if not (earlier_named & named) and not series:
                            then = " / ".join(g.entry(e).side(analysis.lang).term for e in sorted(earlier_named))
                            now = " / ".join(g.entry(e).side(analysis.lang).term for e in sorted(named))
                            yield self.finding(
                                analysis, p, s.start, s.end,
                                f"'{s.text}' is cited here with the {now}, elsewhere with the {then}",
                                related=[self.related(analysis, earlier.paragraph, earlier.start, earlier.end,
                                                      f"'{earlier.text}' cited with the {then}")])
                    else:
                        first_citation[key] = (s, named)


RULES = [SymbolBodyMismatch, MalformedSymbol]
