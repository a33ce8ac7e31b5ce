"""TM1xx: acronyms — near misses of official acronyms, acronyms of the other language, acronyms
defined with another body's title, and acronyms nobody knows: the rules. What they read is in the
modules beside this one: the acronym-like words of a draft (acronym_tokens), what the document says
about its acronyms (acronym_evidence), the slip model (acronym_slips) and the verdict on each word
(acronym_verdicts)."""

from __future__ import annotations

from collections import Counter

from ..facts.analysis import Analysis
from ..i18n import _, ngettext
from .acronym_evidence import document_acronyms
from .acronym_tokens import Token, acronym_tokens, in_name
from .acronym_verdicts import verdicts
from .base import Rule


class AcronymVariant(Rule):
    """A near miss of an official acronym, or of one the document defines: a letter inserted,
    dropped, transposed, doubled or replaced, two letters inserted, a space inside, or odd case.

    Why:
        "UNDOC", "ONU DC", "W HO" or "OnuDC" for UNODC/ONUDC and WHO are the commonest slips in UN
        drafts, and a spell checker passes them; a draft often repeats one slip many times. Every
        acronym-like word is compared with the glossary's acronyms and with those the document
        defines ("the United Nations country team (UNCT)"). A word that is itself a known or defined
        acronym is never taken for a misspelling of another. Close calls (one letter replaced, a
        three-letter acronym, two edits) are reported only when the document itself writes the
        official acronym or its full title within about ten pages of the word (a hundred
        paragraphs either way: a long report, or a file of many documents, cites nearly every
        body somewhere); when two acronyms are equally close and nothing decides, nothing is said.

    Fix:
        Write the official acronym given as suggestion.

    Bad (fr):
        Le rapport de l'UNDOC sera présenté à la Commission.

    Good (fr):
        Le rapport de l'ONUDC et celui de l'ONUDI seront présentés à la Commission.

    Bad (en):
        The Secretariat of UNDOC will brief the Working Group.

    Good (en):
        The secretariat of UNODC and UNIDO will brief the Working Group.
    """

    code = "TM101"
    name = "acronym-variant"
    severity = "error"

    def check(self, analysis: Analysis):
        for t, v in verdicts(analysis):
            if v.kind in ("slip", "forbidden"):
                yield self.finding(analysis, t.paragraph, t.start, t.end,
                                   _("'{written}' is not an official acronym; did you mean '{right}'?").format(
                                       written=t.text, right=v.suggestion), v.suggestion)


class AcronymWrongLanguage(Rule):
    """An official acronym of the other language: UNODC in a French draft, ONUDC in an English one.

    Why:
        The French and English versions of a UN document each use their own language's acronyms
        (ONUDC/UNODC, PNUD/UNDP, OMS/WHO); an acronym left in the source language is an
        untranslated word. Acronyms that are the same in both languages (UNICEF, FAO) are fine.
        A common noun's acronym may mean something else in the other language ("NSP", new
        psychoactive substances in French, is a national strategic plan in English): it is
        reported only where the document names the term in its own language within about ten
        pages of it. A body with no acronym in the draft's language may go by the other's where
        the document introduces it after the body's title, as UN French writes ASEAN.

    Fix:
        Write the acronym of the draft's language given as suggestion.

    Bad (fr):
        Le présent rapport a été établi par l'UNODC en consultation avec le PNUD.

    Good (fr):
        Le présent rapport a été établi par l'ONUDC en consultation avec le PNUD et l'UNICEF.

    Bad (en):
        The report was prepared by ONUDC in consultation with UNDP.

    Good (en):
        The report was prepared by UNODC in consultation with UNDP and UNICEF.
    """

    code = "TM102"
    name = "acronym-wrong-language"
    severity = "error"

    def check(self, analysis: Analysis):
        g = analysis.glossary
        lang = analysis.lang
        other = "en" if lang == "fr" else "fr"
        own = g.acronyms.get(lang, {})
        theirs = g.acronyms.get(other, {})
        for t in acronym_tokens(analysis):
            token = t.text
            if t.joined or token in own or token not in theirs:
                continue
            entry = g.entry(theirs[token])
            if entry.kind == "term":
                # Common nouns' acronyms mean other things in the other language ("NSP" is a
                # national strategic plan in English) and recur in names and titles ("MAC AIDS
                # Fund"): reported where the document names the term in its own language too,
                # in the pages around the word (acronym_evidence.REACH).
                doc = document_acronyms(analysis).get(t.paragraph.group)
                if doc is None or not doc.names(entry.id, doc.place(t.paragraph.index)) or in_name(t):
                    continue
            right = entry.side(lang).acronym
            term = entry.side(lang).term
            if not right and _defined_here(analysis, t):
                # "Groupe Asie/Pacifique sur le blanchiment de capitaux (APG)": with no acronym of
                # its own language, the body's one acronym, introduced by the document, as UN
                # French writes ASEAN.
                continue
            if right:
                message = (_("'{written}' is the English acronym of {term}; in French write '{right}'") if lang == "fr"
                           else _("'{written}' is the French acronym of {term}; in English write '{right}'"))
                yield self.finding(analysis, t.paragraph, t.start, t.end,
                                   message.format(written=token, term=term, right=right), right)
            else:
                message = (_("'{written}' is the English acronym of {term}, which has no French acronym") if lang == "fr"
                           else _("'{written}' is the French acronym of {term}, which has no English acronym"))
                yield self.finding(analysis, t.paragraph, t.start, t.end, message.format(written=token, term=term),
                                   term)


def _defined_here(analysis: Analysis, t) -> bool:
    """Does the document define the word as an acronym (after a title, in brackets)?"""
    doc = document_acronyms(analysis).get(t.paragraph.group)
    return doc is not None and t.text in doc.defined


class AcronymDefinitionMismatch(Rule):
    """An acronym defined with the official title of a body whose acronym is another: "the United
    Nations Development Programme (UNPD)", "le Programme des Nations Unies pour le développement
    (PNUE)".

    Why:
        A definition tells the reader what the acronym stands for in the rest of the document; one
        that pairs a body's title with another acronym (a misspelling, or another body's acronym)
        misleads every later mention. Acronyms defined with a title the glossary does not hold
        ("the United Nations country team (UNCT)") are the document's own and are fine.

    Fix:
        Write the body's official acronym in the definition (the suggestion).

    Bad (fr):
        Le Programme des Nations Unies pour le développement (PNUE) a financé l'atelier.

    Good (fr):
        Le Programme des Nations Unies pour le développement (PNUD) a financé l'atelier.

    Bad (en):
        The United Nations Office on Drugs and Crime (UNDOC) organized the workshop.

    Good (en):
        The United Nations Office on Drugs and Crime (UNODC) and the United Nations country team (UNCT) organized the workshop.
    """

    code = "TM104"
    name = "acronym-definition-mismatch"
    severity = "error"

    def check(self, analysis: Analysis):
        for doc in document_acronyms(analysis).values():
            for p, d in doc.wrong:
                yield self.finding(analysis, p, d.start, d.end,
                                   _("'{written}' is given as the acronym of '{title}', whose official acronym is "
                                     "'{right}'").format(written=d.acronym, title=d.title, right=d.official),
                                   d.official)


class AcronymUnknown(Rule):
    """An acronym that is neither in the glossary nor defined in the document, reported once per
    document with the number of times it is used.

    Why:
        Terminologists add the acronyms of new missions, treaties and programmes to the glossary
        (``tmcheck glossary add``) so that their slips can be caught; an editor sees at once an
        acronym the document uses without defining it.

    Fix:
        Define the acronym at its first use ("Full Title (ABC)"), or add it to the glossary.

    Bad (fr):
        Le satellite de télécommunications de l'ARSAT a été lancé en octobre 2014.

    Good (fr):
        Le satellite de télécommunications de l'entreprise Empresa Argentina de Soluciones Satelitales (ARSAT) a été lancé en octobre 2014.

    Bad (en):
        The telecommunications satellite of ARSAT was launched in October 2014.

    Good (en):
        The telecommunications satellite of the company Empresa Argentina de Soluciones Satelitales (ARSAT) was launched in October 2014.
    """

    code = "TM105"
    name = "acronym-unknown"
    severity = "info"

    def check(self, analysis: Analysis):
        first: dict[tuple[str, str], Token] = {}
        count: Counter = Counter()
        for t, v in verdicts(analysis):
            if v.kind != "unknown" or t.heading or len(t.text) < 3:
                continue
            key = (t.paragraph.group, t.text)
            count[key] += 1
            first.setdefault(key, t)
        for key, t in first.items():
            n = count[key]
            yield self.finding(analysis, t.paragraph, t.start, t.end,
                               ngettext("'{written}' (once in the document) is neither in the glossary nor defined "
                                        "in the document",
                                        "'{written}' ({n} times in the document) is neither in the glossary nor "
                                        "defined in the document", n).format(written=t.text, n=n))



RULES = [AcronymVariant, AcronymWrongLanguage, AcronymDefinitionMismatch, AcronymUnknown]
