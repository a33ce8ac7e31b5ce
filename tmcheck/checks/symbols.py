"""TM301, TM304, TM307, TM308: document symbols — cited under the wrong body, malformed, or one document cited two ways (two titles, two symbols)."""

from __future__ import annotations


from ..facts.analysis import Analysis
from ..facts.documents import SERIES_KINDS, Citation
from ..facts.model import Facts
from ..facts.symbols import canonical_symbol
from ..facts.wording import describe
from ..i18n import _
from .base import Rule
from .messages import document_kind, of_body, the_body


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
                                   _("malformed document symbol '{written}'; the UN form is '{right}'").format(
                                       written=s.text, right=right), right)


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
        first_citation: dict[str, tuple[Citation, frozenset[str]]] = {}
        for c in Facts.of(analysis).citations:
            named = c.bodies
            series = {g.series_of(s) for s in c.symbols}
            series = {e for e in series if e and g.entry(e).kind in SERIES_KINDS}
            if named and series and not (named & series):
                owner = " / ".join(g.entry(e).side(analysis.lang).term for e in sorted(series))
                cited = " / ".join(g.entry(e).side(analysis.lang).term for e in sorted(named))
                yield self.finding(analysis, c.paragraph, c.start, c.end,
                                   _("'{written}' is a document {of_body}, but is cited here with {cited}").format(
                                       written=c.written[0].text, of_body=of_body(owner), cited=the_body(cited)))
                continue
            if not named:
                continue
            for s, key in zip(c.written, c.symbols):
                if key in first_citation:
                    earlier, earlier_named = first_citation[key]
                    if not (earlier_named & named) and not series:
                        then = " / ".join(g.entry(e).side(analysis.lang).term for e in sorted(earlier_named))
                        now = " / ".join(g.entry(e).side(analysis.lang).term for e in sorted(named))
                        first = earlier.written[earlier.symbols.index(key)]
                        yield self.finding(
                            analysis, c.paragraph, s.start, s.end,
                            _("'{written}' is cited here with {now}, elsewhere with {then}").format(
                                written=s.text, now=the_body(now), then=the_body(then)),
                            related=[self.related(analysis, earlier.paragraph, first.start, first.end,
                                                  _("'{written}' cited with {then}").format(
                                                      written=first.text, then=the_body(then)))])
                else:
                    first_citation[key] = (c, named)


class DocumentTitleConflict(Rule):
    """One document symbol cited with two different titles: a word of the title changed in one
    place (the documentation list, the annotations or a footnote).

    Why:
        A document has one title, the one on its cover page; the same symbol cited under another
        title leaves the reader unsure which document is meant, and is most often a slip made
        when the title was retyped. A title shortened in running text ("le rapport du Secrétariat
        sur l'application de la Convention") is not a slip; a word replaced by another is.

    Fix:
        Cite the title as the document gives it (the suggestion is the other citation's title).

    Bad (fr):
        Au titre de ce point, le Groupe de travail sera saisi de la note du Secrétariat sur l'élaboration de stratégies nationales visant à lutter contre la criminalité transnationale organisée (CTOC/COP/WG.2/2012/2).

        Documentation

        Note du Secrétariat sur l'élaboration de politiques nationales visant à lutter contre la criminalité transnationale organisée (CTOC/COP/WG.2/2012/2)

    Good (fr):
        Au titre de ce point, le Groupe de travail sera saisi de la note du Secrétariat sur l'élaboration de stratégies nationales visant à lutter contre la criminalité transnationale organisée (CTOC/COP/WG.2/2012/2).

        Documentation

        Note du Secrétariat sur l'élaboration de stratégies nationales visant à lutter contre la criminalité transnationale organisée (CTOC/COP/WG.2/2012/2)

    Bad (en):
        The Working Group will have before it the background paper prepared by the Secretariat on trafficking in persons in mixed migration flows (CTOC/COP/WG.4/2016/3).

        Documentation

        Background paper prepared by the Secretariat on smuggling of persons in mixed migration flows (CTOC/COP/WG.4/2016/3)

    Good (en):
        The Working Group will have before it the background paper prepared by the Secretariat on trafficking in persons in mixed migration flows (CTOC/COP/WG.4/2016/3).

        Documentation

        Background paper prepared by the Secretariat on trafficking in persons in mixed migration flows (CTOC/COP/WG.4/2016/3)
    """

    code = "TM307"
    name = "document-title-conflict"
    severity = "warning"

    def check(self, analysis: Analysis):
        for c in Facts.of(analysis).citation_conflicts:
            if c.kind == "kind":
                yield self._kind(analysis, c)
                continue
            if c.kind != "title":
                continue
            at, other = c.at, c.other
            symbol = " - ".join(at.symbols)
            yield self.finding(
                analysis, at.paragraph, at.title[0], at.title[1],
                _("{symbol} is cited here under another title than elsewhere: {changes}").format(
                    symbol=symbol, changes=describe(c.changes)),
                other.title_text if other.listed and not at.listed else None,
                related=[self.related(analysis, other.paragraph, other.title[0], other.title[1],
                                      _("{symbol} cited as '{title}'").format(symbol=symbol, title=other.title_text))])


    def _kind(self, analysis: Analysis, c):
        """"Note by the Secretariat (X)" in the list, "the report (X)" in the text."""
        at, other = c.at, c.other
        symbol = " - ".join(at.symbols)
        where = at.title or (at.start, at.end)
        there = other.title or (other.start, other.end)
        return self.finding(
            analysis, at.paragraph, where[0], where[1],
            _("{symbol} is cited here as a {kind}, elsewhere as a {other_kind}").format(
                symbol=symbol, kind=document_kind(at.kind), other_kind=document_kind(other.kind)),
            related=[self.related(analysis, other.paragraph, there[0], there[1],
                                  _("{symbol} cited as a {kind}").format(symbol=symbol, kind=document_kind(other.kind)))])


class DocumentSymbolConflict(Rule):
    """One document cited under two symbols: a joint document whose second symbol changes from one
    citation to another, or the same title given with another symbol.

    Why:
        A document's symbol is its address in the Official Document System; the same report
        listed under two symbols sends one reader to the wrong document (or to none). A joint
        document (CTOC/COP/WG.2/2012/3-CTOC/COP/WG.3/2012/4) keeps both its symbols wherever it is
        cited.

    Fix:
        Check the symbol against the document and correct the wrong citation.

    Bad (fr):
        Leurs réponses sont résumées dans le rapport du Secrétariat sur l'application de la Convention par les États parties (CTOC/COP/WG.2/2012/3-CTOC/COP/WG.3/2012/4).

        Rapport du Secrétariat sur l'application de la Convention par les États parties (CTOC/COP/WG.2/2012/3-CTOC/COP/WG.3/2012/5)

    Good (fr):
        Leurs réponses sont résumées dans le rapport du Secrétariat sur l'application de la Convention par les États parties (CTOC/COP/WG.2/2012/3-CTOC/COP/WG.3/2012/4).

        Rapport du Secrétariat sur l'application de la Convention par les États parties (CTOC/COP/WG.2/2012/3-CTOC/COP/WG.3/2012/4)

    Bad (en):
        Report of the Secretariat on the provision of technical assistance to States for the implementation of the Convention (CTOC/COP/2012/10)

        Report of the Secretariat on the provision of technical assistance to States for the implementation of the Convention (CTOC/COP/2012/11)

    Good (en):
        Report of the Secretariat on the provision of technical assistance to States for the implementation of the Convention (CTOC/COP/2012/10)

        Report of the Secretariat on the provision of technical assistance to States for the implementation of the Convention (CTOC/COP/2012/10)
    """

    code = "TM308"
    name = "document-symbol-conflict"
    severity = "error"

    def check(self, analysis: Analysis):
        facts = Facts.of(analysis)
        for c in facts.report_conflicts:
            at, other = c.at, c.other
            yield self.finding(
                analysis, at.paragraph, at.report_span[0], at.report_span[1],
                _("the report on this meeting is cited here as {symbol}, elsewhere as {other}").format(
                    symbol=at.report, other=other.report), other.report,
                related=[self.related(analysis, other.paragraph, other.report_span[0], other.report_span[1],
                                      _("the report cited as {symbol}").format(symbol=other.report))])
        for c in facts.citation_conflicts:
            if c.kind != "symbols":
                continue
            at, other = c.at, c.other
            now, then = "-".join(at.symbols), "-".join(other.symbols)
            if other.title:
                message = _("the document cited here as {symbol} is cited elsewhere as {other} ('{title}')").format(
                    symbol=now, other=then, title=_short(other.title_text))
            else:
                message = _("the document cited here as {symbol} is cited elsewhere as {other}").format(
                    symbol=now, other=then)
            yield self.finding(
                analysis, at.paragraph, at.start, at.end, message, then if c.sure else None,
                related=[self.related(analysis, other.paragraph, other.start, other.end,
                                      _("cited as {symbol}").format(symbol=then))])



def _short(title: str) -> str:
    return title if len(title) <= 80 else title[:77].rstrip() + "..."


RULES = [SymbolBodyMismatch, MalformedSymbol, DocumentTitleConflict, DocumentSymbolConflict]
